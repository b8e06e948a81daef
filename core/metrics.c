#include "core/metrics.h"

#include <math.h>
#include <string.h>

int metrics_argmax(const float *row, int k)
{
    int best = 0;
    for (int j = 1; j < k; j++)
        if (row[j] > row[best])
            best = j;
    return best;
}

float metrics_margin(const float *row, int k, int c)
{
    float other = -INFINITY;
    for (int j = 0; j < k; j++)
        if (j != c && row[j] > other)
            other = row[j];
    return row[c] - other;
}

static void swapf(float *a, float *b)
{
    float t = *a;
    *a = *b;
    *b = t;
}

/* Hoare-style quickselect: the k-th smallest lands at v[k]. Median-of-three pivots keep sorted
 * and reversed inputs (common for margins) linear. */
static float select_kth(float *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo])
            swapf(&v[mid], &v[lo]);
        if (v[hi] < v[lo])
            swapf(&v[hi], &v[lo]);
        if (v[hi] < v[mid])
            swapf(&v[hi], &v[mid]);
        float pivot = v[mid];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                swapf(&v[i], &v[j]);
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            break;
    }
    return v[k];
}

float metrics_median(float *v, size_t n)
{
    if (n == 0)
        return NAN;
    float upper = select_kth(v, n, n / 2);
    if (n % 2)
        return upper;
    /* Even count: the lower middle is the largest of the lower half. */
    float lower = v[0];
    for (size_t i = 1; i < n / 2; i++)
        if (v[i] > lower)
            lower = v[i];
    return 0.5f * (lower + upper);
}

float metrics_quantile(float *v, size_t n, double q)
{
    if (n == 0)
        return NAN;
    double pos = q * (double)(n - 1) + 0.5;
    size_t k = pos <= 0 ? 0 : (size_t)pos;
    return select_kth(v, n, k < n ? k : n - 1);
}

void histogram_fill(Histogram *h, float lo, float hi, int bins, const float *v, size_t n)
{
    memset(h, 0, sizeof *h);
    if (bins < 1)
        bins = 1;
    if (bins > HIST_MAX_BINS)
        bins = HIST_MAX_BINS;
    h->lo = lo;
    h->hi = hi;
    h->n_bins = bins;
    const double scale = bins / ((double)hi - (double)lo);
    for (size_t i = 0; i < n; i++) {
        float x = v[i];
        if (!isfinite(x))
            continue;
        h->total++;
        if (x < lo) {
            h->below++;
        } else if (x >= hi) {
            h->above++;
        } else {
            /* pos is NaN only for an infinite range: that lands in bin 0, never at an
             * undefined index */
            double pos = ((double)x - lo) * scale;
            h->counts[pos > 0.0 ? (pos < bins ? (int)pos : bins - 1) : 0]++;
        }
    }
}
