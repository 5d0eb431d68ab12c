/* eng_out.h — Output files written safely: a set of files goes to temporary names and is renamed
 * into place only when all were written without error.
 *
 * Temporary files. A file NAME of a set is written as `.NAME.eaflow-PID.tmp` in the set's
 * directory (PID: the writing process), the one pattern of every temporary file eaflow leaves in
 * an output directory while it works. Commit renames them, abort removes them. A run that is killed
 * (Ctrl-C, a timeout, a crash) cannot do either, so eng_out_begin removes, in its directory, the
 * files (and scratch directories, see eng_out_scratch) of that pattern whose PID names no running
 * process: leftovers of killed runs go at the next run into the same directory, while the
 * temporaries of a set that another live process (or this one) is writing there are left alone.
 * PIDs are those of this machine: a directory shared over the network with another machine that
 * writes into it at the same time is not supported. */
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

/* ---- A set that owns what it replaces ---------------------------------------------------------
 * Besides the files it writes, a set may take in files written elsewhere, keep files of its
 * directory as they are, and remove files at commit, so that a run can replace the whole set of an
 * earlier run in the same directory. The names below are paths relative to the set's directory,
 * without `.` or `..` parts (`monthly.csv`, `plots/budget_31.png`); a subdirectory is created at
 * commit when needed, and the leftovers of killed runs there are removed as in the set's own. */

/* Adds to the set the finished file at `path` (on the file system of the set's directory, for
 * instance in a scratch directory of eng_out_scratch): it is renamed to `name` at commit, and
 * removed when the set is aborted. */
int eng_out_adopt(eng_out *o, const char *path, const char *name, eng_error *err);

/* Adds to the set an existing file of its directory that stays as it is: a file this run reuses.
 * ENG_EFAIL when there is no such file. */
int eng_out_keep(eng_out *o, const char *name, eng_error *err);

/* Removes `name` from the directory when the set commits, after its files are in place (unless the
 * set writes, adopts or keeps that name); a file already gone is no error. A subdirectory left
 * empty by the removals is removed too. */
int eng_out_remove(eng_out *o, const char *name, eng_error *err);

/* The set's directory, as given to eng_out_begin. */
const char *eng_out_dir(const eng_out *o);

/* The files of the set, in the order they were added: written, adopted and kept. */
int eng_out_count(const eng_out *o);
const char *eng_out_name(const eng_out *o, int i);      /* relative to the directory */
const char *eng_out_content(const eng_out *o, int i);   /* where its content can be read now */
int eng_out_kept(const eng_out *o, int i);              /* added by eng_out_keep */

/* A function a set calls as it commits: after its files are written and closed, before any is
 * renamed into place. It may open more files (eng_out_open) and add removals; a status other than
 * ENG_OK aborts the set. */
typedef int (*eng_out_commit_fn)(eng_out *o, void *data, eng_error *err);

/* Gives the set its commit function; `release` (may be NULL) frees data when the set ends,
 * whether committed or aborted. */
void eng_out_on_commit(eng_out *o, eng_out_commit_fn fn, void *data, void (*release)(void *));

/* The data given with fn to eng_out_on_commit, or NULL when the set has another function or none:
 * for the owner of the function to change what it will write. */
void *eng_out_commit_data(const eng_out *o, eng_out_commit_fn fn);

/* Creates (with its parents) `dir` and in it an empty scratch directory named like a temporary
 * file, `.NAME.eaflow-PID.tmp`, for work whose files later join a set (eng_out_adopt); returns its
 * allocated path. A killed run's scratch directory goes with the other leftovers. */
char *eng_out_scratch(const char *dir, const char *name, eng_error *err);

/* Removes a scratch directory and everything in it, and frees the path; NULL is a no-op. */
void eng_out_scratch_remove(char *path);

#endif
