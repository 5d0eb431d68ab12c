/* eng_dict.h — Dictionaries of names: the distinct strings of a table (person identifiers,
 * department codes, reasons) numbered in order of first appearance and found again by hashing. */
#ifndef ENG_DICT_H
#define ENG_DICT_H

#include <stddef.h>

typedef struct eng_dict eng_dict;

/* An empty dictionary. With fold set, names that differ only by ASCII case are one name, spelled
 * as it was first given. NULL when out of memory. */
eng_dict *eng_dict_alloc(int fold);

void eng_dict_free(eng_dict *d);   /* NULL is a no-op */

/* Stores in *index the number of name s (0 for the first name given, 1 for the next new one, and
 * so on), adding s when it is new. The dictionary keeps the pointer, not a copy: s must outlive
 * it, as the cells of a table read into memory do. Returns 0, or -1 when out of memory, with the
 * dictionary unchanged. */
int eng_dict_intern(eng_dict *d, const char *s, size_t *index);

/* The number of distinct names. */
size_t eng_dict_count(const eng_dict *d);

/* Name number `index` (< eng_dict_count), as first given. */
const char *eng_dict_name(const eng_dict *d, size_t index);

/* The name numbers sorted by the bytes of the names (strcmp), for tables that read in order: an
 * array of eng_dict_count(d) numbers for the caller to free, or NULL when out of memory. */
size_t *eng_dict_sorted(const eng_dict *d);

#endif
