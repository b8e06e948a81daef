/* png_out.h — encodes an 8-bit RGB image as PNG onto a stream the caller opened (the caller
 * owns the file: temporary name, rename, removal on failure). No time stamp, fixed
 * compression: the same pixels and text give byte-identical bytes. */
#ifndef LOSSARENA_UI_PNG_OUT_H
#define LOSSARENA_UI_PNG_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/status.h"

#define PNG_OUT_MAX_TEXT 16

/* One text chunk: key is 1..79 printable Latin-1 characters (e.g. "Software", "Title",
 * "Seed", "Configuration"); value is UTF-8, written as tEXt when it is plain ASCII and as an
 * uncompressed iTXt otherwise. */
typedef struct {
    const char *key;   /* borrowed: valid during the call */
    const char *value; /* borrowed: valid during the call */
} PngText;

/* Writes rgb ((h, w, 3), rows top to bottom, borrowed) with the n_text chunks of text to fp
 * and flushes it. name is what messages call the destination (e.g. its path). On failure
 * returns ST_IO (the stream failed), ST_NOMEM, ST_INVAL (bad arguments) and puts one line
 * naming it and the problem in err (e.g. "cannot write fig/a.png: No space left on device");
 * err may be NULL. Opens, closes and removes nothing. */
Status png_write(FILE *fp, const char *name, const uint8_t *rgb, int w, int h, const PngText *text,
                 int n_text, char *err, size_t errlen);

#endif
