/* png_out.h — writes an 8-bit RGB image as a PNG file, safely and reproducibly.
 * The file is written to a temporary name beside the target, flushed to disk and renamed onto
 * it, so a reader never sees a partial file and a failed write leaves nothing behind. No time
 * stamp, fixed compression: the same pixels and text give byte-identical files. */
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

/* Writes rgb ((h, w, 3), rows top to bottom, borrowed) with the n_text chunks of text to path.
 * On failure returns ST_IO (file system), ST_NOMEM, ST_INVAL (bad arguments) and puts one line
 * naming the path and the problem in err (e.g. "cannot write fig/a.png: No such file or
 * directory"); no file is left at path or at the temporary name. err may be NULL. */
Status png_write(const char *path, const uint8_t *rgb, int w, int h, const PngText *text,
                 int n_text, char *err, size_t errlen);

/* The same encoding into a stream the caller opened and will close (src/output.h decides how a
 * path is written); name appears in messages. Write errors are ST_IO naming name and errno's
 * cause; the stream is flushed but neither synced nor closed. */
Status png_write_stream(FILE *fp, const char *name, const uint8_t *rgb, int w, int h,
                        const PngText *text, int n_text, char *err, size_t errlen);

#endif
