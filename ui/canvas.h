/* canvas.h — the drawing interface of the picture surfaces: what the figure layout
 * (ui/figure_*.c) draws with, implemented once for pixels (ui/raster_canvas.c, a Raster that
 * becomes a PNG) and once for vectors (ui/svg_canvas.c). Both measure text with the same
 * bitmap font metrics, so the layout — and so the picture — is the same on both.
 * Coordinates are pixels, x right, y down. Text may carry subscripts: "o_c", "D_CS", "_{j≠c}". */
#ifndef LOSSARENA_UI_CANVAS_H
#define LOSSARENA_UI_CANVAS_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/font.h"
#include "ui/loss_style.h"
#include "ui/palette.h"

typedef enum { TEXT_LEFT, TEXT_CENTER, TEXT_RIGHT } TextAlign;

typedef struct {
    FontFace face;
    double size;     /* line height in pixels */
    TextAlign align; /* where x is: at the left end, centre or right end of the text */
    bool vertical;   /* rotated 90° counter-clockwise (reads bottom to top) */
    Rgb color;
} CanvasText;

typedef struct {
    void (*fill)(void *impl, Rgb c);
    void (*rect)(void *impl, double x0, double y0, double x1, double y1, Rgb c, double alpha);
    void (*line)(void *impl, double x0, double y0, double x1, double y1, double width, Rgb c,
                 double alpha);
    /* a polyline: begin, to each point (a non-finite point lifts the pen), end */
    void (*stroke_begin)(void *impl, double width, double dash_on, double dash_off, Rgb c,
                         double alpha);
    void (*stroke_to)(void *impl, double x, double y);
    void (*stroke_end)(void *impl);
    void (*marker)(void *impl, MarkerShape shape, double cx, double cy, double size, Rgb fill,
                   Rgb edge, double edge_width);
    /* utf8 with its baseline through (x, y), aligned as t says (vertical: x is the baseline) */
    void (*text)(void *impl, const CanvasText *t, double x, double y, const char *utf8);
    void (*clip)(void *impl, double x0, double y0, double x1, double y1);
    void (*unclip)(void *impl);
    /* the region between two curves over the same x[0..n): lo[i]..hi[i] at x[i], filled once
     * (overlaps are not blended twice); a non-finite point breaks the band */
    void (*band)(void *impl, const double *x, const double *lo, const double *hi, int n, Rgb c,
                 double alpha);
} CanvasOps;

typedef struct {
    const CanvasOps *ops;
    void *impl;       /* borrowed: the Raster or SvgCanvas drawn on */
    const Font *font; /* borrowed: metrics for measuring text */
    int w, h;
} Canvas;

/* A run of text: plain, or a subscript (set smaller and lower). */
typedef struct {
    const char *p;
    size_t n;
    bool sub;
} CanvasRun;

#define CANVAS_MAX_RUNS 16
#define CANVAS_SUB_SCALE 0.72 /* subscript size / text size */
#define CANVAS_SUB_DROP 0.2   /* subscript baseline drop / text size */

/* Splits s at its subscripts ("_c", "_CS", "_{j≠c}") into at most max runs. */
int canvas_text_runs(const char *s, CanvasRun *runs, int max);
/* Width in pixels of s (with its subscripts) in face at size px. */
double canvas_text_width(const Canvas *cv, FontFace face, double size, const char *s);

#endif
