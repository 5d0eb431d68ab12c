/* test_pl_charts.c — Tests of the list of charts and of its drawing into a set of outputs: the
 * names, titles and report flags that hand-made tables call for, every chart of a real run of the
 * Occitanie scenario in PNG and PDF, a set that the caller owns, hostile names reduced to safe file
 * names and never run, a missing gnuplot, and the errors a user can meet. */
#include "pl_fixture.h"

#include "engine/eng_msg.h"

PL_FIXTURE_GROUP("test_pl_charts")

/* ---- The list of the hand-made tables ----------------------------------------------------------
 */

/* The charts the rules of pl_charts.h call for in tests/data/pl_hand: the region's four charts
 * (monthly.csv has modules, flows and annual.csv funding), one year of costs, occupancy from
 * capacity.csv's latest date (30 September 2022, two departments), two modules in km.csv (projet
 * with a chosen law), the sweep's four indicators in its last year (two names reduced to the same
 * safe name), and last the department 31 of monthly.csv. The report takes the region's charts,
 * costs, occupancy, survival, and the main indicators of the sweep. */
static const struct {
    const char *name, *title;
    int in_report;
} hand[] = {
    { "file_active_region", "File active (personnes accompagnées) — Région", 1 },
    { "modules_region", "Personnes par module et liste d'attente — Région", 1 },
    { "flows_region", "Entrées et sorties par mois, par motif — Région", 1 },
    { "budget_region", "Budget par an — Région", 1 },
    { "cost_per_place_2022", "Coût à la place par département — 2022", 1 },
    { "occupancy", "Taux d'occupation des places par département — 30/09/2022 (observé)", 1 },
    { "km_projet", "Durée du module « projet professionnel » : Kaplan–Meier et loi ajustée", 1 },
    { "km_recherche", "Durée du module « recherche d'emploi » : Kaplan–Meier", 1 },
    { "sweep_file_active", "File active (Région) en 2023 — paramètre varié : conseillers (ETP), tous les "
      "départements", 1 },
    { "sweep_entries", "Entrées (Région) en 2023 — paramètre varié : conseillers (ETP), tous les "
      "départements", 0 },
    { "sweep_a_b_c", "A/b c (Région) en 2023 — paramètre varié : conseillers (ETP), tous les "
      "départements", 0 },
    { "sweep_a_b_c_2", "A b/c (Région) en 2023 — paramètre varié : conseillers (ETP), tous les "
      "départements", 0 },
    { "file_active_31", "File active (personnes accompagnées) — Haute-Garonne (31)", 0 },
};

static void test_list(void **state)
{
    (void)state;
    pl_data *d;
    pl_charts *c;
    pl_fixture_charts_of(PL_FIXTURE_HAND, PL_FR, &d, &c);
    assert_int_equal(pl_charts_count(c), sizeof hand / sizeof hand[0]);
    for (int i = 0; i < pl_charts_count(c); i++) {
        assert_string_equal(pl_charts_name(c, i), hand[i].name);
        assert_string_equal(pl_charts_title(c, i), hand[i].title);
        if (pl_charts_in_report(c, i) != hand[i].in_report)
            fail_msg("%s: in the report %d, expected %d", hand[i].name,
                     pl_charts_in_report(c, i), hand[i].in_report);
    }
    pl_charts_free(c);
    pl_data_free(d);
}

/* The scope of each scope's chart, as the tables write it, and none for the others (a module, an
 * indicator, a year). */
static void test_scopes(void **state)
{
    (void)state;
    pl_data *d;
    pl_charts *c;
    pl_fixture_charts_of(PL_FIXTURE_HAND, PL_FR, &d, &c);
    static const struct {
        const char *chart, *scope;
    } want[] = { { "file_active_region", "region" }, { "budget_region", "region" },
                 { "file_active_31", "31" }, { "cost_per_place_2022", NULL },
                 { "occupancy", NULL }, { "km_projet", NULL },
                 { "sweep_file_active", NULL } };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        const char *scope = pl_charts_scope(c, pl_fixture_find_chart(c, want[k].chart));
        if (want[k].scope)
            assert_string_equal(scope, want[k].scope);
        else
            assert_null(scope);
    }
    pl_charts_free(c);
    pl_data_free(d);
    /* Small flows are titled after the period they are drawn in (tests/data/pl_flows). */
    pl_fixture_charts_of(PL_FIXTURE_DATA "pl_flows", PL_FR, &d, &c);
    assert_string_equal(pl_charts_title(c, pl_fixture_find_chart(c, "flows_09")),
                        "Entrées et sorties par trimestre, par motif — 09");
    assert_string_equal(pl_charts_title(c, pl_fixture_find_chart(c, "flows_48")),
                        "Entrées et sorties par an, par motif — 48");
    assert_string_equal(pl_charts_title(c, pl_fixture_find_chart(c, "flows_46")),
                        "Entrées et sorties par mois, par motif — 46");
    pl_charts_free(c);
    pl_data_free(d);
}

/* In English, as `--lang en` sets both the charts' language and the messages' (the schema's
 * labels of the sweep's keys come from the messages). */
static void test_list_english(void **state)
{
    (void)state;
    pl_data *d;
    pl_charts *c;
    eng_msg_set_lang(ENG_MSG_EN);
    pl_fixture_charts_of(PL_FIXTURE_HAND, PL_EN, &d, &c);
    eng_msg_set_lang(ENG_MSG_FR);
    static const struct {
        const char *name, *title;
    } titles[] = {
        { "file_active_region", "Caseload (persons in support) — Region" },
        { "occupancy", "Occupancy of places by department — 30 Sep 2022 (observed)" },
        { "sweep_entries", "Entries (Region) in 2023 by counsellors (FTE), every department" },
    };
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        assert_string_equal(pl_charts_title(c, pl_fixture_find_chart(c, titles[i].name)),
                            titles[i].title);
    pl_charts_free(c);
    pl_data_free(d);
}

/* The occupancy chart of a run without capacity.csv speaks of annual.csv's last year. */
static void test_list_simulated_occupancy(void **state)
{
    (void)state;
    char dir[128];
    test_subdir(dir, sizeof dir, tmpdir, "simocc");
    pl_fixture_write(dir, "annual.csv",
                     "scope,year,indicator,mean\nregion,2022,occupancy,0.8\n31,2022,occupancy,0.9\n"
                     "32,2021,occupancy,0.5\n32,2023,occupancy,0.7\n");
    pl_data *d;
    pl_charts *c;
    pl_fixture_charts_of(dir, PL_FR, &d, &c);
    /* 2023 is the last year, when only 32 has a value: one department, no chart. */
    assert_int_equal(pl_charts_count(c), 0);
    pl_charts_free(c);
    pl_data_free(d);
    pl_fixture_write(dir, "annual.csv",
                     "scope,year,indicator,mean\nregion,2023,occupancy,0.8\n31,2023,occupancy,0.9\n"
                     "32,2023,occupancy,0.7\n");
    pl_fixture_charts_of(dir, PL_FR, &d, &c);
    assert_int_equal(pl_charts_count(c), 1);
    assert_string_equal(pl_charts_title(c, 0),
                        "Taux d'occupation des places par département — fin 2023 (simulé)");
    pl_charts_free(c);
    pl_data_free(d);
}

/* ---- Drawing into a set of outputs -------------------------------------------------------------
 */

/* The charts go to the caller's set: nothing is in place until the caller commits it, and nothing
 * is left when it aborts. */
static void test_draw_into_set(void **state)
{
    (void)state;
    char plots[256], path[512];
    snprintf(plots, sizeof plots, "%s/set", tmpdir);
    eng_error err = { { 0 } };
    pl_charts *c = NULL;
    assert_int_equal(pl_charts_read(PL_FIXTURE_HAND, PL_FR, &c, &err), ENG_OK);
    int n = sizeof hand / sizeof hand[0];
    assert_int_equal(pl_charts_count(c), n);

    eng_out *out = eng_out_begin(plots, &err);
    assert_non_null(out);
    if (pl_charts_draw(c, out, PL_SVG, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    snprintf(path, sizeof path, "%s/file_active_region.svg", plots);
    assert_int_equal(access(path, F_OK), -1);
    assert_non_null(eng_out_tmp_path(out, "file_active_region.svg"));
    eng_out_abort(out);
    pl_fixture_no_leftovers(plots);
    assert_int_equal(access(path, F_OK), -1);

    out = eng_out_begin(plots, &err);
    assert_non_null(out);
    assert_int_equal(eng_out_finish(out, pl_charts_draw(c, out, PL_SVG, &err), &err), ENG_OK);
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s.svg", plots, hand[i].name);
        char *svg = pl_fixture_check_svg(path);
        free(svg);
    }
    pl_fixture_no_leftovers(plots);
    pl_charts_free(c);
}

/* ---- The Occitanie run -------------------------------------------------------------------------
 */

static const char *const expected[] = {
    "file_active_region", "modules_region", "flows_region", "budget_region", "cost_per_place_2021",
    "cost_per_place_2022", "occupancy", "km_evaluation", "km_projet", "km_recherche", "km_maintien",
    "sweep_file_active", "sweep_waiting",
    "file_active_31", "modules_31", "flows_31", "budget_31", "file_active_48", "budget_82",
};

static void test_png(void **state)
{
    (void)state;
    int n = pl_fixture_plot_ok(occ, PL_PNG, PL_FR);
    /* 14 scopes x 4 charts, 2 years of costs, occupancy, 4 modules, 2 sweep charts. */
    assert_int_equal(n, 14 * 4 + 2 + 1 + 4 + 2);
    pl_data *d;
    pl_charts *c;
    pl_fixture_charts_of(occ, PL_FR, &d, &c);
    assert_int_equal(pl_charts_count(c), n);
    char path[512];
    for (int i = 0; i < n; i++) {
        pl_fixture_chart_path(path, sizeof path, occ, pl_charts_name(c, i), "png");
        pl_fixture_check_png(path);
    }
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        pl_fixture_chart_path(path, sizeof path, occ, expected[i], "png");
        pl_fixture_check_png(path);
    }
    snprintf(path, sizeof path, "%s/plots", occ);
    pl_fixture_no_leftovers(path);
    pl_charts_free(c);
    pl_data_free(d);
}

static void test_pdf(void **state)
{
    (void)state;
    pl_fixture_plot_ok(occ, PL_PDF, PL_FR);
    char path[512];
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        pl_fixture_chart_path(path, sizeof path, occ, expected[i], "pdf");
        pl_fixture_check_pdf(path);
    }
}

/* ---- Hostile names -----------------------------------------------------------------------------
 */

static void test_injection(void **state)
{
    (void)state;
    char dir[128], path[512];
    pl_fixture_inject(dir, tmpdir, "inj");
    int n = 0;
    for (int format = PL_PNG; format <= PL_PDF; format++)
        n = pl_fixture_plot_ok(dir, (pl_gnuplot_format)format, PL_FR);
    pl_fixture_not_run();
    /* Names reduced to safe characters, all inside plots/. */
    snprintf(path, sizeof path, "%s/plots", dir);
    DIR *dp = opendir(path);
    assert_non_null(dp);
    int files = 0;
    for (struct dirent *e; (e = readdir(dp)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        files++;
        for (const char *p = e->d_name; *p; p++)
            if (!(strchr("-_.", *p) || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                  || (*p >= '0' && *p <= '9')))
                fail_msg("unsafe file name %s", e->d_name);
    }
    closedir(dp);
    assert_int_equal(files, 3 * n);
    /* The hostile texts drawn as they are, in the charts of their safe names. */
    static const pl_fixture_text texts[] = {
        {"file_active_x____system__touch__tmp_pwned______",
         "— x\" ; system(\"touch /tmp/pwned\") ; \"</text>"},
        {"file_active____system__touch__tmp_pwned2_____",
         "— '; system('touch /tmp/pwned2'); '</text>"},
        {"file_active_line1_line2", "— line1 line2</text>"},
        {"file_active____evil", "— ../evil</text>"},
        {"cost_per_place_2022", "<text>x\" ; system(\"touch /tmp/pwned\") ; \"</text>"},
        {"cost_per_place_2022", "<text>\u200b'; system('touch /tmp/pwned2'); '</text>"},
        {"cost_per_place_2022", "<text>line1 line2</text>"},
        {"cost_per_place_2022", "<text>Tarn 100 % {x}_^@&amp;&lt;b></text>"},
        {"modules_region", "<text>evil'\"mod</text>"},
    };
    pl_fixture_check_texts(dir, texts, sizeof texts / sizeof texts[0]);
}

/* ---- A missing gnuplot -------------------------------------------------------------------------
 */

static void test_missing_gnuplot(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/nognuplot", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_DATA "pl_inject", dir), 0);
    char *saved = test_path_empty(tmpdir);
    eng_error err = { { 0 } };
    int n = -1;
    int status = pl_fixture_plot(dir, PL_PNG, PL_FR, &n, &err);
    test_path_restore(saved);
    assert_int_equal(status, ENG_EFAIL);
    assert_int_equal(n, 0);
    pl_fixture_contains(err.msg,
                        "gnuplot n'est pas installé : apt-get install gnuplot-nox (ou make deps)",
                        "the error");
    /* Nothing half-written: no chart, no temporary file; the tables are still there. */
    pl_fixture_untouched(dir, "plots", "plots/file_active_region.png");
}

/* ---- Errors ------------------------------------------------------------------------------------
 */

static void test_errors(void **state)
{
    (void)state;
    char dir[128], path[512];
    eng_error err = { { 0 } };
    int n;
    snprintf(dir, sizeof dir, "%s/absent", tmpdir);
    assert_int_equal(pl_fixture_plot(dir, PL_PNG, PL_FR, &n, &err), ENG_EINPUT);
    pl_fixture_contains(err.msg, "dossier illisible", "the error");
    /* The tables are read before the set of outputs begins: nothing is created. */
    assert_int_equal(access(dir, F_OK), -1);
    test_subdir(dir, sizeof dir, tmpdir, "empty");
    assert_int_equal(pl_fixture_plot(dir, PL_PNG, PL_FR, &n, &err), ENG_EINPUT);
    pl_fixture_contains(err.msg, "aucun tableau à dessiner", "the error");

    pl_fixture_write(dir, "monthly.csv",
                     "scope,month,indicator,mean\nregion,2022-01,file_active,12\n"
                     "region,2022-02,file_active,1x\n");
    assert_int_equal(pl_fixture_plot(dir, PL_PNG, PL_FR, &n, &err), ENG_EINPUT);
    pl_fixture_contains(err.msg, "monthly.csv, ligne 3,", "the error");

    pl_fixture_write(dir, "monthly.csv",
                     "scope;month;indicator;mean\nregion;2022-01;file_active;12,5\n");
    pl_fixture_write(dir, "km.csv", "module,time_months,survival\nprojet,2,0.5\n");
    pl_fixture_write(dir, "fit.csv",
                     "module,family,parameters,chosen\nprojet,gama,gama(mean=3),1\n");
    assert_int_equal(pl_fixture_plot(dir, PL_PNG, PL_FR, &n, &err), ENG_EINPUT);
    pl_fixture_contains(err.msg, "fit.csv, module « projet »", "the error");
    pl_fixture_contains(err.msg, "gama", "the error");

    /* Tables in the French style (semicolons, decimal comma) read as the standard ones. */
    pl_fixture_write(dir, "fit.csv",
                     "module;family;parameters;chosen\nprojet;exponential;exponential(mean=3);1\n");
    /* file_active_region and km_projet */
    assert_int_equal(pl_fixture_plot_ok(dir, PL_SVG, PL_FR), 2);
    snprintf(path, sizeof path, "%s/plots/km_projet.svg", dir);
    assert_int_equal(access(path, F_OK), 0);
}

static void test_french_csv(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/fr", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "simulate", "scenarios/occitanie-2022.ini", "-n", "5",
                                 "-o", dir, "--csv", "fr", "-q", NULL),
                     0);
    /* 14 scopes x 4 charts, and occupancy from annual.csv since there is no capacity.csv. */
    assert_int_equal(pl_fixture_plot_ok(dir, PL_SVG, PL_FR), 14 * 4 + 1);
    static const pl_fixture_text texts[] = {
        { "occupancy", "fin 2026 (simulé)" },
        { "budget_region", "<text>2 500 000 €</text>" },
    };
    pl_fixture_check_texts(dir, texts, sizeof texts / sizeof texts[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_scopes),
        cmocka_unit_test(test_list_english),
        cmocka_unit_test(test_list_simulated_occupancy),
        cmocka_unit_test(test_draw_into_set),
        cmocka_unit_test(test_png),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_injection),
        cmocka_unit_test(test_missing_gnuplot),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_french_csv),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
