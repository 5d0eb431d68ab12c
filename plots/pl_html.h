/* pl_html.h — Writing the report's HTML: text escaped for element content and attribute values,
 * table cells, and a gnuplot SVG file inlined into the page. */
#ifndef PL_HTML_H
#define PL_HTML_H

#include <stdio.h>

#include "../engine/eng_error.h"

/* Writes text escaped for HTML element content and attribute values (& < > " ' as &amp; &lt;
 * &gt; &quot; &#39;). Line breaks and tabs are kept (run.ini goes into a <pre>), a carriage return
 * alone becomes a line break and one before a line break is dropped; other control characters,
 * which HTML forbids, are dropped. A space inside a number for people ("2 773 500", "4 300 €",
 * "68,1 %") becomes a no-break space, so that no line break cuts the number. */
void pl_html_text(FILE *f, const char *text);

/* A header cell <th> or a data cell <td> holding text escaped; numeric cells get the class "n"
 * (right-aligned, tabular digits in the report's style sheet). */
void pl_html_th(FILE *f, const char *text, int numeric);
void pl_html_td(FILE *f, const char *text, int numeric);

/* A data cell holding a name (a department's, "Pyrénées-Orientales (66)"), with the class "name":
 * the report's style sheet never wraps it, on screen or in print. */
void pl_html_td_name(FILE *f, const char *text);

/* Copies a gnuplot SVG file into the page: from its <svg> element on (the XML prolog has no place
 * inside HTML), with every id and reference to one (id='', id="", href='#', href="#", url(#))
 * inside a tag prefixed by "PREFIX-", so that the definitions of several charts (point symbols,
 * clip paths) do not collide, and gnuplot's generic <title>Gnuplot</title> replaced by title,
 * escaped. A shape defined with an id in <defs> (a point symbol: <path id='gpPt1' .../>) becomes
 * <g id='PREFIX-gpPt1'><path .../></g>, which draws the same in browsers and lets WeasyPrint
 * resolve the symbol's currentColor. Text between tags is left as drawn. ENG_EFAIL when the file
 * cannot be read, holds no <svg, or memory runs out. */
int pl_html_svg(FILE *f, const char *path, const char *prefix, const char *title, eng_error *err);

#endif
