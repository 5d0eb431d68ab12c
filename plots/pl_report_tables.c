/* pl_report_tables.c — The report's HTML tables: columns declared once per table, a column shown
 * only when annual.csv has a value for it. */
#include "pl_report_tables.h"

#include <math.h>
#include <string.h>

#include "../engine/eng_text.h"
#include "pl_html.h"

/* What every table reads: the tables of the directory, the whole region's scope, the report's year
 * and language. */
typedef struct ctx {
    const pl_data *d;
    const char *region;
    int year;
    pl_text_lang lang;
} ctx;

const pl_data_series *pl_report_tables_years(const pl_data *d, const char *region)
{
    const pl_data_series *s = pl_data_summary_find(d->annual, region, "file_active");
    for (int i = 0; !s && i < d->annual->nseries; i++)
        if (strcmp(d->annual->series[i].scope, region) == 0)
            s = &d->annual->series[i];
    return s;
}

int pl_report_tables_months(const pl_data *d, const char *region, int year)
{
    const pl_data_series *fa = pl_data_summary_find(d->monthly, region, "file_active");
    if (!fa)
        return 12;
    int n = 0;
    for (int i = 0; i < fa->n; i++)
        n += fa->period[i] / 12 == year;
    return n;
}

/* A heading of a table's fixed columns, and whether the column holds numbers (aligned right). */
typedef struct heading {
    const char *fr, *en;
    int numeric;
} heading;

/* Opens a wide table under the title head (none when NULL) and writes the n headings; the caller
 * adds any further headings, then calls table_body. */
static void table_open(const ctx *r, FILE *f, const char *head, const heading *h, size_t n)
{
    if (head) {
        fputs("<h3>", f);
        pl_html_text(f, head);
        fputs("</h3>\n", f);
    }
    fputs("<div class=\"wide\">\n<table>\n<thead><tr>", f);
    for (size_t i = 0; i < n; i++)
        pl_html_th(f, pl_text_tr(r->lang, h[i].fr, h[i].en), h[i].numeric);
}

/* Ends the headings of a table opened by table_open and starts its body. */
static void table_body(FILE *f)
{
    fputs("</tr></thead>\n<tbody>\n", f);
}

/* A column of a table: the indicator of annual.csv it shows, and its heading. */
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
    { "staff_fte_funded", "ETP financés", "FTE funded" },
    { "staff_fte_needed", "ETP nécessaires", "FTE needed" },
    { "funding_eur", "Financement", "Funding" },
    { "staff_cost_needed_eur", "Coût des heures modélisées", "Cost of the modelled hours" },
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

/* Staff and money in the report's year: funded beside needed, and what the funding leaves. */
static const column staff_columns[] = {
    { "staff_fte_funded", "ETP financés", "FTE funded" },
    { "staff_fte_needed", "ETP nécessaires", "FTE needed" },
    { "persons_per_fte", "File active par ETP financé", "Caseload per funded FTE" },
    { "hours_per_person_month", "Heures par personne et par mois", "Hours per person per month" },
    { "funding_eur", "Financement", "Funding" },
    { "staff_cost_needed_eur", "Coût des heures modélisées", "Cost of the modelled hours" },
    { "balance_eur", "Solde financement − coût des heures", "Balance funding − cost of hours" },
};

/* The headings before scope_columns: the department's code and name. */
static const heading scope_headings[] = { { "Code", "Code", 0 }, { "Nom", "Name", 0 } };

/* Whether a column has a value somewhere (the cost of the modelled hours is all zero when the cost
 * of an FTE is not set). */
static int column_used(const ctx *r, const char *indicator)
{
    const pl_data_summary *a = r->d->annual;
    for (int i = 0; i < a->nseries; i++)
        if (strcmp(a->series[i].indicator, indicator) == 0)
            for (int k = 0; k < a->series[i].n; k++)
                if (isfinite(a->series[i].stat[k][PL_MEAN])
                    && (strcmp(indicator, "staff_cost_needed_eur") != 0
                        || a->series[i].stat[k][PL_MEAN] > 0))
                    return 1;
    return 0;
}

/* A cell of annual.csv; FTE, hours and counts below 10 with a decimal, as they are small numbers. */
static void cell(const ctx *r, FILE *f, const char *scope, const char *indicator, int year)
{
    char v[64];
    double x =
        pl_data_series_at(pl_data_summary_find(r->d->annual, scope, indicator), year, PL_MEAN);
    pl_text_unit unit = pl_text_indicator_unit(indicator);
    int decimals = strncmp(indicator, "staff_fte", 9) == 0
                   || strcmp(indicator, "persons_per_fte") == 0
                   || strcmp(indicator, "hours_per_person_month") == 0
                   || (unit == PL_UNIT_COUNT && pl_text_count_decimals(x));
    pl_text_value(v, sizeof v, x, unit, decimals, r->lang);
    pl_html_td(f, v, 1);
}

static void table_years(const ctx *r, FILE *f)
{
    const pl_data_series *years = pl_report_tables_years(r->d, r->region);
    char head[256];
    snprintf(head, sizeof head, "%s — %s",
             pl_text_tr(r->lang, "Indicateurs par année", "Indicators by year"),
             pl_data_area(r->d, pl_text_tr(r->lang, "région", "region")));
    static const heading year = { "Année", "Year", 0 };
    table_open(r, f, head, &year, 1);
    for (size_t k = 0; k < sizeof year_columns / sizeof year_columns[0]; k++)
        if (column_used(r, year_columns[k].indicator))
            pl_html_th(f, pl_text_tr(r->lang, year_columns[k].fr, year_columns[k].en), 1);
    table_body(f);
    for (int i = 0; i < years->n; i++) {
        char y[32];
        int months = pl_report_tables_months(r->d, r->region, years->period[i]);
        if (months == 12)
            snprintf(y, sizeof y, "%d", years->period[i]);
        else
            snprintf(y, sizeof y, r->lang == PL_EN ? "%d (%d months)" : "%d (%d mois)",
                     years->period[i], months);
        fputs("<tr>", f);
        pl_html_td(f, y, 0);
        for (size_t k = 0; k < sizeof year_columns / sizeof year_columns[0]; k++)
            if (column_used(r, year_columns[k].indicator))
                cell(r, f, r->region, year_columns[k].indicator, years->period[i]);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n</div>\n", f);
}

/* A table of the scopes in the report's year, with the used columns among cols (n of them). */
static void table_scopes(const ctx *r, FILE *f, const char *head, const column *cols, size_t n)
{
    const pl_data_summary *a = r->d->annual;
    table_open(r, f, head, scope_headings, 2);
    for (size_t k = 0; k < n; k++)
        if (column_used(r, cols[k].indicator))
            pl_html_th(f, pl_text_tr(r->lang, cols[k].fr, cols[k].en), 1);
    table_body(f);
    /* Departments first, the whole region last as the total. */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < a->nscopes; i++) {
            const char *scope = a->scopes[i];
            int whole = strcmp(scope, r->region) == 0;
            if (whole != pass)
                continue;
            const char *name = whole ? pl_data_area(r->d, pl_text_tr(r->lang, "Région", "Region"))
                                     : pl_data_name(r->d, scope);
            fputs(whole ? "<tr class=\"total\">" : "<tr>", f);
            pl_html_td(f, whole ? "" : scope, 0);
            pl_html_td_name(f, name ? name : "");
            for (size_t k = 0; k < n; k++)
                if (column_used(r, cols[k].indicator))
                    cell(r, f, scope, cols[k].indicator, r->year);
            fputs("</tr>\n", f);
        }
    fputs("</tbody>\n</table>\n</div>\n", f);
}

/* The departments in the report's year, then their staff and money, each with the region last. */
static void tables_departments(const ctx *r, FILE *f)
{
    char head[256];
    if (r->d->annual->nscopes >= 2) {
        snprintf(head, sizeof head, "%s %d",
                 pl_text_tr(r->lang, "Départements en", "Departments in"), r->year);
        table_scopes(r, f, head, scope_columns, sizeof scope_columns / sizeof scope_columns[0]);
    }
    if (!column_used(r, "staff_fte_needed"))
        return;
    snprintf(head, sizeof head, "%s %d",
             pl_text_tr(r->lang, "Personnel et financement en", "Staff and money in"), r->year);
    table_scopes(r, f, head, staff_columns, sizeof staff_columns / sizeof staff_columns[0]);
    fputs("<p>", f);
    char note[1024];
    pl_html_text(f, pl_report_tables_staff_note(note, sizeof note, r->d, r->lang));
    if (!column_used(r, "staff_fte_funded"))
        pl_html_text(f, pl_text_tr(r->lang, " ETP financés : non renseignés dans le scénario.",
                                   " FTE funded: not given in the scenario."));
    fputs("</p>\n", f);
}

const char *pl_report_tables_staff_note(char *buf, size_t size, const pl_data *d,
                                        pl_text_lang lang)
{
    const ctx r = { d, NULL, 0, lang };
    const char *held = "";
    /* What a counsellor's FTE holds of direct support: the scenario's share, or, at 1, the
     * warning that the time spent elsewhere is left out (the FTE needed are then too few). */
    pl_data_staff_count counted = pl_data_staff_counted(d);
    if (counted == PL_STAFF_SHARE)
        held = pl_text_tr(r.lang,
                          " dont seule la part staff.direct_share de leur temps va à cet "
                          "accompagnement",
                          " of whom only the share staff.direct_share of their time "
                          "goes to that support");
    else if (counted == PL_STAFF_FULL)
        held =
            pl_text_tr(r.lang,
                       " comptés comme s'ils y passaient tout leur temps (staff.direct_share = 1), "
                       "sans les employeurs, les partenaires ni la coordination : il en faut "
                       "davantage",
                       " counted as if they spent all their time in it "
                       "(staff.direct_share = 1), without employers, partners or coordination: "
                       "more are needed");
    snprintf(
        buf, size, "%s%s%s",
        pl_text_tr(r.lang,
                   "ETP nécessaires : les heures d'accompagnement direct que demande l'intensité "
                   "du scénario, en conseillers à temps plein",
                   "FTE needed: the hours of direct "
                   "support the scenario's intensity needs, as full-time counsellors"),
        held,
        pl_text_tr(r.lang,
                   " ; coût des heures modélisées : ces ETP au coût d'un ETP, et non une dépense "
                   "constatée ; solde : le financement moins ce coût.",
                   "; cost of the modelled "
                   "hours: those FTE at the cost of an FTE, not a recorded spend; balance: the "
                   "funding less that cost."));
    return buf;
}

/* ---- The funders' verdict: costs.csv and costs-mismatches.csv, a table per year ------------ */

/* A signed amount of euros: "+15 000 €", "−22 100 €", and the cents when it has some. */
static const char *signed_eur(const ctx *r, char *buf, size_t size, double x)
{
    char v[64], n[64];
    double a = fabs(x);
    if (round(a * 100) == round(a) * 100)
        pl_text_eur(v, sizeof v, a, r->lang);
    else
        snprintf(v, sizeof v, r->lang == PL_EN ? "\u20ac%s" : "%s \u20ac",
                 pl_text_num(n, sizeof n, a, 2, r->lang));
    snprintf(buf, size, "%s%s", x > 0 ? "+" : x < 0 ? "\u2212" : "", v);
    return buf;
}

/* A number written with a leading hyphen ("-5", "-20 000 €") with the minus sign U+2212 instead,
 * as tables for people write it; the text must have room for two more bytes. Returns text. */
static char *minus(char *text)
{
    if (text[0] == '-') {
        memmove(text + 3, text + 1, strlen(text + 1) + 1);
        memcpy(text, "\u2212", 3);
    }
    return text;
}

/* A deviation (a share) as a signed percentage: "+30,2 %", "−4,7 %", "0,0 %". */
static const char *signed_pct(const ctx *r, char *buf, size_t size, double x)
{
    char v[48];
    pl_text_pct(v, sizeof v, fabs(x), 1, r->lang);
    /* No sign where the percentage shows as zero (to its one decimal) or is not a number. */
    int zero = !isfinite(x) || round(fabs(x) * 1000) == 0;
    snprintf(buf, size, "%s%s", zero ? "" : x > 0 ? "+" : "\u2212", v);
    return buf;
}

/* The amount that brings a row to the reference; a costs.csv without adjustment_eur has it from
 * places x reference - funding. */
static double adjustment(const pl_data_cost *p)
{
    return isfinite(p->adjustment) ? p->adjustment
                                   : round((p->reference * p->places - p->funding) * 100) / 100;
}

/* The verdict of a department: "conforme" or "à ajuster de +15 000 €"; of the region (after nout
 * of its ndep departments to adjust, out[0] to add and out[1] to remove): "conforme" when none is,
 * else how many, what moves each way, and the net amount, as the terminal says it. */
static const char *verdict(const ctx *r, const pl_data_cost *p, int nout, int ndep,
                           const double out[2], char *buf, size_t size)
{
    char v[96], add[96], rem[96], net[96], tolerated[160] = "";
    signed_eur(r, v, sizeof v, adjustment(p));
    signed_eur(r, add, sizeof add, out[0]);
    signed_eur(r, rem, sizeof rem, out[1]);
    signed_eur(r, net, sizeof net, out[0] + out[1]);
    /* The region's own amount counts the tolerated gaps too: said apart when it differs. */
    if (fabs(out[0] + out[1] - adjustment(p)) >= 0.005)
        snprintf(
            tolerated, sizeof tolerated,
            pl_text_tr(r->lang, " ; avec les écarts tolérés, %s", "; with the tolerated gaps, %s"),
            v);
    if (p->region ? nout == 0 : !p->outside)
        snprintf(buf, size, "%s", pl_text_tr(r->lang, "conforme", "compliant"));
    else if (!p->region)
        snprintf(buf, size, r->lang == PL_EN ? "to adjust by %s" : "à ajuster de %s", v);
    else if (r->lang == PL_EN)
        snprintf(buf, size, "%d of %d departments to adjust: %s to add, %s to remove, net %s%s",
                 nout, ndep, add, rem, net, tolerated);
    else
        snprintf(buf, size, "%d département%s sur %d à ajuster : %s à ajouter, %s à retirer, "
                 "net %s%s", nout, nout > 1 ? "s" : "", ndep, add, rem, net, tolerated);
    return buf;
}

/* Whether the simulation covers a year of the funding table: 1, 0, or -1 when annual.csv does not
 * say (a table without years is compared with the scenario's first year). */
static int simulated(const ctx *r, int year)
{
    const pl_data_series *years = r->d->annual ? pl_report_tables_years(r->d, r->region) : NULL;
    if (year == 0)
        return 1;
    if (!years)
        return -1;
    for (int i = 0; i < years->n; i++)
        if (years->period[i] == year)
            return 1;
    return 0;
}

/* Places of one side of a mismatch: "152", "13,25" (a scenario's mean over months), "absent". */
static const char *places(const ctx *r, char *buf, size_t size, double x)
{
    if (isnan(x))
        snprintf(buf, size, "%s", pl_text_tr(r->lang, "absent", "absent"));
    else
        pl_text_num(buf, size, x, x == round(x) ? 0 : 2, r->lang);
    return buf;
}

/* Under a year's table, when the places were checked against the scenario: the departments whose
 * places differ, or that they do not, or that the year is not the scenario's. */
static void costs_places(const ctx *r, FILE *f, int year)
{
    const pl_data *d = r->d;
    int n = 0, covered = simulated(r, year);
    for (size_t i = 0; i < d->nmismatches; i++)
        n += d->mismatches[i].year == year;
    if (!d->has_mismatches || (n == 0 && covered < 0))
        return;
    fputs("<p>", f);
    pl_html_text(
        f, n         ? pl_text_tr(r->lang, "Places différentes de celles du scénario :",
                                  "Places that differ from the scenario's:")
           : covered ? pl_text_tr(r->lang, "Places identiques à celles du scénario.",
                                  "Places as in the scenario.")
                     : pl_text_tr(
                         r->lang, "Places non comparées : le scénario ne simule pas cette année.",
                         "Places not compared: the scenario does not simulate this year."));
    fputs("</p>\n", f);
    if (n == 0)
        return;
    static const heading h[] = {
        { "Code", "Code", 0 },
        { "Nom", "Name", 0 },
        { "Places (table des financements)", "Places (funding table)", 1 },
        { "Places (scénario)", "Places (scenario)", 1 },
    };
    table_open(r, f, NULL, h, sizeof h / sizeof h[0]);
    table_body(f);
    for (size_t i = 0; i < d->nmismatches; i++) {
        const pl_data_mismatch *m = &d->mismatches[i];
        char v[64];
        if (m->year != year)
            continue;
        fputs("<tr>", f);
        pl_html_td(f, m->department, 0);
        pl_html_td_name(f, m->name);
        pl_html_td(f, places(r, v, sizeof v, m->funding_places), 1);
        pl_html_td(f, places(r, v, sizeof v, m->scenario_places), 1);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n</div>\n", f);
}

/* The funding table of one year: each department's cost per place and verdict, the region last;
 * under its heading, the note that says how to read the verdicts when it is not NULL. */
static void costs_year(const ctx *r, FILE *f, int year, const char *note)
{
    const pl_data *d = r->d;
    char head[256], v[64], text[512];
    snprintf(head, sizeof head, "%s",
             pl_text_tr(r->lang, "Coût à la place (table des financements)",
                        "Cost per place (funding table)"));
    if (year)
        snprintf(head + strlen(head), sizeof head - strlen(head), " — %d", year);
    static const heading h[] = {
        { "Code", "Code", 0 },
        { "Nom", "Name", 0 },
        { "Places", "Places", 1 },
        { "Financement", "Funding", 1 },
        { "Coût par place", "Cost per place", 1 },
        { "Écart à la référence", "Deviation from the reference", 1 },
        { "Verdict", "Verdict", 0 },
    };
    fputs("<h3>", f);
    pl_html_text(f, head);
    fputs("</h3>\n", f);
    if (note) {
        fputs("<p>", f);
        pl_html_text(f, note);
        fputs("</p>\n", f);
    }
    table_open(r, f, NULL, h, sizeof h / sizeof h[0]);
    table_body(f);
    int nout = 0, ndep = 0;
    double out[2] = { 0, 0 };   /* to add, to remove, in the departments to adjust */
    for (size_t i = 0; i < d->ncosts; i++) {
        const pl_data_cost *p = &d->costs[i];
        if (p->year != year)
            continue;
        nout += !p->region && p->outside;
        ndep += !p->region;
        if (!p->region && p->outside)
            out[adjustment(p) < 0] += adjustment(p);
        fputs(p->region ? "<tr class=\"total\">" : "<tr>", f);
        pl_html_td(f, p->region ? "" : p->department, 0);
        pl_html_td_name(f, p->name);
        pl_html_td(f, pl_text_num(v, sizeof v, p->places, 0, r->lang), 1);
        pl_html_td(f, pl_text_eur(v, sizeof v, p->funding, r->lang), 1);
        pl_html_td(f, pl_text_eur(v, sizeof v, p->cost_per_place, r->lang), 1);
        pl_html_td(f, signed_pct(r, v, sizeof v, p->cost_per_place / p->reference - 1), 1);
        pl_html_td(f, verdict(r, p, nout, ndep, out, text, sizeof text), 0);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n</div>\n", f);
    costs_places(r, f, year);
}

/* Every year of the funding table, in the order of costs.csv (earliest first): 2021 then 2022
 * shows the homogenisation. */
static void table_costs(const ctx *r, FILE *f)
{
    const pl_data *d = r->d;
    if (d->ncosts == 0)
        return;
    char ref[64], text[512];
    pl_text_eur(ref, sizeof ref, d->costs[0].reference, r->lang);
    snprintf(text, sizeof text,
             r->lang == PL_EN ? "Verdict of the funders: \"compliant\" when the funding is places "
                                "× %s; otherwise the amount to add (+) or to remove (−) to reach it."
                              : "Verdict des financeurs : « conforme » quand le financement est "
                                "égal à places × %s ; sinon le montant à ajouter (+) ou à retirer "
                                "(−) pour l'atteindre.",
             ref);
    /* The note goes under the first table's heading, so that it is not read as the previous
     * table's. */
    for (size_t i = 0; i < d->ncosts; i++)
        if (i == 0 || d->costs[i].year != d->costs[i - 1].year)
            costs_year(r, f, d->costs[i].year, i == 0 ? text : NULL);
}

/* The places and persons of capacity.csv at its latest date within the report's year (none when
 * the year has no date: a later date would speak of another year than the report's). */
static void table_capacity(const ctx *r, FILE *f)
{
    const pl_data *d = r->d;
    long latest = 0;
    int found = 0;
    for (size_t i = 0; d->has_capacity && i < d->nobs; i++)
        if (d->obs[i].places > 0 && isfinite(d->obs[i].file_active)
            && d->obs[i].date.year == r->year
            && (!found || eng_date_days(d->obs[i].date) > latest)) {
            latest = eng_date_days(d->obs[i].date);
            found = 1;
        }
    if (!found)
        return;
    eng_date when = eng_date_from_days(latest);
    int value = isfinite(d->cost_per_place);
    char head[256], v[64], day[32];
    snprintf(head, sizeof head, "%s %s",
             pl_text_tr(r->lang, "Capacité observée au", "Observed capacity on"),
             pl_text_date(day, sizeof day, when, r->lang));
    /* The value of the unused places is shown only when the cost of a place is known. */
    static const heading h[] = {
        { "Périmètre", "Scope", 0 },
        { "Places", "Places", 1 },
        { "File active", "Caseload", 1 },
        { "Occupation", "Occupancy", 1 },
        { "Places inoccupées", "Unused places", 1 },
        { "Valeur par an", "Value per year", 1 },
    };
    table_open(r, f, head, h, sizeof h / sizeof h[0] - !value);
    table_body(f);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < d->nobs; i++) {
            const pl_data_obs *o = &d->obs[i];
            int whole = eng_text_casecmp(o->scope, "region") == 0;
            if (whole != pass || eng_date_days(o->date) != latest || !(o->places > 0)
                || !isfinite(o->file_active))
                continue;
            char label[320];
            if (whole)
                snprintf(label, sizeof label, "%s",
                         pl_data_area(r->d, pl_text_tr(r->lang, "Région", "Region")));
            else
                pl_data_department_label(d, o->scope, label, sizeof label);
            fputs(whole ? "<tr class=\"total\">" : "<tr>", f);
            pl_html_td_name(f, label);
            pl_html_td(f, pl_text_num(v, sizeof v, o->places, 0, r->lang), 1);
            pl_html_td(f, pl_text_num(v, sizeof v, o->file_active, 0, r->lang), 1);
            pl_html_td(f, pl_text_pct(v, sizeof v, o->file_active / o->places, 1, r->lang), 1);
            pl_text_num(v, sizeof v, o->places - o->file_active, 0, r->lang);
            pl_html_td(f, minus(v), 1);
            if (value) {
                pl_text_eur(v, sizeof v, (o->places - o->file_active) * d->cost_per_place,
                            r->lang);
                pl_html_td(f, minus(v), 1);
            }
            fputs("</tr>\n", f);
        }
    fputs("</tbody>\n</table>\n</div>\n", f);
}

void pl_report_tables_write(FILE *f, const pl_data *d, const char *region, int year,
                            pl_text_lang lang)
{
    const ctx r = { d, region, year, lang };
    table_years(&r, f);
    tables_departments(&r, f);
    table_capacity(&r, f);
    table_costs(&r, f);
}
