/* pl_report.c — The annual report: key figures of the year, index.html with inline SVG charts and
 * the tables of pl_report_tables, and report.pdf, all charts drawn by one gnuplot process. */
#include "pl_report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../engine/eng_out.h"
#include "pl_charts.h"
#include "pl_data.h"
#include "pl_gnuplot.h"
#include "pl_html.h"
#include "pl_report_tables.h"

/* What the report reads (the tables and their charts) and speaks of (the region and the year). */
typedef struct report {
    const pl_data *d;
    const pl_charts *c;
    pl_text_lang lang;
    const char *region;
    int year;
} report;

/* A key figure of the year, as shown in the page and on the first page of the PDF. */
typedef struct figure {
    char label[160];
    char value[64];
} figure;

#define MAX_FIGURES 32

static const char *tr(const report *r, const char *fr, const char *en)
{
    return r->lang == PL_EN ? en : fr;
}

static double annual(const report *r, const char *scope, const char *indicator, int year)
{
    return pl_data_series_at(pl_data_summary_find(r->d->annual, scope, indicator), year, PL_MEAN);
}

static int choose_year(report *r, int wanted, eng_error *err)
{
    const pl_data_series *years = pl_report_tables_years(r->d, r->region);
    if (!years || years->n == 0)
        return eng_error_set(err, ENG_EINPUT, "%s/annual.csv: no row for %s", r->d->dir, r->region);
    if (wanted) {
        for (int i = 0; i < years->n; i++)
            if (years->period[i] == wanted) {
                r->year = wanted;
                return ENG_OK;
            }
        return eng_error_set(err, ENG_EINPUT, "%s/annual.csv has no year %d (years %d to %d)",
                            r->d->dir, wanted, years->period[0], years->period[years->n - 1]);
    }
    r->year = years->period[years->n - 1];
    for (int i = years->n - 1; i >= 0; i--)
        if (pl_report_tables_months(r->d, r->region, years->period[i]) == 12) {
            r->year = years->period[i];
            break;
        }
    return ENG_OK;
}

static void add_figure(figure *fig, int *n, const char *label, const char *value)
{
    if (*n >= MAX_FIGURES)
        return;
    snprintf(fig[*n].label, sizeof fig[*n].label, "%s", label);
    snprintf(fig[*n].value, sizeof fig[*n].value, "%s", value);
    (*n)++;
}

/* Adds the figure when the indicator has a value in the year. */
static void add_indicator(const report *r, figure *fig, int *n, const char *label,
                          const char *indicator, pl_text_unit unit)
{
    double v = annual(r, r->region, indicator, r->year);
    char value[64];
    if (isfinite(v))
        add_figure(fig, n, label, pl_text_value(value, sizeof value, v, unit, 0, r->lang));
}

/* The key figures of the year for the whole region: means over replications of annual.csv. */
static int key_figures(const report *r, figure *fig)
{
    int n = 0;
    char value[64], label[160];
    int y = r->year;
    add_indicator(r, fig, &n,
                  tr(r, "Personnes accompagnées dans l'année", "Persons accompanied in the year"),
                  "persons_accompanied", PL_UNIT_COUNT);
    add_indicator(r, fig, &n,
                  tr(r, "File active en fin d'année", "Caseload at the end of the year"),
                  "file_active", PL_UNIT_COUNT);
    add_indicator(r, fig, &n, tr(r, "Places financées", "Funded places"), "places", PL_UNIT_COUNT);
    add_indicator(r, fig, &n, tr(r, "Taux d'occupation des places", "Occupancy of places"),
                  "occupancy", PL_UNIT_SHARE);
    double gap = annual(r, r->region, "places", y) - annual(r, r->region, "file_active", y);
    if (isfinite(gap))
        add_figure(
            fig, &n,
            tr(r, "Écart à la cible (places − file active)", "Gap to target (places − caseload)"),
            pl_text_num(value, sizeof value, gap, 0, r->lang));
    add_indicator(r, fig, &n, tr(r, "Entrées (prescriptions)", "Entries (referrals)"), "entries",
                  PL_UNIT_COUNT);
    add_indicator(r, fig, &n, tr(r, "Sorties", "Exits"), "exits", PL_UNIT_COUNT);
    for (int i = 0; i < r->d->annual->nindicators; i++) {
        const char *ind = r->d->annual->indicators[i];
        if (strncmp(ind, "exits_", 6) != 0)
            continue;
        snprintf(label, sizeof label, "%s %s", tr(r, "dont", "of which"),
                 pl_text_reason_label(ind + 6, r->lang));
        add_indicator(r, fig, &n, label, ind, PL_UNIT_COUNT);
    }
    add_indicator(r, fig, &n,
                  tr(r, "Liste d'attente en fin d'année", "Waiting list at the end of the year"),
                  "waiting", PL_UNIT_COUNT);
    add_indicator(r, fig, &n, tr(r, "Financement", "Funding"), "funding_eur", PL_UNIT_EUR);
    /* The cost of a place for a whole year: the scenario's own figure, else the funding of the
     * simulated months brought to twelve. */
    double per_place = r->d->cost_per_place;
    if (!isfinite(per_place)) {
        int months = pl_report_tables_months(r->d, r->region, y);
        per_place = annual(r, r->region, "funding_eur", y)
                    / (annual(r, r->region, "places", y) * (months ? months : 12) / 12.0);
    }
    if (isfinite(per_place))
        add_figure(fig, &n, tr(r, "Coût par place et par an", "Cost per place per year"),
                   pl_text_eur(value, sizeof value, per_place, r->lang));
    add_indicator(r, fig, &n, tr(r, "Coût par personne accompagnée", "Cost per person accompanied"),
                  "cost_per_person_eur", PL_UNIT_EUR);
    add_indicator(r, fig, &n, tr(r, "Coût par sortie vers l'emploi durable",
                                 "Cost per exit to lasting employment"),
                  "cost_per_exit_emploi_eur", PL_UNIT_EUR);
    if (annual(r, r->region, "spend_eur", y) > 0)
        add_indicator(r, fig, &n, tr(r, "Dépense en personnel", "Staff spend"), "spend_eur",
                      PL_UNIT_EUR);
    double fte = annual(r, r->region, "staff_fte_needed", y);
    if (isfinite(fte))
        add_figure(fig, &n, tr(r, "ETP d'accompagnement nécessaires", "Support FTE needed"),
                   pl_text_num(value, sizeof value, fte, 1, r->lang));
    return n;
}

static const char *scenario_name(const report *r)
{
    return r->d->scenario_name ? r->d->scenario_name : r->d->dir;
}

/* ---- The PDF's first page ------------------------------------------------------------------- */

static void title_page(const report *r, FILE *f, const figure *fig, int n)
{
    char title[512], sub[256];
    snprintf(title, sizeof title, "%s — %s", tr(r, "Emploi accompagné", "Supported employment"),
             scenario_name(r));
    snprintf(sub, sizeof sub, "%s %d",
             tr(r, "Rapport annuel : chiffres clés de", "Annual report: key figures of"), r->year);
    fputs("reset\nunset border\nunset tics\nunset key\nset xrange [0:1]\nset yrange [0:1]\n"
          "set label 1 ", f);
    pl_gnuplot_text(f, title);
    fputs(" at screen 0.5, screen 0.9 center font ',22'\nset label 2 ", f);
    pl_gnuplot_text(f, sub);
    fputs(" at screen 0.5, screen 0.83 center font ',15'\n", f);
    double step = n > 16 ? 0.7 / n : 0.044;
    for (int i = 0; i < n; i++) {
        fprintf(f, "set label %d ", 2 * i + 3);
        pl_gnuplot_text(f, fig[i].label);
        fprintf(f, " at screen 0.22, screen %.4f left\nset label %d ", 0.75 - i * step, 2 * i + 4);
        pl_gnuplot_text(f, fig[i].value);
        fprintf(f, " at screen 0.78, screen %.4f right\n", 0.75 - i * step);
    }
    fputs("plot NaN notitle\n", f);
}

/* ---- The page ------------------------------------------------------------------------------- */

static const char *const css =
    "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#222;max-width:1120px;"
    "margin:2em auto;padding:0 1em;line-height:1.45}\n"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #08306b;"
    "padding-bottom:.2em}h3{margin-bottom:.3em}\n"
    ".sub{color:#555;margin-top:0}\n"
    "table{border-collapse:collapse;margin:1em 0;font-size:.92em}\n"
    "th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}\n"
    "td{white-space:nowrap}div.wide{overflow-x:auto}\n"
    "thead th{background:#eef3f8}\n"
    ".n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "tr.total td{font-weight:bold;border-top:2px solid #999}\n"
    "table.key th{font-weight:normal}table.key td{font-weight:bold}\n"
    "figure{margin:.5em 0 2em}figure svg{width:100%;height:auto;display:block}\n"
    "p.reading{font-style:italic;margin:.2em 0}\n"
    "pre{background:#f6f6f6;padding:1em;font-size:.82em;white-space:pre-wrap}\n"
    "nav ol{columns:2}\n"
    "@media print{@page{size:A4 landscape;margin:12mm}"
    "body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "section.chart{break-before:page;page-break-before:always;break-inside:avoid;"
    "page-break-inside:avoid}"
    "section.chart figure svg{max-height:150mm}"
    "h2,h3{break-after:avoid;page-break-after:avoid}tr{break-inside:avoid;page-break-inside:avoid}"
    "nav{display:none}}\n";

/* From the doctype to the subtitle: the page's title, its style sheet, and what its figures are. */
static void page_head(const report *r, FILE *f)
{
    char title[512], sub[512], count[64], reps[96] = "";
    snprintf(title, sizeof title, "%s — %s — %s %d",
             tr(r, "Emploi accompagné", "Supported employment"), scenario_name(r),
             tr(r, "rapport", "report"), r->year);
    if (isfinite(r->d->replications))
        snprintf(reps, sizeof reps,
                 r->lang == PL_EN ? " over %s replications" : " sur %s réplications",
                 pl_text_num(count, sizeof count, r->d->replications, 0, r->lang));
    snprintf(sub, sizeof sub, r->lang == PL_EN
             ? "Simulated figures: means%s of the scenario, for the whole region."
             : "Chiffres simulés : moyennes%s du scénario, pour l'ensemble de la région.",
             reps);
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            r->lang == PL_EN ? "en" : "fr");
    pl_html_text(f, title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
    pl_html_text(f, title);
    fputs("</h1>\n<p class=\"sub\">", f);
    pl_html_text(f, sub);
    fputs("</p>\n", f);
}

/* The key figures as a table, and the list of the charts that follow (not printed). */
static void page_figures(const report *r, FILE *f, const figure *fig, int nfig)
{
    fputs("<h2>", f);
    char head[128];
    snprintf(head, sizeof head, "%s %d", tr(r, "Chiffres clés", "Key figures"), r->year);
    pl_html_text(f, head);
    fputs("</h2>\n<table class=\"key\">\n<tbody>\n", f);
    for (int i = 0; i < nfig; i++) {
        fputs("<tr><th scope=\"row\">", f);
        pl_html_text(f, fig[i].label);
        fputs("</th><td class=\"n\">", f);
        pl_html_text(f, fig[i].value);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n<nav>\n<h2>", f);
    pl_html_text(f, tr(r, "Graphiques", "Charts"));
    fputs("</h2>\n<ol>\n", f);
    for (int i = 0; i < pl_charts_count(r->c); i++) {
        if (!pl_charts_in_report(r->c, i))
            continue;
        fprintf(f, "<li><a href=\"#%s\">", pl_charts_name(r->c, i));
        pl_html_text(f, pl_charts_title(r->c, i));
        fputs("</a></li>\n", f);
    }
    fputs("</ol>\n</nav>\n", f);
}

/* One section per chart of the report: its title, its reading and its SVG drawing from svg_dir. */
static int page_charts(const report *r, FILE *f, const char *svg_dir, eng_error *err)
{
    for (int i = 0; i < pl_charts_count(r->c); i++) {
        if (!pl_charts_in_report(r->c, i))
            continue;
        char reading[1024], path[4200], prefix[32];
        pl_charts_reading(r->c, i, r->year, reading, sizeof reading);
        /* Chart names hold letters, digits, '-' and '_' only: safe in an id and a path. */
        fprintf(f, "<section class=\"chart\" id=\"%s\">\n<h3>", pl_charts_name(r->c, i));
        pl_html_text(f, pl_charts_title(r->c, i));
        fputs("</h3>\n<p class=\"reading\">", f);
        pl_html_text(f, reading);
        fputs("</p>\n<figure>\n", f);
        snprintf(path, sizeof path, "%s/%s.svg", svg_dir, pl_charts_name(r->c, i));
        snprintf(prefix, sizeof prefix, "c%d", i);
        int status = pl_html_svg(f, path, prefix, pl_charts_title(r->c, i), err);
        if (status != ENG_OK)
            return status;
        fputs("</figure>\n</section>\n", f);
    }
    return ENG_OK;
}

static int write_page(const report *r, FILE *f, const figure *fig, int nfig, const char *svg_dir,
                      eng_error *err)
{
    page_head(r, f);
    page_figures(r, f, fig, nfig);
    int status = page_charts(r, f, svg_dir, err);
    if (status != ENG_OK)
        return status;
    fputs("<h2>", f);
    pl_html_text(f, tr(r, "Tableaux", "Tables"));
    fputs("</h2>\n", f);
    pl_report_tables_write(f, r->d, r->region, r->year, r->lang);
    if (r->d->run_ini) {
        fputs("<h2>", f);
        pl_html_text(f, tr(r, "Hypothèses du scénario (run.ini)",
                           "Assumptions of the scenario (run.ini)"));
        fputs("</h2>\n<pre>", f);
        pl_html_text(f, r->d->run_ini);
        fputs("</pre>\n", f);
    }
    fputs("</body>\n</html>\n", f);
    return ENG_OK;
}

/* Removes the scratch SVG files and their directory. */
static void remove_scratch(const report *r, const char *svg_dir)
{
    char path[4200];
    for (int i = 0; i < pl_charts_count(r->c); i++) {
        snprintf(path, sizeof path, "%s/%s.svg", svg_dir, pl_charts_name(r->c, i));
        remove(path);
    }
    rmdir(svg_dir);
}

/* Draws, with one gnuplot process, the charts of the report as SVG files in svg_dir, and the PDF:
 * the key figures on its first page, then the same charts, one per page. */
static int draw(const report *r, const figure *fig, int nfig, const char *svg_dir, eng_out *out,
                eng_error *err)
{
    pl_gnuplot *gp = NULL;
    int status = pl_gnuplot_alloc(&gp, err);
    if (status != ENG_OK)
        return status;
    FILE *f = pl_gnuplot_script(gp);
    char path[4200];
    for (int i = 0; i < pl_charts_count(r->c); i++) {
        if (!pl_charts_in_report(r->c, i))
            continue;
        snprintf(path, sizeof path, "%s/%s.svg", svg_dir, pl_charts_name(r->c, i));
        pl_gnuplot_terminal(gp, PL_SVG, path);
        pl_charts_emit(r->c, i, f);
        pl_gnuplot_close_output(f);
    }
    pl_gnuplot_terminal(gp, PL_PDF, eng_out_tmp_path(out, "report.pdf"));
    title_page(r, f, fig, nfig);
    for (int i = 0; i < pl_charts_count(r->c); i++)
        if (pl_charts_in_report(r->c, i))
            pl_charts_emit(r->c, i, f);
    pl_gnuplot_close_output(f);
    status = pl_gnuplot_run(gp, err);
    pl_gnuplot_free(gp);
    return status;
}

int pl_report_write(eng_out *out, const char *dir, const pl_report_input *in, eng_error *err)
{
    const pl_report_input defaults = { 0, PL_FR };
    if (!in)
        in = &defaults;
    pl_data *d = NULL;
    pl_charts *c = NULL;
    int status = pl_data_read(dir, &d, err);
    if (status != ENG_OK)
        return status;
    if (!d->annual) {
        pl_data_free(d);
        return eng_error_set(err, ENG_EINPUT, "%s: no annual.csv: the report reads the tables of "
                            "eaflow simulate (or compare); run it first", dir);
    }
    report r = { d, NULL, in->lang, pl_data_region(d), 0 };
    if ((status = choose_year(&r, in->year, err)) != ENG_OK
        || (status = pl_charts_alloc(d, in->lang, &c, err)) != ENG_OK) {
        pl_data_free(d);
        return status;
    }
    r.c = c;
    figure fig[MAX_FIGURES];
    int nfig = key_figures(&r, fig);

    char svg_dir[4096];
    int scratch = 0;
    if (snprintf(svg_dir, sizeof svg_dir, "%s/.report-XXXXXX", dir) >= (int)sizeof svg_dir)
        status = eng_error_set(err, ENG_EINPUT, "%s: directory name too long", dir);
    else if (!mkdtemp(svg_dir))
        status = eng_error_set(err, ENG_EFAIL, "%s: cannot create a scratch directory: %s", dir,
                              strerror(errno));
    else
        scratch = 1;
    FILE *page = NULL;
    if (status == ENG_OK && (!(page = eng_out_open(out, "index.html", err))
                            || !eng_out_open(out, "report.pdf", err)))
        status = ENG_EFAIL;
    if (status == ENG_OK)
        status = draw(&r, fig, nfig, svg_dir, out, err);
    if (status == ENG_OK)
        status = write_page(&r, page, fig, nfig, svg_dir, err);
    if (scratch)
        remove_scratch(&r, svg_dir);
    pl_charts_free(c);
    pl_data_free(d);
    return status;
}
