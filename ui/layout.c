/* layout.c — dashboard panel rectangles from the screen size: pure integer arithmetic on the
 * caller's Layout; no curses, no allocation. Two arrangements: narrow screens stack the charts
 * over a legend with margin strips beside it; wide screens put the charts in a left column and
 * legend, margin small multiples and boundary in a right one. */
#include "ui/layout.h"

#include <string.h>

#define GAP 1          /* blank columns between side-by-side panels */
#define WIDE_MIN_W 120 /* from here on: two columns */
#define WIDE_MIN_H 30

static LayoutRect rect(int x, int y, int w, int h)
{
    LayoutRect r = {x, y, w, h};
    if (w <= 0 || h <= 0)
        r.w = r.h = 0;
    return r;
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

bool layout_rect_empty(LayoutRect r)
{
    return r.w <= 0 || r.h <= 0;
}

bool layout_rect_overlap(LayoutRect a, LayoutRect b)
{
    if (layout_rect_empty(a) || layout_rect_empty(b))
        return false;
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

bool layout_rect_inside(LayoutRect r, int w, int h)
{
    if (layout_rect_empty(r))
        return true;
    return r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h;
}

const char *layout_panel_name(LayoutPanel p)
{
    static const char *const names[LAYOUT_PANELS] = {"title",   "loss",     "accuracy", "legend",
                                                     "margins", "boundary", "status",   "view"};
    return (p >= 0 && p < LAYOUT_PANELS) ? names[p] : "?";
}

void layout_grid(int w, int h, int n, int min_w, int min_h, int *cols, int *rows)
{
    *cols = *rows = 0;
    if (n <= 0 || w < min_w || h < min_h)
        return;
    double best = -1;
    for (int c = 1; c <= n; c++) {
        int r = (n + c - 1) / c;
        int cw = w / c, ch = h / r;
        if (cw < min_w || ch < min_h)
            continue;
        /* a mini histogram reads best about three cells wide per cell of height */
        double score = cw / 3.0 < ch ? cw / 3.0 : ch;
        if (score > best + 1e-9) {
            best = score;
            *cols = c;
            *rows = r;
        }
    }
}

/* How far a chart w×h cells is from the aspect that reads best (about 3 cells wide per cell
 * of height, 1.5:1 on screen): 1 = ideal, larger = worse. */
static double aspect_cost(int w, int h)
{
    double a = h > 0 ? (double)w / (3.0 * h) : 1e9;
    return a >= 1 ? a : 1 / a;
}

/* Loss and accuracy side by side in band (x, y, w, h), or stacked when that suits the band. */
static void place_charts(Layout *l, int x, int y, int w, int h)
{
    int w1 = (w - GAP + 1) / 2, h1 = (h + 1) / 2;
    bool can_stack = h - h1 >= LAYOUT_CHART_MIN_H;
    bool can_side = w - w1 - GAP >= LAYOUT_CHART_MIN_W;
    bool stack = can_stack && (!can_side || aspect_cost(w, h1) < aspect_cost(w1, h));
    if (stack) {
        l->panel[LAYOUT_LOSS] = rect(x, y, w, h1);
        l->panel[LAYOUT_ACCURACY] = rect(x, y + h1, w, h - h1);
    } else {
        l->panel[LAYOUT_LOSS] = rect(x, y, w1, h);
        l->panel[LAYOUT_ACCURACY] = rect(x + w1 + GAP, y, w - w1 - GAP, h);
    }
}

/* Narrow: charts band on top (boundary at its right when it fits), legend and margin strips
 * below, row-aligned. */
static void layout_narrow(Layout *l, int W, int body_y, int body_h, int n, bool want_boundary)
{
    /* all of the default twelve models fit on 80×24; past that the legend shows what fits
     * in half the body, so that the charts keep theirs */
    int table_cap = body_h / 2 > 13 ? body_h / 2 : 13;
    int table_h = clampi(n + 1, 2, body_h - (LAYOUT_CHART_MIN_H + 2));
    table_h = table_h > table_cap ? table_cap : table_h;
    int chart_h = body_h - table_h;
    int chart_w = W;
    if (want_boundary) {
        int bw = 2 * (chart_h - 1);
        bw = clampi(bw, 0, W / 3);
        int bh = clampi(bw / 2 + 1, 0, chart_h);
        bool fits = bw >= LAYOUT_BOUNDARY_MIN_W && bh >= LAYOUT_BOUNDARY_MIN_H &&
                    chart_h >= LAYOUT_CHART_MIN_H + 3 &&
                    (W - bw - 2 * GAP) / 2 >= LAYOUT_CHART_MIN_W + 4; /* charts come first */
        if (fits) {
            l->panel[LAYOUT_BOUNDARY] = rect(W - bw, body_y, bw, bh);
            chart_w = W - bw - GAP;
        }
    }
    place_charts(l, 0, body_y, chart_w, chart_h);

    int ty = body_y + chart_h;
    int lw = clampi(W / 2, LAYOUT_LEGEND_MIN_W, 64);
    l->panel[LAYOUT_LEGEND] = rect(0, ty, lw, table_h);
    l->panel[LAYOUT_MARGINS] = rect(lw + GAP, ty, W - lw - GAP, table_h);
    l->margins_beside_legend = true;
    l->legend_rows = table_h - 1;
}

/* Wide: left column loss over accuracy; right column legend, then margins (small multiples)
 * with the boundary at their right. */
static void layout_wide(Layout *l, int W, int body_y, int body_h, int n, bool want_boundary)
{
    int lw = W * 55 / 100;
    int rx = lw + GAP, rw = W - rx;
    int h1 = body_h * 55 / 100;
    l->panel[LAYOUT_LOSS] = rect(0, body_y, lw, h1);
    l->panel[LAYOUT_ACCURACY] = rect(0, body_y + h1, lw, body_h - h1);

    int leg_h = clampi(n + 2, 2, body_h / 2); /* header, rows, a footnote */
    l->panel[LAYOUT_LEGEND] = rect(rx, body_y, rw, leg_h);
    l->legend_rows = leg_h - 1 > n ? n : leg_h - 1; /* a spare row holds a footnote */

    int ry = body_y + leg_h + 1; /* a blank row under the legend */
    int rh = body_y + body_h - ry;
    int mw = rw;
    if (want_boundary) {
        int bw = clampi(2 * (rh - 1), 0, rw / 2);
        int bh = clampi(bw / 2 + 1, 0, rh);
        if (bw >= LAYOUT_BOUNDARY_MIN_W && bh >= LAYOUT_BOUNDARY_MIN_H &&
            rw - bw - GAP >= LAYOUT_MARGINS_MIN_W) {
            l->panel[LAYOUT_BOUNDARY] = rect(W - bw, ry, bw, bh);
            mw = rw - bw - GAP;
        }
    }
    l->panel[LAYOUT_MARGINS] = rect(rx, ry, mw, rh);
    l->margins_beside_legend = false;
}

/* What every arrangement shares: the screen, the title and status lines — or too_small (every
 * panel absent) below LAYOUT_MIN_W × LAYOUT_MIN_H, when it returns false. */
static bool layout_frame(Layout *l, int w, int h)
{
    memset(l, 0, sizeof *l);
    l->w = w;
    l->h = h;
    l->need_w = LAYOUT_MIN_W;
    l->need_h = LAYOUT_MIN_H;
    if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H) {
        l->too_small = true;
        return false;
    }
    l->panel[LAYOUT_TITLE] = rect(0, 0, w, 1);
    l->panel[LAYOUT_STATUS] = rect(0, h - 1, w, 1);
    return true;
}

void layout_compute(Layout *l, int w, int h, int n_models, bool want_boundary)
{
    if (!layout_frame(l, w, h))
        return;
    int n = n_models < 1 ? 1 : n_models;
    int body_y = 1, body_h = h - 2;
    if (w >= WIDE_MIN_W && h >= WIDE_MIN_H)
        layout_wide(l, w, body_y, body_h, n, want_boundary);
    else
        layout_narrow(l, w, body_y, body_h, n, want_boundary);
}

void layout_compute_view(Layout *l, int w, int h, int n_models)
{
    if (!layout_frame(l, w, h))
        return;
    int n = n_models < 1 ? 1 : n_models;
    int body_y = 1, body_h = h - 2;
    if (w >= WIDE_MIN_W) { /* legend in a right column, as tall as its rows */
        int lw = clampi(w * 30 / 100, LAYOUT_LEGEND_MIN_W, 64);
        l->panel[LAYOUT_VIEW] = rect(0, body_y, w - lw - GAP, body_h);
        l->panel[LAYOUT_LEGEND] = rect(w - lw, body_y, lw, clampi(n + 1, 2, body_h));
        l->legend_rows = l->panel[LAYOUT_LEGEND].h - 1;
    } else { /* legend below, at most a third of the body: the view comes first */
        int lh = clampi(n + 1, 2, body_h / 3);
        l->panel[LAYOUT_VIEW] = rect(0, body_y, w, body_h - lh);
        l->panel[LAYOUT_LEGEND] = rect(0, body_y + body_h - lh, clampi(w, 0, 64), lh);
        l->legend_rows = lh - 1;
    }
}
