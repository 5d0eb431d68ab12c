/* test_ea_simulate.c — Monte Carlo runs on the national scenario scenarios/france-departements.ini:
 * its 101 departments and the totals its header states, split in proportion to the population, and
 * a streamed run whose region is the sum of its departments in every replication. */
#include "test_util.h"
#include "scenario_fixture.h"

#include "models/ea_results.h"
#include "models/ea_simulate.h"

static const char *const codes[] = { "01", "2A", "2B", "19", "21", "95", "971", "972", "973",
                                     "974", "976" };

static void test_national_scenario(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load_file("scenarios/france-departements.ini", &sc);
    /* 96 departments of metropolitan France (01 to 95, 20 split into 2A and 2B) and 5 overseas. */
    assert_int_equal(sc.ndepartments, 101);
    assert_int_equal(sc.months, 120);
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++) {
        int found = 0;
        for (int d = 0; d < sc.ndepartments; d++)
            found += strcmp(sc.departments[d].code, codes[k]) == 0;
        assert_int_equal(found, 1);
    }
    int places = 0, initial = 0;
    double entries = 0, weight = 0;
    for (int d = 0; d < sc.ndepartments; d++) {
        places += sc.departments[d].places;
        initial += sc.departments[d].initial_file_active;
        entries += sc.departments[d].entries.per_month;
        weight += sc.departments[d].weight;
    }
    assert_int_equal(places, 7663);
    assert_int_equal(initial, 5216);
    assert_rel(entries, 380, 1e-9);
    /* The largest remainder keeps each share within one place of its exact share. */
    for (int d = 0; d < sc.ndepartments; d++)
        assert_true(fabs(sc.departments[d].places - 7663 * sc.departments[d].weight / weight) < 1);
    ea_scenario_clear(&sc);
}

static void test_streamed_region_is_the_sum(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load_file("scenarios/france-departements.ini", &sc);
    sc.months = 14;
    sc.replications = 3;
    ea_results *res = NULL;
    eng_error err = { { 0 } };
    ea_simulate_options opt = { .threads = 2, .block = 2 };
    assert_int_equal(ea_simulate_run(&sc, &opt, &res, &err), ENG_OK);
    assert_int_equal((int)ea_results_block(res), 2);
    int region = ea_results_find_scope(res, "region");
    assert_int_equal(region, 101);
    int ind = ea_indicators_find(ea_results_indicators(res), "entries");
    for (int y = 0; y < ea_results_nperiods(res, EA_ANNUAL); y++)
        for (size_t r = 0; r < 3; r++) {
            double sum = 0;
            for (int d = 0; d < 101; d++)
                sum += ea_results_value(res, EA_ANNUAL, d, y, ind, r);
            assert_true(sum == ea_results_value(res, EA_ANNUAL, region, y, ind, r));
            assert_true(sum > 0);
        }
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_national_scenario),
        cmocka_unit_test(test_streamed_region_is_the_sum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
