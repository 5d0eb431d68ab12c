/* eng_numfmt.c — `%.12g` by digits: a whole number written from its integer, a fraction scaled to
 * twelve digits in long double (64-bit mantissa: an error below 10^-7 on a 12-digit integer), so
 * that its rounding is printf's unless it falls within 10^-6 of a tie, left to printf. */
#include "eng_numfmt.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Writes the digits of v (v < 10^19) at the end of tmp[0..19], returning where they start. */
static char *digits_of(unsigned long long v, char tmp[20])
{
    char *p = tmp + 20;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return p;
}

static int fallback(char *buf, double x)
{
    return snprintf(buf, ENG_NUMFMT_SIZE, "%.12g", x);
}

/* A fraction 10^-4 <= |x| < 10^12: twelve significant digits D of |x|, decimal exponent e, written
 * in fixed notation without trailing zeros. Returns -1 when printf must decide. */
static int fraction(char *buf, double x)
{
    static const double pow10d[] = { 1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                     1e8, 1e9, 1e10, 1e11 };
    double a = fabs(x);
    int e = 11;
    while (e > -4 && a < pow10d[e + 4])
        e--;
    long double scale = 1;
    for (int k = 0; k < 11 - e; k++)
        scale *= 10;   /* 10^k, exact up to 10^27 in a 64-bit mantissa */
    long double s = (long double)a * scale, fl = floorl(s), frac = s - fl;
    if (fabsl(frac - 0.5L) < 1e-6L)
        return -1;
    unsigned long long d = (unsigned long long)fl + (frac > 0.5L);
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
    int len = LDBL_MANT_DIG >= 64 && a >= 1e-4 && a < 1e12 ? fraction(buf, x) : -1;
    return len >= 0 ? len : fallback(buf, x);
}
