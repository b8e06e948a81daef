/* history.h — a metric series of any length in a fixed budget.
 * Up to HISTORY_CAP - 1 points are kept as pushed. Beyond that, the points after the first
 * stand for equal stretches of pushes ("buckets", stride pushes each) and each bucket keeps its
 * minimum and maximum; when the budget fills, neighbouring buckets merge and the stride
 * doubles. So the first, the newest, the global min and the global max survive, the points
 * stay spread evenly over the whole run, and a chart of the history never hides a spike.
 * Fixed-size: copying it is a memcpy. */
#ifndef LOSSARENA_CORE_HISTORY_H
#define LOSSARENA_CORE_HISTORY_H

#define HISTORY_CAP 512

typedef struct {
    int n;                /* points held, 0..HISTORY_CAP */
    float x[HISTORY_CAP]; /* increasing (the step of each point) */
    float y[HISTORY_CAP];
    /* bookkeeping of history.c: pushes per bucket, pushes in the open (newest) bucket, and the
     * points at the end of x/y that show it (its min, max and newest) */
    long stride, open_pushes;
    int open_points;
} History;

void history_clear(History *h);
/* Appends (x, y); x must not be smaller than the last x. Allocates nothing. */
void history_push(History *h, float x, float y);

#endif
