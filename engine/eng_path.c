/* eng_path.c — File paths built from their parts into allocated strings. */
#include "eng_path.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The first n bytes of a, then `sep` unless it is '\0', then all of b, allocated; NULL with
 * ENG_EFAIL in err when out of memory. */
static char *concat(const char *a, size_t n, char sep, const char *b, eng_error *err)
{
    size_t m = strlen(b), k = sep ? 1 : 0;
    char *s = n < SIZE_MAX - m - 2 ? malloc(n + k + m + 1) : NULL;
    if (!s) {
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return NULL;
    }
    memcpy(s, a, n);
    if (sep)
        s[n] = sep;
    memcpy(s + n + k, b, m + 1);
    return s;
}

char *eng_path_join(const char *dir, const char *name, eng_error *err)
{
    return concat(dir, strlen(dir), '/', name, err);
}

char *eng_path_dir(const char *path, eng_error *err)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return concat(".", 1, '\0', "", err);
    return concat(path, slash == path ? 1 : (size_t)(slash - path), '\0', "", err);
}

const char *eng_path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}
