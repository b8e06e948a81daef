/* term_caps.h — what the terminal can show, decided as pure functions of their inputs (locale
 * codeset, $TERM, $COLORTERM, $NO_COLOR, $COLORFGBG, curses' COLORS, user overrides), plus the
 * RGB → 256-colour and RGB → 8-colour mappings. No curses calls and no global state here;
 * term_caps_from_env is the one function that reads the process environment. */
#ifndef LOSSARENA_UI_TERM_CAPS_H
#define LOSSARENA_UI_TERM_CAPS_H

#include <stdbool.h>

#include "ui/palette.h"

typedef enum { TERM_GLYPH_AUTO = -1, TERM_GLYPH_ASCII, TERM_GLYPH_UTF8 } TermGlyph;
typedef enum {
    TERM_COLOR_AUTO = -1,
    TERM_COLOR_MONO,
    TERM_COLOR_8,
    TERM_COLOR_256,
    TERM_COLOR_TRUE
} TermColor;

typedef struct {
    const char *codeset;   /* borrowed: nl_langinfo(CODESET) after setlocale; NULL = unknown */
    const char *term;      /* borrowed: $TERM, or NULL */
    const char *colorterm; /* borrowed: $COLORTERM, or NULL */
    const char *no_color;  /* borrowed: $NO_COLOR, or NULL */
    const char *colorfgbg; /* borrowed: $COLORFGBG ("15;0": fg 15 on bg 0), or NULL */
    int colors;            /* curses' COLORS after start_color(); -1 = not known yet */
    TermGlyph force_glyph; /* user override, or TERM_GLYPH_AUTO */
    TermColor force_color; /* user override, or TERM_COLOR_AUTO */
    int force_dark;        /* -1 auto, 0 light background, 1 dark background */
} TermCapsInput;

typedef struct {
    TermGlyph glyph;      /* never AUTO */
    TermColor color;      /* never AUTO */
    bool dark_background; /* picks the palette variant */
    bool linux_console;   /* TERM=linux: square ASCII, 8 colours */
} TermCaps;

/* True for "UTF-8", "utf8", "UTF8", "utf-8" (any case). */
bool term_caps_codeset_is_utf8(const char *codeset);
/* Braille/blocks (UTF-8) only with a UTF-8 codeset and a terminal whose font has them (not the
 * Linux console, not vt100/vt220); force wins. */
TermGlyph term_caps_glyph(const char *codeset, const char *term, TermGlyph force);
/* force wins but is capped by colors (when known); otherwise: a non-empty NO_COLOR, TERM dumb
 * or unset, or colors < 8 → mono; COLORTERM truecolor/24bit or a *direct TERM → truecolor;
 * colors >= 256 or a *256color TERM → 256; else 8. */
TermColor term_caps_color(const char *term, const char *colorterm, const char *no_color, int colors,
                          TermColor force);
/* Dark unless forced light or $COLORFGBG names a light background (7 or 15). */
bool term_caps_dark(const char *colorfgbg, int force_dark);
void term_caps_decide(TermCaps *caps, const TermCapsInput *in);
/* Fills in from the environment and the current locale (colors = -1, no overrides). */
void term_caps_from_env(TermCapsInput *in);

/* xterm 256-colour index nearest to c: the 6×6×6 cube (16 + 36r + 6g + b) or, when closer, the
 * grey ramp (232 + i, i in 0..23, grey 8 + 10i). */
int term_caps_rgb_to_256(Rgb c);
/* RGB of a 256-colour index (16..255; 0..15 as xterm's defaults). */
Rgb term_caps_256_to_rgb(int index);
/* Nearest of the 8 basic colours in curses numbering (0 black, 1 red, 2 green, 3 yellow,
 * 4 blue, 5 magenta, 6 cyan, 7 white). */
int term_caps_rgb_to_8(Rgb c);

/* "auto", "mono", "8", "256", "truecolor" (also "none", "24bit") → the mode; -2 when unknown. */
int term_caps_parse_color(const char *s);
/* "auto", "ascii", "utf8" (also "unicode", "braille") → the mode; -2 when unknown. */
int term_caps_parse_glyph(const char *s);
const char *term_caps_color_name(TermColor c);
const char *term_caps_glyph_name(TermGlyph g);

#endif
