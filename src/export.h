/* export.h — writes the PNG figure of an arena's current state (the --export contract and the
 * dashboard's `p` key). Owns the naming of snapshot files. */
#ifndef LOSSARENA_SRC_EXPORT_H
#define LOSSARENA_SRC_EXPORT_H

#include <stddef.h>

#include "core/snapshot.h"
#include "src/config.h"
#include "src/report.h"
#include "ui/chart.h"

/* Writes the figure cfg asks for (kind, size, theme) of s to path. On failure a one-line
 * message naming the path and the problem goes to err, and no file is left behind. */
Status export_png(const AppConfig *cfg, const Snapshot *s, const ChartView *view,
                  const char *path, char *err, size_t errlen);
/* Whether a grid has a figure: one numeric axis (lr, batch, label-noise, input-noise). */
bool export_grid_has_figure(const Grid *g);
/* The accuracy-by-axis figure of such a grid: runs[point * n_seeds + seed]. ST_INVAL with a
 * message for a grid without one. */
Status export_sweep_png(const AppConfig *cfg, const RunResult *runs, const char *path, char *err,
                        size_t errlen);
/* "base-000120.png" from "base.png" and a step: the numbered series of --export-every and `p`. */
void export_numbered_path(const char *base, long step, char *out, size_t n);

#endif
