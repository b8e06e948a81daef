/* chart_boundaries.h — the builder of the `boundaries` figure: every shown model's decision
 * boundary as small multiples (ui/chart.h BoundaryGrid), from a Snapshot. */
#ifndef LOSSARENA_UI_CHART_BOUNDARIES_H
#define LOSSARENA_UI_CHART_BOUNDARIES_H

#include "core/snapshot.h"
#include "ui/chart.h"

/* Fills g from s for the models not hidden in `hidden` (NULL: all). On data that is not 2-D,
 * g->ok is false and g->why says why. Allocates nothing; maps borrow s's arrays. */
void chart_build_boundaries(BoundaryGrid *g, const Snapshot *s, const bool *hidden);

#endif
