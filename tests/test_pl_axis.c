/* test_pl_axis.c — Tests of the charts' axes: ranges widened to round steps and the tick labels
 * written in French and English, each command compared with one worked out by hand. */
#include "pl_fixture.h"
#include "plots/pl_axis.h"

static void assert_value_axis(const char *axis, double lo, double hi, pl_text_unit unit,
                              pl_text_lang lang, const char *want)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_axis_value(f, axis, lo, hi, unit, lang);
    char *s = test_written(f);
    assert_string_equal(s, want);
    free(s);
}

/* Six intervals of 1040 are 173.3: a step of 200 (2 x 100), the top raised to 1 200; digits grouped
 * by a space in French, by a comma in English. */
static void test_counts(void **state)
{
    (void)state;
    assert_value_axis("y", 0, 1040, PL_UNIT_COUNT, PL_FR,
                      "set yrange [0:1200]\nset ytics ('0' 0, '200' 200, '400' 400, '600' 600, "
                      "'800' 800, '1 000' 1000, '1 200' 1200)\n");
    assert_value_axis("y", 0, 1040, PL_UNIT_COUNT, PL_EN,
                      "set yrange [0:1200]\nset ytics ('0' 0, '200' 200, '400' 400, '600' 600, "
                      "'800' 800, '1,000' 1000, '1,200' 1200)\n");
    /* 31 / 6 = 5.2: a step of 10, the range widened from [95, 126] to [90, 130]. */
    assert_value_axis("y", 95, 126, PL_UNIT_COUNT, PL_FR,
                      "set yrange [90:130]\nset ytics ('90' 90, '100' 100, '110' 110, '120' 120, "
                      "'130' 130)\n");
    /* 15 / 6 = 2.5: a step of 2.5, so every label has one decimal. */
    assert_value_axis("x", 0, 15, PL_UNIT_COUNT, PL_FR,
                      "set xrange [0:15]\nset xtics ('0,0' 0, '2,5' 2.5, '5,0' 5, '7,5' 7.5, "
                      "'10,0' 10, '12,5' 12.5, '15,0' 15)\n");
    /* No upper bound: ten above the lower one, in steps of 2 (10 / 6 = 1.7). */
    assert_value_axis("x", 0, NAN, PL_UNIT_COUNT, PL_FR,
                      "set xrange [0:10]\nset xtics ('0' 0, '2' 2, '4' 4, '6' 6, '8' 8, "
                      "'10' 10)\n");
}

/* Shares in percent, the '%' doubled since gnuplot reads tick labels as formats. */
static void test_shares(void **state)
{
    (void)state;
    assert_value_axis("y", 0, 1, PL_UNIT_SHARE, PL_FR,
                      "set yrange [0:1]\nset ytics ('0 %%' 0, '20 %%' 0.2, '40 %%' 0.4, "
                      "'60 %%' 0.6, '80 %%' 0.8, '100 %%' 1)\n");
    assert_value_axis("y", 0, 1, PL_UNIT_SHARE, PL_EN,
                      "set yrange [0:1]\nset ytics ('0%%' 0, '20%%' 0.2, '40%%' 0.4, "
                      "'60%%' 0.6, '80%%' 0.8, '100%%' 1)\n");
}

/* 2 500 000 / 6 = 416 667: a step of 500 000 (5 x 100 000). */
static void test_euros(void **state)
{
    (void)state;
    assert_value_axis("y2", 0, 2500000, PL_UNIT_EUR, PL_FR,
                      "set y2range [0:2500000]\nset y2tics ('0 €' 0, '500 000 €' 500000, "
                      "'1 000 000 €' 1000000, '1 500 000 €' 1500000, '2 000 000 €' 2000000, "
                      "'2 500 000 €' 2500000)\n");
    assert_value_axis("y2", 0, 2500000, PL_UNIT_EUR, PL_EN,
                      "set y2range [0:2500000]\nset y2tics ('€0' 0, '€500,000' 500000, "
                      "'€1,000,000' 1000000, '€1,500,000' 1500000, '€2,000,000' 2000000, "
                      "'€2,500,000' 2500000)\n");
}

static void assert_month_axis(double lo, double hi, pl_text_lang lang, const char *want)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_axis_month(f, lo, hi, lang);
    char *s = test_written(f);
    assert_string_equal(s, want);
    free(s);
}

/* January 2022 is month 2022 * 12 = 24264. */
static void test_months(void **state)
{
    (void)state;
    /* Six months: a tick each month. */
    assert_month_axis(24264, 24270, PL_FR,
                      "set xrange [24264:24270]\nset xtics ('janv. 2022' 24264, 'févr. 2022' "
                      "24265, 'mars 2022' 24266, 'avr. 2022' 24267, 'mai 2022' 24268, "
                      "'juin 2022' 24269, 'juil. 2022' 24270)\n");
    assert_month_axis(24264, 24266, PL_EN,
                      "set xrange [24264:24266]\nset xtics ('Jan 2022' 24264, 'Feb 2022' 24265, "
                      "'Mar 2022' 24266)\n");
    /* Three years: every six months (36 / 3 = 12 intervals are too many, 36 / 6 = 6 are not). */
    assert_month_axis(24264, 24300, PL_FR,
                      "set xrange [24264:24300]\nset xtics ('janv. 2022' 24264, 'juil. 2022' "
                      "24270, 'janv. 2023' 24276, 'juil. 2023' 24282, 'janv. 2024' 24288, "
                      "'juil. 2024' 24294, 'janv. 2025' 24300)\n");
    /* 61 months: 10 intervals of six months are too many; every year, on Januaries. */
    assert_month_axis(24263.5, 24324.5, PL_FR,
                      "set xrange [24263.5:24324.5]\nset xtics ('2022' 24264, '2023' 24276, "
                      "'2024' 24288, '2025' 24300, '2026' 24312, '2027' 24324)\n");
}

static void test_years(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    pl_axis_year(f, 2022, 2026);
    pl_axis_year(f, 2000, 2030);
    char *s = test_written(f);
    /* Beyond fifteen years, every 30 / 10 + 1 = 4 years. */
    assert_string_equal(s, "set xrange [2021.4:2026.6]\nset xtics ('2022' 2022, '2023' 2023, "
                           "'2024' 2024, '2025' 2025, '2026' 2026)\n"
                           "set xrange [1999.4:2030.6]\nset xtics ('2000' 2000, '2004' 2004, "
                           "'2008' 2008, '2012' 2012, '2016' 2016, '2020' 2020, '2024' 2024, "
                           "'2028' 2028)\n");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_shares),
        cmocka_unit_test(test_euros),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_years),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
