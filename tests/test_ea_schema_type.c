/* test_ea_schema_type.c — Every type of value parses what it writes: sample texts are parsed,
 * written in the canonical form given here by hand, and that form parses back to the same value;
 * the descriptions give the ranges of the key list, and bad values the messages that name them. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>

#include "engine/eng_msg.h"
#include "models/ea_scenario.h"
#include "models/ea_schema.h"
#include "models/ea_schema_type.h"

/* The first key of the schema of a type: its row gives the range the type is checked against. */
static const ea_schema_key *key_of(ea_schema_type type)
{
    for (int i = 0; i < ea_schema_nkeys; i++)
        if (ea_schema_keys[i].type == type)
            return &ea_schema_keys[i];
    fail_msg("no key of type %d", (int)type);
    return NULL;
}

/* A scenario to read values into: evaluation and projet defined, reasons autre and emploi. */
static void context(ea_scenario *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->modules[EA_EVALUATION].defined = 1;
    sc->modules[EA_PROJET].defined = 1;
    sc->nreasons = 2;
    strcpy(sc->reasons[0], "autre");
    strcpy(sc->reasons[1], "emploi");
}

/* Room for a value of any type. */
typedef union value {
    char text[EA_MAX_TEXT];
    int i;
    unsigned long seed;
    double x, v[EA_MAX_TARGETS];
    ea_scenario_schedule schedule;
    eng_dist dist;
} value;

static void release(ea_schema_type type, value *v)
{
    if (type == EA_TYPE_RATES || type == EA_TYPE_PLACES)
        free(v->schedule.steps);
    else if (type == EA_TYPE_DIST || type == EA_TYPE_DURATION)
        eng_dist_clear(&v->dist);
}

static int parse(ea_schema_type type, const char *text, value *v, ea_scenario *sc, eng_error *err)
{
    memset(v, 0, sizeof *v);
    ea_schema_type_at at = { "t.ini", "sec", 4, NULL, sc, err };
    return ea_schema_type_parse(key_of(type), text, v, &at);
}

static char *write(ea_schema_type type, const value *v, const ea_scenario *sc, int quote)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    eng_error err = {""};
    ea_schema_type_out out = { f, "sec", quote, &err };
    int status = ea_schema_type_write(key_of(type), v, sc, &out);
    fclose(f);
    if (status != ENG_OK)
        fail_msg("%s", err.msg);
    return text;
}

/* The value iniparser gives for a written text: without the quotes around it. */
static const char *unquoted(char *text)
{
    size_t n = strlen(text);
    if (n >= 2 && (text[0] == '"' || text[0] == '\'') && text[n - 1] == text[0]) {
        text[n - 1] = '\0';
        return text + 1;
    }
    return text;
}

static void test_round_trip(void **state)
{
    (void)state;
    static const struct {
        ea_schema_type type;
        const char *text, *canonical;
    } cases[] = {
        {EA_TYPE_TEXT, "Occitanie 2022", "Occitanie 2022"},
        {EA_TYPE_TEXT, "Plateforme #1", "\"Plateforme #1\""},
        {EA_TYPE_TEXT, "\"Haute\"-Garonne", "'\"Haute\"-Garonne'"},
        {EA_TYPE_MONTH, " 2022-03 ", "2022-03"},
        {EA_TYPE_INT, "1200", "1200"},
        {EA_TYPE_SEED, "9007199254740993", "9007199254740993"},
        {EA_TYPE_REAL, "1e-1", "0.1"},
        {EA_TYPE_REAL, "4300.50", "4300.5"},
        {EA_TYPE_CHOICE, " STAFF ", "staff"},
        {EA_TYPE_SEASONALITY, "1,1,1,1,1,1,0.5,0.5,1,1.2,1.2,1.40",
         "1, 1, 1, 1, 1, 1, 0.5, 0.5, 1, 1.2, 1.2, 1.4"},
        {EA_TYPE_RATES, "2023:5, 2024-06:7.25", "2023-01:5, 2024-06:7.25"},
        {EA_TYPE_RATES, " ", ""},
        {EA_TYPE_PLACES, "2022-07:40,2023:45", "2022-07:40, 2023-01:45"},
        {EA_TYPE_MIX, "projet:0.25, Evaluation:0.75", "evaluation:0.75, projet:0.25"},
        {EA_TYPE_DIST, "none", "none"},
        {EA_TYPE_DIST, "gamma(mean=6, sd=3)", "gamma(mean=6, sd=3)"},
        {EA_TYPE_DURATION, "exponential(mean=3)", "exponential(mean=3)"},
        {EA_TYPE_ROUTING, "exit.emploi:0.5, projet:0.25, exit.autre:0.25",
         "projet:0.25, exit.autre:0.25, exit.emploi:0.5"},
        {EA_TYPE_REASONS, "autre,emploi", "autre, emploi"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ea_schema_type type = cases[i].type;
        ea_scenario sc;
        context(&sc);
        value a, b;
        eng_error err = {""};
        if (parse(type, cases[i].text, &a, &sc, &err) != ENG_OK)
            fail_msg("\"%s\": %s", cases[i].text, err.msg);
        char *first = write(type, &a, &sc, 0);
        assert_string_equal(first, cases[i].canonical);
        char *second = NULL;
        if (parse(type, unquoted(first), &b, &sc, &err) != ENG_OK)
            fail_msg("\"%s\" written, then: %s", cases[i].canonical, err.msg);
        second = write(type, &b, &sc, 0);
        assert_string_equal(second, cases[i].canonical);
        if (type == EA_TYPE_RATES || type == EA_TYPE_PLACES) {
            assert_int_equal(a.schedule.n, b.schedule.n);
            for (int s = 0; s < a.schedule.n; s++) {
                assert_int_equal(a.schedule.steps[s].month, b.schedule.steps[s].month);
                assert_true(a.schedule.steps[s].value == b.schedule.steps[s].value);
            }
        } else if (type != EA_TYPE_DIST && type != EA_TYPE_DURATION) {
            assert_memory_equal(&a, &b, sizeof a);
        }
        free(first);
        free(second);
        release(type, &a);
        release(type, &b);
    }
}

/* A text can be quoted on request; quoting keeps the same value. */
static void test_quote(void **state)
{
    (void)state;
    ea_scenario sc;
    context(&sc);
    value v;
    eng_error err = {""};
    assert_int_equal(parse(EA_TYPE_TEXT, "Fitted from it's.csv", &v, &sc, &err), ENG_OK);
    char *text = write(EA_TYPE_TEXT, &v, &sc, 1);
    assert_string_equal(text, "\"Fitted from it's.csv\"");
    free(text);
    assert_int_equal(parse(EA_TYPE_TEXT, "say \"hi\"", &v, &sc, &err), ENG_OK);
    text = write(EA_TYPE_TEXT, &v, &sc, 1);
    assert_string_equal(text, "'say \"hi\"'");
    free(text);
}

static void test_descriptions(void **state)
{
    (void)state;
    char buf[256];
    /* The key list's ranges are for people, with French numbers in French; a message's bounds are
     * written as the scenario file writes numbers. */
    const ea_schema_key *hours = ea_schema_find(EA_SEC_STAFF, "hours_per_fte_month");
    ea_schema_type_range(hours, buf, sizeof buf);
    assert_string_equal(buf, "> 0 et <= 744");
    ea_schema_type_expected(hours, buf, sizeof buf);
    assert_string_equal(buf, "un réel, > 0 et <= 744");
    const ea_schema_key *months = ea_schema_find(EA_SEC_SCENARIO, "months");
    ea_schema_type_range(months, buf, sizeof buf);
    assert_string_equal(buf, "1 à 1 200");
    ea_schema_type_expected(months, buf, sizeof buf);
    assert_string_equal(buf, "un entier, 1 à 1200");
    const ea_schema_key *places = ea_schema_find(EA_SEC_DEPARTMENT, "places_schedule");
    ea_schema_type_range(places, buf, sizeof buf);
    assert_string_equal(buf, "valeurs de 0 à 1 000 000, mois croissants");
    ea_schema_type_range(key_of(EA_TYPE_CHOICE), buf, sizeof buf);
    assert_string_equal(buf, "places, staff");
    ea_schema_type_expected(key_of(EA_TYPE_CHOICE), buf, sizeof buf);
    assert_string_equal(buf, "l'une de places, staff");
    ea_schema_type_range(key_of(EA_TYPE_DURATION), buf, sizeof buf);
    assert_string_equal(buf, "exponential, gamma, lognormal, weibull, fixed, empirical ; moyenne de "
                             "0,03 à 1 200");
    ea_schema_type_range(key_of(EA_TYPE_SEED), buf, sizeof buf);
    assert_string_equal(buf, "0 à 9 223 372 036 854 775 807");
    assert_string_equal(ea_schema_type_name(EA_TYPE_ROUTING), "orientation");
    /* In English, the key list as it always was. */
    eng_msg_set_lang(ENG_MSG_EN);
    ea_schema_type_range(hours, buf, sizeof buf);
    assert_string_equal(buf, "> 0 and <= 744");
    ea_schema_type_range(months, buf, sizeof buf);
    assert_string_equal(buf, "1 to 1200");
    ea_schema_type_range(places, buf, sizeof buf);
    assert_string_equal(buf, "values 0 to 1000000, months increasing");
    ea_schema_type_range(key_of(EA_TYPE_DURATION), buf, sizeof buf);
    assert_string_equal(buf, "exponential, gamma, lognormal, weibull, fixed, empirical; mean 0.03 to "
                             "1200");
    ea_schema_type_range(key_of(EA_TYPE_SEED), buf, sizeof buf);
    assert_string_equal(buf, "0 to 9223372036854775807");
    assert_string_equal(ea_schema_type_name(EA_TYPE_ROUTING), "routing");
    eng_msg_set_lang(ENG_MSG_FR);
    /* Every type has a name, a range and an expectation. */
    for (int t = 0; t < EA_NTYPES; t++) {
        const ea_schema_key *k = key_of((ea_schema_type)t);
        assert_true(strlen(ea_schema_type_name((ea_schema_type)t)) > 0);
        ea_schema_type_range(k, buf, sizeof buf);
        assert_true(strlen(buf) > 0);
        ea_schema_type_expected(k, buf, sizeof buf);
        assert_true(strlen(buf) > 0);
    }
}

static void test_bad_values(void **state)
{
    (void)state;
    static const struct {
        ea_schema_type type;
        const char *text, *message;
    } cases[] = {
        {EA_TYPE_INT, "3000000000", "t.ini, ligne 4, [sec] clé « months » : 3000000000 est hors des "
                                    "bornes ; attendu un entier, 1 à 1200, au plus 2147483647"},
        {EA_TYPE_REAL, "-1", "t.ini, ligne 4, [sec] clé « cost_per_place » : -1 est hors des "
                             "bornes ; attendu un réel, 0 à 1000000"},
        {EA_TYPE_MIX, "maintien:1", "t.ini, ligne 4, [sec] clé « mix » : le module maintien n'a pas "
                                    "de section [module.maintien] ; attendu des modules définis "
                                    "dans ce fichier : evaluation, projet"},
        {EA_TYPE_ROUTING, "exit.emplo:1", "t.ini, ligne 4, [sec] clé « next » : motif de sortie inconnu "
                                          "emplo (vouliez-vous dire exit.emploi ?)"},
        {EA_TYPE_RATES, "2023:1, 2022:2", "t.ini, ligne 4, [sec] clé « schedule » : 2022 ne vient pas "
                                          "après 2023-01 ; attendu des éléments AAAA-MM:taux ou "
                                          "AAAA:taux séparés par des virgules, mois croissants, "
                                          "taux 0 à 100000"},
        /* A decimal comma, as a French spreadsheet writes it: the message says to write a point,
         * and why (lists use the comma). */
        {EA_TYPE_REAL, "4300,5", "t.ini, ligne 4, [sec] clé « cost_per_place » : « 4300,5 » n'est "
                                 "pas un nombre ; écrivez 4300.5 avec un point décimal (la virgule "
                                 "sépare les éléments d'une liste)"},
        {EA_TYPE_REAL, " -0,25 ", "t.ini, ligne 4, [sec] clé « cost_per_place » : «  -0,25  » "
                                  "n'est pas un nombre ; écrivez -0.25 avec un point décimal (la "
                                  "virgule sépare les éléments d'une liste)"},
        {EA_TYPE_MIX, "evaluation:0,80, projet:0,20", "t.ini, ligne 4, [sec] clé « mix » : "
                                                      "« evaluation:0,80 » : écrivez "
                                                      "evaluation:0.80 avec un point décimal (la "
                                                      "virgule sépare les éléments d'une liste)"},
        {EA_TYPE_ROUTING, "projet:1, exit.emploi:0,5", "t.ini, ligne 4, [sec] clé « next » : "
                                                       "« exit.emploi:0,5 » : écrivez "
                                                       "exit.emploi:0.5 avec un point décimal (la "
                                                       "virgule sépare les éléments d'une liste)"},
        {EA_TYPE_RATES, "2022:1,5", "t.ini, ligne 4, [sec] clé « schedule » : « 2022:1,5 » : "
                                    "écrivez 2022:1.5 avec un point décimal (la virgule sépare les "
                                    "éléments d'une liste)"},
        {EA_TYPE_REASONS, "a, a", "t.ini, ligne 4, [sec] clé « reasons » : motif a donné deux fois ; "
                                  "attendu 1 à 16 noms distincts faits de a-z, 0-9 et _, séparés "
                                  "par des virgules"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ea_scenario sc;
        context(&sc);
        value v;
        eng_error err = {""};
        assert_int_equal(parse(cases[i].type, cases[i].text, &v, &sc, &err), ENG_EINPUT);
        assert_string_equal(err.msg, cases[i].message);
    }
    /* Twelve multipliers, two of them written with a decimal comma, read as fourteen values. */
    ea_scenario sc0;
    context(&sc0);
    value v0;
    eng_error err0 = {""};
    assert_int_equal(parse(EA_TYPE_SEASONALITY, "1,1, 0,9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1", &v0, &sc0,
                           &err0), ENG_EINPUT);
    assert_non_null(strstr(err0.msg, "t.ini, ligne 4, [sec] clé « seasonality » : 14 valeurs données ;"));
    assert_non_null(strstr(err0.msg, " ; si « 1,1 » est un nombre, écrivez 1.1 avec un point décimal "
                                     "(la virgule sépare les éléments d'une liste)"));
    /* Written with points, the same list has no such hint. */
    assert_int_equal(parse(EA_TYPE_SEASONALITY, "1.1, 0.9, 1, 1", &v0, &sc0, &err0), ENG_EINPUT);
    assert_null(strstr(err0.msg, "point décimal"));
    /* A default that does not fit says so. */
    ea_scenario sc;
    context(&sc);
    sc.modules[EA_EVALUATION].defined = 0;
    value v;
    eng_error err = {""};
    ea_schema_type_at at = { "t.ini", "entries", 0, "evaluation:1", &sc, &err };
    assert_int_equal(ea_schema_type_parse(key_of(EA_TYPE_MIX), "evaluation:1", &v, &at),
                     ENG_EINPUT);
    assert_string_equal(err.msg, "t.ini, [entries] clé « mix » : absente, et sa valeur par défaut "
                                 "« evaluation:1 » ne convient pas à ce fichier : le module "
                                 "evaluation n'a pas de section [module.evaluation] ; attendu des "
                                 "modules définis dans ce fichier : projet");
}

/* Every law's mean is bounded, whatever its parameters: a module lasts 0.03 month (about a day)
 * to 1 200 months on average, and a patience at most 1 200 months. The means by hand: gamma and
 * lognormal are given theirs, weibull(1, L) is exponential of mean L, empirical the average. */
static void test_mean_bounds(void **state)
{
    (void)state;
    static const char *const short_or_long[] = {
        "exponential(mean=0.029)", "gamma(mean=0.01, sd=0.01)", "lognormal(mean=0.02, sd=1)",
        "weibull(shape=1, scale=0.02)", "fixed(0.02)", "empirical(0.01, 0.03)", "fixed(1e-9)",
        "fixed(1200.5)", "empirical(0, 2401)", "exponential(mean=1e300)"};
    static const char *const within[] = {"fixed(0.03)", "exponential(mean=1200)",
                                         "empirical(0, 2400)", "weibull(shape=1, scale=0.03)",
                                         "empirical(0, 0.06)"};
    ea_scenario sc;
    context(&sc);
    value v;
    eng_error err = {""};
    for (size_t i = 0; i < sizeof short_or_long / sizeof short_or_long[0]; i++) {
        if (parse(EA_TYPE_DURATION, short_or_long[i], &v, &sc, &err) != ENG_EINPUT)
            fail_msg("%s accepted as a duration", short_or_long[i]);
        if (!strstr(err.msg, "hors des bornes ; attendu une moyenne de 0.03 à 1200 mois"))
            fail_msg("%s: %s", short_or_long[i], err.msg);
    }
    for (size_t i = 0; i < sizeof within / sizeof within[0]; i++) {
        if (parse(EA_TYPE_DURATION, within[i], &v, &sc, &err) != ENG_OK)
            fail_msg("%s: %s", within[i], err.msg);
        release(EA_TYPE_DURATION, &v);
    }
    assert_int_equal(parse(EA_TYPE_DIST, "fixed(1201)", &v, &sc, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "t.ini, ligne 4, [sec] clé « patience » : la moyenne vaut 1201 mois, "
                                 "hors des bornes ; attendu une moyenne de 0 à 1200 mois : au plus "
                                 "un siècle");
    static const char *const patience[] = {"none", "fixed(0)", "exponential(mean=1200)"};
    for (size_t i = 0; i < sizeof patience / sizeof patience[0]; i++) {
        if (parse(EA_TYPE_DIST, patience[i], &v, &sc, &err) != ENG_OK)
            fail_msg("%s: %s", patience[i], err.msg);
        release(EA_TYPE_DIST, &v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_quote),
        cmocka_unit_test(test_descriptions),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_mean_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
