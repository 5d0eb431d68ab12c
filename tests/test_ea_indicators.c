/* test_ea_indicators.c — Budget arithmetic and the derivation of indicators from raw monthly
 * accumulators, checked against hand computations; the indicator table against the columns of a
 * simulation, the help text and the README. */
#include "test_util.h"
#include "scenario_fixture.h"
#include "test_proc.h"

#include <stdlib.h>
#include <string.h>

#include "engine/eng_msg.h"
#include "models/ea_indicators.h"
#include "models/ea_model.h"
#include "models/ea_simulate.h"

/* 645 places at 4 300 EUR a year are 2 773 500 EUR a year (the Occitanie figure). */
static void test_funding_formula(void **state)
{
    (void)state;
    assert_true(ea_indicators_funding(645, 4300, 12) == 2773500.0);
    /* A partial year is paid pro rata: nine months of 2022 and three of 2023. The amounts are
     * whole euros, reached through a division by 12 that may round: 1e-15 is a few ulps. */
    assert_rel(ea_indicators_funding(645, 4300, 9), 2080125.0, 1e-15);
    assert_rel(ea_indicators_funding(645, 4300, 3), 693375.0, 1e-15);
    /* The 206 unused places of end 2021 are worth 885 800 EUR a year. */
    assert_rel(ea_indicators_funding(645 - 439, 4300, 12), 885800.0, 1e-15);
}

/* The annual table of a simulation: full year, partial years and a mid-year change of places. */
static void test_funding_in_tables(void **state)
{
    (void)state;
    const char *text =
        "[scenario]\nstart = 2022-04\nmonths = 24\nreplications = 3\n"
        "[module.evaluation]\nduration = exponential(mean=12)\nnext = exit.autre:1\n"
        "[platform]\nplaces = 439\nplaces_schedule = 2023-07:645\ninitial_file_active = 439\n";
    ea_scenario sc;
    fixture_load(text, &sc);
    ea_results *res = NULL;
    eng_error err;
    assert_int_equal(ea_simulate_run(&sc, &(ea_simulate_options){ .threads = 1 }, &res, &err),
                     ENG_OK);
    int f = ea_indicators_find(ea_results_indicators(res), "funding_eur");
    int d = ea_indicators_find(ea_results_indicators(res), "delegated_eur");
    assert_true(f >= 0 && d >= 0);
    assert_int_equal(ea_results_nperiods(res, EA_ANNUAL), 3);
    /* 2022: April to December, 9 months of 439 places. An annual value sums up to 12 monthly
     * amounts, each rounded once: 1e-12 allows that rounding, while a month too many or too few
     * would be off by more than 8 %. */
    assert_rel(ea_results_value(res, EA_ANNUAL, 0, 0, f, 0), 439 * 4300 * 9 / 12.0, 1e-12);
    /* 2023: 6 months of 439 and 6 of 645 places. */
    assert_rel(ea_results_value(res, EA_ANNUAL, 0, 1, f, 2), (439 * 6 + 645 * 6) * 4300 / 12.0, 1e-12);
    assert_rel(ea_results_value(res, EA_ANNUAL, 0, 1, f, 2), 2330600.0, 1e-12);
    /* 2024: January to March, 3 months of 645. */
    assert_rel(ea_results_value(res, EA_ANNUAL, 0, 2, f, 1), 693375.0, 1e-12);
    /* A month of 645 places: 2 773 500 / 12. */
    int m = ea_results_find_period(res, EA_MONTHLY, "2023-08");
    assert_rel(ea_results_value(res, EA_MONTHLY, 0, m, f, 0), 231125.0, 1e-12);
    /* Nothing delegated by default. */
    assert_true(ea_results_value(res, EA_ANNUAL, 0, 1, d, 0) == 0);
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

/* Derivation from a raw table made by hand: two months of one platform. */
static void test_derivation_by_hand(void **state)
{
    (void)state;
    const char *text =
        "[scenario]\nstart = 2022-01\nmonths = 2\n"
        "[budget]\ncost_per_place = 4300\nstaff_cost_per_fte = 60000\ndelegated_share = 0.25\n"
        "[staff]\nhours_per_fte_month = 120\n"
        "[module.evaluation]\nduration = exponential(mean=12)\nnext = exit.emploi_durable:0.5, exit.autre:0.5\n"
        "[platform]\nplaces = 10\nfte = 2\n";
    ea_scenario sc;
    fixture_load(text, &sc);
    ea_indicators set;
    ea_indicators_init(&set, &sc);
    double raw[2 * EA_RAW_COUNT];
    memset(raw, 0, sizeof raw);
    double *m0 = raw, *m1 = raw + EA_RAW_COUNT;
    m0[EA_RAW_FILE_ACTIVE_START] = 6;
    m0[EA_RAW_ADMISSIONS] = 3;
    m0[EA_RAW_EXITS + 0] = 1;          /* emploi_durable */
    m0[EA_RAW_FILE_ACTIVE] = 8;
    m0[EA_RAW_PLACES] = 10;
    m0[EA_RAW_WAIT_SUM] = 1.5;         /* months waited by the 3 admitted */
    m0[EA_RAW_HOURS_NEEDED] = 240;
    m0[EA_RAW_FILE_ACTIVE_AREA] = 7;   /* person-months in support */
    m1[EA_RAW_FILE_ACTIVE_START] = 8;
    m1[EA_RAW_ADMISSIONS] = 1;
    m1[EA_RAW_EXITS + 1] = 4;          /* reorientation */
    m1[EA_RAW_FILE_ACTIVE] = 5;
    m1[EA_RAW_PLACES] = 20;
    m1[EA_RAW_HOURS_NEEDED] = 120;
    m1[EA_RAW_FILE_ACTIVE_AREA] = 6.5;
    double out[EA_MAX_INDICATORS];
    ea_indicators_compute(&set, raw, 0, 2, 2.0, out, NULL);
#define V(name) out[ea_indicators_find(&set, name)]
    assert_true(V("file_active") == 5);
    assert_true(V("places") == 20);
    /* Ratios and products of small whole numbers: at most a few roundings, so 1e-15. */
    assert_rel(V("occupancy"), 0.25, 1e-15);
    assert_true(V("admissions") == 4);
    assert_true(V("exits") == 5);
    assert_true(V("exits_emploi_durable") == 1);
    assert_true(V("persons_accompanied") == 10);               /* 6 at the start + 4 admitted */
    assert_rel(V("mean_wait_days"), 1.5 / 4 * 365.25 / 12, 1e-15);
    assert_rel(V("funding_eur"), (10 + 20) * 4300 / 12.0, 1e-15);
    assert_rel(V("delegated_eur"), (10 + 20) * 4300 / 12.0 * 0.25, 1e-15);
    assert_rel(V("cost_per_person_eur"), 10750.0 / 10, 1e-15);
    assert_rel(V("cost_per_exit_emploi_eur"), 10750.0, 1e-15);
    assert_true(V("staff_hours_available") == 2 * 120 * 2);
    assert_rel(V("staff_fte_needed"), 360.0 / 240, 1e-15);
    assert_rel(V("staff_cost_needed_eur"), 1.5 * 60000 * 2 / 12, 1e-15);
    /* Staff told straight: 2 FTE funded for 5 persons at the end, 360 hours over 7 + 6.5
     * person-months, and the funding less the cost of those hours. */
    assert_true(V("staff_fte_funded") == 2);
    assert_rel(V("persons_per_fte"), 5 / 2.0, 1e-15);
    assert_rel(V("hours_per_person_month"), 360 / 13.5, 1e-15);
    assert_rel(V("balance_eur"), 10750.0 - 15000.0, 1e-15);
    /* Without FTE in the scenario, no FTE funded and no ratio to them; without a cost per FTE, no
     * balance: empty, not zero. */
    ea_indicators_compute(&set, raw, 0, 2, 0.0, out, NULL);
    assert_true(isnan(V("staff_fte_funded")) && isnan(V("persons_per_fte")));
    set.staff_cost_per_fte = 0;
    ea_indicators_compute(&set, raw, 0, 2, 2.0, out, NULL);
    assert_true(isnan(V("balance_eur")));
    assert_true(V("staff_cost_needed_eur") == 0);
    set.staff_cost_per_fte = 60000;
    /* A month with nobody admitted has no mean wait, a month without exit to employment no cost
     * per exit: undefined, not zero. */
    ea_indicators_compute(&set, raw, 1, 2, 2.0, out, NULL);
    assert_true(isnan(V("cost_per_exit_emploi_eur")));
    m1[EA_RAW_ADMISSIONS] = 0;
    ea_indicators_compute(&set, raw, 1, 2, 2.0, out, NULL);
    assert_true(isnan(V("mean_wait_days")));
#undef V
    ea_scenario_clear(&sc);
}

/* Two modules and the default exit reasons (emploi_durable, reorientation, abandon, autre). */
static const char two_modules[] =
    "[scenario]\nstart = 2022-01\nmonths = 14\nreplications = 5\n"
    "[entries]\nper_month = 6\nmix = evaluation:1\n"
    "[module.evaluation]\nduration = exponential(mean=2)\nintensity = 3\n"
    "next = recherche:0.5, exit.abandon:0.5\n"
    "[module.recherche]\nduration = gamma(mean=4, sd=2)\nintensity = 2.5\n"
    "next = exit.emploi_durable:0.7, exit.autre:0.3\n"
    "[department.31]\nplaces = 20\ninitial_file_active = 12\nfte = 1.5\n"
    "[department.09]\nplaces = 7\n";

/* The columns of the tables, in their published order: the table's rows with one column per
 * defined module and per exit reason. */
static void test_columns_in_order(void **state)
{
    (void)state;
    static const char *const expected[] = {
        "file_active", "file_active_evaluation", "file_active_recherche", "waiting", "places",
        "occupancy", "entries", "entries_cumulative", "admissions", "exits", "exits_emploi_durable",
        "exits_reorientation", "exits_abandon", "exits_autre", "reneged", "persons_accompanied",
        "mean_wait_days", "file_active_avg", "waiting_avg", "staff_hours_needed",
        "staff_hours_available", "staff_fte_needed", "staff_fte_funded", "persons_per_fte",
        "hours_per_person_month", "funding_eur", "staff_cost_needed_eur", "balance_eur",
        "delegated_eur",
        "cost_per_person_eur", "cost_per_exit_emploi_eur",
    };
    ea_scenario sc;
    fixture_load(two_modules, &sc);
    ea_indicators set;
    ea_indicators_init(&set, &sc);
    assert_int_equal(set.n, (int)(sizeof expected / sizeof *expected));
    for (int i = 0; i < set.n; i++)
        assert_string_equal(set.ind[i].name, expected[i]);
    ea_scenario_clear(&sc);
}

/* Every indicator a simulation can emit (all four modules, several reasons) has its row, with both
 * labels and both definitions; and every row of the table is emitted by some scenario. */
static void test_every_indicator_has_a_row(void **state)
{
    (void)state;
    const char *text =
        "[scenario]\nstart = 2022-01\nmonths = 2\n"
        "[exits]\nreasons = emploi_durable, abandon, demenagement\n"
        "[module.evaluation]\nduration = exponential(mean=2)\nnext = projet:1\n"
        "[module.projet]\nduration = exponential(mean=2)\nnext = recherche:1\n"
        "[module.recherche]\nduration = exponential(mean=2)\nnext = maintien:0.5, exit.abandon:0.5\n"
        "[module.maintien]\nduration = exponential(mean=2)\n"
        "next = exit.emploi_durable:0.8, exit.demenagement:0.2\n"
        "[platform]\nplaces = 10\n";
    ea_scenario sc;
    fixture_load(text, &sc);
    ea_indicators set;
    ea_indicators_init(&set, &sc);
    assert_int_equal(set.n, 25 + 4 + 3);   /* 25 single rows, 4 modules, 3 reasons */
    int used[64] = { 0 };
    assert_true(ea_indicators_ndefs() < 64);
    for (int i = 0; i < set.n; i++) {
        const char *suffix;
        const ea_indicators_row *d = ea_indicators_lookup(set.ind[i].name, &suffix);
        if (!d)
            fail_msg("%s has no row in the indicator table", set.ind[i].name);
        assert_int_equal(d->kind, set.ind[i].kind);
        assert_true(d->label_fr[0] && d->label_en[0] && d->def_fr[0] && d->def_en[0]);
        /* A family's label has its one %s for the module or reason, a single row none. */
        assert_true((strstr(d->label_fr, "%s") != NULL) == (suffix != NULL));
        assert_true((strstr(d->label_en, "%s") != NULL) == (suffix != NULL));
        used[d - ea_indicators_def(0)] = 1;
    }
    for (int i = 0; i < ea_indicators_ndefs(); i++)
        if (!used[i])
            fail_msg("row %s is never emitted", ea_indicators_def(i)->name);
    const char *suffix;
    assert_null(ea_indicators_lookup("unknown", NULL));
    assert_int_equal(ea_indicators_lookup("file_active_projet", &suffix)->kind, EA_IND_MODULE);
    assert_string_equal(suffix, "projet");
    assert_int_equal(ea_indicators_lookup("file_active_avg", &suffix)->kind, EA_IND_FILE_ACTIVE_AVG);
    assert_null(suffix);
    ea_scenario_clear(&sc);
}

/* The indicators marked whole are whole numbers in every replication, months and years. */
static void test_whole_numbers(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(two_modules, &sc);
    ea_results *res = NULL;
    eng_error err;
    assert_int_equal(ea_simulate_run(&sc, &(ea_simulate_options){ .threads = 2 }, &res, &err),
                     ENG_OK);
    const ea_indicators *set = ea_results_indicators(res);
    int checked = 0;
    for (int i = 0; i < set->n; i++) {
        if (!ea_indicators_lookup(set->ind[i].name, NULL)->whole)
            continue;
        for (int t = EA_MONTHLY; t <= EA_ANNUAL; t++)
            for (int s = 0; s < ea_results_nscopes(res); s++)
                for (int p = 0; p < ea_results_nperiods(res, t); p++)
                    for (size_t r = 0; r < ea_results_nreps(res); r++) {
                        double v = ea_results_value(res, t, s, p, i, r);
                        if (v != floor(v))
                            fail_msg("%s = %g", set->ind[i].name, v);
                        checked++;
                    }
    }
    assert_true(checked > 1000);
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

/* The parts of the stored ratios that a replication does not keep are values it stores or the
 * scenario fixes, bit for bit: over raw accumulators of arbitrary whole and fractional values, for
 * a month, a year and a run of months, each part read where its source says (the totals kept,
 * the values stored, or every indicator for a fixed one) equals the part computed in full. Of the
 * demo's five stored ratios, only the months waited (mean wait) and the months in support (hours
 * per person-month) are no indicator's value: a replication keeps two totals a period, not ten. */
static void test_ratio_sources(void **state)
{
    (void)state;
    ea_scenario sc;
    eng_error err;
    assert_int_equal(ea_scenario_load("scenarios/occitanie-2022.ini", &sc, &err), ENG_OK);
    ea_indicators set;
    ea_indicators_init(&set, &sc);
    assert_int_equal(set.nparts, 5);
    assert_int_equal(set.nkept, 2);
    enum { K = 14 };
    static double raw[K * EA_RAW_COUNT];
    unsigned u = 7;
    for (int i = 0; i < K * EA_RAW_COUNT; i++) {
        u = u * 1103515245u + 12345u;
        raw[i] = (double)((u >> 16) % 500) / (i % 3 ? 1.0 : 7.0);
    }
    static const int spans[3][2] = { { 3, 4 }, { 0, 12 }, { 2, 14 } };
    for (int p = 0; p < 3; p++) {
        double all[EA_MAX_INDICATORS], full[2 * EA_MAX_INDICATORS];
        double var[EA_MAX_INDICATORS], kept[2 * EA_MAX_INDICATORS];
        ea_indicators_compute(&set, raw, spans[p][0], spans[p][1], 2.5, all, full);
        ea_indicators_compute_varying(&set, raw, spans[p][0], spans[p][1], 2.5, var, kept);
        for (int k = 0; k < set.nparts; k++) {
            const ea_indicators_item *ind = &set.ind[set.part_ind[k]];
            assert_int_equal(ind->part, k);
            for (int w = 0; w < 2; w++) {
                ea_indicators_source src = ind->source[w];
                double got = src.kind == EA_SOURCE_KEPT ? kept[src.index]
                             : src.kind == EA_SOURCE_VALUE ? var[src.index] : all[src.index];
                assert_memory_equal(&got, &full[2 * ind->ratio + w], sizeof got);
            }
        }
    }
    ea_scenario_clear(&sc);
}

/* The names of the indicators a run of sc computes once from the scenario (var -1), in the order
 * of the tables, separated by spaces; and *shared, those that share their total's place. */
static void fixed_names(const ea_scenario *sc, char *fixed, char *shared)
{
    ea_indicators set;
    ea_indicators_init(&set, sc);
    fixed[0] = shared[0] = '\0';
    int seen[EA_MAX_INDICATORS] = { 0 };
    for (int i = 0; i < set.n; i++) {
        int v = set.ind[i].var;
        if (v < 0) {
            strcat(strcat(fixed, " "), set.ind[i].name);
            continue;
        }
        assert_true(v < set.nvar);
        if (seen[v]++)
            strcat(strcat(shared, " "), set.ind[i].name);
        else
            assert_int_equal(set.var_ind[v], i);
    }
}

/* Which indicators a run stores per replication. With modules of several hours, FTE for one
 * department, and the defaults of no cost per FTE and no patience: the five that follow from the
 * places and the staff, then the balance and the cost of the hours (empty, and 0, without a
 * cost per FTE) and the reneged (none leave without patience). With one module and one exit
 * reason and no staff at all, the hours, FTE and persons per FTE too, and the file active of the
 * only module and the exits for the only reason share their total's place. */
static void test_fixed_by_the_scenario(void **state)
{
    (void)state;
    ea_scenario sc;
    char fixed[1024], shared[256];
    fixture_load(two_modules, &sc);
    fixed_names(&sc, fixed, shared);
    assert_string_equal(fixed, " places reneged staff_hours_available staff_fte_funded funding_eur "
                               "staff_cost_needed_eur balance_eur delegated_eur");
    assert_string_equal(shared, "");
    ea_scenario_clear(&sc);
    fixture_load("[scenario]\nstart = 2022-01\nmonths = 3\n[entries]\nper_month = 6\n"
                 "mix = evaluation:1\n[exits]\nreasons = autre\n[waiting]\n"
                 "patience = exponential(mean=2)\n[budget]\nstaff_cost_per_fte = 50000\n"
                 "[module.evaluation]\nduration = exponential(mean=2)\nnext = exit.autre:1\n"
                 "[platform]\nplaces = 10\n", &sc);
    fixed_names(&sc, fixed, shared);
    assert_string_equal(fixed, " places staff_hours_needed staff_hours_available staff_fte_needed "
                               "staff_fte_funded persons_per_fte funding_eur staff_cost_needed_eur "
                               "balance_eur delegated_eur");
    assert_string_equal(shared, " file_active_evaluation exits_autre");
    ea_scenario_clear(&sc);
}

/* What a writer prints, as a string. */
static char *written(void (*write)(FILE *))
{
    FILE *f = tmpfile();
    assert_non_null(f);
    write(f);
    long n = ftell(f);
    rewind(f);
    char *text = malloc((size_t)n + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* `eaflow help indicators` has a line for every row, starting with its name and its definition
 * (backquotes, which mark code in Markdown, left out): the French one by default, the English one
 * in English. */
static void test_help(void **state)
{
    (void)state;
    for (int en = 0; en < 2; en++) {
        eng_msg_set_lang(en ? ENG_MSG_EN : ENG_MSG_FR);
        char *help = written(ea_indicators_write_help);
        eng_msg_set_lang(ENG_MSG_FR);
        for (int i = 0; i < ea_indicators_ndefs(); i++) {
            const ea_indicators_row *d = ea_indicators_def(i);
            char start[160], def[40];
            snprintf(start, sizeof start, "\n  %-26s ", d->name);
            size_t k = 0;
            for (const char *p = en ? d->def_en : d->def_fr; *p && k < 20; p++)
                if (*p != '`')
                    def[k++] = *p;
            def[k] = '\0';
            char *line = strstr(help, start);
            if (!line || strncmp(line + strlen(start), def, k) != 0)
                fail_msg("help indicators (%s) has no line for %s", en ? "en" : "fr", d->name);
        }
        assert_null(strchr(help, '`'));
        assert_non_null(strstr(help, en ? "Indicators of monthly.csv" : "Indicateurs de monthly.csv"));
        free(help);
    }
}

/* README.md's indicator table is the table's own, between its markers. */
static void test_readme(void **state)
{
    (void)state;
    char *readme = test_slurp("README.md", NULL);
    assert_non_null(readme);
    char *table = written(ea_indicators_write_markdown);
    const char *begin = "<!-- indicators:begin -->\n", *end = "<!-- indicators:end -->";
    char *b = strstr(readme, begin), *e = strstr(readme, end);
    assert_true(b && e && b < e);
    b += strlen(begin);
    if ((size_t)(e - b) != strlen(table) || strncmp(b, table, strlen(table)) != 0)
        fail_msg("README.md's indicator table differs from the code's: run `make readme-indicators`");
    assert_non_null(strstr(table, "| Indicateur | Définition | Unité | Stock ou flux |"));
    assert_non_null(strstr(table, "| `entries` | prescriptions reçues pendant la période | "
                                  "personnes | flux |"));
    free(table);
    free(readme);
    /* In English on request. */
    eng_msg_set_lang(ENG_MSG_EN);
    table = written(ea_indicators_write_markdown);
    eng_msg_set_lang(ENG_MSG_FR);
    assert_non_null(strstr(table, "| Indicator | Meaning | Unit | Stock or flow |"));
    assert_non_null(strstr(table, "| `entries` | referrals received during the period | "
                                  "persons | flow |"));
    free(table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_funding_formula),
        cmocka_unit_test(test_funding_in_tables),
        cmocka_unit_test(test_derivation_by_hand),
        cmocka_unit_test(test_columns_in_order),
        cmocka_unit_test(test_every_indicator_has_a_row),
        cmocka_unit_test(test_whole_numbers),
        cmocka_unit_test(test_fixed_by_the_scenario),
        cmocka_unit_test(test_ratio_sources),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_readme),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
