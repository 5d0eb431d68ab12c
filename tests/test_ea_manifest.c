/* test_ea_manifest.c — The record of a run (run.ini) and the rule that reuses an output
 * directory's tables: only for the same scenario, seed and replications, with both tables there. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "engine/eng_out.h"
#include "models/ea_manifest.h"

static const char text[] =
    "[scenario]\nstart = 2022-01\nmonths = 12\nreplications = 10\nseed = 5\n"
    "[entries]\nper_month = 2\n"
    "[module.evaluation]\nduration = exponential(mean=3)\nintensity = 4\n"
    "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
    "[platform]\nplaces = 20\n";

static char dir[64];

static const char *in_dir(const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* A directory as a run leaves it: run.ini of sc, and the two tables (their content does not
 * matter to the rule). */
static void write_run(const ea_scenario *sc)
{
    eng_error err;
    eng_out *out = eng_out_begin(dir, &err);
    assert_non_null(out);
    assert_int_equal(ea_manifest_write(sc, out, &err), ENG_OK);
    for (int t = 0; t < EA_MANIFEST_NTABLES; t++) {
        FILE *f = eng_out_open(out, ea_manifest_tables[t], &err);
        assert_non_null(f);
        fputs("scope\n", f);
    }
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
}

static void test_same_run_only(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    assert_false(ea_manifest_matches(dir, &sc));   /* nothing there yet */
    write_run(&sc);
    assert_true(ea_manifest_matches(dir, &sc));
    sc.seed = 6;
    assert_false(ea_manifest_matches(dir, &sc));
    sc.seed = 5;
    sc.replications = 11;
    assert_false(ea_manifest_matches(dir, &sc));
    sc.replications = 10;
    assert_true(ea_manifest_matches(dir, &sc));
    /* The record reads back as the same scenario: `eaflow simulate DIR/run.ini` is the same run. */
    ea_scenario again;
    eng_error err;
    assert_int_equal(ea_scenario_load(in_dir(EA_MANIFEST_NAME), &again, &err), ENG_OK);
    assert_true(ea_manifest_matches(dir, &again));
    ea_scenario_clear(&again);
    ea_scenario_clear(&sc);
}

static void test_changed_or_missing_files(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    write_run(&sc);
    /* One byte more in run.ini (a comment) is not the record of this run any more. */
    FILE *f = fopen(in_dir(EA_MANIFEST_NAME), "a");
    assert_non_null(f);
    fputs("#\n", f);
    fclose(f);
    assert_false(ea_manifest_matches(dir, &sc));
    write_run(&sc);
    assert_true(ea_manifest_matches(dir, &sc));
    assert_int_equal(remove(in_dir("annual.csv")), 0);
    assert_false(ea_manifest_matches(dir, &sc));
    write_run(&sc);
    assert_int_equal(remove(in_dir("monthly.csv")), 0);
    assert_false(ea_manifest_matches(dir, &sc));
    assert_false(ea_manifest_matches("/nonexistent/eaflow-manifest", &sc));
    ea_scenario_clear(&sc);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/eaflow-manifest-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = { EA_MANIFEST_NAME, "monthly.csv", "annual.csv" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        remove(in_dir(names[i]));
    return rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_run_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_or_missing_files, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
