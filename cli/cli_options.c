/* cli_options.c — The values of the command line's options: whole numbers, numbers, the CSV style
 * and `--name VALUE` or `--name=VALUE`, each error printed in the language of the messages. */
#include "cli_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_encoding.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "../models/ea_scenario.h"
#include "../models/ea_schema.h"
#include "../models/ea_uncertainty.h"

/* Writes a whole number for people: digits grouped by three with a space in French, a comma in
 * English (exactly, where a double would round the largest seed). */
const char *cli_options_group_long(char *buf, size_t size, long x)
{
    char digits[32];
    const char *sep = eng_msg_get_lang() == ENG_MSG_EN ? "," : " ";
    int n = snprintf(digits, sizeof digits, "%ld", x), len = 0, first = digits[0] == '-';
    for (int i = 0; i < n && len + 2 < (int)size; i++) {
        if (i > first && (n - i) % 3 == 0)
            len += snprintf(buf + len, size - (size_t)len, "%s", sep);
        buf[len++] = digits[i];
    }
    buf[len] = '\0';
    return buf;
}

/* Parses a whole number option within [lo, hi]; prints the error and returns -1 when it is not. */
int cli_options_long(const char *opt, const char *text, long lo, long hi, long *out)
{
    if (eng_text_parse_long(text, out) != 0 || *out < lo || *out > hi) {
        char a[40], b[40];
        fprintf(stderr, eng_msg_tr("eaflow : %s : attendu un nombre entier de %s à %s, lu « %s »\n"),
                opt, cli_options_group_long(a, sizeof a, lo), cli_options_group_long(b, sizeof b, hi), text);
        return -1;
    }
    return 0;
}

void cli_options_unknown(const char *cmd, const char *word, const char *const *names, int n)
{
    char bare[64];   /* the option without its value: --sed=3 is --sed */
    snprintf(bare, sizeof bare, "%.*s", (int)strcspn(word, "="), word);
    const char *near = ea_schema_closest(bare, names, n);
    if (near)
        fprintf(stderr, eng_msg_tr("eaflow : %s : option inconnue « %s » ; vouliez-vous dire %s ? "
                                   "(voir eaflow help %s)\n"), cmd, word, near, cmd);
    else
        fprintf(stderr, eng_msg_tr("eaflow : %s : option inconnue « %s » (voir eaflow help %s)\n"),
                cmd, word, cmd);
}

/* Matches `--name VALUE` or `--name=VALUE` (and a short alias): sets *value and advances *i. */
int cli_options_value(int argc, char **argv, int *i, const char *shortname, const char *longname,
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

/* Parses a number option within [lo, hi]; prints the error and returns -1 when it is not. */
int cli_options_double(const char *opt, const char *text, double lo, double hi, double *out)
{
    if (eng_text_parse_double(text, out) != 0 || *out < lo || *out > hi) {
        char a[40], b[40];
        fprintf(stderr,
                eng_msg_tr("eaflow : %s : attendu un nombre de %s à %s, lu « %s » ; écrivez les "
                           "décimales avec un point (4300.5)\n"),
                opt, cli_options_group_long(a, sizeof a, (long)lo), cli_options_group_long(b, sizeof b, (long)hi), text);
        return -1;
    }
    return 0;
}

/* Reads --csv std or fr into *style; prints the error and returns -1 for anything else. */
int cli_options_csv(const char *value, const eng_csv_style **style)
{
    if (strcmp(value, "fr") == 0)
        *style = &eng_csv_french;
    else if (strcmp(value, "std") == 0)
        *style = &eng_csv_standard;
    else {
        fprintf(stderr, eng_msg_tr("eaflow : --csv : attendu std ou fr, lu « %s »\n"), value);
        return -1;
    }
    return 0;
}

/* The language of the messages, the help and the report, chosen once: the locale (LC_ALL, else
 * LC_MESSAGES, else LANG: the first one set and not empty, as setlocale reads them), French when it
 * is neither French nor English ("C", "POSIX"); then `--lang fr|en` anywhere on the command line,
 * which wins. args receives argv without --lang and its value. Returns ENG_OK, or ENG_EINPUT after
 * printing the error. */
int cli_options_choose_lang(int argc, char **argv, int *nargs, char **args)
{
    const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    eng_msg_lang lang = ENG_MSG_FR;
    for (size_t k = 0; k < sizeof vars / sizeof *vars; k++) {
        const char *v = getenv(vars[k]);
        if (v && *v) {
            if (eng_msg_lang_parse(v, &lang) != 0)
                lang = ENG_MSG_FR;
            break;
        }
    }
    eng_msg_set_lang(lang);
    *nargs = 0;
    for (int i = 0; i < argc; i++) {
        const char *value = NULL;
        if (i > 0 && strncmp(argv[i], "--lang=", 7) == 0)
            value = argv[i] + 7;
        else if (i > 0 && strcmp(argv[i], "--lang") == 0) {
            if (i + 1 == argc) {
                fputs(eng_msg_tr("eaflow : --lang : valeur manquante ; écrivez --lang fr ou --lang en\n"),
                      stderr);
                return ENG_EINPUT;
            }
            value = argv[++i];
        } else {
            args[(*nargs)++] = argv[i];
            continue;
        }
        if (eng_msg_lang_parse(value, &lang) != 0 || strlen(value) != 2) {
            fprintf(stderr, eng_msg_tr("eaflow : --lang : attendu fr ou en, lu « %s »\n"), value);
            return ENG_EINPUT;
        }
        eng_msg_set_lang(lang);
    }
    args[*nargs] = NULL;
    return ENG_OK;
}

/* Says, on stderr and once per file, that an input file was not UTF-8 and was read in
 * Windows-1252 and converted (eng_encoding), since what it says may be wrong when the file was in
 * another encoding; said even with --quiet. A table is what Excel saves, a scenario what Notepad
 * does. A file that cannot be read is left to the command, which says why. */
void cli_options_tell_conversion(const char *path, int table, const char *const *told, int ntold)
{
    eng_encoding_kind kind;
    eng_error err;
    for (int i = 0; i < ntold; i++)
        if (strcmp(told[i], path) == 0)
            return;
    if (eng_encoding_file(path, &kind, &err) != ENG_OK || kind != ENG_ENCODING_CP1252)
        return;
    if (table)
        fprintf(stderr, eng_msg_tr("eaflow : %s lu en Windows-1252 (Excel « CSV séparateur "
                                   "point-virgule ») et converti en UTF-8\n"), path);
    else
        fprintf(stderr, eng_msg_tr("eaflow : %s lu en Windows-1252 (Bloc-notes « ANSI ») et "
                                   "converti en UTF-8\n"), path);
}

long cli_options_max_replications(void)
{
    return (long)ea_schema_find(EA_SEC_SCENARIO, "replications")->max;
}

int cli_options_replications(const char *text, long *reps)
{
    if (strcmp(text, "auto") == 0) {
        *reps = 0;
        return 0;
    }
    return cli_options_long("-n (--replications)", text, 1, cli_options_max_replications(), reps);
}

int cli_options_precision(int ceiling, const char *text, ea_simulate_precision *p)
{
    eng_error err;
    size_t keep = p->ceiling;
    long n;
    if (ceiling) {
        if (cli_options_long("--max-replications", text, EA_SIMULATE_BATCH,
                             cli_options_max_replications(), &n) != 0)
            return ENG_EINPUT;
        p->ceiling = (size_t)n;
        return ENG_OK;
    }
    if (ea_simulate_precision_parse(text, p, &err) != ENG_OK) {
        fprintf(stderr, eng_msg_tr("eaflow : %s\n"), err.msg);
        return ENG_EINPUT;
    }
    p->ceiling = keep;
    return ENG_OK;
}

int cli_options_settle_auto(long *reps, ea_simulate_precision *p, int allowed)
{
    if (!allowed && *reps == 0) {
        fprintf(stderr, "%s", eng_msg_tr("eaflow : -n auto ne vaut que pour simulate, compare et "
                                         "report ; donnez ici un nombre de réplications\n"));
        return -1;
    }
    if (p->mode != EA_SIMULATE_FIXED && *reps > 0) {
        fprintf(stderr, "%s", eng_msg_tr("eaflow : --precision choisit lui-même le nombre de "
                                         "réplications : écrivez -n auto, ou retirez --precision\n"));
        return -1;
    }
    if (*reps == 0 && p->mode == EA_SIMULATE_FIXED) {
        p->mode = EA_SIMULATE_RELATIVE;
        p->target = 0.01;
    }
    if (p->mode != EA_SIMULATE_FIXED)
        *reps = -1;
    return 0;
}

void cli_options_print_reached(const ea_simulate_reached *r, FILE *f)
{
    char want[64], got[64], n[40];
    ea_simulate_format_precision(want, sizeof want, r->precision.mode, r->precision.target);
    ea_simulate_format_precision(got, sizeof got, r->precision.mode, r->achieved);
    fprintf(f, r->met ? eng_msg_tr("eaflow : -n auto : %s réplications ; demi-largeur à 95 %% la plus "
                                   "grande %s (%s %s %s) pour %s demandés\n")
                      : eng_msg_tr("eaflow : -n auto : plafond de %s réplications atteint sans la "
                                   "précision ; demi-largeur à 95 %% la plus grande %s (%s %s %s) "
                                   "pour %s demandés ; relevez --max-replications\n"),
            cli_options_group_long(n, sizeof n, (long)r->replications), got, r->indicator, r->scope,
            r->year, want);
}

int cli_options_fail(const eng_error *err, int status)
{
    fprintf(stderr, eng_msg_tr("eaflow : %s\n"), err->msg);
    return status;
}

int cli_options_check_scenario(const char *path, eng_error *err)
{
    int status = ea_uncertainty_validate(path, err);
    if (status != ENG_OK)
        return status;
    /* A scenario that does not load is the command's to report, in its own words. */
    ea_scenario sc;
    eng_error ignored;
    if (ea_scenario_load(path, &sc, &ignored) == ENG_OK) {
        ea_scenario_warn_direct_share(&sc, stderr);
        ea_scenario_warn_placeholders(&sc, stderr);
        ea_scenario_clear(&sc);
    }
    return ENG_OK;
}
