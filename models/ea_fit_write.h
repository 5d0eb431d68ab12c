/* ea_fit_write.h — Writing a fit: the fitted scenario with the interval and the counts behind each
 * value, the tables of the durations and of the estimates, and the summary in French. */
#ifndef EA_FIT_WRITE_H
#define EA_FIT_WRITE_H

#include <stdio.h>
#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "ea_fit.h"

/* Writes into the set of outputs `out` (which the caller commits or aborts). Every interval is at
 * 95 %: exact Poisson for entry rates, Wilson for shares, Kaplan–Meier log-log for the median, the
 * delta method for fitted means (see eng_survival.h).
 *   - ini_name: the fitted scenario (ea_fit.h), each estimated value preceded by a comment with
 *     its interval and the number of observations; intensities and places are not in the records
 *     and are marked as values to set;
 *   - fit.csv: module,family,parameters,mean,loglik,aic,chosen,mean_lower95,mean_upper95,sd,
 *     delta_aic,n,events, one row per module and duration family;
 *   - km.csv: module,time_months,at_risk,events,censored,survival,se,lower95,upper95;
 *   - estimates.csv: kind,scope,item,estimate,lower95,upper95,n with the kinds entry_rate (scope a
 *     department code or region, item per_month), in_support (persons in support at as-of, item
 *     the as-of date), entry_mix, routing (scope the module), exit_reason, median_months and
 *     profile (scope a wave date, 31 March or 30 September, item column=value).
 * CSV cells follow style (NULL for eng_csv_standard). ENG_EINPUT, naming the records, when a line
 * of the scenario would be too long for iniparser to read back (a routing to many exit reasons
 * with long names); ENG_EFAIL for memory and files. */
int ea_fit_write_files(const ea_fit *fit, eng_out *out, const char *ini_name,
                       const eng_csv_style *style, eng_error *err);

/* Prints the summary in French: the records, entry rates, durations, routings and exit reasons
 * with their intervals, and the files written as ini_name and the tables in directory dir. */
void ea_fit_write_summary(const ea_fit *fit, const char *dir, const char *ini_name, FILE *f);

#endif
