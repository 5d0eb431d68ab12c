/* ea_calibrate_print.h — The summary of a calibration for people, as the reporting guidelines ask
 * (targets, method, goodness of fit, criterion, stopping rule, intervals, identifiability). */
#ifndef EA_CALIBRATE_PRINT_H
#define EA_CALIBRATE_PRINT_H

#include <stdio.h>
#include "ea_calibrate.h"

/* Prints the summary in the language of the messages: the targets, the method and the stopping
 * rule, the estimates with their 95 % intervals, the goodness of fit, the acceptance criterion and
 * whether it is met (« non atteint », with the closest fit, when it is not), identifiability in
 * words, and with --until the back-test's coverage and MAPE. */
void ea_calibrate_print_summary(const ea_calibrate *c, FILE *f);

#endif
