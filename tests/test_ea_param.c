/* test_ea_param.c — Scenario parameters by name: the names of sweep --vary and the parts of a
 * distribution or a share line, their current values, domains from the schema, and values set
 * (a share's line still sums to 1, the other shares in their proportions). */
#include "test_util.h"
#include "scenario_fixture.h"

#include <math.h>
#include <string.h>

#include "engine/eng_ini.h"
#include "engine/eng_msg.h"
#include "models/ea_param.h"

static const char *const text =
    "[scenario]\nstart = 2022-01\nmonths = 12\n"
    "[entries]\nper_month = 0\nmix = evaluation:0.8, recherche:0.2\n"
    "[department.31]\nplaces = 50\nentries_per_month = 4\n"
    "[department.32]\nplaces = 10\nentries_per_month = 1\n"
    "[module.evaluation]\nduration = gamma(mean=3, sd=1.5)\nnext = recherche:1\n"
    "[module.recherche]\nduration = gamma(mean=8, sd=4)\nintensity = 4\n"
    "next = exit.emploi_durable:0.4, exit.abandon:0.6\n";

static void parse_ok(const char *name, ea_param *p)
{
    eng_error err = { { 0 } };
    if (ea_param_parse(name, p, &err) != ENG_OK)
        fail_msg("%s: %s", name, err.msg);
}

static double get(const char *name, const ea_scenario *sc, int *spread)
{
    ea_param p;
    parse_ok(name, &p);
    double x;
    eng_error err = { { 0 } };
    if (ea_param_get(&p, sc, &x, spread, &err) != ENG_OK)
        fail_msg("%s: %s", name, err.msg);
    return x;
}

static void test_names_and_values(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    int spread = 0;
    assert_float_equal(get("department.31.entries_per_month", &sc, NULL), 4, 1e-12);
    /* defaults: the mean over the departments, which differ. */
    assert_float_equal(get("defaults.entries_per_month", &sc, &spread), 2.5, 1e-12);
    assert_int_equal(spread, 1);
    assert_float_equal(get("module.recherche.duration.mean", &sc, NULL), 8, 1e-12);
    assert_float_equal(get("module.recherche.duration.sd", &sc, NULL), 4, 1e-12);
    assert_float_equal(get("department.31.module.recherche.duration.mean", &sc, NULL), 8, 1e-12);
    assert_float_equal(get("module.recherche.next.exit.emploi_durable", &sc, NULL), 0.4, 1e-12);
    assert_float_equal(get("entries.mix.recherche", &sc, NULL), 0.2, 1e-12);
    ea_scenario_clear(&sc);
}

static void test_domains(void **state)
{
    (void)state;
    ea_param p;
    double lo, hi;
    int open;
    parse_ok("module.recherche.next.exit.emploi_durable", &p);
    ea_param_domain(&p, &lo, &hi, &open);
    assert_true(lo == 0 && hi == 1 && !open);
    parse_ok("module.recherche.duration.sd", &p);
    ea_param_domain(&p, &lo, &hi, &open);
    assert_true(lo == 0 && open);
    assert_false(ea_param_in_domain(&p, 0));
    parse_ok("defaults.entries_per_month", &p);
    ea_param_domain(&p, &lo, &hi, &open);
    assert_true(lo == 0 && hi > 1000);
    assert_false(ea_param_in_domain(&p, -1));
}

static void test_set(void **state)
{
    (void)state;
    const char *path = fixture_file(text);
    eng_error err = { { 0 } };
    eng_ini *ini = eng_ini_load(path, &err);
    assert_non_null(ini);
    ea_param p[4];
    parse_ok("module.recherche.next.exit.emploi_durable", &p[0]);
    parse_ok("module.recherche.duration.mean", &p[1]);
    parse_ok("module.recherche.duration.sd", &p[2]);
    parse_ok("defaults.entries_per_month", &p[3]);
    const double x[4] = { 0.7, 10, 2, 3 };
    ea_scenario sc;
    if (ea_param_apply(p, 4, x, ini, &sc, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    const ea_scenario_module *m = &sc.modules[EA_RECHERCHE];
    int emploi = EA_NMODULES + ea_scenario_reason(&sc, "emploi_durable");
    int abandon = EA_NMODULES + ea_scenario_reason(&sc, "abandon");
    /* 0.7 set, the rest (0.3) all to abandon, the only other share. */
    assert_float_equal(m->next[emploi], 0.7, 1e-12);
    assert_float_equal(m->next[abandon], 0.3, 1e-12);
    /* Mean and sd of one duration combine. */
    assert_float_equal(eng_dist_mean(&m->duration), 10, 1e-9);
    assert_float_equal(eng_dist_sd(&m->duration), 2, 1e-9);
    for (int d = 0; d < sc.ndepartments; d++)
        assert_float_equal(sc.departments[d].entries.per_month, 3, 1e-12);
    ea_scenario_clear(&sc);
    /* Outside the domain: refused with the parameter's name. */
    const double bad = 1.5;
    assert_int_equal(ea_param_apply(p, 1, &bad, ini, &sc, &err), ENG_EINPUT);
    assert_substring(err.msg, "sort de son domaine");
    eng_ini_free(ini);
    remove(path);
}

/* Each kind of parameter named for people: the key's label, the part, where it applies. */
static void test_labels(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "module.recherche.duration.mean", "durée du module (moyenne) — recherche d'emploi" },
        { "department.31.entries_per_month", "prescriptions par mois — département 31" },
        { "defaults.entries_per_month", "prescriptions par mois — tous les départements" },
        { "module.recherche.next.exit.emploi_durable",
          "orientation à la fin du module (sortie emploi durable) — recherche d'emploi" },
        { "module.projet.next.recherche",
          "orientation à la fin du module (vers recherche d'emploi) — projet professionnel" },
        { "department.31.module.projet.intensity",
          "intensité de l'accompagnement — projet professionnel, département 31" },
        { "platform.entries_per_month", "prescriptions par mois" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ea_param p;
        eng_error err;
        char buf[256];
        assert_int_equal(ea_param_parse(cases[i][0], &p, &err), ENG_OK);
        assert_string_equal(ea_param_label(&p, buf, sizeof buf), cases[i][1]);
    }
}

static void test_errors(void **state)
{
    (void)state;
    ea_param p;
    eng_error err = { { 0 } };
    assert_int_equal(ea_param_parse("module.recherche.durée", &p, &err), ENG_EINPUT);
    assert_substring(err.msg, "clé inconnue");
    assert_int_equal(ea_param_parse("module.recherche.duration", &p, &err), ENG_EINPUT);
    assert_substring(err.msg, "dites quel paramètre");
    assert_int_equal(ea_param_parse("module.recherche.duration.median", &p, &err), ENG_EINPUT);
    assert_substring(err.msg, "paramètre de durée inconnu");
    assert_int_equal(ea_param_parse("scenario.start", &p, &err), ENG_EINPUT);
    assert_substring(err.msg, "n'est pas un nombre");
    eng_msg_set_lang(ENG_MSG_EN);
    assert_int_equal(ea_param_parse("module.recherche.duration.median", &p, &err), ENG_EINPUT);
    assert_substring(err.msg, "unknown duration parameter");
    eng_msg_set_lang(ENG_MSG_FR);
}

/* A shared key that every department sets itself changes nothing: the fixture's two departments
 * give their own entries_per_month, so entries.per_month is refused with the key to vary instead;
 * once one department takes the shared value, it counts again. The same for a module's duration
 * that every department sets in its own module section. */
static void test_no_effect(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    ea_param p;
    eng_error err = { { 0 } };
    double x;
    parse_ok("entries.per_month", &p);
    assert_int_equal(ea_param_get(&p, &sc, &x, NULL, &err), ENG_EINPUT);
    assert_substring(err.msg, "« entries.per_month » : sans effet, chaque département donne sa "
                              "propre valeur (entries_per_month) ; faites varier "
                              "defaults.entries_per_month");
    /* The entry mix is shared by both: it counts. */
    assert_float_equal(get("entries.mix.recherche", &sc, NULL), 0.2, 1e-12);
    ea_scenario_clear(&sc);
    fixture_load("[scenario]\nstart = 2022-01\nmonths = 12\n"
                 "[entries]\nper_month = 3\nmix = recherche:1\n"
                 "[department.31]\nplaces = 50\nentries_per_month = 4\n"
                 "[department.32]\nplaces = 10\n"
                 "[module.recherche]\nduration = gamma(mean=8, sd=4)\nnext = exit.autre:1\n"
                 "[department.31.module.recherche]\nduration = gamma(mean=6, sd=3)\n"
                 "[department.32.module.recherche]\nduration = gamma(mean=9, sd=3)\n", &sc);
    assert_float_equal(get("entries.per_month", &sc, NULL), 3, 1e-12);
    parse_ok("module.recherche.duration.mean", &p);
    assert_int_equal(ea_param_get(&p, &sc, &x, NULL, &err), ENG_EINPUT);
    assert_substring(err.msg, "faites varier department.CODE.module.recherche.duration.mean");
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_and_values),
        cmocka_unit_test(test_domains),
        cmocka_unit_test(test_set),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_no_effect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
