/* dataset_synth.c — the seeded synthetic 2-D datasets (spiral, circles, xor, gauss, moons,
 * checker) as one table of generators, and synth_generate that turns a SynthConfig into a
 * balanced, shuffled train/test pair. Owns no state: everything comes from the config's seed,
 * so the same config always gives bit-identical data. Never prints or exits. */
#include "core/dataset.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"

#define PI 3.14159265358979323846

/* Draws one point of class c (of k) into xy[0..2). noise is the kind's own jitter scale. */
typedef void (*SynthPointFn)(Rng *r, int c, int k, double noise, float *xy);

typedef struct {
    const char *name;
    SynthPointFn point;
    int min_k, max_k, default_k;
    double default_noise; /* in the units described next to the generator */
} SynthDef;

/* Spiral (CS231n recipe): arm c starts at angle c*2π/K and winds SPIRAL_WINDING rad while the
 * radius goes 0 → 1. noise: std of the angle, in radians. Arms meet at the centre, so the task
 * is hard near the origin but learnable elsewhere. 8 rad (1.3 turns) is chosen for the lesson:
 * with a 2-64-64 MLP and Adam every loss ends near 100 % in 3000 steps, but at step 500 the
 * hinge family leads and the expectation losses still lag (~80 %), as the paper predicts. */
#define SPIRAL_WINDING 8.0
static void synth_spiral(Rng *r, int c, int k, double noise, float *xy)
{
    double rad = rng_uniform(r);
    double a = c * 2.0 * PI / k + rad * SPIRAL_WINDING + noise * rng_normal(r);
    xy[0] = (float)(rad * sin(a));
    xy[1] = (float)(rad * cos(a));
}

/* Circles: ring c has radius (c+1)/K, so the outer ring touches the unit circle. noise: std
 * of the radial jitter as a fraction of the ring spacing 1/K, so the default is equally hard
 * for every K. */
static void synth_circles(Rng *r, int c, int k, double noise, float *xy)
{
    double a = 2.0 * PI * rng_uniform(r);
    double rad = (c + 1.0) / k + noise / k * rng_normal(r);
    xy[0] = (float)(rad * cos(a));
    xy[1] = (float)(rad * sin(a));
}

/* XOR (TF Playground): uniform in [-1,1]^2, class 0 where x*y > 0, class 1 elsewhere; the point
 * is drawn in a quadrant of its class. noise: std of the position jitter added after
 * labelling, in box units (so it flips labels near the axes). */
static void synth_xor(Rng *r, int c, int k, double noise, float *xy)
{
    (void)k;
    double sx = rng_uniform(r) < 0.5 ? -1.0 : 1.0;
    double sy = c == 0 ? sx : -sx;
    double x = sx * rng_uniform(r);
    double y = sy * rng_uniform(r);
    xy[0] = (float)(x + noise * rng_normal(r));
    xy[1] = (float)(y + noise * rng_normal(r));
}

/* Gaussian blobs: centre c at angle c*2π/K (from π/4, so 4 blobs sit in the quadrants) on a
 * circle of radius 0.6. noise: the blobs' std, in box units. */
static void synth_gauss(Rng *r, int c, int k, double noise, float *xy)
{
    double a = PI / 4.0 + c * 2.0 * PI / k;
    xy[0] = (float)(0.6 * cos(a) + noise * rng_normal(r));
    xy[1] = (float)(0.6 * sin(a) + noise * rng_normal(r));
}

/* Moons (sklearn's make_moons): upper arc (cos t, sin t) and lower arc (1 - cos t,
 * 0.5 - sin t), t in [0, π]; together they span [-1, 2] x [-0.5, 1], recentred and scaled by
 * 1/1.5 into [-1, 1] x [-0.5, 0.5]. noise: std of the jitter, in box units (after scaling). */
static void synth_moons(Rng *r, int c, int k, double noise, float *xy)
{
    (void)k;
    double t = PI * rng_uniform(r);
    double x = c == 0 ? cos(t) : 1.0 - cos(t);
    double y = c == 0 ? sin(t) : 0.5 - sin(t);
    xy[0] = (float)((x - 0.5) / 1.5 + noise * rng_normal(r));
    xy[1] = (float)((y - 0.25) / 1.5 + noise * rng_normal(r));
}

/* Checkerboard: a 4x4 grid of cells over [-1,1]^2, cell (i,j) has class (i+j) % K. A point
 * picks one of its class's cells uniformly, then a uniform position inside it (for K = 3 the
 * classes own 6, 5, 5 cells, so densities differ slightly while counts stay balanced).
 * noise: std of the position jitter as a fraction of the cell width 0.5. */
#define CHECKER_CELLS 4
static void synth_checker(Rng *r, int c, int k, double noise, float *xy)
{
    int cells[CHECKER_CELLS * CHECKER_CELLS];
    int m = 0;
    for (int i = 0; i < CHECKER_CELLS; i++)
        for (int j = 0; j < CHECKER_CELLS; j++)
            if ((i + j) % k == c)
                cells[m++] = i * CHECKER_CELLS + j;
    int cell = cells[rng_below(r, (uint32_t)m)];
    double w = 2.0 / CHECKER_CELLS;
    double x = -1.0 + w * (cell / CHECKER_CELLS + rng_uniform(r));
    double y = -1.0 + w * (cell % CHECKER_CELLS + rng_uniform(r));
    xy[0] = (float)(x + noise * w * rng_normal(r));
    xy[1] = (float)(y + noise * w * rng_normal(r));
}

/* Indexed by SynthKind. Default noise is what "--dataset NAME" alone gives: each kind fittable
 * by a small MLP, but not trivially. */
static const SynthDef synth_defs[SYNTH_COUNT] = {
    [SYNTH_SPIRAL] = {"spiral", synth_spiral, 2, 8, 3, 0.2},
    [SYNTH_CIRCLES] = {"circles", synth_circles, 2, 6, 2, 0.2},
    [SYNTH_XOR] = {"xor", synth_xor, 2, 2, 2, 0.05},
    [SYNTH_GAUSS] = {"gauss", synth_gauss, 2, 10, 4, 0.15},
    [SYNTH_MOONS] = {"moons", synth_moons, 2, 2, 2, 0.1},
    [SYNTH_CHECKER] = {"checker", synth_checker, 2, 4, 2, 0.02},
};

/* One RNG stream per purpose and split, so the train set does not depend on n_test (and the
 * other way round), and label order does not shift the points' draws. */
enum {
    STREAM_TRAIN_LABELS = 1,
    STREAM_TRAIN_POINTS = 2,
    STREAM_TEST_LABELS = 3,
    STREAM_TEST_POINTS = 4,
};

static const SynthDef *synth_def(SynthKind kind)
{
    if ((int)kind < 0 || kind >= SYNTH_COUNT)
        return NULL;
    return &synth_defs[kind];
}

/* Fills an allocated 2-D dataset: labels j % k for j < n (balanced to within one), shuffled,
 * then one point per example drawn from its class. order is scratch of d->n entries. */
static void synth_fill(Dataset *d, const SynthDef *def, double noise, uint64_t seed,
                       uint64_t label_stream, uint64_t point_stream, uint32_t *order)
{
    Rng r;
    for (int j = 0; j < d->n; j++)
        order[j] = (uint32_t)(j % d->k);
    rng_seed(&r, seed, label_stream);
    rng_shuffle(&r, order, (size_t)d->n);

    rng_seed(&r, seed, point_stream);
    for (int j = 0; j < d->n; j++) {
        d->y[j] = (int32_t)order[j];
        def->point(&r, d->y[j], d->k, noise, d->x + (size_t)j * 2);
    }
}

Status synth_generate(DataSplit *out, const SynthConfig *cfg)
{
    memset(out, 0, sizeof *out);
    const SynthDef *def = synth_def(cfg->kind);
    if (def == NULL || cfg->n_train <= 0 || cfg->n_test <= 0 || !(cfg->noise >= 0.0) ||
        !isfinite(cfg->noise))
        return ST_INVAL;
    int k = cfg->classes == 0 ? def->default_k : cfg->classes;
    if (k < def->min_k || k > def->max_k)
        return ST_RANGE;

    uint32_t *order = NULL;
    Status st = dataset_alloc(&out->train, cfg->n_train, 2, k, false);
    if (st != ST_OK)
        goto fail;
    st = dataset_alloc(&out->test, cfg->n_test, 2, k, false);
    if (st != ST_OK)
        goto fail;
    size_t most = (size_t)(cfg->n_train > cfg->n_test ? cfg->n_train : cfg->n_test);
    order = malloc(most * sizeof *order);
    if (order == NULL) {
        st = ST_NOMEM;
        goto fail;
    }

    synth_fill(&out->train, def, cfg->noise, cfg->seed, STREAM_TRAIN_LABELS, STREAM_TRAIN_POINTS,
               order);
    synth_fill(&out->test, def, cfg->noise, cfg->seed, STREAM_TEST_LABELS, STREAM_TEST_POINTS,
               order);
    free(order);
    snprintf(out->name, sizeof out->name, "%s", def->name);
    return ST_OK;

fail:
    free(order);
    datasplit_free(out);
    return st;
}

int synth_by_name(const char *name)
{
    if (name == NULL)
        return -1;
    for (int i = 0; i < SYNTH_COUNT; i++)
        if (strcmp(name, synth_defs[i].name) == 0)
            return i;
    return -1;
}

const char *synth_name(SynthKind kind)
{
    const SynthDef *def = synth_def(kind);
    return def != NULL ? def->name : "unknown";
}

void synth_class_range(SynthKind kind, int *min_k, int *max_k, int *default_k)
{
    const SynthDef *def = synth_def(kind);
    *min_k = def != NULL ? def->min_k : 0;
    *max_k = def != NULL ? def->max_k : 0;
    *default_k = def != NULL ? def->default_k : 0;
}

double synth_default_noise(SynthKind kind)
{
    const SynthDef *def = synth_def(kind);
    return def != NULL ? def->default_noise : 0.0;
}
