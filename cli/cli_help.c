/* cli_help.c — The texts of `eaflow --help` and `eaflow help COMMAND`, word for word, in French;
 * po/en.po gives their English. The command table of eaflow.c puts them together and shows each
 * through eng_msg_tr (cli_help_put). Each is a printf format without arguments: a percent sign is
 * written %%. */
#include "cli_help.h"

#include <stdio.h>
#include <string.h>

#include "../engine/eng_error.h"
#include "../engine/eng_msg.h"
#include "../models/ea_indicators.h"
#include "../models/ea_schema.h"

const char cli_help_head[] = ENG_MSG_N(
    "simulation et rapports pour le dispositif d'emploi accompagné\n"
    "\n"
    "Utilisation : eaflow COMMANDE [ARGUMENTS...] [--lang fr|en]\n"
    "\n"
    "Commandes :\n");

const char cli_help_tail[] = ENG_MSG_N(
    "  help [SUJET]            l'aide d'une commande, ou de `scenario` (chaque clé du format des\n"
    "                          scénarios) ou de `indicators` (ce que dit chaque ligne des tableaux)\n"
    "\n"
    "Options :\n"
    "  -h, --help              cette aide\n"
    "  --version               la version\n"
    "  --lang fr|en            la langue des messages, de l'aide et du rapport (par défaut : celle\n"
    "                          de la locale, LC_ALL, LC_MESSAGES ou LANG, sinon le français)\n"
    "\n"
    "Code de sortie : 0 succès, 1 échec à l'exécution, 2 commande ou données à corriger.\n"
    "Pour commencer : eaflow simulate scenarios/occitanie-2022.ini\n");

const char cli_help_scenario_head[] = ENG_MSG_N(
    "Clés du scénario (fichier INI ; durées en mois, un mois valant 365,25/12 jours) :\n\n");

const cli_help_command cli_help_simulate = {
    .summary = ENG_MSG_N(
        "  simulate SCENARIO.ini   simule la file active, le budget et le personnel des plateformes\n"
        "                          d'un scénario ; écrit monthly.csv, annual.csv et run.ini\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow simulate SCENARIO.ini [-o DOSSIER] [-n RÉPLICATIONS|auto] [--seed N]\n"
        "                              [--precision P] [--max-replications N]\n"
        "                              [--threads N] [--csv std|fr] [--quiet]\n"
        "                              [--uncertainty [--points N]]\n"
        "\n"
        "Simule les plateformes (départements) du scénario mois par mois, en réplications de Monte\n"
        "Carlo indépendantes, et écrit dans DOSSIER :\n"
        "  monthly.csv  une ligne par périmètre, mois et indicateur, avec les colonnes\n"
        "               scope,month,indicator,mean,sd,p05,p25,p50,p75,p95\n"
        "               (scope : un code de département, ou `region` pour leur somme ; month :\n"
        "               AAAA-MM ; stocks à la fin du mois, flux sur le mois ; mean et sd sur les\n"
        "               réplications, p05..p95 leurs quantiles ; la moyenne d'un ratio comme\n"
        "               mean_wait_days regroupe les réplications : voir eaflow help indicators)\n"
        "  annual.csv   la même chose par année civile (colonne `year`) ; une année coupée par le\n"
        "               début ou la fin de la simulation ne couvre que ses mois simulés, son budget\n"
        "               au prorata\n"
        "  run.ini      le scénario entièrement résolu, graine et réplications comprises :\n"
        "               `eaflow simulate DOSSIER/run.ini` reproduit les tableaux à l'octet près\n"
        "Les fichiers sont écrits sous des noms provisoires puis renommés à la fin : une simulation\n"
        "qui échoue laisse les résultats précédents tels qu'ils étaient.\n"
        "\n"
        "Options :\n"
        "  -o, --output DOSSIER    dossier des résultats (par défaut : out/<nom du scénario sans .ini>)\n"
        "  -n, --replications N    réplications (par défaut : replications de [scenario], sinon 100)\n"
        "  -n auto                 des lots de 20 réplications jusqu'à la précision de --precision\n"
        "                          (1 %% par défaut) sur file_active, waiting et funding_eur, chaque\n"
        "                          année et partout ; run.ini garde le nombre atteint (aussi pour\n"
        "                          compare et report)\n"
        "  --precision P           0.01 ou 1%% : demi-largeur à 95 %% au plus 1 %% de la moyenne, ou\n"
        "                          une demi-personne ; 5pers ou 2000€ : au plus 5 personnes ou 2 000 €\n"
        "  --max-replications N    plafond de -n auto (par défaut : 100 000)\n"
        "  --seed N                graine du hasard (par défaut : seed de [scenario], sinon 1) ; la\n"
        "                          même graine donne les mêmes tableaux, quel que soit le nombre de\n"
        "                          threads\n"
        "  --threads N             threads (par défaut : un par cœur)\n"
        "  --csv std|fr            std (par défaut) : `,` et point décimal, pour R, pandas et les\n"
        "                          tableurs en anglais ; fr : `;` et virgule décimale, pour\n"
        "                          LibreOffice ou Excel en français\n"
        "  -q, --quiet             ni barre de progression ni résumé\n"
        "  --xlsx                  écrit aussi tableaux.xlsx : les tableaux en classeur Excel\n"
        "                          (report l'écrit toujours)\n"
        "  --uncertainty           propage les lois de la section [uncertainty] : N points d'un\n"
        "                          hypercube latin, les mêmes réplications à chaque point ; écrit\n"
        "                          seulement uncertainty.csv (dossier par défaut\n"
        "                          out/<scénario>-uncertainty) : moyenne, bande à 90 %%, variance\n"
        "                          totale, due aux paramètres et au hasard, part des paramètres\n"
        "  --points N              points de paramètres de --uncertainty (par défaut 32)\n"
        "  -h, --help              cette aide\n"
        "\n"
        "Voir `eaflow help scenario` pour les clés du scénario et `eaflow help indicators` pour les\n"
        "lignes des tableaux.\n"),
};

const cli_help_command cli_help_compare = {
    .summary = ENG_MSG_N(
        "  compare SCENARIO.ini --observed OBS.csv\n"
        "                          confronte la projection aux données observées ; vue des capacités\n"
        "                          (places, personnes, occupation, places inoccupées et leur valeur)\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow compare SCENARIO.ini --observed OBS.csv [--at AAAA-MM-JJ] [-o DOSSIER]\n"
        "                             [-n N] [--seed N] [--threads N] [--csv std|fr] [--quiet]\n"
        "\n"
        "Confronte la projection du scénario aux données observées. OBS.csv a une ligne par date et\n"
        "département (un code du scénario, ou `region`), avec les colonnes\n"
        "  date         AAAA-MM-JJ, AAAA-MM ou JJ/MM/AAAA : comparée au mois qui la contient (stocks à\n"
        "               sa fin, flux sur le mois) ; ou\n"
        "  year         AAAA, pour les lignes sans date : comparée à cette année civile\n"
        "  department   et tout indicateur des tableaux (voir eaflow help indicators) : places,\n"
        "               file_active, entries, exits_<reason>, waiting, funding_eur, balance_eur, ...\n"
        "(séparées par `,` ou `;`, point ou virgule décimale, colonnes dans n'importe quel ordre).\n"
        "Simule le scénario dans DOSSIER comme `simulate`, sauf si DOSSIER contient déjà les tableaux\n"
        "de ce même scénario (même run.ini, même version d'eaflow), alors repris, et\n"
        "écrit :\n"
        "  compare.csv          scope,date,indicator,observed,sim_mean,sim_p05,sim_p95,gap,ratio,in_band\n"
        "                       (gap = observed - sim_mean, ratio = observed / sim_mean, in_band = 1\n"
        "                       quand l'observation est dans la bande simulée à 90 %%)\n"
        "  compare-summary.csv  par périmètre et indicateur : n, mape_pct, rmse, bias (simulé moins\n"
        "                       observé), share_in_band\n"
        "  capacity.csv         par périmètre et date où places et file_active sont observées :\n"
        "                       occupation, places inoccupées et leur valeur annuelle au coût par\n"
        "                       place du scénario\n"
        "puis affiche la vue des capacités à la dernière date (ou à --at). Les observations antérieures\n"
        "à la période simulée (comme la situation à la fin de l'année qui précède le début) ne servent\n"
        "qu'à la vue des capacités.\n"
        "\n"
        "Options : celles de simulate (-o, -n, --seed, --threads, --csv, --quiet), et\n"
        "  --observed OBS.csv   les données observées (obligatoire)\n"
        "  --at AAAA-MM-JJ      date de la vue des capacités (par défaut : la dernière observée), par\n"
        "                       exemple 2021-12-31 pour la situation avant le passage en plateformes\n"),
};

const cli_help_command cli_help_costs = {
    .summary = ENG_MSG_N(
        "  costs FUNDING.csv       le verdict des financeurs par département et année (conforme ou à\n"
        "                          ajuster de ±X €) ; écrit costs.csv et costs-dispersion.csv\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow costs FUNDING.csv [-o DOSSIER] [--reference EUR] [--tolerance EUR|PCT%%]\n"
        "                           [--scenario S.ini] [--csv std|fr] [-q]\n"
        "\n"
        "Vérifie, département par département, que le coût à la place a été homogénéisé : lit un\n"
        "tableau de financement d'une ligne par département (et par année, s'il a une colonne\n"
        "`year`), avec les colonnes\n"
        "  department, name, funding_eur, places            obligatoires\n"
        "  file_active, persons_accompanied, delegated_eur, year   facultatives\n"
        "(séparées par `,` ou `;`, point ou virgule décimale, colonnes dans n'importe quel ordre), et\n"
        "écrit dans DOSSIER (par défaut out/costs) :\n"
        "  costs.csv             par département et année, puis la région : places, funding_eur,\n"
        "                        cost_per_place_eur, reference_cost_per_place_eur, deviation\n"
        "                        (écart à la référence, en part),\n"
        "                        reference_funding_eur (places x référence), difference_eur,\n"
        "                        file_active, cost_per_file_active_eur (financement / file active),\n"
        "                        persons_accompanied, cost_per_accompanied_eur, delegated_eur,\n"
        "                        delegated_share, tolerance_eur (l'écart permis, vide pour la\n"
        "                        région), outside_tolerance (1 quand à ajuster), verdict\n"
        "                        (conforme, dans la tolérance ou à ajuster), adjustment_eur\n"
        "                        (places x référence - financement : euros à ajouter, à retirer\n"
        "                        si négatif)\n"
        "  costs-dispersion.csv  par année, tel que financé et homogénéisé à la référence : min,\n"
        "                        max, moyenne (non pondérée), régional (total / total), cv, gini\n"
        "  costs-mismatches.csv  avec --scenario : year, department, name, funding_places,\n"
        "                        scenario_places de chaque département dont les places diffèrent\n"
        "                        (cellule vide du côté où il manque) ; aussi listés sur stderr\n"
        "et affiche la même chose en tableau, un bloc par année : un département est conforme quand\n"
        "son financement vaut places x référence à la tolérance près (au centime), sinon à ajuster de\n"
        "+X € (à ajouter) ou -X € (à retirer) ; la région est conforme quand chaque département l'est.\n"
        "\n"
        "Options :\n"
        "  -o, --output DOSSIER  dossier des résultats (par défaut out/costs)\n"
        "  --reference EUR       coût de référence par place et par an (par défaut 4300)\n"
        "  --tolerance EUR|PCT%%  écart admis à places x référence : 500 (euros) ou 10%% (par défaut 0)\n"
        "  --scenario S.ini      confronte les places du tableau à celles du scénario, pour les années\n"
        "                        qu'il simule (ses places moyennes sur les mois de l'année)\n"
        "  --csv std|fr          format des CSV (voir eaflow help simulate)\n"
        "  -q, --quiet           pas de tableau sur la sortie standard\n"
        "  --xlsx                écrit aussi tableaux.xlsx (voir eaflow help simulate)\n"),
};

const cli_help_command cli_help_sweep = {
    .summary = ENG_MSG_N(
        "  sweep SCENARIO.ini --vary CLÉ=LISTE ...\n"
        "                          parcourt une grille de valeurs de clés du scénario avec des\n"
        "                          nombres aléatoires communs ; le résumé du planificateur par\n"
        "                          point, la valeur limite qui atteint une cible (--target)\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow sweep SCENARIO.ini --vary CLÉ=LISTE [--vary CLÉ2=LISTE2 ...]\n"
        "                           [--split places|demand|weight|waiting[+]]\n"
        "                           [--target '[CODE:]IND<=VALEUR'] [--confidence P] [--year AAAA]\n"
        "                           [-o DOSSIER] [-n N] [--seed N] [--threads N] [--csv std|fr] [-q]\n"
        "\n"
        "Simule le scénario en chaque point d'une grille de valeurs de clés du scénario, chaque point\n"
        "avec la même graine (nombres aléatoires communs : la réplication i de chaque point tire dans\n"
        "le même flux, si bien que les écarts entre points ne sont pas le bruit de flux différents).\n"
        "  CLÉ    toute clé du scénario écrite section.clé : module.recherche.intensity,\n"
        "         budget.cost_per_place, department.31.places, staff.hours_per_fte_month, ... ;\n"
        "         defaults.CLÉ fixe une clé de département (places, fte, entries_per_month, ...)\n"
        "         dans tous les départements à la fois ; region.places est un total régional de\n"
        "         places réparti entre les départements selon --split\n"
        "  LISTE  a,b,c ou début:fin:pas (fin comprise) ; avec des points-virgules, 'a;b;c',\n"
        "         la virgule est décimale ('2,5;3;3,5'), comme dans début:fin:pas ('1:2,5:0,5') ;\n"
        "         une liste comme 2,5 d'une clé réelle est refusée (deux valeurs ou 2,5 ?) ; les\n"
        "         valeurs de lois, de mélanges ou d'orientations sont séparées par | au lieu de\n"
        "         virgules\n"
        "Plusieurs --vary font une grille (la dernière varie le plus vite). Chaque point est vérifié\n"
        "avant toute simulation : une clé inconnue, une liste vide, un pas nul ou de mauvais signe,\n"
        "une valeur hors limites est une erreur qui la nomme, et rien n'est écrit. Écrit dans DOSSIER\n"
        "(par défaut out/<scénario>-sweep) :\n"
        "  sweep.csv          point, une colonne par clé variée, scope, year, indicator, mean, p05, p95\n"
        "                     (les tableaux annuels de chaque point)\n"
        "  sweep-summary.csv  par point, pour la région et l'année (--year, par défaut la dernière) :\n"
        "                     file_active, occupancy, waiting, mean_wait_days, persons_accompanied,\n"
        "                     staff_fte_needed, funding_eur, staff_cost_needed_eur, cost_per_person_eur,\n"
        "                     cost_per_exit_emploi_eur (moyennes sur les réplications, celles des\n"
        "                     ratios regroupées)\n"
        "  sweep.ini          les points, et les noms des départements pour les graphiques\n"
        "                     qu'en tire eaflow plot\n"
        "  sweep-target.csv   avec --target : la réponse (voir ci-dessous)\n"
        "et affiche le résumé en tableau.\n"
        "\n"
        "  --target 'IND<=VALEUR' ou 'IND>=VALEUR'  (entre guillemets : le shell lit < et >)\n"
        "                       avec un seul --vary numérique : la limite de la clé pour que IND\n"
        "                       reste au plus (<=) ou au moins (>=) à VALEUR dans l'année, pour la\n"
        "                       région, ou pour un département avec CODE: devant ('31:waiting<=5').\n"
        "                       Quand la cible est d'autant mieux atteinte que la clé grandit (les\n"
        "                       places contre la liste d'attente), la réponse est la plus petite valeur\n"
        "                       qui l'atteint ; sinon (les places contre le taux d'occupation), la plus\n"
        "                       grande. Trouvée sur la grille puis par dichotomie (en nombres entiers\n"
        "                       pour les clés entières) ; affichée en une ligne, même avec -q, et\n"
        "                       écrite dans sweep-target.csv avec la valeur voisine qui ne l'atteint\n"
        "                       pas. L'ancienne forme IND=VALEUR, qui ne disait pas le sens, est refusée\n"
        "  --confidence P       la cible atteinte dans au moins P des réplications (0.9 : 90 %%),\n"
        "                       chacune avec sa propre valeur, au lieu de la moyenne\n"
        "  --split RÈGLE        avec --vary region.places : répartit chaque total entre les\n"
        "                       départements en places entières de somme exacte (plus forts restes,\n"
        "                       les égalités au premier département dans l'ordre du scénario), en\n"
        "                       proportion de leurs places actuelles (places), de leurs entrées\n"
        "                       entries_per_month (demand), de leur clé weight, la population par\n"
        "                       exemple (weight), ou de leur liste d'attente (waiting) : celle de fin\n"
        "                       d'année (--year, sinon la dernière) dans une simulation du scénario tel\n"
        "                       qu'il est écrit, mêmes graine et réplications, en moyenne ; refusée\n"
        "                       quand aucun département n'en a. Les poids sont ceux du scénario tel\n"
        "                       qu'il est écrit. Tout le total est réparti : un département sans\n"
        "                       attente n'a aucune place avec waiting. Suivie de + (waiting+), la\n"
        "                       règle ne répartit que les places ajoutées à celles du scénario, que\n"
        "                       chaque département garde\n"
        "  --year AAAA          l'année du résumé et de la cible (par défaut : la dernière simulée)\n"
        "Autres options : celles de simulate.\n"),
};

const cli_help_command cli_help_places = {
    .summary = ENG_MSG_N(
        "  places SCENARIO.ini --target 'IND<=VALEUR'\n"
        "                          les places (ou les ETP) nécessaires dans chaque département pour\n"
        "                          une cible ('waiting<=20'), leur coût, et si les ETP suffisent\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow places SCENARIO.ini --target '[CODE:]IND<=VALEUR' [--year AAAA]\n"
        "                            [--confidence P] [--search places|fte] [--envelope N]\n"
        "                            [-o DOSSIER] [-n N] [--seed N] [--threads N] [--csv std|fr] [-q]\n"
        "\n"
        "Cherche, pour chaque département, le plus petit nombre entier de places qui atteint la cible\n"
        "dans l'année (--year, par défaut la dernière simulée), les places tenues du début à la fin\n"
        "de la simulation. Les départements ne se partagent pas les places : chacun est cherché seul,\n"
        "d'abord en doublant (ou en divisant par deux) les places actuelles, puis par dichotomie\n"
        "jusqu'à ce que n places atteignent la cible et n - 1 non, chaque essai avec la même graine et\n"
        "les mêmes réplications (nombres aléatoires communs) : ce sont les chiffres que donne simulate\n"
        "avec ces places. Un département qui n'atteint pas la cible avec 4 fois ses places (ou 24 mois\n"
        "de ses entrées) est signalé, sans réponse. Une cible qui s'éloigne quand les places\n"
        "augmentent ('occupancy>=0.9') se cherche avec sweep --vary department.CODE.places=...,\n"
        "qui donne alors la plus grande valeur qui l'atteint. Un second tableau donne les conseillers :\n"
        "les ETP financés (clé fte, « non renseignés » sans elle), les ETP nécessaires avec les places\n"
        "trouvées (staff_fte_needed, à l'intensité du scénario), l'écart et le verdict « suffisent »\n"
        "ou « ne suffisent pas » (la région : seulement si chaque département suffit).\n"
        "  --target 'IND<=VALEUR' ou 'IND>=VALEUR'  (entre guillemets : le shell lit < et >) ;\n"
        "                       CODE: devant limite la recherche à un département ('31:waiting<=5')\n"
        "  --confidence P       la cible atteinte dans au moins P des réplications (0.9 : 90 %%) ; les\n"
        "                       ETP nécessaires sont alors aussi ceux qui suffisent dans P des\n"
        "                       réplications (leur quantile P), sur lesquels porte le verdict\n"
        "  --search fte         quand capacity_mode = staff (les heures des conseillers, pas les\n"
        "                       places, limitent les admissions) : cherche au dixième d'ETP le plus\n"
        "                       petit nombre de conseillers qui atteint la cible ; écrit fte.csv\n"
        "                       (department, fte_now, fte_needed, change, staff_cost_eur au coût\n"
        "                       staff_cost_per_fte, value_at_answer, value_tenth_less avec 0,1 ETP\n"
        "                       de moins, share_at_answer, share_tenth_less, name). Refusé quand\n"
        "                       capacity_mode = places, où des ETP de plus ne changent pas l'attente\n"
        "  --envelope N         une autre réponse : N places de plus réparties par blocs de 5 là où\n"
        "                       chaque bloc améliore le plus l'indicateur de la cible (le gain de\n"
        "                       chaque département évalué avec les mêmes nombres aléatoires) ; la\n"
        "                       somme ajoutée vaut exactement N ; écrit envelope.csv (department,\n"
        "                       places_now, places_added, places_after, cost_eur, value_before,\n"
        "                       value_after, met_after, name) et affiche l'ordre des blocs\n"
        "Affiche le tableau, même avec -q, et écrit DOSSIER/places.csv (par défaut\n"
        "out/<scénario>-places) : department, places_now, places_needed, change, cost_eur (change\n"
        "× cost_per_place, par an), value_at_answer et value_one_less (la moyenne de IND avec n et\n"
        "n - 1 places), share_at_answer et share_one_less (la part des réplications qui atteignent la\n"
        "cible), fte_funded, fte_needed, fte_needed_at_level (avec --confidence), fte_gap (financés\n"
        "moins nécessaires), fte_sufficient (1 ou 0, vide sans fte) et name (le nom du département),\n"
        "puis une ligne region avec les sommes.\n"
        "Autres options : celles de simulate.\n"),
};

const cli_help_command cli_help_calibrate = {
    .summary = ENG_MSG_N(
        "  calibrate SCENARIO.ini --observed OBS.csv --free CLÉ=BAS:HAUT\n"
        "                          ajuste des paramètres aux chiffres observés, avec leurs\n"
        "                          intervalles à 95 %%, l'identifiabilité et un back-test (--until)\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow calibrate SCENARIO.ini --observed OBS.csv --free CLÉ=BAS:HAUT\n"
        "                            [--free ...] [--until AAAA-MM-JJ] [-o DOSSIER] [-n N] [--seed N]\n"
        "                            [--threads N] [--csv std|fr] [-q]\n"
        "\n"
        "Cherche les valeurs des clés libres (jusqu'à 8, nommées comme pour sweep --vary :\n"
        "department.31.entries_per_month, defaults.entries_per_month dans chaque département,\n"
        "module.recherche.duration.mean ou .sd, une part d'orientation\n"
        "module.recherche.next.exit.emploi_durable ou d'entrée entries.mix.recherche, les autres\n"
        "parts de la ligne ramenées pour que la somme reste 1) qui rapprochent la simulation des\n"
        "observations de OBS.csv (les colonnes de compare, plus IND_sd ou IND_low et IND_high pour\n"
        "l'incertitude d'un indicateur, et source, note). Chaque évaluation lance les mêmes\n"
        "réplications avec la même graine ; la recherche (simplexe de Nelder-Mead) reste dans les\n"
        "bornes BAS:HAUT et dans le domaine de chaque clé.\n"
        "  --free CLÉ=BAS:HAUT  une clé libre et ses bornes (répétable)\n"
        "  --until AAAA-MM-JJ   calibre sur les observations jusqu'à cette date, puis dit comment\n"
        "                       tombent les suivantes (back-test : couverture et MAPE) ; une ligne\n"
        "                       est tenue à l'écart quand son mois (ou son année) finit après la\n"
        "                       date, comme pour report --until\n"
        "Écrit dans DOSSIER (par défaut out/<scénario>-calibrate) : calibrated.ini (le scénario avec\n"
        "les valeurs ajustées et leur intervalle en commentaire, à lancer tel quel),\n"
        "calibration.csv, targets.csv, trace.csv, backtest.csv avec --until, summary.txt, le\n"
        "résumé affiché, et dans plots/ un graphique par indicateur observé : la simulation au point\n"
        "calibré (moyenne et bande à 90 %%) et les observations, utilisées ou tenues à l'écart.\n"
        "Le critère d'acceptation est toute invraisemblance sous 3 ; s'il n'est pas atteint, le\n"
        "résumé dit « non atteint » et donne l'ajustement le plus proche (statut 0).\n"
        "Autres options : celles de simulate.\n"),
};

const cli_help_command cli_help_sensitivity = {
    .summary = ENG_MSG_N(
        "  sensitivity SCENARIO.ini --outcome IND[@ANNÉE]\n"
        "                          quelles hypothèses de [uncertainty] changent le résultat :\n"
        "                          indices de Sobol, criblage de Morris, tornade, graphiques\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow sensitivity SCENARIO.ini --outcome IND[@ANNÉE] [--outcome ...]\n"
        "                              [--points N] [-o DOSSIER] [-n N] [--seed N] [--threads N]\n"
        "                              [--format png|svg|pdf] [--csv std|fr] [-q]\n"
        "\n"
        "Mesure la part de chaque paramètre incertain de la section [uncertainty] du scénario dans\n"
        "la variance d'une issue : un indicateur de `eaflow help indicators` pour la région\n"
        "(IND@ANNÉE), ou pour un département (CODE:IND@ANNÉE), à la fin de l'année pour un stock, sur\n"
        "l'année pour un flux ; sans année, la dernière simulée. L'issue d'un point est la moyenne\n"
        "des mêmes réplications avec la même graine (nombres aléatoires communs) : les indices sont\n"
        "ceux de la moyenne du modèle, non de son hasard.\n"
        "  --outcome IND[@ANNÉE]  une issue (répétable, jusqu'à 8)\n"
        "  --points N             lignes des matrices de Saltelli (par défaut 64) ; l'analyse lance\n"
        "                         N (k + 2) + 10 (k + 1) + 2 k + 1 simulations pour k paramètres\n"
        "Méthodes : indices de Sobol de premier ordre et totaux (plan de Saltelli sur la suite de\n"
        "Sobol, estimateurs de Saltelli 2010 et Jansen, intervalles à 95 %% par bootstrap) ;\n"
        "criblage de Morris (10 trajectoires sur 4 niveaux entre les quantiles 5 %% et 95 %%, mu_star\n"
        "et sigma) ; tornade (chaque paramètre aux quantiles 5 %% et 95 %% de sa loi, les autres à\n"
        "leur médiane).\n"
        "Écrit dans DOSSIER (par défaut out/<scénario>-sensitivity) : sensitivity.csv\n"
        "(outcome,parameter,method,index,estimate,lower95,upper95), sensitivity.txt, le résumé\n"
        "affiché, et dans plots/ une tornade et un graphique des indices de Sobol par issue.\n"
        "Autres options : celles de simulate.\n"),
};

const cli_help_command cli_help_scenarios = {
    .summary = ENG_MSG_N(
        "  scenarios A.ini B.ini ...\n"
        "                          plusieurs scénarios côte à côte, écarts avec intervalles appariés,\n"
        "                          page et PDF des différences\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow scenarios A.ini B.ini [C.ini ...] [-o DOSSIER] [-n N] [--seed N]\n"
        "                               [--year AAAA] [--threads N] [--csv std|fr] [--xlsx] [-q]\n"
        "\n"
        "Simule plusieurs scénarios avec des nombres aléatoires communs (mêmes graine et réplications :\n"
        "celles du premier scénario sauf indication contraire) et écrit DOSSIER/scenarios.csv (par\n"
        "défaut out/scenarios) : par périmètre, année et indicateur, une colonne avec la moyenne de\n"
        "chaque scénario (nommée d'après son fichier), puis pour chaque scénario après le premier :\n"
        "diff_<nom> (moyenne des écarts appariés au premier sur les réplications), low95_<nom> et\n"
        "high95_<nom> (intervalle apparié à 95 %%) et beyond_noise_<nom> (1 quand l'intervalle exclut\n"
        "0) ; scenarios-structure.csv (la structure de chaque fichier et son nom, [scenario] name) ;\n"
        "la page DOSSIER/index.html et DOSSIER/report.pdf : le tableau des différences de l'année\n"
        "(Δ places, financement, file active, liste d'attente, attente moyenne, ETP nécessaires, par\n"
        "département et pour la région, chacune avec son intervalle) et les graphiques de l'écart\n"
        "année par année avec sa bande (DOSSIER/plots/diff_*.png). Affiche les principaux écarts pour\n"
        "la région l'année du tableau.\n"
        "\n"
        "  --year AAAA   l'année du tableau (par défaut : la dernière simulée de janvier à décembre)\n"),
};

const cli_help_command cli_help_fit = {
    .summary = ENG_MSG_N(
        "  fit RECORDS.csv         estime les taux d'entrée, les durées des modules (censurées),\n"
        "                          les orientations et les profils à partir des données\n"
        "                          individuelles ; écrit un scénario ajusté\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow fit RECORDS.csv [-o FITTED.ini] [--as-of DATE] [--csv std|fr] [-q]\n"
        "\n"
        "Calibre un scénario à partir des données individuelles d'une plateforme, au format de la\n"
        "remontée nationale : une ligne par personne et épisode de module, avec les colonnes\n"
        "  person_id, department, entry_date (prescription), module (evaluation, projet, recherche ou\n"
        "  maintien), module_start, module_end (vide tant que la personne est dans le module :\n"
        "  censure à droite à --as-of), next (le module suivant, ou exit.<motif> ; vide en cours), et\n"
        "  les colonnes de profil facultatives age, disability, prescriber, sex\n"
        "(séparées par `,` ou `;`, dates AAAA-MM-JJ, AAAA-MM ou JJ/MM/AAAA, colonnes dans n'importe\n"
        "quel ordre).\n"
        "Estime, avec des intervalles à 95 %% : le taux d'entrée mensuel par département (Poisson\n"
        "exact) ; la répartition des entrées et les parts d'orientation depuis chaque module\n"
        "(Wilson) ; les parts des motifs de sortie ; pour chaque module la courbe de survie de\n"
        "Kaplan-Meier (Greenwood, bande log-log) et sa médiane, et les ajustements par maximum de\n"
        "vraisemblance de lois exponentielle, gamma, lognormale et de Weibull sous censure à droite,\n"
        "classés par AIC ; les parts des profils à chaque vague (31 mars, 30 septembre). Écrit, dans\n"
        "le dossier de FITTED.ini (par défaut ./fitted.ini) :\n"
        "  FITTED.ini     un scénario que simulate accepte : les lois de durée choisies, les\n"
        "                 orientations, la répartition et les taux d'entrée, et les personnes\n"
        "                 accompagnées à la date as-of (les places ne sont pas dans les données :\n"
        "                 fixez-les) ; chaque valeur avec son intervalle en commentaire\n"
        "  fit.csv        module,family,parameters,mean,loglik,aic,chosen (+ intervalle, sd,\n"
        "                 delta_aic, n, events)\n"
        "  km.csv         module,time_months,at_risk,events,censored,survival,se,lower95,upper95\n"
        "  estimates.csv  kind,scope,item,estimate,lower95,upper95,n (taux, parts, médianes,\n"
        "                 profils)\n"
        "et affiche un résumé.\n"
        "\n"
        "Options :\n"
        "  -o, --output FITTED.ini  le scénario ajusté (par défaut fitted.ini)\n"
        "  --as-of DATE             la date de l'extraction (par défaut : la dernière date du fichier)\n"
        "  --csv std|fr             format des CSV écrits\n"
        "  -q, --quiet              pas de résumé\n"),
};

const cli_help_command cli_help_synth = {
    .summary = ENG_MSG_N(
        "  synth SCENARIO.ini -o RECORDS.csv\n"
        "                          les données individuelles d'une réplication, pour essayer fit\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow synth SCENARIO.ini -o RECORDS.csv [--as-of DATE] [--seed N]\n"
        "                           [--csv std|fr]\n"
        "\n"
        "Écrit les données individuelles que produit une réplication du scénario, au format de la\n"
        "remontée nationale (questionnaire d'entrée et suivi semestriel), pour que chacun puisse\n"
        "essayer `eaflow fit` sans données personnelles. Une ligne par personne et épisode de module :\n"
        "  person_id, department, entry_date (prescription), module, module_start, module_end (vide\n"
        "  si la personne est encore dans le module à la date as-of), next (le module suivant ou\n"
        "  exit.<motif>, vide en cours), age (à l'entrée), disability, prescriber, sex\n"
        "Les personnes déjà accompagnées au début ne sont pas écrites : leur parcours avant le début\n"
        "n'est pas simulé. Les colonnes de profil suivent les parts nationales de 2018 (62 %%\n"
        "d'hommes, 46 %% de moins de 30 ans, orientations 28 %% MDPH, 20 %% service public de l'emploi,\n"
        "14 %% médico-social).\n"
        "\n"
        "Options :\n"
        "  -o, --output FICHIER  le fichier de données à écrire (obligatoire)\n"
        "  --as-of DATE          date de censure, AAAA-MM-JJ (par défaut : le dernier jour simulé)\n"
        "  --seed N              graine du hasard (par défaut : celle du scénario)\n"
        "  --csv std|fr          format des CSV (voir eaflow help simulate)\n"),
};

const cli_help_command cli_help_plot = {
    .summary = ENG_MSG_N(
        "  plot DOSSIER            dessine chaque graphique que permettent les tableaux de DOSSIER\n"
        "                          (gnuplot)\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow plot DOSSIER [--format png|svg|pdf] [--lang fr|en]\n"
        "\n"
        "Dessine avec gnuplot, dans DOSSIER/plots/, chaque graphique que permettent les tableaux de\n"
        "DOSSIER (tableaux écrits par simulate, compare, fit, costs, sweep et scenarios) :\n"
        "  1. la file active dans le temps par périmètre : moyenne, bandes à 50 %% et 90 %%, places,\n"
        "     points observés\n"
        "  2. la file active par module (empilée) avec la liste d'attente\n"
        "  3. les entrées et les sorties mensuelles par motif\n"
        "  4. le budget par année : financement, coût des heures modélisées, coût par personne\n"
        "     accompagnée et par sortie en emploi\n"
        "  5. les départements : coût à la place face à la référence, et occupation, triés\n"
        "  6. les courbes de Kaplan-Meier par module avec intervalles et la loi paramétrique choisie\n"
        "  7. un même indicateur d'un scénario à l'autre (scenarios.csv) et le long d'un sweep\n"
        "     (sweep.csv)\n"
        "Libellés dans la langue des messages ; en français, nombres groupés à la française\n"
        "(2 773 500 €) ; mois sur l'axe du temps. Le texte des tableaux est protégé : il est dessiné,\n"
        "jamais exécuté. gnuplot absent ou en échec est une erreur (code de sortie 1) qui nomme le\n"
        "paquet à installer et le message de gnuplot ; les tableaux restent tels qu'ils étaient.\n"
        "\n"
        "Options :\n"
        "  --format png|svg|pdf  PNG pour les diapositives (par défaut), SVG pour les pages, PDF pour\n"
        "                        l'impression (A4)\n"
        "  --lang fr|en          langue des libellés (par défaut celle des messages : voir eaflow\n"
        "                        --help)\n"),
};

const cli_help_command cli_help_report = {
    .summary = ENG_MSG_N(
        "  report SCENARIO.ini -o DOSSIER\n"
        "                          le rapport annuel du copil : tableaux, graphiques, index.html,\n"
        "                          PDF\n"),
    .usage = ENG_MSG_N(
        "Utilisation : eaflow report SCENARIO.ini -o DOSSIER [--observed OBS.csv] [--funding F.csv]\n"
        "                            [--records R.csv] [--year AAAA] [-n N] [--seed N] [--threads N]\n"
        "                            [--until AAAA-MM-JJ] [--outcome IND[@AAAA] ...] [--points N]\n"
        "                            [--lang fr|en] [--csv std|fr] [-q]\n"
        "\n"
        "Écrit dans DOSSIER le rapport annuel du comité de pilotage : lance simulate (en reprenant\n"
        "les tableaux de DOSSIER quand ce sont ceux de ce même scénario), compare avec --observed,\n"
        "costs avec --funding, fit avec --records, dessine chaque graphique dans DOSSIER/plots/,\n"
        "puis écrit\n"
        "  DOSSIER/index.html  une page autonome (graphiques en SVG intégré, aucune ressource\n"
        "                      externe) avec d'abord les chiffres clés de l'année (personnes\n"
        "                      accompagnées, places, occupation, entrées, sorties par motif, coût\n"
        "                      par place et par personne, écart à la cible), puis les graphiques\n"
        "                      avec une phrase de lecture chacun, les tableaux et les hypothèses du\n"
        "                      scénario, une section Validation (état initial, durée,\n"
        "                      réplications et leur précision, graines, versions ; avec\n"
        "                      --observed, la simulation face aux observations), les annexes\n"
        "                      des départements, des sources et de run.ini ;\n"
        "                      elle s'imprime sur A4 sans couper de tableau\n"
        "  DOSSIER/report.pdf  le rapport entier (WeasyPrint) : page de titre, sommaire, numéros\n"
        "                      de page, tout ce que porte la page\n"
        "  DOSSIER/tableaux.xlsx  les tableaux en classeur Excel (voir README)\n"
        "\n"
        "Options : celles de simulate (-n, --seed, --threads, --csv, -q), et\n"
        "  -o, --output DOSSIER  le dossier du rapport (obligatoire)\n"
        "  --observed OBS.csv    données observées (voir eaflow help compare)\n"
        "  --funding F.csv       tableau de financement (voir eaflow help costs ; référence 4 300 €)\n"
        "  --records R.csv       données individuelles (voir eaflow help fit)\n"
        "  --year AAAA           l'année du rapport (par défaut : la dernière année à la fois\n"
        "                        observée et simulée, sinon la première année simulée entière)\n"
        "  --until AAAA-MM-JJ    avec --observed : les observations après cette date n'ont pas\n"
        "                        servi à construire le scénario (par exemple calibrate --until) ;\n"
        "                        la section Validation les liste, dans la bande à 90 %% ou non,\n"
        "                        avec leur couverture et leur MAPE\n"
        "  --outcome IND[@AAAA]  ajoute la section « Sensibilité aux hypothèses » : l'analyse de\n"
        "                        eaflow sensitivity sur la section [uncertainty] du scénario (quelle\n"
        "                        hypothèse pèse le plus sur ce résultat), avec sensitivity.csv,\n"
        "                        sensitivity.txt et ses graphiques ; répétable (voir eaflow help\n"
        "                        sensitivity, --points)\n"
        "  --lang fr|en          langue de la page et des graphiques (par défaut celle des\n"
        "                        messages : voir eaflow --help)\n"),
};

int cli_help_topic(const char *topic)
{
    if (strcmp(topic, "scenario") == 0) {
        cli_help_put(cli_help_scenario_head, stdout);
        ea_schema_write_markdown(stdout);
        return ENG_OK;
    }
    if (strcmp(topic, "indicators") == 0) {
        ea_indicators_write_help(stdout);
        return ENG_OK;
    }
    fprintf(stderr,
            eng_msg_tr("eaflow : help : pas de sujet « %s » ; écrivez une commande, scenario ou "
                       "indicators (voir eaflow --help)\n"), topic);
    return ENG_EINPUT;
}

void cli_help_put(const char *text, FILE *f)
{
    /* Written out by hand rather than given to printf as a format: the text is not a literal, which
     * -Wformat-security (clang, the fuzzing build) refuses, and it has no conversions anyway. */
    for (const char *p = eng_msg_tr(text); *p; p++) {
        if (p[0] == '%' && p[1] == '%')
            p++;
        fputc(*p, f);
    }
}

int cli_help_want_args(int nargs, int lo, int hi, const char *cmd, const char *what, const char *usage)
{
    if (nargs >= lo && nargs <= hi)
        return ENG_OK;
    if (nargs < lo)
        fprintf(stderr, eng_msg_tr("eaflow : %s : il manque %s\n\n"), cmd, eng_msg_tr(what));
    else
        fprintf(stderr, eng_msg_tr("eaflow : %s : attendu %s, reçu %d arguments\n\n"), cmd,
                eng_msg_tr(what), nargs);
    cli_help_put(usage, stderr);
    return ENG_EINPUT;
}
