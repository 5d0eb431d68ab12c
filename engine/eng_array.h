/* eng_array.h — Growable arrays: the one place where a buffer doubles its capacity, with the size
 * arithmetic checked, so that no caller writes its own realloc loop. */
#ifndef ENG_ARRAY_H
#define ENG_ARRAY_H

#include <stddef.h>

/* Makes room for at least `need` elements of `size` bytes in the array *items of capacity *cap
 * (elements), doubling the capacity (from at least `first`) until it suffices. On success *items
 * and *cap are updated and 0 is returned; when the size would overflow or memory runs out, -1 is
 * returned and *items and *cap are left as they were (the array is still valid and still owned by
 * the caller). */
int eng_array_reserve(void *items, size_t *cap, size_t need, size_t size, size_t first);

/* The same for an int capacity, for arrays whose count is an int. */
int eng_array_reserve_int(void *items, int *cap, int need, size_t size, int first);

#endif
