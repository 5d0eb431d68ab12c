/* test_ea_assumptions.c — The assumptions of a hand-written scenario: the verdict of each key from
 * its comment, the references cited, and the departments' keys split by hand into those that
 * differ (columns) and those shared by all. */
#include "test_util.h"
#include "test_proc.h"

#include <stdlib.h>
#include <string.h>

#include "models/ea_assumptions.h"
#include "scenario_assumptions.h"

TEST_DIR_GROUP("test_ea_assumptions")

/* The scenario, its file and its assumptions, loaded for a test. */
typedef struct loaded {
    ea_scenario sc;
    eng_ini *ini;
    ea_assumptions a;
} loaded;

static void load(loaded *l)
{
    const char *path = test_write(tmpdir, "essai.ini", scenario_assumptions_ini);
    eng_error err = { "" };
    if (ea_scenario_load(path, &l->sc, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    l->ini = eng_ini_load(path, &err);
    assert_non_null(l->ini);
    if (ea_assumptions_compute(&l->sc, l->ini, &l->a, &err) != ENG_OK)
        fail_msg("%s", err.msg);
}

static void unload(loaded *l)
{
    ea_assumptions_clear(&l->a);
    eng_ini_free(l->ini);
    ea_scenario_clear(&l->sc);
}

/* The row of `key` in the group of kind `kind` (module m for a module). */
static const ea_assumptions_row *row(const ea_assumptions *a, ea_schema_section kind, int m,
                                     const char *key)
{
    for (int g = 0; g < a->ngroups; g++)
        if (a->groups[g].kind == kind && a->groups[g].module == m)
            for (int r = 0; r < a->groups[g].nrows; r++)
                if (strcmp(a->groups[g].rows[r].key->key, key) == 0)
                    return &a->groups[g].rows[r];
    fail_msg("no row %s", key);
    return NULL;
}

static void test_verdicts_from_the_comments(void **state)
{
    (void)state;
    loaded l;
    load(&l);
    const ea_assumptions *a = &l.a;
    /* Six shared sections, then the two modules defined. */
    assert_int_equal(a->ngroups, 8);
    assert_int_equal(a->groups[1].kind, EA_SEC_BUDGET);
    assert_int_equal(a->groups[6].module, EA_EVALUATION);
    assert_int_equal(a->groups[7].module, EA_MAINTIEN);
    assert_string_equal(a->groups[0].note.comment, "Scénario d'essai [S2].");

    const ea_assumptions_row *r = row(a, EA_SEC_BUDGET, -1, "cost_per_place");
    assert_string_equal(r->key->label_fr, "financement d'une place");
    assert_int_equal(r->note.basis, EA_ASSUMPTIONS_SOURCE);
    assert_int_equal(r->note.nrefs, 1);
    assert_int_equal(r->note.refs[0], 1);
    assert_true(*(const double *)r->value == 4300);
    assert_int_equal(row(a, EA_SEC_BUDGET, -1, "delegated_share")->note.basis,
                     EA_ASSUMPTIONS_HYPOTHESIS);
    assert_int_equal(row(a, EA_SEC_BUDGET, -1, "staff_cost_per_fte")->note.basis,
                     EA_ASSUMPTIONS_DEFAULT);
    /* "hypothèse" in lower case, with a reference it builds on. */
    r = row(a, EA_SEC_ENTRIES, -1, "seasonality");
    assert_int_equal(r->note.basis, EA_ASSUMPTIONS_HYPOTHESIS);
    assert_int_equal(r->note.refs[0], 3);
    /* Given without a comment: an assumption; a name and the replications need no source. */
    assert_int_equal(row(a, EA_SEC_SCENARIO, -1, "start")->note.basis, EA_ASSUMPTIONS_HYPOTHESIS);
    assert_null(row(a, EA_SEC_SCENARIO, -1, "start")->note.comment);
    assert_int_equal(row(a, EA_SEC_SCENARIO, -1, "name")->note.basis, EA_ASSUMPTIONS_SETTING);
    assert_int_equal(row(a, EA_SEC_SCENARIO, -1, "replications")->note.basis,
                     EA_ASSUMPTIONS_SETTING);
    assert_int_equal(row(a, EA_SEC_MODULE, EA_EVALUATION, "intensity")->note.basis,
                     EA_ASSUMPTIONS_SOURCE);
    assert_int_equal(row(a, EA_SEC_MODULE, EA_MAINTIEN, "intensity")->note.basis,
                     EA_ASSUMPTIONS_DEFAULT);
    /* [S1] [S2] [S3] [S4] [S14], each once, ascending. */
    static const int cited[] = { 1, 2, 3, 4, 14 };
    assert_int_equal(a->ncited, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(a->cited[i], cited[i]);
    unload(&l);
}

/* By hand: name, places, initial_file_active (0, 4, 0) and entries_per_month (0,83, 0,83, 7,56)
 * differ; fte (1,5 everywhere) and initial_mix (derived, the same) are shared; places_schedule
 * (empty, given nowhere), seasonality, schedule and mix (inherited) and the module keys (given
 * nowhere) are left to their shared sections. */
static void test_departments_show_only_what_differs(void **state)
{
    (void)state;
    loaded l;
    load(&l);
    const ea_assumptions *a = &l.a;
    static const char *const columns[] = { "name", "places", "initial_file_active",
                                           "entries_per_month" };
    assert_int_equal(a->ncolumns, 4);
    for (int c = 0; c < 4; c++) {
        assert_string_equal(a->columns[c].key->key, columns[c]);
        assert_int_equal(a->columns[c].module, -1);
    }
    assert_int_equal(a->ncommon, 2);
    assert_string_equal(a->common[0].key->key, "initial_mix");
    assert_int_equal(a->common[0].note.basis, EA_ASSUMPTIONS_DEFAULT);
    assert_string_equal(a->common[1].key->key, "fte");
    assert_int_equal(a->common[1].note.basis, EA_ASSUMPTIONS_HYPOTHESIS);
    /* A column's note is that of the first department that comments the key. */
    assert_string_equal(a->columns[1].note.comment, "HYPOTHÈSE : au prorata.");
    assert_int_equal(a->columns[1].note.basis, EA_ASSUMPTIONS_HYPOTHESIS);
    assert_string_equal(a->columns[2].note.comment, "<script>alert(1)</script> [S4]");
    assert_int_equal(a->columns[2].note.basis, EA_ASSUMPTIONS_SOURCE);
    assert_int_equal(a->columns[3].note.basis, EA_ASSUMPTIONS_HYPOTHESIS);
    assert_string_equal(a->departments.comment, "Répartition [S1].");
    /* The header comment of another department than the first. */
    assert_int_equal(a->nextras, 1);
    assert_int_equal(a->extras[0].department, 2);
    assert_null(a->extras[0].key);
    assert_string_equal(a->extras[0].note.comment, "Haute-Garonne : la métropole.");
    const ea_schema_key *places = a->columns[1].key;
    assert_int_equal(*(const int *)ea_assumptions_department_value(&l.sc, places, 2, -1), 152);
    char text[64];
    ea_assumptions_value_text(&l.sc, places, ea_assumptions_department_value(&l.sc, places, 1,
                                                                             -1), text,
                              sizeof text);
    assert_string_equal(text, "10");
    unload(&l);
    ea_assumptions_clear(NULL);
}

/* Every department of scenario_assumptions.h gives entries_per_month, so the shared
 * [entries] per_month applies to none; none gives seasonality or a module's intensity. */
static void test_shared_value_replaced_everywhere(void **state)
{
    (void)state;
    loaded l;
    load(&l);
    assert_true(row(&l.a, EA_SEC_ENTRIES, -1, "per_month")->overridden);
    assert_false(row(&l.a, EA_SEC_ENTRIES, -1, "seasonality")->overridden);
    assert_false(row(&l.a, EA_SEC_ENTRIES, -1, "mix")->overridden);
    assert_false(row(&l.a, EA_SEC_MODULE, EA_EVALUATION, "intensity")->overridden);
    assert_false(row(&l.a, EA_SEC_BUDGET, -1, "cost_per_place")->overridden);
    unload(&l);
}

/* A value eaflow calibrate wrote says CALIBRÉ in its comment, whatever else the kept comment says
 * (HYPOTHÈSE); a note that a value is still « à calibrer » is no calibration. */
static void test_calibrated(void **state)
{
    (void)state;
    const char *path = test_write(tmpdir, "cal.ini",
        "[scenario]\nstart = 2022-01\nmonths = 12\n"
        "[entries]\n; HYPOTHÈSE d'origine.\n; CALIBRÉ par eaflow calibrate sur obs.csv : 143,3.\n"
        "per_month = 143.3\n; HYPOTHÈSE, à calibrer.\ngrowth = 0.2\n"
        "[module.evaluation]\nduration = exponential(mean=3)\nnext = exit.autre:1\n"
        "[platform]\nplaces = 10\n");
    loaded l;
    eng_error err = { "" };
    if (ea_scenario_load(path, &l.sc, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    l.ini = eng_ini_load(path, &err);
    assert_non_null(l.ini);
    if (ea_assumptions_compute(&l.sc, l.ini, &l.a, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(row(&l.a, EA_SEC_ENTRIES, -1, "per_month")->note.basis,
                     EA_ASSUMPTIONS_CALIBRATED);
    assert_int_equal(row(&l.a, EA_SEC_ENTRIES, -1, "growth")->note.basis,
                     EA_ASSUMPTIONS_HYPOTHESIS);
    unload(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verdicts_from_the_comments),
        cmocka_unit_test(test_calibrated),
        cmocka_unit_test(test_departments_show_only_what_differs),
        cmocka_unit_test(test_shared_value_replaced_everywhere),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
