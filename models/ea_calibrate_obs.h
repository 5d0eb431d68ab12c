/* ea_calibrate_obs.h — The observed rows a calibration is held against: each figure with its
 * uncertainty, matched with a run's replications as compare matches them, and the objective. */
#ifndef EA_CALIBRATE_OBS_H
#define EA_CALIBRATE_OBS_H

#include "../engine/eng_error.h"
#include "ea_results.h"

/* A row without uncertainty of its own is given this relative standard deviation (5 % of the
 * figure, and at least EA_CALIBRATE_OBS_MIN_SD): administrative counts are not exact (dates of
 * record, persons counted twice or late), and the model is not the world. */
#define EA_CALIBRATE_OBS_DEFAULT_RELATIVE_SD 0.05
#define EA_CALIBRATE_OBS_MIN_SD 0.5

/* One observed figure. */
typedef struct ea_calibrate_obs_row {
    char when[16];              /* YYYY-MM-DD as observed, or YYYY */
    char scope[64], indicator[64];
    int annual;                 /* a year row, compared with annual.csv's year */
    int period;                 /* the month index (eng_date_month_index) or the year */
    double observed;
    double sd;                  /* the observation's standard deviation */
    int sd_given;               /* sd from the file (IND_sd or IND_low/IND_high) */
    int held_out;               /* after --until */
    int matched;                /* the run has its scope, period and indicator */
    int scope_unknown;          /* the run has no such scope: a department of no scenario */
    /* At the last match: the simulated mean, sd and 90 % band over replications. */
    double mean, sim_sd, p05, p95;
} ea_calibrate_obs_row;

typedef struct ea_calibrate_obs {
    ea_calibrate_obs_row *rows;
    int n, cap;
    char ignored[512];          /* columns that are neither keys, indicators nor uncertainties */
} ea_calibrate_obs;

/* Reads the observed file (the columns of compare --observed, with IND_sd or IND_low/IND_high
 * beside an indicator, and the text columns source and note). until (YYYY-MM-DD, or NULL) marks
 * rows held out by ea_compare_held_out, the rule of report --until: a dated row whose month ends
 * after it (a row of 15 December with --until 20 December is held out: its month is compared
 * whole), a year that ends after it. Errors name the file,
 * line and column. */
int ea_calibrate_obs_read(const char *path, const char *until, ea_calibrate_obs *obs,
                          eng_error *err);
void ea_calibrate_obs_clear(ea_calibrate_obs *obs);

/* Matches every row with the run res: a date with the month containing it (stocks at its end,
 * flows over it), a year with the year; fills mean, sim_sd, p05 and p95, and matched. */
void ea_calibrate_obs_match(ea_calibrate_obs *obs, const ea_results *res);

/* The variance of the gap between an observed row and the simulated mean of R replications: the
 * observation's own (sd²), the process's (sim_sd²: the observed figure is one realisation of the
 * process) and the Monte Carlo error of the mean (sim_sd² / R). */
double ea_calibrate_obs_variance(const ea_calibrate_obs_row *r, long replications);

/* Whether a row counts in the objective: matched and not held out. */
int ea_calibrate_obs_used(const ea_calibrate_obs_row *r);

/* The objective at the last match: the Gaussian deviance over the rows used, the sum of
 * gap² / variance + log(variance); *chi2 receives the sum of gap² / variance alone and *nused
 * the rows (both may be NULL). */
double ea_calibrate_obs_deviance(const ea_calibrate_obs *obs, long replications, double *chi2,
                                 int *nused);

#endif
