/* ea_tables.c — The output files and their columns, and the reader of the summary tables. */
#include "ea_tables.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"

#define FIXED(name) { name, EA_COLUMN_FIXED }
#define COLUMNS(array) array, (int)(sizeof array / sizeof *array)

/* monthly.csv and annual.csv: one row per scope, period and indicator. */
#define SUMMARY_STATS                                                                            \
    [EA_COL_SUMMARY_INDICATOR] = FIXED("indicator"),                                            \
    [EA_COL_SUMMARY_STATS + EA_STAT_MEAN] = FIXED("mean"),                                      \
    [EA_COL_SUMMARY_STATS + EA_STAT_SD] = FIXED("sd"),                                          \
    [EA_COL_SUMMARY_STATS + EA_STAT_P05] = FIXED("p05"),                                        \
    [EA_COL_SUMMARY_STATS + EA_STAT_P25] = FIXED("p25"),                                        \
    [EA_COL_SUMMARY_STATS + EA_STAT_P50] = FIXED("p50"),                                        \
    [EA_COL_SUMMARY_STATS + EA_STAT_P75] = FIXED("p75"),                                        \
    [EA_COL_SUMMARY_STATS + EA_STAT_P95] = FIXED("p95")

static const ea_tables_col monthly[EA_COL_SUMMARY_STATS + EA_NSTATS] = {
    [EA_COL_SUMMARY_SCOPE] = FIXED("scope"), [EA_COL_SUMMARY_PERIOD] = FIXED("month"), SUMMARY_STATS
};
static const ea_tables_col annual[EA_COL_SUMMARY_STATS + EA_NSTATS] = {
    [EA_COL_SUMMARY_SCOPE] = FIXED("scope"), [EA_COL_SUMMARY_PERIOD] = FIXED("year"), SUMMARY_STATS
};

/* compare.csv: each observed value against the simulated mean and 90 % band. */
static const ea_tables_col compare[EA_COL_COMPARE_COUNT] = {
    [EA_COL_COMPARE_SCOPE] = FIXED("scope"),         [EA_COL_COMPARE_DATE] = FIXED("date"),
    [EA_COL_COMPARE_INDICATOR] = FIXED("indicator"), [EA_COL_COMPARE_OBSERVED] = FIXED("observed"),
    [EA_COL_COMPARE_SIM_MEAN] = FIXED("sim_mean"),   [EA_COL_COMPARE_SIM_P05] = FIXED("sim_p05"),
    [EA_COL_COMPARE_SIM_P95] = FIXED("sim_p95"),     [EA_COL_COMPARE_GAP] = FIXED("gap"),
    [EA_COL_COMPARE_RATIO] = FIXED("ratio"),         [EA_COL_COMPARE_IN_BAND] = FIXED("in_band"),
};

/* compare-summary.csv: the errors per scope and indicator. */
static const ea_tables_col compare_summary[EA_COL_COMPARE_SUMMARY_COUNT] = {
    [EA_COL_COMPARE_SUMMARY_SCOPE] = FIXED("scope"),
    [EA_COL_COMPARE_SUMMARY_INDICATOR] = FIXED("indicator"),
    [EA_COL_COMPARE_SUMMARY_N] = FIXED("n"),
    [EA_COL_COMPARE_SUMMARY_MAPE_PCT] = FIXED("mape_pct"),
    [EA_COL_COMPARE_SUMMARY_RMSE] = FIXED("rmse"),
    [EA_COL_COMPARE_SUMMARY_BIAS] = FIXED("bias"),
    [EA_COL_COMPARE_SUMMARY_SHARE_IN_BAND] = FIXED("share_in_band"),
};

/* capacity.csv: places and persons observed at a date. */
static const ea_tables_col capacity[EA_COL_CAPACITY_COUNT] = {
    [EA_COL_CAPACITY_SCOPE] = FIXED("scope"),
    [EA_COL_CAPACITY_DATE] = FIXED("date"),
    [EA_COL_CAPACITY_PLACES] = FIXED("places"),
    [EA_COL_CAPACITY_FILE_ACTIVE] = FIXED("file_active"),
    [EA_COL_CAPACITY_OCCUPANCY] = FIXED("occupancy"),
    [EA_COL_CAPACITY_UNUSED_PLACES] = FIXED("unused_places"),
    [EA_COL_CAPACITY_UNUSED_VALUE_EUR] = FIXED("unused_value_eur"),
};

/* costs.csv: per department (and year, when the funding table has years), then the region. */
static const ea_tables_col costs[EA_COL_COSTS_COUNT] = {
    [EA_COL_COSTS_YEAR] = { "year", EA_COLUMN_OPTIONAL },
    [EA_COL_COSTS_DEPARTMENT] = FIXED("department"),
    [EA_COL_COSTS_NAME] = FIXED("name"),
    [EA_COL_COSTS_PLACES] = FIXED("places"),
    [EA_COL_COSTS_FUNDING_EUR] = FIXED("funding_eur"),
    [EA_COL_COSTS_COST_PER_PLACE_EUR] = FIXED("cost_per_place_eur"),
    [EA_COL_COSTS_REFERENCE_COST_PER_PLACE_EUR] = FIXED("reference_cost_per_place_eur"),
    [EA_COL_COSTS_DEVIATION] = FIXED("deviation"),
    [EA_COL_COSTS_REFERENCE_FUNDING_EUR] = FIXED("reference_funding_eur"),
    [EA_COL_COSTS_DIFFERENCE_EUR] = FIXED("difference_eur"),
    [EA_COL_COSTS_FILE_ACTIVE] = FIXED("file_active"),
    [EA_COL_COSTS_COST_PER_FILE_ACTIVE_EUR] = FIXED("cost_per_file_active_eur"),
    [EA_COL_COSTS_PERSONS_ACCOMPANIED] = FIXED("persons_accompanied"),
    [EA_COL_COSTS_COST_PER_ACCOMPANIED_EUR] = FIXED("cost_per_accompanied_eur"),
    [EA_COL_COSTS_DELEGATED_EUR] = FIXED("delegated_eur"),
    [EA_COL_COSTS_DELEGATED_SHARE] = FIXED("delegated_share"),
    [EA_COL_COSTS_TOLERANCE_EUR] = FIXED("tolerance_eur"),
    [EA_COL_COSTS_OUTSIDE_TOLERANCE] = FIXED("outside_tolerance"),
    [EA_COL_COSTS_VERDICT] = FIXED("verdict"),
    [EA_COL_COSTS_ADJUSTMENT_EUR] = FIXED("adjustment_eur"),
};

/* costs-mismatches.csv: the departments whose places differ between the funding table and the
 * scenario, in a year (and the year, when the funding table has years); empty cells for the side a
 * department is absent from. */
static const ea_tables_col costs_mismatches[EA_COL_MISMATCHES_COUNT] = {
    [EA_COL_MISMATCHES_YEAR] = { "year", EA_COLUMN_OPTIONAL },
    [EA_COL_MISMATCHES_DEPARTMENT] = FIXED("department"),
    [EA_COL_MISMATCHES_NAME] = FIXED("name"),
    [EA_COL_MISMATCHES_FUNDING_PLACES] = FIXED("funding_places"),
    [EA_COL_MISMATCHES_SCENARIO_PLACES] = FIXED("scenario_places"),
};

/* costs-dispersion.csv: per year and stage (as funded, homogenised at the reference). */
static const ea_tables_col costs_dispersion[EA_COL_DISPERSION_COUNT] = {
    [EA_COL_DISPERSION_YEAR] = FIXED("year"),
    [EA_COL_DISPERSION_STAGE] = FIXED("stage"),
    [EA_COL_DISPERSION_DEPARTMENTS] = FIXED("departments"),
    [EA_COL_DISPERSION_MIN] = FIXED("min"),
    [EA_COL_DISPERSION_MAX] = FIXED("max"),
    [EA_COL_DISPERSION_MEAN] = FIXED("mean"),
    [EA_COL_DISPERSION_REGIONAL] = FIXED("regional"),
    [EA_COL_DISPERSION_CV] = FIXED("cv"),
    [EA_COL_DISPERSION_GINI] = FIXED("gini"),
};

/* fit.csv: every duration law fitted to every module. */
static const ea_tables_col fit[EA_COL_FIT_COUNT] = {
    [EA_COL_FIT_MODULE] = FIXED("module"),
    [EA_COL_FIT_FAMILY] = FIXED("family"),
    [EA_COL_FIT_PARAMETERS] = FIXED("parameters"),
    [EA_COL_FIT_MEAN] = FIXED("mean"),
    [EA_COL_FIT_LOGLIK] = FIXED("loglik"),
    [EA_COL_FIT_AIC] = FIXED("aic"),
    [EA_COL_FIT_CHOSEN] = FIXED("chosen"),
    [EA_COL_FIT_MEAN_LOWER95] = FIXED("mean_lower95"),
    [EA_COL_FIT_MEAN_UPPER95] = FIXED("mean_upper95"),
    [EA_COL_FIT_SD] = FIXED("sd"),
    [EA_COL_FIT_DELTA_AIC] = FIXED("delta_aic"),
    [EA_COL_FIT_N] = FIXED("n"),
    [EA_COL_FIT_EVENTS] = FIXED("events"),
};

/* km.csv: the Kaplan–Meier curve of every module. */
static const ea_tables_col km[EA_COL_KM_COUNT] = {
    [EA_COL_KM_MODULE] = FIXED("module"),
    [EA_COL_KM_TIME_MONTHS] = FIXED("time_months"),
    [EA_COL_KM_AT_RISK] = FIXED("at_risk"),
    [EA_COL_KM_EVENTS] = FIXED("events"),
    [EA_COL_KM_CENSORED] = FIXED("censored"),
    [EA_COL_KM_SURVIVAL] = FIXED("survival"),
    [EA_COL_KM_SE] = FIXED("se"),
    [EA_COL_KM_LOWER95] = FIXED("lower95"),
    [EA_COL_KM_UPPER95] = FIXED("upper95"),
};

/* estimates.csv: rates, shares and profiles with their intervals. */
static const ea_tables_col estimates[] = {
    FIXED("kind"),    FIXED("scope"),   FIXED("item"), FIXED("estimate"),
    FIXED("lower95"), FIXED("upper95"), FIXED("n"),
};

/* sweep.csv: the annual tables of every point, after the values of the varied keys. */
static const ea_tables_col sweep[EA_COL_SWEEP_COUNT] = {
    [EA_COL_SWEEP_POINT] = FIXED("point"),
    [EA_COL_SWEEP_KEYS] = { "", EA_COLUMN_EACH },
    [EA_COL_SWEEP_SCOPE] = FIXED("scope"),
    [EA_COL_SWEEP_YEAR] = FIXED("year"),
    [EA_COL_SWEEP_INDICATOR] = FIXED("indicator"),
    [EA_COL_SWEEP_MEAN] = FIXED("mean"),
    [EA_COL_SWEEP_P05] = FIXED("p05"),
    [EA_COL_SWEEP_P95] = FIXED("p95"),
};

/* sweep-summary.csv: per point, the region's means of what a planner asks, one year. */
static const ea_tables_col sweep_summary[] = {
    FIXED("point"),
    { "", EA_COLUMN_EACH },
    FIXED("year"),
    FIXED("file_active"),
    FIXED("occupancy"),
    FIXED("waiting"),
    FIXED("mean_wait_days"),
    FIXED("persons_accompanied"),
    FIXED("staff_fte_needed"),
    FIXED("funding_eur"),
    FIXED("staff_cost_needed_eur"),
    FIXED("cost_per_person_eur"),
    FIXED("cost_per_exit_emploi_eur"),
};

/* sweep-target.csv: the target (as typed, then its parts), the direction of the answer (smallest
 * or largest value of the key meeting it), the answer and the target there, and the value next to
 * it that does not meet it. */
static const ea_tables_col sweep_target[EA_COL_SWEEP_TARGET_COUNT] = {
    FIXED("key"), FIXED("target"), FIXED("indicator"), FIXED("operator"), FIXED("threshold"),
    FIXED("scope"), FIXED("year"), FIXED("level"), FIXED("direction"), FIXED("met"),
    FIXED("answer"), FIXED("value_at_answer"), FIXED("share_at_answer"), FIXED("next_key_value"),
    FIXED("value_next"), FIXED("share_next"), FIXED("at_grid_edge"), FIXED("evaluations"),
};

/* places.csv: per department, the places in force, the smallest number meeting the target and
 * the change and its yearly cost, the target's indicator there and with one place less, and the
 * share of replications meeting it at both; the counsellors the scenario funds (fte), those the
 * support needs at the answer (the mean over replications, and with a level its quantile), the
 * funded minus the needed and whether they suffice (1, 0, empty when fte is not given); and the
 * department's name (the workbook shows it); a last row `region` with the sums. */
static const ea_tables_col places[EA_COL_PLACES_COUNT] = {
    FIXED("department"), FIXED("places_now"), FIXED("places_needed"), FIXED("change"),
    FIXED("cost_eur"), FIXED("value_at_answer"), FIXED("value_one_less"),
    FIXED("share_at_answer"), FIXED("share_one_less"), FIXED("fte_funded"), FIXED("fte_needed"),
    FIXED("fte_needed_at_level"), FIXED("fte_gap"), FIXED("fte_sufficient"), FIXED("name"),
};

/* fte.csv (places --search fte, capacity_mode = staff): per department, the counsellors funded,
 * the smallest number in tenths of an FTE meeting the target, the change and its yearly cost at
 * staff_cost_per_fte, the target's indicator there and with 0.1 FTE less, the share of
 * replications meeting it at both, and the name; a last row `region` with the sums. */
static const ea_tables_col fte[EA_COL_FTE_COUNT] = {
    FIXED("department"), FIXED("fte_now"), FIXED("fte_needed"), FIXED("change"),
    FIXED("staff_cost_eur"), FIXED("value_at_answer"), FIXED("value_tenth_less"),
    FIXED("share_at_answer"), FIXED("share_tenth_less"), FIXED("name"),
};

/* envelope.csv (places --envelope): per department, the places in force, those the envelope adds
 * and the result, the target's indicator before and after, whether the target is met after, and
 * the name; a last row `region` with the sums. */
static const ea_tables_col envelope[EA_COL_ENVELOPE_COUNT] = {
    FIXED("department"), FIXED("places_now"), FIXED("places_added"), FIXED("places_after"),
    FIXED("cost_eur"), FIXED("value_before"), FIXED("value_after"), FIXED("met_after"),
    FIXED("name"),
};

/* scenarios.csv: a column of means per scenario, then the paired differences of each scenario
 * after the first to the first. */
static const ea_tables_col scenarios[EA_COL_SCENARIOS_COUNT] = {
    [EA_COL_SCENARIOS_SCOPE] = FIXED("scope"),
    [EA_COL_SCENARIOS_YEAR] = FIXED("year"),
    [EA_COL_SCENARIOS_INDICATOR] = FIXED("indicator"),
    [EA_COL_SCENARIOS_NAMES] = { "", EA_COLUMN_EACH },
    [EA_COL_SCENARIOS_DIFF] = { "diff_", EA_COLUMN_EACH_OTHER },
    [EA_COL_SCENARIOS_LOW95] = { "low95_", EA_COLUMN_EACH_OTHER },
    [EA_COL_SCENARIOS_HIGH95] = { "high95_", EA_COLUMN_EACH_OTHER },
    [EA_COL_SCENARIOS_BEYOND_NOISE] = { "beyond_noise_", EA_COLUMN_EACH_OTHER },
};

/* scenarios-structure.csv: per scenario file, what decides whether its paired differences to the
 * first mean anything, which of these differ from the first's, and its name for people. */
static const ea_tables_col structure[EA_COL_STRUCTURE_COUNT] = {
    [EA_COL_STRUCTURE_SCENARIO] = FIXED("scenario"),
    [EA_COL_STRUCTURE_DEPARTMENTS] = FIXED("departments"),
    [EA_COL_STRUCTURE_START] = FIXED("start"),
    [EA_COL_STRUCTURE_MONTHS] = FIXED("months"),
    [EA_COL_STRUCTURE_CAPACITY_MODE] = FIXED("capacity_mode"),
    [EA_COL_STRUCTURE_REPLICATIONS] = FIXED("replications"),
    [EA_COL_STRUCTURE_SEED] = FIXED("seed"),
    [EA_COL_STRUCTURE_DIFFERS] = FIXED("differs_from_first"),
    [EA_COL_STRUCTURE_NAME] = FIXED("name"),
};

/* manifest.csv: the run's record, one row per item: its kind (eaflow, command, scenario, seed,
 * replications, input, output, reused), its value (a version, a command line, a path or a file
 * name), and for a file its size in bytes and its SHA-256. */
static const ea_tables_col manifest[EA_COL_MANIFEST_COUNT] = {
    [EA_COL_MANIFEST_KIND] = FIXED("kind"),
    [EA_COL_MANIFEST_VALUE] = FIXED("value"),
    [EA_COL_MANIFEST_SIZE] = FIXED("size"),
    [EA_COL_MANIFEST_SHA256] = FIXED("sha256"),
};

/* calibration.csv: per free parameter, its start, estimate and 95 % interval, the bounds given,
 * whether the estimate sits at one (-1 the lower, 1 the upper, 0 neither) and whether the data
 * identify it (its profile rises above the 95 % threshold on some side within the bounds, and it
 * is not on a ridge with another). */
static const ea_tables_col calibration[EA_COL_CALIBRATION_COUNT] = {
    FIXED("parameter"), FIXED("start"), FIXED("estimate"), FIXED("lower95"), FIXED("upper95"),
    FIXED("lower_bound"), FIXED("upper_bound"), FIXED("at_bound"), FIXED("identified"),
};

/* targets.csv: each observed row against the simulation at the estimate: the observation and its
 * standard deviation (given, or the default), the simulated mean and 90 % band, the gap (observed
 * minus mean), the implausibility and whether the row was used (0: after --until, or outside the
 * simulated period). */
static const ea_tables_col calibration_targets[EA_COL_TARGETS_COUNT] = {
    FIXED("date_or_year"), FIXED("scope"), FIXED("indicator"), FIXED("observed"),
    FIXED("observed_sd"), FIXED("mean"), FIXED("lower90"), FIXED("upper90"), FIXED("gap"),
    FIXED("implausibility"), FIXED("in_band"), FIXED("used"),
};

/* trace.csv: every evaluation of the objective, its parameters (a column per free key, named by
 * it), the objective and the phase (search, hessian, estimate). */
static const ea_tables_col calibration_trace[EA_COL_TRACE_COUNT] = {
    [EA_COL_TRACE_EVALUATION] = FIXED("evaluation"),
    [EA_COL_TRACE_PARAMETERS] = { "", EA_COLUMN_EACH },
    [EA_COL_TRACE_OBJECTIVE] = FIXED("objective"),
    [EA_COL_TRACE_PHASE] = FIXED("phase"),
};

/* backtest.csv: the rows after --until against the projection of the calibrated scenario. */
static const ea_tables_col calibration_backtest[EA_COL_BACKTEST_COUNT] = {
    FIXED("date_or_year"), FIXED("scope"), FIXED("indicator"), FIXED("observed"), FIXED("mean"),
    FIXED("lower90"), FIXED("upper90"), FIXED("gap"), FIXED("gap_pct"), FIXED("in_band"),
};

/* plots/calibration-simulated.csv, the data of the calibration's charts: per chart (its file name
 * without extension) and period of the run at the estimate, x (the month index year × 12 + month
 * − 1, or the year), the mean and the 90 % band. Always in the standard style: gnuplot reads it. */
static const ea_tables_col calibration_chart_simulated[EA_COL_CHART_SIM_COUNT] = {
    FIXED("chart"), FIXED("period"), FIXED("x"), FIXED("mean"), FIXED("lower90"), FIXED("upper90"),
};

/* plots/calibration-observed.csv: per chart, each observed row drawn, its x, the figure and its bar
 * (± 2 standard deviations) and whether it was used (0: held out by --until). */
static const ea_tables_col calibration_chart_observed[EA_COL_CHART_OBS_COUNT] = {
    FIXED("chart"), FIXED("date_or_year"), FIXED("x"), FIXED("observed"), FIXED("low"),
    FIXED("high"), FIXED("used"),
};

/* sensitivity.csv: tidy, one row per outcome, parameter and index: method sobol (index first,
 * total), morris (mu_star, sigma) or tornado (low, high: the outcome with the parameter at its
 * law's 5 % and 95 % quantiles), the estimate and its 95 % interval. */
static const ea_tables_col sensitivity[EA_COL_SENSITIVITY_COUNT] = {
    FIXED("outcome"), FIXED("parameter"), FIXED("method"), FIXED("index"), FIXED("estimate"),
    FIXED("lower95"), FIXED("upper95"),
};

/* uncertainty.csv: per scope, year and indicator over every parameter point and replication, the
 * mean and 90 % band, and the variance split into parameter and noise with the parameter's share. */
static const ea_tables_col uncertainty[EA_COL_UNCERTAINTY_COUNT] = {
    FIXED("scope"), FIXED("year"), FIXED("indicator"), FIXED("mean"), FIXED("lower90"),
    FIXED("upper90"), FIXED("var_total"), FIXED("var_parameter"), FIXED("var_noise"),
    FIXED("share_parameter"),
};

/* The column dictionary: the French header of every column name above, written by --csv fr in
 * place of the name (and read back as well as it); an EA_COLUMN_EACH_OTHER prefix gets its French
 * prefix, followed by the scenario's name. A column holding a sum of money says (€) in French;
 * the columns of the long tables (mean, sd, p05…) hold every unit and say none. The README's
 * table is this list (make readme-columns); a test checks that every column above is in it. */
static const ea_tables_word dictionary[] = {
    { "scope", "périmètre" }, { "month", "mois" }, { "year", "année" },
    { "outcome", "issue" }, { "method", "méthode" }, { "index", "indice" },
    { "var_total", "variance totale" }, { "var_parameter", "variance due aux paramètres" },
    { "var_noise", "variance due au hasard" }, { "share_parameter", "part des paramètres" },
    { "indicator", "indicateur" }, { "mean", "moyenne" }, { "sd", "écart-type" },
    { "p05", "p05" }, { "p25", "p25" }, { "p50", "p50" }, { "p75", "p75" }, { "p95", "p95" },
    { "date", "date" }, { "observed", "observé" }, { "sim_mean", "moyenne simulée" },
    { "sim_p05", "p05 simulé" }, { "sim_p95", "p95 simulé" }, { "gap", "écart" },
    { "ratio", "rapport" }, { "in_band", "dans la bande" }, { "n", "n" },
    { "mape_pct", "erreur relative moyenne (%)" }, { "rmse", "erreur quadratique moyenne" },
    { "bias", "biais" }, { "share_in_band", "part dans la bande" }, { "places", "places" },
    { "file_active", "file active" }, { "occupancy", "taux d'occupation" },
    { "unused_places", "places inoccupées" },
    { "unused_value_eur", "valeur des places inoccupées (€)" },
    { "department", "département" }, { "name", "nom" }, { "funding_eur", "financement (€)" },
    { "cost_per_place_eur", "coût par place (€)" },
    { "reference_cost_per_place_eur", "coût de référence par place (€)" },
    { "deviation", "écart à la référence" },
    { "reference_funding_eur", "financement à la référence (€)" },
    { "difference_eur", "différence (€)" }, { "cost_per_person_eur", "coût par personne (€)" },
    { "cost_per_file_active_eur", "coût par personne en file active (€)" },
    { "persons_accompanied", "personnes accompagnées" },
    { "cost_per_accompanied_eur", "coût par personne accompagnée (€)" },
    { "delegated_eur", "crédits délégués (€)" }, { "delegated_share", "part déléguée" },
    { "tolerance_eur", "tolérance (€)" },
    { "outside_tolerance", "hors tolérance" }, { "verdict", "verdict" },
    { "adjustment_eur", "ajustement (€)" }, { "funding_places", "places financées" },
    { "scenario_places", "places du scénario" }, { "stage", "étape" },
    { "departments", "départements" }, { "min", "min" }, { "max", "max" },
    { "regional", "régional" }, { "cv", "coefficient de variation" }, { "gini", "indice de Gini" },
    { "module", "module" }, { "family", "loi" }, { "parameters", "paramètres" },
    { "loglik", "log-vraisemblance" }, { "aic", "AIC" }, { "chosen", "retenue" },
    { "mean_lower95", "moyenne (borne basse 95 %)" },
    { "mean_upper95", "moyenne (borne haute 95 %)" },
    { "delta_aic", "écart d'AIC" }, { "events", "événements" },
    { "time_months", "durée (mois)" }, { "at_risk", "à risque" }, { "censored", "censurés" },
    { "survival", "survie" }, { "se", "erreur type" }, { "lower95", "borne basse 95 %" },
    { "upper95", "borne haute 95 %" }, { "kind", "type" }, { "item", "élément" },
    { "estimate", "estimation" }, { "point", "point" }, { "waiting", "liste d'attente" },
    { "mean_wait_days", "attente moyenne (jours)" }, { "staff_fte_needed", "ETP nécessaires" },
    { "spend_eur", "dépense (€)" }, { "staff_cost_needed_eur", "coût du personnel nécessaire (€)" },
    { "cost_per_exit_emploi_eur", "coût par sortie en emploi (€)" }, { "key", "clé" },
    { "target", "cible" }, { "value", "valeur" }, { "evaluations", "évaluations" },
    { "operator", "opérateur" }, { "threshold", "seuil" }, { "level", "niveau" },
    { "direction", "sens" }, { "met", "atteinte" }, { "answer", "réponse" },
    { "value_at_answer", "valeur à la réponse" }, { "share_at_answer", "part atteinte à la réponse" },
    { "next_key_value", "valeur voisine de la clé" }, { "value_next", "valeur à la voisine" },
    { "share_next", "part atteinte à la voisine" }, { "at_grid_edge", "au bord de la grille" },
    { "places_now", "places actuelles" }, { "places_needed", "places nécessaires" },
    { "change", "variation" }, { "cost_eur", "coût annuel (€)" },
    { "value_one_less", "valeur avec une place de moins" },
    { "share_one_less", "part atteinte avec une place de moins" },
    { "fte_funded", "ETP financés" }, { "fte_needed", "ETP nécessaires" },
    { "fte_needed_at_level", "ETP nécessaires au niveau de confiance" },
    { "fte_gap", "écart ETP (financés − nécessaires)" }, { "fte_sufficient", "ETP suffisants" },
    { "fte_now", "ETP actuels" }, { "staff_cost_eur", "coût du personnel par an (€)" },
    { "value_tenth_less", "valeur avec un dixième d'ETP de moins" },
    { "share_tenth_less", "part atteinte avec un dixième d'ETP de moins" },
    { "places_added", "places ajoutées" }, { "places_after", "places après" },
    { "value_before", "valeur avant" }, { "value_after", "valeur après" },
    { "met_after", "cible atteinte après" },
    { "diff_", "écart " }, { "low95_", "borne basse 95 % " }, { "high95_", "borne haute 95 % " },
    { "beyond_noise_", "au-delà du bruit " }, { "scenario", "scénario" }, { "start", "début" },
    { "months", "nombre de mois" }, { "capacity_mode", "mode de capacité" },
    { "replications", "réplications" }, { "seed", "graine" },
    { "differs_from_first", "diffère du premier" }, { "size", "taille" }, { "sha256", "sha256" },
    { "parameter", "paramètre" }, { "lower_bound", "borne inférieure" },
    { "upper_bound", "borne supérieure" }, { "at_bound", "à la borne" },
    { "identified", "identifié" }, { "date_or_year", "date ou année" },
    { "observed_sd", "écart-type observé" }, { "lower90", "borne basse 90 %" },
    { "upper90", "borne haute 90 %" }, { "implausibility", "invraisemblance" },
    { "used", "utilisée" }, { "evaluation", "évaluation" }, { "objective", "objectif" },
    { "phase", "phase" }, { "gap_pct", "écart (%)" }, { "chart", "graphique" },
    { "period", "période" }, { "x", "abscisse" }, { "low", "bas" }, { "high", "haut" },
};

typedef struct table {
    const char *file;
    const ea_tables_col *columns;
    int ncolumns;
} table;

static const table tables[EA_TABLE_COUNT] = {
    [EA_TABLE_MONTHLY] = { "monthly.csv", COLUMNS(monthly) },
    [EA_TABLE_ANNUAL] = { "annual.csv", COLUMNS(annual) },
    [EA_TABLE_RUN_INI] = { "run.ini", NULL, 0 },
    [EA_TABLE_COMPARE] = { "compare.csv", COLUMNS(compare) },
    [EA_TABLE_COMPARE_SUMMARY] = { "compare-summary.csv", COLUMNS(compare_summary) },
    [EA_TABLE_CAPACITY] = { "capacity.csv", COLUMNS(capacity) },
    [EA_TABLE_COSTS] = { "costs.csv", COLUMNS(costs) },
    [EA_TABLE_COSTS_DISPERSION] = { "costs-dispersion.csv", COLUMNS(costs_dispersion) },
    [EA_TABLE_COSTS_MISMATCHES] = { "costs-mismatches.csv", COLUMNS(costs_mismatches) },
    [EA_TABLE_FIT] = { "fit.csv", COLUMNS(fit) },
    [EA_TABLE_KM] = { "km.csv", COLUMNS(km) },
    [EA_TABLE_ESTIMATES] = { "estimates.csv", COLUMNS(estimates) },
    [EA_TABLE_FITTED_INI] = { "fitted.ini", NULL, 0 },
    [EA_TABLE_SWEEP] = { "sweep.csv", COLUMNS(sweep) },
    [EA_TABLE_SWEEP_SUMMARY] = { "sweep-summary.csv", COLUMNS(sweep_summary) },
    [EA_TABLE_SWEEP_TARGET] = { "sweep-target.csv", COLUMNS(sweep_target) },
    [EA_TABLE_SWEEP_INI] = { "sweep.ini", NULL, 0 },
    [EA_TABLE_PLACES] = { "places.csv", COLUMNS(places) },
    [EA_TABLE_FTE] = { "fte.csv", COLUMNS(fte) },
    [EA_TABLE_ENVELOPE] = { "envelope.csv", COLUMNS(envelope) },
    [EA_TABLE_SCENARIOS] = { "scenarios.csv", COLUMNS(scenarios) },
    [EA_TABLE_SCENARIOS_STRUCTURE] = { "scenarios-structure.csv", COLUMNS(structure) },
    [EA_TABLE_MANIFEST] = { "manifest.csv", COLUMNS(manifest) },
    [EA_TABLE_CALIBRATION] = { "calibration.csv", COLUMNS(calibration) },
    [EA_TABLE_CALIBRATION_TARGETS] = { "targets.csv", COLUMNS(calibration_targets) },
    [EA_TABLE_CALIBRATION_TRACE] = { "trace.csv", COLUMNS(calibration_trace) },
    [EA_TABLE_CALIBRATION_BACKTEST] = { "backtest.csv", COLUMNS(calibration_backtest) },
    [EA_TABLE_CALIBRATED_INI] = { "calibrated.ini", NULL, 0 },
    [EA_TABLE_CALIBRATION_SUMMARY] = { "summary.txt", NULL, 0 },
    [EA_TABLE_CALIBRATION_CHART_SIMULATED] = { "plots/calibration-simulated.csv",
                                               COLUMNS(calibration_chart_simulated) },
    [EA_TABLE_CALIBRATION_CHART_OBSERVED] = { "plots/calibration-observed.csv",
                                              COLUMNS(calibration_chart_observed) },
    [EA_TABLE_SENSITIVITY] = { "sensitivity.csv", COLUMNS(sensitivity) },
    [EA_TABLE_SENSITIVITY_SUMMARY] = { "sensitivity.txt", NULL, 0 },
    [EA_TABLE_UNCERTAINTY] = { "uncertainty.csv", COLUMNS(uncertainty) },
};

const char *ea_tables_file(ea_tables_id t)
{
    return tables[t].file;
}
int ea_tables_ncolumns(ea_tables_id t)
{
    return tables[t].ncolumns;
}
const ea_tables_col *ea_tables_column(ea_tables_id t, int col)
{
    return &tables[t].columns[col];
}

int ea_tables_nwords(void)
{
    return (int)(sizeof dictionary / sizeof *dictionary);
}

const ea_tables_word *ea_tables_word_at(int i)
{
    return &dictionary[i];
}

const char *ea_tables_french(const char *name)
{
    for (size_t i = 0; i < sizeof dictionary / sizeof *dictionary; i++)
        if (strcmp(dictionary[i].name, name) == 0)
            return dictionary[i].fr;
    return NULL;
}

/* The header of a declared name in a style: its French one for people, when the dictionary has
 * it (a test checks that it always does), the name otherwise. */
static const char *styled(const char *name, const eng_csv_style *st)
{
    const char *fr = st->people ? ea_tables_french(name) : NULL;
    return fr ? fr : name;
}

void ea_tables_write_dictionary_markdown(FILE *f)
{
    fputs(eng_msg_tr("| Colonne (`--csv std`) | En-tête (`--csv fr`) |\n|---|---|\n"), f);
    for (size_t i = 0; i < sizeof dictionary / sizeof *dictionary; i++)
        fprintf(f, "| `%s` | %s |\n", dictionary[i].name, dictionary[i].fr);
}

/* Decimals kept in the style for people, one rule per unit: persons, places and days to the
 * tenth, shares as a fraction to the thousandth (0,681 is 68,1 %), hours and euros to the unit,
 * FTE to the hundredth. */
int ea_tables_unit_places(ea_indicators_unit unit)
{
    switch (unit) {
    case EA_UNIT_PERSONS:
    case EA_UNIT_PLACES:
    case EA_UNIT_DAYS: return 1;
    case EA_UNIT_SHARE: return 3;
    case EA_UNIT_FTE: return 2;
    case EA_UNIT_HOURS:
    case EA_UNIT_EUR: return 0;
    }
    return -1;
}

int ea_tables_format_value(char *buf, double x, ea_indicators_unit unit, const eng_csv_style *st)
{
    int places = ea_tables_unit_places(unit);
    return places < 0 ? eng_csv_format_number(buf, x, st)
                      : eng_csv_format_rounded(buf, x, places, st);
}

void ea_tables_write_value(FILE *f, double x, ea_indicators_unit unit, const eng_csv_style *st)
{
    char buf[ENG_CSV_NUMBER_SIZE];
    fwrite(buf, 1, (size_t)ea_tables_format_value(buf, x, unit, st), f);
}

void ea_tables_write_indicator_value(FILE *f, double x, const char *indicator,
                                     const eng_csv_style *st)
{
    const ea_indicators_row *row = ea_indicators_lookup(indicator, NULL);
    if (row)
        ea_tables_write_value(f, x, row->unit, st);
    else
        eng_csv_number(f, x, st);
}

/* Starts a cell of the header: a separator before every cell but the first. */
static void next_cell(FILE *f, int *cells, const eng_csv_style *st)
{
    if ((*cells)++ > 0)
        fputc(st->sep, f);
}

/* Writes the group of EA_COLUMN_EACH_OTHER columns that starts at `first`, once for each name but
 * the first; returns the index after the group. */
static int write_other_group(FILE *f, const table *tb, int first, const char *const *names, int n,
                             int *cells, const eng_csv_style *st)
{
    int end = first;
    while (end < tb->ncolumns && tb->columns[end].kind == EA_COLUMN_EACH_OTHER)
        end++;
    for (int k = 1; k < n; k++)
        for (int c = first; c < end; c++) {
            const char *prefix = styled(tb->columns[c].name, st);
            char name[strlen(prefix) + strlen(names[k]) + 1];
            snprintf(name, sizeof name, "%s%s", prefix, names[k]);
            next_cell(f, cells, st);
            eng_csv_text(f, name, st);
        }
    return end;
}

void ea_tables_write_header_names(FILE *f, ea_tables_id t, const char *const *names, int n,
                                  int optional, const eng_csv_style *st)
{
    const table *tb = &tables[t];
    int cells = 0;
    eng_csv_begin(f, st);
    for (int c = 0; c < tb->ncolumns;) {
        const ea_tables_col *col = &tb->columns[c];
        if (col->kind == EA_COLUMN_EACH_OTHER) {
            c = write_other_group(f, tb, c, names, n, &cells, st);
            continue;
        }
        if (col->kind == EA_COLUMN_EACH) {
            for (int k = 0; k < n; k++) {
                next_cell(f, &cells, st);
                eng_csv_text(f, names[k], st);
            }
        } else if (col->kind == EA_COLUMN_FIXED || optional) {
            next_cell(f, &cells, st);
            eng_csv_text(f, styled(col->name, st), st);
        }
        c++;
    }
    fputc('\n', f);
}

void ea_tables_write_header(FILE *f, ea_tables_id t, const eng_csv_style *st)
{
    ea_tables_write_header_names(f, t, NULL, 0, 0, st);
}

/* A declared column is found by its name or by its French header (a table written by --csv fr). */
int ea_tables_find(const eng_csv *t, ea_tables_id table, int col)
{
    const char *name = tables[table].columns[col].name, *fr = ea_tables_french(name);
    int c = eng_csv_column(t, name);
    return c < 0 && fr ? eng_csv_column(t, fr) : c;
}

int ea_tables_require(const eng_csv *t, ea_tables_id table, int col, int *index, eng_error *err)
{
    int c = ea_tables_find(t, table, col);
    if (c >= 0) {
        *index = c;
        return ENG_OK;
    }
    return eng_csv_require(t, tables[table].columns[col].name, index, err);
}

int ea_tables_header_is(const char *header, ea_tables_id table, int col)
{
    const char *name = tables[table].columns[col].name, *fr = ea_tables_french(name);
    return eng_text_casecmp(header, name) == 0 || (fr && strcmp(header, fr) == 0);
}

size_t ea_tables_header_prefix(const char *header, ea_tables_id table, int col)
{
    const char *name = tables[table].columns[col].name, *fr = ea_tables_french(name);
    if (strncmp(header, name, strlen(name)) == 0)
        return strlen(name);
    return fr && strncmp(header, fr, strlen(fr)) == 0 ? strlen(fr) : 0;
}

int ea_tables_get_year(const eng_csv *t, size_t row, int col, int *year, eng_error *err)
{
    double y;
    if (eng_csv_get_number(t, row, col, &y, NULL, err) != ENG_OK)
        return ENG_EINPUT;
    if (!(y >= 1 && y <= 9999 && y == floor(y)))
        return eng_csv_cell_error(t, row, col, err, "« %s » n'est pas une année",
                                  eng_csv_get_text(t, row, col));
    *year = (int)y;
    return ENG_OK;
}

/* ---- The summary reader ------------------------------------------------------------------- */

struct ea_tables_store {
    eng_csv *csv;                      /* the strings point into it */
    ea_tables_series *series;
    const char **scopes, **indicators;
    int scap, icap;
    int *period;                       /* every row, in the order of the series */
    double (*stat)[EA_NSTATS];
};

/* A row of the file: its scope, indicator and period. */
typedef struct row_key {
    int scope, indicator, period;
    size_t row;
} row_key;

void ea_tables_summary_free(ea_tables_summary *s)
{
    if (!s)
        return;
    if (s->store) {
        eng_csv_free(s->store->csv);
        free(s->store->series);
        free(s->store->scopes);
        free(s->store->indicators);
        free(s->store->period);
        free(s->store->stat);
        free(s->store);
    }
    free(s);
}

static int oom(eng_error *err)
{
    return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
}

/* The index of s in a list of distinct strings, appended when new; -1 when out of memory. The
 * last index found is tried first: rows come grouped. */
static int intern(const char ***list, int *n, int *cap, int *last, const char *s)
{
    if (*last >= 0 && *last < *n && strcmp((*list)[*last], s) == 0)
        return *last;
    for (int i = 0; i < *n; i++)
        if (strcmp((*list)[i], s) == 0)
            return *last = i;
    if (eng_array_reserve_int(list, cap, *n + 1, sizeof **list, 16) != 0)
        return -1;
    (*list)[*n] = s;
    return *last = (*n)++;
}

/* The period of a row: the month index of a date in monthly.csv, or a year. */
static int read_period(const eng_csv *t, size_t row, int col, int annual, int *period, eng_error *err)
{
    if (!annual) {
        eng_date dt;
        if (eng_csv_get_date(t, row, col, &dt, NULL, err) != ENG_OK)
            return ENG_EINPUT;
        *period = eng_date_month_index(dt);
        return ENG_OK;
    }
    return ea_tables_get_year(t, row, col, period, err);
}

static int cmp_key(const void *a, const void *b)
{
    const row_key *x = a, *y = b;
    if (x->scope != y->scope)
        return x->scope < y->scope ? -1 : 1;
    if (x->indicator != y->indicator)
        return x->indicator < y->indicator ? -1 : 1;
    return (x->period > y->period) - (x->period < y->period);
}

/* The key of every row, with the lists of scopes and indicators. */
static int read_keys(ea_tables_summary *s, const int *cols, int annual, row_key *keys, eng_error *err)
{
    struct ea_tables_store *st = s->store;
    int slast = -1, ilast = -1, status = ENG_OK;
    size_t n = eng_csv_nrows(st->csv);
    for (size_t r = 0; r < n && status == ENG_OK; r++) {
        row_key *k = &keys[r];
        k->row = r;
        k->scope = intern(&st->scopes, &s->nscopes, &st->scap, &slast,
                          eng_csv_get_text(st->csv, r, cols[EA_COL_SUMMARY_SCOPE]));
        k->indicator = intern(&st->indicators, &s->nindicators, &st->icap, &ilast,
                              eng_csv_get_text(st->csv, r, cols[EA_COL_SUMMARY_INDICATOR]));
        if (k->scope < 0 || k->indicator < 0)
            return oom(err);
        status = read_period(st->csv, r, cols[EA_COL_SUMMARY_PERIOD], annual, &k->period, err);
        if (r == 0 || k->period < s->first_period)
            s->first_period = k->period;
        if (r == 0 || k->period > s->last_period)
            s->last_period = k->period;
    }
    s->scopes = st->scopes;
    s->indicators = st->indicators;
    return status;
}

/* Sorts the keys into series and counts these; a row given twice is an error. */
static int group_keys(const ea_tables_summary *s, const int *cols, row_key *keys, size_t n,
                      int *ngroups, eng_error *err)
{
    const eng_csv *t = s->store->csv;
    *ngroups = n > 0;
    qsort(keys, n, sizeof *keys, cmp_key);
    for (size_t r = 1; r < n; r++) {
        if (cmp_key(&keys[r - 1], &keys[r]) == 0)
            return eng_error_set(err, ENG_EINPUT, "%s, ligne %ld : la ligne de %s, %s et %s est donnée deux "
                                 "fois (d'abord à la ligne %ld) ; gardez-en une", eng_csv_name(t), eng_csv_line(t, keys[r].row),
                                 s->scopes[keys[r].scope], s->indicators[keys[r].indicator],
                                 eng_csv_get_text(t, keys[r].row, cols[EA_COL_SUMMARY_PERIOD]),
                                 eng_csv_line(t, keys[r - 1].row));
        *ngroups += keys[r].scope != keys[r - 1].scope || keys[r].indicator != keys[r - 1].indicator;
    }
    return ENG_OK;
}

/* Fills the series from the sorted keys: periods and statistics, one block of each for all. */
static int fill_series(ea_tables_summary *s, const int *cols, const row_key *keys, size_t n,
                       int ngroups, eng_error *err)
{
    struct ea_tables_store *st = s->store;
    st->series = calloc(ngroups ? (size_t)ngroups : 1, sizeof *st->series);
    st->period = malloc((n ? n : 1) * sizeof *st->period);
    st->stat = malloc((n ? n : 1) * sizeof *st->stat);
    if (!st->series || !st->period || !st->stat)
        return oom(err);
    s->series = st->series;
    for (size_t r = 0; r < n; r++) {
        if (r == 0 || keys[r].scope != keys[r - 1].scope || keys[r].indicator != keys[r - 1].indicator) {
            ea_tables_series *se = &st->series[s->nseries++];
            se->scope = s->scopes[keys[r].scope];
            se->indicator = s->indicators[keys[r].indicator];
            se->period = st->period + r;
            se->stat = (const double (*)[EA_NSTATS])(st->stat + r);
        }
        ea_tables_series *se = &st->series[s->nseries - 1];
        st->period[r] = keys[r].period;
        for (int k = 0; k < EA_NSTATS; k++) {
            int col = cols[EA_COL_SUMMARY_STATS + k], missing;
            st->stat[r][k] = NAN;
            if (col >= 0 && eng_csv_get_number(st->csv, keys[r].row, col, &st->stat[r][k], &missing,
                                                err) != ENG_OK)
                return ENG_EINPUT;
        }
        se->n++;
    }
    return ENG_OK;
}

/* Finds the columns of a summary table in the file: scope, period, indicator and mean required. */
static int summary_columns(const eng_csv *t, ea_tables_id table, int *cols, eng_error *err)
{
    static const int required[] = { EA_COL_SUMMARY_SCOPE, EA_COL_SUMMARY_PERIOD,
                                    EA_COL_SUMMARY_INDICATOR, EA_COL_SUMMARY_STATS + EA_STAT_MEAN };
    for (int c = 0; c < EA_COL_SUMMARY_STATS + EA_NSTATS; c++)
        cols[c] = ea_tables_find(t, table, c);
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (ea_tables_require(t, table, required[i], &cols[required[i]], err) != ENG_OK)
            return ENG_EINPUT;
    return ENG_OK;
}

int ea_tables_summary_read(const char *path, ea_tables_id table, ea_tables_summary **out,
                           eng_error *err)
{
    *out = NULL;
    ea_tables_summary *s = calloc(1, sizeof *s);
    if (!s || !(s->store = calloc(1, sizeof *s->store))) {
        ea_tables_summary_free(s);
        return oom(err);
    }
    int cols[EA_COL_SUMMARY_STATS + EA_NSTATS], ngroups = 0;
    row_key *keys = NULL;
    int status = eng_csv_read(path, &s->store->csv, err);
    if (status == ENG_OK)
        status = summary_columns(s->store->csv, table, cols, err);
    size_t n = status == ENG_OK ? eng_csv_nrows(s->store->csv) : 0;
    if (status == ENG_OK && !(keys = malloc((n ? n : 1) * sizeof *keys)))
        status = oom(err);
    if (status == ENG_OK)
        status = read_keys(s, cols, table == EA_TABLE_ANNUAL, keys, err);
    if (status == ENG_OK)
        status = group_keys(s, cols, keys, n, &ngroups, err);
    if (status == ENG_OK)
        status = fill_series(s, cols, keys, n, ngroups, err);
    free(keys);
    if (status != ENG_OK) {
        ea_tables_summary_free(s);
        return status;
    }
    *out = s;
    return ENG_OK;
}

const ea_tables_series *ea_tables_summary_find(const ea_tables_summary *s, const char *scope,
                                               const char *indicator)
{
    for (int i = 0; i < s->nseries; i++)
        if (strcmp(s->series[i].scope, scope) == 0 && strcmp(s->series[i].indicator, indicator) == 0)
            return &s->series[i];
    return NULL;
}

static int find_name(const char *const *list, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return i;
    return -1;
}

int ea_tables_summary_scope(const ea_tables_summary *s, const char *scope)
{
    return find_name(s->scopes, s->nscopes, scope);
}

int ea_tables_summary_indicator(const ea_tables_summary *s, const char *indicator)
{
    return find_name(s->indicators, s->nindicators, indicator);
}

int ea_tables_series_find(const ea_tables_series *se, int period)
{
    int lo = 0, hi = se->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (se->period[mid] == period)
            return mid;
        if (se->period[mid] < period)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}
