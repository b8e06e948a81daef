/* clock.h — monotonic wall time for rates, ETAs, bursts and frame pacing. */
#ifndef LOSSARENA_SRC_CLOCK_H
#define LOSSARENA_SRC_CLOCK_H

/* Seconds on CLOCK_MONOTONIC: only differences mean anything. */
double clock_now(void);

#endif
