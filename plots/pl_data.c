/* pl_data.c — The tables of an output directory read back for the charts and the report. */
#include "pl_data.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../engine/eng_array.h"
#include "../engine/eng_ini.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "../models/ea_scenario.h"

/* Every table read stays in memory until pl_data_free: the strings of pl_data point into them. */
#define PL_MAX_TABLES 16

struct pl_data_store {
    eng_csv *tables[PL_MAX_TABLES];
    int ntables;
    ea_scenario scenario;          /* run.ini, when has_scenario */
    int has_scenario;
    eng_ini *sweep_ini;            /* sweep.ini, for the departments' names; NULL without it */
};

static void summary_free(pl_data_summary *s)
{
    if (!s)
        return;
    if (s->series)
        free(s->series[0].stat);
    free(s->series);
    free(s->scopes);
    ea_tables_summary_free(s->table);
    free(s);
}

void pl_data_free(pl_data *d)
{
    if (!d)
        return;
    summary_free(d->monthly);
    summary_free(d->annual);
    free(d->obs);
    free(d->compared);
    free(d->agreement);
    free(d->costs);
    free(d->mismatches);
    free(d->km);
    free(d->fits);
    for (size_t i = 0; i < d->nsweep; i++)
        free(d->sweep[i].keys);
    free(d->sweep);
    free(d->keys);
    free(d->run_ini);
    if (d->store) {
        for (int i = 0; i < d->store->ntables; i++)
            eng_csv_free(d->store->tables[i]);
        if (d->store->has_scenario)
            ea_scenario_clear(&d->store->scenario);
        eng_ini_free(d->store->sweep_ini);
        free(d->store);
    }
    free(d->dir);
    free(d);
}

static int oom(eng_error *err)
{
    return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
}

/* The path of a table in dir, and whether the file is there. */
static int table_path(const pl_data *d, ea_tables_id table, char *path, size_t size, int *present,
                      eng_error *err)
{
    struct stat st;
    if (snprintf(path, size, "%s/%s", d->dir, ea_tables_file(table)) >= (int)size)
        return eng_error_set(err, ENG_EINPUT, "%s : nom de dossier trop long ; choisissez un chemin "
                            "plus court", d->dir);
    *present = stat(path, &st) == 0;
    return ENG_OK;
}

/* Opens a table of dir, kept by the store. *t is NULL, with ENG_OK, when the file is absent. */
static int open_table(pl_data *d, ea_tables_id table, eng_csv **t, eng_error *err)
{
    char path[4096];
    int present, status = table_path(d, table, path, sizeof path, &present, err);
    *t = NULL;
    if (status != ENG_OK || !present)
        return status;
    if ((status = eng_csv_read(path, t, err)) != ENG_OK)
        return status;
    d->store->tables[d->store->ntables++] = *t;
    return ENG_OK;
}

/* A number cell of an optional column: NaN when the column is absent or the cell empty. */
static int number(const eng_csv *t, size_t row, int col, double *v, eng_error *err)
{
    int missing;
    *v = NAN;
    return col < 0 ? ENG_OK : eng_csv_get_number(t, row, col, v, &missing, err);
}

/* Opens a table of dir as open_table does and finds the columns a reader needs, given by their
 * index in the declaration (ea_tables.h), stopping at the first missing one: cols[i] is the column
 * of need[i]. *t is NULL, with ENG_OK, when the file is absent. */
static int open_required(pl_data *d, ea_tables_id table, const int *need, int n, int *cols,
                         eng_csv **t, eng_error *err)
{
    int status = open_table(d, table, t, err);
    for (int i = 0; status == ENG_OK && *t && i < n; i++)
        if (ea_tables_require(*t, table, need[i], &cols[i], err) != ENG_OK)
            status = ENG_EINPUT;
    return status;
}

/* One element of `size` bytes per row of t, zeroed (one at least, so that NULL means out of
 * memory). */
static void *rows_alloc(const eng_csv *t, size_t size)
{
    size_t n = eng_csv_nrows(t);
    return calloc(n ? n : 1, size);
}

/* The series of a summary table as the charts take them: every statistic but the sd. */
static int summary_series(pl_data_summary *s)
{
    static const int stats[PL_NSTATS] = {
        [PL_MEAN] = EA_STAT_MEAN, [PL_P05] = EA_STAT_P05, [PL_P25] = EA_STAT_P25,
        [PL_P50] = EA_STAT_P50, [PL_P75] = EA_STAT_P75, [PL_P95] = EA_STAT_P95,
    };
    const ea_tables_summary *t = s->table;
    size_t rows = 0;
    for (int i = 0; i < t->nseries; i++)
        rows += (size_t)t->series[i].n;
    s->series = calloc(t->nseries > 0 ? (size_t)t->nseries : 1, sizeof *s->series);
    double (*stat)[PL_NSTATS] = malloc((rows ? rows : 1) * sizeof *stat);
    if (!s->series || !stat) {
        free(stat);
        return -1;
    }
    /* One block of statistics for all series, freed through the first. */
    s->series[0].stat = stat;
    for (int i = 0; i < t->nseries; i++) {
        const ea_tables_series *te = &t->series[i];
        pl_data_series *se = &s->series[s->nseries++];
        se->scope = te->scope;
        se->indicator = te->indicator;
        se->n = te->n;
        se->period = te->period;
        se->stat = stat;
        for (int k = 0; k < te->n; k++)
            for (int j = 0; j < PL_NSTATS; j++)
                stat[k][j] = te->stat[k][stats[j]];
        stat += te->n;
    }
    return 0;
}

/* The scopes of a summary table, the whole first: it comes first in every listing. */
static int summary_scopes(pl_data_summary *s)
{
    const ea_tables_summary *t = s->table;
    s->scopes = malloc((t->nscopes > 0 ? (size_t)t->nscopes : 1) * sizeof *s->scopes);
    if (!s->scopes)
        return -1;
    s->nscopes = t->nscopes;
    for (int i = 0; i < t->nscopes; i++)
        s->scopes[i] = t->scopes[i];
    for (int i = 1; i < s->nscopes; i++) {
        if (eng_text_casecmp(s->scopes[i], "region") == 0) {
            const char *region = s->scopes[i];
            memmove(&s->scopes[1], &s->scopes[0], (size_t)i * sizeof *s->scopes);
            s->scopes[0] = region;
            break;
        }
    }
    s->nindicators = t->nindicators;
    s->indicators = t->indicators;
    return 0;
}

/* Reads monthly.csv (EA_TABLE_MONTHLY) or annual.csv (EA_TABLE_ANNUAL) into series by scope and
 * indicator, each sorted by period. */
static int read_summary(pl_data *d, ea_tables_id table, pl_data_summary **out, eng_error *err)
{
    char path[4096];
    *out = NULL;
    int present, status = table_path(d, table, path, sizeof path, &present, err);
    if (status != ENG_OK || !present)
        return status;
    pl_data_summary *s = calloc(1, sizeof *s);
    if (!s)
        return oom(err);
    if ((status = ea_tables_summary_read(path, table, &s->table, err)) == ENG_OK &&
        (summary_series(s) != 0 || summary_scopes(s) != 0))
        status = oom(err);
    if (status != ENG_OK) {
        summary_free(s);
        return status;
    }
    *out = s;
    return ENG_OK;
}

const pl_data_series *pl_data_summary_find(const pl_data_summary *s, const char *scope,
                                           const char *indicator)
{
    if (!s)
        return NULL;
    for (int i = 0; i < s->nseries; i++)
        if (strcmp(s->series[i].scope, scope) == 0 &&
            strcmp(s->series[i].indicator, indicator) == 0)
            return &s->series[i];
    return NULL;
}

double pl_data_series_at(const pl_data_series *s, int period, int stat)
{
    if (!s)
        return NAN;
    int lo = 0, hi = s->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (s->period[mid] == period)
            return s->stat[mid][stat];
        if (s->period[mid] < period)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NAN;
}

static eng_date month_end(eng_date d)
{
    eng_date next = { d.month == 12 ? d.year + 1 : d.year, d.month == 12 ? 1 : d.month + 1, 1 };
    return eng_date_from_days(eng_date_days(next) - 1);
}

static int cmp_obs(const void *a, const void *b)
{
    const pl_data_obs *x = a, *y = b;
    int c = strcmp(x->scope, y->scope);
    if (c != 0)
        return c;
    long dx = eng_date_days(x->date), dy = eng_date_days(y->date);
    return (dx > dy) - (dx < dy);
}

static int add_obs(pl_data *d, size_t *cap, const char *scope, eng_date date, double places,
                   double file_active, eng_error *err)
{
    for (size_t i = 0; i < d->nobs; i++) {
        pl_data_obs *o = &d->obs[i];
        if (strcmp(o->scope, scope) == 0 && o->date.year == date.year &&
            o->date.month == date.month) {
            if (isnan(o->places))
                o->places = places;
            if (isnan(o->file_active))
                o->file_active = file_active;
            return ENG_OK;
        }
    }
    if (eng_array_reserve(&d->obs, cap, d->nobs + 1, sizeof *d->obs, 64) != 0)
        return oom(err);
    d->obs[d->nobs++] = (pl_data_obs){ scope, date, places, file_active };
    return ENG_OK;
}

/* Places and persons of capacity.csv, at their dates. */
static int read_capacity(pl_data *d, size_t *cap, eng_error *err)
{
    static const int need[] = { EA_COL_CAPACITY_SCOPE, EA_COL_CAPACITY_DATE,
                                EA_COL_CAPACITY_PLACES, EA_COL_CAPACITY_FILE_ACTIVE };
    eng_csv *t;
    int c[4];
    int status = open_required(d, EA_TABLE_CAPACITY, need, 4, c, &t, err);
    if (status != ENG_OK || !t)
        return status;
    d->has_capacity = 1;
    for (size_t r = 0; r < eng_csv_nrows(t) && status == ENG_OK; r++) {
        eng_date dt;
        double places, fa;
        if ((status = eng_csv_get_date(t, r, c[1], &dt, NULL, err)) != ENG_OK
            || (status = number(t, r, c[2], &places, err)) != ENG_OK
            || (status = number(t, r, c[3], &fa, err)) != ENG_OK)
            break;
        status = add_obs(d, cap, eng_csv_get_text(t, r, c[0]), dt, places, fa, err);
    }
    return status;
}

/* One row of compare.csv: its period ("2022-12", or "2022" for a whole year) and numbers. */
static int compared_row(const eng_csv *t, size_t r, const int *c, pl_data_compared *row,
                        eng_error *err)
{
    const char *when = eng_csv_get_text(t, r, c[1]);
    int status = ENG_OK;
    double in_band = NAN;   /* set below; clang cannot tell that every path reads it after */
    row->scope = eng_csv_get_text(t, r, c[0]);
    row->indicator = eng_csv_get_text(t, r, c[2]);
    if (strlen(when) <= 4) {
        double y;
        status = number(t, r, c[1], &y, err);
        row->year = isfinite(y) ? (int)y : 0;
        row->month = 0;
    } else {
        eng_date dt;
        status = eng_csv_get_date(t, r, c[1], &dt, NULL, err);
        row->year = dt.year;
        row->month = dt.month;
    }
    if (status == ENG_OK && ((status = number(t, r, c[3], &row->observed, err)) != ENG_OK
                             || (status = number(t, r, c[4], &row->sim_mean, err)) != ENG_OK
                             || (status = number(t, r, c[5], &row->sim_p05, err)) != ENG_OK
                             || (status = number(t, r, c[6], &row->sim_p95, err)) != ENG_OK
                             || (status = number(t, r, c[7], &row->gap, err)) != ENG_OK
                             || (status = number(t, r, c[8], &in_band, err)) != ENG_OK))
        return status;
    row->in_band = in_band == 1;
    return status;
}

/* compare.csv: every row for the report, and the places and persons at the end of each compared
 * month for the charts (rows for a whole year are flows or budgets, not drawn as points). Optional
 * columns missing from an older file read as empty. */
static int read_compared(pl_data *d, size_t *cap, eng_error *err)
{
    static const int need[] = { EA_COL_COMPARE_SCOPE, EA_COL_COMPARE_DATE,
                                EA_COL_COMPARE_INDICATOR, EA_COL_COMPARE_OBSERVED };
    static const char *const more[] = { "sim_mean", "sim_p05", "sim_p95", "gap", "in_band" };
    eng_csv *t;
    int c[9];
    int status = open_required(d, EA_TABLE_COMPARE, need, 4, c, &t, err);
    if (status != ENG_OK || !t)
        return status;
    for (int k = 0; k < 5; k++)
        c[4 + k] = eng_csv_column(t, more[k]);
    if (!(d->compared = rows_alloc(t, sizeof *d->compared)))
        return oom(err);
    for (size_t r = 0; r < eng_csv_nrows(t) && status == ENG_OK; r++) {
        pl_data_compared *row = &d->compared[d->ncompared];
        if ((status = compared_row(t, r, c, row, err)) != ENG_OK)
            break;
        d->ncompared++;
        int places = strcmp(row->indicator, "places") == 0;
        if ((!places && strcmp(row->indicator, "file_active") != 0) || row->month == 0)
            continue;
        eng_date end = month_end((eng_date){ row->year, row->month, 1 });
        status = add_obs(d, cap, row->scope, end, places ? row->observed : NAN,
                         places ? NAN : row->observed, err);
    }
    return status;
}

/* compare-summary.csv: the agreement per scope and indicator. */
static int read_agreement(pl_data *d, eng_error *err)
{
    static const int need[] = {
        EA_COL_COMPARE_SUMMARY_SCOPE, EA_COL_COMPARE_SUMMARY_INDICATOR, EA_COL_COMPARE_SUMMARY_N,
        EA_COL_COMPARE_SUMMARY_MAPE_PCT, EA_COL_COMPARE_SUMMARY_RMSE, EA_COL_COMPARE_SUMMARY_BIAS,
        EA_COL_COMPARE_SUMMARY_SHARE_IN_BAND
    };
    eng_csv *t;
    int c[7];
    int status = open_required(d, EA_TABLE_COMPARE_SUMMARY, need, 7, c, &t, err);
    if (status != ENG_OK || !t)
        return status;
    if (!(d->agreement = rows_alloc(t, sizeof *d->agreement)))
        return oom(err);
    for (size_t r = 0; r < eng_csv_nrows(t) && status == ENG_OK; r++) {
        pl_data_agreement *a = &d->agreement[r];
        a->scope = eng_csv_get_text(t, r, c[0]);
        a->indicator = eng_csv_get_text(t, r, c[1]);
        if ((status = number(t, r, c[2], &a->n, err)) != ENG_OK
            || (status = number(t, r, c[3], &a->mape_pct, err)) != ENG_OK
            || (status = number(t, r, c[4], &a->rmse, err)) != ENG_OK
            || (status = number(t, r, c[5], &a->bias, err)) != ENG_OK
            || (status = number(t, r, c[6], &a->share_in_band, err)) != ENG_OK)
            break;
        d->nagreement++;
    }
    return status;
}

/* Observed persons and places: capacity.csv, then compare.csv; sorted by scope and date. */
static int read_observed(pl_data *d, eng_error *err)
{
    size_t cap = 0;
    int status = read_capacity(d, &cap, err);
    if (status == ENG_OK)
        status = read_compared(d, &cap, err);
    if (status == ENG_OK && d->nobs > 1)
        qsort(d->obs, d->nobs, sizeof *d->obs, cmp_obs);
    return status;
}

static int read_costs(pl_data *d, eng_error *err)
{
    static const int need[] = { EA_COL_COSTS_DEPARTMENT, EA_COL_COSTS_NAME, EA_COL_COSTS_PLACES,
                                EA_COL_COSTS_FUNDING_EUR, EA_COL_COSTS_COST_PER_PLACE_EUR,
                                EA_COL_COSTS_REFERENCE_FUNDING_EUR };
    eng_csv *t;
    int c[6];
    int status = open_required(d, EA_TABLE_COSTS, need, 6, c, &t, err);
    if (status != ENG_OK || !t)
        return status;
    int cyear = ea_tables_find(t, EA_TABLE_COSTS, EA_COL_COSTS_YEAR);
    int cout = ea_tables_find(t, EA_TABLE_COSTS, EA_COL_COSTS_OUTSIDE_TOLERANCE);
    int cadj = ea_tables_find(t, EA_TABLE_COSTS, EA_COL_COSTS_ADJUSTMENT_EUR);
    size_t n = eng_csv_nrows(t);
    d->costs = rows_alloc(t, sizeof *d->costs);
    if (!d->costs)
        return oom(err);
    for (size_t r = 0; r < n && status == ENG_OK; r++) {
        pl_data_cost *p = &d->costs[r];
        double ref, outside;
        if ((cyear >= 0 && (status = ea_tables_get_year(t, r, cyear, &p->year, err)) != ENG_OK)
            || (status = number(t, r, c[2], &p->places, err)) != ENG_OK
            || (status = number(t, r, c[3], &p->funding, err)) != ENG_OK
            || (status = number(t, r, c[4], &p->cost_per_place, err)) != ENG_OK
            || (status = number(t, r, c[5], &ref, err)) != ENG_OK
            || (status = number(t, r, cout, &outside, err)) != ENG_OK
            || (status = number(t, r, cadj, &p->adjustment, err)) != ENG_OK)
            break;
        p->department = eng_csv_get_text(t, r, c[0]);
        p->name = eng_csv_get_text(t, r, c[1]);
        p->reference = p->places > 0 ? ref / p->places : NAN;
        p->outside = outside > 0;
        p->region = eng_text_casecmp(p->department, "region") == 0;
        d->ncosts++;
    }
    return status;
}

/* costs-mismatches.csv, when the costs were checked against a scenario. */
static int read_mismatches(pl_data *d, eng_error *err)
{
    static const int need[] = { EA_COL_MISMATCHES_DEPARTMENT, EA_COL_MISMATCHES_NAME,
                                EA_COL_MISMATCHES_FUNDING_PLACES,
                                EA_COL_MISMATCHES_SCENARIO_PLACES };
    eng_csv *t;
    int c[4];
    int status = open_required(d, EA_TABLE_COSTS_MISMATCHES, need, 4, c, &t, err);
    if (status != ENG_OK || !t)
        return status;
    int cyear = ea_tables_find(t, EA_TABLE_COSTS_MISMATCHES, EA_COL_MISMATCHES_YEAR);
    size_t n = eng_csv_nrows(t);
    d->has_mismatches = 1;
    d->mismatches = rows_alloc(t, sizeof *d->mismatches);
    if (!d->mismatches)
        return oom(err);
    for (size_t r = 0; r < n && status == ENG_OK; r++) {
        pl_data_mismatch *m = &d->mismatches[r];
        if ((cyear >= 0 && (status = ea_tables_get_year(t, r, cyear, &m->year, err)) != ENG_OK)
            || (status = number(t, r, c[2], &m->funding_places, err)) != ENG_OK
            || (status = number(t, r, c[3], &m->scenario_places, err)) != ENG_OK)
            break;
        m->department = eng_csv_get_text(t, r, c[0]);
        m->name = eng_csv_get_text(t, r, c[1]);
        d->nmismatches++;
    }
    return status;
}

/* A yes/no cell of fit.csv: 1, yes, true, oui, x or * (any case) for yes. */
static int is_yes(const char *s)
{
    static const char *const yes[] = { "1", "yes", "true", "oui", "x", "*" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (eng_text_casecmp(s, yes[i]) == 0)
            return 1;
    double v;
    return eng_text_parse_double(s, &v) == 0 && v != 0;
}

/* The Kaplan–Meier curves of km.csv. */
static int read_km(pl_data *d, eng_error *err)
{
    static const int need[] = { EA_COL_KM_MODULE, EA_COL_KM_TIME_MONTHS, EA_COL_KM_SURVIVAL };
    eng_csv *t;
    int c[3];
    int status = open_required(d, EA_TABLE_KM, need, 3, c, &t, err);
    if (status != ENG_OK || !t)
        return status;
    int clo = ea_tables_find(t, EA_TABLE_KM, EA_COL_KM_LOWER95);
    int chi = ea_tables_find(t, EA_TABLE_KM, EA_COL_KM_UPPER95);
    size_t n = eng_csv_nrows(t);
    d->km = rows_alloc(t, sizeof *d->km);
    if (!d->km)
        return oom(err);
    for (size_t r = 0; r < n && status == ENG_OK; r++) {
        pl_data_km *k = &d->km[r];
        k->module = eng_csv_get_text(t, r, c[0]);
        if ((status = eng_csv_get_number(t, r, c[1], &k->time, NULL, err)) != ENG_OK
            || (status = eng_csv_get_number(t, r, c[2], &k->survival, NULL, err)) != ENG_OK
            || (status = number(t, r, clo, &k->lower, err)) != ENG_OK
            || (status = number(t, r, chi, &k->upper, err)) != ENG_OK)
            break;
        if (!(k->time >= 0) || !(k->survival >= 0 && k->survival <= 1))
            return eng_csv_cell_error(t, r, k->time >= 0 ? c[2] : c[1], err,
                                      "attendu une durée >= 0 et une survie entre 0 et 1 ; le tableau km.csv a-t-il été modifié ? refaites eaflow fit");
        d->nkm++;
    }
    return status;
}

/* The duration laws of fit.csv. */
static int read_fits(pl_data *d, eng_error *err)
{
    static const int need[] = { EA_COL_FIT_MODULE, EA_COL_FIT_FAMILY, EA_COL_FIT_PARAMETERS,
                                EA_COL_FIT_CHOSEN };
    eng_csv *t;
    int c[4];
    int status = open_required(d, EA_TABLE_FIT, need, 4, c, &t, err);
    if (status != ENG_OK || !t)
        return status;
    size_t n = eng_csv_nrows(t);
    d->fits = rows_alloc(t, sizeof *d->fits);
    if (!d->fits)
        return oom(err);
    for (size_t r = 0; r < n; r++) {
        pl_data_fit *f = &d->fits[d->nfits++];
        f->module = eng_csv_get_text(t, r, c[0]);
        f->family = eng_csv_get_text(t, r, c[1]);
        f->parameters = eng_csv_get_text(t, r, c[2]);
        f->chosen = is_yes(eng_csv_get_text(t, r, c[3]));
    }
    return ENG_OK;
}

/* The varied keys of sweep.csv: the columns it does not declare by name. */
static int sweep_keys(pl_data *d, const eng_csv *t, int *cols)
{
    int ncols = eng_csv_ncols(t);
    d->keys = calloc((size_t)ncols, sizeof *d->keys);
    if (!d->keys)
        return -1;
    for (int k = 0; k < ncols; k++) {
        int known = eng_csv_header(t, k)[0] == '\0';
        for (int j = 0; j < ea_tables_ncolumns(EA_TABLE_SWEEP) && !known; j++)
            known = ea_tables_column(EA_TABLE_SWEEP, j)->kind == EA_COLUMN_FIXED
                    && ea_tables_find(t, EA_TABLE_SWEEP, j) == k;
        if (!known) {
            cols[d->nkeys] = k;
            d->keys[d->nkeys++] = eng_csv_header(t, k);
        }
    }
    return 0;
}

/* One row of sweep.csv; c holds the columns of point, scope, indicator and mean, then of p05, p95
 * and year (-1 when absent). */
static int sweep_row(pl_data *d, const eng_csv *t, size_t r, const int *c, const int *keys,
                     eng_error *err)
{
    pl_data_sweep_row *row = &d->sweep[r];
    row->keys = calloc((size_t)(d->nkeys ? d->nkeys : 1), sizeof *row->keys);
    if (!row->keys)
        return oom(err);
    d->nsweep++;
    double point;
    int status;
    if ((status = eng_csv_get_number(t, r, c[0], &point, NULL, err)) != ENG_OK
        || (status = number(t, r, c[3], &row->mean, err)) != ENG_OK
        || (status = number(t, r, c[4], &row->p05, err)) != ENG_OK
        || (status = number(t, r, c[5], &row->p95, err)) != ENG_OK)
        return status;
    if (!(fabs(point) < 1e9 && point == floor(point)))
        return eng_csv_cell_error(t, r, c[0], err, "« %s » n'est pas un numéro de point (un entier) ; refaites eaflow sweep",
                                  eng_csv_get_text(t, r, c[0]));
    row->point = (long)point;
    if (c[6] >= 0 && (status = ea_tables_get_year(t, r, c[6], &row->year, err)) != ENG_OK)
        return status;
    row->scope = eng_csv_get_text(t, r, c[1]);
    row->indicator = eng_csv_get_text(t, r, c[2]);
    for (int k = 0; k < d->nkeys; k++)
        row->keys[k] = eng_csv_get_text(t, r, keys[k]);
    return ENG_OK;
}

static int read_sweep(pl_data *d, eng_error *err)
{
    static const int need[] = { EA_COL_SWEEP_POINT, EA_COL_SWEEP_SCOPE, EA_COL_SWEEP_INDICATOR,
                                EA_COL_SWEEP_MEAN };
    eng_csv *t;
    int c[7];
    int status = open_required(d, EA_TABLE_SWEEP, need, 4, c, &t, err);
    if (status != ENG_OK || !t)
        return status;
    c[4] = ea_tables_find(t, EA_TABLE_SWEEP, EA_COL_SWEEP_P05);
    c[5] = ea_tables_find(t, EA_TABLE_SWEEP, EA_COL_SWEEP_P95);
    c[6] = ea_tables_find(t, EA_TABLE_SWEEP, EA_COL_SWEEP_YEAR);
    int *keys = calloc((size_t)eng_csv_ncols(t), sizeof *keys);
    size_t n = eng_csv_nrows(t);
    d->sweep = rows_alloc(t, sizeof *d->sweep);
    if (!keys || !d->sweep || sweep_keys(d, t, keys) != 0) {
        free(keys);
        return oom(err);
    }
    for (size_t r = 0; r < n && status == ENG_OK; r++)
        status = sweep_row(d, t, r, c, keys, err);
    free(keys);
    return status;
}

/* sweep-target.csv: its one row, what the sweep's target chart draws. */
static int read_sweep_target(pl_data *d, eng_error *err)
{
    static const int need[] = { EA_COL_SWEEP_TARGET_INDICATOR, EA_COL_SWEEP_TARGET_OPERATOR,
                                EA_COL_SWEEP_TARGET_THRESHOLD, EA_COL_SWEEP_TARGET_SCOPE,
                                EA_COL_SWEEP_TARGET_YEAR, EA_COL_SWEEP_TARGET_ANSWER };
    eng_csv *t;
    int c[6];
    int status = open_required(d, EA_TABLE_SWEEP_TARGET, need, 6, c, &t, err);
    if (status != ENG_OK || !t || eng_csv_nrows(t) == 0)
        return status;
    pl_data_target *g = &d->target;
    if ((status = number(t, 0, c[2], &g->threshold, err)) != ENG_OK
        || (status = number(t, 0, c[5], &g->answer, err)) != ENG_OK
        || (status = ea_tables_get_year(t, 0, c[4], &g->year, err)) != ENG_OK)
        return status;
    /* The level is "mean" or a share; the share met is absent from older tables. */
    int clevel = ea_tables_find(t, EA_TABLE_SWEEP_TARGET, EA_COL_SWEEP_TARGET_LEVEL);
    const char *level = clevel >= 0 ? eng_csv_get_text(t, 0, clevel) : "mean";
    g->level = NAN;
    if (strcmp(level, "mean") != 0 && (status = number(t, 0, clevel, &g->level, err)) != ENG_OK)
        return status;
    status = number(t, 0, ea_tables_find(t, EA_TABLE_SWEEP_TARGET,
                                         EA_COL_SWEEP_TARGET_SHARE_AT_ANSWER), &g->share, err);
    if (status != ENG_OK)
        return status;
    g->indicator = eng_csv_get_text(t, 0, c[0]);
    g->at_most = strcmp(eng_csv_get_text(t, 0, c[1]), ">=") != 0;
    g->scope = eng_csv_get_text(t, 0, c[3]);
    g->present = isfinite(g->threshold);
    return ENG_OK;
}

/* run.ini: its text for the report, and the scenario it resolves (name, replications, cost per
 * place, departments' names), loaded as any scenario. */
static int read_run_ini(pl_data *d, eng_error *err)
{
    char path[4096];
    struct stat st;
    int present, status = table_path(d, EA_TABLE_RUN_INI, path, sizeof path, &present, err);
    if (status != ENG_OK || !present || stat(path, &st) != 0)
        return status;
    FILE *f = fopen(path, "rb");
    if (!f)
        return eng_error_set(err, ENG_EINPUT, "%s : lecture impossible : %s", path, eng_msg_errno(errno));
    size_t size = (size_t)st.st_size;
    d->run_ini = malloc(size + 1);
    if (!d->run_ini) {
        fclose(f);
        return oom(err);
    }
    size_t got = fread(d->run_ini, 1, size, f);
    d->run_ini[got] = '\0';
    fclose(f);
    ea_scenario *sc = &d->store->scenario;
    if ((status = ea_scenario_load(path, sc, err)) != ENG_OK)
        return status;
    d->store->has_scenario = 1;
    d->scenario_name = sc->name;
    d->replications = sc->replications;
    d->cost_per_place = sc->cost_per_place;
    d->direct_share = sc->direct_share;
    return ENG_OK;
}

/* sweep.ini, when the folder is a sweep's: the names of the departments, which it records since
 * the folder has no run.ini. */
static int read_sweep_ini(pl_data *d, eng_error *err)
{
    char path[4096];
    int present, status = table_path(d, EA_TABLE_SWEEP_INI, path, sizeof path, &present, err);
    if (status != ENG_OK || !present)
        return status;
    d->store->sweep_ini = eng_ini_load(path, err);
    return d->store->sweep_ini ? ENG_OK : ENG_EINPUT;
}

int pl_data_read(const char *dir, pl_data **out, eng_error *err)
{
    *out = NULL;
    struct stat st;
    if (stat(dir, &st) != 0)
        return eng_error_set(err, ENG_EINPUT, "%s : dossier illisible : %s ; vérifiez le chemin", dir,
                            eng_msg_errno(errno));
    if (!S_ISDIR(st.st_mode))
        return eng_error_set(err, ENG_EINPUT, "%s : ce n'est pas un dossier ; donnez celui des "
                            "tableaux (le -o de simulate)", dir);
    pl_data *d = calloc(1, sizeof *d);
    if (!d || !(d->dir = strdup(dir)) || !(d->store = calloc(1, sizeof *d->store))) {
        pl_data_free(d);
        return oom(err);
    }
    d->replications = d->cost_per_place = d->direct_share = NAN;
    int status;
    if ((status = read_summary(d, EA_TABLE_MONTHLY, &d->monthly, err)) != ENG_OK
        || (status = read_summary(d, EA_TABLE_ANNUAL, &d->annual, err)) != ENG_OK
        || (status = read_observed(d, err)) != ENG_OK || (status = read_agreement(d, err)) != ENG_OK
        || (status = read_costs(d, err)) != ENG_OK
        || (status = read_mismatches(d, err)) != ENG_OK
        || (status = read_km(d, err)) != ENG_OK || (status = read_fits(d, err)) != ENG_OK
        || (status = read_sweep(d, err)) != ENG_OK
        || (status = read_sweep_target(d, err)) != ENG_OK
        || (status = read_sweep_ini(d, err)) != ENG_OK
        || (status = read_run_ini(d, err)) != ENG_OK) {
        pl_data_free(d);
        return status;
    }
    *out = d;
    return ENG_OK;
}

const char *pl_data_name(const pl_data *d, const char *scope)
{
    /* Only a name the department section gives: a department named by default has its code, and
     * the single platform is the whole. */
    const ea_scenario *sc = &d->store->scenario;
    for (int i = 0; d->store->has_scenario && !sc->single_platform && i < sc->ndepartments; i++)
        if (eng_text_casecmp(sc->departments[i].code, scope) == 0 &&
            (sc->departments[i].overrides & EA_OVR_NAME))
            return sc->departments[i].name;
    for (size_t i = 0; i < d->ncosts; i++)
        if (!d->costs[i].region && strcmp(d->costs[i].department, scope) == 0)
            return d->costs[i].name;
    char section[EA_MAX_NAME + 16];
    snprintf(section, sizeof section, "department.%s", scope);
    return d->store->sweep_ini ? eng_ini_get(d->store->sweep_ini, section, "name") : NULL;
}

const char *pl_data_area(const pl_data *d, const char *otherwise)
{
    const ea_scenario *sc = &d->store->scenario;
    return d->store->has_scenario && sc->area[0] ? sc->area : otherwise;
}

const char *pl_data_whole(const pl_data *d, int english, char *buf, size_t size)
{
    const char *area = pl_data_area(d, NULL);
    if (area)
        snprintf(buf, size, english ? "the whole area (%s)" : "l'ensemble du territoire (%s)", area);
    else
        snprintf(buf, size, "%s", english ? "the region" : "la région");
    return buf;
}

double pl_data_initial_file_active(const pl_data *d, const char *scope)
{
    const ea_scenario *sc = &d->store->scenario;
    if (!d->store->has_scenario)
        return NAN;
    int whole = eng_text_casecmp(scope, "region") == 0, found = 0;
    double sum = 0;
    for (int i = 0; i < sc->ndepartments; i++)
        if (whole || eng_text_casecmp(sc->departments[i].code, scope) == 0) {
            sum += sc->departments[i].initial_file_active;
            found = 1;
        }
    return found ? sum : NAN;
}

const char *pl_data_department_label(const pl_data *d, const char *scope, char *buf, size_t size)
{
    const char *name = pl_data_name(d, scope);
    if (name && name[0] && strcmp(name, scope) != 0)
        snprintf(buf, size, "%s (%s)", name, scope);
    else
        snprintf(buf, size, "%s", scope);
    return buf;
}

const char *pl_data_region(const pl_data *d)
{
    const pl_data_summary *s = d->monthly ? d->monthly : d->annual;
    if (!s || s->nscopes == 0)
        return NULL;
    return s->scopes[0];
}

pl_data_staff_count pl_data_staff_counted(const pl_data *d)
{
    double share = d->direct_share;
    return !isfinite(share) ? PL_STAFF_UNKNOWN : share < 1 ? PL_STAFF_SHARE : PL_STAFF_FULL;
}
