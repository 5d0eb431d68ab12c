/* ea_schema_type.h — The types of value of scenario keys: one row per type with how its text is
 * parsed and checked, written back to INI, and described in the key list and in messages. */
#ifndef EA_SCHEMA_TYPE_H
#define EA_SCHEMA_TYPE_H

#include <stddef.h>
#include <stdio.h>
#include "../engine/eng_error.h"
#include "ea_scenario.h"
#include "ea_schema.h"

/* Where a value is read from, for its messages, and the scenario read so far: the routings and
 * mixes check their names against its defined modules and reasons, and [exits] reasons fill its
 * reasons and nreasons. */
typedef struct ea_schema_type_at {
    const char *path;       /* the file */
    const char *section;    /* the section as written */
    int line;               /* 0 when the value has no line */
    const char *deftext;    /* the default's text when the value is a default, else NULL */
    ea_scenario *sc;
    eng_error *err;
} ea_schema_type_at;

/* Parses `text` for key k into dest (the field at k->offset of its section's struct); on failure
 * dest is unchanged. Errors are ENG_EINPUT, in the form of ea_schema_error, saying what was
 * expected (ea_schema_type_expected), and ENG_EFAIL when out of memory. */
int ea_schema_type_parse(const ea_schema_key *k, const char *text, void *dest,
                         const ea_schema_type_at *at);

/* Where a value is written to. */
typedef struct ea_schema_type_out {
    FILE *f;
    const char *section;    /* the section as written, for messages */
    int quote;              /* a text goes in quotes even when iniparser does not need them */
    eng_error *err;
} ea_schema_type_out;

/* Writes the value v of key k (the field at k->offset) as the INI text that ea_schema_type_parse
 * reads back to the same value, naming modules and reasons as sc does. ENG_EINPUT, naming the
 * section and key, for a value that iniparser could not read back. */
int ea_schema_type_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                         const ea_schema_type_out *out);

/* The Bounds column of the key list, in the language of the messages with its numbers for people:
 * "0 à 744", "1 à 1 200" or "AAAA-MM" in French, "0 to 744" or "YYYY-MM" in English. */
void ea_schema_type_range(const ea_schema_key *k, char *buf, size_t size);

/* What a message says was expected, after "expected ": "an integer, >= 0". */
void ea_schema_type_expected(const ea_schema_key *k, char *buf, size_t size);

/* The Type column of the key list, in the language of the messages: "texte", "mois civil",
 * "entier"... in French, "text", "month", "integer"... in English. */
const char *ea_schema_type_name(ea_schema_type type);

#endif
