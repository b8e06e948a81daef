/* workers.c — a fixed pool of helper threads and a generation counter: the caller publishes a
 * job, every helper runs its share, the last one to finish wakes the caller. */
#include "src/workers.h"

#include <string.h>

#include "core/fpenv.h"

static void run_share(const Workers *w, Arena *a, WorkJob job, int index, int n_threads)
{
    if (job == JOB_INPUT_NOISE) { /* shared by rows, not by models */
        arena_add_input_noise(a, index, n_threads);
        return;
    }
    if (job == JOB_EVAL_SHARED) { /* shared by chunks of examples */
        arena_eval_shared_part(a, index, n_threads);
        return;
    }
    for (int m = index; m < a->n_models; m += n_threads) {
        if (job == JOB_STEP)
            arena_step_model(a, m);
        else if (job == JOB_EVAL)
            arena_eval_model(a, m);
        else if (job == JOB_TEST_FULL) {
            if (w->want[m])
                w->acc[m] = arena_test_acc_full(a, m);
        } else
            arena_eval_model_final(a, m);
    }
}

/* How long a waiting thread spins before it blocks: about 40 µs of pause instructions, longer
 * than waking a blocked thread takes on a virtual machine, short beside any real wait. */
#define SPIN_ROUNDS 2000

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/* Spins until a new job (or quit) is published, or SPIN_ROUNDS pass. */
static void spin_for_job(Workers *w, unsigned long seen)
{
    for (int i = 0; i < SPIN_ROUNDS; i++) {
        if (atomic_load_explicit(&w->generation, memory_order_relaxed) != seen ||
            atomic_load_explicit(&w->quit, memory_order_relaxed))
            return;
        cpu_relax();
    }
}

static void *worker_main(void *arg)
{
    const WorkerSlot *slot = arg;
    Workers *w = slot->pool;
    unsigned long seen = 0;
    fpenv_flush_subnormals();
    for (;;) {
        spin_for_job(w, seen);
        /* the job itself is read under the lock that published it */
        pthread_mutex_lock(&w->mu);
        while (!w->quit && w->generation == seen)
            pthread_cond_wait(&w->start, &w->mu);
        if (w->quit) {
            pthread_mutex_unlock(&w->mu);
            return NULL;
        }
        seen = w->generation;
        Arena *a = w->arena;
        WorkJob job = w->job;
        pthread_mutex_unlock(&w->mu);
        run_share(w, a, job, slot->index, w->n_threads);
        if (atomic_fetch_sub(&w->remaining, 1) == 1) {
            /* under the lock: the caller checks remaining under it before it sleeps */
            pthread_mutex_lock(&w->mu);
            pthread_cond_signal(&w->done);
            pthread_mutex_unlock(&w->mu);
        }
    }
}

Status workers_init(Workers *w, int n_threads)
{
    memset(w, 0, sizeof *w);
    atomic_init(&w->generation, 0);
    atomic_init(&w->remaining, 0);
    atomic_init(&w->quit, false);
    if (n_threads < 1)
        n_threads = 1;
    if (n_threads > ARENA_MAX_MODELS)
        n_threads = ARENA_MAX_MODELS;
    w->n_threads = n_threads;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->start, NULL);
    pthread_cond_init(&w->done, NULL);
    for (int i = 1; i < n_threads; i++) {
        w->slots[i].pool = w;
        w->slots[i].index = i;
        if (pthread_create(&w->threads[i], NULL, worker_main, &w->slots[i]) != 0) {
            workers_free(w);
            return ST_NOMEM;
        }
        w->n_started = i;
    }
    return ST_OK;
}

void workers_run(Workers *w, Arena *a, WorkJob job)
{
    /* The caller does worker 0's share, and may be a different thread from call to call (the
     * dashboard's trainer, the headless main): set its mode every time; it costs nanoseconds. */
    fpenv_flush_subnormals();
    if (w->n_started == 0) {
        run_share(w, a, job, 0, 1);
        return;
    }
    pthread_mutex_lock(&w->mu);
    w->arena = a;
    w->job = job;
    w->remaining = w->n_started;
    w->generation++;
    pthread_cond_broadcast(&w->start);
    pthread_mutex_unlock(&w->mu);

    run_share(w, a, job, 0, w->n_threads);

    for (int i = 0; i < SPIN_ROUNDS && atomic_load(&w->remaining) > 0; i++)
        cpu_relax();
    if (atomic_load(&w->remaining) > 0) {
        pthread_mutex_lock(&w->mu);
        while (w->remaining > 0)
            pthread_cond_wait(&w->done, &w->mu);
        pthread_mutex_unlock(&w->mu);
    }
}

void workers_begin_step(Workers *w, Arena *a)
{
    arena_draw_batch(a);
    if (a->cfg.input_noise > 0.0)
        workers_run(w, a, JOB_INPUT_NOISE);
}

void workers_test_acc_full(Workers *w, Arena *a, const bool *want, float *acc)
{
    w->want = want; /* read by the helpers after workers_run publishes the job under the lock */
    w->acc = acc;
    workers_run(w, a, JOB_TEST_FULL);
    w->want = NULL;
    w->acc = NULL;
}

void workers_evaluate(Workers *w, Arena *a, bool final)
{
    if (!final && arena_eval_share_begin(a))
        workers_run(w, a, JOB_EVAL_SHARED);
    workers_run(w, a, final ? JOB_EVAL_FINAL : JOB_EVAL);
    arena_eval_done(a);
}

void workers_free(Workers *w)
{
    if (w->n_threads == 0)
        return;
    pthread_mutex_lock(&w->mu);
    w->quit = true;
    pthread_cond_broadcast(&w->start);
    pthread_mutex_unlock(&w->mu);
    for (int i = 1; i <= w->n_started; i++)
        pthread_join(w->threads[i], NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->start);
    pthread_cond_destroy(&w->done);
    memset(w, 0, sizeof *w);
}
