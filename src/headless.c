#include "src/headless.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "src/cli.h"
#include "src/data_source.h"
#include "src/export.h"
#include "src/report.h"
#include "src/workers.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void progress(long step, long total, double elapsed)
{
    double rate = elapsed > 0 ? step / elapsed : 0.0;
    double eta = rate > 0 ? (total - step) / rate : 0.0;
    fprintf(stderr, "\rstep %ld/%ld  %.0f steps/s  ETA %.1fs   ", step, total, rate, eta);
    fflush(stderr);
}

/* The CSV is written under a temporary name and renamed at the end, so a failed or
 * interrupted run never leaves a half-written file where a script expects results. */
typedef struct {
    FILE *f;
    char tmp[4096];
    const char *path;
} CsvOut;

static int csv_open(CsvOut *c, const char *path)
{
    c->path = path;
    snprintf(c->tmp, sizeof c->tmp, "%s.tmp-%ld", path, (long)getpid());
    c->f = fopen(c->tmp, "w");
    if (!c->f) {
        fprintf(stderr, "lossarena: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    report_csv_header(c->f);
    return 0;
}

static int csv_close(CsvOut *c, bool keep)
{
    if (!c->f)
        return 0;
    int bad = ferror(c->f);
    bad |= fclose(c->f) != 0;
    c->f = NULL;
    if (!keep || bad || rename(c->tmp, c->path) != 0) {
        int e = errno;
        remove(c->tmp);
        if (keep) {
            fprintf(stderr, "lossarena: cannot write %s: %s\n", c->path, strerror(e));
            return -1;
        }
    }
    return 0;
}

static int export_now(const AppConfig *cfg, const Arena *a, Snapshot *snap, const char *path)
{
    char err[512];
    ChartView view = {.focused = -1};
    snapshot_take(snap, a);
    if (export_png(cfg, snap, &view, path, err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        return -1;
    }
    return 0;
}

int headless_run(const AppConfig *cfg)
{
    char err[512];
    DataSplit data;
    Arena arena;
    Workers workers;
    CsvOut csv = {0};
    Snapshot *snap = NULL;
    int rc = 1;
    memset(&arena, 0, sizeof arena);
    memset(&workers, 0, sizeof workers);

    Status st = data_source_load(cfg, &data, err, sizeof err);
    if (st != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        return st == ST_NOMEM ? 1 : 2;
    }
    st = arena_init(&arena, &cfg->arena, &data);
    if (st != ST_OK) {
        const char *why = NULL;
        arena_config_check(&cfg->arena, &why);
        fprintf(stderr, "lossarena: cannot set up the models: %s\n", why ? why : status_str(st));
        rc = st == ST_NOMEM ? 1 : 2;
        goto done;
    }
    if (workers_init(&workers, cfg->threads) != ST_OK) {
        fprintf(stderr, "lossarena: cannot start worker threads\n");
        goto done;
    }
    if ((cfg->export_path || cfg->export_every) && !(snap = malloc(sizeof *snap))) {
        fprintf(stderr, "lossarena: out of memory\n");
        goto done;
    }
    if (cfg->csv_path && csv_open(&csv, cfg->csv_path) != 0)
        goto done;

    const long total = cli_total_steps(cfg, data.train.n);
    const bool show_progress = isatty(STDERR_FILENO);
    const double t0 = now_seconds();
    double last_progress = t0;
    for (;;) {
        if (arena_eval_due(&arena)) {
            workers_evaluate(&workers, &arena);
            if (csv.f)
                report_csv_rows(csv.f, &arena);
        }
        if (cfg->export_every > 0 && cfg->export_path && arena.step % cfg->export_every == 0) {
            char path[4096];
            export_numbered_path(cfg->export_path, arena.step, path, sizeof path);
            if (export_now(cfg, &arena, snap, path) != 0)
                goto done;
        }
        if (arena.step >= total)
            break;
        arena_begin_step(&arena);
        workers_run(&workers, &arena, JOB_STEP);
        arena_end_step(&arena);
        if (show_progress) {
            double t = now_seconds();
            if (t - last_progress > 0.2) {
                progress(arena.step, total, t - t0);
                last_progress = t;
            }
        }
    }
    if (arena.last_eval_step != arena.step) {
        workers_evaluate(&workers, &arena);
        if (csv.f)
            report_csv_rows(csv.f, &arena);
    }
    if (show_progress)
        fprintf(stderr, "\r%60s\r", "");
    if (csv_close(&csv, true) != 0)
        goto done;
    if (cfg->export_path && export_now(cfg, &arena, snap, cfg->export_path) != 0)
        goto done;
    report_summary(stdout, &arena, cfg);
    rc = fflush(stdout) == 0 ? 0 : 1;
done:
    csv_close(&csv, false);
    free(snap);
    workers_free(&workers);
    arena_free(&arena);
    datasplit_free(&data);
    return rc;
}
