/* pl_charts.c — The charts that the tables of an output directory allow, as gnuplot commands.
 *
 * Time runs in months on a plain numeric axis: x = year*12 + month-1 is the start of a month, so a
 * stock read at the end of month m sits at m + 1, a flow over month m at m + 1/2, and an
 * observation dated day d of a month of n days at m + d/n (the 439 persons of 31 December 2021 fall
 * exactly on the start of January 2022). Tick labels are computed here, in the chosen language and
 * with its digit grouping, so that nothing depends on the locales installed. */
#include "pl_charts.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "../engine/eng_dist.h"
#include "../engine/eng_out.h"
#include "../engine/eng_text.h"

typedef enum kind {
    K_FILE_ACTIVE,
    K_MODULES,
    K_FLOWS,
    K_BUDGET,
    K_COSTS,
    K_OCCUPANCY,
    K_KM,
    K_SCENARIOS,
    K_SWEEP
} kind;

typedef struct chart {
    kind kind;
    const char *key;         /* the scope, module or indicator */
    int year;                /* K_COSTS: the year of the rows, 0 when costs.csv has none */
    int in_report;
    eng_dist fit;             /* K_KM: the chosen law, ENG_DIST_NONE when fit.csv has none */
    const char *fit_text;
    char name[128];
    char title[512];
} chart;

struct pl_charts {
    const pl_data *d;
    pl_lang lang;
    const char *multi_scope; /* the scope drawn from scenarios.csv */
    const char *sweep_scope; /* the scope drawn from sweep.csv */
    int sweep_year;          /* its last year, 0 when sweep.csv has no year column */
    chart *charts;
    int n, cap;
};

/* Fill colours of the bands and areas, and line colours, chosen to stay apart in print. */
static const char *const area_colors[] = { "#9ecae1", "#6baed6", "#3182bd", "#08519c",
                                           "#fdae6b", "#e6550d", "#a1d99b", "#31a354" };
static const char *const line_colors[] = { "#08306b", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" };
#define NCOLORS(a) ((int)(sizeof a / sizeof a[0]))

/* ---- Words ---------------------------------------------------------------------------------- */

static const char *tr(const pl_charts *c, const char *fr, const char *en)
{
    return c->lang == PL_EN ? en : fr;
}

static int is_region(const char *scope)
{
    return eng_strcasecmp(scope, "region") == 0;
}

/* "Région", "Haute-Garonne (31)", or the code alone when the name is unknown. */
static const char *scope_label(const pl_charts *c, const char *scope, char *buf, size_t size)
{
    const char *name = pl_data_name(c->d, scope);
    if (is_region(scope))
        snprintf(buf, size, "%s", tr(c, "Région", "Region"));
    else if (name && name[0] && strcmp(name, scope) != 0)
        snprintf(buf, size, "%s (%s)", name, scope);
    else
        snprintf(buf, size, "%s", scope);
    return buf;
}

static int is_module_indicator(const char *indicator)
{
    return strncmp(indicator, "file_active_", 12) == 0 && strcmp(indicator, "file_active_avg") != 0;
}

static int is_reason_indicator(const char *indicator)
{
    return strncmp(indicator, "exits_", 6) == 0;
}

/* ---- The list ------------------------------------------------------------------------------- */

static int has_value(const pl_series *s, int stat)
{
    for (int i = 0; s && i < s->n; i++)
        if (isfinite(s->stat[i][stat]))
            return 1;
    return 0;
}

/* Adds a chart named prefix[_key][_year], the key reduced to letters, digits, '-' and '_' so that
 * no input can reach outside the plots directory, and made unique with a suffix. */
static chart *add(pl_charts *c, kind k, const char *prefix, const char *key, int year,
                  int in_report, eng_error *err)
{
    if (c->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 32;
        chart *a = realloc(c->charts, (size_t)cap * sizeof *a);
        if (!a) {
            eng_error_set(err, ENG_EFAIL, "out of memory");
            return NULL;
        }
        c->charts = a;
        c->cap = cap;
    }
    chart *ch = &c->charts[c->n];
    memset(ch, 0, sizeof *ch);
    ch->kind = k;
    ch->key = key;
    ch->year = year;
    ch->in_report = in_report;
    char base[96];
    size_t n = (size_t)snprintf(base, sizeof base, "%s", prefix);
    if (key) {
        base[n++] = '_';
        for (const char *p = key; *p && n < 64; p++)
            base[n++] = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                        || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ? *p : '_';
        base[n] = '\0';
    }
    if (year)
        snprintf(base + n, sizeof base - n, "_%d", year);
    snprintf(ch->name, sizeof ch->name, "%s", base);
    for (int suffix = 2, taken = 1; taken; suffix++) {
        taken = 0;
        for (int i = 0; i < c->n && !taken; i++)
            taken = strcmp(c->charts[i].name, ch->name) == 0;
        if (taken)
            snprintf(ch->name, sizeof ch->name, "%s_%d", base, suffix);
    }
    c->n++;
    return ch;
}

/* Whether the list already has a chart of that kind for that key (a module or indicator). */
static int has_chart(const pl_charts *c, kind k, const char *key)
{
    for (int i = 0; i < c->n; i++)
        if (c->charts[i].kind == k && strcmp(c->charts[i].key, key) == 0)
            return 1;
    return 0;
}

/* Adds the charts of one scope drawn from monthly.csv and annual.csv. */
static int add_scope(pl_charts *c, const char *scope, int in_report, eng_error *err)
{
    const pl_summary *m = c->d->monthly;
    char label[256];
    scope_label(c, scope, label, sizeof label);
    chart *ch;
    if (has_value(pl_summary_find(m, scope, "file_active"), PL_MEAN)) {
        if (!(ch = add(c, K_FILE_ACTIVE, "file_active", scope, 0, in_report, err)))
            return ENG_EFAIL;
        snprintf(ch->title, sizeof ch->title, "%s — %s",
                 tr(c, "File active (personnes accompagnées)", "Caseload (persons in support)"),
                 label);
    }
    int modules = 0, flows = 0;
    for (int i = 0; m && i < m->nindicators; i++) {
        const pl_series *s = pl_summary_find(m, scope, m->indicators[i]);
        modules += is_module_indicator(m->indicators[i]) && has_value(s, PL_MEAN);
        flows += (strcmp(m->indicators[i], "entries") == 0 || strcmp(m->indicators[i], "exits") == 0
                  || is_reason_indicator(m->indicators[i])) && has_value(s, PL_MEAN);
    }
    if (modules > 0) {
        if (!(ch = add(c, K_MODULES, "modules", scope, 0, in_report, err)))
            return ENG_EFAIL;
        snprintf(
            ch->title, sizeof ch->title, "%s — %s",
            tr(c, "Personnes par module et liste d'attente", "Persons per module and waiting list"),
            label);
    }
    if (flows > 0) {
        if (!(ch = add(c, K_FLOWS, "flows", scope, 0, in_report, err)))
            return ENG_EFAIL;
        snprintf(ch->title, sizeof ch->title, "%s — %s",
                 tr(c, "Entrées et sorties par mois, par motif",
                    "Entries and exits per month, by reason"),
                 label);
    }
    if (has_value(pl_summary_find(c->d->annual, scope, "funding_eur"), PL_MEAN)) {
        if (!(ch = add(c, K_BUDGET, "budget", scope, 0, in_report, err)))
            return ENG_EFAIL;
        snprintf(ch->title, sizeof ch->title, "%s — %s",
                 tr(c, "Budget par an", "Budget per year"), label);
    }
    return ENG_OK;
}

/* The department rows of costs.csv for a year with a cost per place, sorted by it. */
typedef struct cost_rows {
    const pl_cost *row[1024];
    int n;
    double reference;
} cost_rows;

static int cmp_cost(const void *a, const void *b)
{
    double x = (*(const pl_cost *const *)a)->cost_per_place;
    double y = (*(const pl_cost *const *)b)->cost_per_place;
    return (x > y) - (x < y);
}

static void cost_rows_of(const pl_data *d, int year, cost_rows *r)
{
    r->n = 0;
    r->reference = NAN;
    for (size_t i = 0; i < d->ncosts; i++) {
        const pl_cost *p = &d->costs[i];
        if (p->year != year)
            continue;
        if (isfinite(p->reference) && (p->region || isnan(r->reference)))
            r->reference = p->reference;
        if (!p->region && isfinite(p->cost_per_place) && r->n < 1024)
            r->row[r->n++] = p;
    }
    qsort(r->row, (size_t)r->n, sizeof r->row[0], cmp_cost);
}

/* Occupancy per department: capacity.csv at its latest date, else annual.csv's last year. */
typedef struct occ_rows {
    const char *scope[1024];
    double value[1024];
    int n;
    double region;           /* NaN when unknown */
    eng_date date;            /* the capacity date; year 0 when from annual.csv */
    int year;                /* the annual year; 0 when from capacity.csv */
} occ_rows;

static void occupancy_rows(const pl_charts *c, occ_rows *r)
{
    const pl_data *d = c->d;
    memset(r, 0, sizeof *r);
    r->region = NAN;
    long latest = 0;
    int found = 0;
    for (size_t i = 0; d->has_capacity && i < d->nobs; i++) {
        const pl_obs *o = &d->obs[i];
        if (o->places > 0 && isfinite(o->file_active)
            && (!found || eng_date_days(o->date) > latest)) {
            latest = eng_date_days(o->date);
            found = 1;
        }
    }
    if (found) {
        r->date = eng_date_from_days(latest);
        for (size_t i = 0; i < d->nobs; i++) {
            const pl_obs *o = &d->obs[i];
            if (!(o->places > 0 && isfinite(o->file_active)) || eng_date_days(o->date) != latest)
                continue;
            if (is_region(o->scope))
                r->region = o->file_active / o->places;
            else if (r->n < 1024) {
                r->scope[r->n] = o->scope;
                r->value[r->n++] = o->file_active / o->places;
            }
        }
    } else if (d->annual) {
        const pl_summary *a = d->annual;
        for (int i = 0; i < a->nseries; i++)
            if (strcmp(a->series[i].indicator, "occupancy") == 0 && a->series[i].n > 0)
                r->year = a->series[i].period[a->series[i].n - 1] > r->year
                              ? a->series[i].period[a->series[i].n - 1] : r->year;
        for (int i = 0; i < a->nscopes && r->year; i++) {
            double v =
                pl_series_at(pl_summary_find(a, a->scopes[i], "occupancy"), r->year, PL_MEAN);
            if (!isfinite(v))
                continue;
            if (is_region(a->scopes[i]))
                r->region = v;
            else if (r->n < 1024) {
                r->scope[r->n] = a->scopes[i];
                r->value[r->n++] = v;
            }
        }
    }
    /* Sorted by occupancy, lowest first (a few dozen departments: insertion sort). */
    for (int i = 1; i < r->n; i++)
        for (int j = i; j > 0 && r->value[j] < r->value[j - 1]; j--) {
            double v = r->value[j];
            r->value[j] = r->value[j - 1];
            r->value[j - 1] = v;
            const char *s = r->scope[j];
            r->scope[j] = r->scope[j - 1];
            r->scope[j - 1] = s;
        }
}

static int add_costs(pl_charts *c, eng_error *err)
{
    const pl_data *d = c->d;
    for (size_t i = 0; i < d->ncosts; i++) {
        /* Each year once: at its first row. */
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = d->costs[j].year == d->costs[i].year;
        if (seen)
            continue;
        cost_rows r;
        cost_rows_of(d, d->costs[i].year, &r);
        if (r.n == 0)
            continue;
        chart *ch = add(c, K_COSTS, "cost_per_place", NULL, d->costs[i].year, 1, err);
        if (!ch)
            return ENG_EFAIL;
        char y[32] = "";
        if (ch->year)
            snprintf(y, sizeof y, " — %d", ch->year);
        snprintf(ch->title, sizeof ch->title, "%s%s",
                 tr(c, "Coût à la place par département", "Cost per place by department"), y);
    }
    occ_rows o;
    occupancy_rows(c, &o);
    if (o.n >= 2) {
        chart *ch = add(c, K_OCCUPANCY, "occupancy", NULL, 0, 1, err);
        if (!ch)
            return ENG_EFAIL;
        char when[64];
        if (o.year)
            snprintf(when, sizeof when, "%s %d", tr(c, "fin", "end"), o.year);
        else
            snprintf(when, sizeof when, "%02d/%02d/%04d", o.date.day, o.date.month, o.date.year);
        snprintf(ch->title, sizeof ch->title, "%s — %s%s",
                 tr(c, "Taux d'occupation des places par département",
                    "Occupancy of places by department"),
                 when, o.year ? tr(c, " (simulé)", " (simulated)") : "");
    }
    return ENG_OK;
}

static int add_km(pl_charts *c, eng_error *err)
{
    const pl_data *d = c->d;
    for (size_t i = 0; i < d->nkm; i++) {
        if (has_chart(c, K_KM, d->km[i].module))
            continue;
        chart *ch = add(c, K_KM, "km", d->km[i].module, 0, 1, err);
        if (!ch)
            return ENG_EFAIL;
        snprintf(ch->title, sizeof ch->title, "%s « %s » : Kaplan–Meier",
                 tr(c, "Durée du module", "Time in module"), pl_module_label(ch->key, c->lang));
        for (size_t k = 0; k < d->nfits; k++) {
            if (!d->fits[k].chosen || strcmp(d->fits[k].module, ch->key) != 0)
                continue;
            if (eng_dist_parse(d->fits[k].parameters, &ch->fit, err) != ENG_OK) {
                eng_error_prefix(err, "fit.csv: module %s: \"%s\": ", ch->key,
                                d->fits[k].parameters);
                return ENG_EINPUT;
            }
            ch->fit_text = d->fits[k].parameters;
            snprintf(ch->title + strlen(ch->title), sizeof ch->title - strlen(ch->title), " %s",
                     tr(c, "et loi ajustée", "and fitted law"));
            break;
        }
    }
    return ENG_OK;
}

/* Indicators shown in the report when scenarios or a sweep are drawn. */
static int report_indicator(const char *indicator)
{
    static const char *const main[] = { "file_active", "waiting", "exits_emploi_durable",
                                        "cost_per_person_eur" };
    for (size_t i = 0; i < sizeof main / sizeof main[0]; i++)
        if (strcmp(indicator, main[i]) == 0)
            return 1;
    return 0;
}

/* Charts of scenarios.csv and sweep.csv: one per indicator of the whole region (or of the first
 * scope when the tables have no region). */
static int add_multi(pl_charts *c, eng_error *err)
{
    const pl_data *d = c->d;
    if (d->nscenario_rows > 0 && d->nscenarios > 0) {
        c->multi_scope = d->scenario_rows[0].scope;
        for (size_t i = 0; i < d->nscenario_rows; i++)
            if (is_region(d->scenario_rows[i].scope))
                c->multi_scope = d->scenario_rows[i].scope;
    }
    for (size_t i = 0; i < d->nscenario_rows && d->nscenarios > 0; i++) {
        const pl_scenario_row *r = &d->scenario_rows[i];
        if (strcmp(r->scope, c->multi_scope) != 0 || has_chart(c, K_SCENARIOS, r->indicator))
            continue;
        chart *ch =
            add(c, K_SCENARIOS, "scenarios", r->indicator, 0, report_indicator(r->indicator), err);
        if (!ch)
            return ENG_EFAIL;
        char label[128], scope[256];
        snprintf(ch->title, sizeof ch->title, "%s %s — %s",
                 pl_indicator_label(label, sizeof label, r->indicator, c->lang),
                 tr(c, "selon le scénario", "by scenario"),
                 scope_label(c, c->multi_scope, scope, sizeof scope));
        ch->title[0] = (char)toupper((unsigned char)ch->title[0]);
    }
    c->sweep_scope = d->nsweep > 0 ? d->sweep[0].scope : NULL;
    for (size_t i = 0; i < d->nsweep; i++) {
        if (is_region(d->sweep[i].scope))
            c->sweep_scope = d->sweep[i].scope;
        if (d->sweep[i].year > c->sweep_year)
            c->sweep_year = d->sweep[i].year;
    }
    for (size_t i = 0; i < d->nsweep; i++) {
        const pl_sweep_row *r = &d->sweep[i];
        if (strcmp(r->scope, c->sweep_scope) != 0 || r->year != c->sweep_year
            || has_chart(c, K_SWEEP, r->indicator))
            continue;
        chart *ch = add(c, K_SWEEP, "sweep", r->indicator, 0, report_indicator(r->indicator), err);
        if (!ch)
            return ENG_EFAIL;
        char label[128], keys[256] = "";
        for (int k = 0; k < d->nkeys; k++)
            snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s%s", k ? ", " : "",
                     d->keys[k]);
        char year[32] = "";
        if (c->sweep_year)
            snprintf(year, sizeof year, " %s %d", tr(c, "en", "in"), c->sweep_year);
        snprintf(ch->title, sizeof ch->title, "%s%s %s %s",
                 pl_indicator_label(label, sizeof label, r->indicator, c->lang), year,
                 tr(c, "selon", "by"), d->nkeys ? keys : tr(c, "le point", "point"));
        ch->title[0] = (char)toupper((unsigned char)ch->title[0]);
    }
    return ENG_OK;
}

int pl_charts_alloc(const pl_data *data, pl_lang lang, pl_charts **out, eng_error *err)
{
    *out = NULL;
    pl_charts *c = calloc(1, sizeof *c);
    if (!c)
        return eng_error_set(err, ENG_EFAIL, "out of memory");
    c->d = data;
    c->lang = lang;
    const char *whole = pl_data_region(data);
    const pl_summary *s = data->monthly ? data->monthly : data->annual;
    int status = whole ? add_scope(c, whole, 1, err) : ENG_OK;
    if (status == ENG_OK)
        status = add_costs(c, err);
    if (status == ENG_OK)
        status = add_km(c, err);
    if (status == ENG_OK)
        status = add_multi(c, err);
    for (int i = 1; s && i < s->nscopes && status == ENG_OK; i++)
        status = add_scope(c, s->scopes[i], 0, err);
    if (status != ENG_OK) {
        pl_charts_free(c);
        return status;
    }
    *out = c;
    return ENG_OK;
}

void pl_charts_free(pl_charts *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n; i++)
        eng_dist_clear(&c->charts[i].fit);
    free(c->charts);
    free(c);
}

int pl_charts_count(const pl_charts *c)
{
    return c->n;
}

const char *pl_charts_name(const pl_charts *c, int i)
{
    return c->charts[i].name;
}

const char *pl_charts_title(const pl_charts *c, int i)
{
    return c->charts[i].title;
}

int pl_charts_in_report(const pl_charts *c, int i)
{
    return c->charts[i].in_report;
}

/* ---- Axes ----------------------------------------------------------------------------------- */

static void put_num(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, " %.10g", v);
    else
        fputs(" NaN", f);
}

/* A step of 1, 2, 2.5 or 5 times a power of ten giving about `target` intervals over span. */
static double nice_step(double span, int target)
{
    double raw = span / target;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/* Sets the range of an axis ("x", "y" or "y2") around [lo, hi], with ticks at round values
 * labelled in the unit and language; the labels are computed here (grouped digits, decimal comma
 * in French) rather than by gnuplot, whose locale support depends on the machine. */
static void value_axis(const pl_charts *c, FILE *f, const char *axis, double lo, double hi,
                       pl_unit unit)
{
    if (!isfinite(lo))
        lo = 0;
    if (!isfinite(hi) || hi <= lo)
        hi = lo + (unit == PL_UNIT_SHARE ? 1 : 10);
    double step = nice_step(hi - lo, 6);
    double bottom = floor(lo / step + 1e-9) * step;
    double top = ceil(hi / step - 1e-9) * step;
    int decimals = 0;
    double scaled = unit == PL_UNIT_SHARE ? 100 * step : step;
    while (decimals < 6 &&
           fabs(scaled * pow(10, decimals) - round(scaled * pow(10, decimals))) > 1e-6)
        decimals++;
    fprintf(f, "set %srange [%.10g:%.10g]\nset %stics (", axis, bottom, top, axis);
    int n = (int)round((top - bottom) / step);
    for (int k = 0; k <= n; k++) {
        double v = bottom + k * step;
        char label[64];
        if (unit == PL_UNIT_SHARE)
            pl_pct(label, sizeof label, v, decimals, c->lang);
        else
            pl_value(label, sizeof label, v, unit, decimals, c->lang);
        fputs(k ? ", " : "", f);
        pl_gnuplot_tic(f, label);
        fprintf(f, " %.10g", v);
    }
    fputs(")\n", f);
}

/* The x axis in months over [lo, hi] (month indices), ticked every 1, 2, 3, 6 months or every 1,
 * 2, 5, 10 years: "janv. 2022" under a year, "2022" from a year up. */
static void month_axis(const pl_charts *c, FILE *f, double lo, double hi)
{
    static const int steps[] = { 1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200 };
    int step = steps[0];
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        step = steps[i];
        if ((hi - lo) / step <= 9)
            break;
    }
    fprintf(f, "set xrange [%.10g:%.10g]\nset xtics (", lo, hi);
    int first = 1;
    for (long m = (long)ceil(lo / step) * step; m <= hi; m += step) {
        char label[64];
        if (step >= 12)
            snprintf(label, sizeof label, "%ld", m / 12);
        else
            snprintf(label, sizeof label, "%s %ld", pl_month_name((int)(m % 12) + 1, 1, c->lang),
                     m / 12);
        fputs(first ? "" : ", ", f);
        pl_gnuplot_tic(f, label);
        fprintf(f, " %ld", m);
        first = 0;
    }
    fputs(")\n", f);
}

/* The x axis in whole years from y0 to y1. */
static void year_axis(FILE *f, int y0, int y1)
{
    int step = y1 - y0 > 15 ? (y1 - y0) / 10 + 1 : 1;
    fprintf(f, "set xrange [%g:%g]\nset xtics (", y0 - 0.6, y1 + 0.6);
    for (int y = y0; y <= y1; y += step)
        fprintf(f, "%s'%d' %d", y > y0 ? ", " : "", y, y);
    fputs(")\n", f);
}

/* ---- Drawing -------------------------------------------------------------------------------- */

static void begin(FILE *f, const chart *ch)
{
    fputs("reset\nset title ", f);
    pl_gnuplot_text(f, ch->title);
    fputs("\nset border 3 lc rgb '#444444'\nset tics nomirror out\n"
          "set grid ytics lc rgb '#dddddd' dt 1\nset key below center horizontal height 1\n"
          "set style fill solid 1.0 noborder\n", f);
}

/* One plot command built item by item: spec is written as is (it holds only this file's own
 * constants and numbers), the title always through pl_gnuplot_text. */
typedef struct plot {
    FILE *f;
    int n;
} plot;

static void item(plot *p, const char *title, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void item(plot *p, const char *title, const char *fmt, ...)
{
    fputs(p->n++ ? ", " : "plot ", p->f);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(p->f, fmt, ap);
    va_end(ap);
    fputs(" title ", p->f);
    pl_gnuplot_text(p->f, title);
}

static void plot_end(plot *p)
{
    fputc('\n', p->f);
}

/* The x position of an observation: its month index plus the elapsed share of the month. */
static double obs_x(eng_date d)
{
    eng_date next = { d.month == 12 ? d.year + 1 : d.year, d.month == 12 ? 1 : d.month + 1, 1 };
    eng_date first = { d.year, d.month, 1 };
    double days = (double)(eng_date_days(next) - eng_date_days(first));
    return eng_date_month_index(d) + d.day / days;
}

static void emit_file_active(const pl_charts *c, const chart *ch, FILE *f)
{
    const pl_series *fa = pl_summary_find(c->d->monthly, ch->key, "file_active");
    const pl_series *pl = pl_summary_find(c->d->monthly, ch->key, "places");
    double xlo = fa->period[0], xhi = fa->period[fa->n - 1] + 1, ymax = 0;
    fputs("$fa << EOD\n", f);
    for (int i = 0; i < fa->n; i++) {
        const double *v = fa->stat[i];
        fprintf(f, "%d", fa->period[i] + 1);
        put_num(f, v[PL_P05]);
        put_num(f, v[PL_P95]);
        put_num(f, v[PL_P25]);
        put_num(f, v[PL_P75]);
        put_num(f, v[PL_MEAN]);
        fputc('\n', f);
        for (int k = 0; k < PL_NSTATS; k++)
            if (isfinite(v[k]) && v[k] > ymax)
                ymax = v[k];
    }
    fputs("EOD\n", f);
    int places = has_value(pl, PL_MEAN);
    if (places) {
        /* Steps: each month's places hold from its start to its end. */
        fputs("$pl << EOD\n", f);
        for (int i = 0; i <= pl->n; i++) {
            double v = pl->stat[i < pl->n ? i : pl->n - 1][PL_MEAN];
            fprintf(f, "%d", i < pl->n ? pl->period[i] : pl->period[pl->n - 1] + 1);
            put_num(f, v);
            fputc('\n', f);
            if (isfinite(v) && v > ymax)
                ymax = v;
        }
        fputs("EOD\n", f);
    }
    int nobs = 0, obs_places = 0;
    double first_obs = xlo;
    for (size_t i = 0; i < c->d->nobs; i++) {
        const pl_obs *o = &c->d->obs[i];
        if (strcmp(o->scope, ch->key) != 0)
            continue;
        if (nobs++ == 0)
            fputs("$ob << EOD\n", f);
        double x = obs_x(o->date);
        fprintf(f, "%.10g", x);
        put_num(f, o->file_active);
        put_num(f, o->places);
        fputc('\n', f);
        obs_places += isfinite(o->places);
        xlo = fmin(xlo, x);
        xhi = fmax(xhi, x);
        first_obs = fmin(first_obs, x);
        if (isfinite(o->file_active))
            ymax = fmax(ymax, o->file_active);
        if (isfinite(o->places))
            ymax = fmax(ymax, o->places);
    }
    if (nobs)
        fputs("EOD\n", f);
    begin(f, ch);
    double pad = (xhi - xlo) * 0.02;
    month_axis(c, f, xlo - pad, xhi + pad);
    value_axis(c, f, "y", 0, ymax * 1.04, PL_UNIT_COUNT);
    fputs("set ylabel ", f);
    pl_gnuplot_text(f, tr(c, "Personnes", "Persons"));
    fputc('\n', f);
    if (first_obs < fa->period[0]) {
        /* Observations before the run: mark where the simulation takes over. */
        fprintf(f, "set arrow from %d, graph 0 to %d, graph 1 nohead dt 3 lc rgb '#888888'\n"
                   "set label 1 ", fa->period[0], fa->period[0]);
        pl_gnuplot_text(f, tr(c, " début de la simulation", " simulation starts"));
        fprintf(f, " at %d, graph 0.04 left textcolor rgb '#666666'\n", fa->period[0]);
    }
    plot p = { f, 0 };
    item(&p, tr(c, "intervalle 90 % des réplications", "90 % of replications"),
         "$fa using 1:2:3 with filledcurves lc rgb '#c6dbef'");
    item(&p, tr(c, "intervalle 50 %", "50 % of replications"),
         "$fa using 1:4:5 with filledcurves lc rgb '#6baed6'");
    item(&p, tr(c, "moyenne simulée", "simulated mean"),
         "$fa using 1:6 with lines lw 3 lc rgb '#08306b'");
    if (places)
        item(&p, tr(c, "places financées", "funded places"),
             "$pl using 1:2 with steps lw 2 dt 2 lc rgb '#d62728'");
    if (nobs)
        item(&p, tr(c, "file active observée", "observed caseload"),
             "$ob using 1:2 with points pt 7 ps 1.6 lc rgb '#000000'");
    if (obs_places)
        item(&p, tr(c, "places observées", "observed places"),
             "$ob using 1:3 with points pt 4 ps 1.6 lw 2 lc rgb '#d62728'");
    plot_end(&p);
}

static void emit_modules(const pl_charts *c, const chart *ch, FILE *f)
{
    const pl_summary *m = c->d->monthly;
    const pl_series *mods[64];
    int k = 0;
    for (int i = 0; i < m->nindicators && k < 64; i++) {
        const pl_series *s = pl_summary_find(m, ch->key, m->indicators[i]);
        if (is_module_indicator(m->indicators[i]) && has_value(s, PL_MEAN))
            mods[k++] = s;
    }
    const pl_series *waiting = pl_summary_find(m, ch->key, "waiting");
    const pl_series *ref = mods[0];
    double ymax = 0;
    /* Cumulated means: module j fills between columns j+2 and j+3. */
    fputs("$mo << EOD\n", f);
    for (int i = 0; i < ref->n; i++) {
        int period = ref->period[i];
        double sum = 0;
        fprintf(f, "%d 0", period + 1);
        for (int j = 0; j < k; j++) {
            double v = pl_series_at(mods[j], period, PL_MEAN);
            sum += isfinite(v) ? v : 0;
            put_num(f, sum);
        }
        double w = pl_series_at(waiting, period, PL_MEAN);
        put_num(f, w);
        fputc('\n', f);
        ymax = fmax(ymax, sum);
        if (isfinite(w))
            ymax = fmax(ymax, w);
    }
    fputs("EOD\n", f);
    begin(f, ch);
    month_axis(c, f, ref->period[0], ref->period[ref->n - 1] + 1);
    value_axis(c, f, "y", 0, ymax * 1.04, PL_UNIT_COUNT);
    fputs("set ylabel ", f);
    pl_gnuplot_text(
        f, tr(c, "Personnes (moyenne des réplications)", "Persons (mean of replications)"));
    fputc('\n', f);
    plot p = { f, 0 };
    for (int j = 0; j < k; j++)
        item(&p, pl_module_label(mods[j]->indicator + 12, c->lang),
             "$mo using 1:%d:%d with filledcurves lc rgb '%s'", j + 2, j + 3,
             area_colors[j % NCOLORS(area_colors)]);
    if (has_value(waiting, PL_MEAN))
        item(&p, tr(c, "liste d'attente", "waiting list"),
             "$mo using 1:%d with lines lw 3 lc rgb '#d62728'", k + 3);
    plot_end(&p);
}

static void emit_flows(const pl_charts *c, const chart *ch, FILE *f)
{
    const pl_summary *m = c->d->monthly;
    const pl_series *s[64];
    int k = 0;
    const char *order[] = { "entries", "exits" };
    for (int i = 0; i < 2; i++) {
        const pl_series *x = pl_summary_find(m, ch->key, order[i]);
        if (has_value(x, PL_MEAN))
            s[k++] = x;
    }
    for (int i = 0; i < m->nindicators && k < 64; i++) {
        const pl_series *x = pl_summary_find(m, ch->key, m->indicators[i]);
        if (is_reason_indicator(m->indicators[i]) && has_value(x, PL_MEAN))
            s[k++] = x;
    }
    int lo = s[0]->period[0], hi = s[0]->period[s[0]->n - 1];
    for (int j = 1; j < k; j++) {
        lo = s[j]->period[0] < lo ? s[j]->period[0] : lo;
        hi = s[j]->period[s[j]->n - 1] > hi ? s[j]->period[s[j]->n - 1] : hi;
    }
    double ymax = 0;
    fputs("$fl << EOD\n", f);
    for (int period = lo; period <= hi; period++) {
        fprintf(f, "%.1f", period + 0.5);
        for (int j = 0; j < k; j++) {
            double v = pl_series_at(s[j], period, PL_MEAN);
            put_num(f, v);
            if (isfinite(v))
                ymax = fmax(ymax, v);
        }
        fputc('\n', f);
    }
    fputs("EOD\n", f);
    begin(f, ch);
    month_axis(c, f, lo, hi + 1);
    value_axis(c, f, "y", 0, ymax * 1.04, PL_UNIT_COUNT);
    fputs("set ylabel ", f);
    pl_gnuplot_text(f, tr(c, "Personnes par mois (moyenne des réplications)",
                          "Persons per month (mean of replications)"));
    fputc('\n', f);
    plot p = { f, 0 };
    for (int j = 0; j < k; j++) {
        const char *ind = s[j]->indicator;
        char label[160];
        if (strcmp(ind, "entries") == 0)
            snprintf(label, sizeof label, "%s",
                     tr(c, "entrées (prescriptions)", "entries (referrals)"));
        else if (strcmp(ind, "exits") == 0)
            snprintf(label, sizeof label, "%s",
                     tr(c, "sorties, tous motifs", "exits, all reasons"));
        else
            snprintf(label, sizeof label, "%s", pl_reason_label(ind + 6, c->lang));
        int main_line = j < 2 && !is_reason_indicator(ind);
        item(&p, label, "$fl using 1:%d with lines lw %d dt %d lc rgb '%s'", j + 2,
             main_line ? 3 : 2, strcmp(ind, "exits") == 0 ? 2 : 1,
             line_colors[j % NCOLORS(line_colors)]);
    }
    plot_end(&p);
}

static void emit_budget(const pl_charts *c, const chart *ch, FILE *f)
{
    const pl_summary *a = c->d->annual;
    const pl_series *funding = pl_summary_find(a, ch->key, "funding_eur");
    const pl_series *spend = pl_summary_find(a, ch->key, "spend_eur");
    const pl_series *person = pl_summary_find(a, ch->key, "cost_per_person_eur");
    const pl_series *exit = pl_summary_find(a, ch->key, "cost_per_exit_emploi_eur");
    double y1 = 0, y2 = 0;
    int has_spend = 0;
    fputs("$bu << EOD\n", f);
    for (int i = 0; i < funding->n; i++) {
        int year = funding->period[i];
        double v[4] = { funding->stat[i][PL_MEAN], pl_series_at(spend, year, PL_MEAN),
                        pl_series_at(person, year, PL_MEAN), pl_series_at(exit, year, PL_MEAN) };
        fprintf(f, "%d", year);
        for (int k = 0; k < 4; k++) {
            put_num(f, v[k]);
            if (!isfinite(v[k]))
                continue;
            if (k < 2)
                y1 = fmax(y1, v[k]);
            else
                y2 = fmax(y2, v[k]);
        }
        has_spend |= v[1] > 0;
        fputc('\n', f);
    }
    fputs("EOD\n", f);
    begin(f, ch);
    fputs("set border 11 lc rgb '#444444'\nset boxwidth 0.36\n", f);
    year_axis(f, funding->period[0], funding->period[funding->n - 1]);
    value_axis(c, f, "y", 0, y1 * 1.04, PL_UNIT_EUR);
    int lines = has_value(person, PL_MEAN) || has_value(exit, PL_MEAN);
    if (lines) {
        value_axis(c, f, "y2", 0, y2 * 1.1, PL_UNIT_EUR);
        fputs("set y2label ", f);
        pl_gnuplot_text(f, tr(c, "€ par personne ou par sortie", "€ per person or per exit"));
        fputc('\n', f);
    }
    fputs("set ylabel ", f);
    pl_gnuplot_text(
        f, tr(c, "€ par an (moyenne des réplications)", "€ per year (mean of replications)"));
    fputc('\n', f);
    plot p = { f, 0 };
    item(&p, tr(c, "financement", "funding"),
         "$bu using ($1-%s):2 with boxes lc rgb '#4292c6'", has_spend ? "0.19" : "0");
    if (has_spend)
        item(&p, tr(c, "dépense en personnel", "staff spend"),
             "$bu using ($1+0.19):3 with boxes lc rgb '#fd8d3c'");
    if (has_value(person, PL_MEAN))
        item(&p, tr(c, "coût par personne accompagnée (axe de droite)",
                    "cost per person accompanied (right axis)"),
             "$bu using 1:4 axes x1y2 with linespoints lw 3 pt 7 ps 1.4 lc rgb '#08306b'");
    if (has_value(exit, PL_MEAN))
        item(&p, tr(c, "coût par sortie vers l'emploi durable (axe de droite)",
                    "cost per exit to lasting employment (right axis)"),
             "$bu using 1:5 axes x1y2 with linespoints lw 3 dt 2 pt 5 ps 1.4 lc rgb '#238b45'");
    plot_end(&p);
}

/* Horizontal bars, one per department from the bottom up, with the department's label on the y
 * axis and the value written at the end of the bar. */
static void bars(const pl_charts *c, FILE *f, int n, const char *const *labels, const double *v,
                 const int *flag, pl_unit unit, double xmax)
{
    fputs("set border 3 lc rgb '#444444'\nunset grid\nset grid xtics lc rgb '#dddddd'\n"
          "set style textbox opaque noborder\n", f);
    fprintf(f, "set yrange [0.4:%g]\nset ytics scale 0 (", n + 0.6);
    for (int i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        pl_gnuplot_tic(f, labels[i]);
        fprintf(f, " %d", i + 1);
    }
    fputs(")\n", f);
    if (n > 30)
        fputs("set ytics font ',8'\n", f);
    value_axis(c, f, "x", 0, xmax, unit);
    for (int i = 0; i < n; i++) {
        char text[64];
        pl_value(text, sizeof text, v[i], unit, 0, c->lang);
        fprintf(f, "set label %d ", i + 10);
        pl_gnuplot_text(f, text);
        fprintf(f, " at %.10g, %d offset character 0.5, 0 left front boxed\n", v[i], i + 1);
    }
    for (int group = 0; group < 2; group++) {
        int any = 0;
        for (int i = 0; i < n; i++) {
            if (flag[i] != group)
                continue;
            if (!any++)
                fprintf(f, "$b%d << EOD\n", group);
            fprintf(f, "%.10g %d\n", v[i], i + 1);
        }
        if (any)
            fputs("EOD\n", f);
        else
            fprintf(f, "$b%d << EOD\nNaN NaN\nEOD\n", group);
    }
}

static void emit_costs(const pl_charts *c, const chart *ch, FILE *f)
{
    cost_rows r;
    cost_rows_of(c->d, ch->year, &r);
    const char *labels[1024];
    double v[1024];
    int flag[1024], outside = 0;
    double xmax = isfinite(r.reference) ? r.reference : 0;
    for (int i = 0; i < r.n; i++) {
        labels[i] = r.row[i]->name[0] ? r.row[i]->name : r.row[i]->department;
        v[i] = r.row[i]->cost_per_place;
        flag[i] = r.row[i]->outside;
        outside += flag[i];
        xmax = fmax(xmax, v[i]);
    }
    if (isfinite(r.reference))
        fprintf(f, "$rf << EOD\n%.10g 0.4\n%.10g %g\nEOD\n", r.reference, r.reference, r.n + 0.6);
    begin(f, ch);
    bars(c, f, r.n, labels, v, flag, PL_UNIT_EUR, xmax * 1.15);
    fputs("set xlabel ", f);
    pl_gnuplot_text(f, tr(c, "€ par place et par an", "€ per place per year"));
    fputc('\n', f);
    plot p = { f, 0 };
    item(&p, tr(c, "dans la tolérance", "within tolerance"),
         "$b0 using (0):2:(0):1:($2-0.35):($2+0.35) with boxxyerror lc rgb '#6baed6'");
    if (outside)
        item(&p, tr(c, "hors tolérance", "outside tolerance"),
             "$b1 using (0):2:(0):1:($2-0.35):($2+0.35) with boxxyerror lc rgb '#fd8d3c'");
    if (isfinite(r.reference)) {
        char label[128], amount[64];
        snprintf(label, sizeof label, "%s %s", tr(c, "référence", "reference"),
                 pl_eur(amount, sizeof amount, r.reference, c->lang));
        item(&p, label, "$rf using 1:2 with lines lw 3 dt 2 lc rgb '#d62728'");
    }
    plot_end(&p);
}

static void emit_occupancy(const pl_charts *c, const chart *ch, FILE *f)
{
    occ_rows o;
    occupancy_rows(c, &o);
    const char *labels[1024];
    int flag[1024];
    double xmax = 1;
    for (int i = 0; i < o.n; i++) {
        const char *name = pl_data_name(c->d, o.scope[i]);
        labels[i] = name && name[0] ? name : o.scope[i];
        flag[i] = o.value[i] > 1;
        xmax = fmax(xmax, o.value[i]);
    }
    fprintf(f, "$hu << EOD\n1 0.4\n1 %g\nEOD\n", o.n + 0.6);
    if (isfinite(o.region))
        fprintf(f, "$rg << EOD\n%.10g 0.4\n%.10g %g\nEOD\n", o.region, o.region, o.n + 0.6);
    begin(f, ch);
    bars(c, f, o.n, labels, o.value, flag, PL_UNIT_SHARE, xmax * 1.12);
    fputs("set xlabel ", f);
    pl_gnuplot_text(f, tr(c, "Personnes accompagnées / places financées",
                          "Persons in support / funded places"));
    fputc('\n', f);
    plot p = { f, 0 };
    item(&p, tr(c, "sous les places", "below the places"),
         "$b0 using (0):2:(0):1:($2-0.35):($2+0.35) with boxxyerror lc rgb '#6baed6'");
    for (int i = 0; i < o.n; i++)
        if (flag[i]) {
            item(&p, tr(c, "au-delà des places", "above the places"),
                 "$b1 using (0):2:(0):1:($2-0.35):($2+0.35) with boxxyerror lc rgb '#fd8d3c'");
            break;
        }
    item(&p, tr(c, "100 % des places", "100 % of places"),
         "$hu using 1:2 with lines lw 2 lc rgb '#444444'");
    if (isfinite(o.region)) {
        char label[128], pct[64];
        snprintf(label, sizeof label, "%s %s", tr(c, "région :", "region:"),
                 pl_pct(pct, sizeof pct, o.region, 1, c->lang));
        item(&p, label, "$rg using 1:2 with lines lw 3 dt 2 lc rgb '#d62728'");
    }
    plot_end(&p);
}

/* The survival function P(D > t) of a duration law, from GSL's upper-tail distribution functions
 * with the derived parameters of eng_dist (gamma shape and scale, lognormal mu and sigma, Weibull
 * scale and shape). */
static double survival(const eng_dist *d, double t)
{
    switch (d->kind) {
    case ENG_DIST_EXPONENTIAL:
        return gsl_cdf_exponential_Q(t, d->a);
    case ENG_DIST_GAMMA:
        return gsl_cdf_gamma_Q(t, d->a, d->b);
    case ENG_DIST_LOGNORMAL:
        return t > 0 ? gsl_cdf_lognormal_Q(t, d->a, d->b) : 1;
    case ENG_DIST_WEIBULL:
        return gsl_cdf_weibull_Q(t, d->a, d->b);
    case ENG_DIST_FIXED:
        return t < d->a ? 1 : 0;
    case ENG_DIST_EMPIRICAL: {
        size_t above = 0;
        for (size_t i = 0; i < d->n; i++)
            above += d->values[i] > t;
        return d->n ? (double)above / d->n : 1;
    }
    default:
        return 1;
    }
}

static int cmp_km(const void *a, const void *b)
{
    double x = ((const pl_km *)a)->time, y = ((const pl_km *)b)->time;
    return (x > y) - (x < y);
}

/* The rows of one module sorted by time, in a new array (NULL when out of memory). */
static pl_km *km_rows(const pl_data *d, const char *module, size_t *n)
{
    pl_km *rows = malloc((d->nkm ? d->nkm : 1) * sizeof *rows);
    *n = 0;
    if (!rows)
        return NULL;
    for (size_t i = 0; i < d->nkm; i++)
        if (strcmp(d->km[i].module, module) == 0)
            rows[(*n)++] = d->km[i];
    qsort(rows, *n, sizeof *rows, cmp_km);
    return rows;
}

static void emit_km(const pl_charts *c, const chart *ch, FILE *f)
{
    size_t n;
    pl_km *rows = km_rows(c->d, ch->key, &n);
    begin(f, ch);
    double tmax = 1;
    /* The curve drawn as steps: each row's drop happens at its time. */
    fputs("$km << EOD\n0 1 1 1\n", f);
    double s = 1, lo = 1, hi = 1;
    for (size_t i = 0; rows && i < n; i++) {
        fprintf(f, "%.10g", rows[i].time);
        put_num(f, s);
        put_num(f, lo);
        put_num(f, hi);
        s = rows[i].survival;
        lo = rows[i].lower;
        hi = rows[i].upper;
        fprintf(f, "\n%.10g", rows[i].time);
        put_num(f, s);
        put_num(f, lo);
        put_num(f, hi);
        fputc('\n', f);
        tmax = fmax(tmax, rows[i].time);
    }
    fputs("EOD\n", f);
    free(rows);
    value_axis(c, f, "x", 0, tmax, PL_UNIT_COUNT);
    value_axis(c, f, "y", 0, 1, PL_UNIT_SHARE);
    fputs("set xlabel ", f);
    pl_gnuplot_text(f, tr(c, "Mois dans le module", "Months in the module"));
    fputs("\nset ylabel ", f);
    pl_gnuplot_text(f, tr(c, "Part encore dans le module", "Share still in the module"));
    fputs("\nset key top right inside vertical opaque box lc rgb '#cccccc'\n", f);
    if (ch->fit.kind != ENG_DIST_NONE) {
        fputs("$pf << EOD\n", f);
        for (int i = 0; i <= 200; i++) {
            double t = tmax * i / 200.0;
            fprintf(f, "%.10g", t);
            put_num(f, survival(&ch->fit, t));
            fputc('\n', f);
        }
        fputs("EOD\n", f);
    }
    plot p = { f, 0 };
    item(&p, tr(c, "intervalle de confiance à 95 %", "95 % confidence band"),
         "$km using 1:3:4 with filledcurves lc rgb '#c6dbef'");
    item(&p, "Kaplan–Meier", "$km using 1:2 with lines lw 3 lc rgb '#08306b'");
    if (ch->fit.kind != ENG_DIST_NONE) {
        char label[600];
        snprintf(label, sizeof label, "%s %s", tr(c, "loi retenue :", "chosen law:"), ch->fit_text);
        item(&p, label, "$pf using 1:2 with lines lw 3 dt 2 lc rgb '#d62728'");
    }
    plot_end(&p);
}

static void emit_scenarios(const pl_charts *c, const chart *ch, FILE *f)
{
    const pl_data *d = c->d;
    int y0 = 0, y1 = 0;
    double lo = 0, hi = 0;
    for (size_t i = 0; i < d->nscenario_rows; i++) {
        const pl_scenario_row *r = &d->scenario_rows[i];
        if (strcmp(r->scope, c->multi_scope) != 0 || strcmp(r->indicator, ch->key) != 0)
            continue;
        y0 = y0 == 0 || r->year < y0 ? r->year : y0;
        y1 = r->year > y1 ? r->year : y1;
        for (int k = 0; k < d->nscenarios; k++)
            if (isfinite(r->values[k])) {
                lo = fmin(lo, r->values[k]);
                hi = fmax(hi, r->values[k]);
            }
    }
    fputs("$sc << EOD\n", f);
    for (int y = y0; y <= y1; y++)
        for (size_t i = 0; i < d->nscenario_rows; i++) {
            const pl_scenario_row *r = &d->scenario_rows[i];
            if (r->year != y || strcmp(r->scope, c->multi_scope) != 0
                || strcmp(r->indicator, ch->key) != 0)
                continue;
            fprintf(f, "%d", y);
            for (int k = 0; k < d->nscenarios; k++)
                put_num(f, r->values[k]);
            fputc('\n', f);
            break;
        }
    fputs("EOD\n", f);
    begin(f, ch);
    year_axis(f, y0, y1);
    pl_unit unit = pl_indicator_unit(ch->key);
    value_axis(c, f, "y", lo, hi * 1.05, unit);
    plot p = { f, 0 };
    for (int k = 0; k < d->nscenarios; k++)
        item(&p, d->scenarios[k], "$sc using 1:%d with linespoints lw 3 pt %d ps 1.3 lc rgb '%s'",
             k + 2, 5 + 2 * (k % 4), line_colors[k % NCOLORS(line_colors)]);
    plot_end(&p);
}

/* The points of the sweep for one indicator in its scope and last year, in point order. */
static int sweep_rows(const pl_charts *c, const char *indicator, const pl_sweep_row **rows, int max)
{
    const pl_data *d = c->d;
    int n = 0;
    for (size_t i = 0; i < d->nsweep && n < max; i++)
        if (strcmp(d->sweep[i].scope, c->sweep_scope) == 0 && d->sweep[i].year == c->sweep_year
            && strcmp(d->sweep[i].indicator, indicator) == 0)
            rows[n++] = &d->sweep[i];
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && rows[j]->point < rows[j - 1]->point; j--) {
            const pl_sweep_row *t = rows[j];
            rows[j] = rows[j - 1];
            rows[j - 1] = t;
        }
    return n;
}

/* Whether the sweep varies one key whose values are all numbers (then drawn on a numeric axis). */
static int sweep_numeric(const pl_charts *c, const pl_sweep_row *const *rows, int n)
{
    double v;
    if (c->d->nkeys != 1)
        return 0;
    for (int i = 0; i < n; i++)
        if (eng_parse_double(rows[i]->keys[0], &v) != 0)
            return 0;
    return 1;
}

static void emit_sweep(const pl_charts *c, const chart *ch, FILE *f)
{
    const pl_sweep_row *rows[1024];
    int n = sweep_rows(c, ch->key, rows, 1024);
    int numeric = sweep_numeric(c, rows, n);
    double lo = 0, hi = 0, xlo = 0, xhi = 0;
    fputs("$sw << EOD\n", f);
    for (int i = 0; i < n; i++) {
        double x = i + 1;
        if (numeric)
            eng_parse_double(rows[i]->keys[0], &x);
        fprintf(f, "%.10g", x);
        put_num(f, rows[i]->mean);
        put_num(f, isfinite(rows[i]->p05) ? rows[i]->p05 : rows[i]->mean);
        put_num(f, isfinite(rows[i]->p95) ? rows[i]->p95 : rows[i]->mean);
        fputc('\n', f);
        xlo = i == 0 ? x : fmin(xlo, x);
        xhi = i == 0 ? x : fmax(xhi, x);
        double v[3] = { rows[i]->mean, rows[i]->p05, rows[i]->p95 };
        for (int k = 0; k < 3; k++)
            if (isfinite(v[k])) {
                lo = fmin(lo, v[k]);
                hi = fmax(hi, v[k]);
            }
    }
    fputs("EOD\n", f);
    begin(f, ch);
    if (numeric) {
        double pad = xhi > xlo ? (xhi - xlo) * 0.05 : 1;
        value_axis(c, f, "x", xlo - pad, xhi + pad, PL_UNIT_COUNT);
        fputs("set xlabel ", f);
        pl_gnuplot_text(f, c->d->keys[0]);
        fputc('\n', f);
    } else {
        fprintf(f, "set xrange [0.5:%g]\nset xtics rotate by -20 (", n + 0.5);
        for (int i = 0; i < n; i++) {
            char label[512] = "";
            for (int k = 0; k < c->d->nkeys; k++)
                snprintf(label + strlen(label), sizeof label - strlen(label), "%s%s=%s",
                         k ? ", " : "", c->d->keys[k], rows[i]->keys[k]);
            fputs(i ? ", " : "", f);
            pl_gnuplot_tic(f, c->d->nkeys ? label : "");
            fprintf(f, " %d", i + 1);
        }
        fputs(")\n", f);
    }
    value_axis(c, f, "y", lo, hi * 1.05, pl_indicator_unit(ch->key));
    plot p = { f, 0 };
    item(&p, tr(c, "moyenne et intervalle 90 %", "mean and 90 % band"),
         "$sw using 1:2:3:4 with yerrorlines lw 3 pt 7 ps 1.3 lc rgb '#08306b'");
    plot_end(&p);
}

void pl_charts_emit(const pl_charts *c, int i, FILE *script)
{
    const chart *ch = &c->charts[i];
    switch (ch->kind) {
    case K_FILE_ACTIVE:
        emit_file_active(c, ch, script);
        break;
    case K_MODULES:
        emit_modules(c, ch, script);
        break;
    case K_FLOWS:
        emit_flows(c, ch, script);
        break;
    case K_BUDGET:
        emit_budget(c, ch, script);
        break;
    case K_COSTS:
        emit_costs(c, ch, script);
        break;
    case K_OCCUPANCY:
        emit_occupancy(c, ch, script);
        break;
    case K_KM:
        emit_km(c, ch, script);
        break;
    case K_SCENARIOS:
        emit_scenarios(c, ch, script);
        break;
    case K_SWEEP:
        emit_sweep(c, ch, script);
        break;
    }
}

/* ---- Readings ------------------------------------------------------------------------------- */

static eng_date month_end(int period)
{
    int year = period / 12, month = period % 12 + 1;
    eng_date next = { month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1 };
    return eng_date_from_days(eng_date_days(next) - 1);
}

/* "régionale" or "de Haute-Garonne (31)" after "La file active"; "regional" or "of ..." in English.
 */
static void read_file_active(const pl_charts *c, const chart *ch, char *buf, size_t size)
{
    const pl_series *fa = pl_summary_find(c->d->monthly, ch->key, "file_active");
    const pl_series *pl = pl_summary_find(c->d->monthly, ch->key, "places");
    int last = fa->n - 1;
    double from = fa->stat[0][PL_MEAN];
    eng_date from_date = month_end(fa->period[0]);
    /* Start from the latest observation up to the start of the run, when there is one. */
    for (size_t i = 0; i < c->d->nobs; i++) {
        const pl_obs *o = &c->d->obs[i];
        if (strcmp(o->scope, ch->key) == 0 && isfinite(o->file_active)
            && obs_x(o->date) <= fa->period[0] + 1e-9) {
            from = o->file_active;
            from_date = o->date;
        }
    }
    double to = fa->stat[last][PL_MEAN];
    double places = pl_series_at(pl, fa->period[last], PL_MEAN);
    char a[64], b[64], d1[64], d2[64], label[256], pct[64], pn[64], tail[192] = "";
    pl_num(a, sizeof a, from, 0, c->lang);
    pl_num(b, sizeof b, to, 0, c->lang);
    pl_date_phrase(d1, sizeof d1, from_date, c->lang);
    pl_date_phrase(d2, sizeof d2, month_end(fa->period[last]), c->lang);
    scope_label(c, ch->key, label, sizeof label);
    if (places > 0)
        snprintf(tail, sizeof tail,
                 c->lang == PL_EN ? " (%s of the %s places)" : " (%s des %s places)",
                 pl_pct(pct, sizeof pct, to / places, 1, c->lang),
                 pl_num(pn, sizeof pn, places, 0, c->lang));
    if (c->lang == PL_EN)
        snprintf(buf, size, "The caseload %s%s goes from %s to %s persons between %s and %s%s.",
                 is_region(ch->key) ? "of the region" : "of ", is_region(ch->key) ? "" : label,
                 a, b, d1, d2, tail);
    else
        snprintf(buf, size, "La file active %s%s passe de %s à %s personnes entre %s et %s%s.",
                 is_region(ch->key) ? "régionale" : "de ", is_region(ch->key) ? "" : label,
                 a, b, d1, d2, tail);
}

static void read_modules(const pl_charts *c, const chart *ch, char *buf, size_t size)
{
    const pl_summary *m = c->d->monthly;
    const pl_series *fa = pl_summary_find(m, ch->key, "file_active");
    const char *best = NULL;
    double best_v = -1, total = 0;
    int period = 0;
    for (int i = 0; i < m->nindicators; i++) {
        const pl_series *s = pl_summary_find(m, ch->key, m->indicators[i]);
        if (!is_module_indicator(m->indicators[i]) || !has_value(s, PL_MEAN))
            continue;
        if (!best)
            period = s->period[s->n - 1];
        double v = pl_series_at(s, period, PL_MEAN);
        if (!isfinite(v))
            continue;
        total += v;
        if (v > best_v) {
            best_v = v;
            best = m->indicators[i] + 12;
        }
    }
    double all = has_value(fa, PL_MEAN) ? pl_series_at(fa, period, PL_MEAN) : total;
    double waiting = pl_series_at(pl_summary_find(m, ch->key, "waiting"), period, PL_MEAN);
    char when[64], n[64], pct[64], w[64], tail[160] = "";
    pl_date_phrase(when, sizeof when, month_end(period), c->lang);
    when[0] = (char)toupper((unsigned char)when[0]);
    if (isfinite(waiting))
        snprintf(tail, sizeof tail, c->lang == PL_EN ? "; the waiting list holds %s persons"
                                                     : " ; la liste d'attente compte %s personnes",
                 pl_num(w, sizeof w, waiting, 0, c->lang));
    if (c->lang == PL_EN)
        snprintf(buf, size, "%s, the module \u201c%s\u201d holds the most persons (%s, %s of the "
                 "caseload)%s.", when, best ? pl_module_label(best, c->lang) : "?",
                 pl_num(n, sizeof n, best_v, 0, c->lang),
                 pl_pct(pct, sizeof pct, all > 0 ? best_v / all : NAN, 0, c->lang), tail);
    else
        snprintf(buf, size, "%s, le module « %s » compte le plus de personnes (%s, soit %s de la "
                 "file active)%s.", when, best ? pl_module_label(best, c->lang) : "?",
                 pl_num(n, sizeof n, best_v, 0, c->lang),
                 pl_pct(pct, sizeof pct, all > 0 ? best_v / all : NAN, 0, c->lang), tail);
}

/* The mean over the months of a series' means, and their sum. */
static double series_sum(const pl_series *s, int *count)
{
    double sum = 0;
    *count = 0;
    for (int i = 0; s && i < s->n; i++)
        if (isfinite(s->stat[i][PL_MEAN])) {
            sum += s->stat[i][PL_MEAN];
            (*count)++;
        }
    return sum;
}

static void read_flows(const pl_charts *c, const chart *ch, char *buf, size_t size)
{
    const pl_summary *m = c->d->monthly;
    int ne, nx;
    double entries = series_sum(pl_summary_find(m, ch->key, "entries"), &ne);
    double exits = series_sum(pl_summary_find(m, ch->key, "exits"), &nx);
    /* The reason spoken of: lasting employment when the scenario has it, else the largest. */
    const char *reason = NULL;
    double reason_sum = -1;
    for (int i = 0; i < m->nindicators; i++) {
        if (!is_reason_indicator(m->indicators[i]))
            continue;
        int k;
        double v = series_sum(pl_summary_find(m, ch->key, m->indicators[i]), &k);
        if (k == 0)
            continue;
        if (strcmp(m->indicators[i], "exits_emploi_durable") == 0) {
            reason = m->indicators[i] + 6;
            reason_sum = v;
            break;
        }
        if (v > reason_sum) {
            reason = m->indicators[i] + 6;
            reason_sum = v;
        }
    }
    char a[64], b[64], pct[64], tail[256] = "";
    if (reason && exits > 0)
        snprintf(tail, sizeof tail, c->lang == PL_EN ? ", %s of them for \u201c%s\u201d"
                                                     : ", dont %s pour le motif « %s »",
                 pl_pct(pct, sizeof pct, reason_sum / exits, 0, c->lang),
                 pl_reason_label(reason, c->lang));
    pl_num(a, sizeof a, ne ? entries / ne : NAN, 1, c->lang);
    pl_num(b, sizeof b, nx ? exits / nx : NAN, 1, c->lang);
    if (c->lang == PL_EN)
        snprintf(buf, size, "Over the period, %s entries a month on average against %s exits%s.",
                 a, b, tail);
    else
        snprintf(buf, size, "Sur la période, %s entrées par mois en moyenne pour %s sorties%s.", a,
                 b, tail);
}

static void read_budget(const pl_charts *c, const chart *ch, int year, char *buf, size_t size)
{
    const pl_summary *a = c->d->annual;
    const pl_series *funding = pl_summary_find(a, ch->key, "funding_eur");
    if (!isfinite(pl_series_at(funding, year, PL_MEAN)))
        year = funding->period[funding->n - 1];
    double f = pl_series_at(funding, year, PL_MEAN);
    double s = pl_series_at(pl_summary_find(a, ch->key, "spend_eur"), year, PL_MEAN);
    double p = pl_series_at(pl_summary_find(a, ch->key, "cost_per_person_eur"), year, PL_MEAN);
    double e = pl_series_at(pl_summary_find(a, ch->key, "cost_per_exit_emploi_eur"), year, PL_MEAN);
    char fs[64], ss[64], ps[64], es[64];
    int n = snprintf(buf, size,
                     c->lang == PL_EN ? "In %d, funding is %s" : "En %d, le financement est de %s",
                     year, pl_eur(fs, sizeof fs, f, c->lang));
    if (s > 0 && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - n, c->lang == PL_EN ? " against a staff spend of %s"
                                                          : " pour une dépense en personnel de %s",
                      pl_eur(ss, sizeof ss, s, c->lang));
    if (isfinite(p) && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - n, c->lang == PL_EN ? "; a person accompanied costs %s"
                                                          : " ; une personne accompagnée coûte %s",
                      pl_eur(ps, sizeof ps, p, c->lang));
    if (isfinite(e) && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - n,
                      c->lang == PL_EN ? " and an exit to lasting employment %s"
                                       : " et une sortie vers l'emploi durable %s",
                      pl_eur(es, sizeof es, e, c->lang));
    if (n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - n, ".");
}

static void read_costs(const pl_charts *c, const chart *ch, char *buf, size_t size)
{
    cost_rows r;
    cost_rows_of(c->d, ch->year, &r);
    const pl_cost *lo = r.row[0], *hi = r.row[r.n - 1];
    int outside = 0;
    for (int i = 0; i < r.n; i++)
        outside += r.row[i]->outside;
    char y[32] = "", a[64], b[64], ref[64], range[512], count[160];
    if (ch->year)
        snprintf(y, sizeof y, c->lang == PL_EN ? "In %d, " : "En %d, ", ch->year);
    pl_eur(a, sizeof a, lo->cost_per_place, c->lang);
    pl_eur(b, sizeof b, hi->cost_per_place, c->lang);
    pl_eur(ref, sizeof ref, r.reference, c->lang);
    if (strcmp(a, b) == 0)
        snprintf(range, sizeof range, c->lang == PL_EN ? "the cost per place is %s everywhere"
                                                       : "le coût à la place est partout de %s", a);
    else
        snprintf(range, sizeof range,
                 c->lang == PL_EN ? "the cost per place ranges from %s (%s) to %s (%s)"
                                  : "le coût à la place va de %s (%s) à %s (%s)",
                 a, lo->name, b, hi->name);
    if (outside == 0)
        snprintf(count, sizeof count, c->lang == PL_EN ? "none of the %d departments is"
                                                       : "aucun des %d départements n'est", r.n);
    else if (c->lang == PL_EN)
        snprintf(count, sizeof count, outside == 1 ? "%d of %d departments is"
                                                   : "%d of %d departments are", outside, r.n);
    else
        snprintf(count, sizeof count, outside == 1 ? "%d département sur %d est"
                                                   : "%d départements sur %d sont", outside, r.n);
    snprintf(buf, size,
             c->lang == PL_EN ? "%s%s, against a reference of %s; %s outside the tolerance."
                              : "%s%s, pour une référence de %s ; %s hors de la tolérance.",
             y, range, ref, count);
    buf[0] = (char)toupper((unsigned char)buf[0]);
}

static void read_occupancy(const pl_charts *c, char *buf, size_t size)
{
    occ_rows o;
    occupancy_rows(c, &o);
    char when[64], a[64], b[64], rg[128] = "", pct[64], la[160], lb[160];
    if (o.year)
        snprintf(when, sizeof when, c->lang == PL_EN ? "At the end of %d" : "Fin %d", o.year);
    else
        snprintf(when, sizeof when, c->lang == PL_EN ? "On %02d/%02d/%04d" : "Au %02d/%02d/%04d",
                 o.date.day, o.date.month, o.date.year);
    if (isfinite(o.region))
        snprintf(rg, sizeof rg, c->lang == PL_EN ? "; %s for the region" : " ; %s pour la région",
                 pl_pct(pct, sizeof pct, o.region, 1, c->lang));
    const char *n0 = pl_data_name(c->d, o.scope[0]), *n1 = pl_data_name(c->d, o.scope[o.n - 1]);
    snprintf(la, sizeof la, "%s", n0 && n0[0] ? n0 : o.scope[0]);
    snprintf(lb, sizeof lb, "%s", n1 && n1[0] ? n1 : o.scope[o.n - 1]);
    pl_pct(a, sizeof a, o.value[0], 1, c->lang);
    pl_pct(b, sizeof b, o.value[o.n - 1], 1, c->lang);
    if (strcmp(a, b) == 0)
        snprintf(buf, size,
                 c->lang == PL_EN ? "%s, occupancy is %s in every department%s."
                                  : "%s, le taux d'occupation est de %s dans chaque département%s.",
                 when, a, rg);
    else
        snprintf(buf, size,
                 c->lang == PL_EN ? "%s, occupancy ranges from %s (%s) to %s (%s)%s."
                                  : "%s, le taux d'occupation va de %s (%s) à %s (%s)%s.",
                 when, a, la, b, lb, rg);
}

static void read_km(const pl_charts *c, const chart *ch, char *buf, size_t size)
{
    size_t n;
    pl_km *rows = km_rows(c->d, ch->key, &n);
    double median = NAN, tmax = 0;
    for (size_t i = 0; rows && i < n; i++) {
        tmax = fmax(tmax, rows[i].time);
        if (isnan(median) && rows[i].survival <= 0.5 + 1e-12)
            median = rows[i].time;
    }
    free(rows);
    const char *module = pl_module_label(ch->key, c->lang);
    char t[64], tail[600] = "";
    if (ch->fit.kind != ENG_DIST_NONE)
        snprintf(tail, sizeof tail,
                 c->lang == PL_EN ? "; the chosen law is %s" : " ; la loi retenue est %s",
                 ch->fit_text);
    if (isfinite(median))
        snprintf(buf, size,
                 c->lang == PL_EN
                     ? "Half of the persons leave the module \u201c%s\u201d within %s months "
                       "(Kaplan–Meier median)%s."
                     : "La moitié des personnes quitte le module « %s » en moins de %s mois "
                       "(médiane de Kaplan–Meier)%s.",
                 module, pl_num(t, sizeof t, median, 1, c->lang), tail);
    else
        snprintf(buf, size, c->lang == PL_EN
                 ? "More than half of the persons are still in the module \u201c%s\u201d after %s "
                   "months%s."
                 : "Plus de la moitié des personnes sont encore dans le module « %s » après %s "
                   "mois%s.", module, pl_num(t, sizeof t, tmax, 1, c->lang), tail);
}

static void read_scenarios(const pl_charts *c, const chart *ch, char *buf, size_t size)
{
    const pl_data *d = c->d;
    const pl_scenario_row *last = NULL;
    for (size_t i = 0; i < d->nscenario_rows; i++) {
        const pl_scenario_row *r = &d->scenario_rows[i];
        if (strcmp(r->scope, c->multi_scope) == 0 && strcmp(r->indicator, ch->key) == 0
            && (!last || r->year > last->year))
            last = r;
    }
    int lo = -1, hi = -1;
    for (int k = 0; k < d->nscenarios; k++) {
        if (!isfinite(last->values[k]))
            continue;
        if (lo < 0 || last->values[k] < last->values[lo])
            lo = k;
        if (hi < 0 || last->values[k] > last->values[hi])
            hi = k;
    }
    char label[128], a[64], b[64];
    pl_indicator_label(label, sizeof label, ch->key, c->lang);
    pl_unit unit = pl_indicator_unit(ch->key);
    if (lo < 0) {
        snprintf(buf, size,
                 c->lang == PL_EN ? "No scenario gives a value for %s in %d."
                                  : "Aucun scénario ne donne de valeur pour « %s » en %d.",
                 label, last->year);
        return;
    }
    pl_value(a, sizeof a, last->values[lo], unit, 0, c->lang);
    pl_value(b, sizeof b, last->values[hi], unit, 0, c->lang);
    if (strcmp(a, b) == 0)
        snprintf(buf, size,
                 c->lang == PL_EN ? "In %d, %s is %s in every scenario."
                                  : "En %d, l'indicateur « %s » vaut %s dans tous les scénarios.",
                 last->year, label, a);
    else
        snprintf(
            buf, size,
            c->lang == PL_EN
                ? "In %d, %s ranges from %s (scenario \u201c%s\u201d) to %s (scenario "
                  "\u201c%s\u201d)."
                : "En %d, l'indicateur « %s » va de %s (scénario « %s ») à %s (scénario « %s »).",
            last->year, label, a, d->scenarios[lo], b, d->scenarios[hi]);
}

static void read_sweep(const pl_charts *c, const chart *ch, char *buf, size_t size)
{
    const pl_sweep_row *rows[1024];
    int n = sweep_rows(c, ch->key, rows, 1024);
    double lo = NAN, hi = NAN;
    for (int i = 0; i < n; i++)
        if (isfinite(rows[i]->mean)) {
            lo = isnan(lo) ? rows[i]->mean : fmin(lo, rows[i]->mean);
            hi = isnan(hi) ? rows[i]->mean : fmax(hi, rows[i]->mean);
        }
    char label[128], a[64], b[64];
    pl_unit unit = pl_indicator_unit(ch->key);
    pl_indicator_label(label, sizeof label, ch->key, c->lang);
    char year[32] = "";
    if (c->sweep_year)
        snprintf(year, sizeof year, c->lang == PL_EN ? "In %d, over" : "En %d, sur", c->sweep_year);
    else
        snprintf(year, sizeof year, "%s", c->lang == PL_EN ? "Over" : "Sur");
    pl_value(a, sizeof a, lo, unit, 0, c->lang);
    pl_value(b, sizeof b, hi, unit, 0, c->lang);
    if (strcmp(a, b) == 0)
        snprintf(buf, size, c->lang == PL_EN
                 ? "%s the %d points of the sweep, the mean of %s stays at %s."
                 : "%s les %d points du balayage, la moyenne de l'indicateur « %s » reste à %s.",
                 year, n, label, a);
    else
        snprintf(buf, size, c->lang == PL_EN
                 ? "%s the %d points of the sweep, the mean of %s ranges from %s to %s."
                 : "%s les %d points du balayage, la moyenne de l'indicateur « %s » va de %s à %s.",
                 year, n, label, a, b);
}

void pl_charts_reading(const pl_charts *c, int i, int year, char *buf, size_t size)
{
    const chart *ch = &c->charts[i];
    switch (ch->kind) {
    case K_FILE_ACTIVE:
        read_file_active(c, ch, buf, size);
        break;
    case K_MODULES:
        read_modules(c, ch, buf, size);
        break;
    case K_FLOWS:
        read_flows(c, ch, buf, size);
        break;
    case K_BUDGET:
        read_budget(c, ch, year, buf, size);
        break;
    case K_COSTS:
        read_costs(c, ch, buf, size);
        break;
    case K_OCCUPANCY:
        read_occupancy(c, buf, size);
        break;
    case K_KM:
        read_km(c, ch, buf, size);
        break;
    case K_SCENARIOS:
        read_scenarios(c, ch, buf, size);
        break;
    case K_SWEEP:
        read_sweep(c, ch, buf, size);
        break;
    }
}

/* ---- Drawing a directory -------------------------------------------------------------------- */

int pl_plot_dir(const char *dir, const pl_options *opt, int *ncharts, eng_error *err)
{
    const pl_options defaults = { PL_PNG, PL_FR };
    if (!opt)
        opt = &defaults;
    *ncharts = 0;
    pl_data *d = NULL;
    pl_charts *c = NULL;
    pl_gnuplot *gp = NULL;
    eng_out *out = NULL;
    int status = pl_data_read(dir, &d, err);
    if (status == ENG_OK)
        status = pl_charts_alloc(d, opt->lang, &c, err);
    if (status == ENG_OK && pl_charts_count(c) == 0)
        status = eng_error_set(err, ENG_EINPUT, "%s: no table to draw: expected monthly.csv, "
                              "annual.csv, capacity.csv, costs.csv, km.csv, scenarios.csv or "
                              "sweep.csv (written by eaflow simulate, compare, costs or fit)", dir);
    char plots[4096];
    if (status == ENG_OK && snprintf(plots, sizeof plots, "%s/plots", dir) >= (int)sizeof plots)
        status = eng_error_set(err, ENG_EINPUT, "%s: directory name too long", dir);
    if (status == ENG_OK && !(out = eng_out_begin(plots, err)))
        status = ENG_EFAIL;
    if (status == ENG_OK)
        status = pl_gnuplot_alloc(&gp, err);
    for (int i = 0; status == ENG_OK && i < pl_charts_count(c); i++) {
        char name[160];
        snprintf(name, sizeof name, "%s.%s", pl_charts_name(c, i), pl_format_ext(opt->format));
        if (!eng_out_open(out, name, err)) {
            status = ENG_EFAIL;
            break;
        }
        FILE *f = pl_gnuplot_script(gp);
        pl_gnuplot_terminal(gp, opt->format, eng_out_tmp_path(out, name));
        pl_charts_emit(c, i, f);
        pl_gnuplot_close_output(f);
    }
    if (status == ENG_OK)
        status = pl_gnuplot_run(gp, err);
    if (status == ENG_OK) {
        status = eng_out_commit(out, err);
        out = NULL;
    }
    if (status == ENG_OK)
        *ncharts = pl_charts_count(c);
    eng_out_abort(out);
    pl_gnuplot_free(gp);
    pl_charts_free(c);
    pl_data_free(d);
    return status;
}
