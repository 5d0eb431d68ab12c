/* test_pl_reading.c — Tests of the one-sentence readings of the charts: each kind read from the
 * hand-made tables of tests/data/pl_hand, the figures computed by hand and written in French (and
 * English) number format, and the readings of a real run of the Occitanie scenario. */
#include "pl_fixture.h"

PL_FIXTURE_GROUP("test_pl_reading")

/* The sentence of each chart of the hand-made tables, for the year 0 (the chart's own). */
static const struct {
    const char *chart, *fr, *en;
} hand[] = {
    /* From the observation of 30 September 2022 (95 persons), the last before the run starts, to
     * the mean of December 2022 (120), against its 150 places: 120 / 150 = 80,0 %. */
    { "file_active_region",
      "La file active régionale passe de 95 à 120 personnes entre fin septembre 2022 et fin 2022 "
      "(80,0 % des 150 places).",
      "The caseload of the region goes from 95 to 120 persons between end September 2022 and end "
      "2022 (80.0% of the 150 places)." },
    /* 31 has no places in monthly.csv: no share of them. */
    { "file_active_31",
      "Haute-Garonne (31) : la file active passe de 90 à 60 personnes entre fin septembre 2022 "
      "et fin 2022.",
      "The caseload of Haute-Garonne (31) goes from 90 to 60 persons between end September 2022 "
      "and end 2022." },
    /* December 2022: projet 70 of the file active's 120 = 58 %, recherche 50; 9 waiting. */
    { "modules_region",
      "Fin 2022, le module « projet professionnel » compte le plus de personnes (70, soit 58 % de "
      "la file active) ; la liste d'attente compte 9 personnes.",
      "End 2022, the module \u201ccareer plan\u201d holds the most persons (70, 58% of the "
      "caseload); the waiting list holds 9 persons." },
    /* Entries (10 + 12 + 14) / 3 = 12, exits (4 + 5 + 6) / 3 = 5, of which lasting employment
     * (1 + 2 + 3) / 15 = 40 %, spoken of before the larger drop-outs (9). */
    { "flows_region",
      "Sur la période, 12,0 entrées par mois en moyenne pour 5,0 sorties, dont 40 % pour le motif "
      "« emploi durable ».",
      "Over the period, 12.0 entries a month on average against 5.0 exits, 40% of them for "
      "\u201clasting employment\u201d." },
    { "budget_region",
      "En 2022, le financement est de 600 000 € ; les heures d'accompagnement modélisées "
      "coûteraient 450 000 €, soit un solde de 150 000 € ; une personne accompagnée coûte 4 000 € "
      "et une sortie vers l'emploi durable 100 000 €.",
      "In 2022, funding is €600,000; the modelled support hours would cost €450,000, a balance of "
      "€150,000; a person accompanied costs €4,000 and an exit to lasting employment €100,000." },
    /* 3 500 € (Tarn-et-Garonne, outside) to 5 000 € (Gers, outside); the reference is the
     * region's 731 000 € / 170 places = 4 300 € (Haute-Garonne's own would be 4 400 €). */
    { "cost_per_place_2022",
      "En 2022, le coût à la place va de 3 500 € (Tarn-et-Garonne) à 5 000 € (Gers), pour une "
      "référence de 4 300 € ; 2 départements sur 3 sont à ajuster à la référence.",
      "In 2022, the cost per place ranges from €3,500 (Tarn-et-Garonne) to €5,000 (Gers), against "
      "a reference of €4,300; 2 of 3 departments are to be adjusted to the reference." },
    /* 90 / 100 = 90,0 %, 55 / 50 = 110,0 %, and the region 95 / 140 = 67,86 %. */
    { "occupancy",
      "Au 30/09/2022, le taux d'occupation va de 90,0 % (Haute-Garonne) à 110,0 % (Gers) ; 67,9 % "
      "pour la région.",
      "On 30 Sep 2022, occupancy ranges from 90.0% (Haute-Garonne) to 110.0% (Gers); 67.9% for the "
      "region." },
    /* The curve reaches one half at 4 months. */
    { "km_projet",
      "La moitié des personnes quitte le module « projet professionnel » en moins de 4,0 mois "
      "(médiane de Kaplan–Meier) ; la loi retenue est exponentielle (moyenne 5,00 mois).",
      "Half of the persons leave the module \u201ccareer plan\u201d within 4.0 months "
      "(Kaplan–Meier median); the chosen distribution is exponential (mean 5.00 months)." },
    /* Still 60 % after its last time, 3 months. */
    { "km_recherche",
      "Plus de la moitié des personnes sont encore dans le module « recherche d'emploi » après 3,0 "
      "mois.",
      "More than half of the persons are still in the module \u201cjob search\u201d after 3.0 "
      "months." },
    /* The three points of 2023: 200, 250 and 225. */
    { "sweep_file_active",
      "En 2023, sur les 3 points du balayage, la moyenne de l'indicateur « file active » va de 200 "
      "à 250.",
      "In 2023, over the 3 points of the sweep, the mean of caseload ranges from 200 to 250." },
};

static void test_hand(void **state)
{
    (void)state;
    for (int lang = PL_FR; lang <= PL_EN; lang++) {
        pl_data *d;
        pl_charts *c;
        pl_fixture_charts_of(PL_FIXTURE_HAND, (pl_text_lang)lang, &d, &c);
        for (size_t i = 0; i < sizeof hand / sizeof hand[0]; i++) {
            char buf[1024];
            pl_charts_reading(c, pl_fixture_find_chart(c, hand[i].chart), 0, buf, sizeof buf);
            assert_string_equal(buf, lang == PL_EN ? hand[i].en : hand[i].fr);
        }
        pl_charts_free(c);
        pl_data_free(d);
    }
}

/* The budget speaks of the year asked for, leaving out what that year does not have, and of its
 * last year when the year asked for has no funding. */
static void test_budget_year(void **state)
{
    (void)state;
    pl_data *d;
    pl_charts *c;
    pl_fixture_charts_of(PL_FIXTURE_HAND, PL_FR, &d, &c);
    int i = pl_fixture_find_chart(c, "budget_region");
    char buf[1024];
    pl_charts_reading(c, i, 2021, buf, sizeof buf);
    assert_string_equal(buf, "En 2021, le financement est de 500 000 €.");
    pl_charts_reading(c, i, 1999, buf, sizeof buf);
    assert_non_null(strstr(buf, "En 2022, le financement est de 600 000 €"));
    pl_charts_free(c);
    pl_data_free(d);
}

/* Small flows are read per period, as the chart draws them (tests/data/pl_flows): 09 has 0,5
 * entries and 0,4 exits a month, 1,5 and 1,2 a quarter, half of the exits (0,2) for lasting
 * employment; 48 has 0,25 entries a month, 3 a year. */
static void test_flows_per_period(void **state)
{
    (void)state;
    pl_data *d;
    pl_charts *c;
    pl_fixture_charts_of(PL_FIXTURE_DATA "pl_flows", PL_FR, &d, &c);
    char buf[1024];
    pl_charts_reading(c, pl_fixture_find_chart(c, "flows_09"), 0, buf, sizeof buf);
    /* Below 2 the noun stays singular, as French writes it; from 2 on, plural. */
    assert_string_equal(buf, "Sur la période, 1,5 entrée par trimestre en moyenne pour 1,2 "
                             "sortie, dont 50 % pour le motif « emploi durable ».");
    pl_charts_reading(c, pl_fixture_find_chart(c, "flows_48"), 0, buf, sizeof buf);
    assert_non_null(strstr(buf, "3,0 entrées par an en moyenne pour 2,4 sorties"));
    pl_charts_free(c);
    pl_data_free(d);
}

/* Costs equal everywhere, and no department to be adjusted to the reference. */
static void test_costs_even(void **state)
{
    (void)state;
    char dir[128];
    test_subdir(dir, sizeof dir, tmpdir, "even");
    pl_fixture_write(dir, "costs.csv",
                     "department,name,places,funding_eur,cost_per_place_eur,reference_funding_eur,"
                     "outside_tolerance\n31,Haute-Garonne,10,40000,4000,40000,0\n"
                     "32,Gers,5,20000,4000,20000,0\n");
    pl_data *d;
    pl_charts *c;
    pl_fixture_charts_of(dir, PL_FR, &d, &c);
    char buf[1024];
    pl_charts_reading(c, pl_fixture_find_chart(c, "cost_per_place"), 0, buf, sizeof buf);
    assert_string_equal(buf, "Le coût à la place est partout de 4 000 €, pour une référence de "
                             "4 000 € ; aucun des 2 départements n'est à ajuster à la référence.");
    pl_charts_free(c);
    pl_data_free(d);
}

/* One person waiting is said in the singular, in French as in English (hand tables with the
 * December waiting list at 1). */
/* The reading of the modules of the hand tables with December's waiting list set to `waiting`
 * (a copy in tmpdir/one-N), in French then in English. */
static void modules_read(const char *waiting, const char *fr, const char *en)
{
    static int calls;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/one-%d", tmpdir, calls++);
    assert_int_equal(pl_fixture_copy_dir(PL_FIXTURE_HAND, dir), 0);
    char *monthly = test_slurp(PL_FIXTURE_HAND "/monthly.csv", NULL), edited[65536];
    assert_non_null(monthly);
    static const char row[] = "region,2022-12,waiting,9";
    char *at = strstr(monthly, row);
    assert_non_null(at);
    snprintf(edited, sizeof edited, "%.*sregion,2022-12,waiting,%s%s", (int)(at - monthly), monthly,
             waiting, at + strlen(row));
    pl_fixture_write(dir, "monthly.csv", edited);
    free(monthly);
    for (int lang = PL_FR; lang <= PL_EN; lang++) {
        pl_data *d;
        pl_charts *c;
        pl_fixture_charts_of(dir, (pl_text_lang)lang, &d, &c);
        char buf[1024];
        pl_charts_reading(c, pl_fixture_find_chart(c, "modules_region"), 0, buf, sizeof buf);
        assert_substring(buf, lang == PL_EN ? en : fr);
        pl_charts_free(c);
        pl_data_free(d);
    }
}

/* One person waiting is singular in both languages; a mean of 1,4 keeps its decimal, singular in
 * French (below 2), plural in English. */
static void test_waiting_singular(void **state)
{
    (void)state;
    modules_read("1", " ; la liste d'attente compte 1 personne.", "; the waiting list holds 1 person.");
    modules_read("1.4", " ; la liste d'attente compte 1,4 personne.",
                 "; the waiting list holds 1.4 persons.");
}

/* ---- The Occitanie run -------------------------------------------------------------------------
 */

/* Readings of the run, against the scenario's published figures: 439 persons observed at the end
 * of 2021, 645 places, the funding table's costs per place and the fixtures' sweep and fitted
 * laws. */
static void test_occitanie(void **state)
{
    (void)state;
    pl_data *d;
    pl_charts *c, *en;
    pl_fixture_charts_of(occ, PL_FR, &d, &c);
    eng_error err = { { 0 } };
    assert_int_equal(pl_charts_alloc(d, PL_EN, 0, &en, &err), ENG_OK);
    static const struct {
        const char *chart, *text;
        int english;
    } readings[] = {
        {"file_active_region", "La file active de l'ensemble du territoire (Occitanie) passe de 439 à ", 0},
        {"file_active_region", " personnes entre fin 2021 et fin 2024 (", 0},
        {"file_active_region", " des 645 places).", 0},
        {"file_active_31", "Haute-Garonne (31) : la file active passe de 104 à ", 0},
        /* The verdict is exact by default: no department is at 4 300 € a place in 2021. */
        {"cost_per_place_2021",
         "En 2021, le coût à la place va de 3 700 € (Haute-Garonne) à 5 900 € "
         "(Lozère), pour une référence de 4 300 € ; 13 départements sur 13 "
         "sont à ajuster à la référence.",
         0},
        {"cost_per_place_2022", "le coût à la place est partout de 4 300 €", 0},
        {"occupancy", "Au 31/12/2022, le taux d'occupation va de ", 0},
        {"occupancy", " ; 85,0 % pour l'ensemble du territoire (Occitanie).", 0},
        {"budget_region", "En 2024, le financement est de 2 773 500 €", 0},
        {"km_recherche", "la loi retenue est gamma (moyenne 6,10 mois, écart-type 3,20).", 0},
        {"km_evaluation", "en moins de 3,0 mois", 0},
        {"km_projet", "exponential" /* not chosen: absent */, 0},
        {"sweep_file_active",
         "En 2023, sur les 3 points du balayage, la moyenne de l'indicateur « "
         "file active » va de 470 à 570.",
         0},
        {"file_active_region", "The caseload of the whole area (Occitanie) goes from 439 to ", 1},
        {"budget_region", "In 2024, funding is €2,773,500", 1},
    };
    for (size_t i = 0; i < sizeof readings / sizeof readings[0]; i++) {
        const pl_charts *cs = readings[i].english ? en : c;
        char buf[1024];
        pl_charts_reading(cs, pl_fixture_find_chart(cs, readings[i].chart), 2024, buf, sizeof buf);
        int negated = strcmp(readings[i].text, "exponential") == 0;
        if (!negated != !!strstr(buf, readings[i].text))
            fail_msg("reading of %s: \"%s\" %s \"%s\"", readings[i].chart, buf,
                     negated ? "should not contain" : "does not contain", readings[i].text);
    }
    pl_charts_free(en);
    pl_charts_free(c);
    pl_data_free(d);
}

/* Without observations the file active starts where the scenario starts it: its 439 persons in
 * support (initial_file_active, summed over the departments) at the end of the month before the
 * run, as with the observed end of 2021, not the simulated mean of January 2022. */
static void test_start_without_observations(void **state)
{
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/no-observations", tmpdir);
    if (test_eaflow(NULL, NULL, "simulate", "scenarios/occitanie-2022.ini", "-n", "5", "-o", dir,
                    "-q", NULL) != 0)
        fail_msg("simulate into %s failed", dir);
    pl_data *d;
    pl_charts *c;
    pl_fixture_charts_of(dir, PL_FR, &d, &c);
    char buf[1024];
    pl_charts_reading(c, pl_fixture_find_chart(c, "file_active_region"), 2022, buf, sizeof buf);
    if (!strstr(buf, "La file active de l'ensemble du territoire (Occitanie) passe de 439 à ") || !strstr(buf, "entre fin 2021 et fin 2022"))
        fail_msg("reading: \"%s\"", buf);
    pl_charts_free(c);
    pl_data_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand),
        cmocka_unit_test(test_budget_year),
        cmocka_unit_test(test_flows_per_period),
        cmocka_unit_test(test_costs_even),
        cmocka_unit_test(test_waiting_singular),
        cmocka_unit_test(test_occitanie),
        cmocka_unit_test(test_start_without_observations),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
