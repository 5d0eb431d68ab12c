/* ea_fit_episodes.h — The episodes of individual records for `eaflow fit`: read and checked row by
 * row, grouped by person with one sort, and cut at the as-of date. */
#ifndef EA_FIT_EPISODES_H
#define EA_FIT_EPISODES_H

#include <limits.h>
#include <stddef.h>
#include "../engine/eng_csv.h"
#include "../engine/eng_date.h"
#include "../engine/eng_dict.h"
#include "../engine/eng_error.h"

/* The end of an episode still running at the as-of date. */
#define EA_FIT_OPEN LONG_MAX

/* The target of an episode that has not ended. */
enum { EA_FIT_NO_TARGET = -1 };

/* One row of the records: a person's episode in a module. */
typedef struct ea_fit_episodes_row {
    size_t row;                /* data row of the table, for messages */
    size_t person, dept;       /* numbers in the dictionaries */
    long entry, start, end;    /* days since 1970-01-01; end is EA_FIT_OPEN while it runs */
    double age;                /* years at entry_date; NaN when not given */
    int module;
    int next;                  /* module m, or EA_NMODULES + reason; EA_FIT_NO_TARGET while open */
} ea_fit_episodes_row;

typedef struct ea_fit_episodes {
    eng_csv *table;                  /* the records: the dictionaries' names point into it */
    int col_person, col_dept, col_entry, col_module, col_start, col_end, col_next;
    int col_age;                     /* -1 when the records have no age */
    eng_dict *persons;               /* identifiers, in order of first appearance */
    eng_dict *depts;                 /* department codes, ASCII case ignored */
    eng_dict *reasons;               /* the REASON of every exit.REASON, by as-of or not */
    ea_fit_episodes_row *ep; /* grouped by person, each person's by start */
    size_t n;
    size_t *first;                   /* person p's episodes: ep[first[p]] to ep[first[p+1]-1] */
    size_t npersons;                 /* persons with an episode starting by as-of */
    size_t ndropped;                 /* episodes starting after as-of, left out */
    long as_of;                      /* days since 1970-01-01 */
    eng_date as_of_date;
} ea_fit_episodes;

/* Reads the records at path (columns in ea_fit.h) and checks every row, then the episodes of each
 * person (no duplicate, no overlap). as_of (NULL for the latest date in the records) is parsed
 * first. Episodes starting after as-of are dropped, those ending after it are open then, and
 * persons are numbered again over what is left (ep[].person and the `first` ranges; the persons
 * dictionary keeps every identifier read). Errors as ea_fit_compute's about the records; on
 * failure *e is left for ea_fit_episodes_clear. */
int ea_fit_episodes_read(const char *path, const char *as_of, ea_fit_episodes *e, eng_error *err);

/* Frees what e holds; its names are no longer valid afterwards. */
void ea_fit_episodes_clear(ea_fit_episodes *e);

#endif
