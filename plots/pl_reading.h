/* pl_reading.h — One sentence that reads a chart from its data, in French or English, for the
 * report: where the file active goes, which module holds the most, how costs spread, and so on. */
#ifndef PL_READING_H
#define PL_READING_H

#include <stddef.h>

#include "pl_chart.h"

/* Each function writes into buf one sentence in plain text, in the chart's language, that reads
 * the chart from the same rows as its drawing (pl_draw.h); the chart must be one that the list of
 * charts (pl_charts.h) made for that kind. year is the year the report speaks of (0: the chart's
 * last year, or its whole period); a chart without that year speaks of its last. The costs, the
 * occupancy and the sweep speak of the year the chart draws (pl_chart's year), the survival curves
 * of no year. */

/* "La file active régionale passe de 439 à 548 personnes entre fin 2021 et fin 2022 (85,0 % des
 * 645 places).": from the latest observation up to the start of the run (else the first simulated
 * month) to the last simulated month of year, with the share of the places of that month. */
void pl_reading_file_active(const pl_chart *ch, int year, char *buf, size_t size);

/* "Fin 2022, le module « projet » compte le plus de personnes (180, soit 30 % de la file active) ;
 * la liste d'attente compte 12 personnes.": at the last month of year of the first module. */
void pl_reading_modules(const pl_chart *ch, int year, char *buf, size_t size);

/* "En 2022, 20,5 entrées par mois en moyenne pour 19,0 sorties, dont 25 % pour le motif « emploi
 * durable ».": means over the months of year ("Sur la période, ..." over all the months when year
 * is 0), per quarter or year as the chart draws small flows (pl_chart_flow_months); the reason is
 * lasting employment when the tables have it, else the most frequent. */
void pl_reading_flows(const pl_chart *ch, int year, char *buf, size_t size);

/* "En 2024, le financement est de 2 773 500 € ; les heures d'accompagnement modélisées coûteraient
 * 983 719 €, soit un solde de 1 789 781 € ; une personne accompagnée coûte ... et une sortie vers
 * l'emploi durable ...": the year asked for, else the last year with funding; the parts without a
 * value are left out. */
void pl_reading_budget(const pl_chart *ch, int year, char *buf, size_t size);

/* "En 2021, le coût à la place va de 3 700 € (Haute-Garonne) à 5 900 € (Lozère), pour une
 * référence de 4 300 € ; 7 départements sur 13 sont hors de la tolérance." */
void pl_reading_costs(const pl_chart *ch, int year, char *buf, size_t size);

/* "Au 31/12/2022, le taux d'occupation va de 70,0 % (Lozère) à 98,0 % (Tarn) ; 85,0 % pour la
 * région." ("Fin 2026, ..." when read from annual.csv). */
void pl_reading_occupancy(const pl_chart *ch, int year, char *buf, size_t size);

/* "La moitié des personnes quitte le module « projet » en moins de 5,0 mois (médiane de
 * Kaplan–Meier) ; la loi retenue est lognormal(mean=5, sd=3).": the first time the curve is at or
 * below one half, else the last time with more than half still in the module. */
void pl_reading_km(const pl_chart *ch, int year, char *buf, size_t size);

/* "En 2023, sur les 3 points du balayage, la moyenne de l'indicateur « file active » va de 470 à
 * 570." */
void pl_reading_sweep(const pl_chart *ch, int year, char *buf, size_t size);

#endif
