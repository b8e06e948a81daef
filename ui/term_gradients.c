/* term_gradients.c — see term_gradients.h. Small multiples as the margin histograms are drawn
 * (ui/term_chart.c), one cell per model; with too little room, one strip row per model. */
#include "ui/term_gradients.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int eighths_of(float v, double top, int rows)
{
    if (!(v > 0))
        return 0;
    int e = (int)lrint(v / top * (rows * 8));
    return e < 1 ? 1 : e > rows * 8 ? rows * 8 : e;
}

/* Model i's bars in width columns by rows rows, bottom row at y0 + rows - 1. */
static void draw_cell(TermDraw *td, WINDOW *win, const GradChart *c, int i, int x0, int y0,
                      int width, int rows)
{
    const HistSeries *h = &c->hist.h[i];
    const GradSeries *g = &c->g[i];
    float tot[BRAILLE_MAX_W], flip[BRAILLE_MAX_W], ex[BRAILLE_MAX_W];
    if (width > BRAILLE_MAX_W)
        width = BRAILLE_MAX_W;
    if (width <= 0 || rows <= 0 || h->n_bins <= 0)
        return;
    term_resample(g->grad, h->n_bins, width, tot);
    term_resample(g->grad_flipped, h->n_bins, width, flip);
    term_resample(h->share, h->n_bins, width, ex);
    const double top = c->hist.y.hi > 0 ? c->hist.y.hi : 1;
    int zc = -1;
    double fz = axis_frac(&c->hist.x, 0.0);
    if (fz >= 0 && fz <= 1)
        zc = fz * width >= width ? width - 1 : (int)(fz * width);
    for (int col = 0; col < width; col++) {
        int e_all = eighths_of(tot[col], top, rows);
        int e_flip = c->flipped ? eighths_of(flip[col], top, rows) : 0;
        int e_ex = eighths_of(ex[col], top, rows);
        int ex_row = e_ex > 0 ? (e_ex - 1) / 8 : -1; /* the row the examples' share reaches */
        for (int k = 0; k < rows; k++) {
            const char *glyph = braille_bar_glyph(e_all, k, td->ascii);
            bool blank = glyph[0] == ' ';
            if (!blank && (k + 1) * 8 <= e_flip) { /* wholly from flipped examples */
                glyph = td->ascii ? "x" : "\u2592";
            } else if (blank && k == ex_row) {
                term_draw_style(td, win, TERM_UI_MUTED);
                term_draw_glyph(win, y0 + rows - 1 - k, x0 + col, td->ascii ? "-" : "\u00b7");
                continue;
            } else if (blank && col == zc) {
                term_draw_style(td, win, TERM_UI_ZERO);
                term_draw_glyph(win, y0 + rows - 1 - k, x0 + col, td->ascii ? "|" : "\u2502");
                continue;
            } else if (blank) {
                continue;
            }
            if (h->diverged)
                term_draw_style(td, win, TERM_UI_MUTED);
            else
                term_draw_color_style(td, win, h->color, h->focused);
            term_draw_glyph(win, y0 + rows - 1 - k, x0 + col, glyph);
        }
    }
}

/* "L log  wrong 62% · flipped 40%" within width columns. */
static void draw_label(TermDraw *td, WINDOW *win, const HistSeries *h, const GradSeries *g, int x,
                       int y, int width)
{
    char lab[48];
    snprintf(lab, sizeof lab, "%c %s", h->letter, h->key);
    if (h->diverged)
        term_draw_style(td, win, TERM_UI_MUTED);
    else
        term_draw_color_style(td, win, h->color, h->focused);
    int used = term_draw_text(td, win, y, x, width, lab);
    const char *note = h->diverged ? h->note : g->note;
    if (note[0] && used + 1 < width) {
        term_draw_style(td, win, h->diverged ? TERM_UI_WARN : TERM_UI_MUTED);
        term_draw_text(td, win, y, x + used + 1, width - used - 1, note);
    }
}

void term_draw_grad_chart(TermDraw *td, WINDOW *win, LayoutRect r, const GradChart *c)
{
    term_draw_clear(td, win, r);
    if (r.w < 8 || r.h < 2)
        return;
    char title[160];
    term_draw_plain(title, sizeof title, c->hist.title);
    term_draw_style(td, win, TERM_UI_TITLE);
    int used = term_draw_text(td, win, r.y, r.x, r.w, title);
    term_draw_style(td, win, TERM_UI_MUTED);
    if (used + 3 < r.w)
        term_draw_text(td, win, r.y, r.x + used + 2, r.w - used - 2, c->hist.note);
    const int n = c->hist.n;
    if (n == 0) {
        term_draw_text(td, win, r.y + 1, r.x, r.w, c->hist.empty);
        term_draw_reset(win);
        return;
    }
    int cols = 0, rows = 0;
    layout_grid(r.w, r.h - 2, n, 14, 4, &cols, &rows);
    if (cols == 0) { /* no room for cells: one strip per model, its letter first */
        ChartAxis ax = c->hist.x;
        chart_axis_fit(&ax, (r.w - 2) / 8 < 2 ? 2 : (r.w - 2) / 8 > 5 ? 5 : (r.w - 2) / 8);
        for (int i = 0; i < n && 1 + i < r.h - 1; i++) {
            char letter[2] = {c->hist.h[i].letter, '\0'};
            term_draw_color_style(td, win, c->hist.h[i].color, c->hist.h[i].focused);
            term_draw_glyph(win, r.y + 1 + i, r.x, letter);
            draw_cell(td, win, c, i, r.x + 2, r.y + 1 + i, r.w - 2, 1);
        }
        term_draw_hist_ticks(td, win, &ax, r.x + 2, r.y + r.h - 1, r.w - 2);
        term_draw_reset(win);
        return;
    }
    int cw = r.w / cols, ch = (r.h - 2) / rows;
    ChartAxis ax = c->hist.x;
    chart_axis_fit(&ax, (cw - 1) / 6 < 2 ? 2 : (cw - 1) / 6 > 5 ? 5 : (cw - 1) / 6);
    for (int i = 0; i < n; i++) {
        int gx = r.x + (i % cols) * cw, gy = r.y + 1 + (i / cols) * ch;
        draw_label(td, win, &c->hist.h[i], &c->g[i], gx, gy, cw - 1);
        draw_cell(td, win, c, i, gx, gy + 1, cw - 1, ch - 1);
    }
    int ty = r.y + 1 + rows * ch;
    for (int gc = 0; gc < cols && gc < n; gc++)
        term_draw_hist_ticks(td, win, &ax, r.x + gc * cw, ty, cw - 1);
    term_draw_reset(win);
}
