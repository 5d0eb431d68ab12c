/* cli_options.h — The values of the command line's options, read with the errors a user can act on
 * printed on stderr (the command line's layer, which alone prints). */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include <stddef.h>

#include "../engine/eng_csv.h"
#include "../models/ea_simulate.h"

/* Writes a whole number for people: digits grouped by three with a space in French, a comma in
 * English. Returns buf. */
const char *cli_options_group_long(char *buf, size_t size, long x);

/* Parses a whole number option within [lo, hi]; prints the error and returns -1 when it is not. */
int cli_options_long(const char *opt, const char *text, long lo, long hi, long *out);

/* Prints that option `word` is unknown to command cmd, with the nearest of the command's options
 * (names[0..n)) when it is near enough to be a typo. */
void cli_options_unknown(const char *cmd, const char *word, const char *const *names, int n);

/* Matches `--name VALUE` or `--name=VALUE` (and a short alias) at argv[*i]: returns 1 and sets
 * *value (advancing *i past a separate value), or sets *missing when the value is absent; returns
 * 0 when argv[*i] is another option. */
int cli_options_value(int argc, char **argv, int *i, const char *shortname, const char *longname,
                      const char **value, int *missing);

/* Parses a number option within [lo, hi]; prints the error and returns -1 when it is not. */
int cli_options_double(const char *opt, const char *text, double lo, double hi, double *out);

/* What is checked of a command's scenario before any directory is prepared: its [uncertainty]
 * (an error stops the command: err is filled and its status returned), then the warnings it calls
 * for, printed on stderr whatever -q (direct_share left at 1 while hours are counted). */
int cli_options_check_scenario(const char *path, eng_error *err);

/* The most replications a run may have: the scenario format's own bound, which the guard applies
 * to the command line's -n too. */
long cli_options_max_replications(void);

/* Reads -n: a whole number from 1 to the bound above, or "auto" (replications chosen for a
 * precision), which gives *reps = 0. Prints the error and returns -1 otherwise. */
int cli_options_replications(const char *text, long *reps);

/* Reads --precision (the forms of ea_simulate_precision_parse) into p, keeping its ceiling, or, when
 * ceiling is 1, --max-replications, the ceiling of -n auto. Returns 0 (ENG_OK), or ENG_EINPUT after
 * printing the error. */
int cli_options_precision(int ceiling, const char *text, ea_simulate_precision *p);

/* Once every option is read: -n auto alone asks for 1 % ; --precision alone means -n auto; -n with
 * a number and --precision contradict each other (error printed, -1), and so does -n auto where not allowed (a command that
 * does not take it). */
int cli_options_settle_auto(long *reps, ea_simulate_precision *p, int allowed);

/* Prints, after -n auto, the replications reached and the worst half-width achieved. */
void cli_options_print_reached(const ea_simulate_reached *r, FILE *f);

/* Reads --csv std or fr into *style; prints the error and returns -1 for anything else. */
int cli_options_csv(const char *value, const eng_csv_style **style);

/* The language of the messages, the help and the report, chosen once: the locale (LC_ALL, else
 * LC_MESSAGES, else LANG: the first one set and not empty, as setlocale reads them), French when it
 * is neither French nor English ("C", "POSIX"); then `--lang fr|en` anywhere on the command line,
 * which wins. args receives argv without --lang and its value. Returns 0 (ENG_OK), or ENG_EINPUT
 * after printing the error. */
int cli_options_choose_lang(int argc, char **argv, int *nargs, char **args);

/* Says, on stderr and once per file (told[0..ntold) were said), that the input file at path was
 * not UTF-8 and was read in Windows-1252 and converted (eng_encoding), since what it says may be
 * wrong when the file was in another encoding; said even with --quiet. table: a table (what Excel
 * saves), else a scenario (what Notepad does). A file that cannot be read is left to the command. */
void cli_options_tell_conversion(const char *path, int table, const char *const *told, int ntold);

/* Prints a command's error on stderr as « eaflow : message » (in the user's language) and returns
 * status, the exit status to give. */
int cli_options_fail(const eng_error *err, int status);

#endif
