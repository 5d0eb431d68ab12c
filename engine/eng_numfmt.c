/* eng_numfmt.c — `%.12g` by digits: a whole number written from its integer, a fraction scaled to
 * twelve digits exactly in 128-bit integers, so that its rounding is printf's, ties included. */
#include "eng_numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The two digits of 0 to 99, in order: a table halves the divisions of writing a number (the
 * tables of a run write hundreds of thousands). */
static const char pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Writes the digits of v (v < 10^19) at the end of tmp[0..19], returning where they start. */
static char *digits_of(unsigned long long v, char tmp[20])
{
    char *p = tmp + 20;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        p -= 2;
        memcpy(p, pairs + 2 * r, 2);
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, pairs + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
    return p;
}

static int fallback(char *buf, double x)
{
    return snprintf(buf, ENG_NUMFMT_SIZE, "%.12g", x);
}

/* The twelve significant digits of a, whose decimal exponent is e (10^e <= a < 10^(e+1), e from
 * -4 to 11), rounded as printf rounds: a is m 2^k exactly (m below 2^53), so a 10^(11-e) is the
 * integer m 10^(11-e) (below 2^103) shifted right by -k (13 to 67 places, since a < 10^12 < 2^40),
 * whose remainder tells exactly whether the digits round up; a tie goes to the even digit. */
static unsigned long long twelve_digits(double a, int e)
{
    static const uint64_t pow10u[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                       100000000, 1000000000, 10000000000, 100000000000,
                                       1000000000000, 10000000000000, 100000000000000,
                                       1000000000000000 };
    /* a is normal (at least 10^-4): its mantissa with the implicit bit, and its exponent. */
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    uint64_t m = (bits & ((UINT64_C(1) << 52) - 1)) | UINT64_C(1) << 52;
    int k = (int)(bits >> 52) - 1075;
    uint64_t scale = pow10u[11 - e];   /* 10^(11 - e) <= 10^15 */
    __extension__ typedef unsigned __int128 u128;
    u128 prod = (u128)m * scale, one = 1;
    int sh = -k;
    u128 q = prod >> sh, rem = prod & ((one << sh) - 1), half = one << (sh - 1);
    return (unsigned long long)(q + (rem > half || (rem == half && (q & 1))));
}

/* A fraction 10^-4 <= |x| < 10^12: twelve significant digits D of |x|, decimal exponent e, written
 * in fixed notation without trailing zeros. Returns -1 when printf must decide (a power of ten
 * reached by rounding). */
static int fraction(char *buf, double x)
{
    static const double pow10d[] = { 1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                     1e8, 1e9, 1e10, 1e11 };
    double a = fabs(x);
    int e = 11;
    while (e > -4 && a < pow10d[e + 4])
        e--;
    unsigned long long d = twelve_digits(a, e);
    if (d < 100000000000ULL || d >= 1000000000000ULL)
        return -1;
    char tmp[20], *p = digits_of(d, tmp);   /* 12 digits */
    int ndig = 12;
    while (ndig > 1 && p[ndig - 1] == '0')
        ndig--;
    int len = 0;
    if (x < 0)
        buf[len++] = '-';
    if (e >= 0) {
        memcpy(buf + len, p, (size_t)e + 1);
        len += e + 1;
        if (ndig > e + 1) {
            buf[len++] = '.';
            memcpy(buf + len, p + e + 1, (size_t)(ndig - e - 1));
            len += ndig - e - 1;
        }
    } else {
        buf[len++] = '0';
        buf[len++] = '.';
        for (int k = 0; k < -e - 1; k++)
            buf[len++] = '0';
        memcpy(buf + len, p, (size_t)ndig);
        len += ndig;
    }
    buf[len] = '\0';
    return len;
}

int eng_numfmt_g12(char *buf, double x)
{
    if (!isfinite(x))
        return fallback(buf, x);
    double a = fabs(x);
    if (a < 1e12 && x == (double)(long long)x) {
        char tmp[20], *p = digits_of((unsigned long long)a, tmp);
        int len = 0;
        if (signbit(x))
            buf[len++] = '-';
        memcpy(buf + len, p, (size_t)(tmp + 20 - p));
        len += (int)(tmp + 20 - p);
        buf[len] = '\0';
        return len;
    }
    int len = a >= 1e-4 && a < 1e12 ? fraction(buf, x) : -1;
    return len >= 0 ? len : fallback(buf, x);
}
