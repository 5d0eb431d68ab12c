/* pl_gnuplot.c — The gnuplot driver: script in memory, one gnuplot process fed through a pipe. */
#include "pl_gnuplot.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../engine/eng_array.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_out.h"
#include "../engine/eng_proc.h"
#include "../engine/eng_text.h"

/* An output file the script sets with pl_gnuplot_terminal, and where in the script it is set. */
typedef struct output {
    char *path;
    size_t offset;     /* bytes of script before its `set terminal` */
} output;

struct pl_gnuplot {
    FILE *script;      /* open_memstream over buf */
    char *buf;
    size_t len;
    output *out;
    size_t nout, cap;
    int oom;           /* an output could not be recorded: pl_gnuplot_run fails */
};

int pl_gnuplot_format_parse(const char *text, pl_gnuplot_format *out)
{
    static const pl_gnuplot_format all[] = { PL_PNG, PL_SVG, PL_PDF };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (eng_text_casecmp(text, pl_gnuplot_format_ext(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    }
    return -1;
}

const char *pl_gnuplot_format_ext(pl_gnuplot_format format)
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
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
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
    for (size_t i = 0; i < gp->nout; i++)
        free(gp->out[i].path);
    free(gp->out);
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

void pl_gnuplot_terminal(pl_gnuplot *gp, pl_gnuplot_format format, const char *path)
{
    FILE *f = gp->script;
    char *copy = strdup(path);
    long offset = ftell(f);
    if (!copy || offset < 0
        || eng_array_reserve(&gp->out, &gp->cap, gp->nout + 1, sizeof *gp->out, 16) != 0) {
        free(copy);
        gp->oom = 1;
    } else {
        gp->out[gp->nout++] = (output){ copy, (size_t)offset };
    }
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

/* Writes all of buf to fd, which is non-blocking, before the deadline; *sent receives the bytes
 * written. A gnuplot that died early makes the write fail with EPIPE; SIGPIPE is blocked meanwhile
 * so that the library never kills its caller, and the signal that the failed write raised is taken
 * off the pending set before the mask is restored. Returns 0, an errno, or ETIMEDOUT when gnuplot
 * stopped reading and the deadline passed. */
static int write_all(int fd, const char *buf, size_t n, double deadline, size_t *sent)
{
    sigset_t pipe_set, old, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    sigpending(&pending);
    int was_pending = sigismember(&pending, SIGPIPE);
    int e = 0;
    *sent = 0;
    while (n > 0) {
        ssize_t k = write(fd, buf, n);
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            double left = deadline - eng_proc_now();
            struct pollfd p = { fd, POLLOUT, 0 };
            if (left <= 0
                || (poll(&p, 1, (int)(left * 1000) + 1) == 0 && eng_proc_now() >= deadline)) {
                e = ETIMEDOUT;
                break;
            }
            continue;
        }
        if (k < 0) {
            if (errno == EINTR)
                continue;
            e = errno;
            break;
        }
        buf += k;
        n -= (size_t)k;
        *sent += (size_t)k;
    }
    if (e == EPIPE && !was_pending) {
        const struct timespec zero = { 0, 0 };
        while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
            continue;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return e;
}

/* Whether path is a file with something in it. */
static int written(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && st.st_size > 0;
}

/* The output gnuplot was drawing when it was stopped after receiving `sent` bytes of script: the
 * first output set in what it received whose file is still missing or empty, else the last output
 * it received; NULL when it received none. */
static const char *current_output(const pl_gnuplot *gp, size_t sent)
{
    const char *last = NULL;
    for (size_t i = 0; i < gp->nout && gp->out[i].offset < sent; i++) {
        if (!written(gp->out[i].path))
            return gp->out[i].path;
        last = gp->out[i].path;
    }
    return last;
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

/* Starts `gnuplot -d` with its standard input reading from a pipe whose write end (non-blocking) is
 * left in *to, and its output and error going to `messages`. */
static int spawn(FILE *messages, int *to, pid_t *pid, eng_error *err)
{
    char *argv[] = { "gnuplot", "-d", NULL };
    return eng_proc_start(argv, fileno(messages), to,
                          eng_msg_tr("gnuplot n'est pas installé : apt-get install gnuplot-nox (ou "
                                     "make deps) ; les tableaux sont écrits, seuls les graphiques "
                                     "manquent"), pid, err);
}

/* The error of a gnuplot stopped at the time limit, naming the chart it was drawing. */
static int timed_out(const pl_gnuplot *gp, size_t sent, double limit, eng_error *err)
{
    const char *path = current_output(gp, sent);
    char name[4096];
    if (path)
        eng_out_final_path(path, name, sizeof name);
    if (!path)
        return eng_error_set(err, ENG_EFAIL, "gnuplot n'a pas fini en %g s et a été arrêté ; donnez "
                            "à EAFLOW_GNUPLOT_TIMEOUT un nombre de secondes plus grand", limit);
    return eng_error_set(err, ENG_EFAIL, "gnuplot n'a pas fini en %g s en dessinant %s et a été "
                        "arrêté ; donnez à EAFLOW_GNUPLOT_TIMEOUT un nombre de secondes plus grand",
                        limit, name);
}

int pl_gnuplot_run(pl_gnuplot *gp, eng_error *err)
{
    if (gp->oom || fflush(gp->script) != 0)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour écrire le script de gnuplot");
    double limit;
    int status = eng_proc_timeout("EAFLOW_GNUPLOT_TIMEOUT", PL_GNUPLOT_TIMEOUT, &limit, err);
    if (status != ENG_OK)
        return status;
    FILE *messages = tmpfile();
    if (!messages)
        return eng_error_set(err, ENG_EFAIL,
                            "impossible de créer un fichier temporaire pour les messages de "
                            "gnuplot : %s ; vérifiez la place libre et les droits de /tmp",
                            eng_msg_errno(errno));
    double deadline = eng_proc_now() + limit;
    int to = -1;
    pid_t pid;
    if (spawn(messages, &to, &pid, err) != ENG_OK) {
        fclose(messages);
        return ENG_EFAIL;
    }
    size_t sent = 0;
    int write_errno = write_all(to, gp->buf, gp->len, deadline, &sent);
    close(to);
    int wstatus = 0;
    int late = write_errno == ETIMEDOUT || eng_proc_wait(pid, deadline, &wstatus) != 0;
    if (write_errno == ETIMEDOUT)
        eng_proc_kill(pid, &wstatus);
    char text[700];
    read_messages(messages, text, sizeof text);
    fclose(messages);
    if (late)
        return timed_out(gp, sent, limit, err);
    if (WIFSIGNALED(wstatus))
        return eng_error_set(err, ENG_EFAIL, "gnuplot a été arrêté par le signal %d : %s",
                            WTERMSIG(wstatus), text[0] ? text : eng_msg_tr("aucun message"));
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0)
        return eng_error_set(err, ENG_EFAIL, "gnuplot a échoué (code de sortie %d) : %s",
                            WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1,
                            text[0] ? text : eng_msg_tr("aucun message"));
    if (write_errno != 0)
        return eng_error_set(err, ENG_EFAIL, "impossible d'envoyer le script à gnuplot : %s",
                            eng_msg_errno(write_errno));
    for (size_t i = 0; i < gp->nout; i++)
        if (!written(gp->out[i].path)) {
            char name[4096];
            eng_out_final_path(gp->out[i].path, name, sizeof name);
            return eng_error_set(err, ENG_EFAIL, "gnuplot s'est arrêté sans écrire %s (fichier "
                                "absent ou vide) ; il a dit : %s", name,
                                text[0] ? text : eng_msg_tr("aucun message"));
        }
    return ENG_OK;
}
