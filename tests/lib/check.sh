# tests/lib/check.sh — what every shell test shares; source it (`. "$root/tests/lib/check.sh"`).
# Gives: $dir, a private temporary directory removed on exit (after the test's own `cleanup`
# function, when it defines one); `check NAME COMMAND...`, which runs COMMAND and counts it
# passed or failed (printing "FAIL: NAME"); `finish`, the last line of a test: prints the counts
# and fails when any check did.
dir=$(mktemp -d) || exit 1
failures=0
passes=0
lib_on_exit() {
    if declare -F cleanup > /dev/null; then cleanup; fi
    rm -rf "$dir"
}
trap lib_on_exit EXIT
check() { # check NAME COMMAND...
    local name=$1
    shift
    if "$@"; then passes=$((passes + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
finish() {
    echo "$passes passed, $failures failed"
    test "$failures" -eq 0
}
