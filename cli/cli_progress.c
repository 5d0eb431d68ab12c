/* cli_progress.c — What a long command shows on stderr while it runs. */
#include "cli_progress.h"

#include <stdio.h>

#include "../engine/eng_msg.h"

void cli_progress_bar(size_t done, size_t total, void *data)
{
    cli_progress_state *ps = data;
    int pct = (int)(100 * done / total);
    if (pct == ps->last)
        return;
    ps->last = pct;
    char bar[41];
    int fill = pct * 40 / 100;
    for (int i = 0; i < 40; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[40] = '\0';
    fputc('\r', stderr);
    fprintf(stderr, eng_msg_tr("[%s] %3d%%  %zu/%zu réplications"), bar, pct, done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

void cli_progress_points(size_t done, size_t total, void *data)
{
    (void)data;
    fprintf(stderr, "\r%zu/%zu", done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

void cli_progress_evaluation(int evaluation, double objective, void *data)
{
    (void)data;
    fputc('\r', stderr);
    fprintf(stderr, eng_msg_tr("évaluation %d, objectif %.2f   "), evaluation, objective);
    fflush(stderr);
}
