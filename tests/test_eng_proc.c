/* test_eng_proc.c — Programs run without a shell under a time limit: exit statuses read back, a
 * program past its deadline killed, a missing one reported, input fed through a pipe. */
#include "test_util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/eng_proc.h"

static const char missing_text[] = "the program is not installed";

/* Runs argv with input on /dev/null and messages in a temporary file, until now + seconds.
 * Returns what eng_proc_wait returned, with *status filled. */
static int run(char *const argv[], double seconds, int *status)
{
    FILE *messages = tmpfile();
    assert_non_null(messages);
    eng_error err = { "" };
    pid_t pid;
    double deadline = eng_proc_now() + seconds;
    assert_int_equal(eng_proc_start(argv, fileno(messages), NULL, missing_text, &pid, &err),
                     ENG_OK);
    int r = eng_proc_wait(pid, deadline, status);
    fclose(messages);
    return r;
}

static void test_exit_zero(void **state)
{
    (void)state;
    char *argv[] = { "true", NULL };
    int status = -1;
    assert_int_equal(run(argv, 10, &status), 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_exit_three(void **state)
{
    (void)state;
    char *argv[] = { "sh", "-c", "exit 3", NULL };
    int status = -1;
    assert_int_equal(run(argv, 10, &status), 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 3);
}

/* `sleep 30` with a deadline in 1 s: killed by SIGKILL at the deadline, not 30 s later. The
 * upper bound leaves room for a loaded machine and the last pause of at most 32 ms. */
static void test_killed_at_deadline(void **state)
{
    (void)state;
    char *argv[] = { "sleep", "30", NULL };
    int status = -1;
    double start = eng_proc_now();
    assert_int_equal(run(argv, 1, &status), -1);
    double took = eng_proc_now() - start;
    assert_true(took >= 1.0);
    assert_true(took < 10.0);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);
}

static void test_missing_program(void **state)
{
    (void)state;
    char *argv[] = { "eaflow-test-no-such-program", NULL };
    eng_error err = { "" };
    pid_t pid = -1;
    int to = -1;
    assert_int_equal(eng_proc_start(argv, 2, &to, missing_text, &pid, &err), ENG_EFAIL);
    assert_string_equal(err.msg, missing_text);
    assert_int_equal(to, -1);
    /* No child is left behind to reap. */
    assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
    assert_int_equal(errno, ECHILD);
}

/* A file that exists but is not executable fails to run for another reason than a missing one. */
static void test_not_executable(void **state)
{
    (void)state;
    char path[] = "/tmp/eaflow-test-proc-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char *argv[] = { path, NULL };
    eng_error err = { "" };
    pid_t pid;
    assert_int_equal(eng_proc_start(argv, 2, NULL, missing_text, &pid, &err), ENG_EFAIL);
    unlink(path);
    assert_substring(err.msg, "impossible d'exécuter /tmp/eaflow-test-proc-");
    assert_substring(err.msg, "permission refusée");
}

/* `cat` copies what is written to the pipe into the messages file: the input and output sides. */
static void test_input_pipe(void **state)
{
    (void)state;
    FILE *messages = tmpfile();
    assert_non_null(messages);
    char *argv[] = { "cat", NULL };
    eng_error err = { "" };
    pid_t pid;
    int to = -1;
    assert_int_equal(eng_proc_start(argv, fileno(messages), &to, missing_text, &pid, &err),
                     ENG_OK);
    assert_true(to >= 0);
    assert_int_equal(write(to, "bonjour\n", 8), 8);
    close(to);
    int status = -1;
    assert_int_equal(eng_proc_wait(pid, eng_proc_now() + 10, &status), 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    char got[32] = "";
    rewind(messages);
    size_t n = fread(got, 1, sizeof got - 1, messages);
    got[n] = '\0';
    fclose(messages);
    assert_string_equal(got, "bonjour\n");
}

static void test_timeout_from_environment(void **state)
{
    (void)state;
    eng_error err = { "" };
    double t = 0;
    unsetenv("EAFLOW_TEST_TIMEOUT");
    assert_int_equal(eng_proc_timeout("EAFLOW_TEST_TIMEOUT", 60, &t, &err), ENG_OK);
    assert_abs(t, 60, 0);
    setenv("EAFLOW_TEST_TIMEOUT", "2.5", 1);
    assert_int_equal(eng_proc_timeout("EAFLOW_TEST_TIMEOUT", 60, &t, &err), ENG_OK);
    assert_abs(t, 2.5, 0);
    const char *bad[] = { "0", "-1", "abc", "1000001" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        setenv("EAFLOW_TEST_TIMEOUT", bad[i], 1);
        assert_int_equal(eng_proc_timeout("EAFLOW_TEST_TIMEOUT", 60, &t, &err), ENG_EINPUT);
        assert_substring(err.msg, "EAFLOW_TEST_TIMEOUT=");
        assert_substring(err.msg, "plus de 0 et au plus 1000000");
    }
    unsetenv("EAFLOW_TEST_TIMEOUT");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_zero),
        cmocka_unit_test(test_exit_three),
        cmocka_unit_test(test_killed_at_deadline),
        cmocka_unit_test(test_missing_program),
        cmocka_unit_test(test_not_executable),
        cmocka_unit_test(test_input_pipe),
        cmocka_unit_test(test_timeout_from_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
