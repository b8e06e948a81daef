#!/usr/bin/env bash
# Figures end to end: every figure kind of the table (as --help lists it) exports as PNG and as
# SVG; the SVG is well-formed XML (xmllint), renders (rsvg-convert) to a picture that is not
# blank, carries its provenance, and is byte-identical for the same run; the sweep figure too;
# the README lists every kind with the table's words.
set -u
bin=${1:?usage: test_figures.sh path/to/lossarena}
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib/check.sh"
for tool in xmllint rsvg-convert; do
    command -v "$tool" > /dev/null || { echo "FAIL: $tool is needed (apt-get install libxml2-utils librsvg2-bin)"; exit 1; }
done

# the kinds, from the table as --help prints it: "  NAME   what it shows"
"$bin" --help > "$dir/help"
sed -n '/^figures/,/^$/p' "$dir/help" | sed -n 's/^  \([a-z-]*\) \+\(.*\)$/\1\t\2/p' > "$dir/kinds"
check "--help lists the figure kinds" test "$(wc -l < "$dir/kinds")" -ge 4

# a blank page of the same size, for "not blank": a figure compresses far worse than a flat page
printf '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000"><rect width="100%%" height="100%%" fill="#fff"/></svg>' > "$dir/blank.svg"
rsvg-convert "$dir/blank.svg" -o "$dir/blank.png"
blank=$(stat -c %s "$dir/blank.png")

run=(--headless --steps 200 --losses log,hinge2,tanimoto --eval-every 50)
while IFS=$'\t' read -r kind shows; do
    [ "$kind" = sweep ] && continue # made by --sweep (below), not chosen with --figure
    for ext in png svg; do
        "$bin" "${run[@]}" --figure "$kind" --export "$dir/$kind.$ext" > /dev/null 2> "$dir/err"
        check "$kind.$ext: exit 0" test $? -eq 0
        check "$kind.$ext: written" test -s "$dir/$kind.$ext"
    done
    check "$kind.png is a PNG" bash -c "head -c 8 '$dir/$kind.png' | od -An -tx1 | grep -q '89 50 4e 47'"
    check "$kind.svg is well-formed XML" xmllint --noout "$dir/$kind.svg"
    rsvg-convert "$dir/$kind.svg" -o "$dir/$kind-svg.png" 2> "$dir/rsvg"
    check "$kind.svg renders" test -s "$dir/$kind-svg.png"
    check "$kind.svg renders to a picture that is not blank" \
        test "$(stat -c %s "$dir/$kind-svg.png")" -gt $((blank * 5))
    check "$kind.svg: provenance in <metadata>" \
        grep -q '<la:configuration>--dataset spiral --classes 3 .* --losses log,hinge2,tanimoto .* --init he ' "$dir/$kind.svg"
    check "$kind.svg: text is text" grep -q '>hinge2</text>' "$dir/$kind.svg"
    "$bin" "${run[@]}" --figure "$kind" --export "$dir/again.svg" > /dev/null
    check "$kind.svg: byte-identical for the same run" cmp -s "$dir/$kind.svg" "$dir/again.svg"
    check "README lists '$kind' with the table's words" \
        grep -qF -- "| \`$kind\` | $shows |" "$root/README.md"
done < "$dir/kinds"
check "README lists the sweep figure" grep -qF -- "| \`sweep\` |" "$root/README.md"

# the sweep figure as SVG
"$bin" --headless --steps 100 --losses log,hinge --sweep label-noise=0,0.3 --export "$dir/sweep.svg" \
    > /dev/null 2> "$dir/err"
check "sweep.svg: exit 0" test $? -eq 0
check "sweep.svg is well-formed XML" xmllint --noout "$dir/sweep.svg"
check "sweep.svg: its title" grep -q '<title>Test accuracy under label noise</title>' "$dir/sweep.svg"
rsvg-convert "$dir/sweep.svg" -o "$dir/sweep-svg.png"
check "sweep.svg renders to a picture that is not blank" \
    test "$(stat -c %s "$dir/sweep-svg.png")" -gt $((blank * 5))

# a --seeds figure: mean curves with ±sd bands, the seeds named; kinds that cannot average
# seeds, and any --figure with a sweep, refuse with exit 2 instead of drawing one run
"$bin" --headless --steps 100 --eval-every 50 --losses log,hinge --seeds 3 --figure loss \
    --export "$dir/seeds.svg" > /dev/null 2>&1
check "seeds.svg: exit 0" test $? -eq 0
check "seeds.svg is well-formed XML" xmllint --noout "$dir/seeds.svg"
check "seeds.svg: a shaded band per curve (2 losses x train/test)" \
    test "$(grep -c '^<path d="M.* Z" fill=' "$dir/seeds.svg")" -eq 4
check "seeds.svg: the caption names the seeds" grep -q 'mean ± sd of 3 seeds from 1' "$dir/seeds.svg"
"$bin" --headless --steps 100 --eval-every 50 --losses log,hinge --seed 2 --figure loss \
    --export "$dir/one.svg" > /dev/null 2>&1
check "one run: no bands" test "$(grep -c '^<path d="M.* Z" fill=' "$dir/one.svg")" -eq 0
for args in "--seeds 2 --figure margins" "--sweep label-noise=0,0.2 --figure loss" \
            "--grid lr=0.001,0.003 --figure accuracy"; do
    # shellcheck disable=SC2086
    "$bin" --headless --steps 10 $args --export "$dir/no.png" > "$dir/out" 2> "$dir/err"
    rc=$?
    check "'$args --export': exit 2 (got $rc)" test $rc -eq 2
    check "'$args --export': one line, no figure" test "$(wc -l < "$dir/err")" -eq 1 -a ! -e "$dir/no.png"
done

# a numbered SVG series, and failures that leave nothing behind
"$bin" --headless --steps 100 --losses log --eval-every 50 --export "$dir/series.svg" \
    --export-every 50 > /dev/null
check "export-every keeps .svg" test -s "$dir/series-000050.svg" -a -s "$dir/series-000100.svg"
mkdir "$dir/ro"
"$bin" --headless --steps 10 --export "$dir/ro/missing/fig.svg" > /dev/null 2> "$dir/err"
check "unwritable SVG: exit 1" test $? -eq 1
check "unwritable SVG: one line naming it" test "$(grep -c "$dir/ro/missing/fig.svg" "$dir/err")" -eq 1
check "unwritable SVG: nothing left" test -z "$(ls -A "$dir/ro")"
# a write that fails half-way (the file-size limit, as a full disk would): exit 1, one line, and
# neither the figure nor its temporary file is left
for ext in png svg; do
    mkdir "$dir/limit-$ext"
    (trap '' XFSZ; ulimit -f 8; "$bin" --headless --steps 10 --losses log \
        --export "$dir/limit-$ext/fig.$ext") > "$dir/out" 2> "$dir/err"
    rc=$?
    check "$ext beyond the file-size limit: exit 1 (got $rc)" test $rc -eq 1
    check "$ext beyond the file-size limit: says so" grep -q "cannot write .*fig.$ext: File too large" "$dir/err"
    check "$ext beyond the file-size limit: nothing left" test -z "$(ls -A "$dir/limit-$ext")"
done
"$bin" --headless --steps 10 --export "$dir/fig.jpg" > /dev/null 2> "$dir/err"
check "--export fig.jpg: exit 2" test $? -eq 2

# boundaries: one map per model with flipped labels marked, in PNG and SVG alike; on data that is
# not 2-D, exit 2 with one line before any training and no file
"$bin" --headless --steps 300 --label-noise 0.3 --figure boundaries --export "$dir/bnd.svg" \
    > /dev/null 2> "$dir/err"
check "boundaries.svg with label noise: exit 0" test $? -eq 0
check "boundaries.svg: valid XML" xmllint --noout "$dir/bnd.svg"
check "boundaries.svg: a map title per model" \
    test "$(grep -cE '>(log|log2|l1|l2|l1-softmax|l2-softmax|linf-softmax|hinge|hinge2|hinge3|tanimoto|cauchy-schwarz)</text>' "$dir/bnd.svg")" -ge 24
check "boundaries.svg: flipped labels explained" grep -q 'x: label flipped by noise (450 of 1500)' "$dir/bnd.svg"
"$bin" --headless --steps 3000 --lr 40 --optimizer sgd --losses log,l2,hinge3 --figure boundaries \
    --export "$dir/bnd-div.svg" > /dev/null 2> "$dir/err"
check "boundaries of diverged models: exit 0" test $? -eq 0
check "boundaries: a diverged model's reason under its map" grep -qE '(NaN|inf|non-finite).* at step [0-9]+, lr 40' "$dir/bnd-div.svg"
printf 'a,b,c,label\n' > "$dir/three.csv"
for i in $(seq 1 40); do printf '%d,%d,%d,%d\n' "$i" $((i % 7)) $((i % 3)) $((i % 2)); done >> "$dir/three.csv"
"$bin" --headless --steps 5 --dataset "csv:$dir/three.csv" --figure boundaries \
    --export "$dir/three.png" > /dev/null 2> "$dir/err"
check "boundaries on 3 inputs: exit 2" test $? -eq 2
check "boundaries on 3 inputs: one line saying why" \
    bash -c "test \$(wc -l < '$dir/err') -eq 1 && grep -q 'needs 2-D data: .* has 3 inputs' '$dir/err'"
check "boundaries on 3 inputs: no file" test ! -e "$dir/three.png"

# the step axis: log from step 1 and a following window, in the figure's titles and ticks
"$bin" --headless --steps 2000 --losses log,hinge --time-axis log --figure loss \
    --export "$dir/log.svg" > /dev/null
check "--time-axis log: valid SVG" xmllint --noout "$dir/log.svg"
check "--time-axis log: the title says so" grep -q 'Loss · log steps from 1' "$dir/log.svg"
check "--time-axis log: decade ticks" bash -c "grep -q '>10</text>' '$dir/log.svg' && grep -q '>100</text>' '$dir/log.svg' && grep -q '>1000</text>' '$dir/log.svg'"
"$bin" --headless --steps 2000 --losses log,hinge --time-axis window:500 --figure accuracy \
    --export "$dir/win.svg" > /dev/null
check "--time-axis window:500: the title says so" grep -q 'Accuracy · last 500 steps' "$dir/win.svg"
check "--time-axis window:500: ticks from 1500 to 2000" bash -c "grep -q '>1500</text>' '$dir/win.svg' && grep -q '>2000</text>' '$dir/win.svg' && ! grep -q '>1000</text>' '$dir/win.svg'"
for bad in window:abc window:0 sideways; do
    "$bin" --headless --steps 5 --time-axis "$bad" --export "$dir/bad.png" > /dev/null 2> "$dir/err"
    check "--time-axis $bad: exit 2" test $? -eq 2
    check "--time-axis $bad: one line naming it" bash -c "test \$(wc -l < '$dir/err') -eq 1 && grep -q -- '--time-axis' '$dir/err'"
done
check "bad --time-axis: no file" test ! -e "$dir/bad.png"

finish
