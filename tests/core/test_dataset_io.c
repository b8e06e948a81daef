/* test_dataset_io.c — the file loaders: IDX (plain and gzip) and CSV. Each test writes its own
 * files into a fresh mkdtemp directory and removes them. Covers round trips, every malformed
 * case the loaders promise a one-line message for, the CSV dialect, the seeded split and the
 * standardisation; plus a smoke test on the installed Fashion-MNIST (skipped when absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/dataset_io.h"

typedef struct {
    char dir[64];
    char err[512];
} Tmp;

static int tmp_setup(void **state)
{
    Tmp *t = calloc(1, sizeof *t);
    if (t == NULL)
        return -1;
    snprintf(t->dir, sizeof t->dir, "/tmp/la_io_XXXXXX");
    if (mkdtemp(t->dir) == NULL) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

/* Removes path and, for a directory, everything below it. */
static void tree_remove(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        if (d != NULL) {
            struct dirent *e;
            char sub[1024];
            while ((e = readdir(d)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                tree_remove(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int tmp_teardown(void **state)
{
    Tmp *t = *state;
    tree_remove(t->dir);
    free(t);
    return 0;
}

static const char *tmp_path(const Tmp *t, const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", t->dir, name);
    return path;
}

static void file_write(const Tmp *t, const char *name, const void *data, size_t len)
{
    FILE *f = fopen(tmp_path(t, name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void file_write_gz(const Tmp *t, const char *name, const void *data, size_t len)
{
    gzFile g = gzopen(tmp_path(t, name), "wb");
    assert_non_null(g);
    assert_int_equal(gzwrite(g, data, (unsigned)len), (int)len);
    assert_int_equal(gzclose(g), Z_OK);
}

static size_t file_read(const Tmp *t, const char *name, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(tmp_path(t, name), "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

static bool contains(const char *haystack, const char *needle)
{
    if (strstr(haystack, needle) == NULL) {
        print_error("'%s' not found in '%s'\n", needle, haystack);
        return false;
    }
    return true;
}

/* ---- IDX helpers ---- */

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* An idx3 file of count rows x cols images with pixel (i, j) = (i * 7 + j * 3 + salt) & 255. */
static size_t idx3_make(uint8_t *buf, uint32_t count, uint32_t rows, uint32_t cols, int salt)
{
    put_be32(buf, 0x00000803);
    put_be32(buf + 4, count);
    put_be32(buf + 8, rows);
    put_be32(buf + 12, cols);
    size_t dim = (size_t)rows * cols;
    for (size_t i = 0; i < count; i++)
        for (size_t j = 0; j < dim; j++)
            buf[16 + i * dim + j] = (uint8_t)((i * 7 + j * 3 + (size_t)salt) & 255);
    return 16 + count * dim;
}

/* An idx1 file of count labels, label i = i % k. */
static size_t idx1_make(uint8_t *buf, uint32_t count, int k)
{
    put_be32(buf, 0x00000801);
    put_be32(buf + 4, count);
    for (size_t i = 0; i < count; i++)
        buf[8 + i] = (uint8_t)(i % (size_t)k);
    return 8 + count;
}

enum { TRAIN_N = 7, TEST_N = 4, ROWS = 3, COLS = 2, K = 3 };

static const char *const names4[4] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

/* Writes the four files; gz_mask bit i compresses file i (and adds ".gz" to its name). */
static void idx_write_set(const Tmp *t, int gz_mask)
{
    uint8_t buf[4][256];
    size_t len[4] = {idx3_make(buf[0], TRAIN_N, ROWS, COLS, 0), idx1_make(buf[1], TRAIN_N, K),
                     idx3_make(buf[2], TEST_N, ROWS, COLS, 100), idx1_make(buf[3], TEST_N, K)};
    for (int i = 0; i < 4; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s%s", names4[i], (gz_mask >> i) & 1 ? ".gz" : "");
        if ((gz_mask >> i) & 1)
            file_write_gz(t, name, buf[i], len[i]);
        else
            file_write(t, name, buf[i], len[i]);
    }
}

static void idx_check_set(const DataSplit *s)
{
    assert_int_equal(s->train.n, TRAIN_N);
    assert_int_equal(s->test.n, TEST_N);
    assert_int_equal(s->train.dim, ROWS * COLS);
    assert_int_equal(s->test.dim, ROWS * COLS);
    assert_int_equal(s->train.k, K);
    assert_int_equal(s->test.k, K);
    assert_null(s->train.x);
    assert_non_null(s->train.x_u8);
    assert_float_equal(s->train.u8_scale, 1.0f / 255.0f, 1e-9f);
    for (int i = 0; i < TRAIN_N; i++) {
        assert_int_equal(s->train.y[i], i % K);
        for (int j = 0; j < ROWS * COLS; j++)
            assert_int_equal(s->train.x_u8[i * ROWS * COLS + j], (i * 7 + j * 3) & 255);
    }
    for (int i = 0; i < TEST_N; i++) {
        assert_int_equal(s->test.y[i], i % K);
        for (int j = 0; j < ROWS * COLS; j++)
            assert_int_equal(s->test.x_u8[i * ROWS * COLS + j], (i * 7 + j * 3 + 100) & 255);
    }
    uint32_t idx[2] = {1, 0};
    float out[2 * ROWS * COLS];
    dataset_gather(&s->train, idx, 2, out);
    assert_float_equal(out[0], 7.0f / 255.0f, 1e-6f);
}

/* ---- IDX ---- */

static void test_dataset_io_idx_round_trip_plain(void **state)
{
    Tmp *t = *state;
    idx_write_set(t, 0);
    DataSplit s;
    assert_int_equal(idx_load_dir(t->dir, &s, t->err, sizeof t->err), ST_OK);
    idx_check_set(&s);
    char want[80];
    snprintf(want, sizeof want, "idx:%s", t->dir);
    assert_string_equal(s.name, want);
    assert_string_equal(s.class_names[0], "");
    datasplit_free(&s);
}

static void test_dataset_io_idx_round_trip_gzip(void **state)
{
    Tmp *t = *state;
    idx_write_set(t, 0xF);
    DataSplit s;
    assert_int_equal(idx_load_dir(t->dir, &s, t->err, sizeof t->err), ST_OK);
    idx_check_set(&s);
    datasplit_free(&s);
}

static void test_dataset_io_idx_mixed_plain_and_gzip(void **state)
{
    Tmp *t = *state;
    idx_write_set(t, 0x5);
    DataSplit s;
    assert_int_equal(idx_load_dir(t->dir, &s, t->err, sizeof t->err), ST_OK);
    idx_check_set(&s);
    datasplit_free(&s);
}

/* Content decides: a gzip file under the plain name and a plain one under ".gz" both load. */
static void test_dataset_io_idx_detects_gzip_by_content(void **state)
{
    Tmp *t = *state;
    uint8_t buf[256];
    size_t len = idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    file_write_gz(t, "train-images-idx3-ubyte", buf, len);
    len = idx1_make(buf, TRAIN_N, K);
    file_write(t, "train-labels-idx1-ubyte.gz", buf, len);
    len = idx3_make(buf, TEST_N, ROWS, COLS, 100);
    file_write(t, "t10k-images-idx3-ubyte", buf, len);
    len = idx1_make(buf, TEST_N, K);
    file_write(t, "t10k-labels-idx1-ubyte", buf, len);
    DataSplit s;
    assert_int_equal(idx_load_dir(t->dir, &s, t->err, sizeof t->err), ST_OK);
    idx_check_set(&s);
    datasplit_free(&s);
}

/* Concatenated gzip members are one stream, as gzip -d reads them. */
static void test_dataset_io_idx_gzip_multi_member(void **state)
{
    Tmp *t = *state;
    uint8_t buf[256], gz[1024];
    size_t len = idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    file_write_gz(t, "a.gz", buf, 20);
    file_write_gz(t, "b.gz", buf + 20, len - 20);
    size_t na = file_read(t, "a.gz", gz, sizeof gz);
    size_t nb = file_read(t, "b.gz", gz + na, sizeof gz - na);
    IdxArray a;
    assert_int_equal(idx_parse_buffer(gz, na + nb, "cat.gz", 3, &a, t->err, sizeof t->err), ST_OK);
    assert_int_equal(a.count, TRAIN_N);
    assert_memory_equal(a.data, buf + 16, len - 16);
    idx_array_free(&a);
}

/* More than one read chunk of compressed input and more than the first buffer of output. */
static void test_dataset_io_idx_large_gzip(void **state)
{
    Tmp *t = *state;
    enum { N = 1500, SIDE = 28 };
    size_t len = 16 + (size_t)N * SIDE * SIDE;
    uint8_t *buf = malloc(len);
    assert_non_null(buf);
    put_be32(buf, 0x00000803);
    put_be32(buf + 4, N);
    put_be32(buf + 8, SIDE);
    put_be32(buf + 12, SIDE);
    uint32_t x = 12345;
    for (size_t i = 16; i < len; i++) { /* incompressible */
        x = x * 1664525u + 1013904223u;
        buf[i] = (uint8_t)(x >> 24);
    }
    file_write_gz(t, "big.gz", buf, len);
    IdxArray a;
    assert_int_equal(idx_read_file(tmp_path(t, "big.gz"), 3, &a, t->err, sizeof t->err), ST_OK);
    assert_int_equal(a.count, N);
    assert_int_equal(a.rows * a.cols, SIDE * SIDE);
    assert_memory_equal(a.data, buf + 16, len - 16);
    idx_array_free(&a);
    free(buf);
}

static void test_dataset_io_idx_parse_buffer(void **state)
{
    Tmp *t = *state;
    uint8_t buf[256];
    size_t len = idx1_make(buf, 5, 2);
    IdxArray a;
    assert_int_equal(idx_parse_buffer(buf, len, "labels", 0, &a, t->err, sizeof t->err), ST_OK);
    assert_int_equal(a.ndim, 1);
    assert_int_equal(a.count, 5);
    assert_int_equal(a.rows, 1);
    assert_int_equal(a.data[3], 1);
    idx_array_free(&a);
    idx_array_free(&a); /* safe twice */
    /* A label file where images are expected. */
    assert_int_equal(idx_parse_buffer(buf, len, "labels", 3, &a, t->err, sizeof t->err), ST_FORMAT);
    assert_true(contains(t->err, "labels: byte 0: bad magic 0x00000801"));
    assert_null(a.data);
}

/* Loads with one file replaced by data; expects status and the file name and needle in err. */
static void idx_expect_error(Tmp *t, int which, const void *data, size_t len, bool gz, Status want,
                             const char *needle)
{
    idx_write_set(t, 0);
    char name[64];
    snprintf(name, sizeof name, "%s%s", names4[which], gz ? ".gz" : "");
    if (gz) {
        unlink(tmp_path(t, names4[which]));
        file_write(t, name, data, len);
    } else {
        file_write(t, name, data, len);
    }
    DataSplit s;
    memset(&s, 0xAB, sizeof s);
    t->err[0] = '\0';
    assert_int_equal(idx_load_dir(t->dir, &s, t->err, sizeof t->err), want);
    assert_true(contains(t->err, name));
    assert_true(contains(t->err, needle));
    assert_null(strchr(t->err, '\n'));
    assert_null(s.train.x_u8);
    assert_null(s.test.y);
    assert_int_equal(s.train.n, 0);
    datasplit_free(&s);
}

static void test_dataset_io_idx_bad_magic(void **state)
{
    uint8_t buf[256];
    size_t len = idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    buf[0] = 0x12;
    idx_expect_error(*state, 0, buf, len, false, ST_FORMAT, "byte 0: bad magic 0x12000803");
    len = idx1_make(buf, TRAIN_N, K);
    buf[3] = 3; /* an image magic on the label file */
    idx_expect_error(*state, 1, buf, len, false, ST_FORMAT, "bad magic 0x00000803");
}

static void test_dataset_io_idx_unsupported_type(void **state)
{
    uint8_t buf[256];
    size_t len = idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    buf[2] = 0x0D;
    idx_expect_error(*state, 0, buf, len, false, ST_FORMAT, "unsupported type 0x0d (float32)");
}

static void test_dataset_io_idx_short_header(void **state)
{
    uint8_t buf[256];
    idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    idx_expect_error(*state, 0, buf, 10, false, ST_FORMAT, "short header");
    idx_expect_error(*state, 0, buf, 3, false, ST_FORMAT, "short header");
    idx_expect_error(*state, 2, buf, 0, false, ST_FORMAT, "short header");
}

static void test_dataset_io_idx_short_payload(void **state)
{
    uint8_t buf[256];
    size_t len = idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    idx_expect_error(*state, 0, buf, len - 1, false, ST_FORMAT, "short payload");
    len = idx1_make(buf, TEST_N, K);
    idx_expect_error(*state, 3, buf, len - 2, false, ST_FORMAT, "short payload");
}

/* A header promising 60000 28x28 images in a tiny file fails before allocating 47 MB. */
static void test_dataset_io_idx_short_payload_huge_promise(void **state)
{
    Tmp *t = *state;
    uint8_t buf[64];
    put_be32(buf, 0x00000803);
    put_be32(buf + 4, 60000);
    put_be32(buf + 8, 28);
    put_be32(buf + 12, 28);
    memset(buf + 16, 0, 48);
    IdxArray a;
    assert_int_equal(idx_parse_buffer(buf, sizeof buf, "x", 3, &a, t->err, sizeof t->err),
                     ST_FORMAT);
    assert_true(contains(t->err, "short payload: the header promises 47040000 bytes"));
    /* The same gzip-compressed: read until the stream ends, then reported. */
    file_write_gz(t, "h.gz", buf, sizeof buf);
    assert_int_equal(idx_read_file(tmp_path(t, "h.gz"), 3, &a, t->err, sizeof t->err), ST_FORMAT);
    assert_true(contains(t->err, "h.gz: short payload"));
    assert_true(contains(t->err, "uncompressed file holds 48"));
}

static void test_dataset_io_idx_count_mismatch(void **state)
{
    uint8_t buf[256];
    size_t len = idx1_make(buf, TRAIN_N - 1, K);
    idx_expect_error(*state, 1, buf, len, false, ST_FORMAT, "count mismatch: 6 labels for the 7");
    len = idx1_make(buf, TEST_N + 1, K);
    idx_expect_error(*state, 3, buf, len, true, ST_FORMAT, "count mismatch");
}

static void test_dataset_io_idx_absurd_dimensions(void **state)
{
    uint8_t buf[256];
    size_t len = idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    put_be32(buf + 8, 100000);
    put_be32(buf + 12, 100000);
    idx_expect_error(*state, 0, buf, len, false, ST_FORMAT, "absurd image size 100000 x 100000");
    len = idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    put_be32(buf + 12, 0);
    idx_expect_error(*state, 0, buf, len, false, ST_FORMAT, "absurd image size 3 x 0");
    len = idx1_make(buf, TRAIN_N, K);
    put_be32(buf + 4, 0xFFFFFFFFu);
    idx_expect_error(*state, 1, buf, len, false, ST_FORMAT, "absurd item count 4294967295");
    len = idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    put_be32(buf + 4, IDX_MAX_COUNT);
    put_be32(buf + 8, 1024);
    put_be32(buf + 12, 1024);
    idx_expect_error(*state, 0, buf, len, false, ST_FORMAT, "absurd size");
    len = idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    put_be32(buf + 4, 0);
    idx_expect_error(*state, 0, buf, len, false, ST_FORMAT, "absurd item count 0");
}

static void test_dataset_io_idx_corrupt_gzip(void **state)
{
    Tmp *t = *state;
    uint8_t buf[4096], gz[4096];
    size_t len = idx3_make(buf, TRAIN_N, ROWS, COLS, 0);
    file_write_gz(t, "c.gz", buf, len);
    size_t glen = file_read(t, "c.gz", gz, sizeof gz);
    assert_true(glen > 30);
    assert_int_equal(gz[3], 0); /* no optional header fields: deflate data starts at byte 10 */

    uint8_t bad[4096];
    memcpy(bad, gz, glen);
    bad[glen - 6] ^= 0xFF; /* CRC-32 of the trailer */
    idx_expect_error(t, 0, bad, glen, true, ST_FORMAT, "corrupt gzip data");
    memcpy(bad, gz, glen);
    bad[glen - 2] ^= 0x01; /* the uncompressed length of the trailer */
    idx_expect_error(t, 0, bad, glen, true, ST_FORMAT, "corrupt gzip data");
    memcpy(bad, gz, glen);
    bad[10] |= 0x06; /* the first deflate block: reserved block type */
    idx_expect_error(t, 0, bad, glen, true, ST_FORMAT, "corrupt gzip data: invalid block type");
    /* Truncated stream. */
    idx_expect_error(t, 0, gz, glen / 2, true, ST_FORMAT, "gzip stream truncated");
    /* Only the gzip magic. */
    idx_expect_error(t, 0, gz, 2, true, ST_FORMAT, "gzip stream truncated");
    /* A broken gzip header. */
    memcpy(bad, gz, glen);
    bad[2] = 7; /* compression method */
    idx_expect_error(t, 0, bad, glen, true, ST_FORMAT, "corrupt gzip data");
}

static void test_dataset_io_idx_trailing_data(void **state)
{
    Tmp *t = *state;
    uint8_t buf[256];
    size_t len = idx1_make(buf, TRAIN_N, K);
    buf[len] = 0;
    idx_expect_error(t, 1, buf, len + 1, false, ST_FORMAT, "byte 15: trailing data: 1 byte(s)");
    /* Inside the gzip stream... */
    file_write_gz(t, "x.gz", buf, len + 3);
    uint8_t gz[512];
    size_t glen = file_read(t, "x.gz", gz, sizeof gz);
    idx_expect_error(t, 1, gz, glen, true, ST_FORMAT, "byte 15: trailing data");
    /* ...and after it. */
    file_write_gz(t, "y.gz", buf, len);
    glen = file_read(t, "y.gz", gz, sizeof gz);
    memcpy(gz + glen, "junk", 4);
    idx_expect_error(t, 1, gz, glen + 4, true, ST_FORMAT, "trailing garbage after the gzip");
}

static void test_dataset_io_idx_missing_file(void **state)
{
    Tmp *t = *state;
    idx_write_set(t, 0);
    unlink(tmp_path(t, "t10k-labels-idx1-ubyte"));
    DataSplit s;
    assert_int_equal(idx_load_dir(t->dir, &s, t->err, sizeof t->err), ST_IO);
    assert_true(contains(t->err, tmp_path(t, "t10k-labels-idx1-ubyte")));
    assert_true(contains(t->err, "no such file"));
    char missing[600];
    snprintf(missing, sizeof missing, "%s", tmp_path(t, "no-such-dir"));
    assert_int_equal(idx_load_dir(missing, &s, t->err, sizeof t->err), ST_IO);
    assert_true(contains(t->err, tmp_path(t, "no-such-dir/train-images-idx3-ubyte")));
    /* A directory where a file should be. */
    assert_int_equal(mkdir(tmp_path(t, "t10k-labels-idx1-ubyte"), 0700), 0);
    assert_int_equal(idx_load_dir(t->dir, &s, t->err, sizeof t->err), ST_IO);
    assert_true(contains(t->err, "not a regular file"));
    rmdir(tmp_path(t, "t10k-labels-idx1-ubyte"));
    /* NULL error buffer is fine. */
    assert_int_equal(idx_load_dir(missing, &s, NULL, 0), ST_IO);
}

static void test_dataset_io_idx_single_class(void **state)
{
    uint8_t buf[256];
    size_t len = idx1_make(buf, TRAIN_N, 1);
    idx_expect_error(*state, 1, buf, len, false, ST_FORMAT, "single class");
}

static void test_dataset_io_idx_test_size_mismatch(void **state)
{
    uint8_t buf[256];
    size_t len = idx3_make(buf, TEST_N, COLS, ROWS, 0);
    idx_expect_error(*state, 2, buf, len, false, ST_FORMAT, "images are 2 x 3, but 3 x 2");
}

/* k = largest label + 1 over both splits; label 255 gives 256 classes. */
static void test_dataset_io_idx_k_from_largest_label(void **state)
{
    Tmp *t = *state;
    idx_write_set(t, 0);
    uint8_t buf[256];
    size_t len = idx1_make(buf, TEST_N, K);
    buf[8 + 2] = 255;
    file_write(t, "t10k-labels-idx1-ubyte", buf, len);
    DataSplit s;
    assert_int_equal(idx_load_dir(t->dir, &s, t->err, sizeof t->err), ST_OK);
    assert_int_equal(s.train.k, 256);
    assert_int_equal(s.test.k, 256);
    assert_int_equal(s.test.y[2], 255);
    datasplit_free(&s);
}

static void test_dataset_io_idx_long_dir_name_truncated(void **state)
{
    Tmp *t = *state;
    char dir[400];
    snprintf(dir, sizeof dir, "%s/%s", t->dir,
             "a_rather_long_directory_name_that_does_not_fit_in_sixty_four_bytes_at_all");
    assert_int_equal(mkdir(dir, 0700), 0);
    uint8_t buf[4][256];
    size_t len[4] = {idx3_make(buf[0], TRAIN_N, ROWS, COLS, 0), idx1_make(buf[1], TRAIN_N, K),
                     idx3_make(buf[2], TEST_N, ROWS, COLS, 100), idx1_make(buf[3], TEST_N, K)};
    char path[512];
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names4[i]);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(buf[i], 1, len[i], f);
        fclose(f);
    }
    DataSplit s;
    assert_int_equal(idx_load_dir(dir, &s, t->err, sizeof t->err), ST_OK);
    assert_true(strlen(s.name) < sizeof s.name);
    assert_int_equal(strncmp(s.name, "idx:...", 7), 0);
    assert_true(contains(s.name, "bytes_at_all"));
    datasplit_free(&s);
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names4[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void test_dataset_io_fashion_missing_says_install(void **state)
{
    Tmp *t = *state;
    DataSplit s;
    assert_int_equal(idx_load_fashion_mnist_at(t->dir, &s, t->err, sizeof t->err), ST_IO);
    assert_true(contains(t->err, "apt-get install dataset-fashion-mnist"));
    assert_true(contains(t->err, "train-images-idx3-ubyte"));
    assert_null(strchr(t->err, '\n'));
}

static void test_dataset_io_fashion_mnist_smoke(void **state)
{
    Tmp *t = *state;
    if (access(FASHION_MNIST_DIR "/train-images-idx3-ubyte.gz", R_OK) != 0 &&
        access(FASHION_MNIST_DIR "/train-images-idx3-ubyte", R_OK) != 0)
        skip();
    DataSplit s;
    Status st = idx_load_fashion_mnist(&s, t->err, sizeof t->err);
    if (st != ST_OK)
        print_error("%s\n", t->err);
    assert_int_equal(st, ST_OK);
    assert_int_equal(s.train.n, 60000);
    assert_int_equal(s.test.n, 10000);
    assert_int_equal(s.train.dim, 784);
    assert_int_equal(s.test.dim, 784);
    assert_int_equal(s.train.k, 10);
    assert_string_equal(s.name, "fashion-mnist");
    assert_string_equal(s.class_names[0], "T-shirt/top");
    assert_string_equal(s.class_names[9], "Ankle boot");
    int counts[DATASET_MAX_CLASSES];
    dataset_class_counts(&s.train, counts);
    for (int c = 0; c < 10; c++)
        assert_int_equal(counts[c], 6000);
    long sum = 0;
    for (size_t i = 0; i < 784; i++)
        sum += s.train.x_u8[i];
    assert_true(sum > 0);
    datasplit_free(&s);
}

/* ---- CSV helpers ---- */

static Status csv_from(Tmp *t, const char *text, const CsvOptions *opt, DataSplit *s)
{
    file_write(t, "d.csv", text, strlen(text));
    t->err[0] = '\0';
    return csv_load(tmp_path(t, "d.csv"), opt, s, t->err, sizeof t->err);
}

static void csv_expect_error(Tmp *t, const char *text, const CsvOptions *opt, Status want,
                             const char *needle)
{
    DataSplit s;
    memset(&s, 0xAB, sizeof s);
    Status st = csv_from(t, text, opt, &s);
    if (st != want)
        print_error("status %d, err '%s'\n", st, t->err);
    assert_int_equal(st, want);
    assert_true(contains(t->err, needle));
    assert_null(strchr(t->err, '\n'));
    assert_null(s.train.x);
    assert_int_equal(s.test.n, 0);
    datasplit_free(&s);
}

/* Feature column j of dataset d into out; returns the count. */
static int column(const Dataset *d, int j, double *out)
{
    for (int i = 0; i < d->n; i++)
        out[i] = d->x[i * d->dim + j];
    return d->n;
}

static void mean_std(const double *v, int n, double *mean, double *sd)
{
    double m = 0, s = 0;
    for (int i = 0; i < n; i++)
        m += v[i];
    m /= n;
    for (int i = 0; i < n; i++)
        s += (v[i] - m) * (v[i] - m);
    *mean = m;
    *sd = sqrt(s / n);
}

/* ---- CSV ---- */

static void test_dataset_io_csv_header_and_last_label(void **state)
{
    Tmp *t = *state;
    DataSplit s;
    const char *text = "x,y,label\n"
                       "1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,10,2\n";
    assert_int_equal(csv_from(t, text, NULL, &s), ST_OK);
    assert_int_equal(s.train.n + s.test.n, 5);
    assert_int_equal(s.test.n, 1);
    assert_int_equal(s.train.dim, 2);
    assert_int_equal(s.train.k, 3);
    assert_non_null(s.train.x);
    assert_null(s.train.x_u8);
    assert_string_equal(s.class_names[0], ""); /* integer labels are unnamed */
    char want[600];
    snprintf(want, sizeof want, "csv:%s", tmp_path(t, "d.csv"));
    assert_string_equal(s.name, want);
    datasplit_free(&s);
}

static void test_dataset_io_csv_no_header(void **state)
{
    Tmp *t = *state;
    DataSplit s;
    /* y = 1 exactly when x0 > 0: the feature order survives standardisation. */
    assert_int_equal(csv_from(t, "-2,5,0\n-1,5,0\n1,5,1\n2,5,1\n", NULL, &s), ST_OK);
    assert_int_equal(s.train.n + s.test.n, 4);
    const Dataset *sets[2] = {&s.train, &s.test};
    for (int d = 0; d < 2; d++)
        for (int i = 0; i < sets[d]->n; i++) {
            assert_int_equal(sets[d]->x[i * 2] > 0, sets[d]->y[i]);
            assert_float_equal(sets[d]->x[i * 2 + 1], 0.0f, 1e-6f); /* constant: centred */
        }
    datasplit_free(&s);
}

static void test_dataset_io_csv_crlf_bom_blank_lines(void **state)
{
    Tmp *t = *state;
    DataSplit s;
    assert_int_equal(csv_from(t,
                              "\xEF\xBB\xBF"
                              "a,b\r\n1,x\r\n\r\n2,y\r\n3,x\r\n  \r\n\r\n",
                              NULL, &s),
                     ST_OK);
    assert_int_equal(s.train.n + s.test.n, 3);
    assert_int_equal(s.train.k, 2);
    assert_string_equal(s.class_names[0], "x");
    assert_string_equal(s.class_names[1], "y");
    datasplit_free(&s);
    /* Old Mac line ends. */
    assert_int_equal(csv_from(t, "1,a\r2,b\r3,a\r", NULL, &s), ST_OK);
    assert_int_equal(s.train.n + s.test.n, 3);
    datasplit_free(&s);
}

/* A file of many read chunks: records, quotes and CRLFs cross the chunk boundaries. */
static void test_dataset_io_csv_large_file(void **state)
{
    Tmp *t = *state;
    enum { N = 20000 };
    FILE *f = fopen(tmp_path(t, "d.csv"), "wb");
    assert_non_null(f);
    fputs("id,\"value, scaled\",label\r\n", f);
    for (int i = 0; i < N; i++)
        fprintf(f, "%d,\"%d.25\",\"class \"\"%d\"\"\"\r\n", i, i * 3, i % 5);
    assert_int_equal(fclose(f), 0);
    DataSplit s;
    CsvOptions o = {"label", 0.1, 2};
    assert_int_equal(csv_load(tmp_path(t, "d.csv"), &o, &s, t->err, sizeof t->err), ST_OK);
    assert_int_equal(s.train.n, N - N / 10);
    assert_int_equal(s.test.n, N / 10);
    assert_int_equal(s.train.k, 5);
    assert_string_equal(s.class_names[0], "class \"0\"");
    assert_string_equal(s.class_names[4], "class \"4\"");
    /* value = 3 id + 0.25, so the standardised columns agree. */
    for (int i = 0; i < s.train.n; i += 97)
        assert_float_equal(s.train.x[i * 2], s.train.x[i * 2 + 1], 1e-4f);
    datasplit_free(&s);
}

static void test_dataset_io_csv_string_labels(void **state)
{
    Tmp *t = *state;
    DataSplit s;
    CsvOptions o = {NULL, 0.5, 1};
    const char *text = "f,species\n1,setosa\n2,virginica\n3,setosa\n4,versicolor\n5,virginica\n"
                       "6,a_label_name_longer_than_twenty_three\n";
    assert_int_equal(csv_from(t, text, &o, &s), ST_OK);
    assert_int_equal(s.train.k, 4);
    assert_string_equal(s.class_names[0], "setosa");
    assert_string_equal(s.class_names[1], "virginica");
    assert_string_equal(s.class_names[2], "versicolor");
    assert_string_equal(s.class_names[3], "a_label_name_longer_tha");
    assert_string_equal(s.class_names[4], "");
    /* The feature is the row number, and standardising keeps its order: sorted by it, the
     * labels of both splits read back in file order. */
    static const int label_of[6] = {0, 1, 0, 2, 1, 3};
    struct {
        float x;
        int y;
    } rows[6];
    int n = 0;
    const Dataset *sets[2] = {&s.train, &s.test};
    for (int d = 0; d < 2; d++)
        for (int i = 0; i < sets[d]->n; i++, n++) {
            rows[n].x = sets[d]->x[i];
            rows[n].y = sets[d]->y[i];
        }
    assert_int_equal(n, 6);
    for (int i = 0; i < 6; i++) {
        int rank = 0;
        for (int j = 0; j < 6; j++)
            rank += rows[j].x < rows[i].x;
        assert_int_equal(rows[i].y, label_of[rank]);
    }
    datasplit_free(&s);
}

/* Integer labels keep their value; "2.0" is 2; a gap leaves an empty class. */
static void test_dataset_io_csv_integer_labels_keep_value(void **state)
{
    Tmp *t = *state;
    DataSplit s;
    CsvOptions o = {NULL, 0.5, 3};
    assert_int_equal(csv_from(t, "1,2\n2,5\n3,2.0\n4,5\n", &o, &s), ST_OK);
    assert_int_equal(s.train.k, 6);
    const Dataset *sets[2] = {&s.train, &s.test};
    for (int d = 0; d < 2; d++)
        for (int i = 0; i < sets[d]->n; i++)
            assert_true(sets[d]->y[i] == 2 || sets[d]->y[i] == 5);
    datasplit_free(&s);
    /* A negative label makes them strings. */
    assert_int_equal(csv_from(t, "1,-1\n2,1\n3,-1\n", &o, &s), ST_OK);
    assert_int_equal(s.train.k, 2);
    assert_string_equal(s.class_names[0], "-1");
    assert_string_equal(s.class_names[1], "1");
    datasplit_free(&s);
}

static void test_dataset_io_csv_quoted_fields(void **state)
{
    Tmp *t = *state;
    DataSplit s;
    CsvOptions o = {NULL, 0.25, 7};
    const char *text = "\"first, feature\",\"second\",\"the label\"\n"
                       "\"1.5\", 2 ,\"a,b\"\n"
                       "3,\"4\",\"say \"\"hi\"\"\"\n"
                       "5 , 6,  \"a,b\"  \n"
                       "7,8,\"two\nlines\"\n";
    assert_int_equal(csv_from(t, text, &o, &s), ST_OK);
    assert_int_equal(s.train.n + s.test.n, 4);
    assert_int_equal(s.train.dim, 2);
    assert_int_equal(s.train.k, 3);
    assert_string_equal(s.class_names[0], "a,b");
    assert_string_equal(s.class_names[1], "say \"hi\"");
    assert_string_equal(s.class_names[2], "two?lines"); /* control characters shown as '?' */
    datasplit_free(&s);
}

static void test_dataset_io_csv_label_column_by_name_and_index(void **state)
{
    Tmp *t = *state;
    const char *text = "a,cls,b\n1,0,10\n2,1,20\n3,0,30\n4,1,40\n5,0,50\n";
    DataSplit s1, s2;
    CsvOptions by_name = {"cls", 0.4, 5}, by_index = {"2", 0.4, 5};
    assert_int_equal(csv_from(t, text, &by_name, &s1), ST_OK);
    assert_int_equal(csv_from(t, text, &by_index, &s2), ST_OK);
    assert_int_equal(s1.train.dim, 2);
    assert_int_equal(s1.train.k, 2);
    assert_int_equal(s1.train.n, 3);
    assert_int_equal(s1.test.n, 2);
    assert_memory_equal(s1.train.x, s2.train.x, sizeof(float) * 6);
    assert_memory_equal(s1.train.y, s2.train.y, sizeof(int32_t) * 3);
    /* b = 10 a, so both standardised features agree. */
    for (int i = 0; i < 3; i++)
        assert_float_equal(s1.train.x[i * 2], s1.train.x[i * 2 + 1], 1e-5f);
    datasplit_free(&s1);
    datasplit_free(&s2);
    /* Without a header the index still works; a name needs one. */
    CsvOptions first = {"1", 0.5, 5};
    assert_int_equal(csv_from(t, "0,1.5,2\n1,2.5,3\n", &first, &s1), ST_OK);
    assert_int_equal(s1.train.dim, 2);
    datasplit_free(&s1);
}

static void test_dataset_io_csv_split_sizes(void **state)
{
    Tmp *t = *state;
    char text[2048] = "";
    for (int i = 0; i < 10; i++) {
        char row[32];
        snprintf(row, sizeof row, "%d,%d\n", i, i % 2);
        strcat(text, row);
    }
    static const struct {
        double split;
        int n_test;
    } cases[] = {{0, 2}, {0.3, 3}, {0.5, 5}, {0.01, 1}, {0.99, 9}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        CsvOptions o = {NULL, cases[c].split, 1};
        DataSplit s;
        assert_int_equal(csv_from(t, text, &o, &s), ST_OK);
        assert_int_equal(s.test.n, cases[c].n_test);
        assert_int_equal(s.train.n, 10 - cases[c].n_test);
        datasplit_free(&s);
    }
    /* Two rows: one each way. */
    DataSplit s;
    assert_int_equal(csv_from(t, "1,a\n2,b\n", NULL, &s), ST_OK);
    assert_int_equal(s.train.n, 1);
    assert_int_equal(s.test.n, 1);
    datasplit_free(&s);
}

static void test_dataset_io_csv_split_deterministic_by_seed(void **state)
{
    Tmp *t = *state;
    char text[4096] = "";
    for (int i = 0; i < 50; i++) {
        char row[48];
        snprintf(row, sizeof row, "%d,%d,%d\n", i, (i * 37) % 11, i % 3);
        strcat(text, row);
    }
    CsvOptions o1 = {NULL, 0.2, 42}, o2 = {NULL, 0.2, 43};
    DataSplit a, b, c;
    assert_int_equal(csv_from(t, text, &o1, &a), ST_OK);
    assert_int_equal(csv_from(t, text, &o1, &b), ST_OK);
    assert_int_equal(csv_from(t, text, &o2, &c), ST_OK);
    assert_memory_equal(a.train.x, b.train.x, sizeof(float) * 40 * 2);
    assert_memory_equal(a.test.x, b.test.x, sizeof(float) * 10 * 2);
    assert_memory_equal(a.train.y, b.train.y, sizeof(int32_t) * 40);
    assert_true(memcmp(a.test.x, c.test.x, sizeof(float) * 10 * 2) != 0);
    datasplit_free(&a);
    datasplit_free(&b);
    datasplit_free(&c);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Train features come out with mean 0 and std 1; test features go through the same map. */
static void test_dataset_io_csv_standardises_with_train_stats(void **state)
{
    Tmp *t = *state;
    enum { N = 40 };
    char text[4096] = "";
    for (int i = 0; i < N; i++) {
        char row[64];
        snprintf(row, sizeof row, "%d,%g,%d\n", 1000 + 3 * i, 0.001 * (i % 7), i % 2);
        strcat(text, row);
    }
    CsvOptions o = {NULL, 0.25, 9};
    DataSplit s;
    assert_int_equal(csv_from(t, text, &o, &s), ST_OK);
    double v[N], mean, sd;
    for (int j = 0; j < 2; j++) {
        int n = column(&s.train, j, v);
        mean_std(v, n, &mean, &sd);
        assert_float_equal(mean, 0.0, 1e-5);
        assert_float_equal(sd, 1.0, 1e-5);
    }
    /* Column 0 is 1000 + 3i over i = 0..N-1: after one affine map, the values of both splits
     * together lie on one evenly spaced grid. Per-split statistics would break the grid. */
    int n = column(&s.train, 0, v);
    n += column(&s.test, 0, v + n);
    assert_int_equal(n, N);
    qsort(v, N, sizeof v[0], cmp_double);
    double step = (v[N - 1] - v[0]) / (N - 1);
    for (int i = 1; i < N; i++)
        assert_float_equal(v[i] - v[i - 1], step, 1e-4);
    /* Test values alone are not standardised to mean 0 and std 1. */
    n = column(&s.test, 0, v);
    mean_std(v, n, &mean, &sd);
    assert_true(fabs(mean) > 1e-3 || fabs(sd - 1.0) > 1e-3);
    datasplit_free(&s);
}

/* Numbers use a point whatever LC_NUMERIC says (an ncurses program sets it from the
 * environment). Builds a German locale with localedef when none is installed. */
static void test_dataset_io_csv_ignores_process_locale(void **state)
{
    Tmp *t = *state;
    const char *set = setlocale(LC_NUMERIC, "de_DE.UTF-8");
    if (set == NULL) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1",
                 t->dir);
        if (system(cmd) == 0) {
            setenv("LOCPATH", t->dir, 1);
            set = setlocale(LC_NUMERIC, "de_DE.UTF-8");
        }
    }
    if (set == NULL || strcmp(localeconv()->decimal_point, ",") != 0) {
        setlocale(LC_NUMERIC, "C");
        unsetenv("LOCPATH");
        skip();
    }
    DataSplit s;
    Status st = csv_from(t, "x,y\n1.5,0\n2.5,1\n3.5,0\n", NULL, &s);
    bool comma_still_set = strcmp(localeconv()->decimal_point, ",") == 0;
    setlocale(LC_NUMERIC, "C");
    unsetenv("LOCPATH");
    assert_int_equal(st, ST_OK);
    assert_true(comma_still_set); /* the loader restored the thread's locale */
    assert_int_equal(s.train.n + s.test.n, 3);
    datasplit_free(&s);
}

static void test_dataset_io_csv_long_path_name_truncated(void **state)
{
    Tmp *t = *state;
    const char *name = "a_very_long_csv_file_name_that_is_longer_than_the_name_field.csv";
    file_write(t, name, "1,0\n2,1\n", 8);
    char path[600];
    snprintf(path, sizeof path, "%s", tmp_path(t, name));
    DataSplit s;
    assert_int_equal(csv_load(path, NULL, &s, t->err, sizeof t->err), ST_OK);
    assert_true(strlen(s.name) < sizeof s.name);
    assert_int_equal(strncmp(s.name, "csv:...", 7), 0);
    assert_true(contains(s.name, "name_field.csv"));
    datasplit_free(&s);
}

static void test_dataset_io_csv_ragged_row(void **state)
{
    csv_expect_error(*state, "a,b,c\n1,2,0\n3,4\n", NULL, ST_FORMAT,
                     "d.csv:3:4: ragged row: 2 fields, expected 3 as in line 1");
    csv_expect_error(*state, "1,2,0\n\n3,4,1,9\n", NULL, ST_FORMAT, "d.csv:3:7: ragged row: 4");
}

static void test_dataset_io_csv_non_numeric(void **state)
{
    csv_expect_error(*state, "a,b,c\n1,2,0\n3,four,1\n", NULL, ST_FORMAT,
                     "d.csv:3:3: column 2: 'four' is not a number");
    csv_expect_error(*state, "1,2,0\n3,,1\n", NULL, ST_FORMAT, "d.csv:2:3: column 2: '' is empty");
    csv_expect_error(*state, "1,2,0\n3,1.5x,1\n", NULL, ST_FORMAT, "d.csv:2:3:");
}

static void test_dataset_io_csv_non_finite(void **state)
{
    csv_expect_error(*state, "1,2,0\n3,nan,1\n", NULL, ST_FORMAT,
                     "d.csv:2:3: column 2: 'nan' is not a finite number");
    csv_expect_error(*state, "1,2,0\n-inf,2,1\n", NULL, ST_FORMAT,
                     "d.csv:2:1: column 1: '-inf' is not a finite number");
    csv_expect_error(*state, "1,2,0\n1e999,2,1\n", NULL, ST_FORMAT, "not a finite number");
    csv_expect_error(*state, "1,2,0\n1e39,2,1\n", NULL, ST_FORMAT, "out of float range");
}

static void test_dataset_io_csv_no_data_rows(void **state)
{
    csv_expect_error(*state, "", NULL, ST_FORMAT, "d.csv: no data rows");
    csv_expect_error(*state, "\n\n  \n", NULL, ST_FORMAT, "d.csv: no data rows");
    csv_expect_error(*state, "a,b,label\n\n", NULL, ST_FORMAT, "d.csv: no data rows");
}

static void test_dataset_io_csv_single_class(void **state)
{
    csv_expect_error(*state, "a,l\n1,cat\n2,cat\n3,cat\n", NULL, ST_FORMAT,
                     "d.csv: single class: all 3 labels are 'cat'");
    csv_expect_error(*state, "1,0\n", NULL, ST_FORMAT, "single class");
}

static void test_dataset_io_csv_missing_label_column(void **state)
{
    CsvOptions by_name = {"species", 0.2, 1}, by_index = {"4", 0.2, 1}, zero = {"0", 0.2, 1};
    csv_expect_error(*state, "a,b,label\n1,2,0\n", &by_name, ST_FORMAT,
                     "d.csv:1: missing label column: no column named 'species'");
    csv_expect_error(*state, "a,b,label\n1,2,0\n", &by_index, ST_FORMAT,
                     "d.csv:1: missing label column 4: the file has 3 columns");
    csv_expect_error(*state, "1,2,0\n", &zero, ST_INVAL, "numbered from 1");
}

static void test_dataset_io_csv_too_many_classes(void **state)
{
    Tmp *t = *state;
    size_t cap = 300 * 16;
    char *text = malloc(cap);
    assert_non_null(text);
    text[0] = '\0';
    for (int i = 0; i < 300; i++) {
        char row[32];
        snprintf(row, sizeof row, "%d,c%d\n", i, i);
        strcat(text, row);
    }
    csv_expect_error(t, text, NULL, ST_FORMAT, "d.csv:257:5: too many classes");
    free(text);
}

static void test_dataset_io_csv_bad_quotes_and_bytes(void **state)
{
    csv_expect_error(*state, "1,2,0\n3,\"4,1\n", NULL, ST_FORMAT,
                     "d.csv:2:3: unterminated quoted field");
    csv_expect_error(*state, "1,2,0\n3,\"4\"x,1\n", NULL, ST_FORMAT,
                     "d.csv:2:6: unexpected character after a closing quote");
    Tmp *t = *state;
    DataSplit s;
    file_write(t, "d.csv", "1,2,0\n3,4\0,1\n", 13);
    assert_int_equal(csv_load(tmp_path(t, "d.csv"), NULL, &s, t->err, sizeof t->err), ST_FORMAT);
    assert_true(contains(t->err, "d.csv:2:4: NUL byte"));
}

static void test_dataset_io_csv_long_line(void **state)
{
    Tmp *t = *state;
    size_t len = CSV_MAX_RECORD + 100;
    char *text = malloc(len + 16);
    assert_non_null(text);
    strcpy(text, "1,2,0\n");
    size_t o = strlen(text);
    while (o < len) {
        memcpy(text + o, "1,", 2);
        o += 2;
    }
    strcpy(text + o, "0\n");
    csv_expect_error(t, text, NULL, ST_FORMAT, "d.csv:2: record longer than 1048576 bytes");
    free(text);
}

static void test_dataset_io_csv_bad_options_and_files(void **state)
{
    Tmp *t = *state;
    CsvOptions o = {NULL, 1.0, 1};
    csv_expect_error(t, "1,0\n2,1\n", &o, ST_INVAL, "test split 1 is not in (0, 1)");
    o.test_split = -0.5;
    csv_expect_error(t, "1,0\n2,1\n", &o, ST_INVAL, "test split");
    o.test_split = NAN;
    csv_expect_error(t, "1,0\n2,1\n", &o, ST_INVAL, "test split");
    csv_expect_error(t, "1\n2\n", NULL, ST_FORMAT, "d.csv:1: only one column");
    DataSplit s;
    assert_int_equal(csv_load(tmp_path(t, "absent.csv"), NULL, &s, t->err, sizeof t->err), ST_IO);
    assert_true(contains(t->err, "absent.csv: cannot open"));
    assert_int_equal(csv_load(t->dir, NULL, &s, t->err, sizeof t->err), ST_IO);
    assert_true(contains(t->err, t->dir));
}

static void test_dataset_io_csv_parse_stream(void **state)
{
    Tmp *t = *state;
    static const char text[] = "f1,f2,y\n0.5,1,a\n1.5,2,b\n2.5,3,a\n";
    FILE *f = fmemopen((void *)(uintptr_t)text, sizeof text - 1, "r");
    assert_non_null(f);
    DataSplit s;
    assert_int_equal(csv_parse_stream(f, "mem", NULL, &s, t->err, sizeof t->err), ST_OK);
    fclose(f);
    assert_string_equal(s.name, "csv:mem");
    assert_int_equal(s.train.n + s.test.n, 3);
    datasplit_free(&s);
}

#define IO_TEST(name) cmocka_unit_test_setup_teardown(name, tmp_setup, tmp_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        IO_TEST(test_dataset_io_idx_round_trip_plain),
        IO_TEST(test_dataset_io_idx_round_trip_gzip),
        IO_TEST(test_dataset_io_idx_mixed_plain_and_gzip),
        IO_TEST(test_dataset_io_idx_detects_gzip_by_content),
        IO_TEST(test_dataset_io_idx_gzip_multi_member),
        IO_TEST(test_dataset_io_idx_large_gzip),
        IO_TEST(test_dataset_io_idx_parse_buffer),
        IO_TEST(test_dataset_io_idx_bad_magic),
        IO_TEST(test_dataset_io_idx_unsupported_type),
        IO_TEST(test_dataset_io_idx_short_header),
        IO_TEST(test_dataset_io_idx_short_payload),
        IO_TEST(test_dataset_io_idx_short_payload_huge_promise),
        IO_TEST(test_dataset_io_idx_count_mismatch),
        IO_TEST(test_dataset_io_idx_absurd_dimensions),
        IO_TEST(test_dataset_io_idx_corrupt_gzip),
        IO_TEST(test_dataset_io_idx_trailing_data),
        IO_TEST(test_dataset_io_idx_missing_file),
        IO_TEST(test_dataset_io_idx_single_class),
        IO_TEST(test_dataset_io_idx_test_size_mismatch),
        IO_TEST(test_dataset_io_idx_k_from_largest_label),
        IO_TEST(test_dataset_io_idx_long_dir_name_truncated),
        IO_TEST(test_dataset_io_fashion_missing_says_install),
        IO_TEST(test_dataset_io_fashion_mnist_smoke),
        IO_TEST(test_dataset_io_csv_header_and_last_label),
        IO_TEST(test_dataset_io_csv_no_header),
        IO_TEST(test_dataset_io_csv_crlf_bom_blank_lines),
        IO_TEST(test_dataset_io_csv_large_file),
        IO_TEST(test_dataset_io_csv_string_labels),
        IO_TEST(test_dataset_io_csv_integer_labels_keep_value),
        IO_TEST(test_dataset_io_csv_quoted_fields),
        IO_TEST(test_dataset_io_csv_label_column_by_name_and_index),
        IO_TEST(test_dataset_io_csv_split_sizes),
        IO_TEST(test_dataset_io_csv_split_deterministic_by_seed),
        IO_TEST(test_dataset_io_csv_standardises_with_train_stats),
        IO_TEST(test_dataset_io_csv_ignores_process_locale),
        IO_TEST(test_dataset_io_csv_long_path_name_truncated),
        IO_TEST(test_dataset_io_csv_ragged_row),
        IO_TEST(test_dataset_io_csv_non_numeric),
        IO_TEST(test_dataset_io_csv_non_finite),
        IO_TEST(test_dataset_io_csv_no_data_rows),
        IO_TEST(test_dataset_io_csv_single_class),
        IO_TEST(test_dataset_io_csv_missing_label_column),
        IO_TEST(test_dataset_io_csv_too_many_classes),
        IO_TEST(test_dataset_io_csv_bad_quotes_and_bytes),
        IO_TEST(test_dataset_io_csv_long_line),
        IO_TEST(test_dataset_io_csv_bad_options_and_files),
        IO_TEST(test_dataset_io_csv_parse_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
