/* trainer.h — the dashboard's training thread. It owns the data, the arena and the worker
 * pool; the UI thread talks to it only through commands (applied between steps, to every model
 * at once) and reads it only through published Snapshots (copied under a mutex, with a
 * sequence number). When paused it sleeps on a condition variable; at a set pace it sleeps on
 * the same variable until the next step is due, so a command still wakes it at once. */
#ifndef LOSSARENA_SRC_TRAINER_H
#define LOSSARENA_SRC_TRAINER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/snapshot.h"
#include "src/config.h"
#include "src/csv_file.h"
#include "src/events.h"
#include "src/output.h"
#include "src/workers.h"
#include "ui/chart_build.h"

typedef enum {
    CMD_RUN_TOGGLE,
    CMD_STEP,
    CMD_RESET,
    CMD_RESEED,
    CMD_LR_SCALE,    /* arg: factor */
    CMD_BATCH_SCALE, /* arg: factor */
    CMD_OPTIMIZER_NEXT,
    CMD_ACTIVATION_NEXT,
    CMD_LABEL_NOISE_NEXT,
    CMD_INPUT_NOISE_NEXT,
    CMD_DATASET_NEXT,
    CMD_PACE, /* arg: steps per second, 0 = as fast as it goes */
} CommandKind;

typedef struct {
    CommandKind kind;
    double arg;
} Command;

#define TRAINER_QUEUE 64

typedef struct {
    /* Owned by the training thread once started. */
    AppConfig cfg;
    DataSplit data;
    Arena arena;
    Workers workers;
    Snapshot *scratch; /* owned: where the trainer takes snapshots before publishing */
    CsvFile csv;       /* --csv: one row per model per evaluation, as headless */
    long stop_at;      /* --steps/--epochs given: pause when the step counter reaches it */
    Output record;     /* --record: one line per change, flushed as it happens; committed
                          (renamed into place) when the trainer stops */
    int next_change;   /* --replay: the next change of cfg.replay to apply */
    int pace;          /* steps per second, 0 = max (the dashboard's copy is its own) */
    double pace_t0;    /* the pace clock: pace_n steps have been due since pace_t0 */
    long pace_n;

    /* Shared, under mu. */
    pthread_t thread;
    bool started;
    pthread_mutex_t mu;
    pthread_cond_t wake;
    Command queue[TRAINER_QUEUE];
    int q_head, q_len;
    bool quit;
    bool running;
    Snapshot *published; /* owned: the latest snapshot */
    uint64_t seq;
    char message[160];   /* the last command's effect or error, for the status line */
    uint64_t message_seq;
    int n_marks; /* the changes made since the run (re)started, drawn on the charts */
    ChartMark marks[CHART_MAX_MARKS];
    uint64_t marks_seq;
} Trainer;

/* Loads the data, builds the arena and starts the thread (paused unless cfg->start_running).
 * On failure writes a one-line message to err; returns 2 for bad input, 1 otherwise, 0 ok. */
int trainer_start(Trainer *t, const AppConfig *cfg, char *err, size_t errlen);
/* Queues a command; drops it (returning false) when the queue is full. */
bool trainer_send(Trainer *t, Command c);
/* Copies the latest snapshot into out when its sequence differs from *seq; returns whether it
 * did. Also copies the latest message when *msg_seq differs. */
bool trainer_poll(Trainer *t, Snapshot *out, uint64_t *seq, char *msg, size_t msglen,
                  uint64_t *msg_seq);
/* Copies the marks of the changes made while training into v when *seq differs; returns
 * whether it did. */
bool trainer_poll_marks(Trainer *t, ChartView *v, uint64_t *seq);
/* Stops the thread, moves the --csv file into place and frees everything. Returns 0, or 1 with
 * a one-line message in err (may be NULL) when the CSV could not be written. Safe on a zeroed
 * Trainer. */
int trainer_stop(Trainer *t, char *err, size_t errlen);

#endif
