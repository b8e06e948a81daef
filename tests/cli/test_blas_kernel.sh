#!/usr/bin/env bash
# --blas-kernel through the real binary: auto (the default) runs OpenBLAS's own choice for the
# CPU whatever OPENBLAS_CORETYPE pins, and says it set the pin aside; env keeps the pin; a
# kernel name is run or refused (exit 2). The choice holds for a whole run, not only for
# --version: the CSVs of the same run under the same kernel are byte-identical however it was
# chosen. The program started again keeps its pid, name and exit status.
set -u
bin=${1:?usage: test_blas_kernel.sh path/to/lossarena}
. "$(dirname "$0")/../lib/check.sh"
kernel() { sed -n 2p | sed 's/.* NO_AFFINITY //; s/ MAX_THREADS.*//'; } # of --version
native=$(env -u OPENBLAS_CORETYPE "$bin" --blas-kernel env --version | kernel)
check "OpenBLAS names the kernel it chose ($native)" test -n "$native"
# Haswell (AVX2) is the pin of the machines this was written on; any kernel the CPU runs will do.
pin=Haswell

out=$(OPENBLAS_CORETYPE=$pin "$bin" --version)
check "auto: the CPU's kernel despite OPENBLAS_CORETYPE=$pin" test "$(kernel <<< "$out")" = "$native"
check "auto: --version says the pin was set aside" \
    test "$(sed -n 3p <<< "$out")" = "OPENBLAS_CORETYPE=$pin set aside by --blas-kernel auto"
out=$(env -u OPENBLAS_CORETYPE "$bin" --version)
check "auto without a pin: nothing set aside" test "$(wc -l <<< "$out")" -eq 2
out=$(OPENBLAS_CORETYPE=$pin "$bin" --blas-kernel env --version)
check "env: the pinned kernel" test "$(kernel <<< "$out")" = "$pin"
check "env: nothing set aside" test "$(wc -l <<< "$out")" -eq 2
out=$(env -u OPENBLAS_CORETYPE "$bin" --blas-kernel "${pin,,}" --version)
check "a kernel by name, any case" test "$(kernel <<< "$out")" = "$pin"

for bad in Foo8 "a/b" ""; do
    env -u OPENBLAS_CORETYPE "$bin" --blas-kernel "$bad" --version > "$dir/out" 2> "$dir/err"
    rc=$?
    check "--blas-kernel '$bad': exit 2 (got $rc)" test $rc -eq 2
    check "--blas-kernel '$bad': one line naming it" \
        bash -c "[ \$(wc -l < '$dir/err') -eq 1 ] && grep -qF -- \"'$bad'\" '$dir/err'"
    check "--blas-kernel '$bad': nothing on stdout" test ! -s "$dir/out"
done

# A whole run: the kernel chosen by auto or by name computes what the same kernel computes.
run=(--headless --steps 200 --eval-every 50 --losses log,hinge2 --format csv)
OPENBLAS_CORETYPE=$pin "$bin" "${run[@]}" > "$dir/auto.csv"
env -u OPENBLAS_CORETYPE "$bin" "${run[@]}" > "$dir/native.csv"
check "a run under auto with a pin = one without a pin" cmp -s "$dir/auto.csv" "$dir/native.csv"
env -u OPENBLAS_CORETYPE "$bin" --blas-kernel $pin "${run[@]}" > "$dir/named.csv"
OPENBLAS_CORETYPE=$pin "$bin" --blas-kernel env "${run[@]}" > "$dir/env.csv"
check "a run under --blas-kernel $pin = one under the pin kept" cmp -s "$dir/named.csv" "$dir/env.csv"

# Started again in place: same pid and name (scripts find it with pgrep), same exit status.
OPENBLAS_CORETYPE=$pin "$bin" --headless --steps 100000 > /dev/null 2>&1 &
pid=$!
for ((i = 0; i < 100; i++)); do
    [ "$(ps -o comm= -p $pid 2> /dev/null)" = lossarena ] && grep -q OPENBLAS_CORETYPE= /proc/$pid/environ 2> /dev/null ||
        break
    sleep 0.05
done
check "started again: the same pid, named lossarena" test "$(ps -o comm= -p $pid)" = lossarena
check "started again: without the pin" bash -c "! tr '\\0' '\\n' < /proc/$pid/environ | grep -q '^OPENBLAS_CORETYPE='"
kill -TERM $pid
wait $pid
rc=$?
check "started again: SIGTERM ends it with 143 (got $rc)" test $rc -eq 143
OPENBLAS_CORETYPE=$pin "$bin" --headless --dataset "csv:$dir/missing.csv" > /dev/null 2>&1
rc=$?
check "started again: a missing data file still exits 2 (got $rc)" test $rc -eq 2
finish
