/* fa_heap.c — The pending-event set: allocation and growth (push and pop are inline in the
 * header, since they are most of the engine's work). */
#include "fa_heap.h"

#include <stdlib.h>

fa_heap *fa_heap_alloc(size_t capacity)
{
    fa_heap *h = malloc(sizeof *h);
    if (!h)
        return NULL;
    h->cap = capacity < 16 ? 16 : capacity;
    h->n = 0;
    h->a = malloc(h->cap * sizeof *h->a);
    if (!h->a) {
        free(h);
        return NULL;
    }
    return h;
}

void fa_heap_free(fa_heap *h)
{
    if (!h)
        return;
    free(h->a);
    free(h);
}

void fa_heap_clear(fa_heap *h)
{
    h->n = 0;
}

int fa_heap_grow(fa_heap *h)
{
    fa_event *a = realloc(h->a, 2 * h->cap * sizeof *a);
    if (!a)
        return -1;
    h->a = a;
    h->cap *= 2;
    return 0;
}
