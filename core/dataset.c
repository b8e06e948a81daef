/* dataset.c — the Dataset container: allocation, freeing, minibatch gathering, class counts.
 * Owns the arrays of a Dataset and nothing else; it never reads files or makes data (the
 * loaders and dataset_synth.c fill what this allocates). Never prints or exits. */
#include "core/dataset.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

Status dataset_alloc(Dataset *d, int n, int dim, int k, bool u8)
{
    memset(d, 0, sizeof *d);
    if (n <= 0 || dim <= 0 || k < 2 || k > DATASET_MAX_CLASSES)
        return ST_INVAL;
    /* Callers index rows as i * dim in int arithmetic, so keep the element count below INT_MAX
     * (which also keeps the byte count far from size_t overflow). */
    if (n > INT_MAX / dim)
        return ST_RANGE;

    size_t elems = (size_t)n * (size_t)dim;
    d->n = n;
    d->dim = dim;
    d->k = k;
    d->u8_scale = u8 ? 1.0f / 255.0f : 1.0f;
    if (u8)
        d->x_u8 = calloc(elems, sizeof *d->x_u8);
    else
        d->x = calloc(elems, sizeof *d->x);
    d->y = calloc((size_t)n, sizeof *d->y);
    if ((u8 ? (void *)d->x_u8 : (void *)d->x) == NULL || d->y == NULL) {
        dataset_free(d);
        return ST_NOMEM;
    }
    return ST_OK;
}

void dataset_free(Dataset *d)
{
    if (d == NULL)
        return;
    free(d->x);
    free(d->x_u8);
    free(d->y);
    memset(d, 0, sizeof *d);
}

void datasplit_free(DataSplit *s)
{
    if (s == NULL)
        return;
    dataset_free(&s->train);
    dataset_free(&s->test);
    memset(s, 0, sizeof *s);
}

void dataset_gather(const Dataset *d, const uint32_t *idx, int count, float *out)
{
    size_t dim = (size_t)d->dim;
    for (int i = 0; i < count; i++) {
        assert(idx[i] < (uint32_t)d->n);
        size_t row = (size_t)idx[i] * dim;
        float *dst = out + (size_t)i * dim;
        if (d->x != NULL) {
            memcpy(dst, d->x + row, dim * sizeof *dst);
        } else {
            const uint8_t *src = d->x_u8 + row;
            for (size_t j = 0; j < dim; j++)
                dst[j] = (float)src[j] * d->u8_scale;
        }
    }
}

void dataset_class_counts(const Dataset *d, int *counts)
{
    memset(counts, 0, (size_t)d->k * sizeof *counts);
    for (int i = 0; i < d->n; i++) {
        int32_t c = d->y[i];
        assert(c >= 0 && c < d->k);
        if (c >= 0 && c < d->k)
            counts[c]++;
    }
}

void datasplit_set_name(DataSplit *s, const char *prefix, const char *text)
{
    const size_t cap = sizeof s->name;
    size_t plen = strlen(prefix), tlen = strlen(text);
    if (plen >= cap - 4)
        plen = cap - 4; /* prefixes are short ("csv:"); this only keeps the arithmetic safe */
    char *d = s->name;
    memcpy(d, prefix, plen);
    if (plen + tlen < cap) {
        memcpy(d + plen, text, tlen + 1);
        return;
    }
    const size_t room = cap - 1 - plen - 3; /* what fits after prefix and "..." */
    const char *tail = text + tlen - room;
    while (*tail != '\0' && ((unsigned char)*tail & 0xC0) == 0x80)
        tail++;
    memcpy(d + plen, "...", 3);
    memcpy(d + plen + 3, tail, strlen(tail) + 1);
}
