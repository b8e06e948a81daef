/* test_cli.c — the command-line contract: defaults, every option, and one clear line for each
 * kind of bad usage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "src/cli.h"

/* Every loss fits in one arena: the sixteen-model limit can only be reached by repeats. */
_Static_assert(LOSS_COUNT <= ARENA_MAX_MODELS, "all losses must fit in one arena");

static char program[] = "lossarena";

/* cli_parse on "lossarena" followed by argc arguments taken from ap. */
static Status vparse(AppConfig *cfg, char *err, size_t errlen, int argc, va_list ap)
{
    char *argv[32] = {program};
    for (int i = 0; i < argc && i < 31; i++)
        argv[i + 1] = va_arg(ap, char *);
    return cli_parse(argc + 1, argv, cfg, err, errlen);
}

static Status parse(AppConfig *cfg, char *err, int argc, ...)
{
    va_list ap;
    va_start(ap, argc);
    Status st = vparse(cfg, err, 256, argc, ap);
    va_end(ap);
    return st;
}

static void test_cli_defaults_are_twelve_losses_on_spiral(void **state)
{
    (void)state;
    AppConfig cfg;
    char err[256];
    assert_int_equal(parse(&cfg, err, 0), ST_OK);
    assert_string_equal(cfg.dataset, "spiral");
    assert_int_equal(cfg.arena.n_losses, 12);
    assert_false(cfg.headless);
    assert_int_equal(cfg.arena.n_hidden, 2);
    assert_int_equal(cli_total_steps(&cfg, 1500), 3000);
}

static void test_cli_parses_every_training_option(void **state)
{
    (void)state;
    AppConfig cfg;
    char err[256];
    assert_int_equal(parse(&cfg, err, 24, "--headless", "--dataset", "gauss", "--losses",
                           "log,hinge2", "--hidden", "32,16,8", "--activation=tanh", "--optimizer",
                           "sgd", "--lr", "0.5", "--batch", "32", "--seed", "42", "--label-noise",
                           "0.2", "--input-noise", "0.1", "--threads", "1", "--eval-every", "7"),
                     ST_OK);
    assert_true(cfg.headless);
    assert_string_equal(cfg.dataset, "gauss");
    assert_int_equal(cfg.arena.n_losses, 2);
    assert_int_equal(cfg.arena.losses[1], LOSS_HINGE2);
    assert_int_equal(cfg.arena.n_hidden, 3);
    assert_int_equal(cfg.arena.hidden[2], 8);
    assert_int_equal(cfg.arena.act, ACT_TANH);
    assert_int_equal(cfg.arena.opt.kind, OPT_SGD);
    assert_float_equal(cfg.arena.opt.lr, 0.5f, 1e-7f);
    assert_int_equal(cfg.arena.batch, 32);
    assert_int_equal(cfg.arena.seed, 42);
    assert_float_equal((float)cfg.arena.label_noise, 0.2f, 1e-7f);
    assert_float_equal((float)cfg.arena.input_noise, 0.1f, 1e-7f);
    assert_int_equal(cfg.threads, 1);
    assert_int_equal(cfg.arena.eval_every, 7);
}

static void test_cli_lr_survives_a_later_optimizer(void **state)
{
    (void)state;
    AppConfig cfg;
    char err[256];
    assert_int_equal(parse(&cfg, err, 4, "--lr", "0.25", "--optimizer", "momentum"), ST_OK);
    assert_float_equal(cfg.arena.opt.lr, 0.25f, 1e-7f);
    assert_int_equal(parse(&cfg, err, 2, "--optimizer", "sgd"), ST_OK);
    assert_float_equal(cfg.arena.opt.lr, 0.1f, 1e-7f);
}

static void test_cli_epochs_give_steps(void **state)
{
    (void)state;
    AppConfig cfg;
    char err[256];
    assert_int_equal(parse(&cfg, err, 4, "--epochs", "2", "--batch", "100"), ST_OK);
    assert_int_equal(cli_total_steps(&cfg, 1500), 30);
}

/* Each bad usage is rejected with a message that contains the given fragment. */
static void expect_error(const char *fragment, int argc, ...)
{
    AppConfig cfg;
    char err[256] = "";
    va_list ap;
    va_start(ap, argc);
    Status st = vparse(&cfg, err, sizeof err, argc, ap);
    va_end(ap);
    assert_int_equal(st, ST_INVAL);
    if (!strstr(err, fragment))
        fail_msg("message '%s' lacks '%s'", err, fragment);
    assert_null(strchr(err, '\n'));
}

static void test_cli_rejects_bad_usage_with_one_clear_line(void **state)
{
    (void)state;
    expect_error("unknown loss 'nope' (valid: log,log2,l1,l2,", 2, "--losses", "nope");
    expect_error("given twice", 2, "--losses", "log,log");
    expect_error("'abc' is not a number", 2, "--lr", "abc");
    expect_error("out of range", 2, "--lr", "0");
    expect_error("out of range", 2, "--lr", "-1");
    expect_error("out of range", 2, "--batch", "0");
    expect_error("width 0 is out of range", 2, "--hidden", "64,0");
    expect_error("not a comma-separated list", 2, "--hidden", "64,,3");
    expect_error("unknown dataset 'mnist'", 2, "--dataset", "mnist");
    expect_error("unknown activation", 2, "--activation", "gelu");
    expect_error("unknown optimizer", 2, "--optimizer", "lion");
    expect_error("out of range [0, 1)", 2, "--label-noise", "1");
    expect_error("unknown option '--frobnicate'", 1, "--frobnicate");
    expect_error("needs a value", 1, "--steps");
    expect_error("unexpected argument 'extra'", 1, "extra");
    expect_error("unknown format", 2, "--format", "xml");
    expect_error("must name a .png or .svg file", 2, "--export", "fig.jpg");
    expect_error("--export-every needs --export", 2, "--export-every", "10");
    expect_error("takes no value", 1, "--headless=1");
    expect_error("not a non-negative integer", 2, "--seed", "-3");
    expect_error("unknown initialisation 'kaiming' (valid: he, glorot, uniform)", 2, "--init",
                 "kaiming");
}

/* Options that contradict each other are refused, not silently resolved by their order. */
static void test_cli_rejects_contradictions(void **state)
{
    (void)state;
    expect_error("--steps and --epochs contradict each other", 4, "--steps", "10", "--epochs",
                 "1");
    expect_error("--steps and --epochs contradict each other", 4, "--epochs", "1", "--steps",
                 "10");
    expect_error("--nesterov applies to --optimizer momentum, not adam", 1, "--nesterov");
    expect_error("--nesterov applies to --optimizer momentum, not sgd", 3, "--nesterov",
                 "--optimizer", "sgd");
    /* the command line may replace a preset's --epochs with --steps */
    AppConfig cfg;
    char err[256];
    if (parse(&cfg, err, 5, "--headless", "--preset", "speed", "--steps", "10") != ST_OK)
        fail_msg("%s", err);
    assert_int_equal(cli_total_steps(&cfg, 60000), 10);
    /* --nesterov before or after --optimizer momentum: the same */
    assert_int_equal(parse(&cfg, err, 3, "--nesterov", "--optimizer", "momentum"), ST_OK);
    assert_true(cfg.arena.opt.nesterov);
}

/* One default lr per optimizer (issue 9's two-defaults bug): naming the default optimizer
 * changes nothing, and --help prints the same numbers. */
static void test_cli_default_lr_has_one_home(void **state)
{
    (void)state;
    AppConfig plain, named;
    char err[256];
    assert_int_equal(parse(&plain, err, 0), ST_OK);
    assert_int_equal(parse(&named, err, 2, "--optimizer", "adam"), ST_OK);
    assert_true(plain.arena.opt.lr == named.arena.opt.lr);
    assert_true(plain.arena.opt.lr == optim_default_lr(OPT_ADAM, false));
    assert_false(plain.lr_given);
    assert_int_equal(parse(&named, err, 2, "--optimizer", "sgd"), ST_OK);
    assert_true(named.arena.opt.lr == optim_default_lr(OPT_SGD, false));
    assert_int_equal(parse(&named, err, 2, "--dataset", "fashion-mnist"), ST_OK);
    assert_true(named.arena.opt.lr == optim_default_lr(OPT_ADAM, true));
    assert_int_equal(parse(&named, err, 4, "--dataset", "fashion-mnist", "--optimizer", "sgd"),
                     ST_OK);
    assert_true(named.arena.opt.lr == optim_default_lr(OPT_SGD, true));
    assert_int_equal(parse(&named, err, 4, "--lr", "0.02", "--dataset", "fashion-mnist"), ST_OK);
    assert_true(named.arena.opt.lr == 0.02f);
    assert_true(named.lr_given);

    char help[8192] = "", line[160];
    FILE *f = tmpfile();
    assert_non_null(f);
    cli_print_help(f);
    rewind(f);
    size_t n = fread(help, 1, sizeof help - 1, f);
    help[n] = '\0';
    fclose(f);
    snprintf(line, sizeof line, "(default: adam %g, %g on image data; momentum %g; sgd %g)",
             optim_default_lr(OPT_ADAM, false), optim_default_lr(OPT_ADAM, true),
             optim_default_lr(OPT_MOMENTUM, false), optim_default_lr(OPT_SGD, false));
    if (!strstr(help, line))
        fail_msg("--help lacks '%s'", line);
}

static void test_cli_rejects_more_than_sixteen_losses(void **state)
{
    (void)state;
    /* All twelve ids at once are fine ... */
    AppConfig cfg;
    char err[256];
    assert_int_equal(parse(&cfg, err, 2, "--losses",
                           "cauchy-schwarz,tanimoto,hinge3,hinge2,hinge,linf-softmax,l2-softmax,"
                           "l1-softmax,l2,l1,log2,log"),
                     ST_OK);
    assert_int_equal(cfg.arena.n_losses, 12);
    assert_int_equal(cfg.arena.losses[0], LOSS_CAUCHY_SCHWARZ);
    assert_int_equal(cfg.arena.losses[11], LOSS_LOG);
    /* ... and with twelve distinct ids, seventeen entries must repeat one: the list is refused
     * at the first repeat, naming it. (The arena's own limit of sixteen models is checked in
     * tests/core/test_arena.c.) */
    expect_error("loss 'hinge' given twice", 2, "--losses",
                 "log,log2,l1,l2,l1-softmax,l2-softmax,linf-softmax,hinge,hinge2,hinge3,"
                 "tanimoto,cauchy-schwarz,hinge,l1,l2,log,log2");
}

/* The options of the README's Usage section not covered above, each read into the config. */
static void test_cli_parses_data_figure_and_terminal_options(void **state)
{
    (void)state;
    AppConfig cfg;
    char err[256];
    assert_int_equal(parse(&cfg, err, 30, "--headless", "--dataset", "gauss", "--classes", "5",
                           "--data-noise", "0.35", "--samples", "700", "--test-samples", "300",
                           "--target-acc", "0.85", "--export", "fig.png", "--figure", "margins",
                           "--size", "1200x900", "--theme", "dark", "--glyphs", "ascii",
                           "--colors", "256", "--optimizer", "momentum", "--nesterov", "--steps",
                           "77"),
                     ST_OK);
    assert_int_equal(cfg.classes, 5);
    assert_float_equal((float)cfg.data_noise, 0.35f, 1e-7f);
    assert_int_equal(cfg.n_train, 700);
    assert_int_equal(cfg.n_test, 300);
    assert_float_equal((float)cfg.target_acc, 0.85f, 1e-7f);
    assert_string_equal(cfg.export_path, "fig.png");
    assert_int_equal(cfg.figure, 3); /* dashboard, loss, accuracy, margins */
    assert_int_equal(cfg.export_width, 1200);
    assert_int_equal(cfg.export_height, 900);
    assert_true(cfg.dark);
    assert_int_equal(cfg.glyphs, GLYPHS_ASCII);
    assert_int_equal(cfg.colors, COLORS_256);
    assert_int_equal(cfg.arena.opt.kind, OPT_MOMENTUM);
    assert_true(cfg.arena.opt.nesterov);
    assert_int_equal(cfg.steps, 77);

    /* the defaults they replace */
    assert_int_equal(parse(&cfg, err, 0), ST_OK);
    assert_int_equal(cfg.classes, 0);
    assert_true(cfg.data_noise < 0);
    assert_false(cfg.arena.opt.nesterov);
    assert_false(cfg.dark);
    assert_int_equal(cfg.figure, 0);
    assert_int_equal(cfg.export_width, 1600);
    assert_int_equal(cfg.export_height, 1000);
    assert_int_equal(cfg.glyphs, GLYPHS_AUTO);
    assert_int_equal(cfg.colors, COLORS_AUTO);
    assert_null(cfg.label_column);
    assert_float_equal((float)cfg.test_split, 0.2f, 1e-7f);
    assert_true(cfg.target_acc <= 0);

    assert_int_equal(parse(&cfg, err, 8, "--dataset", "csv:data.csv", "--label-column",
                           "species", "--test-split", "0.3", "--figure=loss", "--colors=mono"),
                     ST_OK);
    assert_string_equal(cfg.dataset, "csv:data.csv");
    assert_string_equal(cfg.label_column, "species");
    assert_float_equal((float)cfg.test_split, 0.3f, 1e-7f);
    assert_int_equal(cfg.figure, 1);
    assert_int_equal(cfg.colors, COLORS_MONO);
    assert_int_equal(parse(&cfg, err, 10, "--label-column", "2", "--figure", "accuracy",
                           "--glyphs", "unicode", "--colors", "truecolor", "--theme", "light"),
                     ST_OK);
    assert_string_equal(cfg.label_column, "2");
    assert_int_equal(cfg.figure, 2);
    assert_int_equal(cfg.glyphs, GLYPHS_UNICODE);
    assert_int_equal(cfg.colors, COLORS_TRUECOLOR);
    assert_false(cfg.dark);
    assert_int_equal(parse(&cfg, err, 4, "--colors", "8", "--glyphs", "braille"), ST_OK);
    assert_int_equal(cfg.colors, COLORS_8);
    assert_int_equal(cfg.glyphs, GLYPHS_UNICODE);
}

/* --nesterov belongs to momentum whichever comes first, like --lr. */
static void test_cli_nesterov_survives_a_later_optimizer(void **state)
{
    (void)state;
    AppConfig cfg;
    char err[256];
    assert_int_equal(parse(&cfg, err, 3, "--nesterov", "--optimizer", "momentum"), ST_OK);
    assert_int_equal(cfg.arena.opt.kind, OPT_MOMENTUM);
    assert_true(cfg.arena.opt.nesterov);
}

static void test_cli_rejects_bad_values_of_the_other_options(void **state)
{
    (void)state;
    expect_error("--classes", 2, "--classes", "1");
    expect_error("out of range", 2, "--classes", "1");
    expect_error("out of range", 2, "--data-noise", "-0.1");
    expect_error("out of range", 2, "--samples", "5");
    expect_error("out of range", 2, "--test-samples", "0");
    expect_error("'x' is not a number", 2, "--test-split", "x");
    expect_error("out of range (0, 1)", 2, "--test-split", "1");
    expect_error("out of range", 2, "--target-acc", "1.5");
    expect_error("empty column name", 2, "--label-column", "");
    expect_error("unknown figure 'pie'", 2, "--figure", "pie");
    expect_error("is not WIDTHxHEIGHT", 2, "--size", "big");
    expect_error("10x10 is out of range", 2, "--size", "10x10");
    expect_error("unknown theme 'blue'", 2, "--theme", "blue");
    expect_error("unknown glyph mode 'boxes'", 2, "--glyphs", "boxes");
    expect_error("unknown colour mode '16'", 2, "--colors", "16");
    expect_error("takes no value", 1, "--nesterov=yes");
    expect_error("--nesterov applies to --optimizer momentum, not adam", 3, "--nesterov",
                 "--optimizer", "adam");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_defaults_are_twelve_losses_on_spiral),
        cmocka_unit_test(test_cli_parses_every_training_option),
        cmocka_unit_test(test_cli_lr_survives_a_later_optimizer),
        cmocka_unit_test(test_cli_epochs_give_steps),
        cmocka_unit_test(test_cli_rejects_bad_usage_with_one_clear_line),
        cmocka_unit_test(test_cli_rejects_more_than_sixteen_losses),
        cmocka_unit_test(test_cli_rejects_contradictions),
        cmocka_unit_test(test_cli_default_lr_has_one_home),
        cmocka_unit_test(test_cli_parses_data_figure_and_terminal_options),
        cmocka_unit_test(test_cli_nesterov_survives_a_later_optimizer),
        cmocka_unit_test(test_cli_rejects_bad_values_of_the_other_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
