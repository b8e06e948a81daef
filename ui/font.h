/* font.h — the bitmap font of the PNG figures, parsed from the text asset compiled into the
 * binary (assets/lossarena-sans.font, CC0). Glyphs are 1-bit master bitmaps at twice the nominal
 * size; ui/raster.c draws them at any size with area coverage (antialiased). No allocation: a
 * Font is a fixed-size value the caller owns; it knows nothing of canvases or files. */
#ifndef LOSSARENA_UI_FONT_H
#define LOSSARENA_UI_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

#define FONT_MAX_GLYPHS 192
#define FONT_MAX_HEIGHT 32 /* rows per glyph; each row is a 32-bit mask, so advance <= 32 */
#define FONT_MAX_ADVANCE 32

typedef enum { FONT_REGULAR, FONT_BOLD, FONT_FACE_COUNT } FontFace;

typedef struct {
    uint32_t code;                  /* Unicode code point */
    int advance;                    /* master pixels; the bitmap's width */
    uint32_t rows[FONT_MAX_HEIGHT]; /* bit i of row j = ink at column i, row j (0 = top) */
} FontGlyph;

typedef struct {
    int height;   /* rows per glyph (the master cell) */
    int baseline; /* rows above the baseline */
    int cap;      /* cap height, rows */
    int xheight;  /* x-height, rows */
    int n_glyphs;
    FontGlyph glyphs[FONT_MAX_GLYPHS]; /* sorted by code */
} FontFaceData;

typedef struct {
    FontFaceData faces[FONT_FACE_COUNT];
} Font;

/* Parses the font compiled into the binary. ST_FORMAT only if the embedded asset is broken. */
Status font_init(Font *f);
/* Parses a font in the asset's text format from text[0..len). On failure returns ST_FORMAT
 * (or ST_RANGE when a limit above is exceeded) and, when line is not NULL, the 1-based line. */
Status font_parse(Font *f, const char *text, size_t len, int *line);

/* The glyph of code in face; never NULL: falls back to U+FFFD, then '?'. */
const FontGlyph *font_glyph(const Font *f, FontFace face, uint32_t code);
/* Decodes one UTF-8 code point at *s and advances *s past it. Returns 0 at the terminating
 * NUL (without advancing) and U+FFFD for a malformed sequence (advancing one byte). */
uint32_t font_utf8_next(const char **s);
/* Width in pixels of utf8 drawn in face at size px (the line height: size / height scales the
 * master cell). */
double font_text_width(const Font *f, FontFace face, double size, const char *utf8);
/* Heights in pixels at size px: cap height and the depth of descenders below the baseline. */
double font_cap_height(const Font *f, FontFace face, double size);
double font_descent(const Font *f, FontFace face, double size);

#endif
