#include "core/status.h"

#include <stdarg.h>
#include <stdio.h>

const char *status_str(Status s)
{
    switch (s) {
#define STATUS_CASE(name, msg)                                                                     \
    case name:                                                                                     \
        return msg;
        STATUS_LIST(STATUS_CASE)
#undef STATUS_CASE
    }
    return "unknown status";
}

void status_message(char *err, size_t errlen, const char *fmt, ...)
{
    if (err == NULL || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}
