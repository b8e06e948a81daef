/* snapshot.h — plain data copied out of an Arena: everything the views draw.
 * A Snapshot holds no pointers, so it can be copied with memcpy between the trainer and the
 * UI thread, and written to files while training goes on. Taking one allocates nothing. */
#ifndef LOSSARENA_CORE_SNAPSHOT_H
#define LOSSARENA_CORE_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"

#define SNAPSHOT_MAX_POINTS 1500 /* training points shown on 2-D boundary views */
#define SNAPSHOT_HIST_BINS 40

typedef struct {
    LossId loss;
    bool diverged;
    long diverged_step;
    DivergeReason diverged_why;
    float diverged_lr;
    bool has_eval;
    EvalResult last;
    History train_loss, test_loss, train_acc, test_acc; /* x = step */
    Histogram margins; /* training margins, on the snapshot's one range — or on its own when
                          over a quarter of them fall outside it (margins_own) */
    bool margins_own;
    uint8_t grid[ARENA_GRID * ARENA_GRID]; /* predicted class per cell, row 0 = lowest y */
    uint8_t grid_conf[ARENA_GRID * ARENA_GRID]; /* max softmax probability × 255 */
} ModelSnapshot;

typedef struct {
    uint64_t seq;           /* increases with every publication; set by the publisher */
    ArenaConfig cfg;        /* hyperparameters in force */
    char dataset[64];
    int n_train, n_test, dim, k;
    int n_flipped;          /* training labels changed by label noise */
    long step;
    double epoch;           /* step × batch / n_train, fractional */
    double steps_per_sec;   /* set by the publisher */
    bool running;           /* set by the publisher */
    int n_models;
    ModelSnapshot models[ARENA_MAX_MODELS];
    bool has_grid;          /* 2-D data: grid and points are filled */
    float grid_lo[2], grid_hi[2];
    int n_points;
    float point_x[SNAPSHOT_MAX_POINTS], point_y[SNAPSHOT_MAX_POINTS];
    uint8_t point_class[SNAPSHOT_MAX_POINTS]; /* the label trained on */
    uint8_t point_flipped[SNAPSHOT_MAX_POINTS];
} Snapshot;

/* Copies a's state into s (seq, steps_per_sec and running are left as they were). */
void snapshot_take(Snapshot *s, const Arena *a);

#endif
