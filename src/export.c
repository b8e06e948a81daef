#include "src/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/output.h"
#include "ui/figure.h"

/* Every figure goes through one output (src/output.h): a regular file appears whole or not at
 * all, a device or FIFO is written in place. */
static Status finish(Output *o, Status st, char *err, size_t errlen)
{
    if (st != ST_OK) {
        output_abort(o);
        return st;
    }
    return output_commit(o, err, errlen);
}

Status export_png(const AppConfig *cfg, const Snapshot *s, const ChartView *view,
                  const char *path, char *err, size_t errlen)
{
    static const FigureKind kinds[] = {FIGURE_DASHBOARD, FIGURE_LOSS, FIGURE_ACCURACY,
                                       FIGURE_MARGINS};
    FigureKind kind = cfg->figure >= 0 && cfg->figure < 4 ? kinds[cfg->figure] : FIGURE_DASHBOARD;
    Output o;
    Status st = output_begin(&o, path, err, errlen);
    if (st != ST_OK)
        return st;
    st = figure_write_png_stream(o.f, path, s, view, kind, cfg->dark ? THEME_DARK : THEME_LIGHT,
                                 cfg->export_width, cfg->export_height, err, errlen);
    return finish(&o, st, err, errlen);
}

void export_numbered_path(const char *base, long step, char *out, size_t n)
{
    size_t len = strlen(base);
    size_t stem = len >= 4 && strcmp(base + len - 4, ".png") == 0 ? len - 4 : len;
    snprintf(out, n, "%.*s-%06ld.png", (int)stem, base, step);
}

Status export_sweep_png(const AppConfig *cfg, const RunResult *runs, int n_levels, int n_seeds,
                        const char *path, char *err, size_t errlen)
{
    SweepFigure *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return ST_NOMEM;
    }
    const RunResult *r0 = &runs[0];
    const bool label = cfg->sweep.kind == SWEEP_LABEL_NOISE;
    snprintf(f->title, sizeof f->title, "Test accuracy under %s noise", label ? "label" : "input");
    snprintf(f->x_label, sizeof f->x_label, "%s",
             label ? "fraction of training labels flipped"
                   : "std of Gaussian noise on training inputs");
    snprintf(f->caption, sizeof f->caption,
             "%s · MLP %s · %s lr %g · batch %d · %ld steps (%.1f epochs) · mean ± sd over %d "
             "seed%s from %llu",
             r0->dataset, r0->arch, optim_name(r0->cfg.opt.kind), r0->cfg.opt.lr, r0->cfg.batch,
             r0->step, r0->epoch, n_seeds, n_seeds > 1 ? "s" : "",
             (unsigned long long)cfg->arena.seed);
    size_t used = (size_t)snprintf(f->config, sizeof f->config,
                                   "--dataset %s --steps %ld --batch %d --lr %g --seed %llu "
                                   "--seeds %d --sweep %s=",
                                   cfg->dataset, r0->step, r0->cfg.batch, r0->cfg.opt.lr,
                                   (unsigned long long)cfg->arena.seed, n_seeds,
                                   label ? "label-noise" : "input-noise");
    for (int l = 0; l < n_levels && used < sizeof f->config; l++)
        used += (size_t)snprintf(f->config + used, sizeof f->config - used, "%s%g", l ? "," : "",
                                 cfg->sweep.levels[l]);
    f->seed = cfg->arena.seed;
    f->n_levels = n_levels;
    f->n_seeds = n_seeds;
    f->n_models = r0->n_models;
    for (int l = 0; l < n_levels; l++)
        f->levels[l] = cfg->sweep.levels[l];
    for (int m = 0; m < r0->n_models; m++) {
        f->loss[m] = r0->loss[m];
        for (int l = 0; l < n_levels; l++) {
            double mean, sd;
            report_test_acc_stats(&runs[l * n_seeds], n_seeds, m, &mean, &sd);
            f->mean[m][l] = (float)mean;
            f->sd[m][l] = (float)sd;
        }
    }
    Output o;
    Status st = output_begin(&o, path, err, errlen);
    if (st == ST_OK) {
        st = figure_write_sweep_png_stream(o.f, path, f, cfg->dark ? THEME_DARK : THEME_LIGHT,
                                           cfg->export_width, cfg->export_height, err, errlen);
        st = finish(&o, st, err, errlen);
    }
    free(f);
    return st;
}
