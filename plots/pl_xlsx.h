/* pl_xlsx.h — An Excel workbook written with libxlsxwriter, as people read it: every sheet opens
 * with a line that says what it holds, text cells stay text, numbers carry their unit's format. */
#ifndef PL_XLSX_H
#define PL_XLSX_H

#include "../engine/eng_error.h"
#include "pl_text.h"

typedef struct pl_xlsx pl_xlsx;
typedef struct pl_xlsx_sheet pl_xlsx_sheet;

/* The number formats of the cells. They are written in the file's own (US) form, `#,##0.0`,
 * `0.0%`, `#,##0 "€"`, which Excel and LibreOffice show in the reader's locale: `1 234,5`,
 * `68,1 %`, `4 300 €` in French. */
typedef enum pl_xlsx_format {
    PL_XLSX_INT,        /* whole numbers: places, hours, counts (#,##0) */
    PL_XLSX_DEC1,       /* persons, FTE, days: means over replications to 0.1 (#,##0.0) */
    PL_XLSX_DEC2,       /* ratios (0.00) */
    PL_XLSX_SHARE,      /* shares as percentages (0.0%) */
    PL_XLSX_EUR,        /* whole euros (#,##0 "€" in French, "€"#,##0 in English) */
    PL_XLSX_YEAR,       /* a year or a rank, without grouping (0) */
    PL_XLSX_PLAIN,      /* a number as written, in Excel's General format */
    PL_XLSX_NFORMATS
} pl_xlsx_format;

/* The format of an indicator's values, from its unit in the indicator table (ea_indicators.h):
 * euros, shares, places whole; persons, days, FTE and hours to 0.1 (4,4 hours per person a month
 * is no 4); PL_XLSX_DEC1 for a name that is no indicator. */
pl_xlsx_format pl_xlsx_indicator_format(const char *indicator);

/* Starts a workbook to be written to path, its currency written the way of lang. The document's
 * creation date is now, or the time of the environment variable SOURCE_DATE_EPOCH (seconds since
 * 1970) when it is set, so that a workbook can be made again identical. ENG_EFAIL when out of
 * memory; *out is NULL on failure. */
int pl_xlsx_open(const char *path, pl_text_lang lang, pl_xlsx **out, eng_error *err);

/* Sizes the columns of every sheet to their widest cell, writes the file and frees the workbook,
 * returning ENG_OK or the first error met while writing it (ENG_EFAIL, naming the file). NULL is a
 * no-op that returns ENG_OK. */
int pl_xlsx_close(pl_xlsx *x, eng_error *err);

/* Adds a sheet named `name` (at most 31 characters, none of []:*?/\) whose first row is `title`
 * in bold; NULL when libxlsxwriter refuses it (the error is kept for pl_xlsx_close). */
pl_xlsx_sheet *pl_xlsx_sheet_add(pl_xlsx *x, const char *name, const char *title);

/* Freezes the rows above `row` and the columns left of `col`: they stay in view when scrolling. */
void pl_xlsx_freeze(pl_xlsx_sheet *s, int row, int col);

/* Writes a heading cell (bold, on a grey ground, wrapped). */
void pl_xlsx_heading(pl_xlsx_sheet *s, int row, int col, const char *text);

/* Writes a line of explanation in column A of `row`, overflowing to the right over empty cells: it
 * does not widen the column. */
void pl_xlsx_note(pl_xlsx_sheet *s, int row, const char *text);

/* Writes a text cell, always as a string: a text that starts with `=` stays that text and is never
 * taken for a formula. NULL writes nothing. */
void pl_xlsx_text(pl_xlsx_sheet *s, int row, int col, const char *text);

/* Writes a number with its format; a NaN or an infinity (no value) leaves the cell empty. */
void pl_xlsx_number(pl_xlsx_sheet *s, int row, int col, double x, pl_xlsx_format format);

/* A block of cells, rows r0..r1 and columns c0..c1 (0-based, inclusive), of a sheet (NULL: the
 * sheet of the chart). */
typedef struct pl_xlsx_range {
    const pl_xlsx_sheet *sheet;
    int r0, c0, r1, c1;
} pl_xlsx_range;

/* A native chart placed at (row, col) of sheet s: a line chart (or columns when `columns` is 1)
 * of n series whose values are values[i] and names names[i], over the categories.
 * The title and names are the program's own texts (a text starting with `=` would be read as a
 * reference). */
void pl_xlsx_chart(pl_xlsx_sheet *s, int columns, const char *title, pl_xlsx_range categories,
                   const char *const *names, const pl_xlsx_range *values, int n, int row, int col);

#endif
