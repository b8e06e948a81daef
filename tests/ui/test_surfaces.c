/* test_surfaces.c — one figure model, three surfaces: the terminal (curses cells, on a screen
 * written to a file), the raster (PNG) and the SVG are handed the same Figure and show the same
 * legend strings, histogram bars on the same shared scale with the median, and the same series
 * and markers. A counting Canvas records exactly what the picture layout hands to both picture
 * surfaces; the SVG text and the terminal cells are checked against it and against the model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/chart_build.h"
#include "ui/figure_draw.h"
#include "ui/figure_out.h"
#include "ui/raster.h"
#include "ui/term_draw.h"

/* ---- a snapshot whose histograms have known shapes ---- */

/* Model 0 puts every example in one bin (share 1: the shared maximum); model 1 spreads them
 * over four bins (share 1/4 each); model 2 has diverged. Curves end far apart. */
static Snapshot *snapshot_make(void)
{
    Snapshot *s = calloc(1, sizeof *s);
    assert_non_null(s);
    snprintf(s->dataset, sizeof s->dataset, "spiral");
    s->n_models = 3;
    s->step = 200;
    static const LossId ids[3] = {LOSS_HINGE2, LOSS_LOG, LOSS_L1};
    for (int m = 0; m < 3; m++) {
        ModelSnapshot *ms = &s->models[m];
        ms->loss = ids[m];
        for (int i = 0; i <= 20; i++) {
            float x = (float)(10 * i);
            history_push(&ms->train_loss, x, 0.2f + 1.2f * m + 0.02f * (20 - i));
            history_push(&ms->test_loss, x, 0.3f + 1.2f * m + 0.02f * (20 - i));
            history_push(&ms->train_acc, x, 0.9f - 0.3f * m);
            history_push(&ms->test_acc, x, 0.85f - 0.3f * m);
        }
        ms->has_eval = true;
        ms->last = (EvalResult){
            200, 4.0, 0.2f + 1.2f * m, 0.9f - 0.3f * m, 0.3f + 1.2f * m, 0.85f - 0.3f * m, 1.0f};
    }
    float one[4] = {1.1f, 1.1f, 1.1f, 1.1f}, spread[4] = {-2.9f, -0.9f, 1.1f, 3.1f};
    histogram_fill(&s->models[0].margins, -4.0f, 4.0f, 8, one, 4);
    histogram_fill(&s->models[1].margins, -4.0f, 4.0f, 8, spread, 4);
    histogram_fill(&s->models[2].margins, -4.0f, 4.0f, 8, spread, 4);
    s->models[1].last.margin_median = -2.5f;
    s->models[2].diverged = true;
    s->models[2].diverged_why = DIV_LOSS_NAN;
    s->models[2].diverged_step = 812;
    s->models[2].diverged_lr = 3.0f;
    return s;
}

/* ---- a Canvas that counts what the picture layout draws ---- */

typedef struct {
    int runs; /* polylines with at least one point */
    bool in_run;
    int markers[MARKER_COUNT];
    int texts;
    char text[256][96]; /* the first texts drawn */
    int bands;          /* shaded bands (the spread over seeds) */
} Count;

static void k_fill(void *impl, Rgb c)
{
    (void)impl;
    (void)c;
}
static void k_rect(void *impl, double x0, double y0, double x1, double y1, Rgb c, double a)
{
    (void)impl, (void)x0, (void)y0, (void)x1, (void)y1, (void)c, (void)a;
}
static void k_line(void *impl, double x0, double y0, double x1, double y1, double w, Rgb c,
                   double a)
{
    (void)impl, (void)x0, (void)y0, (void)x1, (void)y1, (void)w, (void)c, (void)a;
}
static void k_begin(void *impl, double w, double on, double off, Rgb c, double a)
{
    (void)w, (void)on, (void)off, (void)c, (void)a;
    ((Count *)impl)->in_run = false;
}
static void k_to(void *impl, double x, double y)
{
    Count *k = impl;
    if (!isfinite(x) || !isfinite(y)) {
        k->in_run = false;
    } else if (!k->in_run) {
        k->in_run = true;
        k->runs++;
    }
}
static void k_end(void *impl)
{
    ((Count *)impl)->in_run = false;
}
static void k_marker(void *impl, MarkerShape shape, double cx, double cy, double size, Rgb f, Rgb e,
                     double ew)
{
    (void)cx, (void)cy, (void)size, (void)f, (void)e, (void)ew;
    ((Count *)impl)->markers[shape]++;
}
static void k_text(void *impl, const CanvasText *t, double x, double y, const char *s)
{
    (void)t, (void)x, (void)y;
    Count *k = impl;
    if (k->texts < 256)
        snprintf(k->text[k->texts], sizeof k->text[0], "%s", s);
    k->texts++;
}
static void k_clip(void *impl, double x0, double y0, double x1, double y1)
{
    (void)impl, (void)x0, (void)y0, (void)x1, (void)y1;
}
static void k_unclip(void *impl)
{
    (void)impl;
}
static void k_band(void *impl, const double *x, const double *lo, const double *hi, int n, Rgb c,
                   double a)
{
    (void)x, (void)lo, (void)hi, (void)c, (void)a;
    if (n > 1)
        ((Count *)impl)->bands++;
}
static const CanvasOps count_ops = {k_fill, k_rect,   k_line, k_begin, k_to,
                                    k_end,  k_marker, k_text, k_clip,  k_unclip, k_band};

static bool counted_text(const Count *k, const char *s)
{
    for (int i = 0; i < k->texts && i < 256; i++)
        if (strcmp(k->text[i], s) == 0)
            return true;
    return false;
}

/* ---- the SVG and the terminal of the same model ---- */

static char *svg_of(const Figure *fig, Font *font, size_t *len)
{
    (void)font;
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, len);
    assert_non_null(fp);
    FigureMeta m;
    figure_meta_init(&m, fig, 1, NULL, "--seed 1");
    char err[256];
    assert_int_equal(
        svg_figure_write(fp, "mem.svg", fig, &m, THEME_LIGHT, 1600, 1000, err, sizeof err), ST_OK);
    fclose(fp);
    return buf;
}

static int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

typedef struct {
    char dir[64];
    FILE *out, *in;
    SCREEN *scr;
    TermDraw *td;
} Term;

/* A curses screen of 160 × 50 written to a file of the test's own directory; ASCII, no colour. */
static void term_open(Term *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/la_test_surf_XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    char path[128];
    snprintf(path, sizeof path, "%s/screen", t->dir);
    t->out = fopen(path, "w");
    snprintf(path, sizeof path, "%s/keys", t->dir);
    t->in = fopen(path, "w+");
    assert_non_null(t->out);
    assert_non_null(t->in);
    /* the open streams outlive their names: nothing is left behind, even when a test fails */
    unlink(path);
    snprintf(path, sizeof path, "%s/screen", t->dir);
    unlink(path);
    rmdir(t->dir);
    setenv("LINES", "50", 1);
    setenv("COLUMNS", "160", 1);
    t->scr = newterm("vt100", t->out, t->in);
    assert_non_null(t->scr);
    t->td = malloc(sizeof *t->td);
    assert_non_null(t->td);
    TermCaps caps = {TERM_GLYPH_ASCII, TERM_COLOR_MONO, true, false};
    term_draw_init(t->td, &caps);
}

static void term_close(Term *t)
{
    endwin();
    delscreen(t->scr);
    fclose(t->out);
    fclose(t->in);
    free(t->td);
}

static void row_text(int y, char *buf, int n)
{
    mvwinnstr(stdscr, y, 0, buf, n);
}

/* Legend: the same strings on every surface — the cells, and the one diverged wording. */
static void test_surfaces_same_legend(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make();
    Figure *fig = malloc(sizeof *fig);
    Font *font = malloc(sizeof *font);
    assert_int_equal(font_init(font), ST_OK);
    assert_int_equal(figure_build(fig, s, NULL, FIGURE_DASHBOARD), ST_OK);
    const Legend *l = &fig->legend;
    assert_string_equal(l->rows[2].status, "NaN loss at step 812, lr 3");

    Count k = {0};
    Canvas cv = {&count_ops, &k, font, 1600, 1000};
    assert_int_equal(figure_draw(&cv, fig, THEME_LIGHT), ST_OK);
    size_t len;
    char *svg = svg_of(fig, font, &len);
    Term t;
    term_open(&t);
    term_draw_legend(t.td, stdscr, (LayoutRect){0, 0, 100, 5}, l);
    for (int i = 0; i < l->n_rows; i++) {
        const LegendRow *r = &l->rows[i];
        char line[128], want[128];
        row_text(1 + i, line, 100);
        assert_non_null(strstr(line, r->key));
        for (int c = 0; c < 4; c++) {
            assert_non_null(strstr(line, r->cell[c])); /* terminal */
            if (!r->diverged) {
                assert_true(counted_text(&k, r->cell[c])); /* picture layout */
                snprintf(want, sizeof want, ">%s</text>", r->cell[c]);
                assert_non_null(strstr(svg, want)); /* SVG */
            }
        }
        if (r->diverged) {
            assert_non_null(strstr(line, r->status));
            assert_true(counted_text(&k, r->status));
            snprintf(want, sizeof want, ">%s</text>", r->status);
            assert_non_null(strstr(svg, want));
        }
    }
    term_close(&t);
    free(svg);
    free(font);
    free(fig);
    free(s);
}

/* The tallest column of full bar cells ('#' in ASCII) in columns [x0, x0 + w) of rows
 * [y0, y0 + h). (The zero line is '|', the median ':', partial cells '.', ':' or '|'.) */
static int tallest_bar(int x0, int y0, int w, int h)
{
    int best = 0;
    for (int x = x0; x < x0 + w; x++) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            chtype c = mvwinch(stdscr, y, x) & A_CHARTEXT;
            n += c == '#';
        }
        best = n > best ? n : best;
    }
    return best;
}

/* Histograms: one shared maximum on every surface. Model 0's one full bin reaches the top; model
 * 1's bins (a quarter each) a quarter of the way — in the terminal and in the SVG alike. */
static void test_surfaces_same_histogram_scale(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make();
    Figure *fig = malloc(sizeof *fig);
    Font *font = malloc(sizeof *font);
    assert_int_equal(font_init(font), ST_OK);
    assert_int_equal(figure_build(fig, s, NULL, FIGURE_MARGINS), ST_OK);
    const HistChart *h = &fig->margins;
    assert_float_equal(h->y.hi, 1.0, 1e-9);
    assert_float_equal(h->h[0].share[5], 1.0, 1e-6);
    assert_float_equal(h->h[1].share[1], 0.25, 1e-6);

    /* terminal: strips of one row are too coarse; a grid of cells 16 rows tall */
    Term t;
    term_open(&t);
    LayoutRect r = {0, 0, 120, 20};
    term_draw_hist_chart(t.td, stdscr, r, h, false);
    int cols, rows;
    layout_grid(r.w, r.h - 2, h->n, 12, 4, &cols, &rows);
    int cw = r.w / cols, ch = (r.h - 2) / rows;
    int bars0 = tallest_bar(0, 2, cw - 1, ch - 1), bars1 = tallest_bar(cw, 2, cw - 1, ch - 1);
    assert_int_equal(bars0, ch - 1);       /* the shared maximum: full height */
    assert_int_equal(bars1, (ch - 1) / 4); /* a quarter of it, not its own full height */
    /* the median of model 1 (-2.5) shows as a dotted column above its bars */
    char line[160];
    row_text(2, line, 120);
    assert_non_null(strchr(line + cw, ':'));
    term_close(&t);

    /* SVG: the bars of model 0 and 1 keep the same 4 : 1 ratio */
    size_t len;
    char *svg = svg_of(fig, font, &len);
    double tall[2] = {0, 0};
    for (int m = 0; m < 2; m++) {
        Rgb c = palette_color(loss_style(s->models[m].loss)->color, false);
        char fill[64];
        snprintf(fill, sizeof fill, "fill=\"#%02x%02x%02x\" fill-opacity=\"0.350\"", c.r, c.g, c.b);
        for (const char *p = strstr(svg, fill); p; p = strstr(p + 1, fill)) {
            const char *line_start = p;
            while (line_start > svg && line_start[-1] != '\n')
                line_start--;
            double x, y, w, hh;
            assert_int_equal(sscanf(line_start,
                                    "<rect x=\"%lf\" y=\"%lf\" width=\"%lf\" height=\"%lf\"", &x,
                                    &y, &w, &hh),
                             4);
            tall[m] = fmax(tall[m], hh);
        }
    }
    assert_true(tall[1] > 0);
    assert_float_equal(tall[0] / tall[1], 4.0, 0.05);
    free(svg);
    free(font);
    free(fig);
    free(s);
}

/* Series and markers: the picture layout draws one polyline per series (and the SVG has them),
 * a marker shape per loss, a cross for the diverged one; the terminal shows each solid series'
 * letter in the plot. */
static void test_surfaces_same_series_and_markers(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make();
    Figure *fig = malloc(sizeof *fig);
    Font *font = malloc(sizeof *font);
    assert_int_equal(font_init(font), ST_OK);
    assert_int_equal(figure_build(fig, s, NULL, FIGURE_LOSS), ST_OK);
    assert_int_equal(fig->loss.n_series, 6);
    Count k = {0};
    Canvas cv = {&count_ops, &k, font, 1600, 1000};
    assert_int_equal(figure_draw(&cv, fig, THEME_LIGHT), ST_OK);
    /* 6 series + the dashed sample of the train/test key */
    assert_int_equal(k.runs, fig->loss.n_series + 1);
    for (int m = 0; m < 3; m++) /* legend + curve (the diverged curve is above the axis) */
        assert_true(k.markers[loss_style(s->models[m].loss)->shape] >= (m == 2 ? 1 : 2));
    assert_int_equal(k.markers[MARKER_CROSS], 1); /* the diverged model's end */
    int used = 0;
    for (int sh = 0; sh < MARKER_COUNT; sh++)
        used += k.markers[sh] > 0;
    assert_int_equal(used, 4);

    size_t len;
    char *svg = svg_of(fig, font, &len);
    assert_int_equal(occurrences(svg, "<polyline"), k.runs);
    int polygons = 0;
    for (int sh = 0; sh < MARKER_COUNT; sh++) {
        double xy[2 * MARKER_MAX_POINTS];
        if (marker_outline((MarkerShape)sh, 0, 0, 10, xy) > 0)
            polygons += k.markers[sh];
    }
    assert_int_equal(occurrences(svg, "<polygon"), polygons);
    free(svg);

    Term t;
    term_open(&t);
    LayoutRect r = {0, 0, 100, 30};
    term_draw_line_chart(t.td, stdscr, r, &fig->loss);
    char all[30 * 104] = "";
    for (int y = 0; y < 30; y++) {
        char line[104];
        row_text(y, line, 100);
        strcat(all, line);
    }
    for (int i = 0; i < fig->loss.n_series; i++)
        if (fig->loss.series[i].style == LINE_SOLID)
            assert_non_null(strchr(all, fig->loss.series[i].letter));
    assert_non_null(strstr(all, fig->loss.title)); /* the chart's own title */
    term_close(&t);
    free(font);
    free(fig);
    free(s);
}

/* The boundary from its model: the terminal shows the same regions (class digits in ASCII). */
static void test_surfaces_boundary(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make();
    s->has_grid = true;
    s->grid_lo[0] = s->grid_lo[1] = -1;
    s->grid_hi[0] = s->grid_hi[1] = 1;
    for (int i = 0; i < ARENA_GRID * ARENA_GRID; i++) {
        s->models[1].grid[i] = (uint8_t)((i % ARENA_GRID) < ARENA_GRID / 2 ? 0 : 2);
        s->models[1].grid_conf[i] = 250;
    }
    BoundaryMap b;
    chart_build_boundary(&b, s, 1);
    assert_true(b.ok);
    Term t;
    term_open(&t);
    term_draw_boundary(t.td, stdscr, (LayoutRect){0, 0, 40, 21}, &b);
    char line[64];
    row_text(0, line, 40);
    assert_non_null(strstr(line, "Decision boundary . log")); /* ASCII: "·" is "." */
    row_text(10, line, 40);
    assert_non_null(strchr(line, '0'));
    assert_non_null(strchr(line, '2'));
    assert_true(strchr(line, '0') < strchr(line, '2')); /* class 0 on the left */
    chart_build_boundary(&b, s, 7);                     /* no such model: a message, no crash */
    assert_false(b.ok);
    term_draw_boundary(t.td, stdscr, (LayoutRect){0, 0, 40, 21}, &b);
    term_close(&t);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_surfaces_same_legend),
        cmocka_unit_test(test_surfaces_same_histogram_scale),
        cmocka_unit_test(test_surfaces_same_series_and_markers),
        cmocka_unit_test(test_surfaces_boundary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
