/* pl_text.h — Words and numbers of the charts and the report in French (default) or English:
 * grouped numbers, euros, percentages, months, labels of indicators, modules and exit reasons. */
#ifndef PL_TEXT_H
#define PL_TEXT_H

#include <stddef.h>
#include "../engine/eng_csv.h"

typedef enum pl_text_lang { PL_FR = 0, PL_EN } pl_text_lang;

/* Reads "fr" or "en" (any case). Returns 0, or -1 for anything else. */
int pl_text_lang_parse(const char *text, pl_text_lang *out);

/* The French or the English of a text the caller writes in both, as lang asks: the page, the
 * charts and the workbook choose their language, whatever the messages'. */
const char *pl_text_tr(pl_text_lang lang, const char *fr, const char *en);

/* x rounded to `decimals` places, digits grouped by three: "2 773 500" and "93,5" in French,
 * "2,773,500" and "93.5" in English; an en dash for NaN. Returns buf. */
const char *pl_text_num(char *buf, size_t size, double x, int decimals, pl_text_lang lang);

/* Whole euros: "2 773 500 €" in French, "€2,773,500" in English. Returns buf. */
const char *pl_text_eur(char *buf, size_t size, double x, pl_text_lang lang);

/* A share as a percentage with `decimals` places: 0.935 gives "93,5 %" or "93.5%". Returns buf. */
const char *pl_text_pct(char *buf, size_t size, double share, int decimals, pl_text_lang lang);

/* The abbreviated (janv., févr., ... / Jan, Feb, ...) or full name of month 1-12. */
const char *pl_text_month_name(int month, int abbreviated, pl_text_lang lang);

/* A stock's date in words: "fin 2021" for a 31 December, "fin mars 2022" for the last day of
 * another month, "le 15/03/2022" otherwise ("end 2021", "end March 2022", "on 15 Mar 2022").
 * Returns buf. */
const char *pl_text_date_phrase(char *buf, size_t size, eng_date d, pl_text_lang lang);

/* A day for people: "01/12/2026" in French, "1 Dec 2026" in English, where 01/12 would read as
 * January 12 to part of its readers. Returns buf. */
const char *pl_text_date(char *buf, size_t size, eng_date d, pl_text_lang lang);

/* The label of an indicator of the tables ("file active", "sorties : abandon", ...) in lang
 * (ea_indicators_label_in), written into buf; an unknown name is given as it is. Returns buf. */
const char *pl_text_indicator_label(char *buf, size_t size, const char *indicator,
                                    pl_text_lang lang);

/* The label of a module (évaluation, projet, recherche d'emploi, maintien dans l'emploi) or of an
 * exit reason (emploi durable, réorientation, abandon, autre); other names as they are. */
const char *pl_text_module_label(const char *module, pl_text_lang lang);
const char *pl_text_reason_label(const char *reason, pl_text_lang lang);

/* How an indicator's values read, from its unit in the indicator table: euros, shares
 * (occupancy) or counts (everything else, and names that are not indicators). */
typedef enum pl_text_unit { PL_UNIT_COUNT = 0, PL_UNIT_EUR, PL_UNIT_SHARE } pl_text_unit;

pl_text_unit pl_text_indicator_unit(const char *indicator);

/* A value in its unit: a count with the given decimals, whole euros, or a percentage with one
 * decimal. Returns buf. */
const char *pl_text_value(char *buf, size_t size, double x, pl_text_unit unit, int decimals,
                          pl_text_lang lang);

/* The decimals of a mean count for people: one below 10, where rounding would turn 0,4 persons
 * waiting into 0 in every department of a region that has 3, or 6,3 persons into 6 beside their
 * 79 % of 8 places; none from 10 up. */
int pl_text_count_decimals(double x);

#endif
