/* shard.h — what makes a --shard CSV mergeable: which runs a shard does (the same split in
 * every process), the provenance line a shard file starts with, and one exact record per run
 * after that run's rows. Both are '#' comment lines, so the rest is the ordinary CSV:
 *
 *   # lossarena shard K/N runs=R version=V args=<the run-defining options, %-escaped>
 *   step,epoch,loss,...                      (the header, as without --shard)
 *   ...rows of one run...
 *   # run R <final results of that run, floats in hex so they read back bit for bit>
 *
 * An unsharded run and `lossarena merge` write no comment lines. */
#ifndef LOSSARENA_SRC_SHARD_H
#define LOSSARENA_SRC_SHARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "src/config.h"
#include "src/report.h"

#define SHARD_MAGIC "# lossarena shard "

/* The runs of shard k of n for cfg, in run order, into out (room for grid_runs); returns the
 * count, -1 when out of memory. n = 0: every run. */
int shard_plan(const AppConfig *cfg, int k, int n, int *out);

/* Appends tok to buf (space-separated), '%'-escaping space, '%' and control bytes. */
void shard_escape(char *buf, size_t n, size_t *used, const char *tok);
/* Splits an escaped list in place into its tokens; count, or -1 when more than max. */
int shard_unescape_split(char *text, char **tokens, int max);

/* The provenance line (with its newline) into buf. */
void shard_preamble(const AppConfig *cfg, char *buf, size_t n);
/* The record of run `run`, after its rows. */
void shard_write_run(FILE *f, int run, const RunResult *r);
/* Parses a record line ("# run ..."); false when it is malformed. cfg of r is left alone. */
bool shard_read_run(const char *line, int *run, RunResult *r);

#endif
