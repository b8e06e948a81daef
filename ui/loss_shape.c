/* loss_shape.c — the loss card's model: each loss and its gradient against the margin,
 * computed with the training code, as line charts. A builder: reads the Snapshot only for the
 * focused model's loss. */
#include "ui/loss_shape.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/dataset.h"

void loss_shapes_compute(LossShapes *ls, int k)
{
    float logits[DATASET_MAX_CLASSES] = {0};
    float grad[DATASET_MAX_CLASSES];
    const int32_t label = 0;
    ls->k = k;
    for (int i = 0; i < LOSS_SHAPE_POINTS; i++) {
        float z = -LOSS_SHAPE_RANGE + 2.0f * LOSS_SHAPE_RANGE * i / (LOSS_SHAPE_POINTS - 1);
        ls->z[i] = z;
        logits[0] = z;
        for (int l = 0; l < LOSS_COUNT; l++) {
            ls->value[l][i] = (float)loss_def((LossId)l)->eval(logits, &label, 1, k, grad, NULL);
            ls->grad[l][i] = grad[0];
        }
    }
}

void chart_build_loss_shape(LineChart *c, const LossShapes *ls, const Snapshot *s, int model,
                            bool gradient, int max_ticks_x, int max_ticks_y)
{
    memset(c, 0, sizeof *c);
    const LossId id = s->models[model].loss;
    const float *y = gradient ? ls->grad[id] : ls->value[id];
    snprintf(c->title, sizeof c->title, "%s of %s vs margin z (k = %d)",
             gradient ? "gradient dℓ/do_c" : "loss ℓ", loss_def(id)->symbol, ls->k);
    c->n_series = 1;
    const LossStyle *st = loss_style(id);
    c->series[0] = (ChartSeries){.x = ls->z,
                                 .y = y,
                                 .n = LOSS_SHAPE_POINTS,
                                 .y_scale = 1.0f,
                                 .model = model,
                                 .color = st->color,
                                 .letter = st->letter,
                                 .shape = st->shape,
                                 .style = LINE_SOLID,
                                 .focused = true,
                                 .marks = MARKS_FEW,
                                 .mark_of = 1};
    float lo = y[0], hi = y[0];
    for (int i = 1; i < LOSS_SHAPE_POINTS; i++) {
        lo = fminf(lo, y[i]);
        hi = fmaxf(hi, y[i]);
    }
    /* Always show zero: where a gradient vanishes is the point of the card. */
    chart_axis_spec(&c->y, fmin(lo, 0.0), fmax(hi, 0.0), false, true, AXIS_NICE);
    chart_axis_fit(&c->y, max_ticks_y);
    chart_axis_spec(&c->x, -LOSS_SHAPE_RANGE, LOSS_SHAPE_RANGE, false, false, AXIS_NICE);
    chart_axis_fit(&c->x, max_ticks_x);
    snprintf(c->x.label, sizeof c->x.label, "margin z");
    snprintf(c->y.label, sizeof c->y.label, "%s", gradient ? "dℓ/do_c" : "ℓ");
}
