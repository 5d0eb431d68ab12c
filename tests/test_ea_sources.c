/* test_ea_sources.c — The references of a sources document read from its Markdown table, the
 * [Sn] citations of a text, and every citation of the shipped scenarios in scenarios/SOURCES.md. */
#include "test_util.h"
#include "test_proc.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "models/ea_sources.h"

TEST_DIR_GROUP("test_ea_sources")

static void test_reads_the_table_of_references(void **state)
{
    (void)state;
    const char *path = test_write(tmpdir, "SOURCES.md",
        "# Sources\n\nProse | with a bar.\n\n"
        "| réf. | titre court | source | ce qu'on y prend |\n"
        "| --- | --- | --- | --- |\n"
        "| S1 | Note Occitanie (2022) | Note régionale, *PRITH* | 645 places |\n"
        "| S12 | Loi de 2020 | Loi n° 2020-935 | prescription ouverte |\n"
        "\n| date | chiffre | nature | réf. |\n| --- | --- | --- | --- |\n"
        "| 2018 | 592 | stock | S3 |\n"
        "| S4 | trois cellules | seulement |\n");
    ea_sources *s = NULL;
    eng_error err = { "" };
    if (ea_sources_read(path, &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_string_equal(ea_sources_path(s), path);
    const ea_sources_ref *r = ea_sources_find(s, 1);
    assert_non_null(r);
    assert_string_equal(r->title, "Note Occitanie (2022)");
    assert_string_equal(r->source, "Note régionale, *PRITH*");
    assert_string_equal(r->used, "645 places");
    assert_string_equal(ea_sources_find(s, 12)->title, "Loi de 2020");
    /* A row of another table whose last cell is a reference, and a row of three cells, are not
     * references. */
    assert_null(ea_sources_find(s, 3));
    assert_null(ea_sources_find(s, 4));
    assert_null(ea_sources_find(NULL, 1));
    ea_sources_free(s);
    ea_sources_free(NULL);
}

static void test_refuses_a_reference_given_twice_and_a_missing_file(void **state)
{
    (void)state;
    const char *path = test_write(tmpdir, "twice.md",
        "| S2 | A | a | x |\n| S2 | B | b | y |\n");
    ea_sources *s = NULL;
    eng_error err = { "" };
    assert_int_equal(ea_sources_read(path, &s, &err), ENG_EINPUT);
    assert_null(s);
    assert_substring(err.msg, "twice.md:2: la référence S2 est déjà donnée ligne 1");
    assert_int_equal(ea_sources_read(test_path(tmpdir, "absent.md"), &s, &err), ENG_EINPUT);
    assert_substring(err.msg, "impossible d'ouvrir le document des sources");
}

static void test_citations_of_a_text(void **state)
{
    (void)state;
    int refs[4];
    /* In order of first appearance, each once; [S] [Sx] [S0] and S5 without brackets are not. */
    assert_int_equal(ea_sources_cited("[S14] : 2 à 8 h ; [S3], [S14] puis [S] [Sx] [S0] S5 [S7]",
                                      refs, 4), 3);
    assert_int_equal(refs[0], 14);
    assert_int_equal(refs[1], 3);
    assert_int_equal(refs[2], 7);
    assert_int_equal(ea_sources_cited("[S1] [S2] [S3]", refs, 2), 2);
    assert_int_equal(ea_sources_cited(NULL, refs, 4), 0);
}

/* Every reference that a shipped scenario cites is in the project's sources document. */
static void test_every_citation_of_the_scenarios_exists(void **state)
{
    (void)state;
    ea_sources *s = NULL;
    eng_error err = { "" };
    if (ea_sources_read("scenarios/SOURCES.md", &s, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    /* S1 to S19, counted by hand in scenarios/SOURCES.md. */
    for (int n = 1; n <= 19; n++)
        assert_non_null(ea_sources_find(s, n));
    assert_null(ea_sources_find(s, 20));
    glob_t g;
    assert_int_equal(glob("scenarios/*.ini", 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 9);
    int cited = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        char *text = test_slurp(g.gl_pathv[i], NULL);
        assert_non_null(text);
        int refs[64], n = ea_sources_cited(text, refs, 64);
        for (int r = 0; r < n; r++, cited++)
            if (!ea_sources_find(s, refs[r]))
                fail_msg("%s cites [S%d], which scenarios/SOURCES.md does not have",
                         g.gl_pathv[i], refs[r]);
        free(text);
    }
    assert_true(cited > 0);
    globfree(&g);
    ea_sources_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_the_table_of_references),
        cmocka_unit_test(test_refuses_a_reference_given_twice_and_a_missing_file),
        cmocka_unit_test(test_citations_of_a_text),
        cmocka_unit_test(test_every_citation_of_the_scenarios_exists),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
