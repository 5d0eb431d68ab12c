/* ea_schema_type.c — The types of value of scenario keys: for each type its parser, its writer and
 * its two descriptions, gathered in one table at the end of the file. */
#include "ea_schema_type.h"

#include "ea_schema_item.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_date.h"
#include "../engine/eng_dist.h"
#include "../engine/eng_ini.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"

/* Shares and probabilities are written by hand with a few decimals: their sum must be 1 within
 * this tolerance. */
#define SUM_TOLERANCE 1e-6

static const char *const dist_names = "exponential, gamma, lognormal, weibull, fixed, empirical";

/* ------------------------------------------------------------------------------------------------
 * text: char[EA_MAX_TEXT] */

static int text_parse(const ea_schema_key *k, char *text, void *dest, const ea_schema_type_at *at)
{
    size_t n = strlen(text);
    /* A key derived when absent reads empty as absent: run.ini writes it so when none was given. */
    if ((n == 0 && !(k->flags & EA_SCHEMA_DERIVED)) || n >= EA_MAX_TEXT) {
        char e[256];
        ea_schema_type_expected(k, e, sizeof e);
        return ea_schema_item_error(at, k, "%zu caractères ; attendu %s", n, e);
    }
    memcpy(dest, text, n + 1);
    return ENG_OK;
}

/* Writes text so that iniparser 4.1 reads it back unchanged: quoted when it holds a comment sign,
 * blanks at either end, or a leading quote (4.1 has no escapes, so the quote must not occur). */
static int text_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                      const ea_schema_type_out *o)
{
    (void)sc;
    const char *s = v;
    size_t n = strlen(s);
    int quote = n > 0 && (strpbrk(s, ";#") || isspace((unsigned char)s[0]) ||
                          isspace((unsigned char)s[n - 1]) || s[0] == '"' || s[0] == '\'');
    if (!quote && !o->quote) {
        fputs(s, o->f);
        return ENG_OK;
    }
    char q = strchr(s, '"') ? '\'' : '"';
    if (strchr(s, q))
        return eng_error_set(o->err, ENG_EINPUT,
                             "[%s] clé « %s » : « %s » ne peut pas être écrit dans un fichier "
                             "INI qu'iniparser relit ; retirez l'une des deux sortes de guillemets",
                             o->section, k->key, s);
    fprintf(o->f, "%c%s%c", q, s, q);
    return ENG_OK;
}

static void text_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    (void)k;
    snprintf(buf, size,
             expected ? eng_msg_tr("un texte de 1 à %d caractères") : eng_msg_tr("1 à %d caractères"),
             EA_MAX_TEXT - 1);
}

/* ------------------------------------------------------------------------------------------------
 * month: int, calendar month */

static int month_parse(const ea_schema_key *k, char *text, void *dest, const ea_schema_type_at *at)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%s", text);
    if (strlen(text) >= sizeof buf || eng_date_month_parse(eng_text_trim(buf), dest) != 0)
        return ea_schema_item_bad(at, k, text);
    return ENG_OK;
}

static int month_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                       const ea_schema_type_out *o)
{
    (void)k, (void)sc;
    char month[8];
    eng_date_month_format(*(const int *)v, month);
    fputs(month, o->f);
    return ENG_OK;
}

static void month_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    (void)k;
    snprintf(buf, size, "%s",
             expected ? eng_msg_tr("un mois écrit AAAA-MM, par exemple 2022-01")
                      : eng_msg_tr("AAAA-MM"));
}

/* ------------------------------------------------------------------------------------------------
 * integer: int */

static int int_parse(const ea_schema_key *k, char *text, void *dest, const ea_schema_type_at *at)
{
    long v;
    if (eng_text_parse_long(text, &v) != 0)
        return ea_schema_item_bad(at, k, text);
    if (v > INT_MAX || v < INT_MIN || !ea_schema_item_in_range(k, (double)v)) {
        char e[256];
        ea_schema_type_expected(k, e, sizeof e);
        return ea_schema_item_error(at, k, "%s est hors des bornes ; attendu %s%s", text, e,
                   v > INT_MAX ? eng_msg_tr(", au plus 2147483647") : "");
    }
    *(int *)dest = (int)v;
    return ENG_OK;
}

static int int_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                     const ea_schema_type_out *o)
{
    (void)k, (void)sc;
    fprintf(o->f, "%d", *(const int *)v);
    return ENG_OK;
}

static void int_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    char r[96];
    ea_schema_item_range(k, expected, r, sizeof r);
    snprintf(buf, size, "%s%s", expected ? eng_msg_tr("un entier, ") : "", r);
}

/* ------------------------------------------------------------------------------------------------
 * seed: unsigned long */

static int seed_parse(const ea_schema_key *k, char *text, void *dest, const ea_schema_type_at *at)
{
    long v;
    if (eng_text_parse_long(text, &v) != 0 || v < 0)
        return ea_schema_item_bad(at, k, text);
    *(unsigned long *)dest = (unsigned long)v;
    return ENG_OK;
}

static int seed_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                      const ea_schema_type_out *o)
{
    (void)k, (void)sc;
    fprintf(o->f, "%lu", *(const unsigned long *)v);
    return ENG_OK;
}

static void seed_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    (void)k;
    if (expected) {
        snprintf(buf, size, eng_msg_tr("un entier, de 0 à %ld"), LONG_MAX);
        return;
    }
    char plain[24], hi[40];
    snprintf(plain, sizeof plain, "%ld", LONG_MAX);
    ea_schema_item_people_number(hi, sizeof hi, plain, 1);
    snprintf(buf, size, eng_msg_tr("%s à %s"), "0", hi);
}

/* ------------------------------------------------------------------------------------------------
 * real: double */

static int real_parse(const ea_schema_key *k, char *text, void *dest, const ea_schema_type_at *at)
{
    double x;
    char point[64];
    if (eng_text_parse_double(text, &x) != 0 && eng_text_decimal_comma(text, point, sizeof point))
        return ea_schema_item_error(at, k, "« %s » n'est pas un nombre ; écrivez %s avec un point décimal "
                         "(la virgule sépare les éléments d'une liste)", text, point);
    if (eng_text_parse_double(text, &x) != 0)
        return ea_schema_item_bad(at, k, text);
    if (!ea_schema_item_in_range(k, x)) {
        char e[256];
        ea_schema_type_expected(k, e, sizeof e);
        return ea_schema_item_error(at, k, "%s est hors des bornes ; attendu %s", text, e);
    }
    *(double *)dest = x;
    return ENG_OK;
}

static int real_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                      const ea_schema_type_out *o)
{
    (void)k, (void)sc;
    ea_schema_item_put_number(o->f, *(const double *)v);
    return ENG_OK;
}

static void real_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    char r[96];
    ea_schema_item_range(k, expected, r, sizeof r);
    snprintf(buf, size, "%s%s", expected ? eng_msg_tr("un réel, ") : "", r);
}

/* ------------------------------------------------------------------------------------------------
 * choice: int, index in the row's choices */

static int choice_parse(const ea_schema_key *k, char *text, void *dest, const ea_schema_type_at *at)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", text);
    eng_text_trim(buf);
    for (int i = 0; k->choices[i]; i++)
        if (eng_text_casecmp(buf, k->choices[i]) == 0) {
            *(int *)dest = i;
            return ENG_OK;
        }
    return ea_schema_item_bad(at, k, text);
}

static int choice_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                        const ea_schema_type_out *o)
{
    (void)sc;
    fputs(k->choices[*(const int *)v], o->f);
    return ENG_OK;
}

static void choice_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    size_t n = (size_t)snprintf(buf, size, "%s", expected ? eng_msg_tr("l'une de ") : "");
    for (int i = 0; k->choices[i]; i++)
        n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", i ? ", " : "",
                              k->choices[i]);
}

/* ------------------------------------------------------------------------------------------------
 * seasonality: double[12] */

static int seasonality_parse(const ea_schema_key *k, char *text, void *dest,
                             const ea_schema_type_at *at)
{
    double v[12];
    int n = 0;
    char e[256], written[64], point[64];
    ea_schema_type_expected(k, e, sizeof e);
    /* Looked for before the items are cut; told when the values do not read as 12 in range. */
    int comma = eng_text_list_decimal_comma(text, 0, written, point, sizeof point);
    for (char *p = ea_schema_item_first(text); p;) {
        char *item = ea_schema_item_next(&p);
        double x;
        if ((eng_text_parse_double(item, &x) != 0 || !ea_schema_item_in_range(k, x)) && comma)
            return ea_schema_item_error(at, k, "« %s » n'est pas valide ; attendu %s ; si « %s » est un "
                             "nombre, écrivez %s avec un point décimal (la virgule sépare les "
                             "éléments d'une liste)", item, e, written, point);
        if (eng_text_parse_double(item, &x) != 0 || !ea_schema_item_in_range(k, x))
            return ea_schema_item_error(at, k, "« %s » n'est pas valide ; attendu %s", item, e);
        if (n < 12)
            v[n] = x;
        n++;
    }
    if (n != 12 && comma)
        return ea_schema_item_error(at, k, "%d valeurs données ; attendu %s ; si « %s » est un nombre, "
                         "écrivez %s avec un point décimal (la virgule sépare les éléments d'une "
                         "liste)", n, e, written, point);
    if (n != 12)
        return ea_schema_item_error(at, k, "%d valeurs données ; attendu %s", n, e);
    int nonzero = 0;
    for (int i = 0; i < 12; i++)
        nonzero |= v[i] > 0;
    if (!nonzero)
        return ea_schema_item_error(at, k, "les 12 valeurs sont nulles, personne n'entrerait jamais ; attendu %s", e);
    memcpy(dest, v, sizeof v);
    return ENG_OK;
}

static int seasonality_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                             const ea_schema_type_out *o)
{
    (void)k, (void)sc;
    for (int i = 0; i < 12; i++) {
        fputs(i ? ", " : "", o->f);
        ea_schema_item_put_number(o->f, ((const double *)v)[i]);
    }
    return ENG_OK;
}

static void seasonality_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    char r[96];
    ea_schema_item_range(k, expected, r, sizeof r);
    if (expected)
        snprintf(buf, size, eng_msg_tr("12 réels %s séparés par des virgules, de janvier à décembre, "
                                       "pas tous nuls"), r);
    else
        snprintf(buf, size, eng_msg_tr("12 valeurs de %s, pas toutes nulles"), r);
}

/* ------------------------------------------------------------------------------------------------
 * schedules of rates and of places: ea_scenario_schedule */

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

/* Parses one item MONTH:VALUE of a schedule into *step, after the step `prev` (NULL for the
 * first); places are integers. */
static int parse_step(const ea_schema_key *k, char *item, const ea_scenario_step *prev, int places,
                      ea_scenario_step *step, const ea_schema_type_at *at, const char *e)
{
    char *colon = strchr(item, ':');
    if (!colon)
        return ea_schema_item_error(at, k, "« %s » n'est pas valide ; attendu %s", item, e);
    *colon = '\0';
    char *mtext = eng_text_trim(item), *vtext = eng_text_trim(colon + 1);
    if (parse_step_month(mtext, &step->month) != 0)
        return ea_schema_item_error(at, k, "« %s » n'est pas un mois ; attendu %s", mtext, e);
    int ok;
    double x = 0;
    if (places) {
        long n;
        ok = eng_text_parse_long(vtext, &n) == 0 && n <= INT_MAX;
        if (ok)
            x = (double)n;
    } else {
        ok = eng_text_parse_double(vtext, &x) == 0;
    }
    if (!ok || !ea_schema_item_in_range(k, x))
        return ea_schema_item_error(at, k, "« %s » n'est pas valide en %s ; attendu %s", vtext, mtext, e);
    if (prev && step->month <= prev->month) {
        char before[8];
        eng_date_month_format(prev->month, before);
        return ea_schema_item_error(at, k, "%s ne vient pas après %s ; attendu %s", mtext, before, e);
    }
    step->value = x;
    return ENG_OK;
}

static int schedule_parse(const ea_schema_key *k, char *text, ea_scenario_schedule *dest,
                          const ea_schema_type_at *at, int places)
{
    ea_scenario_schedule s = { NULL, 0 };
    int cap = 0;
    char e[256];
    ea_schema_type_expected(k, e, sizeof e);
    /* Places are whole numbers: a comma in them is no decimal mark. */
    int status = places ? ENG_OK : ea_schema_item_decimal_comma(at, k, text);
    for (char *p = ea_schema_item_first(text); p && status == ENG_OK;) {
        char *item = ea_schema_item_next(&p);
        if (eng_array_reserve_int(&s.steps, &cap, s.n + 1, sizeof *s.steps, 8) != 0)
            status = ea_schema_item_oom(at);
        else
            status = parse_step(k, item, s.n ? &s.steps[s.n - 1] : NULL, places, &s.steps[s.n],
                                at, e);
        if (status == ENG_OK)
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

static int rates_parse(const ea_schema_key *k, char *text, void *dest, const ea_schema_type_at *at)
{
    return schedule_parse(k, text, dest, at, 0);
}

static int places_parse(const ea_schema_key *k, char *text, void *dest, const ea_schema_type_at *at)
{
    return schedule_parse(k, text, dest, at, 1);
}

static int schedule_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                          const ea_schema_type_out *o)
{
    (void)k, (void)sc;
    const ea_scenario_schedule *s = v;
    for (int i = 0; i < s->n; i++) {
        char month[8];
        eng_date_month_format(s->steps[i].month, month);
        fprintf(o->f, "%s%s:", i ? ", " : "", month);
        ea_schema_item_put_number(o->f, s->steps[i].value);
    }
    return ENG_OK;
}

static void rates_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    char r[96];
    ea_schema_item_range(k, expected, r, sizeof r);
    if (expected)
        snprintf(buf, size, eng_msg_tr("des éléments AAAA-MM:taux ou AAAA:taux séparés par des "
                                       "virgules, mois croissants, taux %s"), r);
    else
        snprintf(buf, size, eng_msg_tr("valeurs de %s, mois croissants"), r);
}

static void places_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    char r[96];
    ea_schema_item_range(k, expected, r, sizeof r);
    if (expected)
        snprintf(buf, size, eng_msg_tr("des éléments AAAA-MM:places ou AAAA:places séparés par "
                                       "des virgules, mois croissants, places un entier %s"), r);
    else
        snprintf(buf, size, eng_msg_tr("valeurs de %s, mois croissants"), r);
}

/* ------------------------------------------------------------------------------------------------
 * mix and routing: double[EA_NMODULES] and double[EA_MAX_TARGETS], written alike */

static int mix_item(const ea_schema_key *k, char *item, double *v, int *seen, double *sum,
                    const ea_schema_type_at *at, const char *e)
{
    char *colon = strchr(item, ':');
    if (!colon)
        return ea_schema_item_error(at, k, "« %s » n'est pas de la forme module:part ; attendu %s", item, e);
    *colon = '\0';
    char *name = eng_text_trim(item), *stext = eng_text_trim(colon + 1);
    int m = ea_scenario_module_index(name);
    double x;
    if (m < 0) {
        const char *near = ea_scenario_closest_module(name);
        if (near)
            return ea_schema_item_error(at, k, "module inconnu %s (vouliez-vous dire %s ?)", name, near);
        return ea_schema_item_error(at, k, "module inconnu %s ; attendu evaluation, projet, recherche ou "
                   "maintien", name);
    }
    if (!at->sc->modules[m].defined) {
        char defined[128];
        ea_scenario_defined_modules(at->sc, defined, sizeof defined);
        return ea_schema_item_error(at, k,
                   "le module %s n'a pas de section [module.%s] ; attendu des modules "
                   "définis dans ce fichier : %s",
                   ea_scenario_module_names[m], ea_scenario_module_names[m], defined);
    }
    if (seen[m])
        return ea_schema_item_error(at, k, "module %s donné deux fois ; attendu %s", ea_scenario_module_names[m], e);
    if (eng_text_parse_double(stext, &x) != 0 || !(x >= 0))
        return ea_schema_item_error(at, k, "la part « %s » de %s n'est pas valide ; attendu %s", stext,
                   ea_scenario_module_names[m], e);
    seen[m] = 1;
    v[m] = x;
    *sum += x;
    return ENG_OK;
}

static int mix_parse(const ea_schema_key *k, char *text, void *dest, const ea_schema_type_at *at)
{
    double v[EA_NMODULES] = {0}, sum = 0;
    int seen[EA_NMODULES] = {0};
    char e[256];
    ea_schema_type_expected(k, e, sizeof e);
    int status = ea_schema_item_decimal_comma(at, k, text);
    if (status != ENG_OK)
        return status;
    for (char *p = ea_schema_item_first(text); p;) {
        status = mix_item(k, ea_schema_item_next(&p), v, seen, &sum, at, e);
        if (status != ENG_OK)
            return status;
    }
    if (!(fabs(sum - 1) <= SUM_TOLERANCE))
        return ea_schema_item_error(at, k, "la somme des parts vaut %.10g au lieu de 1 ; corrigez-les", sum);
    memcpy(dest, v, sizeof v);
    return ENG_OK;
}

/* Writes the n targets of v that are not 0 as NAME:VALUE items. */
static void put_targets(FILE *f, const ea_scenario *sc, const double *v, int n)
{
    for (int t = 0, first = 1; t < n; t++) {
        char name[EA_MAX_NAME + 8];
        if (v[t] == 0)
            continue;
        ea_scenario_target_name(sc, t, name, sizeof name);
        fprintf(f, "%s%s:", first ? "" : ", ", name);
        ea_schema_item_put_number(f, v[t]);
        first = 0;
    }
}

static int mix_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                     const ea_schema_type_out *o)
{
    (void)k;
    put_targets(o->f, sc, v, EA_NMODULES);
    return ENG_OK;
}

static void mix_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    (void)k;
    snprintf(buf, size, "%s",
             expected ? eng_msg_tr("des éléments module:part séparés par des virgules, modules "
                                   "définis dans le fichier, parts >= 0 de somme 1")
                      : eng_msg_tr("parts >= 0 de somme 1, sur les modules définis"));
}

/* An error for a routing target that is neither a defined module nor exit.REASON. */
static int bad_target(const ea_schema_key *k, const char *name, const ea_schema_type_at *at)
{
    const ea_scenario *sc = at->sc;
    char names[EA_MAX_TARGETS][EA_MAX_NAME + 8], valid[768] = "", reasons[768] = "";
    const char *cands[EA_MAX_TARGETS];
    int n = 0;
    for (int t = 0; t < EA_NMODULES + sc->nreasons; t++) {
        if (t < EA_NMODULES && !sc->modules[t].defined)
            continue;
        ea_scenario_target_name(sc, t, names[n], sizeof names[n]);
        ea_schema_list_add(valid, sizeof valid, names[n]);
        cands[n] = names[n];
        n++;
    }
    for (int r = 0; r < sc->nreasons; r++)
        ea_schema_list_add(reasons, sizeof reasons, sc->reasons[r]);
    const char *near = ea_schema_closest(name, cands, n);
    int m = ea_scenario_module_index(name);
    if (m >= 0)
        return ea_schema_item_error(at, k, "le module %s n'a pas de section [module.%s] ; attendu l'une de %s",
                   ea_scenario_module_names[m], ea_scenario_module_names[m], valid);
    if (strncmp(name, "exit.", 5) == 0) {
        if (near)
            return ea_schema_item_error(at, k, "motif de sortie inconnu %s (vouliez-vous dire %s ?)", name + 5, near);
        return ea_schema_item_error(at, k, "motif de sortie inconnu %s ; attendu l'un des motifs de [exits] : %s",
                   name + 5, reasons);
    }
    if (near)
        return ea_schema_item_error(at, k, "destination inconnue %s (vouliez-vous dire %s ?)", name, near);
    return ea_schema_item_error(at, k, "destination inconnue %s ; attendu l'une de %s", name, valid);
}

static int routing_item(const ea_schema_key *k, char *item, double *v, int *seen, double *sum,
                        const ea_schema_type_at *at, const char *e)
{
    const ea_scenario *sc = at->sc;
    char *colon = strchr(item, ':');
    if (!colon)
        return ea_schema_item_error(at, k, "« %s » n'est pas de la forme destination:probabilité ; attendu %s", item, e);
    *colon = '\0';
    char *name = eng_text_trim(item), *ptext = eng_text_trim(colon + 1);
    int t = -1;
    if (strncmp(name, "exit.", 5) == 0) {
        int r = ea_scenario_reason(sc, name + 5);
        if (r >= 0)
            t = EA_NMODULES + r;
    } else {
        int m = ea_scenario_module_index(name);
        if (m >= 0 && sc->modules[m].defined)
            t = m;
    }
    if (t < 0)
        return bad_target(k, name, at);
    double x;
    if (seen[t])
        return ea_schema_item_error(at, k, "destination %s donnée deux fois ; attendu %s", name, e);
    if (eng_text_parse_double(ptext, &x) != 0 || !(x >= 0))
        return ea_schema_item_error(at, k, "la probabilité « %s » de %s n'est pas valide ; attendu %s", ptext, name, e);
    seen[t] = 1;
    v[t] = x;
    *sum += x;
    return ENG_OK;
}

static int routing_parse(const ea_schema_key *k, char *text, void *dest,
                         const ea_schema_type_at *at)
{
    double v[EA_MAX_TARGETS] = {0}, sum = 0;
    int seen[EA_MAX_TARGETS] = {0};
    char e[256];
    ea_schema_type_expected(k, e, sizeof e);
    int status = ea_schema_item_decimal_comma(at, k, text);
    if (status != ENG_OK)
        return status;
    for (char *p = ea_schema_item_first(text); p;) {
        status = routing_item(k, ea_schema_item_next(&p), v, seen, &sum, at, e);
        if (status != ENG_OK)
            return status;
    }
    if (!(fabs(sum - 1) <= SUM_TOLERANCE)) {
        /* The sum as the reader writes numbers: 0,98 in a French sentence. */
        char said[32];
        snprintf(said, sizeof said, "%.10g", sum);
        for (char *c = said; eng_msg_get_lang() != ENG_MSG_EN && *c; c++)
            *c = *c == '.' ? ',' : *c;
        return ea_schema_item_error(at, k, "la somme des probabilités vaut %s au lieu de 1 ; corrigez-les", said);
    }
    memcpy(dest, v, sizeof v);
    return ENG_OK;
}

static int routing_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                         const ea_schema_type_out *o)
{
    (void)k;
    put_targets(o->f, sc, v, EA_NMODULES + sc->nreasons);
    return ENG_OK;
}

static void routing_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    (void)k;
    snprintf(buf, size, "%s",
             expected ? eng_msg_tr("des éléments destination:probabilité séparés par des virgules, "
                                   "chaque destination un module défini ou exit.MOTIF, "
                                   "probabilités >= 0 de somme 1")
                      : eng_msg_tr("probabilités >= 0 de somme 1"));
}

/* ------------------------------------------------------------------------------------------------
 * distributions: eng_dist, with `none` (dist) or with a mean > 0 (duration) */

/* Parses a distribution whose mean must lie in the row's range; `none` only when not a duration. */
static int dist_parse(const ea_schema_key *k, const char *text, eng_dist *dest,
                      const ea_schema_type_at *at, int duration)
{
    eng_dist d;
    eng_error derr;
    int status = eng_dist_parse(text, &d, &derr);
    if (status == ENG_EFAIL)
        return eng_error_set(at->err, ENG_EFAIL, "%s", derr.msg);
    if (status != ENG_OK)
        return ea_schema_item_error(at, k, "%s", derr.msg);
    char e[256];
    ea_schema_type_expected(k, e, sizeof e);
    if (duration && d.kind == ENG_DIST_NONE)
        return ea_schema_item_error(at, k, "none n'est pas permis : un module a une durée ; attendu %s", e);
    double mean = eng_dist_mean(&d);
    if (d.kind != ENG_DIST_NONE && !ea_schema_item_in_range(k, mean)) {
        eng_dist_clear(&d);
        char lo[24], hi[24];
        ea_schema_item_number(lo, sizeof lo, k->min, 0);
        ea_schema_item_number(hi, sizeof hi, k->max, 0);
        return ea_schema_item_error(at, k, "la moyenne vaut %g mois, hors des bornes ; attendu une moyenne de "
                   "%s à %s mois : %s", mean, lo, hi,
                   duration ? eng_msg_tr("un module dure au moins un jour environ, et au plus "
                                         "un siècle")
                            : eng_msg_tr("au plus un siècle"));
    }
    eng_dist_clear(dest);
    *dest = d;
    return ENG_OK;
}

static int any_dist_parse(const ea_schema_key *k, char *text, void *dest,
                          const ea_schema_type_at *at)
{
    return dist_parse(k, text, dest, at, 0);
}

static int duration_parse(const ea_schema_key *k, char *text, void *dest,
                          const ea_schema_type_at *at)
{
    return dist_parse(k, text, dest, at, 1);
}

static int dist_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                      const ea_schema_type_out *o)
{
    (void)sc;
    char buf[ENG_INI_MAX_LINE + 2];
    if (eng_dist_format(v, buf, sizeof buf) >= (int)sizeof buf)
        return eng_error_set(o->err, ENG_EINPUT,
                             "[%s] clé « %s » : distribution trop longue pour une ligne INI "
                             "de %d caractères ; donnez moins de valeurs empiriques",
                             o->section, k->key, ENG_INI_MAX_LINE);
    fputs(buf, o->f);
    return ENG_OK;
}

static void dist_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    char r[96];
    ea_schema_item_range(k, expected, r, sizeof r);
    snprintf(buf, size, expected ? eng_msg_tr("une distribution : %s ou none, de moyenne %s mois")
                                 : eng_msg_tr("%s, none ; moyenne de %s"),
             dist_names, r);
}

static void duration_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    char r[96];
    ea_schema_item_range(k, expected, r, sizeof r);
    snprintf(buf, size, expected ? eng_msg_tr("une distribution : %s, de moyenne %s mois")
                                 : eng_msg_tr("%s ; moyenne de %s"),
             dist_names, r);
}

/* ------------------------------------------------------------------------------------------------
 * reasons: ea_scenario.reasons and nreasons */

static int reasons_parse(const ea_schema_key *k, char *text, void *dest,
                         const ea_schema_type_at *at)
{
    (void)dest;
    char names[EA_MAX_REASONS][EA_MAX_NAME];
    int n = 0;
    char e[256];
    ea_schema_type_expected(k, e, sizeof e);
    for (char *p = ea_schema_item_first(text); p;) {
        char *item = ea_schema_item_next(&p);
        if (!ea_scenario_valid_reason(item))
            return ea_schema_item_error(at, k, "« %s » n'est pas un nom valide ; attendu %s", item, e);
        for (int i = 0; i < n; i++)
            if (strcmp(names[i], item) == 0)
                return ea_schema_item_error(at, k, "motif %s donné deux fois ; attendu %s", item, e);
        if (n == EA_MAX_REASONS)
            return ea_schema_item_error(at, k, "plus de %d motifs ; attendu %s", EA_MAX_REASONS, e);
        memcpy(names[n++], item, strlen(item) + 1);
    }
    if (n == 0)
        return ea_schema_item_error(at, k, "aucun motif donné ; attendu %s", e);
    memcpy(at->sc->reasons, names, sizeof names);
    at->sc->nreasons = n;
    return ENG_OK;
}

static int reasons_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                         const ea_schema_type_out *o)
{
    (void)k, (void)v;
    for (int r = 0; r < sc->nreasons; r++)
        fprintf(o->f, "%s%s", r ? ", " : "", sc->reasons[r]);
    return ENG_OK;
}

static void reasons_describe(const ea_schema_key *k, int expected, char *buf, size_t size)
{
    (void)k;
    if (expected)
        snprintf(buf, size, eng_msg_tr("1 à %d noms distincts faits de a-z, 0-9 et _, séparés par "
                                       "des virgules"),
                 EA_MAX_REASONS);
    else
        snprintf(buf, size, eng_msg_tr("1 à %d noms distincts faits de a-z, 0-9, _"), EA_MAX_REASONS);
}

/* ------------------------------------------------------------------------------------------------
 * The table */

/* One type of value: its parser (given a copy of the text, which it may cut in place), its writer,
 * and its description, the range of the key list or, with `expected` set, what a message says
 * was expected. */
typedef struct type_row {
    const char *name;
    int (*parse)(const ea_schema_key *k, char *text, void *dest, const ea_schema_type_at *at);
    int (*write)(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                 const ea_schema_type_out *o);
    void (*describe)(const ea_schema_key *k, int expected, char *buf, size_t size);
} type_row;

static const type_row types[EA_NTYPES] = {
    [EA_TYPE_TEXT] = {ENG_MSG_N("texte"), text_parse, text_write, text_describe},
    [EA_TYPE_MONTH] = {ENG_MSG_N("mois civil"), month_parse, month_write, month_describe},
    [EA_TYPE_INT] = {ENG_MSG_N("entier"), int_parse, int_write, int_describe},
    [EA_TYPE_SEED] = {ENG_MSG_N("entier"), seed_parse, seed_write, seed_describe},
    [EA_TYPE_REAL] = {ENG_MSG_N("réel"), real_parse, real_write, real_describe},
    [EA_TYPE_CHOICE] = {ENG_MSG_N("choix"), choice_parse, choice_write, choice_describe},
    [EA_TYPE_SEASONALITY] = {ENG_MSG_N("12 réels"), seasonality_parse, seasonality_write,
                             seasonality_describe},
    [EA_TYPE_RATES] = {ENG_MSG_N("calendrier"), rates_parse, schedule_write, rates_describe},
    [EA_TYPE_PLACES] = {ENG_MSG_N("calendrier"), places_parse, schedule_write, places_describe},
    [EA_TYPE_MIX] = {ENG_MSG_N("répartition"), mix_parse, mix_write, mix_describe},
    [EA_TYPE_DIST] = {ENG_MSG_N("distribution"), any_dist_parse, dist_write, dist_describe},
    [EA_TYPE_DURATION] = {ENG_MSG_N("distribution"), duration_parse, dist_write,
                          duration_describe},
    [EA_TYPE_ROUTING] = {ENG_MSG_N("orientation"), routing_parse, routing_write,
                         routing_describe},
    [EA_TYPE_REASONS] = {ENG_MSG_N("noms"), reasons_parse, reasons_write, reasons_describe},
};

int ea_schema_type_parse(const ea_schema_key *k, const char *text, void *dest,
                         const ea_schema_type_at *at)
{
    char *copy = strdup(text);
    if (!copy)
        return ea_schema_item_oom(at);
    int status = types[k->type].parse(k, copy, dest, at);
    free(copy);
    return status;
}

int ea_schema_type_write(const ea_schema_key *k, const void *v, const ea_scenario *sc,
                         const ea_schema_type_out *out)
{
    return types[k->type].write(k, v, sc, out);
}

void ea_schema_type_range(const ea_schema_key *k, char *buf, size_t size)
{
    types[k->type].describe(k, 0, buf, size);
}

void ea_schema_type_expected(const ea_schema_key *k, char *buf, size_t size)
{
    types[k->type].describe(k, 1, buf, size);
}

const char *ea_schema_type_name(ea_schema_type type)
{
    return eng_msg_tr(types[type].name);
}
