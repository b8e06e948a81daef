/* events.h — the changes made to a run while it trains (learning rate, batch, optimizer,
 * activation, label or input noise, reseed, dataset), each with the step it applies before.
 * One line per change, the same syntax in a recorded session (--record), a replay (--replay)
 * and a preset: "at 500: --label-noise 0.3". Parsing checks everything (a malformed or
 * out-of-order line is an error naming the line); labels are short texts for marks on charts.
 * No I/O here beyond the FILE * a caller hands in. */
#ifndef LOSSARENA_SRC_EVENTS_H
#define LOSSARENA_SRC_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/status.h"
#include "ui/chart_build.h"

typedef enum {
    EVENT_LR,
    EVENT_BATCH,
    EVENT_OPTIMIZER,
    EVENT_ACTIVATION,
    EVENT_LABEL_NOISE,
    EVENT_INPUT_NOISE,
    EVENT_SEED, /* reseed: fresh identical weights from a new seed, back to step 0 */
    EVENT_DATASET,
    EVENT_KIND_COUNT
} EventKind;

#define EVENT_NAME_MAX 32

typedef struct {
    long step; /* applied between steps: before step `step` + 1 is taken */
    EventKind kind;
    double value;              /* lr, batch, noise level or seed */
    char name[EVENT_NAME_MAX]; /* optimizer, activation or dataset name; "" otherwise */
} Event;

/* The option an event kind is written as, without "--" (e.g. "label-noise"). */
const char *event_option(EventKind kind);

/* Parses one line "at STEP: --OPTION VALUE" into out and sets *is_event. Blank lines and '#'
 * comments are ST_OK with *is_event false. Anything else malformed: ST_INVAL with the reason
 * in err (no position; the caller adds file and line). Values are checked by the command
 * line's own parser, so they accept exactly what the option accepts. */
Status event_parse(const char *line, Event *out, bool *is_event, char *err, size_t errlen);

/* Writes ev as one line that event_parse reads back to the same event; ST_IO on error. */
Status event_write(FILE *f, const Event *ev);

/* A short label for a mark on a chart: "lr×2" / "lr÷2" when the new learning rate is a power of
 * two times before (prev > 0), else "lr 0.006"; "batch 128", "adam", "tanh", "noise 30%",
 * "input σ 0.2", "seed 2", "circles". UTF-8, at most n − 1 bytes. */
void event_label(const Event *ev, double prev, char *buf, size_t n);

/* A whole change list, in order of steps; fixed capacity so a session cannot grow memory. */
#define EVENT_LOG_MAX 512

typedef struct {
    int n;
    Event events[EVENT_LOG_MAX];
} EventLog;

/* Reads a change list from f (named path in messages): every line parsed, steps
 * non-decreasing. ST_INVAL with "PATH:LINE: reason" in err; ST_RANGE beyond EVENT_LOG_MAX. */
Status event_log_read(EventLog *log, FILE *f, const char *path, char *err, size_t errlen);
/* Appends ev; ST_RANGE when full, ST_INVAL when ev.step is before the last event's step. */
Status event_log_push(EventLog *log, const Event *ev);

/* Whether a change of this kind restarts the run (new seed, activation or dataset). */
bool event_restarts(EventKind kind);

/* Applies a change that does not restart the run (lr, batch, optimizer, label or input noise)
 * to every model of a, as the dashboard's keys do; ST_INVAL for one that restarts the run or a
 * value the arena refuses. */
Status event_apply(const Event *ev, Arena *a);

/* The marks of log's changes made by step upto, for charts (the newest when there are more
 * than a chart holds); lr0 is the learning rate before the first, for "lr×2" labels. */
void event_log_marks(const EventLog *log, long upto, double lr0, ChartView *v);

#endif
