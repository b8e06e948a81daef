/* workers.h — runs the per-model work of one step (or one evaluation) on several threads.
 * Model m always runs on worker m % n_threads and touches only its own state, so results are
 * bit-identical for any thread count. Two jobs are split otherwise, with the same guarantee:
 * the input noise by minibatch rows, and the forward pass that models with identical weights
 * share by chunks of examples (worker p using model p's buffers). A thread that waits (a helper for
 * the next job, the caller for the helpers) first spins for a few tens of microseconds, since a
 * step of small models takes about a hundred and waking a sleeping thread costs tens; then it
 * blocks on a condition variable, so a UI thread or a second process keeps its core. */
#ifndef LOSSARENA_SRC_WORKERS_H
#define LOSSARENA_SRC_WORKERS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "core/arena.h"

typedef enum {
    JOB_STEP,
    JOB_EVAL,
    JOB_EVAL_FINAL,
    JOB_EVAL_SHARED, /* the logits every model shares (arena_eval_share_begin) */
    JOB_INPUT_NOISE,
    JOB_TEST_FULL
} WorkJob;

typedef struct Workers Workers;

typedef struct {
    Workers *pool; /* borrowed: the pool this helper belongs to */
    int index;     /* which share of the models it runs */
} WorkerSlot;

struct Workers {
    int n_threads; /* including the calling thread, which does worker 0's share */
    int n_started; /* helper threads running */
    pthread_t threads[ARENA_MAX_MODELS];
    WorkerSlot slots[ARENA_MAX_MODELS];
    pthread_mutex_t mu;
    pthread_cond_t start, done;
    /* Written under mu; read without it too, while spinning. */
    atomic_ulong generation; /* bumped for every job */
    atomic_int remaining;    /* helpers still working on the current job */
    atomic_bool quit;
    Arena *arena; /* borrowed: the arena of the current job */
    WorkJob job;
    const bool *want; /* borrowed, JOB_TEST_FULL: (n_models) which models to score */
    float *acc;       /* borrowed, JOB_TEST_FULL: (n_models) their accuracies */
};

Status workers_init(Workers *w, int n_threads);
/* Runs job on every worker (for every model, or every part) and returns when all are done. */
void workers_run(Workers *w, Arena *a, WorkJob job);
/* arena_begin_step with the input noise spread over the workers (the same minibatch, bit for
 * bit): the next step's minibatch, ready for JOB_STEP. */
void workers_begin_step(Workers *w, Arena *a);
/* arena_test_acc_full of the models m with want[m], into acc[m], on the workers (the others'
 * acc[m] are left alone): confirming a subset's reading costs a whole test set per model. */
void workers_test_acc_full(Workers *w, Arena *a, const bool *want, float *acc);
/* Evaluates every model now: on the evaluation subsets, or (final) on the whole test set. */
void workers_evaluate(Workers *w, Arena *a, bool final);
void workers_free(Workers *w);

#endif
