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
#include "eng_msg.h"

/* A temporary file is `.NAME` TMP_TAG `PID` TMP_END (see eng_out.h). */
#define TMP_TAG ".eaflow-"
#define TMP_END ".tmp"

/* How a file joined the set. */
enum { OUT_WRITTEN, OUT_ADOPTED, OUT_KEPT };

typedef struct out_file {
    FILE *f;                    /* open while a written file is being written */
    char *tmp, *final;          /* tmp: where the content is now (for a kept file, final itself) */
    int kind;
} out_file;

struct eng_out {
    char *dir;
    out_file *files;
    int n, cap;
    char **removals;            /* names removed at commit */
    int nremovals, rcap;
    eng_out_commit_fn hook;
    void *hook_data;
    void (*release)(void *);
};

int eng_out_mkdir_p(const char *dir, eng_error *err)
{
    size_t len = strlen(dir);
    char *path = malloc(len + 1);
    if (!path)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    memcpy(path, dir, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char c = path[i];
        path[i] = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(path);
            return eng_error_set(err, ENG_EFAIL, "%s : impossible de créer le dossier : %s", dir, eng_msg_errno(e));
        }
        path[i] = c;
    }
    free(path);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return eng_error_set(err, ENG_EFAIL, "%s : n'est pas un dossier ; choisissez un autre chemin", dir);
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

/* Removes path: a file, or a directory with everything in it (symbolic links are removed, never
 * followed). Best effort: what cannot be removed is left. */
static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    DIR *d = opendir(path);
    const struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        size_t size = strlen(path) + strlen(e->d_name) + 2;
        char *sub = malloc(size);
        if (!sub)
            break;
        snprintf(sub, size, "%s/%s", path, e->d_name);
        remove_tree(sub);
        free(sub);
    }
    if (d)
        closedir(d);
    rmdir(path);
}

/* Removes the temporary files (and scratch directories) in dir whose PID names no running
 * process: kill(pid, 0) fails with ESRCH only then (EPERM means a live process of another user).
 * This process's own files belong to sets still open. Best effort: a file that cannot be removed
 * is left. */
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
        remove_tree(path);
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
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return NULL;
    }
    return o;
}

/* Makes room for one more file in the set. */
static int grow(eng_out *o, eng_error *err)
{
    if (eng_array_reserve_int(&o->files, &o->cap, o->n + 1, sizeof *o->files, 8) != 0)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    return ENG_OK;
}

FILE *eng_out_open(eng_out *o, const char *name, eng_error *err)
{
    if (grow(o, err) != ENG_OK)
        return NULL;
    size_t size = strlen(o->dir) + strlen(name) + 64;
    out_file *of = &o->files[o->n];
    of->tmp = malloc(size);
    of->final = malloc(size);
    if (!of->tmp || !of->final) {
        free(of->tmp);
        free(of->final);
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return NULL;
    }
    snprintf(of->final, size, "%s/%s", o->dir, name);
    snprintf(of->tmp, size, "%s/.%s" TMP_TAG "%ld" TMP_END, o->dir, name, (long)getpid());
    of->kind = OUT_WRITTEN;
    of->f = fopen(of->tmp, "w");
    if (!of->f) {
        eng_error_set(err, ENG_EFAIL, "%s : écriture impossible : %s", of->final, eng_msg_errno(errno));
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
    for (int i = 0; i < o->nremovals; i++)
        free(o->removals[i]);
    if (o->release)
        o->release(o->hook_data);
    free(o->removals);
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
        if (o->files[i].kind != OUT_KEPT)
            remove(o->files[i].tmp);
    }
    out_free(o);
}

/* Closes the files of the set still open and checks that all were written. */
static int close_all(eng_out *o, eng_error *err)
{
    int status = ENG_OK;
    for (int i = 0; i < o->n; i++) {
        out_file *of = &o->files[i];
        if (!of->f)
            continue;
        /* A failed write sets the stream's error flag, whose errno is gone by now; a failure
         * while closing (the last buffer flushed) still has its errno. */
        int bad = ferror(of->f), e = 0;
        if (fclose(of->f) != 0) {
            e = errno;
            bad = 1;
        }
        of->f = NULL;
        if (bad && status == ENG_OK)
            status = eng_error_set(err, ENG_EFAIL, "%s : échec de l'écriture%s%s", of->final,
                                  e ? " : " : eng_msg_tr(" (disque plein ?)"), e ? eng_msg_errno(e) : "");
    }
    return status;
}

/* Creates the directory of a file whose name has a subdirectory, and removes the leftovers of
 * killed runs there as eng_out_begin does in the set's own directory. */
static int make_parent(const eng_out *o, const char *final, eng_error *err)
{
    const char *slash = strrchr(final, '/');
    if ((size_t)(slash - final) <= strlen(o->dir))
        return ENG_OK;
    char *parent = strndup(final, (size_t)(slash - final));
    if (!parent)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    int status = eng_out_mkdir_p(parent, err);
    if (status == ENG_OK)
        remove_leftovers(parent);
    free(parent);
    return status;
}

/* Renames the written and adopted files into place. */
static int place_all(eng_out *o, eng_error *err)
{
    int status = ENG_OK;
    for (int i = 0; i < o->n && status == ENG_OK; i++) {
        out_file *of = &o->files[i];
        if (of->kind == OUT_KEPT)
            continue;
        if (of->kind == OUT_ADOPTED)
            status = make_parent(o, of->final, err);
        if (status == ENG_OK && rename(of->tmp, of->final) != 0)
            status = eng_error_set(err, ENG_EFAIL, "%s : impossible de le mettre en place : %s", of->final,
                                   eng_msg_errno(errno));
    }
    return status;
}

/* Whether the set has a file of that name. */
static int has_name(const eng_out *o, const char *name)
{
    for (int i = 0; i < o->n; i++)
        if (strcmp(eng_out_name(o, i), name) == 0)
            return 1;
    return 0;
}

/* Removes the files of the removal list that the set does not have, then the subdirectories they
 * leave empty. */
static int remove_all(eng_out *o, eng_error *err)
{
    int status = ENG_OK;
    for (int i = 0; i < o->nremovals; i++) {
        if (has_name(o, o->removals[i]))
            continue;
        size_t size = strlen(o->dir) + strlen(o->removals[i]) + 2;
        char *path = malloc(size);
        if (!path)
            return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        snprintf(path, size, "%s/%s", o->dir, o->removals[i]);
        if (unlink(path) != 0 && errno != ENOENT && status == ENG_OK)
            status = eng_error_set(err, ENG_EFAIL, "%s : impossible de supprimer le fichier d'une "
                                   "exécution précédente : %s", path, eng_msg_errno(errno));
        /* A removal does not empty the set's own directory of its new files: only a
         * subdirectory may go, and rmdir leaves it when anything is still there. */
        for (char *slash = strrchr(path, '/'); slash && slash > path + strlen(o->dir);
             slash = strrchr(path, '/')) {
            *slash = '\0';
            if (rmdir(path) != 0)
                break;
        }
        free(path);
    }
    return status;
}

int eng_out_commit(eng_out *o, eng_error *err)
{
    int status = close_all(o, err);
    if (status == ENG_OK && o->hook) {
        status = o->hook(o, o->hook_data, err);
        if (status == ENG_OK)
            status = close_all(o, err);
    }
    if (status == ENG_OK)
        status = place_all(o, err);
    if (status != ENG_OK) {
        eng_out_abort(o);
        return status;
    }
    status = remove_all(o, err);
    out_free(o);
    return status;
}

/* Whether name is a relative path inside a directory: not empty, no leading slash, no empty, `.`
 * or `..` part. */
static int valid_name(const char *name)
{
    if (!*name || *name == '/')
        return 0;
    for (const char *p = name; *p;) {
        size_t len = strcspn(p, "/");
        if (len == 0 || (len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
            return 0;
        p += len;
        if (*p == '/' && !*++p)
            return 0;
    }
    return 1;
}

/* Adds a file that is not written through the set: its content at `tmp`, its place at dir/name. */
static int add_file(eng_out *o, const char *tmp, const char *name, int kind, eng_error *err)
{
    if (!valid_name(name))
        return eng_error_set(err, ENG_EINPUT, "%s/%s : pas un nom de fichier dans le dossier", o->dir,
                             name);
    if (grow(o, err) != ENG_OK)
        return ENG_EFAIL;
    out_file *of = &o->files[o->n];
    size_t size = strlen(o->dir) + strlen(name) + 2;
    of->final = malloc(size);
    if (of->final)
        snprintf(of->final, size, "%s/%s", o->dir, name);
    of->tmp = of->final ? strdup(tmp ? tmp : of->final) : NULL;
    if (!of->tmp) {
        free(of->final);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    of->f = NULL;
    of->kind = kind;
    o->n++;
    return ENG_OK;
}

int eng_out_adopt(eng_out *o, const char *path, const char *name, eng_error *err)
{
    return add_file(o, path, name, OUT_ADOPTED, err);
}

int eng_out_keep(eng_out *o, const char *name, eng_error *err)
{
    int status = add_file(o, NULL, name, OUT_KEPT, err);
    struct stat st;
    if (status == ENG_OK && stat(o->files[o->n - 1].final, &st) != 0) {
        status = eng_error_set(err, ENG_EFAIL, "%s : impossible de le conserver : %s", o->files[o->n - 1].final,
                               eng_msg_errno(errno));
        o->n--;
        free(o->files[o->n].tmp);
        free(o->files[o->n].final);
    }
    return status;
}

int eng_out_remove(eng_out *o, const char *name, eng_error *err)
{
    if (!valid_name(name))
        return eng_error_set(err, ENG_EINPUT, "%s/%s : pas un nom de fichier dans le dossier", o->dir,
                             name);
    char *copy = strdup(name);
    if (!copy || eng_array_reserve_int(&o->removals, &o->rcap, o->nremovals + 1, sizeof *o->removals,
                                       8) != 0) {
        free(copy);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    o->removals[o->nremovals++] = copy;
    return ENG_OK;
}

const char *eng_out_dir(const eng_out *o)
{
    return o->dir;
}

int eng_out_count(const eng_out *o)
{
    return o->n;
}

const char *eng_out_name(const eng_out *o, int i)
{
    return o->files[i].final + strlen(o->dir) + 1;
}

const char *eng_out_content(const eng_out *o, int i)
{
    return o->files[i].tmp;
}

int eng_out_kept(const eng_out *o, int i)
{
    return o->files[i].kind == OUT_KEPT;
}

void eng_out_on_commit(eng_out *o, eng_out_commit_fn fn, void *data, void (*release)(void *))
{
    o->hook = fn;
    o->hook_data = data;
    o->release = release;
}

void *eng_out_commit_data(const eng_out *o, eng_out_commit_fn fn)
{
    return o && o->hook == fn ? o->hook_data : NULL;
}

char *eng_out_scratch(const char *dir, const char *name, eng_error *err)
{
    if (eng_out_mkdir_p(dir, err) != ENG_OK)
        return NULL;
    remove_leftovers(dir);
    size_t size = strlen(dir) + strlen(name) + 64;
    char *path = malloc(size);
    if (!path) {
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return NULL;
    }
    snprintf(path, size, "%s/.%s" TMP_TAG "%ld" TMP_END, dir, name, (long)getpid());
    /* One left by an earlier set of this process that could not be removed goes first. */
    remove_tree(path);
    if (mkdir(path, 0777) != 0) {
        eng_error_set(err, ENG_EFAIL, "%s : impossible de créer un dossier de travail : %s", dir,
                      eng_msg_errno(errno));
        free(path);
        return NULL;
    }
    return path;
}

void eng_out_scratch_remove(char *path)
{
    if (!path)
        return;
    remove_tree(path);
    free(path);
}
