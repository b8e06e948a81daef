/* test_eval_grid.c — Arena.grid_final_only: the boundary grid is left alone by the evaluations
 * during training and filled by the final one exactly as an arena that fills it every time
 * would; the metrics and the training do not depend on it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"

static void test_eval_grid_final_only_fills_it_at_the_end(void **state)
{
    (void)state;
    DataSplit d;
    SynthConfig sc = {SYNTH_SPIRAL, 400, 300, 3, 0.2, 5};
    assert_int_equal(synth_generate(&d, &sc), ST_OK);
    ArenaConfig c = arena_defaults();
    c.eval_every = 5;
    Arena every, final_only;
    assert_int_equal(arena_init(&every, &c, &d), ST_OK);
    assert_int_equal(arena_init(&final_only, &c, &d), ST_OK);
    final_only.grid_final_only = true;
    const size_t cells = ARENA_GRID * ARENA_GRID;
    uint8_t *blank = calloc(cells, 1);
    assert_non_null(blank);
    for (int s = 0; s < 23; s++) {
        arena_step(&every);
        arena_step(&final_only);
    }
    for (int m = 0; m < c.n_losses; m++) {
        assert_true(final_only.models[m].has_eval);
        assert_memory_equal(&final_only.models[m].last, &every.models[m].last, sizeof(EvalResult));
        assert_memory_equal(final_only.models[m].grid, blank, cells); /* never filled */
        assert_memory_not_equal(every.models[m].grid, blank, cells);
    }
    arena_evaluate_final(&every);
    arena_evaluate_final(&final_only);
    for (int m = 0; m < c.n_losses; m++) {
        assert_memory_equal(final_only.models[m].grid, every.models[m].grid, cells);
        assert_memory_equal(final_only.models[m].grid_conf, every.models[m].grid_conf,
                            cells * sizeof(float));
        assert_memory_equal(final_only.models[m].mlp.params, every.models[m].mlp.params,
                            every.models[m].mlp.n_params * sizeof(float));
    }
    free(blank);
    arena_free(&every);
    arena_free(&final_only);
    datasplit_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eval_grid_final_only_fills_it_at_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
