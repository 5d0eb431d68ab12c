/* pl_workbook_pages.c — The sheets « Différences » and « Validation » of tableaux.xlsx: the rows of
 * the comparison page's tables and of the report's held-out observations, read from the same
 * computations as the pages (ea_scenarios, pl_compare, pl_report_validation), as numbers. */
#include "pl_workbook_pages.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "pl_compare.h"
#include "pl_report_validation.h"
#include "pl_workbook_tables.h"

/* ---- Différences ----------------------------------------------------------------------------- */

/* The headings: the scenario, the code and the area, then for each indicator its difference and
 * the two ends of its interval. */
static void differences_headings(pl_xlsx_sheet *sh, int whole_year, pl_text_lang lang)
{
    char head[256], text[320];
    pl_xlsx_heading(sh, 3, 0, eng_msg_tr("Scénario comparé"));
    pl_xlsx_heading(sh, 3, 1, eng_msg_tr("Code"));
    pl_xlsx_heading(sh, 3, 2, eng_msg_tr("Territoire"));
    for (int c = 0, col = 3; c < pl_compare_ntable_indicators; c++) {
        pl_compare_column_head(head, sizeof head, pl_compare_table_indicators[c], whole_year, lang);
        pl_xlsx_heading(sh, 3, col++, head);
        snprintf(text, sizeof text, eng_msg_tr("%s : borne basse à 95 %%"), head);
        pl_xlsx_heading(sh, 3, col++, text);
        snprintf(text, sizeof text, eng_msg_tr("%s : borne haute à 95 %%"), head);
        pl_xlsx_heading(sh, 3, col++, text);
    }
    pl_xlsx_freeze(sh, 4, 3);
}

/* One row: scope's differences of scenario k in the key year; a row the tables lack stays empty. */
static void differences_row(pl_xlsx_sheet *sh, int row, const ea_scenarios *s, int year, int scope,
                            int k, pl_text_lang lang)
{
    char where[256], who[1024];
    /* A scenario that pairs nothing with the reference says so beside its name on every row. */
    const char *unpaired = ea_scenarios_unpaired(s, k);
    if (unpaired)
        snprintf(who, sizeof who, eng_msg_tr("%s (écarts sans objet ; ce qui diffère : %s)"), s->titles[k],
                 eng_msg_tr(unpaired));
    pl_xlsx_text(sh, row, 0, unpaired ? who : s->titles[k]);
    pl_xlsx_text(sh, row, 1, pl_compare_is_region(s, scope) ? NULL : s->scopes[scope]);
    pl_xlsx_text(sh, row, 2, pl_compare_scope_label(s, scope, lang, where, sizeof where));
    for (int c = 0, col = 3; c < pl_compare_ntable_indicators; c++, col += 3) {
        const char *ind = pl_compare_table_indicators[c];
        int r = ea_scenarios_find(s, scope, year, ind);
        if (r < 0)
            continue;
        if (unpaired) {   /* no difference to show: the means are in Comparaison */
            pl_xlsx_text(sh, row, col, eng_msg_tr("sans objet"));
            continue;
        }
        const ea_scenarios_diff *d = &s->diff[r * s->n + k];
        pl_xlsx_format f = pl_xlsx_indicator_format(ind);
        pl_xlsx_number(sh, row, col, d->mean, f);
        pl_xlsx_number(sh, row, col + 1, d->low, f);
        pl_xlsx_number(sh, row, col + 2, d->high, f);
    }
}

int pl_workbook_pages_differences(pl_xlsx *x, const ea_scenarios *s, int year, pl_text_lang lang,
                                  const char *reps, eng_error *err)
{
    int key;
    ea_scenarios_year_why why;
    int status = ea_scenarios_key_year(s, year, &key, &why, err);
    if (status != ENG_OK || s->n < 2)
        return status;
    char title[1024];
    snprintf(title, sizeof title, eng_msg_tr("Différences en %s : chaque scénario moins la "
                                             "référence « %s », pour l'ensemble puis chaque "
                                             "département, avec l'intervalle à 95 %% des écarts "
                                             "appariés des réplications ; %s"),
             s->years[key], s->titles[0], reps);
    pl_xlsx_sheet *sh = pl_xlsx_sheet_add(x, eng_msg_tr("Différences"), title);
    if (!sh)
        return ENG_OK;
    pl_xlsx_note(sh, 1, eng_msg_tr("Les mêmes écarts que les tableaux « Différences » de la page "
                                   "index.html. Un écart dont les deux bornes sont égales est "
                                   "exact : le même dans toutes les réplications (places et "
                                   "financement sont fixés par le scénario). Stocks à la fin de "
                                   "l'année ; attente, ETP et financement sur l'année."));
    differences_headings(sh, why != EA_SCENARIOS_YEAR_LAST, lang);
    int row = 4;
    for (int k = 1; k < s->n; k++)
        for (int i = 0; i < s->nscopes; i++)
            differences_row(sh, row++, s, key, pl_compare_table_scope(s, i), k, lang);
    return ENG_OK;
}

/* ---- Validation ------------------------------------------------------------------------------ */

/* The columns of the sheet, in order (French, ENG_MSG_N). */
static const char *const validation_headings[] = {
    ENG_MSG_N("Code"), ENG_MSG_N("Département"), ENG_MSG_N("Période"), ENG_MSG_N("Indicateur"),
    ENG_MSG_N("Observé"), ENG_MSG_N("Simulé (moyenne)"), ENG_MSG_N("p05"), ENG_MSG_N("p95"),
    ENG_MSG_N("Dans la bande p05–p95"), ENG_MSG_N("Écart (observé − simulé)"),
    ENG_MSG_N("Écart relatif"),
};
#define NVALIDATION (int)(sizeof validation_headings / sizeof *validation_headings)

/* One held-out row of compare.csv. */
static void validation_row(pl_xlsx_sheet *sh, int row, const pl_data *d, const pl_data_compared *c,
                           pl_text_lang lang)
{
    char period[32], label[160];
    int region = eng_text_casecmp(c->scope, "region") == 0;
    pl_report_validation_period(c, period, sizeof period, lang);
    pl_xlsx_text(sh, row, 0, region ? NULL : c->scope);
    pl_xlsx_text(sh, row, 1, region ? pl_workbook_tables_whole(d, NULL) : pl_data_name(d, c->scope));
    pl_xlsx_text(sh, row, 2, period);
    pl_xlsx_text(sh, row, 3, pl_workbook_tables_label(label, sizeof label, c->indicator, lang));
    pl_xlsx_format f = pl_xlsx_indicator_format(c->indicator);
    pl_xlsx_number(sh, row, 4, c->observed, f);
    pl_xlsx_number(sh, row, 5, c->sim_mean, f);
    pl_xlsx_number(sh, row, 6, c->sim_p05, f);
    pl_xlsx_number(sh, row, 7, c->sim_p95, f);
    pl_xlsx_text(sh, row, 8, c->in_band ? eng_msg_tr("oui") : eng_msg_tr("non"));
    double gap = c->observed - c->sim_mean;
    pl_xlsx_number(sh, row, 9, gap, f);
    pl_xlsx_number(sh, row, 10, c->observed != 0 ? fabs(gap) / fabs(c->observed) : NAN,
                   PL_XLSX_SHARE);
}

void pl_workbook_pages_validation(pl_xlsx *x, const pl_data *d, eng_date until, pl_text_lang lang,
                                  const char *reps)
{
    if (until.year == 0)
        return;
    int n = 0;
    for (size_t i = 0; i < d->ncompared; i++)
        n += pl_report_validation_counted(d, &d->compared[i], &until, 1);
    if (n == 0)
        return;
    char title[1024], day[32];
    snprintf(title, sizeof title, eng_msg_tr("Validation hors échantillon : les observations après "
                                             "le %s, tenues à l'écart de la construction du "
                                             "scénario (report --until), face à la simulation ; "
                                             "simulé : %s"),
             pl_text_date(day, sizeof day, until, lang), reps);
    pl_xlsx_sheet *sh = pl_xlsx_sheet_add(x, eng_msg_tr("Validation"), title);
    if (!sh)
        return;
    pl_xlsx_note(sh, 1, eng_msg_tr("Les lignes du tableau de la section Validation du rapport. "
                                   "Écart relatif : |observé − simulé| / |observé|. Les places, "
                                   "égales par construction, ne sont pas comptées."));
    for (int c = 0; c < NVALIDATION; c++)
        pl_xlsx_heading(sh, 3, c, eng_msg_tr(validation_headings[c]));
    pl_xlsx_freeze(sh, 4, 4);
    int row = 4;
    for (size_t i = 0; i < d->ncompared; i++)
        if (pl_report_validation_counted(d, &d->compared[i], &until, 1))
            validation_row(sh, row++, d, &d->compared[i], lang);
}
