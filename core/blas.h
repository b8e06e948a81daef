/* blas.h — the one door to BLAS. Every matrix product in lossarena goes through blas_sgemm, so
 * the row-major convention, the threading policy and any instrumentation live in one place. */
#ifndef LOSSARENA_CORE_BLAS_H
#define LOSSARENA_CORE_BLAS_H

#include <stdbool.h>

/* C(m,n) = alpha * op(A) * op(B) + beta * C, all row-major.
 * op(A) is (m,k): A is (m,k) with lda >= k, or (k,m) with lda >= m when trans_a.
 * op(B) is (k,n): B is (k,n) with ldb >= n, or (n,k) with ldb >= k when trans_b. */
void blas_sgemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float *a,
                int lda, const float *b, int ldb, float beta, float *c, int ldc);

/* Makes OpenBLAS run on the calling thread only. Parallelism comes from our own workers (one
 * model per worker), so results never depend on the thread count. Call once at start-up. */
void blas_use_single_thread(void);

/* The kernel OpenBLAS chose ("Haswell", "SkylakeX", ...), for benchmarks; static string. */
const char *blas_core_name(void);

/* How OpenBLAS was built ("OpenBLAS 0.3.21 DYNAMIC_ARCH ..."), for provenance; static string. */
const char *blas_config(void);

#endif
