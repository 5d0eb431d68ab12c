/* test_ea_uncertainty.c — The [uncertainty] section: its laws read and checked (the errors a user
 * can make, in French with the place and the fix), their quantiles inside the domain, the Latin
 * hypercube's strata, and the variance split against known answers: a two-way layout computed by
 * hand, and a scenario whose only law is inert (no parameter variance; the noise is the plain
 * simulate's sd²). */
#include "test_util.h"
#include "scenario_fixture.h"

#include "engine/eng_msg.h"
#include "models/ea_simulate.h"
#include "models/ea_uncertainty.h"
#include "models/ea_uncertainty_split.h"

/* One platform entering `rate` a month into recherche, then out; the [uncertainty] lines after. */
static const char *scenario(const char *uncertainty, char *buf, size_t size)
{
    snprintf(buf, size,
             "[scenario]\nstart = 2020-01\nmonths = 24\nreplications = 8\nseed = 5\n"
             "[entries]\nper_month = 6\nmix = recherche:1\n"
             "[platform]\nplaces = 1000\ninitial_file_active = 0\n"
             "[module.recherche]\nduration = gamma(mean=6, sd=3)\nintensity = 4\n"
             "next = exit.emploi_durable:0.6, exit.abandon:0.4\n"
             "[uncertainty]\n%s", uncertainty);
    return buf;
}

/* Reads the section of a scenario with the given lines; returns the status, the message in err. */
static int read_laws(const char *lines, ea_uncertainty *u, eng_error *err)
{
    char text[2048];
    const char *path = fixture_file(scenario(lines, text, sizeof text));
    eng_ini *ini = eng_ini_load(path, err);
    assert_non_null(ini);
    int status = ea_uncertainty_read(ini, path, u, err);
    eng_ini_free(ini);
    remove(path);
    return status;
}

static void test_laws(void **state)
{
    (void)state;
    ea_uncertainty u;
    eng_error err;
    assert_int_equal(read_laws("module.recherche.duration.mean = triangular(4, 6, 9)\n"
                               "platform.entries_per_month = 3:9\n"
                               "module.recherche.next.exit.emploi_durable = normal(0.6, 0.3)\n", &u, &err),
                     ENG_OK);
    assert_int_equal(u.n, 3);
    assert_int_equal(u.p[0].law, EA_LAW_TRIANGULAR);
    assert_int_equal(u.p[1].law, EA_LAW_UNIFORM);
    /* Quantiles by hand: the triangular's median, mode at 2/5 of [4, 9]: 9 - sqrt(0.5 × 5 × 3). */
    assert_abs(ea_uncertainty_quantile(&u.p[0], 0.5), 9 - sqrt(7.5), 1e-12);
    assert_abs(ea_uncertainty_quantile(&u.p[1], 0.25), 4.5, 1e-12);
    /* The normal share is truncated to [0, 1]: every quantile inside, the median above the mean's
     * side that is cut more (1 is nearer than 0). */
    for (double q = 0; q <= 1; q += 0.01) {
        double x = ea_uncertainty_quantile(&u.p[2], q);
        assert_true(x >= 0 && x <= 1);
    }
    assert_true(ea_uncertainty_quantile(&u.p[2], 0.5) < 0.6);
}

/* An estimate with its 95 % interval as a law: x ± 1.959964 sd gives back the interval; an
 * asymmetric one takes the mean of its two half-widths (2 and 4: sd 3 / 1.959964); an interval
 * that does not hold the estimate, or is empty or infinite, gives none. */
static void test_interval_law(void **state)
{
    (void)state;
    char buf[96];
    assert_true(ea_uncertainty_interval_law(10, 10 - 1.959964, 10 + 1.959964, buf, sizeof buf));
    assert_string_equal(buf, "normal(10, 1)");
    assert_true(ea_uncertainty_interval_law(6, 4, 10, buf, sizeof buf));
    assert_string_equal(buf, "normal(6, 1.53064)");
    assert_false(ea_uncertainty_interval_law(3, 4, 10, buf, sizeof buf));
    assert_false(ea_uncertainty_interval_law(4, 4, 4, buf, sizeof buf));
    assert_false(ea_uncertainty_interval_law(4, NAN, 5, buf, sizeof buf));
    /* The text is a law the section reads. */
    ea_uncertainty u;
    eng_error err;
    assert_int_equal(read_laws("module.recherche.duration.mean = normal(6, 1.53064)\n", &u, &err), ENG_OK);
    assert_int_equal(u.p[0].law, EA_LAW_NORMAL);
    assert_abs(u.p[0].b, 3 / 1.959964, 1e-5);
}

static void test_errors(void **state)
{
    (void)state;
    ea_uncertainty u;
    eng_error err;
    assert_int_equal(read_laws("module.recherche.intensiti = 2:5\n", &u, &err), ENG_EINPUT);
    assert_substring(err.msg, "ligne 17, [uncertainty] clé « module.recherche.intensiti »");
    assert_substring(err.msg, "vouliez-vous dire « module.recherche.intensity » ?");
    assert_int_equal(read_laws("platform.entries_per_month = uniform(9, 3)\n", &u, &err), ENG_EINPUT);
    assert_substring(err.msg, "la borne basse doit être sous la haute");
    assert_int_equal(read_laws("module.recherche.duration.mean = uniform(-1, 3)\n", &u, &err), ENG_EINPUT);
    assert_substring(err.msg, "sort du domaine de la clé, de 0,03 (inclus) à 1 200");
    assert_int_equal(read_laws("module.recherche.next.exit.emploi_durable = 0.5:1.2\n", &u, &err),
                     ENG_EINPUT);
    assert_substring(err.msg, "une part est une probabilité : la loi doit rester de 0 à 1");
    assert_int_equal(read_laws("platform.entries_per_month = triangular(1, 9, 5)\n", &u, &err), ENG_EINPUT);
    assert_substring(err.msg, "le mode doit être entre les bornes");
    assert_int_equal(read_laws("platform.entries_per_month = beta(1, 2)\n", &u, &err), ENG_EINPUT);
    assert_substring(err.msg, "loi « beta(1, 2) » inconnue");
    assert_int_equal(read_laws("platform.entries_per_month = normal(5, 0)\n", &u, &err), ENG_EINPUT);
    assert_substring(err.msg, "écart-type");
    eng_msg_set_lang(ENG_MSG_EN);
    assert_int_equal(read_laws("platform.entries_per_month = uniform(9, 3)\n", &u, &err), ENG_EINPUT);
    assert_substring(err.msg, "lower bound must be below the upper");
    eng_msg_set_lang(ENG_MSG_FR);
}

/* The scenario reader passes over [uncertainty]; a scenario without the key of a law is told. */
static void test_scenario(void **state)
{
    (void)state;
    char text[2048];
    ea_scenario sc;
    fixture_load(scenario("department.31.entries_per_month = uniform(1, 2)\n", text, sizeof text), &sc);
    ea_scenario_clear(&sc);
    const char *path = fixture_file(text);
    eng_ini *ini = NULL;
    ea_uncertainty u;
    long reps;
    unsigned long seed;
    eng_error err;
    assert_int_equal(ea_uncertainty_load(path, -1, -1, &ini, &u, &reps, &seed, &err), ENG_EINPUT);
    assert_substring(err.msg, "[uncertainty] clé « department.31.entries_per_month »");
    eng_ini_free(ini);
    remove(path);
}

/* The shipped example reads and checks: four laws, each around the value occitanie-2022.ini
 * gives (8 months of recherche, 5 of projet, 0.55 to maintien, 6 hours of evaluation), the
 * scenario's replications and seed. */
static void test_shipped_example(void **state)
{
    (void)state;
    eng_ini *ini = NULL;
    ea_uncertainty u;
    long reps;
    unsigned long seed;
    eng_error err;
    int status = ea_uncertainty_load("scenarios/occitanie-2022-uncertainty.ini", -1, -1, &ini, &u,
                                     &reps, &seed, &err);
    if (status != ENG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(u.n, 4);
    assert_int_equal(reps, 200);
    assert_int_equal(seed, 2022);
    static const double centre[] = { 8, 5, 0.55, 6 };
    for (int k = 0; k < 4; k++)
        assert_true(u.p[k].lo < centre[k] && centre[k] < u.p[k].hi);
    eng_ini_free(ini);
}

/* Each dimension of the hypercube puts exactly one point in each of its n strata. */
static void test_lhs(void **state)
{
    (void)state;
    enum { N = 17, K = 3 };
    int seen[K][N] = { { 0 } };
    for (int i = 0; i < N; i++) {
        double q[K], again[K];
        ea_uncertainty_lhs_row(N, K, 9, i, q);
        ea_uncertainty_lhs_row(N, K, 9, i, again);
        for (int d = 0; d < K; d++) {
            assert_true(q[d] >= 0 && q[d] < 1 && q[d] == again[d]);
            seen[d][(int)(q[d] * N)]++;
        }
    }
    for (int d = 0; d < K; d++)
        for (int j = 0; j < N; j++)
            assert_int_equal(seen[d][j], 1);
}

/* y_ir = a_i + b_r + e_ir with the a, b, e below: the split by hand. */
static void test_split_by_hand(void **state)
{
    (void)state;
    enum { N = 3, R = 4 };
    const double a[N] = { 0, 3, 6 }, b[R] = { -1, 0, 1, 4 };
    double y[N * R];
    for (int i = 0; i < N; i++)
        for (int r = 0; r < R; r++)
            y[i * R + r] = 10 + a[i] + b[r];
    ea_uncertainty_split_row row;
    ea_uncertainty_split_series(y, N, R, &row);
    /* Without interaction, MS_interaction is 0: the parameter variance is that of a (divisor
     * N - 1: 9), the noise that of b (divisor R - 1: mean 1, squares 4 + 1 + 0 + 9 = 14, / 3). */
    assert_abs(row.var_parameter, 9, 1e-12);
    assert_abs(row.var_noise, 14.0 / 3, 1e-12);
    assert_abs(row.mean, 10 + 3 + 1, 1e-12);
    assert_abs(row.share_parameter, 9 / (9 + 14.0 / 3), 1e-12);
}

/* An intensity changes no count: with it the only law, every point gives the same counts, so
 * the parameter variance is 0 and the noise is the plain run's sd² at every point. */
static void test_split_inert(void **state)
{
    (void)state;
    char text[2048];
    const char *path = fixture_file(scenario("module.recherche.intensity = uniform(2, 8)\n", text,
                                             sizeof text));
    ea_uncertainty_split s;
    eng_error err;
    ea_uncertainty_split_options opt = { .replications = -1, .seed = -1, .threads = 1, .points = 5 };
    assert_int_equal(ea_uncertainty_split_compute(path, &opt, &s, &err), ENG_OK);
    ea_scenario sc;
    fixture_load_file(path, &sc);
    ea_results *plain = NULL;
    assert_int_equal(ea_simulate_run(&sc, &(ea_simulate_options){ .threads = 1 }, &plain, &err), ENG_OK);
    int fa = ea_indicators_find(ea_results_indicators(plain), "file_active");
    int checked = 0;
    for (int v = 0; v < s.nrows; v++) {
        const ea_uncertainty_split_row *row = &s.rows[v];
        if (row->ind != fa)
            continue;
        const eng_stats_summary *sum = ea_results_summary(plain, EA_ANNUAL, row->scope, row->period, fa);
        assert_abs(row->var_parameter, 0, 1e-12);
        assert_rel(row->var_noise, sum->sd * sum->sd, 1e-9);
        assert_abs(row->mean, sum->mean, 1e-9);
        checked++;
    }
    assert_int_equal(checked, 2);
    assert_int_equal(s.outside, 0);
    /* For people, each figure in its unit: money in euros, the occupancy as a percentage, the
     * funding of a fixed number of places the same at both ends of its band. */
    char *printed = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&printed, &size);
    ea_uncertainty_split_print(&s, f);
    fclose(f);
    assert_non_null(strstr(printed, " €  ["));
    assert_non_null(strstr(printed, " € ; "));
    assert_non_null(strstr(printed, " %  ["));
    free(printed);
    ea_results_free(plain);
    ea_scenario_clear(&sc);
    ea_uncertainty_split_clear(&s);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_laws),
        cmocka_unit_test(test_interval_law),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_scenario),
        cmocka_unit_test(test_lhs),
        cmocka_unit_test(test_shipped_example),
        cmocka_unit_test(test_split_by_hand),
        cmocka_unit_test(test_split_inert),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
