/* test_eng_out.c — Sets of output files: all renamed into place together or none, earlier outputs
 * kept on failure, one pattern of temporary names, and the leftovers of killed runs removed while a
 * live set's temporaries are kept. */
#include "test_util.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/eng_out.h"
#include "test_proc.h"

TEST_DIR_GROUP("test_eng_out")

/* The content of tmpdir/name, or NULL when there is no such file (malloc'd). */
static char *read_named(const char *name)
{
    return test_slurp(test_path(tmpdir, name), NULL);
}

static int exists(const char *name)
{
    struct stat st;
    return stat(test_path(tmpdir, name), &st) == 0;
}

/* Number of entries of tmpdir whose name starts with a dot, "." and ".." aside. */
static int hidden_files(void)
{
    int n = 0;
    DIR *d = opendir(tmpdir);
    const struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static void assert_file(const char *name, const char *expect)
{
    char *text = read_named(name);
    if (!text)
        fail_msg("%s/%s is missing", tmpdir, name);
    assert_string_equal(text, expect);
    free(text);
}

/* Writes a set of two files a.csv and b.csv with the given content; returns the commit status. */
static int write_set(const char *a, const char *b)
{
    eng_error err;
    eng_out *o = eng_out_begin(tmpdir, &err);
    assert_non_null(o);
    FILE *f = eng_out_open(o, "a.csv", &err);
    assert_non_null(f);
    fputs(a, f);
    f = eng_out_open(o, "b.csv", &err);
    assert_non_null(f);
    fputs(b, f);
    return eng_out_commit(o, &err);
}

static void test_commit_renames_all(void **state)
{
    (void)state;
    assert_int_equal(write_set("1\n", "2\n"), ENG_OK);
    assert_file("a.csv", "1\n");
    assert_file("b.csv", "2\n");
    assert_int_equal(hidden_files(), 0);
}

static void test_temporary_names(void **state)
{
    (void)state;
    eng_error err;
    eng_out *o = eng_out_begin(tmpdir, &err);
    assert_non_null(o);
    assert_non_null(eng_out_open(o, "a.csv", &err));
    char expect[512], final[512];
    snprintf(expect, sizeof expect, "%s/.a.csv.eaflow-%ld.tmp", tmpdir, (long)getpid());
    assert_string_equal(eng_out_tmp_path(o, "a.csv"), expect);
    assert_true(exists(expect + strlen(tmpdir) + 1));
    eng_out_final_path(eng_out_tmp_path(o, "a.csv"), final, sizeof final);
    snprintf(expect, sizeof expect, "%s/a.csv", tmpdir);
    assert_string_equal(final, expect);
    eng_out_final_path("x/.report.pdf.eaflow-7.tmp", final, sizeof final);
    assert_string_equal(final, "x/report.pdf");
    eng_out_final_path("x/.report-svg/monthly.svg", final, sizeof final);
    assert_string_equal(final, "x/.report-svg/monthly.svg");
    eng_out_abort(o);
    assert_int_equal(hidden_files(), 0);
}

static void test_failed_set_keeps_earlier_outputs(void **state)
{
    (void)state;
    assert_int_equal(write_set("old a\n", "old b\n"), ENG_OK);
    /* Work that fails after writing: the set is ended with its status, nothing is replaced. */
    eng_error err;
    eng_out *o = eng_out_begin(tmpdir, &err);
    FILE *f = eng_out_open(o, "a.csv", &err);
    fputs("new a\n", f);
    assert_int_equal(eng_out_finish(o, ENG_EINPUT, &err), ENG_EINPUT);
    assert_file("a.csv", "old a\n");
    assert_file("b.csv", "old b\n");
    assert_int_equal(hidden_files(), 0);
}

/* A write that fails (here: a file size limit, as a full disk would) fails the commit with a
 * message naming the file, and the earlier outputs stay. */
static void test_write_failure_names_the_file(void **state)
{
    (void)state;
    assert_int_equal(write_set("old a\n", "old b\n"), ENG_OK);
    struct rlimit old, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 4096;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    eng_error err = {""};
    eng_out *o = eng_out_begin(tmpdir, &err);
    FILE *f = eng_out_open(o, "a.csv", &err);
    fputs("new a\n", f);
    f = eng_out_open(o, "b.csv", &err);
    for (int i = 0; i < 2000; i++)
        fputs("0123456789\n", f);
    int status = eng_out_commit(o, &err);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, prev);
    assert_int_equal(status, ENG_EFAIL);
    char expect[512];
    snprintf(expect, sizeof expect, "%s/b.csv: write failed", tmpdir);
    if (!strstr(err.msg, expect))
        fail_msg("\"%s\" does not name %s/b.csv", err.msg, tmpdir);
    assert_file("a.csv", "old a\n");
    assert_file("b.csv", "old b\n");
    assert_int_equal(hidden_files(), 0);
}

/* The PID of a process that has just ended (and was waited for). */
static pid_t dead_pid(void)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    return pid;
}

static void test_leftovers_of_dead_runs_removed(void **state)
{
    (void)state;
    char name[128], other[128];
    snprintf(name, sizeof name, ".monthly.png.eaflow-%ld.tmp", (long)dead_pid());
    snprintf(other, sizeof other, ".report.pdf.eaflow-%ld.tmp", (long)dead_pid());
    test_write(tmpdir, name, "half a chart");
    test_write(tmpdir, other, "half a report");
    /* Files of other patterns are never touched, even hidden ones ending in .tmp. */
    static const char *const keep[] = { ".keep", ".x.tmp", ".x.eaflow-.tmp", ".eaflow-1.tmp",
                                        ".x.eaflow-12a.tmp", "x.eaflow-1.tmpx", "monthly.png" };
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        test_write(tmpdir, keep[i], "mine");
    eng_error err;
    eng_out *o = eng_out_begin(tmpdir, &err);
    assert_non_null(o);
    assert_false(exists(name));
    assert_false(exists(other));
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        assert_true(exists(keep[i]));
    eng_out_abort(o);
}

/* A set another live process is writing in the same directory keeps its temporaries and commits
 * them afterwards. The child opens its set, tells the parent, and commits when told. */
static void test_live_set_kept(void **state)
{
    (void)state;
    int ready[2], go[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        eng_error err;
        eng_out *o = eng_out_begin(tmpdir, &err);
        FILE *f = o ? eng_out_open(o, "child.csv", &err) : NULL;
        if (!f)
            _exit(3);
        fputs("from the child\n", f);
        fflush(f);
        char c = 1;
        if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
            _exit(4);
        _exit(eng_out_commit(o, &err) == ENG_OK ? 0 : 5);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    char tmp[128];
    snprintf(tmp, sizeof tmp, ".child.csv.eaflow-%ld.tmp", (long)child);
    assert_true(exists(tmp));
    assert_int_equal(write_set("1\n", "2\n"), ENG_OK);
    assert_true(exists(tmp));
    assert_int_equal(write(go[1], &c, 1), 1);
    int status;
    waitpid(child, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_file("child.csv", "from the child\n");
    assert_false(exists(tmp));
    close(ready[0]);
    close(ready[1]);
    close(go[0]);
    close(go[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_commit_renames_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_temporary_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_set_keeps_earlier_outputs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_failure_names_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leftovers_of_dead_runs_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_live_set_kept, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
