/* eng_date.h — Calendar dates and months: parsing (YYYY-MM-DD, YYYY-MM, DD/MM/YYYY), day
 * arithmetic from 1970-01-01, and month indices year*12 + (month-1) with their YYYY-MM spelling. */
#ifndef ENG_DATE_H
#define ENG_DATE_H

#include <stddef.h>

/* A calendar date (proleptic Gregorian): year 1-9999, month 1-12, day valid for the month. */
typedef struct eng_date {
    int year, month, day;
} eng_date;

/* Days from 1970-01-01 to d (negative before it), for durations and day arithmetic. */
long eng_date_days(eng_date d);

/* The date that is `days` days after 1970-01-01 (the inverse of eng_date_days). */
eng_date eng_date_from_days(long days);

/* Parses YYYY-MM-DD, YYYY-MM (the first day of that month) or DD/MM/YYYY, blanks around allowed,
 * checking that the day exists. Returns 0, or -1 with the reason in why (e.g. "month 13; months
 * are 1 to 12"). */
int eng_date_parse(const char *text, eng_date *out, char *why, size_t size);

/* The month index year*12 + (month-1), so that consecutive months differ by 1 across years. */
int eng_date_month_index(eng_date d);

/* Parses exactly "YYYY-MM" into its month index; returns 0, or -1 when the text is not that. */
int eng_date_month_parse(const char *text, int *month);

/* Writes the month index `month` (one that eng_date_month_parse can produce) as "YYYY-MM". */
void eng_date_month_format(int month, char buf[8]);

/* The name of month 1 to 12, in French or in English, in full ("mars", "March") or abbreviated
 * ("mars", "Mar", as French and English offices shorten them); "?" for another number. */
const char *eng_date_month_name(int month, int abbreviated, int english);

/* d for people, as the offices of each language write it: "31/12/2022" in French, "31 Dec 2022"
 * in English (where 12/01 would be read as a month first). Returns buf. */
const char *eng_date_text(eng_date d, int english, char *buf, size_t size);

/* The same for a date written YYYY-MM-DD (or any form eng_date_parse reads); text that is no date
 * is copied as it is. */
const char *eng_date_text_of(const char *iso, int english, char *buf, size_t size);

#endif
