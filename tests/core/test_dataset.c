/* test_dataset.c — the Dataset container (alloc/free/gather/counts) and the synthetic 2-D
 * generators: shapes, balance, determinism by seed, finiteness, the box, bad configs, and
 * what a noise-free generator promises about its geometry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <string.h>

#include "core/dataset.h"

static const char *const kind_names[SYNTH_COUNT] = {"spiral", "circles", "xor",
                                                    "gauss",  "moons",   "checker"};

static SynthConfig default_config(SynthKind kind, uint64_t seed)
{
    SynthConfig c = {kind, 301, 103, 0, synth_default_noise(kind), seed};
    return c;
}

static void check_dataset(const Dataset *d, int n, int k)
{
    assert_int_equal(d->n, n);
    assert_int_equal(d->dim, 2);
    assert_int_equal(d->k, k);
    assert_non_null(d->x);
    assert_null(d->x_u8);
    assert_non_null(d->y);

    int counts[DATASET_MAX_CLASSES];
    dataset_class_counts(d, counts);
    int lo = n, hi = 0, total = 0;
    for (int c = 0; c < k; c++) {
        lo = counts[c] < lo ? counts[c] : lo;
        hi = counts[c] > hi ? counts[c] : hi;
        total += counts[c];
    }
    assert_int_equal(total, n);
    assert_true(hi - lo <= 1);

    for (int i = 0; i < n; i++) {
        assert_true(d->y[i] >= 0 && d->y[i] < k);
        for (int j = 0; j < 2; j++) {
            float v = d->x[i * 2 + j];
            assert_true(isfinite(v));
            assert_true(fabsf(v) < 3.0f);
        }
    }
}

static bool same_dataset(const Dataset *a, const Dataset *b)
{
    return a->n == b->n && a->dim == b->dim && a->k == b->k &&
           memcmp(a->x, b->x, (size_t)a->n * (size_t)a->dim * sizeof *a->x) == 0 &&
           memcmp(a->y, b->y, (size_t)a->n * sizeof *a->y) == 0;
}

/* Everything a generator promises with its default settings. */
static void check_kind(SynthKind kind)
{
    int min_k, max_k, def_k;
    synth_class_range(kind, &min_k, &max_k, &def_k);
    assert_true(min_k >= 2 && min_k <= def_k && def_k <= max_k);
    assert_true(max_k <= DATASET_MAX_CLASSES);
    assert_true(synth_default_noise(kind) >= 0.0);

    SynthConfig cfg = default_config(kind, 42);
    DataSplit a, b, c;
    assert_int_equal(synth_generate(&a, &cfg), ST_OK);
    assert_string_equal(a.name, kind_names[kind]);
    assert_string_equal(a.class_names[0], "");
    check_dataset(&a.train, cfg.n_train, def_k);
    check_dataset(&a.test, cfg.n_test, def_k);

    /* The data fills the box rather than sitting in a corner of it. */
    float maxabs[2] = {0, 0};
    for (int i = 0; i < a.train.n * 2; i++)
        maxabs[i % 2] = fmaxf(maxabs[i % 2], fabsf(a.train.x[i]));
    assert_true(maxabs[0] > 0.4f && maxabs[1] > 0.4f);

    assert_int_equal(synth_generate(&b, &cfg), ST_OK);
    assert_true(same_dataset(&a.train, &b.train));
    assert_true(same_dataset(&a.test, &b.test));

    cfg.seed = 43;
    assert_int_equal(synth_generate(&c, &cfg), ST_OK);
    assert_false(same_dataset(&a.train, &c.train));
    assert_false(same_dataset(&a.test, &c.test));

    /* Train and test are different draws, not copies. */
    assert_false(memcmp(a.train.x, a.test.x, (size_t)a.test.n * 2 * sizeof(float)) == 0);

    datasplit_free(&a);
    datasplit_free(&b);
    datasplit_free(&c);
}

static void test_dataset_spiral_valid(void **state)
{
    (void)state;
    check_kind(SYNTH_SPIRAL);
}

static void test_dataset_circles_valid(void **state)
{
    (void)state;
    check_kind(SYNTH_CIRCLES);
}

static void test_dataset_xor_valid(void **state)
{
    (void)state;
    check_kind(SYNTH_XOR);
}

static void test_dataset_gauss_valid(void **state)
{
    (void)state;
    check_kind(SYNTH_GAUSS);
}

static void test_dataset_moons_valid(void **state)
{
    (void)state;
    check_kind(SYNTH_MOONS);
}

static void test_dataset_checker_valid(void **state)
{
    (void)state;
    check_kind(SYNTH_CHECKER);
}

static void test_dataset_every_class_count_balanced(void **state)
{
    (void)state;
    for (int kind = 0; kind < SYNTH_COUNT; kind++) {
        int min_k, max_k, def_k;
        synth_class_range((SynthKind)kind, &min_k, &max_k, &def_k);
        for (int k = min_k; k <= max_k; k++) {
            /* Sizes that are not multiples of k, and a split smaller than k. */
            SynthConfig cfg = {(SynthKind)kind, 97, k - 1 > 0 ? k - 1 : 1, k, 0.1, 7};
            DataSplit s;
            assert_int_equal(synth_generate(&s, &cfg), ST_OK);
            check_dataset(&s.train, cfg.n_train, k);
            check_dataset(&s.test, cfg.n_test, k);
            datasplit_free(&s);
        }
    }
}

static void test_dataset_labels_shuffled(void **state)
{
    (void)state;
    SynthConfig cfg = default_config(SYNTH_SPIRAL, 1);
    DataSplit s;
    assert_int_equal(synth_generate(&s, &cfg), ST_OK);
    int in_order = 0;
    for (int j = 0; j < s.train.n; j++)
        in_order += s.train.y[j] == j % s.train.k;
    assert_true(in_order < s.train.n / 2);
    datasplit_free(&s);
}

static void test_dataset_splits_independent_of_other_size(void **state)
{
    (void)state;
    SynthConfig cfg = default_config(SYNTH_MOONS, 5);
    DataSplit a, b;
    assert_int_equal(synth_generate(&a, &cfg), ST_OK);
    cfg.n_test = 7;
    assert_int_equal(synth_generate(&b, &cfg), ST_OK);
    assert_true(same_dataset(&a.train, &b.train));
    datasplit_free(&b);
    cfg.n_test = a.test.n;
    cfg.n_train = 11;
    assert_int_equal(synth_generate(&b, &cfg), ST_OK);
    assert_true(same_dataset(&a.test, &b.test));
    datasplit_free(&a);
    datasplit_free(&b);
}

/* Noise 0 gives the clean geometry each generator describes. */
static void test_dataset_noise_free_geometry(void **state)
{
    (void)state;
    DataSplit s;

    SynthConfig cfg = {SYNTH_CIRCLES, 200, 10, 3, 0.0, 9};
    assert_int_equal(synth_generate(&s, &cfg), ST_OK);
    for (int i = 0; i < s.train.n; i++) {
        float r = hypotf(s.train.x[2 * i], s.train.x[2 * i + 1]);
        assert_float_equal(r, (s.train.y[i] + 1) / 3.0f, 1e-5f);
    }
    datasplit_free(&s);

    cfg = (SynthConfig){SYNTH_XOR, 200, 10, 0, 0.0, 9};
    assert_int_equal(synth_generate(&s, &cfg), ST_OK);
    for (int i = 0; i < s.train.n; i++) {
        float x = s.train.x[2 * i], y = s.train.x[2 * i + 1];
        assert_true(fabsf(x) <= 1.0f && fabsf(y) <= 1.0f);
        assert_int_equal(s.train.y[i], x * y > 0 ? 0 : 1);
    }
    datasplit_free(&s);

    cfg = (SynthConfig){SYNTH_CHECKER, 400, 10, 3, 0.0, 9};
    assert_int_equal(synth_generate(&s, &cfg), ST_OK);
    for (int i = 0; i < s.train.n; i++) {
        int ci = (int)floorf((s.train.x[2 * i] + 1.0f) * 2.0f);
        int cj = (int)floorf((s.train.x[2 * i + 1] + 1.0f) * 2.0f);
        assert_true(ci >= 0 && ci < 4 && cj >= 0 && cj < 4);
        assert_int_equal(s.train.y[i], (ci + cj) % 3);
    }
    datasplit_free(&s);

    cfg = (SynthConfig){SYNTH_GAUSS, 40, 10, 5, 0.0, 9};
    assert_int_equal(synth_generate(&s, &cfg), ST_OK);
    for (int i = 0; i < s.train.n; i++)
        assert_float_equal(hypotf(s.train.x[2 * i], s.train.x[2 * i + 1]), 0.6f, 1e-5f);
    datasplit_free(&s);
}

static void test_dataset_name_round_trip(void **state)
{
    (void)state;
    for (int kind = 0; kind < SYNTH_COUNT; kind++) {
        assert_string_equal(synth_name((SynthKind)kind), kind_names[kind]);
        assert_int_equal(synth_by_name(kind_names[kind]), kind);
    }
    assert_int_equal(synth_by_name("nope"), -1);
    assert_int_equal(synth_by_name(""), -1);
    assert_int_equal(synth_by_name(NULL), -1);
    assert_non_null(synth_name(SYNTH_COUNT));
}

static void test_dataset_rejects_bad_config(void **state)
{
    (void)state;
    const SynthConfig good = default_config(SYNTH_SPIRAL, 3);
    SynthConfig cfg;
    DataSplit s;

    cfg = good;
    cfg.n_train = 0;
    assert_int_equal(synth_generate(&s, &cfg), ST_INVAL);
    cfg = good;
    cfg.n_test = -5;
    assert_int_equal(synth_generate(&s, &cfg), ST_INVAL);
    cfg = good;
    cfg.noise = -0.1;
    assert_int_equal(synth_generate(&s, &cfg), ST_INVAL);
    cfg = good;
    cfg.noise = NAN;
    assert_int_equal(synth_generate(&s, &cfg), ST_INVAL);
    cfg = good;
    cfg.noise = INFINITY;
    assert_int_equal(synth_generate(&s, &cfg), ST_INVAL);
    cfg = good;
    cfg.kind = SYNTH_COUNT;
    assert_int_equal(synth_generate(&s, &cfg), ST_INVAL);
    cfg.kind = (SynthKind)-1;
    assert_int_equal(synth_generate(&s, &cfg), ST_INVAL);

    cfg = good;
    cfg.classes = 1;
    assert_int_equal(synth_generate(&s, &cfg), ST_RANGE);
    cfg.classes = 9;
    assert_int_equal(synth_generate(&s, &cfg), ST_RANGE);
    cfg.classes = -2;
    assert_int_equal(synth_generate(&s, &cfg), ST_RANGE);
    cfg = default_config(SYNTH_XOR, 3);
    cfg.classes = 3;
    assert_int_equal(synth_generate(&s, &cfg), ST_RANGE);
    cfg = default_config(SYNTH_MOONS, 3);
    cfg.classes = 3;
    assert_int_equal(synth_generate(&s, &cfg), ST_RANGE);

    /* Too large for one dataset: fails after the train split was allocated, which is freed. */
    cfg = good;
    cfg.n_test = INT_MAX;
    assert_int_equal(synth_generate(&s, &cfg), ST_RANGE);

    /* A failed call leaves the split zeroed, so freeing it is harmless. */
    assert_null(s.train.x);
    assert_null(s.test.y);
    datasplit_free(&s);
}

static void test_dataset_alloc_rejects_bad_sizes(void **state)
{
    (void)state;
    Dataset d;
    assert_int_equal(dataset_alloc(&d, 0, 2, 2, false), ST_INVAL);
    assert_int_equal(dataset_alloc(&d, -1, 2, 2, false), ST_INVAL);
    assert_int_equal(dataset_alloc(&d, 10, 0, 2, false), ST_INVAL);
    assert_int_equal(dataset_alloc(&d, 10, 2, 1, false), ST_INVAL);
    assert_int_equal(dataset_alloc(&d, 10, 2, DATASET_MAX_CLASSES + 1, true), ST_INVAL);
    assert_int_equal(dataset_alloc(&d, 1 << 20, 1 << 12, 2, false), ST_RANGE);
    assert_null(d.x);
    assert_null(d.y);

    assert_int_equal(dataset_alloc(&d, 5, 3, DATASET_MAX_CLASSES, false), ST_OK);
    assert_non_null(d.x);
    assert_null(d.x_u8);
    for (int i = 0; i < 15; i++)
        assert_true(d.x[i] == 0.0f);
    for (int i = 0; i < 5; i++)
        assert_int_equal(d.y[i], 0);
    dataset_free(&d);
}

static void test_dataset_free_safe_on_zeroed(void **state)
{
    (void)state;
    Dataset d = {0};
    dataset_free(&d);
    dataset_free(NULL);
    DataSplit s = {0};
    datasplit_free(&s);
    datasplit_free(NULL);

    assert_int_equal(dataset_alloc(&d, 4, 2, 2, false), ST_OK);
    dataset_free(&d);
    assert_null(d.x);
    assert_int_equal(d.n, 0);
    dataset_free(&d); /* twice is fine: the first call zeroed it */
}

static void test_dataset_gather_float(void **state)
{
    (void)state;
    Dataset d;
    assert_int_equal(dataset_alloc(&d, 4, 3, 2, false), ST_OK);
    for (int i = 0; i < 12; i++)
        d.x[i] = (float)i;
    const uint32_t idx[3] = {3, 0, 3};
    float out[9];
    dataset_gather(&d, idx, 3, out);
    const float want[9] = {9, 10, 11, 0, 1, 2, 9, 10, 11};
    for (int i = 0; i < 9; i++)
        assert_float_equal(out[i], want[i], 1e-6f);
    dataset_free(&d);
}

static void test_dataset_gather_u8(void **state)
{
    (void)state;
    Dataset d;
    assert_int_equal(dataset_alloc(&d, 3, 2, 10, true), ST_OK);
    assert_null(d.x);
    assert_non_null(d.x_u8);
    assert_float_equal(d.u8_scale, 1.0f / 255.0f, 1e-9f);
    const uint8_t raw[6] = {0, 255, 128, 1, 7, 200};
    memcpy(d.x_u8, raw, sizeof raw);
    d.u8_scale = 0.5f;
    const uint32_t idx[2] = {1, 2};
    float out[4];
    dataset_gather(&d, idx, 2, out);
    assert_float_equal(out[0], 64.0f, 1e-6f);
    assert_float_equal(out[1], 0.5f, 1e-6f);
    assert_float_equal(out[2], 3.5f, 1e-6f);
    assert_float_equal(out[3], 100.0f, 1e-6f);
    dataset_free(&d);
}

static void test_dataset_class_counts(void **state)
{
    (void)state;
    Dataset d;
    assert_int_equal(dataset_alloc(&d, 6, 1, 4, false), ST_OK);
    const int32_t y[6] = {0, 2, 2, 3, 2, 0};
    memcpy(d.y, y, sizeof y);
    int counts[4] = {-1, -1, -1, -1};
    dataset_class_counts(&d, counts);
    assert_int_equal(counts[0], 2);
    assert_int_equal(counts[1], 0);
    assert_int_equal(counts[2], 3);
    assert_int_equal(counts[3], 1);
    dataset_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dataset_spiral_valid),
        cmocka_unit_test(test_dataset_circles_valid),
        cmocka_unit_test(test_dataset_xor_valid),
        cmocka_unit_test(test_dataset_gauss_valid),
        cmocka_unit_test(test_dataset_moons_valid),
        cmocka_unit_test(test_dataset_checker_valid),
        cmocka_unit_test(test_dataset_every_class_count_balanced),
        cmocka_unit_test(test_dataset_labels_shuffled),
        cmocka_unit_test(test_dataset_splits_independent_of_other_size),
        cmocka_unit_test(test_dataset_noise_free_geometry),
        cmocka_unit_test(test_dataset_name_round_trip),
        cmocka_unit_test(test_dataset_rejects_bad_config),
        cmocka_unit_test(test_dataset_alloc_rejects_bad_sizes),
        cmocka_unit_test(test_dataset_free_safe_on_zeroed),
        cmocka_unit_test(test_dataset_gather_float),
        cmocka_unit_test(test_dataset_gather_u8),
        cmocka_unit_test(test_dataset_class_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
