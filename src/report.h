/* report.h — metrics as text: the CSV contract of DESIGN.md and the final summary
 * (table, csv or json). Writers take a FILE the caller owns; nothing here opens files. */
#ifndef LOSSARENA_SRC_REPORT_H
#define LOSSARENA_SRC_REPORT_H

#include <stdio.h>

#include "core/arena.h"
#include "src/config.h"

/* The contract's header row: step,epoch,loss,train_loss,train_acc,test_loss,test_acc,... */
void report_csv_header(FILE *f);
/* One row per model for the arena's latest evaluation. */
void report_csv_rows(FILE *f, const Arena *a);
/* The final summary, one row per model, in cfg->format. */
void report_summary(FILE *f, const Arena *a, const AppConfig *cfg);
/* "2-64-64-3 relu" into buf. */
void report_architecture(const Arena *a, char *buf, size_t n);

#endif
