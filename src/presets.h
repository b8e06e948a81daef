/* presets.h — lesson presets: named option files (assets/presets/NAME.preset, compiled into the
 * binary). A preset is a list of command-line options, one or more per line, '#' comments;
 * its first comment line says what it shows. Options given on the command line win. */
#ifndef LOSSARENA_SRC_PRESETS_H
#define LOSSARENA_SRC_PRESETS_H

#include <stdio.h>

typedef struct {
    const char *name;
    const char *text; /* static: the whole file */
} Preset;

/* The preset called name, or NULL. */
const Preset *preset_find(const char *name);
/* Prints every preset's name and description. */
void preset_list(FILE *out);
/* Splits text into option tokens (whitespace-separated, comments skipped) into buf, storing up
 * to max pointers into it in tokens. Returns the count, or -1 when buf or max is too small. */
int preset_tokens(const char *text, char *buf, size_t buflen, char **tokens, int max);

#endif
