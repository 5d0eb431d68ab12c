/* scenario_fixture.h — Lets a test write a small scenario as text and load it, as a user's file. */
#ifndef SCENARIO_FIXTURE_H
#define SCENARIO_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "models/ea_scenario.h"

/* Writes text to a temporary .ini file and loads it; fails the test with the loader's message if
 * it is rejected. */
static inline void fixture_load(const char *text, ea_scenario *sc)
{
    char path[] = "/tmp/eaflow-fixture-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    eng_error err = { { 0 } };
    int status = ea_scenario_load(path, sc, &err);
    remove(path);
    if (status != ENG_OK)
        fail_msg("scenario rejected: %s", err.msg);
}

#endif
