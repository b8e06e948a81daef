/* merge.c — see merge.h. The configuration comes from the shard files themselves (their
 * provenance line holds the options that define the runs); the command line adds only where
 * the results go. Every file must carry the same provenance, every shard 1..N must be there
 * once, and each must hold exactly the runs its number stands for. */
#include "src/merge.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/cli.h"
#include "src/csv_file.h"
#include "src/export.h"
#include "src/headless.h"
#include "src/shard.h"

#define MERGE_MAX_ARGS 256

typedef struct {
    const char *path; /* borrowed from argv */
    char *text;       /* owned: the whole file */
    int k;
    char *header;     /* borrowed: into text, the header line */
    char *body;       /* borrowed: into text, after the header */
} ShardFile;

typedef struct {
    const char *rows; /* borrowed: into a ShardFile's text */
    size_t len;
    bool seen;
} RunRows;

static char *read_all(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (len + 1 == cap) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - 1 - len, f);
        len += got;
        if (got == 0)
            break;
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (!buf || bad) {
        snprintf(err, errlen, "%s: %s", path, buf ? "read error" : "out of memory");
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

/* The first line's fields: "# lossarena shard K/N runs=R version=V args=..." */
static bool parse_preamble(char *line, int *k, int *n, int *runs, char **version, char **args)
{
    if (strncmp(line, SHARD_MAGIC, strlen(SHARD_MAGIC)) != 0)
        return false;
    char *s = line + strlen(SHARD_MAGIC);
    int used = 0;
    if (sscanf(s, "%d/%d runs=%d version=%n", k, n, runs, &used) != 3 || used == 0)
        return false;
    *version = s + used;
    char *sp = strstr(*version, " args=");
    if (!sp)
        return false;
    *sp = '\0';
    *args = sp + 6;
    return *k >= 1 && *k <= *n;
}

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("lossarena merge: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 2;
}

/* Output options merge passes on to the configuration; everything else comes from the files. */
static bool merge_option(const char *arg, bool *takes_value)
{
    static const char *const names[] = {"csv", "export", "format", "figure", "size", "theme",
                                        "threads"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t len = strlen(names[i]);
        if (strncmp(arg + 2, names[i], len) == 0 && (arg[2 + len] == '\0' || arg[2 + len] == '=')) {
            *takes_value = arg[2 + len] == '\0';
            return true;
        }
    }
    return false;
}

int merge_main(int argc, char **argv)
{
    ShardFile *files = calloc((size_t)argc, sizeof *files);
    char *args[MERGE_MAX_ARGS];
    char *text = NULL; /* owned: the recorded options, split into args; cfg points into it */
    int n_files = 0, n_out = 0, rc = 2;
    char *out_opts[64];
    RunResult *runs = NULL;
    RunRows *rows = NULL;
    int *plan = NULL;
    char *args_text = NULL;
    AppConfig *cfg = calloc(1, sizeof *cfg);
    if (!files || !cfg) {
        fprintf(stderr, "lossarena merge: out of memory\n");
        free(files);
        free(cfg);
        return 1;
    }
    for (int i = 2; i < argc; i++) {
        bool takes;
        if (strncmp(argv[i], "--", 2) != 0) {
            files[n_files++].path = argv[i];
        } else if (merge_option(argv[i], &takes) && n_out + 2 <= 64) {
            out_opts[n_out++] = argv[i];
            if (takes) {
                if (i + 1 == argc) {
                    rc = fail("%s needs a value", argv[i]);
                    goto done;
                }
                out_opts[n_out++] = argv[++i];
            }
        } else {
            rc = fail("unknown option '%s' (merge takes shard files and --csv, --export, "
                      "--format, --figure, --size, --theme)", argv[i]);
            goto done;
        }
    }
    if (n_files == 0) {
        rc = fail("no shard files given (usage: lossarena merge FILE... [--csv OUT] "
                  "[--export OUT.png] [--format table|csv|json])");
        goto done;
    }

    /* Every file: its provenance, the same as the first file's, and a shard number of its own. */
    int n_shards = 0, n_runs = 0;
    const char *version0 = NULL;
    for (int f = 0; f < n_files; f++) {
        char err[512];
        ShardFile *sf = &files[f];
        if (!(sf->text = read_all(sf->path, err, sizeof err))) {
            rc = fail("%s", err);
            goto done;
        }
        char *nl = strchr(sf->text, '\n');
        if (!nl) {
            rc = fail("%s: not a shard file of lossarena (no '%s' line; run with --shard K/N "
                      "--csv FILE)", sf->path, SHARD_MAGIC);
            goto done;
        }
        *nl = '\0';
        sf->header = nl + 1;
        char *hnl = strchr(sf->header, '\n');
        if (!hnl) {
            rc = fail("%s: no CSV header after the shard line", sf->path);
            goto done;
        }
        *hnl = '\0';
        sf->body = hnl + 1;
        int n, r;
        char *version, *a;
        if (!parse_preamble(sf->text, &sf->k, &n, &r, &version, &a)) {
            rc = fail("%s: not a shard file of lossarena (no '%s' line; run with --shard K/N "
                      "--csv FILE)", sf->path, SHARD_MAGIC);
            goto done;
        }
        if (f == 0) {
            n_shards = n;
            n_runs = r;
            version0 = version;
            args_text = a;
        } else if (strcmp(version, version0) != 0 || strcmp(a, args_text) != 0 || r != n_runs) {
            rc = fail("%s: made with a different configuration than %s", sf->path,
                      files[0].path);
            goto done;
        } else if (n != n_shards) {
            rc = fail("%s: shard %d/%d, but %s is one of %d shards", sf->path, sf->k, n,
                      files[0].path, n_shards);
            goto done;
        } else if (strcmp(sf->header, files[0].header) != 0) {
            rc = fail("%s: its CSV header differs from %s's", sf->path, files[0].path);
            goto done;
        }
        for (int g = 0; g < f; g++)
            if (files[g].k == sf->k) {
                rc = fail("%s: duplicate of shard %d/%d (also %s)", sf->path, sf->k, n_shards,
                          files[g].path);
                goto done;
            }
    }
    for (int k = 1; k <= n_shards; k++) {
        bool have = false;
        for (int f = 0; f < n_files; f++)
            have |= files[f].k == k;
        if (!have) {
            rc = fail("shard %d/%d is missing (given: %d file%s, e.g. %s)", k, n_shards, n_files,
                      n_files == 1 ? "" : "s", files[0].path);
            goto done;
        }
    }

    /* The configuration: the recorded options, then where this merge writes. */
    text = strdup(args_text);
    int n_tok = text ? shard_unescape_split(text, args + 2, MERGE_MAX_ARGS - 2 - n_out) : -1;
    if (n_tok < 0) {
        rc = fail("%s: cannot read its options", files[0].path);
        goto done;
    }
    args[0] = argv[0];
    static char headless_opt[] = "--headless";
    args[1] = headless_opt;
    for (int i = 0; i < n_out; i++)
        args[2 + n_tok + i] = out_opts[i];
    char err[512];
    Status st = cli_parse(2 + n_tok + n_out, args, cfg, err, sizeof err);
    if (st != ST_OK) {
        rc = fail("%s", err);
        goto done;
    }
    if (grid_runs(&cfg->grid) != n_runs) {
        rc = fail("%s: its grid has %d runs, this lossarena makes %d of its options", files[0].path,
                  n_runs, grid_runs(&cfg->grid));
        goto done;
    }
    if (cfg->export_path && cfg->grid.n_axes == 0) {
        rc = fail("--export: the figure of a run without grid axes shows its final state, which "
                  "only the run itself can draw; merge draws grid figures");
        goto done;
    }

    /* The runs: each file's rows up to each "# run" record belong to that run. */
    runs = calloc((size_t)n_runs, sizeof *runs);
    rows = calloc((size_t)n_runs, sizeof *rows);
    plan = malloc((size_t)n_runs * sizeof *plan);
    if (!runs || !rows || !plan) {
        fprintf(stderr, "lossarena merge: out of memory\n");
        rc = 1;
        goto done;
    }
    for (int f = 0; f < n_files; f++) {
        ShardFile *sf = &files[f];
        int n_plan = shard_plan(cfg, sf->k, n_shards, plan), got = 0;
        char *chunk = sf->body, *line = sf->body;
        while (*line) {
            char *end = strchr(line, '\n');
            char *next = end ? end + 1 : line + strlen(line);
            if (line[0] == '#') {
                int r;
                RunResult res;
                memset(&res, 0, sizeof res);
                if (!shard_read_run(line, &r, &res) || r < 0 || r >= n_runs) {
                    rc = fail("%s: line '%.40s...' is not a run record", sf->path, line);
                    goto done;
                }
                if (got >= n_plan || plan[got] != r || rows[r].seen) {
                    rc = fail("%s: run %d is not the next run of shard %d/%d", sf->path, r + 1,
                              sf->k, n_shards);
                    goto done;
                }
                got++;
                rows[r] = (RunRows){chunk, (size_t)(line - chunk), true};
                runs[r] = res;
                chunk = next;
            }
            line = next;
        }
        if (got != n_plan || chunk != line) {
            rc = fail("%s: incomplete: %d of the %d runs of shard %d/%d%s", sf->path, got, n_plan,
                      sf->k, n_shards, chunk != line ? ", rows after the last run" : "");
            goto done;
        }
    }
    for (int r = 0; r < n_runs; r++) {
        ArenaConfig c = cfg->arena;
        grid_apply(&cfg->grid, r, &c);
        if (c.max_batch == 0) /* as arena_init sets it */
            c.max_batch = c.batch > 512 ? c.batch : 512;
        runs[r].cfg = c;
    }

    rc = 1;
    if (cfg->csv_path) {
        CsvFile out;
        memset(&out, 0, sizeof out);
        char names[256];
        grid_csv_names(&cfg->grid, names, sizeof names);
        if (csv_file_open(&out, cfg->csv_path, "", names, err, sizeof err) != ST_OK) {
            fprintf(stderr, "lossarena: %s\n", err);
            goto done;
        }
        for (int r = 0; r < n_runs; r++)
            fwrite(rows[r].rows, 1, rows[r].len, out.f);
        if (csv_file_close(&out, true, err, sizeof err) != ST_OK) {
            fprintf(stderr, "lossarena: %s\n", err);
            goto done;
        }
    }
    if (cfg->export_path &&
        export_sweep_figure(cfg, runs, cfg->grid.axes[0].n, cfg->grid.n_seeds, cfg->export_path,
                            err, sizeof err) != ST_OK) {
        fprintf(stderr, "lossarena: %s\n", err);
        goto done;
    }
    headless_print_summary(stdout, runs, cfg, headless_is_single(cfg));
    rc = fflush(stdout) == 0 ? 0 : 1;
done:
    for (int f = 0; f < n_files; f++)
        free(files[f].text);
    free(files);
    free(cfg);
    free(runs);
    free(rows);
    free(plan);
    free(text);
    return rc;
}
