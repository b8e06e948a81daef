/* manpage.h — the lossarena(1) manual page, generated from the same option table as --help
 * (src/cli.c) and the same key table as the dashboard's `?` (src/keys.c), so it cannot drift
 * from them. `lossarena --man` prints it; the build writes build/lossarena.1 with it and
 * `cmake --install` installs that. */
#ifndef LOSSARENA_SRC_MANPAGE_H
#define LOSSARENA_SRC_MANPAGE_H

#include <stdio.h>

/* Writes the page in man(7) roff to out. */
void manpage_write(FILE *out);

#endif
