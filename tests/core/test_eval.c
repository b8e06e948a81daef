/* test_eval.c — evaluation: the subsets scored during training are seeded and fixed, the final
 * evaluation equals a plain forward pass over the whole test set, and no evaluation schedule
 * changes the training. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"

static DataSplit *gauss(int n_train, int n_test, uint64_t seed)
{
    DataSplit *d = calloc(1, sizeof *d);
    assert_non_null(d);
    SynthConfig sc = {SYNTH_GAUSS, n_train, n_test, 4, 0.3, seed};
    assert_int_equal(synth_generate(d, &sc), ST_OK);
    return d;
}

static void free_data(DataSplit *d)
{
    datasplit_free(d);
    free(d);
}

static ArenaConfig config(uint64_t seed)
{
    ArenaConfig c = arena_defaults();
    c.n_losses = 3;
    c.losses[0] = LOSS_LOG;
    c.losses[1] = LOSS_HINGE2;
    c.losses[2] = LOSS_L1_SOFTMAX;
    c.seed = seed;
    c.eval_every = 5;
    c.label_noise = 0.2;
    return c;
}

static void train(Arena *a, int steps, bool evaluate_every_step)
{
    for (int s = 0; s < steps; s++) {
        arena_begin_step(a);
        for (int m = 0; m < a->n_models; m++)
            arena_step_model(a, m);
        arena_end_step(a);
        if (evaluate_every_step) {
            arena_evaluate(a);
            arena_evaluate_final(a);
        }
    }
}

static void test_eval_subsets_sized_seeded_and_fixed(void **state)
{
    (void)state;
    const int n_train = ARENA_EVAL_TRAIN * 3 + 7, n_test = ARENA_EVAL_TEST + 500;
    DataSplit *d = gauss(n_train, n_test, 5);
    ArenaConfig c1 = config(11), c2 = config(12);
    Arena a, b, other;
    assert_int_equal(arena_init(&a, &c1, d), ST_OK);
    assert_int_equal(arena_init(&b, &c1, d), ST_OK);
    assert_int_equal(arena_init(&other, &c2, d), ST_OK);
    assert_int_equal(a.n_train_eval, ARENA_EVAL_TRAIN);
    assert_int_equal(a.n_test_eval, ARENA_EVAL_TEST);
    /* same seed, same subsets; another seed, other subsets */
    assert_memory_equal(a.train_eval_idx, b.train_eval_idx, ARENA_EVAL_TRAIN * sizeof(uint32_t));
    assert_memory_equal(a.test_eval_idx, b.test_eval_idx, ARENA_EVAL_TEST * sizeof(uint32_t));
    assert_true(
        memcmp(a.train_eval_idx, other.train_eval_idx, ARENA_EVAL_TRAIN * sizeof(uint32_t)) != 0);
    /* distinct, increasing, and the cached floats are those examples */
    for (int i = 1; i < a.n_test_eval; i++)
        assert_true(a.test_eval_idx[i] > a.test_eval_idx[i - 1]);
    float row[2];
    dataset_gather(&d->test, &a.test_eval_idx[77], 1, row);
    assert_memory_equal(row, a.test_eval_x + 77 * 2, sizeof row);
    /* training does not move the subsets */
    uint32_t first[ARENA_EVAL_TRAIN];
    memcpy(first, a.train_eval_idx, sizeof first);
    train(&a, 30, true);
    assert_memory_equal(first, a.train_eval_idx, sizeof first);
    arena_free(&a);
    arena_free(&b);
    arena_free(&other);
    free_data(d);
}

static void test_eval_small_splits_evaluated_whole(void **state)
{
    (void)state;
    DataSplit *d = gauss(300, 200, 6);
    ArenaConfig c = config(3);
    Arena a;
    assert_int_equal(arena_init(&a, &c, d), ST_OK);
    assert_int_equal(a.n_train_eval, 300);
    assert_int_equal(a.n_test_eval, 200);
    train(&a, 20, false);
    arena_evaluate(&a);
    EvalResult subset = a.models[0].last;
    arena_evaluate_final(&a);
    /* the subset is the whole split: the final evaluation says the same */
    assert_true(subset.test_acc == a.models[0].last.test_acc);
    assert_true(subset.test_loss == a.models[0].last.test_loss);
    arena_free(&a);
    free_data(d);
}

/* The final evaluation scores every test example: the same numbers as a forward pass over the
 * whole test set done here by hand. */
static void test_eval_final_equals_plain_full_evaluation(void **state)
{
    (void)state;
    const int n_test = ARENA_EVAL_TEST * 2 + 123;
    DataSplit *d = gauss(3000, n_test, 7);
    ArenaConfig c = config(21);
    Arena a;
    assert_int_equal(arena_init(&a, &c, d), ST_OK);
    train(&a, 40, false);
    arena_evaluate(&a);
    const EvalResult subset = a.models[1].last;
    (void)arena_test_acc_full(&a, 1); /* a look at the whole set changes no result */
    assert_true(a.models[1].last.test_acc == subset.test_acc);
    arena_evaluate_final(&a);
    for (int mi = 0; mi < a.n_models; mi++) {
        ArenaModel *m = &a.models[mi];
        long correct = 0;
        double loss = 0.0;
        const int chunk = 100;
        float x[100 * 2];
        uint32_t idx[100];
        for (int start = 0; start < n_test; start += chunk) {
            int cnt = n_test - start < chunk ? n_test - start : chunk;
            for (int i = 0; i < cnt; i++)
                idx[i] = (uint32_t)(start + i);
            dataset_gather(&d->test, idx, cnt, x);
            const float *logits = mlp_forward(&m->mlp, x, cnt);
            loss += loss_def(m->loss)->eval(logits, d->test.y + start, cnt, a.k, NULL, NULL) * cnt;
            for (int i = 0; i < cnt; i++)
                correct += metrics_argmax(logits + (size_t)i * a.k, a.k) == d->test.y[start + i];
        }
        assert_true(arena_test_acc_full(&a, mi) == (float)correct / (float)n_test);
        assert_true(m->last.test_acc == (float)correct / (float)n_test);
        assert_true(fabsf(m->last.test_loss - (float)(loss / n_test)) <=
                    1e-5f * (1 + loss / n_test));
        assert_true(m->last.step == 40);
    }
    arena_free(&a);
    free_data(d);
}

/* Twelve models with the same weights (step 0) are evaluated with one forward pass, shared: each
 * model's numbers are bit for bit those of the same model evaluated alone, in an arena of its
 * own, whichever part of the shared pass runs first. Once the weights differ, nothing is shared,
 * and a reset shares again. */
static void test_eval_identical_weights_share_one_forward_pass(void **state)
{
    (void)state;
    DataSplit *d = gauss(ARENA_EVAL_TRAIN * 3, ARENA_EVAL_TEST + 700, 9); /* several chunks */
    ArenaConfig c = arena_defaults();
    c.seed = 5;
    c.label_noise = 0.2;
    Arena a;
    assert_int_equal(arena_init(&a, &c, d), ST_OK);
    assert_true(arena_eval_share_begin(&a));
    arena_eval_shared_part(&a, 2, 3);
    arena_eval_shared_part(&a, 1, 3);
    arena_eval_shared_part(&a, 0, 3);
    for (int mi = 0; mi < a.n_models; mi++)
        arena_eval_model(&a, mi);
    arena_eval_done(&a);
    for (int mi = 0; mi < a.n_models; mi++) {
        ArenaConfig one = c;
        one.n_losses = 1;
        one.losses[0] = c.losses[mi];
        Arena alone;
        assert_int_equal(arena_init(&alone, &one, d), ST_OK);
        assert_false(arena_eval_share_begin(&alone)); /* one model: nothing to share */
        arena_evaluate(&alone);
        const EvalResult *x = &a.models[mi].last, *y = &alone.models[0].last;
        assert_memory_equal(&x->train_loss, &y->train_loss, sizeof x->train_loss);
        assert_memory_equal(&x->test_loss, &y->test_loss, sizeof x->test_loss);
        assert_true(x->train_acc == y->train_acc && x->test_acc == y->test_acc);
        assert_memory_equal(&x->margin_median, &y->margin_median, sizeof x->margin_median);
        assert_memory_equal(a.models[mi].diag_norms, alone.models[0].diag_norms,
                            (size_t)a.n_train_eval * sizeof(float));
        assert_memory_equal(a.models[mi].margins, alone.models[0].margins,
                            (size_t)a.n_train_eval * sizeof(float));
        arena_free(&alone);
    }
    train(&a, 1, false);
    assert_false(arena_eval_share_begin(&a)); /* twelve losses, twelve different updates */
    arena_reset(&a);
    assert_true(arena_eval_share_begin(&a));
    arena_eval_done(&a);
    arena_free(&a);
    free_data(d);
}

/* Evaluating after every step, on the subsets and in full, leaves the training bit-identical to
 * a run that never evaluates: the schedule never changes the training. */
static void test_eval_schedule_never_changes_training(void **state)
{
    (void)state;
    DataSplit *d = gauss(ARENA_EVAL_TRAIN + 900, ARENA_EVAL_TEST + 400, 8);
    ArenaConfig c = config(31);
    c.input_noise = 0.1;
    Arena a, b;
    assert_int_equal(arena_init(&a, &c, d), ST_OK);
    assert_int_equal(arena_init(&b, &c, d), ST_OK);
    train(&a, 60, true);
    train(&b, 60, false);
    for (int m = 0; m < a.n_models; m++)
        assert_memory_equal(a.models[m].mlp.params, b.models[m].mlp.params,
                            a.models[m].mlp.n_params * sizeof(float));
    arena_free(&a);
    arena_free(&b);
    free_data(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eval_subsets_sized_seeded_and_fixed),
        cmocka_unit_test(test_eval_small_splits_evaluated_whole),
        cmocka_unit_test(test_eval_final_equals_plain_full_evaluation),
        cmocka_unit_test(test_eval_identical_weights_share_one_forward_pass),
        cmocka_unit_test(test_eval_schedule_never_changes_training),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
