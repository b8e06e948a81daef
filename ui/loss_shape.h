/* loss_shape.h — the "loss lens": each loss and its gradient as functions of the decision
 * margin, for the dashboard's loss card. The logits are o = (z, 0, ..., 0) with the true class
 * first, so z is exactly the margin o_c − max_{j≠c} o_j. Computed once with the losses' own
 * code (core/loss.c), so the card shows what training uses. */
#ifndef LOSSARENA_UI_LOSS_SHAPE_H
#define LOSSARENA_UI_LOSS_SHAPE_H

#include "core/loss.h"
#include "core/snapshot.h"
#include "ui/chart.h"

#define LOSS_SHAPE_POINTS 161
#define LOSS_SHAPE_RANGE 8.0f /* z runs over [−RANGE, RANGE] */

typedef struct {
    int k; /* classes the shapes were computed for */
    float z[LOSS_SHAPE_POINTS];
    float value[LOSS_COUNT][LOSS_SHAPE_POINTS];
    float grad[LOSS_COUNT][LOSS_SHAPE_POINTS]; /* dℓ/do_c */
} LossShapes;

/* Fills ls for k classes (2 <= k <= 256). Allocates nothing. */
void loss_shapes_compute(LossShapes *ls, int k);
/* A chart of one loss's value (or gradient) against the margin; model is its index in s (for
 * the colour). Series borrow ls. */
void chart_build_loss_shape(LineChart *c, const LossShapes *ls, const Snapshot *s, int model,
                            bool gradient, int max_ticks_x, int max_ticks_y);

#endif
