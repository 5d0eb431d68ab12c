/* pl_pipeline.c — The stages that fill an output directory: simulate, compare, costs, fit, charts
 * and the report page. Each command's files are one set with its record (ea_manifest), which
 * replaces the set of the run before it in the directory. */
#include "pl_pipeline.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../engine/eng_array.h"
#include "../engine/eng_mpi.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_out.h"
#include "../engine/eng_path.h"
#include "../models/ea_calibrate_print.h"
#include "../models/ea_calibrate_write.h"
#include "../models/ea_costs.h"
#include "../models/ea_fit.h"
#include "../models/ea_fit_write.h"
#include "../models/ea_manifest.h"
#include "../models/ea_sources.h"
#include "../models/ea_tables.h"
#include "pl_calibrate.h"
#include "pl_charts.h"
#include "pl_compare.h"
#include "pl_compare_page.h"
#include "pl_report.h"
#include "pl_report_keys.h"
#include "pl_sensitivity.h"
#include "pl_workbook.h"

/* The subdirectory of an output directory that holds the charts. */
#define PLOTS "plots"

/* The simulation's tables, by their index in ea_results (EA_MONTHLY, EA_ANNUAL). */
enum { NTABLES = 2 };
static const ea_tables_id sim_tables[NTABLES] = { [EA_MONTHLY] = EA_TABLE_MONTHLY,
                                                  [EA_ANNUAL] = EA_TABLE_ANNUAL };

/* What a reused run keeps of the directory: its record of the scenario and its tables. */
static const ea_tables_id kept_tables[] = { EA_TABLE_RUN_INI, EA_TABLE_MONTHLY, EA_TABLE_ANNUAL };
#define NKEPT (sizeof kept_tables / sizeof *kept_tables)

/* The one line that says the tables were not simulated again. */
static void notice_reused(const pl_pipeline_options *opt, const char *dir)
{
    if (opt->notices)
        fprintf(opt->notices, eng_msg_tr("eaflow : tableaux repris de %s (même version d'eaflow, même "
                                         "scénario, graine et réplications)\n"), dir);
}

/* Begins the set of a run of sc into dir, recording its inputs: the scenario file, the files of
 * opt, and `sources` when not NULL (the sources document the report reads). */
static eng_out *begin_run(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                          const char *sources, eng_error *err)
{
    const char *inputs[] = { sc->path, opt->observed, opt->funding, opt->records, sources };
    const ea_manifest_run run = { .inputs = inputs, .ninputs = sizeof inputs / sizeof *inputs,
                                  .scenario = sc, .notices = opt->notices };
    return ea_manifest_begin_run(dir, &run, err);
}

/* Runs the replications and writes the tables and run.ini into the set of outputs. */
static int simulate_into(const ea_scenario *sc, const pl_pipeline_options *opt, eng_out *out,
                         eng_error *err)
{
    ea_results *res = NULL;
    int status = ea_simulate_run(sc, &opt->run, &res, err);
    if (status == ENG_OK)
        ea_manifest_set_replications(out, ea_results_nreps(res));
    for (int t = 0; t < NTABLES && status == ENG_OK; t++) {
        FILE *f = eng_out_open(out, ea_tables_file(sim_tables[t]), err);
        status = f ? ea_results_write_table(res, t, f, opt->style, err) : ENG_EFAIL;
        /* Flushed, so that a later stage may read the table from its temporary file. */
        if (f)
            fflush(f);
    }
    if (status == ENG_OK)
        status = ea_simulate_write_record(sc, &opt->run, res, out, err);
    ea_results_free(res);
    return status;
}

/* Whether this process makes the charts, pages and workbooks of a command: always in a single
 * process; in an MPI job rank 0 alone. The other ranks share the simulations, which every command
 * makes before anything is drawn, and their outputs are thrown away (cli/cli_mpi.h): drawing them
 * would only take time from rank 0 on the machine they may share with it. */
static int presents(void)
{
    return eng_mpi_rank() == 0;
}

/* Adds tableaux.xlsx to the set, made from its tables and sc, when opt asks for it. */
static int add_workbook(eng_out *out, const ea_scenario *sc, const pl_pipeline_options *opt,
                        eng_error *err)
{
    const pl_workbook_options wo = { .year = opt->year, .lang = opt->lang, .scenario = sc };
    return opt->xlsx ? pl_workbook_add(out, &wo, err) : ENG_OK;
}

int pl_pipeline_simulate(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                         eng_error *err)
{
    eng_out *out = begin_run(dir, sc, opt, NULL, err);
    int status = out ? simulate_into(sc, opt, out, err) : ENG_EFAIL;
    if (status == ENG_OK)
        status = add_workbook(out, sc, opt, err);
    return eng_out_finish(out, status, err);
}

/* Sets path[t] to an allocated copy of the path of table t: in dir, or, when out is not NULL, the
 * temporary file of the set. */
static int table_paths(const char *dir, const eng_out *out, char *path[NTABLES], eng_error *err)
{
    for (int t = 0; t < NTABLES; t++) {
        const char *name = ea_tables_file(sim_tables[t]);
        const char *tmp = out ? eng_out_tmp_path(out, name) : NULL;
        path[t] = out ? (tmp ? strdup(tmp) : NULL) : eng_path_join(dir, name, err);
        if (!path[t])
            return out ? eng_error_set(err, ENG_EFAIL, "mémoire insuffisante") : ENG_EFAIL;
    }
    return ENG_OK;
}

static void table_paths_free(char *path[NTABLES])
{
    for (int t = 0; t < NTABLES; t++)
        free(path[t]);
}

/* Compares the observed aggregates with the tables at path[] and checks opt->at. */
static int compare_tables(const ea_scenario *sc, const pl_pipeline_options *opt,
                          char *const path[NTABLES], ea_compare **cmp, eng_error *err)
{
    int status = ea_compare_run(opt->observed, path[EA_MONTHLY], path[EA_ANNUAL], sc->cost_per_place,
                                cmp, err);
    if (status == ENG_OK && opt->at && !ea_compare_has_date(*cmp, opt->at))
        status = eng_error_set(err, ENG_EINPUT, "--at %s : aucune observation de places et de "
                               "file_active à cette date dans %s ; choisissez une date où ce fichier "
                               "donne les deux", opt->at, opt->observed);
    return status;
}

/* Keeps the directory's run.ini and tables in the set: this run reuses them. */
static int keep_tables(eng_out *out, eng_error *err)
{
    int status = ENG_OK;
    for (size_t i = 0; i < NKEPT && status == ENG_OK; i++)
        status = eng_out_keep(out, ea_tables_file(kept_tables[i]), err);
    return status;
}

int pl_pipeline_compare(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                        ea_compare **cmp, int *reused, eng_error *err)
{
    *cmp = NULL;
    *reused = 0;
    char *path[NTABLES] = { NULL };
    eng_out *out = begin_run(dir, sc, opt, NULL, err);
    int status = out ? ENG_OK : ENG_EFAIL;
    if (status == ENG_OK && ea_manifest_reusable(dir, sc)) {
        *reused = 1;
        if ((status = keep_tables(out, err)) == ENG_OK)
            status = table_paths(dir, NULL, path, err);
    } else if (status == ENG_OK && (status = simulate_into(sc, opt, out, err)) == ENG_OK) {
        status = table_paths(dir, out, path, err);
    }
    if (status == ENG_OK)
        status = compare_tables(sc, opt, path, cmp, err);
    if (status == ENG_OK)
        status = ea_compare_write(*cmp, out, opt->style, err);
    if (status == ENG_OK)
        status = add_workbook(out, sc, opt, err);
    status = eng_out_finish(out, status, err);
    table_paths_free(path);
    if (status != ENG_OK) {
        ea_compare_free(*cmp);
        *cmp = NULL;
    } else if (*reused) {
        notice_reused(opt, dir);
    }
    return status;
}

int pl_pipeline_fit(const char *records, const char *dir, const char *ini_name, const char *as_of,
                    const eng_csv_style *style, ea_fit **out, eng_error *err)
{
    *out = NULL;
    if (!*ini_name)
        return eng_error_set(err, ENG_EINPUT, "%s/ : attendu le chemin du scénario à écrire "
                             "(par exemple out/fitted.ini), pas un dossier", dir);
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

/* ---- Files made in a scratch directory, then placed as one set ------------------------------ */

/* The regular files of a directory, by name, sorted (so that the record lists them in an order
 * that does not depend on the file system); hidden files are temporaries and left out. */
typedef struct file_list {
    char **names;
    int n, cap;
} file_list;

static void file_list_free(file_list *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_files(const char *dir, file_list *l, eng_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? ENG_OK
                               : eng_error_set(err, ENG_EFAIL, "%s : lecture impossible : %s", dir, eng_msg_errno(errno));
    int status = ENG_OK;
    const struct dirent *e;
    while (status == ENG_OK && (e = readdir(d)) != NULL) {
        char *path = e->d_name[0] == '.' ? NULL : eng_path_join(dir, e->d_name, err);
        struct stat st;
        if (path && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            char *copy = strdup(e->d_name);
            if (!copy || eng_array_reserve_int(&l->names, &l->cap, l->n + 1, sizeof *l->names, 32))
                status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
            if (status == ENG_OK)
                l->names[l->n++] = copy;
            else
                free(copy);
        } else if (!path && e->d_name[0] != '.') {
            status = ENG_EFAIL;
        }
        free(path);
    }
    closedir(d);
    if (l->n > 1)   /* an empty directory (a comparison with no chart) has no list to sort */
        qsort(l->names, (size_t)l->n, sizeof *l->names, cmp_names);
    return status;
}

/* Adopts into the set every file of src, named subdir/NAME (NAME when subdir is NULL); a name of
 * `kept` (nkept of them) is kept from the set's directory instead. */
static int adopt_files(eng_out *out, const char *src, const char *subdir, const char *const *kept,
                       size_t nkept, eng_error *err)
{
    file_list l = { 0 };
    int status = list_files(src, &l, err);
    for (int i = 0; i < l.n && status == ENG_OK; i++) {
        int keep = 0;
        for (size_t k = 0; k < nkept && !keep; k++)
            keep = strcmp(l.names[i], kept[k]) == 0;
        char *path = eng_path_join(src, l.names[i], err);
        char *name = subdir ? eng_path_join(subdir, l.names[i], err) : strdup(l.names[i]);
        if (!path || !name)
            status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        else if (keep)
            status = eng_out_keep(out, name, err);
        else
            status = eng_out_adopt(out, path, name, err);
        free(path);
        free(name);
    }
    file_list_free(&l);
    return status;
}

/* An error about a file of the scratch directory names the file it would have become. */
static void unscratch_message(eng_error *err, const char *scratch, const char *dir)
{
    char msg[sizeof err->msg];
    size_t used = 0, len = strlen(scratch);
    for (const char *p = err->msg; *p && used + 1 < sizeof msg;) {
        if (strncmp(p, scratch, len) == 0) {
            used += (size_t)snprintf(msg + used, sizeof msg - used, "%s", dir);
            p += len;
        } else {
            msg[used++] = *p++;
        }
    }
    msg[used < sizeof msg ? used : sizeof msg - 1] = '\0';
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

/* Draws the charts into the directory `into`, as one set. */
static int draw_charts(const pl_charts *c, const char *into, pl_gnuplot_format format,
                       eng_error *err)
{
    eng_out *out = eng_out_begin(into, err);
    return eng_out_finish(out, out ? pl_charts_draw(c, out, format, err) : ENG_EFAIL, err);
}

/* The charts of a directory: those of a comparison of scenarios (the differences with their bands,
 * pl_compare) when it holds scenarios.csv, else those of its tables (pl_charts). */
typedef struct plot_set {
    pl_charts *charts;
    ea_scenarios s;
    pl_compare *cmp;
} plot_set;

static int plot_read(const char *dir, pl_text_lang lang, plot_set *p, eng_error *err)
{
    memset(p, 0, sizeof *p);
    char *csv = eng_path_join(dir, ea_tables_file(EA_TABLE_SCENARIOS), err);
    if (!csv)
        return ENG_EFAIL;
    struct stat st;
    int comparison = stat(csv, &st) == 0;
    free(csv);
    if (!comparison)
        return pl_charts_read(dir, lang, &p->charts, err);
    int status = ea_scenarios_read(dir, &p->s, err);
    if (status == ENG_OK && (status = pl_compare_alloc(&p->s, lang, &p->cmp, err)) != ENG_OK)
        ea_scenarios_clear(&p->s);
    return status;
}

static void plot_free(plot_set *p)
{
    pl_charts_free(p->charts);
    pl_compare_free(p->cmp);
    ea_scenarios_clear(&p->s);
}

/* Draws the charts into the directory `into`, as one set. */
static int plot_draw(const plot_set *p, const char *into, pl_gnuplot_format format, eng_error *err)
{
    if (p->charts)
        return draw_charts(p->charts, into, format, err);
    eng_out *out = eng_out_begin(into, err);
    return eng_out_finish(out, out ? pl_compare_draw(p->cmp, out, format, 1, err) : ENG_EFAIL, err);
}

int pl_pipeline_plot(const char *dir, pl_gnuplot_format format, pl_text_lang lang, int *ncharts,
                     eng_error *err)
{
    *ncharts = 0;
    /* The tables are read before anything is created, so that a directory without tables is left
     * without a plots/ folder; the charts are drawn apart (in a scratch directory of plots/, which
     * a failure leaves empty), then replace those of dir/plots with the rest of dir's set kept. */
    plot_set p;
    int status = plot_read(dir, lang, &p, err);
    eng_out *out = status == ENG_OK ? ea_manifest_begin(dir, NULL, 0, err) : NULL;
    char *plots = out ? eng_path_join(dir, PLOTS, err) : NULL;
    char *scratch = plots ? eng_out_scratch(plots, "charts", err) : NULL;
    if (status == ENG_OK)
        status = scratch ? plot_draw(&p, scratch, format, err) : ENG_EFAIL;
    if (status != ENG_OK && scratch)
        unscratch_message(err, scratch, plots);
    if (status == ENG_OK)
        status = ea_manifest_keep_previous(out, PLOTS "/", err);
    if (status == ENG_OK)
        status = adopt_files(out, scratch, PLOTS, NULL, 0, err);
    status = eng_out_finish(out, status, err);
    if (status == ENG_OK)
        *ncharts = p.charts ? pl_charts_count(p.charts) : pl_compare_count(p.cmp);
    plot_free(&p);
    eng_out_scratch_remove(scratch);
    free(plots);
    return status;
}

/* ---- The report: every stage in a scratch directory, then one set -------------------------- */

/* Puts the directory's run.ini and tables in the scratch directory, for the stages to read: a
 * hard link, or a copy where the file system has none. */
static int link_tables(const char *dir, const char *scratch, eng_error *err)
{
    int status = ENG_OK;
    for (size_t i = 0; i < NKEPT && status == ENG_OK; i++) {
        const char *name = ea_tables_file(kept_tables[i]);
        char *from = eng_path_join(dir, name, err), *to = eng_path_join(scratch, name, err);
        if (!from || !to)
            status = ENG_EFAIL;
        else if (link(from, to) != 0) {
            FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
            char buf[65536];
            size_t got;
            while (out && (got = fread(buf, 1, sizeof buf, in)) > 0 && fwrite(buf, 1, got, out) == got)
                ;
            if (!out || ferror(in) || ferror(out))
                status = eng_error_set(err, ENG_EFAIL, "%s : copie pour le rapport impossible ; "
                                       "vérifiez la place libre sur le disque", from);
            if (out && fclose(out) != 0 && status == ENG_OK)
                status = eng_error_set(err, ENG_EFAIL, "%s : copie pour le rapport impossible ; "
                                       "vérifiez la place libre sur le disque", from);
            if (in)
                fclose(in);
        }
        free(from);
        free(to);
    }
    return status;
}

/* The simulation's tables of the report, in dir. */
static int report_tables(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                         eng_error *err)
{
    eng_out *out = eng_out_begin(dir, err);
    return eng_out_finish(out, out ? simulate_into(sc, opt, out, err) : ENG_EFAIL, err);
}

static int report_compare(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                          eng_error *err)
{
    char *path[NTABLES] = { NULL };
    ea_compare *cmp = NULL;
    int status = table_paths(dir, NULL, path, err);
    if (status == ENG_OK)
        status = ea_compare_run(opt->observed, path[EA_MONTHLY], path[EA_ANNUAL], sc->cost_per_place,
                                &cmp, err);
    table_paths_free(path);
    /* The page shows only what was compared: a column left out (a mistyped file_active) would
     * leave its checks out without a word. */
    if (status == ENG_OK && ea_compare_ignored(cmp)[0] && opt->notices)
        fprintf(opt->notices, eng_msg_tr("eaflow : attention : %s : colonnes ignorées, qui ne sont pas "
                                         "des indicateurs de la simulation : %s\n"),
                opt->observed, ea_compare_ignored(cmp));
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
    /* The funders' verdict is exact (tolerance 0): conforme at places x cost per place. */
    int status = ea_costs_compute(opt->funding, sc->cost_per_place, (ea_costs_tolerance){ 0 }, &c,
                                  err);
    if (status == ENG_OK)
        status = ea_costs_check(&c, sc, err);
    if (status != ENG_OK) {
        ea_costs_clear(&c);
        return status;
    }
    if (opt->warnings)
        ea_costs_print_mismatches(&c, opt->warnings);
    eng_out *out = eng_out_begin(dir, err);
    status = eng_out_finish(out, out ? ea_costs_write(&c, out, opt->style, err) : ENG_EFAIL, err);
    ea_costs_clear(&c);
    return status;
}

static int report_fit(const char *dir, const pl_pipeline_options *opt, eng_error *err)
{
    ea_fit *fit = NULL;
    int status = pl_pipeline_fit(opt->records, dir, ea_tables_file(EA_TABLE_FITTED_INI), NULL,
                                 opt->style, &fit, err);
    ea_fit_free(fit);
    return status;
}

static int report_page(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                       eng_error *err)
{
    pl_report_input in = { .year = opt->year, .lang = opt->lang, .observed = opt->observed,
                            .funding = opt->funding, .records = opt->records, .scenario = sc,
                            .until = opt->until, .sensitivity = opt->sensitivity };
    eng_out *out = eng_out_begin(dir, err);
    return eng_out_finish(out, out ? pl_report_write(out, dir, &in, err) : ENG_EFAIL, err);
}

static int report_workbook(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                           eng_error *err)
{
    const pl_workbook_options wo = { .year = opt->year, .lang = opt->lang, .scenario = sc,
                                     .until = opt->until };
    eng_out *out = eng_out_begin(dir, err);
    return eng_out_finish(out, out ? pl_workbook_write(out, dir, &wo, err) : ENG_EFAIL, err);
}

/* The sensitivity analysis of the report (opt->sensitivity): its table, summary and PNG charts,
 * beside the page's section. */
static int report_sensitivity(const char *scratch, const pl_pipeline_options *opt, eng_error *err)
{
    eng_out *out = eng_out_begin(scratch, err);
    char *charts = NULL;
    int n = 0;
    int status = out ? pl_sensitivity_write(opt->sensitivity, out, scratch, opt->style, PL_PNG,
                                            opt->lang, &charts, &n, err)
                     : ENG_EFAIL;
    status = eng_out_finish(out, status, err);
    eng_out_scratch_remove(charts);
    return status;
}

/* The report's PNG files in plots/, for the year the page speaks of (pl_report_keys_year): a chart
 * copied from there into slides shows the report's year, as the page does, not the last simulated
 * one (the occupancy chart of a 2022 report said 2026). */
static int report_charts(const char *scratch, const pl_pipeline_options *opt, int *ncharts,
                         eng_error *err)
{
    pl_data *d = NULL;
    pl_charts *c = NULL;
    pl_report_keys_why why;
    int year = 0, status = pl_data_read(scratch, &d, err);
    if (status == ENG_OK && d->annual)
        status = pl_report_keys_year(d, pl_data_region(d), opt->year, &year, &why, err);
    if (status == ENG_OK)
        status = pl_charts_alloc(d, opt->lang, year, &c, err);
    char *plots = status == ENG_OK ? eng_path_join(scratch, PLOTS, err) : NULL;
    if (status == ENG_OK)
        status = plots ? draw_charts(c, plots, PL_PNG, err) : ENG_EFAIL;
    if (status == ENG_OK)
        *ncharts = pl_charts_count(c);
    pl_charts_free(c);
    pl_data_free(d);
    free(plots);
    return status;
}

/* Every stage of the report, into the scratch directory. */
static int report_stages(const char *scratch, const ea_scenario *sc, const pl_pipeline_options *opt,
                         int reused, const char *dir, int *ncharts, eng_error *err)
{
    int status = reused ? link_tables(dir, scratch, err) : report_tables(scratch, sc, opt, err);
    if (status == ENG_OK && opt->observed)
        status = report_compare(scratch, sc, opt, err);
    if (status == ENG_OK && opt->funding)
        status = report_costs(scratch, sc, opt, err);
    if (status == ENG_OK && opt->records)
        status = report_fit(scratch, opt, err);
    if (status == ENG_OK && opt->sensitivity)
        status = report_sensitivity(scratch, opt, err);
    if (status != ENG_OK || !presents())
        return status;
    status = report_charts(scratch, opt, ncharts, err);
    /* The workbook and the page state the replications run: those -n auto reached. */
    ea_scenario ran = *sc;
    if (!reused && opt->run.precision.mode != EA_SIMULATE_FIXED && opt->run.reached)
        ran.replications = (int)opt->run.reached->replications;
    if (status == ENG_OK)
        status = report_workbook(scratch, &ran, opt, err);
    if (status == ENG_OK)
        status = report_page(scratch, &ran, opt, err);
    return status;
}

/* Adds what the stages made in the scratch directory to the run's set: the directory's own tables
 * are kept when the run reused them. */
static int adopt_report(eng_out *out, const char *scratch, int reused, eng_error *err)
{
    const char *kept[NKEPT];
    for (size_t i = 0; i < NKEPT; i++)
        kept[i] = ea_tables_file(kept_tables[i]);
    int status = adopt_files(out, scratch, NULL, kept, reused ? NKEPT : 0, err);
    char *plots = status == ENG_OK ? eng_path_join(scratch, PLOTS, err) : NULL;
    if (status == ENG_OK)
        status = plots ? adopt_files(out, plots, PLOTS, NULL, 0, err) : ENG_EFAIL;
    free(plots);
    return status;
}

int pl_pipeline_report(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                       int *ncharts, eng_error *err)
{
    *ncharts = 0;
    /* The set begins first, so that a directory whose record cannot be read stops the report
     * before any work. The sources document beside the scenario is an input when it is there. */
    char *sources = ea_sources_beside(sc->path, err);
    if (!sources)
        return ENG_EFAIL;
    struct stat st;
    eng_out *out = begin_run(dir, sc, opt, stat(sources, &st) == 0 ? sources : NULL, err);
    free(sources);
    char *scratch = out ? eng_out_scratch(dir, "report", err) : NULL;
    if (!scratch) {
        eng_out_abort(out);
        return ENG_EFAIL;
    }
    int reused = ea_manifest_reusable(dir, sc);
    int status = report_stages(scratch, sc, opt, reused, dir, ncharts, err);
    if (status == ENG_OK)
        status = adopt_report(out, scratch, reused, err);
    else
        unscratch_message(err, scratch, dir);
    status = eng_out_finish(out, status, err);
    eng_out_scratch_remove(scratch);
    if (status == ENG_OK && reused)
        notice_reused(opt, dir);
    if (status != ENG_OK)
        *ncharts = 0;
    return status;
}

/* ---- The comparison of scenarios: tables, charts and page in a scratch directory, one set ---- */

/* The tables, the workbook when asked, the difference charts and the page, into the scratch
 * directory. */
static int scenarios_stages(const char *scratch, const ea_scenarios *s,
                            const pl_pipeline_options *opt, eng_error *err)
{
    eng_out *out = eng_out_begin(scratch, err);
    int status = eng_out_finish(out, out ? ea_scenarios_write(s, out, opt->style, err) : ENG_EFAIL,
                                err);
    if (status != ENG_OK || !presents())
        return status;
    if (opt->xlsx) {
        const pl_workbook_options wo = { .year = opt->year, .lang = opt->lang,
                                         .replications = s->replications, .scenarios = s };
        out = eng_out_begin(scratch, err);
        status = eng_out_finish(out, out ? pl_workbook_write(out, scratch, &wo, err) : ENG_EFAIL, err);
    }
    pl_compare *c = NULL;
    if (status == ENG_OK)
        status = pl_compare_alloc(s, opt->lang, &c, err);
    char *plots = status == ENG_OK ? eng_path_join(scratch, PLOTS, err) : NULL;
    if (status == ENG_OK && !plots)
        status = ENG_EFAIL;
    if (status == ENG_OK) {
        out = eng_out_begin(plots, err);
        status = eng_out_finish(out, out ? pl_compare_draw(c, out, PL_PNG, 1, err) : ENG_EFAIL, err);
    }
    if (status == ENG_OK) {
        const pl_compare_page_input in = { opt->year, opt->lang, PLOTS, "png" };
        out = eng_out_begin(scratch, err);
        status = eng_out_finish(out, out ? pl_compare_page_write(out, s, c, &in, err) : ENG_EFAIL,
                                err);
    }
    pl_compare_free(c);
    free(plots);
    return status;
}

int pl_pipeline_scenarios(const char *dir, const char *const *paths, int n,
                          const ea_scenarios_options *run, const pl_pipeline_options *opt,
                          ea_scenarios *s, eng_error *err)
{
    memset(s, 0, sizeof *s);
    /* The set begins first, so that a directory whose record cannot be read stops before the
     * runs. */
    eng_out *out = ea_manifest_begin(dir, paths, n, err);
    if (!out)
        return ENG_EFAIL;
    int status = ea_scenarios_compute(paths, n, run, s, err);
    char *scratch = status == ENG_OK ? eng_out_scratch(dir, "scenarios", err) : NULL;
    if (status == ENG_OK && !scratch)
        status = ENG_EFAIL;
    if (status == ENG_OK && (status = scenarios_stages(scratch, s, opt, err)) != ENG_OK)
        unscratch_message(err, scratch, dir);
    if (status == ENG_OK)
        status = adopt_report(out, scratch, 0, err);
    status = eng_out_finish(out, status, err);
    eng_out_scratch_remove(scratch);
    if (status != ENG_OK)
        ea_scenarios_clear(s);
    return status;
}

/* The charts of c drawn into the folder plots of the scratch directory, then adopted into the set
 * out (the scratch directory must live until out is committed). */
static int calibrate_charts(const ea_calibrate *c, const char *scratch, eng_out *out,
                            pl_gnuplot_format format, pl_text_lang lang, int *ncharts,
                            eng_error *err)
{
    char *plots = eng_path_join(scratch, PLOTS, err);
    eng_out *set = plots ? eng_out_begin(plots, err) : NULL;
    int status = set ? pl_calibrate_draw(c, set, format, lang, ncharts, err) : ENG_EFAIL;
    if (set)
        status = eng_out_finish(set, status, err);
    if (status == ENG_OK)
        status = adopt_files(out, plots, PLOTS, NULL, 0, err);
    free(plots);
    return status;
}

/* The files of c into the set out: the tables, calibrated.ini, summary.txt and the charts. */
static int calibrate_files(ea_calibrate *c, const char *scratch, eng_out *out,
                           const eng_csv_style *style, pl_gnuplot_format format, pl_text_lang lang,
                           int *ncharts, eng_error *err)
{
    int status = ea_calibrate_write_files(c, out, style, err);
    FILE *sf = status == ENG_OK
                   ? eng_out_open(out, ea_tables_file(EA_TABLE_CALIBRATION_SUMMARY), err) : NULL;
    if (sf)
        ea_calibrate_print_summary(c, sf);
    status = status == ENG_OK && !sf ? ENG_EFAIL : status;
    if (status == ENG_OK && presents())
        status = calibrate_charts(c, scratch, out, format, lang, ncharts, err);
    return status;
}

int pl_pipeline_calibrate(const char *dir, const char *scenario, const char *observed,
                          const ea_calibrate_free *f, int n, const ea_calibrate_options *run,
                          const eng_csv_style *style, pl_gnuplot_format format, pl_text_lang lang,
                          ea_calibrate *c, int *ncharts, eng_error *err)
{
    const char *inputs[] = { scenario, observed };
    memset(c, 0, sizeof *c);
    *ncharts = 0;
    eng_out *out = ea_manifest_begin(dir, inputs, 2, err);
    char *scratch = out ? eng_out_scratch(dir, "calibrate", err) : NULL;
    if (!scratch) {
        eng_out_abort(out);
        return ENG_EFAIL;
    }
    int status = ea_calibrate_compute(scenario, observed, f, n, run, c, err);
    if (status == ENG_OK && run->progress)
        fputc('\n', stderr);
    if (status == ENG_OK)
        status = calibrate_files(c, scratch, out, style, format, lang, ncharts, err);
    if (status != ENG_OK)
        unscratch_message(err, scratch, dir);
    status = eng_out_finish(out, status, err);
    eng_out_scratch_remove(scratch);
    if (status != ENG_OK) {
        ea_calibrate_clear(c);
        *ncharts = 0;
    }
    return status;
}
