/* test_cli_losses.c — --losses takes loss ids and group names: groups expand in the loss
 * table's order, overlaps with a group count once, an id named twice is an error, and an
 * unknown name gets one line listing the ids and the groups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/cli.h"

static Status parse_losses(AppConfig *cfg, char *err, size_t errlen, const char *list)
{
    char program[] = "lossarena", opt[] = "--losses", val[256];
    snprintf(val, sizeof val, "%s", list);
    char *argv[] = {program, opt, val};
    return cli_parse(3, argv, cfg, err, errlen);
}

static void assert_losses(const AppConfig *cfg, int n, const LossId *want)
{
    assert_int_equal(cfg->arena.n_losses, n);
    for (int i = 0; i < n; i++)
        assert_int_equal(cfg->arena.losses[i], want[i]);
}

static void test_cli_losses_group_expands_in_order(void **state)
{
    (void)state;
    AppConfig cfg;
    char err[512];
    assert_int_equal(parse_losses(&cfg, err, sizeof err, "hinge-family"), ST_OK);
    assert_losses(&cfg, 3, (LossId[]){LOSS_HINGE, LOSS_HINGE2, LOSS_HINGE3});
    assert_int_equal(parse_losses(&cfg, err, sizeof err, "log,expectation"), ST_OK);
    assert_losses(&cfg, 4,
                  (LossId[]){LOSS_LOG, LOSS_L1_SOFTMAX, LOSS_L2_SOFTMAX, LOSS_LINF_SOFTMAX});
    assert_int_equal(
        parse_losses(&cfg, err, sizeof err, "log-family,raw,expectation,hinge-family,divergences"),
        ST_OK);
    assert_int_equal(cfg.arena.n_losses, LOSS_COUNT);
}

static void test_cli_losses_overlap_with_group_counts_once(void **state)
{
    (void)state;
    AppConfig cfg;
    char err[512];
    assert_int_equal(parse_losses(&cfg, err, sizeof err, "hinge2,hinge-family"), ST_OK);
    assert_losses(&cfg, 3, (LossId[]){LOSS_HINGE2, LOSS_HINGE, LOSS_HINGE3});
    assert_int_equal(parse_losses(&cfg, err, sizeof err, "raw,l1,raw"), ST_OK);
    assert_losses(&cfg, 2, (LossId[]){LOSS_L1, LOSS_L2});
    assert_int_equal(parse_losses(&cfg, err, sizeof err, "raw,l1,l1"), ST_INVAL);
    assert_string_equal(err, "--losses: loss 'l1' given twice");
}

static void test_cli_losses_unknown_group_lists_ids_and_groups(void **state)
{
    (void)state;
    AppConfig cfg;
    char err[512];
    assert_int_equal(parse_losses(&cfg, err, sizeof err, "log,hinge-famly"), ST_INVAL);
    assert_non_null(strstr(err, "unknown loss 'hinge-famly'"));
    assert_non_null(strstr(err, "cauchy-schwarz"));
    assert_non_null(strstr(err, "groups: log-family,raw,expectation,hinge-family,divergences"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_losses_group_expands_in_order),
        cmocka_unit_test(test_cli_losses_overlap_with_group_counts_once),
        cmocka_unit_test(test_cli_losses_unknown_group_lists_ids_and_groups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
