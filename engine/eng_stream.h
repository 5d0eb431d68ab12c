/* eng_stream.h — Per-entity random substreams: a SplitMix64 generator wrapped as a GSL generator
 * whose 64-bit state a model keeps per person, so that a person's draws (durations, routing) do
 * not depend on what happens to others — common random numbers across close scenarios. */
#ifndef ENG_STREAM_H
#define ENG_STREAM_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/* The generator type: 32-bit outputs (like MT19937, so every GSL sampler accepts it) from the
 * SplitMix64 sequence (Steele, Lea and Flood 2014), which passes BigCrush. */
extern const gsl_rng_type *eng_stream_type;

/* A generator of that type; free it with gsl_rng_free. NULL when out of memory. */
gsl_rng *eng_stream_alloc(void);

/* The SplitMix64 output function: a bijection of 64-bit words that mixes every bit into every bit. */
static inline uint64_t eng_stream_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* The next 64 bits of a generator of eng_stream_type, without the call through the GSL type that
 * gsl_rng_get makes (the samplers of eng_dist draw this way). Its upper 32 bits are what
 * gsl_rng_get would have returned. */
static inline uint64_t eng_stream_next(gsl_rng *r)
{
    uint64_t *s = r->state;
    *s += 0x9e3779b97f4a7c15ULL;
    return eng_stream_mix(*s);
}

/* Points the generator at a person's substream, and reads back where it stands after drawing. */
static inline void eng_stream_load(gsl_rng *r, uint64_t state)
{
    *(uint64_t *)r->state = state;
}

static inline uint64_t eng_stream_state(const gsl_rng *r)
{
    return *(const uint64_t *)r->state;
}

/* A fresh key drawn from a parent generator (two 32-bit draws). */
uint64_t eng_stream_spawn(gsl_rng *parent);

/* The start of substream k of a key. SplitMix64 walks its state by a fixed odd step; starting
 * substream k at key + k * 2^32 steps makes the substreams disjoint for the first 2^32 draws of
 * each, for up to 2^32 substreams, at the cost of one multiplication. */
static inline uint64_t eng_stream_nth(uint64_t key, uint64_t k)
{
    return key + k * (0x9e3779b97f4a7c15ULL << 32);
}

#endif
