/* chart_time.c — the step axis's three modes (whole history, log steps, a following window)
 * and the debiased moving average of the curves, applied to a built LineChart. Pure
 * computation on caller-owned structs: draws nothing, allocates nothing. */
#include "ui/chart_time.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[TIME_AXIS_COUNT] = {"linear", "log", "window"};

const char *time_axis_name(TimeAxis t)
{
    return (int)t >= 0 && t < TIME_AXIS_COUNT ? names[t] : "?";
}

Status time_axis_parse(const char *s, TimeAxis *t, long *window, char *err, size_t errlen)
{
    if (s && strcmp(s, "linear") == 0) {
        *t = TIME_AXIS_LINEAR;
        return ST_OK;
    }
    if (s && strcmp(s, "log") == 0) {
        *t = TIME_AXIS_LOG;
        return ST_OK;
    }
    if (s && strncmp(s, "window:", 7) == 0) {
        const char *v = s + 7;
        char *end = NULL;
        errno = 0;
        long n = *v >= '0' && *v <= '9' ? strtol(v, &end, 10) : -1;
        if (end && *end == '\0' && errno == 0 && n >= TIME_WINDOW_MIN && n <= TIME_WINDOW_MAX) {
            *t = TIME_AXIS_WINDOW;
            *window = n;
            return ST_OK;
        }
        snprintf(err, errlen, "window size '%s' must be a whole number of steps, %d..%ld", v,
                 TIME_WINDOW_MIN, TIME_WINDOW_MAX);
        return ST_INVAL;
    }
    snprintf(err, errlen, "unknown time axis '%s' (valid: linear, log, window:N)", s ? s : "");
    return ST_INVAL;
}

long time_window_step(long window, int dir)
{
    /* 1-3-10 steps: each a little over three times the last, so a few presses span the run */
    long ladder[32];
    int n = 0;
    for (long p = 10; p <= TIME_WINDOW_MAX && n + 2 <= 32; p *= 10) {
        ladder[n++] = p;
        if (3 * p <= TIME_WINDOW_MAX)
            ladder[n++] = 3 * p;
    }
    if (dir > 0) {
        for (int i = 0; i < n; i++)
            if (ladder[i] > window)
                return ladder[i];
        return ladder[n - 1];
    }
    for (int i = n - 1; i >= 0; i--)
        if (ladder[i] < window)
            return ladder[i];
    return ladder[0];
}

void time_steps_text(char *out, size_t n, long steps)
{
    static const struct {
        long unit;
        const char *suffix;
    } units[] = {{1000000000L, "G"}, {1000000, "M"}, {1000, "k"}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (labs(steps) >= units[i].unit) {
            double v = (double)steps / (double)units[i].unit;
            if (v == floor(v))
                snprintf(out, n, "%.0f%s", v, units[i].suffix);
            else
                snprintf(out, n, "%.1f%s", v, units[i].suffix);
            return;
        }
    }
    snprintf(out, n, "%ld", steps);
}

static void append_title(LineChart *c, const char *what)
{
    size_t len = strlen(c->title);
    if (len < sizeof c->title)
        snprintf(c->title + len, sizeof c->title - len, " · %s", what);
}

/* Drops the points of every series before step lo; removes the series left empty. */
static void trim_before(LineChart *c, double lo)
{
    int kept = 0;
    for (int i = 0; i < c->n_series; i++) {
        ChartSeries sr = c->series[i];
        int k = 0;
        while (k < sr.n && !(sr.x[k] >= lo))
            k++;
        sr.x += k;
        sr.y += k;
        if (sr.err)
            sr.err += k;
        sr.n -= k;
        if (sr.n > 0)
            c->series[kept++] = sr;
    }
    c->n_series = kept;
}

void chart_time_axis(LineChart *c, TimeAxis t, long window, int max_ticks)
{
    double xlo = INFINITY, xhi = -INFINITY;
    for (int i = 0; i < c->n_series; i++)
        for (int j = 0; j < c->series[i].n; j++)
            if (isfinite(c->series[i].x[j])) {
                xlo = fmin(xlo, c->series[i].x[j]);
                xhi = fmax(xhi, c->series[i].x[j]);
            }
    bool any = xhi >= xlo;
    char text[48], num[16];
    snprintf(c->x.label, sizeof c->x.label, "step");
    if (t == TIME_AXIS_LOG) {
        /* step 0 (the untrained models) has no place on a log axis: the axis starts at step
         * 1 and says so */
        double hi = any && xhi > 10 ? xhi : 10;
        trim_before(c, 1.0);
        chart_axis_spec(&c->x, 1.0, hi, true, false, AXIS_WHOLE);
        snprintf(c->x.label, sizeof c->x.label, "step (log)");
        append_title(c, "log steps from 1");
    } else if (t == TIME_AXIS_WINDOW) {
        if (window < TIME_WINDOW_MIN)
            window = TIME_WINDOW_MIN;
        /* the window ends at the latest step and keeps its width: before `window` steps it
         * shows 0..window, then follows */
        double hi = any && xhi > (double)window ? xhi : (double)window;
        double lo = hi - (double)window;
        trim_before(c, lo);
        chart_axis_spec(&c->x, lo, hi, false, false, AXIS_WHOLE);
        time_steps_text(num, sizeof num, window);
        snprintf(text, sizeof text, "last %s steps", num);
        append_title(c, text);
    } else {
        double lo = any ? fmin(0.0, xlo) : 0, hi = any ? xhi : 1;
        if (!(hi > lo))
            hi = lo + 1;
        chart_axis_spec(&c->x, lo, hi, false, false, AXIS_WHOLE);
    }
    chart_axis_fit(&c->x, max_ticks);
}

void chart_ema(const float *y, int n, float beta, float *out)
{
    double avg = 0, weight = 1; /* weight = β^t */
    for (int i = 0; i < n; i++) {
        if (!isfinite(y[i])) {
            out[i] = y[i];
            continue;
        }
        avg = beta * avg + (1.0 - beta) * y[i];
        weight *= beta;
        double debias = 1.0 - weight;
        out[i] = (float)(debias > 0 ? avg / debias : y[i]);
    }
}

void chart_smooth(LineChart *c, float beta)
{
    int n = c->n_series < CHART_MAX_SMOOTH ? c->n_series : CHART_MAX_SMOOTH;
    ChartSeries raw[CHART_MAX_SMOOTH];
    memcpy(raw, c->series, (size_t)n * sizeof raw[0]);
    /* the raw curves first, so every smoothed curve is drawn over all of them */
    for (int i = 0; i < n; i++) {
        c->series[i] = raw[i];
        c->series[i].faint = true;
        c->series[i].err = NULL; /* a seeds run's ±sd goes with the smoothed curve only */
        c->series[i].band = false;
        int m = raw[i].n < HISTORY_CAP ? raw[i].n : HISTORY_CAP;
        chart_ema(raw[i].y, m, beta, c->smooth_y[i]);
        c->series[n + i] = raw[i];
        c->series[n + i].y = c->smooth_y[i];
        c->series[n + i].n = m;
    }
    c->n_series = 2 * n;
}

void chart_smooth_title(LineChart *c, float beta)
{
    char text[48];
    snprintf(text, sizeof text, "EMA %.1f", (double)beta);
    append_title(c, text);
}
