#!/usr/bin/env bash
# bench_presets.sh LOSSARENA [PRESET...] — wall time of each preset (default: the four
# Fashion-MNIST ones). With LOSSARENA_BASELINE=/path/to/an/older/lossarena (v0.1 for the goal),
# each preset also runs with that binary, one after the other on the same machine (three
# times each, taking turns, with the medians shown, when the baseline takes under 30 s), and the
# table prints the speed-up against the goal (at least 2x), PASS or MISS, and whether the
# conclusions are unchanged: the final test accuracies of every loss (and the steps to the
# target, for presets with one) compared between the two summaries.
#
# The program runs the OpenBLAS kernel that is fastest on the CPU (--blas-kernel auto); an
# older build runs whatever OPENBLAS_CORETYPE says. When the environment sets that variable,
# each preset runs a third time with --blas-kernel env, the baseline's kernel, so the table
# also shows how much of the speed-up is the program's own work: those results must equal
# the baseline's bit for bit, while another kernel rounds differently in the last bits (the
# table says by how much the accuracies moved). Summaries are kept in $BENCH_OUT (default: a
# fresh temporary directory). Prints numbers; never fails a build.
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
timed() { # NAME BINARY PRESET [OPTION...]: runs it, writes NAME.csv (the summary), and adds
    # a line "wall user+system" to NAME.all; NAME.time and NAME.cpu get the medians so far
    local name=$1 b=$2 p=$3 TIMEFORMAT='%R %U %S'
    shift 3
    { time OPENBLAS_NUM_THREADS=1 "$b" --headless --preset "$p" "$@" --format csv > "$out/$name.csv" 2> /dev/null; } 2> "$out/$name.times"
    awk '{ print $1, $2 + $3 }' "$out/$name.times" >> "$out/$name.all"
    median 1 < "$out/$name.all" > "$out/$name.time"
    median 2 < "$out/$name.all" > "$out/$name.cpu"
}
median() { sort -n -k"$1" | awk -v c="$1" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'; }
# A preset that takes v0.1 under 30 s runs 3 times, the binaries taking turns (a second or two
# of noise is a large share of a few seconds); the table gives medians.
reps_after() { awk -v t="$(cat "$out/$1.time")" 'BEGIN { print (t < 30 ? 3 : 1) }'; }
# The columns that carry a preset's conclusions, by header name, one line per loss and level.
conclusions() { # CSV COLUMN...
    local csv=$1
    shift
    awk -F, -v want="$*" 'NR == 1 { n = split(want, w, " "); for (i = 1; i <= NF; i++) col[$i] = i; next }
        { line = ""; for (i = 1; i <= n; i++) line = line (w[i] in col ? $col[w[i]] : "-") " "; print line }' "$csv"
}
# How the conclusions of run NAME compare with the baseline's: "identical", or how far apart.
compare() { # NAME
    local cols="loss label_noise input_noise test_acc_mean" a=$out/$1 b=$out/base-$p
    conclusions "$a.csv" $cols > "$a.acc"
    conclusions "$b.csv" $cols > "$b.acc"
    local said
    if [ -s "$a.acc" ] && cmp -s "$a.acc" "$b.acc"; then
        said="accuracies identical"
    else
        said="accuracies within $(paste -d' ' "$a.acc" "$b.acc" | awk '{ d = $4 - $8; if (d < 0) d = -d; if (d > m) m = d }
            END { printf "%.4f", m }')"
    fi
    if conclusions "$a.csv" reached | grep -qv '^\(0\|\) $'; then # a preset with a target
        conclusions "$a.csv" loss steps_to_target_mean reached > "$a.steps"
        conclusions "$b.csv" loss steps_to_target_mean reached > "$b.steps"
        if cmp -s "$a.steps" "$b.steps"; then
            said="$said, steps to target identical"
        else
            said="$said, steps to target: $(paste -d' ' "$a.steps" "$b.steps" | awk '$2 != $5 || $3 != $6 { n++ }
                END { print n + 0 }') of $(wc -l < "$a.steps") losses differ"
        fi
    fi
    echo "$said"
}
ratio() { echo "$(cat "$out/$1")" "$(cat "$out/$2")" | awk '{ printf "%.2f", $1 / $2 }'; }
load() { cut -d' ' -f1 /proc/loadavg; }
pinned=${OPENBLAS_CORETYPE:-}
echo "presets: wall time on $(nproc) cores, $(load) load average at the start; summaries in $out"
kernel=$("$bin" --version | sed -n 2p | sed 's/.* NO_AFFINITY //; s/ MAX_THREADS.*//')
[ -z "$pinned" ] || kernel="$kernel; the environment sets OPENBLAS_CORETYPE=$pinned, which the baseline and the same-kernel column run"
echo "OpenBLAS kernel: $kernel"
if [ -n "${LOSSARENA_BASELINE:-}" ]; then
    printf "%-15s %8s %10s %9s %8s %6s %7s" preset time baseline speed-up "cpu" goal verdict
    [ -z "$pinned" ] || printf " %13s %9s" "same kernel" speed-up
    printf "  %s\n" "conclusions against the baseline"
fi
for p in "${presets[@]}"; do
    rm -f "$out/base-$p.all" "$out/new-$p.all" "$out/env-$p.all"
    if [ -z "${LOSSARENA_BASELINE:-}" ]; then
        timed "new-$p" "$bin" "$p"
        printf "%-15s %6.1f s\n" "$p" "$(cat "$out/new-$p.time")"
        continue
    fi
    timed "base-$p" "$LOSSARENA_BASELINE" "$p"
    timed "new-$p" "$bin" "$p"
    [ -z "$pinned" ] || timed "env-$p" "$bin" "$p" --blas-kernel env
    for ((r = 1; r < $(reps_after "base-$p"); r++)); do
        timed "base-$p" "$LOSSARENA_BASELINE" "$p"
        timed "new-$p" "$bin" "$p"
        [ -z "$pinned" ] || timed "env-$p" "$bin" "$p" --blas-kernel env
    done
    up=$(ratio "base-$p.time" "new-$p.time")
    verdict=$(awk -v u="$up" -v g=$goal 'BEGIN { print (u >= g ? "PASS" : "MISS") }')
    printf "%-15s %6.1f s %8.1f s %8sx %7sx %5sx %7s" "$p" "$(cat "$out/new-$p.time")" \
        "$(cat "$out/base-$p.time")" "$up" "$(ratio "base-$p.cpu" "new-$p.cpu")" ">=$goal" "$verdict"
    said="$(compare "new-$p")"
    if [ -n "$pinned" ]; then
        printf " %11.1f s %8sx" "$(cat "$out/env-$p.time")" "$(ratio "base-$p.time" "env-$p.time")"
        said="$said; same kernel: $(compare "env-$p")"
    fi
    printf "  %s\n" "$said"
done
echo "load average $(load) at the end"
