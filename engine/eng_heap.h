/* eng_heap.h — The pending-event set of the simulation: a binary min-heap of (time, who, what)
 * events. Push and pop allocate nothing once the heap has grown to its working size. */
#ifndef ENG_HEAP_H
#define ENG_HEAP_H

#include <stddef.h>
#include <stdint.h>

/* One event: its time and two integers whose meaning belongs to the model (typically the index of
 * a person or a platform, and the kind of event with a tag). 16 bytes, so four fit a cache line. */
typedef struct eng_heap_event {
    double t;
    uint32_t who;
    uint32_t what;
} eng_heap_event;

/* The heap's fields are visible only so that push and pop can be inlined in the simulation's
 * event loop (as GSL does for gsl_rng_uniform); use the functions, never the fields. */
typedef struct eng_heap {
    eng_heap_event *a;
    size_t n, cap;
} eng_heap;

/* A heap with room for `capacity` events; it doubles when full. NULL when out of memory. */
eng_heap *eng_heap_alloc(size_t capacity);
void eng_heap_free(eng_heap *h);   /* NULL is a no-op */

/* Empties the heap, keeping its memory for the next replication. */
void eng_heap_clear(eng_heap *h);

/* Doubles the room; returns 0, or -1 when memory ran out. Called by eng_heap_push when full. */
int eng_heap_grow(eng_heap *h);

/* Adds an event; returns 0, or -1 when the heap had to grow and memory ran out. The hole is
 * sifted up (one write per level instead of a swap). */
static inline int eng_heap_push(eng_heap *h, double t, uint32_t who, uint32_t what)
{
    if (h->n == h->cap && eng_heap_grow(h) != 0)
        return -1;
    eng_heap_event *a = h->a;
    size_t i = h->n++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (a[parent].t <= t)
            break;
        a[i] = a[parent];
        i = parent;
    }
    a[i] = (eng_heap_event){ t, who, what };
    return 0;
}

/* The earliest event, left in the heap; NULL when the heap is empty. */
static inline const eng_heap_event *eng_heap_top(const eng_heap *h)
{
    return h->n > 0 ? &h->a[0] : NULL;
}

/* Removes the earliest event into *ev; returns 0, or -1 when the heap is empty. Among events at
 * the same time the order is fixed by the sequence of pushes and pops, so a run is reproducible. */
static inline int eng_heap_pop(eng_heap *h, eng_heap_event *ev)
{
    if (h->n == 0)
        return -1;
    eng_heap_event *a = h->a;
    *ev = a[0];
    size_t n = --h->n;
    if (n == 0)
        return 0;
    eng_heap_event last = a[n];
    /* Bottom-up: move the hole down to a leaf along the smaller children without comparing with
     * the last element (the choice of child compiles without a branch), then let the last element
     * rise from there, which is usually a step or two. Half the comparisons of the classic sift. */
    size_t i = 0, child;
    while ((child = 2 * i + 1) + 1 < n) {
        child += a[child + 1].t < a[child].t;
        a[i] = a[child];
        i = child;
    }
    if (child < n) {
        a[i] = a[child];
        i = child;
    }
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (a[parent].t <= last.t)
            break;
        a[i] = a[parent];
        i = parent;
    }
    a[i] = last;
    return 0;
}

#endif
