/* pl_assumptions.h — The scenario's assumptions ready to show, for the report's section and the
 * workbook's sheet alike: the scenario file's comments, SOURCES.md and ea_assumptions read
 * together, and each value, group and basis in French words. */
#ifndef PL_ASSUMPTIONS_H
#define PL_ASSUMPTIONS_H

#include <stddef.h>

#include "../engine/eng_error.h"
#include "../engine/eng_ini.h"
#include "../models/ea_assumptions.h"
#include "../models/ea_scenario.h"
#include "../models/ea_schema.h"
#include "../models/ea_sources.h"
#include "pl_text.h"

/* What the assumptions of a scenario are shown from. */
typedef struct pl_assumptions {
    const ea_scenario *sc;
    pl_text_lang lang;
    eng_ini *ini;            /* the scenario file read again for its comments; NULL when it cannot
                                be (gone since the run) */
    ea_sources *sources;     /* SOURCES.md beside it (ea_sources_beside); NULL when there is none */
    char *sources_path;
    ea_assumptions a;
} pl_assumptions;

/* Reads the comments of sc->path, SOURCES.md beside it and computes the assumptions into *v, which
 * pl_assumptions_clear frees. ENG_EINPUT when SOURCES.md names a reference twice, ENG_EFAIL when
 * out of memory; *v is then empty. */
int pl_assumptions_load(const ea_scenario *sc, pl_text_lang lang, pl_assumptions *v,
                        eng_error *err);

void pl_assumptions_clear(pl_assumptions *v);

/* The value v of key k as a reader reads it (in the language of the messages): "4 300 € par place et par an", "40 %",
 * "gamma, moyenne 3 mois, écart-type 1,5", "80 % évaluation, 4 % recherche d'emploi, 16 % maintien
 * dans l'emploi", "janvier 2022"; numbers with the decimals they have, digits grouped. with_unit 0
 * leaves the unit of a plain number out (a department table gives it in its heading). Returns
 * buf. */
const char *pl_assumptions_value(char *buf, size_t size, const ea_scenario *sc,
                                 const ea_schema_key *k, const void *v, int with_unit);

/* The value of a shared section's row: pl_assumptions_value, or, when every department gives its
 * own (row->overridden), words saying so: the shared value applies to none. */
const char *pl_assumptions_row_value(char *buf, size_t size, const ea_scenario *sc,
                                     const ea_assumptions_row *row);

/* The title of a group: "Scénario", "Budget", "Personnel", "Entrées", "Liste d'attente",
 * "Sorties", or "Module : évaluation". Returns buf. */
const char *pl_assumptions_group_title(char *buf, size_t size, const ea_assumptions_group *g);

/* The word for what stands behind a value that cites no reference, or NULL for a sourced one:
 * "hypothèse", "valeur par défaut d'eaflow", "réglage du calcul", "sans objet (un nom)". */
const char *pl_assumptions_basis_word(ea_assumptions_basis basis, const ea_schema_key *k);

/* What stands behind a value as plain text: its references with their short titles
 * ("[S1] Note Occitanie (2022) ; [S14] Nexem (2017)"), "hypothèse" (", d'après [S1] ..." when it
 * builds on references), or the word of pl_assumptions_basis_word. Returns buf. */
const char *pl_assumptions_basis(char *buf, size_t size, const pl_assumptions *v,
                                 const ea_schema_key *k, const ea_assumptions_note *n);

/* A key's label with a capital first letter, and its module for a module's key (module >= 0):
 * "Durée du module (projet)". Returns buf. */
const char *pl_assumptions_label(char *buf, size_t size, const ea_schema_key *k, int module);

/* A unit of the schema in words after several of it, in the language of the messages ("mois",
 * "€ par place et par an", "personnes par mois"); NULL for a unit that has no words (a share, a
 * multiplier). */
const char *pl_assumptions_unit(const char *unit);

#endif
