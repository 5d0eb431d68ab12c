/* ea_assumptions.c — The assumptions of a scenario: its parameters, section by section, with the
 * comment above each, the references it cites and whether it is sourced; the departments' keys
 * split into those that differ between departments and those shared by all. */

#include "ea_assumptions.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "ea_schema_type.h"
#include "ea_sources.h"

/* Longest text of a value compared between departments (a schedule of a few dozen steps). */
#define VALUE_TEXT 4096

/* Whether a comment says that its value is an assumption: ASSUMPTION, ASSUMED, HYPOTHÈSE or
 * HYPOTHESE in any case (È and è alike), so that notes in English and in French both count. */
static int says_assumption(const char *comment)
{
    static const char *const words[] = { "assumption", "assumed", "hypothèse", "hypothese" };
    if (!comment)
        return 0;
    size_t n = strlen(comment);
    char *low = malloc(n + 1);
    if (!low)
        return 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = (unsigned char)comment[i];
        /* È is C3 88 in UTF-8 and è is C3 A8. */
        low[i] = i > 0 && (unsigned char)comment[i - 1] == 0xC3 && c == 0x88 ? (char)0xA8
                 : (char)tolower(c);
    }
    int found = 0;
    for (size_t w = 0; w < sizeof words / sizeof words[0] && !found; w++)
        found = strstr(low, words[w]) != NULL;
    free(low);
    return found;
}

/* Whether a comment says that its value was calibrated: CALIBRÉ or CALIBRATED, in capitals as
 * eaflow calibrate writes them (a note that a value is « à calibrer » is no calibration). */
static int says_calibrated(const char *comment)
{
    return comment && (strstr(comment, "CALIBRÉ") || strstr(comment, "CALIBRATED"));
}

/* The note of a key (or a section header) from its comment: given says whether the file gives the
 * key, flags are the key's schema flags. */
static ea_assumptions_note note_of(const char *comment, int given, unsigned flags)
{
    ea_assumptions_note n = { comment, { 0 }, 0, EA_ASSUMPTIONS_HYPOTHESIS };
    n.nrefs = ea_sources_cited(comment, n.refs, EA_ASSUMPTIONS_MAX_REFS);
    if (!given)
        n.basis = flags & EA_SCHEMA_SETTING ? EA_ASSUMPTIONS_SETTING : EA_ASSUMPTIONS_DEFAULT;
    else if (says_calibrated(comment))
        n.basis = EA_ASSUMPTIONS_CALIBRATED;
    else if (says_assumption(comment))
        n.basis = EA_ASSUMPTIONS_HYPOTHESIS;
    else if (n.nrefs > 0)
        n.basis = EA_ASSUMPTIONS_SOURCE;
    else if (flags & EA_SCHEMA_SETTING)
        n.basis = EA_ASSUMPTIONS_SETTING;
    return n;
}

/* The comment above section.key (key NULL: the header) in ini, NULL without a file. */
static const char *comment_of(const eng_ini *ini, const char *section, const char *key)
{
    return ini ? eng_ini_comment(ini, section, key) : NULL;
}

/* Whether the file gives section.key; without a file, every value is taken as given. */
static int given_in(const eng_ini *ini, const char *section, const char *key)
{
    return ini ? eng_ini_get(ini, section, key) != NULL : 1;
}

/* The name of a shared section as the file writes it: its pattern without the brackets
 * ("[budget]" gives "budget"). */
static void shared_section(ea_schema_section kind, char *buf, size_t size)
{
    const char *p = ea_schema_pattern(kind);
    snprintf(buf, size, "%.*s", (int)strlen(p) - 2, p + 1);
}

/* The section of department d, or of its module m when m >= 0, as the file names it. */
static void department_section(const ea_scenario *sc, int d, int m, char *buf, size_t size)
{
    int n = sc->single_platform ? snprintf(buf, size, "platform")
                                : snprintf(buf, size, "department.%s", sc->departments[d].code);
    if (m >= 0 && n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, ".module.%s", ea_scenario_module_names[m]);
}

/* The struct that the keys of a shared kind (or module m) fill. */
static const char *shared_base(const ea_scenario *sc, ea_schema_section kind, int m)
{
    if (kind == EA_SEC_ENTRIES)
        return (const char *)&sc->entries;
    if (kind == EA_SEC_MODULE)
        return (const char *)&sc->modules[m];
    return (const char *)sc;
}

const void *ea_assumptions_department_value(const ea_scenario *sc, const ea_schema_key *k, int d,
                                            int m)
{
    const ea_scenario_department *dep = &sc->departments[d];
    const char *base = m >= 0 ? (const char *)&dep->modules[m] : (const char *)dep;
    return base + k->offset;
}

void ea_assumptions_value_text(const ea_scenario *sc, const ea_schema_key *k, const void *v,
                               char *buf, size_t size)
{
    char *text = NULL;
    size_t len = 0;
    eng_error err;
    FILE *f = open_memstream(&text, &len);
    buf[0] = '\0';
    if (!f)
        return;
    ea_schema_type_out out = { f, "assumptions", 0, &err };
    int status = ea_schema_type_write(k, v, sc, &out);
    if (fclose(f) == 0 && status == ENG_OK)
        snprintf(buf, size, "%s", text);
    free(text);
}

/* The department key that overrides shared key k of section `sec`: for a module key the key of
 * the same name in [department.CODE.module.NAME], for another the department key whose default
 * is "[sec] key" ([entries] per_month for entries_per_month); NULL when none does. */
static const ea_schema_key *department_override(const char *sec, const ea_schema_key *k, int m)
{
    if (m >= 0)
        return ea_schema_find(EA_SEC_DEPT_MODULE, k->key);
    char def[EA_MAX_NAME + 80];
    snprintf(def, sizeof def, "[%s] %s", sec, k->key);
    for (int i = 0; i < ea_schema_nkeys; i++)
        if (ea_schema_keys[i].section == EA_SEC_DEPARTMENT && ea_schema_keys[i].def &&
            strcmp(ea_schema_keys[i].def, def) == 0)
            return &ea_schema_keys[i];
    return NULL;
}

/* Whether every department gives its own value of shared key k of section `sec` (module m for a
 * module key, else -1), so that the shared value applies to none. */
static int overridden(const ea_scenario *sc, const char *sec, const ea_schema_key *k, int m)
{
    const ea_schema_key *own = department_override(sec, k, m);
    if (!own || !own->ovr || sc->ndepartments == 0)
        return 0;
    for (int d = 0; d < sc->ndepartments; d++) {
        const ea_scenario_department *dep = &sc->departments[d];
        if (!((m >= 0 ? dep->module_overrides[m] : dep->overrides) & own->ovr))
            return 0;
    }
    return 1;
}

/* The rows of one shared section (or module m) of kind `kind`. */
static int add_group(ea_assumptions *a, const eng_ini *ini, ea_schema_section kind, int m)
{
    char sec[EA_MAX_NAME + 16];
    if (kind == EA_SEC_MODULE)
        snprintf(sec, sizeof sec, "module.%s", ea_scenario_module_names[m]);
    else
        shared_section(kind, sec, sizeof sec);
    ea_assumptions_group *g = &a->groups[a->ngroups++];
    g->kind = kind;
    g->module = m;
    g->note = note_of(comment_of(ini, sec, NULL), 1, 0);
    g->rows = calloc((size_t)ea_schema_nkeys, sizeof *g->rows);
    if (!g->rows)
        return ENG_EFAIL;
    const char *base = shared_base(a->sc, kind, m);
    for (int i = 0; i < ea_schema_nkeys; i++) {
        const ea_schema_key *k = &ea_schema_keys[i];
        if (k->section != kind)
            continue;
        /* A text derived when absent and left empty (no area given) says nothing. */
        if ((k->flags & EA_SCHEMA_DERIVED) && k->type == EA_TYPE_TEXT && !base[k->offset])
            continue;
        ea_assumptions_row *r = &g->rows[g->nrows++];
        r->key = k;
        r->value = base + k->offset;
        r->note = note_of(comment_of(ini, sec, k->key), given_in(ini, sec, k->key),
                          k->flags);
        r->overridden = (kind == EA_SEC_ENTRIES || kind == EA_SEC_MODULE) &&
                        overridden(a->sc, sec, k, m);
    }
    return ENG_OK;
}

static int add_groups(ea_assumptions *a, const eng_ini *ini)
{
    static const ea_schema_section shared[] = { EA_SEC_SCENARIO, EA_SEC_BUDGET, EA_SEC_STAFF,
                                                EA_SEC_ENTRIES, EA_SEC_WAITING, EA_SEC_EXITS };
    enum { NSHARED = sizeof shared / sizeof shared[0] };
    a->groups = calloc(NSHARED + EA_NMODULES, sizeof *a->groups);
    if (!a->groups)
        return ENG_EFAIL;
    int status = ENG_OK;
    for (int i = 0; i < NSHARED && status == ENG_OK; i++)
        status = add_group(a, ini, shared[i], -1);
    for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++)
        if (a->sc->modules[m].defined)
            status = add_group(a, ini, EA_SEC_MODULE, m);
    return status;
}

/* Whether the value of key k (module m) differs between departments. */
static int differs(const ea_scenario *sc, const ea_schema_key *k, int m)
{
    char first[VALUE_TEXT], other[VALUE_TEXT];
    ea_assumptions_value_text(sc, k, ea_assumptions_department_value(sc, k, 0, m), first,
                              sizeof first);
    for (int d = 1; d < sc->ndepartments; d++) {
        ea_assumptions_value_text(sc, k, ea_assumptions_department_value(sc, k, d, m), other,
                                  sizeof other);
        if (strcmp(first, other) != 0)
            return 1;
    }
    return 0;
}

/* Where key k (module m) goes: a column, a common key, or nowhere (-1, 0, 1 for nowhere, column,
 * common), with the note of the first department that comments it in *note and that
 * department's index in *noted (-1 when none does). */
static int place_key(const ea_assumptions *a, const eng_ini *ini, const ea_schema_key *k, int m,
                     ea_assumptions_note *note, int *noted)
{
    const ea_scenario *sc = a->sc;
    char sec[EA_MAX_NAME + 48];
    int given = 0;
    *noted = -1;
    for (int d = 0; d < sc->ndepartments; d++) {
        department_section(sc, d, m, sec, sizeof sec);
        int here = given_in(ini, sec, k->key);
        given |= here;
        const char *comment = comment_of(ini, sec, k->key);
        if (comment && *noted < 0) {
            *note = note_of(comment, here, k->flags);
            *noted = d;
        }
    }
    if (*noted < 0)
        *note = note_of(NULL, given, k->flags);
    if (sc->ndepartments > 1 && differs(sc, k, m))
        return 0;
    /* A key read only when given (weight, for --split weight) says nothing when no department gives
     * it. */
    if (!given && ((k->flags & EA_SCHEMA_IF_OVERRIDDEN) ||
                   (k->def && (k->def[0] == '[' || k->def[0] == '\0'))))
        return -1;
    return 1;
}

static int add_extra(ea_assumptions *a, int *cap, int d, const ea_schema_key *k, int m,
                     const char *comment)
{
    if (eng_array_reserve_int(&a->extras, cap, a->nextras + 1, sizeof *a->extras, 16) != 0)
        return ENG_EFAIL;
    ea_assumptions_extra *x = &a->extras[a->nextras++];
    x->department = d;
    x->key = k;
    x->module = m;
    x->note = note_of(comment, 1, k ? k->flags : 0);
    return ENG_OK;
}

/* The comments of department sections that no column or common key shows: those of key k
 * (module m) in every department but `noted`. */
static int add_extras(ea_assumptions *a, int *cap, const eng_ini *ini, const ea_schema_key *k,
                      int m, int noted)
{
    char sec[EA_MAX_NAME + 48];
    for (int d = 0; d < a->sc->ndepartments; d++) {
        department_section(a->sc, d, m, sec, sizeof sec);
        const char *comment = comment_of(ini, sec, k->key);
        if (comment && d != noted && add_extra(a, cap, d, k, m, comment) != ENG_OK)
            return ENG_EFAIL;
    }
    return ENG_OK;
}

/* The department keys, and each module's when the scenario defines it, into columns and common
 * keys; the other comments into extras. */
static int add_departments(ea_assumptions *a, const eng_ini *ini)
{
    const ea_scenario *sc = a->sc;
    char sec[EA_MAX_NAME + 48];
    int ecap = 0;
    department_section(sc, 0, -1, sec, sizeof sec);
    a->departments = note_of(comment_of(ini, sec, NULL), 1, 0);
    for (int d = 1; d < sc->ndepartments; d++) {
        department_section(sc, d, -1, sec, sizeof sec);
        const char *comment = comment_of(ini, sec, NULL);
        if (comment && add_extra(a, &ecap, d, NULL, -1, comment) != ENG_OK)
            return ENG_EFAIL;
    }
    size_t most = (size_t)ea_schema_nkeys * EA_NMODULES;
    a->columns = calloc(most, sizeof *a->columns);
    a->common = calloc(most, sizeof *a->common);
    if (!a->columns || !a->common)
        return ENG_EFAIL;
    for (int m = -1; m < EA_NMODULES; m++) {
        if (m >= 0 && !sc->modules[m].defined)
            continue;
        for (int i = 0; i < ea_schema_nkeys; i++) {
            const ea_schema_key *k = &ea_schema_keys[i];
            if (k->section != (m < 0 ? EA_SEC_DEPARTMENT : EA_SEC_DEPT_MODULE))
                continue;
            ea_assumptions_note note;
            int noted, where = place_key(a, ini, k, m, &note, &noted);
            ea_assumptions_column c = { k, m, note };
            if (where == 0)
                a->columns[a->ncolumns++] = c;
            else if (where == 1)
                a->common[a->ncommon++] = c;
            if (add_extras(a, &ecap, ini, k, m, noted) != ENG_OK)
                return ENG_EFAIL;
        }
    }
    return ENG_OK;
}

/* Adds the references of a note to the ascending list of those cited. */
static int cite(ea_assumptions *a, int *cap, const ea_assumptions_note *n)
{
    for (int r = 0; r < n->nrefs; r++) {
        int i = 0;
        while (i < a->ncited && a->cited[i] < n->refs[r])
            i++;
        if (i < a->ncited && a->cited[i] == n->refs[r])
            continue;
        if (eng_array_reserve_int(&a->cited, cap, a->ncited + 1, sizeof *a->cited, 32) != 0)
            return ENG_EFAIL;
        memmove(a->cited + i + 1, a->cited + i, (size_t)(a->ncited - i) * sizeof *a->cited);
        a->cited[i] = n->refs[r];
        a->ncited++;
    }
    return ENG_OK;
}

static int cite_all(ea_assumptions *a)
{
    int cap = 0, status = cite(a, &cap, &a->departments);
    for (int g = 0; g < a->ngroups && status == ENG_OK; g++) {
        status = cite(a, &cap, &a->groups[g].note);
        for (int r = 0; r < a->groups[g].nrows && status == ENG_OK; r++)
            status = cite(a, &cap, &a->groups[g].rows[r].note);
    }
    for (int c = 0; c < a->ncolumns && status == ENG_OK; c++)
        status = cite(a, &cap, &a->columns[c].note);
    for (int c = 0; c < a->ncommon && status == ENG_OK; c++)
        status = cite(a, &cap, &a->common[c].note);
    for (int x = 0; x < a->nextras && status == ENG_OK; x++)
        status = cite(a, &cap, &a->extras[x].note);
    return status;
}

int ea_assumptions_compute(const ea_scenario *sc, const eng_ini *ini, ea_assumptions *a,
                           eng_error *err)
{
    memset(a, 0, sizeof *a);
    a->sc = sc;
    int status = add_groups(a, ini);
    if (status == ENG_OK && sc->ndepartments > 0)
        status = add_departments(a, ini);
    if (status == ENG_OK)
        status = cite_all(a);
    if (status != ENG_OK) {
        ea_assumptions_clear(a);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour les hypothèses du "
                             "scénario %s", sc->path);
    }
    return ENG_OK;
}

void ea_assumptions_clear(ea_assumptions *a)
{
    if (!a)
        return;
    for (int g = 0; g < a->ngroups; g++)
        free(a->groups[g].rows);
    free(a->groups);
    free(a->columns);
    free(a->common);
    free(a->extras);
    free(a->cited);
    memset(a, 0, sizeof *a);
}
