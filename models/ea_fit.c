/* ea_fit.c — Fitting a scenario to individual records: the episodes read and checked, grouped by
 * person with one sort, counted, and turned into the estimates and the scenario they describe. */
#include "ea_fit.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_dict.h"
#include "../engine/eng_text.h"
#include "ea_indicators.h"

/* Ages are in years of 365.25 days, as elapsed time is added to the age at entry. */
#define DAYS_PER_YEAR 365.25

/* The run settings of the scenario written: three years of 100 replications from seed 1. They are
 * not estimates but starting values, which the user changes like those of any scenario. */
enum { FIT_MONTHS = 36, FIT_REPLICATIONS = 100, FIT_SEED = 1 };

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

/* ---- The records ----------------------------------------------------------------------------- */

typedef struct episode {
    size_t row;                /* data row of the table, for messages */
    size_t person, dept;       /* indices in the dictionaries */
    long entry, start, end;    /* days since 1970-01-01; end is OPEN while the episode runs */
    double age;                /* years at entry_date; NaN when not given */
    int module;
    int next;                  /* module m, or EA_NMODULES + reason; NO_TARGET while open */
} episode;

/* Counts of a department of the records' dictionary. */
typedef struct dept_count {
    int seen;                            /* the department has an episode on or before as-of */
    ea_fit_department d;
} dept_count;

/* What is read from the records, and lives only while the fit is computed: the names point into
 * the table. */
typedef struct records {
    ea_fit *fit;
    eng_csv *t;
    int col_person, col_dept, col_entry, col_module, col_start, col_end, col_next, col_age;
    int col_profile[NPROFILES];          /* -1 for a column absent from the records */
    eng_dict *persons, *depts, *reasons;
    eng_dict *values[NPROFILES];
    episode *ep;                         /* grouped by person, each person's by start */
    size_t nep;
    size_t *first;                       /* person p's episodes: ep[first[p]] to ep[first[p+1]-1] */
    long as_of, window_start;            /* days */
    dept_count *dept;                    /* by dictionary index */
    size_t *value_of[NPROFILES];         /* per person: value index, SIZE_MAX when not given */
} records;

static void records_clear(records *r)
{
    eng_csv_free(r->t);
    eng_dict_free(r->persons);
    eng_dict_free(r->depts);
    eng_dict_free(r->reasons);
    for (int k = 0; k < NPROFILES; k++) {
        eng_dict_free(r->values[k]);
        free(r->value_of[k]);
    }
    free(r->ep);
    free(r->first);
    free(r->dept);
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

static int intern(eng_dict *d, const char *s, size_t *index, eng_error *err)
{
    return eng_dict_intern(d, s, index) == 0 ? ENG_OK : out_of_memory(err);
}

/* ---- Reading the records --------------------------------------------------------------------- */

static int read_module(records *r, size_t row, int *module, eng_error *err)
{
    const char *s = eng_csv_get_text(r->t, row, r->col_module);
    *module = ea_scenario_module_index(s);
    if (*module >= 0)
        return ENG_OK;
    const char *near = ea_scenario_closest_module(s);
    if (near)
        return eng_csv_cell_error(r->t, row, r->col_module, err,
                                 "\"%s\" is not a module (did you mean %s?)", s, near);
    return eng_csv_cell_error(r->t, row, r->col_module, err,
                             "\"%s\" is not a module (expected evaluation, projet, recherche or "
                             "maintien)", s);
}

static int read_target(records *r, size_t row, int *target, eng_error *err)
{
    const eng_csv *t = r->t;
    int col = r->col_next;
    const char *s = eng_csv_get_text(t, row, col);
    *target = NO_TARGET;
    if (!*s)
        return ENG_OK;
    if (strncmp(s, "exit.", 5) == 0) {
        if (!ea_scenario_valid_reason(s + 5))
            return eng_csv_cell_error(t, row, col, err,
                                     "\"%s\": the exit reason is not a valid name (expected "
                                     "exit.REASON, REASON being 1 to %d lower-case letters, digits "
                                     "or _)", s, EA_MAX_NAME - 1);
        size_t reason;
        if (intern(r->reasons, s + 5, &reason, err) != ENG_OK)
            return ENG_EFAIL;
        if (reason >= EA_MAX_REASONS)
            return eng_csv_cell_error(t, row, col, err,
                                     "\"%s\" is exit reason number %zu, more than the %d a "
                                     "scenario takes (expected fewer reasons: group some)", s,
                                     reason + 1, EA_MAX_REASONS);
        *target = EA_NMODULES + (int)reason;
        return ENG_OK;
    }
    *target = ea_scenario_module_index(s);
    if (*target >= 0)
        return ENG_OK;
    const char *near = ea_scenario_closest_module(s);
    if (near)
        return eng_csv_cell_error(t, row, col, err,
                                 "\"%s\" is not a module or an exit (did you mean %s?)", s, near);
    return eng_csv_cell_error(t, row, col, err,
                             "\"%s\" is not a module or an exit (expected evaluation, projet, "
                             "recherche, maintien or exit.REASON)", s);
}

/* Reads the dates and the age of row `row` into *e and checks that the dates are in order. */
static int read_dates(records *r, size_t row, episode *e, eng_error *err)
{
    const eng_csv *t = r->t;
    eng_date entry, start, end;
    int no_end;
    int status = eng_csv_get_date(t, row, r->col_entry, &entry, NULL, err);
    if (status == ENG_OK)
        status = eng_csv_get_date(t, row, r->col_start, &start, NULL, err);
    if (status == ENG_OK)
        status = eng_csv_get_date(t, row, r->col_end, &end, &no_end, err);
    e->age = NAN;
    if (status == ENG_OK && r->col_age >= 0) {
        int missing;
        status = eng_csv_get_number(t, row, r->col_age, &e->age, &missing, err);
        if (status == ENG_OK && e->age < 0)
            return eng_csv_cell_error(t, row, r->col_age, err,
                                     "%s is negative, expected an age in years >= 0",
                                     eng_csv_get_text(t, row, r->col_age));
    }
    if (status != ENG_OK)
        return status;
    e->entry = eng_date_days(entry);
    e->start = eng_date_days(start);
    e->end = no_end ? OPEN : eng_date_days(end);
    if (e->start < e->entry)
        return eng_csv_cell_error(t, row, r->col_start, err,
                                 "%s is before entry_date %s (expected the module to start on or "
                                 "after the prescription)", eng_csv_get_text(t, row, r->col_start),
                                 eng_csv_get_text(t, row, r->col_entry));
    if (!no_end && e->end < e->start)
        return eng_csv_cell_error(t, row, r->col_end, err,
                                 "%s is before module_start %s (expected an end on or after the "
                                 "start)", eng_csv_get_text(t, row, r->col_end),
                                 eng_csv_get_text(t, row, r->col_start));
    return ENG_OK;
}

/* Reads and checks row `row` into *e; *latest becomes the latest date seen so far. */
static int read_row(records *r, size_t row, episode *e, long *latest, eng_error *err)
{
    const eng_csv *t = r->t;
    const char *id = eng_csv_get_text(t, row, r->col_person);
    const char *dept = eng_csv_get_text(t, row, r->col_dept);
    if (!*id)
        return eng_csv_cell_error(t, row, r->col_person, err,
                                 "empty cell, expected the identifier of the person");
    if (!ea_scenario_valid_code(dept, strlen(dept)))
        return eng_csv_cell_error(t, row, r->col_dept, err,
                                 "\"%s\" is not a department code (expected 1 to %d letters, "
                                 "digits, _ or -)", dept, EA_MAX_NAME - 1);
    e->row = row;
    int status = intern(r->persons, id, &e->person, err);
    if (status == ENG_OK)
        status = intern(r->depts, dept, &e->dept, err);
    if (status == ENG_OK)
        status = read_module(r, row, &e->module, err);
    if (status == ENG_OK)
        status = read_target(r, row, &e->next, err);
    if (status == ENG_OK)
        status = read_dates(r, row, e, err);
    if (status != ENG_OK)
        return status;
    if (e->end == OPEN && e->next != NO_TARGET)
        return eng_csv_cell_error(t, row, r->col_end, err,
                                 "empty, but next is \"%s\" (expected the date the module ended, "
                                 "or next empty too while the person is still in the module)",
                                 eng_csv_get_text(t, row, r->col_next));
    if (e->end != OPEN && e->next == NO_TARGET)
        return eng_csv_cell_error(t, row, r->col_next, err,
                                 "empty, but module_end is %s (expected where the person went: "
                                 "a module or exit.REASON)", eng_csv_get_text(t, row, r->col_end));
    long last = e->end == OPEN ? e->start : e->end;
    if (last > *latest)
        *latest = last;
    return ENG_OK;
}

static int find_columns(records *r, eng_error *err)
{
    static const char *const required[] = { "person_id", "department", "entry_date", "module",
                                            "module_start", "module_end", "next" };
    int *cols[] = { &r->col_person, &r->col_dept, &r->col_entry, &r->col_module, &r->col_start,
                    &r->col_end, &r->col_next };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        int status = eng_csv_require(r->t, required[i], cols[i], err);
        if (status != ENG_OK)
            return status;
    }
    r->col_age = eng_csv_column(r->t, "age");
    for (int k = 0; k < NPROFILES; k++)
        r->col_profile[k] = eng_csv_column(r->t, profile_columns[k]);
    return ENG_OK;
}

/* Parses --as-of with the date reader of the records' cells, so that it takes the same forms. */
static int parse_as_of(const char *text, eng_date *d, eng_error *err)
{
    char why[96];
    if (strlen(text) >= 64 || strpbrk(text, "\"\r\n") || eng_date_parse(text, d, why, sizeof why))
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
static int group(records *r, episode *raw, eng_error *err)
{
    size_t np = eng_dict_count(r->persons);
    r->first = calloc(np + 1, sizeof *r->first);
    size_t *pos = malloc((np + 1) * sizeof *pos);
    r->ep = malloc(r->nep * sizeof *r->ep);
    if (!r->first || !pos || !r->ep) {
        free(pos);
        return out_of_memory(err);
    }
    for (size_t i = 0; i < r->nep; i++)
        r->first[raw[i].person + 1]++;
    for (size_t p = 0; p < np; p++)
        r->first[p + 1] += r->first[p];
    memcpy(pos, r->first, (np + 1) * sizeof *pos);
    for (size_t i = 0; i < r->nep; i++)
        r->ep[pos[raw[i].person]++] = raw[i];
    free(pos);
    for (size_t p = 0; p < np; p++)
        if (r->first[p + 1] - r->first[p] > 1)
            qsort(r->ep + r->first[p], r->first[p + 1] - r->first[p], sizeof *r->ep, by_start);
    return ENG_OK;
}

/* Two episodes of a person starting the same day are the same episode given twice; an episode
 * starting before the previous one ended (or while it is open) overlaps it. Ending and starting
 * the same day is the usual passage from one module to the next. */
static int check_overlaps(const records *r, eng_error *err)
{
    const eng_csv *t = r->t;
    for (size_t p = 0; p < eng_dict_count(r->persons); p++)
        for (size_t i = r->first[p] + 1; i < r->first[p + 1]; i++) {
            const episode *a = &r->ep[i - 1], *b = &r->ep[i];
            const char *person = eng_dict_name(r->persons, p);
            if (b->start == a->start)
                return eng_csv_cell_error(t, b->row, r->col_start, err,
                                         "duplicated episode: person \"%s\" already has an "
                                         "episode starting %s, at line %ld (expected one row per "
                                         "person and module episode)", person,
                                         eng_csv_get_text(t, b->row, r->col_start),
                                         eng_csv_line(t, a->row));
            if (a->end > b->start) {
                char until[80];
                if (a->end == OPEN)
                    snprintf(until, sizeof until, "still open");
                else
                    snprintf(until, sizeof until, "ending %s",
                             eng_csv_get_text(t, a->row, r->col_end));
                return eng_csv_cell_error(t, b->row, r->col_start, err,
                                         "%s overlaps the %s episode of person \"%s\" at line "
                                         "%ld, %s (expected episodes of a person one after the "
                                         "other)", eng_csv_get_text(t, b->row, r->col_start),
                                         ea_module_names[a->module], person,
                                         eng_csv_line(t, a->row), until);
            }
        }
    return ENG_OK;
}

/* Drops the episodes starting after as-of and censors those ending after it, then removes the
 * persons left without an episode. Each person's episodes are sorted by start, so the dropped
 * ones are at the end of their group. */
static void truncate_at_as_of(records *r)
{
    ea_fit *f = r->fit;
    size_t kept = 0, persons = 0;
    for (size_t p = 0; p < eng_dict_count(r->persons); p++) {
        size_t from = kept;
        for (size_t i = r->first[p]; i < r->first[p + 1]; i++) {
            episode e = r->ep[i];
            if (e.start > r->as_of) {
                f->ndropped++;
                continue;
            }
            if (e.end != OPEN && e.end > r->as_of) {
                e.end = OPEN;
                e.next = NO_TARGET;
            }
            e.person = persons;
            r->ep[kept++] = e;
        }
        if (kept > from)
            r->first[persons++] = from;
    }
    r->first[persons] = kept;
    r->nep = kept;
    f->nepisodes = kept;
    f->npersons = persons;
}

/* Reads every row, then groups and checks the episodes of each person. */
static int read_episodes(records *r, long *latest, eng_error *err)
{
    size_t n = eng_csv_nrows(r->t);
    if (n == 0)
        return eng_error_set(err, ENG_EINPUT, "%s: no episode (expected one row per person and "
                             "module episode after the header)", r->fit->records);
    episode *raw = malloc(n * sizeof *raw);
    if (!raw)
        return out_of_memory(err);
    int status = ENG_OK;
    for (size_t i = 0; i < n && status == ENG_OK; i++)
        status = read_row(r, i, &raw[i], latest, err);
    r->nep = n;
    if (status == ENG_OK)
        status = group(r, raw, err);
    free(raw);
    if (status == ENG_OK)
        status = check_overlaps(r, err);
    return status;
}

static int read_records(records *r, const char *as_of, eng_error *err)
{
    ea_fit *f = r->fit;
    /* --as-of first: a typo in it is reported before a long read. */
    int status = as_of ? parse_as_of(as_of, &f->as_of, err) : ENG_OK;
    if (status == ENG_OK)
        status = eng_csv_read(f->records, &r->t, err);
    if (status == ENG_OK)
        status = find_columns(r, err);
    long latest = LONG_MIN;
    if (status == ENG_OK)
        status = read_episodes(r, &latest, err);
    if (status != ENG_OK)
        return status;
    if (as_of) {
        r->as_of = eng_date_days(f->as_of);
    } else {
        r->as_of = latest;
        f->as_of = eng_date_from_days(latest);
    }
    date_text(f->as_of, f->as_of_text);
    truncate_at_as_of(r);
    if (f->npersons == 0)
        return eng_error_set(err, ENG_EINPUT, "%s: no episode starts on or before the as-of date "
                             "%s (expected a later --as-of)", f->records, f->as_of_text);
    return ENG_OK;
}

/* ---- Counts ---------------------------------------------------------------------------------- */

/* Counts what the estimates need in one pass over the episodes. */
static int count(records *r, eng_error *err)
{
    ea_fit *f = r->fit;
    r->dept = calloc(eng_dict_count(r->depts) + 1, sizeof *r->dept);
    if (!r->dept)
        return out_of_memory(err);
    r->window_start = LONG_MAX;
    for (size_t p = 0; p < f->npersons; p++) {
        const episode *e = &r->ep[r->first[p]];
        f->mix[e->module]++;
        r->dept[e->dept].d.entries++;
        if (e->entry < r->window_start)
            r->window_start = e->entry;
    }
    for (size_t i = 0; i < r->nep; i++) {
        const episode *e = &r->ep[i];
        ea_fit_module *ms = &f->modules[e->module];
        dept_count *d = &r->dept[e->dept];
        ms->n++;
        d->seen = 1;
        if (e->end == OPEN) {
            f->open++;
            d->d.in_support++;
            d->d.by_module[e->module]++;
            continue;
        }
        ms->ended++;
        ms->route[e->next]++;
        if (e->next >= EA_NMODULES) {
            f->exits[e->next - EA_NMODULES]++;
            f->nexits++;
        }
    }
    f->window_start = eng_date_from_days(r->window_start);
    date_text(f->window_start, f->window_text);
    f->window_months = months(r->as_of - r->window_start + 1);
    return ENG_OK;
}

/* The scenario's reasons: those of the exits by as-of, in order of first appearance (a reason
 * seen only after as-of, or only in rows left out, is not one). Renumbers the exits and routes. */
static void keep_exit_reasons(records *r)
{
    ea_fit *f = r->fit;
    ea_scenario *sc = &f->scenario;
    /* Kept reasons only move down (to <= k), so one pass in order renumbers in place. */
    for (size_t k = 0; k < eng_dict_count(r->reasons); k++) {
        if (!f->exits[k])
            continue;
        int to = sc->nreasons++;
        snprintf(sc->reasons[to], sizeof sc->reasons[to], "%s", eng_dict_name(r->reasons, k));
        f->exits[to] = f->exits[k];
        for (int m = 0; m < EA_NMODULES; m++)
            f->modules[m].route[EA_NMODULES + to] = f->modules[m].route[EA_NMODULES + k];
    }
    for (int k = sc->nreasons; k < EA_MAX_REASONS; k++) {
        f->exits[k] = 0;
        for (int m = 0; m < EA_NMODULES; m++)
            f->modules[m].route[EA_NMODULES + k] = 0;
    }
}

/* Rounds count[i] / total to EA_FIT_SHARE_UNITS, the remainder going to the largest (the first of
 * equal ones), so that the shares sum to exactly 1 in those units. total must be > 0. */
static void round_shares(const size_t *count, int n, double *share)
{
    size_t total = 0;
    int largest = 0, sum = 0, units[EA_MAX_TARGETS];
    for (int i = 0; i < n; i++) {
        total += count[i];
        if (count[i] > count[largest])
            largest = i;
    }
    for (int i = 0; i < n; i++) {
        units[i] = (int)llround((double)count[i] * EA_FIT_SHARE_UNITS / (double)total);
        if (i != largest)
            sum += units[i];
    }
    units[largest] = EA_FIT_SHARE_UNITS - sum;
    for (int i = 0; i < n; i++)
        share[i] = (double)units[i] / EA_FIT_SHARE_UNITS;
}

/* Checks that the records give everything a scenario needs, and writes the scenario's routings
 * and entry mix. */
static int check_pathway(records *r, eng_error *err)
{
    ea_fit *f = r->fit;
    size_t ndepts = eng_dict_count(r->depts);
    for (size_t k = 0; k < ndepts && ndepts > 1; k++)
        if (eng_strcasecmp(eng_dict_name(r->depts, k), "region") == 0)
            return eng_error_set(err, ENG_EINPUT, "%s: department \"region\" (a single platform) "
                                 "appears beside other departments; region names their sum",
                                 f->records);
    const char *d = f->as_of_text;
    for (int m = 0; m < EA_NMODULES; m++) {
        const ea_fit_module *ms = &f->modules[m];
        if (ms->n && !ms->ended)
            return eng_error_set(err, ENG_EINPUT,
                                 "%s: module %s has no ended episode by %s (%zu open), so its "
                                 "routing cannot be estimated (expected at least one %s episode "
                                 "with module_end and next)", f->records, ea_module_names[m], d,
                                 ms->n, ea_module_names[m]);
        for (int to = 0; to < EA_NMODULES; to++)
            if (ms->route[to] && !f->modules[to].n)
                return eng_error_set(err, ENG_EINPUT,
                                     "%s: %zu %s episode%s went on to %s, but no %s episode "
                                     "starts by %s, so its duration cannot be estimated "
                                     "(expected the %s episodes in the records)", f->records,
                                     ms->route[to], ea_module_names[m],
                                     ms->route[to] == 1 ? "" : "s", ea_module_names[to],
                                     ea_module_names[to], d, ea_module_names[to]);
    }
    if (f->nexits == 0)
        return eng_error_set(err, ENG_EINPUT, "%s: no episode ends with an exit by %s (expected "
                             "next = exit.REASON for the persons who left), so the pathway would "
                             "never end", f->records, d);
    ea_scenario *sc = &f->scenario;
    for (int m = 0; m < EA_NMODULES; m++) {
        sc->modules[m].defined = f->modules[m].n > 0;
        if (f->modules[m].ended)
            round_shares(f->modules[m].route, EA_MAX_TARGETS, sc->modules[m].next);
    }
    int stuck = ea_scenario_stuck_module(sc->modules);
    if (stuck >= 0)
        return eng_error_set(err, ENG_EINPUT, "%s: no route from module %s leads to an exit in the "
                             "records by %s (expected some pathways through %s to end with "
                             "exit.REASON)", f->records, ea_module_names[stuck], d,
                             ea_module_names[stuck]);
    round_shares(f->mix, EA_NMODULES, sc->entries.mix);
    return ENG_OK;
}

/* Fits the laws of module m's durations, and puts the chosen one in the scenario. */
static int estimate_durations(records *r, int m, eng_error *err)
{
    ea_fit *f = r->fit;
    ea_fit_module *ms = &f->modules[m];
    double *t = malloc(ms->n * sizeof *t);
    unsigned char *event = malloc(ms->n * sizeof *event);
    if (!t || !event) {
        free(t);
        free(event);
        return out_of_memory(err);
    }
    size_t k = 0;
    for (size_t i = 0; i < r->nep; i++) {
        const episode *e = &r->ep[i];
        if (e->module != m)
            continue;
        event[k] = e->end != OPEN;
        t[k++] = months((e->end != OPEN ? e->end : r->as_of) - e->start);
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
            eng_error_prefix(err, "%s: module %s: ", f->records, ea_module_names[m]);
    }
    eng_surv_free(s);
    if (status == ENG_OK)
        status = eng_fit_to_dist(&ms->fits[ms->chosen], &f->scenario.modules[m].duration, err);
    return status;
}

/* ---- Profiles -------------------------------------------------------------------------------- */

/* The profile values of each person, from their first episode: the individual questionnaire is
 * filled in at entry. */
static int read_profiles(records *r, eng_error *err)
{
    for (int k = 0; k < NPROFILES; k++) {
        if (r->col_profile[k] < 0)
            continue;
        r->value_of[k] = malloc((r->fit->npersons + 1) * sizeof *r->value_of[k]);
        if (!r->value_of[k] || !(r->values[k] = eng_dict_alloc(0)))
            return out_of_memory(err);
        for (size_t p = 0; p < r->fit->npersons; p++) {
            const char *s = eng_csv_get_text(r->t, r->ep[r->first[p]].row, r->col_profile[k]);
            r->value_of[k][p] = SIZE_MAX;
            if (*s && intern(r->values[k], s, &r->value_of[k][p], err) != ENG_OK)
                return ENG_EFAIL;
        }
    }
    return ENG_OK;
}

/* Appends the share of `count` in n with the item column=value. */
static int add_profile(ea_fit *f, size_t *cap, const char *wave, const char *column,
                       const char *value, size_t count, size_t n, eng_error *err)
{
    if (eng_array_reserve(&f->profiles, cap, f->nprofiles + 1, sizeof *f->profiles, 16) != 0)
        return out_of_memory(err);
    ea_fit_profile *p = &f->profiles[f->nprofiles];
    if (!(p->item = malloc(strlen(column) + strlen(value) + 2)))
        return out_of_memory(err);
    sprintf(p->item, "%s=%s", column, value);
    snprintf(p->wave, sizeof p->wave, "%s", wave);
    p->count = count;
    p->n = n;
    f->nprofiles++;
    return ENG_OK;
}

/* Counts the profile of the persons in support on `day`: those with an episode covering it
 * (started on or before, ended after); episodes of a person do not overlap, so each counts once.
 * counts[k] counts the values of column k, counts[NPROFILES] the age bands, and known[k] the
 * persons whose column k is given. */
static void count_wave(const records *r, long day, size_t **counts, size_t *known)
{
    for (size_t p = 0; p < r->fit->npersons; p++) {
        const episode *e0 = &r->ep[r->first[p]];
        int covered = 0;
        for (size_t i = r->first[p]; i < r->first[p + 1] && !covered; i++)
            covered = r->ep[i].start <= day && day < r->ep[i].end;
        if (!covered)
            continue;
        for (int k = 0; k < NPROFILES; k++)
            if (counts[k] && r->value_of[k][p] != SIZE_MAX) {
                counts[k][r->value_of[k][p]]++;
                known[k]++;
            }
        if (counts[NPROFILES] && !isnan(e0->age)) {
            double age = e0->age + (double)(day - e0->entry) / DAYS_PER_YEAR;
            int band = 0;
            while (band < NAGES - 1 && age >= age_limits[band])
                band++;
            counts[NPROFILES][band]++;
            known[NPROFILES]++;
        }
    }
}

/* Appends the shares of wave date `day`: the columns given, each value in byte order, then the
 * age bands. */
static int emit_wave(records *r, const char *wave, size_t **counts, const size_t *known,
                     size_t *cap, eng_error *err)
{
    int status = ENG_OK;
    for (int k = 0; k < NPROFILES && status == ENG_OK; k++) {
        if (!counts[k])
            continue;
        size_t *order = eng_dict_sorted(r->values[k]);
        if (!order)
            return out_of_memory(err);
        for (size_t i = 0; i < eng_dict_count(r->values[k]) && status == ENG_OK; i++)
            status = add_profile(r->fit, cap, wave, profile_columns[k],
                                 eng_dict_name(r->values[k], order[i]), counts[k][order[i]],
                                 known[k], err);
        free(order);
    }
    for (int b = 0; b < NAGES && counts[NPROFILES] && status == ENG_OK; b++)
        status = add_profile(r->fit, cap, wave, "age", age_labels[b], counts[NPROFILES][b],
                             known[NPROFILES], err);
    return status;
}

static int add_wave(records *r, long day, size_t *cap, eng_error *err)
{
    char wave[16];
    date_text(eng_date_from_days(day), wave);
    size_t *counts[NPROFILES + 1] = { NULL }, known[NPROFILES + 1] = { 0 };
    int status = ENG_OK;
    for (int k = 0; k < NPROFILES && status == ENG_OK; k++)
        if (r->col_profile[k] >= 0 &&
            !(counts[k] = calloc(eng_dict_count(r->values[k]) + 1, sizeof *counts[k])))
            status = out_of_memory(err);
    if (status == ENG_OK && r->col_age >= 0 &&
        !(counts[NPROFILES] = calloc(NAGES, sizeof *counts[NPROFILES])))
        status = out_of_memory(err);
    if (status == ENG_OK) {
        count_wave(r, day, counts, known);
        status = emit_wave(r, wave, counts, known, cap, err);
    }
    for (int k = 0; k <= NPROFILES; k++)
        free(counts[k]);
    return status;
}

/* The profiles on every wave date of the window. */
static int count_profiles(records *r, eng_error *err)
{
    ea_fit *f = r->fit;
    int status = read_profiles(r, err);
    int any = r->col_age >= 0;
    for (int k = 0; k < NPROFILES; k++)
        any |= r->col_profile[k] >= 0;
    size_t cap = 0;
    for (int y = f->window_start.year; any && y <= f->as_of.year && status == ENG_OK; y++)
        for (size_t w = 0; w < sizeof waves / sizeof waves[0] && status == ENG_OK; w++) {
            long day = eng_date_days((eng_date){ y, waves[w].month, waves[w].day });
            if (day >= r->window_start && day <= r->as_of)
                status = add_wave(r, day, &cap, err);
        }
    return status;
}

/* ---- The scenario ---------------------------------------------------------------------------- */

/* The file name of the records for the scenario's texts, without control characters: a line
 * break in it would end the INI line. */
static void records_name(ea_fit *f)
{
    const char *base = strrchr(f->records, '/');
    size_t n = 0;
    for (const char *s = base ? base + 1 : f->records; *s && n + 1 < sizeof f->records_name; s++)
        if ((unsigned char)*s >= 0x20 && *s != 0x7F)
            f->records_name[n++] = *s;
    f->records_name[n] = '\0';
}

/* "Fitted from" and the records' file name, cut to the scenario's limit on a character boundary;
 * a name holding both kinds of quotes loses its double quotes, since iniparser has no escapes. */
static void scenario_name(ea_fit *f)
{
    char name[EA_MAX_TEXT + 512];
    int n = snprintf(name, sizeof name, "Fitted from %s", f->records_name);
    ea_scenario_copy_text(f->scenario.name, sizeof f->scenario.name, name, (size_t)n);
    if (!strchr(f->scenario.name, '"') || !strchr(f->scenario.name, '\''))
        return;
    char *to = f->scenario.name;
    for (const char *s = f->scenario.name; *s; s++)
        if (*s != '"')
            *to++ = *s;
    *to = '\0';
}

/* One department of the scenario from its counts. */
static void fill_department(const ea_fit *f, const char *code, const ea_fit_department *c,
                            ea_department *d)
{
    snprintf(d->code, sizeof d->code, "%s", code);
    snprintf(d->name, sizeof d->name, "%s", f->scenario.single_platform ? "region" : code);
    /* 4 significant digits: far finer than the interval of any rate estimated from records. */
    char v[32];
    snprintf(v, sizeof v, "%.4g", (double)c->entries / f->window_months);
    eng_parse_double(v, &d->entries.per_month);
    d->initial_file_active = (int)c->in_support;
    d->places = (int)c->in_support;
    if (c->in_support)
        round_shares(c->by_module, EA_NMODULES, d->initial_mix);
}

/* The departments with an episode by as-of, codes in byte order. */
static int fill_departments(records *r, eng_error *err)
{
    ea_fit *f = r->fit;
    ea_scenario *sc = &f->scenario;
    size_t n = 0, ndepts = eng_dict_count(r->depts);
    for (size_t k = 0; k < ndepts; k++)
        n += r->dept[k].seen;
    size_t *order = eng_dict_sorted(r->depts);
    f->departments = calloc(n + 1, sizeof *f->departments);
    sc->departments = calloc(n + 1, sizeof *sc->departments);
    if (!order || !f->departments || !sc->departments) {
        free(order);
        return out_of_memory(err);
    }
    sc->single_platform = n == 1 && eng_strcasecmp(eng_dict_name(r->depts, 0), "region") == 0;
    for (size_t i = 0; i < ndepts; i++) {
        const dept_count *c = &r->dept[order[i]];
        if (!c->seen)
            continue;
        f->departments[sc->ndepartments] = c->d;
        fill_department(f, eng_dict_name(r->depts, order[i]), &c->d,
                        &sc->departments[sc->ndepartments++]);
    }
    free(order);
    return ENG_OK;
}

/* The settings of the scenario that are not estimates. */
static void fill_settings(ea_fit *f)
{
    ea_scenario *sc = &f->scenario;
    records_name(f);
    scenario_name(f);
    sc->start = eng_date_month_index(f->as_of) + 1;
    sc->months = FIT_MONTHS;
    sc->replications = FIT_REPLICATIONS;
    sc->seed = FIT_SEED;
}

/* ---- The fit --------------------------------------------------------------------------------- */

static int estimate(records *r, eng_error *err)
{
    int status = count(r, err);
    if (status == ENG_OK) {
        keep_exit_reasons(r);
        status = check_pathway(r, err);
    }
    for (int m = 0; m < EA_NMODULES && status == ENG_OK; m++)
        if (r->fit->modules[m].n)
            status = estimate_durations(r, m, err);
    if (status == ENG_OK)
        status = fill_departments(r, err);
    if (status == ENG_OK)
        status = count_profiles(r, err);
    if (status == ENG_OK)
        fill_settings(r->fit);
    return status;
}

int ea_fit_compute(const char *records_path, const char *as_of, ea_fit **out, eng_error *err)
{
    *out = NULL;
    ea_fit *f = calloc(1, sizeof *f);
    records r = { .fit = f };
    if (!f || !(f->records = strdup(records_path)) || !(r.persons = eng_dict_alloc(0)) ||
        !(r.depts = eng_dict_alloc(1)) || !(r.reasons = eng_dict_alloc(0))) {
        records_clear(&r);
        ea_fit_free(f);
        return out_of_memory(err);
    }
    int status = read_records(&r, as_of, err);
    if (status == ENG_OK)
        status = estimate(&r, err);
    records_clear(&r);
    if (status != ENG_OK) {
        ea_fit_free(f);
        return status;
    }
    *out = f;
    return ENG_OK;
}

void ea_fit_free(ea_fit *f)
{
    if (!f)
        return;
    free(f->records);
    for (int m = 0; m < EA_NMODULES; m++)
        eng_km_clear(&f->modules[m].km);
    free(f->departments);
    for (size_t i = 0; i < f->nprofiles; i++)
        free(f->profiles[i].item);
    free(f->profiles);
    ea_scenario_clear(&f->scenario);
    free(f);
}
