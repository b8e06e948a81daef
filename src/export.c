#include "src/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset.h"
#include "src/provenance.h"
#include "ui/figure.h"

Status export_png(const AppConfig *cfg, const Snapshot *s, const ChartView *view,
                  const char *path, char *err, size_t errlen)
{
    static const FigureKind kinds[] = {FIGURE_DASHBOARD, FIGURE_LOSS, FIGURE_ACCURACY,
                                       FIGURE_MARGINS};
    FigureKind kind = cfg->figure >= 0 && cfg->figure < 4 ? kinds[cfg->figure] : FIGURE_DASHBOARD;
    /* The figure's own run: the Snapshot's live settings and, after the dashboard's `d`, its
     * dataset (then with that set's default shape). */
    AppConfig run = *cfg;
    if (synth_by_name(s->dataset) >= 0 && strcmp(s->dataset, cfg->dataset) != 0) {
        snprintf(run.dataset, sizeof run.dataset, "%s", s->dataset);
        run.classes = 0;
        run.data_noise = -1.0;
    }
    char config[REPORT_CONFIG_MAX];
    provenance_options(&run, &s->cfg, config, sizeof config);
    return figure_write_png_config(path, s, view, kind, cfg->dark ? THEME_DARK : THEME_LIGHT,
                                   cfg->export_width, cfg->export_height, config, err, errlen);
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
    provenance_options(cfg, NULL, f->config, sizeof f->config);
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
    Status st = figure_write_sweep_png(path, f, cfg->dark ? THEME_DARK : THEME_LIGHT,
                                       cfg->export_width, cfg->export_height, err, errlen);
    free(f);
    return st;
}
