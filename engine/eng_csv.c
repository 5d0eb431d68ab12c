/* eng_csv.c — The CSV reader. libcsv does the tokenising; this module feeds it one physical line
 * at a time so that every record knows the line where it starts, checks the structure and the
 * UTF-8 of every field, and stores the cells as one text arena plus one offset per cell. */
#include "eng_csv.h"
#include "eng_numfmt.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "eng_msg.h"
#include "eng_text.h"

struct eng_csv {
    char *name;
    char delim;
    eng_encoding_kind encoding;   /* what the bytes of the file were */
    int ncols;
    size_t nrows;
    long header_line;
    /* Every non-empty cell's text, NUL-terminated, one after the other; text[0] is the empty
     * string that all empty cells share. */
    char *text;
    size_t text_len, text_cap;
    size_t *head;       /* ncols offsets into text: the column names */
    /* Row i's cell j is at text + base[i] + cell[i*ncols + j]. base[i] is the offset of the NUL
     * that ends the text stored before the row, so an empty cell is 0 and needs no text; 32-bit
     * offsets within a row halve the memory of the offsets, which is most of a numeric table. */
    size_t *base;
    uint32_t *cell;
    long *line;         /* nrows lines where the rows start */
    size_t row_cap;     /* rows that base, cell and line have room for */
};

/* libcsv's parser state for "no record begun" (ROW_NOT_BEGUN in libcsv.c); the state is a field of
 * the public struct csv_parser, and reading it is how we know whether a line starts a record. */
enum { LIBCSV_ROW_NOT_BEGUN = 0 };

/* libcsv grows its field buffer by a fixed block rather than doubling, so a small block makes
 * long fields quadratic; 1 MiB keeps a 100 MB field at about 100 reallocations. */
enum { FIELD_BLOCK = 1 << 20 };

/* The longest cell text quoted in an error message, in bytes; longer ones are cut with "...". */
enum { QUOTE_MAX = 40 };

/* The state of one reading, handed to libcsv's callbacks. */
typedef struct reader {
    eng_csv *t;
    struct csv_parser p;
    eng_error *err;
    int status;         /* ENG_OK until a callback or the feeder meets an error */
    char eol;           /* the byte that ends a physical line: '\n', or '\r' in a CR-only file */
    int started;        /* the delimiter and line end have been found */
    int at_line_start;  /* the next byte fed begins a new physical line */
    long line;          /* the physical line being fed, from 1 */
    long row_line;      /* the line where the current record starts */
    int nfield;         /* fields seen so far in the current record */
    int filled;         /* one of them is not empty */
    int in_header;      /* the current record is the header */
    int head_cap;       /* room in t->head while the header is read */
} reader;

/* ---- Messages -------------------------------------------------------------------------------- */

/* Writes `column "name"`, or `column N` (1-based) when the header gives no name. */
static void column_label(const eng_csv *t, int col, char *buf, size_t size)
{
    const char *name = eng_csv_header(t, col);
    if (name && *name)
        snprintf(buf, size, eng_msg_tr("colonne « %s »"), name);
    else
        snprintf(buf, size, eng_msg_tr("colonne %d"), col + 1);
}

/* Copies s into buf for quoting in a message, cut to QUOTE_MAX bytes on a character boundary. */
static void quote_cell(const char *s, char *buf, size_t size)
{
    size_t n = strlen(s);
    if (n <= QUOTE_MAX) {
        snprintf(buf, size, "%s", s);
        return;
    }
    n = QUOTE_MAX - 3;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    snprintf(buf, size, "%.*s...", (int)n, s);
}

/* Names column col of the record being read: by its header name, or by number in the header. */
static void field_label(const reader *r, int col, char *buf, size_t size)
{
    if (r->in_header)
        snprintf(buf, size, eng_msg_tr("colonne %d de l'en-tête"), col + 1);
    else
        column_label(r->t, col, buf, size);
}

static int out_of_memory(reader *r)
{
    r->status = eng_error_set(r->err, ENG_EFAIL, "mémoire insuffisante");
    return r->status;
}

/* ---- NUL bytes ------------------------------------------------------------------------------ */

/* The text reaches the parser as UTF-8 (eng_encoding converts or refuses every other encoding); a
 * NUL byte, valid in UTF-8, is all that can still stop a cell from being handed out as a C string. */
static void nul_error(reader *r, int col)
{
    char label[300];
    field_label(r, col, label, sizeof label);
    r->status = eng_error_set(r->err, ENG_EINPUT,
                             "%s, ligne %ld, %s : octet nul ; est-ce un fichier texte ? "
                             "enregistrez-le en UTF-8",
                             r->t->name, r->row_line, label);
}

/* Checks a field; on a NUL byte fills the error and returns -1. */
static int check_field(reader *r, int col, const unsigned char *s, size_t len)
{
    if (!memchr(s, '\0', len))
        return 0;
    nul_error(r, col);
    return -1;
}

/* ---- Storage --------------------------------------------------------------------------------- */

/* Appends len bytes and a NUL to the arena; returns the offset, or 0 when out of memory (offset 0
 * is the shared empty string, never the result of a real append). */
static inline size_t arena_append(reader *r, const char *s, size_t len)
{
    eng_csv *t = r->t;
    if (len + 1 > t->text_cap - t->text_len) {
        size_t cap = t->text_cap * 2;
        if (cap < t->text_len + len + 1)
            cap = t->text_len + len + 1;
        char *text = realloc(t->text, cap);
        if (!text) {
            out_of_memory(r);
            return 0;
        }
        t->text = text;
        t->text_cap = cap;
    }
    size_t off = t->text_len;
    memcpy(t->text + off, s, len);
    t->text[off + len] = '\0';
    t->text_len += len + 1;
    return off;
}

/* Doubles the room for data rows; returns 0, or -1 when out of memory. */
static int grow_rows(reader *r)
{
    eng_csv *t = r->t;
    size_t cap = t->row_cap ? 2 * t->row_cap : 64;
    uint32_t *cell = realloc(t->cell, cap * (size_t)t->ncols * sizeof *cell);
    if (cell)
        t->cell = cell;
    size_t *base = cell ? realloc(t->base, cap * sizeof *base) : NULL;
    if (base)
        t->base = base;
    long *line = base ? realloc(t->line, cap * sizeof *line) : NULL;
    if (!line) {
        out_of_memory(r);
        return -1;
    }
    t->line = line;
    t->row_cap = cap;
    return 0;
}

/* ---- libcsv callbacks ------------------------------------------------------------------------ */

static void header_field(reader *r, const char *s, size_t len)
{
    eng_csv *t = r->t;
    int col = r->nfield - 1;
    if (check_field(r, col, (const unsigned char *)s, len) != 0)
        return;
    if (col == r->head_cap) {
        int cap = r->head_cap ? 2 * r->head_cap : 16;
        size_t *head = realloc(t->head, (size_t)cap * sizeof *head);
        if (!head) {
            out_of_memory(r);
            return;
        }
        t->head = head;
        r->head_cap = cap;
    }
    /* Names are compared without the blanks that a quoted name may still carry. */
    while (len > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    t->head[col] = len ? arena_append(r, s, len) : 0;
}

static void on_field(void *field, size_t len, void *data)
{
    reader *r = data;
    if (r->status)
        return;
    const char *s = field;
    int col = r->nfield++;
    if (len)
        r->filled = 1;
    if (r->in_header) {
        header_field(r, s, len);
        return;
    }
    eng_csv *t = r->t;
    /* Cells beyond the header's count are only counted: the row is reported as ragged at its
     * end. */
    if (col >= t->ncols)
        return;
    if (col == 0) {
        if (t->nrows == t->row_cap && grow_rows(r) != 0)
            return;
        t->base[t->nrows] = t->text_len - 1;
    }
    size_t rel = 0;
    if (len) {
        if (check_field(r, col, (const unsigned char *)s, len) != 0)
            return;
        rel = arena_append(r, s, len) - t->base[t->nrows];
        if (r->status)
            return;
        if (rel > UINT32_MAX) {
            r->status = eng_error_set(r->err, ENG_EINPUT, "%s, ligne %ld : ligne de plus de 4 Gio ; "
                                     "découpez le fichier",
                                     t->name, r->row_line);
            return;
        }
    }
    t->cell[t->nrows * (size_t)t->ncols + (size_t)col] = (uint32_t)rel;
}

static void end_header(reader *r)
{
    eng_csv *t = r->t;
    t->ncols = r->nfield;
    t->header_line = r->row_line;
    r->in_header = 0;
    for (int j = 1; j < t->ncols; j++) {
        const char *b = t->text + t->head[j];
        if (!*b)
            continue;
        for (int i = 0; i < j; i++) {
            const char *a = t->text + t->head[i];
            if (eng_text_casecmp(a, b) == 0) {
                r->status = eng_error_set(r->err, ENG_EINPUT,
                                         "%s, ligne %ld : colonnes de même nom, colonne %d « %s » "
                                         "et colonne %d « %s » ; renommez l'une des deux",
                                         t->name, r->row_line, i + 1, a, j + 1, b);
                return;
            }
        }
    }
}

static void on_record(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (r->status)
        return;
    eng_csv *t = r->t;
    /* A record of empty fields only is skipped like a blank line: spreadsheets write lines of bare
     * delimiters (";;;;") for rows that are empty but formatted. */
    if (r->filled && r->in_header) {
        end_header(r);
    } else if (r->filled && r->nfield != t->ncols) {
        r->status = eng_error_set(r->err, ENG_EINPUT,
                                 "%s, ligne %ld : %d champ%s au lieu de %d comme dans "
                                 "l'en-tête ; vérifiez les séparateurs et les guillemets", t->name,
                                 r->row_line, r->nfield, r->nfield == 1 ? "" : "s", t->ncols);
        return;
    } else if (r->filled) {
        t->line[t->nrows++] = r->row_line;
    }
    r->nfield = 0;
    r->filled = 0;
    /* A record ended by a CR inside a line is followed by one starting on the same line. */
    r->row_line = r->line;
}

/* ---- Feeding libcsv -------------------------------------------------------------------------- */

/* The delimiter of the header line: the more frequent of ',' and ';' outside quotes, ',' on a tie.
 * The header is the first line that is not blank, as libcsv skips blank lines too. */
static char detect_delimiter(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    size_t commas = 0, semicolons = 0;
    int quoted = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == '\n' || c == '\r')
            break;
        else if (c == ',')
            commas++;
        else if (c == ';')
            semicolons++;
    }
    return semicolons > commas ? ';' : ',';
}

/* The byte that ends physical lines: '\r' when the first line break is a CR not followed by LF
 * (classic Mac files), '\n' otherwise (LF and CRLF files). */
static char detect_eol(const char *s, size_t n)
{
    const char *cr = memchr(s, '\r', n);
    if (!cr || cr + 1 == s + n || cr[1] == '\n')
        return '\n';
    const char *lf = memchr(s, '\n', (size_t)(cr - s));
    return lf ? '\n' : '\r';
}

static int parse_error(reader *r)
{
    if (csv_error(&r->p) != CSV_EPARSE)
        return out_of_memory(r);
    char label[300];
    field_label(r, r->nfield, label, sizeof label);
    r->status = eng_error_set(r->err, ENG_EINPUT,
                             "%s, ligne %ld, %s : guillemet mal placé ; un champ qui contient "
                             "des guillemets doit être entre guillemets, chacun de ceux du "
                             "champ doublé (\"\")",
                             r->t->name, r->line, label);
    return r->status;
}

/* Hands n bytes to libcsv, cut at line ends so that the line count is right whenever a line begins:
 * a line that begins while libcsv is between records is where the next record starts. */
static int feed(reader *r, const char *s, size_t n)
{
    if (!r->started) {
        r->started = 1;
        r->t->delim = detect_delimiter(s, n);
        csv_set_delim(&r->p, (unsigned char)r->t->delim);
        r->eol = detect_eol(s, n);
    }
    while (n > 0) {
        if (r->at_line_start) {
            r->line++;
            r->at_line_start = 0;
            if (r->p.pstate == LIBCSV_ROW_NOT_BEGUN)
                r->row_line = r->line;
        }
        const char *end = memchr(s, r->eol, n);
        size_t k = end ? (size_t)(end - s) + 1 : n;
        size_t used = csv_parse(&r->p, s, k, on_field, on_record, r);
        if (r->status)
            return r->status;
        if (used < k)
            return parse_error(r);
        r->at_line_start = end != NULL;
        s += k;
        n -= k;
    }
    return ENG_OK;
}

/* Ends the input: submits a last record without a line end and checks that the file had one. */
static int finish(reader *r)
{
    if (csv_fini(&r->p, on_field, on_record, r) != 0 && !r->status) {
        char label[300];
        field_label(r, r->nfield, label, sizeof label);
        r->status = eng_error_set(r->err, ENG_EINPUT, "%s, ligne %ld : %s ouverte par un "
                                 "guillemet jamais refermé ; ajoutez le guillemet fermant",
                                 r->t->name, r->row_line, label);
    }
    if (!r->status && r->in_header)
        r->status = eng_error_set(r->err, ENG_EINPUT, "%s : fichier vide ; attendu une ligne "
                                 "d'en-tête avec les noms des colonnes",
                                 r->t->name);
    return r->status;
}

/* Starts a reading: the table with its name and an arena of text_cap bytes, and the parser. */
static int begin(reader *r, const char *name, size_t text_cap, eng_error *err)
{
    memset(r, 0, sizeof *r);
    r->err = err;
    r->in_header = 1;
    r->at_line_start = 1;
    r->eol = '\n';
    eng_csv *t = calloc(1, sizeof *t);
    /* CSV_STRICT refuses stray quotes; CSV_STRICT_FINI makes an unclosed quote at the end an error
     * rather than a field running to the end of the file. */
    if (!t || csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        free(t);
        return out_of_memory(r);
    }
    csv_set_blk_size(&r->p, FIELD_BLOCK);
    r->t = t;
    t->delim = ',';
    t->name = strdup(name ? name : "(input)");
    t->text_cap = text_cap < 64 ? 64 : text_cap;
    t->text = malloc(t->text_cap);
    if (!t->name || !t->text)
        return out_of_memory(r);
    t->text[0] = '\0';
    t->text_len = 1;
    return ENG_OK;
}

/* Ends a reading: hands the table to *out on success, frees it otherwise. */
static int end(reader *r, eng_csv **out)
{
    csv_free(&r->p);
    if (r->status) {
        eng_csv_free(r->t);
        return r->status;
    }
    *out = r->t;
    return ENG_OK;
}

/* Parses a text already in UTF-8; `from` is the encoding it was found in. */
static int parse_text(const char *name, const eng_encoding_text *text, eng_csv **out,
                      eng_error *err)
{
    reader r;
    /* The arena never needs more than the input plus two bytes: each stored cell of n bytes used at
     * least n + 1 bytes of input (its delimiter or line end), except the file's very last one. */
    if (begin(&r, name, text->len + 2, err) == ENG_OK && feed(&r, text->data, text->len) == ENG_OK)
        finish(&r);
    if (!r.status)
        r.t->encoding = text->from;
    return end(&r, out);
}

int eng_csv_parse(const char *name, const char *data, size_t len, eng_csv **out, eng_error *err)
{
    *out = NULL;
    eng_encoding_text text;
    int status = eng_encoding_decode(name ? name : "(input)", data, len, &text, err);
    if (status == ENG_OK)
        status = parse_text(name, &text, out, err);
    eng_encoding_text_clear(&text);
    return status;
}

int eng_csv_read(const char *path, eng_csv **out, eng_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return eng_error_set(err, ENG_EINPUT, "%s : ouverture impossible : %s ; vérifiez le chemin", path, eng_msg_errno(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return eng_error_set(err, ENG_EINPUT, "%s : c'est un dossier ; donnez un fichier CSV", path);
    }
    /* The whole file is read first: whether it is UTF-8 is known only at its last byte. */
    eng_encoding_text text;
    int status = eng_encoding_read(f, path, &text, err);
    fclose(f);
    if (status == ENG_OK)
        status = parse_text(path, &text, out, err);
    eng_encoding_text_clear(&text);
    return status;
}

void eng_csv_free(eng_csv *t)
{
    if (!t)
        return;
    free(t->name);
    free(t->text);
    free(t->head);
    free(t->base);
    free(t->cell);
    free(t->line);
    free(t);
}

/* ---- Access ---------------------------------------------------------------------------------- */

const char *eng_csv_name(const eng_csv *t)
{
    return t->name;
}

eng_encoding_kind eng_csv_encoding(const eng_csv *t)
{
    return t->encoding;
}

char eng_csv_delimiter(const eng_csv *t)
{
    return t->delim;
}

size_t eng_csv_nrows(const eng_csv *t)
{
    return t->nrows;
}

int eng_csv_ncols(const eng_csv *t)
{
    return t->ncols;
}

long eng_csv_header_line(const eng_csv *t)
{
    return t->header_line;
}

const char *eng_csv_header(const eng_csv *t, int col)
{
    if (col < 0 || col >= t->ncols)
        return NULL;
    return t->text + t->head[col];
}

int eng_csv_column(const eng_csv *t, const char *name)
{
    while (*name == ' ' || *name == '\t')
        name++;
    size_t n = strlen(name);
    while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
        n--;
    if (n == 0)
        return -1;
    for (int j = 0; j < t->ncols; j++) {
        const char *h = t->text + t->head[j];
        size_t i = 0;
        /* A shorter h stops the loop at its NUL, which no byte of name within n can equal. */
        while (i < n && tolower((unsigned char)h[i]) == tolower((unsigned char)name[i]))
            i++;
        if (i == n && !h[n])
            return j;
    }
    return -1;
}

int eng_csv_require(const eng_csv *t, const char *name, int *col, eng_error *err)
{
    *col = eng_csv_column(t, name);
    if (*col >= 0)
        return ENG_OK;
    /* The closest name within two edits is most likely a typo or an accent lost in the file. */
    const char *best = NULL;
    int best_d = 3;
    /* The list is cut with "..." when the names would not fit in a message. */
    char found[600];
    size_t len = 0;
    int cut = 0;
    found[0] = '\0';
    for (int j = 0; j < t->ncols; j++) {
        const char *h = t->text + t->head[j];
        if (!*h)
            continue;
        int d = eng_text_edit_distance(name, h);
        if (d < best_d) {
            best_d = d;
            best = h;
        }
        if (cut)
            continue;
        if (len + strlen(h) + 12 < sizeof found) {
            len += (size_t)snprintf(found + len, sizeof found - len, "%s« %s »", len ? ", " : "",
                                    h);
        } else {
            len += (size_t)snprintf(found + len, sizeof found - len, "%s...", len ? ", " : "");
            cut = 1;
        }
    }
    char hint[300] = "";
    if (best)
        snprintf(hint, sizeof hint, eng_msg_tr(" (vouliez-vous dire « %s » ?)"), best);
    return eng_error_set(err, ENG_EINPUT, "%s, ligne %ld : colonne « %s » absente%s ; colonnes "
                        "trouvées : %s", t->name, t->header_line, name, hint,
                        len ? found : eng_msg_tr("aucune avec un nom"));
}

long eng_csv_line(const eng_csv *t, size_t row)
{
    return row < t->nrows ? t->line[row] : 0;
}

const char *eng_csv_get_text(const eng_csv *t, size_t row, int col)
{
    if (row >= t->nrows || col < 0 || col >= t->ncols)
        return NULL;
    const char *s = t->text + t->base[row] + t->cell[row * (size_t)t->ncols + (size_t)col];
    /* The mark --csv fr writes before a code that reads as a number (eng_csv_text). */
    return strncmp(s, ENG_CSV_TEXT_MARK, 3) == 0 ? s + 3 : s;
}

/* The message of a cell: `<name>, ligne <line>, colonne « <header> » : ` and the message in the
 * language of the messages; with `file` set, `fichier ` in front (the messages of
 * eng_csv_get_number_fr, which name an input file people fill in). */
static int cell_error_v(const eng_csv *t, size_t row, int col, eng_error *err, int file,
                        const char *fmt, va_list ap)
{
    char label[300], what[700];
    column_label(t, col, label, sizeof label);
    vsnprintf(what, sizeof what, eng_msg_tr(fmt), ap);
    if (file)
        return eng_error_set(err, ENG_EINPUT, "fichier %s, ligne %ld, %s : %s", t->name,
                             eng_csv_line(t, row), label, what);
    return eng_error_set(err, ENG_EINPUT, "%s, ligne %ld, %s : %s", t->name, eng_csv_line(t, row),
                         label, what);
}

int eng_csv_cell_error(const eng_csv *t, size_t row, int col, eng_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int status = cell_error_v(t, row, col, err, 0, fmt, ap);
    va_end(ap);
    return status;
}

/* Copies the cell without surrounding blanks into buf (size bytes); returns its length, or
 * (size_t)-1 when it does not fit (no number or date is that long). */
static size_t trimmed_copy(const char *s, char *buf, size_t size)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    if (n >= size)
        return (size_t)-1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return n;
}

/* The common start of the typed readers: copies the cell without surrounding blanks into buf and
 * sets *empty. An empty cell is accepted (with *missing set to 1) only when missing is not NULL. */
static int typed_cell(const eng_csv *t, size_t row, int col, int *missing, const char *expected,
                      char *buf, size_t size, int *empty, eng_error *err)
{
    *empty = 0;
    const char *s = eng_csv_get_text(t, row, col);
    if (!s)
        return eng_error_set(err, ENG_EINPUT, "%s : pas de cellule à la ligne %zu, colonne %d", t->name, row, col);
    size_t n = trimmed_copy(s, buf, size);
    if (n == 0) {
        *empty = 1;
        if (!missing)
            return eng_csv_cell_error(t, row, col, err, "cellule vide ; attendu %s", expected);
        *missing = 1;
        return ENG_OK;
    }
    if (missing)
        *missing = 0;
    if (n == (size_t)-1) {
        char q[QUOTE_MAX + 4];
        quote_cell(s, q, sizeof q);
        return eng_csv_cell_error(t, row, col, err, "« %s » n'est pas %s", q, expected);
    }
    return ENG_OK;
}

int eng_csv_get_number(const eng_csv *t, size_t row, int col, double *out, int *missing,
                      eng_error *err)
{
    char buf[64];
    int empty;
    *out = NAN;
    int status = typed_cell(t, row, col, missing, eng_msg_tr("un nombre"), buf, sizeof buf, &empty, err);
    if (status != ENG_OK || empty)
        return status;
    /* Only what a decimal number needs: strtod alone would also take "0x1A", "inf" and "nan". */
    int commas = 0, dots = 0, ok = 1;
    for (char *p = buf; *p; p++) {
        if (*p == ',')
            commas++;
        else if (*p == '.')
            dots++;
        else if (!strchr("0123456789+-eE", *p))
            ok = 0;
    }
    if (ok && commas == 1 && dots == 0 && t->delim == ';')
        *strchr(buf, ',') = '.';
    else if (commas > 0)
        ok = 0;
    if (ok && eng_text_parse_double(buf, out) == 0)
        return ENG_OK;
    *out = NAN;
    char q[QUOTE_MAX + 4];
    quote_cell(buf, q, sizeof q);
    return eng_csv_cell_error(t, row, col, err, "« %s » n'est pas un nombre", q);
}

static int number_error(const eng_csv *t, size_t row, int col, eng_error *err, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int number_error(const eng_csv *t, size_t row, int col, eng_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int status = cell_error_v(t, row, col, err, 1, fmt, ap);
    va_end(ap);
    return status;
}

/* What a column of each unit holds and how to write it, for the messages of eng_csv_get_number_fr:
 * [unit][0] with a decimal comma (files delimited by ';'), [unit][1] with a decimal point. */
static const struct {
    const char *noun, *example;
} figure_words[][2] = {
    [ENG_TEXT_PLAIN] = { { ENG_MSG_N("un nombre"), ENG_MSG_N("1 234 ou 1234,5") },
                         { ENG_MSG_N("un nombre"), ENG_MSG_N("1 234 ou 1234.5") } },
    [ENG_TEXT_EURO] = { { ENG_MSG_N("un montant"), ENG_MSG_N("95 200 ou 95200") },
                        { ENG_MSG_N("un montant"), ENG_MSG_N("95 200 ou 95200") } },
    [ENG_TEXT_SHARE] = { { ENG_MSG_N("une part"), ENG_MSG_N("68,1 % ou 0,681") },
                         { ENG_MSG_N("une part"), ENG_MSG_N("68.1 % ou 0.681") } },
};

int eng_csv_get_number_fr(const eng_csv *t, size_t row, int col, eng_text_unit unit, double *out,
                          int *missing, eng_error *err)
{
    *out = NAN;
    const char *s = eng_csv_get_text(t, row, col);
    if (!s)
        return eng_error_set(err, ENG_EINPUT, "%s : pas de cellule à la ligne %zu, colonne %d", t->name, row, col);
    int comma = t->delim == ';';
    const char *noun = eng_msg_tr(figure_words[unit][!comma].noun);
    const char *example = eng_msg_tr(figure_words[unit][!comma].example);
    if (s[strspn(s, " \t\r\n")] == '\0') {
        if (!missing)
            return number_error(t, row, col, err, "cellule vide ; écrivez %s, par "
                                         "exemple %s", noun, example);
        *missing = 1;
        return ENG_OK;
    }
    if (missing)
        *missing = 0;
    int status = eng_text_parse_number_fr(s, unit, comma, out);
    if (status == 0)
        return ENG_OK;
    *out = NAN;
    char q[QUOTE_MAX + 4];
    quote_cell(s, q, sizeof q);
    if (status == ENG_TEXT_AMBIGUOUS)
        return number_error(t, row, col, err, "« %s » se lit de deux façons ; "
                                     "écrivez les milliers avec une espace et les décimales "
                                     "avec %s, par exemple %s", q, comma ? eng_msg_tr("une virgule") : eng_msg_tr("un point"),
                                     comma ? "1 234,5" : "1 234.5");
    if (status == ENG_TEXT_WRONG_UNIT)
        return number_error(t, row, col, err, "« %s » porte une unité que "
                                     "la colonne n'attend pas ; écrivez %s, par exemple %s", q,
                                     noun, example);
    return number_error(t, row, col, err, "« %s » n'est pas %s ; écrivez par "
                                 "exemple %s", q, noun, example);
}

int eng_csv_get_date(const eng_csv *t, size_t row, int col, eng_date *out, int *missing,
                    eng_error *err)
{
    char buf[32], why[96];
    int empty;
    *out = (eng_date){ 0, 0, 0 };
    int status = typed_cell(t, row, col, missing, eng_msg_tr("une date"), buf, sizeof buf, &empty, err);
    if (status != ENG_OK || empty)
        return status;
    if (eng_date_parse(buf, out, why, sizeof why) != 0)
        return eng_csv_cell_error(t, row, col, err, "« %s » n'est pas une date (%s)", buf, why);
    return ENG_OK;
}

/* ---- Writing -------------------------------------------------------------------------------- */

const eng_csv_style eng_csv_standard = { ',', '.', 0 };
const eng_csv_style eng_csv_french = { ';', ',', 1 };

void eng_csv_begin(FILE *f, const eng_csv_style *style)
{
    if (style->people)
        fputs("\xEF\xBB\xBF", f);
}

/* Puts the style's decimal mark in place of the point of a number of len characters. */
static int set_decimal(char *buf, int len, const eng_csv_style *style)
{
    char *dot = style->decimal != '.' ? memchr(buf, '.', (size_t)len) : NULL;
    if (dot)
        *dot = style->decimal;
    return len;
}

int eng_csv_format_number(char *buf, double x, const eng_csv_style *style)
{
    buf[0] = '\0';
    if (isnan(x))
        return 0;
    /* %.12g prints integers below 1e12 in full; smaller magnitudes keep 12 digits. Written by
     * eng_numfmt, the same text without printf's cost. */
    int len = fabs(x) < 1e12 ? eng_numfmt_g12(buf, x)
                             : snprintf(buf, ENG_CSV_NUMBER_SIZE, "%.12e", x);
    if (len == 2 && buf[0] == '-' && buf[1] == '0')   /* a zero has no sign */
        memmove(buf, buf + 1, (size_t)len--);
    return set_decimal(buf, len, style);
}

int eng_csv_format_rounded(char *buf, double x, int places, const eng_csv_style *style)
{
    if (!style->people || isnan(x) || fabs(x) >= 1e15)
        return eng_csv_format_number(buf, x, style);
    places = places < 0 ? 0 : places > 6 ? 6 : places;
    /* Half away from zero, as people round (10.25 to one decimal is 10.3), where printf alone
     * rounds the binary value half to even (10.2). */
    double scale = pow(10, places);
    snprintf(buf, ENG_CSV_NUMBER_SIZE, "%.*f", places, round(x * scale) / scale);
    /* A small negative value rounded to zero prints "-0,0": a zero has no sign. */
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf));
    return set_decimal(buf, (int)strlen(buf), style);
}

void eng_csv_number(FILE *f, double x, const eng_csv_style *style)
{
    char buf[ENG_CSV_NUMBER_SIZE];
    fwrite(buf, 1, (size_t)eng_csv_format_number(buf, x, style), f);
}

void eng_csv_number_rounded(FILE *f, double x, int places, const eng_csv_style *style)
{
    char buf[ENG_CSV_NUMBER_SIZE];
    fwrite(buf, 1, (size_t)eng_csv_format_rounded(buf, x, places, style), f);
}

/* Whether s is wholly a decimal number: an optional sign, digits with at most one decimal mark
 * `mark` (at least one digit), an optional exponent. A spreadsheet reads such a cell as that
 * number; it cannot be a formula. */
static int plain_number(const char *s, char mark)
{
    if (*s == '+' || *s == '-')
        s++;
    int digits = 0;
    for (; isdigit((unsigned char)*s); s++)
        digits++;
    if (*s == mark)
        for (s++; isdigit((unsigned char)*s); s++)
            digits++;
    if (!digits)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!isdigit((unsigned char)*s))
            return 0;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return *s == '\0';
}

void eng_csv_text(FILE *f, const char *s, const eng_csv_style *style)
{
    int formula = s[0] && strchr("=+-@\t\r", s[0]) && !plain_number(s, '.');
    /* A code that reads as a number (09, 2E1) keeps its text in a spreadsheet behind a WORD
     * JOINER U+2060: invisible, and no digit, so the cell is no number any more. */
    if (style->people && (plain_number(s, '.') || plain_number(s, style->decimal)))
        fputs(ENG_CSV_TEXT_MARK, f);
    if (!formula && !strchr(s, style->sep) && !strpbrk(s, "\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
