/* pl_calibrate.c — Observed against calibrated: the run at the estimate as a mean inside its 90 %
 * band, the observations used and held out as points with ± 2 sd bars, one chart per target. */
#include "pl_calibrate.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_date.h"
#include "../models/ea_compare.h"
#include "../models/ea_tables.h"
#include "pl_axis.h"

typedef struct chart {
    const char *scope, *indicator;
    int annual;
    char name[160], title[512];
    double ymax;                /* the highest band, bar or figure drawn */
    int last;                   /* the x of the last observed row */
    int nused, nheld;           /* observed rows used, and held out by --until */
} chart;

typedef struct charts {
    chart *v;
    int n, cap;
} charts;

/* A declared file of plots/ by its name inside the folder. */
static const char *in_plots(ea_tables_id id)
{
    const char *name = ea_tables_file(id);
    return strncmp(name, "plots/", 6) == 0 ? name + 6 : name;
}

/* The index of the chart of row r, or -1. */
static int find(const charts *cs, const ea_calibrate_obs_row *r)
{
    for (int i = 0; i < cs->n; i++)
        if (cs->v[i].annual == r->annual && strcmp(cs->v[i].scope, r->scope) == 0
            && strcmp(cs->v[i].indicator, r->indicator) == 0)
            return i;
    return -1;
}

/* Names and titles chart ch: calibration_INDICATOR_SCOPE[_annual], letters, digits, '-', '_'. */
static void name_chart(chart *ch, pl_text_lang lang)
{
    char raw[160], label[128], where[96];
    snprintf(raw, sizeof raw, "calibration_%s_%s%s", ch->indicator, ch->scope,
             ch->annual ? "_annual" : "");
    size_t n = 0;
    for (const char *p = raw; *p && n + 1 < sizeof ch->name; p++)
        ch->name[n++] = isalnum((unsigned char)*p) || *p == '-' || *p == '_' ? *p : '_';
    ch->name[n] = '\0';
    if (strcmp(ch->scope, "region") == 0)
        snprintf(where, sizeof where, "%s",
                 pl_text_tr(lang, "ensemble du scénario", "whole scenario"));
    else
        snprintf(where, sizeof where, pl_text_tr(lang, "département %s", "department %s"),
                 ch->scope);
    pl_text_indicator_label(label, sizeof label, ch->indicator, lang);
    snprintf(ch->title, sizeof ch->title,
             pl_text_tr(lang, "%s%s, %s : observé et simulé au point calé",
                        "%s%s, %s: observed and simulated at the estimate"),
             label, ch->annual ? pl_text_tr(lang, " (par année)", " (per year)") : "", where);
    ch->title[0] = (char)toupper((unsigned char)ch->title[0]);
}

/* The charts of c: one per scope, indicator and kind of period with a matched observed row. */
static int list_charts(const ea_calibrate *c, pl_text_lang lang, charts *cs, eng_error *err)
{
    for (int k = 0; k < c->obs.n; k++) {
        const ea_calibrate_obs_row *r = &c->obs.rows[k];
        if (!r->matched)
            continue;
        int i = find(cs, r);
        if (i < 0) {
            if (eng_array_reserve_int(&cs->v, &cs->cap, cs->n + 1, sizeof *cs->v, 8))
                return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
            i = cs->n++;
            memset(&cs->v[i], 0, sizeof cs->v[i]);
            cs->v[i].scope = r->scope;
            cs->v[i].indicator = r->indicator;
            cs->v[i].annual = r->annual;
            name_chart(&cs->v[i], lang);
        }
        cs->v[i].ymax = fmax(cs->v[i].ymax, fmax(r->observed + 2 * r->sd, r->p95));
        cs->v[i].last = r->period > cs->v[i].last ? r->period : cs->v[i].last;
        cs->v[i].nheld += r->held_out;
        cs->v[i].nused += !r->held_out;
    }
    return ENG_OK;
}

/* The x of period p of a table: the month index of "YYYY-MM", or the year. */
static int period_x(const ea_results *res, int table, int p)
{
    const char *label = ea_results_period(res, table, p);
    int year = atoi(label), month = table == EA_MONTHLY && strlen(label) >= 7 ? atoi(label + 5) : 1;
    return table == EA_MONTHLY ? year * 12 + month - 1 : year;
}

/* The last x a chart shows: a year (12 months) past its last observation, within the run. The
 * projection beyond is simulate's to show; here the fit must stay legible. */
static int x_end(const ea_results *res, const chart *ch)
{
    int table = ch->annual ? EA_ANNUAL : EA_MONTHLY, np = ea_results_nperiods(res, table);
    int end = period_x(res, table, np - 1), want = ch->last + (ch->annual ? 1 : 12);
    return want < end ? want : end;
}

/* Whether year row p of the annual table covers fewer than twelve simulated months (the first or
 * last year cut by the run): its figure is not comparable with a whole year's. Unknown (a run of
 * the annual table alone) counts as whole. */
static int partial_year(const ea_results *res, int p)
{
    int year = atoi(ea_results_period(res, EA_ANNUAL, p)), months = 0;
    int np = ea_results_nperiods(res, EA_MONTHLY);
    for (int m = 0; m < np; m++)
        months += atoi(ea_results_period(res, EA_MONTHLY, m)) == year;
    return np > 0 && months < 12;
}

/* Writes the rows of every chart into the two data files (a year cut by the run is left out);
 * widens each chart's ymax to its band within the x it shows. */
static void write_data(const ea_calibrate *c, charts *cs, FILE *sim, FILE *obs)
{
    const ea_results *res = c->final;
    ea_tables_write_header(sim, EA_TABLE_CALIBRATION_CHART_SIMULATED, &eng_csv_standard);
    ea_tables_write_header(obs, EA_TABLE_CALIBRATION_CHART_OBSERVED, &eng_csv_standard);
    for (int i = 0; i < cs->n; i++) {
        chart *ch = &cs->v[i];
        int table = ch->annual ? EA_ANNUAL : EA_MONTHLY;
        int s = ea_results_find_scope(res, ch->scope);
        int ind = ea_indicators_find(ea_results_indicators(res), ch->indicator);
        int end = x_end(res, ch);
        for (int p = 0; s >= 0 && ind >= 0 && p < ea_results_nperiods(res, table); p++) {
            if (ch->annual && partial_year(res, p))
                continue;
            const eng_stats_summary *sm = ea_results_summary(res, table, s, p, ind);
            int x = period_x(res, table, p);
            fprintf(sim, "%s,%s,%d,%.10g,%.10g,%.10g\n", ch->name, ea_results_period(res, table, p),
                    x, sm->mean, sm->p05, sm->p95);
            if (x <= end)
                ch->ymax = fmax(ch->ymax, sm->p95);
        }
        for (int k = 0; k < c->obs.n; k++) {
            const ea_calibrate_obs_row *r = &c->obs.rows[k];
            if (r->matched && find(cs, r) == i)
                fprintf(obs, "%s,%s,%d,%.10g,%.10g,%.10g,%d\n", ch->name, r->when, r->period,
                        r->observed, r->observed - 2 * r->sd, r->observed + 2 * r->sd,
                        !r->held_out);
        }
    }
}

/* The dashed line between the last period used and the first held out, with a word on each side. */
static void emit_until(const ea_calibrate *c, const chart *ch, FILE *f, pl_text_lang lang)
{
    eng_date u;
    char why[64];
    if (!c->until[0] || eng_date_parse(c->until, &u, why, sizeof why) != 0)
        return;
    double x = ch->annual ? u.year - ea_compare_held_out(u.year, 0, u) + 0.5
                          : eng_date_month_index(u) - ea_compare_held_out(u.year, u.month, u) + 0.5;
    if (x > x_end(c->final, ch))
        return;
    fprintf(f, "set arrow from %.10g, graph 0 to %.10g, graph 1 nohead lw 1.5 dt 2 lc rgb '#444444'\n",
            x, x);
    fprintf(f, "set label ");
    pl_gnuplot_text(f, pl_text_tr(lang, "calage ", "calibration "));
    fprintf(f, " at %.10g, graph 0.96 right tc rgb '#444444'\nset label ", x);
    pl_gnuplot_text(f, pl_text_tr(lang, " tenu à l'écart", " held out"));
    fprintf(f, " at %.10g, graph 0.96 left tc rgb '#444444'\n", x);
}

/* The axes of chart ch over the run's periods. */
static void emit_axes(const ea_calibrate *c, const chart *ch, FILE *f, pl_text_lang lang)
{
    int table = ch->annual ? EA_ANNUAL : EA_MONTHLY;
    int x0 = period_x(c->final, table, 0), x1 = x_end(c->final, ch);
    if (ch->annual && ea_results_nperiods(c->final, EA_ANNUAL) > 1 && partial_year(c->final, 0))
        x0++;
    if (ch->annual)
        pl_axis_year(f, x0, x1);
    else
        pl_axis_month(f, x0 - 1, x1 + 1, lang);
    pl_axis_value(f, "y", 0, ch->ymax * 1.08, pl_text_indicator_unit(ch->indicator), lang);
    char label[128];
    fputs("set ylabel ", f);
    pl_gnuplot_text(f, pl_text_indicator_label(label, sizeof label, ch->indicator, lang));
    fputc('\n', f);
}

/* The gnuplot commands of chart ch, reading the data files at sim and obs. */
static void emit(const ea_calibrate *c, const chart *ch, const char *sim, const char *obs, FILE *f,
                 pl_text_lang lang)
{
    fputs("reset\nset title ", f);
    pl_gnuplot_text(f, ch->title);
    fputs("\nset datafile separator ','\nset border 3 lc rgb '#444444'\nset tics nomirror out\n"
          "set grid ytics lc rgb '#dddddd' dt 1\nset key below center horizontal height 1\n"
          "set style fill solid 1.0 noborder\n", f);
    emit_axes(c, ch, f, lang);
    emit_until(c, ch, f, lang);
    /* Every chart reads the same files: the rows of other charts get an undefined x. */
    char pick[256];
    snprintf(pick, sizeof pick, "(strcol(1) eq '%s' ? $3 : NaN)", ch->name);
    fputs("plot ", f);
    pl_gnuplot_text(f, sim);
    fprintf(f, " every ::1 using %s:5:6 with filledcurves lc rgb '#c6dbef' title ", pick);
    pl_gnuplot_text(
        f, pl_text_tr(lang, "simulé : 90 % des réplications", "simulated: 90% of replications"));
    fputs(", ", f);
    pl_gnuplot_text(f, sim);
    fprintf(f, " every ::1 using %s:4 with lines lw 3 lc rgb '#08306b' title ", pick);
    pl_gnuplot_text(f, pl_text_tr(lang, "simulé : moyenne", "simulated: mean"));
    if (ch->nused > 0) {
        fputs(", ", f);
        pl_gnuplot_text(f, obs);
        fprintf(f, " every ::1 using (strcol(1) eq '%s' && $7 == 1 ? $3 : NaN):4:5:6 with "
                   "yerrorbars pt 7 ps 1.4 lw 2 lc rgb '#d62728' title ", ch->name);
        pl_gnuplot_text(f, pl_text_tr(lang, "observé, utilisé pour le calage (± 2 écarts-types)",
                                      "observed, used for calibration (± 2 sd)"));
    }
    if (ch->nheld > 0) {
        fputs(", ", f);
        pl_gnuplot_text(f, obs);
        fprintf(f, " every ::1 using (strcol(1) eq '%s' && $7 == 0 ? $3 : NaN):4:5:6 with "
                   "yerrorbars pt 9 ps 1.6 lw 2 lc rgb '#ff7f0e' title ", ch->name);
        pl_gnuplot_text(f, pl_text_tr(lang, "observé, tenu à l'écart (back-test, ± 2 écarts-types)",
                                      "observed, held out (back-test, ± 2 sd)"));
    }
    fputc('\n', f);
}

static int draw_all(const ea_calibrate *c, const charts *cs, eng_out *out,
                    pl_gnuplot_format format, pl_text_lang lang, eng_error *err)
{
    pl_gnuplot *gp = NULL;
    int status = pl_gnuplot_alloc(&gp, err);
    const char *sim = eng_out_tmp_path(out, in_plots(EA_TABLE_CALIBRATION_CHART_SIMULATED));
    const char *obs = eng_out_tmp_path(out, in_plots(EA_TABLE_CALIBRATION_CHART_OBSERVED));
    for (int i = 0; status == ENG_OK && i < cs->n; i++) {
        char name[200];
        snprintf(name, sizeof name, "%s.%s", cs->v[i].name, pl_gnuplot_format_ext(format));
        if (!eng_out_open(out, name, err)) {
            status = ENG_EFAIL;
            break;
        }
        FILE *f = pl_gnuplot_script(gp);
        pl_gnuplot_terminal(gp, format, eng_out_tmp_path(out, name));
        emit(c, &cs->v[i], sim, obs, f, lang);
        pl_gnuplot_close_output(f);
    }
    if (status == ENG_OK)
        status = pl_gnuplot_run(gp, err);
    pl_gnuplot_free(gp);
    return status;
}

int pl_calibrate_draw(const ea_calibrate *c, eng_out *out, pl_gnuplot_format format,
                      pl_text_lang lang, int *ncharts, eng_error *err)
{
    charts cs = { 0 };
    *ncharts = 0;
    int status = c->final ? list_charts(c, lang, &cs, err) : ENG_OK;
    if (status != ENG_OK || cs.n == 0) {
        free(cs.v);
        return status;
    }
    FILE *sim = eng_out_open(out, in_plots(EA_TABLE_CALIBRATION_CHART_SIMULATED), err);
    FILE *obs = sim ? eng_out_open(out, in_plots(EA_TABLE_CALIBRATION_CHART_OBSERVED), err) : NULL;
    if (!obs)
        status = ENG_EFAIL;
    if (status == ENG_OK) {
        write_data(c, &cs, sim, obs);
        /* gnuplot reads them before the set is committed. */
        if (fflush(sim) != 0 || fflush(obs) != 0)
            status = eng_error_set(err, ENG_EFAIL, "%s : écriture impossible (disque plein ?)",
                                   in_plots(EA_TABLE_CALIBRATION_CHART_SIMULATED));
    }
    if (status == ENG_OK)
        status = draw_all(c, &cs, out, format, lang, err);
    if (status == ENG_OK)
        *ncharts = cs.n;
    free(cs.v);
    return status;
}
