/* memory_budget.h — how many bytes a run will need, known before it allocates: the arena's
 * (parameters, gradients, optimizer state, activations and evaluation scratch, times the
 * models) and a dataset's. The caller decides the budget (src/budget.h); core only counts. */
#ifndef LOSSARENA_CORE_MEMORY_BUDGET_H
#define LOSSARENA_CORE_MEMORY_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

/* Bytes arena_init allocates for cfg on data of dim features, k classes and n_train/n_test
 * examples (the data itself not included). cfg must pass arena_config_check. */
uint64_t arena_bytes(const ArenaConfig *cfg, int dim, int k, int n_train, int n_test);
/* Bytes of a Dataset of n examples of dim features (uint8 or float) and their labels. */
uint64_t dataset_bytes(uint64_t n, uint64_t dim, bool u8);
/* "23.4 GB" (decimal units, as df -H and most people count) into buf. */
void memory_bytes_text(uint64_t bytes, char *buf, size_t n);

#endif
