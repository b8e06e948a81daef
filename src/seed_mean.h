/* seed_mean.h — the figure of a --seeds run: every model's curves averaged over the seeds, with
 * their standard deviation for ±sd bands (ui/chart_build.h CurveSpread).
 *
 * The mean is taken at the first seed's evaluation steps; another seed's curve is read there by
 * linear interpolation (the steps are the same unless a history was thinned). A model that
 * diverged in a seed leaves the steps after its divergence to the other seeds; a step no seed
 * reached is left out. The legend's last values are means too. The margin histograms (and the
 * boundary) stay the first seed's: each seed bins its margins on its own range, so they do not
 * average — figures say "seed N" on them. Allocates nothing; a SeedMean is large (~1.3 MB):
 * allocate it once per run. */
#ifndef LOSSARENA_SRC_SEED_MEAN_H
#define LOSSARENA_SRC_SEED_MEAN_H

#include "core/snapshot.h"
#include "ui/chart_build.h"

typedef struct {
    int n_seeds;        /* added so far */
    Snapshot mean;      /* the first seed's, curves and last values averaged */
    CurveSpread spread; /* filled by seed_mean_finish */
    double sum[ARENA_MAX_MODELS][SPREAD_METRICS][HISTORY_CAP];
    double sumsq[ARENA_MAX_MODELS][SPREAD_METRICS][HISTORY_CAP];
    int count[ARENA_MAX_MODELS][SPREAD_METRICS][HISTORY_CAP];
    double last_sum[ARENA_MAX_MODELS][SPREAD_METRICS];
    int last_count[ARENA_MAX_MODELS];
    int diverged[ARENA_MAX_MODELS]; /* seeds in which the model diverged */
} SeedMean;

/* Adds the final state of one seed's run (same models, same steps); the first one sets the
 * steps. */
void seed_mean_add(SeedMean *sm, const Snapshot *s);
/* Writes the means into sm->mean and the standard deviations (n − 1 in the denominator; 0
 * for one seed) into sm->spread. */
void seed_mean_finish(SeedMean *sm);

#endif
