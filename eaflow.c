/* eaflow.c — The command-line program: parses the command, runs it, prints errors as
 * `eaflow: file:line: ...` and exits 0 (success), 1 (runtime failure) or 2 (bad usage or input). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/fa_error.h"
#include "engine/fa_out.h"
#include "engine/fa_runner.h"
#include "engine/fa_text.h"
#include "models/ea_scenario.h"
#include "models/ea_simulate.h"

#define EAFLOW_VERSION "0.1.0"

static const char usage_main[] =
    "eaflow " EAFLOW_VERSION " — simulation and reporting for the dispositif d'emploi accompagné\n"
    "\n"
    "Usage: eaflow COMMAND [ARGS...]\n"
    "\n"
    "Commands:\n"
    "  simulate SCENARIO.ini   simulate the file active, budget and staff of the platforms of a\n"
    "                          scenario; writes monthly.csv, annual.csv and run.ini\n"
    "  help [TOPIC]            help on a command, or on `scenario` (every key of the scenario\n"
    "                          format) or `indicators` (what each table row means)\n"
    "\n"
    "Options:\n"
    "  -h, --help              this help\n"
    "  --version               the version\n"
    "\n"
    "Exit status: 0 success, 1 runtime failure, 2 bad usage or bad input.\n"
    "Start with: eaflow simulate scenarios/occitanie-2022.ini\n";

static const char usage_simulate[] =
    "Usage: eaflow simulate SCENARIO.ini [-o DIR] [-n REPLICATIONS] [--seed N] [--threads N]\n"
    "                       [--csv std|fr] [--quiet]\n"
    "\n"
    "Simulates the scenario's platforms (departments) month by month, in independent Monte Carlo\n"
    "replications, and writes into DIR:\n"
    "  monthly.csv  one row per scope, month and indicator, with columns\n"
    "               scope,month,indicator,mean,sd,p05,p25,p50,p75,p95\n"
    "               (scope: a department code, or `region` for their sum; month: YYYY-MM; stocks\n"
    "               at the end of the month, flows over the month)\n"
    "  annual.csv   the same per calendar year (column `year`); a year cut by the start or end of\n"
    "               the run covers its simulated months only, its budget pro rata\n"
    "  run.ini      the fully resolved scenario, seed and replications included:\n"
    "               `eaflow simulate DIR/run.ini` reproduces the tables byte for byte\n"
    "Files are written under temporary names and renamed at the end: a failed run leaves the\n"
    "earlier outputs as they were.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR        output directory (default: out/<scenario file name without .ini>)\n"
    "  -n, --replications N    replications (default: [scenario] replications, else 100)\n"
    "  --seed N                random seed (default: [scenario] seed, else 1); the same seed gives\n"
    "                          the same tables, whatever the number of threads\n"
    "  --threads N             threads (default: one per core)\n"
    "  --csv std|fr            std (default): `,` and decimal point, for R, pandas and English\n"
    "                          spreadsheets; fr: `;` and decimal comma, for LibreOffice or Excel in\n"
    "                          French\n"
    "  -q, --quiet             no progress bar and no summary\n"
    "  -h, --help              this help\n"
    "\n"
    "See `eaflow help scenario` for the scenario keys and `eaflow help indicators` for the rows.\n";

static const char help_indicators[] =
    "Indicators of monthly.csv and annual.csv (per scope and period):\n"
    "  file_active                persons in support at the end of the period (stock)\n"
    "  file_active_<module>       of whom in module evaluation, projet, recherche or maintien\n"
    "  waiting                    persons on the waiting list at the end of the period\n"
    "  places                     funded places at the end of the period\n"
    "  occupancy                  file_active / places at the end of the period (0..1)\n"
    "  entries                    prescriptions received during the period\n"
    "  admissions                 persons who started support during the period\n"
    "  exits, exits_<reason>      exits from support during the period, in all and by reason\n"
    "  reneged                    persons who left the waiting list before being admitted\n"
    "  persons_accompanied        distinct persons in support at any time during the period\n"
    "  mean_wait_days             mean wait of the persons admitted in the period, zero waits\n"
    "                             included (empty when nobody was admitted)\n"
    "  file_active_avg            time-average of the file active over the period\n"
    "  waiting_avg                time-average of the waiting list over the period\n"
    "  staff_hours_needed         hours of support needed: each person's module intensity\n"
    "                             (hours per person per month) over the time spent in it\n"
    "  staff_hours_available      FTE x [staff] hours_per_fte_month x months\n"
    "  staff_fte_needed           staff_hours_needed / (hours_per_fte_month x months)\n"
    "  funding_eur                places x cost_per_place, pro rata of the months (4 300 EUR a\n"
    "                             place a year by default)\n"
    "  spend_eur                  staff_fte_needed x staff_cost_per_fte, pro rata of the months\n"
    "  delegated_eur              funding_eur x delegated_share (partner structures)\n"
    "  cost_per_person_eur        funding_eur / persons_accompanied\n"
    "  cost_per_exit_emploi_eur   funding_eur / exits_emploi_durable (when that reason exists;\n"
    "                             empty with no such exit)\n"
    "Columns: mean and sd over replications, and the exact quantiles p05..p95 (type 7); an\n"
    "undefined value in a replication is left out, and a cell is empty when all are undefined.\n";

/* Parses a whole number option within [lo, hi]; prints the error and returns -1 when it is not. */
static int opt_long(const char *opt, const char *text, long lo, long hi, long *out)
{
    if (fa_parse_long(text, out) != 0 || *out < lo || *out > hi) {
        fprintf(stderr, "eaflow: %s: expected a whole number from %ld to %ld, got \"%s\"\n", opt, lo,
                hi, text);
        return -1;
    }
    return 0;
}

/* Matches `--name VALUE` or `--name=VALUE` (and a short alias): sets *value and advances *i. */
static int opt_value(int argc, char **argv, int *i, const char *shortname, const char *longname,
                     const char **value, int *missing)
{
    const char *a = argv[*i];
    size_t n = strlen(longname);
    if (strncmp(a, longname, n) == 0 && a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (strcmp(a, longname) == 0 || (shortname && strcmp(a, shortname) == 0)) {
        if (*i + 1 >= argc) {
            *missing = 1;
            return 1;
        }
        *value = argv[++*i];
        return 1;
    }
    return 0;
}

typedef struct progress_state {
    int last;   /* last percentage drawn */
} progress_state;

static void progress_bar(size_t done, size_t total, void *data)
{
    progress_state *ps = data;
    int pct = (int)(100 * done / total);
    if (pct == ps->last)
        return;
    ps->last = pct;
    char bar[41];
    int fill = pct * 40 / 100;
    for (int i = 0; i < 40; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[40] = '\0';
    fprintf(stderr, "\r[%s] %3d%%  %zu/%zu replications", bar, pct, done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* out/<stem of the scenario path>. */
static void default_outdir(const char *path, char *buf, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".ini") == 0)
        len -= 4;
    snprintf(buf, size, "out/%.*s", (int)len, base);
}

static int fail(const fa_error *err, int status)
{
    fprintf(stderr, "eaflow: %s\n", err->msg);
    return status;
}

static int cmd_simulate(int argc, char **argv)
{
    const char *scenario = NULL, *outdir = NULL, *value = NULL;
    long reps = -1, seed = -1, threads = 0;
    int quiet = 0;
    const fa_csv_style *style = &fa_csv_standard;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_simulate, stdout);
            return FA_OK;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (opt_value(argc, argv, &i, "-o", "--output", &value, &missing)) {
            if (!missing)
                outdir = value;
        } else if (opt_value(argc, argv, &i, "-n", "--replications", &value, &missing)) {
            if (!missing && opt_long("--replications", value, 1, 10000000, &reps))
                return FA_EINPUT;
        } else if (opt_value(argc, argv, &i, NULL, "--seed", &value, &missing)) {
            if (!missing && opt_long("--seed", value, 0, 0x7fffffffffffffffL, &seed))
                return FA_EINPUT;
        } else if (opt_value(argc, argv, &i, NULL, "--threads", &value, &missing)) {
            if (!missing && opt_long("--threads", value, 1, 1024, &threads))
                return FA_EINPUT;
        } else if (opt_value(argc, argv, &i, NULL, "--csv", &value, &missing)) {
            if (!missing) {
                if (strcmp(value, "fr") == 0)
                    style = &fa_csv_french;
                else if (strcmp(value, "std") == 0)
                    style = &fa_csv_standard;
                else {
                    fprintf(stderr, "eaflow: --csv: expected std or fr, got \"%s\"\n", value);
                    return FA_EINPUT;
                }
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "eaflow: simulate: unknown option %s (see eaflow help simulate)\n", a);
            return FA_EINPUT;
        } else if (!scenario) {
            scenario = a;
        } else {
            fprintf(stderr, "eaflow: simulate: one scenario at a time, got %s and %s\n", scenario, a);
            return FA_EINPUT;
        }
        if (missing) {
            fprintf(stderr, "eaflow: %s: missing value (see eaflow help simulate)\n", a);
            return FA_EINPUT;
        }
    }
    if (!scenario) {
        fputs("eaflow: simulate: missing SCENARIO.ini\n\n", stderr);
        fputs(usage_simulate, stderr);
        return FA_EINPUT;
    }

    fa_error err;
    ea_scenario sc;
    int status = ea_scenario_load(scenario, &sc, &err);
    if (status != FA_OK)
        return fail(&err, status);
    if (reps > 0)
        sc.replications = (int)reps;
    if (seed >= 0)
        sc.seed = (unsigned long)seed;
    char dirbuf[4200];
    if (!outdir) {
        default_outdir(scenario, dirbuf, sizeof dirbuf);
        outdir = dirbuf;
    }

    progress_state ps = { -1 };
    ea_run_options opt = { .threads = (int)threads };
    if (!quiet && isatty(STDERR_FILENO)) {
        opt.progress = progress_bar;
        opt.progress_data = &ps;
    }
    ea_results *res = NULL;
    status = ea_simulate(&sc, &opt, &res, &err);

    fa_out *out = NULL;
    if (status == FA_OK) {
        out = fa_out_begin(outdir, &err);
        if (!out)
            status = FA_EFAIL;
    }
    const char *names[] = { "monthly.csv", "annual.csv" };
    for (int t = 0; t < 2 && status == FA_OK; t++) {
        FILE *f = fa_out_open(out, names[t], &err);
        status = f ? ea_results_write_table(res, t, f, style, &err) : FA_EFAIL;
    }
    if (status == FA_OK) {
        FILE *f = fa_out_open(out, "run.ini", &err);
        status = f ? ea_scenario_write_ini(&sc, f, &err) : FA_EFAIL;
    }
    if (status == FA_OK) {
        status = fa_out_commit(out, &err);
        out = NULL;
    }
    fa_out_abort(out);
    if (status == FA_OK && !quiet)
        printf("eaflow: %s: %d replications of %d months, %d platform%s; wrote %s/monthly.csv, "
               "%s/annual.csv, %s/run.ini\n",
               sc.name, sc.replications, sc.months, sc.ndepartments, sc.ndepartments > 1 ? "s" : "",
               outdir, outdir, outdir);
    ea_results_free(res);
    ea_scenario_clear(&sc);
    return status == FA_OK ? FA_OK : fail(&err, status);
}

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} command;

static const command commands[] = {
    { "simulate", cmd_simulate, usage_simulate },
};

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stdout);
        return FA_OK;
    }
    const char *topic = argv[1];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(topic, commands[i].name) == 0) {
            fputs(commands[i].help, stdout);
            return FA_OK;
        }
    if (strcmp(topic, "scenario") == 0) {
        fputs("Scenario keys (INI file; durations in months, a month being 365.25/12 days):\n\n", stdout);
        ea_scenario_write_keys_markdown(stdout);
        return FA_OK;
    }
    if (strcmp(topic, "indicators") == 0) {
        fputs(help_indicators, stdout);
        return FA_OK;
    }
    fprintf(stderr, "eaflow: help: no topic \"%s\" (commands, `scenario` or `indicators`)\n", topic);
    return FA_EINPUT;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return FA_EINPUT;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
        return cmd_help(1, argv);
    if (strcmp(cmd, "--version") == 0) {
        printf("eaflow %s\n", EAFLOW_VERSION);
        return FA_OK;
    }
    if (strcmp(cmd, "help") == 0)
        return cmd_help(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "eaflow: unknown command \"%s\" (see eaflow --help)\n", cmd);
    return FA_EINPUT;
}
