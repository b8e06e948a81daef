/* test_mlp.c — the MLP against an independent double-precision reference: forward equals a
 * naive loop, backward equals central finite differences of a scalar loss for every activation
 * and several depths, widths and batch sizes; initialisation is seeded and within He/Xavier
 * limits; bad shapes are refused and free is safe on zeroed structs. */
#include <math.h>
#include <stdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/mlp.h"
#include "core/rng.h"

#define MAX_BATCH 8
#define REF_WIDTH 16
#define FD_STEP 1e-6
#define KINK 1e-4 /* ReLU pre-activations closer to 0 than this make a case unusable */

typedef struct {
    int n_in, n_out, n_hidden, hidden[3];
} Arch;

static const Arch archs[] = {
    {3, 4, 0, {0}},       /* linear: no hidden layer */
    {2, 3, 1, {5}},       /* 2-5-3 */
    {4, 4, 2, {8, 8}},    /* 4-8-8-4 */
    {3, 2, 3, {6, 5, 4}}, /* 3-6-5-4-2 */
    {1, 5, 3, {7, 1, 3}}, /* a hidden layer of width 1 */
    {5, 2, 1, {16}},
};
static const int batches[] = {1, 7};

static MlpShape make_shape(const Arch *a, Activation act)
{
    MlpShape s;
    memset(&s, 0, sizeof s);
    s.n_in = a->n_in;
    s.n_out = a->n_out;
    s.n_hidden = a->n_hidden;
    for (int i = 0; i < a->n_hidden; i++)
        s.hidden[i] = a->hidden[i];
    s.act = act;
    return s;
}

/* ---- the reference: the documented layout (w (out, in), then b (out)) walked in double ---- */

static double ref_act(Activation act, double z)
{
    switch (act) {
    case ACT_RELU:
        return z > 0.0 ? z : 0.0;
    case ACT_TANH:
        return tanh(z);
    case ACT_SIGMOID:
        return 1.0 / (1.0 + exp(-z));
    default:
        return NAN;
    }
}

/* Logits of x (batch, n_in) for the parameters p laid out as Mlp.params; returns the smallest
 * |pre-activation| of any hidden unit (how close the ReLU case is to a kink). */
static double ref_forward(const Mlp *m, const double *p, const float *x, int batch, double *logits)
{
    double closest = INFINITY;
    for (int r = 0; r < batch; r++) {
        double in[REF_WIDTH], out[REF_WIDTH];
        for (int i = 0; i < m->width[0]; i++)
            in[i] = x[(size_t)r * m->width[0] + i];
        const double *q = p;
        for (int l = 0; l < m->n_layers; l++) {
            const int n_in = m->width[l], n_out = m->width[l + 1];
            const double *w = q, *b = q + (size_t)n_out * n_in;
            for (int j = 0; j < n_out; j++) {
                double z = b[j];
                for (int i = 0; i < n_in; i++)
                    z += w[(size_t)j * n_in + i] * in[i];
                if (l < m->n_layers - 1) {
                    closest = fmin(closest, fabs(z));
                    z = ref_act(m->shape.act, z);
                }
                out[j] = z;
            }
            memcpy(in, out, sizeof in);
            q = b + n_out;
        }
        for (int j = 0; j < m->width[m->n_layers]; j++)
            logits[(size_t)r * m->width[m->n_layers] + j] = in[j];
    }
    return closest;
}

/* The scalar loss L = Σ_ij c_ij · logits_ij, whose gradient w.r.t. the logits is c. */
static double ref_loss(const Mlp *m, const double *p, const float *x, int batch, const float *c)
{
    double logits[MAX_BATCH * REF_WIDTH];
    ref_forward(m, p, x, batch, logits);
    double sum = 0.0;
    for (int i = 0; i < batch * m->width[m->n_layers]; i++)
        sum += (double)c[i] * logits[i];
    return sum;
}

/* An Mlp with seeded weights and small random biases (so bias gradients and ReLU units are
 * exercised in both states), with an input batch whose hidden pre-activations keep away from 0. */
static void make_case(Mlp *m, const Arch *a, Activation act, int batch, uint64_t seed, float *x)
{
    MlpShape s = make_shape(a, act);
    assert_int_equal(mlp_init(m, &s, MAX_BATCH), ST_OK);
    for (uint64_t attempt = 0;; attempt++) {
        assert_true(attempt < 100);
        Rng r;
        rng_seed(&r, seed, attempt);
        mlp_init_params(m, &r);
        for (int l = 0; l < m->n_layers; l++)
            for (int j = 0; j < m->width[l + 1]; j++)
                m->b[l][j] = (float)(0.3 * rng_normal(&r));
        for (int i = 0; i < batch * a->n_in; i++)
            x[i] = (float)rng_normal(&r);
        double *p = malloc(m->n_params * sizeof *p);
        double logits[MAX_BATCH * REF_WIDTH];
        assert_non_null(p);
        for (size_t i = 0; i < m->n_params; i++)
            p[i] = m->params[i];
        double closest = ref_forward(m, p, x, batch, logits);
        free(p);
        if (act != ACT_RELU || closest > KINK)
            return;
    }
}

static void test_mlp_forward_matches_naive(void **state)
{
    (void)state;
    float x[MAX_BATCH * REF_WIDTH];
    double want[MAX_BATCH * REF_WIDTH];
    for (int act = 0; act < ACT_COUNT; act++)
        for (size_t ai = 0; ai < sizeof archs / sizeof archs[0]; ai++)
            for (int batch = 1; batch <= MAX_BATCH; batch += 3) {
                Mlp m;
                make_case(&m, &archs[ai], (Activation)act, batch, 100 + ai, x);
                double *p = malloc(m.n_params * sizeof *p);
                assert_non_null(p);
                for (size_t i = 0; i < m.n_params; i++)
                    p[i] = m.params[i];
                ref_forward(&m, p, x, batch, want);
                const float *got = mlp_forward(&m, x, batch);
                assert_ptr_equal(got, m.out[m.n_layers - 1]);
                for (int i = 0; i < batch * archs[ai].n_out; i++)
                    if (!(fabs(got[i] - want[i]) <= 1e-5 * (1.0 + fabs(want[i]))))
                        fail_msg("%s arch %zu batch %d logit %d: %.9g, want %.9g",
                                 activation_name((Activation)act), ai, batch, i, got[i], want[i]);
                free(p);
                mlp_free(&m);
            }
}

/* A hand-computed network: 2 inputs, one hidden ReLU layer of 2, 2 outputs. */
static void test_mlp_forward_known_values(void **state)
{
    (void)state;
    MlpShape s = {.n_in = 2, .n_out = 2, .n_hidden = 1, .hidden = {2}, .act = ACT_RELU};
    Mlp m;
    assert_int_equal(mlp_init(&m, &s, 2), ST_OK);
    assert_int_equal(m.n_params, 2 * 2 + 2 + 2 * 2 + 2);
    for (size_t i = 0; i < m.n_params; i++)
        assert_true(m.params[i] == 0.0f); /* zero until mlp_init_params */
    const float w0[4] = {1, 2, -1, 1}, b0[2] = {0.5f, -3}, w1[4] = {1, -1, 2, 0.5f}, b1[2] = {0, 1};
    memcpy(m.w[0], w0, sizeof w0);
    memcpy(m.b[0], b0, sizeof b0);
    memcpy(m.w[1], w1, sizeof w1);
    memcpy(m.b[1], b1, sizeof b1);
    /* the views are the documented slab layout */
    assert_ptr_equal(m.w[0], m.params);
    assert_ptr_equal(m.b[0], m.params + 4);
    assert_ptr_equal(m.w[1], m.params + 6);
    assert_ptr_equal(m.b[1], m.params + 10);
    const float x[4] = {1, 1, 2, -1};
    const float *o = mlp_forward(&m, x, 2);
    /* row 0: z = (1+2+.5, −1+1−3) = (3.5, −3) → h = (3.5, 0) → o = (3.5, 7+1) = (3.5, 8)
     * row 1: z = (2−2+.5, −2−1−3) = (.5, −6) → h = (.5, 0) → o = (.5, 1+1) = (.5, 2) */
    assert_float_equal(o[0], 3.5f, 1e-6f);
    assert_float_equal(o[1], 8.0f, 1e-6f);
    assert_float_equal(o[2], 0.5f, 1e-6f);
    assert_float_equal(o[3], 2.0f, 1e-6f);
    mlp_free(&m);
}

/* Every gradient entry against a central difference of the double reference (h = 1e-6 in
 * double, so truncation and rounding are ~1e-9): the tolerance is the float rounding of the
 * analytic gradient. */
static void check_gradients(Activation act)
{
    float x[MAX_BATCH * REF_WIDTH], c[MAX_BATCH * REF_WIDTH];
    for (size_t ai = 0; ai < sizeof archs / sizeof archs[0]; ai++)
        for (size_t bi = 0; bi < 2; bi++) {
            const Arch *a = &archs[ai];
            const int batch = batches[bi];
            Mlp m;
            make_case(&m, a, act, batch, 1000 + 10 * ai + bi, x);
            Rng r;
            rng_seed(&r, 77, ai * 2 + bi);
            for (int i = 0; i < batch * a->n_out; i++)
                c[i] = (float)rng_normal(&r);
            mlp_forward(&m, x, batch);
            memset(m.grads, 0xff, m.n_params * sizeof(float)); /* NaN: must be overwritten */
            mlp_backward(&m, x, c, batch);

            double *p = malloc(m.n_params * sizeof *p);
            assert_non_null(p);
            for (size_t i = 0; i < m.n_params; i++)
                p[i] = m.params[i];
            double max_g = 0.0;
            for (size_t i = 0; i < m.n_params; i++)
                max_g = fmax(max_g, fabs(m.grads[i]));
            int nonzero = 0;
            for (size_t i = 0; i < m.n_params; i++) {
                double keep = p[i];
                p[i] = keep + FD_STEP;
                double up = ref_loss(&m, p, x, batch, c);
                p[i] = keep - FD_STEP;
                double down = ref_loss(&m, p, x, batch, c);
                p[i] = keep;
                double fd = (up - down) / (2.0 * FD_STEP);
                double g = m.grads[i];
                nonzero += fd != 0.0;
                if (!(fabs(g - fd) <= 1e-5 * max_g + 1e-4 * fabs(fd) + 1e-7))
                    fail_msg("%s arch %zu batch %d param %zu: backward %.9g, finite difference "
                             "%.9g",
                             activation_name(act), ai, batch, i, g, fd);
            }
            assert_true(nonzero > 0);
            free(p);
            mlp_free(&m);
        }
}

static void test_mlp_backward_matches_finite_differences_relu(void **state)
{
    (void)state;
    check_gradients(ACT_RELU);
}

static void test_mlp_backward_matches_finite_differences_tanh(void **state)
{
    (void)state;
    check_gradients(ACT_TANH);
}

static void test_mlp_backward_matches_finite_differences_sigmoid(void **state)
{
    (void)state;
    check_gradients(ACT_SIGMOID);
}

/* Backward overwrites: running it twice gives the same gradients; a smaller batch after a larger
 * one uses only its own rows. */
static void test_mlp_backward_overwrites_and_respects_batch(void **state)
{
    (void)state;
    const Arch *a = &archs[3];
    float x[MAX_BATCH * REF_WIDTH], c[MAX_BATCH * REF_WIDTH];
    Mlp m, one;
    make_case(&m, a, ACT_TANH, MAX_BATCH, 5, x);
    MlpShape s = make_shape(a, ACT_TANH);
    assert_int_equal(mlp_init(&one, &s, 1), ST_OK);
    memcpy(one.params, m.params, m.n_params * sizeof(float));
    for (int i = 0; i < MAX_BATCH * a->n_out; i++)
        c[i] = (float)(i % 5) - 2.0f;
    float *first = malloc(m.n_params * sizeof *first);
    assert_non_null(first);
    mlp_forward(&m, x, MAX_BATCH);
    mlp_backward(&m, x, c, MAX_BATCH);
    memcpy(first, m.grads, m.n_params * sizeof *first);
    mlp_forward(&m, x, MAX_BATCH);
    mlp_backward(&m, x, c, MAX_BATCH);
    assert_memory_equal(first, m.grads, m.n_params * sizeof *first);

    /* batch 1 on the big network == batch 1 on a network sized for one row */
    mlp_forward(&m, x, 1);
    mlp_backward(&m, x, c, 1);
    mlp_forward(&one, x, 1);
    mlp_backward(&one, x, c, 1);
    for (size_t i = 0; i < m.n_params; i++)
        assert_float_equal(m.grads[i], one.grads[i], 1e-6f);
    free(first);
    mlp_free(&m);
    mlp_free(&one);
}

static void test_mlp_init_params_deterministic_by_seed(void **state)
{
    (void)state;
    MlpShape s = {.n_in = 2, .n_out = 3, .n_hidden = 2, .hidden = {16, 8}, .act = ACT_RELU};
    Mlp a, b, c;
    assert_int_equal(mlp_init(&a, &s, 4), ST_OK);
    assert_int_equal(mlp_init(&b, &s, 9), ST_OK);
    assert_int_equal(mlp_init(&c, &s, 4), ST_OK);
    Rng ra, rb, rc;
    rng_seed(&ra, 31, 1);
    rng_seed(&rb, 31, 1);
    rng_seed(&rc, 32, 1);
    mlp_init_params(&a, &ra);
    mlp_init_params(&b, &rb);
    mlp_init_params(&c, &rc);
    assert_int_equal(a.n_params, b.n_params);
    assert_memory_equal(a.params, b.params, a.n_params * sizeof(float));
    int same = 0;
    for (size_t i = 0; i < a.n_params; i++)
        same += a.params[i] == c.params[i] && a.params[i] != 0.0f;
    assert_true(same < 3);
    mlp_free(&a);
    mlp_free(&b);
    mlp_free(&c);
}

/* Max |x| close to but within limit, variance limit²/3, mean near 0: a uniform on ±limit. */
static void check_uniform(const float *x, size_t n, double limit, const char *what, int l)
{
    double top = 0.0, sum = 0.0, sum2 = 0.0;
    for (size_t i = 0; i < n; i++) {
        top = fmax(top, fabs(x[i]));
        sum += x[i];
        sum2 += (double)x[i] * x[i];
    }
    /* the max of n uniforms sits within limit·(1 − 3/n) of the limit but for 5 % of draws */
    if (!(top <= limit && top > (n >= 100 ? 0.97 : 1.0 - 3.0 / (double)n) * limit))
        fail_msg("%s layer %d: max |x| %.6g, limit %.6g", what, l, top, limit);
    double var = sum2 / n, mean = sum / n;
    /* standard error of the variance of a uniform: limit²·sqrt(4/45/n) */
    double var_tol = 6.0 * limit * limit * sqrt(4.0 / 45.0 / n);
    if (!(fabs(var - limit * limit / 3.0) <= var_tol))
        fail_msg("%s layer %d: variance %.6g, want %.6g", what, l, var, limit * limit / 3.0);
    assert_true(fabs(mean) <= 6.0 * limit / sqrt(3.0 * n));
}

/* Uniform weights within ±limit, reaching close to it, with variance limit²/3.
 * auto: He for ReLU, Glorot for tanh and sigmoid. He: sqrt(6/fan_in) on the hidden layers,
 * Glorot sqrt(6/(fan_in + fan_out)) on the linear output layer, biases zero. Glorot: every
 * layer, biases zero. Uniform (PyTorch's nn.Linear): weights and biases within 1/sqrt(fan_in). */
static void test_mlp_init_params_respects_he_glorot_and_uniform_limits(void **state)
{
    (void)state;
    for (int init = 0; init < MLP_INIT_COUNT; init++)
        for (int act = 0; act < ACT_COUNT; act++) {
            MlpShape s = {.n_in = 100,
                          .n_out = 10,
                          .n_hidden = 2,
                          .hidden = {200, 50},
                          .act = (Activation)act,
                          .init = (MlpInit)init};
            Mlp m;
            assert_int_equal(mlp_init(&m, &s, 1), ST_OK);
            for (size_t i = 0; i < m.n_params; i++)
                m.params[i] = 1.0f; /* biases must be redrawn or reset to zero */
            Rng r;
            rng_seed(&r, 3, 3);
            mlp_init_params(&m, &r);
            const MlpInit eff = init == MLP_INIT_AUTO
                                    ? (act == ACT_RELU ? MLP_INIT_HE : MLP_INIT_GLOROT)
                                    : (MlpInit)init;
            assert_int_equal(mlp_init_resolve((MlpInit)init, (Activation)act), eff);
            char what[64];
            snprintf(what, sizeof what, "%s/%s", mlp_init_name((MlpInit)init),
                     activation_name((Activation)act));
            for (int l = 0; l < m.n_layers; l++) {
                const int fan_in = m.width[l], fan_out = m.width[l + 1];
                const bool hidden = l < m.n_layers - 1;
                const double limit = eff == MLP_INIT_UNIFORM ? 1.0 / sqrt(fan_in)
                                     : eff == MLP_INIT_HE && hidden
                                         ? sqrt(6.0 / fan_in)
                                         : sqrt(6.0 / (fan_in + fan_out));
                check_uniform(m.w[l], (size_t)fan_in * fan_out, limit, what, l);
                if (eff == MLP_INIT_UNIFORM)
                    check_uniform(m.b[l], (size_t)fan_out, limit, what, l);
                else
                    for (int j = 0; j < fan_out; j++)
                        assert_true(m.b[l][j] == 0.0f);
            }
            mlp_free(&m);
        }
}

static void test_mlp_init_names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < MLP_INIT_COUNT; i++)
        assert_int_equal(mlp_init_by_name(mlp_init_name((MlpInit)i)), i);
    assert_int_equal(mlp_init_by_name("kaiming"), -1);
    const MlpShape bad = {.n_in = 2, .n_out = 3, .n_hidden = 1, .hidden = {4}, .init = MLP_INIT_COUNT};
    assert_int_equal(mlp_shape_check(&bad, NULL), ST_INVAL);
}

static void test_mlp_init_rejects_bad_shapes(void **state)
{
    (void)state;
    const MlpShape good = {.n_in = 2, .n_out = 3, .n_hidden = 2, .hidden = {4, 4}, .act = ACT_TANH};
    MlpShape bad[9];
    for (int i = 0; i < 9; i++)
        bad[i] = good;
    bad[0].n_in = 0;
    bad[1].n_out = 1;
    bad[2].n_out = 257;
    bad[3].n_hidden = -1;
    bad[4].n_hidden = MLP_MAX_HIDDEN + 1;
    bad[5].hidden[1] = 0;
    bad[6].hidden[0] = MLP_MAX_WIDTH + 1;
    bad[7].act = ACT_COUNT;
    bad[8].act = (Activation)-1;
    const char *why = NULL;
    assert_int_equal(mlp_shape_check(&good, &why), ST_OK);
    assert_null(why);
    Mlp m;
    for (int i = 0; i < 9; i++) {
        why = NULL;
        assert_int_equal(mlp_shape_check(&bad[i], &why), ST_INVAL);
        assert_non_null(why);
        assert_true(strlen(why) > 0);
        assert_int_equal(mlp_shape_check(&bad[i], NULL), ST_INVAL);
        memset(&m, 0x7f, sizeof m);
        assert_int_equal(mlp_init(&m, &bad[i], 4), ST_INVAL);
        assert_null(m.params);
        assert_null(m.grads);
        mlp_free(&m); /* safe after a failed init */
    }
    assert_int_equal(mlp_init(&m, &good, 0), ST_INVAL);
    mlp_free(&m);
    /* widths beyond n_hidden are ignored */
    MlpShape extra = good;
    extra.hidden[2] = -5;
    assert_int_equal(mlp_init(&m, &extra, 1), ST_OK);
    assert_int_equal(m.n_layers, 3);
    mlp_free(&m);
}

static void test_mlp_free_safe_on_zeroed_and_twice(void **state)
{
    (void)state;
    Mlp m;
    memset(&m, 0, sizeof m);
    mlp_free(&m);
    MlpShape s = {.n_in = 3, .n_out = 2, .n_hidden = 1, .hidden = {5}, .act = ACT_SIGMOID};
    assert_int_equal(mlp_init(&m, &s, 3), ST_OK);
    assert_int_equal(m.n_layers, 2);
    assert_int_equal(m.width[0], 3);
    assert_int_equal(m.width[1], 5);
    assert_int_equal(m.width[2], 2);
    assert_int_equal(m.n_params, 3 * 5 + 5 + 5 * 2 + 2);
    mlp_free(&m);
    assert_null(m.params);
    mlp_free(&m);
}

static void test_mlp_activation_names_round_trip(void **state)
{
    (void)state;
    static const char *const names[ACT_COUNT] = {"relu", "tanh", "sigmoid"};
    for (int a = 0; a < ACT_COUNT; a++) {
        assert_string_equal(activation_name((Activation)a), names[a]);
        assert_int_equal(activation_by_name(names[a]), a);
    }
    assert_int_equal(activation_by_name("gelu"), -1);
    assert_int_equal(activation_by_name(""), -1);
    assert_string_equal(activation_name(ACT_COUNT), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mlp_forward_matches_naive),
        cmocka_unit_test(test_mlp_forward_known_values),
        cmocka_unit_test(test_mlp_backward_matches_finite_differences_relu),
        cmocka_unit_test(test_mlp_backward_matches_finite_differences_tanh),
        cmocka_unit_test(test_mlp_backward_matches_finite_differences_sigmoid),
        cmocka_unit_test(test_mlp_backward_overwrites_and_respects_batch),
        cmocka_unit_test(test_mlp_init_params_deterministic_by_seed),
        cmocka_unit_test(test_mlp_init_params_respects_he_glorot_and_uniform_limits),
        cmocka_unit_test(test_mlp_init_names_round_trip),
        cmocka_unit_test(test_mlp_init_rejects_bad_shapes),
        cmocka_unit_test(test_mlp_free_safe_on_zeroed_and_twice),
        cmocka_unit_test(test_mlp_activation_names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
