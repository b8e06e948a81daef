/* test_braille.c — the braille/ASCII cell canvas: dot bit order, glyph encoding, line
 * rasterisation (horizontal, steep, clipped, dashed), last-writer ownership, the ASCII fallback
 * and the histogram bar glyphs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/braille.h"

static BrailleCanvas *canvas(int w, int h, bool ascii)
{
    BrailleCanvas *c = malloc(sizeof *c);
    assert_non_null(c);
    memset(c, 0xAB, sizeof *c); /* garbage: init must clear what it uses */
    braille_init(c, w, h, ascii);
    return c;
}

static int count_dots(const BrailleCanvas *c)
{
    int n = 0;
    for (int y = 0; y < 4 * c->h; y++)
        for (int x = 0; x < 2 * c->w; x++)
            n += braille_get(c, x, y);
    return n;
}

static void test_braille_bit_order(void **state)
{
    (void)state;
    assert_int_equal(braille_bit(0, 0), 0x01);
    assert_int_equal(braille_bit(0, 1), 0x02);
    assert_int_equal(braille_bit(0, 2), 0x04);
    assert_int_equal(braille_bit(0, 3), 0x40);
    assert_int_equal(braille_bit(1, 0), 0x08);
    assert_int_equal(braille_bit(1, 1), 0x10);
    assert_int_equal(braille_bit(1, 2), 0x20);
    assert_int_equal(braille_bit(1, 3), 0x80);
    assert_int_equal(braille_bit(2, 0), 0);

    BrailleCanvas *c = canvas(3, 2, false);
    braille_set(c, 3, 5, 7); /* cell (1, 1), right column, second row */
    assert_int_equal(braille_mask(c, 1, 1), 0x10);
    assert_int_equal(braille_owner(c, 1, 1), 7);
    assert_int_equal(braille_owner(c, 0, 0), BRAILLE_NO_OWNER);
    assert_true(braille_get(c, 3, 5));
    assert_false(braille_get(c, 2, 5));
    /* outside: ignored, no crash */
    braille_set(c, -1, 0, 1);
    braille_set(c, 6, 0, 1);
    braille_set(c, 0, 8, 1);
    assert_int_equal(count_dots(c), 1);
    free(c);
}

static void test_braille_glyph_utf8(void **state)
{
    (void)state;
    char out[4];
    braille_glyph_utf8(0x00, out);
    assert_string_equal(out, "\u2800");
    braille_glyph_utf8(0xFF, out);
    assert_string_equal(out, "\u28FF");
    braille_glyph_utf8(0x47, out); /* left column full: ⡇ */
    assert_string_equal(out, "\u2847");

    BrailleCanvas *c = canvas(2, 1, false);
    assert_false(braille_cell_text(c, 0, 0, out));
    assert_string_equal(out, " ");
    braille_set(c, 0, 0, 0);
    braille_set(c, 1, 3, 0);
    assert_true(braille_cell_text(c, 0, 0, out));
    assert_string_equal(out, "\u2881"); /* 0x01 | 0x80 */
    free(c);
}

static void test_braille_horizontal_line(void **state)
{
    (void)state;
    BrailleCanvas *c = canvas(10, 3, false);
    braille_line(c, 0, 5, 19, 5, 2); /* dot row 5: cell row 1, dot row 1 */
    for (int cx = 0; cx < 10; cx++) {
        assert_int_equal(braille_mask(c, cx, 1), 0x02 | 0x10);
        assert_int_equal(braille_owner(c, cx, 1), 2);
        assert_int_equal(braille_mask(c, cx, 0), 0);
        assert_int_equal(braille_mask(c, cx, 2), 0);
    }
    assert_int_equal(count_dots(c), 20);
    free(c);
}

static void test_braille_steep_line_has_no_gaps(void **state)
{
    (void)state;
    BrailleCanvas *c = canvas(20, 10, false);
    /* a loss falling 39 dot rows over 3 dot columns */
    BraillePen p;
    braille_pen_start(&p, 0, false);
    braille_pen_to(c, &p, 1, 0);
    braille_pen_to(c, &p, 4, 39);
    braille_pen_to(c, &p, 39, 38);
    for (int y = 0; y < 40; y++) {
        int n = 0;
        for (int x = 0; x < 40; x++)
            n += braille_get(c, x, y);
        assert_true(n >= 1); /* every dot row between the ends is reached */
    }
    /* 8-connected: each dot has a neighbour except the two ends */
    for (int y = 0; y < 40; y++) {
        for (int x = 0; x < 40; x++) {
            if (!braille_get(c, x, y))
                continue;
            int nb = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    nb += (dx || dy) && braille_get(c, x + dx, y + dy);
            assert_true(nb >= 1);
        }
    }
    free(c);
}

static void test_braille_clipping(void **state)
{
    (void)state;
    BrailleCanvas *c = canvas(10, 5, false);
    /* a diverged loss: from inside to 1e30 dots above the canvas */
    BraillePen p;
    braille_pen_start(&p, 1, false);
    braille_pen_to(c, &p, 2, 10);
    braille_pen_to(c, &p, 2, -1e30);
    assert_true(braille_get(c, 2, 0));
    assert_true(braille_get(c, 2, 10));
    assert_int_equal(count_dots(c), 11);
    /* entirely outside: nothing */
    braille_clear(c);
    braille_line(c, -50, -50, -10, 100, 1);
    braille_line(c, 1e300, 1, 2e300, 3, 1);
    assert_int_equal(count_dots(c), 0);
    /* a NaN lifts the pen: no segment across the gap */
    braille_pen_start(&p, 1, false);
    braille_pen_to(c, &p, 0, 0);
    braille_pen_to(c, &p, NAN, 5);
    braille_pen_to(c, &p, 19, 0);
    assert_int_equal(count_dots(c), 2);
    free(c);
}

static void test_braille_dashed_differs(void **state)
{
    (void)state;
    BrailleCanvas *solid = canvas(20, 2, false), *dash = canvas(20, 2, false);
    BraillePen ps, pd;
    braille_pen_start(&ps, 0, false);
    braille_pen_start(&pd, 0, true);
    /* two joined segments: the dash pattern continues across the join */
    braille_pen_to(solid, &ps, 0, 3);
    braille_pen_to(solid, &ps, 19, 3);
    braille_pen_to(solid, &ps, 39, 3);
    braille_pen_to(dash, &pd, 0, 3);
    braille_pen_to(dash, &pd, 19, 3);
    braille_pen_to(dash, &pd, 39, 3);
    int ns = count_dots(solid), nd = count_dots(dash);
    assert_int_equal(ns, 40);
    assert_true(nd >= 16 && nd <= 24); /* about half */
    /* runs of exactly pd.dash_run dots on and off */
    for (int x = 0; x < 40; x++)
        assert_int_equal(braille_get(dash, x, 3), (x / pd.dash_run) % 2 == 0);
    free(solid);
    free(dash);
}

static void test_braille_last_writer_owns(void **state)
{
    (void)state;
    BrailleCanvas *c = canvas(4, 1, false);
    braille_line(c, 0, 0, 7, 0, 1);
    braille_line(c, 0, 3, 7, 3, 2); /* same cells, drawn later: owns them */
    for (int cx = 0; cx < 4; cx++) {
        assert_int_equal(braille_owner(c, cx, 0), 2);
        assert_int_equal(braille_mask(c, cx, 0), 0x01 | 0x08 | 0x40 | 0x80);
    }
    free(c);
}

static void test_braille_ascii_mode(void **state)
{
    (void)state;
    BrailleCanvas *c = canvas(30, 6, true);
    braille_line(c, 0, 0, 59, 23, 3);
    braille_line(c, 0, 20, 59, 20, 4);
    braille_line(c, 30, 0, 30, 23, 5);
    char out[4];
    for (int cy = 0; cy < c->h; cy++) {
        for (int cx = 0; cx < c->w; cx++) {
            braille_cell_text(c, cx, cy, out);
            assert_int_equal(strlen(out), 1);
            assert_true((unsigned char)out[0] >= 0x20 && (unsigned char)out[0] < 0x7F);
        }
    }
    assert_int_equal(braille_glyph_ascii(0), ' ');
    assert_int_equal(braille_glyph_ascii(0x01 | 0x08), '\''); /* top row */
    assert_int_equal(braille_glyph_ascii(0x02 | 0x10), '-');
    assert_int_equal(braille_glyph_ascii(0x40 | 0x80), '.'); /* bottom row */
    assert_int_equal(braille_glyph_ascii(0x01 | 0x80), ':');
    assert_int_equal(braille_glyph_ascii(0x01 | 0x02 | 0x04 | 0x40), '|');
    assert_int_equal(braille_glyph_ascii(0x40 | 0x04 | 0x10 | 0x08), '/');
    assert_int_equal(braille_glyph_ascii(0x01 | 0x02 | 0x20 | 0x80), '\\');
    /* markers replace shapes when asked */
    braille_set_marker(c, 4, 'Q');
    c->ascii_markers = true;
    braille_cell_text(c, 0, 5, out);
    assert_string_equal(out, "Q");
    braille_cell_text(c, 15, 5, out); /* the vertical line (owner 5, no marker) drawn last */
    assert_string_equal(out, "|");
    c->ascii_markers = false;
    braille_cell_text(c, 0, 5, out); /* dot row 20 is the top row of cell row 5 */
    assert_string_equal(out, "'");
    free(c);
}

static void test_braille_init_clamps_and_clears(void **state)
{
    (void)state;
    BrailleCanvas *c = canvas(100000, -3, false);
    assert_int_equal(c->w, BRAILLE_MAX_W);
    assert_int_equal(c->h, 1);
    braille_set(c, 2 * BRAILLE_MAX_W - 1, 3, 9);
    assert_int_equal(braille_mask(c, BRAILLE_MAX_W - 1, 0), 0x80);
    braille_clear(c);
    assert_int_equal(count_dots(c), 0);
    assert_int_equal(braille_owner(c, BRAILLE_MAX_W - 1, 0), BRAILLE_NO_OWNER);
    free(c);
}

static void test_braille_bar_glyphs(void **state)
{
    (void)state;
    /* 2 5/8 cells tall */
    assert_string_equal(braille_bar_glyph(21, 0, false), "\u2588");
    assert_string_equal(braille_bar_glyph(21, 1, false), "\u2588");
    assert_string_equal(braille_bar_glyph(21, 2, false), "\u2585");
    assert_string_equal(braille_bar_glyph(21, 3, false), " ");
    assert_string_equal(braille_bar_glyph(1, 0, false), "\u2581");
    assert_string_equal(braille_bar_glyph(0, 0, false), " ");
    assert_string_equal(braille_bar_glyph(-5, 0, false), " ");
    for (int e = 1; e <= 8; e++) {
        /* each level its own glyph */
        if (e > 1)
            assert_string_not_equal(braille_bar_glyph(e, 0, false),
                                    braille_bar_glyph(e - 1, 0, false));
        const char *a = braille_bar_glyph(e, 0, true);
        assert_int_equal(strlen(a), 1);
        assert_true(a[0] != ' ');
    }
    assert_string_equal(braille_bar_glyph(21, 0, true), "#");
    assert_string_equal(braille_bar_glyph(21, 2, true), ":");
    assert_string_equal(braille_bar_glyph(17, 2, true), ".");
    assert_string_equal(braille_bar_glyph(23, 2, true), "|");
    assert_string_equal(braille_bar_glyph(16, 2, true), " ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_braille_bit_order),
        cmocka_unit_test(test_braille_glyph_utf8),
        cmocka_unit_test(test_braille_horizontal_line),
        cmocka_unit_test(test_braille_steep_line_has_no_gaps),
        cmocka_unit_test(test_braille_clipping),
        cmocka_unit_test(test_braille_dashed_differs),
        cmocka_unit_test(test_braille_last_writer_owns),
        cmocka_unit_test(test_braille_ascii_mode),
        cmocka_unit_test(test_braille_init_clamps_and_clears),
        cmocka_unit_test(test_braille_bar_glyphs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
