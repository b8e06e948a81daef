/* arena.h — K models that differ only in their loss, trained in lock-step.
 * All models start from bit-identical weights (one seed), see the same minibatches in the same
 * order (one shared order, one shared input-noise draw) and use the same optimizer settings.
 * One step advances every model on the same minibatch. A model whose loss, logits or
 * parameters become non-finite is marked diverged and frozen; the others go on.
 *
 * Threads: core starts none. arena_step_model and arena_eval_model touch only model m's state
 * and read shared state, so callers may run them for distinct m concurrently (src/ does);
 * so may the parts of arena_add_input_noise and of arena_eval_shared_part, each set on its own
 * (see there). Everything else must run with no model call in flight. Results do not depend
 * on that split. */
#ifndef LOSSARENA_CORE_ARENA_H
#define LOSSARENA_CORE_ARENA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/diagnostics.h"
#include "core/history.h"
#include "core/loss.h"
#include "core/metrics.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "core/slab.h"

#define ARENA_MAX_MODELS 16
#define ARENA_MAX_BATCH 4096
/* Evaluation during training covers fixed seeded subsets of at most this many examples (all of
 * a split of up to ARENA_EVAL_TEST). Test accuracy on 2000 has a standard error of at most 1.1
 * points (0.8 near 85 %), enough for curves; training metrics, which move smoothly and matter less,
 * use 1000 (1.6, 1.1). Together a tenth of the 10,000 + 10,000 evaluated before. The final
 * evaluation (arena_eval_model_final) scores the whole test set. */
#define ARENA_EVAL_TRAIN 1000
#define ARENA_EVAL_TEST 2000
#define ARENA_GRID 64 /* decision-boundary cells per side, 2-D data only */

typedef struct {
    int n_losses;
    LossId losses[ARENA_MAX_MODELS]; /* each id at most once */
    int n_hidden;
    int hidden[MLP_MAX_HIDDEN];
    Activation act;
    MlpInit init; /* MLP_INIT_AUTO: He for ReLU, Glorot otherwise */
    OptimConfig opt;
    int batch;     /* 1..max_batch; may change between steps */
    int max_batch; /* buffers are sized for this; 0 = max(batch, 512) */
    uint64_t seed;
    double label_noise; /* fraction of training labels replaced by another class, [0, 1) */
    double input_noise; /* std of Gaussian noise added to each training minibatch, >= 0 */
    int eval_every;     /* steps between evaluations, >= 1 */
} ArenaConfig;

typedef enum { DIV_NONE, DIV_LOSS_NAN, DIV_LOSS_INF, DIV_LOGITS, DIV_PARAMS } DivergeReason;

typedef struct {
    long step;
    double epoch;
    float train_loss, train_acc; /* train: against the labels trained on (noisy if any) */
    float test_loss, test_acc;
    float margin_median; /* of the training examples evaluated */
    Diagnostics diag;    /* gradient attribution and memorisation, training subset */
} EvalResult;

typedef struct {
    LossId loss;
    Mlp mlp;
    Optim opt;
    /* Mlp, Optim and the buffers below are borrowed from the arena's slab. */
    float *dlogits;             /* (max_batch, k) */
    float *eval_x;              /* (max_batch, dim) evaluation scratch */
    int32_t *eval_y;            /* (max_batch) evaluation scratch */
    float *margins;             /* (n_train_eval) margins of the last evaluation, any order */
    float margin_lo, margin_hi; /* 2.5 % and 97.5 % quantiles of those margins */
    uint8_t *grid;              /* (ARENA_GRID^2) predicted class per cell, or NULL */
    float *grid_conf;           /* (ARENA_GRID^2) softmax max per cell, or NULL */
    bool diverged;
    long diverged_step;
    DivergeReason diverged_why;
    float diverged_lr;
    double batch_loss; /* the last training step's minibatch loss */
    bool has_eval;
    EvalResult last;
    History train_loss, test_loss, train_acc, test_acc;
    /* Diagnostics of the training subset (core/diagnostics.h), per example in the order of
     * train_eval_idx, so that a snapshot can bin them on the range it chooses */
    float *diag_margins;   /* (n_train_eval) margins against the labels trained on */
    float *diag_norms;     /* (n_train_eval) ‖∂ℓ/∂o‖ of each example */
    uint8_t *diag_flipped; /* (n_train_eval) its label was flipped, at that evaluation */
    DiagAccum diag_acc;    /* the evaluation in progress */
    /* over time: points only where the value is defined (memorized needs label noise) */
    History memorized, clean_acc, grad_correct, grad_wrong;
} ArenaModel;

typedef struct {
    ArenaConfig cfg;
    const DataSplit *data; /* borrowed: must outlive the arena */
    int k, dim;
    int32_t *labels;  /* owned: (n_train) labels trained on: clean or label-noised */
    uint8_t *flipped; /* owned: (n_train) 1 where labels[i] != data->train.y[i] */
    int n_flipped;
    uint32_t *order; /* owned: (n_train) this epoch's permutation */
    int order_pos;
    uint32_t *batch_idx; /* owned: (max_batch) */
    float *batch_x;      /* in mem: (max_batch, dim) the current minibatch, input noise added */
    int32_t *batch_y;    /* owned: (max_batch) */
    int batch_n;
    uint32_t *train_eval_idx; /* owned: (n_train_eval) training examples evaluation covers */
    uint32_t *test_eval_idx;  /* owned: (n_test_eval) test examples evaluation covers */
    int n_train_eval, n_test_eval;
    int32_t *train_eval_clean;   /* owned: (n_train_eval) their true labels */
    uint8_t *train_eval_flipped; /* owned: (n_train_eval) flipped[] of them, kept current */
    float *train_eval_x; /* in mem: (n_train_eval, dim) those examples as floats, gathered once */
    float *test_eval_x;  /* in mem: (n_test_eval, dim) */
    uint32_t *test_all_idx;       /* owned: (test.n) 0..n-1, for the final evaluation */
    float grid_lo[2], grid_hi[2]; /* the boundary grid's box, 2-D data only */
    Rng order_rng;
    /* Input noise: row k of the run (counting every noisy minibatch row drawn) has a stream of
     * its own, arena_noise_stream(k), so any worker draws any row without skipping through the
     * others, and the ziggurat may take as many draws as it needs. */
    uint64_t noise_rows; /* noisy rows drawn so far */
    Rng *noise_row_rng;  /* owned: (max_batch) the current minibatch's rows' streams */
    RngZiggurat normal_table;
    long step;
    long epoch;          /* completed passes over the training set */
    double samples;      /* training examples consumed, for the fractional epoch */
    long last_eval_step; /* -1 before the first evaluation */
    /* Set by the caller around an evaluation between the scheduled ones, made only so a slow
     * run's curves have a point per drawn column: it never marks a model diverged, so how
     * often one looks cannot change the training. */
    bool eval_preview;
    /* Set by arena_eval_share_begin until arena_eval_done: the models' logits on the subsets are
     * in shared_logits, (n_train_eval + n_test_eval, k), training subset first (in mem). */
    bool eval_shared;
    float *shared_logits;
    /* Set by a caller that shows no decision boundary until the end (headless without
     * --export-every): only the final evaluation fills the boundary grid, which on 2-D data
     * costs more than the evaluation itself (64 x 64 cells against 3000 examples). */
    bool grid_final_only;
    /* Owned: every large buffer, the models' included, in one block that asks for huge pages
     * (core/slab.h): set-up touches a few dozen pages instead of tens of thousands. */
    Slab mem;
    int n_models;
    ArenaModel models[ARENA_MAX_MODELS];
} Arena;

/* Checks cfg against a dataset of k classes: ST_INVAL with a one-line reason in why. */
Status arena_config_check(const ArenaConfig *cfg, const char **why);
/* A meaningful default: all twelve losses, 64,64 ReLU, Adam 3e-3, batch 64, seed 1. */
ArenaConfig arena_defaults(void);

Status arena_init(Arena *a, const ArenaConfig *cfg, const DataSplit *data);
void arena_free(Arena *a);
/* Back to step 0 with cfg.seed: fresh identical weights, optimizer state, order, histories. */
void arena_reset(Arena *a);

/* One lock-step training step of every live model: arena_begin_step, arena_step_model for each
 * model, arena_end_step, and an evaluation when one is due. */
void arena_step(Arena *a);
void arena_begin_step(Arena *a);        /* draws the shared minibatch */
void arena_step_model(Arena *a, int m); /* forward, loss, backward, update of model m */
void arena_end_step(Arena *a);          /* advances the step counter */
/* arena_begin_step in two parts, so the input noise (a normal per pixel: 100,000 of them a
 * Fashion-MNIST step) can be spread over threads: arena_draw_batch draws the minibatch and
 * seeds each row's noise stream; arena_add_input_noise(a, part, n_parts) then adds the noise
 * of the part-th of n_parts contiguous row ranges. Every part must be added before a model
 * steps; parts touch disjoint rows, so they may run concurrently, and the minibatch is
 * bit-identical for any n_parts. Row k's noise (k counts the run's noisy rows) is
 * input_noise × rng_normal_fast, pixel by pixel, from the stream arena_noise_stream(k). */
void arena_draw_batch(Arena *a);
void arena_add_input_noise(Arena *a, int part, int n_parts);
uint64_t arena_noise_stream(uint64_t row);
bool arena_eval_due(const Arena *a);
void arena_eval_model(Arena *a, int m); /* train/test metrics on the subsets, margins, grid */
/* As arena_eval_model, but the test metrics cover the whole test set: the run's final word. */
void arena_eval_model_final(Arena *a, int m);
void arena_eval_done(Arena *a); /* records that every model was evaluated now */
/* Models with the same weights (all of them at step 0, after a reset) have the same logits on
 * the subsets, so an evaluation computes them once. Before arena_eval_model runs for any model:
 * arena_eval_share_begin says whether every model's weights are bit-identical; if so, run
 * arena_eval_shared_part(a, part, n_parts) for every part in 0..n_parts-1, concurrently if you
 * like. With P = min(n_parts, n_models), part p < P forwards every P-th chunk with model p's
 * buffers (no model call may be in flight), and the parts from P on do nothing. Each model's
 * evaluation then reads those logits instead of its own forward pass. Chunks are those of
 * eval_split: results stay bit-identical. arena_eval_done ends the sharing; the final evaluation
 * never shares. */
bool arena_eval_share_begin(Arena *a);
void arena_eval_shared_part(Arena *a, int part, int n_parts);
/* Model m's accuracy on the whole test set now, changing nothing else (no history, no last
 * result): a subset's reading confirmed where it matters, e.g. at a target accuracy. */
float arena_test_acc_full(Arena *a, int m);
/* Evaluates every model now (sequentially), on the subsets or, final, on the whole test set. */
void arena_evaluate(Arena *a);
void arena_evaluate_final(Arena *a);

/* Changes applied between steps, to all models at once. */
void arena_set_lr(Arena *a, float lr);
Status arena_set_batch(Arena *a, int batch);
/* Switches every model to kind (its default momentum and betas) at lr; Nesterov only applies
 * to momentum. Resets the optimizer state of every model. */
void arena_set_optimizer(Arena *a, OptimKind kind, float lr, bool nesterov);
Status arena_set_label_noise(Arena *a, double p);
Status arena_set_input_noise(Arena *a, double s);

/* Replaces labels[] with clean labels and flips round(p * n) of them, chosen from seed, each
 * to a uniformly random other class; flipped[i] marks them. The flips for a smaller p are a
 * subset of those for a larger p. Returns the number flipped. Shared by arena and tests. */
int label_noise_apply(const int32_t *clean, int32_t *labels, uint8_t *flipped, int n, int k,
                      double p, uint64_t seed);

const char *diverge_reason_str(DivergeReason why);

#endif
