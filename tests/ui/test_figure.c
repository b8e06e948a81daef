/* test_figure.c — the picture surfaces (the figure layout on a Raster, written as PNG), on a
 * Snapshot built by hand (12 models with plausible curves, margin histograms, one diverged):
 * every panel drawn, every loss's colour present, both themes, small and large sizes, the
 * written stream and its text chunks; and the sweep figure.
 * LOSSARENA_FIGURE_SAMPLES=DIR also writes sample PNGs there, to look at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/chart_build.h"
#include "ui/chart_sweep.h"
#include "ui/figure_draw.h"
#include "ui/figure_out.h"
#include "ui/raster.h"

/* ---- a synthetic snapshot ---- */

static double noise(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return ((*state >> 8) & 0xFFFF) / 65535.0 - 0.5;
}

static void fill_hist(Histogram *h, double mean, double sd, double range, uint32_t total)
{
    memset(h, 0, sizeof *h);
    h->lo = (float)-range;
    h->hi = (float)range;
    h->n_bins = SNAPSHOT_HIST_BINS;
    double bw = 2 * range / h->n_bins;
    uint32_t inside = 0;
    for (int b = 0; b < h->n_bins; b++) {
        double x = -range + (b + 0.5) * bw, z = (x - mean) / sd;
        h->counts[b] =
            (uint32_t)(total * bw * exp(-0.5 * z * z) / (sd * sqrt(2 * 3.14159265358979)));
        inside += h->counts[b];
    }
    double below = 0.5 * erfc((range + mean) / (sd * sqrt(2)));
    h->below = (uint32_t)(total * below);
    h->above = total > inside + h->below ? total - inside - h->below : 0;
    h->total = inside + h->below + h->above;
}

static Snapshot *snapshot_make(int n_models)
{
    Snapshot *s = calloc(1, sizeof *s);
    assert_non_null(s);
    s->cfg = (ArenaConfig){0};
    s->cfg.n_losses = n_models;
    s->cfg.n_hidden = 2;
    s->cfg.hidden[0] = s->cfg.hidden[1] = 64;
    s->cfg.act = ACT_RELU;
    s->cfg.opt = (OptimConfig){OPT_ADAM, 0.003f, 0.9f, false, 0.9f, 0.999f, 1e-8f};
    s->cfg.batch = 64;
    s->cfg.seed = 1;
    s->cfg.eval_every = 20;
    snprintf(s->dataset, sizeof s->dataset, "spiral");
    s->n_train = 2000;
    s->n_test = 1000;
    s->dim = 2;
    s->k = 3;
    s->step = 2000;
    s->epoch = 64.0;
    s->n_models = n_models;
    unsigned rng = 7;
    for (int m = 0; m < n_models; m++) {
        ModelSnapshot *ms = &s->models[m];
        ms->loss = (LossId)(m % LOSS_COUNT);
        s->cfg.losses[m] = ms->loss;
        double start = 0.6 + 0.15 * (m % 5), floor_ = 0.02 + 0.015 * m, tau = 150 + 60 * m;
        double acc_end = 0.99 - 0.012 * m;
        bool diverges = ms->loss == LOSS_HINGE3;
        for (int i = 0; i <= 100; i++) {
            float x = (float)(i * 20);
            double e = exp(-x / tau);
            double tl = floor_ + (start - floor_) * e * (1 + 0.06 * noise(&rng));
            double vl = tl * 1.15 + 0.01;
            double ta = acc_end - (acc_end - 1.0 / 3) * e + 0.01 * noise(&rng);
            double va = ta - 0.02;
            if (diverges && x > 900) {
                tl = vl = NAN;
                ta = va = NAN;
            } else if (diverges && x > 700) {
                tl *= 1 + (x - 700) / 40; /* blowing up */
                vl = tl * 1.1;
            }
            history_push(&ms->train_loss, x, (float)tl);
            history_push(&ms->test_loss, x, (float)vl);
            history_push(&ms->train_acc, x, (float)ta);
            history_push(&ms->test_acc, x, (float)va);
        }
        ms->has_eval = true;
        ms->last = (EvalResult){2000,
                                64.0,
                                (float)floor_,
                                (float)acc_end,
                                (float)(floor_ * 1.15),
                                (float)(acc_end - 0.02),
                                (float)(1.0 + 0.4 * (m % 6))};
        if (diverges) {
            ms->diverged = true;
            ms->diverged_step = 920;
            ms->diverged_why = DIV_LOSS_NAN;
            ms->diverged_lr = 0.003f;
        }
        fill_hist(&ms->margins, ms->last.margin_median, 0.5 + 0.25 * (m % 4), 6.0, 2000);
    }
    return s;
}

/* ---- helpers ---- */

static Font *font_new(void)
{
    Font *f = malloc(sizeof *f);
    assert_non_null(f);
    assert_int_equal(font_init(f), ST_OK);
    return f;
}

static bool same(Rgb a, Rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Pixels in the box [x0, x1) × [y0, y1) (fractions of the canvas) that differ from bg. */
static int ink_in(const Raster *r, double x0, double y0, double x1, double y1, Rgb bg)
{
    int n = 0;
    for (int y = (int)(y0 * r->h); y < (int)(y1 * r->h); y++)
        for (int x = (int)(x0 * r->w); x < (int)(x1 * r->w); x++)
            n += !same(raster_pixel(r, x, y), bg);
    return n;
}

static int count_color(const Raster *r, Rgb c)
{
    int n = 0;
    for (int y = 0; y < r->h; y++)
        for (int x = 0; x < r->w; x++)
            n += same(raster_pixel(r, x, y), c);
    return n;
}

/* The colour of the loss of model m of s (colours follow the loss, not the position). */
static Rgb loss_rgb(const Snapshot *s, int m, bool dark)
{
    return palette_color(loss_style(s->models[m].loss)->color, dark);
}

/* Draws a built figure on r (already allocated). */
static Status draw(Raster *r, const Font *f, const Figure *fig, FigureTheme theme)
{
    Canvas cv;
    raster_canvas(&cv, r, f);
    return figure_draw(&cv, fig, theme);
}

static Figure *figure_new(void)
{
    Figure *fig = malloc(sizeof *fig);
    assert_non_null(fig);
    return fig;
}

static void render(Raster *r, const Font *f, const Snapshot *s, const ChartView *v, FigureKind kind,
                   FigureTheme theme, int w, int h)
{
    Figure *fig = figure_new();
    assert_int_equal(figure_build(fig, s, v, kind), ST_OK);
    assert_int_equal(raster_init(r, w, h), ST_OK);
    assert_int_equal(draw(r, f, fig, theme), ST_OK);
    free(fig);
}

static void render_sweep(Raster *r, const Font *f, const SweepFigure *sw, FigureTheme theme)
{
    Figure *fig = figure_new();
    assert_int_equal(figure_build_sweep(fig, sw), ST_OK);
    assert_int_equal(draw(r, f, fig, theme), ST_OK);
    free(fig);
}

/* Writes a figure with png_figure_write to path (a test's own directory). */
static Status write_png(const char *path, const Figure *fig, const char *config, FigureTheme theme,
                        int w, int h, char *err, size_t errlen)
{
    FigureMeta m;
    figure_meta_init(&m, fig, 1, "2000 (epoch 64.00)", config);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    Status st = png_figure_write(fp, path, fig, &m, theme, w, h, err, errlen);
    assert_int_equal(fclose(fp), 0);
    return st;
}

static void sample(const Snapshot *s, const ChartView *v, FigureKind kind, FigureTheme theme, int w,
                   int h, const char *name)
{
    const char *dir = getenv("LOSSARENA_FIGURE_SAMPLES");
    if (!dir || !dir[0])
        return;
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    Figure *fig = figure_new();
    assert_int_equal(figure_build(fig, s, v, kind), ST_OK);
    assert_int_equal(write_png(path, fig, "", theme, w, h, err, sizeof err), ST_OK);
    free(fig);
}

/* ---- tests ---- */

static void test_figure_dashboard_panels_not_blank(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(12);
    Font *f = font_new();
    Raster r;
    render(&r, f, s, NULL, FIGURE_DASHBOARD, THEME_LIGHT, 1600, 1000);
    Rgb bg = palette_background(false);
    assert_true(same(raster_pixel(&r, 0, 0), bg));
    /* loss, accuracy, legend, margins, caption */
    assert_true(ink_in(&r, 0.05, 0.08, 0.33, 0.45, bg) > 3000);
    assert_true(ink_in(&r, 0.36, 0.08, 0.64, 0.45, bg) > 3000);
    assert_true(ink_in(&r, 0.70, 0.05, 0.99, 0.45, bg) > 3000);
    assert_true(ink_in(&r, 0.05, 0.62, 0.95, 0.88, bg) > 10000);
    assert_true(ink_in(&r, 0.01, 0.95, 0.60, 1.00, bg) > 500);
    /* nothing drawn into the outer margin */
    assert_int_equal(ink_in(&r, 0, 0, 1, 0.008, bg), 0);
    assert_int_equal(ink_in(&r, 0.995, 0, 1, 1, bg), 0);
    raster_free(&r);
    free(f);
    sample(s, NULL, FIGURE_DASHBOARD, THEME_LIGHT, 1600, 1000, "fig_light.png");
    free(s);
}

static void test_figure_every_model_colour_present(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(12);
    Font *f = font_new();
    for (int theme = 0; theme < THEME_COUNT; theme++) {
        Raster r;
        render(&r, f, s, NULL, FIGURE_DASHBOARD, (FigureTheme)theme, 1600, 1000);
        for (int m = 0; m < 12; m++)
            assert_true(count_color(&r, loss_rgb(s, m, theme == THEME_DARK)) > 40);
        raster_free(&r);
    }
    free(f);
    free(s);
}

static void test_figure_dark_theme(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(12);
    Font *f = font_new();
    Raster r;
    render(&r, f, s, NULL, FIGURE_DASHBOARD, THEME_DARK, 1600, 1000);
    Rgb bg = palette_background(true);
    assert_true(same(raster_pixel(&r, 0, 0), bg));
    assert_true(same(raster_pixel(&r, 1599, 999), bg));
    assert_true(ink_in(&r, 0.05, 0.08, 0.33, 0.45, bg) > 3000);
    assert_true(ink_in(&r, 0.05, 0.62, 0.95, 0.88, bg) > 10000);
    raster_free(&r);
    free(f);
    sample(s, NULL, FIGURE_DASHBOARD, THEME_DARK, 1600, 1000, "fig_dark.png");
    free(s);
}

static void test_figure_single_panels(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(12);
    Font *f = font_new();
    static const char *const names[] = {"", "fig_loss.png", "fig_accuracy.png", "fig_margins.png"};
    Rgb bg = palette_background(false);
    for (int k = FIGURE_LOSS; k <= FIGURE_MARGINS; k++) {
        Raster r;
        render(&r, f, s, NULL, (FigureKind)k, THEME_LIGHT, 1200, 800);
        assert_true(ink_in(&r, 0.05, 0.1, 0.6, 0.85, bg) > 8000);
        for (int m = 0; m < 12; m++)
            assert_true(count_color(&r, loss_rgb(s, m, false)) > 20);
        raster_free(&r);
        sample(s, NULL, (FigureKind)k, THEME_LIGHT, 1200, 800, names[k]);
    }
    free(f);
    free(s);
}

static void test_figure_view_options(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(12);
    Font *f = font_new();
    ChartView v = {.log_y = true, .focused = 3};
    v.hidden[5] = v.hidden[6] = true;
    Raster r;
    render(&r, f, s, &v, FIGURE_DASHBOARD, THEME_LIGHT, 1600, 1000);
    assert_true(count_color(&r, loss_rgb(s, 3, false)) > 40);
    assert_true(count_color(&r, loss_rgb(s, 5, false)) < 10); /* hidden: not drawn */
    raster_free(&r);
    /* the normalised view draws other curves than the plain one: many pixels differ */
    Raster plain;
    v.log_y = false;
    v.focused = -1;
    render(&plain, f, s, &v, FIGURE_LOSS, THEME_DARK, 1600, 1000);
    v.normalise = true;
    render(&r, f, s, &v, FIGURE_LOSS, THEME_DARK, 1600, 1000);
    long differ = 0;
    for (int y = 0; y < r.h; y++)
        for (int x = 0; x < r.w; x++)
            differ += !same(raster_pixel(&r, x, y), raster_pixel(&plain, x, y));
    assert_true(differ > 5000);
    raster_free(&plain);
    raster_free(&r);
    free(f);
    sample(s, &(ChartView){.log_y = true, .focused = 3}, FIGURE_DASHBOARD, THEME_LIGHT, 1600, 1000,
           "fig_log_focus.png");
    free(s);
}

/* A model binned on its own margin range keeps it, marked, and does not set the shared axis;
 * curves with a spread over seeds carry it as bands. */
static void test_figure_own_range_and_spread(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(3);
    ModelSnapshot *own = &s->models[0];
    own->margins_own = true;
    float wide[100];
    for (int i = 0; i < 100; i++)
        wide[i] = 30.0f + 0.1f * (float)i;
    histogram_fill(&own->margins, -50.0f, 50.0f, SNAPSHOT_HIST_BINS, wide, 100);
    HistChart *hc = calloc(1, sizeof *hc);
    assert_non_null(hc);
    chart_build_margins(hc, s, NULL, 5);
    assert_true(hc->h[0].own_range);
    assert_string_equal(hc->h[0].note, "own range ±50");
    assert_false(hc->h[1].own_range);
    assert_true(hc->x.data_hi == s->models[1].margins.hi); /* the shared range is the others' */
    free(hc);

    CurveSpread *sp = calloc(1, sizeof *sp);
    assert_non_null(sp);
    sp->n_seeds = 3;
    ChartView v = {.focused = -1, .spread = sp};
    LineChart *lc = calloc(1, sizeof *lc);
    assert_non_null(lc);
    chart_build_loss(lc, s, &v, 8, 8);
    assert_true(lc->n_series > 0);
    for (int i = 0; i < lc->n_series; i++)
        assert_true(lc->series[i].band && lc->series[i].err != NULL);
    chart_build_loss(lc, s, NULL, 8, 8);
    for (int i = 0; i < lc->n_series; i++)
        assert_true(!lc->series[i].band && lc->series[i].err == NULL);
    free(lc);
    free(sp);
    free(s);
}

/* A model that diverged in its first steps gets the advice under the legend and in the caption;
 * a late divergence does not. */
static void test_figure_early_divergence_advice(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(12);
    Figure *fig = calloc(1, sizeof *fig);
    assert_non_null(fig);
    assert_int_equal(figure_build(fig, s, NULL, FIGURE_DASHBOARD), ST_OK);
    assert_string_equal(fig->legend.footnote, ""); /* hinge3 diverged at step 920 */
    assert_null(strstr(fig->caption, "--lr"));
    s->models[LOSS_HINGE3].diverged_step = 4;
    assert_int_equal(figure_build(fig, s, NULL, FIGURE_DASHBOARD), ST_OK);
    assert_non_null(strstr(fig->legend.footnote, "try a smaller --lr or another --init"));
    assert_non_null(strstr(fig->caption, "try a smaller --lr or another --init"));
    free(fig);
    free(s);
}

static void test_figure_sizes(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(16);
    Font *f = font_new();
    static const int sizes[][2] = {{400, 300}, {640, 480}, {1000, 1000}, {3200, 2000}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        Raster r;
        render(&r, f, s, NULL, FIGURE_DASHBOARD, THEME_LIGHT, sizes[i][0], sizes[i][1]);
        assert_true(ink_in(&r, 0, 0, 1, 1, palette_background(false)) > sizes[i][0] * 20);
        raster_free(&r);
    }
    free(f);
    sample(s, NULL, FIGURE_DASHBOARD, THEME_LIGHT, 400, 300, "fig_small.png");
    sample(s, NULL, FIGURE_DASHBOARD, THEME_LIGHT, 800, 500, "fig_800.png");
    sample(s, NULL, FIGURE_DASHBOARD, THEME_LIGHT, 3200, 2000, "fig_big.png");
    free(s);
}

static void test_figure_empty_snapshot(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(0);
    Font *f = font_new();
    for (int k = 0; k < FIGURE_COUNT; k++) {
        if (!figure_kind_info((FigureKind)k)->selectable)
            continue;
        Raster r;
        render(&r, f, s, NULL, (FigureKind)k, THEME_LIGHT, 800, 500);
        /* axes, titles and the "no models shown" text: a figure, not a blank page */
        assert_true(ink_in(&r, 0, 0, 1, 1, palette_background(false)) > 2000);
        raster_free(&r);
    }
    /* models without evaluations yet */
    Snapshot *t = calloc(1, sizeof *t);
    t->n_models = 3;
    t->models[1].loss = LOSS_HINGE;
    t->models[2].loss = LOSS_TANIMOTO;
    Raster r;
    render(&r, f, t, NULL, FIGURE_DASHBOARD, THEME_DARK, 1600, 1000);
    assert_true(ink_in(&r, 0.70, 0.05, 0.99, 0.45, palette_background(true)) > 1000); /* legend */
    raster_free(&r);
    Figure *fig = figure_new();
    assert_int_equal(figure_build(fig, t, NULL, FIGURE_COUNT), ST_INVAL);
    assert_int_equal(figure_build(fig, t, NULL, FIGURE_SWEEP), ST_INVAL);
    assert_int_equal(figure_build(fig, t, NULL, FIGURE_LOSS), ST_OK);
    assert_int_equal(raster_init(&r, 800, 500), ST_OK);
    assert_int_equal(draw(&r, f, fig, THEME_COUNT), ST_INVAL);
    raster_free(&r);
    free(fig);
    /* a canvas far below the minimum figure size: drawn as well as it can be, no crash */
    render(&r, f, s, NULL, FIGURE_DASHBOARD, THEME_LIGHT, 60, 40);
    assert_true(same(raster_pixel(&r, 0, 0), palette_background(false)));
    raster_free(&r);
    free(t);
    free(f);
    free(s);
}

/* On 2-D data the dashboard figure shows the focused model's decision boundary, as the screen
 * does: its regions in the class colours (shaded by confidence) and the training points. */
static void test_figure_boundary_panel(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(12);
    Font *f = font_new();
    Figure *fig = figure_new();
    assert_int_equal(figure_build(fig, s, NULL, FIGURE_DASHBOARD), ST_OK);
    assert_false(fig->panels & PANEL_BOUNDARY); /* no grid: no panel */
    s->has_grid = true;
    s->grid_lo[0] = s->grid_lo[1] = -1;
    s->grid_hi[0] = s->grid_hi[1] = 1;
    for (int i = 0; i < ARENA_GRID * ARENA_GRID; i++) {
        s->models[4].grid[i] = (uint8_t)((i % ARENA_GRID) < ARENA_GRID / 2 ? 0 : 1); /* left 0 */
        s->models[4].grid_conf[i] = 250;
    }
    s->n_points = 2;
    s->point_x[0] = -0.5f, s->point_y[0] = 0.2f, s->point_class[0] = 0;
    s->point_x[1] = 0.5f, s->point_y[1] = -0.2f, s->point_class[1] = 1, s->point_flipped[1] = 1;
    ChartView v = {.focused = 4};
    assert_int_equal(figure_build(fig, s, &v, FIGURE_DASHBOARD), ST_OK);
    assert_true(fig->panels & PANEL_BOUNDARY);
    assert_int_equal(fig->boundary.model, 4);
    assert_string_equal(fig->boundary.title, "Decision boundary · l1-softmax");
    assert_int_equal(figure_build(fig, s, &v, FIGURE_LOSS), ST_OK);
    assert_false(fig->panels & PANEL_BOUNDARY); /* only the dashboard has it */
    Raster r;
    render(&r, f, s, &v, FIGURE_DASHBOARD, THEME_LIGHT, 1600, 1000);
    Rgb bg = palette_background(false);
    for (int cls = 0; cls < 2; cls++) {
        Rgb region = palette_mix(bg, palette_class_color(cls), chart_shade_mix(2));
        assert_true(count_color(&r, region) > 20000); /* about half a 300 px square each */
    }
    raster_free(&r);
    free(fig);
    free(f);
    sample(s, &v, FIGURE_DASHBOARD, THEME_LIGHT, 1600, 1000, "fig_boundary.png");
    free(s);
}

static void test_figure_describe(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(12);
    char cap[512], conf[1024];
    figure_describe(s, cap, sizeof cap, conf, sizeof conf);
    assert_non_null(strstr(cap, "spiral"));
    assert_non_null(strstr(cap, "2-64-64-3 relu"));
    assert_non_null(strstr(cap, "adam lr 0.003"));
    assert_non_null(strstr(cap, "batch 64"));
    assert_non_null(strstr(cap, "label noise 0%"));
    assert_non_null(strstr(cap, "seed 1"));
    assert_non_null(strstr(cap, "step 2000"));
    assert_non_null(strstr(conf, "--dataset spiral --losses log,log2,l1,l2,l1-softmax,"));
    assert_non_null(strstr(conf, "cauchy-schwarz --hidden 64,64 --activation relu"));
    assert_non_null(strstr(conf, "--optimizer adam --lr 0.003 --batch 64"));
    assert_non_null(strstr(conf, "--seed 1 --steps 2000"));
    char tiny[8];
    figure_describe(s, tiny, sizeof tiny, NULL, 0); /* truncates, stays terminated */
    assert_int_equal(strlen(tiny), 7);
    /* the table of kinds: one entry per kind, in order, names unique; --figure picks only the
     * selectable ones; the sweep figure is made by --sweep */
    int n;
    const FigureKindInfo *k = figure_kinds(&n);
    assert_int_equal(n, FIGURE_COUNT);
    for (int i = 0; i < n; i++) {
        assert_int_equal(k[i].kind, i);
        assert_true(strlen(k[i].shows) > 10);
        assert_true(k[i].panels & PANEL_LEGEND);
        for (int j = 0; j < i; j++)
            assert_true(strcmp(k[i].name, k[j].name) != 0);
        assert_ptr_equal(figure_kind_by_name(k[i].name), k[i].selectable ? &k[i] : NULL);
    }
    assert_int_equal(figure_kind_by_name("margins")->kind, FIGURE_MARGINS);
    assert_null(figure_kind_by_name("nope"));
    assert_null(figure_kind_info(FIGURE_COUNT));
    char names[128];
    figure_kind_names(names, sizeof names, " | ");
    assert_string_equal(names, "dashboard | loss | accuracy | margins | boundaries");
    figure_kind_names(names, 12, ", "); /* too small: stops at a whole name */
    assert_string_equal(names, "dashboard");
    free(s);
}

static const char *text_of(png_textp t, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(t[i].key, key) == 0)
            return t[i].text;
    return NULL;
}

/* png_figure_write: the stream gets a decodable PNG with the provenance; the same model gives
 * the same bytes; a failing stream is reported with its name. */
static void test_figure_write_png(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(12);
    char dir[] = "/tmp/la_test_fig_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char a[256], b[256], err[256], conf[1024];
    snprintf(a, sizeof a, "%s/a.png", dir);
    snprintf(b, sizeof b, "%s/b.png", dir);
    Figure *fig = figure_new();
    assert_int_equal(figure_build(fig, s, NULL, FIGURE_DASHBOARD), ST_OK);
    figure_describe(s, NULL, 0, conf, sizeof conf);
    assert_int_equal(write_png(a, fig, conf, THEME_LIGHT, 0, 0, err, sizeof err), ST_OK);
    assert_int_equal(write_png(b, fig, conf, THEME_LIGHT, 0, 0, err, sizeof err), ST_OK);
    /* decode: size, colour type, text chunks */
    FILE *fp = fopen(a, "rb");
    assert_non_null(fp);
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    assert_int_equal(setjmp(png_jmpbuf(png)), 0);
    png_init_io(png, fp);
    png_read_info(png, info);
    assert_int_equal(png_get_image_width(png, info), FIGURE_DEFAULT_W);
    assert_int_equal(png_get_image_height(png, info), FIGURE_DEFAULT_H);
    assert_int_equal(png_get_color_type(png, info), PNG_COLOR_TYPE_RGB);
    assert_int_equal(png_get_bit_depth(png, info), 8);
    png_textp text;
    int n = 0;
    png_get_text(png, info, &text, &n);
    assert_non_null(text_of(text, n, "Software"));
    assert_int_equal(strncmp(text_of(text, n, "Software"), "lossarena ", 10), 0);
    assert_string_equal(text_of(text, n, "Seed"), "1");
    assert_non_null(strstr(text_of(text, n, "Configuration"), "--losses log,log2"));
    assert_non_null(strstr(text_of(text, n, "Description"), "2-64-64-3 relu"));
    assert_string_equal(text_of(text, n, "Title"),
                        "lossarena dashboard: spiral, 12 losses, step 2000");
    png_destroy_read_struct(&png, &info, NULL);
    fclose(fp);
    /* byte-identical */
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int ca, cb;
    do {
        ca = fgetc(fa);
        cb = fgetc(fb);
        assert_int_equal(ca, cb);
    } while (ca != EOF);
    fclose(fa);
    fclose(fb);
    unlink(b);
    /* a stream that cannot be written: the name and the cause */
    fp = fopen(a, "rb");
    assert_non_null(fp);
    FigureMeta m;
    figure_meta_init(&m, fig, 1, NULL, conf);
    assert_int_equal(
        png_figure_write(fp, "fig/a.png", fig, &m, THEME_DARK, 800, 600, err, sizeof err), ST_IO);
    assert_non_null(strstr(err, "cannot write fig/a.png"));
    fclose(fp);
    /* sizes outside the limits */
    fp = fopen(a, "wb");
    assert_int_equal(png_figure_write(fp, a, fig, &m, THEME_DARK, 100, 100, err, sizeof err),
                     ST_RANGE);
    assert_non_null(strstr(err, "100x100"));
    assert_int_equal(ftell(fp), 0); /* nothing written */
    fclose(fp);
    unlink(a);
    assert_int_equal(rmdir(dir), 0);
    free(fig);
    free(s);
}

/* ---- the sweep figure ---- */

/* 12 losses × 4 label-noise levels, 2 seeds: accuracies that fall with the noise, each loss at
 * its own rate (bounded losses the least), with a spread over seeds that grows with it. */
static SweepFigure *sweep_make(int n_models, int n_levels, int n_seeds)
{
    SweepFigure *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->title, sizeof f->title, "Test accuracy under label noise");
    snprintf(f->x_label, sizeof f->x_label, "fraction of training labels flipped");
    snprintf(f->caption, sizeof f->caption,
             "spiral · MLP 2-64-64-3 relu · adam lr 0.003 · batch 64 · 3000 steps (96.0 epochs) "
             "· mean ± sd over %d seed%s from 1",
             n_seeds, n_seeds > 1 ? "s" : "");
    f->seed = 1;
    f->n_levels = n_levels;
    f->n_seeds = n_seeds;
    f->n_models = n_models;
    for (int l = 0; l < n_levels; l++)
        f->levels[l] = 0.6 * l / (n_levels > 1 ? n_levels - 1 : 1);
    for (int m = 0; m < n_models; m++) {
        f->loss[m] = (LossId)(m % LOSS_COUNT);
        double clean = 0.975 - 0.006 * m;
        double rate = 0.12 + 0.5 * ((m * 7) % 12) / 11.0; /* accuracy lost per unit noise^1.3 */
        for (int l = 0; l < n_levels; l++) {
            double x = f->levels[l];
            f->mean[m][l] = (float)(clean - rate * pow(x, 1.3));
            f->sd[m][l] = n_seeds > 1 ? (float)(0.004 + 0.025 * x * (1 + 0.1 * (m % 3))) : 0.0f;
        }
    }
    return f;
}

static const char sweep_config[] = "--dataset spiral --steps 3000 --batch 64 --lr 0.003 --seed 1 "
                                   "--seeds 2 --sweep label-noise=0,0.2,0.4,0.6";

static Status write_sweep_png(const char *path, const SweepFigure *sw, FigureTheme theme, int w,
                              int h, char *err, size_t errlen)
{
    Figure *fig = figure_new();
    Status st = figure_build_sweep(fig, sw);
    if (st == ST_OK)
        st = write_png(path, fig, sweep_config, theme, w, h, err, errlen);
    free(fig);
    return st;
}

static void sweep_sample(const SweepFigure *sw, FigureTheme theme, int w, int h, const char *name)
{
    const char *dir = getenv("LOSSARENA_FIGURE_SAMPLES");
    if (!dir || !dir[0])
        return;
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(write_sweep_png(path, sw, theme, w, h, err, sizeof err), ST_OK);
}

static void test_figure_sweep_render(void **state)
{
    (void)state;
    SweepFigure *sw = sweep_make(12, 4, 2);
    Font *f = font_new();
    Figure *fig = figure_new();
    assert_int_equal(figure_build_sweep(fig, sw), ST_OK);
    assert_true(fig->sweep.y.lo > 0); /* fitted to the data, not from 0 */
    assert_true(fig->sweep.y.broken); /* and it says so */
    free(fig);
    for (int theme = 0; theme < THEME_COUNT; theme++) {
        bool dark = theme == THEME_DARK;
        Rgb bg = palette_background(dark);
        Raster r;
        assert_int_equal(raster_init(&r, 1600, 1000), ST_OK);
        render_sweep(&r, f, sw, (FigureTheme)theme);
        assert_true(same(raster_pixel(&r, 0, 0), bg));
        assert_true(same(raster_pixel(&r, 1599, 999), bg));
        assert_true(ink_in(&r, 0.08, 0.10, 0.65, 0.85, bg) > 20000); /* the plot */
        assert_true(ink_in(&r, 0.72, 0.08, 0.99, 0.60, bg) > 5000);  /* the legend */
        assert_true(ink_in(&r, 0.01, 0.95, 0.60, 1.00, bg) > 500);   /* the caption */
        assert_true(ink_in(&r, 0.01, 0.01, 0.40, 0.06, bg) > 500);   /* the title */
        assert_int_equal(ink_in(&r, 0, 0, 1, 0.008, bg), 0);
        assert_int_equal(ink_in(&r, 0.995, 0, 1, 1, bg), 0);
        for (int m = 0; m < 12; m++)
            assert_true(count_color(&r, palette_color(loss_style(sw->loss[m])->color, dark)) > 100);
        raster_free(&r);
    }
    free(f);
    sweep_sample(sw, THEME_LIGHT, 0, 0, "sweep_light.png");
    sweep_sample(sw, THEME_DARK, 0, 0, "sweep_dark.png");
    sweep_sample(sw, THEME_LIGHT, 800, 500, "sweep_800.png");
    sweep_sample(sw, THEME_LIGHT, 400, 300, "sweep_small.png");
    sweep_sample(sw, THEME_DARK, 3200, 2000, "sweep_big.png");
    free(sw);
}

/* Error bars only with several seeds: with one seed (sd 0) the figure has less ink. */
static void test_figure_sweep_error_bars(void **state)
{
    (void)state;
    SweepFigure *two = sweep_make(12, 4, 2), *one = sweep_make(12, 4, 1);
    Font *f = font_new();
    Rgb bg = palette_background(false);
    Raster a, b;
    assert_int_equal(raster_init(&a, 1600, 1000), ST_OK);
    assert_int_equal(raster_init(&b, 1600, 1000), ST_OK);
    render_sweep(&a, f, two, THEME_LIGHT);
    render_sweep(&b, f, one, THEME_LIGHT);
    assert_true(ink_in(&a, 0.08, 0.10, 0.65, 0.85, bg) > ink_in(&b, 0.08, 0.10, 0.65, 0.85, bg));
    /* sd set but n_seeds 1: no bars either */
    memcpy(one->sd, two->sd, sizeof one->sd);
    Raster c;
    assert_int_equal(raster_init(&c, 1600, 1000), ST_OK);
    render_sweep(&c, f, one, THEME_LIGHT);
    assert_memory_equal(b.px, c.px, (size_t)1600 * 1000 * 3);
    raster_free(&a);
    raster_free(&b);
    raster_free(&c);
    free(f);
    sweep_sample(one, THEME_LIGHT, 0, 0, "sweep_one_seed.png");
    free(one);
    free(two);
}

static void test_figure_sweep_edge_cases(void **state)
{
    (void)state;
    Font *f = font_new();
    Raster r;
    assert_int_equal(raster_init(&r, 1600, 1000), ST_OK);
    /* one level; sixteen levels (nice ticks); no models; gaps; a single model; 16 models */
    static const int shapes[][3] = {{12, 1, 2}, {12, 16, 3}, {0, 4, 2}, {1, 4, 1}, {16, 5, 2}};
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        SweepFigure *sw = sweep_make(shapes[i][0], shapes[i][1], shapes[i][2]);
        render_sweep(&r, f, sw, THEME_DARK);
        assert_true(ink_in(&r, 0.08, 0.10, 0.65, 0.85, palette_background(true)) > 3000);
        char name[64];
        snprintf(name, sizeof name, "sweep_shape%zu.png", i);
        sweep_sample(sw, THEME_DARK, 0, 0, name);
        free(sw);
    }
    SweepFigure *sw = sweep_make(12, 4, 2);
    sw->mean[3][2] = NAN; /* a missing point: a gap, no crash */
    sw->mean[5][0] = sw->mean[5][1] = sw->mean[5][2] = sw->mean[5][3] = NAN;
    sw->sd[4][1] = NAN;
    render_sweep(&r, f, sw, THEME_LIGHT);
    for (int m = 0; m < 4; m++) /* all the same accuracy: a flat range, still a readable axis */
        for (int l = 0; l < 4; l++)
            sw->mean[m][l] = 1.0f;
    render_sweep(&r, f, sw, THEME_LIGHT);
    sweep_sample(sw, THEME_LIGHT, 0, 0, "sweep_gaps.png");
    /* strings that fill their arrays without a NUL are read no further */
    memset(sw->title, 'T', sizeof sw->title);
    memset(sw->x_label, 'x', sizeof sw->x_label);
    memset(sw->caption, 'c', sizeof sw->caption);
    render_sweep(&r, f, sw, THEME_LIGHT);
    raster_free(&r);
    /* a canvas far below the minimum figure size: drawn as well as it can be */
    assert_int_equal(raster_init(&r, 60, 40), ST_OK);
    render_sweep(&r, f, sw, THEME_LIGHT);
    raster_free(&r);
    /* what cannot be drawn */
    assert_int_equal(raster_init(&r, 400, 300), ST_OK);
    SweepFigure *bad = sweep_make(12, 4, 2);
    Figure *fig = figure_new();
    bad->levels[2] = bad->levels[1];
    assert_int_equal(figure_build_sweep(fig, bad), ST_INVAL);
    bad->levels[2] = NAN;
    assert_int_equal(figure_build_sweep(fig, bad), ST_INVAL);
    free(bad);
    bad = sweep_make(12, 4, 2);
    bad->n_levels = 0;
    assert_int_equal(figure_build_sweep(fig, bad), ST_INVAL);
    bad->n_levels = SWEEP_FIG_MAX_LEVELS + 1;
    assert_int_equal(figure_build_sweep(fig, bad), ST_INVAL);
    bad->n_levels = 4;
    bad->n_models = ARENA_MAX_MODELS + 1;
    assert_int_equal(figure_build_sweep(fig, bad), ST_INVAL);
    bad->n_models = 12;
    assert_int_equal(figure_build_sweep(fig, bad), ST_OK);
    assert_int_equal(draw(&r, f, fig, THEME_COUNT), ST_INVAL);
    assert_int_equal(figure_build_sweep(fig, NULL), ST_INVAL);
    free(fig);
    raster_free(&r);
    free(bad);
    free(sw);
    free(f);
}

/* Decodes an 8-bit RGB PNG: its pixels (owned by the caller) and, through the callback's
 * arguments, its text chunks. */
static uint8_t *png_decode(const char *path, int *w, int *h, char texts[][2][1100], int *n_text)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    assert_int_equal(setjmp(png_jmpbuf(png)), 0);
    png_init_io(png, fp);
    png_read_info(png, info);
    *w = (int)png_get_image_width(png, info);
    *h = (int)png_get_image_height(png, info);
    assert_int_equal(png_get_color_type(png, info), PNG_COLOR_TYPE_RGB);
    assert_int_equal(png_get_bit_depth(png, info), 8);
    uint8_t *px = malloc((size_t)*w * *h * 3);
    png_bytep *rows = malloc(sizeof(png_bytep) * (size_t)*h);
    assert_non_null(px);
    assert_non_null(rows);
    for (int y = 0; y < *h; y++)
        rows[y] = px + (size_t)y * *w * 3;
    png_read_image(png, rows);
    png_read_end(png, info);
    png_textp text;
    int n = 0;
    png_get_text(png, info, &text, &n);
    *n_text = n < 8 ? n : 8;
    for (int i = 0; i < *n_text; i++) {
        snprintf(texts[i][0], sizeof texts[i][0], "%s", text[i].key);
        snprintf(texts[i][1], sizeof texts[i][1], "%s", text[i].text);
    }
    png_destroy_read_struct(&png, &info, NULL);
    fclose(fp);
    free(rows);
    return px;
}

static const char *decoded_text(char texts[][2][1100], int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(texts[i][0], key) == 0)
            return texts[i][1];
    return NULL;
}

static bool files_equal(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    assert_non_null(fa);
    assert_non_null(fb);
    int ca, cb;
    bool eq = true;
    do {
        ca = fgetc(fa);
        cb = fgetc(fb);
        eq = eq && ca == cb;
    } while (eq && ca != EOF);
    fclose(fa);
    fclose(fb);
    return eq;
}

static void test_figure_sweep_write_png(void **state)
{
    (void)state;
    SweepFigure *sw = sweep_make(12, 4, 2);
    char dir[] = "/tmp/la_test_sweep_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char a[256], b[256], err[256];
    snprintf(a, sizeof a, "%s/a.png", dir);
    snprintf(b, sizeof b, "%s/b.png", dir);
    assert_int_equal(write_sweep_png(a, sw, THEME_LIGHT, 0, 0, err, sizeof err), ST_OK);
    assert_int_equal(write_sweep_png(b, sw, THEME_LIGHT, 0, 0, err, sizeof err), ST_OK);
    assert_true(files_equal(a, b));
    static char texts[8][2][1100];
    int w, h, n;
    uint8_t *px = png_decode(a, &w, &h, texts, &n);
    assert_int_equal(w, FIGURE_DEFAULT_W);
    assert_int_equal(h, FIGURE_DEFAULT_H);
    assert_string_equal(decoded_text(texts, n, "Title"), "Test accuracy under label noise");
    assert_int_equal(strncmp(decoded_text(texts, n, "Software"), "lossarena ", 10), 0);
    assert_string_equal(decoded_text(texts, n, "Seed"), "1");
    assert_non_null(strstr(decoded_text(texts, n, "Description"), "2-64-64-3 relu"));
    assert_non_null(strstr(decoded_text(texts, n, "Description"), "± sd over 2 seeds"));
    assert_non_null(strstr(decoded_text(texts, n, "Configuration"), "--sweep label-noise=0,0.2"));
    /* the decoded pixels: a plot that is not blank, every model's colour */
    Rgb bg = palette_background(false);
    int ink = 0, colours[12] = {0};
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            const uint8_t *p = px + ((size_t)y * w + x) * 3;
            Rgb c = {p[0], p[1], p[2]};
            if (x > w / 10 && x < w * 6 / 10 && y > h / 8 && y < h * 8 / 10)
                ink += !same(c, bg);
            for (int m = 0; m < 12; m++)
                colours[m] += same(c, palette_color(loss_style(sw->loss[m])->color, false));
        }
    assert_true(ink > 20000);
    for (int m = 0; m < 12; m++)
        assert_true(colours[m] > 100);
    free(px);
    /* the dark theme, another size */
    assert_int_equal(write_sweep_png(a, sw, THEME_DARK, 1200, 800, err, sizeof err), ST_OK);
    px = png_decode(a, &w, &h, texts, &n);
    assert_int_equal(w, 1200);
    assert_int_equal(h, 800);
    assert_int_equal(px[0], palette_background(true).r);
    free(px);
    unlink(a);
    unlink(b);
    /* what cannot be drawn is refused before anything is written */
    sw->levels[3] = 0.1;
    assert_int_equal(write_sweep_png(a, sw, THEME_LIGHT, 0, 0, err, sizeof err), ST_INVAL);
    assert_string_equal(sweep_problem(sw), "the noise levels do not increase");
    unlink(a);
    assert_int_equal(rmdir(dir), 0);
    free(sw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figure_dashboard_panels_not_blank),
        cmocka_unit_test(test_figure_every_model_colour_present),
        cmocka_unit_test(test_figure_dark_theme),
        cmocka_unit_test(test_figure_single_panels),
        cmocka_unit_test(test_figure_view_options),
        cmocka_unit_test(test_figure_sizes),
        cmocka_unit_test(test_figure_own_range_and_spread),
        cmocka_unit_test(test_figure_early_divergence_advice),
        cmocka_unit_test(test_figure_empty_snapshot),
        cmocka_unit_test(test_figure_boundary_panel),
        cmocka_unit_test(test_figure_describe),
        cmocka_unit_test(test_figure_write_png),
        cmocka_unit_test(test_figure_sweep_render),
        cmocka_unit_test(test_figure_sweep_error_bars),
        cmocka_unit_test(test_figure_sweep_edge_cases),
        cmocka_unit_test(test_figure_sweep_write_png),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
