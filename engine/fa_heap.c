/* fa_heap.c — The pending-event set: a binary min-heap stored in one array, sifted with a hole
 * (one write per level instead of a swap) because push and pop are most of the engine's work. */
#include "fa_heap.h"

#include <stdlib.h>

struct fa_heap {
    fa_event *a;
    size_t n, cap;
};

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

size_t fa_heap_size(const fa_heap *h)
{
    return h->n;
}

int fa_heap_push(fa_heap *h, double t, uint32_t who, uint32_t what)
{
    if (h->n == h->cap) {
        fa_event *a = realloc(h->a, 2 * h->cap * sizeof *a);
        if (!a)
            return -1;
        h->a = a;
        h->cap *= 2;
    }
    fa_event *a = h->a;
    size_t i = h->n++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (a[parent].t <= t)
            break;
        a[i] = a[parent];
        i = parent;
    }
    a[i] = (fa_event){ t, who, what };
    return 0;
}

int fa_heap_pop(fa_heap *h, fa_event *ev)
{
    if (h->n == 0)
        return -1;
    fa_event *a = h->a;
    *ev = a[0];
    fa_event last = a[--h->n];
    size_t n = h->n, i = 0;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && a[child + 1].t < a[child].t)
            child++;
        if (last.t <= a[child].t)
            break;
        a[i] = a[child];
        i = child;
    }
    if (n > 0)
        a[i] = last;
    return 0;
}
