/* pl_chart.c — What a chart shows: scope labels, indicator families, and the rows of costs.csv,
 * capacity.csv (or annual.csv), km.csv and sweep.csv that a chart of each kind draws and reads. */
#include "pl_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "../models/ea_param.h"
#include "pl_assumptions.h"

const char *pl_chart_tr(const pl_chart *ch, const char *fr, const char *en)
{
    return ch->lang == PL_EN ? en : fr;
}

int pl_chart_is_region(const char *scope)
{
    return eng_text_casecmp(scope, "region") == 0;
}

const char *pl_chart_scope_label(const pl_chart *ch, const char *scope, char *buf, size_t size)
{
    if (pl_chart_is_region(scope))
        snprintf(buf, size, "%s", pl_data_area(ch->data, pl_chart_tr(ch, "Région", "Region")));
    else
        pl_data_department_label(ch->data, scope, buf, size);
    return buf;
}

/* A department's label for ea_param_label_named: its name and code when d knows the name. */
static int department_named(void *data, const char *code, char *out, size_t size)
{
    const pl_data *d = data;
    if (!d || !pl_data_name(d, code))
        return 0;
    pl_data_department_label(d, code, out, size);
    return 1;
}

const char *pl_chart_key_label(const pl_data *d, const char *key, pl_chart_key_form form,
                               char *buf, size_t size)
{
    ea_param p;
    eng_error err;
    char label[256];
    const char *unit = NULL;   /* the axis's unit in words: its ticks are bare numbers */
    /* The regional envelope that --split shares out is a sweep's own key, no scenario key. */
    if (eng_text_casecmp(key, "region.places") == 0) {
        snprintf(label, sizeof label, "%s",
                 eng_msg_tr("places financées de l'ensemble, réparties entre les départements"));
    } else if (ea_param_parse(key, &p, &err) == ENG_OK) {
        ea_param_label_named(&p, form == PL_CHART_KEY_AXIS ? " — " : ", ", department_named,
                             (void *)d, label, sizeof label);
        /* A share of a routing is a probability, a law's shape has no unit, and the labels of
         * counts name what they count (« places financées », « conseillers (ETP) »,
         * « prescriptions par mois »): the others take the unit of their key, a law's mean, sd
         * or scale that of its durations (« durée du module (moyenne) — recherche, en mois »). */
        static const char *const counted[] = { "places", "persons", "persons/month", "FTE" };
        int said = p.part == EA_PARAM_SHARE || strcmp(p.sub, "shape") == 0;
        for (size_t i = 0; i < sizeof counted / sizeof *counted; i++)
            said |= strcmp(p.row->unit, counted[i]) == 0;
        unit = said ? NULL : pl_assumptions_unit(p.row->unit);
    } else {
        snprintf(label, sizeof label, "%s", key);
    }
    if (form == PL_CHART_KEY_AXIS && strcmp(label, key) != 0)
        snprintf(buf, size, unit ? eng_msg_tr("%s, en %s (%s)") : "%s (%s)", label,
                 unit ? unit : key, key);
    else
        snprintf(buf, size, "%s", label);
    return buf;
}

const char *pl_chart_law(const pl_chart *ch, char *buf, size_t size)
{
    const eng_dist *d = &ch->fit;
    char a[64], b[64];
    pl_text_num(a, sizeof a, d->p1, 2, ch->lang);
    pl_text_num(b, sizeof b, d->p2, 2, ch->lang);
    buf[0] = '\0';
    switch (d->kind) {
    case ENG_DIST_NONE:
        break;
    case ENG_DIST_EXPONENTIAL:
        snprintf(buf, size, pl_chart_tr(ch, "exponentielle (moyenne %s mois)",
                                        "exponential (mean %s months)"), a);
        break;
    case ENG_DIST_GAMMA:
    case ENG_DIST_LOGNORMAL:
        snprintf(buf, size, pl_chart_tr(ch, "%s (moyenne %s mois, écart-type %s)",
                                        "%s (mean %s months, sd %s)"),
                 d->kind == ENG_DIST_GAMMA ? "gamma" : pl_chart_tr(ch, "log-normale", "lognormal"),
                 a, b);
        break;
    case ENG_DIST_WEIBULL:
        snprintf(buf, size, pl_chart_tr(ch, "Weibull (forme %s, échelle %s mois)",
                                        "Weibull (shape %s, scale %s months)"), a, b);
        break;
    case ENG_DIST_FIXED:
        snprintf(buf, size, pl_chart_tr(ch, "fixe (%s mois)", "fixed (%s months)"), a);
        break;
    case ENG_DIST_EMPIRICAL:
        pl_text_num(a, sizeof a, eng_dist_mean(d), 2, ch->lang);
        snprintf(buf, size, pl_chart_tr(ch, "empirique (%zu valeurs, moyenne %s mois)",
                                        "empirical (%zu values, mean %s months)"), d->n, a);
        break;
    }
    return buf;
}

int pl_chart_is_module_indicator(const char *indicator)
{
    return strncmp(indicator, "file_active_", 12) == 0 && strcmp(indicator, "file_active_avg") != 0;
}

int pl_chart_is_reason_indicator(const char *indicator)
{
    return strncmp(indicator, "exits_", 6) == 0;
}

int pl_chart_has_value(const pl_data_series *s, int stat)
{
    for (int i = 0; s && i < s->n; i++)
        if (isfinite(s->stat[i][stat]))
            return 1;
    return 0;
}

/* The calendar periods of `months` months (aligned on quarters or years) whose every month has a
 * mean in s. */
static int whole_periods(const pl_data_series *s, int months)
{
    int n = 0;
    for (int start = (s->period[0] + months - 1) / months * months;
         start + months - 1 <= s->period[s->n - 1]; start += months) {
        int whole = 1;
        for (int m = start; m < start + months && whole; m++)
            whole = isfinite(pl_data_series_at(s, m, PL_MEAN));
        n += whole;
    }
    return n;
}

int pl_chart_flow_months(const pl_chart *ch)
{
    const pl_data_series *base = NULL;
    double largest = 0;
    for (int i = 0; i < 2; i++) {
        const pl_data_series *s =
            pl_data_summary_find(ch->data->monthly, ch->key, i ? "exits" : "entries");
        double sum = 0;
        int n = 0;
        for (int k = 0; s && k < s->n; k++)
            if (isfinite(s->stat[k][PL_MEAN])) {
                sum += s->stat[k][PL_MEAN];
                n++;
            }
        if (n > 0 && (!base || sum / n > largest)) {
            base = s;
            largest = sum / n;
        }
    }
    if (!base || largest >= 1)
        return 1;
    for (int months = largest * 3 >= 1 ? 3 : 12; months > 1; months = months == 12 ? 3 : 1)
        if (whole_periods(base, months) >= 2)
            return months;
    return 1;
}

double pl_chart_obs_x(eng_date d)
{
    eng_date next = { d.month == 12 ? d.year + 1 : d.year, d.month == 12 ? 1 : d.month + 1, 1 };
    eng_date first = { d.year, d.month, 1 };
    double days = (double)(eng_date_days(next) - eng_date_days(first));
    return eng_date_month_index(d) + d.day / days;
}

static int cmp_cost(const void *a, const void *b)
{
    double x = (*(const pl_data_cost *const *)a)->cost_per_place;
    double y = (*(const pl_data_cost *const *)b)->cost_per_place;
    return (x > y) - (x < y);
}

void pl_chart_costs_of(const pl_data *d, int year, pl_chart_costs *r)
{
    r->n = 0;
    r->reference = NAN;
    for (size_t i = 0; i < d->ncosts; i++) {
        const pl_data_cost *p = &d->costs[i];
        if (p->year != year)
            continue;
        if (isfinite(p->reference) && (p->region || isnan(r->reference)))
            r->reference = p->reference;
        if (!p->region && isfinite(p->cost_per_place) && r->n < PL_CHART_MAX_ROWS)
            r->row[r->n++] = p;
    }
    qsort(r->row, (size_t)r->n, sizeof r->row[0], cmp_cost);
}

/* Occupancy at the latest date of capacity.csv (in year, unless 0); returns 0 when it has no such
 * date with both places and persons. */
static int occupancy_observed(const pl_data *d, int year, pl_chart_occupancy *r)
{
    long latest = 0;
    int found = 0;
    for (size_t i = 0; d->has_capacity && i < d->nobs; i++) {
        const pl_data_obs *o = &d->obs[i];
        if (o->places > 0 && isfinite(o->file_active) && (!year || o->date.year == year)
            && (!found || eng_date_days(o->date) > latest)) {
            latest = eng_date_days(o->date);
            found = 1;
        }
    }
    if (!found)
        return 0;
    r->date = eng_date_from_days(latest);
    for (size_t i = 0; i < d->nobs; i++) {
        const pl_data_obs *o = &d->obs[i];
        if (!(o->places > 0 && isfinite(o->file_active)) || eng_date_days(o->date) != latest)
            continue;
        if (pl_chart_is_region(o->scope))
            r->region = o->file_active / o->places;
        else if (r->n < PL_CHART_MAX_ROWS) {
            r->scope[r->n] = o->scope;
            r->value[r->n++] = o->file_active / o->places;
        }
    }
    return 1;
}

/* Occupancy in year of annual.csv, when it has one there, else in its last year that has one. */
static void occupancy_simulated(const pl_data *d, int year, pl_chart_occupancy *r)
{
    const pl_data_summary *a = d->annual;
    for (int i = 0; i < a->nseries; i++)
        if (strcmp(a->series[i].indicator, "occupancy") == 0 && a->series[i].n > 0) {
            if (year && isfinite(pl_data_series_at(&a->series[i], year, PL_MEAN))) {
                r->year = year;
                break;
            }
            r->year = a->series[i].period[a->series[i].n - 1] > r->year
                          ? a->series[i].period[a->series[i].n - 1] : r->year;
        }
    for (int i = 0; i < a->nscopes && r->year; i++) {
        double v =
            pl_data_series_at(pl_data_summary_find(a, a->scopes[i], "occupancy"), r->year, PL_MEAN);
        if (!isfinite(v))
            continue;
        if (pl_chart_is_region(a->scopes[i]))
            r->region = v;
        else if (r->n < PL_CHART_MAX_ROWS) {
            r->scope[r->n] = a->scopes[i];
            r->value[r->n++] = v;
        }
    }
}

void pl_chart_occupancy_of(const pl_data *d, int year, pl_chart_occupancy *r)
{
    memset(r, 0, sizeof *r);
    r->region = NAN;
    if (!occupancy_observed(d, year, r) && d->annual)
        occupancy_simulated(d, year, r);
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

static int cmp_km(const void *a, const void *b)
{
    double x = ((const pl_data_km *)a)->time, y = ((const pl_data_km *)b)->time;
    return (x > y) - (x < y);
}

pl_data_km *pl_chart_km_rows(const pl_data *d, const char *module, size_t *n)
{
    pl_data_km *rows = malloc((d->nkm ? d->nkm : 1) * sizeof *rows);
    *n = 0;
    if (!rows)
        return NULL;
    for (size_t i = 0; i < d->nkm; i++)
        if (strcmp(d->km[i].module, module) == 0)
            rows[(*n)++] = d->km[i];
    qsort(rows, *n, sizeof *rows, cmp_km);
    return rows;
}

int pl_chart_sweep_rows(const pl_chart *ch, const pl_data_sweep_row **rows, int max)
{
    const pl_data *d = ch->data;
    int n = 0;
    for (size_t i = 0; i < d->nsweep && n < max; i++)
        if (strcmp(d->sweep[i].scope, ch->scope) == 0 && d->sweep[i].year == ch->year
            && strcmp(d->sweep[i].indicator, ch->key) == 0)
            rows[n++] = &d->sweep[i];
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && rows[j]->point < rows[j - 1]->point; j--) {
            const pl_data_sweep_row *t = rows[j];
            rows[j] = rows[j - 1];
            rows[j - 1] = t;
        }
    return n;
}

const char *pl_chart_target_number(const pl_chart *ch, double x, char *buf, size_t size)
{
    return pl_text_num(buf, size, x, x == floor(x) ? 0 : 2, ch->lang);
}

const char *pl_chart_target_condition(const pl_chart *ch, char *buf, size_t size)
{
    const pl_data_target *g = &ch->data->target;
    char value[64], pct[64], on[128];
    /* On what it is judged: the mean over the replications, or a share of them (--confidence). */
    if (isnan(g->level))
        snprintf(on, sizeof on, "%s", pl_chart_tr(ch, "en moyenne", "on average"));
    else
        snprintf(on, sizeof on, pl_chart_tr(ch, "dans %s des réplications",
                                            "in %s of the replications"),
                 pl_text_pct(pct, sizeof pct, g->level, 0, ch->lang));
    snprintf(buf, size, "%s %s %s", g->at_most ? "≤" : "≥",
             pl_chart_target_number(ch, g->threshold, value, sizeof value), on);
    return buf;
}
