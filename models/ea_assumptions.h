/* ea_assumptions.h — The assumptions of a scenario as the report shows them: every parameter with
 * the comment written above it in the file, the references it cites, and whether it is sourced. */
#ifndef EA_ASSUMPTIONS_H
#define EA_ASSUMPTIONS_H

#include "../engine/eng_error.h"
#include "../engine/eng_ini.h"
#include "ea_scenario.h"
#include "ea_schema.h"

/* What stands behind a value. */
typedef enum ea_assumptions_basis {
    EA_ASSUMPTIONS_SOURCE,      /* its comment cites [Sn] references and says no assumption */
    EA_ASSUMPTIONS_HYPOTHESIS,  /* its comment says ASSUMPTION or HYPOTHÈSE, or cites nothing */
    EA_ASSUMPTIONS_DEFAULT,     /* absent from the file: eaflow's default value */
    EA_ASSUMPTIONS_SETTING,     /* a setting of the computation (EA_SCHEMA_SETTING): no source */
    EA_ASSUMPTIONS_CALIBRATED,  /* its comment says CALIBRÉ or CALIBRATED: fitted to observations
                                   (eaflow calibrate writes it so) */
    EA_ASSUMPTIONS_NBASES
} ea_assumptions_basis;

#define EA_ASSUMPTIONS_MAX_REFS 16

/* The comment written above a key or a section header, and what it says. */
typedef struct ea_assumptions_note {
    const char *comment;   /* the comment, from the eng_ini; NULL when none */
    int refs[EA_ASSUMPTIONS_MAX_REFS], nrefs;  /* the n of each [Sn] it cites, in order */
    ea_assumptions_basis basis;
} ea_assumptions_note;

/* A parameter: its key, its value in the scenario (the field at key->offset) and its note. */
typedef struct ea_assumptions_row {
    const ea_schema_key *key;
    const void *value;
    ea_assumptions_note note;
    int overridden;             /* every department gives its own value of the key (its
                                   department key names this one as its default), so that this
                                   value applies to none */
} ea_assumptions_row;

/* A shared section, [scenario] to [exits], or a [module.NAME]: its keys in the schema's order. */
typedef struct ea_assumptions_group {
    ea_schema_section kind;     /* EA_SEC_SCENARIO ... EA_SEC_EXITS, or EA_SEC_MODULE */
    int module;                 /* EA_SEC_MODULE: the module's index, else -1 */
    ea_assumptions_note note;   /* the comment above the section header */
    ea_assumptions_row *rows;
    int nrows;
} ea_assumptions_group;

/* A key of the departments' sections ([department.CODE], or [department.CODE.module.NAME] with
 * module >= 0) and the note of the first department that comments it. */
typedef struct ea_assumptions_column {
    const ea_schema_key *key;
    int module;
    ea_assumptions_note note;
} ea_assumptions_column;

/* A comment of a department's section that no column or common key shows: above a key of
 * another department than the one that gave the column its note, or above the header of any
 * department but the first (key NULL). */
typedef struct ea_assumptions_extra {
    int department;             /* index in sc->departments */
    const ea_schema_key *key;   /* NULL for the section header */
    int module;                 /* a department module key: the module, else -1 */
    ea_assumptions_note note;
} ea_assumptions_extra;

/* The assumptions of a scenario. It points into the scenario and the eng_ini it was computed
 * from, which must outlive it. */
typedef struct ea_assumptions {
    const ea_scenario *sc;
    ea_assumptions_group *groups;   /* the shared sections in the schema's order, then the
                                       modules the scenario defines, in the pathway's order */
    int ngroups;
    ea_assumptions_note departments;   /* the comment above the first department's header */
    ea_assumptions_column *columns;    /* the keys whose values differ between departments, the
                                          code aside, in the schema's order */
    int ncolumns;
    ea_assumptions_column *common;     /* the keys with one value in every department, shown
                                          once (see ea_assumptions_compute) */
    int ncommon;
    ea_assumptions_extra *extras;      /* the other comments of the departments' sections */
    int nextras;
    int *cited;                        /* every reference cited by a comment, ascending */
    int ncited;
} ea_assumptions;

/* Builds the assumptions of sc from the comments of ini, the file sc was read from. A comment
 * says CALIBRÉ or CALIBRATED (in capitals, as eaflow calibrate writes it) for a value fitted to
 * observations, whatever else it says; ASSUMPTION or HYPOTHÈSE (also HYPOTHESE, ASSUMED, any case)
 * for an assumption; [Sn] cites
 * reference n of SOURCES.md. A key given with neither in its comment is an assumption; a key
 * absent from the file takes eaflow's default; the settings of the computation need no source.
 *
 * Departments: a key of the department sections is a column when its values differ between the
 * departments; otherwise it is shown once among the common keys, unless no department gives it
 * and its value is inherited from a shared section (its default names one, "[entries] mix": the
 * shared section shows it) or is an empty default (no schedule). With a single department or
 * [platform], every key it gives or that has a value of its own is a common key. ini may be NULL
 * when the file cannot be read again: no comments then, and every key is taken as given. ENG_EFAIL
 * when out of memory. */
int ea_assumptions_compute(const ea_scenario *sc, const eng_ini *ini, ea_assumptions *a,
                           eng_error *err);

/* The value of key k in department d (for a department module key, in module m), at k->offset
 * of that department's struct. */
const void *ea_assumptions_department_value(const ea_scenario *sc, const ea_schema_key *k, int d,
                                            int m);

/* The value's text as run.ini writes it (ea_schema_type_write), into buf; "" when it cannot be
 * written. The department table compares values by this text. */
void ea_assumptions_value_text(const ea_scenario *sc, const ea_schema_key *k, const void *v,
                               char *buf, size_t size);

void ea_assumptions_clear(ea_assumptions *a);   /* NULL is a no-op */

#endif
