/* eng_encoding.h — The text encodings of the files people save, turned into UTF-8 before any
 * reader sees them: UTF-8 kept as it is, Windows-1252 (Excel's and Notepad's default in France)
 * converted, UTF-16 refused with how to save the file. */
#ifndef ENG_ENCODING_H
#define ENG_ENCODING_H

#include <stddef.h>
#include <stdio.h>
#include "eng_error.h"

/* The encoding a text was found in. */
typedef enum eng_encoding_kind {
    ENG_ENCODING_UTF8,      /* valid UTF-8, with or without a byte order mark: kept byte for byte */
    ENG_ENCODING_CP1252     /* Windows-1252 (Latin-1 is its subset but for 0x80-0x9F): converted */
} eng_encoding_kind;

/* A text in UTF-8, as eng_encoding_decode gives it. */
typedef struct eng_encoding_text {
    const char *data;           /* the text without its byte order mark; not NUL-terminated */
    size_t len;
    eng_encoding_kind from;     /* what the bytes were */
    char *owned;                /* the buffer data points into when it is not the input's */
} eng_encoding_text;

/* Turns the len bytes at data into UTF-8 text in *out.
 *
 * The rule: a UTF-8 byte order mark is dropped; bytes that are valid UTF-8 are kept exactly, never
 * reinterpreted, so a UTF-8 file reads the same as before; any other text is read as Windows-1252,
 * whose 0x80-0x9F range holds € (0x80), œ, ’, « … » and the like, and converted. Five bytes have no
 * character in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D): a text holding one is neither, and the
 * error names its line and byte. A text that holds both UTF-8 sequences of several bytes and bytes
 * that are not UTF-8 was put together from two files; it is refused too, naming a line of each,
 * rather than read half wrong. A text starting with a UTF-16 byte order mark (Excel's « Texte
 * Unicode », Notepad's « Unicode ») is refused with how to save it in UTF-8: Excel writes such
 * files with tabs between cells, which the CSV reader does not take. NUL bytes are left to the
 * readers, which tell what they expect.
 *
 * Lines are counted from 1 by line feeds (by carriage returns in a file that has no line feed).
 * name is the file named in messages. Errors are ENG_EINPUT, or ENG_EFAIL when out of memory. On
 * success out->data points into data, or into out->owned when the text was converted; free it with
 * eng_encoding_text_clear either way. */
int eng_encoding_decode(const char *name, const char *data, size_t len, eng_encoding_text *out,
                        eng_error *err);

/* Reads the whole of f (opened by the caller on the file `name`) and decodes it as
 * eng_encoding_decode does; out->owned then always holds the text. A read error is ENG_EFAIL. */
int eng_encoding_read(FILE *f, const char *name, eng_encoding_text *out, eng_error *err);

/* Replaces *f, opened on the file `name`, by a stream of its text in UTF-8 at its start, for the
 * readers that read line by line; closes the old stream on success only, and the caller closes the
 * new one with fclose. */
int eng_encoding_reopen(FILE **f, const char *name, eng_error *err);

/* The encoding of the file at path as eng_encoding_decode finds it, into *kind: for a program that
 * tells which of its input files were converted, apart from the readers that convert them.
 * ENG_EINPUT when the file cannot be opened or is in no encoding eng_encoding_decode reads (its
 * reader then says why), ENG_EFAIL when it cannot be read. */
int eng_encoding_file(const char *path, eng_encoding_kind *kind, eng_error *err);

/* Frees what a decoded text owns and empties it; an emptied text is a no-op. */
void eng_encoding_text_clear(eng_encoding_text *t);

/* The name of an encoding for messages: "UTF-8", "Windows-1252". */
const char *eng_encoding_name(eng_encoding_kind kind);

#endif
