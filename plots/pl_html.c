/* pl_html.c — Escaped text, table cells and inlined SVG for the report's page. */
#include "pl_html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"
#include "../engine/eng_msg.h"

/* Whether the space at p sits inside a number for people: between two digits ("2 773 500"), or
 * between a digit and its unit ("4 300 €", "68,1 %"), where a line break would cut the number. */
static int number_space(const unsigned char *text, const unsigned char *p)
{
    if (p == text || !(p[-1] >= '0' && p[-1] <= '9'))
        return 0;
    return (p[1] >= '0' && p[1] <= '9') || p[1] == '%' || strncmp((const char *)p + 1, "\xE2\x82\xAC", 3) == 0;
}

void pl_html_text(FILE *f, const char *text)
{
    const unsigned char *start = (const unsigned char *)text;
    for (const unsigned char *p = start; *p; p++) {
        switch (*p) {
        case ' ':
            fputs(number_space(start, p) ? "&#160;" : " ", f);
            break;
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            if (*p >= 0x20 || *p == '\n' || *p == '\t')
                fputc(*p, f);
            else if (*p == '\r' && p[1] != '\n')
                fputc('\n', f);
        }
    }
}

void pl_html_th(FILE *f, const char *text, int numeric)
{
    fputs(numeric ? "<th class=\"n\">" : "<th>", f);
    pl_html_text(f, text);
    fputs("</th>", f);
}

void pl_html_td(FILE *f, const char *text, int numeric)
{
    fputs(numeric ? "<td class=\"n\">" : "<td>", f);
    pl_html_text(f, text);
    fputs("</td>", f);
}

void pl_html_td_name(FILE *f, const char *text)
{
    fputs("<td class=\"name\">", f);
    pl_html_text(f, text);
    fputs("</td>", f);
}

/* The whole file as a string, in a buffer grown 64 KiB at a time at first; NULL when it cannot be
 * read (*read_error set) or memory runs out. */
static char *slurp(FILE *in, int *read_error)
{
    size_t cap = 0, n = 0;
    char *s = NULL;
    for (;;) {
        if (eng_array_reserve(&s, &cap, n + 2, 1, (size_t)1 << 16) != 0) {
            free(s);
            return NULL;
        }
        size_t k = fread(s + n, 1, cap - n - 1, in);
        n += k;
        if (k == 0)
            break;
    }
    s[n] = '\0';
    *read_error = ferror(in);
    return s;
}

/* The references that name an id inside a tag: they get the chart's prefix. */
static const char *const refs[] = { "id='", "id=\"", "href='#", "href=\"#", "url(#" };

/* Copies the tag [p, end) with every id and reference prefixed; the attribute [skip, skip_end),
 * when skip is not NULL, is left out. */
static void copy_tag(FILE *f, const char *p, const char *end, const char *prefix, const char *skip,
                     const char *skip_end)
{
    while (p < end) {
        if (p == skip) {
            p = skip_end;
            continue;
        }
        size_t k = 0;
        for (size_t i = 0; i < sizeof refs / sizeof refs[0] && !k; i++)
            if (strncmp(p, refs[i], strlen(refs[i])) == 0)
                k = strlen(refs[i]);
        if (k) {
            fwrite(p, 1, k, f);
            fprintf(f, "%s-", prefix);
            p += k;
        } else {
            fputc(*p++, f);
        }
    }
}

/* The id attribute of the tag [p, end), from the blank before it to its closing quote, or NULL. */
static const char *id_attribute(const char *p, const char *end, const char **attr_end)
{
    for (const char *q = p; q + 5 < end; q++)
        if ((*q == ' ' || *q == '\t' || *q == '\n') && strncmp(q + 1, "id=", 3) == 0
            && (q[4] == '\'' || q[4] == '"')) {
            const char *close = memchr(q + 5, q[4], (size_t)(end - (q + 5)));
            if (!close)
                return NULL;
            *attr_end = close + 1;
            return q;
        }
    return NULL;
}

/* Whether the tag at p draws a shape (a point symbol when it is a definition with an id). */
static int is_shape(const char *p)
{
    static const char *const shapes[] = { "circle", "ellipse", "line", "path", "polygon",
                                          "polyline", "rect", "use" };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        size_t n = strlen(shapes[i]);
        if (strncmp(p + 1, shapes[i], n) == 0 && (p[n + 1] == ' ' || p[n + 1] == '\t'
                                                  || p[n + 1] == '\n'))
            return 1;
    }
    return 0;
}

/* Writes the tag [p, end) of a definition with an id (a point symbol) as a group bearing the id
 * around the tag without it. A symbol drawn with `currentColor` is then a child of what <use>
 * refers to, which is where WeasyPrint 57 resolves that colour (it fails on the element itself);
 * browsers draw both forms alike. */
static void copy_definition(FILE *f, const char *p, const char *end, const char *prefix,
                            const char *id, const char *id_end)
{
    fputs("<g", f);
    copy_tag(f, id, id_end, prefix, NULL, NULL);
    fputc('>', f);
    copy_tag(f, p, end, prefix, id, id_end);
    fputs("</g>", f);
}

int pl_html_svg(FILE *f, const char *path, const char *prefix, const char *title, eng_error *err)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return eng_error_set(err, ENG_EFAIL, "%s : lecture impossible : %s", path, eng_msg_errno(errno));
    int bad = 0;
    char *s = slurp(in, &bad);
    fclose(in);
    if (!s)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    const char *p = strstr(s, "<svg");
    if (bad || !p) {
        free(s);
        return eng_error_set(err, ENG_EFAIL, "%s : ce n'est pas un SVG écrit par gnuplot ; relancez "
                            "eaflow report", path);
    }
    int titled = 0, in_defs = 0;
    while (*p) {
        if (!titled && strncmp(p, "<title>Gnuplot</title>", 22) == 0) {
            fputs("<title>", f);
            pl_html_text(f, title);
            fputs("</title>", f);
            p += 22;
            titled = 1;
            continue;
        }
        if (*p != '<') {
            fputc(*p++, f);
            continue;
        }
        const char *end = strchr(p, '>');
        end = end ? end + 1 : p + strlen(p);
        if (strncmp(p, "<defs", 5) == 0)
            in_defs = 1;
        else if (strncmp(p, "</defs", 6) == 0)
            in_defs = 0;
        const char *id = NULL, *id_end = NULL;
        if (in_defs && end - p > 2 && end[-1] == '>' && end[-2] == '/' && is_shape(p))
            id = id_attribute(p, end, &id_end);
        if (id)
            copy_definition(f, p, end, prefix, id, id_end);
        else
            copy_tag(f, p, end, prefix, NULL, NULL);
        p = end;
    }
    free(s);
    return ENG_OK;
}
