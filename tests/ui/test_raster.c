/* test_raster.c — the raster canvas (rectangles, antialiased and dashed lines, polygons,
 * markers, clipping, text) and the embedded bitmap font it draws text with. Pure memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/loss.h"
#include "ui/font.h"
#include "ui/raster.h"

static const Rgb WHITE = {255, 255, 255};
static const Rgb RED = {200, 30, 30};
static const Rgb BLUE = {20, 60, 220};

static bool same(Rgb a, Rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static bool is_bg(const Raster *r, int x, int y)
{
    return same(raster_pixel(r, x, y), WHITE);
}

static int count_non_bg(const Raster *r, int x0, int y0, int x1, int y1)
{
    int n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            n += !is_bg(r, x, y);
    return n;
}

static Raster canvas(int w, int h)
{
    Raster r;
    assert_int_equal(raster_init(&r, w, h), ST_OK);
    raster_fill(&r, WHITE);
    return r;
}

static Font *font_new(void)
{
    Font *f = malloc(sizeof *f);
    assert_non_null(f);
    assert_int_equal(font_init(f), ST_OK);
    return f;
}

static void test_raster_init_rejects_bad_sizes(void **state)
{
    (void)state;
    Raster r;
    assert_int_equal(raster_init(&r, 0, 10), ST_RANGE);
    assert_int_equal(raster_init(&r, 10, -1), ST_RANGE);
    assert_int_equal(raster_init(&r, RASTER_MAX_SIDE + 1, 10), ST_RANGE);
    raster_free(&r); /* safe on the zeroed struct a failed init leaves */
    raster_free(&r);
    assert_int_equal(raster_init(&r, 1, 1), ST_OK);
    raster_free(&r);
}

static void test_raster_rect_fill_exact(void **state)
{
    (void)state;
    Raster r = canvas(64, 48);
    raster_rect(&r, 10, 12, 30, 17, RED, 1.0);
    int inside = 0;
    for (int y = 0; y < 48; y++)
        for (int x = 0; x < 64; x++) {
            bool in = x >= 10 && x < 30 && y >= 12 && y < 17;
            if (in) {
                assert_true(same(raster_pixel(&r, x, y), RED));
                inside++;
            } else {
                assert_true(is_bg(&r, x, y));
            }
        }
    assert_int_equal(inside, 20 * 5);
    /* a half-covered column gets half the colour */
    raster_rect(&r, 40.5, 30, 45, 35, BLUE, 1.0);
    Rgb half = raster_pixel(&r, 40, 32);
    assert_true(half.r > 120 && half.r < 150); /* (255 + 20) / 2 */
    assert_true(same(raster_pixel(&r, 41, 32), BLUE));
    raster_free(&r);
}

static void test_raster_rect_alpha_blends(void **state)
{
    (void)state;
    Raster r = canvas(16, 16);
    raster_rect(&r, 0, 0, 16, 16, (Rgb){0, 0, 0}, 0.5);
    Rgb p = raster_pixel(&r, 8, 8);
    assert_in_range(p.r, 126, 129);
    raster_free(&r);
}

static void test_raster_line_follows_its_path(void **state)
{
    (void)state;
    Raster r = canvas(200, 200);
    raster_line(&r, 10, 50.5, 190, 50.5, 2.0, RED, 1.0);
    for (int x = 12; x < 188; x++) {
        assert_true(same(raster_pixel(&r, x, 50), RED));
        assert_true(is_bg(&r, x, 46));
        assert_true(is_bg(&r, x, 55));
    }
    assert_int_equal(count_non_bg(&r, 0, 0, 200, 45), 0);
    assert_int_equal(count_non_bg(&r, 0, 56, 200, 200), 0);
    /* a diagonal: dark along x = y, nothing 6 pixels off it */
    raster_line(&r, 60, 60, 180, 180, 3.0, BLUE, 1.0);
    for (int t = 64; t < 176; t++) {
        Rgb p = raster_pixel(&r, t, t);
        assert_true(p.r < 60);
        assert_true(is_bg(&r, t + 6, t));
        assert_true(is_bg(&r, t, t + 6));
    }
    raster_free(&r);
}

static void test_raster_thin_line_fades(void **state)
{
    (void)state;
    Raster r = canvas(40, 20);
    raster_line(&r, 2, 10.5, 38, 10.5, 0.5, (Rgb){0, 0, 0}, 1.0);
    Rgb p = raster_pixel(&r, 20, 10);
    assert_true(p.r > 100 && p.r < 160); /* about half dark */
    raster_free(&r);
}

static void test_raster_dashed_line_has_gaps(void **state)
{
    (void)state;
    Raster r = canvas(220, 20);
    raster_stroke_begin(&r, 2.0, 8, 6);
    raster_stroke_to(&r, 5, 10);
    raster_stroke_to(&r, 110, 10);
    raster_stroke_to(&r, 215, 10); /* the pattern runs on across points */
    raster_stroke_end(&r, RED, 1.0);
    int on = 0, off = 0, switches = 0;
    bool prev = false;
    for (int x = 10; x < 210; x++) {
        bool ink = !is_bg(&r, x, 9);
        on += ink;
        off += !ink;
        if (x > 10 && ink != prev)
            switches++;
        prev = ink;
    }
    assert_true(on > 60 && off > 40);
    assert_true(switches > 20); /* ~14 dashes in 200 px */
    raster_free(&r);
}

static void test_raster_polyline_joints_blend_once(void **state)
{
    (void)state;
    Raster r = canvas(100, 100);
    raster_stroke_begin(&r, 6.0, 0, 0);
    raster_stroke_to(&r, 10, 50);
    raster_stroke_to(&r, 50, 50);
    raster_stroke_to(&r, 50, 90);
    raster_stroke_end(&r, (Rgb){0, 0, 0}, 0.5);
    Rgb joint = raster_pixel(&r, 50, 50), seg = raster_pixel(&r, 30, 50);
    assert_true(same(joint, seg)); /* not darker where the segments overlap */
    raster_free(&r);
}

static void test_raster_nonfinite_points_lift_the_pen(void **state)
{
    (void)state;
    Raster r = canvas(100, 40);
    raster_stroke_begin(&r, 2.0, 0, 0);
    raster_stroke_to(&r, 5, 20);
    raster_stroke_to(&r, 40, 20);
    raster_stroke_to(&r, NAN, 20);
    raster_stroke_to(&r, 60, 20);
    raster_stroke_to(&r, 95, 20);
    raster_stroke_to(&r, 1e300, -1e300); /* far away: clipped, no hang */
    raster_stroke_end(&r, RED, 1.0);
    assert_false(is_bg(&r, 20, 19));
    assert_true(is_bg(&r, 50, 19)); /* the gap */
    assert_false(is_bg(&r, 80, 19));
    raster_line(&r, -1e30, -1e30, 1e30, 1e30, 2, BLUE, 1.0);
    assert_false(is_bg(&r, 20, 20));
    /* dashes over a far-reaching segment walk only its visible part; absurd dash lengths and
     * infinite lengths neither hang nor crash */
    raster_stroke_begin(&r, 1.0, 5, 5);
    raster_stroke_to(&r, -1e12, 35.5);
    raster_stroke_to(&r, 1e12, 35.5);
    raster_stroke_to(&r, 1e308, -1e308);
    raster_stroke_to(&r, -1e308, 1e308);
    raster_stroke_end(&r, RED, 1.0);
    assert_true(count_non_bg(&r, 0, 35, 100, 36) > 20);
    raster_stroke_begin(&r, 1.0, 1e-12, 1e-12);
    raster_stroke_to(&r, 0, 2);
    raster_stroke_to(&r, 100, 2);
    raster_stroke_end(&r, RED, 1.0);
    assert_int_equal(count_non_bg(&r, 0, 2, 100, 3), 100); /* drawn solid */
    raster_free(&r);
}

static void test_raster_clip_limits_drawing(void **state)
{
    (void)state;
    Raster r = canvas(100, 100);
    raster_clip(&r, 20, 20, 60, 60);
    raster_rect(&r, 0, 0, 100, 100, RED, 1.0);
    raster_line(&r, 0, 40, 100, 40, 4, BLUE, 1.0);
    raster_disc(&r, 20, 20, 15, BLUE, 1.0);
    assert_int_equal(count_non_bg(&r, 0, 0, 100, 100), 40 * 40);
    assert_true(same(raster_pixel(&r, 20, 20), BLUE));
    assert_true(is_bg(&r, 19, 20));
    raster_unclip(&r);
    raster_rect(&r, 0, 0, 5, 5, RED, 1.0);
    assert_true(same(raster_pixel(&r, 0, 0), RED));
    raster_free(&r);
}

static void test_raster_polygon_even_odd(void **state)
{
    (void)state;
    Raster r = canvas(60, 60);
    double square[] = {10, 10, 50, 10, 50, 50, 10, 50};
    raster_polygon(&r, square, 4, RED, 1.0);
    assert_int_equal(count_non_bg(&r, 0, 0, 60, 60), 40 * 40);
    raster_free(&r);
}

static void test_raster_markers_are_distinct(void **state)
{
    (void)state;
    enum { S = 40 };
    static uint8_t masks[MARKER_COUNT][S * S];
    for (int m = 0; m < MARKER_COUNT; m++) {
        Raster r = canvas(S, S);
        raster_marker(&r, (MarkerShape)m, S / 2.0, S / 2.0, 24, RED, RED, 0);
        int n = 0;
        for (int i = 0; i < S * S; i++) {
            Rgb p = raster_pixel(&r, i % S, i / S);
            masks[m][i] = p.g < 140; /* at least half covered */
            n += masks[m][i];
        }
        assert_true(n > 120);         /* a visible shape... */
        assert_true(is_bg(&r, 0, 0)); /* ...that stays near its centre */
        assert_true(is_bg(&r, S - 1, S - 1));
        raster_free(&r);
    }
    for (int a = 0; a < MARKER_COUNT; a++)
        for (int b = a + 1; b < MARKER_COUNT; b++) {
            int diff = 0;
            for (int i = 0; i < S * S; i++)
                diff += masks[a][i] != masks[b][i];
            assert_true(diff >= 25);
        }
}

static void test_raster_marker_edge_outlines(void **state)
{
    (void)state;
    Raster r = canvas(40, 40);
    raster_marker(&r, MARKER_SQUARE, 20, 20, 20, WHITE, BLUE, 2.0);
    assert_true(is_bg(&r, 20, 20));                       /* hollow inside */
    assert_false(is_bg(&r, 20, 11) && is_bg(&r, 20, 12)); /* the top edge, y = 20 - 8.2 */
    raster_free(&r);
}

static void test_raster_text_draws_inside_its_box(void **state)
{
    (void)state;
    Font *f = font_new();
    Raster r = canvas(300, 80);
    TextStyle st = {f, FONT_REGULAR, 16, TEXT_LEFT, false, (Rgb){0, 0, 0}, 1.0};
    const char *s = "Hinge loss 0.123";
    double w = raster_text(&r, &st, 20, 40, s);
    assert_true(fabs(w - font_text_width(f, FONT_REGULAR, 16, s)) < 1e-9);
    assert_true(w > 80 && w < 160);
    int ink = count_non_bg(&r, 0, 0, 300, 80);
    assert_true(ink > 150);
    double top = 40 - font_cap_height(f, FONT_REGULAR, 16) * 1.3 - 1;
    double bottom = 40 + font_descent(f, FONT_REGULAR, 16) + 1;
    assert_int_equal(count_non_bg(&r, 0, 0, 300, (int)floor(top)), 0);
    assert_int_equal(count_non_bg(&r, 0, (int)ceil(bottom), 300, 80), 0);
    assert_int_equal(count_non_bg(&r, 0, 0, 19, 80), 0);
    assert_int_equal(count_non_bg(&r, (int)ceil(20 + w + 1), 0, 300, 80), 0);
    raster_free(&r);
    free(f);
}

static void test_raster_text_alignment_and_rotation(void **state)
{
    (void)state;
    Font *f = font_new();
    Raster r = canvas(200, 200);
    TextStyle st = {f, FONT_BOLD, 20, TEXT_RIGHT, false, (Rgb){0, 0, 0}, 1.0};
    raster_text(&r, &st, 150, 30, "right");
    assert_int_equal(count_non_bg(&r, 152, 0, 200, 40), 0);
    assert_true(count_non_bg(&r, 140, 10, 151, 40) > 0);
    st.align = TEXT_CENTER;
    st.vertical = true;
    raster_text(&r, &st, 100, 130, "vertical");
    /* reads upwards: taller than wide, centred on y = 130, glyph tops to the left of x */
    int minx = 200, maxx = -1, miny = 200, maxy = -1;
    for (int y = 50; y < 200; y++)
        for (int x = 60; x < 140; x++)
            if (!is_bg(&r, x, y)) {
                minx = x < minx ? x : minx;
                maxx = x > maxx ? x : maxx;
                miny = y < miny ? y : miny;
                maxy = y > maxy ? y : maxy;
            }
    assert_true(maxy - miny > 3 * (maxx - minx));
    assert_true(abs((miny + maxy) / 2 - 130) <= 2);
    assert_true(minx < 100 && maxx <= 106);
    raster_free(&r);
    free(f);
}

static void test_raster_text_clipped(void **state)
{
    (void)state;
    Font *f = font_new();
    Raster r = canvas(100, 40);
    TextStyle st = {f, FONT_REGULAR, 16, TEXT_LEFT, false, (Rgb){0, 0, 0}, 1.0};
    raster_clip(&r, 0, 0, 30, 40);
    raster_text(&r, &st, 5, 25, "clipped text here");
    assert_true(count_non_bg(&r, 0, 0, 30, 40) > 0);
    assert_int_equal(count_non_bg(&r, 30, 0, 100, 40), 0);
    raster_free(&r);
    free(f);
}

/* ---- the font ---- */

static void test_font_has_every_label_glyph(void **state)
{
    (void)state;
    Font *f = font_new();
    const char *extra = "∘σ²³¹∞−½·Σŷ‖±×→←–—≈≠≤≥µηαλ°…Δ∇";
    for (int face = 0; face < FONT_FACE_COUNT; face++) {
        const FontGlyph *fallback = font_glyph(f, (FontFace)face, 0xFFFD);
        assert_int_equal(fallback->code, 0xFFFD);
        for (uint32_t c = 32; c < 127; c++)
            assert_int_equal(font_glyph(f, (FontFace)face, c)->code, c);
        const char *p = extra;
        uint32_t c;
        while ((c = font_utf8_next(&p)) != 0)
            assert_int_equal(font_glyph(f, (FontFace)face, c)->code, c);
        for (int id = 0; id < LOSS_COUNT; id++) {
            p = loss_def((LossId)id)->symbol;
            while ((c = font_utf8_next(&p)) != 0)
                assert_int_equal(font_glyph(f, (FontFace)face, c)->code, c);
        }
        /* an unknown character falls back to the replacement box */
        assert_int_equal(font_glyph(f, (FontFace)face, 0x4E2D)->code, 0xFFFD);
    }
    assert_true(font_text_width(f, FONT_BOLD, 16, "abc") >
                font_text_width(f, FONT_REGULAR, 16, "abc"));
    assert_true(fabs(font_text_width(f, FONT_REGULAR, 32, "0123") -
                     2 * font_text_width(f, FONT_REGULAR, 16, "0123")) < 1e-9);
    /* tabular digits: numbers in a column line up */
    assert_true(fabs(font_text_width(f, FONT_REGULAR, 16, "1111") -
                     font_text_width(f, FONT_REGULAR, 16, "8888")) < 1e-9);
    free(f);
}

static void test_font_utf8_decoding(void **state)
{
    (void)state;
    const char *s = "a\xC2\xB2\xE2\x88\x98\xF0\x9F\x98\x80\xFFz\xC0\xAF\xE2\x88";
    assert_int_equal(font_utf8_next(&s), 'a');
    assert_int_equal(font_utf8_next(&s), 0xB2);
    assert_int_equal(font_utf8_next(&s), 0x2218);
    assert_int_equal(font_utf8_next(&s), 0x1F600);
    assert_int_equal(font_utf8_next(&s), 0xFFFD); /* stray 0xFF */
    assert_int_equal(font_utf8_next(&s), 'z');
    assert_int_equal(font_utf8_next(&s), 0xFFFD); /* overlong '/' */
    assert_int_equal(font_utf8_next(&s), 0xFFFD); /* truncated sequence... */
    assert_int_equal(font_utf8_next(&s), 0xFFFD);
    assert_int_equal(font_utf8_next(&s), 0); /* ...then the end, without reading past it */
    assert_int_equal(font_utf8_next(&s), 0);
}

static void test_font_parse_rejects_broken_text(void **state)
{
    (void)state;
    Font *f = malloc(sizeof *f);
    assert_non_null(f);
    const char *good = "# a comment\nface regular\nheight 2\nbaseline 2\ncap 2\nxheight 1\n"
                       "glyph U+0041 A\n#.#\n###\nglyph U+003F ?\n##\n.#\n";
    int line = 0;
    assert_int_equal(font_parse(f, good, strlen(good), &line), ST_OK);
    assert_int_equal(font_glyph(f, FONT_BOLD, 'A')->advance, 3); /* bold falls back */
    assert_int_equal(font_glyph(f, FONT_REGULAR, 'A')->rows[0], 5u);
    assert_int_equal(font_glyph(f, FONT_REGULAR, 'Z')->code, '?');
    const char *ragged = "face r\nheight 2\nbaseline 2\nglyph U+0041\n#.#\n##\n";
    assert_int_equal(font_parse(f, ragged, strlen(ragged), &line), ST_FORMAT);
    assert_int_equal(line, 6);
    const char *badchar = "face r\nheight 1\nbaseline 1\nglyph U+0041\n#x\n";
    assert_int_equal(font_parse(f, badchar, strlen(badchar), &line), ST_FORMAT);
    const char *truncated = "face r\nheight 3\nbaseline 3\nglyph U+0041\n#\n#\n";
    assert_int_equal(font_parse(f, truncated, strlen(truncated), &line), ST_FORMAT);
    const char *nohead = "glyph U+0041\n#\n";
    assert_int_equal(font_parse(f, nohead, strlen(nohead), &line), ST_FORMAT);
    const char *wide = "face r\nheight 1\nbaseline 1\nglyph U+0041\n"
                       "#################################\n";
    assert_int_equal(font_parse(f, wide, strlen(wide), &line), ST_RANGE);
    const char *dup = "face r\nheight 1\nbaseline 1\nglyph U+0041\n#\nglyph U+0041\n#\n";
    assert_int_equal(font_parse(f, dup, strlen(dup), &line), ST_FORMAT);
    assert_int_equal(font_parse(f, "", 0, &line), ST_FORMAT);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raster_init_rejects_bad_sizes),
        cmocka_unit_test(test_raster_rect_fill_exact),
        cmocka_unit_test(test_raster_rect_alpha_blends),
        cmocka_unit_test(test_raster_line_follows_its_path),
        cmocka_unit_test(test_raster_thin_line_fades),
        cmocka_unit_test(test_raster_dashed_line_has_gaps),
        cmocka_unit_test(test_raster_polyline_joints_blend_once),
        cmocka_unit_test(test_raster_nonfinite_points_lift_the_pen),
        cmocka_unit_test(test_raster_clip_limits_drawing),
        cmocka_unit_test(test_raster_polygon_even_odd),
        cmocka_unit_test(test_raster_markers_are_distinct),
        cmocka_unit_test(test_raster_marker_edge_outlines),
        cmocka_unit_test(test_raster_text_draws_inside_its_box),
        cmocka_unit_test(test_raster_text_alignment_and_rotation),
        cmocka_unit_test(test_raster_text_clipped),
        cmocka_unit_test(test_font_has_every_label_glyph),
        cmocka_unit_test(test_font_utf8_decoding),
        cmocka_unit_test(test_font_parse_rejects_broken_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
