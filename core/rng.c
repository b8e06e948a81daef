#include "core/rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void rng_seed(Rng *r, uint64_t seed, uint64_t stream)
{
    /* Mix the stream through splitmix first so (seed, stream) and (seed+1, stream-1) differ. */
    uint64_t x = seed;
    uint64_t mixed = splitmix64(&x) ^ (stream * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&mixed);
}

uint64_t rng_u64(Rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double rng_uniform(Rng *r)
{
    return (double)(rng_u64(r) >> 11) * 0x1.0p-53;
}

double rng_normal(Rng *r)
{
    /* 1 - u lies in (0, 1], so the log is finite. */
    double u1 = 1.0 - rng_uniform(r);
    double u2 = rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

/* Ziggurat constants for 128 layers (Marsaglia & Tsang 2000): the start of the tail and the
 * area of each layer. */
#define ZIG_R 3.442619855899
#define ZIG_V 9.91256303526217e-3

void rng_ziggurat_init(RngZiggurat *z)
{
    const double m1 = 2147483648.0; /* 2^31: draws are signed 32-bit */
    double dn = ZIG_R, tn = dn;
    double q = ZIG_V / exp(-0.5 * dn * dn); /* the base layer's width, tail included */
    z->k[0] = (uint32_t)(dn / q * m1);
    z->k[1] = 0;
    z->w[0] = (float)(q / m1);
    z->w[127] = (float)(dn / m1);
    z->f[0] = 1.0f;
    z->f[127] = (float)exp(-0.5 * dn * dn);
    for (int i = 126; i >= 1; i--) {
        dn = sqrt(-2.0 * log(ZIG_V / dn + exp(-0.5 * dn * dn)));
        z->k[i + 1] = (uint32_t)(dn / tn * m1);
        tn = dn;
        z->f[i] = (float)exp(-0.5 * dn * dn);
        z->w[i] = (float)(dn / m1);
    }
}

/* Uniform in (0, 1): 24 bits, never 0 (the tail takes its log). */
static float uniform_open(Rng *r)
{
    return ((float)(rng_u64(r) >> 40) + 0.5f) * 0x1.0p-24f;
}

float rng_normal_fast(Rng *r, const RngZiggurat *z)
{
    for (;;) {
        /* the layer and x from separate bits: sharing them (as the original did) correlates
         * the layer with x's low bits */
        uint64_t u = rng_u64(r);
        int32_t hz = (int32_t)(uint32_t)(u >> 32);
        int iz = (int)(u & 127);
        uint32_t mag = hz < 0 ? 0u - (uint32_t)hz : (uint32_t)hz;
        float x = (float)hz * z->w[iz];
        if (mag < z->k[iz]) /* inside the layer's rectangle */
            return x;
        if (iz == 0) { /* beyond R: Marsaglia's exact sampler of the tail */
            double tx, ty;
            do {
                tx = -log(uniform_open(r)) / ZIG_R;
                ty = -log(uniform_open(r));
            } while (ty + ty < tx * tx);
            return (float)(hz > 0 ? ZIG_R + tx : -(ZIG_R + tx));
        }
        /* the wedge between the rectangle and the density: accept x under the curve */
        if (z->f[iz] + uniform_open(r) * (z->f[iz - 1] - z->f[iz]) < expf(-0.5f * x * x))
            return x;
    }
}

uint32_t rng_below(Rng *r, uint32_t n)
{
    /* Lemire's multiply-and-reject: unbiased without a division on the fast path. */
    uint64_t m = (uint64_t)(uint32_t)(rng_u64(r) >> 32) * n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        uint32_t threshold = (uint32_t)(-n) % n;
        while (low < threshold) {
            m = (uint64_t)(uint32_t)(rng_u64(r) >> 32) * n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

void rng_shuffle(Rng *r, uint32_t *a, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = rng_below(r, (uint32_t)i);
        uint32_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}
