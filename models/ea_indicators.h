/* ea_indicators.h — The indicators of the tables (file active, flows, waits, staff, budget): one
 * table of their names, units, labels and definitions, and their derivation from raw accumulators. */
#ifndef EA_INDICATORS_H
#define EA_INDICATORS_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "ea_scenario.h"

#define EA_DAYS_PER_MONTH (365.25 / 12.0)
#define EA_MAX_INDICATORS 64

/* What each indicator is computed from. */
typedef enum ea_indicators_kind {
    EA_IND_FILE_ACTIVE,
    EA_IND_MODULE,
    EA_IND_WAITING,
    EA_IND_PLACES,
    EA_IND_OCCUPANCY,
    EA_IND_ENTRIES,
    EA_IND_ENTRIES_CUMULATIVE,
    EA_IND_ADMISSIONS,
    EA_IND_EXITS,
    EA_IND_EXITS_REASON,
    EA_IND_RENEGED,
    EA_IND_PERSONS_ACCOMPANIED,
    EA_IND_MEAN_WAIT_DAYS,
    EA_IND_FILE_ACTIVE_AVG,
    EA_IND_WAITING_AVG,
    EA_IND_STAFF_HOURS_NEEDED,
    EA_IND_STAFF_HOURS_AVAILABLE,
    EA_IND_STAFF_FTE_NEEDED,
    EA_IND_STAFF_FTE_FUNDED,
    EA_IND_PERSONS_PER_FTE,
    EA_IND_HOURS_PER_PERSON_MONTH,
    EA_IND_FUNDING,
    EA_IND_STAFF_COST_NEEDED,
    EA_IND_BALANCE,
    EA_IND_DELEGATED,
    EA_IND_COST_PER_PERSON,
    EA_IND_COST_PER_EXIT_EMPLOI
} ea_indicators_kind;

/* The unit of an indicator's values. */
typedef enum ea_indicators_unit {
    EA_UNIT_PERSONS,
    EA_UNIT_PLACES,
    EA_UNIT_SHARE,
    EA_UNIT_DAYS,
    EA_UNIT_HOURS,
    EA_UNIT_FTE,
    EA_UNIT_EUR
} ea_indicators_unit;

/* The totals over the months of a period that a ratio indicator divides, in one replication. */
typedef enum ea_indicators_total {
    EA_TOTAL_NONE,            /* the indicator is not a ratio of totals */
    EA_TOTAL_WAIT,            /* months waited by the persons admitted */
    EA_TOTAL_ADMISSIONS,      /* persons admitted */
    EA_TOTAL_FUNDING,         /* euros */
    EA_TOTAL_PERSONS,         /* persons accompanied */
    EA_TOTAL_EXITS_REASON,    /* exits for the indicator's exit reason */
    EA_TOTAL_FILE_ACTIVE_END, /* persons in support at the end of the period */
    EA_TOTAL_FTE,             /* FTE funded (NaN when the scenario gives none) */
    EA_TOTAL_HOURS,           /* support hours needed */
    EA_TOTAL_PERSON_MONTHS    /* months spent in support, all persons together */
} ea_indicators_total;

/* A ratio of totals, num / den × scale: an average over persons or exits (the mean wait of the
 * persons admitted, the funding per person). Its mean over replications pools them, the sum of
 * their numerators over the sum of their denominators, as an average over all the persons of all
 * the replications; the mean of each replication's own ratio would weigh a replication of few
 * persons as much as one of many, and leave out those where the ratio is undefined. */
typedef struct ea_indicators_ratio {
    ea_indicators_total num, den;   /* EA_TOTAL_NONE for an indicator that is no such ratio */
    double scale;
} ea_indicators_ratio;

/* The conditions on a scenario under which an indicator takes the same value in every replication
 * of a run (ea_indicators_row.fixed_if holds those of its row; any one suffices). A run then
 * computes it once from the scenario instead of storing and summarising it per replication. */
enum {
    EA_FIXED_ALWAYS = 1 << 0,        /* it follows from the scenario alone (places, funding) */
    EA_FIXED_NO_FTE = 1 << 1,        /* no department gives its FTE: it is empty */
    EA_FIXED_NO_STAFF_COST = 1 << 2, /* staff_cost_per_fte is 0 */
    EA_FIXED_NO_HOURS = 1 << 3,      /* no module of any department has an intensity */
    EA_FIXED_NO_PATIENCE = 1 << 4    /* the waiting never leave the list ([waiting] patience) */
};

/* One row of the indicator table: everything said about an indicator, wherever it shows (the
 * columns of the tables, `eaflow help indicators`, the README, the labels of the charts). The
 * rows are in the order of the tables. */
typedef struct ea_indicators_row {
    const char *name;              /* as in the tables; a family's pattern holds <module> or
                                      <reason>, as file_active_<module> */
    ea_indicators_kind kind;
    ea_indicators_unit unit;
    int stock;                     /* 1: a stock, read at the end of the period; 0: a flow, or an
                                      average or ratio, taken over the period */
    int whole;                     /* 1: a whole number in every replication */
    unsigned fixed_if;             /* EA_FIXED_* conditions that make it the same in every
                                      replication; 0 when it always depends on the draws */
    int with_places, with_fte;     /* how it moves, other things equal, as a department's places
                                      rise (with_places) or its counsellors in capacity_mode =
                                      staff (with_fte): 1 up, -1 down, 0 neither way (places do not
                                      change the entries, nor FTE the funding) */
    ea_indicators_ratio ratio;     /* how a ratio of totals is computed and pooled */
    const char *label_fr, *label_en;   /* chart labels; a family's has %s for the label of its
                                          module or exit reason */
    const char *def_fr, *def_en;   /* definitions; `code` between backquotes */
} ea_indicators_row;

/* The rows of the indicator table. */
int ea_indicators_ndefs(void);
const ea_indicators_row *ea_indicators_def(int i);

/* The row of an indicator name: its own, or its family's (file_active_projet is a
 * file_active_<module>, and *suffix is then set to "projet"; *suffix is NULL for a row of its
 * own). NULL when the name is no indicator. suffix may be NULL. */
const ea_indicators_row *ea_indicators_lookup(const char *name, const char **suffix);

/* The label of an indicator name for people, in the language of the messages ("liste
 * d'attente"); a family's with its module or reason as the scenario writes it, underscores read
 * as spaces ("sorties : emploi durable"); the name itself when it is no indicator. Returns buf. */
const char *ea_indicators_label(const char *name, char *buf, size_t size);

/* The same in French, or in English when `english` is not 0, whatever the messages' language:
 * for the outputs that choose theirs (charts, pages, workbooks). */
const char *ea_indicators_label_in(const char *name, int english, char *buf, size_t size);

/* Where a replication's numerator or denominator of a stored ratio is found when the run pools
 * them: among the totals it keeps for that alone (the months waited), as the value of an
 * indicator it stores, which equals it bit for bit (the admissions a mean wait divides by), or as
 * that of an indicator the scenario fixes (the funding a cost per person divides). Only the first
 * takes room in each replication. */
typedef enum ea_indicators_source_kind {
    EA_SOURCE_KEPT,     /* index: its place among the totals kept (set->nkept a period) */
    EA_SOURCE_VALUE,    /* index: the `var` of the stored indicator */
    EA_SOURCE_FIXED     /* index: the fixed indicator (its `fixed` >= 0) */
} ea_indicators_source_kind;

typedef struct ea_indicators_source {
    ea_indicators_source_kind kind;
    int index;
} ea_indicators_source;

typedef struct ea_indicators_item {
    char name[80];      /* column value in the tables, e.g. "exits_emploi_durable" */
    ea_indicators_kind kind;
    int arg;            /* module or reason index where the kind needs one */
    int def;            /* its row in the indicator table */
    int ratio;          /* its place among the set's ratios of totals, or -1 */
    int part;           /* its place among the ratios a replication stores, whose parts the
                           run pools, or -1 */
    ea_indicators_source source[2];   /* for such a ratio, where its numerator (0) and its
                                         denominator (1) are found */
    int fixed;          /* its place among the indicators the scenario fixes (var -1), or -1 */
    int slot;           /* where ea_indicators_compute finds its value (not a ratio of totals) */
    int var;            /* its place among the values a replication stores
                           (ea_indicators_compute_varying), or -1 when the scenario fixes it
                           (ea_indicators_row.fixed_if); a family of one member (the file active
                           of the only module, the exits for the only reason) shares its total's */
} ea_indicators_item;

/* The indicators of a scenario: one per defined module and per exit reason, and the cost per exit
 * to employment only when an `emploi_durable` reason exists. */
typedef struct ea_indicators {
    int n;
    ea_indicators_item ind[EA_MAX_INDICATORS];
    int nratios;                    /* indicators that are ratios of totals */
    int nparts;                     /* of them, those a replication stores (var >= 0) */
    int part_ind[EA_MAX_INDICATORS];/* the indicator of each of those, by its `part` */
    int nkept;                      /* totals of those a replication keeps a period: the parts
                                       that are no other stored or fixed value */
    int nfixed;                     /* indicators the scenario fixes: the places of `fixed` */
    int nvar;                       /* values a replication stores: the places of `var` */
    int var_ind[EA_MAX_INDICATORS]; /* the indicator whose value each place holds */
    int staff_stored;               /* 1 when one of them derives from the staff or the budget
                                       (hours available, FTE needed, their cost, the balance,
                                       the delegated funding) */
    double cost_per_place;          /* euros per place per year */
    double staff_cost_per_fte;      /* euros per FTE per year */
    double hours_per_fte_month;     /* hours of direct support per FTE per month
                                       (ea_scenario_direct_hours_per_fte) */
    double delegated_share;
    int emploi_reason;              /* index of emploi_durable, or -1 */
    int nreasons;                   /* the scenario's exit reasons: the others' exits are 0 */
} ea_indicators;

void ea_indicators_init(ea_indicators *set, const ea_scenario *sc);

/* Index of an indicator by name, or -1. */
int ea_indicators_find(const ea_indicators *set, const char *name);

/* Computes every indicator for the months k0 .. k1-1 of one scope, from raw accumulators laid out
 * raw[k * EA_RAW_COUNT + x], and the scope's funded staff in FTE: 0 when the scenario gives none
 * (the FTE funded and the persons per FTE are then NaN), NaN for a region where only some
 * departments give theirs (the hours available too). Stocks are taken at the end of month
 * k1-1, flows and budget summed over the months (funding pro rata of the months covered), ratios
 * computed from the sums. Undefined ratios (no place, nobody admitted, no exit to employment) are
 * NaN. out receives set->n values; parts, unless NULL, receives 2 × set->nratios: the numerator
 * and the denominator of each ratio of totals, in the order of the indicators. */
void ea_indicators_compute(const ea_indicators *set, const double *raw, int k0, int k1, double fte,
                           double *out, double *parts);

/* The same, for the indicators a replication stores only: out receives set->nvar values, the
 * value of indicator set->var_ind[v] at out[v]; parts receives the totals kept (source
 * EA_SOURCE_KEPT) of those among them that are ratios of totals: set->nkept values. */
void ea_indicators_compute_varying(const ea_indicators *set, const double *raw, int k0, int k1,
                                   double fte, double *out, double *parts);

/* The ratio of totals of indicator i (one whose item has ratio >= 0) from its numerator and
 * denominator: those of one replication, or their sums over replications for the pooled mean.
 * NaN when den is 0. */
double ea_indicators_pool(const ea_indicators *set, int i, double num, double den);

/* Yearly funding of `places` places at `cost_per_place` euros per place per year, for `months`
 * months: places * cost * months / 12 (a partial year is paid pro rata). */
double ea_indicators_funding(double places, double cost_per_place, double months);

/* Writes what `eaflow help indicators` prints: every indicator of the tables, its meaning and unit. */
void ea_indicators_write_help(FILE *f);

/* Writes the indicator table as Markdown, in the language of the messages: the README's table is
 * this text in French (make readme-indicators). */
void ea_indicators_write_markdown(FILE *f);

#endif
