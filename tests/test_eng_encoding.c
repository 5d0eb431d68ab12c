/* test_eng_encoding.c — Unit tests of engine/eng_encoding: byte-level expectations written by hand
 * from the Windows-1252 and UTF-8 tables (0xE8 is è, C3 A8 in UTF-8; 0x80 is €, E2 82 AC), the
 * byte order marks, UTF-8 left untouched, and the bytes and mixtures refused with their line. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "engine/eng_encoding.h"

/* Decodes len bytes and checks the UTF-8 text and the encoding found. */
static void expect_text(const char *data, size_t len, const char *utf8, eng_encoding_kind from)
{
    eng_encoding_text t;
    eng_error err = { "" };
    if (eng_encoding_decode("t.csv", data, len, &t, &err) != ENG_OK)
        fail_msg("refused: %s", err.msg);
    if (t.len != strlen(utf8) || memcmp(t.data, utf8, t.len) != 0)
        fail_msg("decoded as \"%.*s\", expected \"%s\"", (int)t.len, t.data, utf8);
    assert_int_equal(t.from, from);
    eng_encoding_text_clear(&t);
    assert_null(t.owned);
}

/* Decodes len bytes and checks that they are refused with a message containing part. */
static void expect_refused(const char *data, size_t len, const char *part)
{
    eng_encoding_text t;
    eng_error err = { "" };
    assert_int_equal(eng_encoding_decode("t.csv", data, len, &t, &err), ENG_EINPUT);
    assert_null(t.owned);
    assert_substring(err.msg, part);
}

static void test_cp1252_bytes(void **state)
{
    (void)state;
    expect_text("Ari\xE8ge", 6, "Ari\xC3\xA8ge", ENG_ENCODING_CP1252);
    expect_text("95 200 \x80", 8, "95 200 \xE2\x82\xAC", ENG_ENCODING_CP1252);
    /* œ 0x9C -> U+0153 (C5 93), ’ 0x92 -> U+2019 (E2 80 99), « 0xAB -> C2 AB, no-break space 0xA0
     * -> C2 A0, Ÿ 0x9F -> U+0178 (C5 B8), ÿ 0xFF -> C3 BF. */
    expect_text("c\x9Cur l\x92\xAB\xA0x\x9F\xFF", 12,
                "c\xC5\x93ur l\xE2\x80\x99\xC2\xAB\xC2\xA0x\xC5\xB8\xC3\xBF", ENG_ENCODING_CP1252);
    expect_text("d\xE9partement;cr\xE9" "dits\n09;1\n", 25,
                "d\xC3\xA9partement;cr\xC3\xA9" "dits\n09;1\n", ENG_ENCODING_CP1252);
}

static void test_utf8_untouched(void **state)
{
    (void)state;
    const char *utf8 = "Ari\xC3\xA8ge \xE2\x82\xAC \xF0\x9F\x98\x80";
    expect_text(utf8, strlen(utf8), utf8, ENG_ENCODING_UTF8);
    /* "Ã©" in Windows-1252 is C3 A9, valid UTF-8 for é: a valid UTF-8 text is never read again. */
    expect_text("\xC3\xA9", 2, "\xC3\xA9", ENG_ENCODING_UTF8);
    expect_text("", 0, "", ENG_ENCODING_UTF8);

    /* Unchanged UTF-8 is handed back in place, without a copy. */
    eng_encoding_text t;
    eng_error err;
    assert_int_equal(eng_encoding_decode("t", utf8, strlen(utf8), &t, &err), ENG_OK);
    assert_ptr_equal(t.data, utf8);
    assert_null(t.owned);
    /* NUL bytes are left to the readers, which say what they expect. */
    assert_int_equal(eng_encoding_decode("t", "a\0b", 3, &t, &err), ENG_OK);
    assert_int_equal(t.len, 3);
}

static void test_byte_order_mark(void **state)
{
    (void)state;
    expect_text("\xEF\xBB\xBF" "a,b\n", 7, "a,b\n", ENG_ENCODING_UTF8);
    expect_text("\xEF\xBB\xBF", 3, "", ENG_ENCODING_UTF8);
    /* A mark followed by Windows-1252 bytes: the mark goes, the rest is converted. */
    expect_text("\xEF\xBB\xBF\xE8", 4, "\xC3\xA8", ENG_ENCODING_CP1252);
    expect_refused("\xFF\xFE" "a\0", 4, "UTF-16");
    expect_refused("\xFE\xFF\0a", 4, "enregistrez-le en UTF-8");
}

static void test_refused(void **state)
{
    (void)state;
    const unsigned char undefined[] = { 0x81, 0x8D, 0x8F, 0x90, 0x9D };
    for (size_t i = 0; i < sizeof undefined; i++) {
        char data[] = "a\nb\n\xE9x\xFF\n";
        data[5] = (char)undefined[i];
        char part[64];
        snprintf(part, sizeof part, "fichier t.csv, ligne 3 : l'octet 0x%02X", undefined[i]);
        expect_refused(data, strlen(data), part);
    }
    /* A CR-only file counts its lines by carriage returns. */
    expect_refused("a\rb\r\x81\r", 6, "ligne 3 :");
    /* UTF-8 on line 1 and a Windows-1252 è on line 2. */
    expect_refused("Ari\xC3\xA8ge\nAri\xE8ge\n", 16, "de l'UTF-8 (ligne 1) et autre chose (ligne 2, "
                                                    "octet 0xE8)");
}

static void test_read_and_reopen(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    fputs("nom=Ari\xE8ge\nx=1\n", f);
    rewind(f);
    eng_error err;
    if (eng_encoding_reopen(&f, "s.ini", &err) != ENG_OK)
        fail_msg("%s", err.msg);
    char line[64];
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "nom=Ari\xC3\xA8ge\n");
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "x=1\n");
    assert_null(fgets(line, sizeof line, f));
    fclose(f);

    /* A file larger than a read block of a pipe, read whole and kept as it is. */
    f = tmpfile();
    for (int i = 0; i < 20000; i++)
        fputs("0123456789\n", f);
    rewind(f);
    eng_encoding_text t;
    assert_int_equal(eng_encoding_read(f, "big", &t, &err), ENG_OK);
    assert_int_equal(t.len, 220000);
    assert_non_null(t.owned);
    assert_int_equal(t.from, ENG_ENCODING_UTF8);
    eng_encoding_text_clear(&t);
    fclose(f);
    assert_string_equal(eng_encoding_name(ENG_ENCODING_CP1252), "Windows-1252");
}

/* The encoding of a file by its path: the example funding table as Excel-FR saves it is
 * Windows-1252 ("Ari\xE8ge"), its UTF-8 original and a UTF-8 scenario are UTF-8, a missing file and
 * a UTF-16 one are errors. */
static void test_file(void **state)
{
    (void)state;
    eng_error err;
    eng_encoding_kind kind = ENG_ENCODING_UTF8;
    assert_int_equal(eng_encoding_file("tests/data/funding-occitanie-fr.csv", &kind, &err), ENG_OK);
    assert_int_equal(kind, ENG_ENCODING_CP1252);
    assert_int_equal(eng_encoding_file("scenarios/data/funding-occitanie.csv", &kind, &err), ENG_OK);
    assert_int_equal(kind, ENG_ENCODING_UTF8);
    assert_int_equal(eng_encoding_file("tests/data/ini_bom.ini", &kind, &err), ENG_OK);
    assert_int_equal(kind, ENG_ENCODING_UTF8);
    assert_int_equal(eng_encoding_file("tests/data/nope.csv", &kind, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "tests/data/nope.csv : ouverture impossible"));
    char path[] = "/tmp/eaflow-enc-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\xff\xfe[\0s\0]\0", 8), 8);
    close(fd);
    assert_int_equal(eng_encoding_file(path, &kind, &err), ENG_EINPUT);
    assert_non_null(strstr(err.msg, "UTF-16"));
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cp1252_bytes),
        cmocka_unit_test(test_utf8_untouched),
        cmocka_unit_test(test_byte_order_mark),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_read_and_reopen),
        cmocka_unit_test(test_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
