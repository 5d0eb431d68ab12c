/* ea_guard.h — Guards from the model: a scenario's expected visits, time in support and events,
 * from its routing, durations and entries, and a run's memory and time; the absurd ones refused. */
#ifndef EA_GUARD_H
#define EA_GUARD_H

#include "../engine/eng_error.h"
#include "ea_scenario.h"

/* At most this many module visits per person are plausible. A pathway goes through a handful of
 * modules (evaluation, projet, recherche, maintien, and back to recherche after a lost job a few
 * times); 1 000 visits would be a module a month for 80 years. Above it the routing loops on a
 * module with an exit share too small to be meant, and the run would handle that many events per
 * person (a module of fixed(1e-9) routed to itself with exit probability 1e-12 never ends). */
#define EA_GUARD_MAX_VISITS 1000.0

/* At most this many events in one replication are plausible. The whole country sees fewer than
 * 1 000 entries a month and a person makes a handful of visits: a century of the national scheme
 * is under 10^7 events. 10^10 is a thousand times that, and about 15 minutes per replication on
 * this machine. */
#define EA_GUARD_MAX_EVENTS 1e10

/* At most this many replications in a run, as -n or [scenario] replications: 100 000 put the 5 %
 * and 95 % quantiles within a fraction of a percent, and more adds nothing but memory (every
 * replication's tables are kept). The scenario schema bounds the key with it, and the command
 * line's help says it. */
#define EA_GUARD_MAX_REPLICATIONS 100000

/* What a person's pathway is expected to be, for a first module drawn from a mix. */
typedef struct ea_guard_pathway {
    double visits[EA_NMODULES];  /* expected visits of each module */
    double total;                /* their sum */
    double months[EA_NMODULES];  /* expected months in each module: visits x mean duration */
    double months_total;         /* expected months in support */
} ea_guard_pathway;

/* The pathway of a person whose first module is drawn from mix, through the routing of modules
 * (visits = mix (I - Q)^-1, Q[i][j] = modules[i].next[j] between defined modules, by GSL's LU
 * decomposition). Returns 0, or -1 when I - Q is singular in floating point: the exits are too
 * unlikely to count, and the visits infinite for every practical purpose. */
int ea_guard_pathway_compute(const double mix[EA_NMODULES],
                             const ea_scenario_module modules[EA_NMODULES], ea_guard_pathway *out);

/* Refuses (ENG_EINPUT) modules whose routing makes a person who starts in one of them visit the
 * modules more than EA_GUARD_MAX_VISITS times on average, naming the `next` key of the module that
 * loops and the figure. d is a department of sc, with its overrides; NULL checks the shared
 * [module.NAME] sections. */
int ea_guard_check_pathway(const ea_scenario *sc, const ea_scenario_department *d,
                           eng_error *err);

/* The expected events of one replication of sc (every department's initial mix and pathway
 * resolved): an arrival per entry, a module end per visit, a departure from the waiting list per
 * entry when people may give up, and a month end per month; an upper estimate, since visits that
 * end after the run are counted. */
double ea_guard_events(const ea_scenario *sc);

/* Refuses (ENG_EINPUT) a scenario whose replication would handle more than EA_GUARD_MAX_EVENTS
 * events, naming the key that drives them (the entries or the initial caseload of the largest
 * department) and the figure. */
int ea_guard_check_events(const ea_scenario *sc, eng_error *err);

/* What a run needs and what the machine has. */
typedef struct ea_guard_estimate {
    double bytes;      /* memory at the peak: every replication's tables, their summaries, and each
                          thread's model with its persons in support and waiting */
    double bytes_per_replication;  /* the part of bytes that each replication adds */
    double bytes_per_thread;       /* the part of bytes that each thread adds */
    double persons;    /* persons in support or waiting at once, at the most, in all departments */
    double events;     /* of the whole run, all replications */
    double events_per_replication; /* ea_guard_events */
    double seconds;    /* on this machine, at EA_GUARD_EVENTS_PER_SECOND on each thread */
    int threads;       /* threads the run uses */
} ea_guard_estimate;

typedef struct ea_guard_limits {
    double bytes;      /* memory a run may take */
    double seconds;    /* time a run may take */
} ea_guard_limits;

/* Events the simulation handles per second on one thread of this machine, conservatively:
 * `make bench` measured 13 million a second on the M/M/30 scenario and 4 million a second on two
 * threads for occitanie-2022.ini while the machine's two cores were shared with other work. */
#define EA_GUARD_EVENTS_PER_SECOND 2e6

/* The estimate of a run of sc on `threads` threads (0: one per core), with the monthly table left
 * out when annual_only (as ea_simulate_options). */
void ea_guard_estimate_run(const ea_scenario *sc, int threads, int annual_only,
                           ea_guard_estimate *out);

/* This machine's limits: 80 % of its physical memory, and 48 hours. */
void ea_guard_machine_limits(ea_guard_limits *out);

/* Refuses (ENG_EINPUT) a run that would need more than the limits (NULL: the machine's), saying
 * the estimate and the way out (fewer replications, to a number that fits, or fewer months), and
 * replications beyond the schema's bound (the command line may set them). */
int ea_guard_run(const ea_scenario *sc, int threads, int annual_only,
                 const ea_guard_limits *limits, eng_error *err);

#endif
