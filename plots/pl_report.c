/* pl_report.c — The annual report: key figures of the year, index.html (title page, contents,
 * figures, charts drawn by one gnuplot process, tables, assumptions, departments, annexes) and
 * report.pdf laid out from it by WeasyPrint. */
/* realpath, which resolves the data files' paths, is an X/Open function. */
#define _XOPEN_SOURCE 700

#include "pl_report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../engine/eng_csv.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_out.h"
#include "pl_charts.h"
#include "pl_data.h"
#include "pl_gnuplot.h"
#include "pl_html.h"
#include "pl_pdf.h"
#include "pl_report_assumptions.h"
#include "pl_report_keys.h"
#include "pl_report_tables.h"
#include "pl_report_sensitivity.h"
#include "pl_report_validation.h"

/* What the report reads (the tables and their charts) and speaks of (the region and the year). */
typedef struct report {
    const pl_data *d;
    const pl_charts *c;
    pl_text_lang lang;
    const char *region;
    int year;
    pl_report_keys_why why;  /* why the report speaks of that year */
    const pl_report_input *in;
    eng_date date;           /* of the report */
} report;

static double annual(const report *r, const char *scope, const char *indicator, int year)
{
    return pl_data_series_at(pl_data_summary_find(r->d->annual, scope, indicator), year, PL_MEAN);
}

static const char *scenario_name(const report *r)
{
    return r->d->scenario_name ? r->d->scenario_name : r->d->dir;
}

/* ---- The run: its date and the data it read ------------------------------------------------- */

/* The date of the report: the caller's, else SOURCE_DATE_EPOCH's UTC day, else today's. */
static eng_date report_date(const pl_report_input *in)
{
    if (in->date.year)
        return in->date;
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long seconds = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
    if (seconds >= 0 && end && *end == '\0')
        return eng_date_from_days((long)(seconds / 86400));
    time_t now = time(NULL);
    struct tm local;
    if (!localtime_r(&now, &local))
        return eng_date_from_days((long)(now / 86400));
    return (eng_date){ local.tm_year + 1900, local.tm_mon + 1, local.tm_mday };
}

/* Whether path is one of the example files shipped with eaflow: a file of a directory
 * scenarios/data (wherever the sources are), once links and relative parts are resolved. */
static int shipped_example(const char *path)
{
    char *real = path ? realpath(path, NULL) : NULL;
    if (!real)
        return 0;
    char *slash = strrchr(real, '/');
    if (slash)
        *slash = '\0';
    size_t n = strlen(real);
    static const char tail[] = "/scenarios/data";
    int shipped = n >= sizeof tail - 1 && strcmp(real + n - (sizeof tail - 1), tail) == 0;
    free(real);
    return shipped;
}

/* Whether every row of the table at path names its source (a column `source`, filled): the
 * published series shipped beside the examples (observed-national.csv) are no made-up data. */
static int sourced(const char *path)
{
    eng_csv *t;
    eng_error err;
    if (eng_csv_read(path, &t, &err) != ENG_OK)
        return 0;
    int c = eng_csv_column(t, "source"), all = c >= 0 && eng_csv_nrows(t) > 0;
    for (size_t i = 0; all && i < eng_csv_nrows(t); i++)
        all = eng_csv_get_text(t, i, c)[0] != '\0';
    eng_csv_free(t);
    return all;
}

/* Whether the report reads an example made up for eaflow: a shipped file that does not give the
 * source of each of its rows. */
static int illustrative(const report *r)
{
    const char *files[] = { r->in->observed, r->in->funding, r->in->records };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if (shipped_example(files[i]) && !sourced(files[i]))
            return 1;
    return 0;
}

/* ---- The page's style sheet ----------------------------------------------------------------- */

/* On screen, one column of at most 1120 px. In print (and in report.pdf): A4 pages numbered "page
 * N sur M", the title, date and the warning on illustrative data in the margins of every page
 * (taken from the page with string-set, so that no input text enters the style sheet); the title
 * page and the contents on pages of their own, the contents with page numbers; charts, tables and
 * departments on landscape pages, rows and charts never cut, a table that fits on a page kept on
 * one, table headings repeated, cells wrapped rather than cut, except names (a department's name
 * is never cut in two). */
static const char *const css =
    "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#222;max-width:1120px;"
    "margin:2em auto;padding:0 1em;line-height:1.45}\n"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #08306b;"
    "padding-bottom:.2em}h3{margin-bottom:.3em}\n"
    ".sub{color:#555;margin-top:0}\n"
    "p.illustrative{border:2px solid #a50f15;color:#a50f15;padding:.5em .8em}\n"
    "p.caveat{color:#555;font-style:italic;margin:.2em 0 .5em}\n"
    "table{border-collapse:collapse;margin:1em 0;font-size:.92em}\n"
    "th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}\n"
    "td{white-space:nowrap}td.name,table.assumptions td.name{white-space:nowrap}"
    "div.wide{overflow-x:auto}\n"
    "thead th{background:#eef3f8}\n"
    ".n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "tr.total td{font-weight:bold;border-top:2px solid #999}\n"
    "table.key th,table.run th{font-weight:normal}table.key td{font-weight:bold}"
    "table.run td{white-space:normal}\n"
    "figure{margin:.5em 0 2em}figure svg{width:100%;height:auto;display:block}"
    "figcaption{font-weight:bold}\n"
    "p.reading{font-style:italic;margin:.2em 0}\n"
    "pre{background:#f6f6f6;padding:1em;font-size:.82em;white-space:pre-wrap}\n"
    "nav.toc ol ol{columns:2;font-size:.92em}\n"
    "div.grid figure{display:inline-block;vertical-align:top;width:49%;margin:0 0 1.5em}"
    "div.grid figure:nth-child(2n){margin-left:2%}\n"
    "p.dept{margin:.2em 0 .8em}\n"
    "@media print{"
    "@page{size:A4;margin:16mm 15mm 18mm;"
    "@top-right{content:string(illustrative);color:#a50f15;font:bold 8pt 'DejaVu Sans',sans-serif}"
    "@bottom-left{content:string(title) \" — \" string(date);width:75%;color:#555;"
    "font:7.5pt 'DejaVu Sans',sans-serif}"
    "@bottom-right{content:\"page \" counter(page) \" sur \" counter(pages);width:25%;"
    "color:#555;font:7.5pt 'DejaVu Sans',sans-serif}}\n"
    "@page land{size:A4 landscape;margin:12mm 14mm 15mm}\n"
    "body{max-width:none;margin:0;padding:0;font-size:9.5pt;line-height:1.35}"
    "a{color:inherit;text-decoration:none}\n"
    "h1{string-set:title content()}td.date{string-set:date content()}"
    "p.illustrative strong{string-set:illustrative content()}\n"
    "header.cover{break-after:page;page-break-after:always;padding-top:35mm}"
    "header.cover h1{font-size:22pt}header.cover .sub{font-size:12pt}"
    "header.cover table.run{font-size:11pt;margin-top:12mm}\n"
    "nav.toc{break-after:page;page-break-after:always}nav.toc h2{margin-top:0}"
    "nav.toc ol ol{columns:1}"
    "nav.toc a::after{content:leader('.') target-counter(attr(href),page)}\n"
    "section.charts,section.tables,section.annex{page:land}"
    "section.charts>h2,section.tables>h2,section.annex>h2{margin-top:0}"
    "section.chart+section.chart,section.dept+section.dept{break-before:page;"
    "page-break-before:always}\n"
    "section.chart,section.dept,figure,tr{break-inside:avoid;page-break-inside:avoid}"
    "section.chart figure svg{max-height:130mm}div.grid figure svg{max-height:54mm}"
    "div.grid figure{margin:0 0 .4em}\n"
    "table{width:100%}table.key,table.run{width:auto}th,td,th.n{white-space:normal}"
    "div.wide{overflow:visible;break-inside:avoid;page-break-inside:avoid}"
    "thead{display:table-header-group}"
    "h2,h3,figcaption{break-after:avoid;page-break-after:avoid}\n"
    "section.assumptions,section.validation,section.sensitivity{break-before:page;"
    "page-break-before:always}section.sens-outcome+section.sens-outcome{break-before:page;"
    "page-break-before:always}section.sensitivity figure svg{max-height:110mm}"
    "pre{font-size:7pt;columns:2;column-gap:6mm}"
    "td.name,table.assumptions td.name{white-space:nowrap}}\n";

/* The page numbers in English. */
static const char *const css_en =
    "@media print{@page{@bottom-right{content:\"page \" counter(page) \" of \" counter(pages)}}}\n";

/* ---- The title page and the contents -------------------------------------------------------- */

/* A row of the title page's table. */
static void run_row(FILE *f, const char *label, const char *value, const char *cls)
{
    fputs("<tr><th scope=\"row\">", f);
    pl_html_text(f, label);
    fprintf(f, "</th><td%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    pl_html_text(f, value);
    fputs("</td></tr>\n", f);
}

/* A data file on the title page: its path as given; else the tables of an earlier run that the
 * directory holds, or none. */
static void data_row(const report *r, FILE *f, const char *label, const char *path, int has_table,
                     const char *tables)
{
    char value[512];
    if (path)
        snprintf(value, sizeof value, "%s", path);
    else if (has_table)
        snprintf(
            value, sizeof value, "%s (%s)",
            pl_text_tr(r->lang, "tables déjà dans le dossier", "tables already in the directory"),
            tables);
    else
        snprintf(value, sizeof value, "%s", pl_text_tr(r->lang, "aucune", "none"));
    run_row(f, label, value, NULL);
}

/* The simulated months of the whole region as "janvier 2022 à décembre 2026", or empty. */
static void simulated_period(const report *r, char *buf, size_t size)
{
    const pl_data_series *fa = pl_data_summary_find(r->d->monthly, r->region, "file_active");
    buf[0] = '\0';
    if (!fa || fa->n == 0)
        return;
    int a = fa->period[0], b = fa->period[fa->n - 1];
    snprintf(buf, size, r->lang == PL_EN ? "%s %d to %s %d" : "%s %d à %s %d",
             pl_text_month_name(a % 12 + 1, 0, r->lang), a / 12,
             pl_text_month_name(b % 12 + 1, 0, r->lang), b / 12);
}

static void page_cover(const report *r, FILE *f, const char *title, const char *sub)
{
    fputs("<header class=\"cover\">\n<h1>", f);
    pl_html_text(f, title);
    fputs("</h1>\n<p class=\"sub\">", f);
    pl_html_text(f, sub);
    fputs("</p>\n", f);
    if (illustrative(r)) {
        fputs("<p class=\"illustrative\"><strong>", f);
        pl_html_text(f, pl_text_tr(r->lang, "Données illustratives", "Illustrative data"));
        fputs("</strong>", f);
        pl_html_text(
            f, pl_text_tr(r->lang,
                          " : ce rapport lit les données d'exemple livrées avec eaflow "
                          "(scenarios/data), cohérentes avec les chiffres publics mais en "
                          "partie inventées ; il ne décrit pas une situation réelle.",
                          ": this report reads the example data shipped with eaflow "
                          "(scenarios/data), consistent with the public figures but partly made "
                          "up; it does not describe a real situation."));
        fputs("</p>\n", f);
    }
    char value[256], n[64];
    fputs("<table class=\"run\">\n<tbody>\n", f);
    run_row(f, pl_text_tr(r->lang, "Scénario", "Scenario"), scenario_name(r), NULL);
    pl_text_date(value, sizeof value, r->date, r->lang);
    run_row(f, pl_text_tr(r->lang, "Date du rapport", "Date of the report"), value, "date");
    simulated_period(r, value, sizeof value);
    if (value[0] && isfinite(r->d->replications))
        snprintf(value + strlen(value), sizeof value - strlen(value),
                 r->lang == PL_EN ? ", %s replications" : ", %s réplications",
                 pl_text_num(n, sizeof n, r->d->replications, 0, r->lang));
    if (value[0])
        run_row(f, pl_text_tr(r->lang, "Période simulée", "Simulated period"), value, NULL);
    data_row(r, f, pl_text_tr(r->lang, "Données observées", "Observed data"), r->in->observed,
             r->d->nobs > 0, "compare.csv, capacity.csv");
    data_row(r, f, pl_text_tr(r->lang, "Table des financements", "Funding table"), r->in->funding,
             r->d->ncosts > 0, "costs.csv");
    data_row(r, f, pl_text_tr(r->lang, "Parcours individuels", "Individual records"),
             r->in->records, r->d->nkm > 0 || r->d->nfits > 0, "km.csv, fit.csv");
    fputs("</tbody>\n</table>\n</header>\n", f);
}

/* The department of chart i: the scope of a scope's chart that is not in the report (a
 * department's file active, modules, flows or budget), else NULL. */
static const char *department_of(const report *r, int i)
{
    return pl_charts_in_report(r->c, i) ? NULL : pl_charts_scope(r->c, i);
}

/* Whether chart i is its department's first: the annex has a section per department, in the order
 * of the charts. */
static int department_start(const report *r, int i)
{
    const char *scope = department_of(r, i);
    for (int k = 0; scope && k < i; k++) {
        const char *other = department_of(r, k);
        if (other && strcmp(other, scope) == 0)
            return 0;
    }
    return scope != NULL;
}

/* The anchor of the department whose first chart is i: dep-CODE, the code reduced to letters,
 * digits, '-' and '_', with the chart's number after it when a character had to be replaced (so
 * that anchors stay unique). */
static const char *department_id(const report *r, int i, char *buf, size_t size)
{
    const char *scope = department_of(r, i);
    size_t n = (size_t)snprintf(buf, size, "dep-");
    int replaced = 0;
    for (const char *p = scope; *p && n + 16 < size; p++) {
        int keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
                   || *p == '-' || *p == '_';
        buf[n++] = keep ? *p : '_';
        replaced |= !keep;
    }
    buf[n] = '\0';
    if (replaced || !scope[0])
        snprintf(buf + n, size - n, "-%d", i);
    return buf;
}

static void toc_item(FILE *f, const char *id, const char *text)
{
    fprintf(f, "<li><a href=\"#%s\">", id);
    pl_html_text(f, text);
    fputs("</a>", f);
}

/* Whether the report has a Validation section: it compares with observations. */
/* The contents: each part, the charts and the departments, linked to their sections. */
static void page_contents(const report *r, FILE *f, int annex)
{
    char text[128], id[96];
    fputs("<nav class=\"toc\">\n<h2>", f);
    pl_html_text(f, pl_text_tr(r->lang, "Sommaire", "Contents"));
    fputs("</h2>\n<ol>\n", f);
    snprintf(text, sizeof text, "%s %d", pl_text_tr(r->lang, "Chiffres clés", "Key figures"),
             r->year);
    toc_item(f, "chiffres-cles", text);
    fputs("</li>\n", f);
    toc_item(f, "graphiques", pl_text_tr(r->lang, "Graphiques", "Charts"));
    fputs("\n<ol>\n", f);
    for (int i = 0; i < pl_charts_count(r->c); i++)
        if (pl_charts_in_report(r->c, i)) {
            toc_item(f, pl_charts_name(r->c, i), pl_charts_title(r->c, i));
            fputs("</li>\n", f);
        }
    fputs("</ol></li>\n", f);
    toc_item(f, "tableaux", pl_text_tr(r->lang, "Tableaux", "Tables"));
    fputs("</li>\n", f);
    pl_report_assumptions_toc(f, r->in->scenario, r->d->run_ini, 0, r->lang);
    pl_report_validation_toc(f, r->lang);
    if (r->in->sensitivity)
        pl_report_sensitivity_toc(f, r->lang);
    if (annex) {
        toc_item(f, "departements",
                 pl_text_tr(r->lang, "Annexe : départements", "Annex: departments"));
        fputs("\n<ol>\n", f);
        for (int i = 0; i < pl_charts_count(r->c); i++) {
            if (!department_start(r, i))
                continue;
            toc_item(f, department_id(r, i, id, sizeof id),
                     pl_data_department_label(r->d, department_of(r, i), text, sizeof text));
            fputs("</li>\n", f);
        }
        fputs("</ol></li>\n", f);
    }
    pl_report_assumptions_toc(f, r->in->scenario, r->d->run_ini, 1, r->lang);
    fputs("</ol>\n</nav>\n", f);
}

/* ---- The body of the page ------------------------------------------------------------------- */

/* From the doctype to the title page. */
static void page_head(const report *r, FILE *f)
{
    char title[512], sub[512], count[64], reps[96] = "";
    snprintf(title, sizeof title, "%s — %s — %s %d",
             pl_text_tr(r->lang, "Emploi accompagné", "Supported employment"), scenario_name(r),
             pl_text_tr(r->lang, "rapport", "report"), r->year);
    if (isfinite(r->d->replications))
        snprintf(reps, sizeof reps,
                 r->lang == PL_EN ? " over %s replications" : " sur %s réplications",
                 pl_text_num(count, sizeof count, r->d->replications, 0, r->lang));
    char whole[EA_MAX_TEXT + 40];
    pl_data_whole(r->d, r->lang == PL_EN, whole, sizeof whole);
    snprintf(sub, sizeof sub, r->lang == PL_EN
             ? "Simulated figures: means%s of the scenario, for %s."
             : "Chiffres simulés : moyennes%s du scénario, pour %s.", reps, whole);
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            r->lang == PL_EN ? "en" : "fr");
    pl_html_text(f, title);
    fprintf(f, "</title>\n<style>\n%s%s%s</style>\n</head>\n<body>\n", css,
            pl_report_assumptions_css, r->lang == PL_EN ? css_en : "");
    page_cover(r, f, title, sub);
}

/* Chart i: its title, reading and SVG drawing from svg_dir, in a section (the report's charts)
 * or a figure (a department's). */
static int page_chart(const report *r, FILE *f, int i, const char *svg_dir, int small,
                      eng_error *err)
{
    char reading[1024], path[4200], prefix[32];
    pl_charts_reading(r->c, i, r->year, reading, sizeof reading);
    /* Chart names hold letters, digits, '-' and '_' only: safe in an id and a path. */
    if (small)
        fprintf(f, "<figure id=\"%s\"><figcaption>", pl_charts_name(r->c, i));
    else
        fprintf(f, "<section class=\"chart\" id=\"%s\">\n<h3>", pl_charts_name(r->c, i));
    pl_html_text(f, pl_charts_title(r->c, i));
    fputs(small ? "</figcaption>\n<p class=\"reading\">" : "</h3>\n<p class=\"reading\">", f);
    pl_html_text(f, reading);
    fputs(small ? "</p>\n" : "</p>\n<figure>\n", f);
    snprintf(path, sizeof path, "%s/%s.svg", svg_dir, pl_charts_name(r->c, i));
    snprintf(prefix, sizeof prefix, "c%d", i);
    int status = pl_html_svg(f, path, prefix, pl_charts_title(r->c, i), err);
    fputs(small ? "</figure>" : "</figure>\n</section>\n", f);
    return status;
}

static int page_charts(const report *r, FILE *f, const char *svg_dir, eng_error *err)
{
    fputs("<section class=\"charts\" id=\"graphiques\">\n<h2>", f);
    pl_html_text(f, pl_text_tr(r->lang, "Graphiques", "Charts"));
    fputs("</h2>\n", f);
    int status = ENG_OK;
    for (int i = 0; i < pl_charts_count(r->c) && status == ENG_OK; i++)
        if (pl_charts_in_report(r->c, i))
            status = page_chart(r, f, i, svg_dir, 0, err);
    fputs("</section>\n", f);
    return status;
}

/* A department's places, caseload and occupancy at the end of the year, its staff (FTE funded and
 * needed, caseload per funded FTE, with a decimal as they are small numbers) and its funding. The
 * caseload per FTE is named so: "personnes accompagnées" per FTE would read as the persons of the
 * whole year, told just before, divided by the FTE. */
static void department_figures(const report *r, FILE *f, const char *scope)
{
    static const struct {
        const char *indicator, *fr, *en;
        int decimals;
    } shown[] = {
        { "places", "places", "places", 0 },
        { "file_active", "file active en fin d'année", "caseload at the end of the year", 0 },
        { "occupancy", "taux d'occupation", "occupancy", 0 },
        { "persons_accompanied", "personnes accompagnées", "persons accompanied", 0 },
        { "staff_fte_funded", "ETP financés", "FTE funded", 1 },
        { "staff_fte_needed", "ETP nécessaires", "FTE needed", 1 },
        { "persons_per_fte", "file active par ETP financé", "caseload per funded FTE", 1 },
        { "funding_eur", "financement", "funding", 0 },
    };
    char text[1024] = "", v[64];
    snprintf(text, sizeof text, r->lang == PL_EN ? "In %d (simulated):" : "En %d (simulé) :",
             r->year);
    int n = 0;
    for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++) {
        double x = annual(r, scope, shown[k].indicator, r->year);
        if (!isfinite(x))
            continue;
        pl_text_value(v, sizeof v, x, pl_text_indicator_unit(shown[k].indicator),
                      shown[k].decimals, r->lang);
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s %s %s", n++ ? "," : "",
                 pl_text_tr(r->lang, shown[k].fr, shown[k].en), v);
    }
    if (n == 0)
        return;
    fputs("<p class=\"dept\">", f);
    pl_html_text(f, text);
    fputs(".</p>\n", f);
}

/* The annex: a section per department with its figures and its charts, two by two. */
static int page_annex(const report *r, FILE *f, const char *svg_dir, eng_error *err)
{
    fputs("<section class=\"annex\" id=\"departements\">\n<h2>", f);
    pl_html_text(f, pl_text_tr(r->lang, "Annexe : départements", "Annex: departments"));
    fputs("</h2>\n", f);
    int status = ENG_OK;
    for (int d = 0; d < pl_charts_count(r->c) && status == ENG_OK; d++) {
        if (!department_start(r, d))
            continue;
        const char *scope = department_of(r, d);
        char id[96], label[320];
        fprintf(f, "<section class=\"dept\" id=\"%s\">\n<h3>", department_id(r, d, id, sizeof id));
        pl_html_text(f, pl_data_department_label(r->d, scope, label, sizeof label));
        fputs("</h3>\n", f);
        department_figures(r, f, scope);
        fputs("<div class=\"grid\">", f);
        for (int i = d; i < pl_charts_count(r->c) && status == ENG_OK; i++) {
            const char *s = department_of(r, i);
            if (s && strcmp(s, scope) == 0)
                status = page_chart(r, f, i, svg_dir, 1, err);
        }
        fputs("</div>\n</section>\n", f);
    }
    fputs("</section>\n", f);
    return status;
}

static int write_page(const report *r, FILE *f, const char *svg_dir, eng_error *err)
{
    int annex = 0;
    for (int i = 0; i < pl_charts_count(r->c); i++)
        annex |= department_start(r, i);
    page_head(r, f);
    page_contents(r, f, annex);
    pl_report_keys_write(f, r->d, r->region, r->year, r->why, r->lang);
    int status = page_charts(r, f, svg_dir, err);
    if (status != ENG_OK)
        return status;
    fputs("<section class=\"tables\" id=\"tableaux\">\n<h2>", f);
    pl_html_text(f, pl_text_tr(r->lang, "Tableaux", "Tables"));
    fputs("</h2>\n", f);
    pl_report_tables_write(f, r->d, r->region, r->year, r->lang);
    fputs("</section>\n", f);
    if ((status = pl_report_assumptions_write(f, r->in->scenario, r->lang, err)) != ENG_OK)
        return status;
    pl_report_validation_write(f, r->d, r->in->scenario, r->region, r->year,
                               r->in->until.year ? &r->in->until : NULL, r->lang);
    if (r->in->sensitivity
        && (status = pl_report_sensitivity_write(f, r->in->sensitivity, svg_dir, r->lang, err)) != ENG_OK)
        return status;
    if ((annex && (status = page_annex(r, f, svg_dir, err)) != ENG_OK)
        || (status = pl_report_assumptions_write_annexes(f, r->in->scenario, r->d->run_ini,
                                                         r->lang, err)) != ENG_OK)
        return status;
    fputs("</body>\n</html>\n", f);
    return fflush(f) == 0 ? ENG_OK : eng_error_set(err, ENG_EFAIL, "index.html : écriture impossible ; "
                                                   "vérifiez la place libre sur le disque");
}

/* ---- Drawing and laying out ----------------------------------------------------------------- */

/* Removes the scratch SVG files and their directory. */
static void remove_scratch(const report *r, const char *svg_dir)
{
    char path[4200];
    for (int i = 0; i < pl_charts_count(r->c); i++) {
        snprintf(path, sizeof path, "%s/%s.svg", svg_dir, pl_charts_name(r->c, i));
        remove(path);
    }
    if (r->in->sensitivity)
        pl_report_sensitivity_remove(r->in->sensitivity, svg_dir);
    rmdir(svg_dir);
}

/* Draws, with one gnuplot process, the charts of the report and of the departments as SVG files
 * in svg_dir, without their titles: the page gives each as the chart's heading. A department's charts are printed four to a landscape page, about 120 mm wide: they
 * are drawn on a smaller canvas (800 x 450 instead of 1280 x 720) so that their text stays about
 * 6 pt; the terminal is set again, before anything is drawn, with the same options otherwise. */
static int draw(const report *r, const char *svg_dir, eng_error *err)
{
    pl_gnuplot *gp = NULL;
    int status = pl_gnuplot_alloc(&gp, err);
    if (status != ENG_OK)
        return status;
    FILE *f = pl_gnuplot_script(gp);
    char path[4200];
    for (int i = 0; i < pl_charts_count(r->c); i++) {
        int department = department_of(r, i) != NULL;
        if (!pl_charts_in_report(r->c, i) && !department)
            continue;
        snprintf(path, sizeof path, "%s/%s.svg", svg_dir, pl_charts_name(r->c, i));
        pl_gnuplot_terminal(gp, PL_SVG, path);
        if (department)
            fputs("set terminal svg size 800,450 noenhanced font 'Sans,14' "
                  "background '#ffffff'\n", f);
        pl_charts_emit_untitled(r->c, i, f);
        pl_gnuplot_close_output(f);
    }
    if (r->in->sensitivity)
        pl_report_sensitivity_draw(r->in->sensitivity, gp, svg_dir, r->lang);
    status = pl_gnuplot_run(gp, err);
    pl_gnuplot_free(gp);
    return status;
}

/* Makes the scratch directory of the SVG files: dir/.report-XXXXXX. */
static int make_scratch(const char *dir, char *svg_dir, size_t size, eng_error *err)
{
    if (snprintf(svg_dir, size, "%s/.report-XXXXXX", dir) >= (int)size)
        return eng_error_set(err, ENG_EINPUT, "%s : nom de dossier trop long ; choisissez un chemin "
                            "plus court", dir);
    if (!mkdtemp(svg_dir))
        return eng_error_set(err, ENG_EFAIL, "%s : impossible de créer un dossier de travail : %s", dir,
                             eng_msg_errno(errno));
    return ENG_OK;
}

/* The charts, the page from them, and the PDF from the page. */
static int write_report(const report *r, eng_out *out, const char *dir, eng_error *err)
{
    char svg_dir[4096];
    int status = make_scratch(dir, svg_dir, sizeof svg_dir, err);
    if (status != ENG_OK)
        return status;
    FILE *page = NULL;
    if (!(page = eng_out_open(out, "index.html", err)) || !eng_out_open(out, "report.pdf", err))
        status = ENG_EFAIL;
    if (status == ENG_OK)
        status = draw(r, svg_dir, err);
    if (status == ENG_OK)
        status = write_page(r, page, svg_dir, err);
    remove_scratch(r, svg_dir);
    if (status == ENG_OK)
        status = pl_pdf_render(eng_out_tmp_path(out, "index.html"),
                               eng_out_tmp_path(out, "report.pdf"), err);
    return status;
}

int pl_report_write(eng_out *out, const char *dir, const pl_report_input *in, eng_error *err)
{
    const pl_report_input defaults = { 0, PL_FR, NULL, NULL, NULL, { 0, 0, 0 }, NULL, { 0, 0, 0 }, NULL };
    if (!in)
        in = &defaults;
    pl_data *d = NULL;
    pl_charts *c = NULL;
    int status = pl_data_read(dir, &d, err);
    if (status != ENG_OK)
        return status;
    if (!d->annual) {
        pl_data_free(d);
        return eng_error_set(err, ENG_EINPUT, "%s : pas de annual.csv ; le rapport lit les tableaux de "
                            "eaflow simulate (ou compare) : lancez-le d'abord", dir);
    }
    report r = { d, NULL, in->lang, pl_data_region(d), 0, PL_REPORT_YEAR_ASKED, in,
                 report_date(in) };
    if ((status = pl_report_keys_year(d, r.region, in->year, &r.year, &r.why, err)) == ENG_OK
        && (status = pl_charts_alloc(d, in->lang, r.year, &c, err)) == ENG_OK) {
        r.c = c;
        status = write_report(&r, out, dir, err);
    }
    pl_charts_free(c);
    pl_data_free(d);
    return status;
}
