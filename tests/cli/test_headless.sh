#!/usr/bin/env bash
# The headless contract, end to end through the real binary: the summary, the CSV columns and
# their values, byte-identical replays (same seed; --threads 1 and 2), divergence, sweeps, and
# exact exit codes (0, 1, 2 — a crash is never one of them). Every run's status is checked.
set -u
bin=${1:?usage: test_headless.sh path/to/lossarena}
. "$(dirname "$0")/../lib/check.sh"
# run OUT ARGS...: the binary with ARGS, stdout to OUT, stderr to $dir/err; its status in $rc
rc=0
run() {
    local out=$1; shift
    "$bin" "$@" > "$out" 2> "$dir/err"
    rc=$?
}
# status WANT NAME: the last run exited with exactly WANT (a signal gives 128+N, never WANT)
status() {
    check "$2: exit $1 (got $rc)" test "$rc" -eq "$1"
    [ "$rc" -eq "$1" ] || sed 's/^/  stderr: /' "$dir/err" | head -5
}
# col FILE NAME: the column number of header NAME in CSV FILE (readers go by name)
col() { head -1 "$1" | tr ',' '\n' | grep -nx -- "$2" | cut -d: -f1; }

# --help, --version
run "$dir/help" --help; status 0 "--help"
check "help lists --label-noise" grep -q -- '--label-noise' "$dir/help"
run "$dir/version" --version; status 0 "--version"
check "version line" grep -Eqx 'lossarena [0-9]+\.[0-9]+\.[0-9]+' "$dir/version"

# bad usage: exit 2 and exactly one line on stderr
for args in "--losses nope" "--lr abc" "--lr 0" "--batch 0" "--hidden 0" "--dataset mnist" \
            "--bogus" "--steps" "--format xml" "--label-noise 1.5"; do
    # shellcheck disable=SC2086
    run "$dir/out" --headless $args
    status 2 "'$args'"
    check "one line for '$args'" test "$(wc -l < "$dir/err")" -eq 1
    check "nothing on stdout for '$args'" test ! -s "$dir/out"
done
run "$dir/out" --headless --losses nope; status 2 "unknown loss"
check "unknown loss lists the valid ids" grep -q "valid: log,log2,l1,l2,l1-softmax" "$dir/err"

# the twelve-loss summary and the CSV contract
run "$dir/summary" --headless --steps 600 --eval-every 100 --csv "$dir/a.csv"
status 0 "twelve-loss run"
check "summary has a header and twelve rows" test "$(grep -vc '^#' "$dir/summary")" -eq 13
check "CSV header starts with the contract" test "$(head -1 "$dir/a.csv" | cut -d, -f1-9)" = \
    "step,epoch,loss,train_loss,train_acc,test_loss,test_acc,margin_median,diverged"
check "CSV header extras" test "$(head -1 "$dir/a.csv" | cut -d, -f10-13)" = \
    "diverged_step,seed,label_noise,input_noise"
check "CSV header: config, final, then lr,batch,optimizer" test "$(head -1 "$dir/a.csv" | cut -d, -f14-)" = "config,final,lr,batch,optimizer"
check "CSV config column: the options that reproduce the run" \
    grep -q ',"--dataset spiral --classes 3 .* --init he --optimizer adam --lr 0.003 .* --steps 600 --seed 1 .*--eval-every 100",[01],0.003,64,adam$' "$dir/a.csv"
check "CSV has 7 evaluations x 12 models" test "$(tail -n +2 "$dir/a.csv" | wc -l)" -eq 84
check "stderr silent when not a terminal" test ! -s "$dir/err"
check "no temporary file left beside the CSV" test "$(ls "$dir" | grep -c '^a\.csv')" -eq 1
awk -F, 'NR > 1 && $1 == 600 && $7 < 0.6 { bad = 1 } END { exit bad }' "$dir/a.csv"
check "every loss far above chance (test_acc >= 0.6 at step 600)" test $? -eq 0
# values: accuracies in [0, 1]; epoch = step * batch / 1500; a margin median that agrees in
# sign with the accuracy (more than half right <=> median margin > 0) and is not a loss value;
# nothing diverged, every loss id 50 times... every row once per (step, loss)
awk -F, 'NR > 1 {
        if ($5 < 0 || $5 > 1 || $7 < 0 || $7 > 1) { print "accuracy out of range: " $0; bad = 1 }
        if (sprintf("%.4f", $1 * 64 / 1500) != $2) { print "epoch: " $0; bad = 1 }
        if ($5 > 0.55 && !($8 > 0) || $5 < 0.45 && !($8 < 0)) { print "margin sign: " $0; bad = 1 }
        if ($8 == $4) { print "margin_median equals train_loss: " $0; bad = 1 }
        if ($9 != 0 || $10 != -1) { print "diverged: " $0; bad = 1 }
        if ($3 != "tanimoto" && $3 != "cauchy-schwarz" && $4 < 0) { print "loss < 0: " $0; bad = 1 }
        if (seen[$1 "," $3]++) { print "duplicate row: " $0; bad = 1 }
        n++
    } END { exit bad || n != 84 }' "$dir/a.csv"
check "CSV values: ranges, epoch, margin sign, no duplicates" test $? -eq 0
awk -F, 'NR > 1 && $1 == 600 && $5 > 0.9 { n++ } END { exit n < 6 }' "$dir/a.csv"
check "most losses fit the spiral by step 600 (train_acc > 0.9)" test $? -eq 0

# the noise and seed columns say what was asked, each in its own column
run "$dir/out" --headless --steps 20 --eval-every 10 --losses log,hinge --seed 7 \
    --label-noise 0.2 --input-noise 0.05 --csv "$dir/noise.csv"
status 0 "noisy run"
check "seed column" test "$(tail -n +2 "$dir/noise.csv" | cut -d, -f"$(col "$dir/noise.csv" seed)" | sort -u)" = 7
check "label_noise column" test "$(tail -n +2 "$dir/noise.csv" | cut -d, -f"$(col "$dir/noise.csv" label_noise)" | sort -u)" = 0.2
check "input_noise column" test "$(tail -n +2 "$dir/noise.csv" | cut -d, -f"$(col "$dir/noise.csv" input_noise)" | sort -u)" = 0.05
check "noisy CSV: 3 evaluations x 2 models" test "$(tail -n +2 "$dir/noise.csv" | wc -l)" -eq 6

# determinism: same seed, and --threads 1 vs 2, byte-identical
run "$dir/out" --headless --steps 600 --eval-every 100 --csv "$dir/b.csv"; status 0 "replay"
check "same seed gives a byte-identical CSV" cmp -s "$dir/a.csv" "$dir/b.csv"
run "$dir/out" --headless --steps 600 --eval-every 100 --threads 1 --csv "$dir/c.csv"
status 0 "--threads 1"
check "--threads 1 and 2 give byte-identical CSVs" cmp -s "$dir/a.csv" "$dir/c.csv"
run "$dir/out" --headless --steps 600 --eval-every 100 --seed 2 --csv "$dir/d.csv"
status 0 "--seed 2"
check "--seed 2 CSV complete" test "$(wc -l < "$dir/d.csv")" -eq 85
check "another seed gives another CSV" bash -c "! cmp -s '$dir/a.csv' '$dir/d.csv'"

# summary formats
run "$dir/s.csv" --headless --steps 50 --losses log,hinge2 --format csv; status 0 "csv summary"
check "csv summary: header + 2 rows" test "$(wc -l < "$dir/s.csv")" -eq 3
run "$dir/s.json" --headless --steps 50 --losses log,hinge2 --format json
status 0 "json summary"
check "json summary names both losses" grep -q '"loss": "hinge2"' "$dir/s.json"
if command -v /usr/bin/python3 > /dev/null; then
    /usr/bin/python3 -c "import json,sys; d=json.load(open('$dir/s.json')); sys.exit(len(d['models']) != 2)"
    check "json summary parses" test $? -eq 0
fi

# divergence: a huge SGD learning rate blows up raw L2, not the bounded expectation loss
run "$dir/div.csv" --headless --losses l2,l1-softmax --optimizer sgd --lr 1000 --steps 200 \
    --format csv
status 0 "diverging run"
# columns 9 and 10: diverged (0/1) and diverged_step (-1 when not)
check "l2 marked diverged" awk -F, '$3 == "l2" && $9 == 1 && $10 > 0 { ok = 1 } END { exit !ok }' "$dir/div.csv"
check "l1-softmax not diverged" awk -F, '$3 == "l1-softmax" && $9 == 0 && $10 == -1 { ok = 1 } END { exit !ok }' "$dir/div.csv"
# the one wording of a divergence, with what to try when it came in the first steps
"$bin" --headless --losses l2,l1-softmax --optimizer sgd --lr 1000 --steps 50 > "$dir/div.txt"
check "early divergence says what happened and what to try" grep -Eq \
    '^l2 .* (NaN loss|infinite loss|non-finite outputs|non-finite weights) at step [0-9]+, lr 1000; try a smaller --lr or another --init$' \
    "$dir/div.txt"
"$bin" --headless --losses l2,l1-softmax --optimizer sgd --lr 1000 --steps 50 --seeds 2 > "$dir/div2.txt"
check "a seeds summary names the early divergences" \
    grep -q '^# diverged in its first steps: l2; try a smaller --lr or another --init$' "$dir/div2.txt"
# a model that diverges after some evaluations (hinge2 here, between steps 30 and 40): its
# later rows keep its last good evaluation, with diverged=1 and the step; the others go on
run "$dir/out" --headless --losses l2,hinge2,log --optimizer sgd --lr 2.5 --steps 100 \
    --eval-every 10 --csv "$dir/div2.csv"
status 0 "late-diverging run"
awk -F, 'NR > 1 && $3 == "hinge2" {
        if ($9 == 0) { good = $4 "," $5 "," $6 "," $7 "," $8; good_step = $1; n_good++; next }
        n_div++
        if (dstep == "") dstep = $10
        if ($10 != dstep || $10 <= good_step || $10 > $1) { print "diverged_step: " $0; bad = 1 }
        if ($4 "," $5 "," $6 "," $7 "," $8 != good) { print "not the last good row: " $0; bad = 1 }
    } END { exit bad || n_good < 2 || n_div < 3 }' "$dir/div2.csv"
check "diverged rows repeat the last good evaluation" test $? -eq 0
check "no nan in a CSV with a diverged model" bash -c "! grep -qi nan '$dir/div2.csv'"
awk -F, 'NR > 1 && $3 == "log" && $9 != 0 { bad = 1 } NR > 1 && $3 == "log" { n++ }
    END { exit bad || n != 11 }' "$dir/div2.csv"
check "the log model goes on" test $? -eq 0

# unwritable CSV path: exit 1, one line naming the path
run "$dir/out" --headless --steps 10 --csv "$dir/no-such-dir/x.csv"; status 1 "unwritable csv"
check "unwritable csv: one line naming the path" \
    test "$(grep -c "$dir/no-such-dir/x.csv" "$dir/err")" -eq 1 -a "$(wc -l < "$dir/err")" -eq 1
# a CSV whose final rename fails (the name is taken by a directory): exit 1, no temp left
mkdir -p "$dir/t1/run.csv"
run "$dir/out" --headless --steps 10 --losses log --csv "$dir/t1/run.csv"
status 1 "CSV rename onto a directory"
check "failed CSV: nothing left beside it" test "$(ls -A "$dir/t1")" = "run.csv"
# a run that fails after the CSV was started (the export cannot be written): no CSV, no temp
mkdir "$dir/t2"
run "$dir/out" --headless --steps 10 --losses log --csv "$dir/t2/run.csv" \
    --export "$dir/no-such-dir/fig.png"
status 1 "failed run with --csv"
check "failed run: no CSV and no temporary file" test -z "$(ls -A "$dir/t2")"

# PNG export: written, byte-identical across identical runs and thread counts, numbered series,
# failure leaves no file
run "$dir/out" --headless --steps 200 --losses log,hinge2 --export "$dir/f1.png"
status 0 "export"
check "export writes a PNG" bash -c "head -c 8 '$dir/f1.png' | od -An -tx1 | grep -q '89 50 4e 47'"
"$bin" --headless --steps 20 --losses log --optimizer momentum --nesterov --init uniform \
    --export "$dir/prov.png" > "$dir/prov.txt"
check "the PNG's configuration has every option (--nesterov, --init)" \
    grep -aq -- '--init uniform --optimizer momentum --nesterov --lr 0.05' "$dir/prov.png"
check "the summary header has the same options" \
    grep -q -- '^# options: .*--init uniform --optimizer momentum --nesterov --lr 0.05' "$dir/prov.txt"
run "$dir/out" --headless --steps 200 --losses log,hinge2 --export "$dir/f2.png"
status 0 "export again"
check "identical runs give byte-identical PNGs" cmp -s "$dir/f1.png" "$dir/f2.png"
run "$dir/out" --headless --steps 200 --losses log,hinge2 --threads 1 --export "$dir/f3.png"
status 0 "export --threads 1"
check "--threads 1 and 2 give byte-identical PNGs" cmp -s "$dir/f1.png" "$dir/f3.png"
run "$dir/out" --headless --steps 100 --losses log --eval-every 50 --export "$dir/series.png" \
    --export-every 50
status 0 "export-every"
check "export-every writes a numbered series" test -s "$dir/series-000050.png" -a \
    -s "$dir/series-000100.png" -a -s "$dir/series-000000.png"
run "$dir/out" --headless --steps 10 --export "$dir/no-such-dir/fig.png"
status 1 "unwritable export"
check "unwritable export: one line naming the path" \
    test "$(grep -c "$dir/no-such-dir/fig.png" "$dir/err")" -eq 1 -a "$(wc -l < "$dir/err")" -eq 1
mkdir -p "$dir/t3/fig.png"
run "$dir/out" --headless --steps 10 --losses log --export "$dir/t3/fig.png"
status 1 "export rename onto a directory"
check "failed export: no temporary file left" test "$(ls -A "$dir/t3")" = "fig.png"

# the data, figure and optimizer options reach the run
run "$dir/g.json" --headless --dataset gauss --classes 5 --samples 200 --test-samples 100 \
    --steps 20 --eval-every 20 --losses log --target-acc 0.5 --format json --csv "$dir/g.csv"
status 0 "--classes --samples --test-samples --target-acc"
check "--classes 5: five outputs" grep -q '"architecture": "2-64-64-5 relu"' "$dir/g.json"
check "--samples 200: epoch = 20 steps x 64 / 200" \
    test "$(awk -F, '$1 == 20 { print $2 }' "$dir/g.csv")" = 6.4000
check "--test-samples 100: test accuracy in hundredths" \
    awk -F, 'NR > 1 && ($7 * 100) != int($7 * 100 + 0.5) { bad = 1 } END { exit bad }' "$dir/g.csv"
check "--target-acc: the step it was reached" grep -q '"steps_to_target": 20,' "$dir/g.json"
run "$dir/out" --headless --steps 10 --losses log --figure loss --size 640x480 --export "$dir/s.png"
status 0 "--figure loss --size 640x480"
check "--size 640x480: the PNG's IHDR says so" \
    test "$(od -An -tu1 -j16 -N8 "$dir/s.png" | tr -s ' ')" = " 0 0 2 128 0 0 1 224"
run "$dir/out" --headless --steps 10 --losses log --figure loss --size 640x480 --theme dark \
    --export "$dir/s-dark.png"
status 0 "--theme dark"
check "--theme dark draws another picture" bash -c "! cmp -s '$dir/s.png' '$dir/s-dark.png'"
run "$dir/m1.csv" --headless --steps 30 --losses log --optimizer momentum --lr 0.05 --format csv
status 0 "momentum"
run "$dir/m2.csv" --headless --steps 30 --losses log --nesterov --optimizer momentum --lr 0.05 \
    --format csv
status 0 "momentum --nesterov"
check "--nesterov changes the training" bash -c "! cmp -s '$dir/m1.csv' '$dir/m2.csv'"
{
    echo "species,x1,x2"
    for i in $(seq 1 60); do echo "setosa,$i.5,$((i % 7))"; echo "virginica,-$i,$((i % 5)).25"; done
} > "$dir/first.csv"
run "$dir/out" --headless --dataset "csv:$dir/first.csv" --label-column 1 --test-split 0.5 \
    --steps 10 --eval-every 10 --losses log --csv "$dir/first-rows.csv"
status 0 "--label-column 1 --test-split 0.5"
check "--test-split 0.5: 60 training rows (epoch = 10 x 64 / 60)" \
    test "$(awk -F, '$1 == 10 { print $2 }' "$dir/first-rows.csv")" = 10.6667
check "--label-column 1: the species are learned" \
    awk -F, '$1 == 10 && $7 >= 0.95 { ok = 1 } END { exit !ok }' "$dir/first-rows.csv"
run "$dir/out" --headless --dataset "csv:$dir/first.csv" --label-column species --steps 10 \
    --eval-every 10 --losses log --csv "$dir/named.csv"
status 0 "--label-column species"
check "--label-column by name: same classes, 96 training rows (epoch 6.6667)" \
    test "$(awk -F, '$1 == 10 { print $2 }' "$dir/named.csv")" = 6.6667

# repeated seeds and sweeps
run "$dir/seeds" --headless --steps 100 --losses log,hinge2 --seeds 3; status 0 "--seeds 3"
check "--seeds reports mean ± std" grep -q '±' "$dir/seeds"
# the statistics: --seeds 2 equals the mean and sample sd of the two single runs
run "$dir/s1.csv" --headless --steps 100 --losses log,hinge2 --seed 1 --format csv
status 0 "seed 1"
run "$dir/s2.csv" --headless --steps 100 --losses log,hinge2 --seed 2 --format csv
status 0 "seed 2"
run "$dir/s12.csv" --headless --steps 100 --losses log,hinge2 --seed 1 --seeds 2 --format csv
status 0 "seeds 1+2"
for loss in log hinge2; do
    a=$(awk -F, -v l=$loss '$3 == l { print $7 }' "$dir/s1.csv")
    b=$(awk -F, -v l=$loss '$3 == l { print $7 }' "$dir/s2.csv")
    got=$(awk -F, -v l=$loss '$1 == l { print $5, $6 }' "$dir/s12.csv")
    want=$(awk -v a="$a" -v b="$b" 'BEGIN { m = (a + b) / 2; d = a - m; printf "%.4f %.4f", m, sqrt(2 * d * d) }')
    check "--seeds 2 mean and sd of $loss ($got vs $want)" test -n "$a" -a -n "$b" -a "$got" = "$want"
done
# a sweep's levels reach the runs: flipped labels (and noisy inputs) lower the accuracy on the
# training labels, and the per-evaluation CSV says which level each row ran with
run "$dir/sweep.csv" --headless --steps 300 --losses log,hinge2 --sweep label-noise=0,0.4 \
    --format csv --csv "$dir/sweep-rows.csv"
status 0 "label-noise sweep"
check "sweep csv: header + 2 losses x 2 levels" test "$(wc -l < "$dir/sweep.csv")" -eq 5
for loss in log hinge2; do
    acc0=$(awk -F, -v l=$loss '$1 == l && $2 == 0 { print $7 }' "$dir/sweep.csv")
    acc4=$(awk -F, -v l=$loss '$1 == l && $2 == 0.4 { print $7 }' "$dir/sweep.csv")
    check "label noise 0.4 lowers $loss train accuracy ($acc0 -> $acc4)" \
        awk -v a="${acc0:-0}" -v b="${acc4:-1}" 'BEGIN { exit !(a > 0.9 && b < a - 0.2) }'
done
ln=$(col "$dir/sweep-rows.csv" label_noise)
check "sweep rows carry their level" test "$(tail -n +2 "$dir/sweep-rows.csv" | cut -d, -f"$ln" | uniq -c | awk '{ print $1 ":" $2 }' | tr '\n' ' ')" = "14:0 14:0.4 "
run "$dir/isweep.csv" --headless --steps 300 --losses log,hinge2 --sweep input-noise=0,0.5 \
    --format csv --export "$dir/sweep.png"
status 0 "input-noise sweep"
check "sweep export writes a PNG" test -s "$dir/sweep.png"
for loss in log hinge2; do
    acc0=$(awk -F, -v l=$loss '$1 == l && $3 == 0 { print $7 }' "$dir/isweep.csv")
    acc5=$(awk -F, -v l=$loss '$1 == l && $3 == 0.5 { print $7 }' "$dir/isweep.csv")
    check "input noise 0.5 lowers $loss train accuracy ($acc0 -> $acc5)" \
        awk -v a="${acc0:-0}" -v b="${acc5:-1}" 'BEGIN { exit !(a > 0.9 && b < a - 0.2) }'
done
run "$dir/out" --headless --sweep label-noise=0,1.5; status 2 "bad sweep level"
run "$dir/out" --seeds 2; status 2 "--seeds without --headless"

# presets
run "$dir/presets" --list-presets; status 0 "--list-presets"
check "seven presets listed" test "$(wc -l < "$dir/presets")" -eq 7
# A description says what a preset measures and what the paper claims, not what "you will see".
check "preset descriptions promise no outcome" test "$(grep -Eic 'will see|watch|you see' "$dir/presets")" -eq 0
run "$dir/preset" --headless --preset noisy-spiral --steps 50 --losses log; status 0 "preset run"
check "a preset runs, and options given after it win" grep -q 'label noise 0.3, input noise 0, step 50 ' "$dir/preset"
run "$dir/out" --headless --preset nope; status 2 "unknown preset"
check "unknown preset says so" grep -q "unknown preset 'nope'" "$dir/err"

# CSV and IDX datasets
{
    echo "x1,x2,species"
    for i in $(seq 1 60); do echo "$i.5,$((i % 7)),setosa"; echo "-$i,$((i % 5)).25,virginica"; done
} > "$dir/data.csv"
run "$dir/csvrun" --headless --dataset "csv:$dir/data.csv" --steps 200 --losses log,hinge2 \
    --format csv
status 0 "CSV dataset"
# the sign of x1 separates the classes: both losses must learn it (chance is 0.5)
awk -F, 'NR > 1 { n++; if ($7 < 0.95) bad = 1 } END { exit bad || n != 2 }' "$dir/csvrun"
check "a CSV dataset trains (test_acc >= 0.95 on separable data)" test $? -eq 0
printf 'a,b,c\n1,2,x\n1,2\n' > "$dir/ragged.csv"
run "$dir/out" --headless --dataset "csv:$dir/ragged.csv"; status 2 "ragged CSV"
check "ragged CSV names file and line" grep -q "ragged.csv:3" "$dir/err"
run "$dir/out" --headless --dataset "csv:$dir/nowhere.csv"; status 2 "missing CSV file"
check "missing CSV file: one line naming it" \
    test "$(wc -l < "$dir/err")" -eq 1 -a "$(grep -c "$dir/nowhere.csv" "$dir/err")" -eq 1
run "$dir/out" --headless --dataset "idx:$dir/nowhere"; status 2 "missing IDX directory"
check "missing IDX directory: one line naming it" \
    test "$(wc -l < "$dir/err")" -eq 1 -a "$(grep -c "$dir/nowhere" "$dir/err")" -eq 1
if [ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
    run "$dir/fm" --headless --dataset fashion-mnist --steps 30 --eval-every 30 \
        --losses log,hinge2
    status 0 "fashion-mnist smoke run"
    check "fashion-mnist smoke run" grep -q '784-256-128-10' "$dir/fm"
fi

# --replay: a change file is checked line by line (exit 2 naming the line); its changes land in
# the lr, batch and optimizer columns from their step on
printf 'at 10: --lr 0.01\nat 5: --lr 0.02\n' > "$dir/order.txt"
run "$dir/out" --headless --steps 20 --replay "$dir/order.txt"
status 2 "replay out of order"
check "replay out of order names the line" grep -q "order.txt:2: step 5 comes before step 10" "$dir/err"
printf '# a lesson\nat 10: --lr 0.01\nat x: --lr 1\n' > "$dir/bad.txt"
run "$dir/out" --headless --steps 20 --replay "$dir/bad.txt"
status 2 "replay malformed"
check "replay malformed names the line" grep -q "bad.txt:3:" "$dir/err"
run "$dir/out" --headless --steps 20 --replay "$dir/missing.txt"
status 2 "replay missing file"
printf 'at 20: --lr 0.01\nat 20: --batch 32\n' > "$dir/good.txt"
run "$dir/out" --headless --steps 40 --eval-every 20 --losses log --replay "$dir/good.txt" \
    --csv "$dir/replay.csv"
status 0 "replay"
check "replay: step 20 row before the change, step 40 after it" \
    test "$(awk -F, '{print $1 "," $(NF-2) "," $(NF-1)}' "$dir/replay.csv" | tail -2 | tr '\n' ' ')" = \
        "20,0.003,64 40,0.01,32 "

# a preset's change lines ("at 800: --label-noise 0.3") are replayed at their steps
run "$dir/out" --headless --preset lecture --losses log --eval-every 800 --csv "$dir/lecture.csv"
status 0 "lecture preset"
check "lecture preset: noise from step 800, lr x2 from step 1600" \
    test "$(awk -F, '{print $1 "," $12 "," $(NF-2)}' "$dir/lecture.csv" | tail -3 | tr '\n' ' ')" = \
        "800,0,0.003 1600,0.3,0.003 2400,0.3,0.006 "

finish
