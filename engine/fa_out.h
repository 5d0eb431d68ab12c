/* fa_out.h — Output files written safely and CSV cells written for every spreadsheet: a set of files
 * goes to temporary names and is renamed into place only when all were written without error. */
#ifndef FA_OUT_H
#define FA_OUT_H

#include <stdio.h>
#include "fa_error.h"

/* How CSV numbers and cells are written: the standard form (`,` and a decimal point, for R,
 * pandas and English spreadsheets), or the French one (`;` and a decimal comma, for LibreOffice
 * and Excel in French). */
typedef struct fa_csv_style {
    char sep;       /* ',' or ';' */
    char decimal;   /* '.' or ',' */
} fa_csv_style;

extern const fa_csv_style fa_csv_standard;
extern const fa_csv_style fa_csv_french;

/* Writes x with up to 12 significant digits and no exponent below 1e12 (money and counts print
 * in full), with the style's decimal mark; NaN (an undefined value) is written as an empty cell. */
void fa_csv_number(FILE *f, double x, const fa_csv_style *style);

/* Writes a text cell, quoted (RFC 4180) when it holds the separator, a quote or a line break. */
void fa_csv_text(FILE *f, const char *s, const fa_csv_style *style);

typedef struct fa_out fa_out;

/* Starts a set of outputs in `dir`, creating it (and its parents) when needed. */
fa_out *fa_out_begin(const char *dir, fa_error *err);

/* Opens `name` in the set for writing; the file is a temporary one until fa_out_commit. */
FILE *fa_out_open(fa_out *o, const char *name, fa_error *err);

/* The temporary path a file of the set is being written to (flush it before reading it back), or
 * NULL if the set has no file of that name. */
const char *fa_out_tmp_path(const fa_out *o, const char *name);

/* Closes every file, checks that all were written, and renames them to their names. On any error
 * the temporary files are removed, the earlier outputs are left as they were, and the set is
 * freed either way. */
int fa_out_commit(fa_out *o, fa_error *err);

/* Ends a set after work that returned `status`: commits it when status is FA_OK (returning the
 * commit's status), otherwise removes its temporary files and returns status. NULL (a set that
 * could not begin) is discarded. */
int fa_out_finish(fa_out *o, int status, fa_error *err);

/* Removes the temporary files and frees the set; NULL is a no-op. */
void fa_out_abort(fa_out *o);

/* Creates a directory and its parents (as mkdir -p). */
int fa_mkdir_p(const char *dir, fa_error *err);

#endif
