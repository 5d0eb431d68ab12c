/* ea_target.c — Targets on an indicator: parsing `[CODE:]IND<=V` and `IND>=V`, and their evaluation
 * on the mean or, with a level, on each replication's own value. */
#include "ea_target.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_indicators.h"

/* The operators accepted, as typed (the shell wants `<=` quoted; ≤ and ≥ need no quotes). */
static const struct {
    const char *text;
    ea_target_op op;
} operators[] = {
    { "<=", EA_TARGET_AT_MOST }, { ">=", EA_TARGET_AT_LEAST },
    { "\xe2\x89\xa4", EA_TARGET_AT_MOST }, { "\xe2\x89\xa5", EA_TARGET_AT_LEAST },
};

/* The message of a target that is not of the form IND<=V or IND>=V. */
static int bad_form(const char *spec, eng_error *err)
{
    return eng_error_set(err, ENG_EINPUT, "--target %s : attendu INDICATEUR<=VALEUR ou "
                        "INDICATEUR>=VALEUR, précédé de CODE: pour un département, comme "
                        "'waiting<=20' ou '31:occupancy>=0.9' (entre guillemets : le shell lit < et > "
                        "autrement)", spec);
}

/* The old form IND=V: refused, since it did not say whether the indicator is to stay under the
 * value or over it. */
static int old_form(const char *spec, const char *eq, eng_error *err)
{
    int n = (int)(eq - spec);
    return eng_error_set(err, ENG_EINPUT, "--target %s : dites le sens de la cible : '%.*s<=%s' "
                        "(au plus) ou '%.*s>=%s' (au moins)", spec, n, spec, eq + 1, n, spec, eq + 1);
}

/* The target's value as people write it (eng_text_parse_number_fr): a decimal comma
 * ('waiting<=20,5'), grouped digits ('file_active>=30 000'), a percentage for a share
 * ('occupancy>=90%'), euros for an amount. */
static int value_parse(const char *spec, const char *text, ea_target *t, eng_error *err)
{
    const ea_indicators_row *row = ea_indicators_lookup(t->indicator, NULL);
    eng_text_unit unit = !row ? ENG_TEXT_PLAIN : row->unit == EA_UNIT_SHARE ? ENG_TEXT_SHARE
                         : row->unit == EA_UNIT_EUR ? ENG_TEXT_EURO : ENG_TEXT_PLAIN;
    int rc = eng_text_parse_number_fr(text, unit, 1, &t->value);
    if (rc == ENG_TEXT_WRONG_UNIT && strchr(text, '%'))
        return eng_error_set(err, ENG_EINPUT, "--target %s : « %% » ne va qu'avec une part, "
                             "comme 'occupancy>=90%%' ; donnez %s dans son unité", spec,
                             t->indicator);
    return rc == 0 ? ENG_OK : bad_form(spec, err);
}

/* A value the indicator can never take, refused rather than searched for in vain: a share outside
 * 0 to 1, a negative count, sum or duration (only the balance can be negative). Names that are
 * no indicator are left to the check against the run. */
static int range_check(const char *spec, const ea_target *t, eng_error *err)
{
    const ea_indicators_row *row = ea_indicators_lookup(t->indicator, NULL);
    if (!row)
        return ENG_OK;
    if (row->unit == EA_UNIT_SHARE && !(t->value >= 0 && t->value <= 1))
        return eng_error_set(err, ENG_EINPUT, "--target %s : %s est une part, entre 0 et 1 ; "
                             "écrivez 0.9 (ou 90%%) pour 90 %%", spec, t->indicator);
    if (t->value < 0 && row->kind != EA_IND_BALANCE)
        return eng_error_set(err, ENG_EINPUT, "--target %s : %s n'est jamais négatif ; donnez "
                             "une valeur positive ou nulle", spec, t->indicator);
    return ENG_OK;
}

int ea_target_parse(const char *spec, double level, ea_target *t, eng_error *err)
{
    memset(t, 0, sizeof *t);
    t->level = level;
    snprintf(t->scope, sizeof t->scope, "region");
    const char *colon = strchr(spec, ':'), *name = spec;
    /* Spaces around the parts, as in '31 : waiting <= 20', are a way of writing, not a mistake. */
    if (colon) {
        if ((size_t)(colon - spec) >= sizeof t->scope)
            return bad_form(spec, err);
        snprintf(t->scope, sizeof t->scope, "%.*s", (int)(colon - spec), spec);
        eng_text_trim(t->scope);
        if (!t->scope[0] || !ea_scenario_valid_code(t->scope, strlen(t->scope)))
            return bad_form(spec, err);
        name = colon + 1;
    }
    const char *at = NULL;
    size_t oplen = 0;
    for (size_t k = 0; k < sizeof operators / sizeof *operators && !at; k++)
        if ((at = strstr(name, operators[k].text)) != NULL) {
            t->op = operators[k].op;
            oplen = strlen(operators[k].text);
        }
    if (!at) {
        const char *eq = strchr(name, '=');
        return eq && eq > name && !strchr(name, '<') && !strchr(name, '>') ? old_form(spec, eq, err)
                                                                            : bad_form(spec, err);
    }
    if ((size_t)(at - name) >= sizeof t->indicator)
        return bad_form(spec, err);
    snprintf(t->indicator, sizeof t->indicator, "%.*s", (int)(at - name), name);
    if (!eng_text_trim(t->indicator)[0])
        return bad_form(spec, err);
    if (value_parse(spec, at + oplen, t, err) != ENG_OK)
        return ENG_EINPUT;
    return range_check(spec, t, err);
}

int ea_target_level_parse(const char *text, double *level, eng_error *err)
{
    if (eng_text_parse_double(text, level) != 0 || !(*level > 0 && *level <= 1))
        return eng_error_set(err, ENG_EINPUT, "--confidence %s : attendu une probabilité entre 0 et "
                            "1, 0 exclu, comme 0.9 (la cible atteinte dans au moins 90 %% des réplications)",
                            text);
    return ENG_OK;
}

void ea_target_spec(const ea_target *t, char *buf, size_t size)
{
    char value[64];
    eng_text_format_double(value, sizeof value, t->value);
    int region = strcmp(t->scope, "region") == 0;
    snprintf(buf, size, "%s%s%s%s%s", region ? "" : t->scope, region ? "" : ":", t->indicator,
             t->op == EA_TARGET_AT_MOST ? "<=" : ">=", value);
}

void ea_target_format_value(const ea_target *t, char *buf, size_t size)
{
    /* The fewest decimals, up to 4, that write the value exactly: 46.1 is « 46,1 », not « 46,10 ». */
    int decimals = 0;
    for (double scale = 1; decimals < 4; decimals++, scale *= 10)
        if (fabs(t->value * scale - round(t->value * scale)) < 1e-9 * scale)
            break;
    eng_text_format_number(buf, size, t->value, decimals);
}

void ea_target_describe(const ea_target *t, char *buf, size_t size)
{
    char value[64], level[64], scope[96];
    ea_target_format_value(t, value, sizeof value);
    if (strcmp(t->scope, "region") == 0)
        snprintf(scope, sizeof scope, "%s", eng_msg_tr("région"));
    else
        snprintf(scope, sizeof scope, eng_msg_tr("département %s"), t->scope);
    if (t->level > 0) {
        char pct[32];
        eng_text_format_percent(pct, sizeof pct, 100 * t->level, fabs(100 * t->level - round(100 * t->level)) < 1e-9 ? 0 : 1);
        snprintf(level, sizeof level, eng_msg_tr("dans au moins %s des réplications"), pct);
    } else
        snprintf(level, sizeof level, "%s", eng_msg_tr("en moyenne"));
    char label[128];
    ea_indicators_label(t->indicator, label, sizeof label);
    snprintf(buf, size, "%s %s %s (%s, %s)", label,
             t->op == EA_TARGET_AT_MOST ? "\xe2\x89\xa4" : "\xe2\x89\xa5", value, scope, level);
}

int ea_target_year_index(const ea_results *res, int year, eng_error *err)
{
    int n = ea_results_nperiods(res, EA_ANNUAL);
    if (year == 0)
        return n - 1;
    char label[16];
    snprintf(label, sizeof label, "%04d", year);
    int i = ea_results_find_period(res, EA_ANNUAL, label);
    if (i < 0)
        eng_error_set(err, ENG_EINPUT, "--year %d : année non simulée ; choisissez de %s à %s", year,
                     ea_results_period(res, EA_ANNUAL, 0), ea_results_period(res, EA_ANNUAL, n - 1));
    return i;
}

int ea_target_meets(const ea_target *t, double x)
{
    if (isnan(x))
        return 0;
    return t->op == EA_TARGET_AT_MOST ? x <= t->value : x >= t->value;
}

int ea_target_evaluate_scope(const ea_target *t, const ea_results *res, int s, int y,
                             ea_target_eval *e, eng_error *err)
{
    int i = ea_indicators_find(ea_results_indicators(res), t->indicator);
    if (i < 0)
        return eng_error_set(err, ENG_EINPUT, "--target : « %s » n'est pas un indicateur des tables "
                            "(voir eaflow help indicators)", t->indicator);
    size_t n = ea_results_nreps(res), met = 0;
    for (size_t r = 0; r < n; r++)
        met += (size_t)ea_target_meets(t, ea_results_value(res, EA_ANNUAL, s, y, i, r));
    e->mean = ea_results_summary(res, EA_ANNUAL, s, y, i)->mean;
    e->share = n ? (double)met / (double)n : NAN;
    /* A share of replications is a count over n: compared with a margin below the rounding of
     * P × n, so that 0.9 of 200 is met by 180 replications. */
    e->met = t->level > 0 ? e->share >= t->level - 1e-9 : ea_target_meets(t, e->mean);
    return ENG_OK;
}

int ea_target_evaluate(const ea_target *t, const ea_results *res, int y, ea_target_eval *e,
                       eng_error *err)
{
    int s = ea_results_find_scope(res, t->scope);
    if (s < 0 && ea_results_nscopes(res) == 1 && strcmp(t->scope, "region") == 0)
        s = 0;
    if (s < 0) {
        char list[512];
        size_t o = 0;
        list[0] = '\0';
        for (int k = 0; k < ea_results_nscopes(res) - 1 && o < sizeof list; k++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", k ? ", " : "", ea_results_scope(res, k));
        return eng_error_set(err, ENG_EINPUT, "--target : pas de département « %s » dans le scénario ; "
                            "attendu l'un de : %s", t->scope, list);
    }
    return ea_target_evaluate_scope(t, res, s, y, e, err);
}
