/* pl_report_validation.c — The report's « Validation » section: the run as STRESS-DES asks it to be
 * told, and the observations held out of the scenario's making against the simulation. */
#include "pl_report_validation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_version.h>

#include "../engine/eng_text.h"
#include "../models/ea_compare.h"
#include "../models/ea_manifest.h"
#include "../models/ea_simulate.h"
#include "pl_html.h"

/* ---- Held-out rows and their score ---------------------------------------------------------- */

int pl_report_validation_held_out(const pl_data_compared *c, eng_date until)
{
    return ea_compare_held_out(c->year, c->month, until);
}

/* Whether the indicator of row c is equal by construction in its scope: an input of the scenario
 * (places), whose root mean square error over the scope's rows is 0 in compare-summary.csv. */
static int by_construction(const pl_data *d, const pl_data_compared *c)
{
    for (size_t i = 0; i < d->nagreement; i++) {
        const pl_data_agreement *a = &d->agreement[i];
        if (strcmp(a->scope, c->scope) == 0 && strcmp(a->indicator, c->indicator) == 0)
            return a->rmse == 0;
    }
    return 0;
}

int pl_report_validation_counted(const pl_data *d, const pl_data_compared *c, const eng_date *until,
                                 int held_out)
{
    int out = until && pl_report_validation_held_out(c, *until);
    return out == held_out && !by_construction(d, c) && isfinite(c->observed)
           && isfinite(c->sim_mean);
}

/* Whether row c is of scope (NULL: of any). */
static int of_scope(const pl_data_compared *c, const char *scope)
{
    return !scope || eng_text_casecmp(c->scope, scope) == 0;
}

void pl_report_validation_score_rows(const pl_data *d, const eng_date *until, int held_out,
                                     const char *scope, pl_report_validation_score *out)
{
    double ape = 0;
    int nape = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < d->ncompared; i++) {
        const pl_data_compared *c = &d->compared[i];
        if (!pl_report_validation_counted(d, c, until, held_out) || !of_scope(c, scope))
            continue;
        out->n++;
        out->in_band += c->in_band;
        /* As compare-summary.csv: the percentage error leaves out observations of zero. */
        if (c->observed != 0) {
            ape += fabs(c->observed - c->sim_mean) / fabs(c->observed);
            nape++;
        }
    }
    out->mape_pct = nape ? 100 * ape / nape : NAN;
}

/* ---- The run, as STRESS-DES asks ------------------------------------------------------------- */

static void paragraph(FILE *f, const char *text)
{
    fputs("<p>", f);
    pl_html_text(f, text);
    fputs("</p>\n", f);
}

static void row(FILE *f, const char *label, const char *text)
{
    fputs("<tr><th scope=\"row\">", f);
    pl_html_text(f, label);
    fputs("</th><td>", f);
    pl_html_text(f, text);
    fputs("</td></tr>\n", f);
}

/* Persons in support at the start, all platforms together, and their spread over the modules. */
static void initial_state(FILE *f, const ea_scenario *sc, pl_text_lang lang)
{
    double total = 0, in[EA_NMODULES] = { 0 };
    for (int i = 0; i < sc->ndepartments; i++) {
        const ea_scenario_department *dp = &sc->departments[i];
        total += dp->initial_file_active;
        for (int m = 0; m < EA_NMODULES; m++)
            in[m] += dp->initial_file_active * dp->initial_mix[m];
    }
    char text[1024], n[64], pct[32];
    int len = snprintf(text, sizeof text,
                       pl_text_tr(lang, "%s personnes accompagnées au premier mois",
                                  "%s persons in support at the first month"),
                       pl_text_num(n, sizeof n, total, 0, lang));
    for (int m = 0, first = 1; m < EA_NMODULES && total > 0; m++) {
        if (!sc->modules[m].defined)
            continue;
        len += snprintf(text + len, sizeof text - (size_t)len, "%s%s %s",
                        first ? pl_text_tr(lang, " : ", ": ") : ", ",
                        pl_text_module_label(ea_scenario_module_names[m], lang),
                        pl_text_pct(pct, sizeof pct, in[m] / total, 0, lang));
        first = 0;
    }
    row(f, pl_text_tr(lang, "État initial", "Initial state"), text);
}

static void run_length(FILE *f, const ea_scenario *sc, pl_text_lang lang)
{
    char text[512];
    int a = sc->start, b = sc->start + sc->months - 1;
    snprintf(
        text, sizeof text,
        pl_text_tr(lang,
                   "de %s %d à %s %d, %d mois ; les indicateurs se lisent par mois et par année "
                   "civile, sans période écartée",
                   "%s %d to %s %d, %d months; the indicators are read "
                   "by month and by calendar year, none discarded"),
        pl_text_month_name(a % 12 + 1, 0, lang), a / 12, pl_text_month_name(b % 12 + 1, 0, lang),
        b / 12, sc->months);
    row(f, pl_text_tr(lang, "Durée simulée", "Run length"), text);
}

/* The half-width of the 95 % interval of the mean of an indicator of `year` in region, from its
 * sd over n replications (Student's t), appended to text as "label x ± h (p %)". */
static int half_width(const pl_data *d, const char *region, int year, const char *indicator,
                      double n, char *text, size_t size, pl_text_lang lang)
{
    const ea_tables_series *se = d->annual ? ea_tables_summary_find(d->annual->table, region,
                                                                    indicator) : NULL;
    int k = se ? ea_tables_series_find(se, year) : -1;
    if (k < 0 || n < 2)
        return 0;
    double mean = se->stat[k][EA_STAT_MEAN], sd = se->stat[k][EA_STAT_SD];
    if (!isfinite(mean) || !isfinite(sd) || mean == 0)
        return 0;
    double h = gsl_cdf_tdist_Pinv(0.975, n - 1) * sd / sqrt(n);
    char label[128], m[64], hw[64], pct[32];
    pl_text_indicator_label(label, sizeof label, indicator, lang);
    return snprintf(text, size, "%s %s ± %s (%s)", label, pl_text_num(m, sizeof m, mean, 0, lang),
                    pl_text_num(hw, sizeof hw, h, h < 10 ? 1 : 0, lang),
                    pl_text_pct(pct, sizeof pct, h / fabs(mean), 1, lang));
}

/* How -n auto chose the number: the batches, the precision asked of which indicators, the one
 * achieved, and the series that needed the most replications (the widest at the end). */
static void auto_text(char *buf, size_t size, const pl_data *d, const ea_simulate_reached *r,
                      pl_text_lang lang)
{
    const char *judged[8];
    int n = 0;
    for (int i = 0; i < ea_simulate_key_count() && n < 8; i++)
        if ((judged[n] = ea_simulate_key_name(i, r->precision.mode)) != NULL)
            n++;
    char keys[256] = "", label[128], want[96], got[64], where[320];
    size_t len = 0;
    for (int i = 0; i < n && len < sizeof keys; i++) {
        const char *sep = i == 0 ? "" : i < n - 1 ? ", " : pl_text_tr(lang, " et ", " and ");
        pl_text_indicator_label(label, sizeof label, judged[i], lang);
        len += (size_t)snprintf(keys + len, sizeof keys - len, "%s%s", sep, label);
    }
    int worst = r->indicator[0] != '\0';
    if (worst)
        pl_text_indicator_label(label, sizeof label, r->indicator, lang);
    if (strcmp(r->scope, "region") == 0)
        snprintf(where, sizeof where, "%s", pl_data_area(d, pl_text_tr(lang, "région", "region")));
    else
        pl_data_department_label(d, r->scope, where, sizeof where);
    ea_simulate_format_precision(want, sizeof want, r->precision.mode, r->precision.target);
    if (r->precision.mode == EA_SIMULATE_RELATIVE)
        strcat(want, pl_text_tr(lang, " de la moyenne", " of the mean"));
    snprintf(
        buf, size,
        pl_text_tr(
            lang,
            " ; nombre choisi par -n auto, qui ajoute des lots de %d "
            "réplications jusqu'à ce que la demi-largeur soit d'au plus %s pour %s, chaque année "
            "et partout : atteinte à %s",
            "; number chosen by -n auto, which adds batches of %d "
            "replications until the half-width is at most %s for %s, every year and everywhere: "
            "%s achieved"),
        EA_SIMULATE_BATCH, want, keys,
        ea_simulate_format_precision(got, sizeof got, r->precision.mode, r->achieved));
    if (worst) {
        len = strlen(buf);
        snprintf(buf + len, size - len,
                 pl_text_tr(lang, " (la plus large : %s, %s, %s)", " (the widest: %s, %s, %s)"),
                 label, where, r->year);
    }
}

static void replications(FILE *f, const pl_data *d, const ea_scenario *sc, const char *region,
                         int year, pl_text_lang lang)
{
    static const char *const key[] = { "file_active", "persons_accompanied", "entries" };
    double n = sc ? sc->replications : d->replications;
    char text[1600], count[64];
    int len = snprintf(text, sizeof text,
                       pl_text_tr(lang,
                                  "%s réplications indépendantes ; demi-largeur de l'intervalle à "
                                  "95 %% de la moyenne en %d : ",
                                  "%s independent replications; half-width "
                                  "of the 95%% interval of the mean in %d: "),
                       pl_text_num(count, sizeof count, n, 0, lang), year);
    for (size_t i = 0, shown = 0; i < sizeof key / sizeof *key; i++) {
        char part[256];
        if (half_width(d, region, year, key[i], n, part, sizeof part, lang) > 0)
            len += snprintf(text + len, sizeof text - (size_t)len, "%s%s",
                            shown++ ? pl_text_tr(lang, " ; ", "; ") : "", part);
    }
    ea_simulate_reached r;
    if (ea_simulate_record_parse(d->run_ini, &r))
        auto_text(text + len, sizeof text - (size_t)len, d, &r, lang);
    row(f, pl_text_tr(lang, "Réplications", "Replications"), text);
}

static void seeds(FILE *f, const ea_scenario *sc, pl_text_lang lang)
{
    char text[400];
    snprintf(text, sizeof text,
             pl_text_tr(lang,
                        "graine %lu ; un générateur MT19937 par réplication, une "
                        "sous-suite SplitMix64 par personne",
                        "seed %lu; one MT19937 "
                        "generator per replication, one SplitMix64 substream per "
                        "person"),
             sc->seed);
    row(f, pl_text_tr(lang, "Graines et flux aléatoires", "Seeds and random streams"), text);
}

/* What the table's rows mean, said once below it: the initial state, the precision of the
 * replications, and the streams. */
static void run_notes(FILE *f, const ea_scenario *sc, pl_text_lang lang)
{
    if (sc)
        paragraph(
            f, pl_text_tr(lang,
                          "Pas de période de chauffe : la simulation part de l'état initial, "
                          "une donnée du scénario (initial_file_active, initial_mix), le temps qui "
                          "reste à chacun dans son module tiré de la loi de la durée résiduelle, "
                          "comme si la plateforme tournait déjà.",
                          "No warm-up: the simulation starts "
                          "from the initial state, an input of the scenario (initial_file_active, "
                          "initial_mix), each person's time left in their module drawn from the "
                          "residual-duration distribution, as if the platform had been running."));
    paragraph(
        f, pl_text_tr(lang,
                      "L'intervalle des réplications ne dit que le bruit de la simulation "
                      "(t de Student sur l'écart type entre réplications) ; le diviser par deux "
                      "demande quatre fois plus de réplications.",
                      "The replications' interval tells "
                      "only the simulation's noise (Student's t on the standard deviation between "
                      "replications); halving it takes four times as many replications."));
    if (sc)
        paragraph(
            f,
            pl_text_tr(
                lang,
                "La réplication i tire dans son propre générateur MT19937 (GSL), "
                "initialisé par un hachage SplitMix64 de (graine, i) : les tableaux ne "
                "dépendent pas du nombre de threads. Ce flux donne les arrivées, et une clé "
                "d'où chaque personne (la file active de départ, puis chaque entrant dans "
                "l'ordre des prescriptions) reçoit sa propre sous-suite SplitMix64, la "
                "k-ième pour la k-ième personne : son module d'entrée, ses durées, ses "
                "orientations et sa patience en viennent, si bien que deux scénarios "
                "proches donnent aux mêmes personnes les mêmes parcours (nombres aléatoires "
                "communs). Les lois exponentielle et normale (d'où la lognormale) sont "
                "tirées par la méthode ziggurat de Marsaglia et Tsang, la loi gamma par leur "
                "méthode de 2000. La même graine redonne les mêmes tableaux avec la même "
                "version d'eaflow.",
                "Replication i draws "
                "from its own MT19937 generator (GSL), seeded by a SplitMix64 hash of "
                "(seed, i): the tables do not depend on the number of threads. That stream "
                "gives the arrivals, and a key from which each person (the initial "
                "caseload, then each entrant in order of referral) gets their own "
                "SplitMix64 substream, the k-th for the k-th person: their entry module, "
                "durations, routes and patience come from it, so that two close scenarios "
                "give the same persons the same pathways (common random numbers). The "
                "exponential and normal distributions (hence the lognormal) are drawn by Marsaglia "
                "and Tsang's ziggurat method, the gamma distribution by their method of 2000. The "
                "same seed gives the same tables again with the same version of eaflow."));
}

/* The compiler as people name it: GCC's __VERSION__ is its number alone. */
#if defined(__GNUC__) && !defined(__clang__)
#define COMPILER "GCC " __VERSION__
#else
#define COMPILER __VERSION__
#endif

static void versions(FILE *f, pl_text_lang lang)
{
    char text[512];
    const char *v = ea_manifest_version();
    snprintf(text, sizeof text,
             pl_text_tr(lang, "eaflow %s (dans manifest.csv) ; GSL %s ; compilateur %s",
                        "eaflow %s (in manifest.csv); GSL %s; compiler %s"),
             v ? v : "?", gsl_version, COMPILER);
    row(f, pl_text_tr(lang, "Versions des logiciels", "Software versions"), text);
}

/* ---- Observations held out ------------------------------------------------------------------- */

const char *pl_report_validation_period(const pl_data_compared *c, char *buf, size_t size,
                                        pl_text_lang lang)
{
    if (c->month)
        snprintf(buf, size, "%s %d", pl_text_month_name(c->month, 1, lang), c->year);
    else
        snprintf(buf, size, "%d", c->year);
    return buf;
}

/* A held-out row of compare.csv as a row of the table. */
static void held_out_row(FILE *f, const pl_data *d, const pl_data_compared *c, pl_text_lang lang)
{
    char period[32], label[128], v[80], lo[64], hi[64], band[160];
    pl_text_unit unit = pl_text_indicator_unit(c->indicator);
    int dec = unit == PL_UNIT_COUNT && fabs(c->sim_mean) < 100 ? 1 : 0;
    pl_report_validation_period(c, period, sizeof period, lang);
    const char *name = strcmp(c->scope, "region") == 0
                           ? pl_data_area(d, pl_text_tr(lang, "Région", "Region"))
                           : pl_data_name(d, c->scope);
    fputs("<tr>", f);
    pl_html_td_name(f, name && name[0] ? name : c->scope);
    pl_html_td(f, period, 0);
    pl_html_td(f, pl_text_indicator_label(label, sizeof label, c->indicator, lang), 0);
    pl_html_td(f, pl_text_value(v, sizeof v, c->observed, unit, 0, lang), 1);
    pl_html_td(f, pl_text_value(v, sizeof v, c->sim_mean, unit, dec, lang), 1);
    snprintf(band, sizeof band, "%s – %s", pl_text_value(lo, sizeof lo, c->sim_p05, unit, dec, lang),
             pl_text_value(hi, sizeof hi, c->sim_p95, unit, dec, lang));
    pl_html_td(f, band, 1);
    pl_html_td(f, c->in_band ? pl_text_tr(lang, "oui", "yes") : pl_text_tr(lang, "non", "no"), 0);
    /* A gap that rounds to zero has no sign. */
    double gap = c->observed - c->sim_mean, shown = round(fabs(gap) * (dec ? 10 : 1));
    pl_text_value(lo, sizeof lo, fabs(gap), unit, dec, lang);
    snprintf(v, sizeof v, "%s%s", shown == 0 ? "" : gap > 0 ? "+" : "\u2212", lo);
    pl_html_td(f, v, 1);
    pl_html_td(f, c->observed != 0 ? pl_text_pct(lo, sizeof lo, fabs(gap) / fabs(c->observed), 1,
                                                 lang) : "–", 1);
    fputs("</tr>\n", f);
}

static void held_out_table(FILE *f, const pl_data *d, const eng_date *until, pl_text_lang lang)
{
    static const struct { const char *fr, *en; int numeric; } head[] = {
        { "Territoire", "Area", 0 }, { "Période", "Period", 0 }, { "Indicateur", "Indicator", 0 },
        { "Observé", "Observed", 1 }, { "Simulé (moyenne)", "Simulated (mean)", 1 },
        { "Bande à 90 %", "90% band", 1 }, { "Dans la bande", "In the band", 0 },
        { "Écart (observé − simulé)", "Gap (observed − simulated)", 1 },
        { "Écart relatif", "Relative gap", 1 } };
    fputs("<div class=\"wide\"><table class=\"held-out\">\n<thead><tr>", f);
    for (size_t h = 0; h < sizeof head / sizeof *head; h++)
        pl_html_th(f, pl_text_tr(lang, head[h].fr, head[h].en), head[h].numeric);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < d->ncompared; i++)
        if (pl_report_validation_counted(d, &d->compared[i], until, 1))
            held_out_row(f, d, &d->compared[i], lang);
    fputs("</tbody>\n</table>\n</div>\n", f);
}

/* "k sur n dans la bande à 90 % (x %), MAPE y %" of a score. */
static const char *score_text(const pl_report_validation_score *s, char *buf, size_t size,
                              pl_text_lang lang)
{
    char k[32], n[32], pct[32], mape[32];
    snprintf(buf, size,
             pl_text_tr(lang,
                        "%s sur %s dans la bande à 90\u00a0%% de la simulation (%s), "
                        "écart absolu moyen en pourcentage (MAPE) de %s\u00a0%%",
                        "%s of %s in the simulation's 90%% band (%s), mean absolute percentage "
                        "error (MAPE) %s%%"),
             pl_text_num(k, sizeof k, s->in_band, 0, lang), pl_text_num(n, sizeof n, s->n, 0, lang),
             pl_text_pct(pct, sizeof pct, s->n ? (double)s->in_band / s->n : NAN, 1, lang),
             pl_text_num(mape, sizeof mape, s->mape_pct, 1, lang));
    return buf;
}


/* A score in words, or that no row is there; with the region's own when other scopes are there
 * too (the region is their sum: its rows count them twice). */
static const char *scores_text(const pl_data *d, const eng_date *until, int held_out,
                               const char *region, char *buf, size_t size, pl_text_lang lang)
{
    pl_report_validation_score all, reg;
    pl_report_validation_score_rows(d, until, held_out, NULL, &all);
    pl_report_validation_score_rows(d, until, held_out, region, &reg);
    if (all.n == 0)
        return snprintf(buf, size, "%s",
                        pl_text_tr(lang, "aucune dans la période simulée",
                                   "none in the simulated period")),
               buf;
    int len = (int)strlen(score_text(&all, buf, size, lang));
    if (reg.n > 0 && reg.n < all.n) {
        char r[400], whole[EA_MAX_TEXT + 40];
        pl_data_whole(d, lang == PL_EN, whole, sizeof whole);
        snprintf(buf + len, size - (size_t)len,
                 pl_text_tr(lang, " ; pour %s seulement, %s", "; for %s alone, %s"), whole,
                 score_text(&reg, r, sizeof r, lang));
    }
    return buf;
}

/* The comparison with the observations: held out after until, or in-sample without it. */
static void out_of_sample(FILE *f, const pl_data *d, const char *region, const eng_date *until,
                          pl_text_lang lang)
{
    char text[2400], s_in[900], s_out[900], date[64];
    if (d->ncompared == 0) {
        /* The items above hold for any run; the comparison needs observations. */
        paragraph(
            f, pl_text_tr(
                   lang,
                   "Aucune observation n'est comparée à la simulation : ce rapport ne "
                   "dit pas si le scénario reproduit les chiffres réels. Pour le confronter "
                   "aux observations, donnez-les avec report --observed FICHIER (format : eaflow "
                   "help compare).",
                   "No observation is compared "
                   "with the simulation: this report does not tell whether the scenario "
                   "reproduces the actual figures. To hold it against observations, give them "
                   "with report --observed FILE (format: eaflow help compare)."));
        return;
    }
    fputs("<h3>", f);
    pl_html_text(f, pl_text_tr(lang, "Hors échantillon", "Out of sample"));
    fputs("</h3>\n", f);
    scores_text(d, until, 0, region, s_in, sizeof s_in, lang);
    if (!until) {
        snprintf(
            text, sizeof text,
            pl_text_tr(
                lang,
                "Comparaison sur l'échantillon : rien ne dit que les "
                "observations n'ont pas servi à construire le scénario. Observations comparées : "
                "%s. Pour un test hors échantillon, construisez le scénario avec les seules "
                "observations jusqu'à une date (calibrate --until DATE) et donnez la même date à "
                "report --until.",
                "In-sample comparison: nothing says the observations were not "
                "used to build the scenario. Observations compared: %s. For an out-of-sample test, "
                "build the scenario from the observations up to a date only (calibrate --until "
                "DATE) and give report --until that date."),
            s_in);
        paragraph(f, text);
        return;
    }
    pl_report_validation_score out;
    pl_report_validation_score_rows(d, until, 1, NULL, &out);
    scores_text(d, until, 1, region, s_out, sizeof s_out, lang);
    pl_text_date(date, sizeof date, *until, lang);
    snprintf(
        text, sizeof text,
        pl_text_tr(
            lang,
            "D'après report --until, les observations après le %s "
            "n'ont pas servi à construire le scénario : elles le mettent à l'épreuve. Observations "
            "tenues à l'écart : %s. Observations jusqu'au %s, qui ont pu servir : %s.",
            "According to report --until, the observations after %s were not used to build the "
            "scenario: they test it. Observations held out: %s. Observations up to %s, which may "
            "have been used: %s."),
        date, s_out, date, s_in);
    paragraph(f, text);
    if (out.n)
        held_out_table(f, d, until, lang);
    paragraph(
        f, pl_text_tr(
               lang,
               "La bande à 90 % ne dit que le hasard de la simulation, pas l'incertitude "
               "des paramètres ni celle des chiffres observés : sur de grands effectifs elle est "
               "étroite, et une observation hors de la bande n'invalide pas à elle seule le "
               "scénario ; l'écart relatif dit de combien il se trompe. Les places, données "
               "d'entrée, égales par construction, ne sont pas comptées.",
               "The 90% band tells only the simulation's chance, not the uncertainty of the "
               "parameters nor that of the observed figures: over large numbers it is narrow, "
               "and an observation outside it does not by itself invalidate the scenario; the "
               "relative gap tells by how much it is wrong. Places, an input, equal by "
               "construction, are not counted."));
}

void pl_report_validation_toc(FILE *f, pl_text_lang lang)
{
    fputs("<li><a href=\"#validation\">", f);
    pl_html_text(f, pl_text_tr(lang, "Validation", "Validation"));
    fputs("</a></li>\n", f);
}

void pl_report_validation_write(FILE *f, const pl_data *d, const ea_scenario *sc,
                                const char *region, int year, const eng_date *until,
                                pl_text_lang lang)
{
    fputs("<section class=\"validation\" id=\"validation\">\n<h2>", f);
    pl_html_text(f, "Validation");
    fputs("</h2>\n", f);
    paragraph(
        f,
        pl_text_tr(lang,
                   "Ce qu'un rapport de simulation doit dire pour qu'on le juge (liste "
                   "STRESS-DES, Monks et al. 2019) : l'état de départ, la durée, les réplications "
                   "et leur précision, les graines, les versions ; puis la simulation face aux "
                   "observations.",
                   "What a simulation report must tell for it to be judged (the "
                   "STRESS-DES checklist, Monks et al. 2019): the initial state, the run length, "
                   "the replications and their precision, the seeds, the versions; then the "
                   "simulation against the observations."));
    fputs("<table class=\"run validation\">\n<tbody>\n", f);
    if (sc) {
        initial_state(f, sc, lang);
        run_length(f, sc, lang);
    }
    replications(f, d, sc, region, year, lang);
    if (sc)
        seeds(f, sc, lang);
    versions(f, lang);
    fputs("</tbody>\n</table>\n", f);
    run_notes(f, sc, lang);
    out_of_sample(f, d, region, until, lang);
    fputs("</section>\n", f);
}
