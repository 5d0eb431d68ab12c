/* test_ea_scenario_ini.c — Writing scenarios: run.ini read back gives the same scenario and the
 * same bytes, every default is written, texts are quoted when iniparser needs it, and a partial
 * scenario holds exactly the keys, comments and order of its layout. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/ea_scenario.h"
#include "models/ea_scenario_ini.h"

#define DATA "tests/data/"

static void assert_dist_equal(const eng_dist *a, const eng_dist *b)
{
    assert_int_equal(a->kind, b->kind);
    assert_true(a->p1 == b->p1 && a->p2 == b->p2 && a->a == b->a && a->b == b->b);
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++)
        assert_true(a->values[i] == b->values[i]);
}

static void assert_schedule_equal(const ea_scenario_schedule *a, const ea_scenario_schedule *b)
{
    assert_int_equal(a->n, b->n);
    for (int i = 0; i < a->n; i++) {
        assert_int_equal(a->steps[i].month, b->steps[i].month);
        assert_true(a->steps[i].value == b->steps[i].value);
    }
}

static void assert_entries_equal(const ea_scenario_entries *a, const ea_scenario_entries *b)
{
    assert_true(a->per_month == b->per_month);
    assert_memory_equal(a->seasonality, b->seasonality, sizeof a->seasonality);
    assert_schedule_equal(&a->schedule, &b->schedule);
    assert_memory_equal(a->mix, b->mix, sizeof a->mix);
}

static void assert_modules_equal(const ea_scenario_module *a, const ea_scenario_module *b)
{
    for (int m = 0; m < EA_NMODULES; m++) {
        assert_int_equal(a[m].defined, b[m].defined);
        assert_dist_equal(&a[m].duration, &b[m].duration);
        assert_true(a[m].intensity == b[m].intensity);
        assert_memory_equal(a[m].next, b[m].next, sizeof a[m].next);
    }
}

/* Values equal, bit for bit. run.ini writes every department's name, entries_per_month and
 * initial_mix, so reading it back marks them as set by the department: those bits may differ. */
static void assert_scenarios_equal(const ea_scenario *a, const ea_scenario *b)
{
    const unsigned always = EA_OVR_NAME | EA_OVR_ENTRIES_PER_MONTH | EA_OVR_INITIAL_MIX;
    assert_string_equal(a->name, b->name);
    assert_int_equal(a->start, b->start);
    assert_int_equal(a->months, b->months);
    assert_int_equal(a->replications, b->replications);
    assert_int_equal(a->seed, b->seed);
    assert_true(a->cost_per_place == b->cost_per_place);
    assert_true(a->staff_cost_per_fte == b->staff_cost_per_fte);
    assert_true(a->delegated_share == b->delegated_share);
    assert_int_equal(a->capacity_mode, b->capacity_mode);
    assert_true(a->hours_per_fte_month == b->hours_per_fte_month);
    assert_entries_equal(&a->entries, &b->entries);
    assert_dist_equal(&a->patience, &b->patience);
    assert_int_equal(a->nreasons, b->nreasons);
    for (int r = 0; r < a->nreasons; r++)
        assert_string_equal(a->reasons[r], b->reasons[r]);
    assert_modules_equal(a->modules, b->modules);
    assert_int_equal(a->single_platform, b->single_platform);
    assert_int_equal(a->ndepartments, b->ndepartments);
    for (int i = 0; i < a->ndepartments; i++) {
        const ea_scenario_department *x = &a->departments[i], *y = &b->departments[i];
        assert_string_equal(x->code, y->code);
        assert_string_equal(x->name, y->name);
        assert_int_equal(x->places, y->places);
        assert_schedule_equal(&x->places_schedule, &y->places_schedule);
        assert_int_equal(x->initial_file_active, y->initial_file_active);
        assert_memory_equal(x->initial_mix, y->initial_mix, sizeof x->initial_mix);
        assert_true(x->fte == y->fte);
        assert_entries_equal(&x->entries, &y->entries);
        assert_modules_equal(x->modules, y->modules);
        assert_int_equal(x->overrides & ~always, y->overrides & ~always);
        assert_int_equal(y->overrides & always, always);
        assert_memory_equal(x->module_overrides, y->module_overrides, sizeof x->module_overrides);
    }
}

static char *write_run_ini(const ea_scenario *sc, const char *path)
{
    eng_error err = {""};
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    int status = ea_scenario_ini_write(sc, f, &err);
    assert_int_equal(fclose(f), 0);
    if (status != ENG_OK)
        fail_msg("writing %s: %s", path, err.msg);
    f = fopen(path, "r");
    assert_non_null(f);
    char *text = calloc(1, 1 << 16);
    assert_non_null(text);
    size_t n = fread(text, 1, (1 << 16) - 1, f);
    assert_true(n > 0 && n < (1 << 16) - 1);
    fclose(f);
    return text;
}

/* Writes sc, reads it back, and checks the same scenario and the same bytes come out. */
static void round_trip(const ea_scenario *sc, const char *dir)
{
    char first[256], second[256];
    snprintf(first, sizeof first, "%s/run.ini", dir);
    snprintf(second, sizeof second, "%s/run2.ini", dir);
    char *text1 = write_run_ini(sc, first);
    ea_scenario back;
    fixture_load_file(first, &back);
    assert_scenarios_equal(sc, &back);
    char *text2 = write_run_ini(&back, second);
    assert_string_equal(text1, text2);
    free(text1);
    free(text2);
    ea_scenario_clear(&back);
    remove(first);
    remove(second);
}

static void test_run_ini_round_trip(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_ea_scenario_XXXXXX";
    assert_non_null(mkdtemp(dir));
    static const char *const files[] = {DATA "scn_full.ini", DATA "scn_minimal.ini",
                                        DATA "scn_stationary.ini"};
    for (int i = 0; i < 3; i++) {
        ea_scenario sc;
        fixture_load_file(files[i], &sc);
        round_trip(&sc, dir);
        ea_scenario_clear(&sc);
    }

    /* Every default is explicit in run.ini, and the CLI's replications and seed are the ones
     * written. */
    ea_scenario sc;
    fixture_load_file(DATA "scn_minimal.ini", &sc);
    sc.replications = 7;
    sc.seed = 9007199254740993UL;
    char path[256];
    snprintf(path, sizeof path, "%s/run.ini", dir);
    char *text = write_run_ini(&sc, path);
    /* No area given: written empty, which reads back as absent. */
    assert_substring(text, "\n[scenario]\nname = scn_minimal\narea =\nplaceholders =\nstart = 2022-01\nmonths = 12\n"
                          "replications = 7\nseed = 9007199254740993\n");
    assert_substring(text, "\n[budget]\ncost_per_place = 4300\n");
    assert_substring(text, "\nhours_per_fte_month = 134\n");
    assert_substring(text, "\nseasonality = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1\nschedule =\n"
                          "mix = evaluation:1\n");
    assert_substring(text, "\n[waiting]\npatience = none\n");
    assert_substring(text, "\nreasons = emploi_durable, reorientation, abandon, autre\n");
    assert_substring(text, "\n[platform]\nname = region\nplaces = 10\nplaces_schedule =\n"
                          "initial_file_active = 0\ninitial_mix = evaluation:1\n"
                          "entries_per_month = 0\nfte = 0\n");
    free(text);
    round_trip(&sc, dir);
    ea_scenario_clear(&sc);

    /* Names with comment signs or quotes are quoted so that iniparser reads them back. */
    eng_error err;
    eng_ini *ini = eng_ini_load(DATA "scn_full.ini", &err);
    assert_non_null(ini);
    assert_int_equal(eng_ini_set(ini, "scenario", "name", "Plateforme #1; test", &err), ENG_OK);
    assert_int_equal(eng_ini_set(ini, "department.31", "name", "\"Haute\"-Garonne", &err), ENG_OK);
    assert_int_equal(ea_scenario_from_ini(ini, &sc, &err), ENG_OK);
    eng_ini_free(ini);
    round_trip(&sc, dir);
    ea_scenario_clear(&sc);
    assert_int_equal(rmdir(dir), 0);
}


/* Writes sc with the layout into a string; fails the test on an error. */
static char *write_partial(const ea_scenario *sc, const ea_scenario_ini_layout *layout)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    eng_error err = {""};
    int status = ea_scenario_ini_write_partial(sc, layout, f, &err);
    fclose(f);
    if (status != ENG_OK)
        fail_msg("%s", err.msg);
    return text;
}

/* Notes every key with its section, module and department, and leaves out [platform] name. */
static int note(void *data, const ea_scenario_ini_at *at, FILE *f)
{
    int *calls = data;
    (*calls)++;
    fprintf(f, "; %s %s %d %d\n", at->section, at->key, at->module, at->department);
    return !(at->department >= 0 && strcmp(at->key, "name") == 0);
}

static void test_partial(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load_file(DATA "scn_minimal.ini", &sc);
    /* The layout's order within a section, whatever the schema's: places before name, start
     * before name; the name of [scenario] quoted although it needs no quotes. */
    static const ea_scenario_ini_key keys[] = {
        {EA_SEC_DEPARTMENT, "places", 0}, {EA_SEC_SCENARIO, "start", 0},
        {EA_SEC_MODULE, "next", 0},       {EA_SEC_DEPARTMENT, "name", 0},
        {EA_SEC_SCENARIO, "name", 1}};
    int calls = 0;
    ea_scenario_ini_layout layout = {keys, 5, note, &calls};
    char *text = write_partial(&sc, &layout);
    assert_string_equal(text, "\n[scenario]\n"
                              "; scenario start -1 -1\nstart = 2022-01\n"
                              "; scenario name -1 -1\nname = \"scn_minimal\"\n"
                              "\n[module.evaluation]\n"
                              "; module.evaluation next 0 -1\nnext = exit.autre:1\n"
                              "\n[platform]\n"
                              "; platform places -1 0\nplaces = 10\n"
                              "; platform name -1 0\n");
    assert_int_equal(calls, 5);
    free(text);

    /* Without a note every key of the layout is written; a key the schema does not have is a
     * mistake of the caller. */
    static const ea_scenario_ini_key bad[] = {{EA_SEC_ENTRIES, "per_mnth", 0}};
    ea_scenario_ini_layout wrong = {bad, 1, NULL, NULL};
    eng_error err = {""};
    FILE *f = fopen("/dev/null", "w");
    assert_non_null(f);
    assert_int_equal(ea_scenario_ini_write_partial(&sc, &wrong, f, &err), ENG_EFAIL);
    fclose(f);
    assert_substring(err.msg, "[entries] clé « per_mnth » : n'est pas une clé de [entries]");
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_ini_round_trip),
        cmocka_unit_test(test_partial),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
