/* progress.h — what a headless run says on stderr while it works. On a terminal: one line,
 * redrawn at most 4 times a second, with the run (grid point and seed), steps, rate and ETA,
 * erased at the end. On a pipe or file: one line per finished run of a grid, nothing for a
 * single run (its stderr stays empty for scripts). */
#ifndef LOSSARENA_SRC_PROGRESS_H
#define LOSSARENA_SRC_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    FILE *out;          /* borrowed: stderr */
    bool tty;
    int n_mine, done;   /* runs this process does, and finished so far */
    int n_runs;         /* runs in the whole grid */
    int run;            /* the grid index of the current run */
    char label[200];    /* "lr=0.001 seed 2" */
    long total;         /* steps of the current run */
    double t0, run_t0, last_draw;
    bool drawn;
} Progress;

void progress_init(Progress *p, FILE *out, bool tty, int n_mine, int n_runs);
void progress_run_start(Progress *p, int run, const char *label, long total_steps);
/* Cheap to call every step: draws only on a terminal and only every 0.25 s. */
void progress_step(Progress *p, long step);
void progress_run_done(Progress *p, long steps);
/* Erases the terminal line. */
void progress_end(Progress *p);

#endif
