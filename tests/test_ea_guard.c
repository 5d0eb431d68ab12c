/* test_ea_guard.c — Guards from the model: expected visits against hand-solved pathways, absurd
 * routings and event counts refused with their figure, the run's estimate against hand counts and
 * the simulation, and runs beyond the limits refused with a number of replications that fits. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/eng_msg.h"
#include "models/ea_guard.h"
#include "models/ea_indicators.h"
#include "models/ea_scenario.h"
#include "models/ea_simulate.h"
#include "scenario_fixture.h"

#define DATA "tests/data/"

enum { EV = EA_EVALUATION, PR = EA_PROJET, RE = EA_RECHERCHE, MA = EA_MAINTIEN };

static void assert_contains(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("\"%s\" does not contain \"%s\"", text, part);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void load_ok(const char *path, ea_scenario *sc)
{
    eng_error err = {""};
    if (ea_scenario_load(path, sc, &err) != ENG_OK)
        fail_msg("%s: %s", path, err.msg);
}

/* Loads a file that must be refused within a few seconds, and returns the message in err. */
static void load_refused(const char *path, eng_error *err)
{
    ea_scenario sc;
    double t0 = now();
    int status = ea_scenario_load(path, &sc, err);
    if (status != ENG_EINPUT)
        fail_msg("%s: status %d, expected ENG_EINPUT (%s)", path, status, err->msg);
    if (now() - t0 > 2)
        fail_msg("%s: refused after %.1f s, expected within seconds", path, now() - t0);
    assert_null(sc.departments);
}

/* evaluation -> projet 0.8 / exit 0.2, projet -> recherche 1, recherche -> evaluation 0.5 / exit
 * 0.5. From evaluation: e = 1 + 0.5 r, p = 0.8 e, r = p, so e = 1 + 0.4 e: e = 5/3, p = r = 4/3,
 * in all 13/3. From projet: p = 1 + 0.8 e, r = p, e = 0.5 r, so p = 1 + 0.4 p: p = r = 5/3,
 * e = 5/6, in all 25/6. With mean durations 3, 6 and 10 months, an entrant in evaluation spends
 * 5, 8 and 40/3 months in them. */
static void hand_pathway(ea_scenario_module mods[EA_NMODULES])
{
    memset(mods, 0, EA_NMODULES * sizeof *mods);
    eng_error err;
    const char *durations[] = {"fixed(3)", "exponential(mean=6)", "gamma(mean=10, sd=2)"};
    for (int m = EV; m <= RE; m++) {
        mods[m].defined = 1;
        assert_int_equal(eng_dist_parse(durations[m], &mods[m].duration, &err), ENG_OK);
    }
    mods[EV].next[PR] = 0.8;
    mods[EV].next[EA_NMODULES] = 0.2;
    mods[PR].next[RE] = 1;
    mods[RE].next[EV] = 0.5;
    mods[RE].next[EA_NMODULES] = 0.5;
}

static void test_visits_by_hand(void **state)
{
    (void)state;
    ea_scenario_module mods[EA_NMODULES];
    hand_pathway(mods);
    ea_guard_pathway p;
    const double from_evaluation[EA_NMODULES] = {1, 0, 0, 0};
    assert_int_equal(ea_guard_pathway_compute(from_evaluation, mods, &p), 0);
    assert_abs(p.visits[EV], 5.0 / 3, 1e-12);
    assert_abs(p.visits[PR], 4.0 / 3, 1e-12);
    assert_abs(p.visits[RE], 4.0 / 3, 1e-12);
    assert_abs(p.visits[MA], 0, 0);
    assert_abs(p.total, 13.0 / 3, 1e-12);
    assert_abs(p.months[EV], 5, 1e-12);
    assert_abs(p.months[PR], 8, 1e-12);
    assert_abs(p.months[RE], 40.0 / 3, 1e-12);
    assert_abs(p.months_total, 5 + 8 + 40.0 / 3, 1e-12);
    const double from_projet[EA_NMODULES] = {0, 1, 0, 0};
    assert_int_equal(ea_guard_pathway_compute(from_projet, mods, &p), 0);
    assert_abs(p.visits[EV], 5.0 / 6, 1e-12);
    assert_abs(p.visits[PR], 5.0 / 3, 1e-12);
    assert_abs(p.visits[RE], 5.0 / 3, 1e-12);
    assert_abs(p.total, 25.0 / 6, 1e-12);
    /* A loop whose exit is 1 in floating point cannot be solved. */
    mods[RE].next[EV] = 1;
    mods[RE].next[EA_NMODULES] = 0;
    mods[EV].next[PR] = 1;
    mods[EV].next[EA_NMODULES] = 0;
    assert_int_equal(ea_guard_pathway_compute(from_evaluation, mods, &p), -1);
    for (int m = EV; m <= RE; m++)
        eng_dist_clear(&mods[m].duration);
}

static void test_endless_refused(void **state)
{
    (void)state;
    eng_error err;
    /* The scenario of the issue: its module is shorter than a day, which is refused first. */
    load_refused(DATA "scn_err_endless.ini", &err);
    assert_contains(err.msg, ", ligne 12, [module.evaluation] clé « duration » : la moyenne vaut 1e-09 mois, "
                             "hors des bornes ; attendu une moyenne de 0.03 à 1200 mois");
    /* The same loop with a month: 1 / (1 - 0.999999999999) visits. */
    load_refused(DATA "scn_err_loop.ini", &err);
    assert_string_equal(err.msg, DATA "scn_err_loop.ini, ligne 12, [module.evaluation] clé « next » : "
                                      "une personne qui commence en evaluation passerait 1e+12 "
                                      "fois en moyenne dans les modules (une personne en "
                                      "evaluation y revient avec une probabilité de "
                                      "0,999999999999) ; au plus 1000 passages par personne sont "
                                      "plausibles : donnez une part plus grande aux sorties");
    /* An exit of 1e-17 leaves a loop of probability 1 in floating point. */
    load_refused(DATA "scn_err_never.ini", &err);
    assert_contains(err.msg, "scn_err_never.ini, ligne 13, [module.evaluation] clé « next » : une "
                             "personne en evaluation ne quitterait en pratique jamais les modules : "
                             "ses sorties ont une probabilité de 1e-17 en tout");
    load_refused(DATA "scn_err_never_after.ini", &err);
    assert_contains(err.msg, "scn_err_never_after.ini, ligne 13, [module.projet] clé « next » : une "
                             "personne en projet ne quitterait en pratique jamais les modules : "
                             "ses sorties ont une probabilité de 1e-17 en tout");
    /* A department's override: from evaluation, e = 1 + 0.99999 r and r = e, so e = r = 10^5. */
    load_refused(DATA "scn_err_endless_dept.ini", &err);
    assert_contains(err.msg, "scn_err_endless_dept.ini, ligne 19, [department.31.module.recherche] clé "
                             "« next » : une personne qui commence en evaluation passerait 2e+05 "
                             "fois en moyenne dans les modules (une personne en recherche y "
                             "revient avec une probabilité de 0,99999)");
}

static void test_bounds_accepted(void **state)
{
    (void)state;
    ea_scenario sc;
    /* 1 / 0.001 visits, the most that is plausible. */
    load_ok(DATA "scn_visits_bound.ini", &sc);
    ea_guard_pathway p;
    assert_int_equal(ea_guard_pathway_compute(sc.departments[0].entries.mix,
                                              sc.departments[0].modules, &p), 0);
    assert_rel(p.total, 1000, 1e-12);
    ea_scenario_clear(&sc);
    load_ok(DATA "scn_bounds.ini", &sc);
    assert_int_equal(sc.replications, 100000);
    assert_int_equal(sc.departments[0].places, 1000000);
    assert_abs(sc.departments[0].entries.per_month, 100000, 0);
    ea_scenario_clear(&sc);
}

static void test_events_by_hand(void **state)
{
    (void)state;
    ea_scenario sc;
    /* M/M/30: 12 entries a month for 240 months, one visit each, no reneging: 2 880 arrivals,
     * 2 880 module ends and 240 month ends. */
    load_ok("scenarios/mmc.ini", &sc);
    assert_abs(ea_guard_events(&sc), 2880 * 2 + 240, 1e-9);
    ea_scenario_clear(&sc);
    /* The hand pathway: 10 entries a month for 6 months then 20, 180 in all, each an arrival,
     * 13/3 visits and a departure from the waiting list (patience is set); 6 persons at the start
     * in projet, 25/6 visits each; 12 month ends. */
    fixture_load("[scenario]\nstart = 2022-01\nmonths = 12\n"
                 "[entries]\nper_month = 10\nschedule = 2022-07:20\n"
                 "[waiting]\npatience = exponential(mean=2)\n"
                 "[module.evaluation]\nduration = fixed(3)\n"
                 "next = projet:0.8, exit.autre:0.2\n"
                 "[module.projet]\nduration = exponential(mean=6)\nnext = recherche:1\n"
                 "[module.recherche]\nduration = gamma(mean=10, sd=2)\n"
                 "next = evaluation:0.5, exit.autre:0.5\n"
                 "[platform]\nplaces = 10\ninitial_file_active = 6\ninitial_mix = projet:1\n",
                 &sc);
    assert_abs(ea_guard_events(&sc), 180 * (1 + 13.0 / 3 + 1) + 6 * 25.0 / 6 + 12, 1e-9);
    ea_scenario_clear(&sc);
}

static void test_events_refused(void **state)
{
    (void)state;
    eng_error err;
    /* 100 000 entries a month for 1 200 months, each an arrival and 1 / 0.01 visits: 1.2e8 * 101
     * + 1 200 month ends. */
    load_refused(DATA "scn_err_events.ini", &err);
    assert_contains(err.msg, "scn_err_events.ini, ligne 8, [entries] clé « per_month » : une "
                             "réplication traiterait environ 1,21e+10 événements, plus que les "
                             "1e+10");
    assert_contains(err.msg, "les 1,2e+08 entrées sur 1200 mois font chacune 100 passages en module");
}

/* The estimate follows the layout of the results: one value per scope, period and indicator in
 * each replication; and the events it counts are those the simulation handles, but for the
 * visits that end after the run. */
static void test_estimate(void **state)
{
    (void)state;
    ea_scenario sc;
    load_ok("scenarios/mmc.ini", &sc);
    ea_indicators set;
    ea_indicators_init(&set, &sc);
    ea_guard_estimate e;
    ea_guard_estimate_run(&sc, 2, 0, &e);
    /* One scope, 240 months and the 20 years 2000 to 2019, the indicators the scenario does not
     * fix; each thread gathers 65 values. */
    assert_true(set.nvar < set.n);
    assert_abs(e.bytes_per_replication, 8.0 * set.nvar * (240 + 20) + 8.0 * 2 * 65, 0);
    assert_int_equal(e.threads, 2);
    assert_abs(e.events, 40 * 6000.0, 1e-6);
    assert_abs(e.seconds, e.events / (EA_GUARD_EVENTS_PER_SECOND * 2), 1e-12);
    ea_guard_estimate_run(&sc, 2, 1, &e);
    assert_abs(e.bytes_per_replication, 8.0 * set.nvar * 20 + 8.0 * 2 * 65, 0);
    ea_results *res;
    eng_error err;
    ea_simulate_options opt = {.threads = 2};
    assert_int_equal(ea_simulate_run(&sc, &opt, &res, &err), ENG_OK);
    double measured = (double)ea_results_events(res);
    assert_true(measured <= e.events && measured > 0.97 * e.events);
    ea_results_free(res);
    /* This machine runs the shipped scenario without a word. */
    assert_int_equal(ea_guard_run(&sc, 0, 0, NULL, &err), ENG_OK);
    ea_scenario_clear(&sc);
}

static void test_run_refused(void **state)
{
    (void)state;
    ea_scenario sc;
    eng_error err;
    load_ok("scenarios/mmc.ini", &sc);
    /* 100 000 replications of 6 000 events at 2e6 a second on each of 2 threads: 150 s. Within a
     * minute, 40 000 fit, rounded down to 20 000. */
    sc.replications = 100000;
    ea_guard_limits lim = {1e12, 60};
    assert_int_equal(ea_guard_run(&sc, 2, 0, &lim, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "scenarios/mmc.ini, [scenario] clé « replications » : 100000 "
                                 "réplications de 240 mois prendraient environ 0,0417 heures sur "
                                 "cette machine (6e+08 événements à environ 2e+06 par seconde sur "
                                 "chacun des 2 fils d'exécution), plus que les 0,0167 heures "
                                 "qu'une exécution peut prendre ; ramenez [scenario] replications "
                                 "(ou -n) à 20000 au plus, ou simulez moins de mois");
    /* Memory: 100 000 replications are streamed through a temporary file (ea_results.h), so that
     * they fit in 200 MB: a block of 64 MiB, 16 MiB per thread to summarise, and a few values per
     * replication (8 bytes x (2 threads x 2 + 1)): half the replications take 2 MB less, under
     * 5 % of the whole. */
    lim = (ea_guard_limits){2e8, 1e9};
    assert_int_equal(ea_guard_run(&sc, 2, 0, &lim, &err), ENG_OK);
    ea_guard_estimate all, half;
    ea_guard_estimate_run(&sc, 2, 0, &all);
    sc.replications = 50000;
    ea_guard_estimate_run(&sc, 2, 0, &half);
    assert_rel(all.bytes - half.bytes, 50000 * 8.0 * 5, 1e-9);
    assert_true(all.bytes < 1.05 * half.bytes);
    /* Below the block, no number of replications fits. */
    lim = (ea_guard_limits){5e7, 1e9};
    assert_int_equal(ea_guard_run(&sc, 2, 0, &lim, &err), ENG_EINPUT);
    assert_contains(err.msg, "[scenario] clé « replications » : 50000 réplications de 240 mois "
                             "demanderaient environ ");
    assert_contains(err.msg, "simulez moins de mois");
    /* The command line may ask for more replications than the schema allows. */
    sc.replications = 10000000;
    ea_results *res = NULL;
    double t0 = now();
    assert_int_equal(ea_simulate_run(&sc, NULL, &res, &err), ENG_EINPUT);
    assert_true(now() - t0 < 2);
    assert_null(res);
    assert_string_equal(err.msg, "scenarios/mmc.ini, [scenario] clé « replications » : 10000000 "
                                 "réplications, plus que les 100000 qu'une exécution admet : "
                                 "au-delà, les quantiles à 5 % et 95 % ne bougent plus que d'une "
                                 "fraction de pour cent, pour un temps de calcul et un fichier "
                                 "temporaire qui croissent avec elles ; donnez au plus 100000 à -n "
                                 "ou à [scenario] replications, ou -n auto pour la précision "
                                 "voulue");
    ea_scenario_clear(&sc);
}

static void test_bounds_run_refused(void **state)
{
    (void)state;
    ea_scenario sc;
    eng_error err;
    /* Every key at its bound: 1.2e8 entries over the century, 10^5 a month on average, and 10^6
     * places taken by the initial caseload, whose persons stay 0.03 + 1 200 months: the places
     * let 10^6 / 1 200.03 a month through, and the others wait for all 1 200 months (patience is
     * a century). About 1.2e8 persons, 152 bytes each on each of 2 threads: 36.5 GB; the 100 000
     * replications of tables are streamed through a temporary file. */
    load_ok(DATA "scn_bounds.ini", &sc);
    ea_guard_estimate e;
    ea_guard_estimate_run(&sc, 2, 0, &e);
    assert_rel(e.persons, 1e6 + (1e5 - 1e6 / 1200.03) * 1200, 1e-9);
    ea_guard_limits lim = {30e9, 1e9};
    assert_int_equal(ea_guard_run(&sc, 2, 0, &lim, &err), ENG_EINPUT);
    assert_contains(err.msg, "plus que les 30 Go qu'une exécution peut prendre sur cette machine");
    assert_contains(err.msg, "sur chacun des 2 fils d'exécution 18,2 Go (jusqu'à 1,2e+08 personnes "
                             "accompagnées ou en attente à la fois) ; simulez moins de mois");
    /* Not even one replication fits in a gigabyte. */
    lim.bytes = 1e9;
    assert_int_equal(ea_guard_run(&sc, 2, 0, &lim, &err), ENG_EINPUT);
    assert_contains(err.msg, "simulez moins de mois, ou baissez les entrées ou les places qui font "
                             "l'effectif");
    ea_scenario_clear(&sc);
}

/* The limit of replications is said with its reason, in French by default and in English when
 * asked; the guard's figures take the decimal mark of the language. */
static void test_replications_limit(void **state)
{
    (void)state;
    ea_scenario sc;
    eng_error err;
    load_ok("scenarios/mmc.ini", &sc);
    sc.replications = EA_GUARD_MAX_REPLICATIONS + 1;
    eng_msg_set_lang(ENG_MSG_EN);
    assert_int_equal(ea_guard_run(&sc, 2, 0, NULL, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "scenarios/mmc.ini: [scenario] replications: 100001 replications, "
                                 "more than the 100000 a run takes: beyond that, the 5% and 95% "
                                 "quantiles move by a fraction of a percent only, for a "
                                 "computing time and a temporary file that grow with them; give "
                                 "-n or [scenario] replications at most 100000, or -n auto for "
                                 "the precision wanted");
    sc.replications = 100000;
    ea_guard_limits lim = {1e12, 60};
    assert_int_equal(ea_guard_run(&sc, 2, 0, &lim, &err), ENG_EINPUT);
    assert_contains(err.msg, "would take about 0.0417 hours");
    eng_msg_set_lang(ENG_MSG_FR);
    assert_int_equal(ea_guard_run(&sc, 2, 0, &lim, &err), ENG_EINPUT);
    assert_contains(err.msg, "prendraient environ 0,0417 heures");
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_visits_by_hand),
        cmocka_unit_test(test_endless_refused),
        cmocka_unit_test(test_bounds_accepted),
        cmocka_unit_test(test_events_by_hand),
        cmocka_unit_test(test_events_refused),
        cmocka_unit_test(test_estimate),
        cmocka_unit_test(test_run_refused),
        cmocka_unit_test(test_replications_limit),
        cmocka_unit_test(test_bounds_run_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
