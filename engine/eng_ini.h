/* eng_ini.h — Scenario files read with iniparser 4.1's syntax, plus the line of every section and
 * key (errors name it) and the comment above it, duplicates refused, in-memory overrides. */
#ifndef ENG_INI_H
#define ENG_INI_H

#include "eng_error.h"

typedef struct eng_ini eng_ini;

/* Longest logical line, in characters, that iniparser 4.1 reads: the physical lines joined by `\`
 * continuation count together, so continuation does not raise it. */
#define ENG_INI_MAX_LINE 1022

/* Loads `path`. Each line is read as iniparser 4.1 reads it (`;` and `#` comments, quotes, `\`
 * continuation lines, values cut at an inline comment and trimmed) into an iniparser dictionary,
 * recording for each section and key its line and its spelling as written (names are compared
 * lower-cased). The text is first decoded by eng_encoding_decode: a UTF-8 byte order mark (Windows
 * Notepad writes one) is dropped, a file in Windows-1252 is converted to UTF-8, one in UTF-16 is
 * refused. A comment after a section header (`[exits] ; raisons de sortie`), which iniparser 4.1
 * refuses, is read as ordinary INI. Errors, all ENG_EINPUT, name the file and line: a key or section
 * given twice (`scenario.ini:40: [department.31] places given twice (first at line 12)`), a line
 * too long or not INI, a key outside any section, a NUL byte, a file in UTF-16. A file that cannot
 * be opened is ENG_EINPUT too. Returns NULL on failure with err filled. */
eng_ini *eng_ini_load(const char *path, eng_error *err);

void eng_ini_free(eng_ini *ini);   /* NULL is a no-op */

const char *eng_ini_path(const eng_ini *ini);

/* Sections in file order, by their lower-case name (as iniparser stores them). */
int eng_ini_nsections(const eng_ini *ini);
const char *eng_ini_section(const eng_ini *ini, int i);
/* Spelling as written in the file (for department codes such as 2A), or the lower-case name. */
const char *eng_ini_section_spelling(const eng_ini *ini, const char *section);
/* Line of the section header, 0 when unknown (a section added by eng_ini_set). */
int eng_ini_section_line(const eng_ini *ini, const char *section);

/* Keys of a section, in file order (lower-case). */
int eng_ini_nkeys(const eng_ini *ini, const char *section);
const char *eng_ini_key(const eng_ini *ini, const char *section, int i);

/* The value of section.key, or NULL when absent; line of the key, 0 when absent or set in memory. */
const char *eng_ini_get(const eng_ini *ini, const char *section, const char *key);
int eng_ini_line(const eng_ini *ini, const char *section, const char *key);

/* The comment written above section.key, or above the section's header when key is NULL: the `;`
 * or `#` lines read since the section header or key before it (blank lines between them aside, so
 * that a note set apart by a blank line still belongs to what follows it), each without its `;` or
 * `#` and the blanks after them, joined by line breaks; an empty comment line gives an empty line.
 * NULL when there is none, for a key set in memory, and for an absent section or key. Comments
 * after the last key of the file belong to nothing and are not kept. Inline comments after a value
 * are cut, as iniparser cuts them, and not kept either. */
const char *eng_ini_comment(const eng_ini *ini, const char *section, const char *key);

/* Sets (or adds) a value in memory, creating the section when needed; used by `sweep` to vary a
 * key. Names are lower-cased. Returns ENG_OK or ENG_EFAIL (out of memory). */
int eng_ini_set(eng_ini *ini, const char *section, const char *key, const char *value, eng_error *err);

#endif
