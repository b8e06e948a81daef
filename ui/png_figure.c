/* png_figure.c — the pixel surface of the figures: the model drawn by ui/figure_draw.h on a
 * Raster, encoded as PNG with its provenance in text chunks; plus the metadata and size checks
 * both picture surfaces share. Allocates the font and the canvas per call and frees them. */
#include <stdlib.h>
#include <string.h>

#include "ui/figure_out.h"
#include "ui/png_out.h"
#include "ui/raster.h"

#ifndef LOSSARENA_VERSION
#define LOSSARENA_VERSION "unknown"
#endif

void figure_meta_init(FigureMeta *m, const Figure *fig, unsigned long long seed, const char *step,
                      const char *config)
{
    memset(m, 0, sizeof *m);
    snprintf(m->title, sizeof m->title, "%s", fig->title);
    snprintf(m->software, sizeof m->software, "lossarena %s", LOSSARENA_VERSION);
    snprintf(m->seed, sizeof m->seed, "%llu", seed);
    snprintf(m->step, sizeof m->step, "%s", step ? step : "");
    snprintf(m->caption, sizeof m->caption, "%s", fig->caption);
    snprintf(m->config, sizeof m->config, "%s", config ? config : "");
}

Status figure_size_check(int *w, int *h, const char *name, char *err, size_t errlen)
{
    if (*w <= 0 && *h <= 0) {
        *w = FIGURE_DEFAULT_W;
        *h = FIGURE_DEFAULT_H;
    }
    if (*w < FIGURE_MIN_W || *h < FIGURE_MIN_H || *w > FIGURE_MAX_SIDE || *h > FIGURE_MAX_SIDE) {
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write %s: figure size %dx%d is outside %dx%d..%dx%d",
                     name ? name : "figure", *w, *h, FIGURE_MIN_W, FIGURE_MIN_H, FIGURE_MAX_SIDE,
                     FIGURE_MAX_SIDE);
        return ST_RANGE;
    }
    return ST_OK;
}

Status png_figure_write(FILE *fp, const char *name, const Figure *fig, const FigureMeta *m,
                        FigureTheme theme, int w, int h, char *err, size_t errlen)
{
    if (err && errlen > 0)
        err[0] = '\0';
    if (!name)
        name = "figure";
    if (!fp || !fig || !m) {
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write %s: no file, figure or metadata", name);
        return ST_INVAL;
    }
    Status st = figure_size_check(&w, &h, name, err, errlen);
    if (st != ST_OK)
        return st;
    Font *font = malloc(sizeof *font);
    Raster r;
    memset(&r, 0, sizeof r);
    st = font ? font_init(font) : ST_NOMEM;
    if (st == ST_OK)
        st = raster_init(&r, w, h);
    if (st == ST_OK) {
        Canvas cv;
        raster_canvas(&cv, &r, font);
        st = figure_draw(&cv, fig, theme);
    }
    if (st != ST_OK) {
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write %s: %s", name, status_str(st));
    } else {
        const char *keys[6] = {"Title", "Software", "Description", "Seed", "Step", "Configuration"};
        const char *vals[6] = {m->title, m->software, m->caption, m->seed, m->step, m->config};
        PngText text[6];
        int n = 0;
        for (int i = 0; i < 6; i++)
            if (vals[i][0])
                text[n++] = (PngText){keys[i], vals[i]};
        st = png_write(fp, name, r.px, r.w, r.h, text, n, err, errlen);
    }
    raster_free(&r);
    free(font);
    return st;
}
