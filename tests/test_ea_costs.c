/* test_ea_costs.c — Cost homogenisation checked against hand computations. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/ea_costs.h"

static char path[64];

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
    assert_int_equal(ea_costs_compute(path, 4300, 0.10, &c, &err), ENG_OK);
    remove(path);
    assert_int_equal(c.nrows, 4);
    const ea_costs_row *a = &c.rows[0];
    assert_string_equal(a->department, "09");
    assert_string_equal(a->name, "Ariège");
    assert_abs(a->cost_per_place, 5600, 1e-9);           /* 95 200 / 17 */
    assert_abs(a->deviation, 5600.0 / 4300 - 1, 1e-12);  /* +30.2 % */
    assert_abs(a->reference_funding, 73100, 1e-9);       /* 17 x 4 300 */
    assert_abs(a->difference, 22100, 1e-9);
    assert_abs(a->cost_per_person, 95200.0 / 11, 1e-9);
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
    assert_int_equal(ea_costs_compute(path, 4300, 0.10, &c, &err), ENG_OK);
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
    assert_int_equal(ea_costs_compute(path, 4300, 0.10, &c, &err), ENG_EINPUT);
    remove(path);
    if (!strstr(err.msg, expect))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, expect);
}

static void test_errors(void **state)
{
    (void)state;
    check_error("department,name,places\n09,A,3\n", "funding_eur");
    check_error("department,name,places,funding_eur\n09,A,3,-5\n", ":2: column \"funding_eur\"");
    check_error("department,name,places,funding_eur\n09,A,0,5\n", ":2: column \"places\"");
    check_error("department,name,places,funding_eur\n09,A,3,5\n09,B,3,5\n", "given twice");
    check_error("department,name,places,funding_eur\n09,A,3,1x\n", "\"1x\" is not a number");
    check_error("department,name,places,funding_eur\n", "no department");
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
    assert_int_equal(ea_costs_compute(path, 4300, 0.10, &c, &err), ENG_OK);
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
                ":2: column \"funding_eur\": 1e60 is too large");
    check_error("department,name,places,funding_eur\n09,A,3,5\n11,B,2000000,5\n",
                ":3: column \"places\": 2000000 is too large");
    check_error("department,name,places,funding_eur,delegated_eur\n09,A,3,5,1e13\n",
                ":2: column \"delegated_eur\"");
    check_error("department,name,places,funding_eur,file_active\n09,A,3,5,1e7\n",
                ":2: column \"file_active\"");
    /* A year is checked before it becomes an int: a huge one is an error, not undefined. */
    check_error("year,department,name,places,funding_eur\n1e300,09,A,3,5\n",
                ":2: column \"year\": 1e300, expected a year");
    check_error("year,department,name,places,funding_eur\n2022.5,09,A,3,5\n", "expected a year");
    /* Exactly at the bounds is accepted. */
    write_table("department,name,places,funding_eur\n09,A,1000000,1000000000000\n");
    ea_costs c;
    eng_error err;
    assert_int_equal(ea_costs_compute(path, 4300, 0.10, &c, &err), ENG_OK);
    remove(path);
    ea_costs_clear(&c);
}

static void test_department_codes(void **state)
{
    (void)state;
    /* The same codes as a scenario's [department.CODE]: letters, digits, _ and -, 1 to 63 of them,
     * not starting with -, not region. */
    check_error("department,name,places,funding_eur\n=1+1,A,3,5\n",
                ":2: column \"department\": \"=1+1\" is not a valid department code");
    check_error("department,name,places,funding_eur\n-31,A,3,5\n", "not a valid department code");
    check_error("department,name,places,funding_eur\nRegion,A,3,5\n", "not a valid department code");
    check_error("department,name,places,funding_eur\n3 1,A,3,5\n", "not a valid department code");
    check_error("department,name,places,funding_eur\n"
                "a123456789012345678901234567890123456789012345678901234567890123,A,3,5\n",
                "not a valid department code");
    write_table("department,name,places,funding_eur\n2A,A,3,5\nnord-ouest_2,B,3,5\n"
                "a12345678901234567890123456789012345678901234567890123456789012,C,3,5\n");
    ea_costs c;
    eng_error err;
    assert_int_equal(ea_costs_compute(path, 4300, 0.10, &c, &err), ENG_OK);
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
          .cost_per_person = NAN,
          .cost_per_accompanied = NAN,
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
          .cost_per_person = NAN,
          .cost_per_accompanied = NAN },
    };
    ea_costs c = { .reference = 4300, .tolerance = 0.1, .nrows = 2, .rows = rows };
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ea_costs_print(&c, f);
    fclose(f);
    const char *expect = "8 920 298 079 412 249 256 614 287 309 059 344 602 392 166 400,0 %";
    if (!strstr(text, expect))
        fail_msg("printed table lacks \"%s\":\n%s", expect, text);
    assert_non_null(strstr(text, "hors tolérance"));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gini),
        cmocka_unit_test(test_departments),
        cmocka_unit_test(test_years_and_regional_budget),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_tolerance_bounds_both_signs),
        cmocka_unit_test(test_domain_bounds),
        cmocka_unit_test(test_department_codes),
        cmocka_unit_test(test_print_wide_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
