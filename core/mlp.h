/* mlp.h — a multi-layer perceptron with minibatch forward and backward over sgemm.
 * Parameters, gradients, activations and backprop buffers are four pieces of one slab
 * (core/slab.h): the Mlp's own (mlp_init) or its caller's (mlp_init_in). Forward and backward
 * allocate nothing. Hidden layers use one activation; the output is K linear logits. */
#ifndef LOSSARENA_CORE_MLP_H
#define LOSSARENA_CORE_MLP_H

#include <stddef.h>

#include "core/rng.h"
#include "core/slab.h"
#include "core/status.h"

#define MLP_MAX_HIDDEN 8
#define MLP_MAX_WIDTH 4096

typedef enum { ACT_RELU, ACT_TANH, ACT_SIGMOID, ACT_COUNT } Activation;

/* How the parameters start. MLP_INIT_AUTO (zero, the default) is He for ReLU networks and
 * Glorot for the saturating activations. Uniform is PyTorch's nn.Linear default. */
typedef enum {
    MLP_INIT_AUTO,
    MLP_INIT_HE,      /* hidden w ~ U(±√(6/fan_in)), output w Glorot, biases 0 */
    MLP_INIT_GLOROT,  /* every w ~ U(±√(6/(fan_in+fan_out))), biases 0 */
    MLP_INIT_UNIFORM, /* every w and b ~ U(±1/√fan_in) */
    MLP_INIT_COUNT
} MlpInit;

typedef struct {
    int n_in;                   /* input features */
    int n_out;                  /* classes (logits) */
    int n_hidden;               /* hidden layers, 0..MLP_MAX_HIDDEN */
    int hidden[MLP_MAX_HIDDEN]; /* their widths, 1..MLP_MAX_WIDTH */
    Activation act;
    MlpInit init; /* read by mlp_init_params only */
} MlpShape;

typedef struct {
    MlpShape shape;
    int n_layers;  /* n_hidden + 1 linear layers */
    int max_batch; /* rows the activation buffers hold */
    size_t n_params;
    Slab own;      /* owned: the memory of mlp_init; zero after mlp_init_in (the caller's) */
    float *params; /* borrowed from the slab: per layer w (out, in) then b (out) */
    float *grads;  /* borrowed from the slab, same layout as params */
    float *w[MLP_MAX_HIDDEN + 1], *b[MLP_MAX_HIDDEN + 1];   /* borrowed views into params */
    float *gw[MLP_MAX_HIDDEN + 1], *gb[MLP_MAX_HIDDEN + 1]; /* borrowed views into grads */
    int width[MLP_MAX_HIDDEN + 2]; /* width[0] = n_in, ..., width[n_layers] = n_out */
    float *acts; /* borrowed from the slab: outputs of every layer, (max_batch, width[l+1]) each */
    float *out[MLP_MAX_HIDDEN + 1]; /* borrowed views into acts; out[n_layers-1] = logits */
    float
        *delta[2]; /* borrowed from the slab: ping-pong backprop buffers, (max_batch, max width) */
} Mlp;

const char *activation_name(Activation a);
/* The activation named name ("relu", "tanh", "sigmoid"), or -1. */
int activation_by_name(const char *name);
/* "auto", "he", "glorot", "uniform"; mlp_init_by_name returns -1 when unknown. */
const char *mlp_init_name(MlpInit init);
int mlp_init_by_name(const char *name);
/* What MLP_INIT_AUTO means for act (He for ReLU, Glorot otherwise); other values unchanged. */
MlpInit mlp_init_resolve(MlpInit init, Activation act);

/* Checks a shape: ST_INVAL with a reason in why (may be NULL) when unusable. */
Status mlp_shape_check(const MlpShape *s, const char **why);
/* Weights and biases of an Mlp of shape (0: bad shape). */
size_t mlp_param_count(const MlpShape *shape);
/* Bytes of slab an Mlp of shape for batches of up to max_batch rows takes (0: bad shape). */
size_t mlp_bytes(const MlpShape *shape, int max_batch);
/* Allocates every buffer for batches of up to max_batch rows in a slab of its own.
 * Parameters are zero. */
Status mlp_init(Mlp *m, const MlpShape *shape, int max_batch);
/* The same with mlp_bytes(shape, max_batch) of zeroed memory taken from mem, which the caller
 * owns and frees after mlp_free (ST_NOMEM when mem is short). */
Status mlp_init_in(Mlp *m, const MlpShape *shape, int max_batch, Slab *mem);
/* Safe on a zeroed or half-built Mlp. */
void mlp_free(Mlp *m);
/* Draws every parameter from r as m->shape.init says (see MlpInit). */
void mlp_init_params(Mlp *m, Rng *r);

/* Forward pass of batch rows of x (batch, n_in), batch <= max_batch.
 * Returns the logits (batch, n_out): borrowed, valid until the next forward. */
const float *mlp_forward(Mlp *m, const float *x, int batch);
/* Backward pass after mlp_forward on the same x: from dlogits (batch, n_out) writes the
 * gradients of every parameter into m->grads (overwriting, not accumulating). */
void mlp_backward(Mlp *m, const float *x, const float *dlogits, int batch);

#endif
