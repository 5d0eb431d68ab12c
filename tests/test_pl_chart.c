/* test_pl_chart.c — Tests of what a chart shows, on the hand-made tables of tests/data/pl_hand:
 * scope labels, indicator families, observation positions on the month axis, and the rows of the
 * costs, occupancy, survival and sweep charts, sorted and chosen as the rules say. */
#include "pl_fixture.h"
#include "plots/pl_chart.h"

static char tmpdir[64];
static pl_data *hand;

static int setup(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    if (pl_data_read(PL_FIXTURE_HAND, &hand, &err) != ENG_OK)
        return -1;
    return pl_fixture_setup(tmpdir, "test_pl_chart", NULL);
}

static int teardown(void **state)
{
    (void)state;
    pl_data_free(hand);
    return pl_fixture_teardown(tmpdir);
}

static void test_words(void **state)
{
    (void)state;
    pl_chart fr = { .data = hand, .lang = PL_FR }, en = { .data = hand, .lang = PL_EN };
    char buf[128];
    assert_string_equal(pl_chart_tr(&fr, "oui", "yes"), "oui");
    assert_string_equal(pl_chart_tr(&en, "oui", "yes"), "yes");
    assert_true(pl_chart_is_region("region"));
    assert_true(pl_chart_is_region("Region"));
    assert_false(pl_chart_is_region("31"));
    assert_string_equal(pl_chart_scope_label(&fr, "region", buf, sizeof buf), "Région");
    assert_string_equal(pl_chart_scope_label(&en, "region", buf, sizeof buf), "Region");
    /* The name comes from costs.csv, run.ini having none. */
    assert_string_equal(pl_chart_scope_label(&fr, "31", buf, sizeof buf), "Haute-Garonne (31)");
    assert_string_equal(pl_chart_scope_label(&fr, "99", buf, sizeof buf), "99");
    assert_true(pl_chart_is_module_indicator("file_active_projet"));
    assert_false(pl_chart_is_module_indicator("file_active_avg"));
    assert_false(pl_chart_is_module_indicator("file_active"));
    assert_true(pl_chart_is_reason_indicator("exits_abandon"));
    assert_false(pl_chart_is_reason_indicator("exits"));
}

static void test_has_value(void **state)
{
    (void)state;
    assert_true(
        pl_chart_has_value(pl_data_summary_find(hand->monthly, "region", "waiting"), PL_MEAN));
    /* The tables give means only. */
    assert_false(
        pl_chart_has_value(pl_data_summary_find(hand->monthly, "region", "waiting"), PL_P95));
    assert_false(pl_chart_has_value(NULL, PL_MEAN));
}

/* Month index = year * 12 + month - 1, plus the elapsed share of the month. */
static void test_obs_x(void **state)
{
    (void)state;
    assert_abs(pl_chart_obs_x((eng_date){ 2021, 12, 31 }), 2022 * 12, 1e-12);
    assert_abs(pl_chart_obs_x((eng_date){ 2022, 2, 14 }), 2022 * 12 + 1 + 14.0 / 28, 1e-12);
    assert_abs(pl_chart_obs_x((eng_date){ 2024, 2, 14 }), 2024 * 12 + 1 + 14.0 / 29, 1e-12);
    assert_abs(pl_chart_obs_x((eng_date){ 2022, 9, 30 }), 2022 * 12 + 9, 1e-12);
}

/* 2022: the three departments cheapest first; the reference is the regional row's
 * 731 000 / 170 = 4 300, not the first row's 440 000 / 100 = 4 400. */
static void test_costs(void **state)
{
    (void)state;
    pl_chart_costs r;
    pl_chart_costs_of(hand, 2022, &r);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.row[0]->department, "82");
    assert_string_equal(r.row[1]->department, "31");
    assert_string_equal(r.row[2]->department, "32");
    assert_abs(r.reference, 4300, 1e-9);
    pl_chart_costs_of(hand, 2021, &r);
    assert_int_equal(r.n, 0);
    assert_true(isnan(r.reference));
}

/* capacity.csv at its latest date, 30 September 2022 (not 30 June): 90 / 100 and 55 / 50, lowest
 * first; the region 95 / 140. */
static void test_occupancy_observed(void **state)
{
    (void)state;
    pl_chart_occupancy o;
    pl_chart_occupancy_of(hand, 0, &o);
    assert_int_equal(o.n, 2);
    assert_string_equal(o.scope[0], "31");
    assert_string_equal(o.scope[1], "32");
    assert_abs(o.value[0], 0.9, 1e-12);
    assert_abs(o.value[1], 1.1, 1e-12);
    assert_abs(o.region, 95.0 / 140, 1e-12);
    assert_int_equal(o.date.year, 2022);
    assert_int_equal(o.date.month, 9);
    assert_int_equal(o.date.day, 30);
    assert_int_equal(o.year, 0);
}

/* Without capacity.csv: annual.csv in the last year with an occupancy. */
static void test_occupancy_simulated(void **state)
{
    (void)state;
    char dir[128];
    test_subdir(dir, sizeof dir, tmpdir, "annual");
    pl_fixture_write(dir, "annual.csv",
                     "scope,year,indicator,mean\nregion,2023,occupancy,0.8\n"
                     "31,2022,occupancy,0.5\n31,2023,occupancy,0.95\n32,2023,occupancy,0.75\n"
                     "33,2022,occupancy,0.6\n");
    pl_data *d;
    eng_error err = { { 0 } };
    assert_int_equal(pl_data_read(dir, &d, &err), ENG_OK);
    pl_chart_occupancy o;
    pl_chart_occupancy_of(d, 0, &o);
    assert_int_equal(o.year, 2023);
    assert_int_equal(o.date.year, 0);
    assert_int_equal(o.n, 2);
    assert_string_equal(o.scope[0], "32");
    assert_string_equal(o.scope[1], "31");
    assert_abs(o.value[0], 0.75, 1e-12);
    assert_abs(o.region, 0.8, 1e-12);
    pl_data_free(d);
}

/* The rows of projet by time, though km.csv lists 2 before 1. */
static void test_km_rows(void **state)
{
    (void)state;
    size_t n;
    pl_data_km *rows = pl_chart_km_rows(hand, "projet", &n);
    assert_non_null(rows);
    assert_int_equal(n, 4);
    static const double times[] = { 1, 2, 4, 6 }, survival[] = { 0.9, 0.7, 0.5, 0.2 };
    for (size_t i = 0; i < n; i++) {
        assert_abs(rows[i].time, times[i], 0);
        assert_abs(rows[i].survival, survival[i], 1e-12);
    }
    free(rows);
    rows = pl_chart_km_rows(hand, "maintien", &n);
    assert_int_equal(n, 0);
    free(rows);
}

/* The points of file_active in the region in 2023, in point order (the table has 3, 1, 2), not the
 * point of 2022 nor those of entries. */
static void test_sweep_rows(void **state)
{
    (void)state;
    pl_chart ch = { .data = hand, .lang = PL_FR, .key = "file_active", .scope = "region",
                    .year = 2023 };
    const pl_data_sweep_row *rows[8];
    assert_int_equal(pl_chart_sweep_rows(&ch, rows, 8), 3);
    static const double means[] = { 200, 250, 225 };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(rows[i]->point, i + 1);
        assert_abs(rows[i]->mean, means[i], 0);
    }
    assert_int_equal(pl_chart_sweep_rows(&ch, rows, 2), 2);
    ch.year = 2022;
    assert_int_equal(pl_chart_sweep_rows(&ch, rows, 8), 1);
    assert_abs(rows[0]->mean, 150, 0);
}

/* tests/data/pl_flows: the region's 10 entries a month stay monthly; 0,5 a month (09) are 1,5 a
 * quarter; 0,25 (48) are still 0,75 a quarter, so 3 a year over its two whole years; 46 has 0,5 a
 * month but one whole quarter only (February to July 2022), so it stays monthly; 12 has 0,2 a
 * month over 18 months: one whole year only, so quarters. */
static void test_flow_months(void **state)
{
    (void)state;
    pl_data *d = NULL;
    eng_error err = { { 0 } };
    if (pl_data_read(PL_FIXTURE_DATA "pl_flows", &d, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    static const struct {
        const char *scope;
        int months;
    } want[] = { { "region", 1 }, { "09", 3 }, { "48", 12 }, { "46", 1 }, { "12", 3 } };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        pl_chart ch = { .data = d, .lang = PL_FR, .key = want[i].scope };
        if (pl_chart_flow_months(&ch) != want[i].months)
            fail_msg("%s: %d months, expected %d", want[i].scope, pl_chart_flow_months(&ch),
                     want[i].months);
    }
    pl_chart none = { .data = d, .lang = PL_FR, .key = "99" };
    assert_int_equal(pl_chart_flow_months(&none), 1);
    pl_data_free(d);
}

/* A chosen law in words, parameters in the page's number format, for each kind fit.csv can name. */
static void test_law(void **state)
{
    (void)state;
    static const struct {
        const char *text, *fr, *en;
    } laws[] = {
        { "gamma(mean=2.953, sd=1.474)", "gamma (moyenne 2,95 mois, écart-type 1,47)",
          "gamma (mean 2.95 months, sd 1.47)" },
        { "lognormal(mean=4.961, sd=3.011)", "log-normale (moyenne 4,96 mois, écart-type 3,01)",
          "lognormal (mean 4.96 months, sd 3.01)" },
        { "weibull(shape=1.816, scale=8.786)", "Weibull (forme 1,82, échelle 8,79 mois)",
          "Weibull (shape 1.82, scale 8.79 months)" },
        { "exponential(mean=12)", "exponentielle (moyenne 12,00 mois)",
          "exponential (mean 12.00 months)" },
        { "fixed(6)", "fixe (6,00 mois)", "fixed (6.00 months)" },
        { "none", "", "" },
    };
    char buf[256];
    for (size_t i = 0; i < sizeof laws / sizeof laws[0]; i++) {
        pl_chart fr = { .data = hand, .lang = PL_FR }, en = { .data = hand, .lang = PL_EN };
        eng_error err = { { 0 } };
        if (eng_dist_parse(laws[i].text, &fr.fit, &err) != ENG_OK)
            fail_msg("%s: %s", laws[i].text, err.msg);
        en.fit = fr.fit;
        assert_string_equal(pl_chart_law(&fr, buf, sizeof buf), laws[i].fr);
        assert_string_equal(pl_chart_law(&en, buf, sizeof buf), laws[i].en);
        eng_dist_clear(&fr.fit);
    }
}

/* A swept key in words, for the axis (with the key) and the titles (without): a department's
 * places, the regional envelope that --split shares out, and a name that is no key, as is. */
static void test_key_label(void **state)
{
    (void)state;
    char buf[320];
    assert_string_equal(pl_chart_key_label(NULL, "department.31.places", PL_CHART_KEY_AXIS, buf,
                                           sizeof buf),
                        "places financées — département 31 (department.31.places)");
    assert_string_equal(pl_chart_key_label(NULL, "department.31.places", PL_CHART_KEY_INLINE, buf,
                                           sizeof buf),
                        "places financées, département 31");
    assert_string_equal(pl_chart_key_label(NULL, "region.places", PL_CHART_KEY_AXIS, buf, sizeof buf),
                        "places financées de l'ensemble, réparties entre les départements "
                        "(region.places)");
    assert_string_equal(pl_chart_key_label(NULL, "no.such.key", PL_CHART_KEY_AXIS, buf, sizeof buf),
                        "no.such.key");
    /* The axis's unit, where the label does not name it: the ticks are bare numbers. */
    assert_string_equal(pl_chart_key_label(NULL, "module.recherche.duration.mean",
                                           PL_CHART_KEY_AXIS, buf, sizeof buf),
                        "durée du module (moyenne) — recherche d'emploi, en mois "
                        "(module.recherche.duration.mean)");
    assert_string_equal(pl_chart_key_label(NULL, "budget.cost_per_place", PL_CHART_KEY_AXIS, buf,
                                           sizeof buf),
                        "financement d'une place, en € par place et par an (budget.cost_per_place)");
    assert_string_equal(pl_chart_key_label(NULL, "budget.cost_per_place", PL_CHART_KEY_INLINE, buf,
                                           sizeof buf),
                        "financement d'une place");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_has_value),
        cmocka_unit_test(test_obs_x),
        cmocka_unit_test(test_costs),
        cmocka_unit_test(test_occupancy_observed),
        cmocka_unit_test(test_occupancy_simulated),
        cmocka_unit_test(test_km_rows),
        cmocka_unit_test(test_sweep_rows),
        cmocka_unit_test(test_flow_months),
        cmocka_unit_test(test_law),
        cmocka_unit_test(test_key_label),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
