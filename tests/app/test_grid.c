/* test_grid.c — --grid parsing (lists, ranges, errors), --sweep/--seeds as its shorthands, what
 * a run changes, the shard split (a partition, balanced, the same in every process), and
 * evaluation identical for any thread count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/cli.h"
#include "src/grid.h"
#include "src/shard.h"
#include "src/workers.h"

static char program[] = "lossarena";

static Status parse(AppConfig *cfg, char *err, int argc, ...)
{
    char *argv[32] = {program};
    va_list ap;
    va_start(ap, argc);
    for (int i = 0; i < argc && i < 31; i++)
        argv[i + 1] = va_arg(ap, char *);
    va_end(ap);
    return cli_parse(argc + 1, argv, cfg, err, 256);
}

static void test_grid_lists_and_ranges(void **state)
{
    (void)state;
    static AppConfig cfg;
    char err[256];
    assert_int_equal(parse(&cfg, err, 5, "--headless", "--grid", "lr=0.001,0.003",
                           "label-noise=0,0.4", "seed=1..5"),
                     ST_OK);
    const Grid *g = &cfg.grid;
    assert_int_equal(g->n_axes, 2);
    assert_int_equal(grid_points(g), 4);
    assert_int_equal(g->n_seeds, 5);
    assert_int_equal(grid_runs(g), 20);
    assert_int_equal(cfg.seeds, 5);
    assert_true(cfg.arena.seed == 1);
    /* run 7 = point 1 (lr 0.001, label noise 0.4), seed index 2 */
    ArenaConfig a = cfg.arena;
    grid_apply(g, 7, &a);
    assert_float_equal(a.opt.lr, 0.001f, 1e-9f);
    assert_float_equal((float)a.label_noise, 0.4f, 1e-9f);
    assert_true(a.seed == 3);
    char label[128];
    grid_point_label(g, 1, label, sizeof label);
    assert_string_equal(label, "lr=0.001 label-noise=0.4");
    char names[128], values[128];
    grid_csv_names(g, names, sizeof names);
    grid_csv_values(g, 2, values, sizeof values);
    /* lr, label_noise and seed are columns of every row already */
    assert_string_equal(names, "");
    assert_string_equal(values, "");

    assert_int_equal(
        parse(&cfg, err, 4, "--headless", "--grid", "hidden=64x64,256x128", "optimizer=sgd,adam"),
        ST_OK);
    a = cfg.arena;
    grid_apply(&cfg.grid, 2, &a); /* point 2: hidden 256x128, sgd */
    assert_int_equal(a.n_hidden, 2);
    assert_int_equal(a.hidden[0], 256);
    assert_int_equal(a.hidden[1], 128);
    assert_int_equal(a.opt.kind, OPT_SGD);
    assert_float_equal(a.opt.lr, optim_defaults(OPT_SGD).lr, 1e-9f); /* its own default */
    grid_csv_names(&cfg.grid, names, sizeof names);
    grid_csv_values(&cfg.grid, 2, values, sizeof values);
    assert_string_equal(names, ",hidden"); /* optimizer is a column of every row */
    assert_string_equal(values, ",256x128");

    /* --lr is kept by an optimizer axis */
    assert_int_equal(
        parse(&cfg, err, 5, "--headless", "--lr", "0.02", "--grid", "optimizer=sgd,momentum"),
        ST_OK);
    a = cfg.arena;
    grid_apply(&cfg.grid, 1, &a);
    assert_int_equal(a.opt.kind, OPT_MOMENTUM);
    assert_float_equal(a.opt.lr, 0.02f, 1e-9f);
}

static void test_grid_sweep_and_seeds_are_shorthands(void **state)
{
    (void)state;
    static AppConfig a, b;
    char err[256];
    assert_int_equal(
        parse(&a, err, 6, "--headless", "--sweep", "label-noise=0,0.2", "--seeds", "3", "--seed=4"),
        ST_OK);
    assert_int_equal(parse(&b, err, 4, "--headless", "--grid", "label-noise=0,0.2", "seed=4..6"),
                     ST_OK);
    assert_int_equal(grid_runs(&a.grid), 6);
    assert_int_equal(a.grid.n_axes, 1);
    assert_int_equal(a.grid.axes[0].kind, AXIS_LABEL_NOISE);
    assert_memory_equal(a.grid.seeds, b.grid.seeds, 3 * sizeof(uint64_t));
    for (int r = 0; r < 6; r++) {
        ArenaConfig x = a.arena, y = b.arena;
        grid_apply(&a.grid, r, &x);
        grid_apply(&b.grid, r, &y);
        assert_true(x.seed == y.seed);
        assert_true(x.label_noise == y.label_noise);
    }
    /* no grid: one run with the given seed */
    assert_int_equal(parse(&a, err, 2, "--seed", "9"), ST_OK);
    assert_int_equal(grid_runs(&a.grid), 1);
    assert_true(a.grid.seeds[0] == 9);
}

/* The command line wins over a preset's options, its --sweep axes too: an axis given again
 * replaces the preset's values in the preset's place; the same axis twice on the command line
 * is still a mistake. */
static void test_grid_command_line_replaces_a_presets_axis(void **state)
{
    (void)state;
    static AppConfig cfg;
    char err[256];
    assert_int_equal(parse(&cfg, err, 5, "--headless", "--preset", "label-noise", "--sweep",
                           "label-noise=0,0.4"),
                     ST_OK);
    assert_int_equal(cfg.grid.n_axes, 1);
    assert_int_equal(cfg.grid.axes[0].kind, AXIS_LABEL_NOISE);
    assert_int_equal(cfg.grid.axes[0].n, 2);
    assert_true(cfg.grid.axes[0].v[1].x == 0.4);
    /* another axis is added after the preset's */
    assert_int_equal(
        parse(&cfg, err, 5, "--headless", "--preset", "label-noise", "--grid", "input-noise=0,1"),
        ST_OK);
    assert_int_equal(cfg.grid.n_axes, 2);
    assert_int_equal(cfg.grid.axes[0].kind, AXIS_LABEL_NOISE);
    assert_int_equal(cfg.grid.axes[0].n, 4);
    assert_int_equal(cfg.grid.axes[1].kind, AXIS_INPUT_NOISE);
    assert_int_equal(parse(&cfg, err, 7, "--headless", "--preset", "label-noise", "--sweep",
                           "label-noise=0,0.4", "--sweep", "label-noise=0.1"),
                     ST_INVAL);
    assert_non_null(strstr(err, "label-noise is given twice"));
}

static void test_grid_bad_input_is_one_clear_line(void **state)
{
    (void)state;
    static AppConfig cfg;
    char err[256];
    struct {
        const char *spec, *says;
    } bad[] = {
        {"depth=1,2", "unknown axis 'depth'"},
        {"lr=", "no values"},
        {"lr", "no values"},
        {"lr=0.1,,0.2", "empty value"},
        {"lr=-1", "not a learning rate"},
        {"lr=abc", "not a learning rate"},
        {"label-noise=1", "fraction in [0, 1)"},
        {"seed=5..1", "is empty"},
        {"seed=1..x", "not an integer"},
        {"batch=0", "out of range"},
        {"hidden=64,64", "joined by 'x'"},
        {"hidden=64x0", "joined by 'x'"},
        {"optimizer=rmsprop", "unknown optimizer"},
        {"activation=gelu", "unknown activation"},
        {"lr=0.1,0.1", "given twice"},
        {"seed=1..200", "at most 100 seeds"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        char spec[64];
        strcpy(spec, bad[i].spec);
        assert_int_equal(parse(&cfg, err, 3, "--headless", "--grid", spec), ST_INVAL);
        if (!strstr(err, bad[i].says)) {
            print_error("'%s' -> '%s' (want '%s')\n", bad[i].spec, err, bad[i].says);
            fail();
        }
        assert_null(strchr(err, '\n'));
    }
    assert_int_equal(parse(&cfg, err, 5, "--headless", "--grid", "lr=0.1,0.2", "--grid", "lr=0.3"),
                     ST_INVAL);
    assert_non_null(strstr(err, "given twice"));
    assert_int_equal(parse(&cfg, err, 5, "--headless", "--grid", "seed=1..3", "--seeds", "2"),
                     ST_INVAL);
    assert_int_equal(parse(&cfg, err, 5, "--headless", "--sweep", "label-noise=0,0.1", "--grid",
                           "label-noise=0.2"),
                     ST_INVAL);
    assert_int_equal(parse(&cfg, err, 2, "--grid", "lr=0.1,0.2"), ST_INVAL); /* not headless */
    assert_non_null(strstr(err, "--headless"));
    assert_int_equal(parse(&cfg, err, 5, "--headless", "--grid", "seed=1..2", "--shard", "1/2"),
                     ST_INVAL); /* a shard needs --csv */
    assert_non_null(strstr(err, "--csv"));
    const char *shards[] = {"0/2", "3/2", "2", "a/b", "1/0", "1/2x"};
    for (size_t i = 0; i < sizeof shards / sizeof shards[0]; i++) {
        char v[16];
        strcpy(v, shards[i]);
        assert_int_equal(parse(&cfg, err, 7, "--headless", "--grid", "seed=1..2", "--csv", "x.csv",
                               "--shard", v),
                         ST_INVAL);
        assert_non_null(strstr(err, "--shard"));
    }
    assert_int_equal(
        parse(&cfg, err, 5, "--headless", "--grid", "optimizer=sgd,adam", "--export", "f.png"),
        ST_INVAL); /* no figure for a categorical axis: said before any training */
}

/* The shards of a grid partition its runs, in run order, with costs within one run of even. */
static void test_grid_shards_partition_balanced(void **state)
{
    (void)state;
    static AppConfig cfg;
    char err[256];
    assert_int_equal(parse(&cfg, err, 6, "--headless", "--steps", "100", "--grid",
                           "batch=16,32,64,128,256", "seed=1..7"),
                     ST_OK);
    const int n_runs = grid_runs(&cfg.grid), n = 4;
    assert_int_equal(n_runs, 35);
    int owner[35], out[35];
    for (int r = 0; r < n_runs; r++)
        owner[r] = -1;
    double load[4] = {0}, max_cost = 0;
    for (int k = 1; k <= n; k++) {
        int cnt = shard_plan(&cfg, k, n, out);
        assert_true(cnt > 0);
        for (int i = 0; i < cnt; i++) {
            if (i)
                assert_true(out[i] > out[i - 1]);
            assert_int_equal(owner[out[i]], -1);
            owner[out[i]] = k;
            ArenaConfig a = cfg.arena;
            grid_apply(&cfg.grid, out[i], &a);
            load[k - 1] += a.batch; /* steps are fixed: cost grows with the batch */
            max_cost = a.batch > max_cost ? a.batch : max_cost;
        }
        int again[35];
        assert_int_equal(shard_plan(&cfg, k, n, again), cnt); /* deterministic */
        assert_memory_equal(out, again, (size_t)cnt * sizeof(int));
    }
    for (int r = 0; r < n_runs; r++)
        assert_true(owner[r] >= 1);
    double lo = load[0], hi = load[0];
    for (int k = 1; k < n; k++) {
        lo = load[k] < lo ? load[k] : lo;
        hi = load[k] > hi ? load[k] : hi;
    }
    assert_true(hi - lo <= max_cost);
    /* more shards than runs: the extra shards are empty, the rest still partition */
    assert_int_equal(parse(&cfg, err, 3, "--headless", "--grid", "seed=1..2"), ST_OK);
    assert_int_equal(shard_plan(&cfg, 3, 3, out), 0);
    assert_int_equal(shard_plan(&cfg, 1, 3, out) + shard_plan(&cfg, 2, 3, out), 2);
}

static void test_grid_run_args_leave_out_outputs(void **state)
{
    (void)state;
    static AppConfig a, b;
    char err[256];
    assert_int_equal(parse(&a, err, 10, "--headless", "--steps", "50", "--grid", "lr=0.1,0.2",
                           "seed=1..2", "--csv", "one.csv", "--shard", "1/2"),
                     ST_OK);
    assert_int_equal(parse(&b, err, 12, "--headless", "--csv=two.csv", "--steps", "50", "--threads",
                           "1", "--grid", "lr=0.1,0.2", "seed=1..2", "--shard", "2/2",
                           "--format=json"),
                     ST_OK);
    assert_string_equal(a.run_args, "--steps 50 --grid lr=0.1,0.2 seed=1..2");
    assert_string_equal(a.run_args, b.run_args);
    char buf[64] = "";
    size_t used = 0;
    shard_escape(buf, sizeof buf, &used, "csv:my data%.csv");
    assert_string_equal(buf, "csv:my%20data%25.csv");
    char *tok[4];
    assert_int_equal(shard_unescape_split(buf, tok, 4), 1);
    assert_string_equal(tok[0], "csv:my data%.csv");
}

/* Subset and final evaluations give the same numbers (diagnostics included) on one worker
 * thread and on three. */
static void test_grid_evaluation_identical_across_threads(void **state)
{
    (void)state;
    DataSplit d;
    SynthConfig sc = {SYNTH_GAUSS, ARENA_EVAL_TRAIN + 700, ARENA_EVAL_TEST + 300, 3, 0.3, 4};
    assert_int_equal(synth_generate(&d, &sc), ST_OK);
    ArenaConfig c = arena_defaults();
    c.eval_every = 7;
    c.label_noise = 0.3; /* so that the diagnostics' memorisation and flipped shares count */
    EvalResult sub[2][LOSS_COUNT], fin[2][LOSS_COUNT];
    const int threads[2] = {1, 3};
    for (int t = 0; t < 2; t++) {
        Arena a;
        Workers w;
        assert_int_equal(arena_init(&a, &c, &d), ST_OK);
        assert_int_equal(workers_init(&w, threads[t]), ST_OK);
        for (int s = 0; s < 30; s++) {
            arena_begin_step(&a);
            workers_run(&w, &a, JOB_STEP);
            arena_end_step(&a);
        }
        workers_evaluate(&w, &a, false);
        for (int m = 0; m < a.n_models; m++)
            sub[t][m] = a.models[m].last;
        workers_evaluate(&w, &a, true);
        for (int m = 0; m < a.n_models; m++)
            fin[t][m] = a.models[m].last;
        workers_free(&w);
        arena_free(&a);
    }
    for (int m = 0; m < c.n_losses; m++) {
        const EvalResult *x[2] = {&sub[0][m], &fin[0][m]}, *y[2] = {&sub[1][m], &fin[1][m]};
        for (int i = 0; i < 2; i++) {
            assert_true(x[i]->step == y[i]->step);
            assert_memory_equal(&x[i]->train_loss, &y[i]->train_loss, sizeof(float));
            assert_memory_equal(&x[i]->train_acc, &y[i]->train_acc, sizeof(float));
            assert_memory_equal(&x[i]->test_loss, &y[i]->test_loss, sizeof(float));
            assert_memory_equal(&x[i]->test_acc, &y[i]->test_acc, sizeof(float));
            assert_memory_equal(&x[i]->margin_median, &y[i]->margin_median, sizeof(float));
            assert_true(x[i]->diag.n_flipped > 0);
            assert_memory_equal(&x[i]->diag, &y[i]->diag, sizeof x[i]->diag);
        }
    }
    datasplit_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_lists_and_ranges),
        cmocka_unit_test(test_grid_sweep_and_seeds_are_shorthands),
        cmocka_unit_test(test_grid_command_line_replaces_a_presets_axis),
        cmocka_unit_test(test_grid_bad_input_is_one_clear_line),
        cmocka_unit_test(test_grid_shards_partition_balanced),
        cmocka_unit_test(test_grid_run_args_leave_out_outputs),
        cmocka_unit_test(test_grid_evaluation_identical_across_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
