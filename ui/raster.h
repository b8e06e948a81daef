/* raster.h — an RGB canvas and the antialiased primitives the PNG figures are drawn with:
 * rectangles, thick and dashed lines, filled polygons, marker shapes, text. Everything is
 * alpha-blended over what is there and limited to a clip rectangle. Pure memory: no files, no
 * terminal; allocates only in raster_init. Coordinates are pixels, x right, y down; pixel (i, j)
 * covers [i, i+1) × [j, j+1), so its centre is (i + 0.5, j + 0.5). */
#ifndef LOSSARENA_UI_RASTER_H
#define LOSSARENA_UI_RASTER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/status.h"
#include "ui/canvas.h"
#include "ui/font.h"
#include "ui/loss_style.h"
#include "ui/palette.h"

#define RASTER_MAX_SIDE 16384
#define RASTER_MAX_POLYGON 64 /* vertices of a filled polygon */

typedef struct {
    int w, h;
    uint8_t *px;  /* owned: (h, w, 3) RGB, rows top to bottom */
    uint8_t *cov; /* owned: (h, w) coverage scratch; all zero between calls */
    int clip_x0, clip_y0, clip_x1, clip_y1;     /* drawing is limited to [x0, x1) × [y0, y1) */
    int dirty_x0, dirty_y0, dirty_x1, dirty_y1; /* where cov may be non-zero */
    /* the stroke being drawn (raster_stroke_*) */
    double pen_width, dash_on, dash_off, dash_pos;
    bool dash_is_on, pen_down;
    double pen_x, pen_y;
    Rgb canvas_rgb; /* the colour and alpha a canvas stroke ends with (raster_canvas) */
    double canvas_alpha;
    const Font *canvas_font;
} Raster;

typedef struct {
    const Font *font; /* borrowed: must outlive the call */
    FontFace face;
    double size;     /* line height in pixels: the font's cell is scaled to it */
    TextAlign align; /* where x is: at the left end, centre or right end of the text */
    bool vertical;   /* rotated 90° counter-clockwise (reads bottom to top) */
    Rgb color;
    double alpha; /* 0..1 */
} TextStyle;

/* Allocates a w × h canvas (1..RASTER_MAX_SIDE each: ST_RANGE otherwise; ST_NOMEM), black,
 * clip = whole canvas. */
Status raster_init(Raster *r, int w, int h);
/* Safe on a zeroed or half-built Raster. */
void raster_free(Raster *r);

/* Paints the whole canvas c, whatever the clip. */
void raster_fill(Raster *r, Rgb c);
/* Limits drawing to [x0, x1) × [y0, y1) intersected with the canvas. */
void raster_clip(Raster *r, int x0, int y0, int x1, int y1);
void raster_unclip(Raster *r);
/* The pixel at (x, y); black outside the canvas. */
Rgb raster_pixel(const Raster *r, int x, int y);

/* Filled axis-aligned rectangle [x0, x1) × [y0, y1); fractional edges get partial coverage, so
 * integer coordinates give exact pixels. */
void raster_rect(Raster *r, double x0, double y0, double x1, double y1, Rgb c, double alpha);
/* A straight line of the given width (pixels) with round ends. */
void raster_line(Raster *r, double x0, double y0, double x1, double y1, double width, Rgb c,
                 double alpha);

/* A polyline drawn as one shape (joints are not blended twice): begin, then stroke_to each
 * point (the first only moves the pen; a non-finite point lifts it, so gaps stay gaps), then
 * end composites it. dash_on > 0 and dash_off > 0 give a dashed line whose pattern runs on
 * across points. Round joins and ends. */
void raster_stroke_begin(Raster *r, double width, double dash_on, double dash_off);
void raster_stroke_to(Raster *r, double x, double y);
void raster_stroke_end(Raster *r, Rgb c, double alpha);

/* Filled polygon of n points xy[2n] (even-odd rule), n <= RASTER_MAX_POLYGON. */
void raster_polygon(Raster *r, const double *xy, int n, Rgb c, double alpha);
/* The region between two curves over x[0..n) (lo[i] to hi[i] at x[i]), composited once; a
 * non-finite point leaves a gap. */
void raster_band(Raster *r, const double *x, const double *lo, const double *hi, int n, Rgb c,
                 double alpha);
/* Filled disc. */
void raster_disc(Raster *r, double cx, double cy, double radius, Rgb c, double alpha);
/* A marker centred at (cx, cy): filled with fill, outlined edge_width wide with edge (no
 * outline when edge_width <= 0). */
void raster_marker(Raster *r, MarkerShape shape, double cx, double cy, double size, Rgb fill,
                   Rgb edge, double edge_width);

/* Draws utf8 with its baseline through (x, y) (vertical: the baseline is the line x = const
 * and the text starts at y going up), aligned as st says. Returns the text's advance width. */
double raster_text(Raster *r, const TextStyle *st, double x, double y, const char *utf8);

/* A Canvas (ui/canvas.h) that draws on r, measuring text with font; both borrowed and must
 * outlive cv. The state of a stroke in progress lives in r. */
void raster_canvas(Canvas *cv, Raster *r, const Font *font);

#endif
