/* term_chart.c — the terminal surface's charts and legend: line charts in braille/ASCII cells,
 * margin histograms in eighth blocks on the chart's one shared scale, and the legend table, all
 * drawn from the figure model alone. Writes into curses windows only; allocates nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/term_draw.h"

#define LINE_MAX 1024

/* ---- line charts ---- */

/* The axes of a plot at (px, py), pw × ph cells: spines, ticks, tick labels, the x label. */
static void draw_axes(TermDraw *td, WINDOW *win, LayoutRect r, const ChartAxis *ax,
                      const ChartAxis *ay, int lw, int px, int py, int pw, int ph)
{
    term_draw_style(td, win, TERM_UI_AXIS);
    for (int row = py; row < py + ph; row++)
        term_draw_glyph(win, row, px - 1, td->ascii ? "|" : "\u2502");
    term_draw_glyph(win, py + ph, px - 1, td->ascii ? "+" : "\u2514");
    for (int col = px; col < px + pw; col++)
        term_draw_glyph(win, py + ph, col, td->ascii ? "-" : "\u2500");
    int last_row = -1;
    for (int i = ay->n_ticks - 1; i >= 0; i--) {
        double f = axis_frac(ay, ay->ticks[i]);
        if (!(f >= -1e-9 && f <= 1 + 1e-9))
            continue;
        int row = py + (int)((1 - f) * (4 * ph - 1) + 0.5) / 4;
        if (row == last_row)
            continue;
        last_row = row;
        const char *lab = ay->tick_labels[i];
        int len = (int)strlen(lab);
        len = len > lw ? lw : len;
        term_draw_text(td, win, row, r.x + lw - len, len, lab);
        term_draw_glyph(win, row, px - 1, td->ascii ? "+" : "\u2524");
    }
    int next_free = r.x;
    for (int i = 0; i < ax->n_ticks; i++) {
        double f = axis_frac(ax, ax->ticks[i]);
        if (!(f >= -1e-9 && f <= 1 + 1e-9))
            continue;
        int col = px + (int)(f * (2 * pw - 1) + 0.5) / 2;
        term_draw_glyph(win, py + ph, col, td->ascii ? "+" : "\u252c");
        const char *lab = ax->tick_labels[i];
        int len = (int)strlen(lab);
        int lx = col - len / 2;
        if (lx + len > r.x + r.w)
            lx = r.x + r.w - len;
        if (lx < next_free)
            continue;
        term_draw_text(td, win, py + ph + 1, lx, len, lab);
        next_free = lx + len + 1;
    }
    int ll = (int)strlen(ax->label);
    if (ax->label[0] && next_free + ll + 1 <= r.x + r.w)
        term_draw_text(td, win, py + ph + 1, r.x + r.w - ll, r.w, ax->label);
}

/* Columns of a UTF-8 label (every character in one here is one column wide). */
static int utf8_cols(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void term_draw_line_chart(TermDraw *td, WINDOW *win, LayoutRect r, const LineChart *c)
{
    term_draw_clear(td, win, r);
    if (r.w < 12 || r.h < 4)
        return;
    char title[160], plain[96];
    term_draw_plain(plain, sizeof plain, c->title);
    snprintf(title, sizeof title, "%s%s", plain,
             c->style_key ? " (train — solid, test — dashed)" : "");
    if ((int)strlen(title) > r.w + 8) /* the key is dropped before the title is cut */
        snprintf(title, sizeof title, "%s", plain);
    term_draw_style(td, win, TERM_UI_TITLE);
    term_draw_text(td, win, r.y, r.x, r.w, title);

    int mx, my;
    term_draw_chart_ticks(r, &mx, &my);
    ChartAxis ax = c->x, ay = c->y;
    chart_axis_fit(&ax, mx);
    chart_axis_fit(&ay, my);
    int lw = 1;
    for (int i = 0; i < ay.n_ticks; i++) {
        int len = (int)strlen(ay.tick_labels[i]);
        lw = len > lw ? len : lw;
    }
    lw = lw > 8 ? 8 : lw;
    int px = r.x + lw + 1, pw = r.w - lw - 1;
    int py = r.y + 1, ph = r.h - 3;
    if (pw < 4 || ph < 1)
        return;
    draw_axes(td, win, r, &ax, &ay, lw, px, py, pw, ph);
    /* reference lines (chance, target) under the curves: a dotted row and its label */
    for (int i = 0; i < c->n_refs; i++) {
        double f = axis_frac(&ay, c->refs[i].y);
        if (!(f >= 0 && f <= 1))
            continue;
        int row = py + (int)((1 - f) * (4 * ph - 1) + 0.5) / 4;
        term_draw_style(td, win, TERM_UI_MUTED);
        for (int col = px; col < px + pw; col += 2)
            term_draw_glyph(win, row, col, td->ascii ? "." : "\u00b7");
        int len = (int)strlen(c->refs[i].label);
        if (len + 2 < pw)
            term_draw_text(td, win, row, px + pw - len - 2, len, c->refs[i].label);
    }

    /* changes made while training: a faint column under the curves, its label at the top
     * (on the second row when the first is taken) */
    int label_free[2] = {px, px};
    for (int i = 0; i < c->n_marks; i++) {
        double f = axis_frac(&ax, c->marks[i].x);
        if (!(f >= 0 && f <= 1))
            continue;
        int col = px + (int)(f * (2 * pw - 1) + 0.5) / 2;
        term_draw_style(td, win, TERM_UI_MUTED);
        for (int row = py; row < py + ph; row++)
            term_draw_glyph(win, row, col, td->ascii ? ":" : "\u2502");
        int len = utf8_cols(c->marks[i].label);
        int lx = col + 1 + len <= px + pw ? col + 1 : col - len;
        for (int k = 0; k < 2 && k < ph; k++)
            if (lx >= label_free[k] && lx >= px) {
                term_draw_style(td, win, TERM_UI_WARN);
                term_draw_text(td, win, py + k, lx, len, c->marks[i].label);
                label_free[k] = lx + len + 1;
                break;
            }
    }

    /* series into the canvas, in order: the last writer owns a cell */
    BrailleCanvas *cv = &td->canvas;
    braille_init(cv, pw, ph, td->ascii);
    cv->ascii_markers = td->ascii && !td->has_color;
    double sx = 2.0 * cv->w - 1, sy = 4.0 * cv->h - 1;
    for (int i = 0; i < c->n_series && i < BRAILLE_NO_OWNER; i++) {
        const ChartSeries *sr = &c->series[i];
        braille_set_marker(cv, (uint8_t)i, sr->letter);
        BraillePen pen;
        braille_pen_start(&pen, (uint8_t)i, sr->style == LINE_DASHED);
        for (int j = 0; j < sr->n; j++) {
            double fx = axis_frac(&ax, sr->x[j]);
            double fy = axis_frac(&ay, chart_series_y(sr, j));
            braille_pen_to(cv, &pen, fx * sx, (1 - fy) * sy);
        }
    }
    char glyph[4];
    for (int cy = 0; cy < cv->h; cy++) {
        for (int cx = 0; cx < cv->w; cx++) {
            if (!braille_cell_text(cv, cx, cy, glyph))
                continue;
            const ChartSeries *sr = &c->series[braille_owner(cv, cx, cy)];
            if (sr->faint) /* a raw curve under its smoothed one */
                term_draw_style(td, win, TERM_UI_MUTED);
            else
                term_draw_color_style(td, win, sr->color, sr->focused);
            term_draw_glyph(win, py + cy, px + cx, glyph);
        }
    }
    /* each train curve's marker letter at its last point; a diverged model's in warning red */
    for (int i = 0; i < c->n_series; i++) {
        const ChartSeries *sr = &c->series[i];
        if (sr->style != LINE_SOLID || sr->n <= 0 || sr->faint)
            continue;
        double fx = axis_frac(&ax, sr->x[sr->n - 1]);
        double fy = axis_frac(&ay, chart_series_y(sr, sr->n - 1));
        if (!isfinite(fx) || !isfinite(fy))
            continue;
        fx = fx < 0 ? 0 : fx > 1 ? 1 : fx;
        fy = fy < 0 ? 0 : fy > 1 ? 1 : fy;
        int cx = (int)(fx * sx + 0.5) / 2, cy = (int)((1 - fy) * sy + 0.5) / 4;
        char letter[2] = {sr->letter, '\0'};
        if (sr->diverged)
            term_draw_style(td, win, TERM_UI_WARN);
        else
            term_draw_color_style(td, win, sr->color, true);
        term_draw_glyph(win, py + cy, px + cx, letter);
    }
    if (c->n_series == 0) {
        int len = (int)strlen(c->empty);
        term_draw_style(td, win, TERM_UI_MUTED);
        term_draw_text(td, win, py + ph / 2, px + (pw > len ? (pw - len) / 2 : 0), pw, c->empty);
    }
    term_draw_reset(win);
}

/* ---- histograms ---- */

void term_resample(const float *v, int nb, int width, float *out)
{
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
            sum += v[b];
        out[c] = (float)(sum / (b1 - b0));
    }
}

/* The column of value v over h's bins (the chart's margin axis, or h's own range), or -1 when
 * outside. */
static int column_of(const HistSeries *h, double v, int width)
{
    double f = h->hi > h->lo ? (v - h->lo) / ((double)h->hi - h->lo) : NAN;
    if (!(f >= 0 && f <= 1))
        return -1;
    int z = (int)(f * width);
    return z >= width ? width - 1 : z;
}

/* Bars of h, width columns by rows rows, bottom row at y0 + rows - 1: each column's share over
 * the chart's one y maximum, so every model and every surface scale alike. */
static void draw_bars(TermDraw *td, WINDOW *win, const HistChart *c, const HistSeries *h, int x0,
                      int y0, int width, int rows)
{
    float v[BRAILLE_MAX_W];
    if (width > BRAILLE_MAX_W)
        width = BRAILLE_MAX_W;
    if (width <= 0 || rows <= 0)
        return;
    term_resample(h->share, h->n_bins, width, v);
    double top = c->y.hi > 0 ? c->y.hi : 1;
    int zc = h->lo < 0 && h->hi > 0 ? column_of(h, 0.0, width) : -1;
    int mc = h->has_median ? column_of(h, h->median, width) : -1;
    for (int col = 0; col < width; col++) {
        int eighths = 0;
        if (v[col] > 0) {
            eighths = (int)lrint(v[col] / top * (rows * 8));
            eighths = eighths < 1 ? 1 : eighths > rows * 8 ? rows * 8 : eighths;
        }
        for (int k = 0; k < rows; k++) {
            const char *g = braille_bar_glyph(eighths, k, td->ascii);
            bool blank = g[0] == ' ';
            if (col == zc && blank) { /* the zero line where no bar covers it */
                term_draw_style(td, win, TERM_UI_ZERO);
                g = td->ascii ? "|" : "\u2502";
            } else if (col == mc && blank) { /* the median: a dotted column above the bars */
                term_draw_color_style(td, win, h->color, false);
                g = td->ascii ? ":" : "\u2506";
            } else if (blank) {
                continue;
            } else if (h->diverged) {
                term_draw_style(td, win, TERM_UI_MUTED);
            } else {
                term_draw_color_style(td, win, h->color, h->focused);
            }
            term_draw_glyph(win, y0 + rows - 1 - k, x0 + col, g);
        }
    }
}

/* "L log" plus "diverged" / "no data", in the loss's colour, within width columns. */
static void draw_hist_label(TermDraw *td, WINDOW *win, const HistSeries *h, int x, int y, int width)
{
    char lab[48];
    snprintf(lab, sizeof lab, "%c %s", h->letter, h->key);
    if (h->diverged)
        term_draw_style(td, win, TERM_UI_MUTED);
    else
        term_draw_color_style(td, win, h->color, h->focused);
    int used = term_draw_text(td, win, y, x, width, lab);
    if (h->note[0] && used + 1 < width) {
        term_draw_style(td, win, h->diverged ? TERM_UI_WARN : TERM_UI_MUTED);
        used += 1 + term_draw_text(td, win, y, x + used + 1, width - used - 1, h->note);
    }
    /* the shares beyond the range, as the picture surfaces show them at the edges */
    char out[32] = "";
    size_t n = 0;
    if (h->below >= 0.01f)
        n += (size_t)snprintf(out + n, sizeof out - n, "\u2190%.0f%%", 100.0 * h->below);
    if (h->above >= 0.01f && n < sizeof out)
        snprintf(out + n, sizeof out - n, "%s%.0f%%\u2192", n ? " " : "", 100.0 * h->above);
    int cols = 0;
    for (const char *p = out; *p; p++)
        cols += ((unsigned char)*p & 0xC0) != 0x80;
    cols += td->ascii ? (h->below >= 0.01f) + (h->above >= 0.01f) : 0; /* "<-", "->" */
    if (out[0] && used + 1 + cols <= width) {
        term_draw_style(td, win, TERM_UI_MUTED);
        term_draw_text(td, win, y, x + width - cols, cols, out);
    }
}

/* Tick labels of the margin axis under a bar area [x0, x0 + width). */
void term_draw_hist_ticks(TermDraw *td, WINDOW *win, const ChartAxis *ax, int x0, int y, int width)
{
    int next_free = x0;
    for (int i = 0; i < ax->n_ticks; i++) {
        double f = axis_frac(ax, ax->ticks[i]);
        if (!(f >= -1e-9 && f <= 1 + 1e-9))
            continue;
        int col = x0 + (int)(f * width);
        if (col >= x0 + width)
            col = x0 + width - 1;
        const char *lab = ax->tick_labels[i];
        int len = (int)strlen(lab);
        int lx = col - len / 2;
        if (lx + len > x0 + width)
            lx = x0 + width - len;
        if (lx < x0)
            lx = x0;
        if (lx < next_free || lx + len > x0 + width)
            continue;
        term_draw_style(td, win, ax->ticks[i] == 0.0 ? TERM_UI_ZERO : TERM_UI_AXIS);
        term_draw_text(td, win, y, lx, len, lab);
        next_free = lx + len + 1;
    }
}

static void draw_strips(TermDraw *td, WINDOW *win, LayoutRect r, const HistChart *c, bool aligned)
{
    int x0 = r.x + 2, width = r.w - 2;
    ChartAxis ax = c->x;
    chart_axis_fit(&ax, width / 8 < 2 ? 2 : width / 8 > 5 ? 5 : width / 8);
    /* row 0: the axis (aligned with the legend's header row) */
    term_draw_hist_ticks(td, win, &ax, x0, r.y, width);
    for (int k = 0; k < c->n; k++) {
        const HistSeries *h = &c->h[k];
        int row = r.y + 1 + (aligned ? h->model : k);
        if (row >= r.y + r.h)
            continue;
        char letter[2] = {h->letter, '\0'};
        if (h->diverged)
            term_draw_style(td, win, TERM_UI_MUTED);
        else
            term_draw_color_style(td, win, h->color, h->focused);
        term_draw_glyph(win, row, r.x, letter);
        draw_bars(td, win, c, h, x0, row, width, 1);
    }
}

void term_draw_hist_chart(TermDraw *td, WINDOW *win, LayoutRect r, const HistChart *c, bool strips)
{
    term_draw_clear(td, win, r);
    if (r.w < 8 || r.h < 2)
        return;
    char title[96];
    term_draw_plain(title, sizeof title, c->title);
    int cols = 0, rows = 0;
    if (!strips)
        layout_grid(r.w, r.h - 2, c->n, 12, 4, &cols, &rows);
    if (strips || cols == 0) {
        LayoutRect rest = r;
        if (!strips) { /* no room for a grid: strips under the title */
            term_draw_style(td, win, TERM_UI_TITLE);
            term_draw_text(td, win, r.y, r.x, r.w, title);
            rest = (LayoutRect){r.x, r.y + 1, r.w, r.h - 1};
        }
        draw_strips(td, win, rest, c, strips);
        term_draw_reset(win);
        return;
    }
    term_draw_style(td, win, TERM_UI_TITLE);
    term_draw_text(td, win, r.y, r.x, r.w, title);
    int cw = r.w / cols, ch = (r.h - 2) / rows;
    ChartAxis ax = c->x;
    chart_axis_fit(&ax, (cw - 1) / 6 < 2 ? 2 : (cw - 1) / 6 > 5 ? 5 : (cw - 1) / 6);
    for (int k = 0; k < c->n; k++) {
        int gx = r.x + (k % cols) * cw, gy = r.y + 1 + (k / cols) * ch;
        draw_hist_label(td, win, &c->h[k], gx, gy, cw - 1);
        draw_bars(td, win, c, &c->h[k], gx, gy + 1, cw - 1, ch - 1);
    }
    int ty = r.y + 1 + rows * ch;
    for (int gc = 0; gc < cols && gc < c->n; gc++)
        term_draw_hist_ticks(td, win, &ax, r.x + gc * cw, ty, cw - 1);
    term_draw_reset(win);
}

/* ---- legend ---- */

/* cell right-aligned in width columns (at most width - 1 characters of it). */
static void pad_cell(char *out, size_t size, int width, const char *cell)
{
    snprintf(out, size, "%*.*s", width, width - 1, cell[0] ? cell : "-");
}

void term_draw_legend(TermDraw *td, WINDOW *win, LayoutRect r, const Legend *l)
{
    term_draw_clear(td, win, r);
    if (r.w < 8 || r.h < 1)
        return;
    /* columns by priority: id, test loss, test acc, train loss, train acc, status; widths fit
     * the model's cells ("1.23e-4", "-0.8123", "99.5%") */
    static const int width[LEGEND_MAX_CELLS] = {8, 8, 7, 7};
    static const int priority[LEGEND_MAX_CELLS] = {1, 3, 0,
                                                   2}; /* te.loss, te.acc, tr.loss, tr.acc */
    static const char *const head[LEGEND_MAX_CELLS] = {" tr.loss", " te.loss", " tr.acc",
                                                       " te.acc"};
    int idw = r.w >= 30 ? 14 : 8; /* "cauchy-schwarz": ids are what users read first */
    int avail = r.w - 3 - idw;
    bool show[LEGEND_MAX_CELLS] = {false};
    for (int p = 0; p < LEGEND_MAX_CELLS && p < l->n_cells; p++) {
        int k = l->n_cells == 4 ? priority[p] : p;
        int need = width[k] + (p >= 2 ? 12 : 0); /* the status keeps room before train cells */
        if (avail >= need) {
            show[k] = true;
            avail -= width[k];
        }
    }
    int status_w = avail - 1;

    char line[LINE_MAX];
    size_t len = (size_t)snprintf(line, sizeof line, "   %-*s", idw, "loss");
    for (int k = 0; k < l->n_cells && len < sizeof line; k++)
        if (show[k])
            len += (size_t)snprintf(line + len, sizeof line - len, "%s",
                                    l->n_cells == 4 ? head[k] : l->sub[k]);
    if (status_w >= 6 && len < sizeof line)
        snprintf(line + len, sizeof line - len, " status");
    term_draw_style(td, win, TERM_UI_TITLE);
    term_draw_text(td, win, r.y, r.x, r.w, line);

    int rows = r.h - 1;
    for (int i = 0; i < l->n_rows && i < rows; i++) {
        const LegendRow *row = &l->rows[i];
        int y = r.y + 1 + i;
        if (i == rows - 1 && l->n_rows > rows) {
            snprintf(line, sizeof line, "   +%d more (enlarge the terminal)", l->n_rows - i);
            term_draw_style(td, win, TERM_UI_MUTED);
            term_draw_text(td, win, y, r.x, r.w, line);
            break;
        }
        char headc[40];
        snprintf(headc, sizeof headc, "%c%c %-*.*s", row->focused ? '>' : ' ', row->letter, idw,
                 idw, row->key);
        if (row->hidden)
            term_draw_style(td, win, TERM_UI_MUTED);
        else
            term_draw_color_style(td, win, row->color, row->focused);
        int x = r.x + term_draw_text(td, win, y, r.x, r.w, headc);
        line[0] = '\0';
        len = 0;
        char num[24];
        for (int k = 0; k < l->n_cells && len < sizeof line; k++) {
            if (!show[k])
                continue;
            pad_cell(num, sizeof num, width[k], row->cell[k]);
            len += (size_t)snprintf(line + len, sizeof line - len, "%s", num);
        }
        term_draw_style(td, win, row->hidden ? TERM_UI_MUTED : TERM_UI_TEXT);
        x += term_draw_text(td, win, y, x, r.x + r.w - x, line);
        /* the status: the model's one wording, or "diverged" when it does not fit */
        const char *st = row->hidden ? "hidden" : row->status;
        if (row->diverged && (int)strlen(st) + 1 > status_w)
            st = status_w >= 9 ? "diverged" : "!";
        if (st[0] && x < r.x + r.w) {
            snprintf(line, sizeof line, " %s", st);
            term_draw_style(td, win, row->diverged ? TERM_UI_WARN : TERM_UI_MUTED);
            term_draw_text(td, win, y, x, r.x + r.w - x, line);
        }
    }
    if (l->footnote[0] && l->n_rows < rows) { /* under the rows, when there is room */
        term_draw_style(td, win, TERM_UI_WARN);
        term_draw_text(td, win, r.y + 1 + l->n_rows, r.x + 1, r.w - 1, l->footnote);
    }
    term_draw_reset(win);
}
