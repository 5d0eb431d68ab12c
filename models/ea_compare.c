/* ea_compare.c — Observed aggregates against the simulation's tables. The tables are read back
 * from the output directory (whether just written or reused), so that one path serves both. */
#include "ea_compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_csv.h"
#include "../engine/eng_text.h"

/* One simulated row: mean and 90 % band of an indicator for a scope and period. */
typedef struct sim_row {
    const char *key;           /* "scope\tperiod\tindicator", points into keys */
    double mean, p05, p95;
} sim_row;

typedef struct sim_table {
    sim_row *rows;
    size_t n;
    char *keys;
    char first[16], last[16];  /* first and last period */
} sim_table;

typedef struct point {
    char scope[64], period[16], indicator[64];
    double observed, mean, p05, p95;
} point;

struct ea_comparison {
    point *points;
    int npoints, cap;
    ea_capacity *capacity;
    int ncapacity;
    int before, after;          /* observations outside the simulated period */
    char ignored[512];          /* columns that are not indicators of the simulation */
};

static int cmp_row(const void *a, const void *b)
{
    return strcmp(((const sim_row *)a)->key, ((const sim_row *)b)->key);
}

static void table_clear(sim_table *t)
{
    free(t->rows);
    free(t->keys);
    memset(t, 0, sizeof *t);
}

/* Reads monthly.csv or annual.csv of a previous run into a sorted index. */
static int table_read(const char *path, const char *period_col, sim_table *t, eng_error *err)
{
    memset(t, 0, sizeof *t);
    eng_csv *csv = NULL;
    int status = eng_csv_read(path, &csv, err);
    if (status != ENG_OK)
        return status;
    int c_scope, c_period, c_ind, c_mean, c_p05, c_p95;
    if ((status = eng_csv_require(csv, "scope", &c_scope, err)) ||
        (status = eng_csv_require(csv, period_col, &c_period, err)) ||
        (status = eng_csv_require(csv, "indicator", &c_ind, err)) ||
        (status = eng_csv_require(csv, "mean", &c_mean, err)) ||
        (status = eng_csv_require(csv, "p05", &c_p05, err)) ||
        (status = eng_csv_require(csv, "p95", &c_p95, err))) {
        eng_csv_free(csv);
        return status;
    }
    size_t n = eng_csv_nrows(csv), size = 0;
    for (size_t i = 0; i < n; i++)
        size += strlen(eng_csv_get_text(csv, i, c_scope)) + strlen(eng_csv_get_text(csv, i, c_period)) +
                strlen(eng_csv_get_text(csv, i, c_ind)) + 3;
    t->rows = malloc((n ? n : 1) * sizeof *t->rows);
    t->keys = malloc(size + 1);
    if (!t->rows || !t->keys) {
        eng_csv_free(csv);
        table_clear(t);
        return eng_error_set(err, ENG_EFAIL, "out of memory");
    }
    char *k = t->keys;
    for (size_t i = 0; i < n && status == ENG_OK; i++) {
        const char *period = eng_csv_get_text(csv, i, c_period);
        if (i == 0)
            snprintf(t->first, sizeof t->first, "%s", period);
        snprintf(t->last, sizeof t->last, "%s", period);
        t->rows[i].key = k;
        k += sprintf(k, "%s\t%s\t%s", eng_csv_get_text(csv, i, c_scope), period,
                     eng_csv_get_text(csv, i, c_ind)) + 1;
        int missing;
        status = eng_csv_get_number(csv, i, c_mean, &t->rows[i].mean, &missing, err);
        if (status == ENG_OK)
            status = eng_csv_get_number(csv, i, c_p05, &t->rows[i].p05, &missing, err);
        if (status == ENG_OK)
            status = eng_csv_get_number(csv, i, c_p95, &t->rows[i].p95, &missing, err);
    }
    /* The periods run in order within a scope, so the first and last rows bound them. */
    t->n = n;
    eng_csv_free(csv);
    if (status != ENG_OK) {
        table_clear(t);
        return status;
    }
    qsort(t->rows, n, sizeof *t->rows, cmp_row);
    return ENG_OK;
}

static const sim_row *table_find(const sim_table *t, const char *scope, const char *period,
                                 const char *indicator)
{
    char key[256];
    snprintf(key, sizeof key, "%s\t%s\t%s", scope, period, indicator);
    sim_row probe = { key, 0, 0, 0 };
    return bsearch(&probe, t->rows, t->n, sizeof *t->rows, cmp_row);
}

/* Whether the table has a scope, or an indicator (looked up through any row of the first period). */
static int table_has(const sim_table *t, const char *prefix)
{
    size_t len = strlen(prefix);
    for (size_t i = 0; i < t->n; i++)
        if (strncmp(t->rows[i].key, prefix, len) == 0)
            return 1;
    return 0;
}

static int table_has_indicator(const sim_table *t, const char *indicator)
{
    char suffix[80];
    snprintf(suffix, sizeof suffix, "\t%s", indicator);
    size_t ls = strlen(suffix);
    for (size_t i = 0; i < t->n; i++) {
        size_t lk = strlen(t->rows[i].key);
        if (lk > ls && strcmp(t->rows[i].key + lk - ls, suffix) == 0)
            return 1;
    }
    return 0;
}

void ea_comparison_free(ea_comparison *c)
{
    if (!c)
        return;
    free(c->points);
    free(c->capacity);
    free(c);
}


static int add_point(ea_comparison *c, const point *p)
{
    if (c->npoints == c->cap) {
        int cap = c->cap ? 2 * c->cap : 64;
        point *pts = realloc(c->points, (size_t)cap * sizeof *pts);
        if (!pts)
            return -1;
        c->points = pts;
        c->cap = cap;
    }
    c->points[c->npoints++] = *p;
    return 0;
}

static void capacity_fill(ea_capacity *cp, double cost_per_place)
{
    cp->occupancy = cp->places > 0 ? cp->file_active / cp->places : NAN;
    cp->unused = cp->places - cp->file_active;
    cp->unused_eur = cp->unused * cost_per_place;
}

/* Capacity rows from the observations with both places and file_active, and a regional row summed
 * from the departments for each date that has none. */
static int build_capacity(ea_comparison *c, const eng_csv *t, int c_dep, int c_date, int c_places,
                          int c_fa, double cost_per_place, eng_error *err)
{
    size_t n = eng_csv_nrows(t);
    c->capacity = calloc(2 * n + 1, sizeof *c->capacity);
    if (!c->capacity)
        return eng_error_set(err, ENG_EFAIL, "out of memory");
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
        if ((status = eng_csv_get_number(t, i, c_places, &places, &m1, err)) != ENG_OK ||
            (status = eng_csv_get_number(t, i, c_fa, &fa, &m2, err)) != ENG_OK)
            return status;
        if (m1 || m2)
            continue;
        ea_capacity *cp = &c->capacity[c->ncapacity++];
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
        ea_capacity *sum = &c->capacity[c->ncapacity++];
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

static int is_key_column(const char *h)
{
    return eng_strcasecmp(h, "date") == 0 || eng_strcasecmp(h, "year") == 0 ||
           eng_strcasecmp(h, "department") == 0 || eng_strcasecmp(h, "name") == 0 || !h[0];
}

int ea_compare_run(const char *observed, const char *monthly, const char *annual, double cost_per_place,
                   ea_comparison **out, eng_error *err)
{
    *out = NULL;
    ea_comparison *c = calloc(1, sizeof *c);
    if (!c)
        return eng_error_set(err, ENG_EFAIL, "out of memory");
    sim_table tab[2];
    memset(tab, 0, sizeof tab);
    eng_csv *t = NULL;
    int status = eng_csv_read(observed, &t, err);
    int c_dep = -1, c_date = -1, c_year = -1;
    if (status == ENG_OK)
        status = eng_csv_require(t, "department", &c_dep, err);
    if (status == ENG_OK) {
        c_date = eng_csv_column(t, "date");
        c_year = eng_csv_column(t, "year");
        if (c_date < 0 && c_year < 0)
            status = eng_error_set(err, ENG_EINPUT, "%s: no column \"date\" (YYYY-MM-DD, YYYY-MM or "
                                  "DD/MM/YYYY) nor \"year\": each observation needs its date", observed);
    }
    if (status == ENG_OK)
        status = table_read(monthly, "month", &tab[0], err);
    if (status == ENG_OK)
        status = table_read(annual, "year", &tab[1], err);
    if (status == ENG_OK)
        status = build_capacity(c, t, c_dep, c_date, eng_csv_column(t, "places"),
                                eng_csv_column(t, "file_active"), cost_per_place, err);

    size_t n = status == ENG_OK ? eng_csv_nrows(t) : 0;
    int ncols = status == ENG_OK ? eng_csv_ncols(t) : 0;
    for (int col = 0; col < ncols && status == ENG_OK; col++) {
        const char *ind = eng_csv_header(t, col);
        if (is_key_column(ind))
            continue;
        if (!table_has_indicator(&tab[0], ind)) {
            size_t len = strlen(c->ignored);
            snprintf(c->ignored + len, sizeof c->ignored - len, "%s%s", len ? ", " : "", ind);
            continue;
        }
        for (size_t i = 0; i < n && status == ENG_OK; i++) {
            point p;
            memset(&p, 0, sizeof p);
            int missing;
            status = eng_csv_get_number(t, i, col, &p.observed, &missing, err);
            if (status != ENG_OK || missing)
                continue;
            snprintf(p.scope, sizeof p.scope, "%s", eng_csv_get_text(t, i, c_dep));
            snprintf(p.indicator, sizeof p.indicator, "%s", ind);
            char prefix[80];
            snprintf(prefix, sizeof prefix, "%s\t", p.scope);
            if (!table_has(&tab[0], prefix)) {
                status = eng_csv_cell_error(t, i, c_dep, err, "\"%s\" is not a department of the "
                                           "simulation, nor region", p.scope);
                break;
            }
            const sim_table *st = &tab[0];
            eng_date d;
            int nodate = 1;
            if (c_date >= 0 && (status = eng_csv_get_date(t, i, c_date, &d, &nodate, err)) != ENG_OK)
                break;
            if (!nodate) {
                snprintf(p.period, sizeof p.period, "%04d-%02d", d.year, d.month);
            } else {
                double y;
                int noyear = 1;
                if (c_year >= 0 && (status = eng_csv_get_number(t, i, c_year, &y, &noyear, err)) != ENG_OK)
                    break;
                if (noyear || y != floor(y) || y < 1900 || y > 2200) {
                    status = eng_csv_cell_error(t, i, c_date >= 0 ? c_date : c_year, err,
                                               "empty, expected a date or a year");
                    break;
                }
                snprintf(p.period, sizeof p.period, "%04d", (int)y);
                st = &tab[1];
            }
            const sim_row *r = table_find(st, p.scope, p.period, p.indicator);
            if (!r) {
                if (strcmp(p.period, st->first) < 0)
                    c->before++;
                else
                    c->after++;
                continue;
            }
            p.mean = r->mean;
            p.p05 = r->p05;
            p.p95 = r->p95;
            if (add_point(c, &p))
                status = eng_error_set(err, ENG_EFAIL, "out of memory");
        }
    }
    eng_csv_free(t);
    table_clear(&tab[0]);
    table_clear(&tab[1]);
    if (status != ENG_OK) {
        ea_comparison_free(c);
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

int ea_compare_write(const ea_comparison *c, eng_out *out, const eng_csv_style *st, eng_error *err)
{
    char s = st->sep;
    FILE *f = eng_out_open(out, "compare.csv", err);
    if (!f)
        return ENG_EFAIL;
    fprintf(f, "scope%cdate%cindicator%cobserved%csim_mean%csim_p05%csim_p95%cgap%cratio%cin_band\n",
            s, s, s, s, s, s, s, s, s);
    for (int i = 0; i < c->npoints; i++) {
        const point *p = &c->points[i];
        eng_csv_text(f, p->scope, st);
        fprintf(f, "%c%s%c%s", s, p->period, s, p->indicator);
        cell(f, p->observed, st);
        cell(f, p->mean, st);
        cell(f, p->p05, st);
        cell(f, p->p95, st);
        cell(f, p->observed - p->mean, st);
        cell(f, p->mean != 0 ? p->observed / p->mean : NAN, st);
        fprintf(f, "%c%d\n", s, p->observed >= p->p05 && p->observed <= p->p95);
    }

    f = eng_out_open(out, "compare-summary.csv", err);
    if (!f)
        return ENG_EFAIL;
    fprintf(f, "scope%cindicator%cn%cmape_pct%crmse%cbias%cshare_in_band\n", s, s, s, s, s, s);
    for (int i = 0; i < c->npoints; i++) {
        const point *p = &c->points[i];
        int first = 1;
        for (int j = 0; j < i && first; j++)
            first = strcmp(c->points[j].scope, p->scope) || strcmp(c->points[j].indicator, p->indicator);
        if (!first)
            continue;
        /* Bias is simulated minus observed: positive when the simulation overestimates. */
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
        fprintf(f, "%c%s%c%.0f", s, p->indicator, s, n);
        cell(f, nape > 0 ? 100 * ape / nape : NAN, st);
        cell(f, sqrt(se / n), st);
        cell(f, bias / n, st);
        cell(f, inband / n, st);
        fputc('\n', f);
    }

    f = eng_out_open(out, "capacity.csv", err);
    if (!f)
        return ENG_EFAIL;
    fprintf(f, "scope%cdate%cplaces%cfile_active%coccupancy%cunused_places%cunused_value_eur\n", s, s,
            s, s, s, s);
    for (int i = 0; i < c->ncapacity; i++) {
        const ea_capacity *cp = &c->capacity[i];
        eng_csv_text(f, cp->scope, st);
        fprintf(f, "%c%s", s, cp->date);
        cell(f, cp->places, st);
        cell(f, cp->file_active, st);
        cell(f, cp->occupancy, st);
        cell(f, cp->unused, st);
        cell(f, cp->unused_eur, st);
        fputc('\n', f);
    }
    return ENG_OK;
}

int ea_compare_has_date(const ea_comparison *c, const char *at)
{
    for (int i = 0; i < c->ncapacity; i++)
        if (strcmp(c->capacity[i].date, at) == 0)
            return 1;
    return 0;
}

void ea_compare_print(const ea_comparison *c, const char *at, FILE *f)
{
    const char *latest = at;
    for (int i = 0; i < c->ncapacity && !at; i++)
        if (!latest || strcmp(c->capacity[i].date, latest) > 0)
            latest = c->capacity[i].date;
    if (latest) {
        fprintf(f, "Capacité au %s\n", latest);
        fprintf(f, "%-8s %8s %12s %9s %14s %16s\n", "Scope", "Places", "Accompagnés", "Taux",
                "Places libres", "Valeur €/an");
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < c->ncapacity; i++) {
                const ea_capacity *cp = &c->capacity[i];
                int region = strcmp(cp->scope, "region") == 0;
                if (strcmp(cp->date, latest) != 0 || region != pass)
                    continue;
                char pl[32], fa[32], occ[32], un[32], eur[32];
                eng_format_grouped(pl, sizeof pl, cp->places, 0, " ", ',');
                eng_format_grouped(fa, sizeof fa, cp->file_active, 0, " ", ',');
                eng_format_grouped(occ, sizeof occ, cp->occupancy * 100, 1, " ", ',');
                eng_format_grouped(un, sizeof un, cp->unused, 0, " ", ',');
                eng_format_grouped(eur, sizeof eur, cp->unused_eur, 0, " ", ',');
                fprintf(f, "%-8s %8s %12s %7s %% %14s %16s\n", cp->scope, pl, fa, occ, un, eur);
            }
    }
    int inband = 0;
    for (int i = 0; i < c->npoints; i++)
        inband += c->points[i].observed >= c->points[i].p05 && c->points[i].observed <= c->points[i].p95;
    fprintf(f, "\n%d observations compared with the simulation, %d inside its 90 %% band", c->npoints,
            inband);
    if (c->before || c->after)
        fprintf(f, "; %d before and %d after the simulated period (not compared)", c->before, c->after);
    fprintf(f, ".\n");
    if (c->ignored[0])
        fprintf(f, "Columns that are not indicators of the simulation, ignored: %s.\n", c->ignored);
}
