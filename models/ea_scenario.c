/* ea_scenario.c — Reading a scenario: the sections recognised and checked, each read through the
 * schema, the departments resolved from the shared values and their overrides, and the pathway
 * checks; with the names shared by the modules that read or write scenarios. */
#include "ea_scenario.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_guard.h"
#include "ea_schema.h"
#include "ea_schema_type.h"

const char *const ea_scenario_module_names[EA_NMODULES] = { "evaluation", "projet", "recherche",
                                                            "maintien" };

/* ------------------------------------------------------------------------------------------------
 * Months and schedules */

double ea_scenario_schedule_at(const ea_scenario_schedule *s, int month, double base)
{
    /* Binary search for the last step at or before `month`: the engine asks every month. */
    int lo = 0, hi = s->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (s->steps[mid].month <= month)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 ? s->steps[lo - 1].value : base;
}

double ea_scenario_entry_rate(const ea_scenario_entries *e, int start, int month)
{
    double rate = ea_scenario_schedule_at(&e->schedule, month, e->per_month) *
                  e->seasonality[((month % 12) + 12) % 12];
    return e->growth != 0 ? rate * pow(1 + e->growth, (month - start) / 12.0) : rate;
}

/* The words of the modules and of the usual reasons, in French and in English: the one list every
 * output names them from (charts, tables, terminal, parameters). */
typedef struct label {
    const char *name, *fr, *en;
} label;

static const label module_labels[] = {
    { "evaluation", "évaluation", "assessment" },
    { "projet", "projet professionnel", "career plan" },
    { "recherche", "recherche d'emploi", "job search" },
    { "maintien", "maintien dans l'emploi", "job retention" },
};

static const label reason_labels[] = {
    { "emploi_durable", "emploi durable", "lasting employment" },
    { "reorientation", "réorientation", "referral elsewhere" },
    { "abandon", "abandon", "drop-out" },
    { "autre", "autre motif", "other reason" },
};

static const char *label_of(const label *table, size_t n, const char *name, int english)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(table[i].name, name) == 0)
            return english ? table[i].en : table[i].fr;
    return name;
}

const char *ea_scenario_area_label(const ea_scenario *sc)
{
    return sc->area[0] ? sc->area : eng_msg_tr("Région");
}

const char *ea_scenario_module_label(const char *module, int english)
{
    return label_of(module_labels, sizeof module_labels / sizeof *module_labels, module, english);
}

const char *ea_scenario_reason_label(const char *reason, int english)
{
    return label_of(reason_labels, sizeof reason_labels / sizeof *reason_labels, reason, english);
}

double ea_scenario_direct_hours_per_fte(const ea_scenario *sc)
{
    return sc->hours_per_fte_month * sc->direct_share;
}

void ea_scenario_exit_shares(const ea_scenario *sc, const double *mix, double *share)
{
    double in[EA_NMODULES], next[EA_NMODULES];
    memcpy(in, mix, sizeof in);
    for (int r = 0; r < sc->nreasons; r++)
        share[r] = 0;
    /* The mass still among modules moves one step a pass; it falls geometrically, since every
     * module of a valid scenario leads out in the end. */
    for (int step = 0; step < 10000; step++) {
        double left = 0;
        for (int j = 0; j < EA_NMODULES; j++)
            next[j] = 0;
        for (int m = 0; m < EA_NMODULES; m++) {
            if (in[m] == 0)
                continue;
            const double *route = sc->modules[m].next;
            for (int j = 0; j < EA_NMODULES; j++)
                next[j] += in[m] * route[j];
            for (int r = 0; r < sc->nreasons; r++)
                share[r] += in[m] * route[EA_NMODULES + r];
        }
        for (int j = 0; j < EA_NMODULES; j++)
            left += in[j] = next[j];
        if (left < 1e-15)
            break;
    }
}

int ea_scenario_has_hours(const ea_scenario *sc)
{
    for (int d = 0; d < sc->ndepartments; d++)
        for (int m = 0; m < EA_NMODULES; m++)
            if (sc->departments[d].modules[m].defined && sc->departments[d].modules[m].intensity != 0)
                return 1;
    return 0;
}

void ea_scenario_warn_direct_share(const ea_scenario *sc, FILE *f)
{
    if (f && sc->direct_share == 1 && ea_scenario_has_hours(sc))
        fprintf(f, eng_msg_tr("eaflow : attention : %s : staff.direct_share vaut 1 (sa valeur "
                              "quand la clé manque) : les ETP nécessaires comptent alors tout le "
                              "temps des conseillers comme de l'accompagnement direct, et sont "
                              "sous-estimés ; donnez dans [staff] la part de leur temps passée "
                              "auprès des personnes (direct_share = 0.5 dans les scénarios livrés : "
                              "voir scenarios/SOURCES.md)\n"),
                sc->path);
}

void ea_scenario_warn_placeholders(const ea_scenario *sc, FILE *f)
{
    if (f && sc->placeholders[0])
        fprintf(f, eng_msg_tr("eaflow : attention : %s : valeurs provisoires à renseigner avant de "
                              "lire les résultats : %s (clé placeholders de [scenario]) ; les "
                              "places, le personnel et le budget qui en dépendent ne disent rien "
                              "tant qu'elles restent ; retirez la clé une fois ces valeurs "
                              "données\n"),
                sc->path, sc->placeholders);
}

/* ------------------------------------------------------------------------------------------------
 * Names */

int ea_scenario_reason(const ea_scenario *sc, const char *name)
{
    for (int r = 0; r < sc->nreasons; r++)
        if (strcmp(sc->reasons[r], name) == 0)
            return r;
    return -1;
}

int ea_scenario_module_index(const char *name)
{
    for (int m = 0; m < EA_NMODULES; m++)
        if (eng_text_casecmp(name, ea_scenario_module_names[m]) == 0)
            return m;
    return -1;
}

const char *ea_scenario_closest_module(const char *name)
{
    return ea_schema_closest(name, ea_scenario_module_names, EA_NMODULES);
}

void ea_scenario_defined_modules(const ea_scenario *sc, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int m = 0; m < EA_NMODULES; m++)
        if (sc->modules[m].defined)
            ea_schema_list_add(buf, size, ea_scenario_module_names[m]);
}

void ea_scenario_target_name(const ea_scenario *sc, int t, char *buf, size_t size)
{
    if (t < EA_NMODULES)
        snprintf(buf, size, "%s", ea_scenario_module_names[t]);
    else
        snprintf(buf, size, "exit.%s", sc->reasons[t - EA_NMODULES]);
}

int ea_scenario_valid_code(const char *code, size_t len)
{
    if (len == 0 || len >= EA_MAX_NAME || code[0] == '-')
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)code[i]) && code[i] != '_' && code[i] != '-')
            return 0;
    return 1;
}

int ea_scenario_valid_reason(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len >= EA_MAX_NAME)
        return 0;
    for (const char *q = name; *q; q++)
        if (!islower((unsigned char)*q) && !isdigit((unsigned char)*q) && *q != '_')
            return 0;
    return 1;
}

void ea_scenario_department_section(const ea_scenario *sc, const ea_scenario_department *d, int m,
                                    char *buf, size_t size)
{
    const char *base = sc->single_platform ? "platform" : "department.";
    const char *code = sc->single_platform ? "" : d->code;
    if (m < 0)
        snprintf(buf, size, "%s%s", base, code);
    else
        snprintf(buf, size, "%s%s.module.%s", base, code, ea_scenario_module_names[m]);
}

void ea_scenario_copy_text(char *dst, size_t size, const char *src, size_t n)
{
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void ea_scenario_stem(const char *path, char *buf, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    ea_scenario_copy_text(buf, size, base, n);
}

/* ------------------------------------------------------------------------------------------------
 * Errors */

typedef struct ctx {
    const eng_ini *ini;
    const char *path;
    ea_scenario *sc;
    eng_error *err;
} ctx;

/* Formats `PATH:LINE: [section] key: message` (no LINE when 0, no key when NULL). */
static int sc_error(const ctx *c, int line, const char *sec, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int sc_error(const ctx *c, int line, const char *sec, const char *key, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, eng_msg_tr(fmt), ap);
    va_end(ap);
    return ea_schema_error(c->err, c->path, line, sec, key, "%s", msg);
}

static int out_of_memory(const ctx *c)
{
    return eng_error_set(c->err, ENG_EFAIL, "mémoire insuffisante pour lire %s", c->path);
}

/* Parses every key of one section of the given kind into base; keys given set their bit in *ovr
 * (when not NULL). Absent keys take their default, except derived ones, which the caller filled. */
static int parse_section(const ctx *c, ea_schema_section kind, const char *secname, void *base,
                         unsigned *ovr)
{
    const char *spelled = eng_ini_section_spelling(c->ini, secname);
    int header = eng_ini_section_line(c->ini, secname);
    if (!spelled)
        spelled = secname;
    for (int i = 0; i < ea_schema_nkeys; i++) {
        const ea_schema_key *k = &ea_schema_keys[i];
        if (k->section != kind)
            continue;
        void *dest = (char *)base + k->offset;
        const char *text = eng_ini_get(c->ini, secname, k->key);
        ea_schema_type_at at = { c->path, spelled, header, NULL, c->sc, c->err };
        int status = ENG_OK;
        if (text) {
            at.line = eng_ini_line(c->ini, secname, k->key);
            status = ea_schema_type_parse(k, text, dest, &at);
            if (status == ENG_OK && ovr)
                *ovr |= k->ovr;
        } else if (k->flags & EA_SCHEMA_DERIVED) {
            continue;
        } else if (!k->def) {
            status = sc_error(c, header, spelled, k->key, "clé obligatoire absente (%s) ; ajoutez-la",
                              eng_msg_tr(k->help));
        } else {
            at.deftext = k->def;
            status = ea_schema_type_parse(k, k->def, dest, &at);
        }
        if (status != ENG_OK)
            return status;
    }
    return ENG_OK;
}

/* ------------------------------------------------------------------------------------------------
 * Sections */

typedef struct sec_info {
    ea_schema_section kind;
    int module;           /* EA_SEC_MODULE, EA_SEC_DEPT_MODULE */
    int platform;         /* [platform] or [platform.module.NAME] */
    size_t code_at;       /* department code: offset and length in the section name */
    size_t code_len;
} sec_info;

static const struct {
    const char *name;
    ea_schema_section kind;
} fixed_sections[] = {{"scenario", EA_SEC_SCENARIO}, {"budget", EA_SEC_BUDGET},
                      {"staff", EA_SEC_STAFF},       {"entries", EA_SEC_ENTRIES},
                      {"waiting", EA_SEC_WAITING},   {"exits", EA_SEC_EXITS},
                      {"platform", EA_SEC_DEPARTMENT}};

#define NFIXED ((int)(sizeof fixed_sections / sizeof fixed_sections[0]))

static const char *after_prefix(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(s, prefix, n) == 0 ? s + n : NULL;
}

static int unknown_module(const ctx *c, int line, const char *spelled, const char *name)
{
    return sc_error(c, line, spelled, NULL,
                "module inconnu %s ; attendu evaluation, projet, recherche ou maintien", name);
}

static int unknown_section(const ctx *c, int line, const char *name, const char *spelled)
{
    /* Candidates: the fixed sections, the modules, and for a name with a dot, the department
     * section with the same code (for a misspelled "department."). */
    char names[NFIXED + EA_NMODULES + 1][EA_MAX_NAME + 32];
    const char *cands[NFIXED + EA_NMODULES + 1];
    int n = 0;
    for (int i = 0; i < NFIXED; i++)
        cands[n++] = fixed_sections[i].name;
    for (int m = 0; m < EA_NMODULES; m++) {
        snprintf(names[n], sizeof names[n], "module.%s", ea_scenario_module_names[m]);
        cands[n] = names[n];
        n++;
    }
    const char *dot = strchr(name, '.');
    if (dot && strlen(dot) < EA_MAX_NAME) {
        snprintf(names[n], sizeof names[n], "department%s", dot);
        cands[n] = names[n];
        n++;
    }
    const char *near = ea_schema_closest(name, cands, n);
    if (near)
        return sc_error(c, line, spelled, NULL, "section inconnue (vouliez-vous dire [%s] ?)", near);
    return sc_error(c, line, spelled, NULL,
                "section inconnue ; attendu [scenario], [budget], [staff], [entries], [waiting], "
                "[exits], [module.NOM], [platform] ou [department.CODE]");
}

/* A department code of a section name: valid, and not "region", the code of [platform]. */
static int section_code(const char *code, size_t len)
{
    return ea_scenario_valid_code(code, len) && !(len == 6 && strncasecmp(code, "region", 6) == 0);
}

/* An error for the invalid department code of `len` bytes at `code` in the section `spelled`: the
 * section is shown as written, so the message says what is wrong with the code rather than
 * quoting it (an empty code, or one with quotes, would read as "" or ""31""). */
static int bad_code(const ctx *c, int line, const char *spelled, const char *code, size_t len)
{
    char what[96];
    const int max = EA_MAX_NAME - 1;
    size_t i = 0;
    while (i < len && (isalnum((unsigned char)code[i]) || code[i] == '_' || code[i] == '-'))
        i++;
    if (len == 0)
        return sc_error(c, line, spelled, NULL,
                    "code de département absent ; écrivez [department.CODE], le code fait de 1 à "
                    "%d lettres, chiffres, _ ou -, comme [department.31]", max);
    if (code[0] == '-')
        snprintf(what, sizeof what, "%s", eng_msg_tr("commence par -"));
    else if (i == len && len > (size_t)max)
        snprintf(what, sizeof what, eng_msg_tr("a %zu caractères"), len);
    else if (i == len)
        snprintf(what, sizeof what, "%s", eng_msg_tr("region est celui de [platform]"));
    else if (code[i] == ' ' || code[i] == '\t')
        snprintf(what, sizeof what, "%s",
                 code[i] == ' ' ? eng_msg_tr("contient une espace") : eng_msg_tr("contient une tabulation"));
    else if ((unsigned char)code[i] < 0x20 || code[i] == 0x7f)
        snprintf(what, sizeof what, eng_msg_tr("contient le caractère de contrôle 0x%02X"),
                 (unsigned)code[i]);
    else {
        /* The whole character: a UTF-8 lead byte and its continuation bytes. */
        int n = 1;
        while (i + n < len && n < 4 && ((unsigned char)code[i + n] & 0xC0) == 0x80)
            n++;
        snprintf(what, sizeof what, eng_msg_tr("contient le caractère %.*s"), n, code + i);
    }
    return sc_error(c, line, spelled, NULL, "le code de département %s ; attendu 1 à %d lettres, "
                "chiffres, _ ou -, sans - au début, autre que region", what, max);
}

/* Recognises the section `name` (lower case; `spelled` as written, for messages). */
static int classify(const ctx *c, const char *name, const char *spelled, int line, sec_info *si)
{
    memset(si, 0, sizeof *si);
    for (int i = 0; i < NFIXED; i++)
        if (strcmp(name, fixed_sections[i].name) == 0) {
            si->kind = fixed_sections[i].kind;
            si->platform = si->kind == EA_SEC_DEPARTMENT;
            return ENG_OK;
        }
    const char *rest = after_prefix(name, "module.");
    if (rest) {
        si->kind = EA_SEC_MODULE;
    } else if ((rest = after_prefix(name, "platform.module."))) {
        si->kind = EA_SEC_DEPT_MODULE;
        si->platform = 1;
    }
    if (rest) {
        si->module = ea_scenario_module_index(rest);
        return si->module < 0 ? unknown_module(c, line, spelled, rest) : ENG_OK;
    }
    if (!(rest = after_prefix(name, "department.")))
        return unknown_section(c, line, name, spelled);
    const char *dot = strchr(rest, '.');
    si->code_at = (size_t)(rest - name);
    si->code_len = dot ? (size_t)(dot - rest) : strlen(rest);
    if (!section_code(rest, si->code_len))
        return bad_code(c, line, spelled, spelled + si->code_at, si->code_len);
    if (!dot) {
        si->kind = EA_SEC_DEPARTMENT;
        return ENG_OK;
    }
    const char *mod = after_prefix(dot + 1, "module.");
    if (!mod)
        return sc_error(c, line, spelled, NULL,
                    "section inconnue ; attendu [department.%.*s] ou [department.%.*s.module.NOM]",
                    (int)si->code_len, spelled + si->code_at, (int)si->code_len,
                    spelled + si->code_at);
    si->kind = EA_SEC_DEPT_MODULE;
    si->module = ea_scenario_module_index(mod);
    return si->module < 0 ? unknown_module(c, line, spelled, mod) : ENG_OK;
}

/* Every key of the section must be in the schema for its kind. */
static int check_keys(const ctx *c, ea_schema_section kind, const char *name, const char *spelled)
{
    for (int j = 0; j < eng_ini_nkeys(c->ini, name); j++) {
        const char *key = eng_ini_key(c->ini, name, j);
        if (!ea_schema_find(kind, key))
            return ea_schema_unknown_key(c->err, c->path, eng_ini_line(c->ini, name, key), kind,
                                         spelled, key);
    }
    return ENG_OK;
}

/* First pass: every section and key is known, the modules defined, and the platform layout is
 * one [platform] or some [department.CODE] sections. */
static int check_layout(const ctx *c)
{
    ea_scenario *sc = c->sc;
    int platform_line = 0, ndept = 0, dept_line = 0, nmodules = 0;
    const char *first_dept = NULL;
    for (int i = 0; i < eng_ini_nsections(c->ini); i++) {
        const char *name = eng_ini_section(c->ini, i);
        const char *spelled = eng_ini_section_spelling(c->ini, name);
        int line = eng_ini_section_line(c->ini, name);
        /* [uncertainty] has free-form keys, read by ea_uncertainty; the scenario has no use of it. */
        if (strcmp(name, EA_SCENARIO_UNCERTAINTY_SECTION) == 0)
            continue;
        sec_info si;
        int status = classify(c, name, spelled, line, &si);
        if (status == ENG_OK)
            status = check_keys(c, si.kind, name, spelled);
        if (status != ENG_OK)
            return status;
        if (si.kind == EA_SEC_MODULE) {
            sc->modules[si.module].defined = 1;
            nmodules++;
        } else if (si.kind == EA_SEC_DEPARTMENT && si.platform) {
            platform_line = line;
        } else if (si.kind == EA_SEC_DEPARTMENT) {
            if (ndept++ == 0) {
                first_dept = spelled;
                dept_line = line;
            }
        }
    }
    if (platform_line && ndept)
        return sc_error(c, platform_line, "platform", NULL,
                    "ne peut aller avec [%s] (ligne %d) ; gardez soit une section [platform] "
                    "pour une plateforme unique, soit une section [department.CODE] par "
                    "département",
                    first_dept, dept_line);
    if (!platform_line && !ndept)
        return eng_error_set(c->err, ENG_EINPUT,
                            "%s : ni section [platform] ni section [department.CODE] ; "
                            "ajoutez une section [platform] pour une plateforme unique, ou une "
                            "section [department.CODE] par département, chacune avec places",
                            c->path);
    if (nmodules == 0)
        return eng_error_set(c->err, ENG_EINPUT,
                            "%s : aucune section [module.NOM] ; ajoutez au moins l'une de "
                            "[module.evaluation], [module.projet], [module.recherche] et "
                            "[module.maintien], chacune avec duration et next",
                            c->path);
    sc->single_platform = platform_line != 0;
    sc->ndepartments = platform_line ? 1 : ndept;
    return ENG_OK;
}

/* ------------------------------------------------------------------------------------------------
 * Pathway checks */

int ea_scenario_stuck_module(const ea_scenario_module mods[EA_NMODULES])
{
    int reach[EA_NMODULES] = {0};
    for (int changed = 1; changed;) {
        changed = 0;
        for (int m = 0; m < EA_NMODULES; m++) {
            if (!mods[m].defined || reach[m])
                continue;
            for (int t = 0; t < EA_MAX_TARGETS; t++)
                if (mods[m].next[t] > 0 && (t >= EA_NMODULES || reach[t])) {
                    reach[m] = changed = 1;
                    break;
                }
        }
    }
    for (int m = 0; m < EA_NMODULES; m++)
        if (mods[m].defined && !reach[m])
            return m;
    return -1;
}

/* Share of each module in the stationary file active: a module holds its expected visits times
 * its mean duration (ea_guard_pathway). The pathway must have passed ea_guard_check_pathway, so
 * that the visits are finite. */
static void stationary_mix(const double *mix, const ea_scenario_module *mods,
                           double out[EA_NMODULES])
{
    ea_guard_pathway path;
    ea_guard_pathway_compute(mix, mods, &path);
    for (int m = 0; m < EA_NMODULES; m++)
        out[m] = path.months[m] / path.months_total;
}

/* ------------------------------------------------------------------------------------------------
 * Loading */

static int copy_module(ea_scenario_module *dst, const ea_scenario_module *src, eng_error *err)
{
    *dst = *src;
    memset(&dst->duration, 0, sizeof dst->duration);
    return eng_dist_copy(&dst->duration, &src->duration, err);
}

static int copy_entries(const ctx *c, ea_scenario_entries *dst, const ea_scenario_entries *src)
{
    *dst = *src;
    dst->schedule.steps = NULL;
    if (src->schedule.n == 0)
        return ENG_OK;
    size_t size = (size_t)src->schedule.n * sizeof *src->schedule.steps;
    if (!(dst->schedule.steps = malloc(size))) {
        dst->schedule.n = 0;
        return out_of_memory(c);
    }
    memcpy(dst->schedule.steps, src->schedule.steps, size);
    return ENG_OK;
}

/* A growth rate and a schedule do not go together: a schedule already gives the rate of each
 * period, and compounding a growth over it would count the growth twice. The message names the
 * key the section itself gave (its growth, else its schedule), else the shared [entries] growth. */
static int check_growth(const ctx *c, const char *secname, const ea_scenario_entries *e,
                        unsigned overrides)
{
    if (e->growth == 0 || e->schedule.n == 0)
        return ENG_OK;
    const char *sec = "entries", *key = "growth";
    if (secname && (overrides & (EA_OVR_GROWTH | EA_OVR_SCHEDULE))) {
        sec = secname;
        key = overrides & EA_OVR_GROWTH ? "growth" : "schedule";
    }
    return sc_error(c, eng_ini_line(c->ini, sec, key), eng_ini_section_spelling(c->ini, sec), key,
                    "growth et schedule ne vont pas ensemble : un calendrier donne déjà le taux de "
                    "chaque période ; écrivez le taux de chaque année dans schedule, ou gardez "
                    "per_month (entries_per_month) avec growth");
}

static int load_department(const ctx *c, const char *secname, const sec_info *si,
                           ea_scenario_department *d)
{
    ea_scenario *sc = c->sc;
    const char *spelled = eng_ini_section_spelling(c->ini, secname);
    if (si->platform)
        snprintf(d->code, sizeof d->code, "region");
    else
        ea_scenario_copy_text(d->code, sizeof d->code, spelled + si->code_at, si->code_len);
    snprintf(d->name, sizeof d->name, "%s", d->code);
    int status = copy_entries(c, &d->entries, &sc->entries);
    for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++)
        if (sc->modules[m].defined)
            status = copy_module(&d->modules[m], &sc->modules[m], c->err);
    if (status == ENG_OK)
        status = parse_section(c, EA_SEC_DEPARTMENT, secname, d, &d->overrides);
    if (status == ENG_OK)
        status = check_growth(c, secname, &d->entries, d->overrides);
    if (status == ENG_OK && sc->capacity_mode == EA_CAPACITY_STAFF && !(d->fte > 0)) {
        int line = eng_ini_line(c->ini, secname, "fte");
        return sc_error(c, line ? line : eng_ini_section_line(c->ini, secname), spelled, "fte",
                    "doit être > 0 quand [staff] capacity_mode = staff ; donnez les conseillers "
                    "de ce département, en équivalent temps plein");
    }
    return status;
}

static ea_scenario_department *find_department(const ea_scenario *sc, const char *code, size_t len)
{
    for (int i = 0; i < sc->ndepartments; i++) {
        char buf[EA_MAX_NAME];
        ea_scenario_copy_text(buf, sizeof buf, code, len);
        if (eng_text_casecmp(sc->departments[i].code, buf) == 0)
            return &sc->departments[i];
    }
    return NULL;
}

static int load_module_override(const ctx *c, const char *secname, const sec_info *si)
{
    ea_scenario *sc = c->sc;
    const char *spelled = eng_ini_section_spelling(c->ini, secname);
    int line = eng_ini_section_line(c->ini, secname);
    ea_scenario_department *d = NULL;
    if (si->platform && sc->single_platform)
        d = &sc->departments[0];
    else if (!si->platform && !sc->single_platform)
        d = find_department(sc, spelled + si->code_at, si->code_len);
    if (!d) {
        if (si->platform)
            return sc_error(c, line, spelled, NULL, "aucune section [platform] à surcharger ; écrivez "
                        "des sections [department.CODE.module.NOM] quand il y a des départements");
        return sc_error(c, line, spelled, NULL, "aucune section [department.%.*s] ; attendu le code "
                    "d'une section [department.CODE], ou [platform.module.NOM] pour une "
                    "plateforme unique", (int)si->code_len, spelled + si->code_at);
    }
    const char *mod = ea_scenario_module_names[si->module];
    if (!sc->modules[si->module].defined) {
        char defined[128];
        ea_scenario_defined_modules(sc, defined, sizeof defined);
        return sc_error(c, line, spelled, NULL, "le module %s n'a pas de section commune [module.%s] ; "
                    "on ne surcharge que des modules définis dans ce fichier : %s", mod, mod, defined);
    }
    return parse_section(c, EA_SEC_DEPT_MODULE, secname, &d->modules[si->module],
                         &d->module_overrides[si->module]);
}

/* Checks the resolved pathway of a department (a way out of every module, and a plausible number
 * of visits) and fills its default initial mix. */
static int finish_department(const ctx *c, ea_scenario_department *d)
{
    const ea_scenario *sc = c->sc;
    char sec[EA_MAX_NAME + 64];
    int stuck = ea_scenario_stuck_module(d->modules);
    if (stuck >= 0) {
        /* The shared routing passed this check, so an override of `next` broke it: name that of
         * the stuck module if any, else the first one. */
        int at = -1;
        for (int m = 0; m < EA_NMODULES; m++)
            if ((d->module_overrides[m] & EA_OVR_NEXT) && (at < 0 || m == stuck))
                at = m;
        ea_scenario_department_section(sc, d, at, sec, sizeof sec);
        return sc_error(c, eng_ini_line(c->ini, sec, "next"), eng_ini_section_spelling(c->ini, sec),
                    "next",
                    "aucun chemin de %s vers une sortie dans ce département ; il faut des "
                    "destinations de probabilité > 0 qui mènent à exit.MOTIF",
                    ea_scenario_module_names[stuck]);
    }
    int status = ea_guard_check_pathway(sc, d, c->err);
    if (status == ENG_OK && !(d->overrides & EA_OVR_INITIAL_MIX))
        stationary_mix(d->entries.mix, d->modules, d->initial_mix);
    return status;
}

static int load_platforms(const ctx *c)
{
    ea_scenario *sc = c->sc;
    sc->departments = calloc((size_t)sc->ndepartments, sizeof *sc->departments);
    if (!sc->departments)
        return out_of_memory(c);
    int nsec = eng_ini_nsections(c->ini), n = 0, status = ENG_OK;
    /* Departments first, in file order, so that overrides find them wherever they are. */
    for (int pass = 0; pass < 2 && status == ENG_OK; pass++)
        for (int i = 0; i < nsec && status == ENG_OK; i++) {
            const char *name = eng_ini_section(c->ini, i);
            sec_info si;
            /* check_layout has accepted every section, so this cannot fail. */
            classify(c, name, eng_ini_section_spelling(c->ini, name), 0, &si);
            if (pass == 0 && si.kind == EA_SEC_DEPARTMENT)
                status = load_department(c, name, &si, &sc->departments[n++]);
            else if (pass == 1 && si.kind == EA_SEC_DEPT_MODULE)
                status = load_module_override(c, name, &si);
        }
    for (int i = 0; i < sc->ndepartments && status == ENG_OK; i++)
        status = finish_department(c, &sc->departments[i]);
    return status == ENG_OK ? ea_guard_check_events(sc, c->err) : status;
}

static int load_shared(const ctx *c)
{
    ea_scenario *sc = c->sc;
    ea_scenario_stem(c->path, sc->name, sizeof sc->name);
    int status = parse_section(c, EA_SEC_SCENARIO, "scenario", sc, NULL);
    if (status == ENG_OK && !sc->name[0])   /* `name =` left empty */
        ea_scenario_stem(c->path, sc->name, sizeof sc->name);
    if (status == ENG_OK)
        status = parse_section(c, EA_SEC_BUDGET, "budget", sc, NULL);
    if (status == ENG_OK)
        status = parse_section(c, EA_SEC_STAFF, "staff", sc, NULL);
    /* Reasons and the defined modules come before the routings and mixes that name them. */
    if (status == ENG_OK)
        status = parse_section(c, EA_SEC_EXITS, "exits", sc, NULL);
    for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++) {
        char sec[32];
        snprintf(sec, sizeof sec, "module.%s", ea_scenario_module_names[m]);
        if (sc->modules[m].defined)
            status = parse_section(c, EA_SEC_MODULE, sec, &sc->modules[m], NULL);
    }
    int stuck = status == ENG_OK ? ea_scenario_stuck_module(sc->modules) : -1;
    if (stuck >= 0) {
        char sec[32];
        snprintf(sec, sizeof sec, "module.%s", ea_scenario_module_names[stuck]);
        return sc_error(c, eng_ini_line(c->ini, sec, "next"), sec, "next",
                    "aucun chemin de %s vers une sortie ; il faut des destinations de "
                    "probabilité > 0 qui mènent à exit.MOTIF",
                    ea_scenario_module_names[stuck]);
    }
    if (status == ENG_OK)
        status = ea_guard_check_pathway(sc, NULL, c->err);
    if (status == ENG_OK)
        status = parse_section(c, EA_SEC_ENTRIES, "entries", &sc->entries, NULL);
    if (status == ENG_OK)
        status = check_growth(c, NULL, &sc->entries, 0);
    if (status == ENG_OK)
        status = parse_section(c, EA_SEC_WAITING, "waiting", sc, NULL);
    return status;
}

int ea_scenario_from_ini(const eng_ini *ini, ea_scenario *sc, eng_error *err)
{
    memset(sc, 0, sizeof *sc);
    ctx c = {ini, eng_ini_path(ini), sc, err};
    snprintf(sc->path, sizeof sc->path, "%s", c.path);
    int status = check_layout(&c);
    if (status == ENG_OK)
        status = load_shared(&c);
    if (status == ENG_OK)
        status = load_platforms(&c);
    if (status != ENG_OK)
        ea_scenario_clear(sc);
    return status;
}

int ea_scenario_load(const char *path, ea_scenario *sc, eng_error *err)
{
    eng_ini *ini = eng_ini_load(path, err);
    if (!ini) {
        memset(sc, 0, sizeof *sc);
        /* eng_ini_load gives no status; nearly all its failures are input errors. */
        return ENG_EINPUT;
    }
    int status = ea_scenario_from_ini(ini, sc, err);
    eng_ini_free(ini);
    return status;
}

static void clear_module(ea_scenario_module *m)
{
    eng_dist_clear(&m->duration);
}

void ea_scenario_set_run(ea_scenario *sc, long replications, long seed)
{
    if (replications > 0)
        sc->replications = (int)replications;
    if (seed >= 0)
        sc->seed = (unsigned long)seed;
}

void ea_scenario_clear(ea_scenario *sc)
{
    if (!sc)
        return;
    free(sc->entries.schedule.steps);
    eng_dist_clear(&sc->patience);
    for (int m = 0; m < EA_NMODULES; m++)
        clear_module(&sc->modules[m]);
    for (int i = 0; i < sc->ndepartments && sc->departments; i++) {
        ea_scenario_department *d = &sc->departments[i];
        free(d->places_schedule.steps);
        free(d->entries.schedule.steps);
        for (int m = 0; m < EA_NMODULES; m++)
            clear_module(&d->modules[m]);
    }
    free(sc->departments);
    memset(sc, 0, sizeof *sc);
}

ea_scenario_section ea_scenario_section_kind(const char *section, char *code, size_t size)
{
    const char *rest = after_prefix(section, "department.");
    size_t len = 0;
    ea_scenario_section kind = EA_SECTION_OTHER;
    if (strcmp(section, "platform") == 0) {
        kind = EA_SECTION_DEPARTMENT;
    } else if (after_prefix(section, "platform.module.")) {
        kind = EA_SECTION_DEPT_MODULE;
    } else if (rest) {
        const char *dot = strchr(rest, '.');
        len = dot ? (size_t)(dot - rest) : strlen(rest);
        if (!dot)
            kind = EA_SECTION_DEPARTMENT;
        else if (after_prefix(dot + 1, "module."))
            kind = EA_SECTION_DEPT_MODULE;
    }
    if (code && size > 0)
        snprintf(code, size, "%.*s", kind == EA_SECTION_OTHER ? 0 : (int)len, rest ? rest : "");
    return kind;
}

int ea_scenario_key_type(const char *section, const char *key)
{
    ea_schema_section kind = EA_SEC_SCENARIO;
    int found = 0;
    for (int i = 0; i < NFIXED && !found; i++)
        if (strcmp(section, fixed_sections[i].name) == 0) {
            kind = fixed_sections[i].kind;
            found = 1;
        }
    const char *rest;
    if (!found && ((rest = after_prefix(section, "module.")) ||
                   (rest = after_prefix(section, "platform.module.")))) {
        kind = after_prefix(section, "module.") ? EA_SEC_MODULE : EA_SEC_DEPT_MODULE;
        found = ea_scenario_module_index(rest) >= 0;
    } else if (!found && (rest = after_prefix(section, "department."))) {
        const char *dot = strchr(rest, '.');
        const char *mod = dot ? after_prefix(dot + 1, "module.") : NULL;
        kind = dot ? EA_SEC_DEPT_MODULE : EA_SEC_DEPARTMENT;
        found = section_code(rest, dot ? (size_t)(dot - rest) : strlen(rest)) &&
                (!dot || (mod && ea_scenario_module_index(mod) >= 0));
    }
    const ea_schema_key *row = found ? ea_schema_find(kind, key) : NULL;
    if (!row)
        return EA_KEY_UNKNOWN;
    if (row->type == EA_TYPE_INT || row->type == EA_TYPE_SEED)
        return EA_KEY_INTEGER;
    return row->type == EA_TYPE_REAL ? EA_KEY_REAL : EA_KEY_OTHER;
}
