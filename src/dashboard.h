/* dashboard.h — the interactive terminal UI: the main thread owns curses, the trainer thread
 * trains, and they meet only in commands and snapshots. */
#ifndef LOSSARENA_SRC_DASHBOARD_H
#define LOSSARENA_SRC_DASHBOARD_H

#include "src/config.h"

/* Runs until `q` or a signal; the terminal is restored on every path. Returns the exit status
 * (0 on `q`, 2 bad input, 1 other failure, 128+N after signal N). */
int dashboard_run(const AppConfig *cfg);

#endif
