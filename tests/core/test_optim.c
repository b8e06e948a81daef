/* test_optim.c — SGD, momentum, Nesterov momentum and Adam against numbers worked out by hand
 * and against the update formulas re-evaluated in double over several steps with changing
 * gradients; plus reset, defaults and names. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/optim.h"
#include "core/rng.h"

#define N 9
#define STEPS 7

static void assert_close(double got, double want, double abs_tol, double rel_tol, const char *what,
                         int step, int i)
{
    double tol = abs_tol + rel_tol * fmax(fabs(got), fabs(want));
    if (!(fabs(got - want) <= tol))
        fail_msg("%s step %d param %d: got %.9g, want %.9g", what, step, i, got, want);
}

static OptimConfig config(OptimKind kind, float lr)
{
    OptimConfig c = optim_defaults(kind);
    c.lr = lr;
    return c;
}

/* ---- hand-worked values (one parameter, gradient 1 then 1, lr 0.1, μ 0.9) ---- */

static void run_one_param(OptimConfig c, const float *grads, int steps, float *out)
{
    Optim o;
    assert_int_equal(optim_init(&o, 1), ST_OK);
    float p = 1.0f;
    for (int s = 0; s < steps; s++) {
        optim_step(&o, &c, &p, &grads[s]);
        out[s] = p;
    }
    assert_int_equal(o.t, steps);
    optim_free(&o);
}

static void test_optim_sgd_by_hand(void **state)
{
    (void)state;
    const float g[3] = {0.5f, -2.0f, 0.0f};
    float p[3];
    run_one_param(config(OPT_SGD, 0.1f), g, 3, p);
    assert_float_equal(p[0], 0.95f, 1e-7f); /* 1 − 0.1·0.5 */
    assert_float_equal(p[1], 1.15f, 1e-7f); /* 0.95 + 0.1·2 */
    assert_float_equal(p[2], 1.15f, 1e-7f); /* zero gradient: no move */
}

static void test_optim_momentum_by_hand(void **state)
{
    (void)state;
    const float g[3] = {1.0f, 1.0f, -1.0f};
    float p[3];
    OptimConfig c = config(OPT_MOMENTUM, 0.1f);
    c.momentum = 0.9f;
    run_one_param(c, g, 3, p);
    /* v = 1 → p = 0.9; v = 1.9 → p = 0.71; v = 0.71 → p = 0.639 */
    assert_float_equal(p[0], 0.9f, 1e-6f);
    assert_float_equal(p[1], 0.71f, 1e-6f);
    assert_float_equal(p[2], 0.639f, 1e-6f);
}

static void test_optim_nesterov_by_hand(void **state)
{
    (void)state;
    const float g[3] = {1.0f, 1.0f, -1.0f};
    float p[3];
    OptimConfig c = config(OPT_MOMENTUM, 0.1f);
    c.momentum = 0.9f;
    c.nesterov = true;
    run_one_param(c, g, 3, p);
    /* v = 1, p = 1 − 0.1(1 + 0.9·1) = 0.81; v = 1.9, p = 0.81 − 0.1(1 + 1.71) = 0.539;
     * v = 0.71, p = 0.539 − 0.1(−1 + 0.639) = 0.5751 */
    assert_float_equal(p[0], 0.81f, 1e-6f);
    assert_float_equal(p[1], 0.539f, 1e-6f);
    assert_float_equal(p[2], 0.5751f, 1e-6f);
}

static void test_optim_adam_by_hand(void **state)
{
    (void)state;
    const float g[3] = {1.0f, 1.0f, -3.0f};
    float p[3];
    OptimConfig c = config(OPT_ADAM, 0.1f);
    c.beta1 = 0.9f;
    c.beta2 = 0.999f;
    c.eps = 1e-8f;
    run_one_param(c, g, 3, p);
    /* Steps 1 and 2 with g = 1: m̂ = v̂ = 1, so each moves by lr/(1 + eps) ≈ 0.1. Step 3 with
     * g = −3: m = 0.9·0.19 − 0.3 = −0.129, v = 0.999·0.001999 + 0.001·9 = 0.010997001,
     * m̂ = −0.129/0.271 = −0.47601476, v̂ = 0.010997001/0.002997001 = 3.6693...,
     * step = 0.1·m̂/sqrt(v̂) = −0.0248497... */
    assert_float_equal(p[0], 0.9f, 1e-6f);
    assert_float_equal(p[1], 0.8f, 1e-6f);
    double m3 = 0.9 * 0.19 - 0.3, v3 = 0.999 * 0.001999 + 0.009;
    double mh = m3 / (1.0 - 0.729), vh = v3 / (1.0 - pow(0.999, 3));
    assert_float_equal(p[2], (float)(0.8 - 0.1 * mh / (sqrt(vh) + 1e-8)), 2e-6f);
    assert_float_equal(p[2], 0.8248497f, 2e-6f);
}

/* ---- several steps, several parameters, against the formulas in double ---- */

static void fill_grads(Rng *r, int step, float *g)
{
    for (int i = 0; i < N; i++)
        g[i] = (float)(rng_normal(r) * (i + 1) * 0.3);
    g[step % N] = 0.0f; /* a zero gradient somewhere every step */
}

typedef struct {
    double p[N], m[N], v[N];
    long t;
} RefState;

static void ref_step(RefState *s, const OptimConfig *c, const float *g)
{
    s->t++;
    for (int i = 0; i < N; i++) {
        double gi = g[i];
        switch (c->kind) {
        case OPT_SGD:
            s->p[i] -= c->lr * gi;
            break;
        case OPT_MOMENTUM:
            s->m[i] = c->momentum * s->m[i] + gi;
            s->p[i] -= c->lr * (c->nesterov ? gi + c->momentum * s->m[i] : s->m[i]);
            break;
        case OPT_ADAM: {
            s->m[i] = c->beta1 * s->m[i] + (1.0 - c->beta1) * gi;
            s->v[i] = c->beta2 * s->v[i] + (1.0 - c->beta2) * gi * gi;
            double mh = s->m[i] / (1.0 - pow(c->beta1, (double)s->t));
            double vh = s->v[i] / (1.0 - pow(c->beta2, (double)s->t));
            s->p[i] -= c->lr * mh / (sqrt(vh) + c->eps);
            break;
        }
        default:
            break;
        }
    }
}

static void check_against_reference(OptimConfig c, const char *what)
{
    Rng r;
    rng_seed(&r, 99, (uint64_t)c.kind);
    Optim o;
    assert_int_equal(optim_init(&o, N), ST_OK);
    assert_true(o.n == N && o.t == 0);
    float p[N], g[N];
    RefState ref;
    memset(&ref, 0, sizeof ref);
    for (int i = 0; i < N; i++)
        ref.p[i] = p[i] = (float)(rng_normal(&r));
    for (int s = 1; s <= STEPS; s++) {
        fill_grads(&r, s, g);
        optim_step(&o, &c, p, g);
        ref_step(&ref, &c, g);
        assert_int_equal(o.t, s);
        /* float state drifts from double by a few ulps of the step sizes involved */
        for (int i = 0; i < N; i++)
            assert_close(p[i], ref.p[i], 2e-6, 2e-6, what, s, i);
    }
    optim_free(&o);
}

static void test_optim_sgd_several_steps(void **state)
{
    (void)state;
    check_against_reference(config(OPT_SGD, 0.05f), "sgd");
}

static void test_optim_momentum_several_steps(void **state)
{
    (void)state;
    OptimConfig c = config(OPT_MOMENTUM, 0.03f);
    c.momentum = 0.8f;
    check_against_reference(c, "momentum");
}

static void test_optim_nesterov_several_steps(void **state)
{
    (void)state;
    OptimConfig c = config(OPT_MOMENTUM, 0.03f);
    c.momentum = 0.95f;
    c.nesterov = true;
    check_against_reference(c, "nesterov");
}

static void test_optim_adam_several_steps(void **state)
{
    (void)state;
    check_against_reference(config(OPT_ADAM, 0.01f), "adam");
    OptimConfig c = config(OPT_ADAM, 0.2f);
    c.beta1 = 0.5f;
    c.beta2 = 0.9f;
    c.eps = 1e-3f; /* a large eps changes every step visibly */
    check_against_reference(c, "adam beta 0.5/0.9 eps 1e-3");
}

/* Adam's first step moves every parameter with a nonzero gradient by lr·sign(g), whatever |g|. */
static void test_optim_adam_first_step_is_lr_times_sign(void **state)
{
    (void)state;
    const float g[4] = {1e-2f, -50.0f, 7.0f, -0.25f};
    float p[4] = {0, 0, 0, 0};
    Optim o;
    assert_int_equal(optim_init(&o, 4), ST_OK);
    OptimConfig c = config(OPT_ADAM, 0.01f);
    optim_step(&o, &c, p, g);
    for (int i = 0; i < 4; i++)
        assert_float_equal(p[i], g[i] > 0 ? -0.01f : 0.01f, 1e-7f);
    optim_free(&o);
}

/* After optim_reset the next step is a first step again (t and both moments zeroed). */
static void test_optim_reset_restarts_state(void **state)
{
    (void)state;
    for (OptimKind kind = 0; kind < OPT_COUNT; kind++) {
        OptimConfig c = config(kind, 0.1f);
        Optim o, fresh;
        assert_int_equal(optim_init(&o, N), ST_OK);
        assert_int_equal(optim_init(&fresh, N), ST_OK);
        float g[N], p1[N] = {0}, p2[N];
        Rng r;
        rng_seed(&r, 5, 0);
        for (int s = 0; s < 3; s++) {
            fill_grads(&r, s, g);
            optim_step(&o, &c, p1, g);
        }
        optim_reset(&o);
        assert_int_equal(o.t, 0);
        for (size_t i = 0; i < 2 * (size_t)N; i++)
            assert_true(o.m[i] == 0.0f);
        assert_true(o.v == o.m + N);
        fill_grads(&r, 7, g);
        memset(p1, 0, sizeof p1);
        memset(p2, 0, sizeof p2);
        optim_step(&o, &c, p1, g);
        optim_step(&fresh, &c, p2, g);
        assert_memory_equal(p1, p2, sizeof p1);
        assert_memory_equal(o.m, fresh.m, 2 * N * sizeof(float));
        optim_free(&o);
        optim_free(&fresh);
    }
}

static void test_optim_defaults_and_names(void **state)
{
    (void)state;
    static const char *const names[OPT_COUNT] = {"sgd", "momentum", "adam"};
    for (int k = 0; k < OPT_COUNT; k++) {
        assert_string_equal(optim_name((OptimKind)k), names[k]);
        assert_int_equal(optim_by_name(names[k]), k);
        OptimConfig c = optim_defaults((OptimKind)k);
        assert_int_equal(c.kind, k);
        assert_true(c.lr > 0.0f);
    }
    assert_int_equal(optim_by_name("rmsprop"), -1);
    assert_int_equal(optim_by_name(""), -1);
    assert_string_equal(optim_name(OPT_COUNT), "?");
    /* one home for the default learning rates: 2-D sets, then image data */
    assert_float_equal(optim_defaults(OPT_ADAM).lr, 3e-3f, 1e-9f);
    assert_float_equal(optim_default_lr(OPT_ADAM, false), 3e-3f, 1e-9f);
    assert_float_equal(optim_default_lr(OPT_ADAM, true), 1e-3f, 1e-9f);
    assert_float_equal(optim_default_lr(OPT_SGD, true), 0.1f, 1e-9f);
    assert_float_equal(optim_default_lr(OPT_MOMENTUM, true), 0.05f, 1e-9f);
    assert_float_equal(optim_defaults(OPT_SGD).lr, 0.1f, 1e-9f);
    assert_float_equal(optim_defaults(OPT_MOMENTUM).lr, 0.05f, 1e-9f);
    OptimConfig a = optim_defaults(OPT_ADAM);
    assert_float_equal(a.beta1, 0.9f, 0.0f);
    assert_float_equal(a.beta2, 0.999f, 0.0f);
    assert_true(a.eps > 0.0f && a.eps <= 1e-6f);
}

/* optim_step reports whether every updated parameter is finite, for every kind. */
static void test_optim_step_reports_non_finite_params(void **state)
{
    (void)state;
    for (OptimKind kind = 0; kind < OPT_COUNT; kind++) {
        OptimConfig c = config(kind, 0.1f);
        Optim o;
        assert_int_equal(optim_init(&o, 4), ST_OK);
        float p[4] = {1, -2, 3, 1e30f}, g[4] = {0.5f, -1, 0, 2};
        assert_true(optim_step(&o, &c, p, g));
        g[2] = NAN;
        assert_false(optim_step(&o, &c, p, g));
        assert_true(isnan(p[2]));
        optim_reset(&o);
        float q[4] = {1, -2, 3, 3e38f}, h[4] = {0, 0, 0, -INFINITY};
        assert_false(optim_step(&o, &c, q, h));
        optim_reset(&o);
        /* finite inputs whose update overflows the float range */
        float big[4] = {3e38f, 0, 0, 0}, push[4] = {-1.0f, 0, 0, 0};
        c.lr = 1e38f;
        assert_false(optim_step(&o, &c, big, push));
        assert_true(isinf(big[0]));
        optim_free(&o);
    }
}

/* optim_free is safe twice and on a zeroed Optim. */
static void test_optim_free_is_safe(void **state)
{
    (void)state;
    Optim o;
    memset(&o, 0, sizeof o);
    optim_free(&o);
    assert_int_equal(optim_init(&o, 3), ST_OK);
    optim_free(&o);
    assert_null(o.m);
    optim_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_optim_sgd_by_hand),
        cmocka_unit_test(test_optim_momentum_by_hand),
        cmocka_unit_test(test_optim_nesterov_by_hand),
        cmocka_unit_test(test_optim_adam_by_hand),
        cmocka_unit_test(test_optim_sgd_several_steps),
        cmocka_unit_test(test_optim_momentum_several_steps),
        cmocka_unit_test(test_optim_nesterov_several_steps),
        cmocka_unit_test(test_optim_adam_several_steps),
        cmocka_unit_test(test_optim_adam_first_step_is_lr_times_sign),
        cmocka_unit_test(test_optim_reset_restarts_state),
        cmocka_unit_test(test_optim_defaults_and_names),
        cmocka_unit_test(test_optim_step_reports_non_finite_params),
        cmocka_unit_test(test_optim_free_is_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
