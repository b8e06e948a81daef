/* slab.h — one zeroed block of memory, handed out in order as cache-line-aligned pieces.
 * A run's large buffers (every model's parameters, gradients, optimizer moments, activations
 * and evaluation scratch) come from one slab instead of dozens of mallocs: a large slab asks for
 * transparent 2 MiB huge pages, so touching it the first time costs a few dozen page faults
 * instead of tens of thousands (on a virtual machine each 4 KiB fault costs microseconds, and
 * setting up Fashion-MNIST's twelve models took 150 ms of them). Sizes are known first: a
 * caller adds up slab_round() of every piece, makes the slab, then takes the pieces. */
#ifndef LOSSARENA_CORE_SLAB_H
#define LOSSARENA_CORE_SLAB_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

#define SLAB_ALIGN 64 /* a cache line, and a whole AVX-512 vector */

typedef struct {
    uint8_t *block; /* owned: what calloc returned */
    uint8_t *base;  /* borrowed: block rounded up to SLAB_ALIGN */
    size_t size;    /* bytes from base */
    size_t used;    /* bytes handed out */
} Slab;

/* What one piece of bytes takes from a slab: bytes rounded up to a whole number of SLAB_ALIGN
 * (and a poisoned line more under AddressSanitizer); SIZE_MAX when that overflows. */
size_t slab_round(size_t bytes);
/* A slab of bytes (already summed with slab_round), zeroed. ST_NOMEM when it cannot be had
 * or bytes overflow. */
Status slab_init(Slab *s, size_t bytes);
/* The next bytes of the slab, zeroed and SLAB_ALIGN-aligned; NULL when they do not fit (a
 * sizing pass that disagrees with its takes: a bug the caller reports as ST_NOMEM). */
void *slab_take(Slab *s, size_t bytes);
/* Safe on a zeroed slab. */
void slab_free(Slab *s);
/* Asks for transparent huge pages over the whole 2 MiB pages inside [p, p+bytes); a hint that
 * changes no content, ignored where the kernel has none. */
void slab_advise_huge(void *p, size_t bytes);

#endif
