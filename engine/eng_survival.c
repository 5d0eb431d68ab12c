/* eng_survival.c — Kaplan–Meier curve and maximum-likelihood fits of right-censored durations, both
 * computed on the durations grouped by distinct value. */
#include "eng_survival.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "eng_msg.h"
#include "eng_stats.h"
#include "eng_text.h"

/* Slack when comparing a survival probability with 1/2 (see eng_survival_km in the header). */
#define HALF_SLACK 1e-12

struct eng_survival {
    size_t n, nevents;
    size_t m;            /* distinct durations */
    double *time;        /* ascending, months */
    size_t *events;      /* spells that ended at time[j] */
    size_t *censored;    /* spells censored at time[j] */
};

/* One observation while sorting. */
typedef struct obs {
    double t;
    unsigned char event;
} obs;

static int cmp_obs(const void *a, const void *b)
{
    double x = ((const obs *)a)->t, y = ((const obs *)b)->t;
    return (x > y) - (x < y);
}

int eng_survival_alloc(const double *t, const unsigned char *event, size_t n, eng_survival **out,
                       eng_error *err)
{
    *out = NULL;
    if (n == 0)
        return eng_error_set(err, ENG_EINPUT, "aucune observation : il faut au moins une durée");
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(t[i]) || t[i] < 0)
            return eng_error_set(err, ENG_EINPUT, "la durée %zu vaut %g : les durées doivent être "
                                "finies et >= 0 (en mois)", i + 1, t[i]);
        if (event[i] > 1)
            return eng_error_set(err, ENG_EINPUT, "observation %zu : l'indicateur d'événement vaut %u, "
                                "attendu 1 (épisode terminé) ou 0 (censuré)", i + 1, (unsigned)event[i]);
    }
    obs *o = malloc(n * sizeof *o);
    eng_survival *s = calloc(1, sizeof *s);
    if (!o || !s)
        goto oom;
    for (size_t i = 0; i < n; i++)
        o[i] = (obs){t[i], event[i]};
    qsort(o, n, sizeof *o, cmp_obs);
    size_t m = 1;
    for (size_t i = 1; i < n; i++)
        m += o[i].t != o[i - 1].t;
    s->time = malloc(m * sizeof *s->time);
    s->events = calloc(m, sizeof *s->events);
    s->censored = calloc(m, sizeof *s->censored);
    if (!s->time || !s->events || !s->censored)
        goto oom;
    size_t j = 0;
    s->time[0] = o[0].t;
    for (size_t i = 0; i < n; i++) {
        if (o[i].t != s->time[j])
            s->time[++j] = o[i].t;
        if (o[i].event)
            s->events[j]++;
        else
            s->censored[j]++;
    }
    s->n = n;
    s->m = m;
    for (j = 0; j < m; j++)
        s->nevents += s->events[j];
    free(o);
    *out = s;
    return ENG_OK;
oom:
    free(o);
    eng_survival_free(s);
    return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour regrouper %zu durées", n);
}

void eng_survival_free(eng_survival *s)
{
    if (!s)
        return;
    free(s->time);
    free(s->events);
    free(s->censored);
    free(s);
}

size_t eng_survival_n(const eng_survival *s)
{
    return s->n;
}

size_t eng_survival_nevents(const eng_survival *s)
{
    return s->nevents;
}

size_t eng_survival_ntimes(const eng_survival *s)
{
    return s->m;
}

/* ---- Kaplan–Meier ---------------------------------------------------------------------------- */

/* Fills the log-log band of a row from S and the Greenwood sum. For 0 < S < 1, S raised to a
 * positive power stays in (0, 1), so the band needs no clamping. */
static void loglog_band(eng_survival_km_row *r, double green)
{
    if (!(r->survival > 0)) {
        r->se = r->lower95 = r->upper95 = NAN;
        return;
    }
    r->se = r->survival * sqrt(green);
    double s = sqrt(green) / fabs(log(r->survival));
    r->lower95 = pow(r->survival, exp(ENG_STATS_Z95 * s));
    r->upper95 = pow(r->survival, exp(-ENG_STATS_Z95 * s));
}

/* The median and its interval: the first row times where S, the lower band and the upper band
 * are <= 1/2. A row where S is 0 counts for both bands: nobody is left beyond it, so no band can
 * stay above 1/2 there, although the log-log transform leaves the band itself undefined. */
static void km_median(eng_survival_km *km)
{
    for (size_t i = 0; i < km->nrows; i++) {
        const eng_survival_km_row *r = &km->rows[i];
        int empty = r->survival <= 0;
        if (isnan(km->median) && r->survival <= 0.5 + HALF_SLACK)
            km->median = r->time;
        if (isnan(km->median_lower95) && (empty || r->lower95 <= 0.5 + HALF_SLACK))
            km->median_lower95 = r->time;
        if (isnan(km->median_upper95) && (empty || r->upper95 <= 0.5 + HALF_SLACK))
            km->median_upper95 = r->time;
    }
}

int eng_survival_km_estimate(const eng_survival *s, eng_survival_km *out, eng_error *err)
{
    *out = (eng_survival_km){ .n = s->n,
                              .nevents = s->nevents,
                              .median = NAN,
                              .median_lower95 = NAN,
                              .median_upper95 = NAN,
                              .rmst_tau = s->time[s->m - 1] };
    size_t nrows = 0;
    for (size_t j = 0; j < s->m; j++)
        nrows += s->events[j] > 0;
    eng_survival_km_row *rows = NULL;
    if (nrows > 0 && !(rows = malloc(nrows * sizeof *rows)))
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour une courbe de Kaplan-Meier de %zu lignes",
                            nrows);
    size_t at_risk = s->n, r = 0;
    double surv = 1, green = 0, prev = 0, rmst = 0;
    for (size_t j = 0; j < s->m; j++) {
        size_t d = s->events[j], c = s->censored[j];
        rmst += surv * (s->time[j] - prev);
        prev = s->time[j];
        if (d > 0) {
            surv *= (double)(at_risk - d) / (double)at_risk;
            /* When everyone left at risk ends here the Greenwood term is infinite and S is 0. */
            green += d < at_risk ? (double)d / ((double)at_risk * (double)(at_risk - d)) : HUGE_VAL;
            rows[r] = (eng_survival_km_row){
                .time = s->time[j], .at_risk = at_risk, .events = d, .censored = c, .survival = surv
            };
            loglog_band(&rows[r], green);
            r++;
        } else if (r > 0) {
            rows[r - 1].censored += c;
        } else {
            out->censored_before += c;
        }
        at_risk -= d + c;
    }
    out->nrows = nrows;
    out->rows = rows;
    out->rmst = rmst;
    km_median(out);
    return ENG_OK;
}

void eng_survival_km_clear(eng_survival_km *km)
{
    if (!km)
        return;
    free(km->rows);
    *km = (eng_survival_km){ .median = NAN, .median_lower95 = NAN, .median_upper95 = NAN };
}

/* ---- Likelihood data ------------------------------------------------------------------------- */

/* The grouped durations as the likelihoods read them: only positive durations (the ones that ended
 * at 0 moved to h/2, the ones censored at 0 left out, see eng_survival_fit_all), counts as doubles, and the
 * sums that give the event terms of the gamma and lognormal likelihoods in O(1). */
typedef struct fit_data {
    size_t m;            /* distinct positive durations */
    double *time;        /* ascending, months */
    double *logt;
    double *d;           /* events at time[j] */
    double *n;           /* events and censorings at time[j] */
    size_t mc;           /* distinct durations with a censoring */
    double *ctime, *clogt, *c;
    size_t nevtimes;     /* distinct durations with an event */
    double events;       /* sum of d */
    double total;        /* sum of n t: the time spent at risk, months */
    double sum_dt;       /* sum of d t */
    double sum_dlogt;    /* sum of d log t */
    double mean_dlogt;   /* sum_dlogt / events */
    double ss_dlogt;     /* sum of d (log t - mean_dlogt)^2 */
} fit_data;

static void fit_data_free(fit_data *fd)
{
    free(fd->time);
}

/* Builds fd from s, which must hold at least one event and one positive duration. */
static int fit_data_init(fit_data *fd, const eng_survival *s, eng_error *err)
{
    *fd = (fit_data){0};
    size_t first = s->time[0] > 0 ? 0 : 1;   /* index of the smallest positive duration */
    size_t zero_events = first == 1 ? s->events[0] : 0;
    size_t m = s->m - first + (zero_events > 0);
    /* One block for the seven arrays of m values. */
    double *block = malloc(7 * m * sizeof *block);
    if (!block)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour %zu durées distinctes", m);
    fd->time = block;
    fd->logt = block + m;
    fd->d = block + 2 * m;
    fd->n = block + 3 * m;
    fd->ctime = block + 4 * m;
    fd->clogt = block + 5 * m;
    fd->c = block + 6 * m;
    size_t k = 0;
    if (zero_events > 0) {
        fd->time[0] = s->time[first] / 2;
        fd->d[0] = fd->n[0] = (double)zero_events;
        k = 1;
    }
    for (size_t j = first; j < s->m; j++, k++) {
        fd->time[k] = s->time[j];
        fd->d[k] = (double)s->events[j];
        fd->n[k] = (double)(s->events[j] + s->censored[j]);
        if (s->censored[j] > 0) {
            fd->ctime[fd->mc] = s->time[j];
            fd->clogt[fd->mc] = log(s->time[j]);
            fd->c[fd->mc] = (double)s->censored[j];
            fd->mc++;
        }
    }
    fd->m = m;
    for (k = 0; k < m; k++) {
        fd->logt[k] = log(fd->time[k]);
        fd->nevtimes += fd->d[k] > 0;
        fd->events += fd->d[k];
        fd->total += fd->n[k] * fd->time[k];
        fd->sum_dt += fd->d[k] * fd->time[k];
        fd->sum_dlogt += fd->d[k] * fd->logt[k];
    }
    fd->mean_dlogt = fd->sum_dlogt / fd->events;
    for (k = 0; k < m; k++) {
        double u = fd->logt[k] - fd->mean_dlogt;
        fd->ss_dlogt += fd->d[k] * u * u;
    }
    return ENG_OK;
}

/* ---- Log-likelihoods of the two-parameter families, in the optimisation coordinates x ------- */

/* log Q(a, x), the log of the regularised upper incomplete gamma function. Where Q underflows, the
 * first approximant of Legendre's continued fraction, Q ~ x^a e^-x / (Gamma(a) (x + 1 - a)), keeps
 * the log finite (exact for a = 1); Q is that small only for x far above a, where x + 1 - a > 0 and
 * the approximant is accurate. */
static double log_gamma_q(double a, double x)
{
    double q = gsl_sf_gamma_inc_Q(a, x);
    if (q > 1e-280)
        return log(q);
    return a * log(x) - x - gsl_sf_lngamma(a) - log(x + 1 - a);
}

/* Gamma, x = (log shape k, log mean); the scale is theta = mean / k. The event terms
 * sum d ((k - 1) log t - t / theta - k log theta - log Gamma(k)) use the precomputed sums. */
static double loglik_gamma(const fit_data *fd, const double *x)
{
    double k = exp(x[0]), log_theta = x[1] - x[0], theta = exp(log_theta);
    double ll = (k - 1) * fd->sum_dlogt - fd->sum_dt / theta
                - fd->events * (k * log_theta + gsl_sf_lngamma(k));
    for (size_t j = 0; j < fd->mc; j++)
        ll += fd->c[j] * log_gamma_q(k, fd->ctime[j] / theta);
    return ll;
}

/* Lognormal, x = (mu, log sigma). The event terms use sum d (log t - mu)^2 = ss + events (mean -
 * mu)^2, which does not cancel; log S(t) = log(erfc(z / sqrt 2) / 2) comes from gsl_sf_log_erfc,
 * finite even where S itself underflows. */
static double loglik_lognormal(const fit_data *fd, const double *x)
{
    double mu = x[0], sigma = exp(x[1]), dm = fd->mean_dlogt - mu;
    double ll = -fd->sum_dlogt - fd->events * (x[1] + 0.5 * log(2 * M_PI))
                - (fd->ss_dlogt + fd->events * dm * dm) / (2 * sigma * sigma);
    double scale = 1 / (sigma * M_SQRT2);
    for (size_t j = 0; j < fd->mc; j++)
        ll += fd->c[j] * (gsl_sf_log_erfc((fd->clogt[j] - mu) * scale) - M_LN2);
    return ll;
}

/* Weibull, x = (log shape k, log scale lambda): log f = log k - k log lambda + (k - 1) log t -
 * (t / lambda)^k and log S = -(t / lambda)^k, so every observation contributes -(t / lambda)^k. */
static double loglik_weibull(const fit_data *fd, const double *x)
{
    double k = exp(x[0]);
    double ll = fd->events * (x[0] - k * x[1]) + (k - 1) * fd->sum_dlogt;
    for (size_t j = 0; j < fd->m; j++)
        ll -= fd->n[j] * exp(k * (fd->logt[j] - x[1]));
    return ll;
}

/* Gradient of the log of the mean with respect to x, for the delta method. */
static void logmean_grad_gamma(const double *x, double *g)
{
    (void)x;
    g[0] = 0;
    g[1] = 1;
}

static void logmean_grad_lognormal(const double *x, double *g)
{
    g[0] = 1;                       /* log mean = mu + sigma^2 / 2 */
    g[1] = exp(2 * x[1]);
}

static void logmean_grad_weibull(const double *x, double *g)
{
    double k = exp(x[0]);           /* log mean = log lambda + log Gamma(1 + 1/k) */
    g[0] = -gsl_sf_psi(1 + 1 / k) / k;
    g[1] = 1;
}

/* What the optimiser needs to know about one two-parameter family. The box keeps the search away
 * from parameters that mean nothing for durations in months and that the special functions do
 * not handle (GSL's incomplete gamma aborts for shapes of a few million). */
typedef struct family_spec {
    double (*loglik)(const fit_data *fd, const double *x);
    void (*logmean_grad)(const double *x, double *g);
    double lo[2], hi[2];
} family_spec;

/* Gamma shape k in [1e-3, 1e5], lognormal sigma in [1e-3, 30], Weibull shape k in [1e-2, 1e3];
 * the gamma mean, e^mu and the Weibull scale in [e^-30, e^30] months. */
static const family_spec spec_gamma = {loglik_gamma, logmean_grad_gamma,
                                       {-6.907755, -30}, {11.512925, 30}};
static const family_spec spec_lognormal = {loglik_lognormal, logmean_grad_lognormal,
                                           {-30, -6.907755}, {30, 3.401197}};
static const family_spec spec_weibull = {loglik_weibull, logmean_grad_weibull,
                                         {-4.605170, -30}, {6.907755, 30}};

typedef struct problem {
    const fit_data *fd;
    const family_spec *spec;
} problem;

/* The log-likelihood, NaN outside the box. */
static double loglik_at(const problem *p, const double *x)
{
    for (int i = 0; i < 2; i++)
        if (!(x[i] >= p->spec->lo[i] && x[i] <= p->spec->hi[i]))
            return NAN;
    return p->spec->loglik(p->fd, x);
}

/* The simplex minimises; GSL stops with an error on a non-finite value, so points outside the box
 * or where the likelihood is not finite get a large finite value instead. */
static double simplex_objective(const gsl_vector *v, void *params)
{
    double x[2] = {gsl_vector_get(v, 0), gsl_vector_get(v, 1)};
    double ll = loglik_at(params, x);
    return isfinite(ll) ? -ll : 1e300;
}

/* Maximises from x (inside the box), in place. The simplex stops when its size is below 1e-6 in
 * the log-parameters: far below the standard error of any real sample (about 1e-3 for a million
 * observations), and well above the 1e-8 or so where the rounding of a log-likelihood of n terms
 * hides its curvature, so that the simplex would wander instead of shrinking. A second run from
 * the result with a smaller simplex guards against the known premature collapse of Nelder-Mead.
 * *converged is 0 if a run needed more than 2000 iterations. */
static int maximise(const problem *p, double *x, int *converged, eng_error *err)
{
    static const double initial_step[2] = {0.3, 0.03};
    *converged = 0;
    gsl_multimin_fminimizer *mz = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2,
                                                                2);
    gsl_vector *v = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
    if (!mz || !v || !step) {
        gsl_multimin_fminimizer_free(mz);
        gsl_vector_free(v);
        gsl_vector_free(step);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour maximiser la vraisemblance");
    }
    /* The objective only reads the problem; GSL's parameter pointer is not const. */
    gsl_multimin_function f = {simplex_objective, 2, (void *)p};
    int ok = 1;
    for (int run = 0; run < 2 && ok; run++) {
        gsl_vector_set(v, 0, x[0]);
        gsl_vector_set(v, 1, x[1]);
        gsl_vector_set_all(step, initial_step[run]);
        gsl_multimin_fminimizer_set(mz, &f, v, step);
        int status = GSL_CONTINUE;
        for (int iter = 0; iter < 2000 && status == GSL_CONTINUE; iter++) {
            if (gsl_multimin_fminimizer_iterate(mz) != GSL_SUCCESS)
                break;
            status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(mz), 1e-6);
        }
        x[0] = gsl_vector_get(mz->x, 0);
        x[1] = gsl_vector_get(mz->x, 1);
        ok = status == GSL_SUCCESS;
    }
    *converged = ok;
    gsl_multimin_fminimizer_free(mz);
    gsl_vector_free(v);
    gsl_vector_free(step);
    return ENG_OK;
}

/* Variance of the log of the mean at x: g' I^-1 g with I the observed information, minus the
 * Hessian of the log-likelihood by central differences of step 1e-3 in the log-parameters (small
 * against their standard errors, large enough that rounding in a sum of a million terms stays
 * negligible). NaN when I is not positive definite. */
static double logmean_variance(const problem *p, const double *x)
{
    const double h = 1e-3;
    double f[3][3];   /* f[i][j]: log-likelihood at x + ((i - 1) h, (j - 1) h) */
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double y[2] = {x[0] + (i - 1) * h, x[1] + (j - 1) * h};
            f[i][j] = loglik_at(p, y);
        }
    double i00 = -(f[2][1] - 2 * f[1][1] + f[0][1]) / (h * h);
    double i11 = -(f[1][2] - 2 * f[1][1] + f[1][0]) / (h * h);
    double i01 = -(f[2][2] - f[2][0] - f[0][2] + f[0][0]) / (4 * h * h);
    double det = i00 * i11 - i01 * i01;
    if (!(i00 > 0 && det > 0 && isfinite(det)))
        return NAN;
    double g[2];
    p->spec->logmean_grad(x, g);
    /* I^-1 = [i11 -i01; -i01 i00] / det. */
    return (g[0] * g[0] * i11 - 2 * g[0] * g[1] * i01 + g[1] * g[1] * i00) / det;
}

/* ---- The fits -------------------------------------------------------------------------------- */

static const char *const family_names[ENG_SURVIVAL_NFAMILIES] = { "exponential", "gamma",
                                                                  "lognormal", "weibull" };

const char *eng_survival_family_name(eng_survival_family f)
{
    return (unsigned)f < ENG_SURVIVAL_NFAMILIES ? family_names[f] : NULL;
}

static void fit_reset(eng_survival_fit *f, eng_survival_family family)
{
    *f = (eng_survival_fit){ .family = family,
                             .ok = 0,
                             .nparams = family == ENG_SURVIVAL_EXPONENTIAL ? 1 : 2,
                             .p1 = NAN,
                             .p2 = NAN,
                             .native1 = NAN,
                             .native2 = NAN,
                             .mean = NAN,
                             .mean_lower95 = NAN,
                             .mean_upper95 = NAN,
                             .sd = NAN,
                             .loglik = NAN,
                             .aic = NAN,
                             .delta_aic = NAN,
                             .rank = 0 };
}

static void fit_exponential(const fit_data *fd, eng_survival_fit *f)
{
    double rate = fd->events / fd->total, mean = 1 / rate, half = ENG_STATS_Z95 / sqrt(fd->events);
    f->ok = 1;
    f->p1 = f->mean = f->sd = mean;
    f->native1 = rate;
    f->mean_lower95 = mean * exp(-half);
    f->mean_upper95 = mean * exp(half);
    f->loglik = fd->events * log(rate) - rate * fd->total;
}

/* Fills the parameters, mean and sd of f from the optimum x. */
static void set_parameters(eng_survival_fit *f, const double *x)
{
    switch (f->family) {
    case ENG_SURVIVAL_GAMMA: {
        double k = exp(x[0]), mean = exp(x[1]);
        f->native1 = k;
        f->native2 = mean / k;
        f->p1 = f->mean = mean;
        f->p2 = f->sd = mean / sqrt(k);
        break;
    }
    case ENG_SURVIVAL_LOGNORMAL: {
        double mu = x[0], sigma = exp(x[1]), mean = exp(mu + sigma * sigma / 2);
        f->native1 = mu;
        f->native2 = sigma;
        f->p1 = f->mean = mean;
        f->p2 = f->sd = mean * sqrt(expm1(sigma * sigma));
        break;
    }
    default: {   /* weibull: cv^2 = Gamma(1 + 2/k) / Gamma(1 + 1/k)^2 - 1 */
        double k = exp(x[0]), lambda = exp(x[1]), lg1 = gsl_sf_lngamma(1 + 1 / k);
        f->native1 = f->p1 = k;
        f->native2 = f->p2 = lambda;
        f->mean = lambda * exp(lg1);
        f->sd = f->mean * sqrt(expm1(gsl_sf_lngamma(1 + 2 / k) - 2 * lg1));
        break;
    }
    }
}

/* Fits one two-parameter family from the start x0 (clamped into the box). A fit that fails leaves
 * f not ok; only running out of memory is an error. */
static int fit_two(const fit_data *fd, const family_spec *spec, const double *x0,
                   eng_survival_fit *f, eng_error *err)
{
    if (fd->nevtimes < 2)
        return ENG_OK;
    problem p = {fd, spec};
    double x[2];
    for (int i = 0; i < 2; i++)
        x[i] = fmin(fmax(x0[i], spec->lo[i] + 0.5), spec->hi[i] - 0.5);
    int converged, status = maximise(&p, x, &converged, err);
    if (status != ENG_OK || !converged)
        return status;
    /* An optimum on the edge of the box means the likelihood wanted to go further: degenerate data
     * (equal durations, a single event time) rather than a usable distribution. */
    for (int i = 0; i < 2; i++)
        if (x[i] < spec->lo[i] + 1e-2 || x[i] > spec->hi[i] - 1e-2)
            return ENG_OK;
    double ll = loglik_at(&p, x);
    eng_survival_fit fitted = *f;
    set_parameters(&fitted, x);
    if (!isfinite(ll) || !isfinite(fitted.mean) || !isfinite(fitted.sd))
        return ENG_OK;
    *f = fitted;
    f->ok = 1;
    f->loglik = ll;
    double half = ENG_STATS_Z95 * sqrt(logmean_variance(&p, x));
    f->mean_lower95 = f->mean * exp(-half);
    f->mean_upper95 = f->mean * exp(half);
    return ENG_OK;
}

/* Weibull start: least squares of log(-log S) on log t over the Kaplan–Meier curve of fd, a line
 * of slope k and intercept -k log lambda for a Weibull; the exponential (k = 1, lambda = total
 * time / events) when fewer than two points or a non-positive slope make that unusable. */
static void weibull_start(const fit_data *fd, double *x)
{
    double at_risk = 0, surv = 1, sx = 0, sy = 0, sxx = 0, sxy = 0, np = 0;
    for (size_t j = 0; j < fd->m; j++)
        at_risk += fd->n[j];
    for (size_t j = 0; j < fd->m; j++) {
        surv *= 1 - fd->d[j] / at_risk;
        at_risk -= fd->n[j];
        if (fd->d[j] > 0 && surv > 0 && surv < 1) {
            double u = fd->logt[j], w = log(-log(surv));
            sx += u;
            sy += w;
            sxx += u * u;
            sxy += u * w;
            np++;
        }
    }
    x[0] = 0;
    x[1] = log(fd->total / fd->events);
    if (np < 2)
        return;
    double var = sxx - sx * sx / np, slope = (sxy - sx * sy / np) / var;
    if (var > 0 && slope > 0 && isfinite(slope)) {
        x[0] = log(slope);
        x[1] = (sx - sy / slope) / np;
    }
}

/* Start of the gamma or the lognormal fit: the member of the family with the given mean and
 * coefficient of variation. */
static void moment_start(eng_survival_family family, double mean, double cv, double *x)
{
    if (family == ENG_SURVIVAL_GAMMA) {
        x[0] = -2 * log(cv);           /* shape 1 / cv^2 */
        x[1] = log(mean);
    } else {
        double s2 = log1p(cv * cv);    /* sigma^2 */
        x[0] = log(mean) - s2 / 2;
        x[1] = 0.5 * log(s2);
    }
}

/* Ranks the ok fits by AIC (ties: fewer parameters, then enum order) and returns the best. The
 * exponential is always ok once eng_survival_fit_all gets here, so there is a best. */
static eng_survival_family rank_fits(eng_survival_fit *fits)
{
    int order[ENG_SURVIVAL_NFAMILIES] = { ENG_SURVIVAL_EXPONENTIAL }, nok = 0;
    for (int f = 0; f < ENG_SURVIVAL_NFAMILIES; f++) {
        if (!fits[f].ok)
            continue;
        fits[f].aic = 2.0 * fits[f].nparams - 2 * fits[f].loglik;
        int i = nok++;
        while (i > 0 && (fits[order[i - 1]].aic > fits[f].aic
                         || (fits[order[i - 1]].aic == fits[f].aic
                             && fits[order[i - 1]].nparams > fits[f].nparams))) {
            order[i] = order[i - 1];
            i--;
        }
        order[i] = f;
    }
    for (int i = 0; i < nok; i++) {
        fits[order[i]].rank = i + 1;
        fits[order[i]].delta_aic = fits[order[i]].aic - fits[order[0]].aic;
    }
    return (eng_survival_family)order[0];
}

int eng_survival_fit_all(const eng_survival *s, eng_survival_fit fits[ENG_SURVIVAL_NFAMILIES],
                         eng_survival_family *chosen, eng_error *err)
{
    for (int f = 0; f < ENG_SURVIVAL_NFAMILIES; f++)
        fit_reset(&fits[f], (eng_survival_family)f);
    if (s->nevents == 0)
        return eng_error_set(err, ENG_EINPUT, "aucun épisode terminé (les %zu durées sont censurées) : "
                            "ajuster une loi de durée demande au moins un épisode terminé", s->n);
    if (s->time[s->m - 1] == 0)
        return eng_error_set(err, ENG_EINPUT, "les %zu durées sont nulles : aucune loi de durée ne "
                            "peut être ajustée", s->n);
    fit_data fd;
    int status = fit_data_init(&fd, s, err);
    if (status != ENG_OK)
        return status;
    fit_exponential(&fd, &fits[ENG_SURVIVAL_EXPONENTIAL]);

    double x[2];
    weibull_start(&fd, x);
    status = fit_two(&fd, &spec_weibull, x, &fits[ENG_SURVIVAL_WEIBULL], err);
    /* The gamma and the lognormal start from the Weibull's mean and spread when there is one, a
     * close enough shape for the simplex to finish; otherwise from the exponential. */
    double mean = fits[ENG_SURVIVAL_EXPONENTIAL].mean, cv = 1;
    if (fits[ENG_SURVIVAL_WEIBULL].ok) {
        mean = fits[ENG_SURVIVAL_WEIBULL].mean;
        cv = fits[ENG_SURVIVAL_WEIBULL].sd / mean;
    }
    if (status == ENG_OK) {
        moment_start(ENG_SURVIVAL_GAMMA, mean, cv, x);
        status = fit_two(&fd, &spec_gamma, x, &fits[ENG_SURVIVAL_GAMMA], err);
    }
    if (status == ENG_OK) {
        moment_start(ENG_SURVIVAL_LOGNORMAL, mean, cv, x);
        status = fit_two(&fd, &spec_lognormal, x, &fits[ENG_SURVIVAL_LOGNORMAL], err);
    }
    fit_data_free(&fd);
    if (status != ENG_OK)
        return status;
    eng_survival_family best = rank_fits(fits);
    if (chosen)
        *chosen = best;
    return ENG_OK;
}

/* ---- Text ------------------------------------------------------------------------------------ */

/* x rounded to 4 significant digits, in its shortest round-trip text. */
static void put_rounded(char *buf, size_t size, double x)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%.4g", x);
    eng_text_format_double(buf, size, strtod(tmp, NULL));
}

int eng_survival_fit_format(const eng_survival_fit *f, char *buf, size_t size)
{
    if (size > 0)
        buf[0] = '\0';
    if (!f->ok || (unsigned)f->family >= ENG_SURVIVAL_NFAMILIES)
        return -1;
    char a[32], b[32];
    put_rounded(a, sizeof a, f->p1);
    switch (f->family) {
    case ENG_SURVIVAL_EXPONENTIAL:
        return snprintf(buf, size, "exponential(mean=%s)", a);
    case ENG_SURVIVAL_WEIBULL:
        put_rounded(b, sizeof b, f->p2);
        return snprintf(buf, size, "weibull(shape=%s, scale=%s)", a, b);
    default:
        put_rounded(b, sizeof b, f->p2);
        return snprintf(buf, size, "%s(mean=%s, sd=%s)", family_names[f->family], a, b);
    }
}

int eng_survival_fit_to_dist(const eng_survival_fit *f, eng_dist *d, eng_error *err)
{
    char text[128];
    if (eng_survival_fit_format(f, text, sizeof text) < 0) {
        *d = (eng_dist){.kind = ENG_DIST_NONE};
        return eng_error_set(err, ENG_EINPUT, "l'ajustement %s a échoué : aucune loi à écrire",
                             eng_survival_family_name(f->family)
                                 ? eng_survival_family_name(f->family)
                                 : eng_msg_tr("demandé"));
    }
    return eng_dist_parse(text, d, err);
}
