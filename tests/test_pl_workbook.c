/* test_pl_workbook.c — tableaux.xlsx read back by a real reader (Debian's python3-openpyxl): its
 * sheets, codes and names kept as text, and numbers equal to those of the CSV tables. */

#include "pl_fixture.h"
#include "engine/eng_csv.h"
#include "engine/eng_msg.h"
#include "models/ea_scenario.h"
#include "plots/pl_workbook.h"

PL_FIXTURE_GROUP("test_pl_workbook")

/* Prints every cell of a workbook, one a line: sheet, row, column (1-based), the cell's type as
 * openpyxl reads it (s: text, n: number, f: formula) and its value; a number in full precision. */
static const char *const dump_script =
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "for ws in wb.worksheets:\n"
    "    print('S\\t' + ws.title + '\\t' + str(ws.freeze_panes))\n"
    "    for row in ws.iter_rows():\n"
    "        for c in row:\n"
    "            if c.value is None: continue\n"
    "            v = repr(c.value) if c.data_type == 'n' else str(c.value)\n"
    "            v = v.replace('\\t', ' ').replace('\\n', ' ')\n"
    "            print('\\t'.join([ws.title, str(c.row), str(c.column), c.data_type, v]))\n";

/* One cell of the dump. */
typedef struct cell {
    char sheet[64], type[4], value[256];
    int row, col;
} cell;

typedef struct book {
    cell *cells;
    size_t n;
    char sheets[32][64];
    int nsheets;
} book;

/* The Python of the test machine with openpyxl: Debian's, else the one on PATH. */
static const char *python(void)
{
    return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/* Reads the workbook at path through openpyxl into b. */
static void book_read(book *b, const char *path)
{
    char out[160];
    snprintf(out, sizeof out, "%s/dump.txt", tmpdir);
    const char *argv[] = { python(), "-c", dump_script, path, NULL };
    if (test_run(argv, out, NULL, 120) != 0)
        fail_msg("openpyxl cannot read %s (apt-get install python3-openpyxl, or make deps)", path);
    char *text = test_slurp(out, NULL);
    assert_non_null(text);
    memset(b, 0, sizeof *b);
    size_t lines = 1;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    b->cells = calloc(lines, sizeof *b->cells);
    assert_non_null(b->cells);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        cell *c = &b->cells[b->n];
        if (strncmp(line, "S\t", 2) == 0 && b->nsheets < 32)
            sscanf(line + 2, "%63[^\t]", b->sheets[b->nsheets++]);
        else if (sscanf(line, "%63[^\t]\t%d\t%d\t%3[^\t]\t%255[^\n]", c->sheet, &c->row, &c->col,
                        c->type, c->value) == 5)
            b->n++;
    }
    free(text);
}

/* Reads the workbook a command wrote into dir. */
static void book_read_dir(book *b, const char *dir)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, PL_WORKBOOK_FILE);
    book_read(b, path);
}

static void book_free(book *b)
{
    free(b->cells);
}

static const cell *book_cell(const book *b, const char *sheet, int row, int col)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->cells[i].row == row && b->cells[i].col == col
            && strcmp(b->cells[i].sheet, sheet) == 0)
            return &b->cells[i];
    return NULL;
}

/* The row of the cell of column col whose text is value, or 0. */
static int book_row_of(const book *b, const char *sheet, int col, const char *value)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->cells[i].col == col && strcmp(b->cells[i].sheet, sheet) == 0
            && strcmp(b->cells[i].value, value) == 0)
            return b->cells[i].row;
    return 0;
}

/* The column of the cell of row `row` whose text is value, or 0. */
static int book_col_of(const book *b, const char *sheet, int row, const char *value)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->cells[i].row == row && strcmp(b->cells[i].sheet, sheet) == 0
            && strcmp(b->cells[i].value, value) == 0)
            return b->cells[i].col;
    return 0;
}

/* The text of a cell, which must be there, and its type in *type (NULL: not wanted). */
static const char *book_text(const book *b, const char *sheet, int row, int col, const char **type)
{
    const cell *c = book_cell(b, sheet, row, col);
    if (!c)
        fail_msg("%s: no cell at row %d, column %d", sheet, row, col);
    if (type)
        *type = c->type;
    return c->value;
}

static const char *cell_type_of(const book *b, const char *sheet, int row, int col)
{
    const char *type;
    book_text(b, sheet, row, col, &type);
    return type;
}

/* The number in a cell, which must be one. */
static double book_number(const book *b, const char *sheet, int row, int col)
{
    const cell *c = book_cell(b, sheet, row, col);
    if (!c)
        fail_msg("%s: no cell at row %d, column %d", sheet, row, col);
    if (strcmp(c->type, "n") != 0)
        fail_msg("%s: row %d, column %d is \"%s\", not a number", sheet, row, col, c->value);
    return strtod(c->value, NULL);
}

/* Writes the workbook of dir into dir, as eaflow does (a set of outputs), and reads it back. */
static void write_and_read(book *b, const char *dir, pl_text_lang lang)
{
    eng_error err;
    ea_scenario sc;
    assert_int_equal(ea_scenario_load("scenarios/occitanie-2022.ini", &sc, &err), ENG_OK);
    eng_out *out = eng_out_begin(dir, &err);
    assert_non_null(out);
    const pl_workbook_options opt = { .lang = lang, .scenario = &sc };
    if (eng_out_finish(out, pl_workbook_write(out, dir, &opt, &err), &err) != ENG_OK)
        fail_msg("%s", err.msg);
    ea_scenario_clear(&sc);
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, PL_WORKBOOK_FILE);
    book_read(b, path);
}

/* The mean of a row of a summary table (monthly.csv or annual.csv) read with the CSV reader. */
static double csv_mean(const char *dir, const char *file, const char *scope, const char *period,
                       const char *indicator)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    eng_csv *t;
    eng_error err;
    assert_int_equal(eng_csv_read(path, &t, &err), ENG_OK);
    int cs = eng_csv_column(t, "scope"), cp = eng_csv_ncols(t) > 1 ? 1 : -1;
    int ci = eng_csv_column(t, "indicator"), cm = eng_csv_column(t, "mean");
    double v = NAN;
    for (size_t r = 0; r < eng_csv_nrows(t); r++)
        if (strcmp(eng_csv_get_text(t, r, cs), scope) == 0
            && strcmp(eng_csv_get_text(t, r, cp), period) == 0
            && strcmp(eng_csv_get_text(t, r, ci), indicator) == 0)
            v = strtod(eng_csv_get_text(t, r, cm), NULL);
    eng_csv_free(t);
    if (isnan(v))
        fail_msg("%s has no row %s %s %s", file, scope, period, indicator);
    return v;
}

/* The sweep's summary and a comparison's scenarios.csv, beside the fixtures the plots' tests
 * share, for the sheets of the other analyses. */
static void write_sweep_summary(void)
{
    pl_fixture_write(occ, "sweep-summary.csv",
                     "point,defaults.entries_per_month,year,file_active,funding_eur\n"
                     "1,1,2026,243.6,2773500\n2,2,2026,385.4,2773500\n");
    char to[256];
    snprintf(to, sizeof to, "%s/scenarios.csv", occ);
    if (pl_fixture_copy_file(PL_FIXTURE_DATA "pl_scenarios.csv", to) != 0)
        fail_msg("cannot copy pl_scenarios.csv to %s", to);
}

static void test_every_sheet(void **state)
{
    (void)state;
    static const char *const sheets[] = {
        "Synthèse", "File active", "Liste d'attente", "Entrées", "Sorties", "File active p05-p95",
        "Liste d'attente p05-p95", "Entrées p05-p95", "Sorties p05-p95", "Budget et personnel",
        "Homogénéisation", "Dispersion des coûts", "Observé – simulé", "Balayage", "Comparaison",
        "Hypothèses",
    };
    write_sweep_summary();
    book b;
    write_and_read(&b, occ, PL_FR);
    for (size_t i = 0; i < sizeof sheets / sizeof *sheets; i++) {
        int found = 0;
        for (int k = 0; k < b.nsheets; k++)
            found |= strcmp(b.sheets[k], sheets[i]) == 0;
        if (!found)
            fail_msg("no sheet \"%s\"", sheets[i]);
    }
    /* Each sheet says what it holds, and the simulated ones over how many replications. */
    assert_substring(book_text(&b, "File active", 1, 1, NULL), "sur 20 réplications");
    assert_substring(book_text(&b, "Synthèse", 1, 1, NULL), "bande de 90 %");
    /* Its time (the budget: under a second for the demo) is measured by make bench. */
    book_free(&b);
}

static void test_numbers_equal_the_tables(void **state)
{
    (void)state;
    book b;
    write_and_read(&b, occ, PL_FR);
    const char *fa = "File active";
    /* Headings on row 4; the region's row is named, a department's code is text. */
    int y2024 = book_col_of(&b, fa, 4, "2024"), jan = book_col_of(&b, fa, 4, "janv. 2022");
    int region = book_row_of(&b, fa, 2, "Occitanie");
    int ariege = book_row_of(&b, fa, 1, "09");
    assert_true(y2024 > 0 && jan > y2024 && region == 5 && ariege > region);
    assert_string_equal(cell_type_of(&b, fa, ariege, 1), "s");
    assert_string_equal(book_text(&b, fa, ariege, 2, NULL), "Ariège");
    assert_rel(book_number(&b, fa, ariege, y2024), csv_mean(occ, "annual.csv", "09", "2024",
                                                            "file_active"), 1e-12);
    assert_rel(book_number(&b, fa, region, jan), csv_mean(occ, "monthly.csv", "region", "2022-01",
                                                          "file_active"), 1e-12);
    /* The band: p05 and p95 on two rows per scope. */
    const char *band = "File active p05-p95";
    int p95 = book_row_of(&b, band, 1, "09") + 1;
    assert_string_equal(book_text(&b, band, p95, 3, NULL), "p95");
    /* The budget: a row per department and year. */
    const char *bud = "Budget et personnel";
    int funding = book_col_of(&b, bud, 4, "Financement");
    int row = book_row_of(&b, bud, 1, "09") + 1;   /* the second year of 09: 2023 */
    assert_rel(book_number(&b, bud, row, 3), 2023, 0);
    assert_rel(book_number(&b, bud, row, funding),
               csv_mean(occ, "annual.csv", "09", "2023", "funding_eur"), 1e-12);
    /* Under the title, what the staff columns count, as under the page's staff table: the
     * scenario gives half of the counsellors' time to direct support. */
    assert_substring(book_text(&b, bud, 2, 1, NULL), "ETP nécessaires : les heures "
                     "d'accompagnement direct que demande l'intensité du scénario, en conseillers "
                     "à temps plein dont seule la part staff.direct_share de leur temps");
    /* Costs: Ariège's 2021 deviation, (95 200 / 17 − 4 300) / 4 300 = 5 600 / 4 300 − 1. */
    const char *h = "Homogénéisation";
    int dev = book_col_of(&b, h, 4, "Écart au coût de référence");
    assert_rel(book_number(&b, h, book_row_of(&b, h, 2, "09"), dev), 5600.0 / 4300.0 - 1, 1e-9);
    /* The funding per person the terminal gives, too: Ariège 2021, 95 200 € for 11 persons of
     * the caseload (funding-occitanie.csv). */
    int per_fa = book_col_of(&b, h, 4, "Financement par personne de la file active");
    assert_true(per_fa > 0);
    assert_rel(book_number(&b, h, book_row_of(&b, h, 2, "09"), per_fa), 95200.0 / 11, 1e-9);
    /* The dispersion of 2021's thirteen costs per place as funded: their mean 60 700 / 13 and
     * their coefficient of variation, the population sd over the mean, 0,143885 (by hand from
     * funding-occitanie.csv's costs per place). */
    const char *disp = "Dispersion des coûts";
    int funded = book_row_of(&b, disp, 2, "tel que financé");
    assert_true(funded > 4);
    assert_rel(book_number(&b, disp, funded, book_col_of(&b, disp, 4, "Moyenne non pondérée")),
               60700.0 / 13, 1e-9);
    assert_rel(book_number(&b, disp, funded, book_col_of(&b, disp, 4, "Coefficient de variation")),
               0.14388537437165105, 1e-9);
    /* The region's row is named in words (costs.csv calls it Total), its tolerance left empty:
     * the region is judged by its departments. */
    int whole = book_row_of(&b, h, 3, "Occitanie");
    assert_true(whole > 5);
    assert_null(book_cell(&b, h, whole, book_col_of(&b, h, 4, "Tolérance (± €)")));
    book_free(&b);
}

/* Synthèse: the year of the report (the last year compare.csv observes: 2022 in the example
 * data), its observed column from the December rows of compare.csv, as in
 * scenarios/data/observed-occitanie.csv: 548 persons in support at the end of 2022 for 645 places,
 * and the occupancy of the two. Entries are observed month by month only: no observed value for the year. */
static void test_synthesis_observed(void **state)
{
    (void)state;
    book b;
    write_and_read(&b, occ, PL_FR);
    const char *sy = "Synthèse";
    assert_substring(book_text(&b, sy, 1, 1, NULL), "Synthèse 2022 — ");
    assert_string_equal(book_text(&b, sy, 4, 5, NULL), "Observé");
    int fa = book_row_of(&b, sy, 1, "File active"), places = book_row_of(&b, sy, 1, "Places");
    int entries = book_row_of(&b, sy, 1, "Entrées");
    assert_true(fa > 4 && places > 4 && entries > 4);
    assert_rel(book_number(&b, sy, fa, 5), 548, 0);
    assert_rel(book_number(&b, sy, places, 5), 645, 0);
    /* The observed occupancy of those two: 548 / 645. */
    int occupancy = book_row_of(&b, sy, 1, "Taux d'occupation");
    assert_true(occupancy > 4);
    assert_rel(book_number(&b, sy, occupancy, 5), 548.0 / 645.0, 1e-12);
    assert_null(book_cell(&b, sy, entries, 5));
    /* Observé – simulé: compare.csv's months (2022-03, the first observed after the start) read
     * as people write them, not as the machine-readable table does. */
    const char *os = "Observé – simulé";
    int period = book_col_of(&b, os, 4, "Période");
    assert_true(period > 0);
    assert_true(book_row_of(&b, os, period, "mars 2022") > 4);
    assert_int_equal(book_row_of(&b, os, period, "2022-03"), 0);
    book_free(&b);
}

/* Hypothèses: the report's assumptions table, a row per parameter, with the values, sources and
 * notes of scenarios/occitanie-2022.ini and scenarios/SOURCES.md as written there. */
static void test_assumptions_sheet(void **state)
{
    (void)state;
    book b;
    write_and_read(&b, occ, PL_FR);
    const char *h = "Hypothèses";
    static const char *const headings[] = { "Groupe", "Paramètre", "Valeur", "Source", "Note" };
    for (int k = 0; k < 5; k++)
        assert_string_equal(book_text(&b, h, 4, k + 1, NULL), headings[k]);
    int row = book_row_of(&b, h, 2, "Financement d'une place");
    assert_true(row > 4);
    assert_string_equal(book_text(&b, h, row, 1, NULL), "Budget");
    assert_string_equal(book_text(&b, h, row, 3, NULL), "4 300 € par place et par an");
    assert_string_equal(book_text(&b, h, row, 4, NULL), "[S1] Note régionale Occitanie (2022)");
    assert_substring(book_text(&b, h, row, 5, NULL), "Coût homogénéisé d'une place");
    row = book_row_of(&b, h, 2, "Part du financement déléguée aux structures partenaires");
    assert_string_equal(book_text(&b, h, row, 3, NULL), "40 %");
    assert_string_equal(book_text(&b, h, row, 4, NULL),
                        "hypothèse, d'après [S11] Circulaire du 31 décembre 2021");
    /* A department's own values: Ariège's 17 places, an assumption. */
    row = book_row_of(&b, h, 1, "Département : Ariège (09)");
    assert_true(row > 0);
    int places = 0;
    for (int r = row; !places && strcmp(book_text(&b, h, r, 1, NULL), "Département : Ariège (09)") == 0;
         r++)
        if (strcmp(book_text(&b, h, r, 2, NULL), "Places financées") == 0)
            places = r;
    assert_true(places > 0);
    assert_string_equal(book_text(&b, h, places, 3, NULL), "17 places");
    assert_string_equal(book_text(&b, h, places, 4, NULL), "hypothèse, d'après [S1] Note régionale "
                                                          "Occitanie (2022)");
    /* No row of run.ini's raw keys. */
    assert_int_equal(book_row_of(&b, h, 2, "cost_per_place"), 0);
    book_free(&b);
}

/* The sweep's summary written with --csv fr (';', decimal comma, French headers) gives the same
 * sheet as with --csv std: numbers, in their indicator's format, under the indicator's label. */
static void test_french_sweep_summary(void **state)
{
    (void)state;
    char dir[160];
    test_subdir(dir, sizeof dir, tmpdir, "sweep-fr");
    pl_fixture_write(dir, "sweep-summary.csv",
                     "\xEF\xBB\xBFpoint;defaults.entries_per_month;année;file active;"
                     "taux d'occupation;financement (€)\n"
                     "1;0,5;2026;244,3;0,379;2773500\n2;2;2026;377,0;0,584;2773500\n");
    book b;
    write_and_read(&b, dir, PL_FR);
    const char *sw = "Balayage";
    int fa = book_col_of(&b, sw, 4, "File active"), occ_col = book_col_of(&b, sw, 4, "Taux d'occupation");
    assert_true(fa > 0 && occ_col > 0);
    assert_int_equal(book_col_of(&b, sw, 4, "Année"), 3);
    assert_rel(book_number(&b, sw, 5, 2), 0.5, 0);
    assert_rel(book_number(&b, sw, 5, fa), 244.3, 1e-12);
    assert_rel(book_number(&b, sw, 6, fa), 377.0, 1e-12);
    assert_rel(book_number(&b, sw, 5, occ_col), 0.379, 1e-12);
    assert_rel(book_number(&b, sw, 6, 6), 2773500, 0);
    book_free(&b);
}

/* The answer of sweep --target in the sheet Cible, from a hand-written sweep-target.csv: the
 * department judged by its code, the answer 145 with 4,3 on the waiting list in 70 % of the
 * replications, its neighbour 144 that misses it, met and not at the grid's edge. */
static void test_sweep_target_sheet(void **state)
{
    (void)state;
    char dir[160];
    test_subdir(dir, sizeof dir, tmpdir, "sweep-target");
    pl_fixture_write(dir, "sweep-target.csv",
                     "key,target,indicator,operator,threshold,scope,year,level,direction,met,"
                     "answer,value_at_answer,share_at_answer,next_key_value,value_next,share_next,"
                     "at_grid_edge,evaluations\ndepartment.31.places,31:waiting<=5,waiting,<=,5,31,"
                     "2026,mean,smallest,1,145,4.3,0.7,144,6.4,0.5,0,9\n");
    book b;
    write_and_read(&b, dir, PL_FR);
    const char *t = "Cible";
    assert_string_equal(book_text(&b, t, 4, 1, NULL), "Clé variée");
    assert_string_equal(book_text(&b, t, 5, 1, NULL), "department.31.places");
    assert_string_equal(book_text(&b, t, 5, 3, NULL), "31");
    assert_string_equal(book_text(&b, t, 5, 5, NULL), "oui");
    int answer = book_col_of(&b, t, 4, "Réponse : valeur de la clé");
    assert_rel(book_number(&b, t, 5, answer), 145, 0);
    assert_rel(book_number(&b, t, 5, answer + 1), 4.3, 1e-12);
    assert_rel(book_number(&b, t, 5, answer + 2), 0.7, 1e-12);
    assert_rel(book_number(&b, t, 5, answer + 3), 144, 0);
    assert_string_equal(book_text(&b, t, 5, book_col_of(&b, t, 4, "Au bord de la grille"), NULL),
                        "non");
    book_free(&b);
}

static void test_texts_stay_text(void **state)
{
    (void)state;
    char dir[160];
    test_subdir(dir, sizeof dir, tmpdir, "inject");
    pl_fixture_write(dir, "costs.csv",
                     "year,department,name,places,funding_eur,cost_per_place_eur,"
                     "reference_funding_eur,outside_tolerance,verdict\n"
                     "2022,2A,=1+1,10,43000,4300,43000,0,conforme\n"
                     "2022,09,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1,4300,4300,4300,0,conforme\n");
    book b;
    write_and_read(&b, dir, PL_FR);
    const char *h = "Homogénéisation";
    int row = book_row_of(&b, h, 2, "2A");
    assert_true(row > 0);
    assert_string_equal(cell_type_of(&b, h, row, 2), "s");
    assert_string_equal(cell_type_of(&b, h, row, 3), "s");
    assert_string_equal(book_text(&b, h, row, 3, NULL), "=1+1");
    assert_string_equal(book_text(&b, h, row + 1, 2, NULL), "09");
    assert_string_equal(cell_type_of(&b, h, row + 1, 3), "s");
    assert_string_equal(book_text(&b, h, row + 1, 3, NULL), "=HYPERLINK(\"http://x\",\"y\")");
    book_free(&b);
}

static void test_english(void **state)
{
    (void)state;
    eng_msg_set_lang(ENG_MSG_EN);
    book b;
    write_and_read(&b, occ, PL_EN);
    eng_msg_set_lang(ENG_MSG_FR);
    assert_string_equal(b.sheets[0], "Summary");
    assert_string_equal(b.sheets[1], "Caseload");
    assert_substring(book_text(&b, "Caseload", 1, 1, NULL), "over 20 replications");
    assert_true(book_row_of(&b, "Caseload", 2, "Occitanie") > 0);
    /* Every note of a sheet is translated, the ones chosen by the indicator's kind too. */
    assert_string_equal(book_text(&b, "Entries", 2, 1, NULL), "Number in the year, then in the month.");
    assert_string_equal(book_text(&b, "Caseload", 2, 1, NULL),
                        "Count at the end of the year, then at the end of the month.");
    const char *os = "Observed – simulated";
    assert_true(book_row_of(&b, os, book_col_of(&b, os, 4, "Period"), "March 2022") > 4);
    book_free(&b);
}

/* simulate --xlsx: the workbook is one of the run's files, listed in its manifest. */
static void test_simulate_xlsx(void **state)
{
    (void)state;
    char dir[160], path[200];
    snprintf(dir, sizeof dir, "%s/sim", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "simulate", "scenarios/occitanie-2022.ini", "-n", "5",
                                 "-o", dir, "-q", "--xlsx", NULL), 0);
    snprintf(path, sizeof path, "%s/manifest.csv", dir);
    char *manifest = test_slurp(path, NULL);
    assert_non_null(manifest);
    assert_substring(manifest, "output,tableaux.xlsx,");
    free(manifest);
    book b;
    book_read_dir(&b, dir);
    assert_string_equal(b.sheets[0], "Synthèse");
    assert_substring(book_text(&b, "File active", 1, 1, NULL), "sur 5 réplications");
    book_free(&b);
}

/* places --xlsx: a sheet of the places needed, Ariège's row beside its code kept as text, its
 * places the scenario's 17 (scenarios/occitanie-2022.ini) and its answer the one of places.csv. */
static void test_places_xlsx(void **state)
{
    (void)state;
    char dir[160], path[200];
    snprintf(dir, sizeof dir, "%s/places", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "places", "scenarios/occitanie-2022.ini", "--target",
                                 "mean_wait_days<=60", "--year", "2023", "-n", "5", "-o", dir, "-q",
                                 "--xlsx", NULL), 0);
    book b;
    book_read_dir(&b, dir);
    const char *p = "Places nécessaires";
    int row = book_row_of(&b, p, 1, "09");
    assert_true(row > 0);
    assert_string_equal(cell_type_of(&b, p, row, 1), "s");
    assert_string_equal(book_text(&b, p, row, 2, NULL), "Ariège");
    assert_rel(book_number(&b, p, row, 3), 17, 0);
    snprintf(path, sizeof path, "%s/places.csv", dir);
    eng_csv *t;
    eng_error err;
    assert_int_equal(eng_csv_read(path, &t, &err), ENG_OK);
    assert_string_equal(eng_csv_get_text(t, 0, eng_csv_column(t, "department")), "09");
    double needed = strtod(eng_csv_get_text(t, 0, eng_csv_column(t, "places_needed")), NULL);
    assert_rel(book_number(&b, p, row, 4), needed, 0);
    eng_csv_free(t);
    /* The counsellors: Ariège's funded FTE is its key fte in the scenario, the gap is the funded
     * less the needed, and a positive gap suffices. */
    ea_scenario sc;
    assert_int_equal(ea_scenario_load("scenarios/occitanie-2022.ini", &sc, &err), ENG_OK);
    double fte = NAN;
    for (int i = 0; i < sc.ndepartments; i++)
        if (strcmp(sc.departments[i].code, "09") == 0)
            fte = sc.departments[i].fte;
    ea_scenario_clear(&sc);
    int funded = book_col_of(&b, p, 4, "ETP financés"), need = book_col_of(&b, p, 4, "ETP nécessaires");
    int gap = book_col_of(&b, p, 4, "Écart ETP (financés − nécessaires)");
    int enough = book_col_of(&b, p, 4, "ETP suffisants");
    assert_true(funded > 0 && need > 0 && gap > 0 && enough > 0);
    assert_rel(book_number(&b, p, row, funded), fte, 1e-12);
    double gap_v = book_number(&b, p, row, gap);
    assert_rel(gap_v, fte - book_number(&b, p, row, need), 1e-9);
    assert_string_equal(book_text(&b, p, row, enough, NULL), gap_v >= 0 ? "oui" : "non");
    book_free(&b);
}

/* scenarios --xlsx: the sheet « Différences » first, its rows those of the page's table (the
 * region, then the 13 departments of the scenario); Haute-Garonne +20 places adds 20 places to
 * department 31 and to the region, funded at 20 × the scenario's cost per place a year (86 000 €
 * at 4 300 €), exactly (both ends of the interval equal), and nothing to Ariège. */
static void test_scenarios_differences(void **state)
{
    (void)state;
    char dir[160];
    snprintf(dir, sizeof dir, "%s/cmp", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "scenarios", "scenarios/occitanie-2022.ini",
                                 "scenarios/occitanie-2022-hg20.ini", "-o", dir, "-n", "5", "--year",
                                 "2024", "--threads", "2", "-q", "--xlsx", NULL), 0);
    ea_scenario sc;
    eng_error err;
    assert_int_equal(ea_scenario_load("scenarios/occitanie-2022-hg20.ini", &sc, &err), ENG_OK);
    double funding = 20 * sc.cost_per_place;
    int ndepartments = sc.ndepartments;
    ea_scenario_clear(&sc);
    book b;
    book_read_dir(&b, dir);
    const char *d = "Différences";
    assert_string_equal(b.sheets[0], d);
    assert_substring(book_text(&b, d, 1, 1, NULL), "Différences en 2024");
    int places = book_col_of(&b, d, 4, "Δ places");
    int euros = book_col_of(&b, d, 4, "Δ financement (€ par an)");
    assert_true(places > 0 && euros > 0);
    assert_string_equal(book_text(&b, d, 5, 3, NULL), "Occitanie");
    assert_int_equal(book_row_of(&b, d, 3, "Haute-Garonne (31)") > 5, 1);
    assert_null(book_cell(&b, d, 5 + ndepartments + 1, 3));
    const int rows[] = { 5, book_row_of(&b, d, 3, "Haute-Garonne (31)") };
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 3; k++) {
            assert_rel(book_number(&b, d, rows[i], places + k), 20, 1e-9);
            assert_rel(book_number(&b, d, rows[i], euros + k), funding, 1e-9);
        }
    assert_rel(funding, 86000, 1e-12);
    int ariege = book_row_of(&b, d, 3, "Ariège (09)");
    assert_true(book_number(&b, d, ariege, places) == 0);
    assert_string_equal(cell_type_of(&b, d, ariege, 2), "s");
    /* The sheet Comparaison names each department, from the first scenario: there is no run.ini
     * in a comparison's directory. */
    const char *cmp = "Comparaison";
    int hg = book_row_of(&b, cmp, 1, "31");
    assert_true(hg > 4);
    assert_string_equal(book_text(&b, cmp, hg, 2, NULL), "Haute-Garonne");
    book_free(&b);
    /* A scenario in another capacity mode pairs nothing with the reference: its differences read
     * « sans objet » in both sheets, and its row says why. */
    snprintf(dir, sizeof dir, "%s/cmp-staff", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "scenarios", "scenarios/occitanie-2022.ini",
                                 "scenarios/occitanie-2022-staff.ini", "-o", dir, "-n", "3",
                                 "--threads", "2", "-q", "--xlsx", NULL), 0);
    book_read_dir(&b, dir);
    assert_substring(book_text(&b, d, 5, 1, NULL), "(écarts sans objet ; ce qui diffère : mode de "
                                                   "capacité)");
    assert_string_equal(book_text(&b, d, 5, places, NULL), "sans objet");
    int gap = book_col_of(&b, "Comparaison", 4, "Écart « occitanie-2022-staff » − « occitanie-2022 »");
    assert_true(gap > 0);
    assert_string_equal(book_text(&b, "Comparaison", 5, gap, NULL), "sans objet");
    assert_null(book_cell(&b, "Comparaison", 5, gap + 1));
    book_free(&b);
    /* In English through the catalogue. */
    snprintf(dir, sizeof dir, "%s/cmp-en", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "scenarios", "scenarios/occitanie-2022.ini",
                                 "scenarios/occitanie-2022-hg20.ini", "-o", dir, "-n", "5", "--year",
                                 "2024", "--threads", "2", "-q", "--xlsx", "--lang", "en", NULL), 0);
    book_read_dir(&b, dir);
    assert_string_equal(b.sheets[0], "Differences");
    assert_true(book_col_of(&b, "Differences", 4, "Δ funding (€ a year)") > 0);
    book_free(&b);
}

/* report --observed --until: the sheet « Validation » has one row per observation after the date,
 * counted here from the observed file itself: each value of file_active, entries or funding_eur
 * dated after 31 December 2021 (places are left out, equal by construction): 13 departments and
 * the region at four quarters' ends, and the region's entries of each quarter, 60. */
static void test_report_validation(void **state)
{
    (void)state;
    char dir[160];
    snprintf(dir, sizeof dir, "%s/report", tmpdir);
    const char *observed = "scenarios/data/observed-occitanie.csv";
    assert_int_equal(test_eaflow(NULL, NULL, "report", "scenarios/occitanie-2022.ini", "--observed",
                                 observed, "--until", "2021-12-31", "-n", "5", "-o", dir, "-q", NULL),
                     0);
    eng_csv *t;
    eng_error err;
    assert_int_equal(eng_csv_read(observed, &t, &err), ENG_OK);
    int cd = eng_csv_column(t, "date");
    const char *counted[] = { "file_active", "entries", "funding_eur" };
    int held = 0;
    for (size_t r = 0; r < eng_csv_nrows(t); r++)
        for (int k = 0; k < 3; k++)
            held += strcmp(eng_csv_get_text(t, r, cd), "2021-12-31") > 0
                    && eng_csv_get_text(t, r, eng_csv_column(t, counted[k]))[0];
    eng_csv_free(t);
    assert_int_equal(held, 60);
    book b;
    book_read_dir(&b, dir);
    const char *v = "Validation";
    assert_substring(book_text(&b, v, 1, 1, NULL), "après le 31/12/2021");
    assert_string_equal(book_text(&b, v, 4, 5, NULL), "Observé");
    assert_null(book_cell(&b, v, 5 + held, 3));
    assert_non_null(book_cell(&b, v, 4 + held, 3));
    for (int row = 5; row < 5 + held; row++) {
        /* The gap is the observed less the simulated mean; the relative gap its share. */
        double obs = book_number(&b, v, row, 5), gap = book_number(&b, v, row, 10);
        assert_rel(gap, obs - book_number(&b, v, row, 6), 1e-9);
        if (obs != 0)
            assert_rel(book_number(&b, v, row, 11), fabs(gap) / fabs(obs), 1e-9);
        assert_true(strcmp(book_text(&b, v, row, 4, NULL), "Places") != 0);
    }
    book_free(&b);
}

/* sensitivity --xlsx: the sheet « Sensibilité », a row per outcome, assumption, method and index,
 * in words; the intensity of evaluation changes no waiting (hours are not capacity): its Sobol
 * total is exactly 0, while the time in recherche moves it (total above 0). */
static void test_sensitivity_xlsx(void **state)
{
    (void)state;
    char dir[160];
    snprintf(dir, sizeof dir, "%s/sensitivity", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "sensitivity", "scenarios/occitanie-2022-uncertainty.ini",
                                 "--outcome", "waiting@2024", "--points", "8", "-n", "5", "-o", dir,
                                 "-q", "--xlsx", NULL), 0);
    book b;
    book_read_dir(&b, dir);
    const char *p = "Sensibilité";
    int what = book_col_of(&b, p, 4, "Hypothèse"), method = book_col_of(&b, p, 4, "Méthode");
    int index = book_col_of(&b, p, 4, "Indice"), est = book_col_of(&b, p, 4, "Estimation");
    assert_true(what > 0 && method > 0 && index > 0 && est > 0);
    int inert = 0, active = 0;
    for (int row = 5; book_cell(&b, p, row, 1); row++) {
        const char *name = book_text(&b, p, row, what, NULL);
        if (strcmp(book_text(&b, p, row, method, NULL), "Sobol") != 0
            || strcmp(book_text(&b, p, row, index, NULL), "total") != 0)
            continue;
        if (strcmp(name, "intensité de l'accompagnement — évaluation") == 0) {
            assert_true(book_number(&b, p, row, est) == 0);
            inert++;
        } else if (strcmp(name, "durée du module (moyenne) — recherche d'emploi") == 0) {
            assert_true(book_number(&b, p, row, est) > 0);
            active++;
        }
    }
    assert_int_equal(inert, 1);
    assert_int_equal(active, 1);
    assert_true(book_row_of(&b, p, index, "premier ordre") > 0);
    assert_true(book_row_of(&b, p, index, "quantile 95 %") > 0);
    book_free(&b);
}

/* simulate --uncertainty --xlsx: the sheet « Incertitude », the region in words, each mean within
 * its band and the share of the variance due to the assumptions between 0 and 1. */
static void test_uncertainty_xlsx(void **state)
{
    (void)state;
    char dir[160];
    snprintf(dir, sizeof dir, "%s/uncertainty", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "simulate", "scenarios/occitanie-2022-uncertainty.ini",
                                 "--uncertainty", "--points", "4", "-n", "5", "-o", dir, "-q", "--xlsx",
                                 NULL), 0);
    book b;
    book_read_dir(&b, dir);
    const char *p = "Incertitude";
    int row = book_row_of(&b, p, 1, "Ensemble de la région");
    assert_true(row > 0);
    int rows = 0;
    /* A ratio with no denominator in some run (no exit to employment) has no cells. */
    for (int r = 5; book_cell(&b, p, r, 1); r++) {
        if (!book_cell(&b, p, r, 4))
            continue;
        rows++;
        double mean = book_number(&b, p, r, 4), lo = book_number(&b, p, r, 5), hi = book_number(&b, p, r, 6);
        assert_true(lo <= mean + 1e-9 && mean <= hi + 1e-9);
        if (book_cell(&b, p, r, 7))
            assert_true(book_number(&b, p, r, 7) >= 0 && book_number(&b, p, r, 7) <= 1);
    }
    assert_true(rows > 100);
    book_free(&b);
}

/* A year the tables cover in part says how many months: the hand-made tables have October to
 * December 2022 month by month. */
static void test_partial_year_heading(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/hand", tmpdir);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    book b;
    write_and_read(&b, dir, PL_FR);
    assert_true(book_col_of(&b, "File active", 4, "2022 (3 mois)") > 0);
    assert_int_equal(book_col_of(&b, "File active", 4, "2022"), 0);
    book_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_sheet),
        cmocka_unit_test(test_numbers_equal_the_tables),
        cmocka_unit_test(test_synthesis_observed),
        cmocka_unit_test(test_assumptions_sheet),
        cmocka_unit_test(test_french_sweep_summary),
        cmocka_unit_test(test_sweep_target_sheet),
        cmocka_unit_test(test_texts_stay_text),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_partial_year_heading),
        cmocka_unit_test(test_simulate_xlsx),
        cmocka_unit_test(test_places_xlsx),
        cmocka_unit_test(test_scenarios_differences),
        cmocka_unit_test(test_report_validation),
        cmocka_unit_test(test_sensitivity_xlsx),
        cmocka_unit_test(test_uncertainty_xlsx),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
