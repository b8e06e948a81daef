/* figure_boundaries.c — the picture surfaces' `boundaries` panel: every model's decision
 * boundary as small multiples of one size (each drawn by pic_panel_boundary), a diverged
 * model's greyed with its reason under it, or the one line saying why there are none. Reads
 * only the model. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/figure_pic.h"

/* s cut (at a character boundary) to fit width px, with "…" when cut, into out. */
static void fit_text(const Fig *f, double size, double width, const char *s, char *out, size_t n)
{
    snprintf(out, n, "%s", s);
    size_t len = strlen(out);
    while (len > 0 && pic_text_width(f, FONT_REGULAR, size, out) > width) {
        do
            len--;
        while (len > 0 && ((unsigned char)out[len] & 0xC0) == 0x80);
        if (len + 4 > n)
            continue;
        memcpy(out + len, "\u2026", 4); /* 3 bytes and the terminator */
    }
}

void pic_panel_boundaries(Fig *f, Box b, const BoundaryGrid *g)
{
    pic_panel_title(f, b, g->title, false, g->ok ? g->note : NULL);
    double top = b.y0 + f->fs_title * 1.8;
    if (!g->ok || g->n == 0) {
        pic_text(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (b.x0 + b.x1) / 2, (top + b.y1) / 2,
                 g->ok ? f->muted : f->warn, g->ok ? "no models shown" : g->why);
        return;
    }
    /* the map side: as large as the grid of n allows, with room for each title and status */
    double gap = fmax(6, 18 * f->u), title_h = f->fs_title * 1.3, status_h = f->fs_tick * 1.5;
    double W = b.x1 - b.x0, H = b.y1 - top;
    int cols = 1, rows = g->n;
    double side = 0;
    for (int c = 1; c <= g->n; c++) {
        int r = (g->n + c - 1) / c;
        double cw = (W - (c - 1) * gap) / c, chh = (H - (r - 1) * gap) / r - title_h - status_h;
        double sd = fmin(cw, chh);
        if (sd > side) {
            side = sd;
            cols = c;
            rows = r;
        }
    }
    if (!(side > 8))
        return;
    /* the grid centred in the box */
    double gw = cols * side + (cols - 1) * gap;
    double gh = rows * (title_h + side + status_h) + (rows - 1) * gap;
    double x0 = b.x0 + (W - gw) / 2, y0 = top + (H - gh) / 2;
    char text[128];
    for (int k = 0; k < g->n; k++) {
        const BoundaryMap *m = &g->maps[k];
        double cx = x0 + (k % cols) * (side + gap);
        double cy = y0 + (k / cols) * (title_h + side + status_h + gap);
        pic_panel_boundary(f, (Box){cx, cy, cx + side, cy + title_h + side}, m);
        if (m->status[0]) {
            fit_text(f, f->fs_tick, side, m->status, text, sizeof text);
            pic_text(f, FONT_REGULAR, f->fs_tick, TEXT_LEFT, cx, cy + title_h + side + f->fs_tick,
                     f->warn, text);
        }
    }
}
