/* eng_heap.h — The pending-event set of the simulation: a 4-ary min-heap of (time, who, what)
 * events, first in first out among equal times. Push and pop allocate nothing once grown. */
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

/* The order of the heap: the time, then the push number, so that events at the same time come out
 * in the order they were pushed (the usual rule of discrete-event simulation; it only matters with
 * fixed or empirical durations and the monthly ticks, since continuous times never tie). Both sit
 * in one 128-bit integer, the time's bits above the push number: a time is never negative, and
 * the bits of doubles not below +0 are in the order of their values, so one integer comparison
 * (two instructions, no branch) orders the events. */
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

/* The heap's fields are visible only so that push and pop can be inlined in the simulation's
 * event loop (as GSL does for gsl_rng_uniform); use the functions, never the fields. Node i's
 * children are 4i+1 .. 4i+4; the keys are kept apart from the items and placed so that each
 * family of four keys (16 bytes each) fills one 64-byte cache line: a pop's descent loads one
 * line per level, and half as many levels as a binary heap. */
typedef struct eng_heap {
    eng_heap_key *key;
    eng_heap_item *item;
    void *key_mem, *item_mem;   /* the allocations, key and item pointing a few slots in */
    size_t n, cap;
    uint64_t seq;               /* pushes since the last clear */
} eng_heap;

/* A heap with room for `capacity` events; it doubles when full. NULL when out of memory. */
eng_heap *eng_heap_alloc(size_t capacity);
void eng_heap_free(eng_heap *h);   /* NULL is a no-op */

/* Empties the heap and restarts the push numbers, keeping the memory for the next replication. */
void eng_heap_clear(eng_heap *h);

/* Doubles the room; returns 0, or -1 when memory ran out. Called by eng_heap_push when full. */
int eng_heap_grow(eng_heap *h);

/* Adds an event; returns 0, or -1 when the heap had to grow and memory ran out. The hole is
 * sifted up (one write per level instead of a swap); the new event has the largest push number,
 * so a parent
 * at the same time stays ahead of it. */
static inline int eng_heap_push(eng_heap *h, double t, uint32_t who, uint32_t what)
{
    if (h->n == h->cap && eng_heap_grow(h) != 0)
        return -1;
    eng_heap_key *k = h->key;
    eng_heap_item *it = h->item;
    size_t i = h->n++;
    eng_heap_key key = eng_heap_key_of(t, h->seq++);
    uint64_t time_bits = (uint64_t)(key >> 64);
    while (i > 0) {
        size_t parent = (i - 1) / 4;
        if ((uint64_t)(k[parent] >> 64) <= time_bits)   /* the time alone decides: see above */
            break;
        k[i] = k[parent];
        it[i] = it[parent];
        i = parent;
    }
    k[i] = key;
    it[i] = (eng_heap_item){ who, what };
    return 0;
}

/* Copies the earliest event into *ev and leaves it in the heap; returns 0, or -1 when empty. */
static inline int eng_heap_peek(const eng_heap *h, eng_heap_event *ev)
{
    if (h->n == 0)
        return -1;
    *ev = (eng_heap_event){ eng_heap_key_time(h->key[0]), h->item[0].who, h->item[0].what };
    return 0;
}

/* Removes the earliest event into *ev; returns 0, or -1 when the heap is empty. */
static inline int eng_heap_pop(eng_heap *h, eng_heap_event *ev)
{
    if (h->n == 0)
        return -1;
    eng_heap_key *k = h->key;
    eng_heap_item *it = h->item;
    *ev = (eng_heap_event){ eng_heap_key_time(k[0]), it[0].who, it[0].what };
    size_t n = --h->n;
    if (n == 0)
        return 0;
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
    return 0;
}

#endif
