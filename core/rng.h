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
/* The tables of Marsaglia and Tsang's ziggurat (128 layers of equal area under the normal
 * density), for rng_normal_fast. Filled once by rng_ziggurat_init; read-only after. */
typedef struct {
    uint32_t k[128]; /* |draw| below k[i]: inside layer i's rectangle, accepted at once */
    float w[128];    /* a draw times w[i] is x */
    float f[128];    /* the density at each layer's edge */
} RngZiggurat;

void rng_ziggurat_init(RngZiggurat *z);
/* A standard normal, in float, by the ziggurat: one 64-bit draw and a multiply for 98.8 % of
 * them (the layer from 7 of the bits, x from 32 others), more draws and an exp or a log for the
 * rest — so, unlike rng_normal, it consumes a varying number of draws: a consumer whose place
 * in a stream must be known in advance takes a stream of its own. About ten times faster than
 * rng_normal; the tails are exact out to float's range. */
float rng_normal_fast(Rng *r, const RngZiggurat *z);
/* Uniform integer in [0, n), unbiased; n > 0. */
uint32_t rng_below(Rng *r, uint32_t n);
/* Fisher–Yates shuffle of a[0..n). */
void rng_shuffle(Rng *r, uint32_t *a, size_t n);

#endif
