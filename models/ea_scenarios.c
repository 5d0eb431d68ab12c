/* ea_scenarios.c — Several scenarios side by side with common random numbers: every scenario runs
 * with the same seed, so replication r of each draws from the same stream and the paired
 * differences are not noise from different streams. */
#include "ea_scenarios.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_scenario.h"
#include "ea_schema.h"
#include "ea_simulate.h"
#include "ea_tables.h"

/* The indicators whose differences ea_scenarios_print shows, for the region in the last year. */
static const char *const printed_indicators[] = {
    "file_active", "waiting", "persons_accompanied", "exits_emploi_durable", "staff_fte_needed",
    "cost_per_person_eur" };

/* The parts of a scenario's structure, in the order they are shown, with their name in
 * scenarios-structure.csv, in French (printed table) and in English (warnings), and for those that
 * make the paired differences meaningless, why. */
static const struct aspect {
    unsigned bit;
    const char *name, *label, *why;   /* label and why in French, shown through eng_msg_tr */
} aspects[] = {
    { EA_SCENARIOS_DEPARTMENTS, "departments", ENG_MSG_N("départements"),
      ENG_MSG_N("les différences appariées opposent d'autres plateformes entre elles") },
    { EA_SCENARIOS_PERIOD, "period", ENG_MSG_N("période"),
      ENG_MSG_N("les nombres aléatoires communs n'apparient pas d'autres mois") },
    { EA_SCENARIOS_CAPACITY_MODE, "capacity_mode", ENG_MSG_N("mode de capacité"),
      ENG_MSG_N("les admissions y sont limitées par autre chose : il répond à une autre question") },
    { EA_SCENARIOS_REPLICATIONS, "replications", ENG_MSG_N("réplications"), NULL },
    { EA_SCENARIOS_SEED, "seed", ENG_MSG_N("graine"), NULL },
};
#define NASPECTS (sizeof aspects / sizeof *aspects)

/* The scenarios and their results while they are compared. */
typedef struct runs {
    int n, loaded;
    ea_scenario *sc;
    ea_results **res;
} runs;

static void runs_free(runs *r)
{
    for (int i = 0; i < r->n && r->res; i++)
        ea_results_free(r->res[i]);
    for (int i = 0; i < r->loaded; i++)
        ea_scenario_clear(&r->sc[i]);
    free(r->sc);
    free(r->res);
}

/* Stores an allocated copy of text in *slot. */
static int copy_text(char **slot, const char *text, eng_error *err)
{
    *slot = strdup(text);
    return *slot ? ENG_OK : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
}

/* Reads and checks every scenario, naming each by its file name, before any runs. */
static int load_all(const char *const *paths, runs *r, ea_scenarios *s, eng_error *err)
{
    for (int i = 0; i < r->n; i++) {
        int status = ea_scenario_load(paths[i], &r->sc[i], err);
        if (status != ENG_OK)
            return status;
        r->loaded++;
        size_t size = strlen(paths[i]) + 1;   /* the name is a part of the path */
        if (!(s->names[i] = malloc(size)))
            return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        ea_scenario_stem(paths[i], s->names[i], size);
        for (int j = 0; j < i; j++)
            if (strcmp(s->names[i], s->names[j]) == 0)
                return eng_error_set(err, ENG_EINPUT, "scenarios : %s et %s ont le même nom %s ; "
                                     "renommez l'un des fichiers", paths[j], paths[i], s->names[i]);
    }
    return ENG_OK;
}

/* Whether every department code of a is one of b. */
static int departments_within(const ea_scenario *a, const ea_scenario *b)
{
    for (int i = 0; i < a->ndepartments; i++) {
        int found = 0;
        for (int j = 0; j < b->ndepartments && !found; j++)
            found = strcmp(a->departments[i].code, b->departments[j].code) == 0;
        if (!found)
            return 0;
    }
    return 1;
}

/* What sets scenario b apart from a, as EA_SCENARIOS_* bits. */
static unsigned differences(const ea_scenario *a, const ea_scenario *b)
{
    unsigned d = 0;
    if (!departments_within(a, b) || !departments_within(b, a))
        d |= EA_SCENARIOS_DEPARTMENTS;
    if (a->start != b->start || a->months != b->months)
        d |= EA_SCENARIOS_PERIOD;
    if (a->capacity_mode != b->capacity_mode)
        d |= EA_SCENARIOS_CAPACITY_MODE;
    if (a->replications != b->replications)
        d |= EA_SCENARIOS_REPLICATIONS;
    if (a->seed != b->seed)
        d |= EA_SCENARIOS_SEED;
    return d;
}

/* Notes each scenario's structure as its file sets it, before the runs change seed and
 * replications. */
static int describe(const runs *r, ea_scenarios *s, eng_error *err)
{
    s->structure = calloc((size_t)r->n, sizeof *s->structure);
    if (!s->structure)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int i = 0; i < r->n; i++) {
        const ea_scenario *sc = &r->sc[i];
        ea_scenarios_structure *st = &s->structure[i];
        size_t size = 1;
        for (int d = 0; d < sc->ndepartments; d++)
            size += strlen(sc->departments[d].code) + 1;
        if (!(st->departments = malloc(size)))
            return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        st->departments[0] = '\0';
        for (int d = 0; d < sc->ndepartments; d++) {
            if (d > 0)
                strcat(st->departments, " ");
            strcat(st->departments, sc->departments[d].code);
        }
        st->start = sc->start;
        st->months = sc->months;
        st->capacity_mode = sc->capacity_mode;
        st->replications = sc->replications;
        st->seed = sc->seed;
        st->differs = differences(&r->sc[0], sc);
    }
    return ENG_OK;
}

/* Common random numbers: one seed and one number of replications for all, then the runs. */
static int run_all(runs *r, ea_scenarios *s, const ea_scenarios_options *opt, eng_error *err)
{
    s->replications = opt->replications > 0 ? (int)opt->replications : r->sc[0].replications;
    s->seed = opt->seed >= 0 ? (unsigned long)opt->seed : r->sc[0].seed;
    for (int i = 0; i < r->n; i++) {
        r->sc[i].replications = s->replications;
        r->sc[i].seed = s->seed;
    }
    for (int i = 0; i < r->n; i++) {
        ea_simulate_options ro = { .threads = opt->threads };
        int status = ea_simulate_run(&r->sc[i], &ro, &r->res[i], err);
        if (status != ENG_OK)
            return status;
        if (opt->progress)
            opt->progress((size_t)i + 1, (size_t)r->n, opt->progress_data);
    }
    return ENG_OK;
}

/* Copies the first scenario's scopes, years and indicators, which the rows index. */
static int copy_lists(const ea_results *r0, ea_scenarios *s, eng_error *err)
{
    const ea_indicators *set = ea_results_indicators(r0);
    s->nscopes = ea_results_nscopes(r0);
    s->nyears = ea_results_nperiods(r0, EA_ANNUAL);
    s->nindicators = set->n;
    s->scopes = calloc((size_t)s->nscopes, sizeof *s->scopes);
    s->years = calloc((size_t)s->nyears, sizeof *s->years);
    s->indicators = calloc((size_t)s->nindicators, sizeof *s->indicators);
    int status = s->scopes && s->years && s->indicators ? ENG_OK
                                                         : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int i = 0; i < s->nscopes && status == ENG_OK; i++)
        status = copy_text(&s->scopes[i], ea_results_scope(r0, i), err);
    for (int i = 0; i < s->nyears && status == ENG_OK; i++)
        status = copy_text(&s->years[i], ea_results_period(r0, EA_ANNUAL, i), err);
    for (int i = 0; i < s->nindicators && status == ENG_OK; i++)
        status = copy_text(&s->indicators[i], set->ind[i].name, err);
    return status;
}

/* One indicator of one scope and year in a scenario's results. */
typedef struct cell {
    const ea_results *res;
    int scope, year, indicator;
} cell;

static double cell_value(const cell *c, size_t rep)
{
    return ea_results_value(c->res, EA_ANNUAL, c->scope, c->year, c->indicator, rep);
}

/* The paired differences b - a over the replications where both are defined: their mean and 95 %
 * interval (Student). */
static ea_scenarios_diff paired(const cell *a, const cell *b)
{
    size_t n = ea_results_nreps(a->res), m = 0;
    double sum = 0, ss = 0;
    for (size_t r = 0; r < n; r++) {
        double d = cell_value(b, r) - cell_value(a, r);
        if (!isnan(d)) {
            m++;
            sum += d;
        }
    }
    double mean = m ? sum / (double)m : NAN;
    for (size_t r = 0; r < n; r++) {
        double d = cell_value(b, r) - cell_value(a, r);
        if (!isnan(d))
            ss += (d - mean) * (d - mean);
    }
    double half = m > 1 ? gsl_cdf_tdist_Pinv(0.975, (double)(m - 1)) * sqrt(ss / (double)(m - 1) / (double)m)
                        : NAN;
    ea_scenarios_diff diff = { .mean = mean, .low = NAN, .high = NAN };
    if (!isnan(half)) {
        diff.low = mean - half;
        diff.high = mean + half;
        /* An exact difference (sd 0) is beyond the noise when it is not zero. */
        diff.beyond_noise = half > 0 ? fabs(mean) > half : mean != 0;
    }
    return diff;
}

/* Where every scenario has the scope, year and indicator of a row of the first: scope, year and
 * indicator index of each. */
typedef struct lookup {
    int *scope, *year, *indicator;
} lookup;

/* Adds the row (s0, y0, i0) of the first scenario, found in every scenario at the indices of lk. */
static void add_row(const runs *r, ea_scenarios *s, int s0, int y0, int i0, const lookup *lk)
{
    int row = s->nrows++, n = s->n;
    s->rows[row] = (ea_scenarios_row){ s0, y0, i0 };
    for (int i = 0; i < n; i++)
        s->mean[row * n + i] =
            ea_results_summary(r->res[i], EA_ANNUAL, lk->scope[i], lk->year[i], lk->indicator[i])->mean;
    s->diff[row * n] = (ea_scenarios_diff){ NAN, NAN, NAN, 0 };
    const cell first = { r->res[0], s0, y0, i0 };
    for (int i = 1; i < n; i++) {
        const cell other = { r->res[i], lk->scope[i], lk->year[i], lk->indicator[i] };
        s->diff[row * n + i] = paired(&first, &other);
    }
}

/* Adds the rows of scope s0 of the first scenario: each year and indicator all scenarios have. */
static void add_scope(const runs *r, ea_scenarios *s, int s0, lookup *lk)
{
    for (int y0 = 0; y0 < s->nyears; y0++)
        for (int i0 = 0; i0 < s->nindicators; i0++) {
            int all = 1;
            for (int i = 0; i < s->n && all; i++) {
                lk->year[i] = ea_results_find_period(r->res[i], EA_ANNUAL, s->years[y0]);
                lk->indicator[i] = ea_indicators_find(ea_results_indicators(r->res[i]), s->indicators[i0]);
                all = lk->year[i] >= 0 && lk->indicator[i] >= 0;
            }
            if (all)
                add_row(r, s, s0, y0, i0, lk);
        }
}

/* The rows: every scope, year and indicator of the first scenario that all the others have. */
static int add_rows(const runs *r, ea_scenarios *s, eng_error *err)
{
    size_t max = (size_t)s->nscopes * (size_t)s->nyears * (size_t)s->nindicators;
    s->rows = malloc((max ? max : 1) * sizeof *s->rows);
    s->mean = malloc((max ? max : 1) * (size_t)s->n * sizeof *s->mean);
    s->diff = malloc((max ? max : 1) * (size_t)s->n * sizeof *s->diff);
    lookup lk = { malloc((size_t)s->n * sizeof(int)), malloc((size_t)s->n * sizeof(int)),
                  malloc((size_t)s->n * sizeof(int)) };
    int status = s->rows && s->mean && s->diff && lk.scope && lk.year && lk.indicator
                     ? ENG_OK : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int s0 = 0; s0 < s->nscopes && status == ENG_OK; s0++) {
        int all = 1;
        for (int i = 0; i < s->n && all; i++)
            all = (lk.scope[i] = ea_results_find_scope(r->res[i], s->scopes[s0])) >= 0;
        if (all)
            add_scope(r, s, s0, &lk);
    }
    free(lk.scope);
    free(lk.year);
    free(lk.indicator);
    return status;
}

int ea_scenarios_compute(const char *const *paths, int n, const ea_scenarios_options *opt,
                         ea_scenarios *out, eng_error *err)
{
    memset(out, 0, sizeof *out);
    if (n < 2)
        return eng_error_set(err, ENG_EINPUT, "scenarios : donnez au moins deux scénarios à comparer");
    runs r = { .n = n, .sc = calloc((size_t)n, sizeof *r.sc), .res = calloc((size_t)n, sizeof *r.res) };
    out->n = n;
    out->names = calloc((size_t)n, sizeof *out->names);
    int status = r.sc && r.res && out->names ? ENG_OK : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (status == ENG_OK)
        status = load_all(paths, &r, out, err);
    if (status == ENG_OK)
        status = describe(&r, out, err);
    if (status == ENG_OK && opt->warnings)
        ea_scenarios_print_warnings(out, opt->warnings);
    if (status == ENG_OK)
        status = run_all(&r, out, opt, err);
    if (status == ENG_OK)
        status = copy_lists(r.res[0], out, err);
    if (status == ENG_OK)
        status = add_rows(&r, out, err);
    runs_free(&r);
    if (status != ENG_OK)
        ea_scenarios_clear(out);
    return status;
}

static void free_texts(char **texts, int n)
{
    for (int i = 0; i < n && texts; i++)
        free(texts[i]);
    free(texts);
}

void ea_scenarios_clear(ea_scenarios *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n && s->structure; i++)
        free(s->structure[i].departments);
    free(s->structure);
    free_texts(s->names, s->n);
    free_texts(s->scopes, s->nscopes);
    free_texts(s->years, s->nyears);
    free_texts(s->indicators, s->nindicators);
    free(s->rows);
    free(s->mean);
    free(s->diff);
    memset(s, 0, sizeof *s);
}

static void write_header(const ea_scenarios *s, FILE *f, const eng_csv_style *st)
{
    ea_tables_write_header_names(f, EA_TABLE_SCENARIOS, (const char *const *)s->names, s->n, 0, st);
}

static void write_row(const ea_scenarios *s, int row, FILE *f, const eng_csv_style *st)
{
    char c = st->sep;
    const ea_scenarios_row *rw = &s->rows[row];
    eng_csv_text(f, s->scopes[rw->scope], st);
    fprintf(f, "%c%s%c%s", c, s->years[rw->year], c, s->indicators[rw->indicator]);
    const char *indicator = s->indicators[rw->indicator];
    for (int i = 0; i < s->n; i++) {
        fputc(c, f);
        ea_tables_write_indicator_value(f, s->mean[row * s->n + i], indicator, st);
    }
    for (int i = 1; i < s->n; i++) {
        const ea_scenarios_diff *d = &s->diff[row * s->n + i];
        const double cells[] = { d->mean, d->low, d->high };
        for (int k = 0; k < 3; k++) {
            fputc(c, f);
            ea_tables_write_indicator_value(f, cells[k], indicator, st);
        }
        fprintf(f, "%c%d", c, d->beyond_noise);
    }
    fputc('\n', f);
}

/* The value of one part of a scenario's structure, as scenarios-structure.csv and the messages
 * show it: the departments' codes, first..last month, places or staff, a number. */
static void aspect_value(const ea_scenarios_structure *st, unsigned bit, char *buf, size_t size)
{
    int last = st->start + st->months - 1;
    switch (bit) {
    case EA_SCENARIOS_DEPARTMENTS: snprintf(buf, size, "%s", st->departments); break;
    case EA_SCENARIOS_PERIOD:
        snprintf(buf, size, "%04d-%02d..%04d-%02d", st->start / 12, st->start % 12 + 1, last / 12,
                 last % 12 + 1);
        break;
    case EA_SCENARIOS_CAPACITY_MODE:
        snprintf(buf, size, "%s",
                 ea_schema_find(EA_SEC_STAFF, "capacity_mode")->choices[st->capacity_mode]);
        break;
    case EA_SCENARIOS_REPLICATIONS: snprintf(buf, size, "%d", st->replications); break;
    default: snprintf(buf, size, "%lu", st->seed); break;
    }
}

/* The names of the parts set in `differs`, space-separated. */
static void aspect_names(unsigned differs, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t a = 0; a < NASPECTS; a++)
        if (differs & aspects[a].bit) {
            size_t n = strlen(buf);
            snprintf(buf + n, size - n, "%s%s", n ? " " : "", aspects[a].name);
        }
}

static void write_structure(const ea_scenarios *s, FILE *f, const eng_csv_style *st)
{
    ea_tables_write_header(f, EA_TABLE_SCENARIOS_STRUCTURE, st);
    for (int i = 0; i < s->n; i++) {
        const ea_scenarios_structure *sc = &s->structure[i];
        char start[16], mode[32], differs[128];
        snprintf(start, sizeof start, "%04d-%02d", sc->start / 12, sc->start % 12 + 1);
        aspect_value(sc, EA_SCENARIOS_CAPACITY_MODE, mode, sizeof mode);
        aspect_names(sc->differs, differs, sizeof differs);
        eng_csv_text(f, s->names[i], st);
        fputc(st->sep, f);
        eng_csv_text(f, sc->departments, st);
        fprintf(f, "%c%s%c%d%c%s%c%d%c%lu%c%s\n", st->sep, start, st->sep, sc->months, st->sep, mode,
                st->sep, sc->replications, st->sep, sc->seed, st->sep, differs);
    }
}

int ea_scenarios_write(const ea_scenarios *s, eng_out *out, const eng_csv_style *style,
                       eng_error *err)
{
    FILE *f = eng_out_open(out, ea_tables_file(EA_TABLE_SCENARIOS), err);
    if (!f)
        return ENG_EFAIL;
    write_header(s, f, style);
    for (int row = 0; row < s->nrows; row++)
        write_row(s, row, f, style);
    if (!(f = eng_out_open(out, ea_tables_file(EA_TABLE_SCENARIOS_STRUCTURE), err)))
        return ENG_EFAIL;
    write_structure(s, f, style);
    return ENG_OK;
}

static int is_printed(const char *indicator)
{
    for (size_t k = 0; k < sizeof printed_indicators / sizeof *printed_indicators; k++)
        if (strcmp(indicator, printed_indicators[k]) == 0)
            return 1;
    return 0;
}

/* Prints what sets each scenario apart from the first: each part that differs, with its value
 * and the first's, and whether the paired differences still mean something. */
static void print_structure(const ea_scenarios *s, FILE *f)
{
    char value[1024], first[1024];
    const ea_scenarios_structure *st0 = &s->structure[0];
    fprintf(f, eng_msg_tr("Structure des scénarios (celle de %s : départements %s ; période "),
            s->names[0], st0->departments);
    aspect_value(st0, EA_SCENARIOS_PERIOD, value, sizeof value);
    aspect_value(st0, EA_SCENARIOS_CAPACITY_MODE, first, sizeof first);
    fprintf(f, eng_msg_tr("%s ; capacité %s) :\n"), value, first);
    for (int i = 1; i < s->n; i++) {
        const ea_scenarios_structure *st = &s->structure[i];
        int meaningless = 0;
        fprintf(f, "  %-20s ", s->names[i]);
        if (!st->differs)
            fputs(eng_msg_tr("même structure"), f);
        for (size_t a = 0, shown = 0; a < NASPECTS; a++) {
            if (!(st->differs & aspects[a].bit))
                continue;
            aspect_value(st, aspects[a].bit, value, sizeof value);
            aspect_value(st0, aspects[a].bit, first, sizeof first);
            fprintf(f, eng_msg_tr("%s%s %s (et non %s)"), shown++ ? eng_msg_tr(" ; ") : "",
                    eng_msg_tr(aspects[a].label), value, first);
            meaningless |= aspects[a].why != NULL;
        }
        fputs(meaningless ? eng_msg_tr(" : différences appariées sans objet\n") : "\n", f);
    }
    fprintf(f, eng_msg_tr("Tous tournent avec la graine %lu et %d réplications (nombres aléatoires "
                          "communs).\n\n"), s->seed, s->replications);
}

void ea_scenarios_print_warnings(const ea_scenarios *s, FILE *f)
{
    char value[1024], first[1024];
    for (int i = 1; i < s->n; i++)
        for (size_t a = 0; a < NASPECTS; a++) {
            if (!(s->structure[i].differs & aspects[a].bit) || !aspects[a].why)
                continue;
            aspect_value(&s->structure[i], aspects[a].bit, value, sizeof value);
            aspect_value(&s->structure[0], aspects[a].bit, first, sizeof first);
            fprintf(f, eng_msg_tr("eaflow : attention : %s diffère de %s en %s (%s et non %s) : "
                                  "%s ; ses différences appariées à %s n'ont pas de sens, donnez "
                                  "aux deux fichiers la même valeur pour les comparer\n"),
                    s->names[i], s->names[0], eng_msg_tr(aspects[a].label), value, first,
                    eng_msg_tr(aspects[a].why), s->names[0]);
        }
}

void ea_scenarios_print(const ea_scenarios *s, FILE *f)
{
    print_structure(s, f);
    fprintf(f, eng_msg_tr("Différences à %s (moyenne des écarts appariés, intervalle à 95 %%) :\n"),
            s->names[0]);
    for (int row = 0; row < s->nrows; row++) {
        const ea_scenarios_row *rw = &s->rows[row];
        if (rw->scope != s->nscopes - 1 || rw->year != s->nyears - 1 ||
            !is_printed(s->indicators[rw->indicator]))
            continue;
        for (int i = 1; i < s->n; i++) {
            const ea_scenarios_diff *d = &s->diff[row * s->n + i];
            char mean[64], low[64], high[64];
            eng_text_format_signed(mean, sizeof mean, d->mean, 1);
            eng_text_format_signed(low, sizeof low, d->low, 1);
            eng_text_format_signed(high, sizeof high, d->high, 1);
            fprintf(f, eng_msg_tr("  %-20s %-26s %s : %s [%s ; %s]%s\n"), s->names[i],
                    s->indicators[rw->indicator], s->years[rw->year], mean, low, high,
                    d->beyond_noise ? eng_msg_tr("  au-delà du bruit") : "");
        }
    }
}
