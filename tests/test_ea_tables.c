/* test_ea_tables.c — The declared output files and their header lines, and the reader of
 * monthly.csv and annual.csv on small files written by hand. */
#include "test_util.h"
#include "test_proc.h"

#include <stdlib.h>
#include <string.h>

#include "models/ea_tables.h"

TEST_DIR_GROUP("test_ea_tables")

/* The header line a table writes, as a string. */
static char *header(ea_tables_id table, const char *const *names, int n, int optional,
                    const eng_csv_style *st)
{
    static char buf[1024];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    assert_non_null(f);
    ea_tables_write_header_names(f, table, names, n, optional, st);
    fclose(f);
    return buf;
}

/* Every file has a name, and every declared column a name (no hole left in a table declared
 * by column index); only INI files have no columns. */
static void test_declarations(void **state)
{
    (void)state;
    int ini = 0;
    for (int t = 0; t < EA_TABLE_COUNT; t++) {
        const char *file = ea_tables_file((ea_tables_id)t);
        assert_non_null(file);
        size_t len = strlen(file);
        assert_true(len > 4);
        if (strcmp(file + len - 4, ".ini") == 0) {
            ini++;
            assert_int_equal(ea_tables_ncolumns((ea_tables_id)t), 0);
            continue;
        }
        assert_string_equal(file + len - 4, ".csv");
        assert_true(ea_tables_ncolumns((ea_tables_id)t) > 0);
        for (int c = 0; c < ea_tables_ncolumns((ea_tables_id)t); c++) {
            const ea_tables_col *col = ea_tables_column((ea_tables_id)t, c);
            assert_non_null(col->name);
            if (col->kind == EA_COLUMN_FIXED || col->kind == EA_COLUMN_OPTIONAL)
                assert_true(col->name[0] != '\0');
        }
    }
    assert_int_equal(ini, 3);   /* run.ini, fitted.ini, sweep.ini */
    assert_int_equal(ea_tables_ncolumns(EA_TABLE_COMPARE), EA_COL_COMPARE_COUNT);
    assert_int_equal(ea_tables_ncolumns(EA_TABLE_MONTHLY), EA_COL_SUMMARY_STATS + EA_NSTATS);
}

/* Header lines as the README and `eaflow help` document them. */
static void test_headers(void **state)
{
    (void)state;
    assert_string_equal(header(EA_TABLE_MONTHLY, NULL, 0, 0, &eng_csv_standard),
                        "scope,month,indicator,mean,sd,p05,p25,p50,p75,p95\n");
    assert_string_equal(header(EA_TABLE_ANNUAL, NULL, 0, 0, &eng_csv_french),
                        "scope;year;indicator;mean;sd;p05;p25;p50;p75;p95\n");
    assert_string_equal(header(EA_TABLE_COMPARE, NULL, 0, 0, &eng_csv_standard),
                        "scope,date,indicator,observed,sim_mean,sim_p05,sim_p95,gap,ratio,in_band\n");
    assert_string_equal(header(EA_TABLE_COMPARE_SUMMARY, NULL, 0, 0, &eng_csv_standard),
                        "scope,indicator,n,mape_pct,rmse,bias,share_in_band\n");
    assert_string_equal(header(EA_TABLE_KM, NULL, 0, 0, &eng_csv_standard),
                        "module,time_months,at_risk,events,censored,survival,se,lower95,upper95\n");
    /* The year of costs.csv only when the funding table has years. */
    const char *costs = "department,name,places,funding_eur,cost_per_place_eur,deviation,"
                        "reference_funding_eur,difference_eur,file_active,cost_per_person_eur,"
                        "persons_accompanied,cost_per_accompanied_eur,delegated_eur,"
                        "delegated_share,outside_tolerance,verdict,adjustment_eur\n";
    assert_string_equal(header(EA_TABLE_COSTS, NULL, 0, 0, &eng_csv_standard), costs);
    char with_year[512];
    snprintf(with_year, sizeof with_year, "year,%s", costs);
    assert_string_equal(header(EA_TABLE_COSTS, NULL, 0, 1, &eng_csv_standard), with_year);
    /* The varied keys of a sweep, in place; the paired columns of every scenario but the first. */
    const char *keys[] = { "defaults.fte", "budget.cost_per_place" };
    assert_string_equal(header(EA_TABLE_SWEEP, keys, 2, 0, &eng_csv_standard),
                        "point,defaults.fte,budget.cost_per_place,scope,year,indicator,mean,p05,p95\n");
    const char *names[] = { "bas", "haut", "x;y" };
    assert_string_equal(header(EA_TABLE_SCENARIOS, names, 3, 0, &eng_csv_french),
                        "scope;year;indicator;bas;haut;\"x;y\";diff_haut;low95_haut;high95_haut;"
                        "beyond_noise_haut;\"diff_x;y\";\"low95_x;y\";\"high95_x;y\";"
                        "\"beyond_noise_x;y\"\n");
}

/* A monthly table with two scopes, rows out of order, an empty cell and no p25 column. */
static const char monthly[] =
    "scope,month,indicator,mean,sd,p05,p50,p75,p95\n"
    "31,2022-02,file_active,12.5,1,10,12,14,15\n"
    "31,2022-01,file_active,10,0.5,9,10,11,11.5\n"
    "31,2022-01,waiting,3,,1,3,4,5\n"
    "region,2022-01,file_active,20,2,17,20,22,23\n"
    "region,2022-02,file_active,24,2,21,24,26,27\n";

static void test_read_monthly(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    ea_tables_summary *s = NULL;
    if (ea_tables_summary_read(test_write(tmpdir, "monthly.csv", monthly), EA_TABLE_MONTHLY, &s,
                               &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(s->nscopes, 2);
    assert_string_equal(s->scopes[0], "31");
    assert_string_equal(s->scopes[1], "region");
    assert_int_equal(s->nindicators, 2);
    assert_string_equal(s->indicators[0], "file_active");
    assert_string_equal(s->indicators[1], "waiting");
    assert_int_equal(s->nseries, 3);
    assert_int_equal(s->first_period, 2022 * 12 + 0);
    assert_int_equal(s->last_period, 2022 * 12 + 1);

    const ea_tables_series *fa = ea_tables_summary_find(s, "31", "file_active");
    assert_non_null(fa);
    assert_int_equal(fa->n, 2);
    /* Sorted by month: January (line 3) first. */
    assert_int_equal(fa->period[0], 2022 * 12);
    assert_int_equal(fa->period[1], 2022 * 12 + 1);
    assert_true(fa->stat[0][EA_STAT_MEAN] == 10);
    assert_true(fa->stat[0][EA_STAT_SD] == 0.5);
    assert_true(fa->stat[0][EA_STAT_P95] == 11.5);
    assert_true(fa->stat[1][EA_STAT_MEAN] == 12.5);
    assert_true(fa->stat[1][EA_STAT_P05] == 10);
    assert_true(fa->stat[1][EA_STAT_P75] == 14);
    assert_true(isnan(fa->stat[1][EA_STAT_P25]));   /* no such column */
    const ea_tables_series *w = ea_tables_summary_find(s, "31", "waiting");
    assert_int_equal(w->n, 1);
    assert_true(isnan(w->stat[0][EA_STAT_SD]));     /* empty cell */
    assert_true(w->stat[0][EA_STAT_P50] == 3);
    const ea_tables_series *r = ea_tables_summary_find(s, "region", "file_active");
    assert_int_equal(ea_tables_series_find(r, 2022 * 12 + 1), 1);
    assert_true(r->stat[1][EA_STAT_MEAN] == 24);
    assert_int_equal(ea_tables_series_find(r, 2021 * 12), -1);
    assert_null(ea_tables_summary_find(s, "region", "waiting"));
    assert_int_equal(ea_tables_summary_scope(s, "region"), 1);
    assert_int_equal(ea_tables_summary_scope(s, "09"), -1);
    assert_int_equal(ea_tables_summary_indicator(s, "waiting"), 1);
    ea_tables_summary_free(s);
}

/* annual.csv in the French style: semicolons and decimal commas. */
static void test_read_annual(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    ea_tables_summary *s = NULL;
    const char *path = test_write(tmpdir, "annual.csv", "scope;year;indicator;mean;p05;p95\n"
                                                "region;2023;funding_eur;2773500;2773500;2773500\n"
                                                "region;2022;funding_eur;1386750,5;1;2\n");
    if (ea_tables_summary_read(path, EA_TABLE_ANNUAL, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    const ea_tables_series *f = ea_tables_summary_find(s, "region", "funding_eur");
    assert_int_equal(f->n, 2);
    assert_int_equal(f->period[0], 2022);
    assert_true(f->stat[0][EA_STAT_MEAN] == 1386750.5);
    assert_true(f->stat[1][EA_STAT_MEAN] == 2773500);
    assert_int_equal(s->first_period, 2022);
    ea_tables_summary_free(s);
}

static void expect_error(const char *name, const char *text, ea_tables_id table, const char *what)
{
    eng_error err = { { 0 } };
    ea_tables_summary *s = (ea_tables_summary *)&err;
    const char *path = test_write(tmpdir, name, text);
    assert_int_equal(ea_tables_summary_read(path, table, &s, &err), ENG_EINPUT);
    assert_null(s);
    if (!strstr(err.msg, what))
        fail_msg("\"%s\" does not contain \"%s\"", err.msg, what);
}

/* A malformed file names itself and the line. */
static void test_read_errors(void **state)
{
    (void)state;
    expect_error("bad.csv", "scope,month,indicator,mean\nregion,2022-01,file_active,12\n"
                            "region,2022-02,file_active,1x\n", EA_TABLE_MONTHLY, "bad.csv, ligne 3,");
    expect_error("twice.csv", "scope,month,indicator,mean\nregion,2022-01,waiting,1\n"
                              "region,2022-02,waiting,2\nregion,2022-01,waiting,3\n",
                 EA_TABLE_MONTHLY, "twice.csv, ligne 4 : la ligne de region, waiting et 2022-01 est "
                 "donnée deux fois (d'abord à la ligne 2) ; gardez-en une");
    expect_error("month.csv", "scope,month,indicator,mean\nregion,2022-13,waiting,1\n",
                 EA_TABLE_MONTHLY, "month.csv, ligne 2,");
    expect_error("year.csv", "scope,year,indicator,mean\nregion,2022.5,waiting,1\n",
                 EA_TABLE_ANNUAL, "year.csv, ligne 2, colonne « year » : « 2022.5 » n'est pas une année");
    expect_error("nomean.csv", "scope,month,indicator,p50\nregion,2022-01,waiting,1\n",
                 EA_TABLE_MONTHLY, "mean");
    expect_error("period.csv", "scope,year,indicator,mean\nregion,2022,waiting,1\n",
                 EA_TABLE_MONTHLY, "month");
}

/* Readers find declared columns by name, in any order and case. */
static void test_find_columns(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    eng_csv *t = NULL;
    const char *text = "Observed,scope,DATE\n1,31,2022-01-31\n";
    assert_int_equal(eng_csv_parse("c.csv", text, strlen(text), &t, &err), ENG_OK);
    assert_int_equal(ea_tables_find(t, EA_TABLE_COMPARE, EA_COL_COMPARE_OBSERVED), 0);
    assert_int_equal(ea_tables_find(t, EA_TABLE_COMPARE, EA_COL_COMPARE_DATE), 2);
    assert_int_equal(ea_tables_find(t, EA_TABLE_COMPARE, EA_COL_COMPARE_INDICATOR), -1);
    int col = -1;
    assert_int_equal(ea_tables_require(t, EA_TABLE_COMPARE, EA_COL_COMPARE_INDICATOR, &col, &err),
                     ENG_EINPUT);
    assert_non_null(strstr(err.msg, "indicator"));
    int year;
    assert_int_equal(ea_tables_get_year(t, 0, 1, &year, &err), ENG_OK);
    assert_int_equal(year, 31);
    assert_int_equal(ea_tables_get_year(t, 0, 2, &year, &err), ENG_EINPUT);
    eng_csv_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_declarations),
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_read_monthly),
        cmocka_unit_test(test_read_annual),
        cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_find_columns),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
