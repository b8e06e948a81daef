/* term_caps.c — terminal capability decisions and colour-space mappings. Pure functions of
 * their arguments (term_caps_from_env aside, which only reads getenv and the locale); it never
 * calls curses, writes to the terminal or keeps state. */
#include "ui/term_caps.h"

#include <ctype.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

static bool eq_nocase(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    return *a == *b;
}

static bool contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

bool term_caps_codeset_is_utf8(const char *codeset)
{
    return eq_nocase(codeset, "UTF-8") || eq_nocase(codeset, "utf8");
}

static bool is_linux_console(const char *term)
{
    return term && (strcmp(term, "linux") == 0 || starts_with(term, "linux-"));
}

TermGlyph term_caps_glyph(const char *codeset, const char *term, TermGlyph force)
{
    if (force == TERM_GLYPH_ASCII || force == TERM_GLYPH_UTF8)
        return force;
    if (!term_caps_codeset_is_utf8(codeset))
        return TERM_GLYPH_ASCII;
    /* the console's fonts and the old DEC terminals have no braille */
    if (is_linux_console(term) || starts_with(term, "vt1") || starts_with(term, "vt2") ||
        (term && strcmp(term, "dumb") == 0))
        return TERM_GLYPH_ASCII;
    return TERM_GLYPH_UTF8;
}

/* The richest mode curses' colour count allows, at most want. */
static TermColor cap_by_colors(TermColor want, int colors)
{
    if (colors < 0)
        return want; /* not known yet */
    if (want >= TERM_COLOR_256 && colors < 256)
        want = TERM_COLOR_8;
    if (want >= TERM_COLOR_8 && colors < 8)
        want = TERM_COLOR_MONO;
    return want;
}

TermColor term_caps_color(const char *term, const char *colorterm, const char *no_color, int colors,
                          TermColor force)
{
    if (force >= TERM_COLOR_MONO && force <= TERM_COLOR_TRUE)
        return cap_by_colors(force, colors);
    if (no_color && no_color[0])
        return TERM_COLOR_MONO; /* https://no-color.org: present and non-empty */
    if (!term || !term[0] || strcmp(term, "dumb") == 0)
        return TERM_COLOR_MONO;
    if (colors >= 0 && colors < 8)
        return TERM_COLOR_MONO;
    if (eq_nocase(colorterm, "truecolor") || eq_nocase(colorterm, "24bit") ||
        contains(term, "direct") || colors >= 0x1000000)
        return cap_by_colors(TERM_COLOR_TRUE, colors);
    if (colors >= 256 || (colors < 0 && contains(term, "256")))
        return TERM_COLOR_256;
    return TERM_COLOR_8;
}

bool term_caps_dark(const char *colorfgbg, int force_dark)
{
    if (force_dark == 0 || force_dark == 1)
        return force_dark == 1;
    if (colorfgbg && colorfgbg[0]) {
        /* "fg;bg" or "fg;default;bg": the last field is the background */
        const char *last = strrchr(colorfgbg, ';');
        const char *bg = last ? last + 1 : colorfgbg;
        char *end = NULL;
        long v = strtol(bg, &end, 10);
        if (end != bg && *end == '\0')
            return !(v == 7 || v == 15);
    }
    return true;
}

void term_caps_decide(TermCaps *caps, const TermCapsInput *in)
{
    caps->linux_console = is_linux_console(in->term);
    caps->glyph = term_caps_glyph(in->codeset, in->term, in->force_glyph);
    caps->color =
        term_caps_color(in->term, in->colorterm, in->no_color, in->colors, in->force_color);
    caps->dark_background = term_caps_dark(in->colorfgbg, in->force_dark);
}

void term_caps_from_env(TermCapsInput *in)
{
    in->codeset = nl_langinfo(CODESET);
    in->term = getenv("TERM");
    in->colorterm = getenv("COLORTERM");
    in->no_color = getenv("NO_COLOR");
    in->colorfgbg = getenv("COLORFGBG");
    in->colors = -1;
    in->force_glyph = TERM_GLYPH_AUTO;
    in->force_color = TERM_COLOR_AUTO;
    in->force_dark = -1;
}

/* ---- colour mappings ---- */

static const int cube_levels[6] = {0, 95, 135, 175, 215, 255};

static int cube_index(int v)
{
    if (v < 48)
        return 0;
    if (v < 115)
        return 1;
    return (v - 35) / 40;
}

static long dist2(Rgb a, Rgb b)
{
    long dr = (long)a.r - b.r, dg = (long)a.g - b.g, db = (long)a.b - b.b;
    return dr * dr + dg * dg + db * db;
}

static const Rgb basic16[16] = {
    {0, 0, 0},     {205, 0, 0},     {0, 205, 0},     {205, 205, 0},   {0, 0, 238}, {205, 0, 205},
    {0, 205, 205}, {229, 229, 229}, {127, 127, 127}, {255, 0, 0},     {0, 255, 0}, {255, 255, 0},
    {92, 92, 255}, {255, 0, 255},   {0, 255, 255},   {255, 255, 255},
};

Rgb term_caps_256_to_rgb(int index)
{
    if (index < 0)
        index = 0;
    if (index > 255)
        index = 255;
    if (index < 16)
        return basic16[index];
    if (index >= 232) {
        uint8_t g = (uint8_t)(8 + 10 * (index - 232));
        return (Rgb){g, g, g};
    }
    int i = index - 16;
    Rgb c = {(uint8_t)cube_levels[i / 36], (uint8_t)cube_levels[(i / 6) % 6],
             (uint8_t)cube_levels[i % 6]};
    return c;
}

int term_caps_rgb_to_256(Rgb c)
{
    int ri = cube_index(c.r), gi = cube_index(c.g), bi = cube_index(c.b);
    int cube = 16 + 36 * ri + 6 * gi + bi;
    /* the grey ramp, at the mean of the channels */
    int mean = (c.r + c.g + c.b) / 3;
    int gi_ramp = mean < 8 ? 0 : mean > 238 ? 23 : (mean - 8 + 5) / 10;
    int grey = 232 + gi_ramp;
    return dist2(c, term_caps_256_to_rgb(grey)) < dist2(c, term_caps_256_to_rgb(cube)) ? grey
                                                                                       : cube;
}

int term_caps_rgb_to_8(Rgb c)
{
    int best = 0;
    long best_d = -1;
    for (int i = 0; i < 8; i++) {
        long d = dist2(c, basic16[i]);
        if (best_d < 0 || d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

/* ---- names for options and status lines ---- */

int term_caps_parse_color(const char *s)
{
    if (eq_nocase(s, "auto"))
        return TERM_COLOR_AUTO;
    if (eq_nocase(s, "mono") || eq_nocase(s, "none") || eq_nocase(s, "off"))
        return TERM_COLOR_MONO;
    if (eq_nocase(s, "8"))
        return TERM_COLOR_8;
    if (eq_nocase(s, "256"))
        return TERM_COLOR_256;
    if (eq_nocase(s, "truecolor") || eq_nocase(s, "24bit"))
        return TERM_COLOR_TRUE;
    return -2;
}

int term_caps_parse_glyph(const char *s)
{
    if (eq_nocase(s, "auto"))
        return TERM_GLYPH_AUTO;
    if (eq_nocase(s, "ascii"))
        return TERM_GLYPH_ASCII;
    if (eq_nocase(s, "utf8") || eq_nocase(s, "utf-8") || eq_nocase(s, "unicode") ||
        eq_nocase(s, "braille"))
        return TERM_GLYPH_UTF8;
    return -2;
}

const char *term_caps_color_name(TermColor c)
{
    switch (c) {
    case TERM_COLOR_MONO:
        return "mono";
    case TERM_COLOR_8:
        return "8";
    case TERM_COLOR_256:
        return "256";
    case TERM_COLOR_TRUE:
        return "truecolor";
    default:
        return "auto";
    }
}

const char *term_caps_glyph_name(TermGlyph g)
{
    switch (g) {
    case TERM_GLYPH_ASCII:
        return "ascii";
    case TERM_GLYPH_UTF8:
        return "utf8";
    default:
        return "auto";
    }
}
