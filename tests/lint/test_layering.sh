#!/usr/bin/env bash
# Dependencies point down only: src -> ui -> core. core includes neither ui/ nor src/ and knows
# no terminal, PNG or threads; ui includes no src/. Checked on the #include lines.
set -u
root=${1:?usage: test_layering.sh REPO_ROOT}
failures=0
passes=0
check() {
    local name=$1; shift
    if "$@"; then passes=$((passes + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
no_include() { # no_include DIR PATTERN: no file in DIR includes a header matching PATTERN
    ! grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($2)" "$root/$1"/*.[ch]
}
check "core includes no ui/ or src/" no_include core 'ui/|src/'
check "core knows no terminal, PNG or threads" no_include core 'curses|ncurses|png|pthread|threads\.h'
check "core never prints or exits (no stdio output calls)" \
    bash -c "! grep -nE '\\b(printf|fprintf|puts|fputs|exit|abort)\\(' '$root'/core/*.c"
check "ui includes no src/" no_include ui 'src/'
check "ui starts no threads" no_include ui 'pthread|threads\.h'
echo "$passes passed, $failures failed"
test $failures -eq 0
