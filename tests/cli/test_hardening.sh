#!/usr/bin/env bash
# Hardening (issue 12), end to end through the real binary, each failure of the adversarial pass
# as a check: outputs that never destroy (device nodes, symlinks, same-file, planted temporary
# names, long names, modes), sizes refused before allocating, inputs that are FIFOs, exit codes
# and messages, stop signals in headless runs, and a short fuzz loop over option combinations.
# Everything lives in a mktemp -d directory; device nodes are made there with mknod, never /dev.
set -u
bin=${1:?usage: test_hardening.sh path/to/lossarena}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin") # absolute: some checks cd
. "$(dirname "$0")/../lib/check.sh"
sock="lossarena-hard-$$"
cleanup() {
    local t
    for t in nonexistent UNSET; do tmux -L "$sock-$t" kill-server 2> /dev/null; done
}
quick=(--headless --steps 40 --eval-every 20 --losses log,l2)
run() { # run [timeout SECONDS "$bin"] OPTIONS...: exit status in rc
    if [ "$1" = timeout ]; then "$@"; else "$bin" "$@"; fi > "$dir/out" 2> "$dir/err"
    rc=$?
}
says() { grep -q -- "$1" "$dir/err"; }
one_line() { test "$(wc -l < "$dir/err")" -eq 1; }
no_temps() { test -z "$(find "$1" -name '.*.??????' -o -name '*.tmp*' | head -1)"; }

# ---- outputs never destroy what their path points at ----
mkdir "$dir/o"
if mknod "$dir/o/null" c 1 3 2> /dev/null; then
    run "${quick[@]}" --csv "$dir/o/null"
    check "--csv to a character device: exit 0 (got $rc)" test $rc -eq 0
    check "the device node is still a device" test -c "$dir/o/null"
    mknod "$dir/o/full" c 1 7
    run timeout 60 "$bin" --headless --steps 100000000 --eval-every 1 --losses log --csv "$dir/o/full"
    check "a full disk during --csv fails at once: exit 1 (got $rc)" test $rc -eq 1
    check "... saying so" says "No space left"
    "$bin" --help > "$dir/o/full" 2> "$dir/err"; rc=$?
    check "--help to a full disk: exit 1 (got $rc)" test $rc -eq 1
    check "... with a message" says "cannot write to stdout"
    "$bin" --version > "$dir/o/full" 2> "$dir/err"; rc=$?
    check "--version to a full disk: exit 1" test $rc -eq 1
    "$bin" --list-presets > "$dir/o/full" 2> "$dir/err"; rc=$?
    check "--list-presets to a full disk: exit 1" test $rc -eq 1
    "$bin" "${quick[@]}" > "$dir/o/full" 2> "$dir/err"; rc=$?
    check "headless summary to a full disk: exit 1 (got $rc)" test $rc -eq 1
    check "... naming stdout" says "stdout"
else
    echo "note: mknod not permitted here; device-node checks skipped"
fi

mkfifo "$dir/o/fifo"
timeout 20 cat "$dir/o/fifo" > "$dir/o/from_fifo" &
reader=$!
run "${quick[@]}" --csv "$dir/o/fifo"
wait $reader
check "--csv into a FIFO: exit 0 (got $rc)" test $rc -eq 0
check "... the rows came through the FIFO" test "$(wc -l < "$dir/o/from_fifo")" -eq 7
check "... and it is still a FIFO" test -p "$dir/o/fifo"

run "${quick[@]}" --csv - --format csv
check "--csv - writes the rows to stdout" test "$(grep -c '^20,' "$dir/out")" -eq 2

echo old > "$dir/o/target.csv"
ln -s target.csv "$dir/o/link.csv"
run "${quick[@]}" --csv "$dir/o/link.csv"
check "symlinked --csv: exit 0" test $rc -eq 0
check "... the link stays a link" test -L "$dir/o/link.csv"
check "... and its target gets the rows" test "$(wc -l < "$dir/o/target.csv")" -eq 7
ln -s "$dir/o/new-target.csv" "$dir/o/dangling.csv"
run "${quick[@]}" --csv "$dir/o/dangling.csv"
check "a dangling symlink's target is created" test -L "$dir/o/dangling.csv" -a -s "$dir/o/new-target.csv"

chmod 640 "$dir/o/target.csv"
run "${quick[@]}" --csv "$dir/o/target.csv"
check "a replaced file keeps its mode" test "$(stat -c %a "$dir/o/target.csv")" = 640

# The old temporary names were predictable (PATH.tmp-PID, PATH.tmp.PID-0): a link planted there
# must not lead the program to write its target. `exec` keeps the shell's pid.
echo victim > "$dir/o/victim"
sh -c 'cd "$1" && ln -s victim out.csv.tmp-$$ && ln -s victim out.png.tmp.$$-0 &&
       exec "$2" --headless --steps 40 --eval-every 20 --losses log --csv out.csv --export out.png' \
    sh "$dir/o" "$bin" > /dev/null 2>&1
check "planted temporary-name links: their target untouched" test "$(cat "$dir/o/victim")" = victim
check "... and the outputs written" test -s "$dir/o/out.csv" -a -s "$dir/o/out.png"
rm -f "$dir"/o/*.tmp*

long=$(printf 'x%.0s' $(seq 251)).csv
echo keep > "$dir/o/$long"
run "${quick[@]}" --csv "$dir/o/$long"
check "a 255-byte file name is replaced whole (got $rc)" test $rc -eq 0 -a "$(wc -l < "$dir/o/$long")" -eq 7
check "no temporary file left behind" no_temps "$dir/o"

# same file as an input or as another output: refused before anything runs
printf 'a,b,label\n1,2,x\n2,1,y\n3,3,x\n4,1,y\n5,2,x\n6,6,y\n' > "$dir/o/data.csv"
cp "$dir/o/data.csv" "$dir/o/data.orig"
run "${quick[@]}" --dataset "csv:$dir/o/data.csv" --csv "$dir/o/data.csv"
check "--csv onto the dataset: exit 2 (got $rc)" test $rc -eq 2
check "... the dataset untouched" cmp -s "$dir/o/data.csv" "$dir/o/data.orig"
check "... one line naming it" one_line
ln "$dir/o/data.csv" "$dir/o/hard.csv"
run "${quick[@]}" --dataset "csv:$dir/o/data.csv" --csv "$dir/o/hard.csv"
check "--csv onto a hard link of the dataset: exit 2" test $rc -eq 2
run "${quick[@]}" --csv "$dir/o/twice.png" --export "$dir/o/twice.png"
check "--csv and --export the same new file: exit 2 (got $rc)" test $rc -eq 2
check "... nothing written" test ! -e "$dir/o/twice.png"
run "${quick[@]}" --csv "$dir/o/./same.png" --export "$dir/o/same.png"
check "the same file by two spellings: exit 2" test $rc -eq 2
run "${quick[@]}" --export "$dir/nodir/x.png"
check "--export into a missing directory: refused up front, exit 1 (got $rc)" test $rc -eq 1 -a ! -s "$dir/out"
check "... naming the directory" says "nodir"
run "${quick[@]}" --csv "$dir/o"
check "--csv naming a directory: exit 1" test $rc -eq 1

# ---- sizes checked before allocating ----
run --headless --hidden 4096,4096,4096,4096,4096,4096,4096,4096 --steps 1 --max-memory 8G
check "eight 4096-wide layers beyond the budget: exit 2 (got $rc)" test $rc -eq 2
check "... with the figure" says "needs 23.6 GB for 12 models"
run --headless --hidden 256 --steps 1 --losses log --max-memory 1M
check "--max-memory 1M refuses even a small run" test $rc -eq 2
mkdir "$dir/big"
be32() { printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) \
    $(($1 >> 8 & 255)) $(($1 & 255)))"; }
idx_images() { # idx_images FILE COUNT ROWS COLS: a gzip IDX image file of zero pixels
    { printf '\x00\x00\x08\x03'; be32 "$2"; be32 "$3"; be32 "$4"
      head -c $(($2 * $3 * $4)) /dev/zero; } | gzip -9 > "$1.gz"
}
idx_labels() { { printf '\x00\x00\x08\x01'; be32 2; printf '\x00\x01'; } > "$1"; }
idx_images "$dir/big/train-images-idx3-ubyte" 2 1024 1024
idx_images "$dir/big/t10k-images-idx3-ubyte" 2 1024 1024
idx_labels "$dir/big/train-labels-idx1-ubyte"
idx_labels "$dir/big/t10k-labels-idx1-ubyte"
run --headless --dataset "idx:$dir/big" --steps 1 --max-memory 4G
check "two 1024x1024 IDX images: exit 2 before allocating (got $rc)" test $rc -eq 2
check "... with the figure" says "needs .* GB for 12 models"
awk 'BEGIN { for (r = 0; r < 4; r++) { for (c = 0; c < 400000; c++) printf "%d,", (r + c) % 2;
             print r % 2 } }' > "$dir/wide.csv"
run --headless --dataset "csv:$dir/wide.csv" --steps 1 --max-memory 2G
check "a CSV of 400k columns: exit 2 (got $rc)" test $rc -eq 2
check "... with the figure" says "needs"

# ---- inputs: FIFOs, missing files ----
mkdir "$dir/fifo_idx"
mkfifo "$dir/fifo_idx/train-images-idx3-ubyte"
timeout 10 "$bin" --headless --dataset "idx:$dir/fifo_idx" --steps 1 > /dev/null 2> "$dir/err"
rc=$?
check "a FIFO in an IDX directory: exit 2, no hang (got $rc)" test $rc -eq 2
check "... 'not a regular file'" says "not a regular file"
timeout 10 "$bin" --headless --dataset "csv:$dir/o/fifo" --steps 1 > /dev/null 2> "$dir/err"
rc=$?
check "a FIFO as the CSV dataset: exit 2, no hang (got $rc)" test $rc -eq 2
run --headless --dataset "csv:$dir/missing.csv"
check "a missing CSV: exit 2 naming it (got $rc)" test $rc -eq 2 -a -n "$(grep missing.csv "$dir/err")"
run --headless --dataset "idx:$dir/missing"
check "a missing IDX directory: exit 2" test $rc -eq 2
run --headless --dataset csv:
check "--dataset csv: with no file: exit 2 and a word about it" test $rc -eq 2 -a -n "$(grep 'file name' "$dir/err")"

# ---- options ----
run --headless --size 4294968896x1000
check "--size 4294968896x1000 rejected (got $rc)" test $rc -eq 2
run --headless --seed " -1"
check "--seed ' -1' rejected" test $rc -eq 2
run --headless --seed 18446744073709551616
check "--seed beyond 2^64-1 rejected" test $rc -eq 2
run --headless --steps 99999999999999999999
check "--steps overflowing rejected" test $rc -eq 2
run --headless --label-noise 2
check "a range printed once and right" test "$(cat "$dir/err")" = \
    "lossarena: --label-noise: 2 is out of range [0, 1)"
run --headless --lr -1
check "an open interval printed right" says "out of range (0, 1e+06]$"
run "${quick[@]}" --nesterov --optimizer momentum --csv "$dir/n1.csv"
run "${quick[@]}" --optimizer momentum --nesterov --csv "$dir/n2.csv"
run "${quick[@]}" --optimizer momentum --csv "$dir/n3.csv"
check "--nesterov before or after --optimizer: the same run" cmp -s "$dir/n1.csv" "$dir/n2.csv"
check "... and it is not plain momentum" bash -c "! cmp -s '$dir/n1.csv' '$dir/n3.csv'"
run "${quick[@]}" --nesterov --optimizer adam
check "--nesterov with adam: exit 2 (got $rc)" test $rc -eq 2

# ---- stop signals keep what was done ----
stop_test() { # stop_test SIGNAL EXPECTED_RC
    local d="$dir/sig-$1"
    mkdir "$d"
    "$bin" --headless --steps 100000000 --eval-every 50 --losses log,hinge --csv "$d/m.csv" \
        > "$d/summary" 2> "$d/err" &
    local pid=$! i
    for ((i = 0; i < 100; i++)); do
        [ -n "$(find "$d" -name '.m.csv.*' -size +1k)" ] && break
        sleep 0.1
    done
    kill "-$1" $pid
    for ((i = 0; i < 300; i++)); do kill -0 $pid 2> /dev/null || break; sleep 0.1; done
    kill -KILL $pid 2> /dev/null # still running 30 s after the signal: it was ignored
    wait $pid
    local got=$?
    check "SIG$1: exit $2 (got $got)" test $got -eq "$2"
    check "SIG$1: CSV renamed into place with complete rows" \
        awk -F, 'NR == 2 { n = NF } NR > 2 && NF != n { bad = 1 } END { exit bad || NR < 3 }' \
        "$d/m.csv" # every row as long as the first (the config column is the same in each)
    check "SIG$1: the CSV ends with a whole line" test "$(tail -c 1 "$d/m.csv" | od -An -c | tr -d ' ')" = '\n'

    check "SIG$1: summary marked interrupted" grep -q interrupted "$d/summary"
    check "SIG$1: no temporary file left" no_temps "$d"
}
stop_test INT 130
stop_test TERM 143
stop_test HUP 129
timeout 30 "$bin" --headless --steps 100000000 --eval-every 1 --losses log --csv - 2> "$dir/err" |
    head -3 > /dev/null
rc=${PIPESTATUS[0]}
check "SIGPIPE (reader gone): exit 141, no hang (got $rc)" test $rc -eq 141

# ---- the dashboard needs a real terminal ----
echo | "$bin" > /dev/null 2> "$dir/err"
rc=$?
check "dashboard with stdin not a terminal: exit 2 (got $rc)" test $rc -eq 2 -a -s "$dir/err"
if command -v tmux > /dev/null; then
    for term in nonexistent UNSET; do
        if [ $term = UNSET ]; then envs="env -u TERM"; else envs="env TERM=$term"; fi
        tsock="$sock-$term" # a fresh server each time: a dying one can refuse the next session
        tmux -L "$tsock" new-session -d -x 100 -y 30 \
            "$envs '$bin' --run 2> '$dir/tui.err'; echo \$? > '$dir/tui.rc'; sleep 5"
        for ((i = 0; i < 100; i++)); do [ -s "$dir/tui.rc" ] && break; sleep 0.1; done
        check "TERM=$term: exit 2, no crash (got $(cat "$dir/tui.rc" 2> /dev/null))" \
            test "$(cat "$dir/tui.rc" 2> /dev/null)" = 2
        check "TERM=$term: one line says why" grep -q TERM "$dir/tui.err"
        tmux -L "$tsock" kill-server 2> /dev/null
        rm -f "$dir/tui.rc"
    done
fi

# ---- the man page is the --help table ----
"$bin" --man > "$dir/man.1"
missing=$("$bin" --help | grep -Eo '^  --[a-z-]+' | sed 's/^  --//' | while read -r o; do
    grep -q -- "^\.B \\\\-\\\\-$(echo "$o" | sed 's/-/\\\\-/g')" "$dir/man.1" || echo "$o"; done)
check "the man page lists every option of --help (missing: $missing)" test -z "$missing"

# ---- fuzz: random option combinations never crash, hang or exit outside 0/1/2 ----
opts=(--dataset=spiral --dataset=xor --dataset=csv: "--dataset=csv:$dir/o/data.csv"
      "--dataset=idx:$dir" --losses=log --losses=log,log --losses=l1,bogus --hidden=1 --hidden=0
      --hidden=4096,4096,4096,4096,4096,4096,4096,4096 --batch=1 --batch=99999 --lr=1e6 --lr=nan
      --optimizer=momentum --nesterov --steps=0 --steps=3 --epochs=0.01 --epochs=-1 --seed=-1
      --seed=0 --threads=16 --threads=0 --label-noise=0.99 --input-noise=1000 --eval-every=1
      --samples=10 --test-samples=10 --classes=2 --classes=300 "--csv=$dir/f.csv"
      "--csv=$dir/f.csv" "--export=$dir/f.png" "--export=$dir/f.csv" --export-every=1
      --size=400x300 --size=1x1 --format=json --format=xml --seeds=2 --sweep=label-noise=0,0.5
      --sweep=bogus --target-acc=0.5 --max-memory=1M --max-memory=64M --preset=nope --bogus
      --test-split=0.5 --label-column=2 --figure=loss --theme=dark --steps)
bad=0
RANDOM=12
for ((n = 0; n < 40; n++)); do
    # a fixed budget whatever the RAM, small figures (sanitizers make PNGs slow)
    args=(--headless --steps=20 --samples=60 --test-samples=60 --max-memory=4G --size=400x300)
    for ((j = 0; j < 1 + RANDOM % 5; j++)); do args+=("${opts[RANDOM % ${#opts[@]}]}"); done
    timeout 60 "$bin" "${args[@]}" > /dev/null 2>&1
    rc=$?
    if [ $rc -gt 2 ]; then
        echo "fuzz: exit $rc for: ${args[*]}"
        bad=$((bad + 1))
    fi
done
check "fuzz: 40 random option sets exit 0, 1 or 2" test $bad -eq 0
check "fuzz: no temporary file left" no_temps "$dir"

finish
