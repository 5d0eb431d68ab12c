/* pl_sensitivity.c — The tornado and Sobol charts: data blocks of the estimates, bars drawn with
 * boxxyerror (tornado) and boxes with error bars (indices), labels in the language chosen. */
#include "pl_sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_mpi.h"
#include "../engine/eng_path.h"
#include "../models/ea_param.h"
#include "../models/ea_sensitivity_write.h"
#include "../models/ea_tables.h"

const char *pl_sensitivity_name(const ea_sensitivity *s, int i, char *buf, size_t size)
{
    char outcome[160];
    ea_sensitivity_write_outcome(&s->outcomes[i / 2], outcome, sizeof outcome);
    for (char *c = outcome; *c; c++)
        if (*c == ':' || *c == '@' || *c == '/' || *c == ' ')
            *c = '-';
    snprintf(buf, size, "%s-%s", i % 2 ? "sobol" : "tornado", outcome);
    return buf;
}

static void put_num(FILE *f, double x)
{
    if (isfinite(x))
        fprintf(f, " %.10g", x);
    else
        fputs(" NaN", f);
}

const char *pl_sensitivity_outcome_title(const ea_sensitivity_outcome *o, char *buf, size_t size,
                                         pl_text_lang lang)
{
    char label[160];
    pl_text_indicator_label(label, sizeof label, o->indicator, lang);
    if (strcmp(o->scope, "region") == 0)
        snprintf(buf, size, "%s, %s", label, o->year);
    else
        snprintf(buf, size, "%s, %s — %s %s", label, o->year,
                 pl_text_tr(lang, "département", "department"), o->scope);
    return buf;
}

/* The common head: the title (what the chart is, then the outcome) and the look. */
static void emit_head(const ea_sensitivity *s, int o, const char *what, pl_text_lang lang, FILE *f)
{
    char outcome[300], title[400];
    pl_sensitivity_outcome_title(&s->outcomes[o], outcome, sizeof outcome, lang);
    snprintf(title, sizeof title, lang == PL_EN ? "%s: %s" : "%s : %s", what, outcome);
    fputs("reset\nset title ", f);
    pl_gnuplot_text(f, title);
    fprintf(f, "\nset border 3 lc rgb '#444444'\nset tics nomirror out\nset decimalsign '%c'\n"
               "set key below center horizontal\nset style fill solid 0.85 noborder\n",
            lang == PL_EN ? '.' : ',');
}

/* The tornado: bar j (from the top) spans the centre to the low end and to the high end. */
static void emit_tornado(const ea_sensitivity *s, int o, pl_text_lang lang, FILE *f)
{
    int k = s->u.n, order[EA_UNCERTAINTY_MAX];
    char label[256];
    double c = s->centre[o];
    ea_sensitivity_rank(s, o, EA_RANK_SWING, order);
    fputs("$d << EOD\n", f);
    for (int m = 0; m < k; m++) {
        double y = k - m;
        fprintf(f, "%d", (int)y);
        put_num(f, ea_sensitivity_get(s, o, order[m], EA_SENS_LOW)->estimate);
        put_num(f, ea_sensitivity_get(s, o, order[m], EA_SENS_HIGH)->estimate);
        fputc('\n', f);
    }
    fputs("EOD\n", f);
    emit_head(s, o, pl_text_tr(lang, "Tornade", "Tornado"), lang, f);
    fputs("set grid xtics lc rgb '#dddddd'\nset ytics (", f);
    for (int m = 0; m < k; m++) {
        fputs(m ? ", " : "", f);
        pl_gnuplot_tic(f, ea_param_label(&s->u.p[order[m]].param, label, sizeof label));
        fprintf(f, " %d", k - m);
    }
    /* The key in the top left corner, above the parameters' names: below the bars it met the axis
     * title, and long names pushed its second entry off the canvas. */
    fprintf(f, ")\nset yrange [0.3:%g]\nset key at screen 0.02, screen 0.97 left top vertical "
               "Left reverse\n", k + 0.7);
    /* The axis names the outcome alone: the plot is narrow beside long parameter names, and the
     * key says where the others stand. */
    fputs("set xlabel ", f);
    pl_gnuplot_text(f, pl_text_indicator_label(label, sizeof label, s->outcomes[o].indicator, lang));
    fprintf(f, "\nset arrow from %.10g, graph 0 to %.10g, graph 1 nohead lc rgb '#444444' dt 2\n", c, c);
    fprintf(f, "plot $d using (%.10g):1:(%.10g < $2 ? %.10g : $2):(%.10g < $2 ? $2 : %.10g):($1-0.35):($1+0.35) "
               "with boxxyerror lc rgb '#2b6cb0' title ", c, c, c, c, c);
    pl_gnuplot_text(f, pl_text_tr(lang, "paramètre à son quantile 5 %, les autres à leur médiane",
                                  "parameter at its 5% quantile, the others at their median"));
    fprintf(f, ", $d using (%.10g):1:(%.10g < $3 ? %.10g : $3):(%.10g < $3 ? $3 : %.10g):($1-0.35):($1+0.35) "
               "with boxxyerror lc rgb '#dd6b20' fs transparent solid 0.7 title ", c, c, c, c, c);
    pl_gnuplot_text(f, pl_text_tr(lang, "à son quantile 95 %", "at its 95% quantile"));
    fputc('\n', f);
}

/* The Sobol indices: first-order and total bars side by side, each with its interval. */
static void emit_sobol(const ea_sensitivity *s, int o, pl_text_lang lang, FILE *f)
{
    int k = s->u.n, order[EA_UNCERTAINTY_MAX];
    char label[256];
    ea_sensitivity_rank(s, o, EA_RANK_TOTAL, order);
    /* The whole intervals are drawn, beyond 0 and 1 too: a share of variance cannot lie there,
     * and an interval that does says the points were too few. */
    double lo = 0, hi = 1.05;
    fputs("$d << EOD\n", f);
    for (int m = 0; m < k; m++) {
        fprintf(f, "%d", m);
        const ea_sensitivity_index_id ids[] = { EA_SENS_FIRST, EA_SENS_TOTAL };
        for (int t = 0; t < 2; t++) {
            const ea_sensitivity_index_estimate *e = ea_sensitivity_get(s, o, order[m], ids[t]);
            put_num(f, e->estimate);
            put_num(f, e->lower95);
            put_num(f, e->upper95);
            lo = isfinite(e->lower95) && e->lower95 < 0 ? fmin(lo, e->lower95 - 0.02) : lo;
            hi = isfinite(e->upper95) ? fmax(hi, e->upper95 + 0.02) : hi;
        }
        fputc('\n', f);
    }
    fputs("EOD\n", f);
    emit_head(s, o, pl_text_tr(lang, "Indices de Sobol", "Sobol indices"), lang, f);
    fputs("set grid ytics lc rgb '#dddddd'\nset xtics rotate by -30 (", f);
    for (int m = 0; m < k; m++) {
        fputs(m ? ", " : "", f);
        pl_gnuplot_tic(f, ea_param_label(&s->u.p[order[m]].param, label, sizeof label));
        fprintf(f, " %d", m);
    }
    fprintf(f, ")\nset xrange [-0.6:%g]\nset yrange [%.10g:%.10g]\nset boxwidth 0.36\n", k - 0.4,
            lo, hi);
    if (lo < 0)
        fputs("set xzeroaxis lt 1 lc rgb '#444444'\n", f);
    fputs("set ylabel ", f);
    pl_gnuplot_text(f, pl_text_tr(lang, "part de la variance de l'issue (IC à 95 %)",
                                  "share of the outcome's variance (95% CI)"));
    fputs("\nplot $d using ($1-0.19):2 with boxes lc rgb '#2b6cb0' title ", f);
    pl_gnuplot_text(f, pl_text_tr(lang, "premier ordre (seul)", "first order (alone)"));
    fputs(", $d using ($1-0.19):2:3:4 with yerrorbars lc rgb '#222222' pt -1 notitle, "
          "$d using ($1+0.19):5 with boxes lc rgb '#dd6b20' title ", f);
    pl_gnuplot_text(f,
                    pl_text_tr(lang, "total (avec les interactions)", "total (with interactions)"));
    fputs(", $d using ($1+0.19):5:6:7 with yerrorbars lc rgb '#222222' pt -1 notitle\n", f);
}

void pl_sensitivity_emit(const ea_sensitivity *s, int i, pl_text_lang lang, FILE *f)
{
    if (i % 2)
        emit_sobol(s, i / 2, lang, f);
    else
        emit_tornado(s, i / 2, lang, f);
}

/* Draws the charts as one set into the directory `into`. */
static int draw_set(const ea_sensitivity *s, const char *into, pl_gnuplot_format format,
                    pl_text_lang lang, eng_error *err)
{
    eng_out *set = eng_out_begin(into, err);
    pl_gnuplot *gp = NULL;
    int status = set ? pl_gnuplot_alloc(&gp, err) : ENG_EFAIL;
    for (int i = 0; status == ENG_OK && i < 2 * s->noutcomes; i++) {
        char base[200], name[220];
        snprintf(name, sizeof name, "%s.%s", pl_sensitivity_name(s, i, base, sizeof base),
                 pl_gnuplot_format_ext(format));
        if (!eng_out_open(set, name, err)) {
            status = ENG_EFAIL;
            break;
        }
        FILE *f = pl_gnuplot_script(gp);
        pl_gnuplot_terminal(gp, format, eng_out_tmp_path(set, name));
        pl_sensitivity_emit(s, i, lang, f);
        pl_gnuplot_close_output(f);
    }
    if (status == ENG_OK)
        status = pl_gnuplot_run(gp, err);
    pl_gnuplot_free(gp);
    return set ? eng_out_finish(set, status, err) : status;
}

int pl_sensitivity_draw(const ea_sensitivity *s, eng_out *out, const char *dir,
                        pl_gnuplot_format format, pl_text_lang lang, char **scratch, int *ncharts,
                        eng_error *err)
{
    *ncharts = 0;
    *scratch = NULL;
    char *plots = eng_path_join(dir, "plots", err);
    if (!plots)
        return ENG_EFAIL;
    *scratch = eng_out_scratch(plots, "sensitivity", err);
    free(plots);
    int status = *scratch ? draw_set(s, *scratch, format, lang, err) : ENG_EFAIL;
    for (int i = 0; status == ENG_OK && i < 2 * s->noutcomes; i++) {
        char base[200], name[220], rel[240];
        snprintf(name, sizeof name, "%s.%s", pl_sensitivity_name(s, i, base, sizeof base),
                 pl_gnuplot_format_ext(format));
        snprintf(rel, sizeof rel, "plots/%s", name);
        char *path = eng_path_join(*scratch, name, err);
        status = path ? eng_out_adopt(out, path, rel, err) : ENG_EFAIL;
        free(path);
    }
    if (status == ENG_OK)
        *ncharts = 2 * s->noutcomes;
    return status;
}

int pl_sensitivity_write(const ea_sensitivity *s, eng_out *out, const char *dir,
                         const eng_csv_style *style, pl_gnuplot_format format, pl_text_lang lang,
                         char **scratch, int *ncharts, eng_error *err)
{
    int status = ea_sensitivity_write_csv(s, out, style, err);
    FILE *f = status == ENG_OK ? eng_out_open(out, ea_tables_file(EA_TABLE_SENSITIVITY_SUMMARY), err)
                               : NULL;
    if (f)
        ea_sensitivity_write_summary(s, f);
    else if (status == ENG_OK)
        status = ENG_EFAIL;
    /* The charts are rank 0's alone in an MPI job (see pl_workbook_add). */
    if (status == ENG_OK && eng_mpi_rank() == 0)
        status = pl_sensitivity_draw(s, out, dir, format, lang, scratch, ncharts, err);
    return status;
}
