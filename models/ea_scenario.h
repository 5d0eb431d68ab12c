/* ea_scenario.h — The scenario of an emploi accompagné simulation: its values, read from a file
 * through the schema (ea_schema.h) and checked, and the names and pathway checks shared with fit. */
#ifndef EA_SCENARIO_H
#define EA_SCENARIO_H

#include <stdio.h>
#include "../engine/eng_date.h"
#include "../engine/eng_dist.h"
#include "../engine/eng_error.h"
#include "../engine/eng_ini.h"

/* The four modules, in the order of the pathway. */
enum { EA_EVALUATION, EA_PROJET, EA_RECHERCHE, EA_MAINTIEN, EA_NMODULES };
extern const char *const ea_scenario_module_names[EA_NMODULES]; /* "evaluation", "projet", ... */

#define EA_MAX_REASONS 16      /* exit reasons */
#define EA_MAX_NAME 64         /* names of reasons, department codes */
#define EA_MAX_TEXT 128        /* department and scenario names */

/* Routing targets: index m < EA_NMODULES is module m, EA_NMODULES + r is exit reason r. */
#define EA_MAX_TARGETS (EA_NMODULES + EA_MAX_REASONS)

enum { EA_CAPACITY_PLACES, EA_CAPACITY_STAFF };

/* Calendar months are counted as year * 12 + (month - 1): 2022-01 is 24264. */

/* A step function of calendar months: from steps[i].month on, the value is steps[i].value
 * (months ascending, strictly). Before the first step the base value applies. */
typedef struct ea_scenario_step {
    int month;
    double value;
} ea_scenario_step;

typedef struct ea_scenario_schedule {
    ea_scenario_step *steps; /* owned */
    int n;
} ea_scenario_schedule;

/* Value of the schedule at calendar month `month`, or `base` before its first step. */
double ea_scenario_schedule_at(const ea_scenario_schedule *s, int month, double base);

typedef struct ea_scenario_entries {
    double per_month;            /* mean prescriptions per month (Poisson rate) */
    double seasonality[12];      /* multipliers for January..December */
    ea_scenario_schedule schedule; /* rate per month from a given month on */
    double mix[EA_NMODULES];     /* share of entrants starting in each module (sums to 1) */
    double growth;               /* yearly growth of the rate (0.25: +25 % a year), compounded
                                    monthly from the first simulated month; 0 with a schedule */
} ea_scenario_entries;

/* Mean prescriptions of calendar month `month` in a scenario whose first month is `start`: the
 * schedule's rate (per_month before its first step) times the month's seasonal multiplier times
 * (1 + growth)^((month - start) / 12). The one definition the model and the guards use. */
double ea_scenario_entry_rate(const ea_scenario_entries *e, int start, int month);

typedef struct ea_scenario_module {
    int defined;                       /* the scenario has a [module.NAME] section */
    eng_dist duration;                  /* months spent in the module */
    double intensity;                  /* hours of support per person per month */
    double next[EA_MAX_TARGETS];       /* routing probabilities (sum to 1) */
} ea_scenario_module;

/* Bits of ea_scenario_department.overrides: which values a department section set itself (run.ini writes
 * only those in the department, so that a shared change still applies to the others). */
enum {
    EA_OVR_ENTRIES_PER_MONTH = 1 << 0,
    EA_OVR_SEASONALITY = 1 << 1,
    EA_OVR_SCHEDULE = 1 << 2,
    EA_OVR_MIX = 1 << 3,
    EA_OVR_INITIAL_MIX = 1 << 4,
    EA_OVR_NAME = 1 << 5,
    EA_OVR_WEIGHT = 1 << 6,
    EA_OVR_GROWTH = 1 << 7,
    EA_OVR_BEFORE_START = 1 << 8
};
/* Bits of ea_scenario_department.module_overrides[m]: keys set in [department.CODE.module.NAME]. */
enum { EA_OVR_DURATION = 1 << 0, EA_OVR_INTENSITY = 1 << 1, EA_OVR_NEXT = 1 << 2 };

typedef struct ea_scenario_department {
    char code[EA_MAX_NAME];            /* as written, e.g. "31", "2A"; "region" for one platform */
    char name[EA_MAX_TEXT];
    int places;                        /* funded places before any schedule step */
    ea_scenario_schedule places_schedule;
    int initial_file_active;           /* persons in support at the start */
    int entries_before_start;          /* persons who entered before the first simulated month
                                          (since the scheme began): where entries_cumulative
                                          starts */
    double initial_mix[EA_NMODULES];   /* their spread over modules (sums to 1) */
    double fte;                        /* counsellors, full-time equivalent */
    double weight;                     /* share of a regional envelope (--split weight), e.g.
                                          the population; 0 when not given */
    ea_scenario_entries entries; /* resolved: shared [entries] with this department's overrides */
    ea_scenario_module
        modules[EA_NMODULES]; /* resolved: shared modules with this department's overrides */
    unsigned overrides;
    unsigned module_overrides[EA_NMODULES];
} ea_scenario_department;

typedef struct ea_scenario {
    char path[4096];                   /* file it was read from */
    char name[EA_MAX_TEXT];
    char area[EA_MAX_TEXT];            /* the territory the departments make up, as the outputs
                                          name their whole ("Occitanie", "France"); empty: none
                                          given (ea_scenario_area_label) */
    char placeholders[EA_MAX_TEXT];    /* the keys whose values only hold a place, to be filled
                                          in ("places, intensity": what `fit` cannot estimate), or
                                          empty (ea_scenario_warn_placeholders) */
    int start;                         /* first simulated calendar month */
    int months;                        /* number of simulated months */
    int replications;
    unsigned long seed;

    double cost_per_place;             /* euros per place per year */
    double staff_cost_per_fte;         /* euros per full-time counsellor per year */
    double delegated_share;            /* share of funding delegated to partner structures */

    int capacity_mode;                 /* EA_CAPACITY_PLACES or EA_CAPACITY_STAFF */
    double hours_per_fte_month;        /* working hours of one full-time counsellor per month */
    double direct_share;               /* the share of them spent in direct support (0, 1] */

    ea_scenario_entries entries; /* shared entry parameters */
    eng_dist patience;                  /* time a waiting person stays before leaving; NONE: forever */

    int nreasons;
    char reasons[EA_MAX_REASONS][EA_MAX_NAME];

    ea_scenario_module modules[EA_NMODULES]; /* shared module parameters */

    int single_platform;               /* no [department.*]: one platform named "region" */
    int ndepartments;
    ea_scenario_department *departments; /* owned, ndepartments of them */
} ea_scenario;

/* Hours of direct support one full-time counsellor gives a month: hours_per_fte_month times
 * direct_share. What the intensities of the modules are measured against, for the FTE needed and
 * for the capacity in staff mode. */
double ea_scenario_direct_hours_per_fte(const ea_scenario *sc);

/* The share of entrants who in the end leave for each reason (share[0..nreasons)), from the
 * entry mix `mix` and the shared modules' routings: the absorption probabilities of the pathway
 * as a Markov chain, where the exits seen in records that stop at a date lean to the early ones.
 * Persons still routed among modules after 10 000 moves (a chain that barely leaves a loop) are
 * left out of every share. */
void ea_scenario_exit_shares(const ea_scenario *sc, const double *mix, double *share);

/* 1 when a module of some department has an intensity: the run then counts the support hours
 * and the FTE they need. */
int ea_scenario_has_hours(const ea_scenario *sc);

/* Writes to f, when sc counts support hours while leaving direct_share at 1, the warning that
 * its FTE needed count the whole of a counsellor's time as direct support (the page, the PDF and
 * the workbook say it beside the figures). Nothing otherwise. */
void ea_scenario_warn_direct_share(const ea_scenario *sc, FILE *f);

/* Writes to f, unless NULL, that the scenario still holds placeholders ([scenario] placeholders:
 * the places and hours a fitted scenario takes from nowhere) and what to do. */
void ea_scenario_warn_placeholders(const ea_scenario *sc, FILE *f);

/* The section of uncertain parameters (ea_uncertainty.h): its keys are parameter names, not keys
 * of the schema, so the scenario reader passes over it. */
#define EA_SCENARIO_UNCERTAINTY_SECTION "uncertainty"

/* Reads and validates a scenario. Every error is ENG_EINPUT and names the file, the line, the
 * section and key, and what was expected, for example
 *   scenario.ini:14: [module.projet] duration: unknown distribution "gama" (expected ...)
 *   scenario.ini:9: [entries] per_mnth: unknown key (did you mean per_month?)
 *   scenario.ini:20: [module.recherche] next: probabilities sum to 0.9, expected 1
 *   scenario.ini: [scenario] start: missing required key (first simulated month, YYYY-MM)
 * On success *sc owns its memory (ea_scenario_clear). On failure nothing needs freeing. */
int ea_scenario_load(const char *path, ea_scenario *sc, eng_error *err);

/* Same from an already loaded file (possibly with in-memory overrides, see eng_ini_set). */
int ea_scenario_from_ini(const eng_ini *ini, ea_scenario *sc, eng_error *err);

void ea_scenario_clear(ea_scenario *sc);   /* frees what sc owns; NULL is a no-op */

/* Applies a run's own replications and seed (from the command line) over the file's: a
 * replications count above 0 and a seed of 0 or more replace them; others leave the file's. */
void ea_scenario_set_run(ea_scenario *sc, long replications, long seed);

/* What a section name designates, for code that walks a scenario's sections: a department
 * ([department.CODE] or [platform]), a department's module override ([department.CODE.module.NAME]
 * or [platform.module.NAME]) or anything else. For the first two the code is copied into `code`
 * ("" for [platform]) when code is not NULL; the code itself is checked by ea_scenario_load. */
typedef enum ea_scenario_section {
    EA_SECTION_OTHER,
    EA_SECTION_DEPARTMENT,
    EA_SECTION_DEPT_MODULE
} ea_scenario_section;
ea_scenario_section ea_scenario_section_kind(const char *section, char *code, size_t size);

/* What kind of value a key takes, for tools that vary keys (`sweep`): EA_KEY_UNKNOWN when the
 * section (lower case, e.g. "module.recherche", "department.31") or the key is not in the schema. */
enum { EA_KEY_UNKNOWN = -1, EA_KEY_INTEGER, EA_KEY_REAL, EA_KEY_OTHER };
int ea_scenario_key_type(const char *section, const char *key);

/* The file name of path without directory and extension (occitanie-2022 for
 * scenarios/occitanie-2022.ini): the default scenario name, and how outputs are named. */
void ea_scenario_stem(const char *path, char *buf, size_t size);

/* Index of a reason by name, or -1. */
int ea_scenario_reason(const ea_scenario *sc, const char *name);

/* The name of the departments' whole for people: the scenario's `area` ("Occitanie", "France"),
 * or « Région » in the language of the messages when it gives none. */
const char *ea_scenario_area_label(const ea_scenario *sc);

/* A module (évaluation, projet professionnel, recherche d'emploi, maintien dans l'emploi) or an
 * exit reason (emploi durable, réorientation, abandon, autre motif) in words, in French or in
 * English; a name of neither list as it is. */
const char *ea_scenario_module_label(const char *module, int english);
const char *ea_scenario_reason_label(const char *reason, int english);

/* Index of a module by name (ASCII case ignored), or -1. */
int ea_scenario_module_index(const char *name);

/* The module whose name is closest to `name`, for a message's "did you mean", or NULL when none
 * is close enough to be a likely typo (see ea_schema_closest). */
const char *ea_scenario_closest_module(const char *name);

/* The modules that sc defines, as a comma-separated list for messages: "evaluation, projet". */
void ea_scenario_defined_modules(const ea_scenario *sc, char *buf, size_t size);

/* Name of routing target t: a module ("projet"), or exit.REASON with the reasons of sc. */
void ea_scenario_target_name(const ea_scenario *sc, int t, char *buf, size_t size);

/* Whether the len bytes at code can be a department code, the one rule for scenarios, funding
 * tables and records: 1 to EA_MAX_NAME - 1 letters, digits, _ or -, not starting with - (a
 * spreadsheet would read it as a minus sign, or a formula). Where "region" names the regional
 * total (scenario sections, funding tables), the caller refuses it too. */
int ea_scenario_valid_code(const char *code, size_t len);

/* Whether name can be an exit reason: 1 to EA_MAX_NAME - 1 lower-case letters, digits or _. */
int ea_scenario_valid_reason(const char *name);

/* The first defined module from which no route of positive probability (in next) leads to an
 * exit, or -1: people would stay there forever, so such a pathway is refused. */
int ea_scenario_stuck_module(const ea_scenario_module modules[EA_NMODULES]);

/* Name of a department's section ("department.31" or "platform"), or of its override section for
 * module m ("department.31.module.projet"; m < 0 for none). */
void ea_scenario_department_section(const ea_scenario *sc, const ea_scenario_department *d, int m,
                                    char *buf, size_t size);

/* Copies n bytes of text into a field of size bytes, cut at a UTF-8 character boundary when it
 * does not fit. */
void ea_scenario_copy_text(char *dst, size_t size, const char *src, size_t n);

#endif
