/* test_ea_simulate.c — Monte Carlo runs on the national scenario scenarios/france-departements.ini:
 * its 101 departments and the totals its header states, split in proportion to the population, and
 * a streamed run whose region is the sum of its departments in every replication. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <gsl/gsl_cdf.h>

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

/* Whether every key indicator of the annual table meets a relative precision: the half-width of the
 * 95 %% interval of its mean, Student's t over the summary's sd and the replications, at most the
 * target times the mean or half a person (half a euro). */
static int all_meet(const ea_results *res, double target)
{
    static const char *const keys[] = { "file_active", "waiting", "funding_eur" };
    double n = (double)ea_results_nreps(res), t = gsl_cdf_tdist_Pinv(0.975, n - 1);
    for (int s = 0; s < ea_results_nscopes(res); s++)
        for (int y = 0; y < ea_results_nperiods(res, EA_ANNUAL); y++)
            for (int k = 0; k < 3; k++) {
                int ind = ea_indicators_find(ea_results_indicators(res), keys[k]);
                const eng_stats_summary *sm = ea_results_summary(res, EA_ANNUAL, s, y, ind);
                double h = t * sm->sd / sqrt(n);
                if (h > target * fabs(sm->mean) && h > 0.5)
                    return 0;
            }
    return 1;
}

static ea_results *run_auto(const ea_scenario *sc, int threads, ea_simulate_reached *reached)
{
    ea_results *res = NULL;
    eng_error err = { { 0 } };
    ea_simulate_options opt = { .threads = threads, .reached = reached,
                                .precision = { EA_SIMULATE_RELATIVE, 0.03, 0 } };
    assert_int_equal(ea_simulate_run(sc, &opt, &res, &err), ENG_OK);
    return res;
}

/* -n auto stops at the first batch that meets the precision, whatever the threads; the tables are
 * those of the same number given to -n. */
static void test_auto_meets_precision(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load_file("scenarios/occitanie-2022.ini", &sc);
    sc.months = 24;
    ea_simulate_reached r1, r2;
    ea_results *a = run_auto(&sc, 1, &r1), *b = run_auto(&sc, 2, &r2);
    size_t n = ea_results_nreps(a);
    assert_int_equal(n, r1.replications);
    assert_int_equal(n, ea_results_nreps(b));
    assert_true(r1.met && r1.achieved <= 0.03);
    assert_true(n > EA_SIMULATE_BATCH && n % EA_SIMULATE_BATCH == 0);
    assert_true(all_meet(a, 0.03));
    for (int s = 0; s < ea_results_nscopes(a); s++)
        for (int y = 0; y < ea_results_nperiods(a, EA_ANNUAL); y++)
            for (int i = 0; i < ea_results_indicators(a)->n; i++)
                assert_memory_equal(ea_results_summary(a, EA_ANNUAL, s, y, i),
                                    ea_results_summary(b, EA_ANNUAL, s, y, i),
                                    sizeof(eng_stats_summary));
    /* One batch fewer, run as a fixed number, misses it. */
    sc.replications = (int)n - EA_SIMULATE_BATCH;
    ea_results *c = NULL;
    eng_error err = { { 0 } };
    ea_simulate_options fixed = { .threads = 2 };
    assert_int_equal(ea_simulate_run(&sc, &fixed, &c, &err), ENG_OK);
    assert_false(all_meet(c, 0.03));
    ea_results_free(a);
    ea_results_free(b);
    ea_results_free(c);
    ea_scenario_clear(&sc);
}

static void test_precision_parse(void **state)
{
    (void)state;
    ea_simulate_precision p;
    eng_error err;
    assert_int_equal(ea_simulate_precision_parse("0.01", &p, &err), ENG_OK);
    assert_true(p.mode == EA_SIMULATE_RELATIVE && p.target == 0.01);
    assert_int_equal(ea_simulate_precision_parse("2%", &p, &err), ENG_OK);
    assert_true(p.mode == EA_SIMULATE_RELATIVE && fabs(p.target - 0.02) < 1e-15);
    assert_int_equal(ea_simulate_precision_parse("5pers", &p, &err), ENG_OK);
    assert_true(p.mode == EA_SIMULATE_PERSONS && p.target == 5);
    assert_int_equal(ea_simulate_precision_parse("2000€", &p, &err), ENG_OK);
    assert_true(p.mode == EA_SIMULATE_EUROS && p.target == 2000);
    assert_int_equal(ea_simulate_precision_parse("5", &p, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "5pers"));
    assert_int_equal(ea_simulate_precision_parse("abc", &p, &err), ENG_EINPUT);
    assert_int_equal(ea_simulate_precision_parse("-1%", &p, &err), ENG_EINPUT);
    ea_simulate_reached r;
    assert_int_equal(ea_simulate_record_parse("[scenario]\n; -n auto: precision=persons:5 "
                                              "replications=60 achieved=4.5 met=1 worst=a/b/c\n",
                                              &r), 1);
    assert_true(r.precision.mode == EA_SIMULATE_PERSONS && r.replications == 60 && r.met);
    assert_int_equal(ea_simulate_record_parse("[scenario]\n", &r), 0);
}

/* One department: the region has its raw accumulators and staff, so every value and summary of the
 * region is the department's, whether in memory or streamed. */
static void test_one_department_region(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load("[scenario]\nstart = 2022-01\nmonths = 18\nreplications = 7\nseed = 3\n"
                 "[entries]\nper_month = 5\nmix = evaluation:1\n[waiting]\npatience = none\n"
                 "[exits]\nreasons = emploi_durable\n[module.evaluation]\n"
                 "duration = exponential(mean=4)\nnext = exit.emploi_durable:1\n[department.31]\n"
                 "places = 20\nfte = 2\ninitial_file_active = 15\n", &sc);
    for (size_t block = 0; block <= 3; block += 3) {
        ea_results *res = NULL;
        eng_error err = { { 0 } };
        ea_simulate_options opt = { .threads = 2, .block = block };
        assert_int_equal(ea_simulate_run(&sc, &opt, &res, &err), ENG_OK);
        assert_int_equal(ea_results_nscopes(res), 2);
        int region = ea_results_find_scope(res, "region");
        for (int t = 0; t < 2; t++)
            for (int p = 0; p < ea_results_nperiods(res, t); p++)
                for (int i = 0; i < ea_results_indicators(res)->n; i++) {
                    assert_memory_equal(ea_results_summary(res, t, 0, p, i),
                                        ea_results_summary(res, t, region, p, i),
                                        sizeof(eng_stats_summary));
                    for (size_t r = 0; r < 7; r++) {
                        double a = ea_results_value(res, t, 0, p, i, r);
                        double b = ea_results_value(res, t, region, p, i, r);
                        assert_true(a == b || (isnan(a) && isnan(b)));
                    }
                }
        ea_results_free(res);
    }
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_national_scenario),
        cmocka_unit_test(test_streamed_region_is_the_sum),
        cmocka_unit_test(test_auto_meets_precision),
        cmocka_unit_test(test_precision_parse),
        cmocka_unit_test(test_one_department_region),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
