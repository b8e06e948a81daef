/* term_gradients.h — the terminal surface of the gradients panel (ui/chart.h: GradChart):
 * per model, the gradient shares by margin as eighth-block bars in the loss's colour, the part
 * from flipped labels in a shaded glyph (▒, or 'x' in ASCII), the margin histogram's share of
 * examples as a dotted mark on the same scale, and the zero line. Reads only the model, writes
 * only into the window, allocates nothing. Call from the thread that owns curses. */
#ifndef LOSSARENA_UI_TERM_GRADIENTS_H
#define LOSSARENA_UI_TERM_GRADIENTS_H

#include "ui/term_draw.h"

void term_draw_grad_chart(TermDraw *td, WINDOW *win, LayoutRect r, const GradChart *c);

#endif
