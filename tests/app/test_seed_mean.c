/* test_seed_mean.c — the figure of a --seeds run: the mean and standard deviation of every
 * model's curves over the seeds, read at the first seed's steps (by interpolation where a seed's
 * steps differ), a diverged seed leaving the steps after its divergence to the others, and the
 * legend's last values averaged. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/seed_mean.h"

/* A snapshot of one model whose test accuracy is a + b·step at steps xs[0..n). */
static void fill(Snapshot *s, const float *xs, int n, float a, float b)
{
    memset(s, 0, sizeof *s);
    s->n_models = 1;
    s->step = (long)xs[n - 1];
    ModelSnapshot *m = &s->models[0];
    m->has_eval = true;
    History *hs[4] = {&m->train_loss, &m->test_loss, &m->train_acc, &m->test_acc};
    for (int k = 0; k < 4; k++) {
        hs[k]->n = n;
        for (int i = 0; i < n; i++) {
            hs[k]->x[i] = xs[i];
            hs[k]->y[i] = a + b * xs[i];
        }
    }
    m->last.test_acc = a + b * xs[n - 1];
    m->last.train_loss = m->last.test_loss = m->last.train_acc = m->last.test_acc;
}

static void test_seed_mean_mean_and_sd(void **state)
{
    (void)state;
    SeedMean *sm = calloc(1, sizeof *sm);
    Snapshot *s = malloc(sizeof *s);
    const float steps[] = {0, 10, 20};
    fill(s, steps, 3, 0.1f, 0.01f); /* 0.1, 0.2, 0.3 */
    seed_mean_add(sm, s);
    fill(s, steps, 3, 0.3f, 0.01f); /* 0.3, 0.4, 0.5 */
    seed_mean_add(sm, s);
    /* a third seed evaluated at other steps: read at 0, 10, 20 by interpolation: 0.2, 0.3, 0.4 */
    const float other[] = {0, 5, 15, 20};
    fill(s, other, 4, 0.2f, 0.01f);
    seed_mean_add(sm, s);
    seed_mean_finish(sm);
    const History *h = &sm->mean.models[0].test_acc;
    assert_int_equal(sm->spread.n_seeds, 3);
    assert_int_equal(h->n, 3);
    for (int i = 0; i < 3; i++) {
        assert_float_equal(h->x[i], steps[i], 0);
        assert_float_equal(h->y[i], 0.2f + 0.01f * steps[i], 1e-6f);
        assert_float_equal(sm->spread.sd[0][SPREAD_TEST_ACC][i], 0.1f, 1e-5f); /* sd of ±0.1 */
    }
    assert_float_equal(sm->mean.models[0].last.test_acc, 0.4f, 1e-6f);
    assert_false(sm->mean.models[0].diverged);
    free(s);
    free(sm);
}

static void test_seed_mean_diverged_seed_leaves_the_rest(void **state)
{
    (void)state;
    SeedMean *sm = calloc(1, sizeof *sm);
    Snapshot *s = malloc(sizeof *s);
    const float steps[] = {0, 10, 20, 30};
    fill(s, steps, 4, 1.0f, 0.0f);
    seed_mean_add(sm, s);
    fill(s, steps, 2, 3.0f, 0.0f); /* diverged after step 10 */
    s->models[0].diverged = true;
    seed_mean_add(sm, s);
    seed_mean_finish(sm);
    const History *h = &sm->mean.models[0].train_loss;
    assert_int_equal(h->n, 4);
    assert_float_equal(h->y[0], 2.0f, 1e-6f);
    assert_float_equal(h->y[1], 2.0f, 1e-6f);
    assert_float_equal(h->y[2], 1.0f, 1e-6f); /* only the seed that went on */
    assert_float_equal(sm->spread.sd[0][SPREAD_TRAIN_LOSS][2], 0.0f, 0);
    assert_float_equal(sm->spread.sd[0][SPREAD_TRAIN_LOSS][0], (float)sqrt(2.0), 1e-5f);
    assert_float_equal(sm->mean.models[0].last.train_loss, 1.0f, 1e-6f); /* diverged: not in */
    assert_false(sm->mean.models[0].diverged); /* not in every seed */
    free(s);
    free(sm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_mean_mean_and_sd),
        cmocka_unit_test(test_seed_mean_diverged_seed_leaves_the_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
