/* ea_calibrate_write.c — The tables of a calibration, and calibrated.ini written from the user's
 * own scenario file, so that its comments and sources stay where the author put them. */
#include "ea_calibrate_write.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_msg.h"
#include "../engine/eng_text.h"
#include "ea_tables.h"
#include "ea_uncertainty.h"

static void num(FILE *f, double x, const eng_csv_style *st)
{
    fputc(st->sep, f);
    eng_csv_number(f, x, st);
}

static void calibration_csv(const ea_calibrate *c, FILE *f, const eng_csv_style *st)
{
    ea_tables_write_header(f, EA_TABLE_CALIBRATION, st);
    for (int k = 0; k < c->nfree; k++) {
        const ea_calibrate_free *p = &c->free[k];
        eng_csv_text(f, p->param.name, st);
        num(f, p->start, st);
        num(f, p->estimate, st);
        num(f, p->lower95, st);
        num(f, p->upper95, st);
        num(f, p->lo, st);
        num(f, p->hi, st);
        fprintf(f, "%c%d%c%d\n", st->sep, p->at_bound, st->sep, p->identified);
    }
}

static void targets_csv(const ea_calibrate *c, FILE *f, const eng_csv_style *st)
{
    ea_tables_write_header(f, EA_TABLE_CALIBRATION_TARGETS, st);
    for (int k = 0; k < c->obs.n; k++) {
        const ea_calibrate_obs_row *r = &c->obs.rows[k];
        double v = ea_calibrate_obs_variance(r, c->replications);
        fprintf(f, "%s%c", r->when, st->sep);
        eng_csv_text(f, r->scope, st);
        fprintf(f, "%c%s", st->sep, r->indicator);
        num(f, r->observed, st);
        num(f, r->sd, st);
        num(f, r->matched ? r->mean : NAN, st);
        num(f, r->matched ? r->p05 : NAN, st);
        num(f, r->matched ? r->p95 : NAN, st);
        num(f, r->matched ? r->observed - r->mean : NAN, st);
        num(f, r->matched ? fabs(r->observed - r->mean) / sqrt(v) : NAN, st);
        fprintf(f, "%c%d%c%d\n", st->sep, r->matched && r->observed >= r->p05 && r->observed <= r->p95,
                st->sep, ea_calibrate_obs_used(r));
    }
}

static void trace_csv(const ea_calibrate *c, FILE *f, const eng_csv_style *st)
{
    const char *names[EA_CALIBRATE_MAX_FREE];
    for (int k = 0; k < c->nfree; k++)
        names[k] = c->free[k].param.name;
    ea_tables_write_header_names(f, EA_TABLE_CALIBRATION_TRACE, names, c->nfree, 0, st);
    for (int i = 0; i < c->ntrace; i++) {
        fprintf(f, "%d", i + 1);
        for (int k = 0; k < c->nfree; k++)
            num(f, c->trace[i].x[k], st);
        num(f, isfinite(c->trace[i].objective) ? c->trace[i].objective : NAN, st);
        fprintf(f, "%c%s\n", st->sep, ea_calibrate_phase_name(c->trace[i].phase));
    }
}

static void backtest_csv(const ea_calibrate *c, FILE *f, const eng_csv_style *st)
{
    ea_tables_write_header(f, EA_TABLE_CALIBRATION_BACKTEST, st);
    for (int k = 0; k < c->obs.n; k++) {
        const ea_calibrate_obs_row *r = &c->obs.rows[k];
        if (!r->held_out || !r->matched)
            continue;
        fprintf(f, "%s%c", r->when, st->sep);
        eng_csv_text(f, r->scope, st);
        fprintf(f, "%c%s", st->sep, r->indicator);
        num(f, r->observed, st);
        num(f, r->mean, st);
        num(f, r->p05, st);
        num(f, r->p95, st);
        num(f, r->observed - r->mean, st);
        num(f, r->observed != 0 ? 100 * (r->observed - r->mean) / r->observed : NAN, st);
        fprintf(f, "%c%d\n", st->sep, r->observed >= r->p05 && r->observed <= r->p95);
    }
}

/* One change to the file: a key's line replaced, or a key added after its section's header (or in
 * a new section at the end when line is 0). */
typedef struct edit {
    char section[160], key[192];
    int line, replace;
    char comment[1024];
    char value[96];          /* the value written; "" for the key's value in the calibrated INI */
} edit;

typedef struct edits {
    edit e[64 * EA_CALIBRATE_MAX_FREE];
    int n;
    const eng_ini *orig;
    const char *comment;
    const char *value;       /* given to the edits added next; NULL for "" */
} edits;

static int add_edit(const char *section, const char *key, void *data)
{
    edits *es = data;
    for (int i = 0; i < es->n; i++)
        if (strcmp(es->e[i].section, section) == 0 && strcmp(es->e[i].key, key) == 0) {
            size_t len = strlen(es->e[i].comment);
            snprintf(es->e[i].comment + len, sizeof es->e[i].comment - len, "%s", es->comment);
            return 0;
        }
    if (es->n == (int)(sizeof es->e / sizeof *es->e))
        return 1;
    edit *e = &es->e[es->n++];
    snprintf(e->section, sizeof e->section, "%s", section);
    snprintf(e->key, sizeof e->key, "%s", key);
    snprintf(e->value, sizeof e->value, "%s", es->value ? es->value : "");
    snprintf(e->comment, sizeof e->comment, "%s", es->comment);
    e->line = eng_ini_line(es->orig, section, key);
    e->replace = e->line > 0;
    if (!e->replace)
        e->line = eng_ini_section_line(es->orig, section);
    return 0;
}

/* x to EA_CALIBRATE_WRITE_DIGITS significant digits. */
static double rounded(double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*g", EA_CALIBRATE_WRITE_DIGITS, x);
    return strtod(buf, NULL);
}

/* Rounded as rounded() rounds, written without an exponent (43 210 rather than 4.321e+04), grouped
 * and with the language's decimal mark; trailing zeros dropped (2, not 2,000, which English would
 * read as two thousand). The key's value below the comment keeps the point the scenario format
 * reads. */
const char *ea_calibrate_write_format(char *buf, size_t size, double x)
{
    double r = rounded(x), a = fabs(r);
    int magnitude = a > 0 ? (int)floor(log10(a)) : 0;
    int decimals = magnitude >= EA_CALIBRATE_WRITE_DIGITS - 1 ? 0
                                                                : EA_CALIBRATE_WRITE_DIGITS - 1 - magnitude;
    eng_text_format_number(buf, size, r, decimals > 9 ? 9 : decimals);
    size_t n = strlen(buf);
    if (decimals > 0) {
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && (buf[n - 1] == ',' || buf[n - 1] == '.'))
            buf[--n] = '\0';
    }
    return buf;
}

/* The comment above a fitted key, in the language of the messages. */
static void comment_of(const ea_calibrate *c, const ea_calibrate_free *p, double x, char *buf, size_t size)
{
    char e[32], lo[32], hi[32], s[96], until[160] = "", met[512] = "", imp[32];
    ea_calibrate_write_format(e, sizeof e, x);
    ea_calibrate_write_format(lo, sizeof lo, p->lower95);
    ea_calibrate_write_format(hi, sizeof hi, p->upper95);
    /* The scenario's own value, which summary.txt gives too (the search may have started
     * elsewhere: at the middle of the bounds when it lay outside them). */
    ea_calibrate_write_format(s, sizeof s, p->original);
    if (p->start_spread)
        snprintf(s + strlen(s), sizeof s - strlen(s), "%s",
                 eng_msg_tr(" (moyenne des départements)"));
    /* Whoever reads the file later must know which rows made the value and whether the fit was
     * accepted: the comment is all that travels with it. */
    if (c->until[0])
        snprintf(until, sizeof until, eng_msg_tr(" (lignes jusqu'au %s ; les suivantes gardées pour "
                                                 "le contrôle)"), c->until);
    if (!c->criterion_met) {
        eng_text_format_number(imp, sizeof imp, c->max_implausibility, 2);
        snprintf(met, sizeof met, eng_msg_tr(" ; critère d'acceptation NON ATTEINT (invraisemblance "
                                             "maximale %s, au-delà de 3)"), imp);
    }
    if (!c->converged)
        snprintf(met + strlen(met), sizeof met - strlen(met),
                 eng_msg_tr(" ; recherche ARRÊTÉE AU MAXIMUM de %d évaluations : l'optimum n'est "
                            "peut-être pas atteint"), c->max_evaluations);
    snprintf(buf, size, eng_msg_tr("; CALIBRÉ par eaflow calibrate sur %s%s : %s = %s, intervalle à "
                                   "95 %% de %s à %s (profil de la déviance) ; valeur d'origine "
                                   "%s%s%s.\n"),
             c->observed, until, p->param.name, e, lo, hi, s,
             p->identified ? "" : eng_msg_tr(" ; NON IDENTIFIABLE par ces données"), met);
}

/* Writes the value of an edit's key, and the comment above it. */
static void put_key(FILE *f, const ea_calibrate *c, const edit *e)
{
    fputs(e->comment, f);
    fprintf(f, "%s = %s\n", e->key, *e->value ? e->value : eng_ini_get(c->ini, e->section, e->key));
}

/* Whether a line of the file is a comment. */
static int comment_line(const char *line)
{
    while (*line == ' ' || *line == '\t')
        line++;
    return *line == ';' || *line == '#';
}

/* Copies the scenario file line by line, with the edits. The comments just above a replaced key
 * were written for its value before the calibration: they are kept, under a line that says so. */
static int copy_with_edits(const ea_calibrate *c, const edits *es, FILE *out, eng_error *err)
{
    FILE *in = fopen(c->scenario, "r");
    if (!in)
        return eng_error_set(err, ENG_EINPUT, "%s : illisible", c->scenario);
    char line[ENG_INI_MAX_LINE + 2], *block = NULL;
    size_t block_len = 0;
    FILE *held = open_memstream(&block, &block_len);   /* the comments not yet written */
    if (!held) {
        fclose(in);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    int no = 0, skipping = 0;
    while (fgets(line, sizeof line, in)) {
        no++;
        size_t len = strlen(line);
        int continued = len >= 2 && line[len - 2] == '\\';
        if (skipping) {
            skipping = continued;
            continue;
        }
        if (comment_line(line)) {
            fputs(line, held);
            continue;
        }
        int replaced = 0;
        for (int i = 0; i < es->n && !replaced; i++)
            replaced = es->e[i].replace && es->e[i].line == no;
        fflush(held);
        if (replaced && block_len > 0)
            fputs(eng_msg_tr("; Commentaire écrit pour la valeur d'origine, avant la calibration :\n"),
                  out);
        fwrite(block, 1, block_len, out);
        fseek(held, 0, SEEK_SET);   /* the next block is written over this one */
        replaced = 0;
        for (int i = 0; i < es->n && !replaced; i++)
            if (es->e[i].replace && es->e[i].line == no) {
                put_key(out, c, &es->e[i]);
                replaced = 1;
                skipping = continued;
            }
        if (!replaced)
            fputs(line, out);
        if (!replaced && len && line[len - 1] != '\n')
            fputc('\n', out);
        for (int i = 0; i < es->n; i++)
            if (!es->e[i].replace && es->e[i].line == no)
                put_key(out, c, &es->e[i]);
    }
    fflush(held);
    fwrite(block, 1, block_len, out);   /* comments that end the file */
    fclose(held);
    free(block);
    fclose(in);
    /* Keys of sections the file did not have, each section's header once. */
    const char *last = NULL;
    for (int i = 0; i < es->n; i++)
        if (!es->e[i].replace && es->e[i].line == 0) {
            if (!last || strcmp(last, es->e[i].section) != 0)
                fprintf(out, "\n[%s]\n", es->e[i].section);
            last = es->e[i].section;
            put_key(out, c, &es->e[i]);
        }
    return ENG_OK;
}

/* The [uncertainty] entry of a free parameter, so that `sensitivity` and `simulate --uncertainty`
 * read the calibrated file as it is: the estimate and its interval as a normal law, or, for a
 * parameter these data do not identify, the whole range given to --free. */
static int add_law(const ea_calibrate *c, const ea_calibrate_free *p, edits *es)
{
    char value[96], comment[512];
    if (p->identified && ea_uncertainty_interval_law(rounded(p->estimate), p->lower95, p->upper95,
                                                     value, sizeof value)) {
        snprintf(comment, sizeof comment, eng_msg_tr("; Loi de %s tirée de la calibration sur %s : son "
                                                     "estimation et son intervalle à 95 %%.\n"),
                 p->param.name, c->observed);
    } else {
        snprintf(value, sizeof value, "uniform(%.6g, %.6g)", p->lo, p->hi);
        snprintf(comment, sizeof comment, eng_msg_tr("; %s n'est pas identifiable par %s : toute la "
                                                     "plage donnée à --free.\n"),
                 p->param.name, c->observed);
    }
    es->comment = comment;
    es->value = value;
    int full = add_edit(EA_UNCERTAINTY_SECTION, p->param.name, es);
    es->value = NULL;
    return full;
}

static int calibrated_ini(ea_calibrate *c, FILE *f, eng_error *err)
{
    ea_param params[EA_CALIBRATE_MAX_FREE];
    double x[EA_CALIBRATE_MAX_FREE];
    for (int k = 0; k < c->nfree; k++) {
        params[k] = c->free[k].param;
        x[k] = rounded(c->free[k].estimate);
        x[k] = fmin(fmax(x[k], c->free[k].lo), c->free[k].hi);
    }
    ea_scenario sc;
    int status = ea_param_apply(params, c->nfree, x, c->ini, &sc, err);
    if (status != ENG_OK)
        return status;
    char name[EA_MAX_TEXT + 32];
    snprintf(name, sizeof name, eng_msg_tr("%.*s (calé)"), EA_MAX_TEXT - 16, sc.name);
    ea_scenario_clear(&sc);
    eng_ini *orig = eng_ini_load(c->scenario, err);
    if (!orig)
        return ENG_EINPUT;
    static edits es;
    es.n = 0;
    es.orig = orig;
    for (int k = 0; k < c->nfree; k++) {
        char comment[512];
        comment_of(c, &c->free[k], x[k], comment, sizeof comment);
        es.comment = comment;
        if (ea_param_each_section(&params[k], c->ini, add_edit, &es) || add_law(c, &c->free[k], &es)) {
            eng_ini_free(orig);
            return eng_error_set(err, ENG_EFAIL, "calibrated.ini : trop de clés à écrire");
        }
    }
    /* The calibrated scenario is told from the original by its name in every output, and its
     * header, the original's, is said to speak of the original's values. */
    char comment[256];
    snprintf(comment, sizeof comment, "%s",
             eng_msg_tr("; Le nom du scénario d'origine, marqué calé.\n"));
    es.value = name;
    es.comment = comment;
    int full = add_edit("scenario", "name", &es);
    es.value = NULL;
    if (full) {
        eng_ini_free(orig);
        return eng_error_set(err, ENG_EFAIL, "calibrated.ini : trop de clés à écrire");
    }
    fprintf(f, eng_msg_tr("# Écrit par eaflow calibrate : %s, ses clés libres remplacées par les "
                          "valeurs calées sur %s\n# (voir summary.txt et calibration.csv). L'en-tête "
                          "qui suit est celui du scénario d'origine : ses chiffres\n# ne sont pas "
                          "ceux de ce calage.\n#\n"), c->scenario, c->observed);
    status = copy_with_edits(c, &es, f, err);
    eng_ini_free(orig);
    return status;
}

int ea_calibrate_write_files(ea_calibrate *c, eng_out *out, const eng_csv_style *st, eng_error *err)
{
    static const ea_tables_id ids[] = { EA_TABLE_CALIBRATION, EA_TABLE_CALIBRATION_TARGETS,
                                        EA_TABLE_CALIBRATION_TRACE, EA_TABLE_CALIBRATION_BACKTEST,
                                        EA_TABLE_CALIBRATED_INI };
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        if (ids[i] == EA_TABLE_CALIBRATION_BACKTEST && !c->until[0])
            continue;
        FILE *f = eng_out_open(out, ea_tables_file(ids[i]), err);
        if (!f)
            return ENG_EFAIL;
        switch (ids[i]) {
        case EA_TABLE_CALIBRATION: calibration_csv(c, f, st); break;
        case EA_TABLE_CALIBRATION_TARGETS: targets_csv(c, f, st); break;
        case EA_TABLE_CALIBRATION_TRACE: trace_csv(c, f, st); break;
        case EA_TABLE_CALIBRATION_BACKTEST: backtest_csv(c, f, st); break;
        default: {
            int status = calibrated_ini(c, f, err);
            if (status != ENG_OK)
                return status;
        }
        }
    }
    return ENG_OK;
}
