/* test_slab.c — the slab the arena's large buffers come from: pieces are aligned, zeroed and
 * disjoint, a piece that does not fit is refused (not handed out past the end), and sizes that
 * overflow are refused before anything is allocated. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/slab.h"

static void test_slab_round_to_whole_lines(void **state)
{
    (void)state;
    const size_t red = slab_round(0); /* a poisoned line under AddressSanitizer, else none */
    assert_true(red == 0 || red == SLAB_ALIGN);
    assert_int_equal(slab_round(1), SLAB_ALIGN + red);
    assert_int_equal(slab_round(SLAB_ALIGN), SLAB_ALIGN + red);
    assert_int_equal(slab_round(SLAB_ALIGN + 1), 2 * SLAB_ALIGN + red);
    assert_int_equal(slab_round(SIZE_MAX), SIZE_MAX);
}

static void test_slab_pieces_aligned_zeroed_and_disjoint(void **state)
{
    (void)state;
    const size_t sizes[] = {3, 64, 1000, 5 << 20, 17}; /* one piece spans huge pages */
    size_t total = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        total += slab_round(sizes[i]);
    Slab s;
    assert_int_equal(slab_init(&s, total), ST_OK);
    uint8_t *prev_end = NULL;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        uint8_t *p = slab_take(&s, sizes[i]);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % SLAB_ALIGN, 0);
        assert_true(prev_end == NULL || p >= prev_end);
        for (size_t j = 0; j < sizes[i]; j++)
            assert_int_equal(p[j], 0);
        memset(p, 0xA5, sizes[i]); /* every byte writable: the sanitizers check the bounds */
        prev_end = p + sizes[i];
    }
    assert_int_equal(s.used, total);
    assert_null(slab_take(&s, 1)); /* full: nothing past the end */
    slab_free(&s);
    assert_null(s.block);
    slab_free(&s); /* twice is safe */
}

static void test_slab_refuses_what_does_not_fit(void **state)
{
    (void)state;
    Slab s;
    assert_int_equal(slab_init(&s, slab_round(SLAB_ALIGN + 1)), ST_OK);
    assert_non_null(slab_take(&s, SLAB_ALIGN + 1)); /* takes two lines */
    assert_null(slab_take(&s, 1));
    slab_free(&s);
    assert_int_equal(slab_init(&s, 128), ST_OK);
    assert_null(slab_take(&s, SIZE_MAX)); /* rounding would wrap around */
    slab_free(&s);
    assert_int_equal(slab_init(&s, SIZE_MAX), ST_NOMEM);
    assert_int_equal(slab_init(&s, SIZE_MAX - SLAB_ALIGN / 2), ST_NOMEM);
    assert_null(s.block);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slab_round_to_whole_lines),
        cmocka_unit_test(test_slab_pieces_aligned_zeroed_and_disjoint),
        cmocka_unit_test(test_slab_refuses_what_does_not_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
