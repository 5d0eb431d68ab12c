/* bench_engine.c — `make bench`: events per second of the simulation core on the M/M/c scenario
 * (one thread); the wall time of occitanie-2022.ini over 60 months with 1000 replications on two
 * threads, tables included; a 20-point sweep of it with 500 replications a point; and the CSV
 * reader's speed on a 50 MB table; with `--workbook DIR`, the time tableaux.xlsx takes to write from the
 * tables of DIR (the demo's, after make bench runs it). A benchmark, not a test: it prints and never
 * fails on time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <time.h>
#include <gsl/gsl_randist.h>

#include "engine/eng_runner.h"
#include "models/ea_model.h"
#include "models/ea_scenario.h"
#include "models/ea_simulate.h"
#include "models/ea_sweep.h"
#include "models/ea_fit.h"
#include "models/ea_fit_write.h"
#include "engine/eng_csv.h"
#include "engine/eng_out.h"
#include "plots/pl_workbook.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int die(const eng_error *err)
{
    fprintf(stderr, "bench: %s\n", err->msg);
    return 1;
}

/* The workbook of the tables of dir, written into a scratch directory: its time against the issue's
 * budget (under a second for the demo). */
static int bench_workbook(const char *dir)
{
    eng_error err;
    char scratch[] = "/tmp/eaflow-bench-xlsx-XXXXXX";
    if (!mkdtemp(scratch))
        return 1;
    eng_out *out = eng_out_begin(scratch, &err);
    if (!out)
        return die(&err);
    double t0 = now();
    const pl_workbook_options opt = { 0 };
    int status = eng_out_finish(out, pl_workbook_write(out, dir, &opt, &err), &err);
    double dt = now() - t0;
    if (status != ENG_OK)
        return die(&err);
    printf("tableaux.xlsx from the tables of %s: %.2f s (budget: under 1 s)\n", dir, dt);
    char path[128];
    snprintf(path, sizeof path, "%s/%s", scratch, PL_WORKBOOK_FILE);
    remove(path);
    snprintf(path, sizeof path, "%s/manifest.csv", scratch);
    remove(path);
    rmdir(scratch);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--workbook") == 0)
        return bench_workbook(argv[2]);
    eng_error err;
    ea_scenario sc;

    /* The core alone: one workspace, one generator, long replications of M/M/30. */
    if (ea_scenario_load("scenarios/mmc.ini", &sc, &err) != ENG_OK)
        return die(&err);
    sc.months = 20000;
    ea_model *m = ea_model_alloc(&sc, &err);
    double *raw = malloc((size_t)sc.months * EA_RAW_COUNT * sizeof *raw);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!m || !raw || !r)
        return die(&err);
    unsigned long events = 0;
    double t0 = now();
    for (size_t rep = 0; rep < 20; rep++) {
        eng_runner_seed(r, 1, rep);
        if (ea_model_run(m, r, raw, &err) != ENG_OK)
            return die(&err);
        events += ea_model_events(m);
    }
    double dt = now() - t0;
    printf("core, M/M/30 (scenarios/mmc.ini), 1 thread: %lu events in %.3f s = %.1f million events/s\n",
           events, dt, events / dt / 1e6);
    ea_model_free(m);
    free(raw);
    gsl_rng_free(r);
    ea_scenario_clear(&sc);

    /* The whole default scenario, as `eaflow simulate -n 1000 --threads 2` runs it. */
    if (ea_scenario_load("scenarios/occitanie-2022.ini", &sc, &err) != ENG_OK)
        return die(&err);
    sc.replications = 1000;
    sc.months = 60;
    t0 = now();
    ea_results *res = NULL;
    ea_simulate_options opt = { .threads = 2 };
    if (ea_simulate_run(&sc, &opt, &res, &err) != ENG_OK)
        return die(&err);
    double t_sim = now() - t0;
    FILE *f = fopen("/dev/null", "w");
    for (int t = 0; t < 2; t++)
        if (ea_results_write_table(res, t, f, &eng_csv_standard, &err) != ENG_OK)
            return die(&err);
    fclose(f);
    double t_all = now() - t0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("occitanie-2022.ini, 60 months x 1000 replications, 2 threads: %.3f s "
           "(simulation %.3f s, %.1f million events/s; tables %.3f s); peak memory %.0f MB\n",
           t_all, t_sim, ea_results_events(res) / t_sim / 1e6, t_all - t_sim, ru.ru_maxrss / 1024.0);
    ea_results_free(res);
    ea_scenario_clear(&sc);

    /* A 20-point sweep, 500 replications a point, two threads. */
    ea_sweep_vary v;
    if (ea_sweep_vary_parse("defaults.entries_per_month=1:4.8:0.2", &v, &err) != ENG_OK)
        return die(&err);
    ea_sweep_options so = { .replications = 500, .seed = -1, .threads = 2 };
    eng_out *out = eng_out_begin("/tmp/eaflow-bench-sweep", &err);
    t0 = now();
    ea_sweep sw;
    if (!out || ea_sweep_compute("scenarios/occitanie-2022.ini", &v, 1, &so, &sw, &err) != ENG_OK ||
        ea_sweep_write(&sw, out, &eng_csv_standard, &err) != ENG_OK)
        return die(&err);
    ea_sweep_clear(&sw);
    eng_out_abort(out);
    printf("sweep of occitanie-2022.ini, %d points x 500 replications, 2 threads: %.3f s\n", v.n, now() - t0);
    ea_sweep_vary_clear(&v);

    /* The CSV reader on 50 MB of numbers. */
    const char *path = "/tmp/eaflow-bench.csv";
    FILE *cf = fopen(path, "w");
    if (!cf)
        return 1;
    fputs("a,b,c,d,e,f,g,h,i,j\n", cf);
    long bytes = 0;
    for (long i = 0; bytes < 50L * 1000 * 1000; i++)
        bytes += fprintf(cf, "%ld,%.3f,%ld,2022-%02ld-15,%ld,%.6f,31,evaluation,%ld,%.2f\n", i, i * 0.001,
                         i % 645, i % 12 + 1, i * 7, 1.0 / (i + 1), i % 97, i * 4300.0);
    fclose(cf);
    eng_csv *t = NULL;
    t0 = now();
    if (eng_csv_read(path, &t, &err) != ENG_OK)
        return die(&err);
    dt = now() - t0;
    printf("CSV reader: %.1f MB in %.3f s = %.0f MB/s (%zu rows)\n", bytes / 1e6, dt, bytes / 1e6 / dt,
           eng_csv_nrows(t));
    eng_csv_free(t);
    remove(path);

    /* fit on one million episodes: persons entering over five years in 13 departments, each going
     * evaluation -> projet -> recherche -> maintien -> exit, censored on 2026-12-31. */
    const char *rec = "/tmp/eaflow-bench-records.csv";
    cf = fopen(rec, "w");
    if (!cf)
        return 1;
    fputs("person_id,department,entry_date,module,module_start,module_end,next\n", cf);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    const char *mods[] = { "evaluation", "projet", "recherche", "maintien" };
    const char *nexts[] = { "projet", "recherche", "maintien", "exit.emploi_durable" };
    long episodes = 0, asof = eng_date_days((eng_date){ 2026, 12, 31 });
    for (long p = 0; episodes < 1000000; p++) {
        long day = eng_date_days((eng_date){ 2022, 1, 1 }) + (long)gsl_rng_uniform_int(g, 1826);
        eng_date entry = eng_date_from_days(day);
        for (int m = 0; m < 4 && day <= asof; m++) {
            long end = day + 1 + (long)gsl_ran_gamma(g, 2.0, 60.0 * (m + 1));
            eng_date a = eng_date_from_days(day), b = eng_date_from_days(end);
            fprintf(cf, "p%ld,%d,%04d-%02d-%02d,%s,%04d-%02d-%02d,", p, 9 + (int)(p % 13), entry.year,
                    entry.month, entry.day, mods[m], a.year, a.month, a.day);
            if (end <= asof)
                fprintf(cf, "%04d-%02d-%02d,%s\n", b.year, b.month, b.day, nexts[m]);
            else
                fputs(",\n", cf);
            episodes++;
            day = end;
        }
    }
    fclose(cf);
    gsl_rng_free(g);
    t0 = now();
    ea_fit *fit = NULL;
    if (ea_fit_compute(rec, "2026-12-31", &fit, &err) != ENG_OK)
        return die(&err);
    eng_out *fit_out = eng_out_begin("/tmp/eaflow-bench-fit", &err);
    int status = fit_out ? ea_fit_write_files(fit, fit_out, "fitted.ini", NULL, &err) : ENG_EFAIL;
    ea_fit_free(fit);
    if (eng_out_finish(fit_out, status, &err) != ENG_OK)
        return die(&err);
    printf("fit on %ld episodes: %.3f s\n", episodes, now() - t0);
    remove(rec);
    return 0;
}
