#include "src/provenance.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset.h"
#include "src/cli.h"
#include "src/data_source.h"
#include "src/grid.h"

typedef struct {
    char *buf;
    size_t n, used;
} Out;

static void put(Out *o, const char *fmt, ...)
{
    if (o->used >= o->n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(o->buf + o->used, o->n - o->used, fmt, ap);
    va_end(ap);
    if (k > 0)
        o->used += (size_t)k;
}

/* The shortest %g that reads back as the same value (as a float when is_float): 0.003, not
 * 0.00300000003, yet nothing a user typed is rounded away. */
static void shortest(char *s, size_t n, double v, bool is_float)
{
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(s, n, "%.*g", prec, v);
        double back = strtod(s, NULL);
        if (is_float ? (float)back == (float)v : back == v)
            return;
    }
}

static void put_number(Out *o, const char *opt, double v, bool is_float)
{
    char s[40];
    shortest(s, sizeof s, v, is_float);
    put(o, " --%s %s", opt, s);
}

void provenance_options(const AppConfig *cfg, const ArenaConfig *live, char *buf, size_t n)
{
    const ArenaConfig *a = live ? live : &cfg->arena;
    Out o = {buf, n, 0};
    if (n == 0)
        return;
    buf[0] = '\0';

    put(&o, "--dataset %s", cfg->dataset);
    const DataSourceInfo *src = data_source_find(cfg->dataset);
    int synth = synth_by_name(cfg->dataset);
    if (src && src->kind == SOURCE_SYNTHETIC) {
        int lo, hi, def;
        synth_class_range((SynthKind)synth, &lo, &hi, &def);
        put(&o, " --classes %d", cfg->classes > 0 ? cfg->classes : def);
        put_number(&o, "data-noise",
                   cfg->data_noise >= 0.0 ? cfg->data_noise : synth_default_noise((SynthKind)synth),
                   false);
        put(&o, " --samples %d --test-samples %d", cfg->n_train, cfg->n_test);
    } else if (src && src->kind == SOURCE_CSV) {
        if (cfg->label_column)
            put(&o, " --label-column %s", cfg->label_column);
        put_number(&o, "test-split", cfg->test_split, false);
    }

    put(&o, " --losses ");
    for (int i = 0; i < a->n_losses; i++)
        put(&o, "%s%s", i ? "," : "", loss_def(a->losses[i])->key);
    put(&o, " --hidden ");
    for (int i = 0; i < a->n_hidden; i++)
        put(&o, "%s%d", i ? "," : "", a->hidden[i]);
    put(&o, " --activation %s --init %s --optimizer %s", activation_name(a->act),
        mlp_init_name(mlp_init_resolve(a->init, a->act)), optim_name(a->opt.kind));
    if (a->opt.kind == OPT_MOMENTUM && a->opt.nesterov)
        put(&o, " --nesterov");
    /* An optimizer axis without --lr gives each optimizer its default lr: writing the base one
     * out would read back as --lr given and keep it for every optimizer. */
    if (!(grid_find(&cfg->grid, AXIS_OPTIMIZER) && !cfg->grid.keep_lr))
        put_number(&o, "lr", a->opt.lr, true);
    put(&o, " --batch %d", a->batch);
    if (cfg->epochs > 0.0)
        put_number(&o, "epochs", cfg->epochs, false);
    else
        put(&o, " --steps %ld", cli_total_steps(cfg, 0));
    put(&o, " --seed %llu", (unsigned long long)a->seed);
    put_number(&o, "label-noise", a->label_noise, false);
    put_number(&o, "input-noise", a->input_noise, false);
    put(&o, " --eval-every %d", a->eval_every);

    /* what makes an experiment of several runs (src/grid.h), and what its summary reports:
     * the seeds as --seeds N when they follow --seed, any other axis as --grid */
    const Grid *g = &cfg->grid;
    bool contiguous = true;
    for (int s = 1; s < g->n_seeds; s++)
        contiguous &= g->seeds[s] == g->seeds[0] + (uint64_t)s;
    if (g->n_seeds > 1 && contiguous)
        put(&o, " --seeds %d", g->n_seeds);
    if (g->n_axes > 0 || (g->n_seeds > 1 && !contiguous)) {
        put(&o, " --grid");
        for (int x = 0; x < g->n_axes; x++) {
            const GridAxis *ax = &g->axes[x];
            put(&o, " %s=", grid_axis_name(ax->kind));
            for (int v = 0; v < ax->n; v++) {
                char s[96];
                if (ax->kind == AXIS_LR || ax->kind == AXIS_LABEL_NOISE ||
                    ax->kind == AXIS_INPUT_NOISE)
                    shortest(s, sizeof s, ax->v[v].x, ax->kind == AXIS_LR);
                else
                    grid_value_text(ax, v, s, sizeof s);
                put(&o, "%s%s", v ? "," : "", s);
            }
        }
        if (g->n_seeds > 1 && !contiguous)
            for (int s = 0; s < g->n_seeds; s++)
                put(&o, "%s%llu", s ? "," : " seed=", (unsigned long long)g->seeds[s]);
    }
    if (cfg->target_acc > 0.0)
        put_number(&o, "target-acc", cfg->target_acc, false);
}
