/* ea_uncertainty.h — The [uncertainty] section of a scenario: a law (uniform, triangular, normal
 * truncated to the domain) for each uncertain parameter, its quantiles, and the parameter points. */
#ifndef EA_UNCERTAINTY_H
#define EA_UNCERTAINTY_H

#include "../engine/eng_error.h"
#include "../engine/eng_ini.h"
#include "ea_param.h"
#include "ea_results.h"
#include "ea_scenario.h"

/* The section's name in a scenario file. Its keys are free-form parameter names (those of
 * `sweep --vary`), which the schema's fixed rows cannot declare: it is read here, and the
 * scenario reader passes over it. */
#define EA_UNCERTAINTY_SECTION EA_SCENARIO_UNCERTAINTY_SECTION

/* At most this many uncertain parameters (the Sobol sequence of the Saltelli design takes two
 * coordinates per parameter, and gsl_qrng_sobol has 40). */
#define EA_UNCERTAINTY_MAX 20

/* The quantiles that stand for a law's low and high (the tornado; Morris's grid spans them): 5 %
 * and 95 %, so that an unbounded normal has finite ends. */
#define EA_UNCERTAINTY_LOW_Q 0.05
#define EA_UNCERTAINTY_HIGH_Q 0.95

typedef enum ea_uncertainty_law {
    EA_LAW_UNIFORM,      /* uniform(lo, hi), or lo:hi */
    EA_LAW_TRIANGULAR,   /* triangular(lo, mode, hi) */
    EA_LAW_NORMAL        /* normal(mean, sd), truncated to the parameter's domain */
} ea_uncertainty_law;

typedef struct ea_uncertainty_param {
    ea_param param;
    ea_uncertainty_law law;
    double a, b, c;      /* uniform: lo, hi; triangular: lo, mode, hi; normal: mean, sd */
    double lo, hi;       /* the support: the law's, or for the normal the domain's */
    int lo_open;         /* the support excludes lo (a duration's mean > 0) */
    int line;            /* in the scenario file */
} ea_uncertainty_param;

typedef struct ea_uncertainty {
    int n;
    ea_uncertainty_param p[EA_UNCERTAINTY_MAX];
} ea_uncertainty;

/* Reads the [uncertainty] section of ini (path for messages) into u: n = 0 when there is none.
 * Errors (ENG_EINPUT, `PATH, ligne N, [uncertainty] clé « K » : …` in French with the fix): an
 * unknown key (with the closest), a law that is not one of the three, lo >= hi, a mode outside
 * [lo, hi], sd <= 0, a law whose support leaves the key's domain (a probability outside [0, 1]),
 * a normal with its mean outside the domain, too many keys. */
int ea_uncertainty_read(const eng_ini *ini, const char *path, ea_uncertainty *u, eng_error *err);

/* Checks that the scenario sc has every parameter (its section, module, distribution parameter);
 * ENG_EINPUT naming the file's line otherwise. */
int ea_uncertainty_check(const ea_uncertainty *u, const ea_scenario *sc, const char *path,
                         eng_error *err);

/* Checks the [uncertainty] section of the scenario file at path, when it has one, as
 * ea_uncertainty_load does (every command checks it, so that a mistyped key is told even by a
 * command that does not vary the parameters): ENG_OK when there is none or it is right, else the
 * error of ea_uncertainty_read, ea_uncertainty_check or of the scenario itself. */
int ea_uncertainty_validate(const char *path, eng_error *err);

/* The quantile of order q in [0, 1] of a parameter's law: always inside its support and its
 * domain (q is kept off 0 and 1 by 1e-12 so that an open bound is never reached). */
double ea_uncertainty_quantile(const ea_uncertainty_param *p, double q);

/* The law as text for people ("uniform(2, 6)"), in buf. */
const char *ea_uncertainty_law_text(const ea_uncertainty_param *p, char *buf, size_t size);

/* The law that stands for an estimate x with its two-sided 95 % interval [lo95, hi95], as an
 * [uncertainty] value: "normal(x, sd)", sd being the interval's width / (2 x 1.96) (the mean of the
 * two half-widths when it is asymmetric, as a delta-method interval on a log scale is), to 6
 * significant digits, in buf. 0 when the interval is not finite, empty, or does not hold x. */
int ea_uncertainty_interval_law(double x, double lo95, double hi95, char *buf, size_t size);

/* Row i of a Latin hypercube of n points in [0, 1]^k, from the seed alone: in each dimension d the
 * points take the n strata [j/n, (j+1)/n) in an order shuffled by a stream of (seed, d), each at a
 * uniform place within its stratum drawn from a stream of (seed, d, i). Any i can be computed
 * without the others (a distributed run computes its own). */
void ea_uncertainty_lhs_row(int n, int k, unsigned long seed, int i, double *q);

/* Sets the parameters to the quantiles q[0..n) of their laws in ini and reads the scenario of the
 * result into *sc (ea_scenario_clear it), with the run's replications and seed; *outside counts
 * the values that left their domain (0 by construction; the tests read it). */
int ea_uncertainty_apply(const ea_uncertainty *u, const double *q, eng_ini *ini, long replications,
                         long seed, ea_scenario *sc, int *outside, eng_error *err);

/* Loads the scenario file at path into *ini (eng_ini_free it, also on failure), reads its
 * [uncertainty] section into u, checks it against the scenario, and gives the run's replications
 * and seed (those given, else the scenario's). ENG_EINPUT, in French with the fix, for a scenario
 * without [uncertainty]. */
int ea_uncertainty_load(const char *path, long replications, long seed, eng_ini **ini,
                        ea_uncertainty *u, long *reps_out, unsigned long *seed_out, eng_error *err);

/* Runs the scenario at the parameter point q (quantiles of the laws; u->n values) with the
 * replications and seed given (<= 0, < 0: the scenario's), on `threads` threads (0: one per core),
 * the annual table only. The same seed at every point gives common random numbers: the points
 * differ by their parameters, not by their draws. The run depends on q and the seed alone, so that
 * points may be run in any order or place. ini is left with the point's values. */
int ea_uncertainty_run_point(const ea_uncertainty *u, const double *q, eng_ini *ini,
                             long replications, long seed, int threads, int *outside,
                             ea_results **out, eng_error *err);

#endif
