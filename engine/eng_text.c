/* eng_text.c — Small text helpers shared by the parsers. */
#include "eng_text.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* ---- Numbers written by people --------------------------------------------------------------- */

/* The length of the blank that starts at s: a space or a tab, a no-break space U+00A0 or a narrow
 * no-break space U+202F as spreadsheets and word processors put between groups of digits; 0 for
 * anything else. */
static size_t blank_at(const char *s)
{
    if (*s == ' ' || *s == '\t')
        return 1;
    if (strncmp(s, "\xC2\xA0", 2) == 0)
        return 2;
    return strncmp(s, "\xE2\x80\xAF", 3) == 0 ? 3 : 0;
}

/* The length of the blank that ends the n bytes at s, 0 when none. */
static size_t blank_before(const char *s, size_t n)
{
    if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        return 1;
    if (n >= 2 && memcmp(s + n - 2, "\xC2\xA0", 2) == 0)
        return 2;
    return n >= 3 && memcmp(s + n - 3, "\xE2\x80\xAF", 3) == 0 ? 3 : 0;
}

/* Drops the blanks that end the n bytes at s; returns the length left. */
static size_t trim_end(const char *s, size_t n)
{
    size_t k;
    while ((k = blank_before(s, n)) > 0)
        n -= k;
    return n;
}

/* The unit that ends the n bytes at s (and its length in *len): ENG_TEXT_SHARE for %,
 * ENG_TEXT_EURO for € or EUR (any case) after a digit or a blank, ENG_TEXT_PLAIN for none. */
static eng_text_unit unit_at_end(const char *s, size_t n, size_t *len)
{
    *len = 0;
    if (n >= 1 && s[n - 1] == '%') {
        *len = 1;
        return ENG_TEXT_SHARE;
    }
    if (n >= 3 && memcmp(s + n - 3, "\xE2\x82\xAC", 3) == 0) {
        *len = 3;
        return ENG_TEXT_EURO;
    }
    if (n >= 4 && strncasecmp(s + n - 3, "eur", 3) == 0 &&
        (isdigit((unsigned char)s[n - 4]) || blank_before(s, n - 3))) {
        *len = 3;
        return ENG_TEXT_EURO;
    }
    return ENG_TEXT_PLAIN;
}

/* What the digits of a number are made of, as read_digits finds them. */
typedef struct number_shape {
    char buf[72];          /* the number as strtod reads it: sign, digits, '.', exponent */
    size_t len;
    int digits_int;        /* digits before the decimal mark */
    int digits_dec;        /* digits after it */
    int grouped;           /* the integer digits are in groups of three */
    char mark;             /* the decimal mark, '.' or ',', 0 for none */
    int marks;             /* decimal marks seen: more than one makes the number ambiguous */
    int exponent;          /* an exponent follows */
    char first;            /* the first integer digit */
} number_shape;

static int put(number_shape *n, char c)
{
    if (n->len + 1 >= sizeof n->buf)
        return -1;
    n->buf[n->len++] = c;
    n->buf[n->len] = '\0';
    return 0;
}

/* Reads the integer digits of [s, end) with their groups; returns where they stop, or NULL when the
 * groups are not of three digits with one blank between them. */
static const char *read_integer(number_shape *n, const char *s, const char *end)
{
    int group = 0;
    while (s < end) {
        size_t b;
        if (isdigit((unsigned char)*s)) {
            if (n->digits_int++ == 0)
                n->first = *s;
            group++;
            if (put(n, *s++) != 0)
                return NULL;
        } else if ((b = blank_at(s)) > 0 && s + b <= end) {
            /* A group separator: the group before has 1 to 3 digits (3 after the first) and a
             * digit follows. */
            if (group == 0 || group > 3 || (n->grouped && group != 3) || s + b >= end ||
                !isdigit((unsigned char)s[b]))
                return NULL;
            n->grouped = 1;
            group = 0;
            s += b;
        } else {
            break;
        }
    }
    return n->grouped && group != 3 ? NULL : s;
}

/* Reads [s, end) as sign, integer part, decimal part and exponent into n; -1 when it is not a
 * number (the decimal marks are only counted: whether they make sense is decided after). */
static int read_number(number_shape *n, const char *s, const char *end)
{
    memset(n, 0, sizeof *n);
    if (s < end && (*s == '-' || *s == '+'))
        put(n, *s++);
    else if (end - s >= 3 && memcmp(s, "\xE2\x88\x92", 3) == 0) {   /* − U+2212, the minus sign */
        put(n, '-');
        s += 3;
    }
    if (!(s = read_integer(n, s, end)))
        return -1;
    while (s < end && (*s == '.' || *s == ',')) {
        n->mark = n->mark ? n->mark : *s;
        n->marks++;
        s++;
        if (n->marks == 1 && put(n, '.') != 0)
            return -1;
        for (; s < end && isdigit((unsigned char)*s); s++, n->digits_dec++)
            if (put(n, *s) != 0)
                return -1;
    }
    if (s < end && (*s == 'e' || *s == 'E') && n->digits_int + n->digits_dec > 0) {
        n->exponent = 1;
        put(n, 'e');
        s++;
        if (s < end && (*s == '-' || *s == '+'))
            put(n, *s++);
        if (s == end || !isdigit((unsigned char)*s))
            return -1;
        for (; s < end && isdigit((unsigned char)*s); s++)
            if (put(n, *s) != 0)
                return -1;
    }
    return s == end && n->digits_int + n->digits_dec > 0 ? 0 : -1;
}

int eng_text_parse_number_fr(const char *s, eng_text_unit unit, int decimal_comma, double *out)
{
    if (!s)
        return ENG_TEXT_NOT_NUMBER;
    size_t b;
    while ((b = blank_at(s)) > 0)
        s += b;
    size_t n = trim_end(s, strlen(s)), ulen;
    eng_text_unit found = unit_at_end(s, n, &ulen);
    n = trim_end(s, n - ulen);
    number_shape num;
    if (read_number(&num, s, s + n) != 0 || (num.exponent && (num.grouped || ulen)))
        return ENG_TEXT_NOT_NUMBER;
    /* A point after one to three digits (not a lone 0) followed by exactly three: a thousands
     * separator to many French writers, a decimal point to the machines. */
    int dotted_thousands = num.mark == '.' && decimal_comma && !num.grouped && !num.exponent &&
                           num.digits_int >= 1 && num.digits_int <= 3 && num.first != '0' &&
                           num.digits_dec == 3;
    if (num.marks > 1 || (num.mark == ',' && !decimal_comma) || dotted_thousands)
        return ENG_TEXT_AMBIGUOUS;
    if (found != ENG_TEXT_PLAIN && found != unit)
        return ENG_TEXT_WRONG_UNIT;
    /* A percentage is read as its number times 1e-2, so that "68,1 %" is the double nearest to
     * 0.681 rather than 68.1 / 100. */
    if (found == ENG_TEXT_SHARE && (put(&num, 'e') || put(&num, '-') || put(&num, '2')))
        return ENG_TEXT_NOT_NUMBER;
    char *stop;
    errno = 0;
    double v = strtod(num.buf, &stop);
    if (*stop || errno == ERANGE || !isfinite(v))
        return ENG_TEXT_NOT_NUMBER;
    *out = v;
    return 0;
}

/* The length of the run of digits at s. */
static size_t digit_run(const char *s)
{
    size_t n = 0;
    while (isdigit((unsigned char)s[n]))
        n++;
    return n;
}

int eng_text_decimal_comma(const char *s, char *point, size_t size)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t sign = *s == '-' || *s == '+', whole = digit_run(s + sign);
    if (whole == 0 || s[sign + whole] != ',')
        return 0;
    const char *frac = s + sign + whole + 1, *rest = frac + digit_run(frac);
    size_t nfrac = (size_t)(rest - frac);
    while (isspace((unsigned char)*rest))
        rest++;
    if (nfrac == 0 || *rest || sign + whole + 1 + nfrac >= size)
        return 0;
    snprintf(point, size, "%.*s.%.*s", (int)(sign + whole), s, (int)nfrac, frac);
    return 1;
}

int eng_text_list_decimal_comma(const char *list, int pairs, char *written, char *point,
                                size_t size)
{
    if (!pairs && strchr(list, '.'))
        return 0;
    for (const char *c = strchr(list, ','); c; c = strchr(c + 1, ',')) {
        size_t nfrac = digit_run(c + 1);
        if (c == list || !isdigit((unsigned char)c[-1]) || nfrac == 0)
            continue;
        /* The start of the item the comma ends: the last comma before it (pairs), or the digits
         * just before it (numbers). */
        const char *start = c, *rest = c + 1 + nfrac;
        while (start > list && (pairs ? start[-1] != ',' : isdigit((unsigned char)start[-1])))
            start--;
        while (isspace((unsigned char)*start))
            start++;
        while (isspace((unsigned char)*rest))
            rest++;
        if (pairs && (!memchr(start, ':', (size_t)(c - start)) || (*rest && *rest != ',')))
            continue;
        snprintf(written, size, "%.*s", (int)(c + 1 + nfrac - start), start);
        snprintf(point, size, "%.*s.%.*s", (int)(c - start), start, (int)nfrac, c + 1);
        return 1;
    }
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

void eng_text_format_pair(char *a, char *b, size_t size, double x, double y, char point)
{
    for (int digits = 3; digits <= 17; digits++) {
        snprintf(a, size, "%.*g", digits, x);
        snprintf(b, size, "%.*g", digits, y);
        if (strcmp(a, b) != 0)
            break;
    }
    for (char *c = a; *c; c++)
        *c = *c == '.' ? point : *c;
    for (char *c = b; *c; c++)
        *c = *c == '.' ? point : *c;
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

/* The letters U+00C0-U+00FF without their accent, lower-case; NULL for the signs × and ÷, and
 * for þ, kept as they are. */
static const char *const latin1_folded[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", NULL, "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", NULL, "y",
};

/* What the character at s folds to (see eng_text_fold), with its length in *len: a separator "_",
 * a letter without its accent, or NULL for a character kept as it is. */
static const char *fold_char(const char *s, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if ((*len = blank_at(s)) > 0)
        return "_";
    *len = 1;
    if (*s == '_' || *s == '-')
        return "_";
    *len = 2;
    if (u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0xBF)
        return latin1_folded[u[1] - 0x80];
    if (u[0] == 0xC5 && (u[1] == 0x92 || u[1] == 0x93))
        return "oe";
    if (u[0] == 0xC5 && u[1] == 0xB8)
        return "y";
    *len = 3;
    if (strncmp(s, "\xE2\x80\x99", 3) == 0)
        return "'";
    *len = 1;
    return NULL;
}

char *eng_text_fold(const char *s, char *buf, size_t size)
{
    size_t o = 0, k;
    while ((k = blank_at(s)) > 0)
        s += k;
    while (*s && o + 1 < size) {
        const char *f = fold_char(s, &k);
        if (f && f[0] == '_' && o > 0 && buf[o - 1] == '_') {
            s += k;
            continue;
        }
        if (!f) {
            buf[o++] = (char)tolower((unsigned char)*s++);
            continue;
        }
        for (; *f && o + 1 < size; f++)
            buf[o++] = *f;
        s += k;
    }
    while (o > 0 && buf[o - 1] == '_')
        o--;
    if (size > 0)
        buf[o] = '\0';
    return buf;
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
