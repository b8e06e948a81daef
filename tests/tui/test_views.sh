#!/usr/bin/env bash
# The lecture's views, end to end in tmux: the boundaries view (`v`) opens with every model's
# map, updates while training (the maps' colours change, flipped labels appear after `n`),
# survives a resize to 80x24 and back, and `p`/`P` write it (the SVG is valid XML and shows
# the view); the step-axis key `t` and its window keys `{` `}` change the axis drawn (log
# ticks, "last N steps"), `e` smooths (the title and the snapshot's faint raw curves), `g`
# shows one loss group at a time; on image data the boundaries view says why it is empty.
set -u
bin=${1:?usage: test_views.sh path/to/lossarena}
. "$(dirname "$0")/../lib/tmux.sh"

# the rows of the maps at 80x24 (under the title and the view's title row; the legend is below)
maps() { t capture-pane -e -p -t la -S 2 -E 12; }
# press v until the boundaries view is on screen (the number of views before it may change)
to_boundaries() {
    local i
    for ((i = 0; i < 10; i++)); do
        screen | grep -q 'Decision boundaries of every model' && return 0
        t send-keys -t la v
        sleep 0.3
    done
    wait_for 'Decision boundaries of every model' 3
}

# ---- the boundaries view ----
start 160 48 LANG=C.UTF-8 TERM=xterm-256color --pace=max --export="$dir/snap.png"
check "starts" wait_for 'paused' 10
to_boundaries
check "v reaches the boundaries view" wait_for 'Decision boundaries of every model' 3
check "the title names the view" wait_for '^ *(lossarena +)?boundaries ·' 3
n_maps=$(screen | grep -Eo '(^| )[A-Z] (log|log2|l1|l2|l1-softmax|l2-softmax|linf-softmax|hinge|hinge2|hinge3|tanimoto|cauchy-schwarz)( |$)' | wc -l)
# every map title plus every legend row: twelve of each
check "a map for each of the twelve models at 160x48 ($n_maps titles)" test "$n_maps" -ge 24
t resize-window -t la -x 80 -y 24
check "resized to 80x24: still the view" wait_for 'Decision boundaries' 5
check "80x24: not too small" wait_gone 'too small' 2
check "80x24: maps titled" bash -c "tmux -L '$sock' capture-pane -p -t la -S 2 -E 12 | grep -q '^L log '"
before=$(maps)
t send-keys -t la ' '
check "running" wait_for 'running' 5
check "trains past step 600" wait_step_above 600 20
t send-keys -t la ' '
check "paused again" wait_for 'paused' 5
after=$(maps)
check "the maps changed while training" test "$before" != "$after"
# flipped labels in the maps' rows (the title rows have letters: "softmax")
flips() { t capture-pane -p -t la -S 2 -E 12 | grep -v '[a-z][a-z]' | grep -o x | wc -l; }
no_x() { test "$(flips)" -eq 0; }
check "no flipped labels yet" no_x
t send-keys -t la n
check "n: 10% label noise" wait_for 'noise L10%|label noise 10%' 5
check "the note says what x means" wait_for 'x: label flipped' 5
t send-keys -t la s
sleep 1
check "flipped labels marked x in the maps ($(flips))" test "$(flips)" -gt 0
t resize-window -t la -x 160 -y 48
check "back at 160x48: still the view" wait_for 'Decision boundaries of every model' 5
t send-keys -t la p
check "p writes the view" wait_for 'snapshot written: .*snap-[0-9]+\.png' 10
png=$(ls "$dir"/snap-*.png 2> /dev/null | head -1)
check "the snapshot is a PNG" bash -c "head -c 8 '$png' | od -An -tx1 | grep -q '89 50 4e 47'"
t send-keys -t la P
check "P writes the SVG" wait_for 'snapshot written: .*snap-[0-9]+\.svg' 10
svg=$(ls "$dir"/snap-*.svg 2> /dev/null | head -1)
check "the SVG is valid XML" xmllint --noout "$svg"
check "the SVG shows the boundaries view" grep -q 'Decision boundaries of every model' "$svg"
check "the SVG marks flipped labels" grep -q 'label flipped by noise' "$svg"
t send-keys -t la q
check "q exits 0" test "$(wait_exit 5)" = 0

# ---- the step axis, its window, smoothing and loss groups, on the dashboard ----
start 80 24 LANG=C.UTF-8 TERM=xterm-256color --pace=max --export="$dir/axis.png"
check "dashboard starts" wait_for 'paused' 10
t send-keys -t la ' '
check "trains past step 1500" wait_step_above 1500 90
t send-keys -t la ' '
check "paused" wait_for 'paused' 5
check "linear axis: ticks in thousands" wait_for '^ +0 .* [0-9]+k? ' 3
t send-keys -t la t
check "t: log step axis in the titles" wait_for 'Loss · log steps from 1' 5
check "t: the axis is labelled log" wait_for 'step \(log\)' 3
check "t: log ticks 1 and 100" wait_for '^ +1 +100 ' 3
t send-keys -t la t
check "t again: the last 1k steps" wait_for 'Loss · last 1k steps' 5
step=$(step_of)
# the first tick label under the first chart's step axis, in steps ("1.6k" is 1600)
first_tick=$(screen | grep -m1 -A1 '└' | tail -1 |
    awk '{x = $1; if (x ~ /k$/) { sub(/k$/, "", x); x *= 1000 } print int(x)}')
# the window ends at the last evaluation (every 50 steps by default), at most 50 before the
# step the title shows
check "the window's first tick ($first_tick) lies in the last 1k steps (to $step)" \
    test "${first_tick:-0}" -ge $((step - 1050)) -a "${first_tick:-0}" -le "$step"
t send-keys -t la '}'
check "}: the last 3k steps" wait_for 'Loss · last 3k steps' 5
t send-keys -t la '{' '{'
check "{ {: the last 300 steps" wait_for 'Loss · last 300 steps' 5
t send-keys -t la e
check "e: smoothed, said in the title" wait_for 'last 300 steps · EMA 0.8' 5
t send-keys -t la P
# (at 80 columns the message is cut: wait for the file)
wait_file() { local i; for ((i = 0; i < 200; i++)); do ls "$dir"/$1 > /dev/null 2>&1 && return 0; sleep 0.05; done; return 1; }
check "P with smoothing on" wait_file 'axis-*.svg'
axsvg=$(ls "$dir"/axis-*.svg 2> /dev/null | head -1)
check "the SVG is valid XML" xmllint --noout "$axsvg"
check "the SVG's title says smoothed" grep -q 'last 300 steps · EMA 0.8' "$axsvg"
check "the SVG keeps the raw curves faint" grep -q 'stroke-opacity="0.300"' "$axsvg"
t send-keys -t la e t
check "e t: raw curves, whole history" wait_gone 'EMA|last 300' 5
t send-keys -t la g
check "g: the group in the title" wait_for '^ log-family · spiral' 5
check "g: the others hidden in the legend" wait_for 'hinge +[-0-9.]+ +[0-9.]+% hidden' 3
check "g: the group's own shown" bash -c "tmux -L '$sock' capture-pane -p -t la | grep -E '^ +L log +[-0-9.]+ +[0-9.]+%' | grep -qv hidden"
t send-keys -t la g g g g
check "g four times: the last group" wait_for '^ divergences · spiral' 5
t send-keys -t la g
check "g after the last group: every loss again" wait_gone 'hidden|divergences ·' 5
t send-keys -t la q
check "q exits 0" test "$(wait_exit 5)" = 0

# ---- image data: the view says why ----
start 80 24 LANG=C.UTF-8 TERM=xterm-256color --dataset=fashion-mnist --steps=10
check "fashion-mnist starts" wait_for 'paused' 60
to_boundaries
check "boundaries on images: why not" wait_for 'fashion-mnist has 784 inputs: boundaries need 2-D data' 5
t send-keys -t la q
check "q exits 0" test "$(wait_exit 5)" = 0

finish
