/* chart_boundaries.c — builds the `boundaries` figure: one BoundaryMap per shown model, all on
 * the Snapshot's one input box and training points, each titled by its loss, a diverged one
 * flagged with its reason; or, on data that is not 2-D, the one line that says why not. Pure
 * computation into the caller's struct: draws nothing, allocates nothing. */
#include "ui/chart_boundaries.h"

#include <stdio.h>
#include <string.h>

#include "core/loss.h"
#include "ui/chart_build.h"

void chart_build_boundaries(BoundaryGrid *g, const Snapshot *s, const bool *hidden)
{
    memset(g, 0, sizeof *g);
    snprintf(g->title, sizeof g->title, "Decision boundaries of every model");
    if (!s->has_grid) {
        snprintf(g->why, sizeof g->why, "%.40s has %d inputs: boundaries need 2-D data",
                 s->dataset[0] ? s->dataset : "this data", s->dim);
        return;
    }
    g->ok = true;
    int n_models = s->n_models < 0                  ? 0
                   : s->n_models > ARENA_MAX_MODELS ? ARENA_MAX_MODELS
                                                    : s->n_models;
    for (int m = 0; m < n_models; m++) {
        if (hidden && hidden[m])
            continue;
        BoundaryMap *b = &g->maps[g->n++];
        chart_build_boundary(b, s, m);
        const ModelSnapshot *ms = &s->models[m];
        char key[sizeof b->key];
        memcpy(key, b->key, sizeof key);
        snprintf(b->title, sizeof b->title, "%s%s", key, ms->diverged ? " · diverged" : "");
        if (ms->diverged)
            chart_diverged_text(b->status, sizeof b->status, ms->diverged_why, ms->diverged_step,
                                ms->diverged_lr);
    }
    if (s->n_flipped > 0)
        snprintf(g->note, sizeof g->note, "x: label flipped by noise (%d of %d)", s->n_flipped,
                 s->n_train);
    else
        snprintf(g->note, sizeof g->note, "points: training data, no label flipped");
}
