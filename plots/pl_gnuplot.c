/* pl_gnuplot.c — The gnuplot driver: script in memory, one gnuplot process fed through a pipe. */
#include "pl_gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../engine/eng_text.h"

struct pl_gnuplot {
    FILE *script;      /* open_memstream over buf */
    char *buf;
    size_t len;
};

int pl_format_parse(const char *text, pl_format *out)
{
    static const pl_format all[] = { PL_PNG, PL_SVG, PL_PDF };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (eng_strcasecmp(text, pl_format_ext(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    }
    return -1;
}

const char *pl_format_ext(pl_format format)
{
    switch (format) {
    case PL_SVG:
        return "svg";
    case PL_PDF:
        return "pdf";
    default:
        return "png";
    }
}

int pl_gnuplot_alloc(pl_gnuplot **out, eng_error *err)
{
    *out = NULL;
    pl_gnuplot *gp = calloc(1, sizeof *gp);
    if (gp)
        gp->script = open_memstream(&gp->buf, &gp->len);
    if (!gp || !gp->script) {
        free(gp);
        return eng_error_set(err, ENG_EFAIL, "out of memory");
    }
    *out = gp;
    return ENG_OK;
}

void pl_gnuplot_free(pl_gnuplot *gp)
{
    if (!gp)
        return;
    fclose(gp->script);
    free(gp->buf);
    free(gp);
}

FILE *pl_gnuplot_script(pl_gnuplot *gp)
{
    return gp->script;
}

/* gnuplot's scanner takes a doubled quote into a single-quoted string only when a character of the
 * string comes just before it: '''x' reads as an empty string followed by 'x', and 'a''''b' stops
 * after the first pair. A quote at the start of the text or right after another quote is therefore
 * preceded by a zero-width space (U+200B), which draws as nothing. */
static void quote(FILE *f, const char *text, int tic)
{
    fputc('\'', f);
    int after_quote = 1;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        int is_quote = *p == '\'';
        if (is_quote && after_quote)
            fputs("\u200b", f);
        after_quote = is_quote;
        if (is_quote)
            fputs("''", f);
        else if (*p == '%' && tic)
            fputs("%%", f);
        else if (*p < 0x20 || *p == 0x7f)
            fputc(' ', f);
        else
            fputc(*p, f);
    }
    fputc('\'', f);
}

void pl_gnuplot_text(FILE *f, const char *text)
{
    quote(f, text, 0);
}

void pl_gnuplot_tic(FILE *f, const char *text)
{
    quote(f, text, 1);
}

void pl_gnuplot_terminal(FILE *f, pl_format format, const char *path)
{
    fputs("set encoding utf8\n", f);
    switch (format) {
    case PL_SVG:
        fputs("set terminal svg size 1280,720 noenhanced font 'Sans,16' background '#ffffff'\n", f);
        break;
    case PL_PDF:
        fputs("set terminal pdfcairo size 29.7cm,21cm noenhanced font 'Sans,14'\n", f);
        break;
    default:
        fputs(
            "set terminal pngcairo size 1280,720 noenhanced font 'Sans,13' background '#ffffff'\n",
            f);
        break;
    }
    fputs("set output ", f);
    pl_gnuplot_text(f, path);
    fputc('\n', f);
}

void pl_gnuplot_close_output(FILE *f)
{
    fputs("unset output\n", f);
}

/* Writes all of buf to fd. A gnuplot that died early makes the write fail with EPIPE; SIGPIPE is
 * blocked meanwhile so that the library never kills its caller, and the signal that the failed
 * write raised is taken off the pending set before the mask is restored. Returns 0 or an errno. */
static int write_all(int fd, const char *buf, size_t n)
{
    sigset_t pipe_set, old, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    sigpending(&pending);
    int was_pending = sigismember(&pending, SIGPIPE);
    int e = 0;
    while (n > 0) {
        ssize_t k = write(fd, buf, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            e = errno;
            break;
        }
        buf += k;
        n -= (size_t)k;
    }
    if (e == EPIPE && !was_pending) {
        const struct timespec zero = { 0, 0 };
        while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
            continue;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return e;
}

/* What gnuplot wrote to its output and error streams, blanks and line breaks collapsed to single
 * spaces so that the message fits on one line. */
static void read_messages(FILE *f, char *buf, size_t size)
{
    char raw[2048];
    rewind(f);
    size_t n = fread(raw, 1, sizeof raw - 1, f);
    raw[n] = '\0';
    size_t k = 0;
    int space = 1;
    for (size_t i = 0; i < n && k + 1 < size; i++) {
        unsigned char c = (unsigned char)raw[i];
        if (c <= ' ') {
            if (!space)
                buf[k++] = ' ';
            space = 1;
        } else {
            buf[k++] = (char)c;
            space = 0;
        }
    }
    while (k > 0 && buf[k - 1] == ' ')
        k--;
    buf[k] = '\0';
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

int pl_gnuplot_run(pl_gnuplot *gp, eng_error *err)
{
    if (fflush(gp->script) != 0)
        return eng_error_set(err, ENG_EFAIL, "out of memory while writing the gnuplot script");
    FILE *messages = tmpfile();
    if (!messages)
        return eng_error_set(err, ENG_EFAIL,
                            "cannot create a temporary file for gnuplot's messages: %s",
                            strerror(errno));
    /* in: the script, to gnuplot's standard input. report: closed by a successful exec (it is
     * close-on-exec), or carrying the errno of a failed one, so that a missing gnuplot is told
     * apart from a gnuplot that failed. */
    int in[2] = { -1, -1 }, report[2] = { -1, -1 };
    if (pipe(in) != 0 || pipe(report) != 0) {
        int e = errno;
        close_fd(&in[0]);
        close_fd(&in[1]);
        fclose(messages);
        return eng_error_set(err, ENG_EFAIL, "cannot create a pipe to gnuplot: %s", strerror(e));
    }
    fcntl(in[1], F_SETFD, FD_CLOEXEC);
    fcntl(report[1], F_SETFD, FD_CLOEXEC);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close_fd(&in[0]);
        close_fd(&in[1]);
        close_fd(&report[0]);
        close_fd(&report[1]);
        fclose(messages);
        return eng_error_set(err, ENG_EFAIL, "cannot start gnuplot: %s", strerror(e));
    }
    if (pid == 0) {
        /* Only async-signal-safe calls between fork and exec. */
        int out = fileno(messages);
        if (dup2(in[0], 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
            _exit(127);
        close(in[0]);
        close(report[0]);
        char *const argv[] = { "gnuplot", "-d", NULL };
        execvp(argv[0], argv);
        int e = errno;
        ssize_t w = write(report[1], &e, sizeof e);
        (void)w;
        _exit(127);
    }
    close_fd(&in[0]);
    close_fd(&report[1]);
    int exec_errno = 0;
    ssize_t got;
    while ((got = read(report[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
        continue;
    close_fd(&report[0]);
    int write_errno = 0;
    if (got <= 0)
        write_errno = write_all(in[1], gp->buf, gp->len);
    close_fd(&in[1]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        continue;
    char text[700];
    read_messages(messages, text, sizeof text);
    fclose(messages);
    if (got > 0) {
        if (exec_errno == ENOENT)
            return eng_error_set(err, ENG_EFAIL,
                                "gnuplot is not installed: apt-get install gnuplot-nox (or run "
                                "make deps); the tables are written, only the charts are missing");
        return eng_error_set(err, ENG_EFAIL, "cannot run gnuplot: %s", strerror(exec_errno));
    }
    if (WIFSIGNALED(status))
        return eng_error_set(err, ENG_EFAIL, "gnuplot was killed by signal %d%s%s", WTERMSIG(status),
                            text[0] ? ": " : "", text);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return eng_error_set(err, ENG_EFAIL, "gnuplot failed (exit status %d): %s",
                            WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                            text[0] ? text : "no message");
    if (write_errno != 0)
        return eng_error_set(err, ENG_EFAIL, "cannot write the script to gnuplot: %s",
                            strerror(write_errno));
    return ENG_OK;
}
