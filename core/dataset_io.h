/* dataset_io.h — datasets read from files: IDX (the MNIST format, plain or gzip) and CSV.
 * Loaders fill a caller-provided DataSplit and, on failure, write one line into err naming the
 * file, the position and the problem. They check every size against the file before allocating
 * anything large, and never print or exit. */
#ifndef LOSSARENA_CORE_DATASET_IO_H
#define LOSSARENA_CORE_DATASET_IO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/dataset.h"
#include "core/status.h"

/* ---- IDX (dataset_idx.c) ----
 * Only unsigned-byte data (type 0x08) is read: idx3 image files (magic 0x00000803: count, rows,
 * cols) and idx1 label files (magic 0x00000801: count). A file is gzip when it starts with the
 * gzip magic (1f 8b), whatever its name; concatenated gzip members are read as one stream.
 * Bytes after the payload the header promises (or after the gzip stream) are an error: they
 * mean the header does not describe the file. Every error is ST_FORMAT except a file that cannot
 * be opened or read (ST_IO) and memory exhaustion (ST_NOMEM). */

#define IDX_MAX_COUNT (1 << 26) /* items in one file */
#define IDX_MAX_ITEM (1 << 20)  /* rows * cols of one image */

#define FASHION_MNIST_DIR "/usr/share/datasets/fashion-mnist"
#define FASHION_MNIST_INSTALL "apt-get install dataset-fashion-mnist"

typedef struct {
    int ndim;      /* 1 (labels) or 3 (images) */
    int count;     /* items, in [1, IDX_MAX_COUNT] */
    int rows;      /* 1 for labels */
    int cols;      /* 1 for labels */
    uint8_t *data; /* owned: (count, rows * cols) bytes */
} IdxArray;

/* Parses one IDX file held in buf[0..len) (plain or gzip). want_ndim is 1 or 3 to demand a label
 * or an image file, 0 for either. name appears in messages. out is overwritten (not freed) and
 * left zeroed on failure. Never allocates more than the buffer can hold. */
Status idx_parse_buffer(const void *buf, size_t len, const char *name, int want_ndim, IdxArray *out,
                        char *err, size_t errlen);
/* The same for a file at path (a regular file). */
Status idx_read_file(const char *path, int want_ndim, IdxArray *out, char *err, size_t errlen);
/* Frees the data and zeroes a. Safe on a zeroed array and on NULL. */
void idx_array_free(IdxArray *a);

/* Reads DIR/{train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
 * t10k-labels-idx1-ubyte}, each the plain name or else the name plus ".gz". Pixels stay uint8
 * (u8_scale 1/255), dim = rows * cols, k = largest label + 1. Errors: a missing file (ST_IO),
 * images and labels of different counts, test images of another size than the training ones,
 * fewer than two distinct training labels (ST_FORMAT). name = "idx:DIR" (truncated to fit),
 * class_names all "". out is overwritten (not freed) and left zeroed on failure. */
Status idx_load_dir(const char *dir, DataSplit *out, char *err, size_t errlen);
/* idx_load_dir that refuses (ST_RANGE, with the figure in err) before reading the payloads
 * when the split would hold more than max_bytes (0: no limit). */
Status idx_load_dir_within(const char *dir, uint64_t max_bytes, DataSplit *out, char *err,
                           size_t errlen);
/* The i-th (0..3) of the four standard file names above (without ".gz"), NULL otherwise. */
const char *idx_standard_name(int i);
/* idx_load_dir on FASHION_MNIST_DIR (Debian's dataset-fashion-mnist), name "fashion-mnist" and
 * the ten class names. When a file is missing the message holds FASHION_MNIST_INSTALL. */
Status idx_load_fashion_mnist(DataSplit *out, char *err, size_t errlen);
/* The same from another directory (dir NULL = FASHION_MNIST_DIR); for tests. */
Status idx_load_fashion_mnist_at(const char *dir, DataSplit *out, char *err, size_t errlen);

/* ---- CSV (dataset_csv.c) ----
 * Comma-separated, one example per record: numeric feature columns and one label column.
 * - Quoting as RFC 4180: "a,b" is one field, "" inside quotes is a quote, quoted fields may span
 *   lines. Unquoted fields are trimmed of spaces and tabs. LF, CRLF or CR line ends; a UTF-8 BOM
 *   is skipped; blank (empty or whitespace-only) lines are ignored anywhere.
 * - Header: the first record is a header when one of its feature cells is non-empty and not a
 *   number, or when the label column is given by name.
 * - Labels: when every label is an integer in [0, DATASET_MAX_CLASSES) ("3", "3.0") the class
 *   is that integer and k = largest + 1; otherwise labels are strings, numbered 0, 1, ... in
 *   order of first appearance, and the first 16 go to class_names. At most DATASET_MAX_CLASSES
 *   distinct labels of at most CSV_MAX_LABEL bytes; at least two distinct ones.
 * - Features must be finite numbers within float range (numbers are read in the C locale
 *   whatever the process locale is). They are standardised (z-score) with the mean and
 *   population standard deviation of the training split, applied to both splits; a feature
 *   constant in training is only centred.
 * - Split: a seeded shuffle, then round(n * test_split) examples (at least 1, at most n - 1) go to
 *   the test split. Same file and options -> bit-identical splits.
 * Positions in messages are FILE:LINE:COLUMN, both 1-based, the column counted in characters. */

#define CSV_MAX_RECORD (1 << 20) /* bytes in one record (line) */
#define CSV_MAX_LABEL 255        /* bytes in one label */
#define CSV_DEFAULT_TEST_SPLIT 0.2

typedef struct {
    const char *label_column; /* borrowed: NULL or "" = the last column; decimal digits = a
                                 1-based column index; anything else = a header name */
    double test_split;        /* fraction of examples for the test split, in (0, 1);
                                 0 = CSV_DEFAULT_TEST_SPLIT */
    uint64_t seed;            /* for the shuffle before splitting */
} CsvOptions;

/* Reads the CSV file at path (opt NULL = all defaults). name = "csv:PATH" (truncated to fit).
 * ST_IO when the file cannot be opened or read or is not a regular file (checked before opening:
 * a FIFO does not block), ST_INVAL for a bad option (test_split outside
 * (0, 1), label index 0), ST_FORMAT for the file's problems, ST_NOMEM. out is overwritten (not
 * freed) and left zeroed on failure. */
Status csv_load(const char *path, const CsvOptions *opt, DataSplit *out, char *err, size_t errlen);
/* csv_load that refuses (ST_RANGE, with the figure in err) as soon as the examples read would
 * need more than max_bytes in memory (0: no limit). */
Status csv_load_within(const char *path, const CsvOptions *opt, uint64_t max_bytes, DataSplit *out,
                       char *err, size_t errlen);
/* The same from an open stream read to its end (not closed); display_name is used in messages
 * and in out->name as "csv:display_name". */
Status csv_parse_stream(FILE *f, const char *display_name, const CsvOptions *opt, DataSplit *out,
                        char *err, size_t errlen);

#endif
