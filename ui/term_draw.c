/* term_draw.c — the terminal surface's base: text (with ASCII fallbacks), colour pairs per
 * palette slot and UI style, and the decision-boundary heatmap (which needs pairs on demand).
 * Owns the colour pairs it defines and the scratch canvas inside TermDraw; it never refreshes,
 * reads input, allocates, or touches state outside TermDraw and curses. */
#include "ui/term_draw.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define PAIR_MODEL0 1
#define PAIR_UI0 (PAIR_MODEL0 + PALETTE_SLOTS)
#define PAIR_DYN0 (PAIR_UI0 + TERM_UI_COUNT)
#define SLOT_BASE 16 /* palette slots redefined for truecolor: the start of the 6×6×6 cube */
#define MAX_PAIR 32767
#define TEXT_MAX 1024

/* ---- text ---- */

static const struct {
    const char *utf8, *ascii;
} translit[] = {
    {"\u2014", "-"},    {"\u2013", "-"},  {"\u2212", "-"},   {"\u00b2", "^2"}, {"\u00b3", "^3"},
    {"\u2218", "o"},    {"\u03c3", "s"},  {"\u221e", "inf"}, {"\u00b7", "."},  {"\u00d7", "x"},
    {"\u2026", "..."},  {"\u2265", ">="}, {"\u2264", "<="},  {"\u2016", "||"}, {"\u03a3", "sum"},
    {"\u221a", "sqrt"}, {"\u2022", "o"},  {"\u2192", "->"},  {"\u2190", "<-"}, {"\u00b1", "+-"},
};

/* Bytes of the UTF-8 sequence at s, 1 for an invalid one (shown as '?'). */
static int utf8_len(const char *s, bool *valid)
{
    unsigned char c = (unsigned char)s[0];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    *valid = len > 0;
    if (len == 0)
        return 1;
    for (int k = 1; k < len; k++) {
        if (((unsigned char)s[k] & 0xC0) != 0x80) {
            *valid = false;
            return 1;
        }
    }
    return len;
}

void term_draw_plain(char *out, size_t n, const char *s)
{
    size_t k = 0;
    for (; s && *s && k + 1 < n; s++)
        if (*s != '{' && *s != '}')
            out[k++] = *s;
    if (n > 0)
        out[k] = '\0';
}

int term_draw_text(const TermDraw *td, WINDOW *win, int y, int x, int max_cols, const char *s)
{
    int wh, ww;
    getmaxyx(win, wh, ww);
    if (!s || y < 0 || y >= wh || x < 0 || x >= ww || max_cols <= 0)
        return 0;
    if (max_cols > ww - x)
        max_cols = ww - x;
    char buf[TEXT_MAX];
    int n = 0, cols = 0;
    while (*s && cols < max_cols && n < TEXT_MAX - 8) {
        bool valid;
        int len = utf8_len(s, &valid);
        unsigned char c = (unsigned char)*s;
        if (len == 1) {
            buf[n++] = (valid && c >= 0x20 && c != 0x7F) ? (char)c : '?';
            cols++;
        } else if (!td->ascii) {
            memcpy(buf + n, s, (size_t)len);
            n += len;
            cols++;
        } else {
            const char *rep = "?";
            for (size_t i = 0; i < sizeof translit / sizeof translit[0]; i++) {
                if (strncmp(s, translit[i].utf8, (size_t)len) == 0 &&
                    translit[i].utf8[len] == '\0') {
                    rep = translit[i].ascii;
                    break;
                }
            }
            for (; *rep && cols < max_cols; rep++, cols++)
                buf[n++] = *rep;
        }
        s += len;
    }
    buf[n] = '\0';
    mvwaddstr(win, y, x, buf);
    return cols;
}

void term_draw_glyph(WINDOW *win, int y, int x, const char *glyph)
{
    int wh, ww;
    getmaxyx(win, wh, ww);
    if (y >= 0 && y < wh && x >= 0 && x < ww)
        mvwaddstr(win, y, x, glyph);
}

/* ---- colours ---- */

static int slot_color(TermDraw *td, Rgb c)
{
    for (int i = 0; i < td->n_slots; i++)
        if (td->slot_rgb[i].r == c.r && td->slot_rgb[i].g == c.g && td->slot_rgb[i].b == c.b)
            return SLOT_BASE + i;
    if (td->n_slots < TERM_DRAW_MAX_SLOTS && SLOT_BASE + td->n_slots < td->colors) {
        int num = SLOT_BASE + td->n_slots;
        if (init_extended_color(num, c.r * 1000 / 255, c.g * 1000 / 255, c.b * 1000 / 255) == OK) {
            td->slot_rgb[td->n_slots++] = c;
            return num;
        }
    }
    /* out of slots: the nearest colour already defined */
    int best = -1;
    long best_d = 0;
    for (int i = 0; i < td->n_slots; i++) {
        long dr = c.r - td->slot_rgb[i].r, dg = c.g - td->slot_rgb[i].g,
             db = c.b - td->slot_rgb[i].b;
        long d = dr * dr + dg * dg + db * db;
        if (best < 0 || d < best_d) {
            best = i;
            best_d = d;
        }
    }
    return best < 0 ? -1 : SLOT_BASE + best;
}

/* The curses colour number showing c in the current mode; -1 (default) without colour. */
static int color_number(TermDraw *td, Rgb c)
{
    if (!td->has_color)
        return -1;
    if (td->direct)
        return (c.r << 16) | (c.g << 8) | c.b;
    if (td->redefine)
        return slot_color(td, c);
    if (td->caps.color >= TERM_COLOR_256 && td->colors >= 256)
        return term_caps_rgb_to_256(c);
    return term_caps_rgb_to_8(c);
}

static bool define_pair(const TermDraw *td, int pair, int fg, int bg)
{
    if (pair <= 0 || pair >= td->color_pairs || pair > MAX_PAIR)
        return false;
    return init_extended_pair(pair, fg, bg) == OK;
}

/* In 8 colours the palette collapses (blue and green both become cyan): a fixed cycle of the
 * most distinct basic colours instead, with the marker letters telling models apart. */
static int model_basic_color(int m, bool dark)
{
    static const int on_dark[7] = {COLOR_CYAN,    COLOR_YELLOW, COLOR_GREEN, COLOR_RED,
                                   COLOR_MAGENTA, COLOR_BLUE,   COLOR_WHITE};
    static const int on_light[7] = {COLOR_BLUE, COLOR_RED,   COLOR_GREEN, COLOR_MAGENTA,
                                    COLOR_CYAN, COLOR_BLACK, COLOR_YELLOW};
    return (dark ? on_dark : on_light)[m % 7];
}

static int ui_color(TermDraw *td, TermUiStyle st)
{
    bool dark = td->caps.dark_background;
    bool basic = !(td->caps.color >= TERM_COLOR_256 && td->colors >= 256);
    switch (st) {
    case TERM_UI_AXIS:
    case TERM_UI_MUTED:
        return basic ? -2 : color_number(td, palette_muted(dark));
    case TERM_UI_ZERO:
        if (basic)
            return dark ? COLOR_WHITE : COLOR_BLACK;
        return color_number(td, dark ? (Rgb){0xFF, 0xFF, 0xFF} : (Rgb){0x00, 0x00, 0x00});
    case TERM_UI_WARN:
        if (basic)
            return COLOR_RED;
        return color_number(td, dark ? (Rgb){0xFF, 0x55, 0x55} : (Rgb){0xC0, 0x00, 0x00});
    case TERM_UI_GOOD:
        if (basic)
            return COLOR_GREEN;
        return color_number(td, dark ? (Rgb){0x66, 0xCC, 0x66} : (Rgb){0x00, 0x80, 0x00});
    default:
        return -2; /* the default pair */
    }
}

static void dyn_reset(TermDraw *td)
{
    memset(td->dyn_pair, 0, sizeof td->dyn_pair);
    td->dyn_n = 0;
}

/* A pair for (fg, bg), defined on first use; 0 (default colours) when out of pairs. */
static int dyn_pair(TermDraw *td, int fg, int bg)
{
    if (!td->has_color || td->dyn_cap <= 0)
        return 0;
    unsigned h = ((unsigned)fg * 2654435761u) ^ ((unsigned)(bg + 2) * 40503u);
    for (int probe = 0; probe < TERM_DRAW_DYN_HASH; probe++) {
        int i = (int)((h + (unsigned)probe) & (TERM_DRAW_DYN_HASH - 1));
        if (td->dyn_pair[i] == 0) {
            if (td->dyn_n >= td->dyn_cap)
                return 0;
            int p = td->dyn_base + td->dyn_n;
            if (!define_pair(td, p, fg, bg))
                return 0;
            td->dyn_n++;
            td->dyn_key_fg[i] = fg;
            td->dyn_key_bg[i] = bg;
            td->dyn_pair[i] = p;
            return p;
        }
        if (td->dyn_key_fg[i] == fg && td->dyn_key_bg[i] == bg)
            return td->dyn_pair[i];
    }
    return 0;
}

void term_draw_init(TermDraw *td, const TermCaps *caps)
{
    memset(td, 0, offsetof(TermDraw, canvas));
    td->caps = *caps;
    td->ascii = caps->glyph != TERM_GLYPH_UTF8;
    braille_init(&td->canvas, 1, 1, td->ascii);
    td->default_bg = -1;
    if (caps->color == TERM_COLOR_MONO || !has_colors()) {
        td->caps.color = TERM_COLOR_MONO;
        return;
    }
    start_color();
    td->colors = COLORS;
    td->color_pairs = COLOR_PAIRS;
    td->caps.color = term_caps_color(NULL, NULL, NULL, td->colors, caps->color);
    if (td->caps.color == TERM_COLOR_MONO || td->color_pairs < 2)
        return;
    td->has_color = true;
    if (use_default_colors() != OK)
        td->default_bg = caps->dark_background ? COLOR_BLACK : COLOR_WHITE;
    if (td->caps.color == TERM_COLOR_TRUE) {
        if (td->colors >= 0x1000000)
            td->direct = true;
        else if (td->colors >= 256 && can_change_color())
            td->redefine = true;
    }
    bool basic = !(td->caps.color >= TERM_COLOR_256 && td->colors >= 256);
    for (int m = 0; m < PALETTE_SLOTS; m++) {
        int fg = basic ? model_basic_color(m, caps->dark_background)
                       : color_number(td, palette_color(m, caps->dark_background));
        td->color_pair[m] =
            define_pair(td, PAIR_MODEL0 + m, fg, td->default_bg) ? PAIR_MODEL0 + m : 0;
    }
    for (int st = 0; st < TERM_UI_COUNT; st++) {
        int fg = ui_color(td, (TermUiStyle)st);
        td->ui_pair[st] =
            fg != -2 && define_pair(td, PAIR_UI0 + st, fg, td->default_bg) ? PAIR_UI0 + st : 0;
    }
    int top = td->color_pairs - 1 < MAX_PAIR ? td->color_pairs - 1 : MAX_PAIR;
    td->dyn_base = PAIR_DYN0;
    td->dyn_cap = top - PAIR_DYN0 + 1;
    if (td->dyn_cap > TERM_DRAW_MAX_DYN)
        td->dyn_cap = TERM_DRAW_MAX_DYN;
    if (td->dyn_cap < 0)
        td->dyn_cap = 0;
    dyn_reset(td);
}

static void set_attr(WINDOW *win, attr_t attrs, int pair)
{
    wattr_set(win, attrs, (short)pair, NULL);
}

void term_draw_reset(WINDOW *win)
{
    set_attr(win, A_NORMAL, 0);
}

void term_draw_style(const TermDraw *td, WINDOW *win, TermUiStyle st)
{
    attr_t a = A_NORMAL;
    switch (st) {
    case TERM_UI_TITLE:
        a = A_BOLD;
        break;
    case TERM_UI_AXIS:
    case TERM_UI_MUTED:
        a = td->ui_pair[st] ? A_NORMAL : A_DIM;
        break;
    case TERM_UI_ZERO:
    case TERM_UI_WARN:
        a = A_BOLD;
        break;
    default:
        break;
    }
    int pair = (st >= 0 && st < TERM_UI_COUNT) ? td->ui_pair[st] : 0;
    set_attr(win, a, pair);
}

void term_draw_color_style(const TermDraw *td, WINDOW *win, int slot, bool bold)
{
    int pair = td->color_pair[((slot % PALETTE_SLOTS) + PALETTE_SLOTS) % PALETTE_SLOTS];
    set_attr(win, bold ? A_BOLD : A_NORMAL, pair);
}

void term_draw_clear(const TermDraw *td, WINDOW *win, LayoutRect r)
{
    (void)td;
    int wh, ww;
    getmaxyx(win, wh, ww);
    set_attr(win, A_NORMAL, 0);
    char blanks[TEXT_MAX];
    for (int y = r.y; y < r.y + r.h; y++) {
        if (y < 0 || y >= wh)
            continue;
        int x0 = r.x < 0 ? 0 : r.x, x1 = r.x + r.w > ww ? ww : r.x + r.w;
        int n = x1 - x0;
        if (n <= 0)
            continue;
        if (n > TEXT_MAX - 1)
            n = TEXT_MAX - 1;
        memset(blanks, ' ', (size_t)n);
        blanks[n] = '\0';
        mvwaddstr(win, y, x0, blanks);
    }
}

/* ---- line charts ---- */

void term_draw_chart_ticks(LayoutRect r, int *max_ticks_x, int *max_ticks_y)
{
    int pw = r.w - 8, ph = r.h - 3;
    int mx = pw / 10, my = ph / 3 + 2;
    *max_ticks_x = mx < 2 ? 2 : mx > 8 ? 8 : mx;
    *max_ticks_y = my < 2 ? 2 : my > 8 ? 8 : my;
}

/* ---- decision boundary ---- */

#define SHADES CHART_SHADES

/* As for models: nearest-of-8 would merge blue and green classes into cyan. */
static int class_basic_color(int cls, bool dark)
{
    static const int on_dark[7] = {COLOR_YELLOW, COLOR_CYAN, COLOR_GREEN, COLOR_MAGENTA,
                                   COLOR_RED,    COLOR_BLUE, COLOR_WHITE};
    static const int on_light[7] = {COLOR_RED,  COLOR_BLUE,   COLOR_GREEN, COLOR_MAGENTA,
                                    COLOR_CYAN, COLOR_YELLOW, COLOR_BLACK};
    return (dark ? on_dark : on_light)[cls % 7];
}

static char class_char(int cls)
{
    return cls < 10 ? (char)('0' + cls) : (char)('a' + (cls - 10) % 26);
}

void term_draw_boundary(TermDraw *td, WINDOW *win, LayoutRect r, const BoundaryMap *b)
{
    term_draw_clear(td, win, r);
    if (r.w < 4 || r.h < 2)
        return;
    bool ok = b && b->ok && b->grid > 0;
    term_draw_style(td, win, TERM_UI_TITLE);
    term_draw_text(td, win, r.y, r.x, r.w, b ? b->title : "Decision boundary");
    if (!ok) {
        term_draw_style(td, win, TERM_UI_MUTED);
        term_draw_text(td, win, r.y + 1, r.x, r.w, "no 2-D decision boundary");
        set_attr(win, A_NORMAL, 0);
        return;
    }
    int aw = r.w, ah = r.h - 1;
    /* square in pixels: a cell is one pixel wide and two tall */
    int S = aw < 2 * ah ? aw : 2 * ah;
    S &= ~1;
    if (S < 2)
        return;
    int ox = r.x + (aw - S) / 2, oy = r.y + 1 + (ah - S / 2) / 2;
    const int G = b->grid;
    bool half = !td->ascii && td->has_color && td->caps.color >= TERM_COLOR_256;
    bool dark = td->caps.dark_background;
    Rgb bg = palette_background(dark);
    if (td->dyn_n > td->dyn_cap / 2)
        dyn_reset(td);

    /* colour numbers per class and shade, and full strength for points (classes cycle 10) */
    int colnum[10][SHADES + 1];
    for (int cls = 0; cls < 10; cls++) {
        Rgb cc = palette_class_color(cls);
        Rgb region = b->diverged ? palette_grey(cc) : cc; /* a diverged model's regions: grey */
        for (int q = 0; q < SHADES; q++)
            colnum[cls][q] = color_number(td, palette_mix(bg, region, chart_shade_mix(q)));
        colnum[cls][SHADES] = td->caps.color >= TERM_COLOR_256 || !td->has_color
                                  ? color_number(td, cc)
                                  : class_basic_color(cls, dark);
    }
    for (int row = 0; row < S / 2; row++) {
        for (int col = 0; col < S; col++) {
            int gx = col * G / S;
            if (half) {
                int gy_top = G - 1 - (2 * row) * G / S, gy_bot = G - 1 - (2 * row + 1) * G / S;
                int it = gy_top * G + gx, ib = gy_bot * G + gx;
                int ct = b->cls[it] % 10, cb = b->cls[ib] % 10;
                int fg = colnum[ct][chart_shade_of(b->conf[it])];
                int bgc = colnum[cb][chart_shade_of(b->conf[ib])];
                set_attr(win, A_NORMAL, dyn_pair(td, fg, bgc));
                term_draw_glyph(win, oy + row, ox + col, "\u2580");
            } else {
                int gy = G - 1 - (2 * row + 1) * G / S;
                int i = gy * G + gx;
                int cls = b->cls[i], q = chart_shade_of(b->conf[i]);
                char g[2] = {q == 0 ? '.' : class_char(cls), '\0'};
                if (b->diverged)
                    set_attr(win, A_DIM, td->ui_pair[TERM_UI_MUTED]);
                else
                    set_attr(win, q == 2 ? A_NORMAL : A_DIM,
                             dyn_pair(td, colnum[cls % 10][SHADES], td->default_bg));
                term_draw_glyph(win, oy + row, ox + col, g);
            }
        }
    }
    /* training points, thinned to about one per four cells, flipped labels as 'x' */
    int cells = S * (S / 2);
    int budget = cells / 4 > 1 ? cells / 4 : 1;
    int stride = b->n_points > budget ? (b->n_points + budget - 1) / budget : 1;
    float w0 = b->hi[0] - b->lo[0], w1 = b->hi[1] - b->lo[1];
    if (!(w0 > 0) || !(w1 > 0))
        stride = 0;
    for (int p = 0; stride > 0 && p < b->n_points; p += stride) {
        double fx = (b->px[p] - b->lo[0]) / w0;
        double fy = (b->hi[1] - b->py[p]) / w1;
        if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1))
            continue;
        int col = (int)(fx * S), pyx = (int)(fy * S);
        int cls = b->pcls[p] % 10;
        /* the region under the point, as the cell's background */
        int gx = col * G / S, gy = G - 1 - pyx * G / S;
        int i = gy * G + gx;
        int under = half ? colnum[b->cls[i] % 10][chart_shade_of(b->conf[i])] : td->default_bg;
        const char *g = b->pflip[p] ? "x" : td->ascii ? "o" : "\u2022";
        set_attr(win, A_BOLD, dyn_pair(td, colnum[cls][SHADES], under));
        term_draw_glyph(win, oy + pyx / 2, ox + col, g);
    }
    set_attr(win, A_NORMAL, 0);
}

void term_draw_too_small(TermDraw *td, WINDOW *win, int have_w, int have_h, int need_w, int need_h)
{
    int wh, ww;
    getmaxyx(win, wh, ww);
    char msg[96];
    snprintf(msg, sizeof msg, "terminal too small: have %d\u00d7%d, need %d\u00d7%d", have_w,
             have_h, need_w, need_h);
    int len = (int)strlen(msg) - 2; /* two 2-byte '×' count one column each */
    int x = (ww - len) / 2, y = wh / 2;
    term_draw_style(td, win, TERM_UI_WARN);
    term_draw_text(td, win, y < 0 ? 0 : y, x < 0 ? 0 : x, ww, msg);
    set_attr(win, A_NORMAL, 0);
}
