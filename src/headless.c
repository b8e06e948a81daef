/* headless.c — the scriptable runs: one training run, or a grid of them (--seeds, --sweep).
 * Per-evaluation rows go to the --csv file, the summary to stdout, figures to --export, and a
 * progress line to stderr only when stderr is a terminal. */
#include "src/headless.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "src/cli.h"
#include "src/budget.h"
#include "src/clock.h"
#include "src/csv_file.h"
#include "src/data_source.h"
#include "src/events.h"
#include "src/export.h"
#include "src/report.h"
#include "src/signals.h"
#include "src/workers.h"

typedef struct {
    const AppConfig *cfg;
    const AppConfig *run_cfg; /* borrowed: the run being trained (one seed, one level) */
    Workers workers;
    CsvFile csv;
    Snapshot *snap; /* owned: for PNG exports, NULL when none are asked for */
    bool show_progress;
    int run, n_runs; /* which run of an experiment this is, for the progress line */
} Runner;

static int export_snapshot(Runner *rn, const Arena *a, const char *path)
{
    char err[512];
    ChartView view = {.focused = -1};
    event_log_marks(&rn->cfg->replay, a->step - 1, rn->cfg->arena.opt.lr, &view);
    snapshot_take(rn->snap, a);
    if (export_figure(rn->cfg, rn->snap, &view, path, err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        return -1;
    }
    return 0;
}

static void progress(const Runner *rn, long step, long total, double elapsed)
{
    double rate = elapsed > 0 ? step / elapsed : 0.0;
    double eta = rate > 0 ? (total - step) / rate : 0.0;
    if (rn->n_runs > 1)
        fprintf(stderr, "\rrun %d/%d  ", rn->run + 1, rn->n_runs);
    else
        fputc('\r', stderr);
    fprintf(stderr, "step %ld/%ld  %.0f steps/s  ETA %.1fs   ", step, total, rate, eta);
    fflush(stderr);
}

/* Returns -1 when the CSV cannot be written (full disk...): said at once, not after the run. */
static int evaluate(Runner *rn, Arena *a, RunResult *res)
{
    workers_evaluate(&rn->workers, a);
    if (rn->csv.f) {
        report_csv_rows(rn->csv.f, a, rn->run_cfg);
        if (fflush(rn->csv.f) != 0 || ferror(rn->csv.f)) {
            if (signals_pending()) /* SIGPIPE: --csv - and the reader went away */
                return -1;
            fprintf(stderr, "lossarena: cannot write %s: %s\n", rn->cfg->csv_path,
                    strerror(errno ? errno : EIO));
            return -1;
        }
    }
    if (rn->cfg->target_acc > 0)
        for (int m = 0; m < a->n_models; m++)
            if (res->steps_to_target[m] < 0 && !a->models[m].diverged &&
                a->models[m].last.test_acc >= rn->cfg->target_acc)
                res->steps_to_target[m] = a->step;
    return 0;
}

/* Trains one arena for cfg to the end, or until a stop signal: then the step in progress ends,
 * the state is evaluated and res says interrupted. Returns an exit status (0 ok, 128 + N after
 * signal N). */
static int train(Runner *rn, const AppConfig *cfg, bool export_final, RunResult *res)
{
    char err[512];
    DataSplit data;
    Arena arena;
    int rc = 1;
    memset(&arena, 0, sizeof arena);
    rn->run_cfg = cfg;
    for (int m = 0; m < ARENA_MAX_MODELS; m++)
        res->steps_to_target[m] = -1;

    Status st = data_source_load(cfg, &data, err, sizeof err);
    if (st != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        return st == ST_NOMEM ? 1 : 2; /* a missing or unreadable input is bad input */
    }
    if (budget_check_arena(cfg, &data, err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s: %s\n", data.name, err);
        rc = 2;
        goto done;
    }
    st = arena_init(&arena, &cfg->arena, &data);
    if (st != ST_OK) {
        fprintf(stderr, "lossarena: cannot set up the models for %s: %s\n", data.name,
                status_str(st));
        rc = st == ST_NOMEM ? 1 : 2;
        goto done;
    }
    const long total = cli_total_steps(cfg, data.train.n);
    int next_change = 0;
    const double t0 = clock_now();
    double last_progress = t0;
    for (;;) {
        if (arena_eval_due(&arena) && evaluate(rn, &arena, res) != 0)
            goto done;
        if (cfg->export_every > 0 && arena.step % cfg->export_every == 0) {
            char path[4096];
            export_numbered_path(cfg->export_path, arena.step, path, sizeof path);
            if (export_snapshot(rn, &arena, path) != 0)
                goto done;
        }
        if (arena.step >= total || signals_pending())
            break;
        /* --replay: the changes of a recorded session, before the step after theirs */
        while (next_change < cfg->replay.n && cfg->replay.events[next_change].step <= arena.step)
            if (event_apply(&cfg->replay.events[next_change++], &arena) != ST_OK) {
                fprintf(stderr, "lossarena: %s: the change at step %ld cannot be applied\n",
                        cfg->replay_path, arena.step);
                rc = 2;
                goto done;
            }
        arena_begin_step(&arena);
        workers_run(&rn->workers, &arena, JOB_STEP);
        arena_end_step(&arena);
        if (rn->show_progress && clock_now() - last_progress > 0.2) {
            last_progress = clock_now();
            progress(rn, arena.step, total, last_progress - t0);
        }
    }
    if (arena.last_eval_step != arena.step && evaluate(rn, &arena, res) != 0)
        goto done;
    if (signals_pending()) {
        run_result_take(res, &arena);
        res->interrupted = true;
        rc = 128 + signals_pending();
        goto done;
    }
    if (export_final && export_snapshot(rn, &arena, cfg->export_path) != 0)
        goto done;
    run_result_take(res, &arena);
    rc = 0;
done:
    if (rc == 1 && signals_pending())
        rc = 128 + signals_pending(); /* the failure was the signal's doing (EPIPE) */
    arena_free(&arena);
    datasplit_free(&data);
    return rc;
}

/* Every (level, seed) of the grid, in that order; one summary at the end. */
static int run_experiment(Runner *rn)
{
    const AppConfig *cfg = rn->cfg;
    const int n_levels = cfg->sweep.kind != SWEEP_NONE ? cfg->sweep.n_levels : 1;
    const int n_seeds = cfg->seeds;
    RunResult *runs = calloc((size_t)n_levels * (size_t)n_seeds, sizeof *runs);
    if (!runs) {
        fprintf(stderr, "lossarena: out of memory\n");
        return 1;
    }
    rn->n_runs = n_levels * n_seeds;
    int rc = 0;
    for (int l = 0; l < n_levels && rc == 0; l++) {
        for (int s = 0; s < n_seeds && rc == 0; s++) {
            AppConfig one = *cfg; /* one run: its rows' config column says so */
            one.seeds = 1;
            one.sweep.kind = SWEEP_NONE;
            one.arena.seed = cfg->arena.seed + (uint64_t)s;
            if (cfg->sweep.kind == SWEEP_LABEL_NOISE)
                one.arena.label_noise = cfg->sweep.levels[l];
            else if (cfg->sweep.kind == SWEEP_INPUT_NOISE)
                one.arena.input_noise = cfg->sweep.levels[l];
            rn->run = l * n_seeds + s;
            /* Without a sweep, --export shows the last seed's final state. */
            bool last = l == n_levels - 1 && s == n_seeds - 1;
            bool export_final = cfg->export_path && cfg->sweep.kind == SWEEP_NONE && last;
            rc = train(rn, &one, export_final, &runs[rn->run]);
        }
    }
    if (rc > 128) {
        /* Interrupted: the grid's summary needs every run, so the run in progress speaks for
         * itself; the CSV keeps the rows of every run so far. */
        if (rn->show_progress)
            fprintf(stderr, "\r%70s\r", "");
        fprintf(stderr, "lossarena: interrupted in run %d of %d\n", rn->run + 1, rn->n_runs);
        if (runs[rn->run].interrupted)
            report_summary(stdout, &runs[rn->run], cfg);
        free(runs);
        return rc;
    }
    if (rn->show_progress)
        fprintf(stderr, "\r%70s\r", "");
    if (rc == 0 && cfg->export_path && cfg->sweep.kind != SWEEP_NONE) {
        char err[512];
        if (export_sweep_figure(cfg, runs, n_levels, n_seeds, cfg->export_path, err, sizeof err) !=
            ST_OK) {
            fprintf(stderr, "lossarena: %s\n", err);
            rc = 1;
        }
    }
    if (rc == 0)
        report_experiment(stdout, runs, n_levels, n_seeds, cfg);
    free(runs);
    return rc;
}

int headless_run(const AppConfig *cfg)
{
    Runner rn;
    memset(&rn, 0, sizeof rn);
    rn.cfg = cfg;
    rn.show_progress = isatty(STDERR_FILENO);
    rn.n_runs = 1;
    int rc = 1;
    signals_install();
    if (workers_init(&rn.workers, cfg->threads) != ST_OK) {
        fprintf(stderr, "lossarena: cannot start worker threads\n");
        return 1;
    }
    if (cfg->export_path && !(rn.snap = malloc(sizeof *rn.snap))) {
        fprintf(stderr, "lossarena: out of memory\n");
        goto done;
    }
    char err[512];
    if (cfg->csv_path && csv_file_open(&rn.csv, cfg->csv_path, err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        goto done;
    }

    if (cfg->seeds > 1 || cfg->sweep.kind != SWEEP_NONE) {
        rc = run_experiment(&rn);
    } else {
        RunResult *res = calloc(1, sizeof *res);
        rc = res ? train(&rn, cfg, cfg->export_path != NULL, res) : 1;
        if (rn.show_progress)
            fprintf(stderr, "\r%70s\r", "");
        if (rc == 0 || (res && res->interrupted))
            report_summary(stdout, res, cfg);
        free(res);
    }
    /* Whatever happened, the rows written so far are complete: keep them. */
    if (csv_file_close(&rn.csv, true, err, sizeof err) != ST_OK && !signals_pending()) {
        fprintf(stderr, "lossarena: %s\n", err);
        rc = rc ? rc : 1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (signals_pending())
            rc = 128 + signals_pending(); /* SIGPIPE: the reader went away */
        else if (rc == 0) {
            fprintf(stderr, "lossarena: cannot write the summary to stdout: %s\n",
                    strerror(errno ? errno : EIO));
            rc = 1;
        }
    }
done:
    csv_file_close(&rn.csv, false, NULL, 0);
    free(rn.snap);
    workers_free(&rn.workers);
    return rc;
}
