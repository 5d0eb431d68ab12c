/* eng_heap.c — The pending-event set: allocation and growth (push and pop are inline in the
 * header, since they are most of the engine's work). */
#include "eng_heap.h"

#include <stdlib.h>
#include <string.h>

/* The keys start 3 slots into a 64-byte aligned block, so that keys 1..4, 5..8, ... (each node's
 * children) fill whole cache lines; the items likewise fill half lines. */
enum { LINE = 64, SKIP = 3 };

static size_t rounded(size_t bytes) { return (bytes + LINE - 1) / LINE * LINE; }

/* New arrays of cap events, the first n copied from h's; 0, or -1 when memory ran out. */
static int place(eng_heap *h, size_t cap)
{
    void *km = aligned_alloc(LINE, rounded((cap + SKIP) * sizeof(eng_heap_key)));
    void *im = aligned_alloc(LINE, rounded((cap + SKIP) * sizeof(eng_heap_item)));
    if (!km || !im) {
        free(km);
        free(im);
        return -1;
    }
    eng_heap_key *k = (eng_heap_key *)km + SKIP;
    eng_heap_item *it = (eng_heap_item *)im + SKIP;
    if (h->n) {
        memcpy(k, h->key, h->n * sizeof *k);
        memcpy(it, h->item, h->n * sizeof *it);
    }
    free(h->key_mem);
    free(h->item_mem);
    h->key_mem = km;
    h->item_mem = im;
    h->key = k;
    h->item = it;
    h->cap = cap;
    return 0;
}

eng_heap *eng_heap_alloc(size_t capacity)
{
    eng_heap *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    if (place(h, capacity < 16 ? 16 : capacity) != 0) {
        free(h);
        return NULL;
    }
    return h;
}

void eng_heap_free(eng_heap *h)
{
    if (!h)
        return;
    free(h->key_mem);
    free(h->item_mem);
    free(h);
}

void eng_heap_clear(eng_heap *h)
{
    h->n = 0;
    h->seq = 0;
}

int eng_heap_grow(eng_heap *h)
{
    return place(h, 2 * h->cap);
}
