/* test_ea_fit.c — Unit tests of models/ea_fit and ea_fit_write: a small hand-made file whose
 * estimates are counted by hand, in the fit and in the files written, records drawn from known
 * laws whose parameters must come back, the scenario written loaded by the scenario reader, and
 * the error messages of bad records and of a scenario line too long. */
#include "test_util.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "engine/eng_csv.h"
#include "engine/eng_out.h"
#include "models/ea_fit.h"
#include "models/ea_uncertainty.h"
#include "models/ea_tables.h"
#include "models/ea_fit_write.h"
#include "models/ea_scenario.h"

#define DATA "tests/data/"
#define DAYS_PER_MONTH 30.4375

enum { EV = EA_EVALUATION, PR = EA_PROJET, RE = EA_RECHERCHE, MA = EA_MAINTIEN };

/* ---- Helpers --------------------------------------------------------------------------------- */

static char dir[64];

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/test_ea_fit_XXXXXX");
    assert_non_null(mkdtemp(dir));
}

/* Removes the files of dir and dir itself. */
static void remove_dir(void)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static void out_path(const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static eng_csv *read_table(const char *name)
{
    char path[256];
    out_path(name, path, sizeof path);
    eng_csv *t = NULL;
    eng_error err = { "" };
    if (eng_csv_read(path, &t, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    return t;
}

/* A column by its name, or by its French header in a table written by --csv fr. */
static int column(const eng_csv *t, const char *col)
{
    int c = eng_csv_column(t, col);
    return c >= 0 ? c : eng_csv_column(t, ea_tables_french(col));
}

static double number(const eng_csv *t, size_t row, const char *col)
{
    double x;
    int missing;
    eng_error err = { "" };
    if (eng_csv_get_number(t, row, column(t, col), &x, &missing, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    return x;
}

static const char *text(const eng_csv *t, size_t row, const char *col)
{
    return eng_csv_get_text(t, row, column(t, col));
}

/* The row of estimates.csv with this kind, scope and item; fails when there is none. */
static size_t estimate_row(const eng_csv *t, const char *kind, const char *scope, const char *item)
{
    for (size_t i = 0; i < eng_csv_nrows(t); i++)
        if (strcmp(text(t, i, "kind"), kind) == 0 && strcmp(text(t, i, "scope"), scope) == 0 &&
            strcmp(text(t, i, "item"), item) == 0)
            return i;
    fail_msg("estimates.csv : no row %s, %s, %s", kind, scope, item);
    return 0;
}

/* Checks estimate = x / n, the Wilson interval and n. The interval is found here as the roots of
 * (phat - p)^2 = z^2 p (1 - p) / n, the score test's acceptance region, rather than by the
 * centre-and-half-width form of the code. */
static void assert_share(const eng_csv *t, const char *kind, const char *scope, const char *item,
                         double x, double n)
{
    size_t r = estimate_row(t, kind, scope, item);
    double z = gsl_cdf_ugaussian_Pinv(0.975), ph = x / n;
    double a = 1 + z * z / n, b = -(2 * ph + z * z / n), c = ph * ph;
    double disc = sqrt(b * b - 4 * a * c);
    assert_abs(number(t, r, "estimate"), ph, 1e-11);
    assert_abs(number(t, r, "lower95"), (-b - disc) / (2 * a), 1e-9);
    assert_abs(number(t, r, "upper95"), (-b + disc) / (2 * a), 1e-9);
    assert_abs(number(t, r, "n"), n, 0);
}

/* Checks an entry rate of k persons over `months`, and that its bounds are the exact Poisson
 * ones: the lower one leaves 2.5 % above k, the upper one 2.5 % at or below k. */
static void assert_rate(const eng_csv *t, const char *scope, unsigned k, double months)
{
    size_t r = estimate_row(t, "entry_rate", scope, "per_month");
    assert_rel(number(t, r, "estimate"), k / months, 1e-11);
    assert_abs(number(t, r, "n"), k, 0);
    double lo = number(t, r, "lower95") * months, hi = number(t, r, "upper95") * months;
    assert_abs(gsl_cdf_poisson_Q(k - 1, lo), 0.025, 1e-9);
    assert_abs(gsl_cdf_poisson_P(k, hi), 0.025, 1e-9);
}

/* Fits the records and writes fitted.ini and the tables into dir, as `eaflow fit` does; prints
 * the summary to report when it is not NULL. */
static int run(const char *records, const char *as_of, const eng_csv_style *style, FILE *report,
               eng_error *err)
{
    ea_fit *fit = NULL;
    int status = ea_fit_compute(records, as_of, &fit, err);
    if (status != ENG_OK) {
        assert_null(fit);
        return status;
    }
    eng_out *out = eng_out_begin(dir, err);
    status = out ? ea_fit_write_files(fit, out, "fitted.ini", style, err) : ENG_EFAIL;
    status = eng_out_finish(out, status, err);
    if (status == ENG_OK && report)
        ea_fit_write_summary(fit, dir, "fitted.ini", report);
    ea_fit_free(fit);
    return status;
}

static void run_ok(const char *records, const char *as_of, FILE *report)
{
    eng_error err = { "" };
    int status = run(records, as_of, NULL, report, &err);
    if (status != ENG_OK)
        fail_msg("%s: status %d: %s", records, status, err.msg);
}

static void load_fitted(ea_scenario *sc)
{
    char ini[256];
    eng_error err = { "" };
    out_path("fitted.ini", ini, sizeof ini);
    if (ea_scenario_load(ini, sc, &err) != ENG_OK)
        fail_msg("the scenario written does not load: %s", err.msg);
}

static const ea_scenario_department *department(const ea_scenario *sc, const char *code)
{
    for (int i = 0; i < sc->ndepartments; i++)
        if (strcmp(sc->departments[i].code, code) == 0)
            return &sc->departments[i];
    fail_msg("no department %s", code);
    return NULL;
}

/* The comments of fitted.ini are French, numbers with a decimal comma, while the values keep
 * the point the parser reads: projet ended twice, its exponential mean (92 + 92 + 244 + 91) / 2
 * days is 8,526 months; evaluation ended 5 times, 4 of them to projet. */
static void assert_fitted_comments(void)
{
    char ini[256], text[16384];
    out_path("fitted.ini", ini, sizeof ini);
    FILE *f = fopen(ini, "r");
    assert_non_null(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    assert_substring(text, "; Scénario ajusté par `eaflow fit` sur fit_small.csv : 8 personnes");
    assert_substring(text, "moyenne 8,526 mois, intervalle à 95 % [");
    assert_substring(text, "; projet : 0,8 ; intervalle à 95 % [");
    assert_substring(text, " ; 4 sur 5 épisodes terminés\n");
    assert_substring(text, "duration = exponential(mean=8.526");
}

/* ---- The hand-made file ---------------------------------------------------------------------- */

/* tests/data/fit_small.csv: 8 persons, 14 episodes, rows of a person not together, two date
 * forms. The latest date is P6's end on 2021-12-31, the as-of date; the earliest entry is
 * 2021-01-01, so the window is the 365 days of 2021.
 *   P1 31: evaluation 01-01..03-01 -> projet 03-01..06-01 -> recherche 06-01..10-01 -> maintien
 *          10-01, open
 *   P2 31: evaluation 02-01..04-01 -> exit.abandon
 *   P3 31: maintien 03-15..09-15 -> exit.emploi_durable
 *   P4 09: evaluation 04-01..05-01 -> projet 05-01, open
 *   P5 09: entry 05-01, evaluation 05-10, open
 *   P6 31: maintien 06-01..12-31 -> exit.emploi_durable (ends on the as-of date: not in support)
 *   P7 09: evaluation 07-01..08-01 -> projet 08-01..11-01 -> exit.reorientation
 *   P8 31: evaluation 08-01..10-01 -> projet 10-01, open */
static void test_small_by_hand(void **state)
{
    (void)state;
    make_dir();
    char report[4096] = "";
    FILE *r = fmemopen(report, sizeof report - 1, "w");
    run_ok(DATA "fit_small.csv", NULL, r);
    fclose(r);
    assert_non_null(strstr(report, "8 personnes, 14 épisodes dont 4 en cours"));
    assert_non_null(strstr(report, "Ajustement de fit_small.csv au 31/12/2021"));

    eng_csv *t = read_table("estimates.csv");
    double window = 365 / DAYS_PER_MONTH;
    /* Entries by the department of the first episode: 31 has P1 P2 P3 P6 P8, 09 has P4 P5 P7. */
    assert_rate(t, "31", 5, window);
    assert_rate(t, "09", 3, window);
    assert_rate(t, "region", 8, window);
    /* Open on 2021-12-31: P1 (31, maintien), P8 (31, projet), P4 (09, projet), P5 (09, eval). */
    assert_abs(number(t, estimate_row(t, "in_support", "31", "2021-12-31"), "estimate"), 2, 0);
    assert_abs(number(t, estimate_row(t, "in_support", "09", "2021-12-31"), "estimate"), 2, 0);
    assert_abs(number(t, estimate_row(t, "in_support", "region", "2021-12-31"), "estimate"), 4,
               0);
    /* First episodes: evaluation for P1 P2 P4 P5 P7 P8, maintien for P3 P6. */
    assert_share(t, "entry_mix", "region", "evaluation", 6, 8);
    assert_share(t, "entry_mix", "region", "maintien", 2, 8);
    assert_share(t, "entry_mix", "region", "projet", 0, 8);
    /* Ended evaluations: P1 P4 P7 P8 to projet, P2 to exit.abandon (P5 open). */
    assert_share(t, "routing", "evaluation", "projet", 4, 5);
    assert_share(t, "routing", "evaluation", "exit.abandon", 1, 5);
    assert_share(t, "routing", "projet", "recherche", 1, 2);
    assert_share(t, "routing", "projet", "exit.reorientation", 1, 2);
    assert_share(t, "routing", "recherche", "maintien", 1, 1);
    assert_share(t, "routing", "maintien", "exit.emploi_durable", 2, 2);
    /* Exits: abandon P2, emploi_durable P3 P6, reorientation P7. */
    assert_share(t, "exit_reason", "region", "abandon", 1, 4);
    assert_share(t, "exit_reason", "region", "emploi_durable", 2, 4);
    assert_share(t, "exit_reason", "region", "reorientation", 1, 4);
    /* Evaluations in days: 30 (P4), 31 (P7), 59 (P1, P2), 61 (P8), 235 censored (P5).
     * S = 5/6, 4/6, then 2/6 at 59 days: the median. */
    size_t m = estimate_row(t, "median_months", "evaluation", "km");
    assert_rel(number(t, m, "estimate"), 59 / DAYS_PER_MONTH, 1e-11);
    assert_abs(number(t, m, "n"), 6, 0);

    /* In support on 2021-09-30: P1 (recherche), P4, P5, P6, P7, P8; P3 left on 09-15. Profiles
     * are those of the first episode: P4's later row says "autre", not counted. */
    assert_share(t, "profile", "2021-09-30", "sex=M", 4, 6);
    assert_share(t, "profile", "2021-09-30", "sex=F", 2, 6);
    assert_share(t, "profile", "2021-09-30", "disability=psychique", 4, 6);
    assert_share(t, "profile", "2021-09-30", "disability=autisme", 1, 6);
    assert_share(t, "profile", "2021-09-30", "prescriber=mdph", 4, 6);
    /* Ages then: P1 25 + 272/365.25 (<30); P4 44.5, P5 29.6 + 152/365.25 = 30.02 and P7 33.2
     * (30-44); P6 46.3 (45+); P8 not given. */
    assert_share(t, "profile", "2021-09-30", "age=<30", 1, 5);
    assert_share(t, "profile", "2021-09-30", "age=30-44", 3, 5);
    assert_share(t, "profile", "2021-09-30", "age=45+", 1, 5);
    /* On 2021-03-31: P1 (projet), P2 (evaluation until 04-01), P3 (maintien from 03-15). */
    assert_share(t, "profile", "2021-03-31", "sex=F", 2, 3);
    assert_share(t, "profile", "2021-03-31", "age=45+", 1, 3);
    eng_csv_free(t);

    /* The Kaplan–Meier table of evaluation. */
    t = read_table("km.csv");
    static const double days[] = { 30, 31, 59, 61 };
    static const double surv[] = { 5.0 / 6, 4.0 / 6, 2.0 / 6, 1.0 / 6 };
    size_t k = 0;
    for (size_t i = 0; i < eng_csv_nrows(t); i++)
        if (strcmp(text(t, i, "module"), "evaluation") == 0) {
            assert_true(k < 4);
            assert_rel(number(t, i, "time_months"), days[k] / DAYS_PER_MONTH, 1e-11);
            assert_rel(number(t, i, "survival"), surv[k], 1e-11);
            k++;
        }
    assert_int_equal(k, 4);
    eng_csv_free(t);

    /* fit.csv : four families per module, one chosen, the ok fit of lowest AIC. */
    t = read_table("fit.csv");
    static const char *const head[] = { "module", "family", "parameters", "mean", "loglik", "aic",
                                        "chosen" };
    for (int j = 0; j < 7; j++)
        assert_string_equal(eng_csv_header(t, j), head[j]);
    assert_int_equal(eng_csv_nrows(t), 16);
    for (int mod = 0; mod < EA_NMODULES; mod++) {
        int chosen = 0;
        double best = INFINITY, chosen_aic = NAN;
        for (size_t i = 0; i < eng_csv_nrows(t); i++) {
            if (strcmp(text(t, i, "module"), ea_scenario_module_names[mod]) != 0)
                continue;
            double aic = number(t, i, "aic");
            if (*text(t, i, "parameters") && aic < best)
                best = aic;
            if (number(t, i, "chosen") == 1) {
                chosen++;
                chosen_aic = aic;
            }
        }
        assert_int_equal(chosen, 1);
        assert_true(chosen_aic == best);
    }
    /* projet ended twice after 92 days: one distinct duration fits only the exponential, whose
     * mean is the total time over the events: (92 + 92 + 244 + 91) / 2 days. */
    for (size_t i = 0; i < eng_csv_nrows(t); i++)
        if (strcmp(text(t, i, "module"), "projet") == 0) {
            int expo = strcmp(text(t, i, "family"), "exponential") == 0;
            assert_int_equal(*text(t, i, "parameters") != 0, expo);
            if (expo)
                assert_rel(number(t, i, "mean"), (92 + 92 + 244 + 91) / 2.0 / DAYS_PER_MONTH,
                           1e-9);
        }
    eng_csv_free(t);

    /* The scenario loads as it is and says what was counted. */
    ea_scenario sc;
    load_fitted(&sc);
    assert_string_equal(sc.name, "Ajusté sur fit_small.csv");
    assert_fitted_comments();
    /* The places and the hours, which the records do not hold, are said to be placeholders, and
     * every command that reads the scenario says so. */
    assert_string_equal(sc.placeholders, "places, intensity");
    char said[1024];
    FILE *w = fmemopen(said, sizeof said, "w");
    ea_scenario_warn_placeholders(&sc, w);
    fclose(w);
    assert_substring(said, "valeurs provisoires à renseigner avant de lire les résultats : "
                           "places, intensity (clé placeholders de [scenario])");
    assert_int_equal(sc.start, 2022 * 12);
    assert_int_equal(sc.months, 36);
    assert_int_equal(sc.replications, 100);
    assert_int_equal(sc.seed, 1);
    assert_int_equal(sc.nreasons, 3);
    assert_string_equal(sc.reasons[0], "abandon");
    assert_string_equal(sc.reasons[1], "emploi_durable");
    assert_string_equal(sc.reasons[2], "reorientation");
    assert_abs(sc.entries.mix[EV], 0.75, 0);
    assert_abs(sc.entries.mix[MA], 0.25, 0);
    for (int mod = 0; mod < EA_NMODULES; mod++) {
        assert_true(sc.modules[mod].defined);
        assert_abs(sc.modules[mod].intensity, 0, 0);
    }
    assert_abs(sc.modules[EV].next[PR], 0.8, 0);
    assert_abs(sc.modules[EV].next[EA_NMODULES + 0], 0.2, 0);
    assert_abs(sc.modules[PR].next[EA_NMODULES + 2], 0.5, 0);
    assert_abs(sc.modules[MA].next[EA_NMODULES + 1], 1, 0);
    assert_int_equal(sc.modules[PR].duration.kind, ENG_DIST_EXPONENTIAL);
    assert_int_equal(sc.ndepartments, 2);
    const ea_scenario_department *d31 = department(&sc, "31");
    assert_int_equal(d31->initial_file_active, 2);
    assert_int_equal(d31->places, 2);
    /* 5 / 11.99 a month, written to 4 significant digits. */
    assert_abs(d31->entries.per_month, 0.417, 0);
    assert_abs(d31->initial_mix[PR], 0.5, 0);
    assert_abs(d31->initial_mix[MA], 0.5, 0);
    const ea_scenario_department *d09 = department(&sc, "09");
    assert_int_equal(d09->initial_file_active, 2);
    assert_abs(d09->initial_mix[EV], 0.5, 0);
    ea_scenario_clear(&sc);
    remove_dir();
}

/* An earlier as-of date censors and drops; the French style writes `;` and decimal commas. */
static void test_small_as_of(void **state)
{
    (void)state;
    make_dir();
    eng_error err = { "" };
    int status = run(DATA "fit_small.csv", "15/10/2021", &eng_csv_french, NULL, &err);
    if (status != ENG_OK)
        fail_msg("%s", err.msg);
    eng_csv *t = read_table("estimates.csv");
    assert_int_equal(eng_csv_delimiter(t), ';');
    /* The window is 2021-01-01 to 2021-10-15, 288 days; all 8 persons have entered. */
    assert_rate(t, "region", 8, 288 / DAYS_PER_MONTH);
    /* In support on 2021-10-15: P1 (maintien), P4, P5, P8, and P6 and P7 whose episodes end
     * after that date. */
    assert_abs(number(t, estimate_row(t, "in_support", "region", "2021-10-15"), "estimate"), 6,
               0);
    /* P7's projet, censored, no longer counts: only P1's ended. */
    assert_share(t, "routing", "projet", "recherche", 1, 1);
    /* Exits: P2's abandon and P3's emploi_durable; P6's and P7's come later. */
    assert_share(t, "exit_reason", "region", "abandon", 1, 2);
    assert_share(t, "exit_reason", "region", "emploi_durable", 1, 2);
    eng_csv_free(t);
    ea_scenario sc;
    load_fitted(&sc);
    assert_int_equal(sc.start, 2021 * 12 + 10);
    assert_int_equal(sc.nreasons, 2);
    assert_int_equal(department(&sc, "31")->initial_file_active, 3);
    assert_int_equal(department(&sc, "09")->initial_file_active, 3);
    ea_scenario_clear(&sc);
    remove_dir();
}

/* The fit itself, before anything is written: the counts and the scenario of fit_small.csv as of
 * 2021-10-15, counted by hand from the list above. */
static void test_compute(void **state)
{
    (void)state;
    ea_fit *f = NULL;
    eng_error err = { "" };
    if (ea_fit_compute(DATA "fit_small.csv", "2021-10-15", &f, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_string_equal(f->records_name, "fit_small.csv");
    assert_string_equal(f->as_of_text, "2021-10-15");
    assert_string_equal(f->window_text, "2021-01-01");
    assert_int_equal(f->npersons, 8);
    assert_int_equal(f->nepisodes, 14);
    assert_int_equal(f->ndropped, 0);
    /* Open then: P1, P4, P5, P8, and P6 and P7 whose episodes end later. */
    assert_int_equal(f->open, 6);
    /* P7's reorientation comes after as-of: the scenario's reasons are the two exits before. */
    const ea_scenario *sc = &f->scenario;
    assert_int_equal(sc->nreasons, 2);
    assert_string_equal(sc->reasons[0], "abandon");
    assert_string_equal(sc->reasons[1], "emploi_durable");
    assert_int_equal(f->nexits, 2);
    assert_int_equal(f->exits[0], 1);
    assert_int_equal(f->exits[1], 1);
    /* Evaluations ended: P1 P4 P7 P8 to projet, P2 to exit.abandon; P3's maintien to emploi. */
    assert_int_equal(f->modules[EV].ended, 5);
    assert_int_equal(f->modules[EV].route[PR], 4);
    assert_int_equal(f->modules[EV].route[EA_NMODULES + 0], 1);
    assert_int_equal(f->modules[MA].route[EA_NMODULES + 1], 1);
    assert_abs(sc->modules[EV].next[PR], 0.8, 0);
    assert_abs(sc->modules[MA].next[EA_NMODULES + 1], 1, 0);
    assert_abs(sc->entries.mix[EV], 0.75, 0);
    assert_int_equal(sc->start, 2021 * 12 + 10);
    /* Departments in byte order: 09 (P4 P5 P7, all in support), then 31 (P1 P2 P3 P6 P8; P1,
     * P6 and P8 in support). 3 entries in 288 days, 4 significant digits: 0.3171 a month. */
    assert_int_equal(sc->ndepartments, 2);
    assert_false(sc->single_platform);
    assert_string_equal(sc->departments[0].code, "09");
    assert_string_equal(sc->departments[1].code, "31");
    assert_int_equal(f->departments[0].entries, 3);
    assert_int_equal(f->departments[1].entries, 5);
    assert_int_equal(f->departments[1].in_support, 3);
    assert_int_equal(f->departments[1].by_module[MA], 2);
    assert_abs(sc->departments[0].entries.per_month, 0.3171, 0);
    assert_int_equal(sc->departments[0].places, 3);
    assert_abs(sc->departments[0].initial_mix[EV], 0.3333, 0);
    assert_abs(sc->departments[0].initial_mix[PR], 0.6667, 0);
    /* Two waves (31 March, 30 September), each with sex (F, M), 3 disabilities, 4 prescribers
     * and 3 age bands. On 31 March: P1 (M), P2 (F), P3 (F). */
    assert_int_equal(f->nprofiles, 2 * (2 + 3 + 4 + 3));
    assert_string_equal(f->profiles[0].wave, "2021-03-31");
    assert_string_equal(f->profiles[0].item, "sex=F");
    assert_int_equal(f->profiles[0].count, 2);
    assert_int_equal(f->profiles[0].n, 3);
    assert_string_equal(f->profiles[12].wave, "2021-09-30");
    ea_fit_free(f);
    ea_fit_free(NULL);
}

/* A routing to 15 exit reasons of 63 letters does not fit on one line of a scenario that
 * iniparser can read: the fit stops and writes nothing. */
static void test_line_too_long(void **state)
{
    (void)state;
    make_dir();
    char records[256];
    out_path("long.csv", records, sizeof records);
    FILE *f = fopen(records, "w");
    assert_non_null(f);
    fputs("person_id,department,entry_date,module,module_start,module_end,next\n", f);
    for (int i = 0; i < 15; i++)
        fprintf(f, "p%d,31,2021-01-01,evaluation,2021-01-01,2021-02-01,exit.%.62s%c\n", i,
                "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr", 'a' + i);
    fclose(f);
    eng_error err = { "" };
    ea_fit *fit = NULL;
    assert_int_equal(ea_fit_compute(records, NULL, &fit, &err), ENG_OK);
    eng_out *out = eng_out_begin(dir, &err);
    assert_non_null(out);
    int status = eng_out_finish(out, ea_fit_write_files(fit, out, "fitted.ini", NULL, &err), &err);
    ea_fit_free(fit);
    assert_int_equal(status, ENG_EINPUT);
    /* 15 items exit.NAME:SHARE of 5 + 63 + 1 + 6 characters, and 14 separators. */
    char expected[512];
    snprintf(expected, sizeof expected, "%s : [module.evaluation] clé « next » : valeur de %d "
             "caractères, trop longue pour une ligne INI de 1022 caractères qu'iniparser puisse "
             "relire ; raccourcissez-la",
             records, 15 * 75 + 14 * 2);
    assert_string_equal(err.msg, expected);
    char ini[256];
    out_path("fitted.ini", ini, sizeof ini);
    assert_int_equal(access(ini, F_OK), -1);
    remove_dir();
}

/* A single platform (department "region") has its entry rate and persons in support once, in
 * estimates.csv and in the summary: A, B and C entered in the 121 days from 2021-01-01 to the
 * as-of date 2021-05-01, and B alone is still in support then (C left on that day). */
static void test_single_platform(void **state)
{
    (void)state;
    make_dir();
    char records[256];
    out_path("region.csv", records, sizeof records);
    FILE *f = fopen(records, "w");
    assert_non_null(f);
    fputs("person_id,department,entry_date,module,module_start,module_end,next\n"
          "A,region,2021-01-01,evaluation,2021-01-01,2021-03-01,exit.abandon\n"
          "B,region,2021-02-01,evaluation,2021-02-01,,\n"
          "C,region,2021-03-01,evaluation,2021-03-01,2021-05-01,exit.emploi_durable\n", f);
    fclose(f);
    char report[4096] = "";
    FILE *r = fmemopen(report, sizeof report - 1, "w");
    run_ok(records, NULL, r);
    fclose(r);
    eng_csv *t = read_table("estimates.csv");
    int rates = 0, in_support = 0;
    for (size_t i = 0; i < eng_csv_nrows(t); i++) {
        rates += strcmp(text(t, i, "kind"), "entry_rate") == 0;
        in_support += strcmp(text(t, i, "kind"), "in_support") == 0;
    }
    assert_int_equal(rates, 1);
    assert_int_equal(in_support, 1);
    assert_rate(t, "region", 3, 121 / DAYS_PER_MONTH);
    assert_abs(number(t, estimate_row(t, "in_support", "region", "2021-05-01"), "estimate"), 1, 0);
    eng_csv_free(t);
    /* The summary's table of entries has one line, the region's. */
    const char *head = strstr(report, "Entrées par mois");
    assert_non_null(head);
    const char *line = strchr(head, '\n') + 1;
    assert_non_null(strstr(line, "région"));
    assert_true(strncmp(strchr(line, '\n') + 1, "  ", 2) != 0);
    remove_dir();
}

/* ---- Records drawn from known laws ----------------------------------------------------------- */

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Writes the date `days` after 1970-01-01 as DD/MM/YYYY, counting whole years then months. */
static void put_date(FILE *f, long days)
{
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y = 1970, m = 0;
    while (days >= 365 + leap(y))
        days -= 365 + leap(y++);
    while (days >= mdays[m] + (m == 1 && leap(y)))
        days -= mdays[m] + (m == 1 && leap(y)), m++;
    fprintf(f, "%02ld/%02d/%04d", days + 1, m + 1, y);
}

static long day_of(int y, int m, int d)
{
    return eng_date_days((eng_date){ y, m, d });
}

typedef struct truth {
    unsigned kept;          /* persons entered on or before the as-of date */
    long first_entry;       /* the earliest of their entries */
    unsigned in_support;    /* persons in a module on the as-of date */
} truth;

/* One episode: writes its row, and counts the person in support when it covers the as-of date. */
static void put_episode(FILE *f, int id, const char *dept, long entry, const char *module,
                        long start, long end, const char *next, long as_of, truth *tr)
{
    fprintf(f, "g%d,%s,", id, dept);
    put_date(f, entry);
    fprintf(f, ",%s,", module);
    put_date(f, start);
    fputc(',', f);
    put_date(f, end);
    fprintf(f, ",%s\n", next);
    tr->in_support += start <= as_of && as_of < end;
}

/* N persons enter uniformly from 2016 to mid-2022, beyond the as-of date 2021-12-31, in projet:
 * lognormal durations of mean 6 and sd 3 months, then recherche with probability 0.7 and
 * exit.abandon otherwise; recherche lasts weibull(shape 1.5, scale 9) months and ends in
 * exit.emploi_durable with probability 0.6, exit.autre otherwise. Every episode is written with
 * its end, even after the as-of date: the fit must censor them. */
static truth write_generated(const char *path, long as_of, unsigned long seed)
{
    enum { N = 10000 };
    const double sd = 3, mean = 6, shape = 1.5, scale = 9;
    double sigma = sqrt(log(1 + sd * sd / (mean * mean))), zeta = log(mean) - sigma * sigma / 2;
    long from = day_of(2016, 1, 1), to = day_of(2022, 6, 30);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("person_id,department,entry_date,module,module_start,module_end,next\n", f);
    truth tr = { 0, to, 0 };
    for (int id = 1; id <= N; id++) {
        const char *dept = gsl_rng_uniform(r) < 0.5 ? "31" : "2A";
        long entry = from + (long)gsl_rng_uniform_int(r, (unsigned long)(to - from + 1));
        long end1 = entry + lround(gsl_ran_lognormal(r, zeta, sigma) * DAYS_PER_MONTH);
        int on = gsl_rng_uniform(r) < 0.7;
        put_episode(f, id, dept, entry, "projet", entry, end1, on ? "recherche" : "exit.abandon",
                    as_of, &tr);
        if (on) {
            long end2 = end1 + lround(gsl_ran_weibull(r, scale, shape) * DAYS_PER_MONTH);
            put_episode(f, id, dept, entry, "recherche", end1, end2,
                        gsl_rng_uniform(r) < 0.6 ? "exit.emploi_durable" : "exit.autre", as_of,
                        &tr);
        }
        if (entry <= as_of) {
            tr.kept++;
            if (entry < tr.first_entry)
                tr.first_entry = entry;
        }
    }
    fclose(f);
    gsl_rng_free(r);
    return tr;
}

/* The row of fit.csv of the chosen family of a module. */
static size_t chosen_row(const eng_csv *t, const char *module)
{
    for (size_t i = 0; i < eng_csv_nrows(t); i++)
        if (strcmp(text(t, i, "module"), module) == 0 && number(t, i, "chosen") == 1)
            return i;
    fail_msg("fit.csv : no chosen family for %s", module);
    return 0;
}

/* 1 when the interval of columns lo and hi of the row misses the true value. */
static int misses(const eng_csv *t, size_t row, const char *lo, const char *hi, double truth)
{
    return !(number(t, row, lo) <= truth && truth <= number(t, row, hi));
}

/* Datasets drawn from known laws. In every one the right families are chosen, the entry rate and
 * the persons in support are those counted while drawing, and the scenario loads. The 95 %
 * intervals (two means, three routing shares) must cover the true values in about 95 % of the
 * datasets: 100 intervals miss 5 times on average, and more than 12 misses has a probability
 * of 0.2 % (binomial), which would mean intervals too narrow or estimates biased. */
/* fitted.ini's [uncertainty] section, read as sensitivity reads it: the lognormal projet's mean
 * and the Weibull recherche's scale (the mean over Gamma(1 + 1/shape)) as normal laws whose 95 %
 * intervals are those fit.csv gives for the mean (the scale's scaled by scale / mean). */
static void assert_fitted_laws(eng_csv *t, size_t pr, size_t re)
{
    char path[256];
    out_path("fitted.ini", path, sizeof path);
    eng_error err = { "" };
    eng_ini *ini = eng_ini_load(path, &err);
    assert_non_null(ini);
    ea_uncertainty u;
    if (ea_uncertainty_read(ini, path, &u, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    eng_ini_free(ini);
    assert_int_equal(u.n, 2);
    assert_string_equal(u.p[0].param.name, "module.projet.duration.mean");
    assert_string_equal(u.p[1].param.name, "module.recherche.duration.scale");
    double mean = number(t, pr, "mean"), width = number(t, pr, "mean_upper95") - number(t, pr, "mean_lower95");
    assert_abs(u.p[0].a, mean, 1e-5 * mean);
    assert_abs(2 * 1.959964 * u.p[0].b, width, 1e-5 * width);
    /* The scale as fit.csv writes it, "weibull(shape=…, scale=…)", to 4 significant digits. */
    const char *at = strstr(text(t, re, "parameters"), "scale=");
    assert_non_null(at);
    double scale = strtod(at + 6, NULL), ratio = scale / number(t, re, "mean");
    width = ratio * (number(t, re, "mean_upper95") - number(t, re, "mean_lower95"));
    assert_abs(u.p[1].a, scale, 1e-3 * scale);
    assert_abs(2 * 1.959964 * u.p[1].b, width, 1e-3 * width);
}

static void test_generated(void **state)
{
    (void)state;
    enum { DATASETS = 20, MAX_MISSES = 12 };
    const double mean_re = 9 * gsl_sf_gamma(1 + 1 / 1.5);
    long as_of = day_of(2021, 12, 31);
    int missed = 0;
    for (int k = 0; k < DATASETS; k++) {
        make_dir();
        char records[256];
        out_path("records.csv", records, sizeof records);
        truth tr = write_generated(records, as_of, 1000 + (unsigned long)k);
        run_ok(records, "2021-12-31", NULL);

        eng_csv *t = read_table("fit.csv");
        size_t pr = chosen_row(t, "projet"), re = chosen_row(t, "recherche");
        assert_string_equal(text(t, pr, "family"), "lognormal");
        assert_string_equal(text(t, re, "family"), "weibull");
        missed += misses(t, pr, "mean_lower95", "mean_upper95", 6);
        missed += misses(t, re, "mean_lower95", "mean_upper95", mean_re);
        if (k == 0)
            assert_fitted_laws(t, pr, re);
        eng_csv_free(t);

        t = read_table("estimates.csv");
        missed += misses(t, estimate_row(t, "routing", "projet", "recherche"), "lower95",
                         "upper95", 0.7);
        missed += misses(t, estimate_row(t, "routing", "projet", "exit.abandon"), "lower95",
                         "upper95", 0.3);
        missed += misses(t, estimate_row(t, "routing", "recherche", "exit.emploi_durable"),
                         "lower95", "upper95", 0.6);
        assert_rate(t, "region", tr.kept, (double)(as_of - tr.first_entry + 1) / DAYS_PER_MONTH);
        double share = number(t, estimate_row(t, "routing", "projet", "recherche"), "estimate");
        eng_csv_free(t);

        ea_scenario sc;
        load_fitted(&sc);
        assert_int_equal(sc.modules[PR].duration.kind, ENG_DIST_LOGNORMAL);
        assert_int_equal(sc.modules[RE].duration.kind, ENG_DIST_WEIBULL);
        assert_false(sc.modules[EV].defined);
        assert_false(sc.modules[MA].defined);
        /* Rounded to 4 decimals. */
        assert_abs(sc.modules[PR].next[RE], share, 5e-5);
        assert_abs(sc.entries.mix[PR], 1, 0);
        assert_int_equal(sc.ndepartments, 2);
        assert_int_equal(department(&sc, "31")->initial_file_active +
                             department(&sc, "2A")->initial_file_active,
                         tr.in_support);
        ea_scenario_clear(&sc);
        remove_dir();
    }
    printf("generated data: %d of %d intervals missed the true value\n", missed, 5 * DATASETS);
    assert_true(missed <= MAX_MISSES);
}

/* ---- Errors ---------------------------------------------------------------------------------- */

typedef struct error_case {
    const char *file;
    const char *as_of;
    const char *message;     /* the whole message expected */
} error_case;

static const error_case errors[] = {
    { DATA "fit_err_module.csv", NULL,
      DATA "fit_err_module.csv, ligne 3, colonne « module » : « evalution » n'est pas un module "
           "(vouliez-vous dire evaluation ?)" },
    { DATA "fit_err_order.csv", NULL,
      DATA "fit_err_order.csv, ligne 3, colonne « module_end » : 2021-01-20 est avant "
           "module_start 2021-02-01 ; la fin doit être le jour du début ou après" },
    { DATA "fit_err_next_no_end.csv", NULL,
      DATA "fit_err_next_no_end.csv, ligne 2, colonne « module_end » : vide, mais next vaut "
           "« projet » ; donnez la date de fin du module, ou laissez aussi next vide si la "
           "personne y est encore" },
    { DATA "fit_err_end_no_next.csv", NULL,
      DATA "fit_err_end_no_next.csv, ligne 2, colonne « next » : vide, mais module_end vaut "
           "2021-03-01 ; indiquez où la personne est allée : un module ou exit.MOTIF" },
    { DATA "fit_err_target.csv", NULL,
      DATA "fit_err_target.csv, ligne 3, colonne « next » : « formation » n'est ni un module ni "
           "une sortie ; attendu evaluation, projet, recherche, maintien ou exit.MOTIF" },
    { DATA "fit_err_duplicate.csv", NULL,
      DATA "fit_err_duplicate.csv, ligne 4, colonne « module_start » : épisode en double : la "
           "personne « A » a déjà un épisode commençant le 2021-01-01, ligne 2 ; gardez une ligne "
           "par personne et par épisode de module" },
    { DATA "fit_err_overlap.csv", NULL,
      DATA "fit_err_overlap.csv, ligne 3, colonne « module_start » : 2021-02-15 chevauche "
           "l'épisode evaluation de la personne « A », ligne 2, finissant le 2021-03-01 ; les "
           "épisodes d'une personne doivent se suivre" },
    { DATA "fit_err_entry.csv", NULL,
      DATA "fit_err_entry.csv, ligne 2, colonne « module_start » : 2021-01-20 est avant "
           "entry_date 2021-02-01 ; le module doit commencer le jour de la prescription ou après" },
    { DATA "fit_err_column.csv", NULL,
      "fichier " DATA "fit_err_column.csv, ligne 1 : il manque la colonne « début du module » "
      "(noms acceptés : module_start, début du module, début, date de début) ; colonnes "
      "attendues : personne, département, date d'entrée, module, début du module, fin du "
      "module, suite ; facultatives : âge, sexe, handicap, prescripteur ; la colonne « start » "
      "du fichier est la plus proche : renommez-la « début du module »" },
    { DATA "fit_err_no_ended.csv", NULL,
      DATA "fit_err_no_ended.csv : le module projet n'a aucun épisode terminé au 2021-04-01 (1 en "
           "cours) ; son orientation ne peut être estimée (il faut au moins un épisode projet avec "
           "module_end et next)" },
    { DATA "fit_err_unseen.csv", NULL,
      DATA "fit_err_unseen.csv : 1 épisode evaluation mène à recherche, mais aucun épisode "
           "recherche ne commence au 2021-04-01 ; sa durée ne peut être estimée (ajoutez les "
           "épisodes recherche aux données)" },
    { DATA "fit_err_stuck.csv", NULL,
      DATA "fit_err_stuck.csv : aucun chemin depuis le module evaluation ne mène à une sortie "
           "dans les données au 2021-06-01 (il faut que des parcours passant par evaluation "
           "finissent par exit.MOTIF)" },
    /* By 2021-06-30 P1's recherche (from 06-01) is the only one, and still open. */
    { DATA "fit_small.csv", "30/06/2021",
      DATA "fit_small.csv : le module recherche n'a aucun épisode terminé au 2021-06-30 (1 en "
           "cours) ; son orientation ne peut être estimée (il faut au moins un épisode recherche "
           "avec module_end et next)" },
    { DATA "fit_small.csv", "2020-12-31",
      DATA "fit_small.csv : aucun épisode ne commence au plus tard le 2020-12-31 ; choisissez un "
           "--as-of plus tardif" },
    { DATA "fit_small.csv", "2021-13-01",
      "--as-of : « 2021-13-01 » n'est pas une date ; écrivez AAAA-MM-JJ, AAAA-MM ou JJ/MM/AAAA" },
};

static void test_errors(void **state)
{
    (void)state;
    make_dir();
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        const error_case *c = &errors[i];
        eng_error err = { "" };
        int status = run(c->file, c->as_of, NULL, NULL, &err);
        if (status != ENG_EINPUT)
            fail_msg("%s: status %d, expected ENG_EINPUT (%s)", c->file, status, err.msg);
        if (strcmp(err.msg, c->message) != 0)
            fail_msg("%s:\n  got      %s\n  expected %s", c->file, err.msg, c->message);
        /* Nothing is written on an error. */
        char ini[256];
        out_path("fitted.ini", ini, sizeof ini);
        assert_int_equal(access(ini, F_OK), -1);
    }
    remove_dir();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_by_hand),
        cmocka_unit_test(test_small_as_of),
        cmocka_unit_test(test_compute),
        cmocka_unit_test(test_line_too_long),
        cmocka_unit_test(test_single_platform),
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
