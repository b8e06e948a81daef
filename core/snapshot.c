/* snapshot.c — copies an Arena into plain data for the views.
 * The one piece of judgement here is the common margin range: every model's histogram uses the
 * same bins, so that shapes compare (see snapshot_take). */
#include "core/snapshot.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Smallest 1, 2 or 5 × 10^n that is >= v (v > 0); FLT_MAX when that is beyond the float
 * range (margins of a model about to overflow), so the histogram range stays finite. */
static float nice_ceil(float v)
{
    double e = pow(10.0, floor(log10(v)));
    double m = v / e;
    double nice = m <= 1.0 ? 1.0 : m <= 2.0 ? 2.0 : m <= 5.0 ? 5.0 : 10.0;
    return nice * e < FLT_MAX ? (float)(nice * e) : FLT_MAX;
}

static void copy_model(ModelSnapshot *ms, const ArenaModel *m)
{
    ms->loss = m->loss;
    ms->diverged = m->diverged;
    ms->diverged_step = m->diverged_step;
    ms->diverged_why = m->diverged_why;
    ms->diverged_lr = m->diverged_lr;
    ms->has_eval = m->has_eval;
    ms->last = m->last;
    ms->train_loss = m->train_loss;
    ms->test_loss = m->test_loss;
    ms->train_acc = m->train_acc;
    ms->test_acc = m->test_acc;
}

void snapshot_take(Snapshot *s, const Arena *a)
{
    const DataSplit *d = a->data;
    s->cfg = a->cfg;
    snprintf(s->dataset, sizeof s->dataset, "%s", d->name);
    s->n_train = d->train.n;
    s->n_test = d->test.n;
    s->dim = a->dim;
    s->k = a->k;
    s->n_flipped = a->n_flipped;
    s->step = a->step;
    s->epoch = a->samples / d->train.n;
    s->n_models = a->n_models;

    /* The common range is the median model's spread, not the widest: one loss with huge
     * margins (log loss under label noise, a model about to diverge) would otherwise squash
     * every other histogram into a bin or two. What falls outside is counted below/above. */
    float spreads[ARENA_MAX_MODELS];
    int n_spreads = 0;
    for (int i = 0; i < a->n_models; i++) {
        const ArenaModel *m = &a->models[i];
        copy_model(&s->models[i], m);
        if (m->has_eval && !m->diverged && isfinite(m->margin_lo) && isfinite(m->margin_hi))
            spreads[n_spreads++] = fmaxf(fabsf(m->margin_lo), fabsf(m->margin_hi));
    }
    float range = n_spreads ? metrics_quantile(spreads, (size_t)n_spreads, 0.5) : 0.0f;
    range = range > 1e-6f ? nice_ceil(range) : 1.0f;
    for (int i = 0; i < a->n_models; i++) {
        const ArenaModel *m = &a->models[i];
        Histogram *h = &s->models[i].margins;
        size_t n = m->has_eval ? (size_t)a->n_train_eval : 0;
        histogram_fill(h, -range, range, SNAPSHOT_HIST_BINS, m->margins, n);
        /* A model with more than a quarter of its margins outside the common range (a confident
         * loss far past the others) would show a clipped or empty histogram: it gets a range of
         * its own, which every surface marks. */
        float own = fmaxf(fabsf(m->margin_lo), fabsf(m->margin_hi));
        s->models[i].margins_own =
            4 * ((uint64_t)h->below + h->above) > h->total && isfinite(own) && own > range;
        if (s->models[i].margins_own)
            histogram_fill(h, -nice_ceil(own), nice_ceil(own), SNAPSHOT_HIST_BINS, m->margins, n);
    }

    s->has_grid = a->dim == 2;
    s->n_points = 0;
    if (!s->has_grid)
        return;
    memcpy(s->grid_lo, a->grid_lo, sizeof s->grid_lo);
    memcpy(s->grid_hi, a->grid_hi, sizeof s->grid_hi);
    for (int i = 0; i < a->n_models; i++) {
        const ArenaModel *m = &a->models[i];
        ModelSnapshot *ms = &s->models[i];
        memcpy(ms->grid, m->grid, sizeof ms->grid);
        for (int c = 0; c < ARENA_GRID * ARENA_GRID; c++)
            ms->grid_conf[c] = (uint8_t)lrintf(255.0f * m->grid_conf[c]);
    }
    const Dataset *t = &d->train;
    int n = t->n < SNAPSHOT_MAX_POINTS ? t->n : SNAPSHOT_MAX_POINTS;
    for (int i = 0; i < n; i++) {
        s->point_x[i] = t->x ? t->x[2 * i] : t->x_u8[2 * i] * t->u8_scale;
        s->point_y[i] = t->x ? t->x[2 * i + 1] : t->x_u8[2 * i + 1] * t->u8_scale;
        s->point_class[i] = (uint8_t)a->labels[i];
        s->point_flipped[i] = a->flipped[i];
    }
    s->n_points = n;
}
