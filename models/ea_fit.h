/* ea_fit.h — `eaflow fit`: estimates entries, pathway, durations and profiles from individual records
 * of the national collection, and writes them as a scenario that `eaflow simulate` runs as is. */
#ifndef EA_FIT_H
#define EA_FIT_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_out.h"

/* Reads the records at records_path: one row per person and module episode, with the columns
 * person_id, department, entry_date, module, module_start, module_end (empty while the person is
 * still in the module) and next (a module or exit.REASON; empty while the episode is open), and the
 * optional profile columns age (years at entry_date), disability, prescriber and sex. Dates are
 * YYYY-MM-DD, YYYY-MM or DD/MM/YYYY.
 *
 * as_of (same forms; NULL for the latest date in the file) is the date the records describe:
 * episodes starting after it are dropped, and episodes ending after it count as still open then,
 * right-censored. Every interval is at 95 %: exact Poisson for entry rates, Wilson for shares,
 * Kaplan–Meier log-log for the median, the delta method for fitted means (see eng_survival.h).
 *
 * Writes, in the directory of fitted_ini_path (NULL for "fitted.ini"; the directory is created),
 * together and only when everything succeeded:
 *   - fitted_ini_path: a scenario starting the month after as-of, each estimated value preceded
 *     by a comment with its interval and the number of observations; intensities and places are
 *     not in the records and are marked as values to set;
 *   - fit.csv: module,family,parameters,mean,loglik,aic,chosen,mean_lower95,mean_upper95,sd,
 *     delta_aic,n,events, one row per module and duration family;
 *   - km.csv: module,time_months,at_risk,events,censored,survival,se,lower95,upper95;
 *   - estimates.csv: kind,scope,item,estimate,lower95,upper95,n with the kinds entry_rate (scope a
 *     department code or region, item per_month), in_support (persons in support at as-of, item
 *     the as-of date), entry_mix, routing (scope the module), exit_reason, median_months and
 *     profile (scope a wave date, 31 March or 30 September, item column=value).
 * CSV cells follow style (NULL for eng_csv_standard). Then, when report is not NULL, prints a
 * summary in French to it.
 *
 * Errors are ENG_EINPUT for the records (naming file, line and column: an unknown module or target,
 * an end before the start, a start before the entry, next without an end or the reverse, the same
 * episode twice, overlapping episodes of a person, a missing column) and for what the records
 * cannot give (a module with no ended episode, a routing target never observed, no exit at all);
 * ENG_EFAIL for memory and files. */
int ea_fit_run(const char *records_path, const char *fitted_ini_path, const char *as_of,
               const eng_csv_style *style, FILE *report, eng_error *err);

#endif
