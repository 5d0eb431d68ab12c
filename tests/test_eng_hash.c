/* test_eng_hash.c — SHA-256 against the published test vectors of FIPS 180-4 (NIST's examples
 * SHA256.pdf and the one-million-"a" vector of its validation system), in pieces and from a file. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/eng_hash.h"

static const char abc[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

static void test_published_vectors(void **state)
{
    (void)state;
    char hex[ENG_HASH_HEX];
    eng_hash_bytes("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    eng_hash_bytes("abc", 3, hex);
    assert_string_equal(hex, abc);
    /* 56 bytes: the padding does not fit in the first block, so there are two. */
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    eng_hash_bytes(two, strlen(two), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *four = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklm"
                       "nopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    eng_hash_bytes(four, strlen(four), hex);
    assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* One million "a" given in uneven pieces: the pieces must not change the checksum. */
static void test_pieces(void **state)
{
    (void)state;
    char a[1000];
    memset(a, 'a', sizeof a);
    eng_hash h;
    eng_hash_init(&h);
    size_t done = 0, piece = 1;
    while (done < 1000000) {
        size_t n = piece < 1000000 - done ? piece : 1000000 - done;
        eng_hash_update(&h, a, n);
        done += n;
        piece = piece % 997 + 1;
    }
    char hex[ENG_HASH_HEX];
    eng_hash_final(&h, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    eng_hash_init(&h);
    eng_hash_update(&h, "a", 1);
    eng_hash_update(&h, "", 0);
    eng_hash_update(&h, "bc", 2);
    eng_hash_final(&h, hex);
    assert_string_equal(hex, abc);
}

static void test_file(void **state)
{
    (void)state;
    char path[] = "/tmp/eaflow-hash-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "abc", 3), 3);
    close(fd);
    char hex[ENG_HASH_HEX];
    long long size = -1;
    eng_error err;
    assert_int_equal(eng_hash_file(path, hex, &size, &err), ENG_OK);
    assert_string_equal(hex, abc);
    assert_int_equal(size, 3);
    remove(path);
    assert_int_equal(eng_hash_file(path, hex, &size, &err), ENG_EFAIL);
    assert_non_null(strstr(err.msg, path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_vectors),
        cmocka_unit_test(test_pieces),
        cmocka_unit_test(test_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
