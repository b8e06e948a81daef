/* events.c — parse, write and label the changes of a run. The value of a change is checked by
 * the command line's own parser (cli_parse on a scratch configuration), so an event line
 * accepts exactly what the option accepts, with the same message when it does not. */
#include "src/events.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "src/cli.h"

static const char *const event_options[EVENT_KIND_COUNT] = {
    [EVENT_LR] = "lr",
    [EVENT_BATCH] = "batch",
    [EVENT_OPTIMIZER] = "optimizer",
    [EVENT_ACTIVATION] = "activation",
    [EVENT_LABEL_NOISE] = "label-noise",
    [EVENT_INPUT_NOISE] = "input-noise",
    [EVENT_SEED] = "seed",
    [EVENT_DATASET] = "dataset",
};

const char *event_option(EventKind kind)
{
    return (unsigned)kind < EVENT_KIND_COUNT ? event_options[kind] : "?";
}

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* The value the option set in cfg, as an Event. */
static void event_from_config(Event *ev, const AppConfig *cfg)
{
    const ArenaConfig *a = &cfg->arena;
    ev->value = 0.0;
    ev->name[0] = '\0';
    switch (ev->kind) {
    case EVENT_LR:
        ev->value = a->opt.lr;
        break;
    case EVENT_BATCH:
        ev->value = a->batch;
        break;
    case EVENT_OPTIMIZER:
        snprintf(ev->name, sizeof ev->name, "%s", optim_name(a->opt.kind));
        break;
    case EVENT_ACTIVATION:
        snprintf(ev->name, sizeof ev->name, "%s", activation_name(a->act));
        break;
    case EVENT_LABEL_NOISE:
        ev->value = a->label_noise;
        break;
    case EVENT_INPUT_NOISE:
        ev->value = a->input_noise;
        break;
    case EVENT_SEED:
        ev->value = (double)a->seed;
        break;
    case EVENT_DATASET:
        snprintf(ev->name, sizeof ev->name, "%s", cfg->dataset);
        break;
    case EVENT_KIND_COUNT:
        break;
    }
}

Status event_parse(const char *line, Event *out, bool *is_event, char *err, size_t errlen)
{
    *is_event = false;
    const char *s = skip_space(line);
    if (*s == '\0' || *s == '\n' || *s == '\r' || *s == '#')
        return ST_OK;
    if (strncmp(s, "at", 2) != 0 || !isspace((unsigned char)s[2])) {
        status_message(err, errlen, "expected 'at STEP: --OPTION VALUE'");
        return ST_INVAL;
    }
    s = skip_space(s + 2);
    char *end;
    errno = 0;
    long step = strtol(s, &end, 10);
    if (end == s || !isdigit((unsigned char)*s) || errno == ERANGE || step > 1000000000L) {
        status_message(err, errlen, "'at' needs a step from 0 to 1000000000");
        return ST_INVAL;
    }
    s = skip_space(end);
    if (*s != ':') {
        status_message(err, errlen, "expected ':' after the step");
        return ST_INVAL;
    }
    s = skip_space(s + 1);

    /* "--OPTION VALUE" then only trailing blanks. */
    char opt[64], val[512];
    size_t olen = strcspn(s, " \t\r\n");
    if (strncmp(s, "--", 2) != 0 || olen < 3 || olen >= sizeof opt) {
        status_message(err, errlen, "expected '--OPTION VALUE' after 'at %ld:'", step);
        return ST_INVAL;
    }
    memcpy(opt, s, olen);
    opt[olen] = '\0';
    s = skip_space(s + olen);
    size_t vlen = strcspn(s, " \t\r\n");
    const char *rest = skip_space(s + vlen);
    if (vlen == 0 || vlen >= sizeof val || rest[strspn(rest, "\r\n")] != '\0') {
        status_message(err, errlen, "%s needs exactly one value", opt);
        return ST_INVAL;
    }
    memcpy(val, s, vlen);
    val[vlen] = '\0';

    int kind = -1;
    for (int k = 0; k < EVENT_KIND_COUNT; k++)
        if (strcmp(opt + 2, event_options[k]) == 0)
            kind = k;
    if (kind < 0) {
        status_message(err, errlen,
                       "%s cannot change during a run (valid: --lr, --batch, --optimizer, "
                       "--activation, --label-noise, --input-noise, --seed, --dataset)",
                       opt);
        return ST_INVAL;
    }
    char program[] = "lossarena";
    char *argv[] = {program, opt, val};
    AppConfig cfg;
    if (cli_parse(3, argv, &cfg, err, errlen) != ST_OK)
        return ST_INVAL;
    if (kind == EVENT_DATASET && strlen(cfg.dataset) >= sizeof out->name) {
        status_message(err, errlen,
                       "--dataset: a change during a run takes a name of at most %zu "
                       "characters",
                       sizeof out->name - 1);
        return ST_INVAL;
    }
    out->step = step;
    out->kind = (EventKind)kind;
    event_from_config(out, &cfg);
    *is_event = true;
    return ST_OK;
}

Status event_write(FILE *f, const Event *ev)
{
    int n;
    if (ev->name[0])
        n = fprintf(f, "at %ld: --%s %s\n", ev->step, event_option(ev->kind), ev->name);
    else if (ev->kind == EVENT_SEED || ev->kind == EVENT_BATCH)
        n = fprintf(f, "at %ld: --%s %.0f\n", ev->step, event_option(ev->kind), ev->value);
    else /* %.9g: a float learning rate reads back to the same float */
        n = fprintf(f, "at %ld: --%s %.9g\n", ev->step, event_option(ev->kind), ev->value);
    return n < 0 ? ST_IO : ST_OK;
}

void event_label(const Event *ev, double prev, char *buf, size_t n)
{
    switch (ev->kind) {
    case EVENT_LR: {
        double ratio = prev > 0.0 ? ev->value / prev : 0.0;
        double l2 = ratio > 0.0 ? log2(ratio) : 0.5;
        if (l2 != 0.0 && fabs(l2 - round(l2)) < 1e-6 && fabs(l2) <= 10) {
            double f = exp2(fabs(round(l2)));
            snprintf(buf, n, "lr%s%g", l2 > 0 ? "×" : "÷", f);
        } else {
            snprintf(buf, n, "lr %g", ev->value);
        }
        break;
    }
    case EVENT_BATCH:
        snprintf(buf, n, "batch %.0f", ev->value);
        break;
    case EVENT_LABEL_NOISE:
        snprintf(buf, n, "noise %.0f%%", ev->value * 100.0);
        break;
    case EVENT_INPUT_NOISE:
        snprintf(buf, n, "input σ %g", ev->value);
        break;
    case EVENT_SEED:
        snprintf(buf, n, "seed %.0f", ev->value);
        break;
    case EVENT_OPTIMIZER:
    case EVENT_ACTIVATION:
    case EVENT_DATASET:
        snprintf(buf, n, "%s", ev->name);
        break;
    case EVENT_KIND_COUNT:
        snprintf(buf, n, "?");
        break;
    }
}

Status event_log_push(EventLog *log, const Event *ev)
{
    if (log->n > 0 && ev->step < log->events[log->n - 1].step)
        return ST_INVAL;
    if (log->n == EVENT_LOG_MAX)
        return ST_RANGE;
    log->events[log->n++] = *ev;
    return ST_OK;
}

Status event_log_read(EventLog *log, FILE *f, const char *path, char *err, size_t errlen)
{
    log->n = 0;
    char line[1024];
    for (long lineno = 1; fgets(line, sizeof line, f); lineno++) {
        if (!strchr(line, '\n') && !feof(f)) {
            status_message(err, errlen, "%s:%ld: line longer than %zu bytes", path, lineno,
                           sizeof line - 2);
            return ST_INVAL;
        }
        Event ev;
        bool is_event;
        char why[512];
        if (event_parse(line, &ev, &is_event, why, sizeof why) != ST_OK) {
            status_message(err, errlen, "%s:%ld: %s", path, lineno, why);
            return ST_INVAL;
        }
        if (!is_event)
            continue;
        Status st = event_log_push(log, &ev);
        if (st == ST_INVAL) {
            status_message(err, errlen, "%s:%ld: step %ld comes before step %ld of an earlier line",
                           path, lineno, ev.step, log->events[log->n - 1].step);
            return ST_INVAL;
        }
        if (st == ST_RANGE) {
            status_message(err, errlen, "%s:%ld: more than %d changes", path, lineno,
                           EVENT_LOG_MAX);
            return ST_RANGE;
        }
    }
    if (ferror(f)) {
        status_message(err, errlen, "%s: read error", path);
        return ST_IO;
    }
    return ST_OK;
}

bool event_restarts(EventKind kind)
{
    return kind == EVENT_SEED || kind == EVENT_ACTIVATION || kind == EVENT_DATASET;
}

Status event_apply(const Event *ev, Arena *a)
{
    switch (ev->kind) {
    case EVENT_LR:
        arena_set_lr(a, (float)ev->value);
        return ST_OK;
    case EVENT_BATCH:
        return arena_set_batch(a, (int)ev->value);
    case EVENT_OPTIMIZER: {
        int kind = optim_by_name(ev->name);
        if (kind < 0)
            return ST_INVAL;
        /* the lr in force stays: a change of lr is its own line */
        arena_set_optimizer(a, (OptimKind)kind, a->cfg.opt.lr, a->cfg.opt.nesterov);
        return ST_OK;
    }
    case EVENT_LABEL_NOISE:
        return arena_set_label_noise(a, ev->value);
    case EVENT_INPUT_NOISE:
        return arena_set_input_noise(a, ev->value);
    default:
        return ST_INVAL;
    }
}

void event_log_marks(const EventLog *log, long upto, double lr0, ChartView *v)
{
    double lr = lr0;
    v->n_marks = 0;
    for (int i = 0; i < log->n && log->events[i].step <= upto; i++) {
        const Event *ev = &log->events[i];
        if (v->n_marks == CHART_MAX_MARKS) {
            memmove(v->marks, v->marks + 1, (CHART_MAX_MARKS - 1) * sizeof v->marks[0]);
            v->n_marks--;
        }
        ChartMark *mk = &v->marks[v->n_marks++];
        mk->x = (double)ev->step;
        event_label(ev, lr, mk->label, sizeof mk->label);
        if (ev->kind == EVENT_LR)
            lr = ev->value;
    }
}
