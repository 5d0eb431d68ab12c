/* test_pl_report_sensitivity.c — The report's « Sensibilité aux hypothèses » section on a scenario
 * whose caseload depends on its entry rate only (the intensity and the routing of a module nobody
 * enters are inert): the sentence names the entry rate, the table ranks it first and the inert
 * ones last at 0, both charts are inlined; an outcome no assumption moves says so; English; and
 * `eaflow report --outcome` puts the section, sensitivity.csv and the charts beside the report. */
#include "test_util.h"
#include "test_proc.h"
#include "scenario_fixture.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/eng_msg.h"
#include "models/ea_sensitivity.h"
#include "plots/pl_gnuplot.h"
#include "plots/pl_report_sensitivity.h"

static const char text[] = FIXTURE_ONE_ACTIVE;

/* The section of s in lang, its charts drawn into a scratch directory; the caller frees it. */
static char *section(const ea_sensitivity *s, pl_text_lang lang)
{
    char dir[] = "/tmp/eaflow-report-sens-XXXXXX";
    assert_non_null(mkdtemp(dir));
    eng_error err = { "" };
    pl_gnuplot *gp = NULL;
    assert_int_equal(pl_gnuplot_alloc(&gp, &err), ENG_OK);
    pl_report_sensitivity_draw(s, gp, dir, lang);
    if (pl_gnuplot_run(gp, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    pl_gnuplot_free(gp);
    char *page = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&page, &len);
    if (pl_report_sensitivity_write(f, s, dir, lang, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    fclose(f);
    pl_report_sensitivity_remove(s, dir);
    assert_int_equal(rmdir(dir), 0);
    return page;
}

static void compute(const char *outcome, ea_sensitivity *s)
{
    const char *path = fixture_file(text);
    ea_sensitivity_outcome o;
    eng_error err = { "" };
    assert_int_equal(ea_sensitivity_outcome_parse(outcome, &o, &err), ENG_OK);
    ea_sensitivity_options opt = { .replications = -1, .seed = -1, .threads = 2, .points = 32 };
    if (ea_sensitivity_compute(path, &o, 1, &opt, s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    remove(path);
}

static void test_active_parameter_named(void **state)
{
    (void)state;
    ea_sensitivity s;
    compute("file_active@2021", &s);
    char *page = section(&s, PL_FR);
    assert_substring(page, "<h2>Sensibilité aux hypothèses</h2>");
    assert_substring(page, "Hypothèses incertaines du scénario (section [uncertainty]) : 3.");
    assert_substring(page, "L&#39;hypothèse qui pèse le plus est « prescriptions par mois »");
    /* Each assumption in words beside its key, and ranked by total index: the rate first, then the
     * inert ones at exactly 0. */
    assert_substring(page, "<td>intensité de l&#39;accompagnement — recherche d&#39;emploi</td>"
                           "<td class=\"name\">module.recherche.intensity</td>");
    const char *rate = strstr(page, "<td>prescriptions par mois</td><td class=\"n\">");
    const char *inert = strstr(page, "<td>intensité de l&#39;accompagnement — recherche d&#39;emploi</td><td class=\"n\">"
                                     "0,00 [0,00 ; 0,00]");
    assert_non_null(rate);
    assert_non_null(inert);
    assert_true(rate < inert);
    /* The law of each parameter, and the two charts inlined. */
    assert_substring(page, "triangular(3, 6, 10)");
    const char *svg = strstr(page, "<svg");
    assert_non_null(svg);
    assert_non_null(strstr(svg + 4, "<svg"));
    free(page);
    page = section(&s, PL_EN);
    assert_substring(page, "<h2>Sensitivity to the assumptions</h2>");
    assert_substring(page, "The assumption that weighs most is \u201cprescriptions par mois\u201d");
    free(page);
    ea_sensitivity_clear(&s);
}

/* The places are fixed: nothing moves them, and the page says so instead of naming one. */
static void test_nothing_matters(void **state)
{
    (void)state;
    ea_sensitivity s;
    compute("places@2021", &s);
    char *page = section(&s, PL_FR);
    assert_substring(page, "Aucune hypothèse n&#39;explique un dixième de la variance de ce résultat, même "
                           "avec ses interactions");
    assert_null(strstr(page, "pèse le plus"));
    free(page);
    ea_sensitivity_clear(&s);
}

/* The command: the section in the page and the PDF, the table and the charts beside them. */
static void test_report_command(void **state)
{
    (void)state;
    char dir[64];
    assert_int_equal(test_dir_make(dir, "test_pl_report_sensitivity"), 0);
    const char *path = fixture_file(text);
    assert_int_equal(test_eaflow(NULL, NULL, "report", path, "--outcome", "file_active@2021",
                                 "--points", "8", "-o", dir, "-q", NULL), 0);
    remove(path);
    char *page = test_slurp(test_path(dir, "index.html"), NULL);
    assert_substring(page, "href=\"#sensibilite\"");
    assert_substring(page, "L&#39;hypothèse qui pèse le plus est « prescriptions par mois »");
    free(page);
    char *csv = test_slurp(test_path(dir, "sensitivity.csv"), NULL);
    assert_substring(csv, "file_active@2021,platform.entries_per_month,sobol,total,");
    free(csv);
    assert_int_equal(access(test_path(dir, "plots/tornado-file_active-2021.png"), F_OK), 0);
    assert_int_equal(access(test_path(dir, "plots/sobol-file_active-2021.png"), F_OK), 0);
    test_dir_remove(dir);
}

int main(void)
{
    eng_msg_set_lang(ENG_MSG_FR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_active_parameter_named),
        cmocka_unit_test(test_nothing_matters),
        cmocka_unit_test(test_report_command),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
