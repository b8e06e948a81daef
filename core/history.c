#include "core/history.h"

void history_clear(History *h)
{
    h->n = 0;
}

/* Halves the points after the first: each group of four keeps its min and max, in x order. */
static void history_compact(History *h)
{
    int w = 1, r = 1;
    while (r + 4 <= h->n) {
        int lo = r, hi = r;
        for (int i = r + 1; i < r + 4; i++) {
            if (h->y[i] < h->y[lo])
                lo = i;
            if (h->y[i] > h->y[hi])
                hi = i;
        }
        if (lo == hi)
            hi = r + 3; /* a flat group: keep its ends */
        int a = lo < hi ? lo : hi, b = lo < hi ? hi : lo;
        h->x[w] = h->x[a];
        h->y[w] = h->y[a];
        h->x[w + 1] = h->x[b];
        h->y[w + 1] = h->y[b];
        w += 2;
        r += 4;
    }
    while (r < h->n) { /* the tail shorter than a group stays as it is */
        h->x[w] = h->x[r];
        h->y[w] = h->y[r];
        w++;
        r++;
    }
    h->n = w;
}

void history_push(History *h, float x, float y)
{
    if (h->n == HISTORY_CAP)
        history_compact(h);
    h->x[h->n] = x;
    h->y[h->n] = y;
    h->n++;
}
