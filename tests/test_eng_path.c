/* test_eng_path.c — Unit tests of engine/eng_path: joined paths of any length, the directory and
 * the file name of a path. */
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "engine/eng_path.h"

static void test_join(void **state)
{
    (void)state;
    eng_error err;
    char *p = eng_path_join("out/occitanie-2022", "monthly.csv", &err);
    assert_string_equal(p, "out/occitanie-2022/monthly.csv");
    free(p);
    p = eng_path_join("", "run.ini", &err);
    assert_string_equal(p, "/run.ini");
    free(p);
    /* A directory longer than any fixed buffer the program used to have (4 300 bytes) is kept
     * whole: 10 000 'd', a slash and the name. */
    size_t n = 10000;
    char *dir = malloc(n + 1);
    assert_non_null(dir);
    memset(dir, 'd', n);
    dir[n] = '\0';
    p = eng_path_join(dir, "annual.csv", &err);
    assert_non_null(p);
    assert_int_equal(strlen(p), n + 1 + strlen("annual.csv"));
    assert_int_equal(p[n], '/');
    assert_string_equal(p + n + 1, "annual.csv");
    free(p);
    free(dir);
}

static void test_dir_and_base(void **state)
{
    (void)state;
    eng_error err;
    const char *cases[][3] = {
        { "a/b/c.csv", "a/b", "c.csv" },
        { "c.csv", ".", "c.csv" },
        { "/c.csv", "/", "c.csv" },
        { "out/", "out", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *d = eng_path_dir(cases[i][0], &err);
        assert_non_null(d);
        if (strcmp(d, cases[i][1]) != 0)
            fail_msg("eng_path_dir(\"%s\") = \"%s\", expected \"%s\"", cases[i][0], d, cases[i][1]);
        free(d);
        assert_string_equal(eng_path_base(cases[i][0]), cases[i][2]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_join),
        cmocka_unit_test(test_dir_and_base),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
