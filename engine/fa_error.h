/* fa_error.h — Error reporting shared by every eaflow module.
 * Library code fills an fa_error with a message a user can act on and returns a status; only main prints. */
#ifndef FA_ERROR_H
#define FA_ERROR_H

/* Status codes double as the program's exit statuses. */
enum {
    FA_OK = 0,      /* success */
    FA_EFAIL = 1,   /* runtime failure: out of memory, I/O error, external program failed */
    FA_EINPUT = 2   /* bad usage or bad input: the user must change something */
};

typedef struct fa_error {
    char msg[1024];
} fa_error;

/* Formats the message (printf style) into err, which may be NULL; returns status unchanged so that
 * a caller can write `return fa_error_set(err, FA_EINPUT, "...")`. */
int fa_error_set(fa_error *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prepends a context (for example "scenario.ini:12: ") to the message already in err. */
void fa_error_prefix(fa_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
