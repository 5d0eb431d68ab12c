/* eng_mpi.c — The processes of an MPI job, or a single process when built without EAFLOW_MPI. */
#include "eng_mpi.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#ifdef EAFLOW_MPI
#include <mpi.h>
#endif

void eng_mpi_share(size_t n, int rank, int size, size_t *first, size_t *count)
{
    size_t k = size > 0 ? (size_t)size : 1, r = (size_t)rank, base = n / k, extra = n % k;
    *count = base + (r < extra);
    *first = r * base + (r < extra ? r : extra);
}

#ifdef EAFLOW_MPI

/* Set by eng_mpi_alone: the process acts as a job of its own. */
static int alone;

void eng_mpi_alone(int on) { alone = on; }

int eng_mpi_init(int *argc, char ***argv)
{
    /* Threads of a rank never call MPI: only the main thread does, between parallel stages. */
    int provided;
    return MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) == MPI_SUCCESS ? ENG_OK
                                                                                      : ENG_EFAIL;
}

void eng_mpi_finalize(void) { MPI_Finalize(); }

int eng_mpi_rank(void)
{
    int r = 0;
    if (alone)
        return 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

int eng_mpi_size(void)
{
    int s = 1;
    if (alone)
        return 1;
    MPI_Comm_size(MPI_COMM_WORLD, &s);
    return s;
}

int eng_mpi_allgather(double *buf, size_t n, size_t width, eng_error *err)
{
    int size = eng_mpi_size();
    if (size == 1 || n == 0)
        return ENG_OK;
    /* Counts are in items of `width` doubles, so that a block of many large replications stays
     * within MPI's int counts. */
    if (width > INT_MAX || n > INT_MAX)
        return eng_error_set(err, ENG_EFAIL, "MPI : bloc de %zu éléments de %zu valeurs trop grand "
                             "pour un échange ; baissez les réplications", n, width);
    int *counts = malloc(2 * (size_t)size * sizeof *counts), *displs = counts + size;
    if (!counts)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    for (int r = 0; r < size; r++) {
        size_t first, count;
        eng_mpi_share(n, r, size, &first, &count);
        counts[r] = (int)count;
        displs[r] = (int)first;
    }
    MPI_Datatype item;
    MPI_Type_contiguous((int)width, MPI_DOUBLE, &item);
    MPI_Type_commit(&item);
    int rc = MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, buf, counts, displs, item,
                            MPI_COMM_WORLD);
    MPI_Type_free(&item);
    free(counts);
    return rc == MPI_SUCCESS ? ENG_OK
                             : eng_error_set(err, ENG_EFAIL, "MPI : échec de l'échange des réplications");
}

unsigned long eng_mpi_sum(unsigned long x)
{
    unsigned long sum = x;
    if (alone)
        return x;
    MPI_Allreduce(&x, &sum, 1, MPI_UNSIGNED_LONG, MPI_SUM, MPI_COMM_WORLD);
    return sum;
}

int eng_mpi_agree(int status, eng_error *err)
{
    int size = eng_mpi_size();
    if (size == 1)
        return status;
    /* The lowest failing rank speaks for all: its status and message are sent to every rank. */
    int mine = status != ENG_OK ? eng_mpi_rank() : size, lowest = size;
    MPI_Allreduce(&mine, &lowest, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (lowest == size)
        return ENG_OK;
    eng_error local = { "" };
    if (!err)
        err = &local;
    MPI_Bcast(&status, 1, MPI_INT, lowest, MPI_COMM_WORLD);
    MPI_Bcast(err->msg, (int)sizeof err->msg, MPI_CHAR, lowest, MPI_COMM_WORLD);
    return status;
}

void eng_mpi_abort(int status) { MPI_Abort(MPI_COMM_WORLD, status); exit(status); }

#else

int eng_mpi_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return ENG_OK;
}

void eng_mpi_finalize(void) {}
void eng_mpi_alone(int on) { (void)on; }
int eng_mpi_rank(void) { return 0; }
int eng_mpi_size(void) { return 1; }

int eng_mpi_allgather(double *buf, size_t n, size_t width, eng_error *err)
{
    (void)buf;
    (void)n;
    (void)width;
    (void)err;
    return ENG_OK;
}

unsigned long eng_mpi_sum(unsigned long x) { return x; }
int eng_mpi_agree(int status, eng_error *err)
{
    (void)err;
    return status;
}

void eng_mpi_abort(int status) { exit(status); }

#endif
