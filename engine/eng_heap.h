/* eng_heap.h — The pending-event set of the simulation: events (time, who, what) taken out in the
 * order of their times, first in first out among equal times. Push and pop allocate nothing once grown. */
#ifndef ENG_HEAP_H
#define ENG_HEAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* One event: its time and two integers whose meaning belongs to the model (typically the index of
 * a person or a platform, and the kind of event with a tag). */
typedef struct eng_heap_event {
    double t;
    uint32_t who;
    uint32_t what;
} eng_heap_event;

/* The order of the set: the time, then the push number, so that events at the same time come out
 * in the order they were pushed (the usual rule of discrete-event simulation; it only matters with
 * fixed or empirical durations and the monthly ticks, since continuous times never tie). Both sit
 * in one 128-bit integer, the time's bits above the push number: a time is never negative, and
 * the bits of doubles not below +0 are in the order of their values, so one integer comparison
 * (two instructions, no branch) orders the events. Since every key is different, any correct
 * arrangement of the set gives the same events in the same order: how it is stored (below) can
 * change the speed, never a result. */
__extension__ typedef unsigned __int128 eng_heap_key;

static inline eng_heap_key eng_heap_key_of(double t, uint64_t seq)
{
    uint64_t bits;
    t += 0.0;   /* -0 becomes +0, whose bits sort first */
    memcpy(&bits, &t, sizeof bits);
    return (eng_heap_key)bits << 64 | seq;
}

static inline double eng_heap_key_time(eng_heap_key k)
{
    uint64_t bits = (uint64_t)(k >> 64);
    double t;
    memcpy(&t, &bits, sizeof t);
    return t;
}

typedef struct eng_heap_item {
    uint32_t who, what;
} eng_heap_item;

/* A 4-ary min-heap of keys and items. Node i's children are 4i+1 .. 4i+4; the keys are kept apart
 * from the items and placed so that each family of four keys (16 bytes each) fills one 64-byte
 * cache line: a pop's descent loads one line per level, and half as many levels as a binary heap. */
typedef struct eng_heap_tree {
    eng_heap_key *key;
    eng_heap_item *item;
    void *key_mem, *item_mem;   /* the allocations, key and item pointing a few slots in */
    size_t n, cap;
} eng_heap_tree;

/* One event as the calendar keeps it: in the current bucket's sorted run, or as a node of a
 * bucket's list (next: the following node, ENG_HEAP_NONE at the end). 32 bytes. */
typedef struct eng_heap_node {
    eng_heap_key key;
    eng_heap_item item;
    uint32_t next;
} eng_heap_node;

/* The set is a calendar (Brown 1988) over [0, horizon): buckets of 1/per_unit time units, each an
 * unordered list of its events. The current bucket's events are sorted into a run, taken from its
 * front; an event pushed into the current bucket is inserted in place, one pushed later is
 * prepended to its bucket's list (no comparison), and when the run is spent the next non-empty
 * bucket is sorted into it. With a few events a bucket a pop is an index step and a push a
 * few moves, whatever the number pending (8 000 persons over 101 departments, against 7 levels
 * of a 4-ary heap, out of the first cache). Events at or after the horizon wait in a 4-ary heap,
 * `tree`, which serves alone once the buckets are spent. Without a calendar (eng_heap_calendar not
 * called) the tree holds everything: a plain 4-ary heap.
 *
 * The fields are visible only so that push and pop can be inlined in the simulation's event loop
 * (as GSL does for gsl_rng_uniform); use the functions, never the fields. */
typedef struct eng_heap {
    eng_heap_tree tree;
    uint64_t seq;               /* pushes since the last clear */
    double horizon, per_unit;   /* the calendar's span and buckets per unit of time (0: none) */
    size_t nbuckets, cur;       /* buckets, and the current one (cur >= nbuckets: spent, or none) */
    eng_heap_node *run;         /* the current bucket's events (and any earlier), sorted */
    size_t lo, hi, run_cap;     /* the run is run[lo .. hi) */
    uint32_t *head;             /* each bucket's first node, ENG_HEAP_NONE when empty */
    eng_heap_node *node;        /* the lists' nodes */
    uint32_t free_node;         /* first free node, ENG_HEAP_NONE when none */
    size_t nodes, node_cap;     /* nodes handed out at least once, and allocated */
} eng_heap;

#define ENG_HEAP_NONE UINT32_MAX

/* A set with room for `capacity` events; it grows when full. NULL when out of memory. */
eng_heap *eng_heap_alloc(size_t capacity);
void eng_heap_free(eng_heap *h);   /* NULL is a no-op */

/* Turns the calendar on: buckets of 1/per_unit time units over [0, horizon). The set must be
 * empty. A power of two for per_unit keeps bucket boundaries exact; any positive value is correct.
 * Returns 0, or -1 when memory ran out or the span is too large (the set then stays a heap). */
int eng_heap_calendar(eng_heap *h, double horizon, double per_unit);

/* Empties the set and restarts the push numbers, keeping the memory for the next replication. */
void eng_heap_clear(eng_heap *h);

/* Doubles a tree's room; returns 0, or -1 when memory ran out. */
int eng_heap_tree_grow(eng_heap_tree *t);

/* Prepends an event to bucket b's list, taking a new node; 0, or -1 when memory ran out. The
 * usual case, a free node at hand, is inlined in eng_heap_push. */
int eng_heap_bucket_push(eng_heap *h, size_t b, eng_heap_key key, eng_heap_item item);

/* Inserts an event into the sorted run when it is full up to its end; 0, or -1 when memory ran
 * out. The usual case, room at the end, is inlined in eng_heap_push. */
int eng_heap_run_insert(eng_heap *h, eng_heap_key key, eng_heap_item item);

/* Places e in the sorted run[lo .. hi), which has room at hi: the later events move up a slot. */
static inline void eng_heap_run_place(eng_heap *h, eng_heap_node e)
{
    size_t j = h->hi++;
    while (j > h->lo && h->run[j - 1].key > e.key) {
        h->run[j] = h->run[j - 1];
        j--;
    }
    h->run[j] = e;
}

/* Sorts the next non-empty bucket into the spent run, or, when none is left, marks the buckets
 * spent; returns 0 when the run has events again, -1 otherwise. It never allocates. */
int eng_heap_refill(eng_heap *h);

/* Adds (key, item) to a tree: the hole is sifted up (one write per level instead of a swap).
 * Whole keys are compared, since a bucket moved into the tree brings older push numbers. Returns
 * 0, or -1 when memory ran out. */
static inline int eng_heap_tree_push(eng_heap_tree *tr, eng_heap_key key, eng_heap_item item)
{
    if (tr->n == tr->cap && eng_heap_tree_grow(tr) != 0)
        return -1;
    eng_heap_key *k = tr->key;
    eng_heap_item *it = tr->item;
    size_t i = tr->n++;
    while (i > 0) {
        size_t parent = (i - 1) / 4;
        if (k[parent] < key)
            break;
        k[i] = k[parent];
        it[i] = it[parent];
        i = parent;
    }
    k[i] = key;
    it[i] = item;
    return 0;
}

/* Removes the smallest key of a non-empty tree into *key, *item. */
static inline void eng_heap_tree_pop(eng_heap_tree *tr, eng_heap_key *key, eng_heap_item *item)
{
    eng_heap_key *k = tr->key;
    eng_heap_item *it = tr->item;
    *key = k[0];
    *item = it[0];
    size_t n = --tr->n;
    if (n == 0)
        return;
    eng_heap_key last = k[n];
    eng_heap_item last_item = it[n];
    /* Bottom-up: move the hole down to a leaf along the smallest children without comparing with
     * the last event, then let the last event rise from there, usually a step or none. */
    size_t i = 0, c;
    while ((c = 4 * i + 1) + 3 < n) {
        size_t a = c + (k[c + 1] < k[c]);
        size_t b = c + 2 + (k[c + 3] < k[c + 2]);
        c = a ^ ((a ^ b) & -(size_t)(k[b] < k[a]));   /* without a branch, which would miss */
        k[i] = k[c];
        it[i] = it[c];
        i = c;
    }
    if (c < n) {   /* a last family of one to three children */
        size_t a = c + (c + 1 < n && k[c + 1] < k[c]);
        c = c + 2 < n && k[c + 2] < k[a] ? c + 2 : a;
        k[i] = k[c];
        it[i] = it[c];
        i = c;
    }
    while (i > 0) {
        size_t parent = (i - 1) / 4;
        if (k[parent] < last)
            break;
        k[i] = k[parent];
        it[i] = it[parent];
        i = parent;
    }
    k[i] = last;
    it[i] = last_item;
}

/* Adds an event; returns 0, or -1 when the set had to grow and memory ran out. An event in the
 * current bucket or before goes into the run, a later one before the horizon to its bucket's list,
 * one at or after the horizon (or not a number) to the tree. */
__attribute__((always_inline)) static inline int eng_heap_push(eng_heap *h, double t, uint32_t who,
                                                             uint32_t what)
{
    eng_heap_key key = eng_heap_key_of(t, h->seq++);
    eng_heap_item item = { who, what };
    if (t < h->horizon && h->cur < h->nbuckets) {
        size_t b = t > 0 ? (size_t)(t * h->per_unit) : 0;
        if (b > h->cur && b < h->nbuckets) {
            uint32_t i = h->free_node;
            if (i == ENG_HEAP_NONE)
                return eng_heap_bucket_push(h, b, key, item);
            h->free_node = h->node[i].next;
            h->node[i] = (eng_heap_node){ key, item, h->head[b] };
            h->head[b] = i;
            return 0;
        }
        if (h->hi == h->run_cap)
            return eng_heap_run_insert(h, key, item);
        eng_heap_run_place(h, (eng_heap_node){ key, item, ENG_HEAP_NONE });
        return 0;
    }
    return eng_heap_tree_push(&h->tree, key, item);
}

/* The earliest event's key and item, left in the set; 0, or -1 when the set is empty. (It may sort
 * the next bucket into the run, which changes no order.) */
static inline int eng_heap_front(eng_heap *h, eng_heap_key *key, eng_heap_item *item)
{
    if (h->lo < h->hi || eng_heap_refill(h) == 0) {
        *key = h->run[h->lo].key;
        *item = h->run[h->lo].item;
        return 0;
    }
    if (h->tree.n == 0)
        return -1;
    *key = h->tree.key[0];
    *item = h->tree.item[0];
    return 0;
}

/* Copies the earliest event into *ev and leaves it in the set; returns 0, or -1 when empty. */
static inline int eng_heap_peek(eng_heap *h, eng_heap_event *ev)
{
    eng_heap_key key;
    eng_heap_item item;
    if (eng_heap_front(h, &key, &item) != 0)
        return -1;
    *ev = (eng_heap_event){ eng_heap_key_time(key), item.who, item.what };
    return 0;
}

/* Removes the earliest event into *ev; returns 0, or -1 when the set is empty. */
static inline int eng_heap_pop(eng_heap *h, eng_heap_event *ev)
{
    eng_heap_key key;
    eng_heap_item item;
    if (h->lo < h->hi || eng_heap_refill(h) == 0) {
        key = h->run[h->lo].key;
        item = h->run[h->lo].item;
        h->lo++;
    } else if (h->tree.n > 0) {
        eng_heap_tree_pop(&h->tree, &key, &item);
    } else {
        return -1;
    }
    *ev = (eng_heap_event){ eng_heap_key_time(key), item.who, item.what };
    return 0;
}

#endif
