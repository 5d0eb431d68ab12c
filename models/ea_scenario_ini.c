/* ea_scenario_ini.c — Writing a scenario as INI: the sections in order, each key's value by the
 * writer of its type, with the checks that iniparser can read every line back. */
#include "ea_scenario_ini.h"

#include <stdlib.h>
#include <string.h>

#include "../engine/eng_ini.h"
#include "ea_schema_type.h"

typedef struct writer {
    const ea_scenario *sc;
    const ea_scenario_ini_layout *layout;   /* NULL: the full scenario */
    FILE *f;
    eng_error *err;
} writer;

static int out_of_memory(const writer *w)
{
    return eng_error_set(w->err, ENG_EFAIL, "mémoire insuffisante pour écrire un scénario");
}

/* Writes `key = value` for key k of the section at base, after its note. The value is written to
 * memory first, so that a line iniparser could not read back is refused before any of it is out. */
static int write_key(const writer *w, const ea_schema_key *k, const void *base,
                     const ea_scenario_ini_at *at, int quote)
{
    if (w->layout && w->layout->note && !w->layout->note(w->layout->data, at, w->f))
        return ENG_OK;
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return out_of_memory(w);
    ea_schema_type_out o = { m, at->section, quote, w->err };
    int status = ea_schema_type_write(k, (const char *)base + k->offset, w->sc, &o);
    if (fclose(m) != 0 && status == ENG_OK)
        status = out_of_memory(w);
    if (status == ENG_OK && strlen(k->key) + 3 + len > ENG_INI_MAX_LINE)
        status = eng_error_set(w->err, ENG_EINPUT,
                               "[%s] clé « %s » : valeur de %zu caractères, trop longue pour "
                               "une ligne INI de %d caractères qu'iniparser puisse relire ; "
                               "raccourcissez-la",
                               at->section, k->key, len, ENG_INI_MAX_LINE);
    if (status == ENG_OK)
        fprintf(w->f, len ? "%s = %s\n" : "%s =\n", k->key, text);
    free(text);
    return status;
}

/* The keys of a partial section, in the layout's order. */
static int write_layout_keys(const writer *w, ea_schema_section kind, const void *base,
                             ea_scenario_ini_at *at)
{
    for (int i = 0; i < w->layout->nkeys; i++) {
        const ea_scenario_ini_key *lk = &w->layout->keys[i];
        if (lk->section != kind)
            continue;
        const ea_schema_key *k = ea_schema_find(kind, lk->key);
        if (!k)
            return eng_error_set(w->err, ENG_EFAIL, "[%s] clé « %s » : n'est pas une clé de %s dans "
                                 "le schéma des scénarios", at->section, lk->key, ea_schema_pattern(kind));
        at->key = k->key;
        int status = write_key(w, k, base, at, lk->quote);
        if (status != ENG_OK)
            return status;
    }
    return ENG_OK;
}

/* Writes one section of kind `kind` named sec, its values at base: in a full scenario every key
 * of the schema for that kind, those marked EA_SCHEMA_IF_OVERRIDDEN only when their bit is in
 * `bits`; in a partial one the keys of the layout, the section left out when it has none. */
static int write_section(const writer *w, ea_schema_section kind, const char *sec,
                         const void *base, unsigned bits, int module, int department)
{
    ea_scenario_ini_at at = {sec, NULL, module, department};
    if (w->layout) {
        int any = 0;
        for (int i = 0; i < w->layout->nkeys; i++)
            any |= w->layout->keys[i].section == kind;
        if (!any)
            return ENG_OK;
        fprintf(w->f, "\n[%s]\n", sec);
        return write_layout_keys(w, kind, base, &at);
    }
    fprintf(w->f, "\n[%s]\n", sec);
    for (int i = 0; i < ea_schema_nkeys; i++) {
        const ea_schema_key *k = &ea_schema_keys[i];
        if (k->section != kind || ((k->flags & EA_SCHEMA_IF_OVERRIDDEN) && !(bits & k->ovr)))
            continue;
        at.key = k->key;
        int status = write_key(w, k, base, &at, 0);
        if (status != ENG_OK)
            return status;
    }
    return ENG_OK;
}

/* The shared sections, then the modules, the departments and their module overrides. */
static int write_sections(const writer *w)
{
    static const struct {
        ea_schema_section kind;
        const char *name;
    } shared[] = {{EA_SEC_SCENARIO, "scenario"}, {EA_SEC_BUDGET, "budget"},
                  {EA_SEC_STAFF, "staff"},       {EA_SEC_ENTRIES, "entries"},
                  {EA_SEC_WAITING, "waiting"},   {EA_SEC_EXITS, "exits"}};
    const ea_scenario *sc = w->sc;
    int status = ENG_OK;
    for (size_t i = 0; i < sizeof shared / sizeof shared[0] && status == ENG_OK; i++) {
        const void *base = shared[i].kind == EA_SEC_ENTRIES ? (const void *)&sc->entries : sc;
        status = write_section(w, shared[i].kind, shared[i].name, base, 0, -1, -1);
    }
    for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++) {
        char sec[32];
        snprintf(sec, sizeof sec, "module.%s", ea_scenario_module_names[m]);
        if (sc->modules[m].defined)
            status = write_section(w, EA_SEC_MODULE, sec, &sc->modules[m], 0, m, -1);
    }
    char sec[EA_MAX_NAME + 64];
    for (int i = 0; i < sc->ndepartments && status == ENG_OK; i++) {
        const ea_scenario_department *d = &sc->departments[i];
        ea_scenario_department_section(sc, d, -1, sec, sizeof sec);
        status = write_section(w, EA_SEC_DEPARTMENT, sec, d, d->overrides, -1, i);
    }
    for (int i = 0; i < sc->ndepartments && status == ENG_OK; i++) {
        const ea_scenario_department *d = &sc->departments[i];
        for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++) {
            if (!d->module_overrides[m])
                continue;
            ea_scenario_department_section(sc, d, m, sec, sizeof sec);
            status = write_section(w, EA_SEC_DEPT_MODULE, sec, &d->modules[m],
                                   d->module_overrides[m], m, i);
        }
    }
    if (status == ENG_OK && ferror(w->f))
        return eng_error_set(w->err, ENG_EFAIL, "impossible d'écrire le scénario : erreur de sortie");
    return status;
}

int ea_scenario_ini_write(const ea_scenario *sc, FILE *f, eng_error *err)
{
    /* In French whatever the messages' language: the text is part of the checksum that tells
     * whether a directory's tables can be reused, which the language must not change. */
    fputs("; Scénario résolu par eaflow : chaque valeur est explicite, valeurs par défaut comprises.\n"
          "; Relire ce fichier redonne le même scénario.\n",
          f);
    writer w = {sc, NULL, f, err};
    return write_sections(&w);
}

int ea_scenario_ini_write_partial(const ea_scenario *sc, const ea_scenario_ini_layout *layout,
                                  FILE *f, eng_error *err)
{
    writer w = {sc, layout, f, err};
    return write_sections(&w);
}
