/* ea_simulate.c — Monte Carlo runs: per-thread model workspaces; each replication's raw
 * accumulators, and the region's sum of them, handed to the results. */
#include "ea_simulate.h"

#include <stdlib.h>
#include <string.h>

#include "ea_guard.h"
#include "ea_model.h"

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

static void workspaces_free(sim_ctx *ctx, int nthreads)
{
    for (int t = 0; t < nthreads; t++) {
        ea_results_add_events(ctx->res, ctx->ws[t].events);
        ea_model_free(ctx->ws[t].model);
        free(ctx->ws[t].raw);
        free(ctx->ws[t].region);
    }
    free(ctx->ws);
}

int ea_simulate_run(const ea_scenario *sc, const ea_simulate_options *opt, ea_results **out,
                    eng_error *err)
{
    *out = NULL;
    if (ea_guard_run(sc, opt ? opt->threads : 0, opt && opt->annual_only, NULL, err) != ENG_OK)
        return ENG_EINPUT;
    ea_results *res = ea_results_alloc_block(sc, opt && opt->annual_only, opt ? opt->block : 0,
                                             err);
    if (!res)
        return ENG_EFAIL;
    int nthreads = opt && opt->threads > 0 ? opt->threads : eng_runner_default_threads();
    if ((size_t)nthreads > ea_results_nreps(res))
        nthreads = (int)ea_results_nreps(res);

    sim_ctx ctx = { sc, res, calloc((size_t)nthreads, sizeof(thread_ws)) };
    if (!ctx.ws) {
        ea_results_free(res);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    int status = workspaces_alloc(&ctx, nthreads, err);
    size_t total = ea_results_nreps(res), block = ea_results_block(res);
    for (size_t first = 0; first < total && status == ENG_OK; first += block) {
        size_t count = total - first < block ? total - first : block;
        status = eng_runner_run_range(first, count, total, nthreads, sc->seed, run_replication,
                                      &ctx, opt ? opt->progress : NULL,
                                      opt ? opt->progress_data : NULL, err);
        if (status == ENG_OK)
            status = ea_results_flush(res, nthreads, err);
    }
    workspaces_free(&ctx, nthreads);
    if (status == ENG_OK)
        status = ea_results_summarise(res, nthreads, err);
    if (status != ENG_OK) {
        ea_results_free(res);
        return status;
    }
    *out = res;
    return ENG_OK;
}
