/* optim.h — SGD, momentum (optionally Nesterov) and Adam as flat loops over parameter slabs.
 * Optimizer state (first and second moments) is one piece of a slab (core/slab.h): the
 * optimizer's own (optim_init) or its caller's (optim_init_in). */
#ifndef LOSSARENA_CORE_OPTIM_H
#define LOSSARENA_CORE_OPTIM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/slab.h"
#include "core/status.h"

typedef enum { OPT_SGD, OPT_MOMENTUM, OPT_ADAM, OPT_COUNT } OptimKind;

typedef struct {
    OptimKind kind;
    float lr;
    float momentum;          /* OPT_MOMENTUM: velocity decay, e.g. 0.9 */
    bool nesterov;           /* OPT_MOMENTUM: look-ahead form */
    float beta1, beta2, eps; /* OPT_ADAM */
} OptimConfig;

typedef struct {
    size_t n;
    Slab own; /* owned: the memory of optim_init; zero after optim_init_in (the caller's) */
    float *m; /* borrowed, 2n: first moment / velocity (n), then second moment (n) */
    float *v; /* borrowed: m + n */
    long t;   /* steps taken, for Adam's bias correction */
} Optim;

/* The one home of the default learning rates: on the small 2-D sets Adam 3e-3, SGD 0.1,
 * momentum 0.05; on image data (784 inputs) Adam takes 1e-3, the others the same. */
float optim_default_lr(OptimKind kind, bool image_data);
/* Defaults for kind (momentum 0.9, Adam betas 0.9/0.999, eps 1e-8) with the 2-D default lr. */
OptimConfig optim_defaults(OptimKind kind);
const char *optim_name(OptimKind kind);
/* The optimizer named name ("sgd", "momentum", "adam"), or -1. */
int optim_by_name(const char *name);

/* Bytes of slab the state of n parameters takes (SIZE_MAX: more than any slab holds). */
size_t optim_bytes(size_t n);
/* State for n parameters, zero, in a slab of its own. */
Status optim_init(Optim *o, size_t n);
/* The same in optim_bytes(n) of zeroed memory taken from mem, which the caller owns and frees
 * after optim_free (ST_NOMEM when mem is short). */
Status optim_init_in(Optim *o, size_t n, Slab *mem);
/* Safe on a zeroed Optim. */
void optim_free(Optim *o);
/* Zeroes the state, as at init. */
void optim_reset(Optim *o);
/* One update of params[0..n) from grads[0..n). Allocates nothing. Returns whether every
 * updated parameter is finite: the divergence check rides along the update's one pass. */
bool optim_step(Optim *o, const OptimConfig *cfg, float *params, const float *grads);

#endif
