/* budget.h — the memory a run may use, decided before anything large is allocated: --max-memory,
 * or else three quarters of the memory the kernel says is available now (MemAvailable). A run
 * beyond it is refused with its figure ("needs 23.4 GB for 12 models; at most 7.6 GB") and exit 2,
 * instead of being killed by the kernel half-way. core counts the bytes; this module reads the
 * system. */
#ifndef LOSSARENA_SRC_BUDGET_H
#define LOSSARENA_SRC_BUDGET_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "src/config.h"

/* cfg->max_memory when given, else three quarters of the available memory (at least 64 MB: a
 * guess when the system does not say). */
uint64_t budget_bytes(const AppConfig *cfg);
/* The memory the system has available now, from /proc/meminfo (sysinfo when that is missing). */
uint64_t budget_available(void);
/* ST_OK when the models cfg asks for fit beside data within the budget; otherwise ST_RANGE
 * and one line in err with the figures. */
Status budget_check_arena(const AppConfig *cfg, const DataSplit *data, char *err, size_t errlen);

#endif
