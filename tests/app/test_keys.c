/* test_keys.c — the key table: every key the dashboard promises is bound to its command (trainer
 * keys carry theirs in the table), no key is bound twice, and every bound key has help text (the
 * `?` overlay is generated from this table). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/keys.h"

static const KeyCodes codes = {.btab = 353, .up = 259, .down = 258, .left = 260, .right = 261};

/* Trainer keys carry their command and its argument in the table itself. */
static void test_keys_issue_bindings(void **state)
{
    (void)state;
    struct {
        int code;
        CommandKind cmd;
        double arg;
    } train[] = {
        {' ', CMD_RUN_TOGGLE, 0},
        {'s', CMD_STEP, 0},
        {'r', CMD_RESET, 0},
        {'R', CMD_RESEED, 0},
        {'+', CMD_LR_SCALE, 2.0},
        {'=', CMD_LR_SCALE, 2.0},
        {'-', CMD_LR_SCALE, 0.5},
        {'[', CMD_BATCH_SCALE, 0.5},
        {']', CMD_BATCH_SCALE, 2.0},
        {'o', CMD_OPTIMIZER_NEXT, 0},
        {'a', CMD_ACTIVATION_NEXT, 0},
        {'n', CMD_LABEL_NOISE_NEXT, 0},
        {'i', CMD_INPUT_NOISE_NEXT, 0},
        {'d', CMD_DATASET_NEXT, 0},
    };
    for (size_t i = 0; i < sizeof train / sizeof train[0]; i++) {
        const KeyBinding *b = keys_lookup(&codes, train[i].code);
        assert_non_null(b);
        assert_int_equal(b->action, ACTION_TRAIN);
        assert_int_equal(b->cmd.kind, train[i].cmd);
        assert_float_equal(b->cmd.arg, train[i].arg, 0.0);
    }
    struct {
        int code;
        Action action;
    } view[] = {
        {'\t', ACTION_FOCUS_NEXT}, {259, ACTION_FOCUS_PREV},   {258, ACTION_FOCUS_NEXT},
        {353, ACTION_FOCUS_PREV},  {260, ACTION_FOCUS_PREV},   {261, ACTION_FOCUS_NEXT},
        {'1', ACTION_FOCUS_DIGIT}, {'0', ACTION_FOCUS_DIGIT},  {'h', ACTION_HIDE},
        {'y', ACTION_LOG_Y},       {'q', ACTION_QUIT},         {'?', ACTION_HELP},
        {'p', ACTION_SNAPSHOT},    {'P', ACTION_SNAPSHOT_SVG}, {'x', ACTION_NONE},
    };
    for (size_t i = 0; i < sizeof view / sizeof view[0]; i++)
        assert_int_equal(keys_action(&codes, view[i].code), view[i].action);
    assert_null(keys_lookup(&codes, 'x'));
    /* a placeholder for a special key never matches its own negative value */
    assert_null(keys_lookup(&codes, -3));
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
        {'N', ACTION_NORMALISE},  {'b', ACTION_BOUNDARY},    {'l', ACTION_LOSS_CARD},
        {12, ACTION_REDRAW},      {'Q', ACTION_QUIT},        {'=', ACTION_TRAIN},
        {'_', ACTION_TRAIN},      {260, ACTION_FOCUS_PREV},  {261, ACTION_FOCUS_NEXT},
        {353, ACTION_FOCUS_PREV}, {'5', ACTION_FOCUS_DIGIT}, {'9', ACTION_FOCUS_DIGIT},
        {'B', ACTION_NONE},       {'L', ACTION_NONE},        {'n', ACTION_TRAIN},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        if (keys_action(&codes, expected[i].code) != expected[i].action)
            fail_msg("key %d: action %d, want %d", expected[i].code,
                     (int)keys_action(&codes, expected[i].code), (int)expected[i].action);
    /* the lecture's view keys: step axis, its window, smoothing, loss groups */
    assert_int_equal(keys_action(&codes, 't'), ACTION_TIME_AXIS);
    assert_int_equal(keys_action(&codes, '{'), ACTION_WINDOW_LESS);
    assert_int_equal(keys_action(&codes, '}'), ACTION_WINDOW_MORE);
    assert_int_equal(keys_action(&codes, 'e'), ACTION_SMOOTH);
    assert_int_equal(keys_action(&codes, 'g'), ACTION_GROUP_NEXT);
    assert_int_equal(keys_action(&codes, 'T'), ACTION_NONE);
    /* the aliases carry their key's command */
    assert_int_equal(keys_lookup(&codes, '_')->cmd.kind, CMD_LR_SCALE);
    assert_float_equal(keys_lookup(&codes, '_')->cmd.arg, 0.5, 0.0);
    assert_int_equal(keys_lookup(&codes, 'n')->cmd.kind, CMD_LABEL_NOISE_NEXT);
    /* special keys come from the codes given, not from fixed numbers */
    const KeyCodes other = {.btab = 1001, .up = 1002, .down = 1003, .left = 1004, .right = 1005};
    assert_int_equal(keys_action(&other, 1001), ACTION_FOCUS_PREV);
    assert_int_equal(keys_action(&other, 1004), ACTION_FOCUS_PREV);
    assert_int_equal(keys_action(&other, 1005), ACTION_FOCUS_NEXT);
    assert_int_equal(keys_action(&other, 353), ACTION_NONE);
    assert_int_equal(keys_action(&other, 260), ACTION_NONE);
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

/* < > and their aliases , . walk the pace ladder 1 3 10 30 100 300 1000 max and stop at its
 * ends; a pace off the ladder (--pace 50) moves to its neighbours. */
static void test_keys_pace_ladder(void **state)
{
    (void)state;
    assert_int_equal(keys_action(&codes, '<'), ACTION_PACE_SLOWER);
    assert_int_equal(keys_action(&codes, ','), ACTION_PACE_SLOWER);
    assert_int_equal(keys_action(&codes, '>'), ACTION_PACE_FASTER);
    assert_int_equal(keys_action(&codes, '.'), ACTION_PACE_FASTER);
    const int up[] = {1, 3, 10, 30, 100, 300, 1000, 0, 0};
    int pace = 1;
    for (int i = 1; i < 9; i++) {
        pace = keys_pace_step(pace, 1);
        assert_int_equal(pace, up[i]);
    }
    for (int i = 6; i >= 0; i--) {
        pace = keys_pace_step(pace, -1);
        assert_int_equal(pace, up[i]);
    }
    assert_int_equal(keys_pace_step(1, -1), 1);
    assert_int_equal(keys_pace_step(50, 1), 100);
    assert_int_equal(keys_pace_step(50, -1), 30);
    char buf[16];
    keys_pace_text(0, buf, sizeof buf);
    assert_string_equal(buf, "max");
    keys_pace_text(30, buf, sizeof buf);
    assert_string_equal(buf, "30/s");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_issue_bindings),
        cmocka_unit_test(test_keys_view_toggles_aliases_and_special_keys),
        cmocka_unit_test(test_keys_no_code_bound_twice_and_help_for_all),
        cmocka_unit_test(test_keys_pace_ladder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
