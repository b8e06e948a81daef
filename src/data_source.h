/* data_source.h — turns the --dataset choice into a DataSplit in memory. */
#ifndef LOSSARENA_SRC_DATA_SOURCE_H
#define LOSSARENA_SRC_DATA_SOURCE_H

#include <stddef.h>

#include "core/dataset.h"
#include "src/config.h"

/* Loads or generates cfg->dataset into out (owned by the caller: datasplit_free).
 * On failure, a one-line message naming the dataset and the problem goes to err. */
Status data_source_load(const AppConfig *cfg, DataSplit *out, char *err, size_t errlen);

/* The files cfg->dataset reads (none for synthetic sets): at most DATA_SOURCE_MAX_INPUTS paths
 * into paths[i] (each of DATA_SOURCE_PATH bytes); returns how many. For refusing an output that
 * would overwrite an input. */
#define DATA_SOURCE_MAX_INPUTS 8
#define DATA_SOURCE_PATH 4096
int data_source_inputs(const AppConfig *cfg, char (*paths)[DATA_SOURCE_PATH]);

#endif
