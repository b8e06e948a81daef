/* test_png.c — PNG streams written by ui/png_out.c, read back with libpng: size, colour type,
 * pixels, text chunks; byte-identical repeats; a failing stream reported by name; bad
 * arguments refused before a byte is written. (The atomic file around it: tests/app/test_export.c.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/png_out.h"

typedef struct {
    int w, h, bit_depth, color_type, interlace;
    uint8_t *rgb; /* owned */
    int n_text;
    char keys[16][80];
    char values[16][256];
    bool has_time;
} Decoded;

static bool png_decode(const char *path, Decoded *d)
{
    memset(d, 0, sizeof *d);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(fp);
        return false;
    }
    png_init_io(png, fp);
    png_read_info(png, info);
    d->w = (int)png_get_image_width(png, info);
    d->h = (int)png_get_image_height(png, info);
    d->bit_depth = png_get_bit_depth(png, info);
    d->color_type = png_get_color_type(png, info);
    d->interlace = png_get_interlace_type(png, info);
    size_t stride = png_get_rowbytes(png, info);
    d->rgb = malloc(stride * (size_t)d->h);
    for (int y = 0; y < d->h; y++)
        png_read_row(png, d->rgb + stride * (size_t)y, NULL);
    png_read_end(png, info);
    png_textp text;
    int n = 0;
    png_get_text(png, info, &text, &n);
    for (int i = 0; i < n && i < 16; i++) {
        snprintf(d->keys[i], sizeof d->keys[i], "%s", text[i].key);
        snprintf(d->values[i], sizeof d->values[i], "%s", text[i].text);
    }
    d->n_text = n;
    d->has_time = png_get_valid(png, info, PNG_INFO_tIME) != 0;
    png_destroy_read_struct(&png, &info, NULL);
    fclose(fp);
    return true;
}

static const char *text_value(const Decoded *d, const char *key)
{
    for (int i = 0; i < d->n_text; i++)
        if (strcmp(d->keys[i], key) == 0)
            return d->values[i];
    return NULL;
}

static uint8_t *test_image(int w, int h)
{
    uint8_t *rgb = malloc((size_t)w * (size_t)h * 3);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = rgb + 3 * ((size_t)y * (size_t)w + (size_t)x);
            p[0] = (uint8_t)(x * 7 + y);
            p[1] = (uint8_t)(y * 3);
            p[2] = (uint8_t)((x ^ y) * 5);
        }
    return rgb;
}

/* A fresh empty directory for one test; removed (with what is in it) by dir_remove. */
static char *dir_make(void)
{
    char *d = strdup("/tmp/la_test_png_XXXXXX");
    assert_non_null(mkdtemp(d));
    return d;
}

static int dir_count(const char *dir)
{
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(dp);
    return n;
}

static void dir_remove(char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    char path[512];
    while (dp && (e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) != 0)
            rmdir(path);
    }
    if (dp)
        closedir(dp);
    rmdir(dir);
    free(dir);
}

static uint8_t *file_bytes(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    uint8_t *b = malloc((size_t)len);
    assert_int_equal(fread(b, 1, (size_t)len, fp), (size_t)len);
    fclose(fp);
    *n = (size_t)len;
    return b;
}

/* png_write onto a fresh file at path. */
static Status write_file(const char *path, const uint8_t *rgb, int w, int h, const PngText *text,
                         int n, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    Status st = png_write(fp, path, rgb, w, h, text, n, err, errlen);
    assert_int_equal(fclose(fp), 0);
    return st;
}

static void test_png_round_trip(void **state)
{
    (void)state;
    char *dir = dir_make();
    char path[256];
    snprintf(path, sizeof path, "%s/out.png", dir);
    int w = 37, h = 23;
    uint8_t *rgb = test_image(w, h);
    PngText text[] = {{"Software", "lossarena 0.1.0"},
                      {"Seed", "42"},
                      {"Configuration", "--dataset spiral --losses log,hinge --seed 42"},
                      {"Title", "Loss curves · σ²"}}; /* non-ASCII: written as iTXt */
    char err[256] = "unchanged";
    assert_int_equal(write_file(path, rgb, w, h, text, 4, err, sizeof err), ST_OK);
    assert_string_equal(err, "");
    Decoded d;
    assert_true(png_decode(path, &d));
    assert_int_equal(d.w, w);
    assert_int_equal(d.h, h);
    assert_int_equal(d.bit_depth, 8);
    assert_int_equal(d.color_type, PNG_COLOR_TYPE_RGB);
    assert_int_equal(d.interlace, PNG_INTERLACE_NONE);
    assert_memory_equal(d.rgb, rgb, (size_t)w * (size_t)h * 3);
    assert_int_equal(d.n_text, 4);
    assert_string_equal(text_value(&d, "Software"), "lossarena 0.1.0");
    assert_string_equal(text_value(&d, "Seed"), "42");
    assert_string_equal(text_value(&d, "Configuration"),
                        "--dataset spiral --losses log,hinge --seed 42");
    assert_string_equal(text_value(&d, "Title"), "Loss curves · σ²");
    assert_false(d.has_time);
    assert_int_equal(dir_count(dir), 1); /* ui opens nothing of its own */
    free(d.rgb);
    free(rgb);
    unlink(path);
    dir_remove(dir);
}

static void test_png_identical_bytes(void **state)
{
    (void)state;
    char *dir = dir_make();
    char a[256], b[256];
    snprintf(a, sizeof a, "%s/a.png", dir);
    snprintf(b, sizeof b, "%s/b.png", dir);
    uint8_t *rgb = test_image(200, 120);
    PngText text[] = {{"Software", "lossarena"}, {"Seed", "7"}};
    assert_int_equal(write_file(a, rgb, 200, 120, text, 2, NULL, 0), ST_OK);
    assert_int_equal(write_file(b, rgb, 200, 120, text, 2, NULL, 0), ST_OK);
    size_t na, nb;
    uint8_t *ba = file_bytes(a, &na), *bb = file_bytes(b, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(ba, bb, na);
    free(ba);
    free(bb);
    free(rgb);
    dir_remove(dir);
}

/* A stream that refuses writes (opened for reading): ST_IO, one line with the name. */
static void test_png_failing_stream(void **state)
{
    (void)state;
    char *dir = dir_make();
    char path[256];
    snprintf(path, sizeof path, "%s/ro.png", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fclose(fp);
    fp = fopen(path, "r");
    assert_non_null(fp);
    uint8_t *rgb = test_image(64, 64);
    char err[256] = "";
    assert_int_equal(png_write(fp, "fig/out.png", rgb, 64, 64, NULL, 0, err, sizeof err), ST_IO);
    assert_int_equal(strncmp(err, "cannot write fig/out.png: ", 26), 0);
    assert_null(strchr(err, '\n'));
    fclose(fp);
    free(rgb);
    dir_remove(dir);
}

static void test_png_bad_arguments(void **state)
{
    (void)state;
    char *dir = dir_make();
    char path[256];
    snprintf(path, sizeof path, "%s/bad.png", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    uint8_t *rgb = test_image(4, 4);
    char err[256] = "";
    assert_int_equal(png_write(NULL, "x.png", rgb, 4, 4, NULL, 0, err, sizeof err), ST_INVAL);
    assert_true(strlen(err) > 0);
    assert_int_equal(png_write(fp, path, rgb, 0, 4, NULL, 0, err, sizeof err), ST_INVAL);
    PngText bad[] = {{"", "empty key"}};
    assert_int_equal(png_write(fp, path, rgb, 4, 4, bad, 1, err, sizeof err), ST_INVAL);
    PngText bad2[] = {{"Tab\tkey", "x"}};
    assert_int_equal(png_write(fp, path, rgb, 4, 4, bad2, 1, err, sizeof err), ST_INVAL);
    assert_int_equal(ftell(fp), 0); /* refused before a byte is written */
    fclose(fp);
    free(rgb);
    dir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_round_trip),
        cmocka_unit_test(test_png_identical_bytes),
        cmocka_unit_test(test_png_failing_stream),
        cmocka_unit_test(test_png_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
