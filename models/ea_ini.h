/* ea_ini.h — Scenario files read with iniparser, plus the line of every section and key so that
 * errors can name it, detection of duplicated keys and sections, and in-memory overrides. */
#ifndef EA_INI_H
#define EA_INI_H

#include "../engine/fa_error.h"

typedef struct ea_ini ea_ini;

/* Longest logical line, in characters, that iniparser 4.1 reads: the physical lines joined by `\`
 * continuation count together, so continuation does not raise it. */
#define EA_INI_MAX_LINE 1022

/* Loads `path`. Values come from iniparser (so its syntax holds: `;` and `#` comments, quotes,
 * `\` continuation lines); a scan of the raw text records, for each section and key, its line and
 * its spelling as written (iniparser lower-cases names). Errors, all FA_EINPUT, name the file and
 * line: a key or section given twice (`scenario.ini:40: [department.31] places given twice (first
 * at line 12)`), a line iniparser rejects (too long, syntax), a key outside any section. A file
 * that cannot be opened is FA_EINPUT too. Returns NULL on failure with err filled. */
ea_ini *ea_ini_load(const char *path, fa_error *err);

void ea_ini_free(ea_ini *ini);   /* NULL is a no-op */

const char *ea_ini_path(const ea_ini *ini);

/* Sections in file order, by their lower-case name (as iniparser stores them). */
int ea_ini_nsections(const ea_ini *ini);
const char *ea_ini_section(const ea_ini *ini, int i);
/* Spelling as written in the file (for department codes such as 2A), or the lower-case name. */
const char *ea_ini_section_spelling(const ea_ini *ini, const char *section);
/* Line of the section header, 0 when unknown (a section added by ea_ini_set). */
int ea_ini_section_line(const ea_ini *ini, const char *section);

/* Keys of a section, in file order (lower-case). */
int ea_ini_nkeys(const ea_ini *ini, const char *section);
const char *ea_ini_key(const ea_ini *ini, const char *section, int i);

/* The value of section.key, or NULL when absent; line of the key, 0 when absent or set in memory. */
const char *ea_ini_get(const ea_ini *ini, const char *section, const char *key);
int ea_ini_line(const ea_ini *ini, const char *section, const char *key);

/* Sets (or adds) a value in memory, creating the section when needed; used by `sweep` to vary a
 * key. Names are lower-cased. Returns FA_OK or FA_EFAIL (out of memory). */
int ea_ini_set(ea_ini *ini, const char *section, const char *key, const char *value, fa_error *err);

#endif
