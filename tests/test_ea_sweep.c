/* test_ea_sweep.c — The point of common random numbers (paired differences between close
 * scenarios vary far less than with independent streams), each point's own summary,
 * a target on a key set in every department, and targets in both directions, for the region and
 * for one department, against separate runs at the answer and next to it. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/ea_simulate.h"
#include "engine/eng_text.h"
#include "models/ea_sweep.h"

/* Staff-limited platform: intensity 5 against 5.25 hours a month. The paired differences of the
 * year's mean caseload between the two, with the same seed, must vary much less than between runs
 * with independent seeds. */
static void test_common_random_numbers(void **state)
{
    (void)state;
    const char *fmt =
        "[scenario]\nstart = 2022-01\nmonths = 24\nreplications = 200\nseed = 21\n"
        "[staff]\ncapacity_mode = staff\nhours_per_fte_month = 100\n"
        "[entries]\nper_month = 2.5\n[waiting]\npatience = exponential(mean=4)\n"
        "[module.evaluation]\nduration = exponential(mean=3)\nintensity = %s\n"
        "next = recherche:0.7, exit.abandon:0.3\n"
        "[module.recherche]\nduration = gamma(mean=6, sd=3)\nintensity = %s\n"
        "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
        "[platform]\nplaces = 100\nfte = 1\ninitial_file_active = 10\n";
    char a_text[1024], b_text[1024];
    snprintf(a_text, sizeof a_text, fmt, "5", "5");
    snprintf(b_text, sizeof b_text, fmt, "5.25", "5.25");
    ea_scenario a, b, c;
    fixture_load(a_text, &a);
    fixture_load(b_text, &b);
    fixture_load(b_text, &c);
    c.seed = 22;   /* independent streams */
    ea_results *ra, *rb, *rc;
    eng_error err;
    ea_simulate_options opt = { .threads = 2 };
    assert_int_equal(ea_simulate_run(&a, &opt, &ra, &err), ENG_OK);
    assert_int_equal(ea_simulate_run(&b, &opt, &rb, &err), ENG_OK);
    assert_int_equal(ea_simulate_run(&c, &opt, &rc, &err), ENG_OK);
    int ind = ea_indicators_find(ea_results_indicators(ra), "file_active_avg");
    int y = ea_results_find_period(ra, EA_ANNUAL, "2023");
    double d1[200], d2[200], work[200];
    for (size_t r = 0; r < 200; r++) {
        double x = ea_results_value(ra, EA_ANNUAL, 0, y, ind, r);
        d1[r] = ea_results_value(rb, EA_ANNUAL, 0, y, ind, r) - x;
        d2[r] = ea_results_value(rc, EA_ANNUAL, 0, y, ind, r) - x;
    }
    eng_stats_summary s1, s2;
    eng_stats_summary_compute(d1, 1, 200, work, &s1);
    eng_stats_summary_compute(d2, 1, 200, work, &s2);
    double ratio = (s1.sd * s1.sd) / (s2.sd * s2.sd);
    print_message("variance of paired differences: %.4g (common) vs %.4g (independent), ratio %.3f\n",
                  s1.sd * s1.sd, s2.sd * s2.sd, ratio);
    assert_true(ratio < 0.1);
    /* Heavier support with the same staff admits fewer: the paired difference is clearly negative. */
    assert_true(s1.mean < 0);
    ea_results_free(ra);
    ea_results_free(rb);
    ea_results_free(rc);
    ea_scenario_clear(&a);
    ea_scenario_clear(&b);
    ea_scenario_clear(&c);
}

/* Each point's summary is its own run's: 1 200 and 2 400 euros a place a year for 10 places fund
 * 12 000 and 24 000 euros in a full year, whatever the replication. */
static void test_summary_per_point(void **state)
{
    (void)state;
    const char *path = fixture_file(
        "[scenario]\nstart = 2022-01\nmonths = 24\nreplications = 6\nseed = 2\n"
        "[entries]\nper_month = 1.5\n"
        "[module.evaluation]\nduration = exponential(mean=4)\nintensity = 4\n"
        "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
        "[platform]\nplaces = 10\n");
    ea_vary v;
    eng_error err = { { 0 } };
    assert_int_equal(ea_vary_parse("budget.cost_per_place=1200,2400", &v, &err), ENG_OK);
    ea_sweep_options opt = { .seed = -1, .threads = 2 };
    ea_sweep s;
    if (ea_sweep_compute(path, &v, 1, &opt, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    remove(path);
    assert_int_equal(s.npoints, 2);
    int funding = -1;
    for (int k = 0; k < EA_SWEEP_NSUMMARY; k++)
        if (strcmp(ea_sweep_summary_column(k), "funding_eur") == 0)
            funding = k;
    assert_true(funding >= 0);
    const double expect[] = { 12000, 24000 };
    for (int p = 0; p < 2; p++) {
        const ea_sweep_point *pt = &s.points[p];
        assert_int_equal(pt->idx[0], p);
        assert_string_equal(pt->years[pt->year], "2023");   /* the last simulated year */
        assert_abs(pt->summary[funding], expect[p], 1e-9);
        assert_string_equal(pt->scopes[pt->nscopes - 1], "region");
    }
    ea_sweep_clear(&s);
    ea_vary_clear(&v);
}

/* A target on defaults.KEY: the bisection sets the key in every department, as the grid does. Two
 * departments of P places each, always full (many entries, nobody leaves within the year), hold
 * 2 P persons: a file active of 14 needs P = 7. */
static void test_target_every_department(void **state)
{
    (void)state;
    const char *path = fixture_file(
        "[scenario]\nstart = 2022-01\nmonths = 12\nreplications = 4\nseed = 2\n"
        "[entries]\nper_month = 20\n"
        "[module.evaluation]\nduration = exponential(mean=1000)\nintensity = 1\n"
        "next = exit.autre:1\n"
        "[department.09]\nplaces = 4\ninitial_file_active = 4\n"
        "[department.11]\nplaces = 4\ninitial_file_active = 4\n");
    ea_vary v;
    eng_error err = { { 0 } };
    assert_int_equal(ea_vary_parse("defaults.places=4:12:4", &v, &err), ENG_OK);
    ea_target t;
    assert_int_equal(ea_target_parse("file_active>=14", 0, &t, &err), ENG_OK);
    ea_sweep_options opt = { .seed = -1, .threads = 2, .target = &t };
    ea_sweep s;
    if (ea_sweep_compute(path, &v, 1, &opt, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    remove(path);
    assert_true(s.answer.met);
    assert_true(s.answer.smallest);
    assert_false(s.answer.at_edge);
    assert_abs(s.answer.value, 7, 0);
    assert_abs(s.answer.next, 6, 0);
    assert_abs(s.answer.at.mean, 14, 0);
    assert_abs(s.answer.at_next.mean, 12, 0);
    assert_true(s.answer.evaluations > 3);   /* the grid's three runs, then the bisection's */
    /* The answer for people, with values a bisection between two tenths leaves: the fewest digits
     * that tell the two values apart (0,448 and 0,4477), and a mean that misses the target by
     * 0,05 not rounded onto it (29 999,95, not « 30 000,0 »). */
    s.target.value = 30000;
    s.answer.value = 0.44804687500000007;
    s.answer.next = 0.44765625000000003;
    s.answer.at.mean = 30000.0;
    s.answer.at_next.mean = 29999.95;
    s.answer.at.share = 0.5;
    s.answer.at_next.share = 0.45;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ea_sweep_print_answer(&s, f);
    fclose(f);
    /* With how often the replications meet it: half of them at the answer. */
    if (!strstr(text, "qui atteint la cible est 0,448 (file active : 30 000,0 ; cible atteinte dans "
                      "50 % des réplications) ; à 0,4477, elle ne l'est pas (file active : "
                      "29 999,95 ; cible atteinte dans 45 % des réplications)"))
        fail_msg("%s", text);
    free(text);
    ea_sweep_clear(&s);
    ea_vary_clear(&v);
}

/* Three platforms whose entries (about 25 a month) fill many more places than they have, with a
 * patience so that the waiting list settles: the waiting list falls and the occupancy falls as
 * places grow in department 31. */
static const char *both_ways =
    "[scenario]\nstart = 2022-01\nmonths = 24\nreplications = 30\nseed = 5\n"
    "[entries]\nper_month = 6\n[waiting]\npatience = exponential(mean=3)\n"
    "[module.evaluation]\nduration = exponential(mean=6)\nintensity = 1\nnext = exit.autre:1\n"
    "[department.09]\nplaces = 20\n[department.31]\nplaces = 20\n[department.34]\nplaces = 20\n";

/* The target evaluated by a separate run of the scenario with department 31 at `places`. */
static ea_target_eval run_at(const ea_target *t, int places)
{
    ea_scenario sc;
    fixture_load(both_ways, &sc);
    sc.departments[1].places = places;
    ea_simulate_options so = { .threads = 2 };
    ea_results *res;
    eng_error err;
    assert_int_equal(ea_simulate_run(&sc, &so, &res, &err), ENG_OK);
    ea_target_eval e;
    int y = ea_results_find_period(res, EA_ANNUAL, "2023");
    assert_int_equal(ea_target_evaluate(t, res, y, &e, &err), ENG_OK);
    ea_results_free(res);
    ea_scenario_clear(&sc);
    return e;
}

/* Checks a sweep of department.31.places against separate runs: the answer meets the target, its
 * neighbour does not, and the neighbour is one place away on the side the direction says. */
static void check_both_ways(const char *spec, double level, int smallest)
{
    const char *path = fixture_file(both_ways);
    ea_vary v;
    ea_target t;
    eng_error err = { { 0 } };
    assert_int_equal(ea_vary_parse("department.31.places=10:60:10", &v, &err), ENG_OK);
    assert_int_equal(ea_target_parse(spec, level, &t, &err), ENG_OK);
    ea_sweep_options opt = { .seed = -1, .threads = 2, .target = &t };
    ea_sweep s;
    if (ea_sweep_compute(path, &v, 1, &opt, &s, &err) != ENG_OK)
        fail_msg("%s: %s", spec, err.msg);
    remove(path);
    const ea_sweep_answer *a = &s.answer;
    print_message("%s: answer %g (%s), next %g\n", spec, a->value, a->smallest ? "smallest" : "largest",
                  a->next);
    assert_true(a->met);
    assert_int_equal(a->smallest, smallest);
    assert_false(a->at_edge);
    assert_abs(a->next, a->value + (smallest ? -1 : 1), 0);
    ea_target_eval at = run_at(&t, (int)a->value), next = run_at(&t, (int)a->next);
    assert_true(at.met);
    assert_false(next.met);
    assert_abs(at.mean, a->at.mean, 1e-9);
    assert_abs(next.mean, a->at_next.mean, 1e-9);
    assert_abs(at.share, a->at.share, 1e-12);
    /* The printed table adds a department's own figure, the one judged, beside the region's
     * columns: at the first point (10 places), that of a separate run. A region's target adds
     * nothing. */
    char *printed = NULL, cell[64];
    size_t len = 0;
    FILE *f = open_memstream(&printed, &len);
    ea_sweep_print(&s, f);
    fclose(f);
    eng_text_format_number(cell, sizeof cell, run_at(&t, 10).mean, 1);
    char *first = strstr(printed, "\n1 ");
    assert_non_null(first);
    *strchr(first + 1, '\n') = '\0';
    int region = strcmp(t.scope, "region") == 0;
    if (region ? strstr(printed, "Cible (") != NULL
               : !strstr(printed, "Cible (31)") || !strstr(first, cell))
        fail_msg("%s: no figure %s of %s in:\n%s", spec, cell, t.scope, printed);
    free(printed);
    ea_sweep_clear(&s);
    ea_vary_clear(&v);
}

/* <= and >=, on the region and on one department, on the mean and with a level: the waiting list
 * falls as places grow (the smallest value meeting it), the occupancy falls too (so a floor on it
 * gives the largest value). */
static void test_target_both_ways(void **state)
{
    (void)state;
    check_both_ways("31:waiting<=8", 0, 1);
    check_both_ways("waiting<=22", 0, 1);
    check_both_ways("occupancy>=0.9", 0, 0);
    check_both_ways("31:occupancy>=0.97", 0, 0);
    check_both_ways("31:waiting<=8", 0.8, 1);
}

/* A target on the counsellors needed, both ways: the FTE the support of 31 needs grow with its
 * places (0.15 at 20, 0.22 at 30), so a ceiling on them gives the largest places the staff can
 * absorb and a floor the smallest; the answer agrees with separate runs, and its line says so with
 * the unit and the threshold as written. */
static void test_target_staff(void **state)
{
    (void)state;
    check_both_ways("31:staff_fte_needed<=0.2", 0, 0);
    check_both_ways("31:staff_fte_needed>=0.2", 0, 1);
    const char *path = fixture_file(both_ways);
    ea_vary v;
    ea_target t;
    eng_error err = { { 0 } };
    assert_int_equal(ea_vary_parse("department.31.places=10:60:10", &v, &err), ENG_OK);
    assert_int_equal(ea_target_parse("31:staff_fte_needed<=0.2", 0, &t, &err), ENG_OK);
    ea_sweep_options opt = { .seed = -1, .threads = 2, .target = &t };
    ea_sweep s;
    assert_int_equal(ea_sweep_compute(path, &v, 1, &opt, &s, &err), ENG_OK);
    remove(path);
    char *buf = NULL, expect[160];
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    ea_sweep_print_answer(&s, f);
    fclose(f);
    print_message("%s", buf);
    assert_non_null(strstr(buf, "Cible ETP nécessaires ≤ 0,2 (département 31, en moyenne) en 2023"));
    snprintf(expect, sizeof expect, "la plus grande valeur de department.31.places qui atteint la "
             "cible est %g (ETP nécessaires : ", s.answer.value);
    assert_non_null(strstr(buf, expect));
    assert_non_null(strstr(buf, " ETP ; cible atteinte dans "));
    assert_non_null(strstr(buf, " des réplications) ; à "));
    free(buf);
    ea_sweep_clear(&s);
    ea_vary_clear(&v);
}

/* No value of the grid meets the target: said, with no answer. */
static void test_target_not_met(void **state)
{
    (void)state;
    const char *path = fixture_file(both_ways);
    ea_vary v;
    ea_target t;
    eng_error err = { { 0 } };
    assert_int_equal(ea_vary_parse("department.31.places=10,20", &v, &err), ENG_OK);
    assert_int_equal(ea_target_parse("31:waiting<=0", 0, &t, &err), ENG_OK);
    ea_sweep_options opt = { .seed = -1, .threads = 2, .target = &t };
    ea_sweep s;
    assert_int_equal(ea_sweep_compute(path, &v, 1, &opt, &s, &err), ENG_OK);
    remove(path);
    assert_false(s.answer.met);
    assert_true(isnan(s.answer.value));
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    ea_sweep_print_answer(&s, f);
    fclose(f);
    assert_non_null(strstr(buf, "aucune valeur de department.31.places de 10 à 20 ne l'atteint"));
    free(buf);
    ea_sweep_clear(&s);
    ea_vary_clear(&v);
}

/* The printed table of a sweep of keys, as text (free it). */
static char *printed_sweep(const char *spec)
{
    const char *path = fixture_file(both_ways);
    ea_vary v;
    eng_error err = { { 0 } };
    assert_int_equal(ea_vary_parse(spec, &v, &err), ENG_OK);
    ea_sweep_options opt = { .seed = -1, .threads = 2 };
    ea_sweep s;
    if (ea_sweep_compute(path, &v, 1, &opt, &s, &err) != ENG_OK)
        fail_msg("%s: %s", spec, err.msg);
    remove(path);
    /* In places mode the counsellors funded limit nothing: every summary column is the same at
     * each point (common random numbers) when FTE vary. */
    if (strcmp(v.key, "fte") == 0)
        for (int k = 0; k < EA_SWEEP_NSUMMARY; k++)
            if (strcmp(ea_sweep_summary_column(k), "file_active") == 0)
                assert_true(s.points[0].summary[k] == s.points[1].summary[k]);
    char *printed = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&printed, &len);
    ea_sweep_print(&s, f);
    fclose(f);
    ea_sweep_clear(&s);
    ea_vary_clear(&v);
    return printed;
}

/* A sweep of the FTE funded when places limit admissions says why its columns do not move; a
 * sweep of places says nothing of the kind. */
static void test_fte_in_places_mode(void **state)
{
    (void)state;
    char *printed = printed_sweep("defaults.fte=1:2:1");
    assert_non_null(strstr(printed, "defaults.fte ne change pas ces colonnes : avec [staff] "
                                    "capacity_mode = places, ce sont les places qui limitent les "
                                    "admissions"));
    free(printed);
    printed = printed_sweep("department.31.places=20,30");
    assert_null(strstr(printed, "ne change pas ces colonnes"));
    free(printed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_common_random_numbers),
        cmocka_unit_test(test_summary_per_point),
        cmocka_unit_test(test_target_every_department),
        cmocka_unit_test(test_target_both_ways),
        cmocka_unit_test(test_target_not_met),
        cmocka_unit_test(test_target_staff),
        cmocka_unit_test(test_fte_in_places_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
