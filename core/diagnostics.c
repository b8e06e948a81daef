/* diagnostics.c — gradient attribution by margin and memorisation of flipped labels.
 * Runs inside an evaluation, once per evaluated example and model: one call of the loss table
 * with a batch of one (so its gradient is the example's own, not divided by a batch size) and
 * a stack buffer of DATASET_MAX_CLASSES floats. */
#include "core/diagnostics.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "core/dataset.h"

void diag_begin(DiagAccum *acc, GradBins *bins, float lo, float hi, int n_bins)
{
    memset(acc, 0, sizeof *acc);
    if (bins) {
        assert(n_bins >= 1 && n_bins <= HIST_MAX_BINS && hi > lo);
        memset(bins, 0, sizeof *bins);
        bins->lo = lo;
        bins->hi = hi;
        bins->n_bins = n_bins;
        acc->bins = bins;
    }
}

double diag_grad_norm(const LossDef *loss, const float *logits, int32_t c, int k)
{
    assert(k >= 2 && k <= DATASET_MAX_CLASSES);
    float g[DATASET_MAX_CLASSES];
    loss->eval(logits, &c, 1, k, g, NULL);
    double s = 0.0;
    for (int j = 0; j < k; j++)
        s += (double)g[j] * g[j];
    return sqrt(s);
}

static void bins_add(GradBins *b, float margin, double norm, bool flipped)
{
    double *slot, *slot_flipped;
    if (margin < b->lo) {
        slot = &b->below;
        slot_flipped = &b->below_flipped;
    } else if (margin >= b->hi) {
        slot = &b->above;
        slot_flipped = &b->above_flipped;
    } else {
        /* in double, as histogram_fill does, so the bins are the margin histogram's; a NaN
         * position (a range beyond the float range) lands in bin 0, never out of bounds */
        double pos = ((double)margin - b->lo) * (b->n_bins / ((double)b->hi - (double)b->lo));
        int i = pos > 0.0 ? (pos < b->n_bins ? (int)pos : b->n_bins - 1) : 0;
        slot = &b->grad[i];
        slot_flipped = &b->grad_flipped[i];
    }
    *slot += norm;
    if (flipped)
        *slot_flipped += norm;
}

void diag_add(DiagAccum *acc, const LossDef *loss, const float *logits, const int32_t *labels,
              const int32_t *clean, const uint8_t *flipped, int n, int k)
{
    diag_add_keep(acc, loss, logits, labels, clean, flipped, n, k, NULL, NULL);
}

void diag_add_keep(DiagAccum *acc, const LossDef *loss, const float *logits, const int32_t *labels,
                   const int32_t *clean, const uint8_t *flipped, int n, int k, float *margins,
                   float *norms)
{
    for (int i = 0; i < n; i++) {
        const float *row = logits + (size_t)i * k;
        bool is_flipped = flipped && flipped[i];
        int pred = metrics_argmax(row, k);
        float margin = metrics_margin(row, k, labels[i]);
        double norm = diag_grad_norm(loss, row, labels[i], k);
        if (!isfinite(norm) || !isfinite(margin))
            norm = 0.0;
        if (margins)
            margins[i] = margin;
        if (norms)
            norms[i] = (float)norm;

        acc->n++;
        acc->clean_correct += pred == clean[i];
        if (is_flipped) {
            acc->n_flipped++;
            acc->memorized += pred == labels[i];
            acc->grad_flipped += norm;
        }
        acc->grad_total += norm;
        if (margin > 0.0f) {
            acc->n_correct++;
            acc->grad_sum_correct += norm;
        } else {
            acc->n_wrong++;
            acc->grad_sum_wrong += norm;
            acc->grad_wrong += norm;
        }
        if (acc->bins && isfinite(margin))
            bins_add(acc->bins, margin, norm, is_flipped);
    }
}

Diagnostics diag_end(const DiagAccum *acc)
{
    Diagnostics d = {.n = acc->n, .n_flipped = acc->n_flipped};
    d.memorized = acc->n_flipped > 0 ? (float)((double)acc->memorized / acc->n_flipped) : -1.0f;
    d.clean_acc = acc->n > 0 ? (float)((double)acc->clean_correct / acc->n) : -1.0f;
    bool has_grad = acc->grad_total > 0.0;
    d.grad_share_flipped =
        acc->n_flipped > 0 && has_grad ? (float)(acc->grad_flipped / acc->grad_total) : -1.0f;
    d.grad_share_wrong = has_grad ? (float)(acc->grad_wrong / acc->grad_total) : -1.0f;
    d.grad_mean_correct =
        acc->n_correct > 0 ? (float)(acc->grad_sum_correct / acc->n_correct) : -1.0f;
    d.grad_mean_wrong = acc->n_wrong > 0 ? (float)(acc->grad_sum_wrong / acc->n_wrong) : -1.0f;
    return d;
}

Diagnostics diag_none(void)
{
    return (Diagnostics){.n = 0,
                         .n_flipped = 0,
                         .memorized = -1.0f,
                         .clean_acc = -1.0f,
                         .grad_share_flipped = -1.0f,
                         .grad_share_wrong = -1.0f,
                         .grad_mean_correct = -1.0f,
                         .grad_mean_wrong = -1.0f};
}

void diag_bins_fill(GradBins *b, float lo, float hi, int n_bins, const float *margins,
                    const float *norms, const uint8_t *flipped, int n)
{
    DiagAccum acc;
    diag_begin(&acc, b, lo, hi, n_bins);
    for (int i = 0; i < n; i++)
        if (isfinite(margins[i]))
            bins_add(b, margins[i], norms[i], flipped && flipped[i]);
}
