/* metrics.h — what we measure of a model's outputs: predictions, decision margins, medians and
 * fixed-bin histograms. Pure functions over caller-owned arrays; nothing allocates. */
#ifndef LOSSARENA_CORE_METRICS_H
#define LOSSARENA_CORE_METRICS_H

#include <stddef.h>
#include <stdint.h>

#define HIST_MAX_BINS 64

typedef struct {
    float lo, hi;                  /* range of the bins; values outside land in below/above */
    int n_bins;                    /* 1..HIST_MAX_BINS equal-width bins over [lo, hi) */
    uint32_t counts[HIST_MAX_BINS];
    uint32_t below, above;         /* values < lo, values >= hi */
    uint32_t total;                /* every value counted, including below/above */
} Histogram;

/* Index of the largest of row[0..k); the first one on ties. The prediction of every loss. */
int metrics_argmax(const float *row, int k);
/* Decision margin of one example of true class c: o_c − max_{j≠c} o_j (positive = correct). */
float metrics_margin(const float *row, int k, int c);
/* Median of v[0..n), n > 0. Reorders v (selection in place). */
float metrics_median(float *v, size_t n);
/* The q-quantile (0 <= q <= 1, nearest rank) of v[0..n), n > 0. Reorders v. */
float metrics_quantile(float *v, size_t n, double q);
/* Counts v[0..n) into bins equal-width bins over [lo, hi). Non-finite values are skipped. */
void histogram_fill(Histogram *h, float lo, float hi, int bins, const float *v, size_t n);

#endif
