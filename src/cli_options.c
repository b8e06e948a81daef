/* cli_options.c — the one table of options: each row's handler checks and stores its value,
 * and the same rows print --help and the man page, so they never disagree. */
#include "src/cli_parser.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset.h"
#include "src/data_source.h"
#include "src/presets.h"
#include "ui/chart_time.h"
#include "ui/figure_kinds.h"

void cli_loss_list(char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < LOSS_COUNT && used < n; i++)
        used +=
            (size_t)snprintf(buf + used, n - used, "%s%s", i ? "," : "", loss_def((LossId)i)->key);
}

static Status fail_loss(Parser *p, const char *opt, const char *what, const char *key)
{
    char list[256], groups[128];
    cli_loss_list(list, sizeof list);
    size_t used = 0;
    groups[0] = '\0';
    for (int g = 0; g < LOSS_GROUP_COUNT && used < sizeof groups; g++)
        used += (size_t)snprintf(groups + used, sizeof groups - used, "%s%s", g ? "," : "",
                                 loss_group(g)->name);
    return cli_fail(p, "--%s: %s '%s' (valid: %s; groups: %s)", opt, what, key, list, groups);
}

/* Appends id to --losses once. A loss named twice by its id is a mistake worth a message; one
 * that also comes from a group ("hinge-family,hinge", overlapping groups) is meant once. */
static Status add_loss(Parser *p, const char *opt, LossId id, bool by_id, uint32_t *by_id_mask)
{
    ArenaConfig *a = &p->cfg->arena;
    uint32_t bit = 1u << id;
    bool present = false;
    for (int i = 0; i < a->n_losses; i++)
        present |= a->losses[i] == id;
    if (present && by_id && (*by_id_mask & bit))
        return cli_fail(p, "--%s: loss '%s' given twice", opt, loss_def(id)->key);
    if (by_id)
        *by_id_mask |= bit;
    if (present)
        return ST_OK;
    if (a->n_losses == ARENA_MAX_MODELS)
        return cli_fail(p, "--%s: at most %d losses", opt, ARENA_MAX_MODELS);
    a->losses[a->n_losses++] = id;
    return ST_OK;
}

static Status opt_headless(Parser *p, const char *o, const char *v)
{
    (void)o, (void)v;
    p->cfg->headless = true;
    return ST_OK;
}

static Status opt_help(Parser *p, const char *o, const char *v)
{
    (void)o, (void)v;
    p->cfg->help = true;
    return ST_OK;
}

static Status opt_version(Parser *p, const char *o, const char *v)
{
    (void)o, (void)v;
    p->cfg->version = true;
    return ST_OK;
}

static Status opt_dataset(Parser *p, const char *o, const char *v)
{
    const DataSourceInfo *src = data_source_find(v);
    if (!src) {
        char names[256];
        data_source_names(names, sizeof names);
        return cli_fail(p, "--%s: unknown dataset '%s' (valid: %s)", o, v, names);
    }
    if (src->path && v[strlen(src->name)] == '\0')
        return cli_fail(p, "--%s: '%s' needs a %s after the colon, e.g. %s", o, v, src->path,
                        src->example);
    if (strlen(v) >= sizeof p->cfg->dataset)
        return cli_fail(p, "--%s: name too long", o);
    strcpy(p->cfg->dataset, v);
    return ST_OK;
}

static Status opt_losses(Parser *p, const char *o, const char *v)
{
    p->cfg->arena.n_losses = 0;
    uint32_t by_id_mask = 0;
    _Static_assert(LOSS_COUNT <= 32, "by_id_mask holds one bit per loss");
    const char *s = v;
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        char key[64];
        if (len == 0 || len >= sizeof key)
            return fail_loss(p, o, "empty or overlong loss id in", v);
        memcpy(key, s, len);
        key[len] = '\0';
        int id = loss_by_key(key);
        const LossGroup *group = id < 0 ? loss_group_by_name(key) : NULL;
        if (id < 0 && !group)
            return fail_loss(p, o, "unknown loss", key);
        for (int i = 0; i < (group ? group->n : 1); i++) {
            Status st = add_loss(p, o, group ? group->ids[i] : (LossId)id, !group, &by_id_mask);
            if (st != ST_OK)
                return st;
        }
        if (!comma)
            break;
        s = comma + 1;
    }
    return ST_OK;
}

static Status opt_hidden(Parser *p, const char *o, const char *v)
{
    ArenaConfig *a = &p->cfg->arena;
    a->n_hidden = 0;
    p->hidden_given = true;
    if (strcmp(v, "none") == 0 || strcmp(v, "0") == 0)
        return cli_fail(p, "--%s: give at least one hidden width, e.g. 64,64", o);
    const char *s = v;
    for (;;) {
        char *end;
        errno = 0;
        long w = isdigit((unsigned char)*s) ? strtol(s, &end, 10) : 0;
        if (!isdigit((unsigned char)*s) || (*end != ',' && *end != '\0') || errno == ERANGE)
            return cli_fail(p, "--%s: '%s' is not a comma-separated list of widths", o, v);
        if (w < 1 || w > MLP_MAX_WIDTH)
            return cli_fail(p, "--%s: width %ld is out of range [1, %d]", o, w, MLP_MAX_WIDTH);
        if (a->n_hidden == MLP_MAX_HIDDEN)
            return cli_fail(p, "--%s: at most %d hidden layers", o, MLP_MAX_HIDDEN);
        a->hidden[a->n_hidden++] = (int)w;
        if (*end == '\0')
            break;
        s = end + 1;
    }
    return ST_OK;
}

static Status opt_activation(Parser *p, const char *o, const char *v)
{
    int act = activation_by_name(v);
    if (act < 0)
        return cli_fail(p, "--%s: unknown activation '%s' (valid: relu, tanh, sigmoid)", o, v);
    p->cfg->arena.act = (Activation)act;
    return ST_OK;
}

static Status opt_optimizer(Parser *p, const char *o, const char *v)
{
    int kind = optim_by_name(v);
    if (kind < 0)
        return cli_fail(p, "--%s: unknown optimizer '%s' (valid: sgd, momentum, adam)", o, v);
    p->cfg->arena.opt.kind = (OptimKind)kind; /* lr and the rest: finish_optimizer */
    return ST_OK;
}

static Status opt_lr(Parser *p, const char *o, const char *v)
{
    double lr = 0.0;
    Status st = cli_parse_double(p, o, v, 0.0, 1e6, true, &lr);
    if (st != ST_OK)
        return st;
    p->cfg->arena.opt.lr = (float)lr;
    p->cfg->lr_given = true;
    return ST_OK;
}

static Status opt_nesterov(Parser *p, const char *o, const char *v)
{
    (void)o, (void)v;
    p->nesterov = true;
    return ST_OK;
}

static Status opt_init(Parser *p, const char *o, const char *v)
{
    int init = mlp_init_by_name(v);
    if (init < 0 || init == MLP_INIT_AUTO)
        return cli_fail(p, "--%s: unknown initialisation '%s' (valid: he, glorot, uniform)", o, v);
    p->cfg->arena.init = (MlpInit)init;
    return ST_OK;
}

static Status opt_batch(Parser *p, const char *o, const char *v)
{
    p->batch_given = true;
    return cli_parse_int(p, o, v, 1, ARENA_MAX_BATCH, &p->cfg->arena.batch);
}

static Status opt_steps(Parser *p, const char *o, const char *v)
{
    p->cfg->epochs = 0.0;
    p->steps_seen = true;
    return cli_parse_long(p, o, v, 1, 1000000000L, &p->cfg->steps);
}

static Status opt_epochs(Parser *p, const char *o, const char *v)
{
    p->cfg->steps = 0;
    p->epochs_seen = true;
    return cli_parse_double(p, o, v, 0.0, 1e6, true, &p->cfg->epochs);
}

static Status opt_seed(Parser *p, const char *o, const char *v)
{
    char *end;
    errno = 0;
    unsigned long long s = isdigit((unsigned char)v[0]) ? strtoull(v, &end, 10) : 0;
    if (!isdigit((unsigned char)v[0]) || *end != '\0' || errno == ERANGE)
        return cli_fail(p, "--%s: '%s' is not a non-negative integer", o, v);
    p->cfg->arena.seed = s;
    return ST_OK;
}

static Status opt_threads(Parser *p, const char *o, const char *v)
{
    return cli_parse_int(p, o, v, 1, ARENA_MAX_MODELS, &p->cfg->threads);
}

/* A word only: whether OpenBLAS has the kernel is known once it is loaded (src/blas_kernel.h). */
static Status opt_blas_kernel(Parser *p, const char *o, const char *v)
{
    size_t len = strlen(v);
    bool word = len > 0 && len < 32;
    for (size_t i = 0; word && i < len; i++)
        word = isalnum((unsigned char)v[i]);
    if (!word)
        return cli_fail(p,
                        "--%s: '%s' is not auto, env or an OpenBLAS kernel name such as "
                        "Haswell or SkylakeX",
                        o, v);
    p->cfg->blas_kernel = v;
    return ST_OK;
}

static Status opt_label_noise(Parser *p, const char *o, const char *v)
{
    return cli_parse_double_in(p, o, v, 0.0, 1.0, false, true, &p->cfg->arena.label_noise);
}

static Status opt_input_noise(Parser *p, const char *o, const char *v)
{
    return cli_parse_double(p, o, v, 0.0, 1e3, false, &p->cfg->arena.input_noise);
}

static Status opt_eval_every(Parser *p, const char *o, const char *v)
{
    p->eval_every_given = true;
    return cli_parse_int(p, o, v, 1, 1000000000, &p->cfg->arena.eval_every);
}

static Status opt_classes(Parser *p, const char *o, const char *v)
{
    return cli_parse_int(p, o, v, 2, DATASET_MAX_CLASSES, &p->cfg->classes);
}

static Status opt_data_noise(Parser *p, const char *o, const char *v)
{
    return cli_parse_double(p, o, v, 0.0, 10.0, false, &p->cfg->data_noise);
}

static Status opt_samples(Parser *p, const char *o, const char *v)
{
    return cli_parse_int(p, o, v, 10, 10000000, &p->cfg->n_train);
}

static Status opt_test_samples(Parser *p, const char *o, const char *v)
{
    return cli_parse_int(p, o, v, 10, 10000000, &p->cfg->n_test);
}

static Status opt_label_column(Parser *p, const char *o, const char *v)
{
    if (!*v)
        return cli_fail(p, "--%s: empty column name", o);
    p->cfg->label_column = v;
    return ST_OK;
}

static Status opt_test_split(Parser *p, const char *o, const char *v)
{
    return cli_parse_double_in(p, o, v, 0.0, 1.0, true, true, &p->cfg->test_split);
}

static Status opt_csv(Parser *p, const char *o, const char *v)
{
    if (!*v)
        return cli_fail(p, "--%s: empty file name", o);
    p->cfg->csv_path = v;
    return ST_OK;
}

static Status opt_format(Parser *p, const char *o, const char *v)
{
    if (strcmp(v, "table") == 0)
        p->cfg->format = FORMAT_TABLE;
    else if (strcmp(v, "csv") == 0)
        p->cfg->format = FORMAT_CSV;
    else if (strcmp(v, "json") == 0)
        p->cfg->format = FORMAT_JSON;
    else
        return cli_fail(p, "--%s: unknown format '%s' (valid: table, csv, json)", o, v);
    return ST_OK;
}

static Status opt_export(Parser *p, const char *o, const char *v)
{
    size_t n = strlen(v);
    if (n < 5 || (strcmp(v + n - 4, ".png") != 0 && strcmp(v + n - 4, ".svg") != 0))
        return cli_fail(p, "--%s: '%s' must name a .png or .svg file", o, v);
    p->cfg->export_path = v;
    return ST_OK;
}

static Status opt_export_every(Parser *p, const char *o, const char *v)
{
    return cli_parse_long(p, o, v, 1, 1000000000L, &p->cfg->export_every);
}

static Status opt_size(Parser *p, const char *o, const char *v)
{
    /* strtol, not sscanf's %d: an overflowing width must not wrap into range */
    char *x = NULL, *end = NULL;
    errno = 0;
    long w = isdigit((unsigned char)v[0]) ? strtol(v, &x, 10) : -1;
    long h = w >= 0 && *x == 'x' && isdigit((unsigned char)x[1]) ? strtol(x + 1, &end, 10) : -1;
    if (w < 0 || h < 0 || *end != '\0')
        return cli_fail(p, "--%s: '%s' is not WIDTHxHEIGHT, e.g. 1600x1000", o, v);
    if (errno == ERANGE || w < 400 || h < 300 || w > 8000 || h > 8000)
        return cli_fail(p, "--%s: %s is out of range (400x300 to 8000x8000)", o, v);
    p->cfg->export_width = (int)w;
    p->cfg->export_height = (int)h;
    return ST_OK;
}

static Status opt_theme(Parser *p, const char *o, const char *v)
{
    if (strcmp(v, "light") == 0)
        p->cfg->dark = false;
    else if (strcmp(v, "dark") == 0)
        p->cfg->dark = true;
    else
        return cli_fail(p, "--%s: unknown theme '%s' (valid: light, dark)", o, v);
    return ST_OK;
}

static Status opt_figure(Parser *p, const char *o, const char *v)
{
    const FigureKindInfo *k = figure_kind_by_name(v);
    if (k) {
        p->cfg->figure = (int)k->kind;
        p->figure_given = true;
        return ST_OK;
    }
    char names[256];
    figure_kind_names(names, sizeof names, ", ");
    return cli_fail(p, "--%s: unknown figure '%s' (valid: %s)", o, v, names);
}

/* --time-axis linear|log|window:N: the step axis of the figures' loss and accuracy charts */
static Status opt_time_axis(Parser *p, const char *o, const char *v)
{
    TimeAxis t = TIME_AXIS_LINEAR;
    long window = 0;
    char why[160];
    if (time_axis_parse(v, &t, &window, why, sizeof why) != ST_OK)
        return cli_fail(p, "--%s: %s", o, why);
    p->cfg->time_axis = (int)t;
    p->cfg->time_window = window;
    return ST_OK;
}

static Status opt_glyphs(Parser *p, const char *o, const char *v)
{
    if (strcmp(v, "auto") == 0)
        p->cfg->glyphs = GLYPHS_AUTO;
    else if (strcmp(v, "unicode") == 0 || strcmp(v, "braille") == 0)
        p->cfg->glyphs = GLYPHS_UNICODE;
    else if (strcmp(v, "ascii") == 0)
        p->cfg->glyphs = GLYPHS_ASCII;
    else
        return cli_fail(p, "--%s: unknown glyph mode '%s' (valid: auto, unicode, ascii)", o, v);
    return ST_OK;
}

static Status opt_colors(Parser *p, const char *o, const char *v)
{
    static const char *const names[] = {"auto", "truecolor", "256", "8", "mono"};
    for (int i = 0; i < 5; i++)
        if (strcmp(v, names[i]) == 0) {
            p->cfg->colors = (ColorChoice)i;
            return ST_OK;
        }
    return cli_fail(p, "--%s: unknown colour mode '%s' (valid: auto, truecolor, 256, 8, mono)", o,
                    v);
}

static Status opt_seeds(Parser *p, const char *o, const char *v)
{
    return cli_parse_int(p, o, v, 1, MAX_SEEDS, &p->cfg->seeds);
}

static Status opt_target_acc(Parser *p, const char *o, const char *v)
{
    Status st = cli_parse_double(p, o, v, 0.0, 1.0, true, &p->cfg->target_acc);
    return st;
}

/* --sweep label-noise=0,0.2,0.4 or input-noise=0,0.5,1: short for a --grid of that axis. */
static Status opt_sweep(Parser *p, const char *o, const char *v)
{
    if (strncmp(v, "label-noise=", 12) != 0 && strncmp(v, "input-noise=", 12) != 0)
        return cli_fail(p, "--%s: '%s' is not label-noise=LIST or input-noise=LIST", o, v);
    return grid_parse_axis(&p->cfg->grid, v, p->err, p->errlen) ? ST_OK : ST_INVAL;
}

/* --grid AXIS=VALUES [AXIS=VALUES ...]: parse_tokens hands over each spec after --grid. */
static Status opt_grid(Parser *p, const char *o, const char *v)
{
    (void)o;
    if (!grid_parse_axis(&p->cfg->grid, v, p->err, p->errlen))
        return ST_INVAL;
    return ST_OK;
}

static Status opt_shard(Parser *p, const char *o, const char *v)
{
    int k, n;
    char tail;
    if (sscanf(v, "%d/%d%c", &k, &n, &tail) != 2 || strchr(v, ' ') || v[0] == '+')
        return cli_fail(p, "--%s: '%s' is not K/N, e.g. 2/8", o, v);
    if (n < 1 || n > 10000 || k < 1 || k > n)
        return cli_fail(p, "--%s: %s: need 1 <= K <= N <= 10000", o, v);
    p->cfg->shard_k = k;
    p->cfg->shard_n = n;
    return ST_OK;
}

/* --max-memory 2G: bytes with an optional K, M, G or T (powers of 1000, as the messages count)
 * and an optional B. */
static Status opt_max_memory(Parser *p, const char *o, const char *v)
{
    char *end;
    errno = 0;
    double x = isdigit((unsigned char)v[0]) ? strtod(v, &end) : -1.0;
    if (x < 0 || errno == ERANGE)
        return cli_fail(p, "--%s: '%s' is not a size, e.g. 512M or 2G", o, v);
    static const char units[] = "KMGT";
    const char *u = *end ? strchr(units, toupper((unsigned char)*end)) : NULL;
    if (u) {
        x *= pow(1000.0, (double)(u - units + 1));
        end++;
    }
    if ((*end == 'B' || *end == 'b') && end[1] == '\0')
        end++;
    if (*end != '\0')
        return cli_fail(p, "--%s: '%s' is not a size, e.g. 512M or 2G", o, v);
    if (x < 1e6 || x > 1e15)
        return cli_fail(p, "--%s: %s is out of range [1M, 1000T]", o, v);
    p->cfg->max_memory = (uint64_t)x;
    return ST_OK;
}

static Status opt_preset(Parser *p, const char *o, const char *v)
{
    /* Applied before the other options by cli_parse; here only checked. */
    if (!preset_find(v))
        return cli_fail(p, "--%s: unknown preset '%s' (see --list-presets)", o, v);
    return ST_OK;
}

static Status opt_list_presets(Parser *p, const char *o, const char *v)
{
    (void)o, (void)v;
    p->cfg->list_presets = true;
    return ST_OK;
}

static Status opt_run(Parser *p, const char *o, const char *v)
{
    (void)o, (void)v;
    p->cfg->start_running = true;
    return ST_OK;
}

static Status opt_record(Parser *p, const char *o, const char *v)
{
    if (!*v)
        return cli_fail(p, "--%s: empty file name", o);
    p->cfg->record_path = v;
    return ST_OK;
}

static Status opt_replay(Parser *p, const char *o, const char *v)
{
    if (!*v)
        return cli_fail(p, "--%s: empty file name", o);
    p->cfg->replay_path = v;
    return ST_OK;
}

/* --pace N|max: dashboard steps per second */
static Status opt_pace(Parser *p, const char *o, const char *v)
{
    if (strcmp(v, "max") == 0) {
        p->cfg->pace = 0;
        return ST_OK;
    }
    long n = 0;
    if (cli_parse_long(p, o, v, 1, PACE_MAX_VALUE, &n) != ST_OK)
        return cli_fail(p, "--%s: '%s' is not a number of steps per second in [1, %d] or 'max'", o,
                        v, PACE_MAX_VALUE);
    p->cfg->pace = (int)n;
    return ST_OK;
}

/* RES: changes what a run computes, so provenance_options (src/provenance.c) must record it;
 * OUT: changes only what is shown or written, or how fast; VIA: changes results only through
 * the options it sets, which are recorded themselves. */
#define RES OPTION_CHANGES_RESULTS
#define OUT OPTION_OUTPUT_ONLY
#define VIA OPTION_SETS_OTHERS

static const OptionDef options[] = {
    {"headless", NULL, "no UI: progress on stderr, results on stdout", opt_headless, OUT},
    {"dataset", "NAME",
     "the data:", /* cli_option_at adds the names from their one table (src/data_source.c) */
     opt_dataset, RES},
    {"label-column", "COL", "csv: label column by name or 1-based index (default: last)",
     opt_label_column, RES},
    {"test-split", "F", "csv: fraction of examples held out for testing (default 0.2)",
     opt_test_split, RES},
    {"classes", "K", "classes of a synthetic dataset (spiral arms, gauss blobs, ...)", opt_classes,
     RES},
    {"data-noise", "X", "jitter of a synthetic dataset (default: the dataset's own)",
     opt_data_noise, RES},
    {"samples", "N", "training examples of a synthetic dataset (default 1500)", opt_samples, RES},
    {"test-samples", "N", "test examples of a synthetic dataset (default 1500)", opt_test_samples,
     RES},
    {"losses", "LIST", "comma-separated loss ids or group names (default: all twelve)", opt_losses,
     RES},
    {"hidden", "LIST", "hidden layer widths (default 64,64; 256,128 on image data)", opt_hidden,
     RES},
    {"activation", "NAME", "relu (default) | tanh | sigmoid", opt_activation, RES},
    {"init", "NAME",
     "he (default with relu) | glorot (default otherwise) | uniform (PyTorch's nn.Linear)",
     opt_init, RES},
    {"optimizer", "NAME", "sgd | momentum | adam (default)", opt_optimizer, RES},
    {"lr", "X", "learning rate", opt_lr, RES}, /* cli_print_help adds the defaults */
    {"nesterov", NULL, "Nesterov form of momentum (with --optimizer momentum)", opt_nesterov, RES},
    {"batch", "N", "minibatch size (default 64; 128 on image data)", opt_batch, RES},
    {"steps", "N", "training steps (default 3000)", opt_steps, RES},
    {"epochs", "X", "passes over the training set, instead of --steps", opt_epochs, RES},
    {"seed", "N", "seed of data, weights, order and noise (default 1)", opt_seed, RES},
    {"threads", "N", "worker threads for the models (default 2; results do not change)",
     opt_threads, OUT},
    {"blas-kernel", "NAME",
     "OpenBLAS kernel: auto (default: OpenBLAS's choice for this CPU, even when "
     "OPENBLAS_CORETYPE names another) | env (as OPENBLAS_CORETYPE says) | a kernel by name, "
     "e.g. Haswell, SkylakeX",
     opt_blas_kernel, OUT},
    {"label-noise", "P", "fraction of training labels replaced by another class", opt_label_noise,
     RES},
    {"input-noise", "S", "std of Gaussian noise added to training inputs", opt_input_noise, RES},
    {"eval-every", "N",
     "steps between evaluations on train and test sets (default 50; 100 on image data)",
     opt_eval_every, RES},
    {"csv", "FILE", "metrics, one row per evaluation per model", opt_csv, OUT},
    {"format", "FMT", "final summary on stdout: table (default) | csv | json", opt_format, OUT},
    {"export", "FILE",
     "figure of the final state (headless) / snapshot name (UI); FILE.png or FILE.svg", opt_export,
     OUT},
    {"export-every", "N", "headless: also write FILE-<step>.png (.svg) every N steps",
     opt_export_every, OUT},
    {"figure", "KIND", "which figure --export writes (the kinds are listed below)", opt_figure,
     OUT},
    {"time-axis", "MODE",
     "step axis of the loss and accuracy charts: linear (default) | log | window:N (last N "
     "steps)",
     opt_time_axis, OUT},
    {"size", "WxH", "figure size (default 1600x1000)", opt_size, OUT},
    {"theme", "NAME", "figure theme: light (default) | dark", opt_theme, OUT},
    {"glyphs", "MODE", "UI drawing: auto | unicode | ascii", opt_glyphs, OUT},
    {"colors", "MODE", "UI colours: auto | truecolor | 256 | 8 | mono", opt_colors, OUT},
    {"seeds", "N", "headless: repeat with N seeds (seed, seed+1, ...); mean ± std", opt_seeds, RES},
    {"sweep", "SPEC", "headless: label-noise=0,0.2,0.4 or input-noise=0,0.5,1: one run per level",
     opt_sweep, VIA}, /* a shorthand of --grid: recorded as the grid it sets */
    {"grid", "AXIS=LIST...",
     "headless: runs crossing lr, batch, optimizer, activation, hidden (64x64), label-noise, "
     "input-noise and seed (1..5), e.g. --grid lr=0.001,0.003 seed=1..3",
     opt_grid, RES},
    {"shard", "K/N", "headless: run only the K-th of N balanced slices of the grid (see merge)",
     opt_shard, OUT},
    {"target-acc", "A", "report the first step at which test accuracy reaches A", opt_target_acc,
     RES},
    {"max-memory", "SIZE",
     "refuse a run that needs more memory than SIZE, e.g. 2G (default: 3/4 of the available)",
     opt_max_memory, OUT},
    {"preset", "NAME", "start from a lesson preset (options given here win)", opt_preset, VIA},
    {"list-presets", NULL, "list the lesson presets", opt_list_presets, OUT},
    {"run", NULL, "UI: start training at once instead of paused", opt_run, OUT},
    {"record", "FILE", "UI: write the changes made while training, as 'at STEP: --OPTION V'",
     opt_record, OUT},
    /* VIA: a replay's changes show in every CSV row's lr, batch, optimizer and noise columns */
    {"replay", "FILE", "re-apply recorded changes at their steps (UI and headless)", opt_replay,
     VIA},
    {"pace", "N|max", "UI: training steps per second (default 30 on 2-D data, else max)", opt_pace,
     OUT},
    {"help", NULL, "this text", opt_help, OUT},
    {"version", NULL, "program version, compiler and BLAS", opt_version, OUT},
};

#undef RES
#undef OUT
#undef VIA

int cli_option_count(void)
{
    return (int)(sizeof options / sizeof options[0]);
}

const char *cli_option_name(int i, OptionEffect *effect, bool *takes_value)
{
    if (i < 0 || i >= cli_option_count())
        return NULL;
    if (effect)
        *effect = options[i].effect;
    if (takes_value)
        *takes_value = options[i].metavar != NULL;
    return options[i].name;
}

bool cli_option_takes_words(const OptionDef *def)
{
    return def->set == opt_grid;
}

const OptionDef *cli_options(int *n)
{
    *n = cli_option_count();
    return options;
}

const OptionDef *cli_find_option(const char *name, size_t len)
{
    for (size_t j = 0; j < (size_t)cli_option_count(); j++)
        if (strlen(options[j].name) == len && strncmp(options[j].name, name, len) == 0)
            return &options[j];
    return NULL;
}

bool cli_option_at(int i, const char **name, const char **metavar, char *help, size_t help_len)
{
    if (i < 0 || i >= cli_option_count())
        return false;
    *name = options[i].name;
    *metavar = options[i].metavar;
    /* what the row cannot say itself comes from the one home of those facts */
    if (options[i].set == opt_lr) {
        snprintf(help, help_len, "%s (default: adam %g, %g on image data; momentum %g; sgd %g)",
                 options[i].help, optim_default_lr(OPT_ADAM, false),
                 optim_default_lr(OPT_ADAM, true), optim_default_lr(OPT_MOMENTUM, false),
                 optim_default_lr(OPT_SGD, false));
    } else if (options[i].set == opt_dataset) {
        char names[256];
        data_source_names(names, sizeof names);
        snprintf(help, help_len, "%s %s", options[i].help, names);
    } else {
        snprintf(help, help_len, "%s", options[i].help);
    }
    return true;
}

void cli_print_help(FILE *out)
{
    fprintf(out,
            "lossarena %s — twelve loss functions, one network, side by side\n\n"
            "usage: lossarena [OPTIONS]              interactive terminal dashboard\n"
            "       lossarena --headless [OPTIONS]   no UI; results on stdout\n"
            "       lossarena merge FILE... [--csv F] [--export F.png] [--format F]\n"
            "                                        the summary, CSV and figure of --shard "
            "files\n\n"
            "options:\n",
            LOSSARENA_VERSION);
    const char *name, *metavar;
    char help[512];
    for (int j = 0; cli_option_at(j, &name, &metavar, help, sizeof help); j++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", name, metavar ? " " : "", metavar ? metavar : "");
        fprintf(out, "  %-22s %s\n", left, help);
    }
    int n_kinds;
    const FigureKindInfo *kinds = figure_kinds(&n_kinds);
    fprintf(out, "\nfigures (--figure KIND; --export FILE.png or FILE.svg):\n");
    for (int k = 0; k < n_kinds; k++)
        fprintf(out, "  %-22s %s\n", kinds[k].name, kinds[k].shows);
    char list[256];
    cli_loss_list(list, sizeof list);
    fprintf(out, "\nloss ids: %s\nloss groups:\n", list);
    for (int g = 0; g < LOSS_GROUP_COUNT; g++) {
        const LossGroup *grp = loss_group(g);
        fprintf(out, "  %-14s", grp->name);
        for (int i = 0; i < grp->n; i++)
            fprintf(out, "%s%s", i ? "," : "", loss_def(grp->ids[i])->key);
        fprintf(out, "  (%s)\n", grp->what);
    }
    fprintf(out, "exit status: 0 success, 2 bad usage or input, 1 other failure\n");
}
