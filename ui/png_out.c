/* png_out.c — PNG encoding through libpng onto a caller's stream; every error checked.
 * libpng reports errors by longjmp; our I/O callbacks record errno so that the message names
 * the real cause (ENOSPC, EIO...). Opens no file, prints nothing, never exits. */
#include "ui/png_out.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PNG_OUT_LEVEL 6 /* zlib level: fixed, so output bytes do not depend on defaults */

typedef struct {
    FILE *fp;
    int io_errno;      /* errno of the first failed write/flush, 0 if none */
    char png_msg[128]; /* libpng's own error message */
} Sink;

static void sink_write(png_structp png, png_bytep data, size_t n)
{
    Sink *s = png_get_io_ptr(png);
    if (fwrite(data, 1, n, s->fp) != n) {
        s->io_errno = errno ? errno : EIO;
        png_error(png, "write failed");
    }
}

static void sink_flush(png_structp png)
{
    Sink *s = png_get_io_ptr(png);
    if (fflush(s->fp) != 0) {
        s->io_errno = errno ? errno : EIO;
        png_error(png, "flush failed");
    }
}

static void on_png_error(png_structp png, png_const_charp msg)
{
    Sink *s = png_get_error_ptr(png);
    snprintf(s->png_msg, sizeof s->png_msg, "%s", msg ? msg : "libpng error");
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* warnings do not change the file; library code prints nothing */
}

static Status fail(char *err, size_t errlen, Status st, const char *path, const char *why)
{
    if (err && errlen > 0)
        snprintf(err, errlen, "cannot write %s: %s", path, why);
    return st;
}

static bool key_ok(const char *key)
{
    size_t n = key ? strlen(key) : 0;
    if (n < 1 || n > 79 || key[0] == ' ' || key[n - 1] == ' ')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)key[i];
        if (c < 32 || c > 126)
            return false;
    }
    return true;
}

static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 128)
            return false;
    return true;
}

/* Everything libpng does, in one function without locals that live across the setjmp. */
static int png_encode(Sink *sink, const uint8_t *rgb, int w, int h, const PngText *text, int n_text)
{
    png_structp png =
        png_create_write_struct(PNG_LIBPNG_VER_STRING, sink, on_png_error, on_png_warning);
    if (!png) {
        snprintf(sink->png_msg, sizeof sink->png_msg, "out of memory");
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        snprintf(sink->png_msg, sizeof sink->png_msg, "out of memory");
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_set_write_fn(png, sink, sink_write, sink_flush);
    png_set_compression_level(png, PNG_OUT_LEVEL);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_text chunks[PNG_OUT_MAX_TEXT];
    memset(chunks, 0, sizeof chunks);
    for (int i = 0; i < n_text; i++) {
        bool ascii = is_ascii(text[i].value);
        chunks[i].compression = ascii ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE;
        chunks[i].key = (png_charp)(uintptr_t)text[i].key; /* libpng does not write through */
        chunks[i].text = (png_charp)(uintptr_t)text[i].value;
        chunks[i].text_length = strlen(text[i].value);
        chunks[i].lang = NULL;
        chunks[i].lang_key = NULL;
    }
    if (n_text > 0)
        png_set_text(png, info, chunks, n_text);
    png_write_info(png, info);
    for (int y = 0; y < h; y++)
        png_write_row(png, (png_const_bytep)(rgb + (size_t)y * (size_t)w * 3));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 0;
}

Status png_write(FILE *fp, const char *name, const uint8_t *rgb, int w, int h, const PngText *text,
                 int n_text, char *err, size_t errlen)
{
    if (err && errlen > 0)
        err[0] = '\0';
    if (!name)
        name = "PNG";
    if (!fp)
        return fail(err, errlen, ST_INVAL, name, "no file to write to");
    if (!rgb || w < 1 || h < 1 || w > 1000000 || h > 1000000)
        return fail(err, errlen, ST_INVAL, name, "bad image size");
    if (n_text < 0 || n_text > PNG_OUT_MAX_TEXT || (n_text > 0 && !text))
        return fail(err, errlen, ST_INVAL, name, "too many text chunks");
    for (int i = 0; i < n_text; i++)
        if (!key_ok(text[i].key) || !text[i].value)
            return fail(err, errlen, ST_INVAL, name, "bad text chunk key");

    Sink sink = {fp, 0, ""};
    int rc = png_encode(&sink, rgb, w, h, text, n_text);
    if (rc != 0) {
        bool nomem = !sink.io_errno && strcmp(sink.png_msg, "out of memory") == 0;
        return fail(err, errlen, nomem ? ST_NOMEM : ST_IO, name,
                    sink.io_errno ? strerror(sink.io_errno) : sink.png_msg);
    }
    if (fflush(fp) != 0)
        return fail(err, errlen, ST_IO, name, strerror(errno));
    return ST_OK;
}
