#!/usr/bin/env bash
# The dashboard, end to end: the real binary in a real terminal (tmux), driven by keys.
# Checks: it starts at 80x24 and 160x48; all twelve ids are on screen; space advances the step
# counter; + changes the lr shown; ? shows the help; a 40x10 terminal shows the too-small
# message and enlarging restores the dashboard; q exits 0; LANG=C shows no braille;
# SIGTERM leaves a usable terminal.
set -u
bin=${1:?usage: test_dashboard.sh path/to/lossarena}
command -v tmux > /dev/null || { echo "tmux is not installed"; exit 1; }
# A fresh tmux server (socket) for every start: reusing one right after kill-server can hit
# the dying server ("server exited unexpectedly").
run=0
sock="lossarena-test-$$-$run"
dir=$(mktemp -d)
t() { tmux -L "$sock" "$@"; }
new_server() { t kill-server 2> /dev/null; run=$((run + 1)); sock="lossarena-test-$$-$run"; }
cleanup() { t kill-server 2> /dev/null; rm -rf "$dir"; }
trap cleanup EXIT
failures=0
passes=0
check() {
    local name=$1; shift
    if "$@"; then passes=$((passes + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
screen() { t capture-pane -p -t la; }
# wait_for PATTERN [SECONDS]: polls the screen until PATTERN (grep -E) shows up
wait_for() {
    local i
    for ((i = 0; i < ${2:-10} * 10; i++)); do
        screen | grep -Eq -- "$1" && return 0
        sleep 0.1
    done
    echo "--- screen while waiting for '$1':"; screen
    return 1
}
step_of() { screen | grep -Eo 'step [0-9]+' | head -1 | grep -Eo '[0-9]+'; }
start() { # start W H [NAME=VALUE...] [--option...]: environment first, then program options
    local w=$1 h=$2 envs="" args="" a; shift 2
    for a in "$@"; do
        case $a in --*) args="$args $a" ;; *) envs="$envs $a" ;; esac
    done
    new_server
    t -f /dev/null new-session -d -s la -x "$w" -y "$h" \
        "env $envs $bin $args; echo \"exit=\$?\" > $dir/rc; sleep 30"
}

for size in "80 24" "160 48"; do
    # shellcheck disable=SC2086
    start $size LANG=C.UTF-8 TERM=xterm-256color
    check "starts at $size" wait_for 'paused|running' 10
    ids_ok=1
    for id in log log2 l1 l2 l1-softmax l2-softmax linf-softmax hinge hinge2 hinge3 tanimoto \
              cauchy-schwarz; do
        screen | grep -Eq "(^|[^a-z0-9-])$id([^a-z0-9-]|$)" || { ids_ok=0; echo "missing id $id at $size"; }
    done
    check "all twelve ids on screen at $size" test $ids_ok -eq 1
    s0=$(step_of)
    t send-keys -t la ' '
    check "running after space at $size" wait_for 'running' 5
    sleep 1.5
    s1=$(step_of)
    check "step advances at $size ($s0 -> $s1)" test "${s1:-0}" -gt "${s0:-0}"
    t send-keys -t la ' '
    check "paused again at $size" wait_for 'paused' 5
    lr0=$(screen | grep -Eo 'lr [0-9.e+-]+' | head -1)
    t send-keys -t la '+'
    sleep 0.5
    lr1=$(screen | grep -Eo 'lr [0-9.e+-]+' | head -1)
    check "+ changes the lr shown ($lr0 -> $lr1)" test -n "$lr1" -a "$lr0" != "$lr1"
    # an lr the user chose survives an optimizer change (o): adam -> sgd keeps it
    t send-keys -t la 'o'
    check "o keeps the chosen lr at $size" wait_for "sgd ${lr1}" 5
    t send-keys -t la '?'
    check "? shows the help at $size" wait_for 'learning rate x2' 5
    t send-keys -t la 'x'
    sleep 0.3
    t send-keys -t la 'q'
    for ((i = 0; i < 50; i++)); do [ -s "$dir/rc" ] && break; sleep 0.1; done
    check "q exits 0 at $size" grep -q 'exit=0' "$dir/rc"
    rm -f "$dir/rc"
done

# resize below the minimum and back
start 100 30 LANG=C.UTF-8 TERM=xterm-256color
wait_for 'paused' 10 > /dev/null
t resize-window -t la -x 40 -y 10
check "too-small message at 40x10" wait_for 'too small' 5
screen | grep -q 'have 40' ; check "message names the size" test $? -eq 0
t resize-window -t la -x 100 -y 30
check "dashboard back after enlarging" wait_for 'paused' 5
t send-keys -t la 'q'
sleep 0.5

# headless options apply: --steps pauses there, --csv is written on exit; a failed `p` is a
# status message and the dashboard goes on
start 100 30 LANG=C.UTF-8 TERM=xterm-256color --run --steps=120 --eval-every=40 \
    --csv="$dir/ui.csv" --export=/nonexistent/dir/snap.png
check "--steps pauses the dashboard there" wait_for 'paused at step 120' 15
t send-keys -t la 'p'
check "unwritable snapshot path: a message, not a crash" wait_for 'snapshot failed' 5
t send-keys -t la 'q'
for ((i = 0; i < 50; i++)); do [ -s "$dir/rc" ] && break; sleep 0.1; done
check "exit 0 after a failed snapshot" grep -q 'exit=0' "$dir/rc"
rm -f "$dir/rc"
check "--csv written by the dashboard: header + 4 evaluations x 12" \
    test "$(wc -l < "$dir/ui.csv" 2> /dev/null)" -eq 49

# colours: 256-colour escapes with TERM=xterm-256color, none with NO_COLOR
start 100 30 LANG=C.UTF-8 TERM=xterm-256color
wait_for 'paused' 10 > /dev/null
t capture-pane -p -e -t la > "$dir/color"
check "256 colours in use" grep -q '38;5;' "$dir/color"
t send-keys -t la 'q'
start 100 30 LANG=C.UTF-8 TERM=xterm-256color NO_COLOR=1
wait_for 'paused' 10 > /dev/null
t capture-pane -p -e -t la > "$dir/nocolor"
check "NO_COLOR: no colour escapes" bash -c "! grep -Eq '\[(3|4)8;5;|\[3[0-7]m' '$dir/nocolor'"
t send-keys -t la 'q'

# LANG=C: no braille (no bytes >= 0x80 at all)
start 100 30 LANG=C LC_ALL=C TERM=xterm-256color
wait_for 'paused' 10 > /dev/null
t send-keys -t la ' '
sleep 1.5
screen > "$dir/ascii"
check "LANG=C shows the dashboard" grep -q 'hinge2' "$dir/ascii"
check "LANG=C: no non-ASCII bytes" bash -c "! LC_ALL=C grep -q '[^ -~]' '$dir/ascii'"
t send-keys -t la 'q'
sleep 0.5

# SIGTERM restores the terminal: the shell after it echoes normally, no alternate screen left
new_server
t -f /dev/null new-session -d -s la -x 100 -y 30 "bash --norc --noprofile"
t send-keys -t la "PS1='$ '; LANG=C.UTF-8 $bin --run" Enter
wait_for 'running' 10 > /dev/null
pid=$(pgrep -n -f "$bin --run")
kill -TERM "$pid"
sleep 1
t send-keys -t la "echo terminal-ok-\$((40+2))" Enter
check "shell usable after SIGTERM" wait_for 'terminal-ok-42' 5
t send-keys -t la "stty -a | grep -o ' echo ' ; stty -a | grep -o ' icanon '" Enter
check "echo and icanon restored after SIGTERM" wait_for '^ ?icanon' 5

echo "$passes passed, $failures failed"
test $failures -eq 0
