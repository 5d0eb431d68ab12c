/* test_pl_report_tables.c — Tests of the report's HTML tables on the hand-made tables of
 * tests/data/pl_hand: the years and their months, and every row of the four tables against figures
 * computed by hand, in French number format. */
#include "pl_fixture.h"
#include "plots/pl_report_tables.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    return pl_fixture_setup(tmpdir, "test_pl_report_tables", NULL);
}

static int teardown(void **state)
{
    (void)state;
    return pl_fixture_teardown(tmpdir);
}

/* The tables of dir for the region in `year`, in a string to free. */
static char *tables_of(const char *dir, int year, pl_text_lang lang)
{
    pl_data *d;
    eng_error err = { { 0 } };
    if (pl_data_read(dir, &d, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_report_tables_write(f, d, "region", year, lang);
    long n = ftell(f);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    rewind(f);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    pl_data_free(d);
    return s;
}

/* annual.csv has the region's file active in 2022 only; monthly.csv simulates October to December
 * 2022 for the region, nothing for 32. */
static void test_years(void **state)
{
    (void)state;
    pl_data *d;
    eng_error err = { { 0 } };
    assert_int_equal(pl_data_read(PL_FIXTURE_HAND, &d, &err), ENG_OK);
    const pl_data_series *years = pl_report_tables_years(d, "region");
    assert_non_null(years);
    assert_int_equal(years->n, 1);
    assert_int_equal(years->period[0], 2022);
    assert_int_equal(pl_report_tables_months(d, "region", 2022), 3);
    assert_int_equal(pl_report_tables_months(d, "region", 2021), 0);
    assert_int_equal(pl_report_tables_months(d, "32", 2022), 12);
    assert_null(pl_report_tables_years(d, "99"));
    pl_data_free(d);
}

#define N(x) "<td class=\"n\">" x "</td>"
/* A name, never wrapped. */
#define NAME(x) "<td class=\"name\">" x "</td>"

static void test_rows(void **state)
{
    (void)state;
    char *page = tables_of(PL_FIXTURE_HAND, 2022, PL_FR);
    static const char *const wanted[] = {
        /* The year: three months simulated; every column of the year table has a value. */
        "<h3>Indicateurs par année — région</h3>",
        "<th class=\"n\">File active (fin d&#39;année)</th>",
        "<tr><td>2022 (3 mois)</td>" N("120") N("150") N("80,0 %") N("160") N("36") N("15") N("6")
        N("9") N("4,5") N("600 000 €") N("450 000 €") N("4 000 €") "</tr>",
        /* The FTE the hours need (4.5), the FTE funded left out: annual.csv has none. */
        "<th class=\"n\">ETP nécessaires</th>",
        /* The department 31, with what annual.csv has for it; the region last, as the total. */
        "<h3>Départements en 2022</h3>",
        "<tr><td>31</td>" NAME("Haute-Garonne") N("75") N("60") N("80,0 %") N("–") N("–") N("–")
        N("–") N("–") "</tr>",
        "<tr class=\"total\"><td></td>" NAME("Région") N("150") N("120") N("80,0 %") N("160")
        N("36") N("15") N("9") N("4 000 €") "</tr>",
        /* capacity.csv on 30 September 2022: unused places = places - persons, valued at the
         * 4 000 € a place of run.ini. */
        "<h3>Capacité observée au 30/09/2022</h3>",
        "<tr>" NAME("Haute-Garonne (31)") N("100") N("90") N("90,0 %") N("10") N("40 000 €") "</tr>",
        "<tr>" NAME("Gers (32)") N("50") N("55") N("110,0 %") N("\u22125") N("\u221220 000 €") "</tr>",
        "<tr class=\"total\">" NAME("Région") N("140") N("95") N("67,9 %") N("45") N("180 000 €")
        "</tr>",
        /* Deviation from each row's reference: 4 000 / 4 400 - 1, 5 000 / 4 300 - 1,
         * 3 500 / 4 300 - 1, 4 235,29 / 4 300 - 1, signed, negatives with a real minus. The verdict of a costs.csv without
         * adjustment_eur: reference funding - funding, 215 000 - 250 000 for Gers, 86 000 - 70 000
         * for Tarn-et-Garonne, 731 000 - 720 000 for the region; the two to adjust move +16 000 and
         * −35 000, net −19 000, and the region's own +11 000 counts Haute-Garonne's tolerated gap. */
        "<h3>Coût à la place (table des financements) — 2022</h3>",
        "<tr><td>31</td>" NAME("Haute-Garonne") N("100") N("400 000 €") N("4 000 €") N("\u22129,1 %")
        "<td>conforme</td></tr>",
        "<tr><td>32</td>" NAME("Gers") N("50") N("250 000 €") N("5 000 €") N("+16,3 %")
        "<td>à ajuster de −35 000 €</td></tr>",
        "<tr><td>82</td>" NAME("Tarn-et-Garonne") N("20") N("70 000 €") N("3 500 €") N("\u221218,6 %")
        "<td>à ajuster de +16 000 €</td></tr>",
        "<tr class=\"total\"><td></td>" NAME("Région") N("170") N("720 000 €") N("4 235 €")
        N("\u22121,5 %") "<td>2 départements sur 3 à ajuster : +16 000 € à ajouter, −35 000 € à "
        "retirer, net −19 000 € ; avec les écarts tolérés, +11 000 €</td></tr>",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        pl_fixture_contains(page, wanted[i], "the tables");
    const char *why = pl_fixture_well_formed(page, 1);
    if (why)
        fail_msg("the tables: %s", why);
    free(page);
}

/* With a cost per place in run.ini, the capacity table values the unused places: 10 x 4 000 € for
 * Haute-Garonne; and an unused column (no cost of the modelled hours anywhere) is left out. */
static void test_value_and_columns(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/valued", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    pl_fixture_write(dir, "run.ini", "[scenario]\nname = Essai\nstart = 2021-01\nmonths = 24\n"
                     "[budget]\ncost_per_place = 4000\n[module.evaluation]\n"
                     "duration = exponential(mean=3)\nnext = exit.autre:1\n[platform]\nplaces = 150\n");
    pl_fixture_write(dir, "annual.csv",
                     "scope,year,indicator,mean\nregion,2022,file_active,120\n"
                     "region,2022,staff_cost_needed_eur,0\n");
    char *page = tables_of(dir, 2022, PL_EN);
    pl_fixture_contains(page, "<th class=\"n\">Value per year</th>", "the tables");
    pl_fixture_contains(page, "<tr>" NAME("Haute-Garonne (31)") N("100") N("90") N("90.0%")
                        N("10") N("€40,000") "</tr>", "the tables");
    pl_fixture_contains(page, "<tr><td>2022 (3 months)</td>" N("120") "</tr>", "the tables");
    assert_null(strstr(page, "Cost of the modelled hours"));
    /* annual.csv has one scope: no table of departments. */
    assert_null(strstr(page, "Departments in"));
    free(page);
}

/* Every year of the funding table has its table, earliest first, with its verdicts; the places
 * of costs-mismatches.csv are listed under the year they concern; 2021, which annual.csv does
 * not simulate, is said not compared. */
static void test_costs_years(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/years", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    pl_fixture_write(dir, "costs.csv",
                     "year,department,name,places,funding_eur,cost_per_place_eur,"
                     "reference_funding_eur,outside_tolerance,verdict,adjustment_eur\n"
                     "2021,09,Ariège,50,200000,4000,215000,1,à ajuster,15000\n"
                     "2021,31,Haute-Garonne,10,47300.5,4730.05,43000,1,à ajuster,-4300.5\n"
                     "2021,region,Total,60,247300.5,4121.675,258000,1,à ajuster,10699.5\n"
                     "2022,09,Ariège,50,215000,4300,215000,0,conforme,0\n"
                     "2022,31,Haute-Garonne,160,688000,4300,688000,0,conforme,0\n"
                     "2022,region,Total,210,903000,4300,903000,0,conforme,0\n");
    pl_fixture_write(dir, "costs-mismatches.csv",
                     "year,department,name,funding_places,scenario_places\n"
                     "2022,31,Haute-Garonne,160,152\n2022,48,Lozère,,13.25\n");
    char *page = tables_of(dir, 2022, PL_FR);
    static const char *const wanted[] = {
        "<h3>Coût à la place (table des financements) — 2021</h3>\n"
        "<p>Verdict des financeurs : « conforme » quand le financement est égal à places × "
        "4 300 € ; sinon le montant à ajouter (+) ou à retirer (−) pour l&#39;atteindre.</p>\n"
        "<div class=\"wide\">",
        NAME("Ariège") N("50") N("200 000 €") N("4 000 €") N("\u22127,0 %")
        "<td>à ajuster de +15 000 €</td></tr>",
        "<td>à ajuster de −4 300,50 €</td></tr>",
        "<td>2 départements sur 2 à ajuster : +15 000 € à ajouter, −4 300,50 € à retirer, net "
        "+10 699,50 €</td></tr>\n</tbody>\n</table>\n"
        "</div>\n<p>Places non comparées : le scénario ne simule pas cette année.</p>",
        "<h3>Coût à la place (table des financements) — 2022</h3>",
        NAME("Ariège") N("50") N("215 000 €") N("4 300 €") N("0,0 %") "<td>conforme</td></tr>",
        NAME("Total") N("210") N("903 000 €") N("4 300 €") N("0,0 %") "<td>conforme</td></tr>"
        "\n</tbody>\n</table>\n</div>\n<p>Places différentes de celles du scénario :</p>",
        "<tr><td>31</td>" NAME("Haute-Garonne") N("160") N("152") "</tr>",
        "<tr><td>48</td>" NAME("Lozère") N("absent") N("13,25") "</tr>",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        pl_fixture_contains(page, wanted[i], "the tables");
    assert_true(strstr(page, "— 2021</h3>") < strstr(page, "— 2022</h3>"));
    assert_int_equal(pl_fixture_count(page, "Verdict des financeurs"), 1);
    const char *why = pl_fixture_well_formed(page, 1);
    if (why)
        fail_msg("the tables: %s", why);
    free(page);
    page = tables_of(dir, 2022, PL_EN);
    pl_fixture_contains(page, "<td>to adjust by +€15,000</td>", "the tables");
    pl_fixture_contains(page, "<td>compliant</td>", "the tables");
    pl_fixture_contains(page, "<p>Places that differ from the scenario&#39;s:</p>", "the tables");
    free(page);
}

/* The capacity table speaks of the report's year: capacity.csv's latest date within it, not a
 * later one (31/03/2023 added here); a year without a date has no table. */
static void test_capacity_year(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/capacity", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    pl_fixture_write(dir, "capacity.csv",
                     "scope,date,places,file_active\nregion,2022-06-30,130,80\n"
                     "region,2022-09-30,140,95\n31,2022-09-30,100,90\nregion,2023-03-31,160,150\n"
                     "31,2023-03-31,110,104\n");
    char *page = tables_of(dir, 2022, PL_FR);
    pl_fixture_contains(page, "<h3>Capacité observée au 30/09/2022</h3>", "the tables of 2022");
    pl_fixture_contains(page, "<tr class=\"total\">" NAME("Région") N("140") N("95") N("67,9 %")
                        N("45"), "the tables of 2022");
    assert_null(strstr(page, "2023"));
    free(page);
    page = tables_of(dir, 2023, PL_FR);
    pl_fixture_contains(page, "<h3>Capacité observée au 31/03/2023</h3>", "the tables of 2023");
    /* 104 persons in 110 places: 94,5 %, 6 places unused. */
    pl_fixture_contains(page, "<tr>" NAME("Haute-Garonne (31)") N("110") N("104") N("94,5 %")
                        N("6"), "the tables of 2023");
    free(page);
    page = tables_of(dir, 2021, PL_FR);
    assert_null(strstr(page, "Capacité observée"));
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_years),
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_value_and_columns),
        cmocka_unit_test(test_costs_years),
        cmocka_unit_test(test_capacity_year),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
