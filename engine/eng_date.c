/* eng_date.c — Calendar dates and months. */
#include "eng_date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "eng_msg.h"

/* ---- Dates ----------------------------------------------------------------------------------- */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

long eng_date_days(eng_date d)
{
    /* Counts in 400-year eras of 146097 days starting on March 1, so that the leap day ends the
     * year (H. Hinnant's days_from_civil); 719468 days separate 0000-03-01 from 1970-01-01. */
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int eng_date_month_index(eng_date d)
{
    return d.year * 12 + (d.month - 1);
}

/* Reads 1 to `max` digits at *p into *v, advancing *p; returns the count read (0 if none). */
static int digits(const char **p, int max, int *v)
{
    int k = 0;
    *v = 0;
    while (k < max && **p >= '0' && **p <= '9') {
        *v = *v * 10 + (**p - '0');
        (*p)++;
        k++;
    }
    return k;
}

int eng_date_parse(const char *text, eng_date *out, char *why, size_t size)
{
    const char *p = text;
    int a, b, y = 0, m = 0, d = 1, ok;
    while (*p == ' ' || *p == '\t')
        p++;
    int na = digits(&p, 4, &a);
    if (na == 4 && *p == '-') {
        /* YYYY-MM-DD or YYYY-MM */
        p++;
        y = a;
        ok = digits(&p, 2, &m) > 0;
        if (ok && *p == '-') {
            p++;
            ok = digits(&p, 2, &d) > 0;
        }
    } else if (na >= 1 && na <= 2 && *p == '/') {
        /* DD/MM/YYYY */
        p++;
        d = a;
        ok = digits(&p, 2, &b) > 0 && *p == '/';
        m = b;
        if (ok) {
            p++;
            ok = digits(&p, 4, &y) == 4;
        }
    } else {
        ok = 0;
    }
    while (ok && (*p == ' ' || *p == '\t'))
        p++;
    if (!ok || *p) {
        snprintf(why, size, eng_msg_tr("attendu AAAA-MM-JJ, AAAA-MM ou JJ/MM/AAAA"));
        return -1;
    }
    if (y < 1) {
        snprintf(why, size, eng_msg_tr("année 0"));
        return -1;
    }
    if (m < 1 || m > 12) {
        snprintf(why, size, eng_msg_tr("mois %d ; les mois vont de 1 à 12"), m);
        return -1;
    }
    int dim = days_in_month(y, m);
    if (d < 1 || d > dim) {
        snprintf(why, size, eng_msg_tr("jour %d ; le mois %d de %d a %d jours"), d, m, y, dim);
        return -1;
    }
    *out = (eng_date){ y, m, d };
    return 0;
}

eng_date eng_date_from_days(long days)
{
    /* The inverse of eng_date_days (H. Hinnant's civil_from_days). */
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    return (eng_date){ (int)(yoe + era * 400 + (m <= 2)), m, d };
}

int eng_date_month_parse(const char *text, int *month)
{
    if (!text || strlen(text) != 7 || text[4] != '-')
        return -1;
    int digits[7];
    for (int i = 0; i < 7; i++) {
        if (i == 4)
            continue;
        if (!isdigit((unsigned char)text[i]))
            return -1;
        digits[i] = text[i] - '0';
    }
    int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    int m = digits[5] * 10 + digits[6];
    if (m < 1 || m > 12)
        return -1;
    *month = year * 12 + m - 1;
    return 0;
}

/* `month` is one that eng_date_month_parse can produce (years 0000 to 9999); the year is taken modulo
 * 10000 so that the text always fits in buf. */
void eng_date_month_format(int month, char buf[8])
{
    unsigned m = (unsigned)month;
    snprintf(buf, 8, "%04u-%02u", m / 12 % 10000, m % 12 + 1);
}


const char *eng_date_month_name(int month, int abbreviated, int english)
{
    static const char *const names[2][2][12] = {
        { { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
            "octobre", "novembre", "décembre" },
          { "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
            "nov.", "déc." } },
        { { "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December" },
          { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" } }
    };
    if (month < 1 || month > 12)
        return "?";
    return names[english != 0][abbreviated != 0][month - 1];
}

const char *eng_date_text(eng_date d, int english, char *buf, size_t size)
{
    if (english && d.month >= 1 && d.month <= 12)
        snprintf(buf, size, "%d %s %04d", d.day, eng_date_month_name(d.month, 1, 1), d.year);
    else
        snprintf(buf, size, "%02d/%02d/%04d", d.day, d.month, d.year);
    return buf;
}

const char *eng_date_text_of(const char *iso, int english, char *buf, size_t size)
{
    eng_date d;
    char why[96];
    if (eng_date_parse(iso, &d, why, sizeof why) != 0)
        snprintf(buf, size, "%s", iso);
    else
        eng_date_text(d, english, buf, size);
    return buf;
}
