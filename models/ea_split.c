/* ea_split.c — The largest remainder method: the whole parts of the quotas, then one place each to
 * the largest fractional parts, so that the places sum exactly to the total and no department is
 * more than one place from its exact share. */
#include "ea_split.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"

/* Two fractional parts closer than this (in places) are a tie, broken by department order: the
 * quotas of equal weights then give the same places whatever the rounding of the division. */
#define TIE 1e-9

static const char *const rule_names[EA_SPLIT_NRULES] = {"", "places", "demand", "weight", "waiting"};

const char *ea_split_rule_name(ea_split_rule rule)
{
    return rule >= 0 && rule < EA_SPLIT_NRULES ? rule_names[rule] : "";
}

int ea_split_rule_parse(const char *name, int *rule, eng_error *err)
{
    size_t len = strlen(name);
    int added = len > 0 && name[len - 1] == '+';
    len -= (size_t)added;
    for (int r = EA_SPLIT_PLACES; r < EA_SPLIT_NRULES; r++)
        if (strlen(rule_names[r]) == len && strncmp(name, rule_names[r], len) == 0) {
            *rule = r | (added ? EA_SPLIT_ADDED : 0);
            return ENG_OK;
        }
    return eng_error_set(err, ENG_EINPUT, "--split « %s » : règle inconnue ; attendu places (les "
                         "places actuelles), demand (les entrées), weight (la clé weight des "
                         "départements) ou waiting (la liste d'attente simulée), suivie de + pour "
                         "ne répartir que les places ajoutées (waiting+)", name);
}

int ea_split_largest_remainder(long total, const double *weights, int n, long *out, eng_error *err)
{
    if (n <= 0)
        return eng_error_set(err, ENG_EINPUT, "répartition : aucun département entre qui répartir");
    if (total < 0)
        return eng_error_set(err, ENG_EINPUT, "répartition : total de %ld places négatif ; donnez "
                             "un total positif ou nul", total);
    double sum = 0;
    for (int i = 0; i < n; i++) {
        if (!(weights[i] >= 0) || isinf(weights[i]))
            return eng_error_set(err, ENG_EINPUT, "répartition : le poids du département %d n'est "
                                 "pas un nombre positif ou nul", i + 1);
        sum += weights[i];
    }
    if (sum == 0 && total > 0)
        return eng_error_set(err, ENG_EINPUT, "répartition : tous les poids sont nuls ; donnez au "
                             "moins un poids positif");
    long given = 0;
    for (int i = 0; i < n; i++) {
        out[i] = sum > 0 ? (long)floor((double)total * weights[i] / sum + TIE) : 0;
        given += out[i];
    }
    /* The places left, fewer than n, one each to the largest fractional part not yet served. */
    unsigned char *served = calloc((size_t)n, 1);
    if (!served)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (; given < total; given++) {
        int best = -1;
        double best_frac = -1;
        for (int i = 0; i < n; i++) {
            double q = (double)total * weights[i] / sum;
            double frac = q - (double)out[i];
            if (!served[i] && weights[i] > 0 && frac > best_frac + TIE) {
                best = i;
                best_frac = frac;
            }
        }
        if (best < 0)
            break;
        served[best] = 1;
        out[best]++;
    }
    free(served);
    return ENG_OK;
}

int ea_split_weights(const ea_scenario *sc, ea_split_rule rule, double *weights, eng_error *err)
{
    for (int d = 0; d < sc->ndepartments; d++) {
        const ea_scenario_department *dep = &sc->departments[d];
        if (rule == EA_SPLIT_PLACES)
            weights[d] = dep->places;
        else if (rule == EA_SPLIT_DEMAND)
            weights[d] = dep->entries.per_month;
        else if (rule == EA_SPLIT_WEIGHT && (dep->overrides & EA_OVR_WEIGHT))
            weights[d] = dep->weight;
        else if (rule == EA_SPLIT_WEIGHT)
            return eng_error_set(err, ENG_EINPUT, "--split weight : le département %s n'a pas de "
                                 "clé « weight » ; ajoutez weight = POIDS (par exemple sa "
                                 "population) dans chacune des sections des départements", dep->code);
        else
            return eng_error_set(err, ENG_EINPUT, "répartition : aucune règle tirée du scénario ; "
                                 "donnez --split places, demand ou weight");
    }
    return ENG_OK;
}

int ea_split_waiting_weights(const ea_results *res, int y, double *weights, int n, eng_error *err)
{
    int i = ea_indicators_find(ea_results_indicators(res), "waiting");
    if (i < 0)
        return eng_error_set(err, ENG_EFAIL, "--split waiting : pas d'indicateur waiting dans la "
                             "simulation");
    double sum = 0;
    for (int d = 0; d < n; d++) {
        weights[d] = ea_results_summary(res, EA_ANNUAL, d, y, i)->mean;
        sum += weights[d];
    }
    if (!(sum > 0))
        return eng_error_set(err, ENG_EINPUT, "--split waiting : aucune liste d'attente fin %s dans "
                             "le scénario de base (0 dans chaque département, en moyenne sur les "
                             "réplications) : rien ne dit où les places manquent ; répartissez selon "
                             "places, demand ou weight, ou choisissez une autre année avec --year",
                             ea_results_period(res, EA_ANNUAL, y));
    return ENG_OK;
}

int ea_split_plan_init(ea_split_plan *p, int n, eng_error *err)
{
    p->n = n;
    p->weights = calloc((size_t)n, sizeof *p->weights);
    p->current = calloc((size_t)n, sizeof *p->current);
    p->sections = calloc((size_t)n, sizeof *p->sections);
    if (!p->weights || !p->current || !p->sections)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    return ENG_OK;
}

void ea_split_plan_clear(ea_split_plan *p)
{
    free(p->weights);
    free(p->current);
    free(p->sections);
    memset(p, 0, sizeof *p);
}

int ea_split_plan_places(const ea_split_plan *p, long total, double *places, eng_error *err)
{
    long *whole = calloc((size_t)p->n, sizeof *whole);
    if (!whole)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    double base = 0;
    for (int d = 0; p->added && d < p->n; d++)
        base += p->current[d];
    /* Shared: the whole total, or the places added (whole places: the current ones keep any
     * decimals they have). */
    double shared = p->added ? floor((double)total - base + 1e-9) : (double)total;
    int status = ENG_OK;
    if (shared < 0) {
        char have[64];
        eng_text_format_number(have, sizeof have, base, base == floor(base) ? 0 : 1);
        status = eng_error_set(err, ENG_EINPUT, "--split %s+ ne répartit que les places ajoutées : "
                               "region.places=%ld est sous les %s places du scénario ; donnez au "
                               "moins ce total, ou --split %s pour répartir tout le total",
                               ea_split_rule_name(p->rule), total, have, ea_split_rule_name(p->rule));
    }
    if (status == ENG_OK)
        status = ea_split_largest_remainder((long)shared, p->weights, p->n, whole, err);
    for (int d = 0; status == ENG_OK && d < p->n; d++)
        places[d] = (p->added ? p->current[d] : 0) + (double)whole[d];
    free(whole);
    return status;
}

/* The departments that a value's split leaves with fewer places than the scenario gives them: a
 * rule sharing the whole total takes places away, which a planner may not expect. */
static void print_losses(const ea_split_plan *p, const ea_vary *v, FILE *f)
{
    if (p->added)   /* the scenario's places are kept: nobody loses any */
        return;
    double *places = calloc((size_t)p->n, sizeof *places);
    eng_error err;
    int said = 0;
    for (int i = 0; places && i < v->n; i++) {
        if (ea_split_plan_places(p, lround(v->number[i]), places, &err) != ENG_OK)
            continue;
        int first = 1;
        for (int d = 0; d < p->n; d++) {
            if (!(places[d] < p->current[d]))
                continue;
            char code[64];
            ea_scenario_section_kind(p->sections[d], code, sizeof code);
            if (!said++)
                fprintf(f, eng_msg_tr("Attention : la règle répartit tout le total, pas seulement les "
                                      "places ajoutées (--split %s+ garde à chacun les siennes) ; des "
                                      "départements y perdent des places :"),
                        ea_split_rule_name(p->rule));
            if (first)
                fprintf(f, eng_msg_tr("%s à %s, "), said > 1 ? " ;" : "", v->text[i]);
            fprintf(f, "%s%s (%.0f → %.0f)", first ? "" : ", ", code, p->current[d], places[d]);
            first = 0;
        }
    }
    if (said)
        fputs("\n", f);
    free(places);
}

void ea_split_plan_print(const ea_split_plan *p, const ea_vary *v, FILE *f)
{
    double sum = 0;
    for (int d = 0; d < p->n; d++)
        sum += p->weights[d];
    fprintf(f, eng_msg_tr("Répartition %s (--split %s%s%s) :"),
            p->added ? eng_msg_tr("des places ajoutées à celles du scénario, que chaque "
                                  "département garde")
                     : eng_msg_tr("de region.places"),
            ea_split_rule_name(p->rule), p->added ? "+" : "",
            p->rule == EA_SPLIT_WAITING ? eng_msg_tr(", liste d'attente moyenne d'une simulation "
                                                     "du scénario tel qu'il est écrit, avec la "
                                                     "graine et les réplications du sweep : "
                                                     "d'autres --seed ou -n les déplacent") : "");
    for (int d = 0; d < p->n; d++) {
        char code[64], share[32];
        ea_scenario_section_kind(p->sections[d], code, sizeof code);
        eng_text_format_percent(share, sizeof share, sum > 0 ? 100 * p->weights[d] / sum : 0, 1);
        fprintf(f, "%s %s %s", d ? "," : "", code, share);
    }
    fputs("\n", f);
    print_losses(p, v, f);
}

void ea_split_plan_write_ini(const ea_split_plan *p, FILE *fi)
{
    /* The rule and each department's share, which the points' places follow: under waiting they
     * come from a short run of the scenario, and change with its seed and -n. */
    double total = 0;
    for (int d = 0; d < p->n; d++)
        total += p->weights[d];
    fprintf(fi, "split = %s%s\n", ea_split_rule_name(p->rule), p->added ? "+" : "");
    fputs(p->added ? eng_msg_tr("# Part de chaque département dans les places ajoutées à celles du "
                                "scénario, sous cette règle :\n")
                   : eng_msg_tr("# Part de chaque département dans region.places sous cette règle :\n"),
          fi);
    for (int d = 0; d < p->n; d++) {
        char code[64];
        ea_scenario_section_kind(p->sections[d], code, sizeof code);
        fprintf(fi, "share.%s = %.6g\n", code, total > 0 ? p->weights[d] / total : NAN);
    }
}

void ea_split_plan_write_point(const ea_split_plan *p, long total, FILE *fi)
{
    double *places = calloc((size_t)p->n, sizeof *places);
    eng_error err;
    if (places && ea_split_plan_places(p, total, places, &err) == ENG_OK)
        for (int d = 0; d < p->n; d++)
            fprintf(fi, "%s.places = %.10g\n", p->sections[d], places[d]);
    free(places);
}
