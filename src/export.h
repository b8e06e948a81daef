/* export.h — writes figures of an arena's state or of a sweep (the --export contract and the
 * dashboard's `p`/`P` keys): PNG or SVG chosen by the file name's extension, written atomically.
 * Owns the naming of snapshot files and hands the configuration string to the figure's
 * provenance. */
#ifndef LOSSARENA_SRC_EXPORT_H
#define LOSSARENA_SRC_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/snapshot.h"
#include "src/config.h"
#include "src/report.h"
#include "ui/chart_build.h"

/* True when path names an SVG file (".svg", any case); every other name gets a PNG. */
bool export_is_svg(const char *path);
/* Writes the figure cfg asks for (kind, size, theme) of s to path, as SVG or PNG by its
 * extension. On failure a one-line message naming the path and the problem goes to err, and no
 * file is left behind (nor a temporary one). */
Status export_figure(const AppConfig *cfg, const Snapshot *s, const ChartView *view,
                     const char *path, char *err, size_t errlen);
/* Whether a grid has a figure: one numeric axis (lr, batch, label-noise, input-noise). */
bool export_grid_has_figure(const Grid *g);
/* The accuracy-by-axis figure of such a grid (a sweep): runs[level * n_seeds + seed]. ST_INVAL
 * with a message for a grid without one. */
Status export_sweep_figure(const AppConfig *cfg, const RunResult *runs, int n_levels, int n_seeds,
                           const char *path, char *err, size_t errlen);
/* "base-000120.png" from "base.png" and a step (the extension kept: ".svg" stays ".svg"; none
 * gives ".png"): the numbered series of --export-every and `p`. */
void export_numbered_path(const char *base, long step, char *out, size_t n);
/* The same name with ".svg" in place of its extension: where `P` writes beside `p`'s PNG. */
void export_svg_path(const char *path, char *out, size_t n);

#endif
