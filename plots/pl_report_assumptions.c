/* pl_report_assumptions.c — The scenario's parameters as the report shows them (values in French
 * with their units, sources, notes), by section, module and department, and the annexes of the
 * sources and of run.ini. */
#include "pl_report_assumptions.h"

#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_ini.h"
#include "../engine/eng_path.h"
#include "../models/ea_assumptions.h"
#include "../models/ea_sources.h"
#include "pl_assumptions.h"
#include "pl_html.h"

const char *const pl_report_assumptions_css =
    "table.assumptions td{white-space:normal}table.assumptions td.note{color:#444;font-size:.92em}"
    "table.assumptions td.value{min-width:12em}p.note{color:#444;white-space:pre-line}\n"
    "ul.sources{list-style:none;padding-left:0}ul.sources li{margin:.3em 0}"
    "details pre{margin-top:.5em}\n"
    "@media print{section.sources,section.run-ini{break-before:page;page-break-before:always}}\n";

/* What the section and the annexes read (pl_assumptions.h). */
typedef pl_assumptions view;

/* ---- HTML ----------------------------------------------------------------------------------- */

/* A comment escaped, each [Sn] in it a link to the sources annex. */
static void comment_html(FILE *f, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *at = strstr(p, "[S");
        char *end = NULL;
        long n = at && isdigit((unsigned char)at[2]) ? strtol(at + 2, &end, 10) : 0;
        if (!at || !end || *end != ']' || n <= 0) {
            const char *stop = at ? at + 2 : p + strlen(p);
            char *part = strndup(p, (size_t)(stop - p));
            if (part)
                pl_html_text(f, part);
            free(part);
            p = stop;
            continue;
        }
        char *part = strndup(p, (size_t)(at - p));
        if (part)
            pl_html_text(f, part);
        free(part);
        fprintf(f, "<a href=\"#source-S%ld\">[S%ld]</a>", n, n);
        p = end + 1;
    }
}

/* The references of a note as links: "[S1] Note régionale Occitanie (2022)". */
static void refs_html(FILE *f, const view *v, const ea_assumptions_note *n)
{
    for (int r = 0; r < n->nrefs; r++) {
        const ea_sources_ref *ref = ea_sources_find(v->sources, n->refs[r]);
        fprintf(f, "%s<a href=\"#source-S%d\">[S%d]", r ? " ; " : "", n->refs[r], n->refs[r]);
        if (ref) {
            fputc(' ', f);
            pl_html_text(f, ref->title);
        }
        fputs("</a>", f);
    }
}

/* What stands behind the value of key k: its references, « hypothèse » (with the references it
 * builds on), eaflow's default, or nothing to source (a name, a setting of the computation). */
static void basis_html(FILE *f, const view *v, const ea_schema_key *k,
                       const ea_assumptions_note *n)
{
    const char *word = pl_assumptions_basis_word(n->basis, k);
    if (n->basis == EA_ASSUMPTIONS_HYPOTHESIS) {
        fputs("<strong>", f);
        pl_html_text(f, word);
        fputs("</strong>", f);
    } else if (word) {
        pl_html_text(f, word);
    }
    int built = n->basis == EA_ASSUMPTIONS_HYPOTHESIS || n->basis == EA_ASSUMPTIONS_CALIBRATED;
    if (built && n->nrefs)
        pl_html_text(f, pl_text_tr(v->lang, ", d'après ", ", based on "));
    if (n->basis == EA_ASSUMPTIONS_SOURCE || built)
        refs_html(f, v, n);
}

/* The comment above a section header, as a paragraph. */
static void note_paragraph(FILE *f, const ea_assumptions_note *n)
{
    if (!n->comment || !n->comment[0])
        return;
    fputs("<p class=\"note\">", f);
    comment_html(f, n->comment);
    fputs("</p>\n", f);
}

static void table_head(FILE *f, const view *v)
{
    fputs("<div class=\"wide\">\n<table class=\"assumptions\">\n<thead><tr>", f);
    pl_html_th(f, pl_text_tr(v->lang, "Paramètre", "Parameter"), 0);
    pl_html_th(f, pl_text_tr(v->lang, "Valeur", "Value"), 0);
    pl_html_th(f, "Source", 0);
    pl_html_th(f, pl_text_tr(v->lang, "Note du scénario", "Note of the scenario"), 0);
    fputs("</tr></thead>\n<tbody>\n", f);
}

/* A row: label, value, basis and note. */
static void row_html(FILE *f, const view *v, const ea_assumptions_row *row)
{
    char text[2048], label[256];
    const ea_schema_key *k = row->key;
    const ea_assumptions_note *n = &row->note;
    fputs("<tr><td>", f);
    pl_html_text(f, pl_assumptions_label(label, sizeof label, k, -1));
    fputs("</td><td class=\"value\">", f);
    pl_html_text(f, pl_assumptions_row_value(text, sizeof text, v->sc, row));
    fputs("</td><td>", f);
    basis_html(f, v, k, n);
    fputs("</td><td class=\"note\">", f);
    if (n->comment)
        comment_html(f, n->comment);
    fputs("</td></tr>\n", f);
}

static void group_html(FILE *f, const view *v, const ea_assumptions_group *g)
{
    char title[160];
    fputs("<h3>", f);
    pl_html_text(f, pl_assumptions_group_title(title, sizeof title, g));
    fputs("</h3>\n", f);
    note_paragraph(f, &g->note);
    table_head(f, v);
    for (int r = 0; r < g->nrows; r++)
        row_html(f, v, &g->rows[r]);
    fputs("</tbody>\n</table>\n</div>\n", f);
}

/* A department's key label, with its module for a module's key: "Durée du module (projet)". */
static void column_label(FILE *f, const ea_assumptions_column *c)
{
    char label[256];
    pl_html_text(f, pl_assumptions_label(label, sizeof label, c->key, c->module));
}

/* The table of the departments: a row each, a column for each key whose values differ, the basis
 * of each column in the footer, and the notes of the columns below. */
static void departments_table(FILE *f, const view *v)
{
    const ea_assumptions *a = &v->a;
    char text[2048];
    fputs("<div class=\"wide\">\n<table class=\"assumptions departments\">\n<thead><tr>", f);
    pl_html_th(f, "Code", 0);
    for (int c = 0; c < a->ncolumns; c++) {
        int numeric = a->columns[c].key->type == EA_TYPE_INT
                      || a->columns[c].key->type == EA_TYPE_REAL;
        fputs(numeric ? "<th class=\"n\">" : "<th>", f);
        column_label(f, &a->columns[c]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (int d = 0; d < v->sc->ndepartments; d++) {
        fputs("<tr>", f);
        pl_html_td(f, v->sc->departments[d].code, 0);
        for (int c = 0; c < a->ncolumns; c++) {
            const ea_assumptions_column *col = &a->columns[c];
            const void *value = ea_assumptions_department_value(v->sc, col->key, d, col->module);
            int numeric = col->key->type == EA_TYPE_INT || col->key->type == EA_TYPE_REAL;
            pl_assumptions_value(text, sizeof text, v->sc, col->key, value, 0);
            if (strcmp(col->key->key, "name") == 0)
                pl_html_td_name(f, text);
            else
                pl_html_td(f, text, numeric);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n<tfoot><tr><th scope=\"row\">Source</th>", f);
    for (int c = 0; c < a->ncolumns; c++) {
        fputs("<td>", f);
        basis_html(f, v, a->columns[c].key, &a->columns[c].note);
        fputs("</td>", f);
    }
    fputs("</tr></tfoot>\n</table>\n</div>\n<ul class=\"notes\">\n", f);
    for (int c = 0; c < a->ncolumns; c++) {
        if (!a->columns[c].note.comment)
            continue;
        fputs("<li><strong>", f);
        column_label(f, &a->columns[c]);
        fputs(pl_text_tr(v->lang, "</strong> : ", "</strong>: "), f);
        comment_html(f, a->columns[c].note.comment);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

/* The comments of the departments' sections that the tables do not show. */
static void department_extras(FILE *f, const view *v)
{
    const ea_assumptions *a = &v->a;
    if (a->nextras == 0)
        return;
    fprintf(f, "<h4>%s</h4>\n<ul class=\"notes\">\n",
            pl_text_tr(v->lang, "Autres notes des départements", "Other notes of the departments"));
    for (int x = 0; x < a->nextras; x++) {
        const ea_assumptions_extra *e = &a->extras[x];
        const ea_scenario_department *d = &v->sc->departments[e->department];
        fputs("<li><strong>", f);
        pl_html_text(f, d->name);
        fputs(" (", f);
        pl_html_text(f, d->code);
        fputs(")", f);
        if (e->key) {
            ea_assumptions_column c = { e->key, e->module, e->note };
            fputs(", ", f);
            column_label(f, &c);
        }
        fputs(pl_text_tr(v->lang, "</strong> : ", "</strong>: "), f);
        comment_html(f, e->note.comment);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

static void departments_html(FILE *f, const view *v)
{
    const ea_assumptions *a = &v->a;
    fputs("<h3>", f);
    pl_html_text(f, v->sc->single_platform ? pl_text_tr(v->lang, "Plateforme", "Platform")
                                           : pl_text_tr(v->lang, "Départements", "Departments"));
    fputs("</h3>\n", f);
    note_paragraph(f, &a->departments);
    if (a->ncolumns > 0)
        departments_table(f, v);
    if (a->ncommon > 0) {
        if (v->sc->ndepartments > 1)
            fprintf(f, "<h4>%s</h4>\n",
                    pl_text_tr(v->lang, "Valeurs communes à tous les départements",
                               "Values common to every department"));
        table_head(f, v);
        for (int c = 0; c < a->ncommon; c++) {
            const ea_assumptions_column *col = &a->common[c];
            ea_assumptions_row row = { col->key, ea_assumptions_department_value(
                                               v->sc, col->key, 0, col->module), col->note, 0 };
            row_html(f, v, &row);
        }
        fputs("</tbody>\n</table>\n</div>\n", f);
    }
    department_extras(f, v);
}

/* "Sur 34 paramètres : 12 sourcés, 15 hypothèses, 2 valeurs par défaut d'eaflow et 5 sans source
 * à donner (noms, réglages du calcul)." */
static void counts_html(FILE *f, const view *v)
{
    const ea_assumptions *a = &v->a;
    int n[EA_ASSUMPTIONS_NBASES] = { 0 }, total = 0;
    for (int g = 0; g < a->ngroups; g++)
        for (int r = 0; r < a->groups[g].nrows; r++, total++)
            n[a->groups[g].rows[r].note.basis]++;
    for (int c = 0; c < a->ncolumns; c++, total++)
        n[a->columns[c].note.basis]++;
    for (int c = 0; c < a->ncommon; c++, total++)
        n[a->common[c].note.basis]++;
    /* The calibrated values are counted when there are some: most scenarios have none. */
    int cal = n[EA_ASSUMPTIONS_CALIBRATED];
    char calibrated[64] = "";
    if (v->lang == PL_EN) {
        if (cal)
            snprintf(calibrated, sizeof calibrated, " %d calibrated,", cal);
        fprintf(f, "<p>Of %d parameters: %d sourced,%s %d assumption%s, %d eaflow default%s and %d "
                   "with no source to give (names, settings of the computation).</p>\n",
                total, n[EA_ASSUMPTIONS_SOURCE], calibrated, n[EA_ASSUMPTIONS_HYPOTHESIS],
                n[EA_ASSUMPTIONS_HYPOTHESIS] != 1 ? "s" : "", n[EA_ASSUMPTIONS_DEFAULT],
                n[EA_ASSUMPTIONS_DEFAULT] != 1 ? "s" : "", n[EA_ASSUMPTIONS_SETTING]);
        return;
    }
    if (cal)
        snprintf(calibrated, sizeof calibrated, " %d calibré%s,", cal, cal > 1 ? "s" : "");
    fprintf(f, "<p>Sur %d paramètres : %d sourcé%s,%s %d hypothèse%s, %d valeur%s par défaut "
               "d'eaflow et %d sans source à donner (noms, réglages du calcul).</p>\n",
            total, n[EA_ASSUMPTIONS_SOURCE], n[EA_ASSUMPTIONS_SOURCE] > 1 ? "s" : "", calibrated,
            n[EA_ASSUMPTIONS_HYPOTHESIS], n[EA_ASSUMPTIONS_HYPOTHESIS] > 1 ? "s" : "",
            n[EA_ASSUMPTIONS_DEFAULT], n[EA_ASSUMPTIONS_DEFAULT] > 1 ? "s" : "",
            n[EA_ASSUMPTIONS_SETTING]);
}

int pl_report_assumptions_write(FILE *f, const ea_scenario *sc, pl_text_lang lang,
                                eng_error *err)
{
    if (!sc)
        return ENG_OK;
    view v;
    int status = pl_assumptions_load(sc, lang, &v, err);
    if (status != ENG_OK)
        return status;
    fputs("<section class=\"assumptions\" id=\"hypotheses\">\n<h2>", f);
    pl_html_text(f, pl_text_tr(v.lang, "Hypothèses du scénario", "Assumptions of the scenario"));
    fputs("</h2>\n<p>", f);
    pl_html_text(
        f, pl_text_tr(v.lang, "Chaque paramètre du scénario ", "Each parameter of the scenario "));
    pl_html_text(f, eng_path_base(sc->path));
    fputs(pl_text_tr(
              v.lang,
              ", avec sa valeur, sa source (une référence de l'<a href=\"#sources\">annexe "
              "des sources</a>) ou la mention « hypothèse » quand le fichier du scénario la "
              "donne sans source publique, et la note écrite au-dessus dans ce fichier. Le "
              "scénario complet, tel qu'il a été simulé, est en <a href=\"#run-ini\">annexe "
              "(run.ini)</a>.</p>\n",
              ", with its value, its source (a reference of the <a href=\"#sources\">annex of "
              "sources</a>) or the word “assumption” when the scenario file gives it without a "
              "public source, and the note written above it in that file (in the analyst's "
              "words). The whole scenario, as simulated, is in the <a href=\"#run-ini\">annex "
              "(run.ini)</a>.</p>\n"),
          f);
    if (!v.ini) {
        fputs("<p class=\"caveat\">", f);
        pl_html_text(f, pl_text_tr(v.lang, "Le fichier du scénario ", "The scenario file "));
        pl_html_text(f, sc->path);
        pl_html_text(f,
                     pl_text_tr(v.lang,
                                " n'a pas pu être relu : les notes et les sources des valeurs ne "
                                "sont pas montrées, et les valeurs sans note comptent comme des "
                                "hypothèses.",
                                " could not be read again: the notes and sources of the values are "
                                "not shown, and values without a note count as assumptions."));
        fputs("</p>\n", f);
    }
    counts_html(f, &v);
    for (int g = 0; g < v.a.ngroups; g++)
        group_html(f, &v, &v.a.groups[g]);
    departments_html(f, &v);
    fputs("</section>\n", f);
    pl_assumptions_clear(&v);
    return ENG_OK;
}

/* ---- Annexes -------------------------------------------------------------------------------- */

/* Text with *italics* as Markdown writes them (the titles of journals in SOURCES.md) in <em>. */
static void markdown_html(FILE *f, const char *text)
{
    int em = 0;
    for (const char *p = text; *p;) {
        const char *star = strchr(p, '*');
        size_t n = star ? (size_t)(star - p) : strlen(p);
        char *part = strndup(p, n);
        if (part)
            pl_html_text(f, part);
        free(part);
        if (!star)
            break;
        fputs(em ? "</em>" : "<em>", f);
        em = !em;
        p = star + 1;
    }
    if (em)
        fputs("</em>", f);
}

/* The references cited by the scenario, with their full text. */
static void sources_html(FILE *f, const view *v)
{
    fputs("<section class=\"sources\" id=\"sources\">\n<h2>", f);
    pl_html_text(f, pl_text_tr(v->lang, "Annexe : sources citées par le scénario",
                               "Annex: sources cited by the scenario"));
    fputs("</h2>\n", f);
    if (!v->sources) {
        fputs("<p>", f);
        pl_html_text(f,
                     pl_text_tr(v->lang,
                                "Aucun document des sources (SOURCES.md) à côté du scénario : les "
                                "références sont citées sans leur texte. Placez un fichier "
                                "SOURCES.md dans le répertoire du scénario pour les décrire.",
                                "No sources document (SOURCES.md) beside the scenario: the "
                                "references are cited without their text. Put a SOURCES.md file in "
                                "the scenario's directory to describe them."));
        fputs("</p>\n", f);
    }
    if (v->a.ncited == 0) {
        fprintf(f, "<p>%s</p>\n",
                pl_text_tr(v->lang, "Les commentaires du scénario ne citent aucune référence.",
                           "The scenario's comments cite no reference."));
    } else {
        fputs("<ul class=\"sources\">\n", f);
        for (int i = 0; i < v->a.ncited; i++) {
            const ea_sources_ref *ref = ea_sources_find(v->sources, v->a.cited[i]);
            fprintf(f, "<li id=\"source-S%d\"><strong>[S%d]", v->a.cited[i], v->a.cited[i]);
            if (ref) {
                fputc(' ', f);
                pl_html_text(f, ref->title);
                fputs("</strong> — ", f);
                markdown_html(f, ref->source);
                fputs(pl_text_tr(v->lang, ". <em>Ce qu'on y prend :</em> ",
                                 ". <em>What is taken from it:</em> "),
                      f);
                markdown_html(f, ref->used);
                fputs(".", f);
            } else {
                fputs("</strong> — ", f);
                pl_html_text(f, v->sources ? pl_text_tr(v->lang, "référence absente de SOURCES.md.",
                                                        "reference missing from SOURCES.md.")
                                           : pl_text_tr(v->lang, "texte non disponible.",
                                                        "text not available."));
            }
            fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
    }
    fputs("</section>\n", f);
}

static void run_ini_html(FILE *f, const char *run_ini, pl_text_lang lang)
{
    fputs("<section class=\"run-ini\" id=\"run-ini\">\n<h2>", f);
    pl_html_text(f, lang == PL_EN ? "Annex: the simulated scenario (run.ini)"
                                  : "Annexe : le scénario simulé (run.ini)");
    fputs("</h2>\n<p>", f);
    pl_html_text(f, lang == PL_EN
                 ? "Every value of the scenario as the simulation used it, defaults included, in "
                   "the file "
                 : "Toutes les valeurs du scénario telles que la simulation les a utilisées, "
                   "valeurs par défaut comprises, dans le fichier ");
    fputs("<a href=\"run.ini\">run.ini</a>.</p>\n<details>\n<summary>", f);
    pl_html_text(f, lang == PL_EN ? "Show run.ini" : "Afficher run.ini");
    fputs("</summary>\n<pre>", f);
    pl_html_text(f, run_ini);
    fputs("</pre>\n</details>\n</section>\n", f);
}

int pl_report_assumptions_write_annexes(FILE *f, const ea_scenario *sc, const char *run_ini,
                                        pl_text_lang lang, eng_error *err)
{
    if (sc) {
        view v;
        int status = pl_assumptions_load(sc, lang, &v, err);
        if (status != ENG_OK)
            return status;
        sources_html(f, &v);
        pl_assumptions_clear(&v);
    }
    if (run_ini)
        run_ini_html(f, run_ini, lang);
    return ENG_OK;
}

static void toc_item(FILE *f, const char *id, const char *text)
{
    fprintf(f, "<li><a href=\"#%s\">", id);
    pl_html_text(f, text);
    fputs("</a></li>\n", f);
}

void pl_report_assumptions_toc(FILE *f, const ea_scenario *sc, const char *run_ini, int annexes,
                               pl_text_lang lang)
{
    int en = lang == PL_EN;
    if (!annexes && sc)
        toc_item(f, "hypotheses", en ? "Assumptions of the scenario" : "Hypothèses du scénario");
    if (annexes && sc)
        toc_item(f, "sources", en ? "Annex: sources cited by the scenario"
                                  : "Annexe : sources citées par le scénario");
    if (annexes && run_ini)
        toc_item(f, "run-ini", en ? "Annex: the simulated scenario (run.ini)"
                                  : "Annexe : le scénario simulé (run.ini)");
}
