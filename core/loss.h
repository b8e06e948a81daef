/* loss.h — the twelve losses of Janocha & Czarnecki (2017), as one table.
 * Each entry: the stable id, the paper's symbol, a plain-text formula for the UI's loss card,
 * and one function that computes the minibatch mean loss and its gradient w.r.t. the logits.
 * Per-example loss is summed over classes and averaged over the minibatch. */
#ifndef LOSSARENA_CORE_LOSS_H
#define LOSSARENA_CORE_LOSS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    LOSS_LOG,
    LOSS_LOG2,
    LOSS_L1,
    LOSS_L2,
    LOSS_L1_SOFTMAX,
    LOSS_L2_SOFTMAX,
    LOSS_LINF_SOFTMAX,
    LOSS_HINGE,
    LOSS_HINGE2,
    LOSS_HINGE3,
    LOSS_TANIMOTO,
    LOSS_CAUCHY_SCHWARZ,
    LOSS_COUNT
} LossId;

/* Mean loss over the batch, accumulated in double.
 * logits: (batch, k) raw outputs; labels: (batch) in [0, k); k <= DATASET_MAX_CLASSES.
 * grad: (batch, k) out, d(mean loss)/d(logits) — already divided by batch; may be NULL.
 * per_example: (batch) out, each example's loss; may be NULL.
 * Finite for any logits with |o| <= 1e9 (log-softmax by max-subtraction; a confidently wrong
 * example with p_c = 0 still has an exact, finite log p_c). Far beyond that the polynomial
 * losses (L2, hinge², hinge³, log²) can exceed the float range of grad and per_example.
 * No allocation; scratch is a DATASET_MAX_CLASSES stack buffer. */
typedef double (*LossEvalFn)(const float *logits, const int32_t *labels, int batch, int k,
                             float *grad, float *per_example);

typedef struct {
    LossId id;
    const char *key;      /* stable CLI/CSV id, e.g. "hinge2" */
    const char *symbol;   /* the paper's symbol in UTF-8, e.g. "hinge²" */
    const char *ascii;    /* the symbol in ASCII, e.g. "hinge^2" */
    const char *name;     /* long name, e.g. "squared hinge" */
    const char *formula;  /* plain-text per-example formula (UTF-8) */
    const char *gradient; /* plain-text dL/do_i (UTF-8) */
    bool on_softmax;      /* acts on p = softmax(o) rather than on raw o */
    bool bounded;
    LossEvalFn eval;
} LossDef;

/* The table entry of id (0 <= id < LOSS_COUNT); static storage. */
const LossDef *loss_def(LossId id);
/* The id whose key is key, or -1. */
int loss_by_key(const char *key);

/* Named families of losses, for --losses and for showing a few curves at a time. Together
 * the groups cover every loss exactly once, in the loss table's order. */
typedef struct {
    const char *name; /* e.g. "hinge-family" */
    const char *what; /* one line for --help and the dashboard */
    int n;
    LossId ids[LOSS_COUNT];
} LossGroup;

#define LOSS_GROUP_COUNT 5
/* Group i, 0 <= i < LOSS_GROUP_COUNT; static storage. */
const LossGroup *loss_group(int i);
/* The group called name, or NULL. */
const LossGroup *loss_group_by_name(const char *name);

#endif
