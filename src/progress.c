/* progress.c — see progress.h. Time comes from clock_now; nothing here allocates. */
#include "src/progress.h"

#include <string.h>

#include "src/clock.h"

#define REDRAW_SECONDS 0.25

void progress_init(Progress *p, FILE *out, bool tty, int n_mine, int n_runs)
{
    memset(p, 0, sizeof *p);
    p->out = out;
    p->tty = tty;
    p->n_mine = n_mine;
    p->n_runs = n_runs;
    p->t0 = clock_now();
}

void progress_run_start(Progress *p, int run, const char *label, long total_steps)
{
    p->run = run;
    snprintf(p->label, sizeof p->label, "%s", label);
    p->total = total_steps;
    p->run_t0 = clock_now();
}

static void fmt_seconds(double s, char *buf, size_t n)
{
    if (s >= 3600)
        snprintf(buf, n, "%dh%02dm", (int)(s / 3600), (int)(s / 60) % 60);
    else if (s >= 60)
        snprintf(buf, n, "%dm%02ds", (int)(s / 60), (int)s % 60);
    else
        snprintf(buf, n, "%.1fs", s);
}

void progress_step(Progress *p, long step)
{
    if (!p->tty)
        return;
    double now = clock_now();
    if (now - p->last_draw < REDRAW_SECONDS)
        return;
    p->last_draw = now;
    double run_elapsed = now - p->run_t0;
    double rate = run_elapsed > 0 ? step / run_elapsed : 0.0;
    /* The share of this process's work done, counting the current run by its steps. */
    double frac = (p->done + (p->total > 0 ? (double)step / p->total : 0.0)) / p->n_mine;
    char eta[32] = "?";
    if (frac > 0.0)
        fmt_seconds((now - p->t0) * (1.0 - frac) / frac, eta, sizeof eta);
    fputc('\r', p->out);
    if (p->n_runs > 1)
        fprintf(p->out, "run %d/%d %s  ", p->run + 1, p->n_runs, p->label);
    fprintf(p->out, "step %ld/%ld  %.0f steps/s  ETA %s\033[K", step, p->total, rate, eta);
    fflush(p->out);
    p->drawn = true;
}

void progress_run_done(Progress *p, long steps)
{
    p->done++;
    if (p->tty || p->n_runs <= 1)
        return;
    double s = clock_now() - p->run_t0;
    fprintf(p->out, "lossarena: run %d/%d done (%s): %ld steps in %.1f s, %d of %d here\n",
            p->run + 1, p->n_runs, p->label, steps, s, p->done, p->n_mine);
    fflush(p->out);
}

void progress_end(Progress *p)
{
    if (p->tty && p->drawn) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
    }
}
