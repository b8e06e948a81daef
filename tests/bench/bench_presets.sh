#!/usr/bin/env bash
# bench_presets.sh LOSSARENA [PRESET...] — wall time of each preset (default: the four
# Fashion-MNIST ones). With LOSSARENA_BASELINE=/path/to/an/older/lossarena (v0.1 for the goal),
# each preset also runs with that binary, started at the same moment so both share the
# machine's load, and prints the speed-up against the goal (at least 2x), PASS or MISS, and
# whether the conclusions are unchanged: the final test accuracies of every loss (and the
# steps to the target, for presets with one) compared between the two summaries. Summaries
# are kept in $BENCH_OUT (default: a fresh temporary directory). Prints numbers; never fails
# a build.
set -u
bin=$1
shift
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(speed label-noise input-noise combined-noise)
out=${BENCH_OUT:-$(mktemp -d)}
mkdir -p "$out"
goal=2
if [ ! -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
    echo "bench_presets: skipped (dataset-fashion-mnist is not installed)"
    exit 0
fi
timed() { # NAME BINARY PRESET: runs it, writes NAME.csv (the summary), NAME.time (wall seconds)
    # and NAME.cpu (user + system seconds: when one of two runs sharing a loaded machine ends
    # first, the other has the cores to itself, so wall times flatter the slower one)
    local TIMEFORMAT='%R %U %S'
    { time OPENBLAS_NUM_THREADS=1 "$2" --headless --preset "$3" --format csv > "$out/$1.csv" 2> /dev/null; } 2> "$out/$1.times"
    awk '{ print $1 }' "$out/$1.times" > "$out/$1.time"
    awk '{ print $2 + $3 }' "$out/$1.times" > "$out/$1.cpu"
}
# The columns that carry a preset's conclusions, by header name, one line per loss and level.
conclusions() { # CSV COLUMN...
    local csv=$1
    shift
    awk -F, -v want="$*" 'NR == 1 { n = split(want, w, " "); for (i = 1; i <= NF; i++) col[$i] = i; next }
        { line = ""; for (i = 1; i <= n; i++) line = line (w[i] in col ? $col[w[i]] : "-") " "; print line }' "$csv"
}
load() { cut -d' ' -f1 /proc/loadavg; }
echo "presets: wall time on $(nproc) cores, $(load) load average at the start; summaries in $out"
[ -z "${LOSSARENA_BASELINE:-}" ] || printf "%-15s %9s %11s %9s %13s %6s  %s\n" preset time baseline speed-up "cpu speed-up" goal "verdict (wall); conclusions"
for p in "${presets[@]}"; do
    timed "new-$p" "$bin" "$p" &
    if [ -n "${LOSSARENA_BASELINE:-}" ]; then
        timed "base-$p" "$LOSSARENA_BASELINE" "$p" &
    fi
    wait
    new=$(cat "$out/new-$p.time")
    if [ -z "${LOSSARENA_BASELINE:-}" ]; then
        printf "%-15s %7.1f s\n" "$p" "$new"
        continue
    fi
    base=$(cat "$out/base-$p.time")
    up=$(echo "$base / $new" | bc -l)
    cpu_up=$(echo "$(cat "$out/base-$p.cpu") / $(cat "$out/new-$p.cpu")" | bc -l)
    verdict=$(echo "$up >= $goal" | bc -l | sed 's/1/PASS/; s/0/MISS/')
    cols="loss label_noise input_noise test_acc_mean test_acc_std"
    same="final accuracies identical"
    conclusions "$out/new-$p.csv" $cols > "$out/new-$p.acc"
    conclusions "$out/base-$p.csv" $cols > "$out/base-$p.acc"
    [ -s "$out/new-$p.acc" ] && cmp -s "$out/new-$p.acc" "$out/base-$p.acc" ||
        same="final accuracies DIFFER (diff $out/new-$p.acc $out/base-$p.acc)"
    # a preset with a target has a "reached" count above 0 somewhere
    if conclusions "$out/new-$p.csv" reached | grep -qv '^\(0\|\) $'; then
        conclusions "$out/new-$p.csv" loss steps_to_target_mean reached > "$out/new-$p.steps"
        conclusions "$out/base-$p.csv" loss steps_to_target_mean reached > "$out/base-$p.steps"
        if cmp -s "$out/new-$p.steps" "$out/base-$p.steps"; then
            same="$same, steps to target identical"
        else
            same="$same, steps to target differ (diff $out/new-$p.steps $out/base-$p.steps)"
        fi
    fi
    printf "%-15s %7.1f s %9.1f s %8.2fx %12.2fx %5sx  %s; %s\n" "$p" "$new" "$base" "$up" \
        "$cpu_up" ">=$goal" "$verdict" "$same"
done
echo "load average $(load) at the end"
