#!/usr/bin/env bash
# valgrind over the real binary: a short headless run and a short dashboard session in tmux
# (started, trained to --steps, quit with q). Fails on any memory error and on any leak, of any
# kind, except ncurses' own caches (tests/valgrind/ncurses.supp). Takes about a minute, so it is
# a CI step (.ci/run), not part of ctest.   usage: tests/valgrind/run.sh path/to/lossarena
set -u
bin=$(cd "$(dirname "${1:?usage: run.sh path/to/lossarena}")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
sock="lossarena-valgrind-$$"
trap 'tmux -L "$sock" kill-server 2> /dev/null; rm -rf "$dir"' EXIT
vg=(valgrind --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all
    --error-exitcode=99 "--suppressions=$here/ncurses.supp")
fail=0
# --blas-kernel env: the kernel OPENBLAS_CORETYPE names, without starting the program again;
# a program that re-executed itself would leave valgrind's watch (it does not follow exec)
# and exit 0 with nothing checked, so each log must also end in valgrind's own summary.
kernel=(--blas-kernel env)
watched() { grep -q 'ERROR SUMMARY' "$1"; }

"${vg[@]}" --log-file="$dir/headless.log" "$bin" "${kernel[@]}" --headless --steps 30 \
    --losses log,l2 --csv "$dir/m.csv" > /dev/null
rc=$?
watched "$dir/headless.log" || rc="no summary (the run left valgrind)"
if [ "$rc" != 0 ]; then echo "FAIL: headless under valgrind: exit $rc"; cat "$dir/headless.log"; fail=1; fi

tmux -L "$sock" new-session -d -x 100 -y 30 \
    "TERM=xterm-256color ${vg[*]} --log-file=$dir/dashboard.log '$bin' ${kernel[*]} --run --steps 20 \
     --losses log,l2; echo \$? > $dir/dashboard.rc"
for ((i = 0; i < 300; i++)); do
    tmux -L "$sock" capture-pane -p | grep -q 'paused at step 20' && break
    sleep 0.5
done
tmux -L "$sock" send-keys q
for ((i = 0; i < 120; i++)); do [ -s "$dir/dashboard.rc" ] && break; sleep 0.5; done
rc=$(cat "$dir/dashboard.rc" 2> /dev/null)
watched "$dir/dashboard.log" || rc="no summary (the session left valgrind)"
if [ "$rc" != 0 ]; then
    echo "FAIL: dashboard under valgrind: exit '${rc:-none}'"; cat "$dir/dashboard.log"; fail=1
fi
[ $fail -eq 0 ] && echo "valgrind: headless and dashboard sessions clean"
exit $fail
