/* test_eng_text.c — Unit tests of engine/eng_text: strict number parsing (machine and French
 * office forms, against the values written by hand), shortest round-trip
 * formatting, trimming, edit distance and case-insensitive comparison. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "test_util.h"
#include "engine/eng_msg.h"
#include "engine/eng_text.h"

static void test_parse_double(void **state)
{
    (void)state;
    double x = 0;
    assert_int_equal(eng_text_parse_double(" 3.5 ", &x), 0);
    assert_true(x == 3.5);
    assert_int_equal(eng_text_parse_double("-2.5e-3", &x), 0);
    assert_true(x == -2.5e-3);
    assert_int_equal(eng_text_parse_double("\t12\n", &x), 0);
    assert_true(x == 12);

    const char *bad[] = {"12,5x", "12,5", "", "   ", "inf", "-inf", "infinity", "nan", "NaN",
                         "1e999", "3.5 4", "abc", "1.5.2", "--1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (eng_text_parse_double(bad[i], &x) != -1)
            fail_msg("eng_text_parse_double accepted \"%s\"", bad[i]);
    assert_int_equal(eng_text_parse_double(NULL, &x), -1);
}

static void test_parse_long(void **state)
{
    (void)state;
    long v = 0;
    assert_int_equal(eng_text_parse_long("42", &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(eng_text_parse_long(" -7 ", &v), 0);
    assert_int_equal(v, -7);

    const char *bad[] = {"", "  ", "12a", "3.0", "1e3", "99999999999999999999999", "4 2", "x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (eng_text_parse_long(bad[i], &v) != -1)
            fail_msg("eng_text_parse_long accepted \"%s\"", bad[i]);
    assert_int_equal(eng_text_parse_long(NULL, &v), -1);
}

/* ---- Numbers as offices write them ------------------------------------------------------------ */

typedef struct fr_case {
    const char *text;
    eng_text_unit unit;
    int decimal_comma;
    int status;            /* 0, or the reason expected */
    double value;          /* written as a literal, the double the text means */
} fr_case;

#define P ENG_TEXT_PLAIN
#define E ENG_TEXT_EURO
#define S ENG_TEXT_SHARE

static const fr_case fr_cases[] = {
    { "95200", P, 1, 0, 95200 },
    { "95 200", P, 1, 0, 95200 },
    { "95\xC2\xA0" "200", P, 1, 0, 95200 },            /* no-break space U+00A0 */
    { "95\xE2\x80\xAF" "200", P, 1, 0, 95200 },        /* narrow no-break space U+202F */
    { "1 234 567", P, 1, 0, 1234567 },
    { "95 200 \xE2\x82\xAC", E, 1, 0, 95200 },
    { "95 200,50 \xE2\x82\xAC", E, 1, 0, 95200.5 },
    { "95\xC2\xA0" "200\xC2\xA0\xE2\x82\xAC", E, 1, 0, 95200 },
    { "95200\xE2\x82\xAC", E, 1, 0, 95200 },
    { "4300 EUR", E, 1, 0, 4300 },
    { "4300eur", E, 1, 0, 4300 },
    { "68,1 %", S, 1, 0, 0.681 },
    { "68,1%", S, 1, 0, 0.681 },
    { "100 %", S, 1, 0, 1 },
    { "0,681", S, 1, 0, 0.681 },
    { "-1 234,5", P, 1, 0, -1234.5 },
    { "\xE2\x88\x92" "1 234,5", P, 1, 0, -1234.5 },    /* the minus sign U+2212 */
    { "+3", P, 1, 0, 3 },
    { "7.56", P, 1, 0, 7.56 },
    { "7.56", P, 0, 0, 7.56 },
    { "0.302", P, 1, 0, 0.302 },                        /* a lone 0 is no group of thousands */
    { "1234.567", P, 1, 0, 1234.567 },                  /* four digits before: not thousands */
    { "95.200", P, 0, 0, 95.2 },                        /* files delimited by ',': the point */
    { "0.302325581395349", P, 1, 0, 0.302325581395349 },
    { "1e3", P, 1, 0, 1000 },
    { "1,5e2", P, 1, 0, 150 },
    { ".5", P, 1, 0, 0.5 },
    { "12.", P, 1, 0, 12 },
    { " \t95 200 \xC2\xA0", P, 1, 0, 95200 },

    { "1.234,5", P, 1, ENG_TEXT_AMBIGUOUS, 0 },
    { "1,234.5", P, 1, ENG_TEXT_AMBIGUOUS, 0 },
    { "1.234.567", P, 1, ENG_TEXT_AMBIGUOUS, 0 },
    { "95.200", P, 1, ENG_TEXT_AMBIGUOUS, 0 },          /* 95,2 or 95 200? */
    { "1,234", P, 0, ENG_TEXT_AMBIGUOUS, 0 },           /* a comma in a file of commas */
    { "68,1 %", P, 1, ENG_TEXT_WRONG_UNIT, 0 },
    { "95 200 \xE2\x82\xAC", P, 1, ENG_TEXT_WRONG_UNIT, 0 },
    { "95 200 \xE2\x82\xAC", S, 1, ENG_TEXT_WRONG_UNIT, 0 },
    { "68 %", E, 1, ENG_TEXT_WRONG_UNIT, 0 },
    { "95 200 x", E, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "9 5200", P, 1, ENG_TEXT_NOT_NUMBER, 0 },         /* groups of three */
    { "95 20", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "1234 567", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "95  200", P, 1, ENG_TEXT_NOT_NUMBER, 0 },        /* one blank between groups */
    { "95 200 ,5", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "1 000e3", P, 1, ENG_TEXT_NOT_NUMBER, 0 },        /* an exponent only without groups */
    { "5e-1 %", S, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "- 5", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "\xE2\x82\xAC 95", E, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "EUR", E, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "%", S, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "nan", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "inf", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "0x1A", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "1e999", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "1e+", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
    { "abc", P, 1, ENG_TEXT_NOT_NUMBER, 0 },
};

static void test_parse_number_fr(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fr_cases / sizeof fr_cases[0]; i++) {
        const fr_case *c = &fr_cases[i];
        double x = -999;
        int status = eng_text_parse_number_fr(c->text, c->unit, c->decimal_comma, &x);
        if (status != c->status)
            fail_msg("\"%s\" (unit %d, comma %d): status %d, expected %d", c->text, c->unit,
                     c->decimal_comma, status, c->status);
        if (status == 0 && x != c->value)
            fail_msg("\"%s\": %.17g, expected %.17g", c->text, x, c->value);
        if (status != 0 && x != -999)
            fail_msg("\"%s\": refused but the output was set", c->text);
    }
    double x;
    assert_int_equal(eng_text_parse_number_fr(NULL, P, 1, &x), ENG_TEXT_NOT_NUMBER);
}

static void test_fold(void **state)
{
    (void)state;
    char b[64];
    assert_string_equal(eng_text_fold(" Cr\xC3\xA9" "dits ", b, sizeof b), "credits");
    assert_string_equal(eng_text_fold("D\xC3\x89PARTEMENT", b, sizeof b), "departement");
    assert_string_equal(eng_text_fold("\xC2\xA0" "file  active\xE2\x80\xAF", b, sizeof b),
                        "file_active");
    assert_string_equal(eng_text_fold("file-active", b, sizeof b), "file_active");
    assert_string_equal(eng_text_fold("Date d\xE2\x80\x99" "entr\xC3\xA9" "e", b, sizeof b),
                        "date_d'entree");
    assert_string_equal(eng_text_fold("\xC3\x82ge", b, sizeof b), "age");
    assert_string_equal(eng_text_fold("C\xC5\x93ur \xC3\xA7\xC3\xA0", b, sizeof b), "coeur_ca");
    assert_string_equal(eng_text_fold("x\xC3\x97y", b, sizeof b), "x\xC3\x97y");   /* × kept */
    assert_string_equal(eng_text_fold("", b, sizeof b), "");
    assert_string_equal(eng_text_fold("abcdef", b, 4), "abc");
}

/* Formats x, checks that the return value is the length and that the text reads back to the
 * same bits. */
static void expect_format(double x, const char *expected)
{
    char buf[64];
    int len = eng_text_format_double(buf, sizeof buf, x);
    assert_int_equal(len, (int)strlen(buf));
    double back = strtod(buf, NULL);
    if (memcmp(&back, &x, sizeof x) != 0)
        fail_msg("%.17g formatted as \"%s\", which reads back as %.17g", x, buf, back);
    if (expected)
        assert_string_equal(buf, expected);
}

/* Two values with the fewest digits, at least 3, that tell them apart, with the mark asked. */
static void test_format_pair(void **state)
{
    (void)state;
    char a[40], b[40];
    eng_text_format_pair(a, b, sizeof a, 0.44804687500000007, 0.44765625000000003, ',');
    assert_string_equal(a, "0,448");
    assert_string_equal(b, "0,4477");
    eng_text_format_pair(a, b, sizeof a, 7, 6, '.');
    assert_string_equal(a, "7");
    assert_string_equal(b, "6");
    eng_text_format_pair(a, b, sizeof a, 152.25, 152.125, '.');
    assert_string_equal(a, "152.2");
    assert_string_equal(b, "152.1");
}

static void test_format_double(void **state)
{
    (void)state;
    expect_format(0.1, "0.1");
    expect_format(0.30000000000000004, "0.30000000000000004");
    expect_format(1.0 / 3.0, "0.3333333333333333");
    expect_format(4300, "4300");
    expect_format(2773500, "2773500");
    expect_format(6, "6");
    expect_format(1.5, "1.5");
    expect_format(-0.5, "-0.5");
    expect_format(0, "0");
    expect_format(1e-300, NULL);
    expect_format(5e-324, NULL);
    expect_format(1.7976931348623157e308, NULL);

    /* Random bit patterns: every finite double must round-trip. */
    srand(7);
    for (int i = 0; i < 20000; i++) {
        uint64_t bits = 0;
        for (int b = 0; b < 4; b++)
            bits = (bits << 16) ^ (uint64_t)(rand() & 0xffff);
        double x;
        memcpy(&x, &bits, sizeof x);
        if (isfinite(x))
            expect_format(x, NULL);
    }

    /* Like snprintf: the full length is returned and the text is cut to fit. */
    char small[4];
    assert_int_equal(eng_text_format_double(small, sizeof small, 0.125), 5);
    assert_string_equal(small, "0.1");
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(eng_text_edit_distance("per_mnth", "per_month"), 1);
    assert_int_equal(eng_text_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(eng_text_edit_distance("", "abc"), 3);
    assert_int_equal(eng_text_edit_distance("abc", ""), 3);
    assert_int_equal(eng_text_edit_distance("same", "same"), 0);
    assert_int_equal(eng_text_edit_distance("Cost_Per_Month", "cost_per_month"), 0);
    assert_int_equal(eng_text_edit_distance("gama", "GAMMA"), 1);

    /* Only the first 63 characters count. */
    char a[101], b[101];
    memset(a, 'x', 100);
    memset(b, 'x', 100);
    a[100] = b[100] = '\0';
    b[80] = 'y';
    assert_int_equal(eng_text_edit_distance(a, b), 0);
    b[10] = 'y';
    assert_int_equal(eng_text_edit_distance(a, b), 1);
}

static void test_strcasecmp(void **state)
{
    (void)state;
    assert_int_equal(eng_text_casecmp("Gamma", "gAMMA"), 0);
    assert_int_equal(eng_text_casecmp("", ""), 0);
    assert_true(eng_text_casecmp("gamma", "gammas") < 0);
    assert_true(eng_text_casecmp("gammas", "GAMMA") > 0);
    assert_true(eng_text_casecmp("b", "A") > 0);
    assert_true(eng_text_casecmp("a", "B") < 0);
}

static void test_trim(void **state)
{
    (void)state;
    char s1[] = "  a b \t\n", s2[] = "", s3[] = " \t ", s4[] = "x";
    assert_ptr_equal(eng_text_trim(s1), s1);
    assert_string_equal(s1, "a b");
    assert_string_equal(eng_text_trim(s2), "");
    assert_string_equal(eng_text_trim(s3), "");
    assert_string_equal(eng_text_trim(s4), "x");
}

/* French grouping of the figures of a copil note. */
static void test_format_grouped(void **state)
{
    (void)state;
    char b[64];
    eng_text_format_grouped(b, sizeof b, 2773500, 0, " ", ',');
    assert_string_equal(b, "2 773 500");
    eng_text_format_grouped(b, sizeof b, 885800, 0, " ", ',');
    assert_string_equal(b, "885 800");
    eng_text_format_grouped(b, sizeof b, 645, 0, " ", ',');
    assert_string_equal(b, "645");
    eng_text_format_grouped(b, sizeof b, 68.0620155, 1, " ", ',');
    assert_string_equal(b, "68,1");
    eng_text_format_grouped(b, sizeof b, -1234.5, 2, ".", ',');
    assert_string_equal(b, "-1.234,50");
    eng_text_format_grouped(b, sizeof b, -0.001, 1, " ", ',');
    assert_string_equal(b, "0,0");
    eng_text_format_grouped(b, sizeof b, 1000000, 0, ",", '.');
    assert_string_equal(b, "1,000,000");
}

/* Numbers for people follow the language of the messages: French groups by a space, a decimal
 * comma, a real minus sign (U+2212) and "%" after a space; English "1,234.5", "-4.7" and "37.3%".
 * A value that rounds to zero has no sign. */
static void test_format_for_people(void **state)
{
    (void)state;
    char b[64];
    eng_msg_set_lang(ENG_MSG_FR);
    eng_text_format_number(b, sizeof b, 2773500, 0);
    assert_string_equal(b, "2 773 500");
    eng_text_format_number(b, sizeof b, -1234.56, 1);
    assert_string_equal(b, "\u22121 234,6");
    eng_text_format_number(b, sizeof b, -0.04, 1);
    assert_string_equal(b, "0,0");
    eng_text_format_signed(b, sizeof b, 2.26, 1);
    assert_string_equal(b, "+2,3");
    eng_text_format_signed(b, sizeof b, -0.3, 1);
    assert_string_equal(b, "\u22120,3");
    eng_text_format_percent(b, sizeof b, 37.27, 1);
    assert_string_equal(b, "37,3 %");
    eng_text_format_percent(b, sizeof b, -4.7, 1);
    assert_string_equal(b, "\u22124,7 %");
    eng_text_format_number(b, sizeof b, NAN, 1);
    assert_string_equal(b, "\u2013");
    eng_msg_set_lang(ENG_MSG_EN);
    eng_text_format_number(b, sizeof b, -1234.56, 1);
    assert_string_equal(b, "-1,234.6");
    eng_text_format_signed(b, sizeof b, 2.26, 1);
    assert_string_equal(b, "+2.3");
    eng_text_format_percent(b, sizeof b, 37.27, 1);
    assert_string_equal(b, "37.3%");
    eng_msg_set_lang(ENG_MSG_FR);
    /* printf pads by bytes: "−4,7 %" is 8 bytes for 6 characters, so 2 more make 9 columns. */
    assert_int_equal(eng_text_pad("\u22124,7 %", 9), 11);
    assert_int_equal(eng_text_pad("Écart", -7), -8);
    assert_int_equal(eng_text_pad("Taux", 9), 9);
}

/* Numbers written with a decimal comma, alone and in the lists of a scenario file. */
static void test_decimal_comma(void **state)
{
    (void)state;
    char point[16], written[32], fixed[32];
    assert_int_equal(eng_text_decimal_comma(" 7,56 ", point, sizeof point), 1);
    assert_string_equal(point, "7.56");
    assert_int_equal(eng_text_decimal_comma("-0,5", point, sizeof point), 1);
    assert_string_equal(point, "-0.5");
    static const char *const not_one[] = { "7.56", "7,", ",5", "1,2,3", "7,56x", "a,5", "" };
    for (size_t i = 0; i < sizeof not_one / sizeof *not_one; i++)
        if (eng_text_decimal_comma(not_one[i], point, sizeof point))
            fail_msg("\"%s\" read as a decimal comma", not_one[i]);
    /* Too long for the buffer: not rewritten. */
    assert_int_equal(eng_text_decimal_comma("123456789012,345", point, sizeof point), 0);

    assert_int_equal(eng_text_list_decimal_comma("evaluation:0,80, projet:0,20", 1, written, fixed,
                                                 sizeof fixed), 1);
    assert_string_equal(written, "evaluation:0,80");
    assert_string_equal(fixed, "evaluation:0.80");
    assert_int_equal(eng_text_list_decimal_comma("projet:1, exit.emploi:0,5", 1, written, fixed,
                                                 sizeof fixed), 1);
    assert_string_equal(written, "exit.emploi:0,5");
    assert_string_equal(fixed, "exit.emploi:0.5");
    /* Well-formed lists, with or without blanks after the commas, have none. */
    assert_int_equal(eng_text_list_decimal_comma("evaluation:0.8,projet:0.2", 1, written, fixed,
                                                 sizeof fixed), 0);
    assert_int_equal(eng_text_list_decimal_comma("2022:150, 2023:160", 1, written, fixed,
                                                 sizeof fixed), 0);
    assert_int_equal(eng_text_list_decimal_comma("1,1, 0,9, 1", 0, written, fixed, sizeof fixed), 1);
    assert_string_equal(written, "1,1");
    assert_string_equal(fixed, "1.1");
    /* A list of numbers with a decimal point uses commas only between numbers. */
    assert_int_equal(eng_text_list_decimal_comma("1.1,0.9,1", 0, written, fixed, sizeof fixed), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_grouped),
        cmocka_unit_test(test_format_pair),
        cmocka_unit_test(test_format_for_people),
        cmocka_unit_test(test_parse_double),
        cmocka_unit_test(test_parse_long),
        cmocka_unit_test(test_parse_number_fr),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_format_double),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_strcasecmp),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_decimal_comma),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
