/* pl_text.c — Words and numbers of the charts and the report, in French or English. */
#include "pl_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../engine/eng_text.h"
#include "../models/ea_indicators.h"
#include "../models/ea_scenario.h"

int pl_text_lang_parse(const char *text, pl_text_lang *out)
{
    if (eng_text_casecmp(text, "fr") == 0)
        *out = PL_FR;
    else if (eng_text_casecmp(text, "en") == 0)
        *out = PL_EN;
    else
        return -1;
    return 0;
}

const char *pl_text_tr(pl_text_lang lang, const char *fr, const char *en)
{
    return lang == PL_EN ? en : fr;
}

/* French writes a real minus sign (U+2212), as the tables do, on the page and on the charts'
 * axes; English keeps the hyphen-minus. A value that rounds to zero has no sign. */
const char *pl_text_num(char *buf, size_t size, double x, int decimals, pl_text_lang lang)
{
    char digits[160];
    int en = lang == PL_EN;
    eng_text_format_grouped(digits, sizeof digits, fabs(x), decimals, en ? "," : " ", en ? '.' : ',');
    int zero = isnan(x) || strspn(digits, "0,. ") == strlen(digits);
    snprintf(buf, size, "%s%s", !zero && x < 0 ? (en ? "-" : "\u2212") : "", digits);
    return buf;
}

const char *pl_text_eur(char *buf, size_t size, double x, pl_text_lang lang)
{
    char n[64];
    pl_text_num(n, sizeof n, x, 0, lang);
    if (isnan(x))
        snprintf(buf, size, "%s", n);
    else if (lang == PL_EN)
        snprintf(buf, size, x < 0 ? "-\u20ac%s" : "\u20ac%s", n + (x < 0 && n[0] == '-'));
    else
        snprintf(buf, size, "%s \u20ac", n);
    return buf;
}

const char *pl_text_pct(char *buf, size_t size, double share, int decimals, pl_text_lang lang)
{
    char n[64];
    pl_text_num(n, sizeof n, 100 * share, decimals, lang);
    if (isnan(share))
        snprintf(buf, size, "%s", n);
    else
        snprintf(buf, size, lang == PL_EN ? "%s%%" : "%s %%", n);
    return buf;
}

const char *pl_text_month_name(int month, int abbreviated, pl_text_lang lang)
{
    return eng_date_month_name(month, abbreviated, lang == PL_EN);
}

const char *pl_text_date(char *buf, size_t size, eng_date d, pl_text_lang lang)
{
    return eng_date_text(d, lang == PL_EN, buf, size);
}

const char *pl_text_date_phrase(char *buf, size_t size, eng_date d, pl_text_lang lang)
{
    eng_date next = eng_date_from_days(eng_date_days(d) + 1);
    const char *end = lang == PL_EN ? "end" : "fin";
    char day[32];
    if (next.day != 1)
        snprintf(buf, size, "%s %s", lang == PL_EN ? "on" : "le", pl_text_date(day, sizeof day, d, lang));
    else if (d.month == 12)
        snprintf(buf, size, "%s %d", end, d.year);
    else
        snprintf(buf, size, "%s %s %d", end, pl_text_month_name(d.month, 0, lang), d.year);
    return buf;
}

const char *pl_text_module_label(const char *module, pl_text_lang lang)
{
    return ea_scenario_module_label(module, lang == PL_EN);
}

const char *pl_text_reason_label(const char *reason, pl_text_lang lang)
{
    return ea_scenario_reason_label(reason, lang == PL_EN);
}

const char *pl_text_indicator_label(char *buf, size_t size, const char *indicator,
                                    pl_text_lang lang)
{
    return ea_indicators_label_in(indicator, lang == PL_EN, buf, size);
}

pl_text_unit pl_text_indicator_unit(const char *indicator)
{
    const ea_indicators_row *d = ea_indicators_lookup(indicator, NULL);
    if (d && d->unit == EA_UNIT_EUR)
        return PL_UNIT_EUR;
    if (d && d->unit == EA_UNIT_SHARE)
        return PL_UNIT_SHARE;
    return PL_UNIT_COUNT;
}

const char *pl_text_value(char *buf, size_t size, double x, pl_text_unit unit, int decimals,
                          pl_text_lang lang)
{
    if (unit == PL_UNIT_EUR)
        return pl_text_eur(buf, size, x, lang);
    if (unit == PL_UNIT_SHARE)
        return pl_text_pct(buf, size, x, 1, lang);
    return pl_text_num(buf, size, x, decimals, lang);
}

int pl_text_count_decimals(double x)
{
    return fabs(x) < 9.95 && fabs(x - round(x)) >= 0.05;
}
