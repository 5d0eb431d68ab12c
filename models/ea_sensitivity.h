/* ea_sensitivity.h — Global sensitivity of chosen outcomes of a scenario to its [uncertainty]
 * parameters: Sobol indices (Saltelli, Jansen), Morris screening and a one-at-a-time tornado. */
#ifndef EA_SENSITIVITY_H
#define EA_SENSITIVITY_H

#include <stddef.h>

#include "../engine/eng_error.h"
#include "ea_sensitivity_index.h"
#include "ea_uncertainty.h"

#define EA_SENSITIVITY_MAX_OUTCOMES 8
#define EA_SENSITIVITY_POINTS 64         /* rows of Saltelli's A and B by default */
#define EA_SENSITIVITY_TRAJECTORIES 10   /* Morris's trajectories by default */

/* An outcome: IND[@YEAR] for the region, or CODE:IND[@YEAR] for a department; the year's end for a
 * stock, the year's total or average for a flow (the annual table); no year: the last simulated. */
typedef struct ea_sensitivity_outcome {
    char text[128];                       /* as given */
    char scope[32], indicator[80], year[8];
    int iscope, ind, period;              /* in the runs' results */
} ea_sensitivity_outcome;

/* Parses an outcome's text (checked against the runs by ea_sensitivity_compute). */
int ea_sensitivity_outcome_parse(const char *text, ea_sensitivity_outcome *o, eng_error *err);

typedef struct ea_sensitivity_options {
    long replications;          /* <= 0: the scenario's */
    long seed;                  /* < 0: the scenario's */
    int threads;                /* 0: one per core */
    int points;                 /* Saltelli's n; <= 0: EA_SENSITIVITY_POINTS */
    int trajectories;           /* Morris's r; <= 0: EA_SENSITIVITY_TRAJECTORIES */
    void (*progress)(size_t done, size_t total, void *data);   /* runs done; may be NULL */
    void *progress_data;
} ea_sensitivity_options;

/* The methods and the indices of sensitivity.csv. */
typedef enum ea_sensitivity_index_id {
    EA_SENS_FIRST, EA_SENS_TOTAL, EA_SENS_MU_STAR, EA_SENS_SIGMA, EA_SENS_LOW, EA_SENS_HIGH,
    EA_SENS_NINDICES
} ea_sensitivity_index_id;
const char *ea_sensitivity_method_name(ea_sensitivity_index_id i);   /* sobol, morris, tornado */
const char *ea_sensitivity_index_name(ea_sensitivity_index_id i);    /* first, total, mu_star… */

typedef struct ea_sensitivity {
    char scenario[4096];
    ea_uncertainty u;
    int noutcomes;
    ea_sensitivity_outcome outcomes[EA_SENSITIVITY_MAX_OUTCOMES];
    long replications;
    unsigned long seed;
    int n, r;                   /* Saltelli's rows, Morris's trajectories */
    int npoints;                /* every run: n (k + 2) + r (k + 1) + 2 k + 1 */
    double *design;             /* npoints × k quantiles, in the order of the runs */
    int *moved;                 /* Morris: r × k */
    double *mean, *sd;          /* npoints × noutcomes: the outcome's mean and sd over the runs */
    /* [outcome][parameter][index]: the estimates; the tornado's are the outcome's mean at the
     * parameter's low and high quantile (the others at their median), with its 95 % interval
     * over the replications. */
    ea_sensitivity_index_estimate *est;
    double *centre;             /* [outcome]: the outcome at every median */
    int outside;                /* values that left their domain: 0 by construction */
} ea_sensitivity;

/* The estimate of an index. */
const ea_sensitivity_index_estimate *ea_sensitivity_get(const ea_sensitivity *s, int outcome, int param,
                                                  ea_sensitivity_index_id i);

/* Reads the scenario at path and its [uncertainty] section, builds the designs and runs every
 * point (ea_sensitivity_point_quantiles; each point's outcome is the mean of the same replications
 * with the same seed: the indices are those of the model's mean, not of its noise), in order, then
 * estimates. ENG_EINPUT, in French with the fix, for a scenario without [uncertainty], an unknown
 * outcome or year. */
int ea_sensitivity_compute(const char *path, const ea_sensitivity_outcome *outcomes, int noutcomes,
                           const ea_sensitivity_options *opt, ea_sensitivity *out, eng_error *err);
void ea_sensitivity_clear(ea_sensitivity *s);   /* NULL is a no-op */

/* What the parameters are ranked by: the total index (the tables, the Sobol chart) or the
 * tornado's swing |high - low| (the tornado chart). */
typedef enum ea_sensitivity_rank_by { EA_RANK_TOTAL, EA_RANK_SWING } ea_sensitivity_rank_by;

/* The parameters of outcome o by decreasing key, ties and NaN in their order, into
 * order[0 .. s->u.n). */
void ea_sensitivity_rank(const ea_sensitivity *s, int o, ea_sensitivity_rank_by by, int *order);

/* Whether a parameter matters for an outcome, by its total index: it reaches 0,1 (a tenth of the
 * outcome's variance) and its 95 % interval excludes 0. */
int ea_sensitivity_matters(const ea_sensitivity_index_estimate *total);

#endif
