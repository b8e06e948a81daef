/* loss_style.h — how a loss looks on every surface: its colour slot, marker letter (terminal)
 * and marker shape (PNG, SVG). One table keyed by loss id, never by a model's position in
 * --losses, so a loss keeps its look whichever losses run beside it. Pure static data; the
 * marker outlines are shared by the raster and the SVG surfaces so both draw the same shape. */
#ifndef LOSSARENA_UI_LOSS_STYLE_H
#define LOSSARENA_UI_LOSS_STYLE_H

#include "core/loss.h"

/* Twelve shapes for the twelve losses and a cross that figures keep for "diverged here". */
typedef enum {
    MARKER_CIRCLE,
    MARKER_SQUARE,
    MARKER_TRIANGLE_UP,
    MARKER_TRIANGLE_DOWN,
    MARKER_DIAMOND,
    MARKER_PENTAGON,
    MARKER_HEXAGON,
    MARKER_STAR,
    MARKER_PLUS,
    MARKER_TRIANGLE_LEFT,
    MARKER_TRIANGLE_RIGHT,
    MARKER_RING,
    MARKER_CROSS,
    MARKER_COUNT
} MarkerShape;

#define MARKER_MAX_POINTS 24

typedef struct {
    int color;         /* palette slot 0..15 (palette_color) */
    char letter;       /* mnemonic: L log, S squared log, A l1, B l2, E expectation, ... */
    MarkerShape shape; /* filled shape of the PNG/SVG markers */
    double floor; /* inf ℓ, the loss's lowest value: log and normalised views show ℓ − floor
                     (Tanimoto's is −1; a test checks each against the loss's own code) */
} LossStyle;

/* The style of loss id; an unknown id gets a grey-slot '?' circle (never NULL). */
const LossStyle *loss_style(LossId id);

/* Outline of a marker of diameter size centred at (cx, cy) into xy (2 × MARKER_MAX_POINTS
 * doubles); returns the number of points, 0 for the round shapes (circle, ring). */
int marker_outline(MarkerShape shape, double cx, double cy, double size, double *xy);

#endif
