/* seed_mean.c — see seed_mean.h. */
#include "src/seed_mean.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

/* Where each metric's history sits in a ModelSnapshot, in SPREAD_* order. */
static const size_t history_offset[SPREAD_METRICS] = {
    offsetof(ModelSnapshot, train_loss), offsetof(ModelSnapshot, test_loss),
    offsetof(ModelSnapshot, train_acc), offsetof(ModelSnapshot, test_acc)};

static const History *metric_history(const ModelSnapshot *ms, int metric)
{
    return (const History *)(const void *)((const char *)ms + history_offset[metric]);
}

static double metric_last(const EvalResult *r, int metric)
{
    switch (metric) {
    case SPREAD_TRAIN_LOSS:
        return r->train_loss;
    case SPREAD_TEST_LOSS:
        return r->test_loss;
    case SPREAD_TRAIN_ACC:
        return r->train_acc;
    default:
        return r->test_acc;
    }
}

/* h read at step x: linear between its neighbouring points; NaN outside its range (a model
 * that diverged has no value after its last good evaluation). */
static double value_at(const History *h, double x)
{
    if (h->n == 0 || x < h->x[0] || x > h->x[h->n - 1])
        return NAN;
    int lo = 0, hi = h->n - 1;
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (h->x[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    if (h->x[lo] == x || hi == lo)
        return h->y[lo];
    if (h->x[hi] == x)
        return h->y[hi];
    double t = (x - h->x[lo]) / (h->x[hi] - h->x[lo]);
    return h->y[lo] + t * (h->y[hi] - h->y[lo]);
}

void seed_mean_add(SeedMean *sm, const Snapshot *s)
{
    if (sm->n_seeds == 0) {
        memset(sm, 0, sizeof *sm);
        sm->mean = *s;
    }
    sm->n_seeds++;
    for (int m = 0; m < sm->mean.n_models && m < s->n_models; m++) {
        const ModelSnapshot *ms = &s->models[m];
        for (int k = 0; k < SPREAD_METRICS; k++) {
            const History *at = metric_history(&sm->mean.models[m], k);
            const History *h = metric_history(ms, k);
            for (int i = 0; i < at->n; i++) {
                double v = value_at(h, at->x[i]);
                if (!isfinite(v))
                    continue;
                sm->sum[m][k][i] += v;
                sm->sumsq[m][k][i] += v * v;
                sm->count[m][k][i]++;
            }
        }
        sm->diverged[m] += ms->diverged;
        if (ms->has_eval && !ms->diverged) {
            for (int k = 0; k < SPREAD_METRICS; k++)
                sm->last_sum[m][k] += metric_last(&ms->last, k);
            sm->last_count[m]++;
        }
    }
}

void seed_mean_finish(SeedMean *sm)
{
    sm->spread.n_seeds = sm->n_seeds;
    for (int m = 0; m < sm->mean.n_models; m++) {
        ModelSnapshot *ms = &sm->mean.models[m];
        for (int k = 0; k < SPREAD_METRICS; k++) {
            History *h = (History *)(void *)((char *)ms + history_offset[k]);
            int n = 0;
            for (int i = 0; i < h->n; i++) {
                int c = sm->count[m][k][i];
                if (c == 0)
                    continue; /* no seed reached this step */
                double mean = sm->sum[m][k][i] / c;
                double var = c > 1 ? (sm->sumsq[m][k][i] - c * mean * mean) / (c - 1) : 0.0;
                h->x[n] = h->x[i];
                h->y[n] = (float)mean;
                sm->spread.sd[m][k][n] = (float)sqrt(var > 0 ? var : 0.0);
                n++;
            }
            h->n = n;
        }
        /* diverged when it diverged in every seed (its curves end); else the means go on */
        ms->diverged = sm->diverged[m] == sm->n_seeds;
        int c = sm->last_count[m];
        if (c > 0) {
            ms->last.train_loss = (float)(sm->last_sum[m][SPREAD_TRAIN_LOSS] / c);
            ms->last.test_loss = (float)(sm->last_sum[m][SPREAD_TEST_LOSS] / c);
            ms->last.train_acc = (float)(sm->last_sum[m][SPREAD_TRAIN_ACC] / c);
            ms->last.test_acc = (float)(sm->last_sum[m][SPREAD_TEST_ACC] / c);
        }
    }
}
