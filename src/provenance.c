#include "src/provenance.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset.h"
#include "src/cli.h"

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
    int synth = synth_by_name(cfg->dataset);
    if (synth >= 0) {
        int lo, hi, def;
        synth_class_range((SynthKind)synth, &lo, &hi, &def);
        put(&o, " --classes %d", cfg->classes > 0 ? cfg->classes : def);
        put_number(&o, "data-noise",
                   cfg->data_noise >= 0.0 ? cfg->data_noise : synth_default_noise((SynthKind)synth),
                   false);
        put(&o, " --samples %d --test-samples %d", cfg->n_train, cfg->n_test);
    } else if (strncmp(cfg->dataset, "csv:", 4) == 0) {
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

    /* what makes an experiment of several runs, and what its summary reports */
    if (cfg->seeds > 1)
        put(&o, " --seeds %d", cfg->seeds);
    if (cfg->sweep.kind != SWEEP_NONE) {
        put(&o,
            " --sweep %s=", cfg->sweep.kind == SWEEP_LABEL_NOISE ? "label-noise" : "input-noise");
        for (int l = 0; l < cfg->sweep.n_levels; l++) {
            char s[40];
            shortest(s, sizeof s, cfg->sweep.levels[l], false);
            put(&o, "%s%s", l ? "," : "", s);
        }
    }
    if (cfg->target_acc > 0.0)
        put_number(&o, "target-acc", cfg->target_acc, false);
}
