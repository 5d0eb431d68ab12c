/* ea_inputs.h — The tables people give eaflow (funding, observed data, individual records): their
 * columns declared once with the French names accepted for each, and how headers are matched. */
#ifndef EA_INPUTS_H
#define EA_INPUTS_H

#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../engine/eng_text.h"

/* The tables eaflow reads that people fill in, in their spreadsheets. */
typedef enum ea_inputs_table {
    EA_INPUTS_FUNDING,    /* costs --funding: places and funding per department (and year) */
    EA_INPUTS_OBSERVED,   /* compare --observed: observed figures per department and date */
    EA_INPUTS_RECORDS,    /* fit: individual records, one row per person and module episode */
    EA_INPUTS_COUNT
} ea_inputs_table;

/* A column of an input table. Its header may be its name or any of its aliases, compared as
 * eng_text_fold compares them: case, accents, blanks around, and spaces, '_' or '-' between words
 * aside ("Crédits", "CREDITS" and "crédits" are one name, "file active" is file_active). */
typedef struct ea_inputs_col {
    const char *name;       /* the name in eaflow's own tables: "funding_eur" */
    const char *aliases;    /* the French names accepted, separated by '|', the first shown in
                               messages: "crédits|financement|montant" */
    int required;
    eng_text_unit unit;     /* what a number of a numeric column may carry (an observed
                               indicator takes its indicator's unit) */
} ea_inputs_col;

enum {
    EA_COL_FUNDING_YEAR, EA_COL_FUNDING_DEPARTMENT, EA_COL_FUNDING_NAME, EA_COL_FUNDING_PLACES,
    EA_COL_FUNDING_FUNDING_EUR, EA_COL_FUNDING_FILE_ACTIVE, EA_COL_FUNDING_PERSONS_ACCOMPANIED,
    EA_COL_FUNDING_DELEGATED_EUR, EA_COL_FUNDING_COUNT
};
/* The observed table: its keys and its text columns (where a figure comes from, a note: read by
 * no number), then the indicators that have French names; any other column is an indicator named
 * as in the simulation's tables, the uncertainty of one (ea_inputs_uncertainty), or ignored. */
enum {
    EA_COL_OBSERVED_DEPARTMENT, EA_COL_OBSERVED_DATE, EA_COL_OBSERVED_YEAR, EA_COL_OBSERVED_NAME,
    EA_COL_OBSERVED_SOURCE, EA_COL_OBSERVED_NOTE, EA_COL_OBSERVED_INDICATORS, EA_COL_OBSERVED_PLACES = EA_COL_OBSERVED_INDICATORS,
    EA_COL_OBSERVED_FILE_ACTIVE, EA_COL_OBSERVED_WAITING, EA_COL_OBSERVED_ENTRIES,
    EA_COL_OBSERVED_ADMISSIONS, EA_COL_OBSERVED_EXITS, EA_COL_OBSERVED_PERSONS_ACCOMPANIED,
    EA_COL_OBSERVED_OCCUPANCY, EA_COL_OBSERVED_FUNDING_EUR, EA_COL_OBSERVED_COUNT
};
enum {
    EA_COL_RECORDS_PERSON_ID, EA_COL_RECORDS_DEPARTMENT, EA_COL_RECORDS_ENTRY_DATE,
    EA_COL_RECORDS_MODULE, EA_COL_RECORDS_MODULE_START, EA_COL_RECORDS_MODULE_END,
    EA_COL_RECORDS_NEXT, EA_COL_RECORDS_AGE, EA_COL_RECORDS_SEX, EA_COL_RECORDS_DISABILITY,
    EA_COL_RECORDS_PRESCRIBER, EA_COL_RECORDS_COUNT
};

/* The uncertainty an observed column gives about an indicator: IND_sd (a standard deviation),
 * or IND_low and IND_high (a range, read as the mean plus or minus two standard deviations: the
 * usual ~95 % reading of "between ... and ..."). The suffix is compared without case. */
typedef enum ea_inputs_spread {
    EA_INPUTS_SPREAD_NONE, EA_INPUTS_SPREAD_SD, EA_INPUTS_SPREAD_LOW, EA_INPUTS_SPREAD_HIGH
} ea_inputs_spread;

/* Whether the header of an observed column is the uncertainty of an indicator: its kind, and the
 * indicator's column name (the header without the suffix, as written) into ind. */
ea_inputs_spread ea_inputs_uncertainty(const char *header, char *ind, size_t size);

/* The indicator an observed column holds, by its name in the tables or a French name declared
 * here: NULL for a key or text column (date, department, source, note...), an uncertainty
 * (IND_sd, IND_low, IND_high) or an empty header. Whether the name is an indicator of the
 * simulation is the caller's to check. */
const char *ea_inputs_observed_indicator(const char *header);

/* The declared columns of an input table, and column col of them. */
int ea_inputs_ncolumns(ea_inputs_table in);
const ea_inputs_col *ea_inputs_column(ea_inputs_table in, int col);

/* The declared column of `in` that a header names, or -1. */
int ea_inputs_match(ea_inputs_table in, const char *header);

/* The column of t that holds declared column col of `in`, or -1 when t has none. */
int ea_inputs_find(const eng_csv *t, ea_inputs_table in, int col);

/* Finds the declared columns of `in` among the headers of t: cols[i] (room for every declared
 * column) is the column of t that holds column i, -1 for an optional one that is absent. Errors
 * are ENG_EINPUT, in French, naming the file and the header line: a required column absent (with
 * the names it may have, the columns expected and the closest header of the file), or two
 * headers naming one column. */
int ea_inputs_columns(const eng_csv *t, ea_inputs_table in, int *cols, eng_error *err);

#endif
