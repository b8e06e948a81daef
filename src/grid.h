/* grid.h — an experiment grid: axes of values (lr, batch, optimizer, activation, hidden,
 * label-noise, input-noise) crossed into grid points, each run once per seed. Owns parsing of
 * `--grid AXIS=VALUES`, the order of runs, what a run changes in the configuration, the CSV
 * columns that name a run's point, and the split of the runs into balanced shards.
 * Plain data: an AppConfig holds its Grid by value. */
#ifndef LOSSARENA_SRC_GRID_H
#define LOSSARENA_SRC_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

typedef enum {
    AXIS_LR,
    AXIS_BATCH,
    AXIS_OPTIMIZER,
    AXIS_ACTIVATION,
    AXIS_HIDDEN,
    AXIS_LABEL_NOISE,
    AXIS_INPUT_NOISE,
    AXIS_COUNT
} GridAxisKind;

#define GRID_MAX_VALUES 32
#define GRID_MAX_SEEDS 100
#define GRID_MAX_RUNS 100000

typedef struct {
    double x;     /* lr, batch, noise; or the optimizer / activation id */
    int n_hidden; /* hidden axis: the widths */
    int hidden[MLP_MAX_HIDDEN];
} GridValue;

typedef struct {
    GridAxisKind kind;
    int n;
    GridValue v[GRID_MAX_VALUES];
} GridAxis;

typedef struct {
    int n_axes; /* in the order given; the first varies slowest */
    GridAxis axes[AXIS_COUNT];
    int n_seeds; /* >= 1 once grid_finish ran */
    uint64_t seeds[GRID_MAX_SEEDS];
    bool seeds_given;     /* a seed axis was given (--grid seed=... or --seeds) */
    unsigned replaceable; /* bit k: axis kind k came from a preset, and the command
                             line may give it again, replacing it in place (grid_seal) */
    bool keep_lr;         /* --lr given: an optimizer axis keeps it instead of its default */
    bool image_data;      /* image data: an optimizer axis takes the image default lr */
} Grid;

/* Parses one `AXIS=VALUES` (seed too) into g. Values are comma-separated; seed and batch take
 * ranges A..B; hidden takes widths joined by 'x' (hidden=64x64,256x128). Returns false with a
 * one-line message naming the axis and value. */
bool grid_parse_axis(Grid *g, const char *spec, char *err, size_t errlen);
/* Adds an axis built elsewhere (--sweep); false with a message when it is already there,
 * unless it came from an earlier source (grid_seal): then the new values replace it. */
bool grid_add_axis(Grid *g, const GridAxis *axis, char *err, size_t errlen);
/* Ends one source of options (a preset): a later one may replace the axes given so far, as
 * the command line replaces any option of a preset. */
void grid_seal(Grid *g);
/* Seeds first..first+n-1 unless a seed axis was given (then false when n > 1: both set them). */
bool grid_set_seed_range(Grid *g, uint64_t first, int n, char *err, size_t errlen);
/* Checks the size of the whole grid; false with a message. */
bool grid_check(const Grid *g, char *err, size_t errlen);

int grid_points(const Grid *g); /* product of the axes' sizes */
static inline int grid_runs(const Grid *g)
{
    return grid_points(g) * g->n_seeds;
}
/* Run r is point r / n_seeds with seed index r % n_seeds. */
/* The value index of axis a at point p. */
int grid_value_index(const Grid *g, int point, int axis);
const GridAxis *grid_find(const Grid *g, GridAxisKind kind); /* or NULL */
const char *grid_axis_name(GridAxisKind kind);               /* "lr", "label-noise", ... */

/* Sets what run r changes (its point's values and its seed) in a; the rest stays. */
void grid_apply(const Grid *g, int run, ArenaConfig *a);

/* "lr=0.001 label-noise=0.4" (empty for a grid without axes). */
void grid_point_label(const Grid *g, int point, char *buf, size_t n);
/* One value as text ("0.001", "adam", "64x64"). */
void grid_value_text(const GridAxis *axis, int i, char *buf, size_t n);

/* CSV columns appended for the grid's axes that are no column already (seed, label_noise and
 * input_noise are): ",lr,hidden" and ",0.001,64x64", in the fixed order of GridAxisKind. */
void grid_csv_names(const Grid *g, char *buf, size_t n);
void grid_csv_values(const Grid *g, int point, char *buf, size_t n);

/* Relative cost of run r, from what changes between runs: examples per run (steps x batch, or
 * epochs) times the multiply-adds of an example through the net (input width in_dim, which the
 * caller estimates from the dataset's name). Deterministic: every shard computes the same. */
double grid_run_cost(const Grid *g, int run, long steps, double epochs, int batch,
                     const int *hidden, int n_hidden, int in_dim);

/* Shard k (1-based) of n: the runs the k-th of n processes does, in run order, into out (room
 * for grid_runs). Runs go, most expensive first, to the least loaded shard (ties: lowest
 * shard, lowest run), so the shards finish about together. cost[r] for every run. */
int grid_shard_runs(const double *cost, int n_runs, int k, int n, int *out);

#endif
