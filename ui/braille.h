/* braille.h — a cell canvas for terminal plots: each cell holds 2×4 braille dots and the id of
 * the last series that wrote to it (one colour per cell, last writer wins), plus the glyphs of
 * vertical histogram bars. Pure: no curses, no allocation, no globals; the canvas is a fixed-size
 * struct the caller owns (about 256 KB: allocate it once, not on the stack of a frame). */
#ifndef LOSSARENA_UI_BRAILLE_H
#define LOSSARENA_UI_BRAILLE_H

#include <stdbool.h>
#include <stdint.h>

#define BRAILLE_MAX_W 512 /* cells */
#define BRAILLE_MAX_H 256
#define BRAILLE_NO_OWNER 0xFF

typedef struct {
    int w, h;           /* cells in use, 1..BRAILLE_MAX_W × 1..BRAILLE_MAX_H; dots are 2w × 4h */
    bool ascii;         /* cells read as ASCII characters instead of braille */
    bool ascii_markers; /* in ASCII, a cell owned by a series with a marker shows its letter */
    char marker[256];   /* marker letter per owner id, 0 = none */
    uint8_t dots[BRAILLE_MAX_H][BRAILLE_MAX_W];  /* braille bit mask per cell */
    uint8_t owner[BRAILLE_MAX_H][BRAILLE_MAX_W]; /* last writer, or BRAILLE_NO_OWNER */
} BrailleCanvas;

/* A polyline being drawn: remembers the last point and the dash phase across segments. */
typedef struct {
    uint8_t owner;
    bool dashed; /* dash_run dots on, dash_run dots off */
    int dash_run;
    long phase; /* dots stepped so far along the polyline */
    bool down;  /* a previous point exists */
    double x, y;
} BraillePen;

/* Sets the size (clamped to the maximum) and ASCII mode; clears dots, owners and markers. */
void braille_init(BrailleCanvas *c, int w, int h, bool ascii);
/* Clears dots and owners; keeps size, mode and markers. */
void braille_clear(BrailleCanvas *c);
void braille_set_marker(BrailleCanvas *c, uint8_t owner, char letter);

/* Dot (px, py), px in [0, 2w), py in [0, 4h), py = 0 the top row. Outside: ignored / false. */
void braille_set(BrailleCanvas *c, int px, int py, uint8_t owner);
bool braille_get(const BrailleCanvas *c, int px, int py);

/* The bit of dot (dx, dy) within a cell: dx 0..1, dy 0..3 (left 0x01 0x02 0x04 0x40, right
 * 0x08 0x10 0x20 0x80). */
uint8_t braille_bit(int dx, int dy);

/* Polylines in dot coordinates (doubles; clipped to the canvas, so points far outside are
 * fine). Consecutive points are joined with no gaps, however steep. A non-finite coordinate
 * lifts the pen (a gap in the data). */
void braille_pen_start(BraillePen *p, uint8_t owner, bool dashed);
void braille_pen_to(BrailleCanvas *c, BraillePen *p, double x, double y);
void braille_pen_lift(BraillePen *p);
/* A solid segment. */
void braille_line(BrailleCanvas *c, double x0, double y0, double x1, double y1, uint8_t owner);

/* Cell contents. mask 0 means an empty cell. */
uint8_t braille_mask(const BrailleCanvas *c, int cx, int cy);
uint8_t braille_owner(const BrailleCanvas *c, int cx, int cy);
/* The cell's text into out (NUL-terminated): the braille glyph in UTF-8 (3 bytes), or one ASCII
 * character in ASCII mode. Returns false, with out = " ", for an empty cell. */
bool braille_cell_text(const BrailleCanvas *c, int cx, int cy, char out[4]);
/* UTF-8 of U+2800 + mask into out (3 bytes and a NUL). */
void braille_glyph_utf8(uint8_t mask, char out[4]);
/* ASCII shape of a dot mask: ' ' empty, '\'' top, '-' middle, '.' bottom, ':' top and bottom,
 * '|' a vertical run, '/' and '\\' diagonals. */
char braille_glyph_ascii(uint8_t mask);

/* Glyph of a vertical bar `eighths` eighths of a cell tall at cell `row` above its base (0 = the
 * bottom cell): " ", "▁".."▇", "█" in UTF-8; " ", ".", ":", "|", "#" in ASCII. Static string. */
const char *braille_bar_glyph(int eighths, int row, bool ascii);

#endif
