/* eng_heap.c — The pending-event set: allocation and growth of its heaps and of the calendar's
 * buckets (push and pop are inline in the header, since they are most of the engine's work). */
#include "eng_heap.h"

#include <stdlib.h>
#include <string.h>

/* The keys start 3 slots into a 64-byte aligned block, so that keys 1..4, 5..8, ... (each node's
 * children) fill whole cache lines; the items likewise fill half lines. */
enum { LINE = 64, SKIP = 3 };

static size_t rounded(size_t bytes) { return (bytes + LINE - 1) / LINE * LINE; }

/* New arrays of cap events, the first n copied from the tree's; 0, or -1 when memory ran out. */
static int place(eng_heap_tree *t, size_t cap)
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
    if (t->n) {
        memcpy(k, t->key, t->n * sizeof *k);
        memcpy(it, t->item, t->n * sizeof *it);
    }
    free(t->key_mem);
    free(t->item_mem);
    t->key_mem = km;
    t->item_mem = im;
    t->key = k;
    t->item = it;
    t->cap = cap;
    return 0;
}

int eng_heap_tree_grow(eng_heap_tree *t)
{
    return place(t, 2 * t->cap);
}

eng_heap *eng_heap_alloc(size_t capacity)
{
    eng_heap *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->free_node = ENG_HEAP_NONE;
    if (place(&h->near, capacity < 16 ? 16 : capacity) != 0 || place(&h->far, 16) != 0) {
        eng_heap_free(h);
        return NULL;
    }
    return h;
}

void eng_heap_free(eng_heap *h)
{
    if (!h)
        return;
    free(h->near.key_mem);
    free(h->near.item_mem);
    free(h->far.key_mem);
    free(h->far.item_mem);
    free(h->head);
    free(h->node_key);
    free(h->node_item);
    free(h->node_next);
    free(h);
}

int eng_heap_calendar(eng_heap *h, double horizon, double per_unit)
{
    if (!(horizon > 0) || !(per_unit > 0))
        return -1;
    double span = horizon * per_unit;
    if (!(span < (double)(ENG_HEAP_NONE / 2)))
        return -1;
    size_t nb = (size_t)span + 1;   /* t * per_unit < span: the last bucket is never past nb - 1 */
    uint32_t *head = malloc(nb * sizeof *head);
    if (!head)
        return -1;
    free(h->head);
    h->head = head;
    h->nbuckets = nb;
    h->horizon = horizon;
    h->per_unit = per_unit;
    eng_heap_clear(h);
    return 0;
}

void eng_heap_clear(eng_heap *h)
{
    h->near.n = 0;
    h->far.n = 0;
    h->seq = 0;
    h->cur = 0;
    h->nodes = 0;
    h->free_node = ENG_HEAP_NONE;
    if (h->head)
        memset(h->head, 0xff, h->nbuckets * sizeof *h->head);   /* every bucket ENG_HEAP_NONE */
}

/* Doubles the node pool (the nodes are numbered, so moving them changes no list). */
static int pool_grow(eng_heap *h)
{
    size_t cap = h->node_cap ? 2 * h->node_cap : 1024;
    if (cap > ENG_HEAP_NONE)
        return -1;
    eng_heap_key *k = realloc(h->node_key, cap * sizeof *k);
    if (!k)
        return -1;
    h->node_key = k;
    eng_heap_item *it = realloc(h->node_item, cap * sizeof *it);
    if (!it)
        return -1;
    h->node_item = it;
    uint32_t *next = realloc(h->node_next, cap * sizeof *next);
    if (!next)
        return -1;
    h->node_next = next;
    h->node_cap = cap;
    return 0;
}

int eng_heap_bucket_push(eng_heap *h, size_t b, eng_heap_key key, eng_heap_item item)
{
    uint32_t node = h->free_node;
    if (node != ENG_HEAP_NONE) {
        h->free_node = h->node_next[node];
    } else {
        /* The near heap keeps room for every node there is, so that moving a bucket into it
         * never allocates (a failure there could not be told from an empty set). */
        if (h->nodes == h->node_cap && pool_grow(h) != 0)
            return -1;
        if (h->nodes >= h->near.cap && place(&h->near, 2 * h->near.cap) != 0)
            return -1;
        node = (uint32_t)h->nodes++;
    }
    h->node_key[node] = key;
    h->node_item[node] = item;
    h->node_next[node] = h->head[b];
    h->head[b] = node;
    return 0;
}

int eng_heap_refill(eng_heap *h)
{
    if (h->cur >= h->nbuckets)   /* no calendar, or its buckets spent: near holds everything */
        return -1;
    size_t b = h->cur + 1;
    while (b < h->nbuckets && h->head[b] == ENG_HEAP_NONE)
        b++;
    if (b >= h->nbuckets) {
        /* The buckets are spent: what is left waits in the far heap, which becomes the near one
         * (every later push lands there, since nothing is earlier than the horizon any more). */
        h->cur = h->nbuckets;
        eng_heap_tree spare = h->near;
        h->near = h->far;
        h->far = spare;
        return h->near.n ? 0 : -1;
    }
    h->cur = b;
    uint32_t node = h->head[b];
    h->head[b] = ENG_HEAP_NONE;
    while (node != ENG_HEAP_NONE) {
        uint32_t next = h->node_next[node];
        /* Cannot fail: the near heap, empty here, has room for every node (eng_heap_bucket_push). */
        (void)eng_heap_tree_push(&h->near, h->node_key[node], h->node_item[node]);
        h->node_next[node] = h->free_node;
        h->free_node = node;
        node = next;
    }
    return 0;
}
