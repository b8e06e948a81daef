#include "src/export.h"

#include <stdio.h>
#include <string.h>

#include "ui/figure.h"

Status export_png(const AppConfig *cfg, const Snapshot *s, const ChartView *view,
                  const char *path, char *err, size_t errlen)
{
    static const FigureKind kinds[] = {FIGURE_DASHBOARD, FIGURE_LOSS, FIGURE_ACCURACY,
                                       FIGURE_MARGINS};
    FigureKind kind = cfg->figure >= 0 && cfg->figure < 4 ? kinds[cfg->figure] : FIGURE_DASHBOARD;
    return figure_write_png(path, s, view, kind, cfg->dark ? THEME_DARK : THEME_LIGHT,
                            cfg->export_width, cfg->export_height, err, errlen);
}

void export_numbered_path(const char *base, long step, char *out, size_t n)
{
    size_t len = strlen(base);
    size_t stem = len >= 4 && strcmp(base + len - 4, ".png") == 0 ? len - 4 : len;
    snprintf(out, n, "%.*s-%06ld.png", (int)stem, base, step);
}
