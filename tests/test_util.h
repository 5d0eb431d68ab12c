/* test_util.h — Helpers shared by the cmocka unit tests: tolerances and substrings. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

/* Asserts |a - b| <= rel * max(|b|, tiny) and prints both values when it fails. */
#define assert_rel(a, b, rel)                                                                   \
    do {                                                                                        \
        double a_ = (a), b_ = (b), r_ = (rel);                                                  \
        double s_ = fabs(b_) > 1e-300 ? fabs(b_) : 1e-300;                                      \
        if (!(fabs(a_ - b_) <= r_ * s_))                                                        \
            fail_msg("%s = %.10g, expected %.10g within %g relative", #a, a_, b_, r_);          \
    } while (0)

/* Asserts |a - b| <= tol. */
#define assert_abs(a, b, tol)                                                                   \
    do {                                                                                        \
        double a_ = (a), b_ = (b), t_ = (tol);                                                  \
        if (!(fabs(a_ - b_) <= t_))                                                             \
            fail_msg("%s = %.10g, expected %.10g within %g", #a, a_, b_, t_);                   \
    } while (0)

/* Asserts that text contains part, and prints both when it does not. */
static inline void assert_substring(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("\"%s\" does not contain \"%s\"", text, part);
}

#endif
