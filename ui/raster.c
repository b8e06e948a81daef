/* raster.c — antialiased drawing on an RGB canvas.
 * Every shape is first rasterised into a coverage mask (0..255 per pixel, limited to the clip),
 * then composited once with its colour: overlapping parts of one polyline or one string are not
 * blended twice. Lines use distance-to-segment coverage; polygons 4×4 supersampling; text the
 * area coverage of the font's master bitmaps (smoothed interpolation when enlarged). Allocates
 * nothing after raster_init, prints nothing. */
#include "ui/raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int clampi(double v, int lo, int hi)
{
    if (!(v > lo)) /* also NaN */
        return lo;
    if (v > hi)
        return hi;
    return (int)v;
}

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

Status raster_init(Raster *r, int w, int h)
{
    memset(r, 0, sizeof *r);
    if (w < 1 || h < 1 || w > RASTER_MAX_SIDE || h > RASTER_MAX_SIDE)
        return ST_RANGE;
    size_t n = (size_t)w * (size_t)h;
    r->px = calloc(n, 3);
    r->cov = calloc(n, 1);
    if (!r->px || !r->cov) {
        raster_free(r);
        return ST_NOMEM;
    }
    r->w = w;
    r->h = h;
    raster_unclip(r);
    r->dirty_x0 = r->dirty_y0 = 0;
    r->dirty_x1 = r->dirty_y1 = 0;
    return ST_OK;
}

void raster_free(Raster *r)
{
    free(r->px);
    free(r->cov);
    memset(r, 0, sizeof *r);
}

void raster_fill(Raster *r, Rgb c)
{
    size_t n = (size_t)r->w * (size_t)r->h;
    for (size_t i = 0; i < n; i++) {
        r->px[3 * i] = c.r;
        r->px[3 * i + 1] = c.g;
        r->px[3 * i + 2] = c.b;
    }
}

void raster_clip(Raster *r, int x0, int y0, int x1, int y1)
{
    r->clip_x0 = x0 < 0 ? 0 : x0 > r->w ? r->w : x0;
    r->clip_y0 = y0 < 0 ? 0 : y0 > r->h ? r->h : y0;
    r->clip_x1 = x1 < r->clip_x0 ? r->clip_x0 : x1 > r->w ? r->w : x1;
    r->clip_y1 = y1 < r->clip_y0 ? r->clip_y0 : y1 > r->h ? r->h : y1;
}

void raster_unclip(Raster *r)
{
    raster_clip(r, 0, 0, r->w, r->h);
}

Rgb raster_pixel(const Raster *r, int x, int y)
{
    Rgb c = {0, 0, 0};
    if (x >= 0 && y >= 0 && x < r->w && y < r->h) {
        const uint8_t *p = r->px + 3 * ((size_t)y * (size_t)r->w + (size_t)x);
        c.r = p[0];
        c.g = p[1];
        c.b = p[2];
    }
    return c;
}

static void blend(uint8_t *p, Rgb c, double a)
{
    p[0] = (uint8_t)(p[0] + (c.r - p[0]) * a + 0.5);
    p[1] = (uint8_t)(p[1] + (c.g - p[1]) * a + 0.5);
    p[2] = (uint8_t)(p[2] + (c.b - p[2]) * a + 0.5);
}

void raster_rect(Raster *r, double x0, double y0, double x1, double y1, Rgb c, double alpha)
{
    if (x1 < x0) {
        double t = x0;
        x0 = x1;
        x1 = t;
    }
    if (y1 < y0) {
        double t = y0;
        y0 = y1;
        y1 = t;
    }
    x0 = clampd(x0, r->clip_x0, r->clip_x1);
    x1 = clampd(x1, r->clip_x0, r->clip_x1);
    y0 = clampd(y0, r->clip_y0, r->clip_y1);
    y1 = clampd(y1, r->clip_y0, r->clip_y1);
    if (!(x1 > x0 && y1 > y0)) /* also NaN */
        return;
    alpha = clampd(alpha, 0, 1);
    int ix0 = (int)floor(x0), ix1 = (int)ceil(x1), iy0 = (int)floor(y0), iy1 = (int)ceil(y1);
    for (int y = iy0; y < iy1; y++) {
        double oy = fmin(y1, y + 1.0) - fmax(y0, (double)y);
        uint8_t *row = r->px + 3 * (size_t)y * (size_t)r->w;
        for (int x = ix0; x < ix1; x++) {
            double ox = fmin(x1, x + 1.0) - fmax(x0, (double)x);
            double a = ox * oy * alpha;
            if (a >= 1.0) {
                row[3 * x] = c.r;
                row[3 * x + 1] = c.g;
                row[3 * x + 2] = c.b;
            } else if (a > 0) {
                blend(row + 3 * x, c, a);
            }
        }
    }
}

/* ---- the coverage mask -------------------------------------------------------------------- */

/* Marks [x0, x1) × [y0, y1) (already within the clip) as possibly non-zero. */
static void cov_touch(Raster *r, int x0, int y0, int x1, int y1)
{
    if (x0 >= x1 || y0 >= y1)
        return;
    if (r->dirty_x0 >= r->dirty_x1 || r->dirty_y0 >= r->dirty_y1) {
        r->dirty_x0 = x0;
        r->dirty_y0 = y0;
        r->dirty_x1 = x1;
        r->dirty_y1 = y1;
        return;
    }
    if (x0 < r->dirty_x0)
        r->dirty_x0 = x0;
    if (y0 < r->dirty_y0)
        r->dirty_y0 = y0;
    if (x1 > r->dirty_x1)
        r->dirty_x1 = x1;
    if (y1 > r->dirty_y1)
        r->dirty_y1 = y1;
}

static void cov_max(Raster *r, int x, int y, double c)
{
    uint8_t v = (uint8_t)(clampd(c, 0, 1) * 255.0 + 0.5);
    uint8_t *m = r->cov + (size_t)y * (size_t)r->w + (size_t)x;
    if (v > *m)
        *m = v;
}

/* Composites the mask with c and clears it. */
static void cov_flush(Raster *r, Rgb c, double alpha)
{
    alpha = clampd(alpha, 0, 1);
    for (int y = r->dirty_y0; y < r->dirty_y1; y++) {
        uint8_t *m = r->cov + (size_t)y * (size_t)r->w;
        uint8_t *p = r->px + 3 * (size_t)y * (size_t)r->w;
        for (int x = r->dirty_x0; x < r->dirty_x1; x++) {
            if (!m[x])
                continue;
            if (m[x] == 255 && alpha >= 1.0) {
                p[3 * x] = c.r;
                p[3 * x + 1] = c.g;
                p[3 * x + 2] = c.b;
            } else {
                blend(p + 3 * x, c, m[x] / 255.0 * alpha);
            }
            m[x] = 0;
        }
    }
    r->dirty_x0 = r->dirty_y0 = r->dirty_x1 = r->dirty_y1 = 0;
}

/* Clips segment a→b to the box [x0, x1] × [y0, y1] (Liang–Barsky). Returns false when nothing
 * is left; otherwise t0 <= t1 are the parameters of the visible part. */
static bool segment_clip(double ax, double ay, double bx, double by, double x0, double y0,
                         double x1, double y1, double *t0, double *t1)
{
    double p[4] = {-(bx - ax), bx - ax, -(by - ay), by - ay};
    double q[4] = {ax - x0, x1 - ax, ay - y0, y1 - ay};
    double lo = 0, hi = 1;
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
        } else {
            double t = q[i] / p[i];
            if (p[i] < 0) {
                if (t > hi)
                    return false;
                if (t > lo)
                    lo = t;
            } else {
                if (t < lo)
                    return false;
                if (t < hi)
                    hi = t;
            }
        }
    }
    *t0 = lo;
    *t1 = hi;
    return true;
}

static double segment_dist(double px, double py, double ax, double ay, double dx, double dy,
                           double l2)
{
    double t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
    t = clampd(t, 0, 1);
    double qx = ax + t * dx - px, qy = ay + t * dy - py;
    return sqrt(qx * qx + qy * qy);
}

/* Adds the capsule of half-width hw around a→b to the mask (max). Coverage falls from 1 to 0
 * over the pixel straddling the edge; lines thinner than a pixel fade instead of thinning. */
static void cov_segment(Raster *r, double ax, double ay, double bx, double by, double hw)
{
    if (!(isfinite(ax) && isfinite(ay) && isfinite(bx) && isfinite(by)) || !(hw > 0))
        return;
    double fade = 1.0;
    if (hw < 0.5) {
        fade = 2 * hw;
        hw = 0.5;
    }
    double reach = hw + 1.0, t0, t1;
    if (!segment_clip(ax, ay, bx, by, r->clip_x0 - reach, r->clip_y0 - reach, r->clip_x1 + reach,
                      r->clip_y1 + reach, &t0, &t1))
        return;
    double dx = bx - ax, dy = by - ay;
    double cax = ax + t0 * dx, cay = ay + t0 * dy; /* the visible part */
    dx *= t1 - t0;
    dy *= t1 - t0;
    double l2 = dx * dx + dy * dy;
    int y0 = clampi(floor(fmin(cay, cay + dy) - reach), r->clip_y0, r->clip_y1);
    int y1 = clampi(ceil(fmax(cay, cay + dy) + reach), r->clip_y0, r->clip_y1);
    int bx0 = r->clip_x1, bx1 = r->clip_x0;
    for (int py = y0; py < y1; py++) {
        double cy = py + 0.5, xa, xb;
        if (fabs(dy) < 1e-12) {
            xa = fmin(cax, cax + dx);
            xb = fmax(cax, cax + dx);
        } else { /* the part of the centre line within reach of this row */
            double s0 = (cy - reach - cay) / dy, s1 = (cy + reach - cay) / dy;
            if (s0 > s1) {
                double t = s0;
                s0 = s1;
                s1 = t;
            }
            s0 = fmax(s0, 0);
            s1 = fmin(s1, 1);
            if (s0 > s1)
                continue;
            xa = fmin(cax + s0 * dx, cax + s1 * dx);
            xb = fmax(cax + s0 * dx, cax + s1 * dx);
        }
        int x0 = clampi(floor(xa - reach), r->clip_x0, r->clip_x1);
        int x1 = clampi(ceil(xb + reach), r->clip_x0, r->clip_x1);
        for (int px = x0; px < x1; px++) {
            double d = segment_dist(px + 0.5, cy, cax, cay, dx, dy, l2);
            double c = (hw + 0.5 - d) * fade;
            if (c > 0)
                cov_max(r, px, py, c > fade ? fade : c);
        }
        if (x0 < bx0)
            bx0 = x0;
        if (x1 > bx1)
            bx1 = x1;
    }
    cov_touch(r, bx0, y0, bx1, y1);
}

void raster_line(Raster *r, double x0, double y0, double x1, double y1, double width, Rgb c,
                 double alpha)
{
    cov_segment(r, x0, y0, x1, y1, width / 2);
    cov_flush(r, c, alpha);
}

void raster_stroke_begin(Raster *r, double width, double dash_on, double dash_off)
{
    r->pen_width = width;
    /* dashes shorter than half a pixel would only cost time: such a stroke is drawn solid */
    bool dashed = dash_on >= 0.5 && dash_off >= 0.5 && isfinite(dash_on) && isfinite(dash_off);
    r->dash_on = dashed ? dash_on : 0;
    r->dash_off = dashed ? dash_off : 0;
    r->dash_pos = 0;
    r->dash_is_on = true;
    r->pen_down = false;
}

void raster_stroke_to(Raster *r, double x, double y)
{
    if (!isfinite(x) || !isfinite(y)) {
        r->pen_down = false;
        return;
    }
    double ax = r->pen_x, ay = r->pen_y, hw = r->pen_width / 2;
    bool draw = r->pen_down;
    r->pen_x = x;
    r->pen_y = y;
    r->pen_down = true;
    if (!draw)
        return;
    if (r->dash_on <= 0) {
        cov_segment(r, ax, ay, x, y, hw);
        return;
    }
    /* Dashes: only the visible part is walked, so a far-off point costs nothing; the pattern
     * skips the hidden lead-in by its length. */
    double reach = hw + 1.0, t0, t1;
    double len = hypot(x - ax, y - ay);
    if (!(len > 0))
        return;
    if (!isfinite(len)) { /* beyond any pattern: solid, and the pattern starts afresh */
        cov_segment(r, ax, ay, x, y, hw);
        r->dash_pos = 0;
        r->dash_is_on = true;
        return;
    }
    double period = r->dash_on + r->dash_off;
    if (!segment_clip(ax, ay, x, y, r->clip_x0 - reach, r->clip_y0 - reach, r->clip_x1 + reach,
                      r->clip_y1 + reach, &t0, &t1)) {
        double pos = fmod(r->dash_pos + (r->dash_is_on ? 0 : r->dash_on) + len, period);
        r->dash_is_on = pos < r->dash_on;
        r->dash_pos = r->dash_is_on ? pos : pos - r->dash_on;
        return;
    }
    double ux = (x - ax) / len, uy = (y - ay) / len;
    double s = t0 * len, end = t1 * len;
    if (s > 0) { /* advance the pattern over the hidden lead-in */
        double pos = fmod(r->dash_pos + (r->dash_is_on ? 0 : r->dash_on) + s, period);
        r->dash_is_on = pos < r->dash_on;
        r->dash_pos = r->dash_is_on ? pos : pos - r->dash_on;
    }
    while (s < end) {
        double left = (r->dash_is_on ? r->dash_on : r->dash_off) - r->dash_pos;
        if (!(left > 1e-9)) { /* this dash or gap is used up */
            r->dash_is_on = !r->dash_is_on;
            r->dash_pos = 0;
            continue;
        }
        double step = fmin(left, end - s);
        if (r->dash_is_on)
            cov_segment(r, ax + ux * s, ay + uy * s, ax + ux * (s + step), ay + uy * (s + step),
                        hw);
        s += step;
        r->dash_pos += step;
        if (r->dash_pos >= (r->dash_is_on ? r->dash_on : r->dash_off) - 1e-9) {
            r->dash_is_on = !r->dash_is_on;
            r->dash_pos = 0;
        }
    }
    if (t1 < 1) { /* and over the hidden tail */
        double pos = fmod(r->dash_pos + (r->dash_is_on ? 0 : r->dash_on) + (1 - t1) * len, period);
        r->dash_is_on = pos < r->dash_on;
        r->dash_pos = r->dash_is_on ? pos : pos - r->dash_on;
    }
}

void raster_stroke_end(Raster *r, Rgb c, double alpha)
{
    cov_flush(r, c, alpha);
    r->pen_down = false;
}

/* ---- filled shapes ------------------------------------------------------------------------ */

static bool polygon_inside(const double *xy, int n, double x, double y)
{
    bool in = false;
    for (int i = 0, j = n - 1; i < n; j = i++) {
        double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            in = !in;
    }
    return in;
}

static void cov_polygon(Raster *r, const double *xy, int n)
{
    if (n < 3 || n > RASTER_MAX_POLYGON)
        return;
    double minx = xy[0], maxx = xy[0], miny = xy[1], maxy = xy[1];
    for (int i = 1; i < n; i++) {
        if (!isfinite(xy[2 * i]) || !isfinite(xy[2 * i + 1]))
            return;
        minx = fmin(minx, xy[2 * i]);
        maxx = fmax(maxx, xy[2 * i]);
        miny = fmin(miny, xy[2 * i + 1]);
        maxy = fmax(maxy, xy[2 * i + 1]);
    }
    int x0 = clampi(floor(minx), r->clip_x0, r->clip_x1);
    int x1 = clampi(ceil(maxx), r->clip_x0, r->clip_x1);
    int y0 = clampi(floor(miny), r->clip_y0, r->clip_y1);
    int y1 = clampi(ceil(maxy), r->clip_y0, r->clip_y1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            int hits = 0;
            for (int sy = 0; sy < 4; sy++)
                for (int sx = 0; sx < 4; sx++)
                    hits += polygon_inside(xy, n, x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
            if (hits)
                cov_max(r, x, y, hits / 16.0);
        }
    cov_touch(r, x0, y0, x1, y1);
}

void raster_polygon(Raster *r, const double *xy, int n, Rgb c, double alpha)
{
    cov_polygon(r, xy, n);
    cov_flush(r, c, alpha);
}

void raster_band(Raster *r, const double *x, const double *lo, const double *hi, int n, Rgb c,
                 double alpha)
{
    for (int i = 0; i + 1 < n; i++) {
        double quad[8] = {x[i], lo[i], x[i + 1], lo[i + 1], x[i + 1], hi[i + 1], x[i], hi[i]};
        cov_polygon(r, quad, 4); /* skips a quad with a non-finite corner */
    }
    cov_flush(r, c, alpha);
}

/* Disc of radius ro minus the disc of radius ri (ri <= 0: none). */
static void cov_annulus(Raster *r, double cx, double cy, double ro, double ri)
{
    if (!isfinite(cx) || !isfinite(cy) || !(ro > 0))
        return;
    int x0 = clampi(floor(cx - ro - 1), r->clip_x0, r->clip_x1);
    int x1 = clampi(ceil(cx + ro + 1), r->clip_x0, r->clip_x1);
    int y0 = clampi(floor(cy - ro - 1), r->clip_y0, r->clip_y1);
    int y1 = clampi(ceil(cy + ro + 1), r->clip_y0, r->clip_y1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            double d = hypot(x + 0.5 - cx, y + 0.5 - cy);
            double c = clampd(ro + 0.5 - d, 0, 1);
            if (ri > 0)
                c -= clampd(ri + 0.5 - d, 0, 1);
            if (c > 0)
                cov_max(r, x, y, c);
        }
    cov_touch(r, x0, y0, x1, y1);
}

void raster_disc(Raster *r, double cx, double cy, double radius, Rgb c, double alpha)
{
    cov_annulus(r, cx, cy, radius, 0);
    cov_flush(r, c, alpha);
}

void raster_marker(Raster *r, MarkerShape shape, double cx, double cy, double size, Rgb fill,
                   Rgb edge, double edge_width)
{
    double xy[2 * MARKER_MAX_POINTS];
    double s = size / 2;
    if (shape == MARKER_CIRCLE || shape == MARKER_RING || shape >= MARKER_COUNT) {
        double inner = shape == MARKER_RING ? s * 0.5 : 0;
        cov_annulus(r, cx, cy, s, inner);
        cov_flush(r, fill, 1.0);
        if (edge_width > 0) {
            cov_annulus(r, cx, cy, s + edge_width / 2, s - edge_width / 2);
            if (inner > 0)
                cov_annulus(r, cx, cy, inner + edge_width / 2, inner - edge_width / 2);
            cov_flush(r, edge, 1.0);
        }
        return;
    }
    int n = marker_outline(shape, cx, cy, size, xy);
    cov_polygon(r, xy, n);
    cov_flush(r, fill, 1.0);
    if (edge_width > 0) {
        raster_stroke_begin(r, edge_width, 0, 0);
        for (int i = 0; i <= n; i++)
            raster_stroke_to(r, xy[2 * (i % n)], xy[2 * (i % n) + 1]);
        raster_stroke_end(r, edge, 1.0);
    }
}

/* ---- text --------------------------------------------------------------------------------- */

/* Adds the area of [x0, x1) × [y0, y1) that falls in each pixel to the mask (saturating). */
static void cov_add_rect(Raster *r, double x0, double y0, double x1, double y1)
{
    int ix0 = clampi(floor(x0), r->clip_x0, r->clip_x1);
    int ix1 = clampi(ceil(x1), r->clip_x0, r->clip_x1);
    int iy0 = clampi(floor(y0), r->clip_y0, r->clip_y1);
    int iy1 = clampi(ceil(y1), r->clip_y0, r->clip_y1);
    for (int y = iy0; y < iy1; y++) {
        double oy = fmin(y1, y + 1.0) - fmax(y0, (double)y);
        uint8_t *m = r->cov + (size_t)y * (size_t)r->w;
        for (int x = ix0; x < ix1; x++) {
            double ox = fmin(x1, x + 1.0) - fmax(x0, (double)x);
            int v = m[x] + (int)(ox * oy * 255.0 + 0.5);
            m[x] = (uint8_t)(v > 255 ? 255 : v);
        }
    }
    cov_touch(r, ix0, iy0, ix1, iy1);
}

static int glyph_bit(const FontGlyph *g, int height, int i, int j)
{
    if (i < 0 || j < 0 || i >= g->advance || j >= height)
        return 0;
    return (int)((g->rows[j] >> i) & 1u);
}

/* A glyph enlarged (sc > 1): the master bitmap is filtered with a small tent and sharpened to a
 * one-pixel edge, so big text has smooth outlines instead of enlarged pixel steps.
 * (x, y) is the baseline origin, u the glyph's offset along the text. */
static void glyph_smooth(Raster *r, const FontGlyph *g, const FontFaceData *fd, double sc, double x,
                         double y, double u, bool vertical)
{
    double a0 = u - sc, a1 = u + (g->advance + 1) * sc; /* along the text, with a margin */
    double v0 = (-1 - fd->baseline) * sc, v1 = (fd->height + 1 - fd->baseline) * sc;
    double bx0, bx1, by0, by1;
    if (vertical) {
        bx0 = x + v0;
        bx1 = x + v1;
        by0 = y - a1;
        by1 = y - a0;
    } else {
        bx0 = x + a0;
        bx1 = x + a1;
        by0 = y + v0;
        by1 = y + v1;
    }
    int ix0 = clampi(floor(bx0), r->clip_x0, r->clip_x1);
    int ix1 = clampi(ceil(bx1), r->clip_x0, r->clip_x1);
    int iy0 = clampi(floor(by0), r->clip_y0, r->clip_y1);
    int iy1 = clampi(ceil(by1), r->clip_y0, r->clip_y1);
    for (int py = iy0; py < iy1; py++)
        for (int px = ix0; px < ix1; px++) {
            double cx = px + 0.5, cy = py + 0.5, mi, mj;
            if (vertical) {
                mj = (cx - x) / sc + fd->baseline;
                mi = (y - u - cy) / sc;
            } else {
                mi = (cx - x - u) / sc;
                mj = (cy - y) / sc + fd->baseline;
            }
            /* tent-filtered master coverage around (mi, mj): smooth even where the 1-bit
             * master has steps; symmetric, so stems keep their width at the 0.5 level */
            const double R = 2.0;
            int i0 = (int)floor(mi - 0.5 - R), i1 = (int)ceil(mi - 0.5 + R);
            int j0 = (int)floor(mj - 0.5 - R), j1 = (int)ceil(mj - 0.5 + R);
            double v = 0, wsum = 0;
            for (int j = j0; j <= j1; j++) {
                double wj = 1 - fabs(j + 0.5 - mj) / R;
                if (wj <= 0)
                    continue;
                for (int i = i0; i <= i1; i++) {
                    double w = wj * (1 - fabs(i + 0.5 - mi) / R);
                    if (w <= 0)
                        continue;
                    v += w * glyph_bit(g, fd->height, i, j);
                    wsum += w;
                }
            }
            v = wsum > 0 ? v / wsum : 0;
            double c = (v - 0.5) * sc + 0.5;
            if (c > 0)
                cov_max(r, px, py, c);
        }
    cov_touch(r, ix0, iy0, ix1, iy1);
}

double raster_text(Raster *r, const TextStyle *st, double x, double y, const char *utf8)
{
    const Font *f = st->font;
    FontFace face = st->face >= 0 && st->face < FONT_FACE_COUNT ? st->face : FONT_REGULAR;
    const FontFaceData *fd = &f->faces[face];
    double sc = st->size / fd->height;
    double width = font_text_width(f, face, st->size, utf8);
    if (!(sc > 0) || !isfinite(x) || !isfinite(y))
        return 0;
    double u = st->align == TEXT_CENTER ? -width / 2 : st->align == TEXT_RIGHT ? -width : 0;
    /* Start on a whole pixel, so that the same string always gets the same pixels. */
    if (st->vertical) {
        x = floor(x + 0.5);
        y = floor(y - u + 0.5);
    } else {
        x = floor(x + u + 0.5);
        y = floor(y + 0.5);
    }
    u = 0;
    const char *s = utf8;
    uint32_t code;
    while ((code = font_utf8_next(&s)) != 0) {
        const FontGlyph *g = font_glyph(f, face, code);
        if (sc > 1.0) {
            glyph_smooth(r, g, fd, sc, x, y, u, st->vertical);
            u += g->advance * sc;
            continue;
        }
        for (int j = 0; j < fd->height; j++) {
            uint32_t row = g->rows[j];
            double v0 = (j - fd->baseline) * sc; /* below the baseline is positive */
            for (int i0 = 0; i0 < g->advance; i0++) {
                if (!((row >> i0) & 1u))
                    continue;
                int i1 = i0;
                while (i1 < g->advance && (row >> i1) & 1u) /* a run of ink: one rectangle */
                    i1++;
                double a0 = u + i0 * sc, a1 = u + i1 * sc;
                if (st->vertical)
                    cov_add_rect(r, x + v0, y - a1, x + v0 + sc, y - a0);
                else
                    cov_add_rect(r, x + a0, y + v0, x + a1, y + v0 + sc);
                i0 = i1;
            }
        }
        u += g->advance * sc;
    }
    cov_flush(r, st->color, st->alpha);
    return width;
}
