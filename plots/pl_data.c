/* pl_data.c — The tables of an output directory read back for the charts and the report. */
#include "pl_data.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../engine/fa_text.h"
#include "../models/ea_ini.h"

/* Every table read stays in memory until pl_data_free: the strings of pl_data point into them. */
#define PL_MAX_TABLES 16

struct pl_data_store {
    fa_csv *tables[PL_MAX_TABLES];
    int ntables;
    ea_ini *ini;
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
            fa_csv_free(d->store->tables[i]);
        ea_ini_free(d->store->ini);
        free(d->store);
    }
    free(d->dir);
    free(d);
}

static int oom(fa_error *err)
{
    return fa_error_set(err, FA_EFAIL, "out of memory");
}

/* Opens dir/name as a table kept by the store. *t is NULL, with FA_OK, when the file is absent. */
static int open_table(pl_data *d, const char *name, fa_csv **t, fa_error *err)
{
    char path[4096];
    struct stat st;
    *t = NULL;
    if (snprintf(path, sizeof path, "%s/%s", d->dir, name) >= (int)sizeof path)
        return fa_error_set(err, FA_EINPUT, "%s: directory name too long", d->dir);
    if (stat(path, &st) != 0)
        return FA_OK;
    int status = fa_csv_read(path, t, err);
    if (status != FA_OK)
        return status;
    d->store->tables[d->store->ntables++] = *t;
    return FA_OK;
}

/* A number cell of an optional column: NaN when the column is absent or the cell empty. */
static int number(const fa_csv *t, size_t row, int col, double *v, fa_error *err)
{
    int missing;
    *v = NAN;
    return col < 0 ? FA_OK : fa_csv_get_number(t, row, col, v, &missing, err);
}

/* Finds the required columns named in names[0..n), stopping at the first missing one. */
static int require_all(const fa_csv *t, const char *const *names, int *cols, int n, fa_error *err)
{
    for (int i = 0; i < n; i++)
        if (fa_csv_require(t, names[i], &cols[i], err) != FA_OK)
            return FA_EINPUT;
    return FA_OK;
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
static int read_period(const fa_csv *t, size_t row, int col, int annual, int *period, fa_error *err)
{
    if (!annual) {
        fa_date dt;
        if (fa_csv_get_date(t, row, col, &dt, NULL, err) != FA_OK)
            return FA_EINPUT;
        *period = fa_date_month_index(dt);
        return FA_OK;
    }
    double y;
    if (fa_csv_get_number(t, row, col, &y, NULL, err) != FA_OK)
        return FA_EINPUT;
    if (!(y >= 1 && y <= 9999 && y == floor(y)))
        return fa_csv_cell_error(t, row, col, err, "%s is not a year",
                                 fa_csv_get_text(t, row, col));
    *period = (int)y;
    return FA_OK;
}

/* Reads monthly.csv (annual = 0) or annual.csv (annual = 1) into series grouped by scope and
 * indicator, each sorted by period. */
static int read_summary(pl_data *d, const char *name, int annual, pl_summary **out, fa_error *err)
{
    fa_csv *t;
    *out = NULL;
    int status = open_table(d, name, &t, err);
    if (status != FA_OK || !t)
        return status;
    int cols[4];
    const char *const req[4] = { "scope", annual ? "year" : "month", "indicator", "mean" };
    if (require_all(t, req, cols, 4, err) != FA_OK)
        return FA_EINPUT;
    static const char *const stat_names[PL_NSTATS] = { "mean", "p05", "p25", "p50", "p75", "p95" };
    int stat_cols[PL_NSTATS];
    for (int k = 0; k < PL_NSTATS; k++)
        stat_cols[k] = fa_csv_column(t, stat_names[k]);

    pl_summary *s = calloc(1, sizeof *s);
    size_t n = fa_csv_nrows(t);
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
        k->scope = intern(&s->scopes, &s->nscopes, &scap, &slast, fa_csv_get_text(t, r, cols[0]));
        k->indicator = intern(&s->indicators, &s->nindicators, &icap, &ilast,
                              fa_csv_get_text(t, r, cols[2]));
        if (k->scope < 0 || k->indicator < 0) {
            status = oom(err);
            break;
        }
        if ((status = read_period(t, r, cols[1], annual, &k->period, err)) != FA_OK)
            break;
    }
    int ngroups = 0;
    if (status == FA_OK && n > 0) {
        qsort(keys, n, sizeof *keys, cmp_key);
        ngroups = 1;
        for (size_t r = 1; r < n && status == FA_OK; r++) {
            if (cmp_key(&keys[r - 1], &keys[r]) == 0)
                status = fa_error_set(err, FA_EINPUT, "%s:%ld: the row of %s, %s and %s is given "
                                      "twice (first at line %ld)", fa_csv_name(t),
                                      fa_csv_line(t, keys[r].row), s->scopes[keys[r].scope],
                                      s->indicators[keys[r].indicator],
                                      fa_csv_get_text(t, keys[r].row, cols[1]),
                                      fa_csv_line(t, keys[r - 1].row));
            ngroups += keys[r].scope != keys[r - 1].scope
                       || keys[r].indicator != keys[r - 1].indicator;
        }
    }
    if (status == FA_OK && ngroups > 0) {
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
    for (size_t r = 0; r < n && status == FA_OK && ngroups > 0; r++) {
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
        for (int k = 0; k < PL_NSTATS && status == FA_OK; k++)
            status = number(t, keys[r].row, stat_cols[k], &se->stat[se->n][k], err);
        se->n++;
    }
    free(keys);
    if (status != FA_OK) {
        summary_free(s);
        return status;
    }
    /* The whole comes first in every listing. */
    for (int i = 1; i < s->nscopes; i++) {
        if (fa_strcasecmp(s->scopes[i], "region") == 0) {
            const char *region = s->scopes[i];
            memmove(&s->scopes[1], &s->scopes[0], (size_t)i * sizeof *s->scopes);
            s->scopes[0] = region;
            break;
        }
    }
    *out = s;
    return FA_OK;
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

static fa_date month_end(fa_date d)
{
    fa_date next = { d.month == 12 ? d.year + 1 : d.year, d.month == 12 ? 1 : d.month + 1, 1 };
    return fa_date_from_days(fa_date_days(next) - 1);
}

static int cmp_obs(const void *a, const void *b)
{
    const pl_obs *x = a, *y = b;
    int c = strcmp(x->scope, y->scope);
    if (c != 0)
        return c;
    long dx = fa_date_days(x->date), dy = fa_date_days(y->date);
    return (dx > dy) - (dx < dy);
}

static int add_obs(pl_data *d, size_t *cap, const char *scope, fa_date date, double places,
                   double file_active, fa_error *err)
{
    for (size_t i = 0; i < d->nobs; i++) {
        pl_obs *o = &d->obs[i];
        if (strcmp(o->scope, scope) == 0 && o->date.year == date.year &&
            o->date.month == date.month) {
            if (isnan(o->places))
                o->places = places;
            if (isnan(o->file_active))
                o->file_active = file_active;
            return FA_OK;
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
    return FA_OK;
}

/* Observed persons and places: capacity.csv at its dates, then compare.csv at the end of each
 * compared month (rows for a whole year are flows or budgets, not drawn as points). */
static int read_observed(pl_data *d, fa_error *err)
{
    fa_csv *t;
    size_t cap = 0;
    int status = open_table(d, "capacity.csv", &t, err);
    if (status != FA_OK)
        return status;
    if (t) {
        static const char *const names[] = { "scope", "date", "places", "file_active" };
        int c[4];
        if (require_all(t, names, c, 4, err) != FA_OK)
            return FA_EINPUT;
        d->has_capacity = 1;
        for (size_t r = 0; r < fa_csv_nrows(t) && status == FA_OK; r++) {
            fa_date dt;
            double places, fa;
            if ((status = fa_csv_get_date(t, r, c[1], &dt, NULL, err)) != FA_OK
                || (status = number(t, r, c[2], &places, err)) != FA_OK
                || (status = number(t, r, c[3], &fa, err)) != FA_OK)
                break;
            status = add_obs(d, &cap, fa_csv_get_text(t, r, c[0]), dt, places, fa, err);
        }
    }
    if (status == FA_OK && (status = open_table(d, "compare.csv", &t, err)) == FA_OK && t) {
        static const char *const names[] = { "scope", "date", "indicator", "observed" };
        int c[4];
        if (require_all(t, names, c, 4, err) != FA_OK)
            return FA_EINPUT;
        for (size_t r = 0; r < fa_csv_nrows(t) && status == FA_OK; r++) {
            const char *ind = fa_csv_get_text(t, r, c[2]);
            const char *when = fa_csv_get_text(t, r, c[1]);
            int places = strcmp(ind, "places") == 0;
            if ((!places && strcmp(ind, "file_active") != 0) || strlen(when) <= 4)
                continue;
            fa_date dt;
            double v;
            if ((status = fa_csv_get_date(t, r, c[1], &dt, NULL, err)) != FA_OK
                || (status = number(t, r, c[3], &v, err)) != FA_OK)
                break;
            status = add_obs(d, &cap, fa_csv_get_text(t, r, c[0]), month_end(dt),
                             places ? v : NAN, places ? NAN : v, err);
        }
    }
    if (status == FA_OK && d->nobs > 1)
        qsort(d->obs, d->nobs, sizeof *d->obs, cmp_obs);
    return status;
}

static int read_costs(pl_data *d, fa_error *err)
{
    fa_csv *t;
    int status = open_table(d, "costs.csv", &t, err);
    if (status != FA_OK || !t)
        return status;
    static const char *const names[] = { "department", "name", "places", "funding_eur",
                                         "cost_per_place_eur", "reference_funding_eur" };
    int c[6];
    if (require_all(t, names, c, 6, err) != FA_OK)
        return FA_EINPUT;
    int cyear = fa_csv_column(t, "year"), cout = fa_csv_column(t, "outside_tolerance");
    size_t n = fa_csv_nrows(t);
    d->costs = calloc(n ? n : 1, sizeof *d->costs);
    if (!d->costs)
        return oom(err);
    for (size_t r = 0; r < n && status == FA_OK; r++) {
        pl_cost *p = &d->costs[r];
        double year, ref, outside;
        if ((status = number(t, r, cyear, &year, err)) != FA_OK
            || (status = number(t, r, c[2], &p->places, err)) != FA_OK
            || (status = number(t, r, c[3], &p->funding, err)) != FA_OK
            || (status = number(t, r, c[4], &p->cost_per_place, err)) != FA_OK
            || (status = number(t, r, c[5], &ref, err)) != FA_OK
            || (status = number(t, r, cout, &outside, err)) != FA_OK)
            break;
        if (cyear >= 0 && !(year >= 1 && year <= 9999 && year == floor(year)))
            return fa_csv_cell_error(t, r, cyear, err, "\"%s\" is not a year",
                                     fa_csv_get_text(t, r, cyear));
        p->year = cyear >= 0 ? (int)year : 0;
        p->department = fa_csv_get_text(t, r, c[0]);
        p->name = fa_csv_get_text(t, r, c[1]);
        p->reference = p->places > 0 ? ref / p->places : NAN;
        p->outside = outside > 0;
        p->region = fa_strcasecmp(p->department, "region") == 0;
        d->ncosts++;
    }
    return status;
}

/* A yes/no cell of fit.csv: 1, yes, true, oui, x or * (any case) for yes. */
static int is_yes(const char *s)
{
    static const char *const yes[] = { "1", "yes", "true", "oui", "x", "*" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (fa_strcasecmp(s, yes[i]) == 0)
            return 1;
    double v;
    return fa_parse_double(s, &v) == 0 && v != 0;
}

static int read_survival(pl_data *d, fa_error *err)
{
    fa_csv *t;
    int status = open_table(d, "km.csv", &t, err);
    if (status != FA_OK)
        return status;
    if (t) {
        static const char *const names[] = { "module", "time_months", "survival" };
        int c[3];
        if (require_all(t, names, c, 3, err) != FA_OK)
            return FA_EINPUT;
        int clo = fa_csv_column(t, "lower95"), chi = fa_csv_column(t, "upper95");
        size_t n = fa_csv_nrows(t);
        d->km = calloc(n ? n : 1, sizeof *d->km);
        if (!d->km)
            return oom(err);
        for (size_t r = 0; r < n && status == FA_OK; r++) {
            pl_km *k = &d->km[r];
            k->module = fa_csv_get_text(t, r, c[0]);
            if ((status = fa_csv_get_number(t, r, c[1], &k->time, NULL, err)) != FA_OK
                || (status = fa_csv_get_number(t, r, c[2], &k->survival, NULL, err)) != FA_OK
                || (status = number(t, r, clo, &k->lower, err)) != FA_OK
                || (status = number(t, r, chi, &k->upper, err)) != FA_OK)
                break;
            if (!(k->time >= 0) || !(k->survival >= 0 && k->survival <= 1))
                return fa_csv_cell_error(t, r, k->time >= 0 ? c[2] : c[1], err,
                                         "expected a time >= 0 and a survival in [0, 1]");
            d->nkm++;
        }
    }
    if (status != FA_OK || (status = open_table(d, "fit.csv", &t, err)) != FA_OK || !t)
        return status;
    static const char *const names[] = { "module", "family", "parameters", "chosen" };
    int c[4];
    if (require_all(t, names, c, 4, err) != FA_OK)
        return FA_EINPUT;
    size_t n = fa_csv_nrows(t);
    d->fits = calloc(n ? n : 1, sizeof *d->fits);
    if (!d->fits)
        return oom(err);
    for (size_t r = 0; r < n; r++) {
        pl_fit *f = &d->fits[d->nfits++];
        f->module = fa_csv_get_text(t, r, c[0]);
        f->family = fa_csv_get_text(t, r, c[1]);
        f->parameters = fa_csv_get_text(t, r, c[2]);
        f->chosen = is_yes(fa_csv_get_text(t, r, c[3]));
    }
    return FA_OK;
}

/* Whether column c is diff_NAME, low95_NAME, high95_NAME or beyond_noise_NAME for a column NAME
 * of the table: a paired comparison, not a scenario. */
static int paired_column(const fa_csv *t, int c)
{
    static const char *const prefixes[] = { "diff_", "low95_", "high95_", "beyond_noise_" };
    const char *h = fa_csv_header(t, c);
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(h, prefixes[i], n) == 0 && fa_csv_column(t, h + n) >= 0)
            return 1;
    }
    return 0;
}

static int read_scenarios(pl_data *d, fa_error *err)
{
    fa_csv *t;
    int status = open_table(d, "scenarios.csv", &t, err);
    if (status != FA_OK || !t)
        return status;
    int cyear, cind, cscope = fa_csv_column(t, "scope");
    if (fa_csv_require(t, "year", &cyear, err) != FA_OK
        || fa_csv_require(t, "indicator", &cind, err) != FA_OK)
        return FA_EINPUT;
    int ncols = fa_csv_ncols(t);
    d->scenarios = calloc((size_t)ncols, sizeof *d->scenarios);
    int *cols = calloc((size_t)ncols, sizeof *cols);
    size_t n = fa_csv_nrows(t);
    d->scenario_rows = calloc(n ? n : 1, sizeof *d->scenario_rows);
    if (!d->scenarios || !cols || !d->scenario_rows) {
        free(cols);
        return oom(err);
    }
    for (int c = 0; c < ncols; c++) {
        if (c == cyear || c == cind || c == cscope || fa_csv_header(t, c)[0] == '\0'
            || paired_column(t, c))
            continue;
        cols[d->nscenarios] = c;
        d->scenarios[d->nscenarios++] = fa_csv_header(t, c);
    }
    for (size_t r = 0; r < n && status == FA_OK; r++) {
        pl_scenario_row *row = &d->scenario_rows[r];
        row->scope = cscope >= 0 ? fa_csv_get_text(t, r, cscope) : "region";
        row->indicator = fa_csv_get_text(t, r, cind);
        row->values = calloc((size_t)(d->nscenarios ? d->nscenarios : 1), sizeof *row->values);
        if (!row->values) {
            status = oom(err);
            break;
        }
        d->nscenario_rows++;
        if ((status = read_period(t, r, cyear, 1, &row->year, err)) != FA_OK)
            break;
        for (int k = 0; k < d->nscenarios && status == FA_OK; k++)
            status = number(t, r, cols[k], &row->values[k], err);
    }
    free(cols);
    return status;
}

static int read_sweep(pl_data *d, fa_error *err)
{
    fa_csv *t;
    int status = open_table(d, "sweep.csv", &t, err);
    if (status != FA_OK || !t)
        return status;
    static const char *const names[] = { "point", "scope", "indicator", "mean" };
    int c[4];
    if (require_all(t, names, c, 4, err) != FA_OK)
        return FA_EINPUT;
    int c05 = fa_csv_column(t, "p05"), c95 = fa_csv_column(t, "p95");
    int cyear = fa_csv_column(t, "year");
    /* The varied keys are the columns that are not statistics or identifiers. */
    static const char *const known[] = { "point", "scope", "year", "indicator", "mean", "sd",
                                         "p05", "p25", "p50", "p75", "p95" };
    int ncols = fa_csv_ncols(t);
    int *cols = calloc((size_t)ncols, sizeof *cols);
    d->keys = calloc((size_t)ncols, sizeof *d->keys);
    size_t n = fa_csv_nrows(t);
    d->sweep = calloc(n ? n : 1, sizeof *d->sweep);
    if (!cols || !d->keys || !d->sweep) {
        free(cols);
        return oom(err);
    }
    for (int k = 0; k < ncols; k++) {
        int is_known = fa_csv_header(t, k)[0] == '\0';
        for (size_t j = 0; j < sizeof known / sizeof known[0] && !is_known; j++)
            is_known = fa_strcasecmp(fa_csv_header(t, k), known[j]) == 0;
        if (!is_known) {
            cols[d->nkeys] = k;
            d->keys[d->nkeys++] = fa_csv_header(t, k);
        }
    }
    for (size_t r = 0; r < n && status == FA_OK; r++) {
        pl_sweep_row *row = &d->sweep[r];
        row->keys = calloc((size_t)(d->nkeys ? d->nkeys : 1), sizeof *row->keys);
        if (!row->keys) {
            status = oom(err);
            break;
        }
        d->nsweep++;
        double point;
        if ((status = fa_csv_get_number(t, r, c[0], &point, NULL, err)) != FA_OK
            || (status = number(t, r, c[3], &row->mean, err)) != FA_OK
            || (status = number(t, r, c05, &row->p05, err)) != FA_OK
            || (status = number(t, r, c95, &row->p95, err)) != FA_OK)
            break;
        if (!(fabs(point) < 1e9 && point == floor(point))) {
            status = fa_csv_cell_error(t, r, c[0], err, "\"%s\" is not a point number",
                                       fa_csv_get_text(t, r, c[0]));
            break;
        }
        row->point = (long)point;
        if (cyear >= 0 && (status = read_period(t, r, cyear, 1, &row->year, err)) != FA_OK)
            break;
        row->scope = fa_csv_get_text(t, r, c[1]);
        row->indicator = fa_csv_get_text(t, r, c[2]);
        for (int k = 0; k < d->nkeys; k++)
            row->keys[k] = fa_csv_get_text(t, r, cols[k]);
    }
    free(cols);
    return status;
}

/* run.ini: its text for the report, and the scenario's name, replications and cost per place. */
static int read_run_ini(pl_data *d, fa_error *err)
{
    char path[4096];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/run.ini", d->dir) >= (int)sizeof path ||
        stat(path, &st) != 0)
        return FA_OK;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fa_error_set(err, FA_EINPUT, "%s: cannot read: %s", path, strerror(errno));
    size_t size = (size_t)st.st_size;
    d->run_ini = malloc(size + 1);
    if (!d->run_ini) {
        fclose(f);
        return oom(err);
    }
    size_t got = fread(d->run_ini, 1, size, f);
    d->run_ini[got] = '\0';
    fclose(f);
    d->store->ini = ea_ini_load(path, err);
    if (!d->store->ini)
        return FA_EINPUT;
    d->scenario_name = ea_ini_get(d->store->ini, "scenario", "name");
    const char *v = ea_ini_get(d->store->ini, "scenario", "replications");
    if (!v || fa_parse_double(v, &d->replications) != 0)
        d->replications = NAN;
    v = ea_ini_get(d->store->ini, "budget", "cost_per_place");
    if (!v || fa_parse_double(v, &d->cost_per_place) != 0)
        d->cost_per_place = NAN;
    return FA_OK;
}

int pl_data_read(const char *dir, pl_data **out, fa_error *err)
{
    *out = NULL;
    struct stat st;
    if (stat(dir, &st) != 0)
        return fa_error_set(err, FA_EINPUT, "%s: cannot read the directory: %s", dir,
                            strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return fa_error_set(err, FA_EINPUT, "%s: not a directory", dir);
    pl_data *d = calloc(1, sizeof *d);
    if (!d || !(d->dir = strdup(dir)) || !(d->store = calloc(1, sizeof *d->store))) {
        pl_data_free(d);
        return oom(err);
    }
    d->replications = d->cost_per_place = NAN;
    int status;
    if ((status = read_summary(d, "monthly.csv", 0, &d->monthly, err)) != FA_OK
        || (status = read_summary(d, "annual.csv", 1, &d->annual, err)) != FA_OK
        || (status = read_observed(d, err)) != FA_OK || (status = read_costs(d, err)) != FA_OK
        || (status = read_survival(d, err)) != FA_OK || (status = read_scenarios(d, err)) != FA_OK
        || (status = read_sweep(d, err)) != FA_OK || (status = read_run_ini(d, err)) != FA_OK) {
        pl_data_free(d);
        return status;
    }
    *out = d;
    return FA_OK;
}

const char *pl_data_name(const pl_data *d, const char *scope)
{
    const ea_ini *ini = d->store->ini;
    for (int i = 0; ini && i < ea_ini_nsections(ini); i++) {
        const char *sec = ea_ini_section(ini, i);
        if (strncmp(sec, "department.", 11) != 0 || strchr(sec + 11, '.'))
            continue;
        if (fa_strcasecmp(sec + 11, scope) == 0)
            return ea_ini_get(ini, sec, "name");
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
