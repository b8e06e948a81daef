/* term_boundaries.c — the terminal surface of the `boundaries` view: every model's decision
 * boundary as small multiples, each drawn by term_draw_boundary, laid out as large and square
 * as the room allows. Draws the figure model only; allocates nothing. */
#include <stdio.h>
#include <string.h>

#include "ui/term_draw.h"

/* Columns and rows of the small multiples: the largest map side S (S columns × S/2 rows under
 * a title row, one blank column between maps), fewer rows on a tie. */
static void grid_of(int w, int h, int n, int *cols, int *rows, int *side)
{
    *cols = *rows = *side = 0;
    for (int c = 1; c <= n; c++) {
        int r = (n + c - 1) / c;
        int cw = w / c - 1, ch = h / r - 1;
        int s = cw < 2 * ch ? cw : 2 * ch;
        if (s > *side) {
            *side = s;
            *cols = c;
            *rows = r;
        }
    }
}

void term_draw_boundaries(TermDraw *td, WINDOW *win, LayoutRect r, const BoundaryGrid *g)
{
    term_draw_clear(td, win, r);
    if (r.w < 8 || r.h < 3)
        return;
    char line[256];
    term_draw_style(td, win, TERM_UI_TITLE);
    int used = term_draw_text(td, win, r.y, r.x, r.w, g->title);
    if (g->ok && g->note[0] && used + 4 < r.w) {
        snprintf(line, sizeof line, "  %s", g->note);
        term_draw_style(td, win, TERM_UI_MUTED);
        term_draw_text(td, win, r.y, r.x + used, r.w - used, line);
    }
    if (!g->ok || g->n == 0) {
        const char *msg = g->ok ? "no models shown" : g->why;
        int len = (int)strlen(msg);
        term_draw_style(td, win, g->ok ? TERM_UI_MUTED : TERM_UI_WARN);
        term_draw_text(td, win, r.y + r.h / 2, r.x + (r.w > len ? (r.w - len) / 2 : 0), r.w, msg);
        if (!g->ok) {
            const char *hint = "v: next view";
            term_draw_style(td, win, TERM_UI_MUTED);
            term_draw_text(td, win, r.y + r.h / 2 + 1, r.x + (r.w - 12) / 2, r.w, hint);
        }
        term_draw_reset(win);
        return;
    }
    int cols, rows, side;
    grid_of(r.w, r.h - 1, g->n, &cols, &rows, &side);
    if (side < 4) {
        term_draw_style(td, win, TERM_UI_MUTED);
        term_draw_text(td, win, r.y + 1, r.x, r.w, "enlarge the terminal to see the boundaries");
        term_draw_reset(win);
        return;
    }
    int cw = r.w / cols, ch = (r.h - 1) / rows;
    for (int k = 0; k < g->n; k++) {
        const BoundaryMap *b = &g->maps[k];
        LayoutRect cell = {r.x + (k % cols) * cw, r.y + 1 + (k / cols) * ch, cw - 1, ch};
        term_draw_boundary(td, win, cell, b);
        /* the title row: the loss in its colour, a diverged one's reason in warning red */
        term_draw_clear(td, win, (LayoutRect){cell.x, cell.y, cell.w, 1});
        snprintf(line, sizeof line, "%c %s", b->letter, b->key);
        if (b->diverged)
            term_draw_style(td, win, TERM_UI_MUTED);
        else
            term_draw_color_style(td, win, b->color, true);
        int u = term_draw_text(td, win, cell.y, cell.x, cell.w, line);
        if (b->status[0] && u + 2 < cell.w) {
            snprintf(line, sizeof line, " %s", b->status);
            term_draw_style(td, win, TERM_UI_WARN);
            term_draw_text(td, win, cell.y, cell.x + u, cell.w - u, line);
        }
    }
    term_draw_reset(win);
}
