/* test_pl_html.c — Tests of the report's HTML writing: escaped text and cells, and a gnuplot SVG
 * file inlined with its ids prefixed and its title replaced, written by hand here. */
#include "pl_fixture.h"
#include "plots/pl_html.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    return pl_fixture_setup(tmpdir, "test_pl_html", NULL);
}

static int teardown(void **state)
{
    (void)state;
    return pl_fixture_teardown(tmpdir);
}

static void test_text(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_html_text(f, "<b>Tom & \"Jerry\"</b> l'été\ta\r\nb\rc\x01\x1f" "d");
    char *s = test_written(f);
    assert_string_equal(s, "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; l&#39;été\ta\nb\ncd");
    free(s);
}

static void test_cells(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_html_th(f, "Coût <€>", 1);
    pl_html_th(f, "Nom", 0);
    pl_html_td(f, "1 000", 1);
    pl_html_td(f, "a&b", 0);
    char *s = test_written(f);
    assert_string_equal(s, "<th class=\"n\">Coût &lt;€&gt;</th><th>Nom</th>"
                           "<td class=\"n\">1&#160;000</td><td>a&amp;b</td>");
    free(s);
}

/* A number for people is never cut by a line break: the spaces that group its digits and the one
 * before its unit become no-break spaces; other spaces stay (a space after a digit before a word,
 * a space before a digit after a word, a space at the start). */
static void test_numbers_stay_whole(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_html_text(f, " 2 773 500 € pour 46,1 ETP, 68,1 % ; 12 mois et 3 4");
    char *s = test_written(f);
    assert_string_equal(s, " 2&#160;773&#160;500&#160;€ pour 46,1 ETP, 68,1&#160;% ; 12 mois et "
                           "3&#160;4");
    free(s);
}

/* The prolog dropped, ids and references inside tags prefixed, text between tags left alone, the
 * generic title replaced by the chart's, escaped; a shape defined with an id becomes a group
 * bearing the id around the shape, other definitions (a clip path) keep theirs. */
static void test_svg(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/chart.svg", tmpdir);
    pl_fixture_write(tmpdir, "chart.svg",
                     "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                     "<svg width=\"10\" height=\"10\">\n<title>Gnuplot</title>\n"
                     "<defs><path id='gpPt0' d='M0,0'/><clipPath id=\"clip1\"/></defs>\n"
                     "<use href='#gpPt0' clip-path=\"url(#clip1)\"/><use href=\"#gpPt0\"/>\n"
                     "<text>id='x' url(#y)</text>\n</svg>\n");
    FILE *f = tmpfile();
    assert_non_null(f);
    eng_error err = { { 0 } };
    assert_int_equal(pl_html_svg(f, path, "c3", "Coût & file", &err), ENG_OK);
    char *s = test_written(f);
    assert_string_equal(s, "<svg width=\"10\" height=\"10\">\n<title>Coût &amp; file</title>\n"
                           "<defs><g id='c3-gpPt0'><path d='M0,0'/></g>"
                           "<clipPath id=\"c3-clip1\"/></defs>\n"
                           "<use href='#c3-gpPt0' clip-path=\"url(#c3-clip1)\"/>"
                           "<use href=\"#c3-gpPt0\"/>\n<text>id='x' url(#y)</text>\n</svg>\n");
    free(s);
}

/* gnuplot's point symbols: drawn in the colour of the <use> that places them (currentColor), some
 * by way of another symbol. Each becomes a group with the symbol's id, so that the colour reaches
 * the shape as a child of what <use> refers to; shapes outside <defs> and tags that are not
 * self-closing are left as they are. */
static void test_svg_symbols(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/symbols.svg", tmpdir);
    pl_fixture_write(tmpdir, "symbols.svg",
                     "<svg>\n<defs>\n"
                     "\t<circle id='gpPt5' stroke-width='0.167' stroke='currentColor' r='1'/>\n"
                     "\t<use xlink:href='#gpPt5' id='gpPt6' fill='currentColor' stroke='none'/>\n"
                     "\t<filter id='textbox' x='0'>\n\t  <feFlood flood-color='#FFFFFF'/>\n"
                     "\t</filter>\n</defs>\n"
                     "<use xlink:href='#gpPt6' transform='scale(9)' color='rgb(0, 0, 0)'/>\n"
                     "<path id='p1' d='M0,0'/>\n</svg>\n");
    FILE *f = tmpfile();
    assert_non_null(f);
    eng_error err = { { 0 } };
    assert_int_equal(pl_html_svg(f, path, "c1", "t", &err), ENG_OK);
    char *s = test_written(f);
    assert_string_equal(s,
                        "<svg>\n<defs>\n"
                        "\t<g id='c1-gpPt5'><circle stroke-width='0.167' stroke='currentColor' "
                        "r='1'/></g>\n"
                        "\t<g id='c1-gpPt6'><use xlink:href='#c1-gpPt5' fill='currentColor' "
                        "stroke='none'/></g>\n"
                        "\t<filter id='c1-textbox' x='0'>\n\t  <feFlood flood-color='#FFFFFF'/>\n"
                        "\t</filter>\n</defs>\n"
                        "<use xlink:href='#c1-gpPt6' transform='scale(9)' color='rgb(0, 0, 0)'/>\n"
                        "<path id='c1-p1' d='M0,0'/>\n</svg>\n");
    free(s);
}

/* A file larger than the first 64 KiB of the buffer is copied whole. */
static void test_svg_large(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/large.svg", tmpdir);
    FILE *in = fopen(path, "w");
    assert_non_null(in);
    fputs("<svg>", in);
    for (int i = 0; i < 30000; i++)
        fputs("<g/>", in);
    fputs("</svg>", in);
    assert_int_equal(fclose(in), 0);
    FILE *f = tmpfile();
    assert_non_null(f);
    eng_error err = { { 0 } };
    assert_int_equal(pl_html_svg(f, path, "c0", "t", &err), ENG_OK);
    char *s = test_written(f);
    assert_int_equal(strlen(s), 5 + 4 * 30000 + 6);
    assert_int_equal(pl_fixture_count(s, "<g/>"), 30000);
    free(s);
}

static void test_svg_errors(void **state)
{
    (void)state;
    char path[128];
    eng_error err = { { 0 } };
    FILE *f = tmpfile();
    assert_non_null(f);
    snprintf(path, sizeof path, "%s/absent.svg", tmpdir);
    assert_int_equal(pl_html_svg(f, path, "c0", "t", &err), ENG_EFAIL);
    pl_fixture_contains(err.msg, "lecture impossible", "the error");
    pl_fixture_write(tmpdir, "plain.txt", "not a drawing\n");
    snprintf(path, sizeof path, "%s/plain.txt", tmpdir);
    assert_int_equal(pl_html_svg(f, path, "c0", "t", &err), ENG_EFAIL);
    pl_fixture_contains(err.msg, "ce n'est pas un SVG écrit par gnuplot", "the error");
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_numbers_stay_whole),
        cmocka_unit_test(test_svg),
        cmocka_unit_test(test_svg_symbols),
        cmocka_unit_test(test_svg_large),
        cmocka_unit_test(test_svg_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
