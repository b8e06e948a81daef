/* test_arena.c — the controlled experiment: models start bit-identical and see the same
 * minibatches, noisy labels and noisy inputs; runs replay bit for bit whatever the model order
 * or the other losses; a diverging loss is frozen while the rest train on; every loss learns a
 * separable problem; evaluation and snapshot_take report what the models really do. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/snapshot.h"

/* ---- helpers ---- */

static DataSplit *make_data(SynthKind kind, int n_train, int n_test, int k, double noise,
                            uint64_t seed)
{
    DataSplit *d = calloc(1, sizeof *d);
    assert_non_null(d);
    SynthConfig sc = {kind, n_train, n_test, k, noise, seed};
    assert_int_equal(synth_generate(d, &sc), ST_OK);
    return d;
}

static void free_data(DataSplit *d)
{
    datasplit_free(d);
    free(d);
}

/* Small and quick: one hidden layer of 8, Adam, batch 16. */
static ArenaConfig small_config(int n_losses, const LossId *losses)
{
    ArenaConfig c = arena_defaults();
    c.n_losses = n_losses;
    for (int i = 0; i < n_losses; i++)
        c.losses[i] = losses[i];
    c.n_hidden = 1;
    c.hidden[0] = 8;
    c.opt.lr = 1e-2f;
    c.batch = 16;
    c.seed = 7;
    c.eval_every = 20;
    return c;
}

static Arena *new_arena(const ArenaConfig *c, const DataSplit *d)
{
    Arena *a = calloc(1, sizeof *a);
    assert_non_null(a);
    assert_int_equal(arena_init(a, c, d), ST_OK);
    return a;
}

static void delete_arena(Arena *a)
{
    arena_free(a);
    free(a);
}

static bool same_floats(const float *a, const float *b, size_t n)
{
    return memcmp(a, b, n * sizeof *a) == 0;
}

/* Field by field (the struct has padding), bit for bit. */
static void assert_same_eval(const EvalResult *a, const EvalResult *b)
{
    assert_int_equal(a->step, b->step);
    assert_memory_equal(&a->epoch, &b->epoch, sizeof a->epoch);
    assert_memory_equal(&a->train_loss, &b->train_loss, sizeof(float));
    assert_memory_equal(&a->train_acc, &b->train_acc, sizeof(float));
    assert_memory_equal(&a->test_loss, &b->test_loss, sizeof(float));
    assert_memory_equal(&a->test_acc, &b->test_acc, sizeof(float));
    assert_memory_equal(&a->margin_median, &b->margin_median, sizeof(float));
}

static void assert_same_history(const History *a, const History *b)
{
    assert_int_equal(a->n, b->n);
    assert_true(same_floats(a->x, b->x, (size_t)a->n));
    assert_true(same_floats(a->y, b->y, (size_t)a->n));
}

/* Everything a model's outcome consists of, bit for bit. */
static void assert_same_model(const Arena *a, const ArenaModel *x, const ArenaModel *y)
{
    assert_int_equal(x->loss, y->loss);
    assert_int_equal(x->mlp.n_params, y->mlp.n_params);
    assert_true(same_floats(x->mlp.params, y->mlp.params, x->mlp.n_params));
    assert_true(same_floats(x->opt.m, y->opt.m, 2 * x->opt.n));
    assert_int_equal(x->opt.t, y->opt.t);
    assert_memory_equal(&x->batch_loss, &y->batch_loss, sizeof x->batch_loss);
    assert_int_equal(x->diverged, y->diverged);
    assert_int_equal(x->diverged_step, y->diverged_step);
    assert_int_equal(x->has_eval, y->has_eval);
    if (x->has_eval) {
        assert_same_eval(&x->last, &y->last);
        assert_true(same_floats(x->margins, y->margins, (size_t)a->n_train_eval));
        assert_memory_equal(&x->margin_lo, &y->margin_lo, sizeof(float));
        assert_memory_equal(&x->margin_hi, &y->margin_hi, sizeof(float));
        if (x->grid) {
            assert_memory_equal(x->grid, y->grid, ARENA_GRID * ARENA_GRID);
            assert_true(same_floats(x->grid_conf, y->grid_conf, ARENA_GRID * ARENA_GRID));
        }
    }
    assert_same_history(&x->train_loss, &y->train_loss);
    assert_same_history(&x->test_loss, &y->test_loss);
    assert_same_history(&x->train_acc, &y->train_acc);
    assert_same_history(&x->test_acc, &y->test_acc);
}

static void assert_same_arena(const Arena *a, const Arena *b)
{
    assert_int_equal(a->step, b->step);
    assert_int_equal(a->epoch, b->epoch);
    assert_int_equal(a->n_models, b->n_models);
    assert_int_equal(a->last_eval_step, b->last_eval_step);
    for (int m = 0; m < a->n_models; m++)
        assert_same_model(a, &a->models[m], &b->models[m]);
}

static const LossId all_losses[LOSS_COUNT] = {
    LOSS_LOG,          LOSS_LOG2,  LOSS_L1,     LOSS_L2,     LOSS_L1_SOFTMAX, LOSS_L2_SOFTMAX,
    LOSS_LINF_SOFTMAX, LOSS_HINGE, LOSS_HINGE2, LOSS_HINGE3, LOSS_TANIMOTO,   LOSS_CAUCHY_SCHWARZ,
};

/* ---- configuration ---- */

static void test_arena_config_check_rejects_bad_values(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_GAUSS, 50, 20, 3, 0.1, 1);
    const ArenaConfig good = small_config(3, all_losses);
    const char *why = NULL;
    assert_int_equal(arena_config_check(&good, &why), ST_OK);
    assert_null(why);
    ArenaConfig def = arena_defaults();
    assert_int_equal(arena_config_check(&def, NULL), ST_OK);
    assert_int_equal(def.n_losses, LOSS_COUNT);

    enum { BAD = 17 };
    ArenaConfig bad[BAD];
    for (int i = 0; i < BAD; i++)
        bad[i] = good;
    bad[0].n_losses = 0;
    bad[1].n_losses = ARENA_MAX_MODELS + 1;
    bad[2].losses[2] = bad[2].losses[0]; /* duplicate */
    bad[3].losses[1] = LOSS_COUNT;
    bad[4].opt.lr = 0.0f;
    bad[5].opt.lr = NAN;
    bad[6].opt.lr = INFINITY;
    bad[7].batch = 0;
    bad[8].batch = ARENA_MAX_BATCH + 1;
    bad[9].max_batch = good.batch - 1;
    bad[10].label_noise = 1.0;
    bad[11].label_noise = -0.1;
    bad[12].input_noise = -1.0;
    bad[13].input_noise = INFINITY;
    bad[14].eval_every = 0;
    bad[15].hidden[0] = 0;
    bad[16].n_hidden = MLP_MAX_HIDDEN + 1;
    Arena *a = calloc(1, sizeof *a);
    assert_non_null(a);
    for (int i = 0; i < BAD; i++) {
        why = NULL;
        if (arena_config_check(&bad[i], &why) != ST_INVAL)
            fail_msg("bad config %d accepted", i);
        assert_non_null(why);
        memset(a, 0x3c, sizeof *a);
        assert_int_equal(arena_init(a, &bad[i], d), ST_INVAL);
        assert_null(a->labels);
        assert_int_equal(a->n_models, 0);
        arena_free(a); /* safe after a failed init */
    }
    memset(a, 0, sizeof *a);
    arena_free(a);
    arena_free(a);
    free(a);
    free_data(d);
}

/* ---- fairness ---- */

static void test_arena_models_start_bitwise_equal(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_SPIRAL, 120, 60, 3, 0.1, 2);
    ArenaConfig c = small_config(LOSS_COUNT, all_losses);
    c.n_hidden = 2;
    c.hidden[1] = 6;
    Arena *a = new_arena(&c, d);
    assert_int_equal(a->n_models, LOSS_COUNT);
    const Mlp *first = &a->models[0].mlp;
    int nonzero = 0;
    for (size_t i = 0; i < first->n_params; i++)
        nonzero += first->params[i] != 0.0f;
    assert_true(nonzero > (int)first->n_params / 2); /* weights were drawn */
    for (int m = 0; m < a->n_models; m++) {
        const ArenaModel *am = &a->models[m];
        assert_int_equal(am->loss, all_losses[m]);
        assert_int_equal(am->mlp.n_params, first->n_params);
        assert_memory_equal(am->mlp.params, first->params, first->n_params * sizeof(float));
        assert_false(am->diverged);
        assert_false(am->has_eval);
        assert_int_equal(am->opt.t, 0);
        for (size_t i = 0; i < 2 * am->opt.n; i++)
            assert_true(am->opt.m[i] == 0.0f);
    }
    assert_int_equal(a->step, 0);
    delete_arena(a);
    free_data(d);
}

/* Records the minibatch indices, inputs and labels of `steps` steps. */
static void record_batches(Arena *a, int steps, uint32_t *idx, float *x, int32_t *y)
{
    const int b = a->cfg.batch;
    for (int s = 0; s < steps; s++) {
        arena_step(a);
        /* arena_step draws the batch in arena_begin_step and keeps it until the next one */
        memcpy(idx + (size_t)s * b, a->batch_idx, (size_t)b * sizeof *idx);
        if (x)
            memcpy(x + (size_t)s * b * a->dim, a->batch_x, (size_t)b * a->dim * sizeof *x);
        if (y)
            memcpy(y + (size_t)s * b, a->batch_y, (size_t)b * sizeof *y);
    }
}

static void test_arena_minibatch_order_independent_of_losses(void **state)
{
    (void)state;
    enum { STEPS = 40, B = 16 };
    DataSplit *d = make_data(SYNTH_GAUSS, 100, 30, 4, 0.1, 3); /* 100 % 16 != 0: epochs straddle */
    const LossId two[2] = {LOSS_LOG, LOSS_L2}, one[1] = {LOSS_HINGE};
    ArenaConfig ca = small_config(2, two), cb = small_config(LOSS_COUNT, all_losses),
                cc = small_config(1, one);
    Arena *a = new_arena(&ca, d), *b = new_arena(&cb, d), *c = new_arena(&cc, d);
    static uint32_t ia[STEPS * B], ib[STEPS * B], ic[STEPS * B];
    static float xa[STEPS * B * 2], xb[STEPS * B * 2];
    static int32_t ya[STEPS * B], yb[STEPS * B];
    record_batches(a, STEPS, ia, xa, ya);
    record_batches(b, STEPS, ib, xb, yb);
    record_batches(c, STEPS, ic, NULL, NULL);
    assert_memory_equal(ia, ib, sizeof ia);
    assert_memory_equal(ia, ic, sizeof ia);
    assert_memory_equal(xa, xb, sizeof xa);
    assert_memory_equal(ya, yb, sizeof ya);
    delete_arena(a);
    delete_arena(b);
    delete_arena(c);

    /* a different seed gives a different order */
    ca.seed = 8;
    a = new_arena(&ca, d);
    record_batches(a, STEPS, ib, NULL, NULL);
    assert_true(memcmp(ia, ib, sizeof ia) != 0);
    delete_arena(a);
    free_data(d);
}

/* Label noise and input noise use streams of their own: they never shift the batch order. */
static void test_arena_minibatch_order_independent_of_noise(void **state)
{
    (void)state;
    enum { STEPS = 30, B = 16 };
    DataSplit *d = make_data(SYNTH_GAUSS, 100, 30, 4, 0.1, 3);
    const LossId one[1] = {LOSS_LOG};
    ArenaConfig clean = small_config(1, one), noisy = clean;
    noisy.label_noise = 0.3;
    noisy.input_noise = 0.5;
    Arena *a = new_arena(&clean, d), *b = new_arena(&noisy, d);
    static uint32_t ia[STEPS * B], ib[STEPS * B];
    record_batches(a, STEPS, ia, NULL, NULL);
    record_batches(b, STEPS, ib, NULL, NULL);
    assert_memory_equal(ia, ib, sizeof ia);
    delete_arena(a);
    delete_arena(b);
    free_data(d);
}

/* Each epoch visits every training example exactly once, in a fresh order. */
static void test_arena_each_epoch_is_a_permutation(void **state)
{
    (void)state;
    enum { N = 96, B = 16, PER_EPOCH = N / B, EPOCHS = 3 };
    DataSplit *d = make_data(SYNTH_GAUSS, N, 30, 3, 0.1, 4);
    const LossId one[1] = {LOSS_LOG};
    ArenaConfig c = small_config(1, one);
    c.eval_every = 1000;
    Arena *a = new_arena(&c, d);
    static uint32_t idx[EPOCHS * PER_EPOCH * B];
    record_batches(a, EPOCHS * PER_EPOCH, idx, NULL, NULL);
    for (int e = 0; e < EPOCHS; e++) {
        int seen[N] = {0};
        for (int i = 0; i < N; i++) {
            uint32_t v = idx[e * N + i];
            assert_true(v < N);
            seen[v]++;
        }
        for (int i = 0; i < N; i++)
            assert_int_equal(seen[i], 1);
    }
    assert_true(memcmp(idx, idx + N, N * sizeof *idx) != 0);
    assert_int_equal(a->epoch, EPOCHS - 1); /* the third pass is complete but not yet wrapped */
    arena_step(a);
    assert_int_equal(a->epoch, EPOCHS);
    delete_arena(a);
    free_data(d);
}

/* ---- determinism ---- */

static ArenaConfig busy_config(void)
{
    const LossId losses[4] = {LOSS_LOG, LOSS_HINGE, LOSS_TANIMOTO, LOSS_L2_SOFTMAX};
    ArenaConfig c = small_config(4, losses);
    c.label_noise = 0.2;
    c.input_noise = 0.05;
    c.max_batch = 48; /* evaluation runs in several chunks */
    return c;
}

static void test_arena_same_config_bitwise_identical(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_SPIRAL, 150, 70, 3, 0.2, 5);
    ArenaConfig c = busy_config();
    Arena *a = new_arena(&c, d), *b = new_arena(&c, d);
    for (int s = 0; s < 120; s++) {
        arena_step(a);
        arena_step(b);
    }
    assert_true(a->models[0].has_eval);
    assert_int_equal(a->models[0].last.step, 120);
    assert_same_arena(a, b);
    assert_memory_equal(a->labels, b->labels, (size_t)d->train.n * sizeof *a->labels);
    delete_arena(a);
    delete_arena(b);
    free_data(d);
}

static void test_arena_reset_returns_to_initial_state(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_SPIRAL, 150, 70, 3, 0.2, 6);
    ArenaConfig c = busy_config();
    Arena *a = new_arena(&c, d), *fresh = new_arena(&c, d);
    const size_t np = a->models[0].mlp.n_params;
    float *init = malloc(np * sizeof *init);
    assert_non_null(init);
    memcpy(init, a->models[0].mlp.params, np * sizeof *init);
    for (int s = 0; s < 70; s++)
        arena_step(a);
    assert_true(memcmp(init, a->models[0].mlp.params, np * sizeof *init) != 0);
    arena_set_lr(a, 0.5f);
    arena_reset(a);
    assert_int_equal(a->step, 0);
    assert_int_equal(a->epoch, 0);
    assert_int_equal(a->last_eval_step, -1);
    for (int m = 0; m < a->n_models; m++) {
        const ArenaModel *am = &a->models[m];
        assert_memory_equal(am->mlp.params, init, np * sizeof *init);
        assert_int_equal(am->opt.t, 0);
        for (size_t i = 0; i < 2 * am->opt.n; i++)
            assert_true(am->opt.m[i] == 0.0f);
        assert_false(am->has_eval);
        assert_int_equal(am->train_loss.n, 0);
        assert_int_equal(am->test_acc.n, 0);
    }
    /* the replay after reset is the run of a fresh arena (with the lr in force) */
    arena_set_lr(fresh, 0.5f);
    for (int s = 0; s < 70; s++) {
        arena_step(a);
        arena_step(fresh);
    }
    assert_same_arena(a, fresh);
    free(init);
    delete_arena(a);
    delete_arena(fresh);
    free_data(d);
}

/* What worker threads do: models stepped and evaluated in any order give the same results. */
static void test_arena_model_order_does_not_matter(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_SPIRAL, 150, 70, 3, 0.2, 7);
    ArenaConfig c = busy_config();
    Arena *a = new_arena(&c, d), *b = new_arena(&c, d);
    for (int s = 0; s < 90; s++) {
        arena_step(a);

        /* b: reversed order, and evaluations interleaved the other way round */
        if (arena_eval_due(b)) {
            for (int m = b->n_models - 1; m >= 0; m--)
                arena_eval_model(b, m);
            arena_eval_done(b);
        }
        arena_begin_step(b);
        for (int m = b->n_models - 1; m >= 0; m--)
            arena_step_model(b, m);
        arena_end_step(b);
        if (arena_eval_due(b)) {
            for (int m = b->n_models - 1; m >= 0; m--)
                arena_eval_model(b, m);
            arena_eval_done(b);
        }
    }
    assert_same_arena(a, b);
    delete_arena(a);
    delete_arena(b);
    free_data(d);
}

/* A model's run depends only on its own loss: alone or among others, with label and input
 * noise on, it is the same bit for bit — so every model saw the same labels and inputs. */
static void test_arena_model_unaffected_by_other_losses(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_SPIRAL, 150, 70, 3, 0.2, 8);
    const LossId alone[1] = {LOSS_LOG}, crowd[4] = {LOSS_L2, LOSS_HINGE, LOSS_LOG, LOSS_TANIMOTO};
    ArenaConfig ca = small_config(1, alone), cb = small_config(4, crowd);
    ca.label_noise = cb.label_noise = 0.25;
    ca.input_noise = cb.input_noise = 0.1;
    Arena *a = new_arena(&ca, d), *b = new_arena(&cb, d);
    for (int s = 0; s < 80; s++) {
        arena_step(a);
        arena_step(b);
    }
    assert_same_model(a, &a->models[0], &b->models[2]);
    /* and the others really trained differently */
    assert_false(
        same_floats(b->models[0].mlp.params, b->models[2].mlp.params, b->models[0].mlp.n_params));
    delete_arena(a);
    delete_arena(b);
    free_data(d);
}

/* ---- label noise ---- */

static int count_flips(const int32_t *clean, const int32_t *labels, const uint8_t *flipped, int n,
                       int k)
{
    int count = 0;
    for (int i = 0; i < n; i++) {
        assert_true(labels[i] >= 0 && labels[i] < k);
        assert_int_equal(flipped[i], labels[i] != clean[i]);
        count += flipped[i];
    }
    return count;
}

static void test_arena_label_noise_flips_exact_count_to_other_class(void **state)
{
    (void)state;
    enum { N = 1000, K = 3 };
    static int32_t clean[N], labels[N];
    static uint8_t flipped[N];
    for (int i = 0; i < N; i++)
        clean[i] = (i * 7) % K;
    static const double ps[] = {0.0, 0.0004, 0.0005, 0.001, 0.1, 0.25, 0.3, 0.5, 0.9, 0.999};
    for (size_t t = 0; t < sizeof ps / sizeof ps[0]; t++) {
        int want = (int)floor(ps[t] * N + 0.5);
        int got = label_noise_apply(clean, labels, flipped, N, K, ps[t], 11);
        if (got != want)
            fail_msg("p=%g: %d flipped, want %d", ps[t], got, want);
        assert_int_equal(count_flips(clean, labels, flipped, N, K), want);
    }
    /* rounding of a small set: 10 × 0.25 = 2.5 → 3; 10 × 0.04 = 0.4 → 0; two classes flip over */
    int32_t c10[10] = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, l10[10];
    uint8_t f10[10];
    assert_int_equal(label_noise_apply(c10, l10, f10, 10, 2, 0.25, 1), 3);
    for (int i = 0; i < 10; i++)
        assert_int_equal(l10[i], f10[i] ? 1 - c10[i] : c10[i]);
    assert_int_equal(label_noise_apply(c10, l10, f10, 10, 2, 0.04, 1), 0);
    assert_memory_equal(l10, c10, sizeof c10);
}

static void test_arena_label_noise_nested_and_deterministic(void **state)
{
    (void)state;
    enum { N = 2000, K = 5 };
    static int32_t clean[N], l1[N], l3[N], again[N], other[N];
    static uint8_t f1[N], f3[N], fa[N], fo[N];
    for (int i = 0; i < N; i++)
        clean[i] = i % K;
    assert_int_equal(label_noise_apply(clean, l1, f1, N, K, 0.1, 42), 200);
    assert_int_equal(label_noise_apply(clean, l3, f3, N, K, 0.3, 42), 600);
    for (int i = 0; i < N; i++)
        if (f1[i]) {
            assert_int_equal(f3[i], 1);
            assert_int_equal(l3[i], l1[i]);
        }
    assert_int_equal(label_noise_apply(clean, again, fa, N, K, 0.3, 42), 600);
    assert_memory_equal(again, l3, sizeof l3);
    assert_memory_equal(fa, f3, sizeof f3);
    assert_int_equal(label_noise_apply(clean, other, fo, N, K, 0.3, 43), 600);
    int common = 0;
    for (int i = 0; i < N; i++)
        common += fo[i] && f3[i];
    assert_true(common < 300); /* independent choices share ~0.3 × 600 = 180 */
}

/* The flipped examples are a uniform sample, and the new class uniform among the others. */
static void test_arena_label_noise_uniform(void **state)
{
    (void)state;
    enum { N = 40000, K = 4 };
    static int32_t clean[N], labels[N];
    static uint8_t flipped[N];
    for (int i = 0; i < N; i++)
        clean[i] = i % K;
    label_noise_apply(clean, labels, flipped, N, K, 0.5, 9);
    long to[K][K] = {{0}}, first_half = 0;
    for (int i = 0; i < N; i++) {
        if (flipped[i]) {
            to[clean[i]][labels[i]]++;
            first_half += i < N / 2;
        }
    }
    /* 20000 flips: 10000 ± 71 in the first half, and each of the 12 transitions 1667 ± 36 */
    assert_true(labs(first_half - 10000) < 450);
    for (int a = 0; a < K; a++)
        for (int b = 0; b < K; b++) {
            if (a == b) {
                assert_int_equal(to[a][b], 0);
                continue;
            }
            if (!(labs(to[a][b] - 20000 / 12) < 220))
                fail_msg("%d -> %d: %ld flips, want about %d", a, b, to[a][b], 20000 / 12);
        }
}

static void test_arena_label_noise_in_arena(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_GAUSS, 300, 100, 4, 0.1, 12);
    const int n = d->train.n;
    int32_t *test_y = malloc((size_t)d->test.n * sizeof *test_y);
    int32_t *train_y = malloc((size_t)n * sizeof *train_y);
    int32_t *want = malloc((size_t)n * sizeof *want);
    uint8_t *want_f = malloc((size_t)n);
    assert_true(test_y && train_y && want && want_f);
    memcpy(test_y, d->test.y, (size_t)d->test.n * sizeof *test_y);
    memcpy(train_y, d->train.y, (size_t)n * sizeof *train_y);

    const LossId losses[3] = {LOSS_LOG, LOSS_L1, LOSS_HINGE};
    ArenaConfig c = small_config(3, losses);
    c.label_noise = 0.3;
    Arena *a = new_arena(&c, d);
    assert_int_equal(a->n_flipped, 90);
    assert_int_equal(label_noise_apply(d->train.y, want, want_f, n, 4, 0.3, c.seed), 90);
    assert_memory_equal(a->labels, want, (size_t)n * sizeof *want);
    assert_memory_equal(a->flipped, want_f, (size_t)n);
    for (int s = 0; s < 50; s++) {
        arena_step(a);
        for (int i = 0; i < a->cfg.batch; i++) /* every model trains on the shared noisy labels */
            assert_int_equal(a->batch_y[i], a->labels[a->batch_idx[i]]);
    }
    /* live change, then back to clean, then reset restores the configured noise */
    assert_int_equal(arena_set_label_noise(a, 0.1), ST_OK);
    assert_int_equal(a->n_flipped, 30);
    assert_int_equal(arena_set_label_noise(a, 0.0), ST_OK);
    assert_int_equal(a->n_flipped, 0);
    assert_memory_equal(a->labels, d->train.y, (size_t)n * sizeof *want);
    assert_int_equal(arena_set_label_noise(a, 1.0), ST_RANGE);
    assert_int_equal(arena_set_label_noise(a, NAN), ST_RANGE);
    assert_int_equal(a->n_flipped, 0);
    a->cfg.label_noise = 0.3;
    arena_reset(a);
    assert_memory_equal(a->labels, want, (size_t)n * sizeof *want);
    /* the data itself is never touched: test labels above all */
    assert_memory_equal(d->test.y, test_y, (size_t)d->test.n * sizeof *test_y);
    assert_memory_equal(d->train.y, train_y, (size_t)n * sizeof *train_y);
    free(test_y);
    free(train_y);
    free(want);
    free(want_f);
    delete_arena(a);
    free_data(d);
}

/* Training accuracy is measured against the labels trained on, test accuracy against the
 * clean test labels. */
static void test_arena_eval_matches_direct_computation(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_SPIRAL, 300, 130, 3, 0.2, 13);
    ArenaConfig c = busy_config(); /* max_batch 48: 300 and 130 examples in uneven chunks */
    c.input_noise = 0.0;
    Arena *a = new_arena(&c, d);
    for (int s = 0; s < 60; s++)
        arena_step(a);
    arena_evaluate(a);
    for (int m = 0; m < a->n_models; m++) {
        ArenaModel *am = &a->models[m];
        const LossDef *def = loss_def(am->loss);
        for (int split = 0; split < 2; split++) {
            const Dataset *ds = split ? &d->test : &d->train;
            const int32_t *labels = split ? d->test.y : a->labels;
            Mlp copy;
            assert_int_equal(mlp_init(&copy, &am->mlp.shape, ds->n), ST_OK);
            memcpy(copy.params, am->mlp.params, copy.n_params * sizeof(float));
            const float *logits = mlp_forward(&copy, ds->x, ds->n);
            double loss = def->eval(logits, labels, ds->n, a->k, NULL, NULL);
            int correct = 0;
            float *margins = malloc((size_t)ds->n * sizeof *margins);
            assert_non_null(margins);
            for (int i = 0; i < ds->n; i++) {
                const float *row = logits + (size_t)i * a->k;
                correct += metrics_argmax(row, a->k) == labels[i];
                margins[i] = metrics_margin(row, a->k, labels[i]);
            }
            float acc = (float)correct / (float)ds->n;
            float got_loss = split ? am->last.test_loss : am->last.train_loss;
            float got_acc = split ? am->last.test_acc : am->last.train_acc;
            assert_float_equal(got_acc, acc, 1e-6f);
            assert_float_equal(got_loss, (float)loss, 1e-5f * (1.0f + fabsf((float)loss)));
            if (!split) {
                float med = metrics_median(margins, (size_t)ds->n);
                assert_float_equal(am->last.margin_median, med, 1e-5f);
                float lo = metrics_quantile(margins, (size_t)ds->n, 0.025);
                float hi = metrics_quantile(margins, (size_t)ds->n, 0.975);
                assert_float_equal(am->margin_lo, lo, 1e-5f);
                assert_float_equal(am->margin_hi, hi, 1e-5f);
            }
            free(margins);
            mlp_free(&copy);
        }
        assert_int_equal(am->last.step, 60);
        assert_float_equal((float)am->last.epoch, 60.0f * 16.0f / 300.0f, 1e-6f);
    }
    delete_arena(a);
    free_data(d);
}

/* Large splits are evaluated on a fixed sample of ARENA_EVAL_TRAIN distinct examples. */
static void test_arena_eval_sample_of_large_split(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_GAUSS, ARENA_EVAL_TRAIN + 2345, 50, 3, 0.1, 14);
    const LossId one[1] = {LOSS_LOG};
    ArenaConfig c = small_config(1, one);
    Arena *a = new_arena(&c, d);
    assert_int_equal(a->n_train_eval, ARENA_EVAL_TRAIN);
    assert_int_equal(a->n_test_eval, 50);
    for (int i = 0; i < a->n_train_eval; i++) {
        assert_true(a->train_eval_idx[i] < (uint32_t)d->train.n);
        if (i > 0)
            assert_true(a->train_eval_idx[i] > a->train_eval_idx[i - 1]);
    }
    assert_true(a->train_eval_idx[a->n_train_eval - 1] > (uint32_t)ARENA_EVAL_TRAIN); /* spread */
    for (int i = 0; i < a->n_test_eval; i++)
        assert_int_equal(a->test_eval_idx[i], i);
    delete_arena(a);
    free_data(d);
}

/* ---- input noise ---- */

static void test_arena_input_noise_shared_and_seeded(void **state)
{
    (void)state;
    enum { STEPS = 60, B = 16 };
    DataSplit *d = make_data(SYNTH_GAUSS, 200, 40, 3, 0.1, 15);
    const LossId two[2] = {LOSS_LOG, LOSS_L2};
    ArenaConfig c = small_config(2, two);
    float clean[B * 2];

    /* zero noise: the minibatch is exactly the gathered training inputs */
    Arena *a = new_arena(&c, d);
    for (int s = 0; s < 20; s++) {
        arena_step(a);
        dataset_gather(&d->train, a->batch_idx, B, clean);
        assert_memory_equal(a->batch_x, clean, sizeof clean);
    }
    delete_arena(a);

    /* s = 0.3: noise = batch_x − clean is N(0, 0.3²), the same for the same seed */
    c.input_noise = 0.3;
    static float noise_a[STEPS * B * 2], noise_b[STEPS * B * 2], noise_c[STEPS * B * 2];
    float *noises[3] = {noise_a, noise_b, noise_c};
    for (int run = 0; run < 3; run++) {
        ArenaConfig cr = c;
        if (run == 2)
            cr.seed = c.seed + 1;
        a = new_arena(&cr, d);
        for (int s = 0; s < STEPS; s++) {
            arena_step(a);
            dataset_gather(&d->train, a->batch_idx, B, clean);
            for (int i = 0; i < B * 2; i++)
                noises[run][s * B * 2 + i] = a->batch_x[i] - clean[i];
        }
        delete_arena(a);
    }
    assert_memory_equal(noise_a, noise_b, sizeof noise_a);
    int same = 0;
    double sum = 0.0, sum2 = 0.0;
    for (int i = 0; i < STEPS * B * 2; i++) {
        same += noise_a[i] == noise_c[i];
        sum += noise_a[i];
        sum2 += (double)noise_a[i] * noise_a[i];
    }
    assert_true(same < 5);
    const double count = STEPS * B * 2, mean = sum / count, sd = sqrt(sum2 / count - mean * mean);
    /* 1920 draws: standard errors 0.0068 for the mean, 0.0048 for the sd */
    assert_true(fabs(mean) < 0.04);
    assert_true(fabs(sd - 0.3) < 0.03);
    a = new_arena(&c, d);
    assert_int_equal(arena_set_input_noise(a, -0.5), ST_RANGE);
    assert_int_equal(arena_set_input_noise(a, NAN), ST_RANGE);
    assert_int_equal(arena_set_input_noise(a, 0.0), ST_OK);
    arena_step(a);
    dataset_gather(&d->train, a->batch_idx, B, clean);
    assert_memory_equal(a->batch_x, clean, sizeof clean);
    delete_arena(a);
    free_data(d);
}

/* ---- live changes ---- */

static void test_arena_live_changes_apply_to_all(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_GAUSS, 200, 40, 3, 0.1, 16);
    const LossId two[2] = {LOSS_LOG, LOSS_L2};
    ArenaConfig c = small_config(2, two);
    c.max_batch = 64;
    Arena *a = new_arena(&c, d);
    assert_int_equal(a->cfg.max_batch, 64);
    for (int s = 0; s < 5; s++)
        arena_step(a);
    assert_int_equal(arena_set_batch(a, 0), ST_RANGE);
    assert_int_equal(arena_set_batch(a, 65), ST_RANGE);
    assert_int_equal(arena_set_batch(a, 64), ST_OK);
    arena_step(a);
    assert_int_equal(a->cfg.batch, 64);
    assert_true(a->samples == 5.0 * 16 + 64);
    arena_set_lr(a, 0.25f);
    assert_float_equal(a->cfg.opt.lr, 0.25f, 0.0f);
    arena_set_optimizer(a, OPT_MOMENTUM, 0.25f, true); /* the lr is the caller's to keep */
    assert_int_equal(a->cfg.opt.kind, OPT_MOMENTUM);
    assert_float_equal(a->cfg.opt.lr, 0.25f, 0.0f);
    assert_true(a->cfg.opt.nesterov);
    for (int m = 0; m < a->n_models; m++) {
        assert_int_equal(a->models[m].opt.t, 0);
        for (size_t i = 0; i < 2 * a->models[m].opt.n; i++)
            assert_true(a->models[m].opt.m[i] == 0.0f);
    }
    arena_step(a);
    assert_int_equal(a->models[0].opt.t, 1);
    delete_arena(a);

    /* the default max_batch holds at least 512 rows */
    c.max_batch = 0;
    a = new_arena(&c, d);
    assert_int_equal(a->cfg.max_batch, 512);
    delete_arena(a);
    free_data(d);
}

/* ---- divergence ---- */

/* SGD at lr 5 on three well-separated blobs: L2 on raw outputs overshoots further every step and
 * its weights overflow within ~40 steps, while the bounded softmax losses (L1∘σ, tan) settle and
 * classify perfectly (checked over 20 seeds × lr 3 and 5 before choosing this). */
static void test_arena_divergence_freezes_only_that_model(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_GAUSS, 300, 200, 3, 0.1, 1);
    const LossId losses[3] = {LOSS_L2, LOSS_L1_SOFTMAX, LOSS_TANIMOTO};
    ArenaConfig c = small_config(3, losses);
    c.hidden[0] = 16;
    c.opt = optim_defaults(OPT_SGD);
    c.opt.lr = 5.0f;
    c.batch = 32;
    c.seed = 1;
    c.eval_every = 50;
    Arena *a = new_arena(&c, d);
    ArenaModel *l2 = &a->models[0];
    int s = 0;
    while (!l2->diverged && s < 200) {
        arena_step(a);
        s++;
        /* divergence is caught the step it happens: a live model's weights are finite */
        for (int m = 0; m < a->n_models; m++)
            if (!a->models[m].diverged)
                for (size_t i = 0; i < a->models[m].mlp.n_params; i++)
                    assert_true(isfinite(a->models[m].mlp.params[i]));
    }
    assert_true(l2->diverged);
    assert_int_not_equal(l2->diverged_why, DIV_NONE);
    assert_true(strlen(diverge_reason_str(l2->diverged_why)) > 0);
    assert_true(l2->diverged_step >= 1 && l2->diverged_step <= a->step);
    assert_float_equal(l2->diverged_lr, 5.0f, 0.0f);
    assert_false(a->models[1].diverged);
    assert_false(a->models[2].diverged);

    const size_t np = l2->mlp.n_params;
    float *frozen = malloc(np * sizeof *frozen), *other = malloc(np * sizeof *other);
    assert_true(frozen && other);
    memcpy(frozen, l2->mlp.params, np * sizeof *frozen);
    memcpy(other, a->models[1].mlp.params, np * sizeof *other);
    const long when = l2->diverged_step;
    const DivergeReason why = l2->diverged_why;
    const EvalResult last = l2->last;
    const int hist = l2->train_loss.n;
    while (s < 200) {
        arena_step(a);
        s++;
    }
    arena_evaluate(a);
    /* the diverged model is frozen: weights, record and metrics as they were */
    assert_memory_equal(l2->mlp.params, frozen, np * sizeof *frozen);
    assert_int_equal(l2->diverged_step, when);
    assert_int_equal(l2->diverged_why, why);
    assert_same_eval(&l2->last, &last);
    assert_int_equal(l2->train_loss.n, hist);
    /* the others trained on to the end */
    assert_false(same_floats(a->models[1].mlp.params, other, np));
    for (int m = 1; m < 3; m++) {
        assert_false(a->models[m].diverged);
        assert_int_equal(a->models[m].last.step, 200);
        assert_true(isfinite(a->models[m].last.train_loss));
        if (!(a->models[m].last.test_acc >= 0.9f))
            fail_msg("%s: test accuracy %.3f next to a diverged L2", loss_def(losses[m])->key,
                     a->models[m].last.test_acc);
    }
    assert_int_equal(a->step, 200);
    /* reset revives it */
    arena_reset(a);
    assert_false(l2->diverged);
    assert_int_equal(l2->diverged_why, DIV_NONE);
    assert_memory_equal(l2->mlp.params, a->models[1].mlp.params, np * sizeof *frozen);
    free(frozen);
    free(other);
    delete_arena(a);
    free_data(d);
}

/* Finite weights can still overflow the outputs on inputs training never saw: the evaluation
 * catches it. One test example of magnitude 1e24 makes every logit ~1e24 — L2's squared error
 * (~1e48) is no float, log loss (~1e24) is — so L2 is marked diverged at this step, keeps its
 * last good evaluation and history, and the log model goes on with a finite record. */
static void test_arena_eval_time_divergence(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_GAUSS, 120, 20, 3, 0.1, 4);
    const LossId losses[2] = {LOSS_L2, LOSS_LOG};
    ArenaConfig c = small_config(2, losses);
    c.eval_every = 10;
    Arena *a = new_arena(&c, d);
    for (int s = 0; s < 10; s++)
        arena_step(a); /* evaluations at steps 0 and 10 */
    ArenaModel *l2 = &a->models[0], *log_m = &a->models[1];
    assert_false(l2->diverged);
    assert_true(l2->has_eval);
    assert_int_equal(l2->last.step, 10);
    const EvalResult good = l2->last;
    const int hist = l2->test_loss.n;
    const size_t np = l2->mlp.n_params;
    float *params = malloc(np * sizeof *params);
    assert_non_null(params);
    memcpy(params, l2->mlp.params, np * sizeof *params);

    for (int j = 0; j < d->test.dim; j++)
        d->test.x[j] = 1e24f;
    for (int s = 0; s < 5; s++)
        arena_step(a);
    /* step 15; the final evaluation reads the test set itself (the subsets are copies made at
     * arena_init, which the poke above does not reach) */
    arena_evaluate_final(a);

    assert_true(l2->diverged);
    assert_int_equal(l2->diverged_why, DIV_LOGITS);
    assert_int_equal(l2->diverged_step, 15);
    assert_same_eval(&l2->last, &good);
    assert_int_equal(l2->test_loss.n, hist);
    assert_true(isfinite(l2->test_loss.y[l2->test_loss.n - 1]));
    /* the others go on: evaluated now, with finite (if huge) numbers */
    assert_false(log_m->diverged);
    assert_int_equal(log_m->last.step, 15);
    assert_true(isfinite(log_m->last.test_loss));
    assert_true(log_m->last.test_loss > 1e20f);
    /* and the diverged model is frozen from here on */
    memcpy(params, l2->mlp.params, np * sizeof *params);
    for (int s = 0; s < 5; s++)
        arena_step(a);
    assert_memory_equal(l2->mlp.params, params, np * sizeof *params);
    assert_int_equal(l2->diverged_step, 15);
    free(params);
    delete_arena(a);
    free_data(d);
}

static void test_arena_diverge_reason_strings(void **state)
{
    (void)state;
    assert_string_equal(diverge_reason_str(DIV_NONE), "");
    const DivergeReason reasons[4] = {DIV_LOSS_NAN, DIV_LOSS_INF, DIV_LOGITS, DIV_PARAMS};
    for (int i = 0; i < 4; i++) {
        assert_true(strlen(diverge_reason_str(reasons[i])) > 0);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(diverge_reason_str(reasons[i]), diverge_reason_str(reasons[j]));
    }
}

/* ---- learning ---- */

static void test_arena_every_loss_learns_gauss(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_GAUSS, 400, 400, 4, 0.1, 1);
    ArenaConfig c = small_config(LOSS_COUNT, all_losses);
    c.hidden[0] = 16;
    c.batch = 32;
    c.seed = 1;
    c.eval_every = 300;
    Arena *a = new_arena(&c, d);
    /* every loss passes 90 % within 50 steps on seeds 1..10; 300 leave a wide margin */
    for (int s = 0; s < 300; s++)
        arena_step(a);
    for (int m = 0; m < a->n_models; m++) {
        const ArenaModel *am = &a->models[m];
        assert_false(am->diverged);
        assert_int_equal(am->last.step, 300);
        if (!(am->last.test_acc >= 0.9f))
            fail_msg("%s: test accuracy %.3f", loss_def(am->loss)->key, am->last.test_acc);
    }
    delete_arena(a);
    free_data(d);
}

static void test_arena_log_loss_fits_spiral(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_SPIRAL, 600, 300, 3, synth_default_noise(SYNTH_SPIRAL), 1);
    const LossId one[1] = {LOSS_LOG};
    ArenaConfig c = arena_defaults(); /* 64,64 ReLU, Adam 3e-3, batch 64 */
    c.n_losses = 1;
    c.losses[0] = one[0];
    c.eval_every = 100;
    Arena *a = new_arena(&c, d);
    assert_int_equal(a->cfg.n_hidden, 2);
    assert_int_equal(a->cfg.hidden[1], 64);
    /* 95 % is reached at 300–400 steps on seeds 1..8; the budget is 3000 */
    float best = 0.0f;
    while (a->step < 3000 && best < 0.95f) {
        arena_step(a);
        if (a->models[0].has_eval && a->models[0].last.step == a->step)
            best = fmaxf(best, a->models[0].last.train_acc);
    }
    assert_false(a->models[0].diverged);
    if (!(best >= 0.95f))
        fail_msg("log loss on spiral: best training accuracy %.3f after %ld steps", best, a->step);
    delete_arena(a);
    free_data(d);
}

/* ---- snapshot ---- */

static void test_arena_snapshot_copies_state(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_SPIRAL, 2000, 100, 3, 0.2, 17);
    ArenaConfig c = busy_config();
    Arena *a = new_arena(&c, d);
    Snapshot *s = calloc(1, sizeof *s);
    assert_non_null(s);

    /* before any evaluation: empty histograms */
    snapshot_take(s, a);
    for (int m = 0; m < a->n_models; m++) {
        assert_false(s->models[m].has_eval);
        assert_int_equal(s->models[m].margins.total, 0);
    }

    for (int i = 0; i < 100; i++)
        arena_step(a);
    s->seq = 7;
    s->steps_per_sec = 3.5;
    s->running = true;
    snapshot_take(s, a);
    assert_int_equal(s->seq, 7); /* the publisher's fields are left alone */
    assert_true(s->steps_per_sec == 3.5);
    assert_true(s->running);
    assert_int_equal(s->step, 100);
    assert_true(s->epoch == 100.0 * 16 / 2000);
    assert_string_equal(s->dataset, "spiral");
    assert_int_equal(s->n_train, 2000);
    assert_int_equal(s->n_test, 100);
    assert_int_equal(s->dim, 2);
    assert_int_equal(s->k, 3);
    assert_int_equal(s->n_flipped, a->n_flipped);
    assert_int_equal(s->n_flipped, 400);
    assert_int_equal(s->cfg.batch, 16);
    assert_int_equal(s->cfg.seed, c.seed);
    assert_int_equal(s->n_models, a->n_models);

    float hi = 0.0f; /* the common range: of the first model not binned on its own */
    for (int m = a->n_models - 1; m >= 0; m--)
        if (!s->models[m].margins_own)
            hi = s->models[m].margins.hi;
    assert_true(hi > 0.0f);
    int covered = 0; /* models whose 2.5–97.5 % margins fit the common range */
    for (int m = 0; m < a->n_models; m++) {
        const ArenaModel *am = &a->models[m];
        const ModelSnapshot *ms = &s->models[m];
        assert_int_equal(ms->loss, am->loss);
        assert_int_equal(ms->diverged, am->diverged);
        assert_true(ms->has_eval);
        assert_same_eval(&ms->last, &am->last);
        assert_same_history(&ms->train_loss, &am->train_loss);
        assert_same_history(&ms->test_loss, &am->test_loss);
        assert_same_history(&ms->train_acc, &am->train_acc);
        assert_same_history(&ms->test_acc, &am->test_acc);
        assert_int_equal(ms->train_loss.n, 6); /* steps 0, 20, ..., 100 */

        /* one symmetric range for all, wide enough for the bulk of the median model — but for
         * a model with over a quarter of its margins beyond it, which gets a wider one */
        const Histogram *h = &ms->margins;
        Histogram common;
        histogram_fill(&common, -hi, hi, SNAPSHOT_HIST_BINS, am->margins, (size_t)a->n_train_eval);
        assert_int_equal(ms->margins_own, 4 * (common.below + common.above) > common.total);
        if (ms->margins_own) {
            assert_true(h->lo == -h->hi && h->hi > hi);
            continue;
        }
        assert_true(h->lo == -hi && h->hi == hi);
        assert_int_equal(h->n_bins, SNAPSHOT_HIST_BINS);
        assert_int_equal(h->total, a->n_train_eval);
        uint32_t sum = h->below + h->above;
        for (int b = 0; b < h->n_bins; b++)
            sum += h->counts[b];
        assert_int_equal(sum, h->total);
        if (hi >= fabsf(am->margin_lo) && hi >= fabsf(am->margin_hi)) {
            covered++;
            assert_true(h->below + h->above <= h->total / 20 + 2);
        }
        Histogram want;
        histogram_fill(&want, -hi, hi, SNAPSHOT_HIST_BINS, am->margins, (size_t)a->n_train_eval);
        assert_memory_equal(want.counts, h->counts, sizeof want.counts);

        assert_memory_equal(ms->grid, am->grid, ARENA_GRID * ARENA_GRID);
        for (int g = 0; g < ARENA_GRID * ARENA_GRID; g++) {
            assert_true(am->grid_conf[g] >= 1.0f / 3.0f - 1e-6f && am->grid_conf[g] <= 1.0f);
            assert_int_equal(ms->grid_conf[g], (int)lrintf(255.0f * am->grid_conf[g]));
        }
    }
    assert_true(2 * covered >= a->n_models);
    /* the range is tight: a "nice" 1/2/5 ceiling, never beyond the widest quantile's */
    float widest = 0.0f;
    for (int m = 0; m < a->n_models; m++)
        widest = fmaxf(widest, fmaxf(fabsf(a->models[m].margin_lo), fabsf(a->models[m].margin_hi)));
    assert_true(hi <= 2.5f * widest);

    assert_true(s->has_grid);
    assert_memory_equal(s->grid_lo, a->grid_lo, sizeof s->grid_lo);
    assert_memory_equal(s->grid_hi, a->grid_hi, sizeof s->grid_hi);
    assert_int_equal(s->n_points, SNAPSHOT_MAX_POINTS);
    int flipped = 0;
    for (int i = 0; i < s->n_points; i++) {
        assert_true(s->point_x[i] == d->train.x[2 * i]);
        assert_true(s->point_y[i] == d->train.x[2 * i + 1]);
        assert_int_equal(s->point_class[i], a->labels[i]);
        assert_int_equal(s->point_flipped[i], a->flipped[i]);
        flipped += s->point_flipped[i];
    }
    assert_true(flipped > 0);
    free(s);
    delete_arena(a);
    free_data(d);
}

/* A model on the verge of overflow (finite logits near FLT_MAX, finite loss) is not yet
 * diverged; its snapshot must still be well-formed: a finite common range, every margin
 * counted. */
static void test_arena_snapshot_of_huge_margins(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_GAUSS, 60, 30, 3, 0.1, 18);
    const LossId losses[2] = {LOSS_LOG, LOSS_HINGE};
    ArenaConfig c = small_config(2, losses);
    Arena *a = new_arena(&c, d);
    /* output weights 0 and biases (2.5e38, 0, 0): margins are ±2.5e38 */
    Mlp *mlp = &a->models[0].mlp;
    const int last = mlp->n_layers - 1;
    memset(mlp->w[last], 0, (size_t)mlp->width[last] * a->k * sizeof(float));
    mlp->b[last][0] = 2.5e38f;
    mlp->b[last][1] = mlp->b[last][2] = 0.0f;
    arena_evaluate(a);
    assert_false(a->models[0].diverged);
    assert_true(a->models[0].margin_hi == 2.5e38f);
    Snapshot *s = calloc(1, sizeof *s);
    assert_non_null(s);
    snapshot_take(s, a);
    for (int m = 0; m < a->n_models; m++) {
        const Histogram *h = &s->models[m].margins;
        assert_true(isfinite(h->lo) && isfinite(h->hi) && h->lo < h->hi);
        assert_int_equal(h->total, a->n_train_eval);
        uint32_t sum = h->below + h->above;
        for (int b = 0; b < h->n_bins; b++)
            sum += h->counts[b];
        assert_int_equal(sum, h->total);
    }
    free(s);
    delete_arena(a);
    free_data(d);
}

/* A model whose margins lie mostly beyond the common range gets a range of its own (symmetric,
 * a nice ceiling over its own 2.5–97.5 % spread) instead of an empty histogram; the others keep
 * the common one. */
static void test_arena_snapshot_own_margin_range(void **state)
{
    (void)state;
    DataSplit *d = make_data(SYNTH_GAUSS, 60, 30, 3, 0.1, 18);
    const LossId losses[3] = {LOSS_LOG, LOSS_HINGE, LOSS_L2};
    ArenaConfig c = small_config(3, losses);
    Arena *a = new_arena(&c, d);
    /* model 0 made very confident: output biases (400, 0, 0) put its margins near ±400 */
    Mlp *mlp = &a->models[0].mlp;
    const int last = mlp->n_layers - 1;
    memset(mlp->w[last], 0, (size_t)mlp->width[last] * a->k * sizeof(float));
    mlp->b[last][0] = 400.0f;
    mlp->b[last][1] = mlp->b[last][2] = 0.0f;
    arena_evaluate(a);
    Snapshot *s = calloc(1, sizeof *s);
    assert_non_null(s);
    snapshot_take(s, a);
    const Histogram *own = &s->models[0].margins, *common = &s->models[1].margins;
    assert_true(s->models[0].margins_own);
    assert_false(s->models[1].margins_own);
    assert_false(s->models[2].margins_own);
    assert_true(common->hi < 400.0f);
    assert_true(own->lo == -own->hi && own->hi >= 400.0f && own->hi <= 1000.0f);
    assert_true(own->below + own->above <= own->total / 20 + 2); /* the bulk is inside */
    free(s);
    delete_arena(a);
    free_data(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_config_check_rejects_bad_values),
        cmocka_unit_test(test_arena_snapshot_own_margin_range),
        cmocka_unit_test(test_arena_models_start_bitwise_equal),
        cmocka_unit_test(test_arena_minibatch_order_independent_of_losses),
        cmocka_unit_test(test_arena_minibatch_order_independent_of_noise),
        cmocka_unit_test(test_arena_each_epoch_is_a_permutation),
        cmocka_unit_test(test_arena_same_config_bitwise_identical),
        cmocka_unit_test(test_arena_reset_returns_to_initial_state),
        cmocka_unit_test(test_arena_model_order_does_not_matter),
        cmocka_unit_test(test_arena_model_unaffected_by_other_losses),
        cmocka_unit_test(test_arena_label_noise_flips_exact_count_to_other_class),
        cmocka_unit_test(test_arena_label_noise_nested_and_deterministic),
        cmocka_unit_test(test_arena_label_noise_uniform),
        cmocka_unit_test(test_arena_label_noise_in_arena),
        cmocka_unit_test(test_arena_eval_matches_direct_computation),
        cmocka_unit_test(test_arena_eval_sample_of_large_split),
        cmocka_unit_test(test_arena_input_noise_shared_and_seeded),
        cmocka_unit_test(test_arena_live_changes_apply_to_all),
        cmocka_unit_test(test_arena_divergence_freezes_only_that_model),
        cmocka_unit_test(test_arena_eval_time_divergence),
        cmocka_unit_test(test_arena_diverge_reason_strings),
        cmocka_unit_test(test_arena_every_loss_learns_gauss),
        cmocka_unit_test(test_arena_log_loss_fits_spiral),
        cmocka_unit_test(test_arena_snapshot_copies_state),
        cmocka_unit_test(test_arena_snapshot_of_huge_margins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
