# tests/lib/tmux.sh — driving the real binary in a real terminal (tmux) for the dashboard tests;
# source it after setting $bin (it sources check.sh: $dir, check, finish). Every start gets a
# fresh tmux server (socket): reusing one right after kill-server can hit the dying server
# ("server exited unexpectedly"). The session is "la"; the program's exit status lands in
# $dir/rc for wait_exit.
. "$(dirname "${BASH_SOURCE[0]}")/check.sh"
command -v tmux > /dev/null || { echo "tmux is not installed"; exit 1; }
run=0
sock="lossarena-test-$$-$run"
t() { tmux -L "$sock" "$@"; }
new_server() { t kill-server 2> /dev/null; run=$((run + 1)); sock="lossarena-test-$$-$run"; }
cleanup() { t kill-server 2> /dev/null; }
screen() { t capture-pane -p -t la; }
# wait_for PATTERN [SECONDS]: polls the screen until PATTERN (grep -E) shows up
wait_for() {
    local i
    for ((i = 0; i < ${2:-10} * 20; i++)); do
        screen | grep -Eq -- "$1" && return 0
        sleep 0.05
    done
    echo "--- screen while waiting for '$1':"; screen
    return 1
}
# wait_gone PATTERN [SECONDS]: polls the screen until PATTERN is no longer on it
wait_gone() {
    local i
    for ((i = 0; i < ${2:-5} * 20; i++)); do
        screen | grep -Eq -- "$1" || return 0
        sleep 0.05
    done
    echo "--- screen while waiting for '$1' to go:"; screen
    return 1
}
step_of() { screen | grep -Eo 'step [0-9]+' | head -1 | grep -Eo '[0-9]+'; }
# wait_step_above N [SECONDS]: polls until the step shown exceeds N
wait_step_above() {
    local i s
    for ((i = 0; i < ${2:-10} * 20; i++)); do
        s=$(step_of)
        [ "${s:-0}" -gt "$1" ] && return 0
        sleep 0.05
    done
    return 1
}
# wait_exit [SECONDS]: polls until the program has exited and echoes its status ("" if not)
wait_exit() {
    local i
    for ((i = 0; i < ${1:-5} * 20; i++)); do
        [ -s "$dir/rc" ] && { sed -n 's/^exit=//p' "$dir/rc"; rm -f "$dir/rc"; return 0; }
        sleep 0.05
    done
    return 1
}
# term_modes: the pane's terminal state as tmux sees it: alternate screen, cursor visible,
# mouse tracking, keypad (application cursor keys) mode
term_modes() { t display -p -t la '#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{keypad_flag}'; }
start() { # start W H [NAME=VALUE...] [--option...]: environment first, then program options
    local w=$1 h=$2 envs="" args="" a; shift 2
    for a in "$@"; do
        case $a in --*) args="$args $a" ;; *) envs="$envs $a" ;; esac
    done
    new_server
    rm -f "$dir/rc"
    t -f /dev/null new-session -d -s la -x "$w" -y "$h" \
        "env $envs $bin $args; echo \"exit=\$?\" > $dir/rc; sleep 30"
}
