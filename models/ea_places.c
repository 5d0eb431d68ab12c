/* ea_places.c — Places needed per department: the searches side by side on runs of the whole
 * scenario (departments are independent in the model), the table for people and places.csv. */
#include "ea_places.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_simulate.h"
#include "ea_tables.h"

/* At most this many runs of the whole scenario: the bracket doubles from the places in force to
 * the bound (a few runs), then the bisection halves it (log2 of the bound), with a wide margin. */
#define MAX_RUNS 64

/* Where one department's search stands: the largest number of places known not to meet the
 * target and the smallest known to meet it (-1: none yet), the target at each, and the number to
 * try in the next run. */
typedef struct search {
    int lo, hi, next, done;
    ea_target_eval at_lo, at_hi;
} search;

/* The scenario of the searches: the run's replications and seed, and months up to December of the
 * target year (later months cannot change that year: the model draws in order of time). */
static int load(const char *path, const ea_places_options *opt, ea_scenario *sc, int *year,
                eng_error *err)
{
    int status = ea_scenario_load(path, sc, err);
    if (status != ENG_OK)
        return status;
    ea_scenario_set_run(sc, opt->replications, opt->seed);
    int first = sc->start / 12, last = (sc->start + sc->months - 1) / 12;
    *year = opt->year ? opt->year : last;
    if (*year < first || *year > last)
        status = eng_error_set(err, ENG_EINPUT, "--year %d : année non simulée par %s ; choisissez de "
                               "%d à %d", *year, path, first, last);
    else if (sc->capacity_mode == EA_CAPACITY_STAFF)
        status = eng_error_set(err, ENG_EINPUT, "%s : [staff] capacity_mode = staff : ce sont les "
                               "ETP, pas les places, qui limitent les admissions ; places demande "
                               "capacity_mode = places", path);
    if (status == ENG_OK && *year * 12 + 12 - sc->start < sc->months)
        sc->months = *year * 12 + 12 - sc->start;
    if (status != ENG_OK)
        ea_scenario_clear(sc);
    return status;
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
        r->now = (int)ea_scenario_schedule_at(&dp->places_schedule, p->year * 12, dp->places);
        r->scheduled = dp->places_schedule.n > 0;
        /* Past 4 times the places in force, or 24 months of entries (more places than two years
         * of prescriptions would leave most empty), more places are no sane answer. */
        double entries = 24 * dp->entries.per_month;
        r->bound = (int)fmax(fmax(4.0 * r->now, ceil(entries)), 10);
        r->needed = -1;
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

/* Runs the whole scenario with department d at places[d] (held constant over the run) and
 * evaluates the target on every department searched, and on the region when region is not NULL. */
static int run(ea_scenario *sc, const ea_places_options *opt, ea_places *p, const int *places,
               ea_target_eval *dept, ea_target_eval *region, eng_error *err)
{
    int saved[sc->ndepartments];
    for (int d = 0; d < sc->ndepartments; d++) {
        saved[d] = sc->departments[d].places_schedule.n;
        sc->departments[d].places_schedule.n = 0;
        sc->departments[d].places = places[d];
    }
    ea_simulate_options so = { .threads = opt->threads, .annual_only = 1 };
    ea_results *res = NULL;
    int status = ea_simulate_run(sc, &so, &res, err);
    for (int d = 0; d < sc->ndepartments; d++)
        sc->departments[d].places_schedule.n = saved[d];
    int y = status == ENG_OK ? ea_target_year_index(res, p->year, err) : -1;
    if (status == ENG_OK && y < 0)
        status = ENG_EINPUT;
    for (int d = 0; d < sc->ndepartments && status == ENG_OK; d++)
        if (searched(p, d))
            status = ea_target_evaluate_scope(&p->target, res, d, y, &dept[d], err);
    if (status == ENG_OK && region)
        status = ea_target_evaluate_scope(&p->target, res, ea_results_nscopes(res) - 1, y, region, err);
    ea_results_free(res);
    p->runs++;
    return status;
}

/* Takes in what a run gave at s->next places, and sets the next number to try: up by doubling
 * until the target is met (or the bound fails), down by halving until it is not (or 0 meets it),
 * then halfway between the two until they are one place apart. */
static void step(search *s, const ea_target_eval *e, int bound)
{
    if (e->met) {
        s->hi = s->next;
        s->at_hi = *e;
    } else {
        s->lo = s->next;
        s->at_lo = *e;
    }
    if (s->hi < 0)
        s->done = s->lo >= bound;
    else if (s->lo < 0)
        s->done = s->hi == 0;
    else
        s->done = s->hi - s->lo <= 1;
    if (s->done)
        return;
    if (s->hi < 0)
        s->next = s->lo < bound / 2 ? (s->lo > 0 ? 2 * s->lo : 1) : bound;
    else if (s->lo < 0)
        s->next = s->hi / 2;
    else
        s->next = s->lo + (s->hi - s->lo) / 2;
}

/* The searches side by side: each run tries every unfinished department at its next number. */
static int search_all(ea_scenario *sc, const ea_places_options *opt, ea_places *p, search *s,
                      eng_error *err)
{
    int nd = sc->ndepartments, places[nd], left = 0;
    ea_target_eval e[nd];
    for (int d = 0; d < nd; d++) {
        s[d] = (search){ .lo = -1, .hi = -1, .next = p->rows[d].now, .done = !searched(p, d) };
        left += !s[d].done;
    }
    while (left > 0) {
        if (p->runs >= MAX_RUNS)
            return eng_error_set(err, ENG_EFAIL, "places : pas de réponse après %d simulations",
                                MAX_RUNS);
        for (int d = 0; d < nd; d++)
            places[d] = s[d].done ? (s[d].hi >= 0 ? s[d].hi : p->rows[d].now) : s[d].next;
        int status = run(sc, opt, p, places, e, NULL, err);
        if (status != ENG_OK)
            return status;
        left = 0;
        for (int d = 0; d < nd; d++)
            if (!s[d].done) {
                step(&s[d], &e[d], p->rows[d].bound);
                left += !s[d].done;
            }
    }
    return ENG_OK;
}

/* The answers from the searches, and the region with every department at its answer and at one
 * place less (two more runs, when every department met the target). */
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
        less[d] = r->needed > 0 ? r->needed - 1 : 0;
        r->at = s[d].at_hi;
        if (r->needed > 0)
            r->one_less = s[d].at_lo;
    }
    p->region_known = all && strcmp(p->target.scope, "region") == 0;
    if (!p->region_known)
        return ENG_OK;
    ea_target_eval e[nd];
    int status = run(sc, opt, p, at, e, &p->region_at, err);
    if (status == ENG_OK)
        status = run(sc, opt, p, less, e, &p->region_one_less, err);
    /* The target is each department's: whether the region's total meets it says nothing. */
    p->region_at.share = p->region_one_less.share = NAN;
    return status;
}

int ea_places_compute(const char *scenario, const ea_places_options *opt, ea_places *out,
                      eng_error *err)
{
    memset(out, 0, sizeof *out);
    out->target = *opt->target;
    ea_scenario sc;
    int status = load(scenario, opt, &sc, &out->year, err);
    if (status != ENG_OK)
        return status;
    snprintf(out->name, sizeof out->name, "%s", sc.name);
    out->replications = sc.replications;
    out->seed = sc.seed;
    out->cost_per_place = sc.cost_per_place;
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

/* One row of places.csv: the values of the target's indicator in its own unit. */
static void write_row(FILE *f, const char *scope, const char *name, double now, double needed, double cost_per_place,
                      const ea_target_eval *at, const ea_target_eval *less, const char *indicator,
                      const eng_csv_style *st)
{
    char c = st->sep;
    eng_csv_text(f, scope, st);
    fputc(c, f);
    cell(f, now, st);
    cell(f, needed, st);
    cell(f, needed - now, st);
    cell(f, (needed - now) * cost_per_place, st);
    ea_tables_write_indicator_value(f, at->mean, indicator, st);
    fputc(c, f);
    ea_tables_write_indicator_value(f, less->mean, indicator, st);
    fputc(c, f);
    eng_csv_number(f, at->share, st);
    fputc(c, f);
    eng_csv_number(f, less->share, st);
    fputc(c, f);
    eng_csv_text(f, name, st);
    fputc('\n', f);
}

int ea_places_write(const ea_places *p, eng_out *out, const eng_csv_style *style, eng_error *err)
{
    FILE *f = eng_out_open(out, ea_tables_file(EA_TABLE_PLACES), err);
    if (!f)
        return ENG_EFAIL;
    ea_tables_write_header(f, EA_TABLE_PLACES, style);
    const ea_target_eval none = { NAN, NAN, 0 };
    double now = 0, needed = 0;
    for (int d = 0; d < p->n; d++) {
        const ea_places_row *r = &p->rows[d];
        if (!searched(p, d))
            continue;
        int ok = r->needed >= 0;
        now += r->now;
        needed += ok ? r->needed : NAN;
        write_row(f, r->code, r->name, r->now, ok ? r->needed : NAN, p->cost_per_place, ok ? &r->at : &none,
                  &r->one_less, p->target.indicator, style);
    }
    write_row(f, "region", "", now, needed, p->cost_per_place, p->region_known ? &p->region_at : &none,
              p->region_known ? &p->region_one_less : &none, p->target.indicator, style);
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

/* The columns of the table: heading and width in characters. */
static const struct places_column {
    const char *head;
    int width;
} places_columns[] = {
    { ENG_MSG_N("Département"), 24 }, { ENG_MSG_N("Actuelles"), 9 },
    { ENG_MSG_N("Nécessaires"), 11 }, { ENG_MSG_N("Variation"), 9 },
    { ENG_MSG_N("Coût par an"), 13 }, { ENG_MSG_N("Valeur"), 13 },
    { ENG_MSG_N("Une de moins"), 13 },
};
#define NPLACES_COLUMNS (sizeof places_columns / sizeof *places_columns)

/* Prints the cells of one line, the first left-aligned. */
static void print_cells(FILE *f, char cells[NPLACES_COLUMNS][64])
{
    for (size_t c = 0; c < NPLACES_COLUMNS; c++) {
        int w = places_columns[c].width;
        fprintf(f, c == 0 ? "%*s" : " %*s", eng_text_pad(cells[c], c == 0 ? -w : w), cells[c]);
    }
    fputc('\n', f);
}

/* One line of the table: a department, or the region (needed < 0: not met). */
static void print_line(FILE *f, const ea_places *p, const char *label, double now, double needed,
                       const ea_target_eval *at, const ea_target_eval *less)
{
    char cells[NPLACES_COLUMNS][64];
    ea_scenario_copy_text(cells[0], sizeof cells[0], label, strlen(label));
    eng_text_format_number(cells[1], sizeof cells[1], now, 0);
    if (needed < 0) {
        snprintf(cells[2], sizeof cells[2], "%s", eng_msg_tr("non atteinte"));
        snprintf(cells[3], sizeof cells[3], "–");
        snprintf(cells[4], sizeof cells[4], "–");
    } else {
        char cost[48];
        eng_text_format_number(cells[2], sizeof cells[2], needed, 0);
        eng_text_format_signed(cells[3], sizeof cells[3], needed - now, 0);
        eng_text_format_signed(cost, sizeof cost, (needed - now) * p->cost_per_place, 0);
        snprintf(cells[4], sizeof cells[4], "%s €", cost);
    }
    format_value(p, at, cells[5], sizeof cells[5]);
    format_value(p, less, cells[6], sizeof cells[6]);
    print_cells(f, cells);
}

/* The heading: what was searched, for which target, year and replications. */
static void print_heading(const ea_places *p, FILE *f)
{
    char value[64], level[96];
    const ea_target *t = &p->target;
    eng_text_format_number(value, sizeof value, t->value, fabs(t->value - round(t->value)) < 1e-9 ? 0 : 2);
    if (t->level > 0) {
        char pct[32];
        eng_text_format_percent(pct, sizeof pct, 100 * t->level, 0);
        snprintf(level, sizeof level, eng_msg_tr("dans au moins %s des %d réplications"), pct,
                 p->replications);
    } else
        snprintf(level, sizeof level, eng_msg_tr("en moyenne sur %d réplications"), p->replications);
    fprintf(f, eng_msg_tr("%s : places nécessaires pour %s %s %s en %d dans chaque département, %s "
                          "(graine %lu, la même pour chaque essai).\n\n"),
            p->name, t->indicator, t->op == EA_TARGET_AT_MOST ? "\xe2\x89\xa4" : "\xe2\x89\xa5", value,
            p->year, level, p->seed);
}

/* What the columns mean, and the departments to read with care. */
static void print_notes(const ea_places *p, FILE *f)
{
    char cost[48];
    char zero[512] = "";
    size_t o = 0;
    eng_text_format_number(cost, sizeof cost, p->cost_per_place, 0);
    fprintf(f, eng_msg_tr("\n« Nécessaires » : le plus petit nombre de places qui atteint la cible, "
                          "tenu du début à la fin de la simulation ; « Valeur » : %s avec ce nombre ; "
                          "« Une de moins » : avec une place de moins, où la cible n'est pas atteinte. "
                          "Coût par an : variation × %s € par place.\n"),
            p->target.indicator, cost);
    for (int d = 0; d < p->n; d++) {
        const ea_places_row *r = &p->rows[d];
        if (!searched(p, d))
            continue;
        if (r->needed < 0)
            fprintf(f, eng_msg_tr("%s %s : cible non atteinte même avec %d places (la borne de la "
                                  "recherche : 4 fois les places actuelles, ou 24 mois d'entrées) ; "
                                  "places_needed est vide dans places.csv.\n"),
                    r->code, r->name, r->bound);
        if (r->needed == 0 && o < sizeof zero)
            o += (size_t)snprintf(zero + o, sizeof zero - o, "%s%s", o ? ", " : "", r->code);
        if (r->scheduled)
            fprintf(f, eng_msg_tr("%s %s : le scénario fait varier ses places dans le temps "
                                  "(places_schedule) ; « Actuelles » sont celles de janvier %d.\n"),
                    r->code, r->name, p->year);
    }
    if (o)
        fprintf(f, eng_msg_tr("Cible atteinte même sans aucune place dans : %s (les personnes quittent "
                              "la liste d'attente avant qu'elle ne grandisse) ; une cible sur le délai, "
                              "comme 'mean_wait_days<=60', dit mieux l'attente.\n"), zero);
}

void ea_places_print(const ea_places *p, FILE *f)
{
    print_heading(p, f);
    char cells[NPLACES_COLUMNS][64];
    for (size_t c = 0; c < NPLACES_COLUMNS; c++)
        snprintf(cells[c], sizeof cells[c], "%s", eng_msg_tr(places_columns[c].head));
    print_cells(f, cells);
    double now = 0, needed = 0;
    for (int d = 0; d < p->n; d++) {
        const ea_places_row *r = &p->rows[d];
        if (!searched(p, d))
            continue;
        char label[EA_MAX_NAME + EA_MAX_TEXT];
        snprintf(label, sizeof label, "%s %s", r->code, r->name);
        print_line(f, p, label, r->now, r->needed, &r->at, &r->one_less);
        now += r->now;
        needed = needed < 0 || r->needed < 0 ? -1 : needed + r->needed;
    }
    const ea_target_eval none = { NAN, NAN, 0 };
    print_line(f, p, eng_msg_tr("Région"), now, needed, p->region_known ? &p->region_at : &none,
               p->region_known ? &p->region_one_less : &none);
    print_notes(p, f);
}
