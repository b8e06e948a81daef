/* export.c — the figures the program writes: builds the figure model (ui/chart_build.h,
 * ui/chart_sweep.h), hands over the configuration string for its provenance, and writes it as
 * PNG or SVG (ui/figure_out.h) through the output module (src/output.h: a temporary file in the
 * same directory, flushed, synced and renamed into place), so a reader never sees a partial file
 * and a failed write leaves nothing behind. ui writes to the stream; src owns the file. */
#include "src/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/dataset.h"
#include "src/output.h"
#include "src/provenance.h"
#include "ui/chart_sweep.h"
#include "ui/figure_out.h"

bool export_is_svg(const char *path)
{
    size_t len = path ? strlen(path) : 0;
    return len >= 4 && strcasecmp(path + len - 4, ".svg") == 0;
}

/* Writes fig with m to path, as SVG or PNG by its extension, through the output module
 * (src/output.h): a regular file appears whole or not at all, with the mode of the one it
 * replaces; a symlink's target is written; a device or FIFO is written in place. */
static Status write_figure(const char *path, const Figure *fig, const FigureMeta *m,
                           FigureTheme theme, int w, int h, char *err, size_t errlen)
{
    if (err && errlen > 0)
        err[0] = '\0';
    if (!path || !path[0]) {
        snprintf(err, errlen, "cannot write the figure: empty file name");
        return ST_INVAL;
    }
    Status st = figure_size_check(&w, &h, path, err, errlen);
    if (st != ST_OK)
        return st;
    Output o;
    st = output_begin(&o, path, err, errlen);
    if (st != ST_OK)
        return st;
    st = export_is_svg(path) ? svg_figure_write(o.f, path, fig, m, theme, w, h, err, errlen)
                             : png_figure_write(o.f, path, fig, m, theme, w, h, err, errlen);
    if (st != ST_OK) {
        output_abort(&o); /* nothing half-written is left behind, under either name */
        return st;
    }
    return output_commit(&o, err, errlen);
}

static FigureTheme theme_of(const AppConfig *cfg)
{
    return cfg->dark ? THEME_DARK : THEME_LIGHT;
}

Status export_figure(const AppConfig *cfg, const Snapshot *s, const ChartView *view,
                     const char *path, char *err, size_t errlen)
{
    Figure *fig = malloc(sizeof *fig);
    FigureMeta *m = malloc(sizeof *m);
    char *config = malloc(4096);
    Status st = fig && m && config ? ST_OK : ST_NOMEM;
    if (st == ST_OK) {
        /* a snapshot shows what is on screen: the dashboard's view, else --figure */
        FigureKind kind =
            view && view->screen != FIGURE_DASHBOARD ? view->screen
            : figure_kind_info(cfg->figure) && figure_kind_info(cfg->figure)->selectable
                ? (FigureKind)cfg->figure
                : FIGURE_DASHBOARD;
        ChartView v = {.focused = -1};
        if (view)
            v = *view;
        v.target_acc = cfg->target_acc; /* the line of --target-acc */
        st = figure_build(fig, s, &v, kind);
    }
    if (st == ST_OK) {
        /* The provenance: every option that reproduces this state, with the Snapshot's live
         * settings and, after the dashboard's `d`, its dataset (with that set's defaults). */
        AppConfig run = *cfg;
        if (synth_by_name(s->dataset) >= 0 && strcmp(s->dataset, cfg->dataset) != 0) {
            snprintf(run.dataset, sizeof run.dataset, "%s", s->dataset);
            run.classes = 0;
            run.data_noise = -1.0;
        }
        provenance_options(&run, &s->cfg, config, 4096);
        char step[48];
        snprintf(step, sizeof step, "%ld (epoch %.2f)", s->step, s->epoch);
        figure_meta_init(m, fig, (unsigned long long)s->cfg.seed, step, config);
        st = write_figure(path, fig, m, theme_of(cfg), cfg->export_width, cfg->export_height, err,
                          errlen);
    } else {
        snprintf(err, errlen, "cannot write %s: %s", path ? path : "figure", status_str(st));
    }
    free(config);
    free(m);
    free(fig);
    return st;
}

void export_numbered_path(const char *base, long step, char *out, size_t n)
{
    size_t len = strlen(base);
    const char *ext = ".png";
    size_t stem = len;
    if (len >= 4 && (strcasecmp(base + len - 4, ".png") == 0 || export_is_svg(base))) {
        stem = len - 4;
        ext = base + stem;
    }
    snprintf(out, n, "%.*s-%06ld%s", (int)stem, base, step, ext);
}

void export_svg_path(const char *path, char *out, size_t n)
{
    size_t len = strlen(path);
    size_t stem = len >= 4 && strcasecmp(path + len - 4, ".png") == 0 ? len - 4 : len;
    snprintf(out, n, "%.*s.svg", (int)stem, path);
}

bool export_grid_has_figure(const Grid *g)
{
    if (g->n_axes != 1 || g->axes[0].n > SWEEP_FIG_MAX_LEVELS)
        return false;
    const GridAxis *a = &g->axes[0];
    for (int l = 1; l < a->n; l++)
        if (!(a->v[l].x > a->v[l - 1].x))
            return false; /* the figure's x axis runs left to right */
    GridAxisKind k = a->kind;
    return k == AXIS_LR || k == AXIS_BATCH || k == AXIS_LABEL_NOISE || k == AXIS_INPUT_NOISE;
}

/* The grid's figure data (accuracy along its one axis) and its configuration string. */
static void sweep_data(SweepFigure *f, const AppConfig *cfg, const RunResult *runs, int n_levels,
                       int n_seeds, char *config, size_t conflen)
{
    const RunResult *r0 = &runs[0];
    const GridAxis *axis = &cfg->grid.axes[0];
    static const char *const titles[AXIS_COUNT] = {
        [AXIS_LR] = "Test accuracy by learning rate",
        [AXIS_BATCH] = "Test accuracy by batch size",
        [AXIS_LABEL_NOISE] = "Test accuracy under label noise",
        [AXIS_INPUT_NOISE] = "Test accuracy under input noise"};
    static const char *const x_labels[AXIS_COUNT] = {
        [AXIS_LR] = "learning rate",
        [AXIS_BATCH] = "minibatch size",
        [AXIS_LABEL_NOISE] = "fraction of training labels flipped",
        [AXIS_INPUT_NOISE] = "std of Gaussian noise on training inputs"};
    snprintf(f->title, sizeof f->title, "%s", titles[axis->kind]);
    snprintf(f->x_label, sizeof f->x_label, "%s", x_labels[axis->kind]);
    int used_cap = snprintf(f->caption, sizeof f->caption,
                            "%s · MLP %s · %s lr %g · batch %d · %ld steps (%.1f epochs) · ",
                            r0->dataset, r0->arch, optim_name(r0->cfg.opt.kind), r0->cfg.opt.lr,
                            r0->cfg.batch, r0->step, r0->epoch);
    if (used_cap > 0 && (size_t)used_cap < sizeof f->caption) {
        if (n_seeds > 1)
            snprintf(f->caption + used_cap, sizeof f->caption - (size_t)used_cap,
                     "mean ± sd over %d seeds from %llu", n_seeds,
                     (unsigned long long)cfg->arena.seed);
        else
            snprintf(f->caption + used_cap, sizeof f->caption - (size_t)used_cap, "seed %llu",
                     (unsigned long long)cfg->arena.seed);
    }
    provenance_options(cfg, NULL, config, conflen);
    f->seed = cfg->arena.seed;
    f->n_levels = n_levels;
    f->n_seeds = n_seeds;
    f->n_models = r0->n_models;
    for (int l = 0; l < n_levels; l++)
        f->levels[l] = axis->v[l].x;
    for (int m = 0; m < r0->n_models; m++) {
        f->loss[m] = r0->loss[m];
        for (int l = 0; l < n_levels; l++) {
            double mean, sd;
            report_test_acc_stats(&runs[l * n_seeds], n_seeds, m, &mean, &sd);
            f->mean[m][l] = (float)mean;
            f->sd[m][l] = (float)sd;
        }
    }
}

Status export_sweep_figure(const AppConfig *cfg, const RunResult *runs, int n_levels, int n_seeds,
                           const char *path, char *err, size_t errlen)
{
    if (!export_grid_has_figure(&cfg->grid)) {
        snprintf(err, errlen,
                 "cannot write %s: a figure needs a grid of one numeric axis (lr, batch, "
                 "label-noise or input-noise; at most %d increasing values) besides the seeds",
                 path, SWEEP_FIG_MAX_LEVELS);
        return ST_INVAL;
    }
    SweepFigure *sw = calloc(1, sizeof *sw);
    Figure *fig = malloc(sizeof *fig);
    FigureMeta *m = malloc(sizeof *m);
    char *config = malloc(4096);
    Status st = sw && fig && m && config ? ST_OK : ST_NOMEM;
    if (st == ST_OK) {
        sweep_data(sw, cfg, runs, n_levels, n_seeds, config, 4096);
        st = figure_build_sweep(fig, sw);
    }
    if (st == ST_OK) {
        figure_meta_init(m, fig, sw->seed, NULL, config);
        st = write_figure(path, fig, m, theme_of(cfg), cfg->export_width, cfg->export_height, err,
                          errlen);
    } else {
        snprintf(err, errlen, "cannot write %s: %s", path,
                 st == ST_NOMEM ? "out of memory" : sweep_problem(sw));
    }
    free(config);
    free(m);
    free(fig);
    free(sw);
    return st;
}
