/* dataset.h — labelled examples in memory, and the train/test pair the arena learns from.
 * A Dataset owns its arrays. Features are float rows, or raw uint8 rows (image data stays
 * compact in memory) that dataset_gather scales to floats one minibatch at a time. */
#ifndef LOSSARENA_CORE_DATASET_H
#define LOSSARENA_CORE_DATASET_H

#include <stdbool.h>
#include <stdint.h>

#include "core/status.h"

#define DATASET_MAX_CLASSES 256

typedef struct {
    int n;          /* examples */
    int dim;        /* features per example */
    int k;          /* classes; labels are in [0, k) */
    float *x;       /* owned: (n, dim) row-major, or NULL when x_u8 holds the features */
    uint8_t *x_u8;  /* owned: (n, dim) raw bytes, or NULL */
    float u8_scale; /* feature = x_u8 * u8_scale (e.g. 1/255) */
    int32_t *y;     /* owned: (n) labels */
} Dataset;

typedef struct {
    Dataset train;
    Dataset test;
    char name[64];          /* what the user asked for, e.g. "spiral" or "csv:iris.csv" */
    char class_names[16][24]; /* optional display names of the first classes; "" when unnamed */
} DataSplit;

/* Allocates the arrays of an n-example dataset (features as uint8 when u8). Zeroed, with
 * u8_scale = 1/255 for u8 (1 otherwise). ST_INVAL unless n > 0, dim > 0 and
 * 2 <= k <= DATASET_MAX_CLASSES; ST_RANGE when n * dim exceeds INT_MAX; ST_NOMEM. d is
 * overwritten (not freed) and left zeroed on failure. */
Status dataset_alloc(Dataset *d, int n, int dim, int k, bool u8);
/* Frees the arrays and zeroes d. Safe on a zeroed or half-built dataset, and on NULL. */
void dataset_free(Dataset *d);
void datasplit_free(DataSplit *s);
/* s->name = prefix + text, keeping the end of text (the file name) when it is too long and
 * never cutting a UTF-8 sequence. */
void datasplit_set_name(DataSplit *s, const char *prefix, const char *text);

/* Copies the features of examples idx[0..count) into out (count, dim) as floats. */
void dataset_gather(const Dataset *d, const uint32_t *idx, int count, float *out);

/* Number of examples of each class into counts[0..k). */
void dataset_class_counts(const Dataset *d, int *counts);

/* ---- synthetic 2-D datasets (dataset_synth.c) ---- */

typedef enum {
    SYNTH_SPIRAL,  /* K interleaved spiral arms */
    SYNTH_CIRCLES, /* K concentric rings */
    SYNTH_XOR,     /* quadrant parity, 2 classes */
    SYNTH_GAUSS,   /* K Gaussian blobs on a circle */
    SYNTH_MOONS,   /* two interleaved half-moons, 2 classes */
    SYNTH_CHECKER, /* checkerboard, K colours cycling over the cells */
    SYNTH_COUNT
} SynthKind;

typedef struct {
    SynthKind kind;
    int n_train;    /* > 0 */
    int n_test;     /* > 0 */
    int classes;    /* 0 = the kind's default; otherwise within synth_class_range */
    double noise;   /* >= 0; the kind's own jitter scale (0 = clean) */
    uint64_t seed;
} SynthConfig;

/* Fills out with a seeded train/test pair. Same config -> bit-identical data. Classes are
 * balanced in each split (counts differ by at most one). Inputs lie roughly in [-1, 1]^2.
 * The train split does not depend on n_test, nor the test split on n_train. out is
 * overwritten (not freed) and left zeroed on failure: ST_INVAL for a bad kind, n <= 0 or a
 * negative/non-finite noise; ST_RANGE for classes outside synth_class_range or a split
 * too large for dataset_alloc; ST_NOMEM. */
Status synth_generate(DataSplit *out, const SynthConfig *cfg);
/* The kind named name ("spiral", ...), or -1 (also for NULL). */
int synth_by_name(const char *name);
/* A static string; "unknown" for a kind outside [0, SYNTH_COUNT). */
const char *synth_name(SynthKind kind);
/* Allowed class counts and the default, per kind. */
void synth_class_range(SynthKind kind, int *min_k, int *max_k, int *default_k);
/* Default noise per kind: what "--dataset NAME" alone gives. */
double synth_default_noise(SynthKind kind);

#endif
