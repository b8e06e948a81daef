/* test_output.c — the output module: a committed file appears whole with the replaced file's
 * mode; an aborted or failed one leaves the old file and no temporary; symlinks are followed;
 * temporary names fit whatever the target's name; output_check refuses an output that is an
 * input or another output, and an unwritable place. Every file lives in a mkdtemp directory. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/output.h"

typedef struct {
    char dir[64];
} Tmp;

static int setup(void **state)
{
    Tmp *t = malloc(sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/lossarena-output-XXXXXX");
    if (!mkdtemp(t->dir))
        return -1;
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    Tmp *t = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    int rc = system(cmd);
    free(t);
    return rc;
}

static void path_in(const Tmp *t, const char *name, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", t->dir, name);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void assert_text(const char *path, const char *text)
{
    char buf[256] = "";
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, text);
}

static int entries(const Tmp *t)
{
    DIR *d = opendir(t->dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void test_output_commit_replaces_whole_and_keeps_mode(void **state)
{
    Tmp *t = *state;
    char p[256], err[256];
    path_in(t, "a.csv", p, sizeof p);
    write_text(p, "old\n");
    chmod(p, 0640);
    Output o;
    assert_int_equal(output_begin(&o, p, err, sizeof err), ST_OK);
    fputs("new\n", o.f);
    assert_text(p, "old\n"); /* nothing visible before commit */
    assert_int_equal(entries(t), 2);
    assert_int_equal(output_commit(&o, err, sizeof err), ST_OK);
    assert_text(p, "new\n");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_int_equal(entries(t), 1);
}

static void test_output_abort_keeps_old(void **state)
{
    Tmp *t = *state;
    char p[256], err[256];
    path_in(t, "b.csv", p, sizeof p);
    write_text(p, "old\n");
    Output o;
    assert_int_equal(output_begin(&o, p, err, sizeof err), ST_OK);
    fputs("half", o.f);
    output_abort(&o);
    assert_text(p, "old\n");
    assert_int_equal(entries(t), 1);
}

static void test_output_follows_symlinks(void **state)
{
    Tmp *t = *state;
    char target[256], link[256], err[256];
    path_in(t, "target.csv", target, sizeof target);
    path_in(t, "link.csv", link, sizeof link);
    write_text(target, "old\n");
    assert_int_equal(symlink("target.csv", link), 0);
    Output o;
    assert_int_equal(output_begin(&o, link, err, sizeof err), ST_OK);
    fputs("new\n", o.f);
    assert_int_equal(output_commit(&o, err, sizeof err), ST_OK);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_text(target, "new\n");
}

static void test_output_long_names(void **state)
{
    Tmp *t = *state;
    char name[256], p[512], err[256];
    memset(name, 'x', 255);
    name[255] = '\0';
    snprintf(p, sizeof p, "%s/%s", t->dir, name);
    write_text(p, "old\n");
    Output o;
    assert_int_equal(output_begin(&o, p, err, sizeof err), ST_OK);
    fputs("new\n", o.f);
    assert_int_equal(output_commit(&o, err, sizeof err), ST_OK);
    assert_text(p, "new\n");
    assert_int_equal(entries(t), 1);
    /* a name over NAME_MAX fails cleanly, naming the path */
    char toolong[700];
    snprintf(toolong, sizeof toolong, "%s/%s%s", t->dir, name, name);
    assert_int_equal(output_begin(&o, toolong, err, sizeof err), ST_IO);
    assert_non_null(strstr(err, "cannot write"));
    assert_int_equal(entries(t), 1);
}

static void test_output_missing_directory(void **state)
{
    Tmp *t = *state;
    char p[256], err[256];
    path_in(t, "no/such/x.csv", p, sizeof p);
    Output o;
    assert_int_equal(output_begin(&o, p, err, sizeof err), ST_IO);
    assert_non_null(strstr(err, "No such file"));
    OutputPath out = {p, "--csv"};
    assert_int_equal(output_check(&out, 1, NULL, 0, err, sizeof err), ST_IO);
}

static void test_output_check_same_files(void **state)
{
    Tmp *t = *state;
    char in[256], hard[256], fresh[256], fresh2[256], err[512];
    path_in(t, "data.csv", in, sizeof in);
    path_in(t, "hard.csv", hard, sizeof hard);
    path_in(t, "fresh.png", fresh, sizeof fresh);
    path_in(t, "./fresh.png", fresh2, sizeof fresh2);
    write_text(in, "a,b\n");
    assert_int_equal(link(in, hard), 0);
    OutputPath ins[] = {{in, "dataset file"}};
    OutputPath o1[] = {{hard, "--csv"}};
    assert_int_equal(output_check(o1, 1, ins, 1, err, sizeof err), ST_INVAL);
    assert_non_null(strstr(err, "same file as the dataset file"));
    OutputPath o2[] = {{fresh, "--csv"}, {fresh2, "--export"}};
    assert_int_equal(output_check(o2, 2, ins, 1, err, sizeof err), ST_INVAL);
    OutputPath o3[] = {{fresh, "--export"}, {"-", "--csv"}};
    assert_int_equal(output_check(o3, 2, ins, 1, err, sizeof err), ST_OK);
    assert_int_equal(entries(t), 2); /* the checks leave nothing behind */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_output_commit_replaces_whole_and_keeps_mode, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_output_abort_keeps_old, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_follows_symlinks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_long_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_missing_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_check_same_files, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
