#include "src/data_source.h"

#include <stdio.h>
#include <string.h>

Status data_source_load(const AppConfig *cfg, DataSplit *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int kind = synth_by_name(cfg->dataset);
    if (kind < 0) {
        snprintf(err, errlen, "dataset '%s' is not available in this build", cfg->dataset);
        return ST_INVAL;
    }
    SynthConfig sc = {
        .kind = (SynthKind)kind,
        .n_train = cfg->n_train,
        .n_test = cfg->n_test,
        .classes = cfg->classes,
        .noise = cfg->data_noise >= 0.0 ? cfg->data_noise : synth_default_noise((SynthKind)kind),
        .seed = cfg->arena.seed,
    };
    Status st = synth_generate(out, &sc);
    if (st != ST_OK) {
        int lo, hi, def;
        synth_class_range((SynthKind)kind, &lo, &hi, &def);
        if (st == ST_RANGE)
            snprintf(err, errlen, "dataset '%s': --classes must be in %d..%d", cfg->dataset, lo,
                     hi);
        else
            snprintf(err, errlen, "dataset '%s': %s", cfg->dataset, status_str(st));
    }
    return st;
}
