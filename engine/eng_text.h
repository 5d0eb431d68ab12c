/* eng_text.h — Small text helpers shared by the parsers: strict number parsing, shortest
 * round-trip number formatting, trimming, and the edit distance used to suggest the closest key. */
#ifndef ENG_TEXT_H
#define ENG_TEXT_H

#include <stddef.h>

/* Parses the whole of `s` (surrounding blanks allowed) as a finite double. Returns 0 on success,
 * -1 if anything else is there ("12,5x", "", "nan"). */
int eng_text_parse_double(const char *s, double *out);

/* What a number written by a person may carry after its digits, as its column allows. */
typedef enum eng_text_unit {
    ENG_TEXT_PLAIN,   /* a count or a quantity: 95 200, 12,5 */
    ENG_TEXT_EURO,    /* an amount: also 95 200 €, 95 200,50 €, 4300 EUR */
    ENG_TEXT_SHARE    /* a share: also 68,1 %, read as 0.681 */
} eng_text_unit;

/* Why eng_text_parse_number_fr refused a text. */
enum {
    ENG_TEXT_NOT_NUMBER = -1,   /* not a number at all ("12x", "", "nan") */
    ENG_TEXT_AMBIGUOUS = -2,    /* a number whose decimal mark cannot be told ("1.234,5") */
    ENG_TEXT_WRONG_UNIT = -3    /* a number with a unit its column does not take ("68 %" as places) */
};

/* Parses the whole of `s` as a number written by a person, the way French offices write them:
 * an optional sign (-, + or −), digits, either plain ("95200") or grouped by three with one space,
 * no-break space (U+00A0) or narrow no-break space (U+202F) between the groups ("95 200", first
 * group of 1 to 3 digits); then a decimal part after a point, or after a comma when decimal_comma
 * is set (files delimited by ';'); then, as `unit` allows, € or EUR for an amount, % for a share
 * (divided by 100: "68,1 %" is 0.681); blanks around and before the unit. An exponent ("1e3",
 * "1,5e2") is taken without groups nor unit, so that every number eaflow writes reads back
 * exactly as strtod reads it.
 *
 * The point is never a thousands separator, so a text that could be read both ways is refused
 * rather than guessed: both marks ("1.234,5", "1,234.5"), a mark given twice ("1.234.567"), a
 * comma where it cannot be the decimal mark ("1,234" when decimal_comma is 0), and, when the
 * decimal mark is the comma, a point followed by exactly three digits after one to three digits
 * ("95.200": 95,2 or 95 200?). "7.56" and "0.302" are read as decimals.
 *
 * Returns 0 and sets *out to a finite double, or one of the reasons above. */
int eng_text_parse_number_fr(const char *s, eng_text_unit unit, int decimal_comma, double *out);

/* Whether s (blanks around aside) is a number written with a decimal comma, as French
 * spreadsheets write numbers ("7,56", "-0,5", "4300,5"): a sign, digits, one comma, digits. When it
 * is, point (of size bytes) receives the number with a decimal point ("7.56"). Returns 1 or 0. */
int eng_text_decimal_comma(const char *s, char *point, size_t size);

/* Whether a list whose items are separated by commas holds a number written with a decimal comma,
 * which the comma cut in two. In a list of NAME:NUMBER items (pairs 1): an item ending in a digit
 * followed by a piece of digits alone, which no item is ("evaluation:0,80, projet:0,20"). In a
 * list of numbers (pairs 0), which cannot tell by itself: a comma between two digits in a list
 * with no decimal point ("1,1, 0,9, 1"), for the caller to mention when the list reads wrong.
 * written receives the first such text ("evaluation:0,80", "1,1") and point the same with a
 * decimal point, each of size bytes. Returns 1 or 0. */
int eng_text_list_decimal_comma(const char *list, int pairs, char *written, char *point,
                                size_t size);

/* Parses the whole of `s` as a base-10 integer that fits in a long. Returns 0 or -1. */
int eng_text_parse_long(const char *s, long *out);

/* Writes `x` in the shortest "%.Ng" form (N <= 17) that reads back to exactly the same double;
 * returns what snprintf returns. */
int eng_text_format_double(char *buf, size_t size, double x);

/* Writes x into a and y into b (each of `size` bytes) with the fewest significant digits, at least
 * 3, that tell them apart ("%.Ng"): 0.448 and 0.4477 for what a bisection leaves as
 * 0.44804687500000007 and 0.44765625000000003; `point` is the decimal mark written. */
void eng_text_format_pair(char *a, char *b, size_t size, double x, double y, char point);

/* Writes x rounded to `decimals` places with its digits grouped by three, French style by default:
 * eng_text_format_grouped(buf, n, 2773500, 0, " ", ',') gives "2 773 500", and 0.6806 with 1 decimal and
 * ',' gives "0,7". NaN gives "–" (an en dash, the usual mark of a missing figure). */
int eng_text_format_grouped(char *buf, size_t size, double x, int decimals, const char *group,
                            char decimal);

/* Removes leading and trailing blanks in place and returns s. */
char *eng_text_trim(char *s);

/* Writes into buf (size bytes, cut if need be) the form of a name that column headers are compared
 * in, so that people's spellings of a name compare equal: blanks around dropped (no-break spaces
 * included), ASCII letters lower-cased, the accented letters of French and Latin-1 (À to ÿ, œ, æ)
 * without their accent ("Crédits" and "CREDITS" give "credits"), every run of spaces, '_' and '-'
 * one '_' ("file active" gives "file_active"), and ’ an apostrophe. Other bytes are kept. Returns
 * buf. */
char *eng_text_fold(const char *s, char *buf, size_t size);

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
