/* signals.h — the stop signals of a headless run (SIGINT, SIGTERM, SIGHUP, SIGPIPE) become a
 * flag the runner checks between steps, so an interrupted run keeps what it did: the step ends,
 * the CSV rows so far are renamed into place, the summary says "interrupted", and the process
 * exits 128 + the signal. The one piece of global state a signal handler needs. */
#ifndef LOSSARENA_SRC_SIGNALS_H
#define LOSSARENA_SRC_SIGNALS_H

/* Installs the handlers (without SA_RESTART: a blocked write returns EINTR instead of hanging). */
void signals_install(void);
/* The first stop signal received since signals_install, or 0. */
int signals_pending(void);

#endif
