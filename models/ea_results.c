/* ea_results.c — Results of a run: the indicators of each replication stored side by side (one
 * contiguous write per replication) in a block of replications; a run too large for memory writes
 * each full block to a temporary file, series by series, and summarises chunks of series read back
 * from every block. Both ways give the same bytes: the values of a series reach its summary in
 * replication order, and the parts of the ratios are summed in replication order as blocks end. */
#include "ea_results.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_mpi.h"
#include "../engine/eng_runner.h"
#include "../engine/eng_spill.h"
#include "ea_model.h"
#include "ea_tables.h"

typedef struct period {
    char label[12];
    int k0, k1;          /* simulated months k0 .. k1-1 */
} period;

struct ea_results {
    int nscopes, ndept, months;
    int same_region;                 /* one department: the region is it, stored and summarised once
                                        and copied */
    char (*scope)[EA_MAX_NAME];
    double *fte;                     /* per scope */
    period *per[2];                  /* monthly, annual */
    int nper[2];
    ea_indicators set;
    size_t nreps;
    size_t block;                    /* replications held in memory: nreps unless streamed */
    size_t first;                    /* the first replication of the block being stored */
    size_t nseries[2];               /* scopes x periods x indicators stored (set.nvar) */
    double *values[2];               /* [(rep - first) * nseries + (scope * nper + period) * nvar
                                        + var] */
    size_t nparts[2];                /* scopes x periods x the totals kept (set.nkept) */
    double *parts[2];                /* [(rep - first) * nparts + (scope * nper + period) *
                                        set.nkept + the total's place (EA_SOURCE_KEPT)] */
    double *pooled[2];               /* [(scope * nper + period) * 2 * set.nparts + 2 * part +
                                        (0: numerator, 1: denominator)]: the parts of the stored
                                        ratios summed over the replications before first */
    eng_spill *spill[2];             /* streamed: block b holds series s of its replications at
                                        b * block * nseries + s * (replications in b) */
    eng_stats_summary *summary[2];   /* [(scope * nper + period) * nvar + var]: the stored series */
    eng_stats_summary *fixed[2];     /* [(scope * nper + period) * set.nfixed + fixed]: the
                                        indicators the scenario fixes, computed once from it */
    struct series_cache *cache;      /* streamed: the series ea_results_value read last */
    int ntrack, track[8];            /* -n auto: indicators followed in the annual table */
    double *welford;                 /* [((scope * nper + year) * ntrack + k) * 2]: mean, M2 */
    size_t tracked;                  /* replications added to welford */
    unsigned long events;
};

/* The values of one series in every replication, read back from the temporary file for
 * ea_results_value: reading a series costs one read per block, and the callers ask for the
 * replications of one series in turn. */
typedef struct series_cache {
    pthread_mutex_t lock;
    int table;
    size_t series;                   /* SIZE_MAX: nothing read yet */
    double *x;                       /* nreps values */
} series_cache;

void ea_results_free(ea_results *res)
{
    if (!res)
        return;
    free(res->scope);
    free(res->fte);
    free(res->per[0]);
    free(res->per[1]);
    for (int t = 0; t < 2; t++) {
        free(res->values[t]);
        free(res->parts[t]);
        free(res->pooled[t]);
        eng_spill_free(res->spill[t]);
        free(res->summary[t]);
        free(res->fixed[t]);
    }
    if (res->cache) {
        pthread_mutex_destroy(&res->cache->lock);
        free(res->cache->x);
        free(res->cache);
    }
    free(res->welford);
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

/* Bytes of the values and of the ratio parts of one replication, per table kept. */
static void replication_sizes(const ea_scenario *sc, int annual_only, size_t series[2],
                              size_t parts[2])
{
    ea_indicators set;
    ea_indicators_init(&set, sc);
    int nscopes = sc->single_platform ? 1 : sc->ndepartments + 1;
    int years = (sc->start + sc->months - 1) / 12 - sc->start / 12 + 1;
    size_t per[2] = { annual_only ? 0 : (size_t)sc->months, (size_t)years };
    for (int t = 0; t < 2; t++) {
        series[t] = (size_t)nscopes * per[t] * (size_t)set.nvar;
        parts[t] = (size_t)nscopes * per[t] * (size_t)set.nkept;
    }
}

void ea_results_plan_run(const ea_scenario *sc, int annual_only, size_t block, ea_results_plan *out)
{
    size_t series[2], parts[2];
    replication_sizes(sc, annual_only, series, parts);
    size_t nreps = sc->replications > 0 ? (size_t)sc->replications : 1;
    double each = 8.0 * (double)(series[0] + series[1] + parts[0] + parts[1]);
    if (block == 0) {
        double fit = EA_RESULTS_BLOCK_BYTES / each;
        block = each * (double)nreps <= EA_RESULTS_MEMORY_BYTES ? nreps
                : fit < 1 ? 1 : fit >= (double)nreps ? nreps : (size_t)fit;
    }
    out->block = block < nreps ? block : nreps;
    out->streamed = out->block < nreps;
    out->bytes_per_replication = each;
    out->memory_bytes = each * (double)out->block;
    out->disk_bytes = out->streamed ? 8.0 * (double)(series[0] + series[1]) * (double)nreps : 0;
}

/* The block of values and ratio parts of each table kept, the sums of the parts, the summaries and,
 * when streamed, the temporary files and the series read back. */
static int alloc_values(ea_results *res, const ea_scenario *sc, int annual_only, size_t block,
                        eng_error *err)
{
    ea_results_plan plan;
    ea_results_plan_run(sc, annual_only, block, &plan);
    res->block = plan.block;
    size_t parts[2];
    replication_sizes(sc, annual_only, res->nseries, parts);
    if (res->block > SIZE_MAX / 8 / (res->nseries[0] + res->nseries[1] + parts[0] + parts[1] + 1))
        return eng_error_set(err, ENG_EINPUT, "%s : %zu réplications ne tiennent pas en mémoire ; baissez -n",
                             sc->path, res->nreps);
    for (int t = 0; t < 2; t++) {
        size_t count = res->nseries[t];
        res->nparts[t] = parts[t];
        if (count == 0)
            continue;
        res->summary[t] = malloc(count * sizeof(eng_stats_summary));
        res->values[t] = malloc(count * res->block * sizeof(double));
        res->parts[t] = malloc(res->nparts[t] * res->block * sizeof(double));
        res->pooled[t] = calloc(count / (size_t)res->set.nvar * 2 * (size_t)res->set.nparts + 1,
                                sizeof(double));
        if (!res->values[t] || (!res->parts[t] && res->nparts[t]) || !res->summary[t] ||
            !res->pooled[t])
            return eng_error_set(err, ENG_EFAIL,
                                 "mémoire insuffisante pour garder %zu réplications de %zu valeurs "
                                 "d'indicateurs ; baissez les réplications ou les mois", res->block, count);
        if (plan.streamed && !(res->spill[t] = eng_spill_alloc(err)))
            return ENG_EFAIL;
    }
    if (plan.streamed) {
        res->cache = calloc(1, sizeof *res->cache);
        if (!res->cache || !(res->cache->x = malloc(res->nreps * sizeof(double)))) {
            free(res->cache);
            res->cache = NULL;
            return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        }
        pthread_mutex_init(&res->cache->lock, NULL);
        res->cache->series = SIZE_MAX;
    }
    return ENG_OK;
}

/* The cell of a scope and period: its first stored series is cell * nvar, its first fixed
 * indicator's summary cell * nfixed. */
static size_t cell_index(const ea_results *res, int table, int scope, int period)
{
    return (size_t)scope * res->nper[table] + (size_t)period;
}

/* The summary of fixed indicator ind (its `fixed` place >= 0) in cell c of a table. */
static eng_stats_summary *fixed_summary(const ea_results *res, int table, size_t c, int ind)
{
    return &res->fixed[table][c * (size_t)res->set.nfixed + (size_t)res->set.ind[ind].fixed];
}

/* The summaries of a scope's fixed indicators in every period of both tables, from raw
 * accumulators r that hold the scenario's places and zeros elsewhere: a fixed indicator reads
 * nothing the draws set, so this is the value each replication would store. Their count is set
 * when the run is summarised. */
static void summarise_fixed(ea_results *res, int scope, const double *r)
{
    double out[EA_MAX_INDICATORS], work[1];
    for (int t = 0; t < 2; t++)
        for (int i = 0; i < res->nper[t]; i++) {
            const period *p = &res->per[t][i];
            size_t c = cell_index(res, t, scope, i);
            ea_indicators_compute(&res->set, r, p->k0, p->k1, res->fte[scope], out, NULL);
            for (int j = 0; j < res->set.n; j++)
                if (res->set.ind[j].fixed >= 0)
                    eng_stats_summary_compute(&out[j], 1, 1, work, fixed_summary(res, t, c, j));
        }
}

/* The indicators the scenario fixes, computed once: each department from its places, the
 * region from their sum, added in the order of the simulation's region. */
static int alloc_fixed(ea_results *res, const ea_scenario *sc)
{
    for (int t = 0; t < 2; t++) {
        size_t count = (size_t)res->nscopes * (size_t)res->nper[t] * (size_t)res->set.nfixed;
        if (!(res->fixed[t] = malloc((count + 1) * sizeof(eng_stats_summary))))
            return -1;
    }
    size_t each = (size_t)sc->months * EA_RAW_COUNT;
    double *raw = calloc(2 * each, sizeof *raw), *region = raw + each;
    if (!raw)
        return -1;
    for (int s = 0; s < res->nscopes; s++) {
        if (res->nscopes > 1 && s == res->nscopes - 1) {
            summarise_fixed(res, s, region);
            break;
        }
        const ea_scenario_department *def = &sc->departments[s];
        for (int k = 0; k < sc->months; k++) {
            double places = ea_scenario_schedule_at(&def->places_schedule, sc->start + k, def->places);
            raw[k * EA_RAW_COUNT + EA_RAW_PLACES] = places;
            region[k * EA_RAW_COUNT + EA_RAW_PLACES] += places;
        }
        summarise_fixed(res, s, raw);
    }
    free(raw);
    return 0;
}

ea_results *ea_results_alloc_block(const ea_scenario *sc, int annual_only, size_t block,
                                   eng_error *err)
{
    ea_results *res = calloc(1, sizeof *res);
    if (!res) {
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return NULL;
    }
    res->ndept = sc->ndepartments;
    res->nscopes = sc->single_platform ? 1 : sc->ndepartments + 1;
    res->same_region = res->nscopes == 2;
    res->months = sc->months;
    res->nreps = (size_t)sc->replications;
    ea_indicators_init(&res->set, sc);
    if (alloc_scopes(res, sc) != 0 || alloc_periods(res, sc) != 0 || alloc_fixed(res, sc) != 0) {
        ea_results_free(res);
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return NULL;
    }
    if (alloc_values(res, sc, annual_only, block, err) != ENG_OK) {
        ea_results_free(res);
        return NULL;
    }
    return res;
}

ea_results *ea_results_alloc(const ea_scenario *sc, int annual_only, eng_error *err)
{
    return ea_results_alloc_block(sc, annual_only, 0, err);
}

size_t ea_results_block(const ea_results *res) { return res->block; }

void ea_results_store(ea_results *res, size_t rep, int scope, const double *raw)
{
    int n = res->set.nvar;
    size_t slot = rep - res->first;
    for (int t = 0; t < 2; t++) {
        if (res->nseries[t] == 0)
            continue;
        size_t first = (size_t)scope * res->nper[t];   /* the scope's first period */
        double *v = res->values[t] + slot * res->nseries[t] + first * n;
        size_t np = (size_t)res->set.nkept;
        double *q = res->parts[t] + slot * res->nparts[t] + first * np;
        for (int i = 0; i < res->nper[t]; i++) {
            const period *p = &res->per[t][i];
            ea_indicators_compute_varying(&res->set, raw, p->k0, p->k1, res->fte[scope],
                                          v + (size_t)i * n, q + (size_t)i * np);
        }
        if (res->same_region && scope == 0) {
            /* The region of one department has its raw accumulators, its staff and so its
             * indicators: the department's, copied rather than computed again. */
            memcpy(v + (size_t)res->nper[t] * n, v, (size_t)res->nper[t] * n * sizeof *v);
            memcpy(q + (size_t)res->nper[t] * np, q, (size_t)res->nper[t] * np * sizeof *q);
        }
    }
}

int ea_results_share_block(ea_results *res, size_t count, eng_error *err)
{
    /* A replication's rows (its values, then its ratio parts) are contiguous in each table, so
     * that a share of the block is one contiguous slice of each buffer. */
    int status = ENG_OK;
    for (int t = 0; t < 2 && status == ENG_OK; t++) {
        if (res->nseries[t] == 0)
            continue;
        status = eng_mpi_allgather(res->values[t], count, res->nseries[t], err);
        if (status == ENG_OK && res->nparts[t])
            status = eng_mpi_allgather(res->parts[t], count, res->nparts[t], err);
    }
    return status;
}

enum { BLOCK = 64 };                          /* series summarised together in memory */

/* A summary travels between MPI processes as 8 doubles' worth of bytes (its count among them, as
 * it is: the processes of a job are alike). */
enum { SUMMARY_DOUBLES = 8 };
enum { PIECE_DOUBLES = 1 << 17 };             /* a piece of a block turned series by series */
#define CHUNK_BYTES (16.0 * 1024 * 1024)      /* per thread, series of every replication read back */

/* Work shared by the threads of a flush or of a streamed summary: per-thread buffers, and the
 * first error met (tasks cannot fail otherwise). */
typedef struct io_ctx {
    ea_results *res;
    int table;
    size_t count;            /* replications in the block flushed */
    size_t from, limit;      /* series from .. limit-1 to summarise: this process's share of all,
                                or of the department's of a same_region */
    size_t piece;            /* series per task */
    double **buf, **gather, **work;
    pthread_mutex_t lock;
    int status;
    eng_error err;
} io_ctx;

static void io_fail(io_ctx *ctx, const eng_error *err)
{
    pthread_mutex_lock(&ctx->lock);
    if (ctx->status == ENG_OK) {
        ctx->status = ENG_EFAIL;
        ctx->err = *err;
    }
    pthread_mutex_unlock(&ctx->lock);
}

/* Task i of a flush: series piece*i .. of the block, replication after replication, written at
 * their place in the file. */
static void flush_piece(void *vctx, int thread, size_t i)
{
    io_ctx *ctx = vctx;
    ea_results *res = ctx->res;
    size_t S = res->nseries[ctx->table], B = ctx->count, s0 = i * ctx->piece;
    size_t ns = S - s0 < ctx->piece ? S - s0 : ctx->piece;
    const double *v = res->values[ctx->table];
    double *out = ctx->buf[thread];
    for (size_t slot = 0; slot < B; slot++)
        for (size_t j = 0; j < ns; j++)
            out[j * B + slot] = v[slot * S + s0 + j];
    eng_error err;
    size_t at = res->first * S + s0 * B;   /* blocks before this one are full */
    if (eng_spill_write(res->spill[ctx->table], at, out, ns * B, &err) != ENG_OK)
        io_fail(ctx, &err);
}

/* Per-thread buffers of `each` doubles for a task of the io_ctx (buf, gather or work). */
static double **thread_buffers(int nthreads, size_t each)
{
    double **b = calloc((size_t)nthreads, sizeof *b);
    for (int t = 0; b && t < nthreads; t++)
        if (!(b[t] = malloc((each ? each : 1) * sizeof(double)))) {
            for (int u = 0; u < t; u++)
                free(b[u]);
            free(b);
            return NULL;
        }
    return b;
}

static void buffers_free(double **b, int nthreads)
{
    for (int t = 0; b && t < nthreads; t++)
        free(b[t]);
    free(b);
}

int ea_results_track(ea_results *res, const int *ind, int nind, eng_error *err)
{
    if (nind > (int)(sizeof res->track / sizeof *res->track))
        nind = (int)(sizeof res->track / sizeof *res->track);
    res->ntrack = nind;
    memcpy(res->track, ind, (size_t)nind * sizeof *ind);
    size_t cells = (size_t)res->nscopes * (size_t)res->nper[EA_ANNUAL] * (size_t)nind * 2;
    free(res->welford);
    res->welford = calloc(cells + 1, sizeof(double));
    res->tracked = 0;
    return res->welford ? ENG_OK : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
}

/* The value of indicator ind in cell c (scope * nper + period) of a table: from the replication's
 * stored row when it varies, the scenario's otherwise. */
static double stored_or_fixed(const ea_results *res, int table, const double *row, size_t c, int ind)
{
    int var = res->set.ind[ind].var;
    if (var >= 0)
        return row[c * (size_t)res->set.nvar + (size_t)var];
    return fixed_summary(res, table, c, ind)->mean;
}

/* Adds the block's replications to the tracked means and variances, in replication order, so that
 * they depend neither on the threads nor on the block. */
static void track_block(ea_results *res, size_t count)
{
    if (!res->welford)
        return;
    size_t S = res->nseries[EA_ANNUAL], cells = (size_t)res->nscopes * res->nper[EA_ANNUAL];
    const double *v = res->values[EA_ANNUAL];
    for (size_t slot = 0; slot < count; slot++) {
        double n = (double)++res->tracked;
        for (size_t c = 0; c < cells; c++)
            for (int k = 0; k < res->ntrack; k++) {
                double x = stored_or_fixed(res, EA_ANNUAL, v + slot * S, c, res->track[k]);
                double *w = res->welford + (c * (size_t)res->ntrack + (size_t)k) * 2;
                double d = x - w[0];
                w[0] += d / n;
                w[1] += d * (x - w[0]);
            }
    }
}

void ea_results_tracked(const ea_results *res, int scope, int year, int k, double *mean, double *sd,
                        size_t *n)
{
    const double *w = res->welford + (((size_t)scope * res->nper[EA_ANNUAL] + (size_t)year)
                                      * (size_t)res->ntrack + (size_t)k) * 2;
    *n = res->tracked;
    *mean = w[0];
    *sd = res->tracked > 1 ? sqrt(w[1] / (double)(res->tracked - 1)) : NAN;
}

void ea_results_stop(ea_results *res) { res->nreps = res->first; }

/* Adds the parts of the stored ratios of the block's `count` replications to their sums over the
 * run, replication after replication: the totals each kept, and those it stored as values or the
 * scenario fixes (ea_indicators_source). The sums are the same, bit for bit, as if each
 * replication had kept them all. */
static void pool_block(ea_results *res, int t, size_t count)
{
    const ea_indicators *set = &res->set;
    size_t cells = res->nseries[t] / (size_t)set->nvar, n = (size_t)set->nvar;
    size_t kept = (size_t)set->nkept, np = 2 * (size_t)set->nparts;
    for (size_t slot = 0; slot < count; slot++) {
        const double *v = res->values[t] + slot * res->nseries[t];
        const double *q = kept ? res->parts[t] + slot * res->nparts[t] : NULL;
        for (size_t c = 0; c < cells; c++) {
            double *sum = res->pooled[t] + c * np;
            for (int k = 0; k < set->nparts; k++) {
                const ea_indicators_item *ind = &set->ind[set->part_ind[k]];
                for (int w = 0; w < 2; w++) {
                    ea_indicators_source src = ind->source[w];
                    sum[2 * k + w] += src.kind == EA_SOURCE_KEPT ? q[c * kept + (size_t)src.index]
                                      : src.kind == EA_SOURCE_VALUE ? v[c * n + (size_t)src.index]
                                      : fixed_summary(res, t, c, src.index)->mean;
                }
            }
        }
    }
}

int ea_results_flush(ea_results *res, int nthreads, eng_error *err)
{
    size_t count = res->nreps - res->first < res->block ? res->nreps - res->first : res->block;
    if (count == 0)
        return ENG_OK;
    io_ctx ctx = { .res = res, .count = count, .status = ENG_OK };
    if (nthreads < 1)
        nthreads = 1;
    pthread_mutex_init(&ctx.lock, NULL);
    for (int t = 0; t < 2; t++) {
        if (res->nseries[t])
            pool_block(res, t, count);
        if (!res->spill[t] || ctx.status != ENG_OK)
            continue;
        ctx.table = t;
        ctx.piece = PIECE_DOUBLES / count ? PIECE_DOUBLES / count : 1;
        ctx.buf = thread_buffers(nthreads, ctx.piece * count);
        if (!ctx.buf) {
            ctx.status = eng_error_set(&ctx.err, ENG_EFAIL, "mémoire insuffisante");
            break;
        }
        eng_runner_parallel_for((res->nseries[t] + ctx.piece - 1) / ctx.piece, nthreads,
                                flush_piece, &ctx);
        buffers_free(ctx.buf, nthreads);
    }
    pthread_mutex_destroy(&ctx.lock);
    track_block(res, count);
    res->first += count;
    if (ctx.status != ENG_OK && err)
        *err = ctx.err;
    return ctx.status;
}

/* The summary of series s of a table from its values x[0], x[stride], ... in replication order;
 * the mean of a ratio of totals pools the replications (the sums of its parts). */
static void summarise_series(ea_results *res, int table, size_t s, const double *x, size_t stride,
                             double *work)
{
    eng_stats_summary *sm = &res->summary[table][s];
    eng_stats_summary_compute(x, stride, res->nreps, work, sm);
    int n = res->set.nvar, i = res->set.var_ind[s % (size_t)n], k = res->set.ind[i].part;
    if (k < 0)
        return;
    const double *q = res->pooled[table] + s / (size_t)n * 2 * (size_t)res->set.nparts + 2 * (size_t)k;
    sm->mean = ea_indicators_pool(&res->set, i, q[0], q[1]);
}

/* Task of an in-memory summary: BLOCK series, each read where it lies in every replication's row.
 * Neighbouring series share the rows' cache lines, so the lines that the first series of a block
 * loads serve the next seven; this measured faster than gathering the block's series into a
 * buffer first (the M/M/10 benchmark's 31 000 series: 4 ms less in 92). While those seven are
 * summarised from lines already loaded, the lines of the next eight series are asked for, a
 * seventh of the replications at a time: the memory then works while the processor does (about
 * 1 ms of 86 for M/M/10), where one burst of every replication's line only queued behind itself. */
static void summarise_block(void *vctx, int thread, size_t block)
{
    io_ctx *ctx = vctx;
    ea_results *res = ctx->res;
    size_t s0 = ctx->from + block * BLOCK, S = res->nseries[ctx->table];
    size_t nb = ctx->limit - s0 < BLOCK ? ctx->limit - s0 : BLOCK;
    const double *v = res->values[ctx->table];
    size_t R = res->nreps, share = (R + 6) / 7;
    for (size_t j = 0; j < nb; j++) {
        size_t q = (s0 + j) % 8, next = s0 + j - q + 8;   /* q: the series' place in its line */
        if (q > 0 && next < S)
            for (size_t r = (q - 1) * share; r < q * share && r < R; r++)
                __builtin_prefetch(v + r * S + next);
        summarise_series(res, ctx->table, s0 + j, v + s0 + j, S, ctx->work[thread]);
    }
}

/* Reads series s0 .. s0+ns-1 of every replication from the file into g[j * nreps + rep]: one
 * read per block, through buf (ns x block doubles). */
static int read_series(const ea_results *res, int table, size_t s0, size_t ns, double *g,
                       double *buf, eng_error *err)
{
    size_t S = res->nseries[table], R = res->nreps;
    for (size_t first = 0; first < R; first += res->block) {
        size_t B = R - first < res->block ? R - first : res->block;
        if (eng_spill_read(res->spill[table], first * S + s0 * B, buf, ns * B, err) != ENG_OK)
            return ENG_EFAIL;
        for (size_t j = 0; j < ns; j++)
            memcpy(g + j * R + first, buf + j * B, B * sizeof *g);
    }
    return ENG_OK;
}

/* Task of a streamed summary: a chunk of series read back from every block. */
static void summarise_chunk(void *vctx, int thread, size_t chunk)
{
    io_ctx *ctx = vctx;
    ea_results *res = ctx->res;
    size_t s0 = ctx->from + chunk * ctx->piece, R = res->nreps;
    size_t ns = ctx->limit - s0 < ctx->piece ? ctx->limit - s0 : ctx->piece;
    eng_error err;
    if (read_series(res, ctx->table, s0, ns, ctx->gather[thread], ctx->buf[thread], &err) != ENG_OK) {
        io_fail(ctx, &err);
        return;
    }
    for (size_t j = 0; j < ns; j++)
        summarise_series(res, ctx->table, s0 + j, ctx->gather[thread] + j * R, 1, ctx->work[thread]);
}

int ea_results_summarise(ea_results *res, int nthreads, eng_error *err)
{
    _Static_assert(sizeof(eng_stats_summary) == SUMMARY_DOUBLES * sizeof(double),
                   "eng_stats_summary is exchanged as 8 doubles");
    if (nthreads < 1)
        nthreads = 1;
    int streamed = res->block < res->nreps;
    size_t R = res->nreps, chunk = (size_t)(CHUNK_BYTES / 8 / (double)(R ? R : 1));
    io_ctx ctx = { .res = res, .piece = streamed ? (chunk ? chunk : 1) : BLOCK, .status = ENG_OK };
    /* A failure of the last flush, like any other here, reaches every process through the one
     * agreement below, before the exchange. */
    if (res->first < res->nreps)
        ctx.status = ea_results_flush(res, nthreads, &ctx.err);
    pthread_mutex_init(&ctx.lock, NULL);
    ctx.gather = streamed ? thread_buffers(nthreads, ctx.piece * R) : NULL;
    ctx.work = thread_buffers(nthreads, R);
    ctx.buf = streamed ? thread_buffers(nthreads, ctx.piece * res->block) : NULL;
    if (ctx.status == ENG_OK && (!ctx.work || (streamed && (!ctx.gather || !ctx.buf))))
        ctx.status = eng_error_set(&ctx.err, ENG_EFAIL, "mémoire insuffisante pour résumer");
    /* In an MPI job each process summarises its share of the series (every process holds every
     * replication, ea_results_share_block), then all gather the summaries: the same bytes as one
     * process, since a series' summary does not depend on who computes it. */
    size_t total[2] = { 0, 0 };
    for (int t = 0; t < 2 && ctx.status == ENG_OK; t++) {
        size_t count;
        ctx.table = t;
        total[t] = res->same_region ? res->nseries[t] / 2 : res->nseries[t];
        eng_mpi_share(total[t], eng_mpi_rank(), eng_mpi_size(), &ctx.from, &count);
        ctx.limit = ctx.from + count;
        eng_runner_parallel_for((count + ctx.piece - 1) / ctx.piece, nthreads,
                                streamed ? summarise_chunk : summarise_block, &ctx);
    }
    buffers_free(ctx.gather, nthreads);
    buffers_free(ctx.work, nthreads);
    buffers_free(ctx.buf, nthreads);
    pthread_mutex_destroy(&ctx.lock);
    /* A fixed indicator has its one value in every replication, or none when it is empty. */
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < (size_t)res->nscopes * res->nper[t] * res->set.nfixed; i++)
            res->fixed[t][i].n = res->fixed[t][i].n ? res->nreps : 0;
    int status = eng_mpi_agree(ctx.status, &ctx.err);
    for (int t = 0; t < 2 && status == ENG_OK; t++) {
        status = eng_mpi_allgather((double *)res->summary[t], total[t], SUMMARY_DOUBLES, &ctx.err);
        if (status == ENG_OK && res->same_region && total[t])
            memcpy(res->summary[t] + total[t], res->summary[t], total[t] * sizeof *res->summary[t]);
    }
    if (status != ENG_OK && err)
        *err = ctx.err;
    return status;
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

double ea_results_value(const ea_results *res, int table, int scope, int period, int ind, size_t rep)
{
    size_t cell = cell_index(res, table, scope, period);
    if (!res->cache)
        return stored_or_fixed(res, table, res->values[table] + rep * res->nseries[table], cell, ind);
    if (res->set.ind[ind].var < 0)
        return stored_or_fixed(res, table, NULL, cell, ind);
    size_t s = cell * (size_t)res->set.nvar + (size_t)res->set.ind[ind].var;
    series_cache *c = res->cache;
    pthread_mutex_lock(&c->lock);
    if (c->table != table || c->series != s) {
        double *buf = malloc(res->block * sizeof *buf);
        eng_error err;
        int ok = buf && read_series(res, table, s, 1, c->x, buf, &err) == ENG_OK;
        free(buf);
        c->table = table;
        c->series = ok ? s : SIZE_MAX;
        if (!ok) {
            pthread_mutex_unlock(&c->lock);
            return NAN;
        }
    }
    double x = c->x[rep];
    pthread_mutex_unlock(&c->lock);
    return x;
}

const eng_stats_summary *ea_results_summary(const ea_results *res, int table, int scope, int period,
                                            int ind)
{
    size_t c = cell_index(res, table, scope, period);
    int var = res->set.ind[ind].var;
    if (var < 0)
        return fixed_summary(res, table, c, ind);
    return &res->summary[table][c * (size_t)res->set.nvar + (size_t)var];
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

/* Room for the first cells of a row: a code of EA_MAX_NAME bytes with its quotes doubled, the
 * marks eng_csv_text may add (quotes, a single quote, a word joiner) and the separator. */
enum { SCOPE_ROOM = 3 * EA_MAX_NAME };

/* The first cells of the rows of a scope, its code as a text cell and the separator, into
 * buf[SCOPE_ROOM]; returns the length, or -1 when memory ran out. */
static int scope_cells(char *buf, const char *scope, const eng_csv_style *style)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return -1;
    eng_csv_text(m, scope, style);
    fputc(style->sep, m);
    int status = fclose(m);
    if (status == 0 && len < SCOPE_ROOM)
        memcpy(buf, text, len);
    free(text);
    return status == 0 && len < SCOPE_ROOM ? (int)len : -1;
}

/* Lines are assembled in memory and written a buffer at a time: fputs and fputc take the stream's
 * lock at each call, which cost as much as formatting the numbers (a third of the tables' time
 * for the M/M/10 benchmark's 31 000 rows). LINE_ROOM holds any row: the scope's cells, a period
 * and an indicator name (under 128 bytes together) and EA_NSTATS numbers. */
enum { OUT_BYTES = 1 << 15, LINE_ROOM = SCOPE_ROOM + 128 + EA_NSTATS * (ENG_CSV_NUMBER_SIZE + 1) };

int ea_results_write_table(const ea_results *res, int table, FILE *f, const eng_csv_style *style,
                           eng_error *err)
{
    char sep = style->sep, out[OUT_BYTES], scope[SCOPE_ROOM];
    size_t used = 0;
    ea_tables_write_header(f, table == EA_MONTHLY ? EA_TABLE_MONTHLY : EA_TABLE_ANNUAL, style);
    for (int s = 0; s < res->nscopes; s++) {
        int cells = scope_cells(scope, res->scope[s], style);
        if (cells < 0)
            return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        size_t ns = (size_t)cells;
        for (int i = 0; i < res->nper[table]; i++) {
            const char *label = res->per[table][i].label;
            size_t nl = strlen(label);
            for (int j = 0; j < res->set.n; j++) {
                const eng_stats_summary *sm = ea_results_summary(res, table, s, i, j);
                ea_indicators_unit unit = ea_indicators_def(res->set.ind[j].def)->unit;
                const char *name = res->set.ind[j].name;
                size_t nn = strlen(name);
                if (used > OUT_BYTES - LINE_ROOM) {
                    fwrite(out, 1, used, f);
                    used = 0;
                }
                memcpy(out + used, scope, ns);
                memcpy(out + used + ns, label, nl);
                used += ns + nl;
                out[used++] = sep;
                memcpy(out + used, name, nn);
                used += nn;
                for (int k = 0; k < EA_NSTATS; k++) {
                    out[used++] = sep;
                    used += (size_t)ea_tables_format_value(out + used, stat_value(sm, k), unit, style);
                }
                out[used++] = '\n';
            }
        }
    }
    fwrite(out, 1, used, f);
    return ferror(f) ? eng_error_set(err, ENG_EFAIL, "%s : échec de l'écriture (disque plein ?)",
                                     ea_tables_file(table == EA_MONTHLY ? EA_TABLE_MONTHLY
                                                                         : EA_TABLE_ANNUAL))
                     : ENG_OK;
}
