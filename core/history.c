/* history.c — bucketed min/max decimation with a doubling stride.
 * Layout of the points: [0] the first push; then `closed` buckets of exactly two points each
 * (a bucket's min and max in x order, or its ends when it is flat); then the open bucket's
 * open_points (1..3) points: its min, its max and its newest push, in x order, without repeats.
 * Every closed bucket covers `stride` pushes, so the points are spread evenly over the run. */
#include "core/history.h"

#define OPEN_MAX 3                                    /* min, max, newest */
#define CLOSED_MAX ((HISTORY_CAP - 1 - OPEN_MAX) / 2) /* buckets held; even, so pairs merge */

_Static_assert(CLOSED_MAX % 2 == 0, "closed buckets must merge in pairs");

void history_clear(History *h)
{
    h->n = 0;
    h->stride = 2; /* until the first merge a bucket of two pushes keeps both: nothing is lost */
    h->open_pushes = 0;
    h->open_points = 0;
}

/* Index of the first smallest / first largest y among h[from, from + count). */
static int first_min(const History *h, int from, int count)
{
    int best = from;
    for (int i = from + 1; i < from + count; i++)
        if (h->y[i] < h->y[best])
            best = i;
    return best;
}

static int first_max(const History *h, int from, int count)
{
    int best = from;
    for (int i = from + 1; i < from + count; i++)
        if (h->y[i] > h->y[best])
            best = i;
    return best;
}

/* Keeps points a <= b (indices, a may equal b) of a run, writing them from w; returns how many
 * were written. Reads happen before writes, and w <= a, so this works in place. */
static int keep_two(History *h, int w, int a, int b)
{
    float xa = h->x[a], ya = h->y[a], xb = h->x[b], yb = h->y[b];
    h->x[w] = xa;
    h->y[w] = ya;
    if (a == b)
        return 1;
    h->x[w + 1] = xb;
    h->y[w + 1] = yb;
    return 2;
}

/* A run of points reduced to its min and max in x order, or to its ends when min and max are
 * the same point (a flat run); returns the points written at w. */
static int reduce_run(History *h, int w, int from, int count)
{
    int lo = first_min(h, from, count), hi = first_max(h, from, count);
    if (lo == hi)
        return keep_two(h, w, from, from + count - 1);
    return keep_two(h, w, lo < hi ? lo : hi, lo < hi ? hi : lo);
}

/* Merges neighbouring closed buckets pairwise (four points become two) and doubles the stride;
 * the open bucket moves down behind them and keeps filling up to the new stride. */
static void merge_closed(History *h)
{
    const int closed_end = h->n - h->open_points;
    int w = 1;
    for (int r = 1; r < closed_end; r += 4)
        w += reduce_run(h, w, r, 4);
    for (int i = 0; i < h->open_points; i++) {
        h->x[w + i] = h->x[closed_end + i];
        h->y[w + i] = h->y[closed_end + i];
    }
    h->n = w + h->open_points;
    h->stride *= 2;
}

void history_push(History *h, float x, float y)
{
    if (h->n == 0) { /* the first point; a zeroed History needs no history_clear */
        history_clear(h);
        h->x[0] = x;
        h->y[0] = y;
        h->n = 1;
        return;
    }
    if (h->open_pushes == h->stride) {
        const int closed = (h->n - 1 - h->open_points) / 2;
        if (closed == CLOSED_MAX) {
            merge_closed(h); /* the open bucket now has room again */
        } else {
            /* Close the full bucket down to two points; the new push opens the next one. */
            int from = h->n - h->open_points;
            h->n = from + reduce_run(h, from, from, h->open_points);
            h->open_points = 0;
            h->open_pushes = 0;
        }
    }
    /* Add the push to the open bucket, keeping only the bucket's min, max and newest point. */
    const int from = h->n - h->open_points;
    h->open_pushes++;
    if (h->open_points < OPEN_MAX) {
        h->x[h->n] = x;
        h->y[h->n] = y;
        h->n++;
        h->open_points++;
        return;
    }
    /* Full: the old newest goes unless it is the min or the max; the push may replace either. */
    const int lo = first_min(h, from, OPEN_MAX), hi = first_max(h, from, OPEN_MAX);
    int w = from;
    if (y < h->y[lo]) /* a new min: the old max stays */
        w += keep_two(h, w, hi, hi);
    else if (y > h->y[hi]) /* a new max: the old min stays */
        w += keep_two(h, w, lo, lo);
    else
        w += keep_two(h, w, lo < hi ? lo : hi, lo < hi ? hi : lo);
    h->x[w] = x;
    h->y[w] = y;
    h->n = w + 1;
    h->open_points = h->n - from;
}
