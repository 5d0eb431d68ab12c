/* test_pl_pipeline.c — The stages of an output directory: the simulation's tables are reused only
 * for the same run, a failed stage writes nothing, the report runs every stage to the page, and
 * each run replaces the whole set of the one before it (the user's files kept). */
#include "test_util.h"
#include "test_proc.h"
#include "scenario_fixture.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plots/pl_pipeline.h"

/* One platform of 20 places, fixed: the simulated places are 20 in every month. */
static const char text[] =
    "[scenario]\nname = pipeline\nstart = 2022-01\nmonths = 12\nreplications = 8\nseed = 3\n"
    "[entries]\nper_month = 2\n"
    "[module.evaluation]\nduration = exponential(mean=3)\nintensity = 4\n"
    "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
    "[platform]\nplaces = 20\ninitial_file_active = 5\n";

/* A fresh scratch directory for each test. */
TEST_DIR_GROUP("test_pl_pipeline")

static const char *in_dir(const char *name)
{
    return test_path(tmpdir, name);
}

static int exists(const char *name)
{
    struct stat st;
    return stat(in_dir(name), &st) == 0;
}

/* The inode of a file of the directory: a table written again is a new file renamed into place. */
static ino_t inode(const char *name)
{
    struct stat st;
    assert_int_equal(stat(in_dir(name), &st), 0);
    return st.st_ino;
}

/* The observed aggregates: the places and persons of the platform at the end of June 2022. */
static const char *observed(void)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/observed.csv", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("date,department,places,file_active\n2022-06-30,region,20,10\n", f);
    fclose(f);
    return path;
}

static pl_pipeline_options options(const char *obs)
{
    return (pl_pipeline_options){ .run = { .threads = 2 }, .style = &eng_csv_standard, .observed = obs };
}

static void test_compare_reuses_same_run(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    pl_pipeline_options opt = options(observed());
    eng_error err;
    assert_int_equal(pl_pipeline_simulate(tmpdir, &sc, &opt, &err), ENG_OK);
    assert_true(exists("monthly.csv") && exists("annual.csv") && exists("run.ini"));
    ino_t before = inode("monthly.csv");
    ea_compare *cmp = NULL;
    int reused = 0;
    int status = pl_pipeline_compare(tmpdir, &sc, &opt, &cmp, &reused, &err);
    if (status != ENG_OK)
        fail_msg("compare: %s", err.msg);
    assert_true(reused);
    assert_true(inode("monthly.csv") == before);
    ea_compare_free(cmp);
    /* The places are fixed at 20: observed 20, simulated 20 in every replication, no gap. */
    char *c = test_slurp(in_dir("compare.csv"), NULL);
    assert_non_null(c);
    assert_non_null(strstr(c, "\nregion,2022-06,places,20,20,20,20,0,1,1\n"));
    free(c);
    /* Another seed is another run: simulated and written again. */
    sc.seed = 4;
    assert_int_equal(pl_pipeline_compare(tmpdir, &sc, &opt, &cmp, &reused, &err), ENG_OK);
    assert_false(reused);
    assert_true(inode("monthly.csv") != before);
    c = test_slurp(in_dir("run.ini"), NULL);
    assert_non_null(strstr(c, "seed = 4\n"));
    free(c);
    ea_compare_free(cmp);
    ea_scenario_clear(&sc);
}

/* A date without observation for --at is an input error, and nothing is written: neither the
 * comparison nor the tables simulated for it. */
static void test_compare_bad_date_writes_nothing(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    pl_pipeline_options opt = options(observed());
    opt.at = "2022-07-31";
    ea_compare *cmp = NULL;
    int reused = 1;
    eng_error err = { { 0 } };
    assert_int_equal(pl_pipeline_compare(tmpdir, &sc, &opt, &cmp, &reused, &err), ENG_EINPUT);
    assert_null(cmp);
    assert_non_null(strstr(err.msg, "--at 2022-07-31"));
    assert_false(exists("compare.csv") || exists("monthly.csv") || exists("run.ini"));
    ea_scenario_clear(&sc);
}

/* The row of manifest.csv that records the input at path: its size from stat and its checksum
 * from sha256sum, ending with the line. */
static void input_row(const char *path, char *row, size_t size)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    const char *argv[] = { "sha256sum", path, NULL };
    const char *out = in_dir("sha256sum.out");
    assert_int_equal(test_run(argv, out, NULL, 30), 0);
    char *sum = test_slurp(out, NULL);
    assert_non_null(sum);
    snprintf(row, size, "\ninput,%s,%lld,%.64s\n", path, (long long)st.st_size, sum);
    free(sum);
    remove(out);
}

/* The report of a directory whose tables are those of the run keeps them, compares, draws and
 * writes the page. */
static void test_report(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    pl_pipeline_options opt = options(observed());
    eng_error err = { { 0 } };
    assert_int_equal(pl_pipeline_simulate(tmpdir, &sc, &opt, &err), ENG_OK);
    ino_t before = inode("annual.csv");
    int n = 0;
    int status = pl_pipeline_report(tmpdir, &sc, &opt, &n, &err);
    if (status != ENG_OK)
        fail_msg("report: %s", err.msg);
    assert_true(inode("annual.csv") == before);
    assert_true(n > 0);
    assert_true(exists("compare.csv") && exists("index.html") && exists("report.pdf"));
    assert_false(exists("costs.csv") || exists("fitted.ini"));
    /* No sources document beside this scenario: none recorded. */
    char *manifest = test_slurp(in_dir("manifest.csv"), NULL);
    assert_null(strstr(manifest, "SOURCES.md"));
    free(manifest);
    ea_scenario_clear(&sc);
}

/* Every file of tmpdir and of tmpdir/plots, with its content, for the checks of what a directory
 * holds (the names of the charts are checked by the caller). Fails on a hidden (temporary) file. */
static void each_file(void (*check)(const char *name, const char *text, size_t len))
{
    const char *subdirs[] = { "", "plots/" };
    for (size_t k = 0; k < sizeof subdirs / sizeof *subdirs; k++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", tmpdir, subdirs[k]);
        DIR *d = opendir(path);
        assert_non_null(d);
        const struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            char name[256];
            snprintf(name, sizeof name, "%s%s", subdirs[k], e->d_name);
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 || strcmp(name, "plots") == 0)
                continue;
            if (e->d_name[0] == '.')
                fail_msg("%s/%s left behind", tmpdir, name);
            size_t len = 0;
            char *text = test_slurp(in_dir(name), &len);
            assert_non_null(text);
            check(name, text, len);
            free(text);
        }
        closedir(d);
    }
}

/* Whether the len bytes of text hold the string s. */
static int holds(const char *text, size_t len, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(text + i, s, n) == 0)
            return 1;
    return 0;
}

/* No trace of the Occitanie run: none of its names in any file, no chart of a department. */
static void no_occitanie(const char *name, const char *text, size_t len)
{
    static const char *const names[] = { "Occitanie", "Haute-Garonne", "occitanie", "Ari\xc3\xa8ge",
                                         "funding-occitanie", "observed-occitanie" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (holds(text, len, names[i]))
            fail_msg("%s/%s holds \"%s\"", tmpdir, name, names[i]);
    if (strncmp(name, "plots/", 6) == 0 && !strstr(name, "_region.") && strcmp(name, "plots/logo.png"))
        fail_msg("%s/%s: a chart of a department", tmpdir, name);
}

/* The user's own files, put there between the runs. */
static void put_users_files(void)
{
    FILE *f = fopen(in_dir("notes.txt"), "w");
    fputs("my notes\n", f);
    fclose(f);
    f = fopen(in_dir("plots/logo.png"), "w");
    fputs("my logo\n", f);
    fclose(f);
}

static void users_files_kept(const char *name, const char *text, size_t len)
{
    (void)len;
    if (strcmp(name, "notes.txt") == 0 || strcmp(name, "plots/logo.png") == 0)
        assert_string_equal(text, strcmp(name, "notes.txt") == 0 ? "my notes\n" : "my logo\n");
}

/* The two reports of issue 10 into one directory: the Occitanie report with its funding and
 * observations, then the M/M/30 queue. The second leaves no trace of the first, and keeps the
 * files the user put there. */
static void test_report_replaces_another_run(void **state)
{
    (void)state;
    ea_scenario occ, mmc;
    eng_error err = { { 0 } };
    assert_int_equal(ea_scenario_load("scenarios/occitanie-2022.ini", &occ, &err), ENG_OK);
    assert_int_equal(ea_scenario_load("scenarios/mmc.ini", &mmc, &err), ENG_OK);
    occ.replications = mmc.replications = 5;
    pl_pipeline_options opt = options("scenarios/data/observed-occitanie.csv");
    opt.funding = "scenarios/data/funding-occitanie.csv";
    int n = 0, first = 0;
    if (pl_pipeline_report(tmpdir, &occ, &opt, &first, &err) != ENG_OK)
        fail_msg("report: %s", err.msg);
    assert_true(exists("costs.csv") && exists("compare.csv") && exists("plots/file_active_31.png"));
    /* The sources document beside the scenario, which the assumptions annex reads, is an input of
     * the report: recorded with its size and the checksum sha256sum gives. */
    char expect_row[256];
    input_row("scenarios/SOURCES.md", expect_row, sizeof expect_row);
    char *manifest = test_slurp(in_dir("manifest.csv"), NULL);
    if (!strstr(manifest, expect_row))
        fail_msg("%s lacks %s", manifest, expect_row);
    free(manifest);
    put_users_files();
    char *said = NULL;
    size_t len = 0;
    opt = options(NULL);
    opt.notices = open_memstream(&said, &len);
    if (pl_pipeline_report(tmpdir, &mmc, &opt, &n, &err) != ENG_OK)
        fail_msg("report: %s", err.msg);
    fclose(opt.notices);
    /* 4 charts of the region: file active, modules, flows, budget. */
    assert_int_equal(n, 4);
    each_file(no_occitanie);
    each_file(users_files_kept);
    assert_true(exists("notes.txt") && exists("plots/logo.png"));
    const char *gone[] = { "costs.csv", "costs-dispersion.csv", "costs-mismatches.csv",
                           "compare.csv", "compare-summary.csv", "capacity.csv" };
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        if (exists(gone[i]))
            fail_msg("%s is still there", gone[i]);
    /* One line says the earlier run's files went: its 11 files besides the charts (3 of the
     * simulation, 3 of the comparison, 3 of the costs, the page and the PDF) and its charts, but
     * the 9 that the second run writes again (its 3 tables, page, PDF and 4 charts of the region). */
    char expect[256];
    snprintf(expect, sizeof expect, "eaflow : %s contenait les résultats d'une exécution "
             "précédente : remplacés, %d de ses fichiers supprimés\n", tmpdir, first + 11 - 9);
    assert_string_equal(said, expect);
    free(said);
    ea_scenario_clear(&occ);
    ea_scenario_clear(&mmc);
}

/* The same scenario again without --funding: its costs go; with the same seed and replications,
 * the tables are reused, and one line says so. */
static void test_report_again_without_funding(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    FILE *f = fopen(in_dir("funding.csv"), "w");
    fputs("department,name,funding_eur,places\n31,Fundland,86000,20\n", f);
    fclose(f);
    pl_pipeline_options opt = options(observed());
    opt.funding = in_dir("funding.csv");
    eng_error err = { { 0 } };
    int n = 0;
    if (pl_pipeline_report(tmpdir, &sc, &opt, &n, &err) != ENG_OK)
        fail_msg("report: %s", err.msg);
    assert_true(exists("costs.csv") && exists("costs-dispersion.csv"));
    char *page = test_slurp(in_dir("index.html"), NULL);
    assert_non_null(strstr(page, "Fundland"));
    free(page);
    ino_t before = inode("monthly.csv");
    char *said = NULL;
    size_t len = 0;
    opt.funding = NULL;
    opt.notices = open_memstream(&said, &len);
    if (pl_pipeline_report(tmpdir, &sc, &opt, &n, &err) != ENG_OK)
        fail_msg("report: %s", err.msg);
    fclose(opt.notices);
    assert_false(exists("costs.csv") || exists("costs-dispersion.csv"));
    assert_true(exists("funding.csv") && exists("compare.csv") && exists("index.html"));
    assert_true(inode("monthly.csv") == before);
    char expect[256];
    snprintf(expect, sizeof expect, "eaflow : tableaux repris de %s (même version d'eaflow, "
             "même scénario, graine et réplications)\n", tmpdir);
    if (!strstr(said, expect))
        fail_msg("notices: %s", said);
    free(said);
    /* The page shows no cost table any more. */
    page = test_slurp(in_dir("index.html"), NULL);
    assert_null(strstr(page, "Fundland"));
    free(page);
    ea_scenario_clear(&sc);
}

/* A report that fails at a stage leaves the directory as the earlier run left it. */
static void test_failed_report_changes_nothing(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    pl_pipeline_options opt = options(observed());
    eng_error err = { { 0 } };
    int n = 0;
    assert_int_equal(pl_pipeline_report(tmpdir, &sc, &opt, &n, &err), ENG_OK);
    char *manifest = test_slurp(in_dir("manifest.csv"), NULL);
    FILE *f = fopen(in_dir("bad.csv"), "w");
    fputs("date,department,places\n2022-06-30,region,twenty\n", f);
    fclose(f);
    opt.observed = in_dir("bad.csv");
    sc.seed = 9;
    assert_int_equal(pl_pipeline_report(tmpdir, &sc, &opt, &n, &err), ENG_EINPUT);
    /* The message names the input, not the scratch directory. */
    assert_null(strstr(err.msg, ".eaflow-"));
    char *now = test_slurp(in_dir("manifest.csv"), NULL);
    assert_string_equal(now, manifest);
    free(now);
    free(manifest);
    assert_true(exists("compare.csv") && exists("index.html"));
    each_file(users_files_kept);
    ea_scenario_clear(&sc);
}

/* A plot in another format replaces the charts and keeps the tables, which its record lists as
 * reused. */
static void test_plot_replaces_charts(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    pl_pipeline_options opt = options(NULL);
    eng_error err = { { 0 } };
    assert_int_equal(pl_pipeline_simulate(tmpdir, &sc, &opt, &err), ENG_OK);
    int n = 0, m = 0;
    if (pl_pipeline_plot(tmpdir, PL_PNG, PL_FR, &n, &err) != ENG_OK)
        fail_msg("plot: %s", err.msg);
    assert_true(n > 0 && exists("plots/file_active_region.png"));
    ino_t before = inode("monthly.csv");
    if (pl_pipeline_plot(tmpdir, PL_SVG, PL_FR, &m, &err) != ENG_OK)
        fail_msg("plot: %s", err.msg);
    assert_int_equal(m, n);
    assert_true(exists("plots/file_active_region.svg") && !exists("plots/file_active_region.png"));
    assert_true(inode("monthly.csv") == before);
    char *manifest = test_slurp(in_dir("manifest.csv"), NULL);
    assert_non_null(strstr(manifest, "\nreused,monthly.csv,"));
    assert_non_null(strstr(manifest, "\nreused,run.ini,"));
    assert_non_null(strstr(manifest, "\noutput,plots/file_active_region.svg,"));
    assert_null(strstr(manifest, ".png"));
    free(manifest);
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_compare_reuses_same_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_bad_date_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_replaces_another_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_again_without_funding, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_report_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plot_replaces_charts, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
