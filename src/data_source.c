/* data_source.c — dispatches on the dataset name: a synthetic generator, Debian's
 * Fashion-MNIST, an IDX directory or a CSV file. */
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

Status data_source_load(const AppConfig *cfg, DataSplit *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    const char *name = cfg->dataset;
    int kind = synth_by_name(name);
    if (kind >= 0)
        return load_synthetic(cfg, (SynthKind)kind, out, err, errlen);
    if (strcmp(name, "fashion-mnist") == 0)
        return idx_load_fashion_mnist(out, err, errlen);
    /* A loader refuses a file whose data alone would not fit, before reading its payload. */
    if (strncmp(name, "idx:", 4) == 0)
        return idx_load_dir_within(name + 4, budget_bytes(cfg), out, err, errlen);
    if (strncmp(name, "csv:", 4) == 0) {
        CsvOptions opt = {.label_column = cfg->label_column,
                          .test_split = cfg->test_split,
                          .seed = cfg->arena.seed};
        return csv_load_within(name + 4, &opt, budget_bytes(cfg), out, err, errlen);
    }
    snprintf(err, errlen, "unknown dataset '%s'", name);
    return ST_INVAL;
}

int data_source_inputs(const AppConfig *cfg, char (*paths)[DATA_SOURCE_PATH])
{
    const char *name = cfg->dataset;
    if (strncmp(name, "csv:", 4) == 0) {
        snprintf(paths[0], DATA_SOURCE_PATH, "%s", name + 4);
        return 1;
    }
    const char *dir = strcmp(name, "fashion-mnist") == 0 ? FASHION_MNIST_DIR
                      : strncmp(name, "idx:", 4) == 0    ? name + 4
                                                         : NULL;
    if (!dir)
        return 0;
    int n = 0;
    for (int i = 0; idx_standard_name(i) && n + 2 <= DATA_SOURCE_MAX_INPUTS; i++)
        for (int gz = 0; gz < 2; gz++)
            snprintf(paths[n++], DATA_SOURCE_PATH, "%s/%s%s", dir, idx_standard_name(i),
                     gz ? ".gz" : "");
    return n;
}
