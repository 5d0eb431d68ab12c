/* ea_calibrate_print.c — The calibration's summary in words and French numbers. */
#include "ea_calibrate_print.h"

#include <math.h>
#include <string.h>

#include "../engine/eng_date.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_calibrate_interval.h"
#include "ea_calibrate_obs.h"
#include "ea_calibrate_write.h"

/* x for people, with decimals by its size: 3 under 1, 2 under 10, 1 under 100, none beyond. */
static const char *fmt(char *buf, size_t size, double x)
{
    double a = fabs(x);
    eng_text_format_number(buf, size, x, a < 1 ? 3 : a < 10 ? 2 : a < 100 ? 1 : 0);
    return buf;
}

/* The targets: the rows used, held out and not compared, the indicators and the uncertainty. */
static void print_targets(const ea_calibrate *c, FILE *f)
{
    char inds[256] = "";
    int given = 0;
    for (int k = 0; k < c->obs.n; k++) {
        const ea_calibrate_obs_row *r = &c->obs.rows[k];
        given += r->sd_given && ea_calibrate_obs_used(r);
        if (!strstr(inds, r->indicator) && strlen(inds) + strlen(r->indicator) + 3 < sizeof inds)
            snprintf(inds + strlen(inds), sizeof inds - strlen(inds), "%s%s", inds[0] ? ", " : "", r->indicator);
    }
    fprintf(f, eng_msg_tr("Cibles : %d observations de %s (%s)"), c->nused, c->observed, inds);
    char until[32];
    eng_date_text_of(c->until, eng_msg_get_lang() == ENG_MSG_EN, until, sizeof until);
    if (c->until[0])
        fprintf(f, eng_msg_tr(" jusqu'au %s ; %d après, gardées pour le back-test"), until, c->nheld);
    if (c->nunmatched)
        fprintf(f, eng_msg_tr(" ; %d hors de la période simulée, non comparées"), c->nunmatched);
    int relative = (int)(100 * EA_CALIBRATE_OBS_DEFAULT_RELATIVE_SD);
    if (given == 0)
        fprintf(f, eng_msg_tr(".\nIncertitude des observations : le fichier n'en donne aucune "
                              "(IND_sd, ou IND_low et IND_high lus comme ± 2 écarts-types) ; %d %% "
                              "de la valeur observée.\n"), relative);
    else
        fprintf(f, eng_msg_tr(".\nIncertitude des observations : donnée par le fichier pour %d "
                              "d'entre elles (IND_sd, ou IND_low et IND_high lus comme ± 2 "
                              "écarts-types) ; ailleurs %d %% de la valeur observée.\n"),
                given, relative);
    if (c->obs.ignored[0])
        fprintf(f, eng_msg_tr("Colonnes ignorées, qui ne sont pas des indicateurs de la "
                              "simulation : %s.\n"), c->obs.ignored);
}

/* The method, the stopping rule and the evaluations. */
static void print_method(const ea_calibrate *c, FILE *f)
{
    char tol[32], size[32];
    int phases[3] = { 0 };
    for (int i = 0; i < c->ntrace; i++)
        phases[c->trace[i].phase]++;
    fprintf(f, eng_msg_tr("Méthode : simplexe de Nelder-Mead (GSL nmsimplex2) sur le logit de la position de "
                          "chaque paramètre entre ses bornes ; %ld réplications par évaluation, graine %lu, "
                          "les mêmes à chaque évaluation (nombres aléatoires communs). Objectif : déviance "
                          "gaussienne, somme des écarts² / variance + log(variance), où la variance est celle "
                          "de l'observation, plus celle du processus simulé (l'observation en est une "
                          "réalisation), plus l'erreur de Monte-Carlo de la moyenne.\n"),
            c->replications, c->seed);
    fmt(tol, sizeof tol, c->tolerance);
    fmt(size, sizeof size, c->size);
    fprintf(f, eng_msg_tr("Arrêt : taille du simplexe sous %s ou %d évaluations de la recherche ; "), tol,
            c->max_evaluations);
    if (c->converged)
        fprintf(f, eng_msg_tr("atteint après %d évaluations (taille %s).\n"), c->search_evaluations, size);
    else
        fprintf(f, eng_msg_tr("ARRÊT AU MAXIMUM de %d évaluations, taille %s : l'optimum n'est peut-être pas "
                              "atteint.\n"), c->search_evaluations, size);
    fprintf(f, eng_msg_tr("Évaluations : %d en tout (recherche %d, hessienne %d, estimation %d) ; "),
            c->ntrace, phases[EA_CALIBRATE_SEARCH], phases[EA_CALIBRATE_HESSIAN],
            phases[EA_CALIBRATE_ESTIMATE]);
    if (c->outside == 0)
        fputs(eng_msg_tr("toutes dans les bornes et les domaines.\n"), f);
    else
        fprintf(f, eng_msg_tr("%d HORS DES BORNES OU DES DOMAINES.\n"), c->outside);
}

static void print_estimates(const ea_calibrate *c, FILE *f)
{
    char disp[32];
    fprintf(f, eng_msg_tr("\nEstimations, intervalles à 95 %% par le profil de l'approximation quadratique de la "
                          "déviance (hausse de 3,84 × %s, la dispersion de l'ajustement ; hessienne sur un pas de "
                          "4 %% des bornes, qui lisse le bruit des réplications) :\n"),
            fmt(disp, sizeof disp, c->dispersion));
    for (int k = 0; k < c->nfree; k++) {
        const ea_calibrate_free *p = &c->free[k];
        char s[32], e[32], lo[32], hi[32], blo[32], bhi[32];
        /* The precision of calibrated.ini, so that both files show the same figures. */
        fprintf(f, eng_msg_tr("  %-40s départ %s, estimé %s, intervalle [%s ; %s], bornes %s à %s\n"),
                p->param.name, ea_calibrate_write_format(s, sizeof s, p->start),
                ea_calibrate_write_format(e, sizeof e, p->estimate),
                ea_calibrate_write_format(lo, sizeof lo, p->lower95),
                ea_calibrate_write_format(hi, sizeof hi, p->upper95),
                ea_calibrate_write_format(blo, sizeof blo, p->lo),
                ea_calibrate_write_format(bhi, sizeof bhi, p->hi));
        if (p->start_moved)
            fprintf(f, eng_msg_tr("    (la valeur du scénario était hors des bornes : départ au milieu)\n"));
        if (p->start_spread)
            fprintf(f, eng_msg_tr("    (les départements avaient des valeurs différentes, de moyenne %s ; la "
                                  "calibration leur donne à tous la même)\n"), s);
    }
}

/* The goodness of fit and the criterion; « non atteint » with the worst row when it is not met. */
static void print_fit(const ea_calibrate *c, FILE *f)
{
    char chi[32], imp[32];
    fprintf(f, eng_msg_tr("\nAjustement : khi-deux %s pour %d observations ; %d dans la bande à 90 %% de la "
                          "simulation ; invraisemblance maximale %s.\n"),
            fmt(chi, sizeof chi, c->chi2), c->nused, c->in_band, fmt(imp, sizeof imp, c->max_implausibility));
    fputs(eng_msg_tr("Critère d'acceptation (history matching) : toute invraisemblance |observé − moyenne| / "
                     "écart-type sous 3 : "), f);
    if (c->criterion_met) {
        fputs(eng_msg_tr("atteint.\n"), f);
        return;
    }
    const ea_calibrate_obs_row *worst = NULL;
    double wi = -1;
    for (int k = 0; k < c->obs.n; k++) {
        const ea_calibrate_obs_row *r = &c->obs.rows[k];
        double i = ea_calibrate_obs_used(r)
                       ? fabs(r->observed - r->mean) / sqrt(ea_calibrate_obs_variance(r, c->replications)) : -1;
        if (i > wi) {
            wi = i;
            worst = r;
        }
    }
    fputs(eng_msg_tr("« non atteint ».\n"), f);
    if (worst) {
        char o[32], m[32];
        fprintf(f, eng_msg_tr("L'ajustement le plus proche est celui ci-dessus ; l'écart le plus grand : %s %s au "
                              "%s, observé %s, simulé %s. Aucune valeur dans les bornes n'y mène : élargissez-les "
                              "si le domaine le permet, libérez d'autres paramètres ou revoyez les données.\n"),
                worst->indicator, worst->scope, worst->when, fmt(o, sizeof o, worst->observed),
                fmt(m, sizeof m, worst->mean));
    }
}

static void print_identifiability(const ea_calibrate *c, FILE *f)
{
    int told = 0;
    fputs(eng_msg_tr("\nIdentifiabilité : "), f);
    for (int k = 0; k < c->nfree; k++) {
        const ea_calibrate_free *p = &c->free[k];
        if (p->flat_low && p->flat_high) {
            fprintf(f, eng_msg_tr("%s« %s » n'est pas identifiable : la déviance reste sous le seuil de 95 %% "
                                  "jusqu'à ses deux bornes, ces données ne disent rien de sa valeur"),
                    told++ ? " ; " : "", p->param.name);
        } else if (p->flat_low || p->flat_high) {
            fprintf(f, eng_msg_tr("%sl'intervalle de « %s » s'étend jusqu'à sa borne %s"), told++ ? " ; " : "",
                    p->param.name, p->flat_low ? eng_msg_tr("basse") : eng_msg_tr("haute"));
        }
        if (p->at_bound)
            fprintf(f, eng_msg_tr("%s« %s » est estimé à sa borne %s : l'optimum est peut-être au-delà"),
                    told++ ? " ; " : "", p->param.name,
                    p->at_bound < 0 ? eng_msg_tr("basse") : eng_msg_tr("haute"));
        for (int j = k + 1; j < c->nfree; j++)
            if (fabs(c->corr[k][j]) > EA_CALIBRATE_INTERVAL_RIDGE) {
                char r[32];
                fprintf(f, eng_msg_tr("%s« %s » et « %s » sont liés (corrélation %s) : les données fixent leur "
                                      "combinaison, pas chacun"), told++ ? " ; " : "", p->param.name,
                        c->free[j].param.name, fmt(r, sizeof r, c->corr[k][j]));
            }
    }
    if (!told)
        fputs(eng_msg_tr("chaque paramètre est identifié par les données (profil fermé des deux côtés, pas "
                         "de crête entre paramètres)"), f);
    fputs(".\n", f);
}

void ea_calibrate_print_summary(const ea_calibrate *c, FILE *f)
{
    fprintf(f, eng_msg_tr("Calibration de %s\n"), c->scenario);
    print_targets(c, f);
    print_method(c, f);
    print_estimates(c, f);
    print_fit(c, f);
    print_identifiability(c, f);
    if (c->until[0]) {
        char cov[32], mape[32], until[32];
        eng_date_text_of(c->until, eng_msg_get_lang() == ENG_MSG_EN, until, sizeof until);
        eng_text_format_percent(cov, sizeof cov, c->nbacktest ? 100.0 * c->backtest_in_band / c->nbacktest : NAN, 1);
        eng_text_format_percent(mape, sizeof mape, c->mape, 1);
        fprintf(f, eng_msg_tr("\nBack-test (calibré jusqu'au %s, projeté au-delà) : %d observations après cette "
                              "date, %d dans la bande à 90 %% (couverture %s) ; erreur absolue moyenne en "
                              "pourcentage (MAPE) %s.\n"), until, c->nbacktest, c->backtest_in_band, cov, mape);
    }
    fputs(eng_msg_tr("\nLimite : les observations sont traitées comme indépendantes ; des relevés rapprochés d'une "
                     "même file active sont corrélés, et les intervalles peuvent alors être trop étroits.\n"), f);
}
