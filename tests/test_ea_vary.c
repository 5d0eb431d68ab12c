/* test_ea_vary.c — Parsing of --vary: lists, ranges, decimal commas between semicolons, the
 * ambiguous "2,5" of a real key refused with both spellings, and the errors with their fixes. */
#include "test_util.h"

#include <string.h>

#include "models/ea_scenario.h"
#include "models/ea_vary.h"

static void test_vary_lists(void **state)
{
    (void)state;
    ea_vary v;
    eng_error err;
    assert_int_equal(ea_vary_parse("module.recherche.intensity=2, 4,6", &v, &err), ENG_OK);
    assert_string_equal(v.section, "module.recherche");
    assert_string_equal(v.key, "intensity");
    assert_int_equal(v.n, 3);
    assert_string_equal(v.text[1], "4");
    ea_vary_clear(&v);
    /* A range includes its stop, and 0.1 steps stay round. */
    assert_int_equal(ea_vary_parse("budget.delegated_share=0:0.5:0.1", &v, &err), ENG_OK);
    assert_int_equal(v.n, 6);
    assert_string_equal(v.text[3], "0.3");
    assert_string_equal(v.text[5], "0.5");
    ea_vary_clear(&v);
    assert_int_equal(ea_vary_parse("department.31.places=700:400:-100", &v, &err), ENG_OK);
    assert_int_equal(v.n, 4);
    assert_string_equal(v.text[3], "400");
    assert_int_equal(v.type, EA_KEY_INTEGER);
    ea_vary_clear(&v);
    assert_int_equal(ea_vary_parse("defaults.entries_per_month=1:2:0.5", &v, &err), ENG_OK);
    assert_true(v.all_departments);
    assert_int_equal(v.n, 3);
    ea_vary_clear(&v);
    /* Distributions hold commas: their values are separated by |. */
    assert_int_equal(ea_vary_parse("waiting.patience=none|gamma(mean=6, sd=3)", &v, &err), ENG_OK);
    assert_int_equal(v.n, 2);
    assert_string_equal(v.text[1], "gamma(mean=6, sd=3)");
    ea_vary_clear(&v);
    /* Between semicolons, and in a range, the comma is decimal; the values are kept with a point,
     * as the scenario's file takes them. */
    assert_int_equal(ea_vary_parse("module.recherche.intensity=2,5; 3 ;3,75", &v, &err), ENG_OK);
    assert_int_equal(v.n, 3);
    assert_string_equal(v.text[0], "2.5");
    assert_true(v.number[0] == 2.5 && v.number[1] == 3 && v.number[2] == 3.75);
    ea_vary_clear(&v);
    assert_int_equal(ea_vary_parse("defaults.entries_per_month=1:2,5:0,5", &v, &err), ENG_OK);
    assert_int_equal(v.n, 4);
    assert_string_equal(v.text[3], "2.5");
    ea_vary_clear(&v);
    /* Two whole numbers for an integer key cannot be one decimal number; nor can a second group
     * that no one writes as decimals. */
    assert_int_equal(ea_vary_parse("department.31.places=100,120", &v, &err), ENG_OK);
    assert_int_equal(v.n, 2);
    ea_vary_clear(&v);
    assert_int_equal(ea_vary_parse("budget.cost_per_place=4300,4500", &v, &err), ENG_OK);
    assert_int_equal(v.n, 2);
    assert_true(v.number[1] == 4500);
    ea_vary_clear(&v);
}

static void check_vary_error(const char *spec, const char *expect)
{
    ea_vary v;
    eng_error err = { { 0 } };
    assert_int_equal(ea_vary_parse(spec, &v, &err), ENG_EINPUT);
    if (!strstr(err.msg, expect))
        fail_msg("--vary %s: message \"%s\" lacks \"%s\"", spec, err.msg, expect);
}

static void test_vary_errors(void **state)
{
    (void)state;
    check_vary_error("module.recherche.intensityy=1,2", "module.recherche.intensityy : clé inconnue");
    check_vary_error("budjet.cost_per_place=1,2", "budjet.cost_per_place : clé inconnue");
    check_vary_error("budget.cost_per_place=", "liste de valeurs vide");
    check_vary_error("budget.cost_per_place= , ", "liste de valeurs vide");
    check_vary_error("budget.cost_per_place=1:10:0", "le pas est nul");
    check_vary_error("budget.cost_per_place=10:1:1", "donnez un pas négatif");
    check_vary_error("department.31.places=1.5,2", "n'est pas un nombre entier");
    check_vary_error("budget.cost_per_place=1,abc", "« abc » n'est pas un nombre");
    check_vary_error("cost_per_place=1,2", "attendu section.clé");
    check_vary_error("budget.cost_per_place", "attendu CLÉ=LISTE");
    /* 2,5 of a real key reads as 2.5 as well as 2 and 5: refused, with both spellings. */
    check_vary_error("module.recherche.intensity=2,5", "deux valeurs ou un nombre à virgule");
    check_vary_error("module.recherche.intensity=2,5", "module.recherche.intensity=2.5");
    check_vary_error("module.recherche.intensity=2,5", "'2;5'");
    check_vary_error("entries.growth=0,50", "entries.growth=0.50");
    /* A mistyped key gets the closest one of its section, or the section it belongs to. */
    check_vary_error("module.recherche.intensityy=1,2", "vouliez-vous dire module.recherche.intensity ?");
    check_vary_error("defaults.entries_per_mont=1,2", "vouliez-vous dire defaults.entries_per_month ?");
    check_vary_error("budjet.cost_per_place=1,2", "va dans une section [budget]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vary_lists),
        cmocka_unit_test(test_vary_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
