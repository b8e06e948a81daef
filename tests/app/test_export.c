/* test_export.c — src/export.c: PNG or SVG by the file's extension, written atomically (a
 * temporary name in the same directory, renamed into place; nothing left behind on failure),
 * byte-identical for the same state, and the names of numbered and `P` snapshots. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/cli.h"
#include "src/export.h"

static Snapshot *snapshot_make(void)
{
    Snapshot *s = calloc(1, sizeof *s);
    assert_non_null(s);
    snprintf(s->dataset, sizeof s->dataset, "spiral");
    s->cfg.seed = 5;
    s->cfg.batch = 64;
    s->cfg.n_hidden = 1;
    s->cfg.hidden[0] = 16;
    s->dim = 2;
    s->k = 3;
    s->step = 200;
    s->n_models = 3;
    static const LossId ids[3] = {LOSS_LOG, LOSS_HINGE2, LOSS_TANIMOTO};
    for (int m = 0; m < 3; m++) {
        ModelSnapshot *ms = &s->models[m];
        ms->loss = ids[m];
        for (int i = 0; i <= 10; i++) {
            float x = (float)(20 * i);
            history_push(&ms->train_loss, x, 1.0f / (1.0f + i + m));
            history_push(&ms->test_loss, x, 1.1f / (1.0f + i + m));
            history_push(&ms->train_acc, x, 0.5f + 0.04f * i);
            history_push(&ms->test_acc, x, 0.48f + 0.04f * i);
        }
        float v[6] = {-1, 0.5f, 1, 1.5f, 2, 2.5f + m};
        histogram_fill(&ms->margins, -4.0f, 4.0f, SNAPSHOT_HIST_BINS, v, 6);
        ms->has_eval = true;
        ms->last = (EvalResult){200, 8.5, 0.1f, 0.9f, 0.12f, 0.88f, 1.5f, diag_none()};
    }
    return s;
}

static int dir_count(const char *dir)
{
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(dp);
    return n;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *b = malloc((size_t)len + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)len, fp), (size_t)len);
    b[len] = '\0';
    fclose(fp);
    *n = (size_t)len;
    return b;
}

static void test_export_names(void **state)
{
    (void)state;
    char out[256];
    assert_true(export_is_svg("a.svg"));
    assert_true(export_is_svg("dir/A.SVG"));
    assert_false(export_is_svg("a.png"));
    assert_false(export_is_svg("svg"));
    assert_false(export_is_svg(NULL));
    export_numbered_path("run.png", 120, out, sizeof out);
    assert_string_equal(out, "run-000120.png");
    export_numbered_path("fig/run.svg", 7, out, sizeof out);
    assert_string_equal(out, "fig/run-000007.svg");
    export_numbered_path("noext", 3, out, sizeof out);
    assert_string_equal(out, "noext-000003.png");
    export_svg_path("lossarena-step000120.png", out, sizeof out);
    assert_string_equal(out, "lossarena-step000120.svg");
    export_svg_path("x", out, sizeof out);
    assert_string_equal(out, "x.svg");
}

static void test_export_png_and_svg_by_extension(void **state)
{
    (void)state;
    AppConfig cfg;
    cli_defaults(&cfg);
    cfg.export_width = 800;
    cfg.export_height = 500;
    Snapshot *s = snapshot_make();
    ChartView v = {.focused = -1};
    char dir[] = "/tmp/la_test_export_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char png[256], svg[256], svg2[256], err[256];
    snprintf(png, sizeof png, "%s/f.png", dir);
    snprintf(svg, sizeof svg, "%s/f.svg", dir);
    snprintf(svg2, sizeof svg2, "%s/g.svg", dir);
    assert_int_equal(export_figure(&cfg, s, &v, png, err, sizeof err), ST_OK);
    assert_int_equal(export_figure(&cfg, s, &v, svg, err, sizeof err), ST_OK);
    assert_int_equal(export_figure(&cfg, s, &v, svg2, err, sizeof err), ST_OK);
    assert_int_equal(dir_count(dir), 3); /* no temporary file left */
    size_t n_png, n_svg, n_svg2;
    char *a = slurp(png, &n_png), *b = slurp(svg, &n_svg), *c = slurp(svg2, &n_svg2);
    assert_memory_equal(a, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(b, "<?xml", 5);
    assert_int_equal(n_svg, n_svg2); /* the same state: the same bytes */
    assert_memory_equal(b, c, n_svg);
    /* the provenance and the one wording travel in the SVG as text */
    assert_non_null(strstr(b, "<la:seed>5</la:seed>"));
    /* the provenance string (src/provenance.c): every option, defaults written out */
    assert_non_null(strstr(b, "<la:configuration>--dataset spiral --classes 3 "));
    assert_non_null(strstr(b, " --hidden 16 --activation relu --init he --optimizer "));
    assert_non_null(strstr(b, " --batch 64 --steps 3000 --seed 5 "));
    assert_non_null(strstr(b, "width=\"800\" height=\"500\""));
    free(a);
    free(b);
    free(c);
    /* a diverged model: the legend says so in the one wording */
    s->models[1].diverged = true;
    s->models[1].diverged_why = DIV_LOSS_NAN;
    s->models[1].diverged_step = 812;
    s->models[1].diverged_lr = 3;
    assert_int_equal(export_figure(&cfg, s, &v, svg, err, sizeof err), ST_OK);
    b = slurp(svg, &n_svg);
    assert_non_null(strstr(b, ">NaN loss at step 812, lr 3</text>"));
    free(b);
    /* changes made while training: marked on the loss and the accuracy chart (twice), one
     * outside the step axis not at all */
    v.n_marks = 2;
    v.marks[0] = (ChartMark){100.0, "lr×2"};
    v.marks[1] = (ChartMark){5000.0, "noise 30%"};
    assert_int_equal(export_figure(&cfg, s, &v, svg, err, sizeof err), ST_OK);
    b = slurp(svg, &n_svg);
    const char *hit = strstr(b, ">lr×2</text>");
    assert_non_null(hit);
    assert_non_null(strstr(hit + 1, ">lr×2</text>"));
    assert_null(strstr(b, "noise 30%"));
    free(b);
    unlink(png);
    unlink(svg);
    unlink(svg2);
    assert_int_equal(rmdir(dir), 0);
    free(s);
}

static void test_export_failures_leave_nothing(void **state)
{
    (void)state;
    AppConfig cfg;
    cli_defaults(&cfg);
    Snapshot *s = snapshot_make();
    char dir[] = "/tmp/la_test_export_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], err[256];
    /* a missing directory */
    for (int svg = 0; svg < 2; svg++) {
        snprintf(path, sizeof path, "%s/missing/f.%s", dir, svg ? "svg" : "png");
        assert_int_equal(export_figure(&cfg, s, NULL, path, err, sizeof err), ST_IO);
        assert_non_null(strstr(err, path));
        assert_non_null(strstr(err, "No such file or directory"));
    }
    /* the name is a non-empty directory: the rename fails, the temporary file goes */
    snprintf(path, sizeof path, "%s/taken.svg", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    char inner[300];
    snprintf(inner, sizeof inner, "%s/keep", path);
    FILE *fp = fopen(inner, "w");
    assert_non_null(fp);
    fclose(fp);
    assert_int_equal(export_figure(&cfg, s, NULL, path, err, sizeof err), ST_IO);
    assert_non_null(strstr(err, path));
    assert_int_equal(dir_count(dir), 1);
    unlink(inner);
    rmdir(path);
    /* a size outside the limits: nothing is created */
    cfg.export_width = 100;
    cfg.export_height = 100;
    snprintf(path, sizeof path, "%s/small.png", dir);
    assert_int_equal(export_figure(&cfg, s, NULL, path, err, sizeof err), ST_RANGE);
    assert_non_null(strstr(err, "100x100"));
    assert_int_equal(dir_count(dir), 0);
    assert_int_equal(rmdir(dir), 0);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_names),
        cmocka_unit_test(test_export_png_and_svg_by_extension),
        cmocka_unit_test(test_export_failures_leave_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
