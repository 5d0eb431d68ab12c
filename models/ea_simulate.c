/* ea_simulate.c — Monte Carlo runs: per-thread model workspaces, the indicators of each replication
 * stored side by side (one contiguous write per replication), then summarised series by series in
 * blocks (a block of series is gathered across replications once, so that memory is read in order). */
#include "ea_simulate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_stats.h"
#include "ea_model.h"

typedef struct period {
    char label[12];
    int k0, k1;          /* simulated months k0 .. k1-1 */
} period;

struct ea_results {
    int nscopes, ndept, months, nyears;
    char (*scope)[EA_MAX_NAME];
    double *fte;                     /* per scope */
    period *per[2];                  /* monthly, annual */
    int nper[2];
    ea_indicator_set set;
    size_t nreps;
    size_t nseries[2];               /* scopes x periods x indicators */
    double *values[2];               /* [rep * nseries + (scope * nper + period) * n + ind] */
    eng_summary *summary[2];          /* [(scope * nper + period) * n + ind] */
    unsigned long events;
};

typedef struct thread_ws {
    ea_model *model;
    double *raw;                     /* ndept * months * EA_RAW_COUNT */
    double *region;                  /* months * EA_RAW_COUNT */
    double out[EA_MAX_INDICATORS];
    unsigned long events;
} thread_ws;

typedef struct sim_ctx {
    const ea_scenario *sc;
    ea_results *res;
    thread_ws *ws;
} sim_ctx;

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
    free(res->summary[0]);
    free(res->summary[1]);
    free(res);
}

static ea_results *results_alloc(const ea_scenario *sc, int annual_only, eng_error *err)
{
    ea_results *res = calloc(1, sizeof *res);
    if (!res)
        goto oom;
    res->ndept = sc->ndepartments;
    res->nscopes = sc->single_platform ? 1 : sc->ndepartments + 1;
    res->months = sc->months;
    res->nreps = (size_t)sc->replications;
    ea_indicators_init(&res->set, sc);

    res->scope = calloc((size_t)res->nscopes, sizeof *res->scope);
    res->fte = calloc((size_t)res->nscopes, sizeof *res->fte);
    if (!res->scope || !res->fte)
        goto oom;
    double total_fte = 0;
    for (int d = 0; d < sc->ndepartments; d++)
        total_fte += sc->departments[d].fte;
    for (int s = 0; s < res->nscopes; s++) {
        int region = s == res->nscopes - 1;
        snprintf(res->scope[s], EA_MAX_NAME, "%s", region ? "region" : sc->departments[s].code);
        res->fte[s] = region ? total_fte : sc->departments[s].fte;
    }

    int first_year = sc->start / 12, last_year = (sc->start + sc->months - 1) / 12;
    res->nper[EA_MONTHLY] = sc->months;
    res->nper[EA_ANNUAL] = last_year - first_year + 1;
    res->per[EA_MONTHLY] = calloc((size_t)sc->months, sizeof(period));
    res->per[EA_ANNUAL] = calloc((size_t)res->nper[EA_ANNUAL], sizeof(period));
    if (!res->per[EA_MONTHLY] || !res->per[EA_ANNUAL])
        goto oom;
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

    for (int t = 0; t < 2; t++) {
        size_t count = (size_t)res->nscopes * (size_t)res->nper[t] * (size_t)res->set.n;
        if (annual_only && t == EA_MONTHLY)
            count = 0;
        res->nseries[t] = count;
        if (count == 0)
            continue;
        res->summary[t] = malloc(count * sizeof(eng_summary));
        if (res->nreps > SIZE_MAX / sizeof(double) / (count ? count : 1)) {
            eng_error_set(err, ENG_EINPUT, "%s: %zu replications do not fit in memory", sc->path, res->nreps);
            ea_results_free(res);
            return NULL;
        }
        res->values[t] = malloc(count * res->nreps * sizeof(double));
        if (!res->values[t] || !res->summary[t]) {
            eng_error_set(err, ENG_EFAIL,
                         "out of memory storing %zu replications of %zu indicator values; use fewer "
                         "replications or months", res->nreps, count);
            ea_results_free(res);
            return NULL;
        }
    }
    return res;

oom:
    ea_results_free(res);
    eng_error_set(err, ENG_EFAIL, "out of memory");
    return NULL;
}

static void store(ea_results *res, int table, int scope, const double *raw, double fte, double *out,
                  size_t rep)
{
    int n = res->set.n;
    double *v = res->values[table] + rep * res->nseries[table] + (size_t)scope * res->nper[table] * n;
    for (int i = 0; i < res->nper[table]; i++) {
        const period *p = &res->per[table][i];
        ea_indicators_compute(&res->set, raw, p->k0, p->k1, fte, out);
        memcpy(v + (size_t)i * n, out, (size_t)n * sizeof *out);
    }
}

static int run_replication(void *vctx, int thread, size_t rep, gsl_rng *rng, eng_error *err)
{
    sim_ctx *ctx = vctx;
    ea_results *res = ctx->res;
    thread_ws *ws = &ctx->ws[thread];
    int status = ea_model_run(ws->model, rng, ws->raw, err);
    if (status != ENG_OK)
        return status;
    ws->events += ea_model_events(ws->model);

    size_t per_dept = (size_t)res->months * EA_RAW_COUNT;
    if (res->nscopes > 1) {
        memset(ws->region, 0, per_dept * sizeof *ws->region);
        for (int d = 0; d < res->ndept; d++) {
            const double *raw = ws->raw + (size_t)d * per_dept;
            for (size_t x = 0; x < per_dept; x++)
                ws->region[x] += raw[x];
        }
    }
    for (int s = 0; s < res->nscopes; s++) {
        int region = s == res->nscopes - 1 && res->nscopes > 1;
        const double *raw = region ? ws->region : ws->raw + (size_t)s * per_dept;
        for (int t = 0; t < 2; t++)
            if (res->nseries[t] > 0)
                store(res, t, s, raw, res->fte[s], ws->out, rep);
    }
    return ENG_OK;
}

enum { BLOCK = 64 };   /* series summarised together */

typedef struct sum_ctx {
    ea_results *res;
    int table;
    double **gather;       /* per thread: BLOCK x nreps values */
    double **work;         /* per thread: nreps values */
} sum_ctx;

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
    for (size_t j = 0; j < nb; j++)
        eng_summary_compute(g + j * R, 1, R, ctx->work[thread], &res->summary[ctx->table][s0 + j]);
}

static int summarise(ea_results *res, int nthreads, eng_error *err)
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
        eng_parallel_for((res->nseries[t] + BLOCK - 1) / BLOCK, nthreads, summarise_block, &ctx);
    }
    for (int t = 0; t < nthreads && ctx.gather && ctx.work; t++) {
        free(ctx.gather[t]);
        free(ctx.work[t]);
    }
    free(ctx.gather);
    free(ctx.work);
    return status == ENG_OK ? ENG_OK : eng_error_set(err, ENG_EFAIL, "out of memory summarising");
}

int ea_simulate(const ea_scenario *sc, const ea_run_options *opt, ea_results **out, eng_error *err)
{
    *out = NULL;
    ea_results *res = results_alloc(sc, opt && opt->annual_only, err);
    if (!res)
        return ENG_EFAIL;
    int nthreads = opt && opt->threads > 0 ? opt->threads : eng_runner_default_threads();
    if ((size_t)nthreads > res->nreps)
        nthreads = (int)res->nreps;

    int status = ENG_OK;
    sim_ctx ctx = { sc, res, calloc((size_t)nthreads, sizeof(thread_ws)) };
    if (!ctx.ws) {
        ea_results_free(res);
        return eng_error_set(err, ENG_EFAIL, "out of memory");
    }
    size_t per_dept = (size_t)sc->months * EA_RAW_COUNT;
    for (int t = 0; t < nthreads && status == ENG_OK; t++) {
        thread_ws *ws = &ctx.ws[t];
        ws->model = ea_model_alloc(sc, err);
        ws->raw = malloc((size_t)sc->ndepartments * per_dept * sizeof(double));
        ws->region = malloc(per_dept * sizeof(double));
        if (!ws->model)
            status = ENG_EFAIL;
        else if (!ws->raw || !ws->region)
            status = eng_error_set(err, ENG_EFAIL, "out of memory");
    }
    if (status == ENG_OK)
        status = eng_runner_run(res->nreps, nthreads, sc->seed, run_replication, &ctx,
                               opt ? opt->progress : NULL, opt ? opt->progress_data : NULL, err);
    for (int t = 0; t < nthreads; t++) {
        res->events += ctx.ws[t].events;
        ea_model_free(ctx.ws[t].model);
        free(ctx.ws[t].raw);
        free(ctx.ws[t].region);
    }
    free(ctx.ws);
    if (status == ENG_OK)
        status = summarise(res, nthreads, err);
    if (status != ENG_OK) {
        ea_results_free(res);
        return status;
    }
    *out = res;
    return ENG_OK;
}

int ea_results_nscopes(const ea_results *res) { return res->nscopes; }
const char *ea_results_scope(const ea_results *res, int scope) { return res->scope[scope]; }
int ea_results_nperiods(const ea_results *res, int table) { return res->nper[table]; }
const ea_indicator_set *ea_results_indicators(const ea_results *res) { return &res->set; }
size_t ea_results_nreps(const ea_results *res) { return res->nreps; }
unsigned long ea_results_events(const ea_results *res) { return res->events; }

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

const eng_summary *ea_results_summary(const ea_results *res, int table, int scope, int period, int ind)
{
    return &res->summary[table][series_index(res, table, scope, period, ind)];
}

int ea_results_write_table(const ea_results *res, int table, FILE *f, const eng_csv_style *style,
                           eng_error *err)
{
    char sep = style->sep;
    fprintf(f, "scope%c%s%cindicator%cmean%csd%cp05%cp25%cp50%cp75%cp95\n", sep,
            table == EA_MONTHLY ? "month" : "year", sep, sep, sep, sep, sep, sep, sep, sep);
    for (int s = 0; s < res->nscopes; s++) {
        for (int i = 0; i < res->nper[table]; i++) {
            for (int j = 0; j < res->set.n; j++) {
                const eng_summary *sm = ea_results_summary(res, table, s, i, j);
                eng_csv_text(f, res->scope[s], style);
                fprintf(f, "%c%s%c%s", sep, res->per[table][i].label, sep, res->set.ind[j].name);
                const double cells[] = { sm->mean, sm->sd, sm->p05, sm->p25, sm->p50, sm->p75, sm->p95 };
                for (size_t c = 0; c < sizeof cells / sizeof *cells; c++) {
                    fputc(sep, f);
                    eng_csv_number(f, cells[c], style);
                }
                fputc('\n', f);
            }
        }
    }
    return ferror(f) ? eng_error_set(err, ENG_EFAIL, "write failed (disk full?)") : ENG_OK;
}
