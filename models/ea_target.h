/* ea_target.h — A planner's target on an indicator (waiting<=20, 31:occupancy>=0.9), on the mean or
 * met in a share of the replications, and its evaluation on a run's annual results. */
#ifndef EA_TARGET_H
#define EA_TARGET_H

#include <stddef.h>
#include "../engine/eng_error.h"
#include "ea_results.h"
#include "ea_scenario.h"

/* The direction of a target: the indicator at most the value (<=) or at least it (>=). */
typedef enum ea_target_op { EA_TARGET_AT_MOST, EA_TARGET_AT_LEAST } ea_target_op;

typedef struct ea_target {
    char indicator[64];
    char scope[EA_MAX_NAME];    /* "region", or a department's code */
    ea_target_op op;
    double value;
    double level;               /* 0: the mean over replications meets the value; P in (0, 1]:
                                   the value is met in at least P of the replications */
} ea_target;

/* Parses `[CODE:]INDICATOR<=VALUE` or `>=` (the scope "region" when no code is given), with the
 * level of --confidence (0 for the mean). The old `INDICATOR=VALUE`, which did not say the
 * direction, is refused with a message giving both new forms. The indicator and the department
 * are checked against a run (ea_target_evaluate). */
int ea_target_parse(const char *spec, double level, ea_target *t, eng_error *err);

/* Parses the value of --confidence: a probability in (0, 1], as 0.9. */
int ea_target_level_parse(const char *text, double *level, eng_error *err);

/* The target as written on the command line, "31:waiting<=20" ("waiting<=20" for the region). */
void ea_target_spec(const ea_target *t, char *buf, size_t size);

/* The target's value for people, with the decimals it has (46,1, 0,9, 20) in the number format of
 * the language of the messages. */
void ea_target_format_value(const ea_target *t, char *buf, size_t size);

/* The target for people, in the language of the messages: "waiting ≤ 20 (région, en moyenne)",
 * "waiting ≤ 20 (31, dans au moins 90 % des réplications)". */
void ea_target_describe(const ea_target *t, char *buf, size_t size);

/* A target evaluated on a run: the indicator's mean, the share of the replications where it meets
 * the value (a replication where the indicator is undefined does not meet it), and whether the
 * target is met at its level. */
typedef struct ea_target_eval {
    double mean;
    double share;
    int met;
} ea_target_eval;

/* The index of a calendar year in the annual table of res (0: the last year); -1 with err filled
 * when the run did not simulate it. */
int ea_target_year_index(const ea_results *res, int year, eng_error *err);

/* Evaluates the target in the year of index y of the annual table, on its own scope; ENG_EINPUT
 * when the indicator or the department is not in the run. */
int ea_target_evaluate(const ea_target *t, const ea_results *res, int y, ea_target_eval *e,
                       eng_error *err);

/* The same on scope s of res (a department's index, whatever the target's scope says). */
int ea_target_evaluate_scope(const ea_target *t, const ea_results *res, int s, int y,
                             ea_target_eval *e, eng_error *err);

/* Whether a value meets the target's direction (NaN never does). */
int ea_target_meets(const ea_target *t, double x);

#endif
