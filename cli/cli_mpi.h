/* cli_mpi.h — The command line in an MPI job (eaflow-mpi under mpirun): rank 0 prints and writes
 * exactly what a single process would; the other ranks run the same command silently, privately.
 *
 * Every rank runs the same command with the same arguments, so that they meet at the same points
 * of the simulations they share (engine/eng_mpi.h). Ranks other than 0 send stdout and stderr to
 * /dev/null, and their outputs go to a private directory under $TMPDIR (or /tmp), removed at the
 * end: each output directory of the command is replaced, for them, by a private one holding a copy
 * of its top-level files, so that a decision read from the directory (such as reusing an earlier
 * simulation) is the same on every rank, while nothing of theirs reaches the user's directory.
 * Charts, pages, PDFs and workbooks, made after the shared simulations, are rank 0's alone
 * (pl_pipeline, pl_workbook_add, pl_sensitivity_write, pl_pdf_render). Built without EAFLOW_MPI there is one rank, 0, and these functions change nothing. */
#ifndef CLI_MPI_H
#define CLI_MPI_H

#include "../engine/eng_error.h"

/* Starts the job (eng_mpi_init); on ranks other than 0, silences stdout and stderr. Returns 0
 * (ENG_OK), or ENG_EFAIL after printing why. */
int cli_mpi_begin(int *argc, char ***argv);

/* Prepares this rank for a command, whose output directory is *output (-o, or NULL): returns 1
 * when this rank runs the command, 0 when it does not, or a failure status (negative: -ENG_EFAIL)
 * with err filled. Rank 0 runs every command and *output is left as it is. Another rank runs only
 * the commands that simulate (and so share their replications; costs, fit, synth and plot are rank
 * 0's alone), with *output replaced by a private directory (see above; the private one of
 * fixed_output, the command's default directory, when *output is NULL and the default is fixed, as
 * for scenarios; NULL when the default depends on the arguments). Collective for the commands that
 * simulate: every rank calls it, and a rank that fails makes every rank fail with its message. */
int cli_mpi_prepare(int simulates, const char *fixed_output, const char **output, eng_error *err);

/* Takes dir (allocated, or NULL after a failure) and returns the output directory this rank writes
 * to: on rank 0 dir itself; on another rank a new private directory (allocated) with a copy of
 * dir's top-level files, dir being freed. NULL with err filled on failure. Collective, as above. */
char *cli_mpi_output(char *dir, eng_error *err);

/* Ends the job: every rank returns rank 0's status (the one rank 0 printed), the private directory
 * is removed and MPI is finalised. */
int cli_mpi_end(int status);

#endif
