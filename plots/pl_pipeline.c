/* pl_pipeline.c — The stages that fill an output directory: simulate, compare, costs, fit, charts
 * and the report page. */
#include "pl_pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "../engine/eng_out.h"
#include "../engine/eng_path.h"
#include "../models/ea_costs.h"
#include "../models/ea_fit.h"
#include "../models/ea_fit_write.h"
#include "../models/ea_manifest.h"
#include "pl_charts.h"
#include "pl_report.h"

/* The tolerance of the report's cost check: a department whose cost per place is more than 10 %
 * from the scenario's is flagged. */
#define REPORT_COST_TOLERANCE 0.10

/* Runs the replications and writes the tables and the run's record into the set of outputs. */
static int simulate_into(const ea_scenario *sc, const pl_pipeline_options *opt, eng_out *out,
                         eng_error *err)
{
    ea_results *res = NULL;
    int status = ea_simulate_run(sc, &opt->run, &res, err);
    for (int t = 0; t < EA_MANIFEST_NTABLES && status == ENG_OK; t++) {
        FILE *f = eng_out_open(out, ea_manifest_tables[t], err);
        status = f ? ea_results_write_table(res, t, f, opt->style, err) : ENG_EFAIL;
        /* Flushed, so that a later stage may read the table from its temporary file. */
        if (f)
            fflush(f);
    }
    if (status == ENG_OK)
        status = ea_manifest_write(sc, out, err);
    ea_results_free(res);
    return status;
}

int pl_pipeline_simulate(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                         eng_error *err)
{
    eng_out *out = eng_out_begin(dir, err);
    int status = out ? simulate_into(sc, opt, out, err) : ENG_EFAIL;
    return eng_out_finish(out, status, err);
}

/* Sets path[t] to an allocated copy of the path of table t: in dir, or, when out is not NULL, the
 * temporary file of the set. */
static int table_paths(const char *dir, const eng_out *out, char *path[EA_MANIFEST_NTABLES],
                       eng_error *err)
{
    for (int t = 0; t < EA_MANIFEST_NTABLES; t++) {
        const char *tmp = out ? eng_out_tmp_path(out, ea_manifest_tables[t]) : NULL;
        path[t] = out ? (tmp ? strdup(tmp) : NULL) : eng_path_join(dir, ea_manifest_tables[t], err);
        if (!path[t])
            return out ? eng_error_set(err, ENG_EFAIL, "out of memory") : ENG_EFAIL;
    }
    return ENG_OK;
}

static void table_paths_free(char *path[EA_MANIFEST_NTABLES])
{
    for (int t = 0; t < EA_MANIFEST_NTABLES; t++)
        free(path[t]);
}

/* Compares the observed aggregates with the tables at path[] and checks opt->at. */
static int compare_tables(const ea_scenario *sc, const pl_pipeline_options *opt,
                          char *const path[EA_MANIFEST_NTABLES], ea_compare **cmp, eng_error *err)
{
    int status = ea_compare_run(opt->observed, path[EA_MONTHLY], path[EA_ANNUAL], sc->cost_per_place,
                                cmp, err);
    if (status == ENG_OK && opt->at && !ea_compare_has_date(*cmp, opt->at))
        status = eng_error_set(err, ENG_EINPUT, "--at %s: no observation with both places and "
                               "file_active at that date in %s", opt->at, opt->observed);
    return status;
}

int pl_pipeline_compare(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                        ea_compare **cmp, int *reused, eng_error *err)
{
    *cmp = NULL;
    *reused = 0;
    char *path[EA_MANIFEST_NTABLES] = { NULL };
    eng_out *out = eng_out_begin(dir, err);
    int status = out ? ENG_OK : ENG_EFAIL;
    if (status == ENG_OK && ea_manifest_matches(dir, sc)) {
        *reused = 1;
        status = table_paths(dir, NULL, path, err);
    } else if (status == ENG_OK && (status = simulate_into(sc, opt, out, err)) == ENG_OK) {
        status = table_paths(dir, out, path, err);
    }
    if (status == ENG_OK)
        status = compare_tables(sc, opt, path, cmp, err);
    if (status == ENG_OK)
        status = ea_compare_write(*cmp, out, opt->style, err);
    status = eng_out_finish(out, status, err);
    table_paths_free(path);
    if (status != ENG_OK) {
        ea_compare_free(*cmp);
        *cmp = NULL;
    }
    return status;
}

/* The simulation's tables of the report: kept when they are those of this very run. */
static int report_tables(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                         eng_error *err)
{
    eng_out *out = eng_out_begin(dir, err);
    if (!out)
        return ENG_EFAIL;
    if (ea_manifest_matches(dir, sc)) {
        eng_out_abort(out);
        return ENG_OK;
    }
    return eng_out_finish(out, simulate_into(sc, opt, out, err), err);
}

static int report_compare(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                          eng_error *err)
{
    char *path[EA_MANIFEST_NTABLES] = { NULL };
    ea_compare *cmp = NULL;
    int status = table_paths(dir, NULL, path, err);
    if (status == ENG_OK)
        status = ea_compare_run(opt->observed, path[EA_MONTHLY], path[EA_ANNUAL], sc->cost_per_place,
                                &cmp, err);
    table_paths_free(path);
    if (status == ENG_OK) {
        eng_out *out = eng_out_begin(dir, err);
        status = eng_out_finish(out, out ? ea_compare_write(cmp, out, opt->style, err) : ENG_EFAIL, err);
    }
    ea_compare_free(cmp);
    return status;
}

static int report_costs(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                        eng_error *err)
{
    ea_costs c;
    int status = ea_costs_compute(opt->funding, sc->cost_per_place, REPORT_COST_TOLERANCE, &c, err);
    if (status != ENG_OK)
        return status;
    eng_out *out = eng_out_begin(dir, err);
    status = eng_out_finish(out, out ? ea_costs_write(&c, out, opt->style, err) : ENG_EFAIL, err);
    ea_costs_clear(&c);
    return status;
}

int pl_pipeline_fit(const char *records, const char *dir, const char *ini_name, const char *as_of,
                    const eng_csv_style *style, ea_fit **out, eng_error *err)
{
    *out = NULL;
    if (!*ini_name)
        return eng_error_set(err, ENG_EINPUT, "%s/: expected the path of the scenario file to write "
                             "(for example out/fitted.ini), not a directory", dir);
    ea_fit *fit = NULL;
    int status = ea_fit_compute(records, as_of, &fit, err);
    eng_out *set = status == ENG_OK ? eng_out_begin(dir, err) : NULL;
    if (status == ENG_OK)
        status = eng_out_finish(set, set ? ea_fit_write_files(fit, set, ini_name, style, err)
                                         : ENG_EFAIL, err);
    if (status == ENG_OK)
        *out = fit;
    else
        ea_fit_free(fit);
    return status;
}

static int report_fit(const char *dir, const pl_pipeline_options *opt, eng_error *err)
{
    ea_fit *fit = NULL;
    int status = pl_pipeline_fit(opt->records, dir, "fitted.ini", NULL, opt->style, &fit, err);
    ea_fit_free(fit);
    return status;
}

int pl_pipeline_plot(const char *dir, pl_gnuplot_format format, pl_text_lang lang, int *ncharts,
                     eng_error *err)
{
    *ncharts = 0;
    /* The tables are read before the set begins, so that a directory without tables is left
     * without a plots/ folder. */
    pl_charts *c = NULL;
    int status = pl_charts_read(dir, lang, &c, err);
    char *plots = status == ENG_OK ? eng_path_join(dir, "plots", err) : NULL;
    if (status == ENG_OK && !plots)
        status = ENG_EFAIL;
    eng_out *out = status == ENG_OK ? eng_out_begin(plots, err) : NULL;
    if (status == ENG_OK)
        status = eng_out_finish(out, out ? pl_charts_draw(c, out, format, err) : ENG_EFAIL, err);
    if (status == ENG_OK)
        *ncharts = pl_charts_count(c);
    free(plots);
    pl_charts_free(c);
    return status;
}

int pl_pipeline_report(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                       int *ncharts, eng_error *err)
{
    *ncharts = 0;
    int status = report_tables(dir, sc, opt, err);
    if (status == ENG_OK && opt->observed)
        status = report_compare(dir, sc, opt, err);
    if (status == ENG_OK && opt->funding)
        status = report_costs(dir, sc, opt, err);
    if (status == ENG_OK && opt->records)
        status = report_fit(dir, opt, err);
    if (status == ENG_OK)
        status = pl_pipeline_plot(dir, PL_PNG, opt->lang, ncharts, err);
    if (status == ENG_OK) {
        pl_report_input in = { .year = opt->year, .lang = opt->lang, .observed = opt->observed,
                                .funding = opt->funding, .records = opt->records };
        eng_out *out = eng_out_begin(dir, err);
        status = eng_out_finish(out, out ? pl_report_write(out, dir, &in, err) : ENG_EFAIL, err);
    }
    return status;
}
