/* test_e2e.c — End-to-end tests: run ./eaflow (or $EAFLOW_BIN) on small scenarios as a user would,
 * and read what it writes and prints. */
#include "test_util.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *bin(void)
{
    const char *b = getenv("EAFLOW_BIN");
    return b ? b : "./eaflow";
}

static char tmpdir[64];
static char outbuf[1 << 16], errbuf[1 << 16];

/* Runs eaflow with the given arguments (no shell), capturing stdout and stderr; returns the exit
 * status. */
static int eaflow(const char *a0, ...)
{
    const char *argv[32];
    int n = 0;
    argv[n++] = bin();
    va_list ap;
    va_start(ap, a0);
    for (const char *a = a0; a && n < 31; a = va_arg(ap, const char *))
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    char out[128], err[128];
    snprintf(out, sizeof out, "%s/stdout", tmpdir);
    snprintf(err, sizeof err, "%s/stderr", tmpdir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fo, 1);
        dup2(fe, 2);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    FILE *f = fopen(out, "r");
    size_t k = f ? fread(outbuf, 1, sizeof outbuf - 1, f) : 0;
    outbuf[k] = '\0';
    if (f)
        fclose(f);
    f = fopen(err, "r");
    k = f ? fread(errbuf, 1, sizeof errbuf - 1, f) : 0;
    errbuf[k] = '\0';
    if (f)
        fclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Reads a whole file into a malloc'd string (NULL if it does not exist). */
static char *slurp(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = '\0';
    fclose(f);
    return s;
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
    snprintf(tmpdir, sizeof tmpdir, "/tmp/eaflow-e2e-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    write_file("small.ini", small);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char *argv[] = { "rm", "-rf", tmpdir, NULL };
    pid_t pid = fork();
    if (pid == 0) {
        execvp("rm", argv);
        _exit(127);
    }
    waitpid(pid, NULL, 0);
    return 0;
}

static void test_help_and_version(void **state)
{
    (void)state;
    assert_int_equal(eaflow("--help", NULL), 0);
    assert_non_null(strstr(outbuf, "simulate"));
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
    assert_non_null(strstr(errbuf, "unknown command"));
    assert_int_equal(eaflow("simulate", NULL), 2);
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "-n", "abc", NULL), 2);
    assert_non_null(strstr(errbuf, "--replications"));
    assert_int_equal(eaflow("simulate", path_in("small.ini"), "--bogus", NULL), 2);
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
    assert_true(strncmp(m, "scope;month;indicator;mean;sd;p05;p25;p50;p75;p95\n", strlen("scope;month;indicator;mean;sd;p05;p25;p50;p75;p95\n")) == 0);
    assert_non_null(strstr(m, "\nregion;2022-01;places;18;0;18;18;18;18;18\n"));
    const char key[] = "\nregion;2022-01;file_active_avg;";
    char *row = strstr(m, key);
    assert_non_null(row);
    char *nl = strchr(row + 1, '\n');
    *nl = '\0';
    assert_non_null(strchr(row + strlen(key), ','));
    assert_null(strchr(row + strlen(key), '.'));
    free(m);
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
    assert_true(strncmp(errbuf, "eaflow: ", 8) == 0);
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
    check_rejected(text, (const char *const[]){ "bad.ini:8:", "[entries]", "per_mnth", "per_month", NULL });
    /* A department block copied twice. */
    snprintf(text, sizeof text, "%s[department.09]\nplaces = 3\n", small);
    check_rejected(text, (const char *const[]){ "bad.ini:27:", "department.09", "line 19", NULL });
    /* Routing that does not sum to 1. */
    snprintf(text, sizeof text, "%s", small);
    p = strstr(text, "recherche:0.7");
    memcpy(p, "recherche:0.6", 13);
    check_rejected(text, (const char *const[]){ "bad.ini:14:", "[module.evaluation]", "next", NULL });
    /* An unknown distribution. */
    snprintf(text, sizeof text, "%s", small);
    p = strstr(text, "gamma(mean=2");
    memcpy(p, "gamme", 5);
    check_rejected(text, (const char *const[]){ "bad.ini:12:", "duration", "gamme", NULL });
    /* A negative rate. */
    snprintf(text, sizeof text, "%s", small);
    p = strstr(text, "entries_per_month = 2");
    memcpy(p, "entries_per_month =-2", 21);
    check_rejected(text, (const char *const[]){ "bad.ini:26:", "entries_per_month", NULL });
    /* A missing required key. */
    snprintf(text, sizeof text, "%s", small);
    p = strstr(text, "months = 18");
    memcpy(p, "#onths = 18", 11);
    check_rejected(text, (const char *const[]){ "bad.ini", "[scenario]", "months", NULL });
    /* Not a number. */
    snprintf(text, sizeof text, "%s", small);
    p = strstr(text, "places = 12");
    memcpy(p, "places = 1x", 11);
    check_rejected(text, (const char *const[]){ "bad.ini:21:", "places", "1x", NULL });
    /* An unknown section. */
    snprintf(text, sizeof text, "%s[budjet]\ncost_per_place = 1\n", small);
    check_rejected(text, (const char *const[]){ "bad.ini:27:", "budjet", "budget", NULL });
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
    assert_non_null(strstr(outbuf, "region        645          439    68,1 %            206          885 800"));
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
    assert_non_null(strstr(outbuf, "reused"));
    /* Another seed is another run: simulated again. */
    assert_int_equal(eaflow("compare", "scenarios/occitanie-2022.ini", "--observed",
                            "scenarios/data/observed-occitanie.csv", "-n", "20", "--seed", "9", "-o",
                            path_in("cmp"), NULL), 0);
    assert_null(strstr(outbuf, "reused"));
    free(cap); free(cmp); free(sum); free(monthly);
}

/* A bad observed table: exit 2, the place named, nothing written. */
static void test_compare_bad_observed(void **state)
{
    (void)state;
    write_file("obs.csv", "date;department;file_active\n2022-03-31;09;12\n2022-03-31;99;4\n");
    assert_int_equal(eaflow("compare", path_in("small.ini"), "--observed", path_in("obs.csv"), "-o",
                            path_in("cmpbad"), NULL), 2);
    assert_non_null(strstr(errbuf, "obs.csv:3: column \"department\": \"99\""));
    assert_null(slurp(path_in("cmpbad"), "compare.csv"));
    assert_null(slurp(path_in("cmpbad"), "monthly.csv"));
    write_file("obs.csv", "date;department;file_active\n2022-03-31;09;1,5x\n");
    assert_int_equal(eaflow("compare", path_in("small.ini"), "--observed", path_in("obs.csv"), "-o",
                            path_in("cmpbad"), NULL), 2);
    assert_non_null(strstr(errbuf, "obs.csv:2: column \"file_active\": \"1,5x\" is not a number"));
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
    assert_non_null(strstr(c, "\n2022,region,Total,645,2773500,4300,0,2773500,0,"));
    /* Ariège 2021: 95 200 EUR for 17 places = 5 600 EUR, +30.2 %, outside the 10 % tolerance. */
    assert_non_null(strstr(c, "\n2021,09,Ariège,17,95200,5600,0.302325581395,73100,22100,"));
    assert_non_null(strstr(outbuf, "hors tolérance"));
    char *d = slurp(path_in("costs"), "costs-dispersion.csv");
    assert_non_null(strstr(d, "\n2022,funded,13,4300,4300,4300,4300,0,0\n"));
    free(c);
    free(d);
    assert_int_equal(eaflow("costs", path_in("nope.csv"), NULL), 2);
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
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_determinism_and_run_ini),
        cmocka_unit_test(test_french_csv),
        cmocka_unit_test(test_bad_scenarios),
        cmocka_unit_test(test_readme_keys),
        cmocka_unit_test(test_compare_capacity),
        cmocka_unit_test(test_compare_bad_observed),
        cmocka_unit_test(test_costs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
