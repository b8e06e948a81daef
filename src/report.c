/* report.c — number formats are fixed (%.6g, accuracies %.4f) so that two runs with one seed
 * write byte-identical files, and NaN becomes "nan" in CSV and null in JSON. */
#include "src/report.h"

#include <math.h>
#include <string.h>

void report_architecture(const Arena *a, char *buf, size_t n)
{
    size_t used = (size_t)snprintf(buf, n, "%d", a->dim);
    for (int i = 0; i < a->cfg.n_hidden && used < n; i++)
        used += (size_t)snprintf(buf + used, n - used, "-%d", a->cfg.hidden[i]);
    if (used < n)
        snprintf(buf + used, n - used, "-%d %s", a->k, activation_name(a->cfg.act));
}

void report_csv_header(FILE *f)
{
    fputs("step,epoch,loss,train_loss,train_acc,test_loss,test_acc,margin_median,diverged,"
          "diverged_step\n",
          f);
}

static void csv_row(FILE *f, const Arena *a, const ArenaModel *m)
{
    const EvalResult *r = &m->last;
    /* A diverged model keeps its last good evaluation; the row says it diverged. */
    fprintf(f, "%ld,%.4f,%s,%.6g,%.4f,%.6g,%.4f,%.6g,%d,%ld\n", a->step, a->samples / a->data->train.n,
            loss_def(m->loss)->key, r->train_loss, r->train_acc, r->test_loss, r->test_acc,
            r->margin_median, m->diverged ? 1 : 0, m->diverged ? m->diverged_step : -1L);
}

void report_csv_rows(FILE *f, const Arena *a)
{
    for (int i = 0; i < a->n_models; i++)
        csv_row(f, a, &a->models[i]);
}

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

static void summary_json(FILE *f, const Arena *a)
{
    char arch[128];
    report_architecture(a, arch, sizeof arch);
    fprintf(f, "{\n  \"version\": \"%s\",\n  \"config\": {\"dataset\": \"%s\", \"architecture\": "
               "\"%s\", \"optimizer\": \"%s\", \"lr\": %.6g, \"batch\": %d, \"seed\": %llu, "
               "\"label_noise\": %.6g, \"input_noise\": %.6g, \"steps\": %ld},\n  \"models\": [\n",
            LOSSARENA_VERSION, a->data->name, arch, optim_name(a->cfg.opt.kind), a->cfg.opt.lr,
            a->cfg.batch, (unsigned long long)a->cfg.seed, a->cfg.label_noise,
            a->cfg.input_noise, a->step);
    for (int i = 0; i < a->n_models; i++) {
        const ArenaModel *m = &a->models[i];
        const EvalResult *r = &m->last;
        fprintf(f, "    {\"loss\": \"%s\", \"step\": %ld, ", loss_def(m->loss)->key, a->step);
        json_number(f, "epoch", a->samples / a->data->train.n, true);
        json_number(f, "train_loss", r->train_loss, false);
        json_number(f, "train_acc", r->train_acc, true);
        json_number(f, "test_loss", r->test_loss, false);
        json_number(f, "test_acc", r->test_acc, true);
        json_number(f, "margin_median", r->margin_median, false);
        fprintf(f, "\"diverged\": %d", m->diverged ? 1 : 0);
        if (m->diverged)
            fprintf(f, ", \"diverged_step\": %ld, \"diverged_reason\": \"%s\"", m->diverged_step,
                    diverge_reason_str(m->diverged_why));
        fprintf(f, "}%s\n", i + 1 < a->n_models ? "," : "");
    }
    fputs("  ]\n}\n", f);
}

static void summary_table(FILE *f, const Arena *a)
{
    char arch[128];
    report_architecture(a, arch, sizeof arch);
    fprintf(f, "# %s, %s, %s lr %g, batch %d, seed %llu, label noise %g, input noise %g, "
               "step %ld (epoch %.2f)\n",
            a->data->name, arch, optim_name(a->cfg.opt.kind), a->cfg.opt.lr, a->cfg.batch,
            (unsigned long long)a->cfg.seed, a->cfg.label_noise, a->cfg.input_noise, a->step,
            a->samples / a->data->train.n);
    fprintf(f, "%-15s %10s %9s %10s %9s %10s  %s\n", "loss", "train_loss", "train_acc",
            "test_loss", "test_acc", "margin_med", "status");
    for (int i = 0; i < a->n_models; i++) {
        const ArenaModel *m = &a->models[i];
        const EvalResult *r = &m->last;
        char status[96] = "ok";
        if (m->diverged)
            snprintf(status, sizeof status, "diverged: %s at step %ld, lr %g",
                     diverge_reason_str(m->diverged_why), m->diverged_step, m->diverged_lr);
        fprintf(f, "%-15s %10.4g %9.4f %10.4g %9.4f %10.4g  %s\n", loss_def(m->loss)->key,
                r->train_loss, r->train_acc, r->test_loss, r->test_acc, r->margin_median, status);
    }
}

void report_summary(FILE *f, const Arena *a, const AppConfig *cfg)
{
    switch (cfg->format) {
    case FORMAT_CSV:
        report_csv_header(f);
        report_csv_rows(f, a);
        break;
    case FORMAT_JSON:
        summary_json(f, a);
        break;
    case FORMAT_TABLE:
        summary_table(f, a);
        break;
    }
}
