/* config.h — everything the command line decides, in one plain struct.
 * Filled by cli_parse (src/cli.c); read by the headless runner and the dashboard. */
#ifndef LOSSARENA_SRC_CONFIG_H
#define LOSSARENA_SRC_CONFIG_H

#include <stdbool.h>

#include "core/arena.h"

typedef enum { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON } OutputFormat;
typedef enum { GLYPHS_AUTO, GLYPHS_UNICODE, GLYPHS_ASCII } GlyphChoice;
typedef enum { COLORS_AUTO, COLORS_TRUECOLOR, COLORS_256, COLORS_8, COLORS_MONO } ColorChoice;

typedef struct {
    bool headless;
    bool help, version;
    char dataset[512];   /* spiral, circles, ..., fashion-mnist, idx:DIR, csv:FILE */
    int classes;         /* synthetic sets: 0 = the kind's default */
    double data_noise;   /* synthetic sets: < 0 = the kind's default */
    int n_train, n_test; /* synthetic sets */
    ArenaConfig arena;
    long steps;          /* training steps (0 = derive from epochs or the default) */
    double epochs;       /* > 0: passes over the training set instead of steps */
    int threads;         /* worker threads for the models, >= 1 */
    const char *csv_path;    /* borrowed from argv, or NULL */
    const char *export_path; /* borrowed from argv, or NULL */
    long export_every;       /* > 0: a numbered PNG series every N steps (headless) */
    int export_width, export_height;
    bool dark;               /* dark PNG theme */
    int figure;              /* FigureKind of --figure */
    OutputFormat format;
    GlyphChoice glyphs;
    ColorChoice colors;
    bool start_running;      /* dashboard: train at once instead of starting paused */
} AppConfig;

#endif
