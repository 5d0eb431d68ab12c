/* ea_manifest.c — The record of a run in its output directory, and the rule that reuses the
 * directory's tables for the same run. */
#include "ea_manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../engine/eng_path.h"
#include "ea_scenario_ini.h"

const char *const ea_manifest_tables[EA_MANIFEST_NTABLES] = { "monthly.csv", "annual.csv" };

int ea_manifest_write(const ea_scenario *sc, eng_out *out, eng_error *err)
{
    FILE *f = eng_out_open(out, EA_MANIFEST_NAME, err);
    return f ? ea_scenario_ini_write(sc, f, err) : ENG_EFAIL;
}

/* Whether the file at path holds exactly the len bytes of text. */
static int same_bytes(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    int same = 1;
    for (size_t i = 0; i <= len && same; i++) {
        int c = fgetc(f);
        same = i < len ? c == (unsigned char)text[i] : c == EOF;
    }
    fclose(f);
    return same;
}

/* Whether dir/name can be read; 0 also when its path cannot be made. */
static int readable(const char *dir, const char *name)
{
    eng_error err;
    char *path = eng_path_join(dir, name, &err);
    int ok = path && access(path, R_OK) == 0;
    free(path);
    return ok;
}

int ea_manifest_matches(const char *dir, const ea_scenario *sc)
{
    char *mine = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&mine, &len);
    if (!m)
        return 0;
    eng_error err;
    int ok = ea_scenario_ini_write(sc, m, &err) == ENG_OK;
    if (fclose(m) != 0)
        ok = 0;
    char *path = ok ? eng_path_join(dir, EA_MANIFEST_NAME, &err) : NULL;
    ok = path && same_bytes(path, mine, len);
    free(path);
    free(mine);
    for (int t = 0; t < EA_MANIFEST_NTABLES && ok; t++)
        ok = readable(dir, ea_manifest_tables[t]);
    return ok;
}
