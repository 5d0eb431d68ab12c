/* scenario_fixture.h — Lets a test write a small scenario as text and load it, as a user's file,
 * or load a scenario file that must be accepted. */
#ifndef SCENARIO_FIXTURE_H
#define SCENARIO_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "models/ea_scenario.h"
#include "test_proc.h"

/* Writes text to a new temporary scenario file and returns its path, valid until the next call;
 * the caller removes the file. */
static inline const char *fixture_file(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/eaflow-fixture-XXXXXX");
    test_temp_text(path, text);
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

#endif
