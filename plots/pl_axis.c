/* pl_axis.c — Axes of the charts: round steps, ranges and tick labels. */
#include "pl_axis.h"

#include <math.h>

#include "pl_gnuplot.h"

/* A step of 1, 2, 2.5 or 5 times a power of ten giving about `target` intervals over span. */
static double nice_step(double span, int target)
{
    double raw = span / target;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

void pl_axis_value(FILE *f, const char *axis, double lo, double hi, pl_text_unit unit,
                   pl_text_lang lang)
{
    if (!isfinite(lo))
        lo = 0;
    if (!isfinite(hi) || hi <= lo)
        hi = lo + (unit == PL_UNIT_SHARE ? 1 : 10);
    double step = nice_step(hi - lo, 6);
    double bottom = floor(lo / step + 1e-9) * step;
    double top = ceil(hi / step - 1e-9) * step;
    int decimals = 0;
    double scaled = unit == PL_UNIT_SHARE ? 100 * step : step;
    while (decimals < 6 &&
           fabs(scaled * pow(10, decimals) - round(scaled * pow(10, decimals))) > 1e-6)
        decimals++;
    fprintf(f, "set %srange [%.10g:%.10g]\nset %stics (", axis, bottom, top, axis);
    int n = (int)round((top - bottom) / step);
    for (int k = 0; k <= n; k++) {
        double v = bottom + k * step;
        char label[64];
        if (unit == PL_UNIT_SHARE)
            pl_text_pct(label, sizeof label, v, decimals, lang);
        else
            pl_text_value(label, sizeof label, v, unit, decimals, lang);
        fputs(k ? ", " : "", f);
        pl_gnuplot_tic(f, label);
        fprintf(f, " %.10g", v);
    }
    fputs(")\n", f);
}

void pl_axis_month(FILE *f, double lo, double hi, pl_text_lang lang)
{
    static const int steps[] = { 1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200 };
    int step = steps[0];
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        step = steps[i];
        if ((hi - lo) / step <= 9)
            break;
    }
    fprintf(f, "set xrange [%.10g:%.10g]\nset xtics (", lo, hi);
    int first = 1;
    for (long m = (long)ceil(lo / step) * step; m <= hi; m += step) {
        char label[64];
        if (step >= 12)
            snprintf(label, sizeof label, "%ld", m / 12);
        else
            snprintf(label, sizeof label, "%s %ld", pl_text_month_name((int)(m % 12) + 1, 1, lang),
                     m / 12);
        fputs(first ? "" : ", ", f);
        pl_gnuplot_tic(f, label);
        fprintf(f, " %ld", m);
        first = 0;
    }
    fputs(")\n", f);
}

void pl_axis_year(FILE *f, int y0, int y1)
{
    int step = y1 - y0 > 15 ? (y1 - y0) / 10 + 1 : 1;
    fprintf(f, "set xrange [%g:%g]\nset xtics (", y0 - 0.6, y1 + 0.6);
    for (int y = y0; y <= y1; y += step)
        fprintf(f, "%s'%d' %d", y > y0 ? ", " : "", y, y);
    fputs(")\n", f);
}
