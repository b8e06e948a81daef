/* chart_lens.c — the loss lens: every shown loss ℓ(z) and its gradient weight |∂ℓ/∂o_c| along
 * the loss card's slice (o = (z, 0, ..., 0), true class first, so z is the margin), each
 * divided by its maximum so that shapes compare, and under them the focused model's live
 * margins on the same axis. Computed with the training code (core/loss.c) into the Figure,
 * whose series borrow the curves; a few thousand loss evaluations, no allocation. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/dataset.h"
#include "ui/chart_gradients.h"
#include "ui/loss_shape.h"
#include "ui/loss_style.h"

/* Live margins wider than this are beyond any loss's interesting part: the axis stops here and
 * the rest is counted at the edges. */
#define LENS_MAX_RANGE 64.0f

static const ChartView no_view = {.focused = -1};

/* The axis: the loss card's ±8, widened to the snapshot's margin range when that is wider. */
static float lens_range(const Snapshot *s)
{
    float r = LOSS_SHAPE_RANGE;
    for (int m = 0; m < chart_model_count(s); m++) {
        const Histogram *h = &s->models[m].margins;
        if (s->models[m].margins_own) /* the shared range, not a range of its own */
            continue;
        if (h->n_bins > 0 && isfinite(h->hi) && h->hi > r) {
            r = h->hi;
            break;
        }
    }
    return r < LENS_MAX_RANGE ? r : LENS_MAX_RANGE;
}

/* ℓ and |∂ℓ/∂o_c| of loss id along the slice, for k classes. */
static void shape_of(Figure *f, LossId id, int k)
{
    float logits[DATASET_MAX_CLASSES] = {0}, grad[DATASET_MAX_CLASSES];
    const int32_t label = 0;
    const LossDef *def = loss_def(id);
    for (int i = 0; i < CHART_LENS_POINTS; i++) {
        logits[0] = f->lens_z[i];
        f->lens_value[id][i] = (float)def->eval(logits, &label, 1, k, grad, NULL);
        f->lens_grad[id][i] = fabsf(grad[0]);
    }
}

static void add_series(LineChart *c, const Figure *f, int m, LossId id, bool gradient, int focus,
                       int rank, int n_vis)
{
    const LossStyle *st = loss_style(id);
    const float *y = gradient ? f->lens_grad[id] : f->lens_value[id];
    const float floor_ = gradient ? 0.0f : (float)st->floor;
    float top = 0.0f;
    for (int i = 0; i < CHART_LENS_POINTS; i++)
        if (isfinite(y[i]))
            top = fmaxf(top, y[i] - floor_);
    ChartSeries *sr = &c->series[c->n_series++];
    memset(sr, 0, sizeof *sr);
    sr->x = f->lens_z;
    sr->y = y;
    sr->n = CHART_LENS_POINTS;
    sr->y_offset = -floor_;
    sr->y_scale = top > 0 && isfinite(1.0f / top) ? 1.0f / top : 1.0f;
    sr->model = m;
    sr->color = st->color;
    sr->letter = st->letter;
    sr->shape = st->shape;
    sr->style = gradient ? LINE_DASHED : LINE_SOLID;
    sr->hollow = gradient;
    sr->focused = m == focus;
    sr->dimmed = focus >= 0 && m != focus;
    sr->marks = MARKS_FEW;
    sr->mark_rank = rank;
    sr->mark_of = n_vis;
}

/* The focused model's margin histogram moved onto the lens's bins (each source bin goes to the
 * lens bin of its centre; the lens range is never narrower, so nothing is lost). */
static void lens_margins(HistChart *hc, const Snapshot *s, int m, float range, int max_ticks_x)
{
    memset(hc, 0, sizeof *hc);
    snprintf(hc->empty, sizeof hc->empty, "no models shown");
    chart_axis_spec(&hc->x, -range, range, false, false, AXIS_NICE);
    chart_axis_fit(&hc->x, max_ticks_x);
    snprintf(hc->x.label, sizeof hc->x.label, "margin z");
    snprintf(hc->title, sizeof hc->title, "Live margins of the focused model");
    snprintf(hc->note, sizeof hc->note, "training examples · dashed: median");
    double ymax = 0;
    if (m >= 0) {
        const ModelSnapshot *ms = &s->models[m];
        const LossStyle *st = loss_style(ms->loss);
        const Histogram *h = &ms->margins;
        HistSeries *hs = &hc->h[hc->n++];
        hs->model = m;
        hs->color = st->color;
        hs->letter = st->letter;
        hs->shape = st->shape;
        snprintf(hs->symbol, sizeof hs->symbol, "%s", loss_def(ms->loss)->symbol);
        snprintf(hs->key, sizeof hs->key, "%s", loss_def(ms->loss)->key);
        hs->diverged = ms->diverged;
        hs->focused = true;
        if (h->total > 0 && h->n_bins > 0 && h->hi > h->lo) {
            const int nb = SNAPSHOT_HIST_BINS;
            hs->n_bins = nb;
            hs->lo = -range;
            hs->hi = range;
            double w = ((double)h->hi - h->lo) / h->n_bins;
            double below = h->below, above = h->above;
            for (int b = 0; b < h->n_bins && b < HIST_MAX_BINS; b++) {
                double centre = h->lo + (b + 0.5) * w;
                if (centre < -range) { /* a model binned on a wider range of its own */
                    below += h->counts[b];
                    continue;
                }
                if (centre >= range) {
                    above += h->counts[b];
                    continue;
                }
                int t = (int)floor((centre + range) / (2.0 * range) * nb);
                t = t < 0 ? 0 : t >= nb ? nb - 1 : t;
                hs->share[t] += (float)((double)h->counts[b] / h->total);
            }
            hs->below = (float)(below / h->total);
            hs->above = (float)(above / h->total);
            for (int b = 0; b < nb; b++)
                ymax = fmax(ymax, hs->share[b]);
        }
        hs->has_median = ms->has_eval && isfinite(ms->last.margin_median);
        hs->median = hs->has_median ? ms->last.margin_median : 0.0f;
        snprintf(hs->note, sizeof hs->note, "%s",
                 ms->diverged      ? "diverged"
                 : hs->n_bins == 0 ? "no data"
                                   : "");
    }
    ChartAxis nice;
    axis_fit(&nice, 0.0, ymax > 0 ? ymax : 0.1, false, 5, true);
    chart_axis_spec(&hc->y, 0.0, nice.hi, false, false, AXIS_PERCENT);
    chart_axis_fit(&hc->y, 5);
    snprintf(hc->y.label, sizeof hc->y.label, "share of examples");
}

void chart_build_lens(Figure *f, const Snapshot *s, const ChartView *v, int max_ticks_x,
                      int max_ticks_y)
{
    if (!v)
        v = &no_view;
    LineChart *c = &f->lens;
    memset(c, 0, sizeof *c);
    const float range = lens_range(s);
    const int k = s->k >= 2 && s->k <= DATASET_MAX_CLASSES ? s->k : 2;
    for (int i = 0; i < CHART_LENS_POINTS; i++)
        f->lens_z[i] = -range + 2.0f * range * (float)i / (CHART_LENS_POINTS - 1);
    snprintf(c->title, sizeof c->title,
             "Loss lens: L(z) (solid) and |dL/do_c| (dashed), each / its max");
    snprintf(c->note, sizeof c->note, "along o = (z, 0, …), k = %d", k);
    snprintf(c->empty, sizeof c->empty, "no models shown");
    int focus = chart_model_visible(s, v, v->focused) ? v->focused : -1;
    int n_vis = 0, rank[ARENA_MAX_MODELS] = {0};
    bool done[LOSS_COUNT] = {false};
    for (int m = 0; m < chart_model_count(s); m++)
        if (chart_model_visible(s, v, m)) {
            rank[m] = n_vis++;
            LossId id = s->models[m].loss;
            if ((int)id >= 0 && id < LOSS_COUNT && !done[id]) {
                shape_of(f, id, k);
                done[id] = true;
            }
        }
    for (int pass = 0; pass < 2; pass++) /* the focused model's curves last, on top */
        for (int m = 0; m < chart_model_count(s); m++) {
            LossId id = s->models[m].loss;
            if (!chart_model_visible(s, v, m) || (pass == 0) == (m == focus) ||
                !((int)id >= 0 && id < LOSS_COUNT))
                continue;
            add_series(c, f, m, id, false, focus, rank[m], n_vis);
            add_series(c, f, m, id, true, focus, rank[m], n_vis);
        }
    chart_axis_spec(&c->x, -range, range, false, false, AXIS_NICE);
    chart_axis_fit(&c->x, max_ticks_x);
    snprintf(c->x.label, sizeof c->x.label, "margin z");
    /* percent of each curve's maximum: the labels are as wide as the margins panel's below,
     * so that the two plots line up on the picture surfaces */
    chart_axis_spec(&c->y, 0.0, 1.0, false, false, AXIS_PERCENT);
    chart_axis_fit(&c->y, max_ticks_y);
    snprintf(c->y.label, sizeof c->y.label, "of its maximum");
    /* the focused model's margins, or the first shown model's */
    int m = focus;
    for (int i = 0; m < 0 && i < chart_model_count(s); i++)
        if (chart_model_visible(s, v, i))
            m = i;
    lens_margins(&f->lens_margins, s, m, range, max_ticks_x);
}
