/* figure_out.h — writes a figure model (ui/chart.h) as a PNG (pixels, ui/png_figure.c) or an SVG
 * (vectors, ui/svg_figure.c) onto a stream the caller opened, with its provenance: the program
 * version, the seed and the full configuration, in PNG text chunks or SVG <metadata>. Both are
 * laid out by ui/figure_draw.h, so they show the same figure; both are byte-identical for the
 * same model and metadata. ui opens, renames and removes no file: src/export.c does. */
#ifndef LOSSARENA_UI_FIGURE_OUT_H
#define LOSSARENA_UI_FIGURE_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "core/status.h"
#include "ui/chart.h"
#include "ui/figure_draw.h"

/* The text that travels with a figure. */
typedef struct {
    char title[128];   /* the figure's title */
    char software[48]; /* "lossarena 0.1.0" */
    char seed[24];
    char step[48];     /* "2000 (epoch 64.00)", or "" (a sweep) */
    char caption[512]; /* the figure's caption line, UTF-8 */
    char config[4096]; /* the configuration, as the caller hands it over (ASCII) */
} FigureMeta;

/* Fills m from fig (title, caption), the seed, a step text (may be NULL) and the configuration
 * string src hands over (may be NULL); strings are truncated to fit. */
void figure_meta_init(FigureMeta *m, const Figure *fig, unsigned long long seed, const char *step,
                      const char *config);

/* Checks a figure size: 0 × 0 means the default 1600 × 1000 (w, h are set to it); otherwise
 * FIGURE_MIN_W..FIGURE_MAX_SIDE × FIGURE_MIN_H..FIGURE_MAX_SIDE, else ST_RANGE with one line in
 * err naming name and the limits. */
Status figure_size_check(int *w, int *h, const char *name, char *err, size_t errlen);

/* Draws fig at w × h (as figure_size_check) and writes it to fp as a PNG with m's text chunks
 * (Title, Software, Description, Seed, Step, Configuration). name is what messages call the
 * destination. On failure returns the Status and one line in err (may be NULL). Allocates the
 * canvas and frees it before it returns. */
Status png_figure_write(FILE *fp, const char *name, const Figure *fig, const FigureMeta *m,
                        FigureTheme theme, int w, int h, char *err, size_t errlen);

/* The same figure as SVG 1.1 text: polylines for series, <text> in a generic font-family stack
 * (editable in Inkscape or Illustrator), marker shapes, rects for histograms, m in <metadata>.
 * Same arguments and errors as png_figure_write; allocates only the font. */
Status svg_figure_write(FILE *fp, const char *name, const Figure *fig, const FigureMeta *m,
                        FigureTheme theme, int w, int h, char *err, size_t errlen);

#endif
