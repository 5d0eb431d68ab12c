/* ea_sweep.c — Sweeps over scenario keys with common random numbers: every point runs with the
 * same seed, so replication i of each point draws from the same stream and the differences between
 * points are not noise from different streams. */
#include "ea_sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_ini.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_indicators.h"
#include "ea_param.h"
#include "ea_scenario.h"
#include "ea_scenario_ini.h"
#include "ea_simulate.h"
#include "ea_tables.h"

/* At most this many runs of the bisection towards a target, beyond the grid's. */
#define MAX_BISECTION 40

/* Splits the regional total `value` across the departments by the sweep's rule and sets each
 * one's places. An error is named by the caller (check_points gives the point). */
static int set_split(eng_ini *ini, const ea_sweep *s, const char *value, eng_error *err)
{
    double *places = calloc((size_t)s->split.n, sizeof *places);
    if (!places)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    int status = ea_split_plan_places(&s->split, atol(value), places, err);
    for (int d = 0; d < s->split.n && status == ENG_OK; d++) {
        char text[32];
        snprintf(text, sizeof text, "%.10g", places[d]);
        status = eng_ini_set(ini, s->split.sections[d], "places", text, err);
    }
    free(places);
    return status;
}

/* Sets one key to a value in the file: in its section, with defaults.KEY in every department, or
 * with region.places split across them. */
static int set_value(eng_ini *ini, const ea_sweep *s, const ea_vary *v, const char *value,
                     eng_error *err)
{
    if (v->region_total)
        return set_split(ini, s, value, err);
    if (!v->all_departments)
        return eng_ini_set(ini, v->section, v->key, value, err);
    for (int i = 0; i < eng_ini_nsections(ini); i++) {
        const char *sec = eng_ini_section(ini, i);
        if (ea_scenario_section_kind(sec, NULL, 0) != EA_SECTION_DEPARTMENT)
            continue;
        int status = eng_ini_set(ini, sec, v->key, value, err);
        if (status != ENG_OK)
            return status;
    }
    return ENG_OK;
}

/* Sets the values of point p (mixed radix, the last key varying fastest) in the file. */
static int set_point(eng_ini *ini, const ea_sweep *s, long p, int *idx, eng_error *err)
{
    const ea_vary *vary = s->vary;
    for (int k = s->nvary - 1; k >= 0; k--) {
        idx[k] = (int)(p % vary[k].n);
        p /= vary[k].n;
    }
    for (int k = 0; k < s->nvary; k++) {
        int status = set_value(ini, s, &vary[k], vary[k].text[idx[k]], err);
        if (status != ENG_OK)
            return status;
    }
    return ENG_OK;
}

/* "key=value, key=value" of a point, cut to size. */
static void point_label(const ea_vary *vary, int nvary, const int *idx, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < nvary && o < size; k++) {
        /* A number with the decimal mark of the messages: 1,5 in French, as it was typed. */
        char value[sizeof vary[k].text[0]];
        snprintf(value, sizeof value, "%s", vary[k].text[idx[k]]);
        if (vary[k].type != EA_KEY_OTHER)
            eng_msg_number(value);
        o += (size_t)snprintf(buf + o, size - o, "%s%s=%s", k ? ", " : "", vary[k].name, value);
    }
}

/* The scenario of the current values of the file, with the run's replications and seed. */
static int point_scenario(const eng_ini *ini, const ea_sweep_options *opt, ea_scenario *sc, eng_error *err)
{
    int status = ea_scenario_from_ini(ini, sc, err);
    if (status != ENG_OK)
        return status;
    ea_scenario_set_run(sc, opt->replications, opt->seed);
    return ENG_OK;
}

/* The number of points of the grid; every key's section must be in the scenario when the key is
 * one of a module or of a department. */
static int check_grid(const eng_ini *ini, const char *scenario, const ea_vary *vary, int nvary,
                      long *npoints, eng_error *err)
{
    *npoints = 1;
    for (int k = 0; k < nvary; k++) {
        const ea_vary *v = &vary[k];
        *npoints *= v->n;
        if (*npoints > EA_VARY_MAX_POINTS)
            return eng_error_set(err, ENG_EINPUT, "--vary : la grille a plus de %d points ; donnez moins de valeurs", EA_VARY_MAX_POINTS);
        int must_exist = strncmp(v->section, "module.", 7) == 0 ||
                         ea_scenario_section_kind(v->section, NULL, 0) != EA_SECTION_OTHER;
        int found = !must_exist;
        for (int s = 0; s < eng_ini_nsections(ini) && !found; s++)
            found = strcmp(eng_ini_section(ini, s), v->section) == 0;
        if (!found)
            return eng_error_set(err, ENG_EINPUT, "--vary %s : le scénario %s n'a pas de section [%s]",
                                 v->name, scenario, v->section);
    }
    return ENG_OK;
}

/* A varied key that every department sets itself changes nothing: refused, rather than a table of
 * identical rows (entries.per_month when each department gives entries_per_month). Keys that are
 * no numeric parameter (a text, a law written whole) are left to check_points. */
static int check_effect(const eng_ini *ini, const ea_vary *vary, int nvary, eng_error *err)
{
    ea_scenario sc;
    eng_error perr;
    if (ea_scenario_from_ini(ini, &sc, &perr) != ENG_OK)
        return ENG_OK;   /* the scenario as written is checked with each point's values */
    int status = ENG_OK;
    for (int k = 0; k < nvary && status == ENG_OK; k++) {
        ea_param p;
        if (vary[k].region_total || ea_param_parse(vary[k].name, &p, &perr) != ENG_OK)
            continue;
        if ((status = ea_param_check_effect(&p, &sc, err)) != ENG_OK)
            eng_error_prefix(err, "--vary ");
    }
    ea_scenario_clear(&sc);
    return status;
}

/* Every point is checked before anything runs: an invalid one is named in the error. */
static int check_points(eng_ini *ini, const ea_sweep *s, const ea_sweep_options *opt, eng_error *err)
{
    int idx[EA_SWEEP_MAX_VARY];
    for (long p = 0; p < s->npoints; p++) {
        int status = set_point(ini, s, p, idx, err);
        ea_scenario sc;
        if (status == ENG_OK && (status = point_scenario(ini, opt, &sc, err)) == ENG_OK) {
            ea_scenario_clear(&sc);
            continue;
        }
        if (status == ENG_EINPUT) {
            char label[1024];
            point_label(s->vary, s->nvary, idx, label, sizeof label);
            eng_error_prefix(err, "--vary (%s) : ", label);
        }
        return status;
    }
    return ENG_OK;
}

static double region_mean(const ea_results *res, int y, const char *indicator)
{
    int i = ea_indicators_find(ea_results_indicators(res), indicator);
    if (i < 0)
        return NAN;
    return ea_results_summary(res, EA_ANNUAL, ea_results_nscopes(res) - 1, y, i)->mean;
}

const char *ea_sweep_summary_column(int k)
{
    /* sweep-summary.csv is point, the varied keys (one declared column for all), year, then the
     * indicators. */
    return ea_tables_column(EA_TABLE_SWEEP_SUMMARY, 3 + k)->name;
}

/* One evaluation of the target: the varied value and what the target gave there. */
typedef struct eval {
    double x;
    ea_target_eval e;
} eval;

static int cmp_eval(const void *a, const void *b)
{
    const eval *x = a, *y = b;
    return (x->x > y->x) - (x->x < y->x);
}

/* Runs the scenario of the file's current values. */
static int run_point(const eng_ini *ini, const ea_sweep_options *opt, ea_results **res, eng_error *err)
{
    ea_scenario sc;
    int status = point_scenario(ini, opt, &sc, err);
    if (status != ENG_OK)
        return status;
    ea_simulate_options ro = { .threads = opt->threads, .annual_only = 1 };
    status = ea_simulate_run(&sc, &ro, res, err);
    ea_scenario_clear(&sc);
    return status;
}

/* The target in the chosen year, at the varied value x. */
static int target_eval(const ea_results *res, const ea_sweep_options *opt, double x, eval *e, eng_error *err)
{
    int y = ea_target_year_index(res, opt->year, err);
    if (y < 0)
        return ENG_EINPUT;
    e->x = x;
    return ea_target_evaluate(opt->target, res, y, &e->e, err);
}

/* Stores an allocated copy of text in *slot. */
static int copy_text(char **slot, const char *text, eng_error *err)
{
    *slot = strdup(text);
    return *slot ? ENG_OK : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
}

/* Keeps the annual table of a point's run: its scopes, years and indicators, and the mean, p05 and
 * p95 of each. */
static int keep_table(const ea_results *res, ea_sweep_point *pt, eng_error *err)
{
    const ea_indicators *set = ea_results_indicators(res);
    pt->nscopes = ea_results_nscopes(res);
    pt->nyears = ea_results_nperiods(res, EA_ANNUAL);
    pt->nindicators = set->n;
    size_t ncells = (size_t)pt->nscopes * (size_t)pt->nyears * (size_t)pt->nindicators * 3;
    pt->scopes = calloc((size_t)pt->nscopes, sizeof *pt->scopes);
    pt->years = calloc((size_t)pt->nyears, sizeof *pt->years);
    pt->indicators = calloc((size_t)pt->nindicators, sizeof *pt->indicators);
    pt->cells = malloc((ncells ? ncells : 1) * sizeof *pt->cells);
    int status = pt->scopes && pt->years && pt->indicators && pt->cells
                     ? ENG_OK : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int s = 0; s < pt->nscopes && status == ENG_OK; s++)
        status = copy_text(&pt->scopes[s], ea_results_scope(res, s), err);
    for (int y = 0; y < pt->nyears && status == ENG_OK; y++)
        status = copy_text(&pt->years[y], ea_results_period(res, EA_ANNUAL, y), err);
    for (int i = 0; i < pt->nindicators && status == ENG_OK; i++)
        status = copy_text(&pt->indicators[i], set->ind[i].name, err);
    double *c = pt->cells;
    for (int s = 0; s < pt->nscopes && status == ENG_OK; s++)
        for (int y = 0; y < pt->nyears; y++)
            for (int i = 0; i < pt->nindicators; i++, c += 3) {
                const eng_stats_summary *sm = ea_results_summary(res, EA_ANNUAL, s, y, i);
                c[0] = sm->mean;
                c[1] = sm->p05;
                c[2] = sm->p95;
            }
    return status;
}

/* Keeps what the run of a point gave: its table, its summary in the chosen year and, with a
 * target, the evaluation of the target at the point's value. */
static int keep_point(const ea_results *res, const ea_sweep *s, const ea_sweep_options *opt,
                      ea_sweep_point *pt, eval *e, eng_error *err)
{
    int y = ea_target_year_index(res, opt->year, err);
    if (y < 0)
        return ENG_EINPUT;
    int status = e ? target_eval(res, opt, s->vary[0].number[pt->idx[0]], e, err) : ENG_OK;
    if (status == ENG_OK)
        status = keep_table(res, pt, err);
    pt->year = y;
    for (int c = 0; c < EA_SWEEP_NSUMMARY; c++)
        pt->summary[c] = region_mean(res, y, ea_sweep_summary_column(c));
    return status;
}

/* Runs every point of the grid with the same seed; with a target, evaluates it at each point into
 * grid[]. */
static int run_grid(eng_ini *ini, const ea_sweep_options *opt, ea_sweep *s, eval *grid, eng_error *err)
{
    s->points = calloc((size_t)s->npoints, sizeof *s->points);
    if (!s->points)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (long p = 0; p < s->npoints; p++) {
        ea_sweep_point *pt = &s->points[p];
        ea_results *res = NULL;
        int status = set_point(ini, s, p, pt->idx, err);
        if (status == ENG_OK)
            status = run_point(ini, opt, &res, err);
        if (status == ENG_OK)
            status = keep_point(res, s, opt, pt, grid ? &grid[p] : NULL, err);
        ea_results_free(res);
        if (status != ENG_OK)
            return status;
        if (opt->progress)
            opt->progress((size_t)p + 1, (size_t)s->npoints, opt->progress_data);
    }
    return ENG_OK;
}

/* Halves the interval between a value meeting the target and one that does not, until they are
 * next to each other (one apart for a whole key, a thousandth apart otherwise); *met and *unmet end
 * as the closest pair found. */
static int bisect(eng_ini *ini, const ea_sweep *s, const ea_sweep_options *opt, eval *met, eval *unmet,
                  int *evaluations, eng_error *err)
{
    const ea_vary *v = &s->vary[0];
    int integer = v->type == EA_KEY_INTEGER;
    for (int iter = 0; iter < MAX_BISECTION; iter++) {
        double lo = fmin(met->x, unmet->x), hi = fmax(met->x, unmet->x);
        if ((integer && hi - lo <= 1) || (!integer && hi - lo <= 1e-3 * fmax(fabs(hi), 1e-9)))
            break;
        double mid = integer ? floor((lo + hi) / 2) : (lo + hi) / 2;
        char text[64];
        eng_text_format_double(text, sizeof text, mid);
        ea_results *res = NULL;
        eval e;
        int status = set_value(ini, s, v, text, err);
        if (status == ENG_OK)
            status = run_point(ini, opt, &res, err);
        if (status == ENG_OK)
            status = target_eval(res, opt, mid, &e, err);
        ea_results_free(res);
        if (status != ENG_OK)
            return status;
        (*evaluations)++;
        *(e.e.met ? met : unmet) = e;
    }
    return ENG_OK;
}

/* How well a point meets the target, larger being better: the share of replications meeting it
 * with a level, else the margin of the mean on the right side of the value. */
static double score(const ea_target *t, const eval *e)
{
    if (t->level > 0)
        return e->e.share;
    return t->op == EA_TARGET_AT_MOST ? t->value - e->e.mean : e->e.mean - t->value;
}

/* Whether the target is met more as the key grows: from the ends of the sorted grid, and from the
 * indicator's own trend when both ends meet it as well (or as badly). */
static int improves(const ea_target *t, const eval *g, int n)
{
    double a = score(t, &g[0]), b = score(t, &g[n - 1]);
    if (!isnan(a) && !isnan(b) && a != b)
        return b > a;
    int rises = g[n - 1].e.mean >= g[0].e.mean;
    return t->op == EA_TARGET_AT_LEAST ? rises : !rises;
}

/* The answer to the target from the grid's evaluations (sorted here by value), refined by
 * bisection next to the smallest value meeting it, or the largest. */
static int find_target(eng_ini *ini, const ea_sweep_options *opt, ea_sweep *s, eval *grid,
                       eng_error *err)
{
    int n = (int)s->npoints;
    ea_sweep_answer *a = &s->answer;
    qsort(grid, (size_t)n, sizeof *grid, cmp_eval);
    a->smallest = improves(&s->target, grid, n);
    a->evaluations = n;
    a->value = a->next = NAN;
    int found = -1;
    for (int i = 0; i < n; i++)
        if (grid[i].e.met && (found < 0 || !a->smallest))
            found = i;
    if (found < 0)
        return ENG_OK;
    a->met = 1;
    int beside = a->smallest ? found - 1 : found + 1;
    eval met = grid[found], unmet = { NAN, { NAN, NAN, 0 } };
    a->at_edge = beside < 0 || beside >= n;
    int status = ENG_OK;
    if (!a->at_edge) {
        unmet = grid[beside];
        status = bisect(ini, s, opt, &met, &unmet, &a->evaluations, err);
    }
    a->value = met.x;
    a->at = met.e;
    a->next = unmet.x;
    a->at_next = unmet.e;
    return status;
}

/* The section of a department of the scenario in the file: [department.CODE], or [platform],
 * whose department is called region; NULL when the file has none. */
static const char *department_section(const eng_ini *ini, const char *code)
{
    for (int i = 0; i < eng_ini_nsections(ini); i++) {
        const char *sec = eng_ini_section(ini, i);
        char c[64];
        if (ea_scenario_section_kind(sec, c, sizeof c) != EA_SECTION_DEPARTMENT)
            continue;
        if (eng_text_casecmp(c, code) == 0 || (!*c && strcmp(code, "region") == 0))
            return sec;
    }
    return NULL;
}

/* The weights of --split waiting: one run of the scenario as given, with the sweep's seed and
 * replications, and each department's waiting list at the end of the target year (the last
 * simulated without --year). */
static int waiting_weights(ea_scenario *sc, const ea_sweep_options *opt, double *weights,
                           eng_error *err)
{
    ea_scenario_set_run(sc, opt->replications, opt->seed);
    ea_simulate_options ro = { .threads = opt->threads, .annual_only = 1 };
    ea_results *res = NULL;
    int status = ea_simulate_run(sc, &ro, &res, err);
    int y = status == ENG_OK ? ea_target_year_index(res, opt->year, err) : -1;
    if (status == ENG_OK)
        status = y < 0 ? ENG_EINPUT : ea_split_waiting_weights(res, y, weights, sc->ndepartments, err);
    ea_results_free(res);
    return status;
}

/* With region.places, the departments' sections and their weights under the rule, from the
 * scenario as given (before any point sets a value): the places rule splits in proportion to the
 * places the scenario funds, not to those of the previous point. */
static int prepare_split(const eng_ini *ini, const ea_sweep_options *opt, ea_sweep *s, eng_error *err)
{
    int region = 0;
    for (int k = 0; k < s->nvary; k++)
        region |= s->vary[k].region_total;
    ea_split_rule rule = (ea_split_rule)(opt->split & ~EA_SPLIT_ADDED);
    if (region && rule == EA_SPLIT_NONE)
        return eng_error_set(err, ENG_EINPUT, "--vary region.places : un total régional se répartit "
                             "entre les départements ; ajoutez --split places, demand, weight ou waiting");
    if (!region && rule != EA_SPLIT_NONE)
        return eng_error_set(err, ENG_EINPUT, "--split %s : rien à répartir ; ajoutez --vary "
                             "region.places=DÉBUT:FIN:PAS", ea_split_rule_name(rule));
    if (!region)
        return ENG_OK;
    ea_scenario sc;
    int status = ea_scenario_from_ini(ini, &sc, err);
    if (status != ENG_OK)
        return status;
    status = ea_split_plan_init(&s->split, sc.ndepartments, err);
    s->split.rule = rule;
    s->split.added = (opt->split & EA_SPLIT_ADDED) != 0;
    if (status == ENG_OK && rule == EA_SPLIT_WAITING)
        status = waiting_weights(&sc, opt, s->split.weights, err);
    else if (status == ENG_OK)
        status = ea_split_weights(&sc, rule, s->split.weights, err);
    if (status == ENG_OK)
        status = ea_split_weights(&sc, EA_SPLIT_PLACES, s->split.current, err);
    for (int d = 0; d < sc.ndepartments && status == ENG_OK; d++) {
        const char *sec = department_section(ini, sc.departments[d].code);
        if (!sec)
            status = eng_error_set(err, ENG_EFAIL, "--vary region.places : le département %s n'a "
                                   "pas de section", sc.departments[d].code);
        else
            snprintf(s->split.sections[d], sizeof s->split.sections[d], "%s", sec);
    }
    ea_scenario_clear(&sc);
    return status;
}

/* Keeps, of the departments' sections, the names the scenario gives. */
static int named_only(void *data, const ea_scenario_ini_at *at, FILE *f)
{
    (void)f;
    const ea_scenario *sc = data;
    return at->department >= 0 && (sc->departments[at->department].overrides & EA_OVR_NAME);
}

/* The departments' names of the scenario in ini, as sweep.ini writes them, into s->names, and
 * what limits its admissions. */
static int record_scenario(const eng_ini *ini, ea_sweep *s, eng_error *err)
{
    static const ea_scenario_ini_key name_key[] = { { EA_SEC_DEPARTMENT, "name", 1 } };
    ea_scenario sc;
    int status = ea_scenario_from_ini(ini, &sc, err);
    if (status != ENG_OK)
        return status;
    s->places_limit = sc.capacity_mode == EA_CAPACITY_PLACES;
    size_t size = 0;
    FILE *f = open_memstream(&s->names, &size);
    const ea_scenario_ini_layout layout = { name_key, 1, named_only, &sc };
    if (!f)
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    else if (!sc.single_platform)
        status = ea_scenario_ini_write_partial(&sc, &layout, f, err);
    if (f && fclose(f) != 0 && status == ENG_OK)
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    ea_scenario_clear(&sc);
    return status;
}

int ea_sweep_compute(const char *scenario, const ea_vary *vary, int nvary,
                     const ea_sweep_options *opt, ea_sweep *out, eng_error *err)
{
    memset(out, 0, sizeof *out);
    if (opt->target && (nvary != 1 || vary[0].type == EA_KEY_OTHER))
        return eng_error_set(err, ENG_EINPUT, "--target demande exactement un --vary d'une clé numérique");
    eng_ini *ini = eng_ini_load(scenario, err);
    if (!ini)
        return ENG_EINPUT;
    out->vary = vary;
    out->nvary = nvary;
    if (opt->target) {
        out->has_target = 1;
        out->target = *opt->target;
    }
    int status = copy_text(&out->scenario, scenario, err);
    if (status == ENG_OK)
        status = check_grid(ini, scenario, vary, nvary, &out->npoints, err);
    if (status == ENG_OK)
        status = check_effect(ini, vary, nvary, err);
    if (status == ENG_OK)
        status = record_scenario(ini, out, err);
    if (status == ENG_OK)
        status = prepare_split(ini, opt, out, err);
    if (status == ENG_OK)
        status = check_points(ini, out, opt, err);
    eval *grid = NULL;
    if (status == ENG_OK && opt->target && !(grid = calloc((size_t)out->npoints, sizeof *grid)))
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (status == ENG_OK)
        status = run_grid(ini, opt, out, grid, err);
    if (status == ENG_OK && grid) {
        const ea_sweep_point *pt = &out->points[0];
        out->answer.year = atoi(pt->years[pt->year]);
        status = find_target(ini, opt, out, grid, err);
    }
    free(grid);
    eng_ini_free(ini);
    if (status != ENG_OK)
        ea_sweep_clear(out);
    return status;
}

static void free_texts(char **texts, int n)
{
    for (int i = 0; i < n && texts; i++)
        free(texts[i]);
    free(texts);
}

void ea_sweep_clear(ea_sweep *s)
{
    if (!s)
        return;
    for (long p = 0; p < s->npoints && s->points; p++) {
        ea_sweep_point *pt = &s->points[p];
        free_texts(pt->scopes, pt->nscopes);
        free_texts(pt->years, pt->nyears);
        free_texts(pt->indicators, pt->nindicators);
        free(pt->cells);
    }
    free(s->points);
    free(s->scenario);
    free(s->names);
    ea_split_plan_clear(&s->split);
    memset(s, 0, sizeof *s);
}

static void write_headers(const ea_sweep *s, FILE *fs, FILE *fm, FILE *fi, const eng_csv_style *st)
{
    const char *keys[EA_SWEEP_MAX_VARY];
    for (int k = 0; k < s->nvary; k++)
        keys[k] = s->vary[k].name;
    ea_tables_write_header_names(fs, EA_TABLE_SWEEP, keys, s->nvary, 0, st);
    ea_tables_write_header_names(fm, EA_TABLE_SWEEP_SUMMARY, keys, s->nvary, 0, st);
    fprintf(fi, eng_msg_tr("# Points du balayage de %s (la même graine à chaque point : nombres "
                           "aléatoires communs).\n"), s->scenario);
    fprintf(fi, "[sweep]\nscenario = %s\npoints = %ld\n", s->scenario, s->npoints);
    if (s->split.rule != EA_SPLIT_NONE)
        ea_split_plan_write_ini(&s->split, fi);
    if (s->names && s->names[0])
        fputs(s->names, fi);
}

/* A value of a varied key: a number as a number (so that --csv fr writes it with a decimal comma
 * and a spreadsheet reads it as one), anything else as text. */
static void key_cell(FILE *f, const char *value, const eng_csv_style *st)
{
    double x;
    if (eng_text_parse_double(value, &x) == 0)
        eng_csv_number(f, x, st);
    else
        eng_csv_text(f, value, st);
}

/* The rows of sweep.csv of point p: its annual table, scope by scope, year by year. */
static void write_table(const ea_sweep *s, long p, FILE *f, const eng_csv_style *st)
{
    char c = st->sep;
    const ea_sweep_point *pt = &s->points[p];
    long nrows = (long)pt->nscopes * pt->nyears * pt->nindicators;
    for (long r = 0; r < nrows; r++) {
        const double *cell = pt->cells + 3 * r;
        fprintf(f, "%ld", p + 1);
        for (int k = 0; k < s->nvary; k++) {
            fputc(c, f);
            key_cell(f, s->vary[k].text[pt->idx[k]], st);
        }
        fputc(c, f);
        eng_csv_text(f, pt->scopes[r / ((long)pt->nyears * pt->nindicators)], st);
        fprintf(f, "%c%s%c%s", c, pt->years[(r / pt->nindicators) % pt->nyears], c,
                pt->indicators[r % pt->nindicators]);
        for (int k = 0; k < 3; k++) {
            fputc(c, f);
            ea_tables_write_indicator_value(f, cell[k], pt->indicators[r % pt->nindicators], st);
        }
        fputc('\n', f);
    }
}

/* The row of sweep-summary.csv and the section of sweep.ini of point p. */
static void write_summary(const ea_sweep *s, long p, FILE *fm, FILE *fi, const eng_csv_style *st)
{
    char c = st->sep;
    const ea_sweep_point *pt = &s->points[p];
    fprintf(fm, "%ld", p + 1);
    fprintf(fi, "\n[point.%ld]\n", p + 1);
    for (int k = 0; k < s->nvary; k++) {
        const char *value = s->vary[k].text[pt->idx[k]];
        fputc(c, fm);
        key_cell(fm, value, st);
        fprintf(fi, "%s = %s\n", s->vary[k].name, value);
    }
    for (int k = 0; k < s->nvary; k++)
        if (s->vary[k].region_total)
            ea_split_plan_write_point(&s->split, atol(s->vary[k].text[pt->idx[k]]), fi);
    fprintf(fm, "%c%s", c, pt->years[pt->year]);
    for (int k = 0; k < EA_SWEEP_NSUMMARY; k++) {
        fputc(c, fm);
        ea_tables_write_indicator_value(fm, pt->summary[k], ea_sweep_summary_column(k), st);
    }
    fputc('\n', fm);
}

/* A number cell, then the separator. */
static void number_cell(FILE *f, double x, const eng_csv_style *st)
{
    eng_csv_number(f, x, st);
    fputc(st->sep, f);
}

/* An indicator's value cell, then the separator. */
static void value_cell(FILE *f, double x, const char *indicator, const eng_csv_style *st)
{
    ea_tables_write_indicator_value(f, x, indicator, st);
    fputc(st->sep, f);
}

static int write_target(const ea_sweep *s, eng_out *out, const eng_csv_style *st, eng_error *err)
{
    FILE *f = eng_out_open(out, "sweep-target.csv", err);
    if (!f)
        return ENG_EFAIL;
    char c = st->sep, spec[160];
    const ea_sweep_answer *a = &s->answer;
    const ea_target *t = &s->target;
    const char *ind = t->indicator;
    ea_target_spec(t, spec, sizeof spec);
    ea_tables_write_header(f, EA_TABLE_SWEEP_TARGET, st);
    eng_csv_text(f, s->vary[0].name, st);
    fputc(c, f);
    eng_csv_text(f, spec, st);
    fprintf(f, "%c%s%c%s%c", c, ind, c, t->op == EA_TARGET_AT_MOST ? "<=" : ">=", c);
    value_cell(f, t->value, ind, st);
    eng_csv_text(f, t->scope, st);
    fprintf(f, "%c%d%c", c, a->year, c);
    if (t->level > 0)
        number_cell(f, t->level, st);
    else
        fprintf(f, "mean%c", c);
    fprintf(f, "%s%c%d%c", a->smallest ? "smallest" : "largest", c, a->met, c);
    number_cell(f, a->value, st);
    value_cell(f, a->met ? a->at.mean : NAN, ind, st);
    number_cell(f, a->met ? a->at.share : NAN, st);
    number_cell(f, a->next, st);
    value_cell(f, isnan(a->next) ? NAN : a->at_next.mean, ind, st);
    number_cell(f, isnan(a->next) ? NAN : a->at_next.share, st);
    fprintf(f, "%d%c%d\n", a->at_edge, c, a->evaluations);
    return ENG_OK;
}

int ea_sweep_write(const ea_sweep *s, eng_out *out, const eng_csv_style *style, eng_error *err)
{
    FILE *fs = eng_out_open(out, "sweep.csv", err);
    FILE *fm = fs ? eng_out_open(out, "sweep-summary.csv", err) : NULL;
    FILE *fi = fm ? eng_out_open(out, "sweep.ini", err) : NULL;
    if (!fi)
        return ENG_EFAIL;
    write_headers(s, fs, fm, fi, style);
    for (long p = 0; p < s->npoints; p++) {
        write_table(s, p, fs, style);
        write_summary(s, p, fm, fi, style);
    }
    return s->has_target ? write_target(s, out, style, err) : ENG_OK;
}

/* The columns of the printed table after the point's number, values and year: heading, width in
 * characters, the index of the summary value shown, its decimals, and whether it is a percentage
 * of a share. */
static const struct sweep_column {
    const char *head;
    int width, value, decimals, percent;
} sweep_columns[] = {
    { ENG_MSG_N("File act."), 9, 0, 0, 0 }, { ENG_MSG_N("Taux"), 7, 1, 1, 1 },
    { ENG_MSG_N("Attente"), 8, 2, 1, 0 },   { ENG_MSG_N("Délai (j)"), 9, 3, 1, 0 },
    { ENG_MSG_N("Accomp."), 8, 4, 0, 0 },   { ENG_MSG_N("ETP néc."), 9, 5, 1, 0 },
    { ENG_MSG_N("Financ. €"), 12, 6, 0, 0 }, { ENG_MSG_N("Coût h. €"), 12, 7, 0, 0 },
    { ENG_MSG_N("€/pers."), 10, 8, 0, 0 },  { ENG_MSG_N("€/emploi"), 10, 9, 0, 0 },
};
#define NSWEEP_COLUMNS (sizeof sweep_columns / sizeof *sweep_columns)

/* x in its shortest exact form with the decimal mark of the language of the messages ("2,5"). */
static const char *short_number(char *buf, size_t size, double x)
{
    eng_text_format_double(buf, size, x);
    return eng_msg_number(buf);
}

/* Writes s right-aligned on `width` characters (a terminal's, not printf's bytes). */
static void put_cell(FILE *f, const char *s, int width)
{
    fprintf(f, " %*s", eng_text_pad(s, width), s);
}

/* The line of point p in the printed table: its values and its summary, in the number format of
 * the language of the messages. */
/* A department target's own figure at point p: the mean of its indicator for its department in
 * the target's year (the value --target judges), NaN when the point lacks it. */
static double target_figure(const ea_sweep *s, long p)
{
    const ea_sweep_point *pt = &s->points[p];
    for (int c = 0; c < pt->nscopes; c++)
        for (int i = 0; strcmp(pt->scopes[c], s->target.scope) == 0 && i < pt->nindicators; i++)
            if (strcmp(pt->indicators[i], s->target.indicator) == 0)
                return pt->cells[((c * pt->nyears + pt->year) * pt->nindicators + i) * 3];
    return NAN;
}

/* Whether the target is a department's, whose figure the table adds beside the region's. */
static int department_target(const ea_sweep *s)
{
    return s->has_target && strcmp(s->target.scope, "region") != 0;
}

static void print_point(const ea_sweep *s, long p, int width, FILE *f)
{
    const ea_sweep_point *pt = &s->points[p];
    const double *v = pt->summary;
    char label[1024];
    point_label(s->vary, s->nvary, pt->idx, label, sizeof label);
    fprintf(f, "%-6ld %-*s", p + 1, eng_text_pad(label, width), label);
    put_cell(f, pt->years[pt->year], 6);
    for (size_t c = 0; c < NSWEEP_COLUMNS; c++) {
        const struct sweep_column *col = &sweep_columns[c];
        char cell[64];
        if (col->percent)
            eng_text_format_percent(cell, sizeof cell, 100 * v[col->value], col->decimals);
        else
            eng_text_format_number(cell, sizeof cell, v[col->value], col->decimals);
        put_cell(f, cell, col->width);
    }
    if (department_target(s)) {
        char cell[64];
        eng_text_format_number(cell, sizeof cell, target_figure(s, p), 1);
        put_cell(f, cell, 12);
    }
    fputc('\n', f);
}

void ea_sweep_print(const ea_sweep *s, FILE *f)
{
    for (int k = 0; k < s->nvary; k++)
        if (s->vary[k].region_total)
            ea_split_plan_print(&s->split, &s->vary[k], f);
    /* The column of values as wide as the longest: a value cut short (2 for 2.5) would mislead. */
    int width = 28;
    for (long p = 0; p < s->npoints; p++) {
        char label[1024];
        point_label(s->vary, s->nvary, s->points[p].idx, label, sizeof label);
        int w = (int)strlen(label) - eng_text_pad(label, 0);
        width = w > width ? w : width;
    }
    const char *values = eng_msg_tr("Valeurs");
    fprintf(f, "%-6s %-*s", eng_msg_tr("Point"), eng_text_pad(values, width), values);
    put_cell(f, eng_msg_tr("Année"), 6);
    for (size_t c = 0; c < NSWEEP_COLUMNS; c++)
        put_cell(f, eng_msg_tr(sweep_columns[c].head), sweep_columns[c].width);
    char head[64], label[128];
    snprintf(head, sizeof head, eng_msg_tr("Cible (%s)"), s->target.scope);
    if (department_target(s))
        put_cell(f, head, 12);
    fputc('\n', f);
    for (long p = 0; p < s->npoints; p++)
        print_point(s, p, width, f);
    /* What each short heading stands for, in the indicators' own words. */
    fputs(eng_msg_tr("Colonnes :"), f);
    for (size_t c = 0; c < NSWEEP_COLUMNS; c++)
        fprintf(f, "%s %s = %s", c ? eng_msg_tr(" ;") : "", eng_msg_tr(sweep_columns[c].head),
                ea_indicators_label(ea_sweep_summary_column(sweep_columns[c].value), label,
                                    sizeof label));
    fputs(".\n", f);
    /* Counsellors funded limit nothing when places do: a sweep of them shows the same columns at
     * every point, which reads as a fault without this line. */
    for (int k = 0; k < s->nvary && s->places_limit; k++)
        if (strcmp(s->vary[k].key, "fte") == 0) {
            fprintf(f, eng_msg_tr("%s ne change pas ces colonnes : avec [staff] capacity_mode = "
                                  "places, ce sont les places qui limitent les admissions, et les "
                                  "ETP financés ne changent que les indicateurs de personnel de "
                                  "sweep.csv (staff_fte_funded, persons_per_fte). "
                                  "Pour que les conseillers limitent les admissions : "
                                  "capacity_mode = staff.\n"), s->vary[k].name);
            break;
        }
    /* The other columns are the region's: the one the target judges must not be read in them. */
    if (department_target(s))
        fprintf(f, eng_msg_tr("%s : %s du département %s, ce que juge --target ; les autres colonnes "
                              "sont celles de l'ensemble des départements.\n"), head,
                ea_indicators_label(s->target.indicator, label, sizeof label), s->target.scope);
}

/* The target's indicator at an evaluation for people: its mean, and with a level the share of the
 * replications meeting the target. */
static void describe_eval(const ea_target *t, const ea_target_eval *e, char *buf, size_t size)
{
    char mean[64], share[32];
    /* A mean that misses the target is never rounded onto it (29 999,95 is not « 30 000,0 »). */
    int decimals = fabs(t->value) >= 1 ? 1 : 3;
    double scale = pow(10, decimals);
    while (decimals < 6 && t->level <= 0 && !ea_target_meets(t, e->mean)
           && ea_target_meets(t, round(e->mean * scale) / scale)) {
        decimals++;
        scale *= 10;
    }
    eng_text_format_number(mean, sizeof mean, e->mean, decimals);
    /* The unit where a bare number would be read wrongly: FTE, days, euros. */
    const ea_indicators_row *row = ea_indicators_lookup(t->indicator, NULL);
    const char *unit = !row ? "" : row->unit == EA_UNIT_FTE ? eng_msg_tr(" ETP")
                       : row->unit == EA_UNIT_DAYS ? eng_msg_tr(" jours") : row->unit == EA_UNIT_EUR ? " €" : "";
    size_t len = strlen(mean);
    snprintf(mean + len, sizeof mean - len, "%s", unit);
    eng_text_format_percent(share, sizeof share, 100 * e->share, 0);
    /* A target on the mean says too how often the replications meet it: at the smallest value
     * whose mean does, often little more than half. */
    if (t->level <= 0) {
        snprintf(buf, size, eng_msg_tr("%s ; cible atteinte dans %s des réplications"), mean, share);
        return;
    }
    snprintf(buf, size, eng_msg_tr("%s en moyenne, atteinte dans %s des réplications"), mean, share);
}

void ea_sweep_print_answer(const ea_sweep *s, FILE *f)
{
    if (!s->has_target)
        return;
    const ea_target *t = &s->target;
    const ea_vary *v = &s->vary[0];
    const ea_sweep_answer *a = &s->answer;
    char target[256], value[64], next[64], at[160], at_next[160], label[128];
    ea_target_describe(t, target, sizeof target);
    ea_indicators_label(t->indicator, label, sizeof label);
    if (!a->met) {
        fprintf(f, eng_msg_tr("Cible %s en %d : aucune valeur de %s de %s à %s ne l'atteint ; "
                              "élargissez la grille (%d simulations).\n"),
                target, a->year, v->name, v->text[0], v->text[v->n - 1], a->evaluations);
        return;
    }
    if (a->at_edge)
        short_number(value, sizeof value, a->value);
    else
        eng_text_format_pair(value, next, sizeof value, a->value, a->next,
                             eng_msg_decimal_mark());
    describe_eval(t, &a->at, at, sizeof at);
    fprintf(f, a->smallest ? eng_msg_tr("Cible %s en %d : la plus petite valeur de %s qui atteint la "
                                        "cible est %s (%s : %s)")
                           : eng_msg_tr("Cible %s en %d : la plus grande valeur de %s qui atteint la "
                                        "cible est %s (%s : %s)"),
            target, a->year, v->name, value, label, at);
    if (a->at_edge)
        fputs(a->smallest ? eng_msg_tr(" ; c'est le début de la grille : une valeur plus petite "
                                       "l'atteint peut-être aussi")
                          : eng_msg_tr(" ; c'est la fin de la grille : une valeur plus grande "
                                       "l'atteint peut-être aussi"), f);
    else {
        describe_eval(t, &a->at_next, at_next, sizeof at_next);
        fprintf(f, eng_msg_tr(" ; à %s, elle ne l'est pas (%s : %s)"), next, label, at_next);
    }
    fprintf(f, eng_msg_tr(" ; %d simulations (la grille, puis la dichotomie).\n"), a->evaluations);
}
