/* ea_fit_write.c — Writing a fit: the fitted scenario through the scenario writer with a comment
 * before each value, the CSV tables, and the French summary. */
#include "ea_fit_write.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_stats.h"
#include "../engine/eng_text.h"
#include "ea_scenario_ini.h"
#include "ea_tables.h"
#include "ea_uncertainty.h"

/* Every interval is two-sided at 95 %: this is the probability left outside. */
#define ALPHA 0.05

static double share(size_t x, size_t n)
{
    return (double)x / (double)n;
}

/* ---- The scenario ---------------------------------------------------------------------------- */

/* The keys fitted.ini sets, in the order it gives them; the others take their defaults. */
static const ea_scenario_ini_key fitted_keys[] = {
    /* The name comes from a file name: the quotes show where it ends. */
    { EA_SEC_SCENARIO, "name", 1 },
    { EA_SEC_SCENARIO, "start", 0 },
    { EA_SEC_SCENARIO, "months", 0 },
    { EA_SEC_SCENARIO, "replications", 0 },
    { EA_SEC_SCENARIO, "seed", 0 },
    { EA_SEC_SCENARIO, "placeholders", 0 },
    { EA_SEC_ENTRIES, "mix", 0 },
    { EA_SEC_EXITS, "reasons", 0 },
    { EA_SEC_MODULE, "duration", 0 },
    { EA_SEC_MODULE, "intensity", 0 },
    { EA_SEC_MODULE, "next", 0 },
    { EA_SEC_DEPARTMENT, "name", 0 },
    { EA_SEC_DEPARTMENT, "entries_per_month", 0 },
    { EA_SEC_DEPARTMENT, "initial_file_active", 0 },
    { EA_SEC_DEPARTMENT, "places", 0 },
    { EA_SEC_DEPARTMENT, "initial_mix", 0 },
};

/* A number for the summary in the language of the messages: French grouped digits and a decimal
 * comma, or English ones. */
typedef struct fr_text {
    char s[48];
} fr_text;

static fr_text fr(double x, int decimals)
{
    fr_text t;
    eng_text_format_number(t.s, sizeof t.s, x, decimals);
    return t;
}

/* A number of four significant digits for a comment, in the language of the messages: the
 * values of the keys themselves keep the decimal point the scenario parser reads. */
typedef struct sig_text {
    char s[32];
} sig_text;

static sig_text sig4(double x)
{
    sig_text t;
    snprintf(t.s, sizeof t.s, "%.4g", x);
    if (eng_msg_get_lang() != ENG_MSG_EN) {
        char *dot = strchr(t.s, '.');
        if (dot)
            *dot = ',';
    }
    return t;
}

/* "0,75 ; intervalle à 95 % [0,62 ; 0,85]" for a comment. */
static void put_interval(FILE *o, double x, double lo, double hi)
{
    fprintf(o, eng_msg_tr("%s ; intervalle à 95 %% [%s ; %s]"), sig4(x).s, sig4(lo).s, sig4(hi).s);
}

/* "; NAME : SHARE ; intervalle … ; X sur N " for the shares behind a mix or a routing. */
static void put_share_note(FILE *o, const char *name, size_t x, size_t n)
{
    double lo, hi;
    eng_stats_wilson(x, n, ALPHA, &lo, &hi);
    fprintf(o, eng_msg_tr("; %s : "), name);
    put_interval(o, share(x, n), lo, hi);
    fprintf(o, eng_msg_tr(" ; %zu sur %zu "), x, n);
}

static void note_module(const ea_fit *f, int m, const char *key, FILE *o)
{
    const ea_fit_module *ms = &f->modules[m];
    if (strcmp(key, "duration") == 0) {
        const eng_survival_fit *c = &ms->fits[ms->chosen];
        fprintf(o, eng_msg_tr("; %s : plus petit AIC des %d lois"), eng_survival_family_name(c->family),
                ENG_SURVIVAL_NFAMILIES);
        for (int k = 0; k < ENG_SURVIVAL_NFAMILIES; k++)
            if (ms->fits[k].rank == 2)
                fprintf(o, eng_msg_tr(" (puis %s, AIC plus élevé de %s)"),
                        eng_survival_family_name(ms->fits[k].family),
                        fr(ms->fits[k].delta_aic, 1).s);
        fprintf(o, eng_msg_tr(" ; moyenne %s mois, intervalle à 95 %% [%s ; %s] ; %zu épisodes, %zu "
                               "terminés\n"),
                sig4(c->mean).s, sig4(c->mean_lower95).s, sig4(c->mean_upper95).s, ms->n, ms->ended);
    } else if (strcmp(key, "intensity") == 0) {
        fputs(eng_msg_tr("; Les heures d'accompagnement ne sont pas dans les fiches : renseignez-les.\n"),
              o);
    } else {
        for (int t = 0; t < EA_MAX_TARGETS; t++)
            if (ms->route[t]) {
                char name[EA_MAX_NAME + 8];
                ea_scenario_target_name(&f->scenario, t, name, sizeof name);
                put_share_note(o, name, ms->route[t], ms->ended);
                fputs(eng_msg_tr("épisodes terminés\n"), o);
            }
    }
}

/* Returns 0 for a key left out: the initial mix of a department with nobody in support. */
static int note_department(const ea_fit *f, int i, const char *key, FILE *o)
{
    const ea_fit_department *d = &f->departments[i];
    if (strcmp(key, "entries_per_month") == 0) {
        double lo, hi;
        eng_stats_poisson_exact(d->entries, f->window_months, ALPHA, &lo, &hi);
        fputs("; ", o);
        put_interval(o, (double)d->entries / f->window_months, lo, hi);
        fprintf(o, eng_msg_tr(" (Poisson exact) ; %zu personnes entrées en %s mois, du %s au %s\n"),
                d->entries, sig4(f->window_months).s, f->window_text, f->as_of_text);
    } else if (strcmp(key, "initial_file_active") == 0) {
        fprintf(o, eng_msg_tr("; Personnes en accompagnement le %s dans les fiches (épisodes ouverts à "
                               "cette date).\n"), f->as_of_text);
    } else if (strcmp(key, "places") == 0) {
        fprintf(o, eng_msg_tr("; Les places financées ne sont pas dans les fiches : renseignez-les (ici "
                               "les personnes en accompagnement le %s).\n"), f->as_of_text);
    } else if (strcmp(key, "initial_mix") == 0) {
        if (!d->in_support)
            return 0;
        fprintf(o, eng_msg_tr("; Modules des %zu personnes en accompagnement le %s :"), d->in_support,
                f->as_of_text);
        for (int m = 0; m < EA_NMODULES; m++)
            if (d->by_module[m])
                fprintf(o, " %s %zu", ea_scenario_module_names[m], d->by_module[m]);
        fputc('\n', o);
    }
    return 1;
}

/* The comments of fitted.ini: where each value comes from. */
static int note(void *data, const ea_scenario_ini_at *at, FILE *o)
{
    const ea_fit *f = data;
    if (at->department >= 0)
        return note_department(f, at->department, at->key, o);
    if (at->module >= 0) {
        note_module(f, at->module, at->key, o);
    } else if (strcmp(at->key, "start") == 0) {
        fprintf(o, eng_msg_tr("; Le mois qui suit la date d'arrêt des fiches, %s.\n"), f->as_of_text);
    } else if (strcmp(at->key, "placeholders") == 0) {
        fputs(eng_msg_tr("; Ces clés tiennent seulement la place, faute de données dans les "
                         "fiches : renseignez-les, puis retirez cette ligne (chaque commande le "
                         "rappelle tant qu'elle est là).\n"), o);
    } else if (strcmp(at->key, "months") == 0) {
        fputs(eng_msg_tr("; Réglages de la simulation à ajuster : ils ne sont pas estimés.\n"), o);
    } else if (strcmp(at->key, "mix") == 0) {
        for (int m = 0; m < EA_NMODULES; m++)
            if (f->mix[m]) {
                put_share_note(o, ea_scenario_module_names[m], f->mix[m], f->npersons);
                fputs(eng_msg_tr("personnes y commencent\n"), o);
            }
    } else if (strcmp(at->key, "reasons") == 0) {
        fprintf(o, eng_msg_tr("; Les motifs de sortie des fiches, dans l'ordre de première apparition "
                               "(%zu sorties).\n"), f->nexits);
    }
    return 1;
}

/* The [uncertainty] section: the mean duration of each module as a normal law from its interval
 * (a Weibull's scale, proportional to its mean at a fixed shape, carries the interval instead), so
 * that `sensitivity fitted.ini` runs as it is; the entries of each department as commented lines,
 * to be taken in by removing the « ; » (many parameters make a sensitivity analysis long). */
static void write_uncertainty(const ea_fit *f, FILE *o)
{
    fprintf(o, eng_msg_tr("\n[%s]\n; Les incertitudes des estimations, pour `eaflow sensitivity` et `simulate "
                          "--uncertainty` : une loi normale par valeur estimée, tirée de son intervalle "
                          "à 95 %%.\n"), EA_UNCERTAINTY_SECTION);
    char law[96];
    for (int m = 0; m < EA_NMODULES; m++) {
        const ea_fit_module *ms = &f->modules[m];
        if (!ms->n || !ms->fits[ms->chosen].ok)
            continue;
        const eng_survival_fit *c = &ms->fits[ms->chosen];
        int weibull = c->family == ENG_SURVIVAL_WEIBULL;
        double x = weibull ? c->p2 : c->p1, ratio = x / c->mean;
        if (ea_uncertainty_interval_law(x, c->mean_lower95 * ratio, c->mean_upper95 * ratio, law,
                                        sizeof law))
            fprintf(o, "module.%s.duration.%s = %s\n", ea_scenario_module_names[m],
                    weibull ? "scale" : "mean", law);
    }
    for (int i = 0; i < f->scenario.ndepartments; i++) {
        const ea_fit_department *d = &f->departments[i];
        double lo, hi;
        eng_stats_poisson_exact(d->entries, f->window_months, ALPHA, &lo, &hi);
        if (ea_uncertainty_interval_law((double)d->entries / f->window_months, lo, hi, law, sizeof law))
            fprintf(o, "; department.%s.entries_per_month = %s\n", f->scenario.departments[i].code,
                    law);
    }
}

static int write_ini(const ea_fit *f, FILE *o, eng_error *err)
{
    fprintf(o, eng_msg_tr("; Scénario ajusté par `eaflow fit` sur %s : %zu personnes, %zu épisodes, "
                          "au %s.\n"
                          "; Chaque valeur estimée suit un commentaire donnant son intervalle à 95 %% "
                          "et le nombre\n"
                          "; d'observations. Les heures d'accompagnement (intensity) et les places "
                          "financées ne sont\n"
                          "; pas dans les fiches : renseignez-les avant de simuler.\n"),
            f->records_name, f->npersons, f->nepisodes, f->as_of_text);
    ea_scenario_ini_layout layout = { fitted_keys, sizeof fitted_keys / sizeof fitted_keys[0],
                                      note, (void *)f };
    int status = ea_scenario_ini_write_partial(&f->scenario, &layout, o, err);
    if (status == ENG_OK)
        write_uncertainty(f, o);
    if (status == ENG_EINPUT)
        eng_error_prefix(err, "%s : ", f->records);
    return status;
}

/* ---- Tables ---------------------------------------------------------------------------------- */

static void put_sep(FILE *o, const eng_csv_style *st)
{
    fputc(st->sep, o);
}

/* Ends a row with the numbers given. */
static void put_numbers(FILE *o, const eng_csv_style *st, const double *nums, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        put_sep(o, st);
        eng_csv_number(o, nums[i], st);
    }
    fputc('\n', o);
}

static void write_fit_csv(const ea_fit *f, FILE *o, const eng_csv_style *st)
{
    ea_tables_write_header(o, EA_TABLE_FIT, st);
    for (int m = 0; m < EA_NMODULES; m++) {
        const ea_fit_module *ms = &f->modules[m];
        for (int k = 0; ms->n && k < ENG_SURVIVAL_NFAMILIES; k++) {
            const eng_survival_fit *x = &ms->fits[k];
            char dist[128];
            eng_survival_fit_format(x, dist, sizeof dist);
            eng_csv_text(o, ea_scenario_module_names[m], st);
            put_sep(o, st);
            eng_csv_text(o, eng_survival_family_name(x->family), st);
            put_sep(o, st);
            eng_csv_text(o, dist, st);
            const double nums[] = { x->mean, x->loglik, x->aic, (double)(k == (int)ms->chosen),
                                    x->mean_lower95, x->mean_upper95, x->sd, x->delta_aic,
                                    (double)ms->n, (double)ms->ended };
            put_numbers(o, st, nums, sizeof nums / sizeof nums[0]);
        }
    }
}

static void write_km_csv(const ea_fit *f, FILE *o, const eng_csv_style *st)
{
    ea_tables_write_header(o, EA_TABLE_KM, st);
    for (int m = 0; m < EA_NMODULES; m++)
        for (size_t i = 0; f->modules[m].n && i < f->modules[m].km.nrows; i++) {
            const eng_survival_km_row *r = &f->modules[m].km.rows[i];
            eng_csv_text(o, ea_scenario_module_names[m], st);
            const double nums[] = { r->time, (double)r->at_risk, (double)r->events,
                                    (double)r->censored, r->survival, r->se, r->lower95,
                                    r->upper95 };
            put_numbers(o, st, nums, sizeof nums / sizeof nums[0]);
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
    put_numbers(o, st, nums, 4);
}

static void share_row(FILE *o, const eng_csv_style *st, const char *kind, const char *scope,
                      const char *item, size_t x, size_t n)
{
    double lo, hi;
    eng_stats_wilson(x, n, ALPHA, &lo, &hi);
    estimate_row(o, st, kind, scope, item, n ? share(x, n) : NAN, lo, hi, n);
}

/* The first scope of the entry rates: the first department, or the region alone for a single
 * platform (whose one department is the region itself). */
static int first_scope(const ea_scenario *sc)
{
    return sc->single_platform ? sc->ndepartments : 0;
}

/* The entry rate and the persons in support of each department, then of the region. */
static void write_entries(const ea_fit *f, FILE *o, const eng_csv_style *st)
{
    const ea_scenario *sc = &f->scenario;
    for (int i = first_scope(sc); i <= sc->ndepartments; i++) {
        int region = i == sc->ndepartments;
        size_t n = region ? f->npersons : f->departments[i].entries;
        const char *scope = region ? "region" : sc->departments[i].code;
        double lo, hi;
        eng_stats_poisson_exact(n, f->window_months, ALPHA, &lo, &hi);
        estimate_row(o, st, "entry_rate", scope, "per_month", (double)n / f->window_months, lo,
                     hi, n);
        n = region ? f->open : f->departments[i].in_support;
        estimate_row(o, st, "in_support", scope, f->as_of_text, (double)n, NAN, NAN, n);
    }
}

static void write_estimates(const ea_fit *f, FILE *o, const eng_csv_style *st)
{
    ea_tables_write_header(o, EA_TABLE_ESTIMATES, st);
    write_entries(f, o, st);
    for (int m = 0; m < EA_NMODULES; m++)
        share_row(o, st, "entry_mix", "region", ea_scenario_module_names[m], f->mix[m],
                  f->npersons);
    for (int m = 0; m < EA_NMODULES; m++)
        for (int t = 0; t < EA_MAX_TARGETS; t++)
            if (f->modules[m].route[t]) {
                char item[EA_MAX_NAME + 8];
                ea_scenario_target_name(&f->scenario, t, item, sizeof item);
                share_row(o, st, "routing", ea_scenario_module_names[m], item,
                          f->modules[m].route[t], f->modules[m].ended);
            }
    for (int r = 0; r < f->scenario.nreasons; r++)
        share_row(o, st, "exit_reason", "region", f->scenario.reasons[r], f->exits[r],
                  f->nexits);
    for (int m = 0; m < EA_NMODULES; m++)
        if (f->modules[m].n) {
            const eng_survival_km *km = &f->modules[m].km;
            estimate_row(o, st, "median_months", ea_scenario_module_names[m], "km", km->median,
                         km->median_lower95, km->median_upper95, km->n);
        }
    for (size_t i = 0; i < f->nprofiles; i++) {
        const ea_fit_profile *p = &f->profiles[i];
        share_row(o, st, "profile", p->wave, p->item, p->count, p->n);
    }
}

int ea_fit_write_files(const ea_fit *fit, eng_out *out, const char *ini_name,
                       const eng_csv_style *style, eng_error *err)
{
    const eng_csv_style *st = style ? style : &eng_csv_standard;
    FILE *ini = eng_out_open(out, ini_name, err);
    int status = ini ? write_ini(fit, ini, err) : ENG_EFAIL;
    FILE *fits = status == ENG_OK ? eng_out_open(out, ea_tables_file(EA_TABLE_FIT), err) : NULL;
    FILE *km = fits ? eng_out_open(out, ea_tables_file(EA_TABLE_KM), err) : NULL;
    FILE *est = km ? eng_out_open(out, ea_tables_file(EA_TABLE_ESTIMATES), err) : NULL;
    if (status == ENG_OK && !est)
        return ENG_EFAIL;
    if (status == ENG_OK) {
        write_fit_csv(fit, fits, st);
        write_km_csv(fit, km, st);
        write_estimates(fit, est, st);
    }
    return status;
}

/* ---- Summary --------------------------------------------------------------------------------- */

static fr_text fr_count(size_t n)
{
    return fr((double)n, 0);
}

static fr_text fr_date(eng_date d)
{
    fr_text t;
    eng_date_text(d, eng_msg_get_lang() == ENG_MSG_EN, t.s, sizeof t.s);
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

/* "77,9 % [74,7 ; 80,8]": a share in percent with its Wilson interval. */
static void put_percent(FILE *r, size_t x, size_t n)
{
    double lo, hi;
    eng_stats_wilson(x, n, ALPHA, &lo, &hi);
    fprintf(r, eng_msg_tr("%s %% [%s ; %s]"), fr(100.0 * (double)x / (double)n, 1).s, fr(100 * lo, 1).s,
            fr(100 * hi, 1).s);
}

static void print_entries(const ea_fit *f, FILE *r)
{
    const ea_scenario *sc = &f->scenario;
    fputs(eng_msg_tr("Entrées par mois (intervalle de Poisson exact à 95 %)\n"), r);
    for (int i = first_scope(sc); i <= sc->ndepartments; i++) {
        int region = i == sc->ndepartments;
        size_t n = region ? f->npersons : f->departments[i].entries;
        double lo, hi;
        eng_stats_poisson_exact(n, f->window_months, ALPHA, &lo, &hi);
        fputs("  ", r);
        put_padded(r, region ? eng_msg_tr("région") : sc->departments[i].code, 10);
        fprintf(r, eng_msg_tr(" %8s  [%s ; %s]  %s personnes entrées, %s en accompagnement\n"),
                fr((double)n / f->window_months, 2).s, fr(lo, 2).s, fr(hi, 2).s, fr_count(n).s,
                fr_count(region ? f->open : f->departments[i].in_support).s);
    }
}

static void print_durations(const ea_fit *f, FILE *r)
{
    fputs(eng_msg_tr("\nDurée des modules (loi retenue : plus petit AIC ; moyenne et intervalle "
                     "à 95 %)\n"), r);
    for (int m = 0; m < EA_NMODULES; m++) {
        const ea_fit_module *ms = &f->modules[m];
        if (!ms->n)
            continue;
        const eng_survival_fit *c = &ms->fits[ms->chosen];
        char dist[128];
        eng_survival_fit_format(c, dist, sizeof dist);
        fprintf(r, eng_msg_tr("  %-10s %s : moyenne %s mois [%s ; %s]"), ea_scenario_module_names[m], dist,
                fr(c->mean, 1).s, fr(c->mean_lower95, 1).s, fr(c->mean_upper95, 1).s);
        for (int k = 0; k < ENG_SURVIVAL_NFAMILIES; k++)
            if (ms->fits[k].rank == 2)
                fprintf(r, eng_msg_tr(", AIC inférieur de %s à %s"), fr(ms->fits[k].delta_aic, 1).s,
                        eng_survival_family_name(ms->fits[k].family));
        fprintf(r, eng_msg_tr(" ; médiane observée %s mois ; %s épisodes, %s terminés\n"),
                fr(ms->km.median, 1).s, fr_count(ms->n).s, fr_count(ms->ended).s);
    }
}

static void print_routes(const ea_fit *f, FILE *r)
{
    fputs(eng_msg_tr("\nOrientation à la fin des modules (part des épisodes terminés, intervalle "
                     "de Wilson à 95 %)\n"), r);
    for (int m = 0; m < EA_NMODULES; m++) {
        const ea_fit_module *ms = &f->modules[m];
        if (!ms->ended)
            continue;
        fprintf(r, "  %-10s", ea_scenario_module_names[m]);
        for (int t = 0, first = 1; t < EA_MAX_TARGETS; t++)
            if (ms->route[t]) {
                char name[EA_MAX_NAME + 8];
                ea_scenario_target_name(&f->scenario, t, name, sizeof name);
                fprintf(r, "%s%s ", first ? " " : eng_msg_tr(" ; "), name);
                put_percent(r, ms->route[t], ms->ended);
                first = 0;
            }
        fputc('\n', r);
    }
    fprintf(r, eng_msg_tr("\nMotifs des sorties déjà vues (%s sorties, intervalle de Wilson à 95 %%) : "
                          "elles penchent vers les plus précoces, les parcours encore en cours "
                          "n'ayant pas fini\n"), fr_count(f->nexits).s);
    for (int k = 0; k < f->scenario.nreasons; k++) {
        fprintf(r, "  %-20s ", f->scenario.reasons[k]);
        put_percent(r, f->exits[k], f->nexits);
        fputc('\n', r);
    }
    /* What the estimated pathway gives in the end: the share a funder reads as the outcome. */
    double mix[EA_NMODULES], share[EA_MAX_REASONS], persons = 0;
    for (int m = 0; m < EA_NMODULES; m++)
        persons += (double)f->mix[m];
    for (int m = 0; m < EA_NMODULES; m++)
        mix[m] = persons > 0 ? (double)f->mix[m] / persons : 0;
    if (persons <= 0)
        return;
    ea_scenario_exit_shares(&f->scenario, mix, share);
    fputs(eng_msg_tr("Motifs de sortie à terme, d'après le module d'entrée et les orientations "
                     "estimées ci-dessus (parcours menés jusqu'à leur sortie)\n"), r);
    for (int k = 0; k < f->scenario.nreasons; k++)
        fprintf(r, "  %-20s %s %%\n", f->scenario.reasons[k], fr(100 * share[k], 1).s);
}

void ea_fit_write_summary(const ea_fit *f, const char *dir, const char *ini_name, FILE *r)
{
    const char *base = strrchr(f->records, '/');
    fprintf(r, eng_msg_tr("Ajustement de %s au %s\n"), base ? base + 1 : f->records, fr_date(f->as_of).s);
    fprintf(r, eng_msg_tr("  %s personnes, %s épisodes dont %s en cours à cette date (%s %% "
                          "censurés)"),
            fr_count(f->npersons).s, fr_count(f->nepisodes).s, fr_count(f->open).s,
            fr(100.0 * (double)f->open / (double)f->nepisodes, 1).s);
    if (f->ndropped)
        fprintf(r, eng_msg_tr(" ; %s épisodes commencés après, ignorés"), fr_count(f->ndropped).s);
    fprintf(r, eng_msg_tr("\n  Observation du %s au %s (%s mois)\n\n"), fr_date(f->window_start).s,
            fr_date(f->as_of).s, fr(f->window_months, 1).s);
    print_entries(f, r);
    print_durations(f, r);
    print_routes(f, r);
    fprintf(r, eng_msg_tr("\nÉcrits dans %s : %s (scénario : intensités et places à renseigner), "
                          "fit.csv, km.csv, estimates.csv\n"), dir, ini_name);
}
