/* eng_out.h — Output files written safely: a set of files goes to temporary names and is renamed
 * into place only when all were written without error.
 *
 * Temporary files. A file NAME of a set is written as `.NAME.eaflow-PID.tmp` in the set's
 * directory (PID: the writing process), the one pattern of every temporary file eaflow leaves in
 * an output directory while it works. Commit renames them, abort removes them. A run that is killed
 * (Ctrl-C, a timeout, a crash) cannot do either, so eng_out_begin removes, in its directory, the
 * files of that pattern whose PID names no running process: leftovers of killed runs go at the next
 * run into the same directory, while the temporaries of a set that another live process (or this
 * one) is writing there are left alone. PIDs are those of this machine: a directory shared over
 * the network with another machine that writes into it at the same time is not supported. */
#ifndef ENG_OUT_H
#define ENG_OUT_H

#include <stdio.h>
#include "eng_error.h"

typedef struct eng_out eng_out;

/* Starts a set of outputs in `dir`, creating it (and its parents) when needed, and removes the
 * temporary files that killed runs left there (see above). */
eng_out *eng_out_begin(const char *dir, eng_error *err);

/* Opens `name` in the set for writing; the file is a temporary one until eng_out_commit. */
FILE *eng_out_open(eng_out *o, const char *name, eng_error *err);

/* The temporary path a file of the set is being written to (flush it before reading it back), or
 * NULL if the set has no file of that name. */
const char *eng_out_tmp_path(const eng_out *o, const char *name);

/* Closes every file, checks that all were written, and renames them to their names. On any error
 * (`out/costs.csv: write failed (disk full?)` names the file) the temporary files are
 * removed, the earlier outputs are left as they were, and the set is freed either way. */
int eng_out_commit(eng_out *o, eng_error *err);

/* Ends a set after work that returned `status`: commits it when status is ENG_OK (returning the
 * commit's status), otherwise removes its temporary files and returns status. NULL (a set that
 * could not begin) is discarded. */
int eng_out_finish(eng_out *o, int status, eng_error *err);

/* Removes the temporary files and frees the set; NULL is a no-op. */
void eng_out_abort(eng_out *o);

/* The final path of a temporary path of a set (`out/.a.csv.eaflow-12.tmp` gives `out/a.csv`), for
 * messages about a file being written; any other path is copied as it is. Returns what snprintf
 * returns. */
int eng_out_final_path(const char *tmp_path, char *buf, size_t size);

/* Creates a directory and its parents (as mkdir -p). */
int eng_out_mkdir_p(const char *dir, eng_error *err);

#endif
