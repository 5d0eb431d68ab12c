/* ea_calibrate_interval.h — The 95 % intervals of a calibration's estimates, from the profile of its
 * deviance, and what the data cannot tell apart: flat profiles, ridges, estimates at a bound. */
#ifndef EA_CALIBRATE_INTERVAL_H
#define EA_CALIBRATE_INTERVAL_H

#include "../engine/eng_error.h"
#include "ea_calibrate.h"

/* A ridge: two estimates whose correlation is beyond this (in absolute value) are told apart by
 * the data only along their combination. */
#define EA_CALIBRATE_INTERVAL_RIDGE 0.95

/* From the estimates of c (set by the search): the deviance's Hessian by central differences at
 * the estimate (steps of 4 % of each range, the stencil kept inside the bounds), the estimates'
 * covariance 2 H^-1 (a pseudo-inverse when a direction is flat) and correlations, then for each
 * parameter the points where the quadratic profile rises by EA_CALIBRATE_DELTA95 times the fit's
 * dispersion (max(1, chi-square / (rows - parameters))); a side whose point lies beyond the bound
 * is flat and its limit is the bound. Sets lower95, upper95, at_bound, flat_low, flat_high,
 * identified, corr, hessian_ok and dispersion. Every evaluation is recorded in c's trace. */
int ea_calibrate_interval_compute(ea_calibrate *c, eng_error *err);

#endif
