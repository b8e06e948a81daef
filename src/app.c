#include "src/app.h"

#include <stdio.h>
#include <string.h>

#include "core/blas.h"
#include "src/cli.h"
#include "src/dashboard.h"
#include "src/headless.h"
#include "src/merge.h"
#include "src/presets.h"

#if defined(__clang__)
#define COMPILER_NAME "clang"
#elif defined(__GNUC__)
#define COMPILER_NAME "gcc"
#else
#define COMPILER_NAME "cc"
#endif

int app_main(int argc, char **argv)
{
    AppConfig cfg;
    char err[512];
    if (argc >= 2 && (strcmp(argv[1], "merge") == 0 || strcmp(argv[1], "--merge") == 0))
        return merge_main(argc, argv);
    if (cli_parse(argc, argv, &cfg, err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        return 2;
    }
    if (cfg.help) {
        cli_print_help(stdout);
        return 0;
    }
    if (cfg.list_presets) {
        preset_list(stdout);
        return 0;
    }
    if (cfg.version) {
        /* The second line says what can change the last bits of a result: compiler and BLAS
         * (assets/tools/reproduce.sh stamps it on the README's tables). */
        printf("lossarena %s\nbuilt with %s %s, %s\n", LOSSARENA_VERSION, COMPILER_NAME,
               __VERSION__, blas_config());
        return 0;
    }
    /* Parallelism comes from our workers, one model each: OpenBLAS's own threads would only
     * compete with them for the two cores. */
    blas_use_single_thread();
    return cfg.headless ? headless_run(&cfg) : dashboard_run(&cfg);
}
