/* test_metrics.c — prediction (argmax, first on ties), the decision margin of DESIGN.md, the
 * in-place median and nearest-rank quantile against qsort on awkward inputs, and histogram
 * binning: edges, below/above, clamped bin counts, non-finite values skipped. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/metrics.h"
#include "core/rng.h"

#define MAX_N 1001

static int cmp_float(const void *pa, const void *pb)
{
    float a = *(const float *)pa, b = *(const float *)pb;
    return (a > b) - (a < b);
}

static void test_metrics_argmax_first_on_ties(void **state)
{
    (void)state;
    const float a[4] = {1, 3, 3, 2};
    const float b[5] = {-2, -2, -2, -2, -2};
    const float c[3] = {-5, -1, -1};
    const float d[3] = {0.5f, -INFINITY, 0.5f};
    const float e[2] = {-INFINITY, -INFINITY};
    const float f[6] = {0, 0, 0, 0, 0, 1e-30f};
    assert_int_equal(metrics_argmax(a, 4), 1);
    assert_int_equal(metrics_argmax(b, 5), 0);
    assert_int_equal(metrics_argmax(c, 3), 1);
    assert_int_equal(metrics_argmax(d, 3), 0);
    assert_int_equal(metrics_argmax(e, 2), 0);
    assert_int_equal(metrics_argmax(f, 6), 5);
    assert_int_equal(metrics_argmax(a, 1), 0);
    /* the largest in every position */
    for (int pos = 0; pos < 7; pos++) {
        float v[7] = {0.1f, 0.2f, 0.3f, 0.1f, 0.2f, 0.3f, 0.0f};
        v[pos] = 9.0f;
        assert_int_equal(metrics_argmax(v, 7), pos);
    }
}

static void test_metrics_margin_sign_and_value(void **state)
{
    (void)state;
    const float o[4] = {0.5f, 2.0f, -1.0f, 1.25f};
    assert_float_equal(metrics_margin(o, 4, 1), 0.75f, 0.0f);  /* correct: 2 − 1.25 */
    assert_float_equal(metrics_margin(o, 4, 3), -0.75f, 0.0f); /* wrong: 1.25 − 2 */
    assert_float_equal(metrics_margin(o, 4, 2), -3.0f, 0.0f);  /* −1 − 2 */
    assert_float_equal(metrics_margin(o, 4, 0), -1.5f, 0.0f);
    const float tie[3] = {3.0f, 3.0f, 0.0f};
    assert_float_equal(metrics_margin(tie, 3, 0), 0.0f, 0.0f);
    assert_float_equal(metrics_margin(tie, 3, 1), 0.0f, 0.0f);
    const float two[2] = {-4.0f, 1.0f};
    assert_float_equal(metrics_margin(two, 2, 0), -5.0f, 0.0f);
    assert_float_equal(metrics_margin(two, 2, 1), 5.0f, 0.0f);
    /* positive margin ⇔ argmax is the true class (no ties) */
    Rng r;
    rng_seed(&r, 1, 0);
    for (int t = 0; t < 1000; t++) {
        float v[5];
        for (int j = 0; j < 5; j++)
            v[j] = (float)rng_normal(&r);
        int c = (int)rng_below(&r, 5);
        assert_true((metrics_margin(v, 5, c) > 0.0f) == (metrics_argmax(v, 5) == c));
    }
}

static float sorted_median(const float *s, size_t n)
{
    return n % 2 ? s[n / 2] : 0.5f * (s[n / 2 - 1] + s[n / 2]);
}

/* metrics_median on v equals the qsort median, and leaves v a permutation of its input. */
static void check_median(const float *v, size_t n, const char *what)
{
    static float work[MAX_N], sorted[MAX_N], after[MAX_N];
    memcpy(work, v, n * sizeof *v);
    memcpy(sorted, v, n * sizeof *v);
    qsort(sorted, n, sizeof *sorted, cmp_float);
    float got = metrics_median(work, n), want = sorted_median(sorted, n);
    if (!(got == want))
        fail_msg("%s (n=%zu): median %.9g, want %.9g", what, n, got, want);
    memcpy(after, work, n * sizeof *v);
    qsort(after, n, sizeof *after, cmp_float);
    assert_memory_equal(after, sorted, n * sizeof *v);
}

static void test_metrics_median_small_cases(void **state)
{
    (void)state;
    const float one[1] = {4};
    const float two[2] = {3, 1};
    const float three[3] = {2, 9, -1};
    const float four[4] = {4, 1, 3, 2};
    const float dup[6] = {5, 5, 1, 5, 1, 5};
    const float same[5] = {7, 7, 7, 7, 7};
    check_median(one, 1, "one");
    check_median(two, 2, "two");
    check_median(three, 3, "three");
    check_median(four, 4, "four");
    check_median(dup, 6, "duplicates");
    check_median(same, 5, "all equal");
    float w[4] = {4, 1, 3, 2};
    assert_float_equal(metrics_median(w, 4), 2.5f, 0.0f);
    float x[3] = {2, 9, -1};
    assert_float_equal(metrics_median(x, 3), 2.0f, 0.0f);
}

static void test_metrics_median_sorted_reversed_random(void **state)
{
    (void)state;
    static float v[MAX_N];
    Rng r;
    rng_seed(&r, 17, 0);
    for (size_t n = 1; n <= MAX_N; n += (n < 40 ? 1 : 37)) {
        for (size_t i = 0; i < n; i++)
            v[i] = (float)i * 0.5f - 3.0f;
        check_median(v, n, "sorted");
        for (size_t i = 0; i < n; i++)
            v[i] = (float)(n - i);
        check_median(v, n, "reversed");
        for (size_t i = 0; i < n; i++)
            v[i] = (float)rng_normal(&r);
        check_median(v, n, "random");
        for (size_t i = 0; i < n; i++)
            v[i] = (float)rng_below(&r, 3); /* many duplicates */
        check_median(v, n, "three values");
        for (size_t i = 0; i < n; i++) /* organ pipe: up then down */
            v[i] = (float)(i < n / 2 ? i : n - i);
        check_median(v, n, "organ pipe");
    }
}

static void test_metrics_quantile_matches_nearest_rank(void **state)
{
    (void)state;
    static float v[MAX_N], work[MAX_N], sorted[MAX_N];
    static const double qs[] = {0.0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 1.0};
    Rng r;
    rng_seed(&r, 18, 0);
    for (size_t n = 1; n <= MAX_N; n += (n < 20 ? 1 : 53)) {
        for (size_t i = 0; i < n; i++)
            v[i] = (float)rng_below(&r, 50) - 25.0f;
        memcpy(sorted, v, n * sizeof *v);
        qsort(sorted, n, sizeof *sorted, cmp_float);
        for (size_t qi = 0; qi < sizeof qs / sizeof qs[0]; qi++) {
            memcpy(work, v, n * sizeof *v);
            size_t rank = (size_t)floor(qs[qi] * (double)(n - 1) + 0.5);
            float got = metrics_quantile(work, n, qs[qi]);
            if (!(got == sorted[rank]))
                fail_msg("n=%zu q=%g: %.9g, want %.9g", n, qs[qi], got, sorted[rank]);
        }
        memcpy(work, v, n * sizeof *v);
        assert_true(metrics_quantile(work, n, 0.0) == sorted[0]);
        memcpy(work, v, n * sizeof *v);
        assert_true(metrics_quantile(work, n, 1.0) == sorted[n - 1]);
    }
    float five[5] = {50, 10, 40, 20, 30};
    assert_float_equal(metrics_quantile(five, 5, 0.25), 20.0f, 0.0f);
    assert_float_equal(metrics_quantile(five, 5, 0.5), 30.0f, 0.0f);
    assert_float_equal(metrics_quantile(five, 5, 0.9), 50.0f, 0.0f); /* rank 3.6 → 4 */
}

static void test_metrics_histogram_counts_edges_and_outliers(void **state)
{
    (void)state;
    const float v[] = {-0.1f, 0.0f, 0.24f, 0.25f,    0.5f,      0.99f, nextafterf(1.0f, 0.0f),
                       1.0f,  2.0f, NAN,   INFINITY, -INFINITY, -NAN};
    Histogram h;
    memset(&h, 0xab, sizeof h); /* filling must reset every field */
    histogram_fill(&h, 0.0f, 1.0f, 4, v, sizeof v / sizeof v[0]);
    assert_float_equal(h.lo, 0.0f, 0.0f);
    assert_float_equal(h.hi, 1.0f, 0.0f);
    assert_int_equal(h.n_bins, 4);
    assert_int_equal(h.counts[0], 2); /* 0, 0.24 */
    assert_int_equal(h.counts[1], 1); /* 0.25 */
    assert_int_equal(h.counts[2], 1); /* 0.5 */
    assert_int_equal(h.counts[3], 2); /* 0.99, just below 1 */
    for (int b = 4; b < HIST_MAX_BINS; b++)
        assert_int_equal(h.counts[b], 0);
    assert_int_equal(h.below, 1);
    assert_int_equal(h.above, 2);
    assert_int_equal(h.total, 9); /* the four non-finite values are skipped entirely */
}

static void test_metrics_histogram_bins_clamped(void **state)
{
    (void)state;
    const float v[3] = {-1.0f, 0.0f, 0.9f};
    Histogram h;
    histogram_fill(&h, -1.0f, 1.0f, 0, v, 3);
    assert_int_equal(h.n_bins, 1);
    assert_int_equal(h.counts[0], 3);
    histogram_fill(&h, -1.0f, 1.0f, 1000, v, 3);
    assert_int_equal(h.n_bins, HIST_MAX_BINS);
    assert_int_equal(h.counts[0], 1);
    assert_int_equal(h.counts[HIST_MAX_BINS / 2], 1);
    assert_int_equal(h.total, 3);
    histogram_fill(&h, -1.0f, 1.0f, HIST_MAX_BINS + 1, v, 3);
    assert_int_equal(h.n_bins, HIST_MAX_BINS);
    histogram_fill(&h, -1.0f, 1.0f, -3, v, 3);
    assert_int_equal(h.n_bins, 1);
    histogram_fill(&h, 0.0f, 1.0f, 5, NULL, 0);
    assert_int_equal(h.total, 0);
    assert_int_equal(h.n_bins, 5);
}

/* An infinite range (a degenerate caller) still counts every finite value in bounds. */
static void test_metrics_histogram_infinite_range_is_safe(void **state)
{
    (void)state;
    const float v[5] = {-3e38f, -1.0f, 0.0f, 2.0f, 3e38f};
    const float ranges[3][2] = {{-INFINITY, INFINITY}, {-INFINITY, 0.0f}, {0.0f, INFINITY}};
    for (int r = 0; r < 3; r++) {
        Histogram h;
        histogram_fill(&h, ranges[r][0], ranges[r][1], 8, v, 5);
        assert_int_equal(h.total, 5);
        uint32_t sum = h.below + h.above;
        for (int b = 0; b < HIST_MAX_BINS; b++)
            sum += h.counts[b];
        assert_int_equal(sum, 5);
    }
    /* a huge but finite range bins normally: ±2^127 in bins 2^126 wide (exact arithmetic);
     * −1, 0 and 2 all sit at the middle edge and share bin 2 */
    const float w[5] = {-1.5e38f, -1.0f, 0.0f, 2.0f, 1.5e38f};
    Histogram h;
    histogram_fill(&h, -ldexpf(1.0f, 127), ldexpf(1.0f, 127), 4, w, 5);
    assert_int_equal(h.counts[0], 1);
    assert_int_equal(h.counts[1], 0);
    assert_int_equal(h.counts[2], 3);
    assert_int_equal(h.counts[3], 1);
}

/* Random values against a direct computation of each value's bin. */
static void test_metrics_histogram_matches_naive_binning(void **state)
{
    (void)state;
    enum { COUNT = 5000, BINS = 37 };
    static float v[COUNT];
    Rng r;
    rng_seed(&r, 19, 0);
    for (int i = 0; i < COUNT; i++)
        v[i] = (float)(rng_normal(&r) * 2.0);
    const float lo = -3.5f, hi = 4.25f;
    uint32_t want[BINS] = {0}, below = 0, above = 0;
    for (int i = 0; i < COUNT; i++) {
        if (v[i] < lo) {
            below++;
            continue;
        }
        if (v[i] >= hi) {
            above++;
            continue;
        }
        int b = 0;
        while (b + 1 < BINS && (double)v[i] >= lo + (b + 1) * ((double)hi - lo) / BINS)
            b++;
        want[b]++;
    }
    Histogram h;
    histogram_fill(&h, lo, hi, BINS, v, COUNT);
    assert_int_equal(h.below, below);
    assert_int_equal(h.above, above);
    assert_int_equal(h.total, COUNT);
    uint32_t sum = h.below + h.above;
    for (int b = 0; b < BINS; b++) {
        if (h.counts[b] != want[b])
            fail_msg("bin %d: %u, want %u", b, h.counts[b], want[b]);
        sum += h.counts[b];
    }
    assert_int_equal(sum, h.total);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics_argmax_first_on_ties),
        cmocka_unit_test(test_metrics_margin_sign_and_value),
        cmocka_unit_test(test_metrics_median_small_cases),
        cmocka_unit_test(test_metrics_median_sorted_reversed_random),
        cmocka_unit_test(test_metrics_quantile_matches_nearest_rank),
        cmocka_unit_test(test_metrics_histogram_counts_edges_and_outliers),
        cmocka_unit_test(test_metrics_histogram_bins_clamped),
        cmocka_unit_test(test_metrics_histogram_infinite_range_is_safe),
        cmocka_unit_test(test_metrics_histogram_matches_naive_binning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
