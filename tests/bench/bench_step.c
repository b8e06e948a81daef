/* bench_step.c — training throughput of twelve models in lock-step, against the peers.
 * Prints steps/s for the spiral (2-64-64-3) and a Fashion-MNIST-shaped net (784-256-128-10),
 * batch 128, SGD, 1 and 2 worker threads, and the ratio to the PyTorch and numpy baselines
 * measured on this machine kind (../shared/bench/RESULTS.md, 2026-11-29). Never fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/blas.h"
#include "tests/bench/bench_kernel.h"
#include "src/workers.h"

typedef struct {
    const char *name;
    double torch_loop_t1;  /* PyTorch natural per-model loop, 1 thread */
    double torch_best;     /* PyTorch strongest configuration (bmm), OpenBLAS env as set */
    double numpy_best;     /* hand-written numpy, best */
    double gemm_only_2thr; /* GEMM-only lower-level bound measured in C, 2 threads */
} Peer;

/* The peers ran twice: with the machine's OPENBLAS_CORETYPE=Haswell (AVX2 kernels) and with it
 * unset (Cooperlake, AVX-512). We compare against the run whose kernel matches ours. */
static const Peer spiral_haswell = {"spiral 2-64-64-3", 340.0, 577.0, 729.0, 3000.0};
static const Peer fmnist_haswell = {"fmnist 784-256-128-10", 45.7, 60.2, 67.8, 113.0};
static const Peer spiral_avx512 = {"spiral 2-64-64-3", 400.0, 707.0, 909.0, 5885.0};
static const Peer fmnist_avx512 = {"fmnist 784-256-128-10", 68.9, 83.6, 82.7, 188.0};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Random data of the given shape: timing does not depend on the pixels. */
static void make_data(DataSplit *d, int n, int dim, int k, bool u8)
{
    memset(d, 0, sizeof *d);
    Rng r;
    rng_seed(&r, 7, 0);
    Dataset *parts[2] = {&d->train, &d->test};
    for (int p = 0; p < 2; p++) {
        Dataset *s = parts[p];
        if (dataset_alloc(s, p == 0 ? n : 1000, dim, k, u8) != ST_OK) {
            fprintf(stderr, "bench: out of memory\n");
            exit(1);
        }
        for (long i = 0; i < (long)s->n * dim; i++) {
            if (u8)
                s->x_u8[i] = (uint8_t)rng_below(&r, 256);
            else
                s->x[i] = (float)(2.0 * rng_uniform(&r) - 1.0);
        }
        for (int i = 0; i < s->n; i++)
            s->y[i] = (int32_t)(i % k);
    }
    snprintf(d->name, sizeof d->name, "bench");
}

static double measure(const DataSplit *d, int h1, int h2, int threads)
{
    ArenaConfig cfg = arena_defaults();
    cfg.hidden[0] = h1;
    cfg.hidden[1] = h2;
    cfg.opt = optim_defaults(OPT_SGD);
    cfg.opt.lr = 0.01f;
    cfg.batch = 128;
    cfg.eval_every = 1 << 30;
    Arena a;
    Workers w;
    if (arena_init(&a, &cfg, d) != ST_OK || workers_init(&w, threads) != ST_OK) {
        fprintf(stderr, "bench: setup failed\n");
        exit(1);
    }
    a.last_eval_step = 0; /* timing only: skip the step-0 evaluation */
    for (int i = 0; i < 20; i++) {
        arena_begin_step(&a);
        workers_run(&w, &a, JOB_STEP);
        arena_end_step(&a);
    }
    double rates[5];
    for (int rep = 0; rep < 5; rep++) {
        long steps = 0;
        double t0 = now_seconds(), t;
        do {
            arena_begin_step(&a);
            workers_run(&w, &a, JOB_STEP);
            arena_end_step(&a);
            steps++;
        } while ((t = now_seconds()) - t0 < 0.4);
        rates[rep] = steps / (t - t0);
    }
    qsort(rates, 5, sizeof rates[0], cmp_double);
    workers_free(&w);
    arena_free(&a);
    return rates[2];
}

static void report(const Peer *p, const DataSplit *d, int h1, int h2)
{
    double r1 = measure(d, h1, h2, 1), r2 = measure(d, h1, h2, 2);
    printf("%-24s 1 thread %8.0f steps/s   2 threads %8.0f steps/s (%.0f samples/s)\n", p->name, r1,
           r2, r2 * 128);
    printf("%-24s vs PyTorch loop x%.1f, PyTorch best x%.1f, numpy best x%.1f, "
           "GEMM-only C bound %.0f%%\n",
           "", r2 / p->torch_loop_t1, r2 / p->torch_best, r2 / p->numpy_best,
           100.0 * r2 / p->gemm_only_2thr);
}

int main(int argc, char **argv)
{
    (void)argc;
    if (bench_kernel_select(argv) != 0)
        return 2;
    printf("lossarena step benchmark: 12 models, batch 128, SGD; OpenBLAS kernel %s\n",
           blas_core_name());
    bool haswell = strcmp(blas_core_name(), "Haswell") == 0;
    printf("(peers: ../shared/bench/RESULTS.md, their %s runs)\n",
           haswell ? "OPENBLAS_CORETYPE=Haswell" : "AVX-512 (env unset)");
    DataSplit spiral, fmnist;
    make_data(&spiral, 3000, 2, 3, false);
    report(haswell ? &spiral_haswell : &spiral_avx512, &spiral, 64, 64);
    make_data(&fmnist, 60000, 784, 10, true);
    report(haswell ? &fmnist_haswell : &fmnist_avx512, &fmnist, 256, 128);
    datasplit_free(&spiral);
    datasplit_free(&fmnist);
    return 0;
}
