/* csv_file.h — the --csv metrics file, written under a temporary name and renamed into place
 * when the run ends, so a failed or interrupted run never leaves a half-written file where a
 * script expects results. Used by the headless runner and the dashboard's trainer. */
#ifndef LOSSARENA_SRC_CSV_FILE_H
#define LOSSARENA_SRC_CSV_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/status.h"

typedef struct {
    FILE *f; /* owned while open; NULL otherwise */
    char tmp[4096];
    const char *path; /* borrowed: the final name */
} CsvFile;

/* Opens path's temporary twin and writes preamble (comment lines, or "") and the header row
 * with header_tail appended (the grid's columns, or ""); ST_IO with a one-line message. */
Status csv_file_open(CsvFile *c, const char *path, const char *preamble, const char *header_tail,
                     char *err, size_t errlen);
/* keep: renames the file into place (ST_IO with a message when anything failed); otherwise
 * removes it. Safe on a zeroed or closed CsvFile. */
Status csv_file_close(CsvFile *c, bool keep, char *err, size_t errlen);

#endif
