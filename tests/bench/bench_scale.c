/* bench_scale.c — the speed goals of one Fashion-MNIST epoch of twelve losses: IDX loading
 * under 0.5 s, and the epoch end to end (load + train + evaluate every 100 steps + the final
 * evaluation on the whole test set, as `lossarena --headless --dataset fashion-mnist --epochs 1`
 * runs it) within 1.3x its pure training time. All in one process, the pure and the end-to-end
 * epochs interleaved and repeated (BENCH_REPS, default 3) so that both see the same machine;
 * medians are printed, in wall time and in CPU time (which a machine busy with other jobs
 * disturbs less), with the load average. Prints numbers, goals, ratios and PASS/MISS; never
 * fails. Needs Debian's dataset-fashion-mnist; says so and exits 0 without it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/blas.h"
#include "core/dataset_io.h"
#include "tests/bench/bench_kernel.h"
#include "src/stepper.h"
#include "src/workers.h"

#define MAX_REPS 15
#define LOAD_REPS 5
#define GOAL_LOAD_S 0.5
#define GOAL_EPOCH_RATIO 1.3

typedef struct {
    double wall, cpu;
} Time;

static Time now(void)
{
    struct timespec w, c;
    clock_gettime(CLOCK_MONOTONIC, &w);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c); /* every thread of the process */
    return (Time){(double)w.tv_sec + w.tv_nsec * 1e-9, (double)c.tv_sec + c.tv_nsec * 1e-9};
}

static Time since(Time t0)
{
    Time t = now();
    return (Time){t.wall - t0.wall, t.cpu - t0.cpu};
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
    double s[MAX_REPS > LOAD_REPS ? MAX_REPS : LOAD_REPS];
    memcpy(s, v, (size_t)n * sizeof *s);
    qsort(s, (size_t)n, sizeof *s, cmp_double);
    return n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

static const char *load_average(char *buf, size_t len)
{
    FILE *f = fopen("/proc/loadavg", "r");
    snprintf(buf, len, "?");
    if (f != NULL) {
        if (fgets(buf, (int)len, f) != NULL) {
            char *sp = strchr(buf, ' '); /* the 1-minute average */
            if (sp != NULL)
                *sp = '\0';
        }
        fclose(f);
    }
    return buf;
}

static ArenaConfig fmnist_config(void)
{
    ArenaConfig cfg = arena_defaults(); /* the twelve losses; the image defaults of src/cli.c */
    cfg.hidden[0] = 256;
    cfg.hidden[1] = 128;
    cfg.opt.lr = 1e-3f;
    cfg.batch = 128;
    cfg.eval_every = 100;
    return cfg;
}

/* `steps` training steps on a fresh arena, no evaluation. */
static Time train_only(const DataSplit *d, Workers *w, long steps)
{
    ArenaConfig cfg = fmnist_config();
    Arena a;
    if (arena_init(&a, &cfg, d) != ST_OK)
        exit(1);
    Time t0 = now();
    for (long s = 0; s < steps; s++) {
        workers_begin_step(w, &a);
        workers_run(w, &a, JOB_STEP);
        arena_end_step(&a);
    }
    Time t = since(t0);
    arena_free(&a);
    return t;
}

typedef struct {
    Time total, load, first_eval, final_eval;
    double later_evals; /* wall seconds of the subset evaluations after step 0 */
    int n_later;
} Epoch;

/* One epoch as the headless runner does it: load, then the stepper with its evaluations
 * (stepper_step evaluates when one is due: a step that took far longer than the rest did). */
static Epoch end_to_end(Workers *w, long steps)
{
    Epoch e;
    char err[512];
    DataSplit d;
    Time t0 = now();
    if (idx_load_fashion_mnist(&d, err, sizeof err) != ST_OK)
        exit(1);
    e.load = since(t0);
    ArenaConfig cfg = fmnist_config();
    Arena a;
    if (arena_init(&a, &cfg, &d) != ST_OK)
        exit(1);
    Stepper sp = {w, &a, NULL, NULL, "", steps};
    Time te = now();
    stepper_evaluate(&sp, false);
    e.first_eval = since(te);
    e.later_evals = 0.0;
    e.n_later = 0;
    while (a.step < steps) {
        long before = a.last_eval_step;
        Time ts = now();
        stepper_step(&sp);
        if (a.last_eval_step != before) {
            e.later_evals += since(ts).wall;
            e.n_later++;
        }
    }
    Time tf = now();
    stepper_evaluate(&sp, true);
    e.final_eval = since(tf);
    e.total = since(t0);
    arena_free(&a);
    datasplit_free(&d);
    return e;
}

static void goal_line(const char *what, double value, const char *unit, const char *goal_text,
                      double goal)
{
    printf("  %-34s %8.3f %-3s %-9s %5.2f   %s\n", what, value, unit, goal_text, value / goal,
           value <= goal ? "PASS" : "MISS");
}

int main(int argc, char **argv)
{
    (void)argc;
    if (bench_kernel_select(argv) != 0)
        return 2;
    char err[512], la[64];
    const char *env = getenv("BENCH_REPS");
    int reps = env ? atoi(env) : 3;
    reps = reps < 1 ? 1 : reps > MAX_REPS ? MAX_REPS : reps;

    DataSplit d;
    if (idx_load_fashion_mnist(&d, err, sizeof err) != ST_OK) { /* also warms the page cache */
        printf("bench_scale: skipped (%s)\n", err);
        return 0;
    }
    printf("lossarena scale benchmark: Fashion-MNIST, 12 losses, 784-256-128-10, Adam, batch 128, "
           "2 workers, OpenBLAS %s\n",
           blas_core_name());
    printf("evaluation: subsets of %d training and %d test examples every 100 steps; final on "
           "all %d test examples\n",
           ARENA_EVAL_TRAIN < d.train.n ? ARENA_EVAL_TRAIN : d.train.n,
           ARENA_EVAL_TEST < d.test.n ? ARENA_EVAL_TEST : d.test.n, d.test.n);
    printf("load average %s at the start; medians of %d interleaved runs (loads: of %d)\n",
           load_average(la, sizeof la), reps, LOAD_REPS);

    double load_w[LOAD_REPS], load_c[LOAD_REPS];
    for (int r = 0; r < LOAD_REPS; r++) {
        DataSplit again;
        Time t0 = now();
        if (idx_load_fashion_mnist(&again, err, sizeof err) != ST_OK)
            return 1;
        Time t = since(t0);
        load_w[r] = t.wall;
        load_c[r] = t.cpu;
        datasplit_free(&again);
    }

    Workers w;
    if (workers_init(&w, 2) != ST_OK)
        return 1;
    const long steps = (d.train.n + 127) / 128; /* one epoch at batch 128 */
    train_only(&d, &w, 20);                     /* warm up OpenBLAS */
    double tr_w[MAX_REPS], tr_c[MAX_REPS], ee_w[MAX_REPS], ee_c[MAX_REPS], ratio_w[MAX_REPS],
        ratio_c[MAX_REPS], ev0_w[MAX_REPS], ev_w[MAX_REPS], fin_w[MAX_REPS], step_w[MAX_REPS];
    for (int r = 0; r < reps; r++) {
        Time tr = train_only(&d, &w, steps);
        Epoch e = end_to_end(&w, steps);
        tr_w[r] = tr.wall;
        tr_c[r] = tr.cpu;
        ee_w[r] = e.total.wall;
        ee_c[r] = e.total.cpu;
        ratio_w[r] = e.total.wall / tr.wall;
        ratio_c[r] = e.total.cpu / tr.cpu;
        step_w[r] = tr.wall / (double)steps;
        ev0_w[r] = e.first_eval.wall / step_w[r]; /* in training steps of the same run */
        ev_w[r] = e.n_later ? e.later_evals / e.n_later / step_w[r] - 1.0 : 0.0; /* less its step */
        fin_w[r] = e.final_eval.wall / step_w[r];
    }
    printf("  pure training       %6.2f s wall, %6.2f s cpu   %ld steps, %.1f steps/s\n",
           median(tr_w, reps), median(tr_c, reps), steps, steps / median(tr_w, reps));
    printf("  end to end          %6.2f s wall, %6.2f s cpu   load + train + 5 subset "
           "evaluations + final\n",
           median(ee_w, reps), median(ee_c, reps));
    printf(
        "  in training steps: the evaluation at step 0 (one forward pass for the twelve identical "
        "models) %.1f; a later subset evaluation %.1f; the final evaluation %.1f\n",
        median(ev0_w, reps), median(ev_w, reps), median(fin_w, reps));
    printf("load average %s at the end\n", load_average(la, sizeof la));
    printf("  %-34s %8s %-3s %-9s %5s   %s\n", "goal", "measured", "", "goal", "ratio", "verdict");
    goal_line("IDX load of Fashion-MNIST, wall", median(load_w, LOAD_REPS), "s", "< 0.5 s",
              GOAL_LOAD_S);
    goal_line("IDX load of Fashion-MNIST, cpu", median(load_c, LOAD_REPS), "s", "< 0.5 s",
              GOAL_LOAD_S);
    goal_line("epoch end to end / training, wall", median(ratio_w, reps), "x", "<= 1.3 x",
              GOAL_EPOCH_RATIO);
    goal_line("epoch end to end / training, cpu", median(ratio_c, reps), "x", "<= 1.3 x",
              GOAL_EPOCH_RATIO);
    workers_free(&w);
    datasplit_free(&d);
    return 0;
}
