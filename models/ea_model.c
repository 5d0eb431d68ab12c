/* ea_model.c — The file-active model. Time runs in months (a month is 365.25/12 days) from the
 * start of the first simulated month. Each platform receives Poisson prescriptions; an entrant is
 * admitted when a place (or enough staff hours) is free and nobody waits before them, else joins a
 * FIFO waiting list that they may leave after a patience time. In support, a person spends a drawn
 * duration in each module and is routed to another module or to an exit reason.
 *
 * Per-event work is a pop and a push on the event calendar, one or two draws and a few additions:
 * the tables that need scanning (routing, mixes) are cumulative arrays built once, persons live in
 * a pool recycled through a free list, and the pools only grow (by doubling) the first time a
 * caseload is reached: they start at the initial caseload, so memory follows the persons actually
 * simulated and not the places funded (a platform of 10^8 places with a caseload of 50 needs room
 * for about 50). */
#include "ea_model.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "../engine/eng_array.h"
#include "../engine/eng_heap.h"
#include "../engine/eng_stream.h"

/* The event kind sits in the two low bits of eng_heap_event.what; a renege event carries the person's
 * generation above them, so that one made stale by an admission is recognised when it comes up. */
enum { EV_TICK, EV_ARRIVAL, EV_END, EV_RENEGE };
#define EV_KIND(what) ((what) & 3u)
#define EV_GEN_MASK 0x3fffffffu

enum { P_FREE, P_WAITING, P_SUPPORT };

/* Persons in the pool beyond which the record of the next event's person is prefetched (see
 * ea_model_run): measured, it pays with the national scenario's 8 000 and costs with a platform's
 * few hundred, whose records stay in the first cache. */
enum { PREFETCH_PERSONS = 4096 };

/* What every event reads of a person, in 32 bytes: two to a cache line, and the 645-place model's
 * thousand persons within the first cache. */
typedef struct person {
    uint64_t stream;    /* the person's own random substream (see eng_stream.h) */
    double t_arrival;   /* when the prescription arrived, in months */
    uint32_t gen;       /* bumped each time the person leaves the waiting list or the system */
    uint32_t dept;
    uint8_t module;
    uint8_t state;
} person;

/* What only the episode recorder reads of a person, kept apart (same index) and written only when
 * a recorder is set. */
typedef struct person_episode {
    double t_module;    /* when the current module started, in months */
    unsigned long id;   /* order of prescription; 0 for the initial caseload */
} person_episode;

/* A discrete law over targets as cumulative probabilities: draw u, take the first cum > u. */
typedef struct table {
    int n;
    double cum[EA_MAX_TARGETS];
    int target[EA_MAX_TARGETS];
} table;

typedef struct queue_entry {
    uint32_t who, gen;
} queue_entry;

typedef struct dept {
    /* Fixed for the scenario. */
    table entry_mix, initial_mix, route[EA_NMODULES];
    const eng_dist *duration[EA_NMODULES];
    double intensity[EA_NMODULES];   /* hours per person per month */
    int nhourly, hourly[EA_NMODULES]; /* the modules whose intensity is not zero, in order */
    double *rate;                    /* prescriptions per month, for each simulated month */
    double *gap;                     /* 1 / rate, the mean months between prescriptions (a
                                        product per arrival where a quotient waited ~15 cycles) */
    double *places;                  /* funded places, for each simulated month */
    double cap_hours;                /* staff hours of direct support available per month */
    int initial;                     /* persons in support at the start */
    double before;                   /* prescriptions before the first simulated month */

    /* State of the current replication. */
    int fa, mod[EA_NMODULES], waiting;
    double cumulative;               /* prescriptions up to the end of the last month closed, those
                                        before the start included (summed once a month from the
                                        month's entries, not per arrival) */
    double t_last;                   /* time up to which the integrals in row are taken */
    uint64_t arrivals;               /* where the department's substream of arrivals stands */
    double *row;                     /* raw accumulators of the current month */
    queue_entry *q;                  /* waiting list as a ring (power-of-two size), stale entries included */
    size_t qhead, qlen, qcap;
} dept;

struct ea_model {
    const ea_scenario *sc;
    int ndept, months, staff_mode;
    dept *d;
    eng_heap *heap;
    gsl_rng *ps;                     /* draws for one person, from that person's substream, and for
                                        the arrivals of one department, from its own */
    person *p;
    person_episode *ep;              /* beside p, same capacity */
    uint32_t *free_idx;              /* stack of free person slots */
    size_t pcap, nfree;
    unsigned long events;
    unsigned long entries;           /* prescriptions so far in the run, to number persons */
    uint64_t stream_key;             /* the replication's key of the persons' substreams */
    uint64_t streams;                /* substreams handed out so far in the run */
    int too_many;                    /* the pool would pass EA_MODEL_MAX_PERSONS */
    ea_model_episode_fn recorder;    /* NULL: episodes are not reported */
    void *recorder_data;
};

static void table_build(table *t, const double *prob, int n)
{
    double total = 0;
    t->n = 0;
    for (int i = 0; i < n; i++)
        total += prob[i] > 0 ? prob[i] : 0;
    double acc = 0;
    for (int i = 0; i < n; i++) {
        if (!(prob[i] > 0))
            continue;
        acc += prob[i];
        t->cum[t->n] = acc / total;
        t->target[t->n] = i;
        t->n++;
    }
    if (t->n > 0)
        t->cum[t->n - 1] = 1.0;   /* rounding must never let a draw fall past the last target */
}

/* A table with a single target draws nothing: a sure route costs no random number. */
static int table_draw(const table *t, gsl_rng *r)
{
    if (t->n == 1)
        return t->target[0];
    double u = gsl_rng_uniform(r);
    int i = 0;
    while (i < t->n - 1 && u >= t->cum[i])
        i++;
    return t->target[i];
}

void ea_model_free(ea_model *m)
{
    if (!m)
        return;
    if (m->d) {
        for (int i = 0; i < m->ndept; i++) {
            free(m->d[i].rate);
            free(m->d[i].gap);
            free(m->d[i].places);
            free(m->d[i].q);
        }
        free(m->d);
    }
    eng_heap_free(m->heap);
    if (m->ps)
        gsl_rng_free(m->ps);
    free(m->p);
    free(m->ep);
    free(m->free_idx);
    free(m);
}

/* Grows the person pool to at least `need` slots (doubling, through eng_array_reserve), each new
 * slot zeroed (free, generation 0: every field is set before it is read) and pushed on the free
 * stack so that the lowest is handed out first. Returns 0, or -1 when out of memory or past
 * EA_MODEL_MAX_PERSONS (m->too_many set); the pool is then as it was. */
static int pool_grow(ea_model *m, size_t need)
{
    size_t cap = m->pcap, ecap = m->pcap, fcap = m->pcap;
    if (need > EA_MODEL_MAX_PERSONS) {
        m->too_many = 1;
        return -1;
    }
    if (eng_array_reserve(&m->p, &cap, need, sizeof *m->p, 64) != 0)
        return -1;
    if (eng_array_reserve(&m->ep, &ecap, cap, sizeof *m->ep, cap) != 0)
        return -1;
    if (eng_array_reserve(&m->free_idx, &fcap, cap, sizeof *m->free_idx, cap) != 0)
        return -1;
    /* The arrays may already have grown; the slots count only once all three have. */
    for (size_t i = cap; i > m->pcap; i--) {
        memset(&m->p[i - 1], 0, sizeof m->p[i - 1]);
        memset(&m->ep[i - 1], 0, sizeof m->ep[i - 1]);
        m->p[i - 1].state = P_FREE;
        m->free_idx[m->nfree++] = (uint32_t)(i - 1);
    }
    m->pcap = cap;
    return 0;
}

/* Module visits expected of one prescription of department def: v = mix + v P, P the routing
 * between modules, by fifty rounds of the recurrence (every module leads to an exit, so it
 * converges; a rough figure is all the calendar needs). */
static double visits_per_entry(const ea_scenario_department *def)
{
    double v[EA_NMODULES], total = 0;
    memcpy(v, def->entries.mix, sizeof v);
    for (int round = 0; round < 50; round++) {
        double w[EA_NMODULES];
        memcpy(w, def->entries.mix, sizeof w);
        for (int j = 0; j < EA_NMODULES; j++)
            for (int k = 0; def->modules[j].defined && k < EA_NMODULES; k++)
                w[k] += v[j] * def->modules[j].next[k];
        memcpy(v, w, sizeof v);
    }
    for (int k = 0; k < EA_NMODULES; k++)
        total += v[k];
    return total;
}

/* Buckets of the event calendar per month (see eng_heap.h): the largest power of two that leaves
 * at least 16 to 32 events in a bucket, the events of a month being the tick and, for each
 * prescription, its arrival and the ends of the modules it is expected to visit; at most 2^22
 * buckets in all (16 MB). Sorting a bucket of that many into the run costs less than refilling the
 * run four times as often: M/M/10 (19 events a month, one bucket a month) ran 6 % faster than with
 * 4 to 8 events a bucket, the 645-place and national scenarios the same. The choice changes the
 * speed only, never the order of events. */
static double calendar_per_month(const ea_model *m)
{
    double events = 1;
    for (int i = 0; i < m->ndept; i++) {
        double visits = visits_per_entry(&m->sc->departments[i]);
        for (int k = 0; k < m->months; k++)
            events += (1 + visits) * m->d[i].rate[k] / m->months;
    }
    double per = 1;
    while (per * 16 <= events && per * 2 * m->months <= (double)(1 << 22))
        per *= 2;
    return per;
}

ea_model *ea_model_alloc(const ea_scenario *sc, eng_error *err)
{
    enum { ROOM = 64 };     /* persons beyond the initial caseload that the pool has at once */
    size_t expected = ROOM; /* persons at once to begin with: the initial caseload, and some room */
    ea_model *m = calloc(1, sizeof *m);
    if (!m)
        goto oom;
    m->sc = sc;
    m->ndept = sc->ndepartments;
    m->months = sc->months;
    m->staff_mode = sc->capacity_mode == EA_CAPACITY_STAFF;
    m->d = calloc((size_t)m->ndept, sizeof *m->d);
    if (!m->d)
        goto oom;

    for (int i = 0; i < m->ndept; i++) {
        const ea_scenario_department *def = &sc->departments[i];
        dept *dp = &m->d[i];
        table_build(&dp->entry_mix, def->entries.mix, EA_NMODULES);
        table_build(&dp->initial_mix, def->initial_mix, EA_NMODULES);
        for (int k = 0; k < EA_NMODULES; k++) {
            const ea_scenario_module *mod = &def->modules[k];
            if (!mod->defined)
                continue;
            table_build(&dp->route[k], mod->next, EA_NMODULES + sc->nreasons);
            dp->duration[k] = &mod->duration;
            dp->intensity[k] = mod->intensity;
            if (mod->intensity != 0)
                dp->hourly[dp->nhourly++] = k;
        }
        dp->rate = malloc((size_t)m->months * sizeof *dp->rate);
        dp->gap = malloc((size_t)m->months * sizeof *dp->gap);
        dp->places = malloc((size_t)m->months * sizeof *dp->places);
        dp->qcap = 64;
        dp->q = malloc(dp->qcap * sizeof *dp->q);
        if (!dp->rate || !dp->gap || !dp->places || !dp->q)
            goto oom;
        for (int k = 0; k < m->months; k++) {
            int month = sc->start + k;
            dp->rate[k] = ea_scenario_entry_rate(&def->entries, sc->start, month);
            dp->gap[k] = dp->rate[k] > 0 ? 1 / dp->rate[k] : 0;
            dp->places[k] = ea_scenario_schedule_at(&def->places_schedule, month, def->places);
        }
        dp->cap_hours = def->fte * ea_scenario_direct_hours_per_fte(sc);
        dp->initial = def->initial_file_active;
        dp->before = def->entries_before_start;
        expected += (size_t)def->initial_file_active;
    }

    m->heap = eng_heap_alloc(expected + (size_t)m->ndept + 1);
    m->ps = eng_stream_alloc();
    if (!m->heap || !m->ps || pool_grow(m, expected) != 0 ||
        eng_heap_calendar(m->heap, m->months, calendar_per_month(m)) != 0)
        goto oom;
    return m;

oom:
    if (m && m->too_many)
        eng_error_set(err, ENG_EINPUT, "%zu personnes accompagnées au départ, plus que les %d "
                      "qu'une simulation traite à la fois ; baissez initial_file_active", expected - ROOM, EA_MODEL_MAX_PERSONS);
    else
        eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour préparer la simulation");
    ea_model_free(m);
    return NULL;
}

void ea_model_set_recorder(ea_model *m, ea_model_episode_fn fn, void *data)
{
    m->recorder = fn;
    m->recorder_data = data;
}

static void record(const ea_model *m, uint32_t idx, double end, int next)
{
    const person *p = &m->p[idx];
    const person_episode *ep = &m->ep[idx];
    ea_model_episode e = { ep->id, (int)p->dept, p->t_arrival, p->module, ep->t_module, end, next };
    m->recorder(&e, m->recorder_data);
}

unsigned long ea_model_events(const ea_model *m)
{
    return m->events;
}

/* Hours of support per month that the persons now in support need. Recomputed from the module
 * counts rather than updated in place, so that no rounding drift accumulates over a long run. The
 * modules without hours are left out of the sum: each would add a zero, which changes no bit. */
static double hours_rate(const dept *dp)
{
    double h = 0;
    for (int i = 0; i < dp->nhourly; i++)
        h += dp->mod[dp->hourly[i]] * dp->intensity[dp->hourly[i]];
    return h;
}

/* Brings the month's time integrals up to t, before the state changes at t. Inlined, like
 * start_module, in each handler of the event loop: their calls cost about 2 % of the M/M/10 run. */
__attribute__((always_inline)) static inline void advance(dept *dp, double t)
{
    double dt = t - dp->t_last;
    double *row = dp->row;
    row[EA_RAW_FILE_ACTIVE_AREA] += dp->fa * dt;
    row[EA_RAW_WAITING_AREA] += dp->waiting * dt;
    if (dp->nhourly > 0)   /* without hours, the zero added would change no bit */
        row[EA_RAW_HOURS_NEEDED] += hours_rate(dp) * dt;
    dp->t_last = t;
}

static int can_admit(const ea_model *m, const dept *dp, int module, int month)
{
    if (m->staff_mode)
        return hours_rate(dp) + dp->intensity[module] <= dp->cap_hours * (1 + 1e-12);
    return dp->fa < dp->places[month];
}

static int person_new(ea_model *m, uint32_t *idx)
{
    if (m->nfree == 0 && pool_grow(m, m->pcap + 1) != 0)
        return -1;
    *idx = m->free_idx[--m->nfree];
    return 0;
}

static void person_release(ea_model *m, uint32_t idx)
{
    m->p[idx].state = P_FREE;
    m->p[idx].gen++;
    m->free_idx[m->nfree++] = idx;
}

/* Draws for a person come from the person's substream: arrivals, and who is admitted when, may
 * differ between two close scenarios, but each person's durations and routes stay the same. */
static gsl_rng *person_rng(ea_model *m, const person *p)
{
    eng_stream_load(m->ps, p->stream);
    return m->ps;
}

static void person_rng_save(ea_model *m, person *p)
{
    p->stream = eng_stream_state(m->ps);
}

/* Whether a waiting-list entry still stands for a person on the list (not one who left it). */
static int queue_live(const ea_model *m, queue_entry e)
{
    const person *p = &m->p[e.who];
    return p->state == P_WAITING && p->gen == e.gen;
}

/* Drops the entries of persons who left the list, keeping the others in order. */
static void queue_compact(const ea_model *m, dept *dp)
{
    size_t kept = 0, mask = dp->qcap - 1;
    for (size_t i = 0; i < dp->qlen; i++) {
        queue_entry e = dp->q[(dp->qhead + i) & mask];
        if (queue_live(m, e))
            dp->q[(dp->qhead + kept++) & mask] = e;
    }
    dp->qlen = kept;
}

/* Appends a person to the waiting list. The entries of persons who reneged stay in the ring until
 * they reach its head, so a full ring that they make up three quarters of is compacted rather than
 * grown: its size follows the persons waiting, not all who ever waited while the head was blocked.
 * The order of the live entries, hence every admission, is the same either way. */
static int queue_push(const ea_model *m, dept *dp, uint32_t who, uint32_t gen)
{
    if (dp->qlen == dp->qcap && (size_t)dp->waiting <= dp->qcap / 4)
        queue_compact(m, dp);
    if (dp->qlen == dp->qcap) {
        size_t cap = 2 * dp->qcap;
        queue_entry *q = malloc(cap * sizeof *q);
        if (!q)
            return -1;
        for (size_t i = 0; i < dp->qlen; i++)
            q[i] = dp->q[(dp->qhead + i) & (dp->qcap - 1)];
        free(dp->q);
        dp->q = q;
        dp->qcap = cap;
        dp->qhead = 0;
    }
    dp->q[(dp->qhead + dp->qlen) & (dp->qcap - 1)] = (queue_entry){ who, gen };
    dp->qlen++;
    return 0;
}

/* Starts the module that person idx is set to at time t: counts, and the event ending it. */
__attribute__((always_inline)) static inline int start_module(ea_model *m, dept *dp, uint32_t idx,
                                                              double t, gsl_rng *r)
{
    int k = m->p[idx].module;
    if (m->recorder)
        m->ep[idx].t_module = t;
    dp->mod[k]++;
    return eng_heap_push(m->heap, t + eng_dist_sample(dp->duration[k], r), idx, EV_END);
}

static int admit(ea_model *m, dept *dp, uint32_t idx, double t, gsl_rng *r)
{
    person *p = &m->p[idx];
    p->state = P_SUPPORT;
    p->gen++;
    dp->fa++;
    dp->row[EA_RAW_ADMISSIONS] += 1;
    dp->row[EA_RAW_WAIT_SUM] += t - p->t_arrival;
    return start_module(m, dp, idx, t, r);
}

/* Admits from the head of the waiting list for as long as capacity allows (strict FIFO: a head
 * that does not fit blocks those behind, as on a real list). */
static int admit_waiting(ea_model *m, dept *dp, double t, int month)
{
    while (dp->waiting > 0) {
        queue_entry e = dp->q[dp->qhead];
        const person *p = &m->p[e.who];
        if (!queue_live(m, e)) {   /* left the list already */
            dp->qhead = (dp->qhead + 1) & (dp->qcap - 1);
            dp->qlen--;
            continue;
        }
        if (!can_admit(m, dp, p->module, month))
            break;
        dp->qhead = (dp->qhead + 1) & (dp->qcap - 1);
        dp->qlen--;
        dp->waiting--;
        int rc = admit(m, dp, e.who, t, person_rng(m, &m->p[e.who]));
        person_rng_save(m, &m->p[e.who]);
        if (rc)
            return -1;
    }
    return 0;
}

/* Department d's arrivals draw from substream ARRIVALS - d of the replication's key, its persons
 * from substreams 0, 1, 2 ... upwards: a department's prescriptions do not depend on the other
 * departments' (common random numbers when a sweep changes one of them), nor on its own persons'
 * draws. The two ranges would meet only past 2^32 persons and departments in one replication. */
#define ARRIVALS 0xffffffffULL

/* Schedules the next prescription after t if it falls within the current month: rates are
 * constant within a month, and since the exponential law forgets, the month-end event draws afresh
 * at the new month's rate. */
static int next_arrival(ea_model *m, uint32_t d, double t, int month)
{
    dept *dp = &m->d[d];
    double gap = dp->gap[month];
    if (!(gap > 0))
        return 0;
    eng_stream_load(m->ps, dp->arrivals);
    double next = t + eng_dist_exponential(m->ps) * gap;
    dp->arrivals = eng_stream_state(m->ps);
    if (next >= month + 1)
        return 0;
    return eng_heap_push(m->heap, next, d, EV_ARRIVAL);
}

static void month_begin(ea_model *m, double *raw, int month)
{
    for (int i = 0; i < m->ndept; i++) {
        dept *dp = &m->d[i];
        dp->row = raw + ((size_t)i * (size_t)m->months + (size_t)month) * EA_RAW_COUNT;
        memset(dp->row, 0, EA_RAW_COUNT * sizeof *dp->row);
        dp->row[EA_RAW_FILE_ACTIVE_START] = dp->fa;
        dp->row[EA_RAW_PLACES] = dp->places[month];
    }
}

static void month_end(ea_model *m, double t)
{
    for (int i = 0; i < m->ndept; i++) {
        dept *dp = &m->d[i];
        advance(dp, t);
        dp->row[EA_RAW_FILE_ACTIVE] = dp->fa;
        for (int k = 0; k < EA_NMODULES; k++)
            dp->row[EA_RAW_MODULE + k] = dp->mod[k];
        dp->row[EA_RAW_WAITING] = dp->waiting;
        dp->cumulative += dp->row[EA_RAW_ENTRIES];
        dp->row[EA_RAW_ENTRIES_CUMULATIVE] = dp->cumulative;
    }
}

static int on_arrival(ea_model *m, uint32_t d, double t, int month)
{
    dept *dp = &m->d[d];
    advance(dp, t);
    dp->row[EA_RAW_ENTRIES] += 1;
    uint32_t idx;
    if (person_new(m, &idx))
        return -1;
    person *p = &m->p[idx];
    p->t_arrival = t;
    m->entries++;
    if (m->recorder)
        m->ep[idx].id = m->entries;
    p->dept = d;
    p->stream = eng_stream_nth(m->stream_key, m->streams++);
    gsl_rng *pr = person_rng(m, p);
    p->module = (uint8_t)table_draw(&dp->entry_mix, pr);
    int rc = 0;
    if (dp->waiting == 0 && can_admit(m, dp, p->module, month)) {
        rc = admit(m, dp, idx, t, pr);
    } else {
        p->state = P_WAITING;
        dp->waiting++;
        rc = queue_push(m, dp, idx, p->gen);
        if (rc == 0 && m->sc->patience.kind != ENG_DIST_NONE) {
            double leave = t + eng_dist_sample(&m->sc->patience, pr);
            rc = eng_heap_push(m->heap, leave, idx, EV_RENEGE | ((p->gen & EV_GEN_MASK) << 2));
        }
    }
    person_rng_save(m, p);
    if (rc)
        return -1;
    return next_arrival(m, d, t, month);
}

static int on_module_end(ea_model *m, uint32_t idx, double t, int month)
{
    person *p = &m->p[idx];
    dept *dp = &m->d[p->dept];
    advance(dp, t);
    int k = p->module;
    gsl_rng *pr = person_rng(m, p);
    int target = table_draw(&dp->route[k], pr);
    dp->mod[k]--;
    if (m->recorder && m->ep[idx].id)
        record(m, idx, t, target);
    if (target < EA_NMODULES) {
        p->module = (uint8_t)target;
        int rc = start_module(m, dp, idx, t, pr);
        person_rng_save(m, p);
        if (rc)
            return -1;
        /* In staff mode a move to a lighter module frees hours for the waiting list. */
        if (m->staff_mode && dp->intensity[target] < dp->intensity[k])
            return admit_waiting(m, dp, t, month);
        return 0;
    }
    dp->fa--;
    dp->row[EA_RAW_EXITS + (target - EA_NMODULES)] += 1;
    person_release(m, idx);
    return admit_waiting(m, dp, t, month);
}

static void on_renege(ea_model *m, uint32_t idx, uint32_t what, double t)
{
    person *p = &m->p[idx];
    if (p->state != P_WAITING || (p->gen & EV_GEN_MASK) != (what >> 2))
        return;   /* admitted before their patience ran out */
    dept *dp = &m->d[p->dept];
    advance(dp, t);
    dp->waiting--;
    dp->row[EA_RAW_RENEGED] += 1;
    person_release(m, idx);
}

static void reset(ea_model *m)
{
    m->too_many = 0;
    eng_heap_clear(m->heap);
    m->nfree = 0;
    for (size_t i = m->pcap; i > 0; i--) {
        m->p[i - 1].state = P_FREE;
        m->p[i - 1].gen = 0;
        m->free_idx[m->nfree++] = (uint32_t)(i - 1);
    }
    for (int i = 0; i < m->ndept; i++) {
        dept *dp = &m->d[i];
        dp->fa = dp->waiting = 0;
        dp->cumulative = dp->before;
        memset(dp->mod, 0, sizeof dp->mod);
        dp->t_last = 0;
        dp->qhead = dp->qlen = 0;
    }
    m->events = 0;
    m->entries = 0;
}

/* Reports the episodes still under way at the end of the run. */
static void record_open(const ea_model *m)
{
    for (size_t i = 0; i < m->pcap; i++)
        if (m->p[i].state == P_SUPPORT && m->ep[i].id)
            record(m, (uint32_t)i, NAN, -1);
}

/* Persons already in support at the start: each in a module drawn from the initial mix, with the
 * time left in it drawn from the forward recurrence law, as if the platform had been running. */
static int seed_initial(ea_model *m)
{
    for (int i = 0; i < m->ndept; i++) {
        dept *dp = &m->d[i];
        for (int n = 0; n < dp->initial; n++) {
            uint32_t idx;
            if (person_new(m, &idx))
                return -1;
            person *p = &m->p[idx];
            p->t_arrival = 0;
            if (m->recorder)
                m->ep[idx] = (person_episode){ 0, 0 };
            p->dept = (uint32_t)i;
            p->state = P_SUPPORT;
            p->stream = eng_stream_nth(m->stream_key, m->streams++);
            gsl_rng *pr = person_rng(m, p);
            int k = table_draw(&dp->initial_mix, pr);
            p->module = (uint8_t)k;
            dp->fa++;
            dp->mod[k]++;
            double left = eng_dist_sample_residual(dp->duration[k], pr);
            person_rng_save(m, p);
            if (eng_heap_push(m->heap, left, idx, EV_END))
                return -1;
        }
    }
    return 0;
}

int ea_model_run(ea_model *m, gsl_rng *r, double *raw, eng_error *err)
{
    reset(m);
    int month = 0;
    /* The k-th person of the run (initial caseload first, then in order of prescription) draws
     * from substream k: two close scenarios give the same persons the same pathways. */
    m->stream_key = eng_stream_spawn(r);
    m->streams = 0;
    for (int i = 0; i < m->ndept; i++)
        m->d[i].arrivals = eng_stream_nth(m->stream_key, ARRIVALS - (uint64_t)i);
    if (seed_initial(m))
        goto oom;
    month_begin(m, raw, 0);
    for (uint32_t i = 0; i < (uint32_t)m->ndept; i++)
        if (next_arrival(m, i, 0, 0))
            goto oom;
    if (eng_heap_push(m->heap, 1.0, 0, EV_TICK))
        goto oom;

    eng_heap_event ev;
    while (eng_heap_pop(m->heap, &ev) == 0) {
        m->events++;
        /* The person of the next event is fetched into the cache while this one is handled, when
         * the pool is large (the national scenario's 8 000 persons: about 15 % less time, measured
         * with 48-byte records); with a few hundred it would only cost (about 5 %). */
        eng_heap_event next;
        if (m->pcap > PREFETCH_PERSONS && eng_heap_peek(m->heap, &next) == 0
            && EV_KIND(next.what) != EV_ARRIVAL && EV_KIND(next.what) != EV_TICK)
            __builtin_prefetch(&m->p[next.who]);
        int rc = 0;
        switch (EV_KIND(ev.what)) {
        case EV_TICK:
            month_end(m, ev.t);
            if (++month == m->months) {
                if (m->recorder)
                    record_open(m);
                return ENG_OK;
            }
            month_begin(m, raw, month);
            for (uint32_t i = 0; i < (uint32_t)m->ndept && rc == 0; i++) {
                rc = admit_waiting(m, &m->d[i], ev.t, month);
                if (rc == 0)
                    rc = next_arrival(m, i, ev.t, month);
            }
            if (rc == 0)
                rc = eng_heap_push(m->heap, month + 1.0, 0, EV_TICK);
            break;
        case EV_ARRIVAL:
            rc = on_arrival(m, ev.who, ev.t, month);
            break;
        case EV_END:
            rc = on_module_end(m, ev.who, ev.t, month);
            break;
        case EV_RENEGE:
            on_renege(m, ev.who, ev.what, ev.t);
            break;
        }
        if (rc)
            goto oom;
    }
    return ENG_OK;

oom:
    if (m->too_many)
        return eng_error_set(err, ENG_EINPUT, "plus de %d personnes à la fois (accompagnées ou "
                            "en attente) au mois %d de la simulation : les entrées dépassent de loin "
                            "ce que les places absorbent ; vérifiez les taux d'entrée et les places",
                            EA_MODEL_MAX_PERSONS, month + 1);
    return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pendant la simulation (file active ou liste d'attente trop grande)");
}
