/* eng_mpi.h — Runs spread over the processes of an MPI job (mpirun -n K): who this process is, the
 * exchange of contiguous slices of doubles, and one status and message agreed by every process.
 *
 * Built with -DEAFLOW_MPI (make MPI=1, the program eaflow-mpi), these are thin wrappers of MPI on
 * MPI_COMM_WORLD, and the only place eaflow calls MPI. Built without it (the default ./eaflow and the
 * tests), the same functions describe a single process: rank 0 of 1, gathers leave the buffer as
 * it is, agreement returns the status and message given, so that callers have one code path. */
#ifndef ENG_MPI_H
#define ENG_MPI_H

#include <stddef.h>
#include "eng_error.h"

/* Starts MPI (a no-op in the single-process build); call once at the start of main. */
int eng_mpi_init(int *argc, char ***argv);

/* Ends MPI after every process reached it (a no-op in the single-process build). */
void eng_mpi_finalize(void);

/* This process's rank (0 .. size-1) and the number of processes of the job. */
int eng_mpi_rank(void);
int eng_mpi_size(void);

/* The contiguous share of n items that `rank` of `size` processes takes: items *first ..
 * *first + *count - 1. The first n % size ranks take one item more, so that shares differ by one at
 * most and rank 0's comes first. */
void eng_mpi_share(size_t n, int rank, int size, size_t *first, size_t *count);

/* Gathers on every process the n items of buf (each `width` doubles, contiguous): each rank
 * contributes its share (eng_mpi_share) and receives everyone else's at their place, so that every
 * rank ends with the same n items. A no-op with one process. */
int eng_mpi_allgather(double *buf, size_t n, size_t width, eng_error *err);

/* The sum of x over the processes, on every process. */
unsigned long eng_mpi_sum(unsigned long x);

/* Collective: every process gives its status (ENG_OK or a failure with err filled) and every process
 * returns the status of the lowest failing rank, with its message in err, or ENG_OK when none
 * failed. Every process must call it at the same point. */
int eng_mpi_agree(int status, eng_error *err);

/* With on set, until it is called again with 0, this process acts as a job of its own: rank 0 of 1,
 * gathers and sums leave its values, agreement passes its status through. For work spread over the
 * processes in whole runs (the points of a sensitivity analysis), whose runs must not spread their
 * replications in turn. Not collective. */
void eng_mpi_alone(int on);

/* Ends the whole job at once with the exit status (exit() in the single-process build). */
void eng_mpi_abort(int status);

#endif
