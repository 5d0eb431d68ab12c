/* pl_data.c — The tables of an output directory read back for the charts and the report. */
#include "pl_data.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../engine/eng_text.h"
#include "../engine/eng_ini.h"
#include "../models/ea_scenario.h"

/* Every table read stays in memory until pl_data_free: the strings of pl_data point into them. */
#define PL_MAX_TABLES 16

struct pl_data_store {
    eng_csv *tables[PL_MAX_TABLES];
    int ntables;
    eng_ini *ini;
};

static void summary_free(pl_summary *s)
{
    if (!s)
        return;
    if (s->series) {
        free(s->series[0].period);
        free(s->series[0].stat);
    }
    free(s->series);
    free(s->scopes);
    free(s->indicators);
    free(s);
}

void pl_data_free(pl_data *d)
{
    if (!d)
        return;
    summary_free(d->monthly);
    summary_free(d->annual);
    free(d->obs);
    free(d->costs);
    free(d->km);
    free(d->fits);
    for (size_t i = 0; i < d->nscenario_rows; i++)
        free(d->scenario_rows[i].values);
    free(d->scenario_rows);
    free(d->scenarios);
    for (size_t i = 0; i < d->nsweep; i++)
        free(d->sweep[i].keys);
    free(d->sweep);
    free(d->keys);
    free(d->run_ini);
    if (d->store) {
        for (int i = 0; i < d->store->ntables; i++)
            eng_csv_free(d->store->tables[i]);
        eng_ini_free(d->store->ini);
        free(d->store);
    }
    free(d->dir);
    free(d);
}

static int oom(eng_error *err)
{
    return eng_error_set(err, ENG_EFAIL, "out of memory");
}

/* Opens dir/name as a table kept by the store. *t is NULL, with ENG_OK, when the file is absent. */
static int open_table(pl_data *d, const char *name, eng_csv **t, eng_error *err)
{
    char path[4096];
    struct stat st;
    *t = NULL;
    if (snprintf(path, sizeof path, "%s/%s", d->dir, name) >= (int)sizeof path)
        return eng_error_set(err, ENG_EINPUT, "%s: directory name too long", d->dir);
    if (stat(path, &st) != 0)
        return ENG_OK;
    int status = eng_csv_read(path, t, err);
    if (status != ENG_OK)
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

/* Finds the required columns named in names[0..n), stopping at the first missing one. */
static int require_all(const eng_csv *t, const char *const *names, int *cols, int n, eng_error *err)
{
    for (int i = 0; i < n; i++)
        if (eng_csv_require(t, names[i], &cols[i], err) != ENG_OK)
            return ENG_EINPUT;
    return ENG_OK;
}

/* Appends s to a list of distinct strings (grown by doubling) and returns its index, or -1 when out
 * of memory. The last index found is tried first: rows come grouped. */
static int intern(const char ***list, int *n, int *cap, int *last, const char *s)
{
    if (*last >= 0 && *last < *n && strcmp((*list)[*last], s) == 0)
        return *last;
    for (int i = 0; i < *n; i++)
        if (strcmp((*list)[i], s) == 0)
            return *last = i;
    if (*n == *cap) {
        int c = *cap ? 2 * *cap : 16;
        const char **l = realloc(*list, (size_t)c * sizeof *l);
        if (!l)
            return -1;
        *list = l;
        *cap = c;
    }
    (*list)[*n] = s;
    return *last = (*n)++;
}

typedef struct row_key {
    int scope, indicator, period;
    size_t row;
} row_key;

static int cmp_key(const void *a, const void *b)
{
    const row_key *x = a, *y = b;
    if (x->scope != y->scope)
        return x->scope < y->scope ? -1 : 1;
    if (x->indicator != y->indicator)
        return x->indicator < y->indicator ? -1 : 1;
    return (x->period > y->period) - (x->period < y->period);
}

/* The period of a row: the month index of a YYYY-MM cell, or a whole year. */
static int read_period(const eng_csv *t, size_t row, int col, int annual, int *period, eng_error *err)
{
    if (!annual) {
        eng_date dt;
        if (eng_csv_get_date(t, row, col, &dt, NULL, err) != ENG_OK)
            return ENG_EINPUT;
        *period = eng_date_month_index(dt);
        return ENG_OK;
    }
    double y;
    if (eng_csv_get_number(t, row, col, &y, NULL, err) != ENG_OK)
        return ENG_EINPUT;
    if (!(y >= 1 && y <= 9999 && y == floor(y)))
        return eng_csv_cell_error(t, row, col, err, "%s is not a year",
                                 eng_csv_get_text(t, row, col));
    *period = (int)y;
    return ENG_OK;
}

/* Reads monthly.csv (annual = 0) or annual.csv (annual = 1) into series grouped by scope and
 * indicator, each sorted by period. */
static int read_summary(pl_data *d, const char *name, int annual, pl_summary **out, eng_error *err)
{
    eng_csv *t;
    *out = NULL;
    int status = open_table(d, name, &t, err);
    if (status != ENG_OK || !t)
        return status;
    int cols[4];
    const char *const req[4] = { "scope", annual ? "year" : "month", "indicator", "mean" };
    if (require_all(t, req, cols, 4, err) != ENG_OK)
        return ENG_EINPUT;
    static const char *const stat_names[PL_NSTATS] = { "mean", "p05", "p25", "p50", "p75", "p95" };
    int stat_cols[PL_NSTATS];
    for (int k = 0; k < PL_NSTATS; k++)
        stat_cols[k] = eng_csv_column(t, stat_names[k]);

    pl_summary *s = calloc(1, sizeof *s);
    size_t n = eng_csv_nrows(t);
    row_key *keys = malloc((n ? n : 1) * sizeof *keys);
    if (!s || !keys) {
        free(keys);
        summary_free(s);
        return oom(err);
    }
    int scap = 0, icap = 0, slast = -1, ilast = -1;
    for (size_t r = 0; r < n; r++) {
        row_key *k = &keys[r];
        k->row = r;
        k->scope = intern(&s->scopes, &s->nscopes, &scap, &slast, eng_csv_get_text(t, r, cols[0]));
        k->indicator = intern(&s->indicators, &s->nindicators, &icap, &ilast,
                              eng_csv_get_text(t, r, cols[2]));
        if (k->scope < 0 || k->indicator < 0) {
            status = oom(err);
            break;
        }
        if ((status = read_period(t, r, cols[1], annual, &k->period, err)) != ENG_OK)
            break;
    }
    int ngroups = 0;
    if (status == ENG_OK && n > 0) {
        qsort(keys, n, sizeof *keys, cmp_key);
        ngroups = 1;
        for (size_t r = 1; r < n && status == ENG_OK; r++) {
            if (cmp_key(&keys[r - 1], &keys[r]) == 0)
                status = eng_error_set(err, ENG_EINPUT, "%s:%ld: the row of %s, %s and %s is given "
                                      "twice (first at line %ld)", eng_csv_name(t),
                                      eng_csv_line(t, keys[r].row), s->scopes[keys[r].scope],
                                      s->indicators[keys[r].indicator],
                                      eng_csv_get_text(t, keys[r].row, cols[1]),
                                      eng_csv_line(t, keys[r - 1].row));
            ngroups += keys[r].scope != keys[r - 1].scope
                       || keys[r].indicator != keys[r - 1].indicator;
        }
    }
    if (status == ENG_OK && ngroups > 0) {
        s->series = calloc((size_t)ngroups, sizeof *s->series);
        if (s->series) {
            /* One block of periods and one of statistics for all series, freed through the first.
             */
            s->series[0].period = malloc(n * sizeof *s->series[0].period);
            s->series[0].stat = malloc(n * sizeof *s->series[0].stat);
        }
        if (!s->series || !s->series[0].period || !s->series[0].stat)
            status = oom(err);
    }
    for (size_t r = 0; r < n && status == ENG_OK && ngroups > 0; r++) {
        if (r == 0 || keys[r].scope != keys[r - 1].scope
            || keys[r].indicator != keys[r - 1].indicator) {
            pl_series *se = &s->series[s->nseries++];
            se->scope = s->scopes[keys[r].scope];
            se->indicator = s->indicators[keys[r].indicator];
            se->period = s->series[0].period + r;
            se->stat = s->series[0].stat + r;
        }
        pl_series *se = &s->series[s->nseries - 1];
        se->period[se->n] = keys[r].period;
        for (int k = 0; k < PL_NSTATS && status == ENG_OK; k++)
            status = number(t, keys[r].row, stat_cols[k], &se->stat[se->n][k], err);
        se->n++;
    }
    free(keys);
    if (status != ENG_OK) {
        summary_free(s);
        return status;
    }
    /* The whole comes first in every listing. */
    for (int i = 1; i < s->nscopes; i++) {
        if (eng_strcasecmp(s->scopes[i], "region") == 0) {
            const char *region = s->scopes[i];
            memmove(&s->scopes[1], &s->scopes[0], (size_t)i * sizeof *s->scopes);
            s->scopes[0] = region;
            break;
        }
    }
    *out = s;
    return ENG_OK;
}

const pl_series *pl_summary_find(const pl_summary *s, const char *scope, const char *indicator)
{
    if (!s)
        return NULL;
    for (int i = 0; i < s->nseries; i++)
        if (strcmp(s->series[i].scope, scope) == 0 &&
            strcmp(s->series[i].indicator, indicator) == 0)
            return &s->series[i];
    return NULL;
}

double pl_series_at(const pl_series *s, int period, int stat)
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
    const pl_obs *x = a, *y = b;
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
        pl_obs *o = &d->obs[i];
        if (strcmp(o->scope, scope) == 0 && o->date.year == date.year &&
            o->date.month == date.month) {
            if (isnan(o->places))
                o->places = places;
            if (isnan(o->file_active))
                o->file_active = file_active;
            return ENG_OK;
        }
    }
    if (d->nobs == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        pl_obs *o = realloc(d->obs, c * sizeof *o);
        if (!o)
            return oom(err);
        d->obs = o;
        *cap = c;
    }
    d->obs[d->nobs++] = (pl_obs){ scope, date, places, file_active };
    return ENG_OK;
}

/* Observed persons and places: capacity.csv at its dates, then compare.csv at the end of each
 * compared month (rows for a whole year are flows or budgets, not drawn as points). */
static int read_observed(pl_data *d, eng_error *err)
{
    eng_csv *t;
    size_t cap = 0;
    int status = open_table(d, "capacity.csv", &t, err);
    if (status != ENG_OK)
        return status;
    if (t) {
        static const char *const names[] = { "scope", "date", "places", "file_active" };
        int c[4];
        if (require_all(t, names, c, 4, err) != ENG_OK)
            return ENG_EINPUT;
        d->has_capacity = 1;
        for (size_t r = 0; r < eng_csv_nrows(t) && status == ENG_OK; r++) {
            eng_date dt;
            double places, fa;
            if ((status = eng_csv_get_date(t, r, c[1], &dt, NULL, err)) != ENG_OK
                || (status = number(t, r, c[2], &places, err)) != ENG_OK
                || (status = number(t, r, c[3], &fa, err)) != ENG_OK)
                break;
            status = add_obs(d, &cap, eng_csv_get_text(t, r, c[0]), dt, places, fa, err);
        }
    }
    if (status == ENG_OK && (status = open_table(d, "compare.csv", &t, err)) == ENG_OK && t) {
        static const char *const names[] = { "scope", "date", "indicator", "observed" };
        int c[4];
        if (require_all(t, names, c, 4, err) != ENG_OK)
            return ENG_EINPUT;
        for (size_t r = 0; r < eng_csv_nrows(t) && status == ENG_OK; r++) {
            const char *ind = eng_csv_get_text(t, r, c[2]);
            const char *when = eng_csv_get_text(t, r, c[1]);
            int places = strcmp(ind, "places") == 0;
            if ((!places && strcmp(ind, "file_active") != 0) || strlen(when) <= 4)
                continue;
            eng_date dt;
            double v;
            if ((status = eng_csv_get_date(t, r, c[1], &dt, NULL, err)) != ENG_OK
                || (status = number(t, r, c[3], &v, err)) != ENG_OK)
                break;
            status = add_obs(d, &cap, eng_csv_get_text(t, r, c[0]), month_end(dt),
                             places ? v : NAN, places ? NAN : v, err);
        }
    }
    if (status == ENG_OK && d->nobs > 1)
        qsort(d->obs, d->nobs, sizeof *d->obs, cmp_obs);
    return status;
}

static int read_costs(pl_data *d, eng_error *err)
{
    eng_csv *t;
    int status = open_table(d, "costs.csv", &t, err);
    if (status != ENG_OK || !t)
        return status;
    static const char *const names[] = { "department", "name", "places", "funding_eur",
                                         "cost_per_place_eur", "reference_funding_eur" };
    int c[6];
    if (require_all(t, names, c, 6, err) != ENG_OK)
        return ENG_EINPUT;
    int cyear = eng_csv_column(t, "year"), cout = eng_csv_column(t, "outside_tolerance");
    size_t n = eng_csv_nrows(t);
    d->costs = calloc(n ? n : 1, sizeof *d->costs);
    if (!d->costs)
        return oom(err);
    for (size_t r = 0; r < n && status == ENG_OK; r++) {
        pl_cost *p = &d->costs[r];
        double year, ref, outside;
        if ((status = number(t, r, cyear, &year, err)) != ENG_OK
            || (status = number(t, r, c[2], &p->places, err)) != ENG_OK
            || (status = number(t, r, c[3], &p->funding, err)) != ENG_OK
            || (status = number(t, r, c[4], &p->cost_per_place, err)) != ENG_OK
            || (status = number(t, r, c[5], &ref, err)) != ENG_OK
            || (status = number(t, r, cout, &outside, err)) != ENG_OK)
            break;
        if (cyear >= 0 && !(year >= 1 && year <= 9999 && year == floor(year)))
            return eng_csv_cell_error(t, r, cyear, err, "\"%s\" is not a year",
                                     eng_csv_get_text(t, r, cyear));
        p->year = cyear >= 0 ? (int)year : 0;
        p->department = eng_csv_get_text(t, r, c[0]);
        p->name = eng_csv_get_text(t, r, c[1]);
        p->reference = p->places > 0 ? ref / p->places : NAN;
        p->outside = outside > 0;
        p->region = eng_strcasecmp(p->department, "region") == 0;
        d->ncosts++;
    }
    return status;
}

/* A yes/no cell of fit.csv: 1, yes, true, oui, x or * (any case) for yes. */
static int is_yes(const char *s)
{
    static const char *const yes[] = { "1", "yes", "true", "oui", "x", "*" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (eng_strcasecmp(s, yes[i]) == 0)
            return 1;
    double v;
    return eng_parse_double(s, &v) == 0 && v != 0;
}

static int read_survival(pl_data *d, eng_error *err)
{
    eng_csv *t;
    int status = open_table(d, "km.csv", &t, err);
    if (status != ENG_OK)
        return status;
    if (t) {
        static const char *const names[] = { "module", "time_months", "survival" };
        int c[3];
        if (require_all(t, names, c, 3, err) != ENG_OK)
            return ENG_EINPUT;
        int clo = eng_csv_column(t, "lower95"), chi = eng_csv_column(t, "upper95");
        size_t n = eng_csv_nrows(t);
        d->km = calloc(n ? n : 1, sizeof *d->km);
        if (!d->km)
            return oom(err);
        for (size_t r = 0; r < n && status == ENG_OK; r++) {
            pl_km *k = &d->km[r];
            k->module = eng_csv_get_text(t, r, c[0]);
            if ((status = eng_csv_get_number(t, r, c[1], &k->time, NULL, err)) != ENG_OK
                || (status = eng_csv_get_number(t, r, c[2], &k->survival, NULL, err)) != ENG_OK
                || (status = number(t, r, clo, &k->lower, err)) != ENG_OK
                || (status = number(t, r, chi, &k->upper, err)) != ENG_OK)
                break;
            if (!(k->time >= 0) || !(k->survival >= 0 && k->survival <= 1))
                return eng_csv_cell_error(t, r, k->time >= 0 ? c[2] : c[1], err,
                                         "expected a time >= 0 and a survival in [0, 1]");
            d->nkm++;
        }
    }
    if (status != ENG_OK || (status = open_table(d, "fit.csv", &t, err)) != ENG_OK || !t)
        return status;
    static const char *const names[] = { "module", "family", "parameters", "chosen" };
    int c[4];
    if (require_all(t, names, c, 4, err) != ENG_OK)
        return ENG_EINPUT;
    size_t n = eng_csv_nrows(t);
    d->fits = calloc(n ? n : 1, sizeof *d->fits);
    if (!d->fits)
        return oom(err);
    for (size_t r = 0; r < n; r++) {
        pl_fit *f = &d->fits[d->nfits++];
        f->module = eng_csv_get_text(t, r, c[0]);
        f->family = eng_csv_get_text(t, r, c[1]);
        f->parameters = eng_csv_get_text(t, r, c[2]);
        f->chosen = is_yes(eng_csv_get_text(t, r, c[3]));
    }
    return ENG_OK;
}

/* Whether column c is diff_NAME, low95_NAME, high95_NAME or beyond_noise_NAME for a column NAME
 * of the table: a paired comparison, not a scenario. */
static int paired_column(const eng_csv *t, int c)
{
    static const char *const prefixes[] = { "diff_", "low95_", "high95_", "beyond_noise_" };
    const char *h = eng_csv_header(t, c);
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(h, prefixes[i], n) == 0 && eng_csv_column(t, h + n) >= 0)
            return 1;
    }
    return 0;
}

static int read_scenarios(pl_data *d, eng_error *err)
{
    eng_csv *t;
    int status = open_table(d, "scenarios.csv", &t, err);
    if (status != ENG_OK || !t)
        return status;
    int cyear, cind, cscope = eng_csv_column(t, "scope");
    if (eng_csv_require(t, "year", &cyear, err) != ENG_OK
        || eng_csv_require(t, "indicator", &cind, err) != ENG_OK)
        return ENG_EINPUT;
    int ncols = eng_csv_ncols(t);
    d->scenarios = calloc((size_t)ncols, sizeof *d->scenarios);
    int *cols = calloc((size_t)ncols, sizeof *cols);
    size_t n = eng_csv_nrows(t);
    d->scenario_rows = calloc(n ? n : 1, sizeof *d->scenario_rows);
    if (!d->scenarios || !cols || !d->scenario_rows) {
        free(cols);
        return oom(err);
    }
    for (int c = 0; c < ncols; c++) {
        if (c == cyear || c == cind || c == cscope || eng_csv_header(t, c)[0] == '\0'
            || paired_column(t, c))
            continue;
        cols[d->nscenarios] = c;
        d->scenarios[d->nscenarios++] = eng_csv_header(t, c);
    }
    for (size_t r = 0; r < n && status == ENG_OK; r++) {
        pl_scenario_row *row = &d->scenario_rows[r];
        row->scope = cscope >= 0 ? eng_csv_get_text(t, r, cscope) : "region";
        row->indicator = eng_csv_get_text(t, r, cind);
        row->values = calloc((size_t)(d->nscenarios ? d->nscenarios : 1), sizeof *row->values);
        if (!row->values) {
            status = oom(err);
            break;
        }
        d->nscenario_rows++;
        if ((status = read_period(t, r, cyear, 1, &row->year, err)) != ENG_OK)
            break;
        for (int k = 0; k < d->nscenarios && status == ENG_OK; k++)
            status = number(t, r, cols[k], &row->values[k], err);
    }
    free(cols);
    return status;
}

static int read_sweep(pl_data *d, eng_error *err)
{
    eng_csv *t;
    int status = open_table(d, "sweep.csv", &t, err);
    if (status != ENG_OK || !t)
        return status;
    static const char *const names[] = { "point", "scope", "indicator", "mean" };
    int c[4];
    if (require_all(t, names, c, 4, err) != ENG_OK)
        return ENG_EINPUT;
    int c05 = eng_csv_column(t, "p05"), c95 = eng_csv_column(t, "p95");
    int cyear = eng_csv_column(t, "year");
    /* The varied keys are the columns that are not statistics or identifiers. */
    static const char *const known[] = { "point", "scope", "year", "indicator", "mean", "sd",
                                         "p05", "p25", "p50", "p75", "p95" };
    int ncols = eng_csv_ncols(t);
    int *cols = calloc((size_t)ncols, sizeof *cols);
    d->keys = calloc((size_t)ncols, sizeof *d->keys);
    size_t n = eng_csv_nrows(t);
    d->sweep = calloc(n ? n : 1, sizeof *d->sweep);
    if (!cols || !d->keys || !d->sweep) {
        free(cols);
        return oom(err);
    }
    for (int k = 0; k < ncols; k++) {
        int is_known = eng_csv_header(t, k)[0] == '\0';
        for (size_t j = 0; j < sizeof known / sizeof known[0] && !is_known; j++)
            is_known = eng_strcasecmp(eng_csv_header(t, k), known[j]) == 0;
        if (!is_known) {
            cols[d->nkeys] = k;
            d->keys[d->nkeys++] = eng_csv_header(t, k);
        }
    }
    for (size_t r = 0; r < n && status == ENG_OK; r++) {
        pl_sweep_row *row = &d->sweep[r];
        row->keys = calloc((size_t)(d->nkeys ? d->nkeys : 1), sizeof *row->keys);
        if (!row->keys) {
            status = oom(err);
            break;
        }
        d->nsweep++;
        double point;
        if ((status = eng_csv_get_number(t, r, c[0], &point, NULL, err)) != ENG_OK
            || (status = number(t, r, c[3], &row->mean, err)) != ENG_OK
            || (status = number(t, r, c05, &row->p05, err)) != ENG_OK
            || (status = number(t, r, c95, &row->p95, err)) != ENG_OK)
            break;
        if (!(fabs(point) < 1e9 && point == floor(point))) {
            status = eng_csv_cell_error(t, r, c[0], err, "\"%s\" is not a point number",
                                       eng_csv_get_text(t, r, c[0]));
            break;
        }
        row->point = (long)point;
        if (cyear >= 0 && (status = read_period(t, r, cyear, 1, &row->year, err)) != ENG_OK)
            break;
        row->scope = eng_csv_get_text(t, r, c[1]);
        row->indicator = eng_csv_get_text(t, r, c[2]);
        for (int k = 0; k < d->nkeys; k++)
            row->keys[k] = eng_csv_get_text(t, r, cols[k]);
    }
    free(cols);
    return status;
}

/* run.ini: its text for the report, and the scenario's name, replications and cost per place. */
static int read_run_ini(pl_data *d, eng_error *err)
{
    char path[4096];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/run.ini", d->dir) >= (int)sizeof path ||
        stat(path, &st) != 0)
        return ENG_OK;
    FILE *f = fopen(path, "rb");
    if (!f)
        return eng_error_set(err, ENG_EINPUT, "%s: cannot read: %s", path, strerror(errno));
    size_t size = (size_t)st.st_size;
    d->run_ini = malloc(size + 1);
    if (!d->run_ini) {
        fclose(f);
        return oom(err);
    }
    size_t got = fread(d->run_ini, 1, size, f);
    d->run_ini[got] = '\0';
    fclose(f);
    d->store->ini = eng_ini_load(path, err);
    if (!d->store->ini)
        return ENG_EINPUT;
    d->scenario_name = eng_ini_get(d->store->ini, "scenario", "name");
    const char *v = eng_ini_get(d->store->ini, "scenario", "replications");
    if (!v || eng_parse_double(v, &d->replications) != 0)
        d->replications = NAN;
    v = eng_ini_get(d->store->ini, "budget", "cost_per_place");
    if (!v || eng_parse_double(v, &d->cost_per_place) != 0)
        d->cost_per_place = NAN;
    return ENG_OK;
}

int pl_data_read(const char *dir, pl_data **out, eng_error *err)
{
    *out = NULL;
    struct stat st;
    if (stat(dir, &st) != 0)
        return eng_error_set(err, ENG_EINPUT, "%s: cannot read the directory: %s", dir,
                            strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return eng_error_set(err, ENG_EINPUT, "%s: not a directory", dir);
    pl_data *d = calloc(1, sizeof *d);
    if (!d || !(d->dir = strdup(dir)) || !(d->store = calloc(1, sizeof *d->store))) {
        pl_data_free(d);
        return oom(err);
    }
    d->replications = d->cost_per_place = NAN;
    int status;
    if ((status = read_summary(d, "monthly.csv", 0, &d->monthly, err)) != ENG_OK
        || (status = read_summary(d, "annual.csv", 1, &d->annual, err)) != ENG_OK
        || (status = read_observed(d, err)) != ENG_OK || (status = read_costs(d, err)) != ENG_OK
        || (status = read_survival(d, err)) != ENG_OK || (status = read_scenarios(d, err)) != ENG_OK
        || (status = read_sweep(d, err)) != ENG_OK || (status = read_run_ini(d, err)) != ENG_OK) {
        pl_data_free(d);
        return status;
    }
    *out = d;
    return ENG_OK;
}

const char *pl_data_name(const pl_data *d, const char *scope)
{
    const eng_ini *ini = d->store->ini;
    for (int i = 0; ini && i < eng_ini_nsections(ini); i++) {
        const char *sec = eng_ini_section(ini, i);
        char code[EA_MAX_NAME];
        if (ea_scenario_section_kind(sec, code, sizeof code) != EA_SECTION_DEPARTMENT)
            continue;
        if (code[0] && eng_strcasecmp(code, scope) == 0)
            return eng_ini_get(ini, sec, "name");
    }
    for (size_t i = 0; i < d->ncosts; i++)
        if (!d->costs[i].region && strcmp(d->costs[i].department, scope) == 0)
            return d->costs[i].name;
    return NULL;
}

const char *pl_data_region(const pl_data *d)
{
    const pl_summary *s = d->monthly ? d->monthly : d->annual;
    if (!s || s->nscopes == 0)
        return NULL;
    return s->scopes[0];
}
