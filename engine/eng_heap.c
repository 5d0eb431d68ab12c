/* eng_heap.c — The pending-event set: allocation and growth (push and pop are inline in the
 * header, since they are most of the engine's work). */
#include "eng_heap.h"

#include <stdlib.h>

eng_heap *eng_heap_alloc(size_t capacity)
{
    eng_heap *h = malloc(sizeof *h);
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

void eng_heap_free(eng_heap *h)
{
    if (!h)
        return;
    free(h->a);
    free(h);
}

void eng_heap_clear(eng_heap *h)
{
    h->n = 0;
}

int eng_heap_grow(eng_heap *h)
{
    eng_heap_event *a = realloc(h->a, 2 * h->cap * sizeof *a);
    if (!a)
        return -1;
    h->a = a;
    h->cap *= 2;
    return 0;
}
