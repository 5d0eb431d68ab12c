/* ea_schema.c — The keys of a scenario file: the table, its look-ups, the Markdown key list, and
 * the pieces every message about a scenario file is made of. */
#include "ea_schema.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_guard.h"
#include "ea_scenario.h"
#include "ea_schema_type.h"

static const char *const capacity_choices[] = {"places", "staff", NULL};

#define SC(f) offsetof(ea_scenario, f)
#define EN(f) offsetof(ea_scenario_entries, f)
#define MO(f) offsetof(ea_scenario_module, f)
#define DE(f) offsetof(ea_scenario_department, f)

/* A department's copy of a shared value: derived from the shared one, written when set. */
#define OVERRIDE (EA_SCHEMA_DERIVED | EA_SCHEMA_IF_OVERRIDDEN)

/* The bounds of the domain. Every number a scenario gives is bounded by what emploi accompagné
 * can be, with a wide margin, so that a slip of the keyboard (a rate of 1e9, 10^8 places) is refused
 * with its key rather than run until the machine gives out; the memory and time of what remains is
 * estimated before a run (ea_guard.h).
 * - Entries: the whole country sees fewer than 1 000 prescriptions a month (SOURCES.md): 100 000 a
 *   month in one department is a hundred times the nation. Seasonal multipliers average 1 over the
 *   year, so none exceeds 12 (the whole year in one month).
 * - Places and persons: the national target is 30 000 persons in support by 2027 and the need is
 *   estimated at 50 000: 1 000 000 in one department is twenty times the national need.
 * - Counsellors: 576 for the whole country in 2023: 100 000 FTE in one department is far beyond.
 * - Money: a place costs 4 300 € a year and a counsellor about 50 000 €: 1 000 000 € a year for
 *   either is twenty times the costliest plausible value.
 * - Time: 1 200 months is a century. A module lasts at least about a day on average (0.03 month,
 *   0.9 day): an appointment, not a tick of the clock.
 * - Replications: 100 000 put the 5 % and 95 % quantiles within a fraction of a percent; more adds
 *   nothing but memory (every replication's tables are kept). */
#define MAX_ENTRIES 1e5       /* persons/month in one department */
#define MAX_SEASONAL 12       /* multiplier of a month */
#define MAX_PERSONS 1e6       /* places, and persons in support at the start */
#define MAX_FTE 1e5
#define MAX_EUROS 1e6         /* €/year for a place or a counsellor */
#define MAX_MONTHS 1200
#define MIN_DURATION 0.03     /* months, mean of a module's duration */
#define MAX_REPLICATIONS EA_GUARD_MAX_REPLICATIONS
/* - Growth of the entries: from −90 % a year (a scheme closing) to ×11 a year (+1 000 %, beyond
 *   the fastest national year, +72 % from end 2018 to end 2019 in persons entered). */
#define MIN_GROWTH -0.9
#define MAX_GROWTH 10

/* Each row: section, key, type, unit, default, flags; min, max, choices, offset, override bit;
 * help; the French label of the report's assumptions. For distributions min and max bound the
 * mean. */
const ea_schema_key ea_schema_keys[] = {
    {EA_SEC_SCENARIO, "name", EA_TYPE_TEXT, "", ENG_MSG_N("le nom du fichier sans son extension"),
     EA_SCHEMA_DERIVED | EA_SCHEMA_SETTING, 0, 0, NULL, SC(name), 0,
     ENG_MSG_N("nom affiché dans les sorties"),
     ENG_MSG_N("nom du scénario")},
    {EA_SEC_SCENARIO, "area", EA_TYPE_TEXT, "", ENG_MSG_N("« Région »"),
     EA_SCHEMA_DERIVED | EA_SCHEMA_SETTING, 0, 0, NULL, SC(area), 0,
     ENG_MSG_N("territoire que les départements forment ensemble (Occitanie, France) : le nom "
               "de leur ensemble dans les tableaux, la page, le classeur et le terminal"),
     ENG_MSG_N("territoire")},
    {EA_SEC_SCENARIO, "placeholders", EA_TYPE_TEXT, "", ENG_MSG_N("aucune"),
     EA_SCHEMA_DERIVED | EA_SCHEMA_SETTING, 0, 0, NULL, SC(placeholders), 0,
     ENG_MSG_N("clés dont la valeur tient seulement la place, à renseigner (fit les écrit : "
               "places, intensity) : chaque commande le rappelle tant que la clé est là"),
     ENG_MSG_N("valeurs provisoires à renseigner")},
    {EA_SEC_SCENARIO, "start", EA_TYPE_MONTH, "", NULL, 0,
     0, 0, NULL, SC(start), 0,
     ENG_MSG_N("premier mois simulé, AAAA-MM"),
     ENG_MSG_N("premier mois simulé")},
    {EA_SEC_SCENARIO, "months", EA_TYPE_INT, "months", NULL, 0,
     1, MAX_MONTHS, NULL, SC(months), 0,
     ENG_MSG_N("nombre de mois simulés"),
     ENG_MSG_N("durée simulée")},
    {EA_SEC_SCENARIO, "replications", EA_TYPE_INT, "", "100", EA_SCHEMA_SETTING,
     1, MAX_REPLICATIONS, NULL, SC(replications), 0,
     ENG_MSG_N("tirages indépendants du scénario, résumés ensemble"),
     ENG_MSG_N("réplications (tirages indépendants du scénario)")},
    {EA_SEC_SCENARIO, "seed", EA_TYPE_SEED, "", "1", EA_SCHEMA_SETTING,
     0, 0, NULL, SC(seed), 0,
     ENG_MSG_N("graine des tirages aléatoires ; la même graine donne les mêmes résultats"),
     ENG_MSG_N("graine des tirages aléatoires")},

    {EA_SEC_BUDGET, "cost_per_place", EA_TYPE_REAL, "€/place/year", "4300", 0,
     0, MAX_EUROS, NULL, SC(cost_per_place), 0,
     ENG_MSG_N("financement d'une place pour un an (4 300 € depuis le passage aux plateformes)"),
     ENG_MSG_N("financement d'une place")},
    {EA_SEC_BUDGET, "staff_cost_per_fte", EA_TYPE_REAL, "€/FTE/year", "0", 0,
     0, MAX_EUROS, NULL, SC(staff_cost_per_fte), 0,
     ENG_MSG_N("coût complet d'un conseiller à temps plein pour un an ; 0 : le coût du "
               "personnel n'est pas calculé"),
     ENG_MSG_N("coût complet d'un conseiller à temps plein")},
    {EA_SEC_BUDGET, "delegated_share", EA_TYPE_REAL, "share", "0", 0,
     0, 1, NULL, SC(delegated_share), 0,
     ENG_MSG_N("part du financement déléguée à des structures partenaires"),
     ENG_MSG_N("part du financement déléguée aux structures partenaires")},

    {EA_SEC_STAFF, "capacity_mode", EA_TYPE_CHOICE, "", "places", 0,
     0, 0, capacity_choices, SC(capacity_mode), 0,
     ENG_MSG_N("ce qui limite les admissions : les places financées, ou les heures des "
               "conseillers (fte de chaque département)"),
     ENG_MSG_N("ce qui limite les admissions")},
    {EA_SEC_STAFF, "hours_per_fte_month", EA_TYPE_REAL, "hours/FTE/month", "134",
     EA_SCHEMA_MIN_EXCLUSIVE, 0, 744, NULL, SC(hours_per_fte_month), 0,
     ENG_MSG_N("heures de travail d'un conseiller à temps plein par mois (1 607 h par an / "
               "12, arrondi)"),
     ENG_MSG_N("heures de travail d'un conseiller à temps plein")},
    {EA_SEC_STAFF, "direct_share", EA_TYPE_REAL, "share", "1", EA_SCHEMA_MIN_EXCLUSIVE,
     0, 1, NULL, SC(direct_share), 0,
     ENG_MSG_N("part de ces heures passée en accompagnement direct des personnes, celles que "
               "demande l'intensité des modules ; le reste va aux employeurs, aux partenaires, à "
               "la coordination et aux déplacements (1 : tout leur temps)"),
     ENG_MSG_N("part du temps des conseillers passée en accompagnement direct")},

    {EA_SEC_ENTRIES, "per_month", EA_TYPE_REAL, "persons/month", "0", 0,
     0, MAX_ENTRIES, NULL, EN(per_month), 0,
     ENG_MSG_N("prescriptions par mois en moyenne (taux de Poisson)"),
     ENG_MSG_N("prescriptions par mois dans chaque département, sauf indication")},
    {EA_SEC_ENTRIES, "seasonality", EA_TYPE_SEASONALITY, "multiplier",
     "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1", 0, 0, MAX_SEASONAL, NULL, EN(seasonality), 0,
     ENG_MSG_N("multiplicateurs du taux de janvier à décembre"),
     ENG_MSG_N("saisonnalité des prescriptions (multiplicateurs par mois)")},
    {EA_SEC_ENTRIES, "schedule", EA_TYPE_RATES, "persons/month", "", 0,
     0, MAX_ENTRIES, NULL, EN(schedule), 0,
     ENG_MSG_N("taux à partir d'un mois donné, à la place de per_month : AAAA-MM:taux ou "
               "AAAA:taux (à partir de janvier)"),
     ENG_MSG_N("prescriptions par mois à partir d'une date")},
    {EA_SEC_ENTRIES, "mix", EA_TYPE_MIX, "share", "evaluation:1", 0,
     0, 1, NULL, EN(mix), 0,
     ENG_MSG_N("part des entrants qui commencent par chaque module"),
     ENG_MSG_N("module d'entrée des personnes")},
    {EA_SEC_ENTRIES, "growth", EA_TYPE_REAL, "share/year", "0", 0,
     MIN_GROWTH, MAX_GROWTH, NULL, EN(growth), 0,
     ENG_MSG_N("croissance annuelle du taux d'entrée (0.25 : un quart de plus chaque année), "
               "composée chaque mois depuis le premier mois simulé et appliquée à per_month ; "
               "refusée avec schedule, qui donne déjà le taux de chaque période"),
     ENG_MSG_N("croissance annuelle des prescriptions")},

    {EA_SEC_WAITING, "patience", EA_TYPE_DIST, "months", "none", 0,
     0, MAX_MONTHS, NULL, SC(patience), 0,
     ENG_MSG_N("temps qu'une personne attend une place avant de renoncer ; none : elle "
               "attend aussi longtemps qu'il le faut"),
     ENG_MSG_N("attente avant de renoncer à une place")},

    {EA_SEC_EXITS, "reasons", EA_TYPE_REASONS, "", "emploi_durable, reorientation, abandon, autre",
     0, 0, 0, NULL, SC(reasons), 0,
     ENG_MSG_N("motifs de sortie, nommés exit.MOTIF dans les orientations"),
     ENG_MSG_N("motifs de sortie")},

    {EA_SEC_MODULE, "duration", EA_TYPE_DURATION, "months", NULL, 0,
     MIN_DURATION, MAX_MONTHS, NULL, MO(duration), 0,
     ENG_MSG_N("temps passé dans le module, une distribution comme gamma(mean=6, sd=3)"),
     ENG_MSG_N("durée du module")},
    {EA_SEC_MODULE, "intensity", EA_TYPE_REAL, "hours/person/month", "0", 0,
     0, 744, NULL, MO(intensity), 0,
     ENG_MSG_N("heures d'accompagnement par personne et par mois"),
     ENG_MSG_N("intensité de l'accompagnement")},
    {EA_SEC_MODULE, "next", EA_TYPE_ROUTING, "probability", NULL, 0,
     0, 1, NULL, MO(next), 0,
     ENG_MSG_N("où va une personne à la fin du module : module:probabilité ou "
               "exit.MOTIF:probabilité, de somme 1"),
     ENG_MSG_N("orientation à la fin du module")},

    {EA_SEC_DEPARTMENT, "name", EA_TYPE_TEXT, "", ENG_MSG_N("le code (region pour [platform])"),
     EA_SCHEMA_DERIVED | EA_SCHEMA_SETTING, 0, 0, NULL, DE(name), EA_OVR_NAME,
     ENG_MSG_N("nom affiché dans les sorties"),
     ENG_MSG_N("nom")},
    {EA_SEC_DEPARTMENT, "places", EA_TYPE_INT, "places", NULL, 0,
     0, MAX_PERSONS, NULL, DE(places), 0,
     ENG_MSG_N("places financées"),
     ENG_MSG_N("places financées")},
    {EA_SEC_DEPARTMENT, "places_schedule", EA_TYPE_PLACES, "places", "", 0,
     0, MAX_PERSONS, NULL, DE(places_schedule), 0,
     ENG_MSG_N("places financées à partir d'un mois donné : AAAA-MM:places ou AAAA:places "
               "(à partir de janvier)"),
     ENG_MSG_N("places financées à partir d'une date")},
    {EA_SEC_DEPARTMENT, "initial_file_active", EA_TYPE_INT, "persons", "0", 0,
     0, MAX_PERSONS, NULL, DE(initial_file_active), 0,
     ENG_MSG_N("personnes accompagnées au départ"),
     ENG_MSG_N("file active au départ")},
    {EA_SEC_DEPARTMENT, "initial_mix", EA_TYPE_MIX, "share", ENG_MSG_N("les parts stationnaires du parcours"),
     EA_SCHEMA_DERIVED, 0, 1, NULL, DE(initial_mix), EA_OVR_INITIAL_MIX,
     ENG_MSG_N("répartition de la file active de départ entre les modules ; par défaut, la "
               "part de chaque module dans les passages attendus multipliée par sa durée "
               "moyenne"),
     ENG_MSG_N("répartition de la file active de départ entre modules")},
    {EA_SEC_DEPARTMENT, "entries_per_month", EA_TYPE_REAL, "persons/month", "[entries] per_month",
     EA_SCHEMA_DERIVED, 0, MAX_ENTRIES, NULL, DE(entries.per_month), EA_OVR_ENTRIES_PER_MONTH,
     ENG_MSG_N("prescriptions par mois en moyenne dans ce département"),
     ENG_MSG_N("prescriptions par mois")},
    {EA_SEC_DEPARTMENT, "growth", EA_TYPE_REAL, "share/year", "[entries] growth",
     OVERRIDE, MIN_GROWTH, MAX_GROWTH, NULL, DE(entries.growth), EA_OVR_GROWTH,
     ENG_MSG_N("[entries] growth pour ce département : croissance annuelle de entries_per_month"),
     ENG_MSG_N("croissance annuelle des prescriptions")},
    {EA_SEC_DEPARTMENT, "entries_before_start", EA_TYPE_INT, "persons", "0",
     EA_SCHEMA_IF_OVERRIDDEN, 0, MAX_PERSONS, NULL, DE(entries_before_start), EA_OVR_BEFORE_START,
     ENG_MSG_N("personnes entrées avant le premier mois simulé (depuis le début du dispositif) : "
               "le point de départ de entries_cumulative, pour comparer un cumul « depuis 2017 »"),
     ENG_MSG_N("entrées avant le début de la simulation")},
    {EA_SEC_DEPARTMENT, "fte", EA_TYPE_REAL, "FTE", "0", 0,
     0, MAX_FTE, NULL, DE(fte), 0,
     ENG_MSG_N("conseillers, en équivalent temps plein ; doit être > 0 quand capacity_mode "
               "= staff"),
     ENG_MSG_N("conseillers (ETP)")},
    {EA_SEC_DEPARTMENT, "weight", EA_TYPE_REAL, "", "0", EA_SCHEMA_IF_OVERRIDDEN,
     0, 1e12, NULL, DE(weight), EA_OVR_WEIGHT,
     ENG_MSG_N("poids du département dans la répartition d'un total de places entre les "
               "départements (sweep --vary region.places=... --split weight), par exemple sa "
               "population"),
     ENG_MSG_N("poids dans la répartition du total de places")},
    {EA_SEC_DEPARTMENT, "seasonality", EA_TYPE_SEASONALITY, "multiplier", "[entries] seasonality",
     OVERRIDE, 0, MAX_SEASONAL, NULL, DE(entries.seasonality), EA_OVR_SEASONALITY,
     ENG_MSG_N("[entries] seasonality pour ce département"),
     ENG_MSG_N("saisonnalité des prescriptions")},
    {EA_SEC_DEPARTMENT, "schedule", EA_TYPE_RATES, "persons/month", "[entries] schedule",
     OVERRIDE, 0, MAX_ENTRIES, NULL, DE(entries.schedule), EA_OVR_SCHEDULE,
     ENG_MSG_N("[entries] schedule pour ce département, à la place de entries_per_month à "
               "partir de chaque mois donné"),
     ENG_MSG_N("prescriptions par mois à partir d'une date")},
    {EA_SEC_DEPARTMENT, "mix", EA_TYPE_MIX, "share", "[entries] mix",
     OVERRIDE, 0, 1, NULL, DE(entries.mix), EA_OVR_MIX,
     ENG_MSG_N("[entries] mix pour ce département"),
     ENG_MSG_N("module d'entrée des personnes")},

    {EA_SEC_DEPT_MODULE, "duration", EA_TYPE_DURATION, "months", "[module.NAME] duration",
     OVERRIDE, MIN_DURATION, MAX_MONTHS, NULL, MO(duration), EA_OVR_DURATION,
     ENG_MSG_N("durée du module dans ce département"),
     ENG_MSG_N("durée du module")},
    {EA_SEC_DEPT_MODULE, "intensity", EA_TYPE_REAL, "hours/person/month", "[module.NAME] intensity",
     OVERRIDE, 0, 744, NULL, MO(intensity), EA_OVR_INTENSITY,
     ENG_MSG_N("intensité du module dans ce département"),
     ENG_MSG_N("intensité de l'accompagnement")},
    {EA_SEC_DEPT_MODULE, "next", EA_TYPE_ROUTING, "probability", "[module.NAME] next",
     OVERRIDE, 0, 1, NULL, MO(next), EA_OVR_NEXT,
     ENG_MSG_N("orientation à la fin du module dans ce département"),
     ENG_MSG_N("orientation à la fin du module")},
};

const int ea_schema_nkeys = (int)(sizeof ea_schema_keys / sizeof ea_schema_keys[0]);

const ea_schema_key *ea_schema_find(ea_schema_section section, const char *key)
{
    for (int i = 0; i < ea_schema_nkeys; i++)
        if (ea_schema_keys[i].section == section && strcmp(ea_schema_keys[i].key, key) == 0)
            return &ea_schema_keys[i];
    return NULL;
}

const char *ea_schema_pattern(ea_schema_section section)
{
    static const char *const patterns[] = {
        [EA_SEC_SCENARIO] = "[scenario]",
        [EA_SEC_BUDGET] = "[budget]",
        [EA_SEC_STAFF] = "[staff]",
        [EA_SEC_ENTRIES] = "[entries]",
        [EA_SEC_WAITING] = "[waiting]",
        [EA_SEC_EXITS] = "[exits]",
        [EA_SEC_MODULE] = "[module.NAME]",
        [EA_SEC_DEPARTMENT] = ENG_MSG_N("[department.CODE] ou [platform]"),
        [EA_SEC_DEPT_MODULE] = ENG_MSG_N("[department.CODE.module.NAME] ou [platform.module.NAME]")};
    return eng_msg_tr(patterns[section]);
}

/* The units of the key list, in French; `unit` is the schema's own word for it, which the report's
 * assumptions (pl_report_assumptions.c) also look up to write it in a sentence. */
static const struct {
    const char *unit, *shown;
} unit_words[] = {
    { "months", ENG_MSG_N("mois") },
    { "€/place/year", ENG_MSG_N("€/place/an") },
    { "€/FTE/year", ENG_MSG_N("€/ETP/an") },
    { "hours/FTE/month", ENG_MSG_N("heures/ETP/mois") },
    { "hours/person/month", ENG_MSG_N("heures/personne/mois") },
    { "persons/month", ENG_MSG_N("personnes/mois") },
    { "persons", ENG_MSG_N("personnes") },
    { "places", ENG_MSG_N("places") },
    { "FTE", ENG_MSG_N("ETP") },
    { "share", ENG_MSG_N("part") },
    { "multiplier", ENG_MSG_N("multiplicateur") },
    { "share/year", ENG_MSG_N("part/an") },
    { "probability", ENG_MSG_N("probabilité") },
};

/* The unit of a key as the key list shows it, in the language of the messages. */
static const char *unit_shown(const char *unit)
{
    for (size_t i = 0; i < sizeof unit_words / sizeof unit_words[0]; i++)
        if (strcmp(unit_words[i].unit, unit) == 0)
            return eng_msg_tr(unit_words[i].shown);
    return unit;
}

/* Writes a section pattern with each [name] as Markdown code. */
static void put_pattern(FILE *f, const char *pattern)
{
    for (const char *p = pattern; *p; p++) {
        if (*p == '[')
            fputc('`', f);
        fputc(*p, f);
        if (*p == ']')
            fputc('`', f);
    }
}

void ea_schema_write_markdown(FILE *f)
{
    fputs(eng_msg_tr("| Section | Clé | Type | Unité | Par défaut | Bornes | Description |\n"
                     "| --- | --- | --- | --- | --- | --- | --- |\n"),
          f);
    for (int i = 0; i < ea_schema_nkeys; i++) {
        const ea_schema_key *k = &ea_schema_keys[i];
        char range[160];
        ea_schema_type_range(k, range, sizeof range);
        fputs("| ", f);
        put_pattern(f, ea_schema_pattern(k->section));
        fprintf(f, " | `%s` | %s | %s | ", k->key, ea_schema_type_name(k->type),
                unit_shown(k->unit));
        if (!k->def)
            fputs(eng_msg_tr("obligatoire"), f);
        else if (k->flags & EA_SCHEMA_DERIVED)
            fputs(eng_msg_tr(k->def), f);
        else if (!k->def[0])
            fputs(eng_msg_tr("vide"), f);
        else
            fprintf(f, "`%s`", k->def);
        const char *help = eng_msg_tr(k->help);
        fprintf(f, " | %s | %c%s |\n", range, toupper((unsigned char)help[0]), help + 1);
    }
    /* The section of uncertain parameters has free-form keys (ea_uncertainty.h), so no row of
     * the table: its one line says how its keys are written. */
    fputs(eng_msg_tr("| `[uncertainty]` | un paramètre nommé comme pour sweep --vary | loi | celle "
                     "de la clé | absente | domaine de la clé | Loi d'un paramètre incertain : "
                     "uniform(BAS, HAUT) ou BAS:HAUT, triangular(BAS, MODE, HAUT), normal(MOYENNE, "
                     "ÉCART-TYPE) tronquée au domaine ; lue par simulate --uncertainty et sensitivity |\n"),
          f);
}

int ea_schema_error(eng_error *err, const char *path, int line, const char *section,
                    const char *key, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, eng_msg_tr(fmt), ap);
    va_end(ap);
    if (line > 0 && key)
        return eng_error_set(err, ENG_EINPUT, "%s, ligne %d, [%s] clé « %s » : %s", path, line,
                             section, key, msg);
    if (line > 0)
        return eng_error_set(err, ENG_EINPUT, "%s, ligne %d, [%s] : %s", path, line, section, msg);
    if (key)
        return eng_error_set(err, ENG_EINPUT, "%s, [%s] clé « %s » : %s", path, section, key, msg);
    return eng_error_set(err, ENG_EINPUT, "%s, [%s] : %s", path, section, msg);
}

int ea_schema_unknown_key(eng_error *err, const char *path, int line, ea_schema_section section,
                          const char *spelled, const char *key)
{
    const char *cands[sizeof ea_schema_keys / sizeof ea_schema_keys[0]];
    char valid[512] = "";
    int n = 0;
    const ea_schema_key *elsewhere = NULL;
    for (int i = 0; i < ea_schema_nkeys; i++) {
        const ea_schema_key *k = &ea_schema_keys[i];
        if (k->section == section) {
            cands[n++] = k->key;
            ea_schema_list_add(valid, sizeof valid, k->key);
        } else if (!elsewhere && strcmp(k->key, key) == 0) {
            elsewhere = k;
        }
    }
    const char *near = ea_schema_closest(key, cands, n);
    if (near)
        return ea_schema_error(err, path, line, spelled, key, "clé inconnue (vouliez-vous dire %s ?)",
                               near);
    if (elsewhere)
        return ea_schema_error(err, path, line, spelled, key,
                               "clé inconnue ici : elle va dans %s (clés de [%s] : %s)",
                               ea_schema_pattern(elsewhere->section), spelled, valid);
    return ea_schema_error(err, path, line, spelled, key, "clé inconnue ; attendu l'une de %s",
                           valid);
}

const char *ea_schema_closest(const char *word, const char *const *cands, int n)
{
    const char *best = NULL;
    int bestd = INT_MAX;
    for (int i = 0; i < n; i++) {
        int d = eng_text_edit_distance(word, cands[i]);
        if (d < bestd) {
            bestd = d;
            best = cands[i];
        }
    }
    int wl = (int)strlen(word);
    if (best && (bestd <= 2 || bestd <= wl / 3))
        return best;
    for (int i = 0; i < n; i++)
        if (wl >= 3 && (strstr(cands[i], word) || strstr(word, cands[i])))
            return cands[i];
    return NULL;
}

void ea_schema_list_add(char *buf, size_t size, const char *s)
{
    size_t n = strlen(buf);
    snprintf(buf + n, size - n, "%s%s", n ? ", " : "", s);
}
