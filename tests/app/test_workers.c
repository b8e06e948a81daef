/* test_workers.c — the input noise spread over worker threads gives the minibatch the serial
 * arena_begin_step gives, bit for bit, and so the same training for any thread count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/blas.h"
#include "src/workers.h"

/* Image-shaped data (dim 49, u8 pixels) so a row's noise spans many draws. */
static void make_images(DataSplit *d)
{
    memset(d, 0, sizeof *d);
    Rng r;
    rng_seed(&r, 11, 0);
    Dataset *parts[2] = {&d->train, &d->test};
    for (int p = 0; p < 2; p++) {
        assert_int_equal(dataset_alloc(parts[p], p == 0 ? 300 : 100, 49, 4, true), ST_OK);
        for (long i = 0; i < (long)parts[p]->n * 49; i++)
            parts[p]->x_u8[i] = (uint8_t)rng_below(&r, 256);
        for (int i = 0; i < parts[p]->n; i++)
            parts[p]->y[i] = (int32_t)rng_below(&r, 4);
    }
}

static ArenaConfig noisy_config(void)
{
    ArenaConfig c = arena_defaults();
    c.batch = 37; /* rows do not split evenly over 2 or 3 threads */
    c.hidden[0] = 16;
    c.hidden[1] = 8;
    c.input_noise = 0.7;
    return c;
}

static void test_workers_input_noise_is_the_serial_minibatch(void **state)
{
    (void)state;
    DataSplit d;
    make_images(&d);
    ArenaConfig c = noisy_config();
    const int threads[3] = {1, 2, 3};
    for (int t = 0; t < 3; t++) {
        Arena serial, spread, clean;
        Workers w;
        ArenaConfig c0 = c;
        c0.input_noise = 0.0;
        assert_int_equal(arena_init(&serial, &c, &d), ST_OK);
        assert_int_equal(arena_init(&spread, &c, &d), ST_OK);
        assert_int_equal(arena_init(&clean, &c0, &d), ST_OK);
        assert_int_equal(workers_init(&w, threads[t]), ST_OK);
        const size_t n = (size_t)c.batch * 49, bytes = n * sizeof(float);
        /* The definition: row k of the run (counting every noisy row) takes its normals, pixel
         * by pixel, from a stream of its own. */
        uint64_t row = 0;
        float *expect = malloc(bytes);
        assert_non_null(expect);
        for (int s = 0; s < 20; s++) { /* 20 x 37 > 300: crosses an epoch's reshuffle */
            arena_begin_step(&serial);
            workers_begin_step(&w, &spread);
            arena_begin_step(&clean);
            assert_memory_equal(serial.batch_idx, clean.batch_idx, c.batch * sizeof(uint32_t));
            Rng stream;
            for (size_t i = 0; i < n; i++) {
                if (i % 49 == 0)
                    rng_seed(&stream, c.seed, arena_noise_stream(row++));
                expect[i] = clean.batch_x[i] +
                            (float)c.input_noise * rng_normal_fast(&stream, &serial.normal_table);
            }
            assert_memory_equal(serial.batch_x, expect, bytes);
            assert_memory_equal(spread.batch_x, expect, bytes);
            arena_end_step(&serial);
            arena_end_step(&spread);
            arena_end_step(&clean);
        }
        free(expect);
        workers_free(&w);
        arena_free(&serial);
        arena_free(&spread);
        arena_free(&clean);
    }
    datasplit_free(&d);
}

/* Training with the spread noise on 1 and 3 threads ends with bit-identical weights, and
 * equal to arena_step's. */
static void test_workers_noisy_training_identical_across_threads(void **state)
{
    (void)state;
    DataSplit d;
    make_images(&d);
    ArenaConfig c = noisy_config();
    c.eval_every = 1000;
    Arena ref;
    assert_int_equal(arena_init(&ref, &c, &d), ST_OK);
    for (int s = 0; s < 15; s++)
        arena_step(&ref);
    const int threads[2] = {1, 3};
    for (int t = 0; t < 2; t++) {
        Arena a;
        Workers w;
        assert_int_equal(arena_init(&a, &c, &d), ST_OK);
        assert_int_equal(workers_init(&w, threads[t]), ST_OK);
        for (int s = 0; s < 15; s++) {
            workers_begin_step(&w, &a);
            workers_run(&w, &a, JOB_STEP);
            arena_end_step(&a);
        }
        for (int m = 0; m < a.n_models; m++)
            assert_memory_equal(a.models[m].mlp.params, ref.models[m].mlp.params,
                                a.models[m].mlp.n_params * sizeof(float));
        workers_free(&w);
        arena_free(&a);
    }
    arena_free(&ref);
    datasplit_free(&d);
}

/* Confirmations on the workers give arena_test_acc_full's numbers for the models asked about
 * and leave the others' entries alone. */
static void test_workers_test_acc_full_as_serial(void **state)
{
    (void)state;
    DataSplit d;
    make_images(&d);
    ArenaConfig c = noisy_config();
    Arena a;
    assert_int_equal(arena_init(&a, &c, &d), ST_OK);
    for (int s = 0; s < 10; s++)
        arena_step(&a);
    bool want[ARENA_MAX_MODELS] = {false};
    for (int m = 0; m < a.n_models; m += 2)
        want[m] = true;
    const int threads[2] = {1, 3};
    for (int t = 0; t < 2; t++) {
        Workers w;
        float acc[ARENA_MAX_MODELS];
        for (int m = 0; m < ARENA_MAX_MODELS; m++)
            acc[m] = -1.0f;
        assert_int_equal(workers_init(&w, threads[t]), ST_OK);
        workers_test_acc_full(&w, &a, want, acc);
        for (int m = 0; m < a.n_models; m++) {
            float expect = want[m] ? arena_test_acc_full(&a, m) : -1.0f;
            assert_memory_equal(&acc[m], &expect, sizeof(float));
        }
        workers_free(&w);
    }
    arena_free(&a);
    datasplit_free(&d);
}

int main(void)
{
    blas_use_single_thread();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workers_input_noise_is_the_serial_minibatch),
        cmocka_unit_test(test_workers_noisy_training_identical_across_threads),
        cmocka_unit_test(test_workers_test_acc_full_as_serial),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
