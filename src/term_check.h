/* term_check.h — whether the dashboard can draw on this terminal, decided before curses starts
 * and before any thread does: stdin and stdout must be terminals and TERM a known type that can
 * move the cursor. (newterm on an unknown type returns NULL but keeps memory it allocated;
 * initscr would exit() from inside curses with the training threads running.) */
#ifndef LOSSARENA_SRC_TERM_CHECK_H
#define LOSSARENA_SRC_TERM_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* true when the dashboard can start; otherwise false with one line in msg (without
 * "lossarena: ") saying what is wrong and what to do. */
bool term_check(char *msg, size_t n);

#endif
