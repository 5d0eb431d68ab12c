/* test_ea_target.c — Parsing of targets (both directions, a department's code, the old form
 * refused with the new ones), their description in French and English, and their evaluation: the
 * share of replications meeting a target counted by hand from each replication's value. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <math.h>
#include <string.h>

#include "engine/eng_msg.h"
#include "models/ea_simulate.h"
#include "models/ea_target.h"

static void test_parse(void **state)
{
    (void)state;
    ea_target t;
    eng_error err = { { 0 } };
    assert_int_equal(ea_target_parse("waiting<=20", 0, &t, &err), ENG_OK);
    assert_string_equal(t.indicator, "waiting");
    assert_string_equal(t.scope, "region");
    assert_int_equal(t.op, EA_TARGET_AT_MOST);
    assert_true(t.value == 20);
    assert_int_equal(ea_target_parse("31:occupancy>=0.9", 0.8, &t, &err), ENG_OK);
    assert_string_equal(t.indicator, "occupancy");
    assert_string_equal(t.scope, "31");
    assert_int_equal(t.op, EA_TARGET_AT_LEAST);
    assert_true(t.value == 0.9 && t.level == 0.8);
    assert_int_equal(ea_target_parse("2A:mean_wait_days\xe2\x89\xa4" "60", 0, &t, &err), ENG_OK);
    assert_string_equal(t.scope, "2A");
    assert_int_equal(t.op, EA_TARGET_AT_MOST);
    char buf[128];
    ea_target_spec(&t, buf, sizeof buf);
    assert_string_equal(buf, "2A:mean_wait_days<=60");
    /* The old form did not say the direction: refused, with both new forms. */
    assert_int_equal(ea_target_parse("file_active=645", 0, &t, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "'file_active<=645' (au plus) ou 'file_active>=645' (au moins)"));
    /* What the shell leaves of an unquoted `waiting>=20`: the message says to quote it. */
    assert_int_equal(ea_target_parse("waiting", 0, &t, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "entre guillemets"));
    assert_int_equal(ea_target_parse("waiting<=abc", 0, &t, &err), ENG_EINPUT);
    assert_int_equal(ea_target_parse(":waiting<=2", 0, &t, &err), ENG_EINPUT);
    /* As people type them: spaces, a French comma, a percentage for a share. */
    assert_int_equal(ea_target_parse(" 31 : waiting <= 20,5 ", 0, &t, &err), ENG_OK);
    assert_string_equal(t.scope, "31");
    assert_string_equal(t.indicator, "waiting");
    assert_true(t.value == 20.5);
    assert_int_equal(ea_target_parse("occupancy>=90%", 0, &t, &err), ENG_OK);
    assert_true(t.value == 0.9);
    assert_int_equal(ea_target_parse("file_active>=30 000", 0, &t, &err), ENG_OK);
    assert_true(t.value == 30000);
    assert_int_equal(ea_target_parse("waiting<=5%", 0, &t, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "ne va qu'avec une part"));
    /* Values the indicator never takes: a share past 1, a negative count; the balance may be. */
    assert_int_equal(ea_target_parse("occupancy>=1.5", 0, &t, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "occupancy est une part, entre 0 et 1"));
    assert_int_equal(ea_target_parse("waiting<=-5", 0, &t, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "waiting n'est jamais négatif"));
    assert_int_equal(ea_target_parse("balance_eur>=-1000", 0, &t, &err), ENG_OK);
    double level;
    assert_int_equal(ea_target_level_parse("0.9", &level, &err), ENG_OK);
    assert_true(level == 0.9);
    assert_int_equal(ea_target_level_parse("90", &level, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "entre 0 et 1"));
    assert_int_equal(ea_target_level_parse("0", &level, &err), ENG_EINPUT);
}

static void test_describe(void **state)
{
    (void)state;
    ea_target t;
    eng_error err;
    char buf[256];
    assert_int_equal(ea_target_parse("31:waiting<=20", 0.9, &t, &err), ENG_OK);
    ea_target_describe(&t, buf, sizeof buf);
    /* The indicator by its label for people. */
    assert_string_equal(buf, "liste d'attente \xe2\x89\xa4 20 (département 31, dans au moins 90 % "
                             "des réplications)");
    eng_msg_set_lang(ENG_MSG_EN);
    ea_target_describe(&t, buf, sizeof buf);
    eng_msg_set_lang(ENG_MSG_FR);
    assert_string_equal(buf, "waiting list \xe2\x89\xa4 20 (department 31, in at least 90% of the replications)");
    assert_int_equal(ea_target_parse("occupancy>=0.9", 0, &t, &err), ENG_OK);
    ea_target_describe(&t, buf, sizeof buf);
    assert_string_equal(buf, "taux d'occupation \xe2\x89\xa5 0,9 (région, en moyenne)");   /* the decimals it has */
}

/* The share meeting the target is counted over each replication's own value; the mean is the
 * summary's; an unknown department or indicator is an error that names it. */
static void test_evaluate(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load("[scenario]\nstart = 2022-01\nmonths = 12\nreplications = 40\nseed = 9\n"
                 "[entries]\nper_month = 6\n[waiting]\npatience = exponential(mean=3)\n"
                 "[module.evaluation]\nduration = exponential(mean=6)\nnext = exit.autre:1\n"
                 "[department.09]\nplaces = 10\n[department.31]\nplaces = 20\n", &sc);
    ea_simulate_options so = { .threads = 2 };
    ea_results *res;
    eng_error err;
    assert_int_equal(ea_simulate_run(&sc, &so, &res, &err), ENG_OK);
    int ind = ea_indicators_find(ea_results_indicators(res), "waiting");
    const eng_stats_summary *sm = ea_results_summary(res, EA_ANNUAL, 1, 0, ind);
    ea_target t;
    assert_int_equal(ea_target_parse("31:waiting<=4", 0.5, &t, &err), ENG_OK);
    int count = 0;
    for (size_t r = 0; r < 40; r++)
        count += ea_results_value(res, EA_ANNUAL, 1, 0, ind, r) <= 4;
    ea_target_eval e;
    assert_int_equal(ea_target_evaluate(&t, res, 0, &e, &err), ENG_OK);
    print_message("waiting <= 4 in %d of 40 replications, mean %.2f\n", count, sm->mean);
    assert_true(count > 0 && count < 40);
    assert_abs(e.share, count / 40.0, 1e-12);
    assert_int_equal(e.met, count >= 20);
    assert_abs(e.mean, sm->mean, 0);
    assert_int_equal(ea_target_parse("11:waiting<=4", 0, &t, &err), ENG_OK);
    assert_int_equal(ea_target_evaluate(&t, res, 0, &e, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "pas de département « 11 »"));
    assert_non_null(strstr(err.msg, "09, 31"));
    assert_int_equal(ea_target_parse("attente<=4", 0, &t, &err), ENG_OK);
    assert_int_equal(ea_target_evaluate(&t, res, 0, &e, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "« attente » n'est pas un indicateur"));
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_evaluate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
