/* test_e2e.c — End-to-end tests: run ./eaflow (or $EAFLOW_BIN) on small scenarios as a user would,
 * and read what it writes and prints. */
#include "test_util.h"
#include "test_proc.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/eng_csv.h"

static char tmpdir[64];
static char outbuf[1 << 16], errbuf[1 << 16];

static const char *out_file(void)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/stdout", tmpdir);
    return path;
}

static const char *err_file(void)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/stderr", tmpdir);
    return path;
}

/* Reads back what the last run printed into outbuf and errbuf, and returns its status. */
static int captured(int status)
{
    char *o = test_slurp(out_file(), NULL), *e = test_slurp(err_file(), NULL);
    snprintf(outbuf, sizeof outbuf, "%s", o ? o : "");
    snprintf(errbuf, sizeof errbuf, "%s", e ? e : "");
    free(o);
    free(e);
    return status;
}

/* Runs eaflow with the given arguments (no shell), capturing stdout and stderr in outbuf and
 * errbuf; returns the exit status. */
#define eaflow(...) captured(test_eaflow(out_file(), err_file(), __VA_ARGS__))

/* How many times what occurs in s. */
static int occurrences(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

/* Reads dir/name into a malloc'd string (NULL if it does not exist). */
static char *slurp(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return test_slurp(path, NULL);
}

static const char *path_in(const char *name)
{
    static char buf[4][256];
    static int i;
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof buf[i], "%s/%s", tmpdir, name);
    return buf[i];
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(path_in(name), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char small[] =
    "[scenario]\nname = petit\nstart = 2022-01\nmonths = 18\nreplications = 23\nseed = 4\n"
    "[entries]\nper_month = 5\n[waiting]\npatience = exponential(mean=3)\n"
    "[module.evaluation]\nduration = gamma(mean=2, sd=1)\nintensity = 4\n"
    "next = recherche:0.7, exit.abandon:0.3\n"
    "[module.recherche]\nduration = exponential(mean=5)\nintensity = 3\n"
    "next = exit.emploi_durable:0.6, exit.autre:0.4\n"
    "[department.09]\nname = Ariège\nplaces = 12\ninitial_file_active = 8\n"
    "[department.2A]\nname = Corse-du-Sud\nplaces = 6\nentries_per_month = 2\n";

static int setup(void **state)
{
    (void)state;
    /* eaflow speaks the language of the locale: the tests expect French whatever the developer's. */
    setenv("LC_ALL", "C", 1);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/eaflow-e2e-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    write_file("small.ini", small);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *argv[] = { "rm", "-rf", tmpdir, NULL };
    test_run(argv, NULL, NULL, 60);
    return 0;
}

static void test_help_and_version(void **state)
{
    (void)state;
    assert_int_equal(eaflow("--help", NULL), 0);
    assert_non_null(strstr(outbuf, "simulate"));
    assert_non_null(strstr(outbuf, "Utilisation : eaflow COMMANDE"));
    assert_int_equal(eaflow("--version", NULL), 0);
    assert_non_null(strstr(outbuf, "eaflow "));
    assert_int_equal(eaflow("help", "simulate", NULL), 0);
    assert_non_null(strstr(outbuf, "--threads"));
    assert_non_null(strstr(outbuf, "monthly.csv"));
    assert_int_equal(eaflow("simulate", "--help", NULL), 0);
    assert_int_equal(eaflow("help", "scenario", NULL), 0);
    assert_non_null(strstr(outbuf, "cost_per_place"));
    assert_non_null(strstr(outbuf, "4300"));
    assert_int_equal(eaflow("help", "indicators", NULL), 0);
    assert_non_null(strstr(outbuf, "persons_accompanied"));
    assert_int_equal(eaflow("frobnicate", NULL), 2);
    assert_non_null(strstr(errbuf, "commande inconnue"));
    assert_int_equal(eaflow("simulate", NULL), 2);
    assert_non_null(strstr(errbuf, "eaflow : simulate : il manque SCENARIO.ini"));
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-n", "abc", NULL), 2);
    assert_non_null(strstr(errbuf, "eaflow : -n (--replications) : attendu un nombre entier de 1 à "));
    assert_non_null(strstr(errbuf, "lu « abc »"));
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "--bogus", NULL), 2);
    /* A typo of an option of the command is named with it. */
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "--sed=3", NULL), 2);
    assert_non_null(strstr(errbuf, "option inconnue « --sed=3 » ; vouliez-vous dire --seed ?"));
}

/* The help pages print a percent sign as such (they are not printf formats), compare's usage
 * line has --at, and `help indicators` says which means pool the replications. */
static void test_help_texts(void **state)
{
    (void)state;
    const char *commands[] = { "simulate", "compare", "costs", "sweep", "scenarios", "fit", "synth",
                               "plot", "report", "indicators", "scenario" };
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        assert_int_equal(eaflow("help", commands[i], NULL), 0);
        if (strstr(outbuf, "%%"))
            fail_msg("eaflow help %s prints \"%%%%\"", commands[i]);
    }
    assert_int_equal(eaflow("help", "scenarios", NULL), 0);
    assert_non_null(strstr(outbuf, "(intervalle apparié à 95 %)"));
    /* The usage is the text before the first empty line. */
    assert_int_equal(eaflow("help", "compare", NULL), 0);
    char *blank = strstr(outbuf, "\n\n");
    assert_non_null(blank);
    *blank = '\0';
    assert_non_null(strstr(outbuf, "[--at AAAA-MM-JJ]"));
    assert_int_equal(eaflow("help", "costs", NULL), 0);
    *strstr(outbuf, "\n\n") = '\0';
    assert_non_null(strstr(outbuf, "[-q]"));
    assert_int_equal(eaflow("help", "indicators", NULL), 0);
    assert_non_null(strstr(outbuf, "mean_wait_days,"));
    assert_non_null(strstr(outbuf, "(mean_wait_days,\npersons_per_fte, hours_per_person_month, "
                                   "cost_per_person_eur, cost_per_exit_emploi_eur) regroupe\nles "
                                   "réplications"));
}

/* An unknown command near a known one is answered with it; one near none with the help alone;
 * both exit 2. */
static void test_unknown_command(void **state)
{
    (void)state;
    assert_int_equal(eaflow("swep", NULL), 2);
    assert_non_null(strstr(errbuf, "commande inconnue « swep » ; vouliez-vous dire sweep ?"));
    assert_int_equal(eaflow("simulat", path_in("small.ini"), NULL), 2);
    assert_non_null(strstr(errbuf, "vouliez-vous dire simulate ?"));
    assert_int_equal(eaflow("Report", NULL), 2);
    assert_non_null(strstr(errbuf, "vouliez-vous dire report ?"));
    assert_int_equal(eaflow("hlep", NULL), 2);
    assert_non_null(strstr(errbuf, "vouliez-vous dire help ?"));
    assert_int_equal(eaflow("frobnicate", NULL), 2);
    assert_non_null(strstr(errbuf, "commande inconnue « frobnicate » (voir eaflow --help)"));
    assert_null(strstr(errbuf, "vouliez-vous dire"));
}

/* Sets the locale variables that choose eaflow's language (NULL: unset). */
static void set_locale(const char *lc_all, const char *lc_messages, const char *lang)
{
    const char *const names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    const char *const values[] = { lc_all, lc_messages, lang };
    for (int i = 0; i < 3; i++) {
        if (values[i])
            setenv(names[i], values[i], 1);
        else
            unsetenv(names[i]);
    }
}

/* French by default and in the C locale: the help, the scenario keys, the indicators, an error and
 * what a run prints; English with --lang en (before or after the command) or an English locale;
 * --lang wins over the locale, LC_ALL over LC_MESSAGES, LC_MESSAGES over LANG. */
static void test_language(void **state)
{
    (void)state;
    assert_int_equal(eaflow("--help", NULL), 0);
    assert_non_null(strstr(outbuf, "Utilisation : eaflow COMMANDE [ARGUMENTS...]"));
    assert_non_null(strstr(outbuf, "Options :"));
    assert_int_equal(eaflow("help", "scenario", NULL), 0);
    assert_non_null(strstr(outbuf, "Clés du scénario"));
    assert_int_equal(eaflow("help", "indicators", NULL), 0);
    assert_non_null(strstr(outbuf, "personnes accompagnées à la fin de la période [personnes, stock]"));
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "--seed", "abc", NULL), 2);
    assert_non_null(strstr(errbuf, "eaflow : --seed : attendu un nombre entier de 0 à "));
    assert_non_null(strstr(errbuf, "lu « abc »"));
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-o", path_in("lang"), NULL), 0);
    assert_non_null(strstr(outbuf, "eaflow : petit : 23 réplications de 18 mois, 2 plateformes ; écrit "));

    assert_int_equal(eaflow("--lang", "en", "--help", NULL), 0);
    assert_non_null(strstr(outbuf, "Usage: eaflow COMMAND [ARGS...]"));
    assert_null(strstr(outbuf, "Utilisation"));
    assert_int_equal(eaflow("help", "scenario", "--lang=en", NULL), 0);
    assert_non_null(strstr(outbuf, "Scenario keys"));
    assert_int_equal(eaflow("help", "indicators", "--lang", "en", NULL), 0);
    assert_non_null(strstr(outbuf, "persons in support at the end of the period [persons, stock]"));
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "--seed", "abc", "--lang", "en", NULL), 2);
    assert_non_null(strstr(errbuf, "eaflow: --seed: expected a whole number from 0 to "));
    assert_non_null(strstr(errbuf, "got \"abc\""));
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-o", path_in("lang"), "--lang", "en",
                            NULL), 0);
    assert_non_null(strstr(outbuf, "eaflow: petit: 23 replications of 18 months, 2 platforms; wrote "));

    set_locale(NULL, NULL, "en_US.UTF-8");
    assert_int_equal(eaflow("--help", NULL), 0);
    assert_non_null(strstr(outbuf, "Usage: eaflow COMMAND"));
    assert_int_equal(eaflow("frobnicate", NULL), 2);
    assert_non_null(strstr(errbuf, "eaflow: unknown command \"frobnicate\""));
    assert_int_equal(eaflow("help", "--lang", "fr", NULL), 0);
    assert_non_null(strstr(outbuf, "Utilisation : eaflow COMMANDE"));
    set_locale("C", NULL, "en_US.UTF-8");
    assert_int_equal(eaflow("--help", NULL), 0);
    assert_non_null(strstr(outbuf, "Utilisation : eaflow COMMANDE"));
    set_locale(NULL, "en_GB.UTF-8", "fr_FR.UTF-8");
    assert_int_equal(eaflow("--help", NULL), 0);
    assert_non_null(strstr(outbuf, "Usage: eaflow COMMAND"));
    set_locale(NULL, NULL, "de_DE.UTF-8");
    assert_int_equal(eaflow("--help", NULL), 0);
    assert_non_null(strstr(outbuf, "Utilisation : eaflow COMMANDE"));
    set_locale("C", NULL, NULL);

    /* Another language is refused, and so is --lang without one. */
    assert_int_equal(eaflow("--help", "--lang", "de", NULL), 2);
    assert_non_null(strstr(errbuf, "eaflow : --lang : attendu fr ou en, lu « de »"));
    assert_int_equal(eaflow("--help", "--lang", NULL), 2);
    assert_non_null(strstr(errbuf, "eaflow : --lang : valeur manquante"));
}

/* More replications than a run may have (the scenario format's bound, 100 000) are refused at
 * once, naming the bound, and nothing is written. */
static void test_replications_bound(void **state)
{
    (void)state;
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-n", "100001", "-o", path_in("big"),
                            NULL), 2);
    assert_non_null(strstr(errbuf, "eaflow : -n (--replications) : attendu un nombre entier de 1 à "
                                   "100 000, lu « 100001 »"));
    assert_null(slurp(path_in("big"), "monthly.csv"));
}

/* The tables have the documented columns, one row per scope x period x indicator, and the region
 * is the sum of the departments. */
static void test_tables(void **state)
{
    (void)state;
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-o", path_in("t"), NULL), 0);
    char *monthly = slurp(path_in("t"), "monthly.csv");
    char *annual = slurp(path_in("t"), "annual.csv");
    assert_non_null(monthly);
    assert_non_null(annual);
    assert_true(strncmp(monthly, "scope,month,indicator,mean,sd,p05,p25,p50,p75,p95\n", strlen("scope,month,indicator,mean,sd,p05,p25,p50,p75,p95\n")) == 0);
    assert_true(strncmp(annual, "scope,year,indicator,mean,sd,p05,p25,p50,p75,p95\n", strlen("scope,year,indicator,mean,sd,p05,p25,p50,p75,p95\n")) == 0);
    /* Places are fixed: the mean and every quantile are exact. */
    assert_non_null(strstr(monthly, "\n09,2022-01,places,12,0,12,12,12,12,12\n"));
    assert_non_null(strstr(monthly, "\n2A,2023-06,places,6,0,6,6,6,6,6\n"));
    assert_non_null(strstr(monthly, "\nregion,2022-01,places,18,0,18,18,18,18,18\n"));
    /* 18 places at 4 300 EUR: 77 400 EUR a year, 2023 has 6 months simulated. */
    assert_non_null(strstr(annual, "\nregion,2022,funding_eur,77400,0,"));
    assert_non_null(strstr(annual, "\nregion,2023,funding_eur,38700,0,"));
    /* Rows: 3 scopes x 18 months x indicators, plus the header. */
    int lines = 0, indicators = 0;
    for (char *p = monthly; *p; p++)
        lines += *p == '\n';
    for (char *p = strstr(monthly, "\n09,2022-01,"); p && strncmp(p + 1, "09,2022-01,", 11) == 0;
         p = strchr(p + 1, '\n'))
        indicators++;
    assert_true(indicators > 20);
    assert_int_equal(lines, 1 + 3 * 18 * indicators);
    free(monthly);
    free(annual);
    assert_non_null(strstr(outbuf, "monthly.csv"));
}

/* Same seed: byte-identical tables with one thread or two; another seed: other tables. run.ini
 * reproduces the run byte for byte, and is itself reproduced. */
static void test_determinism_and_run_ini(void **state)
{
    (void)state;
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-o", path_in("a"), "--threads", "1", "-q", NULL), 0);
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-o", path_in("b"), "--threads", "2", "-q", NULL), 0);
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-o", path_in("c"), "--seed", "5", "-q", NULL), 0);
    char *a = slurp(path_in("a"), "monthly.csv"), *b = slurp(path_in("b"), "monthly.csv");
    char *c = slurp(path_in("c"), "monthly.csv");
    assert_string_equal(a, b);
    assert_true(strcmp(a, c) != 0);
    char *ini = slurp(path_in("a"), "run.ini");
    assert_non_null(strstr(ini, "seed = 4"));
    assert_non_null(strstr(ini, "replications = 23"));
    assert_int_equal(eaflow("simulate", path_in("a/run.ini"), "-o", path_in("d"), "-q", NULL), 0);
    char *d = slurp(path_in("d"), "monthly.csv"), *ini2 = slurp(path_in("d"), "run.ini");
    assert_string_equal(a, d);
    assert_string_equal(ini, ini2);
    char *ca = slurp(path_in("c"), "run.ini");
    assert_non_null(strstr(ca, "seed = 5"));
    free(a); free(b); free(c); free(d); free(ini); free(ini2); free(ca);
}

/* The French style: `;` between cells and a decimal comma. */
static void test_french_csv(void **state)
{
    (void)state;
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-o", path_in("fr"), "--csv", "fr", "-q", NULL), 0);
    char *m = slurp(path_in("fr"), "monthly.csv");
    /* The byte order mark, the French headers, and places rounded to a tenth (see README). */
    const char *head = "\xEF\xBB\xBFpérimètre;mois;indicateur;moyenne;écart-type;p05;p25;p50;p75;p95\n";
    assert_true(strncmp(m, head, strlen(head)) == 0);
    assert_non_null(strstr(m, "\nregion;2022-01;places;18,0;0,0;18,0;18,0;18,0;18,0;18,0\n"));
    const char key[] = "\nregion;2022-01;file_active_avg;";
    char *row = strstr(m, key);
    assert_non_null(row);
    char *nl = strchr(row + 1, '\n');
    *nl = '\0';
    assert_non_null(strchr(row + strlen(key), ','));
    assert_null(strchr(row + strlen(key), '.'));
    free(m);
}

/* Replaces the first `from` in text by `to` into out. */
static void replace(char *out, size_t size, const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    snprintf(out, size, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

/* A bad scenario: exit status 2, a message naming file, line, section and key, and the output
 * directory left exactly as it was. */
static void check_rejected(const char *text, const char *const expect[])
{
    write_file("bad.ini", text);
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-o", path_in("keep"), "-q", NULL), 0);
    char *before = slurp(path_in("keep"), "monthly.csv");
    char *before_ini = slurp(path_in("keep"), "run.ini");
    int status = eaflow("simulate", path_in("bad.ini"), "-o", path_in("keep"), "-q", NULL);
    if (status != 2)
        fail_msg("exit status %d, expected 2 (stderr: %s)", status, errbuf);
    for (int i = 0; expect[i]; i++)
        if (!strstr(errbuf, expect[i]))
            fail_msg("message \"%s\" lacks \"%s\"", errbuf, expect[i]);
    assert_true(strncmp(errbuf, "eaflow : ", 9) == 0);
    char *after = slurp(path_in("keep"), "monthly.csv");
    char *after_ini = slurp(path_in("keep"), "run.ini");
    assert_string_equal(before, after);
    assert_string_equal(before_ini, after_ini);
    free(before); free(after); free(before_ini); free(after_ini);
}

static void test_bad_scenarios(void **state)
{
    (void)state;
    char text[4096];
    /* A typo in a key, with the closest valid key suggested. */
    snprintf(text, sizeof text, "%s", small);
    char *p = strstr(text, "per_month = 5");
    memcpy(p, "per_mnth  = 5", 13);
    check_rejected(text, (const char *const[]){ "bad.ini, ligne 8,", "[entries]", "per_mnth", "per_month", NULL });
    /* A department block copied twice. */
    snprintf(text, sizeof text, "%s[department.09]\nplaces = 3\n", small);
    check_rejected(text, (const char *const[]){ "bad.ini, ligne 27 :", "department.09", "ligne 19", NULL });
    /* Routing that does not sum to 1. */
    snprintf(text, sizeof text, "%s", small);
    p = strstr(text, "recherche:0.7");
    memcpy(p, "recherche:0.6", 13);
    check_rejected(text, (const char *const[]){ "bad.ini, ligne 14,", "[module.evaluation]", "next", NULL });
    /* An unknown distribution. */
    snprintf(text, sizeof text, "%s", small);
    p = strstr(text, "gamma(mean=2");
    memcpy(p, "gamme", 5);
    check_rejected(text, (const char *const[]){ "bad.ini, ligne 12,", "duration", "gamme", NULL });
    /* A negative rate. */
    snprintf(text, sizeof text, "%s", small);
    p = strstr(text, "entries_per_month = 2");
    memcpy(p, "entries_per_month =-2", 21);
    check_rejected(text, (const char *const[]){ "bad.ini, ligne 26,", "entries_per_month", NULL });
    /* A missing required key. */
    snprintf(text, sizeof text, "%s", small);
    p = strstr(text, "months = 18");
    memcpy(p, "#onths = 18", 11);
    check_rejected(text, (const char *const[]){ "bad.ini", "[scenario]", "months", NULL });
    /* Not a number. */
    snprintf(text, sizeof text, "%s", small);
    p = strstr(text, "places = 12");
    memcpy(p, "places = 1x", 11);
    check_rejected(text, (const char *const[]){ "bad.ini, ligne 21,", "places", "1x", NULL });
    /* A decimal comma, as French spreadsheets write numbers: the fix is to write a point. */
    replace(text, sizeof text, small, "intensity = 4\n", "intensity = 7,56\n");
    check_rejected(text, (const char *const[]){ "bad.ini, ligne 13, [module.evaluation] "
                                                "clé « intensity » : « 7,56 » n'est pas un nombre ; "
                                                "écrivez 7.56 avec un point décimal (la virgule "
                                                "sépare les éléments d'une liste)\n", NULL });
    /* The same in a list, where the comma cuts the number in two. */
    replace(text, sizeof text, small, "recherche:0.7, exit.abandon:0.3", "recherche:0,7, exit.abandon:0,3");
    check_rejected(text, (const char *const[]){ "bad.ini, ligne 14, [module.evaluation] clé « next » : "
                                                "« recherche:0,7 » : écrivez recherche:0.7 avec un "
                                                "point décimal (la virgule sépare les éléments d'une "
                                                "liste)\n", NULL });
    /* An unknown section. */
    snprintf(text, sizeof text, "%s[budjet]\ncost_per_place = 1\n", small);
    check_rejected(text, (const char *const[]){ "bad.ini, ligne 27,", "budjet", "budget", NULL });
    /* A mistyped key of [uncertainty]: told by plain simulate too, which does not vary it. */
    snprintf(text, sizeof text, "%s[uncertainty]\nmodule.evaluation.duration.mea = uniform(1, 3)\n", small);
    check_rejected(text, (const char *const[]){ "bad.ini, ligne 28,", "[uncertainty]",
                                                "module.evaluation.duration.mea", NULL });
    /* A file that does not exist. */
    assert_int_equal(eaflow("simulate", path_in("nope.ini"), "-o", path_in("keep"), NULL), 2);
    assert_non_null(strstr(errbuf, "nope.ini"));
}

/* The capacity view of the copil at the end of 2021, from the shipped example data: 439 persons
 * for 645 places, 68.1 %, 206 unused places worth 885 800 EUR a year at 4 300 EUR. */
static void test_compare_capacity(void **state)
{
    (void)state;
    assert_int_equal(eaflow("compare", "scenarios/occitanie-2022.ini", "--observed",
                            "scenarios/data/observed-occitanie.csv", "-n", "20", "--at", "2021-12-31",
                            "-o", path_in("cmp"), NULL), 0);
    assert_non_null(strstr(outbuf, "Capacité observée au 31/12/2021\n"));
    assert_non_null(strstr(outbuf, "\n09 Ariège                  17           11    64,7 %"));
    /* The scenario's area names the whole. */
    assert_non_null(strstr(outbuf, "\nOccitanie                 645          439    68,1 %            206"
                                   "          885 800\n"));
    char *cap = slurp(path_in("cmp"), "capacity.csv");
    assert_non_null(strstr(cap, "\nregion,2021-12-31,645,439,0.680620155039,206,885800\n"));
    char *cmp = slurp(path_in("cmp"), "compare.csv");
    assert_true(strncmp(cmp, "scope,date,indicator,observed,sim_mean,sim_p05,sim_p95,gap,ratio,in_band\n",
                        strlen("scope,date,indicator,observed,sim_mean,sim_p05,sim_p95,gap,ratio,in_band\n")) == 0);
    /* Places are fixed in the scenario: observed 645, simulated 645, gap 0, ratio 1, in the band. */
    assert_non_null(strstr(cmp, "\nregion,2022-12,places,645,645,645,645,0,1,1\n"));
    char *sum = slurp(path_in("cmp"), "compare-summary.csv");
    assert_non_null(strstr(sum, "\nregion,places,4,0,0,0,1\n"));
    /* The tables of the run are there, and a second run with the same scenario reuses them. */
    char *monthly = slurp(path_in("cmp"), "monthly.csv");
    assert_non_null(monthly);
    assert_int_equal(eaflow("compare", "scenarios/occitanie-2022.ini", "--observed",
                            "scenarios/data/observed-occitanie.csv", "-n", "20", "-o", path_in("cmp"), NULL), 0);
    assert_non_null(strstr(outbuf, "tableaux de la simulation repris"));
    /* Another seed is another run: simulated again. */
    assert_int_equal(eaflow("compare", "scenarios/occitanie-2022.ini", "--observed",
                            "scenarios/data/observed-occitanie.csv", "-n", "20", "--seed", "9", "-o",
                            path_in("cmp"), NULL), 0);
    assert_null(strstr(outbuf, "repris"));
    free(cap); free(cmp); free(sum); free(monthly);
}

/* A bad observed table: exit 2, the place named, nothing written. */
static void test_compare_bad_observed(void **state)
{
    (void)state;
    write_file("obs.csv", "date;department;file_active\n2022-03-31;09;12\n2022-03-31;99;4\n");
    assert_int_equal(eaflow("compare", path_in("small.ini"), "--observed", path_in("obs.csv"), "-o",
                            path_in("cmpbad"), NULL), 2);
    assert_non_null(strstr(errbuf, "obs.csv, ligne 3, colonne « department » : « 99 »"));
    assert_null(slurp(path_in("cmpbad"), "compare.csv"));
    assert_null(slurp(path_in("cmpbad"), "monthly.csv"));
    write_file("obs.csv", "date;department;file_active\n2022-03-31;09;1,5x\n");
    assert_int_equal(eaflow("compare", path_in("small.ini"), "--observed", path_in("obs.csv"), "-o",
                            path_in("cmpbad"), NULL), 2);
    assert_non_null(strstr(errbuf, "obs.csv, ligne 2, colonne « file_active » : « 1,5x » "
                                   "n'est pas un nombre"));
    /* The same with French decimals that are right: compared. */
    write_file("obs.csv", "date;department;file_active\n2022-03-31;09;10,5\n");
    assert_int_equal(eaflow("compare", path_in("small.ini"), "--observed", path_in("obs.csv"), "-o",
                            path_in("cmpok"), NULL), 0);
    char *cmp = slurp(path_in("cmpok"), "compare.csv");
    assert_non_null(strstr(cmp, "\n09,2022-03,file_active,10.5,"));
    free(cmp);
}

/* The funding table of the example data: 2022 homogenised at 2 773 500 EUR for 645 places. */
static void test_costs(void **state)
{
    (void)state;
    assert_int_equal(eaflow("costs", "scenarios/data/funding-occitanie.csv", "-o", path_in("costs"), NULL), 0);
    char *c = slurp(path_in("costs"), "costs.csv");
    assert_non_null(strstr(c, "\n2022,region,Total,645,2773500,4300,4300,0,2773500,0,"));
    /* Ariège 2021: 95 200 EUR for 17 places = 5 600 EUR, +30.2 %: 17 x 4 300 = 73 100 EUR, so
     * 22 100 EUR to remove at the exact default. */
    assert_non_null(strstr(c, "\n2021,09,Ariège,17,95200,5600,4300,0.302325581395,73100,22100,"));
    assert_non_null(strstr(c, ",1,à ajuster,-22100\n"));
    assert_non_null(strstr(outbuf, "Ariège                      17       95 200     5 600 +30,2 %"
                                   "       73 100     8 655     5 950  à ajuster de \u221222 100 €\n"));
    char *d = slurp(path_in("costs"), "costs-dispersion.csv");
    assert_non_null(strstr(d, "\n2022,funded,13,4300,4300,4300,4300,0,0\n"));
    free(c);
    free(d);
    assert_int_equal(eaflow("costs", path_in("nope.csv"), NULL), 2);
    /* The scenario's places are those of the table in 2022, the year it covers. */
    assert_int_equal(eaflow("costs", "scenarios/data/funding-occitanie.csv", "-o", path_in("costs"),
                            "--scenario", "scenarios/occitanie-2022.ini", NULL), 0);
    char *m = slurp(path_in("costs"), "costs-mismatches.csv");
    assert_string_equal(m, "year,department,name,funding_places,scenario_places\n");
    free(m);
    /* The record lists both files read, the scenario with its size and a checksum. */
    m = slurp(path_in("costs"), "manifest.csv");
    struct stat st;
    assert_int_equal(stat("scenarios/occitanie-2022.ini", &st), 0);
    char row[128];
    snprintf(row, sizeof row, "\ninput,scenarios/occitanie-2022.ini,%lld,", (long long)st.st_size);
    const char *at = strstr(m, row);
    assert_non_null(at);
    assert_int_equal(strspn(at + strlen(row), "0123456789abcdef"), 64);
    assert_non_null(strstr(m, "\ninput,scenarios/data/funding-occitanie.csv,"));
    free(m);
    assert_non_null(strstr(outbuf, "Places : identiques à celles du scénario « Occitanie"));
    /* With --xlsx the last line names the workbook too. */
    assert_int_equal(eaflow("costs", "scenarios/data/funding-occitanie.csv", "-o", path_in("costs-x"),
                            "--xlsx", NULL), 0);
    char line[512];
    snprintf(line, sizeof line, "\neaflow : écrit %s/costs.csv et %s/costs-dispersion.csv ; classeur "
             "%s/tableaux.xlsx\n", path_in("costs-x"), path_in("costs-x"), path_in("costs-x"));
    assert_non_null(strstr(outbuf, line));
    /* The earlier share is refused with the way to write it now. */
    assert_int_equal(eaflow("costs", "scenarios/data/funding-occitanie.csv", "--tolerance", "0.10",
                            NULL), 2);
    assert_non_null(strstr(errbuf, "écrivez 10%"));
}

/* Asserts that dir_a/name and dir_b/name exist and hold the same bytes. */
static void assert_same_file(const char *dir_a, const char *dir_b, const char *name)
{
    char *a = slurp(dir_a, name), *b = slurp(dir_b, name);
    if (!a || !b || strcmp(a, b) != 0)
        fail_msg("%s differs between %s and %s", name, dir_a, dir_b);
    free(a);
    free(b);
}

/* The files French offices save. tests/data/funding-occitanie-fr.csv and observed-occitanie-fr.csv
 * are the example data as Excel-FR saves them by default (« CSV (séparateur: point-virgule) »):
 * Windows-1252 ("Ariège" is 41 72 69 E8 67 65), ';', CRLF, French headers (Crédits, File active,
 * …), amounts written "95 200 €" (no-break space A0, € 80), "168 100 €", "144000 EUR" and
 * "50 400,00 €", dates DD/MM/YYYY. They give exactly the tables of their UTF-8 originals. */
static void test_french_office_files(void **state)
{
    (void)state;
    assert_int_equal(eaflow("costs", "scenarios/data/funding-occitanie.csv", "-o", path_in("c-utf8"),
                            NULL), 0);
    assert_null(strstr(errbuf, "Windows-1252"));
    /* The conversion is said in one line, even with -q. */
    assert_int_equal(eaflow("costs", "tests/data/funding-occitanie-fr.csv", "-o", path_in("c-fr"),
                            "-q", NULL), 0);
    assert_string_equal(errbuf, "eaflow : tests/data/funding-occitanie-fr.csv lu en Windows-1252 "
                                "(Excel « CSV séparateur point-virgule ») et converti en UTF-8\n");
    assert_int_equal(eaflow("costs", "tests/data/funding-occitanie-fr.csv", "-o", path_in("c-fr"),
                            "-q", "--lang", "en", NULL), 0);
    assert_string_equal(errbuf, "eaflow: tests/data/funding-occitanie-fr.csv read as Windows-1252 "
                                "(Excel's \"CSV semicolon-separated\") and converted to UTF-8\n");
    assert_int_equal(eaflow("costs", "tests/data/funding-occitanie-fr.csv", "-o", path_in("c-fr"),
                            NULL), 0);
    assert_same_file(path_in("c-utf8"), path_in("c-fr"), "costs.csv");
    assert_same_file(path_in("c-utf8"), path_in("c-fr"), "costs-dispersion.csv");
    char *c = slurp(path_in("c-fr"), "costs.csv");
    assert_non_null(strstr(c, "\n2021,09,Ari\xC3\xA8ge,17,95200,5600,"));
    free(c);

    assert_int_equal(eaflow("compare", "scenarios/occitanie-2022.ini", "--observed",
                            "scenarios/data/observed-occitanie.csv", "-n", "3", "-o",
                            path_in("o-utf8"), NULL), 0);
    assert_null(strstr(errbuf, "Windows-1252"));
    assert_int_equal(eaflow("compare", "scenarios/occitanie-2022.ini", "--observed",
                            "tests/data/observed-occitanie-fr.csv", "-n", "3", "-o",
                            path_in("o-fr"), NULL), 0);
    assert_non_null(strstr(errbuf, "eaflow : tests/data/observed-occitanie-fr.csv lu en "
                                   "Windows-1252 (Excel « CSV séparateur point-virgule ») et "
                                   "converti en UTF-8\n"));
    assert_int_equal(occurrences(errbuf, "Windows-1252"), 1);
    assert_same_file(path_in("o-utf8"), path_in("o-fr"), "compare.csv");
    assert_same_file(path_in("o-utf8"), path_in("o-fr"), "capacity.csv");

    /* An amount that is not one: the place, what was expected and how to write it, exit 2. */
    write_file("fund.csv", "d\xE9partement;nom;places;cr\xE9" "dits\n09;Ari\xE8ge;17;95 200 \x80\n"
                           "11;Aude;41;95 200 x\n");
    assert_int_equal(eaflow("costs", path_in("fund.csv"), "-o", path_in("c-bad"), NULL), 2);
    assert_non_null(strstr(errbuf, "fund.csv, ligne 3, colonne \xC2\xAB cr\xC3\xA9" "dits \xC2\xBB : "
                                   "\xC2\xAB 95 200 x \xC2\xBB n'est pas un montant ; \xC3\xA9" "crivez "
                                   "par exemple 95 200 ou 95200"));
    /* A misspelt column: the columns expected and the closest one. */
    write_file("fund.csv", "departement;nom;places;credit\n09;A;17;95200\n");
    assert_int_equal(eaflow("costs", path_in("fund.csv"), "-o", path_in("c-bad"), NULL), 2);
    assert_non_null(strstr(errbuf, "il manque la colonne \xC2\xAB cr\xC3\xA9" "dits \xC2\xBB"));
    assert_non_null(strstr(errbuf, "la colonne \xC2\xAB credit \xC2\xBB du fichier est la plus "
                                   "proche"));
}

/* A scenario saved in Latin-1 (Notepad's « ANSI »): its names reach run.ini in UTF-8. */
static void test_latin1_scenario(void **state)
{
    (void)state;
    char latin1[sizeof small];
    replace(latin1, sizeof latin1, small, "Ari\xC3\xA8ge", "Ari\xE8ge");
    write_file("latin1.ini", latin1);
    assert_int_equal(eaflow("simulate", path_in("latin1.ini"), "-n", "2", "-q", "-o",
                            path_in("latin1"), NULL), 0);
    assert_non_null(strstr(errbuf, "latin1.ini lu en Windows-1252 (Bloc-notes « ANSI ») et "
                                   "converti en UTF-8\n"));
    assert_int_equal(occurrences(errbuf, "Windows-1252"), 1);
    char *ini = slurp(path_in("latin1"), "run.ini");
    assert_non_null(ini);
    assert_non_null(strstr(ini, "name = Ari\xC3\xA8ge\n"));
    assert_null(strstr(ini, "\xE8ge"));
    free(ini);
}


/* A sweep over places gives, point by point, the same annual figures as separate simulate runs
 * of the scenario with that value (same seed): byte for byte; sweep.ini records the points and the
 * departments' names. */
static void test_sweep_matches_simulate(void **state)
{
    (void)state;
    assert_int_equal(eaflow("sweep", path_in("small.ini"), "--vary", "department.09.places=8,12,16",
                            "-o", path_in("sw"), "-q", NULL), 0);
    char *sweep = slurp(path_in("sw"), "sweep.csv");
    assert_non_null(sweep);
    assert_true(strncmp(sweep, "point,department.09.places,scope,year,indicator,mean,p05,p95\n",
                        strlen("point,department.09.places,scope,year,indicator,mean,p05,p95\n")) == 0);
    const char *values[] = { "8", "12", "16" };
    for (int p = 0; p < 3; p++) {
        char text[4096], from[32], to[32], dir[16];
        snprintf(to, sizeof to, "places = %s\n", values[p]);
        snprintf(from, sizeof from, "places = 12\n");
        replace(text, sizeof text, small, from, to);
        write_file("point.ini", text);
        snprintf(dir, sizeof dir, "pt%d", p);
        assert_int_equal(eaflow("simulate", path_in("point.ini"), "-o", path_in(dir), "-q", NULL), 0);
        char *annual = slurp(path_in(dir), "annual.csv");
        int rows = 0;
        /* Each annual row scope,year,indicator,mean,sd,p05,p25,p50,p75,p95 must appear in the
         * sweep as point,value,scope,year,indicator,mean,p05,p95. */
        for (char *line = strchr(annual, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
            char *f[10];
            char buf[512];
            size_t len = (size_t)(strchr(line, '\n') - line);
            snprintf(buf, sizeof buf, "%.*s", (int)len, line);
            int n = 0;
            for (char *tok = buf, *save; n < 10 && (tok = strtok_r(n ? NULL : tok, ",", &save)); n++)
                f[n] = tok;
            /* Empty cells (undefined values) make fewer tokens: compare those rows by prefix. */
            char expect[600];
            if (n == 10)
                snprintf(expect, sizeof expect, "\n%d,%s,%s,%s,%s,%s,%s,%s\n", p + 1, values[p], f[0], f[1],
                         f[2], f[3], f[5], f[9]);
            else
                snprintf(expect, sizeof expect, "\n%d,%s,%s,%s,%s,", p + 1, values[p], f[0], f[1], f[2]);
            if (!strstr(sweep, expect))
                fail_msg("sweep.csv lacks %s", expect);
            rows++;
        }
        assert_true(rows > 100);
        free(annual);
    }
    char *ini = slurp(path_in("sw"), "sweep.ini");
    assert_non_null(strstr(ini, "[point.3]\ndepartment.09.places = 16\n"));
    /* The departments' names, for the charts of a folder without run.ini. */
    assert_non_null(strstr(ini, "[department.09]\nname = \"Ariège\"\n"));
    assert_non_null(strstr(ini, "[department.2A]\nname = \"Corse-du-Sud\"\n"));
    free(ini);
    free(sweep);
}

/* A scenario that counts support hours but leaves direct_share at 1 is warned of by every command
 * that reads it, once, -q or not: simulate (again when its tables are reused), places and
 * sweep; the same scenario at 0.5 is not. */
static void test_direct_share_warning(void **state)
{
    (void)state;
    const char *text =
        "[scenario]\nstart = 2022-01\nmonths = 6\nreplications = 4\nseed = 3\n"
        "[entries]\nper_month = 4\n"
        "[module.evaluation]\nduration = exponential(mean=3)\nintensity = 4\nnext = exit.autre:1\n"
        "[platform]\nplaces = 10\nfte = 1\n";
    write_file("share.ini", text);
    const char *warning = "staff.direct_share vaut 1 (sa valeur quand la clé manque)";
    for (int k = 0; k < 2; k++) {
        assert_int_equal(eaflow("simulate", path_in("share.ini"), "-o", path_in("share"), "-q", NULL),
                         0);
        assert_int_equal(occurrences(errbuf, warning), 1);
    }
    assert_int_equal(eaflow("places", path_in("share.ini"), "--target", "waiting<=3", "-o",
                            path_in("share-places"), "-q", NULL), 0);
    assert_int_equal(occurrences(errbuf, warning), 1);
    assert_int_equal(eaflow("sweep", path_in("share.ini"), "--vary", "platform.places=8,10", "-o",
                            path_in("share-sweep"), "-q", NULL), 0);
    assert_int_equal(occurrences(errbuf, warning), 1);
    char half[512];
    snprintf(half, sizeof half, "%s[staff]\ndirect_share = 0.5\n", text);
    write_file("half.ini", half);
    assert_int_equal(eaflow("simulate", path_in("half.ini"), "-o", path_in("half"), "-q", NULL), 0);
    assert_null(strstr(errbuf, "direct_share"));
}

/* The target's answer meets it and one place less does not, in separate simulate runs; the answer
 * is printed in one line even with -q; the old form IND=VALUE is refused with the new ones. */
static void test_sweep_target(void **state)
{
    (void)state;
    const char *text =
        "[scenario]\nstart = 2022-01\nmonths = 24\nreplications = 40\nseed = 3\n"
        "[entries]\nper_month = 8\n"
        "[module.evaluation]\nduration = exponential(mean=4)\nnext = exit.autre:1\n"
        "[platform]\nplaces = 10\n";
    write_file("target.ini", text);
    assert_int_equal(eaflow("sweep", path_in("target.ini"), "--vary", "platform.places=10:50:10",
                            "--target", "file_active=26", "-o", path_in("tg"), NULL), 2);
    assert_non_null(strstr(errbuf, "'file_active>=26' (au moins)"));
    assert_int_equal(eaflow("sweep", path_in("target.ini"), "--vary", "platform.places=10:50:10", "--target",
                            "file_active>=26", "-o", path_in("tg"), "-q", NULL), 0);
    assert_non_null(strstr(outbuf, "Cible file active \xe2\x89\xa5 26 (région, en moyenne) en 2023 : la plus "
                                   "petite valeur de platform.places qui atteint la cible est "));
    assert_null(strstr(outbuf, "Point"));   /* -q: no table, the answer only */
    char *t = slurp(path_in("tg"), "sweep-target.csv");
    assert_non_null(t);
    const char *head = "platform.places,file_active>=26,file_active,>=,26,region,2023,mean,smallest,1,";
    char *row = strstr(t, head);
    assert_non_null(row);
    int value = atoi(row + strlen(head));
    print_message("smallest number of places reaching a file active of 26: %d\n", value);
    assert_true(value > 20 && value <= 30);
    /* A run at that value reaches the target; one place less does not (bisection to one place);
     * and the grid value below (20) does not. */
    const int check[] = { value, value - 1, 20 };
    for (int i = 0; i < 3; i++) {
        char ini[1024], places[32];
        snprintf(places, sizeof places, "places = %d\n", check[i]);
        replace(ini, sizeof ini, text, "places = 10\n", places);
        write_file("tpoint.ini", ini);
        assert_int_equal(eaflow("simulate", path_in("tpoint.ini"), "-o", path_in("tp"), "-q", NULL), 0);
        char *annual = slurp(path_in("tp"), "annual.csv");
        char *r = strstr(annual, "\nregion,2023,file_active,");
        assert_non_null(r);
        double mean = atof(r + strlen("\nregion,2023,file_active,"));
        if (i == 0)
            assert_true(mean >= 26);
        else
            assert_true(mean < 26);
        free(annual);
    }
    free(t);
}

/* defaults.KEY with a target runs to the end: the bisection sets the key in every department. */
static void test_sweep_target_defaults(void **state)
{
    (void)state;
    assert_int_equal(eaflow("sweep", path_in("small.ini"), "--vary", "defaults.places=2:20:6", "--target",
                            "file_active>=15", "-o", path_in("tgd"), NULL), 0);
    assert_non_null(strstr(outbuf, "valeur de defaults.places qui atteint la cible est "));
    char *t = slurp(path_in("tgd"), "sweep-target.csv");
    assert_non_null(t);
    assert_non_null(strstr(t, "\ndefaults.places,file_active>=15,"));
    free(t);
}

/* places: the table (even with -q), places.csv with its columns and the region's row, and a
 * missing --target said. */
static void test_places(void **state)
{
    (void)state;
    assert_int_equal(eaflow("places", path_in("small.ini"), "-o", path_in("pl"), NULL), 2);
    assert_non_null(strstr(errbuf, "il manque --target"));
    assert_int_equal(eaflow("places", path_in("small.ini"), "--target", "mean_wait_days<=30", "--year",
                            "2022", "-o", path_in("pl"), "-q", NULL), 0);
    assert_non_null(strstr(outbuf, "places nécessaires pour attente moyenne (jours) \xe2\x89\xa4 30 en 2022"));
    assert_non_null(strstr(outbuf, "09 Ariège"));
    assert_non_null(strstr(outbuf, "Région"));
    char *t = slurp(path_in("pl"), "places.csv");
    assert_non_null(t);
    const char *head = "department,places_now,places_needed,change,cost_eur,value_at_answer,"
                       "value_one_less,";
    assert_true(strncmp(t, head, strlen(head)) == 0);
    assert_non_null(strstr(t, "\n09,12,"));
    assert_non_null(strstr(t, "\n2A,6,"));
    assert_non_null(strstr(t, "\nregion,18,"));
    free(t);
    char *m = slurp(path_in("pl"), "manifest.csv");
    assert_non_null(m);
    assert_non_null(strstr(m, "places.csv"));
    free(m);
}

/* Bad --vary: an error naming it, exit 2, nothing written. */
static void test_sweep_errors(void **state)
{
    (void)state;
    const char *bad[][2] = {
        { "module.evaluation.intensityy=1,2", "intensityy : clé inconnue" },
        { "budget.cost_per_place=", "liste de valeurs vide" },
        { "budget.cost_per_place=1:5:0", "pas est nul" },
        { "budget.cost_per_place=5:1:1", "pas négatif" },
        { "department.09.places=-5,5", "places" },
        { "budget.delegated_share=0.5,1.5", "delegated_share" },
        { "department.99.places=1,2", "pas de section [department.99]" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int status = eaflow("sweep", path_in("small.ini"), "--vary", bad[i][0], "-o", path_in("swbad"), NULL);
        if (status != 2 || !strstr(errbuf, bad[i][1]))
            fail_msg("--vary %s: status %d, message %s", bad[i][0], status, errbuf);
        assert_null(slurp(path_in("swbad"), "sweep.csv"));
    }
    /* An out-of-range value names the point, with the decimal comma of the messages. */
    eaflow("sweep", path_in("small.ini"), "--vary", "budget.delegated_share=0.5,1.5", "-o", path_in("swbad"), NULL);
    assert_non_null(strstr(errbuf, "budget.delegated_share=1,5"));
}

/* Side by side: the same scenario twice gives zero differences, not beyond the noise; halving the
 * places gives a difference beyond it. */
static void test_scenarios(void **state)
{
    (void)state;
    char text[4096];
    replace(text, sizeof text, small, "places = 12\n", "places = 4\n");
    write_file("fewer.ini", text);
    assert_int_equal(eaflow("scenarios", path_in("small.ini"), path_in("fewer.ini"), "-o", path_in("sc"), NULL), 0);
    char *c = slurp(path_in("sc"), "scenarios.csv");
    assert_non_null(c);
    assert_true(strncmp(c, "scope,year,indicator,small,fewer,diff_fewer,low95_fewer,high95_fewer,beyond_noise_fewer\n",
                        strlen("scope,year,indicator,small,fewer,diff_fewer,low95_fewer,high95_fewer,beyond_noise_fewer\n")) == 0);
    assert_non_null(strstr(c, "\n09,2022,places,12,4,-8,"));
    char *row = strstr(c, "\n09,2022,file_active,");
    assert_non_null(row);
    char *nl = strchr(row + 1, '\n');
    assert_true(nl[-1] == '1');
    free(c);
    assert_int_equal(eaflow("scenarios", path_in("small.ini"), path_in("small.ini"), "-o", path_in("sc2"), NULL), 2);
    assert_non_null(strstr(errbuf, "même nom"));
    write_file("same.ini", small);
    assert_int_equal(eaflow("scenarios", path_in("small.ini"), path_in("same.ini"), "-o", path_in("sc3"), NULL), 0);
    c = slurp(path_in("sc3"), "scenarios.csv");
    row = strstr(c, "\nregion,2022,file_active,");
    nl = strchr(row + 1, '\n');
    assert_true(strncmp(nl - 4, ",0,0", 4) == 0 || nl[-1] == '0');
    free(c);
}

/* Reads the fit.csv row of a module and family: chosen flag, mean and its interval. */
static int fit_row(const char *fit, const char *module, const char *family, double *mean, double *lo,
                   double *hi)
{
    eng_csv *t = NULL;
    eng_error err;
    assert_int_equal(eng_csv_parse("fit.csv", fit, strlen(fit), &t, &err), ENG_OK);
    int chosen = -1;
    for (size_t r = 0; r < eng_csv_nrows(t); r++) {
        if (strcmp(eng_csv_get_text(t, r, eng_csv_column(t, "module")), module) ||
            strcmp(eng_csv_get_text(t, r, eng_csv_column(t, "family")), family))
            continue;
        int missing;
        eng_csv_get_number(t, r, eng_csv_column(t, "mean"), mean, &missing, &err);
        eng_csv_get_number(t, r, eng_csv_column(t, "mean_lower95"), lo, &missing, &err);
        eng_csv_get_number(t, r, eng_csv_column(t, "mean_upper95"), hi, &missing, &err);
        chosen = atoi(eng_csv_get_text(t, r, eng_csv_column(t, "chosen")));
    }
    eng_csv_free(t);
    return chosen;
}

/* synth then fit: the laws of a scenario (a lognormal and a Weibull module) are recovered from
 * the censored records, and ignoring the censoring would have been visibly wrong. */
static void test_synth_fit_round_trip(void **state)
{
    (void)state;
    write_file("laws.ini",
               "[scenario]\nstart = 2022-01\nmonths = 36\nreplications = 1\nseed = 11\n"
               "[entries]\nper_month = 120\n"
               "[module.evaluation]\nduration = lognormal(mean=4, sd=3)\n"
               "next = recherche:0.6, exit.abandon:0.4\n"
               "[module.recherche]\nduration = weibull(shape=1.5, scale=10)\n"
               "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
               "[platform]\nplaces = 100000\n");
    assert_int_equal(eaflow("synth", path_in("laws.ini"), "-o", path_in("rt/records.csv"), "--as-of",
                            "2024-06-30", NULL), 0);
    assert_int_equal(eaflow("fit", path_in("rt/records.csv"), "-o", path_in("rt/fitted.ini"), NULL), 0);
    char *fit = slurp(path_in("rt"), "fit.csv");
    assert_non_null(fit);
    double mean, lo, hi;
    /* lognormal(mean=4): chosen, and 4 within the interval. */
    assert_int_equal(fit_row(fit, "evaluation", "lognormal", &mean, &lo, &hi), 1);
    assert_true(lo <= 4 && 4 <= hi);
    /* weibull(shape=1.5, scale=10): mean 10 Gamma(1 + 1/1.5) = 9.0275. */
    const double wmean = 10 * tgamma(1 + 1 / 1.5);
    assert_int_equal(fit_row(fit, "recherche", "weibull", &mean, &lo, &hi), 1);
    print_message("recherche: weibull mean %.3f [%.3f ; %.3f], true %.3f\n", mean, lo, hi, wmean);
    assert_true(lo <= wmean && wmean <= hi);
    /* Ignoring the censoring (open episodes taken as ended at the as-of date) underestimates. */
    eng_csv *t = NULL;
    eng_error err;
    char path[256];
    snprintf(path, sizeof path, "%s/rt/records.csv", tmpdir);
    assert_int_equal(eng_csv_read(path, &t, &err), ENG_OK);
    eng_date asof = { 2024, 6, 30 }, a, b;
    double sum = 0;
    int n = 0, open = 0;
    for (size_t r = 0; r < eng_csv_nrows(t); r++) {
        if (strcmp(eng_csv_get_text(t, r, eng_csv_column(t, "module")), "recherche"))
            continue;
        int missing;
        eng_csv_get_date(t, r, eng_csv_column(t, "module_start"), &a, &missing, &err);
        eng_csv_get_date(t, r, eng_csv_column(t, "module_end"), &b, &missing, &err);
        open += missing;
        sum += (eng_date_days(missing ? asof : b) - eng_date_days(a)) / (365.25 / 12);
        n++;
    }
    eng_csv_free(t);
    print_message("recherche: %d episodes, %d open; naive mean %.3f\n", n, open, sum / n);
    assert_true(open > n / 4);
    assert_true(sum / n < 0.8 * wmean);
    /* The fitted scenario runs. */
    assert_int_equal(eaflow("simulate", path_in("rt/fitted.ini"), "-n", "5", "-o", path_in("rtsim"), "-q", NULL), 0);
    free(fit);
}

/* plot on the tables of a run draws the charts; without gnuplot it says which package to install,
 * exits 1, and leaves the tables as they were. */
/* The report's last line names the page, the PDF and the workbook it always writes. */
static void test_report_line(void **state)
{
    (void)state;
    const char *dir = path_in("report");
    assert_int_equal(eaflow("report", path_in("small.ini"), "-n", "2", "-o", dir, NULL), 0);
    char tail[512];
    snprintf(tail, sizeof tail, "graphiques dans %s/plots/, rapport %s/index.html, %s/report.pdf "
             "et %s/tableaux.xlsx\n", dir, dir, dir, dir);
    assert_non_null(strstr(outbuf, "eaflow : petit : "));
    size_t n = strlen(outbuf), m = strlen(tail);
    assert_true(n >= m);
    assert_string_equal(outbuf + n - m, tail);
}

static void test_plot(void **state)
{
    (void)state;
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-o", path_in("pl"), "-q", NULL), 0);
    assert_int_equal(eaflow("plot", path_in("pl"), "--format", "svg", NULL), 0);
    char *svg = slurp(path_in("pl/plots"), "file_active_region.svg");
    assert_non_null(svg);
    assert_non_null(strstr(svg, "<svg"));
    assert_non_null(strstr(svg, "File active"));
    free(svg);
    /* The charts speak the language of the messages: English with an English locale. */
    set_locale(NULL, NULL, "en_US.UTF-8");
    assert_int_equal(eaflow("plot", path_in("pl"), "--format", "svg", NULL), 0);
    set_locale("C", NULL, NULL);
    assert_non_null(strstr(outbuf, "eaflow: drew "));
    svg = slurp(path_in("pl/plots"), "file_active_region.svg");
    assert_non_null(strstr(svg, "Caseload (persons in support)"));
    free(svg);
    char *before = slurp(path_in("pl"), "monthly.csv");
    const char *path = getenv("PATH");
    char *saved = strdup(path ? path : "");
    setenv("PATH", "/nonexistent", 1);
    int status = eaflow("plot", path_in("pl"), NULL);
    setenv("PATH", saved, 1);
    free(saved);
    assert_int_equal(status, 1);
    assert_non_null(strstr(errbuf, "gnuplot-nox"));
    char *after = slurp(path_in("pl"), "monthly.csv");
    assert_string_equal(before, after);
    free(before);
    free(after);
    assert_int_equal(eaflow("plot", path_in("pl"), "--format", "gif", NULL), 2);
    assert_int_equal(eaflow("plot", path_in("nowhere"), NULL), 2);
}

/* The README's key list is the schema's own (`eaflow help scenario`), so neither can drift. */
static void test_readme_keys(void **state)
{
    (void)state;
    assert_int_equal(eaflow("help", "scenario", NULL), 0);
    char *readme = slurp(".", "README.md");
    assert_non_null(readme);
    const char *table = strstr(outbuf, "| Section |");
    assert_non_null(table);
    if (!strstr(readme, table))
        fail_msg("README.md's key list differs from `eaflow help scenario`: run `make readme-keys`");
    free(readme);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_and_version),
        cmocka_unit_test(test_help_texts),
        cmocka_unit_test(test_unknown_command),
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_replications_bound),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_determinism_and_run_ini),
        cmocka_unit_test(test_french_csv),
        cmocka_unit_test(test_bad_scenarios),
        cmocka_unit_test(test_readme_keys),
        cmocka_unit_test(test_compare_capacity),
        cmocka_unit_test(test_compare_bad_observed),
        cmocka_unit_test(test_costs),
        cmocka_unit_test(test_sweep_matches_simulate),
        cmocka_unit_test(test_sweep_target),
        cmocka_unit_test(test_direct_share_warning),
        cmocka_unit_test(test_sweep_target_defaults),
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_sweep_errors),
        cmocka_unit_test(test_scenarios),
        cmocka_unit_test(test_synth_fit_round_trip),
        cmocka_unit_test(test_plot),
        cmocka_unit_test(test_report_line),
        cmocka_unit_test(test_french_office_files),
        cmocka_unit_test(test_latin1_scenario),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
