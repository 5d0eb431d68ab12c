/* test_ea_places.c — The places each department needs: for every department, a separate run of the
 * whole scenario with n places meets the target and with n - 1 does not (same seed and
 * replications); the region's row is the sum of the rows; departments share nothing, so one's
 * places leave another's figures exactly as they were; and places.csv as declared. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/ea_places.h"
#include "models/ea_simulate.h"
#include "models/ea_tables.h"

/* Three departments, fewer places than their entries need, a patience; run for three years while
 * the target is on the second, so that the search's shorter runs are checked against whole ones. */
static const char *three =
    "[scenario]\nstart = 2022-01\nmonths = 36\nreplications = 30\nseed = 7\n"
    "[budget]\ncost_per_place = 4300\n"
    "[entries]\nper_month = 4\n[waiting]\npatience = exponential(mean=4)\n"
    "[module.evaluation]\nduration = exponential(mean=8)\nintensity = 1\nnext = exit.autre:1\n"
    "[department.09]\nplaces = 10\nentries_per_month = 2\n"
    "[department.31]\nplaces = 20\nentries_per_month = 6\n"
    "[department.34]\nplaces = 30\n";

/* The target on department d in 2023, by a separate run of the whole scenario with `places` places
 * in each department. */
static void evaluate(const ea_target *t, const int *places, int d, ea_target_eval *e)
{
    ea_scenario sc;
    fixture_load(three, &sc);
    for (int k = 0; k < sc.ndepartments; k++)
        sc.departments[k].places = places[k];
    ea_simulate_options so = { .threads = 2 };
    ea_results *res;
    eng_error err;
    assert_int_equal(ea_simulate_run(&sc, &so, &res, &err), ENG_OK);
    int y = ea_results_find_period(res, EA_ANNUAL, "2023");
    assert_int_equal(ea_target_evaluate_scope(t, res, d, y, e, &err), ENG_OK);
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

static void compute(const char *spec, double level, ea_places *p)
{
    const char *path = fixture_file(three);
    ea_target t;
    eng_error err = { { 0 } };
    assert_int_equal(ea_target_parse(spec, level, &t, &err), ENG_OK);
    ea_places_options opt = { .seed = -1, .threads = 2, .year = 2023, .target = &t };
    if (ea_places_compute(path, &opt, p, &err) != ENG_OK)
        fail_msg("%s: %s", spec, err.msg);
    remove(path);
}

/* n meets the target and n - 1 does not, in a separate whole run with only that department
 * changed; and the figures are the search's. */
static void check_answers(const char *spec, double level)
{
    ea_places p;
    compute(spec, level, &p);
    assert_int_equal(p.n, 3);
    const int now[] = { 10, 20, 30 };
    for (int d = 0; d < 3; d++) {
        const ea_places_row *r = &p.rows[d];
        print_message("%s: department %s, %d places now, %d needed (%.2f; %.2f with one less)\n",
                      spec, r->code, r->now, r->needed, r->at.mean, r->one_less.mean);
        assert_int_equal(r->now, now[d]);
        assert_true(r->needed > 0);
        int places[3] = { 10, 20, 30 };
        ea_target_eval at, less;
        places[d] = r->needed;
        evaluate(&p.target, places, d, &at);
        places[d] = r->needed - 1;
        evaluate(&p.target, places, d, &less);
        assert_true(at.met);
        assert_false(less.met);
        assert_abs(at.mean, r->at.mean, 1e-9);
        assert_abs(less.mean, r->one_less.mean, 1e-9);
        assert_abs(at.share, r->at.share, 1e-12);
    }
    assert_true(p.region_known);
    ea_places_clear(&p);
}

static void test_answers(void **state)
{
    (void)state;
    check_answers("mean_wait_days<=30", 0);
    check_answers("waiting<=3", 0.8);
}

/* The places of one department do not change another's figures at all: what lets one run of the
 * whole scenario try every department at its own number. */
static void test_departments_independent(void **state)
{
    (void)state;
    ea_target t;
    eng_error err;
    assert_int_equal(ea_target_parse("waiting<=3", 0, &t, &err), ENG_OK);
    const int a[] = { 10, 20, 30 }, b[] = { 10, 45, 30 };
    ea_target_eval ea, eb;
    evaluate(&t, a, 0, &ea);
    evaluate(&t, b, 0, &eb);
    assert_true(ea.mean == eb.mean && ea.share == eb.share);
    evaluate(&t, a, 2, &ea);
    evaluate(&t, b, 2, &eb);
    assert_true(ea.mean == eb.mean && ea.share == eb.share);
}

/* The region's row of places.csv is the sum of the departments' rows: places, change and cost (the
 * change × 4 300 € a place). */
static void test_region_sums(void **state)
{
    (void)state;
    ea_places p;
    compute("mean_wait_days<=30", 0, &p);
    eng_error err;
    char dir[] = "/tmp/test_ea_places_XXXXXX";
    assert_non_null(mkdtemp(dir));
    eng_out *out = eng_out_begin(dir, &err);
    assert_non_null(out);
    assert_int_equal(ea_places_write(&p, out, &eng_csv_standard, &err), ENG_OK);
    assert_int_equal(eng_out_finish(out, ENG_OK, &err), ENG_OK);
    char path[128];
    snprintf(path, sizeof path, "%s/places.csv", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "department,places_now,places_needed,change,cost_eur,value_at_answer,"
                              "value_one_less,share_at_answer,share_one_less,name\n");
    double sum[4] = { 0 }, region[4] = { 0 };
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        char code[16];
        double v[4];
        assert_int_equal(sscanf(line, "%15[^,],%lf,%lf,%lf,%lf", code, &v[0], &v[1], &v[2], &v[3]), 5);
        assert_abs(v[2], v[1] - v[0], 0);
        assert_abs(v[3], v[2] * 4300, 1e-6);
        for (int k = 0; k < 4; k++)
            *(strcmp(code, "region") == 0 ? &region[k] : &sum[k]) += v[k];
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 4);
    for (int k = 0; k < 4; k++)
        assert_abs(region[k], sum[k], 1e-6);
    remove(path);
    char manifest[128];
    snprintf(manifest, sizeof manifest, "%s/manifest.csv", dir);
    remove(manifest);
    rmdir(dir);
    ea_places_clear(&p);
}

/* A department that the bound does not let meet the target has no answer, and says so. */
static void test_not_met(void **state)
{
    (void)state;
    ea_places p;
    compute("09:mean_wait_days<=-1", 0, &p);
    assert_int_equal(p.rows[0].needed, -1);
    assert_int_equal(p.rows[0].bound, 48);   /* 24 months of 2 entries > 4 × 10 places */
    assert_false(p.region_known);
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    ea_places_print(&p, f);
    fclose(f);
    assert_non_null(strstr(buf, "09 09 : cible non atteinte même avec 48 places"));
    assert_null(strstr(buf, "31 31"));   /* only the target's department is searched */
    free(buf);
    ea_places_clear(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answers),
        cmocka_unit_test(test_departments_independent),
        cmocka_unit_test(test_region_sums),
        cmocka_unit_test(test_not_met),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
