/* eng_array.c — Growable arrays. */
#include "eng_array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int eng_array_reserve(void *items, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap > 0 ? *cap : (first > 0 ? first : 1);
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return -1;
        c *= 2;
    }
    if (size > 0 && c > SIZE_MAX / size)
        return -1;
    /* items is a pointer to the caller's pointer, whatever its element type: void * and T * have
     * the same representation on every platform POSIX supports. */
    void *old;
    memcpy(&old, items, sizeof old);
    void *p = realloc(old, c * size);
    if (!p)
        return -1;
    memcpy(items, &p, sizeof p);
    *cap = c;
    return 0;
}

int eng_array_reserve_int(void *items, int *cap, int need, size_t size, int first)
{
    if (need < 0 || *cap < 0)
        return -1;
    size_t c = (size_t)*cap;
    if (eng_array_reserve(items, &c, (size_t)need, size, first > 0 ? (size_t)first : 1) != 0)
        return -1;
    if (c > (size_t)INT32_MAX) {
        /* The count is an int: keep the memory but never report a capacity it cannot hold. */
        c = (size_t)INT32_MAX;
    }
    *cap = (int)c;
    return 0;
}
