#!/usr/bin/env bash
# figures.sh — the README's figures (assets/figures/*.png) come from here, never from an editor.
#
#   assets/tools/figures.sh [--bin PATH] [NAME...]
#       re-makes NAME... (default: all; --list shows them) with the program's headless --export,
#       each written whole or not at all (the program writes a temporary file and renames it)
#
# Exit: 0 ok, 1 a run failed, 2 bad usage.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
bin=$here/build/lossarena

why="--dataset fashion-mnist --epochs 5 --eval-every 200 --label-noise 0.4 --losses log,l2-softmax,l2,hinge,l1-softmax,linf-softmax"
# name | lossarena options (the README quotes the same commands under each figure)
figures() {
    cat <<EOF
lecture-marked-changes|--preset lecture --size 1200x750
lecture-boundaries|--preset lecture --figure boundaries --size 1200x750
why-gradients|$why --figure gradients
why-memorization|$why --figure memorization
why-lens|$why --figure lens
EOF
}

die() { echo "figures.sh: $*" >&2; exit 2; }
names=()
while [ $# -gt 0 ]; do
    case $1 in
    --bin) [ $# -ge 2 ] || die "--bin needs a path"; bin=$2; shift 2 ;;
    --list) figures | awk -F'|' '{ printf "%-24s %s\n", $1, $2 }'; exit 0 ;;
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) names+=("$1"); shift ;;
    esac
done
[ -x "$bin" ] || die "no program at $bin (build first, or give --bin PATH)"
[ ${#names[@]} -gt 0 ] || mapfile -t names < <(figures | cut -d'|' -f1)

for n in "${names[@]}"; do
    line=$(figures | grep "^$n|") || die "unknown figure '$n' (see --list)"
    opts=$(cut -d'|' -f2 <<< "$line")
    echo "== $n: lossarena --headless $opts --export assets/figures/$n.png" >&2
    # shellcheck disable=SC2086  # opts is a list of options
    if ! "$bin" --headless $opts --export "$here/assets/figures/$n.png" > /dev/null; then
        echo "figures.sh: '$n' failed" >&2
        exit 1
    fi
done
