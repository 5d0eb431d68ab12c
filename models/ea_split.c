/* ea_split.c — The largest remainder method: the whole parts of the quotas, then one place each to
 * the largest fractional parts, so that the places sum exactly to the total and no department is
 * more than one place from its exact share. */
#include "ea_split.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"

/* Two fractional parts closer than this (in places) are a tie, broken by department order: the
 * quotas of equal weights then give the same places whatever the rounding of the division. */
#define TIE 1e-9

static const char *const rule_names[EA_SPLIT_NRULES] = {"", "places", "demand", "weight", "waiting"};

const char *ea_split_rule_name(ea_split_rule rule)
{
    return rule >= 0 && rule < EA_SPLIT_NRULES ? rule_names[rule] : "";
}

int ea_split_rule_parse(const char *name, ea_split_rule *rule, eng_error *err)
{
    for (int r = EA_SPLIT_PLACES; r < EA_SPLIT_NRULES; r++)
        if (strcmp(name, rule_names[r]) == 0) {
            *rule = (ea_split_rule)r;
            return ENG_OK;
        }
    return eng_error_set(err, ENG_EINPUT, "--split « %s » : règle inconnue ; attendu places (les "
                         "places actuelles), demand (les entrées), weight (la clé weight des "
                         "départements) ou waiting (la liste d'attente simulée)", name);
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
