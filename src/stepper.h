/* stepper.h — the one training-step sequence of both runners (headless and the dashboard's
 * trainer): evaluate when due, one lock-step step on the workers, and the evaluation rows of
 * the --csv file. Evaluations during training score the arena's fixed subsets; the final one
 * (stepper_evaluate with final) scores the whole test set and is marked final in the CSV.
 * The evaluation schedule reads the training state and never changes it. */
#ifndef LOSSARENA_SRC_STEPPER_H
#define LOSSARENA_SRC_STEPPER_H

#include <stdbool.h>
#include <stdio.h>

#include "core/arena.h"
#include "src/config.h"
#include "src/workers.h"

typedef struct {
    Workers *workers;     /* borrowed */
    Arena *arena;         /* borrowed */
    FILE *csv;            /* borrowed: rows go here after every evaluation, or NULL */
    const AppConfig *cfg; /* borrowed: the run's own configuration (no grid), for the rows'
                             config column; needed with csv */
    const char *csv_tail; /* borrowed: extra columns of every row (the grid point), or "" */
    long final_step;      /* no subset evaluation at this step: the caller evaluates it in
                             full (0 = none) */
} Stepper;

/* Evaluates every model now (on the whole test set when final) and writes their CSV rows. */
void stepper_evaluate(Stepper *s, bool final);
/* The evaluation due before the step, one step of every model, and the one due after it
 * (unless the arena reached final_step). Returns whether it evaluated. */
bool stepper_step(Stepper *s);

#endif
