/* test_ea_indicators.c — Budget arithmetic and the derivation of indicators from raw monthly
 * accumulators, checked against hand computations. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <string.h>

#include "models/ea_indicators.h"
#include "models/ea_model.h"
#include "models/ea_simulate.h"

/* 645 places at 4 300 EUR a year are 2 773 500 EUR a year (the Occitanie figure). */
static void test_funding_formula(void **state)
{
    (void)state;
    assert_true(ea_budget_funding(645, 4300, 12) == 2773500.0);
    /* A partial year is paid pro rata: nine months of 2022 and three of 2023. The amounts are
     * whole euros, reached through a division by 12 that may round: 1e-15 is a few ulps. */
    assert_rel(ea_budget_funding(645, 4300, 9), 2080125.0, 1e-15);
    assert_rel(ea_budget_funding(645, 4300, 3), 693375.0, 1e-15);
    /* The 206 unused places of end 2021 are worth 885 800 EUR a year. */
    assert_rel(ea_budget_funding(645 - 439, 4300, 12), 885800.0, 1e-15);
}

/* The annual table of a simulation: full year, partial years and a mid-year change of places. */
static void test_funding_in_tables(void **state)
{
    (void)state;
    const char *text =
        "[scenario]\nstart = 2022-04\nmonths = 24\nreplications = 3\n"
        "[module.evaluation]\nduration = exponential(mean=12)\nnext = exit.autre:1\n"
        "[platform]\nplaces = 439\nplaces_schedule = 2023-07:645\ninitial_file_active = 439\n";
    ea_scenario sc;
    fixture_load(text, &sc);
    ea_results *res = NULL;
    eng_error err;
    assert_int_equal(ea_simulate(&sc, &(ea_run_options){ .threads = 1 }, &res, &err), ENG_OK);
    int f = ea_indicators_find(ea_results_indicators(res), "funding_eur");
    int d = ea_indicators_find(ea_results_indicators(res), "delegated_eur");
    assert_true(f >= 0 && d >= 0);
    assert_int_equal(ea_results_nperiods(res, EA_ANNUAL), 3);
    /* 2022: April to December, 9 months of 439 places. An annual value sums up to 12 monthly
     * amounts, each rounded once: 1e-12 allows that rounding, while a month too many or too few
     * would be off by more than 8 %. */
    assert_rel(ea_results_value(res, EA_ANNUAL, 0, 0, f, 0), 439 * 4300 * 9 / 12.0, 1e-12);
    /* 2023: 6 months of 439 and 6 of 645 places. */
    assert_rel(ea_results_value(res, EA_ANNUAL, 0, 1, f, 2), (439 * 6 + 645 * 6) * 4300 / 12.0, 1e-12);
    assert_rel(ea_results_value(res, EA_ANNUAL, 0, 1, f, 2), 2330600.0, 1e-12);
    /* 2024: January to March, 3 months of 645. */
    assert_rel(ea_results_value(res, EA_ANNUAL, 0, 2, f, 1), 693375.0, 1e-12);
    /* A month of 645 places: 2 773 500 / 12. */
    int m = ea_results_find_period(res, EA_MONTHLY, "2023-08");
    assert_rel(ea_results_value(res, EA_MONTHLY, 0, m, f, 0), 231125.0, 1e-12);
    /* Nothing delegated by default. */
    assert_true(ea_results_value(res, EA_ANNUAL, 0, 1, d, 0) == 0);
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

/* Derivation from a raw table made by hand: two months of one platform. */
static void test_derivation_by_hand(void **state)
{
    (void)state;
    const char *text =
        "[scenario]\nstart = 2022-01\nmonths = 2\n"
        "[budget]\ncost_per_place = 4300\nstaff_cost_per_fte = 60000\ndelegated_share = 0.25\n"
        "[staff]\nhours_per_fte_month = 120\n"
        "[module.evaluation]\nduration = exponential(mean=12)\nnext = exit.emploi_durable:0.5, exit.autre:0.5\n"
        "[platform]\nplaces = 10\nfte = 2\n";
    ea_scenario sc;
    fixture_load(text, &sc);
    ea_indicator_set set;
    ea_indicators_init(&set, &sc);
    double raw[2 * EA_RAW_COUNT];
    memset(raw, 0, sizeof raw);
    double *m0 = raw, *m1 = raw + EA_RAW_COUNT;
    m0[EA_RAW_FILE_ACTIVE_START] = 6;
    m0[EA_RAW_ADMISSIONS] = 3;
    m0[EA_RAW_EXITS + 0] = 1;          /* emploi_durable */
    m0[EA_RAW_FILE_ACTIVE] = 8;
    m0[EA_RAW_PLACES] = 10;
    m0[EA_RAW_WAIT_SUM] = 1.5;         /* months waited by the 3 admitted */
    m0[EA_RAW_HOURS_NEEDED] = 240;
    m1[EA_RAW_FILE_ACTIVE_START] = 8;
    m1[EA_RAW_ADMISSIONS] = 1;
    m1[EA_RAW_EXITS + 1] = 4;          /* reorientation */
    m1[EA_RAW_FILE_ACTIVE] = 5;
    m1[EA_RAW_PLACES] = 20;
    m1[EA_RAW_HOURS_NEEDED] = 120;
    double out[EA_MAX_INDICATORS];
    ea_indicators_compute(&set, raw, 0, 2, 2.0, out);
#define V(name) out[ea_indicators_find(&set, name)]
    assert_true(V("file_active") == 5);
    assert_true(V("places") == 20);
    /* Ratios and products of small whole numbers: at most a few roundings, so 1e-15. */
    assert_rel(V("occupancy"), 0.25, 1e-15);
    assert_true(V("admissions") == 4);
    assert_true(V("exits") == 5);
    assert_true(V("exits_emploi_durable") == 1);
    assert_true(V("persons_accompanied") == 10);               /* 6 at the start + 4 admitted */
    assert_rel(V("mean_wait_days"), 1.5 / 4 * 365.25 / 12, 1e-15);
    assert_rel(V("funding_eur"), (10 + 20) * 4300 / 12.0, 1e-15);
    assert_rel(V("delegated_eur"), (10 + 20) * 4300 / 12.0 * 0.25, 1e-15);
    assert_rel(V("cost_per_person_eur"), 10750.0 / 10, 1e-15);
    assert_rel(V("cost_per_exit_emploi_eur"), 10750.0, 1e-15);
    assert_true(V("staff_hours_available") == 2 * 120 * 2);
    assert_rel(V("staff_fte_needed"), 360.0 / 240, 1e-15);
    assert_rel(V("spend_eur"), 1.5 * 60000 * 2 / 12, 1e-15);
    /* A month with nobody admitted has no mean wait, a month without exit to employment no cost
     * per exit: undefined, not zero. */
    ea_indicators_compute(&set, raw, 1, 2, 2.0, out);
    assert_true(isnan(V("cost_per_exit_emploi_eur")));
    m1[EA_RAW_ADMISSIONS] = 0;
    ea_indicators_compute(&set, raw, 1, 2, 2.0, out);
    assert_true(isnan(V("mean_wait_days")));
#undef V
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_funding_formula),
        cmocka_unit_test(test_funding_in_tables),
        cmocka_unit_test(test_derivation_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
