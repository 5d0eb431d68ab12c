/* test_ea_results.c — A run's results made by hand: four replications stored from raw
 * accumulators, their summaries against hand-computed means, sd and type-7 quantiles, the pooled
 * means of the ratios of totals, and the tidy table written from them; a streamed run (blocks of
 * replications through a temporary file) against the same run kept in memory. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <dirent.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <math.h>

#include "engine/eng_runner.h"
#include "models/ea_model.h"
#include "models/ea_results.h"
#include "models/ea_simulate.h"

/* One platform of 12 places, December 2022 and January 2023: two months, and two calendar years
 * of one month each. */
static const char scenario[] =
    "[scenario]\nstart = 2022-12\nmonths = 2\nreplications = 4\n"
    "[module.evaluation]\nduration = exponential(mean=12)\nnext = exit.emploi_durable:1\n"
    "[platform]\nplaces = 12\n";

/* File active at the end of December in each replication, exits to employment in it, admissions
 * and the months those admitted had waited. */
static const double file_active[4] = { 10, 1, 4, 2 };
static const double exits[4] = { 0, 1, 2, 0 };
static const double admissions[4] = { 2, 0, 1, 3 };
static const double waited[4] = { 1, 0, 2, 0.5 };

static ea_results *make_results(ea_scenario *sc, int nthreads)
{
    fixture_load(scenario, sc);
    eng_error err = { { 0 } };
    ea_results *res = ea_results_alloc(sc, 0, &err);
    if (!res)
        fail_msg("%s", err.msg);
    for (size_t rep = 0; rep < 4; rep++) {
        double raw[2 * EA_RAW_COUNT];
        memset(raw, 0, sizeof raw);
        raw[EA_RAW_FILE_ACTIVE] = file_active[rep];
        raw[EA_RAW_PLACES] = 12;
        raw[EA_RAW_EXITS + 0] = exits[rep];
        raw[EA_RAW_ADMISSIONS] = admissions[rep];
        raw[EA_RAW_WAIT_SUM] = waited[rep];
        raw[EA_RAW_COUNT + EA_RAW_FILE_ACTIVE] = 5;
        raw[EA_RAW_COUNT + EA_RAW_PLACES] = 12;
        ea_results_store(res, rep, 0, raw);
    }
    if (ea_results_summarise(res, nthreads, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    return res;
}

static void test_scopes_and_periods(void **state)
{
    (void)state;
    ea_scenario sc;
    ea_results *res = make_results(&sc, 2);
    assert_int_equal(ea_results_nscopes(res), 1);
    assert_string_equal(ea_results_scope(res, 0), "region");
    assert_int_equal(ea_results_nperiods(res, EA_MONTHLY), 2);
    assert_string_equal(ea_results_period(res, EA_MONTHLY, 1), "2023-01");
    assert_int_equal(ea_results_nperiods(res, EA_ANNUAL), 2);
    assert_string_equal(ea_results_period(res, EA_ANNUAL, 0), "2022");
    assert_int_equal(ea_results_find_period(res, EA_ANNUAL, "2023"), 1);
    assert_int_equal(ea_results_find_scope(res, "31"), -1);
    assert_int_equal((int)ea_results_nreps(res), 4);
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

/* {1, 2, 4, 10}: mean 4.25, sd sqrt(48.75 / 3); type 7 puts quantile p at order statistic
 * 1 + 3p, between neighbours: p05 = 1 + 0.15 (2 - 1), p25 = 1 + 0.75 (2 - 1), p50 = 2 + 0.5 (4 - 2),
 * p75 = 4 + 0.25 (10 - 4), p95 = 4 + 0.85 (10 - 4). */
static void test_quantiles(void **state)
{
    (void)state;
    ea_scenario sc;
    ea_results *res = make_results(&sc, 2);
    int fa = ea_indicators_find(ea_results_indicators(res), "file_active");
    assert_true(ea_results_value(res, EA_MONTHLY, 0, 0, fa, 2) == 4);
    const eng_stats_summary *s = ea_results_summary(res, EA_MONTHLY, 0, 0, fa);
    assert_int_equal((int)s->n, 4);
    assert_rel(s->mean, 4.25, 1e-15);
    assert_rel(s->sd, sqrt(48.75 / 3), 1e-14);
    assert_rel(s->p05, 1.15, 1e-14);
    assert_rel(s->p25, 1.75, 1e-14);
    assert_rel(s->p50, 3, 1e-14);
    assert_rel(s->p75, 5.5, 1e-14);
    assert_rel(s->p95, 9.1, 1e-14);
    /* The same month is the whole of 2022. */
    assert_rel(ea_results_summary(res, EA_ANNUAL, 0, 0, fa)->p95, 9.1, 1e-14);
    /* January: 5 in every replication. */
    s = ea_results_summary(res, EA_MONTHLY, 0, 1, fa);
    assert_true(s->mean == 5 && s->sd == 0 && s->p05 == 5 && s->p95 == 5);

    /* A cost per exit is undefined without exit: two replications of four have one. A month of 12
     * places costs 12 x 4 300 / 12 = 4 300 EUR; over 1 and 2 exits, 4 300 and 2 150 EUR, whose sd
     * and quantiles the summary gives. Its mean pools the replications: the four months' funding,
     * 17 200 EUR, over their 3 exits (not the mean 3 225 EUR of the two defined ratios, which
     * forgets the funding of the replications without exit). */
    int ce = ea_indicators_find(ea_results_indicators(res), "cost_per_exit_emploi_eur");
    assert_true(isnan(ea_results_value(res, EA_MONTHLY, 0, 0, ce, 0)));
    s = ea_results_summary(res, EA_MONTHLY, 0, 0, ce);
    assert_int_equal((int)s->n, 2);
    assert_rel(s->mean, 17200.0 / 3, 1e-15);
    assert_rel(s->sd, 1075 * sqrt(2), 1e-14);
    assert_rel(s->p05, 2150 + 0.05 * 2150, 1e-14);
    assert_rel(s->p95, 2150 + 0.95 * 2150, 1e-14);
    /* No exit at all in January: every cell empty. */
    assert_true(isnan(ea_results_summary(res, EA_MONTHLY, 0, 1, ce)->mean));
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

/* The mean wait pools the replications: 3.5 months waited by 6 persons admitted, 0.5833 months or
 * 17.76 days (not the mean of the three defined ratios, 0.5, 2 and 0.1667 months: 0.8889); its sd
 * and quantiles are those of the ratios. The cost per person accompanied likewise: 4 x 4 300 EUR
 * over 2 + 0 + 1 + 3 persons. */
static void test_pooled_ratios(void **state)
{
    (void)state;
    ea_scenario sc;
    ea_results *res = make_results(&sc, 2);
    int mw = ea_indicators_find(ea_results_indicators(res), "mean_wait_days");
    double day = 365.25 / 12;
    assert_rel(ea_results_value(res, EA_MONTHLY, 0, 0, mw, 2), 2 * day, 1e-15);
    assert_true(isnan(ea_results_value(res, EA_MONTHLY, 0, 0, mw, 1)));
    const eng_stats_summary *s = ea_results_summary(res, EA_MONTHLY, 0, 0, mw);
    assert_int_equal((int)s->n, 3);
    assert_rel(s->mean, 3.5 / 6 * day, 1e-15);
    assert_rel(s->p50, 0.5 * day, 1e-15);
    assert_rel(s->sd, sqrt((pow(0.5 - 8 / 9.0, 2) + pow(2 - 8 / 9.0, 2) + pow(0.5 / 3 - 8 / 9.0, 2)) / 2)
                          * day, 1e-13);
    /* Nobody admitted in January: empty. */
    assert_true(isnan(ea_results_summary(res, EA_MONTHLY, 0, 1, mw)->mean));
    int cp = ea_indicators_find(ea_results_indicators(res), "cost_per_person_eur");
    assert_rel(ea_results_summary(res, EA_MONTHLY, 0, 0, cp)->mean, 17200.0 / 6, 1e-15);
    /* A year of one month pools the same. */
    assert_rel(ea_results_summary(res, EA_ANNUAL, 0, 0, mw)->mean, 3.5 / 6 * day, 1e-15);
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

/* The tidy table: the declared header, then a row per scope, period and indicator. */
static void test_write_table(void **state)
{
    (void)state;
    ea_scenario sc;
    ea_results *res = make_results(&sc, 2);
    char buf[1 << 14];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    eng_error err = { { 0 } };
    assert_int_equal(ea_results_write_table(res, EA_MONTHLY, f, &eng_csv_standard, &err), ENG_OK);
    fclose(f);
    const char *head = "scope,month,indicator,mean,sd,p05,p25,p50,p75,p95\n";
    assert_true(strncmp(buf, head, strlen(head)) == 0);
    int lines = 0;
    for (const char *p = buf; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 1 + 2 * ea_results_indicators(res)->n);
    assert_non_null(strstr(buf, "\nregion,2022-12,file_active,4.25,4.03112887415,1.15,1.75,3,5.5,9.1\n"));
    assert_non_null(strstr(buf, "\nregion,2023-01,cost_per_exit_emploi_eur,,,,,,,\n"));
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

/* Two departments over fifteen months across three calendar years, with waiting, patience and
 * lognormal stays, so that every kind of indicator (counts, money, ratios of totals that are
 * sometimes undefined) is summarised. 23 replications: blocks of 5 leave a short last block. */
static const char two_departments[] =
    "[scenario]\nstart = 2022-11\nmonths = 15\nreplications = 23\nseed = 7\n"
    "[budget]\ncost_per_place = 4300\nstaff_cost_per_fte = 50000\n"
    "[entries]\nper_month = 0\nmix = evaluation:1\n"
    "[waiting]\npatience = gamma(mean=3, sd=2)\n"
    "[exits]\nreasons = emploi_durable, autre\n"
    "[module.evaluation]\nduration = lognormal(mean=4, sd=3)\n"
    "next = exit.emploi_durable:0.4, exit.autre:0.6\n"
    "[department.09]\nplaces = 6\nentries_per_month = 2\nfte = 0.5\n"
    "[department.11]\nplaces = 9\ninitial_file_active = 4\nentries_per_month = 1.5\nfte = 0.7\n";

static ea_results *run(const ea_scenario *sc, int threads, size_t block)
{
    ea_results *res = NULL;
    eng_error err = { { 0 } };
    ea_simulate_options opt = { .threads = threads, .block = block };
    if (ea_simulate_run(sc, &opt, &res, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    return res;
}

/* Two departments with one module and one exit reason, no FTE, no cost per FTE, no intensity and
 * no patience: eleven indicators are the same in every replication and two equal their total, so
 * that the run stores 13 of 26 (ea_indicators_item.var). Each replication is run again here with
 * the model alone and all 26 indicators derived from its raw accumulators (the region from their
 * sum): every value the results give back, stored or fixed by the scenario, is that one to the
 * bit, and the summary of a fixed one is its value, sd 0, over every replication. */
static const char fixed_scenario[] =
    "[scenario]\nstart = 2022-11\nmonths = 15\nreplications = 6\nseed = 3\n"
    "[entries]\nper_month = 0\nmix = evaluation:1\n[exits]\nreasons = autre\n"
    "[module.evaluation]\nduration = exponential(mean=3)\nnext = exit.autre:1\n"
    "[department.09]\nplaces = 6\nplaces_schedule = 2023-03:8\nentries_per_month = 2.5\n"
    "[department.11]\nplaces = 5\ninitial_file_active = 4\nentries_per_month = 1.5\n";

static void test_fixed_indicators_are_each_replications(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(fixed_scenario, &sc);
    ea_results *res = run(&sc, 2, 0);
    const ea_indicators *set = ea_results_indicators(res);
    assert_int_equal(set->n, 26);
    assert_int_equal(set->nvar, 13);
    eng_error err = { { 0 } };
    ea_model *m = ea_model_alloc(&sc, &err);
    assert_non_null(m);
    size_t each = (size_t)sc.months * EA_RAW_COUNT;
    double *raw = malloc(3 * each * sizeof *raw), *region = raw + 2 * each, out[EA_MAX_INDICATORS];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int fixed = 0;
    for (size_t rep = 0; rep < 6; rep++) {
        eng_runner_seed(r, sc.seed, rep);
        assert_int_equal(ea_model_run(m, r, raw, &err), ENG_OK);
        for (size_t x = 0; x < each; x++)
            region[x] = 0 + raw[x] + raw[each + x];
        for (int t = EA_MONTHLY; t <= EA_ANNUAL; t++)
            for (int s = 0; s < 3; s++)
                for (int p = 0; p < ea_results_nperiods(res, t); p++) {
                    int k0 = t == EA_MONTHLY ? p : p == 0 ? 0 : 12 * p - 10;
                    int k1 = t == EA_MONTHLY ? p + 1 : p == 0 ? 2 : p == 1 ? 14 : 15;
                    ea_indicators_compute(set, raw + (size_t)s * each, k0, k1, 0, out, NULL);
                    for (int i = 0; i < set->n; i++) {
                        double v = ea_results_value(res, t, s, p, i, rep);
                        if (memcmp(&v, &out[i], sizeof v) != 0)
                            fail_msg("%s, scope %d, period %d, rep %zu: %.17g, not %.17g",
                                     set->ind[i].name, s, p, rep, v, out[i]);
                        const eng_stats_summary *sm = ea_results_summary(res, t, s, p, i);
                        if (set->ind[i].var < 0 && !isnan(v)) {
                            assert_int_equal((int)sm->n, 6);
                            assert_true(sm->mean == v && sm->sd == 0 && sm->p05 == v && sm->p95 == v);
                            fixed++;
                        }
                    }
                }
    }
    /* places, funding, delegated funding, hours available, FTE needed, hours needed, cost of
     * the hours and reneged: 8 that are not empty, in 3 scopes, 18 periods and 6 replications. */
    assert_int_equal(fixed, 8 * 3 * 18 * 6);
    gsl_rng_free(r);
    free(raw);
    ea_model_free(m);
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

/* Both tables of a run as text. */
static char *tables(const ea_results *res)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    eng_error err = { { 0 } };
    for (int t = EA_MONTHLY; t <= EA_ANNUAL; t++)
        assert_int_equal(ea_results_write_table(res, t, f, &eng_csv_standard, &err), ENG_OK);
    fclose(f);
    return buf;
}

/* Files in a folder, "." and ".." left out. */
static int files_in(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

/* Streamed in blocks of 5, 1 and 23 replications (the last one whole: in memory), every
 * summary is the one the run kept in memory gives, to the bit, and every replication's value
 * reads back the same; the temporary files are gone from the folder from the start. */
static void test_streamed_equals_memory(void **state)
{
    (void)state;
    char dir[] = "/tmp/eaflow-spill-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *old = getenv("TMPDIR");
    char *saved = old ? strdup(old) : NULL;
    setenv("TMPDIR", dir, 1);
    ea_scenario sc;
    fixture_load(two_departments, &sc);
    ea_results *mem = run(&sc, 2, 0);
    assert_int_equal((int)ea_results_block(mem), 23);
    static const size_t blocks[] = { 5, 1, 23 };
    for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
        ea_results *str = run(&sc, 2, blocks[b]);
        assert_int_equal((int)ea_results_block(str), (int)blocks[b]);
        assert_int_equal(files_in(dir), 0);
        int cells = 0;
        for (int t = EA_MONTHLY; t <= EA_ANNUAL; t++)
            for (int s = 0; s < ea_results_nscopes(mem); s++)
                for (int p = 0; p < ea_results_nperiods(mem, t); p++)
                    for (int i = 0; i < ea_results_indicators(mem)->n; i++) {
                        const eng_stats_summary *a = ea_results_summary(mem, t, s, p, i);
                        const eng_stats_summary *c = ea_results_summary(str, t, s, p, i);
                        assert_memory_equal(a, c, sizeof *a);
                        for (size_t r = 0; r < 23; r++) {
                            double x = ea_results_value(mem, t, s, p, i, r);
                            double y = ea_results_value(str, t, s, p, i, r);
                            assert_memory_equal(&x, &y, sizeof x);
                        }
                        cells++;
                    }
        assert_int_equal(cells, 3 * (15 + 3) * ea_results_indicators(mem)->n);   /* 2022, 2023, 2024 */
        ea_results_free(str);
    }
    ea_results_free(mem);
    ea_scenario_clear(&sc);
    if (saved)
        setenv("TMPDIR", saved, 1);
    else
        unsetenv("TMPDIR");
    free(saved);
    assert_int_equal(rmdir(dir), 0);
}

/* The same seed gives the same tables, byte for byte, on one or two threads and for any block. */
static void test_tables_do_not_depend_on_threads_or_blocks(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(two_departments, &sc);
    ea_results *ref = run(&sc, 1, 0);
    char *want = tables(ref);
    static const struct { int threads; size_t block; } runs[] = { { 2, 0 }, { 1, 4 }, { 2, 4 }, { 2, 7 } };
    for (size_t k = 0; k < sizeof runs / sizeof *runs; k++) {
        ea_results *res = run(&sc, runs[k].threads, runs[k].block);
        char *got = tables(res);
        assert_string_equal(got, want);
        free(got);
        ea_results_free(res);
    }
    free(want);
    ea_results_free(ref);
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scopes_and_periods),
        cmocka_unit_test(test_quantiles),
        cmocka_unit_test(test_pooled_ratios),
        cmocka_unit_test(test_write_table),
        cmocka_unit_test(test_streamed_equals_memory),
        cmocka_unit_test(test_tables_do_not_depend_on_threads_or_blocks),
        cmocka_unit_test(test_fixed_indicators_are_each_replications),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
