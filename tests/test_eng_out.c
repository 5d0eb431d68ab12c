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

static char dir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/eaflow-out-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

/* Removes path, a file or a directory with what it holds. */
static void remove_all(const char *path)
{
    DIR *d = opendir(path);
    const struct dirent *e;
    char sub[512];
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        remove_all(sub);
    }
    if (d) {
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* Removes every file of dir, then dir. */
static int teardown(void **state)
{
    (void)state;
    remove_all(dir);
    return 0;
}

static void path_of(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

/* The content of dir/name, or NULL when there is no such file (malloc'd). */
static char *read_named(const char *name)
{
    char path[512];
    path_of(path, sizeof path, name);
    return test_slurp(path, NULL);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void write_named(const char *name, const char *text)
{
    char path[512];
    path_of(path, sizeof path, name);
    write_file(path, text);
}

/* dir/name, in one of a few rotating buffers. */
static const char *path_in(const char *name)
{
    static char path[4][512];
    static int i;
    i = (i + 1) % 4;
    path_of(path[i], sizeof path[i], name);
    return path[i];
}

static int exists(const char *name)
{
    char path[512];
    struct stat st;
    path_of(path, sizeof path, name);
    return stat(path, &st) == 0;
}

/* Number of entries of dir whose name starts with a dot, "." and ".." aside. */
static int hidden_files(void)
{
    int n = 0;
    DIR *d = opendir(dir);
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
        fail_msg("%s/%s is missing", dir, name);
    assert_string_equal(text, expect);
    free(text);
}

/* Writes a set of two files a.csv and b.csv with the given content; returns the commit status. */
static int write_set(const char *a, const char *b)
{
    eng_error err;
    eng_out *o = eng_out_begin(dir, &err);
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
    eng_out *o = eng_out_begin(dir, &err);
    assert_non_null(o);
    assert_non_null(eng_out_open(o, "a.csv", &err));
    char expect[512], final[512];
    snprintf(expect, sizeof expect, "%s/.a.csv.eaflow-%ld.tmp", dir, (long)getpid());
    assert_string_equal(eng_out_tmp_path(o, "a.csv"), expect);
    assert_true(exists(expect + strlen(dir) + 1));
    eng_out_final_path(eng_out_tmp_path(o, "a.csv"), final, sizeof final);
    path_of(expect, sizeof expect, "a.csv");
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
    eng_out *o = eng_out_begin(dir, &err);
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
    eng_out *o = eng_out_begin(dir, &err);
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
    snprintf(expect, sizeof expect, "%s/b.csv : échec de l'écriture", dir);
    if (!strstr(err.msg, expect))
        fail_msg("\"%s\" does not name %s/b.csv", err.msg, dir);
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
    write_named(name, "half a chart");
    write_named(other, "half a report");
    /* Files of other patterns are never touched, even hidden ones ending in .tmp. */
    static const char *const keep[] = { ".keep", ".x.tmp", ".x.eaflow-.tmp", ".eaflow-1.tmp",
                                        ".x.eaflow-12a.tmp", "x.eaflow-1.tmpx", "monthly.png" };
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        write_named(keep[i], "mine");
    eng_error err;
    eng_out *o = eng_out_begin(dir, &err);
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
        eng_out *o = eng_out_begin(dir, &err);
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

/* Files written elsewhere join the set (in a subdirectory too, cleaned of a killed run's
 * leftovers), a file of the directory is kept, and the removals go at commit but never take a file
 * of the set. */
static void test_adopt_keep_remove(void **state)
{
    (void)state;
    write_named("kept.csv", "kept\n");
    write_named("stale.csv", "old\n");
    write_named("again.csv", "old\n");
    write_named("mine.txt", "the user's\n");
    mkdir(path_in("plots"), 0777);
    write_named("plots/old.png", "old chart");
    char leftover[128];
    snprintf(leftover, sizeof leftover, "plots/.x.png.eaflow-%ld.tmp", (long)dead_pid());
    write_named(leftover, "half a chart");
    eng_error err;
    char *scratch = eng_out_scratch(dir, "work", &err);
    assert_non_null(scratch);
    char made[512], chart[512];
    snprintf(made, sizeof made, "%s/made.csv", scratch);
    snprintf(chart, sizeof chart, "%s/new.png", scratch);
    write_file(made, "made\n");
    write_file(chart, "new chart");
    eng_out *o = eng_out_begin(dir, &err);
    assert_non_null(o);
    assert_int_equal(eng_out_adopt(o, made, "made.csv", &err), ENG_OK);
    assert_int_equal(eng_out_adopt(o, chart, "plots/new.png", &err), ENG_OK);
    assert_int_equal(eng_out_keep(o, "kept.csv", &err), ENG_OK);
    assert_int_equal(eng_out_keep(o, "absent.csv", &err), ENG_EFAIL);
    FILE *f = eng_out_open(o, "again.csv", &err);
    fputs("new\n", f);
    const char *removals[] = { "stale.csv", "again.csv", "kept.csv", "plots/old.png", "gone.csv" };
    for (size_t i = 0; i < sizeof removals / sizeof *removals; i++)
        assert_int_equal(eng_out_remove(o, removals[i], &err), ENG_OK);
    /* The set in the order of adding, with where each can be read before the commit. */
    assert_int_equal(eng_out_count(o), 4);
    assert_string_equal(eng_out_name(o, 1), "plots/new.png");
    assert_string_equal(eng_out_content(o, 1), chart);
    assert_true(eng_out_kept(o, 2) && !eng_out_kept(o, 3));
    assert_string_equal(eng_out_content(o, 2), path_in("kept.csv"));
    assert_string_equal(eng_out_dir(o), dir);
    assert_int_equal(eng_out_commit(o, &err), ENG_OK);
    assert_file("made.csv", "made\n");
    assert_file("plots/new.png", "new chart");
    assert_file("kept.csv", "kept\n");
    assert_file("again.csv", "new\n");
    assert_file("mine.txt", "the user's\n");
    assert_false(exists("stale.csv") || exists("plots/old.png") || exists(leftover));
    eng_out_scratch_remove(scratch);
    assert_int_equal(hidden_files(), 0);
}

/* A removal that empties a subdirectory removes it; one that leaves a file there does not. */
static void test_removal_of_a_subdirectory(void **state)
{
    (void)state;
    mkdir(path_in("plots"), 0777);
    write_named("plots/a.png", "a");
    write_named("plots/b.png", "b");
    eng_error err;
    eng_out *o = eng_out_begin(dir, &err);
    assert_int_equal(eng_out_remove(o, "plots/a.png", &err), ENG_OK);
    assert_int_equal(eng_out_commit(o, &err), ENG_OK);
    assert_true(exists("plots/b.png") && !exists("plots/a.png"));
    o = eng_out_begin(dir, &err);
    assert_int_equal(eng_out_remove(o, "plots/b.png", &err), ENG_OK);
    assert_int_equal(eng_out_commit(o, &err), ENG_OK);
    assert_false(exists("plots"));
}

/* Names that leave the directory are refused, for every kind of file of the set. */
static void test_names_stay_inside(void **state)
{
    (void)state;
    write_named("a.csv", "a");
    eng_error err;
    eng_out *o = eng_out_begin(dir, &err);
    const char *bad[] = { "", "/etc/passwd", "../a.csv", "plots/../../a.csv", "plots//a.png", "./a.csv",
                          "plots/" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(eng_out_remove(o, bad[i], &err), ENG_EINPUT);
        assert_int_equal(eng_out_keep(o, bad[i], &err), ENG_EINPUT);
        assert_int_equal(eng_out_adopt(o, path_in("a.csv"), bad[i], &err), ENG_EINPUT);
    }
    assert_int_equal(eng_out_count(o), 0);
    eng_out_abort(o);
    assert_file("a.csv", "a");
}

/* The commit function adds a file listing the set, and a removal; its failure aborts the set. */
static int list_set(eng_out *o, void *data, eng_error *err)
{
    int *calls = data;
    ++*calls;
    if (*calls > 1)
        return eng_error_set(err, ENG_EINPUT, "refused");
    int n = eng_out_count(o);
    FILE *f = eng_out_open(o, "list.txt", err);
    for (int i = 0; f && i < n; i++) {
        char *text = test_slurp(eng_out_content(o, i), NULL);
        fprintf(f, "%s: %s", eng_out_name(o, i), text);
        free(text);
    }
    return f ? eng_out_remove(o, "stale.csv", err) : ENG_EFAIL;
}

static int released;
static void release(void *data)
{
    (void)data;
    released++;
}

static void test_commit_function(void **state)
{
    (void)state;
    write_named("stale.csv", "old\n");
    int calls = 0;
    released = 0;
    eng_error err;
    eng_out *o = eng_out_begin(dir, &err);
    eng_out_on_commit(o, list_set, &calls, release);
    FILE *f = eng_out_open(o, "a.csv", &err);
    fputs("1\n", f);
    assert_int_equal(eng_out_commit(o, &err), ENG_OK);
    assert_file("list.txt", "a.csv: 1\n");
    assert_false(exists("stale.csv"));
    assert_int_equal(released, 1);
    o = eng_out_begin(dir, &err);
    eng_out_on_commit(o, list_set, &calls, release);
    f = eng_out_open(o, "a.csv", &err);
    fputs("2\n", f);
    assert_int_equal(eng_out_commit(o, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "refused");
    assert_file("a.csv", "1\n");
    assert_int_equal(released, 2);
    assert_int_equal(hidden_files(), 0);
}

/* The scratch directory of a killed run goes with the other leftovers, whatever it holds. */
static void test_scratch_leftovers(void **state)
{
    (void)state;
    char name[128];
    snprintf(name, sizeof name, ".report.eaflow-%ld.tmp", (long)dead_pid());
    mkdir(path_in(name), 0777);
    char sub[256];
    snprintf(sub, sizeof sub, "%s/plots", name);
    mkdir(path_in(sub), 0777);
    snprintf(sub, sizeof sub, "%s/plots/a.png", name);
    write_named(sub, "half a chart");
    eng_error err;
    char *mine = eng_out_scratch(dir, "report", &err);
    assert_non_null(mine);
    assert_false(exists(name));
    char expect[512];
    snprintf(expect, sizeof expect, "%s/.report.eaflow-%ld.tmp", dir, (long)getpid());
    assert_string_equal(mine, expect);
    /* A set begun while this one is in use leaves it. */
    eng_out_abort(eng_out_begin(dir, &err));
    assert_int_equal(hidden_files(), 1);
    eng_out_scratch_remove(mine);
    assert_int_equal(hidden_files(), 0);
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
        cmocka_unit_test_setup_teardown(test_adopt_keep_remove, setup, teardown),
        cmocka_unit_test_setup_teardown(test_removal_of_a_subdirectory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_stay_inside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_function, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scratch_leftovers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
