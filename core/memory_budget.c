/* memory_budget.c — the bytes an arena and a dataset will hold, computed from their shapes
 * before anything is allocated, so a run that cannot fit is refused with a number instead of
 * being killed by the kernel half-way. Mirrors the allocations of arena_init (its slab: the
 * pieces of mlp_init_in, optim_init_in and its own) and dataset_alloc;
 * tests/core/test_memory_budget.c measures them against it. */
#include "core/memory_budget.h"

#include <stdio.h>

#include "core/arena.h"

uint64_t arena_bytes(const ArenaConfig *cfg, int dim, int k, int n_train, int n_test)
{
    const uint64_t f = sizeof(float), mb = (uint64_t)(cfg->max_batch > 0 ? cfg->max_batch
                                                      : cfg->batch > 512 ? cfg->batch
                                                                         : 512);
    const uint64_t n = (uint64_t)n_train, d = (uint64_t)dim;
    /* shared: labels, flipped marks, order, the minibatch, the evaluation samples */
    uint64_t shared = n * 4 + n + n * 4 + mb * 4 + mb * d * f + mb * 4 + n * 4 +
                      (uint64_t)n_test * 4 +
                      mb * sizeof(Rng); /* where each minibatch row's input noise starts */
    uint64_t params = 0, acts = 0, widest = 0;
    uint64_t width[MLP_MAX_HIDDEN + 2];
    width[0] = d;
    for (int l = 0; l < cfg->n_hidden; l++)
        width[l + 1] = (uint64_t)cfg->hidden[l];
    width[cfg->n_hidden + 1] = (uint64_t)k;
    for (int l = 0; l <= cfg->n_hidden; l++) {
        params += width[l + 1] * width[l] + width[l + 1];
        acts += mb * width[l + 1];
        widest = width[l + 1] > widest ? width[l + 1] : widest;
    }
    /* Evaluation subsets: a split of up to ARENA_EVAL_TEST is evaluated whole. */
    uint64_t eval_n = n <= ARENA_EVAL_TEST ? n : ARENA_EVAL_TRAIN;
    uint64_t eval_t = (uint64_t)n_test <= ARENA_EVAL_TEST ? (uint64_t)n_test : ARENA_EVAL_TEST;
    shared += (eval_n + eval_t) * d * f;           /* the subsets as floats, gathered once */
    shared += (eval_n + eval_t) * (uint64_t)k * f; /* their logits, shared by equal weights */
    shared += eval_n * (4 + 1);              /* the training subset's true labels and flip marks */
    uint64_t model = params * f * 2          /* parameters and gradients */
                     + params * f * 2        /* optimizer moments */
                     + acts * f              /* activations of a minibatch */
                     + 2 * mb * widest * f   /* backward deltas */
                     + mb * (uint64_t)k * f  /* loss gradients */
                     + mb * d * f + mb * 4   /* evaluation scratch */
                     + eval_n * f            /* margins */
                     + eval_n * (2 * f + 1); /* diagnostics: margins, gradient norms, flips */
    if (dim == 2)
        model += ARENA_GRID * ARENA_GRID * (1 + f);
    return shared + (uint64_t)cfg->n_losses * model;
}

uint64_t dataset_bytes(uint64_t n, uint64_t dim, bool u8)
{
    return n * dim * (u8 ? 1 : sizeof(float)) + n * sizeof(int32_t);
}

void memory_bytes_text(uint64_t bytes, char *buf, size_t n)
{
    static const char *const units[] = {"bytes", "KB", "MB", "GB", "TB", "PB"};
    double v = (double)bytes;
    int u = 0;
    while (v >= 1000.0 && u < 5) {
        v /= 1000.0;
        u++;
    }
    if (u == 0)
        snprintf(buf, n, "%llu bytes", (unsigned long long)bytes);
    else
        snprintf(buf, n, "%.1f %s", v, units[u]);
}
