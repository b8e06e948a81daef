/* test_blas.c — blas_sgemm, the one door to BLAS, against a naive double-precision loop:
 * every transpose combination, non-square shapes, leading dimensions larger than minimal,
 * alpha/beta other than 0/1, and the padding between rows left untouched. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/blas.h"
#include "core/rng.h"

#define PAD_VALUE 12345.0f /* written into the padding of C: sgemm must leave it alone */

typedef struct {
    int m, n, k;
    int pad_a, pad_b, pad_c; /* extra columns beyond the minimal leading dimension */
} Case;

static float *random_matrix(Rng *r, size_t count)
{
    float *v = malloc(count * sizeof *v);
    assert_non_null(v);
    for (size_t i = 0; i < count; i++)
        v[i] = (float)(2.0 * rng_uniform(r) - 1.0);
    return v;
}

/* op(X)[i][j] of a row-major X with leading dimension ld. */
static double at(const float *x, int ld, bool trans, int i, int j)
{
    return trans ? x[(size_t)j * ld + i] : x[(size_t)i * ld + j];
}

static void check_case(Rng *r, const Case *c, bool ta, bool tb, float alpha, float beta)
{
    /* A is (m,k) or, transposed, (k,m); B is (k,n) or (n,k). */
    const int a_rows = ta ? c->k : c->m, a_cols = ta ? c->m : c->k;
    const int b_rows = tb ? c->n : c->k, b_cols = tb ? c->k : c->n;
    const int lda = a_cols + c->pad_a, ldb = b_cols + c->pad_b, ldc = c->n + c->pad_c;
    float *a = random_matrix(r, (size_t)a_rows * lda);
    float *b = random_matrix(r, (size_t)b_rows * ldb);
    float *cm = random_matrix(r, (size_t)c->m * ldc);
    for (int i = 0; i < c->m; i++)
        for (int j = c->n; j < ldc; j++)
            cm[(size_t)i * ldc + j] = PAD_VALUE;
    float *c0 = malloc((size_t)c->m * ldc * sizeof *c0);
    assert_non_null(c0);
    memcpy(c0, cm, (size_t)c->m * ldc * sizeof *c0);

    blas_sgemm(ta, tb, c->m, c->n, c->k, alpha, a, lda, b, ldb, beta, cm, ldc);

    for (int i = 0; i < c->m; i++) {
        for (int j = 0; j < c->n; j++) {
            double dot = 0.0, mag = 0.0;
            for (int p = 0; p < c->k; p++) {
                double t = at(a, lda, ta, i, p) * at(b, ldb, tb, p, j);
                dot += t;
                mag += fabs(t);
            }
            double c_in = c0[(size_t)i * ldc + j];
            double want = alpha * dot + beta * c_in;
            double got = cm[(size_t)i * ldc + j];
            /* float rounding: a few ulps per term of the magnitude that entered the sum */
            double tol =
                1e-6 + 4.0 * 0x1.0p-24 * (fabs(alpha) * mag * (c->k + 2) + fabs(beta * c_in));
            if (!(fabs(got - want) <= tol))
                fail_msg("m=%d n=%d k=%d ta=%d tb=%d alpha=%g beta=%g: C[%d][%d] = %.9g, want "
                         "%.9g",
                         c->m, c->n, c->k, ta, tb, alpha, beta, i, j, got, want);
        }
        for (int j = c->n; j < ldc; j++)
            assert_true(cm[(size_t)i * ldc + j] == PAD_VALUE);
    }
    free(a);
    free(b);
    free(cm);
    free(c0);
}

static const Case cases[] = {
    {1, 1, 1, 0, 0, 0},   {3, 5, 4, 0, 0, 0},    {5, 3, 4, 2, 3, 1},   {1, 7, 2, 1, 0, 4},
    {7, 1, 3, 0, 5, 0},   {17, 9, 33, 3, 1, 2},  {2, 64, 64, 0, 0, 7}, {64, 3, 64, 5, 0, 0},
    {13, 31, 1, 2, 2, 2}, {40, 50, 70, 1, 9, 3},
};

static void test_blas_sgemm_all_transposes_match_naive(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 2024, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int t = 0; t < 4; t++)
            check_case(&r, &cases[i], t & 1, t & 2, 1.0f, 0.0f);
}

static void test_blas_sgemm_alpha_beta_scale_and_accumulate(void **state)
{
    (void)state;
    static const float alphas[] = {0.7f, -1.25f, 2.0f};
    static const float betas[] = {1.0f, -1.3f, 0.5f};
    Rng r;
    rng_seed(&r, 2025, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int t = 0; t < 4; t++)
            for (int s = 0; s < 3; s++)
                check_case(&r, &cases[i], t & 1, t & 2, alphas[s], betas[s]);
}

/* With alpha = 0 the product is not needed: C becomes beta·C exactly. */
static void test_blas_sgemm_alpha_zero_scales_c_only(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 2026, 0);
    const Case c = {6, 5, 4, 1, 2, 3};
    for (int t = 0; t < 4; t++)
        check_case(&r, &c, t & 1, t & 2, 0.0f, 0.75f);
}

/* beta = 0 means "overwrite": whatever C held, even NaN, does not reach the result. The MLP's
 * backward pass relies on this to overwrite its gradients. */
static void test_blas_sgemm_beta_zero_ignores_old_c(void **state)
{
    (void)state;
    const float a[2 * 3] = {1, 2, 3, 4, 5, 6};      /* (2,3) */
    const float b[3 * 2] = {1, -1, 0, 2, -2, 0.5f}; /* (3,2) */
    float c[2 * 2] = {NAN, INFINITY, -INFINITY, NAN};
    blas_sgemm(false, false, 2, 2, 3, 1.0f, a, 3, b, 2, 0.0f, c, 2);
    /* row 0: (1·1 + 2·0 + 3·−2, 1·−1 + 2·2 + 3·0.5) = (−5, 4.5); row 1: (−8, 9) */
    const float want[4] = {-5.0f, 4.5f, -8.0f, 9.0f};
    for (int i = 0; i < 4; i++)
        assert_float_equal(c[i], want[i], 1e-6f);
}

/* A hand-computed product with both operands transposed: C = Aᵀ·Bᵀ. */
static void test_blas_sgemm_known_values(void **state)
{
    (void)state;
    const float a[3 * 2] = {1, 4, 2, 5, 3, 6};      /* (k=3, m=2): Aᵀ = [[1,2,3],[4,5,6]] */
    const float b[2 * 3] = {1, 0, -2, -1, 2, 0.5f}; /* (n=2, k=3): Bᵀ = [[1,-1],[0,2],[-2,.5]] */
    float c[2 * 2] = {1, 1, 1, 1};
    blas_sgemm(true, true, 2, 2, 3, 2.0f, a, 2, b, 3, -1.0f, c, 2);
    const float want[4] = {2 * -5.0f - 1, 2 * 4.5f - 1, 2 * -8.0f - 1, 2 * 9.0f - 1};
    for (int i = 0; i < 4; i++)
        assert_float_equal(c[i], want[i], 1e-6f);
}

static void test_blas_core_name_is_a_string(void **state)
{
    (void)state;
    blas_use_single_thread();
    const char *name = blas_core_name();
    assert_non_null(name);
    assert_true(strlen(name) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blas_sgemm_all_transposes_match_naive),
        cmocka_unit_test(test_blas_sgemm_alpha_beta_scale_and_accumulate),
        cmocka_unit_test(test_blas_sgemm_alpha_zero_scales_c_only),
        cmocka_unit_test(test_blas_sgemm_beta_zero_ignores_old_c),
        cmocka_unit_test(test_blas_sgemm_known_values),
        cmocka_unit_test(test_blas_core_name_is_a_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
