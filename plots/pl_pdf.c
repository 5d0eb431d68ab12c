/* pl_pdf.c — WeasyPrint run as a child process: no shell, input closed, messages in a temporary
 * file, killed at the time limit. */
#include "pl_pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../engine/eng_text.h"

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The time WeasyPrint may take, in seconds: $EAFLOW_PDF_TIMEOUT, else PL_PDF_TIMEOUT. */
static int timeout_seconds(double *out, eng_error *err)
{
    const char *v = getenv("EAFLOW_PDF_TIMEOUT");
    *out = PL_PDF_TIMEOUT;
    if (!v || !*v)
        return ENG_OK;
    double t;
    if (eng_text_parse_double(v, &t) != 0 || !(t > 0) || t > 1e6)
        return eng_error_set(err, ENG_EINPUT, "EAFLOW_PDF_TIMEOUT=%.40s: expected a number of "
                            "seconds, more than 0 and at most 1000000", v);
    *out = t;
    return ENG_OK;
}

/* A path as an argument WeasyPrint reads as a file name: a relative path gets "./" before it, so
 * that neither a leading '-' nor a leading "name:" (a URL scheme) changes its meaning. */
static char *path_argument(const char *path)
{
    size_t n = strlen(path);
    char *s = malloc(n + 3);
    if (s)
        snprintf(s, n + 3, "%s%s", path[0] == '/' ? "" : "./", path);
    return s;
}

/* Starts argv with its input on /dev/null and its output and error going to `messages`. Returns
 * the child's pid, or -1 with err filled: a missing program is told apart from one that cannot run
 * through a close-on-exec pipe that a successful exec closes and a failed one fills with errno. */
static pid_t spawn(char *const argv[], FILE *messages, eng_error *err)
{
    int report[2];
    if (pipe(report) != 0) {
        eng_error_set(err, ENG_EFAIL, "cannot create a pipe: %s", strerror(errno));
        return -1;
    }
    fcntl(report[1], F_SETFD, FD_CLOEXEC);
    pid_t pid = fork();
    if (pid == 0) {
        /* Only async-signal-safe calls between fork and exec. */
        int in = open("/dev/null", O_RDONLY);
        int out = fileno(messages);
        if (in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
            _exit(127);
        close(report[0]);
        execvp(argv[0], argv);
        int e = errno;
        ssize_t w = write(report[1], &e, sizeof e);
        (void)w;
        _exit(127);
    }
    int fork_errno = errno;
    close(report[1]);
    int exec_errno = 0;
    ssize_t got = 0;
    if (pid > 0)
        while ((got = read(report[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
            continue;
    close(report[0]);
    if (pid > 0 && got <= 0)
        return pid;
    if (pid > 0)
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            continue;
    if (pid < 0)
        eng_error_set(err, ENG_EFAIL, "cannot start weasyprint: %s", strerror(fork_errno));
    else if (exec_errno == ENOENT)
        eng_error_set(err, ENG_EFAIL, "weasyprint is not installed: apt-get install weasyprint (or "
                      "run make deps); the tables and charts are written, the report is not");
    else
        eng_error_set(err, ENG_EFAIL, "cannot run weasyprint: %s", strerror(exec_errno));
    return -1;
}

/* Waits for pid to end until the deadline, polling with pauses from 1 to 64 ms (WeasyPrint takes
 * seconds). Returns 0 with *status filled, or -1 when the deadline passed: the process is then
 * killed and reaped. A child reaped elsewhere (SIGCHLD ignored by the caller) counts as a success;
 * the check of the output file still applies. */
static int wait_until(pid_t pid, int *status, double deadline)
{
    long pause = 1000000;
    *status = 0;
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return 0;
        if (now() >= deadline) {
            kill(pid, SIGKILL);
            while (waitpid(pid, status, 0) < 0 && errno == EINTR)
                continue;
            return -1;
        }
        struct timespec ts = { 0, pause };
        nanosleep(&ts, NULL);
        if (pause < 64000000)
            pause *= 2;
    }
}

/* The last line that is not blank among the last 4 KiB of what WeasyPrint wrote: a Python error
 * ends with the exception's one-line message. Empty when it wrote nothing. */
static void last_line(FILE *f, char *buf, size_t size)
{
    char raw[4096];
    if (fseek(f, 0, SEEK_END) == 0 && ftell(f) > (long)sizeof raw - 1)
        fseek(f, -(long)(sizeof raw - 1), SEEK_END);
    else
        rewind(f);
    size_t n = fread(raw, 1, sizeof raw - 1, f);
    while (n > 0 && (unsigned char)raw[n - 1] <= ' ')
        n--;
    raw[n] = '\0';
    char *start = strrchr(raw, '\n');
    start = start ? start + 1 : raw;
    while ((unsigned char)*start == ' ' || *start == '\t')
        start++;
    size_t k = strlen(start) < size - 1 ? strlen(start) : size - 1;
    memcpy(buf, start, k);
    buf[k] = '\0';
}

/* Whether path holds the start of a PDF file. */
static int is_pdf(const char *path)
{
    char head[5] = { 0 };
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f)
        fclose(f);
    return n == sizeof head && memcmp(head, "%PDF-", 5) == 0;
}

/* Runs WeasyPrint on html until the deadline; on a normal end, checks its status and output. */
static int run(char *const argv[], const char *pdf, double limit, eng_error *err)
{
    FILE *messages = tmpfile();
    if (!messages)
        return eng_error_set(err, ENG_EFAIL,
                            "cannot create a temporary file for weasyprint's messages: %s",
                            strerror(errno));
    double deadline = now() + limit;
    pid_t pid = spawn(argv, messages, err);
    if (pid < 0) {
        fclose(messages);
        return ENG_EFAIL;
    }
    int wstatus = 0;
    int late = wait_until(pid, &wstatus, deadline) != 0;
    char text[700];
    last_line(messages, text, sizeof text);
    fclose(messages);
    if (late)
        return eng_error_set(err, ENG_EFAIL, "weasyprint did not finish within %g s, so it was "
                            "stopped; set EAFLOW_PDF_TIMEOUT to a number of seconds to wait "
                            "longer", limit);
    if (WIFSIGNALED(wstatus))
        return eng_error_set(err, ENG_EFAIL, "weasyprint was killed by signal %d%s%s",
                            WTERMSIG(wstatus), text[0] ? ": " : "", text);
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0)
        return eng_error_set(err, ENG_EFAIL, "weasyprint failed (exit status %d): %s",
                            WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1,
                            text[0] ? text : "no message");
    if (!is_pdf(pdf))
        return eng_error_set(err, ENG_EFAIL, "weasyprint exited without writing a PDF%s%s",
                            text[0] ? "; it said: " : "", text);
    return ENG_OK;
}

int pl_pdf_render(const char *html, const char *pdf, eng_error *err)
{
    double limit;
    int status = timeout_seconds(&limit, err);
    if (status != ENG_OK)
        return status;
    char *in = path_argument(html), *out = path_argument(pdf);
    if (!in || !out)
        status = eng_error_set(err, ENG_EFAIL, "out of memory");
    else {
        char *const argv[] = { "weasyprint", "-q", "-e", "utf-8", in, out, NULL };
        status = run(argv, pdf, limit, err);
    }
    free(in);
    free(out);
    return status;
}
