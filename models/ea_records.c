/* ea_records.c — Synthetic individual records from one replication. */
#include "ea_records.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>

#include "../engine/eng_array.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_runner.h"
#include "ea_indicators.h"
#include "ea_model.h"

typedef struct episodes {
    ea_model_episode *e;
    size_t n, cap;
    int failed;
} episodes;

/* The model's recorder: keeps every episode; a failure to grow is reported after the run. */
static void collect(const ea_model_episode *e, void *data)
{
    episodes *v = data;
    if (eng_array_reserve(&v->e, &v->cap, v->n + 1, sizeof *v->e, 4096) != 0) {
        v->failed = 1;
        return;
    }
    v->e[v->n++] = *e;
}

static int by_person(const void *a, const void *b)
{
    const ea_model_episode *x = a, *y = b;
    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

/* A categorical profile variable: values and their shares. */
typedef struct profile {
    const char *values[8];
    double shares[8];
} profile;

/* National profile of 2018 (scenarios/SOURCES.md, source S2): 62 % men; about 80 % non-visible
 * disabilities (psychic, autism spectrum, intellectual or cognitive), split here by assumption;
 * referrals 28 % MDPH, 20 % public employment service, 14 % medico-social structures, the rest
 * other. */
static const profile sexes = { { "homme", "femme" }, { 0.62, 0.38 } };
static const profile disabilities = {
    { "psychique", "tsa", "intellectuel_cognitif", "moteur", "sensoriel", "autre" },
    { 0.45, 0.15, 0.20, 0.10, 0.05, 0.05 }
};
static const profile prescribers = {
    { "mdph", "service_public_emploi", "medico_social", "autre" }, { 0.28, 0.20, 0.14, 0.38 }
};
/* 46 % under 30 at entry (2018); ages 18-29, then 30-59 evenly. */
static const double share_under_30 = 0.46;

static const char *draw(const profile *p, gsl_rng *r)
{
    double u = gsl_rng_uniform(r), acc = 0;
    int i = 0;
    for (; i < 7 && p->values[i + 1]; i++) {
        acc += p->shares[i];
        if (u < acc)
            break;
    }
    return p->values[i];
}

static void write_date(FILE *f, long start_days, double t)
{
    eng_date d = eng_date_from_days(start_days + (long)floor(t * EA_DAYS_PER_MONTH));
    fprintf(f, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* The simulated period, in days from its first day: the last day, and the cut at as_of (NULL: the
 * last day). */
static int period(const ea_scenario *sc, const char *as_of, long *start_days, long *cut,
                  eng_error *err)
{
    eng_date start = { sc->start / 12, sc->start % 12 + 1, 1 };
    int after = sc->start + sc->months;
    *start_days = eng_date_days(start);
    eng_date end = eng_date_from_days(eng_date_days((eng_date){ after / 12, after % 12 + 1, 1 }) - 1);
    long horizon = eng_date_days(end) - *start_days;   /* last simulated day, from the start */
    *cut = horizon;
    if (!as_of)
        return ENG_OK;
    eng_date d;
    char why[96];
    if (eng_date_parse(as_of, &d, why, sizeof why) != 0)
        return eng_error_set(err, ENG_EINPUT, "--as-of %s : pas une date (%s)", as_of, why);
    *cut = eng_date_days(d) - *start_days;
    if (*cut < 0 || *cut > horizon)
        return eng_error_set(err, ENG_EINPUT, "--as-of %s : hors de la période simulée, "
                             "du %04d-%02d-01 au %04d-%02d-%02d ; choisissez une date dans cette période", as_of, start.year, start.month,
                             end.year, end.month, end.day);
    return ENG_OK;
}

/* Simulates replication 0 of sc and collects its episodes, sorted by person then start. */
static int simulate(const ea_scenario *sc, episodes *v, eng_error *err)
{
    ea_model *m = ea_model_alloc(sc, err);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double *raw = malloc((size_t)sc->ndepartments * (size_t)sc->months * EA_RAW_COUNT * sizeof *raw);
    int status = m ? ENG_OK : ENG_EFAIL;
    if (status == ENG_OK && (!r || !raw))
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (status == ENG_OK) {
        ea_model_set_recorder(m, collect, v);
        eng_runner_seed(r, sc->seed, 0);
        status = ea_model_run(m, r, raw, err);
    }
    if (status == ENG_OK && v->failed)
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour rassembler les épisodes");
    if (status == ENG_OK)
        qsort(v->e, v->n, sizeof *v->e, by_person);
    free(raw);
    ea_model_free(m);
    gsl_rng_free(r);
    return status;
}

/* A person's profile, drawn once for all their episodes. */
typedef struct person_profile {
    const char *sex, *disability, *prescriber;
    int age;
} person_profile;

static person_profile draw_profile(gsl_rng *rp)
{
    person_profile p;
    p.sex = draw(&sexes, rp);
    p.disability = draw(&disabilities, rp);
    p.prescriber = draw(&prescribers, rp);
    p.age = gsl_rng_uniform(rp) < share_under_30 ? 18 + (int)gsl_rng_uniform_int(rp, 12)
                                                 : 30 + (int)gsl_rng_uniform_int(rp, 30);
    return p;
}

/* Writes one episode; it is open when it ends after the cut (or not at all). */
static void write_episode(FILE *f, const ea_scenario *sc, const ea_model_episode *e,
                          const person_profile *p, long start_days, long cut,
                          const eng_csv_style *style)
{
    char s = style->sep;
    int open = isnan(e->end) || (long)floor(e->end * EA_DAYS_PER_MONTH) > cut;
    fprintf(f, "p%06lu%c", e->person, s);
    eng_csv_text(f, sc->departments[e->dept].code, style);
    fputc(s, f);
    write_date(f, start_days, e->entry);
    fprintf(f, "%c%s%c", s, ea_scenario_module_names[e->module], s);
    write_date(f, start_days, e->start);
    fputc(s, f);
    if (!open)
        write_date(f, start_days, e->end);
    fputc(s, f);
    if (!open) {
        char target[EA_MAX_NAME + 8];
        ea_scenario_target_name(sc, e->next, target, sizeof target);
        fputs(target, f);
    }
    fprintf(f, "%c%d%c%s%c%s%c%s\n", s, p->age, s, p->disability, s, p->prescriber, s, p->sex);
}

/* Writes the episodes that start by the cut, each person's profile drawn from rp. */
static long write_episodes(FILE *f, const ea_scenario *sc, const episodes *v, gsl_rng *rp,
                           long start_days, long cut, const eng_csv_style *style)
{
    char s = style->sep;
    fprintf(f, "person_id%cdepartment%centry_date%cmodule%cmodule_start%cmodule_end%cnext%cage%c"
               "disability%cprescriber%csex\n", s, s, s, s, s, s, s, s, s, s);
    long rows = 0;
    person_profile p = { 0 };
    for (size_t i = 0; i < v->n; i++) {
        const ea_model_episode *e = &v->e[i];
        if (i == 0 || e->person != v->e[i - 1].person)
            p = draw_profile(rp);
        if ((long)floor(e->start * EA_DAYS_PER_MONTH) > cut)
            continue;
        write_episode(f, sc, e, &p, start_days, cut, style);
        rows++;
    }
    return rows;
}

int ea_records_synth(const ea_scenario *sc, const char *as_of, FILE *f, const eng_csv_style *style,
                     long *nrows, eng_error *err)
{
    long start_days, cut;
    int status = period(sc, as_of, &start_days, &cut, err);
    if (status != ENG_OK)
        return status;
    episodes v = { 0 };
    status = simulate(sc, &v, err);
    gsl_rng *rp = status == ENG_OK ? gsl_rng_alloc(gsl_rng_mt19937) : NULL;
    if (status == ENG_OK && !rp)
        status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    if (status == ENG_OK) {
        /* Profiles draw from the stream of a replication number no run uses. */
        eng_runner_seed(rp, sc->seed, (size_t)-1);
        *nrows = write_episodes(f, sc, &v, rp, start_days, cut, style);
    }
    free(v.e);
    gsl_rng_free(rp);
    return status;
}
