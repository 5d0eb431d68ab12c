/* ea_schema.h — The keys of a scenario file, one row per key (section, type, unit, default, range,
 * help, French label): the table behind parsing, run.ini, messages, key list and assumptions. */
#ifndef EA_SCHEMA_H
#define EA_SCHEMA_H

#include <stddef.h>
#include <stdio.h>
#include "../engine/eng_error.h"

/* The kinds of section a scenario has. */
typedef enum ea_schema_section {
    EA_SEC_SCENARIO,
    EA_SEC_BUDGET,
    EA_SEC_STAFF,
    EA_SEC_ENTRIES,
    EA_SEC_WAITING,
    EA_SEC_EXITS,
    EA_SEC_MODULE,       /* [module.NAME] */
    EA_SEC_DEPARTMENT,   /* [department.CODE] or [platform] */
    EA_SEC_DEPT_MODULE   /* [department.CODE.module.NAME] or [platform.module.NAME] */
} ea_schema_section;

/* The types of value a key takes, and the C field each fills. How each is parsed, written and
 * described is one row of the table of ea_schema_type.h. */
typedef enum ea_schema_type {
    EA_TYPE_TEXT, /* char[EA_MAX_TEXT] */
    EA_TYPE_MONTH, /* int, calendar month */
    EA_TYPE_INT, /* int */
    EA_TYPE_SEED, /* unsigned long */
    EA_TYPE_REAL, /* double */
    EA_TYPE_CHOICE, /* int, index in the row's choices */
    EA_TYPE_SEASONALITY, /* double[12] */
    EA_TYPE_RATES, /* ea_scenario_schedule of rates */
    EA_TYPE_PLACES, /* ea_scenario_schedule of integer places */
    EA_TYPE_MIX, /* double[EA_NMODULES] */
    EA_TYPE_DIST, /* eng_dist, `none` allowed */
    EA_TYPE_DURATION, /* eng_dist, `none` refused, mean > 0 */
    EA_TYPE_ROUTING, /* double[EA_MAX_TARGETS] */
    EA_TYPE_REASONS, /* ea_scenario.reasons and nreasons */
    EA_NTYPES
} ea_schema_type;

/* Bits of ea_schema_key.flags. */
enum {
    EA_SCHEMA_MIN_EXCLUSIVE = 1 << 0,  /* the value must be > min rather than >= min */
    EA_SCHEMA_DERIVED = 1 << 1,        /* absent: computed from other values, `def` says how
                                          (in French, English through eng_msg_tr) */
    EA_SCHEMA_IF_OVERRIDDEN = 1 << 2,  /* run.ini writes it only when the department set it */
    EA_SCHEMA_SETTING = 1 << 3         /* a name or a setting of the computation (replications,
                                          seed), not a fact about the world: it needs no source */
};

/* One key of the schema. A key with neither `def` nor EA_SCHEMA_DERIVED is required; otherwise
 * `def` is the text parsed, like a value from the file, when the key is absent. Values go at
 * `offset` in the struct of the section: ea_scenario for [scenario], [budget], [staff], [waiting]
 * and [exits], ea_scenario_entries for [entries], ea_scenario_module for module sections, ea_scenario_department for
 * departments. */
typedef struct ea_schema_key {
    ea_schema_section section;
    const char *key;
    ea_schema_type type;
    const char *unit;
    const char *def;
    unsigned flags;
    double min, max;             /* range of the numbers (items of lists and schedules included) */
    const char *const *choices;  /* EA_TYPE_CHOICE: allowed words, NULL-terminated */
    size_t offset;
    unsigned ovr;                /* department sections: bit recorded when the key is given */
    const char *help;            /* what the key is, in French (English through eng_msg_tr) */
    const char *label_fr;        /* what the report's assumptions call it, in French (English
                                    through eng_msg_tr) */
} ea_schema_key;

/* Every key, grouped by section in the order of the key list. */
extern const ea_schema_key ea_schema_keys[];
extern const int ea_schema_nkeys;

/* The row of `key` (exact, lower case) in sections of kind `section`, or NULL. */
const ea_schema_key *ea_schema_find(ea_schema_section section, const char *key);

/* How a kind of section is named in messages and in the key list, in the language of the messages:
 * "[scenario]", "[module.NAME]", "[department.CODE] ou [platform]". */
const char *ea_schema_pattern(ea_schema_section section);

/* Writes the key list (section, key, type, unit, default, range, help) as a Markdown table, in the
 * language of the messages (French numbers in French): the README's key list is this text in
 * French, and `eaflow help scenario` prints it. */
void ea_schema_write_markdown(FILE *f);

/* Sets err to ENG_EINPUT with `PATH:LINE: [section] key: message` (no LINE when line is 0, no key
 * when key is NULL), the form of every message about a scenario file; returns ENG_EINPUT. */
int ea_schema_error(eng_error *err, const char *path, int line, const char *section,
                    const char *key, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Sets err for a key that sections of kind `section` do not have (spelled: the section as
 * written): "unknown key", with the closest of their keys, or else the section the key belongs
 * in, or else the list of their keys. Returns ENG_EINPUT. */
int ea_schema_unknown_key(eng_error *err, const char *path, int line, ea_schema_section section,
                          const char *spelled, const char *key);

/* The candidate closest to `word`, for a message's "did you mean": within a few edits, or
 * containing it, or contained in it; NULL when none is close enough to be a likely typo. */
const char *ea_schema_closest(const char *word, const char *const *cands, int n);

/* Appends s to the comma-separated list in buf (of size bytes), for the lists of messages. */
void ea_schema_list_add(char *buf, size_t size, const char *s);

#endif
