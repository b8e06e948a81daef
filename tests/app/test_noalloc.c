/* test_noalloc.c — a training step, an evaluation and a snapshot allocate nothing: after a
 * warm-up, hundreds of steps leave glibc's heap exactly as it was (mallinfo2). On this kind of
 * VM a page fault costs more than the step itself, so this is a correctness property. */
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/snapshot.h"
#include "src/stepper.h"
#include "src/workers.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1 /* the sanitizer's allocator is not glibc's: mallinfo2 says nothing */
#else
#define UNDER_SANITIZER 0
#endif

static void test_noalloc_steps_evals_and_snapshots(void **state)
{
    (void)state;
    if (UNDER_SANITIZER)
        skip();
    DataSplit data;
    SynthConfig sc = {.kind = SYNTH_SPIRAL, .n_train = 600, .n_test = 300, .noise = 0.2,
                      .seed = 3};
    assert_int_equal(synth_generate(&data, &sc), ST_OK);
    ArenaConfig cfg = arena_defaults();
    cfg.eval_every = 10;
    cfg.input_noise = 0.05;
    cfg.label_noise = 0.1;
    Arena a;
    Workers w;
    assert_int_equal(arena_init(&a, &cfg, &data), ST_OK);
    assert_int_equal(workers_init(&w, 2), ST_OK);
    Snapshot *snap = malloc(sizeof *snap);
    assert_non_null(snap);

    for (int warm = 0; warm < 2; warm++) { /* the first calls may set up OpenBLAS buffers */
        arena_begin_step(&a);
        workers_run(&w, &a, JOB_STEP);
        arena_end_step(&a);
        workers_evaluate(&w, &a, false);
        workers_evaluate(&w, &a, true);
        snapshot_take(snap, &a);
    }
    struct mallinfo2 before = mallinfo2();
    Stepper sp = {&w, &a, NULL, "", 0};
    for (int i = 0; i < 300; i++) {
        stepper_step(&sp); /* the runners' step: subset evaluations every 10 steps */
        if (i % 25 == 0)
            snapshot_take(snap, &a);
        if (i % 100 == 0)
            stepper_evaluate(&sp, true); /* a final evaluation on the whole test set */
    }
    arena_set_lr(&a, 0.01f);
    assert_int_equal(arena_set_batch(&a, 32), ST_OK);
    assert_int_equal(arena_set_label_noise(&a, 0.3), ST_OK);
    arena_set_optimizer(&a, OPT_MOMENTUM);
    arena_reset(&a);
    struct mallinfo2 after = mallinfo2();
    assert_int_equal(after.uordblks, before.uordblks);
    assert_int_equal(after.hblkhd, before.hblkhd);
    assert_true(a.step == 0);

    free(snap);
    workers_free(&w);
    arena_free(&a);
    datasplit_free(&data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_noalloc_steps_evals_and_snapshots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
