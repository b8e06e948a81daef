/* svg_canvas.h — the Canvas of ui/canvas.h as SVG elements streamed to a FILE: the vector
 * surface of the figures. Numbers are printed with fixed precision, so the same drawing gives
 * the same bytes. Text stays text (<text>/<tspan>), in the font-family stack of its <g>. */
#ifndef LOSSARENA_UI_SVG_CANVAS_H
#define LOSSARENA_UI_SVG_CANVAS_H

#include <stdbool.h>
#include <stdio.h>

#include "ui/canvas.h"

typedef struct {
    FILE *fp;       /* borrowed: written to, never opened or closed here */
    int next_clip;  /* ids of <clipPath> elements */
    bool clip_open; /* a clipped <g> is open */
    /* the stroke being drawn */
    double stroke_w, dash_on, dash_off, stroke_alpha;
    Rgb stroke_rgb;
    bool run_open; /* a <polyline> is open */
} SvgCanvas;

/* A Canvas that writes to fp; s and font are borrowed and must outlive cv. */
void svg_canvas(Canvas *cv, SvgCanvas *s, FILE *fp, const Font *font, int w, int h);
/* Closes what is still open (a polyline, a clipped group). */
void svg_canvas_finish(SvgCanvas *s);
/* Writes s as XML character data (&, <, >, quotes escaped; control characters dropped). */
void svg_escape(FILE *fp, const char *s, size_t n);

#endif
