/* cli_mpi.c — The command line in an MPI job: rank 0 speaks and writes, the others run privately. */
#include "cli_mpi.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../engine/eng_mpi.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_out.h"
#include "../engine/eng_path.h"

/* The private directory of a rank other than 0 (NULL until its first output), and the outputs made
 * in it so far, each its own subdirectory. */
static char *private_root;
static int noutputs;
static char *private_output;   /* the one that replaced the command's -o */

int cli_mpi_begin(int *argc, char ***argv)
{
    if (eng_mpi_init(argc, argv) != ENG_OK) {
        fputs(eng_msg_tr("eaflow : MPI n'a pas pu démarrer ; lancez eaflow-mpi avec mpirun\n"), stderr);
        return ENG_EFAIL;
    }
    /* A rank that cannot be silenced would print everything twice: the job ends at once. */
    if (eng_mpi_rank() > 0
        && (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)))
        eng_mpi_abort(ENG_EFAIL);
    return ENG_OK;
}

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[65536];
    size_t n;
    int ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    ok = ok && !ferror(in);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = 0;
    return ok;
}

/* Copies the regular, non-hidden files at the top of dir into copy; a missing dir copies nothing. */
static int copy_top(const char *dir, const char *copy, eng_error *err)
{
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d)
        return ENG_OK;
    int status = ENG_OK;
    const struct dirent *e;
    while (status == ENG_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *from = eng_path_join(dir, e->d_name, err), *to = eng_path_join(copy, e->d_name, err);
        struct stat st;
        if (!from || !to)
            status = ENG_EFAIL;
        else if (stat(from, &st) == 0 && S_ISREG(st.st_mode) && !copy_file(from, to))
            status = eng_error_set(err, ENG_EFAIL, "%s : copie impossible vers %s : %s", from, to,
                                   eng_msg_errno(errno));
        free(from);
        free(to);
    }
    closedir(d);
    return status;
}

/* A private directory with a copy of dir's top-level files, allocated; NULL on failure. */
static char *private_copy(const char *dir, eng_error *err)
{
    if (!private_root) {
        const char *tmp = getenv("TMPDIR");
        char *root = eng_path_join(tmp && *tmp ? tmp : "/tmp", "eaflow-mpi-XXXXXX", err);
        if (!root || !mkdtemp(root)) {
            if (root)
                eng_error_set(err, ENG_EFAIL, "%s : création impossible : %s", root, eng_msg_errno(errno));
            free(root);
            return NULL;
        }
        private_root = root;
    }
    char name[32];
    snprintf(name, sizeof name, "out%d", ++noutputs);
    char *copy = eng_path_join(private_root, name, err);
    if (copy && (eng_out_mkdir_p(copy, err) != ENG_OK || copy_top(dir, copy, err) != ENG_OK)) {
        free(copy);
        copy = NULL;
    }
    return copy;
}

char *cli_mpi_output(char *dir, eng_error *err)
{
    char *mine = dir;
    /* A directory already private (the -o replaced by cli_mpi_prepare) stays as it is. */
    int private = private_root && dir && strncmp(dir, private_root, strlen(private_root)) == 0;
    if (eng_mpi_rank() > 0 && dir && !private) {
        mine = private_copy(dir, err);
        free(dir);
    }
    if (eng_mpi_agree(mine ? ENG_OK : ENG_EFAIL, err) == ENG_OK)
        return mine;
    free(mine);
    return NULL;
}

int cli_mpi_prepare(int simulates, const char *fixed_output, const char **output, eng_error *err)
{
    if (!simulates)
        return eng_mpi_rank() == 0;
    int status = ENG_OK;
    const char *dir = *output ? *output : fixed_output;
    if (eng_mpi_rank() > 0 && dir) {
        free(private_output);
        private_output = private_copy(dir, err);
        *output = private_output;
        status = private_output ? ENG_OK : ENG_EFAIL;
    }
    status = eng_mpi_agree(status, err);
    return status == ENG_OK ? 1 : -status;
}

int cli_mpi_end(int status)
{
    status = eng_mpi_agree(eng_mpi_rank() == 0 ? status : ENG_OK, NULL);
    eng_out_scratch_remove(private_root);
    free(private_output);
    private_output = NULL;
    private_root = NULL;
    eng_mpi_finalize();
    return status;
}
