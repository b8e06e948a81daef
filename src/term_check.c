#include "src/term_check.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

#define ADVICE "(e.g. TERM=xterm-256color, or --headless for scripts)"

bool term_check(char *msg, size_t n)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(msg, n, "the dashboard needs a terminal on stdin and stdout " ADVICE);
        return false;
    }
    const char *term = getenv("TERM");
    if (!term || !*term) {
        snprintf(msg, n, "TERM is not set: cannot draw the dashboard " ADVICE);
        return false;
    }
    /* setupterm reads the terminfo entry alone; del_curterm gives back all it took. */
    int found = 0;
    TERMINAL *before = cur_term;
    if (setupterm(term, STDOUT_FILENO, &found) != OK) {
        snprintf(msg, n, "unknown terminal type '%s' (TERM): cannot draw the dashboard " ADVICE,
                 term);
        return false;
    }
    char *cup = tigetstr("cup");
    bool moves = cup && cup != (char *)-1;
    del_curterm(cur_term);
    set_curterm(before);
    if (!moves) {
        snprintf(msg, n,
                 "terminal type '%s' cannot move the cursor: cannot draw the dashboard " ADVICE,
                 term);
        return false;
    }
    return true;
}
