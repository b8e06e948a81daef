#!/usr/bin/env bash
# tests/fuzz/run.sh — builds the libFuzzer targets with clang in a build directory of their own
# and runs each for SECONDS (default 30) on its seed corpus. Exits 1 when a fuzzer finds a crash,
# a leak, an out-of-memory or a timeout (the input is kept in BUILD/fuzz/KIND/artifacts/), 2 when
# it cannot build. Usage: tests/fuzz/run.sh [SECONDS]; BUILD_DIR overrides ROOT/build-fuzz.
set -euo pipefail

secs=${1:-30}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}

if ! command -v clang >/dev/null; then
    echo "run.sh: clang not found (apt-get install clang)" >&2
    exit 2
fi
mkdir -p "$build"
if ! cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DLOSSARENA_FUZZ=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/fuzz-configure.log" 2>&1 ||
    ! cmake --build "$build" --target fuzz_idx fuzz_csv -j"$(nproc)" >"$build/fuzz-build.log" 2>&1; then
    echo "run.sh: building the fuzz targets failed; see $build/fuzz-configure.log and" \
        "$build/fuzz-build.log" >&2
    exit 2
fi

status=0
for kind in idx csv; do
    work=$build/fuzz/$kind
    mkdir -p "$work/corpus" "$work/artifacts"
    echo "== fuzz_$kind for ${secs}s"
    if "$build/fuzz/fuzz_$kind" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -dict="$root/tests/fuzz/$kind.dict" \
        -artifact_prefix="$work/artifacts/" "$work/corpus" "$root/tests/fuzz/corpus_$kind" \
        >"$work/log" 2>&1; then
        grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log" || true
        echo "   corpus: $(ls "$work/corpus" | wc -l) inputs"
    else
        tail -n 40 "$work/log" >&2
        echo "run.sh: fuzz_$kind failed; reproduce with: $build/fuzz/fuzz_$kind $work/artifacts/<file>" >&2
        status=1
    fi
done
exit $status
