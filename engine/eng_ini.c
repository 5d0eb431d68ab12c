/* eng_ini.c — Scenario files read line by line with iniparser 4.1's syntax into an iniparser
 * dictionary, with the line and comment of every section and key, duplicates refused, in-memory
 * overrides. */
#include "eng_ini.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <iniparser.h>

#include "eng_array.h"
#include "eng_encoding.h"
#include "eng_msg.h"
#include "eng_text.h"

typedef struct eng_ini_entry {
    char *name;      /* lower case, as iniparser stores it */
    int line;        /* 0 when set in memory */
    char *comment;   /* the comment lines written above it, NULL when none */
} eng_ini_entry;

typedef struct eng_ini_sec {
    char *name;       /* lower case */
    char *spelling;   /* as written between the brackets */
    int line;         /* line of the header, 0 when created in memory */
    char *comment;    /* the comment lines written above the header, NULL when none */
    eng_ini_entry *keys;
    int nkeys, cap;
} eng_ini_sec;

struct eng_ini {
    char *path;
    dictionary *dict;
    eng_ini_sec *secs;
    int nsecs, cap;
    char *pending;    /* comment lines read since the last section or key, NULL when none */
};

static char *lower_dup(const char *s)
{
    char *d = strdup(s);
    if (d)
        for (char *p = d; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    return d;
}

static eng_ini_sec *find_sec(const eng_ini *ini, const char *name)
{
    for (int i = 0; i < ini->nsecs; i++)
        if (eng_text_casecmp(ini->secs[i].name, name) == 0)
            return &ini->secs[i];
    return NULL;
}

static eng_ini_entry *find_key(const eng_ini_sec *s, const char *name)
{
    for (int i = 0; i < s->nkeys; i++)
        if (eng_text_casecmp(s->keys[i].name, name) == 0)
            return &s->keys[i];
    return NULL;
}

/* Appends a section (names copied, `name` lower-cased); returns it, or NULL when out of memory. */
static eng_ini_sec *add_sec(eng_ini *ini, const char *spelling, int line)
{
    if (eng_array_reserve_int(&ini->secs, &ini->cap, ini->nsecs + 1, sizeof *ini->secs, 16) != 0)
        return NULL;
    eng_ini_sec *s = &ini->secs[ini->nsecs];
    memset(s, 0, sizeof *s);
    s->name = lower_dup(spelling);
    s->spelling = strdup(spelling);
    s->line = line;
    if (!s->name || !s->spelling) {
        free(s->name);
        free(s->spelling);
        return NULL;
    }
    ini->nsecs++;
    return s;
}

static eng_ini_entry *add_key(eng_ini_sec *s, const char *name, int line)
{
    if (eng_array_reserve_int(&s->keys, &s->cap, s->nkeys + 1, sizeof *s->keys, 16) != 0)
        return NULL;
    eng_ini_entry *k = &s->keys[s->nkeys];
    k->name = lower_dup(name);
    k->line = line;
    k->comment = NULL;
    if (!k->name)
        return NULL;
    s->nkeys++;
    return k;
}

/* iniparser stores a key as "section:key"; returns that in a new string, or NULL. */
static char *entry_name(const char *section, const char *key)
{
    size_t n = strlen(section) + strlen(key) + 2;
    char *e = malloc(n);
    if (e)
        snprintf(e, n, "%s:%s", section, key);
    return e;
}

static int out_of_memory(eng_error *err)
{
    return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour lire un fichier de scénario");
}

/* The value of a `key = value` line (whole, trimmed, at most ENG_INI_MAX_LINE characters), as
 * iniparser 4.1 reads it, with the same sscanf patterns: a value in double or single quotes is
 * kept exactly, up to its closing quote; otherwise it ends at the first `;` or `#` and is trimmed;
 * `""`, `''`, nothing or only a comment make an empty value. `value` has ENG_INI_MAX_LINE + 1
 * bytes, which every pattern fits in since each reads a part of the line. */
static void parse_value(const char *line, char *value)
{
    char key[ENG_INI_MAX_LINE + 1];
    if (sscanf(line, "%[^=] = \"%[^\"]\"", key, value) == 2
        || sscanf(line, "%[^=] = '%[^\']'", key, value) == 2)
        return;
    if (sscanf(line, "%[^=] = %[^;#]", key, value) == 2) {
        eng_text_trim(value);
        if (strcmp(value, "\"\"") == 0 || strcmp(value, "''") == 0)
            value[0] = '\0';
        return;
    }
    value[0] = '\0';
}

/* Adds one comment line, without its `;` or `#` and the blanks after them, to the comment read
 * since the last section or key, on a line of its own; 0, or -1 when out of memory. */
static int keep_comment(eng_ini *ini, const char *line)
{
    const char *text = line + 1;
    while (*text == ' ' || *text == '\t')
        text++;
    size_t old = ini->pending ? strlen(ini->pending) : 0, n = strlen(text);
    char *p = realloc(ini->pending, old + n + 2);
    if (!p)
        return -1;
    if (ini->pending)
        p[old++] = '\n';
    memcpy(p + old, text, n + 1);
    ini->pending = p;
    return 0;
}

/* The comment read since the last section or key, handed to the one just read. */
static char *take_comment(eng_ini *ini)
{
    char *c = ini->pending;
    ini->pending = NULL;
    return c;
}

/* Stores section:key = value in the dictionary; 0, or -1 when out of memory. */
static int set_value(eng_ini *ini, const char *section, const char *key, const char *value)
{
    char *entry = entry_name(section, key);
    int rc = entry ? iniparser_set(ini->dict, entry, value) : -1;
    free(entry);
    return rc;
}

/* A comment after a section header ("[exits] ; raisons de sortie") is ordinary INI, though
 * iniparser 4.1 refuses it: the header line s is cut after its `]` when a `;` or `#` follows it
 * (blanks aside), and left as it is otherwise. */
static int cut_header_comment(const eng_ini *ini, char *s, int first, int last, eng_error *err)
{
    char *close = strchr(s, ']');
    char *rest = close ? close + 1 : NULL;
    while (rest && (*rest == ' ' || *rest == '\t'))
        rest++;
    if (!rest || (*rest != ';' && *rest != '#'))
        return ENG_OK;
    if (first != last)
        return eng_error_set(err, ENG_EINPUT,
                            "%s, ligne %d : le commentaire après l'en-tête de section finit par "
                            "`\\`, la ligne %d lui serait jointe et ignorée ; retirez le `\\`",
                            ini->path, first, first + 1);
    close[1] = '\0';
    return ENG_OK;
}

/* Classifies one logical line the way iniparser 4.1 does (blank, comment, [section], key = value,
 * else a syntax error) and records sections and keys. `first` and `last` are the physical lines
 * the logical line spans; *cur is the index of the current section, -1 before the first. */
static int scan_line(eng_ini *ini, char *text, int first, int last, int *cur, eng_error *err)
{
    const char *path = ini->path;
    char *s = eng_text_trim(text);
    size_t len = strlen(s);
    if (len == 0)
        return ENG_OK;
    if (s[0] == ';' || s[0] == '#') {
        /* iniparser joins a line ending with `\` to the next one even in a comment, so the next
         * line would silently become part of the comment. */
        if (first != last)
            return eng_error_set(err, ENG_EINPUT,
                                "%s, ligne %d : le commentaire finit par `\\`, la ligne %d lui "
                                "serait jointe et ignorée ; retirez le `\\`",
                                path, first, first + 1);
        return keep_comment(ini, s) == 0 ? ENG_OK : out_of_memory(err);
    }
    if (s[0] == '[' && s[len - 1] != ']') {
        int status = cut_header_comment(ini, s, first, last, err);
        if (status != ENG_OK)
            return status;
        len = strlen(s);
    }
    if (s[0] == '[' && s[len - 1] == ']') {
        char *inner = s + 1;
        s[len - 1] = '\0';
        if (strchr(inner, ']'))
            return eng_error_set(err, ENG_EINPUT,
                                "%s, ligne %d : l'en-tête de section [%s] contient un `]` ; "
                                "écrivez [nom]",
                                path, first, inner);
        eng_text_trim(inner);
        if (!*inner)
            return eng_error_set(err, ENG_EINPUT, "%s, ligne %d : nom de section vide ; écrivez [nom]",
                                path, first);
        const eng_ini_sec *prev = find_sec(ini, inner);
        if (prev)
            return eng_error_set(err, ENG_EINPUT,
                                "%s, ligne %d : section [%s] donnée deux fois (d'abord à la ligne "
                                "%d) ; fusionnez-les ou renommez l'une",
                                path, first, inner, prev->line);
        eng_ini_sec *sec = add_sec(ini, inner, first);
        if (!sec || iniparser_set(ini->dict, sec->name, NULL) != 0)
            return out_of_memory(err);
        sec->comment = take_comment(ini);
        *cur = ini->nsecs - 1;
        return ENG_OK;
    }
    char *eq = strchr(s, '=');
    if (eq && eq != s) {
        char value[ENG_INI_MAX_LINE + 1];
        parse_value(s, value);
        *eq = '\0';
        char *key = eng_text_trim(s);
        if (*cur < 0)
            return eng_error_set(err, ENG_EINPUT,
                                "%s, ligne %d : la clé « %s » est hors de toute section ; mettez "
                                "un en-tête [section] avant elle",
                                path, first, key);
        eng_ini_sec *sec = &ini->secs[*cur];
        const eng_ini_entry *prev = find_key(sec, key);
        if (prev)
            return eng_error_set(err, ENG_EINPUT, "%s, ligne %d : [%s] %s donnée deux fois (d'abord à la "
                                "ligne %d) ; gardez-en une",
                                path, first, sec->spelling, prev->name, prev->line);
        eng_ini_entry *k = add_key(sec, key, first);
        if (!k || set_value(ini, sec->name, key, value) != 0)
            return out_of_memory(err);
        k->comment = take_comment(ini);
        return ENG_OK;
    }
    return eng_error_set(err, ENG_EINPUT,
                        "%s, ligne %d : « %.60s%s » illisible ; attendu un en-tête [section], "
                        "une ligne clé = valeur ou un commentaire commençant par ; ou #",
                        path, first, s, strlen(s) > 60 ? "..." : "");
}

/* Reads the text, joining continuation lines exactly as iniparser 4.1 does and keeping its limit,
 * so that a file reads the same with iniparser: it reads a logical line with fgets into a buffer
 * of 1024 bytes, so the physical lines joined by `\` (each continued one cut just before its `\`)
 * must fit in ENG_INI_MAX_LINE characters plus the newline. */
static int scan_file(eng_ini *ini, FILE *f, eng_error *err)
{
    char logical[ENG_INI_MAX_LINE + 1];
    char *phys = NULL;
    size_t physcap = 0, kept = 0;
    int lineno = 0, first = 0, cur = -1, status = ENG_OK;
    ssize_t n;
    while ((n = getline(&phys, &physcap, f)) != -1) {
        lineno++;
        size_t len = (size_t)n;
        char *text = phys;
        if (memchr(text, '\0', len)) {
            status = eng_error_set(err, ENG_EINPUT, "%s, ligne %d : octet nul dans la ligne ; "
                                  "attendu un fichier texte", ini->path, lineno);
            break;
        }
        if (len > 0 && text[len - 1] == '\n')
            len--;
        if (kept == 0)
            first = lineno;
        if (kept + len > ENG_INI_MAX_LINE) {
            if (first == lineno)
                status = eng_error_set(err, ENG_EINPUT,
                                      "%s, ligne %d : ligne trop longue, %zu caractères, plus que "
                                      "les %d qu'iniparser 4.1 lit en une ligne (les lignes "
                                      "continuées par `\\` comptent ensemble) ; raccourcissez-la",
                                      ini->path, lineno, len, ENG_INI_MAX_LINE);
            else
                status = eng_error_set(err, ENG_EINPUT,
                                      "%s, ligne %d : les lignes %d à %d, jointes par `\\`, sont "
                                      "trop longues, %zu caractères, plus que les %d qu'iniparser "
                                      "4.1 lit en une ligne logique ; raccourcissez-les",
                                      ini->path, first, first, lineno, kept + len,
                                      ENG_INI_MAX_LINE);
            break;
        }
        memcpy(logical + kept, text, len);
        size_t end = kept + len;
        while (end > 0 && isspace((unsigned char)logical[end - 1]))
            end--;
        logical[end] = '\0';
        if (end > 0 && logical[end - 1] == '\\') {
            kept = end - 1;
            continue;
        }
        kept = 0;
        status = scan_line(ini, logical, first, lineno, &cur, err);
        if (status)
            break;
    }
    free(phys);
    if (status)
        return status;
    if (ferror(f))
        return eng_error_set(err, ENG_EFAIL, "%s : erreur de lecture : %s", ini->path, eng_msg_errno(errno));
    /* iniparser drops a logical line still open at the end of the file. */
    if (kept > 0)
        return eng_error_set(err, ENG_EINPUT,
                            "%s, ligne %d : la ligne finit par `\\` sans ligne après, "
                            "iniparser l'ignorerait ; retirez le `\\`",
                            ini->path, lineno);
    return ENG_OK;
}

eng_ini *eng_ini_load(const char *path, eng_error *err)
{
    eng_ini *ini = calloc(1, sizeof *ini);
    if (!ini || !(ini->path = strdup(path))) {
        free(ini);
        out_of_memory(err);
        return NULL;
    }
    ini->dict = dictionary_new(0);
    if (!ini->dict) {
        out_of_memory(err);
        eng_ini_free(ini);
        return NULL;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        eng_error_set(err, ENG_EINPUT, "%s : ouverture impossible : %s ; vérifiez le chemin", path, eng_msg_errno(errno));
        eng_ini_free(ini);
        return NULL;
    }
    int status = eng_encoding_reopen(&f, path, err);
    if (status == ENG_OK)
        status = scan_file(ini, f, err);
    fclose(f);
    if (status != ENG_OK) {
        eng_ini_free(ini);
        return NULL;
    }
    return ini;
}

void eng_ini_free(eng_ini *ini)
{
    if (!ini)
        return;
    for (int i = 0; i < ini->nsecs; i++) {
        eng_ini_sec *s = &ini->secs[i];
        for (int k = 0; k < s->nkeys; k++) {
            free(s->keys[k].name);
            free(s->keys[k].comment);
        }
        free(s->keys);
        free(s->comment);
        free(s->name);
        free(s->spelling);
    }
    free(ini->secs);
    free(ini->pending);
    if (ini->dict)
        iniparser_freedict(ini->dict);
    free(ini->path);
    free(ini);
}

const char *eng_ini_path(const eng_ini *ini)
{
    return ini->path;
}

int eng_ini_nsections(const eng_ini *ini)
{
    return ini->nsecs;
}

const char *eng_ini_section(const eng_ini *ini, int i)
{
    return i >= 0 && i < ini->nsecs ? ini->secs[i].name : NULL;
}

const char *eng_ini_section_spelling(const eng_ini *ini, const char *section)
{
    const eng_ini_sec *s = find_sec(ini, section);
    return s ? s->spelling : NULL;
}

int eng_ini_section_line(const eng_ini *ini, const char *section)
{
    const eng_ini_sec *s = find_sec(ini, section);
    return s ? s->line : 0;
}

int eng_ini_nkeys(const eng_ini *ini, const char *section)
{
    const eng_ini_sec *s = find_sec(ini, section);
    return s ? s->nkeys : 0;
}

const char *eng_ini_key(const eng_ini *ini, const char *section, int i)
{
    const eng_ini_sec *s = find_sec(ini, section);
    return s && i >= 0 && i < s->nkeys ? s->keys[i].name : NULL;
}

const char *eng_ini_get(const eng_ini *ini, const char *section, const char *key)
{
    const eng_ini_sec *s = find_sec(ini, section);
    if (!s || !find_key(s, key))
        return NULL;
    char *entry = entry_name(s->name, key);
    if (!entry)
        return NULL;
    const char *v = iniparser_getstring(ini->dict, entry, NULL);
    free(entry);
    return v;
}

int eng_ini_line(const eng_ini *ini, const char *section, const char *key)
{
    const eng_ini_sec *s = find_sec(ini, section);
    const eng_ini_entry *k = s ? find_key(s, key) : NULL;
    return k ? k->line : 0;
}

const char *eng_ini_comment(const eng_ini *ini, const char *section, const char *key)
{
    const eng_ini_sec *s = find_sec(ini, section);
    if (!s || !key)
        return s ? s->comment : NULL;
    const eng_ini_entry *k = find_key(s, key);
    return k ? k->comment : NULL;
}

int eng_ini_set(eng_ini *ini, const char *section, const char *key, const char *value, eng_error *err)
{
    eng_ini_sec *s = find_sec(ini, section);
    if (!s) {
        char *lower = lower_dup(section);
        int failed = !lower || iniparser_set(ini->dict, lower, NULL) != 0 ||
                     !(s = add_sec(ini, lower, 0));
        free(lower);
        if (failed)
            return out_of_memory(err);
    }
    char *entry = entry_name(s->name, key);
    if (!entry || iniparser_set(ini->dict, entry, value) != 0) {
        free(entry);
        return out_of_memory(err);
    }
    free(entry);
    eng_ini_entry *k = find_key(s, key);
    if (k)
        k->line = 0;
    else if (!add_key(s, key, 0))
        return out_of_memory(err);
    return ENG_OK;
}
