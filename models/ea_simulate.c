/* ea_simulate.c — Monte Carlo runs: per-thread model workspaces; each replication's raw
 * accumulators, and the region's sum of them, handed to the results. */
#include "ea_simulate.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_mpi.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_guard.h"
#include "ea_model.h"
#include "ea_scenario_ini.h"
#include "ea_tables.h"

/* The key indicators of -n auto, with the unit each is judged in. */
static const struct {
    const char *name;
    ea_simulate_mode unit;
} key_indicators[] = {
    { "file_active", EA_SIMULATE_PERSONS },
    { "waiting", EA_SIMULATE_PERSONS },
    { "funding_eur", EA_SIMULATE_EUROS },
};
enum { NKEYS = sizeof key_indicators / sizeof *key_indicators };

int ea_simulate_precision_parse(const char *text, ea_simulate_precision *out, eng_error *err)
{
    static const struct {
        const char *suffix;
        ea_simulate_mode mode;
        double scale;
    } units[] = { { "%", EA_SIMULATE_RELATIVE, 0.01 }, { "pers", EA_SIMULATE_PERSONS, 1 },
                  { "personnes", EA_SIMULATE_PERSONS, 1 }, { "€", EA_SIMULATE_EUROS, 1 },
                  { "eur", EA_SIMULATE_EUROS, 1 }, { "", EA_SIMULATE_RELATIVE, 1 } };
    char *end;
    double x = strtod(text, &end);
    while (*end == ' ')
        end++;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; end != text && i < sizeof units / sizeof *units; i++) {
        if (strcmp(end, units[i].suffix) != 0)
            continue;
        out->mode = units[i].mode;
        out->target = x * units[i].scale;
        if (!isfinite(out->target) || out->target <= 0)
            break;
        if (out->mode == EA_SIMULATE_RELATIVE && out->target >= 1)
            return eng_error_set(err, ENG_EINPUT, "--precision : « %s » sans unité est une part de "
                                 "la moyenne, à écrire entre 0 et 1 (0.01) ou en pour cent (1%%) ; "
                                 "pour une demi-largeur absolue, ajoutez l'unité : %spers ou %s€",
                                 text, text, text);
        return ENG_OK;
    }
    return eng_error_set(err, ENG_EINPUT, "--precision : attendu une part de la moyenne (0.01 ou 1%%), "
                         "des personnes (5pers) ou des euros (2000€), positive, lu « %s »", text);
}

/* The index of each key indicator judged under mode in the set, into ind; returns their number. */
static int key_indices(const ea_indicators *set, ea_simulate_mode mode, int *ind)
{
    int n = 0;
    for (int i = 0; i < NKEYS; i++) {
        const char *name = ea_simulate_key_name(i, mode);
        int k = name ? ea_indicators_find(set, name) : -1;
        if (k >= 0)
            ind[n++] = k;
    }
    return n;
}

/* Judges every tracked series against the precision, filling r with the worst. Relative, a series
 * meets it when its half-width h <= max(target x |mean|, 0.5): the worst is then the largest
 * h / max(|mean|, 0.5 / target), the precision achieved, so that it meets the precision exactly when
 * that is at most the target; in persons or euros, the largest h. h is Student's t at 97.5 % with
 * n - 1 degrees of freedom times sd / sqrt(n), as the report computes it from the tables. */
static void judge(const ea_results *res, const int *ind, int nind, ea_simulate_reached *r)
{
    const ea_simulate_precision *p = &r->precision;
    double mean, sd;
    ea_results_tracked(res, 0, 0, 0, &mean, &sd, &r->replications);
    double q = r->replications > 1 ? gsl_cdf_tdist_Pinv(0.975, (double)r->replications - 1) : NAN;
    r->achieved = 0;
    r->met = 1;
    for (int s = 0; s < ea_results_nscopes(res); s++)
        for (int y = 0; y < ea_results_nperiods(res, EA_ANNUAL); y++)
            for (int k = 0; k < nind; k++) {
                ea_results_tracked(res, s, y, k, &mean, &sd, &r->replications);
                double h = q * sd / sqrt((double)r->replications), x = h;
                if (p->mode == EA_SIMULATE_RELATIVE)
                    x = h / fmax(fabs(mean), 0.5 / p->target);
                if (!(x <= p->target))
                    r->met = 0;
                if (!(x <= r->achieved)) {
                    r->achieved = x;
                    snprintf(r->scope, sizeof r->scope, "%s", ea_results_scope(res, s));
                    snprintf(r->year, sizeof r->year, "%s", ea_results_period(res, EA_ANNUAL, y));
                    snprintf(r->indicator, sizeof r->indicator, "%s",
                             ea_results_indicators(res)->ind[ind[k]].name);
                }
            }
}

typedef struct thread_ws {
    ea_model *model;
    double *raw;                     /* ndepartments * months * EA_RAW_COUNT */
    double *region;                  /* months * EA_RAW_COUNT */
    unsigned long events;
} thread_ws;

typedef struct sim_ctx {
    const ea_scenario *sc;
    ea_results *res;
    thread_ws *ws;
} sim_ctx;

static int run_replication(void *vctx, int thread, size_t rep, gsl_rng *rng, eng_error *err)
{
    sim_ctx *ctx = vctx;
    const ea_scenario *sc = ctx->sc;
    thread_ws *ws = &ctx->ws[thread];
    int status = ea_model_run(ws->model, rng, ws->raw, err);
    if (status != ENG_OK)
        return status;
    ws->events += ea_model_events(ws->model);

    int nscopes = ea_results_nscopes(ctx->res);
    size_t per_dept = (size_t)sc->months * EA_RAW_COUNT;
    /* The region of one department is stored with it (ea_results_store copies it). */
    if (nscopes > 1 && sc->ndepartments == 1)
        nscopes = 1;
    if (nscopes > 1) {
        memset(ws->region, 0, per_dept * sizeof *ws->region);
        for (int d = 0; d < sc->ndepartments; d++) {
            const double *raw = ws->raw + (size_t)d * per_dept;
            for (size_t x = 0; x < per_dept; x++)
                ws->region[x] += raw[x];
        }
    }
    for (int s = 0; s < nscopes; s++) {
        int region = s == nscopes - 1 && nscopes > 1;
        ea_results_store(ctx->res, rep, s, region ? ws->region : ws->raw + (size_t)s * per_dept);
    }
    return ENG_OK;
}

/* A model and raw buffers for each thread. */
static int workspaces_alloc(sim_ctx *ctx, int nthreads, eng_error *err)
{
    const ea_scenario *sc = ctx->sc;
    size_t per_dept = (size_t)sc->months * EA_RAW_COUNT;
    for (int t = 0; t < nthreads; t++) {
        thread_ws *ws = &ctx->ws[t];
        ws->model = ea_model_alloc(sc, err);
        ws->raw = malloc((size_t)sc->ndepartments * per_dept * sizeof(double));
        ws->region = malloc(per_dept * sizeof(double));
        if (!ws->model)
            return ENG_EFAIL;
        if (!ws->raw || !ws->region)
            return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    return ENG_OK;
}

/* Frees the workspaces and counts their events, summed over the processes of an MPI job (whose
 * every process calls this at the same point), so that every process holds the run's total. */
static void workspaces_free(sim_ctx *ctx, int nthreads)
{
    unsigned long events = 0;
    for (int t = 0; t < nthreads; t++) {
        events += ctx->ws[t].events;
        ea_model_free(ctx->ws[t].model);
        free(ctx->ws[t].raw);
        free(ctx->ws[t].region);
    }
    free(ctx->ws);
    ea_results_add_events(ctx->res, eng_mpi_sum(events));
}

/* The progress of a block in an MPI job, told from rank 0's share as if every process were as far:
 * rank 0's share, the longest, ends the block at its last replication. */
typedef struct shared_progress {
    eng_runner_progress_fn fn;
    void *data;
    size_t first, lo, count;   /* the block's first replication, the share's, the block's count */
    int size;
} shared_progress;

static void tell_shared(size_t done, size_t total, void *vdata)
{
    const shared_progress *sp = vdata;
    size_t mine = (done - sp->first - sp->lo) * (size_t)sp->size;
    sp->fn(sp->first + (mine < sp->count ? mine : sp->count), total, sp->data);
}

/* Runs replications first .. first+count-1 of a block. In an MPI job each process runs its
 * contiguous share of them (streams depend on (seed, replication) alone, so the values are those
 * of a single process), all processes agree on the status, then exchange their rows so that each
 * holds the whole block; with one process this is the whole block, run on the threads. */
static int run_block(sim_ctx *ctx, int nthreads, const ea_simulate_options *opt, size_t first,
                     size_t count, eng_error *err)
{
    size_t lo, n, total = ea_results_nreps(ctx->res);
    int size = eng_mpi_size();
    eng_mpi_share(count, eng_mpi_rank(), size, &lo, &n);
    shared_progress sp = { opt ? opt->progress : NULL, opt ? opt->progress_data : NULL, first, lo,
                           count, size };
    eng_runner_progress_fn fn = sp.fn && size > 1 ? tell_shared : sp.fn;
    int status = n == 0 ? ENG_OK
                        : eng_runner_run_range(first + lo, n, total, nthreads, ctx->sc->seed,
                                               run_replication, ctx, fn,
                                               fn == tell_shared ? (void *)&sp : sp.data, err);
    status = eng_mpi_agree(status, err);
    if (status == ENG_OK)
        status = ea_results_share_block(ctx->res, count, err);
    if (status == ENG_OK)
        status = ea_results_flush(ctx->res, nthreads, err);
    return eng_mpi_agree(status, err);
}

/* Runs blocks of replications until the end, or, under -n auto (reached not NULL), until a batch
 * meets the precision, where the run is then cut. */
static int run_blocks(sim_ctx *ctx, int nthreads, const ea_simulate_options *opt,
                      ea_simulate_reached *reached, eng_error *err)
{
    ea_results *res = ctx->res;
    int autorun = reached != NULL, ind[NKEYS], nind = 0;
    int status = ENG_OK;
    if (autorun) {
        nind = key_indices(ea_results_indicators(res), reached->precision.mode, ind);
        status = ea_results_track(res, ind, nind, err);
    }
    size_t total = ea_results_nreps(res), block = ea_results_block(res);
    for (size_t first = 0; first < total && status == ENG_OK; first += block) {
        size_t count = total - first < block ? total - first : block;
        status = run_block(ctx, nthreads, opt, first, count, err);
        if (status != ENG_OK || !autorun || first + count < EA_SIMULATE_BATCH)
            continue;
        judge(res, ind, nind, reached);
        if (reached->met)
            break;
    }
    if (autorun && status == ENG_OK)
        ea_results_stop(res);
    return status;
}

/* The block of a streamed run rounded down to a multiple of the workers (threads times MPI
 * processes), so that no worker idles at the end of each block while another runs one replication
 * more: the national scenario's 15 replications a block on two threads ran 8 against 7. The tables
 * do not change, since replication i draws from (seed, i) alone whatever the block. */
static size_t worker_block(const ea_scenario *sc, int annual_only, int nthreads)
{
    ea_results_plan plan;
    ea_results_plan_run(sc, annual_only, 0, &plan);
    size_t workers = (size_t)nthreads * (size_t)eng_mpi_size();
    if (!plan.streamed || plan.block < workers)
        return 0;
    return plan.block - plan.block % workers;
}

int ea_simulate_run(const ea_scenario *sc, const ea_simulate_options *opt, ea_results **out,
                    eng_error *err)
{
    *out = NULL;
    ea_simulate_reached local, *reached = NULL;
    ea_scenario cap = *sc;   /* -n auto: room for the ceiling, guarded at the floor */
    size_t block = opt ? opt->block : 0;
    if (opt && opt->precision.mode != EA_SIMULATE_FIXED) {
        reached = opt->reached ? opt->reached : &local;
        memset(reached, 0, sizeof *reached);
        reached->precision = opt->precision;
        size_t ceiling = opt->precision.ceiling ? opt->precision.ceiling : EA_GUARD_MAX_REPLICATIONS;
        cap.replications = EA_SIMULATE_BATCH < ceiling ? EA_SIMULATE_BATCH : (int)ceiling;
        if (ea_guard_run(&cap, opt->threads, opt->annual_only, NULL, err) != ENG_OK)
            return ENG_EINPUT;
        cap.replications = (int)ceiling;
        block = EA_SIMULATE_BATCH;
    } else if (ea_guard_run(sc, opt ? opt->threads : 0, opt && opt->annual_only, NULL, err) != ENG_OK)
        return ENG_EINPUT;
    /* Each step that may fail on one process of an MPI job alone (memory, the temporary files) is
     * agreed, so that all processes stop at the same point with the same message. */
    int nthreads = opt && opt->threads > 0 ? opt->threads : eng_runner_default_threads();
    if (block == 0)
        block = worker_block(&cap, opt && opt->annual_only, nthreads);
    ea_results *res = ea_results_alloc_block(&cap, opt && opt->annual_only, block, err);
    if (res && (size_t)nthreads > ea_results_nreps(res))
        nthreads = (int)ea_results_nreps(res);
    sim_ctx ctx = { sc, res, res ? calloc((size_t)nthreads, sizeof(thread_ws)) : NULL };
    int status = !res ? ENG_EFAIL : ctx.ws ? ENG_OK
                                           : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (eng_mpi_agree(status, err) != ENG_OK) {
        free(ctx.ws);
        ea_results_free(res);
        return ENG_EFAIL;
    }
    status = eng_mpi_agree(workspaces_alloc(&ctx, nthreads, err), err);
    if (status == ENG_OK)
        status = run_blocks(&ctx, nthreads, opt, reached, err);
    workspaces_free(&ctx, nthreads);
    if (status == ENG_OK)
        status = ea_results_summarise(res, nthreads, err);   /* agreed by every process */
    if (status != ENG_OK) {
        ea_results_free(res);
        return status;
    }
    *out = res;
    return ENG_OK;
}

static const char *const mode_names[] = { "fixed", "relative", "persons", "euros" };
#define RECORD_TAG "; -n auto:"

int ea_simulate_write_record(const ea_scenario *sc, const ea_simulate_options *opt,
                             const ea_results *res, eng_out *out, eng_error *err)
{
    ea_scenario done = *sc;   /* only written: its arrays stay sc's */
    done.replications = (int)ea_results_nreps(res);
    FILE *f = eng_out_open(out, ea_tables_file(EA_TABLE_RUN_INI), err);
    if (!f || ea_scenario_ini_write(&done, f, err) != ENG_OK)
        return ENG_EFAIL;
    const ea_simulate_reached *r = opt ? opt->reached : NULL;
    if (r && opt->precision.mode != EA_SIMULATE_FIXED)
        fprintf(f, "\n" RECORD_TAG " precision=%s:%.6g replications=%zu achieved=%.6g met=%d "
                "worst=%s/%s/%s\n", mode_names[r->precision.mode], r->precision.target,
                r->replications, r->achieved, r->met, r->scope, r->year, r->indicator);
    return ferror(f) ? eng_error_set(err, ENG_EFAIL, "run.ini : échec de l'écriture (disque plein ?)")
                     : ENG_OK;
}

/* Reads "worst=scope/year/indicator" at the end of the comment line into out; the fields stay empty
 * when it is missing or does not fit. */
static void worst_parse(const char *line, ea_simulate_reached *out)
{
    const char *end = strchr(line, '\n'), *w = strstr(line, " worst=");
    if (!end)
        end = line + strlen(line);
    if (!w || w > end)
        return;
    w += strlen(" worst=");
    const char *s1 = memchr(w, '/', (size_t)(end - w));
    const char *s2 = s1 ? memchr(s1 + 1, '/', (size_t)(end - s1 - 1)) : NULL;
    if (!s2 || s1 - w >= (long)sizeof out->scope || s2 - s1 - 1 >= (long)sizeof out->year
        || end - s2 - 1 >= (long)sizeof out->indicator)
        return;
    memcpy(out->scope, w, (size_t)(s1 - w));
    memcpy(out->year, s1 + 1, (size_t)(s2 - s1 - 1));
    memcpy(out->indicator, s2 + 1, (size_t)(end - s2 - 1));
}

int ea_simulate_record_parse(const char *text, ea_simulate_reached *out)
{
    const char *at = text ? strstr(text, RECORD_TAG " precision=") : NULL;
    memset(out, 0, sizeof *out);
    if (!at)
        return 0;
    char mode[16];
    if (sscanf(at, RECORD_TAG " precision=%15[a-z]:%lf replications=%zu achieved=%lf met=%d",
               mode, &out->precision.target, &out->replications, &out->achieved, &out->met) != 5)
        return 0;
    for (int m = EA_SIMULATE_RELATIVE; m <= EA_SIMULATE_EUROS; m++)
        if (strcmp(mode, mode_names[m]) == 0)
            out->precision.mode = (ea_simulate_mode)m;
    worst_parse(at, out);
    return out->precision.mode != EA_SIMULATE_FIXED;
}

int ea_simulate_key_count(void) { return NKEYS; }

const char *ea_simulate_key_name(int i, ea_simulate_mode mode)
{
    if (i < 0 || i >= NKEYS)
        return NULL;
    return mode == EA_SIMULATE_RELATIVE || mode == key_indicators[i].unit ? key_indicators[i].name
                                                                          : NULL;
}

const char *ea_simulate_format_precision(char *buf, size_t size, ea_simulate_mode mode, double x)
{
    char num[64];
    int decimals = mode == EA_SIMULATE_RELATIVE ? 2 : x < 10 ? 1 : 0;
    int en = eng_msg_get_lang() == ENG_MSG_EN;
    eng_text_format_grouped(num, sizeof num, mode == EA_SIMULATE_RELATIVE ? 100 * x : x, decimals,
                            en ? "," : " ", en ? '.' : ',');
    snprintf(buf, size, "%s%s", num, mode == EA_SIMULATE_RELATIVE ? (en ? "%" : " %")
                                     : mode == EA_SIMULATE_PERSONS ? eng_msg_tr(" personnes") : " €");
    return buf;
}
