/* test_report_browser.c — The annual report as a reader gets it: `eaflow report` on the default
 * scenario with the example data; report.pdf read back with pdftotext and its first page drawn by
 * pdftoppm (poppler-utils); then the page opened in headless Chromium (when installed: make deps
 * BROWSER=1), with a screenshot, the rendered page's text, and the page printed on A4 to PDF with
 * every column heading of every table in the printed text, and no department's name cut in two. */
#include "pl_fixture.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/eaflow-report-XXXXXX");
    assert_non_null(mkdtemp(dir));
    const char *argv[] = { test_eaflow_bin(), "report", "scenarios/occitanie-2022.ini", "-o", dir, "-n", "20",
                     "--observed", "scenarios/data/observed-occitanie.csv", "--funding",
                     "scenarios/data/funding-occitanie.csv", "--records",
                     "scenarios/data/records-occitanie.csv", "-q", "--lang", "fr", NULL };
    assert_int_equal(test_run(argv, NULL, NULL, 300), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *argv[] = { "rm", "-rf", dir, NULL };
    test_run(argv, NULL, NULL, 60);
    return 0;
}

/* The text with every run of blanks (spaces, tabs, line and page breaks, no-break spaces) made one
 * space, in a new string. */
static char *squeezed(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    assert_non_null(out);
    size_t n = 0;
    int blank = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int k = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ? 1
                : p[0] == 0xc2 && p[1] == 0xa0 ? 2 : 0;
        if (k) {
            if (n > 0 && !blank)
                out[n++] = ' ';
            blank = 1;
            p += k - 1;
            continue;
        }
        out[n++] = (char)*p;
        blank = 0;
    }
    out[n] = '\0';
    return out;
}

/* The text of a header cell's HTML with its entities read back. */
static void cell_text(const char *html, size_t len, char *out, size_t size)
{
    static const char *const entities[][2] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
                                               { "&quot;", "\"" }, { "&#39;", "'" } };
    size_t n = 0;
    for (size_t i = 0; i < len && n + 2 < size;) {
        size_t k = 0;
        for (size_t e = 0; e < sizeof entities / sizeof entities[0] && !k; e++)
            if (strncmp(html + i, entities[e][0], strlen(entities[e][0])) == 0) {
                out[n++] = entities[e][1][0];
                k = strlen(entities[e][0]);
            }
        if (!k)
            out[n++] = html[i], k = 1;
        i += k;
    }
    out[n] = '\0';
}

/* Whether the headings h[0..n) follow one another in text from at (where h[0] is), each less than
 * 400 characters after the previous one: a table's headings, with at most a row's values between
 * two of them (a heading of a row). */
static int headings_at(const char *at, char *const *h, int n)
{
    for (int k = 1; k < n; k++) {
        at = at + strlen(h[k - 1]);
        const char *next = strstr(at, h[k]);
        if (!next || next - at > 400)
            return 0;
        at = next;
    }
    return 1;
}

/* Every header cell (<th>) of every table of the page is in the text of the PDF, as pdftotext -raw
 * reads it (the order in which the PDF draws its text, cell by cell): a table's headings one after
 * the other, from some place where its first is, so that a heading found in another table does not
 * count. Blanks are compared as one space, since a long heading wraps inside its cell. Returns the
 * number of headings. */
static int assert_headings(const char *html, const char *pdf)
{
    char txt[256];
    snprintf(txt, sizeof txt, "%s.raw.txt", pdf);
    const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, txt, NULL };
    assert_int_equal(test_run(argv, NULL, NULL, 120), 0);
    char *raw = test_slurp(txt, NULL);
    assert_non_null(raw);
    char *text = squeezed(raw);
    int total = 0;
    for (const char *t = strstr(html, "<table"); t; t = strstr(t + 1, "<table")) {
        const char *end = strstr(t, "</table>");
        assert_non_null(end);
        char *h[64];
        int n = 0;
        for (const char *p = strstr(t, "<th"); p && p < end && n < 64; p = strstr(p + 1, "<th")) {
            if (p[3] != '>' && p[3] != ' ')
                continue;
            const char *open = strchr(p, '>'), *close = strstr(p, "</th>");
            assert_true(open && close && open < close);
            char cell[512];
            cell_text(open + 1, (size_t)(close - open - 1), cell, sizeof cell);
            h[n++] = squeezed(cell);
        }
        int found = n == 0;
        for (const char *at = n ? strstr(text, h[0]) : NULL; at && !found; at = strstr(at + 1, h[0]))
            found = headings_at(at, h, n);
        if (!found) {
            char all[2048] = "";
            for (int k = 0; k < n; k++)
                snprintf(all + strlen(all), sizeof all - strlen(all), "%s\"%s\"", k ? ", " : "",
                         h[k]);
            fail_msg("%s: the headings %s are not all in the printed text", pdf, all);
        }
        for (int k = 0; k < n; k++)
            free(h[k]);
        total += n;
    }
    free(text);
    free(raw);
    remove(txt);
    return total;
}

/* The departments of the scenario (scenarios/SOURCES.md, S1: the 13 departments of Occitanie). */
static const char *const departments[] = {
    "Ariège", "Aude", "Aveyron", "Gard", "Haute-Garonne", "Gers", "Hérault", "Lot", "Lozère",
    "Hautes-Pyrénées", "Pyrénées-Orientales", "Tarn", "Tarn-et-Garonne",
};

/* No department's name is cut at one of its hyphens at the end of a line (the style sheet keeps
 * names in table cells whole): pdftotext -raw writes such a cut as "Pyrénées-" then a line
 * break, that is "Pyrénées- Orientales" once blanks are squeezed. */
static void assert_names_whole(const char *pdf)
{
    char txt[256];
    snprintf(txt, sizeof txt, "%s.names.txt", pdf);
    const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, txt, NULL };
    assert_int_equal(test_run(argv, NULL, NULL, 120), 0);
    char *raw = test_slurp(txt, NULL);
    assert_non_null(raw);
    char *text = squeezed(raw);
    for (size_t i = 0; i < sizeof departments / sizeof departments[0]; i++)
        for (const char *h = strchr(departments[i], '-'); h; h = strchr(h + 1, '-')) {
            char cut[128];
            snprintf(cut, sizeof cut, "%.*s- %s", (int)(h - departments[i]), departments[i], h + 1);
            if (strstr(text, cut))
                fail_msg("%s: the name %s is cut at the end of a line", pdf, departments[i]);
        }
    free(text);
    free(raw);
    remove(txt);
}

/* The share of the pixels of a binary PGM (P5, 8 bits) darker than mid-grey. */
static double dark_share(const char *path)
{
    size_t n = 0;
    unsigned char *s = (unsigned char *)test_slurp(path, &n);
    assert_non_null(s);
    int w = 0, h = 0, max = 0, used = 0;
    assert_int_equal(sscanf((char *)s, "P5 %d %d %d%n", &w, &h, &max, &used), 3);
    size_t start = (size_t)used + 1, total = (size_t)w * (size_t)h;
    assert_true(max == 255 && start + total <= n);
    size_t dark = 0;
    for (size_t i = 0; i < total; i++)
        dark += s[start + i] < 128;
    free(s);
    return (double)dark / (double)total;
}

/* report.pdf is the report: the key figures of the run (the scenario's 645 places and 2 773 500 €
 * of funding), said to be simulated, the title page's date and data, every department, every
 * table's headings, the page numbers; its first page drawn is not blank. */
static void test_pdf(void **state)
{
    (void)state;
    char path[128], page1[128];
    snprintf(path, sizeof path, "%s/report.pdf", dir);
    char *text = pl_fixture_pdf_text(path);
    static const char *const wanted[] = {
        "Chiffres clés 2022", "645", "2 773 500 €", "4 300 €", "simulé", "Données illustratives",
        "scenarios/data/funding-occitanie.csv", "Sommaire", "Coût à la place", "Financement",
        "Hypothèses du scénario", "Annexe : départements", "page 2 sur ",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        pl_fixture_contains(text, wanted[i], path);
    for (size_t i = 0; i < sizeof departments / sizeof departments[0]; i++)
        pl_fixture_contains(text, departments[i], path);
    free(text);
    snprintf(page1, sizeof page1, "%s/index.html", dir);
    char *html = test_slurp(page1, NULL);
    assert_non_null(html);
    assert_true(assert_headings(html, path) > 40);
    free(html);
    assert_names_whole(path);

    snprintf(page1, sizeof page1, "%s/page1", dir);
    const char *png[] = { "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                          path, page1, NULL };
    assert_int_equal(test_run(png, NULL, NULL, 120), 0);
    snprintf(page1, sizeof page1, "%s/page1.png", dir);
    size_t size = 0;
    char *image = test_slurp(page1, &size);
    assert_non_null(image);
    assert_true(memcmp(image, "\x89PNG", 4) == 0);
    /* A blank A4 page at 50 dpi (413 x 585) compresses to about a kilobyte. */
    assert_true(size > 8000);
    free(image);
    snprintf(page1, sizeof page1, "%s/page1", dir);
    const char *pgm[] = { "pdftoppm", "-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                          path, page1, NULL };
    assert_int_equal(test_run(pgm, NULL, NULL, 120), 0);
    snprintf(page1, sizeof page1, "%s/page1.pgm", dir);
    /* The title, the warning's frame and the table of the run: some ink, far from all of it. */
    double ink = dark_share(page1);
    assert_true(ink > 0.005 && ink < 0.3);
}

/* The page stands alone: key figures first, charts inline, nothing fetched from elsewhere. */
static void test_page(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/index.html", dir);
    char *html = test_slurp(path, NULL);
    assert_non_null(html);
    char *key = strstr(html, "Chiffres clés");
    char *svg = strstr(html, "<svg");
    assert_non_null(key);
    assert_non_null(svg);
    assert_true(key < svg);
    assert_non_null(strstr(html, "645"));
    assert_true(test_contains(html, "2 773 500"));
    assert_null(strstr(html, "src=\"http"));
    assert_null(strstr(html, "href=\"http"));
    assert_null(strstr(html, "<script"));
    free(html);
    snprintf(path, sizeof path, "%s/report.pdf", dir);
    size_t size = 0;
    char *pdf = test_slurp(path, &size);
    assert_non_null(pdf);
    assert_true(size > 10000 && memcmp(pdf, "%PDF-", 5) == 0);
    free(pdf);
}

static const char *chromium(void)
{
    static const char *const candidates[] = { "/usr/bin/chromium", "/usr/bin/chromium-browser", NULL };
    for (int i = 0; candidates[i]; i++)
        if (access(candidates[i], X_OK) == 0)
            return candidates[i];
    return NULL;
}

/* In Chromium: a screenshot that is not blank, and a rendered page showing the key figures, with
 * its charts and no broken image. */
static void test_in_chromium(void **state)
{
    (void)state;
    const char *browser = chromium();
    if (!browser) {
        print_message("Chromium is not installed (make deps BROWSER=1): browser test skipped\n");
        skip();
    }
    char profile[128], shot[128], url[160], dom[128], size_arg[] = "--window-size=1280,2000";
    snprintf(profile, sizeof profile, "--user-data-dir=%s/profile", dir);
    snprintf(shot, sizeof shot, "--screenshot=%s/shot.png", dir);
    snprintf(url, sizeof url, "file://%s/index.html", dir);
    snprintf(dom, sizeof dom, "%s/dom.html", dir);
    char *flags[] = { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync" };
    const char *argv[16];
    int n = 0;
    argv[n++] = browser;
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        argv[n++] = flags[i];
    argv[n++] = profile;
    argv[n++] = size_arg;
    argv[n++] = shot;
    argv[n++] = url;
    argv[n] = NULL;
    assert_int_equal(test_run(argv, NULL, NULL, 120), 0);
    char path[128];
    snprintf(path, sizeof path, "%s/shot.png", dir);
    size_t size = 0;
    char *png = test_slurp(path, &size);
    assert_non_null(png);
    assert_true(memcmp(png, "\x89PNG", 4) == 0);
    /* A blank 1280 x 2000 page compresses to a few kilobytes; figures and charts take far more. */
    assert_true(size > 60000);
    free(png);

    argv[n - 2] = "--dump-dom";
    assert_int_equal(test_run(argv, dom, NULL, 120), 0);
    char *html = test_slurp(dom, NULL);
    assert_non_null(html);
    assert_non_null(strstr(html, "Chiffres clés"));
    /* The DOM Chromium dumps writes the no-break spaces of the number as &nbsp; or as U+00A0. */
    assert_true(strstr(html, "2&nbsp;773&nbsp;500") || strstr(html, "2\xC2\xA0" "773\xC2\xA0" "500")
                || test_contains(html, "2 773 500"));
    int svgs = 0;
    for (char *p = html; (p = strstr(p, "<svg")); p++)
        svgs++;
    assert_true(svgs >= 5);
    /* No broken image: every image is inline SVG; an <img> would have to carry its data. */
    for (char *p = html; (p = strstr(p, "<img")); p++) {
        char *end = strchr(p, '>'), *src = strstr(p, "src=\"data:");
        assert_true(end && src && src < end);
    }
    free(html);

    /* Printed on A4 (the page's style sheet sets the sizes), every column heading is there. */
    char pdf[160], print_arg[192];
    snprintf(pdf, sizeof pdf, "%s/chromium.pdf", dir);
    snprintf(print_arg, sizeof print_arg, "--print-to-pdf=%s", pdf);
    argv[n - 3] = "--no-pdf-header-footer";
    argv[n - 2] = print_arg;
    assert_int_equal(test_run(argv, NULL, NULL, 300), 0);
    pl_fixture_check_pdf(pdf);
    char page[128];
    snprintf(page, sizeof page, "%s/index.html", dir);
    html = test_slurp(page, NULL);
    assert_non_null(html);
    assert_true(assert_headings(html, pdf) > 40);
    free(html);
    assert_names_whole(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_in_chromium),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
