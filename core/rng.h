/* rng.h — a small, explicit-state pseudo-random generator (xoshiro256**, seeded by splitmix64).
 * No globals: every consumer owns its Rng, so streams are reproducible across runs, platforms
 * and thread counts. Not for cryptography. */
#ifndef LOSSARENA_CORE_RNG_H
#define LOSSARENA_CORE_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t s[4];
} Rng;

/* Seeds r from (seed, stream): distinct streams of one seed are independent sequences, so each
 * purpose (weights, batch order, label noise, ...) gets its own stream of the run's one seed. */
void rng_seed(Rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_u64(Rng *r);
/* Uniform in [0, 1), 53 random bits. */
double rng_uniform(Rng *r);
/* Standard normal (Box–Muller; always consumes exactly two draws, so streams stay aligned). */
double rng_normal(Rng *r);
/* Uniform integer in [0, n), unbiased; n > 0. */
uint32_t rng_below(Rng *r, uint32_t n);
/* Fisher–Yates shuffle of a[0..n). */
void rng_shuffle(Rng *r, uint32_t *a, size_t n);

#endif
