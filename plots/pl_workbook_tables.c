/* pl_workbook_tables.c — The sheets of tableaux.xlsx made row by row from the other analyses'
 * tables: cost homogenisation, observed beside simulated, the sweep, scenarios side by side, and
 * the scenario's assumptions as the report words them (pl_assumptions). */
#include "pl_workbook_tables.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../engine/eng_date.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_path.h"
#include "../engine/eng_text.h"
#include "../models/ea_costs.h"
#include "../models/ea_indicators.h"
#include "../models/ea_param.h"
#include "pl_assumptions.h"
#include "pl_text.h"

/* What a sheet's rows need besides their table. */
typedef struct ctx {
    pl_xlsx *x;
    const pl_data *d;
    pl_text_lang lang;
    const char *reps;
    const ea_scenarios *scenarios;   /* names the departments of scenarios.csv; may be NULL */
} ctx;

/* How a column of a table shows in its sheet. */
typedef enum cell_kind {
    CELL_NUMBER,        /* a number in the column's format */
    CELL_BY_INDICATOR,  /* a number in the format of the row's indicator */
    CELL_CODE,          /* a department's code, as text; nothing for the region */
    CELL_NAME,          /* the name of the row's scope (run.ini, else the first compared
                           scenario's), from the code column */
    CELL_SCOPE,         /* a department's code, or the region in words */
    CELL_TEXT,          /* the text as written */
    CELL_PERIOD,        /* a month YYYY-MM in words ("mars 2022"), a year as it is */
    CELL_INDICATOR,     /* an indicator's label */
    CELL_YES_NO,        /* 1 or 0 as oui or non */
    CELL_VERDICT,       /* a verdict of costs.csv, in the messages' language */
    CELL_PARAMETER,     /* an uncertain parameter's name, in words (ea_param_label) */
    CELL_WORD           /* a code of a table in words (table_words) */
} cell_kind;

typedef struct column_spec {
    int col;                   /* declared column (ea_tables.h) */
    const char *heading;       /* French (ENG_MSG_N) */
    cell_kind kind;
    pl_xlsx_format format;
} column_spec;

/* The most columns a sheet of a table shows. */
enum { MAX_SHEET_COLS = 32 };

typedef struct sheet_spec {
    ea_tables_id table;
    const char *name, *title;  /* French; the title has a %s for the replications' phrase */
    const column_spec *cols;
    int ncols;
    int frozen;                /* the first columns that stay in view */
    int scope_col, indicator_col;   /* declared columns of the scope and indicator, or -1 */
} sheet_spec;

/* The codes of the tables in words: the methods and indices of sensitivity.csv, the stages of
 * costs-dispersion.csv. */
static const char *const table_words[][2] = {
    { "sobol", "Sobol" }, { "morris", "Morris" }, { "tornado", ENG_MSG_N("tornade") },
    { "first", ENG_MSG_N("premier ordre") }, { "total", ENG_MSG_N("total") }, { "mu_star", "μ*" },
    { "sigma", "σ" }, { "low", ENG_MSG_N("quantile 5 %") }, { "high", ENG_MSG_N("quantile 95 %") },
    /* The stages of costs-dispersion.csv. */
    { "funded", ENG_MSG_N("tel que financé") }, { "homogenised", ENG_MSG_N("à la référence") } };

static const column_spec costs_cols[] = {
    { EA_COL_COSTS_YEAR, ENG_MSG_N("Année"), CELL_NUMBER, PL_XLSX_YEAR },
    { EA_COL_COSTS_DEPARTMENT, ENG_MSG_N("Code"), CELL_CODE, 0 },
    { EA_COL_COSTS_DEPARTMENT, ENG_MSG_N("Département"), CELL_NAME, 0 },
    { EA_COL_COSTS_PLACES, ENG_MSG_N("Places"), CELL_NUMBER, PL_XLSX_INT },
    { EA_COL_COSTS_FUNDING_EUR, ENG_MSG_N("Financement"), CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_COSTS_COST_PER_PLACE_EUR, ENG_MSG_N("Coût par place"), CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_COSTS_REFERENCE_COST_PER_PLACE_EUR, ENG_MSG_N("Coût de référence par place"),
      CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_COSTS_DEVIATION, ENG_MSG_N("Écart au coût de référence"), CELL_NUMBER,
      PL_XLSX_SHARE },
    { EA_COL_COSTS_REFERENCE_FUNDING_EUR, ENG_MSG_N("Financement au coût de référence"),
      CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_COSTS_TOLERANCE_EUR, ENG_MSG_N("Tolérance (± €)"), CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_COSTS_VERDICT, ENG_MSG_N("Verdict"), CELL_VERDICT, 0 },
    { EA_COL_COSTS_ADJUSTMENT_EUR, ENG_MSG_N("Montant pour être à la référence"), CELL_NUMBER, PL_XLSX_EUR },
    /* What the terminal and costs.csv give beside the verdict, empty where the table is silent. */
    { EA_COL_COSTS_FILE_ACTIVE, ENG_MSG_N("File active"), CELL_NUMBER, PL_XLSX_INT },
    { EA_COL_COSTS_COST_PER_FILE_ACTIVE_EUR, ENG_MSG_N("Financement par personne de la file active"),
      CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_COSTS_PERSONS_ACCOMPANIED, ENG_MSG_N("Personnes accompagnées dans l'année"),
      CELL_NUMBER, PL_XLSX_INT },
    { EA_COL_COSTS_COST_PER_ACCOMPANIED_EUR, ENG_MSG_N("Financement par personne accompagnée"),
      CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_COSTS_DELEGATED_EUR, ENG_MSG_N("Crédits délégués"), CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_COSTS_DELEGATED_SHARE, ENG_MSG_N("Part déléguée"), CELL_NUMBER, PL_XLSX_SHARE },
};

static const column_spec compare_cols[] = {
    { EA_COL_COMPARE_SCOPE, ENG_MSG_N("Code"), CELL_CODE, 0 },
    { EA_COL_COMPARE_SCOPE, ENG_MSG_N("Département"), CELL_NAME, 0 },
    { EA_COL_COMPARE_DATE, ENG_MSG_N("Période"), CELL_PERIOD, 0 },
    { EA_COL_COMPARE_INDICATOR, ENG_MSG_N("Indicateur"), CELL_INDICATOR, 0 },
    { EA_COL_COMPARE_OBSERVED, ENG_MSG_N("Observé"), CELL_BY_INDICATOR, 0 },
    { EA_COL_COMPARE_SIM_MEAN, ENG_MSG_N("Simulé (moyenne)"), CELL_BY_INDICATOR, 0 },
    { EA_COL_COMPARE_SIM_P05, ENG_MSG_N("p05"), CELL_BY_INDICATOR, 0 },
    { EA_COL_COMPARE_SIM_P95, ENG_MSG_N("p95"), CELL_BY_INDICATOR, 0 },
    { EA_COL_COMPARE_GAP, ENG_MSG_N("Écart (observé − simulé)"), CELL_BY_INDICATOR, 0 },
    { EA_COL_COMPARE_RATIO, ENG_MSG_N("Rapport observé / simulé"), CELL_NUMBER, PL_XLSX_DEC2 },
    { EA_COL_COMPARE_IN_BAND, ENG_MSG_N("Dans la bande p05–p95"), CELL_YES_NO, 0 },
};

static const sheet_spec costs_sheet = {
    EA_TABLE_COSTS, ENG_MSG_N("Homogénéisation"),
    ENG_MSG_N("Homogénéisation des coûts par département et par année : coût par place, écart au "
              "coût de référence, tolérance, verdict et montant pour être à la référence (financements du fichier, non "
              "simulés)%s"),
    costs_cols, sizeof costs_cols / sizeof *costs_cols, 3, EA_COL_COSTS_DEPARTMENT, -1
};

/* costs-dispersion.csv: how far the costs per place spread, as funded and at the reference. */
static const column_spec dispersion_cols[] = {
    { EA_COL_DISPERSION_YEAR, ENG_MSG_N("Année"), CELL_NUMBER, PL_XLSX_YEAR },
    { EA_COL_DISPERSION_STAGE, ENG_MSG_N("Étape"), CELL_WORD, 0 },
    { EA_COL_DISPERSION_DEPARTMENTS, ENG_MSG_N("Départements"), CELL_NUMBER, PL_XLSX_INT },
    { EA_COL_DISPERSION_MIN, ENG_MSG_N("Coût par place minimal"), CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_DISPERSION_MAX, ENG_MSG_N("Coût par place maximal"), CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_DISPERSION_MEAN, ENG_MSG_N("Moyenne non pondérée"), CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_DISPERSION_REGIONAL, ENG_MSG_N("Coût par place de l'ensemble"), CELL_NUMBER,
      PL_XLSX_EUR },
    { EA_COL_DISPERSION_CV, ENG_MSG_N("Coefficient de variation"), CELL_NUMBER, PL_XLSX_DEC2 },
    { EA_COL_DISPERSION_GINI, ENG_MSG_N("Indice de Gini"), CELL_NUMBER, PL_XLSX_DEC2 },
};

static const sheet_spec dispersion_sheet = {
    EA_TABLE_COSTS_DISPERSION, ENG_MSG_N("Dispersion des coûts"),
    ENG_MSG_N("Dispersion du coût par place entre départements, par année : tel que financé, puis "
              "à la référence (0 quand tous y sont) ; coefficient de variation et indice de Gini "
              "(financements du fichier, non simulés)%s"),
    dispersion_cols, sizeof dispersion_cols / sizeof *dispersion_cols, 2, -1, -1
};

static const sheet_spec compare_sheet = {
    EA_TABLE_COMPARE, ENG_MSG_N("Observé – simulé"),
    ENG_MSG_N("Observé et simulé par département et par date, avec la bande de 90 %% (p05 à "
              "p95) ; les places, données du scénario, y sont égales par construction et ne "
              "disent rien de la simulation ; simulé : %s"),
    compare_cols, sizeof compare_cols / sizeof *compare_cols, 4, EA_COL_COMPARE_SCOPE,
    EA_COL_COMPARE_INDICATOR
};

/* places.csv: the value of the target's indicator is shown with one decimal, whatever its unit
 * (persons, days or a share), since the table does not say which indicator it is. */
static const column_spec places_cols[] = {
    { EA_COL_PLACES_DEPARTMENT, ENG_MSG_N("Code"), CELL_SCOPE, 0 },
    { EA_COL_PLACES_NAME, ENG_MSG_N("Département"), CELL_TEXT, 0 },
    { EA_COL_PLACES_NOW, ENG_MSG_N("Places actuelles"), CELL_NUMBER, PL_XLSX_INT },
    { EA_COL_PLACES_NEEDED, ENG_MSG_N("Places nécessaires"), CELL_NUMBER, PL_XLSX_INT },
    { EA_COL_PLACES_CHANGE, ENG_MSG_N("Variation"), CELL_NUMBER, PL_XLSX_INT },
    { EA_COL_PLACES_COST_EUR, ENG_MSG_N("Coût de la variation par an"), CELL_NUMBER, PL_XLSX_EUR },
    { EA_COL_PLACES_VALUE_AT_ANSWER, ENG_MSG_N("Valeur de l'indicateur"), CELL_NUMBER,
      PL_XLSX_DEC1 },
    { EA_COL_PLACES_VALUE_ONE_LESS, ENG_MSG_N("Avec une place de moins"), CELL_NUMBER,
      PL_XLSX_DEC1 },
    { EA_COL_PLACES_SHARE_AT_ANSWER, ENG_MSG_N("Part des réplications qui atteignent la cible"),
      CELL_NUMBER, PL_XLSX_SHARE },
    { EA_COL_PLACES_SHARE_ONE_LESS, ENG_MSG_N("Avec une place de moins (part)"), CELL_NUMBER,
      PL_XLSX_SHARE },
    { EA_COL_PLACES_FTE_FUNDED, ENG_MSG_N("ETP financés"), CELL_NUMBER, PL_XLSX_DEC1 },
    { EA_COL_PLACES_FTE_NEEDED, ENG_MSG_N("ETP nécessaires"), CELL_NUMBER, PL_XLSX_DEC1 },
    { EA_COL_PLACES_FTE_NEEDED_AT_LEVEL, ENG_MSG_N("ETP nécessaires au niveau de confiance"),
      CELL_NUMBER, PL_XLSX_DEC1 },
    { EA_COL_PLACES_FTE_GAP, ENG_MSG_N("Écart ETP (financés − nécessaires)"), CELL_NUMBER,
      PL_XLSX_DEC1 },
    { EA_COL_PLACES_FTE_SUFFICIENT, ENG_MSG_N("ETP suffisants"), CELL_YES_NO, 0 },
};

static const sheet_spec places_sheet = {
    EA_TABLE_PLACES, ENG_MSG_N("Places nécessaires"),
    ENG_MSG_N("Places nécessaires par département pour atteindre la cible (eaflow places), la "
              "région en dernière ligne : %s"),
    places_cols, sizeof places_cols / sizeof *places_cols, 2, EA_COL_PLACES_DEPARTMENT, -1
};

/* fte.csv (places --search fte): the FTE to the tenth, the indicator with one decimal as in
 * places.csv. */
static const column_spec fte_cols[] = {
    { EA_COL_FTE_DEPARTMENT, ENG_MSG_N("Code"), CELL_SCOPE, 0 },
    { EA_COL_FTE_NAME, ENG_MSG_N("Département"), CELL_TEXT, 0 },
    { EA_COL_FTE_NOW, ENG_MSG_N("ETP financés"), CELL_NUMBER, PL_XLSX_DEC1 },
    { EA_COL_FTE_NEEDED, ENG_MSG_N("ETP nécessaires"), CELL_NUMBER, PL_XLSX_DEC1 },
    { EA_COL_FTE_CHANGE, ENG_MSG_N("Variation"), CELL_NUMBER, PL_XLSX_DEC1 },
    { EA_COL_FTE_STAFF_COST_EUR, ENG_MSG_N("Coût de la variation par an"), CELL_NUMBER,
      PL_XLSX_EUR },
    { EA_COL_FTE_VALUE_AT_ANSWER, ENG_MSG_N("Valeur de l'indicateur"), CELL_NUMBER, PL_XLSX_DEC1 },
    { EA_COL_FTE_VALUE_TENTH_LESS, ENG_MSG_N("Avec 0,1 ETP de moins"), CELL_NUMBER, PL_XLSX_DEC1 },
    { EA_COL_FTE_SHARE_AT_ANSWER, ENG_MSG_N("Part des réplications qui atteignent la cible"),
      CELL_NUMBER, PL_XLSX_SHARE },
    { EA_COL_FTE_SHARE_TENTH_LESS, ENG_MSG_N("Avec 0,1 ETP de moins (part)"), CELL_NUMBER,
      PL_XLSX_SHARE },
};

static const sheet_spec fte_sheet = {
    EA_TABLE_FTE, ENG_MSG_N("ETP nécessaires"),
    ENG_MSG_N("ETP de conseillers nécessaires par département pour atteindre la cible (eaflow "
              "places --search fte), leur ensemble en dernière ligne : %s"),
    fte_cols, sizeof fte_cols / sizeof *fte_cols, 2, EA_COL_FTE_DEPARTMENT, -1
};

/* envelope.csv (places --envelope): the indicator before and after with one decimal. */
static const column_spec envelope_cols[] = {
    { EA_COL_ENVELOPE_DEPARTMENT, ENG_MSG_N("Code"), CELL_SCOPE, 0 },
    { EA_COL_ENVELOPE_NAME, ENG_MSG_N("Département"), CELL_TEXT, 0 },
    { EA_COL_ENVELOPE_PLACES_NOW, ENG_MSG_N("Places actuelles"), CELL_NUMBER, PL_XLSX_INT },
    { EA_COL_ENVELOPE_PLACES_ADDED, ENG_MSG_N("Places ajoutées"), CELL_NUMBER, PL_XLSX_INT },
    { EA_COL_ENVELOPE_PLACES_AFTER, ENG_MSG_N("Places après"), CELL_NUMBER, PL_XLSX_INT },
    { EA_COL_ENVELOPE_COST_EUR, ENG_MSG_N("Coût des places ajoutées par an"), CELL_NUMBER,
      PL_XLSX_EUR },
    { EA_COL_ENVELOPE_VALUE_BEFORE, ENG_MSG_N("Indicateur avant"), CELL_NUMBER, PL_XLSX_DEC1 },
    { EA_COL_ENVELOPE_VALUE_AFTER, ENG_MSG_N("Indicateur après"), CELL_NUMBER, PL_XLSX_DEC1 },
    { EA_COL_ENVELOPE_MET_AFTER, ENG_MSG_N("Cible atteinte après"), CELL_YES_NO, 0 },
};

static const sheet_spec envelope_sheet = {
    EA_TABLE_ENVELOPE, ENG_MSG_N("Enveloppe"),
    ENG_MSG_N("Places de l'enveloppe réparties là où elles améliorent le plus l'indicateur de la "
              "cible (eaflow places --envelope), leur ensemble en dernière ligne : %s"),
    envelope_cols, sizeof envelope_cols / sizeof *envelope_cols, 2, EA_COL_ENVELOPE_DEPARTMENT, -1
};

/* sweep-target.csv (sweep --target): the answer in a row, as the terminal's sentence gives it. */
static const column_spec target_cols[] = {
    { EA_COL_SWEEP_TARGET_KEY, ENG_MSG_N("Clé variée"), CELL_TEXT, 0 },
    { EA_COL_SWEEP_TARGET_TARGET, ENG_MSG_N("Cible"), CELL_TEXT, 0 },
    { EA_COL_SWEEP_TARGET_SCOPE, ENG_MSG_N("Territoire jugé"), CELL_SCOPE, 0 },
    { EA_COL_SWEEP_TARGET_YEAR, ENG_MSG_N("Année"), CELL_NUMBER, PL_XLSX_YEAR },
    { EA_COL_SWEEP_TARGET_MET, ENG_MSG_N("Atteinte sur la grille"), CELL_YES_NO, 0 },
    { EA_COL_SWEEP_TARGET_ANSWER, ENG_MSG_N("Réponse : valeur de la clé"), CELL_NUMBER,
      PL_XLSX_PLAIN },
    { EA_COL_SWEEP_TARGET_VALUE_AT_ANSWER, ENG_MSG_N("Indicateur à la réponse"), CELL_NUMBER,
      PL_XLSX_DEC1 },
    { EA_COL_SWEEP_TARGET_SHARE_AT_ANSWER, ENG_MSG_N("Part des réplications qui l'atteignent"),
      CELL_NUMBER, PL_XLSX_SHARE },
    { EA_COL_SWEEP_TARGET_NEXT_KEY_VALUE, ENG_MSG_N("Valeur voisine qui ne l'atteint pas"),
      CELL_NUMBER, PL_XLSX_PLAIN },
    { EA_COL_SWEEP_TARGET_VALUE_NEXT, ENG_MSG_N("Indicateur à la valeur voisine"), CELL_NUMBER,
      PL_XLSX_DEC1 },
    { EA_COL_SWEEP_TARGET_SHARE_NEXT, ENG_MSG_N("Part à la valeur voisine"), CELL_NUMBER,
      PL_XLSX_SHARE },
    { EA_COL_SWEEP_TARGET_AT_GRID_EDGE, ENG_MSG_N("Au bord de la grille"), CELL_YES_NO, 0 },
    { EA_COL_SWEEP_TARGET_EVALUATIONS, ENG_MSG_N("Simulations"), CELL_NUMBER, PL_XLSX_INT },
};

static const sheet_spec target_sheet = {
    EA_TABLE_SWEEP_TARGET, ENG_MSG_N("Cible"),
    ENG_MSG_N("Réponse à la cible du balayage (eaflow sweep --target) : la valeur de la clé qui "
              "l'atteint, trouvée sur la grille puis par dichotomie, et la valeur voisine qui ne "
              "l'atteint pas ; %s"),
    target_cols, sizeof target_cols / sizeof *target_cols, 2, -1, -1
};

/* sensitivity.csv: the estimates are indices (fractions), Morris's effects or the tornado's
 * outcomes, shown to two decimals whatever they are. */
static const column_spec sensitivity_cols[] = {
    { EA_COL_SENSITIVITY_OUTCOME, ENG_MSG_N("Issue"), CELL_TEXT, 0 },
    { EA_COL_SENSITIVITY_PARAMETER, ENG_MSG_N("Hypothèse"), CELL_PARAMETER, 0 },
    { EA_COL_SENSITIVITY_PARAMETER, ENG_MSG_N("Clé du scénario"), CELL_TEXT, 0 },
    { EA_COL_SENSITIVITY_METHOD, ENG_MSG_N("Méthode"), CELL_WORD, 0 },
    { EA_COL_SENSITIVITY_INDEX, ENG_MSG_N("Indice"), CELL_WORD, 0 },
    { EA_COL_SENSITIVITY_ESTIMATE, ENG_MSG_N("Estimation"), CELL_NUMBER, PL_XLSX_DEC2 },
    { EA_COL_SENSITIVITY_LOWER95, ENG_MSG_N("Borne basse (IC à 95 %)"), CELL_NUMBER, PL_XLSX_DEC2 },
    { EA_COL_SENSITIVITY_UPPER95, ENG_MSG_N("Borne haute (IC à 95 %)"), CELL_NUMBER, PL_XLSX_DEC2 },
};

static const sheet_spec sensitivity_sheet = {
    EA_TABLE_SENSITIVITY, ENG_MSG_N("Sensibilité"),
    ENG_MSG_N("Sensibilité des issues aux hypothèses incertaines : indices de Sobol (premier ordre "
              "et total, part de la variance), criblage de Morris et tornade (l'issue aux quantiles "
              "5 %% et 95 %% de chaque loi), avec leurs intervalles à 95 %% ; issues : %s"),
    sensitivity_cols, sizeof sensitivity_cols / sizeof *sensitivity_cols, 3, -1, -1
};

static const column_spec uncertainty_cols[] = {
    { EA_COL_UNCERTAINTY_SCOPE, ENG_MSG_N("Département"), CELL_SCOPE, 0 },
    { EA_COL_UNCERTAINTY_YEAR, ENG_MSG_N("Année"), CELL_NUMBER, PL_XLSX_YEAR },
    { EA_COL_UNCERTAINTY_INDICATOR, ENG_MSG_N("Indicateur"), CELL_INDICATOR, 0 },
    { EA_COL_UNCERTAINTY_MEAN, ENG_MSG_N("Moyenne"), CELL_BY_INDICATOR, 0 },
    { EA_COL_UNCERTAINTY_LOWER90, ENG_MSG_N("Bande à 90 % : bas"), CELL_BY_INDICATOR, 0 },
    { EA_COL_UNCERTAINTY_UPPER90, ENG_MSG_N("Bande à 90 % : haut"), CELL_BY_INDICATOR, 0 },
    { EA_COL_UNCERTAINTY_SHARE_PARAMETER, ENG_MSG_N("Part de la variance due aux hypothèses"),
      CELL_NUMBER, PL_XLSX_SHARE },
};

static const sheet_spec uncertainty_sheet = {
    EA_TABLE_UNCERTAINTY, ENG_MSG_N("Incertitude"),
    ENG_MSG_N("Bandes qui combinent l'incertitude des hypothèses et le hasard des réplications, et "
              "la part de la variance due aux hypothèses (eaflow simulate --uncertainty) : %s"),
    uncertainty_cols, sizeof uncertainty_cols / sizeof *uncertainty_cols, 3,
    EA_COL_UNCERTAINTY_SCOPE, EA_COL_UNCERTAINTY_INDICATOR
};

int pl_workbook_tables_open(const pl_data *d, ea_tables_id table, eng_csv **t, eng_error *err)
{
    *t = NULL;
    char *path = eng_path_join(d->dir, ea_tables_file(table), err);
    if (!path)
        return ENG_EFAIL;
    struct stat st;
    int status = stat(path, &st) == 0 ? eng_csv_read(path, t, err) : ENG_OK;
    free(path);
    return status;
}

double pl_workbook_tables_observed(const eng_csv *compare, const char *scope,
                                   const char *indicator, int year, int stock)
{
    int cs = compare ? ea_tables_find(compare, EA_TABLE_COMPARE, EA_COL_COMPARE_SCOPE) : -1;
    int cd = compare ? ea_tables_find(compare, EA_TABLE_COMPARE, EA_COL_COMPARE_DATE) : -1;
    int ci = compare ? ea_tables_find(compare, EA_TABLE_COMPARE, EA_COL_COMPARE_INDICATOR) : -1;
    int co = compare ? ea_tables_find(compare, EA_TABLE_COMPARE, EA_COL_COMPARE_OBSERVED) : -1;
    if (cs < 0 || cd < 0 || ci < 0 || co < 0)
        return NAN;
    char whole[16], december[16];
    snprintf(whole, sizeof whole, "%d", year);
    snprintf(december, sizeof december, "%d-12", year);
    for (size_t r = 0; r < eng_csv_nrows(compare); r++) {
        const char *date = eng_csv_get_text(compare, r, cd);
        double v;
        if (strcmp(eng_csv_get_text(compare, r, cs), scope) == 0
            && strcmp(eng_csv_get_text(compare, r, ci), indicator) == 0
            && (strcmp(date, whole) == 0 || (stock && strncmp(date, december, 7) == 0))
            && eng_text_parse_double(eng_csv_get_text(compare, r, co), &v) == 0)
            return v;
    }
    /* The observed occupancy is that of the observed persons and places at the same date, as the
     * report's key figures give it (compare.csv has no row of its own for it). */
    if (strcmp(indicator, "occupancy") == 0) {
        double persons = pl_workbook_tables_observed(compare, scope, "file_active", year, 1);
        double places = pl_workbook_tables_observed(compare, scope, "places", year, 1);
        return places > 0 ? persons / places : NAN;
    }
    return NAN;
}

const char *pl_workbook_tables_label(char *buf, size_t size, const char *indicator,
                                     pl_text_lang lang)
{
    pl_text_indicator_label(buf, size, indicator, lang);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
}

/* ---- Tables shown column by column ---------------------------------------------------------- */

static int is_region(const char *scope)
{
    return eng_text_casecmp(scope, "region") == 0;
}

/* An uncertain parameter in words; its name when it is none (a table from another version). */
static const char *parameter_label(const char *name, char *buf, size_t size)
{
    ea_param p;
    eng_error err;
    if (ea_param_parse(name, &p, &err) != ENG_OK)
        return name;
    return ea_param_label(&p, buf, size);
}

/* One cell of a row; where[] holds the table's columns of the spec's. */
/* A department's name: the one its section gives in run.ini, else, in a comparison of scenarios,
 * the first scenario's when it is more than the code; NULL when none is known. */
static const char *scope_name(const ctx *c, const char *code)
{
    const char *name = pl_data_name(c->d, code);
    for (int i = 0; !name && c->scenarios && i < c->scenarios->nscopes; i++)
        if (strcmp(c->scenarios->scopes[i], code) == 0 && c->scenarios->scope_names[i][0]
            && strcmp(c->scenarios->scope_names[i], code) != 0)
            name = c->scenarios->scope_names[i];
    return name;
}

const char *pl_workbook_tables_whole(const pl_data *d, const ea_scenarios *scenarios)
{
    const char *area = NULL;
    for (int i = 0; scenarios && i < scenarios->nscopes; i++)
        if (is_region(scenarios->scopes[i]) && scenarios->scope_names[i][0])
            area = scenarios->scope_names[i];
    return pl_data_area(d, area ? area : eng_msg_tr("Ensemble de la région"));
}

static int cell(const ctx *c, pl_xlsx_sheet *s, const eng_csv *t, size_t r, int row, int col,
                const column_spec *cs, int where, const char *indicator, eng_error *err)
{
    const char *text = eng_csv_get_text(t, r, where);
    char label[256];
    double v;
    int missing, status = ENG_OK;
    switch (cs->kind) {
    case CELL_NUMBER:
    case CELL_BY_INDICATOR:
    case CELL_YES_NO:
        if ((status = eng_csv_get_number(t, r, where, &v, &missing, err)) != ENG_OK || missing)
            break;
        if (cs->kind == CELL_YES_NO)
            pl_xlsx_text(s, row, col, v != 0 ? eng_msg_tr("oui") : eng_msg_tr("non"));
        else
            pl_xlsx_number(s, row, col, v, cs->kind == CELL_NUMBER ? cs->format
                                                                   : pl_xlsx_indicator_format(indicator));
        break;
    case CELL_CODE:
        pl_xlsx_text(s, row, col, is_region(text) ? NULL : text);
        break;
    case CELL_SCOPE:
        pl_xlsx_text(s, row, col, is_region(text) ? pl_workbook_tables_whole(c->d, c->scenarios)
                                                  : text);
        break;
    case CELL_NAME:
        pl_xlsx_text(s, row, col, is_region(text) ? pl_workbook_tables_whole(c->d, c->scenarios)
                                                  : scope_name(c, text));
        break;
    case CELL_INDICATOR:
        pl_xlsx_text(s, row, col, pl_workbook_tables_label(label, sizeof label, text, c->lang));
        break;
    case CELL_VERDICT:
        /* costs.csv's verdicts, in the messages' language. */
        for (int k = EA_COSTS_CONFORME; k <= EA_COSTS_TO_ADJUST; k++)
            if (strcmp(text, ea_costs_verdict_word(k)) == 0)
                text = eng_msg_tr(ea_costs_verdict_word(k));
        pl_xlsx_text(s, row, col, text);
        break;
    case CELL_TEXT:
        pl_xlsx_text(s, row, col, text);
        break;
    case CELL_PERIOD: {
        int month;
        if (eng_date_month_parse(text, &month) == 0) {
            snprintf(label, sizeof label, "%s %d", pl_text_month_name(month % 12 + 1, 0, c->lang),
                     month / 12);
            text = label;
        }
        pl_xlsx_text(s, row, col, text);
        break;
    }
    case CELL_PARAMETER:
        pl_xlsx_text(s, row, col, parameter_label(text, label, sizeof label));
        break;
    case CELL_WORD:
        for (size_t k = 0; k < sizeof table_words / sizeof *table_words; k++)
            if (strcmp(text, table_words[k][0]) == 0) {
                text = eng_msg_tr(table_words[k][1]);
                break;
            }
        pl_xlsx_text(s, row, col, text);
        break;
    }
    return status;
}

/* A sheet of a table, a row per row of the file, the spec's columns the file has. */
static int spec_sheet(const ctx *c, const sheet_spec *sp, eng_error *err)
{
    eng_csv *t = NULL;
    if (sp->ncols > MAX_SHEET_COLS)
        return eng_error_set(err, ENG_EFAIL, "classeur : feuille %s trop large", sp->name);
    int status = pl_workbook_tables_open(c->d, sp->table, &t, err);
    if (status != ENG_OK || !t)
        return status;
    int where[MAX_SHEET_COLS], frozen = 0, ci = sp->indicator_col >= 0
                                        ? ea_tables_find(t, sp->table, sp->indicator_col) : -1;
    char title[512];
    snprintf(title, sizeof title, eng_msg_tr(sp->title), c->reps);
    pl_xlsx_sheet *s = pl_xlsx_sheet_add(c->x, eng_msg_tr(sp->name), title);
    for (int k = 0, col = 0; s && k < sp->ncols; k++) {
        where[k] = ea_tables_find(t, sp->table, sp->cols[k].col);
        if (where[k] >= 0)
            pl_xlsx_heading(s, 3, col++, eng_msg_tr(sp->cols[k].heading));
        if (k < sp->frozen)
            frozen = col;
    }
    if (s)
        pl_xlsx_freeze(s, 4, frozen);
    for (size_t r = 0; s && r < eng_csv_nrows(t) && status == ENG_OK; r++) {
        const char *indicator = ci >= 0 ? eng_csv_get_text(t, r, ci) : "";
        for (int k = 0, col = 0; k < sp->ncols && status == ENG_OK; k++)
            if (where[k] >= 0)
                status = cell(c, s, t, r, 4 + (int)r, col++, &sp->cols[k], where[k], indicator, err);
    }
    eng_csv_free(t);
    return status;
}

/* ---- Balayage: sweep-summary.csv, a row per point ------------------------------------------- */

/* The column name of a header: the name itself (--csv std), or the name whose French header it
 * is in the tables' dictionary (--csv fr: "file active" is file_active). */
static const char *column_name(const char *header)
{
    for (int i = 0; i < ea_tables_nwords(); i++)
        if (strcmp(ea_tables_word_at(i)->fr, header) == 0)
            return ea_tables_word_at(i)->name;
    return header;
}

/* A cell of the sweep's summary: a number (as the CSV reader reads it, decimal comma included in a
 * file written with --csv fr) in its column's format (year, indicator's unit, or as written), or
 * the text as written. */
static void sweep_cell(pl_xlsx_sheet *s, int row, int col, const eng_csv *t, size_t r, int k)
{
    const char *name = column_name(eng_csv_header(t, k));
    double v;
    int missing;
    eng_error not_a_number;
    if (eng_csv_get_number(t, r, k, &v, &missing, &not_a_number) != ENG_OK || missing) {
        pl_xlsx_text(s, row, col, eng_csv_get_text(t, r, k));
        return;
    }
    if (ea_tables_header_is(name, EA_TABLE_SWEEP, EA_COL_SWEEP_YEAR)
        || ea_tables_header_is(name, EA_TABLE_SWEEP, EA_COL_SWEEP_POINT))
        pl_xlsx_number(s, row, col, v, PL_XLSX_YEAR);
    else if (ea_indicators_lookup(name, NULL))
        pl_xlsx_number(s, row, col, v, pl_xlsx_indicator_format(name));
    else
        pl_xlsx_number(s, row, col, v, PL_XLSX_PLAIN);
}

static int sweep_sheet(const ctx *c, eng_error *err)
{
    eng_csv *t = NULL;
    int status = pl_workbook_tables_open(c->d, EA_TABLE_SWEEP_SUMMARY, &t, err);
    if (status != ENG_OK || !t)
        return status;
    char title[512], label[160];
    snprintf(title, sizeof title, eng_msg_tr("Balayage : les indicateurs de l'ensemble des "
                                             "départements à chaque point (valeurs des clés "
                                             "variées), %s"), c->reps);
    pl_xlsx_sheet *s = pl_xlsx_sheet_add(c->x, eng_msg_tr("Balayage"), title);
    for (int k = 0; s && k < eng_csv_ncols(t); k++) {
        const char *h = column_name(eng_csv_header(t, k));
        if (ea_tables_header_is(h, EA_TABLE_SWEEP, EA_COL_SWEEP_POINT))
            h = eng_msg_tr("Point");
        else if (ea_tables_header_is(h, EA_TABLE_SWEEP, EA_COL_SWEEP_YEAR))
            h = eng_msg_tr("Année");
        else if (ea_indicators_lookup(h, NULL))
            h = pl_workbook_tables_label(label, sizeof label, h, c->lang);
        pl_xlsx_heading(s, 3, k, h);
        for (size_t r = 0; r < eng_csv_nrows(t); r++)
            sweep_cell(s, 4 + (int)r, k, t, r, k);
    }
    if (s)
        pl_xlsx_freeze(s, 4, 1);
    eng_csv_free(t);
    return status;
}

/* ---- Comparaison: scenarios.csv ------------------------------------------------------------- */

/* The paired columns of scenarios.csv: prefix + NAME, for a scenario NAME after the first. */
static const struct {
    int col;
    const char *heading;     /* French, with %s for NAME then the first scenario */
} paired[] = {
    { EA_COL_SCENARIOS_DIFF, ENG_MSG_N("Écart « %s » − « %s »") },
    { EA_COL_SCENARIOS_LOW95, ENG_MSG_N("Borne basse à 95 %% de l'écart « %s » − « %s »") },
    { EA_COL_SCENARIOS_HIGH95, ENG_MSG_N("Borne haute à 95 %% de l'écart « %s » − « %s »") },
    { EA_COL_SCENARIOS_BEYOND_NOISE, ENG_MSG_N("Écart « %s » − « %s » au-delà du bruit") },
};
#define NPAIRED (sizeof paired / sizeof *paired)

/* Which paired column header h is (its index in paired[]), with *name the scenario it names; -1
 * for a scenario's own column. */
static int paired_of(const eng_csv *t, const char *h, const char **name)
{
    for (size_t i = 0; i < NPAIRED; i++) {
        size_t n = ea_tables_header_prefix(h, EA_TABLE_SCENARIOS, paired[i].col);
        if (n > 0 && eng_csv_column(t, h + n) >= 0) {
            *name = h + n;
            return (int)i;
        }
    }
    return -1;
}

/* The headings of the columns after scope, year and indicator, from column 4 of the sheet: each
 * scenario's mean, and the paired differences of each scenario after the first. */
static void scenario_headings(pl_xlsx_sheet *s, const eng_csv *t, const int *fixed)
{
    const char *first = NULL, *name;
    char text[512];
    for (int k = 0, col = 4; k < eng_csv_ncols(t); k++) {
        if (k == fixed[0] || k == fixed[1] || k == fixed[2])
            continue;
        const char *h = eng_csv_header(t, k);
        int p = paired_of(t, h, &name);
        if (p < 0 && !first)
            first = h;
        if (p < 0)
            snprintf(text, sizeof text, eng_msg_tr("Moyenne « %s »"), h);
        else
            snprintf(text, sizeof text, eng_msg_tr(paired[p].heading), name, first ? first : "");
        pl_xlsx_heading(s, 3, col++, text);
    }
}

/* Whether the scenario of that name pairs nothing with the first (ea_scenarios_unpaired), when
 * the comparison is at hand. */
static int unpaired(const ctx *c, const char *name)
{
    for (int k = 1; c->scenarios && k < c->scenarios->n; k++)
        if (strcmp(c->scenarios->names[k], name) == 0)
            return ea_scenarios_unpaired(c->scenarios, k) != NULL;
    return 0;
}

static int scenario_row(const ctx *c, pl_xlsx_sheet *s, const eng_csv *t, size_t r, const int *fixed,
                        eng_error *err)
{
    static const column_spec lead[] = {
        { 0, "", CELL_CODE, 0 }, { 0, "", CELL_NAME, 0 },
        { 0, "", CELL_NUMBER, PL_XLSX_YEAR }, { 0, "", CELL_INDICATOR, 0 },
    };
    static const column_spec yes_no = { 0, "", CELL_YES_NO, 0 }, value = { 0, "", CELL_BY_INDICATOR, 0 };
    const char *indicator = eng_csv_get_text(t, r, fixed[2]), *name;
    int row = 4 + (int)r, status = ENG_OK;
    const int lead_col[] = { fixed[0], fixed[0], fixed[1], fixed[2] };
    for (int k = 0; k < 4 && status == ENG_OK; k++)
        if (lead_col[k] >= 0)
            status = cell(c, s, t, r, row, k, &lead[k], lead_col[k], indicator, err);
    for (int k = 0, col = 4; k < eng_csv_ncols(t) && status == ENG_OK; k++) {
        if (k == fixed[0] || k == fixed[1] || k == fixed[2])
            continue;
        int p = paired_of(t, eng_csv_header(t, k), &name);
        if (p >= 0 && unpaired(c, name)) {   /* a difference that means nothing is not shown */
            pl_xlsx_text(s, row, col++, paired[p].col == EA_COL_SCENARIOS_DIFF
                                            ? eng_msg_tr("sans objet") : NULL);
            continue;
        }
        status = cell(c, s, t, r, row, col++, p >= 0 && paired[p].col == EA_COL_SCENARIOS_BEYOND_NOISE
                                                  ? &yes_no : &value, k, indicator, err);
    }
    return status;
}

static int scenarios_sheet(const ctx *c, eng_error *err)
{
    eng_csv *t = NULL;
    int status = pl_workbook_tables_open(c->d, EA_TABLE_SCENARIOS, &t, err);
    if (status != ENG_OK || !t)
        return status;
    int fixed[3] = { ea_tables_find(t, EA_TABLE_SCENARIOS, EA_COL_SCENARIOS_SCOPE), -1, -1 };
    if ((status = ea_tables_require(t, EA_TABLE_SCENARIOS, EA_COL_SCENARIOS_YEAR, &fixed[1], err))
            != ENG_OK
        || (status = ea_tables_require(t, EA_TABLE_SCENARIOS, EA_COL_SCENARIOS_INDICATOR,
                                       &fixed[2], err)) != ENG_OK) {
        eng_csv_free(t);
        return status;
    }
    char title[512];
    snprintf(title, sizeof title, eng_msg_tr("Comparaison des scénarios par département, année et "
                                             "indicateur : la moyenne de chacun, et l'écart de "
                                             "chacun au premier avec son intervalle de confiance à "
                                             "95 %% ; %s"), c->reps);
    pl_xlsx_sheet *s = pl_xlsx_sheet_add(c->x, eng_msg_tr("Comparaison"), title);
    if (s)
        pl_xlsx_note(s, 1, eng_msg_tr("Un écart est la moyenne des écarts appariés, réplication par "
                                      "réplication. La moyenne d'un ratio (attente moyenne, coût par "
                                      "personne, taux d'occupation) regroupe les réplications (somme "
                                      "des numérateurs sur somme des dénominateurs) : son écart peut "
                                      "différer de la différence des deux moyennes affichées. "
                                      "« sans objet » : le scénario ne s'apparie pas à la référence "
                                      "(autres départements, période ou mode de capacité)."));
    if (s) {
        static const char *const lead[] = { ENG_MSG_N("Code"), ENG_MSG_N("Département"),
                                            ENG_MSG_N("Année"), ENG_MSG_N("Indicateur") };
        for (int k = 0; k < 4; k++)
            pl_xlsx_heading(s, 3, k, eng_msg_tr(lead[k]));
        scenario_headings(s, t, fixed);
        pl_xlsx_freeze(s, 4, 4);
    }
    for (size_t r = 0; s && r < eng_csv_nrows(t) && status == ENG_OK; r++)
        status = scenario_row(c, s, t, r, fixed, err);
    eng_csv_free(t);
    return status;
}

/* ---- Hypothèses: the assumptions table of the report ---------------------------------------- */

/* One row of the sheet: group, parameter, value, source and note. */
static void assumption_row(pl_xlsx_sheet *s, int row, const char *const cells[5])
{
    for (int k = 0; k < 5; k++)
        pl_xlsx_text(s, row, k, cells[k]);
}

/* The comment on a department's value: above its key in that department's section, else the
 * column's (the first department's that comments it). */
static const char *department_note(const ea_assumptions *a, int d, const ea_assumptions_column *col)
{
    for (int x = 0; x < a->nextras; x++)
        if (a->extras[x].department == d && a->extras[x].key == col->key
            && a->extras[x].module == col->module)
            return a->extras[x].note.comment;
    return col->note.comment;
}

/* The rows of the departments: for each one, the keys whose values differ; then the keys they
 * share, once. Returns the next row. */
static int department_rows(pl_xlsx_sheet *s, int row, const pl_assumptions *v)
{
    const ea_assumptions *a = &v->a;
    const ea_scenario *sc = v->sc;
    char group[256], label[256], value[2048], basis[1024];
    for (int d = 0; d < sc->ndepartments && a->ncolumns > 0; d++) {
        snprintf(group, sizeof group, "Département : %s (%s)", sc->departments[d].name,
                 sc->departments[d].code);
        for (int c = 0; c < a->ncolumns; c++) {
            const ea_assumptions_column *col = &a->columns[c];
            const char *note = department_note(a, d, col);
            const char *cells[5] = {
                group, pl_assumptions_label(label, sizeof label, col->key, col->module),
                pl_assumptions_value(value, sizeof value, sc, col->key,
                                     ea_assumptions_department_value(sc, col->key, d, col->module),
                                     1),
                pl_assumptions_basis(basis, sizeof basis, v, col->key, &col->note), note };
            assumption_row(s, row++, cells);
        }
    }
    const char *common = sc->single_platform ? "Plateforme"
                         : sc->ndepartments > 1 ? "Départements : valeurs communes"
                                                : "Département";
    for (int c = 0; c < a->ncommon; c++) {
        const ea_assumptions_column *col = &a->common[c];
        const char *cells[5] = {
            common, pl_assumptions_label(label, sizeof label, col->key, col->module),
            pl_assumptions_value(value, sizeof value, sc, col->key,
                                 ea_assumptions_department_value(sc, col->key, 0, col->module), 1),
            pl_assumptions_basis(basis, sizeof basis, v, col->key, &col->note), col->note.comment };
        assumption_row(s, row++, cells);
    }
    return row;
}

/* The scenario's parameters as the report's assumptions show them (pl_assumptions): a row per
 * parameter of each section and module, then per department where the values differ. */
static int assumptions_sheet(const ctx *c, const ea_scenario *sc, eng_error *err)
{
    if (!sc)
        return ENG_OK;
    pl_assumptions v;
    int status = pl_assumptions_load(sc, c->lang, &v, err);
    if (status != ENG_OK)
        return status;
    char title[512], group[160], label[256], value[2048], basis[1024];
    snprintf(title, sizeof title, eng_msg_tr("Hypothèses du scénario « %s » : chaque paramètre, "
                                             "sa valeur, sa source (SOURCES.md) ou « hypothèse », "
                                             "et la note écrite au-dessus dans le fichier %s"),
             sc->name, eng_path_base(sc->path));
    pl_xlsx_sheet *s = pl_xlsx_sheet_add(c->x, eng_msg_tr("Hypothèses"), title);
    static const char *const headings[] = { ENG_MSG_N("Groupe"), ENG_MSG_N("Paramètre"),
                                            ENG_MSG_N("Valeur"), ENG_MSG_N("Source"),
                                            ENG_MSG_N("Note") };
    for (int k = 0; s && k < 5; k++)
        pl_xlsx_heading(s, 3, k, eng_msg_tr(headings[k]));
    if (s)
        pl_xlsx_freeze(s, 4, 2);
    int row = 4;
    for (int g = 0; s && g < v.a.ngroups; g++) {
        const ea_assumptions_group *gr = &v.a.groups[g];
        pl_assumptions_group_title(group, sizeof group, gr);
        for (int r = 0; r < gr->nrows; r++) {
            const ea_assumptions_row *ar = &gr->rows[r];
            const char *cells[5] = {
                group, pl_assumptions_label(label, sizeof label, ar->key, -1),
                pl_assumptions_row_value(value, sizeof value, sc, ar),
                pl_assumptions_basis(basis, sizeof basis, &v, ar->key, &ar->note),
                ar->note.comment };
            assumption_row(s, row++, cells);
        }
    }
    if (s)
        department_rows(s, row, &v);
    pl_assumptions_clear(&v);
    return ENG_OK;
}

int pl_workbook_tables_write(pl_xlsx *x, const pl_data *d, const ea_scenario *sc,
                             const ea_scenarios *scenarios, pl_text_lang lang, const char *reps,
                             eng_error *err)
{
    _Static_assert(sizeof costs_cols / sizeof *costs_cols <= MAX_SHEET_COLS, "costs' sheet too wide");
    const ctx c = { x, d, lang, reps, scenarios };
    char none[1] = "";
    const ctx costs = { x, d, lang, none, NULL };
    int status = spec_sheet(&costs, &costs_sheet, err);
    if (status == ENG_OK)
        status = spec_sheet(&costs, &dispersion_sheet, err);
    if (status == ENG_OK)
        status = spec_sheet(&c, &compare_sheet, err);
    if (status == ENG_OK)
        status = spec_sheet(&c, &places_sheet, err);
    if (status == ENG_OK)
        status = spec_sheet(&c, &fte_sheet, err);
    if (status == ENG_OK)
        status = spec_sheet(&c, &envelope_sheet, err);
    if (status == ENG_OK)
        status = spec_sheet(&c, &uncertainty_sheet, err);
    if (status == ENG_OK)
        status = spec_sheet(&c, &sensitivity_sheet, err);
    if (status == ENG_OK)
        status = sweep_sheet(&c, err);
    if (status == ENG_OK)
        status = spec_sheet(&c, &target_sheet, err);
    if (status == ENG_OK)
        status = scenarios_sheet(&c, err);
    if (status == ENG_OK)
        status = assumptions_sheet(&c, sc, err);
    return status;
}
