/* fa_heap.h — The pending-event set of the simulation: a binary min-heap of (time, who, what)
 * events. Push and pop allocate nothing once the heap has grown to its working size. */
#ifndef FA_HEAP_H
#define FA_HEAP_H

#include <stddef.h>
#include <stdint.h>

/* One event: its time and two integers whose meaning belongs to the model (typically the index of
 * a person or a platform, and the kind of event with a tag). 16 bytes, so four fit a cache line. */
typedef struct fa_event {
    double t;
    uint32_t who;
    uint32_t what;
} fa_event;

typedef struct fa_heap fa_heap;

/* A heap with room for `capacity` events; it doubles when full. NULL when out of memory. */
fa_heap *fa_heap_alloc(size_t capacity);
void fa_heap_free(fa_heap *h);   /* NULL is a no-op */

/* Empties the heap, keeping its memory for the next replication. */
void fa_heap_clear(fa_heap *h);

size_t fa_heap_size(const fa_heap *h);

/* Adds an event; returns 0, or -1 when the heap had to grow and memory ran out. */
int fa_heap_push(fa_heap *h, double t, uint32_t who, uint32_t what);

/* Removes the earliest event into *ev; returns 0, or -1 when the heap is empty. Among events at
 * the same time the order is fixed by the sequence of pushes and pops, so a run is reproducible. */
int fa_heap_pop(fa_heap *h, fa_event *ev);

#endif
