/* ea_results.c — Results of a run: the indicators of each replication stored side by side (one
 * contiguous write per replication), then summarised series by series in blocks (a block of series
 * is gathered across replications once, so that memory is read in order). */
#include "ea_results.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_runner.h"
#include "ea_model.h"
#include "ea_tables.h"

typedef struct period {
    char label[12];
    int k0, k1;          /* simulated months k0 .. k1-1 */
} period;

struct ea_results {
    int nscopes, ndept, months;
    char (*scope)[EA_MAX_NAME];
    double *fte;                     /* per scope */
    period *per[2];                  /* monthly, annual */
    int nper[2];
    ea_indicators set;
    size_t nreps;
    size_t nseries[2];               /* scopes x periods x indicators */
    double *values[2];               /* [rep * nseries + (scope * nper + period) * n + ind] */
    size_t nparts[2];                /* scopes x periods x 2 x the ratios of totals */
    double *parts[2];                /* [rep * nparts + (scope * nper + period) * 2 * nratios
                                        + 2 * ratio + (0: numerator, 1: denominator)] */
    eng_stats_summary *summary[2]; /* [(scope * nper + period) * n + ind] */
    unsigned long events;
};

void ea_results_free(ea_results *res)
{
    if (!res)
        return;
    free(res->scope);
    free(res->fte);
    free(res->per[0]);
    free(res->per[1]);
    free(res->values[0]);
    free(res->values[1]);
    free(res->parts[0]);
    free(res->parts[1]);
    free(res->summary[0]);
    free(res->summary[1]);
    free(res);
}

/* The scopes: each department with its funded staff, then the region with the staff of all. The
 * region's is unknown (NaN) when some departments give theirs and others do not: a sum of some
 * would read as the region's staff. */
static int alloc_scopes(ea_results *res, const ea_scenario *sc)
{
    res->scope = calloc((size_t)res->nscopes, sizeof *res->scope);
    res->fte = calloc((size_t)res->nscopes, sizeof *res->fte);
    if (!res->scope || !res->fte)
        return -1;
    double total_fte = 0;
    int given = 0;
    for (int d = 0; d < sc->ndepartments; d++) {
        total_fte += sc->departments[d].fte;
        given += sc->departments[d].fte > 0;
    }
    if (given > 0 && given < sc->ndepartments)
        total_fte = NAN;
    for (int s = 0; s < res->nscopes; s++) {
        int region = s == res->nscopes - 1;
        snprintf(res->scope[s], EA_MAX_NAME, "%s", region ? "region" : sc->departments[s].code);
        res->fte[s] = region ? total_fte : sc->departments[s].fte;
    }
    return 0;
}

/* The periods: every simulated month, and every calendar year the run touches (cut to the months
 * simulated). */
static int alloc_periods(ea_results *res, const ea_scenario *sc)
{
    int first_year = sc->start / 12, last_year = (sc->start + sc->months - 1) / 12;
    res->nper[EA_MONTHLY] = sc->months;
    res->nper[EA_ANNUAL] = last_year - first_year + 1;
    res->per[EA_MONTHLY] = calloc((size_t)sc->months, sizeof(period));
    res->per[EA_ANNUAL] = calloc((size_t)res->nper[EA_ANNUAL], sizeof(period));
    if (!res->per[EA_MONTHLY] || !res->per[EA_ANNUAL])
        return -1;
    for (int k = 0; k < sc->months; k++) {
        period *p = &res->per[EA_MONTHLY][k];
        eng_date_month_format(sc->start + k, p->label);
        p->k0 = k;
        p->k1 = k + 1;
    }
    for (int y = 0; y < res->nper[EA_ANNUAL]; y++) {
        period *p = &res->per[EA_ANNUAL][y];
        int year = first_year + y;
        snprintf(p->label, sizeof p->label, "%04d", year);
        int k0 = year * 12 - sc->start, k1 = (year + 1) * 12 - sc->start;
        p->k0 = k0 < 0 ? 0 : k0;
        p->k1 = k1 > sc->months ? sc->months : k1;
    }
    return 0;
}

/* The values of every replication, the parts of its ratios of totals, and the summaries, for
 * each table kept. */
static int alloc_values(ea_results *res, const ea_scenario *sc, int annual_only, eng_error *err)
{
    for (int t = 0; t < 2; t++) {
        size_t count = (size_t)res->nscopes * (size_t)res->nper[t] * (size_t)res->set.n;
        if (annual_only && t == EA_MONTHLY)
            count = 0;
        res->nseries[t] = count;
        if (count == 0)
            continue;
        res->nparts[t] = count / (size_t)res->set.n * 2 * (size_t)res->set.nratios;
        res->summary[t] = malloc(count * sizeof(eng_stats_summary));
        if (res->nreps > SIZE_MAX / sizeof(double) / (count + res->nparts[t]))
            return eng_error_set(err, ENG_EINPUT, "%s : %zu réplications ne tiennent pas en mémoire ; baissez -n",
                                 sc->path, res->nreps);
        res->values[t] = malloc(count * res->nreps * sizeof(double));
        res->parts[t] = malloc(res->nparts[t] * res->nreps * sizeof(double));
        if (!res->values[t] || (!res->parts[t] && res->nparts[t]) || !res->summary[t])
            return eng_error_set(err, ENG_EFAIL,
                                 "mémoire insuffisante pour garder %zu réplications de %zu valeurs "
                                 "d'indicateurs ; baissez les réplications ou les mois", res->nreps, count);
    }
    return ENG_OK;
}

ea_results *ea_results_alloc(const ea_scenario *sc, int annual_only, eng_error *err)
{
    ea_results *res = calloc(1, sizeof *res);
    if (!res) {
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return NULL;
    }
    res->ndept = sc->ndepartments;
    res->nscopes = sc->single_platform ? 1 : sc->ndepartments + 1;
    res->months = sc->months;
    res->nreps = (size_t)sc->replications;
    ea_indicators_init(&res->set, sc);
    if (alloc_scopes(res, sc) != 0 || alloc_periods(res, sc) != 0) {
        ea_results_free(res);
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return NULL;
    }
    if (alloc_values(res, sc, annual_only, err) != ENG_OK) {
        ea_results_free(res);
        return NULL;
    }
    return res;
}

void ea_results_store(ea_results *res, size_t rep, int scope, const double *raw)
{
    int n = res->set.n;
    for (int t = 0; t < 2; t++) {
        if (res->nseries[t] == 0)
            continue;
        size_t first = (size_t)scope * res->nper[t];   /* the scope's first period */
        double *v = res->values[t] + rep * res->nseries[t] + first * n;
        size_t np = 2 * (size_t)res->set.nratios;
        double *q = res->parts[t] + rep * res->nparts[t] + first * np;
        for (int i = 0; i < res->nper[t]; i++) {
            const period *p = &res->per[t][i];
            ea_indicators_compute(&res->set, raw, p->k0, p->k1, res->fte[scope], v + (size_t)i * n,
                                  q + (size_t)i * np);
        }
    }
}

enum { BLOCK = 64 };   /* series summarised together */

typedef struct sum_ctx {
    ea_results *res;
    int table;
    double **gather;       /* per thread: BLOCK x nreps values */
    double **work;         /* per thread: nreps values */
} sum_ctx;

/* The pooled mean of series s of a table when its indicator is a ratio of totals: the sum of the
 * numerators of all replications over the sum of their denominators, summed in replication order
 * so that the result does not depend on the threads. */
static void pool_mean(ea_results *res, int table, size_t s, eng_stats_summary *sm)
{
    int n = res->set.n, i = (int)(s % (size_t)n), k = res->set.ind[i].ratio;
    if (k < 0)
        return;
    size_t P = res->nparts[table], np = 2 * (size_t)res->set.nratios;
    const double *q = res->parts[table] + s / (size_t)n * np + 2 * (size_t)k;
    double num = 0, den = 0;
    for (size_t rep = 0; rep < res->nreps; rep++) {
        num += q[rep * P];
        den += q[rep * P + 1];
    }
    sm->mean = ea_indicators_pool(&res->set, i, num, den);
}

static void summarise_block(void *vctx, int thread, size_t block)
{
    sum_ctx *ctx = vctx;
    ea_results *res = ctx->res;
    size_t s0 = block * BLOCK, S = res->nseries[ctx->table], R = res->nreps;
    size_t nb = S - s0 < BLOCK ? S - s0 : BLOCK;
    double *g = ctx->gather[thread];
    const double *v = res->values[ctx->table];
    for (size_t rep = 0; rep < R; rep++) {
        const double *row = v + rep * S + s0;
        for (size_t j = 0; j < nb; j++)
            g[j * R + rep] = row[j];
    }
    for (size_t j = 0; j < nb; j++) {
        eng_stats_summary *sm = &res->summary[ctx->table][s0 + j];
        eng_stats_summary_compute(g + j * R, 1, R, ctx->work[thread], sm);
        pool_mean(res, ctx->table, s0 + j, sm);
    }
}

int ea_results_summarise(ea_results *res, int nthreads, eng_error *err)
{
    sum_ctx ctx = { res, 0, calloc((size_t)nthreads, sizeof(double *)),
                    calloc((size_t)nthreads, sizeof(double *)) };
    int status = ctx.gather && ctx.work ? ENG_OK : ENG_EFAIL;
    for (int t = 0; t < nthreads && status == ENG_OK; t++) {
        ctx.gather[t] = malloc(BLOCK * res->nreps * sizeof(double));
        ctx.work[t] = malloc(res->nreps * sizeof(double));
        if (!ctx.gather[t] || !ctx.work[t])
            status = ENG_EFAIL;
    }
    for (int t = 0; t < 2 && status == ENG_OK; t++) {
        ctx.table = t;
        eng_runner_parallel_for((res->nseries[t] + BLOCK - 1) / BLOCK, nthreads, summarise_block,
                                &ctx);
    }
    for (int t = 0; t < nthreads && ctx.gather && ctx.work; t++) {
        free(ctx.gather[t]);
        free(ctx.work[t]);
    }
    free(ctx.gather);
    free(ctx.work);
    return status == ENG_OK ? ENG_OK : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour résumer");
}

void ea_results_add_events(ea_results *res, unsigned long events) { res->events += events; }
unsigned long ea_results_events(const ea_results *res) { return res->events; }
int ea_results_nscopes(const ea_results *res) { return res->nscopes; }
const char *ea_results_scope(const ea_results *res, int scope) { return res->scope[scope]; }
int ea_results_nperiods(const ea_results *res, int table) { return res->nper[table]; }
const ea_indicators *ea_results_indicators(const ea_results *res)
{
    return &res->set;
}
size_t ea_results_nreps(const ea_results *res) { return res->nreps; }

const char *ea_results_period(const ea_results *res, int table, int period)
{
    return res->per[table][period].label;
}

int ea_results_find_scope(const ea_results *res, const char *code)
{
    for (int s = 0; s < res->nscopes; s++)
        if (strcmp(res->scope[s], code) == 0)
            return s;
    return -1;
}

int ea_results_find_period(const ea_results *res, int table, const char *label)
{
    for (int i = 0; i < res->nper[table]; i++)
        if (strcmp(res->per[table][i].label, label) == 0)
            return i;
    return -1;
}

static size_t series_index(const ea_results *res, int table, int scope, int period, int ind)
{
    return ((size_t)scope * res->nper[table] + (size_t)period) * res->set.n + (size_t)ind;
}

double ea_results_value(const ea_results *res, int table, int scope, int period, int ind, size_t rep)
{
    return res->values[table][rep * res->nseries[table] + series_index(res, table, scope, period, ind)];
}

const eng_stats_summary *ea_results_summary(const ea_results *res, int table, int scope, int period,
                                            int ind)
{
    return &res->summary[table][series_index(res, table, scope, period, ind)];
}

/* The statistic of a summary written in the column of statistic k (EA_STAT_MEAN, ...). */
static double stat_value(const eng_stats_summary *sm, int k)
{
    switch (k) {
    case EA_STAT_MEAN: return sm->mean;
    case EA_STAT_SD: return sm->sd;
    case EA_STAT_P05: return sm->p05;
    case EA_STAT_P25: return sm->p25;
    case EA_STAT_P50: return sm->p50;
    case EA_STAT_P75: return sm->p75;
    default: return sm->p95;
    }
}

int ea_results_write_table(const ea_results *res, int table, FILE *f, const eng_csv_style *style,
                           eng_error *err)
{
    char sep = style->sep;
    ea_tables_write_header(f, table == EA_MONTHLY ? EA_TABLE_MONTHLY : EA_TABLE_ANNUAL, style);
    for (int s = 0; s < res->nscopes; s++) {
        for (int i = 0; i < res->nper[table]; i++) {
            for (int j = 0; j < res->set.n; j++) {
                const eng_stats_summary *sm = ea_results_summary(res, table, s, i, j);
                ea_indicators_unit unit = ea_indicators_def(res->set.ind[j].def)->unit;
                eng_csv_text(f, res->scope[s], style);
                fprintf(f, "%c%s%c%s", sep, res->per[table][i].label, sep, res->set.ind[j].name);
                for (int k = 0; k < EA_NSTATS; k++) {
                    fputc(sep, f);
                    ea_tables_write_value(f, stat_value(sm, k), unit, style);
                }
                fputc('\n', f);
            }
        }
    }
    return ferror(f) ? eng_error_set(err, ENG_EFAIL, "%s : échec de l'écriture (disque plein ?)",
                                     ea_tables_file(table == EA_MONTHLY ? EA_TABLE_MONTHLY
                                                                         : EA_TABLE_ANNUAL))
                     : ENG_OK;
}
