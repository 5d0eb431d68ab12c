/* ea_envelope.c — The greedy spread of an envelope of places: each block to the department where
 * the last run says it helps most, every run with the same seed and replications. */
#include "ea_envelope.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_indicators.h"
#include "ea_tables.h"

/* How much a department's indicator improves from cur to next: down for <=, up for >=; an
 * undefined value (NaN: no one waited) gains nothing. */
static double gain_of(const ea_target *t, const ea_target_eval *cur, const ea_target_eval *next)
{
    double g = t->op == EA_TARGET_AT_MOST ? cur->mean - next->mean : next->mean - cur->mean;
    return isnan(g) ? -INFINITY : g;
}

/* Whether department a's indicator is worse than b's (further from meeting the target). */
static int worse(const ea_target *t, const ea_target_eval *a, const ea_target_eval *b)
{
    return t->op == EA_TARGET_AT_MOST ? a->mean > b->mean : a->mean < b->mean;
}

/* The department whose next block gains most: ties (within 1e-9) to the worse indicator, then to
 * the first in order. */
static int best(const ea_target *t, const ea_target_eval *cur, const ea_target_eval *cand, int n,
                double *gain)
{
    int b = 0;
    double bg = gain_of(t, &cur[0], &cand[0]);
    for (int d = 1; d < n; d++) {
        double g = gain_of(t, &cur[d], &cand[d]);
        if (g > bg + 1e-9 || (fabs(g - bg) <= 1e-9 && worse(t, &cur[d], &cur[b]))) {
            b = d;
            bg = g;
        }
    }
    *gain = bg;
    return b;
}

/* The rows and the steps' room, and the places in force in January of the target year. */
static int init(const ea_scenario *sc, ea_envelope *e, int *places, eng_error *err)
{
    e->n = sc->ndepartments;
    e->rows = calloc((size_t)e->n, sizeof *e->rows);
    e->steps = calloc((size_t)(e->total / EA_ENVELOPE_BLOCK + 1), sizeof *e->steps);
    if (!e->rows || !e->steps)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int d = 0; d < e->n; d++) {
        const ea_scenario_department *dp = &sc->departments[d];
        ea_envelope_row *r = &e->rows[d];
        snprintf(r->code, sizeof r->code, "%s", dp->code);
        snprintf(r->name, sizeof r->name, "%s", dp->name);
        r->now = places[d] = (int)ea_scenario_schedule_at(&dp->places_schedule, e->year * 12, dp->places);
    }
    return ENG_OK;
}

/* The greedy spread: cur[d] is department d's target at its places so far, cand[d] with the next
 * block more. Only the department chosen changes, so each step needs one run, for its next block
 * (the others' candidates are unchanged: departments share nothing). */
static int spread(ea_scenario *sc, const ea_places_options *opt, ea_envelope *e, int *places,
                  eng_error *err)
{
    int n = e->n, left = e->total, cand_places[n];
    ea_target_eval cur[n], cand[n];
    int status = ea_places_evaluate(sc, opt, e->year, &e->target, places, cur, err);
    for (int d = 0; d < n; d++)
        e->rows[d].before = cur[d];
    int block = left < EA_ENVELOPE_BLOCK ? left : EA_ENVELOPE_BLOCK;
    for (int d = 0; d < n; d++)
        cand_places[d] = places[d] + block;
    if (status == ENG_OK)
        status = ea_places_evaluate(sc, opt, e->year, &e->target, cand_places, cand, err);
    e->runs = 2;
    while (status == ENG_OK && left > 0) {
        ea_envelope_step *s = &e->steps[e->nsteps++];
        s->department = best(&e->target, cur, cand, n, &s->gain);
        s->places = block;
        places[s->department] += block;
        e->rows[s->department].added += block;
        cur[s->department] = cand[s->department];
        left -= block;
        int next = left < EA_ENVELOPE_BLOCK ? left : EA_ENVELOPE_BLOCK;
        if (left == 0)
            break;
        /* A smaller last block changes every department's candidate, not only the chosen one's. */
        for (int d = 0; d < n; d++)
            cand_places[d] = places[d] + next;
        block = next;
        ea_target_eval fresh[n];
        status = ea_places_evaluate(sc, opt, e->year, &e->target, cand_places, fresh, err);
        e->runs++;
        for (int d = 0; d < n && status == ENG_OK; d++)
            cand[d] = fresh[d];
    }
    for (int d = 0; d < n; d++)
        e->rows[d].after = cur[d];
    return status;
}

int ea_envelope_compute(const char *scenario, const ea_places_options *opt, int total,
                        ea_envelope *out, eng_error *err)
{
    memset(out, 0, sizeof *out);
    out->target = *opt->target;
    out->total = total;
    if (total <= 0)
        return eng_error_set(err, ENG_EINPUT, "--envelope %d : attendu un nombre de places à "
                             "répartir supérieur à 0, comme --envelope 100", total);
    if (strcmp(opt->target->scope, "region") != 0)
        return eng_error_set(err, ENG_EINPUT, "--envelope répartit les places entre tous les "
                             "départements : donnez une cible sans CODE:, comme 'waiting<=20'");
    if (opt->search == EA_PLACES_SEARCH_FTE)
        return eng_error_set(err, ENG_EINPUT, "--envelope répartit des places : il ne va pas avec "
                             "--search fte");
    ea_scenario sc;
    int status = ea_places_load(scenario, opt, &sc, &out->year, err);
    if (status != ENG_OK)
        return status;
    snprintf(out->name, sizeof out->name, "%s", sc.name);
    snprintf(out->area, sizeof out->area, "%s", ea_scenario_area_label(&sc));
    out->replications = sc.replications;
    out->seed = sc.seed;
    out->cost_per_place = sc.cost_per_place;
    int *places = calloc((size_t)sc.ndepartments, sizeof *places);
    status = places ? init(&sc, out, places, err) : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (status == ENG_OK)
        status = spread(&sc, opt, out, places, err);
    free(places);
    ea_scenario_clear(&sc);
    if (status != ENG_OK)
        ea_envelope_clear(out);
    return status;
}

void ea_envelope_clear(ea_envelope *e)
{
    if (!e)
        return;
    free(e->rows);
    free(e->steps);
    memset(e, 0, sizeof *e);
}

/* One row of envelope.csv; met < 0 gives an empty cell. */
static void write_row(FILE *f, const ea_envelope *e, const char *code, const char *name, int now,
                      int added, double before, double after, int met, const eng_csv_style *st)
{
    char c = st->sep;
    eng_csv_text(f, code, st);
    fprintf(f, "%c%d%c%d%c%d%c", c, now, c, added, c, now + added, c);
    eng_csv_number(f, added * e->cost_per_place, st);
    fputc(c, f);
    ea_tables_write_indicator_value(f, before, e->target.indicator, st);
    fputc(c, f);
    ea_tables_write_indicator_value(f, after, e->target.indicator, st);
    fputc(c, f);
    eng_csv_number(f, met < 0 ? NAN : met, st);
    fputc(c, f);
    eng_csv_text(f, name, st);
    fputc('\n', f);
}

int ea_envelope_write(const ea_envelope *e, eng_out *out, const eng_csv_style *style, eng_error *err)
{
    FILE *f = eng_out_open(out, ea_tables_file(EA_TABLE_ENVELOPE), err);
    if (!f)
        return ENG_EFAIL;
    ea_tables_write_header(f, EA_TABLE_ENVELOPE, style);
    int now = 0, added = 0;
    for (int d = 0; d < e->n; d++) {
        const ea_envelope_row *r = &e->rows[d];
        write_row(f, e, r->code, r->name, r->now, r->added, r->before.mean, r->after.mean,
                  r->after.met, style);
        now += r->now;
        added += r->added;
    }
    /* The target is each department's: the region's row has the sums of places and cost only. */
    write_row(f, e, "region", "", now, added, NAN, NAN, -1, style);
    return ENG_OK;
}

/* The columns of the table: heading and width in characters. */
static const struct envelope_column {
    const char *head;
    int width;
} envelope_columns[] = {
    { ENG_MSG_N("Département"), 24 }, { ENG_MSG_N("Actuelles"), 9 }, { ENG_MSG_N("Ajoutées"), 8 },
    { ENG_MSG_N("Après"), 6 }, { ENG_MSG_N("Coût par an"), 12 }, { ENG_MSG_N("Valeur avant"), 12 },
    { ENG_MSG_N("Valeur après"), 12 }, { ENG_MSG_N("Cible"), 14 },
};
#define NENVELOPE_COLUMNS (sizeof envelope_columns / sizeof *envelope_columns)

/* Prints the cells of one line, the first and the last left-aligned (the last unpadded). */
static void print_cells(FILE *f, char cells[NENVELOPE_COLUMNS][64])
{
    for (size_t c = 0; c < NENVELOPE_COLUMNS; c++) {
        int w = envelope_columns[c].width;
        if (c == NENVELOPE_COLUMNS - 1)
            fprintf(f, " %s\n", cells[c]);
        else
            fprintf(f, c == 0 ? "%*s" : " %*s", eng_text_pad(cells[c], c == 0 ? -w : w), cells[c]);
    }
}

/* A value of the target's indicator for people: a share in percent, else one decimal. */
static void format_value(const ea_envelope *e, double x, char *buf, size_t size)
{
    const ea_indicators_row *row = ea_indicators_lookup(e->target.indicator, NULL);
    if (isnan(x))
        snprintf(buf, size, "–");
    else if (row && row->unit == EA_UNIT_SHARE)
        eng_text_format_percent(buf, size, 100 * x, 1);
    else
        eng_text_format_number(buf, size, x, 1);
}

static void print_line(FILE *f, const ea_envelope *e, const char *label, int now, int added,
                       double before, double after, const char *met)
{
    char cells[NENVELOPE_COLUMNS][64], cost[48];
    ea_scenario_copy_text(cells[0], sizeof cells[0], label, strlen(label));
    eng_text_format_number(cells[1], sizeof cells[1], now, 0);
    eng_text_format_signed(cells[2], sizeof cells[2], added, 0);
    eng_text_format_number(cells[3], sizeof cells[3], now + added, 0);
    eng_text_format_signed(cost, sizeof cost, added * e->cost_per_place, 0);
    snprintf(cells[4], sizeof cells[4], "%s €", cost);
    format_value(e, before, cells[5], sizeof cells[5]);
    format_value(e, after, cells[6], sizeof cells[6]);
    snprintf(cells[7], sizeof cells[7], "%s", met);
    print_cells(f, cells);
}

/* The order in which the blocks were given: "31 +5 (−3,2), 34 +5 (−2,9), ...". */
static void print_steps(const ea_envelope *e, FILE *f)
{
    fprintf(f, "%s", eng_msg_tr("Ordre des blocs (département, places, gain sur l'indicateur) :"));
    for (int k = 0; k < e->nsteps; k++) {
        const ea_envelope_step *s = &e->steps[k];
        char gain[48];
        if (isinf(s->gain))
            snprintf(gain, sizeof gain, "–");
        else
            eng_text_format_signed(gain, sizeof gain, e->target.op == EA_TARGET_AT_MOST ? -s->gain : s->gain, 2);
        fprintf(f, "%s %s +%d (%s)", k ? "," : "", e->rows[s->department].code, s->places, gain);
    }
    fputs(".\n", f);
}

void ea_envelope_print(const ea_envelope *e, FILE *f)
{
    char value[64], total[32], label[128];
    const ea_target *t = &e->target;
    ea_target_format_value(t, value, sizeof value);
    ea_indicators_label(t->indicator, label, sizeof label);
    eng_text_format_number(total, sizeof total, e->total, 0);
    fprintf(f, eng_msg_tr("%s : %s places de plus, réparties par blocs de %d là où chaque bloc "
                          "améliore le plus « %s » en %d ; cible « %s » %s %s dans chaque département (%d "
                          "réplications, graine %lu, la même pour chaque essai).\n\n"),
            e->name, total, EA_ENVELOPE_BLOCK, label, e->year, label,
            t->op == EA_TARGET_AT_MOST ? "\xe2\x89\xa4" : "\xe2\x89\xa5", value, e->replications,
            e->seed);
    char cells[NENVELOPE_COLUMNS][64];
    for (size_t c = 0; c < NENVELOPE_COLUMNS; c++)
        snprintf(cells[c], sizeof cells[c], "%s", eng_msg_tr(envelope_columns[c].head));
    print_cells(f, cells);
    int now = 0, added = 0, met = 0, met_before = 0;
    for (int d = 0; d < e->n; d++) {
        met_before += e->rows[d].before.met;
        const ea_envelope_row *r = &e->rows[d];
        char label[EA_MAX_NAME + EA_MAX_TEXT];
        snprintf(label, sizeof label, "%s %s", r->code, r->name);
        print_line(f, e, label, r->now, r->added, r->before.mean, r->after.mean,
                   r->after.met ? eng_msg_tr("atteinte") : eng_msg_tr("non atteinte"));
        now += r->now;
        added += r->added;
        met += r->after.met;
    }
    char count[64];
    snprintf(count, sizeof count, eng_msg_tr("%d sur %d"), met, e->n);
    print_line(f, e, e->area, now, added, NAN, NAN, count);
    fprintf(f, eng_msg_tr("\nLes places sont tenues du début à la fin de la simulation ; « Valeur "
                          "avant » et « Valeur après » : %s du département avec ses places "
                          "actuelles, puis avec les places ajoutées ; « Cible » : atteinte ou non "
                          "après. C'est une autre réponse que places sans --envelope, qui cherche "
                          "le nombre de places qu'il faut à chaque département : ici le total est "
                          "fixé et va là où il réduit le plus l'indicateur, atteinte ou non.\n"),
            label);
    if (met_before == e->n)
        fprintf(f, eng_msg_tr("La cible est déjà atteinte dans chaque département avec les places "
                              "actuelles : l'enveloppe ne fait qu'améliorer encore l'indicateur.\n"));
    print_steps(e, f);
}
