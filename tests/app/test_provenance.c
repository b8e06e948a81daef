/* test_provenance.c — every option that can change a result is in the one configuration string
 * (provenance_options) that headers, JSON, CSV and figures print, and that string reproduces
 * the run: parsed again, it gives the same configuration. The test walks the option table, so
 * an option added without its place in the provenance fails here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "src/cli.h"
#include "src/provenance.h"

#define CONF 2048

/* An example for each result-changing option: a value that is not the default, and the
 * context it needs (the CSV options only act on a csv: dataset). */
typedef struct {
    const char *name;
    const char *context; /* space-separated options parsed with and without the example */
    const char *example; /* space-separated: the option and its value */
} Example;

static const Example examples[] = {
    {"dataset", "", "--dataset moons"},
    {"label-column", "--dataset csv:data.csv", "--label-column species"},
    {"test-split", "--dataset csv:data.csv", "--test-split 0.3"},
    {"classes", "", "--classes 5"},
    {"data-noise", "", "--data-noise 0.35"},
    {"samples", "", "--samples 500"},
    {"test-samples", "", "--test-samples 700"},
    {"losses", "", "--losses hinge,log"},
    {"hidden", "", "--hidden 32"},
    {"activation", "", "--activation tanh"},
    {"init", "", "--init uniform"},
    {"optimizer", "", "--optimizer sgd"},
    {"lr", "", "--lr 0.0123"},
    {"nesterov", "--optimizer momentum", "--nesterov"},
    {"batch", "", "--batch 32"},
    {"steps", "", "--steps 1234"},
    {"epochs", "", "--epochs 2.5"},
    {"seed", "", "--seed 7"},
    {"label-noise", "", "--label-noise 0.25"},
    {"input-noise", "", "--input-noise 0.5"},
    {"eval-every", "", "--eval-every 7"},
    {"seeds", "", "--seeds 3"},
    {"sweep", "", "--sweep input-noise=0,0.5"},
    {"target-acc", "", "--target-acc 0.9"},
};

/* Output-only options with a value: each must leave the configuration string alone. */
static const char *const output_examples[] = {
    "--threads 1",    "--csv out.csv", "--format json",  "--export f.png", "--figure loss",
    "--size 800x600", "--theme dark",  "--glyphs ascii", "--colors mono",  "--run",
};

static char program[] = "lossarena";
static char headless[] = "--headless";

/* Parses "lossarena --headless" + the words of a and b (copied into static storage: cfg may
 * point into it until the next call); fails the test with the parser's message. */
static void parse_words(const char *a, const char *b, AppConfig *cfg)
{
    static char buf[4096];
    char *argv[128] = {program, headless};
    int argc = 2;
    snprintf(buf, sizeof buf, "%s %s", a, b);
    for (char *tok = strtok(buf, " "); tok && argc < 128; tok = strtok(NULL, " "))
        argv[argc++] = tok;
    char err[256];
    if (cli_parse(argc, argv, cfg, err, sizeof err) != ST_OK)
        fail_msg("'%s %s' does not parse: %s", a, b, err);
}

/* The provenance string of "lossarena --headless a b". */
static void provenance_of(const char *a, const char *b, char *out)
{
    AppConfig cfg;
    parse_words(a, b, &cfg);
    provenance_options(&cfg, NULL, out, CONF);
}

static const Example *example_of(const char *name)
{
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        if (strcmp(examples[i].name, name) == 0)
            return &examples[i];
    return NULL;
}

static void test_provenance_every_option_says_whether_it_changes_results(void **state)
{
    (void)state;
    for (int i = 0; i < cli_option_count(); i++) {
        OptionEffect effect;
        const char *name = cli_option_name(i, &effect, NULL);
        if (effect == OPTION_EFFECT_UNSET)
            fail_msg("--%s: say in src/cli.c's option table whether it changes results", name);
    }
    assert_null(cli_option_name(cli_option_count(), NULL, NULL));
}

/* For each option marked as changing results: the string names it, differs from the string
 * without it, and reads back to itself. */
static void test_provenance_records_every_option_that_changes_results(void **state)
{
    (void)state;
    int checked = 0;
    for (int i = 0; i < cli_option_count(); i++) {
        OptionEffect effect;
        const char *name = cli_option_name(i, &effect, NULL);
        if (effect != OPTION_CHANGES_RESULTS)
            continue;
        const Example *ex = example_of(name);
        if (!ex)
            fail_msg("--%s changes results: add an example to tests/app/test_provenance.c", name);
        char base[CONF], with[CONF], again[CONF], flag[64];
        provenance_of(ex->context, "", base);
        provenance_of(ex->context, ex->example, with);
        snprintf(flag, sizeof flag, "--%s ", name);
        char tail[CONF + 2];
        snprintf(tail, sizeof tail, "%s ", with); /* so a flag at the very end matches too */
        if (!strstr(tail, flag))
            fail_msg("--%s is missing from the provenance: %s", name, with);
        if (strcmp(base, with) == 0)
            fail_msg("--%s: '%s' does not change the provenance: %s", name, ex->example, with);
        if (!strstr(with, ex->example) && strcmp(name, "epochs") != 0)
            fail_msg("--%s: the provenance does not carry '%s': %s", name, ex->example, with);
        provenance_of(with, "", again);
        if (strcmp(with, again) != 0)
            fail_msg("--%s: the provenance does not reproduce itself:\n  %s\n  %s", name, with,
                     again);
        checked++;
    }
    assert_true(checked >= 20);
}

static void test_provenance_ignores_output_only_options(void **state)
{
    (void)state;
    char base[CONF], with[CONF];
    provenance_of("", "", base);
    for (size_t i = 0; i < sizeof output_examples / sizeof output_examples[0]; i++) {
        provenance_of(output_examples[i], "", with);
        if (strcmp(base, with) != 0)
            fail_msg("'%s' changed the provenance: %s", output_examples[i], with);
    }
}

/* The defaults are written out resolved, so a string stays true if a default changes. */
static void test_provenance_writes_defaults_resolved(void **state)
{
    (void)state;
    char s[CONF];
    provenance_of("", "", s);
    assert_string_equal(
        s, "--dataset spiral --classes 3 --data-noise 0.2 --samples 1500 --test-samples 1500 "
           "--losses log,log2,l1,l2,l1-softmax,l2-softmax,linf-softmax,hinge,hinge2,hinge3,"
           "tanimoto,cauchy-schwarz --hidden 64,64 --activation relu --init he --optimizer adam "
           "--lr 0.003 --batch 64 --steps 3000 --seed 1 --label-noise 0 --input-noise 0 "
           "--eval-every 50");
    provenance_of("--activation sigmoid", "", s);
    assert_non_null(strstr(s, "--init glorot"));
    provenance_of("--dataset fashion-mnist", "", s);
    assert_non_null(strstr(s, "--hidden 256,128 --activation relu --init he --optimizer adam "
                              "--lr 0.001 --batch 128 "));
    assert_null(strstr(s, "--classes")); /* image data has no synthetic-set options */
}

/* A live setting (the dashboard's lr after `+`) replaces the parsed one. */
static void test_provenance_takes_live_settings(void **state)
{
    (void)state;
    AppConfig cfg;
    char s[CONF];
    parse_words("--optimizer momentum --nesterov", "", &cfg);
    ArenaConfig live = cfg.arena;
    live.opt.lr = 0.4f;
    live.batch = 16;
    provenance_options(&cfg, &live, s, sizeof s);
    assert_non_null(strstr(s, "--optimizer momentum --nesterov --lr 0.4 --batch 16 "));
    char small[16];
    provenance_options(&cfg, &live, small, sizeof small); /* truncated, still a string */
    assert_int_equal(strlen(small), sizeof small - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_provenance_every_option_says_whether_it_changes_results),
        cmocka_unit_test(test_provenance_records_every_option_that_changes_results),
        cmocka_unit_test(test_provenance_ignores_output_only_options),
        cmocka_unit_test(test_provenance_writes_defaults_resolved),
        cmocka_unit_test(test_provenance_takes_live_settings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
