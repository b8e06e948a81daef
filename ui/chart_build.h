/* chart_build.h — the builders that turn a Snapshot (through what the user chose to see) into
 * the figure model of ui/chart.h, plus the text that says how a figure was made. The only ui
 * code besides the loss card that reads a Snapshot; surfaces never include this header. */
#ifndef LOSSARENA_UI_CHART_BUILD_H
#define LOSSARENA_UI_CHART_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/snapshot.h"
#include "core/status.h"
#include "ui/chart.h"
#include "ui/chart_time.h"
#include "ui/figure_kinds.h"

/* What the user chose to see; shared by the dashboard and the exported figures. */
/* The spread of each model's curves over the seeds of a --seeds run (src/seed_mean.h): the
 * standard deviation at each point of the mean curves its Snapshot holds. */
enum { SPREAD_TRAIN_LOSS, SPREAD_TEST_LOSS, SPREAD_TRAIN_ACC, SPREAD_TEST_ACC, SPREAD_METRICS };
typedef struct {
    int n_seeds;
    float sd[ARENA_MAX_MODELS][SPREAD_METRICS][HISTORY_CAP];
} CurveSpread;

typedef struct {
    bool log_y;
    bool normalise;                /* loss curves divided by their first value */
    bool hidden[ARENA_MAX_MODELS]; /* models not drawn */
    int focused;                   /* model index, or -1 */
    double target_acc;             /* > 0: a line at this test accuracy (--target-acc) */
    FigureKind screen;             /* the dashboard view on screen (`v`); a snapshot draws it */
    TimeAxis time_axis;            /* the step axis of the loss and accuracy charts */
    long time_window;              /* TIME_AXIS_WINDOW: steps shown */
    bool smooth;                   /* curves as their debiased EMA, raw ones faint */
    const CurveSpread *spread;     /* borrowed, or NULL: the curves are means over seeds and
                                      get ±sd bands */
    int n_marks;                   /* changes made while training, oldest first */
    ChartMark marks[CHART_MAX_MARKS];
} ChartView;

/* What every builder asks of a Snapshot and a view: the models it holds (clamped to
 * [0, ARENA_MAX_MODELS]), whether model m is shown (not hidden), and the focused model when it
 * is shown (else -1). */
int chart_model_count(const Snapshot *s);
bool chart_model_visible(const Snapshot *s, const ChartView *v, int m);
int chart_focus_of(const Snapshot *s, const ChartView *v);
/* The visible models in drawing order, the focused one last (on top), into order; rank[m] is
 * model m's place among the visible in model order (surfaces stagger markers by it). Returns
 * how many are visible. */
int chart_draw_order(const Snapshot *s, const ChartView *v, int order[], int rank[]);
/* Appends n points of h as a curve of model m, in its colour and marker, focused, dimmed and
 * diverged as the model is; second: the dashed, hollow-marked curve of its pair. Returns it for
 * the caller's own settings, or NULL when n <= 0 or c is full. */
ChartSeries *chart_add_model_curve(LineChart *c, const Snapshot *s, int m, const History *h, int n,
                                   bool second, int focus);

/* Builders. v may be NULL (every model, linear axes). Series borrow s's arrays. The axes are
 * fitted to max_ticks_* once; surfaces refit them to their room (chart_axis_fit). */
/* Loss curves (train solid, test dashed) of every visible model. */
void chart_build_loss(LineChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x,
                      int max_ticks_y);
/* Accuracy curves, train and test, y in [0, 1]. */
void chart_build_accuracy(LineChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x,
                          int max_ticks_y);
/* Margin histograms of every visible model, as shares on one shared y scale. */
void chart_build_margins(HistChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x);
/* One legend row per model (hidden ones flagged), in model order. */
void chart_build_legend(Legend *l, const Snapshot *s, const ChartView *v);
/* Model m's decision boundary (b->ok false when s has no 2-D grid or m is out of range). */
void chart_build_boundary(BoundaryMap *b, const Snapshot *s, int m);
/* The whole figure of kind (its panels, legend, title, caption). ST_INVAL for a bad kind or a
 * sweep kind (see chart_sweep.h). Allocates nothing. */
Status figure_build(Figure *f, const Snapshot *s, const ChartView *v, FigureKind kind);

/* The caption ("spiral · 1000 train / 1000 test · MLP 2-64-64-3 relu · adam lr 0.003 · batch
 * 64 · label noise 0% · input noise 0 · seed 1 · step 2000 (epoch 64.0)") and the
 * configuration as options ("--dataset spiral --losses log,... --seed 1 --steps 2000").
 * Either buffer may be NULL; both are always NUL-terminated (truncated if small). */
void figure_describe(const Snapshot *s, char *caption, size_t caplen, char *config, size_t conflen);

/* Formatting shared by every surface's legend. */
void chart_format_loss(char *out, size_t n, double v);
void chart_format_acc(char *out, size_t n, double v);

#endif
