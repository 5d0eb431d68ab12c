/* ea_uncertainty_split.c — The parameter points of the Latin hypercube run in order, every annual
 * value kept, then each series' band and its two-way variance split (parameter, noise). */
#include "ea_uncertainty_split.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_tables.h"

void ea_uncertainty_split_clear(ea_uncertainty_split *s)
{
    if (!s)
        return;
    ea_results_free(s->labels);
    free(s->rows);
    memset(s, 0, sizeof *s);
}

/* The band: 5 % and 95 % of the values together (sorted in the scratch copy). */
static void band(const double *y, size_t n, double *scratch, ea_uncertainty_split_row *row)
{
    memcpy(scratch, y, n * sizeof *y);
    gsl_sort(scratch, 1, n);
    row->lower90 = gsl_stats_quantile_from_sorted_data(scratch, 1, n, 0.05);
    row->upper90 = gsl_stats_quantile_from_sorted_data(scratch, 1, n, 0.95);
}

void ea_uncertainty_split_series(const double *y, int npoints, int reps, ea_uncertainty_split_row *row)
{
    int N = npoints, R = reps;
    double grand = 0, noise = 0, ss_points = 0, ss_inter = 0;
    double *m = calloc((size_t)N, sizeof *m), *b = calloc((size_t)R, sizeof *b);
    double *scratch = malloc((size_t)N * R * sizeof *scratch);
    row->mean = row->lower90 = row->upper90 = row->var_total = NAN;
    row->var_parameter = row->var_noise = row->share_parameter = NAN;
    int finite = m && b && scratch;
    for (size_t v = 0; finite && v < (size_t)N * R; v++)
        finite = isfinite(y[v]);
    if (finite) {
        for (int i = 0; i < N; i++)
            for (int r = 0; r < R; r++) {
                m[i] += y[(size_t)i * R + r] / R;
                b[r] += y[(size_t)i * R + r] / N;
            }
        for (int i = 0; i < N; i++)
            grand += m[i] / N;
        for (int i = 0; i < N; i++) {
            double s2 = 0;
            for (int r = 0; r < R; r++) {
                double d = y[(size_t)i * R + r] - m[i], e = d - b[r] + grand;
                s2 += d * d;
                ss_inter += e * e;
            }
            noise += s2 / (R - 1) / N;
            ss_points += R * (m[i] - grand) * (m[i] - grand);
        }
        double ms_points = ss_points / (N - 1), ms_inter = ss_inter / ((double)(N - 1) * (R - 1));
        row->mean = grand;
        row->var_noise = noise;
        row->var_parameter = fmax(0, (ms_points - ms_inter) / R);
        /* A series constant over every point and replication (the places, the funding) leaves
         * only rounding, below 1e-20 of the mean's square: no variance to split. */
        if (row->var_parameter + row->var_noise <= 1e-20 * grand * grand)
            row->var_parameter = row->var_noise = 0;
        row->var_total = row->var_parameter + row->var_noise;
        row->share_parameter = row->var_total > 0 ? row->var_parameter / row->var_total : 0;
        band(y, (size_t)N * R, scratch, row);
    }
    free(m);
    free(b);
    free(scratch);
}

/* Copies the annual values of one run (point i) into vals[series][i][r]. */
static void keep_point(const ea_results *res, int i, int N, double *vals)
{
    int nsc = ea_results_nscopes(res), nper = ea_results_nperiods(res, EA_ANNUAL);
    int nind = ea_results_indicators(res)->n;
    size_t R = ea_results_nreps(res), series = 0;
    for (int sc = 0; sc < nsc; sc++)
        for (int p = 0; p < nper; p++)
            for (int k = 0; k < nind; k++, series++)
                for (size_t r = 0; r < R; r++)
                    vals[(series * N + (size_t)i) * R + r] = ea_results_value(res, EA_ANNUAL, sc, p, k, r);
}

/* Runs every point in order, keeping their values; the first run gives the names and the size. */
static int run_points(ea_uncertainty_split *s, eng_ini *ini, const ea_uncertainty_split_options *opt,
                      double **vals, eng_error *err)
{
    int N = s->npoints, status = ENG_OK;
    size_t nseries = 0;
    for (int i = 0; status == ENG_OK && i < N; i++) {
        double q[EA_UNCERTAINTY_MAX];
        ea_results *res = NULL;
        ea_uncertainty_lhs_row(N, s->u.n, s->seed, i, q);
        status = ea_uncertainty_run_point(&s->u, q, ini, s->replications, (long)s->seed, opt->threads,
                                          &s->outside, &res, err);
        if (status == ENG_OK && i == 0) {
            nseries = (size_t)ea_results_nscopes(res) * ea_results_nperiods(res, EA_ANNUAL) *
                      ea_results_indicators(res)->n;
            double bytes = (double)nseries * N * s->replications * sizeof **vals;
            if (bytes > EA_UNCERTAINTY_MAX_BYTES)
                status = eng_error_set(err, ENG_EINPUT, "simulate --uncertainty : %d points × %ld réplications "
                                       "prendraient %.0f Mio ; donnez moins de --points ou de -n",
                                       N, s->replications, bytes / 1048576);
            else if (!(*vals = malloc(nseries * N * s->replications * sizeof **vals)))
                status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        }
        if (status == ENG_OK)
            keep_point(res, i, N, *vals);
        if (status == ENG_OK && i == 0)
            s->labels = res;
        else
            ea_results_free(res);
        if (status == ENG_OK && opt->progress)
            opt->progress((size_t)i + 1, (size_t)N, opt->progress_data);
    }
    return status;
}

int ea_uncertainty_split_compute(const char *path, const ea_uncertainty_split_options *opt,
                                 ea_uncertainty_split *out, eng_error *err)
{
    ea_uncertainty_split *s = out;
    memset(s, 0, sizeof *s);
    snprintf(s->scenario, sizeof s->scenario, "%s", path);
    s->npoints = opt->points > 0 ? opt->points : EA_UNCERTAINTY_POINTS;
    eng_ini *ini = NULL;
    double *vals = NULL;
    int status = ea_uncertainty_load(path, opt->replications, opt->seed, &ini, &s->u, &s->replications,
                                     &s->seed, err);
    if (status == ENG_OK && (s->replications < 2 || s->npoints < 2))
        status = eng_error_set(err, ENG_EINPUT, "simulate --uncertainty : il faut au moins 2 points et 2 "
                               "réplications par point pour séparer paramètres et hasard ; donnez "
                               "--points 2 ou plus et -n 2 ou plus");
    if (status == ENG_OK)
        status = run_points(s, ini, opt, &vals, err);
    if (status == ENG_OK) {
        int nsc = ea_results_nscopes(s->labels), nper = ea_results_nperiods(s->labels, EA_ANNUAL);
        int nind = ea_results_indicators(s->labels)->n;
        s->nrows = nsc * nper * nind;
        if (!(s->rows = calloc((size_t)s->nrows, sizeof *s->rows)))
            status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        for (int v = 0; status == ENG_OK && v < s->nrows; v++) {
            ea_uncertainty_split_row *row = &s->rows[v];
            row->scope = v / (nper * nind);
            row->period = v / nind % nper;
            row->ind = v % nind;
            ea_uncertainty_split_series(vals + (size_t)v * s->npoints * s->replications, s->npoints,
                                        (int)s->replications, row);
        }
    }
    free(vals);
    eng_ini_free(ini);
    if (status != ENG_OK)
        ea_uncertainty_split_clear(s);
    return status;
}

int ea_uncertainty_split_write(const ea_uncertainty_split *s, eng_out *out, const eng_csv_style *st,
                               eng_error *err)
{
    FILE *f = eng_out_open(out, ea_tables_file(EA_TABLE_UNCERTAINTY), err);
    if (!f)
        return ENG_EFAIL;
    ea_tables_write_header(f, EA_TABLE_UNCERTAINTY, st);
    const ea_indicators *set = ea_results_indicators(s->labels);
    for (int v = 0; v < s->nrows; v++) {
        const ea_uncertainty_split_row *row = &s->rows[v];
        eng_csv_text(f, ea_results_scope(s->labels, row->scope), st);
        fputc(st->sep, f);
        eng_csv_text(f, ea_results_period(s->labels, EA_ANNUAL, row->period), st);
        fputc(st->sep, f);
        eng_csv_text(f, set->ind[row->ind].name, st);
        const double x[] = { row->mean, row->lower90, row->upper90, row->var_total, row->var_parameter,
                             row->var_noise, row->share_parameter };
        for (size_t c = 0; c < sizeof x / sizeof *x; c++) {
            fputc(st->sep, f);
            eng_csv_number(f, x[c], st);
        }
        fputc('\n', f);
    }
    return ENG_OK;
}

/* x for people in its unit: euros whole with €, a share as a percentage, other figures
 * with decimals by their size (2 under 10, 1 under 100, none beyond). */
static const char *fmt(char *buf, size_t size, double x, int unit)
{
    double a = fabs(x);
    char n[32];
    if (unit == EA_UNIT_EUR) {
        eng_text_format_number(n, sizeof n, x, 0);
        snprintf(buf, size, "%s €", n);
    } else if (unit == EA_UNIT_SHARE) {
        eng_text_format_percent(buf, size, 100 * x, 1);
    } else {
        eng_text_format_number(buf, size, x, a < 10 ? 2 : a < 100 ? 1 : 0);
    }
    return buf;
}

void ea_uncertainty_split_print(const ea_uncertainty_split *s, FILE *f)
{
    int region = ea_results_find_scope(s->labels, "region");
    int last = ea_results_nperiods(s->labels, EA_ANNUAL) - 1;
    const ea_indicators *set = ea_results_indicators(s->labels);
    fprintf(f, eng_msg_tr("%s : %d paramètres incertains, %d points d'un hypercube latin × %ld "
                          "réplications (graine %lu, les mêmes à chaque point). Région, %s : moyenne, "
                          "bande à 90 %% (paramètres et hasard ensemble) et part de la variance due aux "
                          "paramètres.\n"),
            s->scenario, s->u.n, s->npoints, s->replications, s->seed,
            ea_results_period(s->labels, EA_ANNUAL, last));
    for (int v = 0; v < s->nrows; v++) {
        const ea_uncertainty_split_row *row = &s->rows[v];
        if (row->scope != region || row->period != last || !isfinite(row->mean))
            continue;
        char m[48], lo[48], hi[48], sh[32], label[128];
        eng_text_format_percent(sh, sizeof sh, 100 * row->share_parameter, 0);
        const char *name = set->ind[row->ind].name;
        const ea_indicators_row *def = ea_indicators_lookup(name, NULL);
        int unit = def ? (int)def->unit : -1;
        ea_indicators_label(name, label, sizeof label);
        fmt(m, sizeof m, row->mean, unit);
        fprintf(f, eng_msg_tr("  %*s %*s  [%s ; %s]  %s\n"), eng_text_pad(label, -46), label,
                eng_text_pad(m, 14), m, fmt(lo, sizeof lo, row->lower90, unit),
                fmt(hi, sizeof hi, row->upper90, unit), sh);
    }
}
