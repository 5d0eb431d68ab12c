/* test_eng_error.c — Error messages: the status passes through, the message is formatted, a NULL
 * error is allowed, a context can be put in front, and long texts are cut, never overflowed. */
#include "test_util.h"

#include <string.h>

#include "engine/eng_error.h"

/* An error framed by guard bytes, to see any write past msg. */
typedef struct guarded {
    char before[32];
    eng_error err;
    char after[32];
} guarded;

static void guard(guarded *g)
{
    memset(g->before, 0x5a, sizeof g->before);
    memset(g->after, 0x5a, sizeof g->after);
}

static void assert_guards_intact(const guarded *g)
{
    for (size_t i = 0; i < sizeof g->before; i++) {
        assert_int_equal((unsigned char)g->before[i], 0x5a);
        assert_int_equal((unsigned char)g->after[i], 0x5a);
    }
}

static void test_set_returns_status_and_formats(void **state)
{
    (void)state;
    eng_error err = { "old" };
    assert_int_equal(eng_error_set(&err, ENG_EINPUT, "line %d: %s is %.1f", 12, "places", 2.5),
                     ENG_EINPUT);
    assert_string_equal(err.msg, "line 12: places is 2.5");
    assert_int_equal(eng_error_set(&err, ENG_EFAIL, "disk full"), ENG_EFAIL);
    assert_string_equal(err.msg, "disk full");
    /* ENG_OK passes through too, and the status values are the documented exit statuses. */
    assert_int_equal(eng_error_set(&err, ENG_OK, "fine"), 0);
    assert_int_equal(ENG_EFAIL, 1);
    assert_int_equal(ENG_EINPUT, 2);
    /* With no error to fill, only the status comes back. */
    assert_int_equal(eng_error_set(NULL, ENG_EINPUT, "ignored %d", 1), ENG_EINPUT);
}

static void test_prefix(void **state)
{
    (void)state;
    eng_error err;
    eng_error_set(&err, ENG_EINPUT, "places must be positive");
    eng_error_prefix(&err, "%s:%d: ", "scenario.ini", 40);
    assert_string_equal(err.msg, "scenario.ini:40: places must be positive");
    /* Prefixes stack, the latest in front. */
    eng_error_prefix(&err, "sweep: ");
    assert_string_equal(err.msg, "sweep: scenario.ini:40: places must be positive");
    /* An empty message takes the prefix alone; an empty prefix changes nothing. */
    eng_error_set(&err, ENG_EINPUT, "%s", "");
    eng_error_prefix(&err, "ctx");
    assert_string_equal(err.msg, "ctx");
    eng_error_prefix(&err, "%s", "");
    assert_string_equal(err.msg, "ctx");
    eng_error_prefix(NULL, "nothing %d", 1);
}

static void test_long_messages_are_truncated(void **state)
{
    (void)state;
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    const size_t cap = sizeof((eng_error *)0)->msg;   /* 1024 bytes, the terminator included */

    guarded g;
    guard(&g);
    eng_error_set(&g.err, ENG_EINPUT, "%s", big);
    assert_int_equal(strlen(g.err.msg), cap - 1);
    assert_guards_intact(&g);

    /* A short prefix on a full message keeps the prefix and cuts the end of the old message. */
    eng_error_prefix(&g.err, "file:1: ");
    assert_int_equal(strlen(g.err.msg), cap - 1);
    assert_memory_equal(g.err.msg, "file:1: xxx", 11);
    assert_guards_intact(&g);

    /* A long prefix (899 characters) may itself be cut (the header does not say where), but the
     * result is still prefix characters then the short old message, within the buffer. */
    eng_error_set(&g.err, ENG_EINPUT, "tail");
    char longprefix[900];
    memset(longprefix, 'p', sizeof longprefix - 1);
    longprefix[sizeof longprefix - 1] = '\0';
    eng_error_prefix(&g.err, "%s", longprefix);
    size_t np = strspn(g.err.msg, "p");
    assert_true(np >= 1 && np <= sizeof longprefix - 1);
    assert_string_equal(g.err.msg + np, "tail");
    assert_guards_intact(&g);

    /* A full message behind a long prefix: the total stays within the buffer, the prefix first. */
    eng_error_set(&g.err, ENG_EINPUT, "%s", big);
    eng_error_prefix(&g.err, "%s", longprefix);
    assert_int_equal(strlen(g.err.msg), cap - 1);
    np = strspn(g.err.msg, "p");
    assert_true(np >= 1 && np <= sizeof longprefix - 1);
    assert_int_equal(strspn(g.err.msg + np, "x"), cap - 1 - np);
    assert_guards_intact(&g);

    /* A message that lost its terminator (a caller's bug) is read only within the buffer. */
    memset(g.err.msg, 'y', cap);
    eng_error_prefix(&g.err, "ab");
    assert_int_equal(strlen(g.err.msg), cap - 1);
    assert_memory_equal(g.err.msg, "abyy", 4);
    assert_guards_intact(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_returns_status_and_formats),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_long_messages_are_truncated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
