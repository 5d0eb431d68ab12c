/* eng_hash.h — SHA-256 checksums (FIPS 180-4) of texts and files, in the hexadecimal form that
 * sha256sum prints, so that anyone can check a file against the checksum a run recorded. */
#ifndef ENG_HASH_H
#define ENG_HASH_H

#include <stddef.h>
#include <stdint.h>
#include "eng_error.h"

/* The length of a checksum in hexadecimal: 64 digits and the terminating NUL. */
#define ENG_HASH_HEX 65

/* A checksum being computed over bytes given in pieces. A value on the caller's stack; its fields
 * are the algorithm's state and not meant to be read. */
typedef struct eng_hash {
    uint32_t state[8];
    uint64_t length;            /* bytes given so far */
    unsigned char block[64];    /* the bytes of the block not yet processed */
    size_t used;                /* how many of them */
} eng_hash;

void eng_hash_init(eng_hash *h);
void eng_hash_update(eng_hash *h, const void *data, size_t n);

/* Ends the checksum and writes it in lower-case hexadecimal; h must be initialised again to be
 * used for another. */
void eng_hash_final(eng_hash *h, char hex[ENG_HASH_HEX]);

/* The checksum of n bytes. */
void eng_hash_bytes(const void *data, size_t n, char hex[ENG_HASH_HEX]);

/* The checksum of a file's content and its size in bytes (size may be NULL). A file that cannot be
 * opened or read is ENG_EFAIL naming it. */
int eng_hash_file(const char *path, char hex[ENG_HASH_HEX], long long *size, eng_error *err);

#endif
