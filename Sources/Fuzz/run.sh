#!/usr/bin/env bash
# Fuzzes every parser of a file a user brings with libFuzzer, for a bounded time each.
#   Sources/Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]     (default: 60 s, every target)
# One binary serves every target (GQA_FUZZ_TARGET names it; `GQA_FUZZ_TARGET=list` lists them).
# Each target starts from its seed corpus in Tests/GQAReportTests/Fixtures/fuzz-corpus/ and
# grows a working corpus in .build-fuzz/corpus/. A crash, a hang past 10 s (timeout), memory past
# 2 GiB or a leak fails the run and leaves its input in .build-fuzz/crashes/TARGET/; copy it into
# the seed corpus so the replay test (FuzzCorpusTests) keeps it. Prints executions per target.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
echo "== build the fuzz binary (release, -sanitize=fuzzer,address)"
swift build -c release --scratch-path .build-fuzz --product fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >/dev/null  # gold fails on the sanitizer runtime
binary=.build-fuzz/release/fuzz
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(GQA_FUZZ_TARGET=list "$binary")
seeds=Tests/GQAReportTests/Fixtures/fuzz-corpus
export GQA_SCHEMAS="$PWD/Results/schemas"
export LSAN_OPTIONS="suppressions=$PWD/Sources/Fuzz/lsan-suppressions.txt:print_suppressions=0"
failed=()
summary=()
for target in "${targets[@]}"; do
    mkdir -p ".build-fuzz/corpus/$target" ".build-fuzz/crashes/$target"
    echo "== $target for ${seconds}s"
    log=".build-fuzz/$target.log"
    if GQA_FUZZ_TARGET="$target" "$binary" ".build-fuzz/corpus/$target" "$seeds/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=65536 \
        -detect_leaks=1 -artifact_prefix=".build-fuzz/crashes/$target/" -print_final_stats=1 >"$log" 2>&1; then
        outcome=ok
    else
        outcome=FAILED
        failed+=("$target")
        tail -40 "$log"
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    summary+=("$(printf '%-18s %10s executions  %s' "$target" "${runs:-?}" "$outcome")")
done
echo "== executions per target (${seconds}s each)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing failed: ${failed[*]} (inputs in .build-fuzz/crashes/)"
    exit 1
fi
