#!/usr/bin/env bash
# reproduce.sh — the README's result tables come from here, never from a keyboard.
#
# Runs each named result (a preset, or a preset with a few options changed) headless with
# --format csv, turns the summary into a Markdown table and writes it into README.md between
#   <!-- results:NAME begin -->  and  <!-- results:NAME end -->
# with a stamp line saying how it was made (command, version, commit, compiler, BLAS).
#
#   assets/tools/reproduce.sh [--bin PATH] [--readme FILE] [--keep DIR] [NAME...]
#       re-runs NAME... (default: all) and rewrites their blocks in the README
#   assets/tools/reproduce.sh --check [--bin PATH] [--readme FILE] NAME...
#       re-runs NAME... and fails (exit 1, with a diff) if a table differs from the README's;
#       the stamp line is not compared (it names a commit). CI runs spiral-speed this way.
#   assets/tools/reproduce.sh --from DIR [NAME...]
#       writes the tables from DIR/NAME.csv, kept by an earlier --keep DIR, without running
#   assets/tools/reproduce.sh --list      the names and the options each one runs
#
# Exit: 0 ok, 1 a run failed or (--check) a table differs, 2 bad usage.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
bin=$here/build/lossarena
readme=$here/README.md
keep=
from=
check=0

# name | lossarena options | what the target column is called (empty: no target)
results() {
    cat <<'EOF'
spiral-speed|--preset spiral-speed|steps to 95 %
speed|--preset speed|steps to 80 %
label-noise|--preset label-noise|
label-noise-12|--preset label-noise --epochs 12 --sweep label-noise=0,0.4 --seeds 1|
input-noise|--preset input-noise|
combined-noise|--preset combined-noise|
why-label-noise|--dataset fashion-mnist --epochs 5 --eval-every 200 --label-noise 0.4 --losses log,l2-softmax,l2,hinge,l1-softmax,linf-softmax|
EOF
}

die() { echo "reproduce.sh: $*" >&2; exit 2; }

names=()
while [ $# -gt 0 ]; do
    case $1 in
    --bin) [ $# -ge 2 ] || die "--bin needs a path"; bin=$2; shift 2 ;;
    --readme) [ $# -ge 2 ] || die "--readme needs a file"; readme=$2; shift 2 ;;
    --keep) [ $# -ge 2 ] || die "--keep needs a directory"; keep=$2; shift 2 ;;
    --from) [ $# -ge 2 ] || die "--from needs a directory"; from=$2; shift 2 ;;
    --check) check=1; shift ;;
    --list) results | awk -F'|' '{ printf "%-16s %s\n", $1, $2 }'; exit 0 ;;
    -h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) names+=("$1"); shift ;;
    esac
done
[ -x "$bin" ] || die "no program at $bin (build first, or give --bin PATH)"
[ -f "$readme" ] || die "no README at $readme"
if [ ${#names[@]} -eq 0 ]; then
    [ $check -eq 0 ] || die "--check needs the names of the results to check"
    mapfile -t names < <(results | cut -d'|' -f1)
fi
for n in "${names[@]}"; do
    results | cut -d'|' -f1 | grep -qx -- "$n" || die "unknown result '$n' (see --list)"
    grep -qF "<!-- results:$n begin -->" "$readme" || die "$readme has no block for '$n'"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# CSV summary of `lossarena --format csv` (sweep or seeds) -> Markdown table on stdout.
# One level: loss | test acc | train acc | [target] | diverged, best test accuracy first.
# Several levels of one noise: loss | one column per level | the change in test accuracy from
# the first level to the last, in percentage points; best at the last level first.
to_markdown() { # CSV TARGET_TITLE
    awk -F, -v target="$2" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {
        loss = $col["loss"]
        if (!(loss in row)) { row[loss] = ++nloss; name[nloss] = loss }
        ln = $col["label_noise"]; in_ = $col["input_noise"]
        key = ln SUBSEP in_
        if (!(key in level)) { level[key] = ++nlev; lab[nlev] = ln; inp[nlev] = in_ }
        l = level[key]; m = row[loss]
        acc[m, l] = $col["test_acc_mean"]; sd[m, l] = $col["test_acc_std"]
        tr[m, l] = $col["train_acc_mean"]; trsd[m, l] = $col["train_acc_std"]
        reach[m, l] = $col["steps_to_target_mean"]; reached[m, l] = $col["reached"]
        div[m, l] = $col["diverged"]; seeds = $col["seeds"]
    }
    # one seed has no spread: its standard deviation is an empty field
    function pm(a, sd) { return sd == "" || seeds == 1 ? sprintf("%.4f", a) : sprintf("%.4f ± %.4f", a, sd) }
    function cell(m, l) { return pm(acc[m, l], sd[m, l]) (div[m, l] > 0 ? " †" : "") }
    END {
        # which noise varies across the levels names the columns
        by = "label noise"; for (l = 2; l <= nlev; l++) if (inp[l] != inp[1]) by = "input noise"
        # rank by mean test accuracy at the last level; ties keep the loss id order
        for (m = 1; m <= nloss; m++) ord[m] = m
        for (i = 2; i <= nloss; i++)
            for (j = i; j > 1 && acc[ord[j], nlev] + 0 > acc[ord[j - 1], nlev] + 0; j--) {
                t = ord[j]; ord[j] = ord[j - 1]; ord[j - 1] = t
            }
        if (nlev == 1) {
            printf "| loss | test acc | train acc |%s diverged |\n", target != "" ? " " target " (seeds) |" : ""
            printf "|---|---|---|%s---|\n", target != "" ? "---|" : ""
        } else {
            printf "| loss |"; for (l = 1; l <= nlev; l++) printf " %s %s |", by, by == "label noise" ? lab[l] : inp[l]
            printf " change (points) |\n|---|"; for (l = 1; l <= nlev; l++) printf "---|"
            printf "---|\n"
        }
        for (i = 1; i <= nloss; i++) {
            m = ord[i]
            if (nlev == 1) {
                reachcell = ""
                if (target != "")
                    reachcell = reached[m, 1] > 0 ? sprintf(" %.0f (%d/%d) |", reach[m, 1], reached[m, 1], seeds) \
                                             : sprintf(" never (0/%d) |", seeds)
                printf "| %s | %s | %s |%s %d/%d |\n", name[m], pm(acc[m, 1], sd[m, 1]),
                       pm(tr[m, 1], trsd[m, 1]), reachcell, div[m, 1], seeds
            } else {
                printf "| %s |", name[m]; for (l = 1; l <= nlev; l++) printf " %s |", cell(m, l)
                printf " %+.1f |\n", 100 * (acc[m, nlev] - acc[m, 1])
            }
        }
    }' "$1"
}

# The summary of one run (`--format csv`: a row per model with the label-noise diagnostics) ->
# Markdown: loss | test acc | train acc (labels trained on) | clean train acc | memorized |
# gradient shares from flipped and from wrong examples; best test accuracy first.
to_markdown_diag() { # CSV
    awk -F, '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {   # the quoted config column holds commas: count the last fields from the end
        n++; name[n] = $col["loss"]; te[n] = $col["test_acc"]; tr[n] = $col["train_acc"]
        mem[n] = $(NF - 3); clean[n] = $(NF - 2); gf[n] = $(NF - 1); gw[n] = $NF
    }
    function pct(v) { return v == "" ? "–" : sprintf("%.1f %%", 100 * v) }
    END {
        for (m = 1; m <= n; m++) ord[m] = m
        for (i = 2; i <= n; i++)
            for (j = i; j > 1 && te[ord[j]] + 0 > te[ord[j - 1]] + 0; j--) {
                t = ord[j]; ord[j] = ord[j - 1]; ord[j - 1] = t
            }
        print "| loss | test acc | train acc (noisy labels) | train acc (true labels) | flipped memorised | gradient from flipped | gradient from wrong |"
        print "|---|---|---|---|---|---|---|"
        for (i = 1; i <= n; i++) {
            m = ord[i]
            printf "| %s | %s | %s | %s | %s | %s | %s |\n", name[m], pct(te[m]), pct(tr[m]),
                   pct(clean[m]), pct(mem[m]), pct(gf[m]), pct(gw[m])
        }
    }' "$1"
}

# The block between the markers of $1 in $readme, table lines only.
readme_table() {
    awk -v b="<!-- results:$1 begin -->" -v e="<!-- results:$1 end -->" '
        $0 == e { on = 0 } on && /^\|/ { print } $0 == b { on = 1 }' "$readme"
}

version=$("$bin" --version | sed -n 1p)
build=$("$bin" --version | sed -n 2p | sed 's/^built with //')
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && ! git -C "$here" diff --quiet HEAD -- src core ui assets CMakeLists.txt 2>/dev/null; then
    commit="$commit + uncommitted changes"
fi

status=0
for n in "${names[@]}"; do
    line=$(results | grep "^$n|")
    opts=$(cut -d'|' -f2 <<< "$line")
    target=$(cut -d'|' -f3 <<< "$line")
    echo "== $n: lossarena --headless $opts --format csv" >&2
    start=$(date +%s)
    if [ -n "$from" ]; then
        [ -f "$from/$n.csv" ] || die "no $from/$n.csv (make it with --keep $from)"
        cp "$from/$n.csv" "$work/$n.csv"
    # shellcheck disable=SC2086  # opts is a list of options
    elif ! OPENBLAS_NUM_THREADS=1 "$bin" --headless $opts --format csv > "$work/$n.csv"; then
        echo "reproduce.sh: '$n' failed" >&2
        exit 1
    fi
    secs=$(( $(date +%s) - start ))
    # The stamp travels with the CSV: --from writes what the run that made it was.
    if [ -n "$from" ] && [ -f "$from/$n.stamp" ]; then
        cp "$from/$n.stamp" "$work/$n.stamp"
    else
        printf '<sub>`lossarena --headless %s`; %s, commit %s, %s; %d s here. † = diverged in a seed. Regenerate: `assets/tools/reproduce.sh %s`.</sub>\n' \
            "$opts" "$version" "$commit" "$build" "$secs" "$n" > "$work/$n.stamp"
    fi
    [ -z "$keep" ] || { mkdir -p "$keep" && cp "$work/$n.csv" "$work/$n.stamp" "$keep/"; }
    if head -1 "$work/$n.csv" | grep -q ',memorized,'; then # one run: its diagnostics
        to_markdown_diag "$work/$n.csv" > "$work/$n.md"
    else
        to_markdown "$work/$n.csv" "$target" > "$work/$n.md"
    fi
    if [ $check -eq 1 ]; then
        if readme_table "$n" | diff -u --label "README.md ($n)" --label "this build" - "$work/$n.md" >&2; then
            echo "== $n: the README's table is reproduced" >&2
        else
            echo "reproduce.sh: '$n' differs from the README (above); rerun assets/tools/reproduce.sh $n" >&2
            status=1
        fi
        continue
    fi
    {
        echo
        cat "$work/$n.md"
        echo
        cat "$work/$n.stamp"
        echo
    } > "$work/$n.block"
    awk -v b="<!-- results:$n begin -->" -v e="<!-- results:$n end -->" -v f="$work/$n.block" '
        $0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
        $0 == e { skip = 0 }
        !skip { print }' "$readme" > "$work/readme"
    cat "$work/readme" > "$readme"
    echo "== $n: written to $readme (${secs} s)" >&2
done
[ $check -eq 1 ] || echo "== the claims table under the results quotes them: reread it against the new tables" >&2
exit $status
