/* eaflow.c — The command-line program: parses the command, runs it, prints errors as
 * `eaflow: file:line: ...` and exits 0 (success), 1 (runtime failure) or 2 (bad usage or input). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/eng_error.h"
#include "engine/eng_out.h"
#include "engine/eng_runner.h"
#include "engine/eng_text.h"
#include "models/ea_compare.h"
#include "models/ea_costs.h"
#include "models/ea_fit.h"
#include "models/ea_fit_write.h"
#include "models/ea_records.h"
#include "models/ea_scenario.h"
#include "models/ea_scenario_ini.h"
#include "models/ea_schema.h"
#include "models/ea_simulate.h"
#include "models/ea_sweep.h"
#include "plots/pl_charts.h"
#include "plots/pl_report.h"

#define EAFLOW_VERSION "0.1.0"

static const char usage_main[] =
    "eaflow " EAFLOW_VERSION " — simulation and reporting for the dispositif d'emploi accompagné\n"
    "\n"
    "Usage: eaflow COMMAND [ARGS...]\n"
    "\n"
    "Commands:\n"
    "  simulate SCENARIO.ini   simulate the file active, budget and staff of the platforms of a\n"
    "                          scenario; writes monthly.csv, annual.csv and run.ini\n"
    "  compare SCENARIO.ini --observed OBS.csv\n"
    "                          hold the projection against observed aggregates; capacity view\n"
    "                          (places, persons, occupancy, unused places and their value)\n"
    "  costs FUNDING.csv       check the homogenisation of the cost per place, department by\n"
    "                          department; writes costs.csv and costs-dispersion.csv\n"
    "  sweep SCENARIO.ini --vary KEY=LIST ...\n"
    "                          run a grid of values of scenario keys with common random numbers;\n"
    "                          the planner's summary per point, the value reaching a --target\n"
    "  scenarios A.ini B.ini ...\n"
    "                          several scenarios side by side, differences with paired intervals\n"
    "  fit RECORDS.csv         estimate entry rates, module durations (censored), routing and\n"
    "                          profiles from individual records; writes a fitted scenario\n"
    "  synth SCENARIO.ini -o RECORDS.csv\n"
    "                          individual records of one replication, to try fit\n"
    "  plot DIR                draw every chart the tables in DIR allow (gnuplot)\n"
    "  report SCENARIO.ini -o DIR\n"
    "                          the annual report of the copil: tables, charts, index.html, PDF\n"
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

static const char usage_compare[] =
    "Usage: eaflow compare SCENARIO.ini --observed OBS.csv [-o DIR] [-n N] [--seed N] [--threads N]\n"
    "                      [--csv std|fr] [--quiet]\n"
    "\n"
    "Holds the scenario's projection against observed aggregates. OBS.csv has one row per date and\n"
    "department (a code of the scenario, or `region`), with columns\n"
    "  date         YYYY-MM-DD, YYYY-MM or DD/MM/YYYY: compared with the month containing it\n"
    "               (stocks at its end, flows over it); or\n"
    "  year         YYYY, for rows without a date: compared with that calendar year\n"
    "  department   and any indicator of the tables (see eaflow help indicators): places,\n"
    "               file_active, entries, exits_<reason>, waiting, funding_eur, spend_eur, ...\n"
    "(`,` or `;` separated, decimal point or comma, columns in any order). It simulates the\n"
    "scenario into DIR as `simulate` does, unless DIR already holds the tables of this very scenario\n"
    "(same run.ini: same scenario, seed and replications), which are then reused, and writes:\n"
    "  compare.csv          scope,date,indicator,observed,sim_mean,sim_p05,sim_p95,gap,ratio,in_band\n"
    "                       (gap = observed - sim_mean, ratio = observed / sim_mean, in_band = 1 when\n"
    "                       the observation lies in the simulated 90 % band)\n"
    "  compare-summary.csv  per scope and indicator: n, mape_pct, rmse, bias (simulated minus\n"
    "                       observed), share_in_band\n"
    "  capacity.csv         per scope and date with places and file_active observed: occupancy,\n"
    "                       unused places and their value per year at the scenario's cost per place\n"
    "and prints the capacity view at the latest date (or at --at). Observations before the simulated period\n"
    "(such as the situation at the end of the year before the start) feed the capacity view only.\n"
    "\n"
    "Options: as for simulate (-o, -n, --seed, --threads, --csv, --quiet), and\n"
    "  --observed OBS.csv   the observed aggregates (required)\n"
    "  --at YYYY-MM-DD      date of the capacity view (default: the latest observed), e.g.\n"
    "                       2021-12-31 for the situation before the move to platforms\n";

static const char usage_synth[] =
    "Usage: eaflow synth SCENARIO.ini -o RECORDS.csv [--as-of DATE] [--seed N] [--csv std|fr]\n"
    "\n"
    "Writes the individual records that one replication of the scenario produces, in the shape of\n"
    "the national collection (new-entry questionnaire and biannual follow-up), so that anyone can\n"
    "try `eaflow fit` without private data. One row per person and module episode:\n"
    "  person_id, department, entry_date (prescription), module, module_start, module_end (empty\n"
    "  while still in the module at the as-of date), next (the next module or exit.<reason>, empty\n"
    "  while under way), age (at entry), disability, prescriber, sex\n"
    "Persons already in support at the start are not written: their history before the start is\n"
    "not simulated. The profile columns follow the national shares of 2018 (62 % men, 46 % under\n"
    "30, referrals 28 % MDPH, 20 % public employment service, 14 % medico-social).\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   the records file to write (required)\n"
    "  --as-of DATE        censoring date, YYYY-MM-DD (default: the last simulated day)\n"
    "  --seed N            random seed (default: the scenario's)\n"
    "  --csv std|fr        CSV style (see eaflow help simulate)\n";

static const char usage_sweep[] =
    "Usage: eaflow sweep SCENARIO.ini --vary KEY=LIST [--vary KEY2=LIST2 ...] [--target IND=VALUE]\n"
    "                    [--year YYYY] [-o DIR] [-n N] [--seed N] [--threads N] [--csv std|fr] [-q]\n"
    "\n"
    "Runs the scenario for every point of a grid of values of scenario keys, each point with the same\n"
    "seed (common random numbers: replication i of every point draws from the same stream, so the\n"
    "differences between points are not noise from different streams).\n"
    "  KEY    any scenario key written section.key: module.recherche.intensity,\n"
    "         budget.cost_per_place, department.31.places, staff.hours_per_fte_month, ...;\n"
    "         defaults.KEY sets a department key (places, fte, entries_per_month, ...) in every\n"
    "         department at once\n"
    "  LIST   a,b,c or start:stop:step (stop included); values of distributions, mixes or\n"
    "         routings are separated by | instead of commas\n"
    "Several --vary make a grid (the last varies fastest). Every point is checked before anything\n"
    "runs: an unknown key, an empty list, a zero or wrong-signed step, a value out of range is an\n"
    "error naming it, and nothing is written. Writes into DIR (default out/<scenario>-sweep):\n"
    "  sweep.csv          point, one column per varied key, scope, year, indicator, mean, p05, p95\n"
    "                     (the annual tables of every point)\n"
    "  sweep-summary.csv  per point, for the region and the year (--year, default the last):\n"
    "                     file_active, occupancy, waiting, mean_wait_days, persons_accompanied,\n"
    "                     staff_fte_needed, funding_eur, spend_eur, cost_per_person_eur,\n"
    "                     cost_per_exit_emploi_eur (means over replications)\n"
    "  sweep.ini          the points\n"
    "  sweep-target.csv   with --target: the answer (see below)\n"
    "and prints the summary as a table.\n"
    "\n"
    "  --target IND=VALUE  with one numeric --vary: the smallest value of the key for which the\n"
    "                      region's mean IND in the year reaches VALUE (e.g. file_active=645),\n"
    "                      found by bisection between the grid values (whole numbers for whole-\n"
    "                      number keys), with the values where the 90 % band reaches it\n"
    "  --year YYYY         the year of the summary and the target (default: the last simulated)\n"
    "Other options as for simulate.\n";

static const char usage_scenarios[] =
    "Usage: eaflow scenarios A.ini B.ini [C.ini ...] [-o DIR] [-n N] [--seed N] [--threads N]\n"
    "                        [--csv std|fr] [-q]\n"
    "\n"
    "Runs several scenarios with common random numbers (the same seed and replications: those of\n"
    "the first scenario unless given) and writes DIR/scenarios.csv (default out/scenarios): per\n"
    "scope, year and indicator, one column with the mean of each scenario (named by its file name),\n"
    "then for each scenario after the first: diff_<name> (mean of the paired differences to the\n"
    "first over replications), low95_<name> and high95_<name> (95 %% paired interval) and\n"
    "beyond_noise_<name> (1 when the interval excludes 0). Prints the main differences for the\n"
    "region in the last year.\n";

static const char usage_fit[] =
    "Usage: eaflow fit RECORDS.csv [-o FITTED.ini] [--as-of DATE] [--csv std|fr] [-q]\n"
    "\n"
    "Calibrates a scenario from a platform's individual records, in the shape of the national\n"
    "collection: one row per person and module episode with columns\n"
    "  person_id, department, entry_date (prescription), module (evaluation, projet, recherche or\n"
    "  maintien), module_start, module_end (empty while still in the module: right-censored at\n"
    "  --as-of), next (the next module, or exit.<reason>; empty while under way), and optional\n"
    "  profile columns age, disability, prescriber, sex\n"
    "(`,` or `;` separated, dates YYYY-MM-DD, YYYY-MM or DD/MM/YYYY, columns in any order).\n"
    "Estimates, with 95 % intervals: the monthly entry rate per department (exact Poisson); the\n"
    "entry mix and the routing shares from each module (Wilson); the exit-reason shares; for each\n"
    "module the Kaplan-Meier survival curve (Greenwood, log-log band) and median, and maximum-\n"
    "likelihood fits of exponential, gamma, lognormal and Weibull durations under right censoring,\n"
    "ranked by AIC; profile shares at each reporting wave (31 March, 30 September). Writes, in the\n"
    "directory of FITTED.ini (default ./fitted.ini):\n"
    "  FITTED.ini     a scenario that simulate accepts: the chosen duration laws, routing, entry\n"
    "                 mix and rates, and the persons in support at as-of (places are not in the\n"
    "                 records: set them); each value with its interval in a comment\n"
    "  fit.csv        module,family,parameters,mean,loglik,aic,chosen (+ interval, sd, delta_aic,\n"
    "                 n, events)\n"
    "  km.csv         module,time_months,at_risk,events,censored,survival,se,lower95,upper95\n"
    "  estimates.csv  kind,scope,item,estimate,lower95,upper95,n (rates, shares, medians,\n"
    "                 profiles)\n"
    "and prints a summary.\n"
    "\n"
    "Options:\n"
    "  -o, --output FITTED.ini  the fitted scenario (default fitted.ini)\n"
    "  --as-of DATE             the date of the extraction (default: the latest date in the file)\n"
    "  --csv std|fr             CSV style of the outputs\n"
    "  -q, --quiet              no summary\n";

static const char usage_plot[] =
    "Usage: eaflow plot DIR [--format png|svg|pdf] [--lang fr|en]\n"
    "\n"
    "Draws with gnuplot, into DIR/plots/, every chart that the tables in DIR allow (tables written by\n"
    "simulate, compare, fit, costs, sweep and scenarios):\n"
    "  1. the file active over time per scope: mean, 50 % and 90 % bands, places, observed points\n"
    "  2. the caseload by module (stacked) with the waiting list\n"
    "  3. monthly entries and exits by reason\n"
    "  4. the budget per year: funding, spend, cost per person accompanied and per exit to employment\n"
    "  5. departments: cost per place against the reference, and occupancy, sorted\n"
    "  6. Kaplan-Meier curves per module with intervals and the chosen parametric fit\n"
    "  7. the same indicator across scenarios (scenarios.csv) and along a sweep (sweep.csv)\n"
    "Labels in French by default; numbers grouped the French way (2 773 500 EUR); months on the\n"
    "time axis. Text from the tables is escaped: it is drawn, never run. gnuplot missing or failing\n"
    "is an error (exit status 1) naming the package to install and gnuplot's message; the tables\n"
    "stay as they were.\n"
    "\n"
    "Options:\n"
    "  --format png|svg|pdf  PNG for slides (default), SVG for pages, PDF for print (A4)\n"
    "  --lang fr|en          language of the labels (default fr)\n";

static const char usage_report[] =
    "Usage: eaflow report SCENARIO.ini -o DIR [--observed OBS.csv] [--funding F.csv]\n"
    "                     [--records R.csv] [--year YYYY] [-n N] [--seed N] [--threads N]\n"
    "                     [--lang fr|en] [--csv std|fr] [-q]\n"
    "\n"
    "Writes the annual report of the comite de pilotage into DIR: runs simulate (reusing the tables\n"
    "of DIR when they are those of this very scenario), compare with --observed, costs with\n"
    "--funding, fit with --records, draws every chart into DIR/plots/, then writes\n"
    "  DIR/index.html  a self-contained page (charts as inline SVG, no external resources) with\n"
    "                  the key figures of the year first (persons accompanied, places, occupancy,\n"
    "                  entries, exits by reason, cost per place and per person, gap to target),\n"
    "                  then the charts with a one-sentence reading each, the tables, and the\n"
    "                  scenario's assumptions; it prints on A4\n"
    "  DIR/report.pdf  the charts, one per page\n"
    "\n"
    "Options: as for simulate (-n, --seed, --threads, --csv, -q), and\n"
    "  -o, --output DIR     the report's directory (required)\n"
    "  --observed OBS.csv   observed aggregates (see eaflow help compare)\n"
    "  --funding F.csv      funding table (see eaflow help costs; reference 4 300 EUR)\n"
    "  --records R.csv      individual records (see eaflow help fit)\n"
    "  --year YYYY          the year of the key figures (default: the last full simulated year)\n"
    "  --lang fr|en         language of the page and charts (default fr)\n";

/* Parses a whole number option within [lo, hi]; prints the error and returns -1 when it is not. */
static int opt_long(const char *opt, const char *text, long lo, long hi, long *out)
{
    if (eng_parse_long(text, out) != 0 || *out < lo || *out > hi) {
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

static int opt_double(const char *opt, const char *text, double lo, double hi, double *out)
{
    if (eng_parse_double(text, out) != 0 || *out < lo || *out > hi) {
        fprintf(stderr, "eaflow: %s: expected a number from %g to %g, got \"%s\"\n", opt, lo, hi, text);
        return -1;
    }
    return 0;
}

static int opt_csv(const char *value, const eng_csv_style **style)
{
    if (strcmp(value, "fr") == 0)
        *style = &eng_csv_french;
    else if (strcmp(value, "std") == 0)
        *style = &eng_csv_standard;
    else {
        fprintf(stderr, "eaflow: --csv: expected std or fr, got \"%s\"\n", value);
        return -1;
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
    char stem[256];
    ea_scenario_stem(path, stem, sizeof stem);
    snprintf(buf, size, "out/%s", stem);
}

static int fail(const eng_error *err, int status)
{
    fprintf(stderr, "eaflow: %s\n", err->msg);
    return status;
}

/* Every option of every command, parsed into one struct; each command says which it accepts. */
enum {
    O_OUTPUT = 1 << 0, O_REPS = 1 << 1, O_SEED = 1 << 2, O_THREADS = 1 << 3, O_CSV = 1 << 4,
    O_QUIET = 1 << 5, O_OBSERVED = 1 << 6, O_AT = 1 << 7, O_AS_OF = 1 << 8, O_VARY = 1 << 9,
    O_TARGET = 1 << 10, O_YEAR = 1 << 11, O_REFERENCE = 1 << 12, O_TOLERANCE = 1 << 13,
    O_FORMAT = 1 << 14, O_LANG = 1 << 15, O_FUNDING = 1 << 16, O_RECORDS = 1 << 17,
    O_RUN = O_OUTPUT | O_REPS | O_SEED | O_THREADS | O_CSV | O_QUIET
};

typedef struct options {
    const char *args[64];                /* positional arguments */
    int nargs;
    const char *output, *observed, *at, *as_of, *target, *funding, *records;
    pl_format format;
    pl_lang lang;
    const char *vary[EA_MAX_VARY];
    int nvary;
    long reps, seed, threads, year;      /* -1 (threads, year: 0) when not given */
    double reference, tolerance;
    int quiet;
    const eng_csv_style *style;
} options;

static const struct {
    unsigned flag;
    const char *shortname, *longname;
} option_names[] = {
    { O_OUTPUT, "-o", "--output" }, { O_REPS, "-n", "--replications" }, { O_SEED, NULL, "--seed" },
    { O_THREADS, NULL, "--threads" }, { O_CSV, NULL, "--csv" }, { O_OBSERVED, NULL, "--observed" },
    { O_AT, NULL, "--at" }, { O_AS_OF, NULL, "--as-of" }, { O_VARY, NULL, "--vary" },
    { O_TARGET, NULL, "--target" }, { O_YEAR, NULL, "--year" }, { O_REFERENCE, NULL, "--reference" },
    { O_TOLERANCE, NULL, "--tolerance" }, { O_FORMAT, NULL, "--format" }, { O_LANG, NULL, "--lang" },
    { O_FUNDING, NULL, "--funding" }, { O_RECORDS, NULL, "--records" },
};

/* Stores the value of one option; prints the error and returns ENG_EINPUT when it is not valid. */
static int set_option(unsigned flag, const char *value, options *o)
{
    switch (flag) {
    case O_OUTPUT: o->output = value; return ENG_OK;
    case O_OBSERVED: o->observed = value; return ENG_OK;
    case O_AT: o->at = value; return ENG_OK;
    case O_AS_OF: o->as_of = value; return ENG_OK;
    case O_TARGET: o->target = value; return ENG_OK;
    case O_FUNDING: o->funding = value; return ENG_OK;
    case O_RECORDS: o->records = value; return ENG_OK;
    case O_FORMAT:
        if (pl_format_parse(value, &o->format) == 0)
            return ENG_OK;
        fprintf(stderr, "eaflow: --format: expected png, svg or pdf, got \"%s\"\n", value);
        return ENG_EINPUT;
    case O_LANG:
        if (pl_lang_parse(value, &o->lang) == 0)
            return ENG_OK;
        fprintf(stderr, "eaflow: --lang: expected fr or en, got \"%s\"\n", value);
        return ENG_EINPUT;
    case O_VARY:
        if (o->nvary == EA_MAX_VARY) {
            fprintf(stderr, "eaflow: --vary: at most %d keys\n", EA_MAX_VARY);
            return ENG_EINPUT;
        }
        o->vary[o->nvary++] = value;
        return ENG_OK;
    case O_REPS: return opt_long("--replications", value, 1, 10000000, &o->reps) ? ENG_EINPUT : ENG_OK;
    case O_SEED: return opt_long("--seed", value, 0, 0x7fffffffffffffffL, &o->seed) ? ENG_EINPUT : ENG_OK;
    case O_THREADS: return opt_long("--threads", value, 1, 1024, &o->threads) ? ENG_EINPUT : ENG_OK;
    case O_YEAR: return opt_long("--year", value, 1900, 2200, &o->year) ? ENG_EINPUT : ENG_OK;
    case O_REFERENCE: return opt_double("--reference", value, 1, 1e7, &o->reference) ? ENG_EINPUT : ENG_OK;
    case O_TOLERANCE: return opt_double("--tolerance", value, 0, 10, &o->tolerance) ? ENG_EINPUT : ENG_OK;
    case O_CSV: return opt_csv(value, &o->style) ? ENG_EINPUT : ENG_OK;
    }
    return ENG_EINPUT;
}

/* Parses the options a command accepts. Returns ENG_OK, ENG_EINPUT after printing the error, or -1
 * when the help was printed. */
static int parse_options(int argc, char **argv, const char *cmd, const char *usage, unsigned accepted,
                         options *o)
{
    memset(o, 0, sizeof *o);
    o->reps = o->seed = -1;
    o->reference = 4300;
    o->tolerance = 0.10;
    o->style = &eng_csv_standard;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *value = NULL;
        int missing = 0, matched = 0;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            return -1;
        }
        if ((accepted & O_QUIET) && (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)) {
            o->quiet = 1;
            continue;
        }
        for (size_t k = 0; k < sizeof option_names / sizeof *option_names && !matched; k++) {
            if (!(accepted & option_names[k].flag) ||
                !opt_value(argc, argv, &i, option_names[k].shortname, option_names[k].longname, &value,
                           &missing))
                continue;
            matched = 1;
            if (missing) {
                fprintf(stderr, "eaflow: %s: missing value (see eaflow help %s)\n", a, cmd);
                return ENG_EINPUT;
            }
            if (set_option(option_names[k].flag, value, o) != ENG_OK)
                return ENG_EINPUT;
        }
        if (matched)
            continue;
        if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "eaflow: %s: unknown option %s (see eaflow help %s)\n", cmd, a, cmd);
            return ENG_EINPUT;
        }
        if (o->nargs == (int)(sizeof o->args / sizeof *o->args)) {
            fprintf(stderr, "eaflow: %s: too many arguments\n", cmd);
            return ENG_EINPUT;
        }
        o->args[o->nargs++] = a;
    }
    return ENG_OK;
}

/* Checks the number of positional arguments, printing the usage when it is wrong. */
static int want_args(const options *o, int lo, int hi, const char *cmd, const char *what, const char *usage)
{
    if (o->nargs >= lo && o->nargs <= hi)
        return ENG_OK;
    if (o->nargs < lo)
        fprintf(stderr, "eaflow: %s: missing %s\n\n", cmd, what);
    else
        fprintf(stderr, "eaflow: %s: expected %s, got %d arguments\n\n", cmd, what, o->nargs);
    fputs(usage, stderr);
    return ENG_EINPUT;
}

/* Whether progress goes to stderr: a terminal, and not --quiet. */
static int show_progress(const options *o)
{
    return !o->quiet && isatty(STDERR_FILENO);
}

/* Loads the scenario and applies the command line's replications and seed. */
static int load_scenario(const options *o, ea_scenario *sc, eng_error *err)
{
    int status = ea_scenario_load(o->args[0], sc, err);
    if (status != ENG_OK)
        return status;
    if (o->reps > 0)
        sc->replications = (int)o->reps;
    if (o->seed >= 0)
        sc->seed = (unsigned long)o->seed;
    return ENG_OK;
}

/* Runs the replications (with a progress bar on a terminal) and writes monthly.csv, annual.csv and
 * run.ini into the set of outputs. */
static int simulate_into(const options *o, const ea_scenario *sc, eng_out *out, eng_error *err)
{
    progress_state ps = { -1 };
    ea_run_options opt = { .threads = (int)o->threads };
    if (show_progress(o)) {
        opt.progress = progress_bar;
        opt.progress_data = &ps;
    }
    ea_results *res = NULL;
    int status = ea_simulate(sc, &opt, &res, err);
    const char *names[] = { "monthly.csv", "annual.csv" };
    for (int t = 0; t < 2 && status == ENG_OK; t++) {
        FILE *f = eng_out_open(out, names[t], err);
        status = f ? ea_results_write_table(res, t, f, o->style, err) : ENG_EFAIL;
        if (f)
            fflush(f);
    }
    if (status == ENG_OK) {
        FILE *f = eng_out_open(out, "run.ini", err);
        status = f ? ea_scenario_ini_write(sc, f, err) : ENG_EFAIL;
    }
    ea_results_free(res);
    return status;
}

/* The output directory: -o, or out/<scenario stem><suffix>. */
static const char *output_dir(const options *o, const char *suffix, char *buf, size_t size)
{
    if (o->output)
        return o->output;
    default_outdir(o->args[0], buf, size);
    strncat(buf, suffix, size - strlen(buf) - 1);
    return buf;
}

static int cmd_simulate(const options *o)
{
    int status = ENG_OK;
    char dirbuf[4200];
    const char *outdir = output_dir(o, "", dirbuf, sizeof dirbuf);
    eng_error err;
    ea_scenario sc;
    if ((status = load_scenario(o, &sc, &err)) != ENG_OK)
        return fail(&err, status);
    eng_out *out = eng_out_begin(outdir, &err);
    status = out ? simulate_into(o, &sc, out, &err) : ENG_EFAIL;
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK && !o->quiet)
        printf("eaflow: %s: %d replications of %d months, %d platform%s; wrote %s/monthly.csv, "
               "%s/annual.csv, %s/run.ini\n",
               sc.name, sc.replications, sc.months, sc.ndepartments, sc.ndepartments > 1 ? "s" : "",
               outdir, outdir, outdir);
    ea_scenario_clear(&sc);
    return status == ENG_OK ? ENG_OK : fail(&err, status);
}

/* Whether DIR holds the tables of this very scenario: its run.ini is the one the run would write. */
static int tables_match(const char *dir, const ea_scenario *sc)
{
    char path[4300];
    char *mine = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&mine, &len);
    eng_error err;
    if (!m)
        return 0;
    int ok = ea_scenario_ini_write(sc, m, &err) == ENG_OK;
    fclose(m);
    snprintf(path, sizeof path, "%s/run.ini", dir);
    FILE *f = ok ? fopen(path, "rb") : NULL;
    if (f) {
        for (size_t i = 0; i <= len && ok; i++) {
            int c = fgetc(f);
            ok = i < len ? c == (unsigned char)mine[i] : c == EOF;
        }
        fclose(f);
    } else {
        ok = 0;
    }
    free(mine);
    for (int t = 0; t < 2 && ok; t++) {
        snprintf(path, sizeof path, "%s/%s", dir, t ? "annual.csv" : "monthly.csv");
        ok = access(path, R_OK) == 0;
    }
    return ok;
}

static int cmd_compare(const options *o)
{
    int status = ENG_OK;
    char dirbuf[4200];
    const char *outdir = output_dir(o, "", dirbuf, sizeof dirbuf);
    eng_error err;
    ea_scenario sc;
    if ((status = load_scenario(o, &sc, &err)) != ENG_OK)
        return fail(&err, status);
    eng_out *out = eng_out_begin(outdir, &err);
    status = out ? ENG_OK : ENG_EFAIL;
    char monthly[4300], annual[4300];
    int reuse = status == ENG_OK && tables_match(outdir, &sc);
    if (reuse) {
        snprintf(monthly, sizeof monthly, "%s/monthly.csv", outdir);
        snprintf(annual, sizeof annual, "%s/annual.csv", outdir);
    } else if (status == ENG_OK && (status = simulate_into(o, &sc, out, &err)) == ENG_OK) {
        snprintf(monthly, sizeof monthly, "%s", eng_out_tmp_path(out, "monthly.csv"));
        snprintf(annual, sizeof annual, "%s", eng_out_tmp_path(out, "annual.csv"));
    }
    ea_comparison *cmp = NULL;
    if (status == ENG_OK)
        status = ea_compare_run(o->observed, monthly, annual, sc.cost_per_place, &cmp, &err);
    if (status == ENG_OK && o->at && !ea_compare_has_date(cmp, o->at))
        status = eng_error_set(&err, ENG_EINPUT, "--at %s: no observation with both places and "
                              "file_active at that date in %s", o->at, o->observed);
    if (status == ENG_OK)
        status = ea_compare_write(cmp, out, o->style, &err);
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK && !o->quiet) {
        ea_compare_print(cmp, o->at, stdout);
        printf("eaflow: %s the simulation's tables; wrote %s/compare.csv, %s/compare-summary.csv, "
               "%s/capacity.csv\n", reuse ? "reused" : "wrote", outdir, outdir, outdir);
    }
    ea_comparison_free(cmp);
    ea_scenario_clear(&sc);
    return status == ENG_OK ? ENG_OK : fail(&err, status);
}

static const char usage_costs[] =
    "Usage: eaflow costs FUNDING.csv [-o DIR] [--reference EUR] [--tolerance SHARE] [--csv std|fr]\n"
    "\n"
    "Checks, department by department, that the cost per place was homogenised: reads a funding\n"
    "table with one row per department (and per year, if it has a `year` column), with columns\n"
    "  department, name, funding_eur, places            required\n"
    "  file_active, persons_accompanied, delegated_eur, year   optional\n"
    "(`,` or `;` separated, decimal point or comma, columns in any order), and writes into DIR\n"
    "(default out/costs):\n"
    "  costs.csv             per department and year, then the region: places, funding_eur,\n"
    "                        cost_per_place_eur, deviation (from the reference, as a share),\n"
    "                        reference_funding_eur (places x reference), difference_eur,\n"
    "                        file_active, cost_per_person_eur (funding / file active),\n"
    "                        persons_accompanied, cost_per_accompanied_eur, delegated_eur,\n"
    "                        delegated_share, outside_tolerance (1 when |deviation| > tolerance)\n"
    "  costs-dispersion.csv  per year, as funded and as homogenised at the reference: min, max,\n"
    "                        mean (unweighted), regional (total / total), cv, gini\n"
    "and prints the same as a table.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR      output directory (default out/costs)\n"
    "  --reference EUR       reference cost per place per year (default 4300)\n"
    "  --tolerance SHARE     accepted relative deviation (default 0.10, i.e. 10 %)\n"
    "  --csv std|fr          CSV style (see eaflow help simulate)\n"
    "  -q, --quiet           no table on stdout\n";

static int cmd_costs(const options *o)
{
    int status = ENG_OK;
    const char *outdir = o->output ? o->output : "out/costs";
    eng_error err;
    ea_costs c;
    status = ea_costs_compute(o->args[0], o->reference, o->tolerance, &c, &err);
    if (status != ENG_OK)
        return fail(&err, status);
    eng_out *out = eng_out_begin(outdir, &err);
    status = out ? ea_costs_write(&c, out, o->style, &err) : ENG_EFAIL;
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK && !o->quiet) {
        ea_costs_print(&c, stdout);
        printf("\neaflow: wrote %s/costs.csv and %s/costs-dispersion.csv\n", outdir, outdir);
    }
    ea_costs_clear(&c);
    return status == ENG_OK ? ENG_OK : fail(&err, status);
}

static int cmd_synth(const options *o)
{
    int status = ENG_OK;
    const char *output = o->output;
    eng_error err;
    ea_scenario sc;
    status = ea_scenario_load(o->args[0], &sc, &err);
    if (status != ENG_OK)
        return fail(&err, status);
    if (o->seed >= 0)
        sc.seed = (unsigned long)o->seed;
    /* The file goes through a set of outputs in its directory, so that it appears whole or not. */
    char dir[4200];
    const char *slash = strrchr(output, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - output) : 1, slash ? output : ".");
    eng_out *out = eng_out_begin(dir[0] ? dir : "/", &err);
    FILE *f = out ? eng_out_open(out, slash ? slash + 1 : output, &err) : NULL;
    long rows = 0;
    status = f ? ea_records_synth(&sc, o->as_of, f, o->style, &rows, &err) : ENG_EFAIL;
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK)
        printf("eaflow: wrote %ld episodes to %s\n", rows, output);
    ea_scenario_clear(&sc);
    return status == ENG_OK ? ENG_OK : fail(&err, status);
}

static void point_progress(size_t done, size_t total, void *data)
{
    (void)data;
    fprintf(stderr, "\r%zu/%zu", done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* The run options of sweep and scenarios from the command line's. */
static ea_sweep_options sweep_options(const options *o)
{
    ea_sweep_options run = { .replications = o->reps, .seed = o->seed, .threads = (int)o->threads,
                             .year = (int)o->year };
    if (show_progress(o))
        run.progress = point_progress;
    return run;
}

static int cmd_sweep(const options *o)
{
    int status = ENG_OK;
    ea_sweep_options run = sweep_options(o);
    eng_error err;
    ea_vary vary[EA_MAX_VARY];
    ea_target target;
    int nv = 0;
    for (; nv < o->nvary && status == ENG_OK; nv++)
        if ((status = ea_vary_parse(o->vary[nv], &vary[nv], &err)) != ENG_OK)
            break;
    if (status == ENG_OK && o->target && (status = ea_target_parse(o->target, &target, &err)) == ENG_OK)
        run.target = &target;
    char dirbuf[4200];
    const char *outdir = output_dir(o, "-sweep", dirbuf, sizeof dirbuf);
    eng_out *out = NULL;
    if (status == ENG_OK) {
        out = eng_out_begin(outdir, &err);
        status = out ? ea_sweep_run(o->args[0], vary, o->nvary, &run, out, o->style, o->quiet ? NULL : stdout, &err)
                     : ENG_EFAIL;
    }
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK && !o->quiet)
        printf("eaflow: wrote %s/sweep.csv, %s/sweep-summary.csv, %s/sweep.ini%s\n", outdir, outdir,
               outdir, run.target ? " and sweep-target.csv" : "");
    for (int k = 0; k < nv; k++)
        ea_vary_clear(&vary[k]);
    return status == ENG_OK ? ENG_OK : fail(&err, status);
}

static int cmd_scenarios(const options *o)
{
    int status = ENG_OK;
    ea_sweep_options run = sweep_options(o);
    eng_error err;
    const char *outdir = o->output ? o->output : "out/scenarios";
    eng_out *out = eng_out_begin(outdir, &err);
    status = out ? ea_scenarios_run(o->args, o->nargs, &run, out, o->style, o->quiet ? NULL : stdout, &err)
                 : ENG_EFAIL;
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK && !o->quiet)
        printf("eaflow: wrote %s/scenarios.csv\n", outdir);
    return status == ENG_OK ? ENG_OK : fail(&err, status);
}

static int cmd_fit(const options *o)
{
    eng_error err;
    const char *path = o->output ? o->output : "fitted.ini";
    const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
    if (!*name) {
        eng_error_set(&err, ENG_EINPUT, "%s: expected the path of the scenario file to write (for "
                      "example out/fitted.ini), not a directory", path);
        return fail(&err, ENG_EINPUT);
    }
    char dir[4200];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    ea_fit *fit = NULL;
    int status = ea_fit_compute(o->args[0], o->as_of, &fit, &err);
    eng_out *out = status == ENG_OK ? eng_out_begin(dir[0] ? dir : "/", &err) : NULL;
    if (status == ENG_OK)
        status = eng_out_finish(out, out ? ea_fit_write_files(fit, out, name, o->style, &err)
                                         : ENG_EFAIL, &err);
    if (status == ENG_OK && !o->quiet)
        ea_fit_write_summary(fit, dir[0] ? dir : "/", name, stdout);
    ea_fit_free(fit);
    return status == ENG_OK ? ENG_OK : fail(&err, status);
}

static int cmd_plot(const options *o)
{
    int status = ENG_OK;
    eng_error err;
    pl_options opt = { .format = o->format, .lang = o->lang };
    int n = 0;
    status = pl_plot_dir(o->args[0], &opt, &n, &err);
    if (status != ENG_OK)
        return fail(&err, status);
    printf("eaflow: drew %d chart%s into %s/plots/\n", n, n > 1 ? "s" : "", o->args[0]);
    return ENG_OK;
}

static int cmd_report(const options *o)
{
    int status = ENG_OK;
    const char *dir = o->output;
    eng_error err;
    ea_scenario sc;
    if ((status = load_scenario(o, &sc, &err)) != ENG_OK)
        return fail(&err, status);
    /* The simulation's tables, unless they are already there for this very run. */
    eng_out *out = eng_out_begin(dir, &err);
    status = out ? ENG_OK : ENG_EFAIL;
    if (status == ENG_OK && !tables_match(dir, &sc))
        status = eng_out_finish(out, simulate_into(o, &sc, out, &err), &err);
    else if (out)
        eng_out_abort(out);
    char monthly[4300], annual[4300];
    snprintf(monthly, sizeof monthly, "%s/monthly.csv", dir);
    snprintf(annual, sizeof annual, "%s/annual.csv", dir);
    if (status == ENG_OK && o->observed) {
        ea_comparison *cmp = NULL;
        status = ea_compare_run(o->observed, monthly, annual, sc.cost_per_place, &cmp, &err);
        out = status == ENG_OK ? eng_out_begin(dir, &err) : NULL;
        if (status == ENG_OK)
            status = eng_out_finish(out, out ? ea_compare_write(cmp, out, o->style, &err) : ENG_EFAIL,
                                   &err);
        ea_comparison_free(cmp);
    }
    if (status == ENG_OK && o->funding) {
        ea_costs c;
        status = ea_costs_compute(o->funding, sc.cost_per_place, 0.10, &c, &err);
        out = status == ENG_OK ? eng_out_begin(dir, &err) : NULL;
        if (status == ENG_OK) {
            status = eng_out_finish(out, out ? ea_costs_write(&c, out, o->style, &err) : ENG_EFAIL,
                                   &err);
            ea_costs_clear(&c);
        }
    }
    if (status == ENG_OK && o->records) {
        ea_fit *fit = NULL;
        status = ea_fit_compute(o->records, NULL, &fit, &err);
        out = status == ENG_OK ? eng_out_begin(dir, &err) : NULL;
        if (status == ENG_OK)
            status = eng_out_finish(out, out ? ea_fit_write_files(fit, out, "fitted.ini",
                                                                  o->style, &err)
                                             : ENG_EFAIL, &err);
        ea_fit_free(fit);
    }
    int n = 0;
    if (status == ENG_OK) {
        pl_options po = { .format = PL_PNG, .lang = o->lang };
        status = pl_plot_dir(dir, &po, &n, &err);
    }
    if (status == ENG_OK) {
        pl_report_input in = { .year = (int)o->year, .lang = o->lang };
        status = pl_report_write(dir, &in, &err);
    }
    if (status == ENG_OK && !o->quiet)
        printf("eaflow: %s: %d charts in %s/plots/, report %s/index.html and %s/report.pdf\n", sc.name,
               n, dir, dir, dir);
    ea_scenario_clear(&sc);
    return status == ENG_OK ? ENG_OK : fail(&err, status);
}

/* The commands: what each accepts and requires, and how many positional arguments it takes. */
typedef struct command {
    const char *name;
    int (*run)(const options *o);
    const char *help;
    unsigned accepted, required;
    int minargs, maxargs;
    const char *args;                   /* what the positional arguments are, for messages */
} command;

static const command commands[] = {
    { "simulate", cmd_simulate, usage_simulate, O_RUN, 0, 1, 1, "SCENARIO.ini" },
    { "compare", cmd_compare, usage_compare, O_RUN | O_OBSERVED | O_AT, O_OBSERVED, 1, 1, "SCENARIO.ini" },
    { "costs", cmd_costs, usage_costs, O_OUTPUT | O_CSV | O_QUIET | O_REFERENCE | O_TOLERANCE, 0, 1, 1,
      "FUNDING.csv" },
    { "fit", cmd_fit, usage_fit, O_OUTPUT | O_AS_OF | O_CSV | O_QUIET, 0, 1, 1, "RECORDS.csv" },
    { "synth", cmd_synth, usage_synth, O_OUTPUT | O_AS_OF | O_SEED | O_CSV, O_OUTPUT, 1, 1, "SCENARIO.ini" },
    { "sweep", cmd_sweep, usage_sweep, O_RUN | O_VARY | O_TARGET | O_YEAR, O_VARY, 1, 1, "SCENARIO.ini" },
    { "scenarios", cmd_scenarios, usage_scenarios, O_RUN, 0, 2, 64, "A.ini B.ini (at least two)" },
    { "plot", cmd_plot, usage_plot, O_FORMAT | O_LANG, 0, 1, 1, "DIR" },
    { "report", cmd_report, usage_report, O_RUN | O_OBSERVED | O_FUNDING | O_RECORDS | O_YEAR | O_LANG,
      O_OUTPUT, 1, 1, "SCENARIO.ini" },
};

/* Parses a command's options and checks its arguments and required options, then runs it. */
static int run_command(const command *c, int argc, char **argv)
{
    options o;
    int status = parse_options(argc, argv, c->name, c->help, c->accepted, &o);
    if (status != ENG_OK)
        return status < 0 ? ENG_OK : status;
    if ((status = want_args(&o, c->minargs, c->maxargs, c->name, c->args, c->help)) != ENG_OK)
        return status;
    const int given[] = { o.output != NULL, o.observed != NULL, o.nvary > 0 };
    const unsigned flags[] = { O_OUTPUT, O_OBSERVED, O_VARY };
    for (size_t k = 0; k < sizeof flags / sizeof *flags; k++) {
        if (!(c->required & flags[k]) || given[k])
            continue;
        for (size_t j = 0; j < sizeof option_names / sizeof *option_names; j++)
            if (option_names[j].flag == flags[k])
                fprintf(stderr, "eaflow: %s: missing %s (see eaflow help %s)\n", c->name,
                        option_names[j].longname, c->name);
        return ENG_EINPUT;
    }
    return c->run(&o);
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stdout);
        return ENG_OK;
    }
    const char *topic = argv[1];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(topic, commands[i].name) == 0) {
            fputs(commands[i].help, stdout);
            return ENG_OK;
        }
    if (strcmp(topic, "scenario") == 0) {
        fputs("Scenario keys (INI file; durations in months, a month being 365.25/12 days):\n\n", stdout);
        ea_schema_write_markdown(stdout);
        return ENG_OK;
    }
    if (strcmp(topic, "indicators") == 0) {
        ea_indicators_write_help(stdout);
        return ENG_OK;
    }
    fprintf(stderr, "eaflow: help: no topic \"%s\" (commands, `scenario` or `indicators`)\n", topic);
    return ENG_EINPUT;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return ENG_EINPUT;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
        return cmd_help(1, argv);
    if (strcmp(cmd, "--version") == 0) {
        printf("eaflow %s\n", EAFLOW_VERSION);
        return ENG_OK;
    }
    if (strcmp(cmd, "help") == 0)
        return cmd_help(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return run_command(&commands[i], argc - 1, argv + 1);
    fprintf(stderr, "eaflow: unknown command \"%s\" (see eaflow --help)\n", cmd);
    return ENG_EINPUT;
}
