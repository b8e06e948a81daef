/* test_noalloc.c — training steps, evaluations, snapshots and drawn frames allocate nothing.
 * A counting allocator is interposed for this test executable (malloc, calloc, realloc, free
 * and the aligned variants, forwarded to glibc's __libc_* entry points), so every allocation
 * is seen — ours, OpenBLAS's and ncurses's, on any thread — not just the net heap: a buffer
 * allocated and freed inside a step is caught. On this kind of VM a page fault costs more than
 * the step itself, so this is a correctness property. Under a sanitizer the sanitizer owns
 * malloc, so the test is skipped. */
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <curses.h>

#include "core/blas.h"
#include "core/snapshot.h"
#include "src/stepper.h"
#include "src/workers.h"
#include "ui/chart_build.h"
#include "ui/layout.h"
#include "ui/loss_shape.h"
#include "ui/term_draw.h"
#include "ui/term_gradients.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1
#else
#define UNDER_SANITIZER 0
#endif

/* ---- the counting allocator ---- */

static atomic_int counting;     /* 1 inside a measured window */
static atomic_long n_allocs;    /* allocations and frees seen inside the window */

#if !UNDER_SANITIZER
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void *__libc_memalign(size_t align, size_t n);
void __libc_free(void *p);

static void seen(void)
{
    if (atomic_load_explicit(&counting, memory_order_relaxed))
        atomic_fetch_add_explicit(&n_allocs, 1, memory_order_relaxed);
}

void *malloc(size_t n)
{
    seen();
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    seen();
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    seen();
    return __libc_realloc(p, n);
}

void free(void *p)
{
    if (p)
        seen();
    __libc_free(p);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    seen();
    void *p = __libc_memalign(align, n);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
    seen();
    return __libc_memalign(align, n);
}
#endif

static void count_start(void)
{
    atomic_store(&n_allocs, 0);
    atomic_store(&counting, 1);
}

static long count_stop(void)
{
    atomic_store(&counting, 0);
    return atomic_load(&n_allocs);
}

/* The allocator above sees what it must: a malloc and a free in a window are two events. */
static void test_noalloc_counter_sees_allocations(void **state)
{
    (void)state;
    if (UNDER_SANITIZER)
        skip();
    count_start();
    void *volatile p = malloc(100);
    free(p);
    long n = count_stop();
    assert_int_equal(n, 2);
}

/* ---- a trained arena to measure ---- */

typedef struct {
    DataSplit data;
    Arena a;
    Workers w;
    Snapshot *snap;
} Fixture;

static int fixture_setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    SynthConfig sc = {.kind = SYNTH_SPIRAL, .n_train = 600, .n_test = 300, .noise = 0.2,
                      .seed = 3};
    ArenaConfig cfg = arena_defaults();
    cfg.eval_every = 10;
    cfg.input_noise = 0.05;
    cfg.label_noise = 0.1;
    if (synth_generate(&f->data, &sc) != ST_OK || arena_init(&f->a, &cfg, &f->data) != ST_OK ||
        workers_init(&f->w, 2) != ST_OK || !(f->snap = malloc(sizeof *f->snap)))
        return -1;
    for (int warm = 0; warm < 2; warm++) { /* the first calls may set up OpenBLAS buffers */
        arena_begin_step(&f->a);
        workers_run(&f->w, &f->a, JOB_STEP);
        arena_end_step(&f->a);
        workers_evaluate(&f->w, &f->a, false);
        workers_evaluate(&f->w, &f->a, true);
        snapshot_take(f->snap, &f->a);
    }
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    Fixture *f = *state;
    free(f->snap);
    workers_free(&f->w);
    arena_free(&f->a);
    datasplit_free(&f->data);
    free(f);
    return 0;
}

/* Steps on the worker threads, evaluations (with the boundary grid), snapshots, and the
 * between-step changes the keys make. */
static void test_noalloc_steps_evals_and_snapshots(void **state)
{
    if (UNDER_SANITIZER)
        skip();
    Fixture *f = *state;
    Arena *a = &f->a;
    long evals = 0;
    Stepper sp = {&f->w, a, NULL, NULL, "", 0};
    count_start();
    for (int i = 0; i < 300; i++) {
        evals += stepper_step(&sp); /* the runners' step: subset evaluations every 10 steps */
        if (i % 25 == 0)
            snapshot_take(f->snap, a);
        if (i % 100 == 0)
            stepper_evaluate(&sp, true); /* a final evaluation on the whole test set */
    }
    arena_evaluate(a); /* the single-threaded evaluations too */
    arena_evaluate_final(a);
    arena_set_lr(a, 0.01f);
    Status batch_st = arena_set_batch(a, 32);
    Status noise_st = arena_set_label_noise(a, 0.3);
    Status input_st = arena_set_input_noise(a, 0.2);
    arena_set_optimizer(a, OPT_MOMENTUM, 0.05f, true);
    arena_reset(a);
    long n = count_stop();
    assert_int_equal(batch_st, ST_OK);
    assert_int_equal(noise_st, ST_OK);
    assert_int_equal(input_st, ST_OK);
    assert_true(evals >= 29); /* the window really evaluated */
    assert_true(a->step == 0);
    if (n != 0)
        fail_msg("%ld allocations/frees in 300 steps, %ld evaluations and 12 snapshots", n, evals);
}

/* ---- a drawn frame ---- */

/* One dashboard frame as src/dashboard.c draws it: the figure model built from the snapshot,
 * every panel drawn from it into stdscr, the loss card on top, then one doupdate that writes the
 * escapes to the terminal. */
static void draw_frame(TermDraw *td, Layout *l, const Snapshot *s, ChartView *v, Figure *fig,
                       BoundaryMap *bm, LineChart *card, const LossShapes *shapes)
{
    int H, W, tx, ty;
    getmaxyx(stdscr, H, W);
    werase(stdscr);
    layout_compute(l, W, H, s->n_models, s->has_grid);
    char line[256];
    snprintf(line, sizeof line, " lossarena  %s · %d losses · step %ld · epoch %.1f ", s->dataset,
             s->n_models, s->step, s->epoch);
    term_draw_style(td, stdscr, TERM_UI_TITLE);
    term_draw_text(td, stdscr, l->panel[LAYOUT_TITLE].y, 0, W, line);
    figure_build(fig, s, v, FIGURE_DASHBOARD);
    term_draw_line_chart(td, stdscr, l->panel[LAYOUT_LOSS], &fig->loss);
    term_draw_line_chart(td, stdscr, l->panel[LAYOUT_ACCURACY], &fig->accuracy);
    term_draw_legend(td, stdscr, l->panel[LAYOUT_LEGEND], &fig->legend);
    if (!layout_rect_empty(l->panel[LAYOUT_MARGINS]))
        term_draw_hist_chart(td, stdscr, l->panel[LAYOUT_MARGINS], &fig->margins,
                             l->margins_beside_legend);
    if (!layout_rect_empty(l->panel[LAYOUT_BOUNDARY])) {
        chart_build_boundary(bm, s, v->focused);
        term_draw_boundary(td, stdscr, l->panel[LAYOUT_BOUNDARY], bm);
    }
    /* the views of why losses differ, each panel over the body as draw_view stacks them */
    const FigureKind why[3] = {FIGURE_GRADIENTS, FIGURE_LENS, FIGURE_MEMORIZATION};
    LayoutRect top = {0, 1, W, (H - 2) / 2}, bottom = {0, 1 + (H - 2) / 2, W, (H - 2) / 2};
    for (int k = 0; k < 3; k++) {
        figure_build(fig, s, v, why[k]);
        if (fig->panels & PANEL_GRADIENTS)
            term_draw_grad_chart(td, stdscr, top, &fig->gradients);
        if (fig->panels & PANEL_GRAD_TIME)
            term_draw_line_chart(td, stdscr, bottom, &fig->grad_time);
        if (fig->panels & PANEL_LENS)
            term_draw_line_chart(td, stdscr, top, &fig->lens);
        if (fig->panels & PANEL_LENS_MARGINS)
            term_draw_hist_chart(td, stdscr, bottom, &fig->lens_margins, false);
        if (fig->panels & PANEL_MEMORIZE)
            term_draw_line_chart(td, stdscr, top, &fig->memorize);
    }
    LayoutRect card_r = {2, H / 2, W - 4, H / 2 - 1};
    term_draw_clear(td, stdscr, card_r);
    term_draw_chart_ticks(card_r, &tx, &ty);
    chart_build_loss_shape(card, shapes, s, v->focused, true, tx, ty);
    term_draw_line_chart(td, stdscr, card_r, card);
    wnoutrefresh(stdscr);
    doupdate();
}

/* Frames on a real curses screen (newterm on a file in a temporary directory, xterm-256color,
 * UTF-8 braille, 256 colours) at 160x48 and 80x24, interleaved with training so that every
 * frame draws new data. */
static void test_noalloc_frames(void **state)
{
    if (UNDER_SANITIZER)
        skip();
    Fixture *f = *state;
    Arena *a = &f->a;
    char dir[] = "/tmp/la-noalloc-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char out_path[64], in_path[64];
    snprintf(out_path, sizeof out_path, "%s/screen", dir);
    snprintf(in_path, sizeof in_path, "%s/keys", dir);
    FILE *out = fopen(out_path, "w+");
    FILE *in = fopen(in_path, "w+");
    assert_non_null(out);
    assert_non_null(in);
    if (!setlocale(LC_ALL, "C.UTF-8"))
        fail_msg("the C.UTF-8 locale is missing: braille frames cannot be drawn");
    SCREEN *scr = newterm("xterm-256color", out, in);
    if (!scr)
        fail_msg("newterm(xterm-256color) failed: is the terminfo entry installed?");
    set_term(scr);
    start_color();
    TermCaps caps = {.glyph = TERM_GLYPH_UTF8, .color = TERM_COLOR_256, .dark_background = true};
    TermDraw *td = calloc(1, sizeof *td);
    Layout *l = calloc(1, sizeof *l);
    Figure *fig = calloc(1, sizeof *fig);
    BoundaryMap *bm = calloc(1, sizeof *bm);
    LineChart *card = calloc(1, sizeof *card);
    LossShapes *shapes = calloc(1, sizeof *shapes);
    assert_true(td && l && fig && bm && card && shapes);
    term_draw_init(td, &caps);
    assert_true(td->has_color);
    loss_shapes_compute(shapes, a->k);
    ChartView view = {.focused = 1};

    /* Each size twice: a rehearsal, then the same training and frames again from
     * arena_reset (bit-identical), counted. The rehearsal fills what ncurses and TermDraw
     * keep for the life of a screen — ncurses's line hash for this size, one colour pair per
     * new heatmap colour (a bounded cache of TERM_DRAW_MAX_DYN) — so whatever the counted pass
     * allocates, a frame allocates every time. */
    const int sizes[2][2] = {{160, 48}, {80, 24}};
    long n = 0;
    for (int z = 0; z < 2; z++) {
        resizeterm(sizes[z][1], sizes[z][0]);
        for (int pass = 0; pass < 2; pass++) {
            arena_reset(a);
            fflush(out);
            long before = ftell(out);
            if (pass == 1)
                count_start();
            for (int i = 0; i < 60; i++) {
                if (arena_eval_due(a))
                    workers_evaluate(&f->w, a, false);
                arena_begin_step(a);
                workers_run(&f->w, a, JOB_STEP);
                arena_end_step(a);
                snapshot_take(f->snap, a);
                view.log_y = i % 20 >= 10;
                view.normalise = i % 30 >= 15;
                view.hidden[2] = i % 7 == 0;
                draw_frame(td, l, f->snap, &view, fig, bm, card, shapes);
            }
            if (pass == 1)
                n += count_stop();
            fflush(out);
            assert_true(ftell(out) > before + 1000); /* the frames really reached the terminal */
        }
        assert_true(l->panel[LAYOUT_BOUNDARY].w > 0 || z == 1);
    }
    endwin();
    delscreen(scr);
    fclose(out);
    fclose(in);
    unlink(out_path);
    unlink(in_path);
    rmdir(dir);
    free(shapes);
    free(card);
    free(bm);
    free(fig);
    free(l);
    free(td);
    if (n != 0)
        fail_msg("%ld allocations/frees in 120 frames with training between them", n);
}

int main(void)
{
    blas_use_single_thread(); /* as app_main does: threaded OpenBLAS allocates per call */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_noalloc_counter_sees_allocations),
        cmocka_unit_test_setup_teardown(test_noalloc_steps_evals_and_snapshots, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_noalloc_frames, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
