/* test_eng_numfmt.c — eng_numfmt_g12 against snprintf's "%.12g" over whole numbers, negatives,
 * zeros, large and small magnitudes, the means of whole numbers that the tables hold, values next
 * to powers of ten and ties, and NaN and the infinities. */
#include "test_util.h"

#include <float.h>
#include <stdint.h>

#include "engine/eng_numfmt.h"

/* The text of %.12g, the independent expectation. */
static void check(double x)
{
    char want[64], got[ENG_NUMFMT_SIZE];
    int n = snprintf(want, sizeof want, "%.12g", x);
    int len = eng_numfmt_g12(got, x);
    if (strcmp(want, got) != 0 || len != n)
        fail_msg("%a: eng_numfmt_g12 wrote \"%s\", printf \"%s\"", x, got, want);
}

static void test_special(void **state)
{
    (void)state;
    double v[] = { 0.0, -0.0, 1, -1, 0.5, -0.5, 1e-4, 9.9999999999999e-5, 1e-5, 1e11, 1e12 - 1,
                   999999999999.5, 1e12, 1e15, 123456789012.25, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
                   99999999999.95, 9.999999999995, 9.9999999999995, 0.00012345678901234,
                   DBL_MIN, DBL_MAX, -DBL_MAX, NAN, INFINITY, -INFINITY, 4300, 1e-300,
                   /* Exact ties in the 12th digit, which printf gives to the even digit (the
                    * first four), then values a hair from one. */
                   123456789012.5, 123456789013.5, 12345678901.25, 12345678901.75, 0.000123456789012500001,
                   1.00000000000050000001, 0.5 + 0x1p-40 };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        check(v[i]);
        check(nextafter(v[i], INFINITY));
        check(nextafter(v[i], -INFINITY));
    }
}

static void test_whole_and_means(void **state)
{
    (void)state;
    for (long k = -100000; k <= 100000; k++)
        check((double)k);
    /* Means of n whole numbers (the tables' means) and sums of money. */
    for (int n = 1; n <= 400; n++)
        for (long s = 0; s < 20000; s += 7)
            check((double)s / n);
    for (long c = 0; c < 200000; c += 13)
        check(c * 0.01);
}

static void test_random(void **state)
{
    (void)state;
    uint64_t z = 12345;
    for (int i = 0; i < 1000000; i++) {
        z = z * 6364136223846793005ULL + 1442695040888963407ULL;
        uint64_t bits = z >> 11;
        /* A uniform mantissa at a magnitude from 10^-7 to 10^14, either sign. */
        double m = (double)bits / 9007199254740992.0;
        double x = ldexp(m, (int)(z % 70) - 24);
        check(i % 2 ? -x : x);
        /* Values written with few decimals, as rounded tables hold. */
        check(round(x * 1000) / 1000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_special),
        cmocka_unit_test(test_whole_and_means),
        cmocka_unit_test(test_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
