/* stepper.c — see stepper.h. Allocates nothing: it runs inside the training loop. */
#include "src/stepper.h"

#include "src/report.h"

void stepper_evaluate(Stepper *s, bool final)
{
    workers_evaluate(s->workers, s->arena, final);
    if (s->csv)
        report_csv_rows(s->csv, s->arena, s->cfg, final, s->csv_tail ? s->csv_tail : "");
}

bool stepper_step(Stepper *s)
{
    Arena *a = s->arena;
    bool evaluated = false;
    if (arena_eval_due(a)) {
        stepper_evaluate(s, false);
        evaluated = true;
    }
    workers_begin_step(s->workers, a);
    workers_run(s->workers, a, JOB_STEP);
    arena_end_step(a);
    if (arena_eval_due(a) && a->step != s->final_step) {
        stepper_evaluate(s, false);
        evaluated = true;
    }
    return evaluated;
}
