/* test_ea_compare.c — Observed aggregates against hand-made simulation tables: the points with
 * their gap, ratio and band, the error summaries and the capacity view, computed by hand. */
#include "test_util.h"
#include "test_proc.h"

#include <stdlib.h>
#include <string.h>

#include "engine/eng_out.h"
#include "models/ea_compare.h"

TEST_DIR_GROUP("test_ea_compare")

/* January and February 2022 simulated for department 31 and the region. */
static const char monthly[] =
    "scope,month,indicator,mean,sd,p05,p25,p50,p75,p95\n"
    "31,2022-01,file_active,100,5,90,95,100,105,110\n"
    "31,2022-02,file_active,110,5,100,105,110,115,120\n"
    "31,2022-01,places,120,0,120,120,120,120,120\n"
    "31,2022-02,places,120,0,120,120,120,120,120\n"
    "31,2022-01,entries,4,1,3,3,4,5,5\n"
    "region,2022-01,file_active,200,9,180,190,200,210,220\n"
    "region,2022-01,places,240,0,240,240,240,240,240\n"
    "region,2022-01,entries,8,1,6,7,8,9,10\n";
static const char annual[] =
    "scope,year,indicator,mean,sd,p05,p25,p50,p75,p95\n"
    "31,2022,entries,50,5,40,45,50,55,60\n"
    "region,2022,entries,100,10,80,90,100,110,120\n";

/* Stocks at four month ends (one before and one after the simulation), entries of a whole year,
 * and a column that is no indicator. */
static const char observed[] =
    "date,department,file_active,places,entries,year,remark\n"
    "2022-01-31,31,95,120,,,\n"
    "2022-02-28,31,125,120,,,\n"
    "2021-12-31,31,90,120,,,\n"
    "2022-03-31,31,100,120,,,\n"
    ",31,,,55,2022,\n"
    ",region,,,0,2022,\n";

static ea_compare *compare(eng_error *err)
{
    test_write(tmpdir, "monthly.csv", monthly);
    test_write(tmpdir, "annual.csv", annual);
    test_write(tmpdir, "obs.csv", observed);
    ea_compare *c = NULL;
    if (ea_compare_run(test_path(tmpdir, "obs.csv"), test_path(tmpdir, "monthly.csv"),
                       test_path(tmpdir, "annual.csv"), 4300, &c, err) != ENG_OK)
        fail_msg("%s", err->msg);
    return c;
}

/* The number in a column of the row of a table whose first columns are given. */
static double cell(const eng_csv *t, const char *scope, const char *key_col, const char *key,
                   const char *indicator, const char *col)
{
    int cs = eng_csv_column(t, "scope"), ck = key_col ? eng_csv_column(t, key_col) : -1;
    int ci = eng_csv_column(t, "indicator"), cc = eng_csv_column(t, col);
    assert_true(cs >= 0 && cc >= 0);
    for (size_t r = 0; r < eng_csv_nrows(t); r++) {
        if (strcmp(eng_csv_get_text(t, r, cs), scope) != 0
            || (ck >= 0 && key && strcmp(eng_csv_get_text(t, r, ck), key) != 0)
            || (ci >= 0 && indicator && strcmp(eng_csv_get_text(t, r, ci), indicator) != 0))
            continue;
        double v;
        int missing;
        eng_error err = { { 0 } };
        assert_int_equal(eng_csv_get_number(t, r, cc, &v, &missing, &err), ENG_OK);
        return v;
    }
    fail_msg("no row %s %s %s in %s", scope, key ? key : "", indicator ? indicator : "",
             eng_csv_name(t));
    return NAN;
}

static eng_csv *read_back(const char *name)
{
    eng_csv *t = NULL;
    eng_error err = { { 0 } };
    if (eng_csv_read(test_path(tmpdir, name), &t, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    return t;
}

static void test_points_and_summary(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    ea_compare *c = compare(&err);
    eng_out *out = eng_out_begin(test_path(tmpdir, "out"), &err);
    assert_non_null(out);
    assert_int_equal(ea_compare_write(c, out, &eng_csv_standard, &err), ENG_OK);
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);

    eng_csv *t = read_back("out/compare.csv");
    /* Two months of file_active and places, and a year of entries for 31 and the region. */
    assert_int_equal((int)eng_csv_nrows(t), 6);
    assert_true(cell(t, "31", "date", "2022-01", "file_active", "gap") == 95 - 100);
    assert_rel(cell(t, "31", "date", "2022-01", "file_active", "ratio"), 0.95, 1e-12);
    assert_true(cell(t, "31", "date", "2022-01", "file_active", "in_band") == 1);
    assert_true(cell(t, "31", "date", "2022-02", "file_active", "gap") == 125 - 110);
    assert_true(cell(t, "31", "date", "2022-02", "file_active", "in_band") == 0);   /* above 120 */
    assert_true(cell(t, "31", "date", "2022-02", "places", "in_band") == 1);        /* on the band */
    assert_true(cell(t, "31", "date", "2022", "entries", "sim_mean") == 50);
    assert_rel(cell(t, "31", "date", "2022", "entries", "ratio"), 1.1, 1e-12);
    assert_true(cell(t, "region", "date", "2022", "entries", "ratio") == 0);
    assert_true(cell(t, "region", "date", "2022", "entries", "in_band") == 0);
    eng_csv_free(t);

    t = read_back("out/compare-summary.csv");
    assert_int_equal((int)eng_csv_nrows(t), 4);
    /* 31 file_active: errors of 5 on 95 and of 15 on 125. */
    assert_true(cell(t, "31", NULL, NULL, "file_active", "n") == 2);
    assert_rel(cell(t, "31", NULL, NULL, "file_active", "mape_pct"), 100 * (5 / 95.0 + 15 / 125.0) / 2,
               1e-10);
    assert_rel(cell(t, "31", NULL, NULL, "file_active", "rmse"), sqrt((25 + 225) / 2.0), 1e-10);
    assert_rel(cell(t, "31", NULL, NULL, "file_active", "bias"), (5 - 15) / 2.0, 1e-10);
    assert_rel(cell(t, "31", NULL, NULL, "file_active", "share_in_band"), 0.5, 1e-15);
    assert_true(cell(t, "31", NULL, NULL, "places", "rmse") == 0);
    assert_rel(cell(t, "31", NULL, NULL, "entries", "mape_pct"), 100 * 5 / 55.0, 1e-10);
    /* An observation of zero has no percentage error. */
    assert_true(isnan(cell(t, "region", NULL, NULL, "entries", "mape_pct")));
    assert_true(cell(t, "region", NULL, NULL, "entries", "bias") == 100);
    eng_csv_free(t);

    /* Capacity: four dates of 31, each with a regional sum of that department alone. */
    t = read_back("out/capacity.csv");
    assert_int_equal((int)eng_csv_nrows(t), 8);
    assert_rel(cell(t, "31", "date", "2022-01-31", NULL, "occupancy"), 95 / 120.0, 1e-12);
    assert_true(cell(t, "31", "date", "2022-01-31", NULL, "unused_places") == 25);
    assert_true(cell(t, "31", "date", "2022-01-31", NULL, "unused_value_eur") == 25 * 4300);
    assert_true(cell(t, "region", "date", "2022-02-28", NULL, "unused_places") == -5);
    eng_csv_free(t);
    assert_true(ea_compare_has_date(c, "2021-12-31"));
    assert_false(ea_compare_has_date(c, "2021-12-30"));
    ea_compare_free(c);
}

/* The printed view: capacity at a date, the observations compared, those outside the simulated
 * period, and the columns ignored. */
static void test_print(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    ea_compare *c = compare(&err);
    char buf[4096];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    /* The scenario names the department; the region is said in words. */
    ea_scenario_department dept = { .code = "31", .name = "Haute-Garonne" };
    const ea_scenario sc = { .ndepartments = 1, .departments = &dept };
    ea_compare_print(c, &sc, "2022-01-31", f);
    fclose(f);
    assert_non_null(strstr(buf, "Capacité observée au 31/01/2022"));
    assert_non_null(strstr(buf, "\n31 Haute-Garonne "));
    assert_non_null(strstr(buf, "\nRégion "));
    assert_null(strstr(buf, "\nregion"));
    /* A scenario that names its area has it said instead of « Région ». */
    char named[4096];
    ea_scenario sc2 = sc;
    snprintf(sc2.area, sizeof sc2.area, "Occitanie");
    FILE *g = fmemopen(named, sizeof named, "w");
    ea_compare_print(c, &sc2, "2022-01-31", g);
    fclose(g);
    assert_non_null(strstr(named, "\nOccitanie "));
    assert_null(strstr(named, "\nRégion "));
    /* Six points, four in the band; the two of places, equal by construction (observed 120,
     * simulated 120 without spread), are not counted: file active in January (95 in 90-110) and
     * 31's entries of 2022 (55 in 40-60) are in, February's 125 and the region's 0 out. */
    assert_non_null(strstr(buf, "4 observations comparées à la simulation, 2 dans sa bande à 90 % ; "
                                "2 égales par construction (les places, données du scénario) ne "
                                "sont pas comptées ; 2 avant et 2 après la période simulée (non "
                                "comparées)."));
    assert_non_null(strstr(buf, "simulation : remark."));
    ea_compare_free(c);
}

static void test_unknown_department(void **state)
{
    (void)state;
    test_write(tmpdir, "obs09.csv",
               "date,department,file_active\n2022-01-31,31,1\n2022-01-31,09,3\n");
    eng_error err = { { 0 } };
    ea_compare *c = NULL;
    assert_int_equal(ea_compare_run(test_path(tmpdir, "obs09.csv"),
                                    test_path(tmpdir, "monthly.csv"),
                                    test_path(tmpdir, "annual.csv"), 4300, &c, &err),
                     ENG_EINPUT);
    assert_null(c);
    assert_non_null(strstr(err.msg, "obs09.csv, ligne 3,"));
    assert_non_null(strstr(err.msg, "« 09 » n'est ni un département de la simulation"));
}

/* A column a typo away from an indicator is named with it; one that is no indicator at all
 * (a remark) is named alone. */
static void test_mistyped_column(void **state)
{
    (void)state;
    test_write(tmpdir, "monthly.csv", monthly);
    test_write(tmpdir, "annual.csv", annual);
    test_write(tmpdir, "typo.csv", "date,department,file_activ,remark\n2022-01-31,31,95,\n");
    ea_compare *c = NULL;
    eng_error err = { { 0 } };
    if (ea_compare_run(test_path(tmpdir, "typo.csv"), test_path(tmpdir, "monthly.csv"),
                       test_path(tmpdir, "annual.csv"), 4300, &c, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_string_equal(ea_compare_ignored(c), "file_activ (vouliez-vous dire file_active ?), remark");
    ea_compare_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_points_and_summary),
        cmocka_unit_test(test_print),
        cmocka_unit_test(test_unknown_department),
        cmocka_unit_test(test_mistyped_column),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
