#!/usr/bin/env bash
# The "why losses differ" views in a real terminal (tmux): with label noise on, `v` reaches the
# gradients, lens and memorization views (the title names each); each shows its panels, keeps
# updating while training runs, survives a resize to 80x24 and back, and `p` / `P` write its
# figure as PNG and as well-formed SVG (xmllint) whose title names the view; q exits 0.
set -u
bin=${1:?usage: test_views_why.sh path/to/lossarena}
. "$(dirname "$0")/../lib/tmux.sh"
command -v xmllint > /dev/null || { echo "xmllint is needed (apt-get install libxml2-utils)"; exit 1; }
# the step counter, also in the narrow title ("ep N" when "step" is dropped)
step_of() { screen | grep -Eo '(step|ep) [0-9]+' | head -1 | grep -Eo '[0-9]+'; }
# view NAME: presses v until the title names NAME (the views cycle in the table's order)
view() {
    local i
    for ((i = 0; i < 12; i++)); do
        screen | head -1 | grep -q " $1 · " && return 0
        t send-keys -t la 'v'
        sleep 0.3
    done
    return 1
}
# written EXT: the path the last "snapshot written" message names, if it ends in EXT
written() { screen | grep -Eo "snapshot written: [^ ]*\.$1" | tail -1 | sed 's/^snapshot written: //'; }

start 160 48 LANG=C.UTF-8 TERM=xterm-256color --losses=log,l1-softmax,hinge --label-noise=0.3 \
    --pace=100 --export="$dir/why.png"
check "starts" wait_for 'paused|running' 10
t send-keys -t la ' '
check "runs after space" wait_for 'running' 5

# view NAME, then what its panels say on screen
for spec in "gradients|Where the gradient comes from|Mean ‖∇_o L‖ per example|wrong [0-9]+%" \
            "lens|Loss lens: L\(z\) \(solid\)|Live margins of the focused model|L log" \
            "memorization|Accuracy on true labels \(solid\)|^Accuracy|chance 33%"; do
    IFS='|' read -r name a b c <<< "$spec"
    check "v reaches the $name view" view "$name"
    check "$name: first panel" wait_for "$a" 5
    check "$name: second panel" wait_for "$b" 5
    check "$name: its content" wait_for "$c" 5
    s0=$(step_of)
    check "$name: updates while training (from step $s0)" wait_step_above "${s0:-0}" 10
    t resize-window -t la -x 80 -y 24
    check "$name at 80x24: the title still names it" wait_for " $name · " 5
    check "$name at 80x24: its first panel" wait_for "$a" 5
    check "$name at 80x24: not too small" bash -c "! tmux -L '$sock' capture-pane -p -t la | grep -q 'too small'"
    t resize-window -t la -x 160 -y 48
    check "$name back at 160x48" wait_for "$b" 5
    t send-keys -t la ' '
    check "$name: paused for the exports" wait_for 'paused' 5
    t send-keys -t la 'p'
    check "$name: p writes a snapshot" wait_for 'snapshot written: .*\.png' 10
    png=$(written png)
    check "$name: the snapshot is a PNG ($png)" bash -c "head -c 8 '$png' | od -An -tx1 | grep -q '89 50 4e 47'"
    t send-keys -t la 'P'
    check "$name: P writes an SVG" wait_for 'snapshot written: .*\.svg' 10
    svg=$(written svg)
    check "$name: the SVG is well-formed XML ($svg)" xmllint --noout "$svg"
    check "$name: the SVG's title names the view" grep -q "<title>lossarena $name: " "$svg"
    rm -f "$png" "$svg"
    t send-keys -t la ' '
    check "$name: running again" wait_for 'running' 5
done
t send-keys -t la 'q'
check "q exits 0" test "$(wait_exit 5)" = 0

finish
