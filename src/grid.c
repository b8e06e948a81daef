/* grid.c — grid axes, their runs and their shards. Values are checked here with the same
 * ranges as the single options (--lr, --batch, ...), so a grid accepts exactly what a run does. */
#include "src/grid.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const axis_names[AXIS_COUNT] = {
    "lr", "batch", "optimizer", "activation", "hidden", "label-noise", "input-noise"};
/* Column names of the axes that are no CSV column yet (NULL: already one). */
static const char *const axis_columns[AXIS_COUNT] = {NULL,     NULL, NULL, "activation",
                                                     "hidden", NULL, NULL};

static bool failf(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

const char *grid_axis_name(GridAxisKind kind)
{
    return kind >= 0 && kind < AXIS_COUNT ? axis_names[kind] : "?";
}

const GridAxis *grid_find(const Grid *g, GridAxisKind kind)
{
    for (int a = 0; a < g->n_axes; a++)
        if (g->axes[a].kind == kind)
            return &g->axes[a];
    return NULL;
}

/* A number of the whole token [s, end) or false. */
static bool number(const char *s, const char *end, double *out)
{
    char buf[64];
    size_t len = (size_t)(end - s);
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *stop;
    errno = 0;
    double v = strtod(buf, &stop);
    if (*stop != '\0' || errno == ERANGE || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static bool integer(const char *s, const char *end, unsigned long long *out)
{
    size_t len = (size_t)(end - s);
    if (len == 0 || len > 19)
        return false;
    unsigned long long v = 0;
    for (const char *c = s; c < end; c++) {
        if (*c < '0' || *c > '9')
            return false;
        v = v * 10 + (unsigned long long)(*c - '0');
    }
    *out = v;
    return true;
}

/* One list item [s, end) of an axis into axis->v (ranges may add several). */
static bool parse_item(GridAxis *axis, uint64_t *seeds, int *n_seeds, bool is_seed, const char *s,
                       const char *end, const char *name, char *err, size_t errlen)
{
    char tok[96];
    snprintf(tok, sizeof tok, "%.*s", (int)(end - s), s);
    const char *dots = strstr(tok, "..");
    if (is_seed || (axis && axis->kind == AXIS_BATCH)) {
        unsigned long long lo, hi;
        const char *te = tok + strlen(tok);
        if (dots ? !(integer(tok, dots, &lo) && integer(dots + 2, te, &hi))
                 : !integer(tok, te, &lo))
            return failf(err, errlen, "--grid %s: '%s' is not an integer or a range A..B", name,
                         tok);
        if (!dots)
            hi = lo;
        if (hi < lo)
            return failf(err, errlen, "--grid %s: range %s is empty (A..B needs A <= B)", name,
                         tok);
        for (unsigned long long v = lo; v <= hi; v++) {
            if (is_seed) {
                if (*n_seeds == GRID_MAX_SEEDS)
                    return failf(err, errlen, "--grid seed: at most %d seeds", GRID_MAX_SEEDS);
                for (int i = 0; i < *n_seeds; i++)
                    if (seeds[i] == v)
                        return failf(err, errlen, "--grid seed: seed %llu given twice", v);
                seeds[(*n_seeds)++] = v;
            } else {
                if (v < 1 || v > ARENA_MAX_BATCH)
                    return failf(err, errlen, "--grid batch: %llu is out of range [1, %d]", v,
                                 ARENA_MAX_BATCH);
                if (axis->n == GRID_MAX_VALUES)
                    return failf(err, errlen, "--grid batch: at most %d values", GRID_MAX_VALUES);
                axis->v[axis->n++].x = (double)v;
            }
        }
        return true;
    }
    if (axis->n == GRID_MAX_VALUES)
        return failf(err, errlen, "--grid %s: at most %d values", name, GRID_MAX_VALUES);
    GridValue *gv = &axis->v[axis->n];
    memset(gv, 0, sizeof *gv);
    const char *te = tok + strlen(tok);
    switch (axis->kind) {
    case AXIS_LR:
        if (!number(tok, te, &gv->x) || !(gv->x > 0.0) || gv->x > 1e6)
            return failf(err, errlen, "--grid lr: '%s' is not a learning rate in (0, 1e6]", tok);
        break;
    case AXIS_LABEL_NOISE:
        if (!number(tok, te, &gv->x) || gv->x < 0.0 || gv->x >= 1.0)
            return failf(err, errlen, "--grid label-noise: '%s' is not a fraction in [0, 1)", tok);
        break;
    case AXIS_INPUT_NOISE:
        if (!number(tok, te, &gv->x) || gv->x < 0.0 || gv->x > 1e3)
            return failf(err, errlen, "--grid input-noise: '%s' is not a std in [0, 1000]", tok);
        break;
    case AXIS_OPTIMIZER: {
        int k = optim_by_name(tok);
        if (k < 0)
            return failf(err, errlen,
                         "--grid optimizer: unknown optimizer '%s' (valid: sgd, momentum, adam)",
                         tok);
        gv->x = k;
        break;
    }
    case AXIS_ACTIVATION: {
        int k = activation_by_name(tok);
        if (k < 0)
            return failf(err, errlen,
                         "--grid activation: unknown activation '%s' (valid: relu, tanh, sigmoid)",
                         tok);
        gv->x = k;
        break;
    }
    case AXIS_HIDDEN: {
        const char *c = tok;
        for (;;) {
            const char *x = strchr(c, 'x');
            const char *stop = x ? x : te;
            unsigned long long w;
            if (!integer(c, stop, &w) || w < 1 || w > MLP_MAX_WIDTH)
                return failf(err, errlen,
                             "--grid hidden: '%s' is not widths in [1, %d] joined by 'x' "
                             "(e.g. hidden=64x64,256x128)",
                             tok, MLP_MAX_WIDTH);
            if (gv->n_hidden == MLP_MAX_HIDDEN)
                return failf(err, errlen, "--grid hidden: '%s' has more than %d layers", tok,
                             MLP_MAX_HIDDEN);
            gv->hidden[gv->n_hidden++] = (int)w;
            if (!x)
                break;
            c = x + 1;
        }
        break;
    }
    case AXIS_BATCH:
    case AXIS_COUNT:
        break;
    }
    char fresh[96];
    grid_value_text(axis, axis->n, fresh, sizeof fresh);
    for (int i = 0; i < axis->n; i++) {
        char old[96];
        grid_value_text(axis, i, old, sizeof old);
        if (strcmp(old, fresh) == 0)
            return failf(err, errlen, "--grid %s: value %s given twice%s", name, tok,
                         axis->kind == AXIS_HIDDEN
                             ? " (the widths of one net are joined by 'x': hidden=64x64)"
                             : "");
    }
    axis->n++;
    return true;
}

bool grid_parse_axis(Grid *g, const char *spec, char *err, size_t errlen)
{
    const char *eq = strchr(spec, '=');
    size_t len = eq ? (size_t)(eq - spec) : strlen(spec);
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)(len < 31 ? len : 31), spec);
    bool is_seed = strcmp(name, "seed") == 0 && len == 4;
    int kind = -1;
    for (int k = 0; k < AXIS_COUNT; k++)
        if (strlen(axis_names[k]) == len && strncmp(spec, axis_names[k], len) == 0)
            kind = k;
    if (!is_seed && kind < 0)
        return failf(err, errlen,
                     "--grid: unknown axis '%s' (valid: lr, batch, optimizer, activation, hidden, "
                     "label-noise, input-noise, seed)",
                     name);
    if (!eq || eq[1] == '\0')
        return failf(err, errlen, "--grid %s: no values (write %s=V1,V2,...)", name, name);
    GridAxis axis;
    memset(&axis, 0, sizeof axis);
    axis.kind = (GridAxisKind)(kind < 0 ? 0 : kind);
    uint64_t seeds[GRID_MAX_SEEDS];
    int n_seeds = 0;
    if (is_seed && g->seeds_given)
        return failf(err, errlen, "--grid: the seeds are given twice");
    const char *s = eq + 1;
    for (;;) {
        const char *comma = strchr(s, ',');
        const char *end = comma ? comma : s + strlen(s);
        if (end == s)
            return failf(err, errlen, "--grid %s: empty value in '%s'", name, eq + 1);
        if (!parse_item(is_seed ? NULL : &axis, seeds, &n_seeds, is_seed, s, end, name, err,
                        errlen))
            return false;
        if (!comma)
            break;
        s = comma + 1;
    }
    if (is_seed) {
        memcpy(g->seeds, seeds, sizeof seeds);
        g->n_seeds = n_seeds;
        g->seeds_given = true;
        return true;
    }
    return grid_add_axis(g, &axis, err, errlen);
}

bool grid_add_axis(Grid *g, const GridAxis *axis, char *err, size_t errlen)
{
    const GridAxis *there = grid_find(g, axis->kind);
    const unsigned bit = 1u << axis->kind;
    if (there && (g->replaceable & bit)) { /* a preset's: replaced once, kept in its place */
        g->axes[there - g->axes] = *axis;
        g->replaceable &= ~bit;
        return true;
    }
    if (there)
        return failf(err, errlen, "--grid: axis %s is given twice (--sweep counts as one)",
                     axis_names[axis->kind]);
    g->axes[g->n_axes++] = *axis;
    return true;
}

void grid_seal(Grid *g)
{
    for (int a = 0; a < g->n_axes; a++)
        g->replaceable |= 1u << g->axes[a].kind;
}

bool grid_set_seed_range(Grid *g, uint64_t first, int n, char *err, size_t errlen)
{
    if (g->seeds_given) {
        if (n > 1)
            return failf(err, errlen, "--seeds and --grid seed=... both set the seeds: use one");
        return true;
    }
    g->n_seeds = n;
    for (int i = 0; i < n; i++)
        g->seeds[i] = first + (uint64_t)i;
    return true;
}

bool grid_check(const Grid *g, char *err, size_t errlen)
{
    long runs = g->n_seeds;
    for (int a = 0; a < g->n_axes; a++) {
        runs *= g->axes[a].n;
        if (runs > GRID_MAX_RUNS)
            return failf(err, errlen, "--grid: more than %d runs", GRID_MAX_RUNS);
    }
    return true;
}

int grid_points(const Grid *g)
{
    int p = 1;
    for (int a = 0; a < g->n_axes; a++)
        p *= g->axes[a].n;
    return p;
}

int grid_value_index(const Grid *g, int point, int axis)
{
    int stride = 1;
    for (int a = g->n_axes - 1; a > axis; a--)
        stride *= g->axes[a].n;
    return point / stride % g->axes[axis].n;
}

void grid_apply(const Grid *g, int run, ArenaConfig *c)
{
    const int point = run / g->n_seeds;
    c->seed = g->seeds[run % g->n_seeds];
    /* The optimizer first: its defaults must not undo an lr value of the same point. */
    for (int pass = 0; pass < 2; pass++)
        for (int a = 0; a < g->n_axes; a++) {
            const GridAxis *ax = &g->axes[a];
            if ((ax->kind == AXIS_OPTIMIZER) != (pass == 0))
                continue;
            const GridValue *v = &ax->v[grid_value_index(g, point, a)];
            switch (ax->kind) {
            case AXIS_OPTIMIZER: {
                float lr = c->opt.lr;
                c->opt = optim_defaults((OptimKind)(int)v->x);
                c->opt.lr = g->keep_lr ? lr : optim_default_lr(c->opt.kind, g->image_data);
                break;
            }
            case AXIS_LR:
                c->opt.lr = (float)v->x;
                break;
            case AXIS_BATCH:
                c->batch = (int)v->x;
                break;
            case AXIS_ACTIVATION:
                c->act = (Activation)(int)v->x;
                break;
            case AXIS_HIDDEN:
                c->n_hidden = v->n_hidden;
                memcpy(c->hidden, v->hidden, sizeof c->hidden);
                break;
            case AXIS_LABEL_NOISE:
                c->label_noise = v->x;
                break;
            case AXIS_INPUT_NOISE:
                c->input_noise = v->x;
                break;
            case AXIS_COUNT:
                break;
            }
        }
}

void grid_value_text(const GridAxis *axis, int i, char *buf, size_t n)
{
    const GridValue *v = &axis->v[i];
    switch (axis->kind) {
    case AXIS_OPTIMIZER:
        snprintf(buf, n, "%s", optim_name((OptimKind)(int)v->x));
        break;
    case AXIS_ACTIVATION:
        snprintf(buf, n, "%s", activation_name((Activation)(int)v->x));
        break;
    case AXIS_HIDDEN: {
        size_t used = 0;
        buf[0] = '\0';
        for (int h = 0; h < v->n_hidden && used < n; h++)
            used += (size_t)snprintf(buf + used, n - used, "%s%d", h ? "x" : "", v->hidden[h]);
        break;
    }
    default:
        snprintf(buf, n, "%g", v->x);
        break;
    }
}

void grid_point_label(const Grid *g, int point, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int a = 0; a < g->n_axes && used < n; a++) {
        char v[96];
        grid_value_text(&g->axes[a], grid_value_index(g, point, a), v, sizeof v);
        used += (size_t)snprintf(buf + used, n - used, "%s%s=%s", a ? " " : "",
                                 axis_names[g->axes[a].kind], v);
    }
}

void grid_csv_names(const Grid *g, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < AXIS_COUNT && used < n; k++)
        if (axis_columns[k] && grid_find(g, (GridAxisKind)k))
            used += (size_t)snprintf(buf + used, n - used, ",%s", axis_columns[k]);
}

void grid_csv_values(const Grid *g, int point, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < AXIS_COUNT && used < n; k++) {
        if (!axis_columns[k])
            continue;
        for (int a = 0; a < g->n_axes; a++)
            if (g->axes[a].kind == (GridAxisKind)k) {
                char v[96];
                grid_value_text(&g->axes[a], grid_value_index(g, point, a), v, sizeof v);
                used += (size_t)snprintf(buf + used, n - used, ",%s", v);
            }
    }
}

double grid_run_cost(const Grid *g, int run, long steps, double epochs, int batch,
                     const int *hidden, int n_hidden, int in_dim)
{
    ArenaConfig c;
    memset(&c, 0, sizeof c);
    c.batch = batch;
    c.n_hidden = n_hidden;
    memcpy(c.hidden, hidden, sizeof c.hidden);
    grid_apply(g, run, &c);
    /* An epoch-based run sees the same examples at any batch size; a step-based one sees
     * steps x batch. */
    double examples = epochs > 0 ? epochs : (double)steps * c.batch;
    double macs = 0.0;
    int prev = in_dim;
    for (int h = 0; h < c.n_hidden; h++) {
        macs += (double)prev * c.hidden[h];
        prev = c.hidden[h];
    }
    macs += (double)prev * 10.0; /* a nominal 10 classes: the same for every run */
    return examples * macs;
}

typedef struct {
    double cost;
    int run;
} CostRun;

static int by_cost_desc(const void *pa, const void *pb)
{
    const CostRun *a = pa, *b = pb;
    if (a->cost != b->cost)
        return a->cost < b->cost ? 1 : -1;
    return (a->run > b->run) - (a->run < b->run);
}

int grid_shard_runs(const double *cost, int n_runs, int k, int n, int *out)
{
    /* Greedy longest-processing-time: runs by cost (descending, then by index), each to the
     * shard with the least cost so far (ties: the lowest shard). Every process computes the
     * same split from the same grid. */
    CostRun *order = malloc((size_t)n_runs * sizeof *order);
    double *load = calloc((size_t)n, sizeof *load);
    int *owner = malloc((size_t)n_runs * sizeof *owner);
    int count = 0;
    if (!order || !load || !owner) {
        count = -1;
        goto done;
    }
    for (int r = 0; r < n_runs; r++)
        order[r] = (CostRun){cost[r], r};
    qsort(order, (size_t)n_runs, sizeof *order, by_cost_desc);
    for (int i = 0; i < n_runs; i++) {
        int best = 0;
        for (int s = 1; s < n; s++)
            if (load[s] < load[best])
                best = s;
        load[best] += order[i].cost;
        owner[order[i].run] = best;
    }
    for (int r = 0; r < n_runs; r++)
        if (owner[r] == k - 1)
            out[count++] = r;
done:
    free(order);
    free(load);
    free(owner);
    return count;
}
