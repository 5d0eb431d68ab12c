/* ea_costs.c — Cost homogenisation check from a funding table. */
#include "ea_costs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_inputs.h"
#include "ea_tables.h"

void ea_costs_clear(ea_costs *c)
{
    if (!c)
        return;
    free(c->rows);
    free(c->disp);
    free(c->mismatches);
    memset(c, 0, sizeof *c);
}

double ea_costs_gini(const double *x, int n)
{
    if (n <= 0)
        return NAN;
    double sum = 0, pairs = 0;
    for (int i = 0; i < n; i++) {
        sum += x[i];
        for (int j = 0; j < n; j++)
            pairs += fabs(x[i] - x[j]);
    }
    return sum > 0 ? pairs / (2.0 * n * sum) : 0.0;
}

static double ratio(double a, double b)
{
    return b > 0 && !isnan(a) ? a / b : NAN;
}

/* Removes `suffix` (any case) from the end of s, then the blanks before it; 1 when it was there. */
static int strip_suffix(char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k || eng_text_casecmp(s + n - k, suffix) != 0)
        return 0;
    s[n - k] = '\0';
    eng_text_trim(s);
    return 1;
}

int ea_costs_tolerance_parse(const char *text, ea_costs_tolerance *t, eng_error *err)
{
    char b[64];
    if (snprintf(b, sizeof b, "%s", text) >= (int)sizeof b)
        return eng_error_set(err, ENG_EINPUT, "« %.40s... » est trop long ; attendu un montant en "
                             "euros (500) ou un pourcentage (10%%)", text);
    eng_text_trim(b);
    int percent = strip_suffix(b, "%");
    int euros = !percent && (strip_suffix(b, "\u20ac") || strip_suffix(b, "eur"));
    double v;
    if (eng_text_parse_double(b, &v) != 0 || v < 0)
        return eng_error_set(err, ENG_EINPUT, "« %s » : attendu un montant en euros (500) ou un "
                             "pourcentage de places × référence (10%%)", text);
    if (percent && v > 1000)
        return eng_error_set(err, ENG_EINPUT, "« %s » : attendu un pourcentage de 0 à 1000 %%",
                             text);
    if (!percent && v > EA_COSTS_MAX_EUR)
        return eng_error_set(err, ENG_EINPUT, "« %s » : attendu au plus 1e12 euros", text);
    /* A share such as 0.10 was the tolerance's earlier meaning: refused rather than read as 10
     * cents, which no funder means. */
    if (!percent && !euros && v > 0 && v < 1)
        return eng_error_set(err, ENG_EINPUT, "« %s » : une tolérance s'écrit en euros (500) ou en "
                             "pourcentage ; écrivez %g%% pour une part de %s", text, v * 100, b);
    t->eur = percent ? 0 : v;
    t->share = percent ? v / 100 : 0;
    return ENG_OK;
}

/* Whether funding is outside the tolerance of reference_funding, everything counted in cents:
 * money is, so that a gap exactly at the tolerance is inside on either side, whatever the binary
 * rounding of the products. round() works on doubles, so no value overflows an integer type. */
static int outside_tolerance(double funding, double reference_funding, ea_costs_tolerance tol)
{
    if (isnan(funding) || isnan(reference_funding))
        return 0;
    double gap = fabs(round(reference_funding * 100) - round(funding * 100));
    return gap > round((tol.eur + tol.share * reference_funding) * 100);
}

static void derive(ea_costs_row *r, double reference, ea_costs_tolerance tolerance)
{
    r->cost_per_place = ratio(r->funding_eur, r->places);
    r->deviation = r->cost_per_place / reference - 1;
    r->reference_funding = r->places * reference;
    r->difference = r->funding_eur - r->reference_funding;
    r->cost_per_file_active = ratio(r->funding_eur, r->file_active);
    r->cost_per_accompanied = ratio(r->funding_eur, r->persons_accompanied);
    r->delegated_share = ratio(r->delegated_eur, r->funding_eur);
    r->adjustment = (round(r->reference_funding * 100) - round(r->funding_eur * 100)) / 100;
    r->outside = outside_tolerance(r->funding_eur, r->reference_funding, tolerance);
    r->tolerance_eur = round((tolerance.eur + tolerance.share * r->reference_funding) * 100) / 100;
}

ea_costs_verdict_kind ea_costs_verdict(const ea_costs_row *r)
{
    if (r->outside)
        return EA_COSTS_TO_ADJUST;
    /* Inside a tolerance the user gave: not at the reference, and said so. */
    return !r->region && fabs(r->adjustment) >= 0.005 ? EA_COSTS_TOLERATED : EA_COSTS_CONFORME;
}

const char *ea_costs_verdict_word(ea_costs_verdict_kind v)
{
    static const char *const words[] = { ENG_MSG_N("conforme"), ENG_MSG_N("dans la tolérance"),
                                         ENG_MSG_N("à ajuster") };
    return words[v];
}

/* Checks that a number read from a cell lies in [0, max]; `what` names it in the message. */
static int in_domain(const eng_csv *t, size_t row, int col, double v, double max, const char *what,
                     eng_error *err)
{
    if (v < 0)
        return eng_csv_cell_error(t, row, col, err, "%s est négatif ; attendu %s >= 0",
                                 eng_csv_get_text(t, row, col), eng_msg_tr(what));
    if (v > max) {
        char bound[64];
        eng_text_format_number(bound, sizeof bound, max, 0);
        return eng_csv_cell_error(t, row, col, err, "%s est trop grand ; attendu %s d'au plus %s",
                                 eng_csv_get_text(t, row, col), eng_msg_tr(what), bound);
    }
    return ENG_OK;
}

/* The unit of a column of the funding table, as ea_tables declares it. */
static eng_text_unit unit_of(int col)
{
    return ea_inputs_column(EA_INPUTS_FUNDING, col)->unit;
}

/* Reads an optional number in [0, max] (NaN when the column is absent or the cell empty); decl is
 * the column's declaration in ea_tables. */
static int optional(const eng_csv *t, size_t row, int col, int decl, double max, const char *what,
                    double *v, eng_error *err)
{
    *v = NAN;
    if (col < 0)
        return ENG_OK;
    int missing;
    int status = eng_csv_get_number_fr(t, row, col, unit_of(decl), v, &missing, err);
    if (status == ENG_OK && !missing)
        status = in_domain(t, row, col, *v, max, what, err);
    return status;
}

/* A department code as the scenario files write them (ea_scenario_valid_code), never "region",
 * which names the regional total. */
static int valid_department(const char *code)
{
    return ea_scenario_valid_code(code, strlen(code)) && eng_text_casecmp(code, "region") != 0;
}

/* x is scratch room for n values. */
static void dispersion(const ea_costs_row *rows, int n, int year, double reference, int stage,
                       double *x, ea_costs_dispersion *d)
{
    double funding = 0, places = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (rows[i].region || rows[i].year != year || !(rows[i].places > 0))
            continue;
        x[k++] = stage ? reference : rows[i].cost_per_place;
        funding += stage ? rows[i].reference_funding : rows[i].funding_eur;
        places += rows[i].places;
    }
    memset(d, 0, sizeof *d);
    d->year = year;
    d->stage = stage;
    d->n = k;
    d->min = d->max = k ? x[0] : NAN;
    double sum = 0;
    for (int i = 0; i < k; i++) {
        d->min = fmin(d->min, x[i]);
        d->max = fmax(d->max, x[i]);
        sum += x[i];
    }
    d->mean = k ? sum / k : NAN;
    double ss = 0;
    for (int i = 0; i < k; i++)
        ss += (x[i] - d->mean) * (x[i] - d->mean);
    d->cv = k && d->mean > 0 ? sqrt(ss / k) / d->mean : NAN;
    d->gini = ea_costs_gini(x, k);
    d->regional = ratio(funding, places);
}

/* The columns of the funding table; -1 for an optional one that is absent. */
typedef struct columns {
    int dep, name, fund, places, fa, pa, del, year;
} columns;

/* Reads a year cell: a whole number from 1900 to 2200, checked before any conversion to int. */
static int read_year(const eng_csv *t, size_t i, int col, int *year, eng_error *err)
{
    double y;
    int status = eng_csv_get_number_fr(t, i, col, unit_of(EA_COL_FUNDING_YEAR), &y, NULL, err);
    if (status != ENG_OK)
        return status;
    if (!(y >= 1900 && y <= 2200) || y != floor(y))
        return eng_csv_cell_error(t, i, col, err, "%s ; attendu une année comme 2022",
                                 eng_csv_get_text(t, i, col));
    *year = (int)y;
    return ENG_OK;
}

/* Reads and checks the funding, places and year of data row i into r: what a department row and
 * a total row both have. */
static int read_figures(const eng_csv *t, size_t i, const columns *c, ea_costs_row *r,
                        eng_error *err)
{
    int status = eng_csv_get_number_fr(t, i, c->fund, unit_of(EA_COL_FUNDING_FUNDING_EUR),
                                       &r->funding_eur, NULL, err);
    if (status == ENG_OK)
        status = in_domain(t, i, c->fund, r->funding_eur, EA_COSTS_MAX_EUR, ENG_MSG_N("un montant"), err);
    if (status == ENG_OK)
        status = eng_csv_get_number_fr(t, i, c->places, unit_of(EA_COL_FUNDING_PLACES),
                                       &r->places, NULL, err);
    if (status == ENG_OK && !(r->places > 0))
        status = eng_csv_cell_error(t, i, c->places, err, "%s ; attendu un nombre de places > 0",
                                   eng_csv_get_text(t, i, c->places));
    if (status == ENG_OK)
        status = in_domain(t, i, c->places, r->places, EA_COSTS_MAX_COUNT, ENG_MSG_N("un nombre de places"),
                           err);
    if (status == ENG_OK && c->year >= 0)
        status = read_year(t, i, c->year, &r->year, err);
    return status;
}

/* Reads and checks data row i into r (the derived fields are left to derive()). */
static int read_row(const eng_csv *t, size_t i, const columns *c, ea_costs_row *r, eng_error *err)
{
    const char *code = eng_csv_get_text(t, i, c->dep);
    if (!code[0])
        return eng_csv_cell_error(t, i, c->dep, err, "vide ; attendu un code de département");
    if (!valid_department(code))
        return eng_csv_cell_error(t, i, c->dep, err,
                                 "« %.80s » n'est pas un code de département valide ; attendu "
                                 "1 à %d lettres, chiffres, _ ou -, sans - au début, autre que region",
                                 code, EA_MAX_NAME - 1);
    /* A spreadsheet saves the code 09 as the number 9: a code of one digit is read with its 0. */
    snprintf(r->department, sizeof r->department, "%s%s",
             code[0] >= '0' && code[0] <= '9' && code[1] == '\0' ? "0" : "", code);
    snprintf(r->name, sizeof r->name, "%s", eng_csv_get_text(t, i, c->name));
    int status = read_figures(t, i, c, r, err);
    if (status == ENG_OK)
        status = optional(t, i, c->fa, EA_COL_FUNDING_FILE_ACTIVE, EA_COSTS_MAX_COUNT,
                          ENG_MSG_N("un nombre de personnes"), &r->file_active, err);
    if (status == ENG_OK)
        status = optional(t, i, c->pa, EA_COL_FUNDING_PERSONS_ACCOMPANIED, EA_COSTS_MAX_COUNT,
                          ENG_MSG_N("un nombre de personnes"), &r->persons_accompanied, err);
    if (status == ENG_OK)
        status = optional(t, i, c->del, EA_COL_FUNDING_DELEGATED_EUR, EA_COSTS_MAX_EUR,
                          ENG_MSG_N("un montant"), &r->delegated_eur, err);
    return status;
}

/* Whether a name, folded as headers are (eng_text_fold: case and accents aside, spaces as '_'),
 * begins with the word w ("Total", "TOTAL Occitanie", "Région"). */
static int starts_with_word(const char *s, const char *w)
{
    char folded[64];
    eng_text_fold(s, folded, sizeof folded);
    size_t len = strlen(w);
    return strncmp(folded, w, len) == 0 && (folded[len] == '\0' || folded[len] == '_');
}

/* Whether a row is the total an office file often ends with: its code, or for a code that is no
 * department's its name, beginning with Total, Région or Ensemble. */
static int is_total(const char *code, const char *name)
{
    static const char *const words[] = { "total", "region", "ensemble" };
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (starts_with_word(code, words[k])
            || (!valid_department(code) && starts_with_word(name, words[k])))
            return 1;
    return 0;
}

/* A total row is not a department: it is checked against the sum of its year's departments (to
 * half a place and half a euro) and left out when it agrees, refused when it does not. */
static int check_total(const eng_csv *t, size_t i, const columns *c, const ea_costs *out, int n,
                       eng_error *err)
{
    ea_costs_row tot;
    memset(&tot, 0, sizeof tot);
    int status = read_figures(t, i, c, &tot, err);
    if (status != ENG_OK)
        return status;
    double places = 0, funding = 0;
    for (int j = 0; j < n; j++)
        if (out->rows[j].year == tot.year) {
            places += out->rows[j].places;
            funding += out->rows[j].funding_eur;
        }
    if (fabs(places - tot.places) <= 0.5 && fabs(funding - tot.funding_eur) <= 0.5)
        return ENG_OK;
    char a[48], b[48], x[48], y[48];
    eng_text_format_number(a, sizeof a, tot.places, 0);
    eng_text_format_number(b, sizeof b, tot.funding_eur, 0);
    eng_text_format_number(x, sizeof x, places, 0);
    eng_text_format_number(y, sizeof y, funding, 0);
    return eng_csv_cell_error(t, i, c->dep, err, "« %.80s » est une ligne de total (%s places, %s €) "
                             "qui ne vaut pas la somme des départements au-dessus (%s places, %s €) ; "
                             "corrigez-la ou supprimez-la : eaflow calcule le total lui-même",
                             eng_csv_get_text(t, i, c->dep)[0] ? eng_csv_get_text(t, i, c->dep)
                                                                : eng_csv_get_text(t, i, c->name),
                             a, b, x, y);
}

/* Reads every department row of the table into out->rows[0..*kept-1], each with its derived
 * fields; the total rows are checked once the departments are read, and left out. */
static int read_rows(const eng_csv *t, const columns *c, size_t n, ea_costs *out, size_t *kept,
                     eng_error *err)
{
    int status = ENG_OK;
    size_t m = 0;
    for (size_t i = 0; i < n && status == ENG_OK; i++) {
        if (is_total(eng_csv_get_text(t, i, c->dep), eng_csv_get_text(t, i, c->name))) {
            out->totals++;
            continue;
        }
        ea_costs_row *r = &out->rows[m++];
        status = read_row(t, i, c, r, err);
        for (size_t j = 0; j + 1 < m && status == ENG_OK; j++)
            if (out->rows[j].year == r->year && strcmp(out->rows[j].department, r->department) == 0)
                status = eng_csv_cell_error(t, i, c->dep, err,
                                           "département %s donné deux fois%s (d'abord à la ligne "
                                           "%ld) ; gardez-en une ligne", r->department,
                                           c->year >= 0 ? eng_msg_tr(" pour la même année") : "",
                                           eng_csv_line(t, out->rows[j].line));
        r->line = i;
        derive(r, out->reference, out->tolerance);
    }
    if (status == ENG_OK && m == 0)
        status = eng_error_set(err, ENG_EINPUT, "%s : aucun département dans la table, seulement "
                               "des lignes de total ; ajoutez une ligne par département", out->source);
    for (size_t i = 0; i < n && status == ENG_OK; i++)
        if (is_total(eng_csv_get_text(t, i, c->dep), eng_csv_get_text(t, i, c->name)))
            status = check_total(t, i, c, out, (int)m, err);
    *kept = m;
    return status;
}

/* Groups the departments by year, earliest first and in file order within a year, each year
 * closed by its regional row, and computes each year's dispersion. A department taken is marked
 * by emptying its code. */
static int group_by_year(ea_costs *out, size_t n, eng_error *err)
{
    ea_costs_row *sorted = calloc(2 * n, sizeof *sorted);
    double *scratch = malloc(2 * n * sizeof *scratch);
    if (!sorted || !scratch) {
        free(sorted);
        free(scratch);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    int m = 0;
    size_t done = 0;
    while (done < n) {
        int year = 0, found = 0;
        for (size_t i = 0; i < n; i++)
            if (out->rows[i].department[0] && (!found || out->rows[i].year < year)) {
                year = out->rows[i].year;
                found = 1;
            }
        ea_costs_row total = { .year = year, .region = 1 };
        snprintf(total.department, sizeof total.department, "region");
        snprintf(total.name, sizeof total.name, "Total");
        int have_fa = 1, have_pa = 1, have_del = 1, outside = 0;
        for (size_t i = 0; i < n; i++) {
            ea_costs_row *r = &out->rows[i];
            if (!r->department[0] || r->year != year)
                continue;
            sorted[m++] = *r;
            total.funding_eur += r->funding_eur;
            total.places += r->places;
            have_fa &= !isnan(r->file_active);
            have_pa &= !isnan(r->persons_accompanied);
            have_del &= !isnan(r->delegated_eur);
            total.file_active += r->file_active;
            total.persons_accompanied += r->persons_accompanied;
            total.delegated_eur += r->delegated_eur;
            outside |= r->outside;
            r->department[0] = '\0';
            done++;
        }
        if (!have_fa)
            total.file_active = NAN;
        if (!have_pa)
            total.persons_accompanied = NAN;
        if (!have_del)
            total.delegated_eur = NAN;
        derive(&total, out->reference, out->tolerance);
        total.outside = outside;   /* the region is conforme when every department is */
        total.tolerance_eur = NAN;
        sorted[m++] = total;
        dispersion(sorted, m, year, out->reference, 0, scratch, &out->disp[out->ndisp++]);
        dispersion(sorted, m, year, out->reference, 1, scratch, &out->disp[out->ndisp++]);
    }
    free(scratch);
    free(out->rows);
    out->rows = sorted;
    out->nrows = m;
    return ENG_OK;
}

int ea_costs_compute(const char *path, double reference, ea_costs_tolerance tolerance,
                     ea_costs *out, eng_error *err)
{
    memset(out, 0, sizeof *out);
    out->reference = reference;
    out->tolerance = tolerance;
    snprintf(out->source, sizeof out->source, "%s", path);
    eng_csv *t = NULL;
    int status = eng_csv_read(path, &t, err);
    if (status != ENG_OK)
        return status;
    int cols[EA_COL_FUNDING_COUNT];
    if ((status = ea_inputs_columns(t, EA_INPUTS_FUNDING, cols, err)) != ENG_OK) {
        eng_csv_free(t);
        return status;
    }
    columns c = { cols[EA_COL_FUNDING_DEPARTMENT], cols[EA_COL_FUNDING_NAME],
                  cols[EA_COL_FUNDING_FUNDING_EUR], cols[EA_COL_FUNDING_PLACES],
                  cols[EA_COL_FUNDING_FILE_ACTIVE], cols[EA_COL_FUNDING_PERSONS_ACCOMPANIED],
                  cols[EA_COL_FUNDING_DELEGATED_EUR], cols[EA_COL_FUNDING_YEAR] };
    size_t n = eng_csv_nrows(t);
    if (n == 0)
        status = eng_error_set(err, ENG_EINPUT, "%s : aucun département dans la table ; ajoutez une ligne par département", path);
    else if (n > EA_COSTS_MAX_ROWS)
        status = eng_error_set(err, ENG_EINPUT, "%s : %zu lignes, plus que les %d qu'une table de "
                              "financement peut avoir (une ligne par département et par année)", path, n,
                              EA_COSTS_MAX_ROWS);
    if (status == ENG_OK) {
        /* Room for every department and one regional row per year (at most one per row). */
        out->rows = calloc(2 * n, sizeof *out->rows);
        out->disp = calloc(2 * n, sizeof *out->disp);
        if (!out->rows || !out->disp)
            status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    if (status == ENG_OK)
        status = read_rows(t, &c, n, out, &n, err);
    eng_csv_free(t);
    if (status == ENG_OK)
        status = group_by_year(out, n, err);
    if (status != ENG_OK)
        ea_costs_clear(out);
    return status;
}

/* The calendar months [*from, *to) of `year` that the checked scenario simulates (year 0: its
 * first twelve months); 0 when it simulates none of them. */
static int year_months(const ea_costs *c, int year, int *from, int *to)
{
    *from = year ? year * 12 : c->first_month;
    *to = *from + 12;
    if (*from < c->first_month)
        *from = c->first_month;
    if (*to > c->first_month + c->months)
        *to = c->first_month + c->months;
    return *to > *from;
}

/* The mean places of a department of the scenario over the months [from, to). */
static double mean_places(const ea_scenario_department *d, int from, int to)
{
    double sum = 0;
    for (int m = from; m < to; m++)
        sum += ea_scenario_schedule_at(&d->places_schedule, m, d->places);
    return sum / (to - from);
}

/* Places are compared to the hundredth: the scenario's mean over months may be 13.25. */
static int same_places(double a, double b)
{
    return round(a * 100) == round(b * 100);
}

static int add_mismatch(ea_costs *c, int *cap, const char *department, const char *name,
                        int year, double funding_places, double scenario_places, eng_error *err)
{
    if (eng_array_reserve_int(&c->mismatches, cap, c->nmismatches + 1, sizeof *c->mismatches, 16))
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    ea_costs_mismatch *m = &c->mismatches[c->nmismatches++];
    memset(m, 0, sizeof *m);
    snprintf(m->department, sizeof m->department, "%s", department);
    snprintf(m->name, sizeof m->name, "%s", name);
    m->year = year;
    m->funding_places = funding_places;
    m->scenario_places = scenario_places;
    return ENG_OK;
}

/* The row of department `code` among rows[first..last), or NULL. */
static const ea_costs_row *find_row(const ea_costs *c, int first, int last, const char *code)
{
    for (int i = first; i < last; i++)
        if (eng_text_casecmp(c->rows[i].department, code) == 0)
            return &c->rows[i];
    return NULL;
}

/* Checks the year whose departments are rows[first..last) and whose region row is rows[last]. */
static int check_year(ea_costs *c, const ea_scenario *sc, int first, int last, int *cap,
                      eng_error *err)
{
    const ea_costs_row *total = &c->rows[last];
    int from, to, status = ENG_OK;
    if (!year_months(c, total->year, &from, &to))
        return ENG_OK;
    if (sc->single_platform) {
        double p = mean_places(&sc->departments[0], from, to);
        return same_places(total->places, p) ? ENG_OK
               : add_mismatch(c, cap, total->department, total->name, total->year, total->places,
                              p, err);
    }
    for (int i = first; i < last && status == ENG_OK; i++) {
        const ea_costs_row *r = &c->rows[i];
        const ea_scenario_department *d = NULL;
        for (int k = 0; k < sc->ndepartments && !d; k++)
            if (eng_text_casecmp(sc->departments[k].code, r->department) == 0)
                d = &sc->departments[k];
        double p = d ? mean_places(d, from, to) : NAN;
        if (!d || !same_places(r->places, p))
            status = add_mismatch(c, cap, r->department, r->name, r->year, r->places, p, err);
    }
    for (int k = 0; k < sc->ndepartments && status == ENG_OK; k++) {
        const ea_scenario_department *d = &sc->departments[k];
        if (!find_row(c, first, last, d->code))
            status = add_mismatch(c, cap, d->code, d->name, total->year, NAN,
                                  mean_places(d, from, to), err);
    }
    return status;
}

int ea_costs_check(ea_costs *c, const ea_scenario *sc, eng_error *err)
{
    free(c->mismatches);
    c->mismatches = NULL;
    c->nmismatches = 0;
    c->checked = 1;
    snprintf(c->scenario, sizeof c->scenario, "%s", sc->name);
    c->first_month = sc->start;
    c->months = sc->months;
    int cap = 0, first = 0, status = ENG_OK;
    for (int i = 0; i < c->nrows && status == ENG_OK; i++)
        if (c->rows[i].region) {
            status = check_year(c, sc, first, i, &cap, err);
            first = i + 1;
        }
    return status;
}

int ea_costs_check_file(ea_costs *c, const char *path, eng_error *err)
{
    ea_scenario sc;
    int status = ea_scenario_load(path, &sc, err);
    if (status == ENG_OK) {
        status = ea_costs_check(c, &sc, err);
        ea_scenario_clear(&sc);
    }
    return status;
}

static void csv_row(FILE *f, const eng_csv_style *st, const ea_costs *c, const ea_costs_row *r,
                    int with_year)
{
    char sep = st->sep;
    if (with_year)
        fprintf(f, "%d%c", r->year, sep);
    eng_csv_text(f, r->department, st);
    fputc(sep, f);
    eng_csv_text(f, r->name, st);
    const double v[] = { r->places, r->funding_eur, r->cost_per_place, c->reference, r->deviation,
                         r->reference_funding, r->difference, r->file_active, r->cost_per_file_active,
                         r->persons_accompanied, r->cost_per_accompanied, r->delegated_eur,
                         r->delegated_share, r->tolerance_eur };
    /* The unit of each value, for the rounding of --csv fr. */
    static const ea_indicators_unit unit[] = {
        EA_UNIT_PLACES, EA_UNIT_EUR, EA_UNIT_EUR, EA_UNIT_EUR, EA_UNIT_SHARE, EA_UNIT_EUR,
        EA_UNIT_EUR, EA_UNIT_PERSONS, EA_UNIT_EUR, EA_UNIT_PERSONS, EA_UNIT_EUR, EA_UNIT_EUR,
        EA_UNIT_SHARE, EA_UNIT_EUR
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        fputc(sep, f);
        ea_tables_write_value(f, v[i], unit[i], st);
    }
    fprintf(f, "%c%d%c%s%c", sep, r->outside, sep, ea_costs_verdict_word(ea_costs_verdict(r)), sep);
    ea_tables_write_value(f, r->adjustment, EA_UNIT_EUR, st);
    fputc('\n', f);
}

/* costs-mismatches.csv: one row per mismatch, an empty cell for the side a department lacks. */
static int write_mismatches(const ea_costs *c, eng_out *out, const eng_csv_style *st,
                            int with_year, eng_error *err)
{
    FILE *f = eng_out_open(out, ea_tables_file(EA_TABLE_COSTS_MISMATCHES), err);
    if (!f)
        return ENG_EFAIL;
    ea_tables_write_header_names(f, EA_TABLE_COSTS_MISMATCHES, NULL, 0, with_year, st);
    for (int i = 0; i < c->nmismatches; i++) {
        const ea_costs_mismatch *m = &c->mismatches[i];
        if (with_year)
            fprintf(f, "%d%c", m->year, st->sep);
        eng_csv_text(f, m->department, st);
        fputc(st->sep, f);
        eng_csv_text(f, m->name, st);
        fputc(st->sep, f);
        ea_tables_write_value(f, m->funding_places, EA_UNIT_PLACES, st);
        fputc(st->sep, f);
        ea_tables_write_value(f, m->scenario_places, EA_UNIT_PLACES, st);
        fputc('\n', f);
    }
    return ENG_OK;
}

int ea_costs_write(const ea_costs *c, eng_out *out, const eng_csv_style *st, eng_error *err)
{
    int with_year = c->nrows > 0 && c->rows[0].year != 0;
    FILE *f = eng_out_open(out, "costs.csv", err);
    if (!f)
        return ENG_EFAIL;
    char sep = st->sep;
    ea_tables_write_header_names(f, EA_TABLE_COSTS, NULL, 0, with_year, st);
    for (int i = 0; i < c->nrows; i++)
        csv_row(f, st, c, &c->rows[i], with_year);
    f = eng_out_open(out, "costs-dispersion.csv", err);
    if (!f)
        return ENG_EFAIL;
    ea_tables_write_header(f, EA_TABLE_COSTS_DISPERSION, st);
    for (int i = 0; i < c->ndisp; i++) {
        const ea_costs_dispersion *d = &c->disp[i];
        fprintf(f, "%d%c%s%c%d", d->year, sep, d->stage ? "homogenised" : "funded", sep, d->n);
        const double v[] = { d->min, d->max, d->mean, d->regional, d->cv, d->gini };
        for (size_t j = 0; j < sizeof v / sizeof *v; j++) {
            fputc(sep, f);
            /* Costs per place in euros, then the coefficient of variation and Gini's index. */
            if (j < 4)
                ea_tables_write_value(f, v[j], EA_UNIT_EUR, st);
            else
                eng_csv_number(f, v[j], st);
        }
        fputc('\n', f);
    }
    return c->checked ? write_mismatches(c, out, st, with_year, err) : ENG_OK;
}

/* Writes text padded to `width` columns, counting UTF-8 characters rather than bytes. */
static void pad(FILE *f, const char *s, int width, int right)
{
    fprintf(f, "%*s", eng_text_pad(s, right ? width : -width), s);
}

/* Copies the first `chars` UTF-8 characters of s (whole characters only). */
static void utf8_prefix(char *dst, const char *s, int chars)
{
    size_t i = 0;
    for (int c = 0; s[i] && c <= chars; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++c > chars)
            break;
    memcpy(dst, s, i);
    dst[i] = '\0';
}

static void money(FILE *f, double x, int width)
{
    char b[64];
    eng_text_format_number(b, sizeof b, x, 0);
    fputc(' ', f);
    pad(f, b, width, 1);
}

/* x grouped in the language of the messages, whole when it is to the cent, else with its two
 * decimals: money and places (a scenario's mean over months may be 13.25). `sign` writes + before
 * a positive value. */
static const char *figure_signed(char *b, size_t n, double x, int sign)
{
    int whole = round(x * 100) == round(x) * 100;
    (sign ? eng_text_format_signed : eng_text_format_number)(b, n, x, whole ? 0 : 2);
    return b;
}

static const char *figure(char *b, size_t n, double x)
{
    return figure_signed(b, n, x, 0);
}

/* "conforme", "à ajuster de +15 000 €" (to add) or "à ajuster de −22 100 €" (to remove); for the
 * region row, how many of the year's departments are to adjust and the net amount. */
static void verdict_text(char *b, size_t n, const ea_costs_row *r, int nout, int ndep,
                         const double out[2])
{
    /* The region's net hides what moves: out[0] is the sum to add, out[1] to remove. */
    char v[64], w[64], add[64], rem[64];
    figure_signed(v, sizeof v, r->adjustment, 1);
    figure_signed(w, sizeof w, out[0] + out[1], 1);
    figure_signed(add, sizeof add, out[0], 1);
    figure_signed(rem, sizeof rem, out[1], 1);
    if (ea_costs_verdict(r) == EA_COSTS_TOLERATED)
        snprintf(b, n, eng_msg_tr("dans la tolérance (%s € pour être à la référence)"), v);
    else if (!r->outside)
        snprintf(b, n, "%s", eng_msg_tr("conforme"));
    else if (!r->region)
        snprintf(b, n, eng_msg_tr("à ajuster de %s €"), v);
    else {
        char tolerated[96] = "";
        if (fabs(out[0] + out[1] - r->adjustment) >= 0.005)
            snprintf(tolerated, sizeof tolerated, eng_msg_tr(" ; avec les écarts tolérés, %s €"), v);
        snprintf(b, n, eng_msg_tr("%d département%s sur %d à ajuster : %s € à ajouter, %s € à "
                                  "retirer, net %s €%s"), nout, nout > 1 ? "s" : "", ndep, add, rem,
                 w, tolerated);
    }
}

static void print_header(const ea_costs *c, int year, FILE *f)
{
    char ref[64], tol[96], v[64];
    eng_text_format_number(ref, sizeof ref, c->reference, 0);
    if (c->tolerance.share > 0)
        snprintf(tol, sizeof tol, eng_msg_tr("±%s %% de places × référence"),
                 figure(v, sizeof v, c->tolerance.share * 100));
    else if (c->tolerance.eur > 0)
        snprintf(tol, sizeof tol, "±%s €", figure(v, sizeof v, c->tolerance.eur));
    else
        snprintf(tol, sizeof tol, "%s", eng_msg_tr("0 € (homogénéisation exacte)"));
    if (year)
        fprintf(f, eng_msg_tr("\nAnnée %d — référence %s € par place et par an, tolérance %s\n"),
                year, ref, tol);
    else
        fprintf(f, eng_msg_tr("\nRéférence %s € par place et par an, tolérance %s\n"), ref, tol);
    /* Padded by characters, not bytes, so that the accented headings line up with the figures. */
    static const struct {
        const char *text;
        int width, right;
    } head[] = { { ENG_MSG_N("Dépt"), 6, 0 },         { ENG_MSG_N("Nom"), 22, 0 },
                 { ENG_MSG_N("Places"), 7, 1 },       { ENG_MSG_N("Crédits €"), 12, 1 },
                 { ENG_MSG_N("€/place"), 9, 1 },      { ENG_MSG_N("Écart"), 7, 1 },
                 { ENG_MSG_N("À la réf. €"), 12, 1 }, { ENG_MSG_N("€/f. act."), 9, 1 },
                 { ENG_MSG_N("€/accomp."), 9, 1 } };
    for (size_t i = 0; i < sizeof head / sizeof *head; i++) {
        if (i > 0)
            fputc(' ', f);
        pad(f, eng_msg_tr(head[i].text), head[i].width, head[i].right);
    }
    fputs(eng_msg_tr("  Verdict\n"), f);
}

static void print_row(const ea_costs_row *r, const char *verdict, FILE *f)
{
    char b[160];   /* a grouped percentage, signed */
    pad(f, r->region ? "" : r->department, 6, 0);
    fputc(' ', f);
    char name[sizeof r->name];
    utf8_prefix(name, r->region ? eng_msg_tr("Ensemble de la région") : r->name, 22);
    pad(f, name, 22, 0);
    /* Places as funded, 12,5 included: rounded, they would not give the funding at the
     * reference (12 × 4 300 € is not 53 750 €). */
    char places[32];
    fputc(' ', f);
    pad(f, figure(places, sizeof places, r->places), 7, 1);
    money(f, r->funding_eur, 12);
    money(f, r->cost_per_place, 9);
    char pct[128];   /* signed, as the report writes it: +30,2 % above the reference */
    eng_text_format_percent(pct, sizeof pct, r->deviation * 100, 1);
    snprintf(b, sizeof b, "%s%s", r->deviation > 0 && strpbrk(pct, "123456789") ? "+" : "", pct);
    fputc(' ', f);
    pad(f, b, 7, 1);
    money(f, r->reference_funding, 12);
    money(f, r->cost_per_file_active, 9);
    money(f, r->cost_per_accompanied, 9);
    fprintf(f, "  %s\n", verdict);
}

/* "160 places dans la table", "absent du scénario": one side of a mismatch; `where` and `absent`
 * are given in French and shown in the language of the messages. */
static const char *places_text(char *b, size_t n, double x, const char *where, const char *absent)
{
    char v[64];
    if (isnan(x))
        snprintf(b, n, "%s", eng_msg_tr(absent));
    else
        snprintf(b, n, "%s place%s%s", figure(v, sizeof v, x), x < 2 ? "" : "s", eng_msg_tr(where));
    return b;
}

/* Under a year's table: whether its places were compared with the scenario's, and how they
 * differ. */
static void print_places(const ea_costs *c, int year, FILE *f)
{
    int from, to, n = 0;
    if (!c->checked)
        return;
    if (!year_months(c, year, &from, &to)) {
        fprintf(f, eng_msg_tr("Places non comparées : %d est hors de la période du scénario « %s » "
                              "(%04d-%02d à %04d-%02d).\n"), year, c->scenario, c->first_month / 12,
                c->first_month % 12 + 1, (c->first_month + c->months - 1) / 12,
                (c->first_month + c->months - 1) % 12 + 1);
        return;
    }
    for (int i = 0; i < c->nmismatches; i++)
        n += c->mismatches[i].year == year;
    if (n == 0) {
        fprintf(f, eng_msg_tr("Places : identiques à celles du scénario « %s ».\n"), c->scenario);
        return;
    }
    fprintf(f, eng_msg_tr("Places différentes de celles du scénario « %s » :\n"), c->scenario);
    for (int i = 0; i < c->nmismatches; i++) {
        const ea_costs_mismatch *m = &c->mismatches[i];
        char a[96], b[96];
        if (m->year == year)
            fprintf(f, "  %s %s : %s, %s\n", m->department, m->name,
                    places_text(a, sizeof a, m->funding_places, ENG_MSG_N(" dans la table"),
                                ENG_MSG_N("absent de la table")),
                    places_text(b, sizeof b, m->scenario_places, ENG_MSG_N(" dans le scénario"),
                                ENG_MSG_N("absent du scénario")));
    }
}

void ea_costs_print(const ea_costs *c, FILE *f)
{
    char verdict[320];
    int nout = 0, ndep = 0;
    double out[2] = { 0, 0 };   /* euros to add, and to remove, outside the tolerance */
    for (int i = 0; i < c->nrows; i++) {
        const ea_costs_row *r = &c->rows[i];
        if (i == 0 || r->year != c->rows[i - 1].year) {
            print_header(c, r->year, f);
            nout = ndep = 0;
            out[0] = out[1] = 0;
        }
        if (r->region)
            fprintf(f, "%.123s\n", "-------------------------------------------------------------"
                                   "--------------------------------------------------------------");
        nout += r->outside && !r->region;
        ndep += !r->region;
        if (r->outside && !r->region)
            out[r->adjustment < 0] += r->adjustment;
        verdict_text(verdict, sizeof verdict, r, nout, ndep, out);
        print_row(r, verdict, f);
        if (r->region)
            print_places(c, r->year, f);
    }
    for (int i = 0; i < c->ndisp; i++) {
        const ea_costs_dispersion *d = &c->disp[i];
        if (d->stage)
            continue;
        char lo[64], hi[64], mean[64], cv[64], gini[64];
        eng_text_format_number(lo, sizeof lo, d->min, 0);
        eng_text_format_number(hi, sizeof hi, d->max, 0);
        eng_text_format_number(mean, sizeof mean, d->mean, 0);
        eng_text_format_number(cv, sizeof cv, d->cv, 3);
        eng_text_format_number(gini, sizeof gini, d->gini, 3);
        fprintf(f, eng_msg_tr("\nDispersion%s%.0d du coût par place (%d départements) : min %s €, "
                              "max %s €, moyenne non pondérée %s €, CV %s, Gini %s ; à la "
                              "référence : CV 0,000, Gini 0,000\n"),
                d->year ? " " : "", d->year, d->n, lo, hi, mean, cv, gini);
    }
    fputs(eng_msg_tr("\nColonnes : Crédits € = financement de l'année ; Écart = du coût par place à "
                     "la référence ; À la réf. € = financement à la référence (places × référence) ; "
                     "€/f. act. = crédits par personne de la file active ; €/accomp. = crédits par "
                     "personne accompagnée dans l'année.\n"), f);
    if (c->totals > 0)
        fprintf(f, eng_msg_tr("\nLignes de total de la table (%d) : égales à la somme de leurs "
                              "départements, elles ne sont pas comptées comme départements.\n"),
                c->totals);
}

void ea_costs_print_mismatches(const ea_costs *c, FILE *f)
{
    for (int i = 0; i < c->nmismatches; i++) {
        const ea_costs_mismatch *m = &c->mismatches[i];
        char y[32] = "", a[96], b[96];
        if (m->year)
            snprintf(y, sizeof y, "%d, ", m->year);
        places_text(a, sizeof a, m->funding_places, ENG_MSG_N(" dans la table de financement"),
                    ENG_MSG_N("absent de la table de financement"));
        places_text(b, sizeof b, m->scenario_places, ENG_MSG_N(" dans le scénario"),
                    ENG_MSG_N("absent du scénario"));
        fprintf(f, eng_msg_tr("eaflow : attention : %s : %sdépartement %s (%s) : %s, %s « %s » ; "
                              "mettez les mêmes places dans la table et le scénario\n"),
                c->source, y, m->department, m->name, a, b, c->scenario);
    }
}
