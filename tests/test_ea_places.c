/* test_ea_places.c — The places each department needs: for every department, a separate run of the
 * whole scenario with n places meets the target and with n - 1 does not (same seed and
 * replications); the region's row is the sum of the rows; departments share nothing, so one's
 * places leave another's figures exactly as they were; and places.csv as declared. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/eng_msg.h"
#include "models/ea_envelope.h"
#include "models/ea_indicators.h"
#include "models/ea_places.h"
#include "models/ea_simulate.h"
#include "models/ea_tables.h"

/* Three departments, fewer places than their entries need, a patience; run for three years while
 * the target is on the second, so that the search's shorter runs are checked against whole ones. */
static const char *three =
    "[scenario]\nstart = 2022-01\nmonths = 36\nreplications = 30\nseed = 7\n"
    "[budget]\ncost_per_place = 4300\n"
    "[entries]\nper_month = 4\n[waiting]\npatience = exponential(mean=4)\n"
    "[module.evaluation]\nduration = exponential(mean=8)\nintensity = 1\nnext = exit.autre:1\n"
    "[department.09]\nplaces = 10\nentries_per_month = 2\n"
    "[department.31]\nplaces = 20\nentries_per_month = 6\n"
    "[department.34]\nplaces = 30\n";

/* The target on department d in 2023, by a separate run of the whole scenario with `places` places
 * in each department. */
static void evaluate(const ea_target *t, const int *places, int d, ea_target_eval *e)
{
    ea_scenario sc;
    fixture_load(three, &sc);
    for (int k = 0; k < sc.ndepartments; k++)
        sc.departments[k].places = places[k];
    ea_simulate_options so = { .threads = 2 };
    ea_results *res;
    eng_error err;
    assert_int_equal(ea_simulate_run(&sc, &so, &res, &err), ENG_OK);
    int y = ea_results_find_period(res, EA_ANNUAL, "2023");
    assert_int_equal(ea_target_evaluate_scope(t, res, d, y, e, &err), ENG_OK);
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

static void compute(const char *spec, double level, ea_places *p)
{
    const char *path = fixture_file(three);
    ea_target t;
    eng_error err = { { 0 } };
    assert_int_equal(ea_target_parse(spec, level, &t, &err), ENG_OK);
    ea_places_options opt = { .seed = -1, .threads = 2, .year = 2023, .target = &t };
    if (ea_places_compute(path, &opt, p, &err) != ENG_OK)
        fail_msg("%s: %s", spec, err.msg);
    remove(path);
}

/* n meets the target and n - 1 does not, in a separate whole run with only that department
 * changed; and the figures are the search's. */
static void check_answers(const char *spec, double level)
{
    ea_places p;
    compute(spec, level, &p);
    assert_int_equal(p.n, 3);
    const int now[] = { 10, 20, 30 };
    for (int d = 0; d < 3; d++) {
        const ea_places_row *r = &p.rows[d];
        print_message("%s: department %s, %d places now, %d needed (%.2f; %.2f with one less)\n",
                      spec, r->code, r->now, r->needed, r->at.mean, r->one_less.mean);
        assert_int_equal(r->now, now[d]);
        assert_true(r->needed > 0);
        int places[3] = { 10, 20, 30 };
        ea_target_eval at, less;
        places[d] = r->needed;
        evaluate(&p.target, places, d, &at);
        places[d] = r->needed - 1;
        evaluate(&p.target, places, d, &less);
        assert_true(at.met);
        assert_false(less.met);
        assert_abs(at.mean, r->at.mean, 1e-9);
        assert_abs(less.mean, r->one_less.mean, 1e-9);
        assert_abs(at.share, r->at.share, 1e-12);
    }
    assert_true(p.region_known);
    ea_places_clear(&p);
}

static void test_answers(void **state)
{
    (void)state;
    check_answers("mean_wait_days<=30", 0);
    check_answers("waiting<=3", 0.8);
}

/* The places of one department do not change another's figures at all: what lets one run of the
 * whole scenario try every department at its own number. */
static void test_departments_independent(void **state)
{
    (void)state;
    ea_target t;
    eng_error err;
    assert_int_equal(ea_target_parse("waiting<=3", 0, &t, &err), ENG_OK);
    const int a[] = { 10, 20, 30 }, b[] = { 10, 45, 30 };
    ea_target_eval ea, eb;
    evaluate(&t, a, 0, &ea);
    evaluate(&t, b, 0, &eb);
    assert_true(ea.mean == eb.mean && ea.share == eb.share);
    evaluate(&t, a, 2, &ea);
    evaluate(&t, b, 2, &eb);
    assert_true(ea.mean == eb.mean && ea.share == eb.share);
}

/* The region's row of places.csv is the sum of the departments' rows: places, change and cost (the
 * change × 4 300 € a place). */
static void test_region_sums(void **state)
{
    (void)state;
    ea_places p;
    compute("mean_wait_days<=30", 0, &p);
    eng_error err;
    char dir[] = "/tmp/test_ea_places_XXXXXX";
    assert_non_null(mkdtemp(dir));
    eng_out *out = eng_out_begin(dir, &err);
    assert_non_null(out);
    assert_int_equal(ea_places_write(&p, out, &eng_csv_standard, &err), ENG_OK);
    assert_int_equal(eng_out_finish(out, ENG_OK, &err), ENG_OK);
    char path[128];
    snprintf(path, sizeof path, "%s/places.csv", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "department,places_now,places_needed,change,cost_eur,value_at_answer,"
                              "value_one_less,share_at_answer,share_one_less,fte_funded,fte_needed,"
                              "fte_needed_at_level,fte_gap,fte_sufficient,name\n");
    double sum[4] = { 0 }, region[4] = { 0 };
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        char code[16];
        double v[4];
        assert_int_equal(sscanf(line, "%15[^,],%lf,%lf,%lf,%lf", code, &v[0], &v[1], &v[2], &v[3]), 5);
        assert_abs(v[2], v[1] - v[0], 0);
        assert_abs(v[3], v[2] * 4300, 1e-6);
        for (int k = 0; k < 4; k++)
            *(strcmp(code, "region") == 0 ? &region[k] : &sum[k]) += v[k];
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 4);
    for (int k = 0; k < 4; k++)
        assert_abs(region[k], sum[k], 1e-6);
    remove(path);
    char manifest[128];
    snprintf(manifest, sizeof manifest, "%s/manifest.csv", dir);
    remove(manifest);
    rmdir(dir);
    ea_places_clear(&p);
}

/* A department that the bound does not let meet the target has no answer, and says so. */
static void test_not_met(void **state)
{
    (void)state;
    ea_places p;
    compute("09:file_active>=1000", 0, &p);   /* 48 places hold 48 persons at most */
    assert_int_equal(p.rows[0].needed, -1);
    assert_int_equal(p.rows[0].bound, 48);   /* 24 months of 2 entries > 4 × 10 places */
    assert_false(p.region_known);
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    ea_places_print(&p, f);
    fclose(f);
    assert_non_null(strstr(buf, "09 09 : cible non atteinte même avec 48 places"));
    assert_null(strstr(buf, "31 31"));   /* only the target's department is searched */
    free(buf);
    ea_places_clear(&p);
}

/* The mean of an indicator of department code in 2023 in annual.csv text. */
static double annual_mean(const char *csv, const char *code, const char *indicator)
{
    char key[96];
    snprintf(key, sizeof key, "\n%s,2023,%s,", code, indicator);
    const char *at = strstr(csv, key);
    assert_non_null(at);
    return strtod(at + strlen(key), NULL);
}

/* The FTE needed at the answer are those of a separate run with those places, as its annual.csv
 * writes them; without an fte key the funded FTE are « non renseignés », with no verdict. */
static void test_staff_at_answer(void **state)
{
    (void)state;
    ea_places p;
    compute("mean_wait_days<=30", 0, &p);
    for (int d = 0; d < 3; d++) {
        int places[3] = { 10, 20, 30 };
        places[d] = p.rows[d].needed;
        ea_scenario sc;
        fixture_load(three, &sc);
        for (int k = 0; k < 3; k++)
            sc.departments[k].places = places[k];
        ea_simulate_options so = { .threads = 2, .annual_only = 1 };
        ea_results *res;
        eng_error err;
        assert_int_equal(ea_simulate_run(&sc, &so, &res, &err), ENG_OK);
        char *csv = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&csv, &size);
        assert_int_equal(ea_results_write_table(res, EA_ANNUAL, f, &eng_csv_standard, &err), ENG_OK);
        fclose(f);
        double fte = annual_mean(csv, p.rows[d].code, "staff_fte_needed");
        print_message("%s: %d places, staff_fte_needed %g (search %g)\n", p.rows[d].code,
                      places[d], fte, p.rows[d].staff.needed);
        assert_true(fte > 0);
        assert_abs(p.rows[d].staff.needed, fte, 1e-9 * fte);
        assert_true(isnan(p.rows[d].staff.funded));
        assert_int_equal(ea_places_staff_sufficient(&p.rows[d].staff), -1);
        free(csv);
        ea_results_free(res);
        ea_scenario_clear(&sc);
    }
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    ea_places_print(&p, f);
    fclose(f);
    assert_non_null(strstr(buf, "non renseignés"));
    /* Every department whose answer is below its places is named (not only one that needs
     * none), and the region's line is said to be a sum, not an answer. */
    for (int d = 0; d < 3; d++)
        if (p.rows[d].needed < p.rows[d].now) {
            char needle[64];
            snprintf(needle, sizeof needle, "%s", p.rows[d].code);
            const char *list = strstr(buf, "Cible atteinte avec moins de places qu'aujourd'hui dans : ");
            assert_non_null(list);
            const char *end = strchr(list, '.');
            const char *at = strstr(list, needle);
            assert_true(at && at < end);
        }
    assert_non_null(strstr(buf, "« Région » : chaque département avec la réponse de sa ligne ; ses places sont leur somme"));
    assert_non_null(strstr(buf, "\nRégion "));
    /* The net total is said to be one, with the places added and removed: set by hand, 10 -> 12
     * and 20 -> 17 with 30 kept, +2 in one department and -3 in one, net -1; all one way, nothing
     * is said. */
    ea_places_row saved[3];
    memcpy(saved, p.rows, sizeof saved);
    static const int now[3] = { 10, 20, 30 }, needed[2][3] = { { 12, 17, 30 }, { 12, 25, 30 } };
    for (int c = 0; c < 2; c++) {
        for (int d = 0; d < 3; d++) {
            p.rows[d].now = now[d];
            p.rows[d].needed = needed[c][d];
        }
        char *moved = NULL;
        size_t msize = 0;
        FILE *g = open_memstream(&moved, &msize);
        ea_places_print(&p, g);
        fclose(g);
        if (c == 0)
            assert_non_null(strstr(moved, "Le total est un solde : +2 places dans 1 département, "
                                          "−3 dans 1, soit −1.\n"));
        else
            assert_null(strstr(moved, "Le total est un solde"));
        free(moved);
    }
    memcpy(p.rows, saved, sizeof saved);
    /* A scenario's area names the whole, on its line and in the note. */
    snprintf(p.area, sizeof p.area, "France");
    char *named = NULL;
    size_t nsize = 0;
    FILE *g = open_memstream(&named, &nsize);
    ea_places_print(&p, g);
    fclose(g);
    assert_non_null(strstr(named, "\nFrance "));
    assert_non_null(strstr(named, "« France » : chaque département avec la réponse de sa ligne"));
    assert_null(strstr(named, "Région"));
    free(named);
    /* The value column is explained with the indicator's label, not its name in the tables. */
    assert_non_null(strstr(buf, "« Valeur » : attente moyenne (jours) avec ce nombre"));
    free(buf);
    ea_places_clear(&p);
}

/* The scenario three in capacity_mode = staff: 10 hours a month per FTE, 1 hour per person. */
static const char *staff_three =
    "[scenario]\nstart = 2022-01\nmonths = 36\nreplications = 30\nseed = 7\n"
    "[budget]\ncost_per_place = 4300\nstaff_cost_per_fte = 50000\n"
    "[staff]\ncapacity_mode = staff\nhours_per_fte_month = 10\n"
    "[entries]\nper_month = 4\n[waiting]\npatience = exponential(mean=4)\n"
    "[module.evaluation]\nduration = exponential(mean=8)\nintensity = 1\nnext = exit.autre:1\n"
    "[department.09]\nplaces = 10\nentries_per_month = 2\nfte = 1\n"
    "[department.31]\nplaces = 20\nentries_per_month = 6\nfte = 2\n"
    "[department.34]\nplaces = 30\nfte = 3\n";

/* The target on department d in 2023 by a separate run of staff_three with fte[k] FTE. */
static void evaluate_fte(const ea_target *t, const double *fte, int d, ea_target_eval *e)
{
    ea_scenario sc;
    fixture_load(staff_three, &sc);
    for (int k = 0; k < sc.ndepartments; k++)
        sc.departments[k].fte = fte[k];
    ea_simulate_options so = { .threads = 2 };
    ea_results *res;
    eng_error err;
    assert_int_equal(ea_simulate_run(&sc, &so, &res, &err), ENG_OK);
    int y = ea_results_find_period(res, EA_ANNUAL, "2023");
    assert_int_equal(ea_target_evaluate_scope(t, res, d, y, e, &err), ENG_OK);
    ea_results_free(res);
    ea_scenario_clear(&sc);
}

/* The directions the indicator table declares, against the model: with twice the places (or, in
 * capacity_mode = staff, twice the FTE) in every department of a scenario whose entries exceed
 * them, each indicator declared to rise does not fall in department 31 in 2023, and each declared
 * to fall does not rise (common random numbers: the same persons arrive in both runs). */
static void test_declared_directions(void **state)
{
    (void)state;
    int strict = 0;
    for (int fte = 0; fte < 2; fte++)
        for (int i = 0; i < ea_indicators_ndefs(); i++) {
            const ea_indicators_row *row = ea_indicators_def(i);
            int sense = fte ? row->with_fte : row->with_places;
            if (sense == 0 || strchr(row->name, '<'))
                continue;
            char spec[96];
            snprintf(spec, sizeof spec, "%s>=0", row->name);
            ea_target t;
            eng_error err = { { 0 } };
            assert_int_equal(ea_target_parse(spec, 0, &t, &err), ENG_OK);
            ea_target_eval one, two;
            if (fte) {
                double f1[3] = { 1, 2, 3 }, f2[3] = { 2, 4, 6 };
                evaluate_fte(&t, f1, 1, &one);
                evaluate_fte(&t, f2, 1, &two);
            } else {
                int p1[3] = { 10, 20, 30 }, p2[3] = { 20, 40, 60 };
                evaluate(&t, p1, 1, &one);
                evaluate(&t, p2, 1, &two);
            }
            if (isnan(one.mean) || isnan(two.mean))
                continue;
            print_message("%s %s: %g -> %g (declared %+d)\n", fte ? "fte" : "places", row->name,
                          one.mean, two.mean, sense);
            assert_true((two.mean - one.mean) * sense >= 0);
            strict += two.mean != one.mean;
        }
    assert_true(strict >= 12);   /* most move: the check is not met by indicators that stay put */
}

/* The FTE search of staff_three in 2023 for the target `spec`, into *t and *p. */
static void search_fte(const char *spec, ea_target *t, ea_places_options *opt, ea_places *p)
{
    const char *path = fixture_file(staff_three);
    eng_error err = { { 0 } };
    assert_int_equal(ea_target_parse(spec, 0, t, &err), ENG_OK);
    *opt = (ea_places_options){ .seed = -1, .threads = 2, .year = 2023, .target = t,
                                .search = EA_PLACES_SEARCH_FTE };
    if (ea_places_compute(path, opt, p, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    remove(path);
}

/* --search fte: n tenths of an FTE meet the target and n - 0.1 do not, in separate runs; the
 * places search is refused in capacity_mode = staff, and the FTE search in places, in French. */
static void test_fte_search(void **state)
{
    (void)state;
    ea_target t;
    ea_places_options opt;
    ea_places p;
    eng_error err = { { 0 } };
    search_fte("waiting<=3", &t, &opt, &p);
    const char *path;
    for (int d = 0; d < 3; d++) {
        const ea_places_row *r = &p.rows[d];
        print_message("%s: %.1f FTE now, %.1f needed\n", r->code, r->now / 10.0, r->needed / 10.0);
        assert_int_equal(r->now, 10 * (d + 1));
        assert_true(r->needed > 0);
        double fte[3] = { 1, 2, 3 };
        ea_target_eval at, less;
        fte[d] = r->needed / 10.0;
        evaluate_fte(&t, fte, d, &at);
        fte[d] = (r->needed - 1) / 10.0;
        evaluate_fte(&t, fte, d, &less);
        assert_true(at.met);
        assert_false(less.met);
        assert_abs(at.mean, r->at.mean, 1e-9);
    }
    ea_places_clear(&p);
    path = fixture_file(staff_three);   /* the separate runs reused the fixture's file */
    opt.search = EA_PLACES_SEARCH_PLACES;
    assert_int_equal(ea_places_compute(path, &opt, &p, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "cherchez les ETP nécessaires avec places --search fte"));
    remove(path);
    path = fixture_file(three);
    opt.search = EA_PLACES_SEARCH_FTE;
    assert_int_equal(ea_places_compute(path, &opt, &p, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "--search fte : dans"));
    assert_non_null(strstr(err.msg, "ajouter des ETP ne change pas l'attente"));
    eng_msg_set_lang(ENG_MSG_EN);
    assert_int_equal(ea_places_compute(path, &opt, &p, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "more FTE do not change the waiting"));
    eng_msg_set_lang(ENG_MSG_FR);
    /* Targets whose smallest answer means nothing: occupancy falls as places rise, so one place
     * would meet 'occupancy>=0.9'; places do not move the entries. Both are refused with the
     * sweep that answers them; 'occupancy<=0.95' falls the right way. */
    opt.search = EA_PLACES_SEARCH_PLACES;
    assert_int_equal(ea_target_parse("31:occupancy>=0.9", 0, &t, &err), ENG_OK);
    assert_int_equal(ea_places_compute(path, &opt, &p, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "occupancy baisse quand les places augmentent"));
    assert_non_null(strstr(err.msg, "--vary department.31.places=BAS:HAUT:PAS --target "
                                    "'31:occupancy>=0.9'"));
    assert_int_equal(ea_target_parse("entries<=30", 0, &t, &err), ENG_OK);
    assert_int_equal(ea_places_compute(path, &opt, &p, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "entries ne varie pas dans un sens sûr"));
    ea_envelope e;
    assert_int_equal(ea_target_parse("occupancy>=0.9", 0, &t, &err), ENG_OK);
    assert_int_equal(ea_envelope_compute(path, &opt, 10, &e, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "occupancy baisse quand"));
    remove(path);
}

/* A target any staff meets stops the FTE search at its floor, a tenth of an FTE: with none a
 * department of capacity_mode = staff admits nobody, a scenario that refuses fte = 0. */
static void test_fte_floor(void **state)
{
    (void)state;
    ea_target t;
    ea_places_options opt;
    ea_places p;
    search_fte("waiting<=100000", &t, &opt, &p);
    for (int d = 0; d < 3; d++) {
        assert_int_equal(p.rows[d].needed, 1);
        assert_true(isnan(p.rows[d].one_less.mean));
    }
    ea_places_clear(&p);
}

/* The gain of `block` more places in department d from places[] (separate runs). */
static double gain_at(const ea_target *t, const int *places, int d, int block)
{
    int more[3] = { places[0], places[1], places[2] };
    more[d] += block;
    ea_target_eval a, b;
    evaluate(t, places, d, &a);
    evaluate(t, more, d, &b);
    return a.mean - b.mean;
}

/* --envelope 23: the places added sum exactly to 23 (blocks 5, 5, 5, 5 and 3), and every block
 * went where separate runs say it gains most. */
static void test_envelope(void **state)
{
    (void)state;
    const char *path = fixture_file(three);
    ea_target t;
    eng_error err = { { 0 } };
    assert_int_equal(ea_target_parse("waiting<=3", 0, &t, &err), ENG_OK);
    ea_places_options opt = { .seed = -1, .threads = 2, .year = 2023, .target = &t };
    ea_envelope e;
    if (ea_envelope_compute(path, &opt, 23, &e, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    remove(path);
    int added = 0, places[3] = { 10, 20, 30 };
    for (int d = 0; d < 3; d++)
        added += e.rows[d].added;
    assert_int_equal(added, 23);
    assert_int_equal(e.nsteps, 5);
    for (int k = 0; k < e.nsteps; k++) {
        const ea_envelope_step *s = &e.steps[k];
        assert_int_equal(s->places, k < 4 ? 5 : 3);
        double chosen = gain_at(&t, places, s->department, s->places);
        print_message("step %d: %s +%d, gain %.3f\n", k + 1, e.rows[s->department].code, s->places, chosen);
        assert_abs(chosen, s->gain, 1e-9);
        for (int d = 0; d < 3; d++)
            assert_true(gain_at(&t, places, d, s->places) <= chosen + 1e-9);
        places[s->department] += s->places;
    }
    /* The print says when the target was met everywhere before any place was added: exactly when
     * every department's « before » meets it. */
    int all_met = 1;
    for (int d = 0; d < 3; d++)
        all_met &= e.rows[d].before.met;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ea_envelope_print(&e, f);
    fclose(f);
    assert_int_equal(strstr(text, "La cible est déjà atteinte dans chaque département") != NULL,
                     all_met);
    free(text);
    ea_envelope_clear(&e);
    path = fixture_file(three);
    assert_int_equal(ea_target_parse("waiting<=100000", 0, &t, &err), ENG_OK);
    if (ea_envelope_compute(path, &opt, 5, &e, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    remove(path);
    f = open_memstream(&text, &len);
    ea_envelope_print(&e, f);
    fclose(f);
    assert_non_null(strstr(text, "La cible est déjà atteinte dans chaque département"));
    free(text);
    ea_envelope_clear(&e);
    t.level = 0;
    assert_int_equal(ea_target_parse("31:waiting<=3", 0, &t, &err), ENG_OK);
    assert_int_equal(ea_envelope_compute("unused.ini", &opt, 10, &e, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "donnez une cible sans CODE:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answers),
        cmocka_unit_test(test_departments_independent),
        cmocka_unit_test(test_region_sums),
        cmocka_unit_test(test_not_met),
        cmocka_unit_test(test_staff_at_answer),
        cmocka_unit_test(test_fte_search),
        cmocka_unit_test(test_fte_floor),
        cmocka_unit_test(test_declared_directions),
        cmocka_unit_test(test_envelope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
