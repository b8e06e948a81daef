/* figure_kinds.c — the table of figure kinds. Static data only. */
#include "ui/figure_kinds.h"

#include <stdio.h>
#include <string.h>

#include "ui/chart.h"

static const FigureKindInfo table[FIGURE_COUNT] = {
    {FIGURE_DASHBOARD, "dashboard",
     "loss and accuracy curves, margin histograms, legend and caption (the default)",
     PANEL_LOSS | PANEL_ACCURACY | PANEL_MARGINS | PANEL_LEGEND, true, true},
    {FIGURE_LOSS, "loss", "train and test loss curves, legend and caption",
     PANEL_LOSS | PANEL_LEGEND, true, true},
    {FIGURE_ACCURACY, "accuracy", "train and test accuracy curves, legend and caption",
     PANEL_ACCURACY | PANEL_LEGEND, true, true},
    {FIGURE_MARGINS, "margins", "decision-margin histograms of every model, legend and caption",
     PANEL_MARGINS | PANEL_LEGEND, true, true},
    {FIGURE_SWEEP, "sweep",
     "test accuracy against the noise level of a --sweep, mean ± sd over seeds (automatic)",
     PANEL_SWEEP | PANEL_LEGEND, false, false},
    {FIGURE_BOUNDARIES, "boundaries",
     "every model's decision boundary as small multiples, training points and flipped labels "
     "marked (2-D data only)",
     PANEL_BOUNDARIES | PANEL_LEGEND, true, true},
};

const FigureKindInfo *figure_kinds(int *n)
{
    *n = FIGURE_COUNT;
    return table;
}

const FigureKindInfo *figure_kind_info(FigureKind kind)
{
    return (int)kind >= 0 && kind < FIGURE_COUNT ? &table[kind] : NULL;
}

const FigureKindInfo *figure_kind_by_name(const char *name)
{
    for (int k = 0; name && k < FIGURE_COUNT; k++)
        if (table[k].selectable && strcmp(name, table[k].name) == 0)
            return &table[k];
    return NULL;
}

bool figure_kind_averages_seeds(const FigureKindInfo *k)
{
    return k && (k->panels & (PANEL_LOSS | PANEL_ACCURACY)) != 0;
}

FigureKind figure_kind_next_view(FigureKind current, int dir)
{
    int k = (int)current;
    for (int i = 0; i < FIGURE_COUNT; i++) {
        k = ((k + (dir < 0 ? -1 : 1)) % FIGURE_COUNT + FIGURE_COUNT) % FIGURE_COUNT;
        if (table[k].view)
            return (FigureKind)k;
    }
    return FIGURE_DASHBOARD;
}

void figure_kind_names(char *out, size_t n, const char *sep)
{
    size_t pos = 0;
    if (n == 0)
        return;
    out[0] = '\0';
    for (int k = 0; k < FIGURE_COUNT; k++) {
        if (!table[k].selectable)
            continue;
        int w = snprintf(out + pos, n - pos, "%s%s", pos ? sep : "", table[k].name);
        if (w < 0 || (size_t)w >= n - pos) {
            out[pos] = '\0'; /* whole names only */
            return;
        }
        pos += (size_t)w;
    }
}
