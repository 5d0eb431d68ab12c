/* ea_sensitivity.c — The outcomes, the runs of every design point in order (Saltelli's matrices,
 * Morris's trajectories, the tornado's ends) and the estimates of each method. */
#include "ea_sensitivity.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_mpi.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"

static const struct {
    const char *method, *index;
} index_names[EA_SENS_NINDICES] = {
    [EA_SENS_FIRST] = { "sobol", "first" }, [EA_SENS_TOTAL] = { "sobol", "total" },
    [EA_SENS_MU_STAR] = { "morris", "mu_star" }, [EA_SENS_SIGMA] = { "morris", "sigma" },
    [EA_SENS_LOW] = { "tornado", "low" }, [EA_SENS_HIGH] = { "tornado", "high" },
};

const char *ea_sensitivity_method_name(ea_sensitivity_index_id i)
{
    return index_names[i].method;
}

const char *ea_sensitivity_index_name(ea_sensitivity_index_id i)
{
    return index_names[i].index;
}

int ea_sensitivity_outcome_parse(const char *text, ea_sensitivity_outcome *o, eng_error *err)
{
    memset(o, 0, sizeof *o);
    if (strlen(text) >= sizeof o->text)
        return eng_error_set(err, ENG_EINPUT, "--outcome « %.40s… » : trop long", text);
    snprintf(o->text, sizeof o->text, "%s", text);
    const char *colon = strchr(text, ':'), *at = strchr(text, '@');
    const char *ind = colon ? colon + 1 : text;
    size_t len = at ? (size_t)(at - ind) : strlen(ind);
    if ((colon && (colon == text || (size_t)(colon - text) >= sizeof o->scope)) || len == 0 ||
        len >= sizeof o->indicator || (at && (strlen(at + 1) != 4 || !isdigit((unsigned char)at[1]) ||
                                               strspn(at + 1, "0123456789") != 4)))
        return eng_error_set(err, ENG_EINPUT, "--outcome %s : attendu INDICATEUR[@ANNÉE] ou "
                             "CODE:INDICATEUR[@ANNÉE], par exemple file_active@2027 ou "
                             "31:waiting@2026", text);
    snprintf(o->scope, sizeof o->scope, "%.*s", colon ? (int)(colon - text) : 6, colon ? text : "region");
    snprintf(o->indicator, sizeof o->indicator, "%.*s", (int)len, ind);
    snprintf(o->year, sizeof o->year, "%s", at ? at + 1 : "");
    return ENG_OK;
}

const ea_sensitivity_index_estimate *ea_sensitivity_get(const ea_sensitivity *s, int outcome, int param,
                                                  ea_sensitivity_index_id i)
{
    return &s->est[((size_t)outcome * s->u.n + param) * EA_SENS_NINDICES + i];
}

void ea_sensitivity_clear(ea_sensitivity *s)
{
    if (!s)
        return;
    free(s->design);
    free(s->moved);
    free(s->mean);
    free(s->sd);
    free(s->est);
    free(s->centre);
    memset(s, 0, sizeof *s);
}

/* Where each part of the design starts among the runs. */
static int morris_at(const ea_sensitivity *s)
{
    return s->n * (s->u.n + 2);
}

static int tornado_at(const ea_sensitivity *s)
{
    return morris_at(s) + s->r * (s->u.n + 1);
}

/* A Morris level in [0, 1] as a quantile: the grid spans the laws' low and high quantiles. */
static double level_quantile(double level)
{
    return EA_UNCERTAINTY_LOW_Q + (EA_UNCERTAINTY_HIGH_Q - EA_UNCERTAINTY_LOW_Q) * level;
}

/* Fills the design: every run's quantiles, from the Sobol sequence and the seed alone. */
static int build_design(ea_sensitivity *s, double *levels, eng_error *err)
{
    int k = s->u.n, n = s->n;
    double *a = malloc((size_t)n * k * sizeof *a), *b = malloc((size_t)n * k * sizeof *b);
    int status = a && b ? ea_sensitivity_index_saltelli(n, k, a, b, err)
                        : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int j = 0; status == ENG_OK && j < n; j++) {
        memcpy(s->design + (size_t)j * k, a + (size_t)j * k, (size_t)k * sizeof *a);
        memcpy(s->design + (size_t)(n + j) * k, b + (size_t)j * k, (size_t)k * sizeof *b);
        for (int i = 0; i < k; i++)
            ea_sensitivity_index_saltelli_row(a, b, k, i, j, s->design + (size_t)(2 * n + i * n + j) * k);
    }
    free(a);
    free(b);
    if (status != ENG_OK)
        return status;
    ea_sensitivity_index_morris_design(s->r, k, s->seed, levels, s->moved);
    double *m = s->design + (size_t)morris_at(s) * k;
    for (int p = 0; p < s->r * (k + 1) * k; p++)
        m[p] = level_quantile(levels[p]);
    double *t = s->design + (size_t)tornado_at(s) * k;
    for (int p = 0; p < (2 * k + 1) * k; p++)
        t[p] = 0.5;
    for (int i = 0; i < k; i++) {
        t[(size_t)(1 + 2 * i) * k + i] = EA_UNCERTAINTY_LOW_Q;
        t[(size_t)(2 + 2 * i) * k + i] = EA_UNCERTAINTY_HIGH_Q;
    }
    return ENG_OK;
}

/* Finds each outcome's scope, indicator and year in a run's results. */
static int resolve_outcomes(ea_sensitivity *s, const ea_results *res, eng_error *err)
{
    for (int o = 0; o < s->noutcomes; o++) {
        ea_sensitivity_outcome *x = &s->outcomes[o];
        int last = ea_results_nperiods(res, EA_ANNUAL) - 1;
        if (!x->year[0])
            snprintf(x->year, sizeof x->year, "%s", ea_results_period(res, EA_ANNUAL, last));
        x->iscope = ea_results_find_scope(res, x->scope);
        x->ind = ea_indicators_find(ea_results_indicators(res), x->indicator);
        x->period = ea_results_find_period(res, EA_ANNUAL, x->year);
        if (x->iscope < 0)
            return eng_error_set(err, ENG_EINPUT, "--outcome %s : le scénario n'a pas de département "
                                 "« %s » ; donnez un code de ses sections [department.CODE]", x->text, x->scope);
        if (x->ind < 0)
            return eng_error_set(err, ENG_EINPUT, "--outcome %s : indicateur inconnu « %s » ; voir "
                                 "eaflow help indicators", x->text, x->indicator);
        if (x->period < 0)
            return eng_error_set(err, ENG_EINPUT, "--outcome %s : l'année %s n'est pas simulée ; "
                                 "donnez une année de %s à %s", x->text, x->year,
                                 ea_results_period(res, EA_ANNUAL, 0), ea_results_period(res, EA_ANNUAL, last));
    }
    return ENG_OK;
}

/* Runs point p and stores each outcome's mean and sd over the replications; the outcomes are
 * resolved at the first point run (first). */
static int run_point(ea_sensitivity *s, eng_ini *ini, int p, int first,
                     const ea_sensitivity_options *opt, eng_error *err)
{
    ea_results *res = NULL;
    int status = ea_uncertainty_run_point(&s->u, s->design + (size_t)p * s->u.n, ini, s->replications,
                                          (long)s->seed, opt->threads, &s->outside, &res, err);
    if (status == ENG_OK && p == first)
        status = resolve_outcomes(s, res, err);
    for (int o = 0; status == ENG_OK && o < s->noutcomes; o++) {
        const ea_sensitivity_outcome *x = &s->outcomes[o];
        const eng_stats_summary *sum = ea_results_summary(res, EA_ANNUAL, x->iscope, x->period, x->ind);
        s->mean[(size_t)p * s->noutcomes + o] = sum->mean;
        s->sd[(size_t)p * s->noutcomes + o] = sum->sd;
    }
    ea_results_free(res);
    return status;
}

/* Runs every point, gathered in point order. In an MPI job (engine/eng_mpi.h) each process runs
 * its contiguous share of the points, each point alone on the process's threads (a point depends
 * on its quantiles and the seed alone, so its values are a single process's), then every process
 * receives the others' means and sds; a failure stops every process with the message of the
 * lowest failing point, as a single process would. */
static int run_points(ea_sensitivity *s, eng_ini *ini, const ea_sensitivity_options *opt,
                      eng_error *err)
{
    int rank = eng_mpi_rank(), size = eng_mpi_size(), status = ENG_OK;
    size_t first, count;
    eng_mpi_share((size_t)s->npoints, rank, size, &first, &count);
    eng_mpi_alone(1);
    for (size_t p = first; status == ENG_OK && p < first + count; p++) {
        status = run_point(s, ini, (int)p, (int)first, opt, err);
        /* Rank 0 shows the job's progress from its own, the shares being as long to a point. */
        size_t done = (p - first + 1) * (size_t)size;
        if (status == ENG_OK && opt->progress)
            opt->progress(done < (size_t)s->npoints ? done : (size_t)s->npoints, (size_t)s->npoints,
                          opt->progress_data);
    }
    eng_mpi_alone(0);
    status = eng_mpi_agree(status, err);
    if (status == ENG_OK)
        status = eng_mpi_allgather(s->mean, (size_t)s->npoints, (size_t)s->noutcomes, err);
    if (status == ENG_OK)
        status = eng_mpi_allgather(s->sd, (size_t)s->npoints, (size_t)s->noutcomes, err);
    /* A process without points (more processes than points) leaves its outcomes unresolved: it is
     * never rank 0, whose share comes first, and the others write nothing that is kept. */
    s->outside = (int)eng_mpi_sum((unsigned long)s->outside);
    return status;
}

/* The estimates of every method for outcome o. */
static void estimate(ea_sensitivity *s, int o, const double *levels)
{
    int k = s->u.n, n = s->n, no = s->noutcomes, nm = s->r * (k + 1);
    double *fa = malloc((size_t)n * sizeof *fa), *fb = malloc((size_t)n * sizeof *fb);
    double *fab = malloc((size_t)n * sizeof *fab), *fm = malloc((size_t)nm * sizeof *fm);
    ea_sensitivity_index_estimate *mu = malloc((size_t)k * sizeof *mu), *sg = malloc((size_t)k * sizeof *sg);
    if (!fa || !fb || !fab || !fm || !mu || !sg)
        goto done;
    for (int j = 0; j < n; j++) {
        fa[j] = s->mean[(size_t)j * no + o];
        fb[j] = s->mean[(size_t)(n + j) * no + o];
    }
    for (int i = 0; i < k; i++) {
        for (int j = 0; j < n; j++)
            fab[j] = s->mean[(size_t)(2 * n + i * n + j) * no + o];
        ea_sensitivity_index_estimate *e = &s->est[((size_t)o * k + i) * EA_SENS_NINDICES];
        ea_sensitivity_index_sobol(fa, fb, fab, n, s->seed, &e[EA_SENS_FIRST], &e[EA_SENS_TOTAL]);
    }
    for (int p = 0; p < nm; p++)
        fm[p] = s->mean[(size_t)(morris_at(s) + p) * no + o];
    ea_sensitivity_index_morris(levels, s->moved, fm, s->r, k, s->seed, mu, sg);
    int t = tornado_at(s);
    s->centre[o] = s->mean[(size_t)t * no + o];
    for (int i = 0; i < k; i++) {
        ea_sensitivity_index_estimate *e = &s->est[((size_t)o * k + i) * EA_SENS_NINDICES];
        e[EA_SENS_MU_STAR] = mu[i];
        e[EA_SENS_SIGMA] = sg[i];
        for (int side = 0; side < 2; side++) {
            size_t at = (size_t)(t + 1 + 2 * i + side) * no + o;
            double half = 1.959963984540054 * s->sd[at] / sqrt((double)s->replications);
            e[EA_SENS_LOW + side] = (ea_sensitivity_index_estimate){ s->mean[at], s->mean[at] - half,
                                                               s->mean[at] + half };
        }
    }
done:
    free(fa);
    free(fb);
    free(fab);
    free(fm);
    free(mu);
    free(sg);
}

/* Loads the scenario and its laws, sizes the work and allocates it. */
static int setup(ea_sensitivity *s, const char *path, const ea_sensitivity_options *opt, eng_ini **ini,
                 eng_error *err)
{
    snprintf(s->scenario, sizeof s->scenario, "%s", path);
    int status = ea_uncertainty_load(path, opt->replications, opt->seed, ini, &s->u, &s->replications,
                                     &s->seed, err);
    if (status != ENG_OK)
        return status;
    int k = s->u.n;
    s->n = opt->points > 0 ? opt->points : EA_SENSITIVITY_POINTS;
    s->r = opt->trajectories > 0 ? opt->trajectories : EA_SENSITIVITY_TRAJECTORIES;
    s->npoints = tornado_at(s) + 2 * k + 1;
    s->design = malloc((size_t)s->npoints * k * sizeof *s->design);
    s->moved = malloc((size_t)s->r * k * sizeof *s->moved);
    s->mean = malloc((size_t)s->npoints * s->noutcomes * sizeof *s->mean);
    s->sd = malloc((size_t)s->npoints * s->noutcomes * sizeof *s->sd);
    s->est = calloc((size_t)s->noutcomes * k * EA_SENS_NINDICES, sizeof *s->est);
    s->centre = calloc((size_t)s->noutcomes, sizeof *s->centre);
    if (!s->design || !s->moved || !s->mean || !s->sd || !s->est || !s->centre)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    return ENG_OK;
}

int ea_sensitivity_compute(const char *path, const ea_sensitivity_outcome *outcomes, int noutcomes,
                           const ea_sensitivity_options *opt, ea_sensitivity *out, eng_error *err)
{
    ea_sensitivity *s = out;
    memset(s, 0, sizeof *s);
    if (noutcomes < 1 || noutcomes > EA_SENSITIVITY_MAX_OUTCOMES)
        return eng_error_set(err, ENG_EINPUT, "sensitivity : donnez de 1 à %d --outcome",
                             EA_SENSITIVITY_MAX_OUTCOMES);
    s->noutcomes = noutcomes;
    memcpy(s->outcomes, outcomes, (size_t)noutcomes * sizeof *outcomes);
    eng_ini *ini = NULL;
    double *levels = NULL;
    int status = setup(s, path, opt, &ini, err);
    if (status == ENG_OK && !(levels = malloc((size_t)s->r * (s->u.n + 1) * s->u.n * sizeof *levels)))
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (status == ENG_OK)
        status = build_design(s, levels, err);
    /* Every point is a run of its own, from its quantiles and the seed alone, gathered in order. */
    if (status == ENG_OK)
        status = run_points(s, ini, opt, err);
    for (int o = 0; status == ENG_OK && o < s->noutcomes; o++)
        estimate(s, o, levels);
    free(levels);
    eng_ini_free(ini);
    if (status != ENG_OK)
        ea_sensitivity_clear(s);
    return status;
}

void ea_sensitivity_rank(const ea_sensitivity *s, int o, ea_sensitivity_rank_by by, int *order)
{
    int k = s->u.n;
    double key[EA_UNCERTAINTY_MAX];
    for (int i = 0; i < k; i++) {
        order[i] = i;
        key[i] = by == EA_RANK_SWING ? fabs(ea_sensitivity_get(s, o, i, EA_SENS_HIGH)->estimate -
                                            ea_sensitivity_get(s, o, i, EA_SENS_LOW)->estimate)
                                     : ea_sensitivity_get(s, o, i, EA_SENS_TOTAL)->estimate;
    }
    for (int i = 1; i < k; i++)
        for (int j = i; j > 0 && key[order[j]] > key[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

int ea_sensitivity_matters(const ea_sensitivity_index_estimate *total)
{
    return total->estimate >= 0.1 && total->lower95 > 0;
}
