/* test_arena_diag.c — the arena's evaluation carries the diagnostics of core/diagnostics.h:
 * on a hand-built set with known flips and a hand-set linear model, the memorised share and
 * clean accuracy equal a hand count; the per-example gradient norms kept for the snapshot are
 * the loss table's; the snapshot's gradient bins hold the whole gradient (shares sum to 1) on
 * the margin histogram's bins; without label noise the undefined values stay −1; the curves get
 * a point per evaluation where defined; a reset clears them. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/snapshot.h"

enum { N = 6, K = 3, SEED = 5 };
static const int32_t clean_y[N] = {0, 1, 2, 0, 1, 2};

/* Six examples of three classes, with three features each, and a model without hidden layers
 * whose weights are the identity: the logits are the features. Half the labels are flipped
 * (label_noise_apply with the arena's seed tells which, before the features are chosen): the
 * first two flipped examples are predicted as their flipped labels (memorised), the third as
 * its true label; of the clean ones two are right and one is wrong. */
typedef struct {
    DataSplit data;
    Arena arena;
    int32_t labels[N];
    uint8_t flipped[N];
} Fixture;

static void set_row(float *x, int predicted)
{
    for (int j = 0; j < K; j++)
        x[j] = j == predicted ? 3.0f : 0.0f;
}

static Fixture *fixture_new(double noise, int n_losses, const LossId *losses)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_int_equal(dataset_alloc(&f->data.train, N, K, K, false), ST_OK);
    assert_int_equal(dataset_alloc(&f->data.test, 3, K, K, false), ST_OK);
    memcpy(f->data.train.y, clean_y, sizeof clean_y);
    for (int i = 0; i < 3; i++) {
        f->data.test.y[i] = i;
        set_row(f->data.test.x + i * K, i);
    }
    int n_flipped = label_noise_apply(clean_y, f->labels, f->flipped, N, K, noise, SEED);
    assert_int_equal(n_flipped, noise > 0 ? 3 : 0);
    int seen_flipped = 0, seen_clean = 0;
    for (int i = 0; i < N; i++) {
        float *x = f->data.train.x + i * K;
        int c = clean_y[i], other = (c + 1) % K;
        if (f->flipped[i]) {
            int pick[3] = {f->labels[i], f->labels[i], c};
            set_row(x, pick[seen_flipped++]);
        } else {
            set_row(x, seen_clean++ < 2 || noise == 0 ? c : other);
        }
    }
    ArenaConfig cfg = arena_defaults();
    cfg.n_losses = n_losses;
    memcpy(cfg.losses, losses, (size_t)n_losses * sizeof *losses);
    cfg.n_hidden = 0;
    cfg.batch = 2;
    cfg.seed = SEED;
    cfg.label_noise = noise;
    assert_int_equal(arena_init(&f->arena, &cfg, &f->data), ST_OK);
    for (int m = 0; m < n_losses; m++) {
        Mlp *mlp = &f->arena.models[m].mlp;
        memset(mlp->w[0], 0, K * K * sizeof(float));
        memset(mlp->b[0], 0, K * sizeof(float));
        for (int j = 0; j < K; j++)
            mlp->w[0][j * K + j] = 1.0f;
    }
    return f;
}

static void fixture_free(Fixture *f)
{
    arena_free(&f->arena);
    datasplit_free(&f->data);
    free(f);
}

static void test_arena_diag_hand_count(void **state)
{
    (void)state;
    const LossId losses[2] = {LOSS_LOG, LOSS_L1_SOFTMAX};
    Fixture *f = fixture_new(0.5, 2, losses);
    Arena *a = &f->arena;
    assert_int_equal(a->n_flipped, 3);
    arena_evaluate(a);
    for (int m = 0; m < 2; m++) {
        const Diagnostics *d = &a->models[m].last.diag;
        assert_int_equal(d->n, N);
        assert_int_equal(d->n_flipped, 3);
        assert_float_equal(d->memorized, 2.0f / 3.0f, 1e-6);
        /* right against the true labels: the flipped one predicted as its true label and the
         * two right clean ones */
        assert_float_equal(d->clean_acc, 3.0f / 6.0f, 1e-6);
        /* against the labels trained on: the two memorised ones and two clean ones */
        assert_float_equal(a->models[m].last.train_acc, 4.0f / 6.0f, 1e-6);
        /* the kept norms are the loss table's, and the shares follow from them */
        double total = 0, flipped = 0, wrong = 0;
        for (int i = 0; i < N; i++) {
            const float *x = f->data.train.x + i * K;
            double g = diag_grad_norm(loss_def(losses[m]), x, f->labels[i], K);
            assert_float_equal(a->models[m].diag_norms[i], g, 1e-6);
            total += g;
            flipped += f->flipped[i] ? g : 0;
            wrong += a->models[m].diag_margins[i] <= 0 ? g : 0;
        }
        assert_float_equal(d->grad_share_flipped, flipped / total, 1e-6);
        assert_float_equal(d->grad_share_wrong, wrong / total, 1e-6);
        assert_int_equal(a->models[m].memorized.n, 1);
        assert_float_equal(a->models[m].memorized.y[0], 2.0f / 3.0f, 1e-6);
    }
    /* log loss pulls hardest on the badly wrong (here: the flipped) examples; the expectation
     * loss saturates there and gives them less of its gradient */
    assert_true(a->models[0].last.diag.grad_share_wrong > a->models[1].last.diag.grad_share_wrong);
    fixture_free(f);
}

static void test_arena_diag_snapshot_bins_hold_the_whole_gradient(void **state)
{
    (void)state;
    const LossId losses[3] = {LOSS_LOG, LOSS_HINGE, LOSS_L1_SOFTMAX};
    Fixture *f = fixture_new(0.5, 3, losses);
    arena_evaluate(&f->arena);
    Snapshot *s = calloc(1, sizeof *s);
    assert_non_null(s);
    snapshot_take(s, &f->arena);
    for (int m = 0; m < 3; m++) {
        const GradBins *g = &s->models[m].grads;
        const Histogram *h = &s->models[m].margins;
        assert_int_equal(g->n_bins, h->n_bins);
        assert_true(g->lo == h->lo && g->hi == h->hi);
        double sum = g->below + g->above, sum_flipped = g->below_flipped + g->above_flipped;
        for (int b = 0; b < g->n_bins; b++) {
            sum += g->grad[b];
            sum_flipped += g->grad_flipped[b];
            /* a bin with gradient has examples in the margin histogram */
            if (g->grad[b] > 0)
                assert_true(h->counts[b] > 0);
        }
        const Diagnostics *d = &s->models[m].last.diag;
        double total = 0;
        for (int i = 0; i < N; i++)
            total += f->arena.models[m].diag_norms[i];
        assert_float_equal(sum / total, 1.0, 1e-6);
        assert_float_equal(sum_flipped / total, d->grad_share_flipped, 1e-5);
        assert_int_equal(s->models[m].memorized.n, 1);
    }
    free(s);
    fixture_free(f);
}

static void test_arena_diag_undefined_without_noise(void **state)
{
    (void)state;
    const LossId losses[1] = {LOSS_LOG};
    Fixture *f = fixture_new(0.0, 1, losses);
    Arena *a = &f->arena;
    /* before any evaluation: nothing is known */
    assert_float_equal(a->models[0].last.diag.memorized, -1.0f, 0);
    assert_float_equal(a->models[0].last.diag.clean_acc, -1.0f, 0);
    arena_evaluate(a);
    const Diagnostics *d = &a->models[0].last.diag;
    assert_int_equal(d->n_flipped, 0);
    assert_float_equal(d->memorized, -1.0f, 0);
    assert_float_equal(d->grad_share_flipped, -1.0f, 0);
    assert_float_equal(d->clean_acc, 1.0f, 0);
    assert_int_equal(a->models[0].memorized.n, 0); /* no point without a value */
    assert_int_equal(a->models[0].clean_acc.n, 1);
    /* label noise switched on live: the next evaluation knows the flips */
    assert_int_equal(arena_set_label_noise(a, 0.5), ST_OK);
    a->step = 1;
    arena_evaluate(a);
    assert_int_equal(a->models[0].last.diag.n_flipped, 3);
    assert_true(a->models[0].last.diag.memorized >= 0.0f);
    assert_int_equal(a->models[0].memorized.n, 1);
    arena_reset(a);
    assert_int_equal(a->models[0].memorized.n, 0);
    assert_int_equal(a->models[0].clean_acc.n, 0);
    assert_float_equal(a->models[0].last.diag.memorized, -1.0f, 0);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_diag_hand_count),
        cmocka_unit_test(test_arena_diag_snapshot_bins_hold_the_whole_gradient),
        cmocka_unit_test(test_arena_diag_undefined_without_noise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
