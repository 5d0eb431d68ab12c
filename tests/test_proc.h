/* test_proc.h — Helpers of the tests that run programs (./eaflow, gnuplot, Chromium) and read
 * the files they write: no shell, output redirected, a time limit; scratch directories and PATH. */
#ifndef TEST_PROC_H
#define TEST_PROC_H

#include <fcntl.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"

/* The program under test: $EAFLOW_BIN (the sanitizer build sets it), else ./eaflow. */
static inline const char *test_eaflow_bin(void)
{
    const char *b = getenv("EAFLOW_BIN");
    return b ? b : "./eaflow";
}

/* Runs argv (looked up in PATH) with stdout and stderr sent to the given files (NULL: thrown
 * away), killed after `seconds`. Returns the exit status, 128 + the signal, or -1 on a timeout. */
static inline int test_run(const char *const argv[], const char *out_path, const char *err_path, int seconds)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fo = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(err_path ? err_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fo, 1);
        dup2(fe, 2);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status;
    for (long i = 0; i < seconds * 100L; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        struct timespec ts = { 0, 10000000 };
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

/* Runs eaflow with the arguments that follow (NULL-terminated, at most 30), stdout and stderr to
 * the given files (NULL: thrown away); returns its exit status. */
static inline int test_eaflow(const char *out_path, const char *err_path, const char *a0, ...)
{
    const char *argv[32];
    int n = 0;
    argv[n++] = test_eaflow_bin();
    va_list ap;
    va_start(ap, a0);
    for (const char *a = a0; a && n < 31; a = va_arg(ap, const char *))
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    return test_run(argv, out_path, err_path, 600);
}

/* Reads a whole file into a malloc'd string; NULL when it cannot be read. *len (if not NULL)
 * receives its size. */
static inline char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    size_t got = s ? fread(s, 1, (size_t)n, f) : 0;
    if (s)
        s[got] = '\0';
    fclose(f);
    if (len)
        *len = got;
    return s;
}

/* What was written to f (a file that can be read back, such as tmpfile's), in a string to free;
 * f is closed. */
static inline char *test_written(FILE *f)
{
    long n = ftell(f);
    assert_true(n >= 0);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    rewind(f);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* Writes n bytes of data into a new temporary file made from the mkstemp template in path, which
 * receives its name; fails the test when it cannot. */
static inline void test_temp_file(char *path, const void *data, size_t n)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* The same for a string. */
static inline void test_temp_text(char *path, const char *text)
{
    test_temp_file(path, text, strlen(text));
}

/* ---- Scratch directories ------------------------------------------------------------------- */

/* Makes the scratch directory of a test, /tmp/<test>_XXXXXX, in dir (a buffer of 64). Returns 0,
 * or -1 when it cannot. */
static inline int test_dir_make(char *dir, const char *test)
{
    snprintf(dir, 64, "/tmp/%s_XXXXXX", test);
    return mkdtemp(dir) ? 0 : -1;
}

/* Removes a scratch directory and all it holds. Returns 0, or -1 when it cannot. */
static inline int test_dir_remove(const char *dir)
{
    const char *argv[] = { "rm", "-rf", dir, NULL };
    return test_run(argv, NULL, NULL, 60) == 0 ? 0 : -1;
}

/* What a test file that works in a scratch directory starts with: the directory, tmpdir, and the
 * setup and teardown that make it as /tmp/<test>_XXXXXX and remove it with all it holds: given to
 * cmocka_run_group_tests for one directory for the whole group, or to
 * cmocka_unit_test_setup_teardown for a fresh one for each test. */
#define TEST_DIR_GROUP(test)                                                                    \
    static char tmpdir[64];                                                                     \
    static int setup(void **state)                                                              \
    {                                                                                           \
        (void)state;                                                                            \
        return test_dir_make(tmpdir, test);                                                     \
    }                                                                                           \
    static int teardown(void **state)                                                           \
    {                                                                                           \
        (void)state;                                                                            \
        return test_dir_remove(tmpdir);                                                         \
    }

/* dir/name, in one of four buffers used in turn, so that one call can take up to four paths. */
static inline const char *test_path(const char *dir, const char *name)
{
    static char buf[4][512];
    static int i;
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
    return buf[i];
}

/* Writes text into the file dir/name, failing the test when it cannot; returns its path (as
 * test_path). */
static inline const char *test_write(const char *dir, const char *name, const char *text)
{
    const char *path = test_path(dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Makes the new directory dir/name, its path in path (a buffer of `size`); fails the test when it
 * cannot. */
static inline void test_subdir(char *path, size_t size, const char *dir, const char *name)
{
    snprintf(path, size, "%s/%s", dir, name);
    assert_int_equal(mkdir(path, 0755), 0);
}

/* Sets PATH to dir/empty-bin, an empty directory made here, so that no program is found; returns
 * the old PATH (malloc'd) for test_path_restore. */
static inline char *test_path_empty(const char *dir)
{
    char empty[512];
    test_subdir(empty, sizeof empty, dir, "empty-bin");
    const char *old = getenv("PATH");
    char *saved = strdup(old ? old : "/usr/bin:/bin");
    assert_non_null(saved);
    setenv("PATH", empty, 1);
    return saved;
}

/* Puts back the PATH that test_path_empty returned, and frees it. */
static inline void test_path_restore(char *saved)
{
    setenv("PATH", saved, 1);
    free(saved);
}

#endif
