/* test_chart.c — the chart model (nice axes, tick labels, the loss/accuracy/margin builders on a
 * hand-made Snapshot) and the palette it colours series with. Pure: no terminal needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/loss.h"
#include "ui/chart_build.h"
#include "ui/loss_style.h"
#include "ui/palette.h"

/* ---- axes ---- */

static void assert_ticks_inside(const ChartAxis *ax)
{
    assert_true(ax->n_ticks >= 1);
    assert_true(ax->n_ticks <= CHART_MAX_TICKS);
    assert_true(ax->hi > ax->lo);
    for (int i = 0; i < ax->n_ticks; i++) {
        double eps = 1e-9 * (fabs(ax->lo) + fabs(ax->hi));
        assert_true(ax->ticks[i] >= ax->lo - eps);
        assert_true(ax->ticks[i] <= ax->hi + eps);
        if (i > 0)
            assert_true(ax->ticks[i] > ax->ticks[i - 1]);
        assert_true(strlen(ax->tick_labels[i]) > 0);
        assert_true(strlen(ax->tick_labels[i]) <= 7);
    }
}

static void test_chart_axis_unit_range(void **state)
{
    (void)state;
    ChartAxis ax;
    memset(&ax, 0, sizeof ax);
    axis_fit(&ax, 0.0, 1.0, false, 6, false);
    assert_int_equal(ax.n_ticks, 6);
    static const char *const want[] = {"0", "0.2", "0.4", "0.6", "0.8", "1"};
    for (int i = 0; i < 6; i++) {
        assert_float_equal(ax.ticks[i], 0.2 * i, 1e-12);
        assert_string_equal(ax.tick_labels[i], want[i]);
    }
    assert_false(ax.log);
    assert_float_equal(ax.lo, 0.0, 0.0);
    assert_float_equal(ax.hi, 1.0, 0.0);
}

static void test_chart_axis_respects_max_ticks(void **state)
{
    (void)state;
    ChartAxis ax;
    static const double ranges[][2] = {{0, 1},     {0.013, 7.9}, {-3, 1234}, {1e-5, 3e-5},
                                       {0, 12345}, {-1e9, 1e9},  {0.5, 0.51}};
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
        for (int mt = 2; mt <= CHART_MAX_TICKS; mt++) {
            for (int e = 0; e < 2; e++) {
                axis_fit(&ax, ranges[r][0], ranges[r][1], false, mt, e);
                assert_ticks_inside(&ax);
                assert_true(ax.n_ticks <= mt);
                if (e) { /* expanded: the data range is inside the axis */
                    assert_true(ax.lo <= ranges[r][0] + 1e-12);
                    assert_true(ax.hi >= ranges[r][1] - 1e-12);
                }
            }
        }
    }
}

static void test_chart_axis_expand_nice_edges(void **state)
{
    (void)state;
    ChartAxis ax;
    axis_fit(&ax, 0.07, 2.31, false, 6, true);
    assert_float_equal(ax.lo, 0.0, 1e-12);
    assert_float_equal(ax.hi, 2.5, 1e-12);
    assert_string_equal(ax.tick_labels[1], "0.5");
    /* without expand the range stays the data's */
    axis_fit(&ax, 0.07, 2.31, false, 6, false);
    assert_float_equal(ax.lo, 0.07, 1e-12);
    assert_float_equal(ax.hi, 2.31, 1e-12);
}

static void test_chart_axis_labels_short(void **state)
{
    (void)state;
    ChartAxis ax;
    axis_fit(&ax, 0, 3000, false, 4, false);
    assert_string_equal(ax.tick_labels[ax.n_ticks - 1], "3000");
    axis_fit(&ax, 0, 12000, false, 4, false);
    assert_string_equal(ax.tick_labels[1], "5k");
    assert_string_equal(ax.tick_labels[2], "10k");
    axis_fit(&ax, 0, 1, false, 5, false);
    assert_string_equal(ax.tick_labels[1], "0.25");
    axis_fit(&ax, 0, 1.5e6, false, 4, false);
    assert_string_equal(ax.tick_labels[1], "0.5M");
    assert_string_equal(ax.tick_labels[3], "1.5M");
    axis_fit(&ax, -0.002, 0.002, false, 5, false);
    assert_string_equal(ax.tick_labels[0], "-2e-3");
    assert_string_equal(ax.tick_labels[2], "0");
}

static void test_chart_axis_log_decades(void **state)
{
    (void)state;
    ChartAxis ax;
    axis_fit(&ax, 0.013, 7.9, true, 8, false);
    assert_true(ax.log);
    assert_int_equal(ax.n_ticks, 2);
    assert_float_equal(ax.ticks[0], 0.1, 1e-12);
    assert_float_equal(ax.ticks[1], 1.0, 1e-12);
    assert_string_equal(ax.tick_labels[0], "0.1");
    assert_string_equal(ax.tick_labels[1], "1");

    axis_fit(&ax, 0.013, 7.9, true, 8, true);
    assert_float_equal(ax.lo, 0.01, 1e-12);
    assert_float_equal(ax.hi, 10.0, 1e-12);
    assert_int_equal(ax.n_ticks, 4);
    assert_string_equal(ax.tick_labels[0], "0.01");
    assert_string_equal(ax.tick_labels[3], "10");

    axis_fit(&ax, 2e-4, 3, true, 8, true);
    assert_string_equal(ax.tick_labels[0], "1e-4");
    assert_string_equal(ax.tick_labels[1], "1e-3");

    /* many decades, few ticks: every k-th decade, still within max */
    axis_fit(&ax, 1e-12, 1e6, true, 4, true);
    assert_ticks_inside(&ax);
    assert_true(ax.n_ticks <= 4);
    for (int i = 0; i < ax.n_ticks; i++) {
        double e = log10(ax.ticks[i]);
        assert_float_equal(e, round(e), 1e-9);
    }
}

static void test_chart_axis_log_narrow_125(void **state)
{
    (void)state;
    ChartAxis ax;
    axis_fit(&ax, 0.3, 2.5, true, 8, false);
    assert_true(ax.log);
    assert_int_equal(ax.n_ticks, 3);
    assert_string_equal(ax.tick_labels[0], "0.5");
    assert_string_equal(ax.tick_labels[1], "1");
    assert_string_equal(ax.tick_labels[2], "2");
    /* very narrow: still ticks, still positive, still log */
    axis_fit(&ax, 2.1, 2.4, true, 6, false);
    assert_true(ax.log);
    assert_ticks_inside(&ax);
    assert_true(ax.lo > 0);
}

static void test_chart_axis_degenerate(void **state)
{
    (void)state;
    ChartAxis ax;
    axis_fit(&ax, 5.0, 5.0, false, 6, true);
    assert_ticks_inside(&ax);
    assert_true(ax.lo < 5 && ax.hi > 5);

    axis_fit(&ax, 0.0, 0.0, false, 6, false);
    assert_ticks_inside(&ax);
    assert_float_equal(ax.lo, 0.0, 0.0);
    assert_float_equal(ax.hi, 1.0, 0.0);

    axis_fit(&ax, NAN, NAN, false, 6, true);
    assert_ticks_inside(&ax);
    axis_fit(&ax, -INFINITY, INFINITY, false, 6, true);
    assert_ticks_inside(&ax);
    axis_fit(&ax, NAN, 3.0, false, 6, true);
    assert_ticks_inside(&ax);
    assert_true(ax.lo <= 3 && ax.hi >= 3);
    axis_fit(&ax, 4.0, 1.0, false, 6, false); /* swapped */
    assert_ticks_inside(&ax);
    assert_float_equal(ax.lo, 1.0, 0.0);

    /* log axis given zero, negative, equal or non-finite ends: positive, ordered, ticked */
    static const double bad[][2] = {{0, 10},         {-5, 2}, {-5, -1},      {3, 3},
                                    {NAN, INFINITY}, {0, 0},  {1e-40, 1e40}, {1e-300, 1e-299}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        for (int e = 0; e < 2; e++) {
            axis_fit(&ax, bad[i][0], bad[i][1], true, 6, e);
            assert_true(ax.log);
            assert_true(ax.lo > 0);
            assert_ticks_inside(&ax);
            for (int t = 0; t < ax.n_ticks; t++)
                assert_true(ax.ticks[t] > 0);
        }
    }
    /* max_ticks out of range is clamped */
    axis_fit(&ax, 0, 100, false, 1000, false);
    assert_true(ax.n_ticks <= CHART_MAX_TICKS);
    axis_fit(&ax, 0, 100, false, 0, false);
    assert_true(ax.n_ticks >= 1 && ax.n_ticks <= 2);
}

static void test_chart_axis_frac(void **state)
{
    (void)state;
    ChartAxis ax;
    axis_fit(&ax, 0, 10, false, 6, false);
    assert_float_equal(axis_frac(&ax, 0), 0.0, 1e-12);
    assert_float_equal(axis_frac(&ax, 5), 0.5, 1e-12);
    assert_float_equal(axis_frac(&ax, 20), 2.0, 1e-12);
    assert_true(isnan(axis_frac(&ax, NAN)));
    axis_fit(&ax, 0.01, 100, true, 6, true);
    assert_float_equal(axis_frac(&ax, 1), 0.5, 1e-12);
    assert_float_equal(axis_frac(&ax, 0.1), 0.25, 1e-12);
    assert_float_equal(axis_frac(&ax, 0), 0.0, 0.0);
    assert_float_equal(axis_frac(&ax, -3), 0.0, 0.0);
}

/* ---- builders on a hand-made Snapshot ---- */

static void fill_history(History *h, int n, float y0, float decay)
{
    history_clear(h);
    for (int i = 0; i < n; i++)
        history_push(h, (float)(i * 10), y0 * powf(decay, (float)i));
}

static Snapshot *make_snapshot(int n_models)
{
    Snapshot *s = calloc(1, sizeof *s);
    assert_non_null(s);
    s->n_models = n_models;
    for (int m = 0; m < n_models; m++) {
        ModelSnapshot *ms = &s->models[m];
        ms->loss = (LossId)(m % LOSS_COUNT);
        fill_history(&ms->train_loss, 50, 2.0f + m, 0.9f);
        fill_history(&ms->test_loss, 50, 2.5f + m, 0.92f);
        fill_history(&ms->train_acc, 50, 0.1f, 1.04f);
        fill_history(&ms->test_acc, 50, 0.1f, 1.03f);
        float v[8] = {-2, -1, 0.5f, 1, 1.5f, 2, 2.5f, 3};
        histogram_fill(&ms->margins, -4.0f, 4.0f, SNAPSHOT_HIST_BINS, v, 8);
    }
    return s;
}

static int count_model(const LineChart *c, int m)
{
    int n = 0;
    for (int i = 0; i < c->n_series; i++)
        n += c->series[i].model == m;
    return n;
}

static void test_chart_loss_series_and_hidden(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(5);
    ChartView v = {.log_y = false, .normalise = false, .focused = -1};
    v.hidden[1] = true;
    v.hidden[3] = true;
    LineChart c;
    chart_build_loss(&c, s, &v, 6, 6);
    assert_int_equal(c.n_series, 6);
    assert_int_equal(count_model(&c, 1), 0);
    assert_int_equal(count_model(&c, 3), 0);
    assert_int_equal(count_model(&c, 4), 2);
    int solid = 0, dashed = 0;
    for (int i = 0; i < c.n_series; i++) {
        const ChartSeries *sr = &c.series[i];
        assert_int_equal(sr->n, 50);
        assert_float_equal(sr->y_scale, 1.0f, 0.0f);
        const LossStyle *st = loss_style(s->models[sr->model].loss);
        assert_int_equal(sr->color, st->color); /* by loss id, not by position */
        assert_int_equal(sr->letter, st->letter);
        assert_int_equal(sr->shape, st->shape);
        assert_false(sr->focused);
        solid += sr->style == LINE_SOLID;
        dashed += sr->style == LINE_DASHED;
        if (sr->style == LINE_SOLID)
            assert_ptr_equal(sr->y, s->models[sr->model].train_loss.y);
        else
            assert_ptr_equal(sr->y, s->models[sr->model].test_loss.y);
    }
    assert_int_equal(solid, 3);
    assert_int_equal(dashed, 3);
    assert_string_equal(c.title, "Loss");
    assert_true(c.style_key);
    assert_string_equal(c.x.label, "step");
    /* y covers the data of the visible models only: max is model 4's first test value */
    assert_true(c.y.hi >= 6.5);
    assert_true(c.y.lo <= 2.0 * powf(0.9f, 49));
    assert_true(c.y.hi < 10.0); /* model 3 (hidden, 5.5) does not matter; nothing above 6.5 */
    assert_float_equal(c.x.hi, 490.0, 1e-9);
    assert_float_equal(c.x.lo, 0.0, 0.0);
    free(s);
}

static void test_chart_loss_focused_last(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(4);
    ChartView v = {.focused = 1};
    LineChart c;
    chart_build_loss(&c, s, &v, 6, 6);
    assert_int_equal(c.n_series, 8);
    assert_int_equal(c.series[6].model, 1);
    assert_int_equal(c.series[7].model, 1);
    assert_true(c.series[6].focused && c.series[7].focused);
    for (int i = 0; i < 6; i++) {
        assert_int_not_equal(c.series[i].model, 1);
        assert_false(c.series[i].focused);
    }
    /* a hidden model cannot be focused */
    v.hidden[1] = true;
    chart_build_loss(&c, s, &v, 6, 6);
    assert_int_equal(c.n_series, 6);
    for (int i = 0; i < c.n_series; i++)
        assert_false(c.series[i].focused);
    free(s);
}

static void test_chart_loss_normalise(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(3);
    ChartView v = {.normalise = true, .focused = -1};
    LineChart c;
    chart_build_loss(&c, s, &v, 6, 6);
    for (int i = 0; i < c.n_series; i++) {
        const ChartSeries *sr = &c.series[i];
        assert_float_equal(sr->y[0] * sr->y_scale, 1.0f, 1e-6f);
    }
    assert_float_equal(c.series[0].y_scale, 1.0f / 2.0f, 1e-7f);
    /* every normalised curve starts at 1 and decays: y range ~[0, 1] */
    assert_true(c.y.hi >= 1.0);
    assert_true(c.y.hi <= 1.5);
    assert_string_equal(c.title, "Loss / first value");
    free(s);
}

static void test_chart_loss_log_axis(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(2);
    /* a hinge loss that reaches exactly zero, and a negative value, must not break the axis */
    s->models[0].train_loss.y[10] = 0.0f;
    s->models[1].test_loss.y[3] = -0.5f;
    ChartView v = {.log_y = true, .focused = -1};
    LineChart c;
    chart_build_loss(&c, s, &v, 6, 6);
    assert_string_equal(c.title, "Loss, log scale");
    assert_true(c.y.log);
    assert_true(c.y.lo > 0);
    assert_true(c.y.lo <= 2.0 * powf(0.9f, 49) * 1.0001);
    assert_true(c.y.hi >= 3.5);
    for (int i = 0; i < c.y.n_ticks; i++)
        assert_true(c.y.ticks[i] > 0);
    /* a range of tiny values keeps at most LOG_MAX_DECADES (8) decades below the top */
    s->models[0].train_loss.y[20] = 1e-30f;
    chart_build_loss(&c, s, &v, 6, 6);
    assert_true(c.y.lo >= 1e-9);
    free(s);
}

static void test_chart_loss_diverged(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(2);
    ModelSnapshot *d = &s->models[1];
    d->diverged = true;
    d->train_loss.y[30] = 1e30f; /* blew up, then NaN */
    d->train_loss.y[31] = NAN;
    d->train_loss.y[32] = NAN;
    d->test_loss.y[31] = INFINITY;
    LineChart c;
    chart_build_loss(&c, s, NULL, 6, 6);
    assert_int_equal(c.n_series, 4);
    for (int i = 0; i < c.n_series; i++) {
        const ChartSeries *sr = &c.series[i];
        if (sr->model == 1)
            assert_int_equal(sr->n, 31);
        else
            assert_int_equal(sr->n, 50);
        assert_int_equal(sr->diverged, sr->model == 1);
    }
    /* the explosion does not set the y range while a model still trains */
    assert_true(c.y.hi < 10);
    /* all diverged: their finite history sets the range */
    s->models[0].diverged = true;
    chart_build_loss(&c, s, NULL, 6, 6);
    assert_true(c.y.hi >= 1e29);
    free(s);
}

static void test_chart_empty_snapshot(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(0);
    LineChart c;
    chart_build_loss(&c, s, NULL, 6, 6);
    assert_int_equal(c.n_series, 0);
    assert_ticks_inside(&c.x);
    assert_ticks_inside(&c.y);
    chart_build_accuracy(&c, s, NULL, 6, 6);
    assert_int_equal(c.n_series, 0);
    HistChart h;
    chart_build_margins(&h, s, NULL, 5);
    assert_int_equal(h.n, 0);
    assert_true(h.x.hi > h.x.lo);
    assert_true(h.y.hi > 0);
    /* models with empty histories give no series */
    free(s);
    s = calloc(1, sizeof *s);
    assert_non_null(s);
    s->n_models = 3;
    chart_build_loss(&c, s, NULL, 6, 6);
    assert_int_equal(c.n_series, 0);
    free(s);
}

static void test_chart_accuracy(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(3);
    ChartView v = {.focused = 0};
    v.hidden[2] = true;
    LineChart c;
    chart_build_accuracy(&c, s, &v, 6, 6);
    assert_int_equal(c.n_series, 4);
    assert_float_equal(c.y.lo, 0.0, 0.0);
    assert_float_equal(c.y.hi, 1.0, 0.0);
    assert_false(c.y.log);
    assert_string_equal(c.title, "Accuracy");
    assert_int_equal(c.series[3].model, 0);
    assert_ptr_equal(c.series[2].y, s->models[0].train_acc.y);
    assert_ptr_equal(c.series[3].y, s->models[0].test_acc.y);
    /* log_y and normalise are for losses only */
    v.log_y = true;
    v.normalise = true;
    chart_build_accuracy(&c, s, &v, 6, 6);
    assert_false(c.y.log);
    assert_float_equal(c.series[0].y_scale, 1.0f, 0.0f);
    free(s);
}

static void test_chart_margins(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(6);
    ChartView v = {.focused = 4};
    v.hidden[0] = true;
    v.hidden[5] = true;
    HistChart h;
    chart_build_margins(&h, s, &v, 5);
    assert_int_equal(h.n, 4);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(h.h[i].model, i + 1);
        assert_int_equal(h.h[i].focused, i + 1 == 4);
        assert_int_equal(h.h[i].dimmed, i + 1 != 4);
    }
    assert_float_equal(h.x.lo, -4.0, 0.0);
    assert_float_equal(h.x.hi, 4.0, 0.0);
    assert_ticks_inside(&h.x);
    assert_true(h.x.n_ticks <= 5);
    assert_non_null(strstr(h.title, "margin"));
    /* a tick at zero: the margin sign is what the chart is about */
    bool zero = false;
    for (int i = 0; i < h.x.n_ticks; i++)
        zero = zero || h.x.ticks[i] == 0.0;
    assert_true(zero);
    v.focused = 0; /* hidden: not focused */
    chart_build_margins(&h, s, &v, 5);
    for (int i = 0; i < h.n; i++)
        assert_false(h.h[i].focused || h.h[i].dimmed);
    free(s);
}

/* The bins are shares of all examples, and one y scale — the largest share over the shown
 * models, rounded up to a nice value — serves every histogram (and so every surface). */
static void test_chart_margins_shared_scale_and_median(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(3);
    float tall[4] = {1, 1, 1, 1}; /* model 2: every example in one bin */
    histogram_fill(&s->models[2].margins, -4.0f, 4.0f, SNAPSHOT_HIST_BINS, tall, 4);
    s->models[1].has_eval = true;
    s->models[1].last.margin_median = 1.25f;
    HistChart h;
    chart_build_margins(&h, s, NULL, 5);
    assert_int_equal(h.n, 3);
    for (int i = 0; i < h.n; i++) {
        double sum = h.h[i].below + h.h[i].above;
        for (int b = 0; b < h.h[i].n_bins; b++) {
            sum += h.h[i].share[b];
            assert_true(h.h[i].share[b] <= h.y.hi);
        }
        assert_float_equal(sum, 1.0, 1e-5);
    }
    assert_float_equal(h.y.hi, 1.0, 1e-9); /* model 2's one full bin sets the scale */
    assert_float_equal(h.y.lo, 0.0, 0.0);
    assert_false(h.y.expand); /* surfaces refit ticks, never the scale */
    assert_true(h.h[1].has_median);
    assert_float_equal(h.h[1].median, 1.25f, 0.0f);
    assert_false(h.h[0].has_median);
    /* hiding the tall model lowers the scale for the others */
    ChartView v = {.focused = -1};
    v.hidden[2] = true;
    chart_build_margins(&h, s, &v, 5);
    assert_true(h.y.hi < 0.5);
    free(s);
}

/* One wording of a diverged model, the README's: "NaN loss at step 812, lr 3". */
static void test_chart_legend_cells_and_wording(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(3);
    s->models[0].has_eval = true;
    s->models[0].last = (EvalResult){
        .train_loss = 0.0502f, .test_loss = 0.0475f, .train_acc = 0.992f, .test_acc = 0.996f};
    s->models[1].has_eval = true;
    s->models[1].diverged = true;
    s->models[1].diverged_why = DIV_LOSS_NAN;
    s->models[1].diverged_step = 812;
    s->models[1].diverged_lr = 3.0f;
    ChartView v = {.focused = 2};
    v.hidden[2] = true;
    Legend l;
    chart_build_legend(&l, s, &v);
    assert_int_equal(l.n_rows, 3);
    assert_int_equal(l.n_cells, 4);
    assert_string_equal(l.rows[0].cell[0], "0.0502");
    assert_string_equal(l.rows[0].cell[1], "0.0475");
    assert_string_equal(l.rows[0].cell[2], "99.2%");
    assert_string_equal(l.rows[0].cell[3], "99.6%");
    assert_string_equal(l.rows[0].status, "");
    assert_string_equal(l.rows[1].status, "NaN loss at step 812, lr 3");
    assert_true(l.rows[1].diverged);
    assert_string_equal(l.rows[2].status, "not evaluated yet");
    assert_true(l.rows[2].hidden);
    assert_false(l.rows[2].focused); /* hidden: not focused */
    assert_string_equal(l.rows[1].key, "log2");
    assert_int_equal(l.rows[1].letter, 'S');
    char w[64];
    chart_diverged_text(w, sizeof w, DIV_LOSS_INF, 40, 0.5);
    assert_string_equal(w, "infinite loss at step 40, lr 0.5");
    /* the one architecture string */
    ArenaConfig cfg = {.n_hidden = 2, .hidden = {64, 32}, .act = ACT_TANH};
    chart_arch_text(w, sizeof w, 2, &cfg, 3);
    assert_string_equal(w, "2-64-32-3 tanh");
    free(s);
}

/* The step axis counts steps: over a tiny range its ticks stay whole numbers at least 1 apart
 * (nice ticks would be 0.2, 0.4, ... or 2.5, 7.5). */
static void test_chart_step_axis_whole_ticks(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(2);
    static const int last_steps[] = {0, 1, 2, 3, 5, 7, 10, 13, 30, 490};
    for (size_t k = 0; k < sizeof last_steps / sizeof last_steps[0]; k++) {
        for (int m = 0; m < 2; m++) {
            ModelSnapshot *ms = &s->models[m];
            History *hs[4] = {&ms->train_loss, &ms->test_loss, &ms->train_acc, &ms->test_acc};
            for (int h = 0; h < 4; h++) {
                history_clear(hs[h]);
                for (int i = 0; i <= last_steps[k]; i++)
                    history_push(hs[h], (float)i, 0.5f + 0.01f * (float)i);
            }
        }
        for (int mt = 2; mt <= CHART_MAX_TICKS + 2; mt++) {
            for (int kind = 0; kind < 2; kind++) {
                LineChart c;
                if (kind == 0)
                    chart_build_loss(&c, s, NULL, mt, 6);
                else
                    chart_build_accuracy(&c, s, NULL, mt, 6);
                assert_ticks_inside(&c.x);
                assert_true(c.x.n_ticks <= (mt > CHART_MAX_TICKS ? CHART_MAX_TICKS : mt));
                for (int i = 0; i < c.x.n_ticks; i++) {
                    assert_float_equal(c.x.ticks[i], floor(c.x.ticks[i]), 0.0);
                    assert_null(strchr(c.x.tick_labels[i], '.'));
                    if (i > 0)
                        assert_true(c.x.ticks[i] - c.x.ticks[i - 1] >= 1.0);
                }
                assert_true(c.x.hi >= last_steps[k]);
            }
        }
    }
    /* steps 0..3 with room for many ticks: every step, 0 1 2 3 */
    LineChart c;
    for (int m = 0; m < 2; m++) {
        history_clear(&s->models[m].train_loss);
        history_clear(&s->models[m].test_loss);
        for (int i = 0; i <= 3; i++) {
            history_push(&s->models[m].train_loss, (float)i, 1.0f);
            history_push(&s->models[m].test_loss, (float)i, 1.0f);
        }
    }
    chart_build_loss(&c, s, NULL, 10, 6);
    assert_int_equal(c.x.n_ticks, 4);
    assert_string_equal(c.x.tick_labels[0], "0");
    assert_string_equal(c.x.tick_labels[3], "3");
    /* a long run keeps its ordinary nice ticks */
    for (int m = 0; m < 2; m++) {
        history_clear(&s->models[m].train_loss);
        history_clear(&s->models[m].test_loss);
        for (int i = 0; i <= 100; i++) {
            history_push(&s->models[m].train_loss, (float)(i * 100), 1.0f);
            history_push(&s->models[m].test_loss, (float)(i * 100), 1.0f);
        }
    }
    chart_build_loss(&c, s, NULL, 6, 6);
    assert_string_equal(c.x.tick_labels[1], "2k");
    free(s);
}

/* ---- palette ---- */

static void test_chart_palette_contrast(void **state)
{
    (void)state;
    for (int dark = 0; dark < 2; dark++) {
        Rgb bg = palette_background(dark);
        for (int i = 0; i < 16; i++) {
            Rgb c = palette_color(i, dark);
            assert_true(palette_contrast(c, bg) >= 3.0);
            /* distinct colours: no two identical */
            for (int j = 0; j < i; j++) {
                Rgb o = palette_color(j, dark);
                assert_false(c.r == o.r && c.g == o.g && c.b == o.b);
            }
        }
        assert_true(palette_contrast(palette_muted(dark), bg) >= 2.5);
    }
    /* Okabe–Ito blue and vermillion read as they are on white */
    Rgb blue = palette_color(0, false), verm = palette_color(3, false);
    assert_int_equal(blue.r, 0x00);
    assert_int_equal(blue.g, 0x72);
    assert_int_equal(blue.b, 0xB2);
    assert_int_equal(verm.r, 0xD5);
    /* index wraps */
    Rgb a = palette_color(17, true), b = palette_color(1, true);
    assert_memory_equal(&a, &b, sizeof a);
    a = palette_color(-1, true);
    b = palette_color(15, true);
    assert_memory_equal(&a, &b, sizeof a);
    assert_float_equal(palette_contrast((Rgb){0, 0, 0}, (Rgb){255, 255, 255}), 21.0, 1e-9);
}

static void test_chart_palette_first_hues_differ(void **state)
{
    (void)state;
    /* the first three colours are far apart in RGB on both backgrounds */
    for (int dark = 0; dark < 2; dark++) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < i; j++) {
                Rgb a = palette_color(i, dark), b = palette_color(j, dark);
                int d = abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b);
                assert_true(d > 100);
            }
        }
    }
}

/* The loss style table: every loss (a new one too: the loop runs to LOSS_COUNT) has a letter, a
 * shape and a colour of its own, so a forgotten table entry (zero) fails here. */
static void test_chart_loss_styles(void **state)
{
    (void)state;
    static const char want[] = "LSABERCHQKTD";
    for (int l = 0; l < LOSS_COUNT; l++) {
        const LossStyle *a = loss_style((LossId)l);
        if (l < (int)sizeof want - 1)
            assert_int_equal(a->letter, want[l]);
        assert_true(a->letter >= 'A' && a->letter <= 'Z');
        assert_true(a->color >= 0 && a->color < PALETTE_SLOTS);
        assert_true(a->shape >= 0 && a->shape < MARKER_COUNT && a->shape != MARKER_CROSS);
        for (int o = 0; o < l; o++) {
            const LossStyle *b = loss_style((LossId)o);
            assert_int_not_equal(a->letter, b->letter);
            assert_int_not_equal(a->shape, b->shape);
            assert_int_not_equal(a->color, b->color);
        }
        /* the same loss looks the same wherever it stands in --losses */
        Snapshot *s = make_snapshot(2);
        s->models[1].loss = (LossId)l;
        LineChart c;
        chart_build_loss(&c, s, NULL, 6, 6);
        assert_int_equal(c.series[c.n_series - 1].color, a->color);
        free(s);
    }
    assert_int_equal(loss_style(LOSS_COUNT)->letter, '?');
    assert_int_equal(loss_style((LossId)-1)->letter, '?');
}

/* Each loss's floor (inf ℓ) is what the loss's own code gives at its best prediction (one-hot
 * outputs for the raw losses, ±1 for the hinges, a confident softmax for the others), and no
 * prediction goes below it. */
static void test_chart_loss_floors(void **state)
{
    (void)state;
    for (int l = 0; l < LOSS_COUNT; l++) {
        const LossDef *d = loss_def((LossId)l);
        double floor_ = loss_style((LossId)l)->floor;
        static const float best_at[4][3] = {{1, 0, 0}, {1, -1, -1}, {60, 0, 0}, {60, -60, -60}};
        float logits[3], grad[3];
        int32_t label = 0;
        double best = INFINITY;
        for (int b = 0; b < 4; b++) {
            memcpy(logits, best_at[b], sizeof logits);
            best = fmin(best, d->eval(logits, &label, 1, 3, grad, NULL));
        }
        assert_float_equal(best, floor_, 1e-3);
        unsigned rng = 3;
        for (int t = 0; t < 200; t++) {
            for (int j = 0; j < 3; j++) {
                rng = rng * 1103515245u + 12345u;
                logits[j] = (float)((rng >> 8) % 2000) / 100.0f - 10.0f;
            }
            assert_true(d->eval(logits, &label, 1, 3, grad, NULL) >= floor_ - 1e-6);
        }
    }
}

/* The log and normalised views show a loss above its floor: Tanimoto (floor −1) plots ℓ + 1. */
static void test_chart_loss_above_floor(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(2);
    s->models[1].loss = LOSS_TANIMOTO;
    fill_history(&s->models[1].train_loss, 50, -0.5f, 1.01f); /* −0.5 falling towards −0.8 */
    fill_history(&s->models[1].test_loss, 50, -0.5f, 1.01f);
    LineChart c;
    ChartView v = {.log_y = true, .focused = -1};
    chart_build_loss(&c, s, &v, 6, 6);
    assert_string_equal(c.title, "Loss above its floor, log scale");
    for (int i = 0; i < c.n_series; i++) {
        const ChartSeries *sr = &c.series[i];
        assert_float_equal(sr->y_offset, sr->model == 1 ? 1.0f : 0.0f, 0.0f);
        for (int j = 0; j < sr->n; j++)
            assert_true(chart_series_y(sr, j) > 0); /* readable on a log axis */
    }
    v = (ChartView){.normalise = true, .focused = -1};
    chart_build_loss(&c, s, &v, 6, 6);
    assert_string_equal(c.title, "Loss above its floor / first value");
    for (int i = 0; i < c.n_series; i++) {
        const ChartSeries *sr = &c.series[i];
        assert_float_equal(chart_series_y(sr, 0), 1.0, 1e-6);
        assert_true(chart_series_y(sr, sr->n - 1) < 1.0); /* falls, as the loss does */
    }
    /* the linear view shows ℓ itself */
    chart_build_loss(&c, s, NULL, 6, 6);
    assert_string_equal(c.title, "Loss");
    for (int i = 0; i < c.n_series; i++)
        assert_float_equal(c.series[i].y_offset, 0.0f, 0.0f);
    free(s);
}

/* Accuracy axes carry the chance level and the --target-acc line. */
static void test_chart_accuracy_reference_lines(void **state)
{
    (void)state;
    Snapshot *s = make_snapshot(2);
    s->k = 4;
    LineChart c;
    chart_build_accuracy(&c, s, NULL, 6, 6);
    assert_int_equal(c.n_refs, 1);
    assert_float_equal(c.refs[0].y, 0.25, 1e-12);
    assert_string_equal(c.refs[0].label, "chance 25%");
    ChartView v = {.focused = -1, .target_acc = 0.95};
    chart_build_accuracy(&c, s, &v, 6, 6);
    assert_int_equal(c.n_refs, 2);
    assert_float_equal(c.refs[1].y, 0.95, 1e-12);
    assert_string_equal(c.refs[1].label, "target 95%");
    free(s);
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1 /* the sanitizer's allocator is not glibc's: mallinfo2 says nothing */
#else
#define UNDER_SANITIZER 0
#endif

/* The dashboard rebuilds the figure model every frame: building it allocates nothing. */
static void test_chart_build_allocates_nothing(void **state)
{
    (void)state;
    if (UNDER_SANITIZER)
        skip();
    Snapshot *s = make_snapshot(12);
    s->has_grid = true;
    Figure *fig = malloc(sizeof *fig);
    assert_non_null(fig);
    ChartView v = {.log_y = true, .normalise = true, .focused = 3, .target_acc = 0.9};
    assert_int_equal(figure_build(fig, s, &v, FIGURE_DASHBOARD), ST_OK); /* warm-up */
    struct mallinfo2 before = mallinfo2();
    for (int i = 0; i < 50; i++)
        for (int k = FIGURE_DASHBOARD; k <= FIGURE_MARGINS; k++)
            assert_int_equal(figure_build(fig, s, &v, (FigureKind)k), ST_OK);
    struct mallinfo2 after = mallinfo2();
    assert_int_equal(after.uordblks, before.uordblks);
    assert_int_equal(after.arena, before.arena);
    free(fig);
    free(s);
}

static void test_chart_palette_mix(void **state)
{
    (void)state;
    Rgb m = palette_mix((Rgb){0, 0, 0}, (Rgb){200, 100, 50}, 0.5f);
    assert_int_equal(m.r, 100);
    assert_int_equal(m.g, 50);
    assert_int_equal(m.b, 25);
    m = palette_mix((Rgb){0, 0, 0}, (Rgb){200, 100, 50}, 7.0f);
    assert_int_equal(m.r, 200);
    Rgb c0 = palette_class_color(0), c10 = palette_class_color(10);
    assert_memory_equal(&c0, &c10, sizeof c0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_axis_unit_range),
        cmocka_unit_test(test_chart_axis_respects_max_ticks),
        cmocka_unit_test(test_chart_axis_expand_nice_edges),
        cmocka_unit_test(test_chart_axis_labels_short),
        cmocka_unit_test(test_chart_axis_log_decades),
        cmocka_unit_test(test_chart_axis_log_narrow_125),
        cmocka_unit_test(test_chart_axis_degenerate),
        cmocka_unit_test(test_chart_axis_frac),
        cmocka_unit_test(test_chart_loss_series_and_hidden),
        cmocka_unit_test(test_chart_loss_focused_last),
        cmocka_unit_test(test_chart_loss_normalise),
        cmocka_unit_test(test_chart_loss_log_axis),
        cmocka_unit_test(test_chart_loss_diverged),
        cmocka_unit_test(test_chart_empty_snapshot),
        cmocka_unit_test(test_chart_accuracy),
        cmocka_unit_test(test_chart_margins),
        cmocka_unit_test(test_chart_step_axis_whole_ticks),
        cmocka_unit_test(test_chart_palette_contrast),
        cmocka_unit_test(test_chart_palette_first_hues_differ),
        cmocka_unit_test(test_chart_loss_styles),
        cmocka_unit_test(test_chart_palette_mix),
        cmocka_unit_test(test_chart_build_allocates_nothing),
        cmocka_unit_test(test_chart_loss_floors),
        cmocka_unit_test(test_chart_loss_above_floor),
        cmocka_unit_test(test_chart_accuracy_reference_lines),
        cmocka_unit_test(test_chart_margins_shared_scale_and_median),
        cmocka_unit_test(test_chart_legend_cells_and_wording),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
