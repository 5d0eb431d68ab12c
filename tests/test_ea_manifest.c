/* test_ea_manifest.c — The record of a run (run.ini and manifest.csv), the replacement of the
 * previous run's whole set (the user's files and the run's inputs kept, nothing outside the
 * directory touched), and the rule that reuses the tables: only for the same scenario, seed and
 * replications, with the files as the record lists them. */
#include "test_util.h"
#include "scenario_fixture.h"
#include "test_proc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/eng_csv.h"
#include "engine/eng_out.h"
#include "models/ea_manifest.h"

static const char text[] =
    "[scenario]\nname = manifest\nstart = 2022-01\nmonths = 12\nreplications = 10\nseed = 5\n"
    "[entries]\nper_month = 2\n"
    "[module.evaluation]\nduration = exponential(mean=3)\nintensity = 4\n"
    "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
    "[platform]\nplaces = 20\n";

/* The SHA-256 of "abc" (FIPS 180-4's first example). */
static const char abc_sha[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

static char dir[64];

static const char *in_dir(const char *name)
{
    static char path[4][128];
    static int i;
    i = (i + 1) % 4;
    snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
    return path[i];
}

static void put(const char *name, const char *content)
{
    FILE *f = fopen(in_dir(name), "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static int exists(const char *name)
{
    struct stat st;
    return stat(in_dir(name), &st) == 0;
}

/* Writes name with content into the set. */
static void write_into(eng_out *out, const char *name, const char *content)
{
    eng_error err;
    FILE *f = eng_out_open(out, name, &err);
    assert_non_null(f);
    fputs(content, f);
}

/* The manifest's row of that kind and value (value NULL: the first of the kind), as its cells
 * "kind|value|size|sha256", or NULL. */
static char *manifest_row(const char *kind, const char *value)
{
    static char row[1024];
    eng_csv *t = NULL;
    eng_error err;
    if (eng_csv_read(in_dir("manifest.csv"), &t, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(eng_csv_ncols(t), 4);
    assert_string_equal(eng_csv_header(t, 0), "kind");
    char *found = NULL;
    for (size_t r = 0; r < eng_csv_nrows(t) && !found; r++) {
        if (strcmp(eng_csv_get_text(t, r, 0), kind) != 0
            || (value && strcmp(eng_csv_get_text(t, r, 1), value) != 0))
            continue;
        snprintf(row, sizeof row, "%s|%s|%s|%s", kind, eng_csv_get_text(t, r, 1),
                 eng_csv_get_text(t, r, 2), eng_csv_get_text(t, r, 3));
        found = row;
    }
    eng_csv_free(t);
    return found;
}

/* A run's set: a.csv ("abc"), b.csv and plots/c.png adopted from a scratch directory. */
static void first_run(void)
{
    eng_error err;
    char *scratch = eng_out_scratch(dir, "work", &err);
    char chart[256];
    snprintf(chart, sizeof chart, "%s/c.png", scratch);
    FILE *f = fopen(chart, "w");
    fputs("chart", f);
    fclose(f);
    eng_out *out = ea_manifest_begin(dir, NULL, 0, &err);
    assert_non_null(out);
    write_into(out, "a.csv", "abc");
    write_into(out, "b.csv", "b");
    assert_int_equal(eng_out_adopt(out, chart, "plots/c.png", &err), ENG_OK);
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    eng_out_scratch_remove(scratch);
}

static void test_record(void **state)
{
    (void)state;
    char *argv[] = { "/usr/local/bin/eaflow", "simulate", "my scenario.ini", "-o", "it's", NULL };
    ea_manifest_program("9.8.7", 5, argv);
    ea_scenario sc;
    fixture_load(text, &sc);
    put("input.csv", "abc");
    const char *inputs[] = { in_dir("input.csv"), NULL, in_dir("absent.csv") };
    const ea_manifest_run run = { inputs, 3, &sc, NULL };
    eng_error err;
    eng_out *out = ea_manifest_begin_run(dir, &run, &err);
    assert_non_null(out);
    write_into(out, "a.csv", "abc");
    assert_int_equal(eng_out_keep(out, "input.csv", &err), ENG_OK);
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    ea_manifest_program(NULL, 0, NULL);
    assert_string_equal(manifest_row("eaflow", NULL), "eaflow|9.8.7||");
    /* The program is named eaflow wherever it was, and the arguments quoted for a shell. */
    assert_string_equal(manifest_row("command", NULL),
                        "command|eaflow simulate 'my scenario.ini' -o 'it'\\''s'||");
    assert_string_equal(manifest_row("scenario", NULL), "scenario|manifest||");
    assert_string_equal(manifest_row("seed", NULL), "seed|5||");
    assert_string_equal(manifest_row("replications", NULL), "replications|10||");
    char expect[512];
    snprintf(expect, sizeof expect, "input|%s|3|%s", in_dir("input.csv"), abc_sha);
    assert_string_equal(manifest_row("input", in_dir("input.csv")), expect);
    /* An input that cannot be read has no size nor checksum. */
    snprintf(expect, sizeof expect, "input|%s||", in_dir("absent.csv"));
    assert_string_equal(manifest_row("input", in_dir("absent.csv")), expect);
    snprintf(expect, sizeof expect, "output|a.csv|3|%s", abc_sha);
    assert_string_equal(manifest_row("output", "a.csv"), expect);
    snprintf(expect, sizeof expect, "reused|input.csv|3|%s", abc_sha);
    assert_string_equal(manifest_row("reused", "input.csv"), expect);
    assert_null(manifest_row("output", "manifest.csv"));
    ea_scenario_clear(&sc);
}

/* -n auto: the record gives the replications the run made (60), not the scenario's (10); a set
 * begun without a scenario ignores the call. */
static void test_replications_reached(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    const ea_manifest_run run = { NULL, 0, &sc, NULL };
    eng_error err;
    eng_out *out = ea_manifest_begin_run(dir, &run, &err);
    assert_non_null(out);
    ea_manifest_set_replications(out, 60);
    write_into(out, "a.csv", "abc");
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    assert_string_equal(manifest_row("replications", NULL), "replications|60||");
    out = ea_manifest_begin(dir, NULL, 0, &err);
    assert_non_null(out);
    ea_manifest_set_replications(out, 70);
    write_into(out, "a.csv", "abc");
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    assert_null(manifest_row("replications", NULL));
    ea_scenario_clear(&sc);
}

static void test_replaces_previous_set(void **state)
{
    (void)state;
    first_run();
    put("mine.txt", "the user's");
    char *said = NULL;
    size_t len = 0;
    FILE *notices = open_memstream(&said, &len);
    const ea_manifest_run run = { .notices = notices };
    eng_error err;
    eng_out *out = ea_manifest_begin_run(dir, &run, &err);
    write_into(out, "a.csv", "new");
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    fclose(notices);
    assert_true(exists("a.csv") && exists("mine.txt") && exists("manifest.csv"));
    assert_false(exists("b.csv") || exists("plots/c.png") || exists("plots"));
    char expect[256];
    snprintf(expect, sizeof expect, "eaflow : %s contenait les résultats d'une exécution "
             "précédente : remplacés, 2 de ses fichiers supprimés\n", dir);
    assert_string_equal(said, expect);
    free(said);
    assert_null(manifest_row("output", "b.csv"));
    assert_null(manifest_row("output", "mine.txt"));
}

/* A file of the previous set that the run reads is not removed, even when it writes no such
 * file; nor is anything a hand-edited record names outside the directory. */
static void test_inputs_and_outside_kept(void **state)
{
    (void)state;
    first_run();
    char outside[128];
    snprintf(outside, sizeof outside, "%s.outside", dir);
    FILE *f = fopen(outside, "w");
    fclose(f);
    f = fopen(in_dir("manifest.csv"), "a");
    fprintf(f, "output,../%s,,\noutput,%s,,\noutput,plots/../b.csv,,\n", strrchr(outside, '/') + 1,
            outside);
    fclose(f);
    const char *inputs[] = { in_dir("b.csv") };
    eng_error err;
    eng_out *out = ea_manifest_begin(dir, inputs, 1, &err);
    write_into(out, "a.csv", "new");
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    assert_true(exists("b.csv"));
    assert_false(exists("plots/c.png"));
    struct stat st;
    assert_int_equal(stat(outside, &st), 0);
    remove(outside);
}

/* Without manifest.csv (an older eaflow), the declared output files there are the previous set. */
static void test_directory_of_an_older_version(void **state)
{
    (void)state;
    put("costs.csv", "old");
    put("compare.csv", "old");
    put("notes.txt", "mine");
    eng_error err;
    eng_out *out = ea_manifest_begin(dir, NULL, 0, &err);
    write_into(out, "monthly.csv", "new");
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    assert_false(exists("costs.csv") || exists("compare.csv"));
    assert_true(exists("notes.txt") && exists("monthly.csv"));
}

/* A record that cannot be read stops the run before anything is replaced, saying what to do. */
static void test_unreadable_record(void **state)
{
    (void)state;
    put("a.csv", "old");
    eng_error err;
    eng_out *out = ea_manifest_begin(dir, NULL, 0, &err);
    write_into(out, "a.csv", "new");
    /* Spoilt while the run worked: the commit fails; spoilt before: the run does not begin. */
    put("manifest.csv", "something else\n1\n");
    assert_int_equal(eng_out_commit(out, &err), ENG_EINPUT);
    if (!strstr(err.msg, "manifest.csv") || !strstr(err.msg, "choisissez un autre dossier"))
        fail_msg("%s", err.msg);
    assert_null(ea_manifest_begin(dir, NULL, 0, &err));
    if (!strstr(err.msg, "manifest.csv") || !strstr(err.msg, "choisissez un autre dossier"))
        fail_msg("%s", err.msg);
    char *a = test_slurp(in_dir("a.csv"), NULL);
    assert_string_equal(a, "old");
    free(a);
}

/* plot's set keeps the previous set but its charts, which it replaces. */
static void test_keep_previous(void **state)
{
    (void)state;
    first_run();
    eng_error err;
    eng_out *out = ea_manifest_begin(dir, NULL, 0, &err);
    assert_int_equal(ea_manifest_keep_previous(out, "plots/", &err), ENG_OK);
    assert_int_equal(eng_out_count(out), 2);
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    assert_true(exists("a.csv") && exists("b.csv"));
    assert_false(exists("plots/c.png"));
    char expect[128];
    snprintf(expect, sizeof expect, "reused|a.csv|3|%s", abc_sha);
    assert_string_equal(manifest_row("reused", "a.csv"), expect);
}

/* A run that keeps the files of the earlier one and reads nothing else records where they came
 * from: the earlier run's scenario and inputs. */
static void test_provenance_kept(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    put("input.csv", "abc");
    const char *inputs[] = { in_dir("input.csv") };
    const ea_manifest_run run = { inputs, 1, &sc, NULL };
    eng_error err;
    eng_out *out = ea_manifest_begin_run(dir, &run, &err);
    write_into(out, "a.csv", "abc");
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    put("input.csv", "changed since");
    out = ea_manifest_begin(dir, NULL, 0, &err);
    assert_int_equal(ea_manifest_keep_previous(out, "plots/", &err), ENG_OK);
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    char expect[512];
    snprintf(expect, sizeof expect, "input|%s|3|%s", in_dir("input.csv"), abc_sha);
    assert_string_equal(manifest_row("input", NULL), expect);
    assert_string_equal(manifest_row("seed", NULL), "seed|5||");
    ea_scenario_clear(&sc);
}

/* A directory as a run of sc leaves it: run.ini and the two tables, with the record. */
static void write_run(const ea_scenario *sc)
{
    eng_error err;
    eng_out *out = ea_manifest_begin(dir, NULL, 0, &err);
    assert_non_null(out);
    assert_int_equal(ea_manifest_write_scenario(sc, out, &err), ENG_OK);
    write_into(out, "monthly.csv", "scope\n");
    write_into(out, "annual.csv", "scope\n");
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
}

static void test_reuse_same_run_only(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    assert_false(ea_manifest_reusable(dir, &sc));   /* nothing there yet */
    write_run(&sc);
    assert_true(ea_manifest_reusable(dir, &sc));
    sc.seed = 6;
    assert_false(ea_manifest_reusable(dir, &sc));
    sc.seed = 5;
    sc.replications = 11;
    assert_false(ea_manifest_reusable(dir, &sc));
    sc.replications = 10;
    assert_true(ea_manifest_reusable(dir, &sc));
    /* The record reads back as the same scenario: `eaflow simulate DIR/run.ini` is the same run. */
    ea_scenario again;
    eng_error err;
    assert_int_equal(ea_scenario_load(in_dir("run.ini"), &again, &err), ENG_OK);
    assert_true(ea_manifest_reusable(dir, &again));
    ea_scenario_clear(&again);
    ea_scenario_clear(&sc);
}

/* Tables written by another version of eaflow are simulated again: the same seed may give other
 * numbers there (0.2.0 changed the normal and gamma draws). */
static void test_reuse_same_version_only(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    char *argv[] = { "eaflow", "simulate" };
    ea_manifest_program("0.1.0", 2, argv);
    write_run(&sc);
    assert_true(ea_manifest_reusable(dir, &sc));
    ea_manifest_program("0.2.0", 2, argv);
    assert_false(ea_manifest_reusable(dir, &sc));
    write_run(&sc);
    assert_true(ea_manifest_reusable(dir, &sc));
    ea_manifest_program(NULL, 0, NULL);
    assert_false(ea_manifest_reusable(dir, &sc));
    ea_scenario_clear(&sc);
}

/* A table changed since the record, a missing table or record: the run is made again. */
static void test_reuse_needs_intact_files(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(text, &sc);
    const char *names[] = { "run.ini", "monthly.csv", "annual.csv" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        write_run(&sc);
        FILE *f = fopen(in_dir(names[i]), "a");
        fputs("#\n", f);
        fclose(f);
        assert_false(ea_manifest_reusable(dir, &sc));
        write_run(&sc);
        remove(in_dir(names[i]));
        assert_false(ea_manifest_reusable(dir, &sc));
    }
    write_run(&sc);
    remove(in_dir("manifest.csv"));
    assert_false(ea_manifest_reusable(dir, &sc));
    assert_false(ea_manifest_reusable("/nonexistent/eaflow-manifest", &sc));
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
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replications_reached, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replaces_previous_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inputs_and_outside_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_directory_of_an_older_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keep_previous, setup, teardown),
        cmocka_unit_test_setup_teardown(test_provenance_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reuse_same_run_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reuse_same_version_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reuse_needs_intact_files, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
