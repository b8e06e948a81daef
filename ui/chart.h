/* chart.h — the figure model: everything a figure shows, decided once and independent of where
 * it is drawn. Builders (ui/chart_build.c from a Snapshot, ui/chart_sweep.c from sweep results,
 * ui/loss_shape.c for the loss card) fill it; three surfaces draw only it: terminal cells
 * (ui/term_*.c), raster pixels written as PNG (ui/figure_*.c on ui/raster_canvas.c, ui/png_*.c)
 * and SVG vectors (ui/figure_*.c on ui/svg_canvas.c). No surface reads a Snapshot.
 * Series borrow their x/y arrays from what they were built from (the Snapshot, or the Figure
 * itself for a sweep): keep that alive and unchanged while drawing, and do not copy a Figure. */
#ifndef LOSSARENA_UI_CHART_H
#define LOSSARENA_UI_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/history.h"
#include "core/metrics.h"
#include "ui/loss_style.h"

/* train and test per model, and with smoothing (ChartView.smooth) their raw curves again */
#define CHART_MAX_SERIES (4 * ARENA_MAX_MODELS)
#define CHART_MAX_SMOOTH (2 * ARENA_MAX_MODELS)
#define CHART_MAX_TICKS 12
#define CHART_MAX_LEVELS 16

typedef enum { LINE_SOLID, LINE_DASHED } LineStyle;

/* How an axis's ticks are chosen when a surface fits them to its room. */
typedef enum {
    AXIS_NICE,    /* 1, 2, 2.5, 5 × 10^n (decades when log) */
    AXIS_WHOLE,   /* training steps: whole numbers only */
    AXIS_PERCENT, /* fractions shown as "20%" */
    AXIS_LEVELS,  /* a tick at each of levels[] when they fit, else nice ticks */
} AxisTicks;

typedef struct {
    /* what the axis must show (set by builders with chart_axis_spec) */
    double data_lo, data_hi;
    bool data_log, expand;
    AxisTicks kind;
    int n_levels;
    double levels[CHART_MAX_LEVELS];
    /* the fitted axis (chart_axis_fit; surfaces refit a copy to their own room) */
    double lo, hi; /* the visible range, in data units (both > 0 when log) */
    bool log;      /* log10 scale */
    int n_ticks;
    double ticks[CHART_MAX_TICKS]; /* in data units, within [lo, hi] */
    char tick_labels[CHART_MAX_TICKS][16];
    char label[48]; /* e.g. "step", "loss" */
    bool broken;    /* a linear axis that does not start at 0: surfaces mark the break */
} ChartAxis;

/* Which marks a series carries on the PNG/SVG surfaces (the terminal shows its letter at the
 * last point of every solid series). */
typedef enum { MARKS_FEW, MARKS_EVERY } MarkEvery;

typedef struct {
    const float *x, *y; /* borrowed: see the header comment */
    const float *err;   /* ± error per point (borrowed), or NULL */
    bool band;          /* err drawn as a shaded band around the curve (the spread over seeds),
                           not as bars */
    int n;
    /* plotted y = (y + y_offset) × y_scale: in the log and normalised views the loss above its
     * floor (y_offset = −floor), divided by its first value when normalised; else 0 and 1 */
    float y_offset;
    float y_scale;
    int model;         /* index of the model in its source (legend row, focus, clicks) */
    int color;         /* palette slot, from the loss style */
    char letter;       /* terminal marker letter */
    MarkerShape shape; /* PNG/SVG marker */
    LineStyle style;   /* train solid, test dashed (a sweep: colour slots 6+ dashed) */
    bool hollow;       /* markers drawn hollow (test curves) */
    bool focused;      /* drawn last and stronger */
    bool dimmed;       /* another model is focused */
    bool diverged;     /* the model diverged: its solid curve ends in a cross */
    bool faint;        /* the raw curve under its smoothed one: thin and pale, no marker */
    MarkEvery marks;
    int mark_rank, mark_of; /* MARKS_FEW: staggered between the visible models */
    float nudge;            /* sideways offset in the chart's nudge steps (sweeps) */
} ChartSeries;

/* A horizontal reference line: chance accuracy, a target. */
typedef struct {
    double y;
    char label[24]; /* "chance 33%", "target 95%" */
} ChartRef;

#define CHART_MAX_REFS 2

/* A change made while training (a new learning rate, label noise, ...): a thin vertical line
 * at its step with a short label ("lr×2", "noise 30%"), on the charts over steps. */
typedef struct {
    double x;       /* the step */
    char label[24]; /* UTF-8 */
} ChartMark;
#define CHART_MAX_MARKS 24

typedef struct {
    char title[96];  /* the panel title on every surface */
    bool style_key;  /* show "train — solid, test — dashed" beside the title */
    char note[128];  /* a short note right of the title, or "" */
    char empty[32];  /* what an empty plot says ("no evaluations yet") */
    bool grid_x;     /* vertical grid lines too */
    int nudge_slots; /* > 1: series are nudged apart sideways (sweeps) */
    ChartAxis x, y;
    int n_refs;
    ChartRef refs[CHART_MAX_REFS];
    int n_marks; /* within the x axis's range, in order of steps */
    ChartMark marks[CHART_MAX_MARKS];
    int n_series;
    ChartSeries series[CHART_MAX_SERIES];
    /* what smoothed series borrow their y from (ui/chart_time.h): the chart owns it */
    float smooth_y[CHART_MAX_SMOOTH][HISTORY_CAP];
} LineChart;

/* One model's margin histogram, already normalised: share[b] is the fraction of all its
 * examples in bin b; the chart's y axis is the scale every surface uses for the bars. */
typedef struct {
    int model, color;
    char letter;
    MarkerShape shape;
    char symbol[16], key[24]; /* the loss's paper symbol and id */
    char note[32];            /* "diverged", "no data", "own range ±500" or "" */
    bool diverged, dimmed, focused;
    int n_bins;     /* 0: no data */
    float lo, hi;   /* range of the bins: the chart's x axis, unless own_range */
    bool own_range; /* most margins lie beyond the shared range: binned on a range of its own,
                       which surfaces draw on an axis of its own and mark ("±500") */
    float share[HIST_MAX_BINS];
    float below, above; /* shares left of lo and right of hi */
    bool has_median;
    float median; /* the median margin, shown as a dashed line */
} HistSeries;

typedef struct {
    char title[96];
    char note[64]; /* e.g. "training examples · dashed: median" */
    char empty[32];
    ChartAxis x; /* the shared margin range, ticks inside it */
    ChartAxis y; /* share of examples: [0, the shared maximum], one for all */
    int n;       /* histograms shown */
    HistSeries h[ARENA_MAX_MODELS];
} HistChart;

#define LEGEND_MAX_CELLS 4

typedef struct {
    int model, color;
    char letter;
    MarkerShape shape;
    bool dashed; /* the line sample is dashed (a sweep's models 7+) */
    char symbol[16], key[24];
    char cell[LEGEND_MAX_CELLS][16]; /* formatted numbers, "" when there is none */
    char status[80];                 /* "NaN loss at step 812, lr 3", "not evaluated yet", or "" */
    bool diverged, hidden, focused, evaluated;
} LegendRow;

typedef struct {
    int n_cells;                    /* number columns per row */
    char group[2][24];              /* headers over cells 0-1 and 2-3 ("loss", "accuracy"),
                                       or group[0] over all ("test accuracy") */
    char sub[LEGEND_MAX_CELLS][16]; /* per column: "train", "test", "at 0.2" */
    int n_rows;
    LegendRow rows[ARENA_MAX_MODELS]; /* in the order listed (model order, or a ranking) */
    char footnote[80]; /* advice under the rows ("" for none): what to try after an early
                          divergence */
} Legend;

/* A model that diverges within this many steps was most likely started too fast: the legend
 * and the summary say what to try. */
#define CHART_EARLY_DIVERGENCE 20
#define CHART_EARLY_ADVICE "try a smaller --lr or another --init"

/* One model's decision regions on 2-D data and the training points over them. */
typedef struct {
    bool ok;        /* false: no 2-D grid to show */
    char title[64]; /* "Decision boundary · log", "(diverged)" appended */
    int model, color;
    char letter;
    char key[24];
    bool diverged;
    int grid;                  /* cells per side */
    const uint8_t *cls, *conf; /* borrowed: (grid, grid), row 0 = the lowest y; class and
                                  confidence × 255 */
    float lo[2], hi[2];        /* the input box */
    int n_points;
    const float *px, *py;        /* borrowed: training points */
    const uint8_t *pcls, *pflip; /* borrowed: their labels, flipped by label noise or not */
    char status[80]; /* a diverged model's one wording ("NaN loss at step 812, lr 3"), or "" */
} BoundaryMap;

/* Every shown model's decision boundary as small multiples on 2-D data (figure kind
 * `boundaries`): the same input box and training points in each; a diverged model's regions
 * greyed, its reason under them. Maps borrow from the Snapshot as BoundaryMap does. */
typedef struct {
    bool ok;        /* false: not available, why says so */
    char title[96]; /* "Decision boundaries of every model" */
    char note[96];  /* what the points mean: "• training point · x label flipped (300)" */
    char why[128];  /* "fashion-mnist has 784 inputs: decision boundaries need 2-D data" */
    int n;          /* maps shown: the visible models, in model order */
    BoundaryMap maps[ARENA_MAX_MODELS];
} BoundaryGrid;

/* Boundary regions are shaded by confidence in three steps, the same on every surface: the
 * step of a confidence (× 255) and how far each step mixes the class colour into the background. */
#define CHART_SHADES 3
int chart_shade_of(uint8_t conf);
float chart_shade_mix(int shade);

/* What each figure kind shows, as panels (ui/figure_kinds.h). */
enum {
    PANEL_LOSS = 1 << 0,
    PANEL_ACCURACY = 1 << 1,
    PANEL_MARGINS = 1 << 2,
    PANEL_SWEEP = 1 << 3,
    PANEL_LEGEND = 1 << 4,
    PANEL_BOUNDARY = 1 << 5, /* the focused model's decision boundary, on 2-D data */
    /* every model's decision boundary as small multiples, on 2-D data */
    PANEL_BOUNDARIES = 1 << 9,
};

/* A whole figure: the panels its kind asks for, the legend, title and caption. */
typedef struct {
    int kind;          /* FigureKind */
    unsigned panels;   /* PANEL_* */
    char title[128];   /* "lossarena dashboard: spiral, 12 losses, step 2000" */
    char caption[512]; /* dataset, architecture, optimizer ... step; parts separated by " · " */
    LineChart loss, accuracy, sweep;
    HistChart margins;
    Legend legend;
    BoundaryMap boundary;
    BoundaryGrid boundaries;
    float levels[CHART_MAX_LEVELS]; /* a sweep's x values: its series borrow them */
} Figure;

/* The value series sr plots at point i. */
static inline double chart_series_y(const ChartSeries *sr, int i)
{
    return ((double)sr->y[i] + sr->y_offset) * sr->y_scale;
}

/* Picks "nice" ticks (1, 2, 5 × 10^n; decades when log) for [lo, hi], at most max_ticks of
 * them, and may widen lo/hi outward to the nearest tick when expand. Labels are short
 * ("0.25", "1e-3", "12k"). Handles lo == hi and non-finite input by choosing a unit range. */
void axis_fit(ChartAxis *ax, double lo, double hi, bool log, int max_ticks, bool expand);
/* Position of v on the axis as a fraction in [0, 1] (can fall outside when v is out of range;
 * non-positive values on a log axis map to the bottom). */
double axis_frac(const ChartAxis *ax, double v);

/* Declares what ax must show; the label is kept. */
void chart_axis_spec(ChartAxis *ax, double lo, double hi, bool log, bool expand, AxisTicks kind);
/* (Re)fits ax's ticks to at most max_ticks from its spec: what surfaces call with the room
 * they have, on their own copy. Allocates nothing. */
void chart_axis_fit(ChartAxis *ax, int max_ticks);

/* The one architecture string: "2-64-64-3 relu" (inputs, hidden widths, classes, activation). */
void chart_arch_text(char *out, size_t n, int dim, const ArenaConfig *c, int k);

/* The one wording of a diverged model: "NaN loss at step 812, lr 3". */
void chart_diverged_text(char *out, size_t n, DivergeReason why, long step, double lr);

#endif
