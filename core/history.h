/* history.h — a metric series of any length in a fixed budget.
 * When full, the points after the first are thinned group by group, keeping each group's
 * minimum and maximum, so the first, the newest, the global min and the global max survive
 * and a chart of the history never hides a spike. Fixed-size: copying it is a memcpy. */
#ifndef LOSSARENA_CORE_HISTORY_H
#define LOSSARENA_CORE_HISTORY_H

#define HISTORY_CAP 512

typedef struct {
    int n;                /* points held, 0..HISTORY_CAP */
    float x[HISTORY_CAP]; /* increasing (the step of each point) */
    float y[HISTORY_CAP];
} History;

void history_clear(History *h);
/* Appends (x, y); x must not be smaller than the last x. Allocates nothing. */
void history_push(History *h, float x, float y);

#endif
