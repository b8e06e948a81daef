#!/usr/bin/env bash
# Mutation testing: applies each mutation of mutations.txt, alone, to a scratch copy of the
# working tree, rebuilds, runs the tests it names, and prints whether the suite caught it
# (a test failed: which) or it survived (everything passed). Not part of ctest or CI: a full run
# takes ~20-30 minutes. Usage:
#   tests/mutation/run.sh [-k] [NAME-REGEX]   (-k keeps the scratch copy; NAME-REGEX picks mutations)
#   tests/mutation/run.sh --check             (only checks that every listed line still matches)
# Exit status: 0 when every mutation was caught, 1 when one survived (or broke the build), 2 when
# a mutation's text no longer matches the code (fix mutations.txt) or the baseline is not green.
set -u
keep=0 check_only=0
if [ "${1:-}" = -k ]; then keep=1; shift; fi
if [ "${1:-}" = --check ]; then check_only=1; shift; fi
pick=${1:-.}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
list=$here/mutations.txt
command -v perl > /dev/null || { echo "run.sh: needs perl"; exit 2; }

scratch=$(mktemp -d)
cleanup() { if [ $keep = 1 ]; then echo "scratch copy kept in $scratch"; else rm -rf "$scratch"; fi; }
trap cleanup EXIT
# the working tree as it is (tracked and new files, nothing ignored), without any build
(cd "$repo" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -xf - -C "$scratch"
cd "$scratch" || exit 2

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }
# parse the list: name|file|tests|find|replace, split on " | "
names=() files=() tests=() finds=() repls=()
while IFS= read -r line; do
    case $line in '#'* | '') continue ;; esac
    rest=$line
    for f in name file test find; do
        part=${rest%% | *}
        [ "$part" = "$rest" ] && { echo "run.sh: malformed line in mutations.txt: $line"; exit 2; }
        printf -v "$f" '%s' "$(trim "$part")"
        rest=${rest#* | }
    done
    [[ $name =~ $pick ]] || continue
    names+=("$name") files+=("$file") tests+=("$test") finds+=("$find") repls+=("$(trim "$rest")")
done < "$list"
[ ${#names[@]} -gt 0 ] || { echo "run.sh: no mutation matches '$pick'"; exit 2; }

# every pattern must match exactly once before anything runs: a stale list fails loudly
count() { FIND=$2 perl -0ne '$n = () = /\Q$ENV{FIND}\E/g; print $n' "$1"; }
stale=0
for i in "${!names[@]}"; do
    n=$(count "${files[$i]}" "${finds[$i]}" 2> /dev/null || echo missing)
    if [ "$n" != 1 ]; then
        echo "STALE: ${names[$i]}: '${finds[$i]}' occurs ${n:-0} times in ${files[$i]} (want 1)"
        stale=1
    fi
done
[ $stale = 0 ] || { echo "run.sh: fix tests/mutation/mutations.txt"; exit 2; }
if [ $check_only = 1 ]; then echo "all ${#names[@]} mutations match the code"; exit 0; fi

echo "== baseline build and tests in $scratch"
# warnings are not errors here: a mutant that only warns (an unused parameter) must still run
cmake -S . -B build -DLOSSARENA_WERROR=OFF > build.log 2>&1 && cmake --build build -j2 >> build.log 2>&1 ||
    { tail -20 build.log; echo "run.sh: the unmutated tree does not build"; exit 2; }
# a loaded machine can make a terminal test miss a deadline: a baseline failure gets one rerun
if ! ctest --test-dir build -j2 --output-on-failure > baseline.log 2>&1 &&
   ! ctest --test-dir build --rerun-failed --output-on-failure > baseline-rerun.log 2>&1; then
    grep -E '^FAIL|tests FAILED|^[[:space:]]+[0-9]+ - ' baseline.log baseline-rerun.log
    echo "run.sh: the unmutated tree's tests fail: mutation results would mean nothing"
    exit 2
fi

caught=0 survived=0 broken=0
report=()
for i in "${!names[@]}"; do
    name=${names[$i]} file=${files[$i]}
    cp "$file" "$file.orig"
    FIND=${finds[$i]} REPL=${repls[$i]} perl -0pi -e '
        my $r = $ENV{REPL}; $r =~ s/\\n/\n/g; s/\Q$ENV{FIND}\E/$r/' "$file"
    t0=$(date +%s)
    if ! cmake --build build -j2 > "mut-$name.build.log" 2>&1; then
        result="BUILD-FAILED"
        broken=$((broken + 1))
    elif ctest --test-dir build -j2 -R "${tests[$i]}" --output-on-failure > "mut-$name.log" 2>&1; then
        result="SURVIVED"
        survived=$((survived + 1))
    else
        by=$(sed -n 's/^[[:space:]]*[0-9]* - \([A-Za-z0-9_]*\) .*/\1/p' "mut-$name.log" | tr '\n' ' ')
        why=$(grep -m1 -E '^FAIL: |ERROR|error: ' "mut-$name.log" | cut -c1-90)
        result="caught by ${by% }${why:+ — $why}"
        caught=$((caught + 1))
    fi
    # restore, newer than the mutant's objects, so that make rebuilds them
    mv "$file.orig" "$file"
    touch "$file"
    line=$(printf '%-24s %-16s %s (%ds)' "$name" "$file" "$result" $(($(date +%s) - t0)))
    echo "$line"
    report+=("$line")
done
total=${#names[@]}
echo "== mutation score: $caught of $total caught, $survived survived, $broken did not build"
[ $survived = 0 ] && [ $broken = 0 ]
