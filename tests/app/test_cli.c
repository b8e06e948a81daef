/* test_cli.c — the command-line contract: defaults, every option, and one clear line for each
 * kind of bad usage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
    expect_error("must name a .png or .svg file", 2, "--export", "fig.jpg");
    expect_error("--export-every needs --export", 2, "--export-every", "10");
    expect_error("takes no value", 1, "--headless=1");
    expect_error("not a non-negative integer", 2, "--seed", "-3");
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
