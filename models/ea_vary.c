/* ea_vary.c — One --vary KEY=LIST of a sweep: the key checked against the scenario schema (with
 * the closest key when mistyped) and its values read as people type them. */
#include "ea_vary.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_scenario.h"
#include "ea_schema.h"

void ea_vary_clear(ea_vary *v)
{
    if (!v)
        return;
    free(v->text);
    free(v->number);
    memset(v, 0, sizeof *v);
}

/* Adds a value. A number is read as people write it, a decimal comma included when `comma` is
 * set (in a list separated by semicolons, or in a range), and kept as text with a decimal point,
 * which is how the scenario's file takes it. */
static int vary_add(ea_vary *v, const char *text, int comma, eng_error *err)
{
    if (v->n >= EA_VARY_MAX_POINTS)
        return eng_error_set(err, ENG_EINPUT, "--vary %s : plus de %d valeurs ; donnez-en moins", v->name, EA_VARY_MAX_POINTS);
    if (strlen(text) >= sizeof v->text[0])
        return eng_error_set(err, ENG_EINPUT, "--vary %s : la valeur « %s » est trop longue", v->name, text);
    /* Both arrays grow together: they hold the same values, as text and as numbers. */
    int cap_text = v->cap, cap_number = v->cap;
    if (eng_array_reserve_int(&v->text, &cap_text, v->n + 1, sizeof *v->text, 64) != 0 ||
        eng_array_reserve_int(&v->number, &cap_number, v->n + 1, sizeof *v->number, 64) != 0)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    v->cap = cap_text < cap_number ? cap_text : cap_number;
    double x;
    int read = v->type != EA_KEY_OTHER && eng_text_parse_number_fr(text, ENG_TEXT_PLAIN, comma, &x) == 0;
    if (read)
        eng_text_format_double(v->text[v->n], sizeof v->text[0], x);
    else
        snprintf(v->text[v->n], sizeof v->text[0], "%s", text);
    v->number[v->n] = read || eng_text_parse_double(text, &x) == 0 ? x : NAN;
    if (v->type == EA_KEY_INTEGER && (isnan(v->number[v->n]) || v->number[v->n] != floor(v->number[v->n])))
        return eng_error_set(err, ENG_EINPUT, "--vary %s : « %s » n'est pas un nombre entier", v->name, text);
    if (v->type == EA_KEY_REAL && isnan(v->number[v->n]))
        return eng_error_set(err, ENG_EINPUT, "--vary %s : « %s » n'est pas un nombre", v->name, text);
    v->n++;
    return ENG_OK;
}

/* start:stop:step, stop included when it falls on the grid (within rounding). */
static int vary_range(ea_vary *v, const char *list, eng_error *err)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    char *b = strchr(buf, ':'), *c = b ? strchr(b + 1, ':') : NULL;
    double start, stop, step;
    if (!c || strchr(c + 1, ':'))
        return eng_error_set(err, ENG_EINPUT, "--vary %s : « %s » n'est pas de la forme début:fin:pas", v->name, list);
    *b = *c = '\0';
    if (eng_text_parse_number_fr(buf, ENG_TEXT_PLAIN, 1, &start) ||
        eng_text_parse_number_fr(b + 1, ENG_TEXT_PLAIN, 1, &stop) ||
        eng_text_parse_number_fr(c + 1, ENG_TEXT_PLAIN, 1, &step))
        return eng_error_set(err, ENG_EINPUT, "--vary %s : « %s » : début, fin et pas doivent être des nombres",
                            v->name, list);
    if (step == 0)
        return eng_error_set(err, ENG_EINPUT, "--vary %s : « %s » : le pas est nul", v->name, list);
    if ((stop - start) * step < 0)
        return eng_error_set(err, ENG_EINPUT, "--vary %s : « %s » : le pas s'éloigne de la fin ; "
                            "donnez un pas %s", v->name, list,
                            stop > start ? eng_msg_tr("positif") : eng_msg_tr("négatif"));
    double count = floor((stop - start) / step + 1e-9) + 1;
    if (count > EA_VARY_MAX_POINTS)
        return eng_error_set(err, ENG_EINPUT, "--vary %s : « %s » donne plus de %d valeurs", v->name,
                            list, EA_VARY_MAX_POINTS);
    for (int i = 0; i < (int)count; i++) {
        /* Rounded to 12 digits, so that 0.1 steps give 0.3 and not 0.30000000000000004. */
        char text[64], tmp[64];
        snprintf(tmp, sizeof tmp, "%.12g", start + i * step);
        eng_text_format_double(text, sizeof text, strtod(tmp, NULL));
        int status = vary_add(v, text, 0, err);
        if (status != ENG_OK)
            return status;
    }
    return ENG_OK;
}

/* Whether the list of a real key reads as well as one number with a decimal comma: two groups of
 * digits around a single comma ("2,5", "0,75", "2,50"), as a French planner writes 2.5. A second
 * group of three digits or more ending in 0 ("4300,4500") is not a decimal part people write.
 * When ambiguous, point receives the number with a decimal point. */
static int comma_ambiguous(const ea_vary *v, const char *list, char *point, size_t size)
{
    if (v->type != EA_KEY_REAL || !eng_text_decimal_comma(list, point, size))
        return 0;
    const char *frac = strchr(point, '.') + 1;
    size_t nfrac = strlen(frac);
    return nfrac <= 2 || frac[nfrac - 1] != '0';
}

/* The values of a key: a range; a list separated by semicolons, whose numbers may take a decimal
 * comma; a list separated by commas; or, for texts that hold commas themselves (distributions,
 * mixes, routings), a list separated by `|`. */
static int vary_list(ea_vary *v, const char *list, eng_error *err)
{
    if (!*list)
        return eng_error_set(err, ENG_EINPUT, "--vary %s : liste de valeurs vide", v->name);
    if (v->type != EA_KEY_OTHER && strchr(list, ':'))
        return vary_range(v, list, err);
    char point[64];
    if (comma_ambiguous(v, list, point, sizeof point)) {
        const char *comma = strchr(list, ',');
        return eng_error_set(err, ENG_EINPUT, "--vary %s=%s : deux valeurs ou un nombre à virgule ? "
                             "Pour le nombre, écrivez %s=%s ; pour les deux valeurs, séparez-les par "
                             "un point-virgule : %s='%.*s;%s' (entre points-virgules, la virgule "
                             "est décimale)", v->name, list, v->name, point, v->name,
                             (int)(comma - list), list, comma + 1);
    }
    int semicolons = v->type != EA_KEY_OTHER && strchr(list, ';') != NULL;
    const char *sep = v->type == EA_KEY_OTHER ? "|" : semicolons ? ";" : ",";
    char *copy = strdup(list);
    if (!copy)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    int status = ENG_OK;
    char *save = NULL;
    for (char *tok = strtok_r(copy, sep, &save); tok && status == ENG_OK; tok = strtok_r(NULL, sep, &save))
        if (*eng_text_trim(tok))
            status = vary_add(v, tok, semicolons, err);
    free(copy);
    if (status == ENG_OK && v->n == 0)
        status = eng_error_set(err, ENG_EINPUT, "--vary %s : liste de valeurs vide", v->name);
    return status;
}

/* A hint for a key that the scenarios do not have: the closest key of its section ("vouliez-vous
 * dire module.recherche.intensity ?"), or, for a key of another section, where it goes. Returns 1
 * with the hint in buf, 0 when there is none. */
static int unknown_hint(const ea_vary *v, char *buf, size_t size)
{
    const char *section = v->all_departments ? "department.x" : v->section;
    const char **cands = malloc((size_t)ea_schema_nkeys * sizeof *cands);
    if (!cands)
        return 0;
    int n = 0;
    const ea_schema_key *elsewhere = NULL;
    for (int i = 0; i < ea_schema_nkeys; i++) {
        const ea_schema_key *k = &ea_schema_keys[i];
        if (ea_scenario_key_type(section, k->key) != EA_KEY_UNKNOWN)
            cands[n++] = k->key;
        else if (!elsewhere && strcmp(k->key, v->key) == 0)
            elsewhere = k;
    }
    const char *near = ea_schema_closest(v->key, cands, n);
    free(cands);
    if (near)
        snprintf(buf, size, eng_msg_tr("vouliez-vous dire %s.%s ?"), v->section, near);
    else if (elsewhere)
        snprintf(buf, size, eng_msg_tr("la clé %s va dans une section %s"), v->key,
                 ea_schema_pattern(elsewhere->section));
    return near || elsewhere;
}

int ea_vary_parse(const char *spec, ea_vary *v, eng_error *err)
{
    memset(v, 0, sizeof *v);
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec)
        return eng_error_set(err, ENG_EINPUT, "--vary %s : attendu CLÉ=LISTE, comme "
                            "module.recherche.intensity=2,4,6 ou department.31.places=100:200:20", spec);
    size_t len = (size_t)(eq - spec);
    if (len >= sizeof v->name)
        return eng_error_set(err, ENG_EINPUT, "--vary : clé trop longue");
    memcpy(v->name, spec, len);
    v->name[len] = '\0';
    for (char *p = v->name; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    char *dot = strrchr(v->name, '.');
    if (!dot || dot == v->name || !dot[1])
        return eng_error_set(err, ENG_EINPUT, "--vary %s : attendu section.clé, comme "
                            "budget.cost_per_place", v->name);
    snprintf(v->section, sizeof v->section, "%.*s", (int)(dot - v->name), v->name);
    snprintf(v->key, sizeof v->key, "%s", dot + 1);
    v->all_departments = strcmp(v->section, "defaults") == 0;
    v->region_total = strcmp(v->name, "region.places") == 0;
    v->type = v->region_total ? EA_KEY_INTEGER
              : ea_scenario_key_type(v->all_departments ? "department.x" : v->section, v->key);
    if (v->type == EA_KEY_UNKNOWN) {
        char hint[256];
        int status = unknown_hint(v, hint, sizeof hint)
            ? eng_error_set(err, ENG_EINPUT, "--vary %s : clé inconnue (%s)", v->name, hint)
            : eng_error_set(err, ENG_EINPUT, "--vary %s : clé inconnue ; attendu une section.clé "
                                  "du format des scénarios, voir eaflow help scenario (defaults.CLÉ "
                                  "règle une clé de département dans chaque département ; region.places répartit un "
                                  "total régional de places avec --split)", v->name);
        ea_vary_clear(v);
        return status;
    }
    int status = vary_list(v, eq + 1, err);
    if (status != ENG_OK)
        ea_vary_clear(v);
    return status;
}

