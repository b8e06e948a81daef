/* cli_values.c — see cli_parser.h: the value checkers of the option handlers. */
#include "src/cli_parser.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

Status cli_fail(Parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err, p->errlen, fmt, ap);
    va_end(ap);
    return ST_INVAL;
}

Status cli_parse_double_in(Parser *p, const char *opt, const char *val, double lo, double hi,
                           bool lo_open, bool hi_open, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(val, &end);
    if (end == val || *end != '\0' || errno == ERANGE || !isfinite(v) ||
        isspace((unsigned char)*val))
        return cli_fail(p, "--%s: '%s' is not a number", opt, val);
    if (v < lo || (lo_open && v == lo) || v > hi || (hi_open && v == hi))
        return cli_fail(p, "--%s: %s is out of range %s%g, %g%s", opt, val, lo_open ? "(" : "[", lo,
                        hi, hi_open ? ")" : "]");
    *out = v;
    return ST_OK;
}

Status cli_parse_double(Parser *p, const char *opt, const char *val, double lo, double hi,
                        bool lo_open, double *out)
{
    return cli_parse_double_in(p, opt, val, lo, hi, lo_open, false, out);
}

/* A decimal integer and nothing else: no sign tricks (" -1" is not a large unsigned number),
 * no blanks, no overflow. */
static bool is_integer_text(const char *val, bool allow_minus)
{
    const char *d = val + (*val == '+' || (allow_minus && *val == '-'));
    return isdigit((unsigned char)*d);
}

Status cli_parse_long(Parser *p, const char *opt, const char *val, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = is_integer_text(val, true) ? strtol(val, &end, 10) : 0;
    if (!is_integer_text(val, true) || *end != '\0' || errno == ERANGE)
        return cli_fail(p, "--%s: '%s' is not an integer", opt, val);
    if (v < lo || v > hi)
        return cli_fail(p, "--%s: %ld is out of range [%ld, %ld]", opt, v, lo, hi);
    *out = v;
    return ST_OK;
}

Status cli_parse_int(Parser *p, const char *opt, const char *val, int lo, int hi, int *out)
{
    long v = 0;
    Status st = cli_parse_long(p, opt, val, lo, hi, &v);
    if (st == ST_OK)
        *out = (int)v;
    return st;
}
