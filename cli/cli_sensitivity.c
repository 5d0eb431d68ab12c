/* cli_sensitivity.c — `simulate --uncertainty` and `sensitivity`: compute, write into one set with
 * its manifest, print; an error leaves nothing written. */
#include "cli_sensitivity.h"

#include <stdio.h>
#include <stdlib.h>

#include "../engine/eng_msg.h"
#include "../models/ea_manifest.h"
#include "../models/ea_sensitivity.h"
#include "../models/ea_sensitivity_write.h"
#include "../models/ea_uncertainty_split.h"
#include "../plots/pl_sensitivity.h"
#include "../plots/pl_workbook.h"
#include "cli_options.h"
#include "cli_progress.h"

/* With --xlsx, tableaux.xlsx from the set's tables (its sheets Incertitude or Sensibilité). */
static int add_workbook(eng_out *out, const cli_sensitivity_args *a, int replications, eng_error *err)
{
    const pl_workbook_options wo = { .lang = a->lang, .replications = replications };
    return a->xlsx ? pl_workbook_add(out, &wo, err) : ENG_OK;
}

int cli_sensitivity_uncertainty(const cli_sensitivity_args *a)
{
    eng_error err;
    ea_uncertainty_split_options opt = { .replications = a->reps, .seed = a->seed,
                                         .threads = (int)a->threads, .points = (int)a->points };
    if (a->progress)
        opt.progress = cli_progress_points;
    ea_uncertainty_split s;
    int status = ea_uncertainty_split_compute(a->scenario, &opt, &s, &err);
    if (status != ENG_OK && a->progress)
        fputc('\n', stderr);   /* the count ends its line only when every run is done */
    if (status != ENG_OK)
        return cli_options_fail(&err, status);
    const char *inputs[] = { a->scenario };
    eng_out *out = ea_manifest_begin(a->outdir, inputs, 1, &err);
    status = out ? ea_uncertainty_split_write(&s, out, a->style, &err) : ENG_EFAIL;
    if (status == ENG_OK)
        status = add_workbook(out, a, (int)s.replications, &err);
    status = eng_out_finish(out, status, &err);
    if (status == ENG_OK) {
        ea_uncertainty_split_print(&s, stdout);
        if (!a->quiet)
            printf(eng_msg_tr("eaflow : écrit %s/uncertainty.csv%s\n"), a->outdir,
                   a->xlsx ? eng_msg_tr(" et tableaux.xlsx") : "");
    }
    ea_uncertainty_split_clear(&s);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}

/* Writes the table, the summary, the charts and the workbook into out. */
static int write_all(const ea_sensitivity *s, eng_out *out, const cli_sensitivity_args *a,
                     char **scratch, int *ncharts, eng_error *err)
{
    int status = pl_sensitivity_write(s, out, a->outdir, a->style, a->format, a->lang, scratch,
                                      ncharts, err);
    if (status == ENG_OK)
        status = add_workbook(out, a, (int)s->replications, err);
    return status;
}

int cli_sensitivity_compute(const cli_sensitivity_args *a, ea_sensitivity *s, eng_error *err)
{
    ea_sensitivity_outcome outcomes[EA_SENSITIVITY_MAX_OUTCOMES];
    int status = ENG_OK;
    if (a->noutcomes > EA_SENSITIVITY_MAX_OUTCOMES)
        status = eng_error_set(err, ENG_EINPUT, "sensitivity : au plus %d --outcome ; faites plusieurs "
                               "analyses", EA_SENSITIVITY_MAX_OUTCOMES);
    for (int o = 0; status == ENG_OK && o < a->noutcomes; o++)
        status = ea_sensitivity_outcome_parse(a->outcomes[o], &outcomes[o], err);
    if (status != ENG_OK)
        return status;
    ea_sensitivity_options opt = { .replications = a->reps, .seed = a->seed,
                                   .threads = (int)a->threads, .points = (int)a->points };
    if (a->progress)
        opt.progress = cli_progress_points;
    status = ea_sensitivity_compute(a->scenario, outcomes, a->noutcomes, &opt, s, err);
    if (status != ENG_OK && a->progress)
        fputc('\n', stderr);   /* the count ends its line only when every run is done */
    return status;
}

int cli_sensitivity_run(const cli_sensitivity_args *a)
{
    eng_error err;
    ea_sensitivity s;
    int status = cli_sensitivity_compute(a, &s, &err);
    if (status != ENG_OK)
        return cli_options_fail(&err, status);
    const char *inputs[] = { a->scenario };
    char *scratch = NULL;
    int ncharts = 0;
    eng_out *out = ea_manifest_begin(a->outdir, inputs, 1, &err);
    status = out ? write_all(&s, out, a, &scratch, &ncharts, &err) : ENG_EFAIL;
    status = eng_out_finish(out, status, &err);
    eng_out_scratch_remove(scratch);
    if (status == ENG_OK) {
        /* The summary is the answer: printed even with -q. */
        ea_sensitivity_write_summary(&s, stdout);
        if (!a->quiet)
            printf(eng_msg_tr("eaflow : écrit %s/sensitivity.csv, sensitivity.txt%s et %d graphiques "
                              "dans plots/\n"), a->outdir, a->xlsx ? ", tableaux.xlsx" : "", ncharts);
    }
    ea_sensitivity_clear(&s);
    return status == ENG_OK ? ENG_OK : cli_options_fail(&err, status);
}
