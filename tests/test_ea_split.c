/* test_ea_split.c — A regional total split across departments: whole places summing exactly to the
 * total, each rule against a hand computation (ties to the first department, zero weights), the
 * rule names and their errors, and a sweep over regional totals that is monotone in every
 * department's places. */
#include "test_util.h"
#include "test_proc.h"
#include "scenario_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/eng_msg.h"
#include "engine/eng_out.h"
#include "models/ea_simulate.h"
#include "models/ea_split.h"
#include "models/ea_sweep.h"

static void split(long total, const double *w, int n, long *out)
{
    eng_error err = { { 0 } };
    if (ea_split_largest_remainder(total, w, n, out, &err) != ENG_OK)
        fail_msg("%s", err.msg);
}

/* 100 over 1, 2, 3: quotas 16.67, 33.33 and 50; the one place left goes to the largest fraction. */
static void test_hand_examples(void **state)
{
    (void)state;
    long out[4];
    split(100, (const double[]){ 1, 2, 3 }, 3, out);
    assert_int_equal(out[0], 17);
    assert_int_equal(out[1], 33);
    assert_int_equal(out[2], 50);
    /* Exact quotas take nothing more. */
    split(60, (const double[]){ 1, 2, 3 }, 3, out);
    assert_int_equal(out[0], 10);
    assert_int_equal(out[1], 20);
    assert_int_equal(out[2], 30);
    /* 10 over 7 and 3 (0.7 each): 7 and 3, nothing left. 11 over them: 7.7 and 3.3, so 8 and 3. */
    split(11, (const double[]){ 7, 3 }, 2, out);
    assert_int_equal(out[0], 8);
    assert_int_equal(out[1], 3);
}

/* Equal fractions go to the departments in their order. */
static void test_ties(void **state)
{
    (void)state;
    long out[4];
    split(100, (const double[]){ 1, 1, 1 }, 3, out);   /* 33.33 each: one left, to the first */
    assert_int_equal(out[0], 34);
    assert_int_equal(out[1], 33);
    assert_int_equal(out[2], 33);
    split(2, (const double[]){ 1, 1, 1, 1 }, 4, out);  /* 0.5 each: to the first two */
    assert_int_equal(out[0], 1);
    assert_int_equal(out[1], 1);
    assert_int_equal(out[2], 0);
    assert_int_equal(out[3], 0);
    split(3, (const double[]){ 1, 3 }, 2, out);        /* 0.75 and 2.25: the larger fraction */
    assert_int_equal(out[0], 1);
    assert_int_equal(out[1], 2);
}

/* A zero weight gets nothing, even a place left over; all zero is an error unless the total is 0. */
static void test_zero_weights(void **state)
{
    (void)state;
    long out[3];
    split(5, (const double[]){ 0, 1, 1 }, 3, out);     /* 0, 2.5, 2.5: the tie to the second */
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 3);
    assert_int_equal(out[2], 2);
    split(0, (const double[]){ 0, 0, 0 }, 3, out);
    assert_int_equal(out[0] + out[1] + out[2], 0);
    eng_error err = { { 0 } };
    assert_int_equal(ea_split_largest_remainder(5, (const double[]){ 0, 0 }, 2, out, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "tous les poids sont nuls"));
    assert_int_equal(ea_split_largest_remainder(5, (const double[]){ 1, -1 }, 2, out, &err), ENG_EINPUT);
    assert_int_equal(ea_split_largest_remainder(-1, (const double[]){ 1, 1 }, 2, out, &err), ENG_EINPUT);
}

/* Every total over uneven weights sums exactly to it, each department within one place of its
 * exact quota. */
static void test_sums_exactly(void **state)
{
    (void)state;
    const double w[] = { 152, 18, 7.5, 96, 33, 0, 61.25, 12, 205, 44, 9, 27, 70 };
    const int n = (int)(sizeof w / sizeof *w);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += w[i];
    long out[13];
    for (long total = 0; total <= 1500; total += 7) {
        split(total, w, n, out);
        long got = 0;
        for (int i = 0; i < n; i++) {
            got += out[i];
            assert_true(fabs((double)out[i] - (double)total * w[i] / sum) < 1);
        }
        assert_int_equal(got, total);
    }
}

/* Sharing only the places added: 09 and 31 have 10 and 30 places, weights 1 and 3; at 60 places
 * the 20 added go 5 and 15 (by hand), so 15 and 45; at 40 nothing is added; under 40 the rule
 * would have to take places away and says so; sharing the whole total, 60 goes 15 and 45 too, but
 * 20 goes 5 and 15, below the scenario's 10 and 30. */
static void test_plan_added(void **state)
{
    (void)state;
    ea_split_plan p = { 0 };
    eng_error err = { { 0 } };
    assert_int_equal(ea_split_plan_init(&p, 2, &err), ENG_OK);
    p.rule = EA_SPLIT_WEIGHT;
    p.added = 1;
    p.weights[0] = 1;
    p.weights[1] = 3;
    p.current[0] = 10;
    p.current[1] = 30;
    double places[2];
    assert_int_equal(ea_split_plan_places(&p, 60, places, &err), ENG_OK);
    assert_true(places[0] == 15 && places[1] == 45);
    assert_int_equal(ea_split_plan_places(&p, 41, places, &err), ENG_OK);
    assert_true(places[0] == 10 && places[1] == 31);
    assert_int_equal(ea_split_plan_places(&p, 40, places, &err), ENG_OK);
    assert_true(places[0] == 10 && places[1] == 30);
    assert_int_equal(ea_split_plan_places(&p, 39, places, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "--split weight+ ne répartit que les places ajoutées : "
                                    "region.places=39 est sous les 40 places du scénario"));
    p.added = 0;
    assert_int_equal(ea_split_plan_places(&p, 20, places, &err), ENG_OK);
    assert_true(places[0] == 5 && places[1] == 15);
    ea_split_plan_clear(&p);
    ea_split_plan_clear(&p);   /* a cleared plan clears again */
}

static void test_rule_names(void **state)
{
    (void)state;
    int r;
    eng_error err = { { 0 } };
    for (int k = EA_SPLIT_PLACES; k < EA_SPLIT_NRULES; k++) {
        char added[32];
        assert_int_equal(ea_split_rule_parse(ea_split_rule_name((ea_split_rule)k), &r, &err), ENG_OK);
        assert_int_equal(r, k);
        snprintf(added, sizeof added, "%s+", ea_split_rule_name((ea_split_rule)k));
        assert_int_equal(ea_split_rule_parse(added, &r, &err), ENG_OK);
        assert_int_equal(r, k | EA_SPLIT_ADDED);
    }
    assert_int_equal(ea_split_rule_parse("+", &r, &err), ENG_EINPUT);
    assert_int_equal(ea_split_rule_parse("waiting++", &r, &err), ENG_EINPUT);
    assert_int_equal(ea_split_rule_parse("population", &r, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "« population » : règle inconnue"));
    eng_msg_set_lang(ENG_MSG_EN);
    assert_int_equal(ea_split_rule_parse("population", &r, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "unknown rule"));
    eng_msg_set_lang(ENG_MSG_FR);
}

static const char *two =
    "[scenario]\nstart = 2022-01\nmonths = 12\nreplications = 4\nseed = 3\n"
    "[entries]\nper_month = 4\n[waiting]\npatience = exponential(mean=4)\n"
    "[module.evaluation]\nduration = exponential(mean=8)\nintensity = 1\nnext = exit.autre:1\n"
    "[department.09]\nplaces = 10\nentries_per_month = 2\nweight = 150000\n"
    "[department.31]\nplaces = 30\nweight = 1450000\n";

/* The weights of each rule are the scenario's: places 10 and 30, entries 2 and 4 (the shared
 * [entries] for 31), weights 150 000 and 1 450 000; a missing weight is named. */
static void test_weights_of_rules(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(two, &sc);
    double w[2];
    long out[2];
    eng_error err = { { 0 } };
    assert_int_equal(ea_split_weights(&sc, EA_SPLIT_PLACES, w, &err), ENG_OK);
    split(50, w, 2, out);           /* 12.5 and 37.5: the tie to 09 */
    assert_int_equal(out[0], 13);
    assert_int_equal(out[1], 37);
    assert_int_equal(ea_split_weights(&sc, EA_SPLIT_DEMAND, w, &err), ENG_OK);
    split(50, w, 2, out);           /* 16.67 and 33.33 */
    assert_int_equal(out[0], 17);
    assert_int_equal(out[1], 33);
    assert_int_equal(ea_split_weights(&sc, EA_SPLIT_WEIGHT, w, &err), ENG_OK);
    split(50, w, 2, out);           /* 4.69 and 45.31 */
    assert_int_equal(out[0], 5);
    assert_int_equal(out[1], 45);
    ea_scenario_clear(&sc);
    fixture_load("[scenario]\nstart = 2022-01\nmonths = 12\n[entries]\nper_month = 4\n"
                 "[module.evaluation]\nduration = exponential(mean=8)\nintensity = 1\n"
                 "next = exit.autre:1\n[department.09]\nplaces = 10\nweight = 3\n"
                 "[department.31]\nplaces = 30\n", &sc);
    assert_int_equal(ea_split_weights(&sc, EA_SPLIT_WEIGHT, w, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "le département 31 n'a pas de clé « weight »"));
    ea_scenario_clear(&sc);
}

/* The places of department d at point p of a sweep: its mean in the first year (fixed places). */
static double places_at(const ea_sweep *s, long p, int d)
{
    const ea_sweep_point *pt = &s->points[p];
    for (int i = 0; i < pt->nindicators; i++)
        if (strcmp(pt->indicators[i], "places") == 0)
            return pt->cells[((d * pt->nyears + 0) * pt->nindicators + i) * 3];
    fail_msg("no places indicator");
    return NAN;
}

/* region.places=20:80:15 split by demand (2 and 4 a month): each department's places are those of
 * the hand split, sum to the total, and never fall as the total grows. */
static void test_sweep_monotone(void **state)
{
    (void)state;
    const char *path = fixture_file(two);
    ea_vary v;
    eng_error err = { { 0 } };
    assert_int_equal(ea_vary_parse("region.places=20:80:15", &v, &err), ENG_OK);
    ea_sweep_options opt = { .seed = -1, .threads = 2, .split = EA_SPLIT_DEMAND };
    ea_sweep s;
    if (ea_sweep_compute(path, &v, 1, &opt, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    /* 20, 35, 50, 65, 80 over 1 : 2 -> 6.67, 11.67, 16.67, 21.67, 26.67 for 09. */
    const double expect09[] = { 7, 12, 17, 22, 27 };
    assert_int_equal(s.npoints, 5);
    for (long p = 0; p < s.npoints; p++) {
        double a = places_at(&s, p, 0), b = places_at(&s, p, 1);
        assert_abs(a, expect09[p], 1e-9);
        assert_abs(a + b, 20 + 15 * p, 1e-9);
        if (p > 0) {
            assert_true(a >= places_at(&s, p - 1, 0));
            assert_true(b >= places_at(&s, p - 1, 1));
        }
    }
    /* The printed table begins with the shares of the rule: 2 and 4 a month are a third and two
     * thirds. */
    char *printed = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&printed, &len);
    ea_sweep_print(&s, f);
    fclose(f);
    /* Then the departments left with fewer places than their 10 and 30: at 20, 7 and 13; at 35,
     * 31's 23; none from 50 on. */
    assert_non_null(strstr(printed, "Répartition de region.places (--split demand) : 09 33,3 %, "
                                    "31 66,7 %\nAttention : la règle répartit tout le total, pas "
                                    "seulement les places ajoutées (--split demand+ garde à chacun "
                                    "les siennes) ; des départements y perdent des places : à 20, "
                                    "09 (10 → 7), 31 (30 → 13) ; à 35, 31 (30 → 23)\n"
                                    "Point "));
    free(printed);
    ea_sweep_clear(&s);
    /* region.places without a rule, and a rule without region.places, say what to add. */
    opt.split = EA_SPLIT_NONE;
    assert_int_equal(ea_sweep_compute(path, &v, 1, &opt, &s, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "ajoutez --split"));
    ea_vary_clear(&v);
    assert_int_equal(ea_vary_parse("department.31.places=30,40", &v, &err), ENG_OK);
    opt.split = EA_SPLIT_PLACES;
    assert_int_equal(ea_sweep_compute(path, &v, 1, &opt, &s, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "ajoutez --vary region.places"));
    ea_vary_clear(&v);
    remove(path);
}

/* The waiting list of department code at the end of 2022 in annual.csv text: its mean column. */
static double waiting_in(const char *csv, const char *code)
{
    char key[64];
    snprintf(key, sizeof key, "\n%s,2022,waiting,", code);
    const char *at = strstr(csv, key);
    assert_non_null(at);
    return strtod(at + strlen(key), NULL);
}

/* --split waiting: a separate simulate run of the scenario as given (same seed and replications)
 * writes annual.csv; its waiting column at the end of 2022 splits 60 places by hand (the whole
 * parts of the quotas, the place left to the larger fraction), which the sweep reproduces. */
static const char *waiting_two =
    "[scenario]\nstart = 2022-01\nmonths = 12\nreplications = 4\nseed = 3\n"
    "[entries]\nper_month = 4\n[waiting]\npatience = exponential(mean=4)\n"
    "[module.evaluation]\nduration = exponential(mean=8)\nintensity = 1\nnext = exit.autre:1\n"
    "[department.09]\nplaces = 5\nentries_per_month = 2\n[department.31]\nplaces = 10\n";

static void test_sweep_waiting(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(waiting_two, &sc);
    ea_simulate_options so = { .threads = 1, .annual_only = 1 };
    ea_results *res;
    eng_error err = { { 0 } };
    assert_int_equal(ea_simulate_run(&sc, &so, &res, &err), ENG_OK);
    char *csv = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&csv, &size);
    assert_int_equal(ea_results_write_table(res, EA_ANNUAL, f, &eng_csv_standard, &err), ENG_OK);
    fclose(f);
    ea_results_free(res);
    ea_scenario_clear(&sc);
    double w09 = waiting_in(csv, "09"), w31 = waiting_in(csv, "31");
    free(csv);
    print_message("waiting at the end of 2022: 09 %g, 31 %g\n", w09, w31);
    assert_true(w09 > 0 && w31 > 0);
    double q09 = 60 * w09 / (w09 + w31), q31 = 60 * w31 / (w09 + w31);
    double a = floor(q09), b = floor(q31);
    if (a + b < 60)
        *(q09 - a >= q31 - b ? &a : &b) += 1;
    const char *path = fixture_file(waiting_two);
    ea_vary v;
    assert_int_equal(ea_vary_parse("region.places=60", &v, &err), ENG_OK);
    ea_sweep_options opt = { .seed = -1, .threads = 2, .split = EA_SPLIT_WAITING };
    ea_sweep s;
    if (ea_sweep_compute(path, &v, 1, &opt, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    remove(path);
    assert_abs(places_at(&s, 0, 0), a, 0);
    assert_abs(places_at(&s, 0, 1), b, 0);
    /* sweep.ini records the rule, the shares it gave (those of the waiting lists by hand) and
     * each department's places at the point. */
    char dir[64], want[128];
    assert_int_equal(test_dir_make(dir, "test_ea_split"), 0);
    eng_out *out = eng_out_begin(dir, &err);
    assert_non_null(out);
    assert_int_equal(eng_out_finish(out, ea_sweep_write(&s, out, &eng_csv_standard, &err), &err),
                     ENG_OK);
    char *ini = test_slurp(test_path(dir, "sweep.ini"), NULL);
    assert_non_null(strstr(ini, "\nsplit = waiting\n"));
    snprintf(want, sizeof want, "\nshare.09 = %.6g\nshare.31 = %.6g\n", w09 / (w09 + w31),
             w31 / (w09 + w31));
    assert_non_null(strstr(ini, want));
    snprintf(want, sizeof want, "[point.1]\nregion.places = 60\ndepartment.09.places = %.0f\n"
             "department.31.places = %.0f\n", a, b);
    assert_non_null(strstr(ini, want));
    free(ini);
    assert_int_equal(test_dir_remove(dir), 0);
    ea_sweep_clear(&s);
    /* waiting+: the scenario's 5 and 10 places kept, the 45 added shared by the same lists. */
    double qa = 45 * w09 / (w09 + w31), qb = 45 * w31 / (w09 + w31), ea = floor(qa), eb = floor(qb);
    if (ea + eb < 45)
        *(qa - ea >= qb - eb ? &ea : &eb) += 1;
    opt.split = EA_SPLIT_WAITING | EA_SPLIT_ADDED;
    path = fixture_file(waiting_two);
    if (ea_sweep_compute(path, &v, 1, &opt, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    remove(path);
    assert_abs(places_at(&s, 0, 0), 5 + ea, 0);
    assert_abs(places_at(&s, 0, 1), 10 + eb, 0);
    ea_sweep_clear(&s);
    ea_vary_clear(&v);
}

/* With places enough for everyone, no department has a waiting list: the rule says nothing, and
 * the sweep refuses in French, naming the other rules. */
static void test_sweep_waiting_none(void **state)
{
    (void)state;
    const char *path = fixture_file(
        "[scenario]\nstart = 2022-01\nmonths = 12\nreplications = 4\nseed = 3\n"
        "[entries]\nper_month = 2\n[module.evaluation]\nduration = exponential(mean=3)\n"
        "intensity = 1\nnext = exit.autre:1\n[department.09]\nplaces = 500\n"
        "[department.31]\nplaces = 500\n");
    ea_vary v;
    eng_error err = { { 0 } };
    assert_int_equal(ea_vary_parse("region.places=60", &v, &err), ENG_OK);
    ea_sweep_options opt = { .seed = -1, .threads = 2, .split = EA_SPLIT_WAITING };
    ea_sweep s;
    assert_int_equal(ea_sweep_compute(path, &v, 1, &opt, &s, &err), ENG_EINPUT);
    remove(path);
    assert_non_null(strstr(err.msg, "--split waiting : aucune liste d'attente fin 2022"));
    assert_non_null(strstr(err.msg, "répartissez selon places, demand ou weight"));
    ea_vary_clear(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_examples),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_zero_weights),
        cmocka_unit_test(test_sums_exactly),
        cmocka_unit_test(test_rule_names),
        cmocka_unit_test(test_plan_added),
        cmocka_unit_test(test_weights_of_rules),
        cmocka_unit_test(test_sweep_monotone),
        cmocka_unit_test(test_sweep_waiting),
        cmocka_unit_test(test_sweep_waiting_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
