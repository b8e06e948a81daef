/* test_term_caps.c — glyph and colour mode decisions from locale/environment/curses inputs,
 * user overrides, and the RGB → 256 / RGB → 8 colour mappings. Pure: no terminal needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "ui/term_caps.h"

static void test_term_caps_codeset(void **state)
{
    (void)state;
    assert_true(term_caps_codeset_is_utf8("UTF-8"));
    assert_true(term_caps_codeset_is_utf8("utf8"));
    assert_true(term_caps_codeset_is_utf8("UTF8"));
    assert_true(term_caps_codeset_is_utf8("utf-8"));
    assert_false(term_caps_codeset_is_utf8("ANSI_X3.4-1968"));
    assert_false(term_caps_codeset_is_utf8("ISO-8859-1"));
    assert_false(term_caps_codeset_is_utf8("UTF-16"));
    assert_false(term_caps_codeset_is_utf8(""));
    assert_false(term_caps_codeset_is_utf8(NULL));
}

static void test_term_caps_glyph(void **state)
{
    (void)state;
    assert_int_equal(term_caps_glyph("UTF-8", "xterm-256color", TERM_GLYPH_AUTO), TERM_GLYPH_UTF8);
    assert_int_equal(term_caps_glyph("ANSI_X3.4-1968", "xterm-256color", TERM_GLYPH_AUTO),
                     TERM_GLYPH_ASCII);
    assert_int_equal(term_caps_glyph(NULL, "xterm", TERM_GLYPH_AUTO), TERM_GLYPH_ASCII);
    assert_int_equal(term_caps_glyph("UTF-8", "linux", TERM_GLYPH_AUTO), TERM_GLYPH_ASCII);
    assert_int_equal(term_caps_glyph("UTF-8", "vt100", TERM_GLYPH_AUTO), TERM_GLYPH_ASCII);
    assert_int_equal(term_caps_glyph("UTF-8", NULL, TERM_GLYPH_AUTO), TERM_GLYPH_UTF8);
    /* overrides win both ways */
    assert_int_equal(term_caps_glyph("UTF-8", "xterm", TERM_GLYPH_ASCII), TERM_GLYPH_ASCII);
    assert_int_equal(term_caps_glyph("C", "linux", TERM_GLYPH_UTF8), TERM_GLYPH_UTF8);
}

static void test_term_caps_color_modes(void **state)
{
    (void)state;
    /* NO_COLOR non-empty → mono, whatever the terminal */
    assert_int_equal(term_caps_color("xterm-256color", "truecolor", "1", 256, TERM_COLOR_AUTO),
                     TERM_COLOR_MONO);
    /* ... but an empty NO_COLOR does not count */
    assert_int_equal(term_caps_color("xterm-256color", NULL, "", 256, TERM_COLOR_AUTO),
                     TERM_COLOR_256);
    assert_int_equal(term_caps_color("xterm-256color", "truecolor", NULL, 256, TERM_COLOR_AUTO),
                     TERM_COLOR_TRUE);
    assert_int_equal(term_caps_color("xterm-256color", "24bit", NULL, -1, TERM_COLOR_AUTO),
                     TERM_COLOR_TRUE);
    assert_int_equal(term_caps_color("xterm-direct", NULL, NULL, 0x1000000, TERM_COLOR_AUTO),
                     TERM_COLOR_TRUE);
    assert_int_equal(term_caps_color("xterm-256color", NULL, NULL, 256, TERM_COLOR_AUTO),
                     TERM_COLOR_256);
    assert_int_equal(term_caps_color("xterm-256color", NULL, NULL, -1, TERM_COLOR_AUTO),
                     TERM_COLOR_256);
    assert_int_equal(term_caps_color("xterm", NULL, NULL, 8, TERM_COLOR_AUTO), TERM_COLOR_8);
    assert_int_equal(term_caps_color("linux", NULL, NULL, 8, TERM_COLOR_AUTO), TERM_COLOR_8);
    assert_int_equal(term_caps_color("xterm", NULL, NULL, -1, TERM_COLOR_AUTO), TERM_COLOR_8);
    assert_int_equal(term_caps_color("vt100", NULL, NULL, 0, TERM_COLOR_AUTO), TERM_COLOR_MONO);
    assert_int_equal(term_caps_color("dumb", NULL, NULL, -1, TERM_COLOR_AUTO), TERM_COLOR_MONO);
    assert_int_equal(term_caps_color(NULL, NULL, NULL, -1, TERM_COLOR_AUTO), TERM_COLOR_MONO);
    /* truecolor asked by COLORTERM but curses has only 8 colours */
    assert_int_equal(term_caps_color("xterm", "truecolor", NULL, 8, TERM_COLOR_AUTO), TERM_COLOR_8);
}

static void test_term_caps_color_force(void **state)
{
    (void)state;
    /* a user's choice beats NO_COLOR and the environment ... */
    assert_int_equal(term_caps_color("xterm-256color", NULL, "1", 256, TERM_COLOR_256),
                     TERM_COLOR_256);
    assert_int_equal(term_caps_color("xterm-256color", "truecolor", NULL, 256, TERM_COLOR_MONO),
                     TERM_COLOR_MONO);
    assert_int_equal(term_caps_color("xterm", NULL, NULL, 256, TERM_COLOR_TRUE), TERM_COLOR_TRUE);
    /* ... but never goes beyond what curses can show */
    assert_int_equal(term_caps_color("xterm", NULL, NULL, 8, TERM_COLOR_TRUE), TERM_COLOR_8);
    assert_int_equal(term_caps_color("xterm", NULL, NULL, 8, TERM_COLOR_256), TERM_COLOR_8);
    assert_int_equal(term_caps_color("vt100", NULL, NULL, 0, TERM_COLOR_8), TERM_COLOR_MONO);
    assert_int_equal(term_caps_color("vt100", NULL, NULL, -1, TERM_COLOR_256), TERM_COLOR_256);
}

static void test_term_caps_decide_and_dark(void **state)
{
    (void)state;
    TermCapsInput in = {.codeset = "UTF-8",
                        .term = "xterm-256color",
                        .colorterm = "truecolor",
                        .no_color = NULL,
                        .colorfgbg = "0;15",
                        .colors = 256,
                        .force_glyph = TERM_GLYPH_AUTO,
                        .force_color = TERM_COLOR_AUTO,
                        .force_dark = -1};
    TermCaps caps;
    term_caps_decide(&caps, &in);
    assert_int_equal(caps.glyph, TERM_GLYPH_UTF8);
    assert_int_equal(caps.color, TERM_COLOR_TRUE);
    assert_false(caps.dark_background); /* COLORFGBG bg 15: light */
    assert_false(caps.linux_console);
    in.term = "linux";
    in.colorterm = NULL;
    in.colors = 8;
    in.colorfgbg = NULL;
    term_caps_decide(&caps, &in);
    assert_true(caps.linux_console);
    assert_int_equal(caps.glyph, TERM_GLYPH_ASCII);
    assert_int_equal(caps.color, TERM_COLOR_8);
    assert_true(caps.dark_background);

    assert_true(term_caps_dark("15;0", -1));
    assert_false(term_caps_dark("0;7", -1));
    assert_false(term_caps_dark("0;default;15", -1));
    assert_true(term_caps_dark("garbage", -1));
    assert_true(term_caps_dark(NULL, -1));
    assert_false(term_caps_dark("15;0", 0));
    assert_true(term_caps_dark("0;15", 1));
}

static void test_term_caps_rgb_to_256(void **state)
{
    (void)state;
    assert_int_equal(term_caps_rgb_to_256((Rgb){0, 0, 0}), 16);
    assert_int_equal(term_caps_rgb_to_256((Rgb){255, 255, 255}), 231);
    assert_int_equal(term_caps_rgb_to_256((Rgb){255, 0, 0}), 196);
    assert_int_equal(term_caps_rgb_to_256((Rgb){0, 255, 0}), 46);
    assert_int_equal(term_caps_rgb_to_256((Rgb){0, 0, 255}), 21);
    assert_int_equal(term_caps_rgb_to_256((Rgb){128, 128, 128}), 244); /* grey ramp: 8 + 10·12 */
    assert_int_equal(term_caps_rgb_to_256((Rgb){0x26, 0x26, 0x26}), 235);
    assert_int_equal(term_caps_rgb_to_256((Rgb){5, 5, 5}), 232); /* ramp beats the cube's black */
    assert_int_equal(term_caps_rgb_to_256((Rgb){250, 250, 250}), 231); /* cube white beats 255 */
    assert_int_equal(term_caps_rgb_to_256((Rgb){95, 135, 175}), 16 + 36 * 1 + 6 * 2 + 3);
    assert_int_equal(term_caps_rgb_to_256((Rgb){0x00, 0x72, 0xB2}), 16 + 6 * 1 + 3); /* O–I blue */
    assert_int_equal(term_caps_rgb_to_256((Rgb){0xE6, 0x9F, 0x00}), 16 + 36 * 4 + 6 * 3);
    /* round trip of every cube and ramp entry */
    for (int i = 16; i < 256; i++)
        assert_int_equal(term_caps_rgb_to_256(term_caps_256_to_rgb(i)), i);
    /* the result is never worse than a neighbouring cube entry */
    Rgb c = {200, 60, 90};
    int idx = term_caps_rgb_to_256(c);
    Rgb got = term_caps_256_to_rgb(idx);
    long d = (got.r - c.r) * (got.r - c.r) + (got.g - c.g) * (got.g - c.g) +
             (got.b - c.b) * (got.b - c.b);
    assert_true(d < 40 * 40);
}

static void test_term_caps_rgb_to_8(void **state)
{
    (void)state;
    assert_int_equal(term_caps_rgb_to_8((Rgb){0, 0, 0}), 0);
    assert_int_equal(term_caps_rgb_to_8((Rgb){250, 10, 10}), 1);
    assert_int_equal(term_caps_rgb_to_8((Rgb){10, 200, 20}), 2);
    assert_int_equal(term_caps_rgb_to_8((Rgb){0xE6, 0x9F, 0x00}), 3); /* orange → yellow */
    assert_int_equal(term_caps_rgb_to_8((Rgb){0, 0, 230}), 4);
    assert_int_equal(term_caps_rgb_to_8((Rgb){200, 0, 200}), 5);
    assert_int_equal(term_caps_rgb_to_8((Rgb){0x56, 0xB4, 0xE9}), 6); /* sky → cyan */
    assert_int_equal(term_caps_rgb_to_8((Rgb){255, 255, 255}), 7);
}

static void test_term_caps_names(void **state)
{
    (void)state;
    assert_int_equal(term_caps_parse_color("auto"), TERM_COLOR_AUTO);
    assert_int_equal(term_caps_parse_color("MONO"), TERM_COLOR_MONO);
    assert_int_equal(term_caps_parse_color("8"), TERM_COLOR_8);
    assert_int_equal(term_caps_parse_color("256"), TERM_COLOR_256);
    assert_int_equal(term_caps_parse_color("truecolor"), TERM_COLOR_TRUE);
    assert_int_equal(term_caps_parse_color("16"), -2);
    assert_int_equal(term_caps_parse_color(NULL), -2);
    assert_int_equal(term_caps_parse_glyph("ascii"), TERM_GLYPH_ASCII);
    assert_int_equal(term_caps_parse_glyph("braille"), TERM_GLYPH_UTF8);
    assert_int_equal(term_caps_parse_glyph("x"), -2);
    for (int c = TERM_COLOR_MONO; c <= TERM_COLOR_TRUE; c++)
        assert_int_equal(term_caps_parse_color(term_caps_color_name((TermColor)c)), c);
    for (int g = TERM_GLYPH_ASCII; g <= TERM_GLYPH_UTF8; g++)
        assert_int_equal(term_caps_parse_glyph(term_caps_glyph_name((TermGlyph)g)), g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_term_caps_codeset),
        cmocka_unit_test(test_term_caps_glyph),
        cmocka_unit_test(test_term_caps_color_modes),
        cmocka_unit_test(test_term_caps_color_force),
        cmocka_unit_test(test_term_caps_decide_and_dark),
        cmocka_unit_test(test_term_caps_rgb_to_256),
        cmocka_unit_test(test_term_caps_rgb_to_8),
        cmocka_unit_test(test_term_caps_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
