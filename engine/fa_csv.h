/* fa_csv.h — The one CSV reader of the product: reads a whole table in memory (libcsv tokenises),
 * finds columns by header name and gives typed cells, with errors naming file, line and column. */
#ifndef FA_CSV_H
#define FA_CSV_H

#include <stddef.h>
#include "fa_error.h"

/* A calendar date (proleptic Gregorian): year 1-9999, month 1-12, day valid for the month. */
typedef struct fa_date {
    int year, month, day;
} fa_date;

/* Days from 1970-01-01 to d (negative before it), for durations and day arithmetic. */
long fa_date_days(fa_date d);

/* The date that is `days` days after 1970-01-01 (the inverse of fa_date_days). */
fa_date fa_date_from_days(long days);

/* Parses YYYY-MM-DD, YYYY-MM (the first day of that month) or DD/MM/YYYY, blanks around allowed,
 * checking that the day exists. Returns 0, or -1 with the reason in why (e.g. "month 13; months
 * are 1 to 12"). */
int fa_date_parse(const char *text, fa_date *out, char *why, size_t size);

/* The month index year*12 + (month-1), so that consecutive months differ by 1 across years. */
int fa_date_month_index(fa_date d);

/* A whole table read in memory: a header line of column names, then rows of as many cells.
 *
 * What is accepted: delimiter ',' or ';', chosen from the header line (the one appearing more
 * often outside quotes; ',' on a tie or when neither appears); an optional UTF-8 byte order mark;
 * RFC 4180 quoting (delimiters, doubled quotes and line breaks inside quotes); LF, CRLF or CR line
 * ends. Blank lines, and lines of empty cells only (";;;", as spreadsheets write), are skipped
 * anywhere. Every cell must be valid UTF-8 without NUL bytes, and every row must have as many
 * cells as the header. Spaces and tabs around an unquoted cell are dropped by libcsv; a quoted
 * cell is kept exactly. Header names are kept without surrounding blanks; empty header names are
 * allowed (and never found by name), the others must be unique, ignoring ASCII case.
 *
 * Errors are all FA_EINPUT, except FA_EFAIL for running out of memory or a read error, and name
 * the place, as in `obs.csv:14: column "file_active": "12,5x" is not a number`. Lines are the
 * physical lines of the file, counted from 1; a row's line is the one where the row starts. */
typedef struct fa_csv fa_csv;

/* Reads and checks the file at path. On success stores a new table in *out and returns FA_OK;
 * otherwise returns the status with err filled, and *out is NULL. The path names it in messages. */
int fa_csv_read(const char *path, fa_csv **out, fa_error *err);

/* The same from len bytes in memory (not necessarily NUL-terminated); name is used in messages. */
int fa_csv_parse(const char *name, const char *data, size_t len, fa_csv **out, fa_error *err);

void fa_csv_free(fa_csv *t);   /* NULL is a no-op */

const char *fa_csv_name(const fa_csv *t);   /* the path or name given when reading */
char fa_csv_delimiter(const fa_csv *t);     /* ',' or ';' */
size_t fa_csv_nrows(const fa_csv *t);       /* data rows, header excluded; 0 for a header alone */
int fa_csv_ncols(const fa_csv *t);

/* The name of column col (0-based), without surrounding blanks; NULL when out of range. */
const char *fa_csv_header(const fa_csv *t, int col);

/* The column whose header is `name`, ignoring ASCII case and blanks around either; -1 if none. */
int fa_csv_column(const fa_csv *t, const char *name);

/* As fa_csv_column, but a missing column is an FA_EINPUT error that suggests the closest name and
 * lists the columns found. */
int fa_csv_require(const fa_csv *t, const char *name, int *col, fa_error *err);

/* The line of the file where data row `row` (0-based) starts; 0 when out of range. */
long fa_csv_line(const fa_csv *t, size_t row);

/* The text of a cell as stored (see above: unquoted cells trimmed, quoted cells exact), "" when
 * empty; NULL when row or col is out of range. Valid until fa_csv_free. */
const char *fa_csv_get_text(const fa_csv *t, size_t row, int col);

/* Reads a cell as a number: digits with an optional sign, decimal mark and exponent ("1e3"),
 * blanks around allowed; the decimal mark is '.', or also ',' when the delimiter is ';' ("12,5" is
 * 12.5); thousands separators, hexadecimal, infinities and NaN are refused. An empty (or blank)
 * cell sets *missing to 1 and *out to NaN; when missing is NULL it is an error instead. */
int fa_csv_get_number(const fa_csv *t, size_t row, int col, double *out, int *missing,
                      fa_error *err);

/* Reads a cell as a date written YYYY-MM-DD, YYYY-MM (the first day of that month) or DD/MM/YYYY
 * (day and month may have one digit), blanks around allowed; the month must be 1-12 and the day
 * must exist in that month (leap years included). Empty cells are handled as by fa_csv_get_number
 * (*out is then all zeros). */
int fa_csv_get_date(const fa_csv *t, size_t row, int col, fa_date *out, int *missing,
                    fa_error *err);

/* Fills err with `<name>:<line>: column "<header>": ` and the printf-style message, for checks
 * made by the caller on a cell (a negative count, an unknown category); returns FA_EINPUT. */
int fa_csv_cell_error(const fa_csv *t, size_t row, int col, fa_error *err, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
