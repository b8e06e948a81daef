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
    expect_error("must name a .png file", 2, "--export", "fig.jpg");
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
    /* There are only twelve distinct ids, so a seventeenth is necessarily a repeat. */
    expect_error("given twice", 2, "--losses",
                 "log,log2,l1,l2,l1-softmax,l2-softmax,linf-softmax,hinge,hinge2,hinge3,"
                 "tanimoto,cauchy-schwarz,log");
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
