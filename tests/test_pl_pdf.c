/* test_pl_pdf.c — Tests of report.pdf's layout by WeasyPrint: a small page with page numbers and a
 * landscape page read back with pdftotext, gnuplot's point symbols drawn in their colour (read back
 * with pdftoppm), paths that look like options, and a missing, failing, silent or hung renderer
 * (stand-in programs on PATH). */
#include "pl_fixture.h"
#include "engine/eng_msg.h"
#include "plots/pl_html.h"
#include "plots/pl_pdf.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    return pl_fixture_setup(tmpdir, "test_pl_pdf", NULL);
}

static int teardown(void **state)
{
    (void)state;
    return pl_fixture_teardown(tmpdir);
}

/* Two A4 pages, the second landscape, numbered in their bottom margin: the numbers, the text and
 * the sizes come back from the PDF. */
static void test_render(void **state)
{
    (void)state;
    pl_fixture_write(tmpdir, "two.html",
                     "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><style>"
                     "@page{size:A4;@bottom-right{content:\"page \" counter(page) \" sur \" "
                     "counter(pages)}}@page land{size:A4 landscape}"
                     "section{page:land}</style></head><body><p>Première page, été</p>"
                     "<section><p>Deuxième page</p></section></body></html>");
    char html[128], pdf[128];
    snprintf(html, sizeof html, "%s/two.html", tmpdir);
    snprintf(pdf, sizeof pdf, "%s/two.pdf", tmpdir);
    eng_error err = { { 0 } };
    if (pl_pdf_render(html, pdf, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    pl_fixture_check_pdf(pdf);
    char *text = pl_fixture_pdf_text(pdf);
    pl_fixture_contains(text, "Première page, été", "the PDF's text");
    pl_fixture_contains(text, "Deuxième page", "the PDF's text");
    pl_fixture_contains(text, "page 1 sur 2", "the PDF's text");
    pl_fixture_contains(text, "page 2 sur 2", "the PDF's text");
    free(text);
    /* A4 is 595 x 842 points: portrait, then landscape. */
    char info[512];
    snprintf(info, sizeof info, "%s/two.info", tmpdir);
    const char *argv[] = { "pdfinfo", "-f", "1", "-l", "2", pdf, NULL };
    assert_int_equal(test_run(argv, info, NULL, 60), 0);
    char *s = test_slurp(info, NULL);
    assert_non_null(s);
    const char *p1 = strstr(s, "Page    1 size:"), *p2 = strstr(s, "Page    2 size:");
    assert_non_null(p1);
    assert_non_null(p2);
    double w1, h1, w2, h2;
    assert_int_equal(sscanf(p1 + 15, "%lf x %lf", &w1, &h1), 2);
    assert_int_equal(sscanf(p2 + 15, "%lf x %lf", &w2, &h2), 2);
    assert_abs(w1, 595.3, 1);
    assert_abs(h1, 841.9, 1);
    assert_abs(w2, 841.9, 1);
    assert_abs(h2, 595.3, 1);
    free(s);
}

/* Counts the pixels of a binary PPM (P6, 8 bits) that are pure enough red: red above 200, green
 * and blue under 80. */
static long red_pixels(const char *path)
{
    size_t n = 0;
    unsigned char *s = (unsigned char *)test_slurp(path, &n);
    assert_non_null(s);
    int w = 0, h = 0, max = 0, used = 0;
    assert_int_equal(sscanf((char *)s, "P6 %d %d %d%n", &w, &h, &max, &used), 3);
    assert_int_equal(max, 255);
    size_t start = (size_t)used + 1;
    assert_true(start + (size_t)w * h * 3 <= n);
    long red = 0;
    for (size_t i = start; i + 2 < start + (size_t)w * h * 3; i += 3)
        red += s[i] > 200 && s[i + 1] < 80 && s[i + 2] < 80;
    free(s);
    return red;
}

/* gnuplot's point symbols take the colour of the <use> that places them (currentColor), one of them
 * through another symbol: WeasyPrint 57 stopped with an error on them until pl_html_svg wrapped
 * each in a group. The page is laid out and the symbols come out red. */
static void test_symbols(void **state)
{
    (void)state;
    pl_fixture_write(tmpdir, "symbols.svg",
                     "<?xml version=\"1.0\"?>\n<svg width=\"200\" height=\"100\" "
                     "viewBox=\"0 0 200 100\" xmlns=\"http://www.w3.org/2000/svg\" "
                     "xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<title>Gnuplot</title>\n"
                     "<defs>\n<circle id='gpPt5' stroke-width='0.167' stroke='currentColor' "
                     "cx='0' cy='0' r='1'/>\n<use xlink:href='#gpPt5' id='gpPt6' "
                     "fill='currentColor' stroke='none'/>\n</defs>\n"
                     "<use xlink:href='#gpPt6' transform='translate(50,50) scale(30)' "
                     "color='rgb(255,   0,   0)'/>\n"
                     "<use xlink:href='#gpPt5' transform='translate(150,50) scale(30)' "
                     "color='rgb(255,   0,   0)' stroke-width='10'/>\n</svg>\n");
    char svg[128], html[128], pdf[128], ppm[128];
    snprintf(svg, sizeof svg, "%s/symbols.svg", tmpdir);
    snprintf(html, sizeof html, "%s/symbols.html", tmpdir);
    snprintf(pdf, sizeof pdf, "%s/symbols.pdf", tmpdir);
    FILE *f = fopen(html, "w");
    assert_non_null(f);
    fputs("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>svg{width:100%}</style>"
          "</head><body>", f);
    eng_error err = { { 0 } };
    assert_int_equal(pl_html_svg(f, svg, "c0", "Points", &err), ENG_OK);
    fputs("</body></html>", f);
    assert_int_equal(fclose(f), 0);
    if (pl_pdf_render(html, pdf, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    snprintf(ppm, sizeof ppm, "%s/symbols", tmpdir);
    const char *argv[] = { "pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf, ppm,
                           NULL };
    assert_int_equal(test_run(argv, NULL, NULL, 60), 0);
    snprintf(ppm, sizeof ppm, "%s/symbols.ppm", tmpdir);
    /* The filled disc alone, 30 units of 200 across a page about 180 mm wide at 40 dpi, covers
     * hundreds of pixels. */
    assert_true(red_pixels(ppm) > 200);
}

/* Relative paths that start with '-' or look like a URL are still files. */
static void test_odd_paths(void **state)
{
    (void)state;
    char cwd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(tmpdir), 0);
    pl_fixture_write(".", "-in.html", "<p>tiret</p>");
    pl_fixture_write(".", "http:x.html", "<p>deux-points</p>");
    eng_error err = { { 0 } };
    int a = pl_pdf_render("-in.html", "-out.pdf", &err);
    int b = a == ENG_OK ? pl_pdf_render("http:x.html", "http:x.pdf", &err) : a;
    assert_int_equal(chdir(cwd), 0);
    if (a != ENG_OK || b != ENG_OK)
        fail_msg("%s", err.msg);
    char path[256];
    snprintf(path, sizeof path, "%s/-out.pdf", tmpdir);
    char *text = pl_fixture_pdf_text(path);
    pl_fixture_contains(text, "tiret", "-out.pdf");
    free(text);
    snprintf(path, sizeof path, "%s/http:x.pdf", tmpdir);
    text = pl_fixture_pdf_text(path);
    pl_fixture_contains(text, "deux-points", "http:x.pdf");
    free(text);
}

/* Runs pl_pdf_render with PATH holding only bin (NULL: an empty directory), the environment
 * variable EAFLOW_PDF_TIMEOUT set to timeout (NULL: unset); returns its status. */
static int render_with(const char *bin, const char *timeout, eng_error *err)
{
    char empty[128], html[128], pdf[128];
    snprintf(empty, sizeof empty, "%s/empty-bin", tmpdir);
    mkdir(empty, 0755);
    snprintf(html, sizeof html, "%s/stand-in.html", tmpdir);
    snprintf(pdf, sizeof pdf, "%s/stand-in.pdf", tmpdir);
    pl_fixture_write(tmpdir, "stand-in.html", "<p>x</p>");
    pl_fixture_write(tmpdir, "stand-in.pdf", "");
    char *saved = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    assert_non_null(saved);
    setenv("PATH", bin ? bin : empty, 1);
    if (timeout)
        setenv("EAFLOW_PDF_TIMEOUT", timeout, 1);
    int status = pl_pdf_render(html, pdf, err);
    setenv("PATH", saved, 1);
    unsetenv("EAFLOW_PDF_TIMEOUT");
    free(saved);
    return status;
}

/* Writes an executable script bin/weasyprint. */
static void stand_in(const char *bin, const char *script)
{
    mkdir(bin, 0755);
    pl_fixture_write(bin, "weasyprint", script);
    char path[256];
    snprintf(path, sizeof path, "%s/weasyprint", bin);
    assert_int_equal(chmod(path, 0755), 0);
}

static void test_missing(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    assert_int_equal(render_with(NULL, NULL, &err), ENG_EFAIL);
    pl_fixture_contains(err.msg, "weasyprint n'est pas installé : apt-get install weasyprint",
                        "the error");
    eng_msg_set_lang(ENG_MSG_EN);
    assert_int_equal(render_with(NULL, NULL, &err), ENG_EFAIL);
    eng_msg_set_lang(ENG_MSG_FR);
    pl_fixture_contains(err.msg, "weasyprint is not installed: apt-get install weasyprint",
                        "the English error");
}

/* A renderer that fails says why (the last line it wrote); one that writes nothing, or hangs past
 * the time limit, is an error too; a time limit that is not a number is refused. */
static void test_failures(void **state)
{
    (void)state;
    char bin[128];
    eng_error err = { { 0 } };
    snprintf(bin, sizeof bin, "%s/failing", tmpdir);
    stand_in(bin, "#!/bin/sh\necho 'Traceback (most recent call last):' >&2\n"
                  "echo 'ValueError: too many values to unpack' >&2\nexit 1\n");
    assert_int_equal(render_with(bin, NULL, &err), ENG_EFAIL);
    pl_fixture_contains(err.msg, "weasyprint a échoué (code de sortie 1) : ValueError: too many "
                        "values to unpack", "the error");

    snprintf(bin, sizeof bin, "%s/silent", tmpdir);
    stand_in(bin, "#!/bin/sh\nexit 0\n");
    assert_int_equal(render_with(bin, NULL, &err), ENG_EFAIL);
    pl_fixture_contains(err.msg, "sans écrire de PDF", "the error");

    snprintf(bin, sizeof bin, "%s/hung", tmpdir);
    stand_in(bin, "#!/bin/sh\nexec /bin/sleep 30\n");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(render_with(bin, "0.5", &err), ENG_EFAIL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    pl_fixture_contains(err.msg, "n'a pas fini en 0.5 s", "the error");
    assert_true(t1.tv_sec - t0.tv_sec < 10);

    assert_int_equal(render_with(bin, "soon", &err), ENG_EINPUT);
    pl_fixture_contains(err.msg, "EAFLOW_PDF_TIMEOUT=soon", "the error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_symbols),
        cmocka_unit_test(test_odd_paths),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
