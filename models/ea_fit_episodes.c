/* ea_fit_episodes.c — Reading the episodes of individual records: each row checked and its names
 * numbered, then the episodes grouped by person, checked against each other, and cut at as-of. */
#include "ea_fit_episodes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "ea_scenario.h"
#include "ea_inputs.h"
#include "ea_tables.h"

static int out_of_memory(eng_error *err)
{
    return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
}

static int intern(eng_dict *d, const char *s, size_t *index, eng_error *err)
{
    return eng_dict_intern(d, s, index) == 0 ? ENG_OK : out_of_memory(err);
}

static int read_module(ea_fit_episodes *r, size_t row, int *module, eng_error *err)
{
    const char *s = eng_csv_get_text(r->table, row, r->col_module);
    *module = ea_scenario_module_index(s);
    if (*module >= 0)
        return ENG_OK;
    const char *near = ea_scenario_closest_module(s);
    if (near)
        return eng_csv_cell_error(r->table, row, r->col_module, err,
                                 "« %s » n'est pas un module (vouliez-vous dire %s ?)", s, near);
    return eng_csv_cell_error(r->table, row, r->col_module, err,
                             "« %s » n'est pas un module ; attendu evaluation, projet, "
                             "recherche ou maintien", s);
}

static int read_target(ea_fit_episodes *r, size_t row, int *target, eng_error *err)
{
    const eng_csv *t = r->table;
    int col = r->col_next;
    const char *s = eng_csv_get_text(t, row, col);
    *target = EA_FIT_NO_TARGET;
    if (!*s)
        return ENG_OK;
    if (strncmp(s, "exit.", 5) == 0) {
        if (!ea_scenario_valid_reason(s + 5))
            return eng_csv_cell_error(t, row, col, err,
                                     "« %s » : motif de sortie invalide ; attendu exit.MOTIF, "
                                     "MOTIF fait de 1 à %d minuscules, chiffres ou _", s, EA_MAX_NAME - 1);
        size_t reason;
        if (intern(r->reasons, s + 5, &reason, err) != ENG_OK)
            return ENG_EFAIL;
        if (reason >= EA_MAX_REASONS)
            return eng_csv_cell_error(t, row, col, err,
                                     "« %s » est le motif de sortie n° %zu, plus que les %d "
                                     "qu'un scénario admet ; regroupez des motifs", s,
                                     reason + 1, EA_MAX_REASONS);
        *target = EA_NMODULES + (int)reason;
        return ENG_OK;
    }
    *target = ea_scenario_module_index(s);
    if (*target >= 0)
        return ENG_OK;
    const char *near = ea_scenario_closest_module(s);
    if (near)
        return eng_csv_cell_error(t, row, col, err,
                                 "« %s » n'est ni un module ni une sortie (vouliez-vous dire %s ?)", s, near);
    return eng_csv_cell_error(t, row, col, err,
                             "« %s » n'est ni un module ni une sortie ; attendu evaluation, "
                             "projet, recherche, maintien ou exit.MOTIF", s);
}

/* Reads the dates and the age of row `row` into *e and checks that the dates are in order. */
static int read_dates(ea_fit_episodes *r, size_t row, ea_fit_episodes_row *e, eng_error *err)
{
    const eng_csv *t = r->table;
    eng_date entry, start, end;
    int no_end;
    int status = eng_csv_get_date(t, row, r->col_entry, &entry, NULL, err);
    if (status == ENG_OK)
        status = eng_csv_get_date(t, row, r->col_start, &start, NULL, err);
    if (status == ENG_OK)
        status = eng_csv_get_date(t, row, r->col_end, &end, &no_end, err);
    e->age = NAN;
    if (status == ENG_OK && r->col_age >= 0) {
        int missing;
        status = eng_csv_get_number_fr(t, row, r->col_age,
                                       ea_inputs_column(EA_INPUTS_RECORDS,
                                                              EA_COL_RECORDS_AGE)->unit,
                                       &e->age, &missing, err);
        if (status == ENG_OK && e->age < 0)
            return eng_csv_cell_error(t, row, r->col_age, err,
                                     "%s est négatif ; attendu un âge en années >= 0",
                                     eng_csv_get_text(t, row, r->col_age));
    }
    if (status != ENG_OK)
        return status;
    e->entry = eng_date_days(entry);
    e->start = eng_date_days(start);
    e->end = no_end ? EA_FIT_OPEN : eng_date_days(end);
    if (e->start < e->entry)
        return eng_csv_cell_error(t, row, r->col_start, err,
                                 "%s est avant entry_date %s ; le module doit commencer le jour "
                                 "de la prescription ou après", eng_csv_get_text(t, row, r->col_start),
                                 eng_csv_get_text(t, row, r->col_entry));
    if (!no_end && e->end < e->start)
        return eng_csv_cell_error(t, row, r->col_end, err,
                                 "%s est avant module_start %s ; la fin doit être le jour du début "
                                 "ou après", eng_csv_get_text(t, row, r->col_end),
                                 eng_csv_get_text(t, row, r->col_start));
    return ENG_OK;
}

/* Reads and checks row `row` into *e; *latest becomes the latest date seen so far. */
static int read_row(ea_fit_episodes *r, size_t row, ea_fit_episodes_row *e, long *latest,
                    eng_error *err)
{
    const eng_csv *t = r->table;
    const char *id = eng_csv_get_text(t, row, r->col_person);
    const char *dept = eng_csv_get_text(t, row, r->col_dept);
    if (!*id)
        return eng_csv_cell_error(t, row, r->col_person, err,
                                 "cellule vide ; attendu l'identifiant de la personne");
    if (!ea_scenario_valid_code(dept, strlen(dept)))
        return eng_csv_cell_error(t, row, r->col_dept, err,
                                 "« %s » n'est pas un code de département ; attendu 1 à %d "
                                 "lettres, chiffres, _ ou -", dept, EA_MAX_NAME - 1);
    e->row = row;
    int status = intern(r->persons, id, &e->person, err);
    if (status == ENG_OK)
        status = intern(r->depts, dept, &e->dept, err);
    if (status == ENG_OK)
        status = read_module(r, row, &e->module, err);
    if (status == ENG_OK)
        status = read_target(r, row, &e->next, err);
    if (status == ENG_OK)
        status = read_dates(r, row, e, err);
    if (status != ENG_OK)
        return status;
    if (e->end == EA_FIT_OPEN && e->next != EA_FIT_NO_TARGET)
        return eng_csv_cell_error(t, row, r->col_end, err,
                                 "vide, mais next vaut « %s » ; donnez la date de fin du module, "
                                 "ou laissez aussi next vide si la personne y est encore",
                                 eng_csv_get_text(t, row, r->col_next));
    if (e->end != EA_FIT_OPEN && e->next == EA_FIT_NO_TARGET)
        return eng_csv_cell_error(t, row, r->col_next, err,
                                 "vide, mais module_end vaut %s ; indiquez où la personne est "
                                 "allée : un module ou exit.MOTIF", eng_csv_get_text(t, row, r->col_end));
    long last = e->end == EA_FIT_OPEN ? e->start : e->end;
    if (last > *latest)
        *latest = last;
    return ENG_OK;
}

/* Finds the columns of the records by their names or French names, declared in ea_tables. */
static int find_columns(ea_fit_episodes *r, eng_error *err)
{
    int cols[EA_COL_RECORDS_COUNT];
    int status = ea_inputs_columns(r->table, EA_INPUTS_RECORDS, cols, err);
    if (status != ENG_OK)
        return status;
    r->col_person = cols[EA_COL_RECORDS_PERSON_ID];
    r->col_dept = cols[EA_COL_RECORDS_DEPARTMENT];
    r->col_entry = cols[EA_COL_RECORDS_ENTRY_DATE];
    r->col_module = cols[EA_COL_RECORDS_MODULE];
    r->col_start = cols[EA_COL_RECORDS_MODULE_START];
    r->col_end = cols[EA_COL_RECORDS_MODULE_END];
    r->col_next = cols[EA_COL_RECORDS_NEXT];
    r->col_age = cols[EA_COL_RECORDS_AGE];
    return ENG_OK;
}

/* Parses --as-of with the date reader of the records' cells, so that it takes the same forms. */
static int parse_as_of(const char *text, eng_date *d, eng_error *err)
{
    char why[96];
    if (strlen(text) >= 64 || strpbrk(text, "\"\r\n") || eng_date_parse(text, d, why, sizeof why))
        return eng_error_set(err, ENG_EINPUT,
                             "--as-of : « %.64s » n'est pas une date ; écrivez AAAA-MM-JJ, "
                             "AAAA-MM ou JJ/MM/AAAA", text);
    return ENG_OK;
}

static int by_start(const void *pa, const void *pb)
{
    const ea_fit_episodes_row *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* Groups the episodes by person with a counting sort (persons in order of first appearance),
 * then sorts each person's few episodes by start: O(n) plus small sorts, where a sort of all the
 * episodes by person id would compare strings n log n times. */
static int group(ea_fit_episodes *r, ea_fit_episodes_row *raw, eng_error *err)
{
    size_t np = eng_dict_count(r->persons);
    r->first = calloc(np + 1, sizeof *r->first);
    size_t *pos = malloc((np + 1) * sizeof *pos);
    r->ep = malloc(r->n * sizeof *r->ep);
    if (!r->first || !pos || !r->ep) {
        free(pos);
        return out_of_memory(err);
    }
    for (size_t i = 0; i < r->n; i++)
        r->first[raw[i].person + 1]++;
    for (size_t p = 0; p < np; p++)
        r->first[p + 1] += r->first[p];
    memcpy(pos, r->first, (np + 1) * sizeof *pos);
    for (size_t i = 0; i < r->n; i++)
        r->ep[pos[raw[i].person]++] = raw[i];
    free(pos);
    for (size_t p = 0; p < np; p++)
        if (r->first[p + 1] - r->first[p] > 1)
            qsort(r->ep + r->first[p], r->first[p + 1] - r->first[p], sizeof *r->ep, by_start);
    return ENG_OK;
}

/* Two episodes of a person starting the same day are the same episode given twice; an episode
 * starting before the previous one ended (or while it is open) overlaps it. Ending and starting
 * the same day is the usual passage from one module to the next. */
static int check_overlaps(const ea_fit_episodes *r, eng_error *err)
{
    const eng_csv *t = r->table;
    for (size_t p = 0; p < eng_dict_count(r->persons); p++)
        for (size_t i = r->first[p] + 1; i < r->first[p + 1]; i++) {
            const ea_fit_episodes_row *a = &r->ep[i - 1], *b = &r->ep[i];
            const char *person = eng_dict_name(r->persons, p);
            if (b->start == a->start)
                return eng_csv_cell_error(t, b->row, r->col_start, err,
                                         "épisode en double : la personne « %s » a déjà un "
                                         "épisode commençant le %s, ligne %ld ; gardez une ligne "
                                         "par personne et par épisode de module", person,
                                         eng_csv_get_text(t, b->row, r->col_start),
                                         eng_csv_line(t, a->row));
            if (a->end > b->start) {
                char until[80];
                if (a->end == EA_FIT_OPEN)
                    snprintf(until, sizeof until, "%s", eng_msg_tr("encore ouvert"));
                else
                    snprintf(until, sizeof until, eng_msg_tr("finissant le %s"),
                             eng_csv_get_text(t, a->row, r->col_end));
                return eng_csv_cell_error(t, b->row, r->col_start, err,
                                          "%s chevauche l'épisode %s de la personne « %s », ligne "
                                          "%ld, %s ; les épisodes d'une personne doivent se suivre",
                                          eng_csv_get_text(t, b->row, r->col_start),
                                          ea_scenario_module_names[a->module], person,
                                          eng_csv_line(t, a->row), until);
            }
        }
    return ENG_OK;
}

/* Drops the episodes starting after as-of and censors those ending after it, then removes the
 * persons left without an episode. Each person's episodes are sorted by start, so the dropped
 * ones are at the end of their group. */
static void truncate_at_as_of(ea_fit_episodes *r)
{
    size_t kept = 0, persons = 0;
    for (size_t p = 0; p < eng_dict_count(r->persons); p++) {
        size_t from = kept;
        for (size_t i = r->first[p]; i < r->first[p + 1]; i++) {
            ea_fit_episodes_row e = r->ep[i];
            if (e.start > r->as_of) {
                r->ndropped++;
                continue;
            }
            if (e.end != EA_FIT_OPEN && e.end > r->as_of) {
                e.end = EA_FIT_OPEN;
                e.next = EA_FIT_NO_TARGET;
            }
            e.person = persons;
            r->ep[kept++] = e;
        }
        if (kept > from)
            r->first[persons++] = from;
    }
    r->first[persons] = kept;
    r->n = kept;
    r->npersons = persons;
}

/* Reads every row, then groups and checks the episodes of each person. */
static int read_rows(ea_fit_episodes *r, const char *path, long *latest, eng_error *err)
{
    size_t n = eng_csv_nrows(r->table);
    if (n == 0)
        return eng_error_set(err, ENG_EINPUT, "%s : aucun épisode ; attendu une ligne par personne "
                             "et par épisode de module après l'en-tête", path);
    ea_fit_episodes_row *raw = malloc(n * sizeof *raw);
    if (!raw)
        return out_of_memory(err);
    int status = ENG_OK;
    for (size_t i = 0; i < n && status == ENG_OK; i++)
        status = read_row(r, i, &raw[i], latest, err);
    r->n = n;
    if (status == ENG_OK)
        status = group(r, raw, err);
    free(raw);
    if (status == ENG_OK)
        status = check_overlaps(r, err);
    return status;
}

int ea_fit_episodes_read(const char *path, const char *as_of, ea_fit_episodes *r, eng_error *err)
{
    memset(r, 0, sizeof *r);
    if (!(r->persons = eng_dict_alloc(0)) || !(r->depts = eng_dict_alloc(1)) ||
        !(r->reasons = eng_dict_alloc(0)))
        return out_of_memory(err);
    /* --as-of first: a typo in it is reported before a long read. */
    int status = as_of ? parse_as_of(as_of, &r->as_of_date, err) : ENG_OK;
    if (status == ENG_OK)
        status = eng_csv_read(path, &r->table, err);
    if (status == ENG_OK)
        status = find_columns(r, err);
    long latest = LONG_MIN;
    if (status == ENG_OK)
        status = read_rows(r, path, &latest, err);
    if (status != ENG_OK)
        return status;
    if (as_of) {
        r->as_of = eng_date_days(r->as_of_date);
    } else {
        r->as_of = latest;
        r->as_of_date = eng_date_from_days(latest);
    }
    truncate_at_as_of(r);
    if (r->npersons == 0)
        return eng_error_set(err, ENG_EINPUT, "%s : aucun épisode ne commence au plus tard le "
                             "%04d-%02d-%02d ; choisissez un --as-of plus tardif", path,
                             r->as_of_date.year, r->as_of_date.month, r->as_of_date.day);
    return ENG_OK;
}

void ea_fit_episodes_clear(ea_fit_episodes *r)
{
    eng_csv_free(r->table);
    eng_dict_free(r->persons);
    eng_dict_free(r->depts);
    eng_dict_free(r->reasons);
    free(r->ep);
    free(r->first);
    memset(r, 0, sizeof *r);
}
