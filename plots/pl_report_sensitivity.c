/* pl_report_sensitivity.c — The report's « Sensibilité aux hypothèses » section: the laws varied,
 * and for each outcome the assumption that weighs most, the indices and the two charts. */
#include "pl_report_sensitivity.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../models/ea_param.h"
#include "../models/ea_sensitivity_write.h"
#include "pl_html.h"
#include "pl_sensitivity.h"

/* An outcome's value for people: fewer decimals as it grows (0,352 ; 4,35 ; 43,5 ; 435), in its
 * unit (euros, a share, a count). */
static const char *value_text(char *buf, size_t size, double x, const char *indicator,
                              pl_text_lang lang)
{
    double a = fabs(x);
    int decimals = a < 1 ? 3 : a < 10 ? 2 : a < 100 ? 1 : 0;
    return pl_text_value(buf, size, x, pl_text_indicator_unit(indicator), decimals, lang);
}

/* "0,42 [0,31 ; 0,55]" (French) or "0.42 [0.31, 0.55]" (English). */
static const char *interval_text(char *buf, size_t size, const ea_sensitivity_index_estimate *e,
                                 pl_text_lang lang)
{
    char a[32], b[32], c[32];
    snprintf(buf, size, lang == PL_EN ? "%s [%s, %s]" : "%s [%s ; %s]",
             pl_text_num(a, sizeof a, e->estimate, 2, lang), pl_text_num(b, sizeof b, e->lower95, 2, lang),
             pl_text_num(c, sizeof c, e->upper95, 2, lang));
    return buf;
}

/* The outcome as a heading: pl_sensitivity_outcome_title with its first letter capital (labels
 * start with an ASCII letter). */
static const char *outcome_title(const ea_sensitivity_outcome *o, char *buf, size_t size,
                                 pl_text_lang lang)
{
    pl_sensitivity_outcome_title(o, buf, size, lang);
    if ((unsigned char)buf[0] < 0x80)
        buf[0] = (char)toupper((unsigned char)buf[0]);
    return buf;
}

void pl_report_sensitivity_toc(FILE *f, pl_text_lang lang)
{
    fputs("<li><a href=\"#sensibilite\">", f);
    pl_html_text(f,
                 pl_text_tr(lang, "Sensibilité aux hypothèses", "Sensitivity to the assumptions"));
    fputs("</a></li>\n", f);
}

void pl_report_sensitivity_draw(const ea_sensitivity *s, pl_gnuplot *gp, const char *svg_dir,
                                pl_text_lang lang)
{
    FILE *f = pl_gnuplot_script(gp);
    char path[4200];
    for (int i = 0; i < 2 * s->noutcomes; i++) {
        snprintf(path, sizeof path, "%s/sens-%d.svg", svg_dir, i);
        pl_gnuplot_terminal(gp, PL_SVG, path);
        pl_sensitivity_emit(s, i, lang, f);
        pl_gnuplot_close_output(f);
    }
}

void pl_report_sensitivity_remove(const ea_sensitivity *s, const char *svg_dir)
{
    char path[4200];
    for (int i = 0; i < 2 * s->noutcomes; i++) {
        snprintf(path, sizeof path, "%s/sens-%d.svg", svg_dir, i);
        remove(path);
    }
}

/* What was varied: the runs, what the indices mean, and each parameter's law. */
static void write_method(FILE *f, const ea_sensitivity *s, pl_text_lang lang)
{
    char text[1400], k[32], runs[32], reps[32];
    snprintf(
        text, sizeof text,
        pl_text_tr(
            lang,
            "Hypothèses incertaines du scénario (section [uncertainty]) : %s. Chacune a "
            "varié selon sa loi, sur %s simulations de %s réplications (les mêmes nombres "
            "aléatoires à chaque point, graine %lu). L'indice de Sobol total d'une hypothèse "
            "est la part de la variance du résultat qu'elle explique, seule ou avec d'autres "
            "(de 0 : aucun effet, à 1 : tout) ; l'indice de premier ordre, la part qu'elle "
            "explique seule. La tornade donne le résultat quand l'hypothèse passe de son "
            "quantile 5 % à son quantile 95 %, les autres à leur médiane.",
            "Uncertain assumptions of the scenario (section [uncertainty]): %s. Each "
            "varied along its distribution, over %s simulations of %s replications (the same random "
            "numbers at every point, seed %lu). The total Sobol index of an assumption is the "
            "share of the result's variance it explains, alone or with others (from 0: no "
            "effect, to 1: all of it); the first-order index, the share it explains alone. "
            "The tornado gives the result as the assumption goes from its 5% to its 95% "
            "quantile, the others at their median."),
        pl_text_num(k, sizeof k, s->u.n, 0, lang),
        pl_text_num(runs, sizeof runs, s->npoints, 0, lang),
        pl_text_num(reps, sizeof reps, (double)s->replications, 0, lang), s->seed);
    fputs("<p>", f);
    pl_html_text(f, text);
    fputs("</p>\n<table class=\"run\">\n<thead><tr>", f);
    pl_html_th(f, pl_text_tr(lang, "Hypothèse", "Assumption"), 0);
    pl_html_th(f, pl_text_tr(lang, "Clé du scénario", "Scenario key"), 0);
    pl_html_th(f, pl_text_tr(lang, "Loi", "Law"), 0);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (int i = 0; i < s->u.n; i++) {
        char law[160], label[256];
        fputs("<tr>", f);
        pl_html_td(f, ea_param_label(&s->u.p[i].param, label, sizeof label), 0);
        pl_html_td_name(f, s->u.p[i].param.name);
        pl_html_td(f, ea_uncertainty_law_text(&s->u.p[i], law, sizeof law), 0);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

/* The sentence that answers « which assumption changes the answer? » for outcome o. */
static void write_reading(FILE *f, const ea_sensitivity *s, int o, const int *order,
                          pl_text_lang lang)
{
    const ea_sensitivity_outcome *x = &s->outcomes[o];
    char title[256], centre[48], text[1200];
    outcome_title(x, title, sizeof title, lang);
    value_text(centre, sizeof centre, s->centre[o], x->indicator, lang);
    const ea_sensitivity_index_estimate *top =
        s->u.n > 0 ? ea_sensitivity_get(s, o, order[0], EA_SENS_TOTAL) : NULL;
    if (top && ea_sensitivity_matters(top)) {
        char iv[96], lo[48], hi[48], label[256];
        snprintf(
            text, sizeof text,
            pl_text_tr(
                lang,
                "Avec chaque hypothèse à sa médiane : %s. L'hypothèse qui pèse le plus est « %s » "
                "(indice total %s) : entre ses quantiles 5 %% et 95 %%, le résultat va de %s à %s.",
                "With every assumption at its median: %s. The assumption that weighs most is "
                "\u201c%s\u201d (total index %s): between its 5%% and 95%% quantiles, the result "
                "goes from %s to %s."),
            centre, ea_param_label(&s->u.p[order[0]].param, label, sizeof label),
            interval_text(iv, sizeof iv, top, lang),
            value_text(lo, sizeof lo, ea_sensitivity_get(s, o, order[0], EA_SENS_LOW)->estimate,
                       x->indicator, lang),
            value_text(hi, sizeof hi, ea_sensitivity_get(s, o, order[0], EA_SENS_HIGH)->estimate,
                       x->indicator, lang));
    } else {
        snprintf(text, sizeof text,
                 pl_text_tr(
                     lang,
                     "Avec chaque hypothèse à sa médiane : %s. Aucune hypothèse n'explique un "
                     "dixième de la variance de ce résultat, même avec ses interactions : il tient "
                     "dans ces plages.",
                     "With every assumption at its median: %s. No assumption explains a tenth of "
                     "this result's variance, even with its interactions: it holds within these "
                     "ranges."),
                 centre);
    }
    fputs("<p class=\"reading\">", f);
    pl_html_text(f, text);
    fputs("</p>\n", f);
}

/* The parameters of outcome o ranked by total index. */
static void write_table(FILE *f, const ea_sensitivity *s, int o, const int *order, pl_text_lang lang)
{
    fputs("<div class=\"wide\"><table class=\"sensitivity\">\n<thead><tr>", f);
    pl_html_th(f, pl_text_tr(lang, "Hypothèse", "Assumption"), 0);
    pl_html_th(f, pl_text_tr(lang, "Sobol total [IC 95 %]", "Total Sobol [95% CI]"), 1);
    pl_html_th(f, pl_text_tr(lang, "Sobol 1er ordre [IC 95 %]", "First-order Sobol [95% CI]"), 1);
    pl_html_th(f, pl_text_tr(lang, "Morris μ*", "Morris μ*"), 1);
    pl_html_th(f, pl_text_tr(lang, "Tornade : quantile 5 % → 95 %", "Tornado: 5% → 95% quantile"),
               1);
    fputs("</tr></thead>\n<tbody>\n", f);
    const char *ind = s->outcomes[o].indicator;
    for (int m = 0; m < s->u.n; m++) {
        int i = order[m];
        char total[96], first[96], mu[48], lo[48], hi[48], swing[120], label[256];
        interval_text(total, sizeof total, ea_sensitivity_get(s, o, i, EA_SENS_TOTAL), lang);
        interval_text(first, sizeof first, ea_sensitivity_get(s, o, i, EA_SENS_FIRST), lang);
        value_text(mu, sizeof mu, ea_sensitivity_get(s, o, i, EA_SENS_MU_STAR)->estimate, ind, lang);
        snprintf(swing, sizeof swing, "%s → %s",
                 value_text(lo, sizeof lo, ea_sensitivity_get(s, o, i, EA_SENS_LOW)->estimate, ind, lang),
                 value_text(hi, sizeof hi, ea_sensitivity_get(s, o, i, EA_SENS_HIGH)->estimate, ind, lang));
        fputs("<tr>", f);
        pl_html_td(f, ea_param_label(&s->u.p[i].param, label, sizeof label), 0);
        pl_html_td(f, total, 1);
        pl_html_td(f, first, 1);
        pl_html_td(f, mu, 1);
        pl_html_td(f, swing, 1);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n</div>\n", f);
}

int pl_report_sensitivity_write(FILE *f, const ea_sensitivity *s, const char *svg_dir,
                                pl_text_lang lang, eng_error *err)
{
    fputs("<section class=\"sensitivity\" id=\"sensibilite\">\n<h2>", f);
    pl_html_text(f,
                 pl_text_tr(lang, "Sensibilité aux hypothèses", "Sensitivity to the assumptions"));
    fputs("</h2>\n", f);
    write_method(f, s, lang);
    int status = ENG_OK;
    for (int o = 0; o < s->noutcomes && status == ENG_OK; o++) {
        int order[EA_UNCERTAINTY_MAX];
        char title[256], path[4200], prefix[32];
        ea_sensitivity_rank(s, o, EA_RANK_TOTAL, order);
        fputs("<section class=\"sens-outcome\">\n<h3>", f);
        pl_html_text(f, outcome_title(&s->outcomes[o], title, sizeof title, lang));
        fputs("</h3>\n", f);
        write_reading(f, s, o, order, lang);
        write_table(f, s, o, order, lang);
        for (int c = 2 * o; c < 2 * o + 2 && status == ENG_OK; c++) {
            snprintf(path, sizeof path, "%s/sens-%d.svg", svg_dir, c);
            snprintf(prefix, sizeof prefix, "s%d", c);
            fputs("<figure>\n", f);
            status = pl_html_svg(f, path, prefix, title, err);
            fputs("</figure>\n", f);
        }
        fputs("</section>\n", f);
    }
    fputs("</section>\n", f);
    return status;
}
