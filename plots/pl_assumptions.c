/* pl_assumptions.c — The scenario's assumptions ready to show: read together from the scenario
 * file and SOURCES.md, and written in words (values with their units, groups, sources) in the
 * language of the messages, French unless English is asked for. */
#include "pl_assumptions.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"

/* The units of the schema (ea_schema.h) in French, singular (below 2, the French rule) and
 * plural, each after a number, translated where they are shown; a unit that is not listed is
 * written as it is. */
static const struct {
    const char *unit, *one, *many;
} units[] = {
    { "months", ENG_MSG_N("mois"), ENG_MSG_N("mois") },
    { "€/place/year", ENG_MSG_N("€ par place et par an"), ENG_MSG_N("€ par place et par an") },
    { "€/FTE/year", ENG_MSG_N("€ par ETP et par an"), ENG_MSG_N("€ par ETP et par an") },
    { "hours/FTE/month", ENG_MSG_N("h par ETP et par mois"), ENG_MSG_N("h par ETP et par mois") },
    { "hours/person/month", ENG_MSG_N("h par personne et par mois"),
      ENG_MSG_N("h par personne et par mois") },
    { "persons/month", ENG_MSG_N("personne par mois"), ENG_MSG_N("personnes par mois") },
    { "persons", ENG_MSG_N("personne"), ENG_MSG_N("personnes") },
    { "places", ENG_MSG_N("place"), ENG_MSG_N("places") },
    { "FTE", ENG_MSG_N("ETP"), ENG_MSG_N("ETP") },
};

/* The choices of [staff] capacity_mode in words. */
static const struct {
    const char *choice, *words;
} choices[] = {
    { "places", ENG_MSG_N("les places financées") },
    { "staff", ENG_MSG_N("les heures des conseillers (ETP)") },
};

/* The language of the words: that of the messages (--lang, or the locale). */
static pl_text_lang lang(void)
{
    return eng_msg_get_lang() == ENG_MSG_EN ? PL_EN : PL_FR;
}

/* ---- Values in words ------------------------------------------------------------------------ */

/* Appends printf-style text to buf (of size bytes), keeping it terminated when it is full. */
static void append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t size, const char *fmt, ...)
{
    size_t n = strlen(buf);
    if (n + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, size - n, fmt, ap);
    va_end(ap);
}

/* x with the decimals it has (at most 6), digits grouped, in the language of the messages. */
static const char *num(char *buf, size_t size, double x)
{
    int dec = 0;
    for (double scaled = x; dec < 6; dec++, scaled *= 10)
        if (fabs(scaled - round(scaled)) <= 1e-9 * fmax(1, fabs(scaled)))
            break;
    return pl_text_num(buf, size, x, dec, lang());
}

/* A share as a percentage with the decimal it has, at most one (a derived share such as
 * 0.12201223 reads 12,2 %): 0.8 gives "80 %", 0.333 "33,3 %". */
static const char *pct(char *buf, size_t size, double share)
{
    double x = 100 * share;
    return pl_text_pct(buf, size, share, fabs(x - round(x)) <= 1e-9 * fmax(1, fabs(x)) ? 0 : 1,
                       lang());
}

/* A number and its unit: "6 h par personne et par mois", "0,41 personne par mois". */
static void with_unit(char *buf, size_t size, double x, const char *unit, int show)
{
    char n[64];
    num(n, sizeof n, x);
    if (!show || !unit[0]) {
        append(buf, size, "%s", n);
        return;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(units[i].unit, unit) == 0) {
            int one = lang() == PL_EN ? fabs(x) == 1 : fabs(x) < 2;
            append(buf, size, "%s %s", n, eng_msg_tr(one ? units[i].one : units[i].many));
            return;
        }
    append(buf, size, "%s %s", n, unit);
}

const char *pl_assumptions_unit(const char *unit)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(units[i].unit, unit) == 0)
            return eng_msg_tr(units[i].many);
    return NULL;
}

/* A calendar month (year * 12 + month - 1) in words: "janvier 2022". */
static void month_words(char *buf, size_t size, int month)
{
    append(buf, size, "%s %d", pl_text_month_name(month % 12 + 1, 0, lang()), month / 12);
}

/* A distribution of durations: "gamma, moyenne 3 mois, écart-type 1,5". */
static void dist_words(char *buf, size_t size, const eng_dist *d)
{
    char a[64], b[64];
    switch (d->kind) {
    case ENG_DIST_NONE:
        append(buf, size, "%s", eng_msg_tr("sans limite (personne ne renonce)"));
        break;
    case ENG_DIST_EXPONENTIAL:
        append(buf, size, eng_msg_tr("exponentielle, moyenne %s mois"), num(a, sizeof a, d->p1));
        break;
    case ENG_DIST_GAMMA:
    case ENG_DIST_LOGNORMAL:
        append(buf, size, eng_msg_tr("%s, moyenne %s mois, écart-type %s"),
               d->kind == ENG_DIST_GAMMA ? "gamma" : eng_msg_tr("log-normale"),
               num(a, sizeof a, d->p1), num(b, sizeof b, d->p2));
        break;
    case ENG_DIST_WEIBULL:
        append(buf, size, eng_msg_tr("Weibull, forme %s, échelle %s mois"),
               num(a, sizeof a, d->p1), num(b, sizeof b, d->p2));
        break;
    case ENG_DIST_FIXED:
        append(buf, size, eng_msg_tr("fixe, %s mois"), num(a, sizeof a, d->p1));
        break;
    case ENG_DIST_EMPIRICAL:
        append(buf, size, eng_msg_tr("empirique, %zu valeurs, moyenne %s mois"), d->n,
               num(a, sizeof a, eng_dist_mean(d)));
        break;
    }
}

/* Shares over the modules, or a routing over the modules and the exit reasons: "80 % évaluation,
 * 16 % maintien dans l'emploi", "70 % sortie : emploi durable". n is the number of targets. */
static void shares_words(char *buf, size_t size, const double *share, int n,
                         const ea_scenario *sc)
{
    char p[64];
    int any = 0;
    for (int t = 0; t < n; t++) {
        if (!(share[t] > 0))
            continue;
        append(buf, size, "%s%s ", any++ ? ", " : "", pct(p, sizeof p, share[t]));
        if (t < EA_NMODULES)
            append(buf, size, "%s", pl_text_module_label(ea_scenario_module_names[t], lang()));
        else
            append(buf, size, eng_msg_tr("sortie : %s"),
                   pl_text_reason_label(sc->reasons[t - EA_NMODULES], lang()));
    }
    if (!any)
        append(buf, size, "%s", eng_msg_tr("aucune"));
}

/* A schedule of rates or places: "dès janvier 2023 : 1,08 ; dès avril 2023 : 2". */
static void schedule_words(char *buf, size_t size, const ea_scenario_schedule *s,
                           const char *unit, int show)
{
    if (s->n == 0) {
        append(buf, size, "%s", eng_msg_tr("aucune"));
        return;
    }
    for (int i = 0; i < s->n; i++) {
        append(buf, size, eng_msg_tr("%sdès "), i ? eng_msg_tr(" ; ") : "");
        month_words(buf, size, s->steps[i].month);
        append(buf, size, "%s", eng_msg_tr(" : "));
        with_unit(buf, size, s->steps[i].value, unit, show && i == s->n - 1);
    }
}

static void seasonality_words(char *buf, size_t size, const double *m)
{
    char n[64];
    int flat = 1;
    for (int i = 0; i < 12; i++)
        flat &= m[i] == 1;
    if (flat) {
        append(buf, size, "%s", eng_msg_tr("aucune (×1 chaque mois)"));
        return;
    }
    for (int i = 0; i < 12; i++)
        append(buf, size, "%s%s ×%s", i ? eng_msg_tr(" ; ") : "",
               pl_text_month_name(i + 1, 1, lang()),
               num(n, sizeof n, m[i]));
}

static void choice_words(char *buf, size_t size, const ea_schema_key *k, int index)
{
    const char *word = k->choices[index];
    for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
        if (strcmp(choices[i].choice, word) == 0)
            word = eng_msg_tr(choices[i].words);
    append(buf, size, "%s", word);
}

const char *pl_assumptions_value(char *buf, size_t size, const ea_scenario *sc,
                                 const ea_schema_key *k, const void *v, int show)
{
    int share = strcmp(k->unit, "share") == 0 || strcmp(k->unit, "probability") == 0;
    buf[0] = '\0';
    switch (k->type) {
    case EA_TYPE_TEXT:
        append(buf, size, "%s", (const char *)v);
        break;
    case EA_TYPE_MONTH:
        month_words(buf, size, *(const int *)v);
        break;
    case EA_TYPE_INT:
        with_unit(buf, size, *(const int *)v, k->unit, show);
        break;
    case EA_TYPE_SEED:
        append(buf, size, "%lu", *(const unsigned long *)v);
        break;
    case EA_TYPE_REAL:
        if (share || strcmp(k->unit, "share/year") == 0)
            pct(buf, size, *(const double *)v);
        else
            with_unit(buf, size, *(const double *)v, k->unit, show);
        if (strcmp(k->unit, "share/year") == 0 && show)
            append(buf, size, "%s", eng_msg_tr(" par an"));
        break;
    case EA_TYPE_CHOICE:
        choice_words(buf, size, k, *(const int *)v);
        break;
    case EA_TYPE_SEASONALITY:
        seasonality_words(buf, size, (const double *)v);
        break;
    case EA_TYPE_RATES:
    case EA_TYPE_PLACES:
        schedule_words(buf, size, (const ea_scenario_schedule *)v, k->unit, show);
        break;
    case EA_TYPE_MIX:
        shares_words(buf, size, (const double *)v, EA_NMODULES, sc);
        break;
    case EA_TYPE_DIST:
    case EA_TYPE_DURATION:
        dist_words(buf, size, (const eng_dist *)v);
        break;
    case EA_TYPE_ROUTING:
        shares_words(buf, size, (const double *)v, EA_NMODULES + sc->nreasons, sc);
        break;
    case EA_TYPE_REASONS:
        for (int r = 0; r < sc->nreasons; r++)
            append(buf, size, "%s%s", r ? ", " : "", pl_text_reason_label(sc->reasons[r], lang()));
        break;
    case EA_NTYPES:
        break;
    }
    return buf;
}

const char *pl_assumptions_row_value(char *buf, size_t size, const ea_scenario *sc,
                                     const ea_assumptions_row *row)
{
    if (!row->overridden)
        return pl_assumptions_value(buf, size, sc, row->key, row->value, 1);
    snprintf(buf, size, "%s",
             sc->single_platform ? eng_msg_tr("— (la plateforme donne sa propre valeur)")
                                 : eng_msg_tr("— (chaque département donne sa propre valeur, voir "
                                              "les départements)"));
    return buf;
}

/* ---- What the assumptions are read from --------------------------------------------------- */

void pl_assumptions_clear(pl_assumptions *v)
{
    ea_assumptions_clear(&v->a);
    ea_sources_free(v->sources);
    eng_ini_free(v->ini);
    free(v->sources_path);
    memset(v, 0, sizeof *v);
}

int pl_assumptions_load(const ea_scenario *sc, pl_text_lang lang, pl_assumptions *v,
                        eng_error *err)
{
    memset(v, 0, sizeof *v);
    v->sc = sc;
    v->lang = lang;
    /* A scenario file gone since it was read (a scratch file) leaves the values without notes. */
    eng_error unread;
    v->ini = eng_ini_load(sc->path, &unread);
    v->sources_path = ea_sources_beside(sc->path, err);
    if (!v->sources_path) {
        pl_assumptions_clear(v);
        return ENG_EFAIL;
    }
    FILE *probe = fopen(v->sources_path, "r");
    int status = ENG_OK;
    if (probe) {
        fclose(probe);
        status = ea_sources_read(v->sources_path, &v->sources, err);
    }
    if (status == ENG_OK)
        status = ea_assumptions_compute(sc, v->ini, &v->a, err);
    if (status != ENG_OK)
        pl_assumptions_clear(v);
    return status;
}

/* ---- Words for groups, sources and labels --------------------------------------------------- */

const char *pl_assumptions_group_title(char *buf, size_t size, const ea_assumptions_group *g)
{
    static const char *const titles[] = {
        [EA_SEC_SCENARIO] = ENG_MSG_N("Scénario"), [EA_SEC_BUDGET] = ENG_MSG_N("Budget"),
        [EA_SEC_STAFF] = ENG_MSG_N("Personnel"), [EA_SEC_ENTRIES] = ENG_MSG_N("Entrées"),
        [EA_SEC_WAITING] = ENG_MSG_N("Liste d'attente"), [EA_SEC_EXITS] = ENG_MSG_N("Sorties") };
    if (g->kind == EA_SEC_MODULE)
        snprintf(buf, size, eng_msg_tr("Module : %s"),
                 pl_text_module_label(ea_scenario_module_names[g->module], lang()));
    else
        snprintf(buf, size, "%s", eng_msg_tr(titles[g->kind]));
    return buf;
}

const char *pl_assumptions_basis_word(ea_assumptions_basis basis, const ea_schema_key *k)
{
    switch (basis) {
    case EA_ASSUMPTIONS_SOURCE:
        return NULL;
    case EA_ASSUMPTIONS_HYPOTHESIS:
        return eng_msg_tr("hypothèse");
    case EA_ASSUMPTIONS_CALIBRATED:
        return eng_msg_tr("calibré sur les observations");
    case EA_ASSUMPTIONS_DEFAULT:
        return eng_msg_tr("valeur par défaut d'eaflow");
    case EA_ASSUMPTIONS_SETTING:
        return k->type == EA_TYPE_TEXT ? eng_msg_tr("sans objet (un nom)")
                                       : eng_msg_tr("réglage du calcul");
    case EA_ASSUMPTIONS_NBASES:
        break;
    }
    return NULL;
}

/* Appends the references of a note with their short titles. */
static void refs_text(char *buf, size_t size, const pl_assumptions *v,
                      const ea_assumptions_note *n)
{
    for (int r = 0; r < n->nrefs; r++) {
        const ea_sources_ref *ref = ea_sources_find(v->sources, n->refs[r]);
        append(buf, size, "%s[S%d]%s%s", r ? (lang() == PL_EN ? "; " : " ; ") : "", n->refs[r], ref ? " " : "",
               ref ? ref->title : "");
    }
}

const char *pl_assumptions_basis(char *buf, size_t size, const pl_assumptions *v,
                                 const ea_schema_key *k, const ea_assumptions_note *n)
{
    buf[0] = '\0';
    const char *word = pl_assumptions_basis_word(n->basis, k);
    if (!word) {
        refs_text(buf, size, v, n);
        return buf;
    }
    append(buf, size, "%s", word);
    if ((n->basis == EA_ASSUMPTIONS_HYPOTHESIS || n->basis == EA_ASSUMPTIONS_CALIBRATED)
        && n->nrefs) {
        append(buf, size, "%s", eng_msg_tr(", d'après "));
        refs_text(buf, size, v, n);
    }
    return buf;
}

const char *pl_assumptions_label(char *buf, size_t size, const ea_schema_key *k, int module)
{
    snprintf(buf, size, "%s", eng_msg_tr(k->label_fr));
    buf[0] = (char)toupper((unsigned char)buf[0]);
    if (module >= 0)
        append(buf, size, " (%s)", pl_text_module_label(ea_scenario_module_names[module], lang()));
    return buf;
}
