/* blas_kernel.h — which OpenBLAS kernel runs the models (--blas-kernel).
 *
 * OpenBLAS picks its kernel once, as the library loads: the one OPENBLAS_CORETYPE names, else
 * the best its CPU detection finds. Some machines pin an older kernel for every program
 * (lossarena's reference machine sets OPENBLAS_CORETYPE=Haswell on an AVX-512 Zen 5, which
 * runs sgemm, and so training, at about 0.6 of the rate its AVX-512 kernels give). The kernel
 * cannot change once the library is loaded, so choosing another one means starting the
 * program again with the environment changed: blas_kernel_select does that, once, before the
 * program has done anything (no thread, no file, no terminal). */
#ifndef LOSSARENA_SRC_BLAS_KERNEL_H
#define LOSSARENA_SRC_BLAS_KERNEL_H

#include <stddef.h>

/* --blas-kernel's words besides a kernel name. */
#define BLAS_KERNEL_AUTO "auto" /* OpenBLAS's own choice for the CPU, pin or not (default) */
#define BLAS_KERNEL_ENV "env"   /* whatever OPENBLAS_CORETYPE says, as any OpenBLAS program */

/* Applies want (auto, env or a kernel name such as Haswell or SkylakeX; NULL = auto): when
 * the loaded kernel may differ from the one wanted, re-executes this program (argv as given)
 * with OPENBLAS_CORETYPE changed, and does not return. Returns 0 to go on with the kernel
 * loaded: the one wanted, or the one there is when the program cannot be started again (no
 * /proc). Returns 2 with a message in err when OpenBLAS does not run the kernel named: OpenBLAS
 * quietly falls back to its own choice for a name it does not know or a CPU that cannot run it. */
int blas_kernel_select(const char *want, char **argv, char *err, size_t n);

/* The OPENBLAS_CORETYPE that blas_kernel_select set aside ("Haswell"), or NULL when the
 * environment's choice stands: --version says it under the kernel that runs. */
const char *blas_kernel_overridden(void);

#endif
