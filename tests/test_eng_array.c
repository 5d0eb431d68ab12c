/* test_eng_array.c — Growable arrays: the first allocation, doubling, a need beyond twice the
 * capacity, refusal of sizes that overflow (the array left untouched), and the int variant. */
#include "test_util.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "engine/eng_array.h"

static void test_growth_from_empty(void **state)
{
    (void)state;
    double *a = NULL;
    size_t cap = 0;
    /* From nothing the capacity starts at `first` and doubles until the need fits: 4 -> 8. */
    assert_int_equal(eng_array_reserve(&a, &cap, 5, sizeof *a, 4), 0);
    assert_non_null(a);
    assert_int_equal(cap, 8);
    for (int i = 0; i < 8; i++)
        a[i] = i + 0.5;
    free(a);

    /* A need within `first` takes `first`; a `first` of 0 counts as 1, so 5 gives 8. */
    a = NULL;
    cap = 0;
    assert_int_equal(eng_array_reserve(&a, &cap, 3, sizeof *a, 16), 0);
    assert_int_equal(cap, 16);
    free(a);
    a = NULL;
    cap = 0;
    assert_int_equal(eng_array_reserve(&a, &cap, 5, sizeof *a, 0), 0);
    assert_int_equal(cap, 8);
    free(a);

    /* A need of 0 on an empty array needs nothing and allocates nothing. */
    a = NULL;
    cap = 0;
    assert_int_equal(eng_array_reserve(&a, &cap, 0, sizeof *a, 4), 0);
    assert_null(a);
    assert_int_equal(cap, 0);
}

static void test_doubling_keeps_contents(void **state)
{
    (void)state;
    int *a = NULL;
    size_t cap = 0;
    /* Appending one element at a time: capacities 4, 8, 16, ..., 1024 and nothing lost. */
    for (int n = 1; n <= 1000; n++) {
        size_t before = cap;
        assert_int_equal(eng_array_reserve(&a, &cap, (size_t)n, sizeof *a, 4), 0);
        if (before >= (size_t)n)
            assert_int_equal(cap, before);
        else
            assert_int_equal(cap, before ? 2 * before : 4);
        a[n - 1] = n * 3;
    }
    assert_int_equal(cap, 1024);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(a[i], (i + 1) * 3);
    free(a);
}

static void test_need_beyond_twice(void **state)
{
    (void)state;
    char *a = malloc(8);
    assert_non_null(a);
    for (int i = 0; i < 8; i++)
        a[i] = (char)('a' + i);
    size_t cap = 8;
    /* 8 doubles four times to reach 100: 128. `first` matters only for an empty array. */
    assert_int_equal(eng_array_reserve(&a, &cap, 100, 1, 1000), 0);
    assert_int_equal(cap, 128);
    for (int i = 0; i < 8; i++)
        assert_int_equal(a[i], 'a' + i);
    /* A smaller need changes nothing. */
    char *same = a;
    assert_int_equal(eng_array_reserve(&a, &cap, 50, 1, 4), 0);
    assert_ptr_equal(a, same);
    assert_int_equal(cap, 128);
    free(a);
}

static void test_overflow_is_refused(void **state)
{
    (void)state;
    long *a = malloc(4 * sizeof *a);
    assert_non_null(a);
    for (int i = 0; i < 4; i++)
        a[i] = 100 + i;
    long *orig = a;
    size_t cap = 4;

    /* 4 doubles to 2^61 elements, whose 8 bytes each make 2^64 bytes: one more than SIZE_MAX. */
    assert_int_equal(eng_array_reserve(&a, &cap, SIZE_MAX / 8 + 1, 8, 4), -1);
    assert_ptr_equal(a, orig);
    assert_int_equal(cap, 4);

    /* A need above SIZE_MAX / 2 elements cannot be reached by doubling, even of 1-byte ones. */
    assert_int_equal(eng_array_reserve(&a, &cap, SIZE_MAX, 1, 4), -1);
    assert_ptr_equal(a, orig);
    assert_int_equal(cap, 4);

    /* Huge elements: 8 of SIZE_MAX / 4 bytes overflow although the count is small. */
    assert_int_equal(eng_array_reserve(&a, &cap, 8, SIZE_MAX / 4, 4), -1);
    assert_ptr_equal(a, orig);
    assert_int_equal(cap, 4);

    /* The array is still valid and still the caller's. */
    for (int i = 0; i < 4; i++)
        assert_int_equal(a[i], 100 + i);
    free(a);
}

static void test_int_variant(void **state)
{
    (void)state;
    short *a = NULL;
    int cap = 0;
    assert_int_equal(eng_array_reserve_int(&a, &cap, 10, sizeof *a, 4), 0);
    assert_int_equal(cap, 16);
    for (int i = 0; i < 10; i++)
        a[i] = (short)i;
    assert_int_equal(eng_array_reserve_int(&a, &cap, 17, sizeof *a, 4), 0);
    assert_int_equal(cap, 32);
    for (int i = 0; i < 10; i++)
        assert_int_equal(a[i], i);
    /* A `first` of 0 or below counts as 1. */
    short *b = NULL;
    int bcap = 0;
    assert_int_equal(eng_array_reserve_int(&b, &bcap, 3, sizeof *b, -5), 0);
    assert_int_equal(bcap, 4);
    free(b);

    /* Negative counts or capacities are refused and leave the array alone. */
    short *orig = a;
    assert_int_equal(eng_array_reserve_int(&a, &cap, -1, sizeof *a, 4), -1);
    assert_ptr_equal(a, orig);
    assert_int_equal(cap, 32);
    int negative = -3;
    assert_int_equal(eng_array_reserve_int(&a, &negative, 10, sizeof *a, 4), -1);
    assert_ptr_equal(a, orig);
    assert_int_equal(negative, -3);

    /* INT_MAX elements of SIZE_MAX / 1024 bytes overflow size_t: refused, untouched. */
    assert_int_equal(eng_array_reserve_int(&a, &cap, INT_MAX, SIZE_MAX / 1024, 4), -1);
    assert_ptr_equal(a, orig);
    assert_int_equal(cap, 32);
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_growth_from_empty),
        cmocka_unit_test(test_doubling_keeps_contents),
        cmocka_unit_test(test_need_beyond_twice),
        cmocka_unit_test(test_overflow_is_refused),
        cmocka_unit_test(test_int_variant),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
