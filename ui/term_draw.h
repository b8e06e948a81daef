/* term_draw.h — the terminal surface: draws the figure model (ui/chart.h: LineChart, HistChart,
 * Legend, BoundaryMap) into rectangles of a curses WINDOW, in braille or ASCII, in truecolor,
 * 256, 8 colours or none; ui/term_chart.c draws the charts and the legend, this module the text,
 * colours and styles they share and the boundary heatmap. It reads only the model (never
 * a Snapshot), only writes into windows (no refresh, no doupdate, no input), allocates nothing
 * per frame and keeps no global state: everything lives in the caller's TermDraw. Call from the
 * one thread that owns curses. */
#ifndef LOSSARENA_UI_TERM_DRAW_H
#define LOSSARENA_UI_TERM_DRAW_H

#include <curses.h>
#include <stdbool.h>

#include "ui/braille.h"
#include "ui/chart.h"
#include "ui/layout.h"
#include "ui/palette.h"
#include "ui/term_caps.h"

typedef enum {
    TERM_UI_TEXT,  /* plain text */
    TERM_UI_TITLE, /* panel titles */
    TERM_UI_AXIS,  /* frames, ticks, tick labels */
    TERM_UI_MUTED, /* diverged or hidden models, "no data" */
    TERM_UI_ZERO,  /* the zero line of the margin histograms */
    TERM_UI_WARN,  /* divergence, errors */
    TERM_UI_GOOD,  /* running, success */
    TERM_UI_COUNT
} TermUiStyle;

#define TERM_DRAW_MAX_SLOTS 96  /* palette slots redefined for truecolor on 256-colour terms */
#define TERM_DRAW_MAX_DYN 1024  /* colour pairs for the heatmap, allocated on demand */
#define TERM_DRAW_DYN_HASH 2048 /* open-addressing table of those pairs, a power of two */

typedef struct {
    TermCaps caps;  /* as decided, capped by what curses reported at init */
    bool ascii;     /* caps.glyph == TERM_GLYPH_ASCII */
    bool has_color; /* colour pairs are in use */
    int colors, color_pairs;
    bool direct;                   /* truecolor as direct colour numbers 0xRRGGBB (TERM=*-direct) */
    bool redefine;                 /* truecolor by redefining palette slots (init_extended_color) */
    int default_bg;                /* -1 with use_default_colors, else COLOR_BLACK / COLOR_WHITE */
    int color_pair[PALETTE_SLOTS]; /* pair per palette slot (a loss's colour); 0 = none */
    int ui_pair[TERM_UI_COUNT];
    int n_slots;
    Rgb slot_rgb[TERM_DRAW_MAX_SLOTS];
    /* heatmap pairs: key (fg, bg) → pair number, from dyn_base on */
    int dyn_base, dyn_cap, dyn_n;
    int dyn_key_fg[TERM_DRAW_DYN_HASH], dyn_key_bg[TERM_DRAW_DYN_HASH];
    int dyn_pair[TERM_DRAW_DYN_HASH]; /* 0 = empty slot */
    BrailleCanvas canvas;             /* scratch: one chart at a time */
} TermDraw;

/* After initscr() (and setlocale(LC_ALL, "") before it): starts colour when caps asks for it
 * and the terminal has it, caps the mode by COLORS, defines the model and UI colour pairs
 * (never beyond COLORS / COLOR_PAIRS). td is large (~290 KB): make it static or allocate it
 * once. Call again after a mode change (e.g. a key that toggles ASCII or colours). */
void term_draw_init(TermDraw *td, const TermCaps *caps);

/* Sensible tick counts for a chart in rect r. */
void term_draw_chart_ticks(LayoutRect r, int *max_ticks_x, int *max_ticks_y);

/* A line chart in r: title row (with the train/test key when it fits), y tick labels on the
 * left, braille/ASCII plot, x axis and tick labels below, ticks refitted to the room. Series in
 * their loss's colour, later series owning shared cells (focused last and bold), each solid
 * series' marker letter at its last point, a diverged model's in warning red. */
void term_draw_line_chart(TermDraw *td, WINDOW *win, LayoutRect r, const LineChart *c);
/* Margin histograms: small multiples (letter, id, bars scaled by the chart's one shared y
 * maximum, the zero line, the median as a dotted column, diverged models grey), or one
 * eighth-block strip per model when strips (row 1 + its model index, beside the legend) or when
 * the grid does not fit. */
void term_draw_hist_chart(TermDraw *td, WINDOW *win, LayoutRect r, const HistChart *c, bool strips);
/* Tick labels of a margin axis under a bar area [x0, x0 + width) on row y, none overlapping. */
void term_draw_hist_ticks(TermDraw *td, WINDOW *win, const ChartAxis *ax, int x0, int y, int width);
/* The mean of bins v[0..nb) falling in each of width columns, into out[0..width). */
void term_resample(const float *v, int nb, int width, float *out);
/* The legend table: a header row, then row i of l on row 1 + i: letter, id, the cells (test
 * loss and accuracy first when narrow), the status; hidden models muted, the focused one
 * highlighted. */
void term_draw_legend(TermDraw *td, WINDOW *win, LayoutRect r, const Legend *l);
/* A model's decision regions over the 2-D input box, shaded by confidence, training points on
 * top (flipped labels as 'x'): half blocks with 256/truecolor, class digits otherwise. A
 * message when b has no grid. */
void term_draw_boundary(TermDraw *td, WINDOW *win, LayoutRect r, const BoundaryMap *b);
/* Every model's boundary (the `boundaries` view) as small multiples in r, as large and square
 * as the room allows, a diverged model's greyed with its reason on its title row; the title
 * and what the points mean on the top row; when g is not available, why. */
void term_draw_boundaries(TermDraw *td, WINDOW *win, LayoutRect r, const BoundaryGrid *g);
/* "terminal too small: have W×H, need W×H", centred in win. */
void term_draw_too_small(TermDraw *td, WINDOW *win, int have_w, int have_h, int need_w, int need_h);

/* Helpers for the dashboard's own lines (title, status, help). */
/* Writes UTF-8 text at (y, x), at most max_cols columns; in ASCII mode non-ASCII characters
 * become ASCII look-alikes ("—" → "-", "²" → "^2", others '?'). Returns the columns written. */
int term_draw_text(const TermDraw *td, WINDOW *win, int y, int x, int max_cols, const char *utf8);
/* Model text for cells: subscript markup ("max_{j≠c}") loses its braces. */
void term_draw_plain(char *out, size_t n, const char *model_text);
/* Sets win's attributes to a UI style / a palette slot's colour; bold adds A_BOLD. */
void term_draw_style(const TermDraw *td, WINDOW *win, TermUiStyle style);
void term_draw_color_style(const TermDraw *td, WINDOW *win, int color_slot, bool bold);
/* One glyph (UTF-8 or ASCII) at (y, x) if inside the window; attributes back to normal. */
void term_draw_glyph(WINDOW *win, int y, int x, const char *glyph);
void term_draw_reset(WINDOW *win);
/* Fills r with blanks in the default style. */
void term_draw_clear(const TermDraw *td, WINDOW *win, LayoutRect r);

#endif
