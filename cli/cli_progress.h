/* cli_progress.h — What a long command shows on stderr while it runs (replications, points of a
 * sweep, evaluations of a calibration), for a terminal; the command line's layer alone prints. */
#ifndef CLI_PROGRESS_H
#define CLI_PROGRESS_H

#include <stddef.h>

/* What the bar of replications last drew. */
typedef struct cli_progress_state {
    int last;   /* last percentage drawn; -1 before the first */
} cli_progress_state;

/* A bar of 40 characters with the percentage and the replications done (data: a
 * cli_progress_state); the line ends when the last is done. */
void cli_progress_bar(size_t done, size_t total, void *data);

/* "3/12": the points of a sweep or the runs of a search done (data unused). */
void cli_progress_points(size_t done, size_t total, void *data);

/* The evaluation of a calibration and its objective, over the same line (data unused). */
void cli_progress_evaluation(int evaluation, double objective, void *data);

#endif
