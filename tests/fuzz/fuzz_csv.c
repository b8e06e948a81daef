/* fuzz_csv.c — libFuzzer target for the CSV loader. Each input is read from memory (fmemopen)
 * with three option sets: the last column as label, column 2 by index, and a column named
 * "label". Checks what a caller relies on: on success two non-empty splits of one shape with
 * finite features and labels in [0, k); on failure one non-empty line and zeroed output. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "fuzz_csv: check failed: %s\n", #c);                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void check_dataset(const Dataset *d, int dim, int k)
{
    CHECK(d->n >= 1 && d->dim == dim && d->k == k);
    CHECK(d->x != NULL && d->x_u8 == NULL && d->y != NULL);
    for (int i = 0; i < d->n; i++) {
        CHECK(d->y[i] >= 0 && d->y[i] < k);
        for (int j = 0; j < dim; j++)
            CHECK(isfinite(d->x[(size_t)i * (size_t)dim + (size_t)j]));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const labels[3] = {NULL, "2", "label"};
    for (int i = 0; i < 3; i++) {
        static const uint8_t empty[1] = {0};
        FILE *f = fmemopen((void *)(uintptr_t)(size > 0 ? data : empty), size, "r");
        if (f == NULL)
            return 0;
        CsvOptions opt = {labels[i], i == 2 ? 0.5 : 0.0, (uint64_t)size};
        DataSplit s;
        char err[256] = "";
        Status st = csv_parse_stream(f, "fuzz", &opt, &s, err, sizeof err);
        fclose(f);
        if (st == ST_OK) {
            CHECK(s.train.dim >= 1 && s.train.k >= 2 && s.train.k <= DATASET_MAX_CLASSES);
            check_dataset(&s.train, s.train.dim, s.train.k);
            check_dataset(&s.test, s.train.dim, s.train.k);
            CHECK(memchr(s.name, '\0', sizeof s.name) != NULL);
            for (int c = 0; c < 16; c++)
                CHECK(memchr(s.class_names[c], '\0', sizeof s.class_names[c]) != NULL);
        } else {
            CHECK(st == ST_FORMAT || st == ST_IO || st == ST_NOMEM || st == ST_INVAL);
            CHECK(s.train.x == NULL && s.test.x == NULL && s.train.n == 0);
            CHECK(err[0] != '\0' && strchr(err, '\n') == NULL);
        }
        datasplit_free(&s);
    }
    return 0;
}
