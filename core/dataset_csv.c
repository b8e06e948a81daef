/* dataset_csv.c — the CSV loader: numeric features plus one label column, streamed from a FILE.
 * Owns tokenising (RFC 4180 quoting, CRLF, blank lines), header detection, label mapping, the
 * seeded train/test split and the standardisation with training statistics. Holds one record
 * (at most CSV_MAX_RECORD bytes) and the parsed numbers, never the whole text. Never prints or
 * exits: each problem becomes one FILE:LINE:COLUMN message. */
#include "core/dataset_io.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/memory_budget.h"
#include "core/rng.h"

#define CSV_CHUNK (64 * 1024)
#define CSV_SPLIT_STREAM 0x63737673706c6974ULL /* "csvsplit": the rng stream of the shuffle */
#define LABEL_SLOTS 512                        /* hash slots, twice DATASET_MAX_CLASSES */
#define CELL_SHOWN 40                          /* bytes of a cell quoted in a message */

typedef struct {
    size_t off, len; /* the text in rec */
    long line, col;  /* where the field starts */
} CsvField;

typedef struct {
    FILE *f;          /* borrowed */
    const char *name; /* borrowed: for messages */
    char *buf;        /* owned: CSV_CHUNK bytes of input */
    size_t len, pos;
    bool eof;
    int io_errno; /* nonzero after a read error */
    long line;    /* position of the next character, 1-based */
    long col;
    char *rec; /* owned: the current record's fields, each NUL-terminated */
    size_t rec_len, rec_cap;
    CsvField *fields; /* owned */
    size_t nfields, fields_cap;
    long rec_line; /* where the current record starts */
    long end_line; /* just after its last character */
    long end_col;
} CsvReader;

typedef struct {
    char *names[DATASET_MAX_CLASSES]; /* owned: labels in order of first appearance */
    size_t lens[DATASET_MAX_CLASSES];
    int int_value[DATASET_MAX_CLASSES]; /* the label as an integer, when all_int */
    int count;
    bool all_int;               /* every label so far is an integer in [0, DATASET_MAX_CLASSES) */
    int16_t slots[LABEL_SLOTS]; /* id + 1, or 0 for an empty slot */
} LabelMap;

typedef struct {
    const char *name; /* borrowed */
    CsvReader r;
    LabelMap map;
    int ncols, label_col, dim;
    long first_line;  /* of the first record */
    long header_line; /* 0 when there is none */
    float *x;         /* owned: (n, dim) */
    int32_t *y;       /* owned: (n) label ids */
    size_t cap;       /* rows x and y hold */
    int n;
    double split;
    uint64_t seed;
    const char *label_opt; /* borrowed */
    uint64_t max_bytes; /* 0: no limit */
} CsvParse;

/* Copies at most cap - 1 bytes of s[0..len) into dst, control characters as '?', never cutting
 * a UTF-8 sequence; "..." marks a cut when cut_mark. */
static void text_clean(char *dst, size_t cap, const char *s, size_t len, bool cut_mark)
{
    size_t room = cap - 1, i = 0, o = 0;
    if (len > room && cut_mark)
        room -= 3;
    if (len > room) {
        len = room;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    } else {
        cut_mark = false;
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        dst[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    if (cut_mark) {
        memcpy(dst + o, "...", 3);
        o += 3;
    }
    dst[o] = '\0';
}


/* ---- the tokeniser ---- */

static int rd_peek(CsvReader *r)
{
    if (r->pos == r->len) {
        if (r->eof)
            return -1;
        r->len = fread(r->buf, 1, CSV_CHUNK, r->f);
        r->pos = 0;
        if (r->len == 0) {
            r->eof = true;
            if (ferror(r->f))
                r->io_errno = errno != 0 ? errno : EIO;
            return -1;
        }
    }
    return (unsigned char)r->buf[r->pos];
}

static int rd_get(CsvReader *r)
{
    int c = rd_peek(r);
    if (c < 0)
        return c;
    r->pos++;
    if (c == '\n') {
        r->line++;
        r->col = 1;
    } else if ((c & 0xC0) != 0x80) { /* count characters, not UTF-8 continuation bytes */
        r->col++;
    }
    return c;
}

static Status rec_push(CsvReader *r, char c, char *err, size_t errlen)
{
    if (r->rec_len == r->rec_cap) {
        if (r->rec_cap >= CSV_MAX_RECORD) {
            status_message(err, errlen, "%s:%ld: record longer than %d bytes", r->name, r->rec_line,
                           CSV_MAX_RECORD);
            return ST_FORMAT;
        }
        size_t ncap = r->rec_cap == 0 ? 256 : r->rec_cap * 2;
        char *p = realloc(r->rec, ncap);
        if (p == NULL)
            return ST_NOMEM;
        r->rec = p;
        r->rec_cap = ncap;
    }
    r->rec[r->rec_len++] = c;
    return ST_OK;
}

static Status field_push(CsvReader *r, CsvField fld)
{
    if (r->nfields == r->fields_cap) {
        size_t ncap = r->fields_cap == 0 ? 16 : r->fields_cap * 2;
        CsvField *p = realloc(r->fields, ncap * sizeof *p);
        if (p == NULL)
            return ST_NOMEM;
        r->fields = p;
        r->fields_cap = ncap;
    }
    r->fields[r->nfields++] = fld;
    return ST_OK;
}

static Status char_take(CsvReader *r, int c, char *err, size_t errlen)
{
    if (c == '\0') {
        status_message(err, errlen, "%s:%ld:%ld: NUL byte in the text", r->name, r->line,
                       r->col - 1);
        return ST_FORMAT;
    }
    return rec_push(r, (char)c, err, errlen);
}

static bool is_blank(int c)
{
    return c == ' ' || c == '\t';
}

/* Reads one field; *c gets the character that ends it (',', '\n', '\r' or -1). */
static Status field_read(CsvReader *r, int *c, bool *empty, char *err, size_t errlen)
{
    Status st = ST_OK;
    while (is_blank(rd_peek(r)))
        rd_get(r);
    CsvField fld = {r->rec_len, 0, r->line, r->col};
    *c = rd_peek(r);
    if (*c == '"') {
        rd_get(r);
        for (;;) {
            *c = rd_get(r);
            if (*c < 0) {
                status_message(err, errlen, "%s:%ld:%ld: unterminated quoted field", r->name,
                               fld.line, fld.col);
                return ST_FORMAT;
            }
            if (*c == '"') {
                if (rd_peek(r) != '"')
                    break;
                rd_get(r);
            }
            if ((st = char_take(r, *c, err, errlen)) != ST_OK)
                return st;
        }
        while (is_blank(rd_peek(r)))
            rd_get(r);
        *c = rd_peek(r);
        if (*c >= 0 && *c != ',' && *c != '\n' && *c != '\r') {
            status_message(err, errlen, "%s:%ld:%ld: unexpected character after a closing quote",
                           r->name, r->line, r->col);
            return ST_FORMAT;
        }
        *empty = false;
    } else {
        while ((*c = rd_peek(r)) >= 0 && *c != ',' && *c != '\n' && *c != '\r') {
            rd_get(r);
            if ((st = char_take(r, *c, err, errlen)) != ST_OK)
                return st;
        }
        while (r->rec_len > fld.off && is_blank(r->rec[r->rec_len - 1]))
            r->rec_len--;
        *empty = r->rec_len == fld.off;
    }
    fld.len = r->rec_len - fld.off;
    if ((st = rec_push(r, '\0', err, errlen)) != ST_OK)
        return st;
    return field_push(r, fld);
}

/* Reads the next record that is not blank; *got is false at the end of the input. */
static Status record_next(CsvReader *r, bool *got, char *err, size_t errlen)
{
    *got = false;
    for (;;) {
        r->rec_len = 0;
        r->nfields = 0;
        if (rd_peek(r) < 0)
            break;
        r->rec_line = r->line;
        bool blank = true;
        int c;
        for (;;) {
            bool empty;
            Status st = field_read(r, &c, &empty, err, errlen);
            if (st != ST_OK)
                return st;
            blank = blank && empty;
            if (c != ',')
                break;
            rd_get(r);
            blank = false;
        }
        r->end_line = r->line;
        r->end_col = r->col;
        if (c == '\r') {
            rd_get(r);
            if (rd_peek(r) == '\n') {
                rd_get(r);
            } else {
                r->line++;
                r->col = 1;
            }
        } else if (c == '\n') {
            rd_get(r);
        }
        if (!blank) {
            *got = true;
            break;
        }
    }
    if (r->io_errno != 0) {
        status_message(err, errlen, "%s:%ld: read error: %s", r->name, r->line,
                       strerror(r->io_errno));
        return ST_IO;
    }
    return ST_OK;
}

static const char *field_text(const CsvReader *r, size_t i)
{
    return r->rec + r->fields[i].off;
}

/* ---- cells ---- */

/* A number in the C locale, allowing surrounding blanks; nan and inf count as numbers here. */
static bool number_parse(const char *s, size_t len, double *v)
{
    while (len > 0 && is_blank(*s)) {
        s++;
        len--;
    }
    while (len > 0 && is_blank(s[len - 1]))
        len--;
    if (len == 0)
        return false;
    char *end;
    *v = strtod(s, &end);
    return end == s + len;
}

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The id of label s[0..len), added when new. ST_RANGE when the map is full. */
static Status label_id(LabelMap *m, const char *s, size_t len, int *id)
{
    uint32_t h = hash_bytes(s, len) % LABEL_SLOTS;
    for (;; h = (h + 1) % LABEL_SLOTS) {
        int slot = m->slots[h];
        if (slot == 0)
            break;
        if (m->lens[slot - 1] == len && memcmp(m->names[slot - 1], s, len) == 0) {
            *id = slot - 1;
            return ST_OK;
        }
    }
    if (m->count == DATASET_MAX_CLASSES)
        return ST_RANGE;
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return ST_NOMEM;
    memcpy(copy, s, len + 1);
    *id = m->count++;
    m->names[*id] = copy;
    m->lens[*id] = len;
    m->slots[h] = (int16_t)(*id + 1);
    double v;
    if (number_parse(s, len, &v) && v >= 0 && v < DATASET_MAX_CLASSES && v == floor(v))
        m->int_value[*id] = (int)v;
    else
        m->all_int = false;
    return ST_OK;
}

static void label_map_free(LabelMap *m)
{
    for (int i = 0; i < m->count; i++)
        free(m->names[i]);
    memset(m, 0, sizeof *m);
}

/* ---- parsing ---- */

/* Decides the label column from the first record and the option. */
static Status label_column_find(CsvParse *p, char *err, size_t errlen)
{
    const CsvReader *r = &p->r;
    const char *opt = p->label_opt;
    if (opt == NULL || opt[0] == '\0') {
        p->label_col = p->ncols - 1;
        return ST_OK;
    }
    if (strspn(opt, "0123456789") == strlen(opt)) {
        errno = 0;
        unsigned long idx = strtoul(opt, NULL, 10);
        if (idx == 0) {
            status_message(err, errlen, "label column %s: columns are numbered from 1", opt);
            return ST_INVAL;
        }
        if (errno == ERANGE || idx > (unsigned long)p->ncols) {
            status_message(err, errlen, "%s:%ld: missing label column %s: the file has %d columns",
                           p->name, r->rec_line, opt, p->ncols);
            return ST_FORMAT;
        }
        p->label_col = (int)idx - 1;
        return ST_OK;
    }
    size_t olen = strlen(opt);
    for (int j = 0; j < p->ncols; j++) {
        if (r->fields[j].len == olen && memcmp(field_text(r, (size_t)j), opt, olen) == 0) {
            p->label_col = j;
            p->header_line = r->rec_line;
            return ST_OK;
        }
    }
    char shown[CELL_SHOWN + 4];
    text_clean(shown, sizeof shown, opt, olen, true);
    status_message(err, errlen, "%s:%ld: missing label column: no column named '%s' in the header",
                   p->name, r->rec_line, shown);
    return ST_FORMAT;
}

static Status rows_grow(CsvParse *p)
{
    size_t most = (size_t)INT_MAX / (size_t)p->dim; /* row_add keeps n below this */
    size_t ncap = p->cap == 0 ? 64 : p->cap * 2;
    ncap = ncap < most ? ncap : most;
    float *x = realloc(p->x, ncap * (size_t)p->dim * sizeof *x);
    if (x == NULL)
        return ST_NOMEM;
    p->x = x;
    int32_t *y = realloc(p->y, ncap * sizeof *y);
    if (y == NULL)
        return ST_NOMEM;
    p->y = y;
    p->cap = ncap;
    return ST_OK;
}

static Status cell_error(const CsvParse *p, size_t j, const char *problem, char *err, size_t errlen)
{
    const CsvField *fld = &p->r.fields[j];
    char shown[CELL_SHOWN + 4];
    text_clean(shown, sizeof shown, field_text(&p->r, j), fld->len, true);
    status_message(err, errlen, "%s:%ld:%ld: column %zu: '%s' %s", p->name, fld->line, fld->col,
                   j + 1, shown, problem);
    return ST_FORMAT;
}

/* Appends the current record as an example. */
static Status row_add(CsvParse *p, char *err, size_t errlen)
{
    CsvReader *r = &p->r;
    if (r->nfields != (size_t)p->ncols) {
        bool extra = r->nfields > (size_t)p->ncols;
        long line = extra ? r->fields[p->ncols].line : r->end_line;
        long col = extra ? r->fields[p->ncols].col : r->end_col;
        status_message(err, errlen,
                       "%s:%ld:%ld: ragged row: %zu fields, expected %d as in line %ld", p->name,
                       line, col, r->nfields, p->ncols, p->first_line);
        return ST_FORMAT;
    }
    /* Datasets index elements with int. */
    if ((size_t)p->n + 1 > (size_t)INT_MAX / (size_t)p->dim) {
        status_message(err, errlen, "%s:%ld: too many values (more than %d)", p->name, r->rec_line,
                       INT_MAX);
        return ST_FORMAT;
    }
    /* The rows, then the two splits they are copied into: twice the examples at the peak. */
    uint64_t need = 2 * dataset_bytes((uint64_t)p->n + 1, (uint64_t)p->dim, false);
    if (p->max_bytes > 0 && need > p->max_bytes) {
        char needs[32], most[32];
        memory_bytes_text(need, needs, sizeof needs);
        memory_bytes_text(p->max_bytes, most, sizeof most);
        status_message(err, errlen,
                       "%s:%ld: the data needs %s by this row (%d columns); at most %s", p->name,
                       r->rec_line, needs, p->ncols, most);
        return ST_RANGE;
    }
    Status st;
    if ((size_t)p->n == p->cap && (st = rows_grow(p)) != ST_OK)
        return st;

    float *row = p->x + (size_t)p->n * (size_t)p->dim;
    for (size_t j = 0, o = 0; j < r->nfields; j++) {
        const char *s = field_text(r, j);
        size_t len = r->fields[j].len;
        if ((int)j == p->label_col) {
            int id;
            if (len == 0)
                return cell_error(p, j, "is an empty label", err, errlen);
            if (len > CSV_MAX_LABEL)
                return cell_error(p, j, "is a label longer than 255 bytes", err, errlen);
            st = label_id(&p->map, s, len, &id);
            if (st == ST_RANGE) {
                const CsvField *fld = &r->fields[j];
                status_message(err, errlen,
                               "%s:%ld:%ld: too many classes: more than %d distinct labels",
                               p->name, fld->line, fld->col, DATASET_MAX_CLASSES);
                return ST_FORMAT;
            }
            if (st != ST_OK)
                return st;
            p->y[p->n] = id;
            continue;
        }
        double v;
        if (!number_parse(s, len, &v))
            return cell_error(p, j, len == 0 ? "is empty; expected a number" : "is not a number",
                              err, errlen);
        if (!isfinite(v))
            return cell_error(p, j, "is not a finite number", err, errlen);
        if (fabs(v) > FLT_MAX)
            return cell_error(p, j, "is out of float range", err, errlen);
        row[o++] = (float)v;
    }
    p->n++;
    return ST_OK;
}

/* Whether the first record is a header: a non-empty, non-numeric feature cell. */
static bool header_detect(const CsvParse *p)
{
    if (p->header_line != 0)
        return true;
    for (size_t j = 0; j < p->r.nfields; j++) {
        double v;
        if ((int)j != p->label_col && p->r.fields[j].len > 0 &&
            !number_parse(field_text(&p->r, j), p->r.fields[j].len, &v))
            return true;
    }
    return false;
}

static Status csv_read_rows(CsvParse *p, char *err, size_t errlen)
{
    bool got;
    Status st = record_next(&p->r, &got, err, errlen);
    if (st != ST_OK)
        return st;
    if (!got) {
        status_message(err, errlen, "%s: no data rows: the file is empty", p->name);
        return ST_FORMAT;
    }
    p->ncols = (int)p->r.nfields;
    p->first_line = p->r.rec_line;
    if (p->ncols < 2) {
        status_message(
            err, errlen,
            "%s:%ld: only one column; need at least one feature column and a label column", p->name,
            p->r.rec_line);
        return ST_FORMAT;
    }
    p->dim = p->ncols - 1;
    if ((st = label_column_find(p, err, errlen)) != ST_OK)
        return st;
    if (header_detect(p)) {
        p->header_line = p->r.rec_line;
        st = record_next(&p->r, &got, err, errlen);
    }
    while (st == ST_OK && got) {
        st = row_add(p, err, errlen);
        if (st == ST_OK)
            st = record_next(&p->r, &got, err, errlen);
    }
    if (st == ST_OK && p->n == 0) {
        status_message(err, errlen, "%s: no data rows after the header in line %ld", p->name,
                       p->header_line);
        st = ST_FORMAT;
    }
    return st;
}

/* Subtracts the training mean of each feature and divides by its standard deviation. */
static Status standardise(const CsvParse *p, Dataset *train, Dataset *test, char *err,
                          size_t errlen)
{
    size_t dim = (size_t)p->dim;
    double *mean = calloc(dim, sizeof *mean), *m2 = calloc(dim, sizeof *m2);
    Status st = ST_OK;
    if (mean == NULL || m2 == NULL) {
        st = ST_NOMEM;
        goto done;
    }
    for (int i = 0; i < train->n; i++)
        for (size_t j = 0; j < dim; j++)
            mean[j] += train->x[(size_t)i * dim + j];
    for (size_t j = 0; j < dim; j++)
        mean[j] /= train->n;
    for (int i = 0; i < train->n; i++)
        for (size_t j = 0; j < dim; j++) {
            double d = train->x[(size_t)i * dim + j] - mean[j];
            m2[j] += d * d;
        }
    for (size_t j = 0; j < dim; j++) {
        double sd = sqrt(m2[j] / train->n);
        /* Differences at float rounding level are no signal: treat them as constant. */
        m2[j] = sd > 4.0 * FLT_EPSILON * fabs(mean[j]) && sd >= FLT_MIN ? 1.0 / sd : 1.0;
    }
    Dataset *sets[2] = {train, test};
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < sets[s]->n; i++)
            for (size_t j = 0; j < dim; j++) {
                float *v = &sets[s]->x[(size_t)i * dim + j];
                double z = (*v - mean[j]) * m2[j];
                if (!(fabs(z) <= FLT_MAX)) {
                    status_message(
                        err, errlen,
                        "%s: column %zu: a %s value lies too far from the training values "
                        "to standardise",
                        p->name, j + 1 + (j >= (size_t)p->label_col), s ? "test" : "train");
                    st = ST_FORMAT;
                    goto done;
                }
                *v = (float)z;
            }
done:
    free(mean);
    free(m2);
    return st;
}

static Status csv_split(CsvParse *p, DataSplit *out, char *err, size_t errlen)
{
    LabelMap *m = &p->map;
    int k = m->count;
    if (m->all_int) {
        k = 0;
        for (int i = 0; i < m->count; i++)
            k = m->int_value[i] + 1 > k ? m->int_value[i] + 1 : k;
        for (int i = 0; i < p->n; i++)
            p->y[i] = m->int_value[p->y[i]];
    }
    int distinct = 0;
    {
        bool seen[DATASET_MAX_CLASSES] = {false};
        for (int i = 0; i < p->n; i++) {
            distinct += !seen[p->y[i]];
            seen[p->y[i]] = true;
        }
    }
    if (distinct < 2) {
        char shown[CELL_SHOWN + 4];
        text_clean(shown, sizeof shown, m->names[0], m->lens[0], true);
        status_message(err, errlen, "%s: single class: all %d labels are '%s'; need at least two",
                       p->name, p->n, shown);
        return ST_FORMAT;
    }
    /* distinct >= 2 implies n >= 2, so both splits can get an example. */
    long n_test = lround(p->n * p->split);
    n_test = n_test < 1 ? 1 : n_test > p->n - 1 ? p->n - 1 : n_test;
    int n_train = p->n - (int)n_test;

    uint32_t *perm = malloc((size_t)p->n * sizeof *perm);
    if (perm == NULL)
        return ST_NOMEM;
    for (int i = 0; i < p->n; i++)
        perm[i] = (uint32_t)i;
    Rng rng;
    rng_seed(&rng, p->seed, CSV_SPLIT_STREAM);
    rng_shuffle(&rng, perm, (size_t)p->n);

    Status st = dataset_alloc(&out->train, n_train, p->dim, k, false);
    if (st == ST_OK)
        st = dataset_alloc(&out->test, (int)n_test, p->dim, k, false);
    if (st == ST_OK) {
        size_t row = (size_t)p->dim * sizeof *p->x;
        for (int i = 0; i < p->n; i++) {
            Dataset *d = i < n_test ? &out->test : &out->train;
            int at = i < n_test ? i : i - (int)n_test;
            memcpy(d->x + (size_t)at * (size_t)p->dim, p->x + (size_t)perm[i] * (size_t)p->dim,
                   row);
            d->y[at] = p->y[perm[i]];
        }
        free(p->x); /* the splits hold the values now */
        p->x = NULL;
        st = standardise(p, &out->train, &out->test, err, errlen);
    }
    free(perm);
    if (st == ST_RANGE) { /* from dataset_alloc: more than INT_MAX values */
        status_message(err, errlen, "%s: too many values", p->name);
        st = ST_FORMAT;
    }
    if (st != ST_OK)
        return st;
    if (!m->all_int)
        for (int c = 0; c < m->count && c < 16; c++)
            text_clean(out->class_names[c], sizeof out->class_names[c], m->names[c], m->lens[c],
                       false);
    return ST_OK;
}

static Status parse_stream(FILE *f, const char *display_name, const CsvOptions *opt,
                           uint64_t max_bytes, DataSplit *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    CsvParse p;
    memset(&p, 0, sizeof p);
    p.name = display_name;
    p.max_bytes = max_bytes;
    p.split = opt != NULL && opt->test_split != 0 ? opt->test_split : CSV_DEFAULT_TEST_SPLIT;
    p.seed = opt != NULL ? opt->seed : 0;
    p.label_opt = opt != NULL ? opt->label_column : NULL;
    if (!(p.split > 0 && p.split < 1)) {
        status_message(err, errlen, "test split %g is not in (0, 1)", p.split);
        return ST_INVAL;
    }
    p.map.all_int = true;
    p.r.f = f;
    p.r.name = display_name;
    p.r.line = 1;
    p.r.col = 1;
    p.r.buf = malloc(CSV_CHUNK);
    if (p.r.buf == NULL) {
        status_message(err, errlen, "%s: out of memory", display_name);
        return ST_NOMEM;
    }
    if (rd_peek(&p.r) == 0xEF && p.r.len >= 3 && memcmp(p.r.buf, "\xEF\xBB\xBF", 3) == 0)
        p.r.pos = 3; /* UTF-8 byte order mark */

    /* strtod follows LC_NUMERIC, which an interactive program may have set from the
     * environment (a decimal comma); files use the C locale's point. */
    locale_t c_loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old_loc = c_loc != (locale_t)0 ? uselocale(c_loc) : (locale_t)0;

    Status st = csv_read_rows(&p, err, errlen);
    if (st == ST_OK)
        st = csv_split(&p, out, err, errlen);

    if (c_loc != (locale_t)0) {
        uselocale(old_loc);
        freelocale(c_loc);
    }
    if (st == ST_NOMEM)
        status_message(err, errlen, "%s: out of memory", display_name);
    free(p.r.buf);
    free(p.r.rec);
    free(p.r.fields);
    free(p.x);
    free(p.y);
    label_map_free(&p.map);
    if (st != ST_OK) {
        datasplit_free(out);
        return st;
    }
    datasplit_set_name(out, "csv:", display_name);
    return ST_OK;
}

Status csv_parse_stream(FILE *f, const char *display_name, const CsvOptions *opt, DataSplit *out,
                        char *err, size_t errlen)
{
    return parse_stream(f, display_name, opt, 0, out, err, errlen);
}

Status csv_load_within(const char *path, const CsvOptions *opt, uint64_t max_bytes, DataSplit *out,
                       char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    struct stat sb; /* before open: a FIFO would block, a device might never end */
    if (stat(path, &sb) != 0) {
        status_message(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return ST_IO;
    }
    if (!S_ISREG(sb.st_mode)) {
        status_message(err, errlen, "%s: not a regular file", path);
        return ST_IO;
    }
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        status_message(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return ST_IO;
    }
    Status st = parse_stream(f, path, opt, max_bytes, out, err, errlen);
    fclose(f);
    return st;
}

Status csv_load(const char *path, const CsvOptions *opt, DataSplit *out, char *err, size_t errlen)
{
    return csv_load_within(path, opt, 0, out, err, errlen);
}
