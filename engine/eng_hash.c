/* eng_hash.c — SHA-256 (FIPS 180-4, section 6.2) over bytes given in pieces. */
#include "eng_hash.h"
#include "eng_msg.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
static const uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

/* Processes one 64-byte block into the state. */
static void compress(uint32_t state[8], const unsigned char *block)
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16
               | (uint32_t)block[4 * t + 2] << 8 | (uint32_t)block[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    /* The working variables a..h in registers: shifting them through an array cost a memmove
     * call per round, a quarter of a small run's time. */
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5],
             g = state[6], h = state[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[t] + w[t];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

void eng_hash_init(eng_hash *h)
{
    /* The first 32 bits of the fractional parts of the square roots of the first 8 primes. */
    static const uint32_t initial[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    memcpy(h->state, initial, sizeof initial);
    h->length = 0;
    h->used = 0;
}

void eng_hash_update(eng_hash *h, const void *data, size_t n)
{
    const unsigned char *p = data;
    h->length += n;
    while (n > 0) {
        size_t take = sizeof h->block - h->used < n ? sizeof h->block - h->used : n;
        memcpy(h->block + h->used, p, take);
        h->used += take;
        p += take;
        n -= take;
        if (h->used == sizeof h->block) {
            compress(h->state, h->block);
            h->used = 0;
        }
    }
}

void eng_hash_final(eng_hash *h, char hex[ENG_HASH_HEX])
{
    /* The padding: a 1 bit, zeros up to 56 bytes in the last block, the length in bits. */
    uint64_t bits = h->length * 8;
    static const unsigned char one = 0x80, zero = 0;
    eng_hash_update(h, &one, 1);
    while (h->used != 56)
        eng_hash_update(h, &zero, 1);
    unsigned char len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)(bits >> (56 - 8 * i));
    eng_hash_update(h, len, sizeof len);
    for (int i = 0; i < 8; i++)
        snprintf(hex + 8 * i, ENG_HASH_HEX - 8 * (size_t)i, "%08lx", (unsigned long)h->state[i]);
}

void eng_hash_bytes(const void *data, size_t n, char hex[ENG_HASH_HEX])
{
    eng_hash h;
    eng_hash_init(&h);
    eng_hash_update(&h, data, n);
    eng_hash_final(&h, hex);
}

int eng_hash_file(const char *path, char hex[ENG_HASH_HEX], long long *size, eng_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return eng_error_set(err, ENG_EFAIL, "%s : lecture impossible : %s", path, eng_msg_errno(errno));
    eng_hash h;
    eng_hash_init(&h);
    unsigned char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        eng_hash_update(&h, buf, got);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return eng_error_set(err, ENG_EFAIL, "%s : échec de la lecture", path);
    if (size)
        *size = (long long)h.length;
    eng_hash_final(&h, hex);
    return ENG_OK;
}
