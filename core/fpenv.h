/* fpenv.h — the floating-point environment of a training thread.
 * Subnormal floats are 10–100× slower on x86. Adam's second moments decay into that range
 * (a profile of the dashboard showed a third of the time in the Adam loop), so training
 * threads flush subnormals to zero, as TensorFlow does by default. Values that small do not
 * change an update (ε = 1e-8 dominates √v), and every thread uses the same mode, so runs stay
 * bit-identical whatever the thread count. */
#ifndef LOSSARENA_CORE_FPENV_H
#define LOSSARENA_CORE_FPENV_H

/* Flush-to-zero and denormals-are-zero on the calling thread (no-op where unsupported). */
void fpenv_flush_subnormals(void);

#endif
