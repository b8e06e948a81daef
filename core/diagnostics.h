/* diagnostics.h — why losses differ: which examples a loss takes its gradient from, and whether
 * a model memorises flipped labels. Computed at evaluation time from what the evaluation already
 * has (logits, the labels trained on, the clean labels, the flip mask); the per-example gradient
 * comes from the loss table, w.r.t. the logits, so no extra backward pass through the network.
 * An accumulator fed in chunks (evaluation runs in minibatch-sized pieces); nothing allocates. */
#ifndef LOSSARENA_CORE_DIAGNOSTICS_H
#define LOSSARENA_CORE_DIAGNOSTICS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/loss.h"
#include "core/metrics.h"

/* Gradient mass per margin bin: bin b covers [lo + b·w, lo + (b+1)·w), w = (hi − lo) / n_bins;
 * margins below lo and at or above hi are counted in below/above, so shares always sum to 1. */
typedef struct {
    float lo, hi;
    int n_bins;                         /* 1..HIST_MAX_BINS */
    double grad[HIST_MAX_BINS];         /* Σ ‖∂ℓ/∂o‖ of the examples in the bin */
    double grad_flipped[HIST_MAX_BINS]; /* the part of grad[b] from label-flipped examples */
    double below, above;                /* Σ ‖∂ℓ/∂o‖ outside [lo, hi) */
    double below_flipped, above_flipped;
} GradBins;

/* The running sums. Zero-initialise with diag_begin; feed with diag_add; read with diag_end. */
typedef struct {
    long n, n_flipped, n_correct, n_wrong;
    long clean_correct; /* predicted == clean label */
    long memorized;     /* flipped examples predicted as their flipped (trained-on) label */
    double grad_total, grad_flipped, grad_wrong;
    double grad_sum_correct, grad_sum_wrong;
    GradBins *bins; /* borrowed: filled too when non-NULL; valid until diag_end */
} DiagAccum;

/* What one evaluation tells about one model. "Correct" and "wrong" are against the labels the
 * model trains on (margin > 0 / margin <= 0), since those are what the loss sees. The shares and
 * memorisation are −1 when they are undefined: no flipped example, or no gradient at all. */
typedef struct {
    long n, n_flipped;
    float memorized;          /* share of flipped examples predicted as their flipped label */
    float clean_acc;          /* accuracy against the clean (true) labels */
    float grad_share_flipped; /* share of Σ‖∂ℓ/∂o‖ from flipped examples */
    float grad_share_wrong;   /* share of Σ‖∂ℓ/∂o‖ from examples with margin <= 0 */
    float grad_mean_correct; /* mean ‖∂ℓ/∂o‖ over examples with margin > 0; −1 if none */
    float grad_mean_wrong; /* mean ‖∂ℓ/∂o‖ over examples with margin <= 0; −1 if none */
} Diagnostics;

/* Starts an accumulation; bins (may be NULL) is cleared and set to n_bins bins over [lo, hi). */
void diag_begin(DiagAccum *acc, GradBins *bins, float lo, float hi, int n_bins);
/* Adds n examples: logits (n, k) raw outputs; labels (n) trained on; clean (n) true labels;
 * flipped (n) 1 where labels[i] != clean[i], or NULL when there is no label noise. k must not
 * exceed DATASET_MAX_CLASSES. Non-finite logits are the arena's business (divergence); here
 * such an example still counts in n but contributes no gradient. */
void diag_add(DiagAccum *acc, const LossDef *loss, const float *logits, const int32_t *labels,
              const int32_t *clean, const uint8_t *flipped, int n, int k);
/* As diag_add, and keeps each example's margin and ‖∂ℓ/∂o‖ (0 where non-finite) in
 * margins[0..n) and norms[0..n), so that they can be binned later on a range chosen then. */
void diag_add_keep(DiagAccum *acc, const LossDef *loss, const float *logits,
                   const int32_t *labels, const int32_t *clean, const uint8_t *flipped, int n,
                   int k, float *margins, float *norms);
/* The shares and means of everything added. */
Diagnostics diag_end(const DiagAccum *acc);

/* The diagnostics of no evaluation: n = 0 and every value −1 (undefined). */
Diagnostics diag_none(void);

/* Bins n examples' gradient norms by their margins into b (n_bins bins over [lo, hi), as
 * diag_begin); flipped may be NULL. Non-finite margins are left out, as in diag_add. */
void diag_bins_fill(GradBins *b, float lo, float hi, int n_bins, const float *margins,
                    const float *norms, const uint8_t *flipped, int n);

/* ‖∂ℓ/∂o‖₂ of one example of class c under loss (the per-example loss, not the batch mean). */
double diag_grad_norm(const LossDef *loss, const float *logits, int32_t c, int k);

#endif
