/* dataset_idx.c — the IDX loader (MNIST's file format), plain or gzip-compressed.
 * Owns parsing and validating IDX files and assembling the four standard files into a DataSplit.
 * Every size in a header is checked against the file before anything large is allocated; gzip is
 * inflated with zlib while reading, into a buffer that grows only as data arrives. Never prints
 * or exits. */
#define ZLIB_CONST
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE */
#include "core/dataset_io.h"
#include "core/memory_budget.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <zlib.h>

#define IDX_TYPE_U8 0x08
#define GZ_CHUNK (64 * 1024)
#define GROW_START (1 << 20) /* first buffer for gzip payloads; doubles up to the promised size */
/* A gzip payload promising at most this many times its compressed bytes is allocated at once
 * (image data inflates 2-5x); a bigger promise is believed only as data arrives. */
#define GZ_TRUST_RATIO 16
#define HUGE_PAGE ((size_t)2 << 20)

/* A byte source: a file or a memory buffer, plain or gzip. Positions in messages count the
 * bytes this source has delivered (uncompressed ones for gzip). */
typedef struct {
    const char *name;   /* borrowed: for messages */
    FILE *f;            /* borrowed: the file, or NULL for a memory source */
    const uint8_t *mem; /* borrowed: the memory source */
    size_t mem_len;
    uint64_t raw_size; /* bytes in the file or buffer */
    uint64_t raw_pos;  /* raw bytes consumed */
    bool gz;
    bool zs_live; /* inflateInit2 succeeded: inflateEnd is due */
    bool z_end;   /* the last gzip member ended and nothing follows */
    z_stream zs;
    uint8_t *inbuf; /* owned: GZ_CHUNK bytes of compressed file input */
    uint64_t pos;   /* bytes delivered */
} Src;


static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* ---- byte sources ---- */

static Status raw_read(Src *s, uint8_t *buf, size_t n, size_t *got, char *err, size_t errlen)
{
    if (s->f == NULL) {
        size_t left = s->mem_len - (size_t)s->raw_pos;
        *got = n < left ? n : left;
        if (*got > 0)
            memcpy(buf, s->mem + s->raw_pos, *got);
    } else {
        *got = fread(buf, 1, n, s->f);
        if (*got < n && ferror(s->f)) {
            status_message(err, errlen, "%s: read error after byte %llu: %s", s->name,
                           (unsigned long long)s->raw_pos, strerror(errno));
            return ST_IO;
        }
    }
    s->raw_pos += *got;
    return ST_OK;
}

/* Starts reading: detects gzip by its magic and sets up zlib. */
static Status src_start(Src *s, char *err, size_t errlen)
{
    uint8_t magic[2] = {0, 0};
    size_t got = 0;
    if (s->f == NULL) {
        got = s->mem_len < 2 ? s->mem_len : 2;
        if (got > 0)
            memcpy(magic, s->mem, got);
    } else {
        Status st = raw_read(s, magic, 2, &got, err, errlen);
        if (st != ST_OK)
            return st;
        if (fseek(s->f, 0, SEEK_SET) != 0) {
            status_message(err, errlen, "%s: cannot seek: %s", s->name, strerror(errno));
            return ST_IO;
        }
        s->raw_pos = 0;
    }
    s->gz = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (!s->gz)
        return ST_OK;

    if (s->f != NULL) {
        s->inbuf = malloc(GZ_CHUNK);
        if (s->inbuf == NULL)
            return ST_NOMEM;
    }
    memset(&s->zs, 0, sizeof s->zs);
    int ret = inflateInit2(&s->zs, 16 + MAX_WBITS); /* gzip wrapper only */
    if (ret != Z_OK)
        return ST_NOMEM;
    s->zs_live = true;
    return ST_OK;
}

static void src_end(Src *s)
{
    if (s->zs_live)
        inflateEnd(&s->zs);
    free(s->inbuf);
    s->zs_live = false;
    s->inbuf = NULL;
}

/* Gives zlib more compressed input; *eof when there is none left. */
static Status gz_refill(Src *s, bool *eof, char *err, size_t errlen)
{
    *eof = false;
    if (s->f == NULL) {
        size_t left = s->mem_len - (size_t)s->raw_pos;
        size_t n = left < (size_t)UINT_MAX ? left : (size_t)UINT_MAX;
        s->zs.next_in = s->mem + s->raw_pos;
        s->zs.avail_in = (uInt)n;
        s->raw_pos += n;
        *eof = n == 0;
        return ST_OK;
    }
    size_t got = 0;
    Status st = raw_read(s, s->inbuf, GZ_CHUNK, &got, err, errlen);
    if (st != ST_OK)
        return st;
    s->zs.next_in = s->inbuf;
    s->zs.avail_in = (uInt)got;
    *eof = got == 0;
    return ST_OK;
}

static Status gz_read(Src *s, uint8_t *buf, size_t n, size_t *got, char *err, size_t errlen)
{
    *got = 0;
    while (*got < n && !s->z_end) {
        if (s->zs.avail_in == 0) {
            bool eof;
            Status st = gz_refill(s, &eof, err, errlen);
            if (st != ST_OK)
                return st;
            if (eof) {
                status_message(
                    err, errlen,
                    "%s: gzip stream truncated: the file ends after %llu compressed bytes "
                    "(uncompressed byte %llu)",
                    s->name, (unsigned long long)s->raw_size, (unsigned long long)(s->pos + *got));
                return ST_FORMAT;
            }
        }
        size_t want = n - *got;
        s->zs.next_out = buf + *got;
        s->zs.avail_out = want < (size_t)UINT_MAX ? (uInt)want : UINT_MAX;
        uInt out_before = s->zs.avail_out, in_before = s->zs.avail_in;
        int ret = inflate(&s->zs, Z_NO_FLUSH);
        *got += out_before - s->zs.avail_out;
        uint64_t at = s->raw_pos - s->zs.avail_in; /* compressed bytes consumed */
        if (ret == Z_STREAM_END) {
            /* Another member may follow (gzip(1) reads concatenated members as one stream);
             * anything else after the stream is garbage. */
            if (s->zs.avail_in == 0) {
                bool eof;
                Status st = gz_refill(s, &eof, err, errlen);
                if (st != ST_OK)
                    return st;
                if (eof) {
                    s->z_end = true;
                    break;
                }
            }
            if (s->zs.next_in[0] != 0x1f || (s->zs.avail_in > 1 && s->zs.next_in[1] != 0x8b)) {
                status_message(err, errlen,
                               "%s: compressed byte %llu: trailing garbage after the gzip stream",
                               s->name, (unsigned long long)at);
                return ST_FORMAT;
            }
            inflateReset(&s->zs);
        } else if (ret == Z_MEM_ERROR) {
            return ST_NOMEM;
        } else if ((ret != Z_OK && ret != Z_BUF_ERROR) ||
                   (ret == Z_BUF_ERROR && in_before == s->zs.avail_in &&
                    out_before == s->zs.avail_out && s->zs.avail_in > 0)) {
            status_message(err, errlen, "%s: compressed byte %llu: corrupt gzip data: %s", s->name,
                           (unsigned long long)at,
                           s->zs.msg != NULL ? s->zs.msg : "inflate failed");
            return ST_FORMAT;
        }
    }
    s->pos += *got;
    return ST_OK;
}

/* Reads up to n bytes; *got < n only at the end of the data. */
static Status src_read(Src *s, uint8_t *buf, size_t n, size_t *got, char *err, size_t errlen)
{
    if (s->gz)
        return gz_read(s, buf, n, got, err, errlen);
    Status st = raw_read(s, buf, n, got, err, errlen);
    s->pos += *got;
    return st;
}

/* ---- the format ---- */

/* How positions in s are counted, for messages. */
static const char *pos_word(const Src *s)
{
    return s->gz ? "uncompressed byte" : "byte";
}

static const char *type_name(int type)
{
    switch (type) {
    case 0x08:
        return "unsigned byte";
    case 0x09:
        return "signed byte";
    case 0x0B:
        return "int16";
    case 0x0C:
        return "int32";
    case 0x0D:
        return "float32";
    case 0x0E:
        return "float64";
    default:
        return "unknown";
    }
}

static Status short_header(const Src *s, size_t need, char *err, size_t errlen)
{
    status_message(err, errlen,
                   "%s: short header: the data ends at %s %llu, the header needs %zu bytes",
                   s->name, pos_word(s), (unsigned long long)s->pos, need);
    return ST_FORMAT;
}

static Status idx_read_header(Src *s, int want_ndim, IdxArray *a, char *err, size_t errlen)
{
    uint8_t h[16];
    size_t got = 0;
    Status st = src_read(s, h, 4, &got, err, errlen);
    if (st != ST_OK)
        return st;
    if (got < 4)
        return short_header(s, 4, err, errlen);

    uint32_t magic = be32(h);
    int type = h[2], ndim = h[3];
    bool ndim_ok = want_ndim == 0 ? (ndim == 1 || ndim == 3) : ndim == want_ndim;
    const char *expect = want_ndim == 1   ? "0x00000801 for a label file"
                         : want_ndim == 3 ? "0x00000803 for an image file"
                                          : "0x00000801 or 0x00000803";
    if (h[0] != 0 || h[1] != 0 || !ndim_ok) {
        status_message(err, errlen, "%s: %s 0: bad magic 0x%08x (expected %s)", s->name,
                       pos_word(s), (unsigned)magic, expect);
        return ST_FORMAT;
    }
    if (type != IDX_TYPE_U8) {
        status_message(err, errlen,
                       "%s: %s 2: unsupported type 0x%02x (%s); only 0x08 (unsigned byte) is read",
                       s->name, pos_word(s), (unsigned)type, type_name(type));
        return ST_FORMAT;
    }
    size_t need = 4 + 4 * (size_t)ndim;
    st = src_read(s, h + 4, need - 4, &got, err, errlen);
    if (st != ST_OK)
        return st;
    if (got < need - 4)
        return short_header(s, need, err, errlen);

    uint32_t count = be32(h + 4);
    uint32_t rows = ndim == 3 ? be32(h + 8) : 1, cols = ndim == 3 ? be32(h + 12) : 1;
    if (count == 0 || count > IDX_MAX_COUNT) {
        status_message(err, errlen, "%s: %s 4: absurd item count %lu (allowed 1 to %d)", s->name,
                       pos_word(s), (unsigned long)count, IDX_MAX_COUNT);
        return ST_FORMAT;
    }
    uint64_t item = (uint64_t)rows * cols;
    if (rows == 0 || cols == 0 || item > IDX_MAX_ITEM) {
        status_message(err, errlen,
                       "%s: %s 8: absurd image size %lu x %lu (allowed 1 to %d pixels)", s->name,
                       pos_word(s), (unsigned long)rows, (unsigned long)cols, IDX_MAX_ITEM);
        return ST_FORMAT;
    }
    /* Datasets index elements with int. */
    if ((uint64_t)count * item > INT_MAX) {
        status_message(err, errlen, "%s: %s 4: absurd size %lu x %lu x %lu bytes (more than %d)",
                       s->name, pos_word(s), (unsigned long)count, (unsigned long)rows,
                       (unsigned long)cols, INT_MAX);
        return ST_FORMAT;
    }
    a->ndim = ndim;
    a->count = (int)count;
    a->rows = (int)rows;
    a->cols = (int)cols;
    return ST_OK;
}

static Status short_payload(const Src *s, uint64_t promised, uint64_t have, char *err,
                            size_t errlen)
{
    status_message(
        err, errlen,
        "%s: short payload: the header promises %llu bytes after %s %llu, the %sfile holds "
        "%llu",
        s->name, (unsigned long long)promised, pos_word(s), (unsigned long long)(s->pos),
        s->gz ? "uncompressed " : "", (unsigned long long)have);
    return ST_FORMAT;
}

static Status trailing(const Src *s, uint64_t promised, char *err, size_t errlen)
{
    status_message(
        err, errlen, "%s: %s %llu: trailing data after the %llu payload bytes the header promises",
        s->name, pos_word(s), (unsigned long long)(s->pos), (unsigned long long)promised);
    return ST_FORMAT;
}

/* A buffer for n payload bytes. A large one is aligned to 2 MiB and asks for transparent huge
 * pages: each 4 KiB page touched for the first time is a page fault, and on a virtual machine
 * those faults were a quarter of loading Fashion-MNIST. Freed with free(). */
static uint8_t *payload_alloc(size_t n)
{
    if (n < 2 * HUGE_PAGE)
        return malloc(n);
    uint8_t *p = aligned_alloc(HUGE_PAGE, (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE);
#ifdef MADV_HUGEPAGE
    if (p != NULL)
        (void)madvise(p, (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE);
#endif
    return p;
}

static Status idx_read_payload(Src *s, IdxArray *a, char *err, size_t errlen)
{
    size_t total = (size_t)a->count * (size_t)a->rows * (size_t)a->cols;
    Status st;
    if (!s->gz) {
        /* The size is known: check it before allocating. */
        uint64_t left = s->raw_size - s->raw_pos;
        if (left < total)
            return short_payload(s, total, left, err, errlen);
        if (left > total) {
            uint64_t at = s->pos + total;
            status_message(
                err, errlen,
                "%s: byte %llu: trailing data: %llu byte(s) after the %zu payload bytes the "
                "header promises",
                s->name, (unsigned long long)at, (unsigned long long)(left - total), total);
            return ST_FORMAT;
        }
        a->data = payload_alloc(total);
        if (a->data == NULL)
            return ST_NOMEM;
        size_t got = 0;
        st = src_read(s, a->data, total, &got, err, errlen);
        if (st == ST_OK && got < total) /* the file shrank under us */
            st = short_payload(s, total, got, err, errlen);
        return st;
    }

    /* gzip: the uncompressed size is unknown until read. A promise in proportion to the
     * compressed bytes left is allocated at once and inflated into directly; a larger one
     * (a tiny file claiming gigabytes) only grows as data arrives. */
    uint64_t start = s->pos;
    uint64_t compressed_left = s->raw_size - s->raw_pos + s->zs.avail_in;
    size_t cap = total <= GROW_START || total / GZ_TRUST_RATIO <= compressed_left ? total
                                                                                 : GROW_START,
           len = 0;
    a->data = payload_alloc(cap);
    if (a->data == NULL)
        return ST_NOMEM;
    while (len < total) {
        if (len == cap) {
            size_t ncap = cap > total / 2 ? total : cap * 2;
            uint8_t *p = realloc(a->data, ncap);
            if (p == NULL)
                return ST_NOMEM;
            a->data = p;
            cap = ncap;
        }
        size_t got = 0;
        st = src_read(s, a->data + len, cap - len, &got, err, errlen);
        if (st != ST_OK)
            return st;
        len += got;
        if (got == 0)
            break;
    }
    if (len < total) {
        s->pos = start;
        return short_payload(s, total, len, err, errlen);
    }
    /* Read on to the end of the stream: this checks the gzip CRC and finds trailing data. */
    uint8_t extra;
    size_t got = 0;
    st = src_read(s, &extra, 1, &got, err, errlen);
    if (st != ST_OK)
        return st;
    if (got != 0) {
        s->pos -= got;
        return trailing(s, total, err, errlen);
    }
    return ST_OK;
}

void idx_array_free(IdxArray *a)
{
    if (a == NULL)
        return;
    free(a->data);
    memset(a, 0, sizeof *a);
}

static Status idx_parse_src(Src *s, int want_ndim, IdxArray *out, char *err, size_t errlen)
{
    Status st = src_start(s, err, errlen);
    if (st == ST_OK)
        st = idx_read_header(s, want_ndim, out, err, errlen);
    if (st == ST_OK)
        st = idx_read_payload(s, out, err, errlen);
    src_end(s);
    if (st != ST_OK)
        idx_array_free(out);
    if (st == ST_NOMEM)
        status_message(err, errlen, "%s: out of memory", s->name);
    return st;
}

Status idx_parse_buffer(const void *buf, size_t len, const char *name, int want_ndim, IdxArray *out,
                        char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    Src s = {0};
    s.name = name;
    s.mem = buf;
    s.mem_len = len;
    s.raw_size = len;
    return idx_parse_src(&s, want_ndim, out, err, errlen);
}

/* Opens path for reading as a regular file; *size gets its size. */
static Status file_open(const char *path, FILE **f, uint64_t *size, char *err, size_t errlen)
{
    /* stat before open: opening a FIFO would block until a writer comes, a device may never end */
    struct stat pre;
    *f = NULL;
    if (stat(path, &pre) != 0) {
        status_message(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return ST_IO;
    }
    if (!S_ISREG(pre.st_mode)) {
        status_message(err, errlen, "%s: not a regular file", path);
        return ST_IO;
    }
    *f = fopen(path, "rb");
    if (*f == NULL) {
        status_message(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return ST_IO;
    }
    struct stat sb;
    if (fstat(fileno(*f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        status_message(err, errlen, "%s: not a regular file", path);
        fclose(*f);
        *f = NULL;
        return ST_IO;
    }
    *size = (uint64_t)sb.st_size;
    return ST_OK;
}

Status idx_read_file(const char *path, int want_ndim, IdxArray *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    Src s = {0};
    s.name = path;
    Status st = file_open(path, &s.f, &s.raw_size, err, errlen);
    if (st != ST_OK)
        return st;
    st = idx_parse_src(&s, want_ndim, out, err, errlen);
    fclose(s.f);
    return st;
}

/* ---- the four standard files ---- */

enum { TRAIN_X, TRAIN_Y, TEST_X, TEST_Y, IDX_FILES };
static const char *const idx_file_names[IDX_FILES] = {
    "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte"};

const char *idx_standard_name(int i)
{
    return i >= 0 && i < IDX_FILES ? idx_file_names[i] : NULL;
}

typedef struct {
    char *path; /* owned: the file found, for messages */
    FILE *f;    /* owned */
    Src src;
    IdxArray a;
} IdxFile;

/* Opens dir/name, or else dir/name.gz. hint ends the message when neither exists. */
static Status idx_file_open(IdxFile *file, const char *dir, const char *name, const char *hint,
                            char *err, size_t errlen)
{
    size_t len = strlen(dir) + 1 + strlen(name) + 4 + 1;
    file->path = malloc(len);
    if (file->path == NULL)
        return ST_NOMEM;
    file->src.name = file->path;
    for (int gz = 0; gz < 2; gz++) {
        snprintf(file->path, len, "%s/%s%s", dir, name, gz ? ".gz" : "");
        struct stat sb;
        if (stat(file->path, &sb) != 0 && errno == ENOENT)
            continue;
        Status st = file_open(file->path, &file->src.f, &file->src.raw_size, err, errlen);
        file->f = file->src.f;
        return st;
    }
    snprintf(file->path, len, "%s/%s", dir, name);
    status_message(err, errlen, "%s: no such file (nor %s.gz)%s", file->path, name, hint);
    return ST_IO;
}

static void idx_file_close(IdxFile *file)
{
    src_end(&file->src);
    if (file->f != NULL)
        fclose(file->f);
    free(file->path);
    idx_array_free(&file->a);
    memset(file, 0, sizeof *file);
}

/* Moves images and labels into d. */
static Status dataset_adopt(Dataset *d, IdxArray *img, const IdxArray *lab, int k)
{
    memset(d, 0, sizeof *d);
    d->y = malloc((size_t)lab->count * sizeof *d->y);
    if (d->y == NULL)
        return ST_NOMEM;
    for (int i = 0; i < lab->count; i++)
        d->y[i] = lab->data[i];
    d->n = img->count;
    d->dim = img->rows * img->cols;
    d->k = k;
    d->x_u8 = img->data;
    d->u8_scale = 1.0f / 255.0f;
    img->data = NULL;
    return ST_OK;
}

/* Bytes the loaded split will hold: pixels stay uint8, labels become int32. */
static uint64_t idx_split_bytes(const IdxFile *files)
{
    uint64_t b = 0;
    for (int i = 0; i < IDX_FILES; i += 2)
        b += dataset_bytes((uint64_t)files[i].a.count,
                           (uint64_t)files[i].a.rows * (uint64_t)files[i].a.cols, true) +
             (uint64_t)files[i + 1].a.count; /* the label bytes read before conversion */
    return b;
}

static Status idx_load(const char *dir, const char *hint, uint64_t max_bytes, DataSplit *out,
                       char *err, size_t errlen)
{
    IdxFile files[IDX_FILES];
    memset(files, 0, sizeof files);
    memset(out, 0, sizeof *out);
    Status st = ST_OK;

    /* Headers first: counts and sizes agree before any payload is allocated. */
    for (int i = 0; i < IDX_FILES && st == ST_OK; i++) {
        st = idx_file_open(&files[i], dir, idx_file_names[i], hint, err, errlen);
        if (st == ST_OK)
            st = src_start(&files[i].src, err, errlen);
        if (st == ST_OK)
            st = idx_read_header(&files[i].src, i % 2 == 0 ? 3 : 1, &files[i].a, err, errlen);
    }
    for (int i = 0; i < IDX_FILES && st == ST_OK; i += 2) {
        if (files[i].a.count != files[i + 1].a.count) {
            status_message(err, errlen,
                           "%s: %s 4: count mismatch: %d labels for the %d images of %s",
                           files[i + 1].path, pos_word(&files[i + 1].src), files[i + 1].a.count,
                           files[i].a.count, files[i].path);
            st = ST_FORMAT;
        }
    }
    if (st == ST_OK && (files[TEST_X].a.rows != files[TRAIN_X].a.rows ||
                        files[TEST_X].a.cols != files[TRAIN_X].a.cols)) {
        status_message(err, errlen, "%s: %s 8: images are %d x %d, but %d x %d in %s",
                       files[TEST_X].path, pos_word(&files[TEST_X].src), files[TEST_X].a.rows,
                       files[TEST_X].a.cols, files[TRAIN_X].a.rows, files[TRAIN_X].a.cols,
                       files[TRAIN_X].path);
        st = ST_FORMAT;
    }
    if (st == ST_OK && max_bytes > 0 && idx_split_bytes(files) > max_bytes) {
        char need[32], most[32];
        memory_bytes_text(idx_split_bytes(files), need, sizeof need);
        memory_bytes_text(max_bytes, most, sizeof most);
        status_message(err, errlen, "idx:%s: the data needs %s; at most %s", dir, need, most);
        st = ST_RANGE;
    }
    /* Labels (small) before images (large). */
    static const int order[IDX_FILES] = {TRAIN_Y, TEST_Y, TRAIN_X, TEST_X};
    for (int j = 0; j < IDX_FILES && st == ST_OK; j++)
        st = idx_read_payload(&files[order[j]].src, &files[order[j]].a, err, errlen);

    int k = 0;
    if (st == ST_OK) {
        bool seen[256] = {false};
        int distinct = 0;
        const IdxArray *ty = &files[TRAIN_Y].a;
        for (int i = 0; i < ty->count; i++) {
            distinct += !seen[ty->data[i]];
            seen[ty->data[i]] = true;
            k = ty->data[i] + 1 > k ? ty->data[i] + 1 : k;
        }
        const IdxArray *vy = &files[TEST_Y].a;
        for (int i = 0; i < vy->count; i++)
            k = vy->data[i] + 1 > k ? vy->data[i] + 1 : k;
        if (distinct < 2) {
            status_message(err, errlen, "%s: single class: all %d labels are %d; need at least two",
                           files[TRAIN_Y].path, ty->count, ty->data[0]);
            st = ST_FORMAT;
        }
    }
    if (st == ST_OK)
        st = dataset_adopt(&out->train, &files[TRAIN_X].a, &files[TRAIN_Y].a, k);
    if (st == ST_OK)
        st = dataset_adopt(&out->test, &files[TEST_X].a, &files[TEST_Y].a, k);
    if (st == ST_NOMEM)
        status_message(err, errlen, "%s: out of memory reading the dataset", dir);

    for (int i = 0; i < IDX_FILES; i++)
        idx_file_close(&files[i]);
    if (st != ST_OK) {
        datasplit_free(out);
        return st;
    }
    datasplit_set_name(out, "idx:", dir);
    return ST_OK;
}

Status idx_load_dir(const char *dir, DataSplit *out, char *err, size_t errlen)
{
    return idx_load(dir, "", 0, out, err, errlen);
}

Status idx_load_dir_within(const char *dir, uint64_t max_bytes, DataSplit *out, char *err,
                           size_t errlen)
{
    return idx_load(dir, "", max_bytes, out, err, errlen);
}

Status idx_load_fashion_mnist_at(const char *dir, DataSplit *out, char *err, size_t errlen)
{
    static const char *const names[10] = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                          "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                          "Bag",         "Ankle boot"};
    Status st = idx_load(dir != NULL ? dir : FASHION_MNIST_DIR,
                         "; install the dataset with: " FASHION_MNIST_INSTALL, 0, out, err, errlen);
    if (st != ST_OK)
        return st;
    snprintf(out->name, sizeof out->name, "fashion-mnist");
    for (int c = 0; c < 10; c++)
        snprintf(out->class_names[c], sizeof out->class_names[c], "%s", names[c]);
    return ST_OK;
}

Status idx_load_fashion_mnist(DataSplit *out, char *err, size_t errlen)
{
    return idx_load_fashion_mnist_at(NULL, out, err, errlen);
}
