/* eng_dict.c — Dictionaries of names: an array of the names in order of first appearance, and an
 * open-addressing hash table of their numbers. */
#include "eng_dict.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eng_array.h"
#include "eng_text.h"

struct eng_dict {
    const char **names;
    size_t n, cap;
    size_t *slots;     /* 1 + the number of a name, 0 for an empty slot */
    size_t nslots;     /* a power of two, kept above twice n so that probes stay short */
    int fold;          /* names that differ only by ASCII case are the same */
};

eng_dict *eng_dict_alloc(int fold)
{
    eng_dict *d = calloc(1, sizeof *d);
    if (d)
        d->fold = fold;
    return d;
}

void eng_dict_free(eng_dict *d)
{
    if (!d)
        return;
    free(d->names);
    free(d->slots);
    free(d);
}

static size_t hash(const char *s, int fold)
{
    /* FNV-1a, 64 bits. */
    uint64_t h = 14695981039346656037u;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        h ^= fold ? (unsigned char)tolower(c) : c;
        h *= 1099511628211u;
    }
    return (size_t)h;
}

static int same(const eng_dict *d, const char *a, const char *b)
{
    return d->fold ? eng_text_casecmp(a, b) == 0 : strcmp(a, b) == 0;
}

/* Doubles the hash table and places every name again. */
static int grow(eng_dict *d)
{
    size_t nslots = d->nslots ? 2 * d->nslots : 64;
    size_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        size_t h = hash(d->names[i], d->fold) & (nslots - 1);
        while (slots[h])
            h = (h + 1) & (nslots - 1);
        slots[h] = i + 1;
    }
    free(d->slots);
    d->slots = slots;
    d->nslots = nslots;
    return 0;
}

int eng_dict_intern(eng_dict *d, const char *s, size_t *index)
{
    if (2 * (d->n + 1) > d->nslots && grow(d) != 0)
        return -1;
    size_t h = hash(s, d->fold) & (d->nslots - 1);
    for (; d->slots[h]; h = (h + 1) & (d->nslots - 1))
        if (same(d, d->names[d->slots[h] - 1], s)) {
            *index = d->slots[h] - 1;
            return 0;
        }
    if (eng_array_reserve(&d->names, &d->cap, d->n + 1, sizeof *d->names, 64) != 0)
        return -1;
    d->names[d->n] = s;
    d->slots[h] = d->n + 1;
    *index = d->n++;
    return 0;
}

size_t eng_dict_count(const eng_dict *d)
{
    return d->n;
}

const char *eng_dict_name(const eng_dict *d, size_t index)
{
    return d->names[index];
}

typedef struct named {
    const char *name;
    size_t index;
} named;

static int by_name(const void *pa, const void *pb)
{
    return strcmp(((const named *)pa)->name, ((const named *)pb)->name);
}

size_t *eng_dict_sorted(const eng_dict *d)
{
    size_t n = d->n ? d->n : 1;
    named *v = malloc(n * sizeof *v);
    size_t *order = malloc(n * sizeof *order);
    if (v && order) {
        for (size_t i = 0; i < d->n; i++)
            v[i] = (named){ d->names[i], i };
        qsort(v, d->n, sizeof *v, by_name);
        for (size_t i = 0; i < d->n; i++)
            order[i] = v[i].index;
    } else {
        free(order);
        order = NULL;
    }
    free(v);
    return order;
}
