/* pl_fixture.h — What the tests of plots/ share: a scratch directory with a real run of the
 * Occitanie scenario, checks of written files (XML and HTML well-formed, PNG, PDF, SVG), and the
 * charts and report of a directory drawn into sets of outputs as eaflow does it. */
#ifndef PL_FIXTURE_H
#define PL_FIXTURE_H

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"
#include "test_proc.h"
#include "engine/eng_out.h"
#include "plots/pl_charts.h"
#include "plots/pl_report.h"

#define PL_FIXTURE_DATA "tests/data/"

/* The hand-made tables: three months of 2022 for the region, every table small enough that each
 * figure a chart or reading shows can be computed by hand. */
#define PL_FIXTURE_HAND PL_FIXTURE_DATA "pl_hand"

static inline int pl_fixture_copy_file(const char *from, const char *to)
{
    size_t n;
    char *s = test_slurp(from, &n);
    FILE *f = s ? fopen(to, "wb") : NULL;
    int ok = f && fwrite(s, 1, n, f) == n;
    if (f && fclose(f) != 0)
        ok = 0;
    free(s);
    return ok ? 0 : -1;
}

/* Copies every regular file of a directory (not its subdirectories) into a new directory. */
static inline int pl_fixture_copy_dir(const char *from, const char *to)
{
    if (mkdir(to, 0755) != 0)
        return -1;
    DIR *d = opendir(from);
    if (!d)
        return -1;
    int status = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && status == 0;) {
        char a[512], b[512];
        struct stat st;
        snprintf(a, sizeof a, "%s/%s", from, e->d_name);
        snprintf(b, sizeof b, "%s/%s", to, e->d_name);
        if (stat(a, &st) == 0 && S_ISREG(st.st_mode))
            status = pl_fixture_copy_file(a, b);
    }
    closedir(d);
    return status;
}

/* The files that the hostile texts of tests/data/pl_inject create if anything runs them. */
#define PL_FIXTURE_PWNED { "/tmp/pwned", "/tmp/pwned2" }

/* Copies the hostile tables of tests/data/pl_inject into the new directory dir/name, its path in
 * copy (a buffer of 128), and removes the files their texts would create if anything ran them. */
static inline void pl_fixture_inject(char *copy, const char *dir, const char *name)
{
    static const char *const pwned[] = PL_FIXTURE_PWNED;
    snprintf(copy, 128, "%s/%s", dir, name);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_DATA "pl_inject", copy), 0);
    for (size_t i = 0; i < sizeof pwned / sizeof pwned[0]; i++)
        remove(pwned[i]);
}

/* Checks that nothing ran the hostile texts of pl_inject: none of their files is there. */
static inline void pl_fixture_not_run(void)
{
    static const char *const pwned[] = PL_FIXTURE_PWNED;
    for (size_t i = 0; i < sizeof pwned / sizeof pwned[0]; i++)
        if (access(pwned[i], F_OK) == 0)
            fail_msg("%s was created", pwned[i]);
}

/* Makes a scratch directory tmpdir (a buffer of 64) named after the test; when occ is not NULL,
 * fills occ (a buffer of 128) with tmpdir/occ, a run of the Occitanie scenario with 20
 * replications, compared with the observations and with the costs of the funding table (by
 * ./eaflow, or $EAFLOW_BIN), plus the fixtures of km.csv, fit.csv and sweep.csv.
 * Returns 0, or -1 when something failed. */
static inline int pl_fixture_setup(char *tmpdir, const char *test, char *occ)
{
    if (test_dir_make(tmpdir, test) != 0)
        return -1;
    if (!occ)
        return 0;
    snprintf(occ, 128, "%s/occ", tmpdir);
    if (test_eaflow(NULL, NULL, "simulate", "scenarios/occitanie-2022.ini", "-n", "20", "-o", occ,
                    "-q", NULL) != 0
        || test_eaflow(NULL, NULL, "compare", "scenarios/occitanie-2022.ini", "--observed",
                       "scenarios/data/observed-occitanie.csv", "-n", "20", "-o", occ, "-q",
                       NULL) != 0
        || test_eaflow(NULL, NULL, "costs", "scenarios/data/funding-occitanie.csv", "-o", tmpdir,
                       "-q", NULL) != 0)
        return -1;
    /* Each command replaces the whole set of the one before it in its directory: the costs are
     * written apart and copied in, as the fixtures. */
    static const char *const costs[] = { "costs.csv", "costs-dispersion.csv" };
    for (size_t i = 0; i < sizeof costs / sizeof costs[0]; i++) {
        char from[256], to[256];
        snprintf(from, sizeof from, "%s/%s", tmpdir, costs[i]);
        snprintf(to, sizeof to, "%s/%s", occ, costs[i]);
        if (pl_fixture_copy_file(from, to) != 0)
            return -1;
    }
    static const char *const fixtures[][2] = { { "pl_km.csv", "km.csv" },
                                               { "pl_fit.csv", "fit.csv" },
                                               { "pl_sweep.csv", "sweep.csv" } };
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        char from[256], to[256];
        snprintf(from, sizeof from, PL_FIXTURE_DATA "%s", fixtures[i][0]);
        snprintf(to, sizeof to, "%s/%s", occ, fixtures[i][1]);
        if (pl_fixture_copy_file(from, to) != 0)
            return -1;
    }
    return 0;
}

static inline int pl_fixture_teardown(const char *tmpdir)
{
    return test_dir_remove(tmpdir);
}

/* What a test file of plots/ that draws from a real run starts with: its scratch directory tmpdir,
 * occ (the Occitanie run of pl_fixture_setup, in it), and the group's setup and teardown for
 * cmocka_run_group_tests, which make and remove them. */
#define PL_FIXTURE_GROUP(test)                                                                  \
    static char tmpdir[64];                                                                     \
    static char occ[128];                                                                       \
    static int setup(void **state)                                                              \
    {                                                                                           \
        (void)state;                                                                            \
        return pl_fixture_setup(tmpdir, test, occ);                                             \
    }                                                                                           \
    static int teardown(void **state)                                                           \
    {                                                                                           \
        (void)state;                                                                            \
        return pl_fixture_teardown(tmpdir);                                                     \
    }

/* Writes text into dir/name. */
static inline void pl_fixture_write(const char *dir, const char *name, const char *text)
{
    test_write(dir, name, text);
}

/* Whether an '&' at s starts an entity (&name; or &#...;). */
static inline int pl_fixture_entity(const char *s)
{
    size_t i = 1;
    if (s[i] == '#')
        i++;
    size_t start = i;
    while (s[i] && (s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
                    || (s[i] >= '0' && s[i] <= '9')))
        i++;
    return i > start && s[i] == ';';
}

/* Skips the declaration (<?xml ...?>, <!DOCTYPE ...>) or comment that starts at p: returns what
 * follows it, p itself when none starts there, NULL when it is not terminated. */
static inline const char *pl_fixture_skip_declaration(const char *p)
{
    if (strncmp(p, "<?", 2) == 0 || strncmp(p, "<!DOCTYPE", 9) == 0
        || strncmp(p, "<!doctype", 9) == 0) {
        const char *end = strchr(p, '>');
        return end ? end + 1 : NULL;
    }
    if (strncmp(p, "<!--", 4) == 0) {
        const char *end = strstr(p, "-->");
        return end ? end + 3 : NULL;
    }
    return p;
}

/* A minimal well-formedness check of XML (or of HTML with void elements when html is 1): every tag
 * is closed in order, attribute values are quoted, and '&' in text starts an entity. Returns NULL,
 * or what is wrong. */
static inline const char *pl_fixture_well_formed(const char *s, int html)
{
    static char why[256];
    static const char *const voids[] = { "meta", "br", "hr", "img", "link", "input" };
    char stack[256][32];
    int depth = 0, seen_root = 0;
    for (const char *p = s; *p;) {
        if (*p == '&') {
            if (!pl_fixture_entity(p))
                return "an '&' that is not an entity";
            p++;
            continue;
        }
        if (*p != '<') {
            p++;
            continue;
        }
        const char *after = pl_fixture_skip_declaration(p);
        if (!after)
            return "an unterminated declaration or comment";
        if (after != p) {
            p = after;
            continue;
        }
        int closing = p[1] == '/';
        const char *name = p + 1 + closing;
        size_t n = strcspn(name, " \t\r\n/>");
        if (n == 0 || n >= 32)
            return "a tag without a name";
        const char *q = name + n;
        int self = 0;
        while (*q && *q != '>') {
            if (*q == '"' || *q == '\'') {
                const char *end = strchr(q + 1, *q);
                if (!end)
                    return "an unterminated attribute value";
                q = end + 1;
                continue;
            }
            if (*q == '<')
                return "a '<' inside a tag";
            self = *q == '/';
            q++;
        }
        if (!*q)
            return "an unterminated tag";
        int is_void = 0;
        for (size_t i = 0; html && i < sizeof voids / sizeof voids[0]; i++)
            is_void |= strlen(voids[i]) == n && strncmp(name, voids[i], n) == 0;
        if (closing) {
            if (depth == 0 || strlen(stack[depth - 1]) != n ||
                strncmp(stack[depth - 1], name, n) != 0) {
                snprintf(why, sizeof why, "</%.*s> closes <%s>", (int)n, name,
                         depth ? stack[depth - 1] : "nothing");
                return why;
            }
            depth--;
        } else if (!self && !is_void) {
            if (depth == 256)
                return "too deep";
            snprintf(stack[depth++], 32, "%.*s", (int)n, name);
            seen_root = 1;
            if (html && n == 5 && strncmp(name, "style", 5) == 0) {
                /* CSS is raw text: skip to its end tag. */
                q = strstr(q, "</style>");
                if (!q)
                    return "unterminated style";
                q--;
            }
        }
        p = q + 1;
    }
    if (depth != 0) {
        snprintf(why, sizeof why, "<%s> is never closed", stack[depth - 1]);
        return why;
    }
    return seen_root ? NULL : "no element";
}

static inline int pl_fixture_count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

/* Reads a file that must be there, hold at least `least` bytes and start with `magic`, and
 * returns its contents (*n bytes); fails the test naming `kind` otherwise. */
static inline char *pl_fixture_read_kind(const char *path, const char *magic, size_t least,
                                         const char *kind, size_t *n)
{
    char *s = test_slurp(path, n);
    if (!s)
        fail_msg("%s: missing", path);
    if (*n < least || memcmp(s, magic, strlen(magic)) != 0)
        fail_msg("%s: not a %s", path, kind);
    return s;
}

static inline void pl_fixture_check_png(const char *path)
{
    size_t n;
    char *s = pl_fixture_read_kind(path, "\x89PNG\r\n\x1a\n", 8, "PNG", &n);
    /* A blank 1280 x 720 image compresses to about a kilobyte; a chart takes tens. */
    if (n < 8000)
        fail_msg("%s: %zu bytes, a blank image?", path, n);
    free(s);
}

static inline void pl_fixture_check_pdf(const char *path)
{
    size_t n;
    char *s = pl_fixture_read_kind(path, "%PDF-", 1000, "PDF", &n);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
        n--;
    if (n < 5 || memcmp(s + n - 5, "%%EOF", 5) != 0)
        fail_msg("%s: no %%%%EOF at the end", path);
    free(s);
}

/* The text of a PDF as pdftotext (poppler-utils, installed by make deps) reads it, in a string to
 * free; written beside the PDF as PDF.txt. Fails the test when pdftotext cannot read it. */
static inline char *pl_fixture_pdf_text(const char *pdf)
{
    char txt[600];
    snprintf(txt, sizeof txt, "%s.txt", pdf);
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, txt, NULL };
    if (test_run(argv, NULL, NULL, 120) != 0)
        fail_msg("pdftotext %s failed (is poppler-utils installed? make deps)", pdf);
    char *s = test_slurp(txt, NULL);
    if (!s)
        fail_msg("%s: missing", txt);
    remove(txt);
    return s;
}

/* Reads an SVG, checks it is well-formed and not blank, and returns its text. */
static inline char *pl_fixture_check_svg(const char *path)
{
    char *s = test_slurp(path, NULL);
    if (!s)
        fail_msg("%s: missing", path);
    const char *why = pl_fixture_well_formed(s, 0);
    if (why)
        fail_msg("%s: not well-formed: %s", path, why);
    if (!strstr(s, "<svg") || pl_fixture_count(s, "<path") < 5)
        fail_msg("%s: no drawing", path);
    return s;
}

static inline void pl_fixture_contains(const char *text, const char *what, const char *where)
{
    if (!test_contains(text, what))
        fail_msg("%s does not contain \"%s\"", where, what);
}

static inline void pl_fixture_chart_path(char *buf, size_t size, const char *dir, const char *name,
                                         const char *ext)
{
    snprintf(buf, size, "%s/plots/%s.%s", dir, name, ext);
}

/* The chart list of a directory, with its tables; fails the test when they cannot be read. */
static inline void pl_fixture_charts_of(const char *dir, pl_text_lang lang, pl_data **d,
                                        pl_charts **c)
{
    eng_error err = { { 0 } };
    if (pl_data_read(dir, d, &err) != ENG_OK || pl_charts_alloc(*d, lang, 0, c, &err) != ENG_OK)
        fail_msg("%s", err.msg);
}

static inline int pl_fixture_find_chart(const pl_charts *c, const char *name)
{
    for (int i = 0; i < pl_charts_count(c); i++)
        if (strcmp(pl_charts_name(c, i), name) == 0)
            return i;
    fail_msg("no chart %s", name);
    return -1;
}

/* The gnuplot commands of one chart of the list, in a string to free. They go through a temporary
 * file rather than open_memstream, whose buffer GCC takes for a local of this function. */
static inline char *pl_fixture_script(const pl_charts *c, const char *name)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_charts_emit(c, pl_fixture_find_chart(c, name), f);
    return test_written(f);
}

/* A text that the SVG of a chart must hold. */
typedef struct pl_fixture_text {
    const char *chart, *text;
} pl_fixture_text;

/* Checks that the SVG of each chart in dir/plots is well-formed and holds its text. */
static inline void pl_fixture_check_texts(const char *dir, const pl_fixture_text *texts, size_t n)
{
    char path[512];
    for (size_t i = 0; i < n; i++) {
        pl_fixture_chart_path(path, sizeof path, dir, texts[i].chart, "svg");
        char *svg = pl_fixture_check_svg(path);
        pl_fixture_contains(svg, texts[i].text, path);
        free(svg);
    }
}

/* No temporary file is left in dir (names starting with a dot). */
static inline void pl_fixture_no_leftovers(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            fail_msg("%s/%s left behind", dir, e->d_name);
    closedir(d);
}

/* Checks that a run that failed left nothing half-written in dir: no temporary file in dir/sub (in
 * dir itself when sub is NULL), no file dir/absent, and the tables (dir/monthly.csv) still there. */
static inline void pl_fixture_untouched(const char *dir, const char *sub, const char *absent)
{
    pl_fixture_no_leftovers(sub ? test_path(dir, sub) : dir);
    assert_int_equal(access(test_path(dir, absent), F_OK), -1);
    assert_int_equal(access(test_path(dir, "monthly.csv"), F_OK), 0);
}

/* Draws the charts of dir into dir/plots as `eaflow plot` does: the tables read and listed first,
 * then a set of outputs begun, drawn into and committed; *n is the number of charts drawn. */
static inline int pl_fixture_plot(const char *dir, pl_gnuplot_format format, pl_text_lang lang,
                                  int *n, eng_error *err)
{
    char plots[512];
    snprintf(plots, sizeof plots, "%s/plots", dir);
    pl_charts *c = NULL;
    *n = 0;
    int status = pl_charts_read(dir, lang, &c, err);
    eng_out *out = status == ENG_OK ? eng_out_begin(plots, err) : NULL;
    if (status == ENG_OK)
        status = eng_out_finish(out, out ? pl_charts_draw(c, out, format, err) : ENG_EFAIL, err);
    if (status == ENG_OK)
        *n = pl_charts_count(c);
    pl_charts_free(c);
    return status;
}

/* Draws the charts of dir as pl_fixture_plot does, failing the test on an error; returns the number
 * of charts drawn. */
static inline int pl_fixture_plot_ok(const char *dir, pl_gnuplot_format format, pl_text_lang lang)
{
    eng_error err = { { 0 } };
    int n = 0;
    if (pl_fixture_plot(dir, format, lang, &n, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    return n;
}

/* Writes the report of dir into dir, in a set of outputs begun and committed here. */
static inline int pl_fixture_report(const char *dir, const pl_report_input *in, eng_error *err)
{
    eng_out *out = eng_out_begin(dir, err);
    return eng_out_finish(out, out ? pl_report_write(out, dir, in, err) : ENG_EFAIL, err);
}

#endif
