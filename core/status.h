/* status.h — the status codes every fallible core function returns.
 * One X-macro list gives the enum and the messages, so they never drift apart.
 * Core never prints or exits: it returns one of these and the caller reports it. */
#ifndef LOSSARENA_CORE_STATUS_H
#define LOSSARENA_CORE_STATUS_H

#include <stddef.h>

#define STATUS_LIST(X)                                                                             \
    X(ST_OK, "ok")                                                                                 \
    X(ST_NOMEM, "out of memory")                                                                   \
    X(ST_INVAL, "invalid argument")                                                                \
    X(ST_RANGE, "value out of range")                                                              \
    X(ST_IO, "input/output error")                                                                 \
    X(ST_FORMAT, "malformed input")

typedef enum {
#define STATUS_ENUM(name, msg) name,
    STATUS_LIST(STATUS_ENUM)
#undef STATUS_ENUM
} Status;

/* A static string describing s; never NULL. */
const char *status_str(Status s);

#if defined(__GNUC__)
#define STATUS_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define STATUS_PRINTF(fmt, args)
#endif

/* Formats one line of error detail into err[errlen] for the caller to report (nothing when err
 * is NULL or errlen is 0). Core's way of saying what went wrong without printing. */
void status_message(char *err, size_t errlen, const char *fmt, ...) STATUS_PRINTF(3, 4);

#endif
