/* figure_pic.h — internal to the picture layout (ui/figure_*.c): the state of one figure being
 * laid out on a Canvas and the kit its panels share (text, rules, markers, axes). Everything is
 * scaled from one unit u (1 at 1600 × 1000). Not for use outside ui/figure_*.c. */
#ifndef LOSSARENA_UI_FIGURE_PIC_H
#define LOSSARENA_UI_FIGURE_PIC_H

#include <stdbool.h>

#include "ui/canvas.h"
#include "ui/chart.h"
#include "ui/figure_draw.h"

typedef struct {
    double x0, y0, x1, y1;
} Box;

typedef struct {
    Canvas *cv;
    const Figure *fig;
    bool dark;
    Rgb bg, fg, muted, grid, spine, panel, warn;
    double u;                                                  /* layout unit */
    double fs_tick, fs_label, fs_title, fs_legend, fs_caption; /* text sizes, px */
    double line_w, marker;                                     /* curve width, marker size, px */
    int focus;                                                 /* the focused model, or -1 */
} Fig;

void pic_setup(Fig *f, Canvas *cv, const Figure *fig, FigureTheme theme);
Rgb pic_color(const Fig *f, int slot);

double pic_text_width(const Fig *f, FontFace face, double size, const char *s);
double pic_cap_h(const Fig *f, double size);
/* Draws s with its baseline at y; returns its width. */
double pic_text(Fig *f, FontFace face, double size, TextAlign align, double x, double y, Rgb c,
                const char *s);
/* Vertical text (reading upwards) centred on (x, y); x is the baseline. */
void pic_text_vertical(Fig *f, double size, double x, double y, Rgb c, const char *s);
/* A crisp horizontal or vertical rule of thickness t from (x0, y0) to (x1, y1). */
void pic_rule(Fig *f, double x0, double y0, double x1, double y1, double t, Rgb c);
double pic_snap(double v);
/* A loss marker in colour slot color: filled, or hollow (test curves). */
void pic_marker(Fig *f, MarkerShape shape, int color, double x, double y, double size, bool hollow);
void pic_diverged_mark(Fig *f, int color, double x, double y);

/* The title row of a panel, with a train/test line-style key or a note at its right. */
void pic_panel_title(Fig *f, Box b, const char *title, bool style_key, const char *note);
/* Widest tick label of an axis; whether x tick labels centred on their ticks keep a gap. */
double pic_ticks_width(const Fig *f, const ChartAxis *ax);
bool pic_xticks_fit(const Fig *f, const ChartAxis *ax, double x0, double x1);
/* Gridlines, spines, ticks and tick labels of axes x, y plotted in p. */
void pic_axes(Fig *f, const ChartAxis *x, const ChartAxis *y, Box p, bool grid_x);

/* Panels (ui/figure_panels.c). */
void pic_panel_line(Fig *f, Box b, const LineChart *c);
void pic_panel_margins(Fig *f, Box b, const HistChart *hc);
/* Draws cell i of a histogram grid: its title row in cell, its plot in plot, on axes x and y
 * (x is the cell's own when its histogram has its own range). */
typedef void (*HistCellFn)(Fig *f, const void *ctx, int i, Box cell, Box plot, const ChartAxis *x,
                           const ChartAxis *y);
/* The small multiples of hc, one cell per histogram on a shared share axis: the panel title,
 * the grid shaped to cells of about 1.5 : 1, gaps wide enough for the x tick labels, the tick
 * labels on the outer cells, the axis labels; draw_cell(ctx, i, ...) fills each cell. */
void pic_hist_grid(Fig *f, Box b, const HistChart *hc, HistCellFn draw_cell, const void *ctx);
/* The shares beyond a histogram's range, "←3%" and "12%→", at the top corners of plot box p. */
void pic_edge_shares(Fig *f, Box p, float below, float above);
void pic_panel_boundary(Fig *f, Box b, const BoundaryMap *bm);
/* Every model's boundary as small multiples (ui/figure_boundaries.c). */
void pic_panel_boundaries(Fig *f, Box b, const BoundaryGrid *g);
/* The "why losses differ" figures (ui/figure_gradients.c): the gradients panel, and every
 * PANEL_WHY panel of fig (with the accuracy curves beside memorisation) stacked in b. */
void pic_panel_gradients(Fig *f, Box b, const GradChart *gc);
void pic_panels_why(Fig *f, Box b, const Figure *fig);

#endif
