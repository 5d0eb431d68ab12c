/* test_ea_schema_item.c — The pieces shared by the value types: ranges written for people (French
 * grouping and decimal comma) or as a file writes them, range checks, comma-list items, and the
 * decimal comma of a NAME:NUMBER list told with its fix. */
#include "test_util.h"

#include <math.h>
#include <string.h>

#include "engine/eng_msg.h"
#include "models/ea_schema_item.h"

static void test_ranges(void **state)
{
    (void)state;
    ea_schema_key k = { .key = "replications", .min = 1, .max = 1200 };
    char buf[64];
    eng_msg_set_lang(ENG_MSG_FR);
    ea_schema_item_range(&k, 0, buf, sizeof buf);
    assert_string_equal(buf, "1 à 1 200");
    ea_schema_item_range(&k, 1, buf, sizeof buf);
    assert_string_equal(buf, "1 à 1200");
    k.min = 0.03;
    k.max = INFINITY;
    ea_schema_item_range(&k, 0, buf, sizeof buf);
    assert_string_equal(buf, ">= 0,03");
    k.flags = EA_SCHEMA_MIN_EXCLUSIVE;
    k.max = 744;
    ea_schema_item_range(&k, 1, buf, sizeof buf);
    assert_string_equal(buf, "> 0.03 et <= 744");
    assert_false(ea_schema_item_in_range(&k, 0.03));
    assert_true(ea_schema_item_in_range(&k, 0.031));
    assert_true(ea_schema_item_in_range(&k, 744));
    assert_false(ea_schema_item_in_range(&k, 744.5));
    eng_msg_set_lang(ENG_MSG_EN);
    ea_schema_item_range(&k, 0, buf, sizeof buf);
    assert_string_equal(buf, "> 0.03 and <= 744");
    eng_msg_set_lang(ENG_MSG_FR);
}

static void test_items(void **state)
{
    (void)state;
    char text[] = " a , b,c ", blank[] = "  ";
    char *p = ea_schema_item_first(text);
    assert_non_null(p);
    assert_string_equal(ea_schema_item_next(&p), "a");
    assert_string_equal(ea_schema_item_next(&p), "b");
    assert_string_equal(ea_schema_item_next(&p), "c");
    assert_null(p);
    assert_null(ea_schema_item_first(blank));
}

static void test_decimal_comma(void **state)
{
    (void)state;
    eng_error err = { "" };
    ea_schema_key k = { .section = EA_SEC_ENTRIES, .key = "mix" };
    ea_schema_type_at at = { .err = &err, .path = "s.ini", .line = 7, .section = "entries" };
    assert_int_equal(ea_schema_item_decimal_comma(&at, &k, "evaluation:0.8, maintien:0.2"), ENG_OK);
    assert_int_equal(ea_schema_item_decimal_comma(&at, &k, "evaluation:0,80, maintien:0,20"),
                     ENG_EINPUT);
    assert_non_null(strstr(err.msg, "s.ini"));
    assert_non_null(strstr(err.msg, "écrivez evaluation:0.80 avec un point décimal"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_items),
        cmocka_unit_test(test_decimal_comma),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
