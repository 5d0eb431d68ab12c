/* pl_compare.c — The difference charts of a comparison of scenarios: the mean paired difference of
 * each scenario to the first, year by year, inside its 95 % band, and a line at zero. */
#include "pl_compare.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_text.h"
#include "../models/ea_indicators.h"
#include "pl_axis.h"

const char *const pl_compare_table_indicators[] = { "places", "funding_eur", "delegated_eur",
                                                    "file_active", "waiting", "mean_wait_days",
                                                    "staff_fte_needed" };
const int pl_compare_ntable_indicators =
    (int)(sizeof pl_compare_table_indicators / sizeof *pl_compare_table_indicators);
const char *const pl_compare_chart_indicators[] = { "waiting", "mean_wait_days", "file_active",
                                                    "staff_fte_needed" };
const int pl_compare_nchart_indicators =
    (int)(sizeof pl_compare_chart_indicators / sizeof *pl_compare_chart_indicators);

/* The line of each scenario after the first, and its band, lighter. */
static const char *const line_colors[] = { "#d62728", "#08306b", "#2ca02c", "#ff7f0e", "#9467bd" };
static const char *const band_colors[] = { "#f4b6b6", "#c6dbef", "#c7e9c0", "#fdd0a2", "#dadaeb" };
#define NCOLORS ((int)(sizeof line_colors / sizeof *line_colors))

typedef struct entry {
    int scope;
    const char *indicator;
    char name[128];
    char title[512];
} entry;

struct pl_compare {
    const ea_scenarios *s;
    pl_text_lang lang;
    entry *entries;
    int n, cap;
};

int pl_compare_is_region(const ea_scenarios *s, int scope)
{
    for (int i = 0; i < s->nscopes; i++)
        if (eng_text_casecmp(s->scopes[i], "region") == 0)
            return i == scope;
    return scope == s->nscopes - 1;
}

int pl_compare_table_scope(const ea_scenarios *s, int i)
{
    /* Row 0 is the region; row i > 0 the i-th department in the order of the scopes. A table
     * asks for each of its rows in turn: a scan each, over a hundred scopes at most. */
    int departments = 0;
    for (int sc = 0; sc < s->nscopes; sc++) {
        if (pl_compare_is_region(s, sc)) {
            if (i == 0)
                return sc;
        } else if (++departments == i) {
            return sc;
        }
    }
    return -1;
}

const char *pl_compare_column_head(char *buf, size_t size, const char *indicator, int whole_year,
                                   pl_text_lang lang)
{
    char label[160];
    pl_text_indicator_label(label, sizeof label, indicator, lang);
    int en = lang == PL_EN;
    if (pl_text_indicator_unit(indicator) == PL_UNIT_EUR)
        snprintf(buf, size, "Δ %s (%s)", label,
                 whole_year ? (en ? "€ a year" : "€ par an")
                            : (en ? "€ over the simulated months" : "€ sur les mois simulés"));
    else
        snprintf(buf, size, "Δ %s", label);
    return buf;
}

int pl_compare_scope_differs(const ea_scenarios *s, int scope)
{
    for (int row = 0; row < s->nrows; row++)
        for (int i = 1; i < s->n && s->rows[row].scope == scope; i++)
            if (s->diff[row * s->n + i].beyond_noise)
                return 1;
    return 0;
}

const char *pl_compare_scope_label(const ea_scenarios *s, int scope, pl_text_lang lang, char *buf,
                                   size_t size)
{
    const char *name = s->scope_names ? s->scope_names[scope] : "";
    if (pl_compare_is_region(s, scope))
        snprintf(buf, size, "%s", name[0] ? name : pl_text_tr(lang, "Région", "Region"));
    else if (name[0])
        snprintf(buf, size, "%s (%s)", name, s->scopes[scope]);
    else
        snprintf(buf, size, "%s %s", pl_text_tr(lang, "département", "department"),
                 s->scopes[scope]);
    return buf;
}

int pl_compare_decimals(const char *indicator)
{
    const ea_indicators_row *d = ea_indicators_lookup(indicator, NULL);
    if (!d || d->unit == EA_UNIT_PLACES || d->unit == EA_UNIT_EUR)
        return 0;
    return d->unit == EA_UNIT_FTE ? 2 : 1;
}

const char *pl_compare_signed(char *buf, size_t size, double x, const char *indicator,
                              pl_text_lang lang)
{
    char n[64];
    int decimals = pl_compare_decimals(indicator);
    if (pl_text_indicator_unit(indicator) != PL_UNIT_EUR) {
        eng_text_format_signed(buf, size, x, decimals);
        return buf;
    }
    eng_text_format_signed(n, sizeof n, x, 0);
    if (lang == PL_EN)
        snprintf(buf, size, "%s€%s", isfinite(x) && x < 0 ? "-" : (x > 0 ? "+" : ""),
                 n + (n[0] == '+' || n[0] == '-' ? 1 : 0));
    else
        snprintf(buf, size, "%s %s", n, isfinite(x) ? "€" : "");
    return buf;
}

/* Names a chart diff_INDICATOR_SCOPE, reduced to letters, digits, '-' and '_'. */
static void name_chart(entry *e, const ea_scenarios *s)
{
    char raw[128];
    snprintf(raw, sizeof raw, "diff_%s_%s", e->indicator, s->scopes[e->scope]);
    size_t n = 0;
    for (const char *p = raw; *p && n + 1 < sizeof e->name; p++)
        e->name[n++] = isalnum((unsigned char)*p) || *p == '-' || *p == '_' ? *p : '_';
    e->name[n] = '\0';
}

static int add(pl_compare *c, int scope, const char *indicator, eng_error *err)
{
    if (eng_array_reserve_int(&c->entries, &c->cap, c->n + 1, sizeof *c->entries, 16))
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    entry *e = &c->entries[c->n++];
    memset(e, 0, sizeof *e);
    e->scope = scope;
    e->indicator = indicator;
    name_chart(e, c->s);
    char label[128], where[256];
    pl_text_indicator_label(label, sizeof label, indicator, c->lang);
    snprintf(e->title, sizeof e->title,
             pl_text_tr(c->lang, "%s : différence à « %s », %s", "%s: difference to “%s”, %s"),
             label, c->s->titles[0],
             pl_compare_scope_label(c->s, scope, c->lang, where, sizeof where));
    e->title[0] = (char)toupper((unsigned char)e->title[0]);
    return ENG_OK;
}

/* Whether s has a row of the indicator in the scope. */
static int has_indicator(const ea_scenarios *s, int scope, const char *indicator)
{
    for (int y = 0; y < s->nyears; y++)
        if (ea_scenarios_find(s, scope, y, indicator) >= 0)
            return 1;
    return 0;
}

int pl_compare_alloc(const ea_scenarios *s, pl_text_lang lang, pl_compare **out, eng_error *err)
{
    *out = NULL;
    pl_compare *c = calloc(1, sizeof *c);
    if (!c)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    c->s = s;
    c->lang = lang;
    /* A chart draws the differences to the reference: when no scenario pairs with it, every chart
     * would hold its zero line alone, which reads as « no difference ». */
    int paired = 0;
    for (int k = 1; k < s->n; k++)
        paired += !ea_scenarios_unpaired(s, k);
    int status = ENG_OK;
    for (int pass = 0; pass < 2 && paired; pass++)
        for (int sc = 0; sc < s->nscopes && status == ENG_OK; sc++) {
            int region = pl_compare_is_region(s, sc);
            if (pass == 0 ? !region : region || !pl_compare_scope_differs(s, sc))
                continue;
            for (int k = 0; k < pl_compare_nchart_indicators && status == ENG_OK; k++)
                if (has_indicator(s, sc, pl_compare_chart_indicators[k]))
                    status = add(c, sc, pl_compare_chart_indicators[k], err);
        }
    if (status != ENG_OK) {
        pl_compare_free(c);
        return status;
    }
    *out = c;
    return ENG_OK;
}

void pl_compare_free(pl_compare *c)
{
    if (!c)
        return;
    free(c->entries);
    free(c);
}

int pl_compare_count(const pl_compare *c)
{
    return c->n;
}

const char *pl_compare_name(const pl_compare *c, int i)
{
    return c->entries[i].name;
}

const char *pl_compare_title(const pl_compare *c, int i)
{
    return c->entries[i].title;
}

int pl_compare_scope(const pl_compare *c, int i)
{
    return c->entries[i].scope;
}

const char *pl_compare_indicator(const pl_compare *c, int i)
{
    return c->entries[i].indicator;
}

static void put_num(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, " %.10g", v);
    else
        fputs(" NaN", f);
}

/* The data block $df: per year, for each scenario after the first, the mean difference and its
 * interval (the mean where the interval is undefined); the years and the values' extent in y0, y1,
 * lo and hi. */
static void emit_data(const ea_scenarios *s, const entry *e, FILE *f, int *y0, int *y1, double *lo,
                      double *hi)
{
    *y0 = *y1 = 0;
    *lo = *hi = 0;
    fputs("$df << EOD\n", f);
    for (int y = 0; y < s->nyears; y++) {
        int row = ea_scenarios_find(s, e->scope, y, e->indicator);
        if (row < 0)
            continue;
        int year = atoi(s->years[y]);
        *y0 = *y0 == 0 || year < *y0 ? year : *y0;
        *y1 = year > *y1 ? year : *y1;
        fprintf(f, "%d", year);
        for (int i = 1; i < s->n; i++) {
            const ea_scenarios_diff *d = &s->diff[row * s->n + i];
            double low = isfinite(d->low) ? d->low : d->mean;
            double high = isfinite(d->high) ? d->high : d->mean;
            put_num(f, d->mean);
            put_num(f, low);
            put_num(f, high);
            if (isfinite(low) && isfinite(high) && !ea_scenarios_unpaired(s, i)) {
                *lo = fmin(*lo, low);
                *hi = fmax(*hi, high);
            }
        }
        fputc('\n', f);
    }
    fputs("EOD\n", f);
}

/* The y axis of a difference: its label in the indicator's unit, room around zero. */
static void emit_axes(const pl_compare *c, const entry *e, FILE *f, int y0, int y1, double lo,
                      double hi)
{
    pl_axis_year(f, y0, y1);
    double pad = (hi - lo) * 0.08;
    if (!(pad > 0))
        pad = 1;
    pl_text_unit unit = pl_text_indicator_unit(e->indicator);
    pl_axis_value(f, "y", lo - (lo < 0 ? pad : 0), hi + pad, unit, c->lang);
    char label[160], ind[128];
    snprintf(label, sizeof label, pl_text_tr(c->lang, "différence : %s", "difference: %s"),
             pl_text_indicator_label(ind, sizeof ind, e->indicator, c->lang));
    fputs("set ylabel ", f);
    pl_gnuplot_text(f, label);
    fputc('\n', f);
}

void pl_compare_emit(const pl_compare *c, int i, int titled, FILE *f)
{
    const ea_scenarios *s = c->s;
    const entry *e = &c->entries[i];
    int y0, y1;
    double lo, hi;
    emit_data(s, e, f, &y0, &y1, &lo, &hi);
    fputs("reset\n", f);
    if (titled) {
        fputs("set title ", f);
        pl_gnuplot_text(f, e->title);
        fputc('\n', f);
    }
    fputs("set border 3 lc rgb '#444444'\nset tics nomirror out\n"
          "set grid ytics lc rgb '#dddddd' dt 1\nset key below center horizontal height 1\n"
          "set style fill solid 1.0 noborder\n", f);
    emit_axes(c, e, f, y0, y1, lo, hi);
    fputs("plot ", f);
    for (int k = 1; k < s->n; k++) {
        /* A scenario that pairs nothing with the reference has no difference to draw. */
        if (ea_scenarios_unpaired(s, k))
            continue;
        char band[600];
        snprintf(band, sizeof band,
                 pl_text_tr(c->lang, "%s : intervalle à 95 %%", "%s: 95 %% interval"),
                 s->titles[k]);
        int col = 2 + 3 * (k - 1);
        fprintf(f, "$df using 1:%d:%d with filledcurves lc rgb '%s' title ", col + 1, col + 2,
                band_colors[(k - 1) % NCOLORS]);
        pl_gnuplot_text(f, band);
        fprintf(f, ", $df using 1:%d with linespoints lw 3 pt 7 ps 1.2 lc rgb '%s' title ", col,
                line_colors[(k - 1) % NCOLORS]);
        pl_gnuplot_text(f, s->titles[k]);
        fputs(", ", f);
    }
    fputs("0 with lines lw 1.5 dt 2 lc rgb '#444444' title ", f);
    pl_gnuplot_text(f, pl_text_tr(c->lang, "aucune différence", "no difference"));
    fputc('\n', f);
}

int pl_compare_draw(const pl_compare *c, eng_out *plots, pl_gnuplot_format format, int titled,
                    eng_error *err)
{
    pl_gnuplot *gp = NULL;
    int status = pl_gnuplot_alloc(&gp, err);
    for (int i = 0; status == ENG_OK && i < c->n; i++) {
        char name[160];
        snprintf(name, sizeof name, "%s.%s", c->entries[i].name, pl_gnuplot_format_ext(format));
        if (!eng_out_open(plots, name, err)) {
            status = ENG_EFAIL;
            break;
        }
        FILE *f = pl_gnuplot_script(gp);
        pl_gnuplot_terminal(gp, format, eng_out_tmp_path(plots, name));
        pl_compare_emit(c, i, titled, f);
        pl_gnuplot_close_output(f);
    }
    if (status == ENG_OK && c->n > 0)
        status = pl_gnuplot_run(gp, err);
    pl_gnuplot_free(gp);
    return status;
}
