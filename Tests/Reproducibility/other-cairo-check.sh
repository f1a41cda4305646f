#!/usr/bin/env bash
# The committed artifact checked with another Cairo than the one it was drawn with (issue 22):
# on a clean copy of HEAD, with the Cairo in $GQA_OTHER_CAIRO_LIB loaded in place of the
# system's, `report check` must pass (figures compared by content, said once), `report build`
# must leave `git status` clean, and one changed plotted point must fail the check naming its
# figure. Skipped, saying so, when no other Cairo is given.
#
#   Tests/Reproducibility/other-cairo-check.sh                  # uses $GQA_OTHER_CAIRO_LIB
#   Tests/Reproducibility/other-cairo-check.sh --build-cairo DIR  # first builds Cairo 1.18.4
#                                                               # (Debian 13's source) into DIR
# --build-cairo needs Debian or Ubuntu, root (apt-get) and the network; about 3 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
report="$repo/.build/debug/report"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

build_cairo() {
    local prefix=$1 work
    work=$(mktemp -d)
    # A private apt state: the machine's own sources and lists are left as they are.
    mkdir -p "$work/apt/lists/partial" "$work/apt/sources"
    echo "deb-src http://deb.debian.org/debian trixie main" > "$work/apt/sources/trixie.list"
    local apt=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work/apt/sources" -o "Dir::State::Lists=$work/apt/lists")
    apt-get "${apt[@]}" update
    (cd "$work" && apt-get "${apt[@]}" source --download-only cairo)
    as_root apt-get install -y --no-install-recommends libpixman-1-dev libfreetype-dev libfontconfig-dev libpng-dev dpkg-dev xz-utils python3-venv
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet meson ninja
    (cd "$work" && dpkg-source -x cairo_*.dsc src)
    (cd "$work/src" && PATH="$work/venv/bin:$PATH" meson setup build --prefix="$prefix" -Dtests=disabled -Dxlib=disabled \
        -Dxcb=disabled -Dglib=disabled -Dspectre=disabled -Dsymbol-lookup=disabled \
        && PATH="$work/venv/bin:$PATH" ninja -C build install)
    rm -rf "$work"
    GQA_OTHER_CAIRO_LIB=$(dirname "$(find "$prefix" -name 'libcairo.so.2' -o -name 'libcairo.2.dylib' | head -1)")
    export GQA_OTHER_CAIRO_LIB
}

if [ "${1:-}" = "--build-cairo" ]; then
    build_cairo "$(realpath -m "${2:?--build-cairo needs a folder to install into}")"
fi
if [ -z "${GQA_OTHER_CAIRO_LIB:-}" ]; then
    echo "skipped: no other Cairo to check with (set GQA_OTHER_CAIRO_LIB to a folder holding libcairo, or pass --build-cairo DIR)"
    exit 0
fi
[ -x "$report" ] || { echo "error: $report is not built; run swift build first" >&2; exit 1; }

load() { if [ "$(uname)" = Darwin ]; then DYLD_LIBRARY_PATH="$GQA_OTHER_CAIRO_LIB" "$@"; else LD_LIBRARY_PATH="$GQA_OTHER_CAIRO_LIB" "$@"; fi; }

copy=$(mktemp -d)/artifact
trap 'rm -rf "$(dirname "$copy")"' EXIT
git clone --quiet "$repo" "$copy"
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== report check of a clean copy of HEAD, with the Cairo in $GQA_OTHER_CAIRO_LIB"
out=$(load "$report" check --root "$copy" 2>&1) || { echo "$out" | grep -v '^warning' >&2; fail "report check exited non-zero"; }
note=$(echo "$out" | grep '^note: drawn here with' || true)
[ -n "$note" ] || fail "no figure was compared by content: is $GQA_OTHER_CAIRO_LIB another Cairo than the artifact's?"
echo "$note"
[ "$(echo "$note" | wc -l)" -eq 1 ] || fail "the renderer difference is said more than once"

echo "== report build with it leaves git status clean"
load "$report" build --root "$copy" >/dev/null 2>&1 || fail "report build exited non-zero"
changes=$(git -C "$copy" status --porcelain -- site Results Templates)
[ -z "$changes" ] || { echo "$changes" >&2; fail "the rebuild changed files"; }

echo "== one plotted point changed: the check fails naming the figure"
sed -i.orig '2s/^Llama-3 GQA,3\.093,/Llama-3 GQA,3.193,/' "$copy/Results/digitized/figure1.csv"
cmp -s "$copy/Results/digitized/figure1.csv" "$copy/Results/digitized/figure1.csv.orig" && fail "the point to change was not found in Results/digitized/figure1.csv"
rm "$copy/Results/digitized/figure1.csv.orig"
if out=$(load "$report" check --root "$copy" 2>&1); then fail "report check passed with a changed point"; fi
echo "$out" | grep '^figure .*: what it shows changed' || fail "no figure named as changed"
echo "other Cairo check passed"
