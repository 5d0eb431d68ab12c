/* ea_manifest.c — The record of a run in its output directory (run.ini and manifest.csv), the
 * replacement of the previous run's set, and the reuse of its tables for the same run. */
#include "ea_manifest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../engine/eng_array.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_hash.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_path.h"
#include "ea_scenario_ini.h"
#include "ea_tables.h"

/* The kinds of rows of manifest.csv, in the order they are written. */
enum { KIND_EAFLOW, KIND_COMMAND, KIND_SCENARIO, KIND_SEED, KIND_REPLICATIONS, KIND_INPUT,
       KIND_OUTPUT, KIND_REUSED, NKINDS };
static const char *const kinds[NKINDS] = {
    [KIND_EAFLOW] = "eaflow", [KIND_COMMAND] = "command", [KIND_SCENARIO] = "scenario",
    [KIND_SEED] = "seed", [KIND_REPLICATIONS] = "replications", [KIND_INPUT] = "input",
    [KIND_OUTPUT] = "output", [KIND_REUSED] = "reused",
};

/* The program's version and command line, set once by main. */
static const char *program_version;
static int program_argc;
static char *const *program_argv;

void ea_manifest_program(const char *version, int argc, char *const *argv)
{
    program_version = version;
    program_argc = argc;
    program_argv = argv;
}

const char *ea_manifest_version(void)
{
    return program_version;
}

/* The version as the manifest records it: empty when main did not set one (the tests). */
static const char *version_text(void)
{
    return program_version ? program_version : "";
}

static int oom(eng_error *err)
{
    return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
}

/* ---- Lists of names ------------------------------------------------------------------------ */

typedef struct names {
    char **v;
    int n, cap;
} names;

static int names_add(names *l, const char *s, eng_error *err)
{
    char *copy = strdup(s);
    if (!copy || eng_array_reserve_int(&l->v, &l->cap, l->n + 1, sizeof *l->v, 16) != 0) {
        free(copy);
        return oom(err);
    }
    l->v[l->n++] = copy;
    return ENG_OK;
}

static void names_free(names *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

/* ---- The previous set ---------------------------------------------------------------------- */

/* Reads dir/manifest.csv into *t; *t is NULL when there is none. */
static int read_manifest(const char *dir, eng_csv **t, eng_error *err)
{
    *t = NULL;
    char *path = eng_path_join(dir, ea_tables_file(EA_TABLE_MANIFEST), err);
    if (!path)
        return ENG_EFAIL;
    struct stat st;
    int status = ENG_OK;
    if (stat(path, &st) == 0 || errno != ENOENT) {
        status = eng_csv_read(path, t, err);
        int kind, value;
        if (status == ENG_OK
            && (ea_tables_require(*t, EA_TABLE_MANIFEST, EA_COL_MANIFEST_KIND, &kind, err) != ENG_OK
                || ea_tables_require(*t, EA_TABLE_MANIFEST, EA_COL_MANIFEST_VALUE, &value, err)
                       != ENG_OK))
            status = ENG_EINPUT;
        if (status != ENG_OK) {
            eng_csv_free(*t);
            *t = NULL;
            eng_error_prefix(err, "le relevé de l'exécution précédente dans %s est illisible, "
                             "ses fichiers ne peuvent être distingués des autres (supprimez %s, "
                             "ou choisissez un autre dossier) : ", dir, path);
        }
    }
    free(path);
    return status;
}

/* The kind of row r of a manifest, or -1. */
static int row_kind(const eng_csv *t, size_t r)
{
    const char *k = eng_csv_get_text(t, r, ea_tables_find(t, EA_TABLE_MANIFEST, EA_COL_MANIFEST_KIND));
    for (int i = 0; i < NKINDS; i++)
        if (strcmp(k, kinds[i]) == 0)
            return i;
    return -1;
}

static const char *row_value(const eng_csv *t, size_t r, int col)
{
    int c = ea_tables_find(t, EA_TABLE_MANIFEST, col);
    return c >= 0 ? eng_csv_get_text(t, r, c) : "";
}

/* Whether dir/name is there. */
static int present(const char *dir, const char *name)
{
    eng_error err;
    char *path = eng_path_join(dir, name, &err);
    struct stat st;
    int there = path && stat(path, &st) == 0;
    free(path);
    return there;
}

/* The files of dir's previous set: the output and reused rows of its manifest, or, without one,
 * the declared output files that are there. *command is the earlier run's command line (NULL when
 * unknown), allocated. */
static int previous_set(const char *dir, names *prev, char **command, eng_error *err)
{
    *command = NULL;
    eng_csv *t;
    int status = read_manifest(dir, &t, err);
    for (int id = 0; !t && status == ENG_OK && id < EA_TABLE_COUNT; id++)
        if (id != EA_TABLE_MANIFEST && present(dir, ea_tables_file((ea_tables_id)id)))
            status = names_add(prev, ea_tables_file((ea_tables_id)id), err);
    for (size_t r = 0; t && status == ENG_OK && r < eng_csv_nrows(t); r++) {
        int kind = row_kind(t, r);
        const char *value = row_value(t, r, EA_COL_MANIFEST_VALUE);
        if (kind == KIND_OUTPUT || kind == KIND_REUSED)
            status = names_add(prev, value, err);
        else if (kind == KIND_COMMAND && *value && !*command && !(*command = strdup(value)))
            status = oom(err);
    }
    eng_csv_free(t);
    return status;
}

/* ---- Writing the manifest ------------------------------------------------------------------ */

/* What a set of ea_manifest_begin_run records, kept until it commits. */
typedef struct record {
    names inputs;
    int has_scenario;
    char scenario[EA_MAX_TEXT];
    unsigned long seed;
    int replications;
    FILE *notices;
} record;

static void record_free(void *data)
{
    record *rec = data;
    if (!rec)
        return;
    names_free(&rec->inputs);
    free(rec);
}

/* One row; size < 0 and a NULL checksum leave their cells empty. */
static void write_row(FILE *f, int kind, const char *value, long long size, const char *sha)
{
    const eng_csv_style *st = &eng_csv_standard;
    fprintf(f, "%s%c", kinds[kind], st->sep);
    eng_csv_text(f, value, st);
    fputc(st->sep, f);
    if (size >= 0)
        fprintf(f, "%lld", size);
    fprintf(f, "%c%s\n", st->sep, sha ? sha : "");
}

/* Writes one argument of the command line so that a shell reads it back as it was: as it is when
 * made of characters no shell treats specially, else between single quotes. */
static void write_argument(FILE *f, const char *a)
{
    if (*a && strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./=:,@%+-")
                  == strlen(a)) {
        fputs(a, f);
        return;
    }
    fputc('\'', f);
    for (; *a; a++) {
        if (*a == '\'')
            fputs("'\\''", f);
        else
            fputc(*a, f);
    }
    fputc('\'', f);
}

/* The rows of what ran: version, command line, scenario. */
static int write_run(FILE *f, const record *rec, eng_error *err)
{
    write_row(f, KIND_EAFLOW, version_text(), -1, NULL);
    char *line = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&line, &len);
    if (!m)
        return oom(err);
    for (int i = 0; i < program_argc; i++) {
        if (i > 0)
            fputc(' ', m);
        write_argument(m, i == 0 ? "eaflow" : program_argv[i]);
    }
    int ok = fclose(m) == 0;
    if (ok && program_argc > 0)
        write_row(f, KIND_COMMAND, line, -1, NULL);
    free(line);
    if (!ok)
        return oom(err);
    if (rec->has_scenario) {
        char number[32];
        write_row(f, KIND_SCENARIO, rec->scenario, -1, NULL);
        snprintf(number, sizeof number, "%lu", rec->seed);
        write_row(f, KIND_SEED, number, -1, NULL);
        snprintf(number, sizeof number, "%d", rec->replications);
        write_row(f, KIND_REPLICATIONS, number, -1, NULL);
    }
    return ENG_OK;
}

/* The rows of the inputs (read before the set's files are renamed: an input that is also an
 * output is recorded as the run read it) and of the n first files of the set. */
static int write_files(FILE *f, const record *rec, const eng_out *o, int n, eng_error *err)
{
    char sha[ENG_HASH_HEX];
    long long size;
    for (int i = 0; i < rec->inputs.n; i++) {
        int known = eng_hash_file(rec->inputs.v[i], sha, &size, err) == ENG_OK;
        write_row(f, KIND_INPUT, rec->inputs.v[i], known ? size : -1, known ? sha : NULL);
    }
    for (int i = 0; i < n; i++) {
        if (eng_hash_file(eng_out_content(o, i), sha, &size, err) != ENG_OK)
            return ENG_EFAIL;
        write_row(f, eng_out_kept(o, i) ? KIND_REUSED : KIND_OUTPUT, eng_out_name(o, i), size, sha);
    }
    return ENG_OK;
}

/* Whether two paths name the same file. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Adds to the set's removals the files of the previous set that the run neither has nor reads;
 * *removed counts those that are there. */
static int remove_previous(eng_out *o, const record *rec, const names *prev, int *removed,
                           eng_error *err)
{
    const char *dir = eng_out_dir(o);
    int status = ENG_OK;
    *removed = 0;
    for (int i = 0; i < prev->n && status == ENG_OK; i++) {
        const char *name = prev->v[i];
        int keep = strcmp(name, ea_tables_file(EA_TABLE_MANIFEST)) == 0 || !present(dir, name);
        for (int k = 0; k < eng_out_count(o) && !keep; k++)
            keep = strcmp(eng_out_name(o, k), name) == 0;
        char *path = keep ? NULL : eng_path_join(dir, name, err);
        if (!keep && !path)
            return ENG_EFAIL;
        for (int k = 0; k < rec->inputs.n && !keep; k++)
            keep = same_file(path, rec->inputs.v[k]);
        free(path);
        /* A name that would leave the directory is refused by eng_out_remove (ENG_EINPUT) and
         * passed over: a manifest edited by hand cannot make a run remove anything outside. */
        int st = keep ? ENG_EINPUT : eng_out_remove(o, name, err);
        if (st == ENG_OK)
            ++*removed;
        else if (st == ENG_EFAIL)
            status = st;
    }
    return status;
}

/* For a run that reads nothing but the files it keeps (plot): the rows of the earlier run's
 * record that say where those files came from (its scenario, seed, replications and inputs). */
static void write_provenance(FILE *f, const record *rec, const eng_out *o, int n)
{
    int kept = 0;
    for (int i = 0; i < n; i++)
        kept += eng_out_kept(o, i);
    eng_error err;
    eng_csv *t = NULL;
    if (rec->has_scenario || rec->inputs.n > 0 || kept == 0
        || read_manifest(eng_out_dir(o), &t, &err) != ENG_OK || !t)
        return;
    for (size_t r = 0; r < eng_csv_nrows(t); r++) {
        int kind = row_kind(t, r);
        if (kind != KIND_SCENARIO && kind != KIND_SEED && kind != KIND_REPLICATIONS && kind != KIND_INPUT)
            continue;
        const char *size = row_value(t, r, EA_COL_MANIFEST_SIZE);
        const char *sha = row_value(t, r, EA_COL_MANIFEST_SHA256);
        write_row(f, kind, row_value(t, r, EA_COL_MANIFEST_VALUE), *size ? atoll(size) : -1,
                  *sha ? sha : NULL);
    }
    eng_csv_free(t);
}

/* The set's commit function: removes the previous set's files, writes manifest.csv. */
static int record_commit(eng_out *o, void *data, eng_error *err)
{
    const record *rec = data;
    names prev = { 0 };
    char *command = NULL;
    int removed = 0, n = eng_out_count(o);
    int status = previous_set(eng_out_dir(o), &prev, &command, err);
    if (status == ENG_OK)
        status = remove_previous(o, rec, &prev, &removed, err);
    FILE *f = status == ENG_OK ? eng_out_open(o, ea_tables_file(EA_TABLE_MANIFEST), err) : NULL;
    if (f) {
        ea_tables_write_header(f, EA_TABLE_MANIFEST, &eng_csv_standard);
        status = write_run(f, rec, err);
        if (status == ENG_OK)
            write_provenance(f, rec, o, n);
        if (status == ENG_OK)
            status = write_files(f, rec, o, n, err);
    } else if (status == ENG_OK) {
        status = ENG_EFAIL;
    }
    if (status == ENG_OK && removed > 0 && rec->notices)
        fprintf(rec->notices, eng_msg_tr("eaflow : %s contenait les résultats d'une exécution "
                                         "précédente%s%s%s : remplacés, %d de ses fichiers "
                                         "supprimés\n"), eng_out_dir(o), command ? " (" : "",
                command ? command : "", command ? ")" : "", removed);
    free(command);
    names_free(&prev);
    return status;
}

eng_out *ea_manifest_begin_run(const char *dir, const ea_manifest_run *run, eng_error *err)
{
    record *rec = calloc(1, sizeof *rec);
    if (!rec) {
        oom(err);
        return NULL;
    }
    int status = ENG_OK;
    for (int i = 0; i < run->ninputs && status == ENG_OK; i++)
        if (run->inputs[i] && *run->inputs[i])
            status = names_add(&rec->inputs, run->inputs[i], err);
    if (run->scenario) {
        rec->has_scenario = 1;
        snprintf(rec->scenario, sizeof rec->scenario, "%s", run->scenario->name);
        rec->seed = run->scenario->seed;
        rec->replications = run->scenario->replications;
    }
    rec->notices = run->notices;
    /* A record that cannot be read stops the run before it starts rather than at its end. */
    eng_csv *t = NULL;
    if (status == ENG_OK)
        status = read_manifest(dir, &t, err);
    eng_csv_free(t);
    eng_out *out = status == ENG_OK ? eng_out_begin(dir, err) : NULL;
    if (!out) {
        record_free(rec);
        return NULL;
    }
    eng_out_on_commit(out, record_commit, rec, record_free);
    return out;
}

void ea_manifest_set_replications(eng_out *out, size_t replications)
{
    record *rec = eng_out_commit_data(out, record_commit);
    if (rec && rec->has_scenario)
        rec->replications = (int)replications;
}

eng_out *ea_manifest_begin(const char *dir, const char *const *inputs, int ninputs, eng_error *err)
{
    const ea_manifest_run run = { .inputs = inputs, .ninputs = ninputs };
    return ea_manifest_begin_run(dir, &run, err);
}

int ea_manifest_keep_previous(eng_out *out, const char *except, eng_error *err)
{
    names prev = { 0 };
    char *command = NULL;
    const char *dir = eng_out_dir(out);
    int status = previous_set(dir, &prev, &command, err);
    for (int i = 0; i < prev.n && status == ENG_OK; i++)
        if (strncmp(prev.v[i], except, strlen(except)) != 0 && present(dir, prev.v[i])
            && strcmp(prev.v[i], ea_tables_file(EA_TABLE_MANIFEST)) != 0)
            status = eng_out_keep(out, prev.v[i], err);
    free(command);
    names_free(&prev);
    return status;
}

/* ---- run.ini and the reuse of the tables --------------------------------------------------- */

int ea_manifest_write_scenario(const ea_scenario *sc, eng_out *out, eng_error *err)
{
    FILE *f = eng_out_open(out, ea_tables_file(EA_TABLE_RUN_INI), err);
    return f ? ea_scenario_ini_write(sc, f, err) : ENG_EFAIL;
}

/* The checksum of sc's resolved text, as run.ini holds it. */
static int scenario_checksum(const ea_scenario *sc, char sha[ENG_HASH_HEX])
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return 0;
    eng_error err;
    int ok = ea_scenario_ini_write(sc, m, &err) == ENG_OK;
    if (fclose(m) != 0)
        ok = 0;
    if (ok)
        eng_hash_bytes(text, len, sha);
    free(text);
    return ok;
}

/* Whether the manifest t lists `name` with the checksum `want` (any when NULL), and dir/name has
 * that checksum now. */
static int listed_intact(const char *dir, const eng_csv *t, const char *name, const char *want)
{
    for (size_t r = 0; r < eng_csv_nrows(t); r++) {
        int kind = row_kind(t, r);
        if ((kind != KIND_OUTPUT && kind != KIND_REUSED)
            || strcmp(row_value(t, r, EA_COL_MANIFEST_VALUE), name) != 0)
            continue;
        const char *listed = row_value(t, r, EA_COL_MANIFEST_SHA256);
        eng_error err;
        char now[ENG_HASH_HEX];
        char *path = eng_path_join(dir, name, &err);
        int ok = path && eng_hash_file(path, now, NULL, &err) == ENG_OK && strcmp(now, listed) == 0
                 && (!want || strcmp(listed, want) == 0);
        free(path);
        return ok;
    }
    return 0;
}

/* Whether the manifest t was written by this version of eaflow: another one may draw other
 * numbers from the same seed (the draws of a law can change between versions). */
static int same_version(const eng_csv *t)
{
    for (size_t r = 0; r < eng_csv_nrows(t); r++)
        if (row_kind(t, r) == KIND_EAFLOW)
            return strcmp(row_value(t, r, EA_COL_MANIFEST_VALUE), version_text()) == 0;
    return 0;
}

int ea_manifest_reusable(const char *dir, const ea_scenario *sc)
{
    static const ea_tables_id tables[] = { EA_TABLE_MONTHLY, EA_TABLE_ANNUAL };
    char sha[ENG_HASH_HEX];
    eng_error err;
    eng_csv *t = NULL;
    int ok = scenario_checksum(sc, sha) && read_manifest(dir, &t, &err) == ENG_OK && t
             && same_version(t) && listed_intact(dir, t, ea_tables_file(EA_TABLE_RUN_INI), sha);
    for (size_t i = 0; i < sizeof tables / sizeof *tables && ok; i++)
        ok = listed_intact(dir, t, ea_tables_file(tables[i]), NULL);
    eng_csv_free(t);
    return ok;
}
