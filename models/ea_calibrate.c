/* ea_calibrate.c — The free parameters, one evaluation of the objective, the bounded simplex
 * search and the run at the estimate with its goodness of fit and back-test. */
#include "ea_calibrate.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_calibrate_interval.h"
#include "ea_simulate.h"

const char *ea_calibrate_phase_name(ea_calibrate_phase phase)
{
    static const char *const names[] = { "search", "hessian", "estimate" };
    return names[phase];
}

int ea_calibrate_free_parse(const char *spec, ea_calibrate_free *f, eng_error *err)
{
    memset(f, 0, sizeof *f);
    const char *eq = strchr(spec, '=');
    char name[192], lo[64], hi[64];
    const char *colon = eq ? strchr(eq + 1, ':') : NULL;
    if (!eq || eq == spec || !colon || (size_t)(eq - spec) >= sizeof name ||
        (size_t)(colon - eq - 1) >= sizeof lo || strlen(colon + 1) >= sizeof hi)
        return eng_error_set(err, ENG_EINPUT, "--free %s : attendu CLÉ=BAS:HAUT, par exemple "
                             "defaults.entries_per_month=1:6", spec);
    snprintf(name, sizeof name, "%.*s", (int)(eq - spec), spec);
    snprintf(lo, sizeof lo, "%.*s", (int)(colon - eq - 1), eq + 1);
    snprintf(hi, sizeof hi, "%s", colon + 1);
    int status = ea_param_parse(name, &f->param, err);
    if (status != ENG_OK) {
        eng_error_prefix(err, "--free : ");
        return status;
    }
    if (eng_text_parse_double(eng_text_trim(lo), &f->lo) || eng_text_parse_double(eng_text_trim(hi), &f->hi))
        return eng_error_set(err, ENG_EINPUT, "--free %s : les bornes « %s » et « %s » doivent être des "
                             "nombres écrits avec un point décimal", spec, lo, hi);
    if (!(f->lo < f->hi))
        return eng_error_set(err, ENG_EINPUT, "--free %s : la borne basse doit être sous la haute ; "
                             "écrivez BAS:HAUT avec BAS < HAUT", spec);
    double dlo, dhi;
    int open;
    ea_param_domain(&f->param, &dlo, &dhi, &open);
    if (!ea_param_in_domain(&f->param, f->lo) || !ea_param_in_domain(&f->param, f->hi)) {
        char a[32], b[32];
        eng_text_format_number(a, sizeof a, dlo, 2);
        eng_text_format_number(b, sizeof b, dhi, 2);
        return eng_error_set(err, ENG_EINPUT, "--free %s : les bornes sortent du domaine de la clé, de %s "
                             "(%s) à %s ; donnez des bornes dans ce domaine", spec, a,
                             open ? eng_msg_tr("exclu") : eng_msg_tr("inclus"), b);
    }
    return ENG_OK;
}

void ea_calibrate_clear(ea_calibrate *c)
{
    if (!c)
        return;
    ea_calibrate_obs_clear(&c->obs);
    free(c->trace);
    ea_results_free(c->final);
    eng_ini_free(c->ini);
    memset(c, 0, sizeof *c);
}

/* Records an evaluation in the trace. */
static int record(ea_calibrate *c, const double *x, ea_calibrate_phase phase, double objective,
                  eng_error *err)
{
    if (eng_array_reserve_int(&c->trace, &c->cap, c->ntrace + 1, sizeof *c->trace, 64) != 0)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    ea_calibrate_step *s = &c->trace[c->ntrace++];
    memset(s, 0, sizeof *s);
    s->phase = phase;
    s->objective = objective;
    memcpy(s->x, x, (size_t)c->nfree * sizeof *x);
    if (c->progress)
        c->progress(c->ntrace, objective, c->progress_data);
    return ENG_OK;
}

int ea_calibrate_months_needed(const ea_calibrate_obs *obs, int start, int months)
{
    int last = -1;
    for (int r = 0; r < obs->n; r++) {
        const ea_calibrate_obs_row *row = &obs->rows[r];
        /* A year row needs its December; a dated row its month. */
        int m = row->annual ? row->period * 12 + 11 : row->period;
        if (!row->held_out && m >= start && m < start + months && m > last)
            last = m;
    }
    return last < 0 ? months : last - start + 1;
}

int ea_calibrate_evaluate(ea_calibrate *c, const double *x, ea_calibrate_phase phase,
                          ea_results **keep, double *objective, eng_error *err)
{
    ea_param params[EA_CALIBRATE_MAX_FREE];
    double v[EA_CALIBRATE_MAX_FREE];
    int annual_only = 1;
    for (int k = 0; k < c->nfree; k++) {
        const ea_calibrate_free *f = &c->free[k];
        params[k] = f->param;
        v[k] = f->param.integer ? round(x[k]) : x[k];
        /* Counted, not trusted: the transform keeps every value inside, and the test reads this. */
        c->outside += !(x[k] >= f->lo && x[k] <= f->hi && ea_param_in_domain(&f->param, x[k]));
    }
    for (int r = 0; r < c->obs.n; r++)
        annual_only &= c->obs.rows[r].annual;
    ea_scenario sc;
    ea_results *res = NULL;
    int status = ea_param_apply(params, c->nfree, v, c->ini, &sc, err);
    if (status == ENG_OK) {
        ea_scenario_set_run(&sc, (long)c->replications, (long)c->seed);
        /* The objective reads no month after the last used row, and later months cannot change
         * earlier ones: the search and the Hessian stop there; the run at the estimate goes on to
         * the scenario's end for the back-test and the charts. */
        if (phase != EA_CALIBRATE_ESTIMATE)
            sc.months = ea_calibrate_months_needed(&c->obs, sc.start, sc.months);
        ea_simulate_options so = { .threads = (int)c->threads, .annual_only = annual_only };
        status = ea_simulate_run(&sc, &so, &res, err);
        ea_scenario_clear(&sc);
    }
    *objective = INFINITY;
    if (status == ENG_OK) {
        ea_calibrate_obs_match(&c->obs, res);
        *objective = ea_calibrate_obs_deviance(&c->obs, c->replications, NULL, NULL);
    }
    int rs = record(c, x, phase, *objective, err);
    if (status == ENG_OK && keep)
        *keep = res;
    else
        ea_results_free(res);
    return status != ENG_OK ? status : rs;
}

/* The search works on u = logit((x - LO) / (HI - LO)): every u gives an x strictly inside. */
static double to_x(const ea_calibrate_free *f, double u)
{
    double p = 1 / (1 + exp(-u));
    double x = f->lo + (f->hi - f->lo) * p;
    return x < f->lo ? f->lo : x > f->hi ? f->hi : x;
}

static double to_u(const ea_calibrate_free *f, double x)
{
    double p = (x - f->lo) / (f->hi - f->lo);
    p = p < 1e-6 ? 1e-6 : p > 1 - 1e-6 ? 1 - 1e-6 : p;
    return log(p / (1 - p));
}

typedef struct search {
    ea_calibrate *c;
    int status;
    eng_error *err;
} search;

static double search_f(const gsl_vector *u, void *data)
{
    search *s = data;
    if (s->status != ENG_OK)
        return INFINITY;
    double x[EA_CALIBRATE_MAX_FREE], obj;
    for (int k = 0; k < s->c->nfree; k++)
        x[k] = to_x(&s->c->free[k], gsl_vector_get(u, (size_t)k));
    s->status = ea_calibrate_evaluate(s->c, x, EA_CALIBRATE_SEARCH, NULL, &obj, s->err);
    s->c->search_evaluations++;
    return obj;
}

/* Nelder-Mead from the start, steps of 1 in u (a quarter of the range about the middle). */
static int run_search(ea_calibrate *c, double *best, eng_error *err)
{
    size_t n = (size_t)c->nfree;
    search s = { .c = c, .status = ENG_OK, .err = err };
    gsl_multimin_function fn = { .n = n, .f = search_f, .params = &s };
    gsl_vector *u = gsl_vector_alloc(n), *step = gsl_vector_alloc(n);
    gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, n);
    if (!u || !step || !m) {
        gsl_vector_free(u);
        gsl_vector_free(step);
        gsl_multimin_fminimizer_free(m);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    for (size_t k = 0; k < n; k++) {
        gsl_vector_set(u, k, to_u(&c->free[k], c->free[k].start));
        gsl_vector_set(step, k, 1.0);
    }
    gsl_multimin_fminimizer_set(m, &fn, u, step);
    while (s.status == ENG_OK && c->search_evaluations < c->max_evaluations) {
        c->iterations++;
        if (gsl_multimin_fminimizer_iterate(m) != GSL_SUCCESS)
            break;
        c->size = gsl_multimin_fminimizer_size(m);
        if (c->size < c->tolerance) {
            c->converged = 1;
            break;
        }
    }
    for (size_t k = 0; k < n; k++)
        best[k] = to_x(&c->free[k], gsl_vector_get(gsl_multimin_fminimizer_x(m), k));
    gsl_vector_free(u);
    gsl_vector_free(step);
    gsl_multimin_fminimizer_free(m);
    return s.status;
}

/* The goodness of fit at the estimate: implausibilities, the band, the criterion, the back-test. */
static void fit_at_estimate(ea_calibrate *c)
{
    c->objective = ea_calibrate_obs_deviance(&c->obs, c->replications, &c->chi2, &c->nused);
    c->max_implausibility = 0;
    double ape = 0;
    int nape = 0;
    for (int k = 0; k < c->obs.n; k++) {
        const ea_calibrate_obs_row *r = &c->obs.rows[k];
        int band = r->observed >= r->p05 && r->observed <= r->p95;
        if (!r->matched) {
            c->nunmatched++;
        } else if (r->held_out) {
            c->nbacktest++;
            c->backtest_in_band += band;
            if (r->observed != 0) {
                ape += fabs(r->observed - r->mean) / fabs(r->observed);
                nape++;
            }
        } else {
            double i = fabs(r->observed - r->mean) / sqrt(ea_calibrate_obs_variance(r, c->replications));
            c->max_implausibility = fmax(c->max_implausibility, i);
            c->in_band += band;
        }
        c->nheld += r->held_out;
    }
    c->mape = nape ? 100 * ape / nape : NAN;
    c->criterion_met = c->nused > 0 && c->max_implausibility < EA_CALIBRATE_MAX_IMPLAUSIBILITY;
}

/* Loads the scenario, reads the observations and sets each parameter's start. */
static int setup(ea_calibrate *c, const char *path, const char *observed, const ea_calibrate_free *f,
                 int n, const ea_calibrate_options *opt, eng_error *err)
{
    if (n < 1 || n > EA_CALIBRATE_MAX_FREE)
        return eng_error_set(err, ENG_EINPUT, "calibrate : donnez de 1 à %d --free", EA_CALIBRATE_MAX_FREE);
    snprintf(c->scenario, sizeof c->scenario, "%s", path);
    snprintf(c->observed, sizeof c->observed, "%s", observed);
    snprintf(c->until, sizeof c->until, "%s", opt->until ? opt->until : "");
    c->nfree = n;
    memcpy(c->free, f, (size_t)n * sizeof *f);
    c->threads = opt->threads;
    c->progress = opt->progress;
    c->progress_data = opt->progress_data;
    c->max_evaluations = opt->max_evaluations > 0 ? opt->max_evaluations : EA_CALIBRATE_MAX_EVALUATIONS;
    c->tolerance = opt->tolerance > 0 ? opt->tolerance : EA_CALIBRATE_TOLERANCE;
    if (!(c->ini = eng_ini_load(path, err)))
        return ENG_EINPUT;
    ea_scenario sc;
    int status = ea_scenario_from_ini(c->ini, &sc, err);
    if (status != ENG_OK)
        return status;
    ea_scenario_set_run(&sc, opt->replications, opt->seed);
    c->replications = sc.replications;
    c->seed = sc.seed;
    for (int k = 0; k < n && status == ENG_OK; k++) {
        ea_calibrate_free *p = &c->free[k];
        status = ea_param_get(&p->param, &sc, &p->start, &p->start_spread, err);
        p->original = p->start;
        if (status == ENG_OK && !(p->start > p->lo && p->start < p->hi)) {
            p->start_moved = 1;
            p->start = (p->lo + p->hi) / 2;
        }
    }
    ea_scenario_clear(&sc);
    if (status == ENG_OK)
        status = ea_calibrate_obs_read(observed, opt->until, &c->obs, err);
    return status;
}

/* At least one observed row must fall inside the simulated period before --until. */
static int check_used(const ea_calibrate *c, eng_error *err)
{
    /* A row of a department the scenario does not have would be dropped as if out of its period:
     * a mistyped code, or "Région" for region, is said instead. */
    for (int k = 0; k < c->obs.n; k++)
        if (c->obs.rows[k].scope_unknown)
            return eng_error_set(err, ENG_EINPUT, "%s, colonne « department » : « %s » n'est ni un "
                                 "département du scénario ni region ; écrivez le code d'un "
                                 "département du scénario ou region pour l'ensemble", c->observed,
                                 c->obs.rows[k].scope);
    int nused = 0;
    ea_calibrate_obs_deviance(&c->obs, c->replications, NULL, &nused);
    if (nused > 0)
        return ENG_OK;
    return eng_error_set(err, ENG_EINPUT, "%s : aucune observation dans la période simulée%s ; donnez des "
                         "lignes (département ou region, date ou année, indicateur de la simulation) "
                         "dans cette période, ou changez start et months du scénario", c->observed,
                         c->until[0] ? eng_msg_tr(" avant --until") : "");
}

int ea_calibrate_compute(const char *path, const char *observed, const ea_calibrate_free *f, int n,
                         const ea_calibrate_options *opt, ea_calibrate *out, eng_error *err)
{
    ea_calibrate *c = out;
    memset(c, 0, sizeof *c);
    double best[EA_CALIBRATE_MAX_FREE], start[EA_CALIBRATE_MAX_FREE], obj;
    int status = setup(c, path, observed, f, n, opt, err);
    for (int k = 0; k < c->nfree; k++)
        start[k] = c->free[k].start;
    /* The start is evaluated first: a scenario that cannot run, or rows that do not match, are
     * told before the search. It counts as one of the search's evaluations, as the trace lists
     * it, so that summary.txt gives one count (Nelder-Mead evaluates the start again). */
    if (status == ENG_OK) {
        status = ea_calibrate_evaluate(c, start, EA_CALIBRATE_SEARCH, NULL, &obj, err);
        c->search_evaluations++;
    }
    if (status == ENG_OK)
        status = check_used(c, err);
    if (status == ENG_OK)
        status = run_search(c, best, err);
    for (int k = 0; status == ENG_OK && k < c->nfree; k++)
        c->free[k].estimate = c->free[k].param.integer ? round(best[k]) : best[k];
    if (status == ENG_OK)
        status = ea_calibrate_interval_compute(c, err);
    for (int k = 0; status == ENG_OK && k < c->nfree; k++)
        best[k] = c->free[k].estimate;
    if (status == ENG_OK)
        status = ea_calibrate_evaluate(c, best, EA_CALIBRATE_ESTIMATE, &c->final, &obj, err);
    if (status == ENG_OK)
        fit_at_estimate(c);
    if (status != ENG_OK)
        ea_calibrate_clear(c);
    return status;
}
