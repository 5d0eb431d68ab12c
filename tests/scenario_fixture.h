/* scenario_fixture.h — Lets a test write a small scenario as text and load it, as a user's file,
 * or load a scenario file that must be accepted. */
#ifndef SCENARIO_FIXTURE_H
#define SCENARIO_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "models/ea_scenario.h"
#include "test_proc.h"

/* The private directory of this process's fixture files, made on first use and removed at exit:
 * a scenario's directory is where a SOURCES.md beside it is looked for, so a shared /tmp would let
 * any file left there change what the tests read. */
static char fixture_dir[64];

static inline void fixture_dir_remove(void)
{
    rmdir(fixture_dir);
}

/* Writes text to a new temporary scenario file in the private directory and returns its path,
 * valid until the next call; the caller removes the file. */
static inline const char *fixture_file(const char *text)
{
    static char path[96];
    static int n;
    if (!fixture_dir[0]) {
        snprintf(fixture_dir, sizeof fixture_dir, "/tmp/eaflow-fixture-XXXXXX");
        if (!mkdtemp(fixture_dir))
            fail_msg("cannot make %s", fixture_dir);
        atexit(fixture_dir_remove);
    }
    snprintf(path, sizeof path, "%s/scenario-%d.ini", fixture_dir, ++n);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) == EOF || fclose(f) != 0)
        fail_msg("cannot write %s", path);
    return path;
}

/* Loads the scenario file at path; fails the test with its path, the status and the loader's
 * message if it is rejected. */
static inline void fixture_load_file(const char *path, ea_scenario *sc)
{
    eng_error err = { { 0 } };
    int status = ea_scenario_load(path, sc, &err);
    if (status != ENG_OK)
        fail_msg("%s: status %d: %s", path, status, err.msg);
}

/* Writes text to a temporary scenario file and loads it; fails the test with the loader's message
 * if it is rejected. */
static inline void fixture_load(const char *text, ea_scenario *sc)
{
    const char *path = fixture_file(text);
    eng_error err = { { 0 } };
    int status = ea_scenario_load(path, sc, &err);
    remove(path);
    if (status != ENG_OK)
        fail_msg("scenario rejected: %s", err.msg);
}

/* A scenario whose caseload depends on one uncertain parameter only: one platform entering at a
 * rate into recherche and out; projet is defined but nobody enters it, so its routing changes
 * nothing, and the intensity changes no count. The tests of the sensitivity analysis and of its
 * report section share it. */
#define FIXTURE_ONE_ACTIVE                                                                      \
    "[scenario]\nstart = 2020-01\nmonths = 24\nreplications = 6\nseed = 3\n"                    \
    "[entries]\nper_month = 6\nmix = recherche:1\n"                                              \
    "[platform]\nplaces = 1000\ninitial_file_active = 0\n"                                       \
    "[module.recherche]\nduration = gamma(mean=6, sd=3)\nintensity = 4\n"                        \
    "next = exit.emploi_durable:0.6, exit.abandon:0.4\n"                                          \
    "[module.projet]\nduration = gamma(mean=4, sd=2)\nintensity = 4\n"                           \
    "next = exit.emploi_durable:0.5, exit.abandon:0.5\n"                                          \
    "[uncertainty]\n"                                                                             \
    "module.recherche.intensity = uniform(2, 8)\n"                                                \
    "platform.entries_per_month = triangular(3, 6, 10)\n"                                         \
    "module.projet.next.exit.emploi_durable = normal(0.5, 0.4)\n"

#endif
