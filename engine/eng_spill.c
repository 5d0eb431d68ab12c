/* eng_spill.c — Temporary files of doubles: mkstemp in the temporary folder, unlink at once, then
 * pwrite and pread, which keep no file position and so need no lock between threads. */
#include "eng_spill.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eng_msg.h"

struct eng_spill {
    int fd;
};

const char *eng_spill_dir(void)
{
    const char *dir = getenv("TMPDIR");
    return dir && *dir ? dir : "/tmp";
}

eng_spill *eng_spill_alloc(eng_error *err)
{
    char path[4096];
    const char *dir = eng_spill_dir();
    if ((size_t)snprintf(path, sizeof path, "%s/eaflow-XXXXXX", dir) >= sizeof path) {
        eng_error_set(err, ENG_EINPUT, "dossier temporaire « %s » : chemin trop long ; donnez à TMPDIR "
                      "un dossier plus court", dir);
        return NULL;
    }
    eng_spill *sp = malloc(sizeof *sp);
    int fd = sp ? mkstemp(path) : -1;
    if (fd < 0) {
        int e = errno;
        free(sp);
        eng_error_set(err, ENG_EFAIL, "dossier temporaire « %s » : impossible d'y créer un fichier "
                      "(%s) ; donnez à TMPDIR un dossier où écrire", dir, eng_msg_errno(e));
        return NULL;
    }
    unlink(path);
    sp->fd = fd;
    return sp;
}

void eng_spill_free(eng_spill *sp)
{
    if (!sp)
        return;
    close(sp->fd);
    free(sp);
}

static int io_error(eng_error *err, int e)
{
    return eng_error_set(err, ENG_EFAIL, "fichier temporaire dans « %s » : %s ; libérez de la place "
                         "sur ce disque ou donnez à TMPDIR un dossier sur un autre disque "
                         "(voir « Espace disque temporaire » dans le README)", eng_spill_dir(),
                         e ? eng_msg_errno(e) : eng_msg_tr("fin de fichier inattendue"));
}

int eng_spill_write(eng_spill *sp, size_t at, const double *x, size_t n, eng_error *err)
{
    const char *p = (const char *)x;
    size_t left = n * sizeof *x;
    off_t off = (off_t)(at * sizeof *x);
    while (left > 0) {
        ssize_t w = pwrite(sp->fd, p, left, off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return io_error(err, w < 0 ? errno : ENOSPC);
        p += w;
        off += w;
        left -= (size_t)w;
    }
    return ENG_OK;
}

int eng_spill_read(const eng_spill *sp, size_t at, double *x, size_t n, eng_error *err)
{
    char *p = (char *)x;
    size_t left = n * sizeof *x;
    off_t off = (off_t)(at * sizeof *x);
    while (left > 0) {
        ssize_t r = pread(sp->fd, p, left, off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return io_error(err, r < 0 ? errno : 0);
        p += r;
        off += r;
        left -= (size_t)r;
    }
    return ENG_OK;
}
