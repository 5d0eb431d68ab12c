/* ea_scenario.c — The scenario of an emploi accompagné simulation: its schema (one table that
 * drives parsing, validation, run.ini and the README's key list), the parsed values, and checks. */
#include "ea_scenario.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "../engine/eng_date.h"
#include "../engine/eng_text.h"

const char *const ea_module_names[EA_NMODULES] = {"evaluation", "projet", "recherche", "maintien"};

/* Shares and probabilities are written by hand with a few decimals: their sum must be 1 within
 * this tolerance. */
#define SUM_TOLERANCE 1e-6

/* ------------------------------------------------------------------------------------------------
 * Months and schedules */

double ea_schedule_at(const ea_schedule *s, int month, double base)
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

/* ------------------------------------------------------------------------------------------------
 * The schema */

typedef enum {
    SEC_SCENARIO,
    SEC_BUDGET,
    SEC_STAFF,
    SEC_ENTRIES,
    SEC_WAITING,
    SEC_EXITS,
    SEC_MODULE,       /* [module.NAME] */
    SEC_DEPARTMENT,   /* [department.CODE] or [platform] */
    SEC_DEPT_MODULE   /* [department.CODE.module.NAME] or [platform.module.NAME] */
} sec_kind;

/* How each kind of section is named in messages and in the key list. */
static const char *const sec_patterns[] = {
    "[scenario]", "[budget]", "[staff]", "[entries]", "[waiting]", "[exits]", "[module.NAME]",
    "[department.CODE] or [platform]",
    "[department.CODE.module.NAME] or [platform.module.NAME]"};

typedef enum {
    T_TEXT,         /* char[EA_MAX_TEXT] */
    T_MONTH,        /* int, calendar month */
    T_INT,          /* int */
    T_SEED,         /* unsigned long */
    T_REAL,         /* double */
    T_CHOICE,       /* int, index in the row's choices */
    T_SEASONALITY,  /* double[12] */
    T_RATES,        /* ea_schedule of rates */
    T_PLACES,       /* ea_schedule of integer places */
    T_MIX,          /* double[EA_NMODULES] */
    T_DIST,         /* eng_dist, `none` allowed */
    T_DURATION,     /* eng_dist, `none` refused, mean > 0 */
    T_ROUTING,      /* double[EA_MAX_TARGETS] */
    T_REASONS       /* ea_scenario.reasons and nreasons */
} key_type;

static const char *const type_names[] = {
    "text", "month", "integer", "integer", "real", "choice", "12 reals", "schedule", "schedule",
    "mix", "distribution", "distribution", "routing", "names"};

enum {
    F_MIN_EXCLUSIVE = 1 << 0,  /* the value must be > min rather than >= min */
    F_DERIVED = 1 << 1,        /* absent: computed from other values, `def` describes how */
    F_IF_OVERRIDDEN = 1 << 2   /* run.ini writes it only when the department section set it */
};

/* One key of the schema. A key with neither `def` nor F_DERIVED is required; otherwise `def` is
 * the text parsed, like a value from the file, when the key is absent. Values go at `offset` in
 * the struct of the section: ea_scenario for [scenario], [budget], [staff], [waiting] and [exits],
 * ea_entries for [entries], ea_module for module sections, ea_department for departments. */
typedef struct ea_key {
    sec_kind section;
    const char *key;
    key_type type;
    const char *unit;
    const char *def;
    unsigned flags;
    double min, max;             /* range of the numbers (items of lists and schedules included) */
    const char *const *choices;  /* T_CHOICE: allowed words, NULL-terminated */
    size_t offset;
    unsigned ovr;                /* department sections: bit recorded when the key is given */
    const char *help;
} ea_key;

static const char *const capacity_choices[] = {"places", "staff", NULL};

#define SC(f) offsetof(ea_scenario, f)
#define EN(f) offsetof(ea_entries, f)
#define MO(f) offsetof(ea_module, f)
#define DE(f) offsetof(ea_department, f)

static const ea_key schema[] = {
    {SEC_SCENARIO, "name", T_TEXT, "", "the file name without its extension", F_DERIVED, 0, 0,
     NULL, SC(name), 0, "name shown in outputs"},
    {SEC_SCENARIO, "start", T_MONTH, "", NULL, 0, 0, 0, NULL, SC(start), 0,
     "first simulated month, YYYY-MM"},
    {SEC_SCENARIO, "months", T_INT, "months", NULL, 0, 1, 1200, NULL, SC(months), 0,
     "number of simulated months"},
    {SEC_SCENARIO, "replications", T_INT, "", "100", 0, 1, 1e7, NULL, SC(replications), 0,
     "independent runs of the scenario, summarised together"},
    {SEC_SCENARIO, "seed", T_SEED, "", "1", 0, 0, 0, NULL, SC(seed), 0,
     "seed of the random streams; the same seed gives the same results"},

    {SEC_BUDGET, "cost_per_place", T_REAL, "€/place/year", "4300", 0, 0, 1e7, NULL,
     SC(cost_per_place), 0,
     "funding of one place for a year (4 300 € since the move to platforms)"},
    {SEC_BUDGET, "staff_cost_per_fte", T_REAL, "€/FTE/year", "0", 0, 0, 1e7, NULL,
     SC(staff_cost_per_fte), 0,
     "full cost of one full-time counsellor for a year; 0 means the spend is not costed"},
    {SEC_BUDGET, "delegated_share", T_REAL, "share", "0", 0, 0, 1, NULL, SC(delegated_share), 0,
     "share of the funding delegated to partner structures"},

    {SEC_STAFF, "capacity_mode", T_CHOICE, "", "places", 0, 0, 0, capacity_choices,
     SC(capacity_mode), 0,
     "what limits admissions: funded places, or the counsellors' hours (fte of each department)"},
    {SEC_STAFF, "hours_per_fte_month", T_REAL, "hours/FTE/month", "134", F_MIN_EXCLUSIVE, 0, 744,
     NULL, SC(hours_per_fte_month), 0,
     "working hours of one full-time counsellor per month (1 607 h a year / 12, rounded)"},

    {SEC_ENTRIES, "per_month", T_REAL, "persons/month", "0", 0, 0, INFINITY, NULL, EN(per_month),
     0, "mean prescriptions per month (Poisson rate)"},
    {SEC_ENTRIES, "seasonality", T_SEASONALITY, "multiplier", "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1",
     0, 0, INFINITY, NULL, EN(seasonality), 0,
     "multipliers of the rate for January to December"},
    {SEC_ENTRIES, "schedule", T_RATES, "persons/month", "", 0, 0, INFINITY, NULL, EN(schedule), 0,
     "rate from a given month on, replacing per_month: YYYY-MM:rate or YYYY:rate (from January)"},
    {SEC_ENTRIES, "mix", T_MIX, "share", "evaluation:1", 0, 0, 1, NULL, EN(mix), 0,
     "share of the entrants starting in each module"},

    {SEC_WAITING, "patience", T_DIST, "months", "none", 0, 0, 0, NULL, SC(patience), 0,
     "time a person waiting for a place stays before giving up; none: waits as long as needed"},

    {SEC_EXITS, "reasons", T_REASONS, "", "emploi_durable, reorientation, abandon, autre", 0, 0, 0,
     NULL, SC(reasons), 0, "exit reasons, named in routings as exit.REASON"},

    {SEC_MODULE, "duration", T_DURATION, "months", NULL, 0, 0, 0, NULL, MO(duration), 0,
     "time spent in the module, a distribution such as gamma(mean=6, sd=3)"},
    {SEC_MODULE, "intensity", T_REAL, "hours/person/month", "0", 0, 0, 744, NULL, MO(intensity), 0,
     "hours of support per person per month"},
    {SEC_MODULE, "next", T_ROUTING, "probability", NULL, 0, 0, 1, NULL, MO(next), 0,
     "where a person goes when the module ends: module:probability or exit.REASON:probability, "
     "summing to 1"},

    {SEC_DEPARTMENT, "name", T_TEXT, "", "the code (region for [platform])", F_DERIVED, 0, 0, NULL,
     DE(name), EA_OVR_NAME, "name shown in outputs"},
    {SEC_DEPARTMENT, "places", T_INT, "places", NULL, 0, 0, INFINITY, NULL, DE(places), 0,
     "funded places"},
    {SEC_DEPARTMENT, "places_schedule", T_PLACES, "places", "", 0, 0, INFINITY, NULL,
     DE(places_schedule), 0,
     "funded places from a given month on: YYYY-MM:places or YYYY:places (from January)"},
    {SEC_DEPARTMENT, "initial_file_active", T_INT, "persons", "0", 0, 0, INFINITY, NULL,
     DE(initial_file_active), 0, "persons in support at the start"},
    {SEC_DEPARTMENT, "initial_mix", T_MIX, "share", "the stationary shares of the pathway",
     F_DERIVED, 0, 1, NULL, DE(initial_mix), EA_OVR_INITIAL_MIX,
     "spread of the initial file active over the modules; by default each module's share of the "
     "expected visits times its mean duration"},
    {SEC_DEPARTMENT, "entries_per_month", T_REAL, "persons/month", "[entries] per_month", F_DERIVED,
     0, INFINITY, NULL, DE(entries.per_month), EA_OVR_ENTRIES_PER_MONTH,
     "mean prescriptions per month in this department"},
    {SEC_DEPARTMENT, "fte", T_REAL, "FTE", "0", 0, 0, INFINITY, NULL, DE(fte), 0,
     "counsellors, full-time equivalent; must be > 0 when capacity_mode = staff"},
    {SEC_DEPARTMENT, "seasonality", T_SEASONALITY, "multiplier", "[entries] seasonality",
     F_DERIVED | F_IF_OVERRIDDEN, 0, INFINITY, NULL, DE(entries.seasonality), EA_OVR_SEASONALITY,
     "[entries] seasonality for this department"},
    {SEC_DEPARTMENT, "schedule", T_RATES, "persons/month", "[entries] schedule",
     F_DERIVED | F_IF_OVERRIDDEN, 0, INFINITY, NULL, DE(entries.schedule), EA_OVR_SCHEDULE,
     "[entries] schedule for this department, replacing entries_per_month from each month on"},
    {SEC_DEPARTMENT, "mix", T_MIX, "share", "[entries] mix", F_DERIVED | F_IF_OVERRIDDEN, 0, 1,
     NULL, DE(entries.mix), EA_OVR_MIX, "[entries] mix for this department"},

    {SEC_DEPT_MODULE, "duration", T_DURATION, "months", "[module.NAME] duration",
     F_DERIVED | F_IF_OVERRIDDEN, 0, 0, NULL, MO(duration), EA_OVR_DURATION,
     "duration of the module in this department"},
    {SEC_DEPT_MODULE, "intensity", T_REAL, "hours/person/month", "[module.NAME] intensity",
     F_DERIVED | F_IF_OVERRIDDEN, 0, 744, NULL, MO(intensity), EA_OVR_INTENSITY,
     "intensity of the module in this department"},
    {SEC_DEPT_MODULE, "next", T_ROUTING, "probability", "[module.NAME] next",
     F_DERIVED | F_IF_OVERRIDDEN, 0, 1, NULL, MO(next), EA_OVR_NEXT,
     "routing at the end of the module in this department"},
};

#define NSCHEMA ((int)(sizeof schema / sizeof schema[0]))

static const ea_key *find_row(sec_kind kind, const char *key)
{
    for (int i = 0; i < NSCHEMA; i++)
        if (schema[i].section == kind && strcmp(schema[i].key, key) == 0)
            return &schema[i];
    return NULL;
}

/* Formats a number of the schema's ranges: these are round (1200, 1e7, 744), so "%.15g" shows
 * them in full, unlike the shortest round-trip form. */
static void range_number(char *buf, size_t size, double x)
{
    snprintf(buf, size, "%.15g", x);
}

static void num_range(const ea_key *k, char *buf, size_t size)
{
    char lo[24], hi[24];   /* "%.15g" takes at most 22 characters */
    range_number(lo, sizeof lo, k->min);
    range_number(hi, sizeof hi, k->max);
    if (isinf(k->max))
        snprintf(buf, size, "%s %s", (k->flags & F_MIN_EXCLUSIVE) ? ">" : ">=", lo);
    else if (k->flags & F_MIN_EXCLUSIVE)
        snprintf(buf, size, "> %s and <= %s", lo, hi);
    else
        snprintf(buf, size, "%s to %s", lo, hi);
}

static const char *const dist_names =
    "exponential, gamma, lognormal, weibull, fixed, empirical";

/* The Range column of the key list. */
static void range_text(const ea_key *k, char *buf, size_t size)
{
    char r[96];
    num_range(k, r, sizeof r);
    switch (k->type) {
    case T_TEXT:
        snprintf(buf, size, "1 to %d characters", EA_MAX_TEXT - 1);
        break;
    case T_MONTH:
        snprintf(buf, size, "YYYY-MM");
        break;
    case T_INT:
    case T_REAL:
        snprintf(buf, size, "%s", r);
        break;
    case T_SEED:
        snprintf(buf, size, "0 to %ld", LONG_MAX);
        break;
    case T_CHOICE: {
        size_t n = 0;
        buf[0] = '\0';
        for (int i = 0; k->choices[i]; i++)
            n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", i ? ", " : "",
                                  k->choices[i]);
        break;
    }
    case T_SEASONALITY:
        snprintf(buf, size, "12 values %s, not all 0", r);
        break;
    case T_RATES:
    case T_PLACES:
        snprintf(buf, size, "values %s, months increasing", r);
        break;
    case T_MIX:
        snprintf(buf, size, "shares >= 0 summing to 1, over defined modules");
        break;
    case T_ROUTING:
        snprintf(buf, size, "probabilities >= 0 summing to 1");
        break;
    case T_DIST:
        snprintf(buf, size, "%s, none", dist_names);
        break;
    case T_DURATION:
        snprintf(buf, size, "%s; mean > 0", dist_names);
        break;
    case T_REASONS:
        snprintf(buf, size, "1 to %d distinct names of a-z, 0-9, _", EA_MAX_REASONS);
        break;
    }
}

/* What an error message says was expected, after "expected ". */
static void expected_text(const ea_key *k, char *buf, size_t size)
{
    char r[64];
    num_range(k, r, sizeof r);
    switch (k->type) {
    case T_TEXT:
        snprintf(buf, size, "a text of 1 to %d characters", EA_MAX_TEXT - 1);
        break;
    case T_MONTH:
        snprintf(buf, size, "a month written YYYY-MM, for example 2022-01");
        break;
    case T_INT:
        snprintf(buf, size, "an integer, %s", r);
        break;
    case T_SEED:
        snprintf(buf, size, "an integer, 0 to %ld", LONG_MAX);
        break;
    case T_REAL:
        snprintf(buf, size, "a real, %s", r);
        break;
    case T_CHOICE: {
        char c[64];
        range_text(k, c, sizeof c);
        snprintf(buf, size, "one of %s", c);
        break;
    }
    case T_SEASONALITY:
        snprintf(buf, size, "12 reals %s separated by commas, January to December, not all 0", r);
        break;
    case T_RATES:
        snprintf(buf, size,
                 "YYYY-MM:rate or YYYY:rate items separated by commas, months increasing, rates %s",
                 r);
        break;
    case T_PLACES:
        snprintf(buf, size,
                 "YYYY-MM:places or YYYY:places items separated by commas, months increasing, "
                 "places an integer %s",
                 r);
        break;
    case T_MIX:
        snprintf(buf, size,
                 "module:share items separated by commas, modules defined in the file, shares >= 0 "
                 "summing to 1");
        break;
    case T_ROUTING:
        snprintf(buf, size,
                 "target:probability items separated by commas, each target a defined module or "
                 "exit.REASON, probabilities >= 0 summing to 1");
        break;
    case T_DIST:
        snprintf(buf, size, "a distribution: %s or none", dist_names);
        break;
    case T_DURATION:
        snprintf(buf, size, "a distribution: %s", dist_names);
        break;
    case T_REASONS:
        snprintf(buf, size, "1 to %d distinct names of a-z, 0-9 and _, separated by commas",
                 EA_MAX_REASONS);
        break;
    }
}

/* ------------------------------------------------------------------------------------------------
 * Errors and suggestions */

typedef struct ctx {
    const eng_ini *ini;
    const char *path;
    ea_scenario *sc;
    eng_error *err;
} ctx;

/* Where a value comes from: the section as written, the line (0: none), and the default text
 * when the value is a default rather than text from the file. */
typedef struct where {
    const char *sec;
    int line;
    const char *deftext;
} where;

/* Formats `PATH:LINE: [section] key: message` (no LINE when 0, no key when NULL). */
static int fail(const ctx *c, int line, const char *sec, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int fail(const ctx *c, int line, const char *sec, const char *key, const char *fmt, ...)
{
    char msg[768], at[32] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(at, sizeof at, ":%d", line);
    if (key)
        return eng_error_set(c->err, ENG_EINPUT, "%s%s: [%s] %s: %s", c->path, at, sec, key, msg);
    return eng_error_set(c->err, ENG_EINPUT, "%s%s: [%s]: %s", c->path, at, sec, msg);
}

/* An error about the value of key k, with the default's text when the value is a default. */
static int bad(const ctx *c, const where *w, const ea_key *k, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int bad(const ctx *c, const where *w, const ea_key *k, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (w->deftext)
        return fail(c, w->line, w->sec, k->key,
                    "not set, and its default \"%s\" does not fit this file: %s", w->deftext,
                    msg);
    return fail(c, w->line, w->sec, k->key, "%s", msg);
}

static int bad_value(const ctx *c, const where *w, const ea_key *k, const char *text)
{
    char e[256];
    expected_text(k, e, sizeof e);
    return bad(c, w, k, "\"%s\" is not valid (expected %s)", text, e);
}

static int out_of_memory(const ctx *c)
{
    return eng_error_set(c->err, ENG_EFAIL, "out of memory while reading %s", c->path);
}

/* The candidate closest to `word`: within a few edits, or containing it, or contained in it; NULL
 * when none is close enough to be a likely typo. */
static const char *closest(const char *word, const char *const *cands, int n)
{
    const char *best = NULL;
    int bestd = INT_MAX;
    for (int i = 0; i < n; i++) {
        int d = eng_edit_distance(word, cands[i]);
        if (d < bestd) {
            bestd = d;
            best = cands[i];
        }
    }
    int wl = (int)strlen(word);
    if (best && (bestd <= 2 || bestd <= wl / 3))
        return best;
    for (int i = 0; i < n; i++)
        if (wl >= 3 && (strstr(cands[i], word) || strstr(word, cands[i])))
            return cands[i];
    return NULL;
}

/* Appends `s` to a comma-separated list in buf. */
static void list_add(char *buf, size_t size, const char *s)
{
    size_t n = strlen(buf);
    snprintf(buf + n, size - n, "%s%s", n ? ", " : "", s);
}

/* ------------------------------------------------------------------------------------------------
 * Values */

static int module_index(const char *name)
{
    for (int m = 0; m < EA_NMODULES; m++)
        if (eng_strcasecmp(name, ea_module_names[m]) == 0)
            return m;
    return -1;
}

int ea_scenario_reason(const ea_scenario *sc, const char *name)
{
    for (int r = 0; r < sc->nreasons; r++)
        if (strcmp(sc->reasons[r], name) == 0)
            return r;
    return -1;
}

static void defined_modules(const ea_scenario *sc, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int m = 0; m < EA_NMODULES; m++)
        if (sc->modules[m].defined)
            list_add(buf, size, ea_module_names[m]);
}

/* Cuts *p at the next comma and returns the trimmed item; *p becomes NULL after the last one. */
static char *next_item(char **p)
{
    char *s = *p, *comma = strchr(s, ',');
    if (comma) {
        *comma = '\0';
        *p = comma + 1;
    } else {
        *p = NULL;
    }
    return eng_trim(s);
}

static int is_blank(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return *s == '\0';
}

/* Checks a number against the row's range. */
static int in_range(const ea_key *k, double x)
{
    if ((k->flags & F_MIN_EXCLUSIVE) ? !(x > k->min) : !(x >= k->min))
        return 0;
    return x <= k->max;
}

static int parse_int(const ea_key *k, const char *text, int *out)
{
    long v;
    if (eng_parse_long(text, &v) != 0 || v > INT_MAX || v < INT_MIN || !in_range(k, (double)v))
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_text(const ctx *c, const where *w, const ea_key *k, const char *text, char *dest)
{
    size_t n = strlen(text);
    if (n == 0 || n >= EA_MAX_TEXT) {
        char e[256];
        expected_text(k, e, sizeof e);
        return bad(c, w, k, "%zu characters (expected %s)", n, e);
    }
    memcpy(dest, text, n + 1);
    return ENG_OK;
}

static int parse_seasonality(const ctx *c, const where *w, const ea_key *k, char *copy,
                             double *dest)
{
    double v[12];
    int n = 0;
    char e[256];
    expected_text(k, e, sizeof e);
    for (char *p = is_blank(copy) ? NULL : copy; p;) {
        char *item = next_item(&p);
        double x;
        if (eng_parse_double(item, &x) != 0 || !in_range(k, x))
            return bad(c, w, k, "\"%s\" is not valid (expected %s)", item, e);
        if (n < 12)
            v[n] = x;
        n++;
    }
    if (n != 12)
        return bad(c, w, k, "%d values given (expected %s)", n, e);
    int nonzero = 0;
    for (int i = 0; i < 12; i++)
        nonzero |= v[i] > 0;
    if (!nonzero)
        return bad(c, w, k, "all 12 values are 0, so nobody would ever enter (expected %s)", e);
    memcpy(dest, v, sizeof v);
    return ENG_OK;
}

/* "YYYY-MM" or "YYYY" (January of that year). */
static int parse_step_month(const char *text, int *month)
{
    if (strlen(text) == 4) {
        for (int i = 0; i < 4; i++)
            if (!isdigit((unsigned char)text[i]))
                return -1;
        *month = atoi(text) * 12;
        return 0;
    }
    return eng_date_month_parse(text, month);
}

static int parse_schedule(const ctx *c, const where *w, const ea_key *k, char *copy,
                          ea_schedule *dest)
{
    ea_schedule s = {NULL, 0};
    int cap = 0, status = ENG_OK;
    char e[256];
    expected_text(k, e, sizeof e);
    for (char *p = is_blank(copy) ? NULL : copy; p && status == ENG_OK;) {
        char *item = next_item(&p), *colon = strchr(item, ':');
        int month, ok;
        double x = 0;
        if (!colon) {
            status = bad(c, w, k, "\"%s\" is not valid (expected %s)", item, e);
            break;
        }
        *colon = '\0';
        char *mtext = eng_trim(item), *vtext = eng_trim(colon + 1);
        if (parse_step_month(mtext, &month) != 0) {
            status = bad(c, w, k, "\"%s\" is not a month (expected %s)", mtext, e);
            break;
        }
        if (k->type == T_PLACES) {
            long places;
            ok = eng_parse_long(vtext, &places) == 0 && places <= INT_MAX;
            if (ok)
                x = (double)places;
        } else {
            ok = eng_parse_double(vtext, &x) == 0;
        }
        if (!ok || !in_range(k, x)) {
            status = bad(c, w, k, "\"%s\" is not valid at %s (expected %s)", vtext, mtext, e);
            break;
        }
        if (s.n > 0 && month <= s.steps[s.n - 1].month) {
            char prev[8];
            eng_date_month_format(s.steps[s.n - 1].month, prev);
            status = bad(c, w, k, "%s does not come after %s (expected %s)", mtext, prev, e);
            break;
        }
        if (s.n == cap) {
            cap = cap ? 2 * cap : 8;
            ea_step *steps = realloc(s.steps, (size_t)cap * sizeof *steps);
            if (!steps) {
                status = out_of_memory(c);
                break;
            }
            s.steps = steps;
        }
        s.steps[s.n].month = month;
        s.steps[s.n].value = x;
        s.n++;
    }
    if (status != ENG_OK) {
        free(s.steps);
        return status;
    }
    free(dest->steps);
    *dest = s;
    return ENG_OK;
}

static int parse_mix(const ctx *c, const where *w, const ea_key *k, char *copy, double *dest)
{
    double v[EA_NMODULES] = {0}, sum = 0;
    int seen[EA_NMODULES] = {0};
    char e[256], defined[128];
    expected_text(k, e, sizeof e);
    defined_modules(c->sc, defined, sizeof defined);
    for (char *p = is_blank(copy) ? NULL : copy; p;) {
        char *item = next_item(&p), *colon = strchr(item, ':');
        if (!colon)
            return bad(c, w, k, "\"%s\" is not module:share (expected %s)", item, e);
        *colon = '\0';
        char *name = eng_trim(item), *stext = eng_trim(colon + 1);
        int m = module_index(name);
        double x;
        if (m < 0) {
            const char *near = closest(name, ea_module_names, EA_NMODULES);
            if (near)
                return bad(c, w, k, "unknown module %s (did you mean %s?)", name, near);
            return bad(c, w, k, "unknown module %s (expected evaluation, projet, recherche or "
                       "maintien)", name);
        }
        if (!c->sc->modules[m].defined)
            return bad(c, w, k, "module %s has no [module.%s] section (expected modules defined "
                       "in this file: %s)", ea_module_names[m], ea_module_names[m], defined);
        if (seen[m])
            return bad(c, w, k, "module %s given twice (expected %s)", ea_module_names[m], e);
        if (eng_parse_double(stext, &x) != 0 || !(x >= 0))
            return bad(c, w, k, "share \"%s\" of %s is not valid (expected %s)", stext,
                       ea_module_names[m], e);
        seen[m] = 1;
        v[m] = x;
        sum += x;
    }
    if (!(fabs(sum - 1) <= SUM_TOLERANCE))
        return bad(c, w, k, "shares sum to %.10g, expected 1", sum);
    memcpy(dest, v, sizeof v);
    return ENG_OK;
}

/* Name of routing target t: a module, or exit.REASON. */
static void target_name(const ea_scenario *sc, int t, char *buf, size_t size)
{
    if (t < EA_NMODULES)
        snprintf(buf, size, "%s", ea_module_names[t]);
    else
        snprintf(buf, size, "exit.%s", sc->reasons[t - EA_NMODULES]);
}

/* An error for a routing target that is neither a defined module nor exit.REASON. */
static int bad_target(const ctx *c, const where *w, const ea_key *k, const char *name)
{
    const ea_scenario *sc = c->sc;
    char names[EA_MAX_TARGETS][EA_MAX_NAME + 8], valid[768] = "", reasons[768] = "";
    const char *cands[EA_MAX_TARGETS];
    int n = 0;
    for (int t = 0; t < EA_NMODULES + sc->nreasons; t++) {
        if (t < EA_NMODULES && !sc->modules[t].defined)
            continue;
        target_name(sc, t, names[n], sizeof names[n]);
        list_add(valid, sizeof valid, names[n]);
        cands[n] = names[n];
        n++;
    }
    for (int r = 0; r < sc->nreasons; r++)
        list_add(reasons, sizeof reasons, sc->reasons[r]);
    const char *near = closest(name, cands, n);
    int m = module_index(name);
    if (m >= 0)
        return bad(c, w, k, "module %s has no [module.%s] section (expected one of %s)",
                   ea_module_names[m], ea_module_names[m], valid);
    if (strncmp(name, "exit.", 5) == 0) {
        if (near)
            return bad(c, w, k, "unknown exit reason %s (did you mean %s?)", name + 5, near);
        return bad(c, w, k, "unknown exit reason %s (expected one of [exits] reasons: %s)",
                   name + 5, reasons);
    }
    if (near)
        return bad(c, w, k, "unknown target %s (did you mean %s?)", name, near);
    return bad(c, w, k, "unknown target %s (expected one of %s)", name, valid);
}

static int parse_routing(const ctx *c, const where *w, const ea_key *k, char *copy, double *dest)
{
    const ea_scenario *sc = c->sc;
    double v[EA_MAX_TARGETS] = {0}, sum = 0;
    int seen[EA_MAX_TARGETS] = {0};
    char e[256];
    expected_text(k, e, sizeof e);
    for (char *p = is_blank(copy) ? NULL : copy; p;) {
        char *item = next_item(&p), *colon = strchr(item, ':');
        if (!colon)
            return bad(c, w, k, "\"%s\" is not target:probability (expected %s)", item, e);
        *colon = '\0';
        char *name = eng_trim(item), *ptext = eng_trim(colon + 1);
        int t = -1;
        if (strncmp(name, "exit.", 5) == 0) {
            int r = ea_scenario_reason(sc, name + 5);
            if (r >= 0)
                t = EA_NMODULES + r;
        } else {
            int m = module_index(name);
            if (m >= 0 && sc->modules[m].defined)
                t = m;
        }
        if (t < 0)
            return bad_target(c, w, k, name);
        double x;
        if (seen[t])
            return bad(c, w, k, "target %s given twice (expected %s)", name, e);
        if (eng_parse_double(ptext, &x) != 0 || !(x >= 0))
            return bad(c, w, k, "probability \"%s\" of %s is not valid (expected %s)", ptext, name,
                       e);
        seen[t] = 1;
        v[t] = x;
        sum += x;
    }
    if (!(fabs(sum - 1) <= SUM_TOLERANCE))
        return bad(c, w, k, "probabilities sum to %.10g, expected 1", sum);
    memcpy(dest, v, sizeof v);
    return ENG_OK;
}

static int parse_reasons(const ctx *c, const where *w, const ea_key *k, char *copy)
{
    char names[EA_MAX_REASONS][EA_MAX_NAME];
    int n = 0;
    char e[256];
    expected_text(k, e, sizeof e);
    for (char *p = is_blank(copy) ? NULL : copy; p;) {
        char *item = next_item(&p);
        size_t len = strlen(item);
        int ok = len > 0 && len < EA_MAX_NAME;
        for (const char *q = item; ok && *q; q++)
            ok = islower((unsigned char)*q) || isdigit((unsigned char)*q) || *q == '_';
        if (!ok)
            return bad(c, w, k, "\"%s\" is not a valid name (expected %s)", item, e);
        for (int i = 0; i < n; i++)
            if (strcmp(names[i], item) == 0)
                return bad(c, w, k, "reason %s given twice (expected %s)", item, e);
        if (n == EA_MAX_REASONS)
            return bad(c, w, k, "more than %d reasons (expected %s)", EA_MAX_REASONS, e);
        memcpy(names[n++], item, len + 1);
    }
    if (n == 0)
        return bad(c, w, k, "no reason given (expected %s)", e);
    memcpy(c->sc->reasons, names, sizeof names);
    c->sc->nreasons = n;
    return ENG_OK;
}

static int parse_dist(const ctx *c, const where *w, const ea_key *k, const char *text,
                      eng_dist *dest)
{
    eng_dist d;
    eng_error derr;
    int status = eng_dist_parse(text, &d, &derr);
    if (status == ENG_EFAIL)
        return eng_error_set(c->err, ENG_EFAIL, "%s", derr.msg);
    if (status != ENG_OK)
        return bad(c, w, k, "%s", derr.msg);
    if (k->type == T_DURATION) {
        char e[256];
        expected_text(k, e, sizeof e);
        double mean = eng_dist_mean(&d);
        if (d.kind == ENG_DIST_NONE)
            return bad(c, w, k, "none is not allowed: a module needs a duration (expected %s)", e);
        if (!(mean > 0) || !isfinite(mean)) {
            eng_dist_clear(&d);
            return bad(c, w, k, "mean duration is %g, expected > 0 (a person must stay some time "
                       "in a module)", mean);
        }
    }
    eng_dist_clear(dest);
    *dest = d;
    return ENG_OK;
}

/* Parses `text` for key k into dest (the field at k->offset); on failure dest is unchanged. */
static int parse_value(const ctx *c, const ea_key *k, const char *text, void *dest,
                       const where *w)
{
    switch (k->type) {
    case T_TEXT:
        return parse_text(c, w, k, text, dest);
    case T_MONTH: {
        char buf[16];
        snprintf(buf, sizeof buf, "%s", text);
        if (strlen(text) >= sizeof buf || eng_date_month_parse(eng_trim(buf), dest) != 0)
            return bad_value(c, w, k, text);
        return ENG_OK;
    }
    case T_INT:
        if (parse_int(k, text, dest) != 0) {
            long v;
            char e[256];
            expected_text(k, e, sizeof e);
            if (eng_parse_long(text, &v) == 0)
                return bad(c, w, k, "%s is out of range (expected %s%s)", text, e,
                           v > INT_MAX ? ", at most 2147483647" : "");
            return bad_value(c, w, k, text);
        }
        return ENG_OK;
    case T_SEED: {
        long v;
        if (eng_parse_long(text, &v) != 0 || v < 0)
            return bad_value(c, w, k, text);
        *(unsigned long *)dest = (unsigned long)v;
        return ENG_OK;
    }
    case T_REAL: {
        double x;
        if (eng_parse_double(text, &x) != 0)
            return bad_value(c, w, k, text);
        if (!in_range(k, x)) {
            char e[256];
            expected_text(k, e, sizeof e);
            return bad(c, w, k, "%s is out of range (expected %s)", text, e);
        }
        *(double *)dest = x;
        return ENG_OK;
    }
    case T_CHOICE: {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", text);
        eng_trim(buf);
        for (int i = 0; k->choices[i]; i++)
            if (eng_strcasecmp(buf, k->choices[i]) == 0) {
                *(int *)dest = i;
                return ENG_OK;
            }
        return bad_value(c, w, k, text);
    }
    case T_DIST:
    case T_DURATION:
        return parse_dist(c, w, k, text, dest);
    case T_SEASONALITY:
    case T_RATES:
    case T_PLACES:
    case T_MIX:
    case T_ROUTING:
    case T_REASONS:
        break;
    }
    /* List types cut a copy of the text in place. */
    char *copy = strdup(text);
    if (!copy)
        return out_of_memory(c);
    int status;
    if (k->type == T_SEASONALITY)
        status = parse_seasonality(c, w, k, copy, dest);
    else if (k->type == T_RATES || k->type == T_PLACES)
        status = parse_schedule(c, w, k, copy, dest);
    else if (k->type == T_MIX)
        status = parse_mix(c, w, k, copy, dest);
    else if (k->type == T_ROUTING)
        status = parse_routing(c, w, k, copy, dest);
    else
        status = parse_reasons(c, w, k, copy);
    free(copy);
    return status;
}

/* Parses every key of one section of the given kind into base; keys given set their bit in *ovr
 * (when not NULL). Absent keys take their default, except derived ones, which the caller filled. */
static int parse_section(const ctx *c, sec_kind kind, const char *secname, void *base,
                         unsigned *ovr)
{
    const char *spelled = eng_ini_section_spelling(c->ini, secname);
    int header = eng_ini_section_line(c->ini, secname);
    if (!spelled)
        spelled = secname;
    for (int i = 0; i < NSCHEMA; i++) {
        const ea_key *k = &schema[i];
        if (k->section != kind)
            continue;
        void *dest = (char *)base + k->offset;
        const char *text = eng_ini_get(c->ini, secname, k->key);
        where w = {spelled, header, NULL};
        int status = ENG_OK;
        if (text) {
            w.line = eng_ini_line(c->ini, secname, k->key);
            status = parse_value(c, k, text, dest, &w);
            if (status == ENG_OK && ovr)
                *ovr |= k->ovr;
        } else if (k->flags & F_DERIVED) {
            continue;
        } else if (!k->def) {
            status = fail(c, header, spelled, k->key, "missing required key (%s)", k->help);
        } else {
            w.deftext = k->def;
            status = parse_value(c, k, k->def, dest, &w);
        }
        if (status != ENG_OK)
            return status;
    }
    return ENG_OK;
}

/* ------------------------------------------------------------------------------------------------
 * Sections */

typedef struct sec_info {
    sec_kind kind;
    int module;           /* SEC_MODULE, SEC_DEPT_MODULE */
    int platform;         /* [platform] or [platform.module.NAME] */
    size_t code_at;       /* department code: offset and length in the section name */
    size_t code_len;
} sec_info;

static const struct {
    const char *name;
    sec_kind kind;
} fixed_sections[] = {{"scenario", SEC_SCENARIO}, {"budget", SEC_BUDGET},
                      {"staff", SEC_STAFF},       {"entries", SEC_ENTRIES},
                      {"waiting", SEC_WAITING},   {"exits", SEC_EXITS},
                      {"platform", SEC_DEPARTMENT}};

#define NFIXED ((int)(sizeof fixed_sections / sizeof fixed_sections[0]))

static const char *after_prefix(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(s, prefix, n) == 0 ? s + n : NULL;
}

static int unknown_module(const ctx *c, int line, const char *spelled, const char *name)
{
    return fail(c, line, spelled, NULL,
                "unknown module %s (expected evaluation, projet, recherche or maintien)", name);
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
        snprintf(names[n], sizeof names[n], "module.%s", ea_module_names[m]);
        cands[n] = names[n];
        n++;
    }
    const char *dot = strchr(name, '.');
    if (dot && strlen(dot) < EA_MAX_NAME) {
        snprintf(names[n], sizeof names[n], "department%s", dot);
        cands[n] = names[n];
        n++;
    }
    const char *near = closest(name, cands, n);
    if (near)
        return fail(c, line, spelled, NULL, "unknown section (did you mean [%s]?)", near);
    return fail(c, line, spelled, NULL,
                "unknown section (expected [scenario], [budget], [staff], [entries], [waiting], "
                "[exits], [module.NAME], [platform] or [department.CODE])");
}

static int valid_code(const char *code, size_t len)
{
    if (len == 0 || len >= EA_MAX_NAME || (len == 6 && strncmp(code, "region", 6) == 0))
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)code[i]) && code[i] != '_' && code[i] != '-')
            return 0;
    return 1;
}

/* Recognises the section `name` (lower case; `spelled` as written, for messages). */
static int classify(const ctx *c, const char *name, const char *spelled, int line, sec_info *si)
{
    memset(si, 0, sizeof *si);
    for (int i = 0; i < NFIXED; i++)
        if (strcmp(name, fixed_sections[i].name) == 0) {
            si->kind = fixed_sections[i].kind;
            si->platform = si->kind == SEC_DEPARTMENT;
            return ENG_OK;
        }
    const char *rest = after_prefix(name, "module.");
    if (rest) {
        si->kind = SEC_MODULE;
    } else if ((rest = after_prefix(name, "platform.module."))) {
        si->kind = SEC_DEPT_MODULE;
        si->platform = 1;
    }
    if (rest) {
        si->module = module_index(rest);
        return si->module < 0 ? unknown_module(c, line, spelled, rest) : ENG_OK;
    }
    if (!(rest = after_prefix(name, "department.")))
        return unknown_section(c, line, name, spelled);
    const char *dot = strchr(rest, '.');
    si->code_at = (size_t)(rest - name);
    si->code_len = dot ? (size_t)(dot - rest) : strlen(rest);
    if (!valid_code(rest, si->code_len))
        return fail(c, line, spelled, NULL,
                    "department code \"%.*s\" is not valid (expected 1 to %d letters, digits, _ or "
                    "-, other than region)",
                    (int)si->code_len, spelled + si->code_at, EA_MAX_NAME - 1);
    if (!dot) {
        si->kind = SEC_DEPARTMENT;
        return ENG_OK;
    }
    const char *mod = after_prefix(dot + 1, "module.");
    if (!mod)
        return fail(c, line, spelled, NULL,
                    "unknown section (expected [department.%.*s] or [department.%.*s.module.NAME])",
                    (int)si->code_len, spelled + si->code_at, (int)si->code_len,
                    spelled + si->code_at);
    si->kind = SEC_DEPT_MODULE;
    si->module = module_index(mod);
    return si->module < 0 ? unknown_module(c, line, spelled, mod) : ENG_OK;
}

/* Every key of the section must be in the schema for its kind. */
static int check_keys(const ctx *c, sec_kind kind, const char *name, const char *spelled)
{
    for (int j = 0; j < eng_ini_nkeys(c->ini, name); j++) {
        const char *key = eng_ini_key(c->ini, name, j);
        if (find_row(kind, key))
            continue;
        const char *cands[NSCHEMA];
        char valid[512] = "";
        int n = 0, elsewhere = -1;
        for (int i = 0; i < NSCHEMA; i++) {
            if (schema[i].section == kind) {
                cands[n++] = schema[i].key;
                list_add(valid, sizeof valid, schema[i].key);
            } else if (elsewhere < 0 && strcmp(schema[i].key, key) == 0) {
                elsewhere = (int)schema[i].section;
            }
        }
        int line = eng_ini_line(c->ini, name, key);
        const char *near = closest(key, cands, n);
        if (near)
            return fail(c, line, spelled, key, "unknown key (did you mean %s?)", near);
        if (elsewhere >= 0)
            return fail(c, line, spelled, key, "unknown key here: it belongs in %s (keys of "
                        "[%s]: %s)", sec_patterns[elsewhere], spelled, valid);
        return fail(c, line, spelled, key, "unknown key (expected one of %s)", valid);
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
        sec_info si;
        int status = classify(c, name, spelled, line, &si);
        if (status == ENG_OK)
            status = check_keys(c, si.kind, name, spelled);
        if (status != ENG_OK)
            return status;
        if (si.kind == SEC_MODULE) {
            sc->modules[si.module].defined = 1;
            nmodules++;
        } else if (si.kind == SEC_DEPARTMENT && si.platform) {
            platform_line = line;
        } else if (si.kind == SEC_DEPARTMENT) {
            if (ndept++ == 0) {
                first_dept = spelled;
                dept_line = line;
            }
        }
    }
    if (platform_line && ndept)
        return fail(c, platform_line, "platform", NULL,
                    "cannot be used together with [%s] (line %d) (expected either one [platform] "
                    "section for a single platform, or one [department.CODE] section per "
                    "department)",
                    first_dept, dept_line);
    if (!platform_line && !ndept)
        return eng_error_set(c->err, ENG_EINPUT,
                            "%s: no [platform] or [department.CODE] section (expected one "
                            "[platform] section for a single platform, or one [department.CODE] "
                            "section per department, each with places)",
                            c->path);
    if (nmodules == 0)
        return eng_error_set(c->err, ENG_EINPUT,
                            "%s: no [module.NAME] section (expected at least one of "
                            "[module.evaluation], [module.projet], [module.recherche] and "
                            "[module.maintien], each with duration and next)",
                            c->path);
    sc->single_platform = platform_line != 0;
    sc->ndepartments = platform_line ? 1 : ndept;
    return ENG_OK;
}

/* ------------------------------------------------------------------------------------------------
 * Pathway checks */

/* The first defined module from which no route of positive probability leads to an exit, or -1. */
static int stuck_module(const ea_module *mods)
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

/* Share of each module in the stationary file active: expected visits v solve v = e + v P (e the
 * entry mix, P the routing between modules), and a module holds v_m times its mean duration.
 * Returns -1 when I - P is singular in floating point (exits reachable only with probabilities
 * too small to count). */
static int stationary_mix(const double *mix, const ea_module *mods, double out[EA_NMODULES])
{
    enum { N = EA_NMODULES };
    double a[N * N], b[N], v[N], w[N], total = 0;
    size_t perm[N];
    int signum;
    for (int i = 0; i < N; i++) {
        b[i] = mix[i];
        for (int j = 0; j < N; j++)
            a[i * N + j] = (i == j) - (mods[j].defined ? mods[j].next[i] : 0.0);
    }
    gsl_matrix_view av = gsl_matrix_view_array(a, N, N);
    gsl_vector_view bv = gsl_vector_view_array(b, N), vv = gsl_vector_view_array(v, N);
    gsl_permutation p = {N, perm};
    gsl_linalg_LU_decomp(&av.matrix, &p, &signum);
    /* gsl_linalg_LU_solve calls the GSL error handler (abort by default) on a zero pivot. */
    for (int i = 0; i < N; i++)
        if (a[i * N + i] == 0)
            return -1;
    gsl_linalg_LU_solve(&av.matrix, &p, &bv.vector, &vv.vector);
    for (int m = 0; m < N; m++) {
        /* Rounding can leave a tiny negative number of visits for a module never entered. */
        w[m] = mods[m].defined && v[m] > 0 ? v[m] * eng_dist_mean(&mods[m].duration) : 0;
        total += w[m];
    }
    for (int m = 0; m < N; m++)
        out[m] = w[m] / total;
    return 0;
}

/* ------------------------------------------------------------------------------------------------
 * Loading */

static int copy_module(ea_module *dst, const ea_module *src, eng_error *err)
{
    *dst = *src;
    memset(&dst->duration, 0, sizeof dst->duration);
    return eng_dist_copy(&dst->duration, &src->duration, err);
}

static int copy_entries(const ctx *c, ea_entries *dst, const ea_entries *src)
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

/* Copies `n` bytes of text into a field of `size` bytes, cut at a UTF-8 character boundary. */
static void copy_text(char *dst, size_t size, const char *src, size_t n)
{
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static int load_department(const ctx *c, const char *secname, const sec_info *si,
                           ea_department *d)
{
    ea_scenario *sc = c->sc;
    const char *spelled = eng_ini_section_spelling(c->ini, secname);
    if (si->platform)
        snprintf(d->code, sizeof d->code, "region");
    else
        copy_text(d->code, sizeof d->code, spelled + si->code_at, si->code_len);
    snprintf(d->name, sizeof d->name, "%s", d->code);
    int status = copy_entries(c, &d->entries, &sc->entries);
    for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++)
        if (sc->modules[m].defined)
            status = copy_module(&d->modules[m], &sc->modules[m], c->err);
    if (status == ENG_OK)
        status = parse_section(c, SEC_DEPARTMENT, secname, d, &d->overrides);
    if (status == ENG_OK && sc->capacity_mode == EA_CAPACITY_STAFF && !(d->fte > 0)) {
        int line = eng_ini_line(c->ini, secname, "fte");
        return fail(c, line ? line : eng_ini_section_line(c->ini, secname), spelled, "fte",
                    "must be > 0 when [staff] capacity_mode = staff (expected the counsellors of "
                    "this department, in full-time equivalent)");
    }
    return status;
}

static ea_department *find_department(const ea_scenario *sc, const char *code, size_t len)
{
    for (int i = 0; i < sc->ndepartments; i++) {
        char buf[EA_MAX_NAME];
        copy_text(buf, sizeof buf, code, len);
        if (eng_strcasecmp(sc->departments[i].code, buf) == 0)
            return &sc->departments[i];
    }
    return NULL;
}

static int load_module_override(const ctx *c, const char *secname, const sec_info *si)
{
    ea_scenario *sc = c->sc;
    const char *spelled = eng_ini_section_spelling(c->ini, secname);
    int line = eng_ini_section_line(c->ini, secname);
    ea_department *d = NULL;
    if (si->platform && sc->single_platform)
        d = &sc->departments[0];
    else if (!si->platform && !sc->single_platform)
        d = find_department(sc, spelled + si->code_at, si->code_len);
    if (!d) {
        if (si->platform)
            return fail(c, line, spelled, NULL, "no [platform] section to override (expected "
                        "[department.CODE.module.NAME] sections when there are departments)");
        return fail(c, line, spelled, NULL, "no [department.%.*s] section (expected the code of "
                    "a [department.CODE] section, or [platform.module.NAME] for a single "
                    "platform)", (int)si->code_len, spelled + si->code_at);
    }
    const char *mod = ea_module_names[si->module];
    if (!sc->modules[si->module].defined) {
        char defined[128];
        defined_modules(sc, defined, sizeof defined);
        return fail(c, line, spelled, NULL, "module %s has no shared [module.%s] section "
                    "(expected overrides of modules defined in this file: %s)", mod, mod, defined);
    }
    return parse_section(c, SEC_DEPT_MODULE, secname, &d->modules[si->module],
                         &d->module_overrides[si->module]);
}

/* Name of a department's section, or of its override section for module m (m < 0: none). */
static void department_section(const ea_scenario *sc, const ea_department *d, int m, char *buf,
                               size_t size)
{
    const char *base = sc->single_platform ? "platform" : "department.";
    const char *code = sc->single_platform ? "" : d->code;
    if (m < 0)
        snprintf(buf, size, "%s%s", base, code);
    else
        snprintf(buf, size, "%s%s.module.%s", base, code, ea_module_names[m]);
}

/* Checks the resolved pathway of a department and fills its default initial mix. */
static int finish_department(const ctx *c, ea_department *d)
{
    const ea_scenario *sc = c->sc;
    char sec[EA_MAX_NAME + 64];
    int stuck = stuck_module(d->modules);
    if (stuck >= 0) {
        /* The shared routing passed this check, so an override of `next` broke it: name that of
         * the stuck module if any, else the first one. */
        int at = -1;
        for (int m = 0; m < EA_NMODULES; m++)
            if ((d->module_overrides[m] & EA_OVR_NEXT) && (at < 0 || m == stuck))
                at = m;
        department_section(sc, d, at, sec, sizeof sec);
        return fail(c, eng_ini_line(c->ini, sec, "next"), eng_ini_section_spelling(c->ini, sec),
                    "next", "no path from %s to an exit in this department (expected routes with "
                    "probability > 0 that lead to exit.REASON)", ea_module_names[stuck]);
    }
    if (d->overrides & EA_OVR_INITIAL_MIX)
        return ENG_OK;
    if (stationary_mix(d->entries.mix, d->modules, d->initial_mix) != 0) {
        department_section(sc, d, -1, sec, sizeof sec);
        return fail(c, eng_ini_section_line(c->ini, sec), eng_ini_section_spelling(c->ini, sec),
                    "initial_mix", "cannot compute the default: the routing almost never leads to "
                    "an exit (expected initial_mix set explicitly, or exit probabilities that are "
                    "not negligible)");
    }
    return ENG_OK;
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
            if (pass == 0 && si.kind == SEC_DEPARTMENT)
                status = load_department(c, name, &si, &sc->departments[n++]);
            else if (pass == 1 && si.kind == SEC_DEPT_MODULE)
                status = load_module_override(c, name, &si);
        }
    for (int i = 0; i < sc->ndepartments && status == ENG_OK; i++)
        status = finish_department(c, &sc->departments[i]);
    return status;
}

void ea_scenario_stem(const char *path, char *buf, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    copy_text(buf, size, base, n);
}

static int load_shared(const ctx *c)
{
    ea_scenario *sc = c->sc;
    ea_scenario_stem(c->path, sc->name, sizeof sc->name);
    int status = parse_section(c, SEC_SCENARIO, "scenario", sc, NULL);
    if (status == ENG_OK)
        status = parse_section(c, SEC_BUDGET, "budget", sc, NULL);
    if (status == ENG_OK)
        status = parse_section(c, SEC_STAFF, "staff", sc, NULL);
    /* Reasons and the defined modules come before the routings and mixes that name them. */
    if (status == ENG_OK)
        status = parse_section(c, SEC_EXITS, "exits", sc, NULL);
    for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++) {
        char sec[32];
        snprintf(sec, sizeof sec, "module.%s", ea_module_names[m]);
        if (sc->modules[m].defined)
            status = parse_section(c, SEC_MODULE, sec, &sc->modules[m], NULL);
    }
    int stuck = status == ENG_OK ? stuck_module(sc->modules) : -1;
    if (stuck >= 0) {
        char sec[32];
        snprintf(sec, sizeof sec, "module.%s", ea_module_names[stuck]);
        return fail(c, eng_ini_line(c->ini, sec, "next"), sec, "next",
                    "no path from %s to an exit (expected routes with probability > 0 that lead "
                    "to exit.REASON)", ea_module_names[stuck]);
    }
    if (status == ENG_OK)
        status = parse_section(c, SEC_ENTRIES, "entries", &sc->entries, NULL);
    if (status == ENG_OK)
        status = parse_section(c, SEC_WAITING, "waiting", sc, NULL);
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

static void clear_module(ea_module *m)
{
    eng_dist_clear(&m->duration);
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
        ea_department *d = &sc->departments[i];
        free(d->places_schedule.steps);
        free(d->entries.schedule.steps);
        for (int m = 0; m < EA_NMODULES; m++)
            clear_module(&d->modules[m]);
    }
    free(sc->departments);
    memset(sc, 0, sizeof *sc);
}

/* ------------------------------------------------------------------------------------------------
 * Writing */

static void put_number(FILE *f, double x)
{
    char buf[40];
    eng_format_double(buf, sizeof buf, x);
    fputs(buf, f);
}

/* Writes text so that iniparser 4.1 reads it back unchanged: quoted when it holds a comment sign,
 * blanks at either end, or a leading quote (4.1 has no escapes, so the quote must not occur). */
static int put_text(FILE *f, const char *s, const char *sec, const char *key, eng_error *err)
{
    size_t n = strlen(s);
    int quote = n > 0 && (strpbrk(s, ";#") || isspace((unsigned char)s[0]) ||
                          isspace((unsigned char)s[n - 1]) || s[0] == '"' || s[0] == '\'');
    if (!quote) {
        fputs(s, f);
        return ENG_OK;
    }
    char q = strchr(s, '"') ? '\'' : '"';
    if (strchr(s, q))
        return eng_error_set(err, ENG_EINPUT,
                            "[%s] %s: \"%s\" cannot be written to an INI file that iniparser reads "
                            "back (expected a text without both kinds of quotes)",
                            sec, key, s);
    fprintf(f, "%c%s%c", q, s, q);
    return ENG_OK;
}

static void put_schedule(FILE *f, const ea_schedule *s)
{
    for (int i = 0; i < s->n; i++) {
        char month[8];
        eng_date_month_format(s->steps[i].month, month);
        fprintf(f, "%s%s:", i ? ", " : "", month);
        put_number(f, s->steps[i].value);
    }
}

static int put_value(FILE *f, const ea_scenario *sc, const ea_key *k, const void *v,
                     const char *sec, eng_error *err)
{
    switch (k->type) {
    case T_TEXT:
        return put_text(f, v, sec, k->key, err);
    case T_MONTH: {
        char month[8];
        eng_date_month_format(*(const int *)v, month);
        fputs(month, f);
        break;
    }
    case T_INT:
        fprintf(f, "%d", *(const int *)v);
        break;
    case T_SEED:
        fprintf(f, "%lu", *(const unsigned long *)v);
        break;
    case T_REAL:
        put_number(f, *(const double *)v);
        break;
    case T_CHOICE:
        fputs(k->choices[*(const int *)v], f);
        break;
    case T_SEASONALITY:
        for (int i = 0; i < 12; i++) {
            fputs(i ? ", " : "", f);
            put_number(f, ((const double *)v)[i]);
        }
        break;
    case T_RATES:
    case T_PLACES:
        put_schedule(f, v);
        break;
    case T_MIX:
    case T_ROUTING: {
        int n = k->type == T_MIX ? EA_NMODULES : EA_NMODULES + sc->nreasons, first = 1;
        for (int t = 0; t < n; t++) {
            double x = ((const double *)v)[t];
            char name[EA_MAX_NAME + 8];
            if (x == 0)
                continue;
            target_name(sc, t, name, sizeof name);
            fprintf(f, "%s%s:", first ? "" : ", ", name);
            put_number(f, x);
            first = 0;
        }
        break;
    }
    case T_DIST:
    case T_DURATION: {
        char buf[ENG_INI_MAX_LINE + 2];
        if (eng_dist_format(v, buf, sizeof buf) >= (int)sizeof buf)
            return eng_error_set(err, ENG_EINPUT,
                                "[%s] %s: distribution too long for one INI line of %d "
                                "characters (expected fewer empirical values)",
                                sec, k->key, ENG_INI_MAX_LINE);
        fputs(buf, f);
        break;
    }
    case T_REASONS:
        for (int r = 0; r < sc->nreasons; r++)
            fprintf(f, "%s%s", r ? ", " : "", sc->reasons[r]);
        break;
    }
    return ENG_OK;
}

/* Writes one section: keys of `kind` from base; keys marked F_IF_OVERRIDDEN only when their bit
 * is in `bits`. */
static int write_section(FILE *f, const ea_scenario *sc, sec_kind kind, const char *sec,
                         const void *base, unsigned bits, eng_error *err)
{
    fprintf(f, "\n[%s]\n", sec);
    for (int i = 0; i < NSCHEMA; i++) {
        const ea_key *k = &schema[i];
        if (k->section != kind || ((k->flags & F_IF_OVERRIDDEN) && !(bits & k->ovr)))
            continue;
        char *text = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        if (!m)
            return eng_error_set(err, ENG_EFAIL, "out of memory while writing a scenario");
        int status = put_value(m, sc, k, (const char *)base + k->offset, sec, err);
        if (fclose(m) != 0 && status == ENG_OK)
            status = eng_error_set(err, ENG_EFAIL, "out of memory while writing a scenario");
        if (status == ENG_OK && strlen(k->key) + 3 + len > ENG_INI_MAX_LINE)
            status = eng_error_set(err, ENG_EINPUT,
                                  "[%s] %s: value of %zu characters is too long for one INI line "
                                  "of %d characters, which iniparser could not read back",
                                  sec, k->key, len, ENG_INI_MAX_LINE);
        if (status == ENG_OK)
            fprintf(f, len ? "%s = %s\n" : "%s =\n", k->key, text);
        free(text);
        if (status != ENG_OK)
            return status;
    }
    return ENG_OK;
}

int ea_scenario_write_ini(const ea_scenario *sc, FILE *f, eng_error *err)
{
    fputs("; Resolved eaflow scenario: every value is explicit, defaults included.\n"
          "; Reading this file gives the same scenario.\n",
          f);
    static const struct {
        sec_kind kind;
        const char *name;
    } shared[] = {{SEC_SCENARIO, "scenario"}, {SEC_BUDGET, "budget"}, {SEC_STAFF, "staff"},
                  {SEC_ENTRIES, "entries"},   {SEC_WAITING, "waiting"}, {SEC_EXITS, "exits"}};
    int status = ENG_OK;
    for (size_t i = 0; i < sizeof shared / sizeof shared[0] && status == ENG_OK; i++) {
        const void *base = shared[i].kind == SEC_ENTRIES ? (const void *)&sc->entries : sc;
        status = write_section(f, sc, shared[i].kind, shared[i].name, base, 0, err);
    }
    for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++) {
        char sec[32];
        snprintf(sec, sizeof sec, "module.%s", ea_module_names[m]);
        if (sc->modules[m].defined)
            status = write_section(f, sc, SEC_MODULE, sec, &sc->modules[m], 0, err);
    }
    char sec[EA_MAX_NAME + 64];
    for (int i = 0; i < sc->ndepartments && status == ENG_OK; i++) {
        const ea_department *d = &sc->departments[i];
        department_section(sc, d, -1, sec, sizeof sec);
        status = write_section(f, sc, SEC_DEPARTMENT, sec, d, d->overrides, err);
    }
    for (int i = 0; i < sc->ndepartments && status == ENG_OK; i++) {
        const ea_department *d = &sc->departments[i];
        for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++) {
            if (!d->module_overrides[m])
                continue;
            department_section(sc, d, m, sec, sizeof sec);
            status = write_section(f, sc, SEC_DEPT_MODULE, sec, &d->modules[m],
                                   d->module_overrides[m], err);
        }
    }
    if (status == ENG_OK && ferror(f))
        return eng_error_set(err, ENG_EFAIL, "cannot write the scenario: output error");
    return status;
}

/* Writes a section pattern with each [name] as Markdown code. */
static void put_pattern(FILE *f, const char *pattern)
{
    for (const char *p = pattern; *p; p++) {
        if (*p == '[')
            fputc('`', f);
        fputc(*p, f);
        if (*p == ']')
            fputc('`', f);
    }
}

void ea_scenario_write_keys_markdown(FILE *f)
{
    fputs("| Section | Key | Type | Unit | Default | Range | Description |\n"
          "| --- | --- | --- | --- | --- | --- | --- |\n",
          f);
    for (int i = 0; i < NSCHEMA; i++) {
        const ea_key *k = &schema[i];
        char range[128];
        range_text(k, range, sizeof range);
        fputs("| ", f);
        put_pattern(f, sec_patterns[k->section]);
        fprintf(f, " | `%s` | %s | %s | ", k->key, type_names[k->type], k->unit);
        if (!k->def)
            fputs("required", f);
        else if (k->flags & F_DERIVED)
            fputs(k->def, f);
        else if (!k->def[0])
            fputs("empty", f);
        else
            fprintf(f, "`%s`", k->def);
        fprintf(f, " | %s | %c%s |\n", range, toupper((unsigned char)k->help[0]), k->help + 1);
    }
}

ea_section_kind ea_scenario_section_kind(const char *section, char *code, size_t size)
{
    const char *rest = after_prefix(section, "department.");
    size_t len = 0;
    ea_section_kind kind = EA_SECTION_OTHER;
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
    sec_kind kind = SEC_SCENARIO;
    int found = 0;
    for (int i = 0; i < NFIXED && !found; i++)
        if (strcmp(section, fixed_sections[i].name) == 0) {
            kind = fixed_sections[i].kind;
            found = 1;
        }
    const char *rest;
    if (!found && ((rest = after_prefix(section, "module.")) || (rest = after_prefix(section, "platform.module.")))) {
        kind = after_prefix(section, "module.") ? SEC_MODULE : SEC_DEPT_MODULE;
        found = module_index(rest) >= 0;
    } else if (!found && (rest = after_prefix(section, "department."))) {
        const char *dot = strchr(rest, '.');
        const char *mod = dot ? after_prefix(dot + 1, "module.") : NULL;
        kind = dot ? SEC_DEPT_MODULE : SEC_DEPARTMENT;
        found = valid_code(rest, dot ? (size_t)(dot - rest) : strlen(rest)) && (!dot || (mod && module_index(mod) >= 0));
    }
    const ea_key *row = found ? find_row(kind, key) : NULL;
    if (!row)
        return EA_KEY_UNKNOWN;
    if (row->type == T_INT || row->type == T_SEED)
        return EA_KEY_INTEGER;
    return row->type == T_REAL ? EA_KEY_REAL : EA_KEY_OTHER;
}
