/* test_ea_sensitivity.c — Sensitivity of a scenario whose outcome depends on one parameter only:
 * the entry rate is active, the intensity and an exit share of a module nobody reaches are inert;
 * the inert ones' total index is 0 within its interval and the active one's near 1; no value
 * leaves its domain; the tornado's ends equal plain simulations at the rate's 5 % and 95 %
 * quantiles; the same seed gives byte-identical tables on 1 and 2 threads; the outcome's errors
 * are told in French. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/eng_msg.h"
#include "engine/eng_out.h"
#include "models/ea_sensitivity.h"
#include "models/ea_simulate.h"
#include "models/ea_sensitivity_write.h"

static const char text[] = FIXTURE_ONE_ACTIVE;   /* the rate alone moves the caseload */

/* The mean caseload at the end of 2021 over the fixture's replications (6, seed 3) with the entry
 * rate set to `rate`, by a plain simulation of the scenario: what the tornado's end must be (the
 * other parameters at their medians change no caseload: the intensity counts hours, not places,
 * and nobody reaches the module projet). */
static double caseload_at_rate(double rate)
{
    static const char old[] = "per_month = 6\n";
    char buf[2048];
    const char *at = strstr(text, old);
    assert_non_null(at);
    snprintf(buf, sizeof buf, "%.*sper_month = %.17g\n%s", (int)(at - text), text, rate,
             at + strlen(old));
    ea_scenario sc;
    fixture_load(buf, &sc);
    ea_results *res = NULL;
    eng_error err;
    assert_int_equal(ea_simulate_run(&sc, &(ea_simulate_options){ .threads = 1 }, &res, &err), ENG_OK);
    int fa = ea_indicators_find(ea_results_indicators(res), "file_active");
    int year = ea_results_find_period(res, EA_ANNUAL, "2021");
    int region = ea_results_find_scope(res, "region");
    double sum = 0;
    size_t n = ea_results_nreps(res);
    assert_int_equal(n, 6);
    for (size_t r = 0; r < n; r++)
        sum += ea_results_value(res, EA_ANNUAL, region, year, fa, r);
    ea_results_free(res);
    ea_scenario_clear(&sc);
    return sum / (double)n;
}

static void compute(const char *path, int threads, ea_sensitivity *s)
{
    ea_sensitivity_outcome o;
    eng_error err;
    assert_int_equal(ea_sensitivity_outcome_parse("file_active@2021", &o, &err), ENG_OK);
    ea_sensitivity_options opt = { .replications = -1, .seed = -1, .threads = threads, .points = 48 };
    int status = ea_sensitivity_compute(path, &o, 1, &opt, s, &err);
    if (status != ENG_OK)
        fail_msg("%s", err.msg);
}

static void test_one_active(void **state)
{
    (void)state;
    const char *path = fixture_file(text);
    ea_sensitivity s;
    compute(path, 1, &s);
    remove(path);
    assert_int_equal(s.u.n, 3);
    assert_int_equal(s.npoints, 48 * 5 + 10 * 4 + 7);
    assert_int_equal(s.outside, 0);
    for (int i = 0; i < s.u.n; i++) {
        const ea_sensitivity_index_estimate *first = ea_sensitivity_get(&s, 0, i, EA_SENS_FIRST);
        const ea_sensitivity_index_estimate *total = ea_sensitivity_get(&s, 0, i, EA_SENS_TOTAL);
        const ea_sensitivity_index_estimate *mu = ea_sensitivity_get(&s, 0, i, EA_SENS_MU_STAR);
        if (i == 1) {   /* the entry rate: all the variance */
            assert_true(total->estimate > 0.95 && total->lower95 <= total->estimate &&
                        total->upper95 >= total->estimate);
            assert_true(first->estimate > 0.95);
            assert_true(mu->estimate > 0);
        } else {        /* inert: 0, its interval at 0 */
            assert_true(total->estimate == 0 && total->lower95 <= 0 && total->upper95 >= 0);
            assert_true(first->estimate == 0 && mu->estimate == 0);
            assert_true(ea_sensitivity_get(&s, 0, i, EA_SENS_LOW)->estimate ==
                        ea_sensitivity_get(&s, 0, i, EA_SENS_HIGH)->estimate);
        }
    }
    /* The tornado of the rate runs from the caseload at its 5 % quantile to that at its 95 %: for
     * triangular(3, 6, 10), 3 + sqrt(0.05 x 7 x 3) and 10 - sqrt(0.05 x 7 x 4), each simulated
     * here with the same seed and replications. */
    double low = ea_sensitivity_get(&s, 0, 1, EA_SENS_LOW)->estimate;
    double high = ea_sensitivity_get(&s, 0, 1, EA_SENS_HIGH)->estimate;
    assert_abs(low, caseload_at_rate(3 + sqrt(0.05 * 7 * 3)), 1e-9 * fabs(low));
    assert_abs(high, caseload_at_rate(10 - sqrt(0.05 * 7 * 4)), 1e-9 * fabs(high));
    print_message("tornado of the rate: %.6g to %.6g persons\n", low, high);
    assert_true(high > low);
    /* The terminal names the parameters in words, as the charts do. With 48 points the rate's
     * first-order interval reaches above 1, which a share of variance cannot: the summary says
     * the points were too few. */
    char *printed = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&printed, &size);
    ea_sensitivity_write_summary(&s, f);
    fclose(f);
    assert_true(ea_sensitivity_get(&s, 0, 1, EA_SENS_FIRST)->upper95 > 1.05);
    assert_non_null(strstr(printed, "  prescriptions par mois "));
    assert_non_null(strstr(printed, "Attention : avec 48 points de Saltelli, ces indices sont trop "
                                    "imprécis pour file_active@2021"));
    free(printed);
    ea_sensitivity_clear(&s);
}

/* Writes sensitivity.csv of s into a new directory under base and returns its content. */
static char *table(const ea_sensitivity *s, const char *dir)
{
    eng_error err;
    eng_out *out = eng_out_begin(dir, &err);
    assert_non_null(out);
    int status = ea_sensitivity_write_csv(s, out, &eng_csv_standard, &err);
    assert_int_equal(eng_out_finish(out, status, &err), ENG_OK);
    char path[256];
    snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
    size_t len;
    char *content = test_slurp(path, &len);
    assert_non_null(content);
    remove(path);
    rmdir(dir);
    return content;
}

static void test_threads(void **state)
{
    (void)state;
    const char *path = fixture_file(text);
    ea_sensitivity one, two;
    compute(path, 1, &one);
    compute(path, 2, &two);
    remove(path);
    char d1[] = "/tmp/eaflow-sens-XXXXXX", d2[] = "/tmp/eaflow-sens-XXXXXX";
    assert_non_null(mkdtemp(d1));
    assert_non_null(mkdtemp(d2));
    char *a = table(&one, d1), *b = table(&two, d2);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "outcome,parameter,method,index,estimate,lower95,upper95\n"));
    assert_non_null(strstr(a, "file_active@2021,platform.entries_per_month,sobol,total,"));
    free(a);
    free(b);
    ea_sensitivity_clear(&one);
    ea_sensitivity_clear(&two);
}

static void test_outcome_errors(void **state)
{
    (void)state;
    ea_sensitivity_outcome o;
    eng_error err;
    assert_int_equal(ea_sensitivity_outcome_parse("31:waiting@2026", &o, &err), ENG_OK);
    assert_string_equal(o.scope, "31");
    assert_string_equal(o.indicator, "waiting");
    assert_string_equal(o.year, "2026");
    assert_int_equal(ea_sensitivity_outcome_parse("waiting@26", &o, &err), ENG_EINPUT);
    assert_substring(err.msg, "attendu INDICATEUR[@ANNÉE] ou CODE:INDICATEUR[@ANNÉE]");
    const char *path = fixture_file(text);
    assert_int_equal(ea_sensitivity_outcome_parse("file_actif@2021", &o, &err), ENG_OK);
    ea_sensitivity s;
    ea_sensitivity_options opt = { .replications = 2, .seed = -1, .threads = 1, .points = 4 };
    assert_int_equal(ea_sensitivity_compute(path, &o, 1, &opt, &s, &err), ENG_EINPUT);
    assert_substring(err.msg, "indicateur inconnu « file_actif »");
    assert_int_equal(ea_sensitivity_outcome_parse("file_active@2030", &o, &err), ENG_OK);
    assert_int_equal(ea_sensitivity_compute(path, &o, 1, &opt, &s, &err), ENG_EINPUT);
    assert_substring(err.msg, "l'année 2030 n'est pas simulée ; donnez une année de 2020 à 2021");
    eng_msg_set_lang(ENG_MSG_EN);
    assert_int_equal(ea_sensitivity_compute(path, &o, 1, &opt, &s, &err), ENG_EINPUT);
    eng_msg_set_lang(ENG_MSG_FR);
    assert_substring(err.msg, "the year 2030 is not simulated");
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_active),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_outcome_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
