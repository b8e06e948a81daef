#!/usr/bin/env bash
# Dependencies point down only: src -> ui -> core. core includes neither ui/ nor src/ and knows
# no terminal, PNG or threads; ui includes no src/; inside ui, the renderers (terminal, raster/PNG,
# SVG and the picture layout they share) draw the figure model only and never see a Snapshot.
# Checked on the #include lines.
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
# no_include_files PATTERN FILE...: none of the files includes a header matching PATTERN
no_include_files() {
    local pat=$1; shift
    ! grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pat)" "$@"
}
shopt -s nullglob
renderers=("$root"/ui/term_*.[ch] "$root"/ui/raster*.[ch] "$root"/ui/png_*.[ch] \
           "$root"/ui/svg_*.[ch] "$root"/ui/figure_draw.h "$root"/ui/figure_pic.h \
           "$root"/ui/figure_panels.c "$root"/ui/figure_legend.c "$root"/ui/figure_kit.c \
           "$root"/ui/figure_out.h "$root"/ui/canvas.[ch] "$root"/ui/braille.[ch])
check "the renderers are there to check" test ${#renderers[@]} -ge 16
check "no ui renderer includes core/snapshot.h (or a builder header that does)" \
    no_include_files 'core/snapshot\.h|ui/chart_build\.h|ui/chart_sweep\.h|ui/loss_shape\.h' \
    "${renderers[@]}"
check "the figure model (ui/chart.h) does not include core/snapshot.h" \
    no_include_files 'core/snapshot\.h' "$root/ui/chart.h" "$root/ui/loss_style.h"
echo "$passes passed, $failures failed"
test $failures -eq 0
