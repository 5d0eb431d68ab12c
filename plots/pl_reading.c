/* pl_reading.c — One sentence per chart, from the same rows as its drawing. */
#include "pl_reading.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The last day of a month index (year*12 + month-1): the date of a stock read at its end. */
static eng_date month_end(int period)
{
    int year = period / 12, month = period % 12 + 1;
    eng_date next = { month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1 };
    return eng_date_from_days(eng_date_days(next) - 1);
}

/* The index of the last month of a monthly series in year, or its last index when year is 0 or
 * the series has no month in it. */
static int last_in_year(const pl_data_series *s, int year)
{
    for (int i = s->n - 1; year && i >= 0; i--)
        if (s->period[i] / 12 == year)
            return i;
    return s->n - 1;
}

/* The scope after "La file active": "régionale" or "de Haute-Garonne (31)"; in English "of the
 * region" or "of Haute-Garonne (31)". */
void pl_reading_file_active(const pl_chart *ch, int year, char *buf, size_t size)
{
    const pl_data_series *fa = pl_data_summary_find(ch->data->monthly, ch->key, "file_active");
    const pl_data_series *pl = pl_data_summary_find(ch->data->monthly, ch->key, "places");
    int last = last_in_year(fa, year);
    /* Start from the scenario's persons in support at the end of the month before the run, or
     * the latest observation up to then when there is one; from the first simulated month only
     * when neither is known. */
    double from = pl_data_initial_file_active(ch->data, ch->key);
    eng_date from_date = month_end(fa->period[0] - 1);
    if (!isfinite(from)) {
        from = fa->stat[0][PL_MEAN];
        from_date = month_end(fa->period[0]);
    }
    for (size_t i = 0; i < ch->data->nobs; i++) {
        const pl_data_obs *o = &ch->data->obs[i];
        if (strcmp(o->scope, ch->key) == 0 && isfinite(o->file_active)
            && pl_chart_obs_x(o->date) <= fa->period[0] + 1e-9) {
            from = o->file_active;
            from_date = o->date;
        }
    }
    double to = fa->stat[last][PL_MEAN];
    double places = pl_data_series_at(pl, fa->period[last], PL_MEAN);
    /* An observation at the same date, to set the simulated figure against. */
    double seen = NAN;
    long end = eng_date_days(month_end(fa->period[last]));
    for (size_t i = 0; i < ch->data->nobs; i++) {
        const pl_data_obs *o = &ch->data->obs[i];
        if (strcmp(o->scope, ch->key) == 0 && eng_date_days(o->date) == end)
            seen = o->file_active;
    }
    char a[64], b[64], d1[64], d2[64], label[256], pct[64], pn[64], tail[192] = "";
    pl_text_num(a, sizeof a, from, pl_text_count_decimals(from), ch->lang);
    pl_text_num(b, sizeof b, to, pl_text_count_decimals(to), ch->lang);
    pl_text_date_phrase(d1, sizeof d1, from_date, ch->lang);
    pl_text_date_phrase(d2, sizeof d2, month_end(fa->period[last]), ch->lang);
    pl_chart_scope_label(ch, ch->key, label, sizeof label);
    int region = pl_chart_is_region(ch->key);
    if (places > 0)
        snprintf(tail, sizeof tail,
                 ch->lang == PL_EN ? " (%s of the %s places)" : " (%s des %s places)",
                 pl_text_pct(pct, sizeof pct, to / places, 1, ch->lang),
                 pl_text_num(pn, sizeof pn, places, 0, ch->lang));
    if (isfinite(seen))
        snprintf(tail + strlen(tail), sizeof tail - strlen(tail),
                 ch->lang == PL_EN ? " in the simulation, against %s observed"
                                   : " dans la simulation, pour %s observées",
                 pl_text_num(pn, sizeof pn, seen, 0, ch->lang));
    /* A department is named before a colon: French puts an article before its name ("du Gard",
     * "de la Haute-Garonne", "des Hautes-Pyrénées") that the tables do not give. */
    char whole[EA_MAX_TEXT + 40];
    pl_data_whole(ch->data, ch->lang == PL_EN, whole, sizeof whole);
    if (ch->lang == PL_EN)
        snprintf(buf, size, "The caseload of %s goes from %s to %s persons between %s and %s%s.",
                 region ? whole : label, a, b, d1, d2, tail);
    else if (region && !pl_data_area(ch->data, NULL))
        snprintf(buf, size, "La file active régionale passe de %s à %s personnes entre %s et %s%s.",
                 a, b, d1, d2, tail);
    else if (region)
        snprintf(buf, size, "La file active de %s passe de %s à %s personnes entre %s et %s%s.",
                 whole, a, b, d1, d2, tail);
    else
        snprintf(buf, size, "%s : la file active passe de %s à %s personnes entre %s et %s%s.",
                 label, a, b, d1, d2, tail);
}

void pl_reading_modules(const pl_chart *ch, int year, char *buf, size_t size)
{
    const pl_data_summary *m = ch->data->monthly;
    const pl_data_series *fa = pl_data_summary_find(m, ch->key, "file_active");
    const char *best = NULL;
    double best_v = -1, total = 0;
    int period = 0;
    for (int i = 0; i < m->nindicators; i++) {
        const pl_data_series *s = pl_data_summary_find(m, ch->key, m->indicators[i]);
        if (!pl_chart_is_module_indicator(m->indicators[i]) || !pl_chart_has_value(s, PL_MEAN))
            continue;
        if (!best)
            period = s->period[last_in_year(s, year)];
        double v = pl_data_series_at(s, period, PL_MEAN);
        if (!isfinite(v))
            continue;
        total += v;
        if (v > best_v) {
            best_v = v;
            best = m->indicators[i] + 12;
        }
    }
    double all = pl_chart_has_value(fa, PL_MEAN) ? pl_data_series_at(fa, period, PL_MEAN) : total;
    double waiting =
        pl_data_series_at(pl_data_summary_find(m, ch->key, "waiting"), period, PL_MEAN);
    char when[64], n[64], pct[64], w[64], tail[160] = "";
    pl_text_date_phrase(when, sizeof when, month_end(period), ch->lang);
    when[0] = (char)toupper((unsigned char)when[0]);
    /* A mean below 10 keeps its decimal (3,1 persons, not 3). French keeps the singular below 2
     * (0,4 or 1 personne); English only for 1 (1 person), as the figure shows. */
    int dec = pl_text_count_decimals(waiting);
    double shown = dec ? round(waiting * 10) / 10 : round(waiting);
    int plural = ch->lang == PL_EN ? fabs(shown) != 1 : fabs(shown) >= 2;
    if (isfinite(waiting))
        snprintf(tail, sizeof tail,
                 ch->lang == PL_EN ? "; the waiting list holds %s person%s"
                                   : " ; la liste d'attente compte %s personne%s",
                 pl_text_num(w, sizeof w, waiting, dec, ch->lang), plural ? "s" : "");
    snprintf(buf, size,
             ch->lang == PL_EN
                 ? "%s, the module \u201c%s\u201d holds the most persons (%s, %s of the "
                   "caseload)%s."
                 : "%s, le module « %s » compte le plus de personnes (%s, soit %s de la file "
                   "active)%s.",
             when, best ? pl_text_module_label(best, ch->lang) : "?",
             pl_text_num(n, sizeof n, best_v, pl_text_count_decimals(best_v), ch->lang),
             pl_text_pct(pct, sizeof pct, all > 0 ? best_v / all : NAN, 0, ch->lang), tail);
}

/* The sum over the months of a series' means (those of year, unless 0), and in *count the number
 * of months with one. */
static double series_sum(const pl_data_series *s, int year, int *count)
{
    double sum = 0;
    *count = 0;
    for (int i = 0; s && i < s->n; i++)
        if (isfinite(s->stat[i][PL_MEAN]) && (!year || s->period[i] / 12 == year)) {
            sum += s->stat[i][PL_MEAN];
            (*count)++;
        }
    return sum;
}

void pl_reading_flows(const pl_chart *ch, int year, char *buf, size_t size)
{
    const pl_data_summary *m = ch->data->monthly;
    int ne, nx;
    /* The year's months, when the table has some; else the whole period. */
    series_sum(pl_data_summary_find(m, ch->key, "entries"), year, &ne);
    series_sum(pl_data_summary_find(m, ch->key, "exits"), year, &nx);
    if (ne == 0 && nx == 0)
        year = 0;
    double entries = series_sum(pl_data_summary_find(m, ch->key, "entries"), year, &ne);
    double exits = series_sum(pl_data_summary_find(m, ch->key, "exits"), year, &nx);
    /* The reason spoken of: lasting employment when the scenario has it, else the largest. */
    const char *reason = NULL;
    double reason_sum = -1;
    for (int i = 0; i < m->nindicators; i++) {
        if (!pl_chart_is_reason_indicator(m->indicators[i]))
            continue;
        int k;
        double v = series_sum(pl_data_summary_find(m, ch->key, m->indicators[i]), year, &k);
        if (k == 0)
            continue;
        if (strcmp(m->indicators[i], "exits_emploi_durable") == 0) {
            reason = m->indicators[i] + 6;
            reason_sum = v;
            break;
        }
        if (v > reason_sum) {
            reason = m->indicators[i] + 6;
            reason_sum = v;
        }
    }
    char a[64], b[64], pct[64], tail[256] = "";
    if (reason && exits > 0)
        snprintf(tail, sizeof tail,
                 ch->lang == PL_EN ? ", %s of them for \u201c%s\u201d"
                                   : ", dont %s pour le motif « %s »",
                 pl_text_pct(pct, sizeof pct, reason_sum / exits, 0, ch->lang),
                 pl_text_reason_label(reason, ch->lang));
    /* Per month, or per quarter or year as the chart draws small flows. */
    int step = pl_chart_flow_months(ch);
    double in = ne ? entries / ne * step : NAN, out = nx ? exits / nx * step : NAN;
    pl_text_num(a, sizeof a, in, 1, ch->lang);
    pl_text_num(b, sizeof b, out, 1, ch->lang);
    const char *per = step == 1 ? pl_chart_tr(ch, "par mois", "a month")
                      : step == 3 ? pl_chart_tr(ch, "par trimestre", "a quarter")
                                  : pl_chart_tr(ch, "par an", "a year");
    char when[32];
    if (year)
        snprintf(when, sizeof when, ch->lang == PL_EN ? "In %d" : "En %d", year);
    else
        snprintf(when, sizeof when, "%s", pl_chart_tr(ch, "Sur la période", "Over the period"));
    if (ch->lang == PL_EN)
        snprintf(buf, size, "%s, %s entries %s on average against %s exits%s.", when, a, per, b,
                 tail);
    else
        /* French puts a noun in the plural from 2 on: « 1,4 entrée », « 2,0 entrées ». */
        snprintf(buf, size, "%s, %s entrée%s %s en moyenne pour %s sortie%s%s.", when, a,
                 round(in * 10) >= 20 ? "s" : "", per, b, round(out * 10) >= 20 ? "s" : "", tail);
}

void pl_reading_budget(const pl_chart *ch, int year, char *buf, size_t size)
{
    const pl_data_summary *a = ch->data->annual;
    const pl_data_series *funding = pl_data_summary_find(a, ch->key, "funding_eur");
    if (!isfinite(pl_data_series_at(funding, year, PL_MEAN)))
        year = funding->period[funding->n - 1];
    double f = pl_data_series_at(funding, year, PL_MEAN);
    double s = pl_data_series_at(pl_data_summary_find(a, ch->key, "staff_cost_needed_eur"), year,
                                 PL_MEAN);
    double b = pl_data_series_at(pl_data_summary_find(a, ch->key, "balance_eur"), year, PL_MEAN);
    double p =
        pl_data_series_at(pl_data_summary_find(a, ch->key, "cost_per_person_eur"), year, PL_MEAN);
    double e = pl_data_series_at(pl_data_summary_find(a, ch->key, "cost_per_exit_emploi_eur"), year,
                                 PL_MEAN);
    char fs[64], ss[64], bs[64], ps[64], es[64];
    int n = snprintf(buf, size,
                     ch->lang == PL_EN ? "In %d, funding is %s" : "En %d, le financement est de %s",
                     year, pl_text_eur(fs, sizeof fs, f, ch->lang));
    /* The cost of the modelled hours is what they would cost, not a recorded spend. */
    if (s > 0 && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - n,
                      ch->lang == PL_EN ? "; the modelled support hours would cost %s"
                                        : " ; les heures d'accompagnement modélisées coûteraient %s",
                      pl_text_eur(ss, sizeof ss, s, ch->lang));
    if (s > 0 && isfinite(b) && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - n,
                      ch->lang == PL_EN ? ", a balance of %s" : ", soit un solde de %s",
                      pl_text_eur(bs, sizeof bs, b, ch->lang));
    if (isfinite(p) && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - n,
                      ch->lang == PL_EN ? "; a person accompanied costs %s"
                                        : " ; une personne accompagnée coûte %s",
                      pl_text_eur(ps, sizeof ps, p, ch->lang));
    if (isfinite(e) && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - n,
                      ch->lang == PL_EN ? " and an exit to lasting employment %s"
                                        : " et une sortie vers l'emploi durable %s",
                      pl_text_eur(es, sizeof es, e, ch->lang));
    if (n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - n, ".");
}

void pl_reading_costs(const pl_chart *ch, int year, char *buf, size_t size)
{
    (void)year;
    pl_chart_costs r;
    pl_chart_costs_of(ch->data, ch->year, &r);
    const pl_data_cost *lo = r.row[0], *hi = r.row[r.n - 1];
    int outside = 0;
    for (int i = 0; i < r.n; i++)
        outside += r.row[i]->outside;
    char y[32] = "", a[64], b[64], ref[64], range[512], count[160];
    if (ch->year)
        snprintf(y, sizeof y, ch->lang == PL_EN ? "In %d, " : "En %d, ", ch->year);
    pl_text_eur(a, sizeof a, lo->cost_per_place, ch->lang);
    pl_text_eur(b, sizeof b, hi->cost_per_place, ch->lang);
    pl_text_eur(ref, sizeof ref, r.reference, ch->lang);
    if (strcmp(a, b) == 0)
        snprintf(range, sizeof range, ch->lang == PL_EN ? "the cost per place is %s everywhere"
                                                       : "le coût à la place est partout de %s", a);
    else
        snprintf(range, sizeof range,
                 ch->lang == PL_EN ? "the cost per place ranges from %s (%s) to %s (%s)"
                                  : "le coût à la place va de %s (%s) à %s (%s)",
                 a, lo->name, b, hi->name);
    if (outside == 0)
        snprintf(count, sizeof count, ch->lang == PL_EN ? "none of the %d departments is"
                                                       : "aucun des %d départements n'est", r.n);
    else if (ch->lang == PL_EN)
        snprintf(count, sizeof count, outside == 1 ? "%d of %d departments is"
                                                   : "%d of %d departments are", outside, r.n);
    else
        snprintf(count, sizeof count, outside == 1 ? "%d département sur %d est"
                                                   : "%d départements sur %d sont", outside, r.n);
    snprintf(buf, size,
             ch->lang == PL_EN ? "%s%s, against a reference of %s; %s to be adjusted to the reference."
                              : "%s%s, pour une référence de %s ; %s à ajuster à la référence.",
             y, range, ref, count);
    buf[0] = (char)toupper((unsigned char)buf[0]);
}

void pl_reading_occupancy(const pl_chart *ch, int year, char *buf, size_t size)
{
    (void)year;
    pl_chart_occupancy o;
    pl_chart_occupancy_of(ch->data, ch->year, &o);
    char when[64], day[32], a[64], b[64], rg[128] = "", pct[64], la[160], lb[160];
    if (o.year)
        snprintf(when, sizeof when, ch->lang == PL_EN ? "At the end of %d" : "Fin %d", o.year);
    else
        snprintf(when, sizeof when, ch->lang == PL_EN ? "On %s" : "Au %s",
                 pl_text_date(day, sizeof day, o.date, ch->lang));
    char whole[EA_MAX_TEXT + 40];
    pl_data_whole(ch->data, ch->lang == PL_EN, whole, sizeof whole);
    if (isfinite(o.region))
        snprintf(rg, sizeof rg, ch->lang == PL_EN ? "; %s for %s" : " ; %s pour %s",
                 pl_text_pct(pct, sizeof pct, o.region, 1, ch->lang), whole);
    const char *n0 = pl_data_name(ch->data, o.scope[0]);
    const char *n1 = pl_data_name(ch->data, o.scope[o.n - 1]);
    snprintf(la, sizeof la, "%s", n0 && n0[0] ? n0 : o.scope[0]);
    snprintf(lb, sizeof lb, "%s", n1 && n1[0] ? n1 : o.scope[o.n - 1]);
    pl_text_pct(a, sizeof a, o.value[0], 1, ch->lang);
    pl_text_pct(b, sizeof b, o.value[o.n - 1], 1, ch->lang);
    if (strcmp(a, b) == 0)
        snprintf(buf, size,
                 ch->lang == PL_EN ? "%s, occupancy is %s in every department%s."
                                  : "%s, le taux d'occupation est de %s dans chaque département%s.",
                 when, a, rg);
    else
        snprintf(buf, size,
                 ch->lang == PL_EN ? "%s, occupancy ranges from %s (%s) to %s (%s)%s."
                                  : "%s, le taux d'occupation va de %s (%s) à %s (%s)%s.",
                 when, a, la, b, lb, rg);
}

void pl_reading_km(const pl_chart *ch, int year, char *buf, size_t size)
{
    (void)year;
    size_t n;
    pl_data_km *rows = pl_chart_km_rows(ch->data, ch->key, &n);
    double median = NAN, tmax = 0;
    for (size_t i = 0; rows && i < n; i++) {
        tmax = fmax(tmax, rows[i].time);
        if (isnan(median) && rows[i].survival <= 0.5 + 1e-12)
            median = rows[i].time;
    }
    free(rows);
    const char *module = pl_text_module_label(ch->key, ch->lang);
    char t[64], tail[600] = "", law[256];
    if (ch->fit.kind != ENG_DIST_NONE)
        snprintf(tail, sizeof tail,
                 ch->lang == PL_EN ? "; the chosen distribution is %s" : " ; la loi retenue est %s",
                 pl_chart_law(ch, law, sizeof law));
    if (isfinite(median))
        snprintf(buf, size,
                 ch->lang == PL_EN
                     ? "Half of the persons leave the module \u201c%s\u201d within %s months "
                       "(Kaplan–Meier median)%s."
                     : "La moitié des personnes quitte le module « %s » en moins de %s mois "
                       "(médiane de Kaplan–Meier)%s.",
                 module, pl_text_num(t, sizeof t, median, 1, ch->lang), tail);
    else
        snprintf(
            buf, size,
            ch->lang == PL_EN
                ? "More than half of the persons are still in the module \u201c%s\u201d after %s "
                  "months%s."
                : "Plus de la moitié des personnes sont encore dans le module « %s » après %s "
                  "mois%s.",
            module, pl_text_num(t, sizeof t, tmax, 1, ch->lang), tail);
}

void pl_reading_sweep(const pl_chart *ch, int year, char *buf, size_t size)
{
    (void)year;
    const pl_data_sweep_row *rows[PL_CHART_MAX_ROWS];
    int n = pl_chart_sweep_rows(ch, rows, PL_CHART_MAX_ROWS);
    double lo = NAN, hi = NAN;
    for (int i = 0; i < n; i++)
        if (isfinite(rows[i]->mean)) {
            lo = isnan(lo) ? rows[i]->mean : fmin(lo, rows[i]->mean);
            hi = isnan(hi) ? rows[i]->mean : fmax(hi, rows[i]->mean);
        }
    char label[128], a[64], b[64];
    pl_text_unit unit = pl_text_indicator_unit(ch->key);
    pl_text_indicator_label(label, sizeof label, ch->key, ch->lang);
    char when[32] = "";
    if (ch->year)
        snprintf(when, sizeof when, ch->lang == PL_EN ? "In %d, over" : "En %d, sur", ch->year);
    else
        snprintf(when, sizeof when, "%s", ch->lang == PL_EN ? "Over" : "Sur");
    pl_text_value(a, sizeof a, lo, unit, 0, ch->lang);
    pl_text_value(b, sizeof b, hi, unit, 0, ch->lang);
    if (strcmp(a, b) == 0)
        snprintf(buf, size, ch->lang == PL_EN
                 ? "%s the %d points of the sweep, the mean of %s stays at %s."
                 : "%s les %d points du balayage, la moyenne de l'indicateur « %s » reste à %s.",
                 when, n, label, a);
    else
        snprintf(buf, size, ch->lang == PL_EN
                 ? "%s the %d points of the sweep, the mean of %s ranges from %s to %s."
                 : "%s les %d points du balayage, la moyenne de l'indicateur « %s » va de %s à %s.",
                 when, n, label, a, b);
}
