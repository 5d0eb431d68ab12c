/* cli_help.c — The texts of `eaflow --help` and `eaflow help COMMAND`, word for word: the
 * command table of eaflow.c puts them together. */
#include "cli_help.h"

const char cli_help_head[] =
    "eaflow " CLI_HELP_VERSION " — simulation and reporting for the dispositif d'emploi accompagné\n"
    "\n"
    "Usage: eaflow COMMAND [ARGS...]\n"
    "\n"
    "Commands:\n";

const char cli_help_tail[] =
    "  help [TOPIC]            help on a command, or on `scenario` (every key of the scenario\n"
    "                          format) or `indicators` (what each table row means)\n"
    "\n"
    "Options:\n"
    "  -h, --help              this help\n"
    "  --version               the version\n"
    "\n"
    "Exit status: 0 success, 1 runtime failure, 2 bad usage or bad input.\n"
    "Start with: eaflow simulate scenarios/occitanie-2022.ini\n";

const char cli_help_scenario_head[] =
    "Scenario keys (INI file; durations in months, a month being 365.25/12 days):\n\n";

const cli_help_command cli_help_simulate = {
    .summary =
        "  simulate SCENARIO.ini   simulate the file active, budget and staff of the platforms of a\n"
        "                          scenario; writes monthly.csv, annual.csv and run.ini\n",
    .usage =
        "Usage: eaflow simulate SCENARIO.ini [-o DIR] [-n REPLICATIONS] [--seed N] [--threads N]\n"
        "                       [--csv std|fr] [--quiet]\n"
        "\n"
        "Simulates the scenario's platforms (departments) month by month, in independent Monte Carlo\n"
        "replications, and writes into DIR:\n"
        "  monthly.csv  one row per scope, month and indicator, with columns\n"
        "               scope,month,indicator,mean,sd,p05,p25,p50,p75,p95\n"
        "               (scope: a department code, or `region` for their sum; month: YYYY-MM; stocks\n"
        "               at the end of the month, flows over the month; mean and sd over replications,\n"
        "               p05..p95 their quantiles; the mean of a ratio such as mean_wait_days pools\n"
        "               the replications: see eaflow help indicators)\n"
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
        "See `eaflow help scenario` for the scenario keys and `eaflow help indicators` for the rows.\n",
};

const cli_help_command cli_help_compare = {
    .summary =
        "  compare SCENARIO.ini --observed OBS.csv\n"
        "                          hold the projection against observed aggregates; capacity view\n"
        "                          (places, persons, occupancy, unused places and their value)\n",
    .usage =
        "Usage: eaflow compare SCENARIO.ini --observed OBS.csv [--at YYYY-MM-DD] [-o DIR] [-n N]\n"
        "                      [--seed N] [--threads N] [--csv std|fr] [--quiet]\n"
        "\n"
        "Holds the scenario's projection against observed aggregates. OBS.csv has one row per date and\n"
        "department (a code of the scenario, or `region`), with columns\n"
        "  date         YYYY-MM-DD, YYYY-MM or DD/MM/YYYY: compared with the month containing it\n"
        "               (stocks at its end, flows over it); or\n"
        "  year         YYYY, for rows without a date: compared with that calendar year\n"
        "  department   and any indicator of the tables (see eaflow help indicators): places,\n"
        "               file_active, entries, exits_<reason>, waiting, funding_eur, balance_eur, ...\n"
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
        "                       2021-12-31 for the situation before the move to platforms\n",
};

const cli_help_command cli_help_costs = {
    .summary =
        "  costs FUNDING.csv       the funders' verdict per department and year (conforme or à\n"
        "                          ajuster de ±X €); writes costs.csv and costs-dispersion.csv\n",
    .usage =
        "Usage: eaflow costs FUNDING.csv [-o DIR] [--reference EUR] [--tolerance EUR|PCT%]\n"
        "                    [--scenario S.ini] [--csv std|fr] [-q]\n"
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
        "                        delegated_share, outside_tolerance (1 when not conforme),\n"
        "                        verdict (conforme or à ajuster), adjustment_eur (places x\n"
        "                        reference - funding: euros to add, to remove when negative)\n"
        "  costs-dispersion.csv  per year, as funded and as homogenised at the reference: min, max,\n"
        "                        mean (unweighted), regional (total / total), cv, gini\n"
        "  costs-mismatches.csv  with --scenario: year, department, name, funding_places,\n"
        "                        scenario_places of each department whose places differ (an empty\n"
        "                        cell for the side it is absent from); also listed on stderr\n"
        "and prints the same as a table, a block per year: a department is conforme when its\n"
        "funding is places x reference within the tolerance (to the cent), else à ajuster de +X €\n"
        "(to add) or -X € (to remove); the region is conforme when every department is.\n"
        "\n"
        "Options:\n"
        "  -o, --output DIR      output directory (default out/costs)\n"
        "  --reference EUR       reference cost per place per year (default 4300)\n"
        "  --tolerance EUR|PCT%  accepted gap to places x reference: 500 (euros) or 10% (default 0)\n"
        "  --scenario S.ini      check the table's places against the scenario's, for the years it\n"
        "                        simulates (its mean places over the year's months)\n"
        "  --csv std|fr          CSV style (see eaflow help simulate)\n"
        "  -q, --quiet           no table on stdout\n",
};

const cli_help_command cli_help_sweep = {
    .summary =
        "  sweep SCENARIO.ini --vary KEY=LIST ...\n"
        "                          run a grid of values of scenario keys with common random numbers;\n"
        "                          the planner's summary per point, the value reaching a --target\n",
    .usage =
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
        "                     staff_fte_needed, funding_eur, staff_cost_needed_eur, cost_per_person_eur,\n"
        "                     cost_per_exit_emploi_eur (means over replications, those of the ratios\n"
        "                     pooled)\n"
        "  sweep.ini          the points\n"
        "  sweep-target.csv   with --target: the answer (see below)\n"
        "and prints the summary as a table.\n"
        "\n"
        "  --target IND=VALUE  with one numeric --vary: the smallest value of the key for which the\n"
        "                      region's mean IND in the year reaches VALUE (e.g. file_active=645),\n"
        "                      found by bisection between the grid values (whole numbers for whole-\n"
        "                      number keys), with the values where the 90 % band reaches it\n"
        "  --year YYYY         the year of the summary and the target (default: the last simulated)\n"
        "Other options as for simulate.\n",
};

const cli_help_command cli_help_scenarios = {
    .summary =
        "  scenarios A.ini B.ini ...\n"
        "                          several scenarios side by side, differences with paired intervals\n",
    .usage =
        "Usage: eaflow scenarios A.ini B.ini [C.ini ...] [-o DIR] [-n N] [--seed N] [--threads N]\n"
        "                        [--csv std|fr] [-q]\n"
        "\n"
        "Runs several scenarios with common random numbers (the same seed and replications: those of\n"
        "the first scenario unless given) and writes DIR/scenarios.csv (default out/scenarios): per\n"
        "scope, year and indicator, one column with the mean of each scenario (named by its file name),\n"
        "then for each scenario after the first: diff_<name> (mean of the paired differences to the\n"
        "first over replications), low95_<name> and high95_<name> (95 % paired interval) and\n"
        "beyond_noise_<name> (1 when the interval excludes 0). Prints the main differences for the\n"
        "region in the last year.\n",
};

const cli_help_command cli_help_fit = {
    .summary =
        "  fit RECORDS.csv         estimate entry rates, module durations (censored), routing and\n"
        "                          profiles from individual records; writes a fitted scenario\n",
    .usage =
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
        "  -q, --quiet              no summary\n",
};

const cli_help_command cli_help_synth = {
    .summary =
        "  synth SCENARIO.ini -o RECORDS.csv\n"
        "                          individual records of one replication, to try fit\n",
    .usage =
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
        "  --csv std|fr        CSV style (see eaflow help simulate)\n",
};

const cli_help_command cli_help_plot = {
    .summary =
        "  plot DIR                draw every chart the tables in DIR allow (gnuplot)\n",
    .usage =
        "Usage: eaflow plot DIR [--format png|svg|pdf] [--lang fr|en]\n"
        "\n"
        "Draws with gnuplot, into DIR/plots/, every chart that the tables in DIR allow (tables written by\n"
        "simulate, compare, fit, costs, sweep and scenarios):\n"
        "  1. the file active over time per scope: mean, 50 % and 90 % bands, places, observed points\n"
        "  2. the caseload by module (stacked) with the waiting list\n"
        "  3. monthly entries and exits by reason\n"
        "  4. the budget per year: funding, cost of the modelled hours, cost per person and per exit to employment\n"
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
        "  --lang fr|en          language of the labels (default fr)\n",
};

const cli_help_command cli_help_report = {
    .summary =
        "  report SCENARIO.ini -o DIR\n"
        "                          the annual report of the copil: tables, charts, index.html, PDF\n",
    .usage =
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
        "  --year YYYY          the year of the report (default: the last observed simulated year)\n"
        "  --lang fr|en         language of the page and charts (default fr)\n",
};
