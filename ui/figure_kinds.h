/* figure_kinds.h — the one table of figure kinds: name, what it shows, layout (its panels).
 * The command line (--figure), --help, the README's list and the exporters all read it. */
#ifndef LOSSARENA_UI_FIGURE_KINDS_H
#define LOSSARENA_UI_FIGURE_KINDS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    FIGURE_DASHBOARD,
    FIGURE_LOSS,
    FIGURE_ACCURACY,
    FIGURE_MARGINS,
    FIGURE_SWEEP, /* made from a --sweep's results, not chosen with --figure */
    FIGURE_BOUNDARIES,
    FIGURE_COUNT
} FigureKind;

typedef struct {
    FigureKind kind;
    const char *name;  /* "dashboard" */
    const char *shows; /* one line for --help and the README */
    unsigned panels;   /* PANEL_* of ui/chart.h: the layout */
    bool selectable;   /* chosen with --figure (else made by the run that has its data) */
    bool view;         /* one of the dashboard's views: `v` cycles them in table order */
} FigureKindInfo;

/* The table, in --help order; *n receives its length. Static storage. */
const FigureKindInfo *figure_kinds(int *n);
/* The entry of kind (NULL when out of range), and of a selectable kind by name (NULL when
 * unknown). */
const FigureKindInfo *figure_kind_info(FigureKind kind);
const FigureKindInfo *figure_kind_by_name(const char *name);
/* Whether a figure of kind k can show the mean ± sd over the seeds of a --seeds run: kinds
 * with loss or accuracy curves can. */
bool figure_kind_averages_seeds(const FigureKindInfo *k);
/* The dashboard view after current (dir +1) or before it (-1), in table order, wrapping. */
FigureKind figure_kind_next_view(FigureKind current, int dir);
/* "dashboard | loss | accuracy | margins": the selectable names joined by sep into out. */
void figure_kind_names(char *out, size_t n, const char *sep);

#endif
