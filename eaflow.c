/* eaflow.c — The command-line program: chooses the language, parses the command, runs it, prints
 * errors as `eaflow : fichier, ligne N : ...` and exits 0 (success), 1 (runtime failure) or 2 (bad
 * usage or input). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_help.h"
#include "cli/cli_options.h"
#include "cli/cli_mpi.h"
#include "cli/cli_progress.h"
#include "cli/cli_sensitivity.h"
#include "engine/eng_error.h"
#include "engine/eng_msg.h"
#include "engine/eng_out.h"
#include "engine/eng_path.h"
#include "engine/eng_text.h"
#include "models/ea_calibrate.h"
#include "models/ea_calibrate_print.h"
#include "models/ea_compare.h"
#include "models/ea_costs.h"
#include "models/ea_fit.h"
#include "models/ea_fit_write.h"
#include "models/ea_manifest.h"
#include "models/ea_envelope.h"
#include "models/ea_places.h"
#include "models/ea_tables.h"
#include "models/ea_records.h"
#include "models/ea_scenario.h"
#include "models/ea_scenarios.h"
#include "models/ea_schema.h"
#include "models/ea_sensitivity.h"
#include "models/ea_split.h"
#include "models/ea_sweep.h"
#include "models/ea_uncertainty.h"
#include "plots/pl_charts.h"
#include "plots/pl_pipeline.h"
#include "plots/pl_workbook.h"

/* Every option of every command, parsed into one struct; each command says which it accepts. */
enum {
    O_OUTPUT = 1 << 0, O_REPS = 1 << 1, O_SEED = 1 << 2, O_THREADS = 1 << 3, O_CSV = 1 << 4,
    O_QUIET = 1 << 5, O_OBSERVED = 1 << 6, O_AT = 1 << 7, O_AS_OF = 1 << 8, O_VARY = 1 << 9,
    O_TARGET = 1 << 10, O_YEAR = 1 << 11, O_REFERENCE = 1 << 12, O_TOLERANCE = 1 << 13,
    O_FORMAT = 1 << 14, O_FUNDING = 1 << 15, O_RECORDS = 1 << 16, O_SCENARIO = 1 << 17,
    O_XLSX = 1 << 18, O_CONFIDENCE = 1 << 19, O_SPLIT = 1 << 20, O_SEARCH = 1 << 21,
    O_ENVELOPE = 1 << 22, O_FREE = 1 << 23, O_UNTIL = 1 << 24, O_OUTCOME = 1 << 25,
    O_POINTS = 1 << 26, O_UNCERTAINTY = 1 << 27, O_PRECISION = 1 << 28, O_MAXREPS = 1 << 29,
    O_RUN = O_OUTPUT | O_REPS | O_SEED | O_THREADS | O_CSV | O_QUIET | O_XLSX
};

typedef struct options {
    const char *args[64];                /* positional arguments */
    int nargs;
    const char *output, *observed, *at, *as_of, *target, *funding, *records, *scenario;
    pl_gnuplot_format format;
    pl_text_lang lang;                   /* that of the messages (choose_lang) */
    const char *vary[EA_SWEEP_MAX_VARY];
    int nvary;
    const char *free[EA_CALIBRATE_MAX_FREE], *until_text;   /* calibrate --free, --until */
    int nfree;
    const char *outcome[EA_SENSITIVITY_MAX_OUTCOMES];   /* sensitivity --outcome */
    int noutcome, uncertainty;           /* simulate --uncertainty */
    long points;                         /* --points: 0 when not given */
    long reps, seed, threads, year;      /* -1 (threads, year: 0) when not given */
    eng_date until;                      /* --until: year 0 when not given */
    double confidence;                   /* --confidence: 0 (on the mean) when not given */
    ea_simulate_precision precision;     /* -n auto, --precision, --max-replications */
    int split;                           /* --split: an ea_split_rule (| EA_SPLIT_ADDED), or none */
    int search;                          /* --search: an ea_places_search, places when not given */
    long envelope;                       /* --envelope: places to spread; 0 when not given */
    double reference;
    ea_costs_tolerance tolerance;
    int quiet;
    int xlsx;                            /* --xlsx: also write tableaux.xlsx */
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
    { O_TOLERANCE, NULL, "--tolerance" }, { O_FORMAT, NULL, "--format" },
    { O_FUNDING, NULL, "--funding" }, { O_RECORDS, NULL, "--records" },
    { O_SCENARIO, NULL, "--scenario" }, { O_CONFIDENCE, NULL, "--confidence" },
    { O_SPLIT, NULL, "--split" }, { O_SEARCH, NULL, "--search" }, { O_ENVELOPE, NULL, "--envelope" },
    { O_FREE, NULL, "--free" }, { O_UNTIL, NULL, "--until" }, { O_OUTCOME, NULL, "--outcome" },
    { O_POINTS, NULL, "--points" }, { O_PRECISION, NULL, "--precision" },
    { O_MAXREPS, NULL, "--max-replications" },
};

/* Stores --outcome or --points (sensitivity, simulate --uncertainty); prints the error. */
static int set_sensitivity_option(unsigned flag, const char *value, options *o)
{
    if (flag == O_POINTS)
        return cli_options_long("--points", value, 2, 100000, &o->points) ? ENG_EINPUT : ENG_OK;
    if (o->noutcome < EA_SENSITIVITY_MAX_OUTCOMES) {
        o->outcome[o->noutcome++] = value;
        return ENG_OK;
    }
    fprintf(stderr, eng_msg_tr("eaflow : --outcome : au plus %d issues\n"), EA_SENSITIVITY_MAX_OUTCOMES);
    return ENG_EINPUT;
}

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
    case O_SCENARIO: o->scenario = value; return ENG_OK;
    case O_FREE:
        if (o->nfree == EA_CALIBRATE_MAX_FREE) {
            fprintf(stderr, eng_msg_tr("eaflow : --free : au plus %d clés libres\n"), EA_CALIBRATE_MAX_FREE);
            return ENG_EINPUT;
        }
        o->free[o->nfree++] = value;
        return ENG_OK;
    case O_FORMAT:
        if (pl_gnuplot_format_parse(value, &o->format) == 0)
            return ENG_OK;
        fprintf(stderr, eng_msg_tr("eaflow : --format : attendu png, svg ou pdf, lu « %s »\n"), value);
        return ENG_EINPUT;
    case O_VARY:
        if (o->nvary == EA_SWEEP_MAX_VARY) {
            fprintf(stderr, eng_msg_tr("eaflow : --vary : au plus %d clés ; faites plusieurs sweep\n"),
                    EA_SWEEP_MAX_VARY);
            return ENG_EINPUT;
        }
        o->vary[o->nvary++] = value;
        return ENG_OK;
    case O_REPS: return cli_options_replications(value, &o->reps) ? ENG_EINPUT : ENG_OK;
    case O_PRECISION: case O_MAXREPS: return cli_options_precision(flag == O_MAXREPS, value, &o->precision);
    case O_SEED: return cli_options_long("--seed", value, 0, 0x7fffffffffffffffL, &o->seed) ? ENG_EINPUT : ENG_OK;
    case O_THREADS: return cli_options_long("--threads", value, 1, 1024, &o->threads) ? ENG_EINPUT : ENG_OK;
    case O_YEAR: return cli_options_long("--year", value, 1900, 2200, &o->year) ? ENG_EINPUT : ENG_OK;
    case O_REFERENCE: return cli_options_double("--reference", value, 1, 1e7, &o->reference) ? ENG_EINPUT : ENG_OK;
    case O_TOLERANCE: {
        eng_error e;
        if (ea_costs_tolerance_parse(value, &o->tolerance, &e) == ENG_OK)
            return ENG_OK;
        fprintf(stderr, eng_msg_tr("eaflow : --tolerance : %s\n"), e.msg);
        return ENG_EINPUT;
    }
    case O_CSV: return cli_options_csv(value, &o->style) ? ENG_EINPUT : ENG_OK;
    case O_UNTIL: {
        char why[128];
        o->until_text = value;
        if (eng_date_parse(value, &o->until, why, sizeof why) == 0)
            return ENG_OK;
        fprintf(stderr, eng_msg_tr("eaflow : --until : attendu une date AAAA-MM-JJ, lu « %s » "
                                   "(%s)\n"), value, why);
        return ENG_EINPUT;
    }
    case O_SPLIT: {
        eng_error e;
        int rule;
        if (ea_split_rule_parse(value, &rule, &e) != ENG_OK) {
            fprintf(stderr, eng_msg_tr("eaflow : %s\n"), e.msg);
            return ENG_EINPUT;
        }
        o->split = rule;
        return ENG_OK;
    }
    case O_ENVELOPE: return cli_options_long("--envelope", value, 1, 1000000, &o->envelope) ? ENG_EINPUT : ENG_OK;
    case O_SEARCH:
    case O_CONFIDENCE: {
        eng_error e;
        ea_places_search search;
        if (flag == O_SEARCH && ea_places_search_parse(value, &search, &e) == ENG_OK) {
            o->search = (int)search;
            return ENG_OK;
        }
        if (flag == O_CONFIDENCE && ea_target_level_parse(value, &o->confidence, &e) == ENG_OK)
            return ENG_OK;
        fprintf(stderr, eng_msg_tr("eaflow : %s\n"), e.msg);
        return ENG_EINPUT;
    }
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
    o->style = &eng_csv_standard;
    o->lang = eng_msg_get_lang() == ENG_MSG_EN ? PL_EN : PL_FR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *value = NULL;
        int missing = 0, matched = 0;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            cli_help_put(usage, stdout);
            return -1;
        }
        if ((accepted & O_QUIET) && (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)) {
            o->quiet = 1;
            continue;
        }
        if ((accepted & O_XLSX) && strcmp(a, "--xlsx") == 0) {
            o->xlsx = 1;
            continue;
        }
        if ((accepted & O_UNCERTAINTY) && strcmp(a, "--uncertainty") == 0) {
            o->uncertainty = 1;
            continue;
        }
        for (size_t k = 0; k < sizeof option_names / sizeof *option_names && !matched; k++) {
            if (!(accepted & option_names[k].flag) ||
                !cli_options_value(argc, argv, &i, option_names[k].shortname, option_names[k].longname, &value,
                           &missing))
                continue;
            matched = 1;
            if (missing) {
                fprintf(stderr, eng_msg_tr("eaflow : %s : valeur manquante (voir eaflow help %s)\n"),
                        a, cmd);
                return ENG_EINPUT;
            }
            unsigned flag = option_names[k].flag;
            if ((flag & (O_OUTCOME | O_POINTS) ? set_sensitivity_option : set_option)(flag, value, o) != ENG_OK)
                return ENG_EINPUT;
        }
        if (matched)
            continue;
        if (a[0] == '-' && a[1] != '\0') {
            const char *names[sizeof option_names / sizeof *option_names];
            int n = 0;
            for (size_t k = 0; k < sizeof option_names / sizeof *option_names; k++)
                if (accepted & option_names[k].flag)
                    names[n++] = option_names[k].longname;
            cli_options_unknown(cmd, a, names, n);
            return ENG_EINPUT;
        }
        if (o->nargs == (int)(sizeof o->args / sizeof *o->args)) {
            fprintf(stderr, eng_msg_tr("eaflow : %s : trop d'arguments\n"), cmd);
            return ENG_EINPUT;
        }
        o->args[o->nargs++] = a;
    }
    return cli_options_settle_auto(&o->reps, &o->precision, accepted & O_PRECISION) ? ENG_EINPUT : ENG_OK;
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
    ea_scenario_set_run(sc, o->reps, o->seed);
    return ENG_OK;
}

/* The options of the pipeline's stages from the command line's, with the progress bar drawn into
 * ps on a terminal. */
static pl_pipeline_options pipeline_options(const options *o, cli_progress_state *ps)
{
    pl_pipeline_options po = { .run = { .threads = (int)o->threads, .precision = o->precision },
                               .style = o->style,
                               .observed = o->observed, .at = o->at, .funding = o->funding,
                               .records = o->records, .year = (int)o->year, .lang = o->lang,
                               .until = o->until,
                               .warnings = stderr, .xlsx = o->xlsx };
    po.notices = stderr;
    if (show_progress(o)) {
        po.run.progress = cli_progress_bar;
        po.run.progress_data = ps;
    }
    return po;
}

/* What the commands that run a scenario share: the scenario, with the command line's replications
 * and seed, and the options of the pipeline's stages, whose progress bar draws into ps. */
typedef struct scenario_run {
    ea_scenario sc;
    cli_progress_state ps;
    pl_pipeline_options po;
    ea_simulate_reached reached;         /* filled by -n auto */
} scenario_run;

/* Loads the scenario of a run and sets its pipeline's options; r->sc is to be cleared on ENG_OK. */
static int load_run(const options *o, scenario_run *r, eng_error *err)
{
    int status = load_scenario(o, &r->sc, err);
    r->ps = (cli_progress_state){ -1 };
    r->po = pipeline_options(o, &r->ps);
    r->po.run.reached = &r->reached;
    return status;
}

/* --xlsx: the workbook of the tables written into out, their replications said in its titles
 * (0: read from run.ini). */
static int workbook_if(const options *o, eng_out *out, int replications, eng_error *err)
{
    return o->xlsx ? pl_workbook_add(out, &(pl_workbook_options){ .lang = o->lang,
                                     .replications = replications }, err) : ENG_OK;
}

/* The end of a command's last line when it wrote the workbook (--xlsx): " ; classeur
 * DIR/tableaux.xlsx", into buf; "" otherwise. Returns buf. */
static const char *workbook_said(const options *o, const char *dir, char *buf, size_t size)
{
    buf[0] = '\0';
    if (o->xlsx)
        snprintf(buf, size, eng_msg_tr(" ; classeur %s/%s"), dir, PL_WORKBOOK_FILE);
    return buf;
}

/* The output directory, allocated: -o, or out/<scenario stem><suffix>. */
static char *output_dir(const options *o, const char *suffix, eng_error *err)
{
    if (o->output) {
        char *dir = strdup(o->output);
        if (!dir)
            eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return cli_mpi_output(dir, err);
    }
    /* The stem is a part of the path, so the path's length bounds it. */
    size_t size = strlen(o->args[0]) + strlen(suffix) + 1;
    char *name = malloc(size);
    if (!name) {
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        return NULL;
    }
    ea_scenario_stem(o->args[0], name, size);
    strcat(name, suffix);
    char *dir = eng_path_join("out", name, err);
    free(name);
    return cli_mpi_output(dir, err);
}

/* What simulate --uncertainty, sensitivity and report --outcome take from the command line. */
static cli_sensitivity_args sensitivity_args(const options *o)
{
    return (cli_sensitivity_args){ .scenario = o->args[0], .outcomes = o->outcome,
                                   .noutcomes = o->noutcome, .points = o->points, .reps = o->reps,
                                   .seed = o->seed, .threads = o->threads, .quiet = o->quiet,
                                   .progress = show_progress(o), .style = o->style,
                                   .xlsx = o->xlsx, .format = o->format, .lang = o->lang };
}

/* Runs simulate --uncertainty or sensitivity (fn) with the command line's values. */
static int run_sensitivity(const options *o, const char *suffix, int (*fn)(const cli_sensitivity_args *))
{
    eng_error err;
    cli_sensitivity_args a = sensitivity_args(o);
    if (!(a.outdir = output_dir(o, suffix, &err)))
        return cli_options_fail(&err, ENG_EFAIL);
    int status = fn(&a);
    free((char *)a.outdir);
    return status;
}

static int cmd_sensitivity(const options *o)
{
    return run_sensitivity(o, "-sensitivity", cli_sensitivity_run);
}

static int cmd_simulate(const options *o)
{
    eng_error err;
    char wb[4096];
    scenario_run r;
    if (o->uncertainty)
        return run_sensitivity(o, "-uncertainty", cli_sensitivity_uncertainty);
    int status = load_run(o, &r, &err);
    if (status != ENG_OK)
        return cli_options_fail(&err, status);
    char *outdir = output_dir(o, "", &err);
    status = outdir ? pl_pipeline_simulate(outdir, &r.sc, &r.po, &err) : ENG_EFAIL;
    if (status == ENG_OK && !o->quiet && o->precision.mode != EA_SIMULATE_FIXED)
        cli_options_print_reached(&r.reached, stdout);
    if (status == ENG_OK && !o->quiet)
        printf(eng_msg_tr("eaflow : %s : %d réplications de %d mois, %d plateforme%s ; écrit "
                          "%s/monthly.csv, %s/annual.csv, %s/run.ini%s\n"),
               r.sc.name, o->precision.mode ? (int)r.reached.replications : r.sc.replications, r.sc.months, r.sc.ndepartments,
               r.sc.ndepartments > 1 ? "s" : "", outdir, outdir, outdir,
               workbook_said(o, outdir, wb, sizeof wb));
    free(outdir);
    ea_scenario_clear(&r.sc);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}

static int cmd_compare(const options *o)
{
    eng_error err;
    char wb[4096];
    scenario_run r;
    int status = load_run(o, &r, &err);
    if (status != ENG_OK)
        return cli_options_fail(&err, status);
    char *outdir = output_dir(o, "", &err);
    ea_compare *cmp = NULL;
    int reused = 0;
    status = outdir ? pl_pipeline_compare(outdir, &r.sc, &r.po, &cmp, &reused, &err) : ENG_EFAIL;
    if (status == ENG_OK && !o->quiet) {
        ea_compare_print(cmp, &r.sc, o->at, stdout);
        printf(reused ? eng_msg_tr("eaflow : tableaux de la simulation repris ; écrit %s/compare.csv, "
                                   "%s/compare-summary.csv, %s/capacity.csv%s\n")
                      : eng_msg_tr("eaflow : tableaux de la simulation écrits, puis %s/compare.csv, "
                                   "%s/compare-summary.csv, %s/capacity.csv%s\n"),
               outdir, outdir, outdir, workbook_said(o, outdir, wb, sizeof wb));
    }
    ea_compare_free(cmp);
    free(outdir);
    ea_scenario_clear(&r.sc);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}

static int cmd_costs(const options *o)
{
    int status = ENG_OK;
    char wb[4096];
    const char *outdir = o->output ? o->output : "out/costs";
    eng_error err;
    ea_costs c;
    status = ea_costs_compute(o->args[0], o->reference, o->tolerance, &c, &err);
    if (status != ENG_OK)
        return cli_options_fail(&err, status);
    if (o->scenario) {
        if ((status = ea_costs_check_file(&c, o->scenario, &err)) != ENG_OK) {
            ea_costs_clear(&c);
            return cli_options_fail(&err, status);
        }
        ea_costs_print_mismatches(&c, stderr);
    }
    const char *inputs[] = { o->args[0], o->scenario };
    eng_out *out = ea_manifest_begin(outdir, inputs, 2, &err);
    status = out ? ea_costs_write(&c, out, o->style, &err) : ENG_EFAIL;
    if (status == ENG_OK)
        status = workbook_if(o, out, 0, &err);
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK && !o->quiet) {
        ea_costs_print(&c, stdout);
        if (o->scenario)
            printf(eng_msg_tr("\neaflow : écrit %s/costs.csv, %s/costs-dispersion.csv et "
                              "%s/costs-mismatches.csv%s\n"), outdir, outdir, outdir,
                   workbook_said(o, outdir, wb, sizeof wb));
        else
            printf(eng_msg_tr("\neaflow : écrit %s/costs.csv et %s/costs-dispersion.csv%s\n"), outdir,
                   outdir, workbook_said(o, outdir, wb, sizeof wb));
    }
    ea_costs_clear(&c);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}

static int cmd_synth(const options *o)
{
    int status = ENG_OK;
    const char *output = o->output;
    eng_error err;
    ea_scenario sc;
    status = ea_scenario_load(o->args[0], &sc, &err);
    if (status != ENG_OK)
        return cli_options_fail(&err, status);
    ea_scenario_set_run(&sc, 0, o->seed);
    /* The file goes through a set of outputs in its directory, so that it appears whole or not. */
    char *dir = eng_path_dir(output, &err);
    eng_out *out = dir ? eng_out_begin(dir, &err) : NULL;
    FILE *f = out ? eng_out_open(out, eng_path_base(output), &err) : NULL;
    long rows = 0;
    status = f ? ea_records_synth(&sc, o->as_of, f, o->style, &rows, &err) : ENG_EFAIL;
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK)
        printf(eng_msg_tr("eaflow : écrit %ld épisodes dans %s\n"), rows, output);
    free(dir);
    ea_scenario_clear(&sc);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}

/* The run options of sweep from the command line's. */
static ea_sweep_options sweep_options(const options *o)
{
    ea_sweep_options run = { .replications = o->reps, .seed = o->seed, .threads = (int)o->threads,
                             .year = (int)o->year, .split = o->split };
    if (show_progress(o))
        run.progress = cli_progress_points;
    return run;
}

static int cmd_sweep(const options *o)
{
    char wb[4096];
    ea_sweep_options run = sweep_options(o);
    eng_error err;
    ea_vary vary[EA_SWEEP_MAX_VARY];
    ea_target target;
    int status = ENG_OK, nv = 0;
    for (; nv < o->nvary && status == ENG_OK; nv++)
        if ((status = ea_vary_parse(o->vary[nv], &vary[nv], &err)) != ENG_OK)
            break;
    if (status == ENG_OK && !o->target && o->confidence > 0)
        status = eng_error_set(&err, ENG_EINPUT, "--confidence va avec --target ; ajoutez par "
                               "exemple --target 'waiting<=20'");
    if (status == ENG_OK && o->target &&
        (status = ea_target_parse(o->target, o->confidence, &target, &err)) == ENG_OK)
        run.target = &target;
    char *outdir = NULL;
    if (status == ENG_OK && !(outdir = output_dir(o, "-sweep", &err)))
        status = ENG_EFAIL;
    eng_out *out = NULL;
    if (status == ENG_OK && !(out = ea_manifest_begin(outdir, o->args, o->nargs, &err)))
        status = ENG_EFAIL;
    ea_sweep s;
    if (status == ENG_OK && (status = ea_sweep_compute(o->args[0], vary, nv, &run, &s, &err)) == ENG_OK) {
        status = ea_sweep_write(&s, out, o->style, &err);
        if (status == ENG_OK && !o->quiet)
            ea_sweep_print(&s, stdout);
        /* The answer to the target is what the command was run for: printed even with -q. */
        if (status == ENG_OK && s.has_target) {
            if (!o->quiet)
                fputc('\n', stdout);
            ea_sweep_print_answer(&s, stdout);
        }
        ea_sweep_clear(&s);
    }
    if (status == ENG_OK)
        status = workbook_if(o, out, (int)o->reps, &err);
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK && !o->quiet)
        printf(eng_msg_tr("eaflow : écrit %s/sweep.csv, %s/sweep-summary.csv, %s/sweep.ini%s%s\n"),
               outdir, outdir, outdir, run.target ? eng_msg_tr(" et sweep-target.csv") : "",
               workbook_said(o, outdir, wb, sizeof wb));
    for (int k = 0; k < nv; k++)
        ea_vary_clear(&vary[k]);
    free(outdir);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}

/* places --envelope: the envelope spread where it helps most, written and printed. */
static int places_envelope(const options *o, const ea_places_options *run, eng_out *out, eng_error *err)
{
    ea_envelope e;
    int status = ea_envelope_compute(o->args[0], run, (int)o->envelope, &e, err);
    if (status == ENG_OK && (status = ea_envelope_write(&e, out, o->style, err)) == ENG_OK
        && (status = workbook_if(o, out, e.replications, err)) == ENG_OK)
        ea_envelope_print(&e, stdout);
    ea_envelope_clear(&e);
    return status;
}

static int cmd_places(const options *o)
{
    char wb[4096];
    ea_places_options run = { .replications = o->reps, .seed = o->seed, .threads = (int)o->threads,
                              .year = (int)o->year, .search = o->search };
    eng_error err;
    ea_target target;
    int status = ea_target_parse(o->target, o->confidence, &target, &err);
    run.target = &target;
    char *outdir = NULL;
    if (status == ENG_OK && !(outdir = output_dir(o, "-places", &err)))
        status = ENG_EFAIL;
    eng_out *out = NULL;
    if (status == ENG_OK && !(out = ea_manifest_begin(outdir, o->args, o->nargs, &err)))
        status = ENG_EFAIL;
    ea_places p;
    if (status == ENG_OK && o->envelope > 0)
        status = places_envelope(o, &run, out, &err);
    else if (status == ENG_OK && (status = ea_places_compute(o->args[0], &run, &p, &err)) == ENG_OK) {
        status = ea_places_write(&p, out, o->style, &err);
        if (status == ENG_OK)
            status = workbook_if(o, out, p.replications, &err);
        /* The table is the answer: printed even with -q. */
        if (status == ENG_OK)
            ea_places_print(&p, stdout);
        ea_places_clear(&p);
    }
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK && !o->quiet)
        printf(eng_msg_tr("eaflow : écrit %s/%s%s\n"), outdir, ea_tables_file(
               o->envelope > 0 ? EA_TABLE_ENVELOPE : o->search ? EA_TABLE_FTE : EA_TABLE_PLACES),
               workbook_said(o, outdir, wb, sizeof wb));
    free(outdir);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}

/* Where scenarios writes without -o (the other commands' defaults depend on their arguments). */
#define SCENARIOS_OUTPUT "out/scenarios"

static int cmd_scenarios(const options *o)
{
    char wb[4096];
    ea_scenarios_options run = { .replications = o->reps, .seed = o->seed,
                                  .threads = (int)o->threads };
    run.warnings = stderr;
    if (show_progress(o))
        run.progress = cli_progress_points;
    cli_progress_state ps = { 0 };
    pl_pipeline_options po = pipeline_options(o, &ps);
    eng_error err;
    const char *outdir = o->output ? o->output : SCENARIOS_OUTPUT;
    ea_scenarios s;
    int status = pl_pipeline_scenarios(outdir, o->args, o->nargs, &run, &po, &s, &err);
    if (status != ENG_OK)
        return cli_options_fail(&err, status);
    if (!o->quiet) {
        ea_scenarios_print(&s, (int)o->year, stdout);
        printf(eng_msg_tr("eaflow : écrit %s/scenarios.csv, %s/scenarios-structure.csv, la page "
                          "%s/index.html et %s/report.pdf%s\n"), outdir, outdir, outdir, outdir,
               workbook_said(o, outdir, wb, sizeof wb));
    }
    ea_scenarios_clear(&s);
    return ENG_OK;
}

static int cmd_calibrate(const options *o)
{
    eng_error err;
    ea_calibrate_free f[EA_CALIBRATE_MAX_FREE];
    ea_calibrate_options run = { .replications = o->reps, .seed = o->seed,
                                 .threads = (int)o->threads, .until = o->until_text };
    if (show_progress(o))
        run.progress = cli_progress_evaluation;
    int status = ENG_OK, n = 0;
    for (int k = 0; k < o->nfree && status == ENG_OK; k++)
        status = ea_calibrate_free_parse(o->free[k], &f[k], &err);
    char *outdir = NULL;
    if (status == ENG_OK && !(outdir = output_dir(o, "-calibrate", &err)))
        status = ENG_EFAIL;
    ea_calibrate c;
    if (status == ENG_OK)
        status = pl_pipeline_calibrate(outdir, o->args[0], o->observed, f, o->nfree, &run, o->style,
                                       o->format, o->lang, &c, &n, &err);
    /* The summary is the answer: printed even with -q. */
    if (status == ENG_OK) {
        ea_calibrate_print_summary(&c, stdout);
        ea_calibrate_clear(&c);
    }
    if (status == ENG_OK && !o->quiet)
        printf(eng_msg_tr("eaflow : écrit %s/calibrated.ini, calibration.csv, targets.csv, "
                          "trace.csv%s, summary.txt et %d graphiques dans plots/\n"),
               outdir, o->until_text ? ", backtest.csv" : "", n);
    free(outdir);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}

static int cmd_fit(const options *o)
{
    eng_error err;
    const char *path = o->output ? o->output : "fitted.ini";
    char *dir = eng_path_dir(path, &err);
    if (!dir)
        return cli_options_fail(&err, ENG_EFAIL);
    ea_fit *fit = NULL;
    const char *name = eng_path_base(path);
    int status = pl_pipeline_fit(o->args[0], dir, name, o->as_of, o->style, &fit, &err);
    if (status == ENG_OK && !o->quiet)
        ea_fit_write_summary(fit, dir, name, stdout);
    ea_fit_free(fit);
    free(dir);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}

static int cmd_plot(const options *o)
{
    eng_error err;
    int n = 0;
    int status = pl_pipeline_plot(o->args[0], o->format, o->lang, &n, &err);
    if (status != ENG_OK)
        return cli_options_fail(&err, status);
    printf(eng_msg_tr("eaflow : %d graphique%s dans %s/plots/\n"), n, n > 1 ? "s" : "", o->args[0]);
    return ENG_OK;
}

static int cmd_report(const options *o)
{
    eng_error err;
    scenario_run r;
    if (o->until.year && !o->observed) {
        fputs(eng_msg_tr("eaflow : report : --until tient à l'écart des observations ; donnez-les "
                         "avec --observed OBS.csv\n"), stderr);
        return ENG_EINPUT;
    }
    ea_sensitivity s = { .noutcomes = 0 };
    const cli_sensitivity_args a = sensitivity_args(o);
    int status = load_run(o, &r, &err);
    if (status != ENG_OK)
        return cli_options_fail(&err, status);
    if (o->noutcome && (status = cli_sensitivity_compute(&a, &s, &err)) == ENG_OK)
        r.po.sensitivity = &s;
    const char *dir = o->output;
    int n = 0;
    if (status == ENG_OK)
        status = pl_pipeline_report(dir, &r.sc, &r.po, &n, &err);
    if (status == ENG_OK && !o->quiet)
        printf(eng_msg_tr("eaflow : %s : %d graphiques dans %s/plots/, rapport %s/index.html, "
                          "%s/report.pdf et %s/%s\n"),
               r.sc.name, n, dir, dir, dir, dir, PL_WORKBOOK_FILE);
    ea_sensitivity_clear(r.po.sensitivity ? &s : NULL);
    ea_scenario_clear(&r.sc);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}

/* What the positional arguments of a command are, for the notice of the files converted. */
enum { ARG_SCENARIOS, ARG_TABLE, ARG_DIR };

/* The commands: what each accepts and requires, how many positional arguments it takes, and its
 * help. The order is that of `eaflow --help`. */
typedef struct command {
    const char *name;
    int (*run)(const options *o);
    const cli_help_command *help;
    unsigned accepted, required;
    int minargs, maxargs;
    const char *args;                   /* what the positional arguments are, for messages */
    int argfiles;                       /* what they are: ARG_SCENARIOS, ARG_TABLE or ARG_DIR */
    const char *fixed_output;           /* the output directory without -o, when it is fixed */
} command;

static const command commands[] = {
    { "simulate", cmd_simulate, &cli_help_simulate,
      O_RUN | O_UNCERTAINTY | O_POINTS | O_PRECISION | O_MAXREPS, 0, 1, 1, "SCENARIO.ini",
      ARG_SCENARIOS, NULL },
    { "compare", cmd_compare, &cli_help_compare,
      O_RUN | O_OBSERVED | O_AT | O_PRECISION | O_MAXREPS, O_OBSERVED, 1, 1,
      "SCENARIO.ini", ARG_SCENARIOS, NULL },
    { "costs", cmd_costs, &cli_help_costs,
      O_OUTPUT | O_CSV | O_QUIET | O_REFERENCE | O_TOLERANCE | O_SCENARIO | O_XLSX, 0, 1, 1,
      "FUNDING.csv", ARG_TABLE, NULL },
    { "sweep", cmd_sweep, &cli_help_sweep,
      O_RUN | O_VARY | O_TARGET | O_YEAR | O_CONFIDENCE | O_SPLIT, O_VARY, 1, 1, "SCENARIO.ini",
      ARG_SCENARIOS, NULL },
    { "places", cmd_places, &cli_help_places,
      O_RUN | O_TARGET | O_YEAR | O_CONFIDENCE | O_SEARCH | O_ENVELOPE, O_TARGET, 1, 1,
      "SCENARIO.ini", ARG_SCENARIOS, NULL },
    { "calibrate", cmd_calibrate, &cli_help_calibrate, O_RUN | O_OBSERVED | O_FREE | O_UNTIL,
      O_OBSERVED | O_FREE, 1, 1, "SCENARIO.ini", ARG_SCENARIOS, NULL },
    { "sensitivity", cmd_sensitivity, &cli_help_sensitivity, O_RUN | O_OUTCOME | O_POINTS | O_FORMAT,
      O_OUTCOME, 1, 1, "SCENARIO.ini", ARG_SCENARIOS, NULL },
    { "scenarios", cmd_scenarios, &cli_help_scenarios, O_RUN | O_YEAR, 0, 2, 64,
      ENG_MSG_N("A.ini B.ini (au moins deux)"), ARG_SCENARIOS, SCENARIOS_OUTPUT },
    { "fit", cmd_fit, &cli_help_fit, O_OUTPUT | O_AS_OF | O_CSV | O_QUIET, 0, 1, 1, "RECORDS.csv",
      ARG_TABLE, NULL },
    { "synth", cmd_synth, &cli_help_synth, O_OUTPUT | O_AS_OF | O_SEED | O_CSV, O_OUTPUT, 1, 1,
      "SCENARIO.ini", ARG_SCENARIOS, NULL },
    { "plot", cmd_plot, &cli_help_plot, O_FORMAT, 0, 1, 1, ENG_MSG_N("DOSSIER"), ARG_DIR, NULL },
    { "report", cmd_report, &cli_help_report,
      O_RUN | O_OBSERVED | O_FUNDING | O_RECORDS | O_YEAR | O_UNTIL | O_PRECISION | O_MAXREPS
          | O_OUTCOME | O_POINTS,
      O_OUTPUT, 1, 1, "SCENARIO.ini", ARG_SCENARIOS, NULL },
};

/* `eaflow --help`: the head, the summary of every command of the table, the tail. */
static void print_usage(FILE *f)
{
    fprintf(f, "eaflow %s — ", CLI_HELP_VERSION);
    cli_help_put(cli_help_head, f);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        cli_help_put(commands[i].help->summary, f);
    cli_help_put(cli_help_tail, f);
}

/* The notice of cli_options_tell_conversion for every input file of a command: its positional arguments,
 * --scenario, and the tables --observed, --funding and --records. */
static void tell_conversions(const command *c, const options *o)
{
    const char *told[64 + 4];
    int n = 0;
    for (int i = 0; i < o->nargs && c->argfiles != ARG_DIR; i++) {
        cli_options_tell_conversion(o->args[i], c->argfiles == ARG_TABLE, told, n);
        told[n++] = o->args[i];
    }
    const char *const tables[] = { o->observed, o->funding, o->records };
    if (o->scenario) {
        cli_options_tell_conversion(o->scenario, 0, told, n);
        told[n++] = o->scenario;
    }
    for (size_t k = 0; k < sizeof tables / sizeof *tables; k++)
        if (tables[k]) {
            cli_options_tell_conversion(tables[k], 1, told, n);
            told[n++] = tables[k];
        }
}

/* Parses a command's options and checks its arguments and required options, then runs it. */
static int run_command(const command *c, int argc, char **argv)
{
    options o;
    int status = parse_options(argc, argv, c->name, c->help->usage, c->accepted, &o);
    if (status != ENG_OK)
        return status < 0 ? ENG_OK : status;
    if ((status = cli_help_want_args(o.nargs, c->minargs, c->maxargs, c->name, c->args, c->help->usage)) != ENG_OK)
        return status;
    const int given[] = { o.output != NULL, o.observed != NULL, o.nvary > 0, o.target != NULL, o.nfree > 0,
                          o.noutcome > 0 };
    const unsigned flags[] = { O_OUTPUT, O_OBSERVED, O_VARY, O_TARGET, O_FREE, O_OUTCOME };
    for (size_t k = 0; k < sizeof flags / sizeof *flags; k++) {
        if (!(c->required & flags[k]) || given[k])
            continue;
        for (size_t j = 0; j < sizeof option_names / sizeof *option_names; j++)
            if (option_names[j].flag == flags[k])
                fprintf(stderr, eng_msg_tr("eaflow : %s : il manque %s (voir eaflow help %s)\n"),
                        c->name, option_names[j].longname, c->name);
        return ENG_EINPUT;
    }
    eng_error err;
    /* Before any directory is prepared: a scenario whose [uncertainty] is wrong stops here. */
    for (int i = 0; i < o.nargs && c->argfiles == ARG_SCENARIOS; i++)
        if ((status = cli_options_check_scenario(o.args[i], &err)) != ENG_OK)
            return cli_options_fail(&err, status);
    /* An MPI job spreads the commands that simulate (those with -n): see cli/cli_mpi.h. */
    int runs = cli_mpi_prepare((c->accepted & O_REPS) != 0, c->fixed_output, &o.output, &err);
    if (runs <= 0)
        return runs < 0 ? cli_options_fail(&err, -runs) : ENG_OK;
    tell_conversions(c, &o);
    return c->run(&o);
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stdout);
        return ENG_OK;
    }
    const char *topic = argv[1];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(topic, commands[i].name) == 0) {
            cli_help_put(commands[i].help->usage, stdout);
            return ENG_OK;
        }
    return cli_help_topic(topic);
}

/* The command nearest to an unknown one (help included), when it is near enough to be a typo
 * (ea_schema_closest); NULL otherwise. */
static const char *closest_command(const char *word)
{
    const char *names[sizeof commands / sizeof *commands + 1] = { "help" };
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        names[i + 1] = commands[i].name;
    return ea_schema_closest(word, names, (int)(sizeof names / sizeof *names));
}

/* Runs the command that the arguments (--lang taken out) name. */
static int run(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return ENG_EINPUT;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
        return cmd_help(1, argv);
    if (strcmp(cmd, "--version") == 0) {
        printf("eaflow %s\n", CLI_HELP_VERSION);
        return ENG_OK;
    }
    if (strcmp(cmd, "help") == 0)
        return cmd_help(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return run_command(&commands[i], argc - 1, argv + 1);
    const char *near = closest_command(cmd);
    if (near)
        fprintf(stderr,
                eng_msg_tr("eaflow : commande inconnue « %s » ; vouliez-vous dire %s ? (voir eaflow "
                           "--help)\n"), cmd, near);
    else
        fprintf(stderr, eng_msg_tr("eaflow : commande inconnue « %s » (voir eaflow --help)\n"), cmd);
    return ENG_EINPUT;
}

int main(int argc, char **argv)
{
    if (cli_mpi_begin(&argc, &argv) != ENG_OK)
        return ENG_EFAIL;
    /* The manifests record the command line as typed, --lang included. */
    ea_manifest_program(CLI_HELP_VERSION, argc, argv);
    char **args = malloc(((size_t)argc + 1) * sizeof *args);
    if (!args) {
        fputs(eng_msg_tr("eaflow : mémoire insuffisante\n"), stderr);
        return ENG_EFAIL;
    }
    int nargs, status = cli_options_choose_lang(argc, argv, &nargs, args);
    if (status == ENG_OK)
        status = run(nargs, args);
    free(args);
    return cli_mpi_end(status);
}
