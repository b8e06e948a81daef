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

/* A gradients cell: its title row, then the gradient bars over the examples' outline. */
static void gradients_cell(Fig *f, const void *ctx, int i, Box cell, Box plot, const ChartAxis *hx,
                           const ChartAxis *hy)
{
    const GradChart *gc = ctx;
    grad_cell_title(f, &gc->hist.h[i], &gc->g[i], cell,
                    cell.y0 + pic_cap_h(f, f->fs_legend) + 2 * f->u);
    grad_cell(f, gc, hx, hy, i, plot);
}

void pic_panel_gradients(Fig *f, Box b, const GradChart *gc)
{
    pic_hist_grid(f, b, &gc->hist, gradients_cell, gc);
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
