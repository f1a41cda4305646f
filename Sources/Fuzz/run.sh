#!/usr/bin/env bash
# Fuzzes every parser of untrusted input with libFuzzer for a bounded time each.
#   Sources/Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]     (default: 60 s, all targets)
# Each target starts from its seed corpus in Tests/GQAReportTests/Fixtures/fuzz-corpus/ and
# grows a working corpus in .build-fuzz/corpus/. A crash leaves its input in
# .build-fuzz/crashes/TARGET/; copy it into the seed corpus so the replay test keeps it.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(stdout tfevents jsonl wandb-csv wandb lm-eval)
seeds=Tests/GQAReportTests/Fixtures/fuzz-corpus
status=0
for target in "${targets[@]}"; do
    swift build -c release --scratch-path .build-fuzz --product "fuzz-$target" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
        -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >/dev/null  # gold fails on the sanitizer runtime
    mkdir -p ".build-fuzz/corpus/$target" ".build-fuzz/crashes/$target"
    echo "== fuzz-$target for ${seconds}s"
    if ! ".build-fuzz/release/fuzz-$target" ".build-fuzz/corpus/$target" "$seeds/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
        -artifact_prefix=".build-fuzz/crashes/$target/" -print_final_stats=1 2>&1 | tail -25; then
        status=1
    fi
done
exit $status
