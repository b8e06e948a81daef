/* config.h — everything the command line decides, in one plain struct.
 * Filled by cli_parse (src/cli.c); read by the headless runner and the dashboard. */
#ifndef LOSSARENA_SRC_CONFIG_H
#define LOSSARENA_SRC_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "src/events.h"
#include "src/grid.h"

typedef enum { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON } OutputFormat;
#define MAX_SEEDS 100
#define PACE_DEFAULT (-1)
#define PACE_MAX_VALUE 1000000
/* The dashboard's pace on 2-D data: the default spiral lesson reaches 90 % test accuracy with
 * every loss by about step 1,000 (README, "Giving a lecture"), so at 30 steps/s that phase
 * lasts some 35 s: long enough to talk over. Other data (images, wide CSV) trains as fast
 * as it can. */
#define PACE_2D_DEFAULT 30

typedef enum { GLYPHS_AUTO, GLYPHS_UNICODE, GLYPHS_ASCII } GlyphChoice;
typedef enum { COLORS_AUTO, COLORS_TRUECOLOR, COLORS_256, COLORS_8, COLORS_MONO } ColorChoice;

typedef struct {
    bool headless;
    bool help, version;
    bool list_presets;
    char dataset[512];   /* spiral, circles, ..., fashion-mnist, idx:DIR, csv:FILE */
    int classes;         /* synthetic sets: 0 = the kind's default */
    double data_noise;   /* synthetic sets: < 0 = the kind's default */
    int n_train, n_test; /* synthetic sets */
    const char *label_column; /* csv: name or 1-based index; NULL = last (borrowed from argv) */
    double test_split;        /* csv: fraction held out for testing */
    ArenaConfig arena;
    bool lr_given;       /* --lr was given: an optimizer change keeps the lr */
    long steps;          /* training steps (0 = derive from epochs or the default) */
    double epochs;       /* > 0: passes over the training set instead of steps */
    int threads;         /* worker threads for the models, >= 1 */
    const char *blas_kernel; /* --blas-kernel: auto (NULL), env or a kernel name (borrowed) */
    const char *csv_path;    /* borrowed from argv, or NULL */
    const char *export_path; /* borrowed from argv, or NULL */
    long export_every;       /* > 0: a numbered PNG series every N steps (headless) */
    int export_width, export_height;
    bool dark;               /* dark PNG theme */
    int figure;              /* FigureKind of --figure */
    OutputFormat format;
    int seeds;               /* runs with seeds seed, seed+1, ...; summary as mean ± std */
    Grid grid;               /* the runs: --grid with --sweep and --seeds folded in (cli_parse) */
    int shard_k, shard_n;    /* --shard K/N: run only the K-th of N slices; 0 = every run */
    char run_args[4096];     /* the options that define the runs, escaped (shard provenance) */
    double target_acc;       /* > 0: report the first step reaching this test accuracy */
    int time_axis;           /* TimeAxis (ui/chart_time.h) of the charts over steps */
    long time_window;        /* its window in steps (--time-axis window:N); 0: the default */
    GlyphChoice glyphs;
    ColorChoice colors;
    uint64_t max_memory;     /* --max-memory in bytes; 0: the available memory (src/budget.h) */
    bool start_running;      /* dashboard: train at once instead of starting paused */
    int pace;                /* dashboard steps per second; 0 = as fast as it goes (max);
                                PACE_DEFAULT: the trainer picks by the data it loads */
    const char *record_path; /* --record: the changes made while training, as they happen */
    const char *replay_path; /* --replay: changes re-applied at their steps (read into replay) */
    EventLog replay;         /* from --replay; empty otherwise */
    char preset_buf[2048];   /* the tokens of --preset; string options may point here */
} AppConfig;

#endif
