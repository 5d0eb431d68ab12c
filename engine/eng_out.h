/* eng_out.h — Output files written safely: a set of files goes to temporary names and is renamed
 * into place only when all were written without error. */
#ifndef ENG_OUT_H
#define ENG_OUT_H

#include <stdio.h>
#include "eng_error.h"

typedef struct eng_out eng_out;

/* Starts a set of outputs in `dir`, creating it (and its parents) when needed. */
eng_out *eng_out_begin(const char *dir, eng_error *err);

/* Opens `name` in the set for writing; the file is a temporary one until eng_out_commit. */
FILE *eng_out_open(eng_out *o, const char *name, eng_error *err);

/* The temporary path a file of the set is being written to (flush it before reading it back), or
 * NULL if the set has no file of that name. */
const char *eng_out_tmp_path(const eng_out *o, const char *name);

/* Closes every file, checks that all were written, and renames them to their names. On any error
 * the temporary files are removed, the earlier outputs are left as they were, and the set is
 * freed either way. */
int eng_out_commit(eng_out *o, eng_error *err);

/* Ends a set after work that returned `status`: commits it when status is ENG_OK (returning the
 * commit's status), otherwise removes its temporary files and returns status. NULL (a set that
 * could not begin) is discarded. */
int eng_out_finish(eng_out *o, int status, eng_error *err);

/* Removes the temporary files and frees the set; NULL is a no-op. */
void eng_out_abort(eng_out *o);

/* Creates a directory and its parents (as mkdir -p). */
int eng_out_mkdir_p(const char *dir, eng_error *err);

#endif
