/* test_ea_fit_episodes.c — Reading the episodes of records: grouping by person, order by start,
 * the cut at the as-of date, and the names read, on tests/data/fit_small.csv counted by hand (its
 * episodes are listed in test_ea_fit.c). */
#include "test_util.h"

#include <string.h>

#include "models/ea_fit_episodes.h"
#include "models/ea_scenario.h"

#define DATA "tests/data/"

/* As of 2021-06-30: P1's maintien (from 10-01), P7's and P8's episodes (from 07-01) start later
 * and are dropped, leaving 9 episodes of P1 to P6; P1's recherche (06-01 to 10-01) and P6's
 * maintien (06-01 to 12-31) are open then. */
static void test_cut_at_as_of(void **state)
{
    (void)state;
    ea_fit_episodes e;
    eng_error err = { "" };
    if (ea_fit_episodes_read(DATA "fit_small.csv", "30/06/2021", &e, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(e.n, 9);
    assert_int_equal(e.ndropped, 5);
    assert_int_equal(e.npersons, 6);
    assert_int_equal(e.as_of, eng_date_days((eng_date){ 2021, 6, 30 }));
    /* Every identifier read stays in the dictionary; P1 is the first person. */
    assert_int_equal(eng_dict_count(e.persons), 8);
    assert_string_equal(eng_dict_name(e.persons, 0), "P1");
    /* P1's three episodes, by start although the file gives recherche after others' rows. */
    assert_int_equal(e.first[0], 0);
    assert_int_equal(e.first[1], 3);
    static const int modules[] = { EA_EVALUATION, EA_PROJET, EA_RECHERCHE };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(e.ep[i].person, 0);
        assert_int_equal(e.ep[i].module, modules[i]);
    }
    assert_int_equal(e.ep[0].next, EA_PROJET);
    assert_true(e.ep[2].end == EA_FIT_OPEN);
    assert_int_equal(e.ep[2].next, EA_FIT_NO_TARGET);
    assert_abs(e.ep[0].age, 25, 0);
    assert_int_equal(e.first[e.npersons], e.n);
    /* Departments 31 then 09; the reasons of every row read, P7's later one included. */
    assert_int_equal(eng_dict_count(e.depts), 2);
    assert_string_equal(eng_dict_name(e.depts, 1), "09");
    assert_int_equal(eng_dict_count(e.reasons), 3);
    assert_string_equal(eng_dict_name(e.reasons, 2), "reorientation");
    ea_fit_episodes_clear(&e);
}

/* Without --as-of the latest date of the file is the as-of date: P6's end, 2021-12-31. */
static void test_latest_date(void **state)
{
    (void)state;
    ea_fit_episodes e;
    eng_error err = { "" };
    assert_int_equal(ea_fit_episodes_read(DATA "fit_small.csv", NULL, &e, &err), ENG_OK);
    assert_int_equal(e.as_of_date.year, 2021);
    assert_int_equal(e.as_of_date.month, 12);
    assert_int_equal(e.as_of_date.day, 31);
    assert_int_equal(e.n, 14);
    assert_int_equal(e.ndropped, 0);
    ea_fit_episodes_clear(&e);

    assert_int_equal(ea_fit_episodes_read(DATA "fit_err_overlap.csv", NULL, &e, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "chevauche l'épisode evaluation de la personne « A »"));
    ea_fit_episodes_clear(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cut_at_as_of),
        cmocka_unit_test(test_latest_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
