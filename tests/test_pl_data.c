/* test_pl_data.c — An output directory written by hand read back for the charts: the summary
 * series (the whole first), run.ini loaded as a scenario, department names, costs, the varied keys
 * of a sweep. */
#include "test_util.h"
#include "test_proc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plots/pl_data.h"

TEST_DIR_GROUP("test_pl_data")

static void copy_fixture(const char *dir, const char *from, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "tests/data/%s", from);
    char *text = test_slurp(path, NULL);
    assert_non_null(text);
    test_write(dir, name, text);
    free(text);
}

static const char monthly[] =
    "scope,month,indicator,mean,sd,p05,p25,p50,p75,p95\n"
    "31,2022-01,file_active,10,2,7,9,10,11,13\n"
    "31,2022-02,file_active,12,3,8,10,12,14,16\n"
    "region,2022-01,file_active,15,2,12,14,15,16,18\n"
    "09,2022-01,file_active,5,1,4,4,5,6,6\n";

/* Department 31 named in the scenario, 09 not (its name comes from costs.csv). */
static const char run_ini[] =
    "[scenario]\nname = Essai\nstart = 2022-01\nmonths = 2\nreplications = 7\n"
    "[budget]\ncost_per_place = 4000\n"
    "[module.evaluation]\nduration = exponential(mean=3)\nnext = exit.autre:1\n"
    "[department.31]\nname = Haute-Garonne\nplaces = 12\n"
    "[department.09]\nplaces = 6\n";

static const char costs[] =
    "year,department,name,places,funding_eur,cost_per_place_eur,reference_funding_eur,"
    "outside_tolerance\n"
    "2022,09,Ariège,10,40000,4000,43000,1\n"
    "2022,region,Région,10,40000,4000,43000,1\n";

static void test_read(void **state)
{
    (void)state;
    char dir[256];
    test_subdir(dir, sizeof dir, tmpdir, "full");
    test_write(dir, "monthly.csv", monthly);
    test_write(dir, "run.ini", run_ini);
    test_write(dir, "costs.csv", costs);
    copy_fixture(dir, "pl_sweep.csv", "sweep.csv");
    pl_data *d = NULL;
    eng_error err = { { 0 } };
    if (pl_data_read(dir, &d, &err) != ENG_OK)
        fail_msg("%s", err.msg);

    /* The whole first, then the departments in the order of the file. */
    const pl_data_summary *m = d->monthly;
    assert_null(d->annual);
    assert_int_equal(m->nscopes, 3);
    assert_string_equal(m->scopes[0], "region");
    assert_string_equal(m->scopes[1], "31");
    assert_string_equal(m->scopes[2], "09");
    assert_string_equal(pl_data_region(d), "region");
    /* Statistics without the sd: mean, p05, p25, p50, p75, p95. */
    const pl_data_series *fa = pl_data_summary_find(m, "31", "file_active");
    assert_int_equal(fa->n, 2);
    assert_int_equal(fa->period[1], 2022 * 12 + 1);
    assert_true(pl_data_series_at(fa, 2022 * 12 + 1, PL_MEAN) == 12);
    assert_true(pl_data_series_at(fa, 2022 * 12 + 1, PL_P05) == 8);
    assert_true(pl_data_series_at(fa, 2022 * 12 + 1, PL_P25) == 10);
    assert_true(pl_data_series_at(fa, 2022 * 12 + 1, PL_P95) == 16);
    assert_true(isnan(pl_data_series_at(fa, 2022 * 12 + 2, PL_MEAN)));
    assert_null(pl_data_summary_find(m, "09", "waiting"));

    /* run.ini as a scenario. */
    assert_string_equal(d->scenario_name, "Essai");
    assert_true(d->replications == 7);
    assert_true(d->cost_per_place == 4000);
    assert_non_null(strstr(d->run_ini, "name = Haute-Garonne"));
    assert_string_equal(pl_data_name(d, "31"), "Haute-Garonne");
    assert_string_equal(pl_data_name(d, "09"), "Ariège");
    assert_null(pl_data_name(d, "2A"));

    assert_int_equal((int)d->ncosts, 2);
    assert_int_equal(d->costs[0].year, 2022);
    assert_true(d->costs[0].reference == 4300);
    assert_true(d->costs[1].region);

    /* The varied key of the sweep. */
    assert_int_equal(d->nkeys, 1);
    assert_string_equal(d->keys[0], "defaults.fte");
    assert_int_equal((int)d->nsweep, 24);
    assert_int_equal(d->sweep[0].year, 2022);
    assert_true(d->sweep[0].p95 == 480);
    pl_data_free(d);
}

/* A run.ini that is no scenario, or a table with a bad year, is an error naming the file. */
static void test_errors(void **state)
{
    (void)state;
    char dir[256];
    test_subdir(dir, sizeof dir, tmpdir, "badini");
    test_write(dir, "monthly.csv", monthly);
    test_write(dir, "run.ini", "[scenario]\nname = x\nstart = 2022-01\nmonths = 2\n");
    pl_data *d = NULL;
    eng_error err = { { 0 } };
    assert_int_equal(pl_data_read(dir, &d, &err), ENG_EINPUT);
    assert_null(d);
    assert_non_null(strstr(err.msg, "run.ini"));

    test_subdir(dir, sizeof dir, tmpdir, "badyear");
    test_write(dir, "sweep.csv",
               "point,defaults.fte,scope,year,indicator,mean,p05,p95\n"
               "1,1,region,2022,file_active,1,1,1\n1,1,region,20x2,waiting,1,1,1\n");
    assert_int_equal(pl_data_read(dir, &d, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "sweep.csv, ligne 3,"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
