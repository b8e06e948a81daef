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
check "CSV header is the contract" test "$(head -1 "$dir/a.csv")" = \
    "step,epoch,loss,train_loss,train_acc,test_loss,test_acc,margin_median,diverged,diverged_step"
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
check "l2 marked diverged" grep -Eq '^[0-9]+,[0-9.]+,l2,.*,1,[0-9]+$' "$dir/div.csv"
check "l1-softmax not diverged" grep -Eq '^[0-9]+,[0-9.]+,l1-softmax,.*,0,-1$' "$dir/div.csv"

# unwritable CSV path: exit 1, one line, no file
"$bin" --headless --steps 10 --csv /nonexistent/dir/x.csv > /dev/null 2> "$dir/err"
check "unwritable csv exits non-zero" test $? -ne 0
check "unwritable csv names the path" grep -q "/nonexistent/dir/x.csv" "$dir/err"

echo "$passes passed, $failures failed"
test $failures -eq 0
