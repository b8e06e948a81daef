#!/usr/bin/env bash
# The dashboard, end to end: the real binary in a real terminal (tmux), driven by keys.
# Checks: it starts at 80x24 and 160x48; all twelve ids are on screen; space advances the step
# counter; + changes the lr shown; ? shows the help; a 40x10 terminal shows the too-small
# message and enlarging restores the dashboard; q exits 0; every key of the README's table does
# what it says; `p` writes a snapshot; --csv writes the headless rows; NO_COLOR starts without
# colour; LANG=C shows no braille; SIGINT, SIGTERM and SIGHUP leave the terminal as it was
# (alternate screen, cursor, mouse and keypad modes, as tmux sees them) and exit 128+N.
set -u
bin=${1:?usage: test_dashboard.sh path/to/lossarena}
. "$(dirname "$0")/../lib/tmux.sh"

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
    check "the terminal is in the dashboard's modes at $size" test "$(term_modes)" = "1 0 1 1"
    s0=$(step_of)
    t send-keys -t la ' '
    check "running after space at $size" wait_for 'running' 5
    check "step advances at $size (from $s0)" wait_step_above "${s0:-0}" 10
    t send-keys -t la ' '
    check "paused again at $size" wait_for 'paused' 5
    lr0=$(screen | grep -Eo 'lr [0-9.e+-]+' | head -1)
    t send-keys -t la '+'
    check "+ changes the lr shown ($lr0)" wait_gone "$lr0 " 5
    lr1=$(screen | grep -Eo 'lr [0-9.e+-]+' | head -1)
    # an lr the user chose survives an optimizer change (o): adam -> sgd keeps it
    t send-keys -t la 'o'
    check "o keeps the chosen lr at $size ($lr1)" wait_for "sgd ${lr1}" 5
    t send-keys -t la '?'
    check "? shows the help at $size" wait_for 'learning rate x2' 5
    t send-keys -t la 'x'
    check "any key closes the help at $size" wait_gone 'learning rate x2' 5
    t send-keys -t la 'q'
    check "q exits 0 at $size" test "$(wait_exit 5)" = 0
    check "q leaves the terminal as it was at $size" test "$(term_modes)" = "0 1 0 0"
done

# resize below the minimum and back
start 100 30 LANG=C.UTF-8 TERM=xterm-256color
check "starts at 100x30" wait_for 'paused' 10
t resize-window -t la -x 40 -y 10
check "too-small message at 40x10" wait_for 'too small' 5
check "message names the size" wait_for 'have 40' 1
t resize-window -t la -x 100 -y 30
check "dashboard back after enlarging" wait_for 'paused' 5
t send-keys -t la 'q'
check "exit 0 after resizing" test "$(wait_exit 5)" = 0

# headless options apply: --steps pauses there, --csv is written on exit with the rows a
# headless run writes; a failed `p` is a status message and the dashboard goes on (the snapshot
# directory, checked at start, is removed while the dashboard runs)
mkdir "$dir/snaps"
start 100 30 LANG=C.UTF-8 TERM=xterm-256color --run --pace=max --steps=120 --eval-every=40 \
    --csv="$dir/ui.csv" --export="$dir/snaps/snap.png"
check "--steps pauses the dashboard there" wait_for 'paused at step 120' 15
rmdir "$dir/snaps"
t send-keys -t la 'p'
check "unwritable snapshot path: a message, not a crash" wait_for 'snapshot failed' 5
t send-keys -t la 'q'
check "exit 0 after a failed snapshot" test "$(wait_exit 5)" = 0
check "--csv written by the dashboard: header + 4 evaluations x 12" \
    test "$(wc -l < "$dir/ui.csv" 2> /dev/null)" -eq 49
"$bin" --headless --steps 120 --eval-every 40 --csv "$dir/headless.csv" > "$dir/out" 2>&1
check "the headless twin exits 0" test $? -eq 0
check "dashboard --csv is byte-identical to the headless CSV" cmp "$dir/ui.csv" "$dir/headless.csv"

# a lecture rehearsed: changes made with keys while recording (--record), then the recording
# replayed headless writes the same CSV byte for byte; the pace keys show in the title
start 100 30 LANG=C.UTF-8 TERM=xterm-256color --steps=160 --eval-every=20 --losses=log,hinge,l2 \
    --csv="$dir/live.csv" --record="$dir/lesson.txt"
check "record: starts paused at pace 30/s" wait_for 'pace 30/s' 10
t send-keys -t la 's'
check "record: one step" wait_for 'step 1 ' 5
t send-keys -t la '+'
check "record: lr x2 marked on the loss chart" wait_for 'lr×2' 5
t send-keys -t la 'n'
check "record: label noise marked" wait_for 'noise 10%' 5
t send-keys -t la '<'
check "<: slower pace" wait_for 'pace 10/s' 5
t send-keys -t la '.' '.' '.' '.' '.'
check ".: faster, up to max" wait_for 'pace max' 5
t send-keys -t la ' '
check "record: runs to --steps" wait_for 'paused at step 160' 15
t send-keys -t la 'q'
check "record: exit 0" test "$(wait_exit 5)" = 0
check "record: the changes with their step" grep -qx 'at 1: --label-noise 0.1' "$dir/lesson.txt"
"$bin" --headless --steps 160 --eval-every 20 --losses log,hinge,l2 --replay "$dir/lesson.txt" \
    --csv "$dir/replayed.csv" > "$dir/out" 2>&1
check "replay: headless exits 0" test $? -eq 0
check "replay: headless CSV is byte-identical to the live one" cmp "$dir/live.csv" "$dir/replayed.csv"

# every key of the README's table, at a size where the status line is written out in full:
# each changes what the screen says it changed
start 150 40 LANG=C.UTF-8 TERM=xterm-256color --export="$dir/snap.png"
check "key session starts" wait_for 'seed 1 \| step 0 ' 10
t send-keys -t la 'p'
check "p: snapshot written" wait_for "snapshot written: .*snap-000000.png" 10
check "p: the snapshot is a PNG" bash -c "head -c 8 '$dir/snap-000000.png' | od -An -tx1 | grep -q '89 50 4e 47'"
t send-keys -t la 'v'
check "v: the loss view, named in the title" wait_for '^ (lossarena  )?loss · spiral' 5
check "v: its panel fills the screen, no accuracy chart" test -z "$(screen | grep 'Accuracy')"
t send-keys -t la 'p'
check "p in a view: snapshot written" wait_for "snapshot written: .*snap-000000.png" 10
check "p in a view: the figure of that view (loss only)" \
    grep -qa 'lossarena loss: spiral' "$dir/snap-000000.png"
# v until the dashboard is back (its title names no view), at most once per view
back_to_dashboard() {
    local i
    for ((i = 0; i < 10; i++)); do
        t send-keys -t la 'v'
        sleep 0.3
        screen | head -1 | grep -Eq '^ (lossarena  )?spiral · ' && return 0
    done
    return 1
}
check "v cycles back to the dashboard" back_to_dashboard
check "the dashboard again: its accuracy chart" wait_for 'Accuracy' 5
t send-keys -t la 's'
check "s: one step" wait_for '\| step 1 ep' 5
t send-keys -t la 'r'
check "r: reset to step 0" wait_for '\| step 0 ep' 5
t send-keys -t la 'R'
check "R: next seed" wait_for '\| seed 2 \|' 5
t send-keys -t la ']'
check "]: batch x2" wait_for '\| batch 128 \|' 5
t send-keys -t la '[' '['
check "[: batch /2" wait_for '\| batch 32 \|' 5
t send-keys -t la 'o'
check "o: next optimizer (adam -> sgd)" wait_for '\| sgd lr ' 5
t send-keys -t la 'a'
check "a: next activation (relu -> tanh)" wait_for '-3 tanh \|' 5
t send-keys -t la 'n'
check "n: label noise 10%" wait_for '\| label noise 10% \|' 5
t send-keys -t la 'i'
check "i: input noise 0.1" wait_for '\| input noise 0.1 \|' 5
t send-keys -t la 'd'
check "d: next dataset (spiral -> circles)" wait_for '^ circles ' 10
check "boundary panel shown on 2-D data" wait_for 'boundary ·' 2
t send-keys -t la 'b'
check "b: boundary panel off" wait_gone 'boundary ·' 5
t send-keys -t la 'b'
check "b: boundary panel on again" wait_for 'boundary ·' 5
t send-keys -t la 'y'
check "y: log-scale loss axis" wait_for 'log scale' 5
t send-keys -t la 'N'
check "N: loss curves divided by their first value" wait_for '/ first value' 5
t send-keys -t la Tab
check "Tab: focus the first model" wait_for 'focus: log( |$)' 5
t send-keys -t la 'h'
check "h: hide the focused model" wait_for 'log hidden' 5
t send-keys -t la 'l'
check "l: the loss card of the focused loss" wait_for 'ℓ = −Σ_j y_j·log p_j = −log p_c' 5
check "l: its gradient" wait_for 'dℓ/do_i = p_i − y_i' 1
t send-keys -t la Tab
check "Tab in the loss card: the next loss's card" wait_for 'ℓ = \(log p_c\)²' 5
t send-keys -t la 'x'
check "any other key closes the loss card" wait_gone 'loss card' 5
t send-keys -t la 'q'
check "exit 0 after the key session" test "$(wait_exit 5)" = 0

# an SGR escape with a colour parameter (30-38, 40-48, 90-97, 100-107), as capture-pane -e writes
export color_sgr='\[([0-9]*;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]*)*m'
# colours: 256-colour escapes with TERM=xterm-256color, none with NO_COLOR — which still starts
start 100 30 LANG=C.UTF-8 TERM=xterm-256color
check "colour session starts" wait_for 'paused' 10
t capture-pane -p -e -t la > "$dir/color"
check "256 colours in use" grep -q '38;5;' "$dir/color"
check "colour escapes are recognised" grep -Eq "$color_sgr" "$dir/color"
t send-keys -t la 'q'
check "colour session exits 0" test "$(wait_exit 5)" = 0
start 100 30 LANG=C.UTF-8 TERM=xterm-256color NO_COLOR=1
check "NO_COLOR: the dashboard starts" wait_for 'paused' 10
t capture-pane -p -e -t la > "$dir/nocolor"
check "NO_COLOR: the dashboard is on screen" grep -q 'hinge2' "$dir/nocolor"
check "NO_COLOR: still running when captured" test ! -s "$dir/rc"
check "NO_COLOR: no colour escapes" bash -c "! grep -Eq \"\$color_sgr\" '$dir/nocolor'"
t send-keys -t la 'q'
check "NO_COLOR: q exits 0" test "$(wait_exit 5)" = 0

# --glyphs ascii --colors mono override a UTF-8, 256-colour terminal
start 100 30 LANG=C.UTF-8 TERM=xterm-256color --glyphs=ascii --colors=mono --run --pace=max
check "--glyphs ascii --colors mono: training runs" wait_step_above 50 10
t capture-pane -p -e -t la > "$dir/forced"
screen > "$dir/forced-text"
check "--glyphs ascii: the dashboard is on screen" grep -q 'hinge2' "$dir/forced-text"
check "--glyphs ascii: no non-ASCII bytes" bash -c "! LC_ALL=C grep -q '[^ -~]' '$dir/forced-text'"
check "--colors mono: no colour escapes" bash -c "! grep -Eq \"\$color_sgr\" '$dir/forced'"
t send-keys -t la 'q'
check "forced modes: q exits 0" test "$(wait_exit 5)" = 0

# LANG=C: no braille (no bytes >= 0x80 at all), with curves drawn
start 100 30 LANG=C LC_ALL=C TERM=xterm-256color
check "LANG=C: the dashboard starts" wait_for 'paused' 10
t send-keys -t la ' '
check "LANG=C: training runs" wait_step_above 50 10
screen > "$dir/ascii"
check "LANG=C shows the dashboard" grep -q 'hinge2' "$dir/ascii"
check "LANG=C: no non-ASCII bytes" bash -c "! LC_ALL=C grep -q '[^ -~]' '$dir/ascii'"
t send-keys -t la 'q'
check "LANG=C: q exits 0" test "$(wait_exit 5)" = 0

# Signals: Ctrl-C (SIGINT from the terminal), SIGTERM and SIGHUP each restore the terminal —
# alternate screen off, cursor shown, mouse tracking and keypad mode off — and exit 128+N.
# (A shell repairs termios itself when a child dies, so only these modes show a missing
# restore.)
for sig in INT TERM HUP; do
    start 100 30 LANG=C.UTF-8 TERM=xterm-256color --run --pace=max
    check "SIG$sig session: running" wait_for 'running' 10
    check "SIG$sig session: dashboard modes on before" test "$(term_modes)" = "1 0 1 1"
    if [ $sig = INT ]; then
        t send-keys -t la C-c
    else
        pid=$(pgrep -P "$(t display -p -t la '#{pane_pid}')" -x lossarena)
        check "SIG$sig session: found the program" test -n "$pid"
        [ -z "$pid" ] || kill -"$sig" "$pid" # never `kill 0`: that is this test's own group
    fi
    want=$((128 + $(kill -l "$sig")))
    check "SIG$sig: exit $want" test "$(wait_exit 5)" = "$want"
    check "SIG$sig: terminal modes restored" test "$(term_modes)" = "0 1 0 0"
done

# SIGTERM to a dashboard started from an interactive shell: the shell goes on and echoes
new_server
t -f /dev/null new-session -d -s la -x 100 -y 30 "bash --norc --noprofile"
t send-keys -t la "PS1='$ '; LANG=C.UTF-8 $bin --run" Enter
check "dashboard from a shell: running" wait_for 'running' 10
pid=$(pgrep -P "$(t display -p -t la '#{pane_pid}')" -x lossarena)
check "dashboard from a shell: found the program" test -n "$pid"
[ -z "$pid" ] || kill -TERM "$pid"
# type only once it has gone: keys sent earlier would reach the dashboard, not the shell
for ((i = 0; i < 100; i++)); do [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null || break; sleep 0.05; done
check "dashboard from a shell: gone after SIGTERM" bash -c "[ -n '$pid' ] && ! kill -0 '$pid' 2> /dev/null"
t send-keys -t la "echo terminal-ok-\$((40+2))" Enter
check "shell usable after SIGTERM" wait_for 'terminal-ok-42' 5
t send-keys -t la "stty -a | grep -o ' echo ' ; stty -a | grep -o ' icanon '" Enter
check "echo and icanon restored after SIGTERM" wait_for '^ ?icanon' 5

finish
