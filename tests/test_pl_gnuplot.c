/* test_pl_gnuplot.c — Unit tests of plots/pl_gnuplot: quoting of input text (quotes, line breaks,
 * tick labels), formats and languages by name, a real run of gnuplot, gnuplot's own error message,
 * a gnuplot that stops reading early, hostile text that must be drawn and never run, the clear
 * error when gnuplot is not on PATH, a hung gnuplot stopped at the time limit, and a gnuplot that
 * exits without writing its output. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"
#include "test_proc.h"
#include "engine/eng_msg.h"
#include "plots/pl_gnuplot.h"
#include "plots/pl_text.h"

TEST_DIR_GROUP("test_pl_gnuplot")

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
    pl_gnuplot_format f;
    pl_text_lang l;
    assert_int_equal(pl_gnuplot_format_parse("PNG", &f), 0);
    assert_int_equal(f, PL_PNG);
    assert_int_equal(pl_gnuplot_format_parse("svg", &f), 0);
    assert_int_equal(f, PL_SVG);
    assert_int_equal(pl_gnuplot_format_parse("pdf", &f), 0);
    assert_int_equal(f, PL_PDF);
    assert_int_equal(pl_gnuplot_format_parse("jpeg", &f), -1);
    assert_string_equal(pl_gnuplot_format_ext(PL_PDF), "pdf");
    assert_int_equal(pl_text_lang_parse("EN", &l), 0);
    assert_int_equal(l, PL_EN);
    assert_int_equal(pl_text_lang_parse("fr", &l), 0);
    assert_int_equal(l, PL_FR);
    assert_int_equal(pl_text_lang_parse("de", &l), -1);
}

static void test_numbers(void **state)
{
    (void)state;
    char b[64];
    assert_string_equal(pl_text_num(b, sizeof b, 2773500, 0, PL_FR), "2 773 500");
    assert_string_equal(pl_text_num(b, sizeof b, 2773500, 0, PL_EN), "2,773,500");
    assert_string_equal(pl_text_eur(b, sizeof b, 4300, PL_FR), "4 300 \u20ac");
    assert_string_equal(pl_text_eur(b, sizeof b, 4300, PL_EN), "\u20ac4,300");
    assert_string_equal(pl_text_pct(b, sizeof b, 0.935, 1, PL_FR), "93,5 %");
    assert_string_equal(pl_text_pct(b, sizeof b, 0.935, 1, PL_EN), "93.5%");
    eng_date d = { 2021, 12, 31 }, e = { 2022, 3, 31 }, g = { 2022, 3, 15 };
    assert_string_equal(pl_text_date_phrase(b, sizeof b, d, PL_FR), "fin 2021");
    assert_string_equal(pl_text_date_phrase(b, sizeof b, e, PL_FR), "fin mars 2022");
    assert_string_equal(pl_text_date_phrase(b, sizeof b, g, PL_FR), "le 15/03/2022");
    assert_string_equal(pl_text_date_phrase(b, sizeof b, e, PL_EN), "end March 2022");
    assert_string_equal(pl_text_indicator_label(b, sizeof b, "exits_emploi_durable", PL_FR),
                        "sorties : emploi durable");
    assert_string_equal(pl_text_indicator_label(b, sizeof b, "file_active_recherche", PL_EN),
                        "caseload in job search");
    assert_int_equal(pl_text_indicator_unit("funding_eur"), PL_UNIT_EUR);
    assert_int_equal(pl_text_indicator_unit("occupancy"), PL_UNIT_SHARE);
    assert_int_equal(pl_text_indicator_unit("file_active"), PL_UNIT_COUNT);
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
    pl_gnuplot_terminal(gp, PL_SVG, path);
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
    assert_non_null(strstr(err.msg, "gnuplot a échoué (code de sortie"));
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

/* No gnuplot on PATH: the message names the package to install, in French, and in English when
 * asked. */
static void test_missing(void **state)
{
    (void)state;
    char *saved = test_path_empty(tmpdir);
    pl_gnuplot *gp;
    eng_error err = { { 0 } };
    assert_int_equal(pl_gnuplot_alloc(&gp, &err), ENG_OK);
    fputs("set terminal svg\n", pl_gnuplot_script(gp));
    int status = pl_gnuplot_run(gp, &err);
    assert_int_equal(status, ENG_EFAIL);
    assert_non_null(strstr(err.msg, "gnuplot n'est pas installé"));
    assert_non_null(strstr(err.msg, "gnuplot-nox"));
    eng_msg_set_lang(ENG_MSG_EN);
    status = pl_gnuplot_run(gp, &err);
    eng_msg_set_lang(ENG_MSG_FR);
    test_path_restore(saved);
    pl_gnuplot_free(gp);
    assert_int_equal(status, ENG_EFAIL);
    assert_non_null(strstr(err.msg, "gnuplot is not installed: apt-get install gnuplot-nox"));
}

/* Puts a fake `gnuplot` (a shell script with the given body) first on PATH; returns the old PATH
 * (malloc'd) for test_path_restore. */
static char *fake_gnuplot(const char *body)
{
    char bin[128], path[160];
    snprintf(bin, sizeof bin, "%s/fake-bin", tmpdir);
    mkdir(bin, 0755);
    snprintf(path, sizeof path, "%s/gnuplot", bin);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\n%s\n", body);
    fclose(f);
    assert_int_equal(chmod(path, 0755), 0);
    const char *old = getenv("PATH");
    char *saved = strdup(old ? old : "/usr/bin:/bin");
    char *now = malloc(strlen(bin) + strlen(saved) + 2);
    sprintf(now, "%s:%s", bin, saved);
    setenv("PATH", now, 1);
    free(now);
    return saved;
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs a script of two charts (the first set to a temporary name of an output set) with `extra`
 * bytes of comment after them; returns pl_gnuplot_run's status, err filled. */
static int run_two_charts(size_t extra, eng_error *err)
{
    pl_gnuplot *gp;
    assert_int_equal(pl_gnuplot_alloc(&gp, err), ENG_OK);
    FILE *f = pl_gnuplot_script(gp);
    char path[160];
    snprintf(path, sizeof path, "%s/.monthly.png.eaflow-99.tmp", tmpdir);
    pl_gnuplot_terminal(gp, PL_PNG, path);
    fputs("plot x\n", f);
    pl_gnuplot_close_output(f);
    snprintf(path, sizeof path, "%s/annual.png", tmpdir);
    pl_gnuplot_terminal(gp, PL_PNG, path);
    fputs("plot x\n", f);
    pl_gnuplot_close_output(f);
    for (size_t i = 0; i < extra; i += 40)
        fputs("# a comment line gnuplot may not read\n", f);
    int status = pl_gnuplot_run(gp, err);
    pl_gnuplot_free(gp);
    return status;
}

/* A gnuplot that hangs is killed at the time limit, and the message names gnuplot and the chart
 * (by its final name), whether the script fitted in the pipe or the writing itself blocked. */
static void test_hung_gnuplot_stopped(void **state)
{
    (void)state;
    char *saved = fake_gnuplot("exec sleep 30");
    setenv("EAFLOW_GNUPLOT_TIMEOUT", "1", 1);
    char expect[200];
    snprintf(expect, sizeof expect, "en dessinant %s/monthly.png", tmpdir);
    for (int big = 0; big < 2; big++) {
        eng_error err = { { 0 } };
        double t0 = seconds();
        int status = run_two_charts(big ? 1 << 20 : 0, &err);
        double took = seconds() - t0;
        assert_int_equal(status, ENG_EFAIL);
        if (!strstr(err.msg, "gnuplot n'a pas fini en 1 s") || !strstr(err.msg, expect))
            fail_msg("message \"%s\" lacks gnuplot, the limit or \"%s\"", err.msg, expect);
        assert_non_null(strstr(err.msg, "EAFLOW_GNUPLOT_TIMEOUT"));
        if (took < 0.9 || took > 10)
            fail_msg("stopped after %.2f s, expected about 1 s", took);
    }
    unsetenv("EAFLOW_GNUPLOT_TIMEOUT");
    test_path_restore(saved);
}

/* A bad EAFLOW_GNUPLOT_TIMEOUT is a usage error naming the variable. */
static void test_timeout_variable(void **state)
{
    (void)state;
    static const char *const bad[] = { "abc", "0", "-5", "1e9", "nan" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        setenv("EAFLOW_GNUPLOT_TIMEOUT", bad[i], 1);
        eng_error err = { { 0 } };
        assert_int_equal(run_two_charts(0, &err), ENG_EINPUT);
        assert_non_null(strstr(err.msg, "EAFLOW_GNUPLOT_TIMEOUT"));
    }
    unsetenv("EAFLOW_GNUPLOT_TIMEOUT");
}

/* gnuplot exits 0 without writing an output: the missing (or empty) file is an error naming it. */
static void test_output_not_written(void **state)
{
    (void)state;
    char *saved = fake_gnuplot("cat >/dev/null");
    char path[160];
    snprintf(path, sizeof path, "%s/.monthly.png.eaflow-99.tmp", tmpdir);
    FILE *f = fopen(path, "w");   /* created empty, as eng_out_open does */
    fclose(f);
    eng_error err = { { 0 } };
    int status = run_two_charts(0, &err);
    test_path_restore(saved);
    assert_int_equal(status, ENG_EFAIL);
    char expect[200];
    snprintf(expect, sizeof expect, "gnuplot s'est arrêté sans écrire %s/monthly.png", tmpdir);
    if (!strstr(err.msg, expect))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, expect);
    remove(path);
}

/* End to end: `eaflow plot` with a hung gnuplot exits 1 within the limit, names gnuplot, and leaves
 * no temporary chart file behind. */
static void test_plot_with_hung_gnuplot(void **state)
{
    (void)state;
    char dir[128], path[200], err_path[200];
    test_subdir(dir, sizeof dir, tmpdir, "tables");
    test_write(dir, "costs.csv",
               "year,department,name,places,funding_eur,cost_per_place_eur,reference_funding_eur,"
               "outside_tolerance\n2022,31,Haute-Garonne,10,43000,4300,43000,0\n");
    char bin[256];
    snprintf(bin, sizeof bin, "%s", test_eaflow_bin());
    if (bin[0] != '/') {
        char cwd[128];
        assert_non_null(getcwd(cwd, sizeof cwd));
        snprintf(bin, sizeof bin, "%s/%s", cwd, test_eaflow_bin());
    }
    char *saved = fake_gnuplot("exec sleep 30");
    setenv("EAFLOW_GNUPLOT_TIMEOUT", "1", 1);
    snprintf(err_path, sizeof err_path, "%s/err.txt", tmpdir);
    const char *argv[] = { bin, "plot", dir, "--lang", "fr", NULL };
    int status = test_run(argv, NULL, err_path, 20);
    unsetenv("EAFLOW_GNUPLOT_TIMEOUT");
    test_path_restore(saved);
    assert_int_equal(status, 1);
    char *msg = test_slurp(err_path, NULL);
    assert_non_null(msg);
    if (!strstr(msg, "gnuplot n'a pas fini en 1 s en dessinant"))
        fail_msg("stderr: %s", msg);
    free(msg);
    snprintf(path, sizeof path, "%s/plots", dir);
    DIR *d = opendir(path);
    assert_non_null(d);
    const struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            fail_msg("%s/%s left behind", path, e->d_name);
    closedir(d);
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
        cmocka_unit_test(test_hung_gnuplot_stopped),
        cmocka_unit_test(test_timeout_variable),
        cmocka_unit_test(test_output_not_written),
        cmocka_unit_test(test_plot_with_hung_gnuplot),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
