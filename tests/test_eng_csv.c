/* test_eng_csv.c — Unit tests of engine/eng_csv: a table of well-formed, tricky and malformed inputs
 * with the cells or the error expected, typed cells (numbers, dates), column lookup, a 1 MB field,
 * and real files (a French spreadsheet export, one larger than the read block, a missing one). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "test_proc.h"
#include "engine/eng_csv.h"

/* ---- Structure: cells and line numbers, or the error ------------------------------------------ */

typedef struct shape_case {
    const char *what;
    const char *data;
    size_t len;               /* bytes of data; 0 means strlen(data) */
    const char *error;        /* a part of the expected message; NULL when the input is valid */
    char delim;
    int ncols, nrows;
    const char *cells[16];    /* the header names, then the cells row after row */
    long lines[4];            /* the line where each row starts */
} shape_case;

static const shape_case shapes[] = {
    { .what = "plain commas", .data = "a,b\n1,2\n3,4\n", .delim = ',', .ncols = 2, .nrows = 2,
      .cells = { "a", "b", "1", "2", "3", "4" }, .lines = { 2, 3 } },
    { .what = "semicolons", .data = "a;b\n1;2\n", .delim = ';', .ncols = 2, .nrows = 1,
      .cells = { "a", "b", "1", "2" }, .lines = { 2 } },
    { .what = "one of each delimiter in the header: a tie, so commas", .data = "a,b;c\n1,2;3\n",
      .delim = ',', .ncols = 2, .nrows = 1, .cells = { "a", "b;c", "1", "2;3" }, .lines = { 2 } },
    { .what = "more semicolons than commas", .data = "a,x;b;c\n1;2;3\n", .delim = ';', .ncols = 3,
      .nrows = 1, .cells = { "a,x", "b", "c", "1", "2", "3" }, .lines = { 2 } },
    { .what = "neither delimiter: one column", .data = "name\nx\n", .delim = ',', .ncols = 1,
      .nrows = 1, .cells = { "name", "x" }, .lines = { 2 } },
    { .what = "commas inside quotes do not count for the delimiter",
      .data = "\"a,b,c\";d\n1;2\n", .delim = ';', .ncols = 2, .nrows = 1,
      .cells = { "a,b,c", "d", "1", "2" }, .lines = { 2 } },
    { .what = "quoted delimiter in a cell", .data = "a,b\n\"1,5\",2\n", .delim = ',', .ncols = 2,
      .nrows = 1, .cells = { "a", "b", "1,5", "2" }, .lines = { 2 } },
    { .what = "doubled quotes", .data = "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n", .delim = ',',
      .ncols = 2, .nrows = 1, .cells = { "a", "b", "say \"hi\"", "\"" }, .lines = { 2 } },
    { .what = "newline inside quotes, and the line of the next row",
      .data = "a,b\n\"x\ny\",1\n2,3\n", .delim = ',', .ncols = 2, .nrows = 2,
      .cells = { "a", "b", "x\ny", "1", "2", "3" }, .lines = { 2, 4 } },
    { .what = "several quoted line breaks in several rows",
      .data = "a,b\n\"1\n2\n3\",x\n4,\"5\n6\"\n7,8\n", .delim = ',', .ncols = 2, .nrows = 3,
      .cells = { "a", "b", "1\n2\n3", "x", "4", "5\n6", "7", "8" }, .lines = { 2, 5, 7 } },
    { .what = "CRLF inside quotes in a CRLF file", .data = "a,b\r\n\"x\r\ny\",1\r\nz,3\r\n",
      .delim = ',', .ncols = 2, .nrows = 2, .cells = { "a", "b", "x\r\ny", "1", "z", "3" },
      .lines = { 2, 4 } },
    { .what = "UTF-8 byte order mark", .data = "\xEF\xBB\xBF" "a,b\n1,2\n", .delim = ',',
      .ncols = 2, .nrows = 1, .cells = { "a", "b", "1", "2" }, .lines = { 2 } },
    { .what = "byte order mark, semicolons and a decimal comma",
      .data = "\xEF\xBB\xBF" "date;n\n2022-01;12,5\n", .delim = ';', .ncols = 2, .nrows = 1,
      .cells = { "date", "n", "2022-01", "12,5" }, .lines = { 2 } },
    { .what = "CRLF line ends", .data = "a,b\r\n1,2\r\n3,4\r\n", .delim = ',', .ncols = 2,
      .nrows = 2, .cells = { "a", "b", "1", "2", "3", "4" }, .lines = { 2, 3 } },
    { .what = "CR line ends (classic Mac)", .data = "a,b\r1,2\r\r3,4\r", .delim = ',', .ncols = 2,
      .nrows = 2, .cells = { "a", "b", "1", "2", "3", "4" }, .lines = { 2, 4 } },
    { .what = "a bare CR ending a multi-line row in an LF file", .data = "a,b\n\"x\ny\",1\r2,3\n",
      .delim = ',', .ncols = 2, .nrows = 2, .cells = { "a", "b", "x\ny", "1", "2", "3" },
      .lines = { 2, 3 } },
    { .what = "blank lines at the end", .data = "a,b\n1,2\n\n\n  \n\t\r\n", .delim = ',',
      .ncols = 2, .nrows = 1, .cells = { "a", "b", "1", "2" }, .lines = { 2 } },
    { .what = "blank lines between rows keep the line numbers", .data = "a,b\n1,2\n\n \n3,4\n",
      .delim = ',', .ncols = 2, .nrows = 2, .cells = { "a", "b", "1", "2", "3", "4" },
      .lines = { 2, 5 } },
    { .what = "blank lines before the header", .data = "\n\r\na,b\n1,2\n", .delim = ',',
      .ncols = 2, .nrows = 1, .cells = { "a", "b", "1", "2" }, .lines = { 4 } },
    { .what = "no line end after the last row", .data = "a,b\n1,2", .delim = ',', .ncols = 2,
      .nrows = 1, .cells = { "a", "b", "1", "2" }, .lines = { 2 } },
    { .what = "header only", .data = "a,b\n", .delim = ',', .ncols = 2, .nrows = 0,
      .cells = { "a", "b" } },
    { .what = "header only, no line end", .data = "a;b", .delim = ';', .ncols = 2, .nrows = 0,
      .cells = { "a", "b" } },
    { .what = "blanks around unquoted cells dropped, kept inside quotes",
      .data = " a , b \n 1 ,\" 2 \"\n", .delim = ',', .ncols = 2, .nrows = 1,
      .cells = { "a", "b", "1", " 2 " }, .lines = { 2 } },
    { .what = "quoted header names lose their blanks", .data = "\" a \",\"\tb\"\n1,2\n",
      .delim = ',', .ncols = 2, .nrows = 1, .cells = { "a", "b", "1", "2" }, .lines = { 2 } },
    { .what = "empty cells, quoted or not", .data = "a,b,c\n,\"\",1\n2,,\"\"\n", .delim = ',',
      .ncols = 3, .nrows = 2, .cells = { "a", "b", "c", "", "", "1", "2", "", "" },
      .lines = { 2, 3 } },
    { .what = "lines of bare delimiters skipped, before the header too",
      .data = ";;\r\na;b;c\r\n1;2;3\r\n;;\r\n;\"\";\r\n4;5;6\r\n;;;;\r\n", .delim = ';', .ncols = 3,
      .nrows = 2, .cells = { "a", "b", "c", "1", "2", "3", "4", "5", "6" }, .lines = { 3, 6 } },
    { .what = "empty header names are allowed, even twice", .data = "a,,b,\n1,2,3,4\n",
      .delim = ',', .ncols = 4, .nrows = 1, .cells = { "a", "", "b", "", "1", "2", "3", "4" },
      .lines = { 2 } },
    { .what = "valid UTF-8: accents, 3- and 4-byte characters",
      .data = "nom,ville\nRen\xC3\xA9,B\xC3\xA9ziers \xE2\x82\xAC \xF0\x9F\x98\x80\n",
      .delim = ',', .ncols = 2, .nrows = 1,
      .cells = { "nom", "ville", "Ren\xC3\xA9", "B\xC3\xA9ziers \xE2\x82\xAC \xF0\x9F\x98\x80" },
      .lines = { 2 } },
    /* Windows-1252 (Excel's « CSV (séparateur: point-virgule) »): é 0xE9 -> C3 A9, € 0x80 ->
     * E2 82 AC, no-break space 0xA0 -> C2 A0; what is not UTF-8 is never UTF-8 in part. */
    { .what = "Windows-1252 in the header and cells",
      .data = "id;pr\xE9nom;cr\xE9" "dits\n1;Ren\xE9;95\xA0" "200 \x80\n",
      .delim = ';', .ncols = 3, .nrows = 1,
      .cells = { "id", "pr\xC3\xA9nom", "cr\xC3\xA9" "dits", "1", "Ren\xC3\xA9",
                 "95\xC2\xA0" "200 \xE2\x82\xAC" }, .lines = { 2 } },
    { .what = "Windows-1252 in a quoted multi-line cell: the lines stay",
      .data = "a,b\n\"x\ny\",\"\xE9t\xE9\"\n3,4\n", .delim = ',', .ncols = 2, .nrows = 2,
      .cells = { "a", "b", "x\ny", "\xC3\xA9t\xC3\xA9", "3", "4" }, .lines = { 2, 4 } },
    { .what = "bytes that are not UTF-8 (an overlong form, C0 AF) read as Windows-1252",
      .data = "a,b\n\xC0\xAF,1\n", .delim = ',', .ncols = 2, .nrows = 1,
      .cells = { "a", "b", "\xC3\x80\xC2\xAF", "1" }, .lines = { 2 } },

    { .what = "empty file", .data = "", .error = "t.csv : fichier vide ; attendu une ligne d'en-tête" },
    { .what = "blank lines only", .data = "\n\r\n  \n",
      .error = "t.csv : fichier vide ; attendu une ligne d'en-tête" },
    { .what = "bare delimiters only", .data = ";;;\n;;;\n",
      .error = "t.csv : fichier vide ; attendu une ligne d'en-tête" },
    { .what = "byte order mark only", .data = "\xEF\xBB\xBF",
      .error = "t.csv : fichier vide ; attendu une ligne d'en-tête" },
    { .what = "short row", .data = "a,b,c\n1,2,3\n4,5\n",
      .error = "t.csv, ligne 3 : 2 champs au lieu de 3 comme dans l'en-tête" },
    { .what = "long row", .data = "a,b\n1,2\n3,4,5\n",
      .error = "t.csv, ligne 3 : 3 champs au lieu de 2 comme dans l'en-tête" },
    { .what = "row of one field", .data = "a,b\n1\n",
      .error = "t.csv, ligne 2 : 1 champ au lieu de 2 comme dans l'en-tête" },
    { .what = "a trailing delimiter is one more field", .data = "a,b\n1,2,\n",
      .error = "t.csv, ligne 2 : 3 champs au lieu de 2 comme dans l'en-tête" },
    { .what = "short row after quoted line breaks", .data = "a,b\n\"x\ny\",1\n\"p\nq\nr\"\n",
      .error = "t.csv, ligne 4 : 1 champ au lieu de 2 comme dans l'en-tête" },
    { .what = "short row in a CRLF file after a blank line", .data = "a;b\r\n1;2\r\n\r\n3\r\n",
      .error = "t.csv, ligne 4 : 1 champ au lieu de 2 comme dans l'en-tête" },
    { .what = "duplicate column, other case and blanks", .data = "id,Name,x, name \n1,2,3,4\n",
      .error = "t.csv, ligne 1 : colonnes de même nom, colonne 2 « Name » et colonne 4 « name »" },
    { .what = "unterminated quote", .data = "a,b\n1,2\n3,\"abc\n4,5\n",
      .error = "t.csv, ligne 3 : colonne « b » ouverte par un guillemet jamais refermé" },
    { .what = "unterminated quote in the header", .data = "\"a,b\n",
      .error = "t.csv, ligne 1 : colonne 1 de l'en-tête ouverte par un guillemet jamais refermé" },
    { .what = "quote inside an unquoted cell", .data = "a,b\n1,x\"y\"\n",
      .error = "t.csv, ligne 2, colonne « b » : guillemet mal placé" },
    { .what = "text after a closing quote, on the line where it is", .data = "a,b\n\"x\ny\"z,2\n",
      .error = "t.csv, ligne 3, colonne « a » : guillemet mal placé" },
    { .what = "undefined Windows-1252 byte", .data = "id,name\n1,x\n2,Ren\xE9\x81\n",
      .error = "fichier t.csv, ligne 3 : l'octet 0x81 n'est ni de l'UTF-8 ni du Windows-1252" },
    { .what = "UTF-8 and Windows-1252 mixed", .data = "a,b\n1,\xC3\xA9\n2,\xE9\n",
      .error = "fichier t.csv : le texte m\xC3\xA9lange deux codages, de l'UTF-8 (ligne 2) et "
               "autre chose (ligne 3, octet 0xE9)" },
    { .what = "NUL byte", .data = "a,b\n1,x\0y\n", .len = 10,
      .error = "t.csv, ligne 2, colonne « b » : octet nul" },
    { .what = "UTF-16 file", .data = "\xFF\xFE" "a\0,\0b\0\n\0", .len = 10,
      .error = "fichier t.csv : il est en UTF-16" },
};

static void check_shape(const shape_case *c)
{
    eng_error err = { "" };
    eng_csv *t = (eng_csv *)1;
    size_t len = c->len ? c->len : strlen(c->data);
    int status = eng_csv_parse("t.csv", c->data, len, &t, &err);
    if (c->error) {
        if (status != ENG_EINPUT || t != NULL)
            fail_msg("%s: status %d, expected the error \"%s\"", c->what, status, c->error);
        if (!strstr(err.msg, c->error))
            fail_msg("%s: message \"%s\", expected \"%s\"", c->what, err.msg, c->error);
        return;
    }
    if (status != ENG_OK)
        fail_msg("%s: unexpected error \"%s\"", c->what, err.msg);
    if (eng_csv_delimiter(t) != c->delim || eng_csv_ncols(t) != c->ncols ||
        eng_csv_nrows(t) != (size_t)c->nrows)
        fail_msg("%s: delimiter '%c', %d columns, %zu rows; expected '%c', %d, %d", c->what,
                 eng_csv_delimiter(t), eng_csv_ncols(t), eng_csv_nrows(t), c->delim, c->ncols,
                 c->nrows);
    for (int j = 0; j < c->ncols; j++)
        if (strcmp(eng_csv_header(t, j), c->cells[j]) != 0)
            fail_msg("%s: header %d is \"%s\", expected \"%s\"", c->what, j, eng_csv_header(t, j),
                     c->cells[j]);
    for (int i = 0; i < c->nrows; i++) {
        if (eng_csv_line(t, (size_t)i) != c->lines[i])
            fail_msg("%s: row %d on line %ld, expected %ld", c->what, i, eng_csv_line(t, (size_t)i),
                     c->lines[i]);
        for (int j = 0; j < c->ncols; j++) {
            const char *want = c->cells[(i + 1) * c->ncols + j];
            const char *got = eng_csv_get_text(t, (size_t)i, j);
            if (strcmp(got, want) != 0)
                fail_msg("%s: cell (%d, %d) is \"%s\", expected \"%s\"", c->what, i, j, got, want);
        }
    }
    eng_csv_free(t);
}

static void test_shapes(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++)
        check_shape(&shapes[k]);
}

/* ---- Numbers -------------------------------------------------------------------------------- */

typedef struct number_case {
    char delim;
    const char *cell;     /* written between quotes when quoted, so that blanks and ',' stay */
    int quoted;
    int missing;
    double value;
    const char *error;
} number_case;

static const number_case numbers[] = {
    { ',', "12.5", 0, 0, 12.5, NULL },
    { ';', "12,5", 0, 0, 12.5, NULL },
    { ';', "12.5", 0, 0, 12.5, NULL },
    { ';', "-0,25", 0, 0, -0.25, NULL },
    { ';', "1,5e2", 0, 0, 150, NULL },
    { ',', "1e3", 0, 0, 1000, NULL },
    { ',', "-0.5", 0, 0, -0.5, NULL },
    { ',', "+3", 0, 0, 3, NULL },
    { ',', ".5", 0, 0, 0.5, NULL },
    { ',', "12.", 0, 0, 12, NULL },
    { ',', "0", 0, 0, 0, NULL },
    { ',', " 7 ", 0, 0, 7, NULL },
    { ',', " 7 ", 1, 0, 7, NULL },
    { ';', "\t8,5 ", 1, 0, 8.5, NULL },
    { ',', "", 0, 1, 0, NULL },
    { ',', "", 1, 1, 0, NULL },
    { ';', "   ", 1, 1, 0, NULL },
    { ';', "12,5x", 0, 0, 0, "t.csv, ligne 2, colonne « v » : « 12,5x » n'est pas un nombre" },
    { ',', "12,5", 1, 0, 0, "t.csv, ligne 2, colonne « v » : « 12,5 » n'est pas un nombre" },
    { ';', "1,234.5", 0, 0, 0, "« 1,234.5 » n'est pas un nombre" },
    { ';', "1.234,5", 0, 0, 0, "« 1.234,5 » n'est pas un nombre" },
    { ';', "1,2,3", 0, 0, 0, "« 1,2,3 » n'est pas un nombre" },
    { ',', "1 234", 0, 0, 0, "« 1 234 » n'est pas un nombre" },
    { ';', "1\xC2\xA0" "234", 0, 0, 0, "n'est pas un nombre" },
    { ',', "0x1A", 0, 0, 0, "« 0x1A » n'est pas un nombre" },
    { ',', "inf", 0, 0, 0, "« inf » n'est pas un nombre" },
    { ',', "nan", 0, 0, 0, "« nan » n'est pas un nombre" },
    { ',', "1e999", 0, 0, 0, "« 1e999 » n'est pas un nombre" },
    { ',', "-", 0, 0, 0, "« - » n'est pas un nombre" },
    { ',', "1.5.2", 0, 0, 0, "« 1.5.2 » n'est pas un nombre" },
    { ',', "12%", 0, 0, 0, "« 12% » n'est pas un nombre" },
    { ',', "e5", 0, 0, 0, "« e5 » n'est pas un nombre" },
    { ',', "123456789012345678901234567890123456789012345678901234567890123456789", 0, 0, 0,
      "« 1234567890123456789012345678901234567... » n'est pas un nombre" },
};

/* Builds a table "v<d>w" / "<cell><d>x" and reads its one row. */
static eng_csv *one_cell(char delim, const char *cell, int quoted)
{
    char data[256];
    const char *q = quoted ? "\"" : "";
    snprintf(data, sizeof data, "v%cw\n%s%s%s%cx\n", delim, q, cell, q, delim);
    eng_error err;
    eng_csv *t;
    if (eng_csv_parse("t.csv", data, strlen(data), &t, &err) != ENG_OK)
        fail_msg("\"%s\": %s", data, err.msg);
    assert_int_equal(eng_csv_delimiter(t), delim);
    return t;
}

static void test_numbers(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof numbers / sizeof numbers[0]; k++) {
        const number_case *c = &numbers[k];
        eng_csv *t = one_cell(c->delim, c->cell, c->quoted);
        eng_error err = { "" };
        double x = -1;
        int missing = -1;
        int status = eng_csv_get_number(t, 0, 0, &x, &missing, &err);
        if (c->error) {
            if (status != ENG_EINPUT || !strstr(err.msg, c->error) || !isnan(x))
                fail_msg("\"%s\": status %d, \"%s\"; expected \"%s\"", c->cell, status, err.msg,
                         c->error);
        } else if (status != ENG_OK) {
            fail_msg("\"%s\": %s", c->cell, err.msg);
        } else if (missing != c->missing || (c->missing ? !isnan(x) : x != c->value)) {
            fail_msg("\"%s\": %g (missing %d), expected %g (missing %d)", c->cell, x, missing,
                     c->value, c->missing);
        }
        eng_csv_free(t);
    }
}

/* Reads the one cell of a table with eng_csv_get_number_fr and checks the value, or the whole
 * French message when expected is not NULL. */
static void expect_number_fr(char delim, const char *cell, eng_text_unit unit, double value,
                             const char *expected)
{
    eng_csv *t = one_cell(delim, cell, 1);
    eng_error err = { "" };
    double x = -1;
    int status = eng_csv_get_number_fr(t, 0, 0, unit, &x, NULL, &err);
    if (expected) {
        if (status != ENG_EINPUT || !isnan(x))
            fail_msg("\"%s\": status %d, expected a refusal", cell, status);
        assert_string_equal(err.msg, expected);
    } else if (status != ENG_OK || x != value) {
        fail_msg("\"%s\": status %d (%s), %.17g; expected %.17g", cell, status, err.msg, x, value);
    }
    eng_csv_free(t);
}

static void test_numbers_fr(void **state)
{
    (void)state;
    expect_number_fr(';', "95 200 \xE2\x82\xAC", ENG_TEXT_EURO, 95200, NULL);
    expect_number_fr(';', "95\xC2\xA0" "200,50", ENG_TEXT_EURO, 95200.5, NULL);
    expect_number_fr(';', "68,1 %", ENG_TEXT_SHARE, 0.681, NULL);
    expect_number_fr(',', "1 234.5", ENG_TEXT_PLAIN, 1234.5, NULL);
    expect_number_fr(';', "0.302325581395", ENG_TEXT_PLAIN, 0.302325581395, NULL);
    expect_number_fr(';', "95 200 x", ENG_TEXT_EURO, 0,
                     "fichier t.csv, ligne 2, colonne « v » : « 95 200 x » n'est pas "
                     "un montant ; écrivez par exemple 95 200 ou 95200");
    expect_number_fr(';', "1.234,5", ENG_TEXT_PLAIN, 0,
                     "fichier t.csv, ligne 2, colonne « v » : « 1.234,5 » se lit de deux "
                     "façons ; écrivez les milliers avec une espace et les décimales avec une "
                     "virgule, par exemple 1 234,5");
    expect_number_fr(',', "1,234", ENG_TEXT_PLAIN, 0,
                     "fichier t.csv, ligne 2, colonne « v » : « 1,234 » se lit de deux "
                     "façons ; écrivez les milliers avec une espace et les décimales avec un "
                     "point, par exemple 1 234.5");
    expect_number_fr(';', "17 %", ENG_TEXT_PLAIN, 0,
                     "fichier t.csv, ligne 2, colonne « v » : « 17 % » porte une unité "
                     "que la colonne n'attend pas ; écrivez un nombre, par exemple 1 234 ou 1234,5");
    expect_number_fr(';', "", ENG_TEXT_SHARE, 0,
                     "fichier t.csv, ligne 2, colonne « v » : cellule vide ; écrivez une "
                     "part, par exemple 68,1 % ou 0,681");
    eng_csv *t = one_cell(';', " ", 0);
    eng_error err;
    double x;
    int missing;
    assert_int_equal(eng_csv_get_number_fr(t, 0, 0, ENG_TEXT_PLAIN, &x, &missing, &err), ENG_OK);
    assert_int_equal(missing, 1);
    assert_true(isnan(x));
    eng_csv_free(t);
}

static void test_number_message_and_missing(void **state)
{
    (void)state;
    eng_csv *t = one_cell(';', "12,5x", 0);
    eng_error err;
    double x;
    int missing;
    assert_int_equal(eng_csv_get_number(t, 0, 0, &x, &missing, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "t.csv, ligne 2, colonne « v » : « 12,5x » n'est pas un nombre");
    eng_csv_free(t);

    /* Without a place for "missing", an empty cell is an error; the value is never read as 0. */
    t = one_cell(',', "", 0);
    assert_int_equal(eng_csv_get_number(t, 0, 0, &x, NULL, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "t.csv, ligne 2, colonne « v » : cellule vide ; attendu un nombre");
    assert_int_equal(eng_csv_get_number(t, 0, 0, &x, &missing, &err), ENG_OK);
    assert_int_equal(missing, 1);
    assert_true(isnan(x));
    assert_int_equal(eng_csv_get_number(t, 0, 1, &x, &missing, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "t.csv, ligne 2, colonne « w » : « x » n'est pas un nombre");
    eng_csv_free(t);
}

/* ---- Dates ---------------------------------------------------------------------------------- */

typedef struct date_case {
    const char *cell;
    int year, month, day;   /* all 0 when the cell is missing */
    const char *error;
} date_case;

static const date_case dates[] = {
    { "2023-03-15", 2023, 3, 15, NULL },
    { "2023-03", 2023, 3, 1, NULL },
    { "15/03/2023", 2023, 3, 15, NULL },
    { "5/3/2023", 2023, 3, 5, NULL },
    { "2022-1-5", 2022, 1, 5, NULL },
    { " 2022-12-31 ", 2022, 12, 31, NULL },
    { "2024-02-29", 2024, 2, 29, NULL },
    { "29/02/2000", 2000, 2, 29, NULL },
    { "31/12/1999", 1999, 12, 31, NULL },
    { "", 0, 0, 0, NULL },
    { "2023-02-29", 0, 0, 0,
      "t.csv, ligne 2, colonne « v » : « 2023-02-29 » n'est pas une date (jour 29 ; le mois 2 de 2023 a 28 jours)" },
    { "29/02/1900", 0, 0, 0, "(jour 29 ; le mois 2 de 1900 a 28 jours)" },
    { "31/04/2022", 0, 0, 0, "« 31/04/2022 » n'est pas une date (jour 31 ; le mois 4 de 2022 a 30 jours)" },
    { "2022-13", 0, 0, 0, "« 2022-13 » n'est pas une date (mois 13 ; les mois vont de 1 à 12)" },
    { "2022-00-10", 0, 0, 0, "(mois 0 ; les mois vont de 1 à 12)" },
    { "2022-01-00", 0, 0, 0, "(jour 0 ; le mois 1 de 2022 a 31 jours)" },
    { "12/13/2022", 0, 0, 0, "(mois 13 ; les mois vont de 1 à 12)" },
    { "0000-01-01", 0, 0, 0, "(année 0)" },
    { "2022/01/05", 0, 0, 0,
      "« 2022/01/05 » n'est pas une date (attendu AAAA-MM-JJ, AAAA-MM ou JJ/MM/AAAA)" },
    { "05-01-2022", 0, 0, 0, "n'est pas une date (attendu" },
    { "22-01-05", 0, 0, 0, "n'est pas une date (attendu" },
    { "2022-01-05T10:00", 0, 0, 0, "n'est pas une date (attendu" },
    { "2022-001-05", 0, 0, 0, "n'est pas une date (attendu" },
    { "05/01/22", 0, 0, 0, "n'est pas une date (attendu" },
    { "2022-", 0, 0, 0, "n'est pas une date (attendu" },
    { "janvier 2022", 0, 0, 0, "n'est pas une date (attendu" },
    { "44927", 0, 0, 0, "n'est pas une date (attendu" },
};

static void test_dates(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
        const date_case *c = &dates[k];
        eng_csv *t = one_cell(',', c->cell, 1);
        eng_error err = { "" };
        eng_date d = { -1, -1, -1 };
        int missing = -1;
        int status = eng_csv_get_date(t, 0, 0, &d, &missing, &err);
        if (c->error) {
            if (status != ENG_EINPUT || !strstr(err.msg, c->error))
                fail_msg("\"%s\": status %d, \"%s\"; expected \"%s\"", c->cell, status, err.msg,
                         c->error);
        } else if (status != ENG_OK) {
            fail_msg("\"%s\": %s", c->cell, err.msg);
        } else if (d.year != c->year || d.month != c->month || d.day != c->day ||
                   missing != (c->year == 0)) {
            fail_msg("\"%s\": %d-%d-%d (missing %d)", c->cell, d.year, d.month, d.day, missing);
        }
        eng_csv_free(t);
    }
}

static void test_date_counts(void **state)
{
    (void)state;
    assert_int_equal(eng_date_days((eng_date){ 1970, 1, 1 }), 0);
    assert_int_equal(eng_date_days((eng_date){ 1969, 12, 31 }), -1);
    assert_int_equal(eng_date_days((eng_date){ 2000, 3, 1 }), 11017);
    assert_int_equal(eng_date_days((eng_date){ 2024, 2, 29 }), 19782);
    assert_int_equal(eng_date_days((eng_date){ 1900, 3, 1 }), -25508);
    assert_int_equal(eng_date_days((eng_date){ 1, 1, 1 }), -719162);
    assert_int_equal(eng_date_days((eng_date){ 9999, 12, 31 }), 2932896);
    /* Consecutive days over a whole leap cycle, so that every month end is crossed. */
    eng_date d = { 1999, 1, 1 };
    long n = eng_date_days(d);
    for (int y = 1999; y <= 2004; y++)
        for (int m = 1; m <= 12; m++) {
            int dim = m == 2 ? (y % 4 == 0 ? 29 : 28)
                      : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
            for (int day = 1; day <= dim; day++)
                assert_int_equal(eng_date_days((eng_date){ y, m, day }), n++);
        }
    assert_int_equal(eng_date_month_index((eng_date){ 2023, 1, 31 }), 2023 * 12);
    assert_int_equal(eng_date_month_index((eng_date){ 2023, 12, 1 }) + 1,
                     eng_date_month_index((eng_date){ 2024, 1, 1 }));
}

/* ---- Columns -------------------------------------------------------------------------------- */

static void test_columns(void **state)
{
    (void)state;
    const char *data = " Date ,FILE_active,extra1,\"  nom  \",extra2\n2023-01,3,a,b,c\n";
    eng_csv *t;
    eng_error err;
    assert_int_equal(eng_csv_parse("t.csv", data, strlen(data), &t, &err), ENG_OK);
    assert_int_equal(eng_csv_ncols(t), 5);
    assert_string_equal(eng_csv_name(t), "t.csv");
    assert_string_equal(eng_csv_header(t, 0), "Date");
    assert_string_equal(eng_csv_header(t, 3), "nom");
    assert_null(eng_csv_header(t, 5));
    assert_null(eng_csv_header(t, -1));
    assert_int_equal(eng_csv_column(t, "date"), 0);
    assert_int_equal(eng_csv_column(t, "file_active"), 1);
    assert_int_equal(eng_csv_column(t, "  File_Active\t"), 1);
    assert_int_equal(eng_csv_column(t, "NOM"), 3);
    assert_int_equal(eng_csv_column(t, "file"), -1);
    assert_int_equal(eng_csv_column(t, "file_active2"), -1);
    assert_int_equal(eng_csv_column(t, ""), -1);
    assert_int_equal(eng_csv_column(t, "  "), -1);

    int col = -1;
    assert_int_equal(eng_csv_require(t, "nom", &col, &err), ENG_OK);
    assert_int_equal(col, 3);
    assert_int_equal(eng_csv_require(t, "file_activ", &col, &err), ENG_EINPUT);
    assert_int_equal(col, -1);
    assert_string_equal(err.msg, "t.csv, ligne 1 : colonne « file_activ » absente (vouliez-vous "
                                 "dire « FILE_active » ?) ; colonnes trouvées : « Date », "
                                 "« FILE_active », « extra1 », « nom », « extra2 »");
    assert_int_equal(eng_csv_require(t, "structure", &col, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "t.csv, ligne 1 : colonne « structure » absente ; colonnes "
                                 "trouvées : « Date », « FILE_active », « extra1 », « nom », "
                                 "« extra2 »");

    /* Cells by column found by name, whatever the order of the file. */
    double x;
    int missing;
    assert_int_equal(eng_csv_get_number(t, 0, eng_csv_column(t, "file_active"), &x, &missing, &err),
                     ENG_OK);
    assert_true(x == 3);
    assert_string_equal(eng_csv_get_text(t, 0, eng_csv_column(t, "nom")), "b");
    assert_null(eng_csv_get_text(t, 1, 0));
    assert_null(eng_csv_get_text(t, 0, 5));
    assert_null(eng_csv_get_text(t, 0, -1));

    assert_int_equal(eng_csv_cell_error(t, 0, 1, &err, "%d is more than the %s", 3, "capacity"),
                     ENG_EINPUT);
    assert_string_equal(err.msg, "t.csv, ligne 2, colonne « FILE_active » : 3 is more than the capacity");
    eng_csv_free(t);
    eng_csv_free(NULL);
}

/* The list of columns in the message is cut rather than overflowing it. */
static void test_require_many_columns(void **state)
{
    (void)state;
    size_t cap = 200 * 40 + 2, n = 0;
    char *data = malloc(cap);
    assert_non_null(data);
    for (int j = 0; j < 200; j++)
        n += (size_t)snprintf(data + n, cap - n, "%sa_rather_long_column_name_%d", j ? "," : "", j);
    data[n++] = '\n';
    eng_csv *t;
    eng_error err;
    assert_int_equal(eng_csv_parse("t.csv", data, n, &t, &err), ENG_OK);
    int col;
    assert_int_equal(eng_csv_require(t, "absent", &col, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "« a_rather_long_column_name_0 », "));
    assert_non_null(strstr(err.msg, ", ..."));
    eng_csv_free(t);
    free(data);
}

/* ---- Large fields and real files ------------------------------------------------------------ */

/* A growable byte buffer for building inputs. */
typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = 2 * (b->n + n);
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void test_megabyte_field(void **state)
{
    (void)state;
    /* 1 MiB of text with every character quoting has to handle, and 1024 line breaks. */
    const char piece[] = "a,b;c \"q\" d\n";   /* as stored; quoted in the file with "" */
    buf in = { 0 }, want = { 0 };
    puts_(&in, "id,text,n\n1,\"");
    size_t lines = 0;
    while (want.n < (1u << 20)) {
        puts_(&in, "a,b;c \"\"q\"\" d\n");
        put(&want, piece, sizeof piece - 1);
        lines++;
    }
    puts_(&in, "\",5\n2,short,6\n");
    eng_csv *t;
    eng_error err;
    assert_int_equal(eng_csv_parse("big.csv", in.s, in.n, &t, &err), ENG_OK);
    assert_int_equal(eng_csv_nrows(t), 2);
    const char *text = eng_csv_get_text(t, 0, 1);
    assert_int_equal(strlen(text), want.n);
    assert_memory_equal(text, want.s, want.n);
    assert_int_equal(eng_csv_line(t, 0), 2);
    assert_int_equal(eng_csv_line(t, 1), 2 + (long)lines + 1);
    assert_string_equal(eng_csv_get_text(t, 1, 1), "short");
    double x;
    assert_int_equal(eng_csv_get_number(t, 0, 1, &x, NULL, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "big.csv, ligne 2, colonne « text » : « a,b;c \"q\" d\na,b;c"));
    assert_non_null(strstr(err.msg, "\na... » n'est pas un nombre"));
    eng_csv_free(t);
    free(in.s);
    free(want.s);
}

/* The directory of this file's fixtures, from its path as compiled (relative to the repository
 * root, where the tests run). */
static void data_path(char *out, size_t size, const char *name)
{
    const char *file = __FILE__;
    const char *slash = strrchr(file, '/');
    int dir = slash ? (int)(slash - file + 1) : 0;
    snprintf(out, size, "%.*sdata/%s", dir, file, name);
}

static void test_french_export(void **state)
{
    (void)state;
    char path[512];
    data_path(path, sizeof path, "csv_obs_fr.csv");
    eng_csv *t;
    eng_error err;
    if (eng_csv_read(path, &t, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(eng_csv_delimiter(t), ';');
    assert_int_equal(eng_csv_ncols(t), 5);
    assert_int_equal(eng_csv_nrows(t), 3);
    assert_string_equal(eng_csv_header(t, 0), "mois");
    assert_int_equal(eng_csv_line(t, 0), 2);
    assert_int_equal(eng_csv_line(t, 1), 3);
    assert_int_equal(eng_csv_line(t, 2), 5);

    int mois, structure, fa, taux, comment;
    assert_int_equal(eng_csv_require(t, "Mois", &mois, &err), ENG_OK);
    assert_int_equal(eng_csv_require(t, "structure", &structure, &err), ENG_OK);
    assert_int_equal(eng_csv_require(t, "file_active", &fa, &err), ENG_OK);
    assert_int_equal(eng_csv_require(t, "taux", &taux, &err), ENG_OK);
    assert_int_equal(eng_csv_require(t, "commentaire", &comment, &err), ENG_OK);
    assert_string_equal(eng_csv_get_text(t, 1, comment),
                        "suivi \"renforc\xC3\xA9\"\r\nsur deux lignes");
    assert_string_equal(eng_csv_get_text(t, 2, structure), "ESAT; B\xC3\xA9ziers");
    assert_string_equal(eng_csv_get_text(t, 0, comment), "");

    const double want_taux[] = { 0.25, 0.3, 15 };
    const int want_month[] = { 2023 * 12, 2023 * 12 + 1, 2023 * 12 + 2 };
    for (size_t i = 0; i < 3; i++) {
        double x;
        int missing;
        eng_date d;
        assert_int_equal(eng_csv_get_number(t, i, taux, &x, &missing, &err), ENG_OK);
        assert_true(x == want_taux[i]);
        assert_int_equal(eng_csv_get_date(t, i, mois, &d, &missing, &err), ENG_OK);
        assert_int_equal(eng_date_month_index(d), want_month[i]);
        assert_int_equal(d.day, 1);
        assert_int_equal(eng_csv_get_number(t, i, fa, &x, &missing, &err), ENG_OK);
        assert_int_equal(missing, i == 2);
    }
    eng_csv_free(t);
}

static void test_missing_file(void **state)
{
    (void)state;
    char path[512], want[600];
    data_path(path, sizeof path, "csv_missing.csv");
    eng_csv *t = (eng_csv *)1;
    eng_error err;
    assert_int_equal(eng_csv_read(path, &t, &err), ENG_EINPUT);
    assert_null(t);
    snprintf(want, sizeof want, "%s : ouverture impossible : fichier ou dossier introuvable ; "
             "vérifiez le chemin", path);
    assert_string_equal(err.msg, want);

    assert_int_equal(eng_csv_read("/tmp", &t, &err), ENG_EINPUT);
    assert_null(t);
    assert_string_equal(err.msg, "/tmp : c'est un dossier ; donnez un fichier CSV");
}

/* Writes n bytes to a new temporary file whose name goes to path. */
static void write_temp(char *path, size_t size, const char *s, size_t n)
{
    snprintf(path, size, "/tmp/test_eng_csv_XXXXXX");
    test_temp_file(path, s, n);
}

static void test_latin1_file(void **state)
{
    (void)state;
    const char data[] = "id;nom\n1;Ren\xE9\n";
    char path[64], want[200];
    write_temp(path, sizeof path, data, sizeof data - 1);
    eng_csv *t = (eng_csv *)1;
    eng_error err;
    if (eng_csv_read(path, &t, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_string_equal(eng_csv_get_text(t, 0, 1), "Ren\xC3\xA9");
    assert_int_equal(eng_csv_encoding(t), ENG_ENCODING_CP1252);
    eng_csv_free(t);
    unlink(path);

    write_temp(path, sizeof path, "", 0);
    assert_int_equal(eng_csv_read(path, &t, &err), ENG_EINPUT);
    snprintf(want, sizeof want, "%s : fichier vide ; attendu une ligne d'en-tête avec les noms "
             "des colonnes", path);
    assert_string_equal(err.msg, want);
    unlink(path);
}

/* Adds a row "<line>,xxx...\r\n" long enough for the input to end at offset `end`. */
static void pad_to(buf *b, size_t end, long *line)
{
    char head[32];
    int h = snprintf(head, sizeof head, "%ld,", *line);
    size_t fill = end - b->n - (size_t)h - 2;
    puts_(b, head);
    for (size_t i = 0; i < fill; i++)
        put(b, "x", 1);
    puts_(b, "\r\n");
    (*line)++;
}

/* A file of a few MiB read in blocks of 1 MiB (the reader's block size): a CRLF split by the
 * first block boundary and a quoted multi-line cell across the second must change nothing. */
static void test_file_across_blocks(void **state)
{
    (void)state;
    const size_t block = 1u << 20;
    buf in = { 0 };
    long line = 1;
    puts_(&in, "id,text\r\n");
    line++;
    char row[64];
    while (in.n + 64 < block) {
        snprintf(row, sizeof row, "%ld,row %ld\r\n", line, line);
        puts_(&in, row);
        line++;
    }
    pad_to(&in, block + 1, &line);           /* its '\r' is the block's last byte */
    assert_int_equal(in.s[block - 1], '\r');
    assert_int_equal(in.s[block], '\n');
    long crlf_line = line - 1;
    while (in.n + 64 < 2 * block) {
        snprintf(row, sizeof row, "%ld,row %ld\r\n", line, line);
        puts_(&in, row);
        line++;
    }
    pad_to(&in, 2 * block - 12, &line);      /* the next row starts 12 bytes before the boundary */
    long quoted_line = line;
    snprintf(row, sizeof row, "%ld,\"first\r\nsecond\r\nthird\"\r\n", line);
    puts_(&in, row);
    line += 3;
    long last_line = line;
    snprintf(row, sizeof row, "%ld,last\r\n\r\n", line);
    puts_(&in, row);

    char path[64];
    write_temp(path, sizeof path, in.s, in.n);
    eng_csv *t, *m;
    eng_error err;
    if (eng_csv_read(path, &t, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(eng_csv_parse("mem", in.s, in.n, &m, &err), ENG_OK);
    size_t n = eng_csv_nrows(t);
    assert_int_equal(n, eng_csv_nrows(m));
    assert_int_equal(eng_csv_line(t, n - 1), last_line);
    assert_int_equal(eng_csv_line(t, n - 2), quoted_line);
    assert_string_equal(eng_csv_get_text(t, n - 2, 1), "first\r\nsecond\r\nthird");
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(eng_csv_line(t, i), eng_csv_line(m, i));
        assert_int_equal(eng_csv_line(t, i), (long)i + 2 + (eng_csv_line(t, i) > quoted_line ? 2 : 0));
        assert_string_equal(eng_csv_get_text(t, i, 1), eng_csv_get_text(m, i, 1));
        double id;
        assert_int_equal(eng_csv_get_number(t, i, 0, &id, NULL, &err), ENG_OK);
        assert_true(id == (double)eng_csv_line(t, i));
        const char *text = eng_csv_get_text(t, i, 1);
        if (eng_csv_line(t, i) == crlf_line)
            assert_int_equal(strspn(text, "x"), strlen(text));
    }
    eng_csv_free(t);
    eng_csv_free(m);
    unlink(path);

    /* A ragged row at the very end is reported on its line. */
    snprintf(row, sizeof row, "%ld\r\n", last_line + 2);
    puts_(&in, row);
    write_temp(path, sizeof path, in.s, in.n);
    assert_int_equal(eng_csv_read(path, &t, &err), ENG_EINPUT);
    char want[200];
    snprintf(want, sizeof want, "%s, ligne %ld : 1 champ au lieu de 2 comme dans l'en-tête ; "
             "vérifiez les séparateurs et les guillemets", path, last_line + 2);
    assert_string_equal(err.msg, want);
    unlink(path);
    free(in.s);
}

/* Writes one text cell with eng_csv_text and checks the bytes written. */
static void check_text(const char *cell, const eng_csv_style *st, const char *expect)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    eng_csv_text(f, cell, st);
    fclose(f);
    if (strcmp(out, expect) != 0)
        fail_msg("cell \"%s\" written as [%s], expected [%s]", cell, out, expect);
    free(out);
}

static void test_text_cells(void **state)
{
    (void)state;
    check_text("Ariège", &eng_csv_standard, "Ariège");
    check_text("", &eng_csv_standard, "");
    check_text("a,b", &eng_csv_standard, "\"a,b\"");
    check_text("a,b", &eng_csv_french, "a,b");
    check_text("a;b", &eng_csv_french, "\"a;b\"");
    check_text("say \"hi\"", &eng_csv_standard, "\"say \"\"hi\"\"\"");
    /* Formula injection (OWASP): a cell a spreadsheet would evaluate gets a quote, inside quotes. */
    check_text("=1+1", &eng_csv_standard, "\"'=1+1\"");
    check_text("=HYPERLINK(\"http://x\";\"y\")", &eng_csv_french,
               "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"");
    check_text("+33 1 23", &eng_csv_standard, "\"'+33 1 23\"");
    check_text("-2+3+cmd|' /C calc'!A0", &eng_csv_standard, "\"'-2+3+cmd|' /C calc'!A0\"");
    check_text("@SUM(A1:A9)", &eng_csv_standard, "\"'@SUM(A1:A9)\"");
    check_text("\t=1", &eng_csv_standard, "\"'\t=1\"");
    check_text("\r=1", &eng_csv_standard, "\"'\r=1\"");
    check_text("-", &eng_csv_standard, "\"'-\"");
    check_text("-1e", &eng_csv_standard, "\"'-1e\"");
    check_text("-.", &eng_csv_standard, "\"'-.\"");
    /* A cell that is wholly a number is read as that number, never evaluated: left as it is. */
    check_text("-0.25", &eng_csv_standard, "-0.25");
    check_text("+3", &eng_csv_standard, "+3");
    check_text("-1e-3", &eng_csv_standard, "-1e-3");
    check_text("-.5", &eng_csv_standard, "-.5");
    /* Only the first character counts. */
    check_text("a=b", &eng_csv_standard, "a=b");
}

/* What a writing call puts in a file, as a string. */
static char *written_by(void (*write)(FILE *, const void *), const void *arg)
{
    static char buf[128];
    memset(buf, 0, sizeof buf);
    FILE *f = fmemopen(buf, sizeof buf, "w");
    assert_non_null(f);
    write(f, arg);
    fclose(f);
    return buf;
}

static void begin_french(FILE *f, const void *arg)
{
    (void)arg;
    eng_csv_begin(f, &eng_csv_french);
}

static void begin_standard(FILE *f, const void *arg)
{
    (void)arg;
    eng_csv_begin(f, &eng_csv_standard);
}

static void rounded_french(FILE *f, const void *arg)
{
    eng_csv_number_rounded(f, *(const double *)arg, 3, &eng_csv_french);
}

static void rounded_standard(FILE *f, const void *arg)
{
    eng_csv_number_rounded(f, *(const double *)arg, 3, &eng_csv_standard);
}

/* --csv fr: a byte order mark first, numbers rounded with a decimal comma, and a code that reads
 * as a number kept as text behind a WORD JOINER; --csv std: none of these. */
static void test_french_writing(void **state)
{
    (void)state;
    assert_string_equal(written_by(begin_french, NULL), "\xEF\xBB\xBF");
    assert_string_equal(written_by(begin_standard, NULL), "");
    double share = 0.302325581395, half = 2.0625, tiny = -0.0004;
    assert_string_equal(written_by(rounded_french, &share), "0,302");
    assert_string_equal(written_by(rounded_french, &half), "2,063");
    assert_string_equal(written_by(rounded_french, &tiny), "0,000");
    assert_string_equal(written_by(rounded_standard, &share), "0.302325581395");
    check_text("09", &eng_csv_french, "\xE2\x81\xA0" "09");
    check_text("2E1", &eng_csv_french, "\xE2\x81\xA0" "2E1");
    check_text("1,5", &eng_csv_french, "\xE2\x81\xA0" "1,5");
    check_text("2A", &eng_csv_french, "2A");
    check_text("09", &eng_csv_standard, "09");
    check_text("=1+1", &eng_csv_french, "\"'=1+1\"");
    /* The reader drops the mark: the code is 09 again. */
    const char *text = "code;n\n\xE2\x81\xA0" "09;1\n";
    eng_csv *t = NULL;
    eng_error err = { "" };
    assert_int_equal(eng_csv_parse("fr.csv", text, strlen(text), &t, &err), ENG_OK);
    assert_string_equal(eng_csv_get_text(t, 0, 0), "09");
    eng_csv_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_number_message_and_missing),
        cmocka_unit_test(test_numbers_fr),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_date_counts),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_require_many_columns),
        cmocka_unit_test(test_megabyte_field),
        cmocka_unit_test(test_french_export),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_latin1_file),
        cmocka_unit_test(test_file_across_blocks),
        cmocka_unit_test(test_text_cells),
        cmocka_unit_test(test_french_writing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
