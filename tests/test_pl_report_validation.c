/* test_pl_report_validation.c — The report's Validation section on the demo: the rows after
 * --until listed, their coverage and MAPE equal to a count made here from compare.csv, the
 * STRESS-DES items, the in-sample sentence without --until, English; the shipped national series
 * and the national scenarios. */
#include "test_util.h"
#include "test_proc.h"

#include <math.h>
#include <string.h>

#include "engine/eng_csv.h"
#include "engine/eng_msg.h"
#include "models/ea_scenario.h"
#include "plots/pl_report_validation.h"

static char tmpdir[64];

/* The demo compared with its observations, once for the tests of the section. */
static int setup(void **state)
{
    (void)state;
    if (test_dir_make(tmpdir, "test_pl_report_validation") != 0)
        return -1;
    return test_eaflow(NULL, NULL, "compare", "scenarios/occitanie-2022.ini", "--observed",
                       "scenarios/data/observed-occitanie.csv", "-n", "20", "-o", tmpdir, "-q",
                       NULL);
}

static int teardown(void **state)
{
    (void)state;
    return test_dir_remove(tmpdir);
}

static void assert_contains(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("the section does not contain \"%s\"", part);
}

/* The section as pl_report_validation_write writes it from tmpdir's tables. */
static char *section(const eng_date *until, pl_text_lang lang, pl_data **d)
{
    eng_error err;
    ea_scenario sc;
    assert_int_equal(ea_scenario_load("scenarios/occitanie-2022.ini", &sc, &err), ENG_OK);
    ea_scenario_set_run(&sc, 20, -1);
    assert_int_equal(pl_data_read(tmpdir, d, &err), ENG_OK);
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_report_validation_write(f, *d, &sc, "region", 2022, until, lang);
    ea_scenario_clear(&sc);
    return test_written(f);
}

static double cell(const eng_csv *t, size_t r, const char *col)
{
    int c = eng_csv_column(t, col);
    assert_true(c >= 0);
    return strtod(eng_csv_get_text(t, r, c), NULL);
}

/* The rows after 2021-12-31: listed one per table row, and their coverage and MAPE as counted
 * here from compare.csv (rows of 2022, places left out as an input). */
static void test_held_out_rows(void **state)
{
    (void)state;
    eng_date until = { 2021, 12, 31 };
    pl_data *d = NULL;
    char *page = section(&until, PL_FR, &d);
    char path[128];
    snprintf(path, sizeof path, "%s/compare.csv", tmpdir);
    eng_csv *t = NULL;
    eng_error err;
    assert_int_equal(eng_csv_read(path, &t, &err), ENG_OK);
    int n = 0, in = 0, nape = 0;
    double ape = 0;
    for (size_t r = 0; r < eng_csv_nrows(t); r++) {
        const char *date = eng_csv_get_text(t, r, eng_csv_column(t, "date"));
        const char *ind = eng_csv_get_text(t, r, eng_csv_column(t, "indicator"));
        if (strcmp(date, "2022") < 0 || strcmp(ind, "places") == 0)
            continue;
        double obs = cell(t, r, "observed"), mean = cell(t, r, "sim_mean");
        n++;
        in += (int)cell(t, r, "in_band");
        if (obs != 0) {
            ape += fabs(obs - mean) / fabs(obs);
            nape++;
        }
    }
    eng_csv_free(t);
    assert_true(n >= 50);   /* 13 departments and the region, four quarters, and entries */
    pl_report_validation_score s;
    pl_report_validation_score_rows(d, &until, 1, NULL, &s);
    assert_int_equal(s.n, n);
    assert_int_equal(s.in_band, in);
    /* compare.csv's cells are rounded for people: the MAPE agrees to a few hundredths. */
    assert_abs(s.mape_pct, 100 * ape / nape, 0.05);
    char expected[256], mape[32];
    snprintf(mape, sizeof mape, "%.1f", 100 * ape / nape);
    *strchr(mape, '.') = ',';
    snprintf(expected, sizeof expected, "Observations tenues à l&#39;écart : %d sur %d dans la bande "
             "à 90\u00a0%% de la simulation", in, n);
    assert_contains(page, expected);
    snprintf(expected, sizeof expected, "(MAPE) de %s\u00a0%%", mape);
    assert_contains(page, expected);
    /* One table row per held-out row, a heading row besides. */
    int rows = 0;
    for (const char *p = strstr(page, "class=\"held-out\""); p && (p = strstr(p, "<tr>")); p++)
        rows++;
    assert_int_equal(rows, n + 1);
    assert_contains(page, "Haute-Garonne</td><td>déc. 2022</td><td>file active</td>");
    assert_contains(page, "Occitanie</td><td>mars 2022</td><td>entrées</td>");
    /* Nothing of 2021 or before is held out. */
    assert_null(strstr(page, "2021</td><td>file active"));
    free(page);
    pl_data_free(d);
}

/* The STRESS-DES items, from the scenario and the run. */
static void test_stress_des_items(void **state)
{
    (void)state;
    pl_data *d = NULL;
    char *page = section(NULL, PL_FR, &d);
    assert_contains(page, "<section class=\"validation\" id=\"validation\">");
    assert_contains(page, "État initial</th><td>439 personnes accompagnées au premier mois");
    assert_contains(page, "Durée simulée</th><td>de janvier 2022 à décembre 2026, 60 mois");
    assert_contains(page, "Réplications</th><td>20 réplications indépendantes");
    assert_contains(page, "réplications indépendantes ; demi-largeur de l&#39;intervalle à 95");
    assert_contains(page, "Graines et flux aléatoires</th><td>graine 2022 ;");
    assert_contains(page, "La réplication i tire dans son propre générateur MT19937");
    assert_contains(page, "Pas de période de chauffe");
    assert_contains(page, "sous-suite SplitMix64");
    assert_contains(page, "Versions des logiciels</th><td>eaflow ");
    assert_contains(page, "GSL 2.");
    /* Without --until: in-sample, and how to test out of sample. */
    assert_contains(page, "Comparaison sur l&#39;échantillon");
    assert_contains(page, "calibrate --until DATE");
    assert_null(strstr(page, "held-out"));
    free(page);
    pl_data_free(d);
}

/* The half-width of the 95 % interval of the mean, from annual.csv's sd: t(0.975, 19) sd / sqrt(20). */
static void test_half_width(void **state)
{
    (void)state;
    pl_data *d = NULL;
    char *page = section(NULL, PL_FR, &d);
    const pl_data_series *s = pl_data_summary_find(d->annual, "region", "file_active");
    assert_non_null(s);
    const ea_tables_series *se = ea_tables_summary_find(d->annual->table, "region", "file_active");
    int k = ea_tables_series_find(se, 2022);
    assert_true(k >= 0);
    double h = 2.093024054 * se->stat[k][EA_STAT_SD] / sqrt(20);
    char expected[64];
    snprintf(expected, sizeof expected, " ± %.1f (", h);
    *strchr(expected, '.') = ',';
    assert_contains(page, expected);
    free(page);
    pl_data_free(d);
}

static void test_english(void **state)
{
    (void)state;
    eng_date until = { 2021, 12, 31 };
    pl_data *d = NULL;
    char *page = section(&until, PL_EN, &d);
    assert_contains(page, "Initial state</th><td>439 persons in support at the first month");
    assert_contains(page, "Seeds and random streams");
    assert_contains(page, "Observations held out: ");
    assert_contains(page, "<th>In the band</th>");
    free(page);
    pl_data_free(d);
}

/* A row is held out when its period ends after the date. */
static void test_held_out_rule(void **state)
{
    (void)state;
    eng_date until = { 2021, 12, 31 };
    pl_data_compared c = { .year = 2021, .month = 12 };
    assert_false(pl_report_validation_held_out(&c, until));
    c = (pl_data_compared){ .year = 2022, .month = 1 };
    assert_true(pl_report_validation_held_out(&c, until));
    c = (pl_data_compared){ .year = 2021, .month = 0 };   /* the whole of 2021 */
    assert_false(pl_report_validation_held_out(&c, until));
    until = (eng_date){ 2021, 6, 30 };
    assert_true(pl_report_validation_held_out(&c, until));
    c = (pl_data_compared){ .year = 2021, .month = 6 };
    assert_false(pl_report_validation_held_out(&c, until));
    until = (eng_date){ 2021, 6, 15 };
    assert_true(pl_report_validation_held_out(&c, until));
}

/* report --observed --until: the page has the section, in its contents too; --until without
 * --observed is refused with a French message that says what to add. */
static void test_report_until(void **state)
{
    (void)state;
    char out[128], page_path[160], err_path[160];
    snprintf(out, sizeof out, "%s/report", tmpdir);
    snprintf(page_path, sizeof page_path, "%s/index.html", out);
    snprintf(err_path, sizeof err_path, "%s/err.txt", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "report", "scenarios/occitanie-2022.ini", "--observed",
                                 "scenarios/data/observed-occitanie.csv", "--until", "2021-12-31",
                                 "-n", "5", "-o", out, "-q", NULL), 0);
    char *page = test_slurp(page_path, NULL);
    assert_non_null(page);
    assert_contains(page, "<li><a href=\"#validation\">Validation</a></li>");
    assert_contains(page, "id=\"validation\"");
    assert_contains(page, "les observations après le 31/12/2021");
    assert_contains(page, "class=\"held-out\"");
    free(page);
    assert_int_equal(test_eaflow(NULL, err_path, "report", "scenarios/occitanie-2022.ini",
                                 "--until", "2021-12-31", "-o", out, NULL), 2);
    char *msg = test_slurp(err_path, NULL);
    assert_non_null(msg);
    assert_contains(msg, "--until tient à l'écart des observations ; donnez-les avec --observed");
    free(msg);
    assert_int_equal(test_eaflow(NULL, err_path, "report", "scenarios/occitanie-2022.ini",
                                 "--observed", "scenarios/data/observed-occitanie.csv", "--until",
                                 "2021-13-01", "-o", out, NULL), 2);
    msg = test_slurp(err_path, NULL);
    assert_contains(msg, "--until : attendu une date AAAA-MM-JJ, lu « 2021-13-01 »");
    free(msg);
}

/* After -n auto and without observations: the section is there; it gives the number reached and
 * the precision as run.ini records them (read here with sscanf), the indicators judged, the widest
 * series, and says that nothing is compared. */
static void test_auto_without_observed(void **state)
{
    (void)state;
    char out[128], ini[160], expected[512];
    snprintf(out, sizeof out, "%s/auto", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "simulate", "scenarios/occitanie-2022.ini", "-n",
                                 "auto", "--precision", "0.2", "-o", out, "-q", NULL), 0);
    snprintf(ini, sizeof ini, "%s/run.ini", out);
    char *record = test_slurp(ini, NULL);
    assert_non_null(record);
    const char *line = strstr(record, "; -n auto: precision=relative:0.2 replications=");
    assert_non_null(line);
    size_t reps = 0;
    double achieved = 0;
    char scope[16] = "", year[8] = "", ind[32] = "";
    assert_int_equal(sscanf(line, "; -n auto: precision=relative:0.2 replications=%zu achieved=%lf "
                            "met=1 worst=%15[^/]/%7[^/]/%31s", &reps, &achieved, scope, year, ind), 5);
    assert_true(reps >= 20 && reps % 20 == 0 && achieved <= 0.2);
    free(record);

    eng_error err;
    ea_scenario sc;
    pl_data *d = NULL;
    assert_int_equal(ea_scenario_load(ini, &sc, &err), ENG_OK);
    assert_int_equal(pl_data_read(out, &d, &err), ENG_OK);
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_report_validation_write(f, d, &sc, "region", 2022, NULL, PL_FR);
    char *page = test_written(f);
    snprintf(expected, sizeof expected, "Réplications</th><td>%zu réplications indépendantes", reps);
    assert_contains(page, expected);
    assert_contains(page, "nombre choisi par -n auto, qui ajoute des lots de 20 réplications "
                          "jusqu&#39;à ce que la demi-largeur soit d&#39;au plus 20,00&#160;% de la "
                          "moyenne pour file active, liste d&#39;attente et financement");
    snprintf(expected, sizeof expected, "(%s), %s)", scope, year);
    if (strcmp(scope, "region") == 0)
        snprintf(expected, sizeof expected, "région, %s)", year);
    assert_contains(page, "(la plus large : ");
    assert_contains(page, expected);
    assert_contains(page, "Aucune observation n&#39;est comparée à la simulation");
    assert_null(strstr(page, "Hors échantillon"));
    free(page);
    pl_data_free(d);
    ea_scenario_clear(&sc);
}

/* The national series shipped: its rows, values, ranges and sources, each range around its value. */
static void test_national_series(void **state)
{
    (void)state;
    eng_csv *t = NULL;
    eng_error err;
    assert_int_equal(eng_csv_read("scenarios/data/observed-national.csv", &t, &err), ENG_OK);
    static const struct {
        const char *date, *year, *ind;
        double value, low, high;
        const char *source;
    } rows[] = {
        { "2018-09-30", "", "file_active", 592, NAN, NAN, "[S3]" },
        { "2018-12-31", "", "file_active", 1019, NAN, NAN, "[S3]" },
        { "2018-12-31", "", "entries_cumulative", 1250, 1150, 1350, "[S4]" },
        { "2019-12-31", "", "entries_cumulative", 2750, 2700, 2900, "[S4]" },
        { "2020-12-31", "", "file_active", 3900, 3700, 4000, "[S5]" },
        { "2022-06-30", "", "file_active", 6000, 5400, 6600, "[S6]" },
        { "2023-06-30", "", "file_active", 8200, NAN, NAN, "[S7]" },
        { "", "2023", "persons_accompanied", 8902, 8500, 10500, "[S8]" },
    };
    assert_int_equal(eng_csv_nrows(t), sizeof rows / sizeof *rows);
    for (size_t r = 0; r < sizeof rows / sizeof *rows; r++) {
        char lo[64], hi[64];
        snprintf(lo, sizeof lo, "%s_low", rows[r].ind);
        snprintf(hi, sizeof hi, "%s_high", rows[r].ind);
        assert_string_equal(eng_csv_get_text(t, r, eng_csv_column(t, "date")), rows[r].date);
        assert_string_equal(eng_csv_get_text(t, r, eng_csv_column(t, "year")), rows[r].year);
        assert_string_equal(eng_csv_get_text(t, r, eng_csv_column(t, "department")), "region");
        assert_true(cell(t, r, rows[r].ind) == rows[r].value);
        const char *l = eng_csv_get_text(t, r, eng_csv_column(t, lo));
        if (isnan(rows[r].low)) {
            assert_string_equal(l, "");
        } else {
            assert_true(cell(t, r, lo) == rows[r].low && cell(t, r, hi) == rows[r].high);
            assert_true(rows[r].low <= rows[r].value && rows[r].value <= rows[r].high);
        }
        assert_string_equal(eng_csv_get_text(t, r, eng_csv_column(t, "source")),
                            rows[r].source);
        assert_true(strlen(eng_csv_get_text(t, r, eng_csv_column(t, "note"))) > 20);
    }
    eng_csv_free(t);
}

/* The national scenario runs and passes the run checks; the 2027 sweep gives an answer or says
 * « non atteinte ». */
static void test_national_scenarios(void **state)
{
    (void)state;
    char out[128], sw[128], log[128];
    snprintf(out, sizeof out, "%s/national", tmpdir);
    snprintf(sw, sizeof sw, "%s/national-2027", tmpdir);
    snprintf(log, sizeof log, "%s/sweep.txt", tmpdir);
    assert_int_equal(test_eaflow(NULL, NULL, "simulate", "scenarios/national.ini", "-n", "3", "-o",
                                 out, "-q", NULL), 0);
    assert_int_equal(test_eaflow(log, NULL, "sweep", "scenarios/national-2027.ini", "--vary",
                                 "entries.growth=0:1:0.5", "--target", "file_active>=30000",
                                 "--year", "2027", "-n", "2", "-o", sw, "-q", NULL), 0);
    char *text = test_slurp(log, NULL);
    assert_non_null(text);
    assert_true(strstr(text, "la plus petite valeur de entries.growth") ||
                strstr(text, "non atteinte"));
    free(text);
}

int main(void)
{
    eng_msg_set_lang(ENG_MSG_FR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_held_out_rows),
        cmocka_unit_test(test_stress_des_items),
        cmocka_unit_test(test_half_width),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_held_out_rule),
        cmocka_unit_test(test_report_until),
        cmocka_unit_test(test_auto_without_observed),
        cmocka_unit_test(test_national_series),
        cmocka_unit_test(test_national_scenarios),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
