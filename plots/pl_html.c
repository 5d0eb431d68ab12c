/* pl_html.c — Escaped text, table cells and inlined SVG for the report's page. */
#include "pl_html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/eng_array.h"

void pl_html_text(FILE *f, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        switch (*p) {
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

int pl_html_svg(FILE *f, const char *path, const char *prefix, const char *title, eng_error *err)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return eng_error_set(err, ENG_EFAIL, "%s: cannot read: %s", path, strerror(errno));
    int bad = 0;
    char *s = slurp(in, &bad);
    fclose(in);
    if (!s)
        return eng_error_set(err, ENG_EFAIL, "out of memory");
    const char *p = strstr(s, "<svg");
    if (bad || !p) {
        free(s);
        return eng_error_set(err, ENG_EFAIL, "%s: not an SVG file written by gnuplot", path);
    }
    static const char *const refs[] = { "id='", "id=\"", "href='#", "href=\"#", "url(#" };
    int in_tag = 0, titled = 0;
    while (*p) {
        if (!titled && strncmp(p, "<title>Gnuplot</title>", 22) == 0) {
            fputs("<title>", f);
            pl_html_text(f, title);
            fputs("</title>", f);
            p += 22;
            titled = 1;
            continue;
        }
        if (*p == '<')
            in_tag = 1;
        else if (*p == '>')
            in_tag = 0;
        size_t k = 0;
        for (size_t i = 0; in_tag && i < sizeof refs / sizeof refs[0] && !k; i++)
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
    free(s);
    return ENG_OK;
}
