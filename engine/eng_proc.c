/* eng_proc.c — External programs run without a shell under a time limit. */
#include "eng_proc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "eng_msg.h"
#include "eng_text.h"

double eng_proc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int eng_proc_timeout(const char *env, double dflt, double *out, eng_error *err)
{
    const char *v = getenv(env);
    *out = dflt;
    if (!v || !*v)
        return ENG_OK;
    double t;
    if (eng_text_parse_double(v, &t) != 0 || !(t > 0) || t > 1e6)
        return eng_error_set(err, ENG_EINPUT, "%s=%.40s : attendu un nombre de secondes, plus de 0 "
                            "et au plus 1000000", env, v);
    *out = t;
    return ENG_OK;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* The child's side, between fork and exec: only async-signal-safe calls. Standard input is in_fd,
 * or /dev/null when in_fd is -1. A failed exec writes its errno to report_fd. */
static _Noreturn void exec_child(char *const argv[], int in_fd, int messages_fd, int report_fd)
{
    int in = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY);
    if (in < 0 || dup2(in, 0) < 0 || dup2(messages_fd, 1) < 0 || dup2(messages_fd, 2) < 0)
        _exit(127);
    if (in > 2)
        close(in);
    execvp(argv[0], argv);
    int e = errno;
    ssize_t w = write(report_fd, &e, sizeof e);
    (void)w;
    _exit(127);
}

/* Creates the pipes: report (always) and in (when the program reads from the caller). The write
 * ends the child must not keep are closed on exec. */
static int make_pipes(const char *name, int in[2], int report[2], int with_input, eng_error *err)
{
    if ((with_input && pipe(in) != 0) || pipe(report) != 0) {
        int e = errno;
        close_fd(&in[0]);
        close_fd(&in[1]);
        if (with_input)
            return eng_error_set(err, ENG_EFAIL, "impossible de créer un tube vers %s : %s", name,
                                eng_msg_errno(e));
        return eng_error_set(err, ENG_EFAIL, "impossible de créer un tube : %s", eng_msg_errno(e));
    }
    if (with_input)
        fcntl(in[1], F_SETFD, FD_CLOEXEC);
    fcntl(report[1], F_SETFD, FD_CLOEXEC);
    return ENG_OK;
}

int eng_proc_start(char *const argv[], int messages_fd, int *to, const char *missing, pid_t *pid,
                   eng_error *err)
{
    int in[2] = { -1, -1 }, report[2] = { -1, -1 };
    int status = make_pipes(argv[0], in, report, to != NULL, err);
    if (status != ENG_OK)
        return status;
    pid_t child = fork();
    if (child == 0) {
        close(report[0]);
        exec_child(argv, in[0], messages_fd, report[1]);
    }
    int fork_errno = errno;
    close_fd(&in[0]);
    close_fd(&report[1]);
    int exec_errno = 0;
    ssize_t got = 0;
    if (child > 0)
        while ((got = read(report[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
            continue;
    close_fd(&report[0]);
    if (child > 0 && got <= 0) {
        if (to) {
            fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
            *to = in[1];
        }
        *pid = child;
        return ENG_OK;
    }
    close_fd(&in[1]);
    if (child > 0)
        while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
            continue;
    if (child < 0)
        return eng_error_set(err, ENG_EFAIL, "impossible de démarrer %s : %s", argv[0], eng_msg_errno(fork_errno));
    if (exec_errno == ENOENT)
        return eng_error_set(err, ENG_EFAIL, "%s", missing);
    return eng_error_set(err, ENG_EFAIL, "impossible d'exécuter %s : %s", argv[0], eng_msg_errno(exec_errno));
}

void eng_proc_kill(pid_t pid, int *status)
{
    kill(pid, SIGKILL);
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        continue;
}

int eng_proc_wait(pid_t pid, double deadline, int *status)
{
    long pause = 1000000;
    *status = 0;
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return 0;
        if (eng_proc_now() >= deadline) {
            eng_proc_kill(pid, status);
            return -1;
        }
        struct timespec ts = { 0, pause };
        nanosleep(&ts, NULL);
        if (pause < 32000000)
            pause *= 2;
    }
}
