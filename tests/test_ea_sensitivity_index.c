/* test_ea_sensitivity_index.c — The estimators on functions of known indices: an additive linear
 * function (first = total = a_i² / Σ a_j²), the Ishigami function (its published indices), and
 * Morris's effects of a linear function (mu_star = |a_i|, sigma = 0). */
#include "test_util.h"

#include "models/ea_sensitivity_index.h"

#define PI 3.14159265358979323846

#define N 2048
#define K 3

/* Asserts the estimate lies in its interval and within tol of the truth. */
static void assert_estimate(const ea_sensitivity_index_estimate *e, double truth, double tol)
{
    assert_true(e->estimate >= e->lower95 && e->estimate <= e->upper95);
    assert_abs(e->estimate, truth, tol);
}

typedef double (*fn)(const double *u);

/* Runs Saltelli's design on f and Jansen's estimators for every parameter. */
static void indices(fn f, ea_sensitivity_index_estimate *first, ea_sensitivity_index_estimate *total)
{
    static double a[N * K], b[N * K], fa[N], fb[N], fab[N];
    eng_error err;
    assert_int_equal(ea_sensitivity_index_saltelli(N, K, a, b, &err), ENG_OK);
    for (int j = 0; j < N; j++) {
        fa[j] = f(a + j * K);
        fb[j] = f(b + j * K);
    }
    for (int i = 0; i < K; i++) {
        double row[K];
        for (int j = 0; j < N; j++) {
            ea_sensitivity_index_saltelli_row(a, b, K, i, j, row);
            fab[j] = f(row);
        }
        ea_sensitivity_index_sobol(fa, fb, fab, N, 7, &first[i], &total[i]);
    }
}

static const double coef[K] = { 1, 2, 3 };

static double linear(const double *u)
{
    return coef[0] * u[0] + coef[1] * u[1] + coef[2] * u[2];
}

static void test_linear(void **state)
{
    (void)state;
    ea_sensitivity_index_estimate first[K], total[K];
    indices(linear, first, total);
    for (int i = 0; i < K; i++) {
        double truth = coef[i] * coef[i] / 14.0;   /* 1 + 4 + 9 */
        assert_estimate(&first[i], truth, 0.03);
        assert_estimate(&total[i], truth, 0.03);
    }
}

/* Ishigami and Homma (1990) with a = 7, b = 0.1 on [-π, π]³. */
static double ishigami(const double *u)
{
    double x1 = -PI + 2 * PI * u[0], x2 = -PI + 2 * PI * u[1], x3 = -PI + 2 * PI * u[2];
    return sin(x1) + 7 * sin(x2) * sin(x2) + 0.1 * pow(x3, 4) * sin(x1);
}

static void test_ishigami(void **state)
{
    (void)state;
    /* The published values (Sobol' and Levitan 1999; Saltelli et al. 2010): V = 13.8446. */
    const double s[K] = { 0.3139, 0.4424, 0.0 }, st[K] = { 0.5576, 0.4424, 0.2437 };
    ea_sensitivity_index_estimate first[K], total[K];
    indices(ishigami, first, total);
    for (int i = 0; i < K; i++) {
        assert_estimate(&first[i], s[i], 0.05);
        assert_estimate(&total[i], st[i], 0.05);
    }
}

static double constant(const double *u)
{
    (void)u;
    return 4.2;
}

static void test_constant(void **state)
{
    (void)state;
    ea_sensitivity_index_estimate first[K], total[K];
    indices(constant, first, total);
    for (int i = 0; i < K; i++) {
        assert_true(first[i].estimate == 0 && total[i].estimate == 0);
        assert_true(total[i].lower95 == 0 && total[i].upper95 == 0);
    }
}

static void test_morris(void **state)
{
    (void)state;
    enum { R = 12 };
    double x[R * (K + 1) * K], f[R * (K + 1)];
    int moved[R * K];
    ea_sensitivity_index_morris_design(R, K, 3, x, moved);
    for (int p = 0; p < R * (K + 1); p++) {
        for (int i = 0; i < K; i++)
            assert_true(x[p * K + i] >= 0 && x[p * K + i] <= 1 + 1e-12);
        f[p] = linear(x + p * K);
    }
    ea_sensitivity_index_estimate mu[K], sd[K];
    ea_sensitivity_index_morris(x, moved, f, R, K, 3, mu, sd);
    for (int i = 0; i < K; i++) {
        assert_estimate(&mu[i], coef[i], 1e-9);
        assert_abs(sd[i].estimate, 0, 1e-9);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear),
        cmocka_unit_test(test_ishigami),
        cmocka_unit_test(test_constant),
        cmocka_unit_test(test_morris),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
