/* test_ea_tables.c — The declared output files and their header lines, and the reader of
 * monthly.csv and annual.csv on small files written by hand. */
#include "test_util.h"
#include "test_proc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/eng_msg.h"
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
        /* INI files and the summaries (.txt) have no columns. */
        if (strcmp(file + len - 4, ".ini") == 0 || strcmp(file + len - 4, ".txt") == 0) {
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
    /* run.ini, fitted.ini, sweep.ini, calibrated.ini, summary.txt, sensitivity.txt */
    assert_int_equal(ini, 6);
    assert_int_equal(ea_tables_ncolumns(EA_TABLE_COMPARE), EA_COL_COMPARE_COUNT);
    assert_int_equal(ea_tables_ncolumns(EA_TABLE_MONTHLY), EA_COL_SUMMARY_STATS + EA_NSTATS);
}

/* `;` and a decimal comma with the column names, as --csv fr wrote before it was for people. */
static const eng_csv_style eng_csv_french_names = { ';', ',', 0 };

/* Header lines as the README and `eaflow help` document them. */
static void test_headers(void **state)
{
    (void)state;
    assert_string_equal(header(EA_TABLE_MONTHLY, NULL, 0, 0, &eng_csv_standard),
                        "scope,month,indicator,mean,sd,p05,p25,p50,p75,p95\n");
    /* --csv fr: the byte order mark, then the French headers of the dictionary. */
    assert_string_equal(header(EA_TABLE_ANNUAL, NULL, 0, 0, &eng_csv_french),
                        "\xEF\xBB\xBFpérimètre;année;indicateur;moyenne;écart-type;"
                        "p05;p25;p50;p75;p95\n");
    assert_string_equal(header(EA_TABLE_COMPARE, NULL, 0, 0, &eng_csv_standard),
                        "scope,date,indicator,observed,sim_mean,sim_p05,sim_p95,gap,ratio,in_band\n");
    assert_string_equal(header(EA_TABLE_COMPARE_SUMMARY, NULL, 0, 0, &eng_csv_standard),
                        "scope,indicator,n,mape_pct,rmse,bias,share_in_band\n");
    assert_string_equal(header(EA_TABLE_KM, NULL, 0, 0, &eng_csv_standard),
                        "module,time_months,at_risk,events,censored,survival,se,lower95,upper95\n");
    /* The year of costs.csv only when the funding table has years. */
    const char *costs = "department,name,places,funding_eur,cost_per_place_eur,"
                        "reference_cost_per_place_eur,deviation,"
                        "reference_funding_eur,difference_eur,file_active,cost_per_file_active_eur,"
                        "persons_accompanied,cost_per_accompanied_eur,delegated_eur,"
                        "delegated_share,tolerance_eur,outside_tolerance,verdict,adjustment_eur\n";
    assert_string_equal(header(EA_TABLE_COSTS, NULL, 0, 0, &eng_csv_standard), costs);
    char with_year[512];
    snprintf(with_year, sizeof with_year, "year,%s", costs);
    assert_string_equal(header(EA_TABLE_COSTS, NULL, 0, 1, &eng_csv_standard), with_year);
    /* The varied keys of a sweep, in place; the paired columns of every scenario but the first. */
    const char *keys[] = { "defaults.fte", "budget.cost_per_place" };
    assert_string_equal(header(EA_TABLE_SWEEP, keys, 2, 0, &eng_csv_standard),
                        "point,defaults.fte,budget.cost_per_place,scope,year,indicator,mean,p05,p95\n");
    const char *names[] = { "bas", "haut", "x;y" };
    assert_string_equal(header(EA_TABLE_SCENARIOS, names, 3, 0, &eng_csv_french_names),
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

/* The scenarios' paired columns in French: the French prefix, then the scenario's name. */
static void test_french_pairs(void **state)
{
    (void)state;
    const char *names[] = { "base", "ramp" };
    assert_string_equal(header(EA_TABLE_SCENARIOS, names, 2, 0, &eng_csv_french),
                        "\xEF\xBB\xBFpérimètre;année;indicateur;base;ramp;écart ramp;"
                        "borne basse 95 % ramp;borne haute 95 % ramp;au-delà du bruit ramp\n");
    assert_string_equal(header(EA_TABLE_COSTS, NULL, 0, 1, &eng_csv_french) + 3,
                        "année;département;nom;places;financement (€);coût par place (€);"
                        "coût de référence par place (€);"
                        "écart à la référence;financement à la référence (€);différence (€);"
                        "file active;coût par personne en file active (€);personnes accompagnées;"
                        "coût par personne accompagnée (€);crédits délégués (€);part déléguée;"
                        "tolérance (€);hors tolérance;verdict;ajustement (€)\n");
}

/* Every declared column (and prefix) has a French header, which needs no quoting, and the French
 * headers of a table are all different; a name is in the dictionary once. */
static void test_dictionary(void **state)
{
    (void)state;
    for (int t = 0; t < EA_TABLE_COUNT; t++)
        for (int c = 0; c < ea_tables_ncolumns((ea_tables_id)t); c++) {
            const ea_tables_col *col = ea_tables_column((ea_tables_id)t, c);
            if (col->kind == EA_COLUMN_EACH)
                continue;
            const char *fr = ea_tables_french(col->name);
            if (!fr)
                fail_msg("%s: column \"%s\" has no French header in ea_tables.c's dictionary",
                         ea_tables_file((ea_tables_id)t), col->name);
            assert_null(strpbrk(fr, ";,\"\n"));
            for (int d = 0; d < c; d++) {
                const ea_tables_col *other = ea_tables_column((ea_tables_id)t, d);
                if (other->kind != EA_COLUMN_EACH)
                    assert_string_not_equal(fr, ea_tables_french(other->name));
            }
        }
    for (int i = 0; i < ea_tables_nwords(); i++)
        for (int j = 0; j < i; j++)
            assert_string_not_equal(ea_tables_word_at(i)->name, ea_tables_word_at(j)->name);
}

/* A value written through the unit rule, as a string. */
static char *value(double x, ea_indicators_unit unit, const eng_csv_style *st)
{
    static char buf[64];
    memset(buf, 0, sizeof buf);
    FILE *f = fmemopen(buf, sizeof buf, "w");
    assert_non_null(f);
    ea_tables_write_value(f, x, unit, st);
    fclose(f);
    return buf;
}

/* The rounding of --csv fr, one rule per unit, against values rounded by hand; --csv std keeps
 * every digit. */
static void test_rounding(void **state)
{
    (void)state;
    const eng_csv_style *fr = &eng_csv_french;
    assert_string_equal(value(0.302325581395, EA_UNIT_SHARE, fr), "0,302");   /* 30,2 % */
    assert_string_equal(value(0.6815, EA_UNIT_SHARE, fr), "0,682");
    assert_string_equal(value(1, EA_UNIT_SHARE, fr), "1,000");
    assert_string_equal(value(13.0666666667, EA_UNIT_PERSONS, fr), "13,1");
    assert_string_equal(value(10.25, EA_UNIT_PERSONS, fr), "10,3");           /* half up */
    assert_string_equal(value(17, EA_UNIT_PLACES, fr), "17,0");
    assert_string_equal(value(-0.04, EA_UNIT_PERSONS, fr), "0,0");            /* no "-0,0" */
    assert_string_equal(value(4.96, EA_UNIT_DAYS, fr), "5,0");
    assert_string_equal(value(2.3449, EA_UNIT_FTE, fr), "2,34");
    assert_string_equal(value(1234.5, EA_UNIT_HOURS, fr), "1235");
    assert_string_equal(value(95199.6, EA_UNIT_EUR, fr), "95200");
    assert_string_equal(value(-4.4, EA_UNIT_EUR, fr), "-4");
    assert_string_equal(value(NAN, EA_UNIT_EUR, fr), "");
    assert_string_equal(value(0.302325581395, EA_UNIT_SHARE, &eng_csv_standard), "0.302325581395");
    assert_string_equal(value(95199.6, EA_UNIT_EUR, &eng_csv_standard), "95199.6");
    /* Every indicator's unit has its rule. */
    for (int i = 0; i < ea_indicators_ndefs(); i++)
        if (ea_tables_unit_places(ea_indicators_def(i)->unit) < 0)
            fail_msg("indicator %s: its unit has no rounding in ea_tables_unit_places",
                     ea_indicators_def(i)->name);
}

/* A table written by --csv fr is read back: French headers found, the mark of codes dropped. */
static void test_french_read_back(void **state)
{
    (void)state;
    const char *path = test_write(tmpdir, "fr-annual.csv",
                                  "\xEF\xBB\xBFpérimètre;année;indicateur;moyenne;p05;p95\n"
                                  "\xE2\x81\xA0" "09;2022;occupancy;0,769;0,529;1,000\n");
    ea_tables_summary *s = NULL;
    eng_error err = { "" };
    if (ea_tables_summary_read(path, EA_TABLE_ANNUAL, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    const ea_tables_series *se = ea_tables_summary_find(s, "09", "occupancy");
    assert_non_null(se);
    assert_abs(se->stat[0][EA_STAT_MEAN], 0.769, 1e-12);
    ea_tables_summary_free(s);
}

/* README.md's column dictionary is the code's own, between its markers. */
static void test_readme_dictionary(void **state)
{
    (void)state;
    char *readme = test_slurp("README.md", NULL);
    assert_non_null(readme);
    char *table = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&table, &len);
    ea_tables_write_dictionary_markdown(f);
    fclose(f);
    const char *begin = "<!-- columns:begin -->\n", *end = "<!-- columns:end -->";
    char *b = strstr(readme, begin), *e = strstr(readme, end);
    assert_true(b && e && b < e);
    b += strlen(begin);
    if ((size_t)(e - b) != len || strncmp(b, table, len) != 0)
        fail_msg("README.md's column dictionary differs from the code's: run `make readme-columns`");
    assert_ptr_equal(strstr(table, "| Colonne (`--csv std`) | En-tête (`--csv fr`) |\n"), table);
    free(table);
    free(readme);
    /* The headings in English on request; the French headers of the columns stay. */
    eng_msg_set_lang(ENG_MSG_EN);
    f = open_memstream(&table, &len);
    ea_tables_write_dictionary_markdown(f);
    fclose(f);
    eng_msg_set_lang(ENG_MSG_FR);
    assert_non_null(strstr(table, "| Column (`--csv std`) | Header (`--csv fr`) |\n"));
    assert_non_null(strstr(table, "| `scope` | périmètre |\n"));
    free(table);
}

/* The path of soffice (LibreOffice), or NULL. */
static const char *soffice(void)
{
    static const char *const candidates[] = { "/usr/bin/soffice", "/usr/bin/libreoffice", NULL };
    for (int i = 0; candidates[i]; i++)
        if (access(candidates[i], X_OK) == 0)
            return candidates[i];
    return NULL;
}

/* annual.csv of `simulate --csv fr` opened by LibreOffice Calc with its default import options
 * (`;`, UTF-8, French): department 09 stays the text "09" (behind its invisible mark), numbers
 * are numbers, and a formula-looking name stays text. Calc's answer is read from the CSV it
 * exports with every text cell quoted. */
static void test_libreoffice(void **state)
{
    (void)state;
    char dir[512], csv[600], out[600];
    snprintf(dir, sizeof dir, "%s/office", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "simulate", "scenarios/occitanie-2022.ini", "-o", dir,
                                 "-n", "2", "--csv", "fr", "-q", NULL), 0);
    snprintf(csv, sizeof csv, "%s/annual.csv", dir);
    char *text = test_slurp(csv, NULL);
    assert_non_null(text);
    assert_memory_equal(text, "\xEF\xBB\xBFpérimètre;année;", strlen("\xEF\xBB\xBFpérimètre;année;"));
    free(text);
    const char *office = soffice();
    if (!office) {
        print_message("LibreOffice is not installed (make deps OFFICE=1): Calc import test skipped\n");
        skip();
    }
    /* Three rows of annual.csv, and a name that looks like a formula. */
    FILE *in = fopen(csv, "r"), *f = fopen(test_path(tmpdir, "calc.csv"), "w");
    char line[512];
    for (int i = 0; i < 3 && fgets(line, sizeof line, in); i++)
        fputs(line, f);
    eng_csv_text(f, "=1+1", &eng_csv_french);
    fputs(";2022;file_active;1,5;0,5;1,0;1,0;1,5;2,0;2,0\n", f);
    fclose(in);
    fclose(f);
    setenv("HOME", tmpdir, 1);   /* LibreOffice's profile, out of the user's */
    const char *argv[] = { office, "--headless", "--infilter=CSV:59,34,76,1,,1036",
                           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true",
                           "--outdir", dir, test_path(tmpdir, "calc.csv"), NULL };
    assert_int_equal(test_run(argv, NULL, NULL, 180), 0);
    snprintf(out, sizeof out, "%s/calc.csv", dir);
    char *calc = test_slurp(out, NULL);
    assert_non_null(calc);
    const char *row = strchr(calc, '\n');
    assert_non_null(row);
    /* Text quoted, numbers bare: "09" is text, 13,1 the number 13.1 (written back with a point). */
    const char *want = "\"\xE2\x81\xA0" "09\",2022,\"file_active\",";
    if (strncmp(row + 1, want, strlen(want)) != 0 || !strchr("0123456789", row[1 + strlen(want)]))
        fail_msg("Calc read the first row as [%.60s]", row + 1);
    assert_non_null(strstr(calc, "\n\"'=1+1\",2022,\"file_active\",1.5,"));
    free(calc);
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
        cmocka_unit_test(test_french_pairs),
        cmocka_unit_test(test_dictionary),
        cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_french_read_back),
        cmocka_unit_test(test_readme_dictionary),
        cmocka_unit_test(test_libreoffice),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
