#include "src/budget.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysinfo.h>

#include "core/memory_budget.h"

#define BUDGET_FLOOR (64ull << 20)

uint64_t budget_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    if (f) {
        char line[256];
        unsigned long long kb = 0;
        bool found = false;
        while (!found && fgets(line, sizeof line, f))
            found = sscanf(line, "MemAvailable: %llu kB", &kb) == 1;
        fclose(f);
        if (found)
            return (uint64_t)kb * 1024u;
    }
    struct sysinfo si;
    if (sysinfo(&si) == 0)
        return ((uint64_t)si.freeram + si.bufferram) * si.mem_unit;
    return 0;
}

uint64_t budget_bytes(const AppConfig *cfg)
{
    if (cfg->max_memory > 0)
        return cfg->max_memory;
    /* Three quarters: the estimate leaves out the allocator's overhead, the libraries and the
     * page cache others need; a run that close to the edge would thrash anyway. */
    uint64_t avail = budget_available() / 4 * 3;
    return avail > BUDGET_FLOOR ? avail : BUDGET_FLOOR;
}

static uint64_t split_bytes(const DataSplit *d)
{
    return dataset_bytes((uint64_t)d->train.n, (uint64_t)d->train.dim, d->train.x_u8 != NULL) +
           dataset_bytes((uint64_t)d->test.n, (uint64_t)d->test.dim, d->test.x_u8 != NULL);
}

Status budget_check_arena(const AppConfig *cfg, const DataSplit *data, char *err, size_t errlen)
{
    uint64_t models =
        arena_bytes(&cfg->arena, data->train.dim, data->train.k, data->train.n, data->test.n);
    uint64_t held = split_bytes(data), budget = budget_bytes(cfg);
    if (models + held <= budget)
        return ST_OK;
    char need[32], most[32], have[32];
    memory_bytes_text(models, need, sizeof need);
    memory_bytes_text(budget, most, sizeof most);
    memory_bytes_text(held, have, sizeof have);
    snprintf(err, errlen,
             "needs %s for %d model%s of %d inputs (beside %s of data); at most %s (%s)", need,
             cfg->arena.n_losses, cfg->arena.n_losses == 1 ? "" : "s", data->train.dim, have, most,
             cfg->max_memory ? "--max-memory" : "the available memory; change with --max-memory");
    return ST_RANGE;
}
