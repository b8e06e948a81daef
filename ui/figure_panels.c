/* figure_panels.c — the picture layout's panels: line charts (loss, accuracy, a sweep's
 * accuracy against noise) with markers, error bars and divergence crosses, and the margin
 * histograms as small multiples on their one shared scale. Reads only the model; refits the
 * axes' ticks (on copies) to the room the canvas gives. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/figure_pic.h"

/* ---- line panels ---- */

/* Index of the point of x[0..n) nearest to t (x increasing). */
static int nearest_index(const float *x, int n, double t)
{
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (x[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && fabs(x[lo - 1] - t) < fabs(x[lo] - t))
        lo--;
    return lo;
}

typedef struct {
    const ChartAxis *x, *y;
    Box p;
    double nudge; /* px per nudge step */
} Plot;

static double px_x(const Plot *pl, const ChartSeries *sr, int i)
{
    return pl->p.x0 + axis_frac(pl->x, sr->x[i]) * (pl->p.x1 - pl->p.x0) + sr->nudge * pl->nudge;
}

static double frac_y(const Plot *pl, const ChartSeries *sr, int i)
{
    return axis_frac(pl->y, chart_series_y(sr, i));
}

static double px_y(const Plot *pl, double fy)
{
    return pl->p.y1 - fy * (pl->p.y1 - pl->p.y0);
}

static void series_line(Fig *f, const Plot *pl, const ChartSeries *sr)
{
    double lw = sr->focused ? f->line_w * 1.6 : f->line_w;
    double alpha = sr->dimmed ? 0.35 : 1.0;
    if (sr->faint) { /* a raw curve under its smoothed one */
        lw = f->line_w * 0.7;
        alpha = sr->dimmed ? 0.12 : 0.3;
    }
    bool dashed = sr->style == LINE_DASHED;
    double on = dashed ? (sr->marks == MARKS_EVERY ? 10 : 7) * f->u : 0;
    double off = dashed ? (sr->marks == MARKS_EVERY ? 5 : 4.5) * f->u : 0;
    const CanvasOps *op = f->cv->ops;
    op->stroke_begin(f->cv->impl, lw, on, off, pic_color(f, sr->color), alpha);
    for (int i = 0; i < sr->n; i++)
        op->stroke_to(f->cv->impl, px_x(pl, sr, i), px_y(pl, frac_y(pl, sr, i)));
    op->stroke_end(f->cv->impl);
}

/* The spread over seeds: mean ± sd as a shaded band under the curve. */
#define BAND_MAX_POINTS 1024
static void series_band(Fig *f, const Plot *pl, const ChartSeries *sr)
{
    if (!sr->err || !sr->band || sr->n < 2)
        return;
    double x[BAND_MAX_POINTS], lo[BAND_MAX_POINTS], hi[BAND_MAX_POINTS];
    int n = sr->n < BAND_MAX_POINTS ? sr->n : BAND_MAX_POINTS;
    for (int i = 0; i < n; i++) {
        double y = chart_series_y(sr, i), e = sr->err[i] * fabs((double)sr->y_scale);
        x[i] = px_x(pl, sr, i);
        lo[i] = isfinite(e) ? px_y(pl, axis_frac(pl->y, y - e)) : NAN;
        hi[i] = isfinite(e) ? px_y(pl, axis_frac(pl->y, y + e)) : NAN;
    }
    f->cv->ops->band(f->cv->impl, x, lo, hi, n, pic_color(f, sr->color),
                     sr->dimmed                 ? 0.06
                     : sr->style == LINE_DASHED ? 0.10
                                                : 0.16);
}

/* ± error bars with caps, clipped to [0, 1] like what they describe (accuracies). */
static void series_bars(Fig *f, const Plot *pl, const ChartSeries *sr, double cap)
{
    if (!sr->err || sr->band)
        return;
    Rgb col = pic_color(f, sr->color);
    double bw = fmax(1.0, 1.3 * f->u);
    for (int i = 0; i < sr->n; i++) {
        double m = sr->y[i], e = sr->err[i];
        if (!isfinite(m) || !isfinite(e) || !(e > 0))
            continue;
        double x = px_x(pl, sr, i);
        double ya = px_y(pl, axis_frac(pl->y, fmax(0.0, m - e)));
        double yb = px_y(pl, axis_frac(pl->y, fmin(1.0, m + e)));
        f->cv->ops->line(f->cv->impl, x, ya, x, yb, bw, col, 0.8);
        f->cv->ops->line(f->cv->impl, x - cap / 2, ya, x + cap / 2, ya, bw, col, 0.8);
        f->cv->ops->line(f->cv->impl, x - cap / 2, yb, x + cap / 2, yb, bw, col, 0.8);
    }
}

static void series_marks(Fig *f, const Plot *pl, const ChartSeries *sr)
{
    if (sr->n < 1 || sr->dimmed || sr->faint)
        return;
    bool dashed = sr->style == LINE_DASHED;
    if (sr->marks == MARKS_EVERY) {
        for (int i = 0; i < sr->n; i++) {
            double fy = frac_y(pl, sr, i);
            if (isfinite(fy))
                pic_marker(f, sr->shape, sr->color, px_x(pl, sr, i), px_y(pl, fy), f->marker,
                           false);
        }
        return;
    }
    /* a few markers along the curve, staggered between models so they do not pile up */
    const int n_marks = 4;
    int n_vis = sr->mark_of > 0 ? sr->mark_of : 1;
    double x_lo = sr->x[0], x_hi = sr->x[sr->n - 1];
    for (int k = 0; k < n_marks && x_hi > x_lo; k++) {
        double t = x_lo + (x_hi - x_lo) * (k + (sr->mark_rank + 0.5) / n_vis) / n_marks;
        int i = nearest_index(sr->x, sr->n, t);
        if (sr->diverged && i == sr->n - 1)
            continue; /* the end of a diverged curve gets the cross */
        double fy = frac_y(pl, sr, i);
        if (!(fy >= -0.02 && fy <= 1.02))
            continue;
        pic_marker(f, sr->shape, sr->color, px_x(pl, sr, i), px_y(pl, fy),
                   f->marker * (sr->focused ? 1.3 : 1), sr->hollow);
    }
    if (sr->diverged && !dashed) {
        int i = sr->n - 1;
        double fy = frac_y(pl, sr, i);
        fy = isfinite(fy) ? fmin(fmax(fy, 0.0), 1.0) : 1.0;
        pic_diverged_mark(f, sr->color, px_x(pl, sr, i), px_y(pl, fy));
    }
}

/* The narrowest gap between neighbouring x values of the first series, px. */
static double narrowest_gap(const Plot *pl, const LineChart *c)
{
    double g = pl->p.x1 - pl->p.x0;
    if (c->n_series == 0)
        return g;
    const ChartSeries *sr = &c->series[0];
    for (int i = 1; i < sr->n; i++)
        g = fmin(g, (axis_frac(pl->x, sr->x[i]) - axis_frac(pl->x, sr->x[i - 1])) *
                        (pl->p.x1 - pl->p.x0));
    return g;
}

void pic_panel_line(Fig *f, Box b, const LineChart *c)
{
    pic_panel_title(f, b, c->title, c->style_key, c->note);
    double tick = 5 * f->u, pad = 4 * f->u, ch = pic_cap_h(f, f->fs_tick);
    Box p;
    p.y0 = b.y0 + f->fs_title * 1.25 + ch;
    p.y1 = b.y1 - (tick + pad + f->fs_tick + pad + f->fs_label * 0.95);
    double label_w = f->fs_label * 1.15; /* the rotated axis label */
    ChartAxis ax = c->x, ay = c->y;
    int mx = CHART_MAX_TICKS, my = 10;
    double ytw = pic_text_width(f, FONT_REGULAR, f->fs_tick, "0.000");
    for (int iter = 0; iter < 24; iter++) {
        p.x0 = b.x0 + label_w + pad + ytw + pad + tick;
        p.x1 = b.x1 - f->fs_tick * 1.6; /* room for half of the last x label */
        int est_y = (int)((p.y1 - p.y0) / (f->fs_tick * 2.4)) + 1;
        my = my > est_y ? est_y : my;
        my = my < 2 ? 2 : my;
        chart_axis_fit(&ay, my);
        chart_axis_fit(&ax, mx);
        double w = pic_ticks_width(f, &ay);
        if (fabs(w - ytw) > 0.5) {
            ytw = w;
            continue;
        }
        if (!pic_xticks_fit(f, &ax, p.x0, p.x1) && mx > 2) {
            mx--;
            continue;
        }
        break;
    }
    if (!(p.x1 - p.x0 >= 1 && p.y1 - p.y0 >= 1))
        return; /* a canvas far too small for a plot */
    pic_axes(f, &ax, &ay, p, c->grid_x);
    pic_text_vertical(f, f->fs_label, b.x0 + pic_cap_h(f, f->fs_label) * 1.25, (p.y0 + p.y1) / 2,
                      f->fg, ay.label);
    pic_text(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (p.x0 + p.x1) / 2, b.y1 - f->fs_label * 0.3,
             f->fg, ax.label);
    if (c->n_series == 0) {
        pic_text(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (p.x0 + p.x1) / 2, (p.y0 + p.y1) / 2,
                 f->muted, c->empty);
        return;
    }
    /* reference lines (chance, target): dashed, muted, labelled at the right end */
    for (int i = 0; i < c->n_refs; i++) {
        double fr = axis_frac(&ay, c->refs[i].y);
        if (!(fr >= 0 && fr <= 1))
            continue;
        double y = p.y1 - fr * (p.y1 - p.y0);
        f->cv->ops->stroke_begin(f->cv->impl, fmax(1.0, 1.2 * f->u), 6 * f->u, 4 * f->u, f->muted,
                                 1.0);
        f->cv->ops->stroke_to(f->cv->impl, p.x0, y);
        f->cv->ops->stroke_to(f->cv->impl, p.x1, y);
        f->cv->ops->stroke_end(f->cv->impl);
        pic_text(f, FONT_REGULAR, f->fs_tick * 0.9, TEXT_RIGHT, p.x1 - 4 * f->u, y - 4 * f->u,
                 f->muted, c->refs[i].label);
    }
    /* changes made while training: a thin solid line, the label at the top beside it (one
     * row lower when it would run into the previous label) */
    double label_end[2] = {-1e9, -1e9};
    for (int i = 0; i < c->n_marks; i++) {
        double fm = axis_frac(&ax, c->marks[i].x);
        if (!(fm >= 0 && fm <= 1))
            continue;
        double x = p.x0 + fm * (p.x1 - p.x0);
        f->cv->ops->line(f->cv->impl, x, p.y0, x, p.y1, fmax(1.0, 1.0 * f->u), f->muted, 1.0);
        double size = f->fs_tick * 0.85;
        double w = pic_text_width(f, FONT_REGULAR, size, c->marks[i].label);
        double lx = x + 3 * f->u;
        if (lx + w > p.x1)
            lx = x - 3 * f->u - w;
        int row = lx > label_end[0] ? 0 : 1;
        if (row == 1 && lx <= label_end[1])
            continue;
        pic_text(f, FONT_REGULAR, size, TEXT_LEFT, lx, p.y0 + size * (1.2 + 1.3 * row), f->fg,
                 c->marks[i].label);
        label_end[row] = lx + w + 4 * f->u;
    }
    if (ay.broken && ay.lo > 0) { /* the y axis does not start at 0: a break on its spine */
        double bx = p.x0, by = p.y1 - 10 * f->u, d = 5 * f->u, w = fmax(1.0, 1.2 * f->u);
        f->cv->ops->rect(f->cv->impl, bx - 2 * d, by - d * 0.6, bx + 2 * d, by + d * 0.6, f->bg,
                         1.0);
        f->cv->ops->line(f->cv->impl, bx - 2 * d, by + 0.2 * d, bx + 2 * d, by - 1.0 * d, w,
                         f->spine, 1.0);
        f->cv->ops->line(f->cv->impl, bx - 2 * d, by + 1.0 * d, bx + 2 * d, by - 0.2 * d, w,
                         f->spine, 1.0);
    }
    Plot pl = {&ax, &ay, p, 0};
    if (c->nudge_slots > 1) /* models nudged a few pixels apart so equal values stay visible */
        pl.nudge = fmin(f->marker * 0.6, 0.4 * narrowest_gap(&pl, c) / c->nudge_slots);
    double m = fmax(f->line_w, f->marker / 2) + 2;
    f->cv->ops->clip(f->cv->impl, floor(p.x0 - m), floor(p.y0 - m), ceil(p.x1 + m), ceil(p.y1 + m));
    /* bars under the lines, test (dashed) under train (solid), markers on top of every line */
    double cap = fmax(2.0, fmin(1.6 * pl.nudge, 0.7 * f->marker));
    for (int i = 0; i < c->n_series; i++) {
        series_band(f, &pl, &c->series[i]);
        series_bars(f, &pl, &c->series[i], cap);
    }
    bool by_style = c->nudge_slots <= 1;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < c->n_series; i++)
            if (!by_style ? pass == 0 : (c->series[i].style == LINE_DASHED) == (pass == 0))
                series_line(f, &pl, &c->series[i]);
    for (int i = 0; i < c->n_series; i++)
        series_marks(f, &pl, &c->series[i]);
    f->cv->ops->unclip(f->cv->impl);
}

/* ---- margin histograms: small multiples ---- */

void pic_edge_shares(Fig *f, Box p, float below, float above)
{
    double fs = f->fs_tick * 0.85, base = p.y0 + pic_cap_h(f, fs) + 3 * f->u;
    char buf[32];
    if (below >= 0.01f) {
        snprintf(buf, sizeof buf, "←%.0f%%", 100.0 * below);
        pic_text(f, FONT_REGULAR, fs, TEXT_LEFT, p.x0 + 3 * f->u, base, f->muted, buf);
    }
    if (above >= 0.01f) {
        snprintf(buf, sizeof buf, "%.0f%%→", 100.0 * above);
        pic_text(f, FONT_REGULAR, fs, TEXT_RIGHT, p.x1 - 3 * f->u, base, f->muted, buf);
    }
}

/* One histogram in the plot box p. */
static void hist_cell(Fig *f, const ChartAxis *hx, const ChartAxis *hy, const HistSeries *h, Box p)
{
    const CanvasOps *op = f->cv->ops;
    void *cv = f->cv->impl;
    Rgb col = pic_color(f, h->color);
    op->rect(cv, p.x0, p.y0, p.x1, p.y1, f->panel, 1.0);
    double t = fmax(1, round(f->u));
    for (int i = 0; i < hy->n_ticks; i++) {
        double y = p.y1 - axis_frac(hy, hy->ticks[i]) * (p.y1 - p.y0);
        pic_rule(f, p.x0, y, p.x1, y, t, f->grid);
    }
    for (int i = 0; i < hx->n_ticks; i++) {
        double x = p.x0 + axis_frac(hx, hx->ticks[i]) * (p.x1 - p.x0);
        pic_rule(f, x, p.y0, x, p.y1, t, f->grid);
    }
    op->clip(cv, floor(p.x0), floor(p.y0), ceil(p.x1), ceil(p.y1));
    if (h->n_bins > 0) {
        double bw = ((double)h->hi - h->lo) / h->n_bins;
        double xs[HIST_MAX_BINS + 1], ys[HIST_MAX_BINS];
        for (int b = 0; b <= h->n_bins; b++)
            xs[b] = p.x0 + axis_frac(hx, h->lo + b * bw) * (p.x1 - p.x0);
        for (int b = 0; b < h->n_bins; b++) {
            ys[b] = p.y1 - axis_frac(hy, h->share[b]) * (p.y1 - p.y0);
            op->rect(cv, xs[b], ys[b], xs[b + 1], p.y1, col, h->dimmed ? 0.15 : 0.35);
        }
        op->stroke_begin(cv, fmax(1.0, 1.4 * f->u), 0, 0, col, h->dimmed ? 0.45 : 1.0);
        for (int b = 0; b < h->n_bins; b++) {
            op->stroke_to(cv, xs[b], b == 0 ? p.y1 : ys[b]);
            op->stroke_to(cv, xs[b], ys[b]);
            op->stroke_to(cv, xs[b + 1], ys[b]);
        }
        op->stroke_to(cv, xs[h->n_bins], p.y1);
        op->stroke_end(cv);
    }
    /* the decision boundary: margin 0 */
    double x0 = p.x0 + axis_frac(hx, 0.0) * (p.x1 - p.x0);
    if (x0 >= p.x0 && x0 <= p.x1)
        pic_rule(f, x0, p.y0, x0, p.y1, fmax(1, round(1.5 * f->u)), f->fg);
    if (h->has_median) {
        double xm = p.x0 + axis_frac(hx, h->median) * (p.x1 - p.x0);
        op->stroke_begin(cv, fmax(1.0, 1.3 * f->u), 4 * f->u, 3 * f->u, col, 1.0);
        op->stroke_to(cv, xm, p.y0);
        op->stroke_to(cv, xm, p.y1);
        op->stroke_end(cv);
    }
    pic_edge_shares(f, p, h->below, h->above); /* examples beyond the range */
    op->unclip(cv);
    pic_rule(f, p.x0, p.y1, p.x1, p.y1, fmax(1, round(f->u)), f->spine);
}

/* The small title of a histogram cell: marker, symbol, id or note (when it fits). */
static void hist_cell_title(Fig *f, const HistSeries *h, Box cell, double base)
{
    double fs = f->fs_legend, mk = f->marker;
    double x = cell.x0 + mk / 2 + 1;
    pic_marker(f, h->shape, h->color, x, base - pic_cap_h(f, fs) / 2, mk, false);
    x += mk / 2 + 0.45 * fs;
    x += pic_text(f, FONT_BOLD, fs, TEXT_LEFT, x, base, f->fg, h->symbol);
    const char *note = h->diverged ? h->note : h->key;
    double wn = pic_text_width(f, FONT_REGULAR, fs * 0.85, note);
    if (x + 0.5 * fs + wn <= cell.x1)
        x += 0.5 * fs + pic_text(f, FONT_REGULAR, fs * 0.85, TEXT_LEFT, x + 0.5 * fs, base,
                                 h->diverged ? f->warn : f->muted, note);
    if (h->own_range && x + 0.5 * fs + pic_text_width(f, FONT_BOLD, fs * 0.85, h->note) <= cell.x1)
        pic_text(f, FONT_BOLD, fs * 0.85, TEXT_LEFT, x + 0.5 * fs, base, f->warn, h->note);
}

/* The grid shape: the rows × columns whose cells come closest to 1.5 : 1. */
static int grid_rows(Box g, int n, double hgap, double vgap, double title_row)
{
    int best_rows = 1;
    double best = INFINITY;
    for (int rows = 1; rows <= 4 && rows <= n; rows++) {
        int cols = (n + rows - 1) / rows;
        double cw = (g.x1 - g.x0 - (cols - 1) * hgap) / cols;
        double chh = (g.y1 - g.y0 - (rows - 1) * vgap) / rows - title_row;
        if (cw <= 0 || chh <= 0)
            continue;
        double score = fabs(log(cw / chh / 1.5));
        if (score < best) {
            best = score;
            best_rows = rows;
        }
    }
    return best_rows;
}

/* The x axis of cell i: the shared one, or, for a histogram binned on its own range, an axis
 * of its own (its note says so) with as many ticks. */
static const ChartAxis *cell_axis(const HistChart *hc, int i, const ChartAxis *hx, ChartAxis *own)
{
    if (!hc->h[i].own_range)
        return hx;
    *own = *hx;
    chart_axis_spec(own, hc->h[i].lo, hc->h[i].hi, false, false, AXIS_NICE);
    chart_axis_fit(own, hx->n_ticks > 2 ? hx->n_ticks : 2);
    return own;
}

void pic_hist_grid(Fig *f, Box b, const HistChart *hc, HistCellFn draw_cell, const void *ctx)
{
    pic_panel_title(f, b, hc->title, false, f->u >= 0.7 ? hc->note : NULL);
    int n = hc->n;
    double tick = 4 * f->u, pad = 4 * f->u, ch = pic_cap_h(f, f->fs_tick);
    double title_row = f->fs_legend * 1.45;
    Box g = {b.x0, b.y0 + f->fs_title * 1.3, b.x1,
             b.y1 - (tick + pad + f->fs_tick + pad + f->fs_label * 0.95)};
    if (n == 0) {
        pic_text(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2,
                 f->muted, hc->empty);
        return;
    }
    g.x0 +=
        f->fs_label * 1.15 + pad + pic_text_width(f, FONT_REGULAR, f->fs_tick, "100%") + pad + tick;
    double hgap = f->fs_tick * 1.2, vgap = f->fs_tick * 0.7;
    int rows = grid_rows(g, n, hgap, vgap, title_row), cols = (n + rows - 1) / rows;
    double cw = (g.x1 - g.x0 - (cols - 1) * hgap) / cols;
    double row_h = (g.y1 - g.y0 - (rows - 1) * vgap) / rows;
    double plot_h = row_h - title_row;
    ChartAxis hy = hc->y, hx = hc->x;
    int my = (int)(plot_h / (f->fs_tick * 2.2)) + 1;
    chart_axis_fit(&hy, my < 2 ? 2 : my > 5 ? 5 : my);
    /* x ticks: as many as fit under a cell; the gap between cells then holds the end labels
     * that stick out (of the shared axis and of any cell's own), so neighbours' never touch */
    for (int iter = 0; iter < 3; iter++) {
        for (int mx = 5; mx >= 2; mx--) {
            chart_axis_fit(&hx, mx);
            if (pic_xticks_fit(f, &hx, 0, cw))
                break;
        }
        double left = 0, right = 0;
        for (int i = -1; i < n; i++) {
            ChartAxis own;
            const ChartAxis *ax = i < 0 ? &hx : cell_axis(hc, i, &hx, &own);
            if (ax->n_ticks == 0)
                continue;
            double wl = pic_text_width(f, FONT_REGULAR, f->fs_tick, ax->tick_labels[0]);
            double wr =
                pic_text_width(f, FONT_REGULAR, f->fs_tick, ax->tick_labels[ax->n_ticks - 1]);
            left = fmax(left, wl / 2 - axis_frac(ax, ax->ticks[0]) * cw);
            right = fmax(right, axis_frac(ax, ax->ticks[ax->n_ticks - 1]) * cw + wr / 2 - cw);
        }
        double need = left + right + f->fs_tick * 0.9;
        if (cols < 2 || need <= hgap + 0.5)
            break;
        hgap = need;
        cw = (g.x1 - g.x0 - (cols - 1) * hgap) / cols;
    }
    double sw = fmax(1, round(1.2 * f->u));
    for (int i = 0; i < n; i++) {
        int r = i / cols, col = i % cols;
        Box cell = {g.x0 + col * (cw + hgap), g.y0 + r * (row_h + vgap), 0, 0};
        cell.x1 = cell.x0 + cw;
        cell.y1 = cell.y0 + row_h;
        Box p = {cell.x0, cell.y0 + title_row, cell.x1, cell.y0 + title_row + plot_h};
        ChartAxis own;
        const ChartAxis *cx = cell_axis(hc, i, &hx, &own);
        draw_cell(f, ctx, i, cell, p, cx, &hy);
        if (col == 0) { /* y tick labels on the left column */
            for (int k = 0; k < hy.n_ticks; k++) {
                double y = p.y1 - axis_frac(&hy, hy.ticks[k]) * (p.y1 - p.y0);
                pic_rule(f, p.x0 - tick, y, p.x0, y, sw, f->spine);
                pic_text(f, FONT_REGULAR, f->fs_tick, TEXT_RIGHT, p.x0 - tick - pad, y + ch / 2,
                         f->fg, hy.tick_labels[k]);
            }
        }
        if (i + cols >= n) { /* no cell below: x tick labels */
            for (int k = 0; k < cx->n_ticks; k++) {
                double x = p.x0 + axis_frac(cx, cx->ticks[k]) * (p.x1 - p.x0);
                pic_rule(f, x, p.y1, x, p.y1 + tick, sw, f->spine);
                pic_text(f, FONT_REGULAR, f->fs_tick, TEXT_CENTER, x, p.y1 + tick + pad + ch, f->fg,
                         cx->tick_labels[k]);
            }
        }
    }
    pic_text_vertical(f, f->fs_label, b.x0 + pic_cap_h(f, f->fs_label) * 1.25,
                      (g.y0 + title_row + g.y1) / 2, f->fg, hy.label);
    pic_text(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (g.x0 + g.x1) / 2, b.y1 - f->fs_label * 0.3,
             f->fg, hx.label);
}

/* A margins cell: its title row, then its histogram. */
static void margins_cell(Fig *f, const void *ctx, int i, Box cell, Box plot, const ChartAxis *hx,
                         const ChartAxis *hy)
{
    const HistSeries *h = &((const HistChart *)ctx)->h[i];
    hist_cell_title(f, h, cell, cell.y0 + pic_cap_h(f, f->fs_legend) + 2 * f->u);
    hist_cell(f, hx, hy, h, plot);
}

void pic_panel_margins(Fig *f, Box b, const HistChart *hc)
{
    pic_hist_grid(f, b, hc, margins_cell, hc);
}

/* ---- the decision boundary ---- */

/* The regions as rects, a run of equal cells in a row drawn as one (so an SVG stays small), and
 * the training points over them (thinned; flipped labels as crosses). */
void pic_panel_boundary(Fig *f, Box b, const BoundaryMap *bm)
{
    pic_panel_title(f, b, bm->title, false, NULL);
    double top = b.y0 + f->fs_title * 1.3;
    double side = fmin(b.x1 - b.x0, b.y1 - top);
    if (!bm->ok || bm->grid < 1 || !(side > 4))
        return;
    const CanvasOps *op = f->cv->ops;
    void *cv = f->cv->impl;
    double x0 = b.x1 - side, y0 = top, cell = side / bm->grid;
    const int G = bm->grid;
    for (int row = 0; row < G; row++) { /* row 0 is the lowest y: drawn at the bottom */
        /* edges on whole pixels: fractional ones would leave faint seams between rows */
        double ya = pic_snap(y0 + (G - 1 - row) * cell), yb = pic_snap(y0 + (G - row) * cell);
        int start = 0;
        for (int col = 1; col <= G; col++) {
            int i = row * G + start, j = row * G + col;
            bool same = col < G && bm->cls[j] == bm->cls[i] &&
                        chart_shade_of(bm->conf[j]) == chart_shade_of(bm->conf[i]);
            if (same)
                continue;
            Rgb cc = palette_class_color(bm->cls[i]);
            if (bm->diverged) /* a diverged model's regions: grey */
                cc = palette_grey(cc);
            Rgb c = palette_mix(f->bg, cc, chart_shade_mix(chart_shade_of(bm->conf[i])));
            op->rect(cv, pic_snap(x0 + start * cell), ya, pic_snap(x0 + col * cell), yb, c, 1.0);
            start = col;
        }
    }
    float w0 = bm->hi[0] - bm->lo[0], w1 = bm->hi[1] - bm->lo[1];
    if (!(w0 > 0) || !(w1 > 0))
        return;
    int budget = 600, stride = bm->n_points > budget ? (bm->n_points + budget - 1) / budget : 1;
    double mk = fmax(3.0, 5.5 * f->u);
    op->clip(cv, x0, y0, x0 + side, y0 + side);
    for (int p = 0; p < bm->n_points; p += stride) {
        double fx = (bm->px[p] - bm->lo[0]) / w0, fy = (bm->hi[1] - bm->py[p]) / w1;
        if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1))
            continue;
        Rgb c = palette_class_color(bm->pcls[p]);
        op->marker(cv, bm->pflip[p] ? MARKER_CROSS : MARKER_CIRCLE, x0 + fx * side, y0 + fy * side,
                   bm->pflip[p] ? mk * 1.4 : mk, c, f->bg, fmax(0.6, 0.8 * f->u));
    }
    op->unclip(cv);
    pic_rule(f, x0, y0 + side, x0 + side, y0 + side, fmax(1, round(f->u)), f->spine);
}
