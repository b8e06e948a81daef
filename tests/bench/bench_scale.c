/* bench_scale.c — what one Fashion-MNIST epoch of twelve losses costs end to end, next to its
 * pure training time, all in one process so the ratios hold on a busy machine: IDX loading,
 * the training steps alone, one evaluation on the subsets and one on the whole test set (in
 * training steps), and the epoch as `lossarena --headless --dataset fashion-mnist --epochs 1`
 * runs it (load + train + evaluate every 100 steps + final). Prints numbers; never fails.
 * Needs Debian's dataset-fashion-mnist; says so and exits 0 without it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/blas.h"
#include "core/dataset_io.h"
#include "src/stepper.h"
#include "src/workers.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
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

/* Seconds for `steps` training steps, no evaluation. */
static double train_only(const DataSplit *d, Workers *w, long steps)
{
    ArenaConfig cfg = fmnist_config();
    Arena a;
    if (arena_init(&a, &cfg, d) != ST_OK)
        exit(1);
    double t0 = now_seconds();
    for (long s = 0; s < steps; s++) {
        arena_begin_step(&a);
        workers_run(w, &a, JOB_STEP);
        arena_end_step(&a);
    }
    double t = now_seconds() - t0;
    arena_free(&a);
    return t;
}

/* One epoch as the headless runner does it, data already loaded. */
static double epoch_with_evaluation(const DataSplit *d, Workers *w, long steps, double *t_eval,
                                    double *t_final)
{
    ArenaConfig cfg = fmnist_config();
    Arena a;
    double t0 = now_seconds();
    if (arena_init(&a, &cfg, d) != ST_OK)
        exit(1);
    Stepper sp = {w, &a, NULL, NULL, "", steps};
    double te = now_seconds();
    stepper_evaluate(&sp, false);
    *t_eval = now_seconds() - te;
    while (a.step < steps)
        stepper_step(&sp);
    double t1 = now_seconds();
    stepper_evaluate(&sp, true);
    *t_final = now_seconds() - t1;
    double t = now_seconds() - t0;
    arena_free(&a);
    return t;
}

int main(void)
{
    blas_use_single_thread();
    char err[512];
    DataSplit d;
    double t0 = now_seconds();
    if (idx_load_fashion_mnist(&d, err, sizeof err) != ST_OK) {
        printf("bench_scale: skipped (%s)\n", err);
        return 0;
    }
    double t_load = now_seconds() - t0;
    for (int rep = 0; rep < 2; rep++) { /* the best of three loads: the page cache is warm */
        DataSplit again;
        t0 = now_seconds();
        if (idx_load_fashion_mnist(&again, err, sizeof err) == ST_OK) {
            double t = now_seconds() - t0;
            t_load = t < t_load ? t : t_load;
            datasplit_free(&again);
        }
    }
    Workers w;
    if (workers_init(&w, 2) != ST_OK)
        return 1;
    const long steps = (d.train.n + 127) / 128; /* one epoch at batch 128 */
    printf("lossarena scale benchmark: Fashion-MNIST, 12 losses, 784-256-128-10, Adam, batch 128, "
           "2 workers, OpenBLAS %s\n",
           blas_core_name());
    printf("evaluation: subsets of %d training and %d test examples every 100 steps; final on "
           "all %d test examples\n",
           ARENA_EVAL_TRAIN < d.train.n ? ARENA_EVAL_TRAIN : d.train.n,
           ARENA_EVAL_TEST < d.test.n ? ARENA_EVAL_TEST : d.test.n, d.test.n);
    printf("IDX load (gzip)         %6.3f s   (goal < 0.5 s)\n", t_load);
    train_only(&d, &w, 20); /* warm up OpenBLAS and the page cache */
    double t_train = train_only(&d, &w, steps), t_eval, t_final;
    double t_epoch = epoch_with_evaluation(&d, &w, steps, &t_eval, &t_final);
    double step = t_train / steps;
    printf("pure training           %6.2f s   %ld steps, %.1f steps/s\n", t_train, steps,
           steps / t_train);
    printf("one subset evaluation   %6.3f s   = %.1f training steps\n", t_eval, t_eval / step);
    printf("final evaluation        %6.3f s   = %.1f training steps\n", t_final, t_final / step);
    printf("epoch end to end        %6.2f s   load + train + evaluate = %.2f x pure training "
           "(goal <= 1.3)\n",
           t_load + t_epoch, (t_load + t_epoch) / t_train);
    workers_free(&w);
    datasplit_free(&d);
    return 0;
}
