/* test_chart_why.c — the builders of the gradients, lens and memorization figures: gradient
 * shares per model sum to one over the bins and the edges, their flipped part never exceeds
 * them, and both shares fit the one y scale; the curves over time come in solid/dashed pairs
 * and a run without label noise has no memorisation curve (and says so); the lens normalises
 * every curve to a maximum of one, its gradient is the loss table's, and the focused model's
 * margins keep all their examples on the lens's bins; figure_build makes each kind. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/diagnostics.h"
#include "ui/chart_build.h"
#include "ui/chart_gradients.h"

enum { N_EX = 8 };
/* Eight examples of three classes: margins, and which of them were flipped. */
static const float margins[N_EX] = {-3.0f, -1.5f, -0.2f, 0.3f, 1.1f, 2.0f, 3.5f, 9.0f};
static const uint8_t flipped[N_EX] = {1, 1, 0, 0, 0, 1, 0, 0};

/* Two models (log, l1-softmax) with histograms and gradient bins over [-4, 4) made from the
 * examples, the gradients those of o = (z, 0, 0) under each loss, and a few evaluations. */
static Snapshot *snapshot_make(bool noise)
{
    Snapshot *s = calloc(1, sizeof *s);
    assert_non_null(s);
    snprintf(s->dataset, sizeof s->dataset, "spiral");
    s->n_models = 2;
    s->k = 3;
    s->n_flipped = noise ? 3 : 0;
    s->step = 300;
    static const LossId ids[2] = {LOSS_LOG, LOSS_L1_SOFTMAX};
    for (int m = 0; m < 2; m++) {
        ModelSnapshot *ms = &s->models[m];
        ms->loss = ids[m];
        ms->has_eval = true;
        float norms[N_EX];
        for (int i = 0; i < N_EX; i++) {
            float o[3] = {margins[i], 0.0f, 0.0f};
            norms[i] = (float)diag_grad_norm(loss_def(ids[m]), o, 0, 3);
        }
        histogram_fill(&ms->margins, -4.0f, 4.0f, 16, margins, N_EX);
        diag_bins_fill(&ms->grads, -4.0f, 4.0f, 16, margins, norms, noise ? flipped : NULL, N_EX);
        ms->last.diag = diag_none();
        ms->last.diag.grad_share_wrong = 0.5f;
        ms->last.diag.grad_share_flipped = noise ? 0.25f : -1.0f;
        for (int e = 0; e <= 3; e++) {
            float x = (float)(100 * e);
            history_push(&ms->clean_acc, x, 0.5f + 0.1f * e);
            if (noise)
                history_push(&ms->memorized, x, 0.3f - 0.05f * e * (m + 1));
            history_push(&ms->grad_correct, x, 0.1f / (float)(e + 1));
            history_push(&ms->grad_wrong, x, 1.0f);
        }
    }
    return s;
}

static void test_chart_why_gradient_shares(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(true);
    GradChart c;
    chart_build_gradients(&c, s, NULL, 5);
    assert_int_equal(c.hist.n, 2);
    assert_true(c.flipped);
    for (int i = 0; i < c.hist.n; i++) {
        const GradSeries *g = &c.g[i];
        const HistSeries *h = &c.hist.h[i];
        double sum = g->below + g->above, sum_flipped = 0;
        for (int b = 0; b < h->n_bins; b++) {
            sum += g->grad[b];
            sum_flipped += g->grad_flipped[b];
            assert_true(g->grad_flipped[b] <= g->grad[b] + 1e-7f);
            assert_true(g->grad[b] <= c.hist.y.hi && h->share[b] <= c.hist.y.hi);
        }
        assert_float_equal(sum, 1.0, 1e-6);
        assert_true(sum_flipped > 0);
        assert_true(g->above > 0); /* the example at margin 9 is right of the range */
        assert_string_equal(g->note, "wrong 50% · flipped 25%");
    }
    /* log loss takes more of its gradient from the badly wrong examples than L1∘σ does */
    assert_true(c.g[0].grad[2] > c.g[1].grad[2]); /* bin of margin −3 */
    /* without label noise: no flipped part and no flipped share in the note */
    Snapshot *t = snapshot_make(false);
    chart_build_gradients(&c, t, NULL, 5);
    assert_false(c.flipped);
    for (int b = 0; b < c.hist.h[0].n_bins; b++)
        assert_true(c.g[0].grad_flipped[b] == 0.0f);
    assert_string_equal(c.g[0].note, "wrong 50%");
    free(s);
    free(t);
}

static void test_chart_why_curves_over_time(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(true);
    LineChart c;
    chart_build_memorize(&c, s, NULL, 6, 5);
    assert_int_equal(c.n_series, 4); /* per model: clean accuracy solid, memorised dashed */
    assert_int_equal(c.series[0].style, LINE_SOLID);
    assert_int_equal(c.series[1].style, LINE_DASHED);
    assert_true(c.series[1].y == s->models[0].memorized.y);
    assert_true(c.y.lo == 0.0 && c.y.hi == 1.0);
    chart_build_grad_time(&c, s, NULL, 6, 5);
    assert_int_equal(c.n_series, 4);
    assert_true(c.y.log);
    assert_true(c.y.hi >= 1.0 && c.y.lo <= 0.1 / 4);
    ChartView v = {.focused = 1};
    v.hidden[0] = true;
    chart_build_grad_time(&c, s, &v, 6, 5);
    assert_int_equal(c.n_series, 2);
    assert_true(c.series[0].focused);
    Snapshot *t = snapshot_make(false);
    chart_build_memorize(&c, t, NULL, 6, 5);
    assert_int_equal(c.n_series, 2); /* no memorisation curve without label noise */
    assert_non_null(strstr(c.note, "no label noise"));
    free(s);
    free(t);
}

static void test_chart_why_lens(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(true);
    Figure *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->panels = PANEL_LENS | PANEL_LENS_MARGINS;
    ChartView v = {.focused = 1};
    chart_build_lens(f, s, &v, 8, 5);
    const LineChart *c = &f->lens;
    assert_int_equal(c->n_series, 4);
    for (int i = 0; i < c->n_series; i++) {
        const ChartSeries *sr = &c->series[i];
        double hi = -INFINITY, lo = INFINITY;
        for (int j = 0; j < sr->n; j++) {
            hi = fmax(hi, chart_series_y(sr, j));
            lo = fmin(lo, chart_series_y(sr, j));
        }
        assert_float_equal(hi, 1.0, 1e-6);
        assert_true(lo >= -1e-6);
    }
    /* the focused model (L1∘σ) is drawn last; log loss's gradient at z = 0, k = 3, is
     * |p_c − 1| = 2/3 of its maximum (which tends to 1 as z → −∞) */
    assert_int_equal(c->series[2].model, 1);
    const ChartSeries *g = &c->series[1];
    assert_int_equal(g->style, LINE_DASHED);
    int mid = CHART_LENS_POINTS / 2;
    assert_float_equal(g->x[mid], 0.0f, 1e-6);
    assert_float_equal(g->y[mid], 2.0 / 3.0, 1e-6);
    assert_float_equal(chart_series_y(g, mid), (2.0 / 3.0) / g->y[0], 1e-6);
    /* the lens's axis is the card's ±8; every example is still counted */
    assert_float_equal(c->x.lo, -8.0, 1e-9);
    const HistChart *h = &f->lens_margins;
    assert_int_equal(h->n, 1);
    assert_int_equal(h->h[0].model, 1);
    double sum = h->h[0].below + h->h[0].above;
    for (int b = 0; b < h->h[0].n_bins; b++)
        sum += h->h[0].share[b];
    assert_float_equal(sum, 1.0, 1e-6);
    assert_true(h->x.lo == c->x.lo && h->x.hi == c->x.hi);
    free(f);
    free(s);
}

static void test_chart_why_figure_kinds(void **state)
{
    (void)state;
    Snapshot *s = snapshot_make(true);
    Figure *f = calloc(1, sizeof *f);
    assert_non_null(f);
    const FigureKind kinds[3] = {FIGURE_GRADIENTS, FIGURE_LENS, FIGURE_MEMORIZATION};
    const unsigned want[3] = {PANEL_GRADIENTS | PANEL_GRAD_TIME, PANEL_LENS | PANEL_LENS_MARGINS,
                              PANEL_MEMORIZE | PANEL_ACCURACY};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(figure_build(f, s, NULL, kinds[i]), ST_OK);
        assert_int_equal(f->panels & ~PANEL_LEGEND, want[i]);
        assert_true(figure_kind_info(kinds[i])->view);
        assert_int_equal(f->legend.n_rows, 2);
    }
    assert_int_equal(f->memorize.n_series, 4);
    assert_int_equal(f->accuracy.n_series, 0); /* the snapshot has no accuracy curves */
    free(f);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_why_gradient_shares),
        cmocka_unit_test(test_chart_why_curves_over_time),
        cmocka_unit_test(test_chart_why_lens),
        cmocka_unit_test(test_chart_why_figure_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
