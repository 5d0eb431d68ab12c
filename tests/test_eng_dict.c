/* test_eng_dict.c — Unit tests of engine/eng_dict: numbers in order of first appearance, the same
 * number for a name given again, ASCII case folding, growth past the first table, and the byte
 * order of eng_dict_sorted, each against counts made by hand. */
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "engine/eng_dict.h"

static size_t intern(eng_dict *d, const char *s)
{
    size_t i = (size_t)-1;
    assert_int_equal(eng_dict_intern(d, s, &i), 0);
    return i;
}

static void test_first_appearance(void **state)
{
    (void)state;
    eng_dict *d = eng_dict_alloc(0);
    assert_non_null(d);
    assert_int_equal(eng_dict_count(d), 0);
    /* b, a, c are new in that order; the second a and b find their first numbers. */
    static const char *const words[] = { "b", "a", "b", "c", "a" };
    static const size_t expected[] = { 0, 1, 0, 2, 1 };
    for (int i = 0; i < 5; i++)
        assert_int_equal(intern(d, words[i]), expected[i]);
    assert_int_equal(eng_dict_count(d), 3);
    /* The dictionary keeps the pointers it was given first. */
    assert_ptr_equal(eng_dict_name(d, 0), words[0]);
    assert_ptr_equal(eng_dict_name(d, 1), words[1]);
    assert_ptr_equal(eng_dict_name(d, 2), words[3]);
    /* Without folding, case makes another name. */
    assert_int_equal(intern(d, "A"), 3);
    eng_dict_free(d);
    eng_dict_free(NULL);
}

static void test_fold(void **state)
{
    (void)state;
    eng_dict *d = eng_dict_alloc(1);
    assert_non_null(d);
    assert_int_equal(intern(d, "Region"), 0);
    assert_int_equal(intern(d, "2A"), 1);
    assert_int_equal(intern(d, "REGION"), 0);
    assert_int_equal(intern(d, "2a"), 1);
    assert_int_equal(eng_dict_count(d), 2);
    assert_string_equal(eng_dict_name(d, 0), "Region");
    assert_string_equal(eng_dict_name(d, 1), "2A");
    eng_dict_free(d);
}

/* 10 000 names make the table double several times from its first 64 slots: every name keeps its
 * number, p0 being 0, p1 1 and so on. */
static void test_growth(void **state)
{
    (void)state;
    enum { N = 10000 };
    static char names[N][16];
    eng_dict *d = eng_dict_alloc(0);
    assert_non_null(d);
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "p%d", i);
        assert_int_equal(intern(d, names[i]), (size_t)i);
    }
    for (int i = N - 1; i >= 0; i -= 7) {
        char again[16];
        snprintf(again, sizeof again, "p%d", i);
        assert_int_equal(intern(d, again), (size_t)i);
    }
    assert_int_equal(eng_dict_count(d), N);
    eng_dict_free(d);
}

static void test_sorted(void **state)
{
    (void)state;
    eng_dict *d = eng_dict_alloc(0);
    assert_non_null(d);
    size_t *order = eng_dict_sorted(d);
    assert_non_null(order);   /* an empty dictionary gives an empty order, not a failure */
    free(order);
    /* In byte order: "09" < "31" < "B" < "a" (digits, then upper case, then lower case). */
    static const char *const words[] = { "31", "a", "09", "B" };
    for (int i = 0; i < 4; i++)
        intern(d, words[i]);
    order = eng_dict_sorted(d);
    assert_non_null(order);
    static const size_t expected[] = { 2, 0, 3, 1 };
    for (int i = 0; i < 4; i++)
        assert_int_equal(order[i], expected[i]);
    free(order);
    eng_dict_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_appearance),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_sorted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
