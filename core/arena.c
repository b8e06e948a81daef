/* arena.c — lock-step training of the models, evaluation, divergence and noise.
 * Fairness lives here: one weight init copied to every model, one minibatch order, one
 * input-noise draw per minibatch, one set of flipped labels, one optimizer configuration. */
#include "core/arena.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Independent random streams of the run's one seed, one per purpose, so that changing e.g. the
 * label noise never shifts the minibatch order. */
enum { STREAM_WEIGHTS = 1, STREAM_ORDER, STREAM_LABEL_NOISE, STREAM_INPUT_NOISE, STREAM_EVAL };

const char *diverge_reason_str(DivergeReason why)
{
    switch (why) {
    case DIV_NONE:
        return "";
    case DIV_LOSS_NAN:
        return "NaN loss";
    case DIV_LOSS_INF:
        return "infinite loss";
    case DIV_LOGITS:
        return "non-finite outputs";
    case DIV_PARAMS:
        return "non-finite weights";
    }
    return "?";
}

ArenaConfig arena_defaults(void)
{
    ArenaConfig c;
    memset(&c, 0, sizeof c);
    c.n_losses = LOSS_COUNT;
    for (int i = 0; i < LOSS_COUNT; i++)
        c.losses[i] = (LossId)i;
    c.n_hidden = 2;
    c.hidden[0] = 64;
    c.hidden[1] = 64;
    c.act = ACT_RELU;
    c.opt = optim_defaults(OPT_ADAM);
    c.batch = 64;
    c.seed = 1;
    c.eval_every = 50;
    return c;
}

Status arena_config_check(const ArenaConfig *c, const char **why)
{
    const char *reason = NULL;
    if (c->n_losses < 1 || c->n_losses > ARENA_MAX_MODELS)
        reason = "need 1 to 16 losses";
    for (int i = 0; !reason && i < c->n_losses; i++) {
        if (c->losses[i] < 0 || c->losses[i] >= LOSS_COUNT)
            reason = "unknown loss";
        for (int j = 0; !reason && j < i; j++)
            if (c->losses[j] == c->losses[i])
                reason = "each loss may be chosen only once";
    }
    if (reason) {
    } else if (c->n_hidden < 0 || c->n_hidden > MLP_MAX_HIDDEN) {
        reason = "at most 8 hidden layers";
    } else if (!(c->opt.lr > 0.0f) || !isfinite(c->opt.lr)) {
        reason = "learning rate must be a positive number";
    } else if (c->opt.kind < 0 || c->opt.kind >= OPT_COUNT) {
        reason = "unknown optimizer";
    } else if (c->batch < 1 || c->batch > ARENA_MAX_BATCH) {
        reason = "batch size must be in 1..4096";
    } else if (c->max_batch != 0 && (c->max_batch < c->batch || c->max_batch > ARENA_MAX_BATCH)) {
        reason = "max batch must be in batch..4096";
    } else if (!(c->label_noise >= 0.0 && c->label_noise < 1.0)) {
        reason = "label noise must be in [0, 1)";
    } else if (!(c->input_noise >= 0.0) || !isfinite(c->input_noise)) {
        reason = "input noise must be a finite number >= 0";
    } else if (c->eval_every < 1) {
        reason = "evaluation interval must be at least 1 step";
    }
    for (int i = 0; !reason && i < c->n_hidden; i++)
        if (c->hidden[i] < 1 || c->hidden[i] > MLP_MAX_WIDTH)
            reason = "hidden widths must be in 1..4096";
    if (why)
        *why = reason;
    return reason ? ST_INVAL : ST_OK;
}

int label_noise_apply(const int32_t *clean, int32_t *labels, uint8_t *flipped, int n, int k,
                      double p, uint64_t seed)
{
    memcpy(labels, clean, (size_t)n * sizeof *labels);
    memset(flipped, 0, (size_t)n);
    int n_flip = (int)floor(p * n + 0.5);
    if (n_flip <= 0 || k < 2)
        return 0;
    if (n_flip > n)
        n_flip = n;
    /* Examples are picked by rejection from one seeded stream, so the first n_flip picks are
     * the same for every p: flips at 10 % are a subset of flips at 30 %, with the same new
     * labels, and no n-sized index array is needed. */
    Rng r;
    rng_seed(&r, seed, STREAM_LABEL_NOISE);
    int done = 0;
    while (done < n_flip) {
        uint32_t i = rng_below(&r, (uint32_t)n);
        uint32_t other = rng_below(&r, (uint32_t)(k - 1));
        if (flipped[i])
            continue; /* rejection keeps the picks uniform without an n-sized index array */
        flipped[i] = 1;
        labels[i] = (int32_t)other >= clean[i] ? (int32_t)other + 1 : (int32_t)other;
        done++;
    }
    return n_flip;
}

static void model_free(ArenaModel *m)
{
    mlp_free(&m->mlp);
    optim_free(&m->opt);
    memset(m, 0, sizeof *m);
}

void arena_free(Arena *a)
{
    for (int i = 0; i < a->n_models; i++)
        model_free(&a->models[i]);
    free(a->labels);
    free(a->flipped);
    free(a->order);
    free(a->batch_idx);
    free(a->batch_y);
    free(a->noise_row_rng);
    free(a->train_eval_idx);
    free(a->test_eval_idx);
    free(a->test_all_idx);
    free(a->train_eval_clean);
    free(a->train_eval_flipped);
    slab_free(&a->mem);
    memset(a, 0, sizeof *a);
}

/* Indices of the examples evaluation covers: all of them, or a fixed seeded sample (kept in
 * increasing order, for memory locality) when the split is larger. A split of up to ARENA_EVAL_TEST
 * examples is evaluated whole: small data cost little, and their numbers stay those of the whole
 * split. */
static uint32_t *eval_indices(int n, int max, uint64_t seed, uint64_t salt, int *count)
{
    *count = n <= ARENA_EVAL_TEST || n < max ? n : max;
    uint32_t *idx = malloc((size_t)n * sizeof *idx);
    if (!idx)
        return NULL;
    for (int i = 0; i < n; i++)
        idx[i] = (uint32_t)i;
    if (*count < n) {
        Rng r;
        rng_seed(&r, seed ^ salt, STREAM_EVAL);
        rng_shuffle(&r, idx, (size_t)n);
        /* counting pass keeps the chosen ones in increasing order */
        uint8_t *mark = calloc((size_t)n, 1);
        if (!mark) {
            free(idx);
            return NULL;
        }
        for (int i = 0; i < *count; i++)
            mark[idx[i]] = 1;
        int w = 0;
        for (int i = 0; i < n; i++)
            if (mark[i])
                idx[w++] = (uint32_t)i;
        free(mark);
    }
    return idx;
}

/* ---- diagnostics of the training subset (core/diagnostics.h) ---- */

/* The subset's true labels and flip marks, read by every model's evaluation: refreshed
 * whenever the label noise changes, with no evaluation in flight. */
static void diag_refresh_subset(Arena *a)
{
    for (int i = 0; i < a->n_train_eval; i++) {
        uint32_t j = a->train_eval_idx[i];
        a->train_eval_clean[i] = a->data->train.y[j];
        a->train_eval_flipped[i] = a->flipped[j];
    }
}

static void diag_eval_begin(ArenaModel *m)
{
    diag_begin(&m->diag_acc, NULL, 0.0f, 0.0f, 0);
}

/* Rows start..start+c of the training subset, whose logits and labels the evaluation has. */
static void diag_eval_chunk(Arena *a, ArenaModel *m, const float *logits, const int32_t *labels,
                            int start, int c)
{
    const uint8_t *flipped = a->n_flipped > 0 ? a->train_eval_flipped + start : NULL;
    diag_add_keep(&m->diag_acc, loss_def(m->loss), logits, labels, a->train_eval_clean + start,
                  flipped, c, a->k, m->diag_margins + start, m->diag_norms + start);
    memcpy(m->diag_flipped + start, a->train_eval_flipped + start, (size_t)c);
}

/* The evaluation's diagnostics into r, and their curves (a point only where defined). */
static void diag_eval_end(ArenaModel *m, EvalResult *r)
{
    r->diag = diag_end(&m->diag_acc);
    const Diagnostics *d = &r->diag;
    const float x = (float)r->step;
    if (d->memorized >= 0.0f)
        history_push(&m->memorized, x, d->memorized);
    if (d->clean_acc >= 0.0f)
        history_push(&m->clean_acc, x, d->clean_acc);
    if (d->grad_mean_correct >= 0.0f)
        history_push(&m->grad_correct, x, d->grad_mean_correct);
    if (d->grad_mean_wrong >= 0.0f)
        history_push(&m->grad_wrong, x, d->grad_mean_wrong);
}

static void diag_reset_model(ArenaModel *m)
{
    m->last.diag = diag_none();
    history_clear(&m->memorized);
    history_clear(&m->clean_acc);
    history_clear(&m->grad_correct);
    history_clear(&m->grad_wrong);
}

/* A buffer of the arena's slab: the address of the pointer (of whatever type) that receives
 * it, and how many bytes it takes. */
typedef struct {
    void *field;
    size_t bytes;
} Piece;

enum { SHARED_PIECES = 4, MODEL_PIECES = 9 };

/* The large buffers every model shares, in the order they are taken from the slab. */
static void shared_pieces(Arena *a, Piece p[SHARED_PIECES])
{
    const size_t f = sizeof(float), dim = (size_t)a->dim;
    p[0] = (Piece){&a->batch_x, (size_t)a->cfg.max_batch * dim * f};
    p[1] = (Piece){&a->train_eval_x, (size_t)a->n_train_eval * dim * f};
    p[2] = (Piece){&a->test_eval_x, (size_t)a->n_test_eval * dim * f};
    p[3] =
        (Piece){&a->shared_logits, (size_t)(a->n_train_eval + a->n_test_eval) * (size_t)a->k * f};
}

/* One model's buffers beside its Mlp and Optim, in the order they are taken. */
static int model_pieces(const Arena *a, ArenaModel *m, Piece p[MODEL_PIECES])
{
    const size_t f = sizeof(float), mb = (size_t)a->cfg.max_batch;
    const size_t n = (size_t)(a->n_train_eval > 0 ? a->n_train_eval : 1);
    int i = 0;
    p[i++] = (Piece){&m->dlogits, mb * (size_t)a->k * f};
    p[i++] = (Piece){&m->eval_x, mb * (size_t)a->dim * f};
    p[i++] = (Piece){&m->eval_y, mb * sizeof(int32_t)};
    p[i++] = (Piece){&m->margins, n * f};
    p[i++] = (Piece){&m->diag_margins, n * f};
    p[i++] = (Piece){&m->diag_norms, n * f};
    p[i++] = (Piece){&m->diag_flipped, n};
    if (a->dim == 2) {
        p[i++] = (Piece){&m->grid, ARENA_GRID * ARENA_GRID};
        p[i++] = (Piece){&m->grid_conf, ARENA_GRID * ARENA_GRID * f};
    }
    return i;
}

static size_t pieces_bytes(const Piece *p, int n)
{
    size_t bytes = 0;
    for (int i = 0; i < n; i++)
        bytes += slab_round(p[i].bytes);
    return bytes;
}

static bool pieces_take(Slab *mem, const Piece *p, int n)
{
    for (int i = 0; i < n; i++) {
        void *piece = slab_take(mem, p[i].bytes);
        if (piece == NULL)
            return false;
        memcpy(p[i].field, &piece, sizeof piece); /* a float * or an int32_t *, not a void * */
    }
    return true;
}

/* Every large buffer of the arena in one slab: shared ones, then model after model. */
static Status arena_slab_init(Arena *a, const MlpShape *shape)
{
    Piece shared[SHARED_PIECES], model[MODEL_PIECES];
    ArenaModel sizing;
    shared_pieces(a, shared);
    size_t per_model = mlp_bytes(shape, a->cfg.max_batch) + optim_bytes(mlp_param_count(shape)) +
                       pieces_bytes(model, model_pieces(a, &sizing, model));
    Status st =
        slab_init(&a->mem, pieces_bytes(shared, SHARED_PIECES) + (size_t)a->n_models * per_model);
    if (st != ST_OK)
        return st;
    return pieces_take(&a->mem, shared, SHARED_PIECES) ? ST_OK : ST_NOMEM;
}

static Status model_init(Arena *a, ArenaModel *m, LossId loss, const MlpShape *shape)
{
    Piece pieces[MODEL_PIECES];
    m->loss = loss;
    Status st = mlp_init_in(&m->mlp, shape, a->cfg.max_batch, &a->mem);
    if (st != ST_OK)
        return st;
    st = optim_init_in(&m->opt, m->mlp.n_params, &a->mem);
    if (st != ST_OK)
        return st;
    return pieces_take(&a->mem, pieces, model_pieces(a, m, pieces)) ? ST_OK : ST_NOMEM;
}

Status arena_init(Arena *a, const ArenaConfig *cfg, const DataSplit *data)
{
    memset(a, 0, sizeof *a);
    if (arena_config_check(cfg, NULL) != ST_OK)
        return ST_INVAL;
    if (data->train.n < 1 || data->test.n < 1 || data->train.dim != data->test.dim ||
        data->train.k != data->test.k)
        return ST_INVAL;
    a->cfg = *cfg;
    if (a->cfg.max_batch == 0)
        a->cfg.max_batch = cfg->batch > 512 ? cfg->batch : 512;
    a->data = data;
    a->k = data->train.k;
    a->dim = data->train.dim;
    rng_ziggurat_init(&a->normal_table);
    const int n = data->train.n, mb = a->cfg.max_batch;

    MlpShape shape = {.n_in = a->dim,
                      .n_out = a->k,
                      .n_hidden = cfg->n_hidden,
                      .act = cfg->act,
                      .init = cfg->init};
    memcpy(shape.hidden, cfg->hidden, sizeof shape.hidden);
    if (mlp_shape_check(&shape, NULL) != ST_OK)
        return ST_INVAL;

    a->labels = malloc((size_t)n * sizeof *a->labels);
    a->flipped = malloc((size_t)n);
    a->order = malloc((size_t)n * sizeof *a->order);
    a->batch_idx = malloc((size_t)mb * sizeof *a->batch_idx);
    a->batch_y = malloc((size_t)mb * sizeof *a->batch_y);
    a->noise_row_rng = malloc((size_t)mb * sizeof *a->noise_row_rng);
    a->train_eval_idx =
        eval_indices(n, ARENA_EVAL_TRAIN, cfg->seed, 0x7261696eULL, &a->n_train_eval);
    a->test_eval_idx =
        eval_indices(data->test.n, ARENA_EVAL_TEST, cfg->seed, 0x74657374ULL, &a->n_test_eval);
    if (!a->labels || !a->flipped || !a->order || !a->batch_idx || !a->batch_y ||
        !a->noise_row_rng || !a->train_eval_idx || !a->test_eval_idx)
        goto nomem;
    a->test_all_idx = malloc((size_t)data->test.n * sizeof *a->test_all_idx);
    a->train_eval_clean = malloc((size_t)(a->n_train_eval > 0 ? a->n_train_eval : 1) * 4);
    a->train_eval_flipped = malloc((size_t)(a->n_train_eval > 0 ? a->n_train_eval : 1));
    if (!a->test_all_idx || !a->train_eval_clean || !a->train_eval_flipped)
        goto nomem;
    a->n_models = cfg->n_losses;
    if (arena_slab_init(a, &shape) != ST_OK)
        goto nomem;
    /* Every model scores the same subsets: converting them to floats once, here, saves each
     * evaluation of each model a gather (and a byte-to-float pass on image data). */
    dataset_gather(&data->train, a->train_eval_idx, a->n_train_eval, a->train_eval_x);
    dataset_gather(&data->test, a->test_eval_idx, a->n_test_eval, a->test_eval_x);
    for (int i = 0; i < data->test.n; i++)
        a->test_all_idx[i] = (uint32_t)i;

    if (a->dim == 2) {
        /* The boundary grid covers the data with a 10 % border on each side. */
        const Dataset *d = &data->train;
        for (int c = 0; c < 2; c++) {
            float lo = INFINITY, hi = -INFINITY;
            for (int i = 0; i < d->n; i++) {
                float v = d->x ? d->x[2 * i + c] : d->x_u8[2 * i + c] * d->u8_scale;
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
            float pad = 0.1f * (hi - lo) + 1e-3f;
            a->grid_lo[c] = lo - pad;
            a->grid_hi[c] = hi + pad;
        }
    }

    for (int i = 0; i < a->n_models; i++) {
        Status st = model_init(a, &a->models[i], cfg->losses[i], &shape);
        if (st != ST_OK) {
            arena_free(a);
            return st;
        }
    }
    arena_reset(a);
    return ST_OK;
nomem:
    arena_free(a);
    return ST_NOMEM;
}

static void shuffle_order(Arena *a)
{
    rng_shuffle(&a->order_rng, a->order, (size_t)a->data->train.n);
    a->order_pos = 0;
}

void arena_reset(Arena *a)
{
    const int n = a->data->train.n;
    Rng wr;
    rng_seed(&wr, a->cfg.seed, STREAM_WEIGHTS);
    mlp_init_params(&a->models[0].mlp, &wr);
    for (int i = 0; i < a->n_models; i++) {
        ArenaModel *m = &a->models[i];
        if (i > 0) /* a copy, not a re-draw: bit-identical starting weights by construction */
            memcpy(m->mlp.params, a->models[0].mlp.params, m->mlp.n_params * sizeof(float));
        optim_reset(&m->opt);
        m->diverged = false;
        m->diverged_step = 0;
        m->diverged_why = DIV_NONE;
        m->diverged_lr = 0.0f;
        m->batch_loss = NAN;
        m->has_eval = false;
        memset(&m->last, 0, sizeof m->last);
        history_clear(&m->train_loss);
        history_clear(&m->test_loss);
        history_clear(&m->train_acc);
        history_clear(&m->test_acc);
        diag_reset_model(m);
    }
    a->n_flipped = label_noise_apply(a->data->train.y, a->labels, a->flipped, n, a->k,
                                     a->cfg.label_noise, a->cfg.seed);
    diag_refresh_subset(a);
    for (int i = 0; i < n; i++)
        a->order[i] = (uint32_t)i;
    rng_seed(&a->order_rng, a->cfg.seed, STREAM_ORDER);
    shuffle_order(a);
    a->noise_rows = 0;
    a->step = 0;
    a->epoch = 0;
    a->samples = 0.0;
    a->last_eval_step = -1;
    a->batch_n = 0;
}

void arena_draw_batch(Arena *a)
{
    const int n = a->data->train.n, b = a->cfg.batch;
    for (int i = 0; i < b; i++) {
        if (a->order_pos == n) {
            shuffle_order(a);
            a->epoch++;
        }
        a->batch_idx[i] = a->order[a->order_pos++];
    }
    dataset_gather(&a->data->train, a->batch_idx, b, a->batch_x);
    for (int i = 0; i < b; i++)
        a->batch_y[i] = a->labels[a->batch_idx[i]];
    if (a->cfg.input_noise > 0.0)
        for (int i = 0; i < b; i++)
            rng_seed(&a->noise_row_rng[i], a->cfg.seed, arena_noise_stream(a->noise_rows++));
    a->batch_n = b;
}

/* Above every other stream of the arena (all below 8), one per row. */
uint64_t arena_noise_stream(uint64_t row)
{
    return STREAM_INPUT_NOISE + 8 * (row + 1);
}

void arena_add_input_noise(Arena *a, int part, int n_parts)
{
    if (a->cfg.input_noise <= 0.0)
        return;
    const float s = (float)a->cfg.input_noise;
    const int b = a->batch_n, lo = (int)((long)b * part / n_parts),
              hi = (int)((long)b * (part + 1) / n_parts);
    const size_t dim = (size_t)a->dim;
    for (int i = lo; i < hi; i++) {
        Rng r = a->noise_row_rng[i];
        float *x = a->batch_x + (size_t)i * dim;
        for (size_t j = 0; j < dim; j++)
            x[j] += s * rng_normal_fast(&r, &a->normal_table);
    }
}

void arena_begin_step(Arena *a)
{
    arena_draw_batch(a);
    arena_add_input_noise(a, 0, 1);
}

static bool all_finite(const float *v, size_t n)
{
    /* v * 0 is 0 for every finite v and NaN for NaN or Inf, so one branch-free sum that
     * vectorises answers the question for the whole array. */
    float s = 0.0f;
    for (size_t i = 0; i < n; i++)
        s += v[i] * 0.0f;
    return s == 0.0f;
}

static void mark_diverged(Arena *a, ArenaModel *m, DivergeReason why)
{
    m->diverged = true;
    m->diverged_step = a->step;
    m->diverged_why = why;
    m->diverged_lr = a->cfg.opt.lr;
}

void arena_step_model(Arena *a, int mi)
{
    ArenaModel *m = &a->models[mi];
    if (m->diverged || a->batch_n == 0)
        return;
    const int b = a->batch_n;
    const float *logits = mlp_forward(&m->mlp, a->batch_x, b);
    double loss = loss_def(m->loss)->eval(logits, a->batch_y, b, a->k, m->dlogits, NULL);
    if (!all_finite(logits, (size_t)b * (size_t)a->k)) {
        mark_diverged(a, m, DIV_LOGITS);
        return;
    }
    if (!isfinite(loss)) {
        mark_diverged(a, m, isnan(loss) ? DIV_LOSS_NAN : DIV_LOSS_INF);
        return;
    }
    m->batch_loss = loss;
    mlp_backward(&m->mlp, a->batch_x, m->dlogits, b);
    if (!optim_step(&m->opt, &a->cfg.opt, m->mlp.params, m->mlp.grads))
        mark_diverged(a, m, DIV_PARAMS);
}

void arena_end_step(Arena *a)
{
    a->step++;
    a->samples += a->batch_n;
    a->batch_n = 0;
}

bool arena_eval_due(const Arena *a)
{
    return a->last_eval_step != a->step && a->step % a->cfg.eval_every == 0;
}

typedef struct {
    double loss_sum;
    long correct;
} EvalSums;

/* Forward pass over the examples idx[0..count) of d in chunks of max_batch rows (the GEMM path
 * of training), with labels from labels[]. x holds those examples as floats already, or is NULL
 * and each chunk is gathered into the model's scratch. shared, when not NULL, holds the logits
 * of those examples already (arena_eval_share_begin): no forward pass then. */
static EvalSums eval_split(Arena *a, ArenaModel *m, const Dataset *d, const int32_t *labels,
                           const uint32_t *idx, int count, const float *x, const float *shared,
                           float *margins)
{
    EvalSums s = {0.0, 0};
    const int chunk = a->cfg.max_batch, k = a->k;
    const LossDef *def = loss_def(m->loss);
    for (int start = 0; start < count; start += chunk) {
        int c = count - start < chunk ? count - start : chunk;
        const float *in = x ? x + (size_t)start * (size_t)a->dim : m->eval_x;
        if (!x)
            dataset_gather(d, idx + start, c, m->eval_x);
        for (int i = 0; i < c; i++)
            m->eval_y[i] = labels[idx[start + i]];
        const float *logits =
            shared ? shared + (size_t)start * (size_t)k : mlp_forward(&m->mlp, in, c);
        s.loss_sum += def->eval(logits, m->eval_y, c, k, NULL, NULL) * c;
        for (int i = 0; i < c; i++) {
            const float *row = logits + (size_t)i * k;
            if (metrics_argmax(row, k) == m->eval_y[i])
                s.correct++;
            if (margins)
                margins[start + i] = metrics_margin(row, k, m->eval_y[i]);
        }
        if (margins) /* the training subset: its diagnostics from the same logits */
            diag_eval_chunk(a, m, logits, m->eval_y, start, c);
    }
    return s;
}

static void eval_grid(Arena *a, ArenaModel *m)
{
    const int cells = ARENA_GRID * ARENA_GRID, chunk = a->cfg.max_batch, k = a->k;
    const float dx = (a->grid_hi[0] - a->grid_lo[0]) / ARENA_GRID;
    const float dy = (a->grid_hi[1] - a->grid_lo[1]) / ARENA_GRID;
    for (int start = 0; start < cells; start += chunk) {
        int c = cells - start < chunk ? cells - start : chunk;
        for (int i = 0; i < c; i++) {
            int cell = start + i, row = cell / ARENA_GRID, col = cell % ARENA_GRID;
            m->eval_x[2 * i] = a->grid_lo[0] + (col + 0.5f) * dx;
            m->eval_x[2 * i + 1] = a->grid_lo[1] + (row + 0.5f) * dy;
        }
        const float *logits = mlp_forward(&m->mlp, m->eval_x, c);
        for (int i = 0; i < c; i++) {
            const float *o = logits + (size_t)i * k;
            int best = metrics_argmax(o, k);
            double z = 0.0; /* softmax max = 1 / Σ exp(o_j − o_max) */
            for (int j = 0; j < k; j++)
                z += exp((double)o[j] - o[best]);
            m->grid[start + i] = (uint8_t)best;
            m->grid_conf[start + i] = (float)(1.0 / z);
        }
    }
}

static void eval_model(Arena *a, int mi, bool final)
{
    ArenaModel *m = &a->models[mi];
    if (m->diverged)
        return;
    const DataSplit *d = a->data;
    diag_eval_begin(m);
    const float *shared = a->eval_shared && !final ? a->shared_logits : NULL;
    EvalSums tr = eval_split(a, m, &d->train, a->labels, a->train_eval_idx, a->n_train_eval,
                             a->train_eval_x, shared, m->margins);
    const int n_test = final ? d->test.n : a->n_test_eval;
    EvalSums te =
        final ? eval_split(a, m, &d->test, d->test.y, a->test_all_idx, n_test, NULL, NULL, NULL)
              : eval_split(a, m, &d->test, d->test.y, a->test_eval_idx, n_test, a->test_eval_x,
                           shared ? shared + (size_t)a->n_train_eval * (size_t)a->k : NULL, NULL);
    EvalResult r;
    r.step = a->step;
    r.epoch = a->samples / d->train.n;
    r.train_loss = (float)(tr.loss_sum / a->n_train_eval);
    r.train_acc = (float)tr.correct / (float)a->n_train_eval;
    r.test_loss = (float)(te.loss_sum / n_test);
    r.test_acc = (float)te.correct / (float)n_test;
    if (!isfinite(r.train_loss) || !isfinite(r.test_loss)) {
        /* finite weights can still overflow the outputs on unseen inputs; a preview only
         * looks, so the scheduled evaluation decides (and the training stays the same) */
        if (!a->eval_preview)
            mark_diverged(a, m, DIV_LOGITS);
        return;
    }
    /* The quantiles give the views a robust common range; the median goes to the CSV. The
     * selections only reorder margins, which histograms do not mind. */
    m->margin_lo = metrics_quantile(m->margins, (size_t)a->n_train_eval, 0.025);
    m->margin_hi = metrics_quantile(m->margins, (size_t)a->n_train_eval, 0.975);
    r.margin_median = metrics_median(m->margins, (size_t)a->n_train_eval);
    if (m->grid && (final || !a->grid_final_only))
        eval_grid(a, m);
    diag_eval_end(m, &r);
    m->last = r;
    m->has_eval = true;
    history_push(&m->train_loss, (float)r.step, r.train_loss);
    history_push(&m->test_loss, (float)r.step, r.test_loss);
    history_push(&m->train_acc, (float)r.step, r.train_acc);
    history_push(&m->test_acc, (float)r.step, r.test_acc);
}

void arena_eval_model(Arena *a, int m)
{
    eval_model(a, m, false);
}

void arena_eval_model_final(Arena *a, int m)
{
    eval_model(a, m, true);
}

float arena_test_acc_full(Arena *a, int mi)
{
    const Dataset *t = &a->data->test;
    EvalSums s = eval_split(a, &a->models[mi], t, t->y, a->test_all_idx, t->n, NULL, NULL, NULL);
    return (float)s.correct / (float)t->n;
}

/* Chunks of max_batch rows of each subset, numbered through the training subset then the test
 * subset, as eval_split cuts them: the same GEMMs give the same logits bit for bit. */
static int subset_chunks(const Arena *a, int n)
{
    return (n + a->cfg.max_batch - 1) / a->cfg.max_batch;
}

bool arena_eval_share_begin(Arena *a)
{
    a->eval_shared = false;
    if (a->n_models < 2)
        return false;
    const ArenaModel *first = &a->models[0];
    for (int i = 0; i < a->n_models; i++) {
        const ArenaModel *m = &a->models[i];
        if (m->diverged || (i > 0 && memcmp(m->mlp.params, first->mlp.params,
                                            first->mlp.n_params * sizeof(float)) != 0))
            return false; /* at the first differing byte: cheap whenever weights differ */
    }
    a->eval_shared = true;
    return true;
}

void arena_eval_shared_part(Arena *a, int part, int n_parts)
{
    const int parts = n_parts < a->n_models ? n_parts : a->n_models; /* one Mlp's buffers each */
    const int mb = a->cfg.max_batch, k = a->k;
    const int train_chunks = subset_chunks(a, a->n_train_eval);
    const int chunks = train_chunks + subset_chunks(a, a->n_test_eval);
    Mlp *mlp = &a->models[part].mlp; /* the same weights as every other model's */
    for (int j = part; part < parts && j < chunks; j += parts) {
        const bool train = j < train_chunks;
        const int start = (train ? j : j - train_chunks) * mb;
        const int n = train ? a->n_train_eval : a->n_test_eval;
        const int c = n - start < mb ? n - start : mb;
        const float *x = (train ? a->train_eval_x : a->test_eval_x) + (size_t)start * a->dim;
        const size_t row = (size_t)(train ? 0 : a->n_train_eval) + (size_t)start;
        memcpy(a->shared_logits + row * k, mlp_forward(mlp, x, c), (size_t)c * k * sizeof(float));
    }
}

void arena_eval_done(Arena *a)
{
    a->last_eval_step = a->step;
    a->eval_shared = false;
}

void arena_evaluate(Arena *a)
{
    if (arena_eval_share_begin(a))
        arena_eval_shared_part(a, 0, 1);
    for (int i = 0; i < a->n_models; i++)
        arena_eval_model(a, i);
    arena_eval_done(a);
}

void arena_evaluate_final(Arena *a)
{
    for (int i = 0; i < a->n_models; i++)
        arena_eval_model_final(a, i);
    arena_eval_done(a);
}

void arena_step(Arena *a)
{
    if (arena_eval_due(a))
        arena_evaluate(a);
    arena_begin_step(a);
    for (int i = 0; i < a->n_models; i++)
        arena_step_model(a, i);
    arena_end_step(a);
    if (arena_eval_due(a))
        arena_evaluate(a);
}

void arena_set_lr(Arena *a, float lr)
{
    a->cfg.opt.lr = lr;
}

Status arena_set_batch(Arena *a, int batch)
{
    if (batch < 1 || batch > a->cfg.max_batch)
        return ST_RANGE;
    a->cfg.batch = batch;
    return ST_OK;
}

void arena_set_optimizer(Arena *a, OptimKind kind, float lr, bool nesterov)
{
    OptimConfig c = optim_defaults(kind);
    c.lr = lr;
    c.nesterov = nesterov && kind == OPT_MOMENTUM;
    a->cfg.opt = c;
    for (int i = 0; i < a->n_models; i++)
        optim_reset(&a->models[i].opt);
}

Status arena_set_label_noise(Arena *a, double p)
{
    if (!(p >= 0.0 && p < 1.0))
        return ST_RANGE;
    a->cfg.label_noise = p;
    a->n_flipped = label_noise_apply(a->data->train.y, a->labels, a->flipped, a->data->train.n,
                                     a->k, p, a->cfg.seed);
    diag_refresh_subset(a);
    return ST_OK;
}

Status arena_set_input_noise(Arena *a, double s)
{
    if (!(s >= 0.0) || !isfinite(s))
        return ST_RANGE;
    a->cfg.input_noise = s;
    return ST_OK;
}
