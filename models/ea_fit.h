/* ea_fit.h — `eaflow fit`: estimates entries, pathway, durations and profiles from the individual
 * records of the national collection, into the scenario they describe and the counts behind it. */
#ifndef EA_FIT_H
#define EA_FIT_H

#include <stddef.h>
#include "../engine/eng_date.h"
#include "../engine/eng_error.h"
#include "../engine/eng_survival.h"
#include "ea_scenario.h"

/* One module: its episodes, where the ended ones went, and the laws fitted to its durations. */
typedef struct ea_fit_module {
    size_t n, ended;                   /* episodes starting by as-of, and those ended by then */
    size_t route[EA_MAX_TARGETS];      /* ended episodes by target, numbered as in the scenario */
    eng_survival_km km; /* Kaplan–Meier curve of the durations, in months */
    eng_survival_fit fits[ENG_SURVIVAL_NFAMILIES];
    eng_survival_family chosen; /* the ok fit of smallest AIC */
} ea_fit_module;

/* One department, in the order of the scenario's departments (codes in byte order). */
typedef struct ea_fit_department {
    size_t entries;                    /* persons whose first episode is there */
    size_t in_support;                 /* episodes open at as-of */
    size_t by_module[EA_NMODULES];     /* the same by module */
} ea_fit_department;

/* One share of the profile of the persons in support on a wave date of the biannual follow-up
 * (31 March, 30 September): `count` of the `n` persons whose column is known have this value. */
typedef struct ea_fit_profile {
    char wave[16];                     /* the date, YYYY-MM-DD */
    char *item;                        /* column=value, for example sex=F or age=<30 */
    size_t count, n;
} ea_fit_profile;

typedef struct ea_fit {
    char *records;                     /* the path of the records */
    char records_name[512];            /* its file name without control characters, for texts */
    eng_date as_of, window_start;      /* the observation window, both days included */
    char as_of_text[16];               /* as_of, YYYY-MM-DD */
    char window_text[16];              /* window_start, YYYY-MM-DD */
    double window_months;
    size_t npersons, nepisodes;        /* starting by as-of */
    size_t ndropped;                   /* episodes starting after as-of, left out */
    size_t open;                       /* episodes open at as-of */
    size_t mix[EA_NMODULES];           /* persons by the module of their first episode */
    size_t exits[EA_MAX_REASONS];      /* exits by reason, numbered as in the scenario */
    size_t nexits;
    ea_fit_module modules[EA_NMODULES];
    ea_fit_department *departments;    /* scenario.ndepartments of them */
    ea_fit_profile *profiles;          /* by wave, then column (sex, disability, prescriber in */
    size_t nprofiles;                  /* the byte order of their values, then the age bands) */
    /* The scenario the records describe: it starts the month after as-of and runs 36 months of
     * 100 replications from seed 1; its modules are those with episodes, with the chosen laws,
     * the routings rounded to 4 decimals (the remainder on the largest share, so that they sum
     * to exactly 1) and no intensity (hours are not in the records); its reasons are those of
     * the exits, in order of first appearance; its departments those with episodes ([platform]
     * for the code region alone), with the entry rate to 4 significant digits, the persons in
     * support at as-of as initial file active and as places, and their modules (shares rounded
     * as the routings) as initial mix. */
    ea_scenario scenario;
} ea_fit;

/* Reads the records at records_path: one row per person and module episode, with the columns
 * person_id, department, entry_date, module, module_start, module_end (empty while the person is
 * still in the module) and next (a module or exit.REASON; empty while the episode is open), and the
 * optional profile columns age (years at entry_date), disability, prescriber and sex. Dates are
 * YYYY-MM-DD, YYYY-MM or DD/MM/YYYY.
 *
 * as_of (same forms; NULL for the latest date in the file) is the date the records describe:
 * episodes starting after it are dropped, and episodes ending after it count as still open then,
 * right-censored. The durations are fitted as eng_survival.h says, and the profiles counted on
 * every wave date in the window.
 *
 * On success *out is the fit (ea_fit_free). Errors are ENG_EINPUT for the records (naming file,
 * line and column: an unknown module or target, an end before the start, a start before the
 * entry, next without an end or the reverse, the same episode twice, overlapping episodes of a
 * person, a missing column) and for what the records cannot give (a module with no ended episode,
 * a routing target never observed, no exit at all); ENG_EFAIL for memory and files. */
int ea_fit_compute(const char *records_path, const char *as_of, ea_fit **out, eng_error *err);

void ea_fit_free(ea_fit *fit);   /* NULL is a no-op */

#endif
