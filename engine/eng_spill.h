/* eng_spill.h — A temporary file of doubles, unlinked as soon as it is made, written and read at
 * any offset from several threads: the place where large runs keep what does not fit in memory. */
#ifndef ENG_SPILL_H
#define ENG_SPILL_H

#include <stddef.h>
#include "eng_error.h"

typedef struct eng_spill eng_spill;

/* Makes an empty temporary file in $TMPDIR (or /tmp when TMPDIR is unset or empty) and unlinks it
 * at once, so that nothing is left behind whatever happens to the process. NULL, with err filled,
 * when the folder cannot hold a file. */
eng_spill *eng_spill_alloc(eng_error *err);
void eng_spill_free(eng_spill *sp);   /* NULL is a no-op; gives the disk space back */

/* Writes x[0..n-1] at offset `at` (counted in doubles), or reads them back; either may be called
 * from several threads at once on ranges that do not overlap. A failure (disk full, most often)
 * fills err with the folder and the fix. */
int eng_spill_write(eng_spill *sp, size_t at, const double *x, size_t n, eng_error *err);
int eng_spill_read(const eng_spill *sp, size_t at, double *x, size_t n, eng_error *err);

/* The folder the temporary files go to: $TMPDIR, or /tmp. */
const char *eng_spill_dir(void);

#endif
