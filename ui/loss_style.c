/* loss_style.c — the one loss style table (colour slot, letter, marker shape per loss id) and
 * the marker outlines. Static data and pure geometry: no drawing, no allocation. */
#include "ui/loss_style.h"

#include <math.h>

#define STYLE_PI 3.14159265358979323846

/* Colour slots follow the loss id: the palette's first hues differ the most, and the paper's
 * order puts related losses (log/log², L1/L2, the hinges) on different hues. Floors: Tanimoto's
 * is −1 (a one-hot prediction); every other loss is bounded below by 0 (left implicit). */
static const LossStyle styles[LOSS_COUNT] = {
    [LOSS_LOG] = {0, 'L', MARKER_CIRCLE},
    [LOSS_LOG2] = {1, 'S', MARKER_SQUARE},
    [LOSS_L1] = {2, 'A', MARKER_TRIANGLE_UP},
    [LOSS_L2] = {3, 'B', MARKER_TRIANGLE_DOWN},
    [LOSS_L1_SOFTMAX] = {4, 'E', MARKER_DIAMOND},
    [LOSS_L2_SOFTMAX] = {5, 'R', MARKER_PENTAGON},
    [LOSS_LINF_SOFTMAX] = {6, 'C', MARKER_HEXAGON},
    [LOSS_HINGE] = {7, 'H', MARKER_STAR},
    [LOSS_HINGE2] = {8, 'Q', MARKER_PLUS},
    [LOSS_HINGE3] = {9, 'K', MARKER_TRIANGLE_RIGHT},
    [LOSS_TANIMOTO] = {11, 'T', MARKER_TRIANGLE_LEFT, -1.0},
    [LOSS_CAUCHY_SCHWARZ] = {12, 'D', MARKER_RING},
};

static const LossStyle unknown = {10, '?', MARKER_CIRCLE, 0.0};

const LossStyle *loss_style(LossId id)
{
    return (int)id >= 0 && id < LOSS_COUNT ? &styles[id] : &unknown;
}

/* Regular polygon (or star when inner > 0) of k points on radius ro, first point at angle a0
 * (radians, y down). Writes 2k (star: 4k) coordinates; returns the number of points. */
static int shape_regular(double *xy, int k, double ro, double inner, double a0, double cx,
                         double cy)
{
    int n = 0;
    for (int i = 0; i < k; i++) {
        double a = a0 + 2 * STYLE_PI * i / k;
        xy[2 * n] = cx + ro * cos(a);
        xy[2 * n + 1] = cy + ro * sin(a);
        n++;
        if (inner > 0) {
            double b = a + STYLE_PI / k;
            xy[2 * n] = cx + inner * cos(b);
            xy[2 * n + 1] = cy + inner * sin(b);
            n++;
        }
    }
    return n;
}

/* A plus of arm half-width w and arm length l, rotated by rot radians. */
static int shape_plus(double *xy, double l, double w, double rot, double cx, double cy)
{
    double pts[12][2] = {{l, -w}, {l, w},   {w, w},   {w, l},   {-w, l}, {-w, w},
                         {-l, w}, {-l, -w}, {-w, -w}, {-w, -l}, {w, -l}, {w, -w}};
    double cr = cos(rot), sr = sin(rot);
    for (int i = 0; i < 12; i++) {
        xy[2 * i] = cx + pts[i][0] * cr - pts[i][1] * sr;
        xy[2 * i + 1] = cy + pts[i][0] * sr + pts[i][1] * cr;
    }
    return 12;
}

/* Sizes are tuned so that every shape looks about as heavy as the circle. */
int marker_outline(MarkerShape shape, double cx, double cy, double size, double *xy)
{
    double s = size / 2;
    switch (shape) {
    case MARKER_SQUARE:
        return shape_regular(xy, 4, s * 1.16, 0, STYLE_PI / 4, cx, cy);
    case MARKER_TRIANGLE_UP:
        return shape_regular(xy, 3, s * 1.3, 0, -STYLE_PI / 2, cx, cy + s * 0.15);
    case MARKER_TRIANGLE_DOWN:
        return shape_regular(xy, 3, s * 1.3, 0, STYLE_PI / 2, cx, cy - s * 0.15);
    case MARKER_TRIANGLE_LEFT:
        return shape_regular(xy, 3, s * 1.3, 0, STYLE_PI, cx + s * 0.15, cy);
    case MARKER_TRIANGLE_RIGHT:
        return shape_regular(xy, 3, s * 1.3, 0, 0, cx - s * 0.15, cy);
    case MARKER_DIAMOND:
        return shape_regular(xy, 4, s * 1.25, 0, -STYLE_PI / 2, cx, cy);
    case MARKER_PENTAGON:
        return shape_regular(xy, 5, s * 1.1, 0, -STYLE_PI / 2, cx, cy);
    case MARKER_HEXAGON:
        return shape_regular(xy, 6, s * 1.05, 0, 0, cx, cy);
    case MARKER_STAR:
        return shape_regular(xy, 5, s * 1.4, s * 0.6, -STYLE_PI / 2, cx, cy + s * 0.08);
    case MARKER_PLUS:
        return shape_plus(xy, s * 1.2, s * 0.38, 0, cx, cy);
    case MARKER_CROSS:
        return shape_plus(xy, s * 1.25, s * 0.34, STYLE_PI / 4, cx, cy);
    case MARKER_CIRCLE:
    case MARKER_RING:
    case MARKER_COUNT:
        break;
    }
    return 0;
}
