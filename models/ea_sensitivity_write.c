/* ea_sensitivity_write.c — sensitivity.csv row by row, and the printed summary: the ranking by
 * total index with the intervals, Morris's mu_star and the tornado's ends, in French numbers. */
#include "ea_sensitivity_write.h"
#include "ea_param.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_indicators.h"
#include "ea_tables.h"

const char *ea_sensitivity_write_outcome(const ea_sensitivity_outcome *o, char *buf, size_t size)
{
    if (strcmp(o->scope, "region") == 0)
        snprintf(buf, size, "%s@%s", o->indicator, o->year);
    else
        snprintf(buf, size, "%s:%s@%s", o->scope, o->indicator, o->year);
    return buf;
}

static void write_rows(const ea_sensitivity *s, FILE *f, const eng_csv_style *st)
{
    ea_tables_write_header(f, EA_TABLE_SENSITIVITY, st);
    for (int o = 0; o < s->noutcomes; o++) {
        char name[160];
        ea_sensitivity_write_outcome(&s->outcomes[o], name, sizeof name);
        for (int i = 0; i < s->u.n; i++)
            for (int x = 0; x < EA_SENS_NINDICES; x++) {
                const ea_sensitivity_index_estimate *e = ea_sensitivity_get(s, o, i, (ea_sensitivity_index_id)x);
                eng_csv_text(f, name, st);
                fputc(st->sep, f);
                eng_csv_text(f, s->u.p[i].param.name, st);
                fputc(st->sep, f);
                eng_csv_text(f, ea_sensitivity_method_name((ea_sensitivity_index_id)x), st);
                fputc(st->sep, f);
                eng_csv_text(f, ea_sensitivity_index_name((ea_sensitivity_index_id)x), st);
                const double v[] = { e->estimate, e->lower95, e->upper95 };
                for (int c = 0; c < 3; c++) {
                    fputc(st->sep, f);
                    eng_csv_number(f, v[c], st);
                }
                fputc('\n', f);
            }
    }
}

int ea_sensitivity_write_csv(const ea_sensitivity *s, eng_out *out, const eng_csv_style *style,
                             eng_error *err)
{
    FILE *f = eng_out_open(out, ea_tables_file(EA_TABLE_SENSITIVITY), err);
    if (!f)
        return ENG_EFAIL;
    write_rows(s, f, style);
    return ENG_OK;
}

/* x for people, with decimals by its size: 3 under 1, 2 under 10, 1 under 100, none beyond. */
static const char *fmt(char *buf, size_t size, double x)
{
    double a = fabs(x);
    eng_text_format_number(buf, size, x, a < 1 ? 3 : a < 10 ? 2 : a < 100 ? 1 : 0);
    return buf;
}

/* One line per parameter: Sobol's indices with their intervals, mu_star, the tornado's ends. */
static void print_outcome(const ea_sensitivity *s, int o, FILE *f)
{
    char name[160], label[128], c[32], a[32], b[32], d[32], e[32], g[32], h[32];
    int order[EA_UNCERTAINTY_MAX];
    const ea_sensitivity_outcome *x = &s->outcomes[o];
    ea_sensitivity_write_outcome(x, name, sizeof name);
    ea_indicators_label(x->indicator, label, sizeof label);
    if (strcmp(x->scope, "region") == 0)
        fprintf(f, eng_msg_tr("\nIssue %s : %s en %s : %s avec chaque paramètre à sa médiane.\n"), name,
                label, x->year, fmt(c, sizeof c, s->centre[o]));
    else
        fprintf(f, eng_msg_tr("\nIssue %s : %s en %s, département %s : %s avec chaque paramètre à sa "
                              "médiane.\n"), name, label, x->year, x->scope, fmt(c, sizeof c, s->centre[o]));
    /* The parameters in words, as the charts name them, in a column as wide as the longest. */
    char words[EA_UNCERTAINTY_MAX][192];
    int wide = 40;
    for (int i = 0; i < s->u.n; i++) {
        ea_param_label(&s->u.p[i].param, words[i], sizeof words[i]);
        int w = (int)strlen(words[i]) - eng_text_pad(words[i], 0);
        wide = w > wide ? w : wide;
    }
    const char *head = eng_msg_tr("paramètre");
    fprintf(f, "  %*s", eng_text_pad(head, -wide), head);
    fprintf(f, " %-22s %-22s %10s  %s\n",
            eng_msg_tr("Sobol 1er ordre [IC 95 %]"), eng_msg_tr("Sobol total [IC 95 %]"),
            eng_msg_tr("Morris μ*"), eng_msg_tr("tornade : bas → haut"));
    ea_sensitivity_rank(s, o, EA_RANK_TOTAL, order);
    for (int m = 0; m < s->u.n; m++) {
        int i = order[m];
        const ea_sensitivity_index_estimate *fi = ea_sensitivity_get(s, o, i, EA_SENS_FIRST);
        const ea_sensitivity_index_estimate *to = ea_sensitivity_get(s, o, i, EA_SENS_TOTAL);
        char first[128], total[128];
        snprintf(first, sizeof first, eng_msg_tr("%s [%s ; %s]"), fmt(a, sizeof a, fi->estimate),
                 fmt(b, sizeof b, fi->lower95), fmt(d, sizeof d, fi->upper95));
        snprintf(total, sizeof total, eng_msg_tr("%s [%s ; %s]"), fmt(a, sizeof a, to->estimate),
                 fmt(b, sizeof b, to->lower95), fmt(d, sizeof d, to->upper95));
        fprintf(f, "  %*s %*s %*s %10s  %s → %s\n", eng_text_pad(words[i], -wide), words[i],
                eng_text_pad(first, -22), first, eng_text_pad(total, -22), total,
                fmt(e, sizeof e, ea_sensitivity_get(s, o, i, EA_SENS_MU_STAR)->estimate),
                fmt(g, sizeof g, ea_sensitivity_get(s, o, i, EA_SENS_LOW)->estimate),
                fmt(h, sizeof h, ea_sensitivity_get(s, o, i, EA_SENS_HIGH)->estimate));
    }
    /* A share of variance lies in [0, 1] and the first order below the total: estimates that do
     * not say the Saltelli points were too few for this outcome (the margin of 0.05 lets the noise
     * of indices near 0 pass). */
    int rough = 0;
    for (int m = 0; m < s->u.n; m++) {
        const ea_sensitivity_index_estimate *fi = ea_sensitivity_get(s, o, m, EA_SENS_FIRST);
        const ea_sensitivity_index_estimate *to = ea_sensitivity_get(s, o, m, EA_SENS_TOTAL);
        rough |= fi->estimate > to->estimate + 0.05 || fi->lower95 < -0.05 || to->lower95 < -0.05
                 || fi->upper95 > 1.05 || to->upper95 > 1.05;
    }
    if (rough)
        fprintf(f, eng_msg_tr("  Attention : avec %d points de Saltelli, ces indices sont trop imprécis "
                              "pour %s (un premier ordre au-dessus du total, ou un intervalle hors "
                              "de [0 ; 1], ce qu'une part de variance ne peut pas être) : relancez "
                              "avec plus de points (--points) avant d'en conclure.\n"),
                s->n, name);
    char most[1024] = "";
    for (int m = 0; m < s->u.n; m++) {
        const ea_sensitivity_index_estimate *to = ea_sensitivity_get(s, o, order[m], EA_SENS_TOTAL);
        if (ea_sensitivity_matters(to) && strlen(most) + 200 < sizeof most)
            snprintf(most + strlen(most), sizeof most - strlen(most), "%s%s (%s)", most[0] ? ", " : "",
                     words[order[m]], fmt(a, sizeof a, to->estimate));
    }
    if (most[0])
        fprintf(f, eng_msg_tr("  Ce qui compte le plus pour %s : %s.\n"), name, most);
    else
        fprintf(f, eng_msg_tr("  Aucun paramètre n'atteint un indice total de 0,1 pour %s.\n"), name);
}

void ea_sensitivity_write_summary(const ea_sensitivity *s, FILE *f)
{
    fprintf(f, eng_msg_tr("Sensibilité de %s à %d paramètres incertains : %d exécutions de %ld "
                          "réplications (graine %lu, les mêmes à chaque point : nombres aléatoires "
                          "communs), dont %d points de Saltelli (indices de Sobol, estimateurs de "
                          "Saltelli 2010 et Jansen, intervalles par bootstrap), %d trajectoires de Morris et la tornade "
                          "(quantiles 5 %% et 95 %% de chaque loi, les autres à leur médiane).\n"
                          "Les indices sont ceux de la moyenne du modèle sur les réplications, non de son "
                          "bruit. Indice de premier ordre : part de la variance due au paramètre seul ; "
                          "total : avec ses interactions.\n"),
            s->scenario, s->u.n, s->npoints, s->replications, s->seed, s->n, s->r);
    for (int o = 0; o < s->noutcomes; o++)
        print_outcome(s, o, f);
}
