/* fa_out.c — Output files written to temporary names and renamed into place together. */
#include "fa_out.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const fa_csv_style fa_csv_standard = { ',', '.' };
const fa_csv_style fa_csv_french = { ';', ',' };

void fa_csv_number(FILE *f, double x, const fa_csv_style *style)
{
    if (isnan(x))
        return;
    char buf[64];
    if (fabs(x) < 1e12) {
        /* %.12g prints integers below 1e12 in full; smaller magnitudes keep 12 digits. */
        snprintf(buf, sizeof buf, "%.12g", x);
    } else {
        snprintf(buf, sizeof buf, "%.12e", x);
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    if (style->decimal != '.') {
        char *dot = strchr(buf, '.');
        if (dot)
            *dot = style->decimal;
    }
    fputs(buf, f);
}

void fa_csv_text(FILE *f, const char *s, const fa_csv_style *style)
{
    if (!strchr(s, style->sep) && !strpbrk(s, "\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

typedef struct out_file {
    FILE *f;
    char *tmp, *final;
} out_file;

struct fa_out {
    char *dir;
    out_file *files;
    int n, cap;
};

int fa_mkdir_p(const char *dir, fa_error *err)
{
    size_t len = strlen(dir);
    char *path = malloc(len + 1);
    if (!path)
        return fa_error_set(err, FA_EFAIL, "out of memory");
    memcpy(path, dir, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char c = path[i];
        path[i] = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(path);
            return fa_error_set(err, FA_EFAIL, "%s: cannot create directory: %s", dir, strerror(e));
        }
        path[i] = c;
    }
    free(path);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return fa_error_set(err, FA_EFAIL, "%s: not a directory", dir);
    return FA_OK;
}

fa_out *fa_out_begin(const char *dir, fa_error *err)
{
    if (fa_mkdir_p(dir, err) != FA_OK)
        return NULL;
    fa_out *o = calloc(1, sizeof *o);
    if (o)
        o->dir = strdup(dir);
    if (!o || !o->dir) {
        free(o);
        fa_error_set(err, FA_EFAIL, "out of memory");
        return NULL;
    }
    return o;
}

FILE *fa_out_open(fa_out *o, const char *name, fa_error *err)
{
    if (o->n == o->cap) {
        int cap = o->cap ? 2 * o->cap : 8;
        out_file *files = realloc(o->files, (size_t)cap * sizeof *files);
        if (!files) {
            fa_error_set(err, FA_EFAIL, "out of memory");
            return NULL;
        }
        o->files = files;
        o->cap = cap;
    }
    size_t size = strlen(o->dir) + strlen(name) + 64;
    out_file *of = &o->files[o->n];
    of->tmp = malloc(size);
    of->final = malloc(size);
    if (!of->tmp || !of->final) {
        free(of->tmp);
        free(of->final);
        fa_error_set(err, FA_EFAIL, "out of memory");
        return NULL;
    }
    snprintf(of->final, size, "%s/%s", o->dir, name);
    snprintf(of->tmp, size, "%s/.%s.tmp%ld", o->dir, name, (long)getpid());
    of->f = fopen(of->tmp, "w");
    if (!of->f) {
        fa_error_set(err, FA_EFAIL, "%s: cannot write: %s", of->final, strerror(errno));
        free(of->tmp);
        free(of->final);
        return NULL;
    }
    o->n++;
    return of->f;
}

const char *fa_out_tmp_path(const fa_out *o, const char *name)
{
    size_t dl = strlen(o->dir);
    for (int i = 0; i < o->n; i++)
        if (strcmp(o->files[i].final + dl + 1, name) == 0)
            return o->files[i].tmp;
    return NULL;
}

static void out_free(fa_out *o)
{
    for (int i = 0; i < o->n; i++) {
        free(o->files[i].tmp);
        free(o->files[i].final);
    }
    free(o->files);
    free(o->dir);
    free(o);
}

int fa_out_finish(fa_out *o, int status, fa_error *err)
{
    if (status == FA_OK && o)
        return fa_out_commit(o, err);
    fa_out_abort(o);
    return status;
}

void fa_out_abort(fa_out *o)
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

int fa_out_commit(fa_out *o, fa_error *err)
{
    int status = FA_OK;
    for (int i = 0; i < o->n; i++) {
        out_file *of = &o->files[i];
        int bad = ferror(of->f);
        if (fclose(of->f) != 0)
            bad = 1;
        of->f = NULL;
        if (bad && status == FA_OK)
            status = fa_error_set(err, FA_EFAIL, "%s: write failed (disk full?)", of->final);
    }
    for (int i = 0; i < o->n && status == FA_OK; i++) {
        if (rename(o->files[i].tmp, o->files[i].final) != 0)
            status = fa_error_set(err, FA_EFAIL, "%s: cannot rename into place: %s",
                                  o->files[i].final, strerror(errno));
    }
    if (status != FA_OK) {
        fa_out_abort(o);
        return status;
    }
    out_free(o);
    return FA_OK;
}
