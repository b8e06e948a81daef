/* cli.h — the command line (DESIGN.md's stable contract) into an AppConfig.
 * Errors come back as one line naming the problem; the caller prints it and exits 2. */
#ifndef LOSSARENA_SRC_CLI_H
#define LOSSARENA_SRC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/status.h"
#include "src/config.h"

/* The defaults of `lossarena` with no arguments. */
void cli_defaults(AppConfig *cfg);
/* Parses argv over cli_defaults. ST_INVAL with a one-line message in err on bad usage. */
Status cli_parse(int argc, char **argv, AppConfig *cfg, char *err, size_t errlen);
void cli_print_help(FILE *out);
/* The i-th option of the table --help prints (name without "--", metavar NULL for a flag);
 * false past the end. For the man page (src/manpage.h), so it cannot drift from --help. */
bool cli_option_at(int i, const char **name, const char **metavar, char *help, size_t help_len);
/* Comma-separated loss ids, in table order, into buf; for messages. */
void cli_loss_list(char *buf, size_t n);
/* Total training steps the config asks for, given the training-set size. */
long cli_total_steps(const AppConfig *cfg, int n_train);
/* Fashion-MNIST or an IDX directory: the data that gets the image defaults. */
bool cli_image_data(const char *dataset);

/* What an option does to a run; every option in the table says which. */
typedef enum {
    OPTION_EFFECT_UNSET,    /* a new option nobody classified: the provenance test fails */
    OPTION_CHANGES_RESULTS, /* must appear in provenance_options */
    OPTION_OUTPUT_ONLY,     /* what is shown or written, or how fast; never a number */
    OPTION_SETS_OTHERS      /* --preset: only through the options it sets */
} OptionEffect;
/* Number of options in the table, and option i's name (without "--"), effect and whether it
 * takes a value (either out-pointer may be NULL); NULL when i is out of range. */
int cli_option_count(void);
const char *cli_option_name(int i, OptionEffect *effect, bool *takes_value);

#endif
