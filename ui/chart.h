/* chart.h — the chart model: what a figure shows, independent of where it is drawn.
 * Built from a Snapshot by the chart_build_* functions, then drawn by two surfaces: the terminal
 * (ui/term_*.c, braille/ASCII cells) and the raster canvas that becomes a PNG (ui/raster.c,
 * ui/figure.c). Series point into the Snapshot they were built from (borrowed). */
#ifndef LOSSARENA_UI_CHART_H
#define LOSSARENA_UI_CHART_H

#include <stdbool.h>

#include "core/snapshot.h"

#define CHART_MAX_SERIES (2 * ARENA_MAX_MODELS)
#define CHART_MAX_TICKS 12

typedef enum { LINE_SOLID, LINE_DASHED } LineStyle;

typedef struct {
    const float *x, *y; /* borrowed: valid while the source Snapshot is unchanged */
    int n;
    float y_scale;   /* y values are multiplied by this (per-model normalisation); 1 otherwise */
    int model;       /* index of the model in the Snapshot */
    LossId loss;     /* its loss: picks the colour and marker */
    LineStyle style; /* train solid, test dashed */
    bool focused;    /* drawn last and stronger */
} ChartSeries;

typedef struct {
    double lo, hi;   /* the visible range, in data units (both > 0 when log) */
    bool log;        /* log10 scale */
    int n_ticks;
    double ticks[CHART_MAX_TICKS];       /* in data units, within [lo, hi] */
    char tick_labels[CHART_MAX_TICKS][16];
    char label[32];  /* e.g. "step", "loss" */
} ChartAxis;

typedef struct {
    char title[64];
    ChartAxis x, y;
    int n_series;
    ChartSeries series[CHART_MAX_SERIES];
} LineChart;

typedef struct {
    char title[64];
    float lo, hi;     /* the shared margin range */
    int n_models;
    int models[ARENA_MAX_MODELS]; /* which snapshot models are shown, in order */
    int focused;      /* snapshot model index, or -1 */
    ChartAxis x;      /* ticks of the margin axis */
} HistChart;

/* What the user chose to see; shared by the dashboard and the PNG figures. */
typedef struct {
    bool log_y;
    bool normalise;                 /* loss curves divided by their first value */
    bool hidden[ARENA_MAX_MODELS];  /* models not drawn */
    int focused;                    /* model index, or -1 */
} ChartView;

/* Picks "nice" ticks (1, 2, 5 × 10^n; decades when log) for [lo, hi], at most max_ticks of
 * them, and may widen lo/hi outward to the nearest tick when expand. Labels are short
 * ("0.25", "1e-3", "12k"). Handles lo == hi and non-finite input by choosing a unit range. */
void axis_fit(ChartAxis *ax, double lo, double hi, bool log, int max_ticks, bool expand);
/* Position of v on the axis as a fraction in [0, 1] (can fall outside when v is out of range;
 * non-positive values on a log axis map to the bottom). */
double axis_frac(const ChartAxis *ax, double v);

/* Loss curves (train solid, test dashed) of every visible model. */
void chart_build_loss(LineChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x,
                      int max_ticks_y);
/* Accuracy curves, train and test, y in [0, 1]. */
void chart_build_accuracy(LineChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x,
                          int max_ticks_y);
/* Margin histograms of every visible model. */
void chart_build_margins(HistChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x);

#endif
