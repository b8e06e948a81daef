/* data_source.c — the table of dataset kinds, and the loader dispatching on it: a synthetic
 * generator, Debian's Fashion-MNIST, an IDX directory or a CSV file. */
#include "src/data_source.h"

#include <stdio.h>
#include <string.h>

#include "core/dataset_io.h"
#include "src/budget.h"

static Status load_synthetic(const AppConfig *cfg, SynthKind kind, DataSplit *out, char *err,
                             size_t errlen)
{
    SynthConfig sc = {
        .kind = kind,
        .n_train = cfg->n_train,
        .n_test = cfg->n_test,
        .classes = cfg->classes,
        .noise = cfg->data_noise >= 0.0 ? cfg->data_noise : synth_default_noise(kind),
        .seed = cfg->arena.seed,
    };
    Status st = synth_generate(out, &sc);
    if (st == ST_RANGE) {
        int lo, hi, def;
        synth_class_range(kind, &lo, &hi, &def);
        snprintf(err, errlen, "dataset '%s': --classes must be in %d..%d", cfg->dataset, lo, hi);
    } else if (st != ST_OK) {
        snprintf(err, errlen, "dataset '%s': %s", cfg->dataset, status_str(st));
    }
    return st;
}

static const DataSourceInfo sources[] = {
    {SOURCE_SYNTHETIC, NULL, NULL, NULL, "spiral", false, true, 2},
    {SOURCE_FASHION_MNIST, "fashion-mnist", "fashion-mnist", NULL, "fashion-mnist", true, false,
     784},
    {SOURCE_IDX, "idx:", "idx:DIR", "directory", "idx:data/mnist", true, false, 784},
    {SOURCE_CSV, "csv:", "csv:FILE", "file name", "csv:data.csv", false, true, 16},
};
#define N_SOURCES (int)(sizeof sources / sizeof sources[0])

const DataSourceInfo *data_source_find(const char *dataset)
{
    if (!dataset)
        return NULL;
    if (synth_by_name(dataset) >= 0)
        return &sources[0];
    for (int i = 1; i < N_SOURCES; i++) {
        size_t len = strlen(sources[i].name);
        bool prefix = sources[i].name[len - 1] == ':';
        if (prefix ? strncmp(dataset, sources[i].name, len) == 0
                   : strcmp(dataset, sources[i].name) == 0)
            return &sources[i];
    }
    return NULL;
}

void data_source_names(char *out, size_t n)
{
    size_t used = 0;
    if (n == 0)
        return;
    out[0] = '\0';
    for (int k = 0; k < SYNTH_COUNT && used < n; k++)
        used += (size_t)snprintf(out + used, n - used, "%s%s%s", k ? ", " : "",
                                 synth_name((SynthKind)k), k == 0 ? " (default)" : "");
    for (int i = 1; i < N_SOURCES && used < n; i++)
        used += (size_t)snprintf(out + used, n - used, ", %s", sources[i].usage);
}

Status data_source_load(const AppConfig *cfg, DataSplit *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    const char *name = cfg->dataset;
    const DataSourceInfo *src = data_source_find(name);
    if (!src) {
        snprintf(err, errlen, "unknown dataset '%s'", name);
        return ST_INVAL;
    }
    /* A loader refuses a file whose data alone would not fit, before reading its payload. */
    switch (src->kind) {
    case SOURCE_SYNTHETIC:
        return load_synthetic(cfg, (SynthKind)synth_by_name(name), out, err, errlen);
    case SOURCE_FASHION_MNIST:
        return idx_load_fashion_mnist(out, err, errlen);
    case SOURCE_IDX:
        return idx_load_dir_within(name + 4, budget_bytes(cfg), out, err, errlen);
    case SOURCE_CSV: {
        CsvOptions opt = {.label_column = cfg->label_column,
                          .test_split = cfg->test_split,
                          .seed = cfg->arena.seed};
        return csv_load_within(name + 4, &opt, budget_bytes(cfg), out, err, errlen);
    }
    }
    return ST_INVAL;
}

int data_source_inputs(const AppConfig *cfg, char (*paths)[DATA_SOURCE_PATH])
{
    const char *name = cfg->dataset;
    const DataSourceInfo *src = data_source_find(name);
    if (!src || src->kind == SOURCE_SYNTHETIC)
        return 0;
    if (src->kind == SOURCE_CSV) {
        snprintf(paths[0], DATA_SOURCE_PATH, "%s", name + 4);
        return 1;
    }
    const char *dir = src->kind == SOURCE_FASHION_MNIST ? FASHION_MNIST_DIR : name + 4;
    int n = 0;
    for (int i = 0; idx_standard_name(i) && n + 2 <= DATA_SOURCE_MAX_INPUTS; i++)
        for (int gz = 0; gz < 2; gz++)
            snprintf(paths[n++], DATA_SOURCE_PATH, "%s/%s%s", dir, idx_standard_name(i),
                     gz ? ".gz" : "");
    return n;
}

bool data_source_seeded(const AppConfig *cfg)
{
    const DataSourceInfo *src = data_source_find(cfg->dataset);
    return !src || src->seeded;
}
