/* ea_calibrate_interval.c — Profile intervals and identifiability. The deviance is -2 log L of a
 * Gaussian model of the rows, so that an increase of 3.84 over its minimum bounds a 95 % interval
 * (Wilks). The deviance computed at one point carries the noise of its replications: common random
 * numbers make it small but not nil (a Poisson count jumps when its rate crosses a draw), and near
 * the minimum that noise is of the order of the 3.84 itself, so a profile read point by point finds
 * the noise. The profile is therefore that of the quadratic approximation of the deviance, whose
 * Hessian is taken over a wide stencil (4 % of each range) that averages the noise out: with the
 * other parameters at their conditional optimum, the deviance rises by 3.84 at
 * estimate ± sqrt(3.84 * cov_jj), cov = 2 H^-1, widened by the fit's dispersion. */
#include "ea_calibrate_interval.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <string.h>

#define N EA_CALIBRATE_MAX_FREE

/* The Hessian's step: 4 % of the range, large enough that the noise left by the replications
 * (common random numbers make it small, not nil) does not drive the differences. */
#define STEP 0.04

/* An eigenvalue below this share of the largest is a flat direction. */
#define FLAT_EIGEN 1e-6

typedef struct work {
    ea_calibrate *c;
    double est[N], h[N], centre[N];
    double cov[N][N];           /* 2 H^+: the estimates' covariance under the quadratic approximation */
    int unbounded[N];           /* the parameter moves along a flat direction: no curvature bounds it */
    eng_error *err;
} work;

static int eval(work *w, const double *x, ea_calibrate_phase phase, double *f)
{
    return ea_calibrate_evaluate(w->c, x, phase, NULL, f, w->err);
}

/* The deviance at the centre moved by a and b steps along parameters i and j. */
static int at(work *w, int i, double a, int j, double b, double *f)
{
    double x[N];
    memcpy(x, w->centre, sizeof x);
    x[i] += a * w->h[i];
    x[j] += b * w->h[j];
    return eval(w, x, EA_CALIBRATE_HESSIAN, f);
}

/* The dispersion of the fit: the chi-square per degree of freedom at the estimate when above 1
 * (quasi-likelihood: a misfit, or rows correlated in time, leave more spread than the model's
 * variances say, and the intervals widen by its square root); 1 otherwise. */
static double dispersion(const ea_calibrate *c)
{
    double chi2;
    int n;
    ea_calibrate_obs_deviance(&c->obs, c->replications, &chi2, &n);
    return n > c->nfree && chi2 / (n - c->nfree) > 1 ? chi2 / (n - c->nfree) : 1;
}

/* The Hessian by central differences, into H (n x n). */
static int hessian(work *w, gsl_matrix *H)
{
    int n = w->c->nfree, status;
    double f0, fp[N], fm[N];
    for (int k = 0; k < n; k++) {
        const ea_calibrate_free *f = &w->c->free[k];
        w->h[k] = STEP * (f->hi - f->lo);
        w->centre[k] = fmin(fmax(w->est[k], f->lo + w->h[k]), f->hi - w->h[k]);
    }
    if ((status = eval(w, w->centre, EA_CALIBRATE_HESSIAN, &f0)) != ENG_OK)
        return status;
    /* The rows hold the means of the last run: the fit's dispersion is taken here, the centre
     * being the estimate, or after a run at the estimate itself when a bound moved the centre (the
     * steps below would leave the rows at another point). */
    double fe;
    if (memcmp(w->centre, w->est, (size_t)n * sizeof *w->est) != 0
        && (status = eval(w, w->est, EA_CALIBRATE_HESSIAN, &fe)) != ENG_OK)
        return status;
    w->c->dispersion = dispersion(w->c);
    for (int k = 0; k < n; k++) {
        if ((status = at(w, k, 1, k, 0, &fp[k])) != ENG_OK || (status = at(w, k, -1, k, 0, &fm[k])) != ENG_OK)
            return status;
        gsl_matrix_set(H, (size_t)k, (size_t)k, (fp[k] - 2 * f0 + fm[k]) / (w->h[k] * w->h[k]));
    }
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double pp, pm, mp, mm;
            if ((status = at(w, i, 1, j, 1, &pp)) != ENG_OK || (status = at(w, i, 1, j, -1, &pm)) != ENG_OK ||
                (status = at(w, i, -1, j, 1, &mp)) != ENG_OK || (status = at(w, i, -1, j, -1, &mm)) != ENG_OK)
                return status;
            double hij = (pp - pm - mp + mm) / (4 * w->h[i] * w->h[j]);
            gsl_matrix_set(H, (size_t)i, (size_t)j, hij);
            gsl_matrix_set(H, (size_t)j, (size_t)i, hij);
        }
    return ENG_OK;
}

/* cov = 2 H^+ (the deviance is twice the negative log-likelihood), from H's eigenvectors, the flat
 * and the negative directions (noise, or a saddle) left out; sets hessian_ok and the correlations. */
static int covariance(work *w, gsl_matrix *H)
{
    int n = w->c->nfree;
    gsl_vector *val = gsl_vector_alloc((size_t)n);
    gsl_matrix *vec = gsl_matrix_alloc((size_t)n, (size_t)n);
    gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc((size_t)n);
    if (!val || !vec || !ws) {
        gsl_vector_free(val);
        gsl_matrix_free(vec);
        gsl_eigen_symmv_free(ws);
        return eng_error_set(w->err, ENG_EFAIL, "mémoire insuffisante");
    }
    gsl_eigen_symmv(H, val, vec, ws);
    double top = 0;
    for (int k = 0; k < n; k++)
        top = fmax(top, gsl_vector_get(val, (size_t)k));
    w->c->hessian_ok = top > 0;
    memset(w->cov, 0, sizeof w->cov);
    for (int k = 0; k < n; k++) {
        double l = gsl_vector_get(val, (size_t)k);
        if (!(l > FLAT_EIGEN * top)) {
            /* The pseudo-inverse gives a flat direction no variance; its parameters have no bound
             * from the curvature at all. */
            w->c->hessian_ok = 0;
            for (int i = 0; i < n; i++)
                w->unbounded[i] |= fabs(gsl_matrix_get(vec, (size_t)i, (size_t)k)) > 0.1;
            continue;
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                w->cov[i][j] += 2 * gsl_matrix_get(vec, (size_t)i, (size_t)k) *
                                gsl_matrix_get(vec, (size_t)j, (size_t)k) / l;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            w->c->corr[i][j] = w->cov[i][i] > 0 && w->cov[j][j] > 0
                                   ? w->cov[i][j] / sqrt(w->cov[i][i] * w->cov[j][j]) : NAN;
    gsl_vector_free(val);
    gsl_matrix_free(vec);
    gsl_eigen_symmv_free(ws);
    return ENG_OK;
}

int ea_calibrate_interval_compute(ea_calibrate *c, eng_error *err)
{
    work w = { .c = c, .err = err };
    int n = c->nfree, status;
    for (int k = 0; k < n; k++)
        w.est[k] = c->free[k].estimate;
    gsl_matrix *H = gsl_matrix_calloc((size_t)n, (size_t)n);
    if (!H)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    status = hessian(&w, H);
    if (status == ENG_OK)
        status = covariance(&w, H);
    gsl_matrix_free(H);
    for (int j = 0; j < n && status == ENG_OK; j++) {
        ea_calibrate_free *f = &c->free[j];
        double half = !w.unbounded[j] && w.cov[j][j] > 0 ? sqrt(EA_CALIBRATE_DELTA95 * w.cov[j][j] * c->dispersion) : INFINITY;
        f->lower95 = fmax(f->estimate - half, f->lo);
        f->upper95 = fmin(f->estimate + half, f->hi);
        f->flat_low = f->estimate - half <= f->lo;
        f->flat_high = f->estimate + half >= f->hi;
        double margin = 0.01 * (f->hi - f->lo);
        f->at_bound = f->estimate <= f->lo + margin ? -1 : f->estimate >= f->hi - margin ? 1 : 0;
    }
    for (int i = 0; i < n; i++) {
        int ridge = 0;
        for (int j = 0; j < n; j++)
            ridge |= j != i && fabs(c->corr[i][j]) > EA_CALIBRATE_INTERVAL_RIDGE;
        c->free[i].identified = !(c->free[i].flat_low && c->free[i].flat_high) && !ridge;
    }
    return status;
}
