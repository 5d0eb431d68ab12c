/* test_eng_mpi.c — The single-process build of the MPI layer: one process of rank 0, gathers that
 * leave the data as it is, agreement that passes the status and message through, and the shares of
 * n items over K ranks (contiguous, covering, differing by one at most, counted by hand). */
#include "test_util.h"

#include "engine/eng_mpi.h"

static void test_single_process(void **state)
{
    (void)state;
    int argc = 1;
    char *args[] = { "eaflow", NULL }, **argv = args;
    assert_int_equal(eng_mpi_init(&argc, &argv), ENG_OK);
    assert_int_equal(argc, 1);
    assert_int_equal(eng_mpi_rank(), 0);
    assert_int_equal(eng_mpi_size(), 1);
    assert_int_equal(eng_mpi_sum(41), 41);
    eng_mpi_alone(1);   /* a job of its own: still rank 0 of 1 */
    assert_int_equal(eng_mpi_rank(), 0);
    assert_int_equal(eng_mpi_size(), 1);
    eng_mpi_alone(0);
    eng_mpi_finalize();
}

static void test_gather_keeps_the_buffer(void **state)
{
    (void)state;
    double buf[6] = { 1, 2, 3, 4, 5, 6 };
    eng_error err = { "" };
    assert_int_equal(eng_mpi_allgather(buf, 3, 2, &err), ENG_OK);
    for (int i = 0; i < 6; i++)
        assert_true(buf[i] == i + 1);
    assert_int_equal(eng_mpi_allgather(buf, 0, 2, &err), ENG_OK);
}

static void test_agree_passes_through(void **state)
{
    (void)state;
    eng_error err = { "" };
    assert_int_equal(eng_mpi_agree(ENG_OK, &err), ENG_OK);
    eng_error_set(&err, ENG_EINPUT, "a.ini, ligne 3 : clé inconnue");
    assert_int_equal(eng_mpi_agree(ENG_EINPUT, &err), ENG_EINPUT);
    assert_string_equal(err.msg, "a.ini, ligne 3 : clé inconnue");
    assert_int_equal(eng_mpi_agree(ENG_EFAIL, NULL), ENG_EFAIL);
}

static void test_shares(void **state)
{
    (void)state;
    /* 10 items over 3 ranks: 4, 3, 3 from 0, 4, 7. */
    const size_t first[] = { 0, 4, 7 }, count[] = { 4, 3, 3 };
    for (int r = 0; r < 3; r++) {
        size_t f, c;
        eng_mpi_share(10, r, 3, &f, &c);
        assert_int_equal(f, first[r]);
        assert_int_equal(c, count[r]);
    }
    /* 2 items over 4 ranks: 1, 1, 0, 0, the empty shares at the end. */
    const size_t first2[] = { 0, 1, 2, 2 }, count2[] = { 1, 1, 0, 0 };
    for (int r = 0; r < 4; r++) {
        size_t f, c;
        eng_mpi_share(2, r, 4, &f, &c);
        assert_int_equal(f, first2[r]);
        assert_int_equal(c, count2[r]);
    }
    size_t f, c;
    eng_mpi_share(7, 0, 1, &f, &c);
    assert_int_equal(f, 0);
    assert_int_equal(c, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_process),
        cmocka_unit_test(test_gather_keeps_the_buffer),
        cmocka_unit_test(test_agree_passes_through),
        cmocka_unit_test(test_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
