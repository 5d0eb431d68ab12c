/* eng_error.c — Error reporting shared by every eaflow module. */
#include "eng_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "eng_msg.h"

int eng_error_set(eng_error *err, int status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, eng_msg_tr(fmt), ap);
        va_end(ap);
    }
    return status;
}

void eng_error_prefix(eng_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char head[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, eng_msg_tr(fmt), ap);
    va_end(ap);
    /* Shift the old message right by the length of head (truncating its end), then put head in
     * front; done by hand because snprintf("%s%s") trips GCC's -Wformat-truncation. */
    size_t h = strlen(head), room = sizeof err->msg - 1 - h;
    size_t old = strnlen(err->msg, sizeof err->msg - 1);
    memmove(err->msg + h, err->msg, old < room ? old : room);
    memcpy(err->msg, head, h);
    err->msg[h + (old < room ? old : room)] = '\0';
}
