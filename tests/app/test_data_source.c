/* test_data_source.c — the one table of --dataset kinds: every value maps to its kind, image
 * data get the image defaults through it, the seed matters where the table says so, and --help
 * and the error messages list what the table holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "src/cli.h"
#include "src/data_source.h"

static void test_data_source_kinds(void **state)
{
    (void)state;
    for (int k = 0; k < SYNTH_COUNT; k++) {
        const DataSourceInfo *s = data_source_find(synth_name((SynthKind)k));
        assert_non_null(s);
        assert_int_equal(s->kind, SOURCE_SYNTHETIC);
        assert_false(s->image);
        assert_true(s->seeded);
    }
    const DataSourceInfo *f = data_source_find("fashion-mnist");
    assert_non_null(f);
    assert_int_equal(f->kind, SOURCE_FASHION_MNIST);
    assert_true(f->image);
    assert_false(f->seeded);
    const DataSourceInfo *idx = data_source_find("idx:some/dir");
    assert_non_null(idx);
    assert_int_equal(idx->kind, SOURCE_IDX);
    assert_true(idx->image);
    const DataSourceInfo *csv = data_source_find("csv:iris.csv");
    assert_non_null(csv);
    assert_int_equal(csv->kind, SOURCE_CSV);
    assert_false(csv->image);
    assert_true(csv->seeded);
    assert_null(data_source_find("fashion"));
    assert_null(data_source_find("fashion-mnist2"));
    assert_null(data_source_find("png:dir"));
    assert_null(data_source_find(""));
    assert_null(data_source_find(NULL));
}

static void test_data_source_names_list_the_table(void **state)
{
    (void)state;
    char names[256];
    data_source_names(names, sizeof names);
    for (int k = 0; k < SYNTH_COUNT; k++)
        assert_non_null(strstr(names, synth_name((SynthKind)k)));
    assert_non_null(strstr(names, "spiral (default)"));
    assert_non_null(strstr(names, "fashion-mnist"));
    assert_non_null(strstr(names, "idx:DIR"));
    assert_non_null(strstr(names, "csv:FILE"));
    /* truncation keeps the string terminated */
    char small[8];
    data_source_names(small, sizeof small);
    assert_true(strlen(small) < sizeof small);
}

static Status parse(AppConfig *cfg, char *err, size_t errlen, const char *dataset)
{
    char program[] = "lossarena", opt[] = "--dataset", val[256];
    snprintf(val, sizeof val, "%s", dataset);
    char *argv[] = {program, opt, val};
    return cli_parse(3, argv, cfg, err, errlen);
}

/* The image defaults follow the table's image flag, not a name list of their own. */
static void test_data_source_image_defaults(void **state)
{
    (void)state;
    AppConfig cfg;
    char err[512];
    assert_int_equal(parse(&cfg, err, sizeof err, "idx:anywhere"), ST_OK);
    assert_int_equal(cfg.arena.batch, 128);
    assert_int_equal(cfg.arena.hidden[0], 256);
    assert_int_equal(parse(&cfg, err, sizeof err, "csv:file.csv"), ST_OK);
    assert_int_equal(cfg.arena.batch, 64);
    assert_true(data_source_seeded(&cfg));
    assert_int_equal(parse(&cfg, err, sizeof err, "fashion-mnist"), ST_OK);
    assert_false(data_source_seeded(&cfg));

    assert_int_equal(parse(&cfg, err, sizeof err, "mnist"), ST_INVAL);
    assert_non_null(strstr(err, "unknown dataset 'mnist'"));
    assert_non_null(strstr(err, "checker"));
    assert_non_null(strstr(err, "csv:FILE"));
    assert_int_equal(parse(&cfg, err, sizeof err, "csv:"), ST_INVAL);
    assert_non_null(strstr(err, "needs a file name after the colon, e.g. csv:data.csv"));
    assert_int_equal(parse(&cfg, err, sizeof err, "idx:"), ST_INVAL);
    assert_non_null(strstr(err, "needs a directory after the colon"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_data_source_kinds),
        cmocka_unit_test(test_data_source_names_list_the_table),
        cmocka_unit_test(test_data_source_image_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
