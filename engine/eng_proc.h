/* eng_proc.h — External programs run without a shell under a time limit: started with execvp,
 * a missing program told apart from one that cannot run, waited for until a deadline, then killed. */
#ifndef ENG_PROC_H
#define ENG_PROC_H

#include <sys/types.h>

#include "eng_error.h"

/* Seconds on the monotonic clock, the clock of every deadline below. */
double eng_proc_now(void);

/* The time limit of a program, in seconds: the number in the environment variable env when it is
 * set and not empty, else dflt. A value that is not a number, not more than 0 or more than 1000000
 * is ENG_EINPUT, with a message naming env and the expected range. */
int eng_proc_timeout(const char *env, double dflt, double *out, eng_error *err);

/* Starts argv (argv[0] looked up on PATH, no shell) with its standard output and error going to
 * messages_fd. When to is NULL its standard input reads /dev/null; otherwise it reads a pipe whose
 * write end, non-blocking and closed on exec, is left in *to for the caller to write and close.
 * Returns ENG_OK with *pid set, or ENG_EFAIL with err filled and no process left behind: the
 * message is `missing` when argv[0] is not on PATH, else "cannot run NAME: reason" when the exec
 * failed otherwise, "cannot start NAME: reason" when fork failed. A close-on-exec pipe that a
 * successful exec closes and a failed one fills with its errno tells these apart. */
int eng_proc_start(char *const argv[], int messages_fd, int *to, const char *missing, pid_t *pid,
                   eng_error *err);

/* Waits for pid to end until the deadline (eng_proc_now seconds), polling with pauses from 1 to
 * 32 ms, which is little beside programs that take seconds. Returns 0 with *status filled as by
 * waitpid, or -1 when the deadline passed: the process is then killed and reaped. A child reaped
 * elsewhere (SIGCHLD ignored by the caller) counts as an end with *status 0. */
int eng_proc_wait(pid_t pid, double deadline, int *status);

/* Kills pid with SIGKILL and reaps it, filling *status. */
void eng_proc_kill(pid_t pid, int *status);

#endif
