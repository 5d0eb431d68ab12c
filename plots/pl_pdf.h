/* pl_pdf.h — report.pdf laid out from the report's HTML page by WeasyPrint (CSS paged media: page
 * sizes, margin boxes, page counters), a Debian program run without a shell and with a time limit. */
#ifndef PL_PDF_H
#define PL_PDF_H

#include "../engine/eng_error.h"

/* Seconds WeasyPrint may take for one page unless EAFLOW_PDF_TIMEOUT says otherwise: the report of
 * the default scenario takes about 20 s on one core, and a hung renderer should not pass for slow
 * work for long. */
#define PL_PDF_TIMEOUT 300

/* Lays out the HTML file html as a PDF written to pdf: the fixed program `weasyprint -q -e utf-8`
 * found on PATH, started without a shell, its input closed and its messages kept in a temporary
 * file. Relative paths are passed as ./PATH, so that no path is taken for an option or a URL. The
 * page must not fetch anything: it is expected to be self-contained. Returns ENG_OK when
 * WeasyPrint exited with status 0 and wrote a file that starts as a PDF. Otherwise ENG_EFAIL, with
 * the message naming the package when WeasyPrint is not on PATH ("weasyprint is not installed:
 * apt-get install weasyprint (or run make deps)"), the last line WeasyPrint wrote when it failed,
 * or the time limit when it was stopped: PL_PDF_TIMEOUT seconds, or the number of seconds (more
 * than 0) in the environment variable EAFLOW_PDF_TIMEOUT (another value is ENG_EINPUT). In an MPI
 * job, a rank other than 0 lays out nothing and returns ENG_OK: its outputs are thrown away. */
int pl_pdf_render(const char *html, const char *pdf, eng_error *err);

#endif
