/* figure_legend.c — the picture layout's legend table and caption, and figure_draw, which
 * places the panels a figure kind asks for. Reads only the model; draws through the Canvas. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/figure_pic.h"

/* ---- legend ---- */

typedef struct {
    double fs, row_h;
    double w_sample, w_sym, w_id, w_num, gap;
    bool show_id, show_nums;
    int n_nums;        /* number columns */
    int cols, per_col; /* entries side by side (only without numbers) */
    int n_rows;        /* rows shown (hidden models are not) */
    double entry_w, col_gap;
    double width, height;
} LegendBox;

static bool row_shown(const LegendRow *r)
{
    return !r->hidden;
}

static void legend_measure(const Fig *f, LegendBox *L, double fs, bool show_id, bool show_nums,
                           int cols)
{
    const Legend *lg = &f->fig->legend;
    L->fs = fs;
    L->row_h = fs * 1.55;
    L->gap = fs * 0.8;
    L->w_sample = fs * 2.6;
    L->w_sym = L->w_id = 0;
    L->n_rows = 0;
    for (int i = 0; i < lg->n_rows; i++) {
        if (!row_shown(&lg->rows[i]))
            continue;
        L->n_rows++;
        L->w_sym = fmax(L->w_sym, pic_text_width(f, FONT_BOLD, fs, lg->rows[i].symbol));
        L->w_id = fmax(L->w_id, pic_text_width(f, FONT_REGULAR, fs * 0.85, lg->rows[i].key));
    }
    L->w_num = fmax(pic_text_width(f, FONT_REGULAR, fs, "0.0000"),
                    pic_text_width(f, FONT_REGULAR, fs, "100.0%"));
    L->n_nums = lg->n_cells;
    for (int k = 0; k < L->n_nums; k++)
        L->w_num = fmax(L->w_num, pic_text_width(f, FONT_REGULAR, fs * 0.9, lg->sub[k]));
    L->show_id = show_id;
    L->show_nums = show_nums;
    L->entry_w = L->w_sample + L->gap + L->w_sym + (show_id ? L->gap + L->w_id : 0) +
                 (show_nums ? L->n_nums * (L->gap + L->w_num) : 0);
    L->cols = show_nums || cols < 1 ? 1 : cols;
    L->per_col = (L->n_rows + L->cols - 1) / L->cols;
    if (L->per_col < 1)
        L->per_col = 1;
    L->col_gap = 1.5 * L->gap;
    L->width = L->cols * L->entry_w + (L->cols - 1) * L->col_gap;
    L->height = (L->per_col + (show_nums ? 2.3 : 0.3)) * L->row_h;
}

/* The richest legend that fits in max_w × max_h, shrinking the text if it must. */
static void legend_fit(const Fig *f, LegendBox *L, double max_w, double max_h)
{
    for (double fs = f->fs_legend; fs >= 7; fs -= 0.5) {
        legend_measure(f, L, fs, true, true, 1);
        if (L->width <= max_w && L->height <= max_h)
            return;
        legend_measure(f, L, fs, false, true, 1);
        if (L->width <= max_w && L->height <= max_h)
            return;
        if (fs <= f->fs_legend * 0.8) { /* names only, in up to three columns */
            for (int cols = 1; cols <= 3; cols++) {
                legend_measure(f, L, fs, false, false, cols);
                if (L->width <= max_w && L->height <= max_h)
                    return;
            }
        }
    }
    /* nothing fits: names only, as many columns as fit the width, text as small as needed */
    int cols = 3;
    for (; cols > 1; cols--) {
        legend_measure(f, L, 7, false, false, cols);
        if (L->width <= max_w)
            break;
    }
    double fs = fmin(7, max_h / ((L->per_col + 0.3) * 1.55));
    legend_measure(f, L, fs > 4 ? fs : 4, false, false, cols);
}

/* The two header rows over the number columns, whose right ends are col_r[0..n_nums). */
static void legend_header(Fig *f, const LegendBox *L, double x_sym, const double *col_r,
                          double base)
{
    const Legend *lg = &f->fig->legend;
    double fs = L->fs;
    if (!lg->group[1][0]) { /* one header over every column, never past the right edge */
        double hw = pic_text_width(f, FONT_BOLD, fs, lg->group[0]), right = col_r[L->n_nums - 1];
        double mid = fmin((col_r[0] - L->w_num + right) / 2, right - hw / 2);
        pic_text(f, FONT_BOLD, fs, TEXT_CENTER, mid, base, f->fg, lg->group[0]);
    } else {
        for (int g = 0; g < 2 && 2 * g + 1 < L->n_nums; g++)
            pic_text(f, FONT_BOLD, fs, TEXT_CENTER,
                     (col_r[2 * g] - L->w_num + col_r[2 * g + 1]) / 2, base, f->fg, lg->group[g]);
    }
    base += L->row_h * 0.95;
    for (int k = 0; k < L->n_nums; k++)
        pic_text(f, FONT_REGULAR, fs * 0.9, TEXT_RIGHT, col_r[k], base, f->muted, lg->sub[k]);
    pic_text(f, FONT_REGULAR, fs * 0.9, TEXT_LEFT, x_sym, base, f->muted, "loss id");
}

/* The numbers of a row, or its status (a diverged model's one wording, shortened to "diverged"
 * only when it does not fit); x_num is where the columns start. */
static void legend_numbers(Fig *f, const LegendBox *L, const LegendRow *row, double x_num,
                           const double *col_r, double base)
{
    double fs = L->fs, right = col_r[L->n_nums - 1];
    if (row->status[0] && (row->diverged || !row->evaluated)) {
        const char *text = row->status;
        if (row->diverged && pic_text_width(f, FONT_REGULAR, fs, text) > right - (x_num + L->gap))
            text = "diverged";
        pic_text(f, FONT_REGULAR, fs, TEXT_RIGHT, right, base, row->diverged ? f->warn : f->muted,
                 text);
        return;
    }
    for (int k = 0; k < L->n_nums; k++)
        pic_text(f, FONT_REGULAR, fs, TEXT_RIGHT, col_r[k], base, f->fg, row->cell[k]);
}

static void legend_draw(Fig *f, const LegendBox *L, double x, double y)
{
    const Legend *lg = &f->fig->legend;
    const CanvasOps *op = f->cv->ops;
    double fs = L->fs, ch = pic_cap_h(f, fs);
    double x_sym = x + L->w_sample + L->gap;
    double x_id = x_sym + L->w_sym + L->gap;
    double x_num = (L->show_id ? x_id + L->w_id : x_sym + L->w_sym); /* right end before numbers */
    double col_r[LEGEND_MAX_CELLS];
    for (int k = 0; k < LEGEND_MAX_CELLS; k++)
        col_r[k] = x_num + (k + 1) * (L->gap + L->w_num);
    double row = y;
    if (L->show_nums && L->n_nums > 0) {
        legend_header(f, L, x_sym, col_r, row + ch + 2);
        row += L->row_h * 2.0;
        pic_rule(f, x, row, col_r[L->n_nums - 1], row, fmax(1, round(f->u)), f->grid);
        row += L->row_h * 0.3;
    }
    double top = row;
    int entry = 0;
    for (int i = 0; i < lg->n_rows; i++) {
        const LegendRow *r = &lg->rows[i];
        if (!row_shown(r))
            continue;
        if (entry > 0 && entry % L->per_col == 0) { /* the next column */
            x += L->entry_w + L->col_gap;
            x_sym += L->entry_w + L->col_gap;
            x_id += L->entry_w + L->col_gap;
            row = top;
        }
        entry++;
        double mid = row + L->row_h / 2, base = mid + ch / 2;
        Rgb col = pic_color(f, r->color);
        if (r->focused)
            op->rect(f->cv->impl, x - 0.3 * fs, row, x + L->entry_w + 0.3 * fs, row + L->row_h,
                     f->grid, 1.0);
        /* the line sample with its marker: also the exact colour swatch of the model */
        double y0 = pic_snap(mid - f->line_w / 2), y1 = y0 + fmax(2, round(f->line_w));
        if (r->dashed) { /* three dashes */
            for (int k = 0; k < 3; k++)
                op->rect(f->cv->impl, pic_snap(x + k * 0.36 * L->w_sample), y0,
                         pic_snap(x + (k * 0.36 + 0.28) * L->w_sample), y1, col, 1.0);
        } else {
            op->rect(f->cv->impl, pic_snap(x), y0, pic_snap(x + L->w_sample), y1, col, 1.0);
        }
        pic_marker(f, r->shape, r->color, x + L->w_sample / 2, mid,
                   fmin(f->marker * 1.15, L->row_h * 0.8), false);
        pic_text(f, FONT_BOLD, fs, TEXT_LEFT, x_sym, base, f->fg, r->symbol);
        if (L->show_id)
            pic_text(f, FONT_REGULAR, fs * 0.85, TEXT_LEFT, x_id, base, f->muted, r->key);
        if (L->show_nums)
            legend_numbers(f, L, r, x_num, col_r, base);
        row += L->row_h;
    }
}

/* ---- caption ---- */

/* Splits the caption at " · " into lines no wider than w; returns the number of lines (<= 4)
 * and the byte offsets where each starts and ends. */
static int caption_lines(const Fig *f, const char *cap, double w, double fs, size_t starts[4],
                         size_t ends[4])
{
    static const char sep[] = " · ";
    size_t len = strlen(cap), pos = 0;
    int n = 0;
    char buf[512];
    while (pos < len && n < 4) {
        size_t best_end = len;
        size_t try_end = pos;
        for (;;) {
            const char *hit = strstr(cap + try_end + (try_end > pos ? strlen(sep) : 0), sep);
            size_t end = hit ? (size_t)(hit - cap) : len;
            size_t k = end - pos < sizeof buf - 1 ? end - pos : sizeof buf - 1;
            memcpy(buf, cap + pos, k);
            buf[k] = '\0';
            if (pic_text_width(f, FONT_REGULAR, fs, buf) > w && try_end > pos) {
                best_end = try_end;
                break;
            }
            best_end = end;
            if (!hit)
                break;
            try_end = end;
        }
        starts[n] = pos;
        ends[n] = best_end;
        n++;
        pos = best_end < len ? best_end + strlen(sep) : len;
    }
    return n;
}

/* Draws caption cap (wrapped at " · ") with its last line's descenders at y_bottom, or only
 * measures it; returns its height. */
static double caption_draw(Fig *f, const char *cap, double x0, double x1, double y_bottom,
                           bool measure_only)
{
    size_t st[4], en[4];
    int n = caption_lines(f, cap, x1 - x0, f->fs_caption, st, en);
    double lh = f->fs_caption * 1.3;
    if (measure_only)
        return n * lh;
    for (int i = 0; i < n; i++) {
        char buf[512];
        size_t k = en[i] - st[i] < sizeof buf - 1 ? en[i] - st[i] : sizeof buf - 1;
        memcpy(buf, cap + st[i], k);
        buf[k] = '\0';
        double base =
            y_bottom - (n - 1 - i) * lh - font_descent(f->cv->font, FONT_REGULAR, f->fs_caption);
        pic_text(f, FONT_REGULAR, f->fs_caption, TEXT_LEFT, x0, base, f->muted, buf);
    }
    return n * lh;
}

/* ---- whole figures ---- */

Status figure_draw(Canvas *cv, const Figure *fig, FigureTheme theme)
{
    if (!cv || !fig || !cv->font || (int)theme < 0 || theme >= THEME_COUNT)
        return ST_INVAL;
    Fig f;
    pic_setup(&f, cv, fig, theme);
    cv->ops->unclip(cv->impl);
    cv->ops->fill(cv->impl, f.bg);
    double M = fmax(8, 22 * f.u);
    Box all = {M, M * 0.8, cv->w - M, cv->h - M * 0.6};
    double cap_h_px = caption_draw(&f, fig->caption, all.x0, all.x1, all.y1, true);
    caption_draw(&f, fig->caption, all.x0, all.x1, all.y1, false);
    Box content = {all.x0, all.y0, all.x1, all.y1 - cap_h_px - f.fs_caption * 0.9};
    double gap = fmax(10, 34 * f.u);

    /* the legend: right of the line panels */
    bool dashboard = (fig->panels & PANEL_MARGINS) && (fig->panels & (PANEL_LOSS | PANEL_ACCURACY));
    double top_h = dashboard ? (content.y1 - content.y0) * 0.55 : content.y1 - content.y0;
    Box left = {content.x0, content.y0, content.x1, content.y0 + top_h};
    int shown = 0;
    for (int i = 0; i < fig->legend.n_rows; i++)
        shown += row_shown(&fig->legend.rows[i]);
    if ((fig->panels & PANEL_LEGEND) && shown > 0) {
        LegendBox L;
        legend_fit(&f, &L, (content.x1 - content.x0) * (dashboard ? 0.34 : 0.4),
                   top_h - f.fs_title * 1.3);
        double legend_x = content.x1 - L.width;
        left.x1 = legend_x - gap * 0.8;
        pic_panel_title(&f, (Box){legend_x, content.y0, content.x1, content.y1}, "Models", false,
                        NULL);
        legend_draw(&f, &L, legend_x, content.y0 + f.fs_title * 1.3);
    }
    if (dashboard) {
        double half = (left.x1 - left.x0 - gap) / 2;
        pic_panel_line(&f, (Box){left.x0, left.y0, left.x0 + half, left.y1}, &fig->loss);
        pic_panel_line(&f, (Box){left.x0 + half + gap, left.y0, left.x1, left.y1}, &fig->accuracy);
        Box bottom = {content.x0, left.y1 + gap * 0.9, content.x1, content.y1};
        if (fig->panels & PANEL_BOUNDARY) { /* a square at the right, as on screen */
            double side = fmin(bottom.y1 - bottom.y0, 0.3 * (bottom.x1 - bottom.x0));
            pic_panel_boundary(&f, (Box){bottom.x1 - side, bottom.y0, bottom.x1, bottom.y1},
                               &fig->boundary);
            bottom.x1 -= side + gap;
        }
        pic_panel_margins(&f, bottom, &fig->margins);
    } else if (fig->panels & PANEL_LOSS) {
        pic_panel_line(&f, left, &fig->loss);
    } else if (fig->panels & PANEL_ACCURACY) {
        pic_panel_line(&f, left, &fig->accuracy);
    } else if (fig->panels & PANEL_MARGINS) {
        pic_panel_margins(&f, left, &fig->margins);
    } else if (fig->panels & PANEL_SWEEP) {
        pic_panel_line(&f, left, &fig->sweep);
    } else if (fig->panels & PANEL_BOUNDARIES) {
        pic_panel_boundaries(&f, left, &fig->boundaries);
    }
    cv->ops->unclip(cv->impl);
    return ST_OK;
}
