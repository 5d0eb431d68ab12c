/* pl_report_keys.c — The report's year and key figures: simulated and observed side by side, the
 * affordability of the scenario's intensity, and the agreement with the observations. */
#include "pl_report_keys.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "../engine/eng_text.h"
#include "../models/ea_indicators.h"
#include "pl_html.h"
#include "pl_report_tables.h"

/* What the section reads and speaks of. */
typedef struct keys {
    const pl_data *d;
    const char *region;
    int year;
    pl_text_lang lang;
} keys;

static double annual(const keys *k, const char *indicator)
{
    return pl_data_series_at(pl_data_summary_find(k->d->annual, k->region, indicator), k->year,
                             PL_MEAN);
}

/* ---- The year ------------------------------------------------------------------------------- */

/* Whether row c of compare.csv observes what annual.csv gives for the region in year: a count
 * over the whole year when the year is simulated whole (half a year of simulated entries is not
 * the year's), or a stock at the end of December. */
static int comparable(const pl_data *d, const char *region, int year, const pl_data_compared *c)
{
    if (c->year != year || eng_text_casecmp(c->scope, region) != 0)
        return 0;
    const ea_indicators_row *def = ea_indicators_lookup(c->indicator, NULL);
    return (c->month == 0 && pl_report_tables_months(d, region, year) == 12)
           || (c->month == 12 && def && def->stock);
}

/* Whether compare.csv has a row of the region comparable with annual.csv's year. */
static int observed_year(const pl_data *d, const char *region, int year)
{
    for (size_t i = 0; i < d->ncompared; i++)
        if (comparable(d, region, year, &d->compared[i]))
            return 1;
    return 0;
}

int pl_report_keys_year(const pl_data *d, const char *region, int wanted, int *year,
                        pl_report_keys_why *why, eng_error *err)
{
    const pl_data_series *years = pl_report_tables_years(d, region);
    if (!years || years->n == 0)
        return eng_error_set(err, ENG_EINPUT, "%s/annual.csv : aucune ligne pour « %s » ; refaites "
                             "la simulation (eaflow simulate ou report)", d->dir, region);
    int first = years->period[0], last = years->period[years->n - 1];
    if (wanted) {
        for (int i = 0; i < years->n; i++)
            if (years->period[i] == wanted) {
                *year = wanted;
                *why = PL_REPORT_YEAR_ASKED;
                return ENG_OK;
            }
        return eng_error_set(err, ENG_EINPUT, "%s/annual.csv n'a pas l'année %d (années %d à %d) : "
                             "choisissez --year entre %d et %d", d->dir, wanted, first, last,
                             first, last);
    }
    for (int i = years->n - 1; i >= 0; i--)
        if (observed_year(d, region, years->period[i])) {
            *year = years->period[i];
            *why = PL_REPORT_YEAR_OBSERVED;
            return ENG_OK;
        }
    for (int i = 0; i < years->n; i++)
        if (pl_report_tables_months(d, region, years->period[i]) == 12) {
            *year = years->period[i];
            *why = PL_REPORT_YEAR_FIRST_FULL;
            return ENG_OK;
        }
    *year = first;
    *why = PL_REPORT_YEAR_FIRST;
    return ENG_OK;
}

/* "Année du rapport : 2022, dernière année observée ; --year choisit une autre année." */
static void year_sentence(const keys *k, FILE *f, pl_report_keys_why why)
{
    static const char *const fr[] = {
        [PL_REPORT_YEAR_ASKED] = "Année du rapport : %d, choisie avec --year.",
        [PL_REPORT_YEAR_OBSERVED] = "Année du rapport : %d, dernière année à la fois observée "
                                    "(--observed) et simulée ; --year choisit une autre année.",
        [PL_REPORT_YEAR_FIRST_FULL] = "Année du rapport : %d, première année simulée complète, la "
                                      "projection la plus proche des données (aucune observation "
                                      "ne la couvre) ; --year choisit une autre année.",
        [PL_REPORT_YEAR_FIRST] = "Année du rapport : %d, première année simulée (aucune n'a ses "
                                 "douze mois) ; --year choisit une autre année.",
    };
    static const char *const en[] = {
        [PL_REPORT_YEAR_ASKED] = "Year of the report: %d, chosen with --year.",
        [PL_REPORT_YEAR_OBSERVED] = "Year of the report: %d, the last year both observed "
                                    "(--observed) and simulated; --year chooses another year.",
        [PL_REPORT_YEAR_FIRST_FULL] = "Year of the report: %d, the first complete simulated year, "
                                      "the projection nearest the data (no observation covers "
                                      "it); --year chooses another year.",
        [PL_REPORT_YEAR_FIRST] = "Year of the report: %d, the first simulated year (none has its "
                                 "twelve months); --year chooses another year.",
    };
    char text[512];
    snprintf(text, sizeof text, k->lang == PL_EN ? en[why] : fr[why], k->year);
    fputs("<p class=\"year\">", f);
    pl_html_text(f, text);
    fputs("</p>\n", f);
}

/* ---- Observed values of the year ------------------------------------------------------------ */

/* Whether the report's year has its twelve months simulated. */
static int full_year(const keys *k)
{
    return pl_report_tables_months(k->d, k->region, k->year) == 12;
}

/* Whether a row of compare.csv observes what annual.csv gives for the report's year. */
static int year_row(const keys *k, const pl_data_compared *c)
{
    return comparable(k->d, k->region, k->year, c);
}

/* The row of compare.csv that observes an indicator of the region for the year, or NULL. */
static const pl_data_compared *observed(const keys *k, const char *indicator)
{
    for (size_t i = 0; i < k->d->ncompared; i++)
        if (year_row(k, &k->d->compared[i]) && strcmp(k->d->compared[i].indicator, indicator) == 0)
            return &k->d->compared[i];
    return NULL;
}

static double observed_value(const keys *k, const char *indicator)
{
    const pl_data_compared *c = observed(k, indicator);
    return c ? c->observed : NAN;
}

/* What the monthly observations of a flow of the region add up to in the year (compare.csv holds a
 * dated observation of a flow against the month of its date): their sum when they cover the twelve
 * months once each, else NaN. *months is the number of months observed (-1 when a month is
 * observed twice), and seen[1..12] which. */
static double observed_flow(const keys *k, const char *indicator, int *months, int seen[13])
{
    double sum = 0;
    int twice = 0;
    *months = 0;
    memset(seen, 0, 13 * sizeof seen[0]);
    for (size_t i = 0; i < k->d->ncompared; i++) {
        const pl_data_compared *c = &k->d->compared[i];
        if (c->year != k->year || c->month < 1 || c->month > 12
            || eng_text_casecmp(c->scope, k->region) != 0 || strcmp(c->indicator, indicator) != 0)
            continue;
        twice |= seen[c->month]++ > 0;
        *months += seen[c->month] == 1;
        sum += c->observed;
    }
    if (twice)
        *months = -1;
    return *months == 12 ? sum : NAN;
}

/* Whether a comparison is trivially exact: the simulation takes the value as an input (places). */
static int input_row(const pl_data_compared *c)
{
    return c->observed == c->sim_mean && c->sim_p05 == c->sim_p95;
}

/* ---- The key figures ------------------------------------------------------------------------ */

#define MAX_FIGURES 40

/* A key figure: simulated and, where observed, observed, as text. */
typedef struct figure {
    char label[160];
    char sim[64], obs[64];
} figure;

typedef struct figures {
    figure row[MAX_FIGURES];
    int n, nobs;
    char notes[1024];   /* how flows observed month by month were read, sentences after a blank */
} figures;

static void add(figures *fs, const char *label, const char *sim, const char *obs)
{
    if (fs->n >= MAX_FIGURES)
        return;
    figure *g = &fs->row[fs->n++];
    snprintf(g->label, sizeof g->label, "%s", label);
    snprintf(g->sim, sizeof g->sim, "%s", sim);
    snprintf(g->obs, sizeof g->obs, "%s", obs ? obs : "");
    fs->nobs += obs && obs[0];
}

/* A value in a unit, a negative one with the minus sign U+2212 ("−12 300 €") as tables for people
 * write it (none before a value that rounds to zero). */
static void value_text(const keys *k, char *buf, size_t size, double x, pl_text_unit unit,
                       int decimals)
{
    char v[64];
    if (unit == PL_UNIT_COUNT && decimals == 0)
        decimals = pl_text_count_decimals(x);   /* a mean of 3,4 persons waiting is not 3 */
    pl_text_value(v, sizeof v, fabs(x), unit, decimals, k->lang);
    snprintf(buf, size, "%s%s", x < 0 && strpbrk(v, "123456789") ? "\u2212" : "", v);
}

/* Adds a figure of two values (NaN: absent) in a unit; nothing when both are absent. */
static void add_values(const keys *k, figures *fs, const char *label, double sim, double obs,
                       pl_text_unit unit, int decimals)
{
    char s[72] = "", o[72] = "";
    if (!isfinite(sim) && !isfinite(obs))
        return;
    if (isfinite(sim))
        value_text(k, s, sizeof s, sim, unit, decimals);
    if (isfinite(obs))
        value_text(k, o, sizeof o, obs, unit, decimals);
    add(fs, label, s, o);
}

/* The observation of a flow that no whole-year row gives: the sum of its monthly observations when
 * they cover the year once each, with a note saying so; else NaN, with a note saying why when some
 * months are observed ("—" in the table would otherwise read as "not observed"). */
static double observed_sum(const keys *k, figures *fs, const char *label, const char *indicator)
{
    int months, seen[13];
    double sum = observed_flow(k, indicator, &months, seen);
    char note[384], list[192] = "";
    if (months == 0)
        return NAN;
    if (months == 12)
        snprintf(note, sizeof note,
                 pl_text_tr(k->lang, " %s : somme des 12 observations mensuelles de l'année.",
                            " %s: sum of the year's 12 monthly observations."),
                 label);
    else if (months < 0)
        snprintf(note, sizeof note,
                 pl_text_tr(k->lang,
                            " %s : un mois est observé deux fois ; pas de total "
                            "annuel (« — »).",
                            " %s: a month is observed twice; no "
                            "total for the year (\"—\")."),
                 label);
    else {
        for (int m = 1; m <= 12; m++)
            if (seen[m])
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                         list[0] ? ", " : "", pl_text_month_name(m, 0, k->lang));
        snprintf(note, sizeof note,
                 pl_text_tr(k->lang,
                            " %s : %d mois de l'année observés seulement (%s) ; pas "
                            "de total annuel (« — »).",
                            " %s: %d months of the year "
                            "observed only (%s); no total for the year (\"—\")."),
                 label, months, list);
    }
    snprintf(fs->notes + strlen(fs->notes), sizeof fs->notes - strlen(fs->notes), "%s", note);
    return sum;
}

/* Adds the figure of an indicator of annual.csv and its observation: the row of the year (a stock
 * at the end of December, a flow over the whole year), else a flow's months summed. */
static void add_indicator(const keys *k, figures *fs, const char *label, const char *indicator,
                          int decimals)
{
    double obs = observed_value(k, indicator);
    const ea_indicators_row *def = ea_indicators_lookup(indicator, NULL);
    if (isnan(obs) && def && !def->stock && full_year(k))
        obs = observed_sum(k, fs, label, indicator);
    add_values(k, fs, label, annual(k, indicator), obs, pl_text_indicator_unit(indicator),
               decimals);
}

/* Persons and places, occupancy, flows and waiting list. */
static void activity(const keys *k, figures *fs)
{
    add_indicator(k, fs,
                  pl_text_tr(k->lang, "Personnes accompagnées dans l'année",
                             "Persons accompanied in the "
                             "year"),
                  "persons_accompanied", 0);
    add_indicator(
        k, fs, pl_text_tr(k->lang, "File active en fin d'année", "Caseload at the end of the year"),
        "file_active", 0);
    add_indicator(k, fs, pl_text_tr(k->lang, "Places financées", "Funded places"), "places", 0);
    double fa = observed_value(k, "file_active"), pl = observed_value(k, "places");
    add_values(k, fs, pl_text_tr(k->lang, "Taux d'occupation des places", "Occupancy of places"),
               annual(k, "occupancy"), pl > 0 ? fa / pl : NAN, PL_UNIT_SHARE, 1);
    add_values(k, fs,
               pl_text_tr(k->lang, "Places inoccupées (places − file active)",
                          "Unused places (places − caseload)"),
               annual(k, "places") - annual(k, "file_active"), pl - fa, PL_UNIT_COUNT, 0);
    add_indicator(k, fs, pl_text_tr(k->lang, "Entrées (prescriptions)", "Entries (referrals)"),
                  "entries", 0);
    add_indicator(k, fs, pl_text_tr(k->lang, "Sorties", "Exits"), "exits", 0);
    char label[160];
    for (int i = 0; i < k->d->annual->nindicators; i++) {
        const char *ind = k->d->annual->indicators[i];
        if (strncmp(ind, "exits_", 6) != 0)
            continue;
        snprintf(label, sizeof label, "%s %s", pl_text_tr(k->lang, "dont", "of which"),
                 pl_text_reason_label(ind + 6, k->lang));
        add_indicator(k, fs, label, ind, 0);
    }
    add_indicator(k, fs,
                  pl_text_tr(k->lang, "Liste d'attente en fin d'année",
                             "Waiting list at the end of the "
                             "year"),
                  "waiting", 0);
}

/* Staff: funded beside needed, and what they mean per person. */
static void staff(const keys *k, figures *fs)
{
    if (isfinite(annual(k, "staff_fte_funded")))
        add_indicator(k, fs,
                      pl_text_tr(k->lang, "ETP financés (scénario)", "FTE funded (scenario)"),
                      "staff_fte_funded", 1);
    else if (isfinite(annual(k, "staff_fte_needed")))
        add(fs, pl_text_tr(k->lang, "ETP financés", "FTE funded"),
            pl_text_tr(k->lang, "non renseignés dans le scénario", "not given in the scenario"),
            NULL);
    add_indicator(k, fs,
                  pl_text_tr(k->lang, "ETP nécessaires à l'intensité du scénario",
                             "FTE needed at the scenario's intensity"),
                  "staff_fte_needed", 1);
    /* The caseload at the end of the year per funded FTE (persons_per_fte), named so that it is
     * not read as the persons of the whole year per FTE. */
    add_indicator(k, fs,
                  pl_text_tr(k->lang, "File active en fin d'année par ETP financé",
                             "Caseload at the end of the year per funded FTE"),
                  "persons_per_fte", 1);
    add_indicator(k, fs,
                  pl_text_tr(k->lang, "Heures d'accompagnement par personne et par mois",
                             "Support hours per person per month"),
                  "hours_per_person_month", 1);
}

/* Money: funding, the cost of a place, of the modelled hours, the balance and the unit costs. */
static void money(const keys *k, figures *fs)
{
    char value[64];
    add_indicator(k, fs, pl_text_tr(k->lang, "Financement", "Funding"), "funding_eur", 0);
    /* The cost of a place for a whole year: the scenario's own figure, else the funding of the
     * simulated months brought to twelve. */
    double per_place = k->d->cost_per_place;
    if (!isfinite(per_place)) {
        int months = pl_report_tables_months(k->d, k->region, k->year);
        per_place =
            annual(k, "funding_eur") / (annual(k, "places") * (months ? months : 12) / 12.0);
    }
    if (isfinite(per_place))
        add(fs, pl_text_tr(k->lang, "Coût par place et par an", "Cost per place per year"),
            pl_text_eur(value, sizeof value, per_place, k->lang), NULL);
    /* Without a cost per FTE the hours are not costed (0) and there is no balance. */
    if (annual(k, "staff_cost_needed_eur") > 0) {
        add_indicator(k, fs,
                      pl_text_tr(k->lang, "Coût des heures d'accompagnement modélisées",
                                 "Cost of the modelled support hours"),
                      "staff_cost_needed_eur", 0);
        add_indicator(k, fs,
                      pl_text_tr(k->lang, "Solde financement − coût des heures",
                                 "Balance funding − cost of the hours"),
                      "balance_eur", 0);
    }
    add_indicator(
        k, fs, pl_text_tr(k->lang, "Coût par personne accompagnée", "Cost per person accompanied"),
        "cost_per_person_eur", 0);
    add_indicator(k, fs,
                  pl_text_tr(k->lang, "Coût par sortie vers l'emploi durable",
                             "Cost per exit to lasting employment"),
                  "cost_per_exit_emploi_eur", 0);
}

/* The last year simulated whole after the report's year, or 0: the horizon of a projection, which
 * the key figures give beside the report's year (the year a copil asks about is often there). */
static int horizon_year(const keys *k)
{
    const pl_data_series *years = pl_report_tables_years(k->d, k->region);
    for (int i = years ? years->n - 1 : -1; i >= 0; i--)
        if (years->period[i] > k->year
            && pl_report_tables_months(k->d, k->region, years->period[i]) == 12)
            return years->period[i];
    return 0;
}

/* The simulated text of the horizon's row of the same label, or "—". */
static const char *horizon_value(const figures *fh, const char *label)
{
    for (int i = 0; fh && i < fh->n; i++)
        if (strcmp(fh->row[i].label, label) == 0 && fh->row[i].sim[0])
            return fh->row[i].sim;
    return "—";
}

/* The table of the key figures: simulated in the report's year, observed when there are
 * observations, and simulated at the horizon (fh, year `horizon`) when there is one. */
static void figures_table(const keys *k, FILE *f, const figures *fs, const figures *fh,
                          int horizon)
{
    char head[160];
    fputs("<table class=\"key\">\n<thead><tr>", f);
    pl_html_th(f, pl_text_tr(k->lang, "Indicateur", "Indicator"), 0);
    int months = pl_report_tables_months(k->d, k->region, k->year);
    if (months == 12)
        snprintf(head, sizeof head, pl_text_tr(k->lang, "Simulé %d", "Simulated %d"), k->year);
    else
        snprintf(head, sizeof head,
                 pl_text_tr(k->lang, "Simulé %d (%d mois)", "Simulated %d (%d months)"), k->year,
                 months);
    pl_html_th(f, head, 1);
    if (fs->nobs) {
        snprintf(head, sizeof head, pl_text_tr(k->lang, "Observé %d", "Observed %d"), k->year);
        pl_html_th(f, head, 1);
    }
    if (fh) {
        snprintf(head, sizeof head, pl_text_tr(k->lang, "Simulé %d", "Simulated %d"), horizon);
        pl_html_th(f, head, 1);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (int i = 0; i < fs->n; i++) {
        fputs("<tr><th scope=\"row\">", f);
        pl_html_text(f, fs->row[i].label);
        fputs("</th><td class=\"n\">", f);
        pl_html_text(f, fs->row[i].sim);
        if (fs->nobs) {
            fputs("</td><td class=\"n\">", f);
            pl_html_text(f, fs->row[i].obs[0] ? fs->row[i].obs : "—");
        }
        if (fh) {
            fputs("</td><td class=\"n\">", f);
            pl_html_text(f, horizon_value(fh, fs->row[i].label));
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

/* ---- Affordability -------------------------------------------------------------------------- */

/* Starts the affordability sentence: the intensity, and the share of counsellors' time in direct
 * support that turns its hours into FTE (stated, since at 1 the FTE needed leave out the time
 * spent with employers, partners and in coordination, and would read as overstaffing). */
static int afford_opening(const keys *k, char *text, size_t size)
{
    pl_data_staff_count counted = pl_data_staff_counted(k->d);
    char pct[64];
    if (counted == PL_STAFF_SHARE)
        return snprintf(text, size,
                        pl_text_tr(k->lang,
                                   "À l'intensité du scénario, et avec %s du temps des "
                                   "conseillers en accompagnement direct (staff.direct_share), ",
                                   "At the scenario's intensity, and with %s of the "
                                   "counsellors' time in direct support (staff.direct_share), "),
                        pl_text_pct(pct, sizeof pct, k->d->direct_share, 0, k->lang));
    if (counted == PL_STAFF_UNKNOWN)   /* no run.ini: the share is not known */
        return snprintf(
            text, size, "%s",
            pl_text_tr(k->lang, "À l'intensité du scénario, ", "At the scenario's intensity, "));
    return snprintf(text, size, "%s",
                    pl_text_tr(k->lang,
                               "À l'intensité du scénario, et comme si les conseillers "
                               "passaient tout leur temps en accompagnement direct "
                               "(staff.direct_share = 1 : ni employeurs, ni partenaires, "
                               "ni coordination), ",
                               "At the scenario's intensity, and as "
                               "if counsellors spent all their time in direct support "
                               "(staff.direct_share = 1: no employers, partners or "
                               "coordination), "));
}

/* Appends the staff half of the affordability sentence to text: needed against funded. */
static int afford_staff(const keys *k, char *text, size_t size, int *fits, char *margin,
                        size_t msize)
{
    double need = annual(k, "staff_fte_needed"), funded = annual(k, "staff_fte_funded");
    char a[64], b[64];
    pl_text_num(a, sizeof a, need, 1, k->lang);
    int n = afford_opening(k, text, size);
    if (n < 0 || (size_t)n >= size)
        return n;
    if (!isfinite(funded))
        return n
               + snprintf(
                   text + n, size - (size_t)n,
                   pl_text_tr(k->lang,
                              "l'accompagnement demande %s ETP (ETP financés : non renseignés "
                              "dans le scénario)",
                              "the support needs %s FTE (FTE funded: not "
                              "given in the scenario)"),
                   a);
    *fits = need <= funded;
    pl_text_num(margin, msize, fabs(funded - need), 1, k->lang);
    return n
           + snprintf(text + n, size - (size_t)n,
                      pl_text_tr(k->lang, "l'accompagnement demande %s ETP pour %s ETP financés",
                                 "the support needs %s FTE for %s FTE funded"),
                      a, pl_text_num(b, sizeof b, funded, 1, k->lang));
}

/* One sentence: whether the FTE and the cost of the hours the scenario's intensity needs fit the
 * funded FTE and the funding of the year. */
static void afford_sentence(const keys *k, FILE *f)
{
    if (!isfinite(annual(k, "staff_fte_needed")))
        return;
    char text[1024], margin[64] = "", a[64], b[64], c[64];
    int staff_fits = -1;   /* -1: the funded FTE are not known */
    int n = afford_staff(k, text, sizeof text, &staff_fits, margin, sizeof margin);
    double cost = annual(k, "staff_cost_needed_eur"), funding = annual(k, "funding_eur");
    double balance = annual(k, "balance_eur");
    int costed = cost > 0 && isfinite(balance);
    int money_fits = costed ? balance >= 0 : -1;
    if (costed)
        n += snprintf(text + n, sizeof text - (size_t)n,
                      pl_text_tr(k->lang, ", et ses heures coûteraient %s pour %s de financement",
                                 ", and its hours would cost %s for %s of funding"),
                      pl_text_eur(a, sizeof a, cost, k->lang),
                      pl_text_eur(b, sizeof b, funding, k->lang));
    pl_text_eur(c, sizeof c, fabs(balance), k->lang);
    if (staff_fits != 0 && money_fits != 0 && (staff_fits == 1 || money_fits == 1)) {
        /* Counted at direct_share 1, the FTE needed leave out half a counsellor's work: the
         * fit is then only on that count, and the sentence says so. */
        int full = pl_data_staff_counted(k->d) == PL_STAFF_FULL;
        n += snprintf(text + n, sizeof text - (size_t)n, "%s",
                      full ? pl_text_tr(k->lang,
                                        " : à ce compte, qui sous-estime les ETP nécessaires, "
                                        "l'intensité tiendrait dans les moyens financés",
                                        ": on that count, which understates the FTE needed, the "
                                        "intensity would fit the funded means")
                           : pl_text_tr(k->lang, " : l'intensité tient dans les moyens financés",
                                        ": the intensity fits the funded means"));
        if (staff_fits == 1)
            n += snprintf(
                text + n, sizeof text - (size_t)n,
                pl_text_tr(k->lang, ", avec une marge de %s ETP", ", with a margin of %s FTE"),
                margin);
        if (money_fits == 1)
            n += snprintf(text + n, sizeof text - (size_t)n,
                          pl_text_tr(k->lang, "%s un solde de %s", "%s a balance of %s"),
                          staff_fits == 1 ? pl_text_tr(k->lang, " et", " and")
                                          : pl_text_tr(k->lang, ", avec", ", with"),
                          c);
    } else if (staff_fits == 0 || money_fits == 0) {
        n += snprintf(text + n, sizeof text - (size_t)n, "%s",
                      pl_text_tr(k->lang, " : l'intensité dépasse les moyens financés",
                                 ": the intensity "
                                 "exceeds the funded means"));
        if (staff_fits == 0)
            n += snprintf(text + n, sizeof text - (size_t)n,
                          pl_text_tr(k->lang, " de %s ETP", " by %s FTE"), margin);
        if (money_fits == 0)
            n += snprintf(text + n, sizeof text - (size_t)n,
                          pl_text_tr(k->lang, "%s le coût des heures dépasse le financement de %s",
                                     "%s the cost of the hours exceeds the funding by %s"),
                          staff_fits == 0 ? pl_text_tr(k->lang, ", et", ", and") : ",", c);
        /* A positive balance beside FTE that fall short reads as money to spare: the envelope
         * would pay for the hours, it is the counsellors the scenario gives that are too few. */
        if (staff_fits == 0 && money_fits == 1)
            n += snprintf(
                text + n, sizeof text - (size_t)n,
                pl_text_tr(k->lang,
                           " ; le financement couvrirait pourtant le coût de ces heures (solde "
                           "de %s) : ce sont les ETP renseignés dans le scénario (fte), non "
                           "l'enveloppe, qui manquent",
                           "; the funding would yet cover the cost of these hours (a balance of "
                           "%s): it is the FTE given in the scenario (fte), not the envelope, "
                           "that fall short"),
                c);
    }
    if (n > 0 && (size_t)n < sizeof text - 1)
        snprintf(text + n, sizeof text - (size_t)n, ".");
    fputs("<p class=\"afford\">", f);
    pl_html_text(f, text);
    fputs("</p>\n", f);
}

/* ---- Observed and simulated ----------------------------------------------------------------- */

/* The year's observations of the region beside the simulated mean and band, inputs left out. */
static void observed_table(const keys *k, FILE *f)
{
    int n = 0;
    for (size_t i = 0; i < k->d->ncompared; i++)
        n += year_row(k, &k->d->compared[i]) && !input_row(&k->d->compared[i]);
    if (n == 0)
        return;
    static const struct {
        const char *fr, *en;
        int numeric;
    } h[] = {
        { "Indicateur", "Indicator", 0 },   { "Observé", "Observed", 1 },
        { "Simulé (moyenne)", "Simulated (mean)", 1 },
        { "Bande à 90\u00a0% (p05 – p95)", "90\u00a0% band (p05 – p95)", 1 },
        { "Écart (observé − simulé)", "Gap (observed − simulated)", 1 },
        { "Observation", "Observation", 0 },
    };
    char head[320], v[160], lo[64], hi[64], label[160];
    snprintf(
        head, sizeof head,
        pl_text_tr(k->lang, "Observé et simulé en %d — %s", "Observed and simulated in %d — %s"),
        k->year, pl_data_area(k->d, pl_text_tr(k->lang, "région", "region")));
    fputs("<h3>", f);
    pl_html_text(f, head);
    fputs("</h3>\n<div class=\"wide\">\n<table>\n<thead><tr>", f);
    for (size_t i = 0; i < sizeof h / sizeof h[0]; i++)
        pl_html_th(f, pl_text_tr(k->lang, h[i].fr, h[i].en), h[i].numeric);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < k->d->ncompared; i++) {
        const pl_data_compared *c = &k->d->compared[i];
        if (!year_row(k, c) || input_row(c))
            continue;
        pl_text_unit unit = pl_text_indicator_unit(c->indicator);
        const ea_indicators_row *def = ea_indicators_lookup(c->indicator, NULL);
        int dec = unit == PL_UNIT_COUNT && def && !def->whole;
        pl_text_indicator_label(label, sizeof label, c->indicator, k->lang);
        label[0] = (char)toupper((unsigned char)label[0]);
        if (c->month == 12)
            snprintf(label + strlen(label), sizeof label - strlen(label), " %s %d",
                     pl_text_tr(k->lang, "fin", "end"), c->year);
        fputs("<tr>", f);
        pl_html_td(f, label, 0);
        pl_html_td(f, pl_text_value(v, sizeof v, c->observed, unit, dec, k->lang), 1);
        pl_html_td(f, pl_text_value(v, sizeof v, c->sim_mean, unit, dec, k->lang), 1);
        snprintf(v, sizeof v, "%s – %s",
                 pl_text_value(lo, sizeof lo, c->sim_p05, unit, dec, k->lang),
                 pl_text_value(hi, sizeof hi, c->sim_p95, unit, dec, k->lang));
        pl_html_td(f, v, 1);
        pl_text_value(lo, sizeof lo, fabs(c->gap), unit, dec, k->lang);
        snprintf(v, sizeof v, "%s%s", c->gap > 0 ? "+" : c->gap < 0 ? "\u2212" : "", lo);
        pl_html_td(f, v, 1);
        pl_html_td(f,
                   c->in_band ? pl_text_tr(k->lang, "dans la bande", "in the band")
                              : pl_text_tr(k->lang, "hors de la bande", "outside the band"),
                   0);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n</div>\n", f);
}

/* Whether a row of compare-summary.csv is an agreement worth telling: not equal by construction. */
static int telling(const pl_data_agreement *a)
{
    return a->n > 0 && !(a->rmse == 0) && isfinite(a->mape_pct);
}

/* Appends to text what the departments' rows of an indicator say: the range of their MAPE and how
 * many have every observation in the band. */
static int departments_part(const keys *k, const char *indicator, char *text, size_t size)
{
    double lo = NAN, hi = NAN;
    int n = 0, all_in = 0;
    for (size_t i = 0; i < k->d->nagreement; i++) {
        const pl_data_agreement *a = &k->d->agreement[i];
        if (eng_text_casecmp(a->scope, k->region) == 0 || strcmp(a->indicator, indicator) != 0
            || !telling(a))
            continue;
        lo = n ? fmin(lo, a->mape_pct) : a->mape_pct;
        hi = n ? fmax(hi, a->mape_pct) : a->mape_pct;
        all_in += a->share_in_band >= 1;
        n++;
    }
    if (n == 0)
        return 0;
    char a[64], b[64];
    return snprintf(text, size,
                    pl_text_tr(k->lang,
                               " ; dans les départements, MAPE de %s\u00a0%% à %s\u00a0%%, "
                               "toutes les observations dans la bande pour %d département%s sur "
                               "%d",
                               "; in the departments, MAPE from %s%% to %s%%, every observation "
                               "in the band for %d department%s of %d"),
                    pl_text_num(a, sizeof a, lo, 1, k->lang),
                    pl_text_num(b, sizeof b, hi, 1, k->lang), all_in, all_in > 1 ? "s" : "", n);
}

/* "Observé et simulé": for each indicator of the region that is not an input, its MAPE and the
 * observations in the 90 % band, then its departments', a sentence each. */
static void agreement(const keys *k, FILE *f)
{
    char text[4096], label[128], m[64], cnt[64], whole[EA_MAX_TEXT + 40];
    pl_data_whole(k->d, k->lang == PL_EN, whole, sizeof whole);
    int n = 0;
    for (size_t i = 0; i < k->d->nagreement && n < (int)sizeof text - 600; i++) {
        const pl_data_agreement *a = &k->d->agreement[i];
        if (eng_text_casecmp(a->scope, k->region) != 0 || !telling(a))
            continue;
        pl_text_indicator_label(label, sizeof label, a->indicator, k->lang);
        label[0] = (char)toupper((unsigned char)label[0]);
        int inside = (int)lround(a->share_in_band * a->n), total = (int)lround(a->n);
        n += snprintf(text + n, sizeof text - (size_t)n,
                      pl_text_tr(k->lang,
                                 " %s de %s : écart absolu moyen (MAPE) de %s\u00a0%%, %s "
                                 "observation%s sur %d dans la bande à 90\u00a0%% de la simulation",
                                 " %s of %s: mean absolute percentage error (MAPE) %s%%, %s "
                                 "observation%s of %d in the simulation's 90%% band"),
                      label, whole, pl_text_num(m, sizeof m, a->mape_pct, 1, k->lang),
                      pl_text_num(cnt, sizeof cnt, inside, 0, k->lang),
                      (k->lang == PL_EN ? inside != 1 : inside >= 2) ? "s" : "", total);
        n += departments_part(k, a->indicator, text + n, sizeof text - (size_t)n);
        n += snprintf(text + n, sizeof text - (size_t)n, ".");
    }
    if (n == 0)
        return;
    fputs("<h3>", f);
    pl_html_text(f, pl_text_tr(k->lang, "Observé et simulé", "Observed and simulated"));
    fputs("</h3>\n<p class=\"agreement\">", f);
    pl_html_text(f,
                 pl_text_tr(k->lang, "Sur toutes les observations comparées (compare-summary.csv).",
                            "Over every observation compared (compare-summary.csv)."));
    pl_html_text(f, text);
    pl_html_text(
        f, pl_text_tr(k->lang,
                      " Les places, données d'entrée du scénario, sont égales par construction "
                      "et ne sont pas comptées.",
                      " Places, an input of the scenario, are equal "
                      "by construction and not counted."));
    fputs("</p>\n", f);
}

/* ---- The section ---------------------------------------------------------------------------- */

void pl_report_keys_write(FILE *f, const pl_data *d, const char *region, int year,
                          pl_report_keys_why why, pl_text_lang lang)
{
    const keys k = { d, region, year, lang };
    char text[512], count[64];
    fputs("<section class=\"figures\" id=\"chiffres-cles\">\n<h2>", f);
    snprintf(text, sizeof text, "%s %d", pl_text_tr(k.lang, "Chiffres clés", "Key figures"), year);
    pl_html_text(f, text);
    fputs("</h2>\n", f);
    year_sentence(&k, f, why);
    figures fs = { .n = 0 }, fh = { .n = 0 };
    activity(&k, &fs);
    staff(&k, &fs);
    money(&k, &fs);
    /* The horizon's figures, built alike; it has no observation. */
    const keys kh = { d, region, horizon_year(&k), lang };
    if (kh.year) {
        activity(&kh, &fh);
        staff(&kh, &fh);
        money(&kh, &fh);
    }
    fputs("<p class=\"caveat\">", f);
    pl_text_num(count, sizeof count, d->replications, 0, lang);
    char whole[EA_MAX_TEXT + 40];
    pl_data_whole(d, lang == PL_EN, whole, sizeof whole);
    if (isfinite(d->replications))
        snprintf(text, sizeof text, lang == PL_EN
                 ? "Simulated values, not observed ones: means over %s replications of the "
                   "scenario, for %s."
                 : "Valeurs simulées, et non observées : moyennes sur %s réplications du "
                   "scénario, pour %s.", count, whole);
    else
        snprintf(text, sizeof text, "%s",
                 pl_text_tr(k.lang, "Valeurs simulées, et non observées.",
                            "Simulated values, not observed ones."));
    pl_html_text(f, text);
    if (fs.nobs) {
        pl_html_text(
            f, pl_text_tr(k.lang,
                          " La colonne « Observé » donne les observations (--observed) de fin "
                          "d'année ou de l'année entière.",
                          " The column \"Observed\" gives the "
                          "observations (--observed) at the end of the year or for the whole "
                          "year."));
        pl_html_text(f, fs.notes);
    }
    if (kh.year) {
        snprintf(text, sizeof text,
                 pl_text_tr(k.lang,
                            " La dernière colonne donne %d, la dernière "
                            "année simulée entière.",
                            " The last column gives %d, the last year "
                            "simulated whole."),
                 kh.year);
        pl_html_text(f, text);
    }
    fputs("</p>\n", f);
    figures_table(&k, f, &fs, kh.year ? &fh : NULL, kh.year);
    afford_sentence(&k, f);
    observed_table(&k, f);
    agreement(&k, f);
    fputs("</section>\n", f);
}
