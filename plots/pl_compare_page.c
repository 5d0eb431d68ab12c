/* pl_compare_page.c — The page of a comparison of scenarios: what was compared and how, a table of
 * the differences in the key year with their paired intervals, and the difference charts. The PDF
 * is that same page laid out by WeasyPrint. */
#include "pl_compare_page.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "pl_html.h"
#include "pl_pdf.h"

/* The page's style sheet: on screen one column; in print A4 pages, the tables and charts never cut
 * across pages, a table's heading repeated. */
static const char *const css =
    "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#222;max-width:1120px;"
    "margin:2em auto;padding:0 1em;line-height:1.45}\n"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:2px solid #08306b;"
    "padding-bottom:.2em}h3{margin-bottom:.3em}\n"
    ".sub{color:#555;margin-top:0}\n"
    "p.warning{border:2px solid #a50f15;color:#a50f15;padding:.5em .8em}\n"
    "table{border-collapse:collapse;margin:1em 0;font-size:.9em}\n"
    "th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}\n"
    "thead th{background:#eef3f8}th.n{text-align:right}\n"
    "td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "td.name{white-space:nowrap}tr.total td{border-bottom:2px solid #999}\n"
    "td.beyond{font-weight:bold}td.noise{color:#777}\n"
    "span.ci{display:block;font-size:.85em;font-weight:normal}\n"
    "figure{margin:.5em 0 2em}figure img{width:100%;height:auto;display:block}"
    "figcaption{font-weight:bold}p.reading{font-style:italic;margin:.2em 0}\n"
    "@media print{@page{size:A4;margin:14mm 12mm 16mm;"
    "@bottom-right{content:\"page \" counter(page) \" / \" counter(pages);color:#555;"
    "font:7.5pt 'DejaVu Sans',sans-serif}}\n"
    "body{max-width:none;margin:0;padding:0;font-size:9pt;line-height:1.35}\n"
    "table{width:100%;font-size:8pt}thead{display:table-header-group}"
    "tr,figure,div.table{break-inside:avoid;page-break-inside:avoid}"
    "h2,h3,figcaption{break-after:avoid;page-break-after:avoid}"
    "figure img{max-height:110mm;object-fit:contain}}\n";

typedef struct page {
    const ea_scenarios *s;
    const pl_compare *charts;
    const pl_compare_page_input *in;
    int year;                       /* index of the key year in s->years */
    ea_scenarios_year_why why;
    FILE *f;
} page;

/* Writes a paragraph of text escaped, between open and close (raw HTML). */
static void para(const page *p, const char *open, const char *text, const char *close)
{
    fputs(open, p->f);
    pl_html_text(p->f, text);
    fputs(close, p->f);
}

/* The title: the reference scenario and those compared with it. */
static void write_head(const page *p)
{
    const ea_scenarios *s = p->s;
    FILE *f = p->f;
    char title[1024];
    snprintf(title, sizeof title, "%s",
             pl_text_tr(p->in->lang, "Comparaison de scénarios", "Comparison of scenarios"));
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
            p->in->lang == PL_EN ? "en" : "fr");
    pl_html_text(f, title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
    para(p, "<h1>", title, "</h1>\n<p class=\"sub\">");
    for (int i = 1; i < s->n; i++) {
        char line[1200];
        snprintf(line, sizeof line,
                 pl_text_tr(p->in->lang, "« %s » comparé à « %s » (référence)",
                            "“%s” compared with “%s” (reference)"),
                 s->titles[i], s->titles[0]);
        if (i > 1)
            fputs("<br>", f);
        pl_html_text(f, line);
    }
    fputs("</p>\n", f);
    fprintf(f, "<table>\n<thead><tr>");
    pl_html_th(f, pl_text_tr(p->in->lang, "Scénario", "Scenario"), 0);
    pl_html_th(f, pl_text_tr(p->in->lang, "Fichier", "File"), 0);
    pl_html_th(f, pl_text_tr(p->in->lang, "Rôle", "Role"), 0);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (int i = 0; i < s->n; i++) {
        char file[600];
        snprintf(file, sizeof file, "%s.ini", s->names[i]);
        fputs("<tr>", f);
        pl_html_td(f, s->titles[i], 0);
        pl_html_td(f, file, 0);
        pl_html_td(f,
                   i == 0 ? pl_text_tr(p->in->lang, "référence", "reference")
                          : pl_text_tr(p->in->lang, "comparé à la référence",
                                       "compared with the reference"),
                   0);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

/* The common random numbers, and the structure: a warning for each difference that makes the
 * paired differences meaningless, a note for the seed and replications the run replaced. */
static void write_method(const page *p)
{
    const ea_scenarios *s = p->s;
    char text[2048], value[1024], first[1024];
    para(p, "<h2>", pl_text_tr(p->in->lang, "Comment ils sont comparés", "How they are compared"),
         "</h2>\n");
    if (s->replications > 0) {
        snprintf(
            text, sizeof text,
            pl_text_tr(
                p->in->lang,
                "Tous les scénarios tournent avec la même graine (%lu) et %d réplications : "
                "la réplication n de chacun tire les mêmes nombres aléatoires (nombres "
                "aléatoires communs), si bien que leurs différences viennent des scénarios "
                "et non du hasard des tirages.",
                "Every scenario runs with the same seed (%lu) and %d replications: replication n "
                "of each draws the same random numbers (common random numbers), so that their "
                "differences come from the scenarios, not from the luck of the draw."),
            s->seed, s->replications);
        para(p, "<p>", text, "</p>\n");
    }
    int same = 1;
    for (int i = 1; i < s->n; i++)
        for (unsigned bit = 1; bit <= EA_SCENARIOS_SEED; bit <<= 1) {
            if (!(s->structure[i].differs & bit))
                continue;
            same = 0;
            const char *why = ea_scenarios_aspect_why(bit);
            ea_scenarios_aspect_value(&s->structure[i], bit, value, sizeof value);
            ea_scenarios_aspect_value(&s->structure[0], bit, first, sizeof first);
            if (why)
                snprintf(text, sizeof text,
                         pl_text_tr(p->in->lang,
                                    "Attention : « %s » diffère de la référence par "
                                    "%s (%s et non %s) : %s ; ses différences ci-dessous "
                                    "n'ont pas de sens.",
                                    "Warning: “%s” differs from the reference in %s (%s, "
                                    "not %s): %s; its differences below mean nothing."),
                         s->titles[i], eng_msg_tr(ea_scenarios_aspect_label(bit)), value, first,
                         eng_msg_tr(why));
            else
                snprintf(text, sizeof text,
                         pl_text_tr(p->in->lang,
                                    "« %s » indique %s %s (la référence %s) : la "
                                    "comparaison les remplace par les valeurs communes.",
                                    "“%s” sets %s %s (the reference %s): the comparison "
                                    "replaces them by the common values."),
                         s->titles[i], eng_msg_tr(ea_scenarios_aspect_label(bit)), value, first);
            para(p, why ? "<p class=\"warning\">" : "<p>", text, "</p>\n");
        }
    if (same) {
        ea_scenarios_aspect_value(&s->structure[0], EA_SCENARIOS_PERIOD, value, sizeof value);
        snprintf(text, sizeof text,
                 pl_text_tr(p->in->lang,
                            "Même structure : mêmes départements, même période (%s), "
                            "même mode de capacité ; seules les valeurs des scénarios "
                            "diffèrent.",
                            "Same structure: same departments, same period (%s), same "
                            "capacity mode; only the scenarios' values differ."),
                 value);
        para(p, "<p>", text, "</p>\n");
    }
}

/* The key year and why it is the one shown. */
static void write_year(const page *p)
{
    char text[512];
    const char *y = p->s->years[p->year];
    if (p->why == EA_SCENARIOS_YEAR_ASKED)
        snprintf(text, sizeof text,
                 pl_text_tr(p->in->lang, "Année des tableaux : %s, demandée par --year.",
                            "Year of the tables: %s, asked with --year."),
                 y);
    else if (p->why == EA_SCENARIOS_YEAR_COMPLETE)
        snprintf(text, sizeof text,
                 pl_text_tr(p->in->lang,
                            "Année des tableaux : %s, la dernière année simulée en "
                            "entier (de janvier à décembre) ; --year AAAA en choisit "
                            "une autre.",
                            "Year of the tables: %s, the last year simulated whole "
                            "(January to December); --year YYYY chooses another."),
                 y);
    else
        snprintf(text, sizeof text,
                 pl_text_tr(p->in->lang,
                            "Année des tableaux : %s, la dernière simulée (aucune "
                            "année n'est simulée en entier) ; --year AAAA en choisit "
                            "une autre.",
                            "Year of the tables: %s, the last simulated (no year is "
                            "simulated whole); --year YYYY chooses another."),
                 y);
    para(p, "<p>", text, "</p>\n");
}

/* One difference for people: "+20" when exact (no spread over the replications), else "−3,4"
 * with its interval "[−5,1 ; −1,7]" in ci (empty when exact, or when the ends read the same). */
static void diff_text(const page *p, const ea_scenarios_diff *d, const char *indicator, char *mean,
                      char *ci, size_t size)
{
    char lo[64], hi[64];
    pl_compare_signed(mean, size, d->mean, indicator, p->in->lang);
    ci[0] = '\0';
    pl_compare_signed(lo, sizeof lo, d->low, indicator, p->in->lang);
    pl_compare_signed(hi, sizeof hi, d->high, indicator, p->in->lang);
    /* An interval whose ends read the same is no interval: the difference is exact (the sums of
     * the replications may leave it a rounding error wide). */
    if (isfinite(d->low) && isfinite(d->high) && strcmp(lo, hi) != 0)
        snprintf(ci, size, pl_text_tr(p->in->lang, "[%s ; %s]", "[%s; %s]"), lo, hi);
}

/* A cell of the table: the difference, its interval beneath, bold when beyond the noise. */
static void diff_cell(const page *p, int row, int k, const char *indicator)
{
    FILE *f = p->f;
    if (row < 0) {
        fputs("<td class=\"n\">–</td>", f);
        return;
    }
    const ea_scenarios_diff *d = &p->s->diff[row * p->s->n + k];
    char mean[128], ci[300];
    diff_text(p, d, indicator, mean, ci, sizeof mean < sizeof ci ? sizeof mean : sizeof ci);
    fprintf(f, "<td class=\"n %s\">", d->beyond_noise ? "beyond" : (d->mean != 0 ? "noise" : ""));
    pl_html_text(f, mean);
    if (ci[0]) {
        fputs("<span class=\"ci\">", f);
        pl_html_text(f, ci);
        fputs("</span>", f);
    }
    fputs("</td>", f);
}

/* A cell of a scenario whose differences mean nothing: its mean, the reference's beneath. */
static void means_cell(const page *p, int row, int k, const char *indicator)
{
    if (row < 0) {
        fputs("<td class=\"n\">–</td>", p->f);
        return;
    }
    char a[64], b[64], ref[160];
    pl_text_unit unit = pl_text_indicator_unit(indicator);
    double x = p->s->mean[row * p->s->n + k], y = p->s->mean[row * p->s->n];
    int dec = x == floor(x) && y == floor(y) ? 0 : 1;   /* places read whole */
    pl_text_value(a, sizeof a, x, unit, dec, p->in->lang);
    pl_text_value(b, sizeof b, y, unit, dec, p->in->lang);
    snprintf(ref, sizeof ref, pl_text_tr(p->in->lang, "contre %s", "against %s"), b);
    fputs("<td class=\"n\">", p->f);
    pl_html_text(p->f, a);
    fputs("<span class=\"ci\">", p->f);
    pl_html_text(p->f, ref);
    fputs("</span></td>", p->f);
}

/* One row of the table: a scope's differences for scenario k, or its means when they pair
 * nothing. */
static void table_row(const page *p, int scope, int k)
{
    char where[256];
    int unpaired = ea_scenarios_unpaired(p->s, k) != NULL;
    fprintf(p->f, "<tr%s>", pl_compare_is_region(p->s, scope) ? " class=\"total\"" : "");
    pl_html_td_name(p->f, pl_compare_scope_label(p->s, scope, p->in->lang, where, sizeof where));
    for (int c = 0; c < pl_compare_ntable_indicators; c++) {
        const char *ind = pl_compare_table_indicators[c];
        (unpaired ? means_cell : diff_cell)(p, ea_scenarios_find(p->s, scope, p->year, ind), k, ind);
    }
    fputs("</tr>\n", p->f);
}

/* The table « Différences » of scenario k: the region first, then each department. */
static void write_table(const page *p, int k)
{
    const ea_scenarios *s = p->s;
    char text[1200];
    const char *other = ea_scenarios_unpaired(s, k);
    if (other)
        snprintf(text, sizeof text,
                 pl_text_tr(p->in->lang,
                            "« %s » contre « %s », %s : moyennes, sans écart apparié "
                            "(ce qui diffère : %s)",
                            "“%s” against “%s”, %s: means, no paired difference (what "
                            "differs: %s)"),
                 s->titles[k], s->titles[0], s->years[p->year], eng_msg_tr(other));
    else
        snprintf(text, sizeof text,
                 pl_text_tr(p->in->lang, "« %s » moins « %s », %s", "“%s” minus “%s”, %s"),
                 s->titles[k], s->titles[0], s->years[p->year]);
    para(p, "<div class=\"table\"><h3>", text, "</h3>\n<table>\n<thead><tr>");
    pl_html_th(p->f, pl_text_tr(p->in->lang, "Territoire", "Area"), 0);
    char head[256];
    for (int c = 0; c < pl_compare_ntable_indicators; c++) {
        pl_compare_column_head(head, sizeof head, pl_compare_table_indicators[c],
                               p->why != EA_SCENARIOS_YEAR_LAST, p->in->lang);
        /* Means, not differences: the heading without its Δ, capitalised. */
        char *shown = other ? head + strlen("Δ ") : head;
        shown[0] = (char)toupper((unsigned char)shown[0]);
        pl_html_th(p->f, shown, 1);
    }
    fputs("</tr></thead>\n<tbody>\n", p->f);
    for (int i = 0; i < s->nscopes; i++)
        table_row(p, pl_compare_table_scope(s, i), k);
    fputs("</tbody>\n</table></div>\n", p->f);
}

static void write_tables(const page *p)
{
    char text[256];
    snprintf(text, sizeof text, pl_text_tr(p->in->lang, "Différences en %s", "Differences in %s"),
             p->s->years[p->year]);
    para(p, "<h2>", text, "</h2>\n");
    write_year(p);
    for (int k = 1; k < p->s->n; k++)
        write_table(p, k);
    para(p, "<p>",
         pl_text_tr(p->in->lang,
                    "Lire un écart : « −3,4 [−5,1 ; −1,7] » veut dire que le scénario "
                    "comparé a en moyenne 3,4 de moins que la référence, et qu'à 95 % l'écart "
                    "vrai est entre −5,1 et −1,7 (intervalle de Student sur les écarts "
                    "appariés des réplications). En gras : l'intervalle ne contient pas 0, "
                    "l'écart est au-delà du bruit de la simulation ; en gris : il contient 0, "
                    "l'écart peut n'être que du bruit. Un nombre sans intervalle est exact : "
                    "il est le même dans toutes les réplications (places et financement sont "
                    "fixés par le scénario). Stocks (places, file active, liste d'attente) à la "
                    "fin de l'année ; attente, ETP et financement sur l'année.",
                    "Reading a difference: “-3.4 [-5.1; -1.7]” means the scenario compared has "
                    "3.4 less than the reference on average, and that at 95 % the true difference "
                    "lies between -5.1 and -1.7 (Student interval over the paired differences of "
                    "the replications). Bold: the interval excludes 0, the difference is beyond "
                    "the simulation's noise; grey: it holds 0, the difference may be noise alone. "
                    "A number without an interval is exact: the same in every replication (places "
                    "and funding are set by the scenario). Stocks (places, caseload, waiting list) "
                    "at the end of the year; wait, FTE and funding over the year."),
         "</p>\n");
}

/* One chart: its title, a reading in the key year, and its image. */
static void write_chart(const page *p, int i)
{
    const ea_scenarios *s = p->s;
    const char *ind = pl_compare_indicator(p->charts, i);
    int row = ea_scenarios_find(s, pl_compare_scope(p->charts, i), p->year, ind);
    fputs("<figure>\n<figcaption>", p->f);
    pl_html_text(p->f, pl_compare_title(p->charts, i));
    fputs("</figcaption>\n", p->f);
    for (int k = 1; k < s->n && row >= 0; k++) {
        if (ea_scenarios_unpaired(s, k))   /* its line is no difference: said in the table */
            continue;
        const ea_scenarios_diff *d = &s->diff[row * s->n + k];
        char mean[128], ci[128], text[1200];
        diff_text(p, d, ind, mean, ci, sizeof mean);
        /* No interval: the same difference in every replication, none when it is 0. */
        const char *verdict =
            !ci[0] ? (d->mean == 0 ? pl_text_tr(p->in->lang, "aucune différence", "no difference")
                                   : pl_text_tr(p->in->lang, "exact", "exact"))
            : d->beyond_noise ? pl_text_tr(p->in->lang, "au-delà du bruit", "beyond the noise")
                              : pl_text_tr(p->in->lang, "dans le bruit", "within the noise");
        snprintf(text, sizeof text,
                 pl_text_tr(p->in->lang, "En %s, « %s » : %s%s%s, %s.", "In %s, “%s”: %s%s%s, %s."),
                 s->years[p->year], s->titles[k], mean, ci[0] ? " " : "", ci, verdict);
        para(p, "<p class=\"reading\">", text, "</p>\n");
    }
    char src[512];
    snprintf(src, sizeof src, "%s/%s.%s", p->in->plots, pl_compare_name(p->charts, i), p->in->ext);
    fputs("<img src=\"", p->f);
    pl_html_text(p->f, src);
    fputs("\" alt=\"", p->f);
    pl_html_text(p->f, pl_compare_title(p->charts, i));
    fputs("\">\n</figure>\n", p->f);
}

/* The charts, the region's first, then one line naming the departments that do not differ. */
static void write_charts(const page *p)
{
    const ea_scenarios *s = p->s;
    para(p, "<h2>",
         pl_text_tr(p->in->lang, "Différences au fil des années", "Differences over the years"),
         "</h2>\n");
    if (pl_compare_count(p->charts) == 0) {
        para(p, "<p>",
             pl_text_tr(p->in->lang,
                        "Aucun scénario ne se compare à la référence réplication par "
                        "réplication : pas de graphique de différences ; le tableau donne "
                        "les moyennes de chacun.",
                        "No scenario compares with the reference replication by replication: "
                        "no difference chart; the table gives each one's means."),
             "</p>\n");
        return;
    }
    para(p, "<p>",
         pl_text_tr(p->in->lang,
                    "Chaque graphique montre, année par année, l'écart moyen de chaque scénario "
                    "à la référence (ligne) et son intervalle à 95 % (bande) ; la ligne "
                    "pointillée est l'absence de différence.",
                    "Each chart shows, year by year, the mean difference of each scenario to the "
                    "reference (line) and its 95% interval (band); the dotted line is no "
                    "difference."),
         "</p>\n");
    for (int i = 0; i < pl_compare_count(p->charts); i++)
        write_chart(p, i);
    char list[4096] = "", where[256];
    int n = 0;
    for (int sc = 0; sc < s->nscopes; sc++)
        if (!pl_compare_is_region(s, sc) && !pl_compare_scope_differs(s, sc)) {
            size_t len = strlen(list);
            snprintf(list + len, sizeof list - len, "%s%s", n++ ? ", " : "",
                     pl_compare_scope_label(s, sc, p->in->lang, where, sizeof where));
        }
    if (n > 0) {
        char text[4400];
        snprintf(text, sizeof text,
                 pl_text_tr(p->in->lang,
                            "Aucune différence au-delà du bruit, aucune année, dans : "
                            "%s ; leurs graphiques ne sont pas tracés.",
                            "No difference beyond the noise, in any year, in: %s; "
                            "their charts are not drawn."),
                 list);
        para(p, "<p>", text, "</p>\n");
    }
}

static void write_page(const page *p)
{
    write_head(p);
    write_method(p);
    write_tables(p);
    write_charts(p);
    para(p, "<p class=\"sub\">",
         pl_text_tr(p->in->lang,
                    "Tableaux complets : scenarios.csv (chaque périmètre, année "
                    "et indicateur) et scenarios-structure.csv.",
                    "Full tables: scenarios.csv (every scope, year and indicator) "
                    "and scenarios-structure.csv."),
         "</p>\n");
    fputs("</body>\n</html>\n", p->f);
}

int pl_compare_page_write(eng_out *out, const ea_scenarios *s, const pl_compare *charts,
                          const pl_compare_page_input *in, eng_error *err)
{
    page p = { s, charts, in, 0, EA_SCENARIOS_YEAR_LAST, NULL };
    int status = ea_scenarios_key_year(s, in->year, &p.year, &p.why, err);
    if (status != ENG_OK)
        return status;
    if (!(p.f = eng_out_open(out, "index.html", err)) || !eng_out_open(out, "report.pdf", err))
        return ENG_EFAIL;
    write_page(&p);
    if (fflush(p.f) != 0)
        return eng_error_set(err, ENG_EFAIL, "index.html : écriture impossible ; vérifiez la place "
                             "libre sur le disque");
    return pl_pdf_render(eng_out_tmp_path(out, "index.html"), eng_out_tmp_path(out, "report.pdf"),
                         err);
}
