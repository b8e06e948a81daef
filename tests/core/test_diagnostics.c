/* test_diagnostics.c — the per-example gradient norm equals a finite-difference gradient of the
 * loss table's per-example loss for every loss; gradient shares sum to one over the margin bins
 * (below and above included) and split correctly into flipped and clean parts; memorisation and
 * clean accuracy equal a hand count on a hand-built set; the undefined values are −1. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/diagnostics.h"
#include "core/rng.h"

/* Central difference of the per-example loss, in double, then its 2-norm. */
static double fd_grad_norm(const LossDef *loss, const float *o, int32_t c, int k)
{
    double s = 0.0;
    for (int j = 0; j < k; j++) {
        float plus[8], minus[8], pe;
        memcpy(plus, o, sizeof(float) * (size_t)k);
        memcpy(minus, o, sizeof(float) * (size_t)k);
        const float h = 1e-2f;
        plus[j] += h;
        minus[j] -= h;
        double lp = loss->eval(plus, &c, 1, k, NULL, &pe);
        double lm = loss->eval(minus, &c, 1, k, NULL, &pe);
        double d = (lp - lm) / (2.0 * h);
        s += d * d;
    }
    return sqrt(s);
}

static void test_diagnostics_grad_norm_matches_finite_differences(void **state)
{
    (void)state;
    Rng rng;
    rng_seed(&rng, 7, 0);
    int checked = 0;
    for (int id = 0; id < LOSS_COUNT; id++) {
        const LossDef *loss = loss_def((LossId)id);
        for (int trial = 0; trial < 20; trial++) {
            const int k = 4;
            float o[4];
            for (int j = 0; j < k; j++)
                o[j] = (float)(rng_uniform(&rng) * 6.0 - 3.0);
            int32_t c = (int32_t)rng_below(&rng, (uint32_t)k);
            /* The hinge family has kinks at ŷ_j·o_j = ½: keep off them so the difference
             * quotient is a gradient, not an average of two one-sided slopes. */
            bool near_kink = false;
            for (int j = 0; j < k; j++)
                near_kink |= fabsf(fabsf(o[j]) - 0.5f) < 0.05f;
            if (near_kink)
                continue;
            double got = diag_grad_norm(loss, o, c, k);
            double want = fd_grad_norm(loss, o, c, k);
            if (fabs(got - want) > 2e-3 * (1.0 + want))
                fail_msg("%s: grad norm %g, finite differences %g", loss->key, got, want);
            checked++;
        }
    }
    assert_true(checked > LOSS_COUNT * 10);
}

static void test_diagnostics_grad_norm_is_per_example_not_batch_mean(void **state)
{
    (void)state;
    /* log loss: ∂ℓ/∂o = p − y; for o = 0 over k = 2 that is (−½, ½), norm √½. */
    const float o[2] = {0.0f, 0.0f};
    assert_float_equal(diag_grad_norm(loss_def(LOSS_LOG), o, 0, 2), sqrt(0.5), 1e-6);
}

/* A hand-built set of six examples, three classes, two of them flipped. */
enum { N6 = 6, K3 = 3 };
static const float logits6[N6 * K3] = {
    4, 0, 0, /* 0: predicts 0 */
    0, 4, 0, /* 1: predicts 1 */
    0, 0, 4, /* 2: predicts 2 */
    4, 0, 0, /* 3: predicts 0 */
    0, 4, 0, /* 4: predicts 1 */
    1, 0, 3, /* 5: predicts 2 */
};
static const int32_t clean6[N6] = {0, 1, 2, 0, 2, 0};
/* Example 4 is flipped 2 → 1 and predicted 1 (memorised); 5 is flipped 0 → 1, predicted 2. */
static const int32_t labels6[N6] = {0, 1, 2, 0, 1, 1};
static const uint8_t flipped6[N6] = {0, 0, 0, 0, 1, 1};

static void test_diagnostics_memorized_and_clean_acc_equal_hand_count(void **state)
{
    (void)state;
    DiagAccum acc;
    diag_begin(&acc, NULL, 0, 0, 0);
    diag_add(&acc, loss_def(LOSS_LOG), logits6, labels6, clean6, flipped6, N6, K3);
    Diagnostics d = diag_end(&acc);
    assert_int_equal(d.n, 6);
    assert_int_equal(d.n_flipped, 2);
    assert_float_equal(d.memorized, 0.5f, 1e-7);     /* 1 of 2 flipped predicted as flipped */
    assert_float_equal(d.clean_acc, 4.0f / 6, 1e-6); /* 0,1,2,3 right; 4 and 5 wrong */
    /* Fed in two chunks, the same answer. */
    diag_begin(&acc, NULL, 0, 0, 0);
    diag_add(&acc, loss_def(LOSS_LOG), logits6, labels6, clean6, flipped6, 4, K3);
    diag_add(&acc, loss_def(LOSS_LOG), logits6 + 4 * K3, labels6 + 4, clean6 + 4, flipped6 + 4, 2,
             K3);
    Diagnostics d2 = diag_end(&acc);
    assert_memory_equal(&d, &d2, sizeof d);
}

static void test_diagnostics_shares_sum_to_one_and_split_by_flip(void **state)
{
    (void)state;
    for (int id = 0; id < LOSS_COUNT; id++) {
        const LossDef *loss = loss_def((LossId)id);
        GradBins bins;
        DiagAccum acc;
        /* A narrow range so some margins fall below and above it. */
        diag_begin(&acc, &bins, -2.0f, 2.0f, 8);
        diag_add(&acc, loss, logits6, labels6, clean6, flipped6, N6, K3);
        Diagnostics d = diag_end(&acc);
        double sum = bins.below + bins.above, sum_flipped = bins.below_flipped + bins.above_flipped;
        for (int b = 0; b < bins.n_bins; b++) {
            sum += bins.grad[b];
            sum_flipped += bins.grad_flipped[b];
            assert_true(bins.grad_flipped[b] <= bins.grad[b]);
        }
        assert_true(acc.grad_total > 0.0);
        assert_float_equal(sum / acc.grad_total, 1.0, 1e-9);
        assert_float_equal(sum_flipped / acc.grad_total, d.grad_share_flipped, 1e-6);
        /* Flipped examples 4 (margin 4) and 5 (margin −3): the only wrong-margin one is 5. */
        double g5 = diag_grad_norm(loss, logits6 + 5 * K3, labels6[5], K3);
        assert_float_equal(d.grad_share_wrong, g5 / acc.grad_total, 1e-6);
        assert_float_equal(d.grad_mean_wrong, g5, 1e-5);
        assert_true(bins.below > 0.0); /* example 5's margin −3 is below −2 */
    }
}

static void test_diagnostics_hinge_ignores_confident_examples(void **state)
{
    (void)state;
    /* Examples 0–2 are beyond hinge's margin on every output (ŷ_j·o_j >= ½): no gradient from
     * them, so all of hinge's gradient comes from the wrong example 3, while log loss still
     * pulls on the confident ones. */
    static const float o[4 * K3] = {4, -4, -4, -4, 4, -4, -4, -4, 4, 3, -4, 0};
    static const int32_t y[4] = {0, 1, 2, 2};
    GradBins bins;
    DiagAccum acc;
    diag_begin(&acc, &bins, -8.0f, 8.0f, 16);
    diag_add(&acc, loss_def(LOSS_HINGE), o, y, y, NULL, 4, K3);
    Diagnostics hinge = diag_end(&acc);
    assert_float_equal(hinge.grad_share_wrong, 1.0f, 1e-7);
    assert_float_equal(hinge.grad_mean_correct, 0.0f, 1e-7);
    diag_begin(&acc, NULL, 0, 0, 0);
    diag_add(&acc, loss_def(LOSS_LOG), o, y, y, NULL, 4, K3);
    Diagnostics logl = diag_end(&acc);
    assert_true(logl.grad_mean_correct > 0.0f);
    assert_true(logl.grad_share_wrong < 1.0f);
}

static void test_diagnostics_undefined_values_without_noise(void **state)
{
    (void)state;
    DiagAccum acc;
    diag_begin(&acc, NULL, 0, 0, 0);
    diag_add(&acc, loss_def(LOSS_LOG), logits6, clean6, clean6, NULL, 4, K3);
    Diagnostics d = diag_end(&acc);
    assert_int_equal(d.n_flipped, 0);
    assert_float_equal(d.memorized, -1.0f, 0);
    assert_float_equal(d.grad_share_flipped, -1.0f, 0);
    assert_float_equal(d.clean_acc, 1.0f, 0);
    assert_float_equal(d.grad_mean_wrong, -1.0f, 0); /* every margin positive */
    Diagnostics empty = diag_end(&(DiagAccum){0});
    assert_float_equal(empty.clean_acc, -1.0f, 0);
    assert_float_equal(empty.grad_share_wrong, -1.0f, 0);
}

static void test_diagnostics_wrong_means_margin_at_most_zero(void **state)
{
    (void)state;
    /* Margins −0.5, 0 (a tie is not a correct classification) and +0.5. */
    static const float o[3 * 2] = {0.5f, 1.0f, 1.0f, 1.0f, 1.0f, 0.5f};
    static const int32_t y[3] = {0, 0, 0};
    DiagAccum acc;
    diag_begin(&acc, NULL, 0, 0, 0);
    diag_add(&acc, loss_def(LOSS_LOG), o, y, y, NULL, 3, 2);
    assert_int_equal(acc.n_wrong, 2);
    assert_int_equal(acc.n_correct, 1);
    Diagnostics d = diag_end(&acc);
    double g_correct = diag_grad_norm(loss_def(LOSS_LOG), o + 4, 0, 2);
    assert_float_equal(d.grad_mean_correct, g_correct, 1e-6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diagnostics_grad_norm_matches_finite_differences),
        cmocka_unit_test(test_diagnostics_grad_norm_is_per_example_not_batch_mean),
        cmocka_unit_test(test_diagnostics_memorized_and_clean_acc_equal_hand_count),
        cmocka_unit_test(test_diagnostics_shares_sum_to_one_and_split_by_flip),
        cmocka_unit_test(test_diagnostics_hinge_ignores_confident_examples),
        cmocka_unit_test(test_diagnostics_undefined_values_without_noise),
        cmocka_unit_test(test_diagnostics_wrong_means_margin_at_most_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
