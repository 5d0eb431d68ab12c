/* test_eng_dist.c — Unit tests of engine/eng_dist: parsing and its errors, sample and residual moments
 * against closed forms computed here independently, the ziggurat exponential, normal and the gamma
 * sampler against GSL's distribution functions, canonical text round trip, copy and clear. */
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "test_util.h"
#include "engine/eng_dist.h"
#include "engine/eng_stream.h"

enum { NDRAWS = 200000 };

/* One family under test, with its first three raw moments E[D], E[D^2], E[D^3] derived here from
 * the user parameters, without going through eng_dist's derived a, b. */
typedef struct moment_case {
    const char *text;
    double m1, m2, m3;
} moment_case;

static moment_case gamma_case(const char *text, double mean, double sd)
{
    double k = (mean / sd) * (mean / sd), theta = sd * sd / mean;
    return (moment_case){text, k * theta, k * (k + 1) * theta * theta,
                         k * (k + 1) * (k + 2) * theta * theta * theta};
}

static moment_case lognormal_case(const char *text, double mean, double sd)
{
    /* E[D^j] = exp(j mu + j^2 sigma^2 / 2). */
    double s2 = log(1.0 + sd * sd / (mean * mean)), mu = log(mean) - s2 / 2;
    return (moment_case){text, exp(mu + s2 / 2), exp(2 * mu + 2 * s2), exp(3 * mu + 4.5 * s2)};
}

static moment_case weibull_case(const char *text, double k, double lambda)
{
    /* E[D^j] = lambda^j Gamma(1 + j/k). */
    return (moment_case){text, lambda * gsl_sf_gamma(1 + 1 / k),
                         lambda * lambda * gsl_sf_gamma(1 + 2 / k),
                         lambda * lambda * lambda * gsl_sf_gamma(1 + 3 / k)};
}

static moment_case empirical_case(const char *text, const double *v, size_t n)
{
    double s1 = 0, s2 = 0, s3 = 0;
    for (size_t i = 0; i < n; i++) {
        s1 += v[i];
        s2 += v[i] * v[i];
        s3 += v[i] * v[i] * v[i];
    }
    return (moment_case){text, s1 / n, s2 / n, s3 / n};
}

/* Draws NDRAWS values and NDRAWS residual times with a fixed seed and checks, within 2 % (3 % for
 * the residual second moment): the mean E[D], the sd sqrt(E[D^2] - E[D]^2), the residual mean
 * E[D^2] / (2 E[D]) and the residual second moment E[D^3] / (3 E[D]).
 * Why 2 % and 3 %: with 200 000 draws the relative standard errors of these four estimates, from
 * the same closed-form moments, are at most 0.34 %, 0.53 %, 0.27 % and 0.71 % (the heavy-tailed
 * weibull(shape=0.7) and gamma(mean=2, sd=3) are the worst cases). So each bound is at least 3.8
 * standard errors, and a correct sampler fails one check with probability below 2e-4. The seed is
 * fixed, so the test is deterministic. */
static void check_moments(moment_case c)
{
    eng_dist d;
    eng_error err = {{0}};
    if (eng_dist_parse(c.text, &d, &err) != ENG_OK)
        fail_msg("%s: %s", c.text, err.msg);
    double mean = c.m1, sd = sqrt(c.m2 - c.m1 * c.m1);
    double res_mean = c.m2 / (2 * c.m1), res_m2 = c.m3 / (3 * c.m1);

    /* The closed forms are evaluated in another order here, so they agree to rounding only. The sd
     * comes from E[D^2] - E[D]^2, which loses a digit or so to cancellation, hence 1e-9. */
    assert_rel(eng_dist_mean(&d), mean, 1e-12);
    if (sd == 0)
        assert_abs(eng_dist_sd(&d), 0.0, 1e-12);
    else
        assert_rel(eng_dist_sd(&d), sd, 1e-9);

    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 20240521);
    double s1 = 0, s2 = 0, r1 = 0, r2 = 0, lo = HUGE_VAL;
    for (int i = 0; i < NDRAWS; i++) {
        double x = eng_dist_sample(&d, r);
        s1 += x;
        s2 += x * x;
        if (x < lo)
            lo = x;
        double y = eng_dist_sample_residual(&d, r);
        r1 += y;
        r2 += y * y;
        assert_true(y >= 0);
    }
    gsl_rng_free(r);
    double smean = s1 / NDRAWS, ssd = sqrt((s2 - s1 * s1 / NDRAWS) / (NDRAWS - 1));
    assert_true(lo >= 0);
    assert_rel(smean, mean, 0.02);
    /* A constant sample has sd 0 up to the rounding of the two running sums. */
    if (sd == 0)
        assert_abs(ssd, 0.0, 1e-9 * mean);
    else
        assert_rel(ssd, sd, 0.02);
    assert_rel(r1 / NDRAWS, res_mean, 0.02);
    assert_rel(r2 / NDRAWS, res_m2, 0.03);
    eng_dist_clear(&d);
}

static void test_exponential_moments(void **state)
{
    (void)state;
    /* E[D^j] = j! M^j; the residual is again exponential with mean M. */
    check_moments((moment_case){"exponential(mean=6)", 6, 2 * 36, 6 * 216});
}

static void test_gamma_moments(void **state)
{
    (void)state;
    moment_case c = gamma_case("gamma(mean=6, sd=3)", 6, 3);
    /* Residual mean (k + 1) theta / 2 with k = 4, theta = 1.5. */
    assert_rel(c.m2 / (2 * c.m1), 3.75, 1e-12);
    check_moments(c);
    check_moments(gamma_case("gamma(mean=2, sd=3)", 2, 3));   /* shape 4/9 < 1 */
}

static void test_lognormal_moments(void **state)
{
    (void)state;
    moment_case c = lognormal_case("lognormal(mean=6, sd=3)", 6, 3);
    assert_rel(c.m1, 6, 1e-12);
    assert_rel(c.m2, 45, 1e-12);
    check_moments(c);
}

static void test_weibull_moments(void **state)
{
    (void)state;
    check_moments(weibull_case("weibull(shape=1.5, scale=12)", 1.5, 12));
    check_moments(weibull_case("weibull(shape=0.7, scale=3)", 0.7, 3));
}

static void test_fixed_and_empirical_moments(void **state)
{
    (void)state;
    check_moments((moment_case){"fixed(3)", 3, 9, 27});
    /* A zero value and a repeated value: the residual must weight values by length, so 0 never
     * contributes and 2 counts twice. */
    const double v[] = {5, 1, 0, 2, 2};
    check_moments(empirical_case("empirical(5, 1, 0, 2, 2)", v, 5));
}

static void test_parse_accepts_blanks_case_and_order(void **state)
{
    (void)state;
    eng_dist d;
    eng_error err = {{0}};
    assert_int_equal(eng_dist_parse("  GaMMa ( SD = 3 ,MEAN=6 )  ", &d, &err), ENG_OK);
    assert_int_equal(d.kind, ENG_DIST_GAMMA);
    assert_true(d.p1 == 6 && d.p2 == 3);
    /* The derived parameters take one or two roundings: 1e-15 and 1e-14 are a few ulps. */
    assert_rel(d.a, 4.0, 1e-15);
    assert_rel(d.b, 1.5, 1e-15);

    assert_int_equal(eng_dist_parse("Weibull(scale=12,shape=1.5)", &d, &err), ENG_OK);
    assert_int_equal(d.kind, ENG_DIST_WEIBULL);
    assert_true(d.p1 == 1.5 && d.p2 == 12);

    assert_int_equal(eng_dist_parse("lognormal(mean=6, sd=3)", &d, &err), ENG_OK);
    assert_rel(d.b * d.b, log(1.25), 1e-14);
    assert_rel(d.a, log(6) - log(1.25) / 2, 1e-14);

    assert_int_equal(eng_dist_parse("\tfixed( 0 )\n", &d, &err), ENG_OK);
    assert_int_equal(d.kind, ENG_DIST_FIXED);
    assert_true(d.p1 == 0);

    assert_int_equal(eng_dist_parse("empirical( 4,1 , 2.5 )", &d, &err), ENG_OK);
    assert_int_equal(d.kind, ENG_DIST_EMPIRICAL);
    assert_int_equal(d.n, 3);
    assert_true(d.values[0] == 1 && d.values[1] == 2.5 && d.values[2] == 4);
    assert_true(d.cum[0] == 1 && d.cum[1] == 3.5 && d.cum[2] == 7.5);
    eng_dist_clear(&d);

    assert_int_equal(eng_dist_parse(" NONE ", &d, &err), ENG_OK);
    assert_int_equal(d.kind, ENG_DIST_NONE);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_true(isinf(eng_dist_sample(&d, r)) && eng_dist_sample(&d, r) > 0);
    assert_true(isinf(eng_dist_sample_residual(&d, r)));
    assert_true(isinf(eng_dist_mean(&d)));
    gsl_rng_free(r);
}

/* Parses text, expects ENG_EINPUT, an empty result, and each given fragment in the message. */
static void expect_error(const char *text, const char *frag1, const char *frag2)
{
    eng_dist d;
    eng_error err = {{0}};
    int status = eng_dist_parse(text, &d, &err);
    if (status != ENG_EINPUT)
        fail_msg("\"%s\": status %d, expected ENG_EINPUT", text, status);
    assert_int_equal(d.kind, ENG_DIST_NONE);
    assert_null(d.values);
    assert_null(d.cum);
    if (!strstr(err.msg, frag1) || (frag2 && !strstr(err.msg, frag2)))
        fail_msg("\"%s\": message \"%s\" lacks \"%s\"%s%s", text, err.msg, frag1,
                 frag2 ? " or " : "", frag2 ? frag2 : "");
}

static void test_parse_errors(void **state)
{
    (void)state;
    expect_error("gama(mean=6, sd=3)", "distribution inconnue « gama »",
                 "exponential, gamma, lognormal, weibull, fixed, empirical, none");
    expect_error("gamma(mean=6)", "paramètre sd manquant", "gamma(mean=M, sd=S)");
    expect_error("exponential(mean=-1)", "mean doit être > 0", "-1");
    expect_error("gamma(mean=6, sd=-1)", "gamma : sd doit être > 0, lu -1", NULL);
    expect_error("weibull(shape=0, scale=1)", "shape doit être > 0", NULL);
    expect_error("weibull(shape=1, scale=0)", "scale doit être > 0", NULL);
    expect_error("fixed(3) x", "texte inattendu « x » après « ) »", NULL);
    expect_error("fixed(3))", "après", NULL);
    expect_error("exponential(mean=abc)", "mean doit être un nombre", "« abc »");
    expect_error("empirical()", "au moins une valeur", NULL);
    expect_error("empirical(  )", "au moins une valeur", NULL);
    expect_error("empirical(1,,2)", "la valeur 2 est vide", NULL);
    expect_error("empirical(1, x)", "la valeur 2 doit être un nombre", "« x »");
    expect_error("empirical(1, -2)", "doivent être >= 0", "-2");
    expect_error("empirical(0, 0)", "toutes nulles", NULL);
    expect_error("fixed(-1)", "fixed : la valeur doit être >= 0", NULL);
    expect_error("fixed()", "attendu une seule valeur", NULL);
    expect_error("fixed(1, 2)", "attendu une seule valeur", NULL);
    expect_error("fixed(nan)", "doit être un nombre", NULL);
    expect_error("gamma(mean=6, sd=3, sd=2)", "sd donné deux fois", NULL);
    expect_error("gamma(mean=6, sdev=3)", "paramètre inconnu « sdev »", "mean et sd");
    expect_error("gamma(mean=6, 3)", "attendu nom=valeur", "« 3 »");
    expect_error("gamma(mean=6, sd=3,)", "paramètre vide", NULL);
    expect_error("gamma(mean=6, sd=3", "« ) » manquante", NULL);
    expect_error("gamma(mean=(6), sd=3)", "« ( » inattendue", NULL);
    expect_error("gamma mean=6", "attendu « ( »", NULL);
    expect_error("gamma(mean=1e200, sd=1e-200)", "hors du domaine utilisable", NULL);
    expect_error("", "distribution vide", NULL);
    expect_error("   ", "distribution vide", NULL);
    expect_error("(3)", "attendu un nom de distribution", NULL);
    expect_error("none(1)", "ne prend pas de paramètre", NULL);
}

/* format(parse(text)) must equal `canonical` (when not NULL), and parsing that text must give the
 * same bits. */
static void expect_round_trip(const char *text, const char *canonical)
{
    eng_dist d, e;
    eng_error err = {{0}};
    char buf[256], buf2[256];
    if (eng_dist_parse(text, &d, &err) != ENG_OK)
        fail_msg("%s: %s", text, err.msg);
    int len = eng_dist_format(&d, buf, sizeof buf);
    assert_int_equal(len, (int)strlen(buf));
    if (canonical)
        assert_string_equal(buf, canonical);
    if (eng_dist_parse(buf, &e, &err) != ENG_OK)
        fail_msg("%s: %s", buf, err.msg);
    assert_int_equal(e.kind, d.kind);
    assert_memory_equal(&e.p1, &d.p1, sizeof d.p1);
    assert_memory_equal(&e.p2, &d.p2, sizeof d.p2);
    assert_memory_equal(&e.a, &d.a, sizeof d.a);
    assert_memory_equal(&e.b, &d.b, sizeof d.b);
    assert_int_equal(e.n, d.n);
    if (d.n > 0) {
        assert_memory_equal(e.values, d.values, d.n * sizeof *d.values);
        assert_memory_equal(e.cum, d.cum, d.n * sizeof *d.cum);
    }
    eng_dist_format(&e, buf2, sizeof buf2);
    assert_string_equal(buf2, buf);
    eng_dist_clear(&d);
    eng_dist_clear(&e);
}

static void test_format_round_trip(void **state)
{
    (void)state;
    expect_round_trip("exponential( mean = 6.0 )", "exponential(mean=6)");
    expect_round_trip("GAMMA(sd=3, mean=6)", "gamma(mean=6, sd=3)");
    expect_round_trip("lognormal(mean=6, sd=3)", "lognormal(mean=6, sd=3)");
    expect_round_trip("weibull(scale=12, shape=1.50)", "weibull(shape=1.5, scale=12)");
    expect_round_trip("fixed(3)", "fixed(3)");
    expect_round_trip("empirical(5, 1, 2)", "empirical(1, 2, 5)");
    expect_round_trip("none", "none");
    expect_round_trip("gamma(mean=0.1, sd=0.30000000000000004)",
                      "gamma(mean=0.1, sd=0.30000000000000004)");
    expect_round_trip("exponential(mean=0.33333333333333331)",
                      "exponential(mean=0.3333333333333333)");
    expect_round_trip("lognormal(mean=1e-3, sd=3e-7)", "lognormal(mean=0.001, sd=3e-07)");
    /* Large values: the exact spelling belongs to eng_text_format_double (tested in test_eng_text); here
     * only the bitwise round trip matters. */
    expect_round_trip("lognormal(mean=1e-3, sd=2.5e10)", NULL);
    expect_round_trip("empirical(2773500, 4300, 0.1, 0, 1e300)", NULL);

    /* Like snprintf: the full length is returned and what fits is NUL-terminated. */
    eng_dist d;
    eng_error err = {{0}};
    char small[5];
    assert_int_equal(eng_dist_parse("gamma(mean=6, sd=3)", &d, &err), ENG_OK);
    assert_int_equal(eng_dist_format(&d, small, sizeof small), 19);
    assert_string_equal(small, "gamm");
    assert_int_equal(eng_dist_format(&d, NULL, 0), 19);
}

static void test_copy_and_clear(void **state)
{
    (void)state;
    eng_dist src, dst;
    eng_error err = {{0}};
    assert_int_equal(eng_dist_parse("empirical(3, 1, 2)", &src, &err), ENG_OK);
    assert_int_equal(eng_dist_copy(&dst, &src, &err), ENG_OK);
    assert_ptr_not_equal(dst.values, src.values);
    assert_ptr_not_equal(dst.cum, src.cum);
    eng_dist_clear(&src);
    assert_int_equal(src.kind, ENG_DIST_NONE);
    assert_null(src.values);
    assert_null(src.cum);
    assert_int_equal(src.n, 0);
    /* The copy owns its arrays and survives the source being cleared. */
    assert_int_equal(dst.n, 3);
    assert_true(dst.values[0] == 1 && dst.values[2] == 3 && dst.cum[2] == 6);
    assert_rel(eng_dist_mean(&dst), 2.0, 1e-15);
    eng_dist_clear(&dst);

    assert_int_equal(eng_dist_parse("gamma(mean=6, sd=3)", &src, &err), ENG_OK);
    assert_int_equal(eng_dist_copy(&dst, &src, &err), ENG_OK);
    assert_int_equal(dst.kind, ENG_DIST_GAMMA);
    assert_true(dst.p1 == src.p1 && dst.p2 == src.p2 && dst.a == src.a && dst.b == src.b);
    assert_null(dst.values);
    eng_dist_clear(&dst);
    assert_int_equal(dst.kind, ENG_DIST_NONE);
    eng_dist_clear(NULL);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Kolmogorov-Smirnov distance between the n values x (sorted here) and the law whose CDF is
 * cdf(x, p, q). */
static double ks_distance(double *x, int n, double (*cdf)(double, double, double), double p, double q)
{
    qsort(x, (size_t)n, sizeof *x, cmp_double);
    double d = 0;
    for (int i = 0; i < n; i++) {
        double f = cdf(x[i], p, q);
        d = fmax(d, fmax(f - (double)i / n, (double)(i + 1) / n - f));
    }
    return d;
}

static double exponential_cdf(double x, double mean, double unused)
{
    (void)unused;
    return 1 - exp(-x / mean);
}

static double normal_cdf(double x, double zeta, double sigma)
{
    return gsl_cdf_ugaussian_P((log(x) - zeta) / sigma);
}

static double gamma_cdf(double x, double shape, double scale)
{
    return gsl_cdf_gamma_P(x, shape, scale);
}

/* The ziggurat exponential against the exact law: Kolmogorov-Smirnov distance of a million draws
 * below the 1 % critical value 1.628 / sqrt(n), the tail beyond the ziggurat's last layer (x > 8)
 * at its exact probability exp(-8), and E[X^2] = 2; with both generators the model uses. */
static void test_ziggurat_exponential(void **state)
{
    (void)state;
    enum { N = 1000000 };
    double *x = malloc(N * sizeof *x);
    assert_non_null(x);
    const gsl_rng_type *types[] = { gsl_rng_mt19937, eng_stream_type };
    for (int g = 0; g < 2; g++) {
        gsl_rng *r = gsl_rng_alloc(types[g]);
        gsl_rng_set(r, 2024);
        double m2 = 0;
        long tail = 0;
        for (int i = 0; i < N; i++) {
            x[i] = eng_dist_exponential(r);
            assert_true(x[i] >= 0);
            m2 += x[i] * x[i];
            tail += x[i] > 8;
        }
        double d = ks_distance(x, N, exponential_cdf, 1, 0);
        print_message("%s: KS distance %.5f (critical %.5f), P(X > 8) = %.3g (exact %.3g)\n",
                      gsl_rng_name(r), d, 1.628 / sqrt(N), (double)tail / N, exp(-8));
        assert_true(d < 1.628 / sqrt(N));
        /* Binomial(N, e^-8): mean 335, sd 18. */
        assert_true(fabs(tail - N * exp(-8)) < 5 * sqrt(N * exp(-8)));
        /* X^2 has variance E[X^4] - 4 = 20, so the mean of 10^6 squares has standard error
         * 0.0045 (0.22 %): 1 % is 4.5 standard errors. */
        assert_rel(m2 / N, 2.0, 0.01);
        gsl_rng_free(r);
    }
    free(x);
}

/* The normal ziggurat (through lognormal durations) and the gamma sampler against the exact laws
 * of GSL's distribution functions: Kolmogorov-Smirnov distance of a million draws below the 1 %
 * critical value 1.628 / sqrt(n), with both generators the model uses; and the normal's tail
 * beyond the ziggurat's base layer (|Z| > 3.4426, drawn by a separate method) at its exact
 * probability 2 (1 - Phi(3.4426)) = 5.76e-4, within 5 binomial standard deviations. The gamma's
 * shapes are 4 (the squeeze and its log test) and 4/9 (below 1: the U^(1/a) step). */
static void test_normal_and_gamma_laws(void **state)
{
    (void)state;
    enum { N = 1000000 };
    double *x = malloc(N * sizeof *x);
    assert_non_null(x);
    const gsl_rng_type *types[] = { gsl_rng_mt19937, eng_stream_type };
    for (int g = 0; g < 2; g++) {
        gsl_rng *r = gsl_rng_alloc(types[g]);
        gsl_rng_set(r, 77);
        eng_dist d;
        eng_error err = {{0}};
        assert_int_equal(eng_dist_parse("lognormal(mean=6, sd=3)", &d, &err), ENG_OK);
        double sigma = sqrt(log(1 + 9.0 / 36)), zeta = log(6.0) - sigma * sigma / 2, R = 3.442619855899;
        long tail = 0;
        for (int i = 0; i < N; i++) {
            x[i] = eng_dist_sample(&d, r);
            tail += fabs(log(x[i]) - zeta) / sigma > R;
        }
        double dist = ks_distance(x, N, normal_cdf, zeta, sigma);
        double p_tail = 2 * gsl_cdf_ugaussian_Q(R);
        print_message("%s: normal KS %.5f (critical %.5f), tail %ld (expected %.0f)\n",
                      gsl_rng_name(r), dist, 1.628 / sqrt(N), tail, N * p_tail);
        assert_true(dist < 1.628 / sqrt(N));
        assert_true(fabs(tail - N * p_tail) < 5 * sqrt(N * p_tail));
        static const char *const gammas[] = { "gamma(mean=6, sd=3)", "gamma(mean=2, sd=3)" };
        for (int k = 0; k < 2; k++) {
            assert_int_equal(eng_dist_parse(gammas[k], &d, &err), ENG_OK);
            double mean = eng_dist_mean(&d), sd = eng_dist_sd(&d);
            double shape = mean * mean / (sd * sd), scale = sd * sd / mean;
            for (int i = 0; i < N; i++)
                x[i] = eng_dist_sample(&d, r);
            dist = ks_distance(x, N, gamma_cdf, shape, scale);
            print_message("%s: %s KS %.5f\n", gsl_rng_name(r), gammas[k], dist);
            assert_true(dist < 1.628 / sqrt(N));
        }
        eng_dist_clear(&d);
        gsl_rng_free(r);
    }
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ziggurat_exponential),
        cmocka_unit_test(test_normal_and_gamma_laws),
        cmocka_unit_test(test_exponential_moments),
        cmocka_unit_test(test_gamma_moments),
        cmocka_unit_test(test_lognormal_moments),
        cmocka_unit_test(test_weibull_moments),
        cmocka_unit_test(test_fixed_and_empirical_moments),
        cmocka_unit_test(test_parse_accepts_blanks_case_and_order),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_format_round_trip),
        cmocka_unit_test(test_copy_and_clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
