/* test_proc.h — Helpers of the tests that run programs (./eaflow, gnuplot, Chromium) and read
 * the files they write: no shell, output redirected, a time limit. */
#ifndef TEST_PROC_H
#define TEST_PROC_H

#include <fcntl.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

#endif
