/* ea_calibrate_obs.c — Observed rows with their uncertainty, matched with a run in memory by
 * compare's rules (ea_compare.h), and the objective of the calibration. */
#include "ea_calibrate_obs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_date.h"
#include "ea_compare.h"
#include "ea_indicators.h"
#include "ea_inputs.h"

void ea_calibrate_obs_clear(ea_calibrate_obs *obs)
{
    if (!obs)
        return;
    free(obs->rows);
    memset(obs, 0, sizeof *obs);
}

/* The file and its key columns. */
typedef struct table {
    const char *path;
    eng_csv *t;
    int c_dep, c_date, c_year;
    eng_date until;
    int has_until;
} table;

/* The date or year of row i, into r (when, annual, period) and whether it is held out. */
static int row_when(const table *tb, size_t i, ea_calibrate_obs_row *r, eng_error *err)
{
    eng_date d;
    int nodate = 1, status;
    if (tb->c_date >= 0 && (status = eng_csv_get_date(tb->t, i, tb->c_date, &d, &nodate, err)) != ENG_OK)
        return status;
    if (!nodate) {
        snprintf(r->when, sizeof r->when, "%04d-%02d-%02d", d.year, d.month, d.day);
        r->period = eng_date_month_index(d);
        /* Compared with the whole month that contains it: held out when that month ends after
         * --until, by the rule report --until applies too. */
        r->held_out = tb->has_until && ea_compare_held_out(d.year, d.month, tb->until);
        return ENG_OK;
    }
    double y;
    int noyear = 1;
    if (tb->c_year >= 0 &&
        (status = eng_csv_get_number_fr(tb->t, i, tb->c_year, ENG_TEXT_PLAIN, &y, &noyear, err)) != ENG_OK)
        return status;
    if (noyear || y != floor(y) || y < 1900 || y > 2200)
        return eng_csv_cell_error(tb->t, i, tb->c_date >= 0 ? tb->c_date : tb->c_year, err,
                                  "vide ; attendu une date ou une année");
    snprintf(r->when, sizeof r->when, "%04d", (int)y);
    r->annual = 1;
    r->period = (int)y;
    r->held_out = tb->has_until && ea_compare_held_out((int)y, 0, tb->until);
    return ENG_OK;
}

/* The unit an indicator's numbers may carry (€, %). */
static eng_text_unit unit_of(const char *ind)
{
    const ea_indicators_row *def = ea_indicators_lookup(ind, NULL);
    return !def ? ENG_TEXT_PLAIN : def->unit == EA_UNIT_EUR ? ENG_TEXT_EURO
           : def->unit == EA_UNIT_SHARE ? ENG_TEXT_SHARE : ENG_TEXT_PLAIN;
}

/* The standard deviation row i gives for the indicator of column header `ind`: IND_sd, or
 * (IND_high - IND_low) / 4 (the range read as two sd either side); NaN when it gives none. */
static int row_sd(const table *tb, size_t i, const char *ind, double *sd, eng_error *err)
{
    int col[4] = { -1, -1, -1, -1 };
    char of[64];
    for (int c = 0; c < eng_csv_ncols(tb->t); c++) {
        ea_inputs_spread k = ea_inputs_uncertainty(eng_csv_header(tb->t, c), of, sizeof of);
        if (k != EA_INPUTS_SPREAD_NONE && strcmp(of, ind) == 0)
            col[k] = c;
    }
    double v[4] = { NAN, NAN, NAN, NAN };
    for (int k = EA_INPUTS_SPREAD_SD; k <= EA_INPUTS_SPREAD_HIGH; k++) {
        int missing = 1, status;
        if (col[k] >= 0 &&
            (status = eng_csv_get_number_fr(tb->t, i, col[k], unit_of(ind), &v[k], &missing, err)) != ENG_OK)
            return status;
        if (missing)
            v[k] = NAN;
    }
    *sd = v[EA_INPUTS_SPREAD_SD];
    if (isnan(*sd) && !isnan(v[EA_INPUTS_SPREAD_LOW]) && !isnan(v[EA_INPUTS_SPREAD_HIGH]))
        *sd = (v[EA_INPUTS_SPREAD_HIGH] - v[EA_INPUTS_SPREAD_LOW]) / 4;
    int bad = !isnan(*sd) && !(*sd >= 0);
    if (bad)
        return eng_csv_cell_error(tb->t, i, col[EA_INPUTS_SPREAD_SD] >= 0 ? col[EA_INPUTS_SPREAD_SD]
                                  : col[EA_INPUTS_SPREAD_HIGH], err,
                                  "incertitude négative ; l'écart-type est >= 0 et la borne haute "
                                  "au-dessus de la basse");
    return ENG_OK;
}

/* Adds the figure of row i and column col (indicator ind) when the cell is not empty. */
static int add_cell(ea_calibrate_obs *obs, const table *tb, size_t i, int col, const char *ind,
                    eng_error *err)
{
    ea_calibrate_obs_row r;
    memset(&r, 0, sizeof r);
    int missing, status = eng_csv_get_number_fr(tb->t, i, col, unit_of(ind), &r.observed, &missing, err);
    if (status != ENG_OK || missing)
        return status;
    snprintf(r.scope, sizeof r.scope, "%s", eng_csv_get_text(tb->t, i, tb->c_dep));
    snprintf(r.indicator, sizeof r.indicator, "%s", ind);
    if ((status = row_when(tb, i, &r, err)) != ENG_OK ||
        (status = row_sd(tb, i, eng_csv_header(tb->t, col), &r.sd, err)) != ENG_OK)
        return status;
    r.sd_given = !isnan(r.sd);
    if (!r.sd_given)
        r.sd = fmax(EA_CALIBRATE_OBS_DEFAULT_RELATIVE_SD * fabs(r.observed), EA_CALIBRATE_OBS_MIN_SD);
    if (eng_array_reserve_int(&obs->rows, &obs->cap, obs->n + 1, sizeof *obs->rows, 64) != 0)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    obs->rows[obs->n++] = r;
    return ENG_OK;
}

/* Reads the rows of column col when it is an indicator (by its name in the tables, or a French
 * name ea_inputs declares); other columns but keys, text and uncertainties are listed as ignored. */
static int read_column(ea_calibrate_obs *obs, const table *tb, int col, eng_error *err)
{
    const char *header = eng_csv_header(tb->t, col);
    const char *ind = ea_inputs_observed_indicator(header);
    if (!ind)
        return ENG_OK;
    /* Places and their funding are what the scenario gives, not what it produces: no target. */
    if (strcmp(ind, "places") == 0 || strcmp(ind, "funding_eur") == 0)
        return ENG_OK;
    if (!ea_indicators_lookup(ind, NULL)) {
        size_t len = strlen(obs->ignored);
        snprintf(obs->ignored + len, sizeof obs->ignored - len, "%s%s", len ? ", " : "", header);
        return ENG_OK;
    }
    int status = ENG_OK;
    for (size_t i = 0; i < eng_csv_nrows(tb->t) && status == ENG_OK; i++)
        status = add_cell(obs, tb, i, col, ind, err);
    return status;
}

int ea_calibrate_obs_read(const char *path, const char *until, ea_calibrate_obs *obs,
                          eng_error *err)
{
    memset(obs, 0, sizeof *obs);
    table tb = { .path = path, .c_dep = -1, .c_date = -1, .c_year = -1 };
    if (until) {
        char why[128];
        if (eng_date_parse(until, &tb.until, why, sizeof why) != 0)
            return eng_error_set(err, ENG_EINPUT, "--until « %s » : %s ; écrivez une date AAAA-MM-JJ, "
                                 "par exemple 2020-12-31", until, why);
        tb.has_until = 1;
    }
    int cols[EA_COL_OBSERVED_COUNT];
    int status = eng_csv_read(path, &tb.t, err);
    if (status == ENG_OK)
        status = ea_inputs_columns(tb.t, EA_INPUTS_OBSERVED, cols, err);
    if (status == ENG_OK) {
        tb.c_dep = cols[EA_COL_OBSERVED_DEPARTMENT];
        tb.c_date = cols[EA_COL_OBSERVED_DATE];
        tb.c_year = cols[EA_COL_OBSERVED_YEAR];
        if (tb.c_date < 0 && tb.c_year < 0)
            status = eng_error_set(err, ENG_EINPUT, "%s : ni colonne « date » (AAAA-MM-JJ) ni colonne "
                                   "« year » ; ajoutez la date de chaque observation", path);
    }
    for (int c = 0; status == ENG_OK && c < eng_csv_ncols(tb.t); c++)
        status = read_column(obs, &tb, c, err);
    eng_csv_free(tb.t);
    if (status != ENG_OK)
        ea_calibrate_obs_clear(obs);
    return status;
}

void ea_calibrate_obs_match(ea_calibrate_obs *obs, const ea_results *res)
{
    const ea_indicators *set = ea_results_indicators(res);
    for (int k = 0; k < obs->n; k++) {
        ea_calibrate_obs_row *r = &obs->rows[k];
        char label[16];
        if (r->annual)
            snprintf(label, sizeof label, "%04d", r->period);
        else
            snprintf(label, sizeof label, "%04d-%02d", r->period / 12, r->period % 12 + 1);
        int table = r->annual ? EA_ANNUAL : EA_MONTHLY;
        int s = ea_results_find_scope(res, r->scope), i = ea_indicators_find(set, r->indicator);
        int p = ea_results_find_period(res, table, label);
        r->matched = s >= 0 && i >= 0 && p >= 0;
        r->scope_unknown = s < 0;
        if (!r->matched)
            continue;
        const eng_stats_summary *sm = ea_results_summary(res, table, s, p, i);
        r->mean = sm->mean;
        r->sim_sd = isfinite(sm->sd) ? sm->sd : 0;
        r->p05 = sm->p05;
        r->p95 = sm->p95;
    }
}

double ea_calibrate_obs_variance(const ea_calibrate_obs_row *r, long replications)
{
    double s2 = r->sim_sd * r->sim_sd;
    return r->sd * r->sd + s2 * (1 + 1.0 / (double)(replications > 0 ? replications : 1));
}

int ea_calibrate_obs_used(const ea_calibrate_obs_row *r)
{
    return r->matched && !r->held_out;
}

double ea_calibrate_obs_deviance(const ea_calibrate_obs *obs, long replications, double *chi2,
                                 int *nused)
{
    double dev = 0, c2 = 0;
    int n = 0;
    for (int k = 0; k < obs->n; k++) {
        const ea_calibrate_obs_row *r = &obs->rows[k];
        if (!ea_calibrate_obs_used(r))
            continue;
        double v = ea_calibrate_obs_variance(r, replications), g = r->observed - r->mean;
        c2 += g * g / v;
        dev += g * g / v + log(v);
        n++;
    }
    if (chi2)
        *chi2 = c2;
    if (nused)
        *nused = n;
    return dev;
}
