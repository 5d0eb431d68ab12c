/* ea_param.c — Scenario parameters by name. A value is set in the scenario's INI text (eng_ini_set)
 * and the scenario read again from it, as sweep does: the file's own rules then resolve it (a
 * shared module's duration reaches the departments that do not override it, a share's line is
 * checked to sum to 1), so no second copy of those rules lives here. Reading a scenario is a small
 * cost beside the replications that every value is set for. */
#include "ea_param.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_schema_type.h"

static const struct {
    const char *name;
    ea_schema_section kind;
} fixed[] = { { "scenario", EA_SEC_SCENARIO }, { "budget", EA_SEC_BUDGET },
              { "staff", EA_SEC_STAFF },       { "entries", EA_SEC_ENTRIES },
              { "waiting", EA_SEC_WAITING },   { "exits", EA_SEC_EXITS } };

/* The kind of a section name (lower case), or -1 when no scenario section has that form. */
static int section_kind(const char *section)
{
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (strcmp(section, fixed[i].name) == 0)
            return (int)fixed[i].kind;
    if (strcmp(section, "defaults") == 0)
        return EA_SEC_DEPARTMENT;
    if (strncmp(section, "module.", 7) == 0)
        return ea_scenario_module_index(section + 7) >= 0 ? EA_SEC_MODULE : -1;
    switch (ea_scenario_section_kind(section, NULL, 0)) {
    case EA_SECTION_DEPARTMENT: return EA_SEC_DEPARTMENT;
    case EA_SECTION_DEPT_MODULE: return EA_SEC_DEPT_MODULE;
    default: return -1;
    }
}

/* Whether the schema's key row takes a part after its name, and which. */
static int part_of(const ea_schema_key *row, ea_param_part *part)
{
    switch (row->type) {
    case EA_TYPE_INT:
    case EA_TYPE_REAL: *part = EA_PARAM_NUMBER; return 1;
    case EA_TYPE_DIST:
    case EA_TYPE_DURATION: *part = EA_PARAM_DIST; return 1;
    case EA_TYPE_ROUTING:
    case EA_TYPE_MIX: *part = EA_PARAM_SHARE; return 1;
    default: return 0;
    }
}

/* Tries the split of the name at the dot `at`: SECTION.KEY[.SUB]. */
static int try_split(ea_param *p, size_t at)
{
    if (at >= sizeof p->section)
        return 0;
    snprintf(p->section, sizeof p->section, "%.*s", (int)at, p->name);
    const char *rest = p->name + at + 1, *dot = strchr(rest, '.');
    size_t klen = dot ? (size_t)(dot - rest) : strlen(rest);
    if (klen == 0 || klen >= sizeof p->key)
        return 0;
    snprintf(p->key, sizeof p->key, "%.*s", (int)klen, rest);
    snprintf(p->sub, sizeof p->sub, "%s", dot ? dot + 1 : "");
    int kind = section_kind(p->section);
    const char *check = strcmp(p->section, "defaults") == 0 ? "department.x" : p->section;
    if (kind < 0 || ea_scenario_key_type(check, p->key) == EA_KEY_UNKNOWN)
        return 0;
    p->row = ea_schema_find((ea_schema_section)kind, p->key);
    p->all_departments = strcmp(p->section, "defaults") == 0;
    return p->row != NULL;
}

int ea_param_parse(const char *name, ea_param *p, eng_error *err)
{
    memset(p, 0, sizeof *p);
    if (strlen(name) >= sizeof p->name)
        return eng_error_set(err, ENG_EINPUT, "« %.40s… » : nom de paramètre trop long", name);
    for (size_t i = 0; name[i]; i++)
        p->name[i] = (char)tolower((unsigned char)name[i]);
    int found = 0;
    for (const char *d = strchr(p->name, '.'); d && !found; d = strchr(d + 1, '.'))
        found = try_split(p, (size_t)(d - p->name));
    if (!found)
        return eng_error_set(err, ENG_EINPUT, "« %s » : clé inconnue ; attendu section.clé du format des "
                             "scénarios (voir eaflow help scenario), par exemple "
                             "department.31.entries_per_month, defaults.entries_per_month ou "
                             "module.recherche.duration.mean", p->name);
    if (!part_of(p->row, &p->part))
        return eng_error_set(err, ENG_EINPUT, "« %s » : la clé « %s » n'est pas un nombre ; donnez une clé "
                             "numérique, le paramètre d'une durée (.mean, .sd) ou une part d'une "
                             "orientation ou d'une répartition (.exit.MOTIF, .MODULE)", p->name, p->key);
    if (p->part == EA_PARAM_NUMBER && p->sub[0])
        return eng_error_set(err, ENG_EINPUT, "« %s » : la clé « %s » est un nombre, sans partie « .%s » ; "
                             "écrivez %s.%s", p->name, p->key, p->sub, p->section, p->key);
    if (p->part != EA_PARAM_NUMBER && !p->sub[0])
        return eng_error_set(err, ENG_EINPUT, p->part == EA_PARAM_DIST
                             ? "« %s » : dites quel paramètre de la durée, par exemple %s.mean ou %s.sd"
                             : "« %s » : dites quelle part, par exemple %s.exit.emploi_durable ou "
                               "%s.recherche", p->name, p->name, p->name);
    static const char *const dist_parts[] = { "mean", "sd", "shape", "scale", "value" };
    int known = p->part != EA_PARAM_DIST;
    for (size_t i = 0; i < sizeof dist_parts / sizeof *dist_parts && !known; i++)
        known = strcmp(p->sub, dist_parts[i]) == 0;
    if (!known)
        return eng_error_set(err, ENG_EINPUT, "« %s » : paramètre de durée inconnu « %s » ; attendu mean, "
                             "sd, shape, scale ou value", p->name, p->sub);
    p->integer = p->row->type == EA_TYPE_INT;
    return ENG_OK;
}

/* A name of the scenario for people: underscores read as spaces. */
static void spaced(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s", name);
    for (char *c = buf; *c; c++)
        if (*c == '_')
            *c = ' ';
}

/* Whether words are wanted in English (the messages' language). */
static int english(void)
{
    return eng_msg_get_lang() == ENG_MSG_EN;
}

/* The part of a distribution, or the target of a share, in words. */
static void part_words(const ea_param *p, char *buf, size_t size)
{
    static const char *const dist[][2] = {
        { "mean", ENG_MSG_N("moyenne") }, { "sd", ENG_MSG_N("écart-type") },
        { "shape", ENG_MSG_N("forme") }, { "scale", ENG_MSG_N("échelle") },
        { "value", ENG_MSG_N("valeur") } };
    char name[80];
    buf[0] = '\0';
    if (p->part == EA_PARAM_DIST) {
        for (size_t i = 0; i < sizeof dist / sizeof *dist; i++)
            if (strcmp(p->sub, dist[i][0]) == 0)
                snprintf(buf, size, "%s", eng_msg_tr(dist[i][1]));
    } else if (p->part == EA_PARAM_SHARE && strncmp(p->sub, "exit.", 5) == 0) {
        spaced(name, sizeof name, ea_scenario_reason_label(p->sub + 5, english()));
        snprintf(buf, size, eng_msg_tr("sortie %s"), name);
    } else if (p->part == EA_PARAM_SHARE) {
        snprintf(buf, size, eng_msg_tr("vers %s"), ea_scenario_module_label(p->sub, english()));
    }
}

/* Where the parameter applies, in words; "" for a section of the whole scenario. */
static void where_words(const ea_param *p, ea_param_namer name, void *data, char *buf, size_t size)
{
    char label[160];
    const char *dept = NULL, *module = strstr(p->section, "module.");
    char code[EA_MAX_NAME] = "";
    if (p->all_departments)
        dept = eng_msg_tr("tous les départements");
    else if (ea_scenario_section_kind(p->section, code, sizeof code) != EA_SECTION_OTHER)
        dept = code[0] && strcmp(p->section, "platform") != 0 && strncmp(p->section, "platform.", 9) != 0
                   ? code : NULL;
    buf[0] = '\0';
    if (module)
        snprintf(buf, size, "%s", ea_scenario_module_label(module + 7, english()));
    if (dept && p->all_departments)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? ", " : "", dept);
    else if (dept && name && name(data, dept, label, sizeof label))
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? ", " : "", label);
    else if (dept)
        snprintf(buf + strlen(buf), size - strlen(buf), eng_msg_tr("%sdépartement %s"),
                 buf[0] ? ", " : "", dept);
}

const char *ea_param_label(const ea_param *p, char *buf, size_t size)
{
    return ea_param_label_named(p, " — ", NULL, NULL, buf, size);
}

const char *ea_param_label_named(const ea_param *p, const char *sep, ea_param_namer name,
                                 void *data, char *buf, size_t size)
{
    char part[96], where[256];
    part_words(p, part, sizeof part);
    where_words(p, name, data, where, sizeof where);
    snprintf(buf, size, "%s%s%s%s%s%s", eng_msg_tr(p->row->label_fr), part[0] ? " (" : "", part,
             part[0] ? ")" : "", where[0] ? sep : "", where);
    return buf;
}

/* The index of the department of a section ("department.31", "platform"), or -1. */
static int department_of(const ea_scenario *sc, const char *section)
{
    char code[EA_MAX_NAME];
    if (ea_scenario_section_kind(section, code, sizeof code) == EA_SECTION_OTHER)
        return -1;
    if (strncmp(section, "platform", 8) == 0)
        return sc->single_platform ? 0 : -1;
    for (int d = 0; d < sc->ndepartments; d++)
        if (!sc->single_platform && eng_text_casecmp(sc->departments[d].code, code) == 0)
            return d;
    return -1;
}

/* The module of a module section (module.NAME, department.CODE.module.NAME), or -1. */
static int module_of(const char *section)
{
    const char *m = strstr(section, "module.");
    return m ? ea_scenario_module_index(m + 7) : -1;
}

/* The field of the key in scenario sc, for section `section` (a department's for defaults.KEY),
 * or NULL with err set. */
static void *field_of(const ea_param *p, const ea_scenario *sc, const char *section, eng_error *err)
{
    char *base = NULL;
    int d = -1, m = -1;
    switch (p->row->section) {
    case EA_SEC_ENTRIES: base = (char *)&sc->entries; break;
    case EA_SEC_MODULE:
        m = module_of(section);
        base = m >= 0 && sc->modules[m].defined ? (char *)&sc->modules[m] : NULL;
        break;
    case EA_SEC_DEPARTMENT:
        d = department_of(sc, section);
        base = d >= 0 ? (char *)&sc->departments[d] : NULL;
        break;
    case EA_SEC_DEPT_MODULE:
        d = department_of(sc, section);
        m = module_of(section);
        base = d >= 0 && m >= 0 && sc->departments[d].modules[m].defined
                   ? (char *)&sc->departments[d].modules[m] : NULL;
        break;
    default: base = (char *)sc; break;
    }
    if (!base)
        eng_error_set(err, ENG_EINPUT, "« %s » : le scénario n'a pas de section [%s] ; donnez une section "
                      "du scénario", p->name, section);
    return base ? base + p->row->offset : NULL;
}

/* The place of the distribution parameter in d (p1 or p2), or NULL when its family has none. */
static double *dist_slot(const ea_param *p, eng_dist *d)
{
    int mean_sd = d->kind == ENG_DIST_EXPONENTIAL || d->kind == ENG_DIST_GAMMA ||
                  d->kind == ENG_DIST_LOGNORMAL;
    if (strcmp(p->sub, "mean") == 0 && (mean_sd || d->kind == ENG_DIST_FIXED))
        return &d->p1;
    if (strcmp(p->sub, "value") == 0 && d->kind == ENG_DIST_FIXED)
        return &d->p1;
    if (strcmp(p->sub, "sd") == 0 && (d->kind == ENG_DIST_GAMMA || d->kind == ENG_DIST_LOGNORMAL))
        return &d->p2;
    if (strcmp(p->sub, "shape") == 0 && d->kind == ENG_DIST_WEIBULL)
        return &d->p1;
    if (strcmp(p->sub, "scale") == 0 && d->kind == ENG_DIST_WEIBULL)
        return &d->p2;
    return NULL;
}

/* The index of the share's target in its line (a module, or exit.REASON in a routing), or -1. */
static int share_index(const ea_param *p, const ea_scenario *sc)
{
    int m = ea_scenario_module_index(p->sub);
    if (m >= 0)
        return m;
    if (p->row->type != EA_TYPE_ROUTING || strncmp(p->sub, "exit.", 5) != 0)
        return -1;
    int r = ea_scenario_reason(sc, p->sub + 5);
    return r >= 0 ? EA_NMODULES + r : -1;
}

/* The value of the parameter in the field f of section `section`. */
static int value_in(const ea_param *p, const ea_scenario *sc, void *f, double *x, eng_error *err)
{
    switch (p->part) {
    case EA_PARAM_NUMBER:
        *x = p->integer ? *(int *)f : *(double *)f;
        return ENG_OK;
    case EA_PARAM_DIST: {
        double *slot = dist_slot(p, f);
        if (!slot)
            return eng_error_set(err, ENG_EINPUT, "« %s » : la durée de ce scénario n'a pas de paramètre "
                                 "« %s » (une gamma ou une lognormale : mean, sd ; une exponentielle : "
                                 "mean ; une weibull : shape, scale)", p->name, p->sub);
        *x = *slot;
        return ENG_OK;
    }
    case EA_PARAM_SHARE: {
        int t = share_index(p, sc);
        if (t < 0)
            return eng_error_set(err, ENG_EINPUT, "« %s » : « %s » n'est ni un module ni un motif de "
                                 "sortie exit.MOTIF du scénario", p->name, p->sub);
        *x = ((double *)f)[t];
        return ENG_OK;
    }
    }
    return ENG_OK;
}

typedef struct get_state {
    const ea_param *p;
    const ea_scenario *sc;
    double sum, first;
    int n, spread, status;
    eng_error *err;
} get_state;

static int get_one(const char *section, const char *key, void *data)
{
    (void)key;
    get_state *g = data;
    double x;
    void *f = field_of(g->p, g->sc, section, g->err);
    g->status = f ? value_in(g->p, g->sc, f, &x, g->err) : ENG_EINPUT;
    if (g->status != ENG_OK)
        return 1;
    if (g->n == 0)
        g->first = x;
    g->spread |= x != g->first;
    g->sum += x;
    g->n++;
    return 0;
}

/* The department sections of the scenario, in its order, for defaults.KEY. */
static void department_section(const ea_scenario *sc, int d, char *buf, size_t size)
{
    ea_scenario_department_section(sc, &sc->departments[d], -1, buf, size);
    for (char *c = buf; *c; c++)
        *c = (char)tolower((unsigned char)*c);
}

/* The department key that every department of sc sets instead of p, a shared key of [entries]
 * or [module.NAME]; NULL when some department takes the shared value (or p is no shared key). */
static const char *overridden_by(const ea_param *p, const ea_scenario *sc)
{
    if (p->all_departments || sc->ndepartments == 0)
        return NULL;
    /* The department row whose declared default is this shared key: [entries] per_month is the
     * departments' entries_per_month, [module.NAME] intensity their module's intensity. */
    int m = -1;
    ea_schema_section dsec;
    char def[96];
    if (p->row->section == EA_SEC_ENTRIES) {
        dsec = EA_SEC_DEPARTMENT;
        snprintf(def, sizeof def, "[entries] %s", p->key);
    } else if (p->row->section == EA_SEC_MODULE && strncmp(p->section, "module.", 7) == 0) {
        dsec = EA_SEC_DEPT_MODULE;
        m = ea_scenario_module_index(p->section + 7);
        snprintf(def, sizeof def, "[module.NAME] %s", p->key);
    } else {
        return NULL;
    }
    const ea_schema_key *row = NULL;
    for (int i = 0; i < ea_schema_nkeys && !row; i++) {
        const ea_schema_key *k = &ea_schema_keys[i];
        if (k->section == dsec && k->ovr && k->def && strcmp(k->def, def) == 0)
            row = k;
    }
    if (!row || (dsec == EA_SEC_DEPT_MODULE && m < 0))
        return NULL;
    for (int d = 0; d < sc->ndepartments; d++) {
        unsigned set = m >= 0 ? sc->departments[d].module_overrides[m] : sc->departments[d].overrides;
        if (!(set & row->ovr))
            return NULL;
    }
    return row->key;
}

int ea_param_check_effect(const ea_param *p, const ea_scenario *sc, eng_error *err)
{
    const char *dkey = overridden_by(p, sc);
    if (dkey && p->row->section == EA_SEC_ENTRIES)
        return eng_error_set(err, ENG_EINPUT, "« %s » : sans effet, chaque département donne sa "
                             "propre valeur (%s) ; faites varier defaults.%s (tous les "
                             "départements à la fois) ou department.CODE.%s", p->name, dkey, dkey,
                             dkey);
    if (dkey)
        return eng_error_set(err, ENG_EINPUT, "« %s » : sans effet, chaque département donne sa "
                             "propre valeur ([department.CODE.%s] %s) ; faites varier "
                             "department.CODE.%s.%s%s%s", p->name, p->section, dkey, p->section,
                             dkey, p->sub[0] ? "." : "", p->sub);
    return ENG_OK;
}

int ea_param_get(const ea_param *p, const ea_scenario *sc, double *value, int *spread,
                 eng_error *err)
{
    /* A shared value that no department takes: changing it changes nothing, and a calibration or a
     * sensitivity analysis of it would report an estimate or an index of nothing. */
    if (ea_param_check_effect(p, sc, err) != ENG_OK)
        return ENG_EINPUT;
    get_state g = { .p = p, .sc = sc, .err = err };
    if (p->all_departments) {
        char sec[160];
        for (int d = 0; d < sc->ndepartments && !g.status; d++) {
            department_section(sc, d, sec, sizeof sec);
            get_one(sec, p->key, &g);
        }
    } else {
        get_one(p->section, p->key, &g);
    }
    if (g.status != ENG_OK)
        return g.status;
    *value = g.n ? g.sum / g.n : NAN;
    if (spread)
        *spread = g.spread;
    return ENG_OK;
}

void ea_param_domain(const ea_param *p, double *lo, double *hi, int *lo_open)
{
    *lo = p->row->min;
    *hi = p->row->max;
    *lo_open = (p->row->flags & EA_SCHEMA_MIN_EXCLUSIVE) != 0;
    if (p->part == EA_PARAM_SHARE) {
        *lo = 0;
        *hi = 1;
        *lo_open = 0;
    } else if (p->part == EA_PARAM_DIST) {
        /* The schema bounds a distribution's mean; its sd, shape and scale are > 0, and a mean is
         * > 0 even where the schema's least mean is 0 (a waiting time). */
        int mean = strcmp(p->sub, "mean") == 0 || strcmp(p->sub, "value") == 0;
        if (!mean)
            *lo = 0;
        *lo_open = *lo <= 0;
    }
}

int ea_param_in_domain(const ea_param *p, double x)
{
    double lo, hi;
    int open;
    ea_param_domain(p, &lo, &hi, &open);
    return isfinite(x) && (open ? x > lo : x >= lo) && x <= hi;
}

/* The text of the field f with the parameter set to x, into buf. */
static int text_of(const ea_param *p, const ea_scenario *sc, const char *section, void *f, double x,
                   char *buf, size_t size, eng_error *err)
{
    if (p->part == EA_PARAM_NUMBER) {
        if (p->integer)
            snprintf(buf, size, "%.0f", round(x));
        else
            eng_text_format_double(buf, size, x);
        return ENG_OK;
    }
    if (p->part == EA_PARAM_DIST) {
        eng_dist d = *(eng_dist *)f;
        double *slot = dist_slot(p, &d);
        if (!slot)
            return value_in(p, sc, f, &x, err);
        *slot = x;
        eng_dist_format(&d, buf, size);
        return ENG_OK;
    }
    double line[EA_MAX_TARGETS];
    int n = p->row->type == EA_TYPE_ROUTING ? EA_MAX_TARGETS : EA_NMODULES, t = share_index(p, sc);
    memcpy(line, f, (size_t)n * sizeof *line);
    double others = 1 - line[t];
    if (others <= 1e-12 && x < 1)
        return eng_error_set(err, ENG_EINPUT, "« %s » : les autres parts de la ligne sont nulles, on ne "
                             "peut pas les agrandir ; donnez-leur une part dans le scénario", p->name);
    for (int i = 0; i < n; i++)
        line[i] = i == t ? x : others > 1e-12 ? line[i] * (1 - x) / others : 0;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    int status = ea_schema_type_write(p->row, line, sc,
                                      &(ea_schema_type_out){ .f = mem, .section = section, .err = err });
    fclose(mem);
    if (status == ENG_OK)
        snprintf(buf, size, "%s", text);
    free(text);
    return status;
}

int ea_param_each_section(const ea_param *p, const eng_ini *ini,
                          int (*each)(const char *section, const char *key, void *data), void *data)
{
    if (!p->all_departments)
        return each(p->section, p->key, data);
    for (int i = 0; i < eng_ini_nsections(ini); i++) {
        const char *sec = eng_ini_section(ini, i);
        if (ea_scenario_section_kind(sec, NULL, 0) != EA_SECTION_DEPARTMENT)
            continue;
        int r = each(sec, p->key, data);
        if (r)
            return r;
    }
    return 0;
}

typedef struct set_state {
    const ea_param *p;
    const ea_scenario *sc;
    eng_ini *ini;
    double x;
    int status;
    eng_error *err;
} set_state;

static int set_one(const char *section, const char *key, void *data)
{
    set_state *s = data;
    char text[ENG_INI_MAX_LINE];
    void *f = s->p->part == EA_PARAM_NUMBER ? NULL : field_of(s->p, s->sc, section, s->err);
    if (s->p->part != EA_PARAM_NUMBER && !f)
        s->status = ENG_EINPUT;
    else
        s->status = text_of(s->p, s->sc, section, f, s->x, text, sizeof text, s->err);
    if (s->status == ENG_OK)
        s->status = eng_ini_set(s->ini, section, key, text, s->err);
    return s->status != ENG_OK;
}

int ea_param_apply(const ea_param *p, int n, const double *x, eng_ini *ini, ea_scenario *sc,
                   eng_error *err)
{
    int status = ENG_OK;
    for (int i = 0; i < n && status == ENG_OK; i++) {
        if (!ea_param_in_domain(&p[i], x[i])) {
            char v[64];
            eng_text_format_double(v, sizeof v, x[i]);
            return eng_error_set(err, ENG_EINPUT, "« %s » : la valeur %s sort de son domaine", p[i].name, v);
        }
        /* A distribution or a share is written from the line as the previous values left it. */
        ea_scenario cur;
        int parsed = p[i].part != EA_PARAM_NUMBER;
        if (parsed && (status = ea_scenario_from_ini(ini, &cur, err)) != ENG_OK)
            break;
        set_state s = { .p = &p[i], .sc = parsed ? &cur : NULL, .ini = ini, .x = x[i], .err = err };
        ea_param_each_section(&p[i], ini, set_one, &s);
        status = s.status;
        if (parsed)
            ea_scenario_clear(&cur);
    }
    if (status == ENG_OK)
        status = ea_scenario_from_ini(ini, sc, err);
    if (status == ENG_EINPUT && n > 0)
        eng_error_prefix(err, "%s : ", n == 1 ? p[0].name : eng_msg_tr("paramètres libres"));
    return status;
}
