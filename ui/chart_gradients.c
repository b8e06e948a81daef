/* chart_gradients.c — the gradients and memorisation panels from a Snapshot's diagnostics:
 * gradient shares on the margin histograms' bins, and two pairs of curves per model over time
 * (mean gradient on right / wrong examples; accuracy on true labels / flipped labels
 * memorised). Builders only: fill the figure model, draw nothing, allocate nothing. */
#include "ui/chart_gradients.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


/* The grad-time axis shows at most this many decades below its top: a hinge loss's gradient
 * on right examples reaches 0, and log loss's 1e-9, which would flatten every other curve. */
#define GRAD_MAX_DECADES 6.0

static const ChartView no_view = {.focused = -1};

/* ---- gradient shares by margin ---- */

static void grad_series(GradSeries *g, const ModelSnapshot *ms, const HistSeries *hs)
{
    memset(g, 0, sizeof *g);
    const GradBins *b = &ms->grads;
    int nb = b->n_bins < hs->n_bins ? b->n_bins : hs->n_bins;
    double total = b->below + b->above;
    for (int i = 0; i < nb; i++)
        total += b->grad[i];
    if (nb > 0 && total > 0) {
        for (int i = 0; i < nb; i++) {
            g->grad[i] = (float)(b->grad[i] / total);
            g->grad_flipped[i] = (float)(b->grad_flipped[i] / total);
        }
        g->below = (float)(b->below / total);
        g->above = (float)(b->above / total);
    }
    const Diagnostics *d = &ms->last.diag;
    if (!ms->has_eval || hs->diverged)
        return;
    size_t pos = 0;
    if (d->grad_share_wrong >= 0)
        pos +=
            (size_t)snprintf(g->note, sizeof g->note, "wrong %.0f%%", 100.0 * d->grad_share_wrong);
    if (d->grad_share_flipped >= 0 && pos < sizeof g->note)
        snprintf(g->note + pos, sizeof g->note - pos, "%sflipped %.0f%%", pos ? " · " : "",
                 100.0 * d->grad_share_flipped);
    else if (total <= 0 && pos == 0)
        snprintf(g->note, sizeof g->note, "no gradient");
    pos = strlen(g->note);
    if (hs->own_range && pos < sizeof g->note) /* binned on its own range: say so */
        snprintf(g->note + pos, sizeof g->note - pos, "%s%s", pos ? " · " : "", hs->note);
}

void chart_build_gradients(GradChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x)
{
    if (!v)
        v = &no_view;
    memset(c, 0, sizeof *c);
    chart_build_margins(&c->hist, s, v, max_ticks_x);
    snprintf(c->hist.title, sizeof c->hist.title,
             "Where the gradient comes from: share of Σ‖∇_o L‖ by margin");
    c->flipped = s->n_flipped > 0;
    snprintf(c->hist.note, sizeof c->hist.note, "%s",
             c->flipped ? "bars: gradient, dark: flipped labels · line: examples"
                        : "bars: gradient · line: examples");
    double ymax = 0;
    for (int i = 0; i < c->hist.n; i++) {
        const HistSeries *hs = &c->hist.h[i];
        grad_series(&c->g[i], &s->models[hs->model], hs);
        for (int b = 0; b < hs->n_bins; b++)
            ymax = fmax(ymax, fmax(hs->share[b], c->g[i].grad[b]));
    }
    /* one y scale for both shares (of examples, of gradient), as in chart_build_margins */
    ChartAxis nice;
    axis_fit(&nice, 0.0, ymax > 0 ? ymax : 0.1, false, 5, true);
    chart_axis_spec(&c->hist.y, 0.0, nice.hi, false, false, AXIS_PERCENT);
    chart_axis_fit(&c->hist.y, 5);
    snprintf(c->hist.y.label, sizeof c->hist.y.label, "share");
}

/* ---- curves over time ---- */

static int points(const History *h)
{
    return h->n < 0 ? 0 : h->n > HISTORY_CAP ? HISTORY_CAP : h->n;
}

/* Every visible model's pair of curves (solid, then dashed with hollow markers; the focused
 * model's last, drawn on top); which histories by grads. */
static void add_pairs(LineChart *c, const Snapshot *s, const ChartView *v, bool grads)
{
    int order[ARENA_MAX_MODELS], rank[ARENA_MAX_MODELS] = {0};
    int n_vis = chart_draw_order(s, v, order, rank), focus = chart_focus_of(s, v);
    for (int j = 0; j < n_vis; j++) {
        int m = order[j];
        const ModelSnapshot *ms = &s->models[m];
        const History *pair[2] = {grads ? &ms->grad_correct : &ms->clean_acc,
                                  grads ? &ms->grad_wrong : &ms->memorized};
        for (int k = 0; k < 2; k++) {
            ChartSeries *sr =
                chart_add_model_curve(c, s, m, pair[k], points(pair[k]), k == 1, focus);
            if (sr) {
                sr->mark_rank = rank[m];
                sr->mark_of = n_vis;
            }
        }
    }
    snprintf(c->empty, sizeof c->empty, "%s", n_vis ? "no evaluations yet" : "no models shown");
}

/* The step axis over every series, and the view's marks that fall on it. */
static void step_axis(LineChart *c, const ChartView *v, int max_ticks)
{
    double hi = 0;
    for (int i = 0; i < c->n_series; i++)
        if (c->series[i].n > 0)
            hi = fmax(hi, c->series[i].x[c->series[i].n - 1]);
    chart_axis_spec(&c->x, 0.0, hi > 0 ? hi : 1.0, false, false, AXIS_WHOLE);
    chart_axis_fit(&c->x, max_ticks);
    snprintf(c->x.label, sizeof c->x.label, "step");
    for (int i = 0; i < v->n_marks && c->n_marks < CHART_MAX_MARKS; i++)
        if (v->marks[i].x >= c->x.lo && v->marks[i].x <= c->x.hi)
            c->marks[c->n_marks++] = v->marks[i];
}

void chart_build_grad_time(LineChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x,
                           int max_ticks_y)
{
    if (!v)
        v = &no_view;
    memset(c, 0, sizeof *c);
    snprintf(c->title, sizeof c->title, "Mean ‖∇_o L‖ per example: right (solid), wrong (dashed)");
    snprintf(c->note, sizeof c->note, "right: margin > 0 · log scale");
    c->grid_x = true;
    add_pairs(c, s, v, true);
    step_axis(c, v, max_ticks_x);
    double lo = INFINITY, hi = 0;
    for (int i = 0; i < c->n_series; i++)
        for (int j = 0; j < c->series[i].n; j++) {
            double y = c->series[i].y[j];
            if (y > 0 && isfinite(y)) {
                lo = fmin(lo, y);
                hi = fmax(hi, y);
            }
        }
    if (!(hi > 0)) {
        hi = 1.0;
        lo = 1e-3;
    }
    lo = fmax(lo, hi * pow(10, -GRAD_MAX_DECADES));
    chart_axis_spec(&c->y, lo, hi, true, true, AXIS_NICE);
    chart_axis_fit(&c->y, max_ticks_y);
    snprintf(c->y.label, sizeof c->y.label, "mean ‖∇_o L‖");
}

void chart_build_memorize(LineChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x,
                          int max_ticks_y)
{
    if (!v)
        v = &no_view;
    memset(c, 0, sizeof *c);
    snprintf(c->title, sizeof c->title,
             "Accuracy on true labels (solid), flipped labels memorised (dashed)");
    snprintf(c->note, sizeof c->note, "%s",
             s->n_flipped > 0 ? "training examples" : "no label noise: nothing to memorise");
    c->grid_x = true;
    add_pairs(c, s, v, false);
    if (s->k >= 2) { /* the share a model guessing at random would reach */
        ChartRef *r = &c->refs[c->n_refs++];
        r->y = 1.0 / s->k;
        snprintf(r->label, sizeof r->label, "chance %.0f%%", 100.0 / s->k);
    }
    step_axis(c, v, max_ticks_x);
    chart_axis_spec(&c->y, 0.0, 1.0, false, false, AXIS_PERCENT);
    chart_axis_fit(&c->y, max_ticks_y);
    snprintf(c->y.label, sizeof c->y.label, "share of examples");
}

void figure_build_why(Figure *f, const Snapshot *s, const ChartView *v)
{
    if (f->panels & PANEL_GRADIENTS)
        chart_build_gradients(&f->gradients, s, v, 5);
    if (f->panels & PANEL_GRAD_TIME)
        chart_build_grad_time(&f->grad_time, s, v, 8, 6);
    if (f->panels & PANEL_MEMORIZE)
        chart_build_memorize(&f->memorize, s, v, 8, 6);
    if (f->panels & (PANEL_LENS | PANEL_LENS_MARGINS))
        chart_build_lens(f, s, v, 8, 6);
}
