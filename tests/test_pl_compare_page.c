/* test_pl_compare_page.c — The comparison page of the demo scenario and its copy with Haute-Garonne
 * +20 places from 2024 (eaflow scenarios ... --year 2024): Δ places +20 and Δ funding 20 × the cost
 * per place, for Haute-Garonne and the region; the waiting-list difference with its interval as
 * scenarios.csv holds it; a difference chart referenced and drawn; report.pdf with the table's
 * text; and eaflow plot on the directory drawing the same charts. */
#include "test_util.h"
#include "test_proc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/eng_csv.h"
#include "engine/eng_msg.h"
#include "engine/eng_text.h"
#include "models/ea_scenario.h"

TEST_DIR_GROUP("test_pl_compare_page")

static const char *const base = "scenarios/occitanie-2022.ini";
static const char *const hg20 = "scenarios/occitanie-2022-hg20.ini";

/* The directory of the comparison, made once for every test. */
static char dir[256];

static int made(void)
{
    if (dir[0])
        return 1;
    snprintf(dir, sizeof dir, "%s/cmp", tmpdir);
    return test_eaflow(NULL, NULL, "scenarios", base, hg20, "-o", dir, "-n", "20", "--year", "2024",
                       "--threads", "2", "-q", NULL) == 0;
}

static char *page(void)
{
    assert_true(made());
    char *html = test_slurp(test_path(dir, "index.html"), NULL);
    assert_non_null(html);
    return html;
}

/* The row of the page's table for a scope label, up to the end of the row. */
static char *table_row(const char *html, const char *label)
{
    const char *at = strstr(html, label);
    assert_non_null(at);
    const char *end = strstr(at, "</tr>");
    assert_non_null(end);
    char *row = strndup(at, (size_t)(end - at));
    assert_non_null(row);
    return row;
}

/* 20 places at the scenario's cost per place fund 20 × cost a year more, written by hand in the
 * French form: "+86 000 €" for 4 300 €. */
static void test_places_and_funding(void **state)
{
    (void)state;
    ea_scenario sc;
    eng_error err;
    assert_int_equal(ea_scenario_load(hg20, &sc, &err), ENG_OK);
    long extra = lround(20 * sc.cost_per_place);
    ea_scenario_clear(&sc);
    char expected[64];
    if (extra >= 1000)
        snprintf(expected, sizeof expected, "+%ld %03ld €", extra / 1000, extra % 1000);
    else
        snprintf(expected, sizeof expected, "+%ld €", extra);
    char *html = page();
    assert_substring(html, "Différences en 2024");
    assert_substring(html, "Occitanie 2022-2026, Haute-Garonne +20 places en 2024");
    const char *labels[] = { "Haute-Garonne (31)", "<tr class=\"total\"><td class=\"name\">Occitanie" };
    for (int i = 0; i < 2; i++) {
        char *row = table_row(html, labels[i]);
        assert_substring(row, "<td class=\"n beyond\">+20</td>");
        assert_substring(row, expected);
        free(row);
    }
    char *aude = table_row(html, "Aude (11)");
    assert_substring(aude, "<td class=\"n \">0</td>");
    free(aude);
    free(html);
}

/* The waiting-list difference of Haute-Garonne in 2024 and its interval, read from scenarios.csv and
 * written as people read them, are in Haute-Garonne's row. */
static void test_waiting_interval(void **state)
{
    (void)state;
    char *html = page();
    eng_csv *t = NULL;
    eng_error err;
    assert_int_equal(eng_csv_read(test_path(dir, "scenarios.csv"), &t, &err), ENG_OK);
    int c[6];
    const char *cols[6] = { "scope", "year", "indicator", "diff_occitanie-2022-hg20",
                            "low95_occitanie-2022-hg20", "high95_occitanie-2022-hg20" };
    for (int k = 0; k < 6; k++)
        assert_int_equal(eng_csv_require(t, cols[k], &c[k], &err), ENG_OK);
    double v[3] = { NAN, NAN, NAN };
    for (size_t r = 0; r < eng_csv_nrows(t); r++)
        if (!strcmp(eng_csv_get_text(t, r, c[0]), "31") && !strcmp(eng_csv_get_text(t, r, c[1]), "2024")
            && !strcmp(eng_csv_get_text(t, r, c[2]), "waiting"))
            for (int k = 0; k < 3; k++)
                assert_int_equal(eng_csv_get_number(t, r, c[3 + k], &v[k], NULL, &err), ENG_OK);
    eng_csv_free(t);
    assert_true(v[1] < v[0] && v[0] < v[2]);
    char mean[64], lo[64], hi[64], cell[256];
    eng_msg_set_lang(ENG_MSG_FR);
    eng_text_format_signed(mean, sizeof mean, v[0], 1);
    eng_text_format_signed(lo, sizeof lo, v[1], 1);
    eng_text_format_signed(hi, sizeof hi, v[2], 1);
    snprintf(cell, sizeof cell, "%s<span class=\"ci\">[%s ; %s]</span>", mean, lo, hi);
    char *row = table_row(html, "Haute-Garonne (31)");
    assert_substring(row, cell);
    free(row);
    free(html);
}

/* The page references the region's waiting-list chart, drawn; a department without difference has
 * no chart and is named in one line. */
static void test_charts(void **state)
{
    (void)state;
    char *html = page();
    assert_substring(html, "<img src=\"plots/diff_waiting_region.png\"");
    assert_substring(html, "<img src=\"plots/diff_waiting_31.png\"");
    struct stat st;
    assert_int_equal(stat(test_path(dir, "plots/diff_waiting_region.png"), &st), 0);
    assert_true(st.st_size > 1000);
    assert_int_not_equal(stat(test_path(dir, "plots/diff_waiting_11.png"), &st), 0);
    assert_substring(html, "Aucune différence au-delà du bruit, aucune année, dans : Ariège (09)");
    free(html);
}

/* report.pdf is a PDF whose text holds the table (read back with pdftotext). */
static void test_pdf(void **state)
{
    (void)state;
    assert_true(made());
    char *pdf = test_slurp(test_path(dir, "report.pdf"), NULL);
    assert_non_null(pdf);
    assert_memory_equal(pdf, "%PDF", 4);
    free(pdf);
    char txt[320];
    snprintf(txt, sizeof txt, "%s/report.txt", tmpdir);
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", test_path(dir, "report.pdf"), txt, NULL };
    int rc = test_run(argv, NULL, NULL, 120);
    if (rc == 127)
        skip();
    assert_int_equal(rc, 0);
    char *text = test_slurp(txt, NULL);
    assert_non_null(text);
    assert_substring(text, "Différences en 2024");
    assert_substring(text, "Haute-Garonne (31)");
    assert_substring(text, "+86 000 €");
    free(text);
}

/* eaflow plot on the directory draws the difference charts again (no level lines). */
static void test_plot(void **state)
{
    (void)state;
    assert_true(made());
    assert_int_equal(test_eaflow(NULL, NULL, "plot", dir, "--format", "svg", NULL), 0);
    char *svg = test_slurp(test_path(dir, "plots/diff_waiting_region.svg"), NULL);
    assert_non_null(svg);
    assert_substring(svg, "Occitanie 2022-2026, Haute-Garonne +20 places en 2024");
    assert_substring(svg, "intervalle à 95 %");
    free(svg);
    struct stat st;
    assert_int_not_equal(stat(test_path(dir, "plots/scenarios_waiting.svg"), &st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_places_and_funding),
        cmocka_unit_test(test_waiting_interval),
        cmocka_unit_test(test_charts),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_plot),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
