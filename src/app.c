/* app.c — the process's decisions before a run: usage errors, the informational options (whose
 * stdout is checked: a full disk is an error, not a silent exit 0), the output paths, and then
 * the dashboard or the headless runner. */
#include "src/app.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/blas.h"
#include "src/blas_kernel.h"
#include "src/cli.h"
#include "src/dashboard.h"
#include "src/data_source.h"
#include "src/headless.h"
#include "src/manpage.h"
#include "src/merge.h"
#include "src/output.h"
#include "src/presets.h"

/* Exit status of something printed on stdout: 0, or 1 with a message when it was not written. */
static int stdout_status(void)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return 0;
    fprintf(stderr, "lossarena: cannot write to stdout: %s\n", strerror(errno ? errno : EIO));
    return 1;
}

/* Every output must be writable (else exit 1, as any failed write) and none may be an input or
 * another output (exit 2, bad usage): checked before anything is loaded or trained, so a mistake
 * costs nothing. */
static int check_paths(const AppConfig *cfg)
{
    OutputPath outs[3], ins[DATA_SOURCE_MAX_INPUTS + 1];
    int n_outs = 0;
    if (cfg->csv_path)
        outs[n_outs++] = (OutputPath){cfg->csv_path, "--csv"};
    if (cfg->export_path)
        outs[n_outs++] = (OutputPath){cfg->export_path, "--export"};
    if (cfg->record_path)
        outs[n_outs++] = (OutputPath){cfg->record_path, "--record"};
    if (n_outs == 0)
        return 0;
    char paths[DATA_SOURCE_MAX_INPUTS][DATA_SOURCE_PATH];
    int n_ins = data_source_inputs(cfg, paths);
    for (int i = 0; i < n_ins; i++)
        ins[i] = (OutputPath){paths[i], "dataset file"};
    if (cfg->replay_path)
        ins[n_ins++] = (OutputPath){cfg->replay_path, "--replay"};
    char err[1024];
    Status st = output_check(outs, n_outs, ins, n_ins, err, sizeof err);
    if (st != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        return st == ST_INVAL ? 2 : 1; /* same file: bad usage; cannot write: a failed write */
    }
    return 0;
}

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
    if (argc == 2 && strcmp(argv[1], "--man") == 0) { /* for the build: see src/manpage.h */
        manpage_write(stdout);
        return stdout_status();
    }
    if (argc >= 2 && (strcmp(argv[1], "merge") == 0 || strcmp(argv[1], "--merge") == 0))
        return merge_main(argc, argv);
    if (cli_parse(argc, argv, &cfg, err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        return 2;
    }
    if (cfg.help) {
        cli_print_help(stdout);
        return stdout_status();
    }
    if (cfg.list_presets) {
        preset_list(stdout);
        return stdout_status();
    }
    int rc = blas_kernel_select(cfg.blas_kernel, argv, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "lossarena: %s\n", err);
        return rc;
    }
    if (cfg.version) {
        /* The second line says what can change the last bits of a result: compiler and BLAS
         * with the kernel it runs (assets/tools/reproduce.sh stamps it on the README's
         * tables); a third says when that kernel is not the one the environment asked for. */
        printf("lossarena %s\nbuilt with %s %s, %s\n", LOSSARENA_VERSION, COMPILER_NAME,
               __VERSION__, blas_config());
        if (blas_kernel_overridden())
            printf("OPENBLAS_CORETYPE=%s set aside by --blas-kernel %s\n", blas_kernel_overridden(),
                   cfg.blas_kernel ? cfg.blas_kernel : "auto");
        return stdout_status();
    }
    rc = check_paths(&cfg);
    if (rc != 0)
        return rc;
    /* Parallelism comes from our workers, one model each: OpenBLAS's own threads would only
     * compete with them for the two cores. */
    blas_use_single_thread();
    return cfg.headless ? headless_run(&cfg) : dashboard_run(&cfg);
}
