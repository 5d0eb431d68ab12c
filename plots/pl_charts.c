/* pl_charts.c — The list of charts. One table of chart kinds pairs each kind's drawing with its
 * reading and says which charts go into the report; the list is built from the tables in a fixed
 * order (the whole region, costs, occupancy, survival, sweep, then each department). */
#include "pl_charts.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_text.h"
#include "pl_chart.h"
#include "pl_draw.h"
#include "pl_reading.h"

/* When a chart of a kind goes into the annual report. */
typedef enum report_rule {
    REPORT_ALWAYS,
    REPORT_WHOLE,            /* when its scope is the whole region (pl_data_region) */
    REPORT_MAIN              /* when its indicator is one of main_indicators */
} report_rule;

/* A kind of chart: how its files are named, the words of its title, whether its charts go into the
 * report, and its drawing (pl_draw.h) and reading (pl_reading.h), which read the same rows. */
typedef struct kind {
    const char *prefix;      /* the start of the file name, before _KEY and _YEAR */
    const char *fr, *en;     /* the words of the title */
    report_rule report;
    void (*draw)(const pl_chart *ch, FILE *script);
    void (*read)(const pl_chart *ch, int year, char *buf, size_t size);
} kind;

/* The rows of the table of kinds, in no particular order: the list's order is pl_charts_alloc's. */
enum { K_FILE_ACTIVE, K_MODULES, K_FLOWS, K_BUDGET, K_COSTS, K_OCCUPANCY, K_KM, K_SWEEP,
       K_SWEEP_TARGET };

static const kind kinds[] = {
    [K_FILE_ACTIVE] = { "file_active", "File active (personnes accompagnées)",
                        "Caseload (persons in support)", REPORT_WHOLE, pl_draw_file_active,
                        pl_reading_file_active },
    [K_MODULES] = { "modules", "Personnes par module et liste d'attente",
                    "Persons per module and waiting list", REPORT_WHOLE, pl_draw_modules,
                    pl_reading_modules },
    [K_FLOWS] = { "flows", "Entrées et sorties par mois, par motif",
                  "Entries and exits per month, by reason", REPORT_WHOLE, pl_draw_flows,
                  pl_reading_flows },
    [K_BUDGET] = { "budget", "Budget par an", "Budget per year", REPORT_WHOLE, pl_draw_budget,
                   pl_reading_budget },
    [K_COSTS] = { "cost_per_place", "Coût à la place par département",
                  "Cost per place by department", REPORT_ALWAYS, pl_draw_costs, pl_reading_costs },
    [K_OCCUPANCY] = { "occupancy", "Taux d'occupation des places par département",
                      "Occupancy of places by department", REPORT_ALWAYS, pl_draw_occupancy,
                      pl_reading_occupancy },
    [K_KM] = { "km", "Durée du module", "Time in module", REPORT_ALWAYS, pl_draw_km,
               pl_reading_km },
    [K_SWEEP] = { "sweep", "— paramètre varié :", "by", REPORT_MAIN, pl_draw_sweep,
                  pl_reading_sweep },
    [K_SWEEP_TARGET] = { "sweep_target", "Cible :", "Target:", REPORT_ALWAYS, pl_draw_sweep,
                         pl_reading_sweep },
};

/* The indicators of the sweep shown in the report. */
static const char *const main_indicators[] = { "file_active", "waiting", "exits_emploi_durable",
                                               "cost_per_person_eur" };

/* A chart of the list: its kind, whether it is in the report, its file name, and what it shows. */
typedef struct entry {
    const kind *kind;
    int in_report;
    char name[128];
    pl_chart chart;
} entry;

struct pl_charts {
    const pl_data *d;
    pl_data *owned;          /* the tables, when the list read them itself (pl_charts_read) */
    pl_text_lang lang;
    int year;                /* the year the charts speak of; 0: each its latest */
    entry *entries;
    int n, cap;
};

/* The words of the title of kind k, in the chart's language. */
static const char *title_words(const pl_chart *ch, int k)
{
    /* Small flows are drawn per quarter or per year (pl_chart_flow_months). */
    int months = k == K_FLOWS ? pl_chart_flow_months(ch) : 1;
    if (months == 3)
        return pl_chart_tr(ch, "Entrées et sorties par trimestre, par motif",
                           "Entries and exits per quarter, by reason");
    if (months == 12)
        return pl_chart_tr(ch, "Entrées et sorties par an, par motif",
                           "Entries and exits per year, by reason");
    return pl_chart_tr(ch, kinds[k].fr, kinds[k].en);
}

/* Whether a chart of kind k for key goes into the report, after the kind's rule. */
static int in_report(const pl_charts *c, const kind *k, const char *key)
{
    switch (k->report) {
    case REPORT_WHOLE:
        return strcmp(key, pl_data_region(c->d)) == 0;
    case REPORT_MAIN:
        for (size_t i = 0; i < sizeof main_indicators / sizeof main_indicators[0]; i++)
            if (strcmp(key, main_indicators[i]) == 0)
                return 1;
        return 0;
    default:
        return 1;
    }
}

/* Names a chart prefix[_key][_year], the key reduced to letters, digits, '-' and '_' so that no
 * input can reach outside the plots directory, and made unique with a suffix. */
static void name_chart(const pl_charts *c, entry *e, const char *key, int year)
{
    char base[96];
    size_t n = (size_t)snprintf(base, sizeof base, "%s", e->kind->prefix);
    if (key) {
        base[n++] = '_';
        for (const char *p = key; *p && n < 64; p++)
            base[n++] = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                        || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ? *p : '_';
        base[n] = '\0';
    }
    if (year)
        snprintf(base + n, sizeof base - n, "_%d", year);
    snprintf(e->name, sizeof e->name, "%s", base);
    for (int suffix = 2, taken = 1; taken; suffix++) {
        taken = 0;
        for (int i = 0; i < c->n && !taken; i++)
            taken = strcmp(c->entries[i].name, e->name) == 0;
        if (taken)
            snprintf(e->name, sizeof e->name, "%s_%d", base, suffix);
    }
}

/* Adds a chart of kind k for key (a scope, module or indicator; NULL for none) and year (0 for
 * none), named after them. */
static pl_chart *add(pl_charts *c, int k, const char *key, int year, eng_error *err)
{
    if (eng_array_reserve_int(&c->entries, &c->cap, c->n + 1, sizeof *c->entries, 32) != 0) {
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return NULL;
    }
    entry *e = &c->entries[c->n];
    memset(e, 0, sizeof *e);
    e->kind = &kinds[k];
    e->in_report = in_report(c, e->kind, key);
    name_chart(c, e, key, year);
    e->chart.data = c->d;
    e->chart.lang = c->lang;
    e->chart.key = key;
    e->chart.year = year;
    c->n++;
    return &e->chart;
}

/* Whether the list already has a chart of that kind for that key (a module or indicator). */
static int has_chart(const pl_charts *c, int k, const char *key)
{
    for (int i = 0; i < c->n; i++)
        if (c->entries[i].kind == &kinds[k] && strcmp(c->entries[i].chart.key, key) == 0)
            return 1;
    return 0;
}

/* Adds a chart of kind k for a scope, titled "WORDS — SCOPE". */
static int add_scope_chart(pl_charts *c, int k, const char *scope, eng_error *err)
{
    pl_chart *ch = add(c, k, scope, 0, err);
    if (!ch)
        return ENG_EFAIL;
    char label[256];
    snprintf(ch->title, sizeof ch->title, "%s — %s", title_words(ch, k),
             pl_chart_scope_label(ch, scope, label, sizeof label));
    return ENG_OK;
}

/* Adds the charts of one scope drawn from monthly.csv and annual.csv. */
static int add_scope(pl_charts *c, const char *scope, eng_error *err)
{
    const pl_data_summary *m = c->d->monthly;
    int modules = 0, flows = 0;
    for (int i = 0; m && i < m->nindicators; i++) {
        const char *ind = m->indicators[i];
        int has = pl_chart_has_value(pl_data_summary_find(m, scope, ind), PL_MEAN);
        modules += pl_chart_is_module_indicator(ind) && has;
        flows += (strcmp(ind, "entries") == 0 || strcmp(ind, "exits") == 0
                  || pl_chart_is_reason_indicator(ind)) && has;
    }
    int status = ENG_OK;
    if (pl_chart_has_value(pl_data_summary_find(m, scope, "file_active"), PL_MEAN))
        status = add_scope_chart(c, K_FILE_ACTIVE, scope, err);
    if (status == ENG_OK && modules > 0)
        status = add_scope_chart(c, K_MODULES, scope, err);
    if (status == ENG_OK && flows > 0)
        status = add_scope_chart(c, K_FLOWS, scope, err);
    if (status == ENG_OK &&
        pl_chart_has_value(pl_data_summary_find(c->d->annual, scope, "funding_eur"), PL_MEAN))
        status = add_scope_chart(c, K_BUDGET, scope, err);
    return status;
}

/* A chart of costs.csv for each year with a department's cost per place. */
static int add_costs(pl_charts *c, eng_error *err)
{
    const pl_data *d = c->d;
    for (size_t i = 0; i < d->ncosts; i++) {
        /* Each year once: at its first row. */
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = d->costs[j].year == d->costs[i].year;
        if (seen)
            continue;
        pl_chart_costs r;
        pl_chart_costs_of(d, d->costs[i].year, &r);
        if (r.n == 0)
            continue;
        pl_chart *ch = add(c, K_COSTS, NULL, d->costs[i].year, err);
        if (!ch)
            return ENG_EFAIL;
        char y[32] = "";
        if (ch->year)
            snprintf(y, sizeof y, " — %d", ch->year);
        snprintf(ch->title, sizeof ch->title, "%s%s", title_words(ch, K_COSTS), y);
    }
    return ENG_OK;
}

/* The occupancy chart, when at least two departments have an occupancy. */
static int add_occupancy(pl_charts *c, eng_error *err)
{
    pl_chart_occupancy o;
    pl_chart_occupancy_of(c->d, c->year, &o);
    if (o.n < 2)
        return ENG_OK;
    pl_chart *ch = add(c, K_OCCUPANCY, NULL, 0, err);
    if (!ch)
        return ENG_EFAIL;
    ch->year = c->year;
    char when[64];
    if (o.year)
        snprintf(when, sizeof when, "%s %d", pl_chart_tr(ch, "fin", "end"), o.year);
    else
        pl_text_date(when, sizeof when, o.date, c->lang);
    /* Observed or simulated, said either way: the two charts look alike. */
    snprintf(ch->title, sizeof ch->title, "%s — %s%s", title_words(ch, K_OCCUPANCY), when,
             o.year ? pl_chart_tr(ch, " (simulé)", " (simulated)")
                    : pl_chart_tr(ch, " (observé)", " (observed)"));
    return ENG_OK;
}

/* A survival chart per module of km.csv, with fit.csv's chosen law when it has one. */
static int add_km(pl_charts *c, eng_error *err)
{
    const pl_data *d = c->d;
    for (size_t i = 0; i < d->nkm; i++) {
        if (has_chart(c, K_KM, d->km[i].module))
            continue;
        pl_chart *ch = add(c, K_KM, d->km[i].module, 0, err);
        if (!ch)
            return ENG_EFAIL;
        snprintf(ch->title, sizeof ch->title, pl_chart_tr(ch, "%s « %s » : Kaplan–Meier",
                                                          "%s “%s”: Kaplan–Meier"),
                 title_words(ch, K_KM), pl_text_module_label(ch->key, c->lang));
        for (size_t k = 0; k < d->nfits; k++) {
            if (!d->fits[k].chosen || strcmp(d->fits[k].module, ch->key) != 0)
                continue;
            if (eng_dist_parse(d->fits[k].parameters, &ch->fit, err) != ENG_OK) {
                eng_error_prefix(err, "fit.csv, module « %s », paramètres « %s » : ", ch->key,
                                 d->fits[k].parameters);
                return ENG_EINPUT;
            }
            snprintf(ch->title + strlen(ch->title), sizeof ch->title - strlen(ch->title), " %s",
                     pl_chart_tr(ch, "et loi ajustée", "and fitted distribution"));
            break;
        }
    }
    return ENG_OK;
}

/* The chart of sweep --target, first: the indicator it judged, in the scope and year it judged
 * (a department's own figures when the target names one), against the swept values, with the
 * target's line. Nothing when sweep.csv does not hold that scope. */
static int add_sweep_target(pl_charts *c, eng_error *err)
{
    const pl_data_target *g = &c->d->target;
    const char *scope = NULL;
    for (size_t i = 0; i < c->d->nsweep && !scope; i++)
        if (eng_text_casecmp(c->d->sweep[i].scope, g->scope) == 0)
            scope = c->d->sweep[i].scope;
    if (!scope)
        return ENG_OK;
    pl_chart *ch = add(c, K_SWEEP_TARGET, g->indicator, 0, err);
    if (!ch)
        return ENG_EFAIL;
    ch->scope = scope;
    ch->year = g->year;
    ch->target = 1;
    /* The varied key is named on the x axis: the title says what the target judged, and where. */
    char label[128], where[256], condition[96];
    snprintf(ch->title, sizeof ch->title, "%s %s %s %s %d — %s",
             title_words(ch, K_SWEEP_TARGET),
             pl_text_indicator_label(label, sizeof label, g->indicator, c->lang),
             pl_chart_target_condition(ch, condition, sizeof condition),
             pl_chart_tr(ch, "en", "in"), g->year,
             pl_chart_scope_label(ch, scope, where, sizeof where));
    return ENG_OK;
}

/* A chart of sweep.csv per indicator of the whole region (or of the first scope when the table has
 * no region), in the list's year when the table has it, else in its last year; after the target's
 * chart when the sweep had one. */
static int add_sweep(pl_charts *c, eng_error *err)
{
    const pl_data *d = c->d;
    const char *scope = d->nsweep > 0 ? d->sweep[0].scope : NULL;
    int year = 0, asked = 0;
    for (size_t i = 0; i < d->nsweep; i++) {
        if (pl_chart_is_region(d->sweep[i].scope))
            scope = d->sweep[i].scope;
        if (d->sweep[i].year > year)
            year = d->sweep[i].year;
        asked |= c->year && d->sweep[i].year == c->year;
    }
    if (asked)
        year = c->year;
    char keys[512] = "", label[256];
    for (int k = 0; k < d->nkeys; k++)
        snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s%s", k ? " ; " : "",
                 pl_chart_key_label(d, d->keys[k], PL_CHART_KEY_INLINE, label, sizeof label));
    if (d->target.present && add_sweep_target(c, err) != ENG_OK)
        return ENG_EFAIL;
    for (size_t i = 0; i < d->nsweep; i++) {
        const pl_data_sweep_row *r = &d->sweep[i];
        if (strcmp(r->scope, scope) != 0 || r->year != year || has_chart(c, K_SWEEP, r->indicator))
            continue;
        pl_chart *ch = add(c, K_SWEEP, r->indicator, 0, err);
        if (!ch)
            return ENG_EFAIL;
        ch->scope = scope;
        ch->year = year;
        char label[128], in[32] = "", where[256];
        if (year)
            snprintf(in, sizeof in, " %s %d", pl_chart_tr(ch, "en", "in"), year);
        /* Whose figures, next to the indicator: a key's department is not the scope shown (a
         * department's target is judged on its own figures, not on these). */
        /* The key's label is a noun without its article (« places financées »): it is named
         * after « paramètre varié : » rather than after « selon », which would want one. */
        const char *varied = d->nkeys > 1 ? pl_chart_tr(ch, "— paramètres variés :", "by")
                                           : title_words(ch, K_SWEEP);
        snprintf(ch->title, sizeof ch->title, "%s (%.160s)%s %s %.240s",
                 pl_text_indicator_label(label, sizeof label, r->indicator, c->lang),
                 pl_chart_scope_label(ch, scope, where, sizeof where), in,
                 d->nkeys ? varied : pl_chart_tr(ch, "selon le point", "by point"),
                 d->nkeys ? keys : "");
        ch->title[0] = (char)toupper((unsigned char)ch->title[0]);
    }
    return ENG_OK;
}

int pl_charts_alloc(const pl_data *data, pl_text_lang lang, int year, pl_charts **out,
                    eng_error *err)
{
    *out = NULL;
    pl_charts *c = calloc(1, sizeof *c);
    if (!c)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    c->d = data;
    c->lang = lang;
    c->year = year;
    const char *whole = pl_data_region(data);
    const pl_data_summary *s = data->monthly ? data->monthly : data->annual;
    int status = whole ? add_scope(c, whole, err) : ENG_OK;
    if (status == ENG_OK)
        status = add_costs(c, err);
    if (status == ENG_OK)
        status = add_occupancy(c, err);
    if (status == ENG_OK)
        status = add_km(c, err);
    if (status == ENG_OK)
        status = add_sweep(c, err);
    for (int i = 1; s && i < s->nscopes && status == ENG_OK; i++)
        status = add_scope(c, s->scopes[i], err);
    if (status != ENG_OK) {
        pl_charts_free(c);
        return status;
    }
    *out = c;
    return ENG_OK;
}

void pl_charts_free(pl_charts *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n; i++)
        eng_dist_clear(&c->entries[i].chart.fit);
    free(c->entries);
    pl_data_free(c->owned);
    free(c);
}

int pl_charts_count(const pl_charts *c)
{
    return c->n;
}

const char *pl_charts_name(const pl_charts *c, int i)
{
    return c->entries[i].name;
}

const char *pl_charts_title(const pl_charts *c, int i)
{
    return c->entries[i].chart.title;
}

int pl_charts_in_report(const pl_charts *c, int i)
{
    return c->entries[i].in_report;
}

const char *pl_charts_scope(const pl_charts *c, int i)
{
    const kind *k = c->entries[i].kind;
    int scoped = k == &kinds[K_FILE_ACTIVE] || k == &kinds[K_MODULES] || k == &kinds[K_FLOWS]
                 || k == &kinds[K_BUDGET];
    return scoped ? c->entries[i].chart.key : NULL;
}

void pl_charts_emit(const pl_charts *c, int i, FILE *script)
{
    c->entries[i].kind->draw(&c->entries[i].chart, script);
}

void pl_charts_emit_untitled(const pl_charts *c, int i, FILE *script)
{
    /* A copy that shares the chart's data and fitted law, read only while it is drawn. */
    pl_chart bare = c->entries[i].chart;
    bare.title[0] = '\0';
    c->entries[i].kind->draw(&bare, script);
}

void pl_charts_reading(const pl_charts *c, int i, int year, char *buf, size_t size)
{
    c->entries[i].kind->read(&c->entries[i].chart, year, buf, size);
}
int pl_charts_read(const char *dir, pl_text_lang lang, pl_charts **out, eng_error *err)
{
    *out = NULL;
    pl_data *d = NULL;
    int status = pl_data_read(dir, &d, err);
    if (status == ENG_OK)
        status = pl_charts_alloc(d, lang, 0, out, err);
    if (status == ENG_OK && (*out)->n == 0)
        status = eng_error_set(err, ENG_EINPUT,
                               "%s : aucun tableau à dessiner ; attendu monthly.csv, annual.csv, "
                               "capacity.csv, costs.csv, km.csv ou sweep.csv : "
                               "lancez d'abord eaflow simulate, compare, costs ou fit", dir);
    if (status != ENG_OK) {
        pl_charts_free(*out);
        *out = NULL;
        pl_data_free(d);
        return status;
    }
    (*out)->owned = d;
    return ENG_OK;
}

int pl_charts_draw(const pl_charts *c, eng_out *plots, pl_gnuplot_format format, eng_error *err)
{
    pl_gnuplot *gp = NULL;
    int status = pl_gnuplot_alloc(&gp, err);
    for (int i = 0; status == ENG_OK && i < c->n; i++) {
        char name[160];
        snprintf(name, sizeof name, "%s.%s", c->entries[i].name, pl_gnuplot_format_ext(format));
        if (!eng_out_open(plots, name, err)) {
            status = ENG_EFAIL;
            break;
        }
        FILE *f = pl_gnuplot_script(gp);
        pl_gnuplot_terminal(gp, format, eng_out_tmp_path(plots, name));
        pl_charts_emit(c, i, f);
        pl_gnuplot_close_output(f);
    }
    if (status == ENG_OK)
        status = pl_gnuplot_run(gp, err);
    pl_gnuplot_free(gp);
    return status;
}
