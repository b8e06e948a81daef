/* headless.c — the scriptable runs: one training run, or the runs of a grid (--grid, --seeds,
 * --sweep), all of them or one shard's (--shard). Per-evaluation rows go to the --csv file,
 * the summary to stdout, figures to --export, progress to stderr (src/progress.h). */
#include "src/headless.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "src/budget.h"
#include "src/cli.h"
#include "src/csv_file.h"
#include "src/data_source.h"
#include "src/events.h"
#include "src/export.h"
#include "src/progress.h"
#include "src/report.h"
#include "src/seed_mean.h"
#include "src/signals.h"
#include "src/shard.h"
#include "src/stepper.h"
#include "src/workers.h"

typedef struct {
    const AppConfig *cfg;
    AppConfig run_cfg; /* the run being trained as a run of its own: its grid point's values,
                          no grid (the CSV rows' config column) */
    Workers workers;
    CsvFile csv;
    Snapshot *snap;  /* owned: for PNG exports, NULL when none are asked for */
    SeedMean *seeds; /* owned: --seeds N with --export, the curves of every seed; else NULL */
    Progress progress;
    DataSplit shared; /* owned: image data, loaded once for all the runs of a grid */
    bool have_shared;
} Runner;

/* The data of one run: the shared copy when the seed does not change them, else own. */
static Status load_data(Runner *rn, const AppConfig *cfg, DataSplit *own, const DataSplit **data,
                        char *err, size_t errlen)
{
    memset(own, 0, sizeof *own);
    if (data_source_seeded(cfg)) {
        *data = own;
        return data_source_load(cfg, own, err, errlen);
    }
    if (!rn->have_shared) {
        Status st = data_source_load(cfg, &rn->shared, err, errlen);
        if (st != ST_OK)
            return st;
        rn->have_shared = true;
    }
    *data = &rn->shared;
    return ST_OK;
}

/* A figure's view from the command line: every model, the step axis of --time-axis. */
static ChartView view_of(const AppConfig *cfg)
{
    ChartView v = {.focused = -1, .time_axis = (TimeAxis)cfg->time_axis};
    v.time_window = cfg->time_window > 0 ? cfg->time_window : TIME_WINDOW_DEFAULT;
    return v;
}

static int export_snapshot(Runner *rn, const Arena *a, const char *path)
{
    char err[512];
    ChartView view = view_of(rn->cfg);
    event_log_marks(&rn->cfg->replay, a->step - 1, rn->cfg->arena.opt.lr, &view);
    snapshot_take(rn->snap, a);
    if (export_figure(rn->cfg, rn->snap, &view, path, err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        return -1;
    }
    return 0;
}

/* The figure of a --seeds run: mean curves with ±sd bands over the seeds. */
static int export_seed_mean(Runner *rn)
{
    char err[512];
    SeedMean *sm = rn->seeds;
    seed_mean_finish(sm);
    ChartView view = view_of(rn->cfg);
    view.spread = &sm->spread;
    event_log_marks(&rn->cfg->replay, sm->mean.step - 1, rn->cfg->arena.opt.lr, &view);
    if (export_figure(rn->cfg, &sm->mean, &view, rn->cfg->export_path, err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        return -1;
    }
    return 0;
}

/* A subset reading this close below the target is confirmed on the whole test set: 0.03 is
 * 3 standard errors of a 2000-example test accuracy near 80 %, so a model that has reached the
 * target on the whole set is (but for ~1 in 1000) a candidate. */
#define TARGET_BAND 0.03

/* The first evaluated step at which each model reached --target-acc on the whole test set
 * (final: the evaluation covered it already). */
static void track_target(const AppConfig *cfg, Workers *w, Arena *a, bool final, RunResult *res)
{
    if (cfg->target_acc <= 0)
        return;
    bool want[ARENA_MAX_MODELS] = {false};
    float acc[ARENA_MAX_MODELS];
    bool any = false;
    for (int m = 0; m < a->n_models; m++) {
        const ArenaModel *am = &a->models[m];
        want[m] = res->steps_to_target[m] < 0 && !am->diverged &&
                  am->last.test_acc >= cfg->target_acc - (final ? 0.0 : TARGET_BAND);
        acc[m] = am->last.test_acc;
        any = any || want[m];
    }
    if (any && !final) /* the candidates confirmed on the whole test set, on the workers */
        workers_test_acc_full(w, a, want, acc);
    for (int m = 0; m < a->n_models; m++)
        if (want[m] && acc[m] >= cfg->target_acc)
            res->steps_to_target[m] = a->models[m].last.step;
}

/* Whether the rows written so far reached the --csv file: a full disk is said at once, not
 * after the run. Quiet after a signal (SIGPIPE: `--csv -` and the reader went away). */
static bool csv_written(Runner *rn)
{
    if (!rn->csv.f || (fflush(rn->csv.f) == 0 && !ferror(rn->csv.f)))
        return true;
    if (!signals_pending())
        fprintf(stderr, "lossarena: cannot write %s: %s\n", rn->cfg->csv_path,
                strerror(errno ? errno : EIO));
    return false;
}

/* Trains one arena for cfg (run `run` of the grid) to the end, or until a stop signal: then the
 * step in progress ends, the state is evaluated and res says interrupted. Returns an exit
 * status (0 ok, 128 + N after signal N). */
static int train(Runner *rn, const AppConfig *cfg, int run, bool export_final, RunResult *res)
{
    char err[512];
    DataSplit own;
    const DataSplit *data;
    Arena arena;
    int rc = 1;
    memset(&arena, 0, sizeof arena);
    /* The rows say how to make this one run: the grid point's values, no grid, one seed. */
    rn->run_cfg = *cfg;
    rn->run_cfg.grid.n_axes = 0;
    rn->run_cfg.grid.n_seeds = 1;
    rn->run_cfg.grid.seeds[0] = cfg->arena.seed;
    rn->run_cfg.grid.seeds_given = false;
    rn->run_cfg.seeds = 1;
    for (int m = 0; m < ARENA_MAX_MODELS; m++)
        res->steps_to_target[m] = -1;

    Status st = load_data(rn, cfg, &own, &data, err, sizeof err);
    if (st != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        return st == ST_NOMEM ? 1 : 2; /* a missing or unreadable input is bad input: 2 */
    }
    if (cfg->export_path && cfg->figure == FIGURE_BOUNDARIES && data->train.dim != 2) {
        fprintf(stderr, "lossarena: --figure boundaries needs 2-D data: %s has %d inputs\n",
                data->name, data->train.dim);
        rc = 2;
        goto done;
    }
    if (budget_check_arena(cfg, data, err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s: %s\n", data->name, err);
        rc = 2;
        goto done;
    }
    st = arena_init(&arena, &cfg->arena, data);
    if (st != ST_OK) {
        fprintf(stderr, "lossarena: cannot set up the models for %s: %s\n", data->name,
                status_str(st));
        rc = st == ST_NOMEM ? 1 : 2;
        goto done;
    }
    /* Nothing draws the boundary before the end unless figures are exported along the way. */
    arena.grid_final_only = cfg->export_every == 0;
    const long total = cli_total_steps(cfg, data->train.n);
    const int point = run / cfg->grid.n_seeds;
    char tail[512], label[256], seed[48];
    grid_csv_values(&cfg->grid, point, tail, sizeof tail);
    grid_point_label(&cfg->grid, point, label, sizeof label);
    snprintf(seed, sizeof seed, "%sseed %llu", label[0] ? " " : "",
             (unsigned long long)cfg->arena.seed);
    strncat(label, seed, sizeof label - strlen(label) - 1);
    progress_run_start(&rn->progress, run, label, total);

    Stepper sp = {&rn->workers, &arena, rn->csv.f, &rn->run_cfg, tail, total};
    int next_change = 0;
    if (arena_eval_due(&arena)) {
        stepper_evaluate(&sp, false);
        track_target(cfg, &rn->workers, &arena, false, res);
        if (!csv_written(rn))
            goto done;
    }
    while (arena.step < total && !signals_pending()) {
        if (cfg->export_every > 0 && arena.step % cfg->export_every == 0) {
            char path[4096];
            export_numbered_path(cfg->export_path, arena.step, path, sizeof path);
            if (export_snapshot(rn, &arena, path) != 0)
                goto done;
        }
        /* --replay: the changes of a recorded session, before the step after theirs */
        while (next_change < cfg->replay.n && cfg->replay.events[next_change].step <= arena.step)
            if (event_apply(&cfg->replay.events[next_change++], &arena) != ST_OK) {
                fprintf(stderr, "lossarena: %s: the change at step %ld cannot be applied\n",
                        cfg->replay_path ? cfg->replay_path : "preset", arena.step);
                rc = 2;
                goto done;
            }
        if (stepper_step(&sp)) {
            track_target(cfg, &rn->workers, &arena, false, res);
            if (!csv_written(rn))
                goto done;
        }
        progress_step(&rn->progress, arena.step);
    }
    stepper_evaluate(&sp, true); /* the final word: the whole test set */
    track_target(cfg, &rn->workers, &arena, true, res);
    if (!csv_written(rn))
        goto done;
    if (signals_pending()) {
        run_result_take(res, &arena);
        res->interrupted = true;
        rc = 128 + signals_pending();
        goto done;
    }
    if (cfg->export_every > 0 && arena.step % cfg->export_every == 0) {
        char path[4096];
        export_numbered_path(cfg->export_path, arena.step, path, sizeof path);
        if (export_snapshot(rn, &arena, path) != 0)
            goto done;
    }
    if (export_final && export_snapshot(rn, &arena, cfg->export_path) != 0)
        goto done;
    if (rn->seeds) {
        snapshot_take(rn->snap, &arena);
        seed_mean_add(rn->seeds, rn->snap);
    }
    run_result_take(res, &arena);
    progress_run_done(&rn->progress, arena.step);
    rc = 0;
done:
    if (rc == 1 && signals_pending())
        rc = 128 + signals_pending(); /* the failure was the signal's doing (EPIPE) */
    arena_free(&arena);
    datasplit_free(&own);
    return rc;
}

/* The runs of the grid (or of this shard), in grid order; one summary at the end. */
static int run_grid(Runner *rn, bool single)
{
    const AppConfig *cfg = rn->cfg;
    const Grid *g = &cfg->grid;
    const int n_runs = grid_runs(g);
    RunResult *runs = calloc((size_t)n_runs, sizeof *runs);
    int *mine = malloc((size_t)n_runs * sizeof *mine);
    int n_mine = mine ? shard_plan(cfg, cfg->shard_k, cfg->shard_n, mine) : -1;
    if (!runs || n_mine < 0) {
        fprintf(stderr, "lossarena: out of memory\n");
        free(runs);
        free(mine);
        return 1;
    }
    progress_init(&rn->progress, stderr, isatty(STDERR_FILENO), n_mine, n_runs);
    int rc = 0, i;
    for (i = 0; i < n_mine && rc == 0; i++) {
        const int r = mine[i];
        AppConfig one = *cfg;
        grid_apply(g, r, &one.arena);
        /* One run's --export shows its final state; the seeds of a --seeds run are averaged
         * (rn->seeds) and a grid draws its figure from all runs, below. */
        bool export_final = cfg->export_path && n_runs == 1;
        rc = train(rn, &one, r, export_final, &runs[r]);
        if (rc == 0 && cfg->shard_n > 0)
            shard_write_run(rn->csv.f, r, &runs[r]);
    }
    progress_end(&rn->progress);
    if (rc > 128) {
        /* Interrupted: the grid's summary needs every run, so the run in progress speaks for
         * itself; the CSV keeps the rows of every run so far. */
        const int r = mine[i - 1];
        if (n_mine > 1)
            fprintf(stderr, "lossarena: interrupted in run %d of %d\n", i, n_mine);
        if (runs[r].interrupted)
            report_summary(stdout, &runs[r], cfg);
        free(runs);
        free(mine);
        return rc;
    }
    if (rc == 0 && rn->seeds && export_seed_mean(rn) != 0)
        rc = 1;
    if (rc == 0 && cfg->shard_n == 0 && cfg->export_path && g->n_axes > 0) {
        char err[512];
        if (export_sweep_figure(cfg, runs, g->axes[0].n, g->n_seeds, cfg->export_path, err,
                                sizeof err) != ST_OK) {
            fprintf(stderr, "lossarena: %s\n", err);
            rc = 1;
        }
    }
    /* A shard's results are its file; `lossarena merge` prints the summary of them all. */
    if (rc == 0 && cfg->shard_n == 0)
        headless_print_summary(stdout, runs, cfg, single);
    free(runs);
    free(mine);
    return rc;
}

void headless_print_summary(FILE *f, const RunResult *runs, const AppConfig *cfg, bool single)
{
    if (single)
        report_summary(f, &runs[0], cfg);
    else
        report_experiment(f, runs, cfg);
}

bool headless_is_single(const AppConfig *cfg)
{
    return grid_runs(&cfg->grid) == 1 && cfg->grid.n_axes == 0;
}

int headless_run(const AppConfig *cfg)
{
    Runner rn;
    memset(&rn, 0, sizeof rn);
    rn.cfg = cfg;
    int rc = 1;
    signals_install();
    if (workers_init(&rn.workers, cfg->threads) != ST_OK) {
        fprintf(stderr, "lossarena: cannot start worker threads\n");
        return 1;
    }
    const bool seed_mean = cfg->export_path && cfg->grid.n_axes == 0 && grid_runs(&cfg->grid) > 1;
    if ((cfg->export_path && !(rn.snap = malloc(sizeof *rn.snap))) ||
        (seed_mean && !(rn.seeds = calloc(1, sizeof *rn.seeds)))) {
        fprintf(stderr, "lossarena: out of memory\n");
        goto done;
    }
    char err[512], preamble[sizeof cfg->run_args + 256] = "", names[256];
    grid_csv_names(&cfg->grid, names, sizeof names);
    if (cfg->shard_n > 0)
        shard_preamble(cfg, preamble, sizeof preamble);
    if (cfg->csv_path &&
        csv_file_open(&rn.csv, cfg->csv_path, preamble, names, err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        goto done;
    }
    rc = run_grid(&rn, headless_is_single(cfg));
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
    free(rn.seeds);
    datasplit_free(&rn.shared);
    workers_free(&rn.workers);
    return rc;
}
