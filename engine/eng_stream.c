/* eng_stream.c — SplitMix64 as a GSL generator type. */
#include "eng_stream.h"

static uint64_t next(void *vstate)
{
    uint64_t *s = vstate;
    *s += 0x9e3779b97f4a7c15ULL;
    return eng_stream_mix(*s);
}

static void stream_set(void *vstate, unsigned long seed)
{
    *(uint64_t *)vstate = eng_stream_mix((uint64_t)seed);
}

static unsigned long stream_get(void *vstate)
{
    return (unsigned long)(next(vstate) >> 32);
}

/* 53 random bits, in [0, 1). */
static double stream_get_double(void *vstate)
{
    return (double)(next(vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type stream_type = {
    "eng_splitmix64", 0xffffffffUL, 0, sizeof(uint64_t), stream_set, stream_get, stream_get_double
};

const gsl_rng_type *eng_stream_type = &stream_type;

gsl_rng *eng_stream_alloc(void)
{
    return gsl_rng_alloc(eng_stream_type);
}

uint64_t eng_stream_spawn(gsl_rng *parent)
{
    uint64_t hi = gsl_rng_get(parent), lo = gsl_rng_get(parent);
    return eng_stream_mix((hi << 32) ^ lo);
}
