/* headless.h — the scriptable run: train, write CSV rows per evaluation, print the summary,
 * optionally export PNG figures. Progress goes to stderr only when it is a terminal. */
#ifndef LOSSARENA_SRC_HEADLESS_H
#define LOSSARENA_SRC_HEADLESS_H

#include "src/config.h"

/* Returns the process exit status: 0 success, 2 bad input, 1 other failure. */
int headless_run(const AppConfig *cfg);

#endif
