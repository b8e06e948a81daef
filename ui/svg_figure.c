/* svg_figure.c — the vector surface of the figures: the model drawn by ui/figure_draw.h on an
 * SvgCanvas, inside an SVG document whose <title>, <desc> and <metadata> carry the provenance.
 * Writes to the caller's stream; allocates only the font (for measuring text), and frees it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ui/figure_out.h"
#include "ui/svg_canvas.h"

/* A generic stack: the text stays text that any editor can restyle. */
#define SVG_FONTS                                                                                  \
    "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif"

static void element(FILE *fp, const char *name, const char *text)
{
    fprintf(fp, "<%s>", name);
    svg_escape(fp, text, strlen(text));
    fprintf(fp, "</%s>\n", name);
}

Status svg_figure_write(FILE *fp, const char *name, const Figure *fig, const FigureMeta *m,
                        FigureTheme theme, int w, int h, char *err, size_t errlen)
{
    if (err && errlen > 0)
        err[0] = '\0';
    if (!name)
        name = "figure";
    if (!fp || !fig || !m || (int)theme < 0 || theme >= THEME_COUNT) {
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write %s: no file, figure, metadata or theme", name);
        return ST_INVAL;
    }
    Status st = figure_size_check(&w, &h, name, err, errlen);
    if (st != ST_OK)
        return st;
    Font *font = malloc(sizeof *font);
    st = font ? font_init(font) : ST_NOMEM;
    if (st != ST_OK) {
        free(font);
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write %s: %s", name, status_str(st));
        return st;
    }
    errno = 0;
    fprintf(fp,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
            "height=\"%d\" viewBox=\"0 0 %d %d\">\n",
            w, h, w, h);
    element(fp, "title", m->title);
    element(fp, "desc", m->caption);
    fputs("<metadata>\n<la:provenance xmlns:la=\"urn:lossarena:provenance\">\n", fp);
    element(fp, "la:software", m->software);
    element(fp, "la:seed", m->seed);
    if (m->step[0])
        element(fp, "la:step", m->step);
    element(fp, "la:configuration", m->config);
    fputs("</la:provenance>\n</metadata>\n", fp);
    fprintf(fp, "<g font-family=\"%s\">\n", SVG_FONTS);
    SvgCanvas sc;
    Canvas cv;
    svg_canvas(&cv, &sc, fp, font, w, h);
    st = figure_draw(&cv, fig, theme);
    svg_canvas_finish(&sc);
    fputs("</g>\n</svg>\n", fp);
    free(font);
    if (st == ST_OK && (fflush(fp) != 0 || ferror(fp))) {
        st = ST_IO;
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write %s: %s", name, strerror(errno ? errno : EIO));
    } else if (st != ST_OK && err && errlen > 0) {
        snprintf(err, errlen, "cannot write %s: %s", name, status_str(st));
    }
    return st;
}
