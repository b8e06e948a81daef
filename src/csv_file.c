#include "src/csv_file.h"

#include <string.h>

#include "src/report.h"

Status csv_file_open(CsvFile *c, const char *path, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    Status st = output_begin(&c->out, path, err, errlen);
    if (st != ST_OK)
        return st;
    c->f = c->out.f;
    report_csv_header(c->f);
    return ST_OK;
}

Status csv_file_close(CsvFile *c, bool keep, char *err, size_t errlen)
{
    if (!c->f)
        return ST_OK;
    c->f = NULL;
    if (keep)
        return output_commit(&c->out, err, errlen);
    output_abort(&c->out);
    return ST_OK;
}
