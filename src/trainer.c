/* trainer.c — the training loop behind the dashboard. At full pace steps run in bursts of a
 * few milliseconds between looks at the command queue; at a set pace each step waits for its
 * due time, asleep. Snapshots are published at most ~30 times a second, so the copy costs the
 * training a negligible share. */
#include "src/budget.h"
#include "src/trainer.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
static bool rebuild(Trainer *t, const char *what)
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
        return false;
    }
    if (arena_init(&arena, &t->cfg.arena, &data) != ST_OK) {
        datasplit_free(&data);
        say(t, "%s failed: cannot set up the models", what);
        return false;
    }
    arena_free(&t->arena);
    datasplit_free(&t->data);
    t->data = data;
    t->arena = arena;
    t->arena.data = &t->data; /* the split moved into t: point the arena at its new home */
    return true;
}

static void pace_restart(Trainer *t, double now)
{
    t->pace_t0 = now;
    t->pace_n = 0;
}

static double next_level(const double *levels, int n, double current)
{
    for (int i = 0; i < n; i++)
        if (levels[i] > current + 1e-9)
            return levels[i];
    return levels[0];
}

/* Records a change made at `step` (before the step after it): a mark with a short label on
 * the charts. A change that restarts the run (seed, activation, dataset) starts the marks
 * again, with itself at step 0. */
static void note_change(Trainer *t, long step, EventKind kind, double value, const char *name,
                        double prev, bool restart)
{
    Event ev = {.step = step, .kind = kind, .value = value};
    snprintf(ev.name, sizeof ev.name, "%s", name ? name : "");
    ChartMark mk = {.x = restart ? 0.0 : (double)step};
    event_label(&ev, prev, mk.label, sizeof mk.label);
    pthread_mutex_lock(&t->mu);
    if (restart)
        t->n_marks = 0;
    if (t->n_marks == CHART_MAX_MARKS) { /* the oldest goes: the newest matter on screen */
        memmove(t->marks, t->marks + 1, (CHART_MAX_MARKS - 1) * sizeof t->marks[0]);
        t->n_marks--;
    }
    t->marks[t->n_marks++] = mk;
    t->marks_seq++;
    pthread_mutex_unlock(&t->mu);
    if (t->record.f && (event_write(t->record.f, &ev) != ST_OK || fflush(t->record.f) != 0))
        say(t, "recording failed: cannot write %s", t->cfg.record_path);
}

/* A recording is replayed at the same steps, in one run: while recording, changes that would
 * take the step counter back (reset, new seed, activation, dataset) are refused. */
static bool refused_while_recording(Trainer *t, const char *what)
{
    if (!t->record.f)
        return false;
    say(t, "%s is off while recording (--record): a replay cannot go back in steps", what);
    return true;
}

/* --replay: the changes due before the next step, as the keys would make them. */
static void replay_due(Trainer *t)
{
    const EventLog *log = &t->cfg.replay;
    Arena *a = &t->arena;
    while (t->next_change < log->n && log->events[t->next_change].step <= a->step) {
        const Event *ev = &log->events[t->next_change++];
        double prev = a->cfg.opt.lr;
        if (event_apply(ev, a) == ST_OK)
            note_change(t, a->step, ev->kind, ev->value, ev->name, prev, false);
        else
            say(t, "replay: the change at step %ld could not be applied", ev->step);
    }
}

static void clear_marks(Trainer *t)
{
    pthread_mutex_lock(&t->mu);
    t->n_marks = 0;
    t->marks_seq++;
    pthread_mutex_unlock(&t->mu);
}

static void apply(Trainer *t, Command c, bool *step_once)
{
    Arena *a = &t->arena;
    const long step = a->step;
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
        if (refused_while_recording(t, "reset"))
            break;
        arena_reset(a);
        clear_marks(t);
        say(t, "reset to step 0 (seed %llu)", (unsigned long long)a->cfg.seed);
        break;
    case CMD_RESEED:
        if (refused_while_recording(t, "a new seed"))
            break;
        t->cfg.arena.seed = a->cfg.seed + 1;
        if (rebuild(t, "reseed"))
            note_change(t, step, EVENT_SEED, (double)t->arena.cfg.seed, NULL, 0.0, true);
        say(t, "new seed %llu: new data and weights", (unsigned long long)t->arena.cfg.seed);
        break;
    case CMD_LR_SCALE: {
        double lr = a->cfg.opt.lr * c.arg;
        if (lr < 1e-6 || lr > 100.0) {
            say(t, "learning rate stays %g (limits 1e-6..100)", a->cfg.opt.lr);
            break;
        }
        double prev = a->cfg.opt.lr;
        arena_set_lr(a, (float)lr);
        note_change(t, step, EVENT_LR, a->cfg.opt.lr, NULL, prev, false);
        t->cfg.lr_given = true; /* from now on an optimizer change keeps it */
        say(t, "learning rate %g", a->cfg.opt.lr);
        break;
    }
    case CMD_BATCH_SCALE: {
        int b = (int)lround(a->cfg.batch * c.arg);
        if (arena_set_batch(a, b) != ST_OK)
            say(t, "batch stays %d (limits 1..%d)", a->cfg.batch, a->cfg.max_batch);
        else {
            note_change(t, step, EVENT_BATCH, a->cfg.batch, NULL, 0.0, false);
            say(t, "batch %d", a->cfg.batch);
        }
        break;
    }
    case CMD_OPTIMIZER_NEXT: {
        /* An lr the user chose (--lr, + or -) stays; otherwise the new optimizer's default. */
        OptimKind next = (OptimKind)((a->cfg.opt.kind + 1) % OPT_COUNT);
        bool keep = t->cfg.lr_given;
        float lr = keep ? a->cfg.opt.lr : optim_default_lr(next, cli_image_data(t->cfg.dataset));
        double prev = a->cfg.opt.lr;
        arena_set_optimizer(a, next, lr, t->cfg.arena.opt.nesterov);
        /* recorded as the optimizer, then its lr when that changed: a replay sets both */
        note_change(t, step, EVENT_OPTIMIZER, 0.0, optim_name(next), 0.0, false);
        if (a->cfg.opt.lr != prev)
            note_change(t, step, EVENT_LR, a->cfg.opt.lr, NULL, prev, false);
        say(t, "optimizer %s%s, %s lr %g (state reset)", optim_name(next),
            a->cfg.opt.nesterov ? " (Nesterov)" : "", keep ? "your" : "default", a->cfg.opt.lr);
        break;
    }
    case CMD_ACTIVATION_NEXT:
        if (refused_while_recording(t, "an activation change"))
            break;
        t->cfg.arena.act = (Activation)((a->cfg.act + 1) % ACT_COUNT);
        if (rebuild(t, "activation change"))
            note_change(t, step, EVENT_ACTIVATION, 0.0, activation_name(t->arena.cfg.act), 0.0,
                        true);
        say(t, "activation %s (models reset)", activation_name(t->arena.cfg.act));
        break;
    case CMD_LABEL_NOISE_NEXT: {
        double p = next_level(label_noise_levels, 4, a->cfg.label_noise);
        arena_set_label_noise(a, p);
        note_change(t, step, EVENT_LABEL_NOISE, p, NULL, 0.0, false);
        say(t, "label noise %.0f%%: %d training labels flipped", 100 * p, a->n_flipped);
        break;
    }
    case CMD_INPUT_NOISE_NEXT: {
        double s = next_level(input_noise_levels, 4, a->cfg.input_noise);
        arena_set_input_noise(a, s);
        note_change(t, step, EVENT_INPUT_NOISE, s, NULL, 0.0, false);
        say(t, "input noise std %g", s);
        break;
    }
    case CMD_PACE:
        t->pace = c.arg > 0 ? (int)c.arg : 0;
        pace_restart(t, clock_now());
        break;
    case CMD_DATASET_NEXT: {
        if (refused_while_recording(t, "a dataset change"))
            break;
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
        else {
            note_change(t, step, EVENT_DATASET, 0.0, t->data.name, 0.0, true);
            say(t, "dataset %s (%d classes)", t->data.name, t->arena.k);
        }
        break;
    }
    }
}

/* At a slow pace the scheduled evaluations (every eval_every steps) would leave the curves a
 * few points a minute: between them the trainer also evaluates for the views only, about
 * PREVIEWS_PER_SEC times a second (every step below that pace). Previews write no CSV row and
 * cannot mark a model diverged (Arena.eval_preview), so the training and the CSV stay the same
 * at every pace. */
#define PREVIEWS_PER_SEC 30

static void preview(Trainer *t)
{
    t->arena.eval_preview = true;
    workers_evaluate(&t->workers, &t->arena, false);
    t->arena.eval_preview = false;
}

static bool preview_due(const Trainer *t)
{
    const Arena *a = &t->arena;
    if (t->pace <= 0 || a->last_eval_step == a->step)
        return false;
    long every = (t->pace + PREVIEWS_PER_SEC - 1) / PREVIEWS_PER_SEC;
    return every < a->cfg.eval_every && a->step % every == 0;
}

/* One training step, with the scheduled evaluation right after it when one is due (before any
 * command can change what it measures, as headless does). Returns whether --steps is reached. */
static bool train_one(Trainer *t)
{
    replay_due(t);
    Stepper s = stepper(t);
    stepper_step(&s);
    bool at_stop = t->stop_at > 0 && t->arena.step == t->stop_at;
    if (at_stop)
        evaluate(t, true); /* the run's last word, on the whole test set, as headless ends */
    else if (preview_due(t))
        preview(t);
    return at_stop;
}

/* Sleeps on the wake variable (t->mu held) until the monotonic time `until`. */
static void wait_until(Trainer *t, double until)
{
    double whole = floor(until);
    struct timespec ts = {(time_t)whole, (long)((until - whole) * 1e9)};
    if (ts.tv_nsec >= 1000000000L)
        ts.tv_nsec = 999999999L;
    pthread_cond_timedwait(&t->wake, &t->mu, &ts);
}

static void *trainer_main(void *arg)
{
    Trainer *t = arg;
    double last_publish = 0.0, rate_t0 = clock_now(), rate = 0.0;
    long rate_steps0 = t->arena.step;
    bool dirty = true, was_running = false;
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

        double now = clock_now();
        if (running && !was_running)
            pace_restart(t, now);
        was_running = running;
        if (running || step_once) {
            bool at_stop = false;
            if (!running || t->pace <= 0) {
                do
                    at_stop = train_one(t);
                while (running && !at_stop && clock_now() - now < BURST_SECONDS);
                if (step_once && !running && t->arena.last_eval_step != t->arena.step)
                    preview(t);
            } else {
                /* fallen far behind (a slow step, a rebuild): start the clock again rather
                 * than catch up in a rush */
                if (now - (t->pace_t0 + (double)t->pace_n / t->pace) > 0.25)
                    pace_restart(t, now);
                while (!at_stop && t->pace_t0 + (double)t->pace_n / t->pace <= clock_now() &&
                       clock_now() - now < BURST_SECONDS) {
                    at_stop = train_one(t);
                    t->pace_n++;
                }
            }
            if (at_stop && running) {
                pthread_mutex_lock(&t->mu);
                t->running = false;
                pthread_mutex_unlock(&t->mu);
                running = false;
                say(t, "paused at step %ld (--steps)", t->arena.step);
            }
            dirty = true;
        }

        now = clock_now();
        if (now - rate_t0 >= 0.5) {
            rate = running ? (t->arena.step - rate_steps0) / (now - rate_t0) : 0.0;
            rate_t0 = now;
            rate_steps0 = t->arena.step;
        }
        bool published = false;
        if (dirty && (now - last_publish >= PUBLISH_INTERVAL || !running)) {
            publish(t, rate);
            last_publish = now;
            dirty = false;
            published = true;
        }

        pthread_mutex_lock(&t->mu);
        if (t->q_len == 0 && !t->quit) {
            if (!t->running && !dirty) {
                pthread_cond_wait(&t->wake, &t->mu);
            } else if (t->running && t->pace > 0) {
                /* sleep until the next step is due (or a publication is), never spin */
                double until = t->pace_t0 + (double)t->pace_n / t->pace;
                if (dirty && !published && last_publish + PUBLISH_INTERVAL < until)
                    until = last_publish + PUBLISH_INTERVAL;
                if (until > clock_now())
                    wait_until(t, until);
            }
        }
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
    if (cfg->record_path && output_begin(&t->record, cfg->record_path, err, errlen) != ST_OK) {
        trainer_stop(t, NULL, 0);
        return 1;
    }
    if (cfg->steps > 0 || cfg->epochs > 0)
        t->stop_at = cli_total_steps(cfg, t->data.train.n);
    t->pace = cfg->pace != PACE_DEFAULT ? cfg->pace : t->data.train.dim == 2 ? PACE_2D_DEFAULT : 0;
    evaluate(t, false); /* the dashboard opens on the starting point of every curve */
    pthread_mutex_init(&t->mu, NULL);
    /* the pace sleeps until a time on the monotonic clock, as clock_now reads it */
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&t->wake, &attr);
    pthread_condattr_destroy(&attr);
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

bool trainer_poll_marks(Trainer *t, ChartView *v, uint64_t *seq)
{
    pthread_mutex_lock(&t->mu);
    bool fresh = t->marks_seq != *seq;
    if (fresh) {
        v->n_marks = t->n_marks;
        memcpy(v->marks, t->marks, (size_t)t->n_marks * sizeof t->marks[0]);
        *seq = t->marks_seq;
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
    /* a recording is kept whatever else failed: it is the lesson rehearsed so far */
    char rerr[512];
    if (output_commit(&t->record, rerr, sizeof rerr) != ST_OK && rc == 0) {
        if (err)
            snprintf(err, errlen, "%s", rerr);
        rc = 1;
    }
    workers_free(&t->workers);
    arena_free(&t->arena);
    datasplit_free(&t->data);
    free(t->scratch);
    free(t->published);
    memset(t, 0, sizeof *t);
    return rc;
}
