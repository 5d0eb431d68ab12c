/* pl_workbook.c — tableaux.xlsx: the key figures of the year, the file active, waiting list,
 * entries and exits by department wide (years, then months) with their bands, the budget and staff
 * by department and year, and the sheets of the other analyses (pl_workbook_tables). */
#include "pl_workbook.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../engine/eng_mpi.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_path.h"
#include "../models/ea_indicators.h"
#include "pl_data.h"
#include "pl_report_keys.h"
#include "pl_report_tables.h"
#include "pl_workbook_pages.h"
#include "pl_workbook_tables.h"
#include "pl_xlsx.h"

/* What the sheets of the simulation's tables read and where they write. */
typedef struct book {
    pl_xlsx *x;
    const pl_data *d;
    pl_text_lang lang;
    const ea_scenario *sc;   /* for the sheet Hypothèses, or NULL */
    const ea_scenarios *scenarios; /* for the sheet Différences, or NULL */
    eng_date until;          /* for the sheet Validation; year 0: none */
    const char *region;
    int year;                /* of the key figures */
    char reps[160];          /* "moyennes simulées sur N réplications" */
} book;

/* The key figures of the year, in order; those annual.csv lacks are left out. */
static const char *const key_indicators[] = {
    "persons_accompanied", "file_active", "places", "occupancy", "waiting", "mean_wait_days",
    "entries", "admissions", "exits", "exits_emploi_durable", "staff_fte_funded",
    "staff_fte_needed", "persons_per_fte", "funding_eur", "staff_cost_needed_eur", "spend_eur",
    "balance_eur", "cost_per_person_eur", "cost_per_exit_emploi_eur",
};

/* The columns of the sheet "Budget et personnel": one list drives them. A name the indicator table
 * does not know (or annual.csv lacks) is left out, so that the sheet follows the table. */
static const char *const budget_indicators[] = {
    "places", "funding_eur", "staff_fte_funded", "staff_fte_needed", "persons_per_fte",
    "cost_per_person_eur", "cost_per_exit_emploi_eur", "staff_cost_needed_eur", "spend_eur",
    "balance_eur",
};

/* The staff cost the budget chart sets beside the funding: the first of these the sheet has. */
static const char *const staff_cost_indicators[] = { "staff_cost_needed_eur", "spend_eur" };

/* The indicators shown wide, one sheet each (and one of their bands). */
typedef struct wide_sheet {
    const char *indicator;
    const char *name, *band_name;    /* sheet names, French (ENG_MSG_N) */
} wide_sheet;

static const wide_sheet wide_sheets[] = {
    { "file_active", ENG_MSG_N("File active"), ENG_MSG_N("File active p05-p95") },
    { "waiting", ENG_MSG_N("Liste d'attente"), ENG_MSG_N("Liste d'attente p05-p95") },
    { "entries", ENG_MSG_N("Entrées"), ENG_MSG_N("Entrées p05-p95") },
    { "exits", ENG_MSG_N("Sorties"), ENG_MSG_N("Sorties p05-p95") },
};
#define NWIDE (sizeof wide_sheets / sizeof wide_sheets[0])

static int annual_has(const pl_data *d, const char *indicator)
{
    for (int i = 0; d->annual && i < d->annual->nindicators; i++)
        if (strcmp(d->annual->indicators[i], indicator) == 0)
            return 1;
    return 0;
}

/* The code and name cells of a scope: the region has no code and is named as the whole. */
static void scope_cells(const book *b, pl_xlsx_sheet *s, int row, const char *scope)
{
    if (strcmp(scope, b->region) == 0) {
        pl_xlsx_text(s, row, 1, pl_workbook_tables_whole(b->d, b->scenarios));
        return;
    }
    pl_xlsx_text(s, row, 0, scope);
    pl_xlsx_text(s, row, 1, pl_data_name(b->d, scope));
}

static void scope_headings(pl_xlsx_sheet *s, int row)
{
    pl_xlsx_heading(s, row, 0, eng_msg_tr("Code"));
    pl_xlsx_heading(s, row, 1, eng_msg_tr("Département"));
}

/* ---- Synthèse -------------------------------------------------------------------------------- */

static void synthesis_sheet(const book *b, const eng_csv *compare)
{
    char title[512], label[160];
    const char *name = b->d->scenario_name ? b->d->scenario_name : "";
    char whole[EA_MAX_TEXT + 40];
    pl_data_whole(b->d, b->lang == PL_EN, whole, sizeof whole);
    snprintf(title, sizeof title, eng_msg_tr("Synthèse %d — %s : chiffres clés de l'année pour "
                                             "%s, %s, avec la bande de 90 %% (p05 à p95)"),
             b->year, name, whole, b->reps);
    pl_xlsx_sheet *s = pl_xlsx_sheet_add(b->x, eng_msg_tr("Synthèse"), title);
    if (!s)
        return;
    pl_xlsx_note(s, 1, eng_msg_tr("Observé : la valeur de l'année dans compare.csv (fin décembre "
                                     "pour un effectif), quand les données observées la donnent."));
    static const char *const headings[] = { ENG_MSG_N("Indicateur"), ENG_MSG_N("Moyenne simulée"),
                                            ENG_MSG_N("p05"), ENG_MSG_N("p95"),
                                            ENG_MSG_N("Observé") };
    for (int c = 0; c < 5; c++)
        pl_xlsx_heading(s, 3, c, eng_msg_tr(headings[c]));
    pl_xlsx_freeze(s, 4, 1);
    int row = 4;
    for (size_t i = 0; i < sizeof key_indicators / sizeof *key_indicators; i++) {
        const char *ind = key_indicators[i];
        const pl_data_series *se = pl_data_summary_find(b->d->annual, b->region, ind);
        double mean = pl_data_series_at(se, b->year, PL_MEAN);
        if (!ea_indicators_lookup(ind, NULL) || !isfinite(mean))
            continue;
        const ea_indicators_row *def = ea_indicators_lookup(ind, NULL);
        pl_xlsx_format f = pl_xlsx_indicator_format(ind);
        pl_xlsx_text(s, row, 0, pl_workbook_tables_label(label, sizeof label, ind, b->lang));
        pl_xlsx_number(s, row, 1, mean, f);
        pl_xlsx_number(s, row, 2, pl_data_series_at(se, b->year, PL_P05), f);
        pl_xlsx_number(s, row, 3, pl_data_series_at(se, b->year, PL_P95), f);
        pl_xlsx_number(s, row, 4, pl_workbook_tables_observed(compare, b->region, ind, b->year,
                                                              def->stock), f);
        row++;
    }
}

/* ---- File active, waiting list, entries, exits: wide -------------------------------------- */

/* Writes the headings of a wide sheet in `row` from column `col`: the years, then the months;
 * returns the column of the first month. */
static int period_headings(const book *b, pl_xlsx_sheet *s, int row, int col,
                           const pl_data_series *years, const pl_data_series *months)
{
    char text[64];
    for (int i = 0; years && i < years->n; i++) {
        /* A year the run covers in part says so: its counts are not a whole year's. */
        int y = years->period[i], n = pl_report_tables_months(b->d, b->region, y);
        if (n < 12)
            snprintf(text, sizeof text, b->lang == PL_EN ? "%d (%d months)" : "%d (%d mois)", y, n);
        else
            snprintf(text, sizeof text, "%d", y);
        pl_xlsx_heading(s, row, col++, text);
    }
    int first_month = col;
    for (int i = 0; months && i < months->n; i++) {
        int p = months->period[i];
        snprintf(text, sizeof text, "%s %d", pl_text_month_name(p % 12 + 1, 1, b->lang), p / 12);
        pl_xlsx_heading(s, row, col++, text);
    }
    return first_month;
}

/* The values of one scope's row: a statistic by year, then by month, at the periods of the
 * region's series (every scope has the same). */
static void period_values(const book *b, pl_xlsx_sheet *s, int row, int col, const char *scope,
                          const char *indicator, int stat, const pl_data_series *years,
                          const pl_data_series *months)
{
    pl_xlsx_format f = pl_xlsx_indicator_format(indicator);
    const pl_data_series *y = pl_data_summary_find(b->d->annual, scope, indicator);
    const pl_data_series *m = pl_data_summary_find(b->d->monthly, scope, indicator);
    for (int i = 0; years && i < years->n; i++)
        pl_xlsx_number(s, row, col++, pl_data_series_at(y, years->period[i], stat), f);
    for (int i = 0; months && i < months->n; i++)
        pl_xlsx_number(s, row, col++, pl_data_series_at(m, months->period[i], stat), f);
}

/* The scopes of the tables, the region first. */
static const pl_data_summary *scopes_of(const pl_data *d)
{
    return d->annual ? d->annual : d->monthly;
}

/* One wide sheet of an indicator: its means, or (band) its p05 and p95 on two rows per scope. */
static pl_xlsx_sheet *wide_sheet_write(const book *b, const wide_sheet *w, int band)
{
    const pl_data_series *years = pl_data_summary_find(b->d->annual, b->region, w->indicator);
    const pl_data_series *months = pl_data_summary_find(b->d->monthly, b->region, w->indicator);
    if (!years && !months)
        return NULL;
    const ea_indicators_row *def = ea_indicators_lookup(w->indicator, NULL);
    char title[512], label[160];
    pl_text_indicator_label(label, sizeof label, w->indicator, b->lang);
    snprintf(title, sizeof title,
             band ? eng_msg_tr("%s par département, par année puis par mois : bande de 90 %% "
                               "(p05 et p95) des réplications ; %s")
                  : eng_msg_tr("%s par département, par année puis par mois : %s"),
             pl_workbook_tables_label(label, sizeof label, w->indicator, b->lang), b->reps);
    pl_xlsx_sheet *s = pl_xlsx_sheet_add(b->x, eng_msg_tr(band ? w->band_name : w->name), title);
    if (!s)
        return NULL;
    pl_xlsx_note(s, 1, eng_msg_tr(def && def->stock
                                         ? ENG_MSG_N("Effectif en fin d'année, puis en fin de mois.")
                                         : ENG_MSG_N("Nombre dans l'année, puis dans le mois.")));
    scope_headings(s, 3);
    int col = 2 + band;
    if (band)
        pl_xlsx_heading(s, 3, 2, eng_msg_tr("Borne"));
    period_headings(b, s, 3, col, years, months);
    pl_xlsx_freeze(s, 4, col);
    const pl_data_summary *sum = scopes_of(b->d);
    int row = 4;
    for (int i = 0; i < sum->nscopes; i++) {
        for (int k = 0; k <= band; k++, row++) {
            scope_cells(b, s, row, sum->scopes[i]);
            if (band)
                pl_xlsx_text(s, row, 2, k ? "p95" : "p05");
            period_values(b, s, row, col, sum->scopes[i], w->indicator,
                          band ? (k ? PL_P95 : PL_P05) : PL_MEAN, years, months);
        }
    }
    return s;
}

/* The region's file active by month, with its band, under the table of its sheet. */
static void file_active_chart(const book *b, pl_xlsx_sheet *s, const pl_xlsx_sheet *band)
{
    const pl_data_series *years = pl_data_summary_find(b->d->annual, b->region, "file_active");
    const pl_data_series *months = pl_data_summary_find(b->d->monthly, b->region, "file_active");
    if (!months || months->n == 0 || !band)
        return;
    int c0 = 2 + (years ? years->n : 0), c1 = c0 + months->n - 1;
    const char *names[] = { eng_msg_tr("Moyenne"), "p05", "p95" };
    /* The region is the first row of each table: its mean in row 4 of s, its p05 and p95 in rows 4
     * and 5 of the band's sheet, whose months start one column further right. */
    pl_xlsx_range values[] = { { NULL, 4, c0, 4, c1 }, { band, 4, c0 + 1, 4, c1 + 1 },
                               { band, 5, c0 + 1, 5, c1 + 1 } };
    char title[EA_MAX_TEXT + 96], whole[EA_MAX_TEXT + 40];
    snprintf(title, sizeof title, eng_msg_tr("File active de %s par mois"),
             pl_data_whole(b->d, b->lang == PL_EN, whole, sizeof whole));
    pl_xlsx_chart(s, 0, title,
                  (pl_xlsx_range){ NULL, 3, c0, 3, c1 }, names, values, 3,
                  6 + scopes_of(b->d)->nscopes, 1);
}

/* ---- Budget et personnel -------------------------------------------------------------------- */

/* The budget chart: the region's funding and staff cost by year, from the sheet's rows. */
static void budget_chart(const book *b, pl_xlsx_sheet *s, const char *const *cols, int ncols,
                         int nyears, int below)
{
    int funding = -1, staff = -1;
    for (int c = 0; c < ncols; c++) {
        if (strcmp(cols[c], "funding_eur") == 0)
            funding = c;
        for (size_t k = 0; k < sizeof staff_cost_indicators / sizeof *staff_cost_indicators; k++)
            if (staff < 0 && strcmp(cols[c], staff_cost_indicators[k]) == 0)
                staff = c;
    }
    if (funding < 0 || staff < 0 || nyears == 0)
        return;
    char a[160], c[160];
    const char *names[] = { pl_workbook_tables_label(a, sizeof a, cols[funding], b->lang),
                            pl_workbook_tables_label(c, sizeof c, cols[staff], b->lang) };
    int r1 = 4 + nyears - 1;
    pl_xlsx_range values[] = { { NULL, 4, 3 + funding, r1, 3 + funding },
                               { NULL, 4, 3 + staff, r1, 3 + staff } };
    char title[EA_MAX_TEXT + 96], whole[EA_MAX_TEXT + 40];
    snprintf(title, sizeof title, eng_msg_tr("Financement et coût du personnel de %s par année"),
             pl_data_whole(b->d, b->lang == PL_EN, whole, sizeof whole));
    pl_xlsx_chart(s, 1, title,
                  (pl_xlsx_range){ NULL, 4, 2, r1, 2 }, names, values, 2, below, 1);
}

static void budget_sheet(const book *b)
{
    const char *cols[sizeof budget_indicators / sizeof *budget_indicators];
    int ncols = 0;
    for (size_t i = 0; i < sizeof budget_indicators / sizeof *budget_indicators; i++)
        if (ea_indicators_lookup(budget_indicators[i], NULL) && annual_has(b->d, budget_indicators[i]))
            cols[ncols++] = budget_indicators[i];
    const pl_data_series *years = pl_report_tables_years(b->d, b->region);
    if (ncols == 0 || !years)
        return;
    char title[512], label[160];
    snprintf(title, sizeof title, eng_msg_tr("Budget et personnel par département et par année : "
                                             "%s"), b->reps);
    pl_xlsx_sheet *s = pl_xlsx_sheet_add(b->x, eng_msg_tr("Budget et personnel"), title);
    if (!s)
        return;
    char note[1024];   /* what the staff columns count, as under the page's staff table */
    pl_xlsx_note(s, 1, pl_report_tables_staff_note(note, sizeof note, b->d, b->lang));
    scope_headings(s, 3);
    pl_xlsx_heading(s, 3, 2, eng_msg_tr("Année"));
    for (int c = 0; c < ncols; c++)
        pl_xlsx_heading(s, 3, 3 + c, pl_workbook_tables_label(label, sizeof label, cols[c], b->lang));
    pl_xlsx_freeze(s, 4, 3);
    const pl_data_summary *sum = b->d->annual;
    int row = 4;
    for (int i = 0; i < sum->nscopes; i++)
        for (int k = 0; k < years->n; k++, row++) {
            scope_cells(b, s, row, sum->scopes[i]);
            pl_xlsx_number(s, row, 2, years->period[k], PL_XLSX_YEAR);
            for (int c = 0; c < ncols; c++)
                pl_xlsx_number(s, row, 3 + c,
                               pl_data_series_at(pl_data_summary_find(sum, sum->scopes[i], cols[c]),
                                                 years->period[k], PL_MEAN),
                               pl_xlsx_indicator_format(cols[c]));
        }
    budget_chart(b, s, cols, ncols, years->n, row + 2);
}

/* ---- The workbook ---------------------------------------------------------------------------- */

/* The year of the key figures: the report's (pl_report_keys_year), so that the workbook of a
 * report speaks of the year its page does. */
static int choose_year(book *b, int wanted, eng_error *err)
{
    pl_report_keys_why why;
    return pl_report_keys_year(b->d, b->region, wanted, &b->year, &why, err);
}

/* The sheets: a comparison's differences first (its workbook has no simulation tables), those of
 * the simulation's tables, those of the other analyses, and the held-out observations last. */
static int write_sheets(book *b, int wanted_year, eng_error *err)
{
    int status = b->scenarios ? pl_workbook_pages_differences(b->x, b->scenarios, wanted_year,
                                                              b->lang, b->reps, err)
                              : ENG_OK;
    eng_csv *compare = NULL;
    if (status == ENG_OK && b->region && b->d->annual
        && (status = choose_year(b, wanted_year, err)) == ENG_OK
        && (status = pl_workbook_tables_open(b->d, EA_TABLE_COMPARE, &compare, err)) == ENG_OK)
        synthesis_sheet(b, compare);
    eng_csv_free(compare);
    if (status == ENG_OK && b->region) {
        pl_xlsx_sheet *means[NWIDE], *bands[NWIDE];
        for (size_t i = 0; i < NWIDE; i++)
            means[i] = wide_sheet_write(b, &wide_sheets[i], 0);
        for (size_t i = 0; i < NWIDE; i++)
            bands[i] = wide_sheet_write(b, &wide_sheets[i], 1);
        if (means[0])
            file_active_chart(b, means[0], bands[0]);
        if (b->d->annual)
            budget_sheet(b);
    }
    if (status == ENG_OK)
        status = pl_workbook_tables_write(b->x, b->d, b->sc, b->scenarios, b->lang, b->reps,
                                          err);
    if (status == ENG_OK)
        pl_workbook_pages_validation(b->x, b->d, b->until, b->lang, b->reps);
    return status;
}

/* "moyennes simulées sur N réplications": N as the caller gives it, else from run.ini. */
static void replications_note(book *b, int given)
{
    double n = given > 0 ? given : b->d->replications;
    if (isfinite(n))
        snprintf(b->reps, sizeof b->reps, eng_msg_tr("moyennes simulées sur %d réplications"),
                 (int)n);
    else
        snprintf(b->reps, sizeof b->reps, "%s", eng_msg_tr("moyennes simulées sur les réplications"));
}

int pl_workbook_write(eng_out *out, const char *dir, const pl_workbook_options *opt,
                      eng_error *err)
{
    const pl_workbook_options defaults = { .lang = PL_FR };
    if (!opt)
        opt = &defaults;
    if (!eng_out_open(out, PL_WORKBOOK_FILE, err))
        return ENG_EFAIL;
    pl_data *d = NULL;
    int status = pl_data_read(dir, &d, err);
    if (status != ENG_OK)
        return status;
    book b = { .d = d, .lang = opt->lang, .sc = opt->scenario, .scenarios = opt->scenarios,
               .until = opt->until, .region = pl_data_region(d) };
    replications_note(&b, opt->replications);
    if ((status = pl_xlsx_open(eng_out_tmp_path(out, PL_WORKBOOK_FILE), opt->lang, &b.x, err))
        == ENG_OK) {
        status = write_sheets(&b, opt->year, err);
        int closed = pl_xlsx_close(b.x, status == ENG_OK ? err : NULL);
        if (status == ENG_OK)
            status = closed;
    }
    pl_data_free(d);
    return status;
}

/* ---- From the set's own files ---------------------------------------------------------------- */

/* Puts the file at `from` at `to`: a hard link, or a copy where the file system has none. */
static int link_or_copy(const char *from, const char *to, eng_error *err)
{
    if (link(from, to) == 0)
        return ENG_OK;
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[65536];
    size_t got;
    int ok = out != NULL;
    while (ok && (got = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, got, out) == got;
    ok = ok && !ferror(in);
    if (out && fclose(out) != 0)
        ok = 0;
    if (in)
        fclose(in);
    return ok ? ENG_OK : eng_error_set(err, ENG_EFAIL, "%s : copie impossible pour le classeur : "
                                       "%s ; vérifiez l'espace disque", from, eng_msg_errno(errno));
}

int pl_workbook_add(eng_out *out, const pl_workbook_options *opt, eng_error *err)
{
    /* In an MPI job the ranks other than 0 write into a private directory that is thrown away
     * (cli/cli_mpi.h), after the simulations they share: their workbook would be work for nothing. */
    if (eng_mpi_rank() > 0)
        return ENG_OK;
    /* The set's tables may still sit in its streams' buffers: fflush(NULL) writes every stream. */
    fflush(NULL);
    char *scratch = eng_out_scratch(eng_out_dir(out), "workbook", err);
    if (!scratch)
        return ENG_EFAIL;
    int status = ENG_OK;
    for (int i = 0; i < eng_out_count(out) && status == ENG_OK; i++) {
        const char *name = eng_out_name(out, i);
        if (strchr(name, '/') || strcmp(name, PL_WORKBOOK_FILE) == 0)
            continue;
        char *to = eng_path_join(scratch, name, err);
        status = to ? link_or_copy(eng_out_content(out, i), to, err) : ENG_EFAIL;
        free(to);
    }
    if (status == ENG_OK)
        status = pl_workbook_write(out, scratch, opt, err);
    eng_out_scratch_remove(scratch);
    return status;
}
