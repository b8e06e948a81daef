/* cli_parser.h — private to the command-line modules: the parser's state, a row of the option
 * table, and the value checkers every option handler uses. src/cli_values.c checks values,
 * src/cli_options.c holds the table and its handlers (and --help), src/cli.c runs the parse and
 * the checks across options. Other modules read src/cli.h only. */
#ifndef LOSSARENA_SRC_CLI_PARSER_H
#define LOSSARENA_SRC_CLI_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"
#include "src/cli.h"
#include "src/config.h"

typedef struct {
    AppConfig *cfg; /* borrowed: filled in place */
    char *err;      /* borrowed: the one-line message of a failure */
    size_t errlen;
    bool hidden_given, batch_given, eval_every_given, figure_given;
    bool nesterov;                /* applied after parsing, whatever the order of the options */
    bool steps_seen, epochs_seen; /* in the current source (preset or command line) */
} Parser;

typedef Status (*OptionFn)(Parser *p, const char *opt, const char *val);

typedef struct {
    const char *name;    /* without the leading "--" */
    const char *metavar; /* NULL: a flag without value */
    const char *help;
    OptionFn set;
    OptionEffect effect; /* every option says; tests/app/test_provenance.c checks the table */
} OptionDef;

/* Writes the message into p->err; returns ST_INVAL, so handlers `return cli_fail(...)`. */
Status cli_fail(Parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A finite number in [lo, hi] (ends open as asked), an integer in [lo, hi]: else a message
 * naming --opt and the value. Intervals print as mathematics writes them: "[0, 1)". */
Status cli_parse_double_in(Parser *p, const char *opt, const char *val, double lo, double hi,
                           bool lo_open, bool hi_open, double *out);
Status cli_parse_double(Parser *p, const char *opt, const char *val, double lo, double hi,
                        bool lo_open, double *out);
Status cli_parse_long(Parser *p, const char *opt, const char *val, long lo, long hi, long *out);
Status cli_parse_int(Parser *p, const char *opt, const char *val, int lo, int hi, int *out);

/* The option table in --help order (*n its length), and the row of a name of len bytes. */
const OptionDef *cli_options(int *n);
const OptionDef *cli_find_option(const char *name, size_t len);
/* The option takes every word up to the next option (--grid AXIS=V AXIS=V). */
bool cli_option_takes_words(const OptionDef *def);

#endif
