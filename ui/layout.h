/* layout.h — where each dashboard panel goes on a W×H terminal, as pure arithmetic: rectangles
 * that never overlap and never leave the screen, recomputed on every resize. It knows panel
 * sizes only, nothing of curses or of what is drawn inside. */
#ifndef LOSSARENA_UI_LAYOUT_H
#define LOSSARENA_UI_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_W 80
#define LAYOUT_MIN_H 24

typedef struct {
    int x, y, w, h; /* cells, (0, 0) the top-left of the screen; w = h = 0: panel absent */
} LayoutRect;

typedef enum {
    LAYOUT_TITLE,    /* top line: program, dataset, step, key hints */
    LAYOUT_LOSS,     /* loss curves */
    LAYOUT_ACCURACY, /* accuracy curves */
    LAYOUT_LEGEND,   /* one row per model under a header row */
    LAYOUT_MARGINS,  /* margin histograms: small multiples, or strips beside the legend */
    LAYOUT_BOUNDARY, /* the focused model's decision boundary (2-D data), when there is room */
    LAYOUT_STATUS,   /* bottom line */
    LAYOUT_VIEW,     /* a view other than the dashboard (`v`): its panels share this area */
    LAYOUT_PANELS
} LayoutPanel;

/* Smallest sizes a panel gets when present (the tests hold layout_compute to them). */
#define LAYOUT_CHART_MIN_W 30
#define LAYOUT_CHART_MIN_H 7
#define LAYOUT_LEGEND_MIN_W 34
#define LAYOUT_MARGINS_MIN_W 24
#define LAYOUT_BOUNDARY_MIN_W 16
#define LAYOUT_BOUNDARY_MIN_H 8

typedef struct {
    int w, h;       /* the screen */
    bool too_small; /* below LAYOUT_MIN_W × LAYOUT_MIN_H: every panel absent */
    int need_w, need_h;
    LayoutRect panel[LAYOUT_PANELS];
    /* Narrow screens put the margins beside the legend, one strip per legend row: row 0 of
     * both is a header, row 1 + i shows model i. */
    bool margins_beside_legend;
    int legend_rows; /* model rows the legend (and beside it the strips) can show */
} Layout;

/* Lays out the dashboard for a w×h screen and n_models models; want_boundary asks for the
 * decision-boundary panel (2-D data), which appears only when the others keep their room. */
void layout_compute(Layout *l, int w, int h, int n_models, bool want_boundary);

/* Lays out a view other than the dashboard: title and status lines, the legend at the right
 * (wide screens) or below (narrow ones), and the rest for the view (LAYOUT_VIEW). */
void layout_compute_view(Layout *l, int w, int h, int n_models);

/* Columns × rows of a small-multiples grid of n panels in a w×h area, each at least
 * min_w × min_h, choosing the most even cells; 0 × 0 when even one column does not fit. */
void layout_grid(int w, int h, int n, int min_w, int min_h, int *cols, int *rows);

bool layout_rect_empty(LayoutRect r);
bool layout_rect_overlap(LayoutRect a, LayoutRect b);
/* r lies within a w×h screen (an empty rect is inside). */
bool layout_rect_inside(LayoutRect r, int w, int h);
const char *layout_panel_name(LayoutPanel p);

#endif
