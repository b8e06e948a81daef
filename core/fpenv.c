#include "core/fpenv.h"

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>

void fpenv_flush_subnormals(void)
{
    /* MXCSR bit 15: flush to zero; bit 6: denormals are zero. */
    _mm_setcsr(_mm_getcsr() | 0x8040u);
}
#else
void fpenv_flush_subnormals(void)
{
}
#endif
