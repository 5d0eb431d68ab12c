/* test_util.h — Helpers shared by the cmocka unit tests: tolerances and substrings. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Whether text contains part, a no-break space of the report's HTML ("&#160;", which keeps a number
 * such as "2 773 500" on one line) counting as a space: the tests write the numbers as people read
 * them; test_pl_html checks where the no-break spaces go. */
static inline int test_contains(const char *text, const char *part)
{
    if (strstr(text, part))
        return 1;
    if (!strstr(text, "&#160;"))
        return 0;
    size_t n = strlen(text);
    char *plain = malloc(n + 1), *q = plain;
    if (!plain)
        return 0;
    for (const char *p = text; *p;)
        if (strncmp(p, "&#160;", 6) == 0) {
            *q++ = ' ';
            p += 6;
        } else {
            *q++ = *p++;
        }
    *q = '\0';
    int found = strstr(plain, part) != NULL;
    free(plain);
    return found;
}

/* Asserts that text contains part, and prints both when it does not. */
static inline void assert_substring(const char *text, const char *part)
{
    if (!test_contains(text, part))
        fail_msg("\"%s\" does not contain \"%s\"", text, part);
}

#endif
