/* data_source.h — the one table of --dataset kinds (what a name means, whether it is image data,
 * whether the seed draws it) and the loader that turns the choice into a DataSplit in memory.
 * The command line, --help, the defaults for image data, a grid's run costs and the loaders
 * all read the table. */
#ifndef LOSSARENA_SRC_DATA_SOURCE_H
#define LOSSARENA_SRC_DATA_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/dataset.h"
#include "src/config.h"

typedef enum {
    SOURCE_SYNTHETIC,     /* a generator of core/dataset_synth.c, by its name */
    SOURCE_FASHION_MNIST, /* Debian's dataset-fashion-mnist */
    SOURCE_IDX,           /* idx:DIR, the four standard IDX files */
    SOURCE_CSV,           /* csv:FILE */
} SourceKind;

typedef struct {
    SourceKind kind;
    const char *name;    /* "fashion-mnist", or the prefix "idx:" / "csv:"; NULL: synthetic */
    const char *usage;   /* how --help writes it: "idx:DIR" */
    const char *path;    /* what follows the prefix, for messages ("directory"), or NULL */
    const char *example; /* a whole value, for messages: "idx:data/mnist" */
    bool image;          /* 28×28 images: the image defaults (wider net, batch 128, ...) apply */
    bool seeded;         /* drawn (synthetic) or split (CSV) by the seed; else shared by a grid */
    int nominal_inputs;  /* a typical input width, for the relative cost of a grid's runs */
} DataSourceInfo;

/* The entry of a --dataset value (a synthetic name, "fashion-mnist", "idx:…", "csv:…"), NULL
 * when it is none of them. */
const DataSourceInfo *data_source_find(const char *dataset);
/* "spiral (default), circles, …, fashion-mnist, idx:DIR, csv:FILE" into out, for --help and
 * messages. */
void data_source_names(char *out, size_t n);

/* Loads or generates cfg->dataset into out (owned by the caller: datasplit_free).
 * On failure, a one-line message naming the dataset and the problem goes to err. */
Status data_source_load(const AppConfig *cfg, DataSplit *out, char *err, size_t errlen);
/* Whether the data depend on the seed (synthetic sets are drawn from it, CSV files split by
 * it); image data do not, so the runs of a grid can share one copy. */
bool data_source_seeded(const AppConfig *cfg);

/* The files cfg->dataset reads (none for synthetic sets): at most DATA_SOURCE_MAX_INPUTS paths
 * into paths[i] (each of DATA_SOURCE_PATH bytes); returns how many. For refusing an output that
 * would overwrite an input. */
#define DATA_SOURCE_MAX_INPUTS 8
#define DATA_SOURCE_PATH 4096
int data_source_inputs(const AppConfig *cfg, char (*paths)[DATA_SOURCE_PATH]);

#endif
