/* eng_numfmt.h — Numbers written without printf: the exact text of `%.12g` for the numbers the tables
 * hold (whole numbers and fractions of twelve significant digits), at a fraction of printf's cost. */
#ifndef ENG_NUMFMT_H
#define ENG_NUMFMT_H

#include <stddef.h>

/* The longest text eng_numfmt_g12 writes, its terminating zero included. */
#define ENG_NUMFMT_SIZE 32

/* Writes into buf (at least ENG_NUMFMT_SIZE bytes) exactly what snprintf(buf, size, "%.12g", x)
 * writes, and returns its length: whole numbers below 10^12 and fractions from 10^-4 to 10^12 by
 * digits, everything else (NaN, infinities, exponents, and a fraction that rounds up to a power of
 * ten) by snprintf itself. */
int eng_numfmt_g12(char *buf, double x);

#endif
