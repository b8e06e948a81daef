#!/usr/bin/env bash
# The headless contract, end to end through the real binary: the summary, the CSV columns,
# byte-identical replays (same seed; --threads 1 and 2), divergence, and exit codes.
set -u
bin=${1:?usage: test_headless.sh path/to/lossarena}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
passes=0
check() { # check NAME CONDITION...
    local name=$1; shift
    if "$@"; then passes=$((passes + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}

# --help, --version
"$bin" --help > "$dir/help" ; check "help exits 0" test $? -eq 0
check "help lists --label-noise" grep -q -- '--label-noise' "$dir/help"
"$bin" --version | grep -Eq '^lossarena [0-9]+\.[0-9]+\.[0-9]+$'; check "version" test $? -eq 0

# bad usage: exit 2 and exactly one line on stderr
for args in "--losses nope" "--lr abc" "--lr 0" "--batch 0" "--hidden 0" "--dataset mnist" \
            "--bogus" "--steps" "--format xml" "--label-noise 1.5"; do
    # shellcheck disable=SC2086
    "$bin" --headless $args > "$dir/out" 2> "$dir/err"
    rc=$?
    check "exit 2 for '$args' (got $rc)" test $rc -eq 2
    check "one line for '$args'" test "$(wc -l < "$dir/err")" -eq 1
    check "nothing on stdout for '$args'" test ! -s "$dir/out"
done
"$bin" --headless --losses nope 2>&1 | grep -q "valid: log,log2,l1,l2,l1-softmax"
check "unknown loss lists the valid ids" test $? -eq 0

# the twelve-loss summary and the CSV contract
"$bin" --headless --steps 600 --eval-every 100 --csv "$dir/a.csv" > "$dir/summary" 2> "$dir/err"
check "twelve-loss run exits 0" test $? -eq 0
check "summary has a header and twelve rows" test "$(grep -vc '^#' "$dir/summary")" -eq 13
check "CSV header starts with the contract" test "$(head -1 "$dir/a.csv" | cut -d, -f1-9)" = \
    "step,epoch,loss,train_loss,train_acc,test_loss,test_acc,margin_median,diverged"
check "CSV header extras" test "$(head -1 "$dir/a.csv" | cut -d, -f10-)" = \
    "diverged_step,seed,label_noise,input_noise,final"
check "CSV has 7 evaluations x 12 models" test "$(tail -n +2 "$dir/a.csv" | wc -l)" -eq 84
check "stderr silent when not a terminal" test ! -s "$dir/err"
awk -F, 'NR > 1 && $1 == 600 && $7 < 0.6 { bad = 1 } END { exit bad }' "$dir/a.csv"
check "every loss far above chance (test_acc >= 0.6 at step 600)" test $? -eq 0

# determinism: same seed, and --threads 1 vs 2, byte-identical
"$bin" --headless --steps 600 --eval-every 100 --csv "$dir/b.csv" > /dev/null
check "same seed gives a byte-identical CSV" cmp -s "$dir/a.csv" "$dir/b.csv"
"$bin" --headless --steps 600 --eval-every 100 --threads 1 --csv "$dir/c.csv" > /dev/null
check "--threads 1 and 2 give byte-identical CSVs" cmp -s "$dir/a.csv" "$dir/c.csv"
"$bin" --headless --steps 600 --eval-every 100 --seed 2 --csv "$dir/d.csv" > /dev/null
check "another seed gives another CSV" bash -c "! cmp -s '$dir/a.csv' '$dir/d.csv'"

# summary formats
"$bin" --headless --steps 50 --losses log,hinge2 --format csv > "$dir/s.csv"
check "csv summary: header + 2 rows" test "$(wc -l < "$dir/s.csv")" -eq 3
"$bin" --headless --steps 50 --losses log,hinge2 --format json > "$dir/s.json"
check "json summary names both losses" grep -q '"loss": "hinge2"' "$dir/s.json"
if command -v /usr/bin/python3 > /dev/null; then
    /usr/bin/python3 -c "import json,sys; d=json.load(open('$dir/s.json')); sys.exit(len(d['models']) != 2)"
    check "json summary parses" test $? -eq 0
fi

# divergence: a huge SGD learning rate blows up raw L2, not the bounded expectation loss
"$bin" --headless --losses l2,l1-softmax --optimizer sgd --lr 1000 --steps 200 --format csv \
    > "$dir/div.csv"
check "diverging run exits 0" test $? -eq 0
# columns 9 and 10: diverged (0/1) and diverged_step (-1 when not)
check "l2 marked diverged" awk -F, '$3 == "l2" && $9 == 1 && $10 > 0 { ok = 1 } END { exit !ok }' "$dir/div.csv"
check "l1-softmax not diverged" awk -F, '$3 == "l1-softmax" && $9 == 0 && $10 == -1 { ok = 1 } END { exit !ok }' "$dir/div.csv"

# unwritable CSV path: exit 1, one line, no file
"$bin" --headless --steps 10 --csv /nonexistent/dir/x.csv > /dev/null 2> "$dir/err"
check "unwritable csv exits non-zero" test $? -ne 0
check "unwritable csv names the path" grep -q "/nonexistent/dir/x.csv" "$dir/err"

# PNG export: written, byte-identical across identical runs, numbered series, failure leaves
# no file
"$bin" --headless --steps 200 --losses log,hinge2 --export "$dir/f1.png" > /dev/null
check "export writes a PNG" bash -c "head -c 8 '$dir/f1.png' | od -An -tx1 | grep -q '89 50 4e 47'"
"$bin" --headless --steps 200 --losses log,hinge2 --export "$dir/f2.png" > /dev/null
check "identical runs give byte-identical PNGs" cmp -s "$dir/f1.png" "$dir/f2.png"
"$bin" --headless --steps 100 --losses log --eval-every 50 --export "$dir/series.png" \
    --export-every 50 > /dev/null
check "export-every writes a numbered series" test -s "$dir/series-000050.png" -a \
    -s "$dir/series-000100.png" -a -s "$dir/series-000000.png"
"$bin" --headless --steps 10 --export /nonexistent/dir/fig.png > /dev/null 2> "$dir/err"
check "unwritable export exits non-zero" test $? -ne 0
check "unwritable export: one line naming the path" \
    test "$(grep -c '/nonexistent/dir/fig.png' "$dir/err")" -eq 1
check "no temporary file left" bash -c "! ls /nonexistent/dir 2> /dev/null | grep -q ."

# repeated seeds and sweeps
"$bin" --headless --steps 100 --losses log,hinge2 --seeds 3 > "$dir/seeds"
check "--seeds reports mean ± std" grep -q '±' "$dir/seeds"
# the statistics: --seeds 2 equals the mean and sample sd of the two single runs
"$bin" --headless --steps 100 --losses log,hinge2 --seed 1 --format csv > "$dir/s1.csv"
"$bin" --headless --steps 100 --losses log,hinge2 --seed 2 --format csv > "$dir/s2.csv"
"$bin" --headless --steps 100 --losses log,hinge2 --seed 1 --seeds 2 --format csv > "$dir/s12.csv"
for loss in log hinge2; do
    a=$(awk -F, -v l=$loss '$3 == l { print $7 }' "$dir/s1.csv")
    b=$(awk -F, -v l=$loss '$3 == l { print $7 }' "$dir/s2.csv")
    got=$(awk -F, -v l=$loss '$1 == l { print $5, $6 }' "$dir/s12.csv")
    want=$(awk -v a="$a" -v b="$b" 'BEGIN { m = (a + b) / 2; d = a - m; printf "%.4f %.4f", m, sqrt(2 * d * d) }')
    check "--seeds 2 mean and sd of $loss ($got vs $want)" test "$got" = "$want"
done
"$bin" --headless --steps 100 --losses log,hinge2 --sweep label-noise=0,0.3 --format csv \
    > "$dir/sweep.csv"
check "sweep csv: header + 2 losses x 2 levels" test "$(wc -l < "$dir/sweep.csv")" -eq 5
"$bin" --headless --steps 100 --losses log,hinge2 --sweep input-noise=0,0.5 \
    --export "$dir/sweep.png" > /dev/null
check "sweep export writes a PNG" test -s "$dir/sweep.png"
"$bin" --headless --sweep label-noise=0,1.5 > /dev/null 2>&1
check "bad sweep level exits 2" test $? -eq 2
"$bin" --seeds 2 > /dev/null 2>&1
check "--seeds without --headless exits 2" test $? -eq 2

# presets
check "five presets listed" test "$("$bin" --list-presets | wc -l)" -eq 5
"$bin" --headless --preset noisy-spiral --steps 50 --losses log > "$dir/preset"
check "a preset runs, and options given after it win" grep -q 'label noise 0.3, input noise 0, step 50 ' "$dir/preset"
"$bin" --headless --preset nope > /dev/null 2> "$dir/err"
check "unknown preset exits 2" test $? -eq 2
check "unknown preset says so" grep -q "unknown preset 'nope'" "$dir/err"

# CSV and IDX datasets
{
    echo "x1,x2,species"
    for i in $(seq 1 60); do echo "$i.5,$((i % 7)),setosa"; echo "-$i,$((i % 5)).25,virginica"; done
} > "$dir/data.csv"
"$bin" --headless --dataset "csv:$dir/data.csv" --steps 200 --losses log,hinge2 > "$dir/csvrun"
check "a CSV dataset trains" grep -q "csv:$dir/data.csv" "$dir/csvrun"
printf 'a,b,c\n1,2,x\n1,2\n' > "$dir/ragged.csv"
"$bin" --headless --dataset "csv:$dir/ragged.csv" > /dev/null 2> "$dir/err"
check "ragged CSV exits 2" test $? -eq 2
check "ragged CSV names file and line" grep -q "ragged.csv:3" "$dir/err"
"$bin" --headless --dataset "idx:$dir/nowhere" > /dev/null 2> "$dir/err"
check "missing IDX directory exits non-zero with one line" \
    test $? -ne 0 -a "$(wc -l < "$dir/err")" -eq 1
if [ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
    "$bin" --headless --dataset fashion-mnist --steps 30 --eval-every 30 --losses log,hinge2 \
        > "$dir/fm"
    check "fashion-mnist smoke run" grep -q '784-256-128-10' "$dir/fm"
fi

echo "$passes passed, $failures failed"
test $failures -eq 0
