/* test_trainer.c — the dashboard's trainer at a pace: a slower pace takes fewer steps in the
 * same time (an ordering, with the measured rates printed — never a timed assertion), and the
 * pace never changes the run: the --csv of a paced run is byte-identical to one at full pace
 * and to the headless run of the same options. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/cli.h"
#include "src/headless.h"
#include "src/trainer.h"

/* cli_parse borrows strings from argv (--csv FILE): each parse keeps its own buffer. */
static char arg_bufs[8][1024];
static int n_parsed;

static void parse(AppConfig *cfg, const char *line)
{
    char *buf = arg_bufs[n_parsed++ % 8], *argv[40];
    snprintf(buf, sizeof arg_bufs[0], "lossarena %s", line);
    int argc = 0;
    for (char *tok = strtok(buf, " "); tok && argc < 40; tok = strtok(NULL, " "))
        argv[argc++] = tok;
    char err[256] = "";
    Status st = cli_parse(argc, argv, cfg, err, sizeof err);
    if (st != ST_OK)
        fail_msg("%s: %s", line, err);
}

static void nap(double seconds)
{
    struct timespec ts = {(time_t)seconds, (long)((seconds - (long)seconds) * 1e9)};
    nanosleep(&ts, NULL);
}

static Snapshot snap; /* large: static, not on the stack */

/* The step reached, and whether the trainer is still running. */
static long poll_step(Trainer *t, bool *running)
{
    uint64_t seq = 0, msg_seq = 0;
    char msg[160];
    trainer_poll(t, &snap, &seq, msg, sizeof msg, &msg_seq);
    *running = snap.running;
    return snap.step;
}

/* Steps taken in `seconds` at pace (0 = max), printed as a rate. */
static long steps_in(int pace, double seconds)
{
    AppConfig cfg;
    char line[128];
    snprintf(line, sizeof line, "--run --losses log,hinge --hidden 8 --threads 1 --pace %d", pace);
    parse(&cfg, pace > 0 ? line : "--run --losses log,hinge --hidden 8 --threads 1 --pace max");
    Trainer t;
    char err[256];
    assert_int_equal(trainer_start(&t, &cfg, err, sizeof err), 0);
    bool running;
    nap(0.2); /* let the thread start and the pace clock settle */
    long s0 = poll_step(&t, &running);
    nap(seconds);
    /* publications lag by at most ~33 ms: wait one more so the count is current */
    nap(0.05);
    long s1 = poll_step(&t, &running);
    assert_int_equal(trainer_stop(&t, err, sizeof err), 0);
    long n = s1 - s0;
    char name[16];
    snprintf(name, sizeof name, pace > 0 ? "%d/s" : "max", pace);
    printf("pace %-7s %6ld steps in %.2f s = %8.1f steps/s\n", name, n, seconds + 0.05,
           n / (seconds + 0.05));
    return n;
}

static void test_trainer_slower_pace_takes_fewer_steps(void **state)
{
    (void)state;
    long s10 = steps_in(10, 1.0);
    long s100 = steps_in(100, 1.0);
    long smax = steps_in(0, 1.0);
    assert_true(s10 > 0);
    assert_true(s10 < s100);
    assert_true(s100 < smax);
}

static char *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)*len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)*len, f), (size_t)*len);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* Runs the trainer to --steps at pace and returns its CSV. */
static char *paced_csv(const char *dir, const char *opts, const char *pace, long *len)
{
    char path[512], line[1024];
    snprintf(path, sizeof path, "%s/pace-%s.csv", dir, pace);
    snprintf(line, sizeof line, "--run %s --pace %s --csv %s", opts, pace, path);
    AppConfig cfg;
    parse(&cfg, line);
    Trainer t;
    char err[256];
    assert_int_equal(trainer_start(&t, &cfg, err, sizeof err), 0);
    bool running = true;
    for (int i = 0; i < 3000 && (running || snap.step < cfg.steps); i++) {
        nap(0.01);
        poll_step(&t, &running);
    }
    assert_int_equal(snap.step, cfg.steps);
    assert_int_equal(trainer_stop(&t, err, sizeof err), 0);
    return slurp(path, len);
}

static void test_trainer_pace_does_not_change_the_csv(void **state)
{
    (void)state;
    char dir[] = "/tmp/lossarena-test-trainer-XXXXXX";
    assert_non_null(mkdtemp(dir));
    /* eval-every 40 is coarser than the previews at pace 300 (every 10 steps), so previews
     * happen between the rows and must leave them alone */
    const char *opts = "--losses log,hinge,tanimoto --hidden 8 --steps 240 --eval-every 40 "
                       "--lr 0.05 --label-noise 0.2 --input-noise 0.1";
    long n_max, n_300, n_1000, n_head;
    char *at_max = paced_csv(dir, opts, "max", &n_max);
    char *at_300 = paced_csv(dir, opts, "300", &n_300);
    char *at_1000 = paced_csv(dir, opts, "1000", &n_1000);

    char path[512], line[1024];
    snprintf(path, sizeof path, "%s/headless.csv", dir);
    snprintf(line, sizeof line, "--headless %s --csv %s --format csv", opts, path);
    AppConfig cfg;
    parse(&cfg, line);
    assert_int_equal(headless_run(&cfg), 0);
    char *head = slurp(path, &n_head);

    assert_true(n_max > 100);
    assert_string_equal(at_max, head);
    assert_string_equal(at_300, head);
    assert_string_equal(at_1000, head);
    free(at_max);
    free(at_300);
    free(at_1000);
    free(head);
    const char *names[] = {"pace-max.csv", "pace-300.csv", "pace-1000.csv", "headless.csv"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* A change is recorded at the step it is made, marked with its label, and the CSV rows after
 * it carry the new settings in the lr, batch and optimizer columns. */
static void test_trainer_changes_are_marked_and_in_the_csv(void **state)
{
    (void)state;
    char dir[] = "/tmp/lossarena-test-trainer-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512], line[1024];
    snprintf(path, sizeof path, "%s/changes.csv", dir);
    snprintf(line, sizeof line,
             "--losses log,hinge --hidden 8 --steps 100 --eval-every 50 --pace max --lr 0.01 "
             "--csv %s",
             path);
    AppConfig cfg;
    parse(&cfg, line);
    Trainer t;
    char err[256];
    assert_int_equal(trainer_start(&t, &cfg, err, sizeof err), 0);
    bool running = false;
    for (int i = 0; i < 30; i++) { /* one step at a time: steps queued together are one */
        assert_true(trainer_send(&t, (Command){CMD_STEP, 0}));
        for (int k = 0; k < 500 && poll_step(&t, &running) != i + 1; k++)
            nap(0.002);
    }
    assert_int_equal(snap.step, 30);
    assert_true(trainer_send(&t, (Command){CMD_LR_SCALE, 2.0}));
    assert_true(trainer_send(&t, (Command){CMD_BATCH_SCALE, 2.0}));
    assert_true(trainer_send(&t, (Command){CMD_RUN_TOGGLE, 0}));
    running = true;
    for (int i = 0; i < 1000 && (running || snap.step < 100); i++) {
        nap(0.01);
        poll_step(&t, &running);
    }
    ChartView v = {.focused = -1};
    uint64_t seq = 0;
    assert_true(trainer_poll_marks(&t, &v, &seq));
    assert_int_equal(trainer_stop(&t, err, sizeof err), 0);
    assert_int_equal(v.n_marks, 2);
    assert_true(v.marks[0].x == 30.0);
    assert_string_equal(v.marks[0].label, "lr×2");
    assert_true(v.marks[1].x == 30.0);
    assert_string_equal(v.marks[1].label, "batch 128");

    long n;
    char *csv = slurp(path, &n);
    assert_non_null(strstr(csv, ",input_noise,config,final,lr,batch,optimizer,memorized,"
                                "clean_train_acc,grad_share_flipped,grad_share_wrong\n"));
    assert_non_null(strstr(csv, "\n0,0.0000,log,"));
    /* step 0's rows before the change, step 50's after it (no label noise: memorized and
     * grad_share_flipped are empty) */
    const char *row50 = strstr(csv, "\n50,"), *row100 = strstr(csv, "\n100,");
    const char *before = strstr(csv, ",0.01,64,adam,,"), *after = strstr(csv, ",0.02,128,adam,,");
    assert_true(row50 && row100 && before && after);
    assert_true(before < row50 && after > row50 && after < row100);
    free(csv);
    unlink(path);
    rmdir(dir);
}

/* Steps the paused trainer one step at a time up to `to`. */
static void step_to(Trainer *t, long to)
{
    bool running = false;
    for (long i = poll_step(t, &running); i < to; i++) {
        assert_true(trainer_send(t, (Command){CMD_STEP, 0}));
        for (int k = 0; k < 1000 && poll_step(t, &running) != i + 1; k++)
            nap(0.002);
    }
    assert_int_equal(snap.step, to);
}

static void run_to_end(Trainer *t, long steps)
{
    bool running = true;
    assert_true(trainer_send(t, (Command){CMD_RUN_TOGGLE, 0}));
    for (int i = 0; i < 3000 && (running || snap.step < steps); i++) {
        nap(0.01);
        poll_step(t, &running);
    }
    assert_int_equal(snap.step, steps);
}

/* A live session with changes, recorded; its replay, headless and in the dashboard's trainer
 * at another pace, writes the same CSV byte for byte. */
static void test_trainer_record_and_replay_give_the_same_csv(void **state)
{
    (void)state;
    char dir[] = "/tmp/lossarena-test-trainer-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *opts = "--losses log,hinge,l2-softmax --hidden 8 --steps 150 --eval-every 20";
    char live[128], rec[128], head[128], again[128], line[1024], err[256];
    snprintf(live, sizeof live, "%s/live.csv", dir);
    snprintf(rec, sizeof rec, "%s/session.txt", dir);
    snprintf(head, sizeof head, "%s/replay.csv", dir);
    snprintf(again, sizeof again, "%s/again.csv", dir);

    AppConfig cfg;
    snprintf(line, sizeof line, "%s --pace max --csv %s --record %s", opts, live, rec);
    parse(&cfg, line);
    Trainer t;
    assert_int_equal(trainer_start(&t, &cfg, err, sizeof err), 0);
    step_to(&t, 30);
    assert_true(trainer_send(&t, (Command){CMD_LR_SCALE, 2.0}));
    assert_true(trainer_send(&t, (Command){CMD_LABEL_NOISE_NEXT, 0}));
    step_to(&t, 65);
    assert_true(trainer_send(&t, (Command){CMD_BATCH_SCALE, 0.5}));
    assert_true(trainer_send(&t, (Command){CMD_OPTIMIZER_NEXT, 0}));
    assert_true(trainer_send(&t, (Command){CMD_INPUT_NOISE_NEXT, 0}));
    assert_true(trainer_send(&t, (Command){CMD_RESET, 0})); /* refused while recording */
    step_to(&t, 66);
    run_to_end(&t, 150);
    assert_int_equal(trainer_stop(&t, err, sizeof err), 0);

    long n_rec, n_live, n_head, n_again;
    char *session = slurp(rec, &n_rec);
    printf("%s", session);
    assert_non_null(strstr(session, "at 30: --lr 0.00600000"));
    assert_non_null(strstr(session, "at 30: --label-noise 0.1\n"));
    assert_non_null(strstr(session, "at 65: --batch 32\n"));
    assert_non_null(strstr(session, "at 65: --input-noise 0.1\n"));

    snprintf(line, sizeof line, "--headless %s --replay %s --csv %s --format csv", opts, rec, head);
    parse(&cfg, line);
    assert_int_equal(cfg.replay.n, 5);
    assert_int_equal(headless_run(&cfg), 0);

    snprintf(line, sizeof line, "--run %s --pace 1000 --replay %s --csv %s", opts, rec, again);
    parse(&cfg, line);
    assert_int_equal(trainer_start(&t, &cfg, err, sizeof err), 0);
    bool running = true;
    for (int i = 0; i < 3000 && (running || snap.step < 150); i++) {
        nap(0.01);
        poll_step(&t, &running);
    }
    ChartView v = {.focused = -1};
    uint64_t seq = 0;
    trainer_poll_marks(&t, &v, &seq);
    assert_int_equal(trainer_stop(&t, err, sizeof err), 0);
    assert_int_equal(v.n_marks, 5); /* a replay marks its changes too */
    assert_true(v.marks[4].x == 65.0);

    char *a = slurp(live, &n_live), *b = slurp(head, &n_head), *c = slurp(again, &n_again);
    assert_non_null(strstr(a, ",0.006,64,adam,")); /* the changes are in the rows */
    assert_non_null(strstr(a, ",32,sgd,"));
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    free(session);
    free(a);
    free(b);
    free(c);
    unlink(live);
    unlink(rec);
    unlink(head);
    unlink(again);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trainer_slower_pace_takes_fewer_steps),
        cmocka_unit_test(test_trainer_pace_does_not_change_the_csv),
        cmocka_unit_test(test_trainer_changes_are_marked_and_in_the_csv),
        cmocka_unit_test(test_trainer_record_and_replay_give_the_same_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
