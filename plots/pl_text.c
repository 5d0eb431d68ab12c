/* pl_text.c — Words and numbers of the charts and the report, in French or English. */
#include "pl_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../engine/eng_text.h"

int pl_lang_parse(const char *text, pl_lang *out)
{
    if (eng_strcasecmp(text, "fr") == 0)
        *out = PL_FR;
    else if (eng_strcasecmp(text, "en") == 0)
        *out = PL_EN;
    else
        return -1;
    return 0;
}

const char *pl_num(char *buf, size_t size, double x, int decimals, pl_lang lang)
{
    if (lang == PL_EN)
        eng_format_grouped(buf, size, x, decimals, ",", '.');
    else
        eng_format_grouped(buf, size, x, decimals, " ", ',');
    return buf;
}

const char *pl_eur(char *buf, size_t size, double x, pl_lang lang)
{
    char n[64];
    pl_num(n, sizeof n, x, 0, lang);
    if (isnan(x))
        snprintf(buf, size, "%s", n);
    else if (lang == PL_EN)
        snprintf(buf, size, x < 0 ? "-\u20ac%s" : "\u20ac%s", n + (x < 0 && n[0] == '-'));
    else
        snprintf(buf, size, "%s \u20ac", n);
    return buf;
}

const char *pl_pct(char *buf, size_t size, double share, int decimals, pl_lang lang)
{
    char n[64];
    pl_num(n, sizeof n, 100 * share, decimals, lang);
    if (isnan(share))
        snprintf(buf, size, "%s", n);
    else
        snprintf(buf, size, lang == PL_EN ? "%s%%" : "%s %%", n);
    return buf;
}

const char *pl_month_name(int month, int abbreviated, pl_lang lang)
{
    static const char *const names[2][2][12] = {
        { { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
            "octobre", "novembre", "décembre" },
          { "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
            "nov.", "déc." } },
        { { "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December" },
          { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" } }
    };
    if (month < 1 || month > 12)
        return "?";
    return names[lang == PL_EN][abbreviated != 0][month - 1];
}

const char *pl_date_phrase(char *buf, size_t size, eng_date d, pl_lang lang)
{
    eng_date next = eng_date_from_days(eng_date_days(d) + 1);
    const char *end = lang == PL_EN ? "end" : "fin";
    if (next.day != 1)
        snprintf(buf, size, "%s %02d/%02d/%04d", lang == PL_EN ? "on" : "le", d.day, d.month,
                 d.year);
    else if (d.month == 12)
        snprintf(buf, size, "%s %d", end, d.year);
    else
        snprintf(buf, size, "%s %s %d", end, pl_month_name(d.month, 0, lang), d.year);
    return buf;
}

typedef struct label {
    const char *name, *fr, *en;
} label;

static const label indicators[] = {
    { "file_active", "file active", "caseload" },
    { "waiting", "liste d'attente", "waiting list" },
    { "places", "places", "places" },
    { "occupancy", "taux d'occupation", "occupancy" },
    { "entries", "entrées", "entries" },
    { "admissions", "admissions", "admissions" },
    { "exits", "sorties", "exits" },
    { "reneged", "abandons avant admission", "reneged before admission" },
    { "persons_accompanied", "personnes accompagnées", "persons accompanied" },
    { "mean_wait_days", "attente moyenne (jours)", "mean wait (days)" },
    { "file_active_avg", "file active moyenne", "mean caseload" },
    { "waiting_avg", "liste d'attente moyenne", "mean waiting list" },
    { "staff_hours_needed", "heures d'accompagnement nécessaires", "support hours needed" },
    { "staff_hours_available", "heures d'accompagnement disponibles", "support hours available" },
    { "staff_fte_needed", "ETP nécessaires", "FTE needed" },
    { "funding_eur", "financement", "funding" },
    { "spend_eur", "dépense en personnel", "staff spend" },
    { "delegated_eur", "financement délégué", "delegated funding" },
    { "cost_per_person_eur", "coût par personne accompagnée", "cost per person accompanied" },
    { "cost_per_exit_emploi_eur", "coût par sortie vers l'emploi durable",
      "cost per exit to lasting employment" },
};

static const label modules[] = {
    { "evaluation", "évaluation", "assessment" },
    { "projet", "projet professionnel", "career plan" },
    { "recherche", "recherche d'emploi", "job search" },
    { "maintien", "maintien dans l'emploi", "job retention" },
};

static const label reasons[] = {
    { "emploi_durable", "emploi durable", "lasting employment" },
    { "reorientation", "réorientation", "referral elsewhere" },
    { "abandon", "abandon", "drop-out" },
    { "autre", "autre motif", "other reason" },
};

static const char *find(const label *table, size_t n, const char *name, pl_lang lang)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(table[i].name, name) == 0)
            return lang == PL_EN ? table[i].en : table[i].fr;
    return NULL;
}

const char *pl_module_label(const char *module, pl_lang lang)
{
    const char *l = find(modules, sizeof modules / sizeof modules[0], module, lang);
    return l ? l : module;
}

const char *pl_reason_label(const char *reason, pl_lang lang)
{
    const char *l = find(reasons, sizeof reasons / sizeof reasons[0], reason, lang);
    return l ? l : reason;
}

const char *pl_indicator_label(char *buf, size_t size, const char *indicator, pl_lang lang)
{
    const char *l = find(indicators, sizeof indicators / sizeof indicators[0], indicator, lang);
    if (l)
        snprintf(buf, size, "%s", l);
    else if (strncmp(indicator, "file_active_", 12) == 0)
        snprintf(buf, size, lang == PL_EN ? "caseload in %s" : "file active en %s",
                 pl_module_label(indicator + 12, lang));
    else if (strncmp(indicator, "exits_", 6) == 0)
        snprintf(buf, size, lang == PL_EN ? "exits: %s" : "sorties : %s",
                 pl_reason_label(indicator + 6, lang));
    else
        snprintf(buf, size, "%s", indicator);
    return buf;
}

pl_unit pl_indicator_unit(const char *indicator)
{
    size_t n = strlen(indicator);
    if (n >= 4 && strcmp(indicator + n - 4, "_eur") == 0)
        return PL_UNIT_EUR;
    if (strcmp(indicator, "occupancy") == 0)
        return PL_UNIT_SHARE;
    return PL_UNIT_COUNT;
}

const char *pl_value(char *buf, size_t size, double x, pl_unit unit, int decimals, pl_lang lang)
{
    if (unit == PL_UNIT_EUR)
        return pl_eur(buf, size, x, lang);
    if (unit == PL_UNIT_SHARE)
        return pl_pct(buf, size, x, 1, lang);
    return pl_num(buf, size, x, decimals, lang);
}
