/* test_pl_report_assumptions.c — The assumptions as the report shows them: values in French with
 * their units, the verdicts and sources in HTML, the department table with only the columns that
 * differ, every comment escaped, and the annexes of the sources and of run.ini. */
#include "test_util.h"
#include "test_proc.h"

#include <stdlib.h>
#include <string.h>

#include "engine/eng_msg.h"
#include "models/ea_schema.h"
#include "plots/pl_assumptions.h"
#include "plots/pl_report_assumptions.h"
#include "scenario_assumptions.h"

TEST_DIR_GROUP("test_pl_report_assumptions")

static const char sources_md[] =
    "| réf. | titre court | source | ce qu'on y prend |\n"
    "| --- | --- | --- | --- |\n"
    "| S1 | Note Occitanie (2022) | Note régionale, *PRITH* | 645 places |\n"
    "| S2 | Instruction 2018 | Instruction du 2 mars 2018 | profil des publics |\n"
    "| S3 | ASH 2019 | ASH n° 3103 | 43 % en emploi |\n"
    "| S14 | Nexem (2017) | Nexem, dispositifs pilotes | 2 à 8 heures par mois |\n";

static void load(ea_scenario *sc)
{
    test_write(tmpdir, "SOURCES.md", sources_md);
    eng_error err = { "" };
    if (ea_scenario_load(test_write(tmpdir, "essai.ini", scenario_assumptions_ini), sc, &err)
        != ENG_OK)
        fail_msg("%s", err.msg);
}

static const char *value(char *buf, size_t size, const ea_scenario *sc, ea_schema_section kind,
                         const char *key, const void *v, int unit)
{
    return pl_assumptions_value(buf, size, sc, ea_schema_find(kind, key), v, unit);
}

static void test_values_in_french(void **state)
{
    (void)state;
    ea_scenario sc;
    load(&sc);
    char b[512];
    double x = 4300, share = 0.8, h = 6, rate = 0.41, one = 1;
    int places = 8, start = 2022 * 12;
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_BUDGET, "cost_per_place", &x, 1),
                        "4 300 € par place et par an");
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_BUDGET, "delegated_share", &share, 1),
                        "80 %");
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_MODULE, "intensity", &h, 1),
                        "6 h par personne et par mois");
    /* Below 2, the unit in the singular; without the unit, the number alone. */
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_DEPARTMENT, "entries_per_month", &rate, 1),
                        "0,41 personne par mois");
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_DEPARTMENT, "fte", &one, 1), "1 ETP");
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_DEPARTMENT, "places", &places, 0), "8");
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_SCENARIO, "start", &start, 1),
                        "janvier 2022");
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_MODULE, "duration",
                              &sc.modules[EA_EVALUATION].duration, 1),
                        "gamma, moyenne 3 mois, écart-type 1,5");
    double mix[EA_NMODULES] = { 0.80, 0, 0.04, 0.16 };
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_ENTRIES, "mix", mix, 1),
                        "80 % évaluation, 4 % recherche d'emploi, 16 % maintien dans l'emploi");
    /* A derived share keeps one decimal. */
    double third[EA_NMODULES] = { 1.0 / 3, 0, 0, 2.0 / 3 };
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_ENTRIES, "mix", third, 1),
                        "33,3 % évaluation, 66,7 % maintien dans l'emploi");
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_MODULE, "next",
                              sc.modules[EA_EVALUATION].next, 1),
                        "50 % maintien dans l'emploi, 50 % sortie : autre motif");
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_STAFF, "capacity_mode",
                              &sc.capacity_mode, 1), "les places financées");
    assert_string_equal(value(b, sizeof b, &sc, EA_SEC_WAITING, "patience", &sc.patience, 1),
                        "sans limite (personne ne renonce)");
    ea_scenario_clear(&sc);
}

/* The section of the page, written into a string. */
static char *section(const ea_scenario *sc, int annexes)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    eng_error err = { "" };
    int status = annexes ? pl_report_assumptions_write_annexes(f, sc, "[scenario]\nname = <b>\n",
                                                               PL_FR, &err)
                         : pl_report_assumptions_write(f, sc, PL_FR, &err);
    if (status != ENG_OK)
        fail_msg("%s", err.msg);
    return test_written(f);
}

static void test_section_html(void **state)
{
    (void)state;
    ea_scenario sc;
    load(&sc);
    char *html = section(&sc, 0);
    static const char *const wanted[] = {
        "<section class=\"assumptions\" id=\"hypotheses\">",
        "<td>Financement d&#39;une place</td><td class=\"value\">4 300 € par place et par an</td>"
        "<td><a href=\"#source-S1\">[S1] Note Occitanie (2022)</a></td>",
        "<td>Part du financement déléguée aux structures partenaires</td><td class=\"value\">80 %"
        "</td><td><strong>hypothèse</strong></td>",
        "<strong>hypothèse</strong>, d&#39;après <a href=\"#source-S3\">[S3] ASH 2019</a>",
        "valeur par défaut d&#39;eaflow",
        "<h3>Module : maintien dans l&#39;emploi</h3>",
        "<p class=\"note\">Scénario d&#39;essai <a href=\"#source-S2\">[S2]</a>.</p>",
        /* The comment with HTML in it, escaped; its reference still a link. */
        "&lt;script&gt;alert(1)&lt;/script&gt; <a href=\"#source-S4\">[S4]</a>",
        "<h4>Valeurs communes à tous les départements</h4>",
        "<td class=\"n\">7,56</td>",
        "<strong>Haute-Garonne (31)</strong> : Haute-Garonne : la métropole.",
        /* Counted by hand in scenario_assumptions.h: 18 keys of the shared sections ([entries]
         * growth and [staff] direct_share among them), 3 for each of the 2 modules, 4 department
         * columns and 2 common keys; 3 sourced (cost_per_place, the intensity of évaluation,
         * initial_file_active). */
        "Sur 30 paramètres : 3 sourcés,",
        /* Every department gives its own entries_per_month: the shared rate says so. */
        "<td class=\"value\">— (chaque département donne sa propre valeur, voir les "
        "départements)</td>",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        assert_substring(html, wanted[i]);
    assert_null(strstr(html, "<script"));
    /* The department table: the code and the 4 columns that differ, counted by hand. */
    const char *table = strstr(html, "<table class=\"assumptions departments\">");
    assert_non_null(table);
    const char *head_end = strstr(table, "</thead>");
    int th = 0;
    for (const char *p = table; (p = strstr(p, "</th>")) && p < head_end; p++)
        th++;
    assert_int_equal(th, 5);
    assert_substring(table, "<th>Code</th><th>Nom</th><th class=\"n\">Places financées</th>"
                            "<th class=\"n\">File active au départ</th>"
                            "<th class=\"n\">Prescriptions par mois</th></tr>");
    free(html);
    ea_scenario_clear(&sc);
}

/* With the messages in English, eaflow's words are English; the analyst's notes stay as written. */
static void test_section_in_english(void **state)
{
    (void)state;
    ea_scenario sc;
    load(&sc);
    eng_msg_set_lang(ENG_MSG_EN);
    FILE *f = tmpfile();
    assert_non_null(f);
    eng_error err = { "" };
    if (pl_report_assumptions_write(f, &sc, PL_EN, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    char *html = test_written(f);
    eng_msg_set_lang(ENG_MSG_FR);
    static const char *const wanted[] = {
        "4,300 € per place per year", "<strong>assumption</strong>, based on ",
        "eaflow&#39;s default", "<h3>Module: ", "gamma, mean 3 months, standard deviation 1.5",
        "Of 30 parameters: 3 sourced,", "Values common to every department",
        "HYPOTHÈSE : au prorata.",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        assert_substring(html, wanted[i]);
    assert_null(strstr(html, "hypothèse</strong>"));
    assert_null(strstr(html, "par place et par an"));
    free(html);
    ea_scenario_clear(&sc);
}

static void test_annexes(void **state)
{
    (void)state;
    ea_scenario sc;
    load(&sc);
    char *html = section(&sc, 1);
    static const char *const wanted[] = {
        "<li id=\"source-S1\"><strong>[S1] Note Occitanie (2022)</strong> — Note régionale, "
        "<em>PRITH</em>. <em>Ce qu'on y prend :</em> 645 places.</li>",
        "<li id=\"source-S4\"><strong>[S4]</strong> — référence absente de SOURCES.md.</li>",
        "<a href=\"run.ini\">run.ini</a>",
        "<details>\n<summary>Afficher run.ini</summary>\n<pre>[scenario]\nname = &lt;b&gt;\n</pre>",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        assert_substring(html, wanted[i]);
    /* S2, S3 and S14 are cited, S1 to S4 and S14 only. */
    assert_non_null(strstr(html, "id=\"source-S14\""));
    assert_null(strstr(html, "id=\"source-S5\""));
    free(html);
    /* Without SOURCES.md beside the scenario, the references are listed without their text. */
    remove(test_path(tmpdir, "SOURCES.md"));
    html = section(&sc, 1);
    assert_substring(html, "Aucun document des sources (SOURCES.md) à côté du scénario");
    assert_substring(html, "<li id=\"source-S1\"><strong>[S1]</strong> — texte non disponible.");
    free(html);
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_in_french),
        cmocka_unit_test(test_section_html),
        cmocka_unit_test(test_section_in_english),
        cmocka_unit_test(test_annexes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
