/* figure_kit.c — the picture layout's kit: theme colours and sizes from the canvas size, text
 * with subscripts, crisp rules, loss markers, panel titles and axes. Draws only through the
 * Canvas; allocates nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/figure_pic.h"

/* Text sizes: continuous below 40 px; above, multiples of 16 px, so big figures get the font
 * at a whole multiple of its nominal 8×16 size. */
static double font_px(double px)
{
    if (px < 7)
        return 7;
    return px >= 40 ? round(px / 16) * 16 : px;
}

void pic_setup(Fig *f, Canvas *cv, const Figure *fig, FigureTheme theme)
{
    memset(f, 0, sizeof *f);
    f->cv = cv;
    f->fig = fig;
    f->dark = theme == THEME_DARK;
    f->bg = palette_background(f->dark);
    if (f->dark) {
        f->fg = (Rgb){0xE8, 0xE8, 0xE8};
        f->muted = (Rgb){0xA8, 0xA8, 0xA8};
        f->grid = (Rgb){0x3C, 0x3C, 0x3C};
        f->spine = (Rgb){0xB8, 0xB8, 0xB8};
        f->panel = (Rgb){0x2E, 0x2E, 0x2E};
        f->warn = (Rgb){0xFF, 0x7B, 0x72};
    } else {
        f->fg = (Rgb){0x22, 0x22, 0x22};
        f->muted = (Rgb){0x5F, 0x5F, 0x5F};
        f->grid = (Rgb){0xE3, 0xE3, 0xE3};
        f->spine = (Rgb){0x44, 0x44, 0x44};
        f->panel = (Rgb){0xF7, 0xF7, 0xF7};
        f->warn = (Rgb){0xC0, 0x1F, 0x1F};
    }
    f->u = fmin(cv->w / (double)FIGURE_DEFAULT_W, cv->h / (double)FIGURE_DEFAULT_H);
    /* text shrinks more slowly than the figure, so small figures stay legible */
    double ut = f->u >= 1 ? f->u : pow(f->u, 0.6);
    f->fs_tick = font_px(17 * ut);
    f->fs_label = font_px(18 * ut);
    f->fs_title = font_px(21 * ut);
    f->fs_legend = font_px(17 * ut);
    f->fs_caption = font_px(16 * ut);
    f->line_w = fmax(1.2, 2.2 * f->u);
    f->marker = fmax(6, 11 * f->u);
    f->focus = -1;
    for (int i = 0; i < fig->legend.n_rows; i++)
        if (fig->legend.rows[i].focused && !fig->legend.rows[i].hidden)
            f->focus = fig->legend.rows[i].model;
}

Rgb pic_color(const Fig *f, int slot)
{
    return palette_color(slot, f->dark);
}

double pic_text_width(const Fig *f, FontFace face, double size, const char *s)
{
    return canvas_text_width(f->cv, face, size, s);
}

double pic_cap_h(const Fig *f, double size)
{
    return font_cap_height(f->cv->font, FONT_REGULAR, size);
}

double pic_text(Fig *f, FontFace face, double size, TextAlign align, double x, double y, Rgb c,
                const char *s)
{
    CanvasText t = {face, size, align, false, c};
    f->cv->ops->text(f->cv->impl, &t, x, y, s);
    return pic_text_width(f, face, size, s);
}

void pic_text_vertical(Fig *f, double size, double x, double y, Rgb c, const char *s)
{
    CanvasText t = {FONT_REGULAR, size, TEXT_CENTER, true, c};
    f->cv->ops->text(f->cv->impl, &t, x, y, s);
}

double pic_snap(double v)
{
    return floor(v + 0.5);
}

void pic_rule(Fig *f, double x0, double y0, double x1, double y1, double t, Rgb c)
{
    t = t < 1 ? 1 : round(t);
    if (y0 == y1) {
        double y = pic_snap(y0 - t / 2);
        f->cv->ops->rect(f->cv->impl, pic_snap(x0), y, pic_snap(x1), y + t, c, 1.0);
    } else {
        double x = pic_snap(x0 - t / 2);
        f->cv->ops->rect(f->cv->impl, x, pic_snap(y0), x + t, pic_snap(y1), c, 1.0);
    }
}

void pic_marker(Fig *f, MarkerShape shape, int color, double x, double y, double size, bool hollow)
{
    Rgb c = pic_color(f, color);
    if (hollow)
        f->cv->ops->marker(f->cv->impl, shape, x, y, size, f->bg, c, fmax(1.2, 1.5 * f->u));
    else
        f->cv->ops->marker(f->cv->impl, shape, x, y, size, c, f->bg, fmax(0.8, 0.9 * f->u));
}

void pic_diverged_mark(Fig *f, int color, double x, double y)
{
    f->cv->ops->marker(f->cv->impl, MARKER_CROSS, x, y, f->marker * 1.35, pic_color(f, color),
                       f->fg, fmax(1.0, 1.2 * f->u));
}

void pic_panel_title(Fig *f, Box b, const char *title, bool style_key, const char *note)
{
    double base = b.y0 + pic_cap_h(f, f->fs_title);
    double tw = pic_text(f, FONT_BOLD, f->fs_title, TEXT_LEFT, b.x0, base, f->fg, title);
    double fs = f->fs_tick;
    if (note && note[0]) {
        if (b.x0 + tw + 3 * fs + pic_text_width(f, FONT_REGULAR, fs, note) <= b.x1)
            pic_text(f, FONT_REGULAR, fs, TEXT_RIGHT, b.x1, base, f->muted, note);
        return;
    }
    if (!style_key)
        return;
    /* "—— train   - - - test", right-aligned, if it fits beside the title */
    double seg = 2.2 * fs, gap = 0.5 * fs;
    double w_train = pic_text_width(f, FONT_REGULAR, fs, "train");
    double w_test = pic_text_width(f, FONT_REGULAR, fs, "test");
    double total = seg + gap + w_train + 1.4 * fs + seg + gap + w_test;
    if (b.x1 - total < b.x0 + tw + 2 * fs)
        return;
    double x = b.x1 - total, y = base - pic_cap_h(f, fs) / 2;
    f->cv->ops->line(f->cv->impl, x, y, x + seg, y, f->line_w, f->muted, 1.0);
    x += seg + gap;
    x += pic_text(f, FONT_REGULAR, fs, TEXT_LEFT, x, base, f->muted, "train") + 1.4 * fs;
    f->cv->ops->stroke_begin(f->cv->impl, f->line_w, 6 * f->u, 4 * f->u, f->muted, 1.0);
    f->cv->ops->stroke_to(f->cv->impl, x, y);
    f->cv->ops->stroke_to(f->cv->impl, x + seg, y);
    f->cv->ops->stroke_end(f->cv->impl);
    x += seg + gap;
    pic_text(f, FONT_REGULAR, fs, TEXT_LEFT, x, base, f->muted, "test");
}

double pic_ticks_width(const Fig *f, const ChartAxis *ax)
{
    double w = 0;
    for (int i = 0; i < ax->n_ticks; i++)
        w = fmax(w, pic_text_width(f, FONT_REGULAR, f->fs_tick, ax->tick_labels[i]));
    return w;
}

bool pic_xticks_fit(const Fig *f, const ChartAxis *ax, double x0, double x1)
{
    double prev_right = -INFINITY;
    for (int i = 0; i < ax->n_ticks; i++) {
        double x = x0 + axis_frac(ax, ax->ticks[i]) * (x1 - x0);
        double w = pic_text_width(f, FONT_REGULAR, f->fs_tick, ax->tick_labels[i]);
        if (x - w / 2 < prev_right + f->fs_tick * 0.9)
            return false;
        prev_right = x + w / 2;
    }
    return true;
}

void pic_axes(Fig *f, const ChartAxis *x, const ChartAxis *y, Box p, bool grid_x)
{
    double tick = 5 * f->u, pad = 4 * f->u, t = fmax(1, round(f->u));
    for (int i = 0; i < y->n_ticks; i++) {
        double yy = p.y1 - axis_frac(y, y->ticks[i]) * (p.y1 - p.y0);
        pic_rule(f, p.x0, yy, p.x1, yy, t, f->grid);
    }
    for (int i = 0; grid_x && i < x->n_ticks; i++) {
        double xx = p.x0 + axis_frac(x, x->ticks[i]) * (p.x1 - p.x0);
        pic_rule(f, xx, p.y0, xx, p.y1, t, f->grid);
    }
    double sw = fmax(1, round(1.2 * f->u));
    pic_rule(f, p.x0, p.y1, p.x1, p.y1, sw, f->spine);
    pic_rule(f, p.x0, p.y0, p.x0, p.y1 + sw / 2, sw, f->spine);
    double ch = pic_cap_h(f, f->fs_tick);
    for (int i = 0; i < y->n_ticks; i++) {
        double yy = p.y1 - axis_frac(y, y->ticks[i]) * (p.y1 - p.y0);
        pic_rule(f, p.x0 - tick, yy, p.x0, yy, sw, f->spine);
        pic_text(f, FONT_REGULAR, f->fs_tick, TEXT_RIGHT, p.x0 - tick - pad, yy + ch / 2, f->fg,
                 y->tick_labels[i]);
    }
    for (int i = 0; i < x->n_ticks; i++) {
        double xx = p.x0 + axis_frac(x, x->ticks[i]) * (p.x1 - p.x0);
        pic_rule(f, xx, p.y1, xx, p.y1 + tick, sw, f->spine);
        pic_text(f, FONT_REGULAR, f->fs_tick, TEXT_CENTER, xx, p.y1 + tick + pad + ch, f->fg,
                 x->tick_labels[i]);
    }
}
