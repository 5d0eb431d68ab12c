/* ea_sensitivity_index.h — Global sensitivity from a function's values: Saltelli's design and Sobol
 * indices (Saltelli, Jansen), Morris's elementary effects, their bootstrap intervals. */
#ifndef EA_SENSITIVITY_INDEX_H
#define EA_SENSITIVITY_INDEX_H

#include "../engine/eng_error.h"

/* Resamples of the bootstrap intervals (percentile 95 %). */
#define EA_SENSITIVITY_BOOTSTRAP 500

/* Morris's grid: 4 levels, steps of 2/3 of the range (Morris 1991, p = 4, Δ = p / (2 (p - 1))). */
#define EA_SENSITIVITY_MORRIS_LEVELS 4

/* An estimate with its 95 % bootstrap interval. */
typedef struct ea_sensitivity_index_estimate {
    double estimate, lower95, upper95;
} ea_sensitivity_index_estimate;

/* Saltelli's design (Saltelli et al. 2010): the n rows of the matrices A and B in [0, 1]^k are the
 * points 1 .. n of the 2k-dimensional Sobol sequence (gsl_qrng_sobol; its point 0, a corner, is
 * left out), A taking the first k coordinates and B the last k. a and b receive n × k values, row
 * after row. k at most 20. Returns ENG_EFAIL when out of memory. */
int ea_sensitivity_index_saltelli(int n, int k, double *a, double *b, eng_error *err);

/* Row j of the matrix AB_i: A's row j with column i taken from B (k values into row). */
void ea_sensitivity_index_saltelli_row(const double *a, const double *b, int k, int i, int j, double *row);

/* The estimators that Saltelli et al. (2010, table 2) recommend, of the first-order and total
 * indices of parameter i, from f over A (fa[j]), B (fb[j]) and AB_i (fab[j]), j < n:
 *   V = the variance of the 2n values of fa and fb,
 *   first = Σ (fb - mean) (fab - fa) / n / V   (Saltelli 2010, (b), f centred),
 *   total = Σ (fa - fab)² / 2n / V             (Jansen 1999, (f)),
 * with percentile 95 % intervals from EA_SENSITIVITY_BOOTSTRAP resamples of the rows j (the same
 * resamples for every parameter, drawn from seed). Jansen's first-order form, V - Σ (fb - fab)² /
 * 2n, is far noisier for a parameter of little effect (it is then the difference of two large
 * sums); Saltelli's is exactly 0 for an inert one, as Jansen's total is. A function constant over
 * the design has no variance to share: both indices are 0. */
void ea_sensitivity_index_sobol(const double *fa, const double *fb, const double *fab, int n,
                           unsigned long seed, ea_sensitivity_index_estimate *first,
                           ea_sensitivity_index_estimate *total);

/* Morris's design: r trajectories of k + 1 points on the grid of EA_SENSITIVITY_MORRIS_LEVELS
 * levels in [0, 1]^k, each from a random start moving one parameter at a time, in a random order,
 * by ±Δ (up from the lower half of the grid, down from the upper). x receives r (k + 1) rows of k
 * values; moved[t k + s] is the parameter that step s of trajectory t moves. Drawn from seed. */
void ea_sensitivity_index_morris_design(int r, int k, unsigned long seed, double *x, int *moved);

/* The elementary effects of the design, in the units of f per unit of [0, 1]: mu_star (the mean of
 * their absolute values, Campolongo et al. 2007) and sigma (their standard deviation) of each
 * parameter, with 95 % percentile intervals from resampling the trajectories. f holds the r (k + 1)
 * values in the design's order; mu_star and sigma receive k estimates. */
void ea_sensitivity_index_morris(const double *x, const int *moved, const double *f, int r, int k,
                           unsigned long seed, ea_sensitivity_index_estimate *mu_star,
                           ea_sensitivity_index_estimate *sigma);

#endif
