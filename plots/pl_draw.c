/* pl_draw.c — Gnuplot commands per kind of chart. Each chart writes its data as inline data blocks
 * ($name << EOD), then its axes and one plot command whose titles go through pl_gnuplot_text. */
#include "pl_draw.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "../engine/eng_text.h"
#include "pl_axis.h"
#include "pl_gnuplot.h"

/* Fill colours of the bands and areas, and line colours, chosen to stay apart in print. */
static const char *const area_colors[] = { "#9ecae1", "#6baed6", "#3182bd", "#08519c",
                                           "#fdae6b", "#e6550d", "#a1d99b", "#31a354" };
static const char *const line_colors[] = { "#08306b", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" };
#define NCOLORS(a) ((int)(sizeof a / sizeof a[0]))

/* A number of a data block after a space; NaN, which gnuplot leaves out, when it is not finite. */
static void put_num(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, " %.10g", v);
    else
        fputs(" NaN", f);
}

/* Starts a chart: everything the previous one set is reset, then the title (none when it is empty:
 * the report's page titles its charts itself) and the common look. */
static void begin(FILE *f, const pl_chart *ch)
{
    fputs("reset\n", f);
    if (ch->title[0]) {
        fputs("set title ", f);
        pl_gnuplot_text(f, ch->title);
        fputc('\n', f);
    }
    fputs("set border 3 lc rgb '#444444'\nset tics nomirror out\n"
          "set grid ytics lc rgb '#dddddd' dt 1\nset key below center horizontal height 1\n"
          "set style fill solid 1.0 noborder\n", f);
}

/* Writes `set <axis>label` with its text through pl_gnuplot_text, on a line of its own. */
static void axis_label(FILE *f, const char *axis, const char *text)
{
    fprintf(f, "set %slabel ", axis);
    pl_gnuplot_text(f, text);
    fputc('\n', f);
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

/* What the data blocks of a file active chart span: months on x, persons on y. */
typedef struct extent {
    double xlo, xhi, ymax;
    double first_obs;        /* the first observation's x, else the start of the run */
    int places;              /* whether $pl was written */
    int nobs, obs_places;    /* the rows of $ob, and those with places */
} extent;

/* $fa (month end, p05, p95, p25, p75 and mean of the file active) and $pl (the places as steps:
 * each month's places hold from its start to its end). */
static void simulated_blocks(const pl_data_series *fa, const pl_data_series *pl, FILE *f, extent *e)
{
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
            if (isfinite(v[k]) && v[k] > e->ymax)
                e->ymax = v[k];
    }
    fputs("EOD\n", f);
    e->places = pl_chart_has_value(pl, PL_MEAN);
    if (!e->places)
        return;
    fputs("$pl << EOD\n", f);
    for (int i = 0; i <= pl->n; i++) {
        double v = pl->stat[i < pl->n ? i : pl->n - 1][PL_MEAN];
        fprintf(f, "%d", i < pl->n ? pl->period[i] : pl->period[pl->n - 1] + 1);
        put_num(f, v);
        fputc('\n', f);
        if (isfinite(v) && v > e->ymax)
            e->ymax = v;
    }
    fputs("EOD\n", f);
}

/* $ob: the observed persons and places of the chart's scope, at their dates. */
static void observed_block(const pl_chart *ch, FILE *f, extent *e)
{
    for (size_t i = 0; i < ch->data->nobs; i++) {
        const pl_data_obs *o = &ch->data->obs[i];
        if (strcmp(o->scope, ch->key) != 0)
            continue;
        if (e->nobs++ == 0)
            fputs("$ob << EOD\n", f);
        double x = pl_chart_obs_x(o->date);
        fprintf(f, "%.10g", x);
        put_num(f, o->file_active);
        put_num(f, o->places);
        fputc('\n', f);
        e->obs_places += isfinite(o->places);
        e->xlo = fmin(e->xlo, x);
        e->xhi = fmax(e->xhi, x);
        e->first_obs = fmin(e->first_obs, x);
        if (isfinite(o->file_active))
            e->ymax = fmax(e->ymax, o->file_active);
        if (isfinite(o->places))
            e->ymax = fmax(e->ymax, o->places);
    }
    if (e->nobs)
        fputs("EOD\n", f);
}

void pl_draw_file_active(const pl_chart *ch, FILE *f)
{
    const pl_data_series *fa = pl_data_summary_find(ch->data->monthly, ch->key, "file_active");
    const pl_data_series *pl = pl_data_summary_find(ch->data->monthly, ch->key, "places");
    extent e = { fa->period[0], fa->period[fa->n - 1] + 1, 0, fa->period[0], 0, 0, 0 };
    simulated_blocks(fa, pl, f, &e);
    observed_block(ch, f, &e);
    begin(f, ch);
    double pad = (e.xhi - e.xlo) * 0.02;
    pl_axis_month(f, e.xlo - pad, e.xhi + pad, ch->lang);
    pl_axis_value(f, "y", 0, e.ymax * 1.04, PL_UNIT_COUNT, ch->lang);
    axis_label(f, "y", pl_chart_tr(ch, "Personnes", "Persons"));
    if (e.first_obs < fa->period[0]) {
        /* Observations before the run: mark where the simulation takes over. */
        fprintf(f, "set arrow from %d, graph 0 to %d, graph 1 nohead dt 3 lc rgb '#888888'\n"
                   "set label 1 ", fa->period[0], fa->period[0]);
        pl_gnuplot_text(f, pl_chart_tr(ch, " début de la simulation", " simulation starts"));
        fprintf(f, " at %d, graph 0.04 left textcolor rgb '#666666'\n", fa->period[0]);
    }
    plot p = { f, 0 };
    item(&p, pl_chart_tr(ch, "intervalle 90 % des réplications", "90% of replications"),
         "$fa using 1:2:3 with filledcurves lc rgb '#c6dbef'");
    item(&p, pl_chart_tr(ch, "intervalle 50 %", "50% of replications"),
         "$fa using 1:4:5 with filledcurves lc rgb '#6baed6'");
    item(&p, pl_chart_tr(ch, "moyenne simulée", "simulated mean"),
         "$fa using 1:6 with lines lw 3 lc rgb '#08306b'");
    if (e.places)
        item(&p, pl_chart_tr(ch, "places financées", "funded places"),
             "$pl using 1:2 with steps lw 2 dt 2 lc rgb '#d62728'");
    if (e.nobs)
        item(&p, pl_chart_tr(ch, "file active observée", "observed caseload"),
             "$ob using 1:2 with points pt 7 ps 1.6 lc rgb '#000000'");
    if (e.obs_places)
        item(&p, pl_chart_tr(ch, "places observées", "observed places"),
             "$ob using 1:3 with points pt 4 ps 1.6 lw 2 lc rgb '#d62728'");
    plot_end(&p);
}

void pl_draw_modules(const pl_chart *ch, FILE *f)
{
    const pl_data_summary *m = ch->data->monthly;
    const pl_data_series *mods[64];
    int k = 0;
    for (int i = 0; i < m->nindicators && k < 64; i++) {
        const pl_data_series *s = pl_data_summary_find(m, ch->key, m->indicators[i]);
        if (pl_chart_is_module_indicator(m->indicators[i]) && pl_chart_has_value(s, PL_MEAN))
            mods[k++] = s;
    }
    const pl_data_series *waiting = pl_data_summary_find(m, ch->key, "waiting");
    const pl_data_series *ref = mods[0];
    double ymax = 0;
    /* Cumulated means: module j fills between columns j+2 and j+3. */
    fputs("$mo << EOD\n", f);
    for (int i = 0; i < ref->n; i++) {
        int period = ref->period[i];
        double sum = 0;
        fprintf(f, "%d 0", period + 1);
        for (int j = 0; j < k; j++) {
            double v = pl_data_series_at(mods[j], period, PL_MEAN);
            sum += isfinite(v) ? v : 0;
            put_num(f, sum);
        }
        double w = pl_data_series_at(waiting, period, PL_MEAN);
        put_num(f, w);
        fputc('\n', f);
        ymax = fmax(ymax, sum);
        if (isfinite(w))
            ymax = fmax(ymax, w);
    }
    fputs("EOD\n", f);
    begin(f, ch);
    pl_axis_month(f, ref->period[0], ref->period[ref->n - 1] + 1, ch->lang);
    pl_axis_value(f, "y", 0, ymax * 1.04, PL_UNIT_COUNT, ch->lang);
    axis_label(f, "y", pl_chart_tr(ch, "Personnes (moyenne des réplications)",
                                   "Persons (mean of replications)"));
    plot p = { f, 0 };
    for (int j = 0; j < k; j++)
        item(&p, pl_text_module_label(mods[j]->indicator + 12, ch->lang),
             "$mo using 1:%d:%d with filledcurves lc rgb '%s'", j + 2, j + 3,
             area_colors[j % NCOLORS(area_colors)]);
    if (pl_chart_has_value(waiting, PL_MEAN))
        item(&p, pl_chart_tr(ch, "liste d'attente", "waiting list"),
             "$mo using 1:%d with lines lw 3 lc rgb '#d62728'", k + 3);
    plot_end(&p);
}

/* The sum of a series' means over the months [start, start + months), NaN unless each has one. */
static double period_sum(const pl_data_series *s, int start, int months)
{
    double sum = 0;
    for (int m = start; m < start + months; m++)
        sum += pl_data_series_at(s, m, PL_MEAN);
    return sum;
}

/* The label of a flow series: entries, all exits, or a reason of exit. */
static void flow_label(const pl_chart *ch, const char *ind, char *label, size_t size)
{
    if (strcmp(ind, "entries") == 0)
        snprintf(label, size, "%s",
                 pl_chart_tr(ch, "entrées (prescriptions)", "entries (referrals)"));
    else if (strcmp(ind, "exits") == 0)
        snprintf(label, size, "%s",
                 pl_chart_tr(ch, "sorties, tous motifs", "exits, all reasons"));
    else
        snprintf(label, size, "%s", pl_text_reason_label(ind + 6, ch->lang));
}

void pl_draw_flows(const pl_chart *ch, FILE *f)
{
    const pl_data_summary *m = ch->data->monthly;
    const pl_data_series *s[64];
    int k = 0;
    const char *order[] = { "entries", "exits" };
    for (int i = 0; i < 2; i++) {
        const pl_data_series *x = pl_data_summary_find(m, ch->key, order[i]);
        if (pl_chart_has_value(x, PL_MEAN))
            s[k++] = x;
    }
    for (int i = 0; i < m->nindicators && k < 64; i++) {
        const pl_data_series *x = pl_data_summary_find(m, ch->key, m->indicators[i]);
        if (pl_chart_is_reason_indicator(m->indicators[i]) && pl_chart_has_value(x, PL_MEAN))
            s[k++] = x;
    }
    int lo = s[0]->period[0], hi = s[0]->period[s[0]->n - 1];
    for (int j = 1; j < k; j++) {
        lo = s[j]->period[0] < lo ? s[j]->period[0] : lo;
        hi = s[j]->period[s[j]->n - 1] > hi ? s[j]->period[s[j]->n - 1] : hi;
    }
    /* Small flows are summed over whole quarters or years, each drawn at its period's middle. */
    int step = pl_chart_flow_months(ch);
    lo = (lo + step - 1) / step * step;
    hi = (hi + 1) / step * step - 1;
    double ymax = 0;
    fputs("$fl << EOD\n", f);
    for (int period = lo; period + step - 1 <= hi; period += step) {
        fprintf(f, "%.1f", period + step / 2.0);
        for (int j = 0; j < k; j++) {
            double v = period_sum(s[j], period, step);
            put_num(f, v);
            if (isfinite(v))
                ymax = fmax(ymax, v);
        }
        fputc('\n', f);
    }
    fputs("EOD\n", f);
    begin(f, ch);
    pl_axis_month(f, lo, hi + 1, ch->lang);
    pl_axis_value(f, "y", 0, ymax * 1.04, PL_UNIT_COUNT, ch->lang);
    axis_label(f, "y", step == 1 ? pl_chart_tr(ch, "Personnes par mois (moyenne des réplications)",
                                               "Persons per month (mean of replications)")
                       : step == 3 ? pl_chart_tr(ch, "Personnes par trimestre (moyenne des "
                                                 "réplications)",
                                                 "Persons per quarter (mean of replications)")
                       : pl_chart_tr(ch, "Personnes par an (moyenne des réplications)",
                                     "Persons per year (mean of replications)"));
    plot p = { f, 0 };
    for (int j = 0; j < k; j++) {
        const char *ind = s[j]->indicator;
        char label[160];
        flow_label(ch, ind, label, sizeof label);
        int main_line = j < 2 && !pl_chart_is_reason_indicator(ind);
        item(&p, label, "$fl using 1:%d with %s lw %d dt %d lc rgb '%s'", j + 2,
             step == 1 ? "lines" : "linespoints pt 7 ps 0.8", main_line ? 3 : 2,
             strcmp(ind, "exits") == 0 ? 2 : 1, line_colors[j % NCOLORS(line_colors)]);
    }
    plot_end(&p);
}

void pl_draw_budget(const pl_chart *ch, FILE *f)
{
    const pl_data_summary *a = ch->data->annual;
    const pl_data_series *funding = pl_data_summary_find(a, ch->key, "funding_eur");
    const pl_data_series *cost = pl_data_summary_find(a, ch->key, "staff_cost_needed_eur");
    const pl_data_series *person = pl_data_summary_find(a, ch->key, "cost_per_person_eur");
    const pl_data_series *exit = pl_data_summary_find(a, ch->key, "cost_per_exit_emploi_eur");
    double y1 = 0, y2 = 0;
    int has_cost = 0;
    fputs("$bu << EOD\n", f);
    for (int i = 0; i < funding->n; i++) {
        int year = funding->period[i];
        double v[4] = { funding->stat[i][PL_MEAN], pl_data_series_at(cost, year, PL_MEAN),
                        pl_data_series_at(person, year, PL_MEAN),
                        pl_data_series_at(exit, year, PL_MEAN) };
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
        has_cost |= v[1] > 0;
        fputc('\n', f);
    }
    fputs("EOD\n", f);
    begin(f, ch);
    int lines = pl_chart_has_value(person, PL_MEAN) || pl_chart_has_value(exit, PL_MEAN);
    /* The costs per person and per exit, some thousand euros, get a panel of their own below the
     * millions of the budget: on a second axis of one panel their points sat on the bars, where
     * they read as a few hundred thousand euros. Both panels share the years and the margins. */
    if (lines)
        fputs("set multiplot\nset lmargin at screen 0.13\nset rmargin at screen 0.97\n"
              "set origin 0, 0.4\nset size 1, 0.6\n", f);
    fputs("set boxwidth 0.36\n", f);
    pl_axis_year(f, funding->period[0], funding->period[funding->n - 1]);
    pl_axis_value(f, "y", 0, y1 * 1.04, PL_UNIT_EUR, ch->lang);
    axis_label(f, "y", pl_chart_tr(ch, "€ par an (moyenne des réplications)",
                                   "€ per year (mean of replications)"));
    plot p = { f, 0 };
    item(&p, pl_chart_tr(ch, "financement", "funding"),
         "$bu using ($1-%s):2 with boxes lc rgb '#4292c6'", has_cost ? "0.19" : "0");
    if (has_cost)
        item(&p, pl_chart_tr(ch, "coût des heures d'accompagnement modélisées",
                             "cost of the modelled support hours"),
             "$bu using ($1+0.19):3 with boxes lc rgb '#fd8d3c'");
    plot_end(&p);
    if (!lines)
        return;
    fputs("unset title\nset origin 0, 0\nset size 1, 0.4\n", f);
    pl_axis_value(f, "y", 0, y2 * 1.1, PL_UNIT_EUR, ch->lang);
    axis_label(f, "y", pl_chart_tr(ch, "€ par personne ou par sortie", "€ per person or per exit"));
    p = (plot){ f, 0 };
    if (pl_chart_has_value(person, PL_MEAN))
        item(&p, pl_chart_tr(ch, "coût par personne accompagnée", "cost per person accompanied"),
             "$bu using 1:4 with linespoints lw 3 pt 7 ps 1.4 lc rgb '#08306b'");
    if (pl_chart_has_value(exit, PL_MEAN))
        item(&p, pl_chart_tr(ch, "coût par sortie vers l'emploi durable",
                             "cost per exit to lasting employment"),
             "$bu using 1:5 with linespoints lw 3 dt 2 pt 5 ps 1.4 lc rgb '#238b45'");
    plot_end(&p);
    fputs("unset multiplot\n", f);
}

/* Horizontal bars, one per department from the bottom up, with the department's label on the y
 * axis and the value written at the end of the bar. */
static void bars(const pl_chart *ch, FILE *f, int n, const char *const *labels, const double *v,
                 const int *flag, pl_text_unit unit, double xmax)
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
    pl_axis_value(f, "x", 0, xmax, unit, ch->lang);
    for (int i = 0; i < n; i++) {
        char text[64];
        pl_text_value(text, sizeof text, v[i], unit, 0, ch->lang);
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

void pl_draw_costs(const pl_chart *ch, FILE *f)
{
    pl_chart_costs r;
    pl_chart_costs_of(ch->data, ch->year, &r);
    /* Zeroed: the compiler cannot see that the rows fill what bars reads. */
    const char *labels[PL_CHART_MAX_ROWS] = { 0 };
    double v[PL_CHART_MAX_ROWS] = { 0 };
    int flag[PL_CHART_MAX_ROWS] = { 0 }, outside = 0;
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
    bars(ch, f, r.n, labels, v, flag, PL_UNIT_EUR, xmax * 1.15);
    axis_label(f, "x", pl_chart_tr(ch, "€ par place et par an", "€ per place per year"));
    plot p = { f, 0 };
    item(&p, pl_chart_tr(ch, "conforme", "at the reference"),
         "$b0 using (0):2:(0):1:($2-0.35):($2+0.35) with boxxyerror lc rgb '#6baed6'");
    if (outside)
        item(&p, pl_chart_tr(ch, "à ajuster", "to be adjusted"),
             "$b1 using (0):2:(0):1:($2-0.35):($2+0.35) with boxxyerror lc rgb '#fd8d3c'");
    if (isfinite(r.reference)) {
        char label[128], amount[64];
        snprintf(label, sizeof label, "%s %s", pl_chart_tr(ch, "référence", "reference"),
                 pl_text_eur(amount, sizeof amount, r.reference, ch->lang));
        item(&p, label, "$rf using 1:2 with lines lw 3 dt 2 lc rgb '#d62728'");
    }
    plot_end(&p);
}

/* Departments a bar chart shows at most: beyond, their names and values no longer fit 720
 * pixels, and the chart keeps the EXTREMES lowest and the EXTREMES highest (the tables and the
 * workbook give every one). */
enum { MAX_BARS = 40, EXTREMES = 15 };

/* Keeps, of o sorted lowest first, its EXTREMES lowest and highest when it has more than
 * MAX_BARS; returns how many it had. */
static int keep_extremes(pl_chart_occupancy *o)
{
    int all = o->n;
    if (all <= MAX_BARS)
        return all;
    for (int i = 0; i < EXTREMES; i++) {
        o->scope[EXTREMES + i] = o->scope[all - EXTREMES + i];
        o->value[EXTREMES + i] = o->value[all - EXTREMES + i];
    }
    o->n = 2 * EXTREMES;
    return all;
}

void pl_draw_occupancy(const pl_chart *ch, FILE *f)
{
    pl_chart_occupancy o;
    pl_chart_occupancy_of(ch->data, ch->year, &o);
    int all = keep_extremes(&o);
    const char *labels[PL_CHART_MAX_ROWS];
    int flag[PL_CHART_MAX_ROWS];
    double xmax = 1;
    for (int i = 0; i < o.n; i++) {
        const char *name = pl_data_name(ch->data, o.scope[i]);
        labels[i] = name && name[0] ? name : o.scope[i];
        flag[i] = o.value[i] > 1;
        xmax = fmax(xmax, o.value[i]);
    }
    fprintf(f, "$hu << EOD\n1 0.4\n1 %g\nEOD\n", o.n + 0.6);
    if (isfinite(o.region))
        fprintf(f, "$rg << EOD\n%.10g 0.4\n%.10g %g\nEOD\n", o.region, o.region, o.n + 0.6);
    begin(f, ch);
    if (all > o.n) {
        /* A line between the lowest and the highest, and what the chart leaves out. */
        fprintf(f, "set arrow from graph 0, first %g to graph 1, first %g nohead dt 3 "
                   "lc rgb '#888888'\n", EXTREMES + 0.5, EXTREMES + 0.5);
        char note[160];
        snprintf(note, sizeof note, pl_chart_tr(ch, "les %d plus bas et les %d plus hauts des %d "
                                                    "départements ; tous dans les tableaux",
                                                "the %d lowest and the %d highest of the %d "
                                                "departments; all of them in the tables"),
                 EXTREMES, EXTREMES, all);
        fputs("set label 1 ", f);
        pl_gnuplot_text(f, note);
        fputs(" at graph 1, graph 1.02 right font ',11'\n", f);
    }
    bars(ch, f, o.n, labels, o.value, flag, PL_UNIT_SHARE, xmax * 1.12);
    axis_label(f, "x", pl_chart_tr(ch, "File active / places financées",
                                   "Caseload / funded places"));
    plot p = { f, 0 };
    item(&p, pl_chart_tr(ch, "sous les places", "below the places"),
         "$b0 using (0):2:(0):1:($2-0.35):($2+0.35) with boxxyerror lc rgb '#6baed6'");
    for (int i = 0; i < o.n; i++)
        if (flag[i]) {
            item(&p, pl_chart_tr(ch, "au-delà des places", "above the places"),
                 "$b1 using (0):2:(0):1:($2-0.35):($2+0.35) with boxxyerror lc rgb '#fd8d3c'");
            break;
        }
    item(&p, pl_chart_tr(ch, "100 % des places", "100% of places"),
         "$hu using 1:2 with lines lw 2 lc rgb '#444444'");
    if (isfinite(o.region)) {
        char label[EA_MAX_TEXT + 96], pct[64], whole[EA_MAX_TEXT + 8];
        snprintf(whole, sizeof whole, "%s%s",
                 pl_data_area(ch->data, pl_chart_tr(ch, "région", "region")),
                 ch->lang == PL_EN ? ":" : " :");
        snprintf(label, sizeof label, "%s %s", whole,
                 pl_text_pct(pct, sizeof pct, o.region, 1, ch->lang));
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

void pl_draw_km(const pl_chart *ch, FILE *f)
{
    size_t n;
    pl_data_km *rows = pl_chart_km_rows(ch->data, ch->key, &n);
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
    pl_axis_value(f, "x", 0, tmax, PL_UNIT_COUNT, ch->lang);
    pl_axis_value(f, "y", 0, 1, PL_UNIT_SHARE, ch->lang);
    axis_label(f, "x", pl_chart_tr(ch, "Mois dans le module", "Months in the module"));
    axis_label(f, "y", pl_chart_tr(ch, "Part encore dans le module", "Share still in the module"));
    fputs("set key top right inside vertical opaque box lc rgb '#cccccc'\n", f);
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
    item(&p, pl_chart_tr(ch, "intervalle de confiance à 95 %", "95 % confidence band"),
         "$km using 1:3:4 with filledcurves lc rgb '#c6dbef'");
    item(&p, "Kaplan–Meier", "$km using 1:2 with lines lw 3 lc rgb '#08306b'");
    if (ch->fit.kind != ENG_DIST_NONE) {
        char label[600], law[256];
        snprintf(label, sizeof label, "%s %s", pl_chart_tr(ch, "loi retenue :", "chosen distribution:"),
                 pl_chart_law(ch, law, sizeof law));
        item(&p, label, "$pf using 1:2 with lines lw 3 dt 2 lc rgb '#d62728'");
    }
    plot_end(&p);
}

/* Whether the sweep varies one key whose values are all numbers (then drawn on a numeric axis). */
/* Whether the first varied key's values are all numbers: the x axis is then that key. */
static int sweep_numeric(const pl_chart *ch, const pl_data_sweep_row *const *rows, int n)
{
    double v;
    if (ch->data->nkeys < 1)
        return 0;
    for (int i = 0; i < n; i++)
        if (eng_text_parse_double(rows[i]->keys[0], &v) != 0)
            return 0;
    return 1;
}

/* The lines of a grid: one per combination of the keys after the first, which the x axis does not
 * show ("module.recherche.intensity=4"). Rows run in point order, the last key fastest, so the
 * combination of row i is i modulo their number. */
#define SWEEP_MAX_LINES 8
static const char *const sweep_colours[SWEEP_MAX_LINES] = {
    "#08306b", "#e6550d", "#31a354", "#756bb1", "#636363", "#de2d26", "#3182bd", "#a6761d" };

/* How many lines the grid of n rows draws: the number of distinct combinations of the keys after
 * the first (1 with one key); 0 when there are more than SWEEP_MAX_LINES or they do not repeat in
 * the grid's order. */
static int sweep_lines(const pl_chart *ch, const pl_data_sweep_row *const *rows, int n)
{
    int nkeys = ch->data->nkeys, m = 1;
    if (nkeys < 2)
        return 1;
    while (m < n) {   /* the period of the combinations: the first row whose first key changed */
        if (strcmp(rows[m]->keys[0], rows[0]->keys[0]) != 0)
            break;
        m++;
    }
    if (m > SWEEP_MAX_LINES || n % m != 0)
        return 0;
    for (int i = m; i < n; i++)
        for (int k = 1; k < nkeys; k++)
            if (strcmp(rows[i]->keys[k], rows[i % m]->keys[k]) != 0)
                return 0;
    return m;
}

/* The data of line g (every row i with i % lines == g), its x the first key's value (or the row's
 * rank); widens [lo, hi] and [xlo, xhi] to the values written. Blocks are separated by two blank
 * lines, for gnuplot's `index`. */
static void sweep_block(FILE *f, const pl_data_sweep_row *const *rows, int n, int numeric, int lines,
                        int g, double *lo, double *hi, double *xlo, double *xhi)
{
    for (int i = g; i < n; i += lines) {
        double x = i + 1;
        if (numeric)
            eng_text_parse_double(rows[i]->keys[0], &x);
        fprintf(f, "%.10g", x);
        put_num(f, rows[i]->mean);
        put_num(f, isfinite(rows[i]->p05) ? rows[i]->p05 : rows[i]->mean);
        put_num(f, isfinite(rows[i]->p95) ? rows[i]->p95 : rows[i]->mean);
        fputc('\n', f);
        *xlo = fmin(*xlo, x);
        *xhi = fmax(*xhi, x);
        double v[3] = { rows[i]->mean, rows[i]->p05, rows[i]->p95 };
        for (int k = 0; k < 3; k++)
            if (isfinite(v[k])) {
                *lo = fmin(*lo, v[k]);
                *hi = fmax(*hi, v[k]);
            }
    }
    fputs("\n\n", f);
}

/* The x tics of a sweep without a numeric key: each point's values of the keys. */
static void sweep_tics(FILE *f, const pl_chart *ch, const pl_data_sweep_row *const *rows, int n)
{
    fprintf(f, "set xrange [0.5:%g]\nset xtics rotate by -20 (", n + 0.5);
    for (int i = 0; i < n; i++) {
        char label[512] = "";
        for (int k = 0; k < ch->data->nkeys; k++)
            snprintf(label + strlen(label), sizeof label - strlen(label), "%s%s=%s",
                     k ? ", " : "", ch->data->keys[k], rows[i]->keys[k]);
        fputs(i ? ", " : "", f);
        pl_gnuplot_tic(f, ch->data->nkeys ? label : "");
        fprintf(f, " %d", i + 1);
    }
    fputs(")\n", f);
}

/* A value of a swept key for people: a number in the language's format, with the decimals it was
 * written with ("2,5" in French); any other text as it is. Returns buf. */
static const char *key_value(const pl_chart *ch, const char *text, char *buf, size_t size)
{
    double x;
    if (eng_text_parse_double(text, &x) != 0) {
        snprintf(buf, size, "%s", text);
        return buf;
    }
    const char *dot = strchr(text, '.');
    int decimals = dot ? (int)strspn(dot + 1, "0123456789") : 0;
    return pl_text_num(buf, size, x, decimals < 6 ? decimals : 6, ch->lang);
}

/* The legend of a line of a grid: the keys after the first, in words, with the line's values
 * ("intensité de l'accompagnement, recherche : 4"). */
static void sweep_line_title(const pl_chart *ch, const pl_data_sweep_row *row, char *title,
                             size_t size)
{
    title[0] = '\0';
    for (int k = 1; k < ch->data->nkeys; k++) {
        char label[256], value[64];
        snprintf(title + strlen(title), size - strlen(title), "%s%s : %s", k > 1 ? " ; " : "",
                 pl_chart_key_label(ch->data, ch->data->keys[k], PL_CHART_KEY_INLINE, label,
                                    sizeof label),
                 key_value(ch, row->keys[k], value, sizeof value));
    }
}

void pl_draw_sweep(const pl_chart *ch, FILE *f)
{
    const pl_data_sweep_row *rows[PL_CHART_MAX_ROWS];
    int n = pl_chart_sweep_rows(ch, rows, PL_CHART_MAX_ROWS);
    /* A grid is drawn against its first key, a line for each value of the others; a grid too
     * large for that, or whose first key is no number, one point after the other. */
    int lines = sweep_lines(ch, rows, n);
    int numeric = lines > 0 && sweep_numeric(ch, rows, n);
    if (!numeric)
        lines = 1;
    double lo = 0, hi = 0, xlo = INFINITY, xhi = -INFINITY;
    fputs("$sw << EOD\n", f);
    for (int g = 0; g < lines; g++)
        sweep_block(f, rows, n, numeric, lines, g, &lo, &hi, &xlo, &xhi);
    fputs("EOD\n", f);
    const pl_data_target *target = ch->target ? &ch->data->target : NULL;
    if (target) {   /* the target's line stays in view */
        lo = fmin(lo, target->threshold);
        hi = fmax(hi, target->threshold);
    }
    begin(f, ch);
    /* The answer of sweep --target marked on the key's axis: the line between two points can
     * cross the target elsewhere, since the bisection ran values the grid did not. */
    if (target && numeric && isfinite(target->answer))
        fprintf(f, "set arrow from %.10g, graph 0 to %.10g, graph 1 nohead dt 3 lw 2 "
                   "lc rgb '#b2182b'\n", target->answer, target->answer);
    if (numeric) {
        double pad = xhi > xlo ? (xhi - xlo) * 0.05 : 1;
        pl_axis_value(f, "x", xlo - pad, xhi + pad, PL_UNIT_COUNT, ch->lang);
        char label[320];
        axis_label(f, "x", pl_chart_key_label(ch->data, ch->data->keys[0], PL_CHART_KEY_AXIS, label,
                                              sizeof label));
    } else {
        sweep_tics(f, ch, rows, n);
    }
    pl_axis_value(f, "y", lo, hi * 1.05, pl_text_indicator_unit(ch->key), ch->lang);
    plot p = { f, 0 };
    for (int g = 0; g < lines; g++) {
        char title[512];
        sweep_line_title(ch, rows[g], title, sizeof title);
        item(&p, lines > 1 ? title : pl_chart_tr(ch, "moyenne et intervalle 90 %", "mean and 90% band"),
             "$sw index %d using 1:2:3:4 with yerrorlines lw 3 pt 7 ps 1.3 lc rgb '%s' dt %d", g,
             sweep_colours[g], g % 4 + 1);   /* dashed apart: lines that coincide stay visible */
    }
    if (target) {
        char title[384], value[64], condition[160], answer[256] = "";
        char met[96] = "", pct[64];
        if (isfinite(target->share))   /* how often the replications meet it at the answer */
            snprintf(met, sizeof met, pl_chart_tr(ch, ", atteinte dans %s des réplications",
                                                  ", met in %s of the replications"),
                     pl_text_pct(pct, sizeof pct, target->share, 0, ch->lang));
        if (isfinite(target->answer))   /* the key's value that sweep --target found */
            snprintf(answer, sizeof answer, pl_chart_tr(ch, " (réponse : %s%s)", " (answer: %s%s)"),
                     pl_chart_target_number(ch, target->answer, value, sizeof value), met);
        snprintf(title, sizeof title, "%s %s%s", pl_chart_tr(ch, "cible :", "target:"),
                 pl_chart_target_condition(ch, condition, sizeof condition), answer);
        item(&p, title, "%.10g with lines lw 2 dt 2 lc rgb '#b2182b'", target->threshold);
    }
    plot_end(&p);
}
