/* figure_draw.h — the picture surfaces' layout: draws a figure model (ui/chart.h) on a Canvas
 * (pixels or vectors), so the PNG and the SVG of a figure are laid out by the same code: line
 * panels with markers, margin-histogram small multiples, the legend table and the caption. Reads
 * only the model. */
#ifndef LOSSARENA_UI_FIGURE_DRAW_H
#define LOSSARENA_UI_FIGURE_DRAW_H

#include "core/status.h"
#include "ui/canvas.h"
#include "ui/chart.h"

#define FIGURE_DEFAULT_W 1600
#define FIGURE_DEFAULT_H 1000
#define FIGURE_MIN_W 400
#define FIGURE_MIN_H 300
#define FIGURE_MAX_SIDE 8000

typedef enum { THEME_LIGHT, THEME_DARK, THEME_COUNT } FigureTheme;

/* Draws fig over the whole canvas (any size; layout and text scale with it). Allocates
 * nothing. ST_INVAL for a bad theme or a NULL argument. */
Status figure_draw(Canvas *cv, const Figure *fig, FigureTheme theme);

#endif
