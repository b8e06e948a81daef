/* term_draw.c — draws the chart model, the legend and the boundary heatmap into curses windows.
 * Owns the colour pairs it defines and the scratch canvas inside TermDraw; it never refreshes,
 * reads input, allocates, or touches state outside TermDraw and curses. */
#include "ui/term_draw.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define PAIR_MODEL0 1
#define PAIR_UI0 (PAIR_MODEL0 + ARENA_MAX_MODELS)
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

/* One glyph (UTF-8 or ASCII) at (y, x) if inside the window. */
static void put(WINDOW *win, int y, int x, const char *glyph)
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
    for (int m = 0; m < ARENA_MAX_MODELS; m++) {
        int fg = basic ? model_basic_color(m, caps->dark_background)
                       : color_number(td, palette_color(m, caps->dark_background));
        td->model_pair[m] =
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

void term_draw_model_style(const TermDraw *td, WINDOW *win, int model, bool bold)
{
    int pair = td->model_pair[((model % ARENA_MAX_MODELS) + ARENA_MAX_MODELS) % ARENA_MAX_MODELS];
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

static bool model_diverged(const Snapshot *s, int m)
{
    return s && m >= 0 && m < s->n_models && m < ARENA_MAX_MODELS && s->models[m].diverged;
}

void term_draw_line_chart(TermDraw *td, WINDOW *win, LayoutRect r, const LineChart *c,
                          const Snapshot *s)
{
    term_draw_clear(td, win, r);
    if (r.w < 12 || r.h < 4)
        return;
    char title[96];
    snprintf(title, sizeof title, "%s%s", c->title, c->y.log ? "  [log y]" : "");
    term_draw_style(td, win, TERM_UI_TITLE);
    term_draw_text(td, win, r.y, r.x, r.w, title);

    int lw = 1;
    for (int i = 0; i < c->y.n_ticks; i++) {
        int len = (int)strlen(c->y.tick_labels[i]);
        lw = len > lw ? len : lw;
    }
    lw = lw > 8 ? 8 : lw;
    int px = r.x + lw + 1, pw = r.w - lw - 1;
    int py = r.y + 1, ph = r.h - 3;
    if (pw < 4 || ph < 1)
        return;

    /* axes */
    term_draw_style(td, win, TERM_UI_AXIS);
    for (int row = py; row < py + ph; row++)
        put(win, row, px - 1, td->ascii ? "|" : "\u2502");
    put(win, py + ph, px - 1, td->ascii ? "+" : "\u2514");
    for (int col = px; col < px + pw; col++)
        put(win, py + ph, col, td->ascii ? "-" : "\u2500");
    int last_row = -1;
    for (int i = c->y.n_ticks - 1; i >= 0; i--) {
        double f = axis_frac(&c->y, c->y.ticks[i]);
        if (!(f >= -1e-9 && f <= 1 + 1e-9))
            continue;
        int row = py + (int)((1 - f) * (4 * ph - 1) + 0.5) / 4;
        if (row == last_row)
            continue;
        last_row = row;
        const char *lab = c->y.tick_labels[i];
        int len = (int)strlen(lab);
        len = len > lw ? lw : len;
        term_draw_text(td, win, row, r.x + lw - len, len, lab);
        put(win, row, px - 1, td->ascii ? "+" : "\u2524");
    }
    int next_free = r.x;
    for (int i = 0; i < c->x.n_ticks; i++) {
        double f = axis_frac(&c->x, c->x.ticks[i]);
        if (!(f >= -1e-9 && f <= 1 + 1e-9))
            continue;
        int col = px + (int)(f * (2 * pw - 1) + 0.5) / 2;
        put(win, py + ph, col, td->ascii ? "+" : "\u252c");
        const char *lab = c->x.tick_labels[i];
        int len = (int)strlen(lab);
        int lx = col - len / 2;
        if (lx + len > r.x + r.w)
            lx = r.x + r.w - len;
        if (lx < next_free)
            continue;
        term_draw_text(td, win, py + ph + 1, lx, len, lab);
        next_free = lx + len + 1;
    }
    if (next_free + (int)strlen(c->x.label) + 1 <= r.x + r.w && c->x.label[0])
        term_draw_text(td, win, py + ph + 1, r.x + r.w - (int)strlen(c->x.label), r.w, c->x.label);

    /* series into the canvas, in order: the last writer owns a cell */
    BrailleCanvas *cv = &td->canvas;
    braille_init(cv, pw, ph, td->ascii);
    cv->ascii_markers = td->ascii && !td->has_color;
    double sx = 2.0 * cv->w - 1, sy = 4.0 * cv->h - 1;
    for (int i = 0; i < c->n_series && i < BRAILLE_NO_OWNER; i++) {
        const ChartSeries *sr = &c->series[i];
        braille_set_marker(cv, (uint8_t)i, palette_marker(sr->loss));
        BraillePen pen;
        braille_pen_start(&pen, (uint8_t)i, sr->style == LINE_DASHED);
        for (int j = 0; j < sr->n; j++) {
            double fx = axis_frac(&c->x, sr->x[j]);
            double fy = axis_frac(&c->y, (double)sr->y[j] * sr->y_scale);
            braille_pen_to(cv, &pen, fx * sx, (1 - fy) * sy);
        }
    }
    char glyph[4];
    for (int cy = 0; cy < cv->h; cy++) {
        for (int cx = 0; cx < cv->w; cx++) {
            if (!braille_cell_text(cv, cx, cy, glyph))
                continue;
            const ChartSeries *sr = &c->series[braille_owner(cv, cx, cy)];
            term_draw_model_style(td, win, sr->model, sr->focused);
            put(win, py + cy, px + cx, glyph);
        }
    }
    /* each train curve's marker letter at its last point; a diverged model's in warning red */
    for (int i = 0; i < c->n_series; i++) {
        const ChartSeries *sr = &c->series[i];
        if (sr->style != LINE_SOLID || sr->n <= 0)
            continue;
        double fx = axis_frac(&c->x, sr->x[sr->n - 1]);
        double fy = axis_frac(&c->y, (double)sr->y[sr->n - 1] * sr->y_scale);
        if (!isfinite(fx) || !isfinite(fy))
            continue;
        fx = fx < 0 ? 0 : fx > 1 ? 1 : fx;
        fy = fy < 0 ? 0 : fy > 1 ? 1 : fy;
        int cx = (int)(fx * sx + 0.5) / 2, cy = (int)((1 - fy) * sy + 0.5) / 4;
        char letter[2] = {palette_marker(sr->loss), '\0'};
        if (model_diverged(s, sr->model))
            term_draw_style(td, win, TERM_UI_WARN);
        else
            term_draw_model_style(td, win, sr->model, true);
        put(win, py + cy, px + cx, letter);
    }
    if (c->n_series == 0) {
        term_draw_style(td, win, TERM_UI_MUTED);
        term_draw_text(td, win, py + ph / 2, px + (pw > 12 ? (pw - 12) / 2 : 0), pw, "no data yet");
    }
    set_attr(win, A_NORMAL, 0);
}

/* ---- histograms ---- */

/* Mean count per column of h resampled to width columns; returns the largest. */
static float resample(const Histogram *h, int width, float *out)
{
    float maxv = 0;
    int nb = h->n_bins;
    for (int c = 0; c < width; c++) {
        out[c] = 0;
        if (nb <= 0)
            continue;
        int b0 = (int)((long)c * nb / width), b1 = (int)((long)(c + 1) * nb / width);
        if (b1 <= b0)
            b1 = b0 + 1;
        if (b1 > nb)
            b1 = nb;
        double sum = 0;
        for (int b = b0; b < b1; b++)
            sum += h->counts[b];
        out[c] = (float)(sum / (b1 - b0));
        maxv = out[c] > maxv ? out[c] : maxv;
    }
    return maxv;
}

static int zero_column(const HistChart *c, int width)
{
    if (!(c->lo < 0 && c->hi > 0))
        return -1;
    int z = (int)((0 - c->lo) / (c->hi - c->lo) * width);
    return z < 0 ? 0 : z >= width ? width - 1 : z;
}

/* Bars of model m, width columns by rows rows, bottom row at y0 + rows - 1. */
static void draw_bars(TermDraw *td, WINDOW *win, const HistChart *c, const Snapshot *s, int m,
                      int x0, int y0, int width, int rows)
{
    float v[BRAILLE_MAX_W];
    if (width > BRAILLE_MAX_W)
        width = BRAILLE_MAX_W;
    if (width <= 0 || rows <= 0)
        return;
    const ModelSnapshot *ms = &s->models[m];
    float maxv = resample(&ms->margins, width, v);
    int zc = zero_column(c, width);
    bool grey = ms->diverged;
    for (int col = 0; col < width; col++) {
        int eighths = 0;
        if (maxv > 0 && v[col] > 0) {
            eighths = (int)lrintf(v[col] / maxv * (float)(rows * 8));
            eighths = eighths < 1 ? 1 : eighths;
        }
        for (int k = 0; k < rows; k++) {
            const char *g = braille_bar_glyph(eighths, k, td->ascii);
            bool blank = g[0] == ' ';
            if (col == zc) {
                term_draw_style(td, win, TERM_UI_ZERO);
                if (blank)
                    g = td->ascii ? "|" : "\u2502";
            } else if (blank) {
                continue;
            } else if (grey) {
                term_draw_style(td, win, TERM_UI_MUTED);
            } else {
                term_draw_model_style(td, win, m, m == c->focused);
            }
            put(win, y0 + rows - 1 - k, x0 + col, g);
        }
    }
}

/* "L log" plus "diverged" / "no data", in the model's colour, within width columns. */
static void draw_hist_label(TermDraw *td, WINDOW *win, const HistChart *c, const Snapshot *s, int m,
                            int x, int y, int width)
{
    const ModelSnapshot *ms = &s->models[m];
    const LossDef *d = loss_def(ms->loss);
    char lab[48];
    snprintf(lab, sizeof lab, "%c %s", palette_marker(ms->loss), d ? d->key : "?");
    if (ms->diverged)
        term_draw_style(td, win, TERM_UI_MUTED);
    else
        term_draw_model_style(td, win, m, m == c->focused);
    int used = term_draw_text(td, win, y, x, width, lab);
    const char *note = ms->diverged ? " diverged" : ms->margins.total == 0 ? " no data" : "";
    if (note[0] && used < width) {
        term_draw_style(td, win, ms->diverged ? TERM_UI_WARN : TERM_UI_MUTED);
        term_draw_text(td, win, y, x + used, width - used, note);
    }
}

/* Tick labels of the margin axis under a bar area [x0, x0 + width). */
static void draw_hist_ticks(TermDraw *td, WINDOW *win, const HistChart *c, int x0, int y, int width)
{
    int next_free = x0;
    for (int i = 0; i < c->x.n_ticks; i++) {
        double f = axis_frac(&c->x, c->x.ticks[i]);
        if (!(f >= -1e-9 && f <= 1 + 1e-9))
            continue;
        int col = x0 + (int)(f * width);
        if (col >= x0 + width)
            col = x0 + width - 1;
        const char *lab = c->x.tick_labels[i];
        int len = (int)strlen(lab);
        int lx = col - len / 2;
        if (lx + len > x0 + width)
            lx = x0 + width - len;
        if (lx < x0)
            lx = x0;
        if (lx < next_free || lx + len > x0 + width)
            continue;
        term_draw_style(td, win, c->x.ticks[i] == 0.0 ? TERM_UI_ZERO : TERM_UI_AXIS);
        term_draw_text(td, win, y, lx, len, lab);
        next_free = lx + len + 1;
    }
}

static void draw_strips(TermDraw *td, WINDOW *win, LayoutRect r, const HistChart *c,
                        const Snapshot *s, bool aligned)
{
    int x0 = r.x + 2, width = r.w - 2;
    /* row 0: the axis (aligned with the legend's header row) */
    draw_hist_ticks(td, win, c, x0, r.y, width);
    for (int k = 0; k < c->n_models; k++) {
        int m = c->models[k];
        if (m < 0 || m >= s->n_models)
            continue;
        int row = r.y + 1 + (aligned ? m : k);
        if (row >= r.y + r.h)
            continue;
        /* the legend's last row says "+n more" when it cannot list every model */
        if (aligned && s->n_models > r.h - 1 && row == r.y + r.h - 1)
            continue;
        char letter[2] = {palette_marker(s->models[m].loss), '\0'};
        if (s->models[m].diverged)
            term_draw_style(td, win, TERM_UI_MUTED);
        else
            term_draw_model_style(td, win, m, m == c->focused);
        put(win, row, r.x, letter);
        draw_bars(td, win, c, s, m, x0, row, width, 1);
    }
}

void term_draw_hist_chart(TermDraw *td, WINDOW *win, LayoutRect r, const HistChart *c,
                          const Snapshot *s, bool strips)
{
    term_draw_clear(td, win, r);
    if (r.w < 8 || r.h < 2 || !s)
        return;
    int cols = 0, rows = 0;
    if (!strips) {
        layout_grid(r.w, r.h - 2, c->n_models, 12, 4, &cols, &rows);
        if (cols == 0) {
            /* no room for a grid: strips under the title */
            term_draw_style(td, win, TERM_UI_TITLE);
            term_draw_text(td, win, r.y, r.x, r.w, c->title);
            LayoutRect rest = {r.x, r.y + 1, r.w, r.h - 1};
            draw_strips(td, win, rest, c, s, false);
            set_attr(win, A_NORMAL, 0);
            return;
        }
    } else {
        draw_strips(td, win, r, c, s, true);
        set_attr(win, A_NORMAL, 0);
        return;
    }
    term_draw_style(td, win, TERM_UI_TITLE);
    term_draw_text(td, win, r.y, r.x, r.w, c->title);
    int cw = r.w / cols, ch = (r.h - 2) / rows;
    for (int k = 0; k < c->n_models; k++) {
        int m = c->models[k];
        if (m < 0 || m >= s->n_models)
            continue;
        int gx = r.x + (k % cols) * cw, gy = r.y + 1 + (k / cols) * ch;
        draw_hist_label(td, win, c, s, m, gx, gy, cw - 1);
        draw_bars(td, win, c, s, m, gx, gy + 1, cw - 1, ch - 1);
    }
    int ty = r.y + 1 + rows * ch;
    for (int gc = 0; gc < cols && gc < c->n_models; gc++)
        draw_hist_ticks(td, win, c, r.x + gc * cw, ty, cw - 1);
    set_attr(win, A_NORMAL, 0);
}

/* ---- legend ---- */

/* v in at most width - 1 characters, right-aligned in width. */
static void fmt_num(char *out, size_t size, int width, double v)
{
    char tmp[32];
    if (!isfinite(v)) {
        snprintf(tmp, sizeof tmp, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
    } else {
        for (int prec = 4; prec >= 1; prec--) {
            snprintf(tmp, sizeof tmp, "%.*g", prec, v);
            if ((int)strlen(tmp) <= width - 1)
                break;
        }
    }
    snprintf(out, size, "%*.*s", width, width - 1, tmp);
}

void term_draw_legend(TermDraw *td, WINDOW *win, LayoutRect r, const Snapshot *s,
                      const ChartView *v)
{
    term_draw_clear(td, win, r);
    if (r.w < 8 || r.h < 1 || !s)
        return;
    /* columns by priority: id, test loss, test acc, train loss, train acc, status */
    int idw = r.w >= 30 ? 14 : 8; /* "cauchy-schwarz": ids are what users read first */
    int avail = r.w - 3 - idw;
    bool te_loss = false, te_acc = false, tr_loss = false, tr_acc = false;
    if (avail >= 8) {
        te_loss = true;
        avail -= 8;
    }
    if (avail >= 7) {
        te_acc = true;
        avail -= 7;
    }
    if (avail >= 8 + 12) {
        tr_loss = true;
        avail -= 8;
    }
    if (avail >= 7 + 12) {
        tr_acc = true;
        avail -= 7;
    }
    int status_w = avail - 1;

    char line[TEXT_MAX];
    snprintf(line, sizeof line, "   %-*s%s%s%s%s%s", idw, "loss", tr_loss ? " tr.loss" : "",
             te_loss ? " te.loss" : "", tr_acc ? " tr.acc" : "", te_acc ? " te.acc" : "",
             status_w >= 6 ? " status" : "");
    term_draw_style(td, win, TERM_UI_TITLE);
    term_draw_text(td, win, r.y, r.x, r.w, line);

    int rows = r.h - 1;
    for (int m = 0; m < s->n_models && m < ARENA_MAX_MODELS && m < rows; m++) {
        int y = r.y + 1 + m;
        if (m == rows - 1 && s->n_models > rows) {
            snprintf(line, sizeof line, "   +%d more (enlarge the terminal)", s->n_models - m);
            term_draw_style(td, win, TERM_UI_MUTED);
            term_draw_text(td, win, y, r.x, r.w, line);
            break;
        }
        const ModelSnapshot *ms = &s->models[m];
        const LossDef *d = loss_def(ms->loss);
        bool hidden = v && v->hidden[m];
        bool focused = v && v->focused == m;
        char head[40];
        snprintf(head, sizeof head, "%c%c %-*.*s", focused ? '>' : ' ', palette_marker(ms->loss),
                 idw, idw, d ? d->key : "?");
        if (hidden)
            term_draw_style(td, win, TERM_UI_MUTED);
        else
            term_draw_model_style(td, win, m, focused);
        int x = r.x + term_draw_text(td, win, y, r.x, r.w, head);

        char num[24];
        line[0] = '\0';
        size_t len = 0;
        const EvalResult *e = &ms->last;
        if (tr_loss) {
            fmt_num(num, sizeof num, 8, e->train_loss);
            len += (size_t)snprintf(line + len, sizeof line - len, "%s",
                                    ms->has_eval ? num : "       -");
        }
        if (te_loss) {
            fmt_num(num, sizeof num, 8, e->test_loss);
            len += (size_t)snprintf(line + len, sizeof line - len, "%s",
                                    ms->has_eval ? num : "       -");
        }
        if (tr_acc) {
            snprintf(num, sizeof num, "%6.1f%%", 100.0 * e->train_acc);
            len += (size_t)snprintf(line + len, sizeof line - len, "%s",
                                    ms->has_eval ? num : "      -");
        }
        if (te_acc) {
            snprintf(num, sizeof num, "%6.1f%%", 100.0 * e->test_acc);
            len += (size_t)snprintf(line + len, sizeof line - len, "%s",
                                    ms->has_eval ? num : "      -");
        }
        term_draw_style(td, win, hidden ? TERM_UI_MUTED : TERM_UI_TEXT);
        x += term_draw_text(td, win, y, x, r.x + r.w - x, line);
        if (status_w >= 6) {
            char st[96];
            if (ms->diverged && status_w >= 24) {
                /* "NaN loss at step 812, lr 3": what blew up, when, and with what step size */
                snprintf(st, sizeof st, " %s at step %ld, lr %g",
                         diverge_reason_str(ms->diverged_why), ms->diverged_step,
                         ms->diverged_lr);
                term_draw_style(td, win, TERM_UI_WARN);
            } else if (ms->diverged) {
                snprintf(st, sizeof st, " div@%ld", ms->diverged_step);
                term_draw_style(td, win, TERM_UI_WARN);
            } else if (hidden) {
                snprintf(st, sizeof st, " hidden");
                term_draw_style(td, win, TERM_UI_MUTED);
            } else {
                st[0] = '\0';
            }
            term_draw_text(td, win, y, x, r.x + r.w - x, st);
        } else if (ms->diverged && x < r.x + r.w) {
            term_draw_style(td, win, TERM_UI_WARN);
            term_draw_text(td, win, y, x, r.x + r.w - x, " !");
        }
    }
    set_attr(win, A_NORMAL, 0);
}

/* ---- decision boundary ---- */

#define SHADES 3

static int shade_of(uint8_t conf)
{
    return conf < 153 ? 0 : conf < 217 ? 1 : 2; /* < 0.6, < 0.85, above */
}

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

void term_draw_boundary(TermDraw *td, WINDOW *win, LayoutRect r, const Snapshot *s, int model)
{
    term_draw_clear(td, win, r);
    if (r.w < 4 || r.h < 2)
        return;
    bool ok = s && s->has_grid && model >= 0 && model < s->n_models && model < ARENA_MAX_MODELS;
    char title[80];
    if (ok) {
        const LossDef *d = loss_def(s->models[model].loss);
        snprintf(title, sizeof title, "boundary \u00b7 %c %s%s", palette_marker(d ? d->id : 0),
                 d ? d->key : "?", s->models[model].diverged ? " (diverged)" : "");
    } else {
        snprintf(title, sizeof title, "boundary");
    }
    term_draw_style(td, win, TERM_UI_TITLE);
    term_draw_text(td, win, r.y, r.x, r.w, title);
    if (!ok) {
        term_draw_style(td, win, TERM_UI_MUTED);
        term_draw_text(td, win, r.y + 1, r.x, r.w, "no 2-D decision boundary");
        set_attr(win, A_NORMAL, 0);
        return;
    }
    const ModelSnapshot *ms = &s->models[model];
    int aw = r.w, ah = r.h - 1;
    /* square in pixels: a cell is one pixel wide and two tall */
    int S = aw < 2 * ah ? aw : 2 * ah;
    S &= ~1;
    if (S < 2)
        return;
    int ox = r.x + (aw - S) / 2, oy = r.y + 1 + (ah - S / 2) / 2;
    const int G = ARENA_GRID;
    bool half = !td->ascii && td->has_color && td->caps.color >= TERM_COLOR_256;
    bool dark = td->caps.dark_background;
    Rgb bg = palette_background(dark);
    static const float shade_t[SHADES] = {0.3f, 0.5f, 0.7f};
    if (td->dyn_n > td->dyn_cap / 2)
        dyn_reset(td);

    /* colour numbers per class and shade, and full strength for points (classes cycle 10) */
    int colnum[10][SHADES + 1];
    for (int cls = 0; cls < 10; cls++) {
        Rgb cc = palette_class_color(cls);
        for (int q = 0; q < SHADES; q++)
            colnum[cls][q] = color_number(td, palette_mix(bg, cc, shade_t[q]));
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
                int ct = ms->grid[it] % 10, cb = ms->grid[ib] % 10;
                int fg = colnum[ct][shade_of(ms->grid_conf[it])];
                int bgc = colnum[cb][shade_of(ms->grid_conf[ib])];
                set_attr(win, A_NORMAL, dyn_pair(td, fg, bgc));
                put(win, oy + row, ox + col, "\u2580");
            } else {
                int gy = G - 1 - (2 * row + 1) * G / S;
                int i = gy * G + gx;
                int cls = ms->grid[i], q = shade_of(ms->grid_conf[i]);
                char g[2] = {q == 0 ? '.' : class_char(cls), '\0'};
                set_attr(win, q == 2 ? A_NORMAL : A_DIM,
                         dyn_pair(td, colnum[cls % 10][SHADES], td->default_bg));
                put(win, oy + row, ox + col, g);
            }
        }
    }
    /* training points, thinned to about one per four cells, flipped labels as 'x' */
    int cells = S * (S / 2);
    int budget = cells / 4 > 1 ? cells / 4 : 1;
    int stride = s->n_points > budget ? (s->n_points + budget - 1) / budget : 1;
    float w0 = s->grid_hi[0] - s->grid_lo[0], w1 = s->grid_hi[1] - s->grid_lo[1];
    if (!(w0 > 0) || !(w1 > 0))
        stride = 0;
    for (int p = 0; stride > 0 && p < s->n_points && p < SNAPSHOT_MAX_POINTS; p += stride) {
        double fx = (s->point_x[p] - s->grid_lo[0]) / w0;
        double fy = (s->grid_hi[1] - s->point_y[p]) / w1;
        if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1))
            continue;
        int col = (int)(fx * S), pyx = (int)(fy * S);
        int cls = s->point_class[p] % 10;
        /* the region under the point, as the cell's background */
        int gx = col * G / S, gy = G - 1 - pyx * G / S;
        int i = gy * G + gx;
        int under = half ? colnum[ms->grid[i] % 10][shade_of(ms->grid_conf[i])] : td->default_bg;
        const char *g = s->point_flipped[p] ? "x" : td->ascii ? "o" : "\u2022";
        set_attr(win, A_BOLD, dyn_pair(td, colnum[cls][SHADES], under));
        put(win, oy + pyx / 2, ox + col, g);
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
