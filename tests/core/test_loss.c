/* test_loss.c — the loss table against finite differences, known values, the identities of
 * research/paper.md §2.1, extreme logits and the table's own metadata.
 * Reference values are recomputed here in double straight from the paper's formulas, so a
 * shared mistake in the fast paths of core/loss.c cannot hide itself. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/dataset.h"
#include "core/loss.h"
#include "core/rng.h"

#define MAX_BATCH 17
#define MAX_K 10
#define FD_STEP (1.0 / 1024.0) /* a power of two: o ± h is exact in float for |o| < 8192 */

/* |got − want| ≤ abs_tol + rel_tol·max(|got|, |want|), reported with a caller-supplied label. */
static void assert_close(double got, double want, double abs_tol, double rel_tol, const char *what)
{
    double tol = abs_tol + rel_tol * fmax(fabs(got), fabs(want));
    if (!(fabs(got - want) <= tol))
        fail_msg("%s: got %.17g, want %.17g (|diff| %.3g > tol %.3g)", what, got, want,
                 fabs(got - want), tol);
}

static double eval_mean(LossId id, const float *logits, const int32_t *labels, int batch, int k,
                        float *grad, float *per_example)
{
    return loss_def(id)->eval(logits, labels, batch, k, grad, per_example);
}

/* Reference softmax in double, independent of core/loss.c. */
static void ref_softmax(const float *o, int k, double *p)
{
    double m = o[0];
    for (int j = 1; j < k; j++)
        m = fmax(m, o[j]);
    double z = 0.0;
    for (int j = 0; j < k; j++)
        z += p[j] = exp((double)o[j] - m);
    for (int j = 0; j < k; j++)
        p[j] /= z;
}

/* The per-example loss written literally as in paper.md's table (general-y forms). */
static double ref_loss(LossId id, const float *o, int c, int k)
{
    double p[MAX_K], y[MAX_K];
    ref_softmax(o, k, p);
    for (int j = 0; j < k; j++)
        y[j] = j == c ? 1.0 : 0.0;
    double sum = 0.0, mx = 0.0, py = 0.0, pp = 0.0, yy = 0.0;
    for (int j = 0; j < k; j++) {
        py += p[j] * y[j];
        pp += p[j] * p[j];
        yy += y[j] * y[j];
    }
    for (int j = 0; j < k; j++) {
        double yh = 2.0 * y[j] - 1.0;
        double slack = fmax(0.0, 0.5 - yh * o[j]);
        switch (id) {
        case LOSS_LOG: /* y_j = 0 terms skipped: 0·log 0 is 0, not NaN */
            if (y[j] != 0.0)
                sum += -y[j] * log(p[j]);
            break;
        case LOSS_LOG2:
            if (y[j] != 0.0)
                sum += (y[j] * log(p[j])) * (y[j] * log(p[j]));
            break;
        case LOSS_L1:
            sum += fabs(y[j] - o[j]);
            break;
        case LOSS_L2:
            sum += (y[j] - o[j]) * (y[j] - o[j]);
            break;
        case LOSS_L1_SOFTMAX:
            sum += fabs(y[j] - p[j]);
            break;
        case LOSS_L2_SOFTMAX:
            sum += (y[j] - p[j]) * (y[j] - p[j]);
            break;
        case LOSS_LINF_SOFTMAX:
            mx = fmax(mx, fabs(p[j] - y[j]));
            break;
        case LOSS_HINGE:
            sum += slack;
            break;
        case LOSS_HINGE2:
            sum += slack * slack;
            break;
        case LOSS_HINGE3:
            sum += slack * slack * slack;
            break;
        default:
            break;
        }
    }
    if (id == LOSS_LINF_SOFTMAX)
        return mx;
    if (id == LOSS_TANIMOTO)
        return -py / (pp + yy - py);
    if (id == LOSS_CAUCHY_SCHWARZ)
        return -log(py / (sqrt(pp) * sqrt(yy)));
    return sum;
}

/* True when some logit lies within a few steps of a kink of L1 (o = y) or of the hinge family
 * (ŷ·o = ½): a central difference across a kink measures the average of two one-sided slopes. */
static int near_kink(double o)
{
    static const double kinks[] = {-0.5, 0.0, 0.5, 1.0};
    for (size_t i = 0; i < sizeof kinks / sizeof kinks[0]; i++)
        if (fabs(o - kinks[i]) < 4.0 * FD_STEP)
            return 1;
    return 0;
}

static void random_case(Rng *r, int batch, int k, double scale, float *logits, int32_t *labels)
{
    for (int i = 0; i < batch * k; i++) {
        float v;
        do
            v = (float)(scale * rng_normal(r));
        while (near_kink(v));
        logits[i] = v;
    }
    for (int b = 0; b < batch; b++)
        labels[b] = (int32_t)rng_below(r, (uint32_t)k);
}

/* ---- gradients ---- */

/* Every gradient entry against a central difference of the double mean. Steps are exact
 * (power of two), the loss is evaluated in double, and kinks are avoided, so the only error is
 * the truncation h²·f'''/6 plus the float rounding of the analytic gradient. The absolute
 * tolerance 2h² ≈ 1.9e-6 covers hinge³, whose f''' = 6 makes the difference off by exactly h²;
 * every other loss passes with 1e-9 absolute, and all with 1e-5 relative (checked over 12 seeds).
 * Large logits (scale 30) are included: the softmax losses are then saturated and their
 * gradients tiny, which the relative tolerance still resolves. */
static void test_loss_gradient_matches_finite_differences(void **state)
{
    LossId id = *(const LossId *)*state;
    static const int ks[] = {2, 3, 10};
    static const int batches[] = {1, 4, 17};
    static const double scales[] = {0.1, 1.0, 5.0, 30.0};
    float logits[MAX_BATCH * MAX_K], grad[MAX_BATCH * MAX_K];
    int32_t labels[MAX_BATCH];
    Rng r;
    rng_seed(&r, 1234, (uint64_t)id);
    for (size_t ki = 0; ki < 3; ki++)
        for (size_t bi = 0; bi < 3; bi++)
            for (size_t si = 0; si < 4; si++)
                for (int rep = 0; rep < 2; rep++) {
                    int k = ks[ki], batch = batches[bi];
                    random_case(&r, batch, k, scales[si], logits, labels);
                    eval_mean(id, logits, labels, batch, k, grad, NULL);
                    for (int i = 0; i < batch * k; i++) {
                        float o = logits[i];
                        float hi = (float)(o + FD_STEP), lo = (float)(o - FD_STEP);
                        logits[i] = hi;
                        double up = eval_mean(id, logits, labels, batch, k, NULL, NULL);
                        logits[i] = lo;
                        double down = eval_mean(id, logits, labels, batch, k, NULL, NULL);
                        logits[i] = o;
                        double fd = (up - down) / ((double)hi - (double)lo);
                        char what[128];
                        snprintf(what, sizeof what, "%s k=%d batch=%d scale=%g entry %d",
                                 loss_def(id)->key, k, batch, scales[si], i);
                        assert_close(grad[i], fd, 2.0 * FD_STEP * FD_STEP, 1e-5, what);
                    }
                }
}

/* L1's derivative at a tie is taken as 0, and the hinge indicator is strict, so a logit sitting
 * exactly on a kink gets no push. */
static void test_loss_gradient_at_kinks_is_zero(void **state)
{
    (void)state;
    const float o[3] = {1.0f, 0.0f, 0.0f};   /* L1: o = y exactly */
    const float h[3] = {0.5f, -0.5f, -0.5f}; /* hinge: ŷ·o = ½ exactly */
    const int32_t c = 0;
    float g[3];
    assert_close(eval_mean(LOSS_L1, o, &c, 1, 3, g, NULL), 0.0, 0.0, 0.0, "L1 at y");
    for (int i = 0; i < 3; i++)
        assert_true(g[i] == 0.0f);
    for (LossId id = LOSS_HINGE; id <= LOSS_HINGE3; id++) {
        assert_close(eval_mean(id, h, &c, 1, 3, g, NULL), 0.0, 0.0, 0.0, loss_def(id)->key);
        for (int i = 0; i < 3; i++)
            assert_true(g[i] == 0.0f);
    }
}

/* At uniform p the true-class gradient of CE is −(1 − 1/k); D_CS matches it there (paper §3). */
static void test_loss_uniform_logits_true_class_gradient(void **state)
{
    (void)state;
    for (int k = 2; k <= MAX_K; k++) {
        float o[MAX_K] = {0}, g[MAX_K];
        int32_t c = k - 1;
        for (int j = 0; j < k; j++)
            o[j] = 0.25f;
        eval_mean(LOSS_LOG, o, &c, 1, k, g, NULL);
        assert_close(g[c], -(1.0 - 1.0 / k), 1e-7, 0.0, "log at uniform");
        eval_mean(LOSS_CAUCHY_SCHWARZ, o, &c, 1, k, g, NULL);
        assert_close(g[c], -(1.0 - 1.0 / k), 1e-7, 0.0, "D_CS at uniform");
        assert_close(g[0], 1.0 / k, 1e-7, 0.0, "D_CS wrong class at uniform");
    }
}

/* ---- values ---- */

/* Each loss against the literal table formula on random logits of moderate size. */
static void test_loss_values_match_paper_formulas(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 77, 0);
    float logits[MAX_BATCH * MAX_K], per[MAX_BATCH];
    int32_t labels[MAX_BATCH];
    for (int k = 2; k <= MAX_K; k++)
        for (int rep = 0; rep < 5; rep++) {
            random_case(&r, MAX_BATCH, k, 1.0 + rep, logits, labels);
            for (LossId id = 0; id < LOSS_COUNT; id++) {
                double mean = eval_mean(id, logits, labels, MAX_BATCH, k, NULL, per);
                double want_mean = 0.0;
                for (int b = 0; b < MAX_BATCH; b++) {
                    double want = ref_loss(id, logits + b * k, labels[b], k);
                    want_mean += want / MAX_BATCH;
                    assert_close(per[b], want, 1e-6, 1e-6, loss_def(id)->key);
                }
                assert_close(mean, want_mean, 1e-12, 1e-10, loss_def(id)->key);
            }
        }
}

static void test_loss_log_of_equal_logits_is_ln_k(void **state)
{
    (void)state;
    for (int k = 2; k <= MAX_K; k++) {
        float o[MAX_K];
        for (int j = 0; j < k; j++)
            o[j] = -3.5f;
        for (int32_t c = 0; c < k; c++) {
            assert_close(eval_mean(LOSS_LOG, o, &c, 1, k, NULL, NULL), log((double)k), 1e-14, 0.0,
                         "log");
            assert_close(eval_mean(LOSS_LOG2, o, &c, 1, k, NULL, NULL), log(k) * log(k), 1e-13, 0.0,
                         "log2");
        }
    }
}

static void test_loss_hinge_is_zero_beyond_the_margin(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 5, 0);
    float o[MAX_BATCH * MAX_K], g[MAX_BATCH * MAX_K];
    int32_t labels[MAX_BATCH];
    for (int k = 2; k <= MAX_K; k++) {
        for (int b = 0; b < MAX_BATCH; b++) {
            labels[b] = (int32_t)rng_below(&r, (uint32_t)k);
            for (int j = 0; j < k; j++) {
                /* ŷ_j·o_j ≥ ½, including exactly ½ */
                double excess = b == 0 ? 0.0 : 3.0 * rng_uniform(&r);
                o[b * k + j] = (float)((j == labels[b] ? 1.0 : -1.0) * (0.5 + excess));
            }
        }
        for (LossId id = LOSS_HINGE; id <= LOSS_HINGE3; id++) {
            assert_true(eval_mean(id, o, labels, MAX_BATCH, k, g, NULL) == 0.0);
            for (int i = 0; i < MAX_BATCH * k; i++)
                assert_true(g[i] == 0.0f);
        }
    }
}

/* Logit 30 on the true class: p is one-hot to ~1e-13, where tan = −1 and D_CS = 0 exactly. */
static void test_loss_tanimoto_and_cs_reach_their_minimum_at_the_target(void **state)
{
    (void)state;
    for (int k = 2; k <= MAX_K; k++) {
        float o[MAX_K] = {0};
        int32_t c = k / 2;
        o[c] = 30.0f;
        double tan_l = eval_mean(LOSS_TANIMOTO, o, &c, 1, k, NULL, NULL);
        double cs = eval_mean(LOSS_CAUCHY_SCHWARZ, o, &c, 1, k, NULL, NULL);
        assert_close(tan_l, -1.0, 1e-11, 0.0, "tanimoto near one-hot");
        assert_true(tan_l >= -1.0);
        assert_close(cs, 0.0, 1e-11, 0.0, "D_CS near one-hot");
        assert_true(cs >= 0.0);
        /* and they move further from the optimum as the target class loses confidence */
        o[c] = 2.0f;
        assert_true(eval_mean(LOSS_TANIMOTO, o, &c, 1, k, NULL, NULL) > tan_l + 1e-3);
        assert_true(eval_mean(LOSS_CAUCHY_SCHWARZ, o, &c, 1, k, NULL, NULL) > cs + 1e-3);
    }
}

static void test_loss_l1_and_l2_are_zero_at_the_target(void **state)
{
    (void)state;
    for (int k = 2; k <= MAX_K; k++) {
        float o[MAX_K] = {0}, g[MAX_K];
        int32_t c = k - 1;
        o[c] = 1.0f;
        assert_true(eval_mean(LOSS_L1, o, &c, 1, k, g, NULL) == 0.0);
        assert_true(eval_mean(LOSS_L2, o, &c, 1, k, g, NULL) == 0.0);
        for (int j = 0; j < k; j++)
            assert_true(g[j] == 0.0f);
    }
}

/* paper.md §2.1 on random logits, computing p and s here in double. */
static void test_loss_identities_hold(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 2017, 0);
    for (int rep = 0; rep < 300; rep++) {
        int k = 2 + (int)rng_below(&r, MAX_K - 1);
        double scale = rep % 3 == 0 ? 0.3 : rep % 3 == 1 ? 2.0 : 8.0;
        float o[MAX_K];
        int32_t c;
        random_case(&r, 1, k, scale, o, &c);
        double p[MAX_K], s = 0.0;
        ref_softmax(o, k, p);
        for (int j = 0; j < k; j++)
            s += p[j] * p[j];
        double v[LOSS_COUNT];
        for (LossId id = 0; id < LOSS_COUNT; id++)
            v[id] = eval_mean(id, o, &c, 1, k, NULL, NULL);
        double ce = v[LOSS_LOG];
        assert_close(ce, -log(p[c]), 1e-12, 1e-12, "CE = −log p_c");
        assert_close(v[LOSS_L1_SOFTMAX], 2.0 * (1.0 - p[c]), 1e-14, 1e-12, "L1∘σ = 2(1 − p_c)");
        assert_close(v[LOSS_LINF_SOFTMAX], 1.0 - p[c], 1e-14, 1e-12, "L∞∘σ = 1 − p_c");
        assert_close(v[LOSS_L2_SOFTMAX], v[LOSS_L1_SOFTMAX] - (1.0 - s), 1e-14, 1e-12,
                     "L2∘σ = L1∘σ − (1 − ‖p‖²)");
        assert_close(v[LOSS_CAUCHY_SCHWARZ], ce + 0.5 * log(s), 1e-12, 1e-12,
                     "D_CS = CE + ½ log ‖p‖²");
        assert_close(v[LOSS_LOG2], ce * ce, 1e-12, 1e-12, "log² = CE²");
        assert_close(v[LOSS_TANIMOTO], -p[c] / (s + 1.0 - p[c]), 1e-14, 1e-12,
                     "tan = −a/(s + 1 − a)");

        /* Chebyshev is half the expectation loss, gradient included */
        float g1[MAX_K], ginf[MAX_K];
        eval_mean(LOSS_L1_SOFTMAX, o, &c, 1, k, g1, NULL);
        eval_mean(LOSS_LINF_SOFTMAX, o, &c, 1, k, ginf, NULL);
        for (int j = 0; j < k; j++)
            assert_close(ginf[j], 0.5 * g1[j], 1e-12, 1e-6, "∇L∞∘σ = ½∇L1∘σ");
    }
}

/* L1∘σ is symmetric: Σ_c L1∘σ(e_c, o) = 2(k − 1) for every o (the label-noise property). */
static void test_loss_expectation_loss_is_symmetric(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 31, 0);
    for (int rep = 0; rep < 50; rep++) {
        int k = 2 + rep % (MAX_K - 1);
        float o[MAX_K];
        int32_t unused;
        random_case(&r, 1, k, 3.0, o, &unused);
        double total = 0.0;
        for (int32_t c = 0; c < k; c++)
            total += eval_mean(LOSS_L1_SOFTMAX, o, &c, 1, k, NULL, NULL);
        assert_close(total, 2.0 * (k - 1), 1e-12, 0.0, "Σ_c L1∘σ");
    }
}

/* The bounded losses stay in their ranges; all but Tanimoto are ≥ 0 (D_CS by Cauchy–Schwarz). */
static void test_loss_values_stay_in_range(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 8, 0);
    static const double scales[] = {0.01, 1.0, 30.0, 1e4};
    float logits[MAX_BATCH * MAX_K], per[MAX_BATCH];
    int32_t labels[MAX_BATCH];
    for (size_t si = 0; si < 4; si++)
        for (int k = 2; k <= MAX_K; k++) {
            random_case(&r, MAX_BATCH, k, scales[si], logits, labels);
            for (LossId id = 0; id < LOSS_COUNT; id++) {
                eval_mean(id, logits, labels, MAX_BATCH, k, NULL, per);
                double lo = id == LOSS_TANIMOTO ? -1.0 : 0.0;
                double hi = id == LOSS_LINF_SOFTMAX                          ? 1.0
                            : id == LOSS_TANIMOTO                            ? 0.0
                            : id == LOSS_L1_SOFTMAX || id == LOSS_L2_SOFTMAX ? 2.0
                                                                             : INFINITY;
                for (int b = 0; b < MAX_BATCH; b++)
                    if (!(per[b] >= lo && per[b] <= hi))
                        fail_msg("%s = %g outside [%g, %g]", loss_def(id)->key, per[b], lo, hi);
            }
        }
}

/* ---- numerics ---- */

static void test_loss_extreme_logits_are_finite(void **state)
{
    (void)state;
    enum { K = 5 };
    static const float cases[][K] = {
        {1e4f, 1e4f, 1e4f, 1e4f, 1e4f},       {-1e4f, -1e4f, -1e4f, -1e4f, -1e4f},
        {1e4f, -1e4f, 0.0f, 0.0f, 0.0f},      {-1e4f, 1e4f, 0.0f, 1e4f, -1e4f},
        {0.0f, 1e4f, -1e4f, 3.0f, -3.0f},     {1e9f, -1e9f, 0.0f, 1e9f, 5.0f},
        {-1e9f, -1e9f, -1e9f, -1e9f, 1e-30f}, {1e-38f, 0.0f, -0.0f, 1e-38f, 0.0f},
    };
    float g[K], per[1];
    for (size_t ci = 0; ci < sizeof cases / sizeof cases[0]; ci++)
        for (int32_t c = 0; c < K; c++)
            for (LossId id = 0; id < LOSS_COUNT; id++) {
                double v = eval_mean(id, cases[ci], &c, 1, K, g, per);
                int ok = isfinite(v) && isfinite(per[0]);
                for (int j = 0; j < K; j++)
                    ok = ok && isfinite(g[j]);
                if (!ok)
                    fail_msg("%s not finite on case %zu, label %d (loss %g)", loss_def(id)->key, ci,
                             c, v);
            }
}

/* A confidently wrong example: p_c underflows to 0, yet log-space losses stay exact. */
static void test_loss_confidently_wrong_keeps_log_exact(void **state)
{
    (void)state;
    const float o[3] = {1e4f, -1e4f, 0.0f};
    const int32_t c = 1;
    assert_close(eval_mean(LOSS_LOG, o, &c, 1, 3, NULL, NULL), 2e4, 0.0, 1e-12, "log");
    assert_close(eval_mean(LOSS_LOG2, o, &c, 1, 3, NULL, NULL), 4e8, 0.0, 1e-12, "log2");
    /* s → 1, so D_CS → CE */
    assert_close(eval_mean(LOSS_CAUCHY_SCHWARZ, o, &c, 1, 3, NULL, NULL), 2e4, 0.0, 1e-12, "D_CS");
    assert_close(eval_mean(LOSS_L1_SOFTMAX, o, &c, 1, 3, NULL, NULL), 2.0, 0.0, 1e-15, "L1∘σ");
    assert_close(eval_mean(LOSS_TANIMOTO, o, &c, 1, 3, NULL, NULL), 0.0, 1e-300, 0.0, "tan");
}

/* k at its ceiling exercises the whole stack buffer (under ASan) and the long sums. */
static void test_loss_max_classes_supported(void **state)
{
    (void)state;
    enum { K = DATASET_MAX_CLASSES, B = 3 };
    static float logits[B * K], grad[B * K];
    float per[B];
    int32_t labels[B] = {0, K / 2, K - 1};
    Rng r;
    rng_seed(&r, 256, 0);
    for (int i = 0; i < B * K; i++)
        logits[i] = (float)(3.0 * rng_normal(&r));
    for (LossId id = 0; id < LOSS_COUNT; id++) {
        double mean = eval_mean(id, logits, labels, B, K, grad, per);
        assert_true(isfinite(mean));
        assert_close((per[0] + per[1] + per[2]) / 3.0, mean, 1e-7, 1e-6, loss_def(id)->key);
        for (int i = 0; i < B * K; i++)
            assert_true(isfinite(grad[i]));
    }
    for (int i = 0; i < K; i++)
        logits[i] = 1.0f;
    assert_close(eval_mean(LOSS_LOG, logits, labels, 1, K, NULL, NULL), log((double)K), 1e-13, 0.0,
                 "log at uniform, k = 256");
}

/* Softmax is invariant to adding a constant to every logit, so for every loss on p each
 * gradient row sums to 0; a dropped term in a chain rule shows up here at once. */
static void test_loss_softmax_gradients_sum_to_zero(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 12, 0);
    float logits[MAX_BATCH * MAX_K], grad[MAX_BATCH * MAX_K];
    int32_t labels[MAX_BATCH];
    for (int k = 2; k <= MAX_K; k++) {
        random_case(&r, MAX_BATCH, k, 3.0, logits, labels);
        for (LossId id = 0; id < LOSS_COUNT; id++) {
            if (!loss_def(id)->on_softmax)
                continue;
            eval_mean(id, logits, labels, MAX_BATCH, k, grad, NULL);
            for (int b = 0; b < MAX_BATCH; b++) {
                double sum = 0.0, mag = 0.0;
                for (int j = 0; j < k; j++) {
                    sum += grad[b * k + j];
                    mag += fabs(grad[b * k + j]);
                }
                assert_close(sum, 0.0, 1e-6 * mag + 1e-12, 0.0, loss_def(id)->key);
            }
        }
    }
}

/* ---- the batch contract ---- */

static void test_loss_per_example_averages_to_mean(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 99, 0);
    float logits[MAX_BATCH * MAX_K];
    int32_t labels[MAX_BATCH];
    for (int batch = 1; batch <= MAX_BATCH; batch += 4)
        for (LossId id = 0; id < LOSS_COUNT; id++) {
            /* sentinels after the (batch) and (batch, k) outputs catch overruns */
            float per[MAX_BATCH + 1], grad[MAX_BATCH * MAX_K + 1];
            per[batch] = 12345.0f;
            grad[batch * MAX_K] = 12345.0f;
            random_case(&r, batch, MAX_K, 2.0, logits, labels);
            double mean = eval_mean(id, logits, labels, batch, MAX_K, grad, per);
            double sum = 0.0;
            for (int b = 0; b < batch; b++)
                sum += per[b];
            assert_close(sum / batch, mean, 1e-7, 1e-6, loss_def(id)->key);
            assert_true(per[batch] == 12345.0f);
            assert_true(grad[batch * MAX_K] == 12345.0f);
        }
}

static void test_loss_null_outputs_accepted(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 4, 0);
    float logits[MAX_BATCH * MAX_K], g_full[MAX_BATCH * MAX_K], g_only[MAX_BATCH * MAX_K];
    float per_full[MAX_BATCH], per_only[MAX_BATCH];
    int32_t labels[MAX_BATCH];
    random_case(&r, MAX_BATCH, 7, 2.0, logits, labels);
    for (LossId id = 0; id < LOSS_COUNT; id++) {
        double full = eval_mean(id, logits, labels, MAX_BATCH, 7, g_full, per_full);
        assert_true(eval_mean(id, logits, labels, MAX_BATCH, 7, NULL, NULL) == full);
        assert_true(eval_mean(id, logits, labels, MAX_BATCH, 7, g_only, NULL) == full);
        assert_true(eval_mean(id, logits, labels, MAX_BATCH, 7, NULL, per_only) == full);
        assert_memory_equal(g_full, g_only, sizeof(float) * MAX_BATCH * 7);
        assert_memory_equal(per_full, per_only, sizeof per_full);
    }
}

/* ---- the table ---- */

static void test_loss_by_key_round_trips(void **state)
{
    (void)state;
    static const char *const keys[LOSS_COUNT] = {
        [LOSS_LOG] = "log",
        [LOSS_LOG2] = "log2",
        [LOSS_L1] = "l1",
        [LOSS_L2] = "l2",
        [LOSS_L1_SOFTMAX] = "l1-softmax",
        [LOSS_L2_SOFTMAX] = "l2-softmax",
        [LOSS_LINF_SOFTMAX] = "linf-softmax",
        [LOSS_HINGE] = "hinge",
        [LOSS_HINGE2] = "hinge2",
        [LOSS_HINGE3] = "hinge3",
        [LOSS_TANIMOTO] = "tanimoto",
        [LOSS_CAUCHY_SCHWARZ] = "cauchy-schwarz",
    };
    for (LossId id = 0; id < LOSS_COUNT; id++) {
        assert_string_equal(loss_def(id)->key, keys[id]);
        assert_int_equal(loss_by_key(keys[id]), id);
        assert_int_equal(loss_by_key(loss_def(id)->key), id);
    }
    assert_int_equal(loss_by_key("nope"), -1);
    assert_int_equal(loss_by_key(""), -1);
    assert_int_equal(loss_by_key("Log"), -1);
    assert_int_equal(loss_by_key("hinge22"), -1);
    assert_int_equal(loss_by_key("l1-"), -1);
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return 0;
    return 1;
}

static void test_loss_defs_are_complete(void **state)
{
    (void)state;
    for (LossId id = 0; id < LOSS_COUNT; id++) {
        const LossDef *d = loss_def(id);
        assert_int_equal(d->id, id);
        assert_non_null(d->eval);
        const char *texts[] = {d->key, d->symbol, d->ascii, d->name, d->formula, d->gradient};
        for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
            assert_non_null(texts[t]);
            assert_true(texts[t][0] != '\0');
        }
        assert_true(is_ascii(d->key));
        assert_true(is_ascii(d->ascii));
        bool bounded = id == LOSS_L1_SOFTMAX || id == LOSS_L2_SOFTMAX || id == LOSS_LINF_SOFTMAX ||
                       id == LOSS_TANIMOTO;
        bool raw = id == LOSS_L1 || id == LOSS_L2 || id == LOSS_HINGE || id == LOSS_HINGE2 ||
                   id == LOSS_HINGE3;
        assert_true(d->bounded == bounded);
        assert_true(d->on_softmax == !raw);
        for (LossId other = 0; other < id; other++) {
            assert_string_not_equal(d->key, loss_def(other)->key);
            assert_string_not_equal(d->symbol, loss_def(other)->symbol);
            assert_string_not_equal(d->ascii, loss_def(other)->ascii);
        }
    }
    assert_string_equal(loss_def(LOSS_L1_SOFTMAX)->symbol, "L1∘σ");
    assert_string_equal(loss_def(LOSS_HINGE2)->symbol, "hinge²");
    assert_string_equal(loss_def(LOSS_HINGE2)->ascii, "hinge^2");
}

static LossId grad_ids[LOSS_COUNT] = {
    LOSS_LOG,          LOSS_LOG2,  LOSS_L1,     LOSS_L2,     LOSS_L1_SOFTMAX, LOSS_L2_SOFTMAX,
    LOSS_LINF_SOFTMAX, LOSS_HINGE, LOSS_HINGE2, LOSS_HINGE3, LOSS_TANIMOTO,   LOSS_CAUCHY_SCHWARZ,
};

/* One gradient case per loss, named after it, so a failure says which loss at a glance. */
#define GRAD_CASE(id, key)                                                                         \
    {                                                                                              \
        "test_loss_gradient_matches_finite_differences/" key,                                      \
            test_loss_gradient_matches_finite_differences, NULL, NULL, &grad_ids[id]               \
    }

static void test_loss_groups_cover_every_loss_once(void **state)
{
    (void)state;
    int seen[LOSS_COUNT] = {0};
    for (int g = 0; g < LOSS_GROUP_COUNT; g++) {
        const LossGroup *grp = loss_group(g);
        assert_ptr_equal(loss_group_by_name(grp->name), grp);
        assert_int_equal(loss_by_key(grp->name), -1); /* a group name is never a loss id */
        assert_true(grp->n >= 1);
        for (int i = 0; i < grp->n; i++)
            seen[grp->ids[i]]++;
    }
    for (int id = 0; id < LOSS_COUNT; id++)
        if (seen[id] != 1)
            fail_msg("loss %s is in %d groups, want 1", loss_def((LossId)id)->key, seen[id]);
    assert_null(loss_group_by_name("hinge"));
    assert_null(loss_group_by_name(NULL));
    const LossGroup *e = loss_group_by_name("expectation");
    assert_non_null(e);
    assert_int_equal(e->n, 3);
    for (int i = 0; i < e->n; i++)
        assert_true(loss_def(e->ids[i])->on_softmax && loss_def(e->ids[i])->bounded);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GRAD_CASE(LOSS_LOG, "log"),
        GRAD_CASE(LOSS_LOG2, "log2"),
        GRAD_CASE(LOSS_L1, "l1"),
        GRAD_CASE(LOSS_L2, "l2"),
        GRAD_CASE(LOSS_L1_SOFTMAX, "l1-softmax"),
        GRAD_CASE(LOSS_L2_SOFTMAX, "l2-softmax"),
        GRAD_CASE(LOSS_LINF_SOFTMAX, "linf-softmax"),
        GRAD_CASE(LOSS_HINGE, "hinge"),
        GRAD_CASE(LOSS_HINGE2, "hinge2"),
        GRAD_CASE(LOSS_HINGE3, "hinge3"),
        GRAD_CASE(LOSS_TANIMOTO, "tanimoto"),
        GRAD_CASE(LOSS_CAUCHY_SCHWARZ, "cauchy-schwarz"),
        cmocka_unit_test(test_loss_gradient_at_kinks_is_zero),
        cmocka_unit_test(test_loss_uniform_logits_true_class_gradient),
        cmocka_unit_test(test_loss_values_match_paper_formulas),
        cmocka_unit_test(test_loss_log_of_equal_logits_is_ln_k),
        cmocka_unit_test(test_loss_hinge_is_zero_beyond_the_margin),
        cmocka_unit_test(test_loss_tanimoto_and_cs_reach_their_minimum_at_the_target),
        cmocka_unit_test(test_loss_l1_and_l2_are_zero_at_the_target),
        cmocka_unit_test(test_loss_identities_hold),
        cmocka_unit_test(test_loss_expectation_loss_is_symmetric),
        cmocka_unit_test(test_loss_values_stay_in_range),
        cmocka_unit_test(test_loss_extreme_logits_are_finite),
        cmocka_unit_test(test_loss_confidently_wrong_keeps_log_exact),
        cmocka_unit_test(test_loss_max_classes_supported),
        cmocka_unit_test(test_loss_softmax_gradients_sum_to_zero),
        cmocka_unit_test(test_loss_per_example_averages_to_mean),
        cmocka_unit_test(test_loss_null_outputs_accepted),
        cmocka_unit_test(test_loss_by_key_round_trips),
        cmocka_unit_test(test_loss_defs_are_complete),
        cmocka_unit_test(test_loss_groups_cover_every_loss_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
