/* pl_report_assumptions.h — The report's assumptions: the scenario's parameters in French with
 * their unit, source or « hypothèse » and note, then the annexes of the sources and of run.ini. */
#ifndef PL_REPORT_ASSUMPTIONS_H
#define PL_REPORT_ASSUMPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "../engine/eng_error.h"
#include "../models/ea_scenario.h"
#include "../models/ea_schema.h"
#include "pl_text.h"

/* The style of the assumptions' tables and annexes, added to the page's style sheet. */
extern const char *const pl_report_assumptions_css;

/* The contents' entries: the assumptions (when sc is given), and with annexes set the sources
 * (when sc is given) and run.ini (when run_ini is given). */
void pl_report_assumptions_toc(FILE *f, const ea_scenario *sc, const char *run_ini, int annexes,
                               pl_text_lang lang);

/* The section « Hypothèses du scénario » (id hypotheses): a count of the parameters by basis, then
 * a table per shared section and per module (paramètre, valeur, source, note of the scenario
 * file), and the departments: one table with the keys that differ between them, the keys they
 * share, and the other notes of their sections. The comments are read again from sc->path
 * (eng_ini_comment) and the references from SOURCES.md beside it; every text is escaped, each
 * [Sn] links to the sources annex. A scenario file that cannot be read again (gone since the run)
 * leaves the values without notes, with a sentence that says so. Nothing is written when sc is
 * NULL. ENG_EINPUT when SOURCES.md names a reference twice, ENG_EFAIL when out of memory. */
int pl_report_assumptions_write(FILE *f, const ea_scenario *sc, pl_text_lang lang,
                                eng_error *err);

/* The annexes at the end of the page: the references the scenario cites with their full text from
 * SOURCES.md (id sources; when sc is given), then run.ini, the resolved scenario, as a link and
 * its text in a <details> element closed on screen and shown in print (id run-ini; when run_ini
 * is given). Errors as pl_report_assumptions_write. */
int pl_report_assumptions_write_annexes(FILE *f, const ea_scenario *sc, const char *run_ini,
                                        pl_text_lang lang, eng_error *err);

#endif
