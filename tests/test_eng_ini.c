/* test_eng_ini.c — Reading scenario files: lines and spellings of sections and keys, iniparser's
 * syntax, the errors iniparser alone would hide or report vaguely, and in-memory overrides. */
#include "test_util.h"
#include "test_proc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser.h>

#include "engine/eng_ini.h"

#define DATA "tests/data/"

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
        assert_substring(err.msg, parts[i]);
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
    const char *parts[] = {DATA "ini_dup_key.ini, ligne 5 : [department.31] places donnée deux fois (d'abord à "
                                "la ligne 3)",
                           NULL};
    assert_load_fails(DATA "ini_dup_key.ini", parts);
}

static void test_duplicate_section(void **state)
{
    (void)state;
    const char *parts[] = {DATA "ini_dup_section.ini, ligne 8 : section [Department.31] donnée "
                                "deux fois (d'abord à la ligne 2)",
                           NULL};
    assert_load_fails(DATA "ini_dup_section.ini", parts);
}

static void test_key_outside_section(void **state)
{
    (void)state;
    const char *parts[] = {DATA "ini_outside.ini, ligne 2 : ", "places", "hors de toute section", NULL};
    assert_load_fails(DATA "ini_outside.ini", parts);
}

static void test_long_line(void **state)
{
    (void)state;
    const char *parts[] = {DATA "ini_long_line.ini, ligne 3 : ", "trop longue", "1103 caractères", "1022",
                           "raccourcissez", NULL};
    assert_load_fails(DATA "ini_long_line.ini", parts);
    /* iniparser 4.1 limits the joined line, so continuation does not get round the limit. */
    const char *joined[] = {DATA "ini_long_continued.ini, ligne 3 : ", "lignes 3 à 4", "trop longues", "1022",
                            NULL};
    assert_load_fails(DATA "ini_long_continued.ini", joined);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    const char *words[] = {DATA "ini_syntax.ini, ligne 4 : ", "just some words", "attendu un en-tête [section]",
                           NULL};
    assert_load_fails(DATA "ini_syntax.ini", words);
    /* iniparser would silently join `places = 12` to the comment and drop it. */
    const char *comment[] = {DATA "ini_comment_continued.ini, ligne 3 : ", "commentaire finit par `\\`",
                             "ligne 4", NULL};
    assert_load_fails(DATA "ini_comment_continued.ini", comment);
    /* ... and silently drop a continued last line. */
    const char *eof[] = {DATA "ini_eof_continuation.ini, ligne 3 : ", "sans ligne après", NULL};
    assert_load_fails(DATA "ini_eof_continuation.ini", eof);
    const char *missing[] = {DATA "ini_no_such_file.ini : ouverture impossible", NULL};
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

/* Writes text to a new temporary file whose path is stored in path (at least 32 bytes). */
static void write_temp(char *path, const char *text)
{
    strcpy(path, "/tmp/eaflow-ini-XXXXXX");
    test_temp_text(path, text);
}

/* The comment above each key and section header, as the assumptions of the report read them: `;`
 * and `#` lines alike, blank lines between a note and what follows it skipped, an empty comment
 * line kept as an empty line, nothing for a key without one or for a key set in memory. */
static void test_comments_above_keys_and_sections(void **state)
{
    (void)state;
    char path[32];
    write_temp(path, "# Occitanie 2022\n"
                     "#\n"
                     "# Sources : [S1].\n"
                     "\n"
                     "[scenario]\n"
                     "; Janvier 2022.\n"
                     "start = 2022-01\n"
                     "months = 60\n"
                     "\n"
                     "; HYPOTHÈSE : répartition au prorata.\n"
                     "\n"
                     "[Department.31]\n"
                     ";   deux lignes,\n"
                     "#\tmêlées\n"
                     "places = 152 ; coupé comme par iniparser\n"
                     "; perdu : rien ne suit\n");
    eng_error err = {""};
    eng_ini *ini = eng_ini_load(path, &err);
    if (!ini)
        fail_msg("%s", err.msg);
    assert_string_equal(eng_ini_comment(ini, "scenario", NULL),
                        "Occitanie 2022\n\nSources : [S1].");
    assert_string_equal(eng_ini_comment(ini, "scenario", "start"), "Janvier 2022.");
    assert_null(eng_ini_comment(ini, "scenario", "months"));
    assert_string_equal(eng_ini_comment(ini, "department.31", NULL),
                        "HYPOTHÈSE : répartition au prorata.");
    assert_string_equal(eng_ini_comment(ini, "department.31", "places"), "deux lignes,\nmêlées");
    assert_string_equal(eng_ini_get(ini, "department.31", "places"), "152");
    assert_null(eng_ini_comment(ini, "department.31", "fte"));
    assert_null(eng_ini_comment(ini, "budget", NULL));
    assert_int_equal(eng_ini_set(ini, "department.31", "fte", "10.9", &err), ENG_OK);
    assert_null(eng_ini_comment(ini, "department.31", "fte"));
    assert_int_equal(eng_ini_set(ini, "scenario", "start", "2023-01", &err), ENG_OK);
    assert_string_equal(eng_ini_comment(ini, "scenario", "start"), "Janvier 2022.");
    eng_ini_free(ini);
    remove(path);
}

static void test_byte_order_mark(void **state)
{
    (void)state;
    /* Saved by Windows Notepad: UTF-8 with a byte order mark, and CRLF line ends. */
    eng_error err = {""};
    eng_ini *ini = eng_ini_load(DATA "ini_bom.ini", &err);
    if (!ini)
        fail_msg("%s", err.msg);
    assert_string_equal(eng_ini_section(ini, 0), "scenario");
    assert_string_equal(eng_ini_section_spelling(ini, "scenario"), "Scenario");
    assert_int_equal(eng_ini_section_line(ini, "scenario"), 1);
    assert_string_equal(eng_ini_get(ini, "scenario", "name"), "Notepad");
    assert_string_equal(eng_ini_get(ini, "scenario", "start"), "2022-01");
    assert_string_equal(eng_ini_get(ini, "department.31", "places"), "12");
    assert_int_equal(eng_ini_line(ini, "department.31", "places"), 6);
    eng_ini_free(ini);
    /* UTF-16 (Notepad's "Unicode") is told as such rather than as a syntax error. */
    char path[32];
    write_temp(path, "\xff\xfe[\x00s\x00]\x00");
    const char *utf16[] = {path, "UTF-16", "enregistrez-le en UTF-8", NULL};
    assert_load_fails(path, utf16);
    remove(path);
}

static void test_comment_after_section_header(void **state)
{
    (void)state;
    eng_error err = {""};
    eng_ini *ini = eng_ini_load(DATA "ini_section_comment.ini", &err);
    if (!ini)
        fail_msg("%s", err.msg);
    assert_int_equal(eng_ini_nsections(ini), 3);
    assert_string_equal(eng_ini_section(ini, 0), "exits");
    assert_int_equal(eng_ini_section_line(ini, "exits"), 2);
    assert_string_equal(eng_ini_get(ini, "exits", "reasons"), "emploi, autre");
    assert_string_equal(eng_ini_section(ini, 1), "department.31");
    assert_string_equal(eng_ini_get(ini, "department.31", "places"), "12");
    assert_string_equal(eng_ini_section_spelling(ini, "department.a;b"), "department.a;b");
    assert_string_equal(eng_ini_get(ini, "department.a;b", "places"), "3");
    eng_ini_free(ini);
    /* Words after the header that are not a comment are still an error ... */
    char path[32];
    write_temp(path, "[exits] raisons\nreasons = a\n");
    const char *words[] = {", ligne 1 : ", "[exits] raisons", NULL};
    assert_load_fails(path, words);
    remove(path);
    /* ... and a comment ending with `\` would swallow the next line. */
    write_temp(path, "[exits] ; raisons \\\nreasons = a\n");
    const char *joined[] = {", ligne 1 : ", "finit par `\\`", "ligne 2", NULL};
    assert_load_fails(path, joined);
    remove(path);
}

static void test_nul_byte(void **state)
{
    (void)state;
    char path[32];
    strcpy(path, "/tmp/eaflow-ini-XXXXXX");
    test_temp_file(path, "[a]\nk = v\0w\n", 13);
    const char *parts[] = {", ligne 2 : octet nul", NULL};
    assert_load_fails(path, parts);
    remove(path);
}

/* Every value read equals what iniparser 4.1 itself reads from the same file, for every file it
 * accepts: the shipped scenarios and the fixture of the syntax. */
static void test_values_equal_iniparser(void **state)
{
    (void)state;
    static const char *const files[] = {
        DATA "ini_basic.ini", DATA "ini_values.ini", "scenarios/occitanie-2022.ini",
        "scenarios/national-2018.ini",
        "scenarios/delegation.ini", "scenarios/mmc.ini", "scenarios/ramp-645.ini",
        "scenarios/intensity-high.ini", "scenarios/prescription-open.ini",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        eng_error err = {""};
        eng_ini *ini = eng_ini_load(files[i], &err);
        if (!ini)
            fail_msg("%s", err.msg);
        dictionary *d = iniparser_load(files[i]);
        assert_non_null(d);
        assert_int_equal(eng_ini_nsections(ini), iniparser_getnsec(d));
        for (int k = 0; k < eng_ini_nsections(ini); k++) {
            const char *sec = eng_ini_section(ini, k);
            assert_int_equal(eng_ini_nkeys(ini, sec), iniparser_getsecnkeys(d, sec));
            for (int j = 0; j < eng_ini_nkeys(ini, sec); j++) {
                char entry[1100];
                snprintf(entry, sizeof entry, "%s:%s", sec, eng_ini_key(ini, sec, j));
                const char *want = iniparser_getstring(d, entry, NULL);
                assert_non_null(want);
                assert_string_equal(eng_ini_get(ini, sec, eng_ini_key(ini, sec, j)), want);
            }
        }
        iniparser_freedict(d);
        eng_ini_free(ini);
    }
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
        cmocka_unit_test(test_byte_order_mark),
        cmocka_unit_test(test_comment_after_section_header),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_values_equal_iniparser),
        cmocka_unit_test(test_comments_above_keys_and_sections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
