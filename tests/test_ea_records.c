/* test_ea_records.c — Synthetic records: the columns of the national collection, episodes cut at
 * the as-of date (open ones without end or next), durations as the scenario says, profiles in
 * their ranges, and the as-of date checked against the simulated period. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>

#include "engine/eng_csv.h"
#include "engine/eng_date.h"
#include "models/ea_records.h"
#include "scenario_fixture.h"

/* Every evaluation lasts exactly two months and ends in exit.autre. */
static const char scenario[] = "[scenario]\nstart = 2022-01\nmonths = 12\nseed = 5\n"
                               "[exits]\nreasons = autre\n"
                               "[entries]\nper_month = 10\n"
                               "[module.evaluation]\nduration = fixed(2)\nnext = exit.autre:1\n"
                               "[platform]\nplaces = 1000\n";

static eng_date date_of(const eng_csv *t, size_t row, const char *col)
{
    eng_date d;
    eng_error err;
    assert_int_equal(eng_csv_get_date(t, row, eng_csv_column(t, col), &d, NULL, &err), ENG_OK);
    return d;
}

static void test_synth(void **state)
{
    (void)state;
    ea_scenario sc;
    fixture_load(scenario, &sc);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    long rows = 0;
    eng_error err = { "" };
    assert_int_equal(ea_records_synth(&sc, "2022-06-30", f, &eng_csv_standard, &rows, &err),
                     ENG_OK);
    fclose(f);
    const char *header = "person_id,department,entry_date,module,module_start,module_end,next,"
                         "age,disability,prescriber,sex\n";
    assert_memory_equal(text, header, strlen(header));
    eng_csv *t = NULL;
    assert_int_equal(eng_csv_parse("records", text, len, &t, &err), ENG_OK);
    assert_int_equal(eng_csv_nrows(t), rows);
    /* About 10 entries a month over six months. */
    assert_true(rows > 30 && rows < 100);
    long as_of = eng_date_days((eng_date){ 2022, 6, 30 });
    int open = 0;
    for (size_t i = 0; i < eng_csv_nrows(t); i++) {
        assert_string_equal(eng_csv_get_text(t, i, 1), "region");
        assert_string_equal(eng_csv_get_text(t, i, 3), "evaluation");
        long start = eng_date_days(date_of(t, i, "module_start"));
        assert_true(start <= as_of);
        const char *end = eng_csv_get_text(t, i, 5), *next = eng_csv_get_text(t, i, 6);
        if (!*end) {
            /* Open on the as-of date: it would end after it, two months after its start. */
            assert_string_equal(next, "");
            assert_true(start + 2 * 30.4375 > as_of - 1);
            open++;
            continue;
        }
        assert_string_equal(next, "exit.autre");
        long days = eng_date_days(date_of(t, i, "module_end")) - start;
        assert_true(days >= 60 && days <= 62);
        int age = atoi(eng_csv_get_text(t, i, 7));
        assert_true(age >= 18 && age <= 59);
    }
    assert_true(open > 0);
    eng_csv_free(t);
    free(text);

    f = fopen("/dev/null", "w");
    assert_non_null(f);
    assert_int_equal(ea_records_synth(&sc, "2023-02-01", f, &eng_csv_standard, &rows, &err),
                     ENG_EINPUT);
    fclose(f);
    assert_string_equal(err.msg, "--as-of 2023-02-01 : hors de la période simulée, du "
                                 "2022-01-01 au 2022-12-31 ; choisissez une date dans cette "
                                 "période");
    ea_scenario_clear(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_synth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
