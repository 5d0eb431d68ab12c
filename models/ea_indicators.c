/* ea_indicators.c — Indicators and their derivation from raw accumulators. */
#include "ea_indicators.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ea_model.h"

static const char help_text[] =
    "Indicators of monthly.csv and annual.csv (per scope and period):\n"
    "  file_active                persons in support at the end of the period (stock)\n"
    "  file_active_<module>       of whom in module evaluation, projet, recherche or maintien\n"
    "  waiting                    persons on the waiting list at the end of the period\n"
    "  places                     funded places at the end of the period\n"
    "  occupancy                  file_active / places at the end of the period (0..1)\n"
    "  entries                    prescriptions received during the period\n"
    "  admissions                 persons who started support during the period\n"
    "  exits, exits_<reason>      exits from support during the period, in all and by reason\n"
    "  reneged                    persons who left the waiting list before being admitted\n"
    "  persons_accompanied        distinct persons in support at any time during the period\n"
    "  mean_wait_days             mean wait of the persons admitted in the period, zero waits\n"
    "                             included (empty when nobody was admitted)\n"
    "  file_active_avg            time-average of the file active over the period\n"
    "  waiting_avg                time-average of the waiting list over the period\n"
    "  staff_hours_needed         hours of support needed: each person's module intensity\n"
    "                             (hours per person per month) over the time spent in it\n"
    "  staff_hours_available      FTE x [staff] hours_per_fte_month x months\n"
    "  staff_fte_needed           staff_hours_needed / (hours_per_fte_month x months)\n"
    "  funding_eur                places x cost_per_place, pro rata of the months (4 300 EUR a\n"
    "                             place a year by default)\n"
    "  spend_eur                  staff_fte_needed x staff_cost_per_fte, pro rata of the months\n"
    "  delegated_eur              funding_eur x delegated_share (partner structures)\n"
    "  cost_per_person_eur        funding_eur / persons_accompanied\n"
    "  cost_per_exit_emploi_eur   funding_eur / exits_emploi_durable (when that reason exists;\n"
    "                             empty with no such exit)\n"
    "Columns: mean and sd over replications, and the exact quantiles p05..p95 (type 7); an\n"
    "undefined value in a replication is left out, and a cell is empty when all are undefined.\n";

void ea_indicators_write_help(FILE *f)
{
    fputs(help_text, f);
}

static void add(ea_indicator_set *set, const char *name, ea_ind_kind kind, int arg)
{
    ea_indicator *ind = &set->ind[set->n++];
    snprintf(ind->name, sizeof ind->name, "%s", name);
    ind->kind = kind;
    ind->arg = arg;
}

void ea_indicators_init(ea_indicator_set *set, const ea_scenario *sc)
{
    char name[80];
    memset(set, 0, sizeof *set);
    set->cost_per_place = sc->cost_per_place;
    set->staff_cost_per_fte = sc->staff_cost_per_fte;
    set->hours_per_fte_month = sc->hours_per_fte_month;
    set->delegated_share = sc->delegated_share;
    set->emploi_reason = ea_scenario_reason(sc, "emploi_durable");

    add(set, "file_active", EA_IND_FILE_ACTIVE, 0);
    for (int m = 0; m < EA_NMODULES; m++) {
        if (!sc->modules[m].defined)
            continue;
        snprintf(name, sizeof name, "file_active_%s", ea_module_names[m]);
        add(set, name, EA_IND_MODULE, m);
    }
    add(set, "waiting", EA_IND_WAITING, 0);
    add(set, "places", EA_IND_PLACES, 0);
    add(set, "occupancy", EA_IND_OCCUPANCY, 0);
    add(set, "entries", EA_IND_ENTRIES, 0);
    add(set, "admissions", EA_IND_ADMISSIONS, 0);
    add(set, "exits", EA_IND_EXITS, 0);
    for (int r = 0; r < sc->nreasons; r++) {
        snprintf(name, sizeof name, "exits_%s", sc->reasons[r]);
        add(set, name, EA_IND_EXITS_REASON, r);
    }
    add(set, "reneged", EA_IND_RENEGED, 0);
    add(set, "persons_accompanied", EA_IND_PERSONS_ACCOMPANIED, 0);
    add(set, "mean_wait_days", EA_IND_MEAN_WAIT_DAYS, 0);
    add(set, "file_active_avg", EA_IND_FILE_ACTIVE_AVG, 0);
    add(set, "waiting_avg", EA_IND_WAITING_AVG, 0);
    add(set, "staff_hours_needed", EA_IND_STAFF_HOURS_NEEDED, 0);
    add(set, "staff_hours_available", EA_IND_STAFF_HOURS_AVAILABLE, 0);
    add(set, "staff_fte_needed", EA_IND_STAFF_FTE_NEEDED, 0);
    add(set, "funding_eur", EA_IND_FUNDING, 0);
    add(set, "spend_eur", EA_IND_SPEND, 0);
    add(set, "delegated_eur", EA_IND_DELEGATED, 0);
    add(set, "cost_per_person_eur", EA_IND_COST_PER_PERSON, 0);
    if (set->emploi_reason >= 0)
        add(set, "cost_per_exit_emploi_eur", EA_IND_COST_PER_EXIT_EMPLOI, set->emploi_reason);
}

int ea_indicators_find(const ea_indicator_set *set, const char *name)
{
    for (int i = 0; i < set->n; i++)
        if (strcmp(set->ind[i].name, name) == 0)
            return i;
    return -1;
}

double ea_budget_funding(double places, double cost_per_place, double months)
{
    return places * cost_per_place * months / 12.0;
}

static double ratio(double num, double den)
{
    return den > 0 ? num / den : NAN;
}

void ea_indicators_compute(const ea_indicator_set *set, const double *raw, int k0, int k1, double fte,
                           double *out)
{
    /* Sums of the flows and integrals over the months, and of the monthly funding. */
    double sum[EA_RAW_COUNT] = { 0 };
    double funding = 0;
    for (int k = k0; k < k1; k++) {
        const double *row = raw + (size_t)k * EA_RAW_COUNT;
        for (int x = 0; x < EA_RAW_COUNT; x++)
            sum[x] += row[x];
        funding += ea_budget_funding(row[EA_RAW_PLACES], set->cost_per_place, 1);
    }
    const double *last = raw + (size_t)(k1 - 1) * EA_RAW_COUNT;
    const double *first = raw + (size_t)k0 * EA_RAW_COUNT;
    double months = k1 - k0;
    double exits = 0;
    for (int r = 0; r < EA_MAX_REASONS; r++)
        exits += sum[EA_RAW_EXITS + r];
    double persons = first[EA_RAW_FILE_ACTIVE_START] + sum[EA_RAW_ADMISSIONS];
    double hours = sum[EA_RAW_HOURS_NEEDED];
    double fte_needed = ratio(hours, set->hours_per_fte_month * months);

    for (int i = 0; i < set->n; i++) {
        const ea_indicator *ind = &set->ind[i];
        double v = 0;
        switch (ind->kind) {
        case EA_IND_FILE_ACTIVE: v = last[EA_RAW_FILE_ACTIVE]; break;
        case EA_IND_MODULE: v = last[EA_RAW_MODULE + ind->arg]; break;
        case EA_IND_WAITING: v = last[EA_RAW_WAITING]; break;
        case EA_IND_PLACES: v = last[EA_RAW_PLACES]; break;
        case EA_IND_OCCUPANCY: v = ratio(last[EA_RAW_FILE_ACTIVE], last[EA_RAW_PLACES]); break;
        case EA_IND_ENTRIES: v = sum[EA_RAW_ENTRIES]; break;
        case EA_IND_ADMISSIONS: v = sum[EA_RAW_ADMISSIONS]; break;
        case EA_IND_EXITS: v = exits; break;
        case EA_IND_EXITS_REASON: v = sum[EA_RAW_EXITS + ind->arg]; break;
        case EA_IND_RENEGED: v = sum[EA_RAW_RENEGED]; break;
        case EA_IND_PERSONS_ACCOMPANIED: v = persons; break;
        case EA_IND_MEAN_WAIT_DAYS:
            v = ratio(sum[EA_RAW_WAIT_SUM], sum[EA_RAW_ADMISSIONS]) * EA_DAYS_PER_MONTH;
            break;
        case EA_IND_FILE_ACTIVE_AVG: v = sum[EA_RAW_FILE_ACTIVE_AREA] / months; break;
        case EA_IND_WAITING_AVG: v = sum[EA_RAW_WAITING_AREA] / months; break;
        case EA_IND_STAFF_HOURS_NEEDED: v = hours; break;
        case EA_IND_STAFF_HOURS_AVAILABLE: v = fte * set->hours_per_fte_month * months; break;
        case EA_IND_STAFF_FTE_NEEDED: v = fte_needed; break;
        case EA_IND_FUNDING: v = funding; break;
        /* Spend is the cost of the staff time the support needed: FTE needed at the yearly cost of
         * an FTE, for the months covered. */
        case EA_IND_SPEND: v = fte_needed * set->staff_cost_per_fte * months / 12.0; break;
        case EA_IND_DELEGATED: v = funding * set->delegated_share; break;
        case EA_IND_COST_PER_PERSON: v = ratio(funding, persons); break;
        case EA_IND_COST_PER_EXIT_EMPLOI: v = ratio(funding, sum[EA_RAW_EXITS + ind->arg]); break;
        }
        out[i] = v;
    }
}
