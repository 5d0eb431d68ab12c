/* test_pl_compare.c — The difference charts of a comparison of scenarios: a scenario paired with the
 * reference draws its band and line from its own columns of the data block; one on another
 * capacity mode, whose paired differences mean nothing, draws neither, and the zero line stays;
 * with no scenario paired there is no chart. */
#include "test_util.h"
#include "test_proc.h"

#include <stdlib.h>
#include <string.h>

#include "models/ea_scenarios.h"
#include "plots/pl_compare.h"

TEST_DIR_GROUP("test_pl_compare")

/* One platform of 10 places over 2022 and 2023; staff and platform add keys to their sections. */
static const char *write_run(const char *name, int cost_per_place, const char *staff,
                             const char *platform)
{
    char text[1024];
    snprintf(text, sizeof text,
             "[scenario]\nstart = 2022-01\nmonths = 24\nreplications = 4\nseed = 8\n"
             "[budget]\ncost_per_place = %d\n[staff]\n%s[entries]\nper_month = 1.5\n"
             "[module.evaluation]\nduration = exponential(mean=4)\nintensity = 4\n"
             "next = exit.emploi_durable:0.5, exit.autre:0.5\n"
             "[platform]\nplaces = 10\ninitial_file_active = 4\n%s",
             cost_per_place, staff, platform);
    return test_write(tmpdir, name, text);
}

/* The commands of the chart of the region's file active, as an allocated string. */
static char *file_active_script(const ea_scenarios *s)
{
    pl_compare *c = NULL;
    eng_error err = { { 0 } };
    if (pl_compare_alloc(s, PL_FR, &c, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    char *text = NULL;
    size_t len = 0;
    for (int i = 0; i < pl_compare_count(c); i++)
        if (strcmp(pl_compare_indicator(c, i), "file_active") == 0
            && pl_compare_is_region(s, pl_compare_scope(c, i))) {
            FILE *f = open_memstream(&text, &len);
            pl_compare_emit(c, i, 0, f);
            fclose(f);
        }
    pl_compare_free(c);
    if (!text)
        fail_msg("no chart of the region's file active");
    return text;
}

/* The reference, a dearer copy (paired: columns 2 to 4 of $df) and a copy in staff mode (columns 5
 * to 7, not drawn): the file active's chart draws the dearer one only, then the zero line. */
static void test_unpaired_not_drawn(void **state)
{
    (void)state;
    const char *paths[] = { write_run("base.ini", 1200, "", ""),
                            write_run("dearer.ini", 2400, "", ""),
                            write_run("staffed.ini", 1200, "capacity_mode = staff\n", "fte = 2\n") };
    ea_scenarios_options opt = { .threads = 2, .seed = -1 };
    ea_scenarios s;
    eng_error err = { { 0 } };
    if (ea_scenarios_compute(paths, 3, &opt, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_non_null(ea_scenarios_unpaired(&s, 2));
    char *script = file_active_script(&s);
    /* The cost per place does not change who is supported: the dearer copy's columns of 2022 are
     * a difference of 0 in every replication. */
    assert_substring(script, "\n2022 0 0 0 ");
    assert_substring(script, "plot $df using 1:3:4 with filledcurves ");
    assert_substring(script, "$df using 1:2 with linespoints ");
    if (strstr(script, "using 1:5") || strstr(script, "using 1:6:7") || strstr(script, "staffed"))
        fail_msg("the unpaired scenario is drawn:\n%s", script);
    assert_substring(script, ", 0 with lines lw 1.5 dt 2 ");
    free(script);
    ea_scenarios_clear(&s);
}

/* A reference whose every other scenario is unpaired: no chart at all, where each would hold its
 * zero line alone and read as « no difference ». */
static void test_none_paired_no_chart(void **state)
{
    (void)state;
    const char *paths[] = { write_run("base.ini", 1200, "", ""),
                            write_run("staffed.ini", 1200, "capacity_mode = staff\n", "fte = 2\n") };
    ea_scenarios_options opt = { .threads = 2, .seed = -1 };
    ea_scenarios s;
    eng_error err = { { 0 } };
    if (ea_scenarios_compute(paths, 2, &opt, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_non_null(ea_scenarios_unpaired(&s, 1));
    pl_compare *c = NULL;
    assert_int_equal(pl_compare_alloc(&s, PL_FR, &c, &err), ENG_OK);
    assert_int_equal(pl_compare_count(c), 0);
    pl_compare_free(c);
    ea_scenarios_clear(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_unpaired_not_drawn, setup, teardown),
        cmocka_unit_test_setup_teardown(test_none_paired_no_chart, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
