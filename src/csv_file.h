/* csv_file.h — the --csv metrics file, written through the output module (src/output.h): a
 * regular file under a temporary name renamed into place when the run ends (also an
 * interrupted one: the rows so far are complete), so a failed run never leaves a half-written
 * file where a script expects results. Used by the headless runner and the dashboard's trainer. */
#ifndef LOSSARENA_SRC_CSV_FILE_H
#define LOSSARENA_SRC_CSV_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/status.h"
#include "src/output.h"

typedef struct {
    FILE *f; /* borrowed from out while open; NULL otherwise */
    Output out;
} CsvFile;

/* Opens the output for path and writes the header row; ST_IO with a one-line message. */
Status csv_file_open(CsvFile *c, const char *path, char *err, size_t errlen);
/* keep: commits the file (ST_IO with a message when anything failed); otherwise aborts it.
 * Safe on a zeroed or closed CsvFile. */
Status csv_file_close(CsvFile *c, bool keep, char *err, size_t errlen);

#endif
