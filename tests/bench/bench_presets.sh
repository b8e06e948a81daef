#!/usr/bin/env bash
# bench_presets.sh LOSSARENA [PRESET...] — wall time of each preset (default: the four
# Fashion-MNIST ones). With LOSSARENA_BASELINE=/path/to/an/older/lossarena, each preset also
# runs with that binary, started at the same moment so both share the machine's load, and the
# speed-up is printed. Summaries are kept in $BENCH_OUT (default: a fresh temporary directory)
# to compare the conclusions. Prints numbers; never fails a build.
set -u
bin=$1
shift
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(speed label-noise input-noise combined-noise)
out=${BENCH_OUT:-$(mktemp -d)}
if [ ! -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
    echo "bench_presets: skipped (dataset-fashion-mnist is not installed)"
    exit 0
fi
timed() { # NAME BINARY PRESET: runs it, writes NAME.txt and the seconds into NAME.time
    local start end
    start=$(date +%s.%N)
    "$2" --headless --preset "$3" > "$out/$1.txt" 2> /dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc > "$out/$1.time"
}
echo "presets: wall time (2 cores; load average $(cut -d' ' -f1 /proc/loadavg) at start); summaries in $out"
for p in "${presets[@]}"; do
    timed "new-$p" "$bin" "$p" &
    if [ -n "${LOSSARENA_BASELINE:-}" ]; then
        timed "base-$p" "$LOSSARENA_BASELINE" "$p" &
    fi
    wait
    new=$(cat "$out/new-$p.time")
    if [ -n "${LOSSARENA_BASELINE:-}" ]; then
        base=$(cat "$out/base-$p.time")
        printf "%-15s %7.1f s   baseline %7.1f s   speed-up x%.2f\n" "$p" "$new" "$base" \
            "$(echo "$base / $new" | bc -l)"
    else
        printf "%-15s %7.1f s\n" "$p" "$new"
    fi
done
