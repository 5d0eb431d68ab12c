/* test_layout.c — The house rules that a reviewer would otherwise check by eye, over engine/,
 * models/, plots/, cli/ and eaflow.c: file and function lengths, name prefixes, includes between
 * layers and fixed-size path buffers; and, over every file of the repository, no reference to a
 * path outside it. Run from the repository root; each failure lists every violation as
 * file:line: what.
 *
 * The scanner is deliberately simple, and these are its limits. Comments, string and character
 * literals and preprocessor lines are blanked first, so that code inside macros is not seen and
 * both branches of an #if are read (braces unbalanced across #if branches would confuse it). A
 * top-level `{` whose last token before it is `)`, with no `=` before it in the declaration, opens
 * a function definition; its name is the identifier before the first `(`. A function whose return
 * type is itself a function pointer is therefore misnamed. A declaration with several declarators
 * (`int a, b;`) is seen by its last name only. Macros and enumeration constants are not checked
 * for prefixes. */
#include "test_util.h"
#include "test_proc.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The limits of the house rules: lines per file and lines per function body, from the line of its
 * opening brace to that of its closing brace, blank lines and comments included. */
enum { MAX_FILE_LINES = 900, MAX_BODY_LINES = 80 };

/* The layers, lowest first: a file may include only from its own layer or those below. */
static const char *const layers[] = { "engine", "models", "plots", "cli" };
enum { NLAYERS = sizeof layers / sizeof *layers };

/* ---- Small utilities ------------------------------------------------------------------------- */

/* A growing list of strings (file names or violation messages). */
typedef struct strlist {
    char **s;
    size_t n, cap;
} strlist;

static void strlist_add(strlist *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void strlist_add(strlist *l, const char *fmt, ...)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->s = realloc(l->s, l->cap * sizeof *l->s);
        assert_non_null(l->s);
    }
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    l->s[l->n] = strdup(buf);
    assert_non_null(l->s[l->n]);
    l->n++;
}

static void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->s[i]);
    free(l->s);
    *l = (strlist){ 0 };
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints every violation, then fails with their count. */
static void report(strlist *v, const char *rule)
{
    for (size_t i = 0; i < v->n; i++)
        print_error("%s\n", v->s[i]);
    size_t n = v->n;
    strlist_free(v);
    if (n > 0)
        fail_msg("%zu violation(s) of: %s", n, rule);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (run the test from the repository root)", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    size_t got = fread(text, 1, (size_t)size, f);
    fclose(f);
    text[got] = '\0';
    return text;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* The sources under the rules, sorted: every .c and .h of the layer directories, and eaflow.c. A
 * missing cli/ is fine; a missing engine/ means the test runs from the wrong place. */
static strlist source_files(void)
{
    strlist files = { 0 };
    for (int k = 0; k < NLAYERS; k++) {
        DIR *d = opendir(layers[k]);
        if (!d) {
            if (k == 0)
                fail_msg("no engine/ here: run the test from the repository root");
            continue;
        }
        struct dirent *e;
        while ((e = readdir(d)))
            if (e->d_name[0] != '.' && (ends_with(e->d_name, ".c") || ends_with(e->d_name, ".h")))
                strlist_add(&files, "%s/%s", layers[k], e->d_name);
        closedir(d);
    }
    strlist_add(&files, "eaflow.c");
    qsort(files.s, files.n, sizeof *files.s, cmp_str);
    return files;
}

/* The layer of a path (engine/x.h or models/x.c ...), or NLAYERS for eaflow.c and anything at the
 * top, which sits above every layer. */
static int layer_of(const char *path)
{
    for (int k = 0; k < NLAYERS; k++) {
        size_t n = strlen(layers[k]);
        if (strncmp(path, layers[k], n) == 0 && path[n] == '/')
            return k;
    }
    return NLAYERS;
}

/* ---- Blanking comments, literals and preprocessor lines -------------------------------------- */

/* Blanks from p up to the end of a block comment (kept newlines), returning the position after. */
static char *blank_block_comment(char *p)
{
    p[0] = p[1] = ' ';
    p += 2;
    while (*p && !(p[0] == '*' && p[1] == '/')) {
        if (*p != '\n')
            *p = ' ';
        p++;
    }
    if (*p) {
        p[0] = p[1] = ' ';
        p += 2;
    }
    return p;
}

/* Blanks a preprocessor directive starting at p (its `#`), continuation lines included. */
static char *blank_directive(char *p)
{
    while (*p && *p != '\n') {
        if (p[0] == '/' && p[1] == '*') {
            p = blank_block_comment(p);
        } else if (p[0] == '\\' && p[1] == '\n') {
            p[0] = ' ';
            p += 2;
        } else {
            *p++ = ' ';
        }
    }
    return p;
}

/* Blanks a string or character literal starting at its opening quote p. */
static char *blank_literal(char *p)
{
    char quote = *p;
    *p++ = ' ';
    while (*p && *p != quote && *p != '\n') {
        if (p[0] == '\\' && p[1] && p[1] != '\n')
            *p++ = ' ';
        *p++ = ' ';
    }
    if (*p == quote)
        *p++ = ' ';
    return p;
}

/* Replaces comments, literals and directives by spaces in place, keeping every newline, so that
 * what is left is code with its line numbers. */
static void blank_non_code(char *text)
{
    char *p = text;
    int line_start = 1;
    while (*p) {
        if (line_start && *p == '#') {
            p = blank_directive(p);
        } else if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                *p++ = ' ';
        } else if (p[0] == '/' && p[1] == '*') {
            p = blank_block_comment(p);
        } else if (*p == '"' || *p == '\'') {
            p = blank_literal(p);
        } else {
            if (*p == '\n')
                line_start = 1;
            else if (!isspace((unsigned char)*p))
                line_start = 0;
            p++;
        }
    }
}

/* ---- Tokens and top-level declarations ------------------------------------------------------- */

typedef struct token {
    const char *s;   /* into the blanked text */
    int len;
    int line;
} token;

typedef struct tokens {
    token *t;
    size_t n, cap;
} tokens;

static int tok_is(const token *t, const char *word)
{
    return (int)strlen(word) == t->len && strncmp(t->s, word, (size_t)t->len) == 0;
}

static int tok_ident(const token *t)
{
    return isalpha((unsigned char)t->s[0]) || t->s[0] == '_';
}

/* Identifiers, numbers (as one token, not used) and single punctuation characters. */
static tokens tokenize(const char *text)
{
    tokens tk = { 0 };
    int line = 1;
    for (const char *p = text; *p;) {
        if (*p == '\n' || isspace((unsigned char)*p)) {
            line += *p++ == '\n';
            continue;
        }
        const char *start = p;
        if (isalnum((unsigned char)*p) || *p == '_') {
            while (isalnum((unsigned char)*p) || *p == '_' || *p == '.')
                p++;
        } else {
            p++;
        }
        if (tk.n == tk.cap) {
            tk.cap = tk.cap ? 2 * tk.cap : 1024;
            tk.t = realloc(tk.t, tk.cap * sizeof *tk.t);
            assert_non_null(tk.t);
        }
        tk.t[tk.n++] = (token){ start, (int)(p - start), line };
    }
    return tk;
}

/* The index of the bracket closing the one at i (same kind), or tk->n when unbalanced. */
static size_t matching(const tokens *tk, size_t i)
{
    char open = tk->t[i].s[0], close = open == '{' ? '}' : open == '(' ? ')' : ']';
    int depth = 0;
    for (size_t j = i; j < tk->n; j++) {
        if (tk->t[j].len != 1)
            continue;
        depth += tk->t[j].s[0] == open;
        depth -= tk->t[j].s[0] == close;
        if (depth == 0)
            return j;
    }
    return tk->n;
}

/* What a top-level name is, for the prefix rule. */
typedef enum name_kind { NAME_FUNCTION, NAME_OBJECT, NAME_TYPE } name_kind;

typedef struct name {
    char id[128];
    name_kind kind;
    int is_static;
    int line;
    int body_lines;   /* function definitions: lines from `{` to `}`; 0 for declarations */
} name;

typedef struct names {
    name *v;
    size_t n, cap;
} names;

static void names_add(names *ns, const token *t, name_kind kind, int is_static, int body_lines)
{
    if (ns->n == ns->cap) {
        ns->cap = ns->cap ? 2 * ns->cap : 64;
        ns->v = realloc(ns->v, ns->cap * sizeof *ns->v);
        assert_non_null(ns->v);
    }
    name *x = &ns->v[ns->n++];
    snprintf(x->id, sizeof x->id, "%.*s", t->len, t->s);
    x->kind = kind;
    x->is_static = is_static;
    x->line = t->line;
    x->body_lines = body_lines;
}

/* Words that can stand before a `(` without naming a function. */
static int not_a_name(const token *t)
{
    static const char *const words[] = { "__attribute__", "_Static_assert", "static_assert",
                                         "_Alignas", "__typeof__", "typeof", "sizeof" };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (tok_is(t, words[i]))
            return 1;
    return 0;
}

/* The declaration tokens [from, to) at the top level, with brace groups (struct bodies,
 * initialisers) and `__attribute__((...))` left out: indices into tk, written to out. */
static size_t decl_tokens(const tokens *tk, size_t from, size_t to, size_t *out)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        const token *t = &tk->t[i];
        if (t->len == 1 && t->s[0] == '{') {
            i = matching(tk, i);
        } else if (tok_is(t, "__attribute__") && i + 1 < to && tk->t[i + 1].s[0] == '(') {
            i = matching(tk, i + 1);
        } else {
            out[n++] = i;
        }
    }
    return n;
}

/* Records the name a finished top-level declaration [from, to) introduces, if any: a typedef
 * name, a function prototype or an object; struct, union and enum tags with a body are recorded
 * where the body opens. */
static void record_declaration(const tokens *tk, size_t from, size_t to, names *ns)
{
    size_t *ix = malloc((to - from + 1) * sizeof *ix);
    assert_non_null(ix);
    size_t n = decl_tokens(tk, from, to, ix);
    int is_typedef = 0, is_static = 0, depth = 0;
    const token *fn = NULL, *last = NULL, *pointer_name = NULL, *before_init = NULL;
    for (size_t k = 0; k < n; k++) {
        const token *t = &tk->t[ix[k]], *prev = k > 0 ? &tk->t[ix[k - 1]] : NULL;
        is_typedef |= tok_is(t, "typedef");
        is_static |= tok_is(t, "static");
        if (t->len == 1 && (t->s[0] == '(' || t->s[0] == '[')) {
            /* `( * name )`: a function pointer's name. */
            if (t->s[0] == '(' && depth == 0 && k + 3 < n && tk->t[ix[k + 1]].s[0] == '*' &&
                tok_ident(&tk->t[ix[k + 2]]) && tk->t[ix[k + 3]].s[0] == ')' && !pointer_name)
                pointer_name = &tk->t[ix[k + 2]];
            else if (t->s[0] == '(' && depth == 0 && !fn && prev && tok_ident(prev) &&
                     !not_a_name(prev))
                fn = prev;
            depth++;
        } else if (t->len == 1 && (t->s[0] == ')' || t->s[0] == ']')) {
            depth--;
        } else if (depth == 0 && t->len == 1 && t->s[0] == '=' && !before_init) {
            before_init = last;
        } else if (depth == 0 && tok_ident(t) && !before_init) {
            last = t;
        }
    }
    const token *declared = last;
    /* `struct tag;` or `enum tag { ... };` declare no object. */
    for (size_t k = 1; k < n && last; k++)
        if (&tk->t[ix[k]] == last && (tok_is(&tk->t[ix[k - 1]], "struct") ||
                                      tok_is(&tk->t[ix[k - 1]], "union") ||
                                      tok_is(&tk->t[ix[k - 1]], "enum")))
            declared = NULL;
    if (is_typedef && (pointer_name || declared))
        names_add(ns, pointer_name ? pointer_name : declared, NAME_TYPE, 0, 0);
    else if (!is_typedef && pointer_name)
        names_add(ns, pointer_name, NAME_OBJECT, is_static, 0);
    else if (!is_typedef && fn)
        names_add(ns, fn, NAME_FUNCTION, is_static, 0);
    else if (!is_typedef && declared && n > 1)
        names_add(ns, before_init ? before_init : declared, NAME_OBJECT, is_static, 0);
    free(ix);
}

/* Whether the top-level `{` at i opens a function body: the token before it is `)` and no `=`
 * comes before it in the declaration started at from. */
static int opens_function(const tokens *tk, size_t from, size_t i)
{
    if (i == from || !(tk->t[i - 1].len == 1 && tk->t[i - 1].s[0] == ')'))
        return 0;
    for (size_t k = from; k < i; k++)
        if (tk->t[k].len == 1 && tk->t[k].s[0] == '=')
            return 0;
    return 1;
}

/* Records a function definition whose body opens at i, returning the index of its closing `}`. */
static size_t record_function(const tokens *tk, size_t from, size_t i, names *ns)
{
    size_t end = matching(tk, i);
    int is_static = 0;
    const token *fn = NULL;
    for (size_t k = from; k < i; k++) {
        const token *t = &tk->t[k];
        is_static |= tok_is(t, "static");
        if (!fn && t->len == 1 && t->s[0] == '(' && k > from && tok_ident(&tk->t[k - 1]) &&
            !not_a_name(&tk->t[k - 1]))
            fn = &tk->t[k - 1];
    }
    int last_line = end < tk->n ? tk->t[end].line : tk->t[tk->n - 1].line;
    if (fn)
        names_add(ns, fn, NAME_FUNCTION, is_static, last_line - tk->t[i].line + 1);
    return end;
}

/* Every name a file introduces at the top level, with its function bodies' lengths. */
static names scan_names(const char *path)
{
    char *text = read_file(path);
    blank_non_code(text);
    tokens tk = tokenize(text);
    names ns = { 0 };
    size_t from = 0;
    for (size_t i = 0; i < tk.n; i++) {
        const token *t = &tk.t[i];
        if (t->len != 1)
            continue;
        if (t->s[0] == '{' && opens_function(&tk, from, i)) {
            i = record_function(&tk, from, i, &ns);
            from = i + 1;
        } else if (t->s[0] == '{') {
            /* A struct, union or enum body, or an initialiser: its tag is a name. */
            if (i >= 2 && tok_ident(&tk.t[i - 1]) &&
                (tok_is(&tk.t[i - 2], "struct") || tok_is(&tk.t[i - 2], "union") ||
                 tok_is(&tk.t[i - 2], "enum")))
                names_add(&ns, &tk.t[i - 1], NAME_TYPE, 0, 0);
            i = matching(&tk, i);
        } else if (t->s[0] == ';') {
            record_declaration(&tk, from, i, &ns);
            from = i + 1;
        }
    }
    free(tk.t);
    free(text);
    return ns;
}

static const name *names_find(const names *ns, const char *id)
{
    for (size_t i = 0; i < ns->n; i++)
        if (strcmp(ns->v[i].id, id) == 0)
            return &ns->v[i];
    return NULL;
}

/* ---- The rules ------------------------------------------------------------------------------- */

static void test_file_lengths(void **state)
{
    (void)state;
    strlist files = source_files(), v = { 0 };
    for (size_t f = 0; f < files.n; f++) {
        char *text = read_file(files.s[f]);
        int lines = 0;
        for (const char *p = text; *p; p++)
            lines += *p == '\n';
        if (*text && text[strlen(text) - 1] != '\n')
            lines++;
        if (lines > MAX_FILE_LINES)
            strlist_add(&v, "%s:%d: file of %d lines (at most %d)", files.s[f], lines, lines,
                        MAX_FILE_LINES);
        free(text);
    }
    strlist_free(&files);
    report(&v, "files of at most 900 lines");
}

static void test_function_lengths(void **state)
{
    (void)state;
    strlist files = source_files(), v = { 0 };
    for (size_t f = 0; f < files.n; f++) {
        names ns = scan_names(files.s[f]);
        for (size_t i = 0; i < ns.n; i++)
            if (ns.v[i].body_lines > MAX_BODY_LINES)
                strlist_add(&v, "%s:%d: %s has a body of %d lines (at most %d)", files.s[f],
                            ns.v[i].line, ns.v[i].id, ns.v[i].body_lines, MAX_BODY_LINES);
        free(ns.v);
    }
    strlist_free(&files);
    report(&v, "function bodies of at most 80 lines");
}

static const char *const kind_words[] = { "function", "object", "type" };

/* The header's own names: each must start with stem_, or be the stem itself for a type. A name
 * seen twice (a struct tag and its typedef) is reported once. */
static void check_header_names(const char *path, const char *stem, strlist *v)
{
    names ns = scan_names(path);
    size_t n = strlen(stem);
    for (size_t i = 0; i < ns.n; i++) {
        const name *x = &ns.v[i];
        int prefixed = strncmp(x->id, stem, n) == 0 && x->id[n] == '_';
        int is_stem = x->kind == NAME_TYPE && strcmp(x->id, stem) == 0;
        if (!prefixed && !is_stem && names_find(&ns, x->id) == x)
            strlist_add(v, "%s:%d: %s %s lacks the prefix %s_", path, x->line,
                        kind_words[x->kind], x->id, stem);
    }
    free(ns.v);
}

/* The names a .c file exports (non-static functions and objects): with a header X.h beside it
 * they must be declared there (where check_header_names checks their prefix); without one, only
 * main may be exported. */
static void check_source_names(const char *path, const char *header, const char *stem,
                               strlist *v)
{
    names ns = scan_names(path);
    names hs = { 0 };
    FILE *h = header ? fopen(header, "r") : NULL;
    if (h) {
        fclose(h);
        hs = scan_names(header);
    }
    for (size_t i = 0; i < ns.n; i++) {
        const name *x = &ns.v[i];
        if (x->is_static || x->kind == NAME_TYPE || strcmp(x->id, "main") == 0)
            continue;
        if (x->kind == NAME_FUNCTION && x->body_lines == 0)
            continue;   /* a prototype: what counts is where it is defined */
        if (!h)
            strlist_add(v, "%s:%d: %s %s is not static and there is no header %s.h", path,
                        x->line, kind_words[x->kind], x->id, stem);
        else if (!names_find(&hs, x->id))
            strlist_add(v, "%s:%d: %s %s is not static and not declared in %s", path, x->line,
                        kind_words[x->kind], x->id, header);
    }
    free(ns.v);
    free(hs.v);
}

static void test_name_prefixes(void **state)
{
    (void)state;
    strlist files = source_files(), v = { 0 };
    for (size_t f = 0; f < files.n; f++) {
        const char *path = files.s[f];
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        char stem[128], header[256];
        snprintf(stem, sizeof stem, "%.*s", (int)(strlen(base) - 2), base);
        snprintf(header, sizeof header, "%.*s.h", (int)(strlen(path) - 2), path);
        if (ends_with(path, ".h"))
            check_header_names(path, stem, &v);
        else
            check_source_names(path, header, stem, &v);
    }
    strlist_free(&files);
    report(&v, "names carry their header's prefix");
}

/* The quoted includes of the file at path, checked against the layers as if it were at `as`: none
 * from a higher layer, and none of the model's internals (models/ea_model.h) from plots/. */
static void check_includes(const char *path, const char *as, strlist *v)
{
    char *text = read_file(path);
    int from = layer_of(as), line = 1;
    for (char *p = text; *p; line++) {
        char *end = strchr(p, '\n');
        if (end)
            *end = '\0';
        char target[256];
        if (sscanf(p, " # include \"%255[^\"]\"", target) == 1) {
            const char *t = target;
            while (strncmp(t, "../", 3) == 0)
                t += 3;
            int to = strchr(t, '/') ? layer_of(t) : from;
            const char *base = strrchr(t, '/') ? strrchr(t, '/') + 1 : t;
            if (to > from && to < NLAYERS)
                strlist_add(v, "%s:%d: includes %s from the higher layer %s/", as, line, target,
                            layers[to]);
            if (from == 2 && strcmp(base, "ea_model.h") == 0)
                strlist_add(v, "%s:%d: plots include the model's internals (%s)", as, line,
                            target);
        }
        if (!end)
            break;
        p = end + 1;
    }
    free(text);
}

static void test_includes_follow_layers(void **state)
{
    (void)state;
    strlist files = source_files(), v = { 0 };
    for (size_t f = 0; f < files.n; f++)
        check_includes(files.s[f], files.s[f], &v);
    strlist_free(&files);
    report(&v, "includes point down the layers, plots never into models/ea_model.h");
}

static void test_no_fixed_path_buffers(void **state)
{
    (void)state;
    strlist files = source_files(), v = { 0 };
    for (size_t f = 0; f < files.n; f++) {
        char *text = read_file(files.s[f]);
        int line = 1, reported = 0;
        for (const char *p = text; *p; p++) {
            line += *p == '\n';
            if (strncmp(p, "[4300]", 6) == 0 && line != reported) {
                strlist_add(&v, "%s:%d: a [4300] path buffer", files.s[f], line);
                reported = line;
            }
        }
        free(text);
    }
    strlist_free(&files);
    report(&v, "no [4300] path buffers");
}

/* The directories that are not the repository's own files: git's, and what .gitignore leaves out
 * (build trees, the outputs of make demo). */
static int outside_repository(const char *name)
{
    static const char *const skip[] = { ".git", "build", "build-asan", "build-afl", "out" };
    for (size_t i = 0; i < sizeof skip / sizeof *skip; i++)
        if (strcmp(name, skip[i]) == 0)
            return 1;
    return 0;
}

/* Adds to v each line of the file at path that holds one of the n needles. */
static void find_needles(const char *path, const char *const *needles, int n, strlist *v)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    char line[8192];
    for (int no = 1; fgets(line, sizeof line, f); no += strchr(line, '\n') != NULL)
        for (int i = 0; i < n; i++)
            if (strstr(line, needles[i]))
                strlist_add(v, "%s:%d: refers to %s", path, no, needles[i]);
    fclose(f);
}

/* Walks dir (a repository path, "." for the root) and checks every regular file. */
static void walk_for_needles(const char *dir, const char *const *needles, int n, strlist *v)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            (strcmp(dir, ".") == 0 && (outside_repository(e->d_name) ||
                                       strcmp(e->d_name, "eaflow") == 0)))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            walk_for_needles(path, needles, n, v);
        else if (S_ISREG(st.st_mode))
            find_needles(path, needles, n, v);
    }
    closedir(d);
}

/* A clone of the repository holds everything its files cite: the scenarios and the code cite
 * scenarios/SOURCES.md, not the notes of the project's first sessions, which lay beside it in a
 * shared directory. The needles are written with escapes so that this file does not hold them. */
static void test_no_path_outside_repository(void **state)
{
    (void)state;
    const char *const needles[] = { "\x2e\x2e/shared", "DOMAIN\x2emd" };
    strlist v = { 0 };
    walk_for_needles(".", needles, 2, &v);
    report(&v, "no file refers to a path outside the repository");
}

/* The scanner on a made-up file, so that a change to it cannot silently stop finding anything. */
static void test_scanner_on_a_sample(void **state)
{
    (void)state;
    char sample[] = "/tmp/eaflow-layout-XXXXXX";
    test_temp_text(sample, "#include <stdio.h>\n"
          "#define BODY { if (x) { y(); } }\n"
          "/* int commented_out(void) { */\n"
          "typedef struct ls_point { int x; } ls_point;\n"
          "typedef int (*ls_fn)(int);\n"
          "static const char *text = \"{ not a brace\";\n"
          "extern int ls_count;\n"
          "int ls_value = 3;\n"
          "static int helper(int a);\n"
          "int ls_sum(int a,\n"
          "           int b)\n"
          "{\n"
          "    char c = '{';\n"
          "    return a + b + c;\n"
          "}\n"
          "static int helper(int a) { return a; }\n"
          "enum ls_kind { LS_A, LS_B };\n");
    names ns = scan_names(sample);
    remove(sample);
    static const struct {
        const char *id;
        name_kind kind;
        int is_static, line, body;
    } want[] = {
        { "ls_point", NAME_TYPE, 0, 4, 0 },  { "ls_point", NAME_TYPE, 0, 4, 0 },
        { "ls_fn", NAME_TYPE, 0, 5, 0 },     { "text", NAME_OBJECT, 1, 6, 0 },
        { "ls_count", NAME_OBJECT, 0, 7, 0 }, { "ls_value", NAME_OBJECT, 0, 8, 0 },
        { "helper", NAME_FUNCTION, 1, 9, 0 }, { "ls_sum", NAME_FUNCTION, 0, 10, 4 },
        { "helper", NAME_FUNCTION, 1, 16, 1 }, { "ls_kind", NAME_TYPE, 0, 17, 0 },
    };
    assert_int_equal(ns.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < ns.n; i++) {
        assert_string_equal(ns.v[i].id, want[i].id);
        assert_int_equal(ns.v[i].kind, want[i].kind);
        assert_int_equal(ns.v[i].is_static, want[i].is_static);
        assert_int_equal(ns.v[i].line, want[i].line);
        assert_int_equal(ns.v[i].body_lines, want[i].body);
    }
    free(ns.v);
}

/* The include rule on made-up files placed, for the rule, in plots/ and engine/. */
static void test_include_rule_on_a_sample(void **state)
{
    (void)state;
    char sample[] = "/tmp/eaflow-layout-XXXXXX";
    test_temp_text(sample, "#include <stdio.h>\n"
                         "#include \"../engine/eng_error.h\"\n"
                         "#include \"pl_text.h\"\n"
                         "  #  include \"../models/ea_model.h\"\n"
                         "#include \"../models/ea_scenario.h\"\n"
                         "#include \"cli/cli_main.h\"\n");
    strlist v = { 0 };
    check_includes(sample, "plots/pl_sample.c", &v);
    assert_int_equal(v.n, 2);
    assert_string_equal(v.s[0], "plots/pl_sample.c:4: plots include the model's internals "
                                "(../models/ea_model.h)");
    assert_string_equal(v.s[1], "plots/pl_sample.c:6: includes cli/cli_main.h from the higher "
                                "layer cli/");
    strlist_free(&v);
    check_includes(sample, "engine/eng_sample.c", &v);
    remove(sample);
    /* From the engine, models/ and cli/ are both above (the model's internals are not a plots rule
     * here); pl_text.h, without a directory, is taken as the engine's own. */
    assert_int_equal(v.n, 3);
    assert_string_equal(v.s[0], "engine/eng_sample.c:4: includes ../models/ea_model.h from the "
                                "higher layer models/");
    strlist_free(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scanner_on_a_sample),
        cmocka_unit_test(test_include_rule_on_a_sample),
        cmocka_unit_test(test_file_lengths),
        cmocka_unit_test(test_function_lengths),
        cmocka_unit_test(test_name_prefixes),
        cmocka_unit_test(test_includes_follow_layers),
        cmocka_unit_test(test_no_fixed_path_buffers),
        cmocka_unit_test(test_no_path_outside_repository),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
