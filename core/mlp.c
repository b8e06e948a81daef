/* mlp.c — forward and backward passes of the MLP; all products go through blas_sgemm.
 * Layout per layer l: w (out, in) row-major, b (out); activations (batch, width) row-major. */
#include "core/mlp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/slab.h"

static const char *const act_names[ACT_COUNT] = {"relu", "tanh", "sigmoid"};

const char *activation_name(Activation a)
{
    return (a >= 0 && a < ACT_COUNT) ? act_names[a] : "?";
}

int activation_by_name(const char *name)
{
    for (int i = 0; i < ACT_COUNT; i++)
        if (strcmp(name, act_names[i]) == 0)
            return i;
    return -1;
}

static const char *const init_names[MLP_INIT_COUNT] = {"auto", "he", "glorot", "uniform"};

const char *mlp_init_name(MlpInit init)
{
    return (init >= 0 && init < MLP_INIT_COUNT) ? init_names[init] : "?";
}

int mlp_init_by_name(const char *name)
{
    for (int i = 0; i < MLP_INIT_COUNT; i++)
        if (strcmp(name, init_names[i]) == 0)
            return i;
    return -1;
}

MlpInit mlp_init_resolve(MlpInit init, Activation act)
{
    if (init != MLP_INIT_AUTO)
        return init;
    return act == ACT_RELU ? MLP_INIT_HE : MLP_INIT_GLOROT;
}

Status mlp_shape_check(const MlpShape *s, const char **why)
{
    const char *reason = NULL;
    if (s->n_in < 1 || s->n_in > 1 << 20)
        reason = "input width must be in 1..1048576";
    else if (s->n_out < 2 || s->n_out > 256)
        reason = "class count must be in 2..256";
    else if (s->n_hidden < 0 || s->n_hidden > MLP_MAX_HIDDEN)
        reason = "at most 8 hidden layers";
    else if (s->act < 0 || s->act >= ACT_COUNT)
        reason = "unknown activation";
    else if (s->init < 0 || s->init >= MLP_INIT_COUNT)
        reason = "unknown initialisation";
    for (int i = 0; !reason && i < s->n_hidden; i++)
        if (s->hidden[i] < 1 || s->hidden[i] > MLP_MAX_WIDTH)
            reason = "hidden widths must be in 1..4096";
    if (why)
        *why = reason;
    return reason ? ST_INVAL : ST_OK;
}

void mlp_free(Mlp *m)
{
    slab_free(&m->own);
    memset(m, 0, sizeof *m);
}

/* Fills in the shape, the layer widths and n_params; the sizes of the four buffers in floats. */
static Status mlp_layout(Mlp *m, const MlpShape *shape, int max_batch, size_t *n_acts,
                         size_t *n_delta)
{
    memset(m, 0, sizeof *m);
    if (mlp_shape_check(shape, NULL) != ST_OK || max_batch < 1)
        return ST_INVAL;
    m->shape = *shape;
    m->n_layers = shape->n_hidden + 1;
    m->max_batch = max_batch;
    m->width[0] = shape->n_in;
    for (int l = 0; l < shape->n_hidden; l++)
        m->width[l + 1] = shape->hidden[l];
    m->width[m->n_layers] = shape->n_out;
    int max_width = 0;
    *n_acts = 0;
    for (int l = 0; l < m->n_layers; l++) {
        m->n_params += (size_t)m->width[l + 1] * (size_t)m->width[l] + (size_t)m->width[l + 1];
        *n_acts += (size_t)max_batch * (size_t)m->width[l + 1];
        if (m->width[l + 1] > max_width)
            max_width = m->width[l + 1];
    }
    *n_delta = 2 * (size_t)max_batch * (size_t)max_width;
    return ST_OK;
}

size_t mlp_bytes(const MlpShape *shape, int max_batch)
{
    Mlp m;
    size_t n_acts, n_delta;
    if (mlp_layout(&m, shape, max_batch, &n_acts, &n_delta) != ST_OK)
        return 0;
    return 2 * slab_round(m.n_params * sizeof(float)) + slab_round(n_acts * sizeof(float)) +
           slab_round(n_delta * sizeof(float));
}

size_t mlp_param_count(const MlpShape *shape)
{
    Mlp m;
    size_t n_acts, n_delta;
    return mlp_layout(&m, shape, 1, &n_acts, &n_delta) == ST_OK ? m.n_params : 0;
}

Status mlp_init_in(Mlp *m, const MlpShape *shape, int max_batch, Slab *mem)
{
    size_t n_acts, n_delta;
    Status st = mlp_layout(m, shape, max_batch, &n_acts, &n_delta);
    if (st != ST_OK)
        return st;
    m->params = slab_take(mem, m->n_params * sizeof(float));
    m->grads = slab_take(mem, m->n_params * sizeof(float));
    m->acts = slab_take(mem, n_acts * sizeof(float));
    m->delta[0] = slab_take(mem, n_delta * sizeof(float));
    if (!m->params || !m->grads || !m->acts || !m->delta[0]) {
        mlp_free(m);
        return ST_NOMEM;
    }
    m->delta[1] = m->delta[0] + n_delta / 2;

    size_t p = 0, a = 0;
    for (int l = 0; l < m->n_layers; l++) {
        size_t wsize = (size_t)m->width[l + 1] * (size_t)m->width[l];
        m->w[l] = m->params + p;
        m->gw[l] = m->grads + p;
        p += wsize;
        m->b[l] = m->params + p;
        m->gb[l] = m->grads + p;
        p += (size_t)m->width[l + 1];
        m->out[l] = m->acts + a;
        a += (size_t)max_batch * (size_t)m->width[l + 1];
    }
    return ST_OK;
}

Status mlp_init(Mlp *m, const MlpShape *shape, int max_batch)
{
    Slab own;
    size_t bytes = mlp_bytes(shape, max_batch);
    if (bytes == 0) {
        memset(m, 0, sizeof *m);
        return ST_INVAL;
    }
    if (slab_init(&own, bytes) != ST_OK) {
        memset(m, 0, sizeof *m);
        return ST_NOMEM;
    }
    Status st = mlp_init_in(m, shape, max_batch, &own);
    if (st != ST_OK) {
        slab_free(&own);
        return st;
    }
    m->own = own;
    return ST_OK;
}

void mlp_init_params(Mlp *m, Rng *r)
{
    const MlpInit init = mlp_init_resolve(m->shape.init, m->shape.act);
    for (int l = 0; l < m->n_layers; l++) {
        int fan_in = m->width[l], fan_out = m->width[l + 1];
        /* He keeps the activation variance of ReLU layers through depth; Glorot suits the
         * saturating ones and the linear output layer. Uniform is PyTorch's nn.Linear default
         * (Kaiming-uniform with a = √5 works out to ±1/√fan_in), biases included: with it a
         * run can be compared with a default-initialised PyTorch baseline. */
        double limit;
        if (init == MLP_INIT_UNIFORM)
            limit = 1.0 / sqrt((double)fan_in);
        else if (init == MLP_INIT_HE && l < m->n_layers - 1)
            limit = sqrt(6.0 / fan_in);
        else
            limit = sqrt(6.0 / (fan_in + fan_out));
        size_t n = (size_t)fan_in * (size_t)fan_out;
        for (size_t i = 0; i < n; i++)
            m->w[l][i] = (float)((2.0 * rng_uniform(r) - 1.0) * limit);
        if (init == MLP_INIT_UNIFORM)
            for (int j = 0; j < fan_out; j++)
                m->b[l][j] = (float)((2.0 * rng_uniform(r) - 1.0) * limit);
        else
            memset(m->b[l], 0, (size_t)fan_out * sizeof(float));
    }
}

/* out[r][j] = f(out[r][j] + b[j]) over a (rows, n) block: bias and activation in one pass over
 * the sgemm result. The output layer (act = ACT_COUNT) only adds the bias. */
static void bias_activate(Activation act, float *restrict out, const float *restrict b, int rows,
                          int n)
{
    for (int r = 0; r < rows; r++) {
        float *restrict v = out + (size_t)r * n;
        switch (act) {
        case ACT_RELU:
            for (int j = 0; j < n; j++) {
                float z = v[j] + b[j];
                v[j] = z > 0.0f ? z : 0.0f;
            }
            break;
        case ACT_TANH:
            for (int j = 0; j < n; j++)
                v[j] = tanhf(v[j] + b[j]);
            break;
        case ACT_SIGMOID:
            for (int j = 0; j < n; j++)
                v[j] = 1.0f / (1.0f + expf(-(v[j] + b[j])));
            break;
        default:
            for (int j = 0; j < n; j++)
                v[j] += b[j];
            break;
        }
    }
}

/* delta *= f'(z), written in terms of the activation's output y = f(z). */
static void activation_backward(Activation act, const float *y, float *delta, size_t n)
{
    switch (act) {
    case ACT_RELU:
        for (size_t i = 0; i < n; i++)
            delta[i] = y[i] > 0.0f ? delta[i] : 0.0f;
        break;
    case ACT_TANH:
        for (size_t i = 0; i < n; i++)
            delta[i] *= 1.0f - y[i] * y[i];
        break;
    case ACT_SIGMOID:
        for (size_t i = 0; i < n; i++)
            delta[i] *= y[i] * (1.0f - y[i]);
        break;
    default:
        break;
    }
}

const float *mlp_forward(Mlp *m, const float *x, int batch)
{
    const float *in = x;
    for (int l = 0; l < m->n_layers; l++) {
        int n_in = m->width[l], n_out = m->width[l + 1];
        float *out = m->out[l];
        /* out = in · wᵀ, then bias and activation together in one pass */
        blas_sgemm(false, true, batch, n_out, n_in, 1.0f, in, n_in, m->w[l], n_in, 0.0f, out,
                   n_out);
        bias_activate(l < m->n_layers - 1 ? m->shape.act : ACT_COUNT, out, m->b[l], batch, n_out);
        in = out;
    }
    return m->out[m->n_layers - 1];
}

void mlp_backward(Mlp *m, const float *x, const float *dlogits, int batch)
{
    const float *delta = dlogits; /* d(loss)/d(pre-activation) of layer l, (batch, width[l+1]) */
    for (int l = m->n_layers - 1; l >= 0; l--) {
        int n_in = m->width[l], n_out = m->width[l + 1];
        const float *in = l > 0 ? m->out[l - 1] : x;
        /* gw (out, in) = deltaᵀ (out, batch) · in (batch, in) */
        blas_sgemm(true, false, n_out, n_in, batch, 1.0f, delta, n_out, in, n_in, 0.0f, m->gw[l],
                   n_in);
        for (int j = 0; j < n_out; j++)
            m->gb[l][j] = 0.0f;
        for (int r = 0; r < batch; r++) {
            const float *row = delta + (size_t)r * n_out;
            for (int j = 0; j < n_out; j++)
                m->gb[l][j] += row[j];
        }
        if (l == 0)
            break;
        /* d(in) (batch, in) = delta (batch, out) · w (out, in), then through the activation. */
        float *next = m->delta[l & 1];
        blas_sgemm(false, false, batch, n_in, n_out, 1.0f, delta, n_out, m->w[l], n_in, 0.0f, next,
                   n_in);
        activation_backward(m->shape.act, m->out[l - 1], next, (size_t)batch * n_in);
        delta = next;
    }
}
