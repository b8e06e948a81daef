/* svg_canvas.c — SVG elements for the Canvas operations: rects, lines, polylines (dashes as
 * stroke-dasharray), marker polygons and circles with the raster's shapes (ui/loss_style.c),
 * text with <tspan> subscripts, clip groups. Streams to the caller's FILE; allocates nothing. */
#include "ui/svg_canvas.h"

#include <math.h>
#include <string.h>

/* Fixed precision: byte-identical output, and 1/100 px is far below what anyone can see. */
#define N "%.2f"

/* The layout measures text with the bitmap font, which is narrower than common sans faces at
 * the same size: this scale makes Helvetica/Arial/Liberation Sans (and DejaVu Sans Condensed)
 * about as wide as the measured text, so the SVG keeps the PNG's layout. */
#define SVG_FONT_SCALE 0.75

static void color(FILE *fp, const char *attr, Rgb c, double alpha)
{
    fprintf(fp, " %s=\"#%02x%02x%02x\"", attr, c.r, c.g, c.b);
    if (alpha < 1.0)
        fprintf(fp, " %s-opacity=\"%.3f\"", attr, alpha < 0 ? 0.0 : alpha);
}

void svg_escape(FILE *fp, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '&')
            fputs("&amp;", fp);
        else if (c == '<')
            fputs("&lt;", fp);
        else if (c == '>')
            fputs("&gt;", fp);
        else if (c == '"')
            fputs("&quot;", fp);
        else if (c == '\'')
            fputs("&apos;", fp);
        else if (c >= 0x20 || c == '\t' || c == '\n')
            fputc(c, fp);
    }
}

static void c_fill(void *impl, Rgb c)
{
    SvgCanvas *s = impl;
    fputs("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\"", s->fp);
    color(s->fp, "fill", c, 1.0);
    fputs("/>\n", s->fp);
}

static void c_rect(void *impl, double x0, double y0, double x1, double y1, Rgb c, double alpha)
{
    SvgCanvas *s = impl;
    if (!(x1 > x0) || !(y1 > y0) || !(alpha > 0))
        return;
    fprintf(s->fp, "<rect x=\"" N "\" y=\"" N "\" width=\"" N "\" height=\"" N "\"", x0, y0,
            x1 - x0, y1 - y0);
    color(s->fp, "fill", c, alpha);
    fputs("/>\n", s->fp);
}

static void c_line(void *impl, double x0, double y0, double x1, double y1, double width, Rgb c,
                   double alpha)
{
    SvgCanvas *s = impl;
    if (!isfinite(x0 + y0 + x1 + y1))
        return;
    fprintf(s->fp,
            "<line x1=\"" N "\" y1=\"" N "\" x2=\"" N "\" y2=\"" N "\" stroke-width=\"" N
            "\" stroke-linecap=\"round\"",
            x0, y0, x1, y1, width);
    color(s->fp, "stroke", c, alpha);
    fputs("/>\n", s->fp);
}

static void run_close(SvgCanvas *s)
{
    if (s->run_open)
        fputs("\"/>\n", s->fp);
    s->run_open = false;
}

static void c_stroke_begin(void *impl, double width, double on, double off, Rgb c, double alpha)
{
    SvgCanvas *s = impl;
    run_close(s);
    s->stroke_w = width;
    s->dash_on = on;
    s->dash_off = off;
    s->stroke_rgb = c;
    s->stroke_alpha = alpha;
}

static void c_stroke_to(void *impl, double x, double y)
{
    SvgCanvas *s = impl;
    if (!isfinite(x) || !isfinite(y)) { /* a gap in the data */
        run_close(s);
        return;
    }
    if (!s->run_open) {
        fprintf(s->fp,
                "<polyline fill=\"none\" stroke-width=\"" N
                "\" stroke-linejoin=\"round\" stroke-linecap=\"round\"",
                s->stroke_w);
        color(s->fp, "stroke", s->stroke_rgb, s->stroke_alpha);
        if (s->dash_on > 0 && s->dash_off > 0)
            fprintf(s->fp, " stroke-dasharray=\"" N " " N "\"", s->dash_on, s->dash_off);
        fprintf(s->fp, " points=\"" N "," N, x, y);
        s->run_open = true;
        return;
    }
    fprintf(s->fp, " " N "," N, x, y);
}

static void c_stroke_end(void *impl)
{
    run_close(impl);
}

static void circle(FILE *fp, double cx, double cy, double r, const char *fill, Rgb stroke_rgb,
                   double stroke_w)
{
    fprintf(fp, "<circle cx=\"" N "\" cy=\"" N "\" r=\"" N "\" fill=\"%s\"", cx, cy, r, fill);
    if (stroke_w > 0) {
        color(fp, "stroke", stroke_rgb, 1.0);
        fprintf(fp, " stroke-width=\"" N "\"", stroke_w);
    }
    fputs("/>\n", fp);
}

static void c_marker(void *impl, MarkerShape shape, double cx, double cy, double size, Rgb fill,
                     Rgb edge, double edge_width)
{
    SvgCanvas *s = impl;
    double r = size / 2;
    char hex[8];
    snprintf(hex, sizeof hex, "#%02x%02x%02x", fill.r, fill.g, fill.b);
    if (shape == MARKER_RING) { /* an annulus: the hole shows what is under it */
        fprintf(s->fp,
                "<circle cx=\"" N "\" cy=\"" N "\" r=\"" N "\" fill=\"none\" stroke=\"%s\""
                " stroke-width=\"" N "\"/>\n",
                cx, cy, r * 0.75, hex, r * 0.5);
        if (edge_width > 0) {
            circle(s->fp, cx, cy, r, "none", edge, edge_width);
            circle(s->fp, cx, cy, r * 0.5, "none", edge, edge_width);
        }
        return;
    }
    double xy[2 * MARKER_MAX_POINTS];
    int n = marker_outline(shape, cx, cy, size, xy);
    if (n == 0) {
        circle(s->fp, cx, cy, r, hex, edge, edge_width);
        return;
    }
    fputs("<polygon points=\"", s->fp);
    for (int i = 0; i < n; i++)
        fprintf(s->fp, "%s" N "," N, i ? " " : "", xy[2 * i], xy[2 * i + 1]);
    fprintf(s->fp, "\" fill=\"%s\"", hex);
    if (edge_width > 0) {
        color(s->fp, "stroke", edge, 1.0);
        fprintf(s->fp, " stroke-width=\"" N "\" stroke-linejoin=\"round\"", edge_width);
    }
    fputs("/>\n", s->fp);
}

static void c_text(void *impl, const CanvasText *t, double x, double y, const char *utf8)
{
    SvgCanvas *s = impl;
    if (!utf8 || !utf8[0])
        return;
    static const char *const anchor[] = {"start", "middle", "end"};
    fprintf(s->fp, "<text xml:space=\"preserve\" x=\"" N "\" y=\"" N "\" font-size=\"" N "\"", x, y,
            t->size * SVG_FONT_SCALE);
    if (t->face == FONT_BOLD)
        fputs(" font-weight=\"bold\"", s->fp);
    if (t->align != TEXT_LEFT)
        fprintf(s->fp, " text-anchor=\"%s\"", anchor[t->align]);
    if (t->vertical)
        fprintf(s->fp, " transform=\"rotate(-90 " N " " N ")\"", x, y);
    color(s->fp, "fill", t->color, 1.0);
    fputc('>', s->fp);
    CanvasRun runs[CANVAS_MAX_RUNS];
    int n = canvas_text_runs(utf8, runs, CANVAS_MAX_RUNS);
    double drop = t->size * CANVAS_SUB_DROP;
    bool low = false; /* the pen is on the subscript baseline */
    for (int i = 0; i < n; i++) {
        if (runs[i].sub) {
            fprintf(s->fp, "<tspan font-size=\"" N "\" dy=\"" N "\">",
                    t->size * CANVAS_SUB_SCALE * SVG_FONT_SCALE, low ? 0.0 : drop);
            low = true;
        } else if (low) {
            fprintf(s->fp, "<tspan dy=\"" N "\">", -drop);
            low = false;
        } else {
            svg_escape(s->fp, runs[i].p, runs[i].n);
            continue;
        }
        svg_escape(s->fp, runs[i].p, runs[i].n);
        fputs("</tspan>", s->fp);
    }
    fputs("</text>\n", s->fp);
}

static void c_unclip(void *impl)
{
    SvgCanvas *s = impl;
    run_close(s);
    if (s->clip_open)
        fputs("</g>\n", s->fp);
    s->clip_open = false;
}

static void c_clip(void *impl, double x0, double y0, double x1, double y1)
{
    SvgCanvas *s = impl;
    c_unclip(s);
    int id = s->next_clip++;
    fprintf(s->fp,
            "<clipPath id=\"clip%d\"><rect x=\"" N "\" y=\"" N "\" width=\"" N "\" height=\"" N
            "\"/></clipPath>\n<g clip-path=\"url(#clip%d)\">\n",
            id, x0, y0, x1 > x0 ? x1 - x0 : 0.0, y1 > y0 ? y1 - y0 : 0.0, id);
    s->clip_open = true;
}

/* One closed path per run of finite points: along lo, back along hi. */
static void c_band(void *impl, const double *x, const double *lo, const double *hi, int n, Rgb c,
                   double alpha)
{
    SvgCanvas *s = impl;
    for (int a = 0; a < n;) {
        if (!isfinite(x[a] + lo[a] + hi[a])) {
            a++;
            continue;
        }
        int b = a;
        while (b + 1 < n && isfinite(x[b + 1] + lo[b + 1] + hi[b + 1]))
            b++;
        if (b > a) {
            fputs("<path d=\"", s->fp);
            for (int i = a; i <= b; i++)
                fprintf(s->fp, "%s" N " " N, i == a ? "M" : " L", x[i], lo[i]);
            for (int i = b; i >= a; i--)
                fprintf(s->fp, " L" N " " N, x[i], hi[i]);
            fputs(" Z\"", s->fp);
            color(s->fp, "fill", c, alpha);
            fputs("/>\n", s->fp);
        }
        a = b + 1;
    }
}

static const CanvasOps svg_ops = {c_fill,      c_rect,       c_line,   c_stroke_begin,
                                  c_stroke_to, c_stroke_end, c_marker, c_text,
                                  c_clip,      c_unclip,     c_band};

void svg_canvas(Canvas *cv, SvgCanvas *s, FILE *fp, const Font *font, int w, int h)
{
    memset(s, 0, sizeof *s);
    s->fp = fp;
    *cv = (Canvas){&svg_ops, s, font, w, h};
}

void svg_canvas_finish(SvgCanvas *s)
{
    c_unclip(s);
}
