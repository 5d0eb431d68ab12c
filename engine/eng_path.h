/* eng_path.h — File paths built from their parts into allocated strings, so that no caller keeps
 * a fixed buffer that a long directory name would overflow or silently cut. */
#ifndef ENG_PATH_H
#define ENG_PATH_H

#include "eng_error.h"

/* "dir/name", allocated (the caller frees it); NULL with ENG_EFAIL in err when out of memory. */
char *eng_path_join(const char *dir, const char *name, eng_error *err);

/* The directory of a file's path, allocated: "a/b" for "a/b/c.csv", "." for "c.csv" (no slash),
 * "/" for "/c.csv"; NULL with ENG_EFAIL in err when out of memory. */
char *eng_path_dir(const char *path, eng_error *err);

/* The file name of a path: what follows its last slash (the whole path when it has none). */
const char *eng_path_base(const char *path);

#endif
