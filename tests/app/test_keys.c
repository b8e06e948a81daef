/* test_keys.c — the key table: every action the dashboard promises is bound, no key is bound
 * twice, and every bound key has help text (the `?` overlay is generated from this table). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/keys.h"

static const KeyCodes codes = {.btab = 353, .up = 259, .down = 258, .left = 260, .right = 261};

static void test_keys_issue_bindings(void **state)
{
    (void)state;
    struct {
        int code;
        Action action;
    } expected[] = {
        {' ', ACTION_RUN_TOGGLE},   {'s', ACTION_STEP},        {'r', ACTION_RESET},
        {'R', ACTION_RESEED},       {'+', ACTION_LR_UP},       {'-', ACTION_LR_DOWN},
        {'[', ACTION_BATCH_DOWN},   {']', ACTION_BATCH_UP},    {'o', ACTION_OPTIMIZER},
        {'a', ACTION_ACTIVATION},   {'n', ACTION_LABEL_NOISE}, {'i', ACTION_INPUT_NOISE},
        {'d', ACTION_DATASET},      {'\t', ACTION_FOCUS_NEXT}, {259, ACTION_FOCUS_PREV},
        {258, ACTION_FOCUS_NEXT},   {'1', ACTION_FOCUS_DIGIT}, {'0', ACTION_FOCUS_DIGIT},
        {'h', ACTION_HIDE},         {'y', ACTION_LOG_Y},       {'q', ACTION_QUIT},
        {'?', ACTION_HELP},         {'p', ACTION_SNAPSHOT},    {'x', ACTION_NONE},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        assert_int_equal(keys_lookup(&codes, expected[i].code), expected[i].action);
}

/* The keys the table above leaves out: the view toggles, the aliases and the special keys
 * (resolved from KeyCodes, so other codes for them must not match). */
static void test_keys_view_toggles_aliases_and_special_keys(void **state)
{
    (void)state;
    struct {
        int code;
        Action action;
    } expected[] = {
        {'N', ACTION_NORMALISE},  {'b', ACTION_BOUNDARY},     {'l', ACTION_LOSS_CARD},
        {12, ACTION_REDRAW},      {'Q', ACTION_QUIT},         {'=', ACTION_LR_UP},
        {'_', ACTION_LR_DOWN},    {260, ACTION_FOCUS_PREV},   {261, ACTION_FOCUS_NEXT},
        {353, ACTION_FOCUS_PREV}, {'5', ACTION_FOCUS_DIGIT},  {'9', ACTION_FOCUS_DIGIT},
        {'B', ACTION_NONE},       {'L', ACTION_NONE},         {'n', ACTION_LABEL_NOISE},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        if (keys_lookup(&codes, expected[i].code) != expected[i].action)
            fail_msg("key %d: action %d, want %d", expected[i].code,
                     (int)keys_lookup(&codes, expected[i].code), (int)expected[i].action);
    /* special keys come from the codes given, not from fixed numbers */
    const KeyCodes other = {.btab = 1001, .up = 1002, .down = 1003, .left = 1004, .right = 1005};
    assert_int_equal(keys_lookup(&other, 1001), ACTION_FOCUS_PREV);
    assert_int_equal(keys_lookup(&other, 1004), ACTION_FOCUS_PREV);
    assert_int_equal(keys_lookup(&other, 1005), ACTION_FOCUS_NEXT);
    assert_int_equal(keys_lookup(&other, 353), ACTION_NONE);
    assert_int_equal(keys_lookup(&other, 260), ACTION_NONE);
}

static void test_keys_no_code_bound_twice_and_help_for_all(void **state)
{
    (void)state;
    int n;
    const KeyBinding *t = keys_table(&n);
    assert_true(n > 20);
    assert_true(t[0].keys[0] != '\0');
    for (int i = 0; i < n; i++) {
        if (t[i].keys[0] == '\0')
            assert_int_equal(t[i].action, t[i - 1].action); /* continues the row above */
        else
            assert_true(strlen(t[i].help) > 3);
        for (int j = 0; j < i; j++)
            for (int a = 0; a < 4 && t[i].codes[a]; a++)
                for (int b = 0; b < 4 && t[j].codes[b]; b++)
                    assert_int_not_equal(t[i].codes[a], t[j].codes[b]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_issue_bindings),
        cmocka_unit_test(test_keys_view_toggles_aliases_and_special_keys),
        cmocka_unit_test(test_keys_no_code_bound_twice_and_help_for_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
