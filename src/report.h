/* report.h — results as text: the CSV contract of DESIGN.md, the final summary of one run
 * (table, csv or json), and the summary of repeated or swept runs. Writers take a FILE the
 * caller owns; nothing here opens files. */
#ifndef LOSSARENA_SRC_REPORT_H
#define LOSSARENA_SRC_REPORT_H

#include <stdio.h>

#include "core/arena.h"
#include "src/config.h"

/* Room for provenance_options' string. */
#define REPORT_CONFIG_MAX 2048

/* What one run ended with: plain data, kept after the arena is gone. */
typedef struct {
    int n_models;
    LossId loss[ARENA_MAX_MODELS];
    EvalResult last[ARENA_MAX_MODELS];
    bool diverged[ARENA_MAX_MODELS];
    long diverged_step[ARENA_MAX_MODELS];
    DivergeReason diverged_why[ARENA_MAX_MODELS];
    float diverged_lr[ARENA_MAX_MODELS];
    long steps_to_target[ARENA_MAX_MODELS]; /* first evaluated step with test acc >= target */
    long step;
    double epoch;
    bool interrupted; /* stopped by a signal before its last step */
    ArenaConfig cfg;
    char dataset[64];
    char arch[64];
} RunResult;

/* Fills r from a's state (steps_to_target is left alone: the runner tracks it). */
void run_result_take(RunResult *r, const Arena *a);

/* The contract's header row: step,epoch,loss,train_loss,train_acc,test_loss,test_acc,... */
void report_csv_header(FILE *f);
/* One row per model for the arena's latest evaluation; cfg with a's live settings makes the
 * config column. */
void report_csv_rows(FILE *f, const Arena *a, const AppConfig *cfg);
/* The one wording of a divergence, "NaN loss at step 812, lr 3", with what to try added when
 * it happened in the first steps ("...; try a smaller --lr or another --init"). */
void report_divergence(char *buf, size_t n, DivergeReason why, long step, float lr);
/* The final summary of one run, one row per model, in cfg->format. */
void report_summary(FILE *f, const RunResult *r, const AppConfig *cfg);
/* "2-64-64-3 relu" into buf. */
void report_architecture(const Arena *a, char *buf, size_t n);

/* Mean and sample standard deviation of model m's final test accuracy over runs[0..n_seeds). */
void report_test_acc_stats(const RunResult *runs, int n_seeds, int m, double *mean, double *sd);

/* Repeated runs: runs[level * n_seeds + seed], one level when there is no sweep. Prints mean
 * ± std over seeds per loss (and per level), in cfg->format. */
void report_experiment(FILE *f, const RunResult *runs, int n_levels, int n_seeds,
                       const AppConfig *cfg);

#endif
