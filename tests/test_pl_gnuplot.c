/* test_pl_gnuplot.c — Unit tests of plots/pl_gnuplot: quoting of input text (quotes, line breaks,
 * tick labels), formats and languages by name, a real run of gnuplot, gnuplot's own error message,
 * a gnuplot that stops reading early, hostile text that must be drawn and never run, and the clear
 * error when gnuplot is not on PATH. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"
#include "test_proc.h"
#include "plots/pl_gnuplot.h"
#include "plots/pl_text.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_pl_gnuplot_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* What pl_gnuplot_text (tic = 0) or pl_gnuplot_tic (tic = 1) writes for s. */
static char *quoted(const char *s, int tic)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (tic)
        pl_gnuplot_tic(f, s);
    else
        pl_gnuplot_text(f, s);
    fclose(f);
    return buf;
}

static void test_quote(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
        int tic;
    } cases[] = {
        {"Haute-Garonne", "'Haute-Garonne'", 0},
        {"", "''", 0},
        {"x\" ; system(\"touch /tmp/pwned\") ; \"", "'x\" ; system(\"touch /tmp/pwned\") ; \"'", 0},
        {"'; system('touch /tmp/pwned2'); '", "'\u200b''; system(''touch /tmp/pwned2''); '''", 0},
        {"a''b", "'a''\u200b''b'", 0},
        {"''", "'\u200b''\u200b'''", 0},
        {"line1\nline2\r\tend", "'line1 line2  end'", 0},
        {"a`touch /tmp/x`b @macro \\", "'a`touch /tmp/x`b @macro \\'", 0},
        {"80 %", "'80 %'", 0},
        {"80 %", "'80 %%'", 1},
        {"it's 5 %s", "'it''s 5 %%s'", 1},
        {"'x", "'\u200b''x'", 1},
        {"Ariège €", "'Ariège €'", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *q = quoted(cases[i].in, cases[i].tic);
        assert_string_equal(q, cases[i].out);
        free(q);
    }
}

static void test_names(void **state)
{
    (void)state;
    pl_format f;
    pl_lang l;
    assert_int_equal(pl_format_parse("PNG", &f), 0);
    assert_int_equal(f, PL_PNG);
    assert_int_equal(pl_format_parse("svg", &f), 0);
    assert_int_equal(f, PL_SVG);
    assert_int_equal(pl_format_parse("pdf", &f), 0);
    assert_int_equal(f, PL_PDF);
    assert_int_equal(pl_format_parse("jpeg", &f), -1);
    assert_string_equal(pl_format_ext(PL_PDF), "pdf");
    assert_int_equal(pl_lang_parse("EN", &l), 0);
    assert_int_equal(l, PL_EN);
    assert_int_equal(pl_lang_parse("fr", &l), 0);
    assert_int_equal(l, PL_FR);
    assert_int_equal(pl_lang_parse("de", &l), -1);
}

static void test_numbers(void **state)
{
    (void)state;
    char b[64];
    assert_string_equal(pl_num(b, sizeof b, 2773500, 0, PL_FR), "2 773 500");
    assert_string_equal(pl_num(b, sizeof b, 2773500, 0, PL_EN), "2,773,500");
    assert_string_equal(pl_eur(b, sizeof b, 4300, PL_FR), "4 300 \u20ac");
    assert_string_equal(pl_eur(b, sizeof b, 4300, PL_EN), "\u20ac4,300");
    assert_string_equal(pl_pct(b, sizeof b, 0.935, 1, PL_FR), "93,5 %");
    assert_string_equal(pl_pct(b, sizeof b, 0.935, 1, PL_EN), "93.5%");
    eng_date d = { 2021, 12, 31 }, e = { 2022, 3, 31 }, g = { 2022, 3, 15 };
    assert_string_equal(pl_date_phrase(b, sizeof b, d, PL_FR), "fin 2021");
    assert_string_equal(pl_date_phrase(b, sizeof b, e, PL_FR), "fin mars 2022");
    assert_string_equal(pl_date_phrase(b, sizeof b, g, PL_FR), "le 15/03/2022");
    assert_string_equal(pl_date_phrase(b, sizeof b, e, PL_EN), "end March 2022");
    assert_string_equal(pl_indicator_label(b, sizeof b, "exits_emploi_durable", PL_FR),
                        "sorties : emploi durable");
    assert_string_equal(pl_indicator_label(b, sizeof b, "file_active_recherche", PL_EN),
                        "caseload in job search");
    assert_int_equal(pl_indicator_unit("funding_eur"), PL_UNIT_EUR);
    assert_int_equal(pl_indicator_unit("occupancy"), PL_UNIT_SHARE);
    assert_int_equal(pl_indicator_unit("file_active"), PL_UNIT_COUNT);
}

/* A small chart whose title and key carry hostile text: it is drawn as text and nothing runs. */
static void test_run_hostile(void **state)
{
    (void)state;
    static const char *const hostile[] = {
        "x\" ; system(\"touch /tmp/pwned\") ; \"",
        "'; system('touch /tmp/pwned2'); '",
        "`touch /tmp/pwned3` @x {a}_b^c ''''",
    };
    remove("/tmp/pwned");
    remove("/tmp/pwned2");
    remove("/tmp/pwned3");
    pl_gnuplot *gp;
    eng_error err = { { 0 } };
    assert_int_equal(pl_gnuplot_alloc(&gp, &err), ENG_OK);
    char path[128];
    snprintf(path, sizeof path, "%s/hostile.svg", tmpdir);
    FILE *f = pl_gnuplot_script(gp);
    pl_gnuplot_terminal(f, PL_SVG, path);
    fputs("x = 'macro'\nset title ", f);
    pl_gnuplot_text(f, hostile[0]);
    fputs("\nset xtics (", f);
    pl_gnuplot_tic(f, hostile[1]);
    fputs(" 1)\nset xrange [0:2]\nplot x title ", f);
    pl_gnuplot_text(f, hostile[2]);
    fputc('\n', f);
    pl_gnuplot_close_output(f);
    int status = pl_gnuplot_run(gp, &err);
    if (status != ENG_OK)
        fail_msg("%s", err.msg);
    pl_gnuplot_free(gp);
    assert_int_equal(access("/tmp/pwned", F_OK), -1);
    assert_int_equal(access("/tmp/pwned2", F_OK), -1);
    assert_int_equal(access("/tmp/pwned3", F_OK), -1);
    char *svg = test_slurp(path, NULL);
    assert_non_null(svg);
    assert_non_null(strstr(svg, "<text>x\" ; system(\"touch /tmp/pwned\") ; \"</text>"));
    assert_non_null(strstr(svg, "<text>\u200b'; system('touch /tmp/pwned2'); '</text>"));
    assert_non_null(
        strstr(svg, "<text>`touch /tmp/pwned3` @x {a}_b^c '\u200b'\u200b'\u200b'</text>"));
    free(svg);
}

/* gnuplot's own message comes back, with ENG_EFAIL. */
static void test_run_error(void **state)
{
    (void)state;
    pl_gnuplot *gp;
    eng_error err = { { 0 } };
    assert_int_equal(pl_gnuplot_alloc(&gp, &err), ENG_OK);
    fputs("set terminal svg\nset output '/dev/null'\nplot undefined_variable_xyz\n",
          pl_gnuplot_script(gp));
    assert_int_equal(pl_gnuplot_run(gp, &err), ENG_EFAIL);
    assert_non_null(strstr(err.msg, "gnuplot failed"));
    assert_non_null(strstr(err.msg, "undefined_variable_xyz"));
    pl_gnuplot_free(gp);
}

/* gnuplot exits before reading a long script: the caller survives (no SIGPIPE) and is told. */
static void test_run_early_exit(void **state)
{
    (void)state;
    pl_gnuplot *gp;
    eng_error err = { { 0 } };
    assert_int_equal(pl_gnuplot_alloc(&gp, &err), ENG_OK);
    FILE *f = pl_gnuplot_script(gp);
    fputs("exit\n", f);
    for (int i = 0; i < 200000; i++)
        fputs("# a long comment line that gnuplot never reads\n", f);
    int status = pl_gnuplot_run(gp, &err);
    assert_int_equal(status, ENG_EFAIL);
    assert_non_null(strstr(err.msg, "gnuplot"));
    pl_gnuplot_free(gp);
}

/* No gnuplot on PATH: the message names the package to install. */
static void test_missing(void **state)
{
    (void)state;
    char empty[128];
    snprintf(empty, sizeof empty, "%s/empty-bin", tmpdir);
    assert_int_equal(mkdir(empty, 0755), 0);
    const char *old = getenv("PATH");
    char *saved = old ? strdup(old) : NULL;
    setenv("PATH", empty, 1);
    pl_gnuplot *gp;
    eng_error err = { { 0 } };
    assert_int_equal(pl_gnuplot_alloc(&gp, &err), ENG_OK);
    fputs("set terminal svg\n", pl_gnuplot_script(gp));
    int status = pl_gnuplot_run(gp, &err);
    if (saved)
        setenv("PATH", saved, 1);
    free(saved);
    pl_gnuplot_free(gp);
    assert_int_equal(status, ENG_EFAIL);
    assert_non_null(strstr(err.msg, "gnuplot is not installed"));
    assert_non_null(strstr(err.msg, "gnuplot-nox"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_run_hostile),
        cmocka_unit_test(test_run_error),
        cmocka_unit_test(test_run_early_exit),
        cmocka_unit_test(test_missing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
