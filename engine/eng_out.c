/* eng_out.c — Output files written to temporary names and renamed into place together. */
#include "eng_out.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eng_array.h"

/* A temporary file is `.NAME` TMP_TAG `PID` TMP_END (see eng_out.h). */
#define TMP_TAG ".eaflow-"
#define TMP_END ".tmp"

typedef struct out_file {
    FILE *f;
    char *tmp, *final;
} out_file;

struct eng_out {
    char *dir;
    out_file *files;
    int n, cap;
};

int eng_out_mkdir_p(const char *dir, eng_error *err)
{
    size_t len = strlen(dir);
    char *path = malloc(len + 1);
    if (!path)
        return eng_error_set(err, ENG_EFAIL, "out of memory");
    memcpy(path, dir, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char c = path[i];
        path[i] = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(path);
            return eng_error_set(err, ENG_EFAIL, "%s: cannot create directory: %s", dir, strerror(e));
        }
        path[i] = c;
    }
    free(path);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return eng_error_set(err, ENG_EFAIL, "%s: not a directory", dir);
    return ENG_OK;
}

/* When `base` (a file name without directory) is a temporary name `.NAME.eaflow-PID.tmp` with a
 * non-empty NAME, returns PID and stores the length of NAME in *name_len; otherwise returns 0. */
static long tmp_pid(const char *base, size_t *name_len)
{
    size_t n = strlen(base), tag = strlen(TMP_TAG), end = strlen(TMP_END);
    if (base[0] != '.' || n < 2 + tag + 1 + end || strcmp(base + n - end, TMP_END) != 0)
        return 0;
    /* The PID is the run of digits between the last TMP_TAG and TMP_END. */
    size_t digits = n - end;
    while (digits > 0 && isdigit((unsigned char)base[digits - 1]))
        digits--;
    if (digits == n - end || n - end - digits > 9 || digits < 2 + tag
        || strncmp(base + digits - tag, TMP_TAG, tag) != 0)
        return 0;
    long pid = strtol(base + digits, NULL, 10);
    if (name_len)
        *name_len = digits - tag - 1;
    return pid;
}

/* Removes the temporary files in dir whose PID names no running process: kill(pid, 0) fails with
 * ESRCH only then (EPERM means a live process of another user). This process's own files belong
 * to sets still open. Best effort: a file that cannot be removed is left. */
static void remove_leftovers(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    long self = (long)getpid();
    size_t dlen = strlen(dir);
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid = tmp_pid(e->d_name, NULL);
        if (pid <= 0 || pid == self || pid > INT_MAX || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        size_t size = dlen + strlen(e->d_name) + 2;
        char *path = malloc(size);
        if (!path)
            break;
        snprintf(path, size, "%s/%s", dir, e->d_name);
        unlink(path);
        free(path);
    }
    closedir(d);
}

int eng_out_final_path(const char *tmp_path, char *buf, size_t size)
{
    const char *slash = strrchr(tmp_path, '/');
    const char *base = slash ? slash + 1 : tmp_path;
    size_t name_len;
    if (tmp_pid(base, &name_len) <= 0)
        return snprintf(buf, size, "%s", tmp_path);
    return snprintf(buf, size, "%.*s%.*s", (int)(base - tmp_path), tmp_path, (int)name_len,
                    base + 1);
}

eng_out *eng_out_begin(const char *dir, eng_error *err)
{
    if (eng_out_mkdir_p(dir, err) != ENG_OK)
        return NULL;
    remove_leftovers(dir);
    eng_out *o = calloc(1, sizeof *o);
    if (o)
        o->dir = strdup(dir);
    if (!o || !o->dir) {
        free(o);
        eng_error_set(err, ENG_EFAIL, "out of memory");
        return NULL;
    }
    return o;
}

FILE *eng_out_open(eng_out *o, const char *name, eng_error *err)
{
    if (eng_array_reserve_int(&o->files, &o->cap, o->n + 1, sizeof *o->files, 8) != 0) {
        eng_error_set(err, ENG_EFAIL, "out of memory");
        return NULL;
    }
    size_t size = strlen(o->dir) + strlen(name) + 64;
    out_file *of = &o->files[o->n];
    of->tmp = malloc(size);
    of->final = malloc(size);
    if (!of->tmp || !of->final) {
        free(of->tmp);
        free(of->final);
        eng_error_set(err, ENG_EFAIL, "out of memory");
        return NULL;
    }
    snprintf(of->final, size, "%s/%s", o->dir, name);
    snprintf(of->tmp, size, "%s/.%s" TMP_TAG "%ld" TMP_END, o->dir, name, (long)getpid());
    of->f = fopen(of->tmp, "w");
    if (!of->f) {
        eng_error_set(err, ENG_EFAIL, "%s: cannot write: %s", of->final, strerror(errno));
        free(of->tmp);
        free(of->final);
        return NULL;
    }
    o->n++;
    return of->f;
}

const char *eng_out_tmp_path(const eng_out *o, const char *name)
{
    size_t dl = strlen(o->dir);
    for (int i = 0; i < o->n; i++)
        if (strcmp(o->files[i].final + dl + 1, name) == 0)
            return o->files[i].tmp;
    return NULL;
}

static void out_free(eng_out *o)
{
    for (int i = 0; i < o->n; i++) {
        free(o->files[i].tmp);
        free(o->files[i].final);
    }
    free(o->files);
    free(o->dir);
    free(o);
}

int eng_out_finish(eng_out *o, int status, eng_error *err)
{
    if (status == ENG_OK && o)
        return eng_out_commit(o, err);
    eng_out_abort(o);
    return status;
}

void eng_out_abort(eng_out *o)
{
    if (!o)
        return;
    for (int i = 0; i < o->n; i++) {
        if (o->files[i].f)
            fclose(o->files[i].f);
        remove(o->files[i].tmp);
    }
    out_free(o);
}

int eng_out_commit(eng_out *o, eng_error *err)
{
    int status = ENG_OK;
    for (int i = 0; i < o->n; i++) {
        out_file *of = &o->files[i];
        /* A failed write sets the stream's error flag, whose errno is gone by now; a failure
         * while closing (the last buffer flushed) still has its errno. */
        int bad = ferror(of->f), e = 0;
        if (fclose(of->f) != 0) {
            e = errno;
            bad = 1;
        }
        of->f = NULL;
        if (bad && status == ENG_OK)
            status = eng_error_set(err, ENG_EFAIL, "%s: write failed%s%s", of->final,
                                  e ? ": " : " (disk full?)", e ? strerror(e) : "");
    }
    for (int i = 0; i < o->n && status == ENG_OK; i++) {
        if (rename(o->files[i].tmp, o->files[i].final) != 0)
            status = eng_error_set(err, ENG_EFAIL, "%s: cannot rename into place: %s",
                                  o->files[i].final, strerror(errno));
    }
    if (status != ENG_OK) {
        eng_out_abort(o);
        return status;
    }
    out_free(o);
    return ENG_OK;
}
