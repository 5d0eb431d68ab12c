/* test_ea_schema.c — The scenario's key table: look-ups, the Markdown key list, every default
 * written in the form the writer gives back, and the messages about unknown keys. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>

#include "engine/eng_msg.h"
#include "models/ea_scenario.h"
#include "models/ea_schema.h"
#include "models/ea_schema_type.h"

static void assert_contains(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("\"%s\" does not contain \"%s\"", text, part);
}

static void test_find(void **state)
{
    (void)state;
    const ea_schema_key *k = ea_schema_find(EA_SEC_ENTRIES, "per_month");
    assert_non_null(k);
    assert_int_equal(k->type, EA_TYPE_REAL);
    assert_string_equal(k->def, "0");
    assert_null(ea_schema_find(EA_SEC_ENTRIES, "places"));
    assert_null(ea_schema_find(EA_SEC_ENTRIES, "Per_month"));
    k = ea_schema_find(EA_SEC_DEPT_MODULE, "next");
    assert_non_null(k);
    assert_true(k->flags & EA_SCHEMA_IF_OVERRIDDEN);
    assert_int_equal(k->ovr, EA_OVR_NEXT);
    assert_string_equal(ea_schema_pattern(EA_SEC_DEPARTMENT), "[department.CODE] ou [platform]");
    /* Keys come grouped by section, in the order of the sections. */
    for (int i = 1; i < ea_schema_nkeys; i++)
        assert_true(ea_schema_keys[i - 1].section <= ea_schema_keys[i].section);
}

/* The key list of one language, as ea_schema_write_markdown writes it (to free). */
static char *keys_markdown(eng_msg_lang lang)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    eng_msg_set_lang(lang);
    ea_schema_write_markdown(f);
    eng_msg_set_lang(ENG_MSG_FR);
    fclose(f);
    return text;
}

static void test_keys_markdown(void **state)
{
    (void)state;
    char *text = keys_markdown(ENG_MSG_FR);
    const char *header = "| Section | Clé | Type | Unité | Par défaut | Bornes | Description |\n"
                         "| --- | --- | --- | --- | --- | --- | --- |\n";
    assert_true(strlen(text) > strlen(header) && strncmp(text, header, strlen(header)) == 0);
    assert_contains(text, "| `[scenario]` | `start` | mois civil |  | obligatoire | AAAA-MM | "
                          "Premier mois simulé, AAAA-MM |");
    assert_contains(text, "| `[scenario]` | `months` | entier | mois | obligatoire | 1 à 1 200 |");
    assert_contains(text, "| `[entries]` | `per_month` | réel | personnes/mois | `0` | 0 à 100 000 |");
    assert_contains(text, "| `[staff]` | `hours_per_fte_month` | réel | heures/ETP/mois | `134` "
                          "| > 0 et <= 744 |");
    assert_contains(text, "| `[staff]` | `direct_share` | réel | part | `1` | > 0 et <= 1 |");
    assert_contains(text, "| `[module.NAME]` | `next` | orientation |");
    assert_contains(text, "| `[department.CODE]` ou `[platform]` | `initial_mix` | répartition | part "
                          "| les parts stationnaires du parcours |");
    /* One row per key, and one for [uncertainty]: count the rows. */
    int rows = 0;
    for (const char *p = text; (p = strchr(p, '\n')); p++)
        rows++;
    assert_int_equal(rows, 2 + 7 + 3 + 3 + 5 + 1 + 1 + 3 + 13 + 3 + 1);
    free(text);
    /* English on request, every French word of the list translated. */
    text = keys_markdown(ENG_MSG_EN);
    header = "| Section | Key | Type | Unit | Default | Range | Description |\n";
    assert_true(strncmp(text, header, strlen(header)) == 0);
    assert_contains(text, "| `[scenario]` | `start` | month |  | required | YYYY-MM | "
                          "First simulated month, YYYY-MM |");
    assert_contains(text, "| `[entries]` | `per_month` | real | persons/month | `0` | 0 to 100000 | "
                          "Mean referrals per month (Poisson rate) |");
    assert_contains(text, "| `[department.CODE]` or `[platform]` | `initial_mix` | mix | share "
                          "| the stationary shares of the pathway |");
    free(text);
}

/* The struct a key's offset is counted in. */
static void *base_of(const ea_schema_key *k, ea_scenario *sc, ea_scenario_department *d)
{
    switch (k->section) {
    case EA_SEC_ENTRIES:
        return &sc->entries;
    case EA_SEC_MODULE:
    case EA_SEC_DEPT_MODULE:
        return &sc->modules[EA_EVALUATION];
    case EA_SEC_DEPARTMENT:
        return d;
    default:
        return sc;
    }
}

/* A default that is a value (not derived) is written back exactly as the table gives it, so that
 * the key list shows what run.ini holds. */
static void test_defaults_canonical(void **state)
{
    (void)state;
    int checked = 0;
    for (int i = 0; i < ea_schema_nkeys; i++) {
        const ea_schema_key *k = &ea_schema_keys[i];
        if (!k->def || (k->flags & EA_SCHEMA_DERIVED))
            continue;
        ea_scenario sc;
        ea_scenario_department d;
        memset(&sc, 0, sizeof sc);
        memset(&d, 0, sizeof d);
        sc.modules[EA_EVALUATION].defined = 1;
        eng_error err = {""};
        ea_schema_type_at at = { "test.ini", "section", 0, NULL, &sc, &err };
        void *dest = (char *)base_of(k, &sc, &d) + k->offset;
        if (ea_schema_type_parse(k, k->def, dest, &at) != ENG_OK)
            fail_msg("%s: default \"%s\": %s", k->key, k->def, err.msg);
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        assert_non_null(f);
        ea_schema_type_out out = { f, "section", 0, &err };
        assert_int_equal(ea_schema_type_write(k, dest, &sc, &out), ENG_OK);
        fclose(f);
        if (strcmp(text, k->def) != 0)
            fail_msg("%s: default \"%s\" written as \"%s\"", k->key, k->def, text);
        free(text);
        ea_scenario_clear(&sc);
        free(d.places_schedule.steps);
        checked++;
    }
    /* replications, seed, the three of [budget], the three of [staff], the five of [entries],
     * patience, reasons, intensity, places_schedule, initial_file_active, fte, weight and
     * entries_before_start. */
    assert_int_equal(checked, 2 + 3 + 3 + 5 + 1 + 1 + 1 + 5);
}

static void test_unknown_key(void **state)
{
    (void)state;
    eng_error err = {""};
    assert_int_equal(ea_schema_unknown_key(&err, "s.ini", 9, EA_SEC_ENTRIES, "Entries", "per_mnth"),
                     ENG_EINPUT);
    assert_string_equal(err.msg, "s.ini, ligne 9, [Entries] clé « per_mnth » : clé inconnue "
                                 "(vouliez-vous dire per_month ?)");
    ea_schema_unknown_key(&err, "s.ini", 3, EA_SEC_SCENARIO, "scenario", "fte");
    assert_string_equal(err.msg, "s.ini, ligne 3, [scenario] clé « fte » : clé inconnue ici : elle "
                                 "va dans [department.CODE] ou [platform] (clés de [scenario] : "
                                 "name, area, placeholders, start, months, replications, seed)");
    ea_schema_unknown_key(&err, "s.ini", 0, EA_SEC_WAITING, "waiting", "zzz");
    assert_string_equal(err.msg, "s.ini, [waiting] clé « zzz » : clé inconnue ; attendu l'une de patience");
    ea_schema_error(&err, "s.ini", 0, "exits", NULL, "no %s", "reason");
    assert_string_equal(err.msg, "s.ini, [exits] : no reason");
}

static void test_closest(void **state)
{
    (void)state;
    static const char *const words[] = {"evaluation", "projet", "recherche", "maintien"};
    assert_string_equal(ea_schema_closest("projt", words, 4), "projet");
    /* Three edits in a word of nine letters, and a word contained in a candidate. */
    assert_string_equal(ea_schema_closest("rexhxrxhe", words, 4), "recherche");
    assert_string_equal(ea_schema_closest("eval", words, 4), "evaluation");
    assert_null(ea_schema_closest("formation", words, 4));
    char list[32] = "";
    ea_schema_list_add(list, sizeof list, "a");
    ea_schema_list_add(list, sizeof list, "b");
    assert_string_equal(list, "a, b");
}

/* Every number a scenario gives has a finite bound, which the key list shows: the domain's
 * bounds (10^5 entries a month, 10^6 places, ...) rather than "as large as the machine takes". */
static void test_every_number_bounded(void **state)
{
    (void)state;
    int numbers = 0;
    for (int i = 0; i < ea_schema_nkeys; i++) {
        const ea_schema_key *k = &ea_schema_keys[i];
        switch (k->type) {
        case EA_TYPE_INT: case EA_TYPE_REAL: case EA_TYPE_SEASONALITY: case EA_TYPE_RATES:
        case EA_TYPE_PLACES: case EA_TYPE_MIX: case EA_TYPE_DIST: case EA_TYPE_DURATION:
        case EA_TYPE_ROUTING:
            break;
        default:
            continue;
        }
        numbers++;
        /* Only a growth rate may be negative (entries that decline), and never to -100 %. */
        int negative = strcmp(k->key, "growth") == 0 && k->min > -1;
        if (!(isfinite(k->max) && k->max > 0 && (k->min >= 0 || negative) && k->min < k->max))
            fail_msg("[%s] %s: range %g to %g", ea_schema_pattern(k->section), k->key, k->min,
                     k->max);
        char range[128];
        ea_schema_type_range(k, range, sizeof range);
        /* "0 à 744", "> 0 et <= 744", or shares and probabilities "de somme 1". */
        if (!strstr(range, " à ") && !strstr(range, "<=") && !strstr(range, "de somme 1"))
            fail_msg("[%s] %s: the key list shows no bound: %s", ea_schema_pattern(k->section),
                     k->key, range);
    }
    /* [scenario] 2, [budget] 3, [staff] 2, [entries] 5, [waiting] 1, modules 3, departments 12,
     * their modules 3. */
    assert_int_equal(numbers, 2 + 3 + 2 + 5 + 1 + 3 + 12 + 3);
    /* The bounds of the keys, by hand. */
    assert_abs(ea_schema_find(EA_SEC_ENTRIES, "per_month")->max, 1e5, 0);
    assert_abs(ea_schema_find(EA_SEC_DEPARTMENT, "places")->max, 1e6, 0);
    assert_abs(ea_schema_find(EA_SEC_DEPARTMENT, "initial_file_active")->max, 1e6, 0);
    assert_abs(ea_schema_find(EA_SEC_SCENARIO, "replications")->max, 1e5, 0);
    assert_abs(ea_schema_find(EA_SEC_MODULE, "duration")->min, 0.03, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_keys_markdown),
        cmocka_unit_test(test_defaults_canonical),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_closest),
        cmocka_unit_test(test_every_number_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
