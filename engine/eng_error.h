/* eng_error.h — Error reporting shared by every eaflow module.
 * Library code fills an eng_error with a message a user can act on and returns a status; only main prints. */
#ifndef ENG_ERROR_H
#define ENG_ERROR_H

/* Status codes double as the program's exit statuses. */
enum {
    ENG_OK = 0,      /* success */
    ENG_EFAIL = 1,   /* runtime failure: out of memory, I/O error, external program failed */
    ENG_EINPUT = 2   /* bad usage or bad input: the user must change something */
};

typedef struct eng_error {
    char msg[1024];
} eng_error;

/* Formats the message (printf style) into err, which may be NULL; returns status unchanged so that
 * a caller can write `return eng_error_set(err, ENG_EINPUT, "...")`. */
int eng_error_set(eng_error *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prepends a context (for example "scenario.ini:12: ") to the message already in err. */
void eng_error_prefix(eng_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
