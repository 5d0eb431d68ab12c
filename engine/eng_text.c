/* eng_text.c — Small text helpers shared by the parsers. */
#include "eng_text.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eng_msg.h"

/* Where the number of s starts, past its leading blanks; NULL when s is NULL or blank. */
static const char *number_start(const char *s)
{
    if (!s)
        return NULL;
    while (isspace((unsigned char)*s))
        s++;
    return *s ? s : NULL;
}

/* Whether strtod or strtol, called on s with errno cleared, read a number that fits and stopped at
 * `end` with nothing but blanks after it. */
static int number_whole(const char *s, const char *end)
{
    if (end == s || errno == ERANGE)
        return 0;
    while (isspace((unsigned char)*end))
        end++;
    return *end == '\0';
}

int eng_text_parse_double(const char *s, double *out)
{
    if (!(s = number_start(s)))
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!number_whole(s, end) || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int eng_text_parse_long(const char *s, long *out)
{
    if (!(s = number_start(s)))
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!number_whole(s, end))
        return -1;
    *out = v;
    return 0;
}

int eng_text_format_double(char *buf, size_t size, double x)
{
    char tmp[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, x);
        if (strtod(tmp, NULL) == x || prec == 17)
            break;
    }
    /* "%g" switches to an exponent once the exponent reaches the precision, which writes 4300 as
     * "4.3e+03"; such a value is an integer, so "%.0f" prints it exactly, and plainly below 1e17. */
    if (strchr(tmp, 'e') && fabs(x) >= 1 && fabs(x) < 1e17)
        snprintf(tmp, sizeof tmp, "%.0f", x);
    return snprintf(buf, size, "%s", tmp);
}

char *eng_text_trim(char *s)
{
    char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    size_t n = strlen(p);
    while (n > 0 && isspace((unsigned char)p[n - 1]))
        n--;
    memmove(s, p, n);
    s[n] = '\0';
    return s;
}

int eng_text_edit_distance(const char *a, const char *b)
{
    enum { MAXLEN = 63 };
    size_t na = strlen(a), nb = strlen(b);
    if (na > MAXLEN)
        na = MAXLEN;
    if (nb > MAXLEN)
        nb = MAXLEN;
    int row[MAXLEN + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int up = row[j];
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

int eng_text_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

int eng_text_format_grouped(char *buf, size_t size, double x, int decimals, const char *group,
                            char decimal)
{
    if (isnan(x))
        return snprintf(buf, size, "\u2013");
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals < 0 ? 0 : decimals, x);
    if (strcmp(raw, "-0") == 0 || (raw[0] == '-' && strspn(raw + 1, "0.") == strlen(raw + 1)))
        memmove(raw, raw + 1, strlen(raw));
    const char *digits = raw[0] == '-' ? raw + 1 : raw;
    const char *dot = strchr(digits, '.');
    size_t nint = dot ? (size_t)(dot - digits) : strlen(digits);
    char out[160];
    size_t o = 0, glen = strlen(group);
    if (raw[0] == '-')
        out[o++] = '-';
    for (size_t i = 0; i < nint; i++) {
        if (i > 0 && (nint - i) % 3 == 0 && o + glen < sizeof out) {
            memcpy(out + o, group, glen);
            o += glen;
        }
        if (o < sizeof out - 1)
            out[o++] = digits[i];
    }
    if (dot && o + strlen(dot) < sizeof out) {
        out[o++] = decimal;
        for (const char *d = dot + 1; *d; d++)
            out[o++] = *d;
    }
    out[o] = '\0';
    return snprintf(buf, size, "%s", out);
}

/* A number for people in the language of the messages. French writes a real minus sign (U+2212);
 * English keeps the ASCII hyphen-minus its readers and spreadsheets expect. A value that rounds
 * to zero has no sign. */
static int format_for_people(char *buf, size_t size, double x, int decimals, int plus)
{
    int en = eng_msg_get_lang() == ENG_MSG_EN;
    char digits[160];
    eng_text_format_grouped(digits, sizeof digits, fabs(x), decimals, en ? "," : " ", en ? '.' : ',');
    if (isnan(x))
        return snprintf(buf, size, "%s", digits);
    int zero = strspn(digits, "0,. ") == strlen(digits);
    const char *sign = zero ? "" : x < 0 ? (en ? "-" : "\u2212") : plus ? "+" : "";
    return snprintf(buf, size, "%s%s", sign, digits);
}

int eng_text_format_number(char *buf, size_t size, double x, int decimals)
{
    return format_for_people(buf, size, x, decimals, 0);
}

int eng_text_format_signed(char *buf, size_t size, double x, int decimals)
{
    return format_for_people(buf, size, x, decimals, 1);
}

int eng_text_format_percent(char *buf, size_t size, double x, int decimals)
{
    char n[160];
    format_for_people(n, sizeof n, x, decimals, 0);
    if (isnan(x))
        return snprintf(buf, size, "%s", n);
    return snprintf(buf, size, eng_msg_get_lang() == ENG_MSG_EN ? "%s%%" : "%s %%", n);
}

int eng_text_pad(const char *s, int width)
{
    int bytes = 0, columns = 0;
    for (; *s; s++, bytes++)
        columns += ((unsigned char)*s & 0xC0) != 0x80;
    return width < 0 ? width - (bytes - columns) : width + (bytes - columns);
}
