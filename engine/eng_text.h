/* eng_text.h — Small text helpers shared by the parsers: strict number parsing, shortest
 * round-trip number formatting, trimming, and the edit distance used to suggest the closest key. */
#ifndef ENG_TEXT_H
#define ENG_TEXT_H

#include <stddef.h>

/* Parses the whole of `s` (surrounding blanks allowed) as a finite double. Returns 0 on success,
 * -1 if anything else is there ("12,5x", "", "nan"). */
int eng_text_parse_double(const char *s, double *out);

/* Parses the whole of `s` as a base-10 integer that fits in a long. Returns 0 or -1. */
int eng_text_parse_long(const char *s, long *out);

/* Writes `x` in the shortest "%.Ng" form (N <= 17) that reads back to exactly the same double;
 * returns what snprintf returns. */
int eng_text_format_double(char *buf, size_t size, double x);

/* Writes x rounded to `decimals` places with its digits grouped by three, French style by default:
 * eng_text_format_grouped(buf, n, 2773500, 0, " ", ',') gives "2 773 500", and 0.6806 with 1 decimal and
 * ',' gives "0,7". NaN gives "–" (an en dash, the usual mark of a missing figure). */
int eng_text_format_grouped(char *buf, size_t size, double x, int decimals, const char *group,
                            char decimal);

/* Removes leading and trailing blanks in place and returns s. */
char *eng_text_trim(char *s);

/* Levenshtein distance between a and b, ASCII case-insensitive; strings longer than 63 characters
 * are compared on their first 63. */
int eng_text_edit_distance(const char *a, const char *b);

/* Case-insensitive ASCII comparison of the whole strings (0 when equal). */
int eng_text_casecmp(const char *a, const char *b);

/* x rounded to `decimals` places for people, in the language of the messages (eng_msg.h): French
 * "1 234,5" (groups of three separated by a space, decimal comma, a real minus sign U+2212 for
 * negatives), English "1,234.5" and "-4.7". A value that rounds to zero has no sign; NaN gives
 * "–". Returns what snprintf returns. */
int eng_text_format_number(char *buf, size_t size, double x, int decimals);

/* The same with the sign always written for a non-zero value: "+2,3", "−0,4" ("+2.3", "-0.4"). */
int eng_text_format_signed(char *buf, size_t size, double x, int decimals);

/* A percentage, x in percent: "37,3 %" in French (a space before the sign), "37.3%" in English. */
int eng_text_format_percent(char *buf, size_t size, double x, int decimals);

/* The width to give printf's "%*s" (or "%-*s" with a negative width) so that the UTF-8 text s
 * takes `width` columns on a terminal: printf counts bytes, a terminal characters ("é", "−"). */
int eng_text_pad(const char *s, int width);

#endif
