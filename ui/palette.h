/* palette.h — the colours of every surface (terminal, PNG, SVG): colour-blind-safe hues, the
 * most different first, in PALETTE_SLOTS slots that losses pick by id (ui/loss_style.h), plus
 * class, muted and background colours. Marker letters and shapes live in ui/loss_style.h, so
 * nothing depends on colour alone. */
#ifndef LOSSARENA_UI_PALETTE_H
#define LOSSARENA_UI_PALETTE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint8_t r, g, b;
} Rgb;

#define PALETTE_SLOTS 16

/* Colour of slot index (0..15, taken modulo 16) on a dark or a light background. */
Rgb palette_color(int index, bool dark_background);

/* ---- additions (declared after the original API; all pure, static data only) ---- */

/* A neutral grey for diverged or hidden models, axes and grid lines. */
Rgb palette_muted(bool dark_background);
/* Fill colour of class cls (0..; repeats after 10) for decision-boundary regions and training
 * points: Okabe–Ito hues, orange and blue first (the 2-class case reads like PlayGround). */
Rgb palette_class_color(int cls);
/* a + t × (b − a), t clamped to [0, 1]: shading by confidence, blending into a background. */
Rgb palette_mix(Rgb a, Rgb b, float t);
/* WCAG contrast ratio of two colours, 1..21. */
double palette_contrast(Rgb a, Rgb b);
/* c as the grey of the same luminance: a diverged model's boundary regions, which still show
 * where it put its classes (their shades differ) but no longer look alive. */
Rgb palette_grey(Rgb c);
/* The backgrounds palette_color is tuned against. */
Rgb palette_background(bool dark_background);

#endif
