/* ea_costs.c — Cost homogenisation check from a funding table. */
#include "ea_costs.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_csv.h"
#include "../engine/eng_text.h"
#include "ea_tables.h"

void ea_costs_clear(ea_costs *c)
{
    if (!c)
        return;
    free(c->rows);
    free(c->disp);
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

/* Whether a cost per place lies outside reference x (1 +- tolerance), everything rounded to the
 * cent first: money is counted in cents, so a cost exactly at the bound (4 730,00 EUR for 4 300
 * EUR +10 %) is inside on either side, whatever the binary rounding of the division. round() works
 * on doubles, so no value overflows an integer type. */
static int outside_tolerance(double cost_per_place, double reference, double tolerance)
{
    if (isnan(cost_per_place))
        return 0;
    double cents = round(cost_per_place * 100);
    return cents > round(reference * (1 + tolerance) * 100)
           || cents < round(reference * (1 - tolerance) * 100);
}

static void derive(ea_costs_row *r, double reference, double tolerance)
{
    r->cost_per_place = ratio(r->funding_eur, r->places);
    r->deviation = r->cost_per_place / reference - 1;
    r->reference_funding = r->places * reference;
    r->difference = r->funding_eur - r->reference_funding;
    r->cost_per_person = ratio(r->funding_eur, r->file_active);
    r->cost_per_accompanied = ratio(r->funding_eur, r->persons_accompanied);
    r->delegated_share = ratio(r->delegated_eur, r->funding_eur);
    r->outside = outside_tolerance(r->cost_per_place, reference, tolerance);
}

/* Checks that a number read from a cell lies in [0, max]; `what` names it in the message. */
static int in_domain(const eng_csv *t, size_t row, int col, double v, double max, const char *what,
                     eng_error *err)
{
    if (v < 0)
        return eng_csv_cell_error(t, row, col, err, "%s is negative, expected %s >= 0",
                                 eng_csv_get_text(t, row, col), what);
    if (v > max) {
        char bound[64];
        eng_text_format_grouped(bound, sizeof bound, max, 0, " ", ',');
        return eng_csv_cell_error(t, row, col, err, "%s is too large, expected %s of at most %s",
                                 eng_csv_get_text(t, row, col), what, bound);
    }
    return ENG_OK;
}

/* Reads an optional number in [0, max] (NaN when the column is absent or the cell empty). */
static int optional(const eng_csv *t, size_t row, int col, double max, const char *what, double *v,
                    eng_error *err)
{
    *v = NAN;
    if (col < 0)
        return ENG_OK;
    int missing;
    int status = eng_csv_get_number(t, row, col, v, &missing, err);
    if (status == ENG_OK && !missing)
        status = in_domain(t, row, col, *v, max, what, err);
    return status;
}

/* A department code as the scenario files write them: 1 to EA_MAX_NAME - 1 letters, digits, `_`
 * or `-`, not starting with `-` (it would read as a minus sign), and never "region", which names
 * the regional total. */
static int valid_department(const char *code)
{
    size_t len = strlen(code);
    if (len == 0 || len >= EA_MAX_NAME || code[0] == '-' || eng_text_casecmp(code, "region") == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)code[i]) && code[i] != '_' && code[i] != '-')
            return 0;
    return 1;
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
    int status = eng_csv_get_number(t, i, col, &y, NULL, err);
    if (status != ENG_OK)
        return status;
    if (!(y >= 1900 && y <= 2200) || y != floor(y))
        return eng_csv_cell_error(t, i, col, err, "%s, expected a year such as 2022",
                                 eng_csv_get_text(t, i, col));
    *year = (int)y;
    return ENG_OK;
}

/* Reads and checks data row i into r (the derived fields are left to derive()). */
static int read_row(const eng_csv *t, size_t i, const columns *c, ea_costs_row *r, eng_error *err)
{
    const char *code = eng_csv_get_text(t, i, c->dep);
    if (!code[0])
        return eng_csv_cell_error(t, i, c->dep, err, "empty, expected a department code");
    if (!valid_department(code))
        return eng_csv_cell_error(t, i, c->dep, err,
                                 "\"%.80s\" is not a valid department code (expected 1 to %d "
                                 "letters, digits, _ or -, not starting with -, other than region)",
                                 code, EA_MAX_NAME - 1);
    snprintf(r->department, sizeof r->department, "%s", code);
    snprintf(r->name, sizeof r->name, "%s", eng_csv_get_text(t, i, c->name));
    int status = eng_csv_get_number(t, i, c->fund, &r->funding_eur, NULL, err);
    if (status == ENG_OK)
        status = in_domain(t, i, c->fund, r->funding_eur, EA_COSTS_MAX_EUR, "an amount", err);
    if (status == ENG_OK)
        status = eng_csv_get_number(t, i, c->places, &r->places, NULL, err);
    if (status == ENG_OK && !(r->places > 0))
        status = eng_csv_cell_error(t, i, c->places, err, "%s, expected a number of places > 0",
                                   eng_csv_get_text(t, i, c->places));
    if (status == ENG_OK)
        status = in_domain(t, i, c->places, r->places, EA_COSTS_MAX_COUNT, "a number of places",
                           err);
    if (status == ENG_OK)
        status = optional(t, i, c->fa, EA_COSTS_MAX_COUNT, "a number of persons", &r->file_active,
                          err);
    if (status == ENG_OK)
        status = optional(t, i, c->pa, EA_COSTS_MAX_COUNT, "a number of persons",
                          &r->persons_accompanied, err);
    if (status == ENG_OK)
        status = optional(t, i, c->del, EA_COSTS_MAX_EUR, "an amount", &r->delegated_eur, err);
    if (status == ENG_OK && c->year >= 0)
        status = read_year(t, i, c->year, &r->year, err);
    return status;
}

/* Reads every row of the table into out->rows[0..n-1], each with its derived fields. */
static int read_rows(const eng_csv *t, const columns *c, size_t n, ea_costs *out, eng_error *err)
{
    int status = ENG_OK;
    for (size_t i = 0; i < n && status == ENG_OK; i++) {
        ea_costs_row *r = &out->rows[i];
        status = read_row(t, i, c, r, err);
        for (size_t j = 0; j < i && status == ENG_OK; j++)
            if (out->rows[j].year == r->year && strcmp(out->rows[j].department, r->department) == 0)
                status = eng_csv_cell_error(t, i, c->dep, err,
                                           "department %s given twice%s (first at line %ld)",
                                           r->department, c->year >= 0 ? " for the same year" : "",
                                           eng_csv_line(t, j));
        derive(r, out->reference, out->tolerance);
    }
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
        return eng_error_set(err, ENG_EFAIL, "out of memory");
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
        int have_fa = 1, have_pa = 1, have_del = 1;
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

int ea_costs_compute(const char *path, double reference, double tolerance, ea_costs *out, eng_error *err)
{
    memset(out, 0, sizeof *out);
    out->reference = reference;
    out->tolerance = tolerance;
    eng_csv *t = NULL;
    int status = eng_csv_read(path, &t, err);
    if (status != ENG_OK)
        return status;
    columns c;
    if ((status = eng_csv_require(t, "department", &c.dep, err)) != ENG_OK ||
        (status = eng_csv_require(t, "name", &c.name, err)) != ENG_OK ||
        (status = eng_csv_require(t, "funding_eur", &c.fund, err)) != ENG_OK ||
        (status = eng_csv_require(t, "places", &c.places, err)) != ENG_OK) {
        eng_csv_free(t);
        return status;
    }
    c.fa = eng_csv_column(t, "file_active");
    c.pa = eng_csv_column(t, "persons_accompanied");
    c.del = eng_csv_column(t, "delegated_eur");
    c.year = eng_csv_column(t, "year");
    size_t n = eng_csv_nrows(t);
    if (n == 0)
        status = eng_error_set(err, ENG_EINPUT, "%s: no department in the table", path);
    else if (n > EA_COSTS_MAX_ROWS)
        status = eng_error_set(err, ENG_EINPUT, "%s: %zu rows, more than the %d a funding table "
                              "may have (a row per department and year)", path, n,
                              EA_COSTS_MAX_ROWS);
    if (status == ENG_OK) {
        /* Room for every department and one regional row per year (at most one per row). */
        out->rows = calloc(2 * n, sizeof *out->rows);
        out->disp = calloc(2 * n, sizeof *out->disp);
        if (!out->rows || !out->disp)
            status = eng_error_set(err, ENG_EFAIL, "out of memory");
    }
    if (status == ENG_OK)
        status = read_rows(t, &c, n, out, err);
    eng_csv_free(t);
    if (status == ENG_OK)
        status = group_by_year(out, n, err);
    if (status != ENG_OK)
        ea_costs_clear(out);
    return status;
}

static void csv_row(FILE *f, const eng_csv_style *st, const ea_costs_row *r, int with_year)
{
    char sep = st->sep;
    if (with_year)
        fprintf(f, "%d%c", r->year, sep);
    eng_csv_text(f, r->department, st);
    fputc(sep, f);
    eng_csv_text(f, r->name, st);
    const double v[] = { r->places, r->funding_eur, r->cost_per_place, r->deviation,
                         r->reference_funding, r->difference, r->file_active, r->cost_per_person,
                         r->persons_accompanied, r->cost_per_accompanied, r->delegated_eur,
                         r->delegated_share };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        fputc(sep, f);
        eng_csv_number(f, v[i], st);
    }
    fprintf(f, "%c%d\n", sep, r->outside);
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
        csv_row(f, st, &c->rows[i], with_year);
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
            eng_csv_number(f, v[j], st);
        }
        fputc('\n', f);
    }
    return ENG_OK;
}

/* Writes text padded to `width` columns, counting UTF-8 characters rather than bytes. */
static void pad(FILE *f, const char *s, int width, int right)
{
    int len = 0;
    for (const char *p = s; *p; p++)
        len += ((unsigned char)*p & 0xC0) != 0x80;
    if (right)
        for (int i = len; i < width; i++)
            fputc(' ', f);
    fputs(s, f);
    if (!right)
        for (int i = len; i < width; i++)
            fputc(' ', f);
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
    eng_text_format_grouped(b, sizeof b, x, 0, " ", ',');
    fputc(' ', f);
    pad(f, b, width, 1);
}

void ea_costs_print(const ea_costs *c, FILE *f)
{
    char b[96];   /* a grouped figure (at most 63 bytes) and its unit */
    int year = -1;
    for (int i = 0; i < c->nrows; i++) {
        const ea_costs_row *r = &c->rows[i];
        if (r->year != year) {
            year = r->year;
            eng_text_format_grouped(b, sizeof b, c->reference, 0, " ", ',');
            if (year)
                fprintf(f, "\nAnnée %d — référence %s € par place et par an, tolérance ±%g %%\n", year, b,
                        c->tolerance * 100);
            else
                fprintf(f, "\nRéférence %s € par place et par an, tolérance ±%g %%\n", b, c->tolerance * 100);
            fprintf(f, "%-6s %-22s %7s %12s %9s %7s %12s %12s %9s %9s\n", "Dépt", "Nom", "Places",
                    "Crédits €", "€/place", "Écart", "À la réf. €", "Différence", "€/pers.", "€/accomp.");
        }
        if (r->region)
            fprintf(f, "%s\n", "--------------------------------------------------------------------"
                               "------------------------------------------");
        pad(f, r->department, 6, 0);
        fputc(' ', f);
        char name[sizeof r->name];
        utf8_prefix(name, r->name, 22);
        pad(f, name, 22, 0);
        money(f, r->places, 7);
        money(f, r->funding_eur, 12);
        money(f, r->cost_per_place, 9);
        char dev[64];
        eng_text_format_grouped(dev, sizeof dev, r->deviation * 100, 1, " ", ',');
        snprintf(b, sizeof b, "%s %%", dev);
        fputc(' ', f);
        pad(f, b, 7, 1);
        money(f, r->reference_funding, 12);
        money(f, r->difference, 12);
        money(f, r->cost_per_person, 9);
        money(f, r->cost_per_accompanied, 9);
        fprintf(f, "%s\n", r->outside && !r->region ? "  hors tolérance" : "");
    }
    for (int i = 0; i < c->ndisp; i++) {
        const ea_costs_dispersion *d = &c->disp[i];
        if (d->stage)
            continue;
        char lo[64], hi[64], mean[64];
        eng_text_format_grouped(lo, sizeof lo, d->min, 0, " ", ',');
        eng_text_format_grouped(hi, sizeof hi, d->max, 0, " ", ',');
        eng_text_format_grouped(mean, sizeof mean, d->mean, 0, " ", ',');
        fprintf(f, "\nDispersion%s%.0d du coût par place (%d départements) : min %s €, max %s €, "
                   "moyenne %s €, CV %.3f, Gini %.3f ; à la référence : CV 0, Gini 0\n",
                d->year ? " " : "", d->year, d->n, lo, hi, mean, d->cv, d->gini);
    }
}
