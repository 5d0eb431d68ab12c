/* test_ea_scenarios.c — Scenarios side by side: a budget change known by hand gives exactly that
 * paired difference with an interval of width zero, an unchanged indicator a difference of zero
 * within the noise; scenarios over different years; the table's columns; names that collide; the
 * structural differences listed and warned of; the shipped intensity scenarios, like with like. */
#include "test_util.h"
#include "test_proc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/ea_scenario.h"
#include "models/ea_scenario_ini.h"
#include "models/ea_scenarios.h"
#include "models/ea_indicators.h"
#include "models/ea_results.h"
#include "models/ea_simulate.h"

/* A fresh scratch directory for each test. */
TEST_DIR_GROUP("test_ea_scenarios")

static const char *in_dir(const char *name)
{
    static char path[8][128];
    static int i;
    i = (i + 1) % 8;
    snprintf(path[i], sizeof path[i], "%s/%s", tmpdir, name);
    return path[i];
}

/* One platform of 10 places from `start` for `months`; only the cost per place changes. */
static const char *write_run(const char *name, int cost_per_place, const char *start, int months)
{
    const char *path = in_dir(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "[scenario]\nstart = %s\nmonths = %d\nreplications = 30\nseed = 8\n"
               "[budget]\ncost_per_place = %d\n"
               "[entries]\nper_month = 1.5\n"
               "[module.evaluation]\nduration = exponential(mean=4)\nintensity = 4\n"
               "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
               "[platform]\nplaces = 10\ninitial_file_active = 4\n", start, months, cost_per_place);
    fclose(f);
    return path;
}

/* Over 2022 and 2023. */
static const char *write_scenario(const char *name, int cost_per_place)
{
    return write_run(name, cost_per_place, "2022-01", 24);
}

/* The row of the region in a year for an indicator; -1 when there is none. */
static int find_row(const ea_scenarios *s, const char *year, const char *indicator)
{
    for (int r = 0; r < s->nrows; r++)
        if (!strcmp(s->scopes[s->rows[r].scope], "region") && !strcmp(s->years[s->rows[r].year], year) &&
            !strcmp(s->indicators[s->rows[r].indicator], indicator))
            return r;
    return -1;
}

/* 1 200 € and 2 400 € a place a year for 10 places fund 12 000 € and 24 000 € a year in every
 * replication: the paired difference is 12 000 € with no spread. The cost does not change who is
 * supported: the file active differs by 0 in every replication, not beyond the noise. */
static void test_known_budget_change(void **state)
{
    (void)state;
    const char *paths[] = { write_scenario("base.ini", 1200), write_scenario("dearer.ini", 2400) };
    ea_scenarios_options opt = { .threads = 2, .seed = -1 };
    ea_scenarios s;
    eng_error err = { { 0 } };
    if (ea_scenarios_compute(paths, 2, &opt, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_string_equal(s.names[0], "base");
    assert_string_equal(s.names[1], "dearer");
    const char *years[] = { "2022", "2023" };
    for (int y = 0; y < 2; y++) {
        int r = find_row(&s, years[y], "funding_eur");
        assert_true(r >= 0);
        assert_abs(s.mean[r * 2], 12000, 1e-9);
        assert_abs(s.mean[r * 2 + 1], 24000, 1e-9);
        const ea_scenarios_diff *d = &s.diff[r * 2 + 1];
        assert_abs(d->mean, 12000, 1e-9);
        assert_abs(d->low, 12000, 1e-9);
        assert_abs(d->high, 12000, 1e-9);
        assert_int_equal(d->beyond_noise, 1);
        r = find_row(&s, years[y], "file_active");
        assert_true(r >= 0);
        d = &s.diff[r * 2 + 1];
        assert_true(d->mean == 0 && d->low == 0 && d->high == 0);
        assert_int_equal(d->beyond_noise, 0);
    }
    ea_scenarios_clear(&s);
}

/* Half the funding delegated instead of none: 10 places at 1 200 € pass 6 000 € a year to the
 * partners in every replication, which the printed differences show (exact), while the funding
 * itself does not move. */
static void test_delegated_printed(void **state)
{
    (void)state;
    const char *paths[] = { write_scenario("undelegated.ini", 1200), in_dir("delegated.ini") };
    FILE *f = fopen(paths[1], "w");
    assert_non_null(f);
    fprintf(f, "[scenario]\nstart = 2022-01\nmonths = 24\nreplications = 30\nseed = 8\n"
               "[budget]\ncost_per_place = 1200\ndelegated_share = 0.5\n"
               "[entries]\nper_month = 1.5\n"
               "[module.evaluation]\nduration = exponential(mean=4)\nintensity = 4\n"
               "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
               "[platform]\nplaces = 10\ninitial_file_active = 4\n");
    fclose(f);
    ea_scenarios_options opt = { .threads = 2, .seed = -1 };
    ea_scenarios s;
    eng_error err = { { 0 } };
    if (ea_scenarios_compute(paths, 2, &opt, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    char *printed = NULL;
    size_t len = 0;
    f = open_memstream(&printed, &len);
    ea_scenarios_print(&s, 0, f);
    fclose(f);
    if (!strstr(printed, "financement délégué") || !strstr(printed, "+6 000 €  (exact)\n"))
        fail_msg("%s", printed);
    free(printed);
    ea_scenarios_clear(&s);
}

/* Scenarios over different years are compared in the years they share, each read at its own: the
 * second starts in 2023, so 2023 is the only row, with 12 000 euros more in the second. */
static void test_years_shared(void **state)
{
    (void)state;
    const char *paths[] = { write_scenario("base.ini", 1200), write_run("later.ini", 2400, "2023-01", 12) };
    ea_scenarios_options opt = { .threads = 2, .seed = -1 };
    ea_scenarios s;
    eng_error err = { { 0 } };
    if (ea_scenarios_compute(paths, 2, &opt, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_true(find_row(&s, "2022", "funding_eur") < 0);
    int r = find_row(&s, "2023", "funding_eur");
    assert_true(r >= 0);
    const ea_scenarios_diff *d = &s.diff[r * 2 + 1];
    assert_abs(d->mean, 12000, 1e-9);
    assert_abs(d->low, 12000, 1e-9);
    assert_abs(d->high, 12000, 1e-9);
    ea_scenarios_clear(&s);
}

/* scenarios.csv : the means named by the files, then the difference columns of the second. */
static void test_table(void **state)
{
    (void)state;
    const char *paths[] = { write_scenario("base.ini", 1200), write_scenario("dearer.ini", 2400) };
    ea_scenarios_options opt = { .threads = 2, .seed = -1 };
    ea_scenarios s;
    eng_error err = { { 0 } };
    assert_int_equal(ea_scenarios_compute(paths, 2, &opt, &s, &err), ENG_OK);
    eng_out *out = eng_out_begin(tmpdir, &err);
    assert_non_null(out);
    assert_int_equal(ea_scenarios_write(&s, out, &eng_csv_standard, &err), ENG_OK);
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    ea_scenarios_clear(&s);
    char *csv = test_slurp(in_dir("scenarios.csv"), NULL);
    assert_non_null(csv);
    const char *head = "scope,year,indicator,base,dearer,diff_dearer,low95_dearer,high95_dearer,"
                       "beyond_noise_dearer\n";
    assert_true(strncmp(csv, head, strlen(head)) == 0);
    assert_non_null(strstr(csv, "\nregion,2023,funding_eur,12000,24000,12000,12000,12000,1\n"));
    free(csv);
}

static void test_errors(void **state)
{
    (void)state;
    const char *base = write_scenario("base.ini", 1200);
    const char *twice[] = { base, base };
    ea_scenarios_options opt = { .seed = -1 };
    ea_scenarios s;
    eng_error err = { { 0 } };
    assert_int_equal(ea_scenarios_compute(twice, 2, &opt, &s, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "même nom base"));
    assert_int_equal(ea_scenarios_compute(twice, 1, &opt, &s, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "au moins deux"));
    ea_scenarios_clear(NULL);
}

/* The base scenario with a change: `staff` the [staff] section and `platform` keys added to the
 * [platform] section, `seed` the seed. */
static const char *write_variant(const char *name, const char *staff, const char *platform, int seed)
{
    const char *path = in_dir(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "[scenario]\nstart = 2022-01\nmonths = 24\nreplications = 30\nseed = %d\n"
               "[budget]\ncost_per_place = 1200\n[staff]\n%s"
               "[entries]\nper_month = 1.5\n"
               "[module.evaluation]\nduration = exponential(mean=4)\nintensity = 4\n"
               "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
               "[platform]\nplaces = 10\ninitial_file_active = 4\n%s", seed, staff, platform);
    fclose(f);
    return path;
}

/* Runs the scenarios with the warnings into *said (allocated). */
static void compute_told(const char *const *paths, int n, ea_scenarios *s, char **said)
{
    size_t len = 0;
    ea_scenarios_options opt = { .threads = 2, .seed = -1, .replications = 4 };
    opt.warnings = open_memstream(said, &len);
    eng_error err = { { 0 } };
    int status = ea_scenarios_compute(paths, n, &opt, s, &err);
    fclose(opt.warnings);
    if (status != ENG_OK)
        fail_msg("%s", err.msg);
}

/* The baseline and a copy in staff mode: the structure says what differs, one warning says the
 * paired differences mean nothing, and the printed table says it too. */
static void test_capacity_mode_changed(void **state)
{
    (void)state;
    const char *paths[] = { write_variant("base.ini", "", "", 8),
                            write_variant("staffed.ini", "capacity_mode = staff\n", "fte = 2\n", 8) };
    ea_scenarios s;
    char *said = NULL;
    compute_told(paths, 2, &s, &said);
    assert_int_equal(s.structure[0].differs, 0);
    assert_int_equal(s.structure[1].differs, EA_SCENARIOS_CAPACITY_MODE);
    assert_string_equal(said, "eaflow : attention : staffed diffère de base en mode de capacité "
                              "(staff et non places) : les admissions y sont limitées par autre "
                              "chose : il répond à une autre question ; ses différences appariées "
                              "à base n'ont pas de sens, donnez aux deux fichiers la même valeur "
                              "pour les comparer\n");
    free(said);
    char *printed = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&printed, &len);
    ea_scenarios_print(&s, 0, f);
    fclose(f);
    if (!strstr(printed, "Structure des scénarios (celle de base : départements region ; période "
                         "2022-01..2023-12 ; capacité places) :\n  staffed              mode de "
                         "capacité staff (et non places) : différences appariées sans objet\n"))
        fail_msg("%s", printed);
    /* No paired difference follows: the two means side by side, 10 places against 10. */
    if (!strstr(printed, "(moyennes, sans écart apparié ; ce qui diffère : mode de capacité) :\n")
        || !strstr(printed, "10 (contre 10)\n") || strstr(printed, "au-delà du bruit")
        || strstr(printed, " moins "))
        fail_msg("%s", printed);
    free(printed);
    ea_scenarios_clear(&s);
}

/* Another seed is listed but warns of nothing: every scenario runs with the first's. The same
 * structure says so; another period and other departments each warn. */
static void test_other_differences(void **state)
{
    (void)state;
    const char *paths[] = { write_variant("base.ini", "", "", 8), write_variant("seeded.ini", "", "", 9),
                            write_variant("same.ini", "", "", 8), write_run("later.ini", 1200, "2023-01", 12) };
    ea_scenarios s;
    char *said = NULL;
    compute_told(paths, 4, &s, &said);
    assert_int_equal(s.structure[1].differs, EA_SCENARIOS_SEED);
    assert_int_equal(s.structure[2].differs, 0);
    assert_int_equal(s.structure[3].differs, EA_SCENARIOS_PERIOD);
    assert_true(s.seed == 8 && s.replications == 4);
    assert_string_equal(said, "eaflow : attention : later diffère de base en période "
                              "(2023-01..2023-12 et non 2022-01..2023-12) : les nombres aléatoires "
                              "communs n'apparient pas d'autres mois ; ses différences appariées à "
                              "base n'ont pas de sens, donnez aux deux fichiers la même valeur pour "
                              "les comparer\n");
    free(said);
    eng_error err = { { 0 } };
    eng_out *out = eng_out_begin(tmpdir, &err);
    assert_int_equal(ea_scenarios_write(&s, out, &eng_csv_standard, &err), ENG_OK);
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    ea_scenarios_clear(&s);
    char *csv = test_slurp(in_dir("scenarios-structure.csv"), NULL);
    assert_string_equal(csv, "scenario,departments,start,months,capacity_mode,replications,seed,"
                             "differs_from_first,name\n"
                             "base,region,2022-01,24,places,30,8,,base\n"
                             "seeded,region,2022-01,24,places,30,9,seed,seeded\n"
                             "same,region,2022-01,24,places,30,8,,same\n"
                             "later,region,2023-01,12,places,30,8,period,later\n");
    free(csv);
    /* Departments: a platform against two departments. */
    FILE *f = fopen(in_dir("two.ini"), "w");
    fputs("[scenario]\nstart = 2022-01\nmonths = 24\n[entries]\nper_month = 1\n"
          "[module.evaluation]\nduration = exponential(mean=4)\n"
          "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
          "[department.31]\nplaces = 5\n[department.32]\nplaces = 5\n", f);
    fclose(f);
    const char *two[] = { write_variant("base.ini", "", "", 8), in_dir("two.ini") };
    compute_told(two, 2, &s, &said);
    assert_int_equal(s.structure[1].differs, EA_SCENARIOS_DEPARTMENTS | EA_SCENARIOS_REPLICATIONS
                                                 | EA_SCENARIOS_SEED);
    assert_string_equal(s.structure[1].departments, "31 32");
    assert_non_null(strstr(said, "eaflow : attention : two diffère de base en départements "
                                 "(31 32 et non region)"));
    assert_null(strstr(said, "graine"));
    free(said);
    ea_scenarios_clear(&s);
}

/* The resolved text of the scenario at path (as run.ini writes it) once its name, and when asked
 * its capacity mode and intensities, are set to those of base: what remains is all the rest. */
static char *resolved_but(const char *path, const ea_scenario *base, int capacity, int intensities)
{
    ea_scenario sc;
    eng_error err = { { 0 } };
    if (ea_scenario_load(path, &sc, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    snprintf(sc.name, sizeof sc.name, "%s", base->name);
    if (capacity)
        sc.capacity_mode = base->capacity_mode;
    for (int m = 0; m < EA_NMODULES && intensities; m++) {
        sc.modules[m].intensity = base->modules[m].intensity;
        for (int d = 0; d < sc.ndepartments && d < base->ndepartments; d++)
            sc.departments[d].modules[m].intensity = base->departments[d].modules[m].intensity;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(ea_scenario_ini_write(&sc, f, &err), ENG_OK);
    fclose(f);
    ea_scenario_clear(&sc);
    return text;
}

/* The shipped intensity scenarios answer their question only: they differ from the staff-mode
 * baseline in the intensities (halved and doubled: 6, 5, 5 and 3 hours a month in the baseline)
 * and the name, and that baseline differs from occitanie-2022.ini in its capacity mode only. */
static void test_shipped_intensity_variants(void **state)
{
    (void)state;
    ea_scenario places, staff;
    eng_error err = { { 0 } };
    assert_int_equal(ea_scenario_load("scenarios/occitanie-2022.ini", &places, &err), ENG_OK);
    assert_int_equal(ea_scenario_load("scenarios/occitanie-2022-staff.ini", &staff, &err), ENG_OK);
    assert_int_equal(places.capacity_mode, EA_CAPACITY_PLACES);
    assert_int_equal(staff.capacity_mode, EA_CAPACITY_STAFF);
    char *a = resolved_but("scenarios/occitanie-2022.ini", &places, 0, 0);
    char *b = resolved_but("scenarios/occitanie-2022-staff.ini", &places, 1, 0);
    assert_string_equal(b, a);
    free(a);
    free(b);
    static const struct { const char *path; double hours[EA_NMODULES]; } variants[] = {
        { "scenarios/intensity-low.ini", { 3, 2.5, 2.5, 1.5 } },
        { "scenarios/intensity-high.ini", { 12, 10, 10, 6 } },
    };
    const double baseline[EA_NMODULES] = { 6, 5, 5, 3 };
    char *base = resolved_but("scenarios/occitanie-2022-staff.ini", &staff, 0, 0);
    for (size_t v = 0; v < sizeof variants / sizeof *variants; v++) {
        ea_scenario sc;
        assert_int_equal(ea_scenario_load(variants[v].path, &sc, &err), ENG_OK);
        for (int m = 0; m < EA_NMODULES; m++) {
            assert_abs(staff.modules[m].intensity, baseline[m], 0);
            assert_abs(sc.modules[m].intensity, variants[v].hours[m], 0);
            for (int d = 0; d < sc.ndepartments; d++)
                assert_abs(sc.departments[d].modules[m].intensity, variants[v].hours[m], 0);
        }
        ea_scenario_clear(&sc);
        char *text = resolved_but(variants[v].path, &staff, 0, 1);
        if (strcmp(text, base) != 0)
            fail_msg("%s differs from occitanie-2022-staff.ini in more than its intensities",
                     variants[v].path);
        free(text);
    }
    free(base);
    ea_scenario_clear(&places);
    ea_scenario_clear(&staff);
}

/* One platform with `places` places and a name for people when name is not NULL, entries enough
 * to keep a waiting list: the waiting list differs between two of them with noise. */
static const char *write_places(const char *file, int places, const char *name, const char *start,
                                int months)
{
    const char *path = in_dir(file);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "[scenario]\n%s%s%sstart = %s\nmonths = %d\nreplications = 30\nseed = 8\n"
               "[entries]\nper_month = 3\n"
               "[module.evaluation]\nduration = exponential(mean=4)\nintensity = 4\n"
               "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
               "[platform]\nplaces = %d\ninitial_file_active = 4\n", name ? "name = " : "",
            name ? name : "", name ? "\n" : "", start, months, places);
    fclose(f);
    return path;
}

/* Two identical scenarios differ by exactly 0 everywhere, with an interval of width 0, never beyond
 * the noise. */
static void test_identical(void **state)
{
    (void)state;
    const char *paths[] = { write_places("a.ini", 10, NULL, "2022-01", 24),
                            write_places("b.ini", 10, NULL, "2022-01", 24) };
    ea_scenarios_options opt = { .threads = 2, .seed = -1 };
    ea_scenarios s;
    eng_error err = { { 0 } };
    assert_int_equal(ea_scenarios_compute(paths, 2, &opt, &s, &err), ENG_OK);
    assert_true(s.nrows > 0);
    for (int r = 0; r < s.nrows; r++) {
        const ea_scenarios_diff *d = &s.diff[r * 2 + 1];
        if (isnan(d->mean))
            continue;
        assert_true(d->mean == 0 && d->low == 0 && d->high == 0);
        assert_int_equal(d->beyond_noise, 0);
    }
    ea_scenarios_clear(&s);
}

/* The region's waiting list at the end of 2023, replication by replication, read from separate
 * runs of each scenario (same seed and replications): a value per replication in v. */
static void waiting_per_replication(const char *path, double *v, size_t n)
{
    ea_scenario sc;
    eng_error err;
    assert_int_equal(ea_scenario_load(path, &sc, &err), ENG_OK);
    ea_results *res = NULL;
    ea_simulate_options ro = { .threads = 1 };
    assert_int_equal(ea_simulate_run(&sc, &ro, &res, &err), ENG_OK);
    assert_int_equal(ea_results_nreps(res), n);
    int scope = ea_results_find_scope(res, "region"), year = ea_results_find_period(res, EA_ANNUAL, "2023");
    int ind = ea_indicators_find(ea_results_indicators(res), "waiting");
    for (size_t r = 0; r < n; r++)
        v[r] = ea_results_value(res, EA_ANNUAL, scope, year, ind, r);
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

/* 10 places against 12: the paired difference of the waiting list and its interval are those of a
 * t interval computed here from the 30 replications of separate runs, with the published quantile
 * t(0.975, 29 df) = 2.04523. */
static void test_hand_interval(void **state)
{
    (void)state;
    const char *paths[] = { write_places("ten.ini", 10, NULL, "2022-01", 24),
                            write_places("twelve.ini", 12, NULL, "2022-01", 24) };
    double a[30], b[30], sum = 0, ss = 0;
    waiting_per_replication(paths[0], a, 30);
    waiting_per_replication(paths[1], b, 30);
    for (int r = 0; r < 30; r++)
        sum += b[r] - a[r];
    double mean = sum / 30;
    for (int r = 0; r < 30; r++)
        ss += (b[r] - a[r] - mean) * (b[r] - a[r] - mean);
    double half = 2.04523 * sqrt(ss / 29) / sqrt(30);
    assert_true(half > 0);
    ea_scenarios_options opt = { .threads = 2, .seed = -1 };
    ea_scenarios s;
    eng_error err = { { 0 } };
    assert_int_equal(ea_scenarios_compute(paths, 2, &opt, &s, &err), ENG_OK);
    int r = find_row(&s, "2023", "waiting");
    assert_true(r >= 0);
    const ea_scenarios_diff *d = &s.diff[r * 2 + 1];
    assert_abs(d->mean, mean, 1e-9);
    assert_abs(d->low, mean - half, 1e-4 * half);
    assert_abs(d->high, mean + half, 1e-4 * half);
    assert_int_equal(d->beyond_noise, fabs(mean) > half);
    ea_scenarios_clear(&s);
}

/* The names for people come from [scenario] name, else the file name; scenarios.csv and
 * scenarios-structure.csv read back give the same comparison. */
static void test_titles_read_back(void **state)
{
    (void)state;
    const char *paths[] = { write_places("ten.ini", 10, "Dix places", "2022-01", 24),
                            write_places("twelve.ini", 12, NULL, "2022-01", 24) };
    ea_scenarios_options opt = { .threads = 2, .seed = -1 };
    ea_scenarios s, back;
    eng_error err = { { 0 } };
    assert_int_equal(ea_scenarios_compute(paths, 2, &opt, &s, &err), ENG_OK);
    assert_string_equal(s.titles[0], "Dix places");
    assert_string_equal(s.titles[1], "twelve");
    eng_out *out = eng_out_begin(tmpdir, &err);
    assert_non_null(out);
    assert_int_equal(ea_scenarios_write(&s, out, &eng_csv_standard, &err), ENG_OK);
    assert_int_equal(eng_out_commit(out, &err), ENG_OK);
    if (ea_scenarios_read(tmpdir, &back, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(back.n, 2);
    assert_string_equal(back.names[1], "twelve");
    assert_string_equal(back.titles[0], "Dix places");
    assert_int_equal(back.structure[0].start, s.structure[0].start);
    assert_int_equal(back.structure[0].months, 24);
    assert_int_equal(back.nrows, s.nrows);
    for (int r = 0; r < s.nrows; r++) {
        assert_string_equal(back.indicators[back.rows[r].indicator], s.indicators[s.rows[r].indicator]);
        for (int i = 0; i < 2; i++) {
            double x = s.mean[r * 2 + i], y = back.mean[r * 2 + i];
            assert_true((isnan(x) && isnan(y)) || fabs(x - y) <= 1e-9 * (1 + fabs(x)));
        }
        const ea_scenarios_diff *d = &s.diff[r * 2 + 1], *e = &back.diff[r * 2 + 1];
        assert_true((isnan(d->low) && isnan(e->low)) || fabs(d->low - e->low) <= 1e-9 * (1 + fabs(d->low)));
        assert_int_equal(d->beyond_noise, e->beyond_noise);
    }
    ea_scenarios_clear(&back);
    ea_scenarios_clear(&s);
}

/* The key year: the one asked, else the last simulated from January to December (March 2022 to
 * February 2024: 2023), and a year the tables do not have is refused with those they have. */
static void test_key_year(void **state)
{
    (void)state;
    const char *paths[] = { write_places("a.ini", 10, NULL, "2022-03", 24),
                            write_places("b.ini", 12, NULL, "2022-03", 24) };
    ea_scenarios_options opt = { .threads = 2, .seed = -1, .replications = 5 };
    ea_scenarios s;
    eng_error err = { { 0 } };
    assert_int_equal(ea_scenarios_compute(paths, 2, &opt, &s, &err), ENG_OK);
    assert_int_equal(s.nyears, 3);
    int y;
    ea_scenarios_year_why why;
    assert_int_equal(ea_scenarios_key_year(&s, 0, &y, &why, &err), ENG_OK);
    assert_string_equal(s.years[y], "2023");
    assert_int_equal(why, EA_SCENARIOS_YEAR_COMPLETE);
    assert_int_equal(ea_scenarios_key_year(&s, 2024, &y, &why, &err), ENG_OK);
    assert_string_equal(s.years[y], "2024");
    assert_int_equal(why, EA_SCENARIOS_YEAR_ASKED);
    assert_int_equal(ea_scenarios_key_year(&s, 2030, &y, &why, &err), ENG_EINPUT);
    assert_substring(err.msg, "--year 2030 : les scénarios ne simulent pas cette année ; choisissez "
                              "l'une de 2022, 2023, 2024");
    ea_scenarios_clear(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_known_budget_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_years_shared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_capacity_mode_changed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delegated_printed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_differences, setup, teardown),
        cmocka_unit_test(test_shipped_intensity_variants),
        cmocka_unit_test_setup_teardown(test_identical, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hand_interval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_titles_read_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_year, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
