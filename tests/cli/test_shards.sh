#!/usr/bin/env bash
# Grids and shards end to end through the real binary: --grid errors exit 2 with one line; a
# grid run on one machine and the same grid as 3 shards run by GNU parallel (the README's
# recipe) and merged give byte-identical CSV, summary (table, csv, json) and PNG; the README's
# Slurm array script does the same; merge refuses a missing shard, a duplicate and a foreign
# configuration (exit 2, naming the file); progress on a pipe is one line per finished run.
set -u
bin=${1:?usage: test_shards.sh path/to/lossarena}
bin=$(realpath "$bin")
. "$(dirname "$0")/../lib/check.sh"
cd "$dir" || exit 1

# bad grids: exit 2, one line, nothing on stdout
for args in "--grid depth=1" "--grid lr=" "--grid seed=3..1" "--grid hidden=64,64" \
            "--grid lr=0.1 --grid lr=0.2" "--grid seed=1..2 --seeds 3" \
            "--grid seed=1..2 --shard 1/2" "--grid seed=1..2 --csv x.csv --shard 3/2" \
            "--grid optimizer=sgd,adam --export f.png"; do
    # shellcheck disable=SC2086
    "$bin" --headless --steps 5 $args > out 2> err
    rc=$?
    check "exit 2 for '$args' (got $rc)" test $rc -eq 2
    check "one line for '$args'" test "$(wc -l < err)" -eq 1
    check "nothing on stdout for '$args'" test ! -s out
done

grid=(--steps 120 --eval-every 40 --losses log,hinge2,l1-softmax --grid label-noise=0,0.2,0.4 seed=1..3)

# one machine
"$bin" --headless "${grid[@]}" --csv one.csv --export one.png > one.txt 2> one.err
check "grid run exits 0" test $? -eq 0
check "grid CSV: 3 points x 3 seeds x 4 evaluations x 3 losses" \
    test "$(tail -n +2 one.csv | wc -l)" -eq 108
check "grid CSV marks each run's last evaluation final" \
    test "$(sed 's/"[^"]*"/config/' one.csv | awk -F, 'NR > 1 && $15 == 1' | wc -l)" -eq 27
check "grid CSV: a run's config column is that run's options (its point, its seed, no grid)" \
    grep -q '^120,.*,2,0.4,0,"--dataset spiral .* --seed 2 --label-noise 0.4 --input-noise 0 --eval-every 40",1,0.003,64,adam$' one.csv
check "grid CSV: no row's config names the grid" test "$(grep -c -- '--grid\|--seeds' one.csv)" -eq 0
check "progress on a pipe: one line per finished run" test "$(wc -l < one.err)" -eq 9
check "summary: one row per loss by label noise" grep -q "^l1-softmax .* ± .* ± .* ± " one.txt
"$bin" --headless "${grid[@]}" --format csv > one-summary.csv 2> /dev/null
"$bin" --headless "${grid[@]}" --format json > one-summary.json 2> /dev/null

# the README's GNU parallel recipe, 3 shards
parallel "$bin" --headless "${grid[@]}" --shard {}/3 --csv shard-{}.csv ::: 1 2 3 2> /dev/null
check "3 shards by GNU parallel exit 0" test $? -eq 0
check "a shard file starts with its provenance" grep -q '^# lossarena shard 2/3 runs=9 ' shard-2.csv
"$bin" merge shard-1.csv shard-2.csv shard-3.csv --csv merged.csv --export merged.png > merged.txt
check "merge exits 0" test $? -eq 0
check "merged CSV byte-identical" cmp -s one.csv merged.csv
check "merged summary byte-identical" cmp -s one.txt merged.txt
check "merged PNG byte-identical" cmp -s one.png merged.png
"$bin" merge shard-3.csv shard-1.csv shard-2.csv --format csv > merged-summary.csv
check "merged csv summary byte-identical (files in any order)" cmp -s one-summary.csv merged-summary.csv
"$bin" --merge shard-1.csv shard-2.csv shard-3.csv --format=json > merged-summary.json
check "merged json summary byte-identical (--merge)" cmp -s one-summary.json merged-summary.json

# the README's Slurm array script, run here task by task as Slurm would
mkdir slurm && cd slurm || exit 1
for task in 0 1 2; do
    (
        export SLURM_ARRAY_TASK_ID=$task SLURM_ARRAY_TASK_COUNT=3
        "$bin" --headless "${grid[@]}" \
            --shard $((SLURM_ARRAY_TASK_ID + 1))/"$SLURM_ARRAY_TASK_COUNT" \
            --csv "shard-$SLURM_ARRAY_TASK_ID.csv" 2> /dev/null
    )
done
"$bin" merge shard-*.csv --csv merged.csv > merged.txt
check "Slurm-style shards merge byte-identical" cmp -s ../one.csv merged.csv
check "Slurm-style summary byte-identical" cmp -s ../one.txt merged.txt
cd .. || exit 1

# merge refuses, naming the file: exit 2, one line
"$bin" merge shard-1.csv shard-3.csv > out 2> err
check "missing shard: exit 2" test $? -eq 2
check "missing shard named" grep -q "shard 2/3 is missing" err
check "missing shard: one line, no stdout" test "$(wc -l < err)" -eq 1 -a ! -s out
"$bin" merge shard-1.csv shard-2.csv shard-3.csv shard-2.csv > out 2> err
check "duplicate shard: exit 2" test $? -eq 2
check "duplicate shard named" grep -q "shard-2.csv: duplicate of shard 2/3" err
"$bin" --headless --steps 121 --eval-every 40 --losses log,hinge2,l1-softmax \
    --grid label-noise=0,0.2,0.4 seed=1..3 --shard 3/3 --csv foreign-3.csv 2> /dev/null
"$bin" merge shard-1.csv shard-2.csv foreign-3.csv --csv never.csv > out 2> err
check "foreign shard: exit 2" test $? -eq 2
check "foreign shard named" grep -q "foreign-3.csv: made with a different configuration" err
check "foreign shard: no output file" test ! -e never.csv
"$bin" merge one.csv > out 2> err
check "not a shard file: exit 2, named" test $? -eq 2 -a -n "$(grep one.csv err)"
head -n -1 shard-1.csv > cut-1.csv
"$bin" merge cut-1.csv shard-2.csv shard-3.csv > out 2> err
check "truncated shard: exit 2, named" test $? -eq 2 -a -n "$(grep cut-1.csv err)"
"$bin" merge shard-1.csv nowhere.csv > out 2> err
check "unreadable shard: exit 2" test $? -eq 2

finish
