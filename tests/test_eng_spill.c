/* test_eng_spill.c — Temporary files of doubles: what is written at an offset reads back the same,
 * the file leaves no name in its folder, and a folder that cannot hold it or a read past its end
 * says what to do. */
#include "test_util.h"

#include <dirent.h>
#include <unistd.h>

#include "engine/eng_msg.h"
#include "engine/eng_spill.h"

static int files_in(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static void test_round_trip(void **state)
{
    (void)state;
    char dir[] = "/tmp/eaflow-spill-XXXXXX";
    assert_non_null(mkdtemp(dir));
    setenv("TMPDIR", dir, 1);
    eng_error err = { { 0 } };
    eng_spill *sp = eng_spill_alloc(&err);
    assert_non_null(sp);
    assert_int_equal(files_in(dir), 0);
    /* Two ranges written out of order, with a gap between them that reads back as zeros. */
    double a[3] = { 1.5, -0.0, NAN }, b[2] = { 1e300, -7 }, got[8];
    assert_int_equal(eng_spill_write(sp, 6, b, 2, &err), ENG_OK);
    assert_int_equal(eng_spill_write(sp, 0, a, 3, &err), ENG_OK);
    assert_int_equal(eng_spill_read(sp, 0, got, 8, &err), ENG_OK);
    assert_memory_equal(got, a, sizeof a);
    assert_true(got[3] == 0 && got[4] == 0 && got[5] == 0);
    assert_memory_equal(got + 6, b, sizeof b);
    /* Past the end: the message names the folder and the fix. */
    eng_msg_set_lang(ENG_MSG_FR);
    assert_int_equal(eng_spill_read(sp, 7, got, 2, &err), ENG_EFAIL);
    assert_non_null(strstr(err.msg, "fin de fichier inattendue ; libérez de la place"));
    assert_non_null(strstr(err.msg, dir));
    eng_spill_free(sp);
    eng_spill_free(NULL);
    assert_int_equal(rmdir(dir), 0);
    unsetenv("TMPDIR");
}

static void test_folder_refused(void **state)
{
    (void)state;
    setenv("TMPDIR", "/nonexistent-eaflow-folder", 1);
    eng_error err = { { 0 } };
    eng_msg_set_lang(ENG_MSG_FR);
    assert_null(eng_spill_alloc(&err));
    assert_non_null(strstr(err.msg, "dossier temporaire « /nonexistent-eaflow-folder » : impossible "
                                    "d'y créer un fichier"));
    assert_non_null(strstr(err.msg, "donnez à TMPDIR un dossier où écrire"));
    eng_msg_set_lang(ENG_MSG_EN);
    assert_null(eng_spill_alloc(&err));
    assert_non_null(strstr(err.msg, "give TMPDIR a folder you can write to"));
    eng_msg_set_lang(ENG_MSG_FR);
    unsetenv("TMPDIR");
    assert_string_equal(eng_spill_dir(), "/tmp");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_folder_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
