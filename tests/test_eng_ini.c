/* test_eng_ini.c — Reading scenario files: lines and spellings of sections and keys, iniparser's
 * syntax, the errors iniparser alone would hide or report vaguely, and in-memory overrides. */
#include "test_util.h"

#include <string.h>

#include "engine/eng_ini.h"

#define DATA "tests/data/"

static void assert_contains(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("\"%s\" does not contain \"%s\"", text, part);
}

/* Loads a file that must fail and checks the message holds every given part. */
static void assert_load_fails(const char *path, const char *const *parts)
{
    eng_error err = {""};
    eng_ini *ini = eng_ini_load(path, &err);
    if (ini) {
        eng_ini_free(ini);
        fail_msg("%s loaded, expected an error", path);
    }
    for (int i = 0; parts[i]; i++)
        assert_contains(err.msg, parts[i]);
}

static void test_sections_and_lines(void **state)
{
    (void)state;
    eng_error err;
    eng_ini *ini = eng_ini_load(DATA "ini_basic.ini", &err);
    assert_non_null(ini);
    assert_string_equal(eng_ini_path(ini), DATA "ini_basic.ini");
    assert_int_equal(eng_ini_nsections(ini), 2);
    assert_string_equal(eng_ini_section(ini, 0), "scenario");
    assert_string_equal(eng_ini_section(ini, 1), "department.2a");
    assert_null(eng_ini_section(ini, 2));
    assert_string_equal(eng_ini_section_spelling(ini, "scenario"), "Scenario");
    assert_string_equal(eng_ini_section_spelling(ini, "department.2a"), "department.2A");
    assert_null(eng_ini_section_spelling(ini, "budget"));
    assert_int_equal(eng_ini_section_line(ini, "scenario"), 4);
    assert_int_equal(eng_ini_section_line(ini, "department.2a"), 8);
    assert_int_equal(eng_ini_section_line(ini, "budget"), 0);

    assert_int_equal(eng_ini_nkeys(ini, "scenario"), 2);
    assert_string_equal(eng_ini_key(ini, "scenario", 0), "name");
    assert_string_equal(eng_ini_key(ini, "scenario", 1), "start");
    assert_int_equal(eng_ini_line(ini, "scenario", "name"), 5);
    assert_int_equal(eng_ini_line(ini, "scenario", "start"), 6);

    static const char *const keys[] = {"places", "seasonality", "quoted", "hash", "empty", "last"};
    static const int lines[] = {9, 10, 12, 13, 14, 15};
    assert_int_equal(eng_ini_nkeys(ini, "department.2a"), 6);
    for (int i = 0; i < 6; i++) {
        assert_string_equal(eng_ini_key(ini, "department.2a", i), keys[i]);
        assert_int_equal(eng_ini_line(ini, "department.2a", keys[i]), lines[i]);
    }
    assert_null(eng_ini_get(ini, "scenario", "months"));
    assert_int_equal(eng_ini_line(ini, "scenario", "months"), 0);
    assert_int_equal(eng_ini_nkeys(ini, "budget"), 0);
    eng_ini_free(ini);
}

static void test_values_follow_iniparser_syntax(void **state)
{
    (void)state;
    eng_error err;
    eng_ini *ini = eng_ini_load(DATA "ini_basic.ini", &err);
    assert_non_null(ini);
    /* Inline comments after ; or # are cut and the value trimmed. */
    assert_string_equal(eng_ini_get(ini, "scenario", "name"), "Basic");
    assert_string_equal(eng_ini_get(ini, "department.2a", "hash"), "value");
    assert_string_equal(eng_ini_get(ini, "scenario", "start"), "2022-01");
    /* A continued line is one value: the `\` goes, the next line's indentation stays. */
    assert_string_equal(eng_ini_get(ini, "department.2a", "seasonality"), "1, 2,    3, 4");
    /* Quotes protect a comment sign; `key =` is an empty value, not an absent one. */
    assert_string_equal(eng_ini_get(ini, "department.2a", "quoted"), "a ; b");
    assert_string_equal(eng_ini_get(ini, "department.2a", "empty"), "");
    /* The line after the continuation is still counted. */
    assert_string_equal(eng_ini_get(ini, "department.2a", "last"), "x");
    /* Names are case-insensitive. */
    assert_string_equal(eng_ini_get(ini, "Department.2A", "PLACES"), "30");
    eng_ini_free(ini);
}

static void test_duplicate_key(void **state)
{
    (void)state;
    const char *parts[] = {DATA "ini_dup_key.ini:5: [department.31] places given twice (first at "
                                "line 3)",
                           NULL};
    assert_load_fails(DATA "ini_dup_key.ini", parts);
}

static void test_duplicate_section(void **state)
{
    (void)state;
    const char *parts[] = {DATA "ini_dup_section.ini:8: section [Department.31] given twice "
                                "(first at line 2)",
                           NULL};
    assert_load_fails(DATA "ini_dup_section.ini", parts);
}

static void test_key_outside_section(void **state)
{
    (void)state;
    const char *parts[] = {DATA "ini_outside.ini:2: ", "places", "outside any section", NULL};
    assert_load_fails(DATA "ini_outside.ini", parts);
}

static void test_long_line(void **state)
{
    (void)state;
    const char *parts[] = {DATA "ini_long_line.ini:3: ", "too long", "1103 characters", "1022",
                           "shorten", NULL};
    assert_load_fails(DATA "ini_long_line.ini", parts);
    /* iniparser 4.1 limits the joined line, so continuation does not get round the limit. */
    const char *joined[] = {DATA "ini_long_continued.ini:3: ", "lines 3 to 4", "too long", "1022",
                            NULL};
    assert_load_fails(DATA "ini_long_continued.ini", joined);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    const char *words[] = {DATA "ini_syntax.ini:4: ", "just some words", "expected a [section]",
                           NULL};
    assert_load_fails(DATA "ini_syntax.ini", words);
    /* iniparser would silently join `places = 12` to the comment and drop it. */
    const char *comment[] = {DATA "ini_comment_continued.ini:3: ", "comment ends with `\\`",
                             "line 4", NULL};
    assert_load_fails(DATA "ini_comment_continued.ini", comment);
    /* ... and silently drop a continued last line. */
    const char *eof[] = {DATA "ini_eof_continuation.ini:3: ", "no line follows", NULL};
    assert_load_fails(DATA "ini_eof_continuation.ini", eof);
    const char *missing[] = {"cannot open " DATA "ini_no_such_file.ini", NULL};
    assert_load_fails(DATA "ini_no_such_file.ini", missing);
}

static void test_set_adds_and_overrides(void **state)
{
    (void)state;
    eng_error err;
    eng_ini *ini = eng_ini_load(DATA "ini_basic.ini", &err);
    assert_non_null(ini);

    assert_int_equal(eng_ini_set(ini, "scenario", "name", "Other", &err), ENG_OK);
    assert_string_equal(eng_ini_get(ini, "scenario", "name"), "Other");
    assert_int_equal(eng_ini_line(ini, "scenario", "name"), 0);
    assert_int_equal(eng_ini_nkeys(ini, "scenario"), 2);

    assert_int_equal(eng_ini_set(ini, "Scenario", "Months", "24", &err), ENG_OK);
    assert_int_equal(eng_ini_nkeys(ini, "scenario"), 3);
    assert_string_equal(eng_ini_key(ini, "scenario", 2), "months");
    assert_string_equal(eng_ini_get(ini, "scenario", "months"), "24");
    assert_int_equal(eng_ini_line(ini, "scenario", "start"), 6);

    assert_int_equal(eng_ini_set(ini, "Sweep", "k", "v", &err), ENG_OK);
    assert_int_equal(eng_ini_nsections(ini), 3);
    assert_string_equal(eng_ini_section(ini, 2), "sweep");
    assert_string_equal(eng_ini_section_spelling(ini, "sweep"), "sweep");
    assert_int_equal(eng_ini_section_line(ini, "sweep"), 0);
    assert_string_equal(eng_ini_get(ini, "sweep", "k"), "v");
    assert_int_equal(eng_ini_nkeys(ini, "sweep"), 1);
    eng_ini_free(ini);
    eng_ini_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sections_and_lines),
        cmocka_unit_test(test_values_follow_iniparser_syntax),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_duplicate_section),
        cmocka_unit_test(test_key_outside_section),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_set_adds_and_overrides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
