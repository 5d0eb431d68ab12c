/* pl_gnuplot.h — The gnuplot driver: a script written in memory and fed to one gnuplot process
 * through a pipe to its standard input, every text from input files quoted so that it is drawn. */
#ifndef PL_GNUPLOT_H
#define PL_GNUPLOT_H

#include <stdio.h>
#include "../engine/eng_error.h"

/* Image formats: PNG for slides (1280 x 720 px), SVG for web pages (the same size in user units),
 * PDF for print (an A4 page in landscape, 29.7 x 21 cm). */
typedef enum pl_gnuplot_format { PL_PNG = 0, PL_SVG, PL_PDF } pl_gnuplot_format;

/* Reads "png", "svg" or "pdf" (any case). Returns 0, or -1 for anything else. */
int pl_gnuplot_format_parse(const char *text, pl_gnuplot_format *out);

/* The file name extension of a format, without the dot: "png", "svg" or "pdf". */
const char *pl_gnuplot_format_ext(pl_gnuplot_format format);

typedef struct pl_gnuplot pl_gnuplot;

/* A new, empty script. ENG_EFAIL when out of memory, with *out NULL. */
int pl_gnuplot_alloc(pl_gnuplot **out, eng_error *err);

void pl_gnuplot_free(pl_gnuplot *gp);   /* NULL is a no-op */

/* The stream the commands are written to. Text that comes from an input file must go through
 * pl_gnuplot_text, never straight into this stream. */
FILE *pl_gnuplot_script(pl_gnuplot *gp);

/* Writes text as a single-quoted gnuplot string: gnuplot does no backslash, backquote or macro
 * processing inside single quotes, and a quote is written twice (after a zero-width space when it
 * opens the text or follows another quote, which gnuplot's scanner needs to read the pair as one
 * quote). Control characters (a line break would end the command) become spaces. Terminals are set
 * up `noenhanced` by pl_gnuplot_terminal, so ^ _ @ & { } are drawn as themselves too. */
void pl_gnuplot_text(FILE *f, const char *text);

/* Writes text as pl_gnuplot_text does, for a tick label: gnuplot reads those as printf formats, so
 * '%' is written twice as well. */
void pl_gnuplot_tic(FILE *f, const char *text);

/* Sets the terminal for a format and the output file, in the script of gp; path is written quoted
 * and recorded, so that pl_gnuplot_run can check the file was written and name the chart gnuplot
 * was drawing if it had to be stopped. The font and size suit a slide (PNG, SVG) or an A4
 * landscape page (PDF); all text is plain (noenhanced). */
void pl_gnuplot_terminal(pl_gnuplot *gp, pl_gnuplot_format format, const char *path);

/* Closes the current output file, so that gnuplot finishes writing it (PDF pages, SVG end tag). */
void pl_gnuplot_close_output(FILE *f);

/* Seconds gnuplot may take for one script unless EAFLOW_GNUPLOT_TIMEOUT says otherwise: far more
 * than the few seconds of the largest report, and short enough that a hung gnuplot is not
 * mistaken for slow work. */
#define PL_GNUPLOT_TIMEOUT 60

/* Runs gnuplot on the script written so far: the fixed program `gnuplot -d` (no init file read)
 * found on PATH, started without a shell, the script written to its standard input, its standard
 * output and error kept in a temporary file. Returns ENG_OK when gnuplot exited with status 0 and
 * wrote every output file set with pl_gnuplot_terminal (each exists and is not empty).
 * Otherwise ENG_EFAIL, with the message naming the package when gnuplot is not on PATH
 * ("gnuplot is not installed: apt-get install gnuplot-nox (or run make deps)"), gnuplot's own
 * message when it failed, or the output file it did not write. gnuplot gets PL_GNUPLOT_TIMEOUT
 * seconds, or the number of seconds (more than 0) in the environment variable
 * EAFLOW_GNUPLOT_TIMEOUT (another value is ENG_EINPUT); past that it is killed and the message
 * names the chart it was drawing (the output file, by its final name for a set of eng_out). The
 * script is kept, so it can be read back with pl_gnuplot_script. */
int pl_gnuplot_run(pl_gnuplot *gp, eng_error *err);

#endif
