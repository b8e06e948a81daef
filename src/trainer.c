/* trainer.c — the training loop behind the dashboard. Steps run in bursts of a few
 * milliseconds between looks at the command queue; snapshots are published at most ~30 times a
 * second, so the copy costs the training a negligible share. */
#include "src/budget.h"
#include "src/trainer.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/cli.h"
#include "src/clock.h"
#include "src/data_source.h"
#include "src/report.h"
#include "src/stepper.h"

#define PUBLISH_INTERVAL 0.033 /* seconds */
#define BURST_SECONDS 0.004

static const double label_noise_levels[] = {0.0, 0.1, 0.3, 0.5};
static const double input_noise_levels[] = {0.0, 0.1, 0.2, 0.4};

static void say(Trainer *t, const char *fmt, ...)
{
    char buf[sizeof t->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&t->mu);
    memcpy(t->message, buf, sizeof buf);
    t->message_seq++;
    pthread_mutex_unlock(&t->mu);
}

/* The shared step sequence over the trainer's current arena (rebuilds move it). At --steps
 * the run pauses with a final evaluation on the whole test set, as a headless run ends. */
static Stepper stepper(Trainer *t)
{
    Stepper s = {&t->workers, &t->arena, t->csv.f, &t->cfg, "", t->stop_at};
    return s;
}

static void evaluate(Trainer *t, bool final)
{
    Stepper s = stepper(t);
    stepper_evaluate(&s, final);
}

static void publish(Trainer *t, double steps_per_sec)
{
    snapshot_take(t->scratch, &t->arena);
    pthread_mutex_lock(&t->mu);
    t->scratch->running = t->running;
    t->scratch->steps_per_sec = steps_per_sec;
    t->scratch->seq = ++t->seq;
    memcpy(t->published, t->scratch, sizeof *t->published);
    pthread_mutex_unlock(&t->mu);
}

/* Rebuilds data and arena for t->cfg (a new dataset, seed or activation). On failure the old
 * ones stay and the message says why. */
static void rebuild(Trainer *t, const char *what)
{
    char err[256];
    DataSplit data;
    Arena arena;
    /* What was changed live (lr, optimizer, batch, noise) survives a rebuild. */
    bool nesterov = t->cfg.arena.opt.nesterov; /* the user's, kept while on another optimizer */
    t->cfg.arena.opt = t->arena.cfg.opt;
    t->cfg.arena.opt.nesterov = nesterov;
    t->cfg.arena.batch = t->arena.cfg.batch;
    t->cfg.arena.label_noise = t->arena.cfg.label_noise;
    t->cfg.arena.input_noise = t->arena.cfg.input_noise;
    if (data_source_load(&t->cfg, &data, err, sizeof err) != ST_OK) {
        say(t, "%s failed: %s", what, err);
        return;
    }
    if (arena_init(&arena, &t->cfg.arena, &data) != ST_OK) {
        datasplit_free(&data);
        say(t, "%s failed: cannot set up the models", what);
        return;
    }
    arena_free(&t->arena);
    datasplit_free(&t->data);
    t->data = data;
    t->arena = arena;
    t->arena.data = &t->data; /* the split moved into t: point the arena at its new home */
}

static double next_level(const double *levels, int n, double current)
{
    for (int i = 0; i < n; i++)
        if (levels[i] > current + 1e-9)
            return levels[i];
    return levels[0];
}

static void apply(Trainer *t, Command c, bool *step_once)
{
    Arena *a = &t->arena;
    t->cfg.arena = a->cfg; /* keep changes made so far when a rebuild starts from cfg */
    switch (c.kind) {
    case CMD_RUN_TOGGLE:
        pthread_mutex_lock(&t->mu);
        t->running = !t->running;
        pthread_mutex_unlock(&t->mu);
        break;
    case CMD_STEP:
        *step_once = true;
        break;
    case CMD_RESET:
        arena_reset(a);
        say(t, "reset to step 0 (seed %llu)", (unsigned long long)a->cfg.seed);
        break;
    case CMD_RESEED:
        t->cfg.arena.seed = a->cfg.seed + 1;
        rebuild(t, "reseed");
        say(t, "new seed %llu: new data and weights", (unsigned long long)t->arena.cfg.seed);
        break;
    case CMD_LR_SCALE: {
        double lr = a->cfg.opt.lr * c.arg;
        if (lr < 1e-6 || lr > 100.0) {
            say(t, "learning rate stays %g (limits 1e-6..100)", a->cfg.opt.lr);
            break;
        }
        arena_set_lr(a, (float)lr);
        t->cfg.lr_given = true; /* from now on an optimizer change keeps it */
        say(t, "learning rate %g", a->cfg.opt.lr);
        break;
    }
    case CMD_BATCH_SCALE: {
        int b = (int)lround(a->cfg.batch * c.arg);
        if (arena_set_batch(a, b) != ST_OK)
            say(t, "batch stays %d (limits 1..%d)", a->cfg.batch, a->cfg.max_batch);
        else
            say(t, "batch %d", a->cfg.batch);
        break;
    }
    case CMD_OPTIMIZER_NEXT: {
        /* An lr the user chose (--lr, + or -) stays; otherwise the new optimizer's default. */
        OptimKind next = (OptimKind)((a->cfg.opt.kind + 1) % OPT_COUNT);
        bool keep = t->cfg.lr_given;
        float lr = keep ? a->cfg.opt.lr : optim_default_lr(next, cli_image_data(t->cfg.dataset));
        arena_set_optimizer(a, next, lr, t->cfg.arena.opt.nesterov);
        say(t, "optimizer %s%s, %s lr %g (state reset)", optim_name(next),
            a->cfg.opt.nesterov ? " (Nesterov)" : "", keep ? "your" : "default", a->cfg.opt.lr);
        break;
    }
    case CMD_ACTIVATION_NEXT:
        t->cfg.arena.act = (Activation)((a->cfg.act + 1) % ACT_COUNT);
        rebuild(t, "activation change");
        say(t, "activation %s (models reset)", activation_name(t->arena.cfg.act));
        break;
    case CMD_LABEL_NOISE_NEXT: {
        double p = next_level(label_noise_levels, 4, a->cfg.label_noise);
        arena_set_label_noise(a, p);
        say(t, "label noise %.0f%%: %d training labels flipped", 100 * p, a->n_flipped);
        break;
    }
    case CMD_INPUT_NOISE_NEXT: {
        double s = next_level(input_noise_levels, 4, a->cfg.input_noise);
        arena_set_input_noise(a, s);
        say(t, "input noise std %g", s);
        break;
    }
    case CMD_DATASET_NEXT: {
        int kind = synth_by_name(t->cfg.dataset);
        kind = kind < 0 ? 0 : (kind + 1) % SYNTH_COUNT;
        char previous[sizeof t->cfg.dataset];
        memcpy(previous, t->cfg.dataset, sizeof previous);
        snprintf(t->cfg.dataset, sizeof t->cfg.dataset, "%s", synth_name((SynthKind)kind));
        t->cfg.classes = 0;
        t->cfg.data_noise = -1.0;
        rebuild(t, "dataset change");
        if (strcmp(t->data.name, t->cfg.dataset) != 0)
            memcpy(t->cfg.dataset, previous, sizeof previous);
        else
            say(t, "dataset %s (%d classes)", t->data.name, t->arena.k);
        break;
    }
    }
}

static void *trainer_main(void *arg)
{
    Trainer *t = arg;
    double last_publish = 0.0, rate_t0 = clock_now(), rate = 0.0;
    long rate_steps0 = t->arena.step;
    bool dirty = true;
    pthread_mutex_lock(&t->mu);
    while (!t->quit) {
        Command cmds[TRAINER_QUEUE];
        int n = t->q_len;
        for (int i = 0; i < n; i++)
            cmds[i] = t->queue[(t->q_head + i) % TRAINER_QUEUE];
        t->q_head = (t->q_head + n) % TRAINER_QUEUE;
        t->q_len = 0;
        pthread_mutex_unlock(&t->mu);

        bool step_once = false;
        for (int i = 0; i < n; i++)
            apply(t, cmds[i], &step_once);
        dirty |= n > 0;

        pthread_mutex_lock(&t->mu);
        bool running = t->running;
        pthread_mutex_unlock(&t->mu);

        if (running || step_once) {
            double t0 = clock_now();
            bool at_stop = false;
            Stepper s = stepper(t);
            do {
                stepper_step(&s);
                at_stop = t->stop_at > 0 && t->arena.step == t->stop_at;
            } while (running && !at_stop && clock_now() - t0 < BURST_SECONDS);
            if (at_stop)
                evaluate(t, true);
            else if (step_once && t->arena.last_eval_step != t->arena.step)
                evaluate(t, false); /* a single step shows its effect at once */
            if (at_stop && running) {
                pthread_mutex_lock(&t->mu);
                t->running = false;
                pthread_mutex_unlock(&t->mu);
                say(t, "paused at step %ld (--steps)", t->arena.step);
            }
            dirty = true;
        }

        double now = clock_now();
        if (now - rate_t0 >= 0.5) {
            rate = running ? (t->arena.step - rate_steps0) / (now - rate_t0) : 0.0;
            rate_t0 = now;
            rate_steps0 = t->arena.step;
        }
        if (dirty && (now - last_publish >= PUBLISH_INTERVAL || !running)) {
            publish(t, rate);
            last_publish = now;
            dirty = false;
        }

        pthread_mutex_lock(&t->mu);
        if (!t->running && t->q_len == 0 && !t->quit && !dirty)
            pthread_cond_wait(&t->wake, &t->mu);
    }
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

int trainer_start(Trainer *t, const AppConfig *cfg, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    t->cfg = *cfg;
    Status st = data_source_load(cfg, &t->data, err, errlen);
    if (st != ST_OK)
        return st == ST_NOMEM ? 1 : 2;
    char why[400];
    if (budget_check_arena(cfg, &t->data, why, sizeof why) != ST_OK) {
        snprintf(err, errlen, "%s: %s", t->data.name, why);
        datasplit_free(&t->data);
        return 2;
    }
    st = arena_init(&t->arena, &cfg->arena, &t->data);
    if (st != ST_OK) {
        snprintf(err, errlen, "cannot set up the models: %s", status_str(st));
        datasplit_free(&t->data);
        return st == ST_NOMEM ? 1 : 2;
    }
    t->scratch = calloc(1, sizeof *t->scratch);
    t->published = calloc(1, sizeof *t->published);
    if (!t->scratch || !t->published || workers_init(&t->workers, cfg->threads) != ST_OK) {
        snprintf(err, errlen, "out of memory");
        trainer_stop(t, NULL, 0);
        return 1;
    }
    if (cfg->csv_path && csv_file_open(&t->csv, cfg->csv_path, "", "", err, errlen) != ST_OK) {
        trainer_stop(t, NULL, 0);
        return 1;
    }
    if (cfg->steps > 0 || cfg->epochs > 0)
        t->stop_at = cli_total_steps(cfg, t->data.train.n);
    evaluate(t, false); /* the dashboard opens on the starting point of every curve */
    pthread_mutex_init(&t->mu, NULL);
    pthread_cond_init(&t->wake, NULL);
    t->running = cfg->start_running;
    publish(t, 0.0);
    if (pthread_create(&t->thread, NULL, trainer_main, t) != 0) {
        snprintf(err, errlen, "cannot start the training thread");
        trainer_stop(t, NULL, 0);
        return 1;
    }
    t->started = true;
    return 0;
}

bool trainer_send(Trainer *t, Command c)
{
    pthread_mutex_lock(&t->mu);
    bool ok = t->q_len < TRAINER_QUEUE;
    if (ok) {
        t->queue[(t->q_head + t->q_len) % TRAINER_QUEUE] = c;
        t->q_len++;
        pthread_cond_signal(&t->wake);
    }
    pthread_mutex_unlock(&t->mu);
    return ok;
}

bool trainer_poll(Trainer *t, Snapshot *out, uint64_t *seq, char *msg, size_t msglen,
                  uint64_t *msg_seq)
{
    pthread_mutex_lock(&t->mu);
    bool fresh = t->seq != *seq;
    if (fresh) {
        memcpy(out, t->published, sizeof *out);
        *seq = t->seq;
    }
    if (t->message_seq != *msg_seq) {
        snprintf(msg, msglen, "%s", t->message);
        *msg_seq = t->message_seq;
    }
    pthread_mutex_unlock(&t->mu);
    return fresh;
}

int trainer_stop(Trainer *t, char *err, size_t errlen)
{
    int rc = 0;
    if (t->started) {
        pthread_mutex_lock(&t->mu);
        t->quit = true;
        pthread_cond_signal(&t->wake);
        pthread_mutex_unlock(&t->mu);
        pthread_join(t->thread, NULL);
        pthread_mutex_destroy(&t->mu);
        pthread_cond_destroy(&t->wake);
    }
    if (csv_file_close(&t->csv, err != NULL, err, errlen) != ST_OK)
        rc = 1;
    workers_free(&t->workers);
    arena_free(&t->arena);
    datasplit_free(&t->data);
    free(t->scratch);
    free(t->published);
    memset(t, 0, sizeof *t);
    return rc;
}
