/* headless.h — the scriptable run: train, write CSV rows per evaluation, print the summary,
 * optionally export PNG figures. Progress goes to stderr only when it is a terminal. */
#ifndef LOSSARENA_SRC_HEADLESS_H
#define LOSSARENA_SRC_HEADLESS_H

#include <stdbool.h>
#include <stdio.h>

#include "src/config.h"
#include "src/report.h"

/* Returns the process exit status: 0 success, 2 bad input, 1 other failure. */
int headless_run(const AppConfig *cfg);
/* A single run (no grid axes, one seed) prints the one-run summary; others the grid's. */
bool headless_is_single(const AppConfig *cfg);
/* The summary of runs[0..grid_runs) on f, in cfg->format: what a run and a merge print. */
void headless_print_summary(FILE *f, const RunResult *runs, const AppConfig *cfg, bool single);

#endif
