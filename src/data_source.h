/* data_source.h — turns the --dataset choice into a DataSplit in memory. */
#ifndef LOSSARENA_SRC_DATA_SOURCE_H
#define LOSSARENA_SRC_DATA_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/dataset.h"
#include "src/config.h"

/* Loads or generates cfg->dataset into out (owned by the caller: datasplit_free).
 * On failure, a one-line message naming the dataset and the problem goes to err. */
Status data_source_load(const AppConfig *cfg, DataSplit *out, char *err, size_t errlen);
/* Whether the data depend on the seed (synthetic sets are drawn from it, CSV files split by
 * it); image data do not, so the runs of a grid can share one copy. */
bool data_source_seeded(const AppConfig *cfg);

#endif
