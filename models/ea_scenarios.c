/* ea_scenarios.c — Several scenarios side by side with common random numbers: every scenario runs
 * with the same seed, so replication r of each draws from the same stream and the paired
 * differences are not noise from different streams. */
#include "ea_scenarios.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_path.h"
#include "../engine/eng_text.h"
#include "ea_indicators.h"
#include "ea_scenario.h"
#include "ea_schema.h"
#include "ea_simulate.h"
#include "ea_tables.h"

/* The indicators whose differences ea_scenarios_print shows, for the region in the last year. */
static const char *const printed_indicators[] = {
    "places", "funding_eur", "delegated_eur", "file_active", "waiting", "mean_wait_days", "persons_accompanied",
    "exits_emploi_durable", "staff_fte_needed", "cost_per_person_eur" };

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

/* Reads and checks every scenario, naming each by its file name (and for people by its [scenario]
 * name), before any runs. */
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
        status = copy_text(&s->titles[i], r->sc[i].name[0] ? r->sc[i].name : s->names[i], err);
        if (status != ENG_OK)
            return status;
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

/* Copies the first scenario's scopes (with their names in sc0), years and indicators, which the
 * rows index. */
static int copy_lists(const ea_results *r0, const ea_scenario *sc0, ea_scenarios *s, eng_error *err)
{
    const ea_indicators *set = ea_results_indicators(r0);
    s->nscopes = ea_results_nscopes(r0);
    s->nyears = ea_results_nperiods(r0, EA_ANNUAL);
    s->nindicators = set->n;
    s->scopes = calloc((size_t)s->nscopes, sizeof *s->scopes);
    s->scope_names = calloc((size_t)s->nscopes, sizeof *s->scope_names);
    s->years = calloc((size_t)s->nyears, sizeof *s->years);
    s->indicators = calloc((size_t)s->nindicators, sizeof *s->indicators);
    int status = s->scopes && s->scope_names && s->years && s->indicators
                     ? ENG_OK : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int i = 0; i < s->nscopes && status == ENG_OK; i++) {
        const char *code = ea_results_scope(r0, i);
        const char *name = strcmp(code, "region") == 0 ? sc0->area : "";
        for (int d = 0; d < sc0->ndepartments && !sc0->single_platform; d++)
            if (strcmp(sc0->departments[d].code, code) == 0)
                name = sc0->departments[d].name;
        status = copy_text(&s->scopes[i], code, err);
        if (status == ENG_OK)
            status = copy_text(&s->scope_names[i], name, err);
    }
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
    out->titles = calloc((size_t)n, sizeof *out->titles);
    int status = r.sc && r.res && out->names && out->titles ? ENG_OK : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (status == ENG_OK)
        status = load_all(paths, &r, out, err);
    if (status == ENG_OK)
        status = describe(&r, out, err);
    if (status == ENG_OK && opt->warnings)
        ea_scenarios_print_warnings(out, opt->warnings);
    if (status == ENG_OK)
        status = run_all(&r, out, opt, err);
    if (status == ENG_OK)
        status = copy_lists(r.res[0], &r.sc[0], out, err);
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
    free_texts(s->titles, s->n);
    free_texts(s->scopes, s->nscopes);
    free_texts(s->scope_names, s->nscopes);
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
void ea_scenarios_aspect_value(const ea_scenarios_structure *st, unsigned bit, char *buf,
                               size_t size)
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
        ea_scenarios_aspect_value(sc, EA_SCENARIOS_CAPACITY_MODE, mode, sizeof mode);
        aspect_names(sc->differs, differs, sizeof differs);
        eng_csv_text(f, s->names[i], st);
        fputc(st->sep, f);
        eng_csv_text(f, sc->departments, st);
        fprintf(f, "%c%s%c%d%c%s%c%d%c%lu%c%s%c", st->sep, start, st->sep, sc->months, st->sep, mode,
                st->sep, sc->replications, st->sep, sc->seed, st->sep, differs, st->sep);
        eng_csv_text(f, s->titles[i], st);
        fputc('\n', f);
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
    ea_scenarios_aspect_value(st0, EA_SCENARIOS_PERIOD, value, sizeof value);
    ea_scenarios_aspect_value(st0, EA_SCENARIOS_CAPACITY_MODE, first, sizeof first);
    fprintf(f, eng_msg_tr("%s ; capacité %s) :\n"), value, first);
    for (int i = 1; i < s->n; i++) {
        const ea_scenarios_structure *st = &s->structure[i];
        fprintf(f, "  %-20s ", s->names[i]);
        if (!st->differs)
            fputs(eng_msg_tr("même structure"), f);
        for (size_t a = 0, shown = 0; a < NASPECTS; a++) {
            if (!(st->differs & aspects[a].bit))
                continue;
            ea_scenarios_aspect_value(st, aspects[a].bit, value, sizeof value);
            ea_scenarios_aspect_value(st0, aspects[a].bit, first, sizeof first);
            fprintf(f, eng_msg_tr("%s%s %s (et non %s)"), shown++ ? eng_msg_tr(" ; ") : "",
                    eng_msg_tr(aspects[a].label), value, first);
        }
        fputs(ea_scenarios_unpaired(s, i) ? eng_msg_tr(" : différences appariées sans objet\n") : "\n",
              f);
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
            ea_scenarios_aspect_value(&s->structure[i], aspects[a].bit, value, sizeof value);
            ea_scenarios_aspect_value(&s->structure[0], aspects[a].bit, first, sizeof first);
            fprintf(f, eng_msg_tr("eaflow : attention : %s diffère de %s en %s (%s et non %s) : "
                                  "%s ; ses différences appariées à %s n'ont pas de sens, donnez "
                                  "aux deux fichiers la même valeur pour les comparer\n"),
                    s->names[i], s->names[0], eng_msg_tr(aspects[a].label), value, first,
                    eng_msg_tr(aspects[a].why), s->names[0]);
        }
}

const char *ea_scenarios_unpaired(const ea_scenarios *s, int i)
{
    for (size_t a = 0; a < NASPECTS; a++)
        if ((s->structure[i].differs & aspects[a].bit) && aspects[a].why)
            return aspects[a].label;
    return NULL;
}

/* One printed line of scenario i against the first: its paired difference with its interval, or,
 * when the differences mean nothing, the two means side by side. */
static void print_line(const ea_scenarios *s, int row, int i, int paired, FILE *f)
{
    const ea_scenarios_diff *d = &s->diff[row * s->n + i];
    const char *name = s->indicators[s->rows[row].indicator], *suffix;
    const ea_indicators_row *def = ea_indicators_lookup(name, &suffix);
    int dec = strstr(name, "_eur") ? 0 : 1;
    const char *unit = strstr(name, "_eur") ? " €" : "";
    char label[128], mean[64], low[64], high[64];
    ea_indicators_label(name, label, sizeof label);
    if (!paired) {
        /* A whole-number indicator that every replication gives alike (places) reads whole. */
        double a = s->mean[row * s->n + i], b = s->mean[row * s->n];
        int whole = def && def->whole && a == floor(a) && b == floor(b);
        eng_text_format_number(mean, sizeof mean, a, whole ? 0 : dec);
        eng_text_format_number(low, sizeof low, b, whole ? 0 : dec);
        fprintf(f, eng_msg_tr("  %*s %s%s (contre %s%s)\n"), eng_text_pad(label, -34), label, mean,
                unit, low, unit);
        return;
    }
    eng_text_format_signed(mean, sizeof mean, d->mean, dec);
    eng_text_format_signed(low, sizeof low, d->low, dec);
    eng_text_format_signed(high, sizeof high, d->high, dec);
    /* An interval whose ends read the same is an exact difference (places, funding); a
     * whole-number indicator's is then a whole number. */
    int exact = isnan(d->low) || strcmp(low, high) == 0;
    if (exact && def && def->whole)
        eng_text_format_signed(mean, sizeof mean, d->mean, 0);
    fprintf(f, "  %*s %s%s", eng_text_pad(label, -34), label, mean, unit);
    if (exact) {
        fputs(d->mean != 0 ? eng_msg_tr("  (exact)\n") : "\n", f);
        return;
    }
    fprintf(f, eng_msg_tr(" [%s ; %s]%s\n"), low, high, d->beyond_noise ? eng_msg_tr("  au-delà du bruit") : "");
}

void ea_scenarios_print(const ea_scenarios *s, int asked, FILE *f)
{
    print_structure(s, f);
    int region = s->nscopes - 1, year = s->nyears - 1;
    ea_scenarios_year_why why;
    eng_error err;
    /* The page's key year (the year asked was checked before the page was written). */
    if (ea_scenarios_key_year(s, asked, &year, &why, &err) != ENG_OK)
        year = s->nyears - 1;
    for (int i = 1; i < s->n; i++) {
        /* A scenario on other departments, another period or another capacity mode is not paired
         * with the first: its means are shown beside the first's, without a difference. */
        const char *other = ea_scenarios_unpaired(s, i);
        if (other)
            fprintf(f, eng_msg_tr("« %s » contre « %s », région, %s (moyennes, sans écart apparié ; "
                                  "ce qui diffère : %s) :\n"),
                    s->titles[i], s->titles[0], s->years[year], eng_msg_tr(other));
        else
            fprintf(f, eng_msg_tr("« %s » moins « %s », région, %s (moyenne des écarts appariés, "
                                  "intervalle à 95 %%) :\n"),
                    s->titles[i], s->titles[0], s->years[year]);
        for (int row = 0; row < s->nrows; row++) {
            const ea_scenarios_row *rw = &s->rows[row];
            if (rw->scope == region && rw->year == year && is_printed(s->indicators[rw->indicator]))
                print_line(s, row, i, other == NULL, f);
        }
    }
}

const char *ea_scenarios_aspect_label(unsigned bit)
{
    for (size_t a = 0; a < NASPECTS; a++)
        if (aspects[a].bit == bit)
            return aspects[a].label;
    return "";
}

const char *ea_scenarios_aspect_why(unsigned bit)
{
    for (size_t a = 0; a < NASPECTS; a++)
        if (aspects[a].bit == bit)
            return aspects[a].why;
    return NULL;
}

int ea_scenarios_find(const ea_scenarios *s, int scope, int year, const char *indicator)
{
    for (int row = 0; row < s->nrows; row++) {
        const ea_scenarios_row *rw = &s->rows[row];
        if (rw->scope == scope && rw->year == year && strcmp(s->indicators[rw->indicator], indicator) == 0)
            return row;
    }
    return -1;
}

int ea_scenarios_key_year(const ea_scenarios *s, int asked, int *index, ea_scenarios_year_why *why,
                          eng_error *err)
{
    *index = s->nyears - 1;
    *why = EA_SCENARIOS_YEAR_LAST;
    if (asked) {
        char list[256] = "";
        for (int y = 0; y < s->nyears; y++) {
            if (atoi(s->years[y]) == asked) {
                *index = y;
                *why = EA_SCENARIOS_YEAR_ASKED;
                return ENG_OK;
            }
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", y ? ", " : "", s->years[y]);
        }
        return eng_error_set(err, ENG_EINPUT, "--year %d : les scénarios ne simulent pas cette année ; "
                             "choisissez l'une de %s", asked, list);
    }
    /* A year is complete when the first scenario simulates its twelve months (months are counted
     * as year * 12 + month - 1). */
    const ea_scenarios_structure *st = s->n > 0 ? &s->structure[0] : NULL;
    for (int y = s->nyears - 1; y >= 0 && st; y--) {
        int first = atoi(s->years[y]) * 12;
        if (st->start <= first && st->start + st->months >= first + 12) {
            *index = y;
            *why = EA_SCENARIOS_YEAR_COMPLETE;
            break;
        }
    }
    return ENG_OK;
}

/* ---- Reading back ------------------------------------------------------------------------------ */

/* The index of text in list (n of them), added at the end when it is not there; -1 when out of
 * memory. */
static int intern(char **list, int *n, const char *text)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(list[i], text) == 0)
            return i;
    if (!(list[*n] = strdup(text)))
        return -1;
    return (*n)++;
}

/* The EA_SCENARIOS_* bits of the names in differs_from_first. */
static unsigned aspect_bits(const char *names)
{
    unsigned bits = 0;
    for (size_t a = 0; a < NASPECTS; a++) {
        size_t len = strlen(aspects[a].name);
        for (const char *p = strstr(names, aspects[a].name); p; p = strstr(p + 1, aspects[a].name))
            if ((p == names || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' '))
                bits |= aspects[a].bit;
    }
    return bits;
}

/* One row of scenarios-structure.csv into scenario i; the columns of c that are -1 are absent. */
static int read_structure_row(const eng_csv *t, size_t row, const int *c, ea_scenarios *s, int i,
                              eng_error *err)
{
    ea_scenarios_structure *st = &s->structure[i];
    const char *title = c[EA_COL_STRUCTURE_NAME] >= 0 ? eng_csv_get_text(t, row, c[EA_COL_STRUCTURE_NAME]) : "";
    const char *depts = c[EA_COL_STRUCTURE_DEPARTMENTS] >= 0
                            ? eng_csv_get_text(t, row, c[EA_COL_STRUCTURE_DEPARTMENTS]) : "";
    int status = copy_text(&s->names[i], eng_csv_get_text(t, row, c[EA_COL_STRUCTURE_SCENARIO]), err);
    if (status == ENG_OK)
        status = copy_text(&s->titles[i], title[0] ? title : s->names[i], err);
    if (status == ENG_OK)
        status = copy_text(&st->departments, depts, err);
    int y = 0, m = 0;
    if (status == ENG_OK && c[EA_COL_STRUCTURE_START] >= 0
        && sscanf(eng_csv_get_text(t, row, c[EA_COL_STRUCTURE_START]), "%d-%d", &y, &m) == 2)
        st->start = y * 12 + m - 1;
    double v[3] = { 0, 0, 0 };
    const int numbers[3] = { EA_COL_STRUCTURE_MONTHS, EA_COL_STRUCTURE_REPLICATIONS, EA_COL_STRUCTURE_SEED };
    for (int k = 0; k < 3 && status == ENG_OK; k++)
        if (c[numbers[k]] >= 0)
            status = eng_csv_get_number(t, row, c[numbers[k]], &v[k], NULL, err);
    st->months = (int)v[0];
    st->replications = (int)v[1];
    st->seed = (unsigned long)v[2];
    const char *const *modes = ea_schema_find(EA_SEC_STAFF, "capacity_mode")->choices;
    for (int k = 0; modes[k] && c[EA_COL_STRUCTURE_CAPACITY_MODE] >= 0; k++)
        if (strcmp(modes[k], eng_csv_get_text(t, row, c[EA_COL_STRUCTURE_CAPACITY_MODE])) == 0)
            st->capacity_mode = k;
    if (c[EA_COL_STRUCTURE_DIFFERS] >= 0)
        st->differs = aspect_bits(eng_csv_get_text(t, row, c[EA_COL_STRUCTURE_DIFFERS]));
    return status;
}

static int read_structure(const eng_csv *t, ea_scenarios *s, eng_error *err)
{
    int c[EA_COL_STRUCTURE_COUNT];
    for (int k = 0; k < EA_COL_STRUCTURE_COUNT; k++)
        c[k] = ea_tables_find(t, EA_TABLE_SCENARIOS_STRUCTURE, k);
    int status = ea_tables_require(t, EA_TABLE_SCENARIOS_STRUCTURE, EA_COL_STRUCTURE_SCENARIO,
                                   &c[EA_COL_STRUCTURE_SCENARIO], err);
    if (status != ENG_OK)
        return status;
    s->n = (int)eng_csv_nrows(t);
    if (s->n < 2)
        return eng_error_set(err, ENG_EINPUT, "%s : attendu au moins deux scénarios, un par ligne ; "
                             "relancez eaflow scenarios", eng_csv_name(t));
    s->names = calloc((size_t)s->n, sizeof *s->names);
    s->titles = calloc((size_t)s->n, sizeof *s->titles);
    s->structure = calloc((size_t)s->n, sizeof *s->structure);
    if (!s->names || !s->titles || !s->structure)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int i = 0; i < s->n && status == ENG_OK; i++)
        status = read_structure_row(t, (size_t)i, c, s, i, err);
    return status;
}

/* The columns of scenarios.csv: the mean of each scenario (by its file name) in c[0][i], and its
 * paired difference, interval and beyond_noise in c[1..4][i] for i >= 1. */
static int value_columns(const eng_csv *t, const ea_scenarios *s, int *c[5], eng_error *err)
{
    static const int paired_cols[4] = { EA_COL_SCENARIOS_DIFF, EA_COL_SCENARIOS_LOW95,
                                        EA_COL_SCENARIOS_HIGH95, EA_COL_SCENARIOS_BEYOND_NOISE };
    for (int i = 0; i < s->n; i++) {
        int status = eng_csv_require(t, s->names[i], &c[0][i], err);
        if (status != ENG_OK)
            return status;
        for (int k = 0; k < 4; k++) {
            c[k + 1][i] = -1;
            for (int col = 0; col < eng_csv_ncols(t) && i > 0; col++) {
                const char *h = eng_csv_header(t, col);
                size_t n = ea_tables_header_prefix(h, EA_TABLE_SCENARIOS, paired_cols[k]);
                if (n > 0 && strcmp(h + n, s->names[i]) == 0)
                    c[k + 1][i] = col;
            }
            if (i > 0 && c[k + 1][i] < 0)
                return eng_error_set(err, ENG_EINPUT, "%s : pas de colonne « %s%s » ; relancez "
                                     "eaflow scenarios", eng_csv_name(t),
                                     ea_tables_column(EA_TABLE_SCENARIOS, paired_cols[k])->name,
                                     s->names[i]);
        }
    }
    return ENG_OK;
}

/* A number of scenarios.csv, NaN when the cell is empty. */
static int cell_number(const eng_csv *t, size_t row, int col, double *out, eng_error *err)
{
    int missing;
    return eng_csv_get_number(t, row, col, out, &missing, err);
}

/* Row r of scenarios.csv: its scope, year and indicator interned, then its values. */
static int read_value_row(const eng_csv *t, size_t r, const int key[3], int *c[5], ea_scenarios *s,
                          eng_error *err)
{
    int year;
    int status = ea_tables_get_year(t, r, key[1], &year, err);
    char y[16];
    snprintf(y, sizeof y, "%04d", year);
    const char *scope = key[0] >= 0 ? eng_csv_get_text(t, r, key[0]) : "region";
    ea_scenarios_row rw = { intern(s->scopes, &s->nscopes, scope), intern(s->years, &s->nyears, y),
                            intern(s->indicators, &s->nindicators, eng_csv_get_text(t, r, key[2])) };
    if (status == ENG_OK && (rw.scope < 0 || rw.year < 0 || rw.indicator < 0))
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    int row = s->nrows++, n = s->n;
    s->rows[row] = rw;
    s->diff[row * n] = (ea_scenarios_diff){ NAN, NAN, NAN, 0 };
    for (int i = 0; i < n && status == ENG_OK; i++) {
        status = cell_number(t, r, c[0][i], &s->mean[row * n + i], err);
        ea_scenarios_diff *d = &s->diff[row * n + i];
        double beyond = 0;
        if (i > 0 && status == ENG_OK
            && ((status = cell_number(t, r, c[1][i], &d->mean, err)) != ENG_OK
                || (status = cell_number(t, r, c[2][i], &d->low, err)) != ENG_OK
                || (status = cell_number(t, r, c[3][i], &d->high, err)) != ENG_OK
                || (status = cell_number(t, r, c[4][i], &beyond, err)) != ENG_OK))
            break;
        d->beyond_noise = beyond == 1;
    }
    return status;
}

static int read_values(const eng_csv *t, ea_scenarios *s, eng_error *err)
{
    size_t nrows = eng_csv_nrows(t), cap = nrows ? nrows : 1;
    int key[3] = { ea_tables_find(t, EA_TABLE_SCENARIOS, EA_COL_SCENARIOS_SCOPE) };
    int status = ea_tables_require(t, EA_TABLE_SCENARIOS, EA_COL_SCENARIOS_YEAR, &key[1], err);
    if (status == ENG_OK)
        status = ea_tables_require(t, EA_TABLE_SCENARIOS, EA_COL_SCENARIOS_INDICATOR, &key[2], err);
    int *c[5] = { NULL };
    for (int k = 0; k < 5; k++)
        c[k] = malloc((size_t)s->n * sizeof(int));
    s->scopes = calloc(cap, sizeof *s->scopes);
    s->years = calloc(cap, sizeof *s->years);
    s->indicators = calloc(cap, sizeof *s->indicators);
    s->rows = malloc(cap * sizeof *s->rows);
    s->mean = malloc(cap * (size_t)s->n * sizeof *s->mean);
    s->diff = malloc(cap * (size_t)s->n * sizeof *s->diff);
    if (status == ENG_OK && !(c[0] && c[1] && c[2] && c[3] && c[4] && s->scopes && s->years
                              && s->indicators && s->rows && s->mean && s->diff))
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (status == ENG_OK)
        status = value_columns(t, s, c, err);
    for (size_t r = 0; r < nrows && status == ENG_OK; r++)
        status = read_value_row(t, r, key, c, s, err);
    for (int k = 0; k < 5; k++)
        free(c[k]);
    return status;
}

/* The scopes' names are not in the tables: empty, so that a scope is shown by its code. */
static int blank_scope_names(ea_scenarios *s, eng_error *err)
{
    s->scope_names = calloc((size_t)(s->nscopes ? s->nscopes : 1), sizeof *s->scope_names);
    int status = s->scope_names ? ENG_OK : eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int i = 0; i < s->nscopes && status == ENG_OK; i++)
        status = copy_text(&s->scope_names[i], "", err);
    return status;
}

int ea_scenarios_read(const char *dir, ea_scenarios *out, eng_error *err)
{
    memset(out, 0, sizeof *out);
    const ea_tables_id ids[2] = { EA_TABLE_SCENARIOS_STRUCTURE, EA_TABLE_SCENARIOS };
    int status = ENG_OK;
    for (int k = 0; k < 2 && status == ENG_OK; k++) {
        eng_csv *t = NULL;
        char *path = eng_path_join(dir, ea_tables_file(ids[k]), err);
        status = path ? eng_csv_read(path, &t, err) : ENG_EFAIL;
        if (status == ENG_OK)
            status = k == 0 ? read_structure(t, out, err) : read_values(t, out, err);
        eng_csv_free(t);
        free(path);
    }
    if (status == ENG_OK)
        status = blank_scope_names(out, err);
    if (status != ENG_OK)
        ea_scenarios_clear(out);
    return status;
}
