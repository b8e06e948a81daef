/* chart_sweep.c — builds the accuracy-vs-noise figure model from a sweep's results. The y axis
 * is fitted to the data rather than fixed at [0, 1] (the differences between losses are the
 * point); the legend ranks the models by the accuracy at the highest level so that, top to
 * bottom, it meets the lines where they end. Pure computation; allocates nothing. */
#include "ui/chart_sweep.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/chart_build.h"

/* A SweepFigure's fixed-size string for "%.*s": read no further than its array, even if the
 * caller filled all of it without a terminating NUL. */
#define SWEEP_STR(field) (int)sizeof(field), (field)

const char *sweep_problem(const SweepFigure *sw)
{
    if (!sw)
        return "no sweep results";
    if (sw->n_levels < 1 || sw->n_levels > SWEEP_FIG_MAX_LEVELS)
        return "the number of noise levels is outside 1..16";
    if (sw->n_models < 0 || sw->n_models > ARENA_MAX_MODELS)
        return "the number of models is outside 0..16";
    for (int l = 0; l < sw->n_levels; l++) {
        if (!(fabs(sw->levels[l]) <= 1e6))
            return "a noise level is not a number in [-1e6, 1e6]";
        if (l > 0 && !(sw->levels[l] > sw->levels[l - 1]))
            return "the noise levels do not increase";
    }
    return NULL;
}

static bool has_bar(const SweepFigure *sw, int m, int l)
{
    return sw->n_seeds > 1 && isfinite(sw->sd[m][l]) && sw->sd[m][l] > 0 &&
           isfinite(sw->mean[m][l]);
}

/* The models best first by accuracy at the highest level; those without a number there come
 * last, and ties keep model order. */
static void rank_models(const SweepFigure *sw, int *order)
{
    int last = sw->n_levels - 1;
    for (int i = 0; i < sw->n_models; i++) {
        int m = i, j = i;
        double a = sw->mean[m][last];
        for (; j > 0; j--) {
            double b = sw->mean[order[j - 1]][last];
            if (!(isfinite(a) && (!isfinite(b) || a > b)))
                break;
            order[j] = order[j - 1];
        }
        order[j] = m;
    }
}

/* The data (mean ± sd) with some air, within [0, 1]. */
static void y_axis(const SweepFigure *sw, ChartAxis *ax)
{
    double lo = INFINITY, hi = -INFINITY;
    for (int m = 0; m < sw->n_models; m++)
        for (int l = 0; l < sw->n_levels; l++) {
            double v = sw->mean[m][l];
            if (!isfinite(v))
                continue;
            double e = has_bar(sw, m, l) ? sw->sd[m][l] : 0;
            lo = fmin(lo, fmax(0.0, v - e));
            hi = fmax(hi, fmin(1.0, v + e));
        }
    if (!(hi >= lo)) {
        lo = 0;
        hi = 1;
    }
    double air = fmax(0.06 * (hi - lo), 0.01);
    lo = fmax(0.0, lo - air);
    hi = fmin(1.0, hi + air);
    if (hi - lo < 0.04) { /* a few points apart at least, so one value is not a wall */
        double c = fmin(fmax((lo + hi) / 2, 0.02), 0.98);
        lo = c - 0.02;
        hi = c + 0.02;
    }
    chart_axis_spec(ax, lo, hi, false, true, AXIS_PERCENT);
    chart_axis_fit(ax, 8);
    ax->broken = ax->lo > 0; /* fitted to the data: the axis says it does not start at 0 */
    snprintf(ax->label, sizeof ax->label, "test accuracy");
}

/* A tick at each level when the labels fit; room at both ends for the markers. */
static void x_axis(const SweepFigure *sw, ChartAxis *ax)
{
    double lo = sw->levels[0], hi = sw->levels[sw->n_levels - 1], range = hi - lo;
    double pad = range > 0 ? 0.06 * range : fmax(0.1, fabs(lo) * 0.1);
    chart_axis_spec(ax, lo - pad, hi + pad, false, false, AXIS_LEVELS);
    ax->n_levels = sw->n_levels;
    for (int l = 0; l < sw->n_levels; l++)
        ax->levels[l] = sw->levels[l];
    chart_axis_fit(ax, CHART_MAX_TICKS);
    snprintf(ax->label, sizeof ax->label, "%.*s", SWEEP_STR(sw->x_label));
}

static void legend(Legend *l, const SweepFigure *sw, const int *order)
{
    memset(l, 0, sizeof *l);
    l->n_cells = sw->n_levels > 1 ? 2 : 1;
    snprintf(l->group[0], sizeof l->group[0], "test accuracy");
    for (int k = 0; k < l->n_cells; k++)
        snprintf(l->sub[k], sizeof l->sub[k], "at %g", sw->levels[k == 0 ? 0 : sw->n_levels - 1]);
    for (int i = 0; i < sw->n_models; i++) {
        int m = order[i];
        const LossStyle *st = loss_style(sw->loss[m]);
        LegendRow *row = &l->rows[l->n_rows++];
        row->model = m;
        row->color = st->color;
        row->letter = st->letter;
        row->shape = st->shape;
        row->dashed = st->color >= 6;
        bool known = (int)sw->loss[m] >= 0 && sw->loss[m] < LOSS_COUNT;
        snprintf(row->symbol, sizeof row->symbol, "%s",
                 known ? loss_def(sw->loss[m])->symbol : "?");
        snprintf(row->key, sizeof row->key, "%s", known ? loss_def(sw->loss[m])->key : "?");
        row->evaluated = true;
        for (int k = 0; k < l->n_cells; k++)
            chart_format_acc(row->cell[k], sizeof row->cell[k],
                             sw->mean[m][k == 0 ? 0 : sw->n_levels - 1]);
    }
}

Status figure_build_sweep(Figure *f, const SweepFigure *sw)
{
    if (!f || sweep_problem(sw))
        return ST_INVAL;
    memset(f, 0, sizeof *f);
    f->kind = FIGURE_SWEEP;
    f->panels = figure_kind_info(FIGURE_SWEEP)->panels;
    snprintf(f->title, sizeof f->title, "%.*s", SWEEP_STR(sw->title));
    if (!f->title[0])
        snprintf(f->title, sizeof f->title, "lossarena sweep");
    snprintf(f->caption, sizeof f->caption, "%.*s", SWEEP_STR(sw->caption));
    for (int l = 0; l < sw->n_levels; l++)
        f->levels[l] = (float)sw->levels[l];

    int order[ARENA_MAX_MODELS];
    rank_models(sw, order);
    LineChart *c = &f->sweep;
    snprintf(c->title, sizeof c->title, "%.*s", SWEEP_STR(sw->title));
    size_t pos =
        (size_t)snprintf(c->note, sizeof c->note,
                         sw->n_seeds > 1 ? "mean ± 1 sd over %d seeds" : "one seed", sw->n_seeds);
    if (sw->n_models > 1 && pos < sizeof c->note)
        snprintf(c->note + pos, sizeof c->note - pos, " · legend ranked by accuracy at %g",
                 sw->levels[sw->n_levels - 1]);
    snprintf(c->empty, sizeof c->empty, "no models");
    c->grid_x = true;
    c->nudge_slots = sw->n_models;
    x_axis(sw, &c->x);
    y_axis(sw, &c->y);
    /* drawn worst first, so the best-ranked model ends on top */
    for (int i = sw->n_models - 1; i >= 0; i--) {
        int m = order[i];
        const LossStyle *st = loss_style(sw->loss[m]);
        ChartSeries *sr = &c->series[c->n_series++];
        sr->x = f->levels;
        sr->y = sw->mean[m];
        sr->err = sw->n_seeds > 1 ? sw->sd[m] : NULL;
        sr->n = sw->n_levels;
        sr->y_scale = 1.0f;
        sr->model = m;
        sr->color = st->color;
        sr->letter = st->letter;
        sr->shape = st->shape;
        /* the palette's first six hues differ the most; beyond them a dash pattern keeps
         * crossing lines of similar hue apart */
        sr->style = st->color >= 6 ? LINE_DASHED : LINE_SOLID;
        sr->marks = MARKS_EVERY;
        sr->nudge = (float)(m - (sw->n_models - 1) / 2.0);
    }
    legend(&f->legend, sw, order);
    return ST_OK;
}
