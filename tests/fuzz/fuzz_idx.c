/* fuzz_idx.c — libFuzzer target for the IDX reader. Each input is parsed from memory (as an
 * image file, a label file and either), from a file on disk, and gzip-compressed (so arbitrary
 * headers and payloads also reach the inflating reader). Checks what a caller relies on: on
 * success a consistent array, on failure one non-empty line and nothing left allocated. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "core/dataset_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "fuzz_idx: check failed: %s\n", #c);                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void check_result(Status st, IdxArray *a, int want_ndim, const char *err)
{
    if (st == ST_OK) {
        CHECK(a->ndim == 1 || a->ndim == 3);
        CHECK(want_ndim == 0 || a->ndim == want_ndim);
        CHECK(a->count >= 1 && a->count <= IDX_MAX_COUNT);
        CHECK(a->rows >= 1 && a->cols >= 1);
        CHECK((long long)a->rows * a->cols <= IDX_MAX_ITEM);
        CHECK(a->data != NULL);
        size_t total = (size_t)a->count * (size_t)a->rows * (size_t)a->cols;
        volatile uint8_t sink = a->data[0] ^ a->data[total - 1]; /* ASan checks the extent */
        (void)sink;
    } else {
        CHECK(st == ST_FORMAT || st == ST_IO || st == ST_NOMEM);
        CHECK(a->data == NULL && a->count == 0);
        CHECK(err[0] != '\0' && strchr(err, '\n') == NULL);
    }
}

static char tmp_path[64];

/* gzip-compresses in[0..n) into a malloc'ed buffer; NULL on failure. */
static uint8_t *gzip_make(const uint8_t *in, size_t n, size_t *out_len)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    uLong cap = deflateBound(&zs, (uLong)n) + 32;
    uint8_t *out = malloc(cap);
    if (out != NULL) {
        zs.next_in = (Bytef *)(uintptr_t)in;
        zs.avail_in = (uInt)n;
        zs.next_out = out;
        zs.avail_out = (uInt)cap;
        if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
            free(out);
            out = NULL;
        }
        *out_len = zs.total_out;
    }
    deflateEnd(&zs);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    IdxArray a, plain;
    static const int wants[2] = {1, 3};
    for (int i = 0; i < 2; i++) {
        err[0] = '\0';
        Status st = idx_parse_buffer(data, size, "fuzz", wants[i], &a, err, sizeof err);
        check_result(st, &a, wants[i], err);
        idx_array_free(&a);
    }
    err[0] = '\0';
    Status st_plain = idx_parse_buffer(data, size, "fuzz", 0, &plain, err, sizeof err);
    check_result(st_plain, &plain, 0, err);

    /* The same bytes gzip-compressed must give the same verdict and the same data (unless the
     * input was gzip already). */
    size_t gz_len = 0;
    uint8_t *gz = gzip_make(data, size, &gz_len);
    if (gz != NULL) {
        err[0] = '\0';
        Status st = idx_parse_buffer(gz, gz_len, "fuzz.gz", 0, &a, err, sizeof err);
        check_result(st, &a, 0, err);
        bool was_gz = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
        if (!was_gz) {
            CHECK(st == st_plain);
            if (st == ST_OK)
                CHECK(a.count == plain.count && a.rows == plain.rows && a.cols == plain.cols &&
                      memcmp(a.data, plain.data,
                             (size_t)a.count * (size_t)a.rows * (size_t)a.cols) == 0);
        }
        idx_array_free(&a);
        free(gz);
    }
    idx_array_free(&plain);

    /* The file path reads through stdio in chunks: exercise it too. */
    if (tmp_path[0] == '\0')
        snprintf(tmp_path, sizeof tmp_path, "/tmp/fuzz_idx_%ld", (long)getpid());
    FILE *f = fopen(tmp_path, "wb");
    if (f == NULL)
        return 0;
    size_t wrote = fwrite(data, 1, size, f);
    fclose(f);
    if (wrote == size) {
        err[0] = '\0';
        Status st = idx_read_file(tmp_path, 0, &a, err, sizeof err);
        check_result(st, &a, 0, err);
        CHECK(st == st_plain);
        idx_array_free(&a);
    }
    unlink(tmp_path);
    return 0;
}
