/* test_pl_sensitivity.c — The tornado and Sobol charts of a scenario whose caseload depends on its
 * entry rate only: the rate's bar on top of the tornado, spanning its outcome at the 5 % and 95 %
 * quantiles, the inert assumptions as empty bars at the centre; tics in words; file names safe;
 * titles in French and in English. */
#include "test_util.h"
#include "scenario_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "engine/eng_msg.h"
#include "models/ea_sensitivity.h"
#include "plots/pl_sensitivity.h"

static const char text[] =
    "[scenario]\nstart = 2020-01\nmonths = 24\nreplications = 6\nseed = 3\n"
    "[entries]\nper_month = 6\nmix = recherche:1\n"
    "[platform]\nplaces = 1000\ninitial_file_active = 0\n"
    "[module.recherche]\nduration = gamma(mean=6, sd=3)\nintensity = 4\n"
    "next = exit.emploi_durable:0.6, exit.abandon:0.4\n"
    "[uncertainty]\n"
    "module.recherche.intensity = uniform(2, 8)\n"
    "platform.entries_per_month = triangular(3, 6, 10)\n";

static ea_sensitivity s;

static int setup(void **state)
{
    (void)state;
    const char *path = fixture_file(text);
    ea_sensitivity_outcome o;
    eng_error err = { "" };
    if (ea_sensitivity_outcome_parse("file_active@2021", &o, &err) != ENG_OK)
        return -1;
    ea_sensitivity_options opt = { .replications = -1, .seed = -1, .threads = 2, .points = 16 };
    int status = ea_sensitivity_compute(path, &o, 1, &opt, &s, &err);
    remove(path);
    return status == ENG_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ea_sensitivity_clear(&s);
    return 0;
}

static char *script(int i, pl_text_lang lang)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    pl_sensitivity_emit(&s, i, lang, f);
    fclose(f);
    return buf;
}

static void test_tornado(void **state)
{
    (void)state;
    char *t = script(0, PL_FR);
    assert_substring(t, "set title 'Tornade : file active, 2021'");
    /* Two assumptions: the rate (the widest swing) at y = 2, on top, in words. */
    /* The apostrophe doubled, as gnuplot reads it inside single quotes. */
    assert_substring(t, "set ytics ('prescriptions par mois' 2, "
                        "'intensité de l''accompagnement — recherche d''emploi' 1)");
    /* Its row spans its outcome at the 5 % and 95 % quantiles; the intensity's is flat at the
     * centre (it changes no count). */
    char row[160];
    snprintf(row, sizeof row, "2 %.10g %.10g\n", ea_sensitivity_get(&s, 0, 1, EA_SENS_LOW)->estimate,
             ea_sensitivity_get(&s, 0, 1, EA_SENS_HIGH)->estimate);
    assert_substring(t, row);
    snprintf(row, sizeof row, "1 %.10g %.10g\n", s.centre[0], s.centre[0]);
    assert_substring(t, row);
    assert_true(ea_sensitivity_get(&s, 0, 1, EA_SENS_LOW)->estimate < s.centre[0]);
    assert_true(ea_sensitivity_get(&s, 0, 1, EA_SENS_HIGH)->estimate > s.centre[0]);
    assert_substring(t, "set decimalsign ','");
    free(t);
    t = script(0, PL_EN);
    assert_substring(t, "set title 'Tornado: caseload, 2021'");
    assert_substring(t, "set decimalsign '.'");
    free(t);
}

static void test_sobol_and_names(void **state)
{
    (void)state;
    char *t = script(1, PL_FR);
    assert_substring(t, "set title 'Indices de Sobol : file active, 2021'");
    /* The whole interval is drawn, to its top of 1.533 (above 1: too few points), with 0.02 of
     * room; no interval goes below 0, so the axis starts there. */
    assert_substring(t, "set yrange [0:1.553240201]");
    /* The rate first (largest total index). */
    assert_substring(t, "set xtics rotate by -30 ('prescriptions par mois' 0, ");
    free(t);
    char name[200];
    assert_string_equal(pl_sensitivity_name(&s, 0, name, sizeof name), "tornado-file_active-2021");
    assert_string_equal(pl_sensitivity_name(&s, 1, name, sizeof name), "sobol-file_active-2021");
}

int main(void)
{
    eng_msg_set_lang(ENG_MSG_FR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tornado),
        cmocka_unit_test(test_sobol_and_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
