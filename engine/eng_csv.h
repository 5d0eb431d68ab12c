/* eng_csv.h — CSV in and out: the one reader of the product (a whole table in memory, libcsv
 * tokenises, typed cells found by header name, errors naming file, line and column) and the cells
 * every written table is made of. */
#ifndef ENG_CSV_H
#define ENG_CSV_H

#include <stddef.h>
#include <stdio.h>
#include "eng_date.h"
#include "eng_encoding.h"
#include "eng_error.h"
#include "eng_text.h"

/* A whole table read in memory: a header line of column names, then rows of as many cells.
 *
 * What is accepted: the encodings of eng_encoding_decode (UTF-8 with or without a byte order mark,
 * Windows-1252 converted to UTF-8; UTF-16 refused); delimiter ',' or ';', chosen from the header
 * line (the one appearing more often outside quotes; ',' on a tie or when neither appears);
 * RFC 4180 quoting (delimiters, doubled quotes and line breaks inside quotes); LF, CRLF or CR line
 * ends. Blank lines, and lines of empty cells only (";;;", as spreadsheets write), are skipped
 * anywhere. No cell may hold a NUL byte, and every row must have as many cells as the header. Spaces and tabs around an unquoted cell are dropped by libcsv; a quoted
 * cell is kept exactly. Header names are kept without surrounding blanks; empty header names are
 * allowed (and never found by name), the others must be unique, ignoring ASCII case.
 *
 * Errors are all ENG_EINPUT, except ENG_EFAIL for running out of memory or a read error, and name
 * the place, as in `obs.csv:14: column "file_active": "12,5x" is not a number`. Lines are the
 * physical lines of the file, counted from 1; a row's line is the one where the row starts. */
typedef struct eng_csv eng_csv;

/* Reads and checks the file at path. On success stores a new table in *out and returns ENG_OK;
 * otherwise returns the status with err filled, and *out is NULL. The path names it in messages. */
int eng_csv_read(const char *path, eng_csv **out, eng_error *err);

/* The same from len bytes in memory (not necessarily NUL-terminated); name is used in messages. */
int eng_csv_parse(const char *name, const char *data, size_t len, eng_csv **out, eng_error *err);

void eng_csv_free(eng_csv *t);   /* NULL is a no-op */

const char *eng_csv_name(const eng_csv *t);   /* the path or name given when reading */
eng_encoding_kind eng_csv_encoding(const eng_csv *t);   /* what the file's bytes were */
char eng_csv_delimiter(const eng_csv *t);     /* ',' or ';' */
size_t eng_csv_nrows(const eng_csv *t);       /* data rows, header excluded; 0 for a header alone */
int eng_csv_ncols(const eng_csv *t);

/* The line of the file where the header is. */
long eng_csv_header_line(const eng_csv *t);

/* The name of column col (0-based), without surrounding blanks; NULL when out of range. */
const char *eng_csv_header(const eng_csv *t, int col);

/* The column whose header is `name`, ignoring ASCII case and blanks around either; -1 if none. */
int eng_csv_column(const eng_csv *t, const char *name);

/* As eng_csv_column, but a missing column is an ENG_EINPUT error that suggests the closest name and
 * lists the columns found. */
int eng_csv_require(const eng_csv *t, const char *name, int *col, eng_error *err);

/* The line of the file where data row `row` (0-based) starts; 0 when out of range. */
long eng_csv_line(const eng_csv *t, size_t row);

/* The text of a cell as stored (see above: unquoted cells trimmed, quoted cells exact; a leading
 * ENG_CSV_TEXT_MARK, which --csv fr writes before a code, dropped), "" when empty; NULL when row or col is out of range. Valid until eng_csv_free. */
const char *eng_csv_get_text(const eng_csv *t, size_t row, int col);

/* Reads a cell as a number: digits with an optional sign, decimal mark and exponent ("1e3"),
 * blanks around allowed; the decimal mark is '.', or also ',' when the delimiter is ';' ("12,5" is
 * 12.5); thousands separators, hexadecimal, infinities and NaN are refused. An empty (or blank)
 * cell sets *missing to 1 and *out to NaN; when missing is NULL it is an error instead. */
int eng_csv_get_number(const eng_csv *t, size_t row, int col, double *out, int *missing,
                      eng_error *err);

/* Reads a cell as a number written by a person, for the tables people fill in (funding, observed
 * data, records): eng_text_parse_number_fr with the unit the column takes ("95 200 €" for
 * ENG_TEXT_EURO, "68,1 %" for ENG_TEXT_SHARE) and the decimal comma when the delimiter is ';'.
 * Empty cells are handled as by eng_csv_get_number. Errors are in French and say what the column
 * expects with an example (« fichier f.csv, ligne 4, colonne « crédits » : « 95 200 x » n'est pas
 * un montant ; écrivez par exemple 95 200 ou 95200 »). */
int eng_csv_get_number_fr(const eng_csv *t, size_t row, int col, eng_text_unit unit, double *out,
                          int *missing, eng_error *err);

/* Reads a cell as a date written YYYY-MM-DD, YYYY-MM (the first day of that month) or DD/MM/YYYY
 * (day and month may have one digit), blanks around allowed; the month must be 1-12 and the day
 * must exist in that month (leap years included). Empty cells are handled as by eng_csv_get_number
 * (*out is then all zeros). */
int eng_csv_get_date(const eng_csv *t, size_t row, int col, eng_date *out, int *missing,
                    eng_error *err);

/* Fills err with `<name>:<line>: column "<header>": ` and the printf-style message, for checks
 * made by the caller on a cell (a negative count, an unknown category); returns ENG_EINPUT. */
int eng_csv_cell_error(const eng_csv *t, size_t row, int col, eng_error *err, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* ---- Writing ---------------------------------------------------------------------------------- */

/* How CSV numbers and cells are written: the standard form (`,` and a decimal point, full
 * precision, no byte order mark: for R, pandas and English spreadsheets), or the French one for
 * people (`--csv fr`: a UTF-8 byte order mark, `;`, a decimal comma, numbers rounded to what their
 * unit needs and headers in French, for LibreOffice and Excel in French). */
typedef struct eng_csv_style {
    char sep;       /* ',' or ';' */
    char decimal;   /* '.' or ',' */
    int people;     /* 1: the form for people: byte order mark, rounded numbers, French headers */
} eng_csv_style;

extern const eng_csv_style eng_csv_standard;
extern const eng_csv_style eng_csv_french;

/* Starts a file: the UTF-8 byte order mark EF BB BF in the style for people (without it, Excel
 * opened by a double click reads UTF-8 as Windows-1252 and shows "AriÃ¨ge"), nothing otherwise.
 * Every table's header line is written after it (ea_tables_write_header_names). */
void eng_csv_begin(FILE *f, const eng_csv_style *style);

/* The room a number written by eng_csv_format_number or eng_csv_format_rounded needs. */
#define ENG_CSV_NUMBER_SIZE 64

/* Writes into buf, as eng_csv_number and eng_csv_number_rounded write into a file, and returns
 * the length (0 for NaN, an empty cell): for tables that assemble their lines in memory. */
int eng_csv_format_number(char *buf, double x, const eng_csv_style *style);
int eng_csv_format_rounded(char *buf, double x, int places, const eng_csv_style *style);

/* Writes x with up to 12 significant digits and no exponent below 1e12 (money and counts print
 * in full), with the style's decimal mark; NaN (an undefined value) is written as an empty cell. */
void eng_csv_number(FILE *f, double x, const eng_csv_style *style);

/* Writes x rounded to `places` decimals (0 to 6, halves away from zero) in the style for people,
 * with the decimal comma and every decimal kept ("0,302" for 0.302325581395 and 3 places, "17,0"
 * for 17 and 1; a zero has no sign); in the other styles exactly as eng_csv_number (full
 * precision). NaN is an empty cell. */
void eng_csv_number_rounded(FILE *f, double x, int places, const eng_csv_style *style);

/* Writes a text cell, quoted (RFC 4180) when it holds the separator, a quote or a line break.
 *
 * Formula injection: Excel and LibreOffice Calc evaluate a cell that starts with `=`, `+`, `-` or
 * `@` (and, after a tab or a carriage return, whatever follows), so a department name such as
 * `=HYPERLINK(...)` copied from an input file would run when the table is opened. Following the
 * OWASP rule, such a cell is written quoted with a single quote `'` first ("'=HYPERLINK(...)"),
 * which both programs show as text and never evaluate. A cell that is wholly a decimal number
 * ("-0.25", "+3", "1e-3") is left as it is: a spreadsheet reads it as that number and runs nothing.
 * Numbers themselves go through eng_csv_number, never through here.
 *
 * Codes kept as text, in the style for people: LibreOffice Calc and Excel read a cell `09`, quoted
 * or not, as the number 9 (Calc 7.4 checked with its default import options: neither `"09"` nor
 * a no-break space keeps the text; `'09` shows its quote), so a department code or any text cell
 * that reads as a number (`09`, `2E1`, `1,5`) is written after an invisible WORD JOINER U+2060
 * (ENG_CSV_TEXT_MARK), which no spreadsheet reads as a number; the cell shows `09` and sorts and
 * filters as text. No formula (`="09"`) is ever written. eaflow's reader drops the mark. */
#define ENG_CSV_TEXT_MARK "\xE2\x81\xA0"
void eng_csv_text(FILE *f, const char *s, const eng_csv_style *style);

#endif
