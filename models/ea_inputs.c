/* ea_inputs.c — The columns of the tables people give eaflow, with their French names, and the
 * matching of a file's headers against them. */
#include "ea_inputs.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "../engine/eng_msg.h"

#define COLUMNS(array) array, (int)(sizeof array / sizeof *array)

#define WANT(name, aliases, unit) { name, aliases, 1, unit }
#define MAY(name, aliases, unit) { name, aliases, 0, unit }

/* The funding table: a row per department (and year), the regional total computed. */
static const ea_inputs_col funding_in[EA_COL_FUNDING_COUNT] = {
    [EA_COL_FUNDING_YEAR] = MAY("year", "année|exercice", ENG_TEXT_PLAIN),
    [EA_COL_FUNDING_DEPARTMENT] = WANT("department", "département|dept|code département",
                                       ENG_TEXT_PLAIN),
    [EA_COL_FUNDING_NAME] = WANT("name", "nom|nom du département|libellé", ENG_TEXT_PLAIN),
    [EA_COL_FUNDING_PLACES] = WANT("places", "places|nombre de places|places financées",
                                   ENG_TEXT_PLAIN),
    [EA_COL_FUNDING_FUNDING_EUR] = WANT("funding_eur", "crédits|financement|montant|dotation",
                                        ENG_TEXT_EURO),
    [EA_COL_FUNDING_FILE_ACTIVE] = MAY("file_active", "file active|personnes suivies",
                                       ENG_TEXT_PLAIN),
    [EA_COL_FUNDING_PERSONS_ACCOMPANIED] = MAY("persons_accompanied",
                                               "personnes accompagnées|accompagnés",
                                               ENG_TEXT_PLAIN),
    [EA_COL_FUNDING_DELEGATED_EUR] = MAY("delegated_eur",
                                         "crédits délégués|financement délégué|montant délégué",
                                         ENG_TEXT_EURO),
};

/* The observed table: the keys, then the indicators people name in French. Their numbers are read
 * with the unit of their indicator in ea_indicators (€ for funding_eur, % for occupancy), so the
 * unit here is left plain. */
static const ea_inputs_col observed_in[EA_COL_OBSERVED_COUNT] = {
    [EA_COL_OBSERVED_DEPARTMENT] = WANT("department", "département|dept|code département",
                                        ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_DATE] = MAY("date", "date", ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_YEAR] = MAY("year", "année|exercice", ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_NAME] = MAY("name", "nom|nom du département|libellé", ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_SOURCE] = MAY("source", "source|sources|référence", ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_NOTE] = MAY("note", "note|notes|commentaire|remarque", ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_PLACES] = MAY("places", "places|nombre de places|places financées",
                                   ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_FILE_ACTIVE] = MAY("file_active", "file active|personnes suivies",
                                        ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_WAITING] = MAY("waiting", "liste d'attente|en attente", ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_ENTRIES] = MAY("entries", "entrées", ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_ADMISSIONS] = MAY("admissions", "admissions", ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_EXITS] = MAY("exits", "sorties", ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_PERSONS_ACCOMPANIED] = MAY("persons_accompanied",
                                                "personnes accompagnées|accompagnés",
                                                ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_OCCUPANCY] = MAY("occupancy", "taux d'occupation", ENG_TEXT_PLAIN),
    [EA_COL_OBSERVED_FUNDING_EUR] = MAY("funding_eur", "crédits|financement|montant|dotation",
                                        ENG_TEXT_PLAIN),
};

/* The individual records: a row per person and module episode. */
static const ea_inputs_col records_in[EA_COL_RECORDS_COUNT] = {
    [EA_COL_RECORDS_PERSON_ID] = WANT("person_id", "personne|identifiant|id", ENG_TEXT_PLAIN),
    [EA_COL_RECORDS_DEPARTMENT] = WANT("department", "département|dept", ENG_TEXT_PLAIN),
    [EA_COL_RECORDS_ENTRY_DATE] = WANT("entry_date", "date d'entrée|entrée", ENG_TEXT_PLAIN),
    [EA_COL_RECORDS_MODULE] = WANT("module", "module", ENG_TEXT_PLAIN),
    [EA_COL_RECORDS_MODULE_START] = WANT("module_start", "début du module|début|date de début",
                                         ENG_TEXT_PLAIN),
    [EA_COL_RECORDS_MODULE_END] = WANT("module_end", "fin du module|fin|date de fin",
                                       ENG_TEXT_PLAIN),
    [EA_COL_RECORDS_NEXT] = WANT("next", "suite|orientation", ENG_TEXT_PLAIN),
    [EA_COL_RECORDS_AGE] = MAY("age", "âge", ENG_TEXT_PLAIN),
    [EA_COL_RECORDS_SEX] = MAY("sex", "sexe", ENG_TEXT_PLAIN),
    [EA_COL_RECORDS_DISABILITY] = MAY("disability", "handicap|type de handicap", ENG_TEXT_PLAIN),
    [EA_COL_RECORDS_PRESCRIBER] = MAY("prescriber", "prescripteur", ENG_TEXT_PLAIN),
};

static const struct {
    const ea_inputs_col *columns;
    int ncolumns;
} inputs[EA_INPUTS_COUNT] = {
    [EA_INPUTS_FUNDING] = { COLUMNS(funding_in) },
    [EA_INPUTS_OBSERVED] = { COLUMNS(observed_in) },
    [EA_INPUTS_RECORDS] = { COLUMNS(records_in) },
};

int ea_inputs_ncolumns(ea_inputs_table in)
{
    return inputs[in].ncolumns;
}

const ea_inputs_col *ea_inputs_column(ea_inputs_table in, int col)
{
    return &inputs[in].columns[col];
}

/* Longest name compared, in bytes: longer headers are compared on their start. */
enum { NAME_MAX_FOLDED = 64 };

/* Calls each(name, data) for the name of column c and each of its aliases, each folded, until it
 * returns nonzero; returns that value, or 0. */
static int each_name(const ea_inputs_col *c, int (*each)(const char *, void *), void *data)
{
    char one[NAME_MAX_FOLDED], folded[NAME_MAX_FOLDED];
    int r = each(eng_text_fold(c->name, folded, sizeof folded), data);
    for (const char *a = c->aliases; !r && a && *a;) {
        size_t n = strcspn(a, "|");
        snprintf(one, sizeof one, "%.*s", (int)n, a);
        r = each(eng_text_fold(one, folded, sizeof folded), data);
        a += n + (a[n] == '|');
    }
    return r;
}

static int same_name(const char *name, void *header)
{
    return strcmp(name, header) == 0;
}

ea_inputs_spread ea_inputs_uncertainty(const char *header, char *ind, size_t size)
{
    static const struct {
        const char *suffix;
        ea_inputs_spread kind;
    } suffixes[] = { { "_sd", EA_INPUTS_SPREAD_SD }, { "_low", EA_INPUTS_SPREAD_LOW },
                     { "_high", EA_INPUTS_SPREAD_HIGH } };
    size_t n = strlen(header);
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t k = strlen(suffixes[i].suffix);
        if (n > k && eng_text_casecmp(header + n - k, suffixes[i].suffix) == 0) {
            snprintf(ind, size, "%.*s", (int)(n - k), header);
            return suffixes[i].kind;
        }
    }
    return EA_INPUTS_SPREAD_NONE;
}

const char *ea_inputs_observed_indicator(const char *header)
{
    int decl = ea_inputs_match(EA_INPUTS_OBSERVED, header);
    char of[64];
    if (!header[0] || (decl >= 0 && decl < EA_COL_OBSERVED_INDICATORS) ||
        ea_inputs_uncertainty(header, of, sizeof of) != EA_INPUTS_SPREAD_NONE)
        return NULL;
    return decl >= 0 ? ea_inputs_column(EA_INPUTS_OBSERVED, decl)->name : header;
}

int ea_inputs_match(ea_inputs_table in, const char *header)
{
    char folded[NAME_MAX_FOLDED];
    eng_text_fold(header, folded, sizeof folded);
    if (!folded[0])
        return -1;
    for (int i = 0; i < inputs[in].ncolumns; i++)
        if (each_name(&inputs[in].columns[i], same_name, folded))
            return i;
    return -1;
}

int ea_inputs_find(const eng_csv *t, ea_inputs_table in, int col)
{
    for (int j = 0; j < eng_csv_ncols(t); j++)
        if (ea_inputs_match(in, eng_csv_header(t, j)) == col)
            return j;
    return -1;
}

/* The name of column c shown in messages: its first alias, or its name. */
static void shown_name(const ea_inputs_col *c, char *buf, size_t size)
{
    const char *a = c->aliases && *c->aliases ? c->aliases : c->name;
    snprintf(buf, size, "%.*s", (int)strcspn(a, "|"), a);
}

/* Appends to buf the shown names of the columns of `in` that are required (or not), separated by
 * commas. */
static void append_names(char *buf, size_t size, ea_inputs_table in, int required)
{
    for (int i = 0, first = 1; i < inputs[in].ncolumns; i++) {
        if (inputs[in].columns[i].required != required)
            continue;
        char name[NAME_MAX_FOLDED];
        shown_name(&inputs[in].columns[i], name, sizeof name);
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", first ? "" : ", ", name);
        first = 0;
    }
}

/* The closest header to a name of a column: its distance and folded form. */
typedef struct closest {
    const char *header;     /* folded */
    int distance;
} closest;

/* Keeps in c the distance of the header to a name when it is a likely misspelling: within one
 * edit in three letters, or one holding the other ("start" for module_start), counted as 2. */
static int nearer(const char *name, void *data)
{
    closest *c = data;
    int d = eng_text_edit_distance(name, c->header);
    int len = (int)strlen(name);
    if (d > (len < 6 ? 1 : len / 3))
        d = INT_MAX;
    if (strlen(c->header) >= 3 && (strstr(name, c->header) || strstr(c->header, name)) && d > 2)
        d = 2;
    if (d < c->distance)
        c->distance = d;
    return 0;
}

/* The error of a required column absent: what it may be called, what the table holds, and the
 * closest header of the file that names no other column, or the headers found. */
static int missing_column(const eng_csv *t, ea_inputs_table in, int col, eng_error *err)
{
    const ea_inputs_col *c = &inputs[in].columns[col];
    char shown[NAME_MAX_FOLDED], expected[400] = "", optional[400] = "", found[300] = "";
    char accepted[300];
    shown_name(c, shown, sizeof shown);
    size_t n = (size_t)snprintf(accepted, sizeof accepted, "%s", c->name);
    for (const char *a = c->aliases; *a && n + 3 < sizeof accepted; a++) {
        if (a == c->aliases || *a == '|') {
            accepted[n++] = ',';
            accepted[n++] = ' ';
        }
        if (*a != '|')
            accepted[n++] = *a;
    }
    accepted[n] = '\0';
    append_names(expected, sizeof expected, in, 1);
    append_names(optional, sizeof optional, in, 0);
    int best = -1, best_d = INT_MAX;
    for (int j = 0; j < eng_csv_ncols(t); j++) {
        char folded[NAME_MAX_FOLDED];
        closest near = { eng_text_fold(eng_csv_header(t, j), folded, sizeof folded), INT_MAX };
        if (!folded[0])
            continue;
        if (ea_inputs_match(in, eng_csv_header(t, j)) < 0)
            each_name(c, nearer, &near);
        if (near.distance < best_d) {
            best_d = near.distance;
            best = j;
        }
        size_t len = strlen(found);
        if (len + strlen(eng_csv_header(t, j)) + 8 < sizeof found)
            snprintf(found + len, sizeof found - len, "%s« %s »", len ? ", " : "",
                     eng_csv_header(t, j));
    }
    char hint[400];
    if (best >= 0)
        snprintf(hint, sizeof hint, "la colonne « %.60s » du fichier est la plus proche : "
                 "renommez-la « %s »", eng_csv_header(t, best), shown);
    else
        snprintf(hint, sizeof hint, "colonnes du fichier : %s", found[0] ? found : "aucune");
    return eng_error_set(err, ENG_EINPUT, "fichier %s, ligne %ld : il manque la colonne « %s » "
                         "(noms acceptés : %s) ; colonnes attendues : %s%s%s ; %s",
                         eng_csv_name(t), eng_csv_header_line(t), shown, accepted,
                         expected, optional[0] ? " ; facultatives : " : "", optional, hint);
}

int ea_inputs_columns(const eng_csv *t, ea_inputs_table in, int *cols, eng_error *err)
{
    for (int i = 0; i < inputs[in].ncolumns; i++)
        cols[i] = -1;
    for (int j = 0; j < eng_csv_ncols(t); j++) {
        int i = ea_inputs_match(in, eng_csv_header(t, j));
        if (i < 0)
            continue;
        if (cols[i] >= 0)
            return eng_error_set(err, ENG_EINPUT, "fichier %s, ligne %ld : les colonnes « %s » et "
                                 "« %s » sont deux noms de la même colonne %s ; gardez-en une",
                                 eng_csv_name(t), eng_csv_header_line(t),
                                 eng_csv_header(t, cols[i]), eng_csv_header(t, j),
                                 inputs[in].columns[i].name);
        cols[i] = j;
    }
    for (int i = 0; i < inputs[in].ncolumns; i++)
        if (inputs[in].columns[i].required && cols[i] < 0)
            return missing_column(t, in, i, err);
    return ENG_OK;
}
