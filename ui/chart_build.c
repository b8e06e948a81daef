/* chart_build.c — builds the figure model from a Snapshot: loss and accuracy series with their
 * loss's style, margin histograms as shares on one shared scale with medians, legend rows with
 * their formatted cells and the one diverged wording, and the caption and configuration text.
 * Pure computation into caller-owned structs: draws nothing, allocates nothing. */
#include "ui/chart_build.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/loss.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "ui/chart_boundaries.h"
#include "ui/chart_gradients.h"

/* A log loss axis shows at most this many decades below its top (a hinge loss that reaches
 * 1e-38 would otherwise squash every other curve into the top rows). */
#define LOG_MAX_DECADES 8.0

static const ChartView default_view = {.focused = -1};

int chart_model_count(const Snapshot *s)
{
    return s->n_models < 0 ? 0 : s->n_models > ARENA_MAX_MODELS ? ARENA_MAX_MODELS : s->n_models;
}

bool chart_model_visible(const Snapshot *s, const ChartView *v, int m)
{
    return m >= 0 && m < chart_model_count(s) && !v->hidden[m];
}

int chart_focus_of(const Snapshot *s, const ChartView *v)
{
    return chart_model_visible(s, v, v->focused) ? v->focused : -1;
}

int chart_draw_order(const Snapshot *s, const ChartView *v, int order[], int rank[])
{
    int focus = chart_focus_of(s, v), n_vis = 0, n = 0;
    for (int m = 0; m < chart_model_count(s); m++)
        if (chart_model_visible(s, v, m))
            rank[m] = n_vis++;
    for (int pass = 0; pass < 2; pass++)
        for (int m = 0; m < chart_model_count(s); m++)
            if (chart_model_visible(s, v, m) && (pass == 0) != (m == focus))
                order[n++] = m;
    return n;
}

ChartSeries *chart_add_model_curve(LineChart *c, const Snapshot *s, int m, const History *h, int n,
                                   bool second, int focus)
{
    if (n <= 0 || c->n_series >= CHART_MAX_SERIES)
        return NULL;
    const ModelSnapshot *ms = &s->models[m];
    const LossStyle *st = loss_style(ms->loss);
    ChartSeries *sr = &c->series[c->n_series++];
    memset(sr, 0, sizeof *sr);
    sr->x = h->x;
    sr->y = h->y;
    sr->n = n;
    sr->y_scale = 1.0f;
    sr->model = m;
    sr->color = st->color;
    sr->letter = st->letter;
    sr->shape = st->shape;
    sr->style = second ? LINE_DASHED : LINE_SOLID;
    sr->hollow = second;
    sr->focused = m == focus;
    sr->dimmed = focus >= 0 && m != focus;
    sr->diverged = ms->diverged;
    sr->marks = MARKS_FEW;
    return sr;
}

static const char *loss_key(LossId id)
{
    return (int)id >= 0 && id < LOSS_COUNT ? loss_def(id)->key : "?";
}

static const char *loss_symbol(LossId id)
{
    return (int)id >= 0 && id < LOSS_COUNT ? loss_def(id)->symbol : "?";
}

/* ---- line charts ---- */

/* Points of h worth drawing: all of them, or, for a diverged model, those before the first
 * non-finite value (the history up to divergence). */
static int usable_points(const History *h, bool diverged)
{
    int n = h->n < 0 ? 0 : h->n > HISTORY_CAP ? HISTORY_CAP : h->n;
    if (!diverged)
        return n;
    for (int i = 0; i < n; i++)
        if (!isfinite(h->y[i]))
            return i;
    return n;
}

static float first_finite(const History *h, int n)
{
    for (int i = 0; i < n; i++)
        if (isfinite(h->y[i]))
            return h->y[i];
    return NAN;
}

/* Appends the series of model m (train solid, then test dashed) to c; above_floor: plot the
 * loss above its floor (ℓ − inf ℓ), so that Tanimoto's negative loss reads on a log axis and
 * divided by its first value. */
static void add_model_series(LineChart *c, const Snapshot *s, int m, const History *train,
                             const History *test, const float *const spread[2], bool normalise,
                             bool above_floor, int focus)
{
    const ModelSnapshot *ms = &s->models[m];
    const LossStyle *st = loss_style(ms->loss);
    const History *hs[2] = {train, test};
    for (int k = 0; k < 2; k++) {
        ChartSeries *sr = chart_add_model_curve(c, s, m, hs[k], usable_points(hs[k], ms->diverged),
                                                k == 1, focus);
        if (!sr)
            continue;
        sr->y_offset = above_floor ? (float)-st->floor : 0.0f;
        if (normalise) {
            float f = first_finite(hs[k], sr->n) + sr->y_offset;
            if (isfinite(f) && f != 0 && isfinite(1.0f / f))
                sr->y_scale = 1.0f / f;
        }
        sr->err = spread ? spread[k] : NULL;
        sr->band = spread != NULL;
    }
}

/* Visible models' series, the focused model's last so that it is drawn on top; each told its
 * rank among the visible models so that surfaces stagger their markers. */
static void add_all_series(LineChart *c, const Snapshot *s, const ChartView *v, bool loss,
                           bool normalise, bool above_floor)
{
    int order[ARENA_MAX_MODELS], rank[ARENA_MAX_MODELS] = {0};
    int n_vis = chart_draw_order(s, v, order, rank), focus = chart_focus_of(s, v);
    const CurveSpread *sp = v ? v->spread : NULL;
    for (int j = 0; j < n_vis; j++) {
        int m = order[j], first = c->n_series;
        const ModelSnapshot *ms = &s->models[m];
        const float *loss_sd[2] = {sp ? sp->sd[m][SPREAD_TRAIN_LOSS] : NULL,
                                   sp ? sp->sd[m][SPREAD_TEST_LOSS] : NULL};
        const float *acc_sd[2] = {sp ? sp->sd[m][SPREAD_TRAIN_ACC] : NULL,
                                  sp ? sp->sd[m][SPREAD_TEST_ACC] : NULL};
        if (loss)
            add_model_series(c, s, m, &ms->train_loss, &ms->test_loss, sp ? loss_sd : NULL,
                             normalise, above_floor, focus);
        else
            add_model_series(c, s, m, &ms->train_acc, &ms->test_acc, sp ? acc_sd : NULL, false,
                             false, focus);
        for (int i = first; i < c->n_series; i++) {
            c->series[i].mark_rank = rank[m];
            c->series[i].mark_of = n_vis;
        }
    }
}

typedef struct {
    double xlo, xhi;
    double ylo, yhi;
    double ypos_min; /* smallest positive y */
    bool any_x, any_y;
} DataRange;

static void range_of(const LineChart *c, bool skip_diverged, DataRange *r)
{
    r->xlo = INFINITY;
    r->xhi = -INFINITY;
    r->ylo = INFINITY;
    r->yhi = -INFINITY;
    r->ypos_min = INFINITY;
    r->any_x = r->any_y = false;
    for (int i = 0; i < c->n_series; i++) {
        const ChartSeries *sr = &c->series[i];
        bool skip_y = skip_diverged && sr->diverged;
        for (int j = 0; j < sr->n; j++) {
            double x = sr->x[j], y = chart_series_y(sr, j);
            if (!isfinite(x))
                continue;
            r->any_x = true;
            r->xlo = fmin(r->xlo, x);
            r->xhi = fmax(r->xhi, x);
            if (skip_y || !isfinite(y))
                continue;
            r->any_y = true;
            r->ylo = fmin(r->ylo, y);
            r->yhi = fmax(r->yhi, y);
            if (y > 0)
                r->ypos_min = fmin(r->ypos_min, y);
        }
    }
}

/* The view's step axis and smoothing (ui/chart_time.h), before the y range is taken from
 * what is left to show. */
static void time_and_smoothing(LineChart *c, const ChartView *v, int max_ticks_x)
{
    if (v->smooth)
        chart_smooth(c, CHART_EMA_BETA);
    chart_time_axis(c, v->time_axis, v->time_window, max_ticks_x);
    if (v->smooth)
        chart_smooth_title(c, CHART_EMA_BETA);
}

/* The view's marks of changes that fall on the fitted step axis. */
static void add_marks(LineChart *c, const ChartView *v)
{
    c->n_marks = 0;
    for (int i = 0; i < v->n_marks && c->n_marks < CHART_MAX_MARKS; i++)
        if (v->marks[i].x >= c->x.lo && v->marks[i].x <= c->x.hi)
            c->marks[c->n_marks++] = v->marks[i];
}

static void set_empty(LineChart *c, const Snapshot *s, const ChartView *v)
{
    int shown = 0;
    for (int m = 0; m < chart_model_count(s); m++)
        shown += chart_model_visible(s, v, m);
    snprintf(c->empty, sizeof c->empty, "%s", shown ? "no evaluations yet" : "no models shown");
}

/* A diverged model's series are marked so that range_of can skip them: its last finite values
 * can be astronomically large and would flatten every other curve (its curve is clipped at the
 * top instead). With only diverged models, theirs are used. */
void chart_build_loss(LineChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x,
                      int max_ticks_y)
{
    if (!v)
        v = &default_view;
    memset(c, 0, sizeof *c);
    /* the log and normalised views measure a loss from its floor, when a shown loss has one
     * below 0 (Tanimoto): on a log axis and as a ratio, ℓ itself would mislead */
    bool above_floor = false;
    if (v->log_y || v->normalise)
        for (int m = 0; m < chart_model_count(s); m++)
            above_floor |=
                chart_model_visible(s, v, m) && loss_style(s->models[m].loss)->floor != 0;
    snprintf(c->title, sizeof c->title, "%s%s%s", above_floor ? "Loss above its floor" : "Loss",
             v->normalise ? " / first value" : "", v->log_y ? ", log scale" : "");
    c->style_key = true;
    c->grid_x = true;
    add_all_series(c, s, v, true, v->normalise, above_floor);
    set_empty(c, s, v);
    time_and_smoothing(c, v, max_ticks_x);

    DataRange r;
    range_of(c, true, &r);
    if (!r.any_y)
        range_of(c, false, &r);
    add_marks(c, v);

    if (v->log_y) {
        double hi = r.any_y && r.yhi > 0 ? r.yhi : 1.0;
        double lo = isfinite(r.ypos_min) ? r.ypos_min : hi * 1e-3;
        lo = fmax(lo, hi * pow(10, -LOG_MAX_DECADES));
        chart_axis_spec(&c->y, lo, hi, true, true, AXIS_NICE);
    } else {
        double lo = r.any_y ? r.ylo : 0, hi = r.any_y ? r.yhi : 1;
        chart_axis_spec(&c->y, lo, hi, false, true, AXIS_NICE);
    }
    chart_axis_fit(&c->y, max_ticks_y);
    snprintf(c->y.label, sizeof c->y.label, "%s%s", above_floor ? "ℓ − inf ℓ" : "loss",
             v->normalise ? " / first" : "");
}

/* Accuracy keeps the fixed range [0, 1]: curves stay comparable across time, models and
 * figures, and a model stuck at chance reads as such at a glance. */
void chart_build_accuracy(LineChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x,
                          int max_ticks_y)
{
    if (!v)
        v = &default_view;
    memset(c, 0, sizeof *c);
    snprintf(c->title, sizeof c->title, "Accuracy");
    c->style_key = true;
    c->grid_x = true;
    add_all_series(c, s, v, false, false, false);
    /* chance (guessing the class) and the target of --target-acc, for scale */
    if (s->k >= 2) {
        ChartRef *r = &c->refs[c->n_refs++];
        r->y = 1.0 / s->k;
        snprintf(r->label, sizeof r->label, "chance %.0f%%", 100.0 / s->k);
    }
    if (v->target_acc > 0 && v->target_acc <= 1) {
        ChartRef *r = &c->refs[c->n_refs++];
        r->y = v->target_acc;
        snprintf(r->label, sizeof r->label, "target %g%%", 100.0 * v->target_acc);
    }
    set_empty(c, s, v);
    time_and_smoothing(c, v, max_ticks_x);
    add_marks(c, v);
    chart_axis_spec(&c->y, 0.0, 1.0, false, false, AXIS_NICE);
    chart_axis_fit(&c->y, max_ticks_y);
    snprintf(c->y.label, sizeof c->y.label, "accuracy");
}

/* ---- margin histograms ---- */

static void hist_series(HistSeries *hs, const ModelSnapshot *ms, int m, int focus)
{
    const LossStyle *st = loss_style(ms->loss);
    const Histogram *h = &ms->margins;
    memset(hs, 0, sizeof *hs);
    hs->model = m;
    hs->color = st->color;
    hs->letter = st->letter;
    hs->shape = st->shape;
    snprintf(hs->symbol, sizeof hs->symbol, "%s", loss_symbol(ms->loss));
    snprintf(hs->key, sizeof hs->key, "%s", loss_key(ms->loss));
    hs->diverged = ms->diverged;
    hs->focused = m == focus;
    hs->dimmed = ms->diverged || (focus >= 0 && m != focus);
    if (h->total > 0 && h->n_bins > 0 && h->hi > h->lo) {
        hs->n_bins = h->n_bins < HIST_MAX_BINS ? h->n_bins : HIST_MAX_BINS;
        hs->lo = h->lo;
        hs->hi = h->hi;
        for (int b = 0; b < hs->n_bins; b++)
            hs->share[b] = (float)((double)h->counts[b] / h->total);
        hs->below = (float)((double)h->below / h->total);
        hs->above = (float)((double)h->above / h->total);
    }
    hs->has_median = ms->has_eval && isfinite(ms->last.margin_median);
    hs->median = hs->has_median ? ms->last.margin_median : 0.0f;
    hs->own_range = ms->margins_own && hs->n_bins > 0;
    if (ms->diverged || hs->n_bins == 0)
        snprintf(hs->note, sizeof hs->note, "%s", ms->diverged ? "diverged" : "no data");
    else if (hs->own_range)
        snprintf(hs->note, sizeof hs->note, "own range ±%g", (double)hs->hi);
}

void chart_build_margins(HistChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x)
{
    if (!v)
        v = &default_view;
    memset(c, 0, sizeof *c);
    snprintf(c->title, sizeof c->title, "Decision margin o_c − max_{j≠c} o_j");
    if (v->spread) /* each seed bins on its own range: the histograms are one seed's */
        snprintf(c->note, sizeof c->note, "training examples of seed %llu · dashed: median",
                 (unsigned long long)s->cfg.seed);
    else
        snprintf(c->note, sizeof c->note, "training examples · dashed: median");
    snprintf(c->empty, sizeof c->empty, "no models shown");
    int focus = chart_focus_of(s, v);
    /* every model's histogram shares one range (but those binned on their own); take it from
     * the first that has it */
    double lo = NAN, hi = NAN;
    for (int m = 0; m < chart_model_count(s); m++) {
        const Histogram *h = &s->models[m].margins;
        if (!s->models[m].margins_own && h->n_bins > 0 && isfinite(h->lo) && isfinite(h->hi) &&
            h->hi > h->lo) {
            lo = h->lo;
            hi = h->hi;
            break;
        }
    }
    if (!isfinite(lo)) {
        lo = -1;
        hi = 1;
    }
    double ymax = 0;
    for (int m = 0; m < chart_model_count(s); m++) {
        if (!chart_model_visible(s, v, m))
            continue;
        HistSeries *hs = &c->h[c->n++];
        hist_series(hs, &s->models[m], m, focus);
        for (int b = 0; b < hs->n_bins; b++)
            ymax = fmax(ymax, hs->share[b]);
    }
    /* the bins fix the range: ticks inside it, never widened */
    chart_axis_spec(&c->x, lo, hi, false, false, AXIS_NICE);
    chart_axis_fit(&c->x, max_ticks_x);
    snprintf(c->x.label, sizeof c->x.label, "margin");
    /* one y scale for every histogram and every surface: the largest share, rounded up to a
     * nice value once here, so surfaces with few or many ticks scale the bars alike */
    ChartAxis nice;
    axis_fit(&nice, 0.0, ymax > 0 ? ymax : 0.1, false, 5, true);
    chart_axis_spec(&c->y, 0.0, nice.hi, false, false, AXIS_PERCENT);
    chart_axis_fit(&c->y, 5);
    snprintf(c->y.label, sizeof c->y.label, "share of examples");
}

/* ---- legend ---- */

void chart_format_loss(char *out, size_t n, double v)
{
    double a = fabs(v);
    if (!isfinite(v)) {
        snprintf(out, n, "%s", isnan(v) ? "NaN" : v > 0 ? "inf" : "-inf");
    } else if (a == 0) {
        snprintf(out, n, "0");
    } else if (a >= 1e4 || a < 1e-3) {
        int e = (int)floor(log10(a));
        double m = v / pow(10, e);
        if (fabs(m) >= 9.995) {
            m /= 10;
            e++;
        }
        snprintf(out, n, "%.2fe%d", m, e);
    } else {
        int d = 3 - (int)floor(log10(a));
        d = d < 0 ? 0 : d > 4 ? 4 : d;
        snprintf(out, n, "%.*f", d, v);
    }
}

void chart_format_acc(char *out, size_t n, double v)
{
    if (!isfinite(v))
        snprintf(out, n, "-");
    else
        snprintf(out, n, "%.1f%%", v * 100.0);
}

void chart_build_legend(Legend *l, const Snapshot *s, const ChartView *v)
{
    if (!v)
        v = &default_view;
    memset(l, 0, sizeof *l);
    l->n_cells = 4;
    snprintf(l->group[0], sizeof l->group[0], "loss");
    snprintf(l->group[1], sizeof l->group[1], "accuracy");
    static const char *const sub[4] = {"train", "test", "train", "test"};
    for (int k = 0; k < 4; k++)
        snprintf(l->sub[k], sizeof l->sub[k], "%s", sub[k]);
    int focus = chart_focus_of(s, v);
    for (int m = 0; m < chart_model_count(s); m++) {
        const ModelSnapshot *ms = &s->models[m];
        const LossStyle *st = loss_style(ms->loss);
        LegendRow *row = &l->rows[l->n_rows++];
        row->model = m;
        row->color = st->color;
        row->letter = st->letter;
        row->shape = st->shape;
        snprintf(row->symbol, sizeof row->symbol, "%s", loss_symbol(ms->loss));
        snprintf(row->key, sizeof row->key, "%s", loss_key(ms->loss));
        row->diverged = ms->diverged;
        row->hidden = v->hidden[m];
        row->focused = m == focus;
        row->evaluated = ms->has_eval;
        if (ms->has_eval) {
            chart_format_loss(row->cell[0], sizeof row->cell[0], ms->last.train_loss);
            chart_format_loss(row->cell[1], sizeof row->cell[1], ms->last.test_loss);
            chart_format_acc(row->cell[2], sizeof row->cell[2], ms->last.train_acc);
            chart_format_acc(row->cell[3], sizeof row->cell[3], ms->last.test_acc);
        }
        if (ms->diverged)
            chart_diverged_text(row->status, sizeof row->status, ms->diverged_why,
                                ms->diverged_step, ms->diverged_lr);
        else if (!ms->has_eval)
            snprintf(row->status, sizeof row->status, "not evaluated yet");
        if (ms->diverged && ms->diverged_step <= CHART_EARLY_DIVERGENCE)
            snprintf(l->footnote, sizeof l->footnote, "diverged in its first steps: %s",
                     CHART_EARLY_ADVICE);
    }
}

/* ---- decision boundary ---- */

void chart_build_boundary(BoundaryMap *b, const Snapshot *s, int m)
{
    memset(b, 0, sizeof *b);
    b->model = m;
    snprintf(b->title, sizeof b->title, "Decision boundary");
    if (!s->has_grid || m < 0 || m >= chart_model_count(s))
        return;
    const ModelSnapshot *ms = &s->models[m];
    const LossStyle *st = loss_style(ms->loss);
    b->ok = true;
    b->color = st->color;
    b->letter = st->letter;
    snprintf(b->key, sizeof b->key, "%s", loss_key(ms->loss));
    b->diverged = ms->diverged;
    snprintf(b->title, sizeof b->title, "Decision boundary · %s%s", b->key,
             b->diverged ? " (diverged)" : "");
    b->grid = ARENA_GRID;
    b->cls = ms->grid;
    b->conf = ms->grid_conf;
    for (int i = 0; i < 2; i++) {
        b->lo[i] = s->grid_lo[i];
        b->hi[i] = s->grid_hi[i];
    }
    b->n_points = s->n_points < 0                     ? 0
                  : s->n_points > SNAPSHOT_MAX_POINTS ? SNAPSHOT_MAX_POINTS
                                                      : s->n_points;
    b->px = s->point_x;
    b->py = s->point_y;
    b->pcls = s->point_class;
    b->pflip = s->point_flipped;
}

/* ---- caption, configuration, whole figures ---- */

/* Appends formatted text to buf[0..n) at *pos, truncating safely. */
static void append(char *buf, size_t n, size_t *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t n, size_t *pos, const char *fmt, ...)
{
    if (!buf || *pos + 1 >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *pos, n - *pos, fmt, ap);
    va_end(ap);
    if (k > 0)
        *pos = *pos + (size_t)k >= n ? n - 1 : *pos + (size_t)k;
}

static const char *optim_string(const OptimConfig *o)
{
    return (int)o->kind >= 0 && o->kind < OPT_COUNT ? optim_name(o->kind) : "?";
}

void figure_describe(const Snapshot *s, char *caption, size_t caplen, char *config, size_t conflen)
{
    const ArenaConfig *c = &s->cfg;
    char arch[96];
    chart_arch_text(arch, sizeof arch, s->dim, &s->cfg, s->k);
    if (caption && caplen > 0) {
        size_t pos = 0;
        caption[0] = '\0';
        append(caption, caplen, &pos, "%s · %d train / %d test · MLP %s · %s lr %g",
               s->dataset[0] ? s->dataset : "data", s->n_train, s->n_test, arch,
               optim_string(&c->opt), (double)c->opt.lr);
        if (c->opt.kind == OPT_MOMENTUM)
            append(caption, caplen, &pos, " (momentum %g%s)", (double)c->opt.momentum,
                   c->opt.nesterov ? ", Nesterov" : "");
        append(caption, caplen, &pos, " · batch %d · label noise %g%%", c->batch,
               c->label_noise * 100.0);
        if (s->n_flipped > 0)
            append(caption, caplen, &pos, " (%d flipped)", s->n_flipped);
        append(caption, caplen, &pos, " · input noise %g · seed %llu · step %ld (epoch %.1f)",
               c->input_noise, (unsigned long long)c->seed, s->step, s->epoch);
    }
    if (config && conflen > 0) {
        size_t pos = 0;
        config[0] = '\0';
        append(config, conflen, &pos, "--dataset %s --losses ", s->dataset[0] ? s->dataset : "?");
        for (int m = 0; m < chart_model_count(s); m++)
            append(config, conflen, &pos, "%s%s", m ? "," : "", loss_key(s->models[m].loss));
        append(config, conflen, &pos, " --hidden ");
        for (int i = 0; i < c->n_hidden && i < MLP_MAX_HIDDEN; i++)
            append(config, conflen, &pos, "%s%d", i ? "," : "", c->hidden[i]);
        append(config, conflen, &pos,
               " --activation %s --optimizer %s --lr %g --batch %d --label-noise %g"
               " --input-noise %g --eval-every %d --seed %llu --steps %ld",
               (int)c->act >= 0 && c->act < ACT_COUNT ? activation_name(c->act) : "?",
               optim_string(&c->opt), (double)c->opt.lr, c->batch, c->label_noise, c->input_noise,
               c->eval_every, (unsigned long long)c->seed, s->step);
    }
}

Status figure_build(Figure *f, const Snapshot *s, const ChartView *v, FigureKind kind)
{
    const FigureKindInfo *info = figure_kind_info(kind);
    if (!f || !s || !info || !info->selectable)
        return ST_INVAL;
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->panels = info->panels;
    snprintf(f->title, sizeof f->title, "lossarena %s: %s, %d losses, step %ld%s", info->name,
             s->dataset[0] ? s->dataset : "data", chart_model_count(s), s->step,
             v && v->spread ? ", mean ± sd over seeds" : "");
    figure_describe(s, f->caption, sizeof f->caption, NULL, 0);
    if (v && v->spread) { /* the caption's seed is the first of several */
        size_t pos = strlen(f->caption);
        append(f->caption, sizeof f->caption, &pos, " · curves: mean ± sd of %d seeds from %llu",
               v->spread->n_seeds, (unsigned long long)s->cfg.seed);
    }
    if (f->panels & PANEL_LOSS)
        chart_build_loss(&f->loss, s, v, 8, 8);
    if (f->panels & PANEL_ACCURACY)
        chart_build_accuracy(&f->accuracy, s, v, 8, 8);
    if (f->panels & PANEL_MARGINS)
        chart_build_margins(&f->margins, s, v, 5);
    if (f->panels & PANEL_WHY)
        figure_build_why(f, s, v); /* ui/chart_gradients.c */
    chart_build_legend(&f->legend, s, v);
    if (f->panels & PANEL_BOUNDARIES)
        chart_build_boundaries(&f->boundaries, s, v ? v->hidden : NULL);
    if (f->legend.footnote[0]) { /* the pictures say it under the figure */
        size_t pos = strlen(f->caption);
        append(f->caption, sizeof f->caption, &pos, " · %s", f->legend.footnote);
    }
    /* the dashboard shows the focused model's boundary on 2-D data, as the screen does */
    if (kind == FIGURE_DASHBOARD && s->has_grid) {
        if (!v)
            v = &default_view;
        chart_build_boundary(&f->boundary, s, chart_focus_of(s, v) >= 0 ? chart_focus_of(s, v) : 0);
        if (f->boundary.ok)
            f->panels |= PANEL_BOUNDARY;
    }
    return ST_OK;
}
