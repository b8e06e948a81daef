/* chart_sweep.h — the results of a noise sweep as plain data, and the builder that turns them
 * into the figure model (ui/chart.h): test accuracy against the noise level, one line per
 * model with error bars, and a legend ranked by the accuracy at the highest level. */
#ifndef LOSSARENA_UI_CHART_SWEEP_H
#define LOSSARENA_UI_CHART_SWEEP_H

#include "core/status.h"
#include "ui/chart.h"

#define SWEEP_FIG_MAX_LEVELS CHART_MAX_LEVELS

/* A sweep's results: plain data the caller fills. Strings are UTF-8 (ASCII for config); they
 * are read no further than their arrays. */
typedef struct {
    char title[96];    /* e.g. "Test accuracy under label noise" */
    char x_label[48];  /* e.g. "fraction of training labels flipped" */
    char caption[320]; /* dataset, architecture, optimizer, lr, batch, epochs/steps, seeds; parts
                          separated by " · " (where it wraps) */
    unsigned long long seed;
    int n_levels;                        /* 1..SWEEP_FIG_MAX_LEVELS */
    double levels[SWEEP_FIG_MAX_LEVELS]; /* x values in [-1e6, 1e6], strictly increasing */
    int n_models;                        /* 0..ARENA_MAX_MODELS */
    LossId loss[ARENA_MAX_MODELS];       /* colour and marker: its loss's style */
    float mean[ARENA_MAX_MODELS][SWEEP_FIG_MAX_LEVELS]; /* (model, level) test accuracy in [0,1];
                                                            NaN: none (a gap in the line) */
    float sd[ARENA_MAX_MODELS][SWEEP_FIG_MAX_LEVELS];   /* over seeds; 0 when one seed */
    int n_seeds;                                        /* error bars only when > 1 */
} SweepFigure;

/* Why sw cannot be drawn ("the noise levels do not increase"), or NULL when it can. */
const char *sweep_problem(const SweepFigure *sw);

/* The sweep figure of sw into f: series borrow sw's means and sds and f's own copy of the
 * levels, so keep sw alive and f in place while drawing. ST_INVAL when sweep_problem. */
Status figure_build_sweep(Figure *f, const SweepFigure *sw);

#endif
