/* raster_canvas.c — the Canvas of ui/canvas.h on a Raster: the pixel surface of the figures
 * (written as PNG by ui/png_figure.c). Text with subscripts is drawn run by run. */
#include <math.h>
#include <string.h>

#include "ui/raster.h"

static void c_fill(void *impl, Rgb c)
{
    raster_fill(impl, c);
}

static void c_rect(void *impl, double x0, double y0, double x1, double y1, Rgb c, double alpha)
{
    raster_rect(impl, x0, y0, x1, y1, c, alpha);
}

static void c_line(void *impl, double x0, double y0, double x1, double y1, double width, Rgb c,
                   double alpha)
{
    raster_line(impl, x0, y0, x1, y1, width, c, alpha);
}

static void c_stroke_begin(void *impl, double width, double on, double off, Rgb c, double alpha)
{
    Raster *r = impl;
    r->canvas_rgb = c;
    r->canvas_alpha = alpha;
    raster_stroke_begin(r, width, on, off);
}

static void c_stroke_to(void *impl, double x, double y)
{
    raster_stroke_to(impl, x, y);
}

static void c_stroke_end(void *impl)
{
    Raster *r = impl;
    raster_stroke_end(r, r->canvas_rgb, r->canvas_alpha);
}

static void c_marker(void *impl, MarkerShape shape, double cx, double cy, double size, Rgb fill,
                     Rgb edge, double edge_width)
{
    raster_marker(impl, shape, cx, cy, size, fill, edge, edge_width);
}

static void c_text(void *impl, const CanvasText *t, double x, double y, const char *utf8)
{
    Raster *r = impl;
    const Font *font = r->canvas_font;
    if (t->vertical) { /* axis labels: no subscripts */
        TextStyle st = {font, t->face, t->size, t->align, true, t->color, 1.0};
        raster_text(r, &st, x, y, utf8);
        return;
    }
    Canvas cv = {NULL, r, font, r->w, r->h};
    double w = canvas_text_width(&cv, t->face, t->size, utf8);
    double pen = t->align == TEXT_CENTER ? x - w / 2 : t->align == TEXT_RIGHT ? x - w : x;
    CanvasRun runs[CANVAS_MAX_RUNS];
    int n = canvas_text_runs(utf8, runs, CANVAS_MAX_RUNS);
    char buf[256];
    for (int i = 0; i < n; i++) {
        size_t k = runs[i].n < sizeof buf - 1 ? runs[i].n : sizeof buf - 1;
        memcpy(buf, runs[i].p, k);
        buf[k] = '\0';
        double sz = runs[i].sub ? t->size * CANVAS_SUB_SCALE : t->size;
        TextStyle st = {font, t->face, sz, TEXT_LEFT, false, t->color, 1.0};
        pen += raster_text(r, &st, pen, runs[i].sub ? y + t->size * CANVAS_SUB_DROP : y, buf);
    }
}

static void c_clip(void *impl, double x0, double y0, double x1, double y1)
{
    raster_clip(impl, (int)floor(x0), (int)floor(y0), (int)ceil(x1), (int)ceil(y1));
}

static void c_unclip(void *impl)
{
    raster_unclip(impl);
}

static void c_band(void *impl, const double *x, const double *lo, const double *hi, int n, Rgb c,
                   double alpha)
{
    raster_band(impl, x, lo, hi, n, c, alpha);
}

static const CanvasOps raster_ops = {c_fill,      c_rect,       c_line,   c_stroke_begin,
                                     c_stroke_to, c_stroke_end, c_marker, c_text,
                                     c_clip,      c_unclip,     c_band};

void raster_canvas(Canvas *cv, Raster *r, const Font *font)
{
    r->canvas_font = font;
    *cv = (Canvas){&raster_ops, r, font, r->w, r->h};
}
