/* loss.c — the twelve losses of Janocha & Czarnecki (2017), their gradients and their table.
 * One batch driver computes the softmax once per example; each loss is a small per-example
 * kernel on top of it. Runs every training step for every model, so it allocates nothing:
 * the only scratch is a stack buffer of DATASET_MAX_CLASSES doubles. Formulas and gradients
 * follow research/paper.md §2–§3 (one-hot y, c the true class, p = softmax(o), a = p_c). */
#include "core/loss.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "core/dataset.h"

/* The scratch lives on the stack of a training worker; keep it small. */
_Static_assert(DATASET_MAX_CLASSES >= 2 && DATASET_MAX_CLASSES <= 1024,
               "loss scratch buffer must stay a small stack array");

/* One example, with what every softmax loss needs precomputed in double. */
typedef struct {
    const float *o;  /* borrowed: this example's logits (k) */
    const double *p; /* borrowed: softmax(o) (k); only for on_softmax losses */
    int k;
    int c;        /* true class */
    double a;     /* p_c */
    double q;     /* 1 − p_c, summed as Σ_{j≠c} p_j so it keeps its digits when p_c → 1 */
    double r;     /* Σ_{j≠c} p_j², likewise (s = ‖p‖² = a² + r) */
    double log_a; /* log p_c = o_c − logsumexp(o); finite even when p_c underflows to 0 */
} Example;

/* Returns the example's loss; when g is non-NULL writes scale · dL/do_i to g[0..k). */
typedef double (*ExampleFn)(const Example *ex, float *g, double scale);

/* Softmax by max-subtraction, plus the sums above. logsumexp = m + log1p(Σ_{j≠argmax} e_j)
 * because the argmax term is exactly 1: log1p keeps log p_c ≈ 0 accurate near convergence,
 * which is where CE, log² and D_CS are read off the plots. */
static void example_softmax(Example *ex, double *p)
{
    const float *o = ex->o;
    int k = ex->k, c = ex->c;
    int jmax = 0;
    for (int j = 1; j < k; j++)
        if (o[j] > o[jmax])
            jmax = j;
    double m = o[jmax];
    double rest = 0.0; /* Σ_{j≠jmax} e^{o_j − m} ∈ [0, k−1] */
    for (int j = 0; j < k; j++) {
        p[j] = exp((double)o[j] - m);
        if (j != jmax)
            rest += p[j];
    }
    double inv_z = 1.0 / (1.0 + rest);
    double q = 0.0, r = 0.0;
    for (int j = 0; j < k; j++) {
        p[j] *= inv_z;
        if (j != c) {
            q += p[j];
            r += p[j] * p[j];
        }
    }
    ex->p = p;
    ex->a = p[c];
    ex->q = q;
    ex->r = r;
    ex->log_a = ((double)o[c] - m) - log1p(rest);
}

/* p_i − y_i, with the true class taken from q so it does not cancel as p_c → 1. */
static inline double p_minus_y(const Example *ex, int i)
{
    return i == ex->c ? -ex->q : ex->p[i];
}

/* Writes g_i = scale · f · (p_i − y_i): the gradient shape shared by log, log², L1∘σ, L∞∘σ. */
static void grad_scaled_residual(const Example *ex, float *g, double f)
{
    for (int i = 0; i < ex->k; i++)
        g[i] = (float)(f * p_minus_y(ex, i));
}

/* log: −Σ_j y_j log p_j = −log p_c.  ∂/∂o_i = p_i − y_i. */
static double ex_log(const Example *ex, float *g, double scale)
{
    if (g)
        grad_scaled_residual(ex, g, scale);
    return -ex->log_a;
}

/* log²: (log p_c)², the square of cross-entropy. The paper's leading minus would make it ≤ 0
 * and rewarded by p_c → 0, so it is read as a typo (paper.md note b).
 * ∂/∂o_i = 2(−log p_c)(p_i − y_i). */
static double ex_log2(const Example *ex, float *g, double scale)
{
    double ce = -ex->log_a;
    if (g)
        grad_scaled_residual(ex, g, scale * 2.0 * ce);
    return ce * ce;
}

/* L1: Σ_j |y_j − o_j| on raw outputs.  ∂/∂o_i = sign(o_i − y_i), 0 at equality. */
static double ex_l1(const Example *ex, float *g, double scale)
{
    double loss = 0.0;
    for (int i = 0; i < ex->k; i++) {
        double d = (double)ex->o[i] - (i == ex->c ? 1.0 : 0.0);
        loss += fabs(d);
        if (g)
            g[i] = (float)(d > 0.0 ? scale : d < 0.0 ? -scale : 0.0);
    }
    return loss;
}

/* L2: Σ_j (y_j − o_j)² on raw outputs.  ∂/∂o_i = 2(o_i − y_i). */
static double ex_l2(const Example *ex, float *g, double scale)
{
    double loss = 0.0;
    for (int i = 0; i < ex->k; i++) {
        double d = (double)ex->o[i] - (i == ex->c ? 1.0 : 0.0);
        loss += d * d;
        if (g)
            g[i] = (float)(2.0 * scale * d);
    }
    return loss;
}

/* L1∘σ, the expectation loss: Σ_j |y_j − p_j| = (1 − p_c) + Σ_{j≠c} p_j = 2(1 − p_c), twice the
 * error rate of a classifier that samples from p.  ∂/∂o_i = 2 p_c (p_i − y_i). */
static double ex_l1_softmax(const Example *ex, float *g, double scale)
{
    if (g)
        grad_scaled_residual(ex, g, scale * 2.0 * ex->a);
    return 2.0 * ex->q;
}

/* L2∘σ, the regularised expectation loss: Σ_j (y_j − p_j)² = (1 − p_c)² + Σ_{j≠c} p_j².
 * ∂/∂o_i = 2 p_i [(p_i − y_i) − Σ_j p_j (p_j − y_j)], where Σ_j p_j (p_j − y_j) = r − a·q. */
static double ex_l2_softmax(const Example *ex, float *g, double scale)
{
    if (g) {
        double mean_d = ex->r - ex->a * ex->q;
        for (int i = 0; i < ex->k; i++)
            g[i] = (float)(scale * 2.0 * ex->p[i] * (p_minus_y(ex, i) - mean_d));
    }
    return ex->q * ex->q + ex->r;
}

/* L∞∘σ, Chebyshev: max_j |p_j − y_j|. For one-hot y every p_j (j≠c) ≤ Σ_{j≠c} p_j = 1 − p_c,
 * so the max is always the true class and the loss is the smooth 1 − p_c = ½·L1∘σ
 * (paper.md note a).  ∂/∂o_i = p_c (p_i − y_i). */
static double ex_linf_softmax(const Example *ex, float *g, double scale)
{
    if (g)
        grad_scaled_residual(ex, g, scale * ex->a);
    return ex->q;
}

/* The hinge family, one-vs-rest over every output with ŷ = 2y − 1 and margin ½:
 * Σ_j max(0, ½ − ŷ_j o_j)^n.  ∂/∂o_i = −n ŷ_i max(0, ½ − ŷ_i o_i)^(n−1). */
static double hinge_pow(const Example *ex, float *g, double scale, int n)
{
    double loss = 0.0;
    for (int i = 0; i < ex->k; i++) {
        double yh = i == ex->c ? 1.0 : -1.0;
        double slack = 0.5 - yh * (double)ex->o[i];
        double d = 0.0; /* dL/d(slack) */
        if (slack > 0.0) {
            double s2 = slack * slack;
            switch (n) {
            case 1:
                loss += slack;
                d = 1.0;
                break;
            case 2:
                loss += s2;
                d = 2.0 * slack;
                break;
            default:
                loss += s2 * slack;
                d = 3.0 * s2;
                break;
            }
        }
        if (g)
            g[i] = (float)(-scale * yh * d);
    }
    return loss;
}

static double ex_hinge(const Example *ex, float *g, double scale)
{
    return hinge_pow(ex, g, scale, 1);
}

static double ex_hinge2(const Example *ex, float *g, double scale)
{
    return hinge_pow(ex, g, scale, 2);
}

static double ex_hinge3(const Example *ex, float *g, double scale)
{
    return hinge_pow(ex, g, scale, 3);
}

/* tan, Tanimoto: −Σ p_j y_j / (‖p‖² + ‖y‖² − Σ p_j y_j) = −a / (s + 1 − a), in [−1, 0).
 * The denominator s + 1 − a equals a + (q² + r) = a + L2∘σ: summed that way it is ≥ a in
 * floating point too, so the loss never rounds below −1, and it is ≥ s ≥ 1/k, never 0.
 * ∂/∂o_i = p_i [2a p_i + a(1 − s) − y_i (s + 1)] / (s + 1 − a)², with 1 − s = q(1 + a) − r
 * (exact algebra; avoids cancelling s against 1 near convergence). */
static double ex_tanimoto(const Example *ex, float *g, double scale)
{
    double a = ex->a;
    double s = a * a + ex->r;
    double den = a + (ex->q * ex->q + ex->r);
    if (g) {
        double one_minus_s = ex->q * (1.0 + a) - ex->r;
        double f = scale / (den * den);
        double base = a * one_minus_s;
        for (int i = 0; i < ex->k; i++) {
            double t = 2.0 * a * ex->p[i] + base - (i == ex->c ? s + 1.0 : 0.0);
            g[i] = (float)(f * ex->p[i] * t);
        }
    }
    return -a / den;
}

/* D_CS, Cauchy–Schwarz divergence: −log(p·y / (‖p‖‖y‖)) = −log a + ½ log s ≥ 0.
 * Near convergence it is written ½ log1p(r / a²) (same value: s = a² + r), which stays ≥ 0 and
 * keeps its digits; for small a the log form is used, since a may underflow to 0 while log a
 * stays finite.  ∂/∂o_i = p_i² / s − y_i, whose true-class entry is a²/s − 1 = −r/s. */
static double ex_cauchy_schwarz(const Example *ex, float *g, double scale)
{
    double a = ex->a;
    double s = a * a + ex->r;
    if (g) {
        double f = scale / s;
        for (int i = 0; i < ex->k; i++)
            g[i] = (float)(f * (i == ex->c ? -ex->r : ex->p[i] * ex->p[i]));
    }
    if (a >= 0.5)
        return 0.5 * log1p(ex->r / (a * a));
    return -ex->log_a + 0.5 * log(s);
}

/* The shared batch loop: the mean of fn over the batch, gradient scaled by 1/batch. */
static double batch_mean(const float *logits, const int32_t *labels, int batch, int k, float *grad,
                         float *per_example, bool on_softmax, ExampleFn fn)
{
    assert(logits && labels && k >= 1 && k <= DATASET_MAX_CLASSES);
    if (batch <= 0)
        return 0.0;
    double p[DATASET_MAX_CLASSES];
    double scale = 1.0 / batch;
    double sum = 0.0;
    Example ex = {.k = k};
    for (int b = 0; b < batch; b++) {
        ex.o = logits + (size_t)b * k;
        ex.c = labels[b];
        assert(ex.c >= 0 && ex.c < k);
        if (on_softmax)
            example_softmax(&ex, p);
        double l = fn(&ex, grad ? grad + (size_t)b * k : NULL, scale);
        sum += l;
        if (per_example)
            per_example[b] = (float)l;
    }
    return sum * scale;
}

/* One LossEvalFn per table entry, so the table holds plain function pointers. */
#define LOSS_EVAL(fname, softmax, kernel)                                                          \
    static double fname(const float *logits, const int32_t *labels, int batch, int k, float *grad, \
                        float *per_example)                                                        \
    {                                                                                              \
        return batch_mean(logits, labels, batch, k, grad, per_example, softmax, kernel);           \
    }

LOSS_EVAL(eval_log, true, ex_log)
LOSS_EVAL(eval_log2, true, ex_log2)
LOSS_EVAL(eval_l1, false, ex_l1)
LOSS_EVAL(eval_l2, false, ex_l2)
LOSS_EVAL(eval_l1_softmax, true, ex_l1_softmax)
LOSS_EVAL(eval_l2_softmax, true, ex_l2_softmax)
LOSS_EVAL(eval_linf_softmax, true, ex_linf_softmax)
LOSS_EVAL(eval_hinge, false, ex_hinge)
LOSS_EVAL(eval_hinge2, false, ex_hinge2)
LOSS_EVAL(eval_hinge3, false, ex_hinge3)
LOSS_EVAL(eval_tanimoto, true, ex_tanimoto)
LOSS_EVAL(eval_cauchy_schwarz, true, ex_cauchy_schwarz)

/* Formulas use p = softmax(o), c the true class, y the one-hot target, ŷ = 2y − 1. */
static const LossDef loss_table[LOSS_COUNT] = {
    [LOSS_LOG] = {LOSS_LOG, "log", "log", "log", "log (cross-entropy) loss",
                  "−Σ_j y_j·log p_j = −log p_c", "p_i − y_i", true, false, eval_log},
    [LOSS_LOG2] = {LOSS_LOG2, "log2", "log²", "log^2", "squared log loss", "(log p_c)²",
                   "2·(−log p_c)·(p_i − y_i)", true, false, eval_log2},
    [LOSS_L1] = {LOSS_L1, "l1", "L1", "L1", "L1 loss", "Σ_j |y_j − o_j|", "sign(o_i − y_i)", false,
                 false, eval_l1},
    [LOSS_L2] = {LOSS_L2, "l2", "L2", "L2", "L2 loss", "Σ_j (y_j − o_j)²", "2·(o_i − y_i)", false,
                 false, eval_l2},
    [LOSS_L1_SOFTMAX] = {LOSS_L1_SOFTMAX, "l1-softmax", "L1∘σ", "L1.softmax", "expectation loss",
                         "Σ_j |y_j − p_j| = 2·(1 − p_c)", "2·p_c·(p_i − y_i)", true, true,
                         eval_l1_softmax},
    [LOSS_L2_SOFTMAX] = {LOSS_L2_SOFTMAX, "l2-softmax", "L2∘σ", "L2.softmax",
                         "regularised expectation loss", "Σ_j (y_j − p_j)²",
                         "2·p_i·[(p_i − y_i) − Σ_j p_j·(p_j − y_j)]", true, true, eval_l2_softmax},
    [LOSS_LINF_SOFTMAX] = {LOSS_LINF_SOFTMAX, "linf-softmax", "L∞∘σ", "Linf.softmax",
                           "Chebyshev loss", "max_j |p_j − y_j| = 1 − p_c", "p_c·(p_i − y_i)", true,
                           true, eval_linf_softmax},
    [LOSS_HINGE] = {LOSS_HINGE, "hinge", "hinge", "hinge", "hinge loss", "Σ_j max(0, ½ − ŷ_j·o_j)",
                    "−ŷ_i·[ŷ_i·o_i < ½]", false, false, eval_hinge},
    [LOSS_HINGE2] = {LOSS_HINGE2, "hinge2", "hinge²", "hinge^2", "squared hinge loss",
                     "Σ_j max(0, ½ − ŷ_j·o_j)²", "−2·ŷ_i·max(0, ½ − ŷ_i·o_i)", false, false,
                     eval_hinge2},
    [LOSS_HINGE3] = {LOSS_HINGE3, "hinge3", "hinge³", "hinge^3", "cubed hinge loss",
                     "Σ_j max(0, ½ − ŷ_j·o_j)³", "−3·ŷ_i·max(0, ½ − ŷ_i·o_i)²", false, false,
                     eval_hinge3},
    [LOSS_TANIMOTO] = {LOSS_TANIMOTO, "tanimoto", "tan", "tan", "Tanimoto loss",
                       "−p_c / (‖p‖² + 1 − p_c)",
                       "p_i·[2·p_c·p_i + p_c·(1 − ‖p‖²) − y_i·(‖p‖² + 1)] / (‖p‖² + 1 − p_c)²",
                       true, true, eval_tanimoto},
    [LOSS_CAUCHY_SCHWARZ] = {LOSS_CAUCHY_SCHWARZ, "cauchy-schwarz", "D_CS", "D_CS",
                             "Cauchy–Schwarz divergence", "−log p_c + ½·log ‖p‖²",
                             "p_i² / ‖p‖² − y_i", true, false, eval_cauchy_schwarz},
};

const LossDef *loss_def(LossId id)
{
    assert((unsigned)id < LOSS_COUNT);
    return &loss_table[id];
}

int loss_by_key(const char *key)
{
    if (!key)
        return -1;
    for (int i = 0; i < LOSS_COUNT; i++)
        if (strcmp(loss_table[i].key, key) == 0)
            return i;
    return -1;
}

static const LossGroup loss_groups[LOSS_GROUP_COUNT] = {
    {"log-family", "log and squared log loss", 2, {LOSS_LOG, LOSS_LOG2}},
    {"raw", "L1 and L2 on the raw outputs", 2, {LOSS_L1, LOSS_L2}},
    {"expectation",
     "L1, L2 and L-infinity on the softmax",
     3,
     {LOSS_L1_SOFTMAX, LOSS_L2_SOFTMAX, LOSS_LINF_SOFTMAX}},
    {"hinge-family", "hinge, squared and cubed hinge", 3, {LOSS_HINGE, LOSS_HINGE2, LOSS_HINGE3}},
    {"divergences",
     "Tanimoto and Cauchy-Schwarz divergence",
     2,
     {LOSS_TANIMOTO, LOSS_CAUCHY_SCHWARZ}},
};

const LossGroup *loss_group(int i)
{
    assert(i >= 0 && i < LOSS_GROUP_COUNT);
    return &loss_groups[i];
}

const LossGroup *loss_group_by_name(const char *name)
{
    if (!name)
        return NULL;
    for (int i = 0; i < LOSS_GROUP_COUNT; i++)
        if (strcmp(loss_groups[i].name, name) == 0)
            return &loss_groups[i];
    return NULL;
}
