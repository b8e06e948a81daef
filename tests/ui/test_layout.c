/* test_layout.c — dashboard layout over many screen sizes and model counts: panels inside the
 * screen, never overlapping, each at its minimum usable size; "too small" below 80×24; and the
 * small-multiples grid. Pure: no terminal needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "ui/layout.h"

static const int sizes[][2] = {
    {80, 24},  {100, 30}, {120, 40}, {160, 48},  {200, 60},   {300, 100}, {400, 150},
    {81, 25},  {97, 31},  {119, 29}, {120, 29},  {121, 30},   {133, 37},  {80, 150},
    {400, 24}, {80, 60},  {250, 27}, {512, 256}, {1000, 400}, {143, 71},  {89, 47},
};

static void check_layout(const Layout *l, int w, int h, int n, bool boundary)
{
    assert_false(l->too_small);
    for (int p = 0; p < LAYOUT_PANELS; p++) {
        LayoutRect r = l->panel[p];
        if (!layout_rect_inside(r, w, h))
            fail_msg("%dx%d n=%d: %s (%d,%d %dx%d) outside", w, h, n, layout_panel_name(p), r.x,
                     r.y, r.w, r.h);
        for (int q = 0; q < p; q++) {
            if (layout_rect_overlap(r, l->panel[q]))
                fail_msg("%dx%d n=%d: %s overlaps %s", w, h, n, layout_panel_name(p),
                         layout_panel_name(q));
        }
    }
    /* every panel but the boundary is always there, at its minimum size */
    const LayoutRect *P = l->panel;
    assert_int_equal(P[LAYOUT_TITLE].h, 1);
    assert_int_equal(P[LAYOUT_TITLE].w, w);
    assert_int_equal(P[LAYOUT_TITLE].y, 0);
    assert_int_equal(P[LAYOUT_STATUS].h, 1);
    assert_int_equal(P[LAYOUT_STATUS].y, h - 1);
    for (int p = LAYOUT_LOSS; p <= LAYOUT_ACCURACY; p++) {
        if (P[p].w < LAYOUT_CHART_MIN_W || P[p].h < LAYOUT_CHART_MIN_H)
            fail_msg("%dx%d n=%d: %s too small: %dx%d", w, h, n, layout_panel_name(p), P[p].w,
                     P[p].h);
    }
    assert_true(P[LAYOUT_LEGEND].w >= LAYOUT_LEGEND_MIN_W);
    assert_true(P[LAYOUT_LEGEND].h >= 2);
    /* a header row, then a row per model that fits (a spare row may hold a footnote) */
    int n_rows = n < 1 ? 1 : n;
    assert_int_equal(l->legend_rows,
                     P[LAYOUT_LEGEND].h - 1 < n_rows ? P[LAYOUT_LEGEND].h - 1 : n_rows);
    assert_true(l->legend_rows >= 1);
    assert_true(P[LAYOUT_MARGINS].w >= LAYOUT_MARGINS_MIN_W);
    assert_true(P[LAYOUT_MARGINS].h >= 2);
    if (l->margins_beside_legend) {
        assert_int_equal(P[LAYOUT_MARGINS].y, P[LAYOUT_LEGEND].y);
        assert_int_equal(P[LAYOUT_MARGINS].h, P[LAYOUT_LEGEND].h);
    }
    if (!boundary)
        assert_true(layout_rect_empty(P[LAYOUT_BOUNDARY]));
    if (!layout_rect_empty(P[LAYOUT_BOUNDARY])) {
        assert_true(P[LAYOUT_BOUNDARY].w >= LAYOUT_BOUNDARY_MIN_W);
        assert_true(P[LAYOUT_BOUNDARY].h >= LAYOUT_BOUNDARY_MIN_H);
    }
    /* the screen is used: the charts take at least 30 % of it */
    long chart_area = (long)P[LAYOUT_LOSS].w * P[LAYOUT_LOSS].h +
                      (long)P[LAYOUT_ACCURACY].w * P[LAYOUT_ACCURACY].h;
    if (chart_area * 10 < (long)w * h * 3)
        fail_msg("%dx%d n=%d: charts get only %ld cells", w, h, n, chart_area);
}

static void test_layout_many_sizes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        for (int n = 0; n <= 16; n++) {
            for (int b = 0; b < 2; b++) {
                Layout l;
                layout_compute(&l, sizes[i][0], sizes[i][1], n, b);
                check_layout(&l, sizes[i][0], sizes[i][1], n, b);
            }
        }
    }
}

static void test_layout_every_size_in_range(void **state)
{
    (void)state;
    for (int w = LAYOUT_MIN_W; w <= 260; w += 3) {
        for (int h = LAYOUT_MIN_H; h <= 110; h += 2) {
            Layout l;
            layout_compute(&l, w, h, 12, true);
            check_layout(&l, w, h, 12, true);
            layout_compute(&l, w, h, 16, false);
            check_layout(&l, w, h, 16, false);
        }
    }
}

static void test_layout_too_small(void **state)
{
    (void)state;
    static const int small[][2] = {{79, 24}, {80, 23}, {0, 0}, {-5, 40}, {40, 12}, {200, 10}};
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++) {
        Layout l;
        layout_compute(&l, small[i][0], small[i][1], 12, true);
        assert_true(l.too_small);
        assert_int_equal(l.need_w, 80);
        assert_int_equal(l.need_h, 24);
        for (int p = 0; p < LAYOUT_PANELS; p++)
            assert_true(layout_rect_empty(l.panel[p]));
    }
    Layout l;
    layout_compute(&l, 80, 24, 12, false);
    assert_false(l.too_small);
}

static void test_layout_legend_rows(void **state)
{
    (void)state;
    Layout l;
    /* 12 models on 80×24: the legend cannot show all; on 160×48 it can */
    layout_compute(&l, 80, 24, 12, false);
    assert_true(l.margins_beside_legend);
    assert_true(l.legend_rows >= 8);
    layout_compute(&l, 160, 48, 12, true);
    assert_false(l.margins_beside_legend);
    assert_int_equal(l.legend_rows, 12);
    assert_false(layout_rect_empty(l.panel[LAYOUT_BOUNDARY]));
    /* the boundary is optional: asked for on a roomy screen, it appears */
    layout_compute(&l, 200, 60, 12, true);
    assert_false(layout_rect_empty(l.panel[LAYOUT_BOUNDARY]));
    layout_compute(&l, 200, 60, 12, false);
    assert_true(layout_rect_empty(l.panel[LAYOUT_BOUNDARY]));
}

static void test_layout_rect_helpers(void **state)
{
    (void)state;
    LayoutRect a = {0, 0, 10, 5}, b = {10, 0, 5, 5}, c = {9, 4, 3, 3}, e = {3, 3, 0, 7};
    assert_false(layout_rect_overlap(a, b)); /* touching edges do not overlap */
    assert_true(layout_rect_overlap(a, c));
    assert_true(layout_rect_overlap(c, a));
    assert_false(layout_rect_overlap(a, e));
    assert_true(layout_rect_empty(e));
    assert_true(layout_rect_inside(a, 10, 5));
    assert_false(layout_rect_inside(a, 9, 5));
    assert_false(layout_rect_inside((LayoutRect){-1, 0, 2, 2}, 10, 10));
    assert_true(layout_rect_inside(e, 1, 1));
    assert_string_equal(layout_panel_name(LAYOUT_LOSS), "loss");
    assert_string_equal(layout_panel_name(LAYOUT_PANELS), "?");
}

static void test_layout_grid(void **state)
{
    (void)state;
    int c, r;
    layout_grid(60, 20, 12, 12, 4, &c, &r);
    assert_true(c * r >= 12);
    assert_true(60 / c >= 12 && 20 / r >= 4);
    /* narrow areas get fewer columns */
    int c_wide, r_wide;
    layout_grid(120, 20, 12, 12, 4, &c_wide, &r_wide);
    layout_grid(30, 60, 12, 12, 4, &c, &r);
    assert_true(c >= 1 && c < c_wide);
    assert_true(c * r >= 12);
    /* impossible: nothing */
    layout_grid(30, 6, 12, 12, 4, &c, &r);
    assert_int_equal(c, 0);
    assert_int_equal(r, 0);
    layout_grid(10, 60, 3, 12, 4, &c, &r);
    assert_int_equal(c, 0);
    layout_grid(100, 100, 0, 12, 4, &c, &r);
    assert_int_equal(c, 0);
    /* one panel fills the area */
    layout_grid(50, 10, 1, 12, 4, &c, &r);
    assert_int_equal(c, 1);
    assert_int_equal(r, 1);
    /* all sizes: enough cells, each big enough */
    for (int w = 10; w < 200; w += 7) {
        for (int h = 3; h < 80; h += 5) {
            for (int n = 1; n <= 16; n++) {
                layout_grid(w, h, n, 12, 4, &c, &r);
                if (c == 0)
                    continue;
                assert_true(c * r >= n);
                assert_true(w / c >= 12);
                assert_true(h / r >= 4);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_many_sizes),
        cmocka_unit_test(test_layout_every_size_in_range),
        cmocka_unit_test(test_layout_too_small),
        cmocka_unit_test(test_layout_legend_rows),
        cmocka_unit_test(test_layout_rect_helpers),
        cmocka_unit_test(test_layout_grid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
