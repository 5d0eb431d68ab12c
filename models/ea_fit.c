/* ea_fit.c — Fitting a scenario to individual records: the episodes (ea_fit_episodes) counted in
 * one pass, checked for a pathway, their durations fitted, the profiles counted on each wave date,
 * and the scenario they describe filled in. */
#include "ea_fit.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_dict.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_fit_episodes.h"
#include "ea_indicators.h"
#include "ea_inputs.h"
#include "ea_tables.h"

/* Ages are in years of 365.25 days, as elapsed time is added to the age at entry. */
#define DAYS_PER_YEAR 365.25

/* Shares written to the scenario are rounded to 4 decimals, counted here in units of 1e-4 so that
 * they sum to exactly 1 once the rounding remainder is put on the largest. */
enum { SHARE_UNITS = 10000 };

/* The run settings of the scenario written: three years of 100 replications from seed 1. They are
 * not estimates but starting values, which the user changes like those of any scenario. */
enum { FIT_MONTHS = 36, FIT_REPLICATIONS = 100, FIT_SEED = 1 };

/* The two waves of the national collection's biannual follow-up: 31 March and 30 September. */
static const struct {
    int month, day;
} waves[] = { { 3, 31 }, { 9, 30 } };

/* Age bands of the national statistics on the public (46 % under 30 in 2018): the upper limits in
 * years, the last band open. */
static const double age_limits[] = { 30, 45 };
static const char *const age_labels[] = { "<30", "30-44", "45+" };
enum { NAGES = sizeof age_labels / sizeof age_labels[0] };

/* The categorical profile columns of the records (as ea_tables declares them), optional, reported
 * as shares of their values. */
static const int profile_columns[] = { EA_COL_RECORDS_SEX, EA_COL_RECORDS_DISABILITY,
                                       EA_COL_RECORDS_PRESCRIBER };
enum { NPROFILES = sizeof profile_columns / sizeof profile_columns[0] };

/* ---- The state of the fit ------------------------------------------------------------------- */

/* Counts of a department of the records' dictionary. */
typedef struct dept_count {
    int seen;                            /* the department has an episode on or before as-of */
    ea_fit_department d;
} dept_count;

/* What the fit works on while it is computed: the episodes (whose names point into the table),
 * the counts by department of the records, and the profile values of each person. */
typedef struct state {
    ea_fit *fit;
    ea_fit_episodes e;
    long window_start;                   /* days */
    dept_count *dept;                    /* by dictionary number */
    int col_profile[NPROFILES];          /* -1 for a column absent from the records */
    eng_dict *values[NPROFILES];
    size_t *value_of[NPROFILES];         /* per person: value number, SIZE_MAX when not given */
} state;

static void state_clear(state *r)
{
    ea_fit_episodes_clear(&r->e);
    for (int k = 0; k < NPROFILES; k++) {
        eng_dict_free(r->values[k]);
        free(r->value_of[k]);
    }
    free(r->dept);
}

static int out_of_memory(eng_error *err)
{
    return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
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

/* ---- Counts ---------------------------------------------------------------------------------- */

/* Counts what the estimates need in one pass over the episodes. */
static int count(state *r, eng_error *err)
{
    ea_fit *f = r->fit;
    r->dept = calloc(eng_dict_count(r->e.depts) + 1, sizeof *r->dept);
    if (!r->dept)
        return out_of_memory(err);
    r->window_start = LONG_MAX;
    for (size_t p = 0; p < f->npersons; p++) {
        const ea_fit_episodes_row *e = &r->e.ep[r->e.first[p]];
        f->mix[e->module]++;
        r->dept[e->dept].d.entries++;
        if (e->entry < r->window_start)
            r->window_start = e->entry;
    }
    for (size_t i = 0; i < r->e.n; i++) {
        const ea_fit_episodes_row *e = &r->e.ep[i];
        ea_fit_module *ms = &f->modules[e->module];
        dept_count *d = &r->dept[e->dept];
        ms->n++;
        d->seen = 1;
        if (e->end == EA_FIT_OPEN) {
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
    f->window_months = months(r->e.as_of - r->window_start + 1);
    return ENG_OK;
}

/* The scenario's reasons: those of the exits by as-of, in order of first appearance (a reason
 * seen only after as-of, or only in rows left out, is not one). Renumbers the exits and routes. */
static void keep_exit_reasons(state *r)
{
    ea_fit *f = r->fit;
    ea_scenario *sc = &f->scenario;
    /* Kept reasons only move down (to <= k), so one pass in order renumbers in place. */
    for (size_t k = 0; k < eng_dict_count(r->e.reasons); k++) {
        if (!f->exits[k])
            continue;
        int to = sc->nreasons++;
        snprintf(sc->reasons[to], sizeof sc->reasons[to], "%s", eng_dict_name(r->e.reasons, k));
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

/* Rounds count[i] / total to SHARE_UNITS, the remainder going to the largest (the first of
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
        units[i] = (int)llround((double)count[i] * SHARE_UNITS / (double)total);
        if (i != largest)
            sum += units[i];
    }
    units[largest] = SHARE_UNITS - sum;
    for (int i = 0; i < n; i++)
        share[i] = (double)units[i] / SHARE_UNITS;
}

/* Checks that the records give everything a scenario needs, and writes the scenario's routings
 * and entry mix. */
static int check_pathway(state *r, eng_error *err)
{
    ea_fit *f = r->fit;
    size_t ndepts = eng_dict_count(r->e.depts);
    for (size_t k = 0; k < ndepts && ndepts > 1; k++)
        if (eng_text_casecmp(eng_dict_name(r->e.depts, k), "region") == 0)
            return eng_error_set(err, ENG_EINPUT, "%s : le département « region » (une plateforme "
                                 "unique) côtoie d'autres départements ; region désigne leur "
                                 "somme, renommez-le",
                                 f->records);
    const char *d = f->as_of_text;
    for (int m = 0; m < EA_NMODULES; m++) {
        const ea_fit_module *ms = &f->modules[m];
        if (ms->n && !ms->ended)
            return eng_error_set(err, ENG_EINPUT,
                                 "%s : le module %s n'a aucun épisode terminé au %s (%zu en "
                                 "cours) ; son orientation ne peut être estimée (il faut au moins "
                                 "un épisode %s avec module_end et next)",
                                 f->records, ea_scenario_module_names[m], d, ms->n,
                                 ea_scenario_module_names[m]);
        for (int to = 0; to < EA_NMODULES; to++)
            if (ms->route[to] && !f->modules[to].n)
                return eng_error_set(err, ENG_EINPUT,
                                     "%s : %zu épisode%s %s mène%s à %s, mais aucun épisode %s "
                                     "ne commence au %s ; sa durée ne peut être estimée "
                                     "(ajoutez les épisodes %s aux données)",
                                     f->records, ms->route[to], ms->route[to] == 1 ? "" : "s",
                                     ea_scenario_module_names[m], ms->route[to] == 1 ? "" : "nt",
                                     ea_scenario_module_names[to],
                                     ea_scenario_module_names[to], d, ea_scenario_module_names[to]);
    }
    if (f->nexits == 0)
        return eng_error_set(err, ENG_EINPUT, "%s : aucun épisode ne finit par une sortie au %s ; le "
                             "parcours ne finirait jamais (mettez next = exit.MOTIF pour les "
                             "personnes sorties)", f->records, d);
    ea_scenario *sc = &f->scenario;
    for (int m = 0; m < EA_NMODULES; m++) {
        sc->modules[m].defined = f->modules[m].n > 0;
        if (f->modules[m].ended)
            round_shares(f->modules[m].route, EA_MAX_TARGETS, sc->modules[m].next);
    }
    int stuck = ea_scenario_stuck_module(sc->modules);
    if (stuck >= 0)
        return eng_error_set(err, ENG_EINPUT,
                             "%s : aucun chemin depuis le module %s ne mène à une "
                             "sortie dans les données au %s (il faut que des parcours passant "
                             "par %s finissent par exit.MOTIF)",
                             f->records, ea_scenario_module_names[stuck], d,
                             ea_scenario_module_names[stuck]);
    round_shares(f->mix, EA_NMODULES, sc->entries.mix);
    return ENG_OK;
}

/* Fits the laws of module m's durations, and puts the chosen one in the scenario. */
static int estimate_durations(state *r, int m, eng_error *err)
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
    for (size_t i = 0; i < r->e.n; i++) {
        const ea_fit_episodes_row *e = &r->e.ep[i];
        if (e->module != m)
            continue;
        event[k] = e->end != EA_FIT_OPEN;
        t[k++] = months((e->end != EA_FIT_OPEN ? e->end : r->e.as_of) - e->start);
    }
    eng_survival *s = NULL;
    int status = eng_survival_alloc(t, event, ms->n, &s, err);
    free(t);
    free(event);
    if (status == ENG_OK)
        status = eng_survival_km_estimate(s, &ms->km, err);
    if (status == ENG_OK) {
        status = eng_survival_fit_all(s, ms->fits, &ms->chosen, err);
        if (status != ENG_OK)
            eng_error_prefix(err, "%s : module %s : ", f->records, ea_scenario_module_names[m]);
    }
    eng_survival_free(s);
    if (status == ENG_OK)
        status =
            eng_survival_fit_to_dist(&ms->fits[ms->chosen], &f->scenario.modules[m].duration, err);
    return status;
}

/* ---- Profiles -------------------------------------------------------------------------------- */

/* The profile values of each person, from their first episode: the individual questionnaire is
 * filled in at entry. */
static int read_profiles(state *r, eng_error *err)
{
    for (int k = 0; k < NPROFILES; k++) {
        r->col_profile[k] = ea_inputs_find(r->e.table, EA_INPUTS_RECORDS, profile_columns[k]);
        if (r->col_profile[k] < 0)
            continue;
        r->value_of[k] = malloc((r->fit->npersons + 1) * sizeof *r->value_of[k]);
        if (!r->value_of[k] || !(r->values[k] = eng_dict_alloc(0)))
            return out_of_memory(err);
        for (size_t p = 0; p < r->fit->npersons; p++) {
            size_t row = r->e.ep[r->e.first[p]].row;
            const char *s = eng_csv_get_text(r->e.table, row, r->col_profile[k]);
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
static void count_wave(const state *r, long day, size_t **counts, size_t *known)
{
    for (size_t p = 0; p < r->fit->npersons; p++) {
        const ea_fit_episodes_row *e0 = &r->e.ep[r->e.first[p]];
        int covered = 0;
        for (size_t i = r->e.first[p]; i < r->e.first[p + 1] && !covered; i++)
            covered = r->e.ep[i].start <= day && day < r->e.ep[i].end;
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
static int emit_wave(state *r, const char *wave, size_t **counts, const size_t *known,
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
            status = add_profile(r->fit, cap, wave,
                                 ea_inputs_column(EA_INPUTS_RECORDS, profile_columns[k])->name,
                                 eng_dict_name(r->values[k], order[i]), counts[k][order[i]],
                                 known[k], err);
        free(order);
    }
    for (int b = 0; b < NAGES && counts[NPROFILES] && status == ENG_OK; b++)
        status = add_profile(r->fit, cap, wave, "age", age_labels[b], counts[NPROFILES][b],
                             known[NPROFILES], err);
    return status;
}

static int add_wave(state *r, long day, size_t *cap, eng_error *err)
{
    char wave[16];
    date_text(eng_date_from_days(day), wave);
    size_t *counts[NPROFILES + 1] = { NULL }, known[NPROFILES + 1] = { 0 };
    int status = ENG_OK;
    for (int k = 0; k < NPROFILES && status == ENG_OK; k++)
        if (r->col_profile[k] >= 0 &&
            !(counts[k] = calloc(eng_dict_count(r->values[k]) + 1, sizeof *counts[k])))
            status = out_of_memory(err);
    if (status == ENG_OK && r->e.col_age >= 0 &&
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
static int count_profiles(state *r, eng_error *err)
{
    ea_fit *f = r->fit;
    int status = read_profiles(r, err);
    int any = r->e.col_age >= 0;
    for (int k = 0; k < NPROFILES; k++)
        any |= r->col_profile[k] >= 0;
    size_t cap = 0;
    for (int y = f->window_start.year; any && y <= f->as_of.year && status == ENG_OK; y++)
        for (size_t w = 0; w < sizeof waves / sizeof waves[0] && status == ENG_OK; w++) {
            long day = eng_date_days((eng_date){ y, waves[w].month, waves[w].day });
            if (day >= r->window_start && day <= r->e.as_of)
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

/* « Ajusté sur » and the records' file name, cut to the scenario's limit on a character boundary;
 * a name holding both kinds of quotes loses its double quotes, since iniparser has no escapes. */
static void scenario_name(ea_fit *f)
{
    char name[EA_MAX_TEXT + 512];
    int n = snprintf(name, sizeof name, eng_msg_tr("Ajusté sur %s"), f->records_name);
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
                            ea_scenario_department *d)
{
    snprintf(d->code, sizeof d->code, "%s", code);
    snprintf(d->name, sizeof d->name, "%s", f->scenario.single_platform ? "region" : code);
    /* 4 significant digits: far finer than the interval of any rate estimated from records. */
    char v[32];
    snprintf(v, sizeof v, "%.4g", (double)c->entries / f->window_months);
    eng_text_parse_double(v, &d->entries.per_month);
    d->initial_file_active = (int)c->in_support;
    d->places = (int)c->in_support;
    if (c->in_support)
        round_shares(c->by_module, EA_NMODULES, d->initial_mix);
}

/* The departments with an episode by as-of, codes in byte order. */
static int fill_departments(state *r, eng_error *err)
{
    ea_fit *f = r->fit;
    ea_scenario *sc = &f->scenario;
    size_t n = 0, ndepts = eng_dict_count(r->e.depts);
    for (size_t k = 0; k < ndepts; k++)
        n += r->dept[k].seen;
    size_t *order = eng_dict_sorted(r->e.depts);
    f->departments = calloc(n + 1, sizeof *f->departments);
    sc->departments = calloc(n + 1, sizeof *sc->departments);
    if (!order || !f->departments || !sc->departments) {
        free(order);
        return out_of_memory(err);
    }
    sc->single_platform = n == 1 && eng_text_casecmp(eng_dict_name(r->e.depts, 0), "region") == 0;
    for (size_t i = 0; i < ndepts; i++) {
        const dept_count *c = &r->dept[order[i]];
        if (!c->seen)
            continue;
        f->departments[sc->ndepartments] = c->d;
        fill_department(f, eng_dict_name(r->e.depts, order[i]), &c->d,
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
    /* The places stand for the caseload at the as-of date and the hours are 0: neither is in
     * the records. The departments' names are their codes, which mislead no one. */
    snprintf(sc->placeholders, sizeof sc->placeholders, "places, intensity");
}

/* ---- The fit --------------------------------------------------------------------------------- */

static int estimate(state *r, eng_error *err)
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
    if (!f || !(f->records = strdup(records_path))) {
        ea_fit_free(f);
        return out_of_memory(err);
    }
    state r = { .fit = f };
    int status = ea_fit_episodes_read(records_path, as_of, &r.e, err);
    if (status == ENG_OK) {
        f->as_of = r.e.as_of_date;
        date_text(f->as_of, f->as_of_text);
        f->npersons = r.e.npersons;
        f->nepisodes = r.e.n;
        f->ndropped = r.e.ndropped;
        status = estimate(&r, err);
    }
    state_clear(&r);
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
        eng_survival_km_clear(&f->modules[m].km);
    free(f->departments);
    for (size_t i = 0; i < f->nprofiles; i++)
        free(f->profiles[i].item);
    free(f->profiles);
    ea_scenario_clear(&f->scenario);
    free(f);
}
