/* ea_fit.c — Fitting a scenario to individual records: the episodes read and checked, grouped by
 * person with one sort, the estimates with their intervals, and the files and summary written. */
#include "ea_fit.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>

#include "../engine/eng_csv.h"
#include "../engine/eng_survival.h"
#include "../engine/eng_text.h"
#include "ea_indicators.h"
#include "../engine/eng_ini.h"
#include "ea_scenario.h"
#include "ea_tables.h"

/* Every interval is two-sided at 95 %: this is the probability left in each tail. */
#define TAIL 0.025

/* Ages are in years of 365.25 days, as elapsed time is added to the age at entry. */
#define DAYS_PER_YEAR 365.25

/* The run settings of the scenario written: three years of 100 replications from seed 1. They are
 * not estimates but starting values, which the user changes like those of any scenario. */
enum { FIT_MONTHS = 36, FIT_REPLICATIONS = 100, FIT_SEED = 1 };

/* Shares written to the scenario are rounded to 4 decimals, counted here in units of 1e-4 so that
 * they sum to exactly 1 once the rounding remainder is put on the largest. */
enum { SHARE_UNITS = 10000 };

/* The end of an episode still running at the as-of date. */
#define OPEN LONG_MAX

/* The target of an episode that has not ended. */
enum { NO_TARGET = -1 };

/* The two waves of the national collection's biannual follow-up: 31 March and 30 September. */
static const struct {
    int month, day;
} waves[] = { { 3, 31 }, { 9, 30 } };

/* Age bands of the national statistics on the public (46 % under 30 in 2018): the upper limits in
 * years, the last band open. */
static const double age_limits[] = { 30, 45 };
static const char *const age_labels[] = { "<30", "30-44", "45+" };
enum { NAGES = sizeof age_labels / sizeof age_labels[0] };

/* The categorical profile columns, optional, reported as shares of their values. */
static const char *const profile_columns[] = { "sex", "disability", "prescriber" };
enum { NPROFILES = sizeof profile_columns / sizeof profile_columns[0] };

/* ---- Dictionaries of names ------------------------------------------------------------------- */

/* Distinct names in order of first appearance, found again by hashing: person identifiers,
 * departments, exit reasons and profile values. Names point into the records table, which
 * outlives the dictionary. */
typedef struct dict {
    const char **names;
    size_t n, cap;
    size_t *slots;     /* open addressing: 1 + the index of a name, 0 for an empty slot */
    size_t nslots;     /* a power of two, kept above twice n so that probes stay short */
    int fold;          /* names that differ only by ASCII case are the same */
} dict;

static size_t dict_hash(const char *s, int fold)
{
    /* FNV-1a, 64 bits. */
    uint64_t h = 14695981039346656037u;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        h ^= fold ? (unsigned char)tolower(c) : c;
        h *= 1099511628211u;
    }
    return (size_t)h;
}

static int dict_equal(const dict *d, const char *a, const char *b)
{
    return d->fold ? eng_strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

static void dict_clear(dict *d)
{
    free(d->names);
    free(d->slots);
    memset(d, 0, sizeof *d);
}

static int dict_grow(dict *d)
{
    size_t nslots = d->nslots ? 2 * d->nslots : 64;
    size_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        size_t h = dict_hash(d->names[i], d->fold) & (nslots - 1);
        while (slots[h])
            h = (h + 1) & (nslots - 1);
        slots[h] = i + 1;
    }
    free(d->slots);
    d->slots = slots;
    d->nslots = nslots;
    return 0;
}

/* Stores the index of s in *index, adding s when new. Returns 0, or -1 when out of memory. */
static int dict_intern(dict *d, const char *s, size_t *index)
{
    if (2 * (d->n + 1) > d->nslots && dict_grow(d) != 0)
        return -1;
    size_t h = dict_hash(s, d->fold) & (d->nslots - 1);
    for (; d->slots[h]; h = (h + 1) & (d->nslots - 1))
        if (dict_equal(d, d->names[d->slots[h] - 1], s)) {
            *index = d->slots[h] - 1;
            return 0;
        }
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 64;
        const char **names = realloc(d->names, cap * sizeof *names);
        if (!names)
            return -1;
        d->names = names;
        d->cap = cap;
    }
    d->names[d->n] = s;
    d->slots[h] = d->n + 1;
    *index = d->n++;
    return 0;
}

/* ---- The fit's state ------------------------------------------------------------------------- */

typedef struct episode {
    size_t row;                /* data row of the table, for messages */
    size_t person, dept;       /* indices in the dictionaries */
    long entry, start, end;    /* days since 1970-01-01; end is OPEN while the episode runs */
    double age;                /* years at entry_date; NaN when not given */
    int module;
    int next;                  /* module m, or EA_NMODULES + reason; NO_TARGET while open */
} episode;

typedef struct module_stat {
    size_t n, ended;
    size_t route[EA_MAX_TARGETS];        /* ended episodes by target */
    int units[EA_MAX_TARGETS];           /* the routing written, in SHARE_UNITS */
    eng_km km;
    eng_fit fits[ENG_FIT_NFAMILIES];
    eng_fit_family chosen;
} module_stat;

typedef struct dept_stat {
    int seen;                            /* the department has an episode on or before as-of */
    size_t entries;                      /* persons whose first episode is there */
    size_t in_support;                   /* episodes open at as-of */
    size_t by_module[EA_NMODULES];       /* the same by module */
    int units[EA_NMODULES];              /* their spread written as initial_mix */
} dept_stat;

typedef struct fit {
    const char *path;
    eng_csv *t;
    int col_person, col_dept, col_entry, col_module, col_start, col_end, col_next, col_age;
    int col_profile[NPROFILES];          /* -1 for a column absent from the records */
    dict persons, depts, reasons;
    dict values[NPROFILES];

    episode *ep;                         /* grouped by person, each person's by start */
    size_t nep;
    size_t *first;                       /* person p's episodes: ep[first[p]] to ep[first[p+1]-1] */
    size_t npersons;                     /* persons with an episode on or before as-of */
    size_t ndropped;                     /* episodes starting after as-of */
    long as_of, window_start;            /* days */
    eng_date as_of_date, window_date;
    double window_months;                /* both days included */

    size_t mix[EA_NMODULES];             /* persons by the module of their first episode */
    int mix_units[EA_NMODULES];
    size_t open;                         /* episodes open at as-of */
    size_t exits[EA_MAX_REASONS], nexits;
    module_stat mod[EA_NMODULES];
    dept_stat *dept;                     /* by dictionary index */
    size_t *dept_order;                  /* dictionary indices sorted by code */

    size_t *value_of[NPROFILES];         /* per person: value index, SIZE_MAX when not given */
    size_t *value_order[NPROFILES];      /* value indices in byte order */
} fit;

static void fit_clear(fit *f)
{
    eng_csv_free(f->t);
    dict_clear(&f->persons);
    dict_clear(&f->depts);
    dict_clear(&f->reasons);
    for (int k = 0; k < NPROFILES; k++) {
        dict_clear(&f->values[k]);
        free(f->value_of[k]);
        free(f->value_order[k]);
    }
    free(f->ep);
    free(f->first);
    for (int m = 0; m < EA_NMODULES; m++)
        eng_km_clear(&f->mod[m].km);
    free(f->dept);
    free(f->dept_order);
}

static int out_of_memory(eng_error *err)
{
    return eng_error_set(err, ENG_EFAIL, "out of memory");
}

static double months(long days)
{
    return (double)days / EA_DAYS_PER_MONTH;
}

static void date_text(eng_date d, char buf[16])
{
    snprintf(buf, 16, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* The calendar date of a day count (Hinnant's civil_from_days, the inverse of eng_date_days). */
static eng_date date_of(long days)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int)(doy - (153 * mp + 2) / 5 + 1);
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    return (eng_date){ (int)(yoe + era * 400 + (month <= 2)), month, day };
}

/* ---- Intervals ------------------------------------------------------------------------------- */

/* Wilson's score interval of x successes in n: unlike p +- z se it stays in [0, 1] and keeps its
 * coverage for small n and shares near 0 or 1. NaN when n is 0. */
static void wilson(size_t x, size_t n, double *lo, double *hi)
{
    if (n == 0) {
        *lo = *hi = NAN;
        return;
    }
    double z = gsl_cdf_ugaussian_Qinv(TAIL), p = (double)x / (double)n, z2n = z * z / (double)n;
    double centre = (p + z2n / 2) / (1 + z2n);
    double half = z * sqrt(p * (1 - p) / (double)n + z2n / (4.0 * (double)n)) / (1 + z2n);
    *lo = fmax(0, centre - half);
    *hi = fmin(1, centre + half);
}

/* The quantile of order p of the gamma law of shape a and scale 1, by bisection on its
 * distribution function: gsl_cdf_gamma_Pinv fails to converge (and aborts) for shapes in the
 * hundreds of thousands, which a region's entries reach; the bisection is exact to rounding for
 * every shape, and a few hundred evaluations cost nothing here. */
static double gamma_quantile(double p, double a)
{
    double lo = 0, hi = a + 10 * sqrt(a) + 10;
    while (gsl_cdf_gamma_P(hi, a, 1) < p)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
        double mid = lo + (hi - lo) / 2;
        if (gsl_cdf_gamma_P(mid, a, 1) < p)
            lo = mid;
        else
            hi = mid;
    }
    return lo + (hi - lo) / 2;
}

/* The exact (Garwood) interval of a Poisson rate from k events over an exposure: the quantiles
 * of the gamma laws of shape k and k + 1, the chi-square form halved. */
static void poisson(size_t k, double exposure, double *lo, double *hi)
{
    *lo = k ? gamma_quantile(TAIL, (double)k) / exposure : 0;
    *hi = gamma_quantile(1 - TAIL, (double)k + 1) / exposure;
}

/* Rounds count[i] / total to SHARE_UNITS, the remainder going to the largest (the first of equal
 * ones), so that the units sum to SHARE_UNITS exactly. total must be > 0. */
static void round_shares(const size_t *count, int n, int *units)
{
    size_t total = 0;
    int largest = 0, sum = 0;
    for (int i = 0; i < n; i++) {
        total += count[i];
        if (count[i] > count[largest])
            largest = i;
    }
    for (int i = 0; i < n; i++) {
        units[i] = (int)llround((double)count[i] * SHARE_UNITS / (double)total);
        if (i != largest)
            sum += units[i];
    }
    units[largest] = SHARE_UNITS - sum;
}

static void put_units(char *buf, size_t size, int units)
{
    eng_format_double(buf, size, (double)units / SHARE_UNITS);
}

/* ---- Reading the records --------------------------------------------------------------------- */

static int module_index(const char *name)
{
    for (int m = 0; m < EA_NMODULES; m++)
        if (eng_strcasecmp(name, ea_module_names[m]) == 0)
            return m;
    return -1;
}

/* The module within two edits of name (a typo), or NULL. */
static const char *closest_module(const char *name)
{
    const char *best = NULL;
    int best_d = 3;
    for (int m = 0; m < EA_NMODULES; m++) {
        int d = eng_edit_distance(name, ea_module_names[m]);
        if (d < best_d) {
            best_d = d;
            best = ea_module_names[m];
        }
    }
    return best;
}

/* A department code as a scenario section takes it: letters, digits, _ or -. "region" is the
 * code of a single platform (records made from a scenario with one [platform]); check_pathway
 * refuses it beside other departments. */
static int valid_code(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= EA_MAX_NAME)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return 0;
    return 1;
}

/* An exit reason as the scenario's [exits] takes it: lower-case letters, digits and _. */
static int valid_reason(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= EA_MAX_NAME)
        return 0;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
            return 0;
    return 1;
}

static int read_module(fit *f, size_t row, int *module, eng_error *err)
{
    const char *s = eng_csv_get_text(f->t, row, f->col_module);
    *module = module_index(s);
    if (*module >= 0)
        return ENG_OK;
    const char *near = closest_module(s);
    if (near)
        return eng_csv_cell_error(f->t, row, f->col_module, err,
                                 "\"%s\" is not a module (did you mean %s?)", s, near);
    return eng_csv_cell_error(f->t, row, f->col_module, err,
                             "\"%s\" is not a module (expected evaluation, projet, recherche or "
                             "maintien)", s);
}

static int read_target(fit *f, size_t row, int *target, eng_error *err)
{
    const eng_csv *t = f->t;
    int col = f->col_next;
    const char *s = eng_csv_get_text(t, row, col);
    *target = NO_TARGET;
    if (!*s)
        return ENG_OK;
    if (strncmp(s, "exit.", 5) == 0) {
        if (!valid_reason(s + 5))
            return eng_csv_cell_error(t, row, col, err,
                                     "\"%s\": the exit reason is not a valid name (expected "
                                     "exit.REASON, REASON being 1 to %d lower-case letters, digits "
                                     "or _)", s, EA_MAX_NAME - 1);
        size_t r;
        if (dict_intern(&f->reasons, s + 5, &r) != 0)
            return out_of_memory(err);
        if (r >= EA_MAX_REASONS)
            return eng_csv_cell_error(t, row, col, err,
                                     "\"%s\" is exit reason number %zu, more than the %d a "
                                     "scenario takes (expected fewer reasons: group some)", s,
                                     r + 1, EA_MAX_REASONS);
        *target = EA_NMODULES + (int)r;
        return ENG_OK;
    }
    *target = module_index(s);
    if (*target >= 0)
        return ENG_OK;
    const char *near = closest_module(s);
    if (near)
        return eng_csv_cell_error(t, row, col, err,
                                 "\"%s\" is not a module or an exit (did you mean %s?)", s, near);
    return eng_csv_cell_error(t, row, col, err,
                             "\"%s\" is not a module or an exit (expected evaluation, projet, "
                             "recherche, maintien or exit.REASON)", s);
}

/* Reads and checks row `row` into *e; *latest becomes the latest date seen so far. */
static int read_row(fit *f, size_t row, episode *e, long *latest, eng_error *err)
{
    const eng_csv *t = f->t;
    const char *id = eng_csv_get_text(t, row, f->col_person);
    const char *dept = eng_csv_get_text(t, row, f->col_dept);
    if (!*id)
        return eng_csv_cell_error(t, row, f->col_person, err,
                                 "empty cell, expected the identifier of the person");
    if (!valid_code(dept))
        return eng_csv_cell_error(t, row, f->col_dept, err,
                                 "\"%s\" is not a department code (expected 1 to %d letters, "
                                 "digits, _ or -)", dept, EA_MAX_NAME - 1);
    e->row = row;
    if (dict_intern(&f->persons, id, &e->person) != 0 || dict_intern(&f->depts, dept, &e->dept) != 0)
        return out_of_memory(err);
    int status = read_module(f, row, &e->module, err);
    if (status == ENG_OK)
        status = read_target(f, row, &e->next, err);
    eng_date entry, start, end;
    int no_end;
    if (status == ENG_OK)
        status = eng_csv_get_date(t, row, f->col_entry, &entry, NULL, err);
    if (status == ENG_OK)
        status = eng_csv_get_date(t, row, f->col_start, &start, NULL, err);
    if (status == ENG_OK)
        status = eng_csv_get_date(t, row, f->col_end, &end, &no_end, err);
    e->age = NAN;
    if (status == ENG_OK && f->col_age >= 0) {
        int missing;
        status = eng_csv_get_number(t, row, f->col_age, &e->age, &missing, err);
        if (status == ENG_OK && e->age < 0)
            return eng_csv_cell_error(t, row, f->col_age, err,
                                     "%s is negative, expected an age in years >= 0",
                                     eng_csv_get_text(t, row, f->col_age));
    }
    if (status != ENG_OK)
        return status;
    e->entry = eng_date_days(entry);
    e->start = eng_date_days(start);
    e->end = no_end ? OPEN : eng_date_days(end);
    if (e->start < e->entry)
        return eng_csv_cell_error(t, row, f->col_start, err,
                                 "%s is before entry_date %s (expected the module to start on or "
                                 "after the prescription)", eng_csv_get_text(t, row, f->col_start),
                                 eng_csv_get_text(t, row, f->col_entry));
    if (!no_end && e->end < e->start)
        return eng_csv_cell_error(t, row, f->col_end, err,
                                 "%s is before module_start %s (expected an end on or after the "
                                 "start)", eng_csv_get_text(t, row, f->col_end),
                                 eng_csv_get_text(t, row, f->col_start));
    if (no_end && e->next != NO_TARGET)
        return eng_csv_cell_error(t, row, f->col_end, err,
                                 "empty, but next is \"%s\" (expected the date the module ended, "
                                 "or next empty too while the person is still in the module)",
                                 eng_csv_get_text(t, row, f->col_next));
    if (!no_end && e->next == NO_TARGET)
        return eng_csv_cell_error(t, row, f->col_next, err,
                                 "empty, but module_end is %s (expected where the person went: "
                                 "a module or exit.REASON)", eng_csv_get_text(t, row, f->col_end));
    long last = no_end ? e->start : e->end;
    if (last > *latest)
        *latest = last;
    return ENG_OK;
}

static int find_columns(fit *f, eng_error *err)
{
    static const char *const required[] = { "person_id", "department", "entry_date", "module",
                                            "module_start", "module_end", "next" };
    int *cols[] = { &f->col_person, &f->col_dept, &f->col_entry, &f->col_module, &f->col_start,
                    &f->col_end, &f->col_next };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        int status = eng_csv_require(f->t, required[i], cols[i], err);
        if (status != ENG_OK)
            return status;
    }
    f->col_age = eng_csv_column(f->t, "age");
    for (int k = 0; k < NPROFILES; k++)
        f->col_profile[k] = eng_csv_column(f->t, profile_columns[k]);
    return ENG_OK;
}

/* Parses --as-of with the records' own date reader, so that it takes exactly the same forms. */
static int parse_as_of(const char *text, eng_date *d, eng_error *err)
{
    char data[128];
    int fits = strlen(text) < 64 && !strpbrk(text, "\"\r\n");
    int status = ENG_EINPUT;
    if (fits) {
        eng_csv *t = NULL;
        eng_error e;
        snprintf(data, sizeof data, "as_of\n\"%s\"\n", text);
        status = eng_csv_parse("--as-of", data, strlen(data), &t, &e);
        if (status == ENG_OK)
            status = eng_csv_get_date(t, 0, 0, d, NULL, &e);
        eng_csv_free(t);
        if (status == ENG_EFAIL)
            return out_of_memory(err);
    }
    if (status != ENG_OK)
        return eng_error_set(err, ENG_EINPUT,
                            "--as-of: \"%.64s\" is not a date (expected YYYY-MM-DD, YYYY-MM or "
                            "DD/MM/YYYY)", text);
    return ENG_OK;
}

static int by_start(const void *pa, const void *pb)
{
    const episode *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* Groups the episodes by person with a counting sort (persons in order of first appearance),
 * then sorts each person's few episodes by start: O(n) plus small sorts, where a sort of all the
 * episodes by person id would compare strings n log n times. */
static int group(fit *f, episode *raw, eng_error *err)
{
    size_t np = f->persons.n;
    f->first = calloc(np + 1, sizeof *f->first);
    size_t *pos = malloc((np + 1) * sizeof *pos);
    f->ep = malloc(f->nep * sizeof *f->ep);
    if (!f->first || !pos || !f->ep) {
        free(pos);
        return out_of_memory(err);
    }
    for (size_t i = 0; i < f->nep; i++)
        f->first[raw[i].person + 1]++;
    for (size_t p = 0; p < np; p++)
        f->first[p + 1] += f->first[p];
    memcpy(pos, f->first, (np + 1) * sizeof *pos);
    for (size_t i = 0; i < f->nep; i++)
        f->ep[pos[raw[i].person]++] = raw[i];
    free(pos);
    for (size_t p = 0; p < np; p++)
        if (f->first[p + 1] - f->first[p] > 1)
            qsort(f->ep + f->first[p], f->first[p + 1] - f->first[p], sizeof *f->ep, by_start);
    return ENG_OK;
}

/* Two episodes of a person starting the same day are the same episode given twice; an episode
 * starting before the previous one ended (or while it is open) overlaps it. Ending and starting
 * the same day is the usual passage from one module to the next. */
static int check_overlaps(const fit *f, eng_error *err)
{
    const eng_csv *t = f->t;
    for (size_t p = 0; p < f->persons.n; p++)
        for (size_t i = f->first[p] + 1; i < f->first[p + 1]; i++) {
            const episode *a = &f->ep[i - 1], *b = &f->ep[i];
            if (b->start == a->start)
                return eng_csv_cell_error(t, b->row, f->col_start, err,
                                         "duplicated episode: person \"%s\" already has an "
                                         "episode starting %s, at line %ld (expected one row per "
                                         "person and module episode)", f->persons.names[p],
                                         eng_csv_get_text(t, b->row, f->col_start),
                                         eng_csv_line(t, a->row));
            if (a->end > b->start) {
                char until[80];
                if (a->end == OPEN)
                    snprintf(until, sizeof until, "still open");
                else
                    snprintf(until, sizeof until, "ending %s",
                             eng_csv_get_text(t, a->row, f->col_end));
                return eng_csv_cell_error(t, b->row, f->col_start, err,
                                         "%s overlaps the %s episode of person \"%s\" at line "
                                         "%ld, %s (expected episodes of a person one after the "
                                         "other)", eng_csv_get_text(t, b->row, f->col_start),
                                         ea_module_names[a->module], f->persons.names[p],
                                         eng_csv_line(t, a->row), until);
            }
        }
    return ENG_OK;
}

/* Drops the episodes starting after as-of and censors those ending after it, then removes the
 * persons left without an episode. Each person's episodes are sorted by start, so the dropped
 * ones are at the end of their group. */
static void truncate_at_as_of(fit *f)
{
    size_t kept = 0, persons = 0;
    for (size_t p = 0; p < f->persons.n; p++) {
        size_t from = kept;
        for (size_t i = f->first[p]; i < f->first[p + 1]; i++) {
            episode e = f->ep[i];
            if (e.start > f->as_of) {
                f->ndropped++;
                continue;
            }
            if (e.end != OPEN && e.end > f->as_of) {
                e.end = OPEN;
                e.next = NO_TARGET;
            }
            e.person = persons;
            f->ep[kept++] = e;
        }
        if (kept > from)
            f->first[persons++] = from;
    }
    f->first[persons] = kept;
    f->nep = kept;
    f->npersons = persons;
}

static int read_records(fit *f, const char *as_of, eng_error *err)
{
    /* --as-of first: a typo in it is reported before a long read. */
    int status = as_of ? parse_as_of(as_of, &f->as_of_date, err) : ENG_OK;
    if (status == ENG_OK)
        status = eng_csv_read(f->path, &f->t, err);
    if (status == ENG_OK)
        status = find_columns(f, err);
    if (status != ENG_OK)
        return status;
    f->depts.fold = 1;
    size_t n = eng_csv_nrows(f->t);
    if (n == 0)
        return eng_error_set(err, ENG_EINPUT, "%s: no episode (expected one row per person and "
                            "module episode after the header)", f->path);
    episode *raw = malloc(n * sizeof *raw);
    if (!raw)
        return out_of_memory(err);
    long latest = LONG_MIN;
    for (size_t i = 0; i < n && status == ENG_OK; i++)
        status = read_row(f, i, &raw[i], &latest, err);
    f->nep = n;
    if (status == ENG_OK)
        status = group(f, raw, err);
    free(raw);
    if (status == ENG_OK)
        status = check_overlaps(f, err);
    if (status != ENG_OK)
        return status;
    if (as_of) {
        f->as_of = eng_date_days(f->as_of_date);
    } else {
        f->as_of = latest;
        f->as_of_date = date_of(latest);
    }
    truncate_at_as_of(f);
    if (f->npersons == 0) {
        char d[16];
        date_text(f->as_of_date, d);
        return eng_error_set(err, ENG_EINPUT, "%s: no episode starts on or before the as-of date "
                            "%s (expected a later --as-of)", f->path, d);
    }
    return ENG_OK;
}

/* ---- Estimates ------------------------------------------------------------------------------- */

static int estimate_durations(fit *f, int m, eng_error *err)
{
    module_stat *ms = &f->mod[m];
    double *t = malloc(ms->n * sizeof *t);
    unsigned char *event = malloc(ms->n * sizeof *event);
    if (!t || !event) {
        free(t);
        free(event);
        return out_of_memory(err);
    }
    size_t k = 0;
    for (size_t i = 0; i < f->nep; i++) {
        const episode *e = &f->ep[i];
        if (e->module != m)
            continue;
        event[k] = e->end != OPEN;
        t[k++] = months((e->end != OPEN ? e->end : f->as_of) - e->start);
    }
    eng_surv *s = NULL;
    int status = eng_surv_alloc(t, event, ms->n, &s, err);
    free(t);
    free(event);
    if (status == ENG_OK)
        status = eng_km_estimate(s, &ms->km, err);
    if (status == ENG_OK) {
        status = eng_fit_all(s, ms->fits, &ms->chosen, err);
        if (status != ENG_OK)
            eng_error_prefix(err, "%s: module %s: ", f->path, ea_module_names[m]);
    }
    eng_surv_free(s);
    return status;
}

/* Counts what the estimates need in one pass over the episodes. */
static int count(fit *f, eng_error *err)
{
    f->dept = calloc(f->depts.n, sizeof *f->dept);
    if (!f->dept)
        return out_of_memory(err);
    f->window_start = LONG_MAX;
    for (size_t p = 0; p < f->npersons; p++) {
        const episode *e = &f->ep[f->first[p]];
        f->mix[e->module]++;
        f->dept[e->dept].entries++;
        if (e->entry < f->window_start)
            f->window_start = e->entry;
    }
    for (size_t i = 0; i < f->nep; i++) {
        const episode *e = &f->ep[i];
        module_stat *ms = &f->mod[e->module];
        dept_stat *d = &f->dept[e->dept];
        ms->n++;
        d->seen = 1;
        if (e->end == OPEN) {
            f->open++;
            d->in_support++;
            d->by_module[e->module]++;
            continue;
        }
        ms->ended++;
        ms->route[e->next]++;
        if (e->next >= EA_NMODULES) {
            f->exits[e->next - EA_NMODULES]++;
            f->nexits++;
        }
    }
    f->window_date = date_of(f->window_start);
    f->window_months = months(f->as_of - f->window_start + 1);
    return ENG_OK;
}

/* The modules from which no route of positive probability leads to an exit: the scenario would
 * keep people there forever, and the simulation refuses it. Returns the first, or -1. */
static int stuck_module(const fit *f)
{
    int reach[EA_NMODULES] = { 0 };
    for (int changed = 1; changed;) {
        changed = 0;
        for (int m = 0; m < EA_NMODULES; m++) {
            if (!f->mod[m].n || reach[m])
                continue;
            for (int t = 0; t < EA_MAX_TARGETS; t++)
                if (f->mod[m].units[t] > 0 && (t >= EA_NMODULES || reach[t])) {
                    reach[m] = changed = 1;
                    break;
                }
        }
    }
    for (int m = 0; m < EA_NMODULES; m++)
        if (f->mod[m].n && !reach[m])
            return m;
    return -1;
}

/* Checks that the records give everything a scenario needs, and rounds the shares it writes. */
static int check_pathway(fit *f, eng_error *err)
{
    for (size_t k = 0; k < f->depts.n && f->depts.n > 1; k++)
        if (eng_strcasecmp(f->depts.names[k], "region") == 0)
            return eng_error_set(err, ENG_EINPUT, "%s: department \"region\" (a single platform) "
                                "appears beside other departments; region names their sum",
                                f->path);
    char d[16];
    date_text(f->as_of_date, d);
    for (int m = 0; m < EA_NMODULES; m++) {
        const module_stat *ms = &f->mod[m];
        if (ms->n && !ms->ended)
            return eng_error_set(err, ENG_EINPUT,
                                "%s: module %s has no ended episode by %s (%zu open), so its "
                                "routing cannot be estimated (expected at least one %s episode "
                                "with module_end and next)", f->path, ea_module_names[m], d,
                                ms->n, ea_module_names[m]);
        for (int to = 0; to < EA_NMODULES; to++)
            if (ms->route[to] && !f->mod[to].n)
                return eng_error_set(err, ENG_EINPUT,
                                    "%s: %zu %s episode%s went on to %s, but no %s episode starts "
                                    "by %s, so its duration cannot be estimated (expected the %s "
                                    "episodes in the records)", f->path, ms->route[to],
                                    ea_module_names[m], ms->route[to] == 1 ? "" : "s",
                                    ea_module_names[to], ea_module_names[to], d,
                                    ea_module_names[to]);
    }
    if (f->nexits == 0)
        return eng_error_set(err, ENG_EINPUT, "%s: no episode ends with an exit by %s (expected "
                            "next = exit.REASON for the persons who left), so the pathway would "
                            "never end", f->path, d);
    for (int m = 0; m < EA_NMODULES; m++)
        if (f->mod[m].ended)
            round_shares(f->mod[m].route, EA_MAX_TARGETS, f->mod[m].units);
    int stuck = stuck_module(f);
    if (stuck >= 0)
        return eng_error_set(err, ENG_EINPUT, "%s: no route from module %s leads to an exit in the "
                            "records by %s (expected some pathways through %s to end with "
                            "exit.REASON)", f->path, ea_module_names[stuck], d,
                            ea_module_names[stuck]);
    round_shares(f->mix, EA_NMODULES, f->mix_units);
    for (size_t k = 0; k < f->depts.n; k++)
        if (f->dept[k].in_support)
            round_shares(f->dept[k].by_module, EA_NMODULES, f->dept[k].units);
    return ENG_OK;
}

typedef struct named {
    const char *name;
    size_t index;
} named;

static int by_name(const void *pa, const void *pb)
{
    return strcmp(((const named *)pa)->name, ((const named *)pb)->name);
}

/* Indices of d's names sorted in byte order, for readable tables; NULL when out of memory. */
static size_t *sorted_names(const dict *d)
{
    size_t n = d->n ? d->n : 1;
    named *v = malloc(n * sizeof *v);
    size_t *order = malloc(n * sizeof *order);
    if (v && order) {
        for (size_t i = 0; i < d->n; i++)
            v[i] = (named){ d->names[i], i };
        qsort(v, d->n, sizeof *v, by_name);
        for (size_t i = 0; i < d->n; i++)
            order[i] = v[i].index;
    } else {
        free(order);
        order = NULL;
    }
    free(v);
    return order;
}

/* The profile values of each person, from their first episode: the individual questionnaire is
 * filled in at entry. */
static int read_profiles(fit *f, eng_error *err)
{
    for (int k = 0; k < NPROFILES; k++) {
        if (f->col_profile[k] < 0)
            continue;
        f->value_of[k] = malloc(f->npersons * sizeof *f->value_of[k]);
        if (!f->value_of[k])
            return out_of_memory(err);
        for (size_t p = 0; p < f->npersons; p++) {
            const char *s = eng_csv_get_text(f->t, f->ep[f->first[p]].row, f->col_profile[k]);
            f->value_of[k][p] = SIZE_MAX;
            if (*s && dict_intern(&f->values[k], s, &f->value_of[k][p]) != 0)
                return out_of_memory(err);
        }
        if (!(f->value_order[k] = sorted_names(&f->values[k])))
            return out_of_memory(err);
    }
    return ENG_OK;
}

static int estimate(fit *f, eng_error *err)
{
    int status = count(f, err);
    if (status == ENG_OK)
        status = check_pathway(f, err);
    for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++)
        if (f->mod[m].n)
            status = estimate_durations(f, m, err);
    if (status == ENG_OK && !(f->dept_order = sorted_names(&f->depts)))
        status = out_of_memory(err);
    if (status == ENG_OK)
        status = read_profiles(f, err);
    return status;
}

/* ---- The scenario ---------------------------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void target_name(const fit *f, int t, char *buf, size_t size)
{
    if (t < EA_NMODULES)
        snprintf(buf, size, "%s", ea_module_names[t]);
    else
        snprintf(buf, size, "exit.%s", f->reasons.names[t - EA_NMODULES]);
}

/* The file name of the records for the scenario's texts, without control characters: a line
 * break in it would end the INI line. */
static void records_name(const fit *f, char *buf, size_t size)
{
    size_t n = 0;
    for (const char *s = base_name(f->path); *s && n + 1 < size; s++)
        if ((unsigned char)*s >= 0x20 && *s != 0x7F)
            buf[n++] = *s;
    buf[n] = '\0';
}

/* Writes the scenario name as iniparser reads it back: "Fitted from" and the records' file name,
 * cut to the scenario's limit on a character boundary, quoted (the name may hold ; or #) with the
 * kind of quote it does not hold, since iniparser has no escapes; a name holding both loses its
 * double quotes. */
static void write_name(const fit *f, FILE *o)
{
    char file[512], name[EA_MAX_TEXT + 512];
    records_name(f, file, sizeof file);
    snprintf(name, sizeof name, "Fitted from %s", file);
    /* name[cut] is the first byte left out: a continuation byte means a character cut in two. */
    size_t cut = strlen(name);
    if (cut > EA_MAX_TEXT - 1)
        cut = EA_MAX_TEXT - 1;
    while (cut > 0 && ((unsigned char)name[cut] & 0xC0) == 0x80)
        cut--;
    name[cut] = '\0';
    char q = strchr(name, '"') && !strchr(name, '\'') ? '\'' : '"';
    fputc(q, o);
    for (const char *s = name; *s; s++)
        if (*s != q)
            fputc(*s, o);
    fprintf(o, "%c\n", q);
}

/* "0.75, 95 % interval [0.62, 0.85]" for a comment. */
static void interval_text(double x, double lo, double hi, char *buf, size_t size)
{
    snprintf(buf, size, "%.4g, 95 %% interval [%.4g, %.4g]", x, lo, hi);
}

static int write_module(const fit *f, int m, FILE *o, eng_error *err)
{
    const module_stat *ms = &f->mod[m];
    const eng_fit *c = &ms->fits[ms->chosen];
    char dist[128], line[ENG_INI_MAX_LINE + 64], v[32], iv[128];
    eng_fit_format(c, dist, sizeof dist);
    fprintf(o, "\n[module.%s]\n", ea_module_names[m]);
    fprintf(o, "; %s: lowest AIC of the %d families", eng_fit_family_name(c->family),
            ENG_FIT_NFAMILIES);
    for (int k = 0; k < ENG_FIT_NFAMILIES; k++)
        if (ms->fits[k].rank == 2)
            fprintf(o, " (%s next, %.1f higher)", eng_fit_family_name(ms->fits[k].family),
                    ms->fits[k].delta_aic);
    fprintf(o, "; mean %.4g months, 95 %% interval [%.4g, %.4g]; %zu episodes, %zu ended\n",
            c->mean, c->mean_lower95, c->mean_upper95, ms->n, ms->ended);
    fprintf(o, "duration = %s\n", dist);
    fprintf(o, "; Hours of support are not in the records: set them.\nintensity = 0\n");
    size_t len = (size_t)snprintf(line, sizeof line, "next = ");
    for (int t = 0; t < EA_MAX_TARGETS; t++) {
        if (!ms->route[t])
            continue;
        char name[EA_MAX_NAME + 8];
        double lo, hi;
        target_name(f, t, name, sizeof name);
        wilson(ms->route[t], ms->ended, &lo, &hi);
        interval_text((double)ms->route[t] / (double)ms->ended, lo, hi, iv, sizeof iv);
        fprintf(o, "; %s: %s; %zu of %zu ended episodes\n", name, iv, ms->route[t], ms->ended);
        put_units(v, sizeof v, ms->units[t]);
        if (len < sizeof line)
            len += (size_t)snprintf(line + len, sizeof line - len, "%s%s:%s",
                                    len > 7 ? ", " : "", name, v);
    }
    if (len > ENG_INI_MAX_LINE)
        return eng_error_set(err, ENG_EINPUT,
                            "%s: the routing of module %s would take %zu characters, more than "
                            "the %d of a scenario line (expected shorter exit reason names)",
                            f->path, ea_module_names[m], len, ENG_INI_MAX_LINE);
    fprintf(o, "%s\n", line);
    return ENG_OK;
}

static void write_department(const fit *f, size_t k, FILE *o)
{
    const dept_stat *d = &f->dept[k];
    char asof[16], from[16], v[32], iv[128];
    date_text(f->as_of_date, asof);
    date_text(f->window_date, from);
    double lo, hi, rate = (double)d->entries / f->window_months;
    poisson(d->entries, f->window_months, &lo, &hi);
    /* 4 significant digits: far finer than the interval of any rate estimated from records. */
    snprintf(v, sizeof v, "%.4g", rate);
    eng_parse_double(v, &rate);
    eng_format_double(v, sizeof v, rate);
    const char *code = f->depts.names[k];
    if (eng_strcasecmp(code, "region") == 0)
        fprintf(o, "\n[platform]\nname = region\n");
    else
        fprintf(o, "\n[department.%s]\nname = %s\n", code, code);
    interval_text((double)d->entries / f->window_months, lo, hi, iv, sizeof iv);
    fprintf(o, "; %s (exact Poisson); %zu persons entered in %.4g months, %s to %s\n", iv,
            d->entries, f->window_months, from, asof);
    fprintf(o, "entries_per_month = %s\n", v);
    fprintf(o, "; Persons in support on %s in the records (episodes open then).\n", asof);
    fprintf(o, "initial_file_active = %zu\n", d->in_support);
    fprintf(o, "; Funded places are not in the records: set them (here the persons in support on "
            "%s).\nplaces = %zu\n", asof, d->in_support);
    if (!d->in_support)
        return;
    fprintf(o, "; Modules of the %zu persons in support on %s:", d->in_support, asof);
    for (int m = 0; m < EA_NMODULES; m++)
        if (d->by_module[m])
            fprintf(o, " %s %zu", ea_module_names[m], d->by_module[m]);
    fputs("\ninitial_mix = ", o);
    for (int m = 0, first = 1; m < EA_NMODULES; m++)
        if (d->by_module[m]) {
            put_units(v, sizeof v, d->units[m]);
            fprintf(o, "%s%s:%s", first ? "" : ", ", ea_module_names[m], v);
            first = 0;
        }
    fputc('\n', o);
}

static int write_ini(const fit *f, FILE *o, eng_error *err)
{
    char asof[16], month[8], v[32], iv[128], file[512];
    date_text(f->as_of_date, asof);
    eng_date_month_format(eng_date_month_index(f->as_of_date) + 1, month);
    records_name(f, file, sizeof file);
    fprintf(o, "; Scenario fitted by `eaflow fit` from %s: %zu persons, %zu episodes, as of %s.\n"
            "; Each estimated value follows a comment with its 95 %% interval and the number of\n"
            "; observations. Support hours (intensity) and funded places are not in the records:\n"
            "; set them before simulating.\n\n[scenario]\nname = ",
            file, f->npersons, f->nep, asof);
    write_name(f, o);
    fprintf(o, "; The month after the as-of date %s.\nstart = %s\n", asof, month);
    fprintf(o, "; Run settings to adjust: they are not estimated.\nmonths = %d\nreplications = %d\n"
            "seed = %d\n", FIT_MONTHS, FIT_REPLICATIONS, FIT_SEED);

    fputs("\n[entries]\n", o);
    for (int m = 0; m < EA_NMODULES; m++) {
        if (!f->mix[m])
            continue;
        double lo, hi;
        wilson(f->mix[m], f->npersons, &lo, &hi);
        interval_text((double)f->mix[m] / (double)f->npersons, lo, hi, iv, sizeof iv);
        fprintf(o, "; %s: %s; %zu of %zu persons start there\n", ea_module_names[m], iv,
                f->mix[m], f->npersons);
    }
    fputs("mix = ", o);
    for (int m = 0, first = 1; m < EA_NMODULES; m++)
        if (f->mix[m]) {
            put_units(v, sizeof v, f->mix_units[m]);
            fprintf(o, "%s%s:%s", first ? "" : ", ", ea_module_names[m], v);
            first = 0;
        }

    fprintf(o, "\n\n[exits]\n; The exit reasons of the records, in order of first appearance "
            "(%zu exits).\nreasons = ", f->nexits);
    for (size_t r = 0, first = 1; r < f->reasons.n; r++)
        if (f->exits[r]) {
            fprintf(o, "%s%s", first ? "" : ", ", f->reasons.names[r]);
            first = 0;
        }
    fputc('\n', o);

    for (int m = 0; m < EA_NMODULES; m++)
        if (f->mod[m].n) {
            int status = write_module(f, m, o, err);
            if (status != ENG_OK)
                return status;
        }
    for (size_t i = 0; i < f->depts.n; i++)
        if (f->dept[f->dept_order[i]].seen)
            write_department(f, f->dept_order[i], o);
    return ENG_OK;
}

/* ---- Tables ---------------------------------------------------------------------------------- */

static void put_sep(FILE *o, const eng_csv_style *st)
{
    fputc(st->sep, o);
}

static void write_fit_csv(const fit *f, FILE *o, const eng_csv_style *st)
{
    ea_tables_write_header(o, EA_TABLE_FIT, st);
    for (int m = 0; m < EA_NMODULES; m++) {
        const module_stat *ms = &f->mod[m];
        for (int k = 0; ms->n && k < ENG_FIT_NFAMILIES; k++) {
            const eng_fit *x = &ms->fits[k];
            char dist[128];
            eng_fit_format(x, dist, sizeof dist);
            eng_csv_text(o, ea_module_names[m], st);
            put_sep(o, st);
            eng_csv_text(o, eng_fit_family_name(x->family), st);
            put_sep(o, st);
            eng_csv_text(o, dist, st);
            const double nums[] = { x->mean, x->loglik, x->aic, (double)(k == (int)ms->chosen),
                                    x->mean_lower95, x->mean_upper95, x->sd, x->delta_aic,
                                    (double)ms->n, (double)ms->ended };
            for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
                put_sep(o, st);
                eng_csv_number(o, nums[i], st);
            }
            fputc('\n', o);
        }
    }
}

static void write_km_csv(const fit *f, FILE *o, const eng_csv_style *st)
{
    ea_tables_write_header(o, EA_TABLE_KM, st);
    for (int m = 0; m < EA_NMODULES; m++)
        for (size_t i = 0; f->mod[m].n && i < f->mod[m].km.nrows; i++) {
            const eng_km_row *r = &f->mod[m].km.rows[i];
            eng_csv_text(o, ea_module_names[m], st);
            const double nums[] = { r->time, (double)r->at_risk, (double)r->events,
                                    (double)r->censored, r->survival, r->se, r->lower95,
                                    r->upper95 };
            for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
                put_sep(o, st);
                eng_csv_number(o, nums[k], st);
            }
            fputc('\n', o);
        }
}

static void estimate_row(FILE *o, const eng_csv_style *st, const char *kind, const char *scope,
                         const char *item, double x, double lo, double hi, size_t n)
{
    eng_csv_text(o, kind, st);
    put_sep(o, st);
    eng_csv_text(o, scope, st);
    put_sep(o, st);
    eng_csv_text(o, item, st);
    const double nums[] = { x, lo, hi, (double)n };
    for (size_t k = 0; k < 4; k++) {
        put_sep(o, st);
        eng_csv_number(o, nums[k], st);
    }
    fputc('\n', o);
}

static void share_row(FILE *o, const eng_csv_style *st, const char *kind, const char *scope,
                      const char *item, size_t x, size_t n)
{
    double lo, hi;
    wilson(x, n, &lo, &hi);
    estimate_row(o, st, kind, scope, item, n ? (double)x / (double)n : NAN, lo, hi, n);
}

/* The profile of the persons in support on `day`: those with an episode covering it (started on
 * or before, ended after). Episodes of a person do not overlap, so each counts once. */
static int write_wave(const fit *f, long day, FILE *o, const eng_csv_style *st, eng_error *err)
{
    char scope[16];
    date_text(date_of(day), scope);
    size_t ages[NAGES] = { 0 }, nages = 0;
    size_t *counts[NPROFILES] = { NULL }, known[NPROFILES] = { 0 };
    int status = ENG_OK;
    for (int k = 0; k < NPROFILES && status == ENG_OK; k++)
        if (f->col_profile[k] >= 0 &&
            !(counts[k] = calloc(f->values[k].n + 1, sizeof *counts[k])))
            status = out_of_memory(err);
    for (size_t p = 0; p < f->npersons && status == ENG_OK; p++) {
        const episode *e0 = &f->ep[f->first[p]];
        int covered = 0;
        for (size_t i = f->first[p]; i < f->first[p + 1] && !covered; i++)
            covered = f->ep[i].start <= day && day < f->ep[i].end;
        if (!covered)
            continue;
        for (int k = 0; k < NPROFILES; k++)
            if (counts[k] && f->value_of[k][p] != SIZE_MAX) {
                counts[k][f->value_of[k][p]]++;
                known[k]++;
            }
        if (!isnan(e0->age)) {
            double age = e0->age + (double)(day - e0->entry) / DAYS_PER_YEAR;
            int band = 0;
            while (band < NAGES - 1 && age >= age_limits[band])
                band++;
            ages[band]++;
            nages++;
        }
    }
    for (int k = 0; k < NPROFILES && status == ENG_OK; k++) {
        if (!counts[k])
            continue;
        const dict *d = &f->values[k];
        for (size_t r = 0; r < d->n && status == ENG_OK; r++) {
            size_t v = f->value_order[k][r];
            char *item = malloc(strlen(profile_columns[k]) + strlen(d->names[v]) + 2);
            if (!item) {
                status = out_of_memory(err);
                break;
            }
            sprintf(item, "%s=%s", profile_columns[k], d->names[v]);
            share_row(o, st, "profile", scope, item, counts[k][v], known[k]);
            free(item);
        }
    }
    for (int b = 0; b < NAGES && f->col_age >= 0 && status == ENG_OK; b++) {
        char item[16];
        snprintf(item, sizeof item, "age=%s", age_labels[b]);
        share_row(o, st, "profile", scope, item, ages[b], nages);
    }
    for (int k = 0; k < NPROFILES; k++)
        free(counts[k]);
    return status;
}

static int write_estimates(const fit *f, FILE *o, const eng_csv_style *st, eng_error *err)
{
    char asof[16], item[EA_MAX_NAME + 8];
    double lo, hi;
    date_text(f->as_of_date, asof);
    ea_tables_write_header(o, EA_TABLE_ESTIMATES, st);
    for (size_t i = 0; i <= f->depts.n; i++) {
        int region = i == f->depts.n;
        const dept_stat *d = region ? NULL : &f->dept[f->dept_order[i]];
        if (d && !d->seen)
            continue;
        size_t n = region ? f->npersons : d->entries;
        const char *scope = region ? "region" : f->depts.names[f->dept_order[i]];
        poisson(n, f->window_months, &lo, &hi);
        estimate_row(o, st, "entry_rate", scope, "per_month", (double)n / f->window_months, lo,
                     hi, n);
        n = region ? f->open : d->in_support;
        estimate_row(o, st, "in_support", scope, asof, (double)n, NAN, NAN, n);
    }
    for (int m = 0; m < EA_NMODULES; m++)
        share_row(o, st, "entry_mix", "region", ea_module_names[m], f->mix[m], f->npersons);
    for (int m = 0; m < EA_NMODULES; m++)
        for (int t = 0; t < EA_MAX_TARGETS; t++)
            if (f->mod[m].route[t]) {
                target_name(f, t, item, sizeof item);
                share_row(o, st, "routing", ea_module_names[m], item, f->mod[m].route[t],
                          f->mod[m].ended);
            }
    for (size_t r = 0; r < f->reasons.n; r++)
        if (f->exits[r])
            share_row(o, st, "exit_reason", "region", f->reasons.names[r], f->exits[r],
                      f->nexits);
    for (int m = 0; m < EA_NMODULES; m++)
        if (f->mod[m].n) {
            const eng_km *km = &f->mod[m].km;
            estimate_row(o, st, "median_months", ea_module_names[m], "km", km->median,
                         km->median_lower95, km->median_upper95, km->n);
        }
    int any = f->col_age >= 0;
    for (int k = 0; k < NPROFILES; k++)
        any |= f->col_profile[k] >= 0;
    for (int y = f->window_date.year; any && y <= f->as_of_date.year; y++)
        for (size_t w = 0; w < sizeof waves / sizeof waves[0]; w++) {
            long day = eng_date_days((eng_date){ y, waves[w].month, waves[w].day });
            if (day < f->window_start || day > f->as_of)
                continue;
            int status = write_wave(f, day, o, st, err);
            if (status != ENG_OK)
                return status;
        }
    return ENG_OK;
}

/* ---- Summary --------------------------------------------------------------------------------- */

/* A number in French for the summary: grouped digits and a decimal comma. */
typedef struct fr_text {
    char s[48];
} fr_text;

static fr_text fr(double x, int decimals)
{
    fr_text t;
    eng_format_grouped(t.s, sizeof t.s, x, decimals, " ", ',');
    return t;
}

static fr_text fr_count(size_t n)
{
    return fr((double)n, 0);
}

static fr_text fr_date(eng_date d)
{
    fr_text t;
    snprintf(t.s, sizeof t.s, "%02d/%02d/%04d", d.day, d.month, d.year);
    return t;
}

/* Writes s left-aligned on `width` characters, counted as UTF-8 characters rather than bytes. */
static void put_padded(FILE *r, const char *s, int width)
{
    int n = 0;
    for (const char *p = s; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    fputs(s, r);
    for (; n < width; n++)
        fputc(' ', r);
}

static void write_report(const fit *f, const char *dir, const char *ini_name, FILE *r)
{
    double lo, hi;
    fprintf(r, "Ajustement de %s au %s\n", base_name(f->path), fr_date(f->as_of_date).s);
    fprintf(r, "  %s personnes, %s épisodes dont %s en cours à cette date (%s %% censurés)",
            fr_count(f->npersons).s, fr_count(f->nep).s, fr_count(f->open).s,
            fr(100.0 * (double)f->open / (double)f->nep, 1).s);
    if (f->ndropped)
        fprintf(r, " ; %s épisodes commencés après, ignorés", fr_count(f->ndropped).s);
    fprintf(r, "\n  Observation du %s au %s (%s mois)\n\n", fr_date(f->window_date).s,
            fr_date(f->as_of_date).s, fr(f->window_months, 1).s);

    fputs("Entrées par mois (intervalle de Poisson exact à 95 %)\n", r);
    for (size_t i = 0; i <= f->depts.n; i++) {
        int region = i == f->depts.n;
        const dept_stat *d = region ? NULL : &f->dept[f->dept_order[i]];
        if (d && !d->seen)
            continue;
        size_t n = region ? f->npersons : d->entries;
        poisson(n, f->window_months, &lo, &hi);
        fputs("  ", r);
        put_padded(r, region ? "région" : f->depts.names[f->dept_order[i]], 10);
        fprintf(r, " %8s  [%s ; %s]  %s personnes entrées, %s en accompagnement\n",
                fr((double)n / f->window_months, 2).s, fr(lo, 2).s, fr(hi, 2).s, fr_count(n).s,
                fr_count(region ? f->open : d->in_support).s);
    }

    fputs("\nDurée des modules (loi retenue : plus petit AIC ; moyenne et intervalle à 95 %)\n", r);
    for (int m = 0; m < EA_NMODULES; m++) {
        const module_stat *ms = &f->mod[m];
        if (!ms->n)
            continue;
        const eng_fit *c = &ms->fits[ms->chosen];
        char dist[128];
        eng_fit_format(c, dist, sizeof dist);
        fprintf(r, "  %-10s %s : moyenne %s mois [%s ; %s]", ea_module_names[m], dist,
                fr(c->mean, 1).s, fr(c->mean_lower95, 1).s, fr(c->mean_upper95, 1).s);
        for (int k = 0; k < ENG_FIT_NFAMILIES; k++)
            if (ms->fits[k].rank == 2)
                fprintf(r, ", AIC inférieur de %s à %s", fr(ms->fits[k].delta_aic, 1).s,
                        eng_fit_family_name(ms->fits[k].family));
        fprintf(r, " ; médiane observée %s mois ; %s épisodes, %s terminés\n",
                fr(ms->km.median, 1).s, fr_count(ms->n).s, fr_count(ms->ended).s);
    }

    fputs("\nOrientation à la fin des modules (part des épisodes terminés, intervalle de Wilson "
          "à 95 %)\n", r);
    for (int m = 0; m < EA_NMODULES; m++) {
        const module_stat *ms = &f->mod[m];
        if (!ms->ended)
            continue;
        fprintf(r, "  %-10s", ea_module_names[m]);
        for (int t = 0, first = 1; t < EA_MAX_TARGETS; t++)
            if (ms->route[t]) {
                char name[EA_MAX_NAME + 8];
                target_name(f, t, name, sizeof name);
                wilson(ms->route[t], ms->ended, &lo, &hi);
                fprintf(r, "%s%s %s %% [%s ; %s]", first ? " " : " ; ", name,
                        fr(100.0 * (double)ms->route[t] / (double)ms->ended, 1).s,
                        fr(100 * lo, 1).s, fr(100 * hi, 1).s);
                first = 0;
            }
        fputc('\n', r);
    }

    fprintf(r, "\nMotifs de sortie (%s sorties, intervalle de Wilson à 95 %%)\n",
            fr_count(f->nexits).s);
    for (size_t k = 0; k < f->reasons.n; k++)
        if (f->exits[k]) {
            wilson(f->exits[k], f->nexits, &lo, &hi);
            fprintf(r, "  %-20s %s %% [%s ; %s]\n", f->reasons.names[k],
                    fr(100.0 * (double)f->exits[k] / (double)f->nexits, 1).s, fr(100 * lo, 1).s,
                    fr(100 * hi, 1).s);
        }
    fprintf(r, "\nÉcrits dans %s : %s (scénario : intensités et places à renseigner), fit.csv, "
            "km.csv, estimates.csv\n", dir, ini_name);
}

/* ---- The command ----------------------------------------------------------------------------- */

static int write_outputs(const fit *f, const char *dir, const char *ini_name,
                         const eng_csv_style *st, eng_error *err)
{
    eng_out *out = eng_out_begin(dir, err);
    if (!out)
        return ENG_EFAIL;
    FILE *ini = eng_out_open(out, ini_name, err);
    int status = ini ? write_ini(f, ini, err) : ENG_EFAIL;
    FILE *fits = status == ENG_OK ? eng_out_open(out, "fit.csv", err) : NULL;
    FILE *km = fits ? eng_out_open(out, "km.csv", err) : NULL;
    FILE *est = km ? eng_out_open(out, "estimates.csv", err) : NULL;
    if (status == ENG_OK && !est)
        status = ENG_EFAIL;
    if (status == ENG_OK) {
        write_fit_csv(f, fits, st);
        write_km_csv(f, km, st);
        status = write_estimates(f, est, st, err);
    }
    if (status != ENG_OK) {
        eng_out_abort(out);
        return status;
    }
    return eng_out_commit(out, err);
}

int ea_fit_run(const char *records_path, const char *fitted_ini_path, const char *as_of,
               const eng_csv_style *style, FILE *report, eng_error *err)
{
    const char *ini_path = fitted_ini_path ? fitted_ini_path : "fitted.ini";
    const char *ini_name = base_name(ini_path);
    if (!*ini_name)
        return eng_error_set(err, ENG_EINPUT, "%s: expected the path of the scenario file to write "
                            "(for example out/fitted.ini), not a directory", ini_path);
    /* The directory without its final slash, "/" for the root, "." for none. */
    size_t dir_len = (size_t)(ini_name - ini_path);
    char *dir = malloc(dir_len + 2);
    if (!dir)
        return out_of_memory(err);
    if (dir_len > 1)
        snprintf(dir, dir_len, "%s", ini_path);
    else
        strcpy(dir, dir_len ? "/" : ".");
    fit f;
    memset(&f, 0, sizeof f);
    f.path = records_path;
    int status = read_records(&f, as_of, err);
    if (status == ENG_OK)
        status = estimate(&f, err);
    if (status == ENG_OK)
        status = write_outputs(&f, dir, ini_name, style ? style : &eng_csv_standard, err);
    if (status == ENG_OK && report)
        write_report(&f, dir, ini_name, report);
    fit_clear(&f);
    free(dir);
    return status;
}
