/* eng_encoding.c — UTF-8 checked, Windows-1252 converted, UTF-16 refused: one pass finds which, a
 * second converts when needed. */
#include "eng_encoding.h"
#include "eng_msg.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The characters of Windows-1252's bytes 0x80-0x9F as Unicode code points; 0 for the five bytes
 * that have none. Bytes 0xA0-0xFF are U+00A0-U+00FF, as in Latin-1. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,   /* 0x80-0x87 */
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,        /* 0x88-0x8F */
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,   /* 0x90-0x97 */
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,   /* 0x98-0x9F */
};

/* Bytes read at a time from a stream whose size is not known (a pipe). */
enum { READ_BLOCK = 1 << 16 };

const char *eng_encoding_name(eng_encoding_kind kind)
{
    return kind == ENG_ENCODING_CP1252 ? "Windows-1252" : "UTF-8";
}

void eng_encoding_text_clear(eng_encoding_text *t)
{
    free(t->owned);
    memset(t, 0, sizeof *t);
}

/* The length of the valid UTF-8 sequence at s[0..len), or 0 when none starts there (overlong
 * forms, surrogates and code points above U+10FFFF are invalid). s[0] is not ASCII. */
static size_t utf8_sequence(const unsigned char *s, size_t len)
{
    unsigned c = s[0], lo = 0x80, hi = 0xBF;   /* the range allowed for the second byte */
    size_t n;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : lo;
        hi = c == 0xED ? 0x9F : hi;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : lo;
        hi = c == 0xF4 ? 0x8F : hi;
    } else {
        return 0;
    }
    if (n > len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* What one pass over the bytes finds: where the first sequence of several UTF-8 bytes is, where
 * the first byte that is not UTF-8 is (len for none), and how long the text is in UTF-8 when read
 * as Windows-1252. */
typedef struct scan {
    size_t first_multi, first_bad, cp1252_len;
} scan;

static scan scan_bytes(const unsigned char *s, size_t len)
{
    scan sc = { len, len, len };
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_sequence(s + i, len - i);
        if (n == 0 && sc.first_bad == len)
            sc.first_bad = i;
        else if (n > 0 && sc.first_multi == len)
            sc.first_multi = i;
        /* Read as Windows-1252, each of these bytes takes one byte more in UTF-8, or two for those
         * of 0x80-0x9F whose character is above U+07FF (€, ’, …). */
        for (size_t k = i; k < i + (n ? n : 1); k++)
            sc.cp1252_len += s[k] >= 0xA0 ? 1 : cp1252_high[s[k] - 0x80] >= 0x800 ? 2 : 1;
        i += n ? n : 1;
    }
    return sc;
}

/* The line of the byte at offset `at`, from 1: line feeds before it, or carriage returns when the
 * text has no line feed (a classic Mac file). */
static long line_of(const char *s, size_t len, size_t at)
{
    char eol = memchr(s, '\n', len) ? '\n' : '\r';
    long line = 1;
    for (size_t i = 0; i < at; i++)
        line += s[i] == eol;
    return line;
}

/* Writes the code point c (below U+10000) in UTF-8 at out; returns the bytes written. */
static size_t put_utf8(char *out, unsigned c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | c >> 12);
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

/* Converts Windows-1252 to UTF-8 into out, which holds `size` bytes (scan's cp1252_len); returns
 * the offset of a byte that has no character, or len when every byte has one. */
static size_t cp1252_convert(const unsigned char *s, size_t len, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = s[i];
        if (c >= 0x80 && c < 0xA0) {
            c = cp1252_high[c - 0x80];
            if (c == 0)
                return i;
        }
        o += put_utf8(out + o, c);
    }
    return len;
}

int eng_encoding_decode(const char *name, const char *data, size_t len, eng_encoding_text *out,
                        eng_error *err)
{
    memset(out, 0, sizeof *out);
    const unsigned char *s = (const unsigned char *)data;
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        return eng_error_set(err, ENG_EINPUT,
                             "fichier %s : il est en UTF-16 (« Texte Unicode » d'Excel, « Unicode » "
                             "du Bloc-notes), qu'eaflow ne lit pas ; enregistrez-le en UTF-8 (Excel : "
                             "« CSV UTF-8 (délimité par des virgules) » ; Bloc-notes : codage "
                             "« UTF-8 »)", name);
    }
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        data += 3;
        s += 3;
        len -= 3;
    }
    scan sc = scan_bytes(s, len);
    out->data = data;
    out->len = len;
    if (sc.first_bad == len)
        return ENG_OK;
    if (sc.first_multi < len)
        return eng_error_set(err, ENG_EINPUT,
                             "fichier %s : le texte mélange deux codages, de l'UTF-8 (ligne %ld) et "
                             "autre chose (ligne %ld, octet 0x%02X) ; enregistrez tout le fichier en "
                             "UTF-8", name, line_of(data, len, sc.first_multi),
                             line_of(data, len, sc.first_bad), s[sc.first_bad]);
    char *text = malloc(sc.cp1252_len ? sc.cp1252_len : 1);
    if (!text)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    size_t bad = cp1252_convert(s, len, text);
    if (bad < len) {
        free(text);
        return eng_error_set(err, ENG_EINPUT,
                             "fichier %s, ligne %ld : l'octet 0x%02X n'est ni de l'UTF-8 ni du "
                             "Windows-1252 ; le fichier est-il bien un texte ? enregistrez-le en "
                             "UTF-8", name, line_of(data, len, bad), s[bad]);
    }
    out->owned = text;
    out->data = text;
    out->len = sc.cp1252_len;
    out->from = ENG_ENCODING_CP1252;
    return ENG_OK;
}

/* Reads the whole of f into a new buffer *buf of *len bytes. */
static int read_all(FILE *f, const char *name, char **buf, size_t *len, eng_error *err)
{
    struct stat st;
    size_t cap = fstat(fileno(f), &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 1 : READ_BLOCK;
    size_t n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (!b)
            return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
        n += fread(b + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *grown = realloc(b, cap * 2);
        if (!grown)
            free(b);
        b = grown;
        cap *= 2;
    }
    if (ferror(f)) {
        free(b);
        return eng_error_set(err, ENG_EFAIL, "%s : lecture impossible : %s", name, eng_msg_errno(errno));
    }
    *buf = b;
    *len = n;
    return ENG_OK;
}

int eng_encoding_read(FILE *f, const char *name, eng_encoding_text *out, eng_error *err)
{
    memset(out, 0, sizeof *out);
    char *raw = NULL;
    size_t len = 0;
    int status = read_all(f, name, &raw, &len, err);
    if (status != ENG_OK)
        return status;
    status = eng_encoding_decode(name, raw, len, out, err);
    if (status != ENG_OK || out->owned)
        free(raw);
    else
        out->owned = raw;
    return status;
}

int eng_encoding_reopen(FILE **f, const char *name, eng_error *err)
{
    eng_encoding_text text;
    int status = eng_encoding_read(*f, name, &text, err);
    if (status != ENG_OK)
        return status;
    /* fmemopen with a buffer of its own frees it at fclose; "w+" starts it empty, and what is
     * written is then read back after the rewind. The buffer has a byte more than the text, which
     * glibc keeps for the NUL it writes after each write. */
    FILE *m = fmemopen(NULL, text.len + 1, "w+");
    if (!m || fwrite(text.data, 1, text.len, m) != text.len) {
        if (m)
            fclose(m);
        eng_encoding_text_clear(&text);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    rewind(m);
    eng_encoding_text_clear(&text);
    fclose(*f);
    *f = m;
    return ENG_OK;
}

int eng_encoding_file(const char *path, eng_encoding_kind *kind, eng_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return eng_error_set(err, ENG_EINPUT, "%s : ouverture impossible : %s ; vérifiez le chemin",
                             path, eng_msg_errno(errno));
    eng_encoding_text text;
    int status = eng_encoding_read(f, path, &text, err);
    fclose(f);
    if (status == ENG_OK)
        *kind = text.from;
    eng_encoding_text_clear(&text);
    return status;
}
