/* test_eng_date.c — Calendar dates: day counts against known values and a day-by-day walk of the
 * whole calendar, the three parsed forms and their errors, and YYYY-MM months. */
#include "test_util.h"

#include <string.h>

#include "engine/eng_date.h"

static eng_date date(int y, int m, int d)
{
    return (eng_date){ y, m, d };
}

static void assert_date_equal(eng_date a, eng_date b)
{
    if (a.year != b.year || a.month != b.month || a.day != b.day)
        fail_msg("%04d-%02d-%02d, expected %04d-%02d-%02d", a.year, a.month, a.day, b.year,
                 b.month, b.day);
}

static void test_known_day_counts(void **state)
{
    (void)state;
    /* Values from Unix time (seconds / 86400) and from Python's date.toordinal() - 719163. */
    assert_int_equal(eng_date_days(date(1970, 1, 1)), 0);
    assert_int_equal(eng_date_days(date(1969, 12, 31)), -1);
    assert_int_equal(eng_date_days(date(2000, 1, 1)), 10957);       /* 946684800 s */
    assert_int_equal(eng_date_days(date(2000, 2, 29)), 11016);      /* 2000 is leap (400) */
    assert_int_equal(eng_date_days(date(2000, 3, 1)), 11017);
    assert_int_equal(eng_date_days(date(1900, 2, 28)), -25509);     /* 1900 is not (100) */
    assert_int_equal(eng_date_days(date(1900, 3, 1)), -25508);
    assert_int_equal(eng_date_days(date(2024, 1, 1)), 19723);       /* 1704067200 s */
    assert_int_equal(eng_date_days(date(2024, 2, 29)), 19782);      /* 2024 is (4) */
    assert_int_equal(eng_date_days(date(2024, 3, 1)), 19783);
    assert_int_equal(eng_date_days(date(1, 1, 1)), -719162);
    assert_int_equal(eng_date_days(date(9999, 12, 31)), 2932896);
    assert_date_equal(eng_date_from_days(11016), date(2000, 2, 29));
    assert_date_equal(eng_date_from_days(-25508), date(1900, 3, 1));
    assert_date_equal(eng_date_from_days(-1), date(1969, 12, 31));
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void test_walk_every_day(void **state)
{
    (void)state;
    /* Steps from 0001-01-01 to 9999-12-31 a day at a time with the test's own calendar, and checks
     * both conversions on every day: 3.65 million days, every leap rule and era boundary. */
    static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    eng_date d = date(1, 1, 1);
    long n = -719162;
    for (;;) {
        if (eng_date_days(d) != n)
            fail_msg("days(%04d-%02d-%02d) = %ld, expected %ld", d.year, d.month, d.day,
                     eng_date_days(d), n);
        eng_date back = eng_date_from_days(n);
        if (back.year != d.year || back.month != d.month || back.day != d.day)
            assert_date_equal(back, d);
        if (d.year == 9999 && d.month == 12 && d.day == 31)
            break;
        int last = d.month == 2 && leap(d.year) ? 29 : dim[d.month - 1];
        if (++d.day > last) {
            d.day = 1;
            if (++d.month > 12) {
                d.month = 1;
                d.year++;
            }
        }
        n++;
    }
    assert_int_equal(n, 2932896);
}

static void assert_parses(const char *text, eng_date expected)
{
    eng_date d = { 0, 0, 0 };
    char why[128] = "";
    if (eng_date_parse(text, &d, why, sizeof why) != 0)
        fail_msg("\"%s\" rejected: %s", text, why);
    assert_date_equal(d, expected);
}

static void assert_rejects(const char *text, const char *reason)
{
    eng_date d = { 7, 7, 7 };
    char why[128] = "";
    if (eng_date_parse(text, &d, why, sizeof why) == 0)
        fail_msg("\"%s\" accepted as %04d-%02d-%02d", text, d.year, d.month, d.day);
    assert_string_equal(why, reason);
    /* A rejected text leaves the output alone. */
    assert_date_equal(d, date(7, 7, 7));
}

static void test_parse_forms(void **state)
{
    (void)state;
    assert_parses("2022-03-15", date(2022, 3, 15));
    assert_parses("2022-03", date(2022, 3, 1));
    assert_parses("15/03/2022", date(2022, 3, 15));
    assert_parses("1/3/2022", date(2022, 3, 1));
    assert_parses("  2022-12-31\t", date(2022, 12, 31));
    assert_parses("\t31/12/2022 ", date(2022, 12, 31));
    assert_parses("2000-02-29", date(2000, 2, 29));
    assert_parses("29/02/2024", date(2024, 2, 29));
    assert_parses("0001-01-01", date(1, 1, 1));
    assert_parses("9999-12-31", date(9999, 12, 31));
}

static void test_parse_errors(void **state)
{
    (void)state;
    const char *form = "attendu AAAA-MM-JJ, AAAA-MM ou JJ/MM/AAAA";
    assert_rejects("", form);
    assert_rejects("   ", form);
    assert_rejects("march 2022", form);
    assert_rejects("2022", form);
    assert_rejects("2022-", form);
    assert_rejects("2022/03/15", form);
    assert_rejects("2022-03-15x", form);
    assert_rejects("2022-03-15 x", form);
    assert_rejects("22-03-15", form);
    assert_rejects("15/03/22", form);
    assert_rejects("15-03-2022", form);
    assert_rejects("123/03/2022", form);
    assert_rejects("0000-01-01", "année 0");
    assert_rejects("2022-13-01", "mois 13 ; les mois vont de 1 à 12");
    assert_rejects("2022-00", "mois 0 ; les mois vont de 1 à 12");
    assert_rejects("01/13/2022", "mois 13 ; les mois vont de 1 à 12");
    assert_rejects("2022-04-31", "jour 31 ; le mois 4 de 2022 a 30 jours");
    assert_rejects("2022-01-00", "jour 0 ; le mois 1 de 2022 a 31 jours");
    assert_rejects("1900-02-29", "jour 29 ; le mois 2 de 1900 a 28 jours");
    assert_rejects("29/02/2023", "jour 29 ; le mois 2 de 2023 a 28 jours");

    /* A small reason buffer is cut, not overflowed. */
    char why[12];
    memset(why, '#', sizeof why);
    eng_date d;
    assert_int_equal(eng_date_parse("2022-13-01", &d, why, 8), -1);
    assert_string_equal(why, "mois 13");
    assert_int_equal(why[8], '#');
}

static void test_month_index(void **state)
{
    (void)state;
    assert_int_equal(eng_date_month_index(date(2022, 3, 15)), 2022 * 12 + 2);
    /* December and the next January are consecutive. */
    int dec = eng_date_month_index(date(2022, 12, 31));
    assert_int_equal(eng_date_month_index(date(2023, 1, 1)) - dec, 1);
}

/* Dates for people: as French offices write them, and in English with the month in letters so
 * that 12/01 is not read month first. */
static void test_text(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(eng_date_text((eng_date){ 2022, 12, 31 }, 0, buf, sizeof buf), "31/12/2022");
    assert_string_equal(eng_date_text((eng_date){ 2026, 12, 1 }, 0, buf, sizeof buf), "01/12/2026");
    assert_string_equal(eng_date_text((eng_date){ 2026, 12, 1 }, 1, buf, sizeof buf), "1 Dec 2026");
    assert_string_equal(eng_date_text_of("2022-03-31", 0, buf, sizeof buf), "31/03/2022");
    assert_string_equal(eng_date_text_of("2022-03-31", 1, buf, sizeof buf), "31 Mar 2022");
    assert_string_equal(eng_date_text_of("fin 2022", 0, buf, sizeof buf), "fin 2022");
}

static void test_month_parse_and_format(void **state)
{
    (void)state;
    int m = -1;
    assert_int_equal(eng_date_month_parse("2022-01", &m), 0);
    assert_int_equal(m, 2022 * 12);
    assert_int_equal(eng_date_month_parse("2022-12", &m), 0);
    assert_int_equal(m, 2022 * 12 + 11);
    assert_int_equal(eng_date_month_parse("0000-01", &m), 0);
    assert_int_equal(m, 0);

    char buf[8];
    eng_date_month_format(2022 * 12 + 2, buf);
    assert_string_equal(buf, "2022-03");
    eng_date_month_format(0, buf);
    assert_string_equal(buf, "0000-01");

    /* Every month of years 0000 to 9999 goes to text and back, and the text is the one written by
     * the test's own formatting. */
    for (int i = 0; i < 10000 * 12; i++) {
        char expected[16];
        snprintf(expected, sizeof expected, "%04d-%02d", i / 12, i % 12 + 1);
        eng_date_month_format(i, buf);
        if (strcmp(buf, expected) != 0)
            fail_msg("month %d written \"%s\", expected \"%s\"", i, buf, expected);
        int back = -1;
        if (eng_date_month_parse(buf, &back) != 0 || back != i)
            fail_msg("\"%s\" read back as %d, expected %d", buf, back, i);
    }

    static const char *const bad[] = { "2022-13", "2022-00", "22-01", "2022-1", "2022-011",
                                       "2022/01", " 2022-01", "2022-01 ", "202a-01", "2022-0x",
                                       "2022-01-15", "", "-022-01" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        m = -7;
        if (eng_date_month_parse(bad[i], &m) == 0)
            fail_msg("\"%s\" accepted as month %d", bad[i], m);
        assert_int_equal(m, -7);
    }
    assert_int_equal(eng_date_month_parse(NULL, &m), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_day_counts),
        cmocka_unit_test(test_walk_every_day),
        cmocka_unit_test(test_parse_forms),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_month_index),
        cmocka_unit_test(test_month_parse_and_format),
        cmocka_unit_test(test_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
