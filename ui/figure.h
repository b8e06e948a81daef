/* figure.h — publication-quality figures of a Snapshot, drawn on a Raster from the same chart
 * model (ui/chart.h) as the terminal dashboard, and written as PNG: the dashboard (loss and
 * accuracy curves, margin histograms, legend, caption) and single panels; and the
 * accuracy-vs-noise figure of a noise sweep. Knows no terminal; renders only what the Snapshot
 * and ChartView (or the SweepFigure) say. */
#ifndef LOSSARENA_UI_FIGURE_H
#define LOSSARENA_UI_FIGURE_H

#include <stddef.h>

#include "core/snapshot.h"
#include "core/status.h"
#include "ui/chart.h"
#include "ui/font.h"
#include "ui/png_out.h"
#include "ui/raster.h"

#define FIGURE_DEFAULT_W 1600
#define FIGURE_DEFAULT_H 1000
#define FIGURE_MIN_W 400
#define FIGURE_MIN_H 300
#define FIGURE_MAX_SIDE 8000

typedef enum {
    FIGURE_DASHBOARD, /* loss, accuracy, margin histograms, legend, caption */
    FIGURE_LOSS,      /* single panels, each with the legend and the caption */
    FIGURE_ACCURACY,
    FIGURE_MARGINS,
    FIGURE_COUNT
} FigureKind;

typedef enum { THEME_LIGHT, THEME_DARK, THEME_COUNT } FigureTheme;

/* The text that travels with a figure. The PngText entries point into this struct's own
 * strings: fill it in place with figure_meta and do not copy it. */
typedef struct {
    char title[128];   /* "lossarena dashboard: spiral, 12 losses, step 2000" */
    char software[48]; /* "lossarena 0.1.0" */
    char seed[24];
    char step[48];     /* "2000 (epoch 64.0)" */
    char caption[512]; /* the figure's caption line, UTF-8 */
    char config[1024]; /* the configuration in force, as command-line options (ASCII) */
    PngText text[6];   /* Title, Software, Description, Seed, Step, Configuration */
    int n_text;
} FigureMeta;

/* "dashboard", "loss", "accuracy", "margins"; figure_kind_by_name returns -1 when unknown. */
const char *figure_kind_name(FigureKind kind);
int figure_kind_by_name(const char *name);

/* The marker shape of a loss: twelve different shapes, so curves read without colour. */
MarkerShape figure_marker_shape(LossId loss);

/* The caption ("spiral · 1000 train / 1000 test · MLP 2-64-64-3 relu · adam lr 0.003 · batch
 * 64 · label noise 0% · input noise 0 · seed 1 · step 2000 (epoch 64.0)") and the
 * configuration as options ("--dataset spiral --losses log,... --seed 1 --steps 2000").
 * Either buffer may be NULL; both are always NUL-terminated (truncated if small). */
void figure_describe(const Snapshot *s, char *caption, size_t caplen, char *config, size_t conflen);
/* Fills m (in place) with the title, caption, configuration and PNG text chunks of s. */
void figure_meta(FigureMeta *m, const Snapshot *s, FigureKind kind);

/* Draws figure kind of s over the whole of r (any size; the layout and the fonts scale with
 * it). v may be NULL (every model, linear axes). font: borrowed, from font_init. Allocates
 * nothing. ST_INVAL for a bad kind or theme. */
Status figure_render(Raster *r, const Font *font, const Snapshot *s, const ChartView *v,
                     FigureKind kind, FigureTheme theme);

/* Renders figure kind at w × h (0 for either: the default 1600 × 1000; otherwise
 * FIGURE_MIN_W..FIGURE_MAX_SIDE × FIGURE_MIN_H..FIGURE_MAX_SIDE, else ST_RANGE) and writes it
 * to path with figure_meta's text chunks (png_write: temporary file + rename, byte-identical
 * for the same Snapshot). On failure returns the Status and one line in err (may be NULL)
 * naming the path and the problem; no file is left behind. Allocates the canvas and frees
 * everything before it returns. Safe to call from any one thread at a time per Snapshot. */
Status figure_write_png(const char *path, const Snapshot *s, const ChartView *v, FigureKind kind,
                        FigureTheme theme, int w, int h, char *err, size_t errlen);
/* The same with the Configuration text chunk given by the caller (src's provenance string,
 * which knows options a Snapshot does not); config NULL: built from the Snapshot. */
Status figure_write_png_config(const char *path, const Snapshot *s, const ChartView *v,
                               FigureKind kind, FigureTheme theme, int w, int h,
                               const char *config, char *err, size_t errlen);

/* ---- the accuracy-vs-noise figure of a sweep (--sweep ... --export) ---- */

#define SWEEP_FIG_MAX_LEVELS 16

/* A sweep's results: plain data the caller fills. Strings are UTF-8 (ASCII for config); they
 * are read no further than their arrays. */
typedef struct {
    char title[96];    /* e.g. "Test accuracy under label noise" */
    char x_label[48];  /* e.g. "fraction of training labels flipped" */
    char caption[320]; /* dataset, architecture, optimizer, lr, batch, epochs/steps, seeds; parts
                          separated by " · " (where it wraps) */
    char config[1024]; /* the command-line options that reproduce it (the PNG text chunk) */
    unsigned long long seed;
    int n_levels;                        /* 1..SWEEP_FIG_MAX_LEVELS */
    double levels[SWEEP_FIG_MAX_LEVELS]; /* x values in [-1e6, 1e6], strictly increasing */
    int n_models;                        /* 0..ARENA_MAX_MODELS */
    LossId loss[ARENA_MAX_MODELS];       /* colour: the model's index; marker: its loss */
    float mean[ARENA_MAX_MODELS][SWEEP_FIG_MAX_LEVELS]; /* (model, level) test accuracy in [0,1];
                                                            NaN: none (a gap in the line) */
    float sd[ARENA_MAX_MODELS][SWEEP_FIG_MAX_LEVELS];   /* over seeds; 0 when one seed */
    int n_seeds;                                        /* error bars only when > 1 */
} SweepFigure;

/* Draws f over the whole of r: one panel, test accuracy (y, fitted to the data, in percent)
 * against the level (x, a tick at each level when their labels fit), one line per model in its
 * palette colour (dashed from the seventh model on) with its loss's marker at every level,
 * ±sd error bars when n_seeds > 1, models nudged a few pixels apart sideways; a legend ranked by
 * the accuracy at the highest level, with the accuracies at the lowest and the highest; the
 * title and the caption. f: borrowed. Allocates nothing. ST_INVAL for a bad theme or an f that
 * breaks the limits above. */
Status figure_render_sweep(Raster *r, const Font *font, const SweepFigure *f, FigureTheme theme);

/* Renders f at w × h (0: 1600 × 1000; limits as figure_write_png) and writes it to path with
 * text chunks Title, Software, Description (the caption), Seed and Configuration; byte-identical
 * for identical f. On failure returns the Status and one line in err (may be NULL) naming the
 * path and the problem; no file is left behind. */
Status figure_write_sweep_png(const char *path, const SweepFigure *f, FigureTheme theme, int w,
                              int h, char *err, size_t errlen);

#endif
