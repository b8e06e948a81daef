/* cli.c — the command line into an AppConfig: a preset's options, then argv's, each through
 * its row of the option table (src/cli_options.c), then the checks that span options. Every
 * failure is one line naming the problem (the caller exits 2). */
#include "src/cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "src/cli_parser.h"
#include "src/data_source.h"
#include "src/export.h"
#include "src/presets.h"
#include "src/shard.h"
#include "ui/figure_kinds.h"

void cli_defaults(AppConfig *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    strcpy(cfg->dataset, "spiral");
    cfg->data_noise = -1.0;
    cfg->n_train = 1500;
    cfg->n_test = 1500;
    cfg->test_split = 0.2;
    cfg->seeds = 1;
    cfg->arena = arena_defaults();
    cfg->threads = 2;
    cfg->export_width = 1600;
    cfg->export_height = 1000;
    cfg->format = FORMAT_TABLE;
    cfg->pace = PACE_DEFAULT;
}

long cli_total_steps(const AppConfig *cfg, int n_train)
{
    if (cfg->epochs > 0.0) {
        double steps = ceil(cfg->epochs * n_train / cfg->arena.batch);
        return steps < 1.0 ? 1 : (long)steps;
    }
    return cfg->steps > 0 ? cfg->steps : 3000;
}

bool cli_image_data(const char *dataset)
{
    const DataSourceInfo *src = data_source_find(dataset);
    return src && src->image;
}

/* Image data (784 inputs, 10 classes) wants a wider net and larger batches than the 2-D sets:
 * with these every loss is far above chance after one epoch of Fashion-MNIST. Only what the
 * user did not choose is changed. */
static void image_defaults(Parser *p)
{
    ArenaConfig *a = &p->cfg->arena;
    if (!p->hidden_given) {
        a->n_hidden = 2;
        a->hidden[0] = 256;
        a->hidden[1] = 128;
    }
    if (!p->batch_given)
        a->batch = 128;
    if (!p->eval_every_given)
        a->eval_every = 100;
}

/* --seeds N is short for --grid seed=S..S+N-1 (--sweep parses into the grid directly). */
static bool fold_grid(Parser *p)
{
    AppConfig *cfg = p->cfg;
    Grid *g = &cfg->grid;
    if (!grid_set_seed_range(g, cfg->arena.seed, cfg->seeds, p->err, p->errlen))
        return false;
    /* The first seed is the run's seed everywhere a single one is shown. */
    cfg->arena.seed = g->seeds[0];
    cfg->seeds = g->n_seeds;
    g->keep_lr = cfg->lr_given;
    g->image_data = cli_image_data(cfg->dataset);
    return grid_check(g, p->err, p->errlen);
}

/* The optimizer's own defaults, its default lr unless --lr was given (optim_default_lr is the
 * one home of those), and --nesterov: the same whatever order the options came in. */
static Status finish_optimizer(Parser *p)
{
    ArenaConfig *a = &p->cfg->arena;
    float lr = a->opt.lr;
    a->opt = optim_defaults(a->opt.kind);
    a->opt.lr =
        p->cfg->lr_given ? lr : optim_default_lr(a->opt.kind, cli_image_data(p->cfg->dataset));
    if (p->nesterov && a->opt.kind != OPT_MOMENTUM)
        return cli_fail(p, "--nesterov applies to --optimizer momentum, not %s",
                        optim_name(a->opt.kind));
    a->opt.nesterov = p->nesterov;
    return ST_OK;
}

/* Reads --replay into cfg->replay: every line checked (exit 2 naming the line). A change that
 * restarts the run (seed, activation, dataset) has no steps to come back to in one CSV, so a
 * replay takes the others. */
static Status load_replay(Parser *p)
{
    AppConfig *cfg = p->cfg;
    FILE *f = fopen(cfg->replay_path, "r");
    if (!f)
        return cli_fail(p, "--replay: cannot read '%s': %s", cfg->replay_path, strerror(errno));
    Status st = event_log_read(&cfg->replay, f, cfg->replay_path, p->err, p->errlen);
    fclose(f);
    return st == ST_OK ? ST_OK : ST_INVAL;
}

/* Changes of a replay or preset: those that restart the run have no steps to come back to. */
static Status check_replay(Parser *p, const char *source)
{
    const EventLog *log = &p->cfg->replay;
    for (int i = 0; i < log->n; i++)
        if (event_restarts(log->events[i].kind))
            return cli_fail(
                p,
                "%s: the change at step %ld (--%s) restarts the run; a replay takes lr, "
                "batch, optimizer, label-noise and input-noise",
                source, log->events[i].step, event_option(log->events[i].kind));
    return ST_OK;
}

/* A preset's change lines ("at 500: --label-noise 0.3") go into cfg->replay; the other lines
 * are copied to out for preset_tokens. */
static Status preset_changes(Parser *p, const char *name, const char *text, char *out,
                             size_t outlen)
{
    size_t used = 0;
    int lineno = 1;
    for (const char *line = text; *line; lineno++) {
        size_t len = strcspn(line, "\n");
        const char *q = line + strspn(line, " \t");
        char buf[512];
        if (strncmp(q, "at", 2) == 0 && (q[2] == ' ' || q[2] == '\t')) {
            if (len >= sizeof buf)
                return cli_fail(p, "preset %s: line %d: too long", name, lineno);
            memcpy(buf, line, len);
            buf[len] = '\0';
            Event ev;
            bool is_event;
            char why[400];
            if (event_parse(buf, &ev, &is_event, why, sizeof why) != ST_OK)
                return cli_fail(p, "preset %s: line %d: %s", name, lineno, why);
            if (event_log_push(&p->cfg->replay, &ev) != ST_OK)
                return cli_fail(p, "preset %s: line %d: out of order or too many changes", name,
                                lineno);
        } else {
            if (used + len + 2 > outlen)
                return cli_fail(p, "preset %s: too long", name);
            memcpy(out + used, line, len);
            used += len;
            out[used++] = '\n';
        }
        line += len + (line[len] == '\n');
    }
    out[used] = '\0';
    return ST_OK;
}

/* Parses argv[first..argc) into p->cfg; `source` names where the tokens came from. */
static Status parse_tokens(Parser *p, int argc, char **argv, int first, const char *source)
{
    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
            return cli_fail(p, "%sunexpected argument '%s' (see --help)", source, arg);
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const OptionDef *def = cli_find_option(name, len);
        if (!def)
            return cli_fail(p, "%sunknown option '%.*s' (see --help)", source, (int)(len + 2), arg);
        const char *val = NULL;
        if (def->metavar) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else
                return cli_fail(p, "%s--%s needs a value (%s)", source, def->name, def->metavar);
        } else if (eq) {
            return cli_fail(p, "%s--%s takes no value", source, def->name);
        }
        Status st = def->set(p, def->name, val);
        if (st != ST_OK)
            return st;
        /* --grid takes several AXIS=VALUES words: every word up to the next option. */
        while (cli_option_takes_words(def) && i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
            st = def->set(p, def->name, argv[++i]);
            if (st != ST_OK)
                return st;
        }
    }
    /* Within one source both are a contradiction; the command line may replace a preset's. */
    if (p->steps_seen && p->epochs_seen)
        return cli_fail(p, "%s--steps and --epochs contradict each other: give one", source);
    p->steps_seen = p->epochs_seen = false;
    return ST_OK;
}

/* Options that only say where and how results are shown, not which runs happen: a shard file's
 * provenance leaves them out, so shards written to different files still match. */
static bool output_only(const char *name)
{
    static const char *const names[] = {
        "csv",    "export", "export-every", "format",  "figure",   "size", "theme",
        "glyphs", "colors", "shard",        "threads", "headless", "run",  "blas-kernel"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static Status record_run_args(Parser *p, int argc, char **argv)
{
    char *buf = p->cfg->run_args;
    const size_t n = sizeof p->cfg->run_args;
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 1; i < argc; i++) {
        const bool option = strncmp(argv[i], "--", 2) == 0;
        const char *name = option ? argv[i] + 2 : argv[i];
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const OptionDef *def = option ? cli_find_option(name, len) : NULL;
        int last = i + (def && def->metavar && !eq ? 1 : 0);
        while (def && cli_option_takes_words(def) && last + 1 < argc &&
               strncmp(argv[last + 1], "--", 2))
            last++;
        bool skip = def && output_only(def->name);
        for (; i <= last && i < argc; i++)
            if (!skip)
                shard_escape(buf, n, &used, argv[i]);
        i--;
    }
    if (used + 8 >= n)
        return cli_fail(p, "the options are too long to record in a shard file");
    return ST_OK;
}

/* Every figure kind honours --seeds and --sweep/--grid or says it does not: a grid's --export
 * is its sweep figure, and a --seeds figure averages curves, which not every kind has. */
static Status check_figure(Parser *p, bool experiment)
{
    const AppConfig *cfg = p->cfg;
    const FigureKindInfo *k = figure_kind_info((FigureKind)cfg->figure);
    if (!cfg->export_path || !p->figure_given || !experiment || !k)
        return ST_OK;
    if (cfg->grid.n_axes > 0)
        return cli_fail(p,
                        "--figure %s draws one run; the --export of a --sweep or --grid is "
                        "its sweep figure (leave out --figure)",
                        k->name);
    if (!figure_kind_averages_seeds(k))
        return cli_fail(p,
                        "--figure %s draws one run and cannot average --seeds (figures "
                        "with loss or accuracy curves show their mean ± sd)",
                        k->name);
    return ST_OK;
}

/* The value of the last --preset in argv, or NULL. */
static const char *preset_arg(int argc, char **argv)
{
    const char *name = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--preset") == 0 && i + 1 < argc)
            name = argv[++i];
        else if (strncmp(argv[i], "--preset=", 9) == 0)
            name = argv[i] + 9;
    }
    return name;
}

Status cli_parse(int argc, char **argv, AppConfig *cfg, char *err, size_t errlen)
{
    cli_defaults(cfg);
    Parser p = {.cfg = cfg, .err = err, .errlen = errlen};
    const char *preset_name = preset_arg(argc, argv);
    if (preset_name) {
        const Preset *pr = preset_find(preset_name);
        if (!pr)
            return cli_fail(&p, "--preset: unknown preset '%s' (see --list-presets)", preset_name);
        /* The preset's own text lives in static storage; its tokens in p's buffer. */
        char *tokens[64], options_text[4096];
        if (preset_changes(&p, preset_name, pr->text, options_text, sizeof options_text) != ST_OK)
            return ST_INVAL;
        int n = preset_tokens(options_text, cfg->preset_buf, sizeof cfg->preset_buf, tokens, 64);
        if (n < 0)
            return cli_fail(&p, "--preset %s: too long", preset_name);
        char source[96];
        snprintf(source, sizeof source, "preset %s: ", preset_name);
        Status st = parse_tokens(&p, n, tokens, 0, source);
        if (st != ST_OK)
            return st;
        grid_seal(&cfg->grid);
    }
    Status st = parse_tokens(&p, argc, argv, 1, "");
    if (st != ST_OK)
        return st;
    if (cli_image_data(cfg->dataset))
        image_defaults(&p);
    st = finish_optimizer(&p);
    if (st != ST_OK)
        return st;
    if (cfg->export_every > 0 && !cfg->export_path)
        return cli_fail(&p,
                        "--export-every needs --export FILE.png or FILE.svg to name the series");
    if (!fold_grid(&p))
        return ST_INVAL;
    const bool experiment = grid_runs(&cfg->grid) > 1 || cfg->grid.n_axes > 0;
    if (cfg->export_every > 0 && experiment)
        return cli_fail(&p, "--export-every works with a single run, not with --seeds, --sweep or "
                            "--grid");
    if (!cfg->headless && (experiment || cfg->grid.seeds_given))
        return cli_fail(&p, "--sweep, --seeds and --grid need --headless");
    if (cfg->export_path && cfg->grid.n_axes > 0 && !export_grid_has_figure(&cfg->grid))
        return cli_fail(&p,
                        "--export with --grid needs one numeric axis (lr, batch, label-noise or "
                        "input-noise; at most 16 increasing values) besides seed");
    if (check_figure(&p, experiment) != ST_OK)
        return ST_INVAL;
    if (cfg->shard_n > 0 && !cfg->headless)
        return cli_fail(&p, "--shard needs --headless");
    if (cfg->shard_n > 0 && !cfg->csv_path)
        return cli_fail(&p, "--shard needs --csv FILE: a shard's results go there for "
                            "`lossarena merge`");
    if (cfg->shard_n > 0 && cfg->export_path)
        return cli_fail(&p, "--shard writes no figure: give --export to `lossarena merge`");
    /* --replay replaces the changes of a preset */
    if (cfg->replay_path && load_replay(&p) != ST_OK)
        return ST_INVAL;
    if (check_replay(&p, cfg->replay_path ? cfg->replay_path : "preset") != ST_OK)
        return ST_INVAL;
    if (record_run_args(&p, argc, argv) != ST_OK)
        return ST_INVAL;
    const char *why;
    if (arena_config_check(&cfg->arena, &why) != ST_OK)
        return cli_fail(&p, "bad configuration: %s", why);
    return ST_OK;
}
