/* test_pl_text.c — The labels and units of the indicators in the charts, read from the indicator
 * table: the French and English words the charts have always used, and how values read. */
#include "test_util.h"

#include <string.h>

#include "plots/pl_text.h"

static const char *label(const char *indicator, pl_text_lang lang)
{
    static char buf[256];
    return pl_text_indicator_label(buf, sizeof buf, indicator, lang);
}

/* The labels of every single indicator, as published on the charts. */
static void test_labels(void **state)
{
    (void)state;
    static const char *const expected[][3] = {
        { "file_active", "file active", "caseload" },
        { "waiting", "liste d'attente", "waiting list" },
        { "places", "places", "places" },
        { "occupancy", "taux d'occupation", "occupancy" },
        { "entries", "entrées", "entries" },
        { "admissions", "admissions", "admissions" },
        { "exits", "sorties", "exits" },
        { "reneged", "abandons avant admission", "reneged before admission" },
        { "persons_accompanied", "personnes accompagnées", "persons accompanied" },
        { "mean_wait_days", "attente moyenne (jours)", "mean wait (days)" },
        { "file_active_avg", "file active moyenne", "mean caseload" },
        { "waiting_avg", "liste d'attente moyenne", "mean waiting list" },
        { "staff_hours_needed", "heures d'accompagnement nécessaires", "support hours needed" },
        { "staff_hours_available", "heures d'accompagnement disponibles",
          "support hours available" },
        { "staff_fte_needed", "ETP nécessaires", "FTE needed" },
        { "funding_eur", "financement", "funding" },
        { "staff_cost_needed_eur", "coût des heures d'accompagnement modélisées",
          "cost of the modelled support hours" },
        { "delegated_eur", "financement délégué", "delegated funding" },
        { "cost_per_person_eur", "coût par personne accompagnée", "cost per person accompanied" },
        { "cost_per_exit_emploi_eur", "coût par sortie vers l'emploi durable",
          "cost per exit to lasting employment" },
    };
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        assert_string_equal(label(expected[i][0], PL_FR), expected[i][1]);
        assert_string_equal(label(expected[i][0], PL_EN), expected[i][2]);
    }
}

/* A family's label names its module or exit reason; other names stay as they are. */
static void test_family_labels(void **state)
{
    (void)state;
    assert_string_equal(label("file_active_recherche", PL_FR), "file active en recherche d'emploi");
    assert_string_equal(label("file_active_evaluation", PL_EN), "caseload in assessment");
    assert_string_equal(label("exits_emploi_durable", PL_FR), "sorties : emploi durable");
    assert_string_equal(label("exits_reorientation", PL_EN), "exits: referral elsewhere");
    assert_string_equal(label("exits_demenagement", PL_FR), "sorties : demenagement");
    assert_string_equal(label("observed_only", PL_EN), "observed_only");
    /* A label longer than the buffer is cut, not overflowed. */
    char small[8];
    assert_string_equal(pl_text_indicator_label(small, sizeof small, "persons_accompanied", PL_EN),
                        "persons");
}

/* Euros and shares from their unit, counts for everything else. */
static void test_units(void **state)
{
    (void)state;
    assert_int_equal(pl_text_indicator_unit("funding_eur"), PL_UNIT_EUR);
    assert_int_equal(pl_text_indicator_unit("cost_per_exit_emploi_eur"), PL_UNIT_EUR);
    assert_int_equal(pl_text_indicator_unit("occupancy"), PL_UNIT_SHARE);
    assert_int_equal(pl_text_indicator_unit("file_active"), PL_UNIT_COUNT);
    assert_int_equal(pl_text_indicator_unit("mean_wait_days"), PL_UNIT_COUNT);
    assert_int_equal(pl_text_indicator_unit("exits_abandon"), PL_UNIT_COUNT);
    assert_int_equal(pl_text_indicator_unit("no_such_thing"), PL_UNIT_COUNT);
    char buf[64];
    assert_string_equal(
        pl_text_value(buf, sizeof buf, 0.935, pl_text_indicator_unit("occupancy"), 0, PL_FR),
        "93,5 %");
    assert_string_equal(
        pl_text_value(buf, sizeof buf, 2773500, pl_text_indicator_unit("funding_eur"), 0, PL_EN),
        "\u20ac2,773,500");
}

/* Negative numbers on the page and the charts' axes: the minus sign U+2212 in French, as in the
 * tables, the hyphen in English, and no sign on a value that rounds to zero. */
static void test_signs(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(pl_text_num(buf, sizeof buf, -2, 0, PL_FR), "\u22122");
    assert_string_equal(pl_text_num(buf, sizeof buf, -1234.56, 1, PL_FR), "\u22121 234,6");
    assert_string_equal(pl_text_num(buf, sizeof buf, -0.04, 1, PL_FR), "0,0");
    assert_string_equal(pl_text_num(buf, sizeof buf, -1234.56, 1, PL_EN), "-1,234.6");
    assert_string_equal(pl_text_num(buf, sizeof buf, -0.04, 1, PL_EN), "0.0");
    assert_string_equal(pl_text_eur(buf, sizeof buf, -8200, PL_FR), "\u22128 200 \u20ac");
    assert_string_equal(pl_text_eur(buf, sizeof buf, -8200, PL_EN), "-\u20ac8,200");
}

/* Days by hand: day/month/year in French; in English the month in letters, since 01/12/2026 reads
 * as January 12 to part of its readers; a stock's date in words at the end of a year or a month. */
static void test_dates(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(pl_text_date(buf, sizeof buf, (eng_date){ 2026, 12, 1 }, PL_FR), "01/12/2026");
    assert_string_equal(pl_text_date(buf, sizeof buf, (eng_date){ 2026, 12, 1 }, PL_EN), "1 Dec 2026");
    assert_string_equal(pl_text_date_phrase(buf, sizeof buf, (eng_date){ 2022, 3, 15 }, PL_FR),
                        "le 15/03/2022");
    assert_string_equal(pl_text_date_phrase(buf, sizeof buf, (eng_date){ 2022, 3, 15 }, PL_EN),
                        "on 15 Mar 2022");
    assert_string_equal(pl_text_date_phrase(buf, sizeof buf, (eng_date){ 2021, 12, 31 }, PL_FR),
                        "fin 2021");
    assert_string_equal(pl_text_date_phrase(buf, sizeof buf, (eng_date){ 2022, 3, 31 }, PL_EN),
                        "end March 2022");
}

/* Mean counts below 10 keep a decimal, so that 0,4 persons waiting do not read 0: those that one
 * decimal would show whole (6,02 as 6,0), and from 10 up, none. */
static void test_count_decimals(void **state)
{
    (void)state;
    assert_int_equal(pl_text_count_decimals(0.4), 1);
    assert_int_equal(pl_text_count_decimals(6.32), 1);
    assert_int_equal(pl_text_count_decimals(-2.5), 1);
    assert_int_equal(pl_text_count_decimals(6), 0);
    assert_int_equal(pl_text_count_decimals(6.02), 0);
    assert_int_equal(pl_text_count_decimals(9.97), 0);
    assert_int_equal(pl_text_count_decimals(12.3), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_family_labels),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_signs),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_count_decimals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
