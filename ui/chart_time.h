/* chart_time.h — how the charts over steps treat time: the step axis as the whole history
 * (linear), logarithmic (from step 1), or a window of the last N steps that follows training;
 * and curves smoothed by a debiased exponential moving average with the raw curve kept faint.
 * Pure computation on the figure model (ui/chart.h): used by the builders, so the terminal,
 * PNG and SVG all show the same; allocates nothing. */
#ifndef LOSSARENA_UI_CHART_TIME_H
#define LOSSARENA_UI_CHART_TIME_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"
#include "ui/chart.h"

typedef enum {
    TIME_AXIS_LINEAR, /* step 0 to the latest: the whole history */
    TIME_AXIS_LOG,    /* log10 steps from step 1 (step 0 has no place on a log axis) */
    TIME_AXIS_WINDOW, /* the last N steps, following the latest */
    TIME_AXIS_COUNT
} TimeAxis;

#define TIME_WINDOW_DEFAULT 1000
#define TIME_WINDOW_MIN 10
#define TIME_WINDOW_MAX 100000000L
/* The smoothing weight of the previous average, as TensorBoard's default slider (0.6) reads
 * a little noisy on a projector; 0.8 averages over about five evaluations. */
#define CHART_EMA_BETA 0.8f

/* "linear", "log", "window". */
const char *time_axis_name(TimeAxis t);
/* Parses "linear", "log" or "window:N" (N whole, TIME_WINDOW_MIN..TIME_WINDOW_MAX). ST_INVAL
 * with a one-line reason in err otherwise; *t and *window untouched then. */
Status time_axis_parse(const char *s, TimeAxis *t, long *window, char *err, size_t errlen);
/* The next window size on the ladder 100, 300, 1k, 3k, ... (dir +1 wider, -1 narrower),
 * staying within TIME_WINDOW_MIN..TIME_WINDOW_MAX; a size off the ladder steps to its
 * neighbour. */
long time_window_step(long window, int dir);
/* A step count the short way: "300", "1k", "2.5k", "10k", "1M". */
void time_steps_text(char *out, size_t n, long steps);

/* Fits c's step axis for mode t (window: the last `window` steps up to the latest x of any
 * series) to max_ticks, drops the points it does not show from every series (their arrays
 * are re-borrowed from the first point shown; series left empty are removed), and appends
 * the mode's label to the title ("· last 1k steps", "· log steps from 1"). The x label is
 * set. */
void chart_time_axis(LineChart *c, TimeAxis t, long window, int max_ticks);

/* Debiased exponential moving average of y[0..n) into out: a_i = β a_{i-1} + (1 − β) y_i from
 * a_{-1} = 0, divided by 1 − β^(t) where t counts the finite values so far (TensorBoard's
 * start-up fix), so out[0] = y[0] and no curve starts near zero. A non-finite y_i is copied
 * as it is and leaves the average unchanged. out may not alias y. */
void chart_ema(const float *y, int n, float beta, float *out);
/* Smooths every series of c: each becomes its EMA (into c->smooth_y), and its raw curve is
 * kept as a faint series drawn first, under all smoothed ones. */
void chart_smooth(LineChart *c, float beta);
/* Appends "· EMA 0.8" to c's title: after the time axis's label, which matters more when a
 * narrow terminal cuts the title. */
void chart_smooth_title(LineChart *c, float beta);

#endif
