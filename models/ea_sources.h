/* ea_sources.h — The sources document of the scenarios (SOURCES.md): its references [S1], [S2] ...
 * with their short title and full text, and the references that a comment cites. */
#ifndef EA_SOURCES_H
#define EA_SOURCES_H

#include "../engine/eng_error.h"

/* One reference: a row `| Sn | short title | source | what is taken from it |` of the document. */
typedef struct ea_sources_ref {
    int number;      /* n of [Sn] */
    char *title;     /* short title, for the assumptions table */
    char *source;    /* the full reference */
    char *used;      /* what the scenarios take from it */
} ea_sources_ref;

typedef struct ea_sources ea_sources;

/* The path of the sources document of a scenario: SOURCES.md in the directory of the scenario
 * file at scenario_path (allocated), whether it is there or not; NULL with err filled when out of
 * memory. */
char *ea_sources_beside(const char *scenario_path, eng_error *err);

/* Reads the references of the document at path: every line that is a Markdown table row whose
 * first cell is Sn and that has four cells (other lines, the prose and the other tables, are
 * skipped). ENG_EINPUT when the file cannot be opened, or names a reference twice (with both
 * lines); ENG_EFAIL when out of memory. On success *out is freed with ea_sources_free. */
int ea_sources_read(const char *path, ea_sources **out, eng_error *err);

void ea_sources_free(ea_sources *s);   /* NULL is a no-op */

/* The path the document was read from. */
const char *ea_sources_path(const ea_sources *s);

/* The reference numbered n, or NULL when the document has none (or s is NULL). */
const ea_sources_ref *ea_sources_find(const ea_sources *s, int n);

/* The references that text cites, written [Sn] (as many as fit in max, in their order of first
 * appearance, each once) into refs; returns how many. NULL text cites nothing. */
int ea_sources_cited(const char *text, int *refs, int max);

#endif
