/* report.c — number formats are fixed (%.6g, accuracies %.4f) so that two runs with one seed
 * write byte-identical files; a missing number is an empty CSV field (a NaN metric stays
 * "nan") and null in JSON. The configuration always comes from provenance_options. */
#include "src/report.h"

#include <math.h>
#include <string.h>

#include "src/provenance.h"
#include "ui/chart.h"

/* A model that diverges this early did not get a chance to learn: the setup is the problem
 * (the learning rate, or weights too large for the loss), and the message says what to try. */

void report_divergence(char *buf, size_t n, DivergeReason why, long step, float lr)
{
    /* the one wording of every surface (ui/chart.c), then the advice */
    chart_diverged_text(buf, n, why, step, (double)lr);
    size_t k = strlen(buf);
    if (step <= CHART_EARLY_DIVERGENCE && k + 1 < n)
        snprintf(buf + k, n - k, "; %s", CHART_EARLY_ADVICE);
}

/* RFC 4180: the field in double quotes, quotes inside doubled. */
static void csv_quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

void report_architecture(const Arena *a, char *buf, size_t n)
{
    chart_arch_text(buf, n, a->dim, &a->cfg, a->k); /* the one architecture string */
}

void run_result_take(RunResult *r, const Arena *a)
{
    r->n_models = a->n_models;
    for (int i = 0; i < a->n_models; i++) {
        const ArenaModel *m = &a->models[i];
        r->loss[i] = m->loss;
        r->last[i] = m->last;
        r->diverged[i] = m->diverged;
        r->diverged_step[i] = m->diverged_step;
        r->diverged_why[i] = m->diverged_why;
        r->diverged_lr[i] = m->diverged_lr;
    }
    r->step = a->step;
    r->interrupted = false;
    r->epoch = a->samples / a->data->train.n;
    r->cfg = a->cfg;
    snprintf(r->dataset, sizeof r->dataset, "%s", a->data->name);
    report_architecture(a, r->arch, sizeof r->arch);
}

/* ---- per-evaluation CSV ---- */

void report_csv_header(FILE *f, const char *tail)
{
    fprintf(f,
            "step,epoch,loss,train_loss,train_acc,test_loss,test_acc,margin_median,diverged,"
            "diverged_step,seed,label_noise,input_noise,config,final,lr,batch,optimizer%s\n",
            tail ? tail : "");
}

/* One row of the contract. A diverged model keeps its last good evaluation; the row says it
 * diverged. config is the full configuration (provenance_options), quoted; final: the test
 * metrics cover the whole test set (the run's last evaluation). */
static void csv_row(FILE *f, long step, double epoch, LossId loss, const EvalResult *r,
                    bool diverged, long diverged_step, const ArenaConfig *cfg, const char *config,
                    bool final, const char *tail)
{
    fprintf(f, "%ld,%.4f,%s,%.6g,%.4f,%.6g,%.4f,%.6g,%d,%ld,%llu,%g,%g,", step, epoch,
            loss_def(loss)->key, r->train_loss, r->train_acc, r->test_loss, r->test_acc,
            r->margin_median, diverged ? 1 : 0, diverged ? diverged_step : -1L,
            (unsigned long long)cfg->seed, cfg->label_noise, cfg->input_noise);
    csv_quoted(f, config);
    /* lr, batch and optimizer after: the settings in force, so a run with changes reads back */
    fprintf(f, ",%d,%.6g,%d,%s%s\n", final ? 1 : 0, cfg->opt.lr, cfg->batch,
            optim_name(cfg->opt.kind), tail);
}

void report_csv_rows(FILE *f, const Arena *a, const AppConfig *cfg, bool final, const char *tail)
{
    char config[REPORT_CONFIG_MAX];
    provenance_options(cfg, &a->cfg, config, sizeof config);
    for (int i = 0; i < a->n_models; i++) {
        const ArenaModel *m = &a->models[i];
        csv_row(f, a->step, a->samples / a->data->train.n, m->loss, &m->last, m->diverged,
                m->diverged_step, &a->cfg, config, final, tail);
    }
}

/* ---- one run ---- */

/* JSON has no NaN: a missing number is null. Accuracies get 4 decimals, the rest %.6g. */
static void json_number(FILE *f, const char *key, double v, bool fraction)
{
    fprintf(f, "\"%s\": ", key);
    if (!isfinite(v))
        fputs("null, ", f);
    else if (fraction)
        fprintf(f, "%.4f, ", v);
    else
        fprintf(f, "%.6g, ", v);
}

/* The configuration: the options that reproduce the run (complete), then the main ones as
 * fields for convenience. */
static void json_config(FILE *f, const RunResult *r, const AppConfig *cfg)
{
    const ArenaConfig *c = &r->cfg;
    char config[REPORT_CONFIG_MAX];
    provenance_options(cfg, NULL, config, sizeof config);
    fprintf(f, "  \"version\": \"%s\",\n  \"options\": ", LOSSARENA_VERSION);
    json_string(f, config);
    fputs(",\n  \"config\": {\"dataset\": ", f);
    json_string(f, r->dataset);
    fprintf(f,
            ", \"architecture\": \"%s\", \"init\": \"%s\", \"optimizer\": \"%s\", "
            "\"nesterov\": %s, \"lr\": %.6g, \"batch\": %d, \"seed\": %llu, \"seeds\": %d, "
            "\"label_noise\": %.6g, \"input_noise\": %.6g, \"steps\": %ld, \"eval_every\": %d},\n",
            r->arch, mlp_init_name(mlp_init_resolve(c->init, c->act)), optim_name(c->opt.kind),
            c->opt.kind == OPT_MOMENTUM && c->opt.nesterov ? "true" : "false", c->opt.lr, c->batch,
            (unsigned long long)cfg->arena.seed, cfg->seeds, c->label_noise, c->input_noise,
            r->step, c->eval_every);
}

static void summary_json(FILE *f, const RunResult *r, const AppConfig *cfg)
{
    fputs("{\n", f);
    json_config(f, r, cfg);
    if (r->interrupted)
        fputs("  \"interrupted\": true,\n", f);
    fputs("  \"models\": [\n", f);
    for (int i = 0; i < r->n_models; i++) {
        const EvalResult *e = &r->last[i];
        fprintf(f, "    {\"loss\": \"%s\", \"step\": %ld, ", loss_def(r->loss[i])->key, r->step);
        json_number(f, "epoch", r->epoch, true);
        json_number(f, "train_loss", e->train_loss, false);
        json_number(f, "train_acc", e->train_acc, true);
        json_number(f, "test_loss", e->test_loss, false);
        json_number(f, "test_acc", e->test_acc, true);
        json_number(f, "margin_median", e->margin_median, false);
        if (cfg->target_acc > 0)
            fprintf(f, "\"steps_to_target\": %ld, ", r->steps_to_target[i]);
        fprintf(f, "\"diverged\": %d", r->diverged[i] ? 1 : 0);
        if (r->diverged[i]) {
            char text[160];
            report_divergence(text, sizeof text, r->diverged_why[i], r->diverged_step[i],
                              r->diverged_lr[i]);
            fprintf(f, ", \"diverged_step\": %ld, \"diverged_reason\": \"%s\", \"status\": ",
                    r->diverged_step[i], diverge_reason_str(r->diverged_why[i]));
            json_string(f, text);
        }
        fprintf(f, "}%s\n", i + 1 < r->n_models ? "," : "");
    }
    fputs("  ]\n}\n", f);
}

/* Two header lines: what a reader wants at a glance, then every option that made the run. */
static void caption(FILE *f, const RunResult *r, const AppConfig *cfg, const char *seeds)
{
    /* A quantity on a grid axis has no single value: the caption leaves it out. */
    const ArenaConfig *c = &r->cfg;
    const Grid *g = &cfg->grid;
    fprintf(f, "# %s, ", r->dataset);
    if (!grid_find(g, AXIS_HIDDEN) && !grid_find(g, AXIS_ACTIVATION))
        fprintf(f, "%s, ", r->arch);
    if (!grid_find(g, AXIS_ACTIVATION)) /* the default init follows the activation */
        fprintf(f, "%s init, ", mlp_init_name(mlp_init_resolve(c->init, c->act)));
    const bool opt = !grid_find(g, AXIS_OPTIMIZER), lr = !grid_find(g, AXIS_LR);
    if (opt)
        fprintf(f, "%s%s%s", optim_name(c->opt.kind),
                c->opt.kind == OPT_MOMENTUM && c->opt.nesterov ? " (Nesterov)" : "",
                lr ? " " : ", ");
    if (lr)
        fprintf(f, "lr %g, ", c->opt.lr);
    if (!grid_find(g, AXIS_BATCH))
        fprintf(f, "batch %d, ", c->batch);
    fprintf(f, "%s, ", seeds);
    if (!grid_find(g, AXIS_LABEL_NOISE))
        fprintf(f, "label noise %g, ", c->label_noise);
    if (!grid_find(g, AXIS_INPUT_NOISE))
        fprintf(f, "input noise %g, ", c->input_noise);
    fprintf(f, "step %ld (epoch %.2f)%s\n", r->step, r->epoch,
            r->interrupted ? ", interrupted" : "");
    char config[REPORT_CONFIG_MAX];
    provenance_options(cfg, NULL, config, sizeof config);
    fprintf(f, "# options: %s\n", config);
}

static void summary_table(FILE *f, const RunResult *r, const AppConfig *cfg)
{
    char seeds[64];
    snprintf(seeds, sizeof seeds, "seed %llu", (unsigned long long)r->cfg.seed);
    caption(f, r, cfg, seeds);
    char target[32] = "";
    if (cfg->target_acc > 0)
        snprintf(target, sizeof target, "steps_to_%g", cfg->target_acc);
    fprintf(f, "%-15s %10s %9s %10s %9s %10s %*s%sstatus\n", "loss", "train_loss", "train_acc",
            "test_loss", "test_acc", "margin_med", target[0] ? 12 : 0, target,
            target[0] ? " " : "");
    for (int i = 0; i < r->n_models; i++) {
        const EvalResult *e = &r->last[i];
        char status[160];
        snprintf(status, sizeof status, "%s", r->interrupted ? "interrupted" : "ok");
        if (r->diverged[i])
            report_divergence(status, sizeof status, r->diverged_why[i], r->diverged_step[i],
                              r->diverged_lr[i]);
        char reach[24] = "";
        if (target[0]) {
            if (r->steps_to_target[i] >= 0)
                snprintf(reach, sizeof reach, "%12ld ", r->steps_to_target[i]);
            else
                snprintf(reach, sizeof reach, "%12s ", "never");
        }
        fprintf(f, "%-15s %10.4g %9.4f %10.4g %9.4f %10.4g %s%s\n", loss_def(r->loss[i])->key,
                e->train_loss, e->train_acc, e->test_loss, e->test_acc, e->margin_median, reach,
                status);
    }
}

static void summary_csv(FILE *f, const RunResult *r, const AppConfig *cfg)
{
    char config[REPORT_CONFIG_MAX];
    provenance_options(cfg, NULL, config, sizeof config);
    report_csv_header(f, "");
    for (int i = 0; i < r->n_models; i++)
        csv_row(f, r->step, r->epoch, r->loss[i], &r->last[i], r->diverged[i], r->diverged_step[i],
                &r->cfg, config, true, "");
}

void report_summary(FILE *f, const RunResult *r, const AppConfig *cfg)
{
    switch (cfg->format) {
    case FORMAT_CSV:
        summary_csv(f, r, cfg);
        break;
    case FORMAT_JSON:
        summary_json(f, r, cfg);
        break;
    case FORMAT_TABLE:
        summary_table(f, r, cfg);
        break;
    }
}

/* ---- repeated and swept runs ---- */

typedef struct {
    double test_acc, test_acc_sd, train_acc, train_acc_sd, test_loss, test_loss_sd;
    double steps_to_target; /* mean over the seeds that reached the target */
    int reached, diverged, n;
} Stats;

/* Mean and sample standard deviation (0 for a single value), in double. */
static void mean_sd(const double *v, int n, double *mean, double *sd)
{
    double s = 0.0, ss = 0.0;
    for (int i = 0; i < n; i++)
        s += v[i];
    *mean = s / n;
    for (int i = 0; i < n; i++)
        ss += (v[i] - *mean) * (v[i] - *mean);
    *sd = n > 1 ? sqrt(ss / (n - 1)) : 0.0;
}

static Stats stats_of(const RunResult *runs, int n_seeds, int model)
{
    double te[MAX_SEEDS], tr[MAX_SEEDS], tl[MAX_SEEDS], reach = 0.0;
    Stats st = {0};
    st.n = n_seeds;
    for (int s = 0; s < n_seeds; s++) {
        const RunResult *r = &runs[s];
        te[s] = r->last[model].test_acc;
        tr[s] = r->last[model].train_acc;
        tl[s] = r->last[model].test_loss;
        st.diverged += r->diverged[model];
        if (r->steps_to_target[model] >= 0) {
            reach += (double)r->steps_to_target[model];
            st.reached++;
        }
    }
    mean_sd(te, n_seeds, &st.test_acc, &st.test_acc_sd);
    mean_sd(tr, n_seeds, &st.train_acc, &st.train_acc_sd);
    mean_sd(tl, n_seeds, &st.test_loss, &st.test_loss_sd);
    st.steps_to_target = st.reached ? reach / st.reached : NAN;
    return st;
}

void report_test_acc_stats(const RunResult *runs, int n_seeds, int m, double *mean, double *sd)
{
    Stats st = stats_of(runs, n_seeds, m);
    *mean = st.test_acc;
    *sd = st.test_acc_sd;
}

/* The one axis of a sweep-like grid (a single axis besides the seeds), or NULL. */
static const GridAxis *single_axis(const Grid *g)
{
    return g->n_axes == 1 ? &g->axes[0] : NULL;
}

/* The summary of many runs has no status column: one line names the losses that diverged in
 * their first steps in some run, with what to try (report_divergence's advice). */
static void early_divergence_note(FILE *f, const RunResult *runs, int n_runs)
{
    bool named = false;
    for (int m = 0; m < runs[0].n_models; m++) {
        bool early = false;
        for (int r = 0; r < n_runs; r++)
            early |= runs[r].diverged[m] && runs[r].diverged_step[m] <= CHART_EARLY_DIVERGENCE;
        if (early) {
            fprintf(f, "%s%s", named ? ", " : "# diverged in its first steps: ",
                    loss_def(runs[0].loss[m])->key);
            named = true;
        }
    }
    if (named)
        fputs("; try a smaller --lr or another --init\n", f);
}

static void seeds_text(const Grid *g, char *buf, size_t n)
{
    bool contiguous = true;
    for (int s = 1; s < g->n_seeds; s++)
        contiguous &= g->seeds[s] == g->seeds[0] + (uint64_t)s;
    if (g->n_seeds == 1) {
        snprintf(buf, n, "seed %llu", (unsigned long long)g->seeds[0]);
    } else if (contiguous) {
        snprintf(buf, n, "%d seeds (%llu..%llu)", g->n_seeds, (unsigned long long)g->seeds[0],
                 (unsigned long long)g->seeds[g->n_seeds - 1]);
    } else {
        size_t used = (size_t)snprintf(buf, n, "%d seeds (", g->n_seeds);
        for (int s = 0; s < g->n_seeds && used < n; s++)
            used += (size_t)snprintf(buf + used, n - used, "%s%llu", s ? "," : "",
                                     (unsigned long long)g->seeds[s]);
        if (used < n)
            snprintf(buf + used, n - used, ")");
    }
}

/* Mean ± std over the seeds of every loss at one grid point: runs[0..n_seeds). */
static void seeds_table(FILE *f, const RunResult *runs, int n_seeds, const AppConfig *cfg)
{
    char target[32] = "";
    if (cfg->target_acc > 0)
        snprintf(target, sizeof target, "steps_to_%g", cfg->target_acc);
    fprintf(f, "%-15s %17s %17s %19s %*s%s diverged\n", "loss", "test_acc", "train_acc",
            "test_loss", target[0] ? 17 : 0, target, target[0] ? " " : "");
    for (int m = 0; m < runs[0].n_models; m++) {
        Stats st = stats_of(runs, n_seeds, m);
        char reach[32] = "";
        if (target[0]) {
            if (st.reached)
                snprintf(reach, sizeof reach, "%11.0f (%d/%d) ", st.steps_to_target, st.reached,
                         n_seeds);
            else
                snprintf(reach, sizeof reach, "%17s ", "never");
        }
        fprintf(f, "%-15s %7.4f ± %7.4f %7.4f ± %7.4f %8.4g ± %-8.3g %s%8d\n",
                loss_def(runs[0].loss[m])->key, st.test_acc, st.test_acc_sd, st.train_acc,
                st.train_acc_sd, st.test_loss, st.test_loss_sd, reach, st.diverged);
    }
    early_divergence_note(f, runs, n_seeds);
}

/* A field and its comma; an absent number is just the comma. */
static void csv_number(FILE *f, double v, bool fraction, bool present)
{
    if (!present)
        fputc(',', f);
    else if (fraction)
        fprintf(f, "%.4f,", v);
    else
        fprintf(f, "%.6g,", v);
}

static void experiment_table(FILE *f, const RunResult *runs, const AppConfig *cfg)
{
    const Grid *g = &cfg->grid;
    const int n_seeds = g->n_seeds, n_points = grid_points(g);
    char seeds[256];
    seeds_text(g, seeds, sizeof seeds);
    caption(f, &runs[0], cfg, seeds);
    const int n_models = runs[0].n_models;
    const GridAxis *axis = single_axis(g);
    if (axis) {
        if (n_seeds == 1)
            fprintf(f, "# test accuracy, %s, by %s\n%-15s", seeds, grid_axis_name(axis->kind),
                    "loss");
        else
            fprintf(f, "# test accuracy, mean ± std over %d seeds, by %s\n%-15s", n_seeds,
                    grid_axis_name(axis->kind), "loss");
        for (int l = 0; l < axis->n; l++) {
            char v[96];
            grid_value_text(axis, l, v, sizeof v);
            fprintf(f, " %15s", v);
        }
        fputc('\n', f);
        bool any_diverged = false;
        for (int m = 0; m < n_models; m++) {
            fprintf(f, "%-15s", loss_def(runs[0].loss[m])->key);
            for (int l = 0; l < axis->n; l++) {
                Stats st = stats_of(&runs[l * n_seeds], n_seeds, m);
                if (n_seeds == 1) /* one seed has no spread to show */
                    fprintf(f, "  %15.4f%s", st.test_acc, st.diverged ? "!" : "");
                else
                    fprintf(f, "  %6.4f ± %6.4f%s", st.test_acc, st.test_acc_sd,
                            st.diverged ? "!" : "");
                any_diverged |= st.diverged > 0;
            }
            fputc('\n', f);
        }
        if (any_diverged)
            fputs("# ! = diverged in at least one seed (its last good evaluation is used)\n", f);
        early_divergence_note(f, runs, grid_runs(g));
        return;
    }
    for (int p = 0; p < n_points; p++) {
        if (g->n_axes > 0) {
            char label[512];
            grid_point_label(g, p, label, sizeof label);
            fprintf(f, "%s# %s\n", p ? "\n" : "", label);
        }
        seeds_table(f, &runs[p * n_seeds], n_seeds, cfg);
    }
}

static void experiment_csv(FILE *f, const RunResult *runs, const AppConfig *cfg)
{
    const Grid *g = &cfg->grid;
    const int n_seeds = g->n_seeds;
    char names[256];
    grid_csv_names(g, names, sizeof names);
    fprintf(f,
            "loss,label_noise,input_noise,seeds,test_acc_mean,test_acc_std,train_acc_mean,"
            "train_acc_std,test_loss_mean,test_loss_std,steps_to_target_mean,reached,"
            "diverged%s\n",
            names);
    for (int p = 0; p < grid_points(g); p++) {
        const RunResult *r0 = &runs[p * n_seeds];
        char values[512];
        grid_csv_values(g, p, values, sizeof values);
        for (int m = 0; m < r0->n_models; m++) {
            Stats st = stats_of(r0, n_seeds, m);
            /* One seed has no standard deviation and a target never reached (or never asked
             * for) no step: those fields are empty, not 0 or nan. */
            fprintf(f, "%s,%g,%g,%d,%.4f,", loss_def(r0->loss[m])->key, r0->cfg.label_noise,
                    r0->cfg.input_noise, n_seeds, st.test_acc);
            csv_number(f, st.test_acc_sd, true, n_seeds > 1);
            fprintf(f, "%.4f,", st.train_acc);
            csv_number(f, st.train_acc_sd, true, n_seeds > 1);
            fprintf(f, "%.6g,", st.test_loss);
            csv_number(f, st.test_loss_sd, false, n_seeds > 1);
            csv_number(f, st.steps_to_target, false, isfinite(st.steps_to_target));
            fprintf(f, "%d,%d%s\n", st.reached, st.diverged, values);
        }
    }
}

static void experiment_json(FILE *f, const RunResult *runs, const AppConfig *cfg)
{
    const Grid *g = &cfg->grid;
    const int n_seeds = g->n_seeds, n_points = grid_points(g);
    const GridAxis *axis = single_axis(g);
    /* A one-noise-axis grid is what --sweep always was: "sweep" names it. Other grids name
     * each result's point. */
    bool sweep = !axis || axis->kind == AXIS_LABEL_NOISE || axis->kind == AXIS_INPUT_NOISE;
    fputs("{\n", f);
    json_config(f, &runs[0], cfg);
    fprintf(f, "  \"sweep\": \"%s\",\n  \"results\": [\n",
            sweep && axis ? grid_axis_name(axis->kind) : "");
    for (int p = 0; p < n_points; p++) {
        const RunResult *r0 = &runs[p * n_seeds];
        for (int m = 0; m < r0->n_models; m++) {
            Stats st = stats_of(r0, n_seeds, m);
            fprintf(f, "    {\"loss\": \"%s\", ", loss_def(r0->loss[m])->key);
            if (!sweep) {
                char label[512];
                grid_point_label(g, p, label, sizeof label);
                fprintf(f, "\"point\": \"%s\", ", label);
            }
            json_number(f, "label_noise", r0->cfg.label_noise, false);
            json_number(f, "input_noise", r0->cfg.input_noise, false);
            fprintf(f, "\"seeds\": %d, ", n_seeds);
            json_number(f, "test_acc_mean", st.test_acc, true);
            json_number(f, "test_acc_std", n_seeds > 1 ? st.test_acc_sd : NAN, true);
            json_number(f, "train_acc_mean", st.train_acc, true);
            json_number(f, "train_acc_std", n_seeds > 1 ? st.train_acc_sd : NAN, true);
            json_number(f, "test_loss_mean", st.test_loss, false);
            json_number(f, "test_loss_std", n_seeds > 1 ? st.test_loss_sd : NAN, false);
            json_number(f, "steps_to_target_mean", st.steps_to_target, false);
            fprintf(f, "\"reached\": %d, \"diverged\": %d}%s\n", st.reached, st.diverged,
                    p + 1 < n_points || m + 1 < r0->n_models ? "," : "");
        }
    }
    fputs("  ]\n}\n", f);
}

void report_experiment(FILE *f, const RunResult *runs, const AppConfig *cfg)
{
    switch (cfg->format) {
    case FORMAT_CSV:
        experiment_csv(f, runs, cfg);
        break;
    case FORMAT_JSON:
        experiment_json(f, runs, cfg);
        break;
    case FORMAT_TABLE:
        experiment_table(f, runs, cfg);
        break;
    }
}
