/* pl_workbook.h — tableaux.xlsx, the Excel workbook of an output directory for funders and
 * planners: its tables laid out wide, one sheet per subject, in French (or English). */
#ifndef PL_WORKBOOK_H
#define PL_WORKBOOK_H

#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "../engine/eng_date.h"
#include "../models/ea_scenario.h"
#include "../models/ea_scenarios.h"
#include "pl_text.h"

/* The workbook's name in its output directory. */
#define PL_WORKBOOK_FILE "tableaux.xlsx"

typedef struct pl_workbook_options {
    int year;            /* the year of the key figures; 0: the report's choice
                            (pl_report_keys_year: the last year compare.csv observes, else the
                            first simulated year with twelve months) */
    pl_text_lang lang;   /* labels of indicators, modules and reasons, and the currency's form;
                            the other texts follow the messages' language (eng_msg.h) */
    int replications;    /* the replications the values are means over; 0: those of run.ini
                            (a directory without it, of sweep or scenarios, says none) */
    const ea_scenario *scenario;   /* the scenario run, for the sheet Hypothèses (its file read
                                      again for the comments, SOURCES.md beside it); NULL: none */
    const ea_scenarios *scenarios; /* the comparison of scenarios, for the sheet Différences in
                                      `year` (0: the page's key year); NULL: none */
    eng_date until;      /* report --until: compare.csv's rows after it, held out of the
                            scenario's making, make the sheet Validation; year 0: none */
} pl_workbook_options;

/* Writes tableaux.xlsx into the set `out` from the tables in dir that exist (and opt->scenarios),
 * each sheet only when its table is there:
 *   Synthèse (annual.csv): the key figures of the year for the region, mean and 90 % band
 *     (p05–p95), beside the value observed in compare.csv for that year when there is one;
 *   File active, Liste d'attente, Entrées, Sorties (annual.csv, monthly.csv): one row per scope,
 *     the region first, one column per year then per month (means), and the same sheets of their
 *     bands (p05 and p95); a native chart of the region's file active by month;
 *   Budget et personnel (annual.csv): a row per scope and year, a column per budget indicator the
 *     indicator table and annual.csv have; a native chart of the region's funding and staff cost;
 *   Homogénéisation (costs.csv), Observé – simulé (compare.csv), Places nécessaires (places.csv,
 *   with the counsellors' FTE funded and needed), Balayage (sweep-summary.csv), Cible (sweep-target.csv),
 *   Comparaison (scenarios.csv, the differences with their 95 % intervals), Hypothèses (the
 *   scenario opt->scenario: its parameters as the report's assumptions show them);
 *   Différences (opt->scenarios; first in a comparison's workbook): the rows of the comparison
 *     page's tables « Différences » (pl_workbook_pages.h);
 *   Validation (compare.csv's rows after opt->until; last): the report's held-out observations.
 * Each sheet's first row says what it holds and, for simulated values, over how many
 * replications. Department codes and every text read from
 * a file are text cells; numbers carry their unit's format; headings are frozen. The file stays
 * under its temporary name until the caller commits the set. ENG_EINPUT for a malformed table,
 * ENG_EFAIL when the workbook cannot be written. opt may be NULL for the defaults. */
int pl_workbook_write(eng_out *out, const char *dir, const pl_workbook_options *opt,
                      eng_error *err);

/* The same from the files of the set itself (written, adopted or kept so far; their streams are
 * flushed first), for a command that writes its tables and the workbook together: they are linked
 * into a scratch directory of the set's directory, removed afterwards. In an MPI job only rank 0
 * writes it: the other ranks' outputs are thrown away (cli/cli_mpi.h). */
int pl_workbook_add(eng_out *out, const pl_workbook_options *opt, eng_error *err);

#endif
