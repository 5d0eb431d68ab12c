/* pl_report.c — The annual report: index.html with inline SVG charts, and report.pdf. */
#include "pl_report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../engine/eng_out.h"
#include "../engine/eng_text.h"
#include "pl_charts.h"
#include "pl_data.h"
#include "pl_gnuplot.h"

typedef struct report {
    const pl_data *d;
    const pl_charts *c;
    pl_lang lang;
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

/* Writes text escaped for HTML element content and attribute values. Line breaks and tabs are
 * kept (run.ini goes into a <pre>); other control characters, which HTML forbids, are dropped. */
static void html(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            if (*p >= 0x20 || *p == '\n' || *p == '\t')
                fputc(*p, f);
            else if (*p == '\r' && p[1] != '\n')
                fputc('\n', f);
        }
    }
}

static double annual(const report *r, const char *scope, const char *indicator, int year)
{
    return pl_series_at(pl_summary_find(r->d->annual, scope, indicator), year, PL_MEAN);
}

/* Months of a year that the run simulated (12 when monthly.csv is absent). */
static int months_in_year(const report *r, int year)
{
    const pl_series *fa = pl_summary_find(r->d->monthly, r->region, "file_active");
    if (!fa)
        return 12;
    int n = 0;
    for (int i = 0; i < fa->n; i++)
        n += fa->period[i] / 12 == year;
    return n;
}

/* The series giving the years of the region in annual.csv. */
static const pl_series *year_series(const report *r)
{
    const pl_series *s = pl_summary_find(r->d->annual, r->region, "file_active");
    for (int i = 0; !s && i < r->d->annual->nseries; i++)
        if (strcmp(r->d->annual->series[i].scope, r->region) == 0)
            s = &r->d->annual->series[i];
    return s;
}

static int choose_year(report *r, int wanted, eng_error *err)
{
    const pl_series *years = year_series(r);
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
        if (months_in_year(r, years->period[i]) == 12) {
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
                          const char *indicator, pl_unit unit)
{
    double v = annual(r, r->region, indicator, r->year);
    char value[64];
    if (isfinite(v))
        add_figure(fig, n, label, pl_value(value, sizeof value, v, unit, 0, r->lang));
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
        add_figure(fig, &n, tr(r, "Écart à la cible (places − file active)",
                               "Gap to target (places − caseload)"),
                   pl_num(value, sizeof value, gap, 0, r->lang));
    add_indicator(r, fig, &n, tr(r, "Entrées (prescriptions)", "Entries (referrals)"), "entries",
                  PL_UNIT_COUNT);
    add_indicator(r, fig, &n, tr(r, "Sorties", "Exits"), "exits", PL_UNIT_COUNT);
    for (int i = 0; i < r->d->annual->nindicators; i++) {
        const char *ind = r->d->annual->indicators[i];
        if (strncmp(ind, "exits_", 6) != 0)
            continue;
        snprintf(label, sizeof label, "%s %s", tr(r, "dont", "of which"),
                 pl_reason_label(ind + 6, r->lang));
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
        int months = months_in_year(r, y);
        per_place = annual(r, r->region, "funding_eur", y)
                    / (annual(r, r->region, "places", y) * (months ? months : 12) / 12.0);
    }
    if (isfinite(per_place))
        add_figure(fig, &n, tr(r, "Coût par place et par an", "Cost per place per year"),
                   pl_eur(value, sizeof value, per_place, r->lang));
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
                   pl_num(value, sizeof value, fte, 1, r->lang));
    return n;
}

static const char *scenario_name(const report *r)
{
    return r->d->scenario_name ? r->d->scenario_name : r->d->dir;
}

/* ---- The PDF's first page, and the gnuplot script ---------------------------------------------
 */

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

/* ---- The page ---------------------------------------------------------------------------------
 */

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

/* Copies a gnuplot SVG file into the page: from its <svg> element on (the XML prolog has no place
 * inside HTML), with every id and reference to one prefixed by `prefix` so that the definitions of
 * several charts (point symbols, clip paths) do not collide, and gnuplot's generic <title> replaced
 * by the chart's title. Ids are only rewritten inside tags: text is left as drawn. */
static int inline_svg(FILE *f, const char *path, const char *prefix, const char *title,
                      eng_error *err)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return eng_error_set(err, ENG_EFAIL, "%s: cannot read: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap + 1);
    for (size_t k; s && (k = fread(s + n, 1, cap - n, in)) > 0;) {
        n += k;
        if (n == cap) {
            char *t = realloc(s, 2 * cap + 1);
            if (!t) {
                free(s);
                s = NULL;
                break;
            }
            s = t;
            cap *= 2;
        }
    }
    int bad = ferror(in);
    fclose(in);
    if (!s)
        return eng_error_set(err, ENG_EFAIL, "out of memory");
    s[n] = '\0';
    const char *p = strstr(s, "<svg");
    if (bad || !p) {
        free(s);
        return eng_error_set(err, ENG_EFAIL, "%s: not an SVG file written by gnuplot", path);
    }
    static const char *const refs[] = { "id='", "id=\"", "href='#", "href=\"#", "url(#" };
    int in_tag = 0, titled = 0;
    while (*p) {
        if (!titled && strncmp(p, "<title>Gnuplot</title>", 22) == 0) {
            fputs("<title>", f);
            html(f, title);
            fputs("</title>", f);
            p += 22;
            titled = 1;
            continue;
        }
        if (*p == '<')
            in_tag = 1;
        else if (*p == '>')
            in_tag = 0;
        size_t k = 0;
        for (size_t i = 0; in_tag && i < sizeof refs / sizeof refs[0] && !k; i++)
            if (strncmp(p, refs[i], strlen(refs[i])) == 0)
                k = strlen(refs[i]);
        if (k) {
            fwrite(p, 1, k, f);
            fprintf(f, "%s-", prefix);
            p += k;
        } else {
            fputc(*p++, f);
        }
    }
    free(s);
    return ENG_OK;
}

static void th(FILE *f, const char *text, int numeric)
{
    fputs(numeric ? "<th class=\"n\">" : "<th>", f);
    html(f, text);
    fputs("</th>", f);
}

static void td(FILE *f, const char *text, int numeric)
{
    fputs(numeric ? "<td class=\"n\">" : "<td>", f);
    html(f, text);
    fputs("</td>", f);
}

typedef struct column {
    const char *indicator, *fr, *en;
} column;

static const column year_columns[] = {
    { "file_active", "File active (fin d'année)", "Caseload (end of year)" },
    { "places", "Places", "Places" },
    { "occupancy", "Occupation", "Occupancy" },
    { "persons_accompanied", "Personnes accompagnées", "Persons accompanied" },
    { "entries", "Entrées", "Entries" },
    { "exits", "Sorties", "Exits" },
    { "exits_emploi_durable", "dont emploi durable", "of which lasting employment" },
    { "waiting", "Liste d'attente", "Waiting list" },
    { "funding_eur", "Financement", "Funding" },
    { "spend_eur", "Dépense en personnel", "Staff spend" },
    { "cost_per_person_eur", "Coût par personne", "Cost per person" },
};

static const column scope_columns[] = {
    { "places", "Places", "Places" },
    { "file_active", "File active (fin d'année)", "Caseload (end of year)" },
    { "occupancy", "Occupation", "Occupancy" },
    { "persons_accompanied", "Personnes accompagnées", "Persons accompanied" },
    { "entries", "Entrées", "Entries" },
    { "exits", "Sorties", "Exits" },
    { "waiting", "Liste d'attente", "Waiting list" },
    { "cost_per_person_eur", "Coût par personne", "Cost per person" },
};

/* Whether a column has a value somewhere (spend is all zero when the staff cost is not set). */
static int column_used(const report *r, const char *indicator)
{
    const pl_summary *a = r->d->annual;
    for (int i = 0; i < a->nseries; i++)
        if (strcmp(a->series[i].indicator, indicator) == 0)
            for (int k = 0; k < a->series[i].n; k++)
                if (isfinite(a->series[i].stat[k][PL_MEAN])
                    && (strcmp(indicator, "spend_eur") != 0 || a->series[i].stat[k][PL_MEAN] > 0))
                    return 1;
    return 0;
}

static void cell(const report *r, FILE *f, const char *scope, const char *indicator, int year)
{
    char v[64];
    pl_value(v, sizeof v, annual(r, scope, indicator, year), pl_indicator_unit(indicator), 0,
             r->lang);
    td(f, v, 1);
}

static void table_years(const report *r, FILE *f)
{
    const pl_series *years = year_series(r);
    char head[256];
    snprintf(head, sizeof head, "%s — %s", tr(r, "Indicateurs par année", "Indicators by year"),
             tr(r, "région", "region"));
    fputs("<h3>", f);
    html(f, head);
    fputs("</h3>\n<div class=\"wide\">\n<table>\n<thead><tr>", f);
    th(f, tr(r, "Année", "Year"), 0);
    for (size_t k = 0; k < sizeof year_columns / sizeof year_columns[0]; k++)
        if (column_used(r, year_columns[k].indicator))
            th(f, tr(r, year_columns[k].fr, year_columns[k].en), 1);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (int i = 0; i < years->n; i++) {
        char y[32];
        int months = months_in_year(r, years->period[i]);
        if (months == 12)
            snprintf(y, sizeof y, "%d", years->period[i]);
        else
            snprintf(y, sizeof y, r->lang == PL_EN ? "%d (%d months)" : "%d (%d mois)",
                     years->period[i], months);
        fputs("<tr>", f);
        td(f, y, 0);
        for (size_t k = 0; k < sizeof year_columns / sizeof year_columns[0]; k++)
            if (column_used(r, year_columns[k].indicator))
                cell(r, f, r->region, year_columns[k].indicator, years->period[i]);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n</div>\n", f);
}

static void table_scopes(const report *r, FILE *f)
{
    const pl_summary *a = r->d->annual;
    if (a->nscopes < 2)
        return;
    char head[256];
    snprintf(head, sizeof head, "%s %d", tr(r, "Départements en", "Departments in"), r->year);
    fputs("<h3>", f);
    html(f, head);
    fputs("</h3>\n<div class=\"wide\">\n<table>\n<thead><tr>", f);
    th(f, tr(r, "Code", "Code"), 0);
    th(f, tr(r, "Nom", "Name"), 0);
    for (size_t k = 0; k < sizeof scope_columns / sizeof scope_columns[0]; k++)
        if (column_used(r, scope_columns[k].indicator))
            th(f, tr(r, scope_columns[k].fr, scope_columns[k].en), 1);
    fputs("</tr></thead>\n<tbody>\n", f);
    /* Departments first, the whole region last as the total. */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < a->nscopes; i++) {
            const char *scope = a->scopes[i];
            int whole = strcmp(scope, r->region) == 0;
            if (whole != pass)
                continue;
            const char *name = whole ? tr(r, "Région", "Region") : pl_data_name(r->d, scope);
            fputs(whole ? "<tr class=\"total\">" : "<tr>", f);
            td(f, whole ? "" : scope, 0);
            td(f, name ? name : "", 0);
            for (size_t k = 0; k < sizeof scope_columns / sizeof scope_columns[0]; k++)
                if (column_used(r, scope_columns[k].indicator))
                    cell(r, f, scope, scope_columns[k].indicator, r->year);
            fputs("</tr>\n", f);
        }
    fputs("</tbody>\n</table>\n</div>\n", f);
}

static void table_costs(const report *r, FILE *f)
{
    const pl_data *d = r->d;
    if (d->ncosts == 0)
        return;
    int year = d->costs[d->ncosts - 1].year;
    for (size_t i = 0; i < d->ncosts; i++)
        if (d->costs[i].year == r->year)
            year = r->year;
    char head[256], v[64];
    snprintf(head, sizeof head, "%s", tr(r, "Coût à la place (table des financements)",
                                         "Cost per place (funding table)"));
    if (year)
        snprintf(head + strlen(head), sizeof head - strlen(head), " — %d", year);
    fputs("<h3>", f);
    html(f, head);
    fputs("</h3>\n<div class=\"wide\">\n<table>\n<thead><tr>", f);
    th(f, tr(r, "Code", "Code"), 0);
    th(f, tr(r, "Nom", "Name"), 0);
    th(f, tr(r, "Places", "Places"), 1);
    th(f, tr(r, "Financement", "Funding"), 1);
    th(f, tr(r, "Coût par place", "Cost per place"), 1);
    th(f, tr(r, "Écart à la référence", "Deviation from the reference"), 1);
    th(f, tr(r, "Hors tolérance", "Outside tolerance"), 0);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < d->ncosts; i++) {
        const pl_cost *p = &d->costs[i];
        if (p->year != year)
            continue;
        fputs(p->region ? "<tr class=\"total\">" : "<tr>", f);
        td(f, p->region ? "" : p->department, 0);
        td(f, p->name, 0);
        td(f, pl_num(v, sizeof v, p->places, 0, r->lang), 1);
        td(f, pl_eur(v, sizeof v, p->funding, r->lang), 1);
        td(f, pl_eur(v, sizeof v, p->cost_per_place, r->lang), 1);
        td(f, pl_pct(v, sizeof v, p->cost_per_place / p->reference - 1, 1, r->lang), 1);
        td(f, p->region ? "" : p->outside ? tr(r, "oui", "yes") : tr(r, "non", "no"), 0);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n</div>\n", f);
}

static void table_capacity(const report *r, FILE *f)
{
    const pl_data *d = r->d;
    long latest = 0;
    int found = 0;
    for (size_t i = 0; d->has_capacity && i < d->nobs; i++)
        if (d->obs[i].places > 0 && isfinite(d->obs[i].file_active)
            && (!found || eng_date_days(d->obs[i].date) > latest)) {
            latest = eng_date_days(d->obs[i].date);
            found = 1;
        }
    if (!found)
        return;
    eng_date when = eng_date_from_days(latest);
    int value = isfinite(d->cost_per_place);
    char head[256], v[64];
    snprintf(head, sizeof head, "%s %02d/%02d/%04d",
             tr(r, "Capacité observée au", "Observed capacity on"), when.day, when.month,
             when.year);
    fputs("<h3>", f);
    html(f, head);
    fputs("</h3>\n<div class=\"wide\">\n<table>\n<thead><tr>", f);
    th(f, tr(r, "Périmètre", "Scope"), 0);
    th(f, tr(r, "Places", "Places"), 1);
    th(f, tr(r, "File active", "Caseload"), 1);
    th(f, tr(r, "Occupation", "Occupancy"), 1);
    th(f, tr(r, "Places inoccupées", "Unused places"), 1);
    if (value)
        th(f, tr(r, "Valeur par an", "Value per year"), 1);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < d->nobs; i++) {
            const pl_obs *o = &d->obs[i];
            int whole = eng_strcasecmp(o->scope, "region") == 0;
            if (whole != pass || eng_date_days(o->date) != latest || !(o->places > 0)
                || !isfinite(o->file_active))
                continue;
            const char *name = whole ? tr(r, "Région", "Region") : pl_data_name(d, o->scope);
            char label[320];
            if (!whole && name && strcmp(name, o->scope) != 0)
                snprintf(label, sizeof label, "%s (%s)", name, o->scope);
            else
                snprintf(label, sizeof label, "%s", whole ? name : o->scope);
            fputs(whole ? "<tr class=\"total\">" : "<tr>", f);
            td(f, label, 0);
            td(f, pl_num(v, sizeof v, o->places, 0, r->lang), 1);
            td(f, pl_num(v, sizeof v, o->file_active, 0, r->lang), 1);
            td(f, pl_pct(v, sizeof v, o->file_active / o->places, 1, r->lang), 1);
            td(f, pl_num(v, sizeof v, o->places - o->file_active, 0, r->lang), 1);
            if (value)
                td(f,
                   pl_eur(v, sizeof v, (o->places - o->file_active) * d->cost_per_place, r->lang),
                   1);
            fputs("</tr>\n", f);
        }
    fputs("</tbody>\n</table>\n</div>\n", f);
}

static int write_page(const report *r, FILE *f, const figure *fig, int nfig, const char *svg_dir,
                      eng_error *err)
{
    char title[512], sub[512], count[64], reps[96] = "";
    snprintf(title, sizeof title, "%s — %s — %s %d",
             tr(r, "Emploi accompagné", "Supported employment"), scenario_name(r),
             tr(r, "rapport", "report"), r->year);
    if (isfinite(r->d->replications))
        snprintf(reps, sizeof reps,
                 r->lang == PL_EN ? " over %s replications" : " sur %s réplications",
                 pl_num(count, sizeof count, r->d->replications, 0, r->lang));
    snprintf(sub, sizeof sub, r->lang == PL_EN
             ? "Simulated figures: means%s of the scenario, for the whole region."
             : "Chiffres simulés : moyennes%s du scénario, pour l'ensemble de la région.",
             reps);
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            r->lang == PL_EN ? "en" : "fr");
    html(f, title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
    html(f, title);
    fputs("</h1>\n<p class=\"sub\">", f);
    html(f, sub);
    fputs("</p>\n<h2>", f);
    char head[128];
    snprintf(head, sizeof head, "%s %d", tr(r, "Chiffres clés", "Key figures"), r->year);
    html(f, head);
    fputs("</h2>\n<table class=\"key\">\n<tbody>\n", f);
    for (int i = 0; i < nfig; i++) {
        fputs("<tr><th scope=\"row\">", f);
        html(f, fig[i].label);
        fputs("</th><td class=\"n\">", f);
        html(f, fig[i].value);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n<nav>\n<h2>", f);
    html(f, tr(r, "Graphiques", "Charts"));
    fputs("</h2>\n<ol>\n", f);
    for (int i = 0; i < pl_charts_count(r->c); i++) {
        if (!pl_charts_in_report(r->c, i))
            continue;
        fprintf(f, "<li><a href=\"#%s\">", pl_charts_name(r->c, i));
        html(f, pl_charts_title(r->c, i));
        fputs("</a></li>\n", f);
    }
    fputs("</ol>\n</nav>\n", f);
    for (int i = 0; i < pl_charts_count(r->c); i++) {
        if (!pl_charts_in_report(r->c, i))
            continue;
        char reading[1024], path[4200], prefix[32];
        pl_charts_reading(r->c, i, r->year, reading, sizeof reading);
        /* Chart names hold letters, digits, '-' and '_' only: safe in an id and a path. */
        fprintf(f, "<section class=\"chart\" id=\"%s\">\n<h3>", pl_charts_name(r->c, i));
        html(f, pl_charts_title(r->c, i));
        fputs("</h3>\n<p class=\"reading\">", f);
        html(f, reading);
        fputs("</p>\n<figure>\n", f);
        snprintf(path, sizeof path, "%s/%s.svg", svg_dir, pl_charts_name(r->c, i));
        snprintf(prefix, sizeof prefix, "c%d", i);
        int status = inline_svg(f, path, prefix, pl_charts_title(r->c, i), err);
        if (status != ENG_OK)
            return status;
        fputs("</figure>\n</section>\n", f);
    }
    fputs("<h2>", f);
    html(f, tr(r, "Tableaux", "Tables"));
    fputs("</h2>\n", f);
    table_years(r, f);
    table_scopes(r, f);
    table_capacity(r, f);
    table_costs(r, f);
    if (r->d->run_ini) {
        fputs("<h2>", f);
        html(f, tr(r, "Hypothèses du scénario (run.ini)", "Assumptions of the scenario (run.ini)"));
        fputs("</h2>\n<pre>", f);
        html(f, r->d->run_ini);
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

int pl_report_write(const char *dir, const pl_report_input *in, eng_error *err)
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
    eng_out *out = NULL;
    pl_gnuplot *gp = NULL;
    int scratch = 0;
    if (snprintf(svg_dir, sizeof svg_dir, "%s/.report-XXXXXX", dir) >= (int)sizeof svg_dir)
        status = eng_error_set(err, ENG_EINPUT, "%s: directory name too long", dir);
    else if (!mkdtemp(svg_dir))
        status = eng_error_set(err, ENG_EFAIL, "%s: cannot create a scratch directory: %s", dir,
                              strerror(errno));
    else
        scratch = 1;
    if (status == ENG_OK && !(out = eng_out_begin(dir, err)))
        status = ENG_EFAIL;
    FILE *page = NULL;
    if (status == ENG_OK && (!(page = eng_out_open(out, "index.html", err))
                            || !eng_out_open(out, "report.pdf", err)))
        status = ENG_EFAIL;
    if (status == ENG_OK)
        status = pl_gnuplot_alloc(&gp, err);
    if (status == ENG_OK) {
        FILE *f = pl_gnuplot_script(gp);
        char path[4200];
        for (int i = 0; i < pl_charts_count(c); i++) {
            if (!pl_charts_in_report(c, i))
                continue;
            snprintf(path, sizeof path, "%s/%s.svg", svg_dir, pl_charts_name(c, i));
            pl_gnuplot_terminal(gp, PL_SVG, path);
            pl_charts_emit(c, i, f);
            pl_gnuplot_close_output(f);
        }
        pl_gnuplot_terminal(gp, PL_PDF, eng_out_tmp_path(out, "report.pdf"));
        title_page(&r, f, fig, nfig);
        for (int i = 0; i < pl_charts_count(c); i++)
            if (pl_charts_in_report(c, i))
                pl_charts_emit(c, i, f);
        pl_gnuplot_close_output(f);
        status = pl_gnuplot_run(gp, err);
    }
    if (status == ENG_OK)
        status = write_page(&r, page, fig, nfig, svg_dir, err);
    if (status == ENG_OK) {
        status = eng_out_commit(out, err);
        out = NULL;
    }
    eng_out_abort(out);
    if (scratch)
        remove_scratch(&r, svg_dir);
    pl_gnuplot_free(gp);
    pl_charts_free(c);
    pl_data_free(d);
    return status;
}
