/* ea_compare.c — Observed aggregates against the simulation's tables. The tables are read back
 * from the output directory (whether just written or reused), so that one path serves both. */
#include "ea_compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_indicators.h"
#include "ea_inputs.h"
#include "ea_schema.h"
#include "ea_tables.h"

typedef struct point {
    char scope[64], period[16], indicator[64];
    double observed, mean, p05, p95;
} point;

struct ea_compare {
    point *points;
    int npoints, cap;
    ea_compare_capacity *capacity;
    int ncapacity;
    int before, after;          /* observations outside the simulated period */
    char ignored[512];          /* columns that are not indicators of the simulation */
};

/* The observed table, its key columns, and the simulation's two summary tables. */
typedef struct inputs {
    eng_csv *obs;
    int cols[EA_COL_OBSERVED_COUNT];   /* its declared columns (ea_tables), -1 when absent */
    int c_dep, c_date, c_year;  /* c_date or c_year may be -1 */
    ea_tables_summary *sim[2];  /* monthly.csv, annual.csv */
} inputs;

void ea_compare_free(ea_compare *c)
{
    if (!c)
        return;
    free(c->points);
    free(c->capacity);
    free(c);
}

static void capacity_fill(ea_compare_capacity *cp, double cost_per_place)
{
    cp->occupancy = cp->places > 0 ? cp->file_active / cp->places : NAN;
    cp->unused = cp->places - cp->file_active;
    cp->unused_eur = cp->unused * cost_per_place;
}

/* Capacity rows from the observations with both places and file_active, and a regional row summed
 * from the departments for each date that has none. */
static int build_capacity(ea_compare *c, const eng_csv *t, int c_dep, int c_date, int c_places,
                          int c_fa, double cost_per_place, eng_error *err)
{
    size_t n = eng_csv_nrows(t);
    c->capacity = calloc(2 * n + 1, sizeof *c->capacity);
    if (!c->capacity)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (c_date < 0 || c_places < 0 || c_fa < 0)
        return ENG_OK;
    for (size_t i = 0; i < n; i++) {
        double places, fa;
        int m1, m2, status;
        eng_date d;
        if ((status = eng_csv_get_date(t, i, c_date, &d, &m1, err)) != ENG_OK)
            return status;
        if (m1)
            continue;
        if ((status = eng_csv_get_number_fr(t, i, c_places, ENG_TEXT_PLAIN, &places, &m1, err)) !=
                ENG_OK ||
            (status = eng_csv_get_number_fr(t, i, c_fa, ENG_TEXT_PLAIN, &fa, &m2, err)) != ENG_OK)
            return status;
        if (m1 || m2)
            continue;
        ea_compare_capacity *cp = &c->capacity[c->ncapacity++];
        snprintf(cp->scope, sizeof cp->scope, "%s", eng_csv_get_text(t, i, c_dep));
        snprintf(cp->date, sizeof cp->date, "%04d-%02d-%02d", d.year, d.month, d.day);
        cp->places = places;
        cp->file_active = fa;
        capacity_fill(cp, cost_per_place);
    }
    int ndep = c->ncapacity;
    for (int i = 0; i < ndep; i++) {
        char date[sizeof c->capacity[i].date];
        memcpy(date, c->capacity[i].date, sizeof date);
        int seen = 0, region = 0;
        for (int j = 0; j < c->ncapacity; j++)
            if (strcmp(c->capacity[j].date, date) == 0) {
                seen |= j < i;
                region |= strcmp(c->capacity[j].scope, "region") == 0;
            }
        if (seen || region)
            continue;
        ea_compare_capacity *sum = &c->capacity[c->ncapacity++];
        snprintf(sum->scope, sizeof sum->scope, "region");
        snprintf(sum->date, sizeof sum->date, "%s", date);
        for (int j = 0; j < ndep; j++)
            if (strcmp(c->capacity[j].date, date) == 0) {
                sum->places += c->capacity[j].places;
                sum->file_active += c->capacity[j].file_active;
            }
        capacity_fill(sum, cost_per_place);
    }
    return ENG_OK;
}

/* Reads the observed table and finds its key columns, then the simulation's tables. */
static int inputs_read(inputs *in, const char *observed, const char *monthly, const char *annual,
                       eng_error *err)
{
    int status = eng_csv_read(observed, &in->obs, err);
    if (status == ENG_OK)
        status = ea_inputs_columns(in->obs, EA_INPUTS_OBSERVED, in->cols, err);
    if (status == ENG_OK) {
        in->c_dep = in->cols[EA_COL_OBSERVED_DEPARTMENT];
        in->c_date = in->cols[EA_COL_OBSERVED_DATE];
        in->c_year = in->cols[EA_COL_OBSERVED_YEAR];
        if (in->c_date < 0 && in->c_year < 0)
            status = eng_error_set(err, ENG_EINPUT, "%s : ni colonne « date » (AAAA-MM-JJ, AAAA-MM ou "
                                   "JJ/MM/AAAA) ni colonne « year » ; ajoutez la date de chaque "
                                   "observation", observed);
    }
    if (status == ENG_OK)
        status = ea_tables_summary_read(monthly, EA_TABLE_MONTHLY, &in->sim[0], err);
    if (status == ENG_OK)
        status = ea_tables_summary_read(annual, EA_TABLE_ANNUAL, &in->sim[1], err);
    return status;
}

static void inputs_clear(inputs *in)
{
    eng_csv_free(in->obs);
    ea_tables_summary_free(in->sim[0]);
    ea_tables_summary_free(in->sim[1]);
}

/* The period an observation compares with: the month of its date (in the monthly table), or its
 * year when it has only that (in the annual table). Sets p->period to its label. */
static int observed_period(const inputs *in, size_t i, point *p, int *annual, int *period,
                           eng_error *err)
{
    const eng_csv *t = in->obs;
    eng_date d;
    int nodate = 1, status;
    if (in->c_date >= 0 && (status = eng_csv_get_date(t, i, in->c_date, &d, &nodate, err)) != ENG_OK)
        return status;
    if (!nodate) {
        snprintf(p->period, sizeof p->period, "%04d-%02d", d.year, d.month);
        *annual = 0;
        *period = eng_date_month_index(d);
        return ENG_OK;
    }
    double y;
    int noyear = 1;
    if (in->c_year >= 0 &&
        (status = eng_csv_get_number_fr(t, i, in->c_year, ENG_TEXT_PLAIN, &y, &noyear, err)) != ENG_OK)
        return status;
    if (noyear || y != floor(y) || y < 1900 || y > 2200)
        return eng_csv_cell_error(t, i, in->c_date >= 0 ? in->c_date : in->c_year, err,
                                  "vide ; attendu une date ou une année");
    snprintf(p->period, sizeof p->period, "%04d", (int)y);
    *annual = 1;
    *period = (int)y;
    return ENG_OK;
}

/* Matches the observation in row i and column col, of indicator ind, with the simulation: a point
 * when the tables have its scope, period and indicator; otherwise it falls before or after the
 * simulated period. */
static int match_cell(ea_compare *c, const inputs *in, size_t i, int col, const char *ind,
                      eng_error *err)
{
    const eng_csv *t = in->obs;
    point p;
    memset(&p, 0, sizeof p);
    int missing, annual = 0, period = 0;
    /* Amounts may carry €, shares %, as the indicator table gives their unit. */
    const ea_indicators_row *def = ea_indicators_lookup(ind, NULL);
    eng_text_unit unit = !def ? ENG_TEXT_PLAIN : def->unit == EA_UNIT_EUR ? ENG_TEXT_EURO
                         : def->unit == EA_UNIT_SHARE ? ENG_TEXT_SHARE : ENG_TEXT_PLAIN;
    int status = eng_csv_get_number_fr(t, i, col, unit, &p.observed, &missing, err);
    if (status != ENG_OK || missing)
        return status;
    snprintf(p.scope, sizeof p.scope, "%s", eng_csv_get_text(t, i, in->c_dep));
    snprintf(p.indicator, sizeof p.indicator, "%s", ind);
    if (ea_tables_summary_scope(in->sim[0], p.scope) < 0)
        return eng_csv_cell_error(t, i, in->c_dep, err, "« %s » n'est ni un département de la "
                                  "simulation ni region", p.scope);
    if ((status = observed_period(in, i, &p, &annual, &period, err)) != ENG_OK)
        return status;
    const ea_tables_summary *sim = in->sim[annual];
    const ea_tables_series *se = ea_tables_summary_find(sim, p.scope, p.indicator);
    int k = se ? ea_tables_series_find(se, period) : -1;
    if (k < 0) {
        if (period < sim->first_period)
            c->before++;
        else
            c->after++;
        return ENG_OK;
    }
    p.mean = se->stat[k][EA_STAT_MEAN];
    p.p05 = se->stat[k][EA_STAT_P05];
    p.p95 = se->stat[k][EA_STAT_P95];
    if (eng_array_reserve_int(&c->points, &c->cap, c->npoints + 1, sizeof *c->points, 64) != 0)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    c->points[c->npoints++] = p;
    return ENG_OK;
}

/* Matches every observation of column col, when it is an indicator of the simulation (by its
 * name in the tables, or a French name ea_tables declares); other columns are listed as ignored. */
static int match_column(ea_compare *c, const inputs *in, int col, eng_error *err)
{
    const char *header = eng_csv_header(in->obs, col);
    /* The uncertainty of an indicator (IND_sd, IND_low, IND_high) is read by calibrate. */
    const char *ind = ea_inputs_observed_indicator(header);
    if (!ind)
        return ENG_OK;
    if (ea_tables_summary_indicator(in->sim[0], ind) < 0) {
        /* A column a typo away from an indicator is most likely it, mistyped: it is named, since
         * its observations are otherwise silently left out. */
        const char *close = ea_schema_closest(header, in->sim[0]->indicators,
                                              in->sim[0]->nindicators);
        size_t len = strlen(c->ignored);
        snprintf(c->ignored + len, sizeof c->ignored - len, "%s%s", len ? ", " : "", header);
        len = strlen(c->ignored);
        if (close)
            snprintf(c->ignored + len, sizeof c->ignored - len, eng_msg_tr(" (vouliez-vous dire %s ?)"),
                     close);
        return ENG_OK;
    }
    int status = ENG_OK;
    for (size_t i = 0; i < eng_csv_nrows(in->obs) && status == ENG_OK; i++)
        status = match_cell(c, in, i, col, ind, err);
    return status;
}

int ea_compare_run(const char *observed, const char *monthly, const char *annual,
                   double cost_per_place, ea_compare **out, eng_error *err)
{
    *out = NULL;
    ea_compare *c = calloc(1, sizeof *c);
    if (!c)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    inputs in = { .c_dep = -1, .c_date = -1, .c_year = -1 };
    int status = inputs_read(&in, observed, monthly, annual, err);
    if (status == ENG_OK)
        status = build_capacity(c, in.obs, in.c_dep, in.c_date, in.cols[EA_COL_OBSERVED_PLACES],
                                in.cols[EA_COL_OBSERVED_FILE_ACTIVE], cost_per_place, err);
    int ncols = status == ENG_OK ? eng_csv_ncols(in.obs) : 0;
    for (int col = 0; col < ncols && status == ENG_OK; col++)
        status = match_column(c, &in, col, err);
    inputs_clear(&in);
    if (status != ENG_OK) {
        ea_compare_free(c);
        return status;
    }
    *out = c;
    return ENG_OK;
}

static void cell(FILE *f, double x, const eng_csv_style *st)
{
    fputc(st->sep, f);
    eng_csv_number(f, x, st);
}

/* A cell of a value of a unit, rounded for people (ea_tables_write_value). */
static void unit_cell(FILE *f, double x, ea_indicators_unit unit, const eng_csv_style *st)
{
    fputc(st->sep, f);
    ea_tables_write_value(f, x, unit, st);
}

/* The unit of an indicator of the tables; persons for a name that is none. */
static ea_indicators_unit unit_of(const char *indicator)
{
    const ea_indicators_row *row = ea_indicators_lookup(indicator, NULL);
    return row ? row->unit : EA_UNIT_PERSONS;
}

/* compare.csv: each observation with the simulated mean and 90 % band. */
static void write_points(const ea_compare *c, FILE *f, const eng_csv_style *st)
{
    char s = st->sep;
    ea_tables_write_header(f, EA_TABLE_COMPARE, st);
    for (int i = 0; i < c->npoints; i++) {
        const point *p = &c->points[i];
        ea_indicators_unit unit = unit_of(p->indicator);
        eng_csv_text(f, p->scope, st);
        fprintf(f, "%c%s%c%s", s, p->period, s, p->indicator);
        unit_cell(f, p->observed, unit, st);
        unit_cell(f, p->mean, unit, st);
        unit_cell(f, p->p05, unit, st);
        unit_cell(f, p->p95, unit, st);
        unit_cell(f, p->observed - p->mean, unit, st);
        cell(f, p->mean != 0 ? p->observed / p->mean : NAN, st);
        fprintf(f, "%c%d\n", s, p->observed >= p->p05 && p->observed <= p->p95);
    }
}

/* compare-summary.csv: the errors of each scope and indicator, in order of first appearance. */
static void write_summary(const ea_compare *c, FILE *f, const eng_csv_style *st)
{
    ea_tables_write_header(f, EA_TABLE_COMPARE_SUMMARY, st);
    for (int i = 0; i < c->npoints; i++) {
        const point *p = &c->points[i];
        int first = 1;
        for (int j = 0; j < i && first; j++)
            first = strcmp(c->points[j].scope, p->scope) || strcmp(c->points[j].indicator, p->indicator);
        if (!first)
            continue;
        /* Bias is simulated minus observed: positive when the simulation overestimates. The
         * percentage error leaves out observations of zero. */
        double n = 0, ape = 0, nape = 0, se = 0, bias = 0, inband = 0;
        for (int j = i; j < c->npoints; j++) {
            const point *q = &c->points[j];
            if (strcmp(q->scope, p->scope) || strcmp(q->indicator, p->indicator))
                continue;
            n++;
            if (q->observed != 0) {
                ape += fabs(q->observed - q->mean) / fabs(q->observed);
                nape++;
            }
            se += (q->mean - q->observed) * (q->mean - q->observed);
            bias += q->mean - q->observed;
            inband += q->observed >= q->p05 && q->observed <= q->p95;
        }
        eng_csv_text(f, p->scope, st);
        fprintf(f, "%c%s%c%.0f", st->sep, p->indicator, st->sep, n);
        cell(f, nape > 0 ? 100 * ape / nape : NAN, st);
        unit_cell(f, sqrt(se / n), unit_of(p->indicator), st);
        unit_cell(f, bias / n, unit_of(p->indicator), st);
        unit_cell(f, inband / n, EA_UNIT_SHARE, st);
        fputc('\n', f);
    }
}

/* capacity.csv: places, persons and unused places observed at each date. */
static void write_capacity(const ea_compare *c, FILE *f, const eng_csv_style *st)
{
    ea_tables_write_header(f, EA_TABLE_CAPACITY, st);
    for (int i = 0; i < c->ncapacity; i++) {
        const ea_compare_capacity *cp = &c->capacity[i];
        eng_csv_text(f, cp->scope, st);
        fprintf(f, "%c%s", st->sep, cp->date);
        unit_cell(f, cp->places, EA_UNIT_PLACES, st);
        unit_cell(f, cp->file_active, EA_UNIT_PERSONS, st);
        unit_cell(f, cp->occupancy, EA_UNIT_SHARE, st);
        unit_cell(f, cp->unused, EA_UNIT_PLACES, st);
        unit_cell(f, cp->unused_eur, EA_UNIT_EUR, st);
        fputc('\n', f);
    }
}

int ea_compare_write(const ea_compare *c, eng_out *out, const eng_csv_style *st, eng_error *err)
{
    FILE *f = eng_out_open(out, ea_tables_file(EA_TABLE_COMPARE), err);
    if (!f)
        return ENG_EFAIL;
    write_points(c, f, st);
    if (!(f = eng_out_open(out, ea_tables_file(EA_TABLE_COMPARE_SUMMARY), err)))
        return ENG_EFAIL;
    write_summary(c, f, st);
    if (!(f = eng_out_open(out, ea_tables_file(EA_TABLE_CAPACITY), err)))
        return ENG_EFAIL;
    write_capacity(c, f, st);
    return ENG_OK;
}

const char *ea_compare_ignored(const ea_compare *c) { return c->ignored; }

int ea_compare_has_date(const ea_compare *c, const char *at)
{
    for (int i = 0; i < c->ncapacity; i++)
        if (strcmp(c->capacity[i].date, at) == 0)
            return 1;
    return 0;
}

/* Whether p's indicator is equal by construction in its scope: an input of the scenario (places),
 * every row of it simulated at its observed value, so that compare-summary.csv gives it a root
 * mean square error of 0. The report's and the workbook's counts leave such rows out by that same
 * zero. */
static int by_construction(const ea_compare *c, const point *p)
{
    for (int j = 0; j < c->npoints; j++) {
        const point *q = &c->points[j];
        if (strcmp(q->scope, p->scope) == 0 && strcmp(q->indicator, p->indicator) == 0
            && q->mean != q->observed)
            return 0;
    }
    return 1;
}

/* The territory of a capacity row for people: "31 Haute-Garonne" as places prints it, "Région"
 * for the whole; the code alone when the scenario does not name it. */
static const char *territory(const ea_scenario *sc, const char *scope, char *buf, size_t size)
{
    if (strcmp(scope, "region") == 0) {
        snprintf(buf, size, "%s", ea_scenario_area_label(sc));
        return buf;
    }
    snprintf(buf, size, "%s", scope);
    for (int d = 0; sc && d < sc->ndepartments; d++)
        if (strcmp(sc->departments[d].code, scope) == 0 && sc->departments[d].name[0])
            snprintf(buf, size, "%s %s", scope, sc->departments[d].name);
    return buf;
}

void ea_compare_print(const ea_compare *c, const ea_scenario *sc, const char *at, FILE *f)
{
    const char *latest = at;
    for (int i = 0; i < c->ncapacity && !at; i++)
        if (!latest || strcmp(c->capacity[i].date, latest) > 0)
            latest = c->capacity[i].date;
    if (latest) {
        char when[32], name[EA_MAX_NAME + EA_MAX_TEXT];
        fprintf(f, eng_msg_tr("Capacité observée au %s\n"),
                eng_date_text_of(latest, eng_msg_get_lang() == ENG_MSG_EN, when, sizeof when));
        /* The territory column is as wide as its longest name, counted in characters. */
        int wide = 10;
        for (int i = 0; i < c->ncapacity; i++)
            if (strcmp(c->capacity[i].date, latest) == 0) {
                const char *t = territory(sc, c->capacity[i].scope, name, sizeof name);
                int w = (int)strlen(t) - eng_text_pad(t, 0);   /* characters, not bytes */
                wide = w > wide ? w : wide;
            }
        /* Each heading is padded by characters: printf would count the bytes of "é". */
        static const struct { const char *text; int width; } head[] = {
            { ENG_MSG_N("Territoire"), 0 }, { ENG_MSG_N("Places"), 6 },
            { ENG_MSG_N("File active"), 12 }, { ENG_MSG_N("Taux"), 9 },
            { ENG_MSG_N("Places libres"), 14 }, { ENG_MSG_N("Valeur €/an"), 16 } };
        for (size_t h = 0; h < sizeof head / sizeof head[0]; h++) {
            const char *t = eng_msg_tr(head[h].text);
            fprintf(f, "%s%*s", h ? " " : "", eng_text_pad(t, h ? head[h].width : -wide), t);
        }
        fputc('\n', f);
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < c->ncapacity; i++) {
                const ea_compare_capacity *cp = &c->capacity[i];
                int region = strcmp(cp->scope, "region") == 0;
                if (strcmp(cp->date, latest) != 0 || region != pass)
                    continue;
                char pl[32], fa[32], occ[32], un[32], eur[32];
                eng_text_format_number(pl, sizeof pl, cp->places, 0);
                eng_text_format_number(fa, sizeof fa, cp->file_active, 0);
                eng_text_format_percent(occ, sizeof occ, cp->occupancy * 100, 1);
                eng_text_format_number(un, sizeof un, cp->unused, 0);
                eng_text_format_number(eur, sizeof eur, cp->unused_eur, 0);
                const char *t = territory(sc, cp->scope, name, sizeof name);
                fprintf(f, "%*s %6s %12s %9s %14s %16s\n", eng_text_pad(t, -wide), t, pl, fa, occ,
                        un, eur);
            }
    }
    /* The count the report and the workbook give: rows equal by construction are no test of the
     * simulation. */
    int inband = 0, compared = 0;
    for (int i = 0; i < c->npoints; i++) {
        const point *p = &c->points[i];
        if (by_construction(c, p))
            continue;
        compared++;
        inband += p->observed >= p->p05 && p->observed <= p->p95;
    }
    fprintf(f, eng_msg_tr("\n%d observations comparées à la simulation, %d dans sa bande à 90 %%"),
            compared, inband);
    if (compared < c->npoints)
        fprintf(f, eng_msg_tr(" ; %d égales par construction (les places, données du scénario) ne "
                              "sont pas comptées"), c->npoints - compared);
    if (c->before || c->after)
        fprintf(f, eng_msg_tr(" ; %d avant et %d après la période simulée (non comparées)"),
                c->before, c->after);
    fputs(".\n", f);
    if (c->ignored[0])
        fprintf(f, eng_msg_tr("Colonnes ignorées, qui ne sont pas des indicateurs de la "
                              "simulation : %s.\n"), c->ignored);
}

int ea_compare_held_out(int year, int month, eng_date until)
{
    /* The period ends the day before the first day of the next month, or of the next year. */
    eng_date next = month == 0 || month == 12 ? (eng_date){ year + 1, 1, 1 }
                                              : (eng_date){ year, month + 1, 1 };
    return eng_date_days(next) - 1 > eng_date_days(until);
}
