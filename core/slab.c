/* slab.c — see slab.h. calloc, not mmap: a large calloc is usually a fresh anonymous mapping,
 * zero without a memset (after glibc has freed one of up to 32 MiB it may come from the heap
 * instead, and calloc clears it: slower, never wrong), and it stays counted by malloc's
 * statistics, which tests/core/test_memory_budget.c reads. The huge-page advice covers the
 * block's aligned middle. */
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE */
#include "core/slab.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

/* Under AddressSanitizer every piece is followed by a poisoned line, and whatever is not handed
 * out stays poisoned: one block must not hide an overrun from one buffer into the next. */
#if defined(__has_feature) /* clang says so here; gcc by __SANITIZE_ADDRESS__ */
#if __has_feature(address_sanitizer)
#define SLAB_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(SLAB_ASAN)
#include <sanitizer/asan_interface.h>
#define REDZONE SLAB_ALIGN
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define REDZONE 0
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

size_t slab_round(size_t bytes)
{
    if (bytes > SIZE_MAX - SLAB_ALIGN - REDZONE)
        return SIZE_MAX; /* more than any slab holds */
    return (bytes + SLAB_ALIGN - 1) / SLAB_ALIGN * SLAB_ALIGN + REDZONE;
}

void slab_advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    uintptr_t hi = ((uintptr_t)p + bytes) / HUGE_PAGE * HUGE_PAGE;
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

Status slab_init(Slab *s, size_t bytes)
{
    memset(s, 0, sizeof *s);
    if (bytes > SIZE_MAX - SLAB_ALIGN)
        return ST_NOMEM;
    s->block = calloc(1, bytes + SLAB_ALIGN);
    if (s->block == NULL)
        return ST_NOMEM;
    s->base = s->block + (SLAB_ALIGN - (uintptr_t)s->block % SLAB_ALIGN) % SLAB_ALIGN;
    s->size = bytes;
    slab_advise_huge(s->base, bytes);
    POISON(s->base, bytes);
    return ST_OK;
}

void *slab_take(Slab *s, size_t bytes)
{
    size_t piece = slab_round(bytes);
    if (piece > s->size - s->used)
        return NULL;
    void *p = s->base + s->used;
    s->used += piece;
    UNPOISON(p, bytes);
    return p;
}

void slab_free(Slab *s)
{
    UNPOISON(s->base, s->size);
    free(s->block);
    memset(s, 0, sizeof *s);
}
