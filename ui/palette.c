/* palette.c — the colours shared by the terminal, PNG and SVG surfaces. Pure functions over static
 * tables: no curses, no allocation, no state. Every model colour is nudged (lightened on dark,
 * darkened on white) until it reaches a contrast of PALETTE_MIN_CONTRAST against that background,
 * keeping its hue. */
#include "ui/palette.h"

#include <math.h>

#define PALETTE_MIN_CONTRAST 3.0 /* WCAG's minimum for graphical objects */

/* Okabe–Ito first (the most different hues), then Paul Tol's muted and bright sets, ordered so
 * that each new colour differs most from those before it. */
static const Rgb base_colors[16] = {
    {0x00, 0x72, 0xB2}, /* Okabe–Ito blue */
    {0xE6, 0x9F, 0x00}, /* Okabe–Ito orange */
    {0x00, 0x9E, 0x73}, /* Okabe–Ito bluish green */
    {0xD5, 0x5E, 0x00}, /* Okabe–Ito vermillion */
    {0x56, 0xB4, 0xE9}, /* Okabe–Ito sky blue */
    {0xCC, 0x79, 0xA7}, /* Okabe–Ito reddish purple */
    {0xCC, 0xBB, 0x44}, /* Tol bright yellow */
    {0x33, 0x22, 0x88}, /* Tol muted indigo */
    {0x8C, 0x51, 0x0A}, /* brown (teal read too close to bluish green) */
    {0x88, 0x22, 0x55}, /* Tol muted wine */
    {0x70, 0x70, 0x70}, /* neutral grey (olive read too close to the yellow) */
    {0xCC, 0x66, 0x77}, /* Tol muted rose */
    {0x11, 0x77, 0x33}, /* Tol muted green */
    {0xAA, 0x44, 0x99}, /* Tol muted purple */
    {0xDD, 0xCC, 0x77}, /* Tol muted sand */
    {0xEE, 0x88, 0x66}, /* Tol light orange */
};

static const Rgb class_colors[10] = {
    {0xE6, 0x9F, 0x00}, {0x00, 0x72, 0xB2}, {0x00, 0x9E, 0x73}, {0xCC, 0x79, 0xA7},
    {0xF0, 0xE4, 0x42}, {0x56, 0xB4, 0xE9}, {0xD5, 0x5E, 0x00}, {0x99, 0x99, 0x99},
    {0x99, 0x99, 0x33}, {0x88, 0x22, 0x55},
};

Rgb palette_background(bool dark_background)
{
    /* a typical dark terminal background rather than pure black: the harder case */
    Rgb dark = {0x26, 0x26, 0x26}, light = {0xFF, 0xFF, 0xFF};
    return dark_background ? dark : light;
}

static double channel_linear(uint8_t c)
{
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(Rgb c)
{
    return 0.2126 * channel_linear(c.r) + 0.7152 * channel_linear(c.g) +
           0.0722 * channel_linear(c.b);
}

double palette_contrast(Rgb a, Rgb b)
{
    double la = luminance(a), lb = luminance(b);
    double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
    return (hi + 0.05) / (lo + 0.05);
}

Rgb palette_mix(Rgb a, Rgb b, float t)
{
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    Rgb out = {(uint8_t)lrintf(a.r + t * ((float)b.r - a.r)),
               (uint8_t)lrintf(a.g + t * ((float)b.g - a.g)),
               (uint8_t)lrintf(a.b + t * ((float)b.b - a.b))};
    return out;
}

Rgb palette_color(int index, bool dark_background)
{
    index = ((index % 16) + 16) % 16;
    Rgb c = base_colors[index];
    Rgb bg = palette_background(dark_background);
    Rgb toward = {0, 0, 0};
    if (dark_background)
        toward = (Rgb){0xFF, 0xFF, 0xFF};
    /* small steps toward white (dark) or black (light) keep the hue recognisable */
    Rgb out = c;
    for (int step = 1; step <= 20 && palette_contrast(out, bg) < PALETTE_MIN_CONTRAST; step++)
        out = palette_mix(c, toward, 0.05f * (float)step);
    return out;
}

Rgb palette_muted(bool dark_background)
{
    Rgb dark = {0x8A, 0x8A, 0x8A}, light = {0x80, 0x80, 0x80};
    return dark_background ? dark : light;
}

Rgb palette_class_color(int cls)
{
    return class_colors[((cls % 10) + 10) % 10];
}

Rgb palette_grey(Rgb c)
{
    /* Rec. 601 luma: cheap and good enough to keep the classes' lightness apart */
    int y = (299 * c.r + 587 * c.g + 114 * c.b + 500) / 1000;
    return (Rgb){(uint8_t)y, (uint8_t)y, (uint8_t)y};
}
