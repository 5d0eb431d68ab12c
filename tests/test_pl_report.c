/* test_pl_report.c — Tests of the annual report: the title page, contents, key figures, sections,
 * annex and PDF of the hand-made tables of tests/data/pl_hand computed by hand, the data files named
 * and the example data told apart, a set of outputs that the caller owns, a real run of the
 * Occitanie scenario, hostile text escaped, a missing gnuplot or WeasyPrint, and errors. */
#include "pl_fixture.h"
#include "plots/pl_report_keys.h"

static char tmpdir[64];
static char occ[128];   /* the Occitanie run with every table */

static int setup(void **state)
{
    (void)state;
    return pl_fixture_setup(tmpdir, "test_pl_report", occ);
}

static int teardown(void **state)
{
    (void)state;
    return pl_fixture_teardown(tmpdir);
}

/* Reads dir/index.html, checks it is well-formed, and returns it. */
static char *page_of(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/index.html", dir);
    char *page = test_slurp(path, NULL);
    if (!page)
        fail_msg("%s: missing", path);
    const char *why = pl_fixture_well_formed(page, 1);
    if (why)
        fail_msg("%s: %s", path, why);
    return page;
}

#define FIGURE(label, value)                                                                    \
    "<tr><th scope=\"row\">" label "</th><td class=\"n\">" value "</td></tr>"

/* The key figures of 2022, the tables' only year (three months simulated, none in full), in the
 * order of the page: annual.csv's means, the gap 150 - 120 = 30, both reasons of exit, no FTE
 * funded in run.ini, the cost of a place for a whole year that run.ini sets (4 000 €), and the
 * balance 600 000 - 450 000 = 150 000 €. */
static const char *const hand_figures =
    FIGURE("Personnes accompagnées dans l&#39;année", "160")
    "\n" FIGURE("File active en fin d&#39;année", "120")
    "\n" FIGURE("Places financées", "150")
    "\n" FIGURE("Taux d&#39;occupation des places", "80,0 %")
    "\n" FIGURE("Places inoccupées (places − file active)", "30")
    "\n" FIGURE("Entrées (prescriptions)", "36")
    "\n" FIGURE("Sorties", "15")
    "\n" FIGURE("dont emploi durable", "6")
    "\n" FIGURE("dont abandon", "9")
    "\n" FIGURE("Liste d&#39;attente en fin d&#39;année", "9")
    "\n" FIGURE("ETP financés", "non renseignés dans le scénario")
    "\n" FIGURE("ETP nécessaires à l&#39;intensité du scénario", "4,5")
    "\n" FIGURE("Financement", "600 000 €")
    "\n" FIGURE("Coût par place et par an", "4 000 €")
    "\n" FIGURE("Coût des heures d&#39;accompagnement modélisées", "450 000 €")
    "\n" FIGURE("Solde financement − coût des heures", "150 000 €")
    "\n" FIGURE("Coût par personne accompagnée", "4 000 €")
    "\n" FIGURE("Coût par sortie vers l&#39;emploi durable", "100 000 €") "\n";

/* The sentence on what the intensity needs against the means funded: 4,5 FTE needed, no FTE
 * funded, and the balance of 150 000 €; the scenario keeps direct_share at 1, which it states. */
static const char *const hand_afford =
    "<p class=\"afford\">À l&#39;intensité du scénario, et comme si les conseillers passaient tout "
    "leur temps en accompagnement direct (staff.direct_share = 1 : ni employeurs, ni partenaires, "
    "ni coordination), l&#39;accompagnement demande 4,5 ETP (ETP "
    "financés : non renseignés dans le scénario), et ses heures coûteraient 450 000 € pour "
    "600 000 € de financement : à ce compte, qui sous-estime les ETP nécessaires, l&#39;intensité "
    "tiendrait dans les moyens financés, avec un solde de "
    "150 000 €.</p>";

/* The charts of the report, in the list's order: not the department 31's, nor the sweep's
 * indicators that are not main ones. */
static const char *const hand_sections[] = {
    "file_active_region", "modules_region", "flows_region", "budget_region", "cost_per_place_2022",
    "occupancy", "km_projet", "km_recherche", "sweep_file_active",
};

/* The title page of the hand-made tables, given no data file: the tables an earlier run left in
 * the directory are named instead (capacity.csv, costs.csv, km.csv and fit.csv are there). */
static const char *const hand_cover =
    "<table class=\"run\">\n<tbody>\n"
    "<tr><th scope=\"row\">Scénario</th><td>Essai</td></tr>\n"
    "<tr><th scope=\"row\">Date du rapport</th><td class=\"date\">31/03/2026</td></tr>\n"
    "<tr><th scope=\"row\">Période simulée</th><td>octobre 2022 à décembre 2022, 10 "
    "réplications</td></tr>\n"
    "<tr><th scope=\"row\">Données observées</th><td>tables déjà dans le dossier (compare.csv, "
    "capacity.csv)</td></tr>\n"
    "<tr><th scope=\"row\">Table des financements</th><td>tables déjà dans le dossier "
    "(costs.csv)</td></tr>\n"
    "<tr><th scope=\"row\">Parcours individuels</th><td>tables déjà dans le dossier (km.csv, "
    "fit.csv)</td></tr>\n</tbody>\n</table>\n</header>\n";

/* Every link of the page (href="#ID") leads to an element of the page (id="ID"). */
static void assert_links(const char *page)
{
    int n = 0;
    for (const char *p = strstr(page, "<a href=\"#"); p; p = strstr(p + 1, "<a href=\"#")) {
        char id[160];
        const char *start = p + 10, *end = strchr(start, '"');
        assert_non_null(end);
        assert_true(end - start < 120);
        snprintf(id, sizeof id, "id=\"%.*s\"", (int)(end - start), start);
        if (!strstr(page, id))
            fail_msg("the link to #%.*s leads nowhere", (int)(end - start), start);
        n++;
    }
    assert_true(n > 0);
}

static void test_hand(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/hand", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    eng_error err = { { 0 } };
    pl_report_input dated = { .lang = PL_FR, .date = { 2026, 3, 31 } };
    if (pl_fixture_report(dir, &dated, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    char *page = page_of(dir);
    pl_fixture_contains(page, "<title>Emploi accompagné — Essai — rapport 2022</title>",
                        "the page");
    pl_fixture_contains(page, "<header class=\"cover\">\n<h1>Emploi accompagné — Essai — rapport "
                        "2022</h1>\n<p class=\"sub\">Chiffres simulés : moyennes sur 10 "
                        "réplications du scénario, pour la région.</p>\n",
                        "the page");
    pl_fixture_contains(page, hand_cover, "the page");
    assert_null(strstr(page, "<p class=\"illustrative\">"));
    pl_fixture_contains(page, "<h2>Chiffres clés 2022</h2>\n<p class=\"year\">Année du rapport : "
                        "2022, première année simulée (aucune n&#39;a ses douze mois) ; --year "
                        "choisit une autre année.</p>\n<p class=\"caveat\">Valeurs simulées, "
                        "et non observées : moyennes sur 10 réplications du scénario, pour "
                        "la région.</p>\n<table class=\"key\">\n<thead><tr>"
                        "<th>Indicateur</th><th class=\"n\">Simulé 2022 (3 mois)</th></tr></thead>\n"
                        "<tbody>\n", "the page");
    pl_fixture_contains(page, hand_figures, "the page");
    pl_fixture_contains(page, hand_afford, "the page");
    /* The note under the staff table says so too. */
    pl_fixture_contains(page, "ETP nécessaires : les heures d&#39;accompagnement direct que demande "
                              "l&#39;intensité du scénario, en conseillers à temps plein comptés "
                              "comme s&#39;ils y passaient tout leur temps (staff.direct_share = "
                              "1)", "the staff note");
    /* The contents come before the figures and link to every part, chart and department. */
    const char *toc = strstr(page, "<nav class=\"toc\">");
    assert_non_null(toc);
    assert_true(toc < strstr(page, "<h2>Chiffres clés 2022</h2>"));
    pl_fixture_contains(toc, "<li><a href=\"#km_projet\">Durée du module « projet professionnel » "
                        ": Kaplan–Meier et loi ajustée</a></li>", "the contents");
    pl_fixture_contains(toc, "<li><a href=\"#departements\">Annexe : départements</a>\n<ol>\n"
                        "<li><a href=\"#dep-31\">Haute-Garonne (31)</a></li>\n</ol></li>",
                        "the contents");
    assert_links(page);
    assert_int_equal(pl_fixture_count(page, "<section class=\"chart\""),
                     sizeof hand_sections / sizeof hand_sections[0]);
    const char *at = page;
    for (size_t i = 0; i < sizeof hand_sections / sizeof hand_sections[0]; i++) {
        char id[128];
        snprintf(id, sizeof id, "<section class=\"chart\" id=\"%s\">", hand_sections[i]);
        const char *p = strstr(at, id);
        if (!p)
            fail_msg("no section %s after the previous one", hand_sections[i]);
        at = p;
    }
    /* Each section has its reading and its drawing, ids prefixed by the chart's number. */
    pl_fixture_contains(page, "<p class=\"reading\">La file active régionale passe de 95 à 120 "
                        "personnes entre fin septembre 2022 et fin 2022 (80,0 % des 150 "
                        "places).</p>", "the page");
    assert_null(strstr(page, "<?xml"));
    pl_fixture_contains(page, "<h2>Tableaux</h2>\n<h3>Indicateurs par année — région</h3>",
                        "the page");
    /* Each chart's title is said once, as its heading: not again inside the drawing. */
    pl_fixture_contains(page, "<h3>File active (personnes accompagnées) — Région</h3>", "the page");
    assert_int_equal(pl_fixture_count(page, "File active (personnes accompagnées) — Région"), 3);
    assert_null(strstr(page, "<text>File active (personnes accompagnées) — Région</text>"));
    assert_null(strstr(page, "<text>File active (personnes accompagnées) — Haute-Garonne"));
    pl_fixture_contains(page, "<pre>; A hand-made run", "the page");
    /* The annex: the department 31 (annual.csv's other scope), its figures of 2022 and its one
     * chart, the file active of monthly.csv. */
    const char *annex = strstr(page, "<section class=\"annex\" id=\"departements\">");
    assert_non_null(annex);
    /* run.ini is the last annex, after the departments. */
    assert_true(strstr(page, "<pre>; A hand-made run") > annex);
    pl_fixture_contains(annex, "<section class=\"dept\" id=\"dep-31\">\n<h3>Haute-Garonne "
                        "(31)</h3>\n<p class=\"dept\">En 2022 (simulé) :", "the annex");
    pl_fixture_contains(annex, "<figure id=\"file_active_31\"><figcaption>File active (personnes "
                        "accompagnées) — Haute-Garonne (31)</figcaption>", "the annex");
    assert_int_equal(pl_fixture_count(annex, "<svg"), 1);
    /* The nine charts of hand_sections and the annex's one. */
    assert_int_equal(pl_fixture_count(page, "<svg"), 9 + 1);
    free(page);
    /* The PDF is the page: the title, the caveat, the figures, the annex, the date and the page
     * numbers in the margins. */
    char path[512];
    snprintf(path, sizeof path, "%s/report.pdf", dir);
    pl_fixture_check_pdf(path);
    char *text = pl_fixture_pdf_text(path);
    static const char *const in_pdf[] = {
        "Emploi accompagné — Essai — rapport 2022", "Valeurs simulées, et non observées",
        "Personnes accompagnées dans l'année", "600 000 €", "Indicateurs par année — région",
        "Annexe : départements", "Haute-Garonne (31)", "31/03/2026", "page 1 sur ",
        "page 2 sur ",
    };
    for (size_t i = 0; i < sizeof in_pdf / sizeof in_pdf[0]; i++)
        pl_fixture_contains(text, in_pdf[i], "report.pdf");
    free(text);
    pl_fixture_no_leftovers(dir);

    /* A year annual.csv does not have. */
    pl_report_input in = { .year = 2021, .lang = PL_FR };
    assert_int_equal(pl_fixture_report(dir, &in, &err), ENG_EINPUT);
    pl_fixture_contains(err.msg, "n'a pas l'année 2021 (années 2022 à 2022)", "the error");
}

/* The page and the PDF go to the caller's set: nothing is in place before the caller commits it,
 * and nothing is left, not even the scratch directory of the SVG files, when it aborts. */
static void test_into_set(void **state)
{
    (void)state;
    char dir[128], path[512];
    snprintf(dir, sizeof dir, "%s/set", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    eng_error err = { { 0 } };
    eng_out *out = eng_out_begin(dir, &err);
    assert_non_null(out);
    pl_report_input in = { .lang = PL_EN };
    if (pl_report_write(out, dir, &in, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    snprintf(path, sizeof path, "%s/index.html", dir);
    assert_int_equal(access(path, F_OK), -1);
    char *page = test_slurp(eng_out_tmp_path(out, "index.html"), NULL);
    assert_non_null(page);
    pl_fixture_contains(page, "<title>Supported employment — Essai — report 2022</title>",
                        "the page");
    free(page);
    char *text = pl_fixture_pdf_text(eng_out_tmp_path(out, "report.pdf"));
    pl_fixture_contains(text, "Key figures 2022", "report.pdf");
    pl_fixture_contains(text, "page 1 of ", "report.pdf");
    free(text);
    eng_out_abort(out);
    pl_fixture_no_leftovers(dir);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof path, "%s/report.pdf", dir);
    assert_int_equal(access(path, F_OK), -1);
}

/* The data files as given; the warning on illustrative data when one of them lies in a directory
 * scenarios/data, reached by any path, and not for a copy elsewhere nor for the published series
 * that names the source of each row; the date of SOURCE_DATE_EPOCH
 * when the caller gives none (1774958400 s is 31 March 2026, 12:00 UTC). */
static void test_data_files(void **state)
{
    (void)state;
    char dir[128], copy[256];
    snprintf(dir, sizeof dir, "%s/files", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    snprintf(copy, sizeof copy, "%s/observed-occitanie.csv", tmpdir);
    assert_int_equal(pl_fixture_copy_file("scenarios/data/observed-occitanie.csv", copy), 0);
    eng_error err = { { 0 } };
    pl_report_input in = { .lang = PL_FR, .observed = copy, .funding = "funding.csv",
                           .date = { 2026, 3, 31 } };
    if (pl_fixture_report(dir, &in, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    char *page = page_of(dir);
    char row[512];
    snprintf(row, sizeof row, "<tr><th scope=\"row\">Données observées</th><td>%s</td></tr>", copy);
    pl_fixture_contains(page, row, "the page");
    pl_fixture_contains(page, "<tr><th scope=\"row\">Table des financements</th>"
                        "<td>funding.csv</td></tr>", "the page");
    assert_null(strstr(page, "<p class=\"illustrative\">"));
    free(page);

    in.records = "scenarios/../scenarios/data/records-occitanie.csv";
    in.date = (eng_date){ 0, 0, 0 };
    setenv("SOURCE_DATE_EPOCH", "1774958400", 1);
    int status = pl_fixture_report(dir, &in, &err);
    unsetenv("SOURCE_DATE_EPOCH");
    if (status != ENG_OK)
        fail_msg("%s", err.msg);
    page = page_of(dir);
    pl_fixture_contains(page, "<p class=\"illustrative\"><strong>Données illustratives</strong> : "
                        "ce rapport lit les données d&#39;exemple livrées avec eaflow", "the page");
    pl_fixture_contains(page, "<td class=\"date\">31/03/2026</td>", "the page");
    free(page);
    char path[512];
    snprintf(path, sizeof path, "%s/report.pdf", dir);
    char *text = pl_fixture_pdf_text(path);
    /* On the title page, and in the margin of every page. */
    assert_true(pl_fixture_count(text, "Données illustratives") >= 3);
    free(text);

    /* The published national series, shipped beside the examples, gives the source of every
     * row: no warning. */
    in.records = NULL;
    in.observed = "scenarios/data/observed-national.csv";
    in.date = (eng_date){ 2026, 3, 31 };
    if (pl_fixture_report(dir, &in, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    page = page_of(dir);
    assert_null(strstr(page, "<p class=\"illustrative\">"));
    free(page);
}

/* FTE that fall short beside a positive balance: the sentence says the envelope would pay for the
 * hours and that the scenario's counsellors are too few (4,5 needed for 3 funded: 1,5 short; the
 * balance of the hand tables, 600 000 € − 450 000 €). */
static void test_afford_short_of_staff(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/short", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/annual.csv", dir);
    FILE *f = fopen(path, "a");
    assert_non_null(f);
    fputs("region,2022,staff_fte_funded,3\n", f);
    fclose(f);
    eng_error err = { { 0 } };
    pl_report_input dated = { .lang = PL_FR, .date = { 2026, 3, 31 } };
    if (pl_fixture_report(dir, &dated, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    char *page = page_of(dir);
    pl_fixture_contains(page, "l&#39;accompagnement demande 4,5 ETP pour 3,0 ETP financés, et ses "
                        "heures coûteraient 450 000 € pour 600 000 € de financement : l&#39;intensité "
                        "dépasse les moyens financés de 1,5 ETP ; le financement couvrirait pourtant "
                        "le coût de ces heures (solde de 150 000 €) : ce sont les ETP renseignés dans "
                        "le scénario (fte), non l&#39;enveloppe, qui manquent.</p>",
                        "the affordability sentence");
    free(page);
}

/* ---- The Occitanie run -------------------------------------------------------------------------
 */

/* The mean of an indicator of a scope in a year of dir/annual.csv, read from the file's text
 * (scope,year,indicator,mean,...); NaN when absent. */
static double annual_mean(const char *dir, const char *scope, int year, const char *indicator)
{
    char path[512], prefix[160];
    snprintf(path, sizeof path, "%s/annual.csv", dir);
    snprintf(prefix, sizeof prefix, "\n%s,%d,%s,", scope, year, indicator);
    char *text = test_slurp(path, NULL);
    assert_non_null(text);
    const char *at = strstr(text, prefix);
    double v = at ? strtod(at + strlen(prefix), NULL) : NAN;
    free(text);
    return v;
}

/* A number with one decimal as the French page writes it below 1 000: 11,5. */
static const char *french1(char *buf, size_t size, double x)
{
    snprintf(buf, size, "%.1f", x);
    char *dot = strchr(buf, '.');
    if (dot)
        *dot = ',';
    return buf;
}

/* The sum of the `fte = ` lines of a scenario file: the FTE it funds. */
static double scenario_fte(const char *path)
{
    char *text = test_slurp(path, NULL);
    assert_non_null(text);
    double sum = 0;
    for (const char *p = strstr(text, "\nfte = "); p; p = strstr(p + 1, "\nfte = "))
        sum += strtod(p + 7, NULL);
    free(text);
    return sum;
}

/* The file active of the region that observed-occitanie.csv gives on 31 December 2022. */
static double observed_end_2022(void)
{
    char *text = test_slurp("scenarios/data/observed-occitanie.csv", NULL);
    assert_non_null(text);
    const char *row = strstr(text, "\n2022-12-31,region,");
    assert_non_null(row);
    char *end;
    strtod(row + 20, &end);   /* places */
    double fa = strtod(end + 1, NULL);
    free(text);
    return fa;
}

/* Whether text occurs between p and end. */
static int span_has(const char *p, const char *end, const char *text)
{
    const char *at = strstr(p, text);
    return at && at + strlen(text) <= end;
}

/* The report of the year with observations (2022, the default): its title, key figures and every
 * reading speak of 2022 and none of 2026; the observed file active of the data file stands beside
 * the simulated one; the staff table and the key figures give the FTE funded that the scenario file
 * sums (46,1) and the persons per funded FTE that annual.csv's file active makes of them. */
static void check_year_and_staff(const char *page)
{
    const char *p = page;
    int readings = 0;
    while ((p = strstr(p, "<p class=\"reading\">"))) {
        const char *end = strstr(p, "</p>");
        assert_non_null(end);
        if (span_has(p, end, "2026"))
            fail_msg("a reading speaks of 2026: %.*s", (int)(end - p), p);
        if (readings < 4 && !span_has(p, end, "2022"))
            fail_msg("a reading of the region does not speak of 2022: %.*s", (int)(end - p), p);
        readings++;
        p = end;
    }
    assert_true(readings >= 4 + 13 * 4);
    char want[512], a[64], b[64];
    double fa = annual_mean(occ, "region", 2022, "file_active"), seen = observed_end_2022();
    /* Beside the report's year and its observation, the horizon: 2026, the last year the
     * scenario (2022-01, 60 months) simulates whole, read from annual.csv. */
    double fa26 = annual_mean(occ, "region", 2026, "file_active");
    snprintf(want, sizeof want, "<tr><th scope=\"row\">File active en fin d&#39;année</th><td "
             "class=\"n\">%.0f</td><td class=\"n\">%.0f</td><td class=\"n\">%.0f</td></tr>", fa,
             seen, fa26);
    pl_fixture_contains(page, want, "the key figures");
    pl_fixture_contains(page, "<th class=\"n\">Simulé 2022</th><th class=\"n\">Observé 2022</th>"
                        "<th class=\"n\">Simulé 2026</th>", "the key figures");
    pl_fixture_contains(page, "La dernière colonne donne 2026, la dernière année simulée entière.",
                        "the key figures");
    snprintf(want, sizeof want, "<tr><td>File active fin 2022</td><td class=\"n\">%.0f</td>", seen);
    pl_fixture_contains(page, want, "the table of observed and simulated");
    pl_fixture_contains(page, "<h3>Observé et simulé</h3>", "the page");
    double fte = scenario_fte("scenarios/occitanie-2022.ini");
    assert_true(fabs(fte - 46.1) < 1e-9);
    snprintf(want, sizeof want, "<tr><th scope=\"row\">ETP financés (scénario)</th><td "
             "class=\"n\">%s</td>", french1(a, sizeof a, fte));
    pl_fixture_contains(page, want, "the key figures");
    snprintf(want, sizeof want, "<tr><th scope=\"row\">File active en fin d&#39;année par ETP financé</th>"
             "<td class=\"n\">%s</td>", french1(b, sizeof b, fa / fte));
    pl_fixture_contains(page, want, "the key figures");
    /* The region's row of the staff table: FTE funded, then needed, then persons per FTE. */
    snprintf(want, sizeof want, "<tr class=\"total\"><td></td><td class=\"name\">Occitanie</td>"
             "<td class=\"n\">%s"
             "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>", a,
             french1(b, sizeof b, annual_mean(occ, "region", 2022, "staff_fte_needed")),
             french1(want + 400, 64, fa / fte));
    pl_fixture_contains(page, want, "the staff table");
    /* Haute-Garonne's: 10,9 FTE in the scenario file. */
    double fa31 = annual_mean(occ, "31", 2022, "file_active");
    snprintf(want, sizeof want, "<tr><td>31</td><td class=\"name\">Haute-Garonne</td>"
             "<td class=\"n\">10,9</td>"
             "<td class=\"n\">%s</td><td class=\"n\">%s</td>",
             french1(a, sizeof a, annual_mean(occ, "31", 2022, "staff_fte_needed")),
             french1(b, sizeof b, fa31 / 10.9));
    pl_fixture_contains(page, want, "the staff table");
    pl_fixture_contains(page, "l&#39;intensité tient dans les moyens financés, avec une marge de ",
                        "the affordability sentence");
    /* The annex gives each department's staff: Haute-Garonne's 10,9 FTE funded, its FTE needed and
     * its caseload per funded FTE, as the staff table does. */
    snprintf(want, sizeof want, "ETP financés 10,9, ETP nécessaires %s, file active par ETP "
             "financé %s, financement ",
             french1(a, sizeof a, annual_mean(occ, "31", 2022, "staff_fte_needed")),
             french1(b, sizeof b, fa31 / 10.9));
    const char *h31 = strstr(page, "<h3>Haute-Garonne (31)</h3>\n<p class=\"dept\">");
    assert_non_null(h31);
    pl_fixture_contains(h31, want, "Haute-Garonne's annex");
    /* The entries of observed-occitanie.csv are dated 31 March, 30 June, 30 September and 31
     * December 2022: four months of the year, compared month by month, so no total for the year
     * is shown, and the note says why. */
    pl_fixture_contains(page, "<tr><th scope=\"row\">Entrées (prescriptions)</th><td class=\"n\">"
                        , "the key figures");
    const char *entries = strstr(page, "<tr><th scope=\"row\">Entrées (prescriptions)</th>");
    char entries26[160];
    snprintf(entries26, sizeof entries26, "</td><td class=\"n\">—</td><td class=\"n\">%.0f</td></tr>",
             annual_mean(occ, "region", 2026, "entries"));
    pl_fixture_contains(entries, entries26, "the entries' row");
    pl_fixture_contains(page, "Entrées (prescriptions) : 4 mois de l&#39;année observés seulement "
                        "(mars, juin, septembre, décembre) ; pas de total annuel (« — »).",
                        "the note of the key figures");
}

/* The report of the run, against the scenario's published figures (645 places, 2 773 500 € of
 * funding, 4 300 € per place) and the observations of 31 December 2022. */
static void test_occitanie(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    if (pl_fixture_report(occ, NULL, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    char path[512];
    snprintf(path, sizeof path, "%s/index.html", occ);
    char *page = test_slurp(path, NULL);
    assert_non_null(page);
    const char *why = pl_fixture_well_formed(page, 1);
    if (why)
        fail_msg("index.html: %s", why);
    static const char *const wanted[] = {
        "<title>Emploi accompagné — Occitanie 2022-2026 — rapport 2022</title>",
        "<h2>Chiffres clés 2022</h2>",
        "Année du rapport : 2022, dernière année à la fois observée (--observed) et simulée",
        "<td class=\"n\">645</td>",
        "<td class=\"n\">2 773 500 €</td>",
        "<td class=\"n\">4 300 €</td>",
        "Places inoccupées (places − file active)",
        "dont emploi durable",
        "<svg",
        "<section class=\"chart\" id=\"file_active_region\">",
        "<section class=\"chart\" id=\"km_recherche\">",
        "La file active de l&#39;ensemble du territoire (Occitanie) passe de 439 à ",
        "@media print",
        "break-before:page",
        "Annexe : le scénario simulé (run.ini)",
        "name = Occitanie 2022-2026",
        "Capacité observée au 31/12/2022",
        "<td class=\"name\">Haute-Garonne</td>",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        pl_fixture_contains(page, wanted[i], path);
    check_year_and_staff(page);
    assert_null(strstr(page, "src=\"http"));
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "<?xml"));
    /* The annex: the 13 departments, four charts each; Lozère's flows (0,41 entries a month in
     * the scenario, 1,2 a quarter) per quarter. */
    assert_int_equal(pl_fixture_count(page, "<section class=\"dept\""), 13);
    assert_true(pl_fixture_count(page, "<svg") >= 10 + 13 * 4);
    pl_fixture_contains(page, "<section class=\"dept\" id=\"dep-48\">\n<h3>Lozère (48)</h3>",
                        path);
    pl_fixture_contains(page, "<figure id=\"flows_48\"><figcaption>Entrées et sorties par "
                        "trimestre, par motif — Lozère (48)</figcaption>", path);
    pl_fixture_contains(page, "<figure id=\"flows_31\"><figcaption>Entrées et sorties par mois, "
                        "par motif — Haute-Garonne (31)</figcaption>", path);
    free(page);
    snprintf(path, sizeof path, "%s/report.pdf", occ);
    pl_fixture_check_pdf(path);
    pl_fixture_no_leftovers(occ);

    pl_report_input in = { .year = 2024, .lang = PL_EN };
    assert_int_equal(pl_fixture_report(occ, &in, &err), ENG_OK);
    snprintf(path, sizeof path, "%s/index.html", occ);
    page = test_slurp(path, NULL);
    pl_fixture_contains(
        page, "<title>Supported employment — Occitanie 2022-2026 — report 2024</title>", path);
    pl_fixture_contains(page, "<td class=\"n\">€2,773,500</td>", path);
    free(page);

    in.year = 1990;
    assert_int_equal(pl_fixture_report(occ, &in, &err), ENG_EINPUT);
    pl_fixture_contains(err.msg, "n'a pas l'année 1990", "the error");
}

/* ---- Hostile names -----------------------------------------------------------------------------
 */

static void test_injection(void **state)
{
    (void)state;
    char dir[128], path[512];
    snprintf(dir, sizeof dir, "%s/inj", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_DATA "pl_inject", dir), 0);
    remove("/tmp/pwned");
    remove("/tmp/pwned2");
    eng_error err = { { 0 } };
    assert_int_equal(pl_fixture_report(dir, NULL, &err), ENG_OK);
    snprintf(path, sizeof path, "%s/index.html", dir);
    char *page = page_of(dir);
    pl_fixture_contains(page, "&lt;b&gt;Test &amp; &quot;co&quot;&lt;/b&gt; &lt;script&gt;", path);
    assert_null(strstr(page, "<b>Test"));
    assert_null(strstr(page, "<script"));
    pl_fixture_contains(page, "(x&quot; ; system(&quot;touch /tmp/pwned&quot;) ; &quot;)", path);
    free(page);
    assert_int_equal(access("/tmp/pwned", F_OK), -1);
    assert_int_equal(access("/tmp/pwned2", F_OK), -1);
}

/* ---- A missing gnuplot -------------------------------------------------------------------------
 */

static void test_missing_gnuplot(void **state)
{
    (void)state;
    char dir[128], empty[128], path[512];
    snprintf(dir, sizeof dir, "%s/nognuplot", tmpdir);
    snprintf(empty, sizeof empty, "%s/empty-bin", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_DATA "pl_inject", dir), 0);
    assert_int_equal(mkdir(empty, 0755), 0);
    char *saved = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    setenv("PATH", empty, 1);
    eng_error err = { { 0 } };
    int status = pl_fixture_report(dir, NULL, &err);
    setenv("PATH", saved, 1);
    free(saved);
    assert_int_equal(status, ENG_EFAIL);
    pl_fixture_contains(err.msg, "gnuplot-nox", "the report's error");
    /* Nothing half-written: no page, no scratch directory; the tables are still there. */
    pl_fixture_no_leftovers(dir);
    snprintf(path, sizeof path, "%s/index.html", dir);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof path, "%s/monthly.csv", dir);
    assert_int_equal(access(path, F_OK), 0);
}

/* WeasyPrint missing (gnuplot there): the error names the package, the page is not written
 * either (the set is one), the tables stay. */
static void test_missing_weasyprint(void **state)
{
    (void)state;
    char dir[128], bin[128], path[512];
    snprintf(dir, sizeof dir, "%s/noweasyprint", tmpdir);
    snprintf(bin, sizeof bin, "%s/gnuplot-only", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    assert_int_equal(mkdir(bin, 0755), 0);
    snprintf(path, sizeof path, "%s/gnuplot", bin);
    assert_int_equal(symlink("/usr/bin/gnuplot", path), 0);
    char *saved = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    setenv("PATH", bin, 1);
    eng_error err = { { 0 } };
    int status = pl_fixture_report(dir, NULL, &err);
    setenv("PATH", saved, 1);
    free(saved);
    assert_int_equal(status, ENG_EFAIL);
    pl_fixture_contains(err.msg, "weasyprint n'est pas installé : apt-get install weasyprint",
                        "the report's error");
    pl_fixture_no_leftovers(dir);
    snprintf(path, sizeof path, "%s/index.html", dir);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof path, "%s/report.pdf", dir);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof path, "%s/annual.csv", dir);
    assert_int_equal(access(path, F_OK), 0);
}

static void test_errors(void **state)
{
    (void)state;
    char dir[128];
    eng_error err = { { 0 } };
    snprintf(dir, sizeof dir, "%s/empty", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(pl_fixture_report(dir, NULL, &err), ENG_EINPUT);
    pl_fixture_contains(err.msg, "pas de annual.csv", "the error");
    pl_fixture_no_leftovers(dir);
}

/* Two departments of one module of 5 hours per person and per month, 2 and 0,5 FTE funded, 10 and
 * 5 places at 6 000 €, an FTE at 60 000 € for 100 hours a month. */
static const char tiny[] =
    "[scenario]\nname = Petit\nstart = 2022-01\nmonths = 12\nreplications = 4\nseed = 7\n"
    "[budget]\ncost_per_place = 6000\nstaff_cost_per_fte = 60000\n"
    "[staff]\nhours_per_fte_month = 100\n"
    "[entries]\nper_month = 1\nmix = evaluation:1\n"
    "[module.evaluation]\nduration = exponential(mean=6)\nintensity = 5\nnext = exit.autre:1\n"
    "[department.09]\nplaces = 10\ninitial_file_active = 4\n%s"
    "[department.11]\nplaces = 5\ninitial_file_active = 2\n%s";

/* The staff and money of the tiny scenario, by hand: every person needs 5 hours a month, so 5 hours
 * per person per month whoever is in support, and the FTE needed are the mean caseload x 5 / 100;
 * 2 + 0,5 = 2,5 FTE funded, 15 x 6 000 = 90 000 € of funding, and the persons per funded FTE are
 * the caseload at the end of the year over 2,5. Without `fte`, the page says that the FTE funded
 * are not given, and shows no ratio to them. */
static void test_staff_by_hand(void **state)
{
    (void)state;
    char ini[128], out[128], text[1024];
    snprintf(ini, sizeof ini, "%s/tiny", tmpdir);
    assert_int_equal(mkdir(ini, 0755), 0);
    snprintf(text, sizeof text, tiny, "fte = 2\n", "fte = 0.5\n");
    pl_fixture_write(ini, "tiny.ini", text);
    snprintf(ini, sizeof ini, "%s/tiny/tiny.ini", tmpdir);
    snprintf(out, sizeof out, "%s/tiny/out", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "report", ini, "-o", out, "-q", NULL), 0);
    char path[256], want[1024], a[64], b[64], c[64];
    snprintf(path, sizeof path, "%s/index.html", out);
    char *page = test_slurp(path, NULL);
    assert_non_null(page);
    double fa = annual_mean(out, "region", 2022, "file_active");
    double avg = annual_mean(out, "region", 2022, "file_active_avg");
    snprintf(want, sizeof want, "<tr class=\"total\"><td></td><td class=\"name\">Région</td>"
             "<td class=\"n\">2,5"
             "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">5,0</td>"
             "<td class=\"n\">90 000 €</td>", french1(a, sizeof a, avg * 5 / 100),
             french1(b, sizeof b, fa / 2.5));
    pl_fixture_contains(page, want, "the staff table");
    double fa09 = annual_mean(out, "09", 2022, "file_active");
    snprintf(want, sizeof want, "<tr><td>09</td><td class=\"name\">09</td><td class=\"n\">2,0</td><td "
             "class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">5,0</td><td "
             "class=\"n\">60 000 €</td>",
             french1(a, sizeof a, annual_mean(out, "09", 2022, "file_active_avg") * 5 / 100),
             french1(b, sizeof b, fa09 / 2));
    pl_fixture_contains(page, want, "the staff table");
    /* The balance: 90 000 € less the FTE needed at 60 000 €, to the euro. */
    double balance = 90000 - avg * 5 / 100 * 60000;
    snprintf(c, sizeof c, "%.0f", fabs(balance));
    size_t n = strlen(c);
    snprintf(want, sizeof want, "Solde financement − coût des heures</th><td class=\"n\">%s%.*s "
             "%s €", balance < 0 ? "\u2212" : "", (int)(n - 3), c, c + n - 3);
    pl_fixture_contains(page, want, "the key figures");
    free(page);

    /* The same without fte. */
    snprintf(text, sizeof text, tiny, "", "");
    snprintf(ini, sizeof ini, "%s/tiny", tmpdir);
    pl_fixture_write(ini, "nofte.ini", text);
    snprintf(ini, sizeof ini, "%s/tiny/nofte.ini", tmpdir);
    snprintf(out, sizeof out, "%s/tiny/nofte", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "report", ini, "-o", out, "-q", NULL), 0);
    snprintf(path, sizeof path, "%s/index.html", out);
    page = test_slurp(path, NULL);
    assert_non_null(page);
    pl_fixture_contains(page, FIGURE("ETP financés", "non renseignés dans le scénario"),
                        "the key figures");
    pl_fixture_contains(page, " ETP financés : non renseignés dans le scénario.</p>",
                        "the staff table");
    assert_null(strstr(page, "par ETP financé"));
    /* Without --observed, the Validation section still says how the run was made. */
    pl_fixture_contains(page, "<li><a href=\"#validation\">Validation</a></li>", "the contents");
    pl_fixture_contains(page, "Aucune observation n&#39;est comparée à la simulation",
                        "the Validation section");
    free(page);
}

/* Flows observed month by month (compare.csv): entries in the twelve months of 2022, 1 to 12
 * persons, sum to 78, shown beside the simulated 36 with a note; exits in two months only are not
 * summed ("—"), and the note names the months. */
static void test_observed_months(void **state)
{
    (void)state;
    char dir[128], rows[2048] = "scope,date,indicator,observed,sim_mean,sim_p05,sim_p95,gap,ratio,"
                                "in_band\n";
    snprintf(dir, sizeof dir, "%s/months", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    for (int m = 1; m <= 12; m++)
        snprintf(rows + strlen(rows), sizeof rows - strlen(rows),
                 "region,2022-%02d,entries,%d,3,1,5,0,1,1\n", m, m);
    strcat(rows, "region,2022-03,exits,2,1,0,3,1,2,1\nregion,2022-05,exits,4,1,0,3,3,4,0\n");
    pl_fixture_write(dir, "compare.csv", rows);
    /* The year simulated whole, as annual.csv gives it: without monthly.csv's three months of
     * 2022, a count over the year is compared with it. */
    char monthly[256];
    snprintf(monthly, sizeof monthly, "%s/monthly.csv", dir);
    remove(monthly);
    pl_data *d;
    eng_error err = { { 0 } };
    if (pl_data_read(dir, &d, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_report_keys_write(f, d, "region", 2022, PL_REPORT_YEAR_OBSERVED, PL_FR);
    char *page = test_written(f);
    pl_fixture_contains(page, "<tr><th scope=\"row\">Entrées (prescriptions)</th><td class=\"n\">36"
                        "</td><td class=\"n\">78</td></tr>", "the key figures");
    pl_fixture_contains(page, "<tr><th scope=\"row\">Sorties</th><td class=\"n\">15</td><td "
                        "class=\"n\">—</td></tr>", "the key figures");
    pl_fixture_contains(page, " Entrées (prescriptions) : somme des 12 observations mensuelles de "
                        "l&#39;année. Sorties : 2 mois de l&#39;année observés seulement (mars, "
                        "mai) ; pas de total annuel (« — »).</p>", "the note");
    free(page);
    pl_data_free(d);
    /* A month observed twice is not summed (the column is there for the file active). */
    strcat(rows, "region,2022-12,entries,5,3,1,5,0,1,1\n"
                 "region,2022-12,file_active,118,120,110,130,-2,0.98,1\n");
    pl_fixture_write(dir, "compare.csv", rows);
    if (pl_data_read(dir, &d, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    f = tmpfile();
    pl_report_keys_write(f, d, "region", 2022, PL_REPORT_YEAR_OBSERVED, PL_EN);
    page = test_written(f);
    pl_fixture_contains(page, "<tr><th scope=\"row\">Entries (referrals)</th><td class=\"n\">36"
                        "</td><td class=\"n\">—</td></tr>", "the key figures");
    pl_fixture_contains(page, " Entries (referrals): a month is observed twice; no total for the "
                        "year (&quot;—&quot;).", "the note");
    pl_fixture_contains(page, "<tr><th scope=\"row\">Caseload at the end of the year</th><td "
                        "class=\"n\">120</td><td class=\"n\">118</td></tr>", "the key figures");
    free(page);
    pl_data_free(d);
}

/* A count over a year compares only with the year simulated whole: the hand tables simulate
 * three months of 2022, so its observed entries of the year do not make it the report's year, nor
 * fill its Observé column; a stock at the end of December does. */
static void test_partial_year(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/partial", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    const char *head = "scope,date,indicator,observed,sim_mean,sim_p05,sim_p95,gap,ratio,in_band\n";
    char rows[512];
    snprintf(rows, sizeof rows, "%sregion,2022,entries,777,36,30,40,741,21.6,0\n", head);
    pl_fixture_write(dir, "compare.csv", rows);
    pl_data *d;
    eng_error err = { { 0 } };
    if (pl_data_read(dir, &d, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    int year;
    pl_report_keys_why why;
    assert_int_equal(pl_report_keys_year(d, "region", 0, &year, &why, &err), ENG_OK);
    assert_int_not_equal(why, PL_REPORT_YEAR_OBSERVED);
    FILE *f = tmpfile();
    pl_report_keys_write(f, d, "region", 2022, PL_REPORT_YEAR_ASKED, PL_FR);
    char *page = test_written(f);
    assert_null(strstr(page, "777"));
    free(page);
    pl_data_free(d);
    snprintf(rows, sizeof rows, "%sregion,2022-12,file_active,118,120,110,130,-2,0.98,1\n", head);
    pl_fixture_write(dir, "compare.csv", rows);
    if (pl_data_read(dir, &d, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(pl_report_keys_year(d, "region", 0, &year, &why, &err), ENG_OK);
    assert_int_equal(why, PL_REPORT_YEAR_OBSERVED);
    assert_int_equal(year, 2022);
    pl_data_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand),
        cmocka_unit_test(test_afford_short_of_staff),
        cmocka_unit_test(test_into_set),
        cmocka_unit_test(test_data_files),
        cmocka_unit_test(test_occitanie),
        cmocka_unit_test(test_staff_by_hand),
        cmocka_unit_test(test_observed_months),
        cmocka_unit_test(test_partial_year),
        cmocka_unit_test(test_injection),
        cmocka_unit_test(test_missing_gnuplot),
        cmocka_unit_test(test_missing_weasyprint),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
