/* ea_places.c — Places needed per department: the searches side by side on runs of the whole
 * scenario (departments are independent in the model), the table for people and places.csv. */
#include "ea_places.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_stats.h"
#include "../engine/eng_text.h"
#include "ea_indicators.h"
#include "ea_simulate.h"
#include "ea_tables.h"

/* At most this many runs of the whole scenario: the bracket doubles from the value in force to the
 * bound (a few runs), then the bisection halves it (log2 of the bound), with a wide margin. */
#define MAX_RUNS 64

/* The indicator of the counsellors the support needs. */
#define STAFF_NEEDED "staff_fte_needed"

/* Where one department's search stands: the largest number known not to meet the target and the
 * smallest known to meet it (-1: none yet), the target at each, the FTE at the smallest, and the
 * number to try in the next run. */
typedef struct search {
    int lo, hi, next, done;
    ea_target_eval at_lo, at_hi;
    ea_places_staff staff_hi;
} search;

static const char *const search_names[] = { "places", "fte" };

int ea_places_search_parse(const char *name, ea_places_search *search, eng_error *err)
{
    for (int k = 0; k < 2; k++)
        if (strcmp(name, search_names[k]) == 0) {
            *search = (ea_places_search)k;
            return ENG_OK;
        }
    return eng_error_set(err, ENG_EINPUT, "--search « %s » : attendu places (les places, quand "
                         "capacity_mode = places) ou fte (les ETP de conseillers, quand "
                         "capacity_mode = staff)", name);
}

double ea_places_staff_needed(const ea_places_staff *s)
{
    return isnan(s->needed_at_level) ? s->needed : s->needed_at_level;
}

int ea_places_staff_sufficient(const ea_places_staff *s)
{
    double needed = ea_places_staff_needed(s);
    if (isnan(s->funded) || isnan(needed))
        return -1;
    /* FTE are given to the tenth: a margin far below it keeps 46.1 funded enough for 46.1. */
    return s->funded >= needed - 1e-9;
}

/* Why the other search is the one that makes sense, when the scenario's capacity mode is not that
 * of the search. */
static int mode_error(const char *path, const ea_scenario *sc, int search, eng_error *err)
{
    if (search == EA_PLACES_SEARCH_PLACES && sc->capacity_mode == EA_CAPACITY_STAFF)
        return eng_error_set(err, ENG_EINPUT, "%s : [staff] capacity_mode = staff : ce sont les ETP, "
                             "pas les places, qui limitent les admissions ; cherchez les ETP "
                             "nécessaires avec places --search fte", path);
    if (search == EA_PLACES_SEARCH_FTE && sc->capacity_mode != EA_CAPACITY_STAFF)
        return eng_error_set(err, ENG_EINPUT, "--search fte : dans %s, [staff] capacity_mode = "
                             "places : ce sont les places, pas les ETP, qui limitent les admissions, "
                             "et ajouter des ETP ne change pas l'attente ; cherchez les places "
                             "(sans --search fte, les ETP nécessaires sont dans le tableau) ou mettez "
                             "capacity_mode = staff", path);
    return ENG_OK;
}

/* Refuses a target that the search cannot answer, saying to sweep instead. The search gives the
 * smallest number meeting the target, which has a meaning only for an "at most" target on an
 * indicator that falls as the places (or FTE) rise, or "at least" on one that rises (the
 * indicator table says which): 'occupancy>=0.9' would be met by one place. */
static int direction_error(const char *path, const ea_places_options *opt, eng_error *err)
{
    const ea_target *t = opt->target;
    const ea_indicators_row *row = ea_indicators_lookup(t->indicator, NULL);
    if (!row)
        return ENG_OK;   /* an unknown name is said by the evaluation, with the names there are */
    int fte = opt->search == EA_PLACES_SEARCH_FTE, sense = fte ? row->with_fte : row->with_places;
    if (sense == (t->op == EA_TARGET_AT_MOST ? -1 : 1))
        return ENG_OK;
    char spec[160], code[EA_MAX_NAME + 8];
    ea_target_spec(t, spec, sizeof spec);
    snprintf(code, sizeof code, "%s", strcmp(t->scope, "region") ? t->scope : "CODE");
    const char *unit = fte ? eng_msg_tr("ETP") : eng_msg_tr("places");
    const char *why = sense == 0 ? eng_msg_tr("ne varie pas dans un sens sûr quand")
                      : sense < 0 ? eng_msg_tr("baisse quand") : eng_msg_tr("augmente quand");
    return eng_error_set(err, ENG_EINPUT, "--target %s : %s %s les %s augmentent ; places donne le "
                         "plus petit nombre de %s qui atteint une cible, ce qui n'a de sens que "
                         "pour un indicateur qui baisse avec <= ou qui augmente avec >= ; balayez "
                         "plutôt : eaflow sweep %s --vary department.%s.%s=BAS:HAUT:PAS --target "
                         "'%s'", spec, t->indicator, why, unit, unit, path, code,
                         fte ? "fte" : "places", spec);
}

int ea_places_load(const char *path, const ea_places_options *opt, ea_scenario *sc, int *year,
                   eng_error *err)
{
    if (opt->target && direction_error(path, opt, err) != ENG_OK)
        return ENG_EINPUT;
    int status = ea_scenario_load(path, sc, err);
    if (status != ENG_OK)
        return status;
    ea_scenario_set_run(sc, opt->replications, opt->seed);
    int first = sc->start / 12, last = (sc->start + sc->months - 1) / 12;
    *year = opt->year ? opt->year : last;
    if (*year < first || *year > last)
        status = eng_error_set(err, ENG_EINPUT, "--year %d : année non simulée par %s ; choisissez de "
                               "%d à %d", *year, path, first, last);
    else
        status = mode_error(path, sc, opt->search, err);
    /* Later months cannot change the target's year: the model draws in order of time. */
    if (status == ENG_OK && *year * 12 + 12 - sc->start < sc->months)
        sc->months = *year * 12 + 12 - sc->start;
    if (status != ENG_OK)
        ea_scenario_clear(sc);
    return status;
}

/* The most a department's search tries, in units: past 4 times the value in force, or what 24
 * months of entries would need (more places than two years of prescriptions would leave most
 * empty; for FTE, those persons all in support at the department's highest intensity), more is no
 * sane answer. */
static int bound_of(const ea_scenario *sc, const ea_scenario_department *dp, int search, int now)
{
    double entries = 24 * dp->entries.per_month;
    if (search == EA_PLACES_SEARCH_FTE) {
        double intensity = 0;
        for (int m = 0; m < EA_NMODULES; m++)
            intensity = fmax(intensity, dp->modules[m].intensity);
        double hours = ea_scenario_direct_hours_per_fte(sc);
        entries = hours > 0 ? 10 * entries * intensity / hours : 0;
    }
    return (int)fmax(fmax(4.0 * now, ceil(entries)), 10);
}

/* The rows of the departments searched (all, or the target's one) and their bounds. */
static int init_rows(const ea_scenario *sc, ea_places *p, eng_error *err)
{
    int one = strcmp(p->target.scope, "region") != 0, found = 0;
    p->rows = calloc((size_t)sc->ndepartments, sizeof *p->rows);
    if (!p->rows)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int d = 0; d < sc->ndepartments; d++) {
        const ea_scenario_department *dp = &sc->departments[d];
        ea_places_row *r = &p->rows[d];
        snprintf(r->code, sizeof r->code, "%s", dp->code);
        snprintf(r->name, sizeof r->name, "%s", dp->name);
        if (p->search == EA_PLACES_SEARCH_FTE)
            r->now = (int)lround(10 * dp->fte);
        else
            r->now = (int)ea_scenario_schedule_at(&dp->places_schedule, p->year * 12, dp->places);
        r->scheduled = p->search == EA_PLACES_SEARCH_PLACES && dp->places_schedule.n > 0;
        r->bound = bound_of(sc, dp, p->search, r->now);
        r->needed = -1;
        r->staff = (ea_places_staff){ dp->fte > 0 ? dp->fte : NAN, NAN, NAN };
        found += one && strcmp(dp->code, p->target.scope) == 0;
    }
    p->n = sc->ndepartments;
    if (one && !found)
        return eng_error_set(err, ENG_EINPUT, "--target : pas de département « %s » dans %s",
                            p->target.scope, p->scenario);
    return ENG_OK;
}

/* Whether department d is searched. */
static int searched(const ea_places *p, int d)
{
    return strcmp(p->target.scope, "region") == 0 || strcmp(p->rows[d].code, p->target.scope) == 0;
}

/* Runs sc with department d at values[d] units (places held constant over the run, or tenths of
 * an FTE), then restores the scenario. */
static int simulate(ea_scenario *sc, const ea_places_options *opt, int search, const int *values,
                    ea_results **res, eng_error *err)
{
    int nd = sc->ndepartments, saved_n[nd], saved_places[nd];
    double saved_fte[nd];
    for (int d = 0; d < nd; d++) {
        ea_scenario_department *dp = &sc->departments[d];
        saved_n[d] = dp->places_schedule.n;
        saved_places[d] = dp->places;
        saved_fte[d] = dp->fte;
        if (search == EA_PLACES_SEARCH_FTE) {
            dp->fte = values[d] / 10.0;
        } else {
            dp->places_schedule.n = 0;
            dp->places = values[d];
        }
    }
    ea_simulate_options so = { .threads = opt->threads, .annual_only = 1 };
    int status = ea_simulate_run(sc, &so, res, err);
    for (int d = 0; d < nd; d++) {
        sc->departments[d].places_schedule.n = saved_n[d];
        sc->departments[d].places = saved_places[d];
        sc->departments[d].fte = saved_fte[d];
    }
    return status;
}

int ea_places_evaluate(ea_scenario *sc, const ea_places_options *opt, int year, const ea_target *t,
                       const int *places, ea_target_eval *dept, eng_error *err)
{
    ea_results *res = NULL;
    int status = simulate(sc, opt, EA_PLACES_SEARCH_PLACES, places, &res, err);
    int y = status == ENG_OK ? ea_target_year_index(res, year, err) : -1;
    if (status == ENG_OK && y < 0)
        status = ENG_EINPUT;
    for (int d = 0; d < sc->ndepartments && status == ENG_OK; d++)
        status = ea_target_evaluate_scope(t, res, d, y, &dept[d], err);
    ea_results_free(res);
    return status;
}

/* The FTE the support of scope s needs in the year of index y: the mean over replications of
 * staff_fte_needed and, with a level P, its P-quantile (type 7). */
static int staff_at(const ea_results *res, int s, int y, double level, ea_places_staff *st,
                    eng_error *err)
{
    int i = ea_indicators_find(ea_results_indicators(res), STAFF_NEEDED);
    if (i < 0)
        return eng_error_set(err, ENG_EFAIL, "places : pas d'indicateur %s dans la simulation",
                             STAFF_NEEDED);
    st->needed = ea_results_summary(res, EA_ANNUAL, s, y, i)->mean;
    st->needed_at_level = NAN;
    size_t n = ea_results_nreps(res);
    if (!(level > 0) || n == 0)
        return ENG_OK;
    double *w = malloc(n * sizeof *w);
    if (!w)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (size_t r = 0; r < n; r++)
        w[r] = ea_results_value(res, EA_ANNUAL, s, y, i, r);
    st->needed_at_level = eng_stats_quantile_select(w, n, level);
    free(w);
    return ENG_OK;
}

/* Runs the whole scenario with department d at values[d] and evaluates the target on every
 * department searched (and its FTE needed, for places), and on the region when region is not NULL. */
static int run(ea_scenario *sc, const ea_places_options *opt, ea_places *p, const int *values,
               ea_target_eval *dept, ea_places_staff *staff, ea_target_eval *region, eng_error *err)
{
    ea_results *res = NULL;
    int status = simulate(sc, opt, p->search, values, &res, err);
    int y = status == ENG_OK ? ea_target_year_index(res, p->year, err) : -1;
    if (status == ENG_OK && y < 0)
        status = ENG_EINPUT;
    for (int d = 0; d < sc->ndepartments && status == ENG_OK; d++) {
        if (!searched(p, d))
            continue;
        status = ea_target_evaluate_scope(&p->target, res, d, y, &dept[d], err);
        if (status == ENG_OK && p->search == EA_PLACES_SEARCH_PLACES)
            status = staff_at(res, d, y, p->target.level, &staff[d], err);
    }
    if (status == ENG_OK && region)
        status = ea_target_evaluate_scope(&p->target, res, ea_results_nscopes(res) - 1, y, region, err);
    ea_results_free(res);
    p->runs++;
    return status;
}

/* The fewest units a search tries: no places at all is a scenario, no counsellor is not (in
 * capacity_mode = staff a department needs fte > 0; with none, nobody is admitted and a target on
 * the waiting list is met only by those who give up waiting). */
static int search_floor(const ea_places *p)
{
    return p->search == EA_PLACES_SEARCH_FTE ? 1 : 0;
}

/* Takes in what a run gave at s->next, and sets the next number to try: up by doubling until the
 * target is met (or the bound fails), down by halving until it is not (or the floor meets it),
 * then halfway between the two until they are one unit apart. */
static void step(search *s, const ea_target_eval *e, const ea_places_staff *staff, int bound,
                 int floor)
{
    if (e->met) {
        s->hi = s->next;
        s->at_hi = *e;
        s->staff_hi = *staff;
    } else {
        s->lo = s->next;
        s->at_lo = *e;
    }
    if (s->hi < 0)
        s->done = s->lo >= bound;
    else if (s->lo < 0)
        s->done = s->hi <= floor;
    else
        s->done = s->hi - s->lo <= 1;
    if (s->done)
        return;
    if (s->hi < 0)
        s->next = s->lo < bound / 2 ? (s->lo > 0 ? 2 * s->lo : 1) : bound;
    else if (s->lo < 0)
        s->next = s->hi / 2 > floor ? s->hi / 2 : floor;
    else
        s->next = s->lo + (s->hi - s->lo) / 2;
}

/* The searches side by side: each run tries every unfinished department at its next number. */
static int search_all(ea_scenario *sc, const ea_places_options *opt, ea_places *p, search *s,
                      eng_error *err)
{
    int nd = sc->ndepartments, values[nd], left = 0;
    ea_target_eval e[nd];
    ea_places_staff staff[nd];
    for (int d = 0; d < nd; d++) {
        s[d] = (search){ .lo = -1, .hi = -1, .next = p->rows[d].now, .done = !searched(p, d) };
        staff[d] = (ea_places_staff){ NAN, NAN, NAN };
        left += !s[d].done;
    }
    while (left > 0) {
        if (p->runs >= MAX_RUNS)
            return eng_error_set(err, ENG_EFAIL, "places : pas de réponse après %d simulations",
                                MAX_RUNS);
        for (int d = 0; d < nd; d++)
            values[d] = s[d].done ? (s[d].hi >= 0 ? s[d].hi : p->rows[d].now) : s[d].next;
        int status = run(sc, opt, p, values, e, staff, NULL, err);
        if (status != ENG_OK)
            return status;
        left = 0;
        for (int d = 0; d < nd; d++)
            if (!s[d].done) {
                step(&s[d], &e[d], &staff[d], p->rows[d].bound, search_floor(p));
                left += !s[d].done;
            }
    }
    return ENG_OK;
}

/* The answers from the searches, and the region with every department at its answer and at one
 * unit less (two more runs, when every department met the target). */
static int answers(ea_scenario *sc, const ea_places_options *opt, ea_places *p, const search *s,
                   eng_error *err)
{
    int nd = sc->ndepartments, at[nd], less[nd], all = 1;
    for (int d = 0; d < nd; d++) {
        ea_places_row *r = &p->rows[d];
        r->one_less = (ea_target_eval){ NAN, NAN, 0 };
        at[d] = less[d] = r->now;
        if (!searched(p, d))
            continue;
        if (s[d].hi < 0) {
            r->at = s[d].at_lo;
            all = 0;
            continue;
        }
        r->needed = at[d] = s[d].hi;
        less[d] = r->needed > search_floor(p) ? r->needed - 1 : r->needed;
        r->at = s[d].at_hi;
        r->staff.needed = s[d].staff_hi.needed;
        r->staff.needed_at_level = s[d].staff_hi.needed_at_level;
        if (r->needed > search_floor(p))
            r->one_less = s[d].at_lo;
    }
    p->region_known = all && strcmp(p->target.scope, "region") == 0;
    if (!p->region_known)
        return ENG_OK;
    ea_target_eval e[nd];
    ea_places_staff staff[nd];
    int status = run(sc, opt, p, at, e, staff, &p->region_at, err);
    if (status == ENG_OK)
        status = run(sc, opt, p, less, e, staff, &p->region_one_less, err);
    /* The target is each department's: whether the region's total meets it says nothing. */
    p->region_at.share = p->region_one_less.share = NAN;
    return status;
}

int ea_places_compute(const char *scenario, const ea_places_options *opt, ea_places *out,
                      eng_error *err)
{
    memset(out, 0, sizeof *out);
    out->target = *opt->target;
    out->search = opt->search;
    out->unit = opt->search == EA_PLACES_SEARCH_FTE ? 0.1 : 1;
    ea_scenario sc;
    int status = ea_places_load(scenario, opt, &sc, &out->year, err);
    if (status != ENG_OK)
        return status;
    snprintf(out->name, sizeof out->name, "%s", sc.name);
    snprintf(out->area, sizeof out->area, "%s", ea_scenario_area_label(&sc));
    out->replications = sc.replications;
    out->seed = sc.seed;
    out->cost_per_place = sc.cost_per_place;
    out->staff_cost_per_fte = sc.staff_cost_per_fte;
    search *s = NULL;
    if (!(out->scenario = strdup(scenario)) || !(s = calloc((size_t)sc.ndepartments, sizeof *s)))
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (status == ENG_OK)
        status = init_rows(&sc, out, err);
    if (status == ENG_OK)
        status = search_all(&sc, opt, out, s, err);
    if (status == ENG_OK)
        status = answers(&sc, opt, out, s, err);
    free(s);
    ea_scenario_clear(&sc);
    if (status != ENG_OK)
        ea_places_clear(out);
    return status;
}

void ea_places_clear(ea_places *p)
{
    if (!p)
        return;
    free(p->scenario);
    free(p->rows);
    memset(p, 0, sizeof *p);
}

/* A number cell then the separator; NaN, or a row that has no answer, gives an empty cell. */
static void cell(FILE *f, double x, const eng_csv_style *st)
{
    eng_csv_number(f, x, st);
    fputc(st->sep, f);
}

/* An FTE cell, rounded as the tables round FTE, then the separator. */
static void fte_value(FILE *f, double x, const eng_csv_style *st)
{
    ea_tables_write_indicator_value(f, x, STAFF_NEEDED, st);
    fputc(st->sep, f);
}

/* The region's FTE: the sums of the departments' (the quantiles too: a prudent bound, since the
 * quantile of a sum is at most the sum of the quantiles); funded unknown when one is. */
static ea_places_staff region_staff(const ea_places *p)
{
    ea_places_staff sum = { 0, 0, p->target.level > 0 ? 0 : NAN };
    for (int d = 0; d < p->n; d++)
        if (searched(p, d)) {
            sum.funded += p->rows[d].staff.funded;
            sum.needed += p->rows[d].staff.needed;
            sum.needed_at_level += p->rows[d].staff.needed_at_level;
        }
    return sum;
}

/* Whether the funded FTE suffice in the region: in every department, since counsellors are not
 * shared (one's surplus does not cover another's lack); 0 when one lacks, -1 when one is unknown. */
static int region_sufficient(const ea_places *p)
{
    int all = 1;
    for (int d = 0; d < p->n; d++)
        if (searched(p, d)) {
            int ok = ea_places_staff_sufficient(&p->rows[d].staff);
            if (ok == 0)
                return 0;
            all = ok < 0 ? -1 : all;
        }
    return all;
}

/* The FTE cells of a row of places.csv. */
static void write_staff(FILE *f, const ea_places_staff *s, int sufficient, const eng_csv_style *st)
{
    fte_value(f, s->funded, st);
    fte_value(f, s->needed, st);
    fte_value(f, s->needed_at_level, st);
    fte_value(f, s->funded - ea_places_staff_needed(s), st);
    cell(f, sufficient < 0 ? NAN : sufficient, st);
}

/* One row of places.csv or fte.csv: now and needed in the search's units (places, FTE), the
 * values of the target's indicator in its own unit, and for places the FTE. */
static void write_row(FILE *f, const ea_places *p, const char *scope, const char *name, double now,
                      double needed, const ea_target_eval *at, const ea_target_eval *less,
                      const ea_places_staff *staff, int sufficient, const eng_csv_style *st)
{
    double cost = p->search == EA_PLACES_SEARCH_FTE
                      ? (p->staff_cost_per_fte > 0 ? p->staff_cost_per_fte : NAN) : p->cost_per_place;
    eng_csv_text(f, scope, st);
    fputc(st->sep, f);
    cell(f, now, st);
    cell(f, needed, st);
    /* Rounded to the tenth for FTE, so that 1.5 - 1.2 is written 0.3. */
    cell(f, p->search == EA_PLACES_SEARCH_FTE ? round(10 * (needed - now)) / 10 : needed - now, st);
    cell(f, (needed - now) * cost, st);
    ea_tables_write_indicator_value(f, at->mean, p->target.indicator, st);
    fputc(st->sep, f);
    ea_tables_write_indicator_value(f, less->mean, p->target.indicator, st);
    fputc(st->sep, f);
    cell(f, at->share, st);
    cell(f, less->share, st);
    if (p->search == EA_PLACES_SEARCH_PLACES)
        write_staff(f, staff, sufficient, st);
    eng_csv_text(f, name, st);
    fputc('\n', f);
}

/* Whether the tables end with the sums of the departments: not for a single-platform scenario,
 * whose one row, coded `region`, is already the whole (a second would double a pivot's sum). */
static int has_total(const ea_places *p)
{
    return !(p->n == 1 && strcmp(p->rows[0].code, "region") == 0);
}

int ea_places_write(const ea_places *p, eng_out *out, const eng_csv_style *style, eng_error *err)
{
    ea_tables_id table = p->search == EA_PLACES_SEARCH_FTE ? EA_TABLE_FTE : EA_TABLE_PLACES;
    FILE *f = eng_out_open(out, ea_tables_file(table), err);
    if (!f)
        return ENG_EFAIL;
    ea_tables_write_header(f, table, style);
    const ea_target_eval none = { NAN, NAN, 0 };
    double now = 0, needed = 0;
    for (int d = 0; d < p->n; d++) {
        const ea_places_row *r = &p->rows[d];
        if (!searched(p, d))
            continue;
        int ok = r->needed >= 0;
        now += r->now * p->unit;
        needed += ok ? r->needed * p->unit : NAN;
        write_row(f, p, r->code, r->name, r->now * p->unit, ok ? r->needed * p->unit : NAN,
                  ok ? &r->at : &none, &r->one_less, &r->staff,
                  ea_places_staff_sufficient(&r->staff), style);
    }
    ea_places_staff staff = region_staff(p);
    if (has_total(p))
        write_row(f, p, "region", "", now, needed, p->region_known ? &p->region_at : &none,
                  p->region_known ? &p->region_one_less : &none, &staff, region_sufficient(p),
                  style);
    return ENG_OK;
}
/* The target's indicator for people: a share in percent, anything else with one decimal, and with
 * a level the share of the replications meeting the target in brackets. */
static void format_value(const ea_places *p, const ea_target_eval *e, char *buf, size_t size)
{
    const ea_indicators_row *row = ea_indicators_lookup(p->target.indicator, NULL);
    char v[40], share[16];
    if (isnan(e->mean)) {
        snprintf(buf, size, "–");
        return;
    }
    if (row && row->unit == EA_UNIT_SHARE)
        eng_text_format_percent(v, sizeof v, 100 * e->mean, 1);
    else
        eng_text_format_number(v, sizeof v, e->mean, 1);
    if (p->target.level <= 0 || isnan(e->share)) {
        snprintf(buf, size, "%s", v);
        return;
    }
    eng_text_format_percent(share, sizeof share, 100 * e->share, 0);
    snprintf(buf, size, "%s (%s)", v, share);
}

/* The columns of the table: heading for places and for FTE, and width in characters. */
static const struct places_column {
    const char *head, *head_fte;
    int width, width_fte;
} places_columns[] = {
    { ENG_MSG_N("Département"), ENG_MSG_N("Département"), 24, 24 },
    { ENG_MSG_N("Actuelles"), ENG_MSG_N("ETP actuels"), 9, 11 },
    { ENG_MSG_N("Nécessaires"), ENG_MSG_N("Nécessaires"), 11, 11 },
    { ENG_MSG_N("Variation"), ENG_MSG_N("Variation"), 9, 9 },
    { ENG_MSG_N("Coût par an"), ENG_MSG_N("Coût par an"), 13, 13 },
    { ENG_MSG_N("Valeur"), ENG_MSG_N("Valeur"), 13, 13 },
    { ENG_MSG_N("Une de moins"), ENG_MSG_N("0,1 ETP de moins"), 13, 16 },
};
#define NPLACES_COLUMNS (sizeof places_columns / sizeof *places_columns)

/* Prints the cells of one line, the first left-aligned, on the widths given (a negative width
 * left-aligns; the last cell, left-aligned, is not padded). */
static void print_cells(FILE *f, char (*cells)[64], const int *widths, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        int w = c == 0 ? -widths[c] : widths[c];
        if (c == n - 1 && w < 0)
            fprintf(f, " %s", cells[c]);
        else
            fprintf(f, c == 0 ? "%*s" : " %*s", eng_text_pad(cells[c], w), cells[c]);
    }
    fputc('\n', f);
}

/* The cost of a change for people: "+86 000 €", or "–" when the scenario gives no cost. */
static void format_cost(char *buf, size_t size, double change, double per_unit)
{
    char cost[48];
    if (!(per_unit > 0)) {
        snprintf(buf, size, "–");
        return;
    }
    eng_text_format_signed(cost, sizeof cost, change * per_unit, 0);
    snprintf(buf, size, "%s €", cost);
}

/* One line of the table: a department, or the region (needed < 0: not met); now and needed in the
 * search's units. */
static void print_line(FILE *f, const ea_places *p, const char *label, double now, double needed,
                       const ea_target_eval *at, const ea_target_eval *less)
{
    char cells[NPLACES_COLUMNS][64];
    int widths[NPLACES_COLUMNS], fte = p->search == EA_PLACES_SEARCH_FTE;
    for (size_t c = 0; c < NPLACES_COLUMNS; c++)
        widths[c] = fte ? places_columns[c].width_fte : places_columns[c].width;
    ea_scenario_copy_text(cells[0], sizeof cells[0], label, strlen(label));
    eng_text_format_number(cells[1], sizeof cells[1], now, fte);
    if (needed < 0) {
        snprintf(cells[2], sizeof cells[2], "%s", eng_msg_tr("non atteinte"));
        snprintf(cells[3], sizeof cells[3], "–");
        snprintf(cells[4], sizeof cells[4], "–");
    } else {
        eng_text_format_number(cells[2], sizeof cells[2], needed, fte);
        eng_text_format_signed(cells[3], sizeof cells[3], needed - now, fte);
        format_cost(cells[4], sizeof cells[4], needed - now,
                    fte ? p->staff_cost_per_fte : p->cost_per_place);
    }
    format_value(p, at, cells[5], sizeof cells[5]);
    format_value(p, less, cells[6], sizeof cells[6]);
    print_cells(f, cells, widths, NPLACES_COLUMNS);
}

/* The heading: what was searched, for which target, year and replications. */
static void print_heading(const ea_places *p, FILE *f)
{
    char value[64], level[96], label[128];
    const ea_target *t = &p->target;
    ea_target_format_value(t, value, sizeof value);
    if (t->level > 0) {
        char pct[32];
        eng_text_format_percent(pct, sizeof pct, 100 * t->level, 0);
        snprintf(level, sizeof level, eng_msg_tr("dans au moins %s des %d réplications"), pct,
                 p->replications);
    } else
        snprintf(level, sizeof level, eng_msg_tr("en moyenne sur %d réplications"), p->replications);
    fprintf(f, p->search == EA_PLACES_SEARCH_FTE
                   ? eng_msg_tr("%s : ETP de conseillers nécessaires pour %s %s %s en %d %s, %s "
                                "(graine %lu, la même pour chaque essai).\n\n")
                   : eng_msg_tr("%s : places nécessaires pour %s %s %s en %d %s, %s (graine %lu, la "
                                "même pour chaque essai).\n\n"),
            p->name, ea_indicators_label(t->indicator, label, sizeof label),
            t->op == EA_TARGET_AT_MOST ? "\xe2\x89\xa4" : "\xe2\x89\xa5", value, p->year,
            has_total(p) ? eng_msg_tr("dans chaque département") : eng_msg_tr("pour la plateforme"),
            level, p->seed);
}

/* What the columns mean. */
static void print_meaning(const ea_places *p, FILE *f)
{
    char cost[48], label[128];
    ea_indicators_label(p->target.indicator, label, sizeof label);
    if (p->search == EA_PLACES_SEARCH_FTE) {
        eng_text_format_number(cost, sizeof cost, p->staff_cost_per_fte, 0);
        fprintf(f, eng_msg_tr("\n« Nécessaires » : le plus petit nombre d'ETP de conseillers, au "
                              "dixième, qui atteint la cible, tenu du début à la fin de la "
                              "simulation ; « Valeur » : %s avec ce nombre ; « 0,1 ETP de moins » : "
                              "où la cible n'est pas atteinte. Coût par an : variation × %s € par "
                              "ETP (staff_cost_per_fte).\n"), label, cost);
        return;
    }
    eng_text_format_number(cost, sizeof cost, p->cost_per_place, 0);
    fprintf(f, eng_msg_tr("\n« Nécessaires » : le plus petit nombre de places qui atteint la cible, "
                          "tenu du début à la fin de la simulation ; « Valeur » : %s avec ce nombre ; "
                          "« Une de moins » : avec une place de moins, où la cible n'est pas atteinte. "
                          "Coût par an : variation × %s € par place.\n"),
            label, cost);
}

/* What the net change of the total line hides: the places (or FTE) added in some departments and
 * those that others could do without, each with how many departments. */
static void print_moves(const ea_places *p, FILE *f)
{
    double up = 0, down = 0;
    int nup = 0, ndown = 0;
    for (int d = 0; d < p->n; d++) {
        const ea_places_row *r = &p->rows[d];
        if (!searched(p, d) || r->needed < 0 || r->needed == r->now)
            continue;
        double change = (r->needed - r->now) * p->unit;
        up += change > 0 ? change : 0;
        down += change < 0 ? -change : 0;
        nup += change > 0;
        ndown += change < 0;
    }
    if (nup == 0 || ndown == 0)
        return;   /* all one way: the total line says it */
    char a[64], b[64], net[64];
    int tenths = p->unit < 1;
    eng_text_format_number(a, sizeof a, up, tenths);
    eng_text_format_number(b, sizeof b, down, tenths);
    eng_text_format_number(net, sizeof net, fabs(up - down), tenths);
    fprintf(f, p->search == EA_PLACES_SEARCH_FTE
                   ? eng_msg_tr("Le total est un solde : +%s ETP dans %d département%s, −%s dans "
                                "%d, soit %s%s.\n")
                   : eng_msg_tr("Le total est un solde : +%s places dans %d département%s, −%s "
                                "dans %d, soit %s%s.\n"),
            a, nup, nup > 1 ? "s" : "", b, ndown, up >= down ? "+" : "−", net);
}

/* What the columns mean, and the departments to read with care. */
static void print_notes(const ea_places *p, FILE *f)
{
    char fewer[256] = "", bound[64];
    size_t o = 0;
    print_meaning(p, f);
    for (int d = 0; d < p->n; d++) {
        const ea_places_row *r = &p->rows[d];
        if (!searched(p, d))
            continue;
        eng_text_format_number(bound, sizeof bound, r->bound * p->unit, p->unit < 1);
        if (r->needed < 0 && p->search == EA_PLACES_SEARCH_FTE)
            fprintf(f, eng_msg_tr("%s %s : cible non atteinte même avec %s ETP (la borne de la "
                                  "recherche : 4 fois les ETP actuels, ou de quoi accompagner 24 mois "
                                  "d'entrées) ; fte_needed est vide dans fte.csv.\n"),
                    r->code, r->name, bound);
        else if (r->needed < 0)
            fprintf(f, eng_msg_tr("%s %s : cible non atteinte même avec %d places (la borne de la "
                                  "recherche : 4 fois les places actuelles, ou 24 mois d'entrées) ; "
                                  "places_needed est vide dans places.csv.\n"),
                    r->code, r->name, r->bound);
        if (r->needed >= 0 && r->needed < r->now && o < sizeof fewer)
            o += (size_t)snprintf(fewer + o, sizeof fewer - o, "%s%s", o ? ", " : "", r->code);
        if (r->scheduled)
            fprintf(f, eng_msg_tr("%s %s : le scénario fait varier ses places dans le temps "
                                  "(places_schedule) ; « Actuelles » sont celles de janvier %d.\n"),
                    r->code, r->name, p->year);
    }
    /* Fewer places than today meet a target on the waiting list or the wait when persons leave the
     * list (their patience) before they are admitted: neither counts them. Every such department
     * is named, not only those that need none; the drop-outs are the target that does count
     * them. */
    int on_reneged = strcmp(p->target.indicator, "reneged") == 0;
    const char *advice = on_reneged ? "" : eng_msg_tr(" ; une cible sur les abandons ('reneged<=1') "
                                                      "dit mieux le besoin");
    if (o)
        fprintf(f, p->search == EA_PLACES_SEARCH_FTE
                       ? eng_msg_tr("Cible atteinte avec moins d'ETP qu'aujourd'hui dans : %s. Quand "
                                    "des personnes renoncent avant d'être admises (patience du "
                                    "scénario), ni la liste d'attente ni le délai des personnes "
                                    "admises ne disent leur attente : ce n'est pas une invitation "
                                    "à supprimer des postes%s.\n")
                       : eng_msg_tr("Cible atteinte avec moins de places qu'aujourd'hui dans : %s. "
                                    "Quand des personnes renoncent avant d'être admises (patience "
                                    "du scénario), ni la liste d'attente ni le délai des personnes "
                                    "admises ne disent leur attente : ce n'est pas une invitation "
                                    "à supprimer ces places%s.\n"), fewer, advice);
    if (has_total(p))
        fprintf(f, p->search == EA_PLACES_SEARCH_FTE
                       ? eng_msg_tr("« %s » : chaque département avec la réponse de sa ligne ; ses "
                                    "ETP sont leur somme et sa valeur celle de l'ensemble ainsi "
                                    "fait ; la cible est jugée département par département, pas "
                                    "sur lui.\n")
                       : eng_msg_tr("« %s » : chaque département avec la réponse de sa ligne ; ses "
                                    "places sont leur somme et sa valeur celle de l'ensemble ainsi "
                                    "fait ; la cible est jugée département par département, pas "
                                    "sur lui.\n"), p->area);
}

/* The verdict on a department's FTE for people. */
static const char *verdict(const ea_places_staff *s, int sufficient)
{
    if (isnan(s->funded))
        return eng_msg_tr("non renseignés");
    if (sufficient < 0)
        return "–";
    return sufficient ? eng_msg_tr("suffisent") : eng_msg_tr("ne suffisent pas");
}

/* An FTE figure for people with one decimal; "–" when unknown. */
static void fte_cell(char *buf, size_t size, double x, int sign)
{
    if (isnan(x))
        snprintf(buf, size, "–");
    else if (sign)
        eng_text_format_signed(buf, size, x, 1);
    else
        eng_text_format_number(buf, size, x, 1);
}

/* The columns of the table of FTE: heading and width; the quantile's only with a level. */
static const struct places_column staff_columns[] = {
    { ENG_MSG_N("Département"), NULL, 24, 0 }, { ENG_MSG_N("Financés"), NULL, 9, 0 },
    { ENG_MSG_N("Nécessaires"), NULL, 11, 0 }, { ENG_MSG_N("Au niveau"), NULL, 14, 0 },
    { ENG_MSG_N("Écart"), NULL, 7, 0 }, { ENG_MSG_N("Verdict"), NULL, 16, 0 },
};
#define NSTAFF_COLUMNS (sizeof staff_columns / sizeof *staff_columns)

/* One line of the table of FTE; the quantile's column only with a level. */
static void print_staff_line(FILE *f, const ea_places *p, const char *label,
                             const ea_places_staff *s, int sufficient)
{
    char cells[NSTAFF_COLUMNS][64];
    int widths[NSTAFF_COLUMNS];
    size_t n = 0;
    ea_scenario_copy_text(cells[n++], sizeof cells[0], label, strlen(label));
    fte_cell(cells[n++], sizeof cells[0], s->funded, 0);
    fte_cell(cells[n++], sizeof cells[0], s->needed, 0);
    if (p->target.level > 0)
        fte_cell(cells[n++], sizeof cells[0], s->needed_at_level, 0);
    fte_cell(cells[n++], sizeof cells[0], s->funded - ea_places_staff_needed(s), 1);
    snprintf(cells[n++], sizeof cells[0], "%s", verdict(s, sufficient));
    for (size_t c = 0, k = 0; c < NSTAFF_COLUMNS; c++)
        if (c != 3 || p->target.level > 0)
            widths[k++] = staff_columns[c].width;
    widths[n - 1] = -widths[n - 1];
    print_cells(f, cells, widths, n);
}

/* The table of FTE beside the places needed: funded, needed, the gap and the verdict. */
static void print_staff(const ea_places *p, FILE *f)
{
    char level[32] = "";
    if (p->target.level > 0)
        eng_text_format_percent(level, sizeof level, 100 * p->target.level, 0);
    fprintf(f, eng_msg_tr("\nConseillers (ETP) avec les places nécessaires, à l'intensité "
                          "d'accompagnement du scénario, en %d :\n"), p->year);
    char cells[NSTAFF_COLUMNS][64];
    int widths[NSTAFF_COLUMNS];
    size_t n = 0;
    for (size_t c = 0; c < NSTAFF_COLUMNS; c++) {
        if (c == 3 && !level[0])
            continue;
        snprintf(cells[n], sizeof cells[n], c == 3 ? "%s %s" : "%s",
                 eng_msg_tr(staff_columns[c].head), level);
        widths[n++] = staff_columns[c].width;
    }
    widths[n - 1] = -widths[n - 1];
    print_cells(f, cells, widths, n);
    for (int d = 0; d < p->n; d++) {
        const ea_places_row *r = &p->rows[d];
        if (!searched(p, d))
            continue;
        char label[EA_MAX_NAME + EA_MAX_TEXT];
        snprintf(label, sizeof label, "%s %s", r->code, r->name);
        print_staff_line(f, p, label, &r->staff, ea_places_staff_sufficient(&r->staff));
    }
    ea_places_staff region = region_staff(p);
    if (has_total(p))
        print_staff_line(f, p, p->area, &region, region_sufficient(p));
    fprintf(f, eng_msg_tr("\n« Financés » : la clé fte du département (« non renseignés » quand elle "
                          "manque) ; « Nécessaires » : staff_fte_needed avec les places nécessaires, "
                          "en moyenne sur les réplications%s ; « Écart » : financés moins "
                          "nécessaires. Les conseillers ne se partagent pas entre départements : "
                          "l'ensemble ne suffit que si chaque département suffit.\n"),
            level[0] ? eng_msg_tr(" ; « Au niveau » : les ETP qui suffisent dans cette part des "
                                  "réplications, sur lesquels porte le verdict (l'ensemble en fait "
                                  "la somme)") : "");
}

void ea_places_print(const ea_places *p, FILE *f)
{
    print_heading(p, f);
    char cells[NPLACES_COLUMNS][64];
    int widths[NPLACES_COLUMNS], fte = p->search == EA_PLACES_SEARCH_FTE;
    for (size_t c = 0; c < NPLACES_COLUMNS; c++) {
        snprintf(cells[c], sizeof cells[c], "%s",
                 eng_msg_tr(fte ? places_columns[c].head_fte : places_columns[c].head));
        widths[c] = fte ? places_columns[c].width_fte : places_columns[c].width;
    }
    print_cells(f, cells, widths, NPLACES_COLUMNS);
    double now = 0, needed = 0;
    for (int d = 0; d < p->n; d++) {
        const ea_places_row *r = &p->rows[d];
        if (!searched(p, d))
            continue;
        char label[EA_MAX_NAME + EA_MAX_TEXT];
        snprintf(label, sizeof label, "%s %s", r->code, r->name);
        print_line(f, p, label, r->now * p->unit, r->needed < 0 ? -1 : r->needed * p->unit,
                   &r->at, &r->one_less);
        now += r->now * p->unit;
        needed = needed < 0 || r->needed < 0 ? -1 : needed + r->needed * p->unit;
    }
    const ea_target_eval none = { NAN, NAN, 0 };
    if (has_total(p))
        print_line(f, p, p->area, now, needed,
                   p->region_known ? &p->region_at : &none,
                   p->region_known ? &p->region_one_less : &none);
    if (has_total(p))
        print_moves(p, f);
    print_notes(p, f);
    if (!fte)
        print_staff(p, f);
}
