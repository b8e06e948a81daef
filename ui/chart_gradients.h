/* chart_gradients.h — builders of the "why losses differ" panels (figure kinds gradients, lens
 * and memorization) from a Snapshot's diagnostics (core/diagnostics.h): which examples each
 * loss takes its gradient from, by margin; the mean gradient on right and wrong examples over
 * time; how much of the flipped labels each model has memorised; and the loss lens
 * (ui/chart_lens.c). Pure computation into the caller's Figure: draws and allocates nothing. */
#ifndef LOSSARENA_UI_CHART_GRADIENTS_H
#define LOSSARENA_UI_CHART_GRADIENTS_H

#include "core/snapshot.h"
#include "ui/chart.h"
#include "ui/chart_build.h"

/* Margin histograms of every visible model with, on the same bins and y scale, the share of
 * the model's Σ‖∂ℓ/∂o‖ from each bin and the part of it from label-flipped examples. */
void chart_build_gradients(GradChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x);
/* Mean ‖∂ℓ/∂o‖ per model over time: on correctly classified training examples (solid) and on
 * wrong ones (dashed), log scale. */
void chart_build_grad_time(LineChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x,
                           int max_ticks_y);
/* Per model over time: accuracy on the true labels of the training examples (solid) and the
 * share of flipped ones predicted as their flipped label (dashed), in [0, 1]. */
void chart_build_memorize(LineChart *c, const Snapshot *s, const ChartView *v, int max_ticks_x,
                          int max_ticks_y);
/* The loss lens into f (f->lens, f->lens_margins and the curves they borrow): ui/chart_lens.c. */
void chart_build_lens(Figure *f, const Snapshot *s, const ChartView *v, int max_ticks_x,
                      int max_ticks_y);
/* The panels of PANEL_WHY that f->panels asks for (figure_build calls it). */
void figure_build_why(Figure *f, const Snapshot *s, const ChartView *v);

#endif
