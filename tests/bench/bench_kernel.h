/* bench_kernel.h — the OpenBLAS kernel a benchmark runs, chosen as the program chooses it
 * (src/blas_kernel.h): auto, or what BENCH_BLAS_KERNEL says (env: the environment's
 * OPENBLAS_CORETYPE; or a kernel name). Then OpenBLAS single-threaded, as the workers want it. */
#ifndef LOSSARENA_TESTS_BENCH_KERNEL_H
#define LOSSARENA_TESTS_BENCH_KERNEL_H

#include <stdio.h>
#include <stdlib.h>

#include "core/blas.h"
#include "src/blas_kernel.h"

/* 0 when the kernel is set; otherwise says why on stderr and returns the exit code (2). */
static inline int bench_kernel_select(char **argv)
{
    char why[256];
    if (blas_kernel_select(getenv("BENCH_BLAS_KERNEL"), argv, why, sizeof why) != 0) {
        fprintf(stderr, "%s\n", why);
        return 2;
    }
    blas_use_single_thread();
    return 0;
}

#endif
