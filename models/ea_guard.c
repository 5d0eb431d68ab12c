/* ea_guard.c — Guards from the model: the fundamental matrix of the routing between modules gives
 * each person's expected visits and time in support; with the entries, the expected events of a
 * replication; with the tables kept and the caseload, the memory and time of a run. */
#include "ea_guard.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include <gsl/gsl_linalg.h>

#include "../engine/eng_ini.h"
#include "../engine/eng_msg.h"
#include "../engine/eng_runner.h"
#include "../engine/eng_stats.h"
#include "../engine/eng_text.h"
#include "ea_results.h"
#include "ea_indicators.h"
#include "ea_model.h"
#include "ea_schema.h"
#include "ea_schema_type.h"

enum { N = EA_NMODULES };

/* ------------------------------------------------------------------------------------------------
 * Pathways */

/* The LU decomposition of (I - Q)^T into a and p, Q[i][j] = mods[i].next[j] between modules (an
 * undefined module routes nowhere). Returns -1 when a pivot is zero: I - Q is singular. */
static int decompose(const ea_scenario_module *mods, double a[N * N], gsl_permutation *p)
{
    int signum;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            a[i * N + j] = (i == j) - (mods[j].defined ? mods[j].next[i] : 0.0);
    gsl_matrix_view av = gsl_matrix_view_array(a, N, N);
    gsl_linalg_LU_decomp(&av.matrix, p, &signum);
    /* GSL's LU solve and inverse call its error handler (abort by default) on a zero pivot. */
    for (int i = 0; i < N; i++)
        if (a[i * N + i] == 0)
            return -1;
    return 0;
}

/* The fundamental matrix n = (I - Q)^-1: n[i][j] is the expected number of visits of module j by
 * a person who starts in module i. Returns -1 when I - Q is singular in floating point, or its
 * inverse not finite. */
static int fundamental(const ea_scenario_module *mods, double n[N][N])
{
    double a[N * N], t[N * N];
    size_t perm[N];
    gsl_permutation p = {N, perm};
    if (decompose(mods, a, &p) != 0)
        return -1;
    gsl_matrix_view av = gsl_matrix_view_array(a, N, N), tv = gsl_matrix_view_array(t, N, N);
    gsl_linalg_LU_invert(&av.matrix, &p, &tv.matrix);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            n[i][j] = t[j * N + i];
            if (!isfinite(n[i][j]))
                return -1;
        }
    return 0;
}

int ea_guard_pathway_compute(const double mix[EA_NMODULES],
                             const ea_scenario_module modules[EA_NMODULES], ea_guard_pathway *out)
{
    double a[N * N], b[N], v[N];
    size_t perm[N];
    gsl_permutation p = {N, perm};
    if (decompose(modules, a, &p) != 0)
        return -1;
    /* The visits v solve v = mix + v Q, that is (I - Q)^T v = mix. */
    for (int i = 0; i < N; i++)
        b[i] = mix[i];
    gsl_matrix_view av = gsl_matrix_view_array(a, N, N);
    gsl_vector_view bv = gsl_vector_view_array(b, N), vv = gsl_vector_view_array(v, N);
    gsl_linalg_LU_solve(&av.matrix, &p, &bv.vector, &vv.vector);
    out->total = out->months_total = 0;
    for (int j = 0; j < N; j++) {
        if (!isfinite(v[j]))
            return -1;
        /* Rounding can leave a tiny negative number of visits of a module never entered. */
        out->visits[j] = modules[j].defined && v[j] > 0 ? v[j] : 0;
        out->months[j] = out->visits[j] * (modules[j].defined ? eng_dist_mean(&modules[j].duration)
                                                              : 0);
        out->total += out->visits[j];
        out->months_total += out->months[j];
    }
    return 0;
}

/* The share of a module's routing that stays among the modules, or (exits set) that leaves them. */
static double route_share(const ea_scenario_module *m, int exits)
{
    double share = 0;
    for (int t = exits ? N : 0; t < (exits ? EA_MAX_TARGETS : N); t++)
        share += m->next[t];
    return share;
}

/* The module whose routing makes the loop: among those whose `next` the department overrides (if
 * it overrides any: the shared routing passed the check), else among all, the one a person comes
 * back to most often (n[k][k]), or, when n could not be computed, whose routing stays most among
 * the modules, and of those the one that routes most to itself (a module that only passes people
 * on stays among the modules as surely as the loop it leads to). */
static int looping_module(const ea_scenario_module *mods, const ea_scenario_department *d,
                          double n[N][N], int singular)
{
    int overridden = 0, best = -1;
    double score = -1, self = -1;
    for (int k = 0; k < N && d; k++)
        overridden |= mods[k].defined && (d->module_overrides[k] & EA_OVR_NEXT);
    for (int k = 0; k < N; k++) {
        if (!mods[k].defined || (overridden && !(d->module_overrides[k] & EA_OVR_NEXT)))
            continue;
        double s = singular ? route_share(&mods[k], 0) : n[k][k];
        if (s > score || (s == score && mods[k].next[k] > self)) {
            score = s;
            self = mods[k].next[k];
            best = k;
        }
    }
    return best;
}

/* A figure of a message, to `digits` significant digits with the decimal mark of the language of
 * the messages ("0,0417", "1,21e+10"). */
typedef struct guard_num {
    char s[48];
} guard_num;

static guard_num num(double x, int digits)
{
    guard_num n;
    snprintf(n.s, sizeof n.s, "%.*g", digits, x);
    eng_msg_number(n.s);
    return n;
}

/* The line of [sec] key in the scenario's file, for a message: 0 when the scenario was not read
 * from a file that can be read again, when the key is not in it (its default applies), or when
 * `value` >= 0 and the file's value differs (the command line set it, as -n sets replications). */
static int key_line(const ea_scenario *sc, const char *sec, const char *key, long value)
{
    if (!sc->path[0])
        return 0;
    eng_ini *ini = eng_ini_load(sc->path, NULL);
    int line = ini ? eng_ini_line(ini, sec, key) : 0;
    long v;
    if (line && value >= 0
        && (eng_text_parse_long(eng_ini_get(ini, sec, key), &v) != 0 || v != value))
        line = 0;
    eng_ini_free(ini);
    return line;
}

int ea_guard_check_pathway(const ea_scenario *sc, const ea_scenario_department *d, eng_error *err)
{
    const ea_scenario_module *mods = d ? d->modules : sc->modules;
    double n[N][N];
    int singular = fundamental(mods, n) != 0, start = -1;
    double worst = 0;
    for (int i = 0; i < N && !singular; i++) {
        double total = 0;
        for (int j = 0; j < N; j++)
            total += n[i][j];
        if (mods[i].defined && total > worst) {
            worst = total;
            start = i;
        }
    }
    if (!singular && worst <= EA_GUARD_MAX_VISITS)
        return ENG_OK;
    int k = looping_module(mods, d, n, singular);
    char sec[EA_MAX_NAME + 64];
    if (d && (d->module_overrides[k] & EA_OVR_NEXT))
        ea_scenario_department_section(sc, d, k, sec, sizeof sec);
    else
        snprintf(sec, sizeof sec, "module.%s", ea_scenario_module_names[k]);
    const char *name = ea_scenario_module_names[k];
    if (singular)
        return ea_schema_error(err, sc->path, key_line(sc, sec, "next", -1), sec, "next",
                               "une personne en %s ne quitterait en pratique jamais les modules : "
                               "ses sorties ont une probabilité de %s en tout, trop petite pour "
                               "compter (au plus %g passages par personne sont plausibles) ; "
                               "donnez une part plus grande aux sorties",
                               name, num(route_share(&mods[k], 1), 3).s, EA_GUARD_MAX_VISITS);
    return ea_schema_error(err, sc->path, key_line(sc, sec, "next", -1), sec, "next",
                           "une personne qui commence en %s passerait %s fois en moyenne dans "
                           "les modules (une personne en %s y revient avec une probabilité de "
                           "%s) ; au plus %g passages par personne sont plausibles : donnez "
                           "une part plus grande aux sorties",
                           ea_scenario_module_names[start], num(worst, 3).s, name,
                           num(1 - 1 / n[k][k], 12).s,
                           EA_GUARD_MAX_VISITS);
}

/* ------------------------------------------------------------------------------------------------
 * Events */

/* What a department brings to a replication. */
typedef struct load {
    double entries;          /* expected entries over the run */
    double peak_rate;        /* highest monthly rate of entries */
    ea_guard_pathway entry;  /* pathway of an entrant */
    double initial_visits;   /* expected visits of a person of the initial caseload */
} load;

static void department_load(const ea_scenario *sc, const ea_scenario_department *d, load *l)
{
    const ea_scenario_entries *e = &d->entries;
    l->entries = l->peak_rate = 0;
    for (int k = 0; k < sc->months; k++) {
        int month = sc->start + k;
        double rate = ea_scenario_entry_rate(e, sc->start, month);
        l->entries += rate;
        if (rate > l->peak_rate)
            l->peak_rate = rate;
    }
    ea_guard_pathway initial;
    if (ea_guard_pathway_compute(e->mix, d->modules, &l->entry) != 0)
        l->entry.total = l->entry.months_total = INFINITY;
    l->initial_visits = ea_guard_pathway_compute(d->initial_mix, d->modules, &initial) == 0
                            ? initial.total
                            : INFINITY;
}

/* Events of the entries of a department (an arrival, its visits, and a departure from the
 * waiting list when people may give up) and of its initial caseload (its visits). */
static double entry_events(const ea_scenario *sc, const load *l)
{
    double per_entry = 1 + l->entry.total + (sc->patience.kind != ENG_DIST_NONE);
    return l->entries > 0 ? l->entries * per_entry : 0;
}

static double initial_events(const ea_scenario_department *d, const load *l)
{
    return d->initial_file_active > 0 ? d->initial_file_active * l->initial_visits : 0;
}

double ea_guard_events(const ea_scenario *sc)
{
    double events = sc->months;
    for (int i = 0; i < sc->ndepartments; i++) {
        load l;
        department_load(sc, &sc->departments[i], &l);
        events += entry_events(sc, &l) + initial_events(&sc->departments[i], &l);
    }
    return events;
}

/* Names in sec and key the key that sets the entries of department d. */
static void entries_key(const ea_scenario *sc, const ea_scenario_department *d, char *sec,
                        size_t size, const char **key)
{
    int scheduled = d->entries.schedule.n > 0;
    *key = scheduled ? "schedule" : "per_month";
    if (d->overrides & (scheduled ? EA_OVR_SCHEDULE : EA_OVR_ENTRIES_PER_MONTH)) {
        ea_scenario_department_section(sc, d, -1, sec, size);
        *key = scheduled ? "schedule" : "entries_per_month";
    } else {
        snprintf(sec, size, "entries");
    }
}

int ea_guard_check_events(const ea_scenario *sc, eng_error *err)
{
    double total = sc->months, worst = -1;
    int at = 0, initial = 0;
    load worst_load = {0};
    for (int i = 0; i < sc->ndepartments; i++) {
        const ea_scenario_department *d = &sc->departments[i];
        load l;
        department_load(sc, d, &l);
        double e = entry_events(sc, &l), c = initial_events(d, &l);
        total += e + c;
        if (e > worst || c > worst) {
            worst = e > c ? e : c;
            initial = c > e;
            at = i;
            worst_load = l;
        }
    }
    if (!(total > EA_GUARD_MAX_EVENTS))
        return ENG_OK;
    const ea_scenario_department *d = &sc->departments[at];
    char sec[EA_MAX_NAME + 64];
    const char *key = "initial_file_active";
    if (initial)
        ea_scenario_department_section(sc, d, -1, sec, sizeof sec);
    else
        entries_key(sc, d, sec, sizeof sec, &key);
    char why[160];
    if (initial)
        snprintf(why, sizeof why, eng_msg_tr("les %d personnes accompagnées au départ font chacune "
                                             "%s passages en module"),
                 d->initial_file_active, num(worst_load.initial_visits, 3).s);
    else
        snprintf(why, sizeof why, eng_msg_tr("les %s entrées sur %d mois font chacune %s "
                                             "passages en module"),
                 num(worst_load.entries, 3).s, sc->months, num(worst_load.entry.total, 3).s);
    return ea_schema_error(err, sc->path, key_line(sc, sec, key, -1), sec, key,
                           "une réplication traiterait environ %s événements, plus que les %g "
                           "d'une simulation plausible (tout le pays compte moins de 1 000 "
                           "entrées par mois) : %s ; baissez les entrées ou l'effectif de départ, "
                           "ou simulez moins de mois",
                           num(total, 3).s, EA_GUARD_MAX_EVENTS, why);
}

/* ------------------------------------------------------------------------------------------------
 * Memory and time of a run */

/* Bytes a person at once costs the model: its record (48 bytes), its slot on the free stack (4),
 * its pending event (16) and its place on the waiting list (8), doubled because the pools grow by
 * doubling. */
#define BYTES_PER_PERSON 152.0

/* Series summarised together (as ea_results does): each thread gathers that many series of every
 * replication, plus one more for the quantiles. */
#define SUMMARY_BLOCK 64

/* Persons in support and waiting at once in department d, at the most: in support, the entrants
 * of a mean stay on top of the initial caseload, within the capacity (the places, or the hours of
 * the staff over the mean intensity); waiting, the entries (at their mean rate over the run) beyond
 * what the capacity lets through, for as long as people wait (their mean patience, or the whole
 * run). */
static double department_persons(const ea_scenario *sc, const ea_scenario_department *d)
{
    load l;
    department_load(sc, d, &l);
    double stay = l.entry.months_total, initial = d->initial_file_active;
    double cap = d->places, hours = 0;
    for (int s = 0; s < d->places_schedule.n; s++)
        cap = fmax(cap, d->places_schedule.steps[s].value);
    if (sc->capacity_mode == EA_CAPACITY_STAFF) {
        for (int m = 0; m < N; m++)
            hours += l.entry.months[m] * d->modules[m].intensity;
        cap = hours > 0 ? d->fte * ea_scenario_direct_hours_per_fte(sc) * stay / hours : INFINITY;
    }
    double support = fmin(initial + l.peak_rate * stay, fmax(initial, cap));
    double through = stay > 0 ? cap / stay : INFINITY;
    double wait = sc->patience.kind != ENG_DIST_NONE ? eng_dist_mean(&sc->patience) : sc->months;
    double waiting = fmax(0, l.entries / sc->months - through) * fmin(wait, sc->months);
    return fmin(support + waiting, initial + l.entries);
}

void ea_guard_estimate_run(const ea_scenario *sc, int threads, int annual_only,
                           ea_guard_estimate *out)
{
    double reps = sc->replications;
    if (threads <= 0)
        threads = eng_runner_default_threads();
    if (threads > reps)
        threads = (int)reps;
    ea_indicators set;
    ea_indicators_init(&set, sc);
    int nd = sc->ndepartments, nscopes = sc->single_platform ? 1 : nd + 1;
    int years = (sc->start + sc->months - 1) / 12 - sc->start / 12 + 1;
    /* A replication stores the indicators the scenario does not fix; every one is summarised. */
    double cells = (double)nscopes * (annual_only ? years : sc->months + years);
    double series = cells * set.nvar;
    out->persons = 0;
    for (int i = 0; i < nd; i++)
        out->persons += department_persons(sc, &sc->departments[i]);
    /* Each thread's raw accumulators (of every department and of the region), and its model's
     * rates and places of every month. */
    double raw = 8.0 * sc->months * EA_RAW_COUNT * (nd + 1) + 16.0 * sc->months * nd;
    out->bytes_per_thread = raw + (out->persons + 64) * BYTES_PER_PERSON;
    /* A streamed run holds one block of replications and, per thread, 16 MiB of series read
     * back; what grows with the replications is then a few values per thread and per run. */
    ea_results_plan plan;
    ea_results_plan_run(sc, annual_only, 0, &plan);
    out->bytes_per_replication = plan.streamed ? 8.0 * (2 * threads + 1)
                                               : 8 * series + 8.0 * threads * (SUMMARY_BLOCK + 1);
    out->bytes = reps * out->bytes_per_replication + cells * set.n * sizeof(eng_stats_summary) +
                 threads * out->bytes_per_thread +
                 (plan.streamed ? plan.memory_bytes + threads * 16.0 * 1024 * 1024 : 0);
    out->events_per_replication = ea_guard_events(sc);
    out->events = reps * out->events_per_replication;
    out->seconds = out->events / (EA_GUARD_EVENTS_PER_SECOND * threads);
    out->threads = threads;
}

void ea_guard_machine_limits(ea_guard_limits *out)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    out->bytes = pages > 0 && size > 0 ? 0.8 * (double)pages * (double)size : INFINITY;
    out->seconds = 48 * 3600.0;
}

/* Writes a number of bytes as "321 ko" or "32,1 Go" ("321 kB", "32.1 GB" in English). */
static void format_bytes(char *buf, size_t size, double bytes)
{
    static const char *const units[] = {ENG_MSG_N("octets"), ENG_MSG_N("ko"), ENG_MSG_N("Mo"),
                                        ENG_MSG_N("Go"), ENG_MSG_N("To"), ENG_MSG_N("Po")};
    int u = 0;
    while (bytes >= 1000 && u < 5) {
        bytes /= 1000;
        u++;
    }
    snprintf(buf, size, "%s %s", num(bytes, 3).s, eng_msg_tr(units[u]));
}

/* The largest of 1, 2, 5, 10, 20, 50, ... that is at most x (x >= 1). */
static double round_down(double x)
{
    double p = pow(10, floor(log10(x)));
    return x >= 5 * p ? 5 * p : x >= 2 * p ? 2 * p : p;
}

/* The way out of a run too large: the replications that fit (fit of them), or, when not even one
 * does, fewer months and a smaller caseload. */
static void way_out(char *buf, size_t size, double fit)
{
    if (fit >= 1)
        snprintf(buf, size, eng_msg_tr("ramenez [scenario] replications (ou -n) à %.15g au plus, "
                                        "ou simulez moins de mois"), round_down(fit));
    else
        snprintf(buf, size, "%s", eng_msg_tr("simulez moins de mois, ou baissez les entrées ou "
                                             "les places qui font l'effectif"));
}

static int too_large(const ea_scenario *sc, const ea_guard_estimate *e, const ea_guard_limits *lim,
                     eng_error *err)
{
    char need[96], have[96], each[96], model[96], out[160];
    format_bytes(need, sizeof need, e->bytes);
    format_bytes(have, sizeof have, lim->bytes);
    format_bytes(each, sizeof each, e->bytes_per_replication);
    format_bytes(model, sizeof model, e->bytes_per_thread);
    way_out(out, sizeof out,
            (lim->bytes - (e->bytes - sc->replications * e->bytes_per_replication)) /
                e->bytes_per_replication);
    return ea_schema_error(err, sc->path, key_line(sc, "scenario", "replications", sc->replications),
                           "scenario", "replications",
                           "%d réplications de %d mois demanderaient environ %s de mémoire, plus "
                           "que les %s qu'une exécution peut prendre sur cette machine (80 %% de sa "
                           "mémoire) : les tables de chaque réplication prennent %s, et le modèle "
                           "sur chacun des %d fils d'exécution %s (jusqu'à %s personnes "
                           "accompagnées ou en attente à la fois) ; %s",
                           sc->replications, sc->months, need, have, each, e->threads, model,
                           num(e->persons, 3).s, out);
}

static int too_long(const ea_scenario *sc, const ea_guard_estimate *e, const ea_guard_limits *lim,
                    eng_error *err)
{
    char out[160];
    way_out(out, sizeof out, lim->seconds / e->seconds * sc->replications);
    return ea_schema_error(err, sc->path, key_line(sc, "scenario", "replications", sc->replications),
                           "scenario", "replications",
                           "%d réplications de %d mois prendraient environ %s heures sur cette "
                           "machine (%s événements à environ %s par seconde sur chacun des "
                           "%d fils d'exécution), plus que les %s heures qu'une exécution peut "
                           "prendre ; %s",
                           sc->replications, sc->months, num(e->seconds / 3600, 3).s, num(e->events, 3).s,
                           num(EA_GUARD_EVENTS_PER_SECOND, 3).s, e->threads,
                           num(lim->seconds / 3600, 3).s, out);
}

int ea_guard_run(const ea_scenario *sc, int threads, int annual_only,
                 const ea_guard_limits *limits, eng_error *err)
{
    int line = key_line(sc, "scenario", "replications", sc->replications);
    if (sc->replications < 1)
        return ea_schema_error(err, sc->path, line, "scenario", "replications",
                               "%d réplications : il en faut au moins 1", sc->replications);
    if (sc->replications > EA_GUARD_MAX_REPLICATIONS)
        return ea_schema_error(err, sc->path, line, "scenario", "replications",
                               "%d réplications, plus que les %d qu'une exécution admet : "
                               "au-delà, les quantiles à 5 %% et 95 %% ne bougent plus que d'une "
                               "fraction de pour cent, pour un temps de calcul et un fichier "
                               "temporaire qui croissent avec elles ; donnez au plus %d à -n ou à "
                               "[scenario] replications, ou -n auto pour la précision voulue",
                               sc->replications, EA_GUARD_MAX_REPLICATIONS,
                               EA_GUARD_MAX_REPLICATIONS);
    ea_guard_limits machine;
    if (!limits) {
        ea_guard_machine_limits(&machine);
        limits = &machine;
    }
    ea_guard_estimate e;
    ea_guard_estimate_run(sc, threads, annual_only, &e);
    if (e.bytes > limits->bytes)
        return too_large(sc, &e, limits, err);
    if (e.seconds > limits->seconds)
        return too_long(sc, &e, limits, err);
    return ENG_OK;
}
