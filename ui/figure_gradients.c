/* figure_gradients.c — the picture layout of the "why losses differ" figures: the gradients
 * panel (small multiples: per model, the gradient shares by margin as bars, the flipped part
 * in a darker shade of the loss's colour, the margin histogram as a grey line on the same
 * scale) and the stacking of the gradients, lens and memorization figures' panels. Reads only
 * the model; allocates nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/figure_pic.h"

/* The flipped labels' shade: the loss's colour taken most of the way to the text colour, so it
 * reads as "the same loss, darker" on either theme. */
static Rgb flipped_shade(const Fig *f, Rgb c)
{
    const double t = 0.6;
    return (Rgb){(uint8_t)lround(c.r + t * (f->fg.r - c.r)),
                 (uint8_t)lround(c.g + t * (f->fg.g - c.g)),
                 (uint8_t)lround(c.b + t * (f->fg.b - c.b))};
}

static double frac_px(const ChartAxis *ax, double v, double a, double b)
{
    return a + axis_frac(ax, v) * (b - a);
}

/* One model's cell: plot box p. */
static void grad_cell(Fig *f, const GradChart *gc, const ChartAxis *hx, const ChartAxis *hy, int i,
                      Box p)
{
    const HistSeries *h = &gc->hist.h[i];
    const GradSeries *g = &gc->g[i];
    const CanvasOps *op = f->cv->ops;
    void *cv = f->cv->impl;
    Rgb col = pic_color(f, h->color), dark = flipped_shade(f, col);
    op->rect(cv, p.x0, p.y0, p.x1, p.y1, f->panel, 1.0);
    double t = fmax(1, round(f->u));
    for (int k = 0; k < hy->n_ticks; k++) {
        double y = p.y1 - axis_frac(hy, hy->ticks[k]) * (p.y1 - p.y0);
        pic_rule(f, p.x0, y, p.x1, y, t, f->grid);
    }
    op->clip(cv, floor(p.x0), floor(p.y0), ceil(p.x1), ceil(p.y1));
    if (h->n_bins > 0) {
        double bw = ((double)h->hi - h->lo) / h->n_bins;
        double xs[HIST_MAX_BINS + 1];
        for (int b = 0; b <= h->n_bins; b++)
            xs[b] = frac_px(hx, h->lo + b * bw, p.x0, p.x1);
        const double alpha = h->dimmed ? 0.3 : 0.75;
        for (int b = 0; b < h->n_bins; b++) {
            double y_all = p.y1 - axis_frac(hy, g->grad[b]) * (p.y1 - p.y0);
            double y_flip = p.y1 - axis_frac(hy, g->grad_flipped[b]) * (p.y1 - p.y0);
            if (g->grad[b] > 0)
                op->rect(cv, xs[b], y_all, xs[b + 1], p.y1, col, alpha);
            if (gc->flipped && g->grad_flipped[b] > 0) /* stacked at the bottom */
                op->rect(cv, xs[b], y_flip, xs[b + 1], p.y1, dark, alpha);
        }
        /* the examples: a step line on the same share scale */
        op->stroke_begin(cv, fmax(1.0, 1.5 * f->u), 0, 0, f->muted, 1.0);
        for (int b = 0; b < h->n_bins; b++) {
            double y = p.y1 - axis_frac(hy, h->share[b]) * (p.y1 - p.y0);
            op->stroke_to(cv, xs[b], b == 0 ? p.y1 : y);
            op->stroke_to(cv, xs[b], y);
            op->stroke_to(cv, xs[b + 1], y);
        }
        op->stroke_to(cv, xs[h->n_bins], p.y1);
        op->stroke_end(cv);
    }
    double x0 = frac_px(hx, 0.0, p.x0, p.x1); /* the decision boundary: margin 0 */
    if (x0 >= p.x0 && x0 <= p.x1)
        pic_rule(f, x0, p.y0, x0, p.y1, fmax(1, round(1.5 * f->u)), f->fg);
    pic_edge_shares(f, p, g->below, g->above); /* gradient from beyond the range */
    op->unclip(cv);
    pic_rule(f, p.x0, p.y1, p.x1, p.y1, fmax(1, round(f->u)), f->spine);
}

/* The cell's title: marker, symbol, then the shares of wrong and flipped examples (or the
 * id) when they fit. */
static void grad_cell_title(Fig *f, const HistSeries *h, const GradSeries *g, Box cell, double base)
{
    double fs = f->fs_legend, mk = f->marker;
    double x = cell.x0 + mk / 2 + 1;
    pic_marker(f, h->shape, h->color, x, base - pic_cap_h(f, fs) / 2, mk, false);
    x += mk / 2 + 0.45 * fs;
    x += pic_text(f, FONT_BOLD, fs, TEXT_LEFT, x, base, f->fg, h->symbol);
    const char *notes[2] = {h->diverged ? h->note : g->note, h->key};
    for (int k = 0; k < 2; k++) {
        double wn = pic_text_width(f, FONT_REGULAR, fs * 0.8, notes[k]);
        if (notes[k][0] && x + 0.5 * fs + wn <= cell.x1) {
            pic_text(f, FONT_REGULAR, fs * 0.8, TEXT_LEFT, x + 0.5 * fs, base,
                     h->diverged ? f->warn : f->muted, notes[k]);
            return;
        }
    }
}

void pic_panel_gradients(Fig *f, Box b, const GradChart *gc)
{
    const HistChart *hc = &gc->hist;
    pic_panel_title(f, b, hc->title, false, f->u >= 0.7 ? hc->note : NULL);
    const int n = hc->n;
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
    double hgap = f->fs_tick * 2.2, vgap = f->fs_tick * 0.7;
    /* columns: as many as keep a cell at least ~1.2 times as wide as tall */
    int rows = 1, cols = n;
    for (rows = 1; rows < n; rows++) {
        cols = (n + rows - 1) / rows;
        double cw = (g.x1 - g.x0 - (cols - 1) * hgap) / cols;
        double chh = (g.y1 - g.y0 - (rows - 1) * vgap) / rows - title_row;
        if (cw >= 1.2 * chh)
            break;
    }
    cols = (n + rows - 1) / rows;
    double cw = (g.x1 - g.x0 - (cols - 1) * hgap) / cols;
    double row_h = (g.y1 - g.y0 - (rows - 1) * vgap) / rows, plot_h = row_h - title_row;
    ChartAxis hy = hc->y, hx = hc->x;
    int my = (int)(plot_h / (f->fs_tick * 2.2)) + 1;
    chart_axis_fit(&hy, my < 2 ? 2 : my > 5 ? 5 : my);
    for (int mx = 5; mx >= 2; mx--) {
        chart_axis_fit(&hx, mx);
        if (pic_xticks_fit(f, &hx, 0, cw - f->fs_tick))
            break;
    }
    double sw = fmax(1, round(1.2 * f->u));
    for (int i = 0; i < n; i++) {
        int r = i / cols, c = i % cols;
        Box cell = {g.x0 + c * (cw + hgap), g.y0 + r * (row_h + vgap), 0, 0};
        cell.x1 = cell.x0 + cw;
        cell.y1 = cell.y0 + row_h;
        Box p = {cell.x0, cell.y0 + title_row, cell.x1, cell.y0 + title_row + plot_h};
        grad_cell_title(f, &hc->h[i], &gc->g[i], cell,
                        cell.y0 + pic_cap_h(f, f->fs_legend) + 2 * f->u);
        /* a histogram binned on its own range gets an axis of its own, as in the margins */
        ChartAxis own = hx;
        if (hc->h[i].own_range) {
            chart_axis_spec(&own, hc->h[i].lo, hc->h[i].hi, false, false, AXIS_NICE);
            chart_axis_fit(&own, hx.n_ticks > 2 ? hx.n_ticks : 2);
        }
        const ChartAxis *cx = hc->h[i].own_range ? &own : &hx;
        grad_cell(f, gc, cx, &hy, i, p);
        if (c == 0)
            for (int k = 0; k < hy.n_ticks; k++) {
                double y = p.y1 - axis_frac(&hy, hy.ticks[k]) * (p.y1 - p.y0);
                pic_rule(f, p.x0 - tick, y, p.x0, y, sw, f->spine);
                pic_text(f, FONT_REGULAR, f->fs_tick, TEXT_RIGHT, p.x0 - tick - pad, y + ch / 2,
                         f->fg, hy.tick_labels[k]);
            }
        if (i + cols >= n)
            for (int k = 0; k < cx->n_ticks; k++) {
                double x = frac_px(cx, cx->ticks[k], p.x0, p.x1);
                pic_rule(f, x, p.y1, x, p.y1 + tick, sw, f->spine);
                pic_text(f, FONT_REGULAR, f->fs_tick, TEXT_CENTER, x, p.y1 + tick + pad + ch, f->fg,
                         cx->tick_labels[k]);
            }
    }
    pic_text_vertical(f, f->fs_label, b.x0 + pic_cap_h(f, f->fs_label) * 1.25,
                      (g.y0 + title_row + g.y1) / 2, f->fg, hy.label);
    pic_text(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (g.x0 + g.x1) / 2, b.y1 - f->fs_label * 0.3,
             f->fg, hx.label);
}

void pic_panels_why(Fig *f, Box b, const Figure *fig)
{
    /* the panels in order, with their share of the height */
    const unsigned order[] = {PANEL_GRADIENTS,    PANEL_GRAD_TIME, PANEL_LENS,
                              PANEL_LENS_MARGINS, PANEL_MEMORIZE,  PANEL_ACCURACY};
    const double weight[] = {1.6, 1.0, 1.5, 1.0, 1.0, 1.0};
    const int n_order = (int)(sizeof order / sizeof order[0]);
    double total = 0;
    for (int i = 0; i < n_order; i++)
        total += (fig->panels & order[i]) ? weight[i] : 0;
    if (!(total > 0))
        return;
    double gap = fmax(10, 30 * f->u), room = b.y1 - b.y0, y = b.y0;
    int n = 0;
    for (int i = 0; i < n_order; i++)
        n += (fig->panels & order[i]) != 0;
    room -= gap * (n - 1);
    for (int i = 0; i < n_order; i++) {
        if (!(fig->panels & order[i]))
            continue;
        Box p = {b.x0, y, b.x1, y + room * weight[i] / total};
        y = p.y1 + gap;
        switch (order[i]) {
        case PANEL_GRADIENTS:
            pic_panel_gradients(f, p, &fig->gradients);
            break;
        case PANEL_GRAD_TIME:
            pic_panel_line(f, p, &fig->grad_time);
            break;
        case PANEL_LENS:
            pic_panel_line(f, p, &fig->lens);
            break;
        case PANEL_LENS_MARGINS:
            /* under the lens: its plot box where the line panel's is (pic_panel_line keeps
             * 1.6 tick sizes at the right and a 5u tick, the margins panel none and 4u) */
            if (fig->panels & PANEL_LENS) {
                p.x0 += f->u;
                p.x1 -= f->fs_tick * 1.6;
            }
            pic_panel_margins(f, p, &fig->lens_margins);
            break;
        case PANEL_MEMORIZE:
            pic_panel_line(f, p, &fig->memorize);
            break;
        case PANEL_ACCURACY:
            pic_panel_line(f, p, &fig->accuracy);
            break;
        }
    }
}
