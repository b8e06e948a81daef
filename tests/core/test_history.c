/* test_history.c — a metric series of any length in a fixed budget: below the cap it keeps
 * everything; beyond it, it stays within HISTORY_CAP and keeps the first, the newest, the
 * global minimum and maximum, increasing x, and points spread over the whole run. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/history.h"
#include "core/rng.h"

static History *new_history(void)
{
    static History h;
    memset(&h, 0x5a, sizeof h); /* history_clear alone must make it usable */
    history_clear(&h);
    assert_int_equal(h.n, 0);
    return &h;
}

static bool holds(const History *h, float x, float y)
{
    for (int i = 0; i < h->n; i++)
        if (h->x[i] == x && h->y[i] == y)
            return true;
    return false;
}

static void check_invariants(const History *h, float first_x, float first_y, float last_x,
                             float last_y)
{
    assert_true(h->n >= 1 && h->n <= HISTORY_CAP);
    assert_true(h->x[0] == first_x && h->y[0] == first_y);
    assert_true(h->x[h->n - 1] == last_x && h->y[h->n - 1] == last_y);
    for (int i = 1; i < h->n; i++)
        if (!(h->x[i] > h->x[i - 1]))
            fail_msg("x not increasing at %d: %g after %g", i, h->x[i], h->x[i - 1]);
}

/* A zeroed History (calloc, memset) is an empty one. */
static void test_history_zeroed_struct_is_empty(void **state)
{
    (void)state;
    static History h; /* zero-initialised */
    for (int i = 0; i < 2000; i++)
        history_push(&h, (float)i, (float)(i % 13));
    check_invariants(&h, 0.0f, 0.0f, 1999.0f, (float)(1999 % 13));
}

static void test_history_below_cap_keeps_everything(void **state)
{
    (void)state;
    History *h = new_history();
    for (int i = 0; i < HISTORY_CAP - 1; i++) {
        history_push(h, (float)(10 * i), (float)(i % 7) - 3.5f);
        assert_int_equal(h->n, i + 1);
    }
    for (int i = 0; i < HISTORY_CAP - 1; i++) {
        assert_true(h->x[i] == (float)(10 * i));
        assert_true(h->y[i] == (float)(i % 7) - 3.5f);
    }
    history_clear(h);
    assert_int_equal(h->n, 0);
    history_push(h, 1.0f, 2.0f);
    assert_int_equal(h->n, 1);
    assert_true(h->x[0] == 1.0f && h->y[0] == 2.0f);
}

/* Random values with spikes planted at chosen places; after every push the newest point is
 * last, the first stays first, and the extremes so far survive. */
static void test_history_beyond_cap_keeps_first_last_min_max(void **state)
{
    (void)state;
    enum { PUSHES = 20000 };
    History *h = new_history();
    Rng r;
    rng_seed(&r, 4, 0);
    float min_y = INFINITY, max_y = -INFINITY, min_x = 0, max_x = 0;
    for (int i = 0; i < PUSHES; i++) {
        float x = (float)i, y = (float)rng_normal(&r);
        if (i == 3)
            y = 50.0f; /* early spike, later beaten */
        if (i == 777)
            y = -80.0f;
        if (i == 9001)
            y = 120.0f;
        if (i == 15000)
            y = -200.0f;
        history_push(h, x, y);
        if (y < min_y) {
            min_y = y;
            min_x = x;
        }
        if (y > max_y) {
            max_y = y;
            max_x = x;
        }
        check_invariants(h, 0.0f, h->y[0], x, y);
        if (!holds(h, min_x, min_y) || !holds(h, max_x, max_y))
            fail_msg("after %d pushes: lost the min (%g at %g) or the max (%g at %g)", i + 1, min_y,
                     min_x, max_y, max_x);
    }
    assert_true(min_y == -200.0f && max_y == 120.0f);
}

/* Monotone series: the extremes are the ends, and ties (a flat series) keep the ends too. */
static void test_history_monotone_and_flat_series(void **state)
{
    (void)state;
    History *h = new_history();
    for (int i = 0; i < 5000; i++)
        history_push(h, (float)i, (float)-i);
    check_invariants(h, 0.0f, 0.0f, 4999.0f, -4999.0f);
    history_clear(h);
    for (int i = 0; i < 5000; i++)
        history_push(h, (float)i, 1.0f);
    check_invariants(h, 0.0f, 1.0f, 4999.0f, 1.0f);
}

/* Repeated x values (x may equal the last x) stay ordered. */
static void test_history_equal_x_allowed(void **state)
{
    (void)state;
    History *h = new_history();
    for (int i = 0; i < 3000; i++)
        history_push(h, (float)(i / 3), (float)(i % 5));
    assert_true(h->n <= HISTORY_CAP);
    for (int i = 1; i < h->n; i++)
        assert_true(h->x[i] >= h->x[i - 1]);
    assert_true(h->x[0] == 0.0f && h->x[h->n - 1] == 999.0f);
}

/* A million pushes: never more than the cap, never fewer than half of it, the newest last. */
static void test_history_million_pushes_bounded(void **state)
{
    (void)state;
    History *h = new_history();
    for (long i = 0; i < 1000000; i++) {
        float y = (float)sin((double)i * 1e-3) + (i == 654321 ? 10.0f : 0.0f);
        history_push(h, (float)i, y);
        if (h->n > HISTORY_CAP || h->n < 1)
            fail_msg("n = %d after %ld pushes", h->n, i + 1);
        if (i >= HISTORY_CAP && h->n < HISTORY_CAP / 2)
            fail_msg("only %d points after %ld pushes", h->n, i + 1);
    }
    check_invariants(h, 0.0f, 0.0f, 999999.0f, (float)sin(999999 * 1e-3));
    assert_true(holds(h, 654321.0f, (float)sin(654321 * 1e-3) + 10.0f));
}

/* A chart of the history shows the whole run: no stretch wider than 1/32 of the x range is
 * left without a point, however long the run (with even buckets the widest gap is about two
 * buckets, ~1/64 of the range). */
static void test_history_points_cover_the_whole_run(void **state)
{
    (void)state;
    static const long lengths[] = {HISTORY_CAP + 1, 3000, 20000, 250000};
    for (size_t t = 0; t < sizeof lengths / sizeof lengths[0]; t++) {
        History *h = new_history();
        const long n = lengths[t];
        for (long i = 0; i < n; i++) /* a wiggle, then a plateau (accuracy stuck at 1) */
            history_push(h, (float)i, i < n / 3 ? (float)cos((double)i) : 1.0f);
        double span = (double)(n - 1), widest = 0.0;
        for (int i = 1; i < h->n; i++)
            widest = fmax(widest, (double)h->x[i] - h->x[i - 1]);
        if (!(widest <= span / 32.0))
            fail_msg("%ld pushes, %d points: a gap of %g steps in a run of %g", n, h->n, widest,
                     span);
        /* and evenly: each eighth of the run holds at least half its share of the points */
        int per_eighth[8] = {0};
        for (int i = 0; i < h->n; i++)
            per_eighth[h->x[i] >= span ? 7 : (int)(h->x[i] / span * 8.0)]++;
        for (int e = 0; e < 8; e++)
            if (per_eighth[e] < h->n / 16)
                fail_msg("%ld pushes: eighth %d holds %d of %d points", n, e, per_eighth[e], h->n);
    }
}

/* A local spike anywhere in a long run stays visible (it is the maximum of its stretch). */
static void test_history_local_spikes_survive(void **state)
{
    (void)state;
    enum { PUSHES = 100000, SPIKES = 10 };
    History *h = new_history();
    for (long i = 0; i < PUSHES; i++) {
        /* spikes of growing height at evenly spaced places; the last one is the global max */
        float y = (float)(0.1 * sin((double)i * 0.01));
        long s = i / (PUSHES / SPIKES);
        if (i % (PUSHES / SPIKES) == PUSHES / SPIKES / 2)
            y = 5.0f + (float)s;
        history_push(h, (float)i, y);
    }
    for (long s = 0; s < SPIKES; s++) {
        float x = (float)(s * (PUSHES / SPIKES) + PUSHES / SPIKES / 2);
        if (!holds(h, x, 5.0f + (float)s))
            fail_msg("the spike at step %g (height %g) is lost", x, 5.0 + s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_history_zeroed_struct_is_empty),
        cmocka_unit_test(test_history_below_cap_keeps_everything),
        cmocka_unit_test(test_history_beyond_cap_keeps_first_last_min_max),
        cmocka_unit_test(test_history_monotone_and_flat_series),
        cmocka_unit_test(test_history_equal_x_allowed),
        cmocka_unit_test(test_history_million_pushes_bounded),
        cmocka_unit_test(test_history_points_cover_the_whole_run),
        cmocka_unit_test(test_history_local_spikes_survive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
