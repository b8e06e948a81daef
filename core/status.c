#include "core/status.h"

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
