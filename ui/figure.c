/* figure.c — lays out and draws the PNG figures: line panels (loss, accuracy), margin-histogram
 * small multiples, the accuracy-vs-noise panel of a sweep, the legend table and the caption, all
 * scaled from one unit (1 at 1600×1000), plus the text chunks that say how a figure was made.
 * Draws only through ui/raster.c, reads only the Snapshot (or SweepFigure) and the chart model;
 * allocates only in the figure_write_* functions. */
#include "ui/figure.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/loss.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "ui/palette.h"

#ifndef LOSSARENA_VERSION
#define LOSSARENA_VERSION "unknown"
#endif

typedef struct {
    double x0, y0, x1, y1;
} Box;

typedef struct {
    Raster *r;
    const Font *font;
    const Snapshot *s;        /* borrowed; NULL when drawing a sweep */
    const SweepFigure *sweep; /* borrowed; NULL when drawing a Snapshot */
    const ChartView *v;
    int order[ARENA_MAX_MODELS]; /* the models the legend lists, top to bottom */
    int n_order;
    bool dark;
    Rgb bg, fg, muted, grid, spine, panel, warn;
    double u;                                                  /* layout unit: 1 at 1600 × 1000 */
    double fs_tick, fs_label, fs_title, fs_legend, fs_caption; /* text sizes, px */
    double line_w, marker;                                     /* curve width, marker size, px */
    int focus; /* the focused visible model, or -1 */
} Fig;

/* ---- names ---------------------------------------------------------------------------------- */

static const char *const kind_names[FIGURE_COUNT] = {"dashboard", "loss", "accuracy", "margins"};

const char *figure_kind_name(FigureKind kind)
{
    return (int)kind >= 0 && kind < FIGURE_COUNT ? kind_names[kind] : "?";
}

int figure_kind_by_name(const char *name)
{
    for (int k = 0; name && k < FIGURE_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0)
            return k;
    return -1;
}

MarkerShape figure_marker_shape(LossId loss)
{
    static const MarkerShape shapes[LOSS_COUNT] = {
        [LOSS_LOG] = MARKER_CIRCLE,
        [LOSS_LOG2] = MARKER_SQUARE,
        [LOSS_L1] = MARKER_TRIANGLE_UP,
        [LOSS_L2] = MARKER_TRIANGLE_DOWN,
        [LOSS_L1_SOFTMAX] = MARKER_DIAMOND,
        [LOSS_L2_SOFTMAX] = MARKER_PENTAGON,
        [LOSS_LINF_SOFTMAX] = MARKER_HEXAGON,
        [LOSS_HINGE] = MARKER_STAR,
        [LOSS_HINGE2] = MARKER_PLUS,
        [LOSS_HINGE3] = MARKER_TRIANGLE_RIGHT,
        [LOSS_TANIMOTO] = MARKER_TRIANGLE_LEFT,
        [LOSS_CAUCHY_SCHWARZ] = MARKER_RING,
    };
    return (int)loss >= 0 && loss < LOSS_COUNT ? shapes[loss] : MARKER_CIRCLE;
}

/* ---- caption and metadata ---------------------------------------------------------------------
 */

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

static int model_count(const Snapshot *s)
{
    return s->n_models < 0 ? 0 : s->n_models > ARENA_MAX_MODELS ? ARENA_MAX_MODELS : s->n_models;
}

static const char *loss_key(LossId id)
{
    return (int)id >= 0 && id < LOSS_COUNT ? loss_def(id)->key : "?";
}

static const char *loss_symbol(LossId id)
{
    return (int)id >= 0 && id < LOSS_COUNT ? loss_def(id)->symbol : "?";
}

static void arch_string(const Snapshot *s, char *out, size_t n)
{
    size_t pos = 0;
    out[0] = '\0';
    const ArenaConfig *c = &s->cfg;
    append(out, n, &pos, "%d", s->dim);
    for (int i = 0; i < c->n_hidden && i < MLP_MAX_HIDDEN; i++)
        append(out, n, &pos, "-%d", c->hidden[i]);
    append(out, n, &pos, "-%d %s", s->k,
           (int)c->act >= 0 && c->act < ACT_COUNT ? activation_name(c->act) : "?");
}

static const char *optim_string(const OptimConfig *o)
{
    return (int)o->kind >= 0 && o->kind < OPT_COUNT ? optim_name(o->kind) : "?";
}

void figure_describe(const Snapshot *s, char *caption, size_t caplen, char *config, size_t conflen)
{
    const ArenaConfig *c = &s->cfg;
    char arch[96];
    arch_string(s, arch, sizeof arch);
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
        for (int m = 0; m < model_count(s); m++)
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

void figure_meta(FigureMeta *m, const Snapshot *s, FigureKind kind)
{
    memset(m, 0, sizeof *m);
    snprintf(m->title, sizeof m->title, "lossarena %s: %s, %d losses, step %ld",
             figure_kind_name(kind), s->dataset[0] ? s->dataset : "data", model_count(s), s->step);
    snprintf(m->software, sizeof m->software, "lossarena %s", LOSSARENA_VERSION);
    snprintf(m->seed, sizeof m->seed, "%llu", (unsigned long long)s->cfg.seed);
    snprintf(m->step, sizeof m->step, "%ld (epoch %.2f)", s->step, s->epoch);
    figure_describe(s, m->caption, sizeof m->caption, m->config, sizeof m->config);
    const char *keys[6] = {"Title", "Software", "Description", "Seed", "Step", "Configuration"};
    const char *vals[6] = {m->title, m->software, m->caption, m->seed, m->step, m->config};
    for (int i = 0; i < 6; i++)
        m->text[i] = (PngText){keys[i], vals[i]};
    m->n_text = 6;
}

/* ---- text -------------------------------------------------------------------------------------
 */

/* Text with simple subscripts: "_c", "_CS", "_{j≠c}" are set smaller and lower, so the
 * paper's symbols (D_CS, o_c) read as they do in print. */
typedef struct {
    const char *p;
    size_t n;
    bool sub;
} Run;

static int text_runs(const char *s, Run *runs, int max)
{
    int k = 0;
    const char *start = s;
    while (*s && k < max) {
        bool brace = s[0] == '_' && s[1] == '{';
        bool word = s[0] == '_' && ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z') ||
                                    (s[1] >= '0' && s[1] <= '9'));
        if (!brace && !word) {
            s++;
            continue;
        }
        if (s > start && k < max)
            runs[k++] = (Run){start, (size_t)(s - start), false};
        const char *b = s + (brace ? 2 : 1), *e = b;
        if (brace) {
            while (*e && *e != '}')
                e++;
        } else {
            while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9'))
                e++;
        }
        if (k < max)
            runs[k++] = (Run){b, (size_t)(e - b), true};
        s = (brace && *e == '}') ? e + 1 : e;
        start = s;
    }
    if (s > start && k < max)
        runs[k++] = (Run){start, (size_t)(s - start), false};
    return k;
}

static void run_copy(const Run *r, char *buf, size_t n)
{
    size_t k = r->n < n - 1 ? r->n : n - 1;
    memcpy(buf, r->p, k);
    buf[k] = '\0';
}

static double text_width(const Fig *f, FontFace face, double size, const char *s)
{
    Run runs[16];
    int n = text_runs(s, runs, 16);
    double w = 0;
    char buf[256];
    for (int i = 0; i < n; i++) {
        run_copy(&runs[i], buf, sizeof buf);
        w += font_text_width(f->font, face, runs[i].sub ? size * 0.72 : size, buf);
    }
    return w;
}

static double cap_h(const Fig *f, double size)
{
    return font_cap_height(f->font, FONT_REGULAR, size);
}

/* Draws s with its baseline at y; returns its width. */
static double text_draw(Fig *f, FontFace face, double size, TextAlign align, double x, double y,
                        Rgb c, const char *s)
{
    double w = text_width(f, face, size, s);
    double pen = align == TEXT_CENTER ? x - w / 2 : align == TEXT_RIGHT ? x - w : x;
    Run runs[16];
    int n = text_runs(s, runs, 16);
    char buf[256];
    for (int i = 0; i < n; i++) {
        run_copy(&runs[i], buf, sizeof buf);
        double sz = runs[i].sub ? size * 0.72 : size;
        TextStyle st = {f->font, face, sz, TEXT_LEFT, false, c, 1.0};
        pen += raster_text(f->r, &st, pen, runs[i].sub ? y + size * 0.2 : y, buf);
    }
    return w;
}

/* Vertical text (reading upwards) centred on (x, y); x is the baseline. */
static void text_vertical(Fig *f, double size, double x, double y, Rgb c, const char *s)
{
    TextStyle st = {f->font, FONT_REGULAR, size, TEXT_CENTER, true, c, 1.0};
    raster_text(f->r, &st, x, y, s);
}

/* Text sizes: continuous below 40 px; above, multiples of 16 px, so big figures get the font
 * at a whole multiple of its nominal 8×16 size. */
static double font_px(double px)
{
    if (px < 7)
        return 7;
    return px >= 40 ? round(px / 16) * 16 : px;
}

/* ---- numbers ----------------------------------------------------------------------------------
 */

static void fmt_loss(char *out, size_t n, double v)
{
    double a = fabs(v);
    if (!isfinite(v)) {
        snprintf(out, n, "%s", isnan(v) ? "NaN" : v > 0 ? "∞" : "−∞");
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

static void fmt_acc(char *out, size_t n, double v)
{
    if (!isfinite(v))
        snprintf(out, n, "–");
    else
        snprintf(out, n, "%.1f%%", v * 100.0);
}

/* ---- primitives on top of the raster ----------------------------------------------------------
 */

static double snap(double v)
{
    return floor(v + 0.5);
}

/* A crisp horizontal or vertical rule of thickness t from (x0, y0) to (x1, y1). */
static void rule(Fig *f, double x0, double y0, double x1, double y1, double t, Rgb c)
{
    t = t < 1 ? 1 : round(t);
    if (y0 == y1) {
        double y = snap(y0 - t / 2);
        raster_rect(f->r, snap(x0), y, snap(x1), y + t, c, 1.0);
    } else {
        double x = snap(x0 - t / 2);
        raster_rect(f->r, x, snap(y0), x + t, snap(y1), c, 1.0);
    }
}

/* Models of the figure's source, a Snapshot or a SweepFigure. */
static int fig_model_count(const Fig *f)
{
    if (f->sweep) {
        int n = f->sweep->n_models;
        return n < 0 ? 0 : n > ARENA_MAX_MODELS ? ARENA_MAX_MODELS : n;
    }
    return model_count(f->s);
}

static LossId fig_model_loss(const Fig *f, int m)
{
    return f->sweep ? f->sweep->loss[m] : f->s->models[m].loss;
}

/* A sweep draws the lines of models 6 and up dashed: the palette's first six hues differ the
 * most, and beyond them a line pattern keeps crossing lines of similar hue apart. (A Snapshot's
 * figures keep dashes for test curves.) */
static bool model_dashed(const Fig *f, int m)
{
    return f->sweep && m >= 6;
}

static bool model_visible(const Fig *f, int m)
{
    return m >= 0 && m < fig_model_count(f) && !(f->v && f->v->hidden[m]);
}

static Rgb model_color(const Fig *f, int m)
{
    return palette_color(m, f->dark);
}

/* A marker of model m: filled for train (solid) curves, hollow for test (dashed) ones. */
static void model_marker(Fig *f, int m, double x, double y, double size, bool hollow)
{
    Rgb c = model_color(f, m);
    MarkerShape shape = figure_marker_shape(fig_model_loss(f, m));
    if (hollow)
        raster_marker(f->r, shape, x, y, size, f->bg, c, fmax(1.2, 1.5 * f->u));
    else
        raster_marker(f->r, shape, x, y, size, c, f->bg, fmax(0.8, 0.9 * f->u));
}

static void diverged_mark(Fig *f, int m, double x, double y)
{
    raster_marker(f->r, MARKER_CROSS, x, y, f->marker * 1.35, model_color(f, m), f->fg,
                  fmax(1.0, 1.2 * f->u));
}

/* ---- line panels (loss, accuracy) -------------------------------------------------------------
 */

/* Widest tick label of an axis, px. */
static double ticks_width(const Fig *f, const ChartAxis *ax)
{
    double w = 0;
    for (int i = 0; i < ax->n_ticks; i++)
        w = fmax(w, text_width(f, FONT_REGULAR, f->fs_tick, ax->tick_labels[i]));
    return w;
}

/* True when the x tick labels, centred on their ticks over [x0, x1], keep a gap. */
static bool xticks_fit(const Fig *f, const ChartAxis *ax, double x0, double x1)
{
    double prev_right = -INFINITY;
    for (int i = 0; i < ax->n_ticks; i++) {
        double x = x0 + axis_frac(ax, ax->ticks[i]) * (x1 - x0);
        double w = text_width(f, FONT_REGULAR, f->fs_tick, ax->tick_labels[i]);
        if (x - w / 2 < prev_right + f->fs_tick * 0.9)
            return false;
        prev_right = x + w / 2;
    }
    return true;
}

/* Index of the point of x[0..n) nearest to t (x increasing). */
static int nearest_index(const float *x, int n, double t)
{
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (x[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && fabs(x[lo - 1] - t) < fabs(x[lo] - t))
        lo--;
    return lo;
}

/* Rank of model m among the visible ones, and how many there are (to stagger markers). */
static int visible_rank(const Fig *f, int m, int *count)
{
    int rank = 0, n = 0;
    for (int i = 0; i < model_count(f->s); i++)
        if (model_visible(f, i)) {
            if (i < m)
                rank++;
            n++;
        }
    *count = n > 0 ? n : 1;
    return rank;
}

/* The title row of a panel, with a train/test line-style key at its right when asked. */
static void panel_title(Fig *f, Box b, const char *title, bool style_key)
{
    double base = b.y0 + cap_h(f, f->fs_title);
    double tw = text_draw(f, FONT_BOLD, f->fs_title, TEXT_LEFT, b.x0, base, f->fg, title);
    if (!style_key)
        return;
    /* "—— train   - - - test", right-aligned, if it fits beside the title */
    double fs = f->fs_tick, seg = 2.2 * fs, gap = 0.5 * fs;
    double w_train = text_width(f, FONT_REGULAR, fs, "train");
    double w_test = text_width(f, FONT_REGULAR, fs, "test");
    double total = seg + gap + w_train + 1.4 * fs + seg + gap + w_test;
    if (b.x1 - total < b.x0 + tw + 2 * fs)
        return;
    double x = b.x1 - total, y = base - cap_h(f, fs) / 2;
    raster_line(f->r, x, y, x + seg, y, f->line_w, f->muted, 1.0);
    x += seg + gap;
    x += text_draw(f, FONT_REGULAR, fs, TEXT_LEFT, x, base, f->muted, "train") + 1.4 * fs;
    raster_stroke_begin(f->r, f->line_w, 6 * f->u, 4 * f->u);
    raster_stroke_to(f->r, x, y);
    raster_stroke_to(f->r, x + seg, y);
    raster_stroke_end(f->r, f->muted, 1.0);
    x += seg + gap;
    text_draw(f, FONT_REGULAR, fs, TEXT_LEFT, x, base, f->muted, "test");
}

/* Gridlines, spines, ticks and tick labels of a line chart plotted in p. */
static void axes_draw(Fig *f, const LineChart *c, Box p, bool grid_x)
{
    double tick = 5 * f->u, pad = 4 * f->u, t = fmax(1, round(f->u));
    for (int i = 0; i < c->y.n_ticks; i++) {
        double y = p.y1 - axis_frac(&c->y, c->y.ticks[i]) * (p.y1 - p.y0);
        rule(f, p.x0, y, p.x1, y, t, f->grid);
    }
    for (int i = 0; grid_x && i < c->x.n_ticks; i++) {
        double x = p.x0 + axis_frac(&c->x, c->x.ticks[i]) * (p.x1 - p.x0);
        rule(f, x, p.y0, x, p.y1, t, f->grid);
    }
    double sw = fmax(1, round(1.2 * f->u));
    rule(f, p.x0, p.y1, p.x1, p.y1, sw, f->spine);
    rule(f, p.x0, p.y0, p.x0, p.y1 + sw / 2, sw, f->spine);
    double ch = cap_h(f, f->fs_tick);
    for (int i = 0; i < c->y.n_ticks; i++) {
        double y = p.y1 - axis_frac(&c->y, c->y.ticks[i]) * (p.y1 - p.y0);
        rule(f, p.x0 - tick, y, p.x0, y, sw, f->spine);
        text_draw(f, FONT_REGULAR, f->fs_tick, TEXT_RIGHT, p.x0 - tick - pad, y + ch / 2, f->fg,
                  c->y.tick_labels[i]);
    }
    for (int i = 0; i < c->x.n_ticks; i++) {
        double x = p.x0 + axis_frac(&c->x, c->x.ticks[i]) * (p.x1 - p.x0);
        rule(f, x, p.y1, x, p.y1 + tick, sw, f->spine);
        text_draw(f, FONT_REGULAR, f->fs_tick, TEXT_CENTER, x, p.y1 + tick + pad + ch, f->fg,
                  c->x.tick_labels[i]);
    }
}

static void series_draw(Fig *f, const LineChart *c, const ChartSeries *sr, Box p, bool markers)
{
    bool dimmed = f->focus >= 0 && !sr->focused;
    double lw = sr->focused ? f->line_w * 1.6 : f->line_w;
    double alpha = dimmed ? 0.35 : 1.0;
    bool dashed = sr->style == LINE_DASHED;
    Rgb col = model_color(f, sr->model);
    if (!markers) {
        raster_stroke_begin(f->r, lw, dashed ? 7 * f->u : 0, dashed ? 4.5 * f->u : 0);
        for (int i = 0; i < sr->n; i++) {
            double fx = axis_frac(&c->x, sr->x[i]);
            double fy = axis_frac(&c->y, (double)sr->y[i] * sr->y_scale);
            raster_stroke_to(f->r, p.x0 + fx * (p.x1 - p.x0), p.y1 - fy * (p.y1 - p.y0));
        }
        raster_stroke_end(f->r, col, alpha);
        return;
    }
    if (sr->n < 1 || dimmed)
        return;
    /* a few markers along the curve, staggered between models so they do not pile up */
    int n_vis, rank = visible_rank(f, sr->model, &n_vis);
    const int n_marks = 4;
    double x_lo = sr->x[0], x_hi = sr->x[sr->n - 1];
    const ModelSnapshot *ms = &f->s->models[sr->model];
    for (int k = 0; k < n_marks && x_hi > x_lo; k++) {
        double t = x_lo + (x_hi - x_lo) * (k + (rank + 0.5) / n_vis) / n_marks;
        int i = nearest_index(sr->x, sr->n, t);
        if (ms->diverged && i == sr->n - 1)
            continue; /* the end of a diverged curve gets the cross */
        double fy = axis_frac(&c->y, (double)sr->y[i] * sr->y_scale);
        if (!(fy >= -0.02 && fy <= 1.02))
            continue;
        double x = p.x0 + axis_frac(&c->x, sr->x[i]) * (p.x1 - p.x0);
        model_marker(f, sr->model, x, p.y1 - fy * (p.y1 - p.y0),
                     f->marker * (sr->focused ? 1.3 : 1), dashed);
    }
    if (ms->diverged && !dashed) {
        int i = sr->n - 1;
        double fy = axis_frac(&c->y, (double)sr->y[i] * sr->y_scale);
        fy = isfinite(fy) ? fmin(fmax(fy, 0.0), 1.0) : 1.0;
        double x = p.x0 + axis_frac(&c->x, sr->x[i]) * (p.x1 - p.x0);
        diverged_mark(f, sr->model, x, p.y1 - fy * (p.y1 - p.y0));
    }
}

static void panel_line(Fig *f, Box b, bool loss)
{
    LineChart c;
    const char *title;
    if (loss)
        title = f->v && f->v->normalise ? "Loss / first value" : "Loss";
    else
        title = "Accuracy";
    panel_title(f, b, title, true);

    double tick = 5 * f->u, pad = 4 * f->u;
    double ch = cap_h(f, f->fs_tick);
    Box p;
    p.y0 = b.y0 + f->fs_title * 1.25 + ch;
    p.y1 = b.y1 - (tick + pad + f->fs_tick + pad + f->fs_label * 0.95);
    double label_w = f->fs_label * 1.15; /* the rotated axis label */
    int mx = 10, my = 10;
    double ytw = text_width(f, FONT_REGULAR, f->fs_tick, "0.000");
    for (int iter = 0; iter < 24; iter++) {
        p.x0 = b.x0 + label_w + pad + ytw + pad + tick;
        p.x1 = b.x1 - f->fs_tick * 1.6; /* room for half of the last x label */
        int est_y = (int)((p.y1 - p.y0) / (f->fs_tick * 2.4)) + 1;
        if (my > est_y)
            my = est_y;
        if (my < 2)
            my = 2;
        if (loss)
            chart_build_loss(&c, f->s, f->v, mx, my);
        else
            chart_build_accuracy(&c, f->s, f->v, mx, my);
        double w = ticks_width(f, &c.y);
        if (fabs(w - ytw) > 0.5) {
            ytw = w;
            continue;
        }
        if (!xticks_fit(f, &c.x, p.x0, p.x1) && mx > 2) {
            mx--;
            continue;
        }
        break;
    }
    axes_draw(f, &c, p, true);
    double base = b.x0 + cap_h(f, f->fs_label) * 1.25;
    text_vertical(f, f->fs_label, base, (p.y0 + p.y1) / 2, f->fg, c.y.label);
    text_draw(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (p.x0 + p.x1) / 2,
              b.y1 - f->fs_label * 0.3, f->fg, c.x.label);

    /* curves: test (dashed) under train (solid); markers on top of every line */
    double m = fmax(f->line_w, f->marker / 2) + 2;
    raster_clip(f->r, (int)floor(p.x0 - m), (int)floor(p.y0 - m), (int)ceil(p.x1 + m),
                (int)ceil(p.y1 + m));
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < c.n_series; i++)
            if ((c.series[i].style == LINE_DASHED) == (pass == 0))
                series_draw(f, &c, &c.series[i], p, false);
    for (int i = 0; i < c.n_series; i++)
        series_draw(f, &c, &c.series[i], p, true);
    raster_unclip(f->r);
    if (c.n_series == 0) {
        int shown = 0;
        for (int i = 0; i < model_count(f->s); i++)
            shown += model_visible(f, i);
        text_draw(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (p.x0 + p.x1) / 2, (p.y0 + p.y1) / 2,
                  f->muted, shown ? "no evaluations yet" : "no models shown");
    }
}

/* ---- margin histograms: small multiples -------------------------------------------------------
 */

static double hist_max_frac(const Fig *f, const HistChart *hc)
{
    double mx = 0;
    for (int i = 0; i < hc->n_models; i++) {
        const Histogram *h = &f->s->models[hc->models[i]].margins;
        if (h->total == 0)
            continue;
        for (int b = 0; b < h->n_bins && b < HIST_MAX_BINS; b++)
            mx = fmax(mx, (double)h->counts[b] / h->total);
    }
    return mx > 0 ? mx : 0.1;
}

static void pct_label(char *out, size_t n, double v, double step)
{
    if (step >= 0.01 - 1e-12)
        snprintf(out, n, "%.0f%%", v * 100);
    else
        snprintf(out, n, "%.1f%%", v * 100);
}

/* One model's histogram in the plot box p, with x axis hx and y axis hy. */
static void hist_cell(Fig *f, const HistChart *hc, const ChartAxis *hy, int m, Box p)
{
    const ModelSnapshot *ms = &f->s->models[m];
    const Histogram *h = &ms->margins;
    Rgb col = model_color(f, m);
    raster_rect(f->r, p.x0, p.y0, p.x1, p.y1, f->panel, 1.0);
    double t = fmax(1, round(f->u));
    for (int i = 0; i < hy->n_ticks; i++) {
        double y = p.y1 - axis_frac(hy, hy->ticks[i]) * (p.y1 - p.y0);
        rule(f, p.x0, y, p.x1, y, t, f->grid);
    }
    for (int i = 0; i < hc->x.n_ticks; i++) {
        double x = p.x0 + axis_frac(&hc->x, hc->x.ticks[i]) * (p.x1 - p.x0);
        rule(f, x, p.y0, x, p.y1, t, f->grid);
    }
    raster_clip(f->r, (int)floor(p.x0), (int)floor(p.y0), (int)ceil(p.x1), (int)ceil(p.y1));
    bool dim = ms->diverged || (f->focus >= 0 && f->focus != m);
    if (h->total > 0 && h->n_bins > 0 && h->hi > h->lo) {
        int nb = h->n_bins < HIST_MAX_BINS ? h->n_bins : HIST_MAX_BINS;
        double bw = ((double)h->hi - h->lo) / nb;
        raster_stroke_begin(f->r, fmax(1.0, 1.4 * f->u), 0, 0);
        for (int b = 0; b < nb; b++) {
            double fr = (double)h->counts[b] / h->total;
            double xa = p.x0 + axis_frac(&hc->x, h->lo + b * bw) * (p.x1 - p.x0);
            double xb = p.x0 + axis_frac(&hc->x, h->lo + (b + 1) * bw) * (p.x1 - p.x0);
            double y = p.y1 - axis_frac(hy, fr) * (p.y1 - p.y0);
            raster_rect(f->r, xa, y, xb, p.y1, col, dim ? 0.15 : 0.35);
            raster_stroke_to(f->r, xa, b == 0 ? p.y1 : y);
            raster_stroke_to(f->r, xa, y);
            raster_stroke_to(f->r, xb, y);
            if (b == nb - 1)
                raster_stroke_to(f->r, xb, p.y1);
        }
        raster_stroke_end(f->r, col, dim ? 0.45 : 1.0);
    }
    /* the decision boundary: margin 0 */
    double x0 = p.x0 + axis_frac(&hc->x, 0.0) * (p.x1 - p.x0);
    if (x0 >= p.x0 && x0 <= p.x1)
        rule(f, x0, p.y0, x0, p.y1, fmax(1, round(1.5 * f->u)), f->fg);
    if (ms->has_eval && isfinite(ms->last.margin_median)) {
        double xm = p.x0 + axis_frac(&hc->x, ms->last.margin_median) * (p.x1 - p.x0);
        raster_stroke_begin(f->r, fmax(1.0, 1.3 * f->u), 4 * f->u, 3 * f->u);
        raster_stroke_to(f->r, xm, p.y0);
        raster_stroke_to(f->r, xm, p.y1);
        raster_stroke_end(f->r, col, 1.0);
    }
    /* examples beyond the range: their share at the edges */
    double fs = f->fs_tick * 0.85, base = p.y0 + cap_h(f, fs) + 3 * f->u;
    char buf[32];
    if (h->total > 0 && h->below * 100u >= h->total) {
        snprintf(buf, sizeof buf, "←%.0f%%", 100.0 * h->below / h->total);
        text_draw(f, FONT_REGULAR, fs, TEXT_LEFT, p.x0 + 3 * f->u, base, f->muted, buf);
    }
    if (h->total > 0 && h->above * 100u >= h->total) {
        snprintf(buf, sizeof buf, "%.0f%%→", 100.0 * h->above / h->total);
        text_draw(f, FONT_REGULAR, fs, TEXT_RIGHT, p.x1 - 3 * f->u, base, f->muted, buf);
    }
    raster_unclip(f->r);
    double sw = fmax(1, round(f->u));
    rule(f, p.x0, p.y1, p.x1, p.y1, sw, f->spine);
}

/* The small title of a histogram cell: marker, symbol, id (when it fits). */
static void hist_cell_title(Fig *f, int m, Box cell, double base)
{
    const ModelSnapshot *ms = &f->s->models[m];
    double fs = f->fs_legend, mk = f->marker;
    double x = cell.x0 + mk / 2 + 1;
    model_marker(f, m, x, base - cap_h(f, fs) / 2, mk, false);
    x += mk / 2 + 0.45 * fs;
    x += text_draw(f, FONT_BOLD, fs, TEXT_LEFT, x, base, f->fg, loss_symbol(ms->loss));
    const char *note = ms->diverged ? "diverged" : loss_key(ms->loss);
    double wn = text_width(f, FONT_REGULAR, fs * 0.85, note);
    if (x + 0.5 * fs + wn <= cell.x1)
        text_draw(f, FONT_REGULAR, fs * 0.85, TEXT_LEFT, x + 0.5 * fs, base,
                  ms->diverged ? f->warn : f->muted, note);
}

static void panel_margins(Fig *f, Box b)
{
    const char *title = "Decision margin o_c − max_{j≠c} o_j";
    panel_title(f, b, title, false);
    double tw = text_width(f, FONT_BOLD, f->fs_title, title);
    const char *note = "training examples · dashed: median";
    double nw = text_width(f, FONT_REGULAR, f->fs_tick, note);
    if (b.x0 + tw + 3 * f->fs_tick + nw <= b.x1 && f->u >= 0.7)
        text_draw(f, FONT_REGULAR, f->fs_tick, TEXT_RIGHT, b.x1, b.y0 + cap_h(f, f->fs_title),
                  f->muted, note);

    HistChart hc;
    chart_build_margins(&hc, f->s, f->v, 5);
    int n = hc.n_models;
    double tick = 4 * f->u, pad = 4 * f->u, ch = cap_h(f, f->fs_tick);
    double title_row = f->fs_legend * 1.45;
    Box g = {b.x0, b.y0 + f->fs_title * 1.3, b.x1,
             b.y1 - (tick + pad + f->fs_tick + pad + f->fs_label * 0.95)};
    if (n == 0) {
        text_draw(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2,
                  f->muted, "no models shown");
        return;
    }
    /* y: the share of examples per bin, one scale for every cell */
    ChartAxis hy;
    memset(&hy, 0, sizeof hy);
    double ymax = hist_max_frac(f, &hc);
    double gutter =
        f->fs_label * 1.15 + pad + text_width(f, FONT_REGULAR, f->fs_tick, "100%") + pad + tick;
    g.x0 += gutter;
    /* grid shape: the rows × columns whose cells come closest to 1.5 : 1; the x tick labels
     * of a cell with no cell below it go where that cell's title would be */
    int best_rows = 1;
    double best = INFINITY;
    double hgap = f->fs_tick * 1.2, vgap = f->fs_tick * 0.7;
    for (int rows = 1; rows <= 4 && rows <= n; rows++) {
        int cols = (n + rows - 1) / rows;
        double cw = (g.x1 - g.x0 - (cols - 1) * hgap) / cols;
        double chh = (g.y1 - g.y0 - (rows - 1) * vgap) / rows - title_row;
        if (cw <= 0 || chh <= 0)
            continue;
        double score = fabs(log(cw / chh / 1.5));
        if (score < best) {
            best = score;
            best_rows = rows;
        }
    }
    int rows = best_rows, cols = (n + rows - 1) / rows;
    double cw = (g.x1 - g.x0 - (cols - 1) * hgap) / cols;
    double row_h = (g.y1 - g.y0 - (rows - 1) * vgap) / rows;
    double plot_h = row_h - title_row;
    int my = (int)(plot_h / (f->fs_tick * 2.2)) + 1;
    axis_fit(&hy, 0.0, ymax, false, my < 2 ? 2 : my > 5 ? 5 : my, true);
    /* x ticks: as many as fit under a cell; the gap between cells then holds the end labels
     * that stick out, so that neighbours' labels never touch */
    for (int iter = 0; iter < 3; iter++) {
        for (int mx = 5; mx >= 2; mx--) {
            chart_build_margins(&hc, f->s, f->v, mx);
            if (xticks_fit(f, &hc.x, 0, cw))
                break;
        }
        double over = 0;
        if (hc.x.n_ticks > 0) {
            double wl = text_width(f, FONT_REGULAR, f->fs_tick, hc.x.tick_labels[0]);
            double wr = text_width(f, FONT_REGULAR, f->fs_tick, hc.x.tick_labels[hc.x.n_ticks - 1]);
            double xl = axis_frac(&hc.x, hc.x.ticks[0]) * cw;
            double xr = axis_frac(&hc.x, hc.x.ticks[hc.x.n_ticks - 1]) * cw;
            over = fmax(0, wl / 2 - xl) + fmax(0, xr + wr / 2 - cw);
        }
        double need = over + f->fs_tick * 0.9;
        if (cols < 2 || need <= hgap + 0.5)
            break;
        hgap = need;
        cw = (g.x1 - g.x0 - (cols - 1) * hgap) / cols;
    }
    double step = hy.n_ticks > 1 ? hy.ticks[1] - hy.ticks[0] : 0.1;
    for (int i = 0; i < n; i++) {
        int r = i / cols, col = i % cols;
        Box cell = {g.x0 + col * (cw + hgap), g.y0 + r * (row_h + vgap), 0, 0};
        cell.x1 = cell.x0 + cw;
        cell.y1 = cell.y0 + row_h;
        Box p = {cell.x0, cell.y0 + title_row, cell.x1, cell.y0 + title_row + plot_h};
        hist_cell_title(f, hc.models[i], cell, cell.y0 + cap_h(f, f->fs_legend) + 2 * f->u);
        hist_cell(f, &hc, &hy, hc.models[i], p);
        double sw = fmax(1, round(1.2 * f->u));
        if (col == 0) { /* y tick labels on the left column */
            for (int k = 0; k < hy.n_ticks; k++) {
                double y = p.y1 - axis_frac(&hy, hy.ticks[k]) * (p.y1 - p.y0);
                char lab[16];
                pct_label(lab, sizeof lab, hy.ticks[k], step);
                rule(f, p.x0 - tick, y, p.x0, y, sw, f->spine);
                text_draw(f, FONT_REGULAR, f->fs_tick, TEXT_RIGHT, p.x0 - tick - pad, y + ch / 2,
                          f->fg, lab);
            }
        }
        if (i + cols >= n) { /* no cell below: x tick labels */
            for (int k = 0; k < hc.x.n_ticks; k++) {
                double x = p.x0 + axis_frac(&hc.x, hc.x.ticks[k]) * (p.x1 - p.x0);
                rule(f, x, p.y1, x, p.y1 + tick, sw, f->spine);
                text_draw(f, FONT_REGULAR, f->fs_tick, TEXT_CENTER, x, p.y1 + tick + pad + ch,
                          f->fg, hc.x.tick_labels[k]);
            }
        }
    }
    double base = b.x0 + cap_h(f, f->fs_label) * 1.25;
    text_vertical(f, f->fs_label, base, (g.y0 + title_row + g.y1) / 2, f->fg, "share of examples");
    text_draw(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (g.x0 + g.x1) / 2,
              b.y1 - f->fs_label * 0.3, f->fg, hc.x.label);
}

/* ---- legend -----------------------------------------------------------------------------------
 */

typedef struct {
    double fs, row_h;
    double w_sample, w_sym, w_id, w_num, gap;
    bool show_id, show_nums;
    int n_nums; /* number columns: loss and accuracy, train and test (4); a sweep's 2 (or 1) */
    int cols, per_col; /* entries side by side (only without numbers) */
    double entry_w, col_gap;
    double width, height;
} Legend;

/* The x values a sweep's legend reports accuracy at: the lowest and the highest level. */
static void sweep_level_label(const Fig *f, int first, char *out, size_t n)
{
    const SweepFigure *sw = f->sweep;
    snprintf(out, n, "at %g", sw->levels[first ? 0 : sw->n_levels - 1]);
}

static void legend_measure(const Fig *f, Legend *L, double fs, bool show_id, bool show_nums,
                           int cols)
{
    L->fs = fs;
    L->row_h = fs * 1.55;
    L->gap = fs * 0.8;
    L->w_sample = fs * 2.6;
    L->w_sym = L->w_id = 0;
    for (int i = 0; i < f->n_order; i++) {
        LossId id = fig_model_loss(f, f->order[i]);
        L->w_sym = fmax(L->w_sym, text_width(f, FONT_BOLD, fs, loss_symbol(id)));
        L->w_id = fmax(L->w_id, text_width(f, FONT_REGULAR, fs * 0.85, loss_key(id)));
    }
    L->w_num =
        fmax(text_width(f, FONT_REGULAR, fs, "0.0000"), text_width(f, FONT_REGULAR, fs, "100.0%"));
    L->n_nums = !f->sweep ? 4 : f->sweep->n_levels > 1 ? 2 : 1;
    if (f->sweep) {
        char lab[32];
        for (int k = 0; k < L->n_nums; k++) {
            sweep_level_label(f, k == 0, lab, sizeof lab);
            L->w_num = fmax(L->w_num, text_width(f, FONT_REGULAR, fs * 0.9, lab));
        }
    }
    L->show_id = show_id;
    L->show_nums = show_nums;
    L->entry_w = L->w_sample + L->gap + L->w_sym + (show_id ? L->gap + L->w_id : 0) +
                 (show_nums ? L->n_nums * (L->gap + L->w_num) : 0);
    int rows = f->n_order;
    L->cols = show_nums || cols < 1 ? 1 : cols;
    L->per_col = (rows + L->cols - 1) / L->cols;
    L->col_gap = 1.5 * L->gap;
    L->width = L->cols * L->entry_w + (L->cols - 1) * L->col_gap;
    L->height = (L->per_col + (show_nums ? 2.3 : 0.3)) * L->row_h;
}

/* The richest legend that fits in max_w × max_h, shrinking the text if it must. */
static void legend_fit(const Fig *f, Legend *L, double max_w, double max_h)
{
    for (double fs = f->fs_legend; fs >= 7; fs -= 0.5) {
        legend_measure(f, L, fs, true, true, 1);
        if (L->width <= max_w && L->height <= max_h)
            return;
        legend_measure(f, L, fs, false, true, 1);
        if (L->width <= max_w && L->height <= max_h)
            return;
        if (fs <= f->fs_legend * 0.8) { /* names only, in up to three columns */
            for (int cols = 1; cols <= 3; cols++) {
                legend_measure(f, L, fs, false, false, cols);
                if (L->width <= max_w && L->height <= max_h)
                    return;
            }
        }
    }
    /* nothing fits: names only, as many columns as fit the width, text as small as needed */
    int cols = 3;
    for (; cols > 1; cols--) {
        legend_measure(f, L, 7, false, false, cols);
        if (L->width <= max_w)
            break;
    }
    double fs = fmin(7, max_h / ((L->per_col + 0.3) * 1.55));
    legend_measure(f, L, fs > 4 ? fs : 4, false, false, cols);
}

/* The two header rows over the number columns, whose right ends are col_r[0..n_nums). */
static void legend_header(Fig *f, const Legend *L, double x_sym, const double *col_r, double base)
{
    double fs = L->fs;
    if (f->sweep) {
        /* centred over the columns, but never past the legend's right edge */
        const char *head = "test accuracy";
        double hw = text_width(f, FONT_BOLD, fs, head), right = col_r[L->n_nums - 1];
        double mid = fmin((col_r[0] - L->w_num + right) / 2, right - hw / 2);
        text_draw(f, FONT_BOLD, fs, TEXT_CENTER, mid, base, f->fg, head);
    } else {
        text_draw(f, FONT_BOLD, fs, TEXT_CENTER, (col_r[0] - L->w_num + col_r[1]) / 2, base, f->fg,
                  "loss");
        text_draw(f, FONT_BOLD, fs, TEXT_CENTER, (col_r[2] - L->w_num + col_r[3]) / 2, base, f->fg,
                  "accuracy");
    }
    base += L->row_h * 0.95;
    static const char *const sub[4] = {"train", "test", "train", "test"};
    for (int k = 0; k < L->n_nums; k++) {
        char lab[32];
        if (f->sweep)
            sweep_level_label(f, k == 0, lab, sizeof lab);
        else
            snprintf(lab, sizeof lab, "%s", sub[k]);
        text_draw(f, FONT_REGULAR, fs * 0.9, TEXT_RIGHT, col_r[k], base, f->muted, lab);
    }
    text_draw(f, FONT_REGULAR, fs * 0.9, TEXT_LEFT, x_sym, base, f->muted, "loss id");
}

/* The numbers of model m's row; x_num is where the columns start. */
static void legend_numbers(Fig *f, const Legend *L, int m, double x_num, const double *col_r,
                           double base)
{
    double fs = L->fs;
    if (f->sweep) {
        const SweepFigure *sw = f->sweep;
        for (int k = 0; k < L->n_nums; k++) {
            char buf[32];
            fmt_acc(buf, sizeof buf, sw->mean[m][k == 0 ? 0 : sw->n_levels - 1]);
            text_draw(f, FONT_REGULAR, fs, TEXT_RIGHT, col_r[k], base, f->fg, buf);
        }
        return;
    }
    const ModelSnapshot *ms = &f->s->models[m];
    if (ms->diverged) {
        char buf[96];
        double span = col_r[3] - (x_num + L->gap);
        snprintf(buf, sizeof buf, "diverged at step %ld (%s)", ms->diverged_step,
                 diverge_reason_str(ms->diverged_why));
        if (text_width(f, FONT_REGULAR, fs, buf) > span)
            snprintf(buf, sizeof buf, "diverged at step %ld", ms->diverged_step);
        if (text_width(f, FONT_REGULAR, fs, buf) > span)
            snprintf(buf, sizeof buf, "diverged");
        text_draw(f, FONT_REGULAR, fs, TEXT_RIGHT, col_r[3], base, f->warn, buf);
    } else if (ms->has_eval) {
        char buf[4][32];
        fmt_loss(buf[0], sizeof buf[0], ms->last.train_loss);
        fmt_loss(buf[1], sizeof buf[1], ms->last.test_loss);
        fmt_acc(buf[2], sizeof buf[2], ms->last.train_acc);
        fmt_acc(buf[3], sizeof buf[3], ms->last.test_acc);
        for (int k = 0; k < 4; k++)
            text_draw(f, FONT_REGULAR, fs, TEXT_RIGHT, col_r[k], base, f->fg, buf[k]);
    } else {
        text_draw(f, FONT_REGULAR, fs, TEXT_RIGHT, col_r[3], base, f->muted, "not evaluated yet");
    }
}

static void legend_draw(Fig *f, const Legend *L, double x, double y)
{
    double fs = L->fs, ch = cap_h(f, fs);
    double x_sym = x + L->w_sample + L->gap;
    double x_id = x_sym + L->w_sym + L->gap;
    double x_num = (L->show_id ? x_id + L->w_id : x_sym + L->w_sym); /* right end before numbers */
    double col_r[4];
    for (int k = 0; k < 4; k++)
        col_r[k] = x_num + (k + 1) * (L->gap + L->w_num);
    double row = y;
    if (L->show_nums) {
        legend_header(f, L, x_sym, col_r, row + ch + 2);
        row += L->row_h * 2.0;
        rule(f, x, row, col_r[L->n_nums - 1], row, fmax(1, round(f->u)), f->grid);
        row += L->row_h * 0.3;
    }
    double top = row;
    for (int entry = 0; entry < f->n_order; entry++) {
        int m = f->order[entry];
        if (entry > 0 && entry % L->per_col == 0) { /* the next column */
            x += L->entry_w + L->col_gap;
            x_sym += L->entry_w + L->col_gap;
            x_id += L->entry_w + L->col_gap;
            row = top;
        }
        LossId loss = fig_model_loss(f, m);
        double mid = row + L->row_h / 2, base = mid + ch / 2;
        Rgb col = model_color(f, m);
        if (f->focus == m)
            raster_rect(f->r, x - 0.3 * fs, row, x + L->entry_w + 0.3 * fs, row + L->row_h, f->grid,
                        1.0);
        /* the line sample with its marker: also the exact colour swatch of the model */
        double y0 = snap(mid - f->line_w / 2), y1 = y0 + fmax(2, round(f->line_w));
        if (model_dashed(f, m)) { /* three dashes */
            for (int k = 0; k < 3; k++)
                raster_rect(f->r, snap(x + k * 0.36 * L->w_sample), y0,
                            snap(x + (k * 0.36 + 0.28) * L->w_sample), y1, col, 1.0);
        } else {
            raster_rect(f->r, snap(x), y0, snap(x + L->w_sample), y1, col, 1.0);
        }
        model_marker(f, m, x + L->w_sample / 2, mid, fmin(f->marker * 1.15, L->row_h * 0.8), false);
        text_draw(f, FONT_BOLD, fs, TEXT_LEFT, x_sym, base, f->fg, loss_symbol(loss));
        if (L->show_id)
            text_draw(f, FONT_REGULAR, fs * 0.85, TEXT_LEFT, x_id, base, f->muted, loss_key(loss));
        if (L->show_nums)
            legend_numbers(f, L, m, x_num, col_r, base);
        row += L->row_h;
    }
}

/* ---- caption ----------------------------------------------------------------------------------
 */

/* Splits the caption at " · " into lines no wider than w; returns the number of lines (<= 4)
 * and the byte offsets where each starts. */
static int caption_lines(const Fig *f, const char *cap, double w, double fs, size_t starts[4],
                         size_t ends[4])
{
    static const char sep[] = " · ";
    size_t len = strlen(cap), pos = 0;
    int n = 0;
    char buf[512];
    while (pos < len && n < 4) {
        size_t best_end = len;
        size_t try_end = pos;
        for (;;) {
            const char *hit = strstr(cap + try_end + (try_end > pos ? strlen(sep) : 0), sep);
            size_t end = hit ? (size_t)(hit - cap) : len;
            size_t k = end - pos < sizeof buf - 1 ? end - pos : sizeof buf - 1;
            memcpy(buf, cap + pos, k);
            buf[k] = '\0';
            if (text_width(f, FONT_REGULAR, fs, buf) > w && try_end > pos) {
                best_end = try_end;
                break;
            }
            best_end = end;
            if (!hit)
                break;
            try_end = end;
        }
        starts[n] = pos;
        ends[n] = best_end;
        n++;
        pos = best_end < len ? best_end + strlen(sep) : len;
    }
    return n;
}

/* Draws caption cap (wrapped at " · ") with its last line's descenders at y_bottom, or only
 * measures it; returns its height. */
static double caption_draw(Fig *f, const char *cap, double x0, double x1, double y_bottom,
                           bool measure_only)
{
    size_t st[4], en[4];
    int n = caption_lines(f, cap, x1 - x0, f->fs_caption, st, en);
    double lh = f->fs_caption * 1.3;
    if (measure_only)
        return n * lh;
    for (int i = 0; i < n; i++) {
        char buf[512];
        size_t k = en[i] - st[i] < sizeof buf - 1 ? en[i] - st[i] : sizeof buf - 1;
        memcpy(buf, cap + st[i], k);
        buf[k] = '\0';
        double base =
            y_bottom - (n - 1 - i) * lh - font_descent(f->font, FONT_REGULAR, f->fs_caption);
        text_draw(f, FONT_REGULAR, f->fs_caption, TEXT_LEFT, x0, base, f->muted, buf);
    }
    return n * lh;
}

/* ---- whole figures ----------------------------------------------------------------------------
 */

/* Prepares f to draw Snapshot s (through view v, may be NULL) or, when s is NULL, sweep. */
static void fig_setup(Fig *f, Raster *r, const Font *font, const Snapshot *s,
                      const SweepFigure *sweep, const ChartView *v, FigureTheme theme)
{
    memset(f, 0, sizeof *f);
    f->r = r;
    f->font = font;
    f->s = s;
    f->sweep = s ? NULL : sweep;
    f->v = v;
    for (int m = 0; m < fig_model_count(f); m++)
        if (model_visible(f, m))
            f->order[f->n_order++] = m;
    f->dark = theme == THEME_DARK;
    f->bg = palette_background(f->dark);
    if (f->dark) {
        f->fg = (Rgb){0xE8, 0xE8, 0xE8};
        f->muted = (Rgb){0xA8, 0xA8, 0xA8};
        f->grid = (Rgb){0x3C, 0x3C, 0x3C};
        f->spine = (Rgb){0xB8, 0xB8, 0xB8};
        f->panel = (Rgb){0x2E, 0x2E, 0x2E};
        f->warn = (Rgb){0xFF, 0x7B, 0x72};
    } else {
        f->fg = (Rgb){0x22, 0x22, 0x22};
        f->muted = (Rgb){0x5F, 0x5F, 0x5F};
        f->grid = (Rgb){0xE3, 0xE3, 0xE3};
        f->spine = (Rgb){0x44, 0x44, 0x44};
        f->panel = (Rgb){0xF7, 0xF7, 0xF7};
        f->warn = (Rgb){0xC0, 0x1F, 0x1F};
    }
    f->u = fmin(r->w / (double)FIGURE_DEFAULT_W, r->h / (double)FIGURE_DEFAULT_H);
    /* text shrinks more slowly than the figure, so small figures stay legible */
    double ut = f->u >= 1 ? f->u : pow(f->u, 0.6);
    f->fs_tick = font_px(17 * ut);
    f->fs_label = font_px(18 * ut);
    f->fs_title = font_px(21 * ut);
    f->fs_legend = font_px(17 * ut);
    f->fs_caption = font_px(16 * ut);
    f->line_w = fmax(1.2, 2.2 * f->u);
    f->marker = fmax(6, 11 * f->u);
    f->focus = v && model_visible(f, v->focused) ? v->focused : -1;
}

Status figure_render(Raster *r, const Font *font, const Snapshot *s, const ChartView *v,
                     FigureKind kind, FigureTheme theme)
{
    if ((int)kind < 0 || kind >= FIGURE_COUNT || (int)theme < 0 || theme >= THEME_COUNT || !r ||
        !font || !s)
        return ST_INVAL;
    Fig f;
    fig_setup(&f, r, font, s, NULL, v, theme);
    raster_unclip(r);
    raster_fill(r, f.bg);
    double M = fmax(8, 22 * f.u);
    Box all = {M, M * 0.8, r->w - M, r->h - M * 0.6};
    char cap[512];
    figure_describe(s, cap, sizeof cap, NULL, 0);
    double cap_h_px = caption_draw(&f, cap, all.x0, all.x1, all.y1, true);
    caption_draw(&f, cap, all.x0, all.x1, all.y1, false);
    Box content = {all.x0, all.y0, all.x1, all.y1 - cap_h_px - f.fs_caption * 0.9};
    double gap = fmax(10, 34 * f.u);

    /* the legend: right of the line panels (dashboard, single panels) */
    Legend L;
    double top_h =
        kind == FIGURE_DASHBOARD ? (content.y1 - content.y0) * 0.55 : content.y1 - content.y0;
    legend_fit(&f, &L, (content.x1 - content.x0) * (kind == FIGURE_DASHBOARD ? 0.34 : 0.4),
               top_h - f.fs_title * 1.3);
    double legend_x = content.x1 - L.width;
    Box left = {content.x0, content.y0, legend_x - gap * 0.8, content.y0 + top_h};
    panel_title(&f, (Box){legend_x, content.y0, content.x1, content.y1}, "Models", false);
    legend_draw(&f, &L, legend_x, content.y0 + f.fs_title * 1.3);

    switch (kind) {
    case FIGURE_DASHBOARD: {
        double half = (left.x1 - left.x0 - gap) / 2;
        panel_line(&f, (Box){left.x0, left.y0, left.x0 + half, left.y1}, true);
        panel_line(&f, (Box){left.x0 + half + gap, left.y0, left.x1, left.y1}, false);
        panel_margins(&f, (Box){content.x0, left.y1 + gap * 0.9, content.x1, content.y1});
        break;
    }
    case FIGURE_LOSS:
        panel_line(&f, left, true);
        break;
    case FIGURE_ACCURACY:
        panel_line(&f, left, false);
        break;
    case FIGURE_MARGINS:
        panel_margins(&f, left);
        break;
    case FIGURE_COUNT:
        break;
    }
    raster_unclip(r);
    return ST_OK;
}

/* ---- the sweep figure: test accuracy against a noise level -------------------------------------
 */

/* Why sw cannot be drawn, or NULL when it can. */
static const char *sweep_problem(const SweepFigure *sw)
{
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

/* A SweepFigure's fixed-size string for "%.*s": read no further than its array, even if the
 * caller filled all of it without a terminating NUL. */
#define SWEEP_STR(field) (int)sizeof(field), (field)

/* The legend lists the models best first by accuracy at the highest level, so that it reads as
 * a ranking and, top to bottom, meets the lines where they end; models without a number there
 * come last, and ties keep model order. */
static void sweep_rank(Fig *f)
{
    const SweepFigure *sw = f->sweep;
    int last = sw->n_levels - 1;
    for (int i = 1; i < f->n_order; i++) {
        int m = f->order[i], j = i;
        double a = sw->mean[m][last];
        for (; j > 0; j--) {
            double b = sw->mean[f->order[j - 1]][last];
            bool before = isfinite(a) && (!isfinite(b) || a > b);
            if (!before)
                break;
            f->order[j] = f->order[j - 1];
        }
        f->order[j] = m;
    }
}

static bool sweep_bars(const SweepFigure *sw, int m, int l)
{
    return sw->n_seeds > 1 && isfinite(sw->sd[m][l]) && sw->sd[m][l] > 0 &&
           isfinite(sw->mean[m][l]);
}

/* The y axis: the data (mean ± sd) with some air, within [0, 1], in nice percent ticks. Fitted
 * to the data rather than fixed at [0, 1]: the differences between losses are the point. */
static void sweep_y_axis(const Fig *f, ChartAxis *ax, int max_ticks)
{
    const SweepFigure *sw = f->sweep;
    double lo = INFINITY, hi = -INFINITY;
    for (int m = 0; m < fig_model_count(f); m++)
        for (int l = 0; l < sw->n_levels; l++) {
            double v = sw->mean[m][l];
            if (!isfinite(v))
                continue;
            double e = sweep_bars(sw, m, l) ? sw->sd[m][l] : 0;
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
    axis_fit(ax, lo, hi, false, max_ticks, true);
    double step = ax->n_ticks > 1 ? ax->ticks[1] - ax->ticks[0] : 0.1;
    for (int i = 0; i < ax->n_ticks; i++)
        pct_label(ax->tick_labels[i], sizeof ax->tick_labels[i], ax->ticks[i], step);
    snprintf(ax->label, sizeof ax->label, "test accuracy");
}

/* The x axis over [lo, hi]: a tick at every level when their labels fit, else nice ticks. */
static void sweep_x_axis(const Fig *f, ChartAxis *ax, double lo, double hi, double x0, double x1)
{
    const SweepFigure *sw = f->sweep;
    memset(ax, 0, sizeof *ax);
    if (sw->n_levels <= CHART_MAX_TICKS) {
        ax->lo = lo;
        ax->hi = hi;
        ax->n_ticks = sw->n_levels;
        for (int l = 0; l < sw->n_levels; l++) {
            ax->ticks[l] = sw->levels[l];
            snprintf(ax->tick_labels[l], sizeof ax->tick_labels[l], "%g", sw->levels[l]);
        }
        if (xticks_fit(f, ax, x0, x1))
            return;
    }
    for (int mx = CHART_MAX_TICKS; mx >= 2; mx--) {
        axis_fit(ax, lo, hi, false, mx, false);
        if (xticks_fit(f, ax, x0, x1))
            break;
    }
}

/* The accuracy-vs-noise panel in b: one line per model through its mean at every level, its
 * marker at each, and ±sd error bars when there are several seeds. Models are nudged apart
 * sideways by a few pixels (the same for every level), so equal accuracies do not hide one
 * another's markers and bars. */
static void panel_sweep(Fig *f, Box b)
{
    const SweepFigure *sw = f->sweep;
    const int n = fig_model_count(f), nl = sw->n_levels;
    double tick = 5 * f->u, pad = 4 * f->u, ch = cap_h(f, f->fs_tick);
    Box p;
    p.y0 = b.y0 + ch;
    p.y1 = b.y1 - (tick + pad + f->fs_tick + pad + f->fs_label * 0.95);
    LineChart c;
    memset(&c, 0, sizeof c);
    int my = (int)((p.y1 - p.y0) / (f->fs_tick * 2.4)) + 1;
    sweep_y_axis(f, &c.y, my < 2 ? 2 : my > 10 ? 10 : my);
    double label_w = f->fs_label * 1.15; /* the rotated axis label */
    p.x0 = b.x0 + label_w + pad + ticks_width(f, &c.y) + pad + tick;
    p.x1 = b.x1 - f->fs_tick * 0.8;
    double pw = p.x1 - p.x0, ph = p.y1 - p.y0;
    if (!(pw >= 1 && ph >= 1))
        return; /* a canvas far too small for a plot */

    /* the sideways nudge between neighbouring models, and room for it at both ends */
    double lo = sw->levels[0], hi = sw->levels[nl - 1], range = hi - lo;
    double gmin = pw; /* the narrowest gap between levels, px (before the end room) */
    for (int l = 1; l < nl; l++)
        gmin = fmin(gmin, (sw->levels[l] - sw->levels[l - 1]) / range * pw);
    double d = n > 1 ? fmin(f->marker * 0.6, 0.4 * gmin / n) : 0;
    double room = (n > 1 ? (n - 1) * d / 2 : 0) + f->marker;
    room = fmin(fmax(room, 0.035 * pw), 0.25 * pw);
    if (range > 0) {
        double extra = range * room / (pw - 2 * room);
        lo -= extra;
        hi += extra;
    } else {
        double half = fmax(0.1, fabs(lo) * 0.1);
        lo -= half;
        hi += half;
    }
    sweep_x_axis(f, &c.x, lo, hi, p.x0, p.x1);
    axes_draw(f, &c, p, true);
    text_vertical(f, f->fs_label, b.x0 + cap_h(f, f->fs_label) * 1.25, (p.y0 + p.y1) / 2, f->fg,
                  c.y.label);
    char xl[sizeof sw->x_label + 1];
    snprintf(xl, sizeof xl, "%.*s", SWEEP_STR(sw->x_label));
    text_draw(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (p.x0 + p.x1) / 2,
              b.y1 - f->fs_label * 0.3, f->fg, xl);
    if (n == 0) {
        text_draw(f, FONT_REGULAR, f->fs_label, TEXT_CENTER, (p.x0 + p.x1) / 2, (p.y0 + p.y1) / 2,
                  f->muted, "no models");
        return;
    }

    double px[ARENA_MAX_MODELS][SWEEP_FIG_MAX_LEVELS], py[ARENA_MAX_MODELS][SWEEP_FIG_MAX_LEVELS];
    for (int m = 0; m < n; m++)
        for (int l = 0; l < nl; l++) {
            px[m][l] = p.x0 + axis_frac(&c.x, sw->levels[l]) * pw + (m - (n - 1) / 2.0) * d;
            py[m][l] = p.y1 - axis_frac(&c.y, sw->mean[m][l]) * ph; /* NaN: a gap */
        }
    double mg = fmax(f->line_w, f->marker / 2) + 2;
    raster_clip(f->r, (int)floor(p.x0 - mg), (int)floor(p.y0 - mg), (int)ceil(p.x1 + mg),
                (int)ceil(p.y1 + mg));
    /* bars under the lines, lines under the markers; the best-ranked model drawn last, on top */
    double bw = fmax(1.0, 1.3 * f->u), cap = fmax(2.0, fmin(1.6 * d, 0.7 * f->marker));
    for (int i = f->n_order - 1; i >= 0; i--) {
        int m = f->order[i];
        Rgb col = model_color(f, m);
        for (int l = 0; l < nl; l++) {
            if (!sweep_bars(sw, m, l))
                continue;
            /* an accuracy is within [0, 1], and so is what its bar claims */
            double lo_v = fmax(0.0, (double)sw->mean[m][l] - sw->sd[m][l]);
            double hi_v = fmin(1.0, (double)sw->mean[m][l] + sw->sd[m][l]);
            double ya = p.y1 - axis_frac(&c.y, lo_v) * ph, yb = p.y1 - axis_frac(&c.y, hi_v) * ph;
            raster_line(f->r, px[m][l], ya, px[m][l], yb, bw, col, 0.8);
            raster_line(f->r, px[m][l] - cap / 2, ya, px[m][l] + cap / 2, ya, bw, col, 0.8);
            raster_line(f->r, px[m][l] - cap / 2, yb, px[m][l] + cap / 2, yb, bw, col, 0.8);
        }
    }
    for (int i = f->n_order - 1; i >= 0; i--) {
        int m = f->order[i];
        bool dashed = model_dashed(f, m);
        raster_stroke_begin(f->r, f->line_w, dashed ? 10 * f->u : 0, dashed ? 5 * f->u : 0);
        for (int l = 0; l < nl; l++)
            raster_stroke_to(f->r, px[m][l], py[m][l]);
        raster_stroke_end(f->r, model_color(f, m), 1.0);
    }
    for (int i = f->n_order - 1; i >= 0; i--) {
        int m = f->order[i];
        for (int l = 0; l < nl; l++)
            if (isfinite(py[m][l]))
                model_marker(f, m, px[m][l], py[m][l], f->marker, false);
    }
    raster_unclip(f->r);
}

Status figure_render_sweep(Raster *r, const Font *font, const SweepFigure *sw, FigureTheme theme)
{
    if ((int)theme < 0 || theme >= THEME_COUNT || !r || !font || !sw || sweep_problem(sw))
        return ST_INVAL;
    Fig f;
    fig_setup(&f, r, font, NULL, sw, NULL, theme);
    sweep_rank(&f);
    raster_unclip(r);
    raster_fill(r, f.bg);
    double M = fmax(8, 22 * f.u);
    Box all = {M, M * 0.8, r->w - M, r->h - M * 0.6};
    char cap[sizeof sw->caption + 1];
    snprintf(cap, sizeof cap, "%.*s", SWEEP_STR(sw->caption));
    double cap_h_px = caption_draw(&f, cap, all.x0, all.x1, all.y1, true);
    caption_draw(&f, cap, all.x0, all.x1, all.y1, false);
    Box content = {all.x0, all.y0, all.x1, all.y1 - cap_h_px - f.fs_caption * 0.9};
    double gap = fmax(10, 34 * f.u);

    /* the title row: the title, and at its right what the bars and the legend order mean */
    char title[sizeof sw->title + 1], note[128];
    snprintf(title, sizeof title, "%.*s", SWEEP_STR(sw->title));
    panel_title(&f, content, title, false);
    size_t pos = 0;
    note[0] = '\0';
    if (sw->n_seeds > 1)
        append(note, sizeof note, &pos, "mean ± 1 sd over %d seeds", sw->n_seeds);
    else
        append(note, sizeof note, &pos, "one seed");
    if (f.n_order > 1)
        append(note, sizeof note, &pos, " · legend ranked by accuracy at %g",
               sw->levels[sw->n_levels - 1]);
    double tw = text_width(&f, FONT_BOLD, f.fs_title, title);
    if (content.x0 + tw + 3 * f.fs_tick + text_width(&f, FONT_REGULAR, f.fs_tick, note) <=
        content.x1)
        text_draw(&f, FONT_REGULAR, f.fs_tick, TEXT_RIGHT, content.x1,
                  content.y0 + cap_h(&f, f.fs_title), f.muted, note);
    double body_y0 = content.y0 + f.fs_title * 1.9;

    double legend_x = content.x1 + gap; /* no models, no legend */
    if (f.n_order > 0) {
        Legend L;
        legend_fit(&f, &L, (content.x1 - content.x0) * 0.34, content.y1 - body_y0);
        legend_x = content.x1 - L.width;
        legend_draw(&f, &L, legend_x, body_y0);
    }
    panel_sweep(&f, (Box){content.x0, body_y0, legend_x - gap, content.y1});
    raster_unclip(r);
    return ST_OK;
}

/* ---- writing ----------------------------------------------------------------------------------
 */

/* What to draw: a Snapshot's figure of one kind, or a sweep. */
typedef struct {
    const Snapshot *s;
    const ChartView *v;
    FigureKind kind;
    const SweepFigure *sweep;
    FigureTheme theme;
    const char *config; /* borrowed, or NULL: the Configuration text chunk from the caller */
} Job;

static void sweep_meta(FigureMeta *m, const SweepFigure *sw)
{
    memset(m, 0, sizeof *m);
    snprintf(m->title, sizeof m->title, "%.*s", SWEEP_STR(sw->title));
    snprintf(m->software, sizeof m->software, "lossarena %s", LOSSARENA_VERSION);
    snprintf(m->seed, sizeof m->seed, "%llu", sw->seed);
    snprintf(m->caption, sizeof m->caption, "%.*s", SWEEP_STR(sw->caption));
    snprintf(m->config, sizeof m->config, "%.*s", SWEEP_STR(sw->config));
    const char *keys[5] = {"Title", "Software", "Description", "Seed", "Configuration"};
    const char *vals[5] = {m->title[0] ? m->title : "lossarena sweep", m->software, m->caption,
                           m->seed, m->config};
    for (int i = 0; i < 5; i++)
        m->text[i] = (PngText){keys[i], vals[i]};
    m->n_text = 5;
}

/* Renders job j at w × h and writes it with its text chunks: the one path of every figure. */
static Status job_write(const char *path, const Job *j, int w, int h, char *err, size_t errlen)
{
    if (err && errlen > 0)
        err[0] = '\0';
    if (w <= 0 || h <= 0) {
        w = FIGURE_DEFAULT_W;
        h = FIGURE_DEFAULT_H;
    }
    if (!path || !(j->sweep || j->s)) {
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write figure: no path or %s",
                     j->sweep || !j->s ? "sweep" : "snapshot");
        return ST_INVAL;
    }
    if (w < FIGURE_MIN_W || h < FIGURE_MIN_H || w > FIGURE_MAX_SIDE || h > FIGURE_MAX_SIDE) {
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write %s: figure size %dx%d is outside %dx%d..%dx%d",
                     path, w, h, FIGURE_MIN_W, FIGURE_MIN_H, FIGURE_MAX_SIDE, FIGURE_MAX_SIDE);
        return ST_RANGE;
    }
    const char *problem = j->sweep ? sweep_problem(j->sweep) : NULL;
    if (problem) {
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write %s: %s", path, problem);
        return ST_INVAL;
    }
    Font *font = malloc(sizeof *font);
    FigureMeta *meta = malloc(sizeof *meta);
    Raster r;
    memset(&r, 0, sizeof r);
    Status st = font && meta ? ST_OK : ST_NOMEM;
    if (st == ST_OK)
        st = font_init(font);
    if (st == ST_OK)
        st = raster_init(&r, w, h);
    if (st == ST_OK)
        st = j->sweep ? figure_render_sweep(&r, font, j->sweep, j->theme)
                      : figure_render(&r, font, j->s, j->v, j->kind, j->theme);
    if (st != ST_OK) {
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write %s: %s", path, status_str(st));
    } else {
        if (j->sweep)
            sweep_meta(meta, j->sweep);
        else
            figure_meta(meta, j->s, j->kind);
        if (j->config)
            snprintf(meta->config, sizeof meta->config, "%s", j->config);
        st = png_write(path, r.px, r.w, r.h, meta->text, meta->n_text, err, errlen);
    }
    raster_free(&r);
    free(meta);
    free(font);
    return st;
}

Status figure_write_png(const char *path, const Snapshot *s, const ChartView *v, FigureKind kind,
                        FigureTheme theme, int w, int h, char *err, size_t errlen)
{
    return figure_write_png_config(path, s, v, kind, theme, w, h, NULL, err, errlen);
}

Status figure_write_png_config(const char *path, const Snapshot *s, const ChartView *v,
                               FigureKind kind, FigureTheme theme, int w, int h,
                               const char *config, char *err, size_t errlen)
{
    Job j = {s, v, kind, NULL, theme, config};
    return job_write(path, &j, w, h, err, errlen);
}

Status figure_write_sweep_png(const char *path, const SweepFigure *f, FigureTheme theme, int w,
                              int h, char *err, size_t errlen)
{
    Job j = {NULL, NULL, FIGURE_DASHBOARD, f, theme, NULL};
    return job_write(path, &j, w, h, err, errlen);
}
