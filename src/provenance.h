/* provenance.h — the one description of how a run was made: every option that can change a
 * result (the options src/cli.c marks so), as the command-line options that reproduce it.
 * The summary header, the JSON config, the CSV `config` column and the figures' metadata all
 * print this string, so they cannot disagree or miss an option. */
#ifndef LOSSARENA_SRC_PROVENANCE_H
#define LOSSARENA_SRC_PROVENANCE_H

#include <stddef.h>

#include "src/config.h"

/* "--dataset spiral --classes 3 ... --seed 1 --steps 3000" into buf (always NUL-terminated,
 * truncated if small; 2048 bytes hold any configuration but a very long csv: path). live, when
 * not NULL, replaces cfg->arena: the dashboard's lr, batch, optimizer and noise change while
 * it runs. Defaults are written out resolved (--init he, --data-noise 0.2, ...), so the
 * string stays true if a default changes. */
void provenance_options(const AppConfig *cfg, const ArenaConfig *live, char *buf, size_t n);

#endif
