/* cli_help.h — The help of the command line: the version, the head and foot of `eaflow --help`,
 * and for each command its entry in that list and its own page (`eaflow help COMMAND`). */
#ifndef CLI_HELP_H
#define CLI_HELP_H

#include <stdio.h>

/* The version written in manifest.csv and in the report: it changes whenever the same seed would
 * give other numbers (0.2.0: the normal and gamma draws of eng_dist; 0.3.0: each department's
 * prescriptions from their own substream). */
#define CLI_HELP_VERSION "0.3.0"

/* Every text below is French, marked for the catalogue (po/en.po has its English): show it through
 * eng_msg_tr, as a printf format without arguments (its percent signs are written %%). */

/* The help of one command. */
typedef struct cli_help_command {
    const char *summary;   /* its lines in the command list of `eaflow --help` */
    const char *usage;     /* `eaflow help COMMAND`, and what a wrong argument count prints */
} cli_help_command;

/* `eaflow --help` is the head, each command's summary in the order of the command table, then the
 * tail (the help topics, the options, the exit status). */
extern const char cli_help_head[];
extern const char cli_help_tail[];

/* The first lines of `eaflow help scenario`, before the keys the scenario module lists. */
extern const char cli_help_scenario_head[];

/* The help of each command: its usage line, its summary for --help and its page. */
extern const cli_help_command cli_help_simulate;
extern const cli_help_command cli_help_compare;
extern const cli_help_command cli_help_costs;
extern const cli_help_command cli_help_sweep;
extern const cli_help_command cli_help_places;
extern const cli_help_command cli_help_calibrate;
extern const cli_help_command cli_help_sensitivity;
extern const cli_help_command cli_help_scenarios;
extern const cli_help_command cli_help_fit;
extern const cli_help_command cli_help_synth;
extern const cli_help_command cli_help_plot;
extern const cli_help_command cli_help_report;

/* Prints a text of this module in the language of the messages: each is a printf format without
 * arguments, its percent signs written %%. */
void cli_help_put(const char *text, FILE *f);

/* Checks that a command has from lo to hi positional arguments (nargs); when not, prints what is
 * missing or too many (what: the arguments, a French text of the catalogue) and the usage on
 * stderr, and returns ENG_EINPUT (2); ENG_OK (0) otherwise. */
/* `eaflow help TOPIC` for a topic that is not a command: `scenario` (the keys of the scenario
 * format) or `indicators`, on stdout; any other is ENG_EINPUT with a French message on stderr. */
int cli_help_topic(const char *topic);

int cli_help_want_args(int nargs, int lo, int hi, const char *cmd, const char *what, const char *usage);

#endif
