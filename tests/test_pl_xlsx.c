/* test_pl_xlsx.c — A workbook that cannot be written says so in the user's language: the file
 * named, the reason in French (or in English on request), and what to check. */
#include "test_util.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "engine/eng_msg.h"
#include "plots/pl_xlsx.h"

/* The failure of a workbook whose directory does not exist when it is written (libxlsxwriter only
 * creates the file when it is closed). */
static void close_fails(char *msg, size_t size)
{
    pl_xlsx *x = NULL;
    eng_error err;
    const char *path = "/nonexistent-eaflow-dir/tableaux.xlsx";
    assert_int_equal(pl_xlsx_open(path, PL_FR, &x, &err), ENG_OK);
    pl_xlsx_sheet *s = pl_xlsx_sheet_add(x, "Lisez-moi", "Un classeur de test");
    assert_non_null(s);
    pl_xlsx_text(s, 2, 0, "=1+1");
    assert_int_equal(pl_xlsx_close(x, &err), ENG_EFAIL);
    snprintf(msg, size, "%s", err.msg);
}

/* In French, libxlsxwriter's English reason is replaced by a French one, and its own English line
 * on the standard error is not shown: library code does not print. */
static void test_close_error_in_french(void **state)
{
    (void)state;
    char msg[sizeof ((eng_error *)0)->msg];
    FILE *said = tmpfile();
    assert_non_null(said);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    assert_true(saved >= 0 && dup2(fileno(said), STDERR_FILENO) >= 0);
    close_fails(msg, sizeof msg);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    assert_int_equal(fseek(said, 0, SEEK_END), 0);
    assert_int_equal(ftell(said), 0);
    fclose(said);
    assert_non_null(strstr(msg, "/nonexistent-eaflow-dir/tableaux.xlsx"));
    assert_non_null(strstr(msg, "le fichier ne peut pas être créé"));
    assert_non_null(strstr(msg, "vérifiez l'espace disque et les droits du dossier"));
    assert_null(strstr(msg, "Error"));
}

/* In English, the whole message is English. */
static void test_close_error_in_english(void **state)
{
    (void)state;
    char msg[sizeof ((eng_error *)0)->msg];
    eng_msg_set_lang(ENG_MSG_EN);
    close_fails(msg, sizeof msg);
    eng_msg_set_lang(ENG_MSG_FR);
    assert_non_null(strstr(msg, "/nonexistent-eaflow-dir/tableaux.xlsx"));
    assert_non_null(strstr(msg, "the file cannot be created"));
    assert_null(strstr(msg, "vérifiez"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_close_error_in_french),
        cmocka_unit_test(test_close_error_in_english),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
