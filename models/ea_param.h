/* ea_param.h — A numeric parameter of a scenario addressed by name (as `sweep --vary` names keys):
 * its current value, its domain from the schema, and a value set into the scenario's INI text. */
#ifndef EA_PARAM_H
#define EA_PARAM_H

#include "../engine/eng_error.h"
#include "../engine/eng_ini.h"
#include "ea_scenario.h"
#include "ea_schema.h"

/* What part of a key's value the parameter is. */
typedef enum ea_param_part {
    EA_PARAM_NUMBER,    /* the key's number: department.31.entries_per_month, entries.growth */
    EA_PARAM_DIST,      /* a distribution's parameter: module.recherche.duration.mean */
    EA_PARAM_SHARE      /* one share of a routing or an entry mix; the others are rescaled so that
                           the line still sums to 1: module.recherche.next.exit.emploi_durable,
                           entries.mix.recherche */
} ea_param_part;

/* A parameter. Names are those of `sweep --vary`, lower case: SECTION.KEY, where SECTION may hold
 * dots (module.recherche, department.31.module.projet), `defaults.KEY` sets a department key in
 * every department, and a distribution or a routing or mix key takes one more part: the
 * distribution's parameter (mean, sd, shape, scale, value) or the share's target (a module, or
 * exit.REASON). Any numeric key of the schema is addressed the same way. */
typedef struct ea_param {
    char name[192];                 /* as given, lower case */
    char section[128];              /* the section set ("defaults" for every department) */
    char key[64];
    char sub[64];                   /* the distribution's parameter or the share's target; "" */
    int all_departments;            /* defaults.KEY */
    ea_param_part part;
    const ea_schema_key *row;       /* the key's row of the schema */
    int integer;                    /* the key takes whole numbers (places): values are rounded */
} ea_param;

/* Parses a name. Errors (ENG_EINPUT, in French with the fix): no such key in the schema, a key
 * that is no number (a text, a month, a schedule) without the part that makes it one, an unknown
 * distribution parameter. Whether the scenario has the section and the part is checked by
 * ea_param_get. */
int ea_param_parse(const char *name, ea_param *p, eng_error *err);

/* ENG_EINPUT, with the key the departments set instead and the fix, when p is a shared key of
 * [entries] or [module.NAME] that every department of sc sets itself: changing it changes
 * nothing (entries.per_month when each department gives entries_per_month). */
int ea_param_check_effect(const ea_param *p, const ea_scenario *sc, eng_error *err);

/* The parameter's value in the scenario sc (read from the file: defaults are resolved). For
 * defaults.KEY, the mean over the departments, *spread set to 1 when they differ (may be NULL).
 * ENG_EINPUT when sc has no such section, department, module, distribution parameter (a gamma has
 * mean and sd, a weibull shape and scale) or routing target, and when the key has no effect
 * (ea_param_check_effect). */
int ea_param_get(const ea_param *p, const ea_scenario *sc, double *value, int *spread,
                 eng_error *err);

/* The parameter for people, in the language of the messages: the schema's label of its key, the
 * part of a distribution or the target of a share in parentheses, and where it applies
 * ("durée du module (moyenne) — recherche", "prescriptions par mois — département 31",
 * "orientation à la fin du module (sortie emploi durable) — recherche"). Returns buf. */
const char *ea_param_label(const ea_param *p, char *buf, size_t size);

/* The same, with `sep` between the label and where it applies (" — " above, ", " inside a
 * sentence), and a department named by name(data, code, out, size) when it writes a label into
 * out and returns 1 ("prescriptions par mois — Haute-Garonne (31)"), by its code otherwise (name
 * may be NULL). */
typedef int (*ea_param_namer)(void *data, const char *code, char *out, size_t size);
const char *ea_param_label_named(const ea_param *p, const char *sep, ea_param_namer name,
                                 void *data, char *buf, size_t size);

/* The domain of the parameter's values: [lo, hi], lo excluded when *lo_open (a mean duration, an
 * sd: > 0). From the schema's bounds of the key (for a distribution, those of its mean); shares
 * are probabilities, in [0, 1]. */
void ea_param_domain(const ea_param *p, double *lo, double *hi, int *lo_open);

/* Whether x lies in the domain. */
int ea_param_in_domain(const ea_param *p, double x);

/* Sets the parameters p[0..n) to x[0..n) in ini, one after the other (each reads the scenario as
 * the previous ones left it, so that two parts of one key combine), and reads the scenario of the
 * result into *sc (ea_scenario_clear it). A value outside the domain, or a scenario that the value
 * makes invalid, is ENG_EINPUT naming the parameter. */
int ea_param_apply(const ea_param *p, int n, const double *x, eng_ini *ini, ea_scenario *sc,
                   eng_error *err);

/* The sections of ini that the parameter sets (one, or every department for defaults.KEY):
 * calls each(section, key, data) for each; stops at and returns the first nonzero result. */
int ea_param_each_section(const ea_param *p, const eng_ini *ini,
                          int (*each)(const char *section, const char *key, void *data),
                          void *data);

#endif
