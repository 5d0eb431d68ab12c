/* ea_schema_item.c — Pieces shared by the value types of scenario keys: the ranges of numbers as
 * help and messages write them, errors that name the key, and the items of comma lists. */
#include "ea_schema_item.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"


/* Writes the number `plain` (digits, an optional sign and decimal point, as "%.15g" or "%ld" write
 * them) into buf: as it is, unless it is for `people` in French, then with its digits grouped by
 * three with a space and a decimal comma ("1 200", "0,03", "9 223 372 036 854 775 807"). */
void ea_schema_item_people_number(char *buf, size_t size, const char *plain, int people)
{
    if (!people || eng_msg_get_lang() != ENG_MSG_FR) {
        snprintf(buf, size, "%s", plain);
        return;
    }
    size_t n = 0, lead = *plain == '-', digits = strspn(plain + lead, "0123456789");
    for (const char *p = plain; *p && n + 2 < size; p++) {
        size_t i = (size_t)(p - plain) - lead;   /* the index among the integer digits */
        if (p > plain + lead && i < digits && (digits - i) % 3 == 0)
            buf[n++] = ' ';
        buf[n++] = *p == '.' ? ',' : *p;
    }
    buf[n] = '\0';
}

/* Formats a number of the schema's ranges: these are round (1200, 1e7, 744), so "%.15g" shows
 * them in full, unlike the shortest round-trip form. The key list (`people`) shows it in the
 * language of the messages; a message gives it as a scenario file writes it, "0.03". */
void ea_schema_item_number(char *buf, size_t size, double x, int people)
{
    char plain[24];   /* "%.15g" takes at most 22 characters */
    snprintf(plain, sizeof plain, "%.15g", x);
    ea_schema_item_people_number(buf, size, plain, people);
}

/* The range of the numbers of key k, in the language of the messages: "0 à 744", ">= 0", "> 0 et
 * <= 744"; the key list's (not `expected`) with its numbers for people. */
void ea_schema_item_range(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    char lo[40], hi[40];
    ea_schema_item_number(lo, sizeof lo, k->min, !expected);
    ea_schema_item_number(hi, sizeof hi, k->max, !expected);
    if (isinf(k->max))
        snprintf(buf, size, "%s %s", (k->flags & EA_SCHEMA_MIN_EXCLUSIVE) ? ">" : ">=", lo);
    else if (k->flags & EA_SCHEMA_MIN_EXCLUSIVE)
        snprintf(buf, size, eng_msg_tr("> %s et <= %s"), lo, hi);
    else
        snprintf(buf, size, eng_msg_tr("%s à %s"), lo, hi);
}

/* Checks a number against the row's range. */
int ea_schema_item_in_range(const ea_schema_key *k, double x)
{
    if ((k->flags & EA_SCHEMA_MIN_EXCLUSIVE) ? !(x > k->min) : !(x >= k->min))
        return 0;
    return x <= k->max;
}

/* An error about the value of key k, with the default's text when the value is a default. */
int ea_schema_item_error(const ea_schema_type_at *at, const ea_schema_key *k, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, eng_msg_tr(fmt), ap);
    va_end(ap);
    if (at->deftext)
        return ea_schema_error(at->err, at->path, at->line, at->section, k->key,
                               "absente, et sa valeur par défaut « %s » ne convient pas à ce fichier : %s",
                               at->deftext, msg);
    return ea_schema_error(at->err, at->path, at->line, at->section, k->key, "%s", msg);
}

int ea_schema_item_bad(const ea_schema_type_at *at, const ea_schema_key *k, const char *text)
{
    char e[256];
    ea_schema_type_expected(k, e, sizeof e);
    return ea_schema_item_error(at, k, "« %s » n'est pas valide ; attendu %s", text, e);
}

int ea_schema_item_oom(const ea_schema_type_at *at)
{
    return eng_error_set(at->err, ENG_EFAIL, "mémoire insuffisante pour lire %s", at->path);
}

/* In a list of NAME:NUMBER items, a number written with a decimal comma ("evaluation:0,80")
 * cuts its item in two: says how to write it; ENG_OK when the list has none. */
int ea_schema_item_decimal_comma(const ea_schema_type_at *at, const ea_schema_key *k, const char *text)
{
    char written[128], point[128];
    if (!eng_text_list_decimal_comma(text, 1, written, point, sizeof point))
        return ENG_OK;
    return ea_schema_item_error(at, k, "« %s » : écrivez %s avec un point décimal (la virgule sépare "
                     "les éléments d'une liste)", written, point);
}

/* Cuts *p at the next comma and returns the trimmed item; *p becomes NULL after the last one. */
char *ea_schema_item_next(char **p)
{
    char *s = *p, *comma = strchr(s, ',');
    if (comma) {
        *comma = '\0';
        *p = comma + 1;
    } else {
        *p = NULL;
    }
    return eng_text_trim(s);
}

/* The first item of a list, or NULL for an empty list. */
char *ea_schema_item_first(char *text)
{
    for (const char *s = text; *s; s++)
        if (!isspace((unsigned char)*s))
            return text;
    return NULL;
}

void ea_schema_item_put_number(FILE *f, double x)
{
    char buf[40];
    eng_text_format_double(buf, sizeof buf, x);
    fputs(buf, f);
}
