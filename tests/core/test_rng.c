/* test_rng.c — the generator behind every seeded choice: xoshiro256** against a reference,
 * reproducible and distinct streams per (seed, stream), and the statistics of uniform, normal,
 * bounded-integer and shuffle draws (bounds are ≥ 5 standard errors, so they fail only on bugs). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/rng.h"

#define N_STAT 200000

static void assert_near(double got, double want, double tol, const char *what)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("%s: got %.9g, want %.9g ± %.3g", what, got, want, tol);
}

/* xoshiro256** written out from Blackman & Vigna's reference, independent of core/rng.c. */
static uint64_t ref_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t ref_next(uint64_t s[4])
{
    const uint64_t result = ref_rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = ref_rotl(s[3], 45);
    return result;
}

static void test_rng_u64_matches_reference_xoshiro(void **state)
{
    (void)state;
    Rng r = {{1, 2, 3, 4}};
    uint64_t s[4] = {1, 2, 3, 4};
    assert_true(rng_u64(&r) == 11520u); /* the well-known first output from state {1,2,3,4} */
    ref_next(s);
    for (int i = 0; i < 1000; i++)
        assert_true(rng_u64(&r) == ref_next(s));
}

static void test_rng_same_seed_and_stream_same_sequence(void **state)
{
    (void)state;
    static const uint64_t seeds[] = {0, 1, 42, UINT64_MAX};
    for (size_t i = 0; i < 4; i++)
        for (uint64_t stream = 0; stream < 4; stream++) {
            Rng a, b;
            rng_seed(&a, seeds[i], stream);
            rng_seed(&b, seeds[i], stream);
            assert_memory_equal(&a, &b, sizeof a);
            for (int j = 0; j < 1000; j++)
                assert_true(rng_u64(&a) == rng_u64(&b));
        }
}

/* Streams of nearby seeds and streams share no early values; the state is never all zero. */
static void test_rng_different_seeds_and_streams_differ(void **state)
{
    (void)state;
    enum { SEEDS = 8, STREAMS = 8, LEN = 64 };
    static uint64_t first[SEEDS * STREAMS][LEN];
    for (int s = 0; s < SEEDS; s++)
        for (int t = 0; t < STREAMS; t++) {
            Rng r;
            rng_seed(&r, (uint64_t)s, (uint64_t)t);
            assert_true((r.s[0] | r.s[1] | r.s[2] | r.s[3]) != 0);
            for (int j = 0; j < LEN; j++)
                first[s * STREAMS + t][j] = rng_u64(&r);
        }
    /* Any two of the 64 streams: no value in common among their first 64 (a 64-bit collision
     * by chance has probability ~1e-13). (seed+1, stream-1) is included on purpose. */
    for (int a = 0; a < SEEDS * STREAMS; a++)
        for (int b = a + 1; b < SEEDS * STREAMS; b++)
            for (int i = 0; i < LEN; i++)
                for (int j = 0; j < LEN; j++)
                    if (first[a][i] == first[b][j])
                        fail_msg("streams %d and %d share a value", a, b);
}

static void test_rng_uniform_in_unit_interval_with_right_moments(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 7, 0);
    double sum = 0.0, sum2 = 0.0, lo = 1.0, hi = 0.0;
    int deciles[10] = {0};
    for (int i = 0; i < N_STAT; i++) {
        double u = rng_uniform(&r);
        assert_true(u >= 0.0 && u < 1.0);
        sum += u;
        sum2 += u * u;
        lo = fmin(lo, u);
        hi = fmax(hi, u);
        deciles[(int)(u * 10.0)]++;
    }
    double mean = sum / N_STAT, var = sum2 / N_STAT - mean * mean;
    /* standard errors: mean sqrt(1/12/N) = 6.5e-4, variance ~ 1.9e-4 */
    assert_near(mean, 0.5, 0.004, "uniform mean");
    assert_near(var, 1.0 / 12.0, 0.0012, "uniform variance");
    assert_true(lo < 1e-4 && hi > 1.0 - 1e-4);
    double chi2 = 0.0, expect = N_STAT / 10.0;
    for (int d = 0; d < 10; d++)
        chi2 += (deciles[d] - expect) * (deciles[d] - expect) / expect;
    assert_true(chi2 < 40.0); /* 9 degrees of freedom: P(chi2 > 40) ≈ 7e-6 */
}

/* A uniform value has 53 random bits: it is a multiple of 2^-53 and uses the low bits too. */
static void test_rng_uniform_has_53_bits(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 11, 3);
    bool odd_seen = false;
    for (int i = 0; i < 1000; i++) {
        double scaled = rng_uniform(&r) * 0x1.0p53;
        assert_true(scaled == floor(scaled));
        if (fmod(scaled, 2.0) == 1.0)
            odd_seen = true;
    }
    assert_true(odd_seen);
}

static void test_rng_normal_has_zero_mean_unit_variance(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 8, 1);
    double sum = 0.0, sum2 = 0.0, sum4 = 0.0;
    int beyond_196 = 0;
    for (int i = 0; i < N_STAT; i++) {
        double z = rng_normal(&r);
        assert_true(isfinite(z));
        sum += z;
        sum2 += z * z;
        sum4 += z * z * z * z;
        if (fabs(z) > 1.959964)
            beyond_196++;
    }
    double mean = sum / N_STAT, var = sum2 / N_STAT - mean * mean;
    /* standard errors: mean 2.2e-3, variance 3.2e-3, fourth moment 2.2e-2, tail fraction 4.9e-4 */
    assert_near(mean, 0.0, 0.012, "normal mean");
    assert_near(var, 1.0, 0.018, "normal variance");
    assert_near(sum4 / N_STAT, 3.0, 0.12, "normal fourth moment");
    assert_near((double)beyond_196 / N_STAT, 0.05, 0.003, "normal two-sided 5% tail");
}

/* Box–Muller consumes exactly two 64-bit draws per normal, so streams stay aligned. */
static void test_rng_normal_consumes_exactly_two_draws(void **state)
{
    (void)state;
    Rng a, b;
    rng_seed(&a, 5, 5);
    rng_seed(&b, 5, 5);
    for (int i = 0; i < 100; i++) {
        (void)rng_normal(&a);
        (void)rng_u64(&b);
        (void)rng_u64(&b);
        assert_memory_equal(&a, &b, sizeof a);
    }
}

/* The ziggurat's normals: moments, the two-sided tails at 1.96 and 3 and beyond the tail's
 * start R = 3.44 (the rarest, exact path), and the distribution function at 31 points against
 * the normal's (a Kolmogorov-Smirnov-like bound far above N_STAT's sampling error, far below
 * what a wrong table or wedge gives). */
static void test_rng_normal_fast_is_standard_normal(void **state)
{
    (void)state;
    RngZiggurat z;
    rng_ziggurat_init(&z);
    Rng r;
    rng_seed(&r, 8, 1);
    enum { N = 4 * N_STAT, BINS = 31 };
    double sum = 0.0, sum2 = 0.0, sum4 = 0.0;
    int beyond_196 = 0, beyond_3 = 0, beyond_r = 0, below[BINS] = {0};
    for (int i = 0; i < N; i++) {
        double x = rng_normal_fast(&r, &z);
        assert_true(isfinite(x));
        sum += x;
        sum2 += x * x;
        sum4 += x * x * x * x;
        beyond_196 += fabs(x) > 1.959964;
        beyond_3 += fabs(x) > 3.0;
        beyond_r += fabs(x) > 3.442619855899;
        for (int b = 0; b < BINS; b++)
            below[b] += x < -3.0 + 0.2 * b;
    }
    double mean = sum / N, var = sum2 / N - mean * mean;
    assert_near(mean, 0.0, 0.006, "ziggurat mean");
    assert_near(var, 1.0, 0.009, "ziggurat variance");
    assert_near(sum4 / N, 3.0, 0.06, "ziggurat fourth moment");
    assert_near((double)beyond_196 / N, 0.05, 0.0015, "ziggurat two-sided 5% tail");
    assert_near((double)beyond_3 / N, 0.0026998, 0.0004, "ziggurat two-sided tail beyond 3");
    assert_near((double)beyond_r / N, 0.000576, 0.00015, "ziggurat tail beyond R");
    for (int b = 0; b < BINS; b++) {
        double t = -3.0 + 0.2 * b, cdf = 0.5 * erfc(-t / sqrt(2.0));
        assert_near((double)below[b] / N, cdf, 0.002, "ziggurat distribution function");
    }
}

/* Same stream, same normals: the table is a pure function, the draws the stream's. */
static void test_rng_normal_fast_is_reproducible(void **state)
{
    (void)state;
    RngZiggurat z1, z2;
    rng_ziggurat_init(&z1);
    rng_ziggurat_init(&z2);
    assert_memory_equal(&z1, &z2, sizeof z1);
    Rng a, b;
    rng_seed(&a, 3, 9);
    rng_seed(&b, 3, 9);
    for (int i = 0; i < 10000; i++) {
        float x = rng_normal_fast(&a, &z1), y = rng_normal_fast(&b, &z2);
        assert_memory_equal(&x, &y, sizeof x);
    }
}

static void test_rng_below_in_range_and_uniform(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 9, 2);
    for (int i = 0; i < 1000; i++)
        assert_true(rng_below(&r, 1) == 0);

    static const uint32_t ns[] = {2, 3, 7, 10, 37};
    for (size_t t = 0; t < sizeof ns / sizeof ns[0]; t++) {
        const uint32_t n = ns[t];
        long counts[37] = {0};
        const long draws = 20000L * (long)n;
        for (long i = 0; i < draws; i++) {
            uint32_t v = rng_below(&r, n);
            assert_true(v < n);
            counts[v]++;
        }
        double chi2 = 0.0;
        for (uint32_t v = 0; v < n; v++)
            chi2 += (counts[v] - 20000.0) * (counts[v] - 20000.0) / 20000.0;
        /* mean n-1, sd sqrt(2(n-1)): the bound is > 5 sd above the mean for every n here */
        double bound = (n - 1) + 6.0 * sqrt(2.0 * (n - 1)) + 10.0;
        if (!(chi2 < bound))
            fail_msg("rng_below(%u): chi2 %.1f >= %.1f", n, chi2, bound);
    }

    /* A large n that is not a power of two: 2^31 + 2^30 + 1. Values land above 2^31 a third of
     * the time, below 2^30 a third, and the mean is n/2. */
    const uint32_t big = 0xC0000001u;
    double sum = 0.0;
    long low = 0, high = 0;
    for (int i = 0; i < 60000; i++) {
        uint32_t v = rng_below(&r, big);
        assert_true(v < big);
        sum += v;
        low += v < 0x40000000u;
        high += v >= 0x80000000u;
    }
    assert_near(sum / 60000.0 / big, 0.5, 0.006, "rng_below(big) mean / n");
    assert_near(low / 60000.0, 1.0 / 3.0, 0.01, "rng_below(big) lowest third");
    assert_near(high / 60000.0, 1.0 / 3.0, 0.01, "rng_below(big) highest third");
    /* n = 3·2^30: without Lemire's rejection step the multiply maps two 32-bit draws onto every
     * value ≡ 0 (mod 3) and one onto the others, so residue 0 would come up half the time. */
    long residue[3] = {0};
    for (int i = 0; i < 60000; i++)
        residue[rng_below(&r, 0xC0000000u) % 3]++;
    for (int i = 0; i < 3; i++)
        assert_near(residue[i] / 60000.0, 1.0 / 3.0, 0.01, "rng_below(3·2^30) residues mod 3");
    /* UINT32_MAX: all 32 bits vary */
    uint32_t or_all = 0, and_all = UINT32_MAX;
    for (int i = 0; i < 256; i++) {
        uint32_t v = rng_below(&r, UINT32_MAX);
        assert_true(v < UINT32_MAX);
        or_all |= v;
        and_all &= v;
    }
    assert_true(or_all == UINT32_MAX && and_all == 0);
}

static void test_rng_shuffle_is_a_deterministic_permutation(void **state)
{
    (void)state;
    enum { N = 1000 };
    static uint32_t a[N], b[N], c[N];
    static uint8_t seen[N];
    for (uint32_t i = 0; i < N; i++)
        a[i] = b[i] = c[i] = i;
    Rng ra, rb, rc;
    rng_seed(&ra, 3, 4);
    rng_seed(&rb, 3, 4);
    rng_seed(&rc, 4, 4);
    rng_shuffle(&ra, a, N);
    rng_shuffle(&rb, b, N);
    rng_shuffle(&rc, c, N);
    assert_memory_equal(a, b, sizeof a);
    assert_memory_equal(&ra, &rb, sizeof ra);
    int same_place = 0, same_as_c = 0;
    memset(seen, 0, sizeof seen);
    for (uint32_t i = 0; i < N; i++) {
        assert_true(a[i] < N);
        assert_int_equal(seen[a[i]], 0);
        seen[a[i]] = 1;
        same_place += a[i] == i;
        same_as_c += a[i] == c[i];
    }
    /* a random permutation has ~1 fixed point; two independent ones agree in ~1 place */
    assert_true(same_place < 10);
    assert_true(same_as_c < 10);

    /* n = 0 and 1: nothing to do, nothing touched */
    uint32_t one = 77;
    rng_shuffle(&ra, &one, 1);
    rng_shuffle(&ra, NULL, 0);
    assert_int_equal(one, 77);
}

/* Every one of the 3! orders is equally likely (a classic off-by-one in Fisher–Yates is not). */
static void test_rng_shuffle_all_orders_equally_likely(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 21, 0);
    long counts[27] = {0};
    const long trials = 60000;
    for (long t = 0; t < trials; t++) {
        uint32_t v[3] = {0, 1, 2};
        rng_shuffle(&r, v, 3);
        counts[v[0] * 9 + v[1] * 3 + v[2]]++;
    }
    static const int perms[6] = {0 * 9 + 1 * 3 + 2, 0 * 9 + 2 * 3 + 1, 1 * 9 + 0 * 3 + 2,
                                 1 * 9 + 2 * 3 + 0, 2 * 9 + 0 * 3 + 1, 2 * 9 + 1 * 3 + 0};
    double chi2 = 0.0, expect = trials / 6.0;
    long total = 0;
    for (int p = 0; p < 6; p++) {
        chi2 += (counts[perms[p]] - expect) * (counts[perms[p]] - expect) / expect;
        total += counts[perms[p]];
    }
    assert_int_equal(total, trials);
    assert_true(chi2 < 30.0); /* 5 degrees of freedom: P(chi2 > 30) ≈ 1.5e-5 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rng_u64_matches_reference_xoshiro),
        cmocka_unit_test(test_rng_same_seed_and_stream_same_sequence),
        cmocka_unit_test(test_rng_different_seeds_and_streams_differ),
        cmocka_unit_test(test_rng_uniform_in_unit_interval_with_right_moments),
        cmocka_unit_test(test_rng_uniform_has_53_bits),
        cmocka_unit_test(test_rng_normal_has_zero_mean_unit_variance),
        cmocka_unit_test(test_rng_normal_consumes_exactly_two_draws),
        cmocka_unit_test(test_rng_normal_fast_is_standard_normal),
        cmocka_unit_test(test_rng_normal_fast_is_reproducible),
        cmocka_unit_test(test_rng_below_in_range_and_uniform),
        cmocka_unit_test(test_rng_shuffle_is_a_deterministic_permutation),
        cmocka_unit_test(test_rng_shuffle_all_orders_equally_likely),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
