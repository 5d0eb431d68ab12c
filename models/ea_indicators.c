/* ea_indicators.c — The indicator table, and the indicators derived from raw accumulators. */
#include "ea_indicators.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "ea_model.h"

enum { FLOW, STOCK };
enum { REAL, WHOLE };
enum { DOWN = -1, NEITHER = 0, UP = 1 };   /* how an indicator moves as places, or FTE, rise */
/* When an indicator takes the same value in every replication (ea_indicators_row.fixed_if). */
enum {
    VARIES = 0,
    FIXED = EA_FIXED_ALWAYS,
    NO_FTE = EA_FIXED_NO_FTE,
    NO_COST = EA_FIXED_NO_STAFF_COST,
    NO_HOURS = EA_FIXED_NO_HOURS,
    NO_PATIENCE = EA_FIXED_NO_PATIENCE
};
#define NONE { EA_TOTAL_NONE, EA_TOTAL_NONE, 0 }   /* no ratio of totals */

/* The indicator table, in the order of the tables' rows. */
static const ea_indicators_row defs[] = {
    { "file_active", EA_IND_FILE_ACTIVE, EA_UNIT_PERSONS, STOCK, WHOLE, VARIES, UP, UP,
      NONE, "file active",
      "caseload", "personnes accompagnées à la fin de la période",
      "persons in support at the end of the period" },
    { "file_active_<module>", EA_IND_MODULE, EA_UNIT_PERSONS, STOCK, WHOLE, VARIES, UP, UP, NONE,
      "file active en %s", "caseload in %s",
      "dont dans le module `<module>` (evaluation, projet, recherche ou maintien : les modules que "
      "le scénario définit)",
      "of whom in module `<module>` (evaluation, projet, recherche or maintien: the modules the "
      "scenario defines)" },
    { "waiting", EA_IND_WAITING, EA_UNIT_PERSONS, STOCK, WHOLE, VARIES, DOWN, DOWN,
      NONE, "liste d'attente",
      "waiting list", "personnes en liste d'attente à la fin de la période",
      "persons on the waiting list at the end of the period" },
    { "places", EA_IND_PLACES, EA_UNIT_PLACES, STOCK, WHOLE, FIXED, UP, NEITHER,
      NONE, "places", "places",
      "places financées à la fin de la période", "funded places at the end of the period" },
    { "occupancy", EA_IND_OCCUPANCY, EA_UNIT_SHARE, STOCK, REAL, VARIES, DOWN, UP,
      NONE, "taux d'occupation",
      "occupancy", "`file_active / places` à la fin de la période, de 0 à 1 (vide sans place)",
      "`file_active / places` at the end of the period, 0 to 1 (empty without places)" },
    { "entries", EA_IND_ENTRIES, EA_UNIT_PERSONS, FLOW, WHOLE, VARIES, NEITHER, NEITHER,
      NONE, "entrées", "entries",
      "prescriptions reçues pendant la période", "referrals received during the period" },
    { "entries_cumulative", EA_IND_ENTRIES_CUMULATIVE,
      EA_UNIT_PERSONS, STOCK, WHOLE, VARIES, NEITHER, NEITHER,
      NONE,
      "entrées cumulées", "cumulative entries",
      "prescriptions reçues depuis le début du dispositif, à la fin de la période : "
      "`entries_before_start` (celles d'avant le premier mois simulé), plus toutes les `entries` "
      "simulées jusque-là",
      "referrals received since the scheme began, at the end of the period: "
      "`entries_before_start` (those before the first simulated month), plus every simulated "
      "`entries` up to then" },
    { "admissions", EA_IND_ADMISSIONS, EA_UNIT_PERSONS, FLOW, WHOLE, VARIES, UP, UP,
      NONE, "admissions",
      "admissions", "personnes entrées en accompagnement pendant la période",
      "persons who started support during the period" },
    { "exits", EA_IND_EXITS, EA_UNIT_PERSONS, FLOW, WHOLE, VARIES, UP, UP, NONE, "sorties", "exits",
      "sorties d'accompagnement pendant la période, tous motifs",
      "exits from support during the period, all reasons" },
    { "exits_<reason>", EA_IND_EXITS_REASON, EA_UNIT_PERSONS, FLOW, WHOLE, VARIES, UP, UP,
      NONE, "sorties : %s",
      "exits: %s",
      "sorties d'accompagnement pendant la période pour le motif `<reason>` (chaque motif de "
      "sortie du scénario)",
      "exits from support during the period for reason `<reason>` (each exit reason of the "
      "scenario)" },
    { "reneged", EA_IND_RENEGED, EA_UNIT_PERSONS, FLOW, WHOLE, NO_PATIENCE, DOWN, DOWN,
      NONE, "abandons avant admission",
      "reneged before admission",
      "personnes sorties de la liste d'attente avant d'être admises, pendant la période",
      "persons who left the waiting list before being admitted, during the period" },
    { "persons_accompanied", EA_IND_PERSONS_ACCOMPANIED,
      EA_UNIT_PERSONS, FLOW, WHOLE, VARIES, UP, UP,
      NONE,
      "personnes accompagnées", "persons accompanied",
      "personnes distinctes accompagnées à un moment de la période (accompagnées à son début, et "
      "admises pendant)",
      "distinct persons in support at any time during the period (in support at its start, and "
      "admitted during it)" },
    /* The ratios of totals: their means pool the replications (ea_indicators_ratio). */
    { "mean_wait_days", EA_IND_MEAN_WAIT_DAYS, EA_UNIT_DAYS, FLOW, REAL, VARIES, DOWN, DOWN,
      { EA_TOTAL_WAIT, EA_TOTAL_ADMISSIONS, EA_DAYS_PER_MONTH }, "attente moyenne (jours)",
      "mean wait (days)",
      "attente moyenne des personnes admises pendant la période, attentes nulles comprises (vide "
      "quand personne n'est admis) ; sa moyenne sur les réplications les regroupe : toutes leurs "
      "attentes sur toutes leurs admissions",
      "mean wait of the persons admitted during the period, zero waits included (empty when nobody "
      "was admitted); its mean over replications pools them: all their waits over all their "
      "admissions" },
    { "file_active_avg", EA_IND_FILE_ACTIVE_AVG, EA_UNIT_PERSONS, FLOW, REAL, VARIES, UP, UP, NONE,
      "file active moyenne", "mean caseload",
      "moyenne dans le temps de la file active sur la période",
      "time average of the file active over the period" },
    { "waiting_avg", EA_IND_WAITING_AVG, EA_UNIT_PERSONS, FLOW, REAL, VARIES, DOWN, DOWN, NONE,
      "liste d'attente moyenne", "mean waiting list",
      "moyenne dans le temps de la liste d'attente sur la période",
      "time average of the waiting list over the period" },
    { "staff_hours_needed", EA_IND_STAFF_HOURS_NEEDED, EA_UNIT_HOURS, FLOW, REAL, NO_HOURS, UP, UP,
      NONE,
      "heures d'accompagnement nécessaires", "support hours needed",
      "heures d'accompagnement nécessaires : l'intensité de chaque module (heures par personne et "
      "par mois) sur le temps passé dans le module",
      "hours of support needed: each module's intensity (hours per person per month) over the time "
      "spent in it" },
    { "staff_hours_available", EA_IND_STAFF_HOURS_AVAILABLE,
      EA_UNIT_HOURS, FLOW, REAL, FIXED, NEITHER, UP,
      NONE,
      "heures d'accompagnement disponibles", "support hours available",
      "ETP × `hours_per_fte_month` × `direct_share` × mois : les heures d'accompagnement direct que "
      "donnent les conseillers financés",
      "FTE × `hours_per_fte_month` × `direct_share` × months: the hours of direct support the "
      "funded counsellors give" },
    { "staff_fte_needed", EA_IND_STAFF_FTE_NEEDED, EA_UNIT_FTE, FLOW, REAL, NO_HOURS, UP, UP, NONE,
      "ETP nécessaires", "FTE needed",
      "`staff_hours_needed / (hours_per_fte_month × direct_share × mois)` : les conseillers à "
      "temps plein que l'accompagnement demande à l'intensité du scénario, leur temps hors de "
      "l'accompagnement direct compris selon `direct_share`",
      "`staff_hours_needed / (hours_per_fte_month × direct_share × months)`: the full-time "
      "counsellors the support needs at the scenario's intensity, their time outside direct "
      "support included through `direct_share`" },
    { "staff_fte_funded", EA_IND_STAFF_FTE_FUNDED, EA_UNIT_FTE, STOCK, REAL, FIXED, NEITHER, UP,
      NONE,
      "ETP financés", "FTE funded",
      "conseillers à temps plein financés : le `fte` du scénario pour un département, leur somme "
      "pour la région (vide quand le scénario ne les donne pas, ou pas pour tous les départements)",
      "full-time counsellors funded: the scenario's `fte` for a department, their sum for the "
      "region (empty when the scenario does not give them, or not for every department)" },
    { "persons_per_fte", EA_IND_PERSONS_PER_FTE, EA_UNIT_PERSONS, STOCK, REAL, NO_FTE, UP, NEITHER,
      { EA_TOTAL_FILE_ACTIVE_END, EA_TOTAL_FTE, 1 }, "file active par ETP financé",
      "caseload per funded FTE",
      "`file_active / staff_fte_funded` à la fin de la période : les personnes accompagnées par "
      "conseiller financé (vide sans ETP financés)",
      "`file_active / staff_fte_funded` at the end of the period: the persons in support per "
      "funded counsellor (empty without FTE funded)" },
    { "hours_per_person_month", EA_IND_HOURS_PER_PERSON_MONTH,
      EA_UNIT_HOURS, FLOW, REAL, VARIES, NEITHER, NEITHER,
      { EA_TOTAL_HOURS, EA_TOTAL_PERSON_MONTHS, 1 }, "heures par personne et par mois",
      "hours per person per month",
      "`staff_hours_needed / (file_active_avg × mois)` : l'intensité moyenne de l'accompagnement "
      "modélisé (vide sans personne accompagnée) ; sa moyenne sur les réplications les regroupe : "
      "leurs heures sur leurs mois d'accompagnement",
      "`staff_hours_needed / (file_active_avg × months)`: the mean intensity of the modelled "
      "support (empty with nobody in support); its mean over replications pools them: their hours "
      "over their months of support" },
    { "funding_eur", EA_IND_FUNDING, EA_UNIT_EUR, FLOW, REAL, FIXED, UP, NEITHER,
      NONE, "financement", "funding",
      "places × `cost_per_place`, au prorata des mois (4 300 € la place par an par défaut : "
      "645 × 4 300 € = 2 773 500 € par an)",
      "places × `cost_per_place`, pro rata of the months (4 300 € a place a year by default: "
      "645 × 4 300 € = 2 773 500 € a year)" },
    { "staff_cost_needed_eur", EA_IND_STAFF_COST_NEEDED,
      EA_UNIT_EUR, FLOW, REAL, NO_HOURS | NO_COST, UP, UP,
      NONE,
      "coût des heures d'accompagnement modélisées", "cost of the modelled support hours",
      "`staff_fte_needed × staff_cost_per_fte`, au prorata des mois : ce que coûteraient les "
      "heures d'accompagnement que le modèle demande à l'intensité du scénario, et non une dépense "
      "constatée (0 quand `staff_cost_per_fte` vaut 0)",
      "`staff_fte_needed × staff_cost_per_fte`, pro rata of the months: what the support hours the "
      "model needs at the scenario's intensity would cost, not a recorded spend (0 when "
      "`staff_cost_per_fte` is 0)" },
    { "balance_eur", EA_IND_BALANCE, EA_UNIT_EUR, FLOW, REAL, NO_HOURS | NO_COST, NEITHER, NEITHER,
      NONE,
      "solde financement − coût des heures", "balance funding − cost of hours",
      "`funding_eur − staff_cost_needed_eur` : ce que le financement laisse une fois payées les "
      "heures d'accompagnement modélisées, négatif quand il ne les couvre pas (vide quand "
      "`staff_cost_per_fte` vaut 0)",
      "`funding_eur − staff_cost_needed_eur`: what the funding leaves once the modelled support "
      "hours are paid, negative when it does not cover them (empty when `staff_cost_per_fte` is "
      "0)" },
    { "delegated_eur", EA_IND_DELEGATED, EA_UNIT_EUR, FLOW, REAL, FIXED, UP, NEITHER,
      NONE, "financement délégué",
      "delegated funding",
      "`funding_eur × delegated_share` : le financement reversé aux structures partenaires par "
      "conventions de gestion",
      "`funding_eur × delegated_share`: funding passed to partner structures under conventions de "
      "gestion" },
    { "cost_per_person_eur", EA_IND_COST_PER_PERSON,
      EA_UNIT_EUR, FLOW, REAL, VARIES, NEITHER, NEITHER,
      { EA_TOTAL_FUNDING, EA_TOTAL_PERSONS, 1 }, "coût par personne accompagnée",
      "cost per person accompanied",
      "`funding_eur / persons_accompanied` ; sa moyenne sur les réplications les regroupe : leur "
      "financement sur leurs personnes accompagnées",
      "`funding_eur / persons_accompanied`; its mean over replications pools them: their funding "
      "over their persons accompanied" },
    { "cost_per_exit_emploi_eur", EA_IND_COST_PER_EXIT_EMPLOI,
      EA_UNIT_EUR, FLOW, REAL, VARIES, NEITHER, NEITHER,
      { EA_TOTAL_FUNDING, EA_TOTAL_EXITS_REASON, 1 }, "coût par sortie vers l'emploi durable",
      "cost per exit to lasting employment",
      "`funding_eur / exits_emploi_durable`, quand le scénario a ce motif de sortie (vide sans "
      "sortie vers l'emploi durable) ; sa moyenne sur les réplications les regroupe : leur "
      "financement sur leurs sorties vers l'emploi durable",
      "`funding_eur / exits_emploi_durable`, when the scenario has that exit reason (empty with no "
      "such exit); its mean over replications pools them: their funding over their exits to "
      "lasting employment" },
};

#define NDEFS ((int)(sizeof defs / sizeof *defs))

int ea_indicators_ndefs(void) { return NDEFS; }
const ea_indicators_row *ea_indicators_def(int i)
{
    return &defs[i];
}

/* The length of a family's prefix (file_active_ of file_active_<module>), 0 for a single row. */
static size_t family_prefix(const ea_indicators_row *d)
{
    const char *lt = strchr(d->name, '<');
    return lt ? (size_t)(lt - d->name) : 0;
}

const ea_indicators_row *ea_indicators_lookup(const char *name, const char **suffix)
{
    if (suffix)
        *suffix = NULL;
    for (int i = 0; i < NDEFS; i++)
        if (!family_prefix(&defs[i]) && strcmp(defs[i].name, name) == 0)
            return &defs[i];
    for (int i = 0; i < NDEFS; i++) {
        size_t n = family_prefix(&defs[i]);
        if (n && strncmp(defs[i].name, name, n) == 0) {
            if (suffix)
                *suffix = name + n;
            return &defs[i];
        }
    }
    return NULL;
}

const char *ea_indicators_label(const char *name, char *buf, size_t size)
{
    return ea_indicators_label_in(name, eng_msg_get_lang() == ENG_MSG_EN, buf, size);
}

const char *ea_indicators_label_in(const char *name, int english, char *buf, size_t size)
{
    const char *suffix = NULL;
    const ea_indicators_row *row = ea_indicators_lookup(name, &suffix);
    if (!row) {
        snprintf(buf, size, "%s", name);
        return buf;
    }
    const char *label = english ? row->label_en : row->label_fr;
    /* A module or a usual reason in words (« file active en évaluation », « sorties : autre
     * motif »), a reason of the scenario's own with its underscores as spaces. */
    const char *named = !suffix ? "" : row->kind == EA_IND_MODULE
                                           ? ea_scenario_module_label(suffix, english)
                                           : ea_scenario_reason_label(suffix, english);
    char words[64] = "";
    for (size_t i = 0; named[i] && i + 1 < sizeof words; i++)
        words[i] = named[i] == '_' ? ' ' : named[i];
    snprintf(buf, size, label, words);
    return buf;
}

/* Where ea_indicators_compute finds the value of an indicator that is no ratio of totals: among
 * the raw accumulators of the period's last month (SLOT_LAST + x), their sums over the period
 * (SLOT_SUM + x) or the values derived from them (SLOT_DERIVED + d). Looking the value up where
 * the kind says, once for the set, saves a switch per indicator, period and replication. */
enum { SLOT_LAST = 0, SLOT_SUM = EA_RAW_COUNT, SLOT_DERIVED = 2 * EA_RAW_COUNT };
enum { D_OCCUPANCY, D_EXITS, D_PERSONS, D_FILE_ACTIVE_AVG, D_WAITING_AVG, D_HOURS_AVAILABLE,
       D_FTE_NEEDED, D_FUNDED, D_FUNDING, D_COST, D_BALANCE, D_DELEGATED, NDERIVED };
/* The derived values of the staff and the budget, left out of a replication's values when the
 * scenario fixes every indicator that reads them. */
#define STAFF_DERIVED ((1u << D_HOURS_AVAILABLE) | (1u << D_FTE_NEEDED) | (1u << D_COST) | \
                       (1u << D_BALANCE) | (1u << D_DELEGATED))

static int slot_of(ea_indicators_kind kind, int arg)
{
    switch (kind) {
    case EA_IND_FILE_ACTIVE: return SLOT_LAST + EA_RAW_FILE_ACTIVE;
    case EA_IND_MODULE: return SLOT_LAST + EA_RAW_MODULE + arg;
    case EA_IND_WAITING: return SLOT_LAST + EA_RAW_WAITING;
    case EA_IND_PLACES: return SLOT_LAST + EA_RAW_PLACES;
    case EA_IND_OCCUPANCY: return SLOT_DERIVED + D_OCCUPANCY;
    case EA_IND_ENTRIES: return SLOT_SUM + EA_RAW_ENTRIES;
    case EA_IND_ENTRIES_CUMULATIVE: return SLOT_LAST + EA_RAW_ENTRIES_CUMULATIVE;
    case EA_IND_ADMISSIONS: return SLOT_SUM + EA_RAW_ADMISSIONS;
    case EA_IND_EXITS: return SLOT_DERIVED + D_EXITS;
    case EA_IND_EXITS_REASON: return SLOT_SUM + EA_RAW_EXITS + arg;
    case EA_IND_RENEGED: return SLOT_SUM + EA_RAW_RENEGED;
    case EA_IND_PERSONS_ACCOMPANIED: return SLOT_DERIVED + D_PERSONS;
    case EA_IND_FILE_ACTIVE_AVG: return SLOT_DERIVED + D_FILE_ACTIVE_AVG;
    case EA_IND_WAITING_AVG: return SLOT_DERIVED + D_WAITING_AVG;
    case EA_IND_STAFF_HOURS_NEEDED: return SLOT_SUM + EA_RAW_HOURS_NEEDED;
    case EA_IND_STAFF_HOURS_AVAILABLE: return SLOT_DERIVED + D_HOURS_AVAILABLE;
    case EA_IND_STAFF_FTE_NEEDED: return SLOT_DERIVED + D_FTE_NEEDED;
    case EA_IND_STAFF_FTE_FUNDED: return SLOT_DERIVED + D_FUNDED;
    case EA_IND_FUNDING: return SLOT_DERIVED + D_FUNDING;
    /* The cost of the support hours the model needs: FTE needed at the yearly cost of an FTE, for
     * the months covered. */
    case EA_IND_STAFF_COST_NEEDED: return SLOT_DERIVED + D_COST;
    case EA_IND_BALANCE: return SLOT_DERIVED + D_BALANCE;
    case EA_IND_DELEGATED: return SLOT_DERIVED + D_DELEGATED;
    /* The ratios of totals, computed from their parts. */
    case EA_IND_MEAN_WAIT_DAYS:
    case EA_IND_PERSONS_PER_FTE:
    case EA_IND_HOURS_PER_PERSON_MONTH:
    case EA_IND_COST_PER_PERSON:
    case EA_IND_COST_PER_EXIT_EMPLOI: break;
    }
    return -1;
}

/* Adds the indicator of row def named prefix (its first len bytes) then arg. */
static void add(ea_indicators *set, int def, size_t len, const char *arg, int index)
{
    const ea_indicators_row *d = &defs[def];
    ea_indicators_item *ind = &set->ind[set->n++];
    snprintf(ind->name, sizeof ind->name, "%.*s%s", (int)len, d->name, arg);
    ind->kind = d->kind;
    ind->arg = index;
    ind->def = def;
    ind->ratio = d->ratio.num != EA_TOTAL_NONE ? set->nratios++ : -1;
    ind->slot = slot_of(d->kind, index);
}

/* The EA_FIXED_* conditions that scenario sc meets. */
static unsigned fixed_conditions(const ea_scenario *sc)
{
    int fte = 0;
    for (int d = 0; d < sc->ndepartments; d++)
        fte |= sc->departments[d].fte > 0;
    return EA_FIXED_ALWAYS | (fte ? 0 : EA_FIXED_NO_FTE) |
           (sc->staff_cost_per_fte > 0 ? 0 : EA_FIXED_NO_STAFF_COST) |
           (ea_scenario_has_hours(sc) ? 0 : EA_FIXED_NO_HOURS) |
           (sc->patience.kind == ENG_DIST_NONE ? EA_FIXED_NO_PATIENCE : 0);
}

/* A family whose scenario has a single member equals its total in every replication: the file
 * active of the only module is the file active, the exits for the only reason are the exits. */
static const struct {
    ea_indicators_kind member, total;
} family_totals[] = { { EA_IND_MODULE, EA_IND_FILE_ACTIVE }, { EA_IND_EXITS_REASON, EA_IND_EXITS } };

/* The index of the indicator of kind `kind`, or -1. */
static int find_kind(const ea_indicators *set, ea_indicators_kind kind)
{
    for (int i = 0; i < set->n; i++)
        if (set->ind[i].kind == kind)
            return i;
    return -1;
}

/* Gives each indicator its place among the values a replication stores: none when the scenario
 * fixes it (a place among those then), its total's for the only member of a family, a new one
 * otherwise. */
static void place_varying(ea_indicators *set, const ea_scenario *sc)
{
    unsigned met = fixed_conditions(sc);
    set->nvar = set->nparts = set->nfixed = 0;
    set->staff_stored = 0;
    for (int i = 0; i < set->n; i++) {
        ea_indicators_item *ind = &set->ind[i];
        int total = -1, members = 0;
        ind->part = ind->fixed = -1;
        for (size_t f = 0; f < sizeof family_totals / sizeof *family_totals; f++)
            if (family_totals[f].member == ind->kind) {
                total = find_kind(set, family_totals[f].total);
                for (int j = 0; j < set->n; j++)
                    members += set->ind[j].kind == ind->kind;
            }
        if (defs[ind->def].fixed_if & met) {
            ind->var = -1;
            ind->fixed = set->nfixed++;
        }
        else if (members == 1 && total >= 0 && set->ind[total].var >= 0)
            ind->var = set->ind[total].var;
        else {
            ind->var = set->nvar;
            set->var_ind[set->nvar++] = i;
            if (ind->ratio >= 0)
                ind->part = set->nparts++;
            if (ind->slot >= SLOT_DERIVED && (STAFF_DERIVED >> (ind->slot - SLOT_DERIVED) & 1))
                set->staff_stored = 1;
        }
    }
}

/* The totals that an indicator of the set equals in every replication, bit for bit: each is read
 * from the same accumulator or derived value (slot_of) as the total. */
static const struct {
    ea_indicators_total total;
    ea_indicators_kind kind;
} total_values[] = {
    { EA_TOTAL_ADMISSIONS, EA_IND_ADMISSIONS }, { EA_TOTAL_FUNDING, EA_IND_FUNDING },
    { EA_TOTAL_PERSONS, EA_IND_PERSONS_ACCOMPANIED }, { EA_TOTAL_EXITS_REASON, EA_IND_EXITS_REASON },
    { EA_TOTAL_FILE_ACTIVE_END, EA_IND_FILE_ACTIVE }, { EA_TOTAL_FTE, EA_IND_STAFF_FTE_FUNDED },
    { EA_TOTAL_HOURS, EA_IND_STAFF_HOURS_NEEDED }
};

/* The indicator whose value is total t of a ratio with argument arg (its exit reason), or -1. */
static int total_indicator(const ea_indicators *set, ea_indicators_total t, int arg)
{
    for (size_t k = 0; k < sizeof total_values / sizeof *total_values; k++)
        for (int i = 0; total_values[k].total == t && i < set->n; i++)
            if (set->ind[i].kind == total_values[k].kind
                && (t != EA_TOTAL_EXITS_REASON || set->ind[i].arg == arg))
                return i;
    return -1;
}

/* Where each stored ratio's numerator and denominator are found: a value stored or fixed when an
 * indicator equals it, else a place among the totals a replication keeps. The months waited and
 * the months in support are kept; the admissions, the persons and the exits are stored anyway,
 * and the funding and the staff funded are fixed, so most ratios cost a replication nothing. */
static void place_sources(ea_indicators *set)
{
    set->nkept = 0;
    for (int i = 0; i < set->n; i++) {
        ea_indicators_item *ind = &set->ind[i];
        if (ind->part < 0)
            continue;
        set->part_ind[ind->part] = i;
        const ea_indicators_ratio *q = &defs[ind->def].ratio;
        for (int w = 0; w < 2; w++) {
            int j = total_indicator(set, w ? q->den : q->num, ind->arg);
            if (j >= 0 && set->ind[j].var >= 0)
                ind->source[w] = (ea_indicators_source){ EA_SOURCE_VALUE, set->ind[j].var };
            else if (j >= 0 && set->ind[j].fixed >= 0)
                ind->source[w] = (ea_indicators_source){ EA_SOURCE_FIXED, j };
            else
                ind->source[w] = (ea_indicators_source){ EA_SOURCE_KEPT, set->nkept++ };
        }
    }
}

void ea_indicators_init(ea_indicators *set, const ea_scenario *sc)
{
    memset(set, 0, sizeof *set);
    set->cost_per_place = sc->cost_per_place;
    set->staff_cost_per_fte = sc->staff_cost_per_fte;
    set->hours_per_fte_month = ea_scenario_direct_hours_per_fte(sc);
    set->delegated_share = sc->delegated_share;
    set->emploi_reason = ea_scenario_reason(sc, "emploi_durable");
    set->nreasons = sc->nreasons;

    for (int i = 0; i < NDEFS; i++) {
        const ea_indicators_row *d = &defs[i];
        size_t n = family_prefix(d);
        if (d->kind == EA_IND_MODULE) {
            /* One per module the scenario defines, one per exit reason. */
            for (int m = 0; m < EA_NMODULES; m++)
                if (sc->modules[m].defined)
                    add(set, i, n, ea_scenario_module_names[m], m);
        } else if (d->kind == EA_IND_EXITS_REASON) {
            for (int r = 0; r < sc->nreasons; r++)
                add(set, i, n, sc->reasons[r], r);
        } else if (d->kind == EA_IND_COST_PER_EXIT_EMPLOI) {
            /* Only when an exit to lasting employment can happen. */
            if (set->emploi_reason >= 0)
                add(set, i, strlen(d->name), "", set->emploi_reason);
        } else {
            add(set, i, strlen(d->name), "", 0);
        }
    }
    place_varying(set, sc);
    place_sources(set);
}

/* Writes the first n bytes of text without their backquotes (they mark code in Markdown). */
static void put_plain(FILE *f, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (text[i] != '`')
            fputc(text[i], f);
}

enum { HELP_NAME = 26, HELP_WIDTH = 96 };   /* columns of the help text */

/* The number of characters (not bytes) the first n bytes of UTF-8 text show, backquotes left out. */
static int width(const char *text, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)text[i] & 0xC0) != 0x80 && text[i] != '`';
    return w;
}

/* Writes text in lines that end before the column HELP_WIDTH, cut at spaces outside brackets;
 * the lines after the first are indented to `indent`, the column where the first one starts. */
static void put_wrapped(FILE *f, const char *text, int indent)
{
    const char *p = text;
    for (;;) {
        /* The last space before which the line fits, when the rest does not. */
        const char *cut = NULL;
        int bracket = 0;
        if (width(p, strlen(p)) > HELP_WIDTH - indent)
            for (const char *q = p; *q && width(p, (size_t)(q - p)) <= HELP_WIDTH - indent; q++) {
                bracket += (*q == '[') - (*q == ']');
                if (*q == ' ' && !bracket)
                    cut = q;
            }
        if (!cut) {
            put_plain(f, p, strlen(p));
            fputc('\n', f);
            return;
        }
        put_plain(f, p, (size_t)(cut - p));
        fprintf(f, "\n%*s", indent, "");
        p = cut + 1;
    }
}

/* The units as `eaflow help indicators` names them, in French (English through the catalogue). */
static const char *const unit_words[] = {
    [EA_UNIT_PERSONS] = ENG_MSG_N("personnes"), [EA_UNIT_PLACES] = ENG_MSG_N("places"),
    [EA_UNIT_SHARE] = ENG_MSG_N("part"), [EA_UNIT_DAYS] = ENG_MSG_N("jours"),
    [EA_UNIT_HOURS] = ENG_MSG_N("heures"), [EA_UNIT_FTE] = ENG_MSG_N("ETP"),
    [EA_UNIT_EUR] = ENG_MSG_N("euros"),
};

void ea_indicators_write_help(FILE *f)
{
    int en = eng_msg_get_lang() == ENG_MSG_EN;
    fputs(eng_msg_tr("Indicateurs de monthly.csv et annual.csv, par périmètre et période (un stock "
                     "se lit à la fin de la\npériode, un flux se compte sur la période) :\n"), f);
    char text[1024];
    for (int i = 0; i < NDEFS; i++) {
        const ea_indicators_row *d = &defs[i];
        fprintf(f, "  %-*s ", HELP_NAME, d->name);
        snprintf(text, sizeof text, "%s [%s, %s]", en ? d->def_en : d->def_fr,
                 eng_msg_tr(unit_words[d->unit]), d->stock ? "stock" : eng_msg_tr("flux"));
        put_wrapped(f, text, HELP_NAME + 3);
    }
    /* The closing note names the ratios of totals the table declares. */
    int len = snprintf(text, sizeof text, "%s",
                       eng_msg_tr("Colonnes : moyenne (mean) et écart type (sd) sur les "
                                  "réplications, et les quantiles exacts p05..p95 (type 7) ; une "
                                  "valeur indéfinie dans une réplication est laissée de côté, et "
                                  "une cellule est vide quand toutes le sont. La moyenne d'un "
                                  "ratio de totaux ("));
    for (int i = 0, first = 1; i < NDEFS; i++)
        if (defs[i].ratio.num != EA_TOTAL_NONE) {
            len += snprintf(text + len, sizeof text - (size_t)len, "%s%s", first ? "" : ", ",
                            defs[i].name);
            first = 0;
        }
    snprintf(text + len, sizeof text - (size_t)len, "%s",
             eng_msg_tr(") regroupe les réplications : la somme de leurs numérateurs sur la somme de "
                        "leurs dénominateurs ; son écart type et ses quantiles sont ceux du ratio "
                        "propre à chaque réplication."));
    put_wrapped(f, text, 0);
}

/* Writes a chart label for Markdown, a family's %s shown as an ellipsis. */
static void put_label(FILE *f, const char *label)
{
    const char *s = strstr(label, "%s");
    if (s)
        fprintf(f, "%.*s…%s", (int)(s - label), label, s + 2);
    else
        fputs(label, f);
}

void ea_indicators_write_markdown(FILE *f)
{
    int en = eng_msg_get_lang() == ENG_MSG_EN;
    fputs(eng_msg_tr("| Indicateur | Définition | Unité | Stock ou flux | Libellé des graphiques "
                     "(fr / en) |\n| --- | --- | --- | --- | --- |\n"), f);
    for (int i = 0; i < NDEFS; i++) {
        const ea_indicators_row *d = &defs[i];
        fprintf(f, "| `%s` | %s | %s | %s | ", d->name, en ? d->def_en : d->def_fr,
                eng_msg_tr(unit_words[d->unit]), d->stock ? "stock" : eng_msg_tr("flux"));
        put_label(f, d->label_fr);
        fputs(" / ", f);
        put_label(f, d->label_en);
        fputs(" |\n", f);
    }
}

int ea_indicators_find(const ea_indicators *set, const char *name)
{
    for (int i = 0; i < set->n; i++)
        if (strcmp(set->ind[i].name, name) == 0)
            return i;
    return -1;
}

double ea_indicators_funding(double places, double cost_per_place, double months)
{
    return places * cost_per_place * months / 12.0;
}

static double ratio(double num, double den)
{
    return den > 0 ? num / den : NAN;
}

double ea_indicators_pool(const ea_indicators *set, int i, double num, double den)
{
    return ratio(num, den) * defs[set->ind[i].def].ratio.scale;
}

/* What a ratio of totals divides, for one period: the sums of the raw accumulators over its
 * months, its last month, its funding, its persons accompanied and its funded staff. */
typedef struct totals {
    const double *sum, *last;
    double funding, persons, fte;
} totals;

/* A total of a period that a ratio divides; arg is the indicator's exit reason. */
static double total(ea_indicators_total t, const totals *p, int arg)
{
    const double *sum = p->sum;
    switch (t) {
    case EA_TOTAL_WAIT: return sum[EA_RAW_WAIT_SUM];
    case EA_TOTAL_ADMISSIONS: return sum[EA_RAW_ADMISSIONS];
    case EA_TOTAL_FUNDING: return p->funding;
    case EA_TOTAL_PERSONS: return p->persons;
    case EA_TOTAL_EXITS_REASON: return sum[EA_RAW_EXITS + arg];
    case EA_TOTAL_FILE_ACTIVE_END: return p->last[EA_RAW_FILE_ACTIVE];
    case EA_TOTAL_FTE: return p->fte;
    case EA_TOTAL_HOURS: return sum[EA_RAW_HOURS_NEEDED];
    case EA_TOTAL_PERSON_MONTHS: return sum[EA_RAW_FILE_ACTIVE_AREA];
    case EA_TOTAL_NONE: break;
    }
    return NAN;
}

/* Computes the indicators which[0..count) (all of them, in order, when which is NULL) into
 * out[0..count), and the parts of the ratios of totals among them; the derived values of the
 * staff and the budget (STAFF_DERIVED) only with `staff`, when one of them reads them. */
static void compute(const ea_indicators *set, const double *raw, int k0, int k1, double fte,
                    const int *which, int count, int staff, double *out, double *parts)
{
    /* Every value an indicator can take, at its slot: the last month's accumulators, their sums
     * over the months (flows and integrals), and the values derived from them, each read where
     * it lies rather than copied into one array (120 000 periods a run in the M/M/10 benchmark). */
    double sums[EA_RAW_COUNT], d[NDERIVED];
    const double *last = raw + (size_t)(k1 - 1) * EA_RAW_COUNT;
    const double *first = raw + (size_t)k0 * EA_RAW_COUNT;
    const double *sum = sums;
    double funding = 0;
    if (k1 - k0 == 1) {
        /* The sums of one month are its values: adding them to zero would change no bit, since
         * no accumulator the indicators read is ever -0 (each starts at 0 and adds to it). */
        sum = last;
        funding = 0 + ea_indicators_funding(last[EA_RAW_PLACES], set->cost_per_place, 1);
    } else {
        memset(sums, 0, sizeof sums);
        for (int k = k0; k < k1; k++) {
            const double *row = raw + (size_t)k * EA_RAW_COUNT;
            for (int x = 0; x < EA_RAW_COUNT; x++)
                sums[x] += row[x];
            funding += ea_indicators_funding(row[EA_RAW_PLACES], set->cost_per_place, 1);
        }
    }
    const double *part[3] = { last, sum, d };   /* SLOT_LAST, SLOT_SUM, SLOT_DERIVED */
    _Static_assert((int)NDERIVED <= (int)EA_RAW_COUNT, "a slot's part is slot / EA_RAW_COUNT");
    double months = k1 - k0;
    /* The exits of the scenario's reasons: adding the zeros of the others would change no bit,
     * and would make a chain of EA_MAX_REASONS dependent additions per period. */
    double exits = 0;
    for (int r = 0; r < set->nreasons; r++)
        exits += sum[EA_RAW_EXITS + r];
    double persons = first[EA_RAW_FILE_ACTIVE_START] + sum[EA_RAW_ADMISSIONS];
    /* No FTE in the scenario is no figure, not zero counsellors. */
    double funded = fte > 0 ? fte : NAN;
    d[D_OCCUPANCY] = ratio(last[EA_RAW_FILE_ACTIVE], last[EA_RAW_PLACES]);
    d[D_EXITS] = exits;
    d[D_PERSONS] = persons;
    d[D_FILE_ACTIVE_AVG] = sum[EA_RAW_FILE_ACTIVE_AREA] / months;
    d[D_WAITING_AVG] = sum[EA_RAW_WAITING_AREA] / months;
    d[D_FUNDED] = funded;
    d[D_FUNDING] = funding;
    if (staff) {
        double fte_needed = ratio(sum[EA_RAW_HOURS_NEEDED], set->hours_per_fte_month * months);
        /* The cost of the hours is not computed without a cost per FTE: no balance then. */
        double cost = fte_needed * set->staff_cost_per_fte * months / 12.0;
        d[D_HOURS_AVAILABLE] = fte * set->hours_per_fte_month * months;
        d[D_FTE_NEEDED] = fte_needed;
        d[D_COST] = cost;
        d[D_BALANCE] = set->staff_cost_per_fte > 0 ? funding - cost : NAN;
        d[D_DELEGATED] = funding * set->delegated_share;
    }
    totals tp = { sum, last, funding, persons, funded };

    for (int c = 0; c < count; c++) {
        int i = which ? which[c] : c;
        const ea_indicators_item *ind = &set->ind[i];
        if (ind->ratio < 0) {
            out[c] = part[ind->slot / EA_RAW_COUNT][ind->slot % EA_RAW_COUNT];
            continue;
        }
        /* A ratio of totals, as its row declares; its parts are kept for the pooled mean. */
        const ea_indicators_ratio *q = &defs[ind->def].ratio;
        double num = total(q->num, &tp, ind->arg);
        double den = total(q->den, &tp, ind->arg);
        out[c] = ea_indicators_pool(set, i, num, den);
        /* Every ratio's parts at its place among all, or the totals a replication keeps. */
        if (parts && !which) {
            parts[2 * ind->ratio] = num;
            parts[2 * ind->ratio + 1] = den;
        } else if (parts && ind->part >= 0) {
            if (ind->source[0].kind == EA_SOURCE_KEPT)
                parts[ind->source[0].index] = num;
            if (ind->source[1].kind == EA_SOURCE_KEPT)
                parts[ind->source[1].index] = den;
        }
    }
}

void ea_indicators_compute(const ea_indicators *set, const double *raw, int k0, int k1, double fte,
                           double *out, double *parts)
{
    compute(set, raw, k0, k1, fte, NULL, set->n, 1, out, parts);
}

void ea_indicators_compute_varying(const ea_indicators *set, const double *raw, int k0, int k1,
                                   double fte, double *out, double *parts)
{
    compute(set, raw, k0, k1, fte, set->var_ind, set->nvar, set->staff_stored, out, parts);
}
