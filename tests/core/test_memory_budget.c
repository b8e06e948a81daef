/* test_memory_budget.c — arena_bytes, the figure runs are refused by, against what arena_init
 * really allocates (glibc's mallinfo2 before and after) for small and wide configurations:
 * within a few percent, never far below. And dataset_bytes, and the text of a size. */
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/memory_budget.h"

#if defined(__has_feature) /* clang's way of saying it; gcc's is the macros below */
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define CLANG_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(CLANG_SANITIZER)
#define UNDER_SANITIZER 1 /* the sanitizer's allocator is not glibc's: mallinfo2 says nothing */
#else
#define UNDER_SANITIZER 0
#endif

static uint64_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (uint64_t)mi.uordblks + (uint64_t)mi.hblkhd;
}

static void measure(const ArenaConfig *cfg, const DataSplit *data)
{
    uint64_t before = heap_in_use();
    Arena a;
    assert_int_equal(arena_init(&a, cfg, data), ST_OK);
    uint64_t used = heap_in_use() - before;
    uint64_t predicted =
        arena_bytes(cfg, data->train.dim, data->train.k, data->train.n, data->test.n);
    arena_free(&a);
    /* malloc's headers and page rounding make the real figure a little larger */
    assert_true(predicted <= used);
    assert_true(used - predicted <= predicted / 20 + 64 * 1024);
}

static void test_memory_budget_matches_arena_init(void **state)
{
    (void)state;
    if (UNDER_SANITIZER)
        skip();
    DataSplit data;
    SynthConfig sc = {
        .kind = SYNTH_SPIRAL, .n_train = 3000, .n_test = 1000, .noise = 0.2, .seed = 1};
    assert_int_equal(synth_generate(&data, &sc), ST_OK);
    ArenaConfig cfg = arena_defaults();
    measure(&cfg, &data); /* twelve losses, 64,64 */
    cfg.n_hidden = 3;
    cfg.hidden[0] = 512;
    cfg.hidden[1] = 256;
    cfg.hidden[2] = 1024;
    cfg.batch = 1024;
    measure(&cfg, &data);
    cfg.n_losses = 1;
    cfg.opt = optim_defaults(OPT_SGD);
    measure(&cfg, &data);
    datasplit_free(&data);
}

static void test_memory_budget_wide_input(void **state)
{
    (void)state;
    if (UNDER_SANITIZER)
        skip();
    DataSplit data;
    memset(&data, 0, sizeof data);
    assert_int_equal(dataset_alloc(&data.train, 40, 3000, 3, true), ST_OK);
    assert_int_equal(dataset_alloc(&data.test, 20, 3000, 3, true), ST_OK);
    for (int i = 0; i < 40; i++)
        data.train.y[i] = i % 3;
    for (int i = 0; i < 20; i++)
        data.test.y[i] = i % 3;
    ArenaConfig cfg = arena_defaults();
    cfg.n_losses = 4;
    measure(&cfg, &data);
    datasplit_free(&data);
}

/* The figure of the issue: eight 4096-wide layers on the spiral for twelve losses. */
static void test_memory_budget_known_figures(void **state)
{
    (void)state;
    ArenaConfig cfg = arena_defaults();
    cfg.n_hidden = 8;
    for (int l = 0; l < 8; l++)
        cfg.hidden[l] = 4096;
    uint64_t b = arena_bytes(&cfg, 2, 3, 1500, 1500);
    /* 7 * 4096^2 + ... weights, times 4 floats (param, grad, two moments), times 12 */
    assert_true(b > 12ull * 7 * 4096 * 4096 * 16);
    assert_true(b < 12ull * 8 * 4096 * 4096 * 16);
    assert_true(dataset_bytes(10, 784, true) == 10 * 784 + 40);
    assert_true(dataset_bytes(10, 2, false) == 10 * 8 + 40);
    char s[32];
    memory_bytes_text(23600000000ull, s, sizeof s);
    assert_string_equal(s, "23.6 GB");
    memory_bytes_text(999, s, sizeof s);
    assert_string_equal(s, "999 bytes");
    memory_bytes_text(1500000, s, sizeof s);
    assert_string_equal(s, "1.5 MB");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memory_budget_matches_arena_init),
        cmocka_unit_test(test_memory_budget_wide_input),
        cmocka_unit_test(test_memory_budget_known_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
