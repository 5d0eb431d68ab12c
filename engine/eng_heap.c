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
    if (place(&h->tree, capacity < 16 ? 16 : capacity) != 0) {
        free(h);
        return NULL;
    }
    return h;
}

void eng_heap_free(eng_heap *h)
{
    if (!h)
        return;
    free(h->tree.key_mem);
    free(h->tree.item_mem);
    free(h->run);
    free(h->head);
    free(h->node);
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
    h->tree.n = 0;
    h->seq = 0;
    h->cur = 0;
    h->lo = h->hi = 0;
    h->nodes = 0;
    h->free_node = ENG_HEAP_NONE;
    if (h->head)
        memset(h->head, 0xff, h->nbuckets * sizeof *h->head);   /* every bucket ENG_HEAP_NONE */
}

/* Room for `need` events in the run, kept from its start; 0, or -1 when memory ran out. */
static int run_reserve(eng_heap *h, size_t need)
{
    if (need <= h->run_cap)
        return 0;
    size_t cap = h->run_cap ? h->run_cap : 64;
    while (cap < need)
        cap *= 2;
    eng_heap_node *run = aligned_alloc(LINE, cap * sizeof *run);
    if (!run)
        return -1;
    if (h->hi > h->lo)
        memcpy(run, h->run + h->lo, (h->hi - h->lo) * sizeof *run);
    free(h->run);
    h->run = run;
    h->hi -= h->lo;
    h->lo = 0;
    h->run_cap = cap;
    return 0;
}

int eng_heap_bucket_push(eng_heap *h, size_t b, eng_heap_key key, eng_heap_item item)
{
    uint32_t i = h->free_node;
    if (i != ENG_HEAP_NONE) {
        h->free_node = h->node[i].next;
    } else {
        /* The run keeps room for every node there is, so that sorting a bucket into it never
         * allocates (a failure there could not be told from an empty set). */
        if (h->nodes == h->node_cap) {
            size_t cap = h->node_cap ? 2 * h->node_cap : 1024;
            eng_heap_node *node = cap < ENG_HEAP_NONE ? realloc(h->node, cap * sizeof *node) : NULL;
            if (!node)
                return -1;
            h->node = node;
            h->node_cap = cap;
        }
        if (run_reserve(h, h->nodes + 1 + (h->hi - h->lo)) != 0)
            return -1;
        i = (uint32_t)h->nodes++;
    }
    h->node[i] = (eng_heap_node){ key, item, h->head[b] };
    h->head[b] = i;
    return 0;
}

int eng_heap_run_insert(eng_heap *h, eng_heap_key key, eng_heap_item item)
{
    if (h->hi == h->run_cap) {
        if (h->lo > 0) {   /* the spent front makes room */
            memmove(h->run, h->run + h->lo, (h->hi - h->lo) * sizeof *h->run);
            h->hi -= h->lo;
            h->lo = 0;
        } else if (run_reserve(h, h->run_cap + 1) != 0) {
            return -1;
        }
    }
    eng_heap_run_place(h, (eng_heap_node){ key, item, ENG_HEAP_NONE });
    return 0;
}

int eng_heap_refill(eng_heap *h)
{
    if (h->cur >= h->nbuckets)   /* no calendar, or its buckets spent: the tree holds the rest */
        return -1;
    size_t b = h->cur + 1;
    while (b < h->nbuckets && h->head[b] == ENG_HEAP_NONE)
        b++;
    h->cur = b;
    if (b >= h->nbuckets)
        return -1;
    /* Insertion sort of the bucket into the empty run: a few events. It cannot run out of
     * room: the run has room for every node (eng_heap_bucket_push). */
    h->lo = h->hi = 0;
    uint32_t i = h->head[b];
    h->head[b] = ENG_HEAP_NONE;
    while (i != ENG_HEAP_NONE) {
        uint32_t next = h->node[i].next;
        eng_heap_run_place(h, h->node[i]);
        h->node[i].next = h->free_node;
        h->free_node = i;
        i = next;
    }
    return 0;
}
