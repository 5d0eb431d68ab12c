/* pl_xlsx.c — An Excel workbook written with libxlsxwriter: sheets with a title line, headings,
 * text cells that stay text, numbers with their unit's format, sized columns and native charts. */
#include "pl_xlsx.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "../engine/eng_array.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "../models/ea_indicators.h"

/* Column widths, in characters: at least the room of a number, at most what stays readable (a
 * longer text wraps or overflows into the next cell). */
#define MIN_WIDTH 8.0
#define MAX_WIDTH 48.0

struct pl_xlsx_sheet {
    lxw_worksheet *ws;
    pl_xlsx *book;
    char name[32];
    double *width;          /* the widest cell of each column so far, in characters */
    int nwidth, cap;
    pl_xlsx_sheet *next;
};

struct pl_xlsx {
    lxw_workbook *wb;
    char *path;
    lxw_format *title, *heading, *number[PL_XLSX_NFORMATS];
    pl_xlsx_sheet *first, *last;
    lxw_error failed;       /* the first error libxlsxwriter returned, LXW_NO_ERROR while none */
};

pl_xlsx_format pl_xlsx_indicator_format(const char *indicator)
{
    const ea_indicators_row *d = ea_indicators_lookup(indicator, NULL);
    if (!d)
        return PL_XLSX_DEC1;
    switch (d->unit) {
    case EA_UNIT_EUR:
        return PL_XLSX_EUR;
    case EA_UNIT_SHARE:
        return PL_XLSX_SHARE;
    case EA_UNIT_PLACES:
        return PL_XLSX_INT;
    default:
        return PL_XLSX_DEC1;
    }
}

static void keep_error(pl_xlsx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->failed == LXW_NO_ERROR)
        x->failed = e;
}

/* The document's creation date: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
static time_t created(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    long t;
    if (epoch && eng_text_parse_long(epoch, &t) == 0 && t > 0)
        return (time_t)t;
    return time(NULL);
}

static void make_formats(pl_xlsx *x, pl_text_lang lang)
{
    static const char *const codes[PL_XLSX_NFORMATS] = {
        [PL_XLSX_INT] = "#,##0", [PL_XLSX_DEC1] = "#,##0.0", [PL_XLSX_DEC2] = "0.00",
        [PL_XLSX_SHARE] = "0.0%", [PL_XLSX_EUR] = "#,##0 \"€\"", [PL_XLSX_YEAR] = "0",
        [PL_XLSX_PLAIN] = "General",
    };
    x->title = workbook_add_format(x->wb);
    format_set_bold(x->title);
    x->heading = workbook_add_format(x->wb);
    format_set_bold(x->heading);
    format_set_text_wrap(x->heading);
    format_set_align(x->heading, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(x->heading, 0xE7E6E6);
    format_set_bottom(x->heading, LXW_BORDER_THIN);
    for (int i = 0; i < PL_XLSX_NFORMATS; i++) {
        x->number[i] = workbook_add_format(x->wb);
        format_set_num_format(x->number[i], i == PL_XLSX_EUR && lang == PL_EN ? "\"€\"#,##0"
                                                                             : codes[i]);
    }
}

int pl_xlsx_open(const char *path, pl_text_lang lang, pl_xlsx **out, eng_error *err)
{
    *out = NULL;
    pl_xlsx *x = calloc(1, sizeof *x);
    if (!x || !(x->path = strdup(path))) {
        free(x);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    if (!(x->wb = workbook_new(path))) {
        free(x->path);
        free(x);
        return eng_error_set(err, ENG_EFAIL, "%s : impossible de créer le classeur ; vérifiez "
                             "que le dossier existe et qu'on peut y écrire", path);
    }
    lxw_doc_properties props = { .title = "eaflow", .created = created() };
    keep_error(x, workbook_set_properties(x->wb, &props));
    make_formats(x, lang);
    *out = x;
    return ENG_OK;
}

/* The width of a text in characters: its UTF-8 code points. */
static double text_width(const char *s)
{
    double n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Notes that column col holds a cell `w` characters wide. */
static void widen(pl_xlsx_sheet *s, int col, double w)
{
    if (col >= s->nwidth) {
        if (eng_array_reserve_int(&s->width, &s->cap, col + 1, sizeof *s->width, 16) != 0)
            return;
        while (s->nwidth <= col)
            s->width[s->nwidth++] = 0;
    }
    if (w > s->width[col])
        s->width[col] = w;
}

static void size_columns(pl_xlsx_sheet *s)
{
    for (int c = 0; c < s->nwidth; c++) {
        double w = s->width[c] + 2;
        w = w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : w;
        keep_error(s->book, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
    }
}

/* Why libxlsxwriter failed, in the user's language (lxw_strerror speaks English only). The
 * failures that a user can act on are named; the others are errors of eaflow's own use of the
 * library, told with its text. */
static const char *why(lxw_error e)
{
    switch (e) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
        return eng_msg_tr("mémoire insuffisante");
    case LXW_ERROR_CREATING_XLSX_FILE:
        return eng_msg_tr("le fichier ne peut pas être créé");
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
        return eng_msg_tr("un fichier temporaire ne peut pas être créé ou relu");
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        return eng_msg_tr("la compression du classeur a échoué");
    default:
        return lxw_strerror(e);
    }
}

/* workbook_close with the standard error sent to /dev/null meanwhile: on failure libxlsxwriter
 * prints its own line, in English, before eaflow's message says the same in the user's language
 * (library code never prints here). If the error stream cannot be set aside, it is left as it is. */
static lxw_error close_quietly(lxw_workbook *wb)
{
    fflush(stderr);
    int saved = dup(STDERR_FILENO), quiet = open("/dev/null", O_WRONLY | O_CLOEXEC);
    int hidden = saved >= 0 && quiet >= 0 && dup2(quiet, STDERR_FILENO) >= 0;
    lxw_error e = workbook_close(wb);
    if (hidden) {
        fflush(stderr);
        dup2(saved, STDERR_FILENO);
    }
    if (saved >= 0)
        close(saved);
    if (quiet >= 0)
        close(quiet);
    return e;
}

int pl_xlsx_close(pl_xlsx *x, eng_error *err)
{
    if (!x)
        return ENG_OK;
    for (pl_xlsx_sheet *s = x->first; s; s = s->next)
        size_columns(s);
    lxw_error closed = close_quietly(x->wb);
    lxw_error e = x->failed != LXW_NO_ERROR ? x->failed : closed;
    int status = ENG_OK;
    if (e != LXW_NO_ERROR)
        status = eng_error_set(err, ENG_EFAIL, "%s : écriture du classeur impossible (%s) ; vérifiez "
                               "l'espace disque et les droits du dossier", x->path, why(e));
    for (pl_xlsx_sheet *s = x->first, *next; s; s = next) {
        next = s->next;
        free(s->width);
        free(s);
    }
    free(x->path);
    free(x);
    return status;
}

pl_xlsx_sheet *pl_xlsx_sheet_add(pl_xlsx *x, const char *name, const char *title)
{
    pl_xlsx_sheet *s = calloc(1, sizeof *s);
    if (!s) {
        keep_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    lxw_error e = workbook_validate_sheet_name(x->wb, name);
    s->ws = e == LXW_NO_ERROR ? workbook_add_worksheet(x->wb, name) : NULL;
    if (!s->ws) {
        keep_error(x, e != LXW_NO_ERROR ? e : LXW_ERROR_MEMORY_MALLOC_FAILED);
        free(s);
        return NULL;
    }
    s->book = x;
    snprintf(s->name, sizeof s->name, "%s", name);
    if (x->last)
        x->last->next = s;
    else
        x->first = s;
    x->last = s;
    /* The title overflows to the right over empty cells: it does not widen the first column. */
    keep_error(x, worksheet_write_string(s->ws, 0, 0, title, x->title));
    return s;
}

void pl_xlsx_freeze(pl_xlsx_sheet *s, int row, int col)
{
    worksheet_freeze_panes(s->ws, (lxw_row_t)row, (lxw_col_t)col);
}

void pl_xlsx_heading(pl_xlsx_sheet *s, int row, int col, const char *text)
{
    keep_error(s->book, worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, text,
                                               s->book->heading));
    /* A long heading wraps on two or three lines rather than widen its column to its length. */
    double w = text_width(text);
    widen(s, col, w > 24 ? w / 2 : w);
}

void pl_xlsx_note(pl_xlsx_sheet *s, int row, const char *text)
{
    keep_error(s->book, worksheet_write_string(s->ws, (lxw_row_t)row, 0, text, NULL));
}

void pl_xlsx_text(pl_xlsx_sheet *s, int row, int col, const char *text)
{
    if (!text)
        return;
    keep_error(s->book, worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, text, NULL));
    widen(s, col, text_width(text));
}

void pl_xlsx_number(pl_xlsx_sheet *s, int row, int col, double x, pl_xlsx_format format)
{
    if (!isfinite(x))
        return;
    keep_error(s->book, worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, x,
                                               s->book->number[format]));
    /* Grouped digits, the decimals and the unit. */
    double digits = fabs(x) >= 1 ? floor(log10(fabs(x))) + 1 : 1;
    widen(s, col, digits + digits / 3 + 4);
}

void pl_xlsx_chart(pl_xlsx_sheet *s, int columns, const char *title, pl_xlsx_range categories,
                   const char *const *names, const pl_xlsx_range *values, int n, int row, int col)
{
    lxw_chart *chart = workbook_add_chart(s->book->wb, columns ? LXW_CHART_COLUMN : LXW_CHART_LINE);
    if (!chart) {
        keep_error(s->book, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    chart_title_set_name(chart, title);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    for (int i = 0; i < n; i++) {
        lxw_chart_series *se = chart_add_series(chart, NULL, NULL);
        if (!se)
            continue;
        const pl_xlsx_range *c = &categories, *v = &values[i];
        chart_series_set_categories(se, (c->sheet ? c->sheet : s)->name, (lxw_row_t)c->r0,
                                    (lxw_col_t)c->c0, (lxw_row_t)c->r1, (lxw_col_t)c->c1);
        chart_series_set_values(se, (v->sheet ? v->sheet : s)->name, (lxw_row_t)v->r0,
                                (lxw_col_t)v->c0, (lxw_row_t)v->r1, (lxw_col_t)v->c1);
        chart_series_set_name(se, names[i]);
    }
    lxw_chart_options place = { .x_scale = 1.8, .y_scale = 1.4 };
    keep_error(s->book, worksheet_insert_chart_opt(s->ws, (lxw_row_t)row, (lxw_col_t)col, chart,
                                                   &place));
}
