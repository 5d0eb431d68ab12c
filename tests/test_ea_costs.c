/* test_ea_costs.c — Cost homogenisation checked against hand computations. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/eng_msg.h"
#include "models/ea_costs.h"

static char path[64];

/* The earlier default: 10 % of places x reference. */
#define TOL10 ((ea_costs_tolerance){ .share = 0.10 })
#define EXACT ((ea_costs_tolerance){ 0 })

static void write_table(const char *text)
{
    snprintf(path, sizeof path, "/tmp/eaflow-costs-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
}

static void test_gini(void **state)
{
    (void)state;
    /* Pairs |xi - xj| over both orders: 2 (1 + 2 + 3 + 1 + 2 + 1) = 20; 20 / (2 x 16 x 2.5). */
    const double x[] = { 1, 2, 3, 4 };
    assert_abs(ea_costs_gini(x, 4), 0.25, 1e-15);
    const double y[] = { 4300, 4300, 4300 };
    assert_abs(ea_costs_gini(y, 3), 0.0, 0);
    /* One holds everything: (n - 1) / n. */
    const double z[] = { 0, 0, 0, 10 };
    assert_abs(ea_costs_gini(z, 4), 0.75, 1e-15);
}

static void test_departments(void **state)
{
    (void)state;
    /* French style: `;` and decimal comma; columns in another order; an extra column. */
    write_table("Name;Department;places;funding_eur;file_active;persons_accompanied;note\n"
                "Ariège;09;17;95200;11;16;x\n"
                "Aude;11;41;168100;28;41;y\n"
                "Lozère;48;8;34400;6;;z\n");
    ea_costs c;
    eng_error err;
    assert_int_equal(ea_costs_compute(path, 4300, TOL10, &c, &err), ENG_OK);
    remove(path);
    assert_int_equal(c.nrows, 4);
    const ea_costs_row *a = &c.rows[0];
    assert_string_equal(a->department, "09");
    assert_string_equal(a->name, "Ariège");
    assert_abs(a->cost_per_place, 5600, 1e-9);           /* 95 200 / 17 */
    assert_abs(a->deviation, 5600.0 / 4300 - 1, 1e-12);  /* +30.2 % */
    assert_abs(a->reference_funding, 73100, 1e-9);       /* 17 x 4 300 */
    assert_abs(a->difference, 22100, 1e-9);
    assert_abs(a->cost_per_file_active, 95200.0 / 11, 1e-9);
    assert_abs(a->cost_per_accompanied, 5950, 1e-9);
    assert_true(a->outside);
    assert_false(c.rows[1].outside);                     /* 4 100: -4.7 % */
    assert_false(c.rows[2].outside);                     /* 4 300 exactly */
    assert_true(isnan(c.rows[2].cost_per_accompanied));
    const ea_costs_row *r = &c.rows[3];
    assert_true(r->region);
    assert_abs(r->places, 66, 0);
    assert_abs(r->funding_eur, 297700, 1e-9);
    assert_abs(r->reference_funding, 283800, 1e-9);
    assert_true(isnan(r->persons_accompanied));          /* not given for every department */
    /* Dispersion over 5 600, 4 100, 4 300. */
    assert_int_equal(c.ndisp, 2);
    assert_abs(c.disp[0].min, 4100, 1e-9);
    assert_abs(c.disp[0].max, 5600, 1e-9);
    assert_abs(c.disp[0].mean, 14000.0 / 3, 1e-9);
    assert_abs(c.disp[0].regional, 297700.0 / 66, 1e-9);
    double m = 14000.0 / 3;
    double sd = sqrt(((5600 - m) * (5600 - m) + (4100 - m) * (4100 - m) + (4300 - m) * (4300 - m)) / 3);
    assert_abs(c.disp[0].cv, sd / m, 1e-12);
    assert_abs(c.disp[0].gini, 2 * (1500 + 1300 + 200) / (2.0 * 9 * 14000 / 3), 1e-12);
    assert_abs(c.disp[1].cv, 0, 0);
    ea_costs_clear(&c);
}

static void test_years_and_regional_budget(void **state)
{
    (void)state;
    /* 645 places at the reference: 2 773 500 EUR; the 2021 total is below. */
    write_table("year,department,name,places,funding_eur\n"
                "2022,a,A,600,2580000\n2021,a,A,600,2400000\n2022,b,B,45,193500\n2021,b,B,45,200000\n");
    ea_costs c;
    eng_error err;
    assert_int_equal(ea_costs_compute(path, 4300, TOL10, &c, &err), ENG_OK);
    remove(path);
    assert_int_equal(c.nrows, 6);
    assert_int_equal(c.rows[0].year, 2021);
    assert_string_equal(c.rows[1].department, "b");
    assert_true(c.rows[2].region && c.rows[2].year == 2021);
    assert_true(c.rows[5].region && c.rows[5].year == 2022);
    assert_abs(c.rows[5].funding_eur, 2773500, 1e-9);
    assert_abs(c.rows[5].reference_funding, 2773500, 1e-9);
    assert_abs(c.rows[2].difference, 2600000 - 2773500, 1e-9);
    ea_costs_clear(&c);
}

static void check_error(const char *text, const char *expect)
{
    write_table(text);
    ea_costs c;
    eng_error err = { { 0 } };
    assert_int_equal(ea_costs_compute(path, 4300, TOL10, &c, &err), ENG_EINPUT);
    remove(path);
    if (!strstr(err.msg, expect))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, expect);
}

static void test_errors(void **state)
{
    (void)state;
    check_error("department,name,places\n09,A,3\n", "funding_eur");
    check_error("department,name,places,funding_eur\n09,A,3,-5\n", ", ligne 2, colonne « funding_eur »");
    check_error("department,name,places,funding_eur\n09,A,0,5\n", ", ligne 2, colonne « places »");
    check_error("department,name,places,funding_eur\n09,A,3,5\n09,B,3,5\n", "donné deux fois");
    check_error("department,name,places,funding_eur\n09,A,3,1x\n",
                "ligne 2, colonne « funding_eur » : « 1x » n'est pas un montant ; écrivez "
                "par exemple 95 200 ou 95200");
    check_error("department,name,places,funding_eur\n", "aucun département");
}

static void test_tolerance_bounds_both_signs(void **state)
{
    (void)state;
    /* 4 300 EUR +- 10 %: 4 730 and 3 870 a place are exactly at the bounds, so inside on both
     * sides; one cent a place beyond either bound is outside. */
    write_table("department,name,places,funding_eur\n"
                "a,A,10,47300\nb,B,10,38700\nc,C,10,47300.1\nd,D,10,38699.9\n");
    ea_costs c;
    eng_error err;
    assert_int_equal(ea_costs_compute(path, 4300, TOL10, &c, &err), ENG_OK);
    remove(path);
    assert_false(c.rows[0].outside);
    assert_false(c.rows[1].outside);
    assert_true(c.rows[2].outside);
    assert_true(c.rows[3].outside);
    ea_costs_clear(&c);
}

static void test_domain_bounds(void **state)
{
    (void)state;
    /* Amounts above 10^12 EUR and counts above 10^6 are typing slips, refused with their place. */
    check_error("department,name,places,funding_eur\n09,A,3,1e60\n",
                ", ligne 2, colonne « funding_eur » : 1e60 est trop grand");
    check_error("department,name,places,funding_eur\n09,A,3,5\n11,B,2000000,5\n",
                ", ligne 3, colonne « places » : 2000000 est trop grand");
    check_error("department,name,places,funding_eur,delegated_eur\n09,A,3,5,1e13\n",
                ", ligne 2, colonne « delegated_eur »");
    check_error("department,name,places,funding_eur,file_active\n09,A,3,5,1e7\n",
                ", ligne 2, colonne « file_active »");
    /* A year is checked before it becomes an int: a huge one is an error, not undefined. */
    check_error("year,department,name,places,funding_eur\n1e300,09,A,3,5\n",
                ", ligne 2, colonne « year » : 1e300 ; attendu une année");
    check_error("year,department,name,places,funding_eur\n2022.5,09,A,3,5\n", "attendu une année");
    /* Exactly at the bounds is accepted. */
    write_table("department,name,places,funding_eur\n09,A,1000000,1000000000000\n");
    ea_costs c;
    eng_error err;
    assert_int_equal(ea_costs_compute(path, 4300, TOL10, &c, &err), ENG_OK);
    remove(path);
    ea_costs_clear(&c);
}

static void test_department_codes(void **state)
{
    (void)state;
    /* The same codes as a scenario's [department.CODE]: letters, digits, _ and -, 1 to 63 of them,
     * not starting with -, not region. */
    check_error("department,name,places,funding_eur\n=1+1,A,3,5\n",
                ", ligne 2, colonne « department » : « =1+1 » n'est pas un code de département valide");
    check_error("department,name,places,funding_eur\n-31,A,3,5\n", "n'est pas un code de département valide");
    check_error("department,name,places,funding_eur\nRegion,A,3,5\n", "seulement des lignes de total");
    /* A total row that is not the sum of its departments: 3 + 4 places are not 8. */
    check_error("department,name,places,funding_eur\n09,A,3,12900\n11,B,4,17200\nTotal,,8,30100\n",
                "ligne 4, colonne « department » : « Total » est une ligne de total (8 places, "
                "30 100 €) qui ne vaut pas la somme des départements au-dessus (7 places, "
                "30 100 €)");
    check_error("department,name,places,funding_eur\n3 1,A,3,5\n", "n'est pas un code de département valide");
    check_error("department,name,places,funding_eur\n"
                "a123456789012345678901234567890123456789012345678901234567890123,A,3,5\n",
                "n'est pas un code de département valide");
    write_table("department,name,places,funding_eur\n2A,A,3,5\nnord-ouest_2,B,3,5\n"
                "a12345678901234567890123456789012345678901234567890123456789012,C,3,5\n");
    ea_costs c;
    eng_error err;
    assert_int_equal(ea_costs_compute(path, 4300, TOL10, &c, &err), ENG_OK);
    remove(path);
    assert_string_equal(c.rows[1].department, "nord-ouest_2");
    assert_int_equal(strlen(c.rows[2].department), 63);
    ea_costs_clear(&c);
}

/* The printed table never writes past a buffer (checked by the sanitizer build), and a figure
 * that fills a whole 64-byte cell still gets its unit: a deviation of 2^146 (100 x 2^146 % is
 * exact in binary) is 46 digits, 15 group separators and ",0", 63 bytes, then " %". The reader
 * never lets such a figure through, but ea_costs_print takes any ea_costs. */
static void test_print_wide_figures(void **state)
{
    (void)state;
    double dev = ldexp(1, 146);
    ea_costs_row rows[2] = {
        { .department = "31",
          .name = "Haute-Garonne",
          .places = 10,
          .funding_eur = 1e12,
          .cost_per_place = 1e11,
          .deviation = dev,
          .reference_funding = 43000,
          .difference = 1e12,
          .cost_per_file_active = NAN,
          .cost_per_accompanied = NAN,
          .adjustment = -1e12,
          .outside = 1 },
        { .department = "region",
          .name = "Total",
          .region = 1,
          .places = 10,
          .funding_eur = 1e12,
          .cost_per_place = 1e11,
          .deviation = dev,
          .reference_funding = 43000,
          .difference = 1e12,
          .cost_per_file_active = NAN,
          .cost_per_accompanied = NAN },
    };
    ea_costs c = { .reference = 4300, .tolerance = TOL10, .nrows = 2, .rows = rows };
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ea_costs_print(&c, f);
    fclose(f);
    const char *expect = "8 920 298 079 412 249 256 614 287 309 059 344 602 392 166 400,0 %";
    if (!strstr(text, expect))
        fail_msg("printed table lacks \"%s\":\n%s", expect, text);
    free(text);
}

/* Writes the table, computes it at `tol` and returns it in c. */
static void compute(const char *text, ea_costs_tolerance tol, ea_costs *c)
{
    write_table(text);
    eng_error err = { { 0 } };
    int status = ea_costs_compute(path, 4300, tol, c, &err);
    remove(path);
    if (status != ENG_OK)
        fail_msg("%s", err.msg);
}

/* What a function prints into a FILE, as an allocated string. */
static char *printed(const ea_costs *c, void (*print)(const ea_costs *, FILE *))
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    print(c, f);
    fclose(f);
    return text;
}

static void assert_has(const char *text, const char *expect)
{
    if (!strstr(text, expect))
        fail_msg("lacks \"%s\" in:\n%s", expect, text);
}

/* The total line an office file ends with (a code Total, or a name Région with no code) is no
 * department: equal to the sum of its year's departments (3 + 4 places, 12 900 + 17 200 €), it is
 * left out, and the region is counted once: 7 places, 30 100 €. */
static void test_total_rows(void **state)
{
    (void)state;
    ea_costs c;
    compute("year,department,name,places,funding_eur\n2021,09,A,3,12900\n2021,11,B,4,17200\n"
            "2021,Total,Total Occitanie,7,30100\n2022,09,A,3,12900\n2022,,Région,3,12900\n",
            EXACT, &c);
    assert_int_equal(c.totals, 2);
    assert_int_equal(c.nrows, 5);   /* two departments and the region, one and the region */
    assert_true(c.rows[2].region && c.rows[2].places == 7 && c.rows[2].funding_eur == 30100);
    assert_true(c.rows[4].region && c.rows[4].places == 3);
    char *text = printed(&c, ea_costs_print);
    assert_has(text, "Lignes de total de la table (2) : égales à la somme de leurs départements");
    free(text);
    ea_costs_clear(&c);
    /* The code 09 that a spreadsheet saved as the number 9 is read 09; so 9 and 09 in one year
     * are the same department given twice. */
    compute("department,name,places,funding_eur\n9,Ariège,17,73100\n", EXACT, &c);
    assert_string_equal(c.rows[0].department, "09");
    ea_costs_clear(&c);
    check_error("department,name,places,funding_eur\n9,A,3,12900\n09,A,3,12900\n",
                "département 09 donné deux fois");
}

/* 50 places at 4 000 EUR instead of 4 300: 50 x 300 = 15 000 EUR to add. Exactly 4 300 EUR a
 * place (215 000 EUR) is conforme; 10 places at 4 730,05 EUR (47 300,50 EUR) has 4 300,50 EUR to
 * remove. */
static void test_verdict_exact(void **state)
{
    (void)state;
    ea_costs c;
    compute("department,name,places,funding_eur\n"
            "a,A,50,200000\nb,B,50,215000\nc,C,10,47300.5\n", EXACT, &c);
    assert_true(c.rows[0].outside);
    assert_abs(c.rows[0].adjustment, 15000, 0);
    assert_false(c.rows[1].outside);
    assert_abs(c.rows[1].adjustment, 0, 0);
    assert_true(c.rows[2].outside);
    assert_abs(c.rows[2].adjustment, -4300.5, 0);
    /* The region: 110 places, 473 000 EUR at the reference, 462 300,50 funded. */
    assert_true(c.rows[3].region && c.rows[3].outside);
    assert_abs(c.rows[3].adjustment, 473000 - 462300.5, 0);
    char *text = printed(&c, ea_costs_print);
    assert_has(text, "tolérance 0 € (homogénéisation exacte)");
    assert_has(text, "à ajuster de +15 000 €\n");
    assert_has(text, "conforme\n");
    assert_has(text, "à ajuster de \u22124 300,50 €\n");
    assert_has(text, "2 départements sur 3 à ajuster : +15 000 € à ajouter, −4 300,50 € à retirer, "
                     "net +10 699,50 €\n");
    free(text);
    ea_costs_clear(&c);
    /* One cent off is not conforme at tolerance 0. */
    compute("department,name,places,funding_eur\na,A,50,214999.99\n", EXACT, &c);
    assert_true(c.rows[0].outside);
    assert_abs(c.rows[0].adjustment, 0.01, 1e-9);
    ea_costs_clear(&c);
}

/* A relaxed tolerance: 15 000 EUR makes the 4 000 EUR a place department tolerated (gap exactly at
 * the tolerance), 14 999,99 EUR does not; 7 % of 215 000 EUR is 15 050 EUR (tolerated), 6,9 % is
 * 14 835 EUR (not). Department b, at 4 300 EUR a place, is conforme; the region is when every
 * department is within the tolerance. The tolerance in euros is the row's own. */
static void test_verdict_tolerance(void **state)
{
    (void)state;
    const char *table = "department,name,places,funding_eur\na,A,50,200000\nb,B,50,215000\n";
    const struct {
        ea_costs_tolerance tol;
        int outside;
        double tolerance_eur;
    } cases[] = { { { .eur = 15000 }, 0, 15000 },
                  { { .eur = 14999.99 }, 1, 14999.99 },
                  { { .share = 0.07 }, 0, 15050 },
                  { { .share = 0.069 }, 1, 14835 } };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ea_costs c;
        compute(table, cases[i].tol, &c);
        assert_int_equal(c.rows[0].outside, cases[i].outside);
        assert_int_equal(c.rows[2].outside, cases[i].outside);
        assert_abs(c.rows[0].adjustment, 15000, 0);   /* the amount stays the exact one */
        assert_abs(c.rows[0].tolerance_eur, cases[i].tolerance_eur, 1e-9);
        assert_int_equal(ea_costs_verdict(&c.rows[0]),
                         cases[i].outside ? EA_COSTS_TO_ADJUST : EA_COSTS_TOLERATED);
        assert_int_equal(ea_costs_verdict(&c.rows[1]), EA_COSTS_CONFORME);
        assert_int_equal(ea_costs_verdict(&c.rows[2]),
                         cases[i].outside ? EA_COSTS_TO_ADJUST : EA_COSTS_CONFORME);
        assert_true(isnan(c.rows[2].tolerance_eur));
        ea_costs_clear(&c);
    }
}

static void test_tolerance_parse(void **state)
{
    (void)state;
    ea_costs_tolerance t;
    eng_error err = { { 0 } };
    assert_int_equal(ea_costs_tolerance_parse("500", &t, &err), ENG_OK);
    assert_abs(t.eur, 500, 0);
    assert_abs(t.share, 0, 0);
    assert_int_equal(ea_costs_tolerance_parse(" 1500 \u20ac", &t, &err), ENG_OK);
    assert_abs(t.eur, 1500, 0);
    assert_int_equal(ea_costs_tolerance_parse("250 EUR", &t, &err), ENG_OK);
    assert_abs(t.eur, 250, 0);
    assert_int_equal(ea_costs_tolerance_parse("10%", &t, &err), ENG_OK);
    assert_abs(t.share, 0.10, 1e-15);
    assert_abs(t.eur, 0, 0);
    assert_int_equal(ea_costs_tolerance_parse("2,5 %", &t, &err), ENG_EINPUT);
    assert_int_equal(ea_costs_tolerance_parse("2.5 %", &t, &err), ENG_OK);
    assert_abs(t.share, 0.025, 1e-15);
    assert_int_equal(ea_costs_tolerance_parse("0", &t, &err), ENG_OK);
    assert_abs(t.eur + t.share, 0, 0);
    /* The earlier meaning, a bare share, is refused with the way to write it. */
    assert_int_equal(ea_costs_tolerance_parse("0.10", &t, &err), ENG_EINPUT);
    assert_has(err.msg, "écrivez 10%");
    assert_int_equal(ea_costs_tolerance_parse("-1", &t, &err), ENG_EINPUT);
    assert_int_equal(ea_costs_tolerance_parse("ten", &t, &err), ENG_EINPUT);
    assert_int_equal(ea_costs_tolerance_parse("1001%", &t, &err), ENG_EINPUT);
}

/* A scenario made by hand: `n` departments from 2022-01 for `months` months. */
static ea_scenario scenario(ea_scenario_department *deps, int n, int months)
{
    ea_scenario sc = { .start = 2022 * 12, .months = months, .ndepartments = n,
                       .departments = deps };
    snprintf(sc.name, sizeof sc.name, "Essai");
    return sc;
}

static ea_scenario_department department(const char *code, const char *name, int places)
{
    ea_scenario_department d = { .places = places };
    snprintf(d.code, sizeof d.code, "%s", code);
    snprintf(d.name, sizeof d.name, "%s", name);
    return d;
}

/* Two years; the scenario covers 2022 only. In 2022 the table funds 160 places in 31 where the
 * scenario has 152, and lacks 48, which the scenario has; 2021 is not compared. */
static void test_places_mismatch(void **state)
{
    (void)state;
    ea_costs c;
    compute("year,department,name,places,funding_eur\n"
            "2021,31,Haute-Garonne,152,562400\n2021,09,Ariège,17,95200\n"
            "2022,31,Haute-Garonne,160,688000\n2022,09,Ariège,17,73100\n", EXACT, &c);
    ea_scenario_department deps[3] = { department("09", "Ariège", 17),
                                       department("31", "Haute-Garonne", 152),
                                       department("48", "Lozère", 8) };
    ea_scenario sc = scenario(deps, 3, 60);
    eng_error err;
    assert_int_equal(ea_costs_check(&c, &sc, &err), ENG_OK);
    assert_int_equal(c.nmismatches, 2);
    assert_string_equal(c.mismatches[0].department, "31");
    assert_int_equal(c.mismatches[0].year, 2022);
    assert_abs(c.mismatches[0].funding_places, 160, 0);
    assert_abs(c.mismatches[0].scenario_places, 152, 0);
    assert_string_equal(c.mismatches[1].department, "48");
    assert_true(isnan(c.mismatches[1].funding_places));
    assert_abs(c.mismatches[1].scenario_places, 8, 0);
    char *text = printed(&c, ea_costs_print);
    /* Every year of the file has its block, in order, each with its regional total. */
    assert_has(text, "Année 2021 — référence 4 300 € par place et par an, tolérance 0 €");
    assert_has(text, "       Ensemble de la région      169      657 600     3 891  \u22129,5 %      "
                     "726 700         –         –  2 départements sur 2 à ajuster : +91 200 € à ajouter, "
                     "−22 100 € à retirer, net +69 100 €\n"
                     "Places non comparées");
    assert_has(text, "Année 2022 — référence");
    assert_has(text, "       Ensemble de la région      177      761 100     4 300   0,0 %      "
                     "761 100         –         –  conforme\nPlaces différentes");
    assert_true(strstr(text, "Année 2021") < strstr(text, "Année 2022"));
    assert_has(text, "Places non comparées : 2021 est hors de la période du scénario « Essai » "
                     "(2022-01 à 2026-12)");
    assert_has(text, "31 Haute-Garonne : 160 places dans la table, 152 places dans le scénario");
    assert_has(text, "48 Lozère : absent de la table, 8 places dans le scénario");
    assert_has(text, "Ariège                      17       95 200     5 600 +30,2 %");
    free(text);
    text = printed(&c, ea_costs_print_mismatches);
    assert_has(text, "eaflow : attention : ");
    assert_has(text, "2022, département 31 (Haute-Garonne) : 160 places dans la table de "
                     "financement, 152 places dans le scénario « Essai » ; mettez les mêmes places "
                     "dans la table et le scénario\n");
    assert_has(text, "département 48 (Lozère) : absent de la table de financement, 8 places dans "
                     "le scénario « Essai »");
    free(text);
    ea_costs_clear(&c);
}

/* A places schedule is resolved month by month: 11 places, then 12 from April, 14 from July and
 * 16 from October give (3 x 11 + 3 x 12 + 3 x 14 + 3 x 16) / 12 = 13.25 place-years in 2022. A
 * scenario of the last six months, 10 places then 20 from October, gives 15. Codes match in any
 * case. */
static void test_places_schedule(void **state)
{
    (void)state;
    ea_costs c;
    compute("year,department,name,places,funding_eur\n2022,2A,Corse-du-Sud,13,55900\n", EXACT, &c);
    ea_scenario_step steps[] = { { 2022 * 12 + 3, 12 }, { 2022 * 12 + 6, 14 },
                                 { 2022 * 12 + 9, 16 } };
    ea_scenario_department d = department("2a", "Corse-du-Sud", 11);
    d.places_schedule = (ea_scenario_schedule){ steps, 3 };
    ea_scenario sc = scenario(&d, 1, 24);
    eng_error err;
    assert_int_equal(ea_costs_check(&c, &sc, &err), ENG_OK);
    assert_int_equal(c.nmismatches, 1);
    assert_abs(c.mismatches[0].scenario_places, 13.25, 1e-12);
    ea_scenario_step late[] = { { 2022 * 12 + 9, 20 } };
    d.places = 10;
    d.places_schedule = (ea_scenario_schedule){ late, 1 };
    sc.start = 2022 * 12 + 6;
    sc.months = 6;
    assert_int_equal(ea_costs_check(&c, &sc, &err), ENG_OK);
    assert_int_equal(c.nmismatches, 1);
    assert_abs(c.mismatches[0].scenario_places, 15, 1e-12);
    /* 15 places in the table: no mismatch, and the departments are matched whatever the case. */
    ea_costs_clear(&c);
    compute("year,department,name,places,funding_eur\n2022,2A,Corse-du-Sud,15,64500\n", EXACT, &c);
    assert_int_equal(ea_costs_check(&c, &sc, &err), ENG_OK);
    assert_int_equal(c.nmismatches, 0);
    char *text = printed(&c, ea_costs_print);
    assert_has(text, "Places : identiques à celles du scénario « Essai ».");
    free(text);
    ea_costs_clear(&c);
}

/* A single-platform scenario is compared with the regional total; a table without years with the
 * scenario's first twelve months. */
static void test_places_single_platform(void **state)
{
    (void)state;
    ea_costs c;
    compute("department,name,places,funding_eur\na,A,400,1720000\nb,B,245,1053500\n", EXACT, &c);
    ea_scenario_department d = department("region", "Occitanie", 645);
    ea_scenario sc = scenario(&d, 1, 12);
    sc.single_platform = 1;
    eng_error err;
    assert_int_equal(ea_costs_check(&c, &sc, &err), ENG_OK);
    assert_int_equal(c.nmismatches, 0);
    d.places = 640;
    assert_int_equal(ea_costs_check(&c, &sc, &err), ENG_OK);
    assert_int_equal(c.nmismatches, 1);
    assert_string_equal(c.mismatches[0].department, "region");
    assert_abs(c.mismatches[0].funding_places, 645, 0);
    assert_abs(c.mismatches[0].scenario_places, 640, 0);
    ea_costs_clear(&c);
}

/* Reads a file of a directory into an allocated string. */
static char *slurp(const char *dir, const char *name)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "r");
    assert_non_null(f);
    char *text = calloc(1, 1 << 16);
    size_t n = fread(text, 1, (1 << 16) - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* costs.csv carries the verdict and the adjustment; costs-mismatches.csv is written when the
 * places were checked, with an empty cell for the side a department lacks. */
static void test_write(void **state)
{
    (void)state;
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/eaflow-costs-out-XXXXXX");
    assert_non_null(mkdtemp(dir));
    ea_costs c;
    compute("year,department,name,places,funding_eur\n2022,a,A,50,200000\n2022,b,B,50,215000\n",
            EXACT, &c);
    ea_scenario_department deps[2] = { department("a", "A", 52), department("c", "C", 3) };
    ea_scenario sc = scenario(deps, 2, 12);
    eng_error err;
    assert_int_equal(ea_costs_check(&c, &sc, &err), ENG_OK);
    eng_out *out = eng_out_begin(dir, &err);
    assert_int_equal(eng_out_finish(out, ea_costs_write(&c, out, &eng_csv_standard, &err), &err),
                     ENG_OK);
    char *costs = slurp(dir, "costs.csv");
    assert_has(costs, ",outside_tolerance,verdict,adjustment_eur\n");
    assert_has(costs, "\n2022,a,A,50,200000,4000,");
    assert_has(costs, ",1,à ajuster,15000\n2022,b,B,50,215000,");
    assert_has(costs, ",0,conforme,0\n2022,region,Total,");
    free(costs);
    char *mis = slurp(dir, "costs-mismatches.csv");
    assert_string_equal(mis, "year,department,name,funding_places,scenario_places\n"
                             "2022,a,A,50,52\n2022,b,B,50,\n2022,c,C,,3\n");
    free(mis);
    ea_costs_clear(&c);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "%s/costs.csv", dir);
    remove(cmd);
    snprintf(cmd, sizeof cmd, "%s/costs-dispersion.csv", dir);
    remove(cmd);
    snprintf(cmd, sizeof cmd, "%s/costs-mismatches.csv", dir);
    remove(cmd);
    rmdir(dir);
}

/* With English asked for, the table speaks English with English numbers (comma groups, decimal
 * point, hyphen-minus, "%" without a space), and so does an error; French comes back after. */
static void test_english(void **state)
{
    (void)state;
    ea_costs c;
    compute("year,department,name,places,funding_eur\n"
            "2021,31,Haute-Garonne,152,562400\n2021,09,Ariège,17,95200\n", EXACT, &c);
    eng_msg_set_lang(ENG_MSG_EN);
    char *text = printed(&c, ea_costs_print);
    assert_has(text, "Year 2021 — reference 4,300 € per place and year, tolerance 0 € (exact "
                     "homogenisation)\n");
    assert_has(text, "       Whole region               169      657,600     3,891   -9.5%      "
                     "726,700         –         –  2 departments of 2 to adjust: +91,200 € to add, -22,100 € "
                     "to remove, net +69,100 €\n");
    free(text);
    ea_costs_tolerance t;
    eng_error err;
    assert_int_equal(ea_costs_tolerance_parse("0.10", &t, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "\"0.10\": a tolerance is now in euros (500) or a percentage: "
                                 "write 10% for a share of 0.10");
    eng_msg_set_lang(ENG_MSG_FR);
    assert_int_equal(ea_costs_tolerance_parse("0.10", &t, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "« 0.10 » : une tolérance s'écrit en euros (500) ou en "
                                 "pourcentage ; écrivez 10% pour une part de 0.10");
    ea_costs_clear(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gini),
        cmocka_unit_test(test_departments),
        cmocka_unit_test(test_years_and_regional_budget),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_total_rows),
        cmocka_unit_test(test_tolerance_bounds_both_signs),
        cmocka_unit_test(test_domain_bounds),
        cmocka_unit_test(test_department_codes),
        cmocka_unit_test(test_print_wide_figures),
        cmocka_unit_test(test_verdict_exact),
        cmocka_unit_test(test_verdict_tolerance),
        cmocka_unit_test(test_tolerance_parse),
        cmocka_unit_test(test_places_mismatch),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_places_schedule),
        cmocka_unit_test(test_places_single_platform),
        cmocka_unit_test(test_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
