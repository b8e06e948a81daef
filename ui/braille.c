/* braille.c — the braille/ASCII cell canvas: dots, owners, clipped gap-free line rasterisation
 * with dashes, and bar glyphs. Pure data manipulation; it never calls curses or allocates. */
#include "ui/braille.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DASH_RUN 3

void braille_init(BrailleCanvas *c, int w, int h, bool ascii)
{
    c->w = w < 1 ? 1 : w > BRAILLE_MAX_W ? BRAILLE_MAX_W : w;
    c->h = h < 1 ? 1 : h > BRAILLE_MAX_H ? BRAILLE_MAX_H : h;
    c->ascii = ascii;
    c->ascii_markers = false;
    memset(c->marker, 0, sizeof c->marker);
    braille_clear(c);
}

void braille_clear(BrailleCanvas *c)
{
    for (int y = 0; y < c->h; y++) {
        memset(c->dots[y], 0, (size_t)c->w);
        memset(c->owner[y], BRAILLE_NO_OWNER, (size_t)c->w);
    }
}

void braille_set_marker(BrailleCanvas *c, uint8_t owner, char letter)
{
    c->marker[owner] = letter;
}

uint8_t braille_bit(int dx, int dy)
{
    static const uint8_t bits[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};
    if (dx < 0 || dx > 1 || dy < 0 || dy > 3)
        return 0;
    return bits[dx][dy];
}

void braille_set(BrailleCanvas *c, int px, int py, uint8_t owner)
{
    if (px < 0 || py < 0 || px >= 2 * c->w || py >= 4 * c->h)
        return;
    int cx = px >> 1, cy = py >> 2;
    c->dots[cy][cx] |= braille_bit(px & 1, py & 3);
    c->owner[cy][cx] = owner;
}

bool braille_get(const BrailleCanvas *c, int px, int py)
{
    if (px < 0 || py < 0 || px >= 2 * c->w || py >= 4 * c->h)
        return false;
    return (c->dots[py >> 2][px >> 1] & braille_bit(px & 1, py & 3)) != 0;
}

/* Liang–Barsky: clips the segment to [xmin, xmax] × [ymin, ymax]; false when it misses. */
static bool clip_segment(double *x0, double *y0, double *x1, double *y1, double xmin, double xmax,
                         double ymin, double ymax)
{
    double dx = *x1 - *x0, dy = *y1 - *y0;
    double t0 = 0, t1 = 1;
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {*x0 - xmin, xmax - *x0, *y0 - ymin, ymax - *y0};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0) {
            if (t > t1)
                return false;
            if (t > t0)
                t0 = t;
        } else {
            if (t < t0)
                return false;
            if (t < t1)
                t1 = t;
        }
    }
    double ox = *x0, oy = *y0;
    *x0 = ox + t0 * dx;
    *y0 = oy + t0 * dy;
    *x1 = ox + t1 * dx;
    *y1 = oy + t1 * dy;
    return true;
}

/* Bresenham between rounded ends: 8-connected, so every row and column between the ends gets a
 * dot and steep drops show as continuous strokes. skip_first avoids stepping the shared point
 * of two joined segments twice (it would shift the dash phase). */
static void raster(BrailleCanvas *c, BraillePen *p, double fx0, double fy0, double fx1, double fy1,
                   bool skip_first)
{
    long x0 = lround(fx0), y0 = lround(fy0), x1 = lround(fx1), y1 = lround(fy1);
    long dx = labs(x1 - x0), dy = -labs(y1 - y0);
    long sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    long err = dx + dy;
    bool first = true;
    for (;;) {
        if (!(first && skip_first)) {
            bool on = !p->dashed || (p->phase / p->dash_run) % 2 == 0;
            if (on)
                braille_set(c, (int)x0, (int)y0, p->owner);
            p->phase++;
        }
        first = false;
        if (x0 == x1 && y0 == y1)
            break;
        long e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

void braille_pen_start(BraillePen *p, uint8_t owner, bool dashed)
{
    p->owner = owner;
    p->dashed = dashed;
    p->dash_run = DASH_RUN;
    p->phase = 0;
    p->down = false;
    p->x = p->y = 0;
}

void braille_pen_lift(BraillePen *p)
{
    p->down = false;
}

void braille_pen_to(BrailleCanvas *c, BraillePen *p, double x, double y)
{
    if (!isfinite(x) || !isfinite(y)) {
        p->down = false;
        return;
    }
    double xmax = 2.0 * c->w - 1, ymax = 4.0 * c->h - 1;
    if (!p->down) {
        p->down = true;
        p->x = x;
        p->y = y;
        if (x >= -0.5 && x < xmax + 0.5 && y >= -0.5 && y < ymax + 0.5)
            raster(c, p, x, y, x, y, false);
        return;
    }
    double x0 = p->x, y0 = p->y, x1 = x, y1 = y;
    p->x = x;
    p->y = y;
    /* clip in doubles first: a diverged loss can sit 1e30 dots above the canvas */
    bool start_inside = x0 >= 0 && x0 <= xmax && y0 >= 0 && y0 <= ymax;
    if (!clip_segment(&x0, &y0, &x1, &y1, 0, xmax, 0, ymax))
        return;
    raster(c, p, x0, y0, x1, y1, start_inside);
}

void braille_line(BrailleCanvas *c, double x0, double y0, double x1, double y1, uint8_t owner)
{
    BraillePen p;
    braille_pen_start(&p, owner, false);
    braille_pen_to(c, &p, x0, y0);
    braille_pen_to(c, &p, x1, y1);
}

uint8_t braille_mask(const BrailleCanvas *c, int cx, int cy)
{
    if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h)
        return 0;
    return c->dots[cy][cx];
}

uint8_t braille_owner(const BrailleCanvas *c, int cx, int cy)
{
    if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h)
        return BRAILLE_NO_OWNER;
    return c->owner[cy][cx];
}

void braille_glyph_utf8(uint8_t mask, char out[4])
{
    unsigned cp = 0x2800u + mask; /* always three bytes: 0xE2 0xA0..0xA3 0x80..0xBF */
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    out[3] = '\0';
}

char braille_glyph_ascii(uint8_t mask)
{
    if (!mask)
        return ' ';
    int rows = 0, n_rows = 0;
    double lsum = 0, rsum = 0;
    int ln = 0, rn = 0;
    for (int dy = 0; dy < 4; dy++) {
        bool l = mask & braille_bit(0, dy), r = mask & braille_bit(1, dy);
        if (l || r) {
            rows |= 1 << dy;
            n_rows++;
        }
        if (l) {
            lsum += dy;
            ln++;
        }
        if (r) {
            rsum += dy;
            rn++;
        }
    }
    int top = 0, bot = 3;
    while (!(rows & (1 << top)))
        top++;
    while (!(rows & (1 << bot)))
        bot--;
    int span = bot - top + 1;
    if (span >= 3) {
        if (n_rows == 2)
            return ':';
        if (ln && rn && ln < 4 && rn < 4) { /* a full column reads as a vertical stroke */
            double lm = lsum / ln, rm = rsum / rn;
            if (lm - rm >= 1.5)
                return '/';
            if (rm - lm >= 1.5)
                return '\\';
        }
        return '|';
    }
    double centre = 0.5 * (top + bot);
    return centre < 0.75 ? '\'' : centre <= 2.0 ? '-' : '.';
}

bool braille_cell_text(const BrailleCanvas *c, int cx, int cy, char out[4])
{
    uint8_t m = braille_mask(c, cx, cy);
    if (!m) {
        out[0] = ' ';
        out[1] = '\0';
        return false;
    }
    if (!c->ascii) {
        braille_glyph_utf8(m, out);
        return true;
    }
    char letter = c->ascii_markers ? c->marker[braille_owner(c, cx, cy)] : 0;
    out[0] = letter ? letter : braille_glyph_ascii(m);
    out[1] = '\0';
    return true;
}

const char *braille_bar_glyph(int eighths, int row, bool ascii)
{
    static const char *const utf8[9] = {" ",      "\u2581", "\u2582", "\u2583", "\u2584",
                                        "\u2585", "\u2586", "\u2587", "\u2588"};
    static const char *const plain[9] = {" ", ".", ".", ":", ":", ":", "|", "|", "#"};
    long level = (long)eighths - 8L * row;
    int l = level < 0 ? 0 : level > 8 ? 8 : (int)level;
    return ascii ? plain[l] : utf8[l];
}
