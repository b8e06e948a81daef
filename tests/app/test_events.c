/* test_events.c — a change line "at STEP: --OPTION VALUE" parses to the event it says, writes
 * back to a line that parses to the same event, is checked by the command line's own rules,
 * and a change list rejects out-of-order or malformed lines naming the file and line. Labels
 * for chart marks: "lr×2", "noise 30%". */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/events.h"

static Event parse_ok(const char *line)
{
    Event ev;
    bool is_event = false;
    char err[512] = "";
    if (event_parse(line, &ev, &is_event, err, sizeof err) != ST_OK || !is_event)
        fail_msg("'%s' did not parse: %s", line, err);
    return ev;
}

static void assert_parse_fails(const char *line, const char *want)
{
    Event ev;
    bool is_event;
    char err[512] = "";
    assert_int_equal(event_parse(line, &ev, &is_event, err, sizeof err), ST_INVAL);
    if (!strstr(err, want))
        fail_msg("'%s': message '%s' lacks '%s'", line, err, want);
}

static void test_events_parse_every_kind(void **state)
{
    (void)state;
    Event ev = parse_ok("at 500: --label-noise 0.3\n");
    assert_int_equal(ev.step, 500);
    assert_int_equal(ev.kind, EVENT_LABEL_NOISE);
    assert_float_equal(ev.value, 0.3, 1e-12);
    ev = parse_ok("  at 0:--lr 0.006");
    assert_int_equal(ev.kind, EVENT_LR);
    assert_float_equal(ev.value, 0.006, 1e-9);
    ev = parse_ok("at 12 : --batch 128\r\n");
    assert_int_equal(ev.kind, EVENT_BATCH);
    assert_float_equal(ev.value, 128, 0);
    ev = parse_ok("at 7: --optimizer momentum");
    assert_int_equal(ev.kind, EVENT_OPTIMIZER);
    assert_string_equal(ev.name, "momentum");
    ev = parse_ok("at 7: --activation tanh");
    assert_string_equal(ev.name, "tanh");
    ev = parse_ok("at 9: --input-noise 0.2");
    assert_int_equal(ev.kind, EVENT_INPUT_NOISE);
    ev = parse_ok("at 9: --seed 42");
    assert_int_equal(ev.kind, EVENT_SEED);
    assert_float_equal(ev.value, 42, 0);
    ev = parse_ok("at 9: --dataset circles");
    assert_int_equal(ev.kind, EVENT_DATASET);
    assert_string_equal(ev.name, "circles");
}

static void test_events_blank_and_comment_lines_are_not_events(void **state)
{
    (void)state;
    const char *lines[] = {"", "\n", "   \t\n", "# a lesson\n", "  # at 5: --lr 1\n"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        Event ev;
        bool is_event = true;
        char err[128];
        assert_int_equal(event_parse(lines[i], &ev, &is_event, err, sizeof err), ST_OK);
        assert_false(is_event);
    }
}

static void test_events_malformed_lines_say_why(void **state)
{
    (void)state;
    assert_parse_fails("500: --lr 0.1", "expected 'at STEP: --OPTION VALUE'");
    assert_parse_fails("at x: --lr 0.1", "'at' needs a step");
    assert_parse_fails("at -5: --lr 0.1", "'at' needs a step");
    assert_parse_fails("at 5 --lr 0.1", "expected ':' after the step");
    assert_parse_fails("at 5: lr 0.1", "expected '--OPTION VALUE'");
    assert_parse_fails("at 5: --lr", "--lr needs exactly one value");
    assert_parse_fails("at 5: --lr 0.1 0.2", "--lr needs exactly one value");
    assert_parse_fails("at 5: --hidden 32", "--hidden cannot change during a run");
    /* The command line's own checks and words. */
    assert_parse_fails("at 5: --label-noise 1.5", "--label-noise");
    assert_parse_fails("at 5: --optimizer rmsprop", "--optimizer");
    assert_parse_fails("at 5: --lr -1", "--lr");
    assert_parse_fails("at 5: --dataset csv:a-path-that-is-far-too-long-for-a-change.csv",
                       "at most 31 characters");
}

static void test_events_write_reads_back(void **state)
{
    (void)state;
    const char *lines[] = {"at 3: --lr 0.00123456789",       "at 4: --batch 32",
                           "at 5: --optimizer sgd",          "at 6: --activation sigmoid",
                           "at 7: --label-noise 0.1",        "at 8: --input-noise 0.4",
                           "at 9: --seed 18446744073709551", "at 10: --dataset moons"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        Event ev = parse_ok(lines[i]);
        char buf[256];
        FILE *f = fmemopen(buf, sizeof buf, "w");
        assert_non_null(f);
        assert_int_equal(event_write(f, &ev), ST_OK);
        fclose(f);
        Event back = parse_ok(buf);
        assert_int_equal(back.step, ev.step);
        assert_int_equal(back.kind, ev.kind);
        assert_true(back.value == ev.value);
        assert_string_equal(back.name, ev.name);
    }
}

static void test_events_labels_for_chart_marks(void **state)
{
    (void)state;
    char buf[32];
    Event ev = parse_ok("at 1: --lr 0.006");
    event_label(&ev, 0.003, buf, sizeof buf);
    assert_string_equal(buf, "lr×2");
    event_label(&ev, 0.024, buf, sizeof buf);
    assert_string_equal(buf, "lr÷4");
    event_label(&ev, 0.005, buf, sizeof buf);
    assert_string_equal(buf, "lr 0.006");
    event_label(&ev, 0.0, buf, sizeof buf);
    assert_string_equal(buf, "lr 0.006");
    ev = parse_ok("at 1: --label-noise 0.3");
    event_label(&ev, 0.0, buf, sizeof buf);
    assert_string_equal(buf, "noise 30%");
    ev = parse_ok("at 1: --batch 128");
    event_label(&ev, 0.0, buf, sizeof buf);
    assert_string_equal(buf, "batch 128");
    ev = parse_ok("at 1: --optimizer adam");
    event_label(&ev, 0.0, buf, sizeof buf);
    assert_string_equal(buf, "adam");
}

static Status read_text(EventLog *log, const char *text, char *err, size_t errlen)
{
    FILE *f = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    assert_non_null(f);
    Status st = event_log_read(log, f, "lesson.txt", err, errlen);
    fclose(f);
    return st;
}

static void test_events_log_reads_in_order_and_names_bad_lines(void **state)
{
    (void)state;
    static EventLog log;
    char err[512];
    assert_int_equal(read_text(&log,
                               "# lesson\nat 0: --lr 0.003\n\nat 500: --label-noise 0.3\n"
                               "at 500: --lr 0.006\n",
                               err, sizeof err),
                     ST_OK);
    assert_int_equal(log.n, 3);
    assert_int_equal(log.events[1].kind, EVENT_LABEL_NOISE);
    assert_int_equal(log.events[2].step, 500);
    assert_int_equal(read_text(&log, "at 10: --lr 0.1\nat 5: --lr 0.2\n", err, sizeof err),
                     ST_INVAL);
    assert_string_equal(err, "lesson.txt:2: step 5 comes before step 10 of an earlier line");
    assert_int_equal(read_text(&log, "at 10: --lr 0.1\nat 20: --lr zero\n", err, sizeof err),
                     ST_INVAL);
    assert_non_null(strstr(err, "lesson.txt:2: --lr"));
}

static void test_events_log_is_bounded(void **state)
{
    (void)state;
    static EventLog log;
    log.n = 0;
    Event ev = parse_ok("at 1: --lr 0.1");
    for (int i = 0; i < EVENT_LOG_MAX; i++)
        assert_int_equal(event_log_push(&log, &ev), ST_OK);
    assert_int_equal(event_log_push(&log, &ev), ST_RANGE);
    assert_int_equal(log.n, EVENT_LOG_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_events_parse_every_kind),
        cmocka_unit_test(test_events_blank_and_comment_lines_are_not_events),
        cmocka_unit_test(test_events_malformed_lines_say_why),
        cmocka_unit_test(test_events_write_reads_back),
        cmocka_unit_test(test_events_labels_for_chart_marks),
        cmocka_unit_test(test_events_log_reads_in_order_and_names_bad_lines),
        cmocka_unit_test(test_events_log_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
