#!/usr/bin/env bash
# bench_readme.sh — the README's performance numbers come from here, never from a keyboard.
#
#   tests/bench/bench_readme.sh [--readme FILE] [--build DIR] [--from DIR] [PRESET...]
#
# Runs bench_scale (DIR/tests/bench_scale) and bench_presets.sh (DIR/lossarena against
# $LOSSARENA_BASELINE, e.g. a build of v0.1; PRESET... default: all that it times) and writes
# their output, with a stamp saying which build made it, into README.md between
#   <!-- bench:scale begin -->    and  <!-- bench:scale end -->
#   <!-- bench:presets begin -->  and  <!-- bench:presets end -->
# --from DIR writes DIR/scale.txt and DIR/presets.txt kept from an earlier run (they are saved
# there on every run when --keep DIR is given) instead of running. Exit 0 ok, 2 bad usage.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
readme=$here/README.md
build=$here/build
from=
keep=
die() { echo "bench_readme.sh: $*" >&2; exit 2; }
presets=()
while [ $# -gt 0 ]; do
    case $1 in
    --readme) [ $# -ge 2 ] || die "--readme needs a file"; readme=$2; shift 2 ;;
    --build) [ $# -ge 2 ] || die "--build needs a directory"; build=$2; shift 2 ;;
    --from) [ $# -ge 2 ] || die "--from needs a directory"; from=$2; shift 2 ;;
    --keep) [ $# -ge 2 ] || die "--keep needs a directory"; keep=$2; shift 2 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) presets+=("$1"); shift ;;
    esac
done
[ -f "$readme" ] || die "no README at $readme"
for b in scale presets; do
    grep -qF "<!-- bench:$b begin -->" "$readme" || die "$readme has no bench:$b block"
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "$from" ]; then
    for b in scale presets; do
        [ -f "$from/$b.txt" ] || die "no $from/$b.txt"
        cp "$from/$b.txt" "$work/$b.txt"
        # a run kept by hand (not by --keep) has no stamp: say where it came from
        grep -q '^(lossarena' "$work/$b.txt" ||
            echo "(kept in $(basename "$from"), $(date -u -r "$from/$b.txt" +%Y-%m-%d); rendered at commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown))" >> "$work/$b.txt"
    done
else
    [ -x "$build/tests/bench_scale" ] && [ -x "$build/lossarena" ] ||
        die "no bench_scale or lossarena in $build (cmake --build $build)"
    [ -n "${LOSSARENA_BASELINE:-}" ] || die "set LOSSARENA_BASELINE to the binary to compare with"
    bin=$build/lossarena
    stamp="$("$bin" --version | sed -n 1p), commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown); baseline: $("$LOSSARENA_BASELINE" --version | sed -n 1p); $(date -u +%Y-%m-%d)"
    { "$build/tests/bench_scale"; echo "($stamp)"; } > "$work/scale.txt"
    { bash "$here/tests/bench/bench_presets.sh" "$bin" ${presets[@]+"${presets[@]}"}; echo "($stamp)"; } \
        > "$work/presets.txt"
    [ -z "$keep" ] || { mkdir -p "$keep" && cp "$work/scale.txt" "$work/presets.txt" "$keep/"; }
fi

for b in scale presets; do
    { echo; echo '```'; sed 's/; summaries in .*//' "$work/$b.txt"; echo '```'; echo; } > "$work/$b.block"
    awk -v b="<!-- bench:$b begin -->" -v e="<!-- bench:$b end -->" -v f="$work/$b.block" '
        $0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
        $0 == e { skip = 0 }
        !skip { print }' "$readme" > "$work/readme"
    cat "$work/readme" > "$readme"
    echo "== bench:$b written to $readme" >&2
done
