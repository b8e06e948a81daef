#include "src/blas_kernel.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/blas.h"

#define CORETYPE_VAR "OPENBLAS_CORETYPE"
/* Set across the re-execution to what OPENBLAS_CORETYPE was ("" for unset): it says the program
 * has been started again (so it never loops) and what the environment had asked for. */
#define RESTARTED_VAR "LOSSARENA_BLAS_RESTARTED"

static char overridden[64]; /* the environment's OPENBLAS_CORETYPE we set aside, or "" */

/* Restores OPENBLAS_CORETYPE to old ("" = unset) after a re-execution that did not happen. */
static void restore(const char *old)
{
    if (old[0])
        setenv(CORETYPE_VAR, old, 1);
    else
        unsetenv(CORETYPE_VAR);
    unsetenv(RESTARTED_VAR);
}

/* Starts this program again with OPENBLAS_CORETYPE = kernel (NULL: unset). Returns only when
 * it could not, with the environment as it was. It executes the file /proc/self/exe links to,
 * not the link, so the process keeps its name (pgrep lossarena, ps) as well as its pid. */
static void restart(char **argv, const char *kernel)
{
    char self[4096];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len <= 0 || (size_t)len >= sizeof self - 1)
        return;
    self[len] = '\0';
    const char *pin = getenv(CORETYPE_VAR);
    char old[sizeof overridden];
    snprintf(old, sizeof old, "%s", pin ? pin : "");
    if (setenv(RESTARTED_VAR, old, 1) != 0)
        return;
    if ((kernel ? setenv(CORETYPE_VAR, kernel, 1) : unsetenv(CORETYPE_VAR)) == 0) {
        fflush(NULL);
        execv(self, argv); /* fails on a binary deleted since it started: "(deleted)" */
    }
    restore(old);
}

int blas_kernel_select(const char *want, char **argv, char *err, size_t n)
{
    if (!want)
        want = BLAS_KERNEL_AUTO;
    bool is_auto = strcmp(want, BLAS_KERNEL_AUTO) == 0;
    bool is_named = !is_auto && strcmp(want, BLAS_KERNEL_ENV) != 0;
    const char *restarted = getenv(RESTARTED_VAR);
    if (restarted) { /* this is the program started again: the kernel is what it will be */
        snprintf(overridden, sizeof overridden, "%s", restarted);
        unsetenv(RESTARTED_VAR);
    } else {
        const char *pin = getenv(CORETYPE_VAR);
        if (is_auto && pin)
            restart(argv, NULL);
        else if (is_named && !(pin && strcasecmp(pin, want) == 0))
            restart(argv, want);
    }
    if (is_named && strcasecmp(blas_core_name(), want) != 0) {
        snprintf(err, n,
                 "--blas-kernel: OpenBLAS runs its '%s' kernel, not '%s' (a name it does not "
                 "know, or a kernel this CPU cannot run; 'auto' picks the best one)",
                 blas_core_name(), want);
        return 2;
    }
    return 0;
}

const char *blas_kernel_overridden(void)
{
    return overridden[0] ? overridden : NULL;
}
