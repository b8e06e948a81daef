/* chart.c — the figure model's axes: nice ticks for linear and log ranges, fitted from an axis's
 * spec to whatever room a surface has, and the one wording of a diverged model. Pure
 * computation on caller-owned structs: draws nothing, allocates nothing, touches no file. */
#include "ui/chart.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ranges wider than this many decades, or values beyond it, are clamped: a float loss cannot
 * meaningfully span more, and it keeps every tick loop short. */
#define AXIS_ABS_MAX 1e30
#define AXIS_ABS_MIN 1e-30
/* A log loss axis shows at most this many decades below its top (a hinge loss that reaches
 * 1e-38 would otherwise squash every other curve into the top rows). */
#define LOG_MAX_DECADES 8.0

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* ---- tick labels ---- */

static void strip_zeros(char *s)
{
    char *dot = strchr(s, '.');
    if (!dot)
        return;
    char *end = dot + strlen(dot);
    /* keep any exponent or suffix that follows the digits */
    char *tail = dot + 1;
    while (*tail >= '0' && *tail <= '9')
        tail++;
    char *last = tail;
    while (last > dot + 1 && last[-1] == '0')
        last--;
    if (last == dot + 1)
        last = dot;
    memmove(last, tail, (size_t)(end - tail) + 1);
}

/* Decimals needed to show multiples of res (1, 2, 2.5 or 5 times a power of ten). */
static int decimals_for(double res)
{
    if (!(res > 0) || !isfinite(res))
        return 0;
    for (int d = 0; d < 12; d++) {
        double scaled = res * pow(10, d);
        if (fabs(scaled - round(scaled)) < 1e-6 * scaled)
            return d;
    }
    return 12;
}

/* Short label of v, shown to a resolution of res, in the style of an axis whose largest tick
 * magnitude is big (so all its labels agree: "5k 10k", never "5000 10k"): "0.25", "1e-3",
 * "12k", "3000". */
static void format_short(char out[16], double v, double res, double big)
{
    if (!isfinite(v)) {
        snprintf(out, 16, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return;
    }
    if (!(res > 0) || !isfinite(res))
        res = fabs(v) > 0 ? fabs(v) : 1;
    if (!(big >= fabs(v)))
        big = fabs(v);
    double a = fabs(v);
    if (a < res * 1e-6 || a < AXIS_ABS_MIN) {
        snprintf(out, 16, "0");
        return;
    }
    if (big >= 1e4 * 0.9995) {
        static const char suffix[] = {'k', 'M', 'G', 'T'};
        double unit = 1e3;
        int s = 0;
        while (s < 3 && big >= unit * 1e3 * 0.9995) {
            unit *= 1e3;
            s++;
        }
        if (big >= unit * 1e3 * 0.9995) { /* beyond T: scientific */
            int e = (int)floor(log10(a));
            snprintf(out, 16, "%.0fe%d", v / pow(10, e), e);
            return;
        }
        int d = decimals_for(res / unit);
        snprintf(out, 16, "%.*f%c", d > 2 ? 2 : d, v / unit, suffix[s]);
        strip_zeros(out);
        return;
    }
    int d = decimals_for(res);
    if (d >= 3 && big < 0.01 * 0.9995) {
        /* scientific: mantissa with as many digits as the resolution asks for */
        int e = (int)floor(log10(a) + 1e-9);
        double m = v / pow(10, e);
        int md = (int)clampd(decimals_for(res / pow(10, e)), 0, 3);
        char mant[12];
        snprintf(mant, sizeof mant, "%.*f", md, m);
        if (fabs(atof(mant)) >= 10) { /* rounding carried into the next decade */
            e++;
            m = v / pow(10, e);
            snprintf(mant, sizeof mant, "%.*f", md, m);
        }
        strip_zeros(mant);
        snprintf(out, 16, "%se%d", mant, e);
        return;
    }
    snprintf(out, 16, "%.*f", d > 6 ? 6 : d, v);
    strip_zeros(out);
    if (strcmp(out, "-0") == 0)
        snprintf(out, 16, "0");
}

/* ---- linear axis ---- */

/* Nice steps: 1, 2, 2.5 and 5 × 10^n. The n-th nice step counting from 10^e0. */
static double nice_step(int e0, int i)
{
    static const double mult[] = {1, 2, 2.5, 5};
    int e = e0 + (i >= 0 ? i / 4 : -((-i + 3) / 4));
    int j = ((i % 4) + 4) % 4;
    return mult[j] * pow(10, e);
}

static double snap(double v, double step)
{
    return fabs(v) < step * 1e-9 ? 0.0 : v;
}

static void tick_range(double lo, double hi, double step, bool expand, long *i0, long *i1)
{
    if (expand) {
        *i0 = (long)floor(lo / step + 1e-9);
        *i1 = (long)ceil(hi / step - 1e-9);
    } else {
        *i0 = (long)ceil(lo / step - 1e-9);
        *i1 = (long)floor(hi / step + 1e-9);
    }
}

/* Linear ticks over [lo, hi] (lo < hi, both finite): the smallest nice step that gives at most
 * max_ticks of them. whole: only whole-number steps (1, 2, 5, 10, 20, 25, ...), for axes that
 * count things (training steps), where a tick at 0.2 would name something that cannot exist. */
static void fit_linear_steps(ChartAxis *ax, double lo, double hi, int max_ticks, bool expand,
                             bool whole)
{
    int e0 = (int)floor(log10((hi - lo) / (max_ticks - 1))) - 1;
    if (whole && e0 < 0)
        e0 = 0;
    double step = 0, prev = 0; /* prev: the finer allowed step before step, or 0 */
    long i0 = 0, i1 = 0, stride = 1;
    for (int i = 0; i < 64; i++) {
        double s = nice_step(e0, i);
        if (whole && s != floor(s))
            continue; /* 2.5 */
        prev = step;
        step = s;
        tick_range(lo, hi, step, expand, &i0, &i1);
        if (i1 - i0 + 1 <= max_ticks || step > 2 * (hi - lo))
            break;
    }
    if (i1 - i0 + 1 > max_ticks) {
        /* (expand, few ticks, a range across zero) no step fits: thin what the last gave */
        stride = (i1 - i0 + max_ticks) / max_ticks;
    } else if (i1 < i0 && prev > 0) {
        /* the step that fits falls between the ticks: thin the finer step's ticks instead */
        step = prev;
        tick_range(lo, hi, step, expand, &i0, &i1);
        stride = (i1 - i0 + 1 + max_ticks - 1) / max_ticks;
    }
    if (expand) {
        lo = snap(i0 * step, step);
        hi = snap(i1 * step, step);
    }
    ax->lo = lo;
    ax->hi = hi;
    ax->log = false;
    ax->n_ticks = 0;
    double big = fmax(fabs(lo), fabs(hi));
    for (long t_i = i0; t_i <= i1 && ax->n_ticks < max_ticks; t_i += stride) {
        double t = snap(t_i * step, step);
        if (t < lo - step * 1e-6 || t > hi + step * 1e-6)
            continue;
        ax->ticks[ax->n_ticks] = t < lo ? lo : t > hi ? hi : t;
        format_short(ax->tick_labels[ax->n_ticks], t, step * stride, big);
        ax->n_ticks++;
    }
}

static void fit_linear(ChartAxis *ax, double lo, double hi, int max_ticks, bool expand)
{
    fit_linear_steps(ax, lo, hi, max_ticks, expand, false);
}

/* ---- log axis ---- */

static void add_tick_log(ChartAxis *ax, double t)
{
    double res = pow(10, floor(log10(t) + 1e-9));
    ax->ticks[ax->n_ticks] = t;
    format_short(ax->tick_labels[ax->n_ticks], t, res, t);
    ax->n_ticks++;
}

/* Decade ticks over [lo, hi] (0 < lo < hi), every k-th decade when there are too many. */
static void fit_decades(ChartAxis *ax, double lo, double hi, int max_ticks, bool expand)
{
    int e0 = (int)floor(log10(lo) + 1e-9), e1 = (int)ceil(log10(hi) - 1e-9);
    int first = expand ? e0 : (int)ceil(log10(lo) - 1e-9);
    int last = expand ? e1 : (int)floor(log10(hi) + 1e-9);
    int k = 1;
    while ((last - first) / k + 1 > max_ticks)
        k++;
    if (expand) {
        lo = pow(10, e0);
        hi = pow(10, e1);
    }
    ax->lo = lo;
    ax->hi = hi;
    ax->n_ticks = 0;
    /* ticks on multiples of k in the exponent, so they do not shift as the range grows */
    int start = first;
    while (((start % k) + k) % k != 0)
        start++;
    if (start > last)
        start = first;
    for (int e = start; e <= last && ax->n_ticks < max_ticks; e += k)
        add_tick_log(ax, pow(10, e));
}

/* 1-2-5 ticks within decades over [lo, hi]; returns false (axis untouched) when they are fewer
 * than two or more than max_ticks. */
static bool fit_125(ChartAxis *ax, double lo, double hi, int max_ticks, bool expand)
{
    static const double mult[] = {1, 2, 5};
    double cand[CHART_MAX_TICKS + 2];
    int n = 0;
    int e0 = (int)floor(log10(lo) + 1e-9) - 1, e1 = (int)ceil(log10(hi) - 1e-9);
    double below = 0, above = 0; /* nearest candidates outside, for expand */
    for (int e = e0; e <= e1; e++) {
        for (int i = 0; i < 3; i++) {
            double t = mult[i] * pow(10, e);
            if (t < lo * (1 - 1e-9)) {
                below = t;
            } else if (t > hi * (1 + 1e-9)) {
                if (above == 0)
                    above = t;
            } else {
                if (n >= max_ticks)
                    return false;
                cand[n++] = t;
            }
        }
    }
    if (expand) {
        if (below > 0 && cand[0] > lo * (1 + 1e-9)) {
            if (n >= max_ticks || n == 0)
                return false;
            memmove(cand + 1, cand, (size_t)n * sizeof cand[0]);
            cand[0] = below;
            n++;
        }
        if (above > 0 && (n == 0 || cand[n - 1] < hi * (1 - 1e-9))) {
            if (n >= max_ticks)
                return false;
            cand[n++] = above;
        }
    }
    if (n < 2)
        return false;
    ax->lo = expand ? cand[0] : lo;
    ax->hi = expand ? cand[n - 1] : hi;
    ax->n_ticks = 0;
    for (int i = 0; i < n; i++)
        add_tick_log(ax, cand[i]);
    return true;
}

static void fit_log(ChartAxis *ax, double lo, double hi, int max_ticks, bool expand)
{
    ax->log = true;
    double decades = log10(hi / lo);
    if (decades >= 2 || !fit_125(ax, lo, hi, max_ticks, expand)) {
        int inside = (int)floor(log10(hi) + 1e-9) - (int)ceil(log10(lo) - 1e-9) + 1;
        if (inside >= 2) {
            fit_decades(ax, lo, hi, max_ticks, expand);
        } else {
            /* narrower than 1-2-5 can mark: linear nice ticks on the log scale */
            fit_linear(ax, lo, hi, max_ticks, expand);
            if (!(ax->lo > 0))
                fit_linear(ax, lo, hi, max_ticks, false);
        }
        ax->log = true;
    }
    if (ax->n_ticks < 1)
        fit_decades(ax, lo, hi, max_ticks, true);
}

void axis_fit(ChartAxis *ax, double lo, double hi, bool log, int max_ticks, bool expand)
{
    if (max_ticks < 2)
        max_ticks = 2;
    if (max_ticks > CHART_MAX_TICKS)
        max_ticks = CHART_MAX_TICKS;
    /* non-finite ends: keep the finite one, else a unit range */
    if (!isfinite(lo) && !isfinite(hi)) {
        lo = log ? 1 : 0;
        hi = log ? 10 : 1;
    } else if (!isfinite(lo)) {
        lo = hi;
    } else if (!isfinite(hi)) {
        hi = lo;
    }
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    ax->n_ticks = 0;
    if (log) {
        if (!(hi > 0)) {
            lo = 1;
            hi = 10;
        }
        hi = clampd(hi, AXIS_ABS_MIN, AXIS_ABS_MAX);
        if (!(lo > 0))
            lo = hi * 1e-3;
        lo = clampd(lo, AXIS_ABS_MIN, hi);
        if (hi / lo < 1 + 1e-6) { /* one value: the half decade either side */
            double c = sqrt(lo * hi);
            lo = c / sqrt(10);
            hi = c * sqrt(10);
        }
        fit_log(ax, lo, hi, max_ticks, expand);
        return;
    }
    lo = clampd(lo, -AXIS_ABS_MAX, AXIS_ABS_MAX);
    hi = clampd(hi, -AXIS_ABS_MAX, AXIS_ABS_MAX);
    double mag = fmax(fabs(lo), fabs(hi));
    if (hi - lo <= mag * 1e-9 || hi - lo < DBL_MIN) {
        /* one value: ±10 % of it, or a unit range around 0 */
        double c = 0.5 * (lo + hi);
        double half = fabs(c) > 1e-12 ? 0.1 * fabs(c) : 0.5;
        if (c == 0) {
            lo = 0;
            hi = 1;
        } else {
            lo = c - half;
            hi = c + half;
        }
    }
    fit_linear(ax, lo, hi, max_ticks, expand);
}

double axis_frac(const ChartAxis *ax, double v)
{
    if (isnan(v))
        return v; /* callers see a gap */
    if (ax->log) {
        if (!(v > 0) || !(ax->lo > 0) || !(ax->hi > ax->lo))
            return 0.0;
        return (log10(v) - log10(ax->lo)) / (log10(ax->hi) - log10(ax->lo));
    }
    if (!(ax->hi > ax->lo))
        return 0.5;
    return (v - ax->lo) / (ax->hi - ax->lo);
}

/* ---- axes from their spec ---- */

void chart_axis_spec(ChartAxis *ax, double lo, double hi, bool log, bool expand, AxisTicks kind)
{
    ax->data_lo = lo;
    ax->data_hi = hi;
    ax->data_log = log;
    ax->expand = expand;
    ax->kind = kind;
    ax->n_levels = 0;
}

static void percent_labels(ChartAxis *ax)
{
    double step = ax->n_ticks > 1 ? ax->ticks[1] - ax->ticks[0] : 0.1;
    for (int i = 0; i < ax->n_ticks; i++)
        snprintf(ax->tick_labels[i], sizeof ax->tick_labels[i],
                 step >= 0.01 - 1e-12 ? "%.0f%%" : "%.1f%%", ax->ticks[i] * 100);
}

void chart_axis_fit(ChartAxis *ax, int max_ticks)
{
    int mt = max_ticks < 2 ? 2 : max_ticks > CHART_MAX_TICKS ? CHART_MAX_TICKS : max_ticks;
    if (ax->kind == AXIS_LEVELS && ax->n_levels >= 1 && ax->n_levels <= mt) {
        ax->lo = ax->data_lo;
        ax->hi = ax->data_hi;
        ax->log = false;
        ax->n_ticks = ax->n_levels;
        for (int l = 0; l < ax->n_levels; l++) {
            ax->ticks[l] = ax->levels[l];
            snprintf(ax->tick_labels[l], sizeof ax->tick_labels[l], "%g", ax->levels[l]);
        }
        return;
    }
    axis_fit(ax, ax->data_lo, ax->data_hi, ax->data_log, mt, ax->expand);
    if (ax->kind == AXIS_WHOLE) {
        /* steps are whole numbers: over a small range (the first few evaluations) nice ticks
         * would be 0.2, 0.4, ... or 2.5, 7.5; tick whole steps only (at least 1 apart) */
        bool whole = true;
        for (int i = 0; i < ax->n_ticks; i++)
            whole = whole && ax->ticks[i] == floor(ax->ticks[i]);
        if (!whole)
            fit_linear_steps(ax, ax->lo, ax->hi, mt, false, true);
    } else if (ax->kind == AXIS_PERCENT) {
        percent_labels(ax);
    }
}

int chart_shade_of(uint8_t conf)
{
    return conf < 153 ? 0 : conf < 217 ? 1 : 2; /* < 0.6, < 0.85, above */
}

float chart_shade_mix(int shade)
{
    static const float mix[CHART_SHADES] = {0.3f, 0.5f, 0.7f};
    return mix[shade < 0 ? 0 : shade >= CHART_SHADES ? CHART_SHADES - 1 : shade];
}

void chart_arch_text(char *out, size_t n, int dim, const ArenaConfig *c, int k)
{
    if (n == 0)
        return;
    size_t used = (size_t)snprintf(out, n, "%d", dim);
    for (int i = 0; i < c->n_hidden && i < MLP_MAX_HIDDEN && used < n; i++)
        used += (size_t)snprintf(out + used, n - used, "-%d", c->hidden[i]);
    if (used < n)
        snprintf(out + used, n - used, "-%d %s", k,
                 (int)c->act >= 0 && c->act < ACT_COUNT ? activation_name(c->act) : "?");
}

void chart_diverged_text(char *out, size_t n, DivergeReason why, long step, double lr)
{
    snprintf(out, n, "%s at step %ld, lr %g", diverge_reason_str(why), step, lr);
}
