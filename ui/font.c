/* font.c — parses the text font asset into fixed-size glyph tables and measures text.
 * The asset is embedded by assets/embed.cmake as la_asset_font[]; this module never reads a
 * file, allocates nothing and prints nothing. */
#include "ui/font.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Defined by the C file that assets/embed.cmake generates from assets/lossarena-sans.font. */
extern const unsigned char la_asset_font[];
extern const size_t la_asset_font_len;

typedef struct {
    const char *p, *end;
    int line;
} Reader;

/* The next line without its newline (and without a trailing CR); false at the end. */
static bool reader_line(Reader *r, const char **s, size_t *n)
{
    if (r->p >= r->end)
        return false;
    const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
    const char *stop = nl ? nl : r->end;
    *s = r->p;
    *n = (size_t)(stop - r->p);
    if (*n > 0 && (*s)[*n - 1] == '\r')
        (*n)--;
    r->p = nl ? nl + 1 : r->end;
    r->line++;
    return true;
}

static bool starts_with(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    return n > k && memcmp(s, word, k) == 0 && s[k] == ' ';
}

/* Parses the decimal (or, with base 16, hex) number after the first space of s[0..n). */
static bool parse_number(const char *s, size_t n, int base, long *out)
{
    char buf[32];
    const char *sp = memchr(s, ' ', n);
    if (!sp)
        return false;
    sp++;
    if (base == 16 && (size_t)(s + n - sp) > 2 && sp[0] == 'U' && sp[1] == '+')
        sp += 2;
    size_t k = 0;
    while (sp + k < s + n && sp[k] != ' ' && k + 1 < sizeof buf) {
        buf[k] = sp[k];
        k++;
    }
    buf[k] = '\0';
    if (k == 0)
        return false;
    char *e;
    long v = strtol(buf, &e, base);
    if (*e != '\0' || v < 0)
        return false;
    *out = v;
    return true;
}

static int glyph_cmp(const void *a, const void *b)
{
    uint32_t x = ((const FontGlyph *)a)->code, y = ((const FontGlyph *)b)->code;
    return (x > y) - (x < y);
}

static Status face_finish(FontFaceData *fd)
{
    if (fd->height <= 0 || fd->baseline <= 0 || fd->baseline > fd->height || fd->n_glyphs == 0)
        return ST_FORMAT;
    qsort(fd->glyphs, (size_t)fd->n_glyphs, sizeof fd->glyphs[0], glyph_cmp);
    for (int i = 1; i < fd->n_glyphs; i++)
        if (fd->glyphs[i].code == fd->glyphs[i - 1].code)
            return ST_FORMAT;
    return ST_OK;
}

Status font_parse(Font *f, const char *text, size_t len, int *line)
{
    memset(f, 0, sizeof *f);
    Reader r = {text, text + len, 0};
    FontFaceData *fd = NULL;
    int faces = 0;
    const char *s;
    size_t n;
    Status st = ST_FORMAT;
    while (reader_line(&r, &s, &n)) {
        long v;
        if (n == 0 || s[0] == '#')
            continue;
        if (starts_with(s, n, "face")) {
            if (fd && (st = face_finish(fd)) != ST_OK)
                goto fail;
            st = ST_RANGE;
            if (faces == FONT_FACE_COUNT)
                goto fail;
            st = ST_FORMAT;
            fd = &f->faces[faces++];
            continue;
        }
        if (!fd)
            goto fail;
        if (starts_with(s, n, "height") || starts_with(s, n, "baseline") ||
            starts_with(s, n, "cap") || starts_with(s, n, "xheight")) {
            if (!parse_number(s, n, 10, &v))
                goto fail;
            st = ST_RANGE;
            if (v > FONT_MAX_HEIGHT)
                goto fail;
            st = ST_FORMAT;
            if (s[0] == 'h')
                fd->height = (int)v;
            else if (s[0] == 'b')
                fd->baseline = (int)v;
            else if (s[0] == 'c')
                fd->cap = (int)v;
            else
                fd->xheight = (int)v;
            continue;
        }
        if (!starts_with(s, n, "glyph") || fd->height <= 0 || !parse_number(s, n, 16, &v) ||
            v > 0x10FFFF)
            goto fail;
        st = ST_RANGE;
        if (fd->n_glyphs == FONT_MAX_GLYPHS)
            goto fail;
        st = ST_FORMAT;
        FontGlyph *g = &fd->glyphs[fd->n_glyphs++];
        g->code = (uint32_t)v;
        g->advance = -1;
        for (int row = 0; row < fd->height; row++) {
            if (!reader_line(&r, &s, &n))
                goto fail;
            if (g->advance < 0) {
                st = ST_RANGE;
                if (n > FONT_MAX_ADVANCE)
                    goto fail;
                st = ST_FORMAT;
                g->advance = (int)n;
            }
            if ((int)n != g->advance)
                goto fail;
            for (size_t i = 0; i < n; i++) {
                if (s[i] == '#')
                    g->rows[row] |= 1u << i;
                else if (s[i] != '.')
                    goto fail;
            }
        }
    }
    if (!fd || (st = face_finish(fd)) != ST_OK)
        goto fail;
    for (int i = faces; i < FONT_FACE_COUNT; i++) /* a missing face falls back to the first */
        f->faces[i] = f->faces[0];
    return ST_OK;
fail:
    if (line)
        *line = r.line;
    if (st == ST_OK)
        st = ST_FORMAT;
    return st;
}

Status font_init(Font *f)
{
    return font_parse(f, (const char *)la_asset_font, la_asset_font_len, NULL);
}

static const FontGlyph *face_find(const FontFaceData *fd, uint32_t code)
{
    int lo = 0, hi = fd->n_glyphs - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        uint32_t c = fd->glyphs[mid].code;
        if (c == code)
            return &fd->glyphs[mid];
        if (c < code)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

const FontGlyph *font_glyph(const Font *f, FontFace face, uint32_t code)
{
    const FontFaceData *fd = &f->faces[(int)face >= 0 && face < FONT_FACE_COUNT ? face : 0];
    const FontGlyph *g = face_find(fd, code);
    if (!g)
        g = face_find(fd, 0xFFFD);
    if (!g)
        g = face_find(fd, '?');
    return g ? g : &fd->glyphs[0];
}

uint32_t font_utf8_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    if (p[0] == 0)
        return 0;
    int len = p[0] < 0x80             ? 1
              : (p[0] & 0xE0) == 0xC0 ? 2
              : (p[0] & 0xF0) == 0xE0 ? 3
              : (p[0] & 0xF8) == 0xF0 ? 4
                                      : 0;
    if (len == 0) {
        (*s)++;
        return 0xFFFD;
    }
    uint32_t c = len == 1 ? p[0] : (uint32_t)(p[0] & (0x7F >> len));
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) { /* also stops at the NUL */
            (*s)++;
            return 0xFFFD;
        }
        c = (c << 6) | (p[i] & 0x3F);
    }
    static const uint32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    *s += len;
    if (c < min_for_len[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0xFFFD; /* overlong or not a scalar value */
    return c;
}

double font_text_width(const Font *f, FontFace face, double size, const char *utf8)
{
    const FontFaceData *fd = &f->faces[face];
    long adv = 0;
    uint32_t c;
    while ((c = font_utf8_next(&utf8)) != 0)
        adv += font_glyph(f, face, c)->advance;
    return (double)adv * size / fd->height;
}

double font_cap_height(const Font *f, FontFace face, double size)
{
    return f->faces[face].cap * size / f->faces[face].height;
}

double font_descent(const Font *f, FontFace face, double size)
{
    const FontFaceData *fd = &f->faces[face];
    return (fd->height - fd->baseline) * size / fd->height;
}
