/* shard.c — see shard.h. */
#include "src/shard.h"

#include <stdlib.h>
#include <string.h>

#include "src/data_source.h"

/* A nominal input width per dataset kind, for the cost of a run: only ratios between the
 * runs of one grid matter, and they share the dataset. */
static int nominal_inputs(const char *dataset)
{
    const DataSourceInfo *src = data_source_find(dataset);
    return src ? src->nominal_inputs : 2;
}

int shard_plan(const AppConfig *cfg, int k, int n, int *out)
{
    const int n_runs = grid_runs(&cfg->grid);
    if (n == 0) {
        for (int r = 0; r < n_runs; r++)
            out[r] = r;
        return n_runs;
    }
    double *cost = malloc((size_t)n_runs * sizeof *cost);
    if (!cost)
        return -1;
    for (int r = 0; r < n_runs; r++)
        cost[r] = grid_run_cost(&cfg->grid, r, cfg->steps > 0 ? cfg->steps : 3000, cfg->epochs,
                                cfg->arena.batch, cfg->arena.hidden, cfg->arena.n_hidden,
                                nominal_inputs(cfg->dataset));
    int count = grid_shard_runs(cost, n_runs, k, n, out);
    free(cost);
    return count;
}

void shard_escape(char *buf, size_t n, size_t *used, const char *tok)
{
    if (*used && *used + 1 < n)
        buf[(*used)++] = ' ';
    for (const unsigned char *c = (const unsigned char *)tok; *c && *used + 4 < n; c++) {
        if (*c <= ' ' || *c == '%' || *c == 0x7f)
            *used += (size_t)snprintf(buf + *used, n - *used, "%%%02X", *c);
        else
            buf[(*used)++] = (char)*c;
    }
    if (*used < n)
        buf[*used] = '\0';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

int shard_unescape_split(char *text, char **tokens, int max)
{
    int n = 0;
    char *s = text;
    while (*s == ' ')
        s++;
    while (*s) {
        if (n == max)
            return -1;
        tokens[n++] = s;
        char *w = s;
        while (*s && *s != ' ') {
            int hi, lo;
            if (s[0] == '%' && (hi = hexval(s[1])) >= 0 && (lo = hexval(s[2])) >= 0) {
                *w++ = (char)(hi * 16 + lo);
                s += 3;
            } else {
                *w++ = *s++;
            }
        }
        while (*s == ' ')
            s++;
        *w = '\0';
    }
    return n;
}

void shard_preamble(const AppConfig *cfg, char *buf, size_t n)
{
    snprintf(buf, n, "%s%d/%d runs=%d version=%s args=%s\n", SHARD_MAGIC, cfg->shard_k,
             cfg->shard_n, grid_runs(&cfg->grid), LOSSARENA_VERSION, cfg->run_args);
}

void shard_write_run(FILE *f, int run, const RunResult *r)
{
    char dataset[256] = "", arch[256] = "";
    size_t u1 = 0, u2 = 0;
    shard_escape(dataset, sizeof dataset, &u1, r->dataset);
    shard_escape(arch, sizeof arch, &u2, r->arch);
    fprintf(f, "# run %d %ld %a %s %s %d", run, r->step, r->epoch, dataset, arch, r->n_models);
    for (int m = 0; m < r->n_models; m++) {
        const EvalResult *e = &r->last[m];
        fprintf(f, " %s %ld %a %a %a %a %a %a %d %ld %d %a %ld", loss_def(r->loss[m])->key, e->step,
                e->epoch, (double)e->train_loss, (double)e->train_acc, (double)e->test_loss,
                (double)e->test_acc, (double)e->margin_median, r->diverged[m] ? 1 : 0,
                r->diverged_step[m], (int)r->diverged_why[m], (double)r->diverged_lr[m],
                r->steps_to_target[m]);
    }
    fputc('\n', f);
}

/* Number parsers over the tokens: false when a token is missing or not a number. */
typedef struct {
    char **tok;
    int n, i;
    bool ok;
} Toks;

static const char *next(Toks *t)
{
    if (t->i >= t->n) {
        t->ok = false;
        return "";
    }
    return t->tok[t->i++];
}

static long next_long(Toks *t)
{
    const char *s = next(t);
    char *end;
    long v = strtol(s, &end, 10);
    t->ok &= *s && *end == '\0';
    return v;
}

static double next_double(Toks *t)
{
    const char *s = next(t);
    char *end;
    double v = strtod(s, &end);
    t->ok &= *s && *end == '\0';
    return v;
}

bool shard_read_run(const char *line, int *run, RunResult *r)
{
    char buf[8192];
    /* line runs on into the rest of the file: only its first line counts */
    const size_t len = strcspn(line, "\r\n");
    if (len < 6 || strncmp(line, "# run ", 6) != 0 || len - 6 >= sizeof buf)
        return false;
    memcpy(buf, line + 6, len - 6);
    buf[len - 6] = '\0';
    char *tok[16 + 13 * ARENA_MAX_MODELS];
    int n = shard_unescape_split(buf, tok, (int)(sizeof tok / sizeof tok[0]));
    if (n < 0)
        return false;
    Toks t = {tok, n, 0, true};
    *run = (int)next_long(&t);
    r->step = next_long(&t);
    r->epoch = next_double(&t);
    snprintf(r->dataset, sizeof r->dataset, "%s", next(&t));
    snprintf(r->arch, sizeof r->arch, "%s", next(&t));
    r->n_models = (int)next_long(&t);
    if (!t.ok || r->n_models < 1 || r->n_models > ARENA_MAX_MODELS || n != 6 + 13 * r->n_models)
        return false;
    for (int m = 0; m < r->n_models; m++) {
        int id = loss_by_key(next(&t));
        if (id < 0)
            return false;
        r->loss[m] = (LossId)id;
        EvalResult *e = &r->last[m];
        e->step = next_long(&t);
        e->epoch = next_double(&t);
        e->train_loss = (float)next_double(&t);
        e->train_acc = (float)next_double(&t);
        e->test_loss = (float)next_double(&t);
        e->test_acc = (float)next_double(&t);
        e->margin_median = (float)next_double(&t);
        r->diverged[m] = next_long(&t) != 0;
        r->diverged_step[m] = next_long(&t);
        long why = next_long(&t);
        r->diverged_why[m] = why >= DIV_NONE && why <= DIV_PARAMS ? (DivergeReason)why : DIV_NONE;
        r->diverged_lr[m] = (float)next_double(&t);
        r->steps_to_target[m] = next_long(&t);
    }
    return t.ok;
}
