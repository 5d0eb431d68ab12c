/* test_eng_msg.c — The language of the messages: language and locale names are read, French
 * passes through, every pair of the English catalogue is found after the sort, a message without
 * English stays French, and eng_error_set speaks the current language. */
#include "test_util.h"

#include <errno.h>
#include <string.h>

#include "engine/eng_error.h"
#include "engine/eng_msg.h"
#include "engine/eng_msg_catalogue.h"

static void test_lang_parse(void **state)
{
    (void)state;
    static const struct { const char *text; int status; eng_msg_lang lang; } cases[] = {
        { "fr", 0, ENG_MSG_FR }, { "FR", 0, ENG_MSG_FR }, { "en", 0, ENG_MSG_EN },
        { "En", 0, ENG_MSG_EN }, { "en_GB.UTF-8", 0, ENG_MSG_EN }, { "fr_FR@euro", 0, ENG_MSG_FR },
        { "fr-CA", 0, ENG_MSG_FR }, { "C", -1, 0 }, { "C.UTF-8", -1, 0 }, { "POSIX", -1, 0 },
        { "de_DE", -1, 0 }, { "", -1, 0 }, { "e", -1, 0 }, { "english", -1, 0 }, { "french", -1, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        eng_msg_lang lang = (eng_msg_lang)99;
        assert_int_equal(eng_msg_lang_parse(cases[i].text, &lang), cases[i].status);
        if (cases[i].status == 0)
            assert_int_equal(lang, cases[i].lang);
        else
            assert_int_equal(lang, 99);
    }
    eng_msg_lang lang;
    assert_int_equal(eng_msg_lang_parse(NULL, &lang), -1);
}

static void test_french_passes_through(void **state)
{
    (void)state;
    eng_msg_set_lang(ENG_MSG_FR);
    assert_int_equal(eng_msg_get_lang(), ENG_MSG_FR);
    const char *s = "un message qui n'est pas au catalogue";
    assert_ptr_equal(eng_msg_tr(s), s);
    if (eng_msg_catalogue_en_size > 0)
        assert_ptr_equal(eng_msg_tr(eng_msg_catalogue_en[0].fr), eng_msg_catalogue_en[0].fr);
    assert_null(eng_msg_tr(NULL));
}

/* After the switch to English, each French message of the catalogue gives its own English (the
 * expectation is the pair itself, which the lookup must find through the sorted table), and a
 * message the catalogue lacks stays French. */
static void test_english_finds_every_pair(void **state)
{
    (void)state;
    eng_msg_set_lang(ENG_MSG_EN);
    assert_int_equal(eng_msg_get_lang(), ENG_MSG_EN);
    assert_true(eng_msg_catalogue_en_size > 0);
    for (size_t i = 0; i < eng_msg_catalogue_en_size; i++)
        assert_string_equal(eng_msg_tr(eng_msg_catalogue_en[i].fr), eng_msg_catalogue_en[i].en);
    const char *s = "un message qui n'est pas au catalogue";
    assert_ptr_equal(eng_msg_tr(s), s);
    eng_msg_set_lang(ENG_MSG_FR);
}

/* The conversions of a format (%s, %d, %.1f, ...) in order, "%%" left out: a translation must keep
 * them, or printf would read the wrong arguments. */
static void conversions(const char *fmt, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = fmt; *p && n + 1 < size; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        while (*p && !strchr("diouxXeEfFgGaAcspn", *p))
            p++;
        if (!*p)
            break;
        out[n++] = *p;
    }
    out[n] = '\0';
}

static void test_translations_keep_conversions(void **state)
{
    (void)state;
    for (size_t i = 0; i < eng_msg_catalogue_en_size; i++) {
        char a[64], b[64];
        conversions(eng_msg_catalogue_en[i].fr, a, sizeof a);
        conversions(eng_msg_catalogue_en[i].en, b, sizeof b);
        if (strcmp(a, b) != 0)
            fail_msg("\"%s\" -> \"%s\": conversions %s and %s differ", eng_msg_catalogue_en[i].fr,
                     eng_msg_catalogue_en[i].en, a, b);
    }
}

/* A number written by printf takes the language's decimal mark: 2,5 and 0,4019 in French, the
 * point kept in English; a whole number is unchanged. */
static void test_number_mark(void **state)
{
    (void)state;
    char a[16] = "2.5", b[16] = "0.4019", c[16] = "135";
    eng_msg_set_lang(ENG_MSG_FR);
    assert_int_equal(eng_msg_decimal_mark(), ',');
    assert_string_equal(eng_msg_number(a), "2,5");
    assert_string_equal(eng_msg_number(b), "0,4019");
    assert_string_equal(eng_msg_number(c), "135");
    char d[16] = "2.5";
    eng_msg_set_lang(ENG_MSG_EN);
    assert_int_equal(eng_msg_decimal_mark(), '.');
    assert_string_equal(eng_msg_number(d), "2.5");
    eng_msg_set_lang(ENG_MSG_FR);
}

static void test_error_speaks_the_language(void **state)
{
    (void)state;
    eng_error err;
    eng_error_set(&err, ENG_EFAIL, "%s : lecture impossible : %s", "obs.csv", "E/S");
    assert_string_equal(err.msg, "obs.csv : lecture impossible : E/S");
    eng_msg_set_lang(ENG_MSG_EN);
    eng_error_set(&err, ENG_EFAIL, "%s : lecture impossible : %s", "obs.csv", "E/S");
    assert_string_equal(err.msg, "obs.csv: cannot read: E/S");
    eng_msg_set_lang(ENG_MSG_FR);
}

/* The system's errors in the user's language: a missing file in French, then in English, and an
 * error without a translation left to strerror rather than lost. */
static void test_system_errors_speak_the_language(void **state)
{
    (void)state;
    assert_string_equal(eng_msg_errno(ENOENT), "fichier ou dossier introuvable");
    assert_string_equal(eng_msg_errno(ENOSPC), "plus de place sur le disque");
    eng_msg_set_lang(ENG_MSG_EN);
    assert_string_equal(eng_msg_errno(ENOENT), "no such file or directory");
    assert_string_equal(eng_msg_errno(EACCES), "permission denied");
    eng_msg_set_lang(ENG_MSG_FR);
    assert_string_equal(eng_msg_errno(EXDEV), strerror(EXDEV));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lang_parse),
        cmocka_unit_test(test_french_passes_through),
        cmocka_unit_test(test_english_finds_every_pair),
        cmocka_unit_test(test_translations_keep_conversions),
        cmocka_unit_test(test_number_mark),
        cmocka_unit_test(test_error_speaks_the_language),
        cmocka_unit_test(test_system_errors_speak_the_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
