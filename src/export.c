#include "src/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/figure.h"

Status export_png(const AppConfig *cfg, const Snapshot *s, const ChartView *view,
                  const char *path, char *err, size_t errlen)
{
    static const FigureKind kinds[] = {FIGURE_DASHBOARD, FIGURE_LOSS, FIGURE_ACCURACY,
                                       FIGURE_MARGINS};
    FigureKind kind = cfg->figure >= 0 && cfg->figure < 4 ? kinds[cfg->figure] : FIGURE_DASHBOARD;
    return figure_write_png(path, s, view, kind, cfg->dark ? THEME_DARK : THEME_LIGHT,
                            cfg->export_width, cfg->export_height, err, errlen);
}

void export_numbered_path(const char *base, long step, char *out, size_t n)
{
    size_t len = strlen(base);
    size_t stem = len >= 4 && strcmp(base + len - 4, ".png") == 0 ? len - 4 : len;
    snprintf(out, n, "%.*s-%06ld.png", (int)stem, base, step);
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

Status export_sweep_png(const AppConfig *cfg, const RunResult *runs, const char *path, char *err,
                        size_t errlen)
{
    const Grid *g = &cfg->grid;
    if (!export_grid_has_figure(g)) {
        snprintf(err, errlen, "cannot write %s: a figure needs a grid of one numeric axis "
                              "(lr, batch, label-noise or input-noise; at most %d increasing "
                              "values) besides the seeds", path, SWEEP_FIG_MAX_LEVELS);
        return ST_INVAL;
    }
    SweepFigure *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return ST_NOMEM;
    }
    const GridAxis *axis = &g->axes[0];
    const int n_levels = axis->n, n_seeds = g->n_seeds;
    const RunResult *r0 = &runs[0];
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
    const bool noise = axis->kind == AXIS_LABEL_NOISE || axis->kind == AXIS_INPUT_NOISE;
    snprintf(f->title, sizeof f->title, "%s", titles[axis->kind]);
    snprintf(f->x_label, sizeof f->x_label, "%s", x_labels[axis->kind]);
    snprintf(f->caption, sizeof f->caption,
             "%s · MLP %s · %s lr %g · batch %d · %ld steps (%.1f epochs) · mean ± sd over %d "
             "seed%s from %llu",
             r0->dataset, r0->arch, optim_name(r0->cfg.opt.kind), r0->cfg.opt.lr, r0->cfg.batch,
             r0->step, r0->epoch, n_seeds, n_seeds > 1 ? "s" : "",
             (unsigned long long)cfg->arena.seed);
    size_t used = (size_t)snprintf(f->config, sizeof f->config,
                                   "--dataset %s --steps %ld --batch %d --lr %g --seed %llu "
                                   "--seeds %d --%s %s=",
                                   cfg->dataset, r0->step, r0->cfg.batch, r0->cfg.opt.lr,
                                   (unsigned long long)cfg->arena.seed, n_seeds,
                                   noise ? "sweep" : "grid", grid_axis_name(axis->kind));
    for (int l = 0; l < n_levels && used < sizeof f->config; l++)
        used += (size_t)snprintf(f->config + used, sizeof f->config - used, "%s%g", l ? "," : "",
                                 axis->v[l].x);
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
    Status st = figure_write_sweep_png(path, f, cfg->dark ? THEME_DARK : THEME_LIGHT,
                                       cfg->export_width, cfg->export_height, err, errlen);
    free(f);
    return st;
}
