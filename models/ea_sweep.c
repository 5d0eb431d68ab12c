/* ea_sweep.c — Sweeps over scenario keys and side-by-side scenarios, with common random numbers:
 * every run uses the same seed, so replication i of each point draws from the same stream and the
 * differences between points are not noise from different streams. */
#include "ea_sweep.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>

#include "../engine/eng_text.h"
#include "../engine/eng_ini.h"
#include "ea_scenario.h"
#include "ea_simulate.h"
#include "ea_tables.h"

#define MAX_POINTS 10000

void ea_vary_clear(ea_vary *v)
{
    if (!v)
        return;
    free(v->text);
    free(v->number);
    memset(v, 0, sizeof *v);
}

static int vary_add(ea_vary *v, const char *text, eng_error *err)
{
    if (v->n >= MAX_POINTS)
        return eng_error_set(err, ENG_EINPUT, "--vary %s: more than %d values", v->name, MAX_POINTS);
    if (strlen(text) >= sizeof v->text[0])
        return eng_error_set(err, ENG_EINPUT, "--vary %s: value \"%s\" is too long", v->name, text);
    if (v->n % 64 == 0) {
        char (*t)[64] = realloc(v->text, (size_t)(v->n + 64) * sizeof *t);
        if (t)
            v->text = t;
        double *x = realloc(v->number, (size_t)(v->n + 64) * sizeof *x);
        if (x)
            v->number = x;
        if (!t || !x)
            return eng_error_set(err, ENG_EFAIL, "out of memory");
    }
    snprintf(v->text[v->n], sizeof v->text[0], "%s", text);
    double x;
    v->number[v->n] = eng_parse_double(text, &x) == 0 ? x : NAN;
    if (v->type == EA_KEY_INTEGER && !(x == floor(x) && !isnan(v->number[v->n])))
        return eng_error_set(err, ENG_EINPUT, "--vary %s: \"%s\" is not a whole number", v->name, text);
    if (v->type == EA_KEY_REAL && isnan(v->number[v->n]))
        return eng_error_set(err, ENG_EINPUT, "--vary %s: \"%s\" is not a number", v->name, text);
    v->n++;
    return ENG_OK;
}

/* start:stop:step, stop included when it falls on the grid (within rounding). */
static int vary_range(ea_vary *v, const char *list, eng_error *err)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    char *b = strchr(buf, ':'), *c = b ? strchr(b + 1, ':') : NULL;
    double start, stop, step;
    if (!c || strchr(c + 1, ':'))
        return eng_error_set(err, ENG_EINPUT, "--vary %s: \"%s\" is not start:stop:step", v->name, list);
    *b = *c = '\0';
    if (eng_parse_double(buf, &start) || eng_parse_double(b + 1, &stop) || eng_parse_double(c + 1, &step))
        return eng_error_set(err, ENG_EINPUT, "--vary %s: \"%s\": start, stop and step must be numbers",
                            v->name, list);
    if (step == 0)
        return eng_error_set(err, ENG_EINPUT, "--vary %s: \"%s\": the step is zero", v->name, list);
    if ((stop - start) * step < 0)
        return eng_error_set(err, ENG_EINPUT, "--vary %s: \"%s\": the step goes away from the stop "
                            "(expected a %s step)", v->name, list, stop > start ? "positive" : "negative");
    double count = floor((stop - start) / step + 1e-9) + 1;
    if (count > MAX_POINTS)
        return eng_error_set(err, ENG_EINPUT, "--vary %s: \"%s\" makes more than %d values", v->name,
                            list, MAX_POINTS);
    for (int i = 0; i < (int)count; i++) {
        /* Rounded to 12 digits, so that 0.1 steps give 0.3 and not 0.30000000000000004. */
        char text[64], tmp[64];
        snprintf(tmp, sizeof tmp, "%.12g", start + i * step);
        eng_format_double(text, sizeof text, strtod(tmp, NULL));
        int status = vary_add(v, text, err);
        if (status != ENG_OK)
            return status;
    }
    return ENG_OK;
}

int ea_vary_parse(const char *spec, ea_vary *v, eng_error *err)
{
    memset(v, 0, sizeof *v);
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec)
        return eng_error_set(err, ENG_EINPUT, "--vary %s: expected KEY=LIST, such as "
                            "module.recherche.intensity=2,4,6 or department.31.places=100:200:20", spec);
    size_t len = (size_t)(eq - spec);
    if (len >= sizeof v->name)
        return eng_error_set(err, ENG_EINPUT, "--vary: key too long");
    memcpy(v->name, spec, len);
    v->name[len] = '\0';
    for (char *p = v->name; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    char *dot = strrchr(v->name, '.');
    if (!dot || dot == v->name || !dot[1])
        return eng_error_set(err, ENG_EINPUT, "--vary %s: expected section.key, such as "
                            "budget.cost_per_place", v->name);
    snprintf(v->section, sizeof v->section, "%.*s", (int)(dot - v->name), v->name);
    snprintf(v->key, sizeof v->key, "%s", dot + 1);
    v->all_departments = strcmp(v->section, "defaults") == 0;
    v->type = ea_scenario_key_type(v->all_departments ? "department.x" : v->section, v->key);
    if (v->type == EA_KEY_UNKNOWN) {
        int status = eng_error_set(err, ENG_EINPUT, "--vary %s: unknown key (expected section.key of "
                                  "the scenario format, see eaflow help scenario; defaults.KEY sets a "
                                  "department key in every department)", v->name);
        ea_vary_clear(v);
        return status;
    }
    const char *list = eq + 1;
    int status = ENG_OK;
    if (!*list) {
        status = eng_error_set(err, ENG_EINPUT, "--vary %s: empty list of values", v->name);
    } else if (v->type != EA_KEY_OTHER && strchr(list, ':')) {
        status = vary_range(v, list, err);
    } else {
        /* Numbers are separated by commas; texts that hold commas themselves (distributions,
         * mixes, routings) by `|`. */
        const char *sep = v->type == EA_KEY_OTHER ? "|" : ",";
        char *copy = strdup(list);
        if (!copy)
            status = eng_error_set(err, ENG_EFAIL, "out of memory");
        char *save = NULL;
        for (char *tok = copy ? strtok_r(copy, sep, &save) : NULL; tok && status == ENG_OK;
             tok = strtok_r(NULL, sep, &save))
            if (*eng_trim(tok))
                status = vary_add(v, tok, err);
        free(copy);
        if (status == ENG_OK && v->n == 0)
            status = eng_error_set(err, ENG_EINPUT, "--vary %s: empty list of values", v->name);
    }
    if (status != ENG_OK)
        ea_vary_clear(v);
    return status;
}

int ea_target_parse(const char *spec, ea_target *t, eng_error *err)
{
    const char *eq = strchr(spec, '=');
    memset(t, 0, sizeof *t);
    if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof t->indicator ||
        eng_parse_double(eq + 1, &t->value) != 0)
        return eng_error_set(err, ENG_EINPUT, "--target %s: expected INDICATOR=VALUE, such as "
                            "file_active=645", spec);
    snprintf(t->indicator, sizeof t->indicator, "%.*s", (int)(eq - spec), spec);
    return ENG_OK;
}

/* Sets the values of point p (mixed radix, the last key varying fastest) in the file. */
static int set_point(eng_ini *ini, const ea_vary *vary, int nvary, long p, int *idx, eng_error *err)
{
    for (int k = nvary - 1; k >= 0; k--) {
        idx[k] = (int)(p % vary[k].n);
        p /= vary[k].n;
    }
    for (int k = 0; k < nvary; k++) {
        const ea_vary *v = &vary[k];
        const char *value = v->text[idx[k]];
        if (!v->all_departments) {
            int status = eng_ini_set(ini, v->section, v->key, value, err);
            if (status != ENG_OK)
                return status;
            continue;
        }
        for (int s = 0; s < eng_ini_nsections(ini); s++) {
            const char *sec = eng_ini_section(ini, s);
            if (ea_scenario_section_kind(sec, NULL, 0) == EA_SECTION_DEPARTMENT) {
                int status = eng_ini_set(ini, sec, v->key, value, err);
                if (status != ENG_OK)
                    return status;
            }
        }
    }
    return ENG_OK;
}

static void point_label(const ea_vary *vary, int nvary, const int *idx, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < nvary && o < size; k++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s=%s", k ? ", " : "", vary[k].name, vary[k].text[idx[k]]);
}

/* The scenario of the current values of the file, with the run's replications and seed. */
static int point_scenario(const eng_ini *ini, const ea_sweep_options *opt, ea_scenario *sc, eng_error *err)
{
    int status = ea_scenario_from_ini(ini, sc, err);
    if (status != ENG_OK)
        return status;
    if (opt->replications > 0)
        sc->replications = (int)opt->replications;
    if (opt->seed >= 0)
        sc->seed = (unsigned long)opt->seed;
    return ENG_OK;
}

static int year_index(const ea_results *res, int year, eng_error *err)
{
    int n = ea_results_nperiods(res, EA_ANNUAL);
    if (year == 0)
        return n - 1;
    char label[16];
    snprintf(label, sizeof label, "%04d", year);
    int i = ea_results_find_period(res, EA_ANNUAL, label);
    if (i < 0)
        eng_error_set(err, ENG_EINPUT, "--year %d: not a simulated year (%s to %s)", year,
                     ea_results_period(res, EA_ANNUAL, 0), ea_results_period(res, EA_ANNUAL, n - 1));
    return i;
}

static double region_mean(const ea_results *res, int y, const char *indicator)
{
    int i = ea_indicators_find(ea_results_indicators(res), indicator);
    if (i < 0)
        return NAN;
    return ea_results_summary(res, EA_ANNUAL, ea_results_nscopes(res) - 1, y, i)->mean;
}

static const char *const summary_columns[] = {
    "file_active", "occupancy", "waiting", "mean_wait_days", "persons_accompanied", "staff_fte_needed",
    "funding_eur", "spend_eur", "cost_per_person_eur", "cost_per_exit_emploi_eur"};
#define NSUMMARY ((int)(sizeof summary_columns / sizeof *summary_columns))

/* One evaluation of the target indicator: the varied value and the region's mean and band. */
typedef struct eval {
    double x, mean, p05, p95;
} eval;

static int cmp_eval(const void *a, const void *b)
{
    const eval *x = a, *y = b;
    return (x->x > y->x) - (x->x < y->x);
}

/* Runs one point of the file's current values; fills the evaluation of the target if asked. */
static int run_point(const eng_ini *ini, const ea_sweep_options *opt, ea_results **res, ea_scenario *sc,
                     eng_error *err)
{
    int status = point_scenario(ini, opt, sc, err);
    if (status != ENG_OK)
        return status;
    ea_run_options ro = { .threads = opt->threads, .annual_only = 1 };
    status = ea_simulate(sc, &ro, res, err);
    if (status != ENG_OK)
        ea_scenario_clear(sc);
    return status;
}

static int target_eval(const ea_results *res, const ea_sweep_options *opt, double x, eval *e, eng_error *err)
{
    int y = year_index(res, opt->year, err);
    if (y < 0)
        return ENG_EINPUT;
    int i = ea_indicators_find(ea_results_indicators(res), opt->target->indicator);
    if (i < 0)
        return eng_error_set(err, ENG_EINPUT, "--target %s: not an indicator of the tables (see eaflow "
                            "help indicators)", opt->target->indicator);
    const eng_summary *s = ea_results_summary(res, EA_ANNUAL, ea_results_nscopes(res) - 1, y, i);
    *e = (eval){ x, s->mean, s->p05, s->p95 };
    return ENG_OK;
}

/* The first x at which f (mean, p05 or p95 by `which`) reaches the target, interpolated linearly
 * between evaluated points; NaN when never. */
static double crossing(const eval *e, int n, int which, double target, int increasing)
{
    for (int i = 0; i < n; i++) {
        double f = which == 0 ? e[i].p05 : e[i].p95;
        if (increasing ? f >= target : f <= target) {
            if (i == 0)
                return e[0].x;
            double g = which == 0 ? e[i - 1].p05 : e[i - 1].p95;
            return e[i - 1].x + (target - g) / (f - g) * (e[i].x - e[i - 1].x);
        }
    }
    return NAN;
}

static int find_target(eng_ini *ini, const ea_vary *v, const ea_sweep_options *opt, eval *grid, int n,
                       eng_out *out, const eng_csv_style *st, FILE *report, eng_error *err)
{
    const ea_target *t = opt->target;
    int increasing = grid[n - 1].mean >= grid[0].mean;
    eval *all = malloc((size_t)(n + 64) * sizeof *all);
    if (!all)
        return eng_error_set(err, ENG_EFAIL, "out of memory");
    memcpy(all, grid, (size_t)n * sizeof *all);
    int nall = n, first = -1;
    for (int i = 0; i < n && first < 0; i++)
        if (increasing ? grid[i].mean >= t->value : grid[i].mean <= t->value)
            first = i;
    double answer = NAN;
    int status = ENG_OK;
    if (first >= 0) {
        double lo = first > 0 ? grid[first - 1].x : grid[0].x, hi = grid[first].x;
        int integer = v->type == EA_KEY_INTEGER;
        for (int iter = 0; first > 0 && iter < 40 && status == ENG_OK; iter++) {
            double mid = integer ? floor((lo + hi) / 2) : (lo + hi) / 2;
            if ((integer && hi - lo <= 1) || (!integer && hi - lo <= 1e-3 * fmax(fabs(hi), 1e-9)))
                break;
            char text[64];
            eng_format_double(text, sizeof text, mid);
            status = eng_ini_set(ini, v->section, v->key, text, err);
            ea_results *res = NULL;
            ea_scenario sc;
            if (status == ENG_OK)
                status = run_point(ini, opt, &res, &sc, err);
            if (status == ENG_OK) {
                status = target_eval(res, opt, mid, &all[nall], err);
                ea_results_free(res);
                ea_scenario_clear(&sc);
            }
            if (status != ENG_OK)
                break;
            int reached = increasing ? all[nall].mean >= t->value : all[nall].mean <= t->value;
            nall++;
            if (reached)
                hi = mid;
            else
                lo = mid;
        }
        answer = hi;
    }
    if (status != ENG_OK) {
        free(all);
        return status;
    }
    qsort(all, (size_t)nall, sizeof *all, cmp_eval);
    /* The 90 % band crosses the target earlier (p95 for a rising indicator) and later (p05). */
    double early = crossing(all, nall, increasing ? 1 : 0, t->value, increasing);
    double late = crossing(all, nall, increasing ? 0 : 1, t->value, increasing);
    FILE *f = eng_out_open(out, "sweep-target.csv", err);
    if (!f) {
        free(all);
        return ENG_EFAIL;
    }
    char s = st->sep;
    ea_tables_write_header(f, EA_TABLE_SWEEP_TARGET, st);
    fprintf(f, "%s%c%s", v->name, s, t->indicator);
    fputc(s, f);
    eng_csv_number(f, t->value, st);
    fprintf(f, "%cregion%c", s, s);
    eng_csv_number(f, answer, st);
    fputc(s, f);
    eng_csv_number(f, early, st);
    fputc(s, f);
    eng_csv_number(f, late, st);
    fprintf(f, "%c%d%c%d\n", s, first >= 0, s, nall);
    if (report) {
        if (first < 0)
            fprintf(report, "\nCible %s = %g : non atteinte sur la grille de %s (%s à %s).\n",
                    t->indicator, t->value, v->name, v->text[0], v->text[v->n - 1]);
        else
            fprintf(report, "\nCible %s = %g : atteinte à partir de %s = %g%s ; bande à 90 %% : de %g "
                    "à %g (%d simulations).\n", t->indicator, t->value, v->name, answer,
                    first == 0 ? " (première valeur de la grille)" : "", early, late, nall);
    }
    free(all);
    return ENG_OK;
}

int ea_sweep_run(const char *scenario, const ea_vary *vary, int nvary, const ea_sweep_options *opt,
                 eng_out *out, const eng_csv_style *st, FILE *report, eng_error *err)
{
    if (opt->target && (nvary != 1 || vary[0].type == EA_KEY_OTHER))
        return eng_error_set(err, ENG_EINPUT, "--target needs exactly one --vary of a numeric key");
    eng_ini *ini = eng_ini_load(scenario, err);
    if (!ini)
        return ENG_EINPUT;
    int status = ENG_OK;
    long npoints = 1;
    for (int k = 0; k < nvary && status == ENG_OK; k++) {
        const ea_vary *v = &vary[k];
        npoints *= v->n;
        if (npoints > MAX_POINTS)
            status = eng_error_set(err, ENG_EINPUT, "--vary: the grid has more than %d points", MAX_POINTS);
        int must_exist = strncmp(v->section, "module.", 7) == 0 ||
                         ea_scenario_section_kind(v->section, NULL, 0) != EA_SECTION_OTHER;
        int found = !must_exist;
        for (int s = 0; s < eng_ini_nsections(ini) && !found; s++)
            found = strcmp(eng_ini_section(ini, s), v->section) == 0;
        if (!found)
            status = eng_error_set(err, ENG_EINPUT, "--vary %s: the scenario %s has no section [%s]",
                                  v->name, scenario, v->section);
    }
    int idx[EA_MAX_VARY];
    char label[1024];
    /* Every point is checked before anything runs or is written. */
    for (long p = 0; p < npoints && status == ENG_OK; p++) {
        status = set_point(ini, vary, nvary, p, idx, err);
        ea_scenario sc;
        if (status == ENG_OK && (status = point_scenario(ini, opt, &sc, err)) == ENG_OK)
            ea_scenario_clear(&sc);
        else if (status == ENG_EINPUT) {
            point_label(vary, nvary, idx, label, sizeof label);
            eng_error_prefix(err, "--vary (%s): ", label);
        }
    }
    FILE *fs = NULL, *fm = NULL, *fi = NULL;
    if (status == ENG_OK) {
        fs = eng_out_open(out, "sweep.csv", err);
        fm = fs ? eng_out_open(out, "sweep-summary.csv", err) : NULL;
        fi = fm ? eng_out_open(out, "sweep.ini", err) : NULL;
        if (!fi)
            status = ENG_EFAIL;
    }
    char s = st->sep;
    if (status == ENG_OK) {
        const char *keys[EA_MAX_VARY];
        for (int k = 0; k < nvary; k++)
            keys[k] = vary[k].name;
        ea_tables_write_header_names(fs, EA_TABLE_SWEEP, keys, nvary, 0, st);
        ea_tables_write_header_names(fm, EA_TABLE_SWEEP_SUMMARY, keys, nvary, 0, st);
        fprintf(fi, "# Points of the sweep of %s (same seed for every point: common random numbers).\n"
                    "[sweep]\nscenario = %s\npoints = %ld\n", scenario, scenario, npoints);
        if (report) {
            fprintf(report, "%-6s %-28s %6s %9s %7s %8s %9s %8s %7s %12s %12s %10s %10s\n", "Point",
                    "Valeurs", "Année", "File act.", "Taux", "Attente", "Délai (j)", "Accomp.", "ETP",
                    "Crédits €", "Dépense €", "€/pers.", "€/emploi");
        }
    }
    eval *grid = opt->target && status == ENG_OK ? calloc((size_t)npoints, sizeof *grid) : NULL;
    if (opt->target && status == ENG_OK && !grid)
        status = eng_error_set(err, ENG_EFAIL, "out of memory");
    for (long p = 0; p < npoints && status == ENG_OK; p++) {
        status = set_point(ini, vary, nvary, p, idx, err);
        ea_results *res = NULL;
        ea_scenario sc;
        if (status == ENG_OK)
            status = run_point(ini, opt, &res, &sc, err);
        if (status != ENG_OK)
            break;
        int y = year_index(res, opt->year, err);
        if (y < 0) {
            status = ENG_EINPUT;
        } else if (grid) {
            status = target_eval(res, opt, vary[0].number[idx[0]], &grid[p], err);
        }
        const ea_indicator_set *set = ea_results_indicators(res);
        for (int sc_i = 0; sc_i < ea_results_nscopes(res) && status == ENG_OK; sc_i++)
            for (int yy = 0; yy < ea_results_nperiods(res, EA_ANNUAL); yy++)
                for (int i = 0; i < set->n; i++) {
                    const eng_summary *sm = ea_results_summary(res, EA_ANNUAL, sc_i, yy, i);
                    fprintf(fs, "%ld", p + 1);
                    for (int k = 0; k < nvary; k++) {
                        fputc(s, fs);
                        eng_csv_text(fs, vary[k].text[idx[k]], st);
                    }
                    fputc(s, fs);
                    eng_csv_text(fs, ea_results_scope(res, sc_i), st);
                    fprintf(fs, "%c%s%c%s", s, ea_results_period(res, EA_ANNUAL, yy), s, set->ind[i].name);
                    const double cells[] = { sm->mean, sm->p05, sm->p95 };
                    for (int c = 0; c < 3; c++) {
                        fputc(s, fs);
                        eng_csv_number(fs, cells[c], st);
                    }
                    fputc('\n', fs);
                }
        if (status == ENG_OK) {
            fprintf(fm, "%ld", p + 1);
            fprintf(fi, "\n[point.%ld]\n", p + 1);
            for (int k = 0; k < nvary; k++) {
                fputc(s, fm);
                eng_csv_text(fm, vary[k].text[idx[k]], st);
                fprintf(fi, "%s = %s\n", vary[k].name, vary[k].text[idx[k]]);
            }
            fprintf(fm, "%c%s", s, ea_results_period(res, EA_ANNUAL, y));
            double v[NSUMMARY];
            for (int c = 0; c < NSUMMARY; c++) {
                v[c] = region_mean(res, y, summary_columns[c]);
                fputc(s, fm);
                eng_csv_number(fm, v[c], st);
            }
            fputc('\n', fm);
            if (report) {
                point_label(vary, nvary, idx, label, sizeof label);
                char cells[8][32];
                const int money[] = { 6, 7, 8, 9 };
                for (int c = 0; c < 4; c++)
                    eng_format_grouped(cells[c], sizeof cells[c], v[money[c]], 0, " ", ',');
                fprintf(report, "%-6ld %-28.28s %6s %9.0f %6.1f%% %8.1f %9.1f %8.0f %7.1f %12s %12s %10s %10s\n",
                        p + 1, label, ea_results_period(res, EA_ANNUAL, y), v[0], 100 * v[1], v[2], v[3],
                        v[4], v[5], cells[0], cells[1], cells[2], cells[3]);
            }
        }
        ea_results_free(res);
        ea_scenario_clear(&sc);
        if (status == ENG_OK && opt->progress)
            opt->progress((size_t)p + 1, (size_t)npoints, opt->progress_data);
    }
    if (status == ENG_OK && grid)
        status = find_target(ini, &vary[0], opt, grid, (int)npoints, out, st, report, err);
    free(grid);
    eng_ini_free(ini);
    return status;
}

/* Mean of the paired differences b - a over replications with both defined, and its 95 %
 * half-width (Student). */
static void paired(const ea_results *ra, const ea_results *rb, int sa, int sb, int y, int ia, int ib,
                   double *mean, double *half)
{
    size_t n = ea_results_nreps(ra), m = 0;
    double sum = 0, ss = 0;
    for (size_t r = 0; r < n; r++) {
        double d = ea_results_value(rb, EA_ANNUAL, sb, y, ib, r) - ea_results_value(ra, EA_ANNUAL, sa, y, ia, r);
        if (isnan(d))
            continue;
        m++;
        sum += d;
    }
    *mean = m ? sum / (double)m : NAN;
    for (size_t r = 0; r < n; r++) {
        double d = ea_results_value(rb, EA_ANNUAL, sb, y, ib, r) - ea_results_value(ra, EA_ANNUAL, sa, y, ia, r);
        if (!isnan(d))
            ss += (d - *mean) * (d - *mean);
    }
    *half = m > 1 ? gsl_cdf_tdist_Pinv(0.975, (double)(m - 1)) * sqrt(ss / (double)(m - 1) / (double)m) : NAN;
}

int ea_scenarios_run(const char *const *paths, int n, const ea_sweep_options *opt, eng_out *out,
                     const eng_csv_style *st, FILE *report, eng_error *err)
{
    if (n < 2)
        return eng_error_set(err, ENG_EINPUT, "scenarios: give at least two scenarios to compare");
    ea_scenario *sc = calloc((size_t)n, sizeof *sc);
    ea_results **res = calloc((size_t)n, sizeof *res);
    char (*names)[64] = calloc((size_t)n, sizeof *names);
    int status = sc && res && names ? ENG_OK : eng_error_set(err, ENG_EFAIL, "out of memory");
    int loaded = 0;
    /* All are read and checked before any runs. */
    for (int i = 0; i < n && status == ENG_OK; i++, loaded++) {
        status = ea_scenario_load(paths[i], &sc[i], err);
        if (status != ENG_OK)
            break;
        ea_scenario_stem(paths[i], names[i], sizeof names[i]);
        for (int j = 0; j < i && status == ENG_OK; j++)
            if (strcmp(names[i], names[j]) == 0)
                status = eng_error_set(err, ENG_EINPUT, "scenarios: %s and %s have the same name %s; "
                                      "rename one file", paths[j], paths[i], names[i]);
    }
    /* Common random numbers: one seed and one number of replications for all. */
    for (int i = 0; i < loaded && status == ENG_OK; i++) {
        sc[i].replications = opt->replications > 0 ? (int)opt->replications : sc[0].replications;
        sc[i].seed = opt->seed >= 0 ? (unsigned long)opt->seed : sc[0].seed;
    }
    for (int i = 0; i < n && status == ENG_OK; i++) {
        ea_run_options ro = { .threads = opt->threads };
        status = ea_simulate(&sc[i], &ro, &res[i], err);
        if (status == ENG_OK && opt->progress)
            opt->progress((size_t)i + 1, (size_t)n, opt->progress_data);
    }
    FILE *f = status == ENG_OK ? eng_out_open(out, "scenarios.csv", err) : NULL;
    if (status == ENG_OK && !f)
        status = ENG_EFAIL;
    char s = st->sep;
    if (status == ENG_OK) {
        const char *columns[n];
        for (int i = 0; i < n; i++)
            columns[i] = names[i];
        ea_tables_write_header_names(f, EA_TABLE_SCENARIOS, columns, n, 0, st);
        const ea_results *r0 = res[0];
        const ea_indicator_set *set0 = ea_results_indicators(r0);
        if (report)
            fprintf(report, "Différences à %s (moyenne des écarts appariés, intervalle à 95 %%) :\n", names[0]);
        for (int s0 = 0; s0 < ea_results_nscopes(r0); s0++) {
            int scope[64];
            int all = 1;
            for (int i = 0; i < n && i < 64; i++) {
                scope[i] = ea_results_find_scope(res[i], ea_results_scope(r0, s0));
                all &= scope[i] >= 0;
            }
            if (!all || n > 64)
                continue;
            for (int y0 = 0; y0 < ea_results_nperiods(r0, EA_ANNUAL); y0++) {
                const char *year = ea_results_period(r0, EA_ANNUAL, y0);
                int yi[64], ii[64];
                for (int i0 = 0; i0 < set0->n; i0++) {
                    const char *ind = set0->ind[i0].name;
                    all = 1;
                    for (int i = 0; i < n; i++) {
                        yi[i] = ea_results_find_period(res[i], EA_ANNUAL, year);
                        ii[i] = ea_indicators_find(ea_results_indicators(res[i]), ind);
                        all &= yi[i] >= 0 && ii[i] >= 0;
                    }
                    if (!all)
                        continue;
                    eng_csv_text(f, ea_results_scope(r0, s0), st);
                    fprintf(f, "%c%s%c%s", s, year, s, ind);
                    for (int i = 0; i < n; i++) {
                        fputc(s, f);
                        eng_csv_number(f, ea_results_summary(res[i], EA_ANNUAL, scope[i], yi[i], ii[i])->mean, st);
                    }
                    for (int i = 1; i < n; i++) {
                        double d, h;
                        paired(r0, res[i], s0, scope[i], y0, i0, ii[i], &d, &h);
                        /* An exact difference (sd 0) is beyond the noise when it is not zero. */
                        int beyond = isnan(h) ? 0 : h > 0 ? fabs(d) > h : d != 0;
                        double lo = isnan(h) ? NAN : d - h, hi = isnan(h) ? NAN : d + h;
                        fputc(s, f);
                        eng_csv_number(f, d, st);
                        fputc(s, f);
                        eng_csv_number(f, lo, st);
                        fputc(s, f);
                        eng_csv_number(f, hi, st);
                        fprintf(f, "%c%d", s, beyond);
                        if (report && s0 == ea_results_nscopes(r0) - 1 &&
                            y0 == ea_results_nperiods(r0, EA_ANNUAL) - 1 &&
                            (!strcmp(ind, "file_active") || !strcmp(ind, "waiting") ||
                             !strcmp(ind, "persons_accompanied") || !strcmp(ind, "exits_emploi_durable") ||
                             !strcmp(ind, "staff_fte_needed") || !strcmp(ind, "cost_per_person_eur")))
                            fprintf(report, "  %-20s %-26s %s : %+.1f [%+.1f ; %+.1f]%s\n", names[i], ind,
                                    year, d, lo, hi, beyond ? "  au-delà du bruit" : "");
                    }
                    fputc('\n', f);
                }
            }
        }
    }
    for (int i = 0; i < n && res; i++)
        ea_results_free(res[i]);
    for (int i = 0; i < loaded; i++)
        ea_scenario_clear(&sc[i]);
    free(sc);
    free(res);
    free(names);
    return status;
}
