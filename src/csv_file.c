#include "src/csv_file.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "src/report.h"

Status csv_file_open(CsvFile *c, const char *path, const char *preamble, const char *header_tail,
                     char *err, size_t errlen)
{
    c->path = path;
    snprintf(c->tmp, sizeof c->tmp, "%s.tmp-%ld", path, (long)getpid());
    c->f = fopen(c->tmp, "w");
    if (!c->f) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return ST_IO;
    }
    fputs(preamble, c->f);
    report_csv_header(c->f, header_tail);
    return ST_OK;
}

Status csv_file_close(CsvFile *c, bool keep, char *err, size_t errlen)
{
    if (!c->f)
        return ST_OK;
    bool bad = ferror(c->f) != 0;
    bad |= fclose(c->f) != 0;
    c->f = NULL;
    if (keep && !bad && rename(c->tmp, c->path) == 0)
        return ST_OK;
    int e = errno;
    remove(c->tmp);
    if (!keep)
        return ST_OK;
    snprintf(err, errlen, "cannot write %s: %s", c->path, strerror(e));
    return ST_IO;
}
