/* pl_pdf.c — WeasyPrint run as a child process: no shell, input closed, messages in a temporary
 * file, killed at the time limit. */
#include "pl_pdf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_mpi.h"
#include "../engine/eng_proc.h"

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
                            "impossible de créer un fichier temporaire pour les messages de "
                            "weasyprint : %s ; vérifiez la place libre et les droits de /tmp",
                            eng_msg_errno(errno));
    double deadline = eng_proc_now() + limit;
    pid_t pid;
    if (eng_proc_start(argv, fileno(messages), NULL,
                       eng_msg_tr("weasyprint n'est pas installé : apt-get install weasyprint (ou "
                                  "make deps) ; les tableaux et les graphiques sont écrits, le "
                                  "rapport PDF ne l'est pas"), &pid, err) != ENG_OK) {
        fclose(messages);
        return ENG_EFAIL;
    }
    int wstatus = 0;
    int late = eng_proc_wait(pid, deadline, &wstatus) != 0;
    char text[700];
    last_line(messages, text, sizeof text);
    fclose(messages);
    if (late)
        return eng_error_set(err, ENG_EFAIL, "weasyprint n'a pas fini en %g s et a été arrêté ; "
                            "donnez à EAFLOW_PDF_TIMEOUT un nombre de secondes plus grand", limit);
    const char *said = text[0] ? text : eng_msg_tr("aucun message");
    if (WIFSIGNALED(wstatus))
        return eng_error_set(err, ENG_EFAIL, "weasyprint a été arrêté par le signal %d : %s",
                            WTERMSIG(wstatus), said);
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0)
        return eng_error_set(err, ENG_EFAIL, "weasyprint a échoué (code de sortie %d) : %s",
                            WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1, said);
    if (!is_pdf(pdf))
        return eng_error_set(err, ENG_EFAIL, "weasyprint s'est arrêté sans écrire de PDF ; il a "
                            "dit : %s", said);
    return ENG_OK;
}

int pl_pdf_render(const char *html, const char *pdf, eng_error *err)
{
    /* In an MPI job the ranks other than 0 write into a private directory that is thrown away
     * (cli_mpi.h): laying out their PDF, the longest stage of a report, would be work for nothing
     * on the machine they may share with rank 0. Their report.pdf stays empty. */
    if (eng_mpi_rank() > 0)
        return ENG_OK;
    double limit;
    int status = eng_proc_timeout("EAFLOW_PDF_TIMEOUT", PL_PDF_TIMEOUT, &limit, err);
    if (status != ENG_OK)
        return status;
    char *in = path_argument(html), *out = path_argument(pdf);
    if (!in || !out)
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    else {
        char *const argv[] = { "weasyprint", "-q", "-e", "utf-8", in, out, NULL };
        status = run(argv, pdf, limit, err);
    }
    free(in);
    free(out);
    return status;
}
