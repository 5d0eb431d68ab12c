/* ea_uncertainty.c — Reading the [uncertainty] section (each law checked against its key's
 * domain), the quantiles of the laws, the Latin hypercube and a parameter point set in a scenario. */
#include "ea_uncertainty.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_stats.h"
#include "../engine/eng_stream.h"
#include "../engine/eng_text.h"
#include "ea_simulate.h"

#define SEC EA_UNCERTAINTY_SECTION

/* Parses the numbers of `name(x, y[, z])` into v; returns how many, or -1 when not of that form. */
static int parse_call(const char *text, const char *name, double *v, int max)
{
    size_t n = strlen(name);
    if (strncmp(text, name, n) != 0)
        return -1;
    const char *s = text + n;
    while (*s == ' ')
        s++;
    const char *close = strrchr(s, ')');
    if (*s != '(' || !close || close[1] != '\0')
        return -1;
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s", (int)(close - s - 1), s + 1);
    int count = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (count == max || eng_text_parse_double(eng_text_trim(tok), &v[count]))
            return -1;
        count++;
    }
    return count;
}

/* Reads BAS:HAUT into v; 0 when it is of that form. */
static int parse_interval(const char *text, double *v)
{
    char lo[64], hi[64];
    const char *colon = strchr(text, ':');
    if (!colon || (size_t)(colon - text) >= sizeof lo || strlen(colon + 1) >= sizeof hi)
        return -1;
    snprintf(lo, sizeof lo, "%.*s", (int)(colon - text), text);
    snprintf(hi, sizeof hi, "%s", colon + 1);
    return eng_text_parse_double(eng_text_trim(lo), &v[0]) || eng_text_parse_double(eng_text_trim(hi), &v[1])
               ? -1 : 0;
}

/* Reads the law's text into p (law and numbers); ENG_EINPUT with the fix when it is none. */
static int parse_law(const char *text, ea_uncertainty_param *p, const char *path, const char *key,
                     eng_error *err)
{
    static const struct {
        const char *name;
        int nargs;
        ea_uncertainty_law law;
    } laws[] = { { "uniform", 2, EA_LAW_UNIFORM }, { "triangular", 3, EA_LAW_TRIANGULAR },
                 { "normal", 2, EA_LAW_NORMAL } };
    double v[4] = { 0 };
    for (size_t i = 0; i < sizeof laws / sizeof *laws; i++) {
        if (strncmp(text, laws[i].name, strlen(laws[i].name)) != 0)
            continue;
        if (parse_call(text, laws[i].name, v, 4) != laws[i].nargs)
            return ea_schema_error(err, path, p->line, SEC, key, "« %s » : attendu uniform(BAS, HAUT), "
                                   "triangular(BAS, MODE, HAUT) ou normal(MOYENNE, ÉCART-TYPE), des "
                                   "nombres avec un point décimal séparés par des virgules", text);
        p->law = laws[i].law;
        p->a = v[0];
        p->b = v[1];
        p->c = v[2];
        return ENG_OK;
    }
    if (parse_interval(text, v) != 0)
        return ea_schema_error(err, path, p->line, SEC, key, "loi « %s » inconnue ; écrivez "
                               "uniform(BAS, HAUT), triangular(BAS, MODE, HAUT), normal(MOYENNE, "
                               "ÉCART-TYPE) ou BAS:HAUT, avec des points décimaux", text);
    p->law = EA_LAW_UNIFORM;
    p->a = v[0];
    p->b = v[1];
    return ENG_OK;
}

/* The law's own checks, then its support against the domain of the key. */
static int check_law(ea_uncertainty_param *p, const char *path, const char *key, eng_error *err)
{
    double dlo, dhi;
    int open;
    ea_param_domain(&p->param, &dlo, &dhi, &open);
    char a[32], b[32];
    /* Whole bounds without decimals: « de 0 (inclus) à 1 ». */
    eng_text_format_number(a, sizeof a, dlo, dlo == floor(dlo) ? 0 : 2);
    eng_text_format_number(b, sizeof b, dhi, dhi == floor(dhi) ? 0 : 2);
    const char *bound = open ? eng_msg_tr("exclu") : eng_msg_tr("inclus");
    if (p->law == EA_LAW_NORMAL) {
        if (!(p->b > 0))
            return ea_schema_error(err, path, p->line, SEC, key, "l'écart-type de normal(MOYENNE, "
                                   "ÉCART-TYPE) doit être positif ; donnez un écart-type > 0");
        if (!ea_param_in_domain(&p->param, p->a))
            return ea_schema_error(err, path, p->line, SEC, key, "la moyenne sort du domaine de la "
                                   "clé, de %s (%s) à %s ; donnez une moyenne dans ce domaine", a, bound, b);
        p->lo = dlo;
        p->hi = dhi;
        p->lo_open = open;
        return ENG_OK;
    }
    double lo = p->a, hi = p->law == EA_LAW_UNIFORM ? p->b : p->c;
    if (!(lo < hi))
        return ea_schema_error(err, path, p->line, SEC, key, "la borne basse doit être sous la haute ; "
                               "écrivez BAS < HAUT");
    if (p->law == EA_LAW_TRIANGULAR && !(p->b >= lo && p->b <= hi))
        return ea_schema_error(err, path, p->line, SEC, key, "le mode doit être entre les bornes ; "
                               "écrivez triangular(BAS, MODE, HAUT) avec BAS <= MODE <= HAUT");
    if ((!ea_param_in_domain(&p->param, lo) || !ea_param_in_domain(&p->param, hi)) &&
        p->param.part == EA_PARAM_SHARE)
        return ea_schema_error(err, path, p->line, SEC, key, "une part est une probabilité : la loi "
                               "doit rester de 0 à 1 ; donnez des bornes dans [0, 1]");
    if (!ea_param_in_domain(&p->param, lo) || !ea_param_in_domain(&p->param, hi))
        return ea_schema_error(err, path, p->line, SEC, key, "la loi sort du domaine de la clé, de %s "
                               "(%s) à %s ; donnez des bornes dans ce domaine", a, bound, b);
    p->lo = lo;
    p->hi = hi;
    return ENG_OK;
}

/* A likely spelling of a name that is no parameter: its last part replaced by the closest key of
 * the schema, when that makes a parameter. Returns 1 with it in buf, else 0. */
static int suggest(const char *name, char *buf, size_t size)
{
    const char *dot = strrchr(name, '.');
    const char **cands = malloc((size_t)ea_schema_nkeys * sizeof *cands);
    if (!dot || !cands) {
        free(cands);
        return 0;
    }
    for (int i = 0; i < ea_schema_nkeys; i++)
        cands[i] = ea_schema_keys[i].key;
    const char *near = ea_schema_closest(dot + 1, cands, ea_schema_nkeys);
    free(cands);
    ea_param p;
    eng_error err;
    if (!near || strcmp(near, dot + 1) == 0)
        return 0;
    snprintf(buf, size, "%.*s.%s", (int)(dot - name), name, near);
    return ea_param_parse(buf, &p, &err) == ENG_OK;
}

int ea_uncertainty_read(const eng_ini *ini, const char *path, ea_uncertainty *u, eng_error *err)
{
    memset(u, 0, sizeof *u);
    int nkeys = eng_ini_nkeys(ini, SEC);
    if (nkeys > EA_UNCERTAINTY_MAX)
        return ea_schema_error(err, path, eng_ini_section_line(ini, SEC), SEC, NULL, "au plus %d "
                               "paramètres incertains ; gardez ceux qui comptent", EA_UNCERTAINTY_MAX);
    for (int i = 0; i < nkeys; i++) {
        const char *key = eng_ini_key(ini, SEC, i);
        ea_uncertainty_param *p = &u->p[u->n];
        memset(p, 0, sizeof *p);
        p->line = eng_ini_line(ini, SEC, key);
        eng_error perr;
        char near[256];
        if (ea_param_parse(key, &p->param, &perr) != ENG_OK)
            return suggest(key, near, sizeof near)
                       ? ea_schema_error(err, path, p->line, SEC, key, "clé inconnue (vouliez-vous "
                                         "dire « %s » ?)", near)
                       : ea_schema_error(err, path, p->line, SEC, key, "%s", perr.msg);
        char text[256];
        snprintf(text, sizeof text, "%s", eng_ini_get(ini, SEC, key));
        int status = parse_law(eng_text_trim(text), p, path, key, err);
        if (status == ENG_OK)
            status = check_law(p, path, key, err);
        if (status != ENG_OK)
            return status;
        u->n++;
    }
    return ENG_OK;
}

int ea_uncertainty_check(const ea_uncertainty *u, const ea_scenario *sc, const char *path,
                         eng_error *err)
{
    for (int i = 0; i < u->n; i++) {
        double v;
        eng_error perr;
        if (ea_param_get(&u->p[i].param, sc, &v, NULL, &perr) != ENG_OK)
            return ea_schema_error(err, path, u->p[i].line, SEC, u->p[i].param.name, "%s", perr.msg);
    }
    return ENG_OK;
}

double ea_uncertainty_quantile(const ea_uncertainty_param *p, double q)
{
    q = q < 1e-12 ? 1e-12 : q > 1 - 1e-12 ? 1 - 1e-12 : q;
    double x;
    if (p->law == EA_LAW_UNIFORM) {
        x = p->a + q * (p->b - p->a);
    } else if (p->law == EA_LAW_TRIANGULAR) {
        double lo = p->a, m = p->b, hi = p->c, fm = (m - lo) / (hi - lo);
        x = q < fm ? lo + sqrt(q * (hi - lo) * (m - lo)) : hi - sqrt((1 - q) * (hi - lo) * (hi - m));
    } else {
        double pa = gsl_cdf_gaussian_P(p->lo - p->a, p->b), pb = gsl_cdf_gaussian_P(p->hi - p->a, p->b);
        x = p->a + gsl_cdf_gaussian_Pinv(pa + q * (pb - pa), p->b);
        if (!isfinite(x))
            x = q < 0.5 ? p->lo : p->hi;
    }
    /* Rounding may put an end a hair outside; an open bound is left by the smallest step. */
    x = x < p->lo ? p->lo : x > p->hi ? p->hi : x;
    if (p->lo_open && x <= p->lo)
        x = nextafter(p->lo, INFINITY);
    if (!ea_param_in_domain(&p->param, x))
        x = p->law == EA_LAW_NORMAL ? p->a : x;
    return x;
}

const char *ea_uncertainty_law_text(const ea_uncertainty_param *p, char *buf, size_t size)
{
    if (p->law == EA_LAW_UNIFORM)
        snprintf(buf, size, "uniform(%g, %g)", p->a, p->b);
    else if (p->law == EA_LAW_TRIANGULAR)
        snprintf(buf, size, "triangular(%g, %g, %g)", p->a, p->b, p->c);
    else
        snprintf(buf, size, "normal(%g, %g)", p->a, p->b);
    return buf;
}

int ea_uncertainty_interval_law(double x, double lo95, double hi95, char *buf, size_t size)
{
    if (!isfinite(x) || !isfinite(lo95) || !isfinite(hi95) || !(lo95 < hi95) || x < lo95 || x > hi95)
        return 0;
    double sd = (hi95 - lo95) / (2 * ENG_STATS_Z95);
    snprintf(buf, size, "normal(%.6g, %.6g)", x, sd);
    return 1;
}

/* A stream of its own for each (seed, a, b): the mixing of splitmix64, so that nearby seeds give
 * unrelated streams. */
static unsigned long stream_seed(unsigned long seed, unsigned long a, unsigned long b)
{
    uint64_t z = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + a * 0xBF58476D1CE4E5B9ULL +
                 b * 0x94D049BB133111EBULL + 0x2545F4914F6CDD1DULL;
    return (unsigned long)(eng_stream_mix(z) & 0xffffffffUL);
}

void ea_uncertainty_lhs_row(int n, int k, unsigned long seed, int i, double *q)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int *perm = malloc((size_t)n * sizeof *perm);
    for (int d = 0; d < k; d++) {
        int stratum = i;
        if (perm && r) {
            for (int j = 0; j < n; j++)
                perm[j] = j;
            gsl_rng_set(r, stream_seed(seed, 1, (unsigned long)d));
            gsl_ran_shuffle(r, perm, (size_t)n, sizeof *perm);
            stratum = perm[i];
        }
        double jitter = 0.5;
        if (r) {
            gsl_rng_set(r, stream_seed(seed, 2 + (unsigned long)d, (unsigned long)i));
            jitter = gsl_rng_uniform(r);
        }
        q[d] = (stratum + jitter) / n;
    }
    free(perm);
    gsl_rng_free(r);
}

int ea_uncertainty_apply(const ea_uncertainty *u, const double *q, eng_ini *ini, long replications,
                         long seed, ea_scenario *sc, int *outside, eng_error *err)
{
    ea_param params[EA_UNCERTAINTY_MAX];
    double x[EA_UNCERTAINTY_MAX];
    for (int k = 0; k < u->n; k++) {
        params[k] = u->p[k].param;
        x[k] = ea_uncertainty_quantile(&u->p[k], q[k]);
        if (params[k].integer)
            x[k] = round(x[k]);
        /* Counted, not trusted: the quantiles keep every value inside, and the tests read this. */
        if (outside)
            *outside += !ea_param_in_domain(&params[k], x[k]);
    }
    int status = ea_param_apply(params, u->n, x, ini, sc, err);
    if (status == ENG_OK)
        ea_scenario_set_run(sc, replications, seed);
    return status;
}

int ea_uncertainty_run_point(const ea_uncertainty *u, const double *q, eng_ini *ini,
                             long replications, long seed, int threads, int *outside,
                             ea_results **out, eng_error *err)
{
    ea_scenario sc;
    *out = NULL;
    int status = ea_uncertainty_apply(u, q, ini, replications, seed, &sc, outside, err);
    if (status != ENG_OK)
        return status;
    ea_simulate_options so = { .threads = threads, .annual_only = 1 };
    status = ea_simulate_run(&sc, &so, out, err);
    ea_scenario_clear(&sc);
    return status;
}

int ea_uncertainty_validate(const char *path, eng_error *err)
{
    eng_ini *ini = eng_ini_load(path, err);
    if (!ini)
        return ENG_EINPUT;
    ea_uncertainty u;
    ea_scenario sc;
    int status = ea_uncertainty_read(ini, path, &u, err);
    if (status == ENG_OK && u.n > 0 && (status = ea_scenario_from_ini(ini, &sc, err)) == ENG_OK) {
        status = ea_uncertainty_check(&u, &sc, path, err);
        ea_scenario_clear(&sc);
    }
    eng_ini_free(ini);
    return status;
}

int ea_uncertainty_load(const char *path, long replications, long seed, eng_ini **ini,
                        ea_uncertainty *u, long *reps_out, unsigned long *seed_out, eng_error *err)
{
    memset(u, 0, sizeof *u);
    if (!(*ini = eng_ini_load(path, err)))
        return ENG_EINPUT;
    ea_scenario sc;
    int status = ea_scenario_from_ini(*ini, &sc, err);
    if (status != ENG_OK)
        return status;
    ea_scenario_set_run(&sc, replications, seed);
    *reps_out = sc.replications;
    *seed_out = sc.seed;
    status = ea_uncertainty_read(*ini, path, u, err);
    if (status == ENG_OK)
        status = ea_uncertainty_check(u, &sc, path, err);
    ea_scenario_clear(&sc);
    if (status == ENG_OK && u->n == 0)
        return eng_error_set(err, ENG_EINPUT, "%s : pas de section [uncertainty] ; ajoutez-en une, une "
                             "ligne par paramètre incertain, par exemple defaults.entries_per_month = "
                             "uniform(2, 6) (voir le README, « Incertitude et sensibilité »)", path);
    return status;
}
