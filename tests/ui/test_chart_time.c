/* test_chart_time.c — the step axis's modes, smoothing and the boundaries builder, on the
 * figure model: log decades from step 1 (step 0 dropped), a window that follows the latest
 * step, the debiased EMA (TensorBoard's start-up fix) with the raw curves kept faint and the
 * legend raw, --time-axis parsing, and every model's boundary (diverged flagged, hidden left
 * out, why-not on data that is not 2-D). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/history.h"
#include "ui/chart_boundaries.h"
#include "ui/chart_build.h"
#include "ui/chart_time.h"

/* A LineChart with one series per history. */
static LineChart *chart_of(History *h, int n)
{
    LineChart *c = calloc(1, sizeof *c);
    assert_non_null(c);
    for (int i = 0; i < n; i++) {
        ChartSeries *sr = &c->series[c->n_series++];
        sr->x = h[i].x;
        sr->y = h[i].y;
        sr->n = h[i].n;
        sr->y_scale = 1;
    }
    snprintf(c->title, sizeof c->title, "Loss");
    return c;
}

static void fill(History *h, long last, long every)
{
    history_clear(h);
    for (long s = 0; s <= last; s += every)
        history_push(h, (float)s, 1.0f / (1.0f + (float)s));
}

static void test_chart_time_log_decades_from_step_one(void **state)
{
    (void)state;
    History h;
    fill(&h, 20000, 50);
    LineChart *c = chart_of(&h, 1);
    chart_time_axis(c, TIME_AXIS_LOG, 0, 8);
    assert_true(c->x.log);
    assert_float_equal(c->x.lo, 1.0, 1e-9);
    assert_true(c->x.hi >= 20000);
    /* ticks on the decades, labelled short */
    static const char *const want[] = {"1", "10", "100", "1000", "10k"};
    assert_int_equal(c->x.n_ticks, 5);
    for (int i = 0; i < 5; i++) {
        assert_float_equal(c->x.ticks[i], pow(10, i), 1e-6);
        assert_string_equal(c->x.tick_labels[i], want[i]);
    }
    /* step 0 has no place on a log axis: the series starts at its first point from step 1 */
    assert_int_equal(c->n_series, 1);
    assert_true(c->series[0].x[0] >= 1.0f);
    assert_int_equal(c->series[0].n, h.n - 1);
    assert_non_null(strstr(c->title, "log steps from 1"));
    assert_string_equal(c->x.label, "step (log)");
    /* fewer ticks allowed: every other decade, never a tick off a decade */
    chart_axis_fit(&c->x, 3);
    assert_true(c->x.n_ticks >= 2 && c->x.n_ticks <= 3);
    for (int i = 0; i < c->x.n_ticks; i++) {
        double e = log10(c->x.ticks[i]);
        assert_float_equal(e, round(e), 1e-9);
    }
    /* only step 0 evaluated: nothing to draw, no empty series left behind */
    fill(&h, 0, 50);
    free(c);
    c = chart_of(&h, 1);
    chart_time_axis(c, TIME_AXIS_LOG, 0, 8);
    assert_int_equal(c->n_series, 0);
    assert_float_equal(c->x.lo, 1.0, 1e-9);
    free(c);
}

static void test_chart_time_window_follows(void **state)
{
    (void)state;
    History h[2];
    fill(&h[0], 5000, 50);
    fill(&h[1], 5000, 100);
    LineChart *c = chart_of(h, 2);
    chart_time_axis(c, TIME_AXIS_WINDOW, 1000, 8);
    assert_false(c->x.log);
    assert_float_equal(c->x.lo, 4000, 1e-9);
    assert_float_equal(c->x.hi, 5000, 1e-9);
    for (int i = 0; i < c->n_series; i++) {
        assert_true(c->series[i].x[0] >= 4000);
        assert_float_equal(c->series[i].x[c->series[i].n - 1], 5000, 0);
    }
    assert_non_null(strstr(c->title, "last 1k steps"));
    for (int i = 0; i < c->x.n_ticks; i++)
        assert_true(c->x.ticks[i] >= 4000 && c->x.ticks[i] <= 5000);
    free(c);
    /* training goes on: the window moves with the latest step */
    fill(&h[0], 6500, 50);
    c = chart_of(h, 1);
    chart_time_axis(c, TIME_AXIS_WINDOW, 1000, 8);
    assert_float_equal(c->x.lo, 5500, 1e-9);
    assert_float_equal(c->x.hi, 6500, 1e-9);
    free(c);
    /* fewer steps than the window: 0..window, nothing dropped */
    fill(&h[0], 300, 50);
    c = chart_of(h, 1);
    chart_time_axis(c, TIME_AXIS_WINDOW, 1000, 8);
    assert_float_equal(c->x.lo, 0, 1e-9);
    assert_float_equal(c->x.hi, 1000, 1e-9);
    assert_int_equal(c->series[0].n, h[0].n);
    free(c);
    /* linear: the whole history from 0 */
    fill(&h[0], 6500, 50);
    c = chart_of(h, 1);
    chart_time_axis(c, TIME_AXIS_LINEAR, 1000, 8);
    assert_float_equal(c->x.lo, 0, 1e-9);
    assert_float_equal(c->x.hi, 6500, 1e-9);
    assert_int_equal(c->series[0].n, h[0].n);
    assert_string_equal(c->title, "Loss");
    free(c);
}

static void test_chart_time_parse_and_ladder(void **state)
{
    (void)state;
    TimeAxis t = TIME_AXIS_COUNT;
    long w = 0;
    char err[160];
    assert_int_equal(time_axis_parse("log", &t, &w, err, sizeof err), ST_OK);
    assert_int_equal(t, TIME_AXIS_LOG);
    assert_int_equal(time_axis_parse("linear", &t, &w, err, sizeof err), ST_OK);
    assert_int_equal(t, TIME_AXIS_LINEAR);
    assert_int_equal(time_axis_parse("window:2500", &t, &w, err, sizeof err), ST_OK);
    assert_int_equal(t, TIME_AXIS_WINDOW);
    assert_int_equal(w, 2500);
    static const char *const bad[] = {
        "window:",    "window:-5", "window:5", "window:1e3",
        "window:12x", "Log",       "",         "window:99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = TIME_AXIS_LOG;
        w = 7;
        err[0] = '\0';
        assert_int_equal(time_axis_parse(bad[i], &t, &w, err, sizeof err), ST_INVAL);
        assert_int_equal(t, TIME_AXIS_LOG); /* untouched */
        assert_int_equal(w, 7);
        assert_true(strlen(err) > 10 && !strchr(err, '\n'));
    }
    assert_int_equal(time_window_step(1000, 1), 3000);
    assert_int_equal(time_window_step(1000, -1), 300);
    assert_int_equal(time_window_step(500, 1), 1000); /* off the ladder: its neighbour */
    assert_int_equal(time_window_step(500, -1), 300);
    assert_int_equal(time_window_step(TIME_WINDOW_MIN, -1), TIME_WINDOW_MIN);
    assert_int_equal(time_window_step(TIME_WINDOW_MAX, 1), TIME_WINDOW_MAX);
    char s[16];
    time_steps_text(s, sizeof s, 300);
    assert_string_equal(s, "300");
    time_steps_text(s, sizeof s, 1000);
    assert_string_equal(s, "1k");
    time_steps_text(s, sizeof s, 2500);
    assert_string_equal(s, "2.5k");
    time_steps_text(s, sizeof s, 3000000);
    assert_string_equal(s, "3M");
}

static void test_chart_time_ema_debiased(void **state)
{
    (void)state;
    /* a constant curve stays constant from its first point: without the 1 − β^t division it
     * would start at (1 − β) = 0.2 of its value and creep up */
    float y[6] = {1, 1, 1, 1, 1, 1}, out[6];
    chart_ema(y, 6, 0.8f, out);
    for (int i = 0; i < 6; i++)
        assert_float_equal(out[i], 1.0f, 1e-6);
    /* by hand: a1 = 0.8·0 + 0.2·10 = 2 after a0 = 0, divided by 1 − 0.8² = 0.36 */
    float z[2] = {0, 10}, zo[2];
    chart_ema(z, 2, 0.8f, zo);
    assert_float_equal(zo[0], 0.0f, 1e-6);
    assert_float_equal(zo[1], 2.0f / 0.36f, 1e-4);
    /* a third point: (0.8·2 + 0.2·4) / (1 − 0.8³) */
    float w[3] = {0, 10, 4}, wo[3];
    chart_ema(w, 3, 0.8f, wo);
    assert_float_equal(wo[2], (0.8f * 2.0f + 0.2f * 4.0f) / (1.0f - 0.512f), 1e-4);
    /* a non-finite value is passed through and does not poison what follows */
    float v[3] = {2, NAN, 2}, vo[3];
    chart_ema(v, 3, 0.8f, vo);
    assert_true(isnan(vo[1]));
    assert_float_equal(vo[2], 2.0f, 1e-6);
}

static void test_chart_time_smooth_keeps_raw_faint(void **state)
{
    (void)state;
    History h[2];
    for (int k = 0; k < 2; k++) {
        history_clear(&h[k]);
        for (int i = 0; i < 40; i++) /* a zigzag */
            history_push(&h[k], (float)(i * 10), (i % 2 ? 1.0f : 0.0f) + (float)k);
    }
    LineChart *c = chart_of(h, 2);
    c->series[1].focused = true;
    chart_smooth(c, CHART_EMA_BETA);
    assert_int_equal(c->n_series, 4);
    /* raw ones first (drawn under), then the smoothed ones with the same style */
    for (int i = 0; i < 2; i++) {
        assert_true(c->series[i].faint);
        assert_ptr_equal(c->series[i].y, h[i].y);
        assert_false(c->series[2 + i].faint);
        assert_ptr_equal(c->series[2 + i].y, c->smooth_y[i]);
        assert_ptr_equal(c->series[2 + i].x, h[i].x);
        assert_int_equal(c->series[2 + i].n, h[i].n);
    }
    assert_true(c->series[3].focused);
    /* the zigzag between 0 and 1 is calmed towards its mean 0.5 */
    float last = c->smooth_y[0][39];
    assert_true(last > 0.3f && last < 0.7f);
    free(c);
}

/* A 2-D snapshot of n models with evaluations; model 1 diverged. */
static Snapshot *snap_2d(int n)
{
    Snapshot *s = calloc(1, sizeof *s);
    assert_non_null(s);
    snprintf(s->dataset, sizeof s->dataset, "spiral");
    s->dim = 2;
    s->k = 3;
    s->n_train = 100;
    s->n_models = n;
    s->has_grid = true;
    s->grid_lo[0] = s->grid_lo[1] = -1;
    s->grid_hi[0] = s->grid_hi[1] = 1;
    s->n_points = 3;
    s->n_flipped = 1;
    s->point_flipped[2] = 1;
    for (int m = 0; m < n; m++) {
        s->models[m].loss = (LossId)m;
        s->models[m].has_eval = true;
        for (int i = 0; i < 30; i++) {
            history_push(&s->models[m].train_loss, (float)(i * 50),
                         1.0f / (1 + i) + 0.1f * (i % 2));
            history_push(&s->models[m].test_loss, (float)(i * 50), 1.0f / (1 + i));
        }
        s->models[m].last.train_loss = 0.123f;
    }
    s->models[1].diverged = true;
    s->models[1].diverged_why = DIV_LOSS_NAN;
    s->models[1].diverged_step = 812;
    s->models[1].diverged_lr = 3;
    return s;
}

static void test_chart_time_legend_raw_and_build(void **state)
{
    (void)state;
    Snapshot *s = snap_2d(3);
    ChartView v = {
        .focused = -1, .smooth = true, .time_axis = TIME_AXIS_WINDOW, .time_window = 500};
    Legend raw, smoothed;
    chart_build_legend(&raw, s, NULL);
    chart_build_legend(&smoothed, s, &v);
    for (int i = 0; i < raw.n_rows; i++)
        assert_string_equal(raw.rows[i].cell[0], smoothed.rows[i].cell[0]);
    LineChart *c = calloc(1, sizeof *c);
    chart_build_loss(c, s, &v, 8, 8);
    assert_string_equal(c->title, "Loss · last 500 steps · EMA 0.8");
    assert_float_equal(c->x.lo, 950, 1e-9);
    int faint = 0;
    for (int i = 0; i < c->n_series; i++) {
        faint += c->series[i].faint;
        assert_true(c->series[i].x[0] >= 950);
    }
    assert_int_equal(faint, c->n_series / 2);
    free(c);
    free(s);
}

static void test_chart_time_boundaries_builder(void **state)
{
    (void)state;
    Snapshot *s = snap_2d(4);
    BoundaryGrid *g = calloc(1, sizeof *g);
    bool hidden[ARENA_MAX_MODELS] = {false};
    hidden[3] = true;
    chart_build_boundaries(g, s, hidden);
    assert_true(g->ok);
    assert_int_equal(g->n, 3); /* the hidden model is left out */
    for (int k = 0; k < g->n; k++) {
        assert_int_equal(g->maps[k].model, k);
        assert_true(g->maps[k].ok);
        assert_ptr_equal(g->maps[k].cls, s->models[k].grid);
        assert_ptr_equal(g->maps[k].pflip, s->point_flipped); /* the same points for all */
        assert_int_equal(g->maps[k].n_points, 3);
    }
    assert_true(g->maps[1].diverged);
    assert_string_equal(g->maps[1].status, "NaN loss at step 812, lr 3");
    assert_non_null(strstr(g->maps[1].title, "diverged"));
    assert_false(g->maps[0].diverged);
    assert_string_equal(g->maps[0].status, "");
    assert_non_null(strstr(g->note, "flipped"));
    /* the figure of kind boundaries carries them */
    Figure *f = calloc(1, sizeof *f);
    assert_int_equal(figure_build(f, s, NULL, FIGURE_BOUNDARIES), ST_OK);
    assert_true(f->panels & PANEL_BOUNDARIES);
    assert_int_equal(f->boundaries.n, 4);
    /* images: not available, and the figure says why */
    s->has_grid = false;
    s->dim = 784;
    snprintf(s->dataset, sizeof s->dataset, "fashion-mnist");
    chart_build_boundaries(g, s, NULL);
    assert_false(g->ok);
    assert_int_equal(g->n, 0);
    assert_string_equal(g->why, "fashion-mnist has 784 inputs: boundaries need 2-D data");
    free(f);
    free(g);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_time_log_decades_from_step_one),
        cmocka_unit_test(test_chart_time_window_follows),
        cmocka_unit_test(test_chart_time_parse_and_ladder),
        cmocka_unit_test(test_chart_time_ema_debiased),
        cmocka_unit_test(test_chart_time_smooth_keeps_raw_faint),
        cmocka_unit_test(test_chart_time_legend_raw_and_build),
        cmocka_unit_test(test_chart_time_boundaries_builder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
