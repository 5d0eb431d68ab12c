/* test_pl_calibrate.c — The charts of a calibration: calibrate -o DIR (pl_pipeline_calibrate) on a
 * small synthetic scenario writes one chart per target indicator into DIR/plots/, listed in the
 * manifest, and the data file behind them holds the observed figures of targets.csv with bars of
 * ± 2 standard deviations, the rows held out by --until marked. */
#include "test_util.h"
#include "test_proc.h"
#include "scenario_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/eng_csv.h"
#include "plots/pl_pipeline.h"

/* One platform, 8 entries a month into one module of mean 6 months: about 48 persons in support. */
static const char scenario[] =
    "[scenario]\nstart = 2020-01\nmonths = 36\nreplications = 10\nseed = 11\n"
    "[entries]\nper_month = 8\nmix = recherche:1\n"
    "[platform]\nplaces = 1000\ninitial_file_active = 0\n"
    "[module.recherche]\nduration = gamma(mean=6, sd=3)\nintensity = 4\n"
    "next = exit.emploi_durable:1\n";

/* Hand-written observations: a stock with a range (36 to 44: sd 2), one without (sd 5 % of 48 =
 * 2.4), one after --until 2021-12-31, and the entries of 2021 (sd 5 % of 96 = 4.8). */
static const char observed[] =
    "date,year,department,file_active,file_active_low,file_active_high,entries\n"
    "2020-06-30,,region,40,36,44,\n2021-06-30,,region,48,,,\n2022-06-30,,region,50,,,\n"
    ",2021,region,,,,96\n";

static const struct { const char *when; double observed, low, high; int used; } expected[] = {
    { "2020-06-30", 40, 36, 44, 1 },
    { "2021-06-30", 48, 43.2, 52.8, 1 },
    { "2022-06-30", 50, 45, 55, 0 },
    { "2021", 96, 86.4, 105.6, 1 },
};

static double number(const eng_csv *t, size_t row, const char *col)
{
    double x = NAN;
    int missing = 1;
    eng_error err = { { 0 } };
    assert_int_equal(eng_csv_get_number(t, row, eng_csv_column(t, col), &x, &missing, &err), ENG_OK);
    return x;
}

static void test_charts_and_their_data(void **state)
{
    (void)state;
    char dir[64], obs[] = "/tmp/eaflow-plcal-obs-XXXXXX";
    assert_int_equal(test_dir_make(dir, "pl_calibrate"), 0);
    test_temp_text(obs, observed);
    const char *path = fixture_file(scenario);
    ea_calibrate_free f;
    eng_error err = { { 0 } };
    assert_int_equal(ea_calibrate_free_parse("entries.per_month=2:20", &f, &err), ENG_OK);
    ea_calibrate_options opt = { .replications = 10, .threads = 2, .until = "2021-12-31",
                                 .max_evaluations = 8 };
    ea_calibrate c;
    int n = 0;
    if (pl_pipeline_calibrate(dir, path, obs, &f, 1, &opt, &eng_csv_standard, PL_PNG, PL_FR, &c, &n,
                              &err) != ENG_OK)
        fail_msg("%s", err.msg);
    ea_calibrate_clear(&c);
    /* The file active by month, the entries by year. */
    assert_int_equal(n, 2);
    struct stat st;
    assert_int_equal(stat(test_path(dir, "plots/calibration_file_active_region.png"), &st), 0);
    assert_true(st.st_size > 1000);
    assert_int_equal(stat(test_path(dir, "plots/calibration_entries_region_annual.png"), &st), 0);
    char *manifest = test_slurp(test_path(dir, "manifest.csv"), NULL);
    assert_substring(manifest, "plots/calibration_file_active_region.png");
    assert_substring(manifest, "plots/calibration-observed.csv");
    free(manifest);
    eng_csv *data = NULL, *targets = NULL;
    assert_int_equal(eng_csv_read(test_path(dir, "plots/calibration-observed.csv"), &data, &err), ENG_OK);
    assert_int_equal(eng_csv_read(test_path(dir, "targets.csv"), &targets, &err), ENG_OK);
    assert_int_equal((int)eng_csv_nrows(data), 4);
    assert_int_equal((int)eng_csv_nrows(targets), 4);
    for (size_t i = 0; i < 4; i++) {
        size_t k = 0;
        const char *when = eng_csv_get_text(data, i, eng_csv_column(data, "date_or_year"));
        while (k < 4 && strcmp(expected[k].when, when) != 0)
            k++;
        assert_true(k < 4);
        assert_true(fabs(number(data, i, "observed") - expected[k].observed) < 1e-9);
        assert_true(fabs(number(data, i, "low") - expected[k].low) < 1e-9);
        assert_true(fabs(number(data, i, "high") - expected[k].high) < 1e-9);
        assert_int_equal((int)number(data, i, "used"), expected[k].used);
        /* The same figure as targets.csv's row of that date. */
        for (size_t r = 0; r < 4; r++)
            if (strcmp(eng_csv_get_text(targets, r, eng_csv_column(targets, "date_or_year")), when) == 0)
                assert_true(number(targets, r, "observed") == number(data, i, "observed"));
    }
    eng_csv_free(data);
    eng_csv_free(targets);
    remove(path);
    remove(obs);
    assert_int_equal(test_dir_remove(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_charts_and_their_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
