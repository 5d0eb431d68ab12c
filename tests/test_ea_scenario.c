/* test_ea_scenario.c — Scenario parsing against hand-checked values, defaults, the stationary
 * initial mix, error messages, months and schedules. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/eng_msg.h"
#include "models/ea_scenario.h"

#define DATA "tests/data/"

enum { EV = EA_EVALUATION, PR = EA_PROJET, RE = EA_RECHERCHE, MA = EA_MAINTIEN };

static int month(int year, int m)
{
    return year * 12 + m - 1;
}

static void assert_contains(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("\"%s\" does not contain \"%s\"", text, part);
}

static void load_ok(const char *path, ea_scenario *sc)
{
    eng_error err = {""};
    int status = ea_scenario_load(path, sc, &err);
    if (status != ENG_OK)
        fail_msg("%s: status %d: %s", path, status, err.msg);
}

static void assert_mix(const double *mix, double e, double p, double r, double m)
{
    assert_abs(mix[EV], e, 1e-12);
    assert_abs(mix[PR], p, 1e-12);
    assert_abs(mix[RE], r, 1e-12);
    assert_abs(mix[MA], m, 1e-12);
}

static void test_full_scenario(void **state)
{
    (void)state;
    ea_scenario sc;
    load_ok(DATA "scn_full.ini", &sc);
    assert_string_equal(sc.path, DATA "scn_full.ini");
    assert_string_equal(sc.name, "Occitanie test");
    assert_int_equal(sc.start, month(2022, 1));
    assert_int_equal(sc.months, 36);
    assert_int_equal(sc.replications, 20);
    assert_int_equal(sc.seed, 42);
    assert_abs(sc.cost_per_place, 4300, 0);
    assert_abs(sc.staff_cost_per_fte, 52000, 0);
    assert_abs(sc.delegated_share, 0.4, 0);
    assert_int_equal(sc.capacity_mode, EA_CAPACITY_STAFF);
    assert_abs(sc.hours_per_fte_month, 120, 0);

    assert_abs(sc.entries.per_month, 10, 0);
    assert_abs(sc.entries.seasonality[0], 1, 0);
    assert_abs(sc.entries.seasonality[6], 0.5, 0);
    assert_abs(sc.entries.seasonality[11], 1.4, 0);
    assert_int_equal(sc.entries.schedule.n, 2);
    assert_int_equal(sc.entries.schedule.steps[0].month, month(2023, 1));
    assert_abs(sc.entries.schedule.steps[0].value, 12, 0);
    assert_int_equal(sc.entries.schedule.steps[1].month, month(2024, 1)); /* "2024:15" */
    assert_abs(sc.entries.schedule.steps[1].value, 15, 0);
    assert_mix(sc.entries.mix, 0.8, 0, 0, 0.2);
    assert_int_equal(sc.patience.kind, ENG_DIST_EXPONENTIAL);
    assert_abs(sc.patience.p1, 4, 0);

    assert_int_equal(sc.nreasons, 3);
    assert_string_equal(sc.reasons[0], "emploi_durable");
    assert_string_equal(sc.reasons[1], "abandon");
    assert_string_equal(sc.reasons[2], "autre");
    assert_int_equal(ea_scenario_reason(&sc, "autre"), 2);
    assert_int_equal(ea_scenario_reason(&sc, "reorientation"), -1);

    const ea_scenario_module *m = sc.modules;
    for (int i = 0; i < EA_NMODULES; i++)
        assert_true(m[i].defined);
    assert_int_equal(m[EV].duration.kind, ENG_DIST_FIXED);
    assert_abs(m[EV].duration.p1, 3, 0);
    assert_abs(m[EV].intensity, 6, 0);
    assert_abs(m[EV].next[PR], 0.8, 0);
    assert_abs(m[EV].next[EA_NMODULES + 1], 0.2, 0); /* exit.abandon */
    assert_int_equal(m[PR].duration.kind, ENG_DIST_GAMMA);
    assert_abs(m[PR].duration.p1, 6, 0);
    assert_abs(m[PR].duration.p2, 3, 0);
    assert_abs(m[PR].next[RE], 1, 0);
    assert_abs(m[RE].next[MA], 0.5, 0);
    assert_abs(m[RE].next[EA_NMODULES + 2], 0.5, 0); /* exit.autre */
    assert_abs(m[MA].intensity, 2, 0);               /* inline comment cut */
    assert_abs(m[MA].next[EA_NMODULES + 0], 1, 0);

    assert_false(sc.single_platform);
    assert_int_equal(sc.ndepartments, 3);

    /* 31 sets everything itself except the entry profile. */
    const ea_scenario_department *d = &sc.departments[0];
    assert_string_equal(d->code, "31");
    assert_string_equal(d->name, "Haute-Garonne");
    assert_int_equal(d->places, 200);
    assert_int_equal(d->places_schedule.n, 2);
    assert_int_equal(d->places_schedule.steps[1].month, month(2024, 7));
    assert_abs(d->places_schedule.steps[1].value, 240, 0);
    assert_int_equal(d->initial_file_active, 150);
    assert_mix(d->initial_mix, 0.1, 0.2, 0.4, 0.3);
    assert_abs(d->entries.per_month, 4.5, 0);
    assert_abs(d->entries.seasonality[6], 0.5, 0);
    assert_int_equal(d->entries.schedule.n, 2);
    assert_mix(d->entries.mix, 0.8, 0, 0, 0.2);
    assert_abs(d->fte, 10, 0);
    assert_int_equal(d->overrides, EA_OVR_NAME | EA_OVR_INITIAL_MIX | EA_OVR_ENTRIES_PER_MONTH);
    for (int i = 0; i < EA_NMODULES; i++)
        assert_int_equal(d->module_overrides[i], 0);

    /* 2A (code kept as written) overrides seasonality, mix and module recherche. With entries
     * all in evaluation, visits are 1, 0.8, 0.8 and 0.8 * 0.6 = 0.48; times the mean durations
     * 3, 6, 8 (its own recherche) and 12: 3, 4.8, 6.4, 5.76, total 19.96. */
    d = &sc.departments[1];
    assert_string_equal(d->code, "2A");
    assert_string_equal(d->name, "2A");
    assert_int_equal(d->places, 30);
    assert_int_equal(d->places_schedule.n, 0);
    assert_int_equal(d->initial_file_active, 0);
    assert_abs(d->fte, 2.5, 0);
    assert_abs(d->entries.per_month, 10, 0);
    assert_abs(d->entries.seasonality[0], 0.5, 0);
    assert_abs(d->entries.seasonality[6], 1, 0); /* continued line */
    assert_abs(d->entries.seasonality[11], 2, 0);
    assert_mix(d->entries.mix, 1, 0, 0, 0);
    assert_int_equal(d->overrides, EA_OVR_SEASONALITY | EA_OVR_MIX);
    assert_int_equal(d->module_overrides[RE], EA_OVR_DURATION | EA_OVR_NEXT);
    assert_int_equal(d->modules[RE].duration.kind, ENG_DIST_FIXED);
    assert_abs(d->modules[RE].duration.p1, 8, 0);
    assert_abs(d->modules[RE].intensity, 5, 0);
    assert_abs(d->modules[RE].next[MA], 0.6, 0);
    assert_abs(d->modules[RE].next[EA_NMODULES + 2], 0.4, 0);
    assert_int_equal(d->modules[PR].duration.kind, ENG_DIST_GAMMA);
    assert_mix(d->initial_mix, 3 / 19.96, 4.8 / 19.96, 6.4 / 19.96, 5.76 / 19.96);

    /* 48 overrides the schedule and evaluation's intensity. With the shared mix 0.8 / 0.2,
     * visits are 0.8, 0.64, 0.64 and 0.2 + 0.32 = 0.52; weights 2.4, 3.84, 6.4, 6.24: 18.88. */
    d = &sc.departments[2];
    assert_string_equal(d->code, "48");
    assert_string_equal(d->name, "Lozère");
    assert_int_equal(d->places, 12);
    assert_int_equal(d->entries.schedule.n, 1);
    assert_int_equal(d->entries.schedule.steps[0].month, month(2023, 6));
    assert_abs(d->entries.schedule.steps[0].value, 3, 0);
    assert_int_equal(d->overrides, EA_OVR_NAME | EA_OVR_SCHEDULE);
    assert_int_equal(d->module_overrides[EV], EA_OVR_INTENSITY);
    assert_abs(d->modules[EV].intensity, 8, 0);
    assert_abs(d->modules[EV].duration.p1, 3, 0);
    assert_abs(sc.modules[EV].intensity, 6, 0); /* the shared module is untouched */
    assert_mix(d->initial_mix, 2.4 / 18.88, 3.84 / 18.88, 6.4 / 18.88, 6.24 / 18.88);
    ea_scenario_clear(&sc);
    ea_scenario_clear(NULL);
}

static void test_defaults(void **state)
{
    (void)state;
    ea_scenario sc;
    load_ok(DATA "scn_minimal.ini", &sc);
    assert_string_equal(sc.name, "scn_minimal");
    assert_int_equal(sc.replications, 100);
    assert_int_equal(sc.seed, 1);
    assert_abs(sc.cost_per_place, 4300, 0);
    assert_abs(sc.staff_cost_per_fte, 0, 0);
    assert_abs(sc.delegated_share, 0, 0);
    assert_int_equal(sc.capacity_mode, EA_CAPACITY_PLACES);
    assert_abs(sc.hours_per_fte_month, 134, 0);
    assert_abs(sc.entries.per_month, 0, 0);
    for (int i = 0; i < 12; i++)
        assert_abs(sc.entries.seasonality[i], 1, 0);
    assert_int_equal(sc.entries.schedule.n, 0);
    assert_mix(sc.entries.mix, 1, 0, 0, 0);
    assert_int_equal(sc.patience.kind, ENG_DIST_NONE);
    static const char *const reasons[] = {"emploi_durable", "reorientation", "abandon", "autre"};
    assert_int_equal(sc.nreasons, 4);
    for (int r = 0; r < 4; r++)
        assert_string_equal(sc.reasons[r], reasons[r]);
    assert_true(sc.modules[EV].defined);
    assert_false(sc.modules[PR].defined);
    assert_abs(sc.modules[EV].intensity, 0, 0);
    assert_abs(sc.modules[EV].next[EA_NMODULES + 3], 1, 0);

    assert_true(sc.single_platform);
    assert_int_equal(sc.ndepartments, 1);
    const ea_scenario_department *d = &sc.departments[0];
    assert_string_equal(d->code, "region");
    assert_string_equal(d->name, "region");
    assert_int_equal(d->places, 10);
    assert_int_equal(d->places_schedule.n, 0);
    assert_int_equal(d->initial_file_active, 0);
    assert_mix(d->initial_mix, 1, 0, 0, 0);
    assert_abs(d->entries.per_month, 0, 0);
    assert_abs(d->fte, 0, 0);
    assert_int_equal(d->overrides, 0);
    ea_scenario_clear(&sc);
}

static void test_stationary_initial_mix(void **state)
{
    (void)state;
    /* Entries all in evaluation (mean 3) -> projet 0.8 (mean 6) -> recherche 1 (mean 10) ->
     * maintien 0.5 (mean 12): visits 1, 0.8, 0.8, 0.4, weights 3, 4.8, 8, 4.8, total 20.6. */
    ea_scenario sc;
    load_ok(DATA "scn_stationary.ini", &sc);
    assert_mix(sc.departments[0].initial_mix, 3 / 20.6, 4.8 / 20.6, 8 / 20.6, 4.8 / 20.6);
    assert_int_equal(sc.departments[0].overrides & EA_OVR_INITIAL_MIX, 0);
    ea_scenario_clear(&sc);
}

static void test_in_memory_override(void **state)
{
    (void)state;
    eng_error err;
    ea_scenario sc;
    eng_ini *ini = eng_ini_load(DATA "scn_minimal.ini", &err);
    assert_non_null(ini);
    assert_int_equal(eng_ini_set(ini, "platform", "places", "25", &err), ENG_OK);
    assert_int_equal(eng_ini_set(ini, "entries", "per_month", "3.5", &err), ENG_OK);
    assert_int_equal(ea_scenario_from_ini(ini, &sc, &err), ENG_OK);
    assert_int_equal(sc.departments[0].places, 25);
    assert_abs(sc.departments[0].entries.per_month, 3.5, 0);
    ea_scenario_clear(&sc);

    /* A key set in memory has no line: the message names the file only. */
    assert_int_equal(eng_ini_set(ini, "platform", "plces", "25", &err), ENG_OK);
    assert_int_equal(ea_scenario_from_ini(ini, &sc, &err), ENG_EINPUT);
    assert_string_equal(err.msg, DATA "scn_minimal.ini, [platform] clé « plces » : clé inconnue "
                                      "(vouliez-vous dire places ?)");
    eng_ini_free(ini);
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        const char *parts[3];
    } cases[] = {
        {"section", {", ligne 13, [entrees] : section inconnue (vouliez-vous dire [entries] ?)"}},
        {"key", {", ligne 14, [entries] clé « per_mnth » : clé inconnue (vouliez-vous dire "
                 "per_month ?)"}},
        {"missing", {", ligne 2, [scenario] clé « start » : clé obligatoire absente (premier mois "
                     "simulé, AAAA-MM) ; ajoutez-la"}},
        {"negative", {", ligne 14, [entries] clé « per_month » : -2 est hors des bornes",
                      "attendu un réel, 0 à 100000"}},
        {"sum", {", ligne 12, [module.recherche] clé « next » : la somme des probabilités vaut 0,9 "
                 "au lieu de 1"}},
        {"dist", {", ligne 11, [module.projet] clé « duration » : ", "distribution inconnue « gama »",
                  "attendu l'une de : exponential"}},
        {"number", {", ligne 11, [platform] clé « places » : « twelve » n'est pas valide ; attendu "
                    "un entier, 0 à 1000000"}},
        {"target", {", ligne 8, [module.evaluation] clé « next » : destination inconnue projt "
                    "(vouliez-vous dire projet ?)"}},
        {"reason", {", ligne 8, [module.evaluation] clé « next » : motif de sortie inconnu emploi"}},
        {"mix", {", ligne 14, [entries] clé « mix » : le module maintien n'a pas de section "
                 "[module.maintien]", "attendu des modules définis dans ce fichier : evaluation"}},
        {"default_mix", {"scn_err_default_mix.ini, [entries] clé « mix » : absente, et sa valeur par "
                         "défaut « evaluation:1 » ne convient pas à ce fichier",
                         "le module evaluation n'a pas de section [module.evaluation]"}},
        {"nopath", {", ligne 12, [module.projet] clé « next » : aucun chemin de projet vers une "
                    "sortie"}},
        {"dept_path", {", ligne 18, [department.31.module.recherche] clé « next » : aucun chemin "
                       "de evaluation vers une sortie dans ce département"}},
        {"both", {", ligne 10, [platform] : ne peut aller avec [department.31] (ligne 13)",
                  "gardez soit une section [platform]"}},
        {"neither", {"scn_err_neither.ini : ni section [platform] ni section [department.CODE]"}},
        {"fte", {", ligne 13, [department.31] clé « fte » : doit être > 0 quand [staff] "
                 "capacity_mode = staff"}},
        {"month",
         {", ligne 3, [scenario] clé « start » : « 2022-13 » n'est pas valide", "attendu un mois",
          "AAAA-MM"}},
        {"schedule", {", ligne 14, [entries] clé « schedule » : 2023-06 ne vient pas après 2024-01",
                      "mois croissants"}},
        {"season", {", ligne 14, [entries] clé « seasonality » : 11 valeurs données ; attendu 12 "
                    "réels"}},
        {"module", {", ligne 13, [module.insertion] : module inconnu insertion ; attendu "
                    "evaluation, projet, recherche ou maintien"}},
        /* Values far beyond the domain, refused by the bound of their key before anything runs
         * (10^9 entries a month once took 7.4 GB in a minute). */
        {"per_month", {", ligne 11, [entries] clé « per_month » : 1e9 est hors des bornes ; attendu "
                       "un réel, 0 à 100000"}},
        {"places", {", ligne 11, [platform] clé « places » : 100000000 est hors des bornes ; attendu "
                    "un entier, 0 à 1000000"}},
        {"replications", {", ligne 5, [scenario] clé « replications » : 10000000 est hors des "
                          "bornes ; attendu un entier, 1 à 100000"}},
        {"duration", {", ligne 7, [module.evaluation] clé « duration » : la moyenne vaut 0.02 mois, "
                      "hors des bornes ; attendu une moyenne de 0.03 à 1200 mois"}},
        /* A malformed department code is described, not quoted (it read "" or ""31""). */
        {"code", {", ligne 10, [department.] : code de département absent ; écrivez "
                  "[department.CODE], le code fait de 1 à 63 lettres, chiffres, _ ou -"}},
        {"code_quote", {", ligne 10, [department.\"31\"] : le code de département contient le "
                        "caractère \" ; attendu 1 à 63 lettres, chiffres, _ ou -, sans - au début, "
                        "autre que region"}},
        /* A code that a spreadsheet would take for a formula (issue 9: "-1-1" reached the CSV). */
        {"code_dash", {", ligne 10, [department.-1-1] : le code de département commence par -"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, DATA "scn_err_%s.ini", cases[i].file);
        ea_scenario sc;
        eng_error err = {""};
        int status = ea_scenario_load(path, &sc, &err);
        if (status != ENG_EINPUT)
            fail_msg("%s: status %d, expected ENG_EINPUT (%s)", path, status, err.msg);
        /* Nothing to free after a failure: the struct is left empty. */
        assert_int_equal(sc.ndepartments, 0);
        assert_null(sc.departments);
        assert_true(strncmp(err.msg, path, strlen(path)) == 0);
        for (int j = 0; j < 3 && cases[i].parts[j]; j++)
            assert_contains(err.msg, cases[i].parts[j]);
    }
}

static void test_months(void **state)
{
    (void)state;
    int m = -1;
    assert_int_equal(eng_date_month_parse("2022-01", &m), 0);
    assert_int_equal(m, 24264);
    assert_int_equal(eng_date_month_parse("2022-12", &m), 0);
    assert_int_equal(m, 24275);
    assert_int_equal(eng_date_month_parse("0000-01", &m), 0);
    assert_int_equal(m, 0);
    static const char *const bad[] = {"2022-13", "2022-00", "2022-1", "22-01",  "2022/01",
                                      "2022-011", "",       "abcd-ef", " 2022-01", "2022-01 "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        m = -7;
        assert_int_equal(eng_date_month_parse(bad[i], &m), -1);
        assert_int_equal(m, -7);
    }
    char buf[8];
    eng_date_month_format(24264, buf);
    assert_string_equal(buf, "2022-01");
    eng_date_month_format(24275, buf);
    assert_string_equal(buf, "2022-12");
    eng_date_month_format(0, buf);
    assert_string_equal(buf, "0000-01");
    for (int x = month(1999, 1); x < month(2031, 1); x++) {
        eng_date_month_format(x, buf);
        assert_int_equal(eng_date_month_parse(buf, &m), 0);
        assert_int_equal(m, x);
    }
}

/* The entry rate of a month: per_month times the season times (1 + growth)^(months since the start
 * / 12), checked against the formula by hand and summed over a year as a geometric series. */
static void test_entry_rate_growth(void **state)
{
    (void)state;
    ea_scenario_entries e;
    memset(&e, 0, sizeof e);
    e.per_month = 10;
    e.growth = 0.25;
    for (int m = 0; m < 12; m++)
        e.seasonality[m] = 1;
    e.seasonality[2] = 0.5;   /* March */
    int start = month(2023, 1);
    assert_abs(ea_scenario_entry_rate(&e, start, start), 10, 1e-12);
    assert_abs(ea_scenario_entry_rate(&e, start, start + 12), 12.5, 1e-12);
    assert_abs(ea_scenario_entry_rate(&e, start, start + 6), 10 * sqrt(1.25), 1e-12);
    assert_abs(ea_scenario_entry_rate(&e, start, month(2023, 3)), 0.5 * 10 * pow(1.25, 2 / 12.0),
               1e-12);
    e.seasonality[2] = 1;
    double year = 0;
    for (int k = 0; k < 12; k++)
        year += ea_scenario_entry_rate(&e, start, start + k);
    assert_abs(year, 10 * (1.25 - 1) / (pow(1.25, 1 / 12.0) - 1), 1e-9);
    /* Without growth, the schedule's rate as it is. */
    e.growth = 0;
    assert_abs(ea_scenario_entry_rate(&e, start, start + 30), 10, 0);
}

/* growth is read, shared or per department, and refused with a schedule or out of its bounds. */
static void test_growth_keys(void **state)
{
    (void)state;
    eng_error err;
    ea_scenario sc;
    eng_ini *ini = eng_ini_load(DATA "scn_minimal.ini", &err);
    assert_non_null(ini);
    assert_int_equal(eng_ini_set(ini, "entries", "growth", "0.3", &err), ENG_OK);
    assert_int_equal(eng_ini_set(ini, "platform", "entries_before_start", "650", &err), ENG_OK);
    assert_int_equal(ea_scenario_from_ini(ini, &sc, &err), ENG_OK);
    assert_abs(sc.departments[0].entries.growth, 0.3, 0);
    assert_int_equal(sc.departments[0].entries_before_start, 650);
    ea_scenario_clear(&sc);
    assert_int_equal(eng_ini_set(ini, "platform", "growth", "-0.2", &err), ENG_OK);
    assert_int_equal(ea_scenario_from_ini(ini, &sc, &err), ENG_OK);
    assert_abs(sc.departments[0].entries.growth, -0.2, 0);
    assert_true(sc.departments[0].overrides & EA_OVR_GROWTH);
    ea_scenario_clear(&sc);
    assert_int_equal(eng_ini_set(ini, "platform", "growth", "12", &err), ENG_OK);
    assert_int_equal(ea_scenario_from_ini(ini, &sc, &err), ENG_EINPUT);
    assert_contains(err.msg, "growth");
    assert_int_equal(eng_ini_set(ini, "platform", "growth", "0.1", &err), ENG_OK);
    assert_int_equal(eng_ini_set(ini, "entries", "schedule", "2023:5", &err), ENG_OK);
    assert_int_equal(ea_scenario_from_ini(ini, &sc, &err), ENG_EINPUT);
    assert_contains(err.msg, "[entries] clé « growth » : growth et schedule ne vont pas "
                             "ensemble");
    /* The shared growth back to 0: the platform's own growth meets the shared schedule. */
    assert_int_equal(eng_ini_set(ini, "entries", "growth", "0", &err), ENG_OK);
    assert_int_equal(ea_scenario_from_ini(ini, &sc, &err), ENG_EINPUT);
    assert_contains(err.msg, "[platform] clé « growth » : growth et schedule ne vont pas "
                             "ensemble");
    eng_msg_set_lang(ENG_MSG_EN);
    assert_int_equal(ea_scenario_from_ini(ini, &sc, &err), ENG_EINPUT);
    eng_msg_set_lang(ENG_MSG_FR);
    assert_contains(err.msg, "growth and schedule do not go together");
    eng_ini_free(ini);
}

static void test_schedule_at(void **state)
{
    (void)state;
    ea_scenario_step steps[] = { { 10, 1.5 }, { 20, 2.5 }, { 30, 0 } };
    ea_scenario_schedule s = { steps, 3 };
    assert_abs(ea_scenario_schedule_at(&s, 9, 7), 7, 0);
    assert_abs(ea_scenario_schedule_at(&s, 10, 7), 1.5, 0);
    assert_abs(ea_scenario_schedule_at(&s, 19, 7), 1.5, 0);
    assert_abs(ea_scenario_schedule_at(&s, 20, 7), 2.5, 0);
    assert_abs(ea_scenario_schedule_at(&s, 29, 7), 2.5, 0);
    assert_abs(ea_scenario_schedule_at(&s, 30, 7), 0, 0);
    assert_abs(ea_scenario_schedule_at(&s, 1000, 7), 0, 0);
    ea_scenario_schedule one = { steps + 1, 1 };
    assert_abs(ea_scenario_schedule_at(&one, 19, -1), -1, 0);
    assert_abs(ea_scenario_schedule_at(&one, 20, -1), 2.5, 0);
    ea_scenario_schedule empty = { NULL, 0 };
    assert_abs(ea_scenario_schedule_at(&empty, 20, 4), 4, 0);
}

/* A run's replications and seed replace the file's only when given (> 0, >= 0). */
/* The area: as written, read empty as absent (run.ini writes `area =` when none was given), and
 * « Région » for people when absent; an empty name is the file's. */
static void test_area(void **state)
{
    (void)state;
    static const char base[] = "start = 2022-01\nmonths = 12\n[entries]\nper_month = 2\n"
                               "[exits]\nreasons = autre\n[module.evaluation]\n"
                               "duration = exponential(mean=2)\nnext = exit.autre:1\n"
                               "[platform]\nplaces = 10\n";
    static const char *const heads[] = { "[scenario]\narea = France\n", "[scenario]\narea =\nname =\n",
                                         "[scenario]\n" };
    static const char *const want[] = { "France", "Région", "Région" };
    for (int i = 0; i < 3; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s%s", heads[i], base);
        ea_scenario sc;
        fixture_load(text, &sc);
        assert_string_equal(ea_scenario_area_label(&sc), want[i]);
        assert_true(sc.name[0] != '\0');
        /* No placeholder: nothing said. */
        char said[64] = "";
        FILE *w = fmemopen(said, sizeof said, "w");
        ea_scenario_warn_placeholders(&sc, w);
        fclose(w);
        assert_string_equal(said, "");
        ea_scenario_clear(&sc);
    }
}

static void test_set_run(void **state)
{
    (void)state;
    ea_scenario sc = { .replications = 200, .seed = 2022 };
    ea_scenario_set_run(&sc, 0, -1);
    assert_int_equal(sc.replications, 200);
    assert_int_equal(sc.seed, 2022);
    ea_scenario_set_run(&sc, 30, 0);
    assert_int_equal(sc.replications, 30);
    assert_int_equal(sc.seed, 0);
    ea_scenario_set_run(&sc, -5, 7);
    assert_int_equal(sc.replications, 30);
    assert_int_equal(sc.seed, 7);
}

/* The warning of a scenario that counts support hours at direct_share 1: given for the demo with
 * its share set back to 1 (in French, then in English), not for the demo as shipped (0.5), nor
 * for a scenario whose modules have no intensity. */
static void test_direct_share_warning(void **state)
{
    (void)state;
    ea_scenario sc;
    char *text = NULL;
    size_t size = 0;
    load_ok("scenarios/occitanie-2022.ini", &sc);
    FILE *f = open_memstream(&text, &size);
    ea_scenario_warn_direct_share(&sc, f);
    fflush(f);
    assert_int_equal((int)size, 0);
    sc.direct_share = 1;
    ea_scenario_warn_direct_share(&sc, f);
    eng_msg_set_lang(ENG_MSG_EN);
    ea_scenario_warn_direct_share(&sc, f);
    eng_msg_set_lang(ENG_MSG_FR);
    fclose(f);
    assert_non_null(strstr(text, "eaflow : attention : scenarios/occitanie-2022.ini : "
                                 "staff.direct_share vaut 1 (sa valeur quand la clé manque) : les "
                                 "ETP nécessaires comptent alors tout le temps des conseillers"));
    assert_non_null(strstr(text, "eaflow: warning: scenarios/occitanie-2022.ini: "
                                 "staff.direct_share is 1"));
    free(text);
    ea_scenario_clear(&sc);
    load_ok("scenarios/mmc.ini", &sc);
    assert_true(sc.direct_share == 1 && !ea_scenario_has_hours(&sc));
    text = NULL;
    f = open_memstream(&text, &size);
    ea_scenario_warn_direct_share(&sc, f);
    fclose(f);
    assert_int_equal((int)size, 0);
    free(text);
    ea_scenario_clear(&sc);
}

/* The shares of entrants that end in each reason, by hand: evaluation leads to projet (0.6) or
 * out by a (0.4), projet to recherche (0.5) or out by b (0.5), recherche back to projet (0.2) or
 * out by a (0.8). From projet, b = 0.5 + 0.5 x 0.2 x b, so b = 5/9 and a = 4/9; from evaluation,
 * a = 0.4 + 0.6 x 4/9 = 2/3 and b = 0.6 x 5/9 = 1/3. Entering half in each: their means. */
static void test_exit_shares(void **state)
{
    (void)state;
    ea_scenario sc;
    memset(&sc, 0, sizeof sc);
    sc.nreasons = 2;
    enum { EV, PR, RE };
    sc.modules[EV].next[PR] = 0.6;
    sc.modules[EV].next[EA_NMODULES + 0] = 0.4;
    sc.modules[PR].next[RE] = 0.5;
    sc.modules[PR].next[EA_NMODULES + 1] = 0.5;
    sc.modules[RE].next[PR] = 0.2;
    sc.modules[RE].next[EA_NMODULES + 0] = 0.8;
    double share[EA_MAX_REASONS];
    const double from_evaluation[EA_NMODULES] = { 1, 0, 0, 0 };
    ea_scenario_exit_shares(&sc, from_evaluation, share);
    assert_true(fabs(share[0] - 2.0 / 3.0) < 1e-12);
    assert_true(fabs(share[1] - 1.0 / 3.0) < 1e-12);
    const double half[EA_NMODULES] = { 0.5, 0.5, 0, 0 };
    ea_scenario_exit_shares(&sc, half, share);
    assert_true(fabs(share[0] - (2.0 / 3.0 + 4.0 / 9.0) / 2) < 1e-12);
    assert_true(fabs(share[1] - (1.0 / 3.0 + 5.0 / 9.0) / 2) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_scenario),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_stationary_initial_mix),
        cmocka_unit_test(test_in_memory_override),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_schedule_at),
        cmocka_unit_test(test_entry_rate_growth),
        cmocka_unit_test(test_growth_keys),
        cmocka_unit_test(test_area),
        cmocka_unit_test(test_set_run),
        cmocka_unit_test(test_direct_share_warning),
        cmocka_unit_test(test_exit_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
