/* ea_schema_item.h — Pieces shared by the value types of scenario keys (ea_schema_type): the ranges
 * of numbers as help and messages write them, errors that name the key, and comma-list items. */
#ifndef EA_SCHEMA_ITEM_H
#define EA_SCHEMA_ITEM_H

#include <stddef.h>
#include <stdio.h>

#include "ea_schema.h"
#include "ea_schema_type.h"

/* Writes the number `plain` (digits, an optional sign and decimal point, as "%.15g" or "%ld" write
 * them) into buf: as it is, unless it is for `people` in French, then with its digits grouped by
 * three with a space and a decimal comma ("1 200", "0,03"). */
void ea_schema_item_people_number(char *buf, size_t size, const char *plain, int people);

/* A round number of the schema's ranges (1200, 1e7, 744) in full ("%.15g"), for people or as a
 * scenario file writes it (see ea_schema_item_people_number). */
void ea_schema_item_number(char *buf, size_t size, double x, int people);

/* The range of the numbers of key k, in the language of the messages: "0 à 744", ">= 0", "> 0 et
 * <= 744". The key list's (expected 0) writes its numbers for people ("1 200", "0,03" in
 * French); a message's (expected 1) as a scenario file writes them ("1200", "0.03"). */
void ea_schema_item_range(const ea_schema_key *k, int expected, char *buf, size_t size);

/* 1 when x lies in the range of key k, 0 otherwise. */
int ea_schema_item_in_range(const ea_schema_key *k, double x);

/* Fills at->err with an error about the value of key k (file, line, section and key in front),
 * naming the default's text when the value was a default; returns ENG_EINPUT. */
int ea_schema_item_error(const ea_schema_type_at *at, const ea_schema_key *k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* « TEXT » is not valid, with what key k expects; returns ENG_EINPUT. */
int ea_schema_item_bad(const ea_schema_type_at *at, const ea_schema_key *k, const char *text);

/* Out of memory while reading at->path; returns ENG_EFAIL. */
int ea_schema_item_oom(const ea_schema_type_at *at);

/* In a list of NAME:NUMBER items, a number written with a decimal comma ("evaluation:0,80")
 * cuts its item in two: says how to write it (ENG_EINPUT); ENG_OK when the list has none. */
int ea_schema_item_decimal_comma(const ea_schema_type_at *at, const ea_schema_key *k,
                                 const char *text);

/* Cuts *p at the next comma and returns the trimmed item; *p becomes NULL after the last one. */
char *ea_schema_item_next(char **p);

/* text, or NULL when the list is empty (blanks only). */
char *ea_schema_item_first(char *text);

/* Writes x in the shortest form that reads back to the same double. */
void ea_schema_item_put_number(FILE *f, double x);

#endif
