/* ea_sources.c — The references of SOURCES.md read from its Markdown table, and the [Sn] citations
 * of a text. */
#include "ea_sources.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_path.h"
#include "../engine/eng_text.h"

struct ea_sources {
    char *path;
    ea_sources_ref *refs;
    int *lines;          /* line of each reference, for the message about a repeated one */
    int n, cap, lcap;
};

enum { NCELLS = 4 };

/* Splits a table row `| a | b | c | d |` in place into its trimmed cells; returns their number
 * (at most max), or 0 when the line is not a table row. */
static int split_row(char *line, char **cells, int max)
{
    char *p = eng_text_trim(line);
    size_t len = strlen(p);
    if (len < 2 || p[0] != '|' || p[len - 1] != '|')
        return 0;
    p[len - 1] = '\0';
    int n = 0;
    for (char *cell = p + 1; cell && n < max + 1; n++) {
        char *bar = strchr(cell, '|');
        if (bar)
            *bar = '\0';
        if (n < max)
            cells[n] = eng_text_trim(cell);
        cell = bar ? bar + 1 : NULL;
    }
    return n;
}

/* The n of a cell "Sn", or 0. */
static int ref_number(const char *cell)
{
    if (cell[0] != 'S' || !isdigit((unsigned char)cell[1]))
        return 0;
    char *end;
    long n = strtol(cell + 1, &end, 10);
    return *end == '\0' && n > 0 && n < 100000 ? (int)n : 0;
}

static int add_ref(ea_sources *s, char **cells, int number, int line, eng_error *err)
{
    for (int i = 0; i < s->n; i++)
        if (s->refs[i].number == number)
            return eng_error_set(err, ENG_EINPUT,
                                 "%s:%d: la référence S%d est déjà donnée ligne %d (donnez à "
                                 "chaque référence un numéro qui lui est propre)",
                                 s->path, line, number, s->lines[i]);
    if (eng_array_reserve_int(&s->refs, &s->cap, s->n + 1, sizeof *s->refs, 32) != 0
        || eng_array_reserve_int(&s->lines, &s->lcap, s->n + 1, sizeof *s->lines, 32) != 0)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour lire %s", s->path);
    ea_sources_ref *r = &s->refs[s->n];
    r->number = number;
    r->title = strdup(cells[1]);
    r->source = strdup(cells[2]);
    r->used = strdup(cells[3]);
    s->lines[s->n++] = line;
    if (!r->title || !r->source || !r->used)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour lire %s", s->path);
    return ENG_OK;
}

static int read_refs(ea_sources *s, FILE *f, eng_error *err)
{
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, status = ENG_OK;
    while (status == ENG_OK && getline(&line, &cap, f) != -1) {
        lineno++;
        char *cells[NCELLS];
        int number;
        if (split_row(line, cells, NCELLS) == NCELLS && (number = ref_number(cells[0])) > 0)
            status = add_ref(s, cells, number, lineno, err);
    }
    free(line);
    return status;
}

int ea_sources_read(const char *path, ea_sources **out, eng_error *err)
{
    *out = NULL;
    ea_sources *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour lire %s", path);
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        ea_sources_free(s);
        return eng_error_set(err, ENG_EINPUT, "impossible d'ouvrir le document des sources %s : %s",
                             path, eng_msg_errno(errno));
    }
    int status = read_refs(s, f, err);
    fclose(f);
    if (status != ENG_OK) {
        ea_sources_free(s);
        return status;
    }
    *out = s;
    return ENG_OK;
}

void ea_sources_free(ea_sources *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n; i++) {
        free(s->refs[i].title);
        free(s->refs[i].source);
        free(s->refs[i].used);
    }
    free(s->refs);
    free(s->lines);
    free(s->path);
    free(s);
}

const char *ea_sources_path(const ea_sources *s)
{
    return s->path;
}

const ea_sources_ref *ea_sources_find(const ea_sources *s, int n)
{
    for (int i = 0; s && i < s->n; i++)
        if (s->refs[i].number == n)
            return &s->refs[i];
    return NULL;
}

int ea_sources_cited(const char *text, int *refs, int max)
{
    int n = 0;
    for (const char *p = text; p && (p = strstr(p, "[S")) != NULL; p++) {
        char *end;
        if (!isdigit((unsigned char)p[2]))
            continue;
        long v = strtol(p + 2, &end, 10);
        if (*end != ']' || v <= 0 || v >= 100000)
            continue;
        int seen = 0;
        for (int i = 0; i < n; i++)
            seen |= refs[i] == (int)v;
        if (!seen && n < max)
            refs[n++] = (int)v;
    }
    return n;
}

char *ea_sources_beside(const char *scenario_path, eng_error *err)
{
    char *dir = eng_path_dir(scenario_path, err);
    char *path = dir ? eng_path_join(dir, "SOURCES.md", err) : NULL;
    free(dir);
    return path;
}
