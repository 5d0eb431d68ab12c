/* test_pl_pipeline.c — The stages of an output directory: the simulation's tables are reused only
 * for the same run, a failed stage writes nothing, and the report runs every stage to the page. */
#include "test_util.h"
#include "test_proc.h"
#include "scenario_fixture.h"

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

static char dir[64];

static const char *in_dir(const char *name)
{
    static char path[4][128];
    static int i;
    i = (i + 1) % 4;
    snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
    return path[i];
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
    snprintf(path, sizeof path, "%s/observed.csv", dir);
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
    assert_int_equal(pl_pipeline_simulate(dir, &sc, &opt, &err), ENG_OK);
    assert_true(exists("monthly.csv") && exists("annual.csv") && exists("run.ini"));
    ino_t before = inode("monthly.csv");
    ea_compare *cmp = NULL;
    int reused = 0;
    int status = pl_pipeline_compare(dir, &sc, &opt, &cmp, &reused, &err);
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
    assert_int_equal(pl_pipeline_compare(dir, &sc, &opt, &cmp, &reused, &err), ENG_OK);
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
    assert_int_equal(pl_pipeline_compare(dir, &sc, &opt, &cmp, &reused, &err), ENG_EINPUT);
    assert_null(cmp);
    assert_non_null(strstr(err.msg, "--at 2022-07-31"));
    assert_false(exists("compare.csv") || exists("monthly.csv") || exists("run.ini"));
    ea_scenario_clear(&sc);
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
    assert_int_equal(pl_pipeline_simulate(dir, &sc, &opt, &err), ENG_OK);
    ino_t before = inode("annual.csv");
    int n = 0;
    int status = pl_pipeline_report(dir, &sc, &opt, &n, &err);
    if (status != ENG_OK)
        fail_msg("report: %s", err.msg);
    assert_true(inode("annual.csv") == before);
    assert_true(n > 0);
    assert_true(exists("compare.csv") && exists("index.html") && exists("report.pdf"));
    assert_false(exists("costs.csv") || exists("fitted.ini"));
    ea_scenario_clear(&sc);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/eaflow-pipeline-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    const char *argv[] = { "rm", "-rf", dir, NULL };
    return test_run(argv, NULL, NULL, 60);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_compare_reuses_same_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_bad_date_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
